#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The reference for test-palette's colour-vision check, written independently
# of src/core/precis-palette-cvd.c with numpy (Debian's python3-numpy 1.24):
# simulate protanopia, deuteranopia and tritanopia with the severity-1.0
# matrices of Machado, Oliveira and Fernandes (2009) on linear sRGB, then take
# the CIE 1976 ΔE*ab (D65) between the outcome colours.
#
#   /usr/bin/python3 tests/data/reference/cvd-delta-e.py
import numpy as np

MACHADO = {
    'protanopia': [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    'deuteranopia': [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    'tritanopia': [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
SRGB_TO_XYZ = [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
WHITE = [0.95047, 1.0, 1.08883]
OUTCOMES = {'TP': 0x009E73, 'FP': 0xD55E00, 'FN': 0xE69F00}


def linear(hex_colour):
    c = np.array([(hex_colour >> 16) & 255, (hex_colour >> 8) & 255, hex_colour & 255]) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(lin):
    t = np.array(SRGB_TO_XYZ) @ lin / np.array(WHITE)
    f = np.where(t > 216 / 24389, np.cbrt(t), (24389 / 27 * t + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


for name, m in [('normal', np.eye(3))] + list(MACHADO.items()):
    labs = {k: lab(np.clip(np.array(m) @ linear(v), 0, 1)) for k, v in OUTCOMES.items()}
    for a, b in [('TP', 'FP'), ('TP', 'FN'), ('FP', 'FN')]:
        print(f'{name} {a}-{b} {np.linalg.norm(labs[a] - labs[b]):.6f}')

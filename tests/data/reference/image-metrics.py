#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The reference for test-image-metrics: SEMANTICS.md §9's brightness, contrast
# and sharpness, computed with Pillow (Debian's python3-pil 9.4) and numpy
# (1.24), independently of src/core/precis-image-metrics.c.
#
#   /usr/bin/python3 tests/data/reference/image-metrics.py FILE...
import sys

import numpy as np
from PIL import Image

for path in sys.argv[1:]:
    rgb = np.asarray(Image.open(path).convert('RGB'), dtype=np.float64)
    g = 0.299 * rgb[:, :, 0] + 0.587 * rgb[:, :, 1] + 0.114 * rgb[:, :, 2]   # 255·Y
    y = g / 255.0
    lap = g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1] - 4.0 * g[1:-1, 1:-1]
    print(f'{path} {y.mean():.17g} {y.std():.17g} {lap.var():.17g}')

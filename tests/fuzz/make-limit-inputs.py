#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the regression inputs of the hardening work (issue 7) into
# tests/data/bad/ and prints their EXPECTED.tsv rows. Run from tests/fuzz/:
#   python3 make-limit-inputs.py
# Each file is the smallest input found that triggered a problem (unbounded
# rasterisation work), with the documented refusal as its expectation.
import json
import os

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'bad'))

W, H = 21474, 100000   # 100000 x 21474 <= 2^31 pixels: a legal image

def gt(annotation):
    return {"images": [{"id": 1, "file_name": "a.png", "width": W, "height": H}],
            "categories": [{"id": 1, "name": "a"}],
            "annotations": [dict({"id": 1, "image_id": 1, "category_id": 1, "iscrowd": 0},
                                 **annotation)]}

def zigzag(n):
    xy = []
    for i in range(n):
        xy += [0 if i % 2 == 0 else W, round(i * H / n)]
    return xy

rows = []

# 1000 vertices alternating between x = 0 and x = W: 1000 x 21474 = 21 M pixels
# of outline > 2^24 (a 10 000-vertex one took > 120 s and 2.4 GB before the limit).
json.dump(gt({"segmentation": [zigzag(1000)]}), open("outline-limit.json", "w"))
rows.append(("outline-limit.json", "gt", "LIMIT",
             "annotations[0].segmentation: the outline inside the image is longer than the limit"))

# The same zigzag as a polyline (each segment also costs the band width).
json.dump(gt({"polyline": [zigzag(1000)]}), open("polyline-outline-limit.json", "w"))
rows.append(("polyline-outline-limit.json", "gt", "LIMIT",
             "annotations[0].polyline: the outline inside the image is longer than the limit"))

# 200 triangles spanning the width: outline about 200 x 2 x 21474 = 8.6 M < 2^24,
# but merging 200 rings costs about 200 x 8.6 M > 2^30 steps.
rings = [[0, 10 * i, W, 10 * i + 5, 0, 10 * i + 9] for i in range(200)]
json.dump(gt({"segmentation": rings}), open("ring-work-limit.json", "w"))
rows.append(("ring-work-limit.json", "gt", "LIMIT",
             "annotations[0].segmentation: 200 rings with an outline of"))

for r in rows:
    print("\t".join(r))

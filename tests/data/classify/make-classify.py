#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the small classification project of this folder (SEMANTICS.md §11) and
# reference.json, scikit-learn's figures for it. Run once by hand from
# tests/data/classify/ with Debian's python3-sklearn (1.2.1) and python3-numpy
# (1.24.2):  /usr/bin/python3 make-classify.py   (the outputs are committed).
#
# The project: 7 categories (id 7 is never a GT label nor a top-1), 60 images,
# 58 with a GT label (ids 59 and 60 have none). Two models:
#   top5   : 5 predictions of distinct classes per labelled image (over-confident
#            scores), so top-5 accuracy is defined;
#   sparse : 0 to 3 predictions per image, some images with none, two top-1
#            score ties (file order decides), top-1 scores exactly 0, 0.4
#            (= 6/15, a bin edge), 1 and 0.5 (= s).
# The references, at s = 0 and s = 0.5, are scikit-learn's with y_pred = -1 for
# `none`: accuracy_score; precision_recall_fscore_support (per class, macro,
# weighted) with zero_division=0 over labels = GT ∪ top-1 classes; the confusion
# matrix over every category and -1, without the last row; top_k_accuracy_score
# (k = 5, at s = 0; with dropped predictions the top-5 at s is counted by the
# loop below); calibration_curve (15 uniform bins) for the per-bin accuracy and
# mean confidence, the counts with the same np.searchsorted binning; the ECE
# from those.
import json, random

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, confusion_matrix,
                             precision_recall_fscore_support, top_k_accuracy_score)

rng = random.Random(16)
names = ['cat', 'dog', 'fox', 'owl', 'eel', 'yak', 'unused']
cats = [{'id': i + 1, 'name': n} for i, n in enumerate(names)]
images = [{'id': i, 'file_name': 'img%02d.png' % i, 'width': 32, 'height': 24} for i in range(1, 61)]
labelled = list(range(1, 59))
# Classes 1-6 with uneven support; some confusable pairs (cat/dog, fox/owl).
gt_label = {i: rng.choice([1, 1, 1, 2, 2, 3, 3, 4, 5, 6]) for i in labelled}
anns = []
for n, i in enumerate(rng.sample(labelled, len(labelled))):   # file order ≠ image order
    anns.append({'id': 100 + n, 'image_id': i, 'category_id': gt_label[i]})
gt = {'images': images, 'categories': cats, 'annotations': anns}

confuse = {1: 2, 2: 1, 3: 4, 4: 3, 5: 6, 6: 5}
top5 = []
for i in labelled:
    g = gt_label[i]
    r = rng.random()
    first = g if r < 0.6 else confuse[g] if r < 0.85 else rng.choice([c for c in range(1, 7) if c != g])
    others = [c for c in range(1, 8) if c != first]
    rng.shuffle(others)
    classes = [first] + others[:4]
    scores = sorted({round(rng.uniform(0.02, 0.99), 4) for _ in range(12)}, reverse=True)[:5]
    scores[0] = round(0.55 + 0.45 * scores[0], 4)   # over-confident top-1
    order = list(range(5))
    rng.shuffle(order)                                # file order ≠ score order
    for j in order:
        top5.append({'image_id': i, 'category_id': classes[j], 'score': scores[j]})

sparse = []
for i in list(range(1, 61)):
    k = rng.choice([0, 1, 2, 3, 3])
    if i in (3, 4):
        k = 2   # ties below
    g = gt_label.get(i, 1)
    for j in range(k):
        c = g if rng.random() < 0.5 else rng.randint(1, 6)
        sparse.append({'image_id': i, 'category_id': c, 'score': round(rng.random(), 3)})
# Ties of the top-1 score: file order decides (the first listed wins).
for i, (a, b) in ((3, (2, 1)), (4, (5, 5))):
    for r in sparse:
        if r['image_id'] == i:
            r['score'] = 0.7
    first = [r for r in sparse if r['image_id'] == i]
    first[0]['category_id'], first[1]['category_id'] = a, b
# Edge scores on the only prediction (so the top-1) of labelled images: 0, a bin
# edge (0.4 = 6/15), 1, and s = 0.5 itself (kept: dropped are the scores below s).
single = [i for i in labelled if sum(r['image_id'] == i for r in sparse) == 1]
for i, v in zip(single, (0.0, 0.4, 1.0, 0.5, 0.5)):
    for r in sparse:
        if r['image_id'] == i:
            r['score'] = v

def write(name, obj):
    with open(name, 'w') as f:
        json.dump(obj, f, indent=None, separators=(',', ':'))
        f.write('\n')

write('gt.json', gt)
write('predictions_top5.json', top5)
write('predictions_sparse.json', sparse)

ids = [c['id'] for c in cats]

def evaluate(preds, s):
    kept = [(n, r) for n, r in enumerate(preds) if r['score'] >= s]
    by_image = {}
    for n, r in kept:
        by_image.setdefault(r['image_id'], []).append((-r['score'], n, r['category_id']))
    y_true, y_pred, conf, top5_hit = [], [], [], 0
    for i in labelled:
        lst = sorted(by_image.get(i, []))
        y_true.append(gt_label[i])
        y_pred.append(lst[0][2] if lst else -1)
        conf.append(-lst[0][0] if lst else 0.0)
        top5_hit += any(c == gt_label[i] for _, _, c in lst[:5])
    y_true, y_pred, conf = np.array(y_true), np.array(y_pred), np.array(conf)
    labels = sorted((set(y_true) | set(y_pred)) - {-1})
    p, r, f, sup = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    macro = precision_recall_fscore_support(y_true, y_pred, labels=labels, average='macro', zero_division=0)
    weighted = precision_recall_fscore_support(y_true, y_pred, labels=labels, average='weighted', zero_division=0)
    cm = confusion_matrix(y_true, y_pred, labels=ids + [-1])[:-1]
    correct = (y_true == y_pred).astype(int)
    prob_true, prob_pred = calibration_curve(correct, conf, n_bins=15, strategy='uniform')
    edges = np.linspace(0.0, 1.0, 16)
    counts = np.bincount(np.searchsorted(edges[1:-1], conf), minlength=15)
    nonempty = counts > 0
    ece = float(np.sum(counts[nonempty] / len(conf) * np.abs(prob_true - prob_pred)))
    bins = []
    it = iter(zip(prob_true, prob_pred))
    for b in range(15):
        if counts[b]:
            acc, mean = next(it)
            bins.append({'n': int(counts[b]), 'accuracy': float(acc), 'confidence': float(mean)})
        else:
            bins.append({'n': 0, 'accuracy': None, 'confidence': None})
    answered = int(np.sum(y_pred != -1))
    out = {
        'n_images': len(y_true),
        'correct': int(correct.sum()),
        'answered': answered,
        'accuracy': float(accuracy_score(y_true, y_pred)),
        'top5_correct': top5_hit,
        'macro': [float(macro[0]), float(macro[1]), float(macro[2])],
        'weighted': [float(weighted[0]), float(weighted[1]), float(weighted[2])],
        'per_class': [{'category_id': int(c), 'P': float(p[k]), 'R': float(r[k]), 'F1': float(f[k]),
                       'support': int(sup[k]),
                       'TP': int(cm[ids.index(c)][ids.index(c)]),
                       'FP': int(cm[:, ids.index(c)].sum() - cm[ids.index(c)][ids.index(c)]),
                       'FN': int(cm[ids.index(c)].sum() - cm[ids.index(c)][ids.index(c)])}
                      for k, c in enumerate(labels)],
        'confusion': cm.tolist(),
        'bins': bins,
        'ece': ece,
        'coverage': answered / len(y_true),
        'selective_accuracy': float(correct.sum() / answered) if answered else None,
    }
    if s == 0 and all(len(by_image.get(i, [])) >= 5 for i in labelled):
        y_score = np.zeros((len(labelled), len(ids)))
        for row, i in enumerate(labelled):
            for negscore, _, c in by_image[i]:
                y_score[row, ids.index(c)] = -negscore
        out['top5_accuracy'] = float(top_k_accuracy_score(y_true, y_score, k=5, labels=ids))
    return out

ref = {'sklearn': sklearn.__version__, 'numpy': np.__version__, 'models': {}}
for name, preds in (('top5', top5), ('sparse', sparse)):
    ref['models'][name] = {str(s): evaluate(preds, s) for s in (0.0, 0.5)}
with open('reference.json', 'w') as f:
    json.dump(ref, f, indent=1)
    f.write('\n')

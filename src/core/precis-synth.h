/* precis-synth.h: deterministic COCO-shaped synthetic projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "precis-dataset.h"

G_BEGIN_DECLS

/**
 * PrecisSynthParams:
 * @n_images: number of images
 * @preds_per_image: K, the predictions written per image (at most K; exactly K
 *   when the image's detections and background false positives reach it)
 * @kind: the geometry: bbox (80 COCO classes, boxes), segm (80 classes, polygon
 *   GT, polygon or compressed-RLE predictions), keypoints (person, 17
 *   keypoints) or polyline (lanes at 1640 × 590)
 * @seed: the seed; the same parameters give byte-identical files
 */
typedef struct {
  guint         n_images;
  guint         preds_per_image;
  PrecisIouType kind;
  guint64       seed;
} PrecisSynthParams;

/**
 * PrecisSynthStats:
 *
 * What precis_synth_write() wrote. Areas are those written in the GT file.
 */
typedef struct {
  guint64 n_images;
  guint64 n_categories;
  guint64 n_gt;
  guint64 n_gt_crowd;
  guint64 n_gt_small;    /* area < 32² */
  guint64 n_gt_medium;   /* 32² ≤ area < 96² */
  guint64 n_gt_large;    /* area ≥ 96² */
  guint64 n_predictions;
  guint64 bytes_written;
} PrecisSynthStats;

/**
 * precis_synth_write:
 * @params: what to generate
 * @dir: the project folder (created when missing); `gt.json` and
 *   `predictions.json` are replaced
 * @stats: (out) (optional): what was written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError (a #GIOError naming the file)
 *
 * Writes a COCO-shaped project: ~7.3 GT per image (Poisson), COCO's
 * small / medium / large mix (about 41 / 34 / 24 %), image sizes around
 * 640 × 480, about 1 % crowd GT, and predictions jittered from the GT with
 * scores that follow their IoU, wrong classes, duplicates, misses and
 * background false positives. Uses its own PRNG (xoshiro256**), no
 * g_random, and a streaming writer, so 500k predictions take about a second.
 *
 * Returns: %TRUE on success
 */
gboolean precis_synth_write (const PrecisSynthParams *params,
                             GFile                   *dir,
                             PrecisSynthStats        *stats,
                             GCancellable            *cancellable,
                             GError                 **error);

/* A classification project (SEMANTICS.md §11): precis-synth-classify.c. */
gboolean precis_synth_classify_write (const PrecisSynthParams *params,
                                      GFile                   *dir,
                                      PrecisSynthStats        *stats,
                                      GCancellable            *cancellable,
                                      GError                 **error);

G_END_DECLS

/* precis-matcher.h: the threshold-independent precompute of one prediction set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset.h"

G_BEGIN_DECLS

/**
 * PrecisIouTable:
 *
 * The IoU (OKS for keypoints) table of one (image, category) pair that has at
 * least one prediction and at least one GT (crowd GTs included): rows are the
 * predictions `dt_start .. dt_start + n_dt` of the prediction set (annotation
 * order, i.e. file order within the pair), columns the GT annotations
 * `gt_start .. gt_start + n_gt` (GT file order within the pair). `iou[r * n_gt + c]`
 * is exactly pycocotools' value (crowd GT: intersection over prediction area).
 */
typedef struct {
  guint32       image;
  guint32       category;
  guint32       dt_start;
  guint32       n_dt;
  guint32       gt_start;
  guint32       n_gt;
  const double *iou;
} PrecisIouTable;


/**
 * PrecisMatches:
 * @n_predictions: number of predictions (annotation order of the model's set)
 * @n_gt: number of GT annotations
 * @candidate: per prediction, its candidate GT (annotation index), or PRECIS_NO_INDEX
 * @iou: per prediction, the IoU (OKS) with its candidate, 0 without one
 * @d: per prediction, −1, +1 or the iou of the next prediction of its GT's chain
 * @crowd: per prediction, the largest IoU with a same-class crowd GT of its image, 0 if none
 * @tau: per GT, the largest iou among the predictions whose candidate it is; −1 if none
 *   (always −1 for crowd GTs)
 * @gt_crowd: per GT, 1 when it is a crowd GT for this IoU type (`iscrowd`; for
 *   keypoints also `num_keypoints` 0)
 * @chain_start: n_gt + 1 offsets into @chain
 * @chain: per GT g, `chain[chain_start[g] .. chain_start[g + 1]]` are the predictions
 *   with d ≠ +1 whose candidate is g, by (iou, score) descending, i.e. by score
 *   ascending: at threshold t the TP of g is the last of them with iou ≥ t
 * @class_start: n_categories + 1 offsets into @class_order
 * @class_order: per category c, `class_order[class_start[c] .. class_start[c + 1]]` are
 *   its predictions in pycocotools' ranking order: score descending, ties by image id
 *   ascending, then file order
 * @score_order: all predictions by score descending (same tie order)
 *
 * The threshold-independent stored values of SEMANTICS.md §3 steps 1–4, as
 * struct-of-arrays indexed by annotation index. Immutable; owned by the matcher.
 */
typedef struct {
  guint          n_predictions;
  guint          n_gt;
  guint          n_categories;
  const guint32 *candidate;
  const double  *iou;
  const double  *d;
  const double  *crowd;
  const double  *tau;
  const guint8  *gt_crowd;
  const guint32 *chain_start;
  const guint32 *chain;
  const guint32 *class_start;
  const guint32 *class_order;
  const guint32 *score_order;
} PrecisMatches;

#define PRECIS_TYPE_MATCHER (precis_matcher_get_type ())
G_DECLARE_FINAL_TYPE (PrecisMatcher, precis_matcher, PRECIS, MATCHER, GObject)

/* Computes every IoU table (over all cores, GThreadPool over images), then the
 * SEMANTICS.md §3 stored values. @band_width: polyline band width, 0 = default. */
PrecisMatcher         *precis_matcher_new            (PrecisDataset      *dataset,
                                                      guint               model,
                                                      PrecisIouType       type,
                                                      double              band_width,
                                                      GCancellable       *cancellable,
                                                      PrecisProgressFunc  progress,
                                                      gpointer            progress_data,
                                                      GError            **error);

PrecisDataset         *precis_matcher_get_dataset    (PrecisMatcher *self);
guint                  precis_matcher_get_model      (PrecisMatcher *self);
PrecisIouType          precis_matcher_get_iou_type   (PrecisMatcher *self);

/* Tables sorted by (image, category). */
guint                  precis_matcher_get_n_tables   (PrecisMatcher *self);
const PrecisIouTable  *precis_matcher_get_table      (PrecisMatcher *self,
                                                      guint          index);
/* Index of the table of (image, category), or PRECIS_NO_INDEX when there is none
 * (no prediction or no GT in that pair). */
guint32                precis_matcher_find_table     (PrecisMatcher *self,
                                                      guint32        image,
                                                      guint32        category);

/* The SEMANTICS.md §3 stored values. */
const PrecisMatches   *precis_matcher_get_matches    (PrecisMatcher *self);
/* Bytes held by the tables and stored values. */
gsize                  precis_matcher_get_size       (PrecisMatcher *self);

G_END_DECLS

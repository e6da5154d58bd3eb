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

G_END_DECLS

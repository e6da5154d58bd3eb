/* precis-overlaps.h: the IoUs of every prediction with every GT of its image, of any class
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-matcher.h"

G_BEGIN_DECLS

/**
 * PrecisOverlapsData:
 * @n_predictions: predictions of the model (annotation order)
 * @n_gt: GT annotations
 * @n_images: images of the dataset
 * @n_categories: categories of the dataset
 * @pair_start: n_predictions + 1 offsets into @pair_gt and @pair_iou
 * @pair_gt: for prediction p, `pair_gt[pair_start[p] .. pair_start[p + 1]]` are the GTs of
 *   p's image, of any class, crowd GTs included, whose IoU (OKS) with p is > 0, in GT
 *   file order
 * @pair_iou: the matching IoUs (OKS), exactly precis_iou_matrix()'s values: for a crowd
 *   GT the crowd-IoU (intersection over the prediction's area)
 * @gt_crowd: per GT, the matcher's crowd flag (`iscrowd`; for keypoints also
 *   `num_keypoints` 0)
 * @image_gt_start: n_images + 1 offsets into @image_gt
 * @image_gt: per image, its non-crowd GTs in GT file order
 * @image_dt_start: n_images + 1 offsets into @image_dt
 * @image_dt: per image, its predictions by score descending, ties in file order
 * @image_rank: per image index, its position in the ground-truth file's `images` array
 *   (image id order when the order was not given)
 * @tide_order: every prediction by score descending, ties by (@image_rank, file order):
 *   the order in which TIDE's AP sees tied points
 *
 * What TIDE's error analysis (SEMANTICS.md §8) and the confusion matrix (§7) need
 * beyond the matcher's same-class tables, computed once: a sparse table of every
 * positive cross-class and same-class IoU within each image, and the score orders.
 * Immutable; safe to share between threads.
 */
typedef struct {
  guint          n_predictions;
  guint          n_gt;
  guint          n_images;
  guint          n_categories;
  const guint32 *pair_start;
  const guint32 *pair_gt;
  const double  *pair_iou;
  const guint8  *gt_crowd;
  const guint32 *image_gt_start;
  const guint32 *image_gt;
  const guint32 *image_dt_start;
  const guint32 *image_dt;
  const guint32 *image_rank;
  const guint32 *tide_order;
} PrecisOverlapsData;

#define PRECIS_TYPE_OVERLAPS (precis_overlaps_get_type ())
G_DECLARE_FINAL_TYPE (PrecisOverlaps, precis_overlaps, PRECIS, OVERLAPS, GObject)

/* Computes the table over all cores. @image_rank: n_images entries (copied), the
 * position of each image index in the GT file's `images` array, or NULL for image id
 * order (see precis_overlaps_read_image_order()). @band_width as for the matcher
 * (0 = default). */
PrecisOverlaps           *precis_overlaps_new          (PrecisMatcher  *matcher,
                                                        const guint32  *image_rank,
                                                        double          band_width,
                                                        GCancellable   *cancellable,
                                                        GError        **error);

PrecisMatcher            *precis_overlaps_get_matcher  (PrecisOverlaps *self);
const PrecisOverlapsData *precis_overlaps_get_data     (PrecisOverlaps *self);
/* Bytes held. */
gsize                     precis_overlaps_get_size     (PrecisOverlaps *self);

/* Reads the order of the `images` array of @dataset's ground-truth file (the loader
 * sorts images by id; TIDE walks them in file order, which decides score ties).
 * Returns n_images ranks indexed by image index, or NULL with @error set. */
guint32                  *precis_overlaps_read_image_order (PrecisDataset  *dataset,
                                                            GCancellable   *cancellable,
                                                            GError        **error);

G_END_DECLS

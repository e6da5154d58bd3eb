/* precis-iou.h: the IoU (or OKS) matrix of one (image, class) group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset.h"
#include "precis-rle.h"

G_BEGIN_DECLS

/**
 * PrecisShapes:
 *
 * The geometry of every annotation of one set prepared for one IoU type, built
 * once: for segm each annotation's merged RLE at its image's size (polygons
 * rasterised as pycocotools, boxes-only results as pycocotools turns them into
 * polygons); for polylines each annotation's band RLE; for both the pixel box
 * used by the overlap pre-check. Nothing is stored for bbox and keypoints.
 * Immutable once built; safe to share between threads.
 *
 * Details, as pycocotools does them: polygon rings are rasterised one by one and
 * merged (union), also a single ring; when the first ring has exactly 4 values
 * the rings are read as boxes [x, y, w, h] (frPyObjects' rule). RLE
 * segmentations are used in place: their runs stay in @anns->counts, so the
 * shapes must not outlive the annotations (the dataset). An annotation with a
 * box and no segmentation gets its box as the polygon (x1, y1), (x1, y2),
 * (x2, y2), (x2, y1) (loadRes; for GT pycocotools has no answer and this one is
 * ours); one with neither, an empty mask.
 */
typedef struct _PrecisShapes PrecisShapes;

/* @band_width: polyline band width, 0 for each image's default. Builds in parallel
 * over all cores; cancellable. */
PrecisShapes    *precis_shapes_new      (PrecisDataset           *dataset,
                                         const PrecisAnnotations *anns,
                                         PrecisIouType            type,
                                         double                   band_width,
                                         GCancellable            *cancellable,
                                         GError                 **error);
void             precis_shapes_free     (PrecisShapes            *shapes);
const PrecisRle *precis_shapes_get_rle  (const PrecisShapes      *shapes,
                                         guint32                  index);   /* NULL for bbox/keypoints */
gsize            precis_shapes_get_size (const PrecisShapes      *shapes);  /* bytes held */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisShapes, precis_shapes_free)

/**
 * precis_iou_matrix:
 *
 * Fills @out[r × n_gt + c] with the IoU (OKS for keypoints) of prediction
 * `dt_idx[r]` against GT `gt_idx[c]`, exactly as pycocotools computes it:
 * against a crowd GT the denominator is the prediction's area (OKS ignores
 * crowd). Pairs that cannot overlap are set to 0 without computing (bbox: closed
 * box test; segm and polyline: the masks' pixel boxes, as rleIou). OKS has no
 * such test: it is never exactly 0 for a finite distance, so every pair is
 * computed. A prediction or GT without keypoints gets OKS 0. Allocates nothing
 * on the heap. @dt_shapes and @gt_shapes may be NULL for bbox and keypoints and
 * are required for segm and polyline. The rows and columns may come from any
 * images and categories (each pair uses its own masks; OKS uses the GT's
 * category for the sigmas and keypoint count).
 */
void precis_iou_matrix (PrecisDataset           *dataset,
                        PrecisIouType            type,
                        const PrecisAnnotations *dt,
                        const PrecisShapes      *dt_shapes,
                        const guint32           *dt_idx,
                        guint                    n_dt,
                        const PrecisAnnotations *gt,
                        const PrecisShapes      *gt_shapes,
                        const guint32           *gt_idx,
                        guint                    n_gt,
                        double                  *out);

G_END_DECLS

/* precis-keypoints.h: object keypoint similarity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* COCO's 17 person sigmas, as pycocotools COCOeval.computeOks uses them. */
extern const double precis_coco_person_sigmas[17];

/* The sigmas SEMANTICS.md §2 prescribes for a category with @k keypoints and
 * the file's @sigmas (may be NULL): COCO's for k = 17 (whatever the file says,
 * as pycocotools), else the file's, else 0.05 each. Writes k values to @out. */
void   precis_keypoint_sigmas (guint         k,
                               const double *sigmas,
                               double       *out);

/* OKS of one prediction's keypoints @dt (3k values) against one GT, exactly as
 * pycocotools computeOks: @gt (3k values), @gt_area, @gt_bbox [x, y, w, h]; a GT
 * with no visible keypoint uses the distance to its box enlarged by its own size. */
double precis_oks             (const double *dt,
                               const double *gt,
                               double        gt_area,
                               const double *gt_bbox,
                               const double *sigmas,
                               guint         k);

/* numpy's pairwise summation of @n contiguous doubles (np.sum up to 8192 values). */
double precis_pairwise_sum    (const double *a,
                               gsize         n);

G_END_DECLS

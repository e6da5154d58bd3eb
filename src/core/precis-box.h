/* precis-box.h: continuous boxes [x, y, w, h]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* IoU of two boxes [x, y, w, h] with continuous area (no +1), computed in the same
 * order of operations as pycocotools bbIou so that the doubles are identical. With
 * @iscrowd the denominator is the area of @dt. */
double precis_box_iou (const double *dt,
                       const double *gt,
                       gboolean      iscrowd);

/* Whether two boxes can overlap (closed intervals): the batch pre-check. */
static inline gboolean
precis_box_may_overlap (const double *a,
                        const double *b)
{
  return a[0] <= b[0] + b[2] && b[0] <= a[0] + a[2] &&
         a[1] <= b[1] + b[3] && b[1] <= a[1] + a[3];
}

G_END_DECLS

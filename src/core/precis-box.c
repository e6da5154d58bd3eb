/* precis-box.c: continuous box IoU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* pycocotools and numpy round every operation separately: no fused multiply-add
 * may change the doubles here, whatever -march says. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#include <math.h>

#include "precis-box.h"

/**
 * precis_box_iou:
 * @dt: the prediction's box [x, y, w, h]
 * @gt: the GT's box [x, y, w, h]
 * @iscrowd: whether @gt is a crowd region
 *
 * Continuous-area IoU. The operations happen in the order pycocotools `bbIou`
 * uses (the overlap width is `min(x + w) - max(x)`, the union
 * `(area_dt + area_gt) - intersection`), so that the doubles are identical.
 * Against a crowd GT the denominator is the area of @dt.
 *
 * Returns: the IoU in [0, 1]; 0 when the boxes do not overlap with a positive area
 */
double
precis_box_iou (const double *dt,
                const double *gt,
                gboolean      iscrowd)
{
  double ow, oh, inter, uni;
  double dt_area, gt_area;

  g_return_val_if_fail (dt != NULL, 0.0);
  g_return_val_if_fail (gt != NULL, 0.0);

  dt_area = dt[2] * dt[3];
  gt_area = gt[2] * gt[3];

  ow = fmin (dt[2] + dt[0], gt[2] + gt[0]) - fmax (dt[0], gt[0]);
  if (!(ow > 0))
    return 0.0;
  oh = fmin (dt[3] + dt[1], gt[3] + gt[1]) - fmax (dt[1], gt[1]);
  if (!(oh > 0))
    return 0.0;

  inter = ow * oh;
  uni = iscrowd ? dt_area : dt_area + gt_area - inter;

  return inter / uni;
}

/* precis-keypoints.c: object keypoint similarity as pycocotools computeOks
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

#include <float.h>
#include <math.h>

#include "precis-keypoints.h"

/* pycocotools writes these as `np.array([.26, .25, …]) / 10.0`: the division is
 * part of the value (0.26 / 10.0 is 0.026000000000000002, not 0.026), so it is
 * kept here to obtain the same doubles. */
#define COCO_SIGMA(v) ((v) / 10.0)

const double precis_coco_person_sigmas[17] = {
  COCO_SIGMA (.26), COCO_SIGMA (.25), COCO_SIGMA (.25), COCO_SIGMA (.35),
  COCO_SIGMA (.35), COCO_SIGMA (.79), COCO_SIGMA (.79), COCO_SIGMA (.72),
  COCO_SIGMA (.72), COCO_SIGMA (.62), COCO_SIGMA (.62), COCO_SIGMA (1.07),
  COCO_SIGMA (1.07), COCO_SIGMA (.87), COCO_SIGMA (.87), COCO_SIGMA (.89),
  COCO_SIGMA (.89),
};

#define DEFAULT_SIGMA 0.05

/**
 * precis_keypoint_sigmas:
 * @k: the category's number of keypoints
 * @sigmas: (nullable): the category's `sigmas` from the file
 * @out: (out caller-allocates): @k values
 *
 * The per-keypoint sigmas of SEMANTICS.md §2: COCO's person sigmas when the
 * category has 17 keypoints (as pycocotools, which never reads sigmas from the
 * file), else the file's when it gives them, else 0.05 each.
 */
void
precis_keypoint_sigmas (guint         k,
                        const double *sigmas,
                        double       *out)
{
  g_return_if_fail (out != NULL || k == 0);

  for (guint i = 0; i < k; i++)
    {
      if (k == 17)
        out[i] = precis_coco_person_sigmas[i];
      else if (sigmas != NULL)
        out[i] = sigmas[i];
      else
        out[i] = DEFAULT_SIGMA;
    }
}

/**
 * precis_pairwise_sum:
 * @a: @n doubles
 * @n: how many
 *
 * numpy's pairwise summation (`np.sum` of a contiguous float64 array of up to
 * 8192 values, added to the identity 0.0): sequential below 8 values, eight
 * interleaved accumulators up to 128, halving above. Reproducing it keeps the
 * OKS sums and the COCO and `active` means bit-identical to numpy's.
 *
 * Returns: the sum
 */
double
precis_pairwise_sum (const double *a,
                     gsize         n)
{
  if (n < 8)
    {
      double res = 0.0;

      for (gsize i = 0; i < n; i++)
        res += a[i];
      return res;
    }
  else if (n <= 128)
    {
      double r[8];
      double res;
      gsize i;

      for (guint j = 0; j < 8; j++)
        r[j] = a[j];
      for (i = 8; i < n - (n % 8); i += 8)
        for (guint j = 0; j < 8; j++)
          r[j] += a[i + j];
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++)
        res += a[i];
      return res;
    }
  else
    {
      gsize n2 = n / 2;

      n2 -= n2 % 8;
      return precis_pairwise_sum (a, n2) + precis_pairwise_sum (a + n2, n - n2);
    }
}

/* Up to this many keypoints the terms live on the stack; beyond, the sum is
 * taken in blocks of this size (numpy's pairwise order is then only approached). */
#define MAX_STACK_KEYPOINTS 512

/**
 * precis_oks:
 * @dt: the prediction's keypoints, 3 × @k values x, y, v
 * @gt: the GT's keypoints, 3 × @k values
 * @gt_area: the GT's `area` (its scale)
 * @gt_bbox: the GT's box [x, y, w, h]
 * @sigmas: @k per-keypoint sigmas (see precis_keypoint_sigmas())
 * @k: number of keypoints
 *
 * Object keypoint similarity exactly as pycocotools `COCOeval.computeOks`:
 * e = (dx² + dy²) / (2σ)² / (area + 2⁻⁵²) / 2 per keypoint, OKS = mean of
 * exp(−e) over the GT's visible keypoints (v > 0). A GT without a visible
 * keypoint measures each predicted keypoint's distance to the GT box enlarged
 * by its own width and height on every side, and averages over all @k.
 *
 * Returns: the OKS in [0, 1]
 */
double
precis_oks (const double *dt,
            const double *gt,
            double        gt_area,
            const double *gt_bbox,
            const double *sigmas,
            guint         k)
{
  double terms[MAX_STACK_KEYPOINTS];
  double scale;
  double x0, x1, y0, y1;
  guint n_visible = 0;
  guint n_terms = 0;
  double total = 0.0;
  gsize n_total = 0;

  g_return_val_if_fail (dt != NULL && gt != NULL && sigmas != NULL, 0.0);
  g_return_val_if_fail (gt_bbox != NULL, 0.0);

  if (k == 0)
    return 0.0;

  for (guint i = 0; i < k; i++)
    if (gt[3 * i + 2] > 0)
      n_visible++;

  scale = gt_area + DBL_EPSILON;   /* np.spacing(1) = 2⁻⁵² */
  x0 = gt_bbox[0] - gt_bbox[2];
  x1 = gt_bbox[0] + gt_bbox[2] * 2;
  y0 = gt_bbox[1] - gt_bbox[3];
  y1 = gt_bbox[1] + gt_bbox[3] * 2;

  for (guint i = 0; i < k; i++)
    {
      double dx, dy, var, e;
      double s2 = sigmas[i] * 2;

      if (n_visible > 0)
        {
          if (!(gt[3 * i + 2] > 0))
            continue;
          dx = dt[3 * i] - gt[3 * i];
          dy = dt[3 * i + 1] - gt[3 * i + 1];
        }
      else
        {
          double xd = dt[3 * i];
          double yd = dt[3 * i + 1];

          dx = fmax (0.0, x0 - xd) + fmax (0.0, xd - x1);
          dy = fmax (0.0, y0 - yd) + fmax (0.0, yd - y1);
        }

      var = s2 * s2;
      e = (dx * dx + dy * dy) / var / scale / 2;
      terms[n_terms++] = exp (-e);

      if (n_terms == MAX_STACK_KEYPOINTS)
        {
          total += precis_pairwise_sum (terms, n_terms);
          n_total += n_terms;
          n_terms = 0;
        }
    }

  if (n_total == 0)
    total = precis_pairwise_sum (terms, n_terms);
  else
    total += precis_pairwise_sum (terms, n_terms);
  n_total += n_terms;

  return total / (double) n_total;
}

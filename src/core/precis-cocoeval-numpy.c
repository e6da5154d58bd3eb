/* precis-cocoeval-numpy.c: numpy's summation and stable sort order, so that
 * protocol `coco` gives the doubles pycocotools gives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-cocoeval-private.h"
#include "precis-keypoints.h"

/* np.add.reduce of a contiguous float64 array: numpy's iterator hands the
 * inner loop blocks of its buffer size (8192 elements), each summed pairwise
 * (precis_pairwise_sum())
 * and added to the running total in turn. Checked against numpy 1.24.2. */
static double
numpy_sum (const double *a,
           gsize         n)
{
  double total = 0.;

  for (gsize i = 0; i < n; i += 8192)
    total += precis_pairwise_sum (a + i, MIN (8192, n - i));
  return total;
}

/* np.mean (v[v > -1]), or -1 when nothing is > -1. Compacts @v in place. */
double
_precis_cocoeval_mean_valid (double *v,
            gsize   n)
{
  gsize k = 0;

  for (gsize i = 0; i < n; i++)
    if (v[i] > -1)
      v[k++] = v[i];
  if (k == 0)
    return -1;
  return numpy_sum (v, k) / (double) k;
}

/* ---- stable sorts by score, descending ------------------------------------ */

/* Sorts @idx[0..n) by @score[idx[i]] descending, keeping the order of equal
 * scores (numpy's argsort (-score, kind='mergesort')). @tmp holds n entries. */
void
_precis_cocoeval_stable_sort_by_score (guint32      *idx,
                      guint32      *tmp,
                      gsize         n,
                      const double *score)
{
  if (n < 2)
    return;

  if (n <= 24)
    {
      for (gsize i = 1; i < n; i++)
        {
          guint32 v = idx[i];
          double s = score[v];
          gsize j = i;

          while (j > 0 && score[idx[j - 1]] < s)
            {
              idx[j] = idx[j - 1];
              j--;
            }
          idx[j] = v;
        }
      return;
    }

  /* Bottom-up merge sort: insertion-sorted runs of 16, then merges. */
  {
    const gsize run = 16;
    guint32 *src = idx, *dst = tmp;

    for (gsize lo = 0; lo < n; lo += run)
      {
        gsize hi = MIN (lo + run, n);

        for (gsize i = lo + 1; i < hi; i++)
          {
            guint32 v = idx[i];
            double s = score[v];
            gsize j = i;

            while (j > lo && score[idx[j - 1]] < s)
              {
                idx[j] = idx[j - 1];
                j--;
              }
            idx[j] = v;
          }
      }

    for (gsize width = run; width < n; width *= 2)
      {
        for (gsize lo = 0; lo < n; lo += 2 * width)
          {
            gsize mid = MIN (lo + width, n);
            gsize hi = MIN (lo + 2 * width, n);
            gsize i = lo, j = mid, k = lo;

            while (i < mid && j < hi)
              {
                /* Take from the right only when strictly greater: stable. */
                if (score[src[j]] > score[src[i]])
                  dst[k++] = src[j++];
                else
                  dst[k++] = src[i++];
              }
            while (i < mid)
              dst[k++] = src[i++];
            while (j < hi)
              dst[k++] = src[j++];
          }
        {
          guint32 *swap = src;
          src = dst;
          dst = swap;
        }
      }

    if (src != idx)
      memcpy (idx, src, n * sizeof *idx);
  }
}

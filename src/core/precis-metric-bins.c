/* precis-metric-bins.c: width and quantile binning of a metric's values (SEMANTICS.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "precis-metrics-private.h"

static void
insertion_sort (double *a,
                gsize   n)
{
  for (gsize i = 1; i < n; i++)
    {
      double x = a[i];
      gsize j = i;

      while (j > 0 && a[j - 1] > x)
        {
          a[j] = a[j - 1];
          j--;
        }
      a[j] = x;
    }
}

static inline void
swap (double *a,
      gsize   i,
      gsize   j)
{
  double t = a[i];

  a[i] = a[j];
  a[j] = t;
}

/* Puts the values of ranks @ranks[0 .. n_ranks) (ascending, within [lo, hi))
 * where a full sort would put them, in expected O(n log n_ranks): a multi-rank
 * quickselect with a three-way partition (ties are common in metrics). Sorting
 * 500k values for 11 edges would cost far more. */
static void
select_ranks (double      *a,
              gsize        lo,
              gsize        hi,
              const gsize *ranks,
              gsize        n_ranks)
{
  while (n_ranks > 0 && hi - lo > 16)
    {
      gsize mid = lo + (hi - lo) / 2, lt = lo, i = lo, gt = hi, r0, r1;
      double x = a[lo], y = a[mid], z = a[hi - 1], pivot;

      /* Median of three. */
      pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
      while (i < gt)
        {
          if (a[i] < pivot)
            swap (a, lt++, i++);
          else if (a[i] > pivot)
            swap (a, i, --gt);
          else
            i++;
        }
      /* [lo, lt) < pivot, [lt, gt) = pivot, [gt, hi) > pivot. */
      for (r0 = 0; r0 < n_ranks && ranks[r0] < lt; r0++)
        ;
      for (r1 = r0; r1 < n_ranks && ranks[r1] < gt; r1++)
        ;
      /* Recurse into the smaller side, loop on the other. */
      if (r0 < n_ranks - r1)
        {
          select_ranks (a, lo, lt, ranks, r0);
          lo = gt;
          ranks += r1;
          n_ranks -= r1;
        }
      else
        {
          select_ranks (a, gt, hi, ranks + r1, n_ranks - r1);
          hi = lt;
          n_ranks = r0;
        }
    }
  if (n_ranks > 0)
    insertion_sort (a + lo, hi - lo);
}

double
_precis_quantile_sorted (const double *sorted,
                         gsize         n,
                         double        q)
{
  double h, gamma, a, b, diff;
  gsize prev;

  g_assert (n > 0);
  /* numpy's `linear` method: virtual index (n − 1) q, then _lerp, which
   * interpolates from the nearer end. */
  h = (double)(n - 1) * q;
  if (h >= (double)(n - 1))
    return sorted[n - 1];
  if (h <= 0)
    return sorted[0];
  prev = (gsize)floor (h);
  gamma = h - (double)prev;
  a = sorted[prev];
  b = sorted[prev + 1];
  diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

static gsize
add_rank (gsize *ranks,
          gsize  n_ranks,
          gsize  r)
{
  if (n_ranks == 0 || ranks[n_ranks - 1] != r)
    ranks[n_ranks++] = r;
  return n_ranks;
}

guint
_precis_metric_edges (double        *v,
                      gsize          n,
                      PrecisBinning  binning,
                      guint          n_buckets,
                      double        *edges)
{
  double lo, hi;
  guint m;

  g_return_val_if_fail (n_buckets >= 1, 0);

  if (n == 0)
    return 0;

  lo = hi = v[0];
  for (gsize i = 1; i < n; i++)
    {
      lo = MIN (lo, v[i]);
      hi = MAX (hi, v[i]);
    }
  edges[0] = lo;
  if (lo == hi)
    {
      edges[1] = hi;
      return 1;
    }

  if (binning == PRECIS_BINNING_WIDTH)
    {
      for (guint k = 1; k < n_buckets; k++)
        edges[k] = lo + (hi - lo) * k / n_buckets;
      edges[n_buckets] = hi;
      return n_buckets;
    }

  {
    g_autofree gsize *ranks = g_new (gsize, 2 * (n_buckets + 1));
    gsize n_ranks = 0;
    g_autofree double *q = g_new (double, n_buckets + 1);

    for (guint k = 0; k <= n_buckets; k++)
      {
        double h;
        gsize r;

        q[k] = (double)k / n_buckets;
        h = (double)(n - 1) * q[k];
        r = h <= 0 ? 0 : MIN ((gsize)floor (h), n - 1);
        n_ranks = add_rank (ranks, n_ranks, r);
        if (r + 1 < n)
          n_ranks = add_rank (ranks, n_ranks, r + 1);
      }
    select_ranks (v, 0, n, ranks, n_ranks);

    /* Only the selected ranks are in place, which is all the quantiles read. */
    m = 0;
    for (guint k = 0; k <= n_buckets; k++)
      {
        double e = _precis_quantile_sorted (v, n, q[k]);

        if (m == 0 || e != edges[m - 1])
          edges[m++] = e;
      }
  }
  return m - 1;
}

guint16
_precis_metric_bucket (const double  *edges,
                       guint          n,
                       PrecisBinning  binning,
                       double         value)
{
  guint lo, hi;

  if (isnan (value) || n == 0)
    return _PRECIS_NO_BUCKET;
  if (n == 1 || value <= edges[0])
    return 0;
  if (binning == PRECIS_BINNING_WIDTH)
    {
      double b = floor ((value - edges[0]) / (edges[n] - edges[0]) * n);

      return (guint16)MIN ((double)(n - 1), MAX (0.0, b));
    }
  /* The last j with edges[j] ≤ value, at most n − 1. */
  lo = 0;
  hi = n;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (edges[mid] <= value)
        lo = mid;
      else
        hi = mid;
    }
  return (guint16)lo;
}

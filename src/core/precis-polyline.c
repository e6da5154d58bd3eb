/* precis-polyline.c: open polylines widened to bands (SEMANTICS.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See docs/POLYLINE.md for the definition and how it is computed.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "precis-polyline.h"
#include "precis-rle-private.h"

/**
 * precis_polyline_default_width:
 * @width: image width in pixels
 * @height: image height in pixels
 *
 * CULane's lane-evaluation width (30 px at 1640 × 590) scaled by the image
 * diagonal, at least 2: max(2, 30 · √(W² + H²) / √(1640² + 590²)). The ratio of
 * the diagonals is taken first so that 1640 × 590 gives exactly 30 and
 * 820 × 295 exactly 15.
 *
 * Returns: the default band width in pixels
 */
double
precis_polyline_default_width (guint32 width,
                               guint32 height)
{
  double diag = sqrt ((double) width * width + (double) height * height);
  double ref = sqrt (1640.0 * 1640.0 + 590.0 * 590.0);

  return MAX (2.0, 30.0 * (diag / ref));
}

/* Interval ends closer than this (in pixels) to a pixel centre are checked
 * against the distance itself. */
#define NEAR_EDGE 1e-6

/* Distance from (px, py) to the segment (x0, y0)–(x0 + dx, y0 + dy): to the
 * projection clamped onto the segment. */
static inline double
segment_distance (double x0,
                  double y0,
                  double dx,
                  double dy,
                  double l2,
                  double px,
                  double py)
{
  double t = 0.0;
  double qx, qy;

  if (l2 > 0)
    {
      t = ((px - x0) * dx + (py - y0) * dy) / l2;
      t = CLAMP (t, 0.0, 1.0);
    }
  qx = px - (x0 + t * dx);
  qy = py - (y0 + t * dy);
  return sqrt (qx * qx + qy * qy);
}

static inline void
widen (double *lo,
       double *hi,
       double  a,
       double  b)
{
  *lo = MIN (*lo, a);
  *hi = MAX (*hi, b);
}

static inline void
push_interval (PrecisBandWork *work,
               guint64         start,
               guint64         end)
{
  if (work->len == work->cap)
    {
      work->cap = MAX (256, work->cap * 2);
      work->iv = g_renew (PrecisBandInterval, work->iv, work->cap);
    }
  work->iv[work->len].start = start;
  work->iv[work->len].end = end;
  work->len++;
}

/* The pixels of one capsule (segment widened by r, round ends), column by
 * column: a vertical line cuts the convex capsule in one interval, the union
 * of its cuts through the two end discs and the swept rectangle. The interval's
 * end rows are then checked against the distance itself so that the pixel set
 * is exactly {centre distance ≤ r} as segment_distance() evaluates it. */
static void
capsule_intervals (PrecisBandWork *work,
                   double          x0,
                   double          y0,
                   double          x1,
                   double          y1,
                   double          r,
                   guint32         height,
                   guint32         width)
{
  double dx = x1 - x0;
  double dy = y1 - y0;
  double l2 = dx * dx + dy * dy;
  double len = sqrt (l2);
  double r2 = r * r;
  double cmin, cmax;
  gint64 col_first, col_last;

  cmin = ceil (MIN (x0, x1) - r - 0.5);
  cmax = floor (MAX (x0, x1) + r - 0.5);
  if (!(cmin <= cmax) || cmax < 0 || cmin > (double) width - 1)
    return;
  col_first = (gint64) MAX (cmin, 0.0);
  col_last = (gint64) MIN (cmax, (double) width - 1);

  for (gint64 col = col_first; col <= col_last; col++)
    {
      double cx = col + 0.5;
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
      double ex;
      double rlo, rhi;
      gint64 ylo, yhi;

      /* End discs. */
      ex = cx - x0;
      if (ex * ex <= r2)
        {
          double half = sqrt (r2 - ex * ex);
          widen (&lo, &hi, y0 - half, y0 + half);
        }
      ex = cx - x1;
      if (ex * ex <= r2)
        {
          double half = sqrt (r2 - ex * ex);
          widen (&lo, &hi, y1 - half, y1 + half);
        }

      /* Swept rectangle: perpendicular distance ≤ r and projection on the segment. */
      if (l2 > 0)
        {
          double a = cx - x0;

          if (dx != 0)
            {
              /* |a dy − (cy − y0) dx| ≤ r len */
              double p0 = (a * dy - r * len) / dx;
              double p1 = (a * dy + r * len) / dx;
              double plo = MIN (p0, p1), phi = MAX (p0, p1);
              /* 0 ≤ a dx + (cy − y0) dy ≤ l2 */
              double qlo, qhi;

              if (dy != 0)
                {
                  double q0 = -(a * dx) / dy;
                  double q1 = (l2 - a * dx) / dy;

                  qlo = MIN (q0, q1);
                  qhi = MAX (q0, q1);
                }
              else if (a * dx >= 0 && a * dx <= l2)
                {
                  qlo = -G_MAXDOUBLE;
                  qhi = G_MAXDOUBLE;
                }
              else
                {
                  qlo = 1;
                  qhi = 0;
                }
              plo = MAX (plo, qlo);
              phi = MIN (phi, qhi);
              if (plo <= phi)
                widen (&lo, &hi, y0 + plo, y0 + phi);
            }
          else if (fabs (a) <= r)
            widen (&lo, &hi, MIN (y0, y1), MAX (y0, y1));
        }

      if (!(lo <= hi))
        continue;

      /* Rows whose centre y + 0.5 lies in [lo, hi], clipped to the image. */
      rlo = ceil (lo - 0.5);
      rhi = floor (hi - 0.5);
      rlo = MAX (rlo, 0.0);
      rhi = MIN (rhi, (double) height - 1);
      if (rlo > rhi + 1)
        continue;
      ylo = (gint64) rlo;
      yhi = (gint64) rhi;

      /* The interval ends carry rounding errors of about 1e-13 px; only a centre
       * that close to an end can be on the wrong side, so only then is the
       * distance itself consulted. */
      if (fabs ((lo - 0.5) - round (lo - 0.5)) < NEAR_EDGE)
        {
          while (ylo <= yhi && segment_distance (x0, y0, dx, dy, l2, cx, ylo + 0.5) > r)
            ylo++;
          while (ylo > 0 && segment_distance (x0, y0, dx, dy, l2, cx, ylo - 0.5) <= r)
            ylo--;
        }
      if (fabs ((hi - 0.5) - round (hi - 0.5)) < NEAR_EDGE)
        {
          while (yhi >= ylo && segment_distance (x0, y0, dx, dy, l2, cx, yhi + 0.5) > r)
            yhi--;
          while (yhi + 1 < (gint64) height && yhi >= ylo &&
                 segment_distance (x0, y0, dx, dy, l2, cx, yhi + 1.5) <= r)
            yhi++;
        }
      if (ylo > yhi)
        continue;

      push_interval (work, (guint64) col * height + ylo, (guint64) col * height + yhi + 1);
    }
}

static inline gsize
ascending_end (const PrecisBandInterval *iv,
               gsize                     from,
               gsize                     n)
{
  gsize j = from + 1;

  while (j < n && iv[j].start >= iv[j - 1].start)
    j++;
  return j;
}

/* Natural merge sort by start: each segment emits its columns in ascending
 * order, so the list is one sorted stretch per segment (or fewer). */
static void
sort_intervals (PrecisBandWork *work)
{
  PrecisBandInterval *src = work->iv, *dst;
  gsize n = work->len;

  if (n < 2 || ascending_end (src, 0, n) == n)
    return;

  if (work->tmp_cap < n)
    {
      g_free (work->tmp);
      work->tmp = g_new (PrecisBandInterval, n);
      work->tmp_cap = n;
    }
  dst = work->tmp;

  while (ascending_end (src, 0, n) < n)
    {
      PrecisBandInterval *t;

      for (gsize i = 0; i < n;)
        {
          gsize j = ascending_end (src, i, n);
          gsize k, a, b, o;

          if (j == n)
            {
              memcpy (dst + i, src + i, (n - i) * sizeof (PrecisBandInterval));
              break;
            }
          k = ascending_end (src, j, n);
          for (a = i, b = j, o = i; a < j && b < k;)
            dst[o++] = src[b].start < src[a].start ? src[b++] : src[a++];
          while (a < j)
            dst[o++] = src[a++];
          while (b < k)
            dst[o++] = src[b++];
          i = k;
        }
      t = src; src = dst; dst = t;
    }

  if (src != work->iv)
    {
      /* Keep the sorted array as work->iv; the other becomes the scratch. */
      PrecisBandInterval *t = work->iv;
      gsize cap = work->cap;

      work->iv = src;
      work->cap = work->tmp_cap;
      work->tmp = t;
      work->tmp_cap = cap;
    }
}

void
_precis_band_work_clear (PrecisBandWork *work)
{
  g_clear_pointer (&work->iv, g_free);
  g_clear_pointer (&work->tmp, g_free);
  work->len = work->cap = work->tmp_cap = 0;
}

gsize
_precis_polyline_band_runs (PrecisBandWork       *work,
                            const double * const *lines,
                            const gsize          *n_coords,
                            gsize                 n_lines,
                            double                band_width,
                            guint32               height,
                            guint32               width,
                            PrecisU32Buf         *out)
{
  gsize first = out->len;
  guint64 total = (guint64) height * width;
  guint64 prev = 0;
  double r = band_width / 2;

  work->len = 0;
  if (r >= 0 && isfinite (r))
    {
      for (gsize l = 0; l < n_lines; l++)
        {
          const double *xy = lines[l];
          gsize k = n_coords[l] / 2;

          if (k == 1)
            capsule_intervals (work, xy[0], xy[1], xy[0], xy[1], r, height, width);
          for (gsize i = 0; i + 1 < k; i++)
            capsule_intervals (work, xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3],
                               r, height, width);
        }
    }

  sort_intervals (work);

  for (gsize i = 0; i < work->len;)
    {
      guint64 s = work->iv[i].start;
      guint64 e = work->iv[i].end;

      /* Overlapping and touching intervals (also across columns) join. */
      for (i++; i < work->len && work->iv[i].start <= e; i++)
        e = MAX (e, work->iv[i].end);

      _precis_u32_buf_push (out, (guint32) (s - prev));
      _precis_u32_buf_push (out, (guint32) (e - s));
      prev = e;
    }
  if (total > prev || out->len == first)
    _precis_u32_buf_push (out, (guint32) (total - prev));

  return out->len - first;
}

/**
 * precis_polyline_band_rle:
 * @out: (out caller-allocates): the band mask
 * @lines: @n_lines polylines, each n_coords[i] doubles x0, y0, x1, y1, …
 * @n_coords: number of doubles of each polyline
 * @n_lines: number of polylines
 * @band_width: the band width w in pixels
 * @height: image height
 * @width: image width
 *
 * The union of the polylines' bands at image resolution: pixel (x, y) is set
 * iff the distance from its centre (x + 0.5, y + 0.5) to one of the polylines
 * is ≤ w / 2 (round caps and joins; pixels outside the image do not exist). A
 * polyline of one point is a disc. Computed column by column on intervals,
 * without visiting pixels outside the bands.
 */
void
precis_polyline_band_rle (PrecisRle            *out,
                          const double * const *lines,
                          const gsize          *n_coords,
                          gsize                 n_lines,
                          double                band_width,
                          guint32               height,
                          guint32               width)
{
  PrecisBandWork work = PRECIS_BAND_WORK_INIT;
  PrecisU32Buf buf = PRECIS_U32_BUF_INIT;

  g_return_if_fail (out != NULL);
  g_return_if_fail (n_lines == 0 || (lines != NULL && n_coords != NULL));

  _precis_polyline_band_runs (&work, lines, n_coords, n_lines, band_width, height, width, &buf);
  _precis_band_work_clear (&work);

  out->h = height;
  out->w = width;
  out->m = buf.len;
  out->cnts = buf.len > 0 ? g_renew (guint32, buf.data, buf.len) : (g_free (buf.data), NULL);
}

/* precis-rle-poly.c: polygons and boxes rasterised to COCO RLE masks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written from pycocotools' documented behaviour (maskApi.c rleFrPoly and
 * rleFrBbox): the same masks and the same runs, with algorithms of our own.
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
#include <string.h>

#include "precis-rle.h"
#include "precis-rle-private.h"

/* --- polygons ----------------------------------------------------------------- */

/* pycocotools rasterises a ring by scaling it by 5, rounding each vertex to an
 * integer (int)(5 v + 0.5), walking every edge one upsampled step at a time
 * along its major axis and recording each place where the walk moves from one
 * upsampled column to the next. A move between upsampled columns u and u + 1
 * marks pixel column c when u = 5c + 2 (the centre of the pixel), at row
 * ceil((v + 0.5) / 5 − 0.5) of the lower of the two upsampled rows v, clamped to
 * [0, h]. Sorted, these column-major positions toggle the mask.
 *
 * Rather than walking all 5 × perimeter steps, each edge here jumps straight to
 * the moves that land on a pixel column inside the image, evaluating the walk
 * at exactly those steps with the same double expressions, so the positions
 * are the same. Moves between consecutive edges never change column (both ends
 * are the shared vertex), so edges are independent. */

#define UPSCALE 5.0
/* Keeps (int) conversions defined: no vertex beyond ±2²⁸ / 5 pixels. */
#define COORD_LIMIT 268435456.0

static inline int
upsample (double v)
{
  double s = UPSCALE * v + .5;

  if (!(s > -COORD_LIMIT))   /* also NaN */
    s = -COORD_LIMIT;
  else if (s > COORD_LIMIT)
    s = COORD_LIMIT;
  return (int) s;
}

/* Row of a boundary from the lower upsampled row @v of the move: pycocotools
 * computes ceil(clamp((v + 0.5) / 5 − 0.5, 0, h)). In exact arithmetic that is
 * (v − 2) / 5, and the double computation is exact when it is an integer
 * (v + 0.5 = 5n + 2.5) and otherwise at least 0.2 away from one, so the integer
 * form below gives the same row for every v. */
static inline guint32
boundary_row (int     v,
              guint32 h)
{
  guint32 row;

  if (v < 2)
    return 0;
  row = (guint32) ((v + 2) / 5);   /* ceil ((v − 2) / 5) for v ≥ 2 */
  return MIN (row, h);
}

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static inline gint64
ceil_div (gint64 a,
          gint64 b)
{
  return -floor_div (-a, b);
}

/* Pixel columns c whose centre move u = 5c + 2 → 5c + 3 lies within the
 * upsampled span [lo, hi] (both u and u + 1 inside), clipped to the image. */
static inline void
column_range (gint64   lo,
              gint64   hi,
              guint32  w,
              gint64  *c_first,
              gint64  *c_last)
{
  *c_first = MAX (0, ceil_div (lo - 2, 5));
  *c_last = MIN ((gint64) w - 1, floor_div (hi - 3, 5));
}

static void
poly_edge (int           x0,
           int           y0,
           int           x1,
           int           y1,
           guint32       h,
           guint32       w,
           PrecisU32Buf *pos)
{
  int dx = ABS (x1 - x0);
  int dy = ABS (y1 - y0);
  gint64 c_first, c_last;

  if (dx >= dy)
    {
      int xs, ys, xe, ye;
      double s;

      if (dx == 0)
        return;   /* a single point: the walk does not move */

      if (x0 > x1)
        {
          xs = x1; ys = y1; xe = x0; ye = y0;
        }
      else
        {
          xs = x0; ys = y0; xe = x1; ye = y1;
        }
      s = (double) (ye - ys) / dx;

      column_range (xs, xe, w, &c_first, &c_last);
      if (c_first > c_last)
        return;
      _precis_u32_buf_reserve (pos, c_last - c_first + 1);
      /* Emitted in the direction of the walk, so that consecutive edges going
       * the same way form one sorted stretch for the natural merge sort. */
      for (gint64 i = 0; i <= c_last - c_first; i++)
        {
          gint64 c = x0 <= x1 ? c_first + i : c_last - i;
          int t = (int) (5 * c + 2) - xs;
          int v0 = (int) (ys + s * t + .5);
          int v1 = (int) (ys + s * (t + 1) + .5);

          pos->data[pos->len++] = (guint32) (c * h + boundary_row (MIN (v0, v1), h));
        }
    }
  else
    {
      int xs, ys, xe;
      double s;
      gboolean rising;

      if (dx == 0)
        return;   /* vertical: the walk never changes column */

      if (y0 > y1)
        {
          xs = x1; ys = y1; xe = x0;
        }
      else
        {
          xs = x0; ys = y0; xe = x1;
        }
      s = (double) (xe - xs) / dy;
      rising = xe > xs;

      column_range (MIN (xs, xe), MAX (xs, xe), w, &c_first, &c_last);
      if (c_first > c_last)
        return;
      _precis_u32_buf_reserve (pos, c_last - c_first + 1);
      for (gint64 i = 0; i <= c_last - c_first; i++)
        {
          gint64 c = x0 <= x1 ? c_first + i : c_last - i;
          int u = (int) (5 * c + 2);
          int t;

          /* The walk's column at step t is (int)(xs + s t + 0.5), monotone in t
           * and moving by at most one per step. Find the first step t past the
           * move u ↔ u + 1 (the move happens between steps t − 1 and t): start
           * from the exact-arithmetic guess and correct it with the walk's own
           * expression. The boundary's row comes from the lower step, t − 1. */
#define WALK_U(tt) ((int) (xs + s * (tt) + .5))
#define PAST(tt) (rising ? WALK_U (tt) >= u + 1 : WALK_U (tt) <= u)
          {
            double guess = (u + 0.5 - xs) / s;

            t = (int) CLAMP (ceil (guess), 1, dy);
            while (t < dy && !PAST (t))
              t++;
            while (t > 1 && PAST (t - 1))
              t--;
          }
#undef PAST
#undef WALK_U
          pos->data[pos->len++] = (guint32) (c * h + boundary_row (ys + t - 1, h));
        }
    }
}

static inline void
merge_sorted (const guint32 *a,
              gsize          na,
              const guint32 *b,
              gsize          nb,
              guint32       *out)
{
  gsize i = 0, j = 0, k = 0;

  while (i < na && j < nb)
    out[k++] = b[j] < a[i] ? b[j++] : a[i++];
  while (i < na)
    out[k++] = a[i++];
  while (j < nb)
    out[k++] = b[j++];
}

static inline gsize
ascending_end (const guint32 *a,
               gsize          from,
               gsize          n)
{
  gsize j = from + 1;

  while (j < n && a[j] >= a[j - 1])
    j++;
  return j;
}

/* Natural merge sort. The positions of one edge come in walk order and a
 * polygon's edges mostly continue one another, so the input is a few long
 * ascending or descending stretches (two for a box, about two for any convex
 * ring): descending ones are reversed, then neighbours are merged. */
static void
sort_u32 (guint32 *a,
          guint32 *tmp,
          gsize    n)
{
  guint32 *src = a, *dst = tmp;

  if (n <= 32)
    {
      for (gsize i = 1; i < n; i++)
        {
          guint32 v = a[i];
          gsize j = i;

          while (j > 0 && a[j - 1] > v)
            {
              a[j] = a[j - 1];
              j--;
            }
          a[j] = v;
        }
      return;
    }

  for (gsize i = 0; i + 1 < n;)
    {
      gsize j = i + 1;

      if (a[j] < a[i])
        {
          while (j + 1 < n && a[j + 1] <= a[j])
            j++;
          for (gsize l = i, r = j; l < r; l++, r--)
            {
              guint32 t = a[l];
              a[l] = a[r];
              a[r] = t;
            }
          i = j + 1;
        }
      else
        i = ascending_end (a, i, n);
    }

  while (ascending_end (src, 0, n) < n)
    {
      guint32 *t;

      for (gsize i = 0; i < n;)
        {
          gsize j = ascending_end (src, i, n);
          gsize k;

          if (j == n)
            {
              memcpy (dst + i, src + i, (n - i) * sizeof (guint32));
              break;
            }
          k = ascending_end (src, j, n);
          merge_sorted (src + i, j - i, src + j, k - j, dst + i);
          i = k;
        }
      t = src; src = dst; dst = t;
    }
  if (src != a)
    memcpy (a, src, n * sizeof (guint32));
}

gsize
_precis_rle_runs_from_toggles (guint32      *pos,
                               gsize         n,
                               guint32      *tmp,
                               guint64       total,
                               PrecisU32Buf *out)
{
  guint32 *o = _precis_u32_buf_reserve (out, n + 1);
  guint32 *o0 = o;
  guint64 prev = 0;
  gsize i = 0;

  sort_u32 (pos, tmp, n);

  while (i < n)
    {
      guint32 p = pos[i];
      gsize same = 1;

      while (i + same < n && pos[i + same] == p)
        same++;
      i += same;
      if (same & 1)
        {
          *o++ = (guint32) (p - prev);
          prev = p;
        }
    }
  /* The last run is dropped when it is empty, except as the only one. */
  if (total > prev || o == o0)
    *o++ = (guint32) (total - prev);

  out->len += o - o0;
  return o - o0;
}

gsize
_precis_rle_poly_runs (PrecisRleWork *work,
                       const double  *xy,
                       gsize          n_coords,
                       guint32        h,
                       guint32        w,
                       PrecisU32Buf  *out)
{
  gsize k = n_coords / 2;
  int first_x, first_y, px, py;

  work->pos.len = 0;
  if (k > 0)
    {
      first_x = px = upsample (xy[0]);
      first_y = py = upsample (xy[1]);
      for (gsize j = 1; j <= k; j++)
        {
          int nx, ny;

          if (j < k)
            {
              nx = upsample (xy[2 * j]);
              ny = upsample (xy[2 * j + 1]);
            }
          else
            {
              nx = first_x;
              ny = first_y;
            }
          poly_edge (px, py, nx, ny, h, w, &work->pos);
          px = nx;
          py = ny;
        }
    }

  _precis_u32_buf_reserve (&work->tmp, work->pos.len);
  return _precis_rle_runs_from_toggles (work->pos.data, work->pos.len, work->tmp.data,
                                        (guint64) h * w, out);
}

void
_precis_rle_work_clear (PrecisRleWork *work)
{
  _precis_u32_buf_clear (&work->pos);
  _precis_u32_buf_clear (&work->tmp);
  _precis_u32_buf_clear (&work->ring);
  _precis_u32_buf_clear (&work->acc);
  _precis_u32_buf_clear (&work->acc2);
}

/**
 * precis_rle_from_polygon:
 * @rle: (out caller-allocates): the RLE to fill
 * @xy: @n_coords doubles x0, y0, x1, y1, … (one closed ring)
 * @n_coords: number of doubles (an odd last one is ignored)
 * @h: image height
 * @w: image width
 *
 * Rasterises one polygon ring to the same mask as pycocotools `rleFrPoly`.
 */
void
precis_rle_from_polygon (PrecisRle    *rle,
                         const double *xy,
                         gsize         n_coords,
                         guint32       h,
                         guint32       w)
{
  PrecisRleWork work = PRECIS_RLE_WORK_INIT;
  PrecisU32Buf out = PRECIS_U32_BUF_INIT;

  g_return_if_fail (rle != NULL);
  g_return_if_fail (xy != NULL || n_coords == 0);

  _precis_rle_poly_runs (&work, xy, n_coords, h, w, &out);
  _precis_rle_work_clear (&work);
  _precis_rle_take_buf (rle, h, w, &out);
}

/**
 * precis_rle_from_bbox:
 * @rle: (out caller-allocates): the RLE to fill
 * @bbox: [x, y, w, h]
 * @h: image height
 * @w: image width
 *
 * The box as the polygon (x, y), (x, y + h), (x + w, y + h), (x + w, y),
 * rasterised as pycocotools `rleFrBbox` does.
 */
void
precis_rle_from_bbox (PrecisRle    *rle,
                      const double *bbox,
                      guint32       h,
                      guint32       w)
{
  double xs, ys, xe, ye;

  g_return_if_fail (bbox != NULL);

  xs = bbox[0];
  xe = xs + bbox[2];
  ys = bbox[1];
  ye = ys + bbox[3];
  {
    const double xy[8] = { xs, ys, xs, ye, xe, ye, xe, ys };

    precis_rle_from_polygon (rle, xy, 8, h, w);
  }
}

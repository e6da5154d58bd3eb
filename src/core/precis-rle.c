/* precis-rle.c: COCO run-length encoded masks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written from pycocotools' documented behaviour (maskApi.c): the same masks,
 * the same runs and the same strings, with run-level algorithms of our own.
 */

#include "config.h"

#include <inttypes.h>

/* pycocotools and numpy round every operation separately: no fused multiply-add
 * may change the doubles here, whatever -march says. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "precis-rle.h"
#include "precis-rle-private.h"

G_DEFINE_QUARK (precis-rle-error-quark, precis_rle_error)

/**
 * precis_rle_init:
 * @rle: an RLE to fill
 * @h: height
 * @w: width
 * @m: number of runs to allocate (left uninitialised)
 */
void
precis_rle_init (PrecisRle *rle,
                 guint32    h,
                 guint32    w,
                 guint32    m)
{
  g_return_if_fail (rle != NULL);

  rle->h = h;
  rle->w = w;
  rle->m = m;
  rle->cnts = m > 0 ? g_new (guint32, m) : NULL;
}

/**
 * precis_rle_clear:
 * @rle: an RLE
 *
 * Frees the runs; the RLE becomes empty (0 × 0).
 */
void
precis_rle_clear (PrecisRle *rle)
{
  g_return_if_fail (rle != NULL);

  g_clear_pointer (&rle->cnts, g_free);
  rle->h = rle->w = rle->m = 0;
}

/**
 * precis_rle_copy:
 * @dest: an uninitialised or cleared RLE
 * @src: the RLE to copy
 */
void
precis_rle_copy (PrecisRle       *dest,
                 const PrecisRle *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  precis_rle_init (dest, src->h, src->w, src->m);
  if (src->m > 0)
    memcpy (dest->cnts, src->cnts, sizeof (guint32) * src->m);
}

static void
rle_take_buf (PrecisRle    *rle,
              guint32       h,
              guint32       w,
              PrecisU32Buf *buf)
{
  rle->h = h;
  rle->w = w;
  rle->m = buf->len;
  if (buf->len == 0)
    {
      rle->cnts = NULL;
      _precis_u32_buf_clear (buf);
    }
  else
    {
      rle->cnts = g_renew (guint32, buf->data, buf->len);
      buf->data = NULL;
      buf->len = buf->cap = 0;
    }
}

/* --- compressed strings ------------------------------------------------------ */

/* COCO's counts string: each count (after the third, minus the count two
 * before it) as a little-endian sequence of 5-bit groups, sign-extended from
 * the last group's bit 4; bit 5 of a character says that another follows;
 * characters are offset by 48 ('0' … 'o'). */

/**
 * precis_rle_to_string:
 * @rle: an RLE
 *
 * COCO's compressed counts string (pycocotools `rleToString`).
 *
 * Returns: (transfer full): a nul-terminated string
 */
char *
precis_rle_to_string (const PrecisRle *rle)
{
  GString *s;

  g_return_val_if_fail (rle != NULL, NULL);

  s = g_string_sized_new (rle->m * 2 + 1);
  for (guint32 i = 0; i < rle->m; i++)
    {
      gint64 x = rle->cnts[i];
      gboolean more = TRUE;

      if (i > 2)
        x -= rle->cnts[i - 2];
      while (more)
        {
          int c = (int) (x & 0x1f);

          x >>= 5;   /* arithmetic: negative deltas stay negative */
          more = (c & 0x10) ? x != -1 : x != 0;
          if (more)
            c |= 0x20;
          g_string_append_c (s, (char) (c + 48));
        }
    }

  return g_string_free (s, FALSE);
}

/**
 * precis_rle_from_string:
 * @rle: (out caller-allocates): the RLE to fill
 * @str: COCO's compressed counts string (need not be nul-terminated)
 * @len: length of @str in bytes, or -1 when nul-terminated
 * @h: mask height
 * @w: mask width
 * @error: return location for a #PrecisRleError
 *
 * Parses COCO's compressed counts (pycocotools `rleFrString`) and checks that
 * the runs add up to @h × @w. On failure @rle is left empty.
 *
 * Returns: whether @str was valid
 */
gboolean
precis_rle_from_string (PrecisRle   *rle,
                        const char  *str,
                        gsize        len,
                        guint32      h,
                        guint32      w,
                        GError     **error)
{
  PrecisU32Buf buf = PRECIS_U32_BUF_INIT;
  gsize p = 0;

  g_return_val_if_fail (rle != NULL, FALSE);
  g_return_val_if_fail (str != NULL || len == 0, FALSE);

  if (len == (gsize) -1)
    len = strlen (str);

  *rle = (PrecisRle) PRECIS_RLE_INIT;

  /* Every value takes at least one character. */
  _precis_u32_buf_reserve (&buf, len);

  while (p < len)
    {
      gint64 x = 0;
      guint k = 0;
      gboolean more = TRUE;
      gsize value_start = p;

      while (more)
        {
          int c;

          if (p >= len)
            {
              g_set_error (error, PRECIS_RLE_ERROR, PRECIS_RLE_ERROR_TRUNCATED,
                           _("RLE counts end inside a value (at character %zu)"),
                           value_start);
              goto fail;
            }
          c = (guchar) str[p] - 48;
          if (c < 0 || c > 63)
            {
              g_set_error (error, PRECIS_RLE_ERROR, PRECIS_RLE_ERROR_INVALID,
                           _("RLE counts: invalid character at position %zu"), p);
              goto fail;
            }
          /* Seven groups (35 bits) hold any 32-bit count or delta. */
          if (k >= 7)
            {
              g_set_error (error, PRECIS_RLE_ERROR, PRECIS_RLE_ERROR_INVALID,
                           _("RLE counts: value at position %zu is too large"),
                           value_start);
              goto fail;
            }
          x |= (gint64) (c & 0x1f) << (5 * k);
          more = (c & 0x20) != 0;
          p++;
          k++;
          if (!more && (c & 0x10))
            x |= (gint64) -1 * ((gint64) 1 << (5 * k));
        }

      if (buf.len > 2)
        x += buf.data[buf.len - 2];
      if (x < 0 || x > G_MAXUINT32)
        {
          g_set_error (error, PRECIS_RLE_ERROR, PRECIS_RLE_ERROR_INVALID,
                       _("RLE counts: run %zu has an invalid length"), buf.len);
          goto fail;
        }
      buf.data[buf.len++] = (guint32) x;
    }

  rle_take_buf (rle, h, w, &buf);
  if (!precis_rle_validate (rle, error))
    {
      precis_rle_clear (rle);
      return FALSE;
    }
  return TRUE;

fail:
  _precis_u32_buf_clear (&buf);
  return FALSE;
}

/**
 * precis_rle_validate:
 * @rle: an RLE
 * @error: return location for a #PrecisRleError
 *
 * Returns: whether the runs add up to h × w
 */
gboolean
precis_rle_validate (const PrecisRle  *rle,
                     GError          **error)
{
  guint64 total;

  g_return_val_if_fail (rle != NULL, FALSE);

  total = _precis_rle_runs_area (rle->cnts, rle->m);
  for (guint32 i = 0; i < rle->m; i += 2)
    total += rle->cnts[i];

  if (total != (guint64) rle->h * rle->w)
    {
      g_set_error (error, PRECIS_RLE_ERROR, PRECIS_RLE_ERROR_SIZE,
                   _("RLE runs add up to %" PRIu64 " pixels, not %u × %u"),
                   total, rle->h, rle->w);
      return FALSE;
    }
  return TRUE;
}

/* --- pixels ------------------------------------------------------------------- */

/**
 * precis_rle_encode:
 * @rle: (out caller-allocates): the RLE to fill
 * @mask: @h × @w bytes, column-major, 0 or non-zero
 * @h: height
 * @w: width
 *
 * Run-length encodes a mask (pycocotools `rleEncode`).
 */
void
precis_rle_encode (PrecisRle    *rle,
                   const guint8 *mask,
                   guint32       h,
                   guint32       w)
{
  PrecisU32Buf buf = PRECIS_U32_BUF_INIT;
  gsize n = (gsize) h * w;
  guint8 prev = 0;
  guint32 c = 0;

  g_return_if_fail (rle != NULL);
  g_return_if_fail (mask != NULL || n == 0);

  for (gsize i = 0; i < n; i++)
    {
      guint8 v = mask[i] != 0;

      if (v != prev)
        {
          _precis_u32_buf_push (&buf, c);
          c = 0;
          prev = v;
        }
      c++;
    }
  _precis_u32_buf_push (&buf, c);

  rle_take_buf (rle, h, w, &buf);
}

/**
 * precis_rle_decode:
 * @rle: a valid RLE
 * @mask: (out caller-allocates): h × w bytes, column-major, set to 0 or 1
 */
void
precis_rle_decode (const PrecisRle *rle,
                   guint8          *mask)
{
  gsize total;
  gsize p = 0;

  g_return_if_fail (rle != NULL);
  g_return_if_fail (mask != NULL || (gsize) rle->h * rle->w == 0);

  total = (gsize) rle->h * rle->w;

  for (guint32 j = 0; j < rle->m && p < total; j++)
    {
      gsize c = MIN ((gsize) rle->cnts[j], total - p);

      memset (mask + p, j & 1, c);
      p += c;
    }
  if (p < total)
    memset (mask + p, 0, total - p);
}

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
  rle_take_buf (rle, h, w, &out);
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

/* --- runs ------------------------------------------------------------------- */

gsize
_precis_rle_merge2_runs (const guint32 *a,
                         gsize          ma,
                         const guint32 *b,
                         gsize          mb,
                         gboolean       intersect,
                         PrecisU32Buf  *out)
{
  /* The same sweep as pycocotools rleMerge: advance both run lists by the
   * shorter remaining run, emit the accumulated length whenever the combined
   * value changes or both lists are exhausted. Zero-length runs in the inputs
   * therefore behave exactly as there. */
  gsize start = out->len;
  guint32 ca, cb, acc = 0;
  gsize ia = 1, ib = 1;
  gboolean va = FALSE, vb = FALSE, v = FALSE;
  gboolean running = TRUE;

  ca = ma > 0 ? a[0] : 0;
  cb = mb > 0 ? b[0] : 0;

  while (running)
    {
      guint32 c = MIN (ca, cb);
      gboolean prev_v = v;
      guint64 left;

      acc += c;
      ca -= c;
      if (ca == 0 && ia < ma)
        {
          ca = a[ia++];
          va = !va;
        }
      cb -= c;
      if (cb == 0 && ib < mb)
        {
          cb = b[ib++];
          vb = !vb;
        }
      left = (guint64) ca + cb;
      v = intersect ? (va && vb) : (va || vb);
      if (v != prev_v || left == 0)
        {
          _precis_u32_buf_push (out, acc);
          acc = 0;
        }
      running = left > 0;
    }

  return out->len - start;
}

/**
 * precis_rle_merge:
 * @out: (out caller-allocates): the result
 * @rles: @n RLEs of the same size
 * @n: number of RLEs
 * @intersect: intersection instead of union
 *
 * pycocotools `rleMerge`: the RLEs combined one after the other. One RLE is
 * copied as it is; RLEs of different sizes give an empty 0 × 0 RLE.
 */
void
precis_rle_merge (PrecisRle       *out,
                  const PrecisRle *rles,
                  gsize            n,
                  gboolean         intersect)
{
  PrecisU32Buf acc = PRECIS_U32_BUF_INIT;
  PrecisU32Buf next = PRECIS_U32_BUF_INIT;
  guint32 h, w;

  g_return_if_fail (out != NULL);
  g_return_if_fail (rles != NULL || n == 0);

  if (n == 0)
    {
      *out = (PrecisRle) PRECIS_RLE_INIT;
      return;
    }
  if (n == 1)
    {
      precis_rle_copy (out, &rles[0]);
      return;
    }

  h = rles[0].h;
  w = rles[0].w;
  _precis_u32_buf_reserve (&acc, rles[0].m);
  if (rles[0].m > 0)
    memcpy (acc.data, rles[0].cnts, sizeof (guint32) * rles[0].m);
  acc.len = rles[0].m;

  for (gsize i = 1; i < n; i++)
    {
      PrecisU32Buf t;

      if (rles[i].h != h || rles[i].w != w)
        {
          _precis_u32_buf_clear (&acc);
          _precis_u32_buf_clear (&next);
          h = w = 0;
          break;
        }
      next.len = 0;
      _precis_rle_merge2_runs (acc.data, acc.len, rles[i].cnts, rles[i].m, intersect, &next);
      t = acc; acc = next; next = t;
    }
  _precis_u32_buf_clear (&next);
  rle_take_buf (out, h, w, &acc);
}

guint64
_precis_rle_runs_area (const guint32 *cnts,
                       gsize          m)
{
  guint64 a = 0;

  for (gsize j = 1; j < m; j += 2)
    a += cnts[j];
  return a;
}

/**
 * precis_rle_area:
 * @rle: an RLE
 *
 * Returns: the number of pixels set (pycocotools `rleArea`)
 */
guint64
precis_rle_area (const PrecisRle *rle)
{
  g_return_val_if_fail (rle != NULL, 0);

  return _precis_rle_runs_area (rle->cnts, rle->m);
}

/* rleToBbox exactly as written: position → (column, row) by division, with
 * pycocotools' 32-bit unsigned arithmetic. */
static void
runs_bbox_exact (const guint32 *cnts,
                 gsize          m,
                 guint32        h,
                 guint32        w,
                 guint32       *box)
{
  guint32 xs = w, ys = h, xe = 0, ye = 0, cc = 0, xp = 0;

  for (gsize j = 0; j < m; j++)
    {
      guint32 t, x, y;

      cc += cnts[j];
      t = cc - (guint32) (j % 2);
      y = t % h;
      x = (t - y) / h;
      if (j % 2 == 0)
        xp = x;
      else if (xp < x)
        {
          ys = 0;
          ye = h - 1;
        }
      xs = MIN (xs, x);
      xe = MAX (xe, x);
      ys = MIN (ys, y);
      ye = MAX (ye, y);
    }
  box[0] = xs;
  box[1] = ys;
  box[2] = xe;
  box[3] = ye;
}

/* The same walk keeping the (column, row) of the running position, so that
 * divisions are only needed for runs spanning several columns. Returns FALSE
 * where the 32-bit arithmetic would wrap (a first run of 1s of length 0, or more
 * than 2³² − 1 pixels): the exact version answers those. */
static gboolean
runs_bbox_fast (const guint32 *cnts,
                gsize          m,
                guint32        h,
                guint32        w,
                guint32       *box)
{
  guint32 xs = w, ys = h, xe = 0, ye = 0, xp = 0;
  guint64 cc = 0, col = 0, row = 0;

  for (gsize j = 0; j < m; j++)
    {
      guint64 x, y;

      cc += cnts[j];
      if (cc > G_MAXUINT32)
        return FALSE;
      row += cnts[j];
      if (row >= h)
        {
          if (row < 4 * (guint64) h)
            do
              {
                row -= h;
                col++;
              }
            while (row >= h);
          else
            {
              col += row / h;
              row %= h;
            }
        }

      if (j % 2 == 0)
        {
          x = col;
          y = row;
          xp = (guint32) x;
        }
      else
        {
          /* the last pixel of the run of 1s: one before the position */
          if (cc == 0)
            return FALSE;
          if (row > 0)
            {
              x = col;
              y = row - 1;
            }
          else
            {
              x = col - 1;
              y = h - 1;
            }
          if (xp < x)
            {
              ys = 0;
              ye = h - 1;
            }
        }
      xs = MIN (xs, (guint32) x);
      xe = MAX (xe, (guint32) x);
      ys = MIN (ys, (guint32) y);
      ye = MAX (ye, (guint32) y);
    }
  box[0] = xs;
  box[1] = ys;
  box[2] = xe;
  box[3] = ye;
  return TRUE;
}

void
_precis_rle_runs_bbox (const guint32 *cnts,
                       gsize          m,
                       guint32        h,
                       guint32        w,
                       double        *bbox)
{
  /* As pycocotools rleToBbox: from the first and last pixel of every run of
   * 1s (a run spanning columns covers all rows); a trailing run of 0s is
   * ignored. Odd inputs (zero-length runs) give the same answers as there. */
  guint32 box[4];

  m = (m / 2) * 2;
  if (m == 0 || h == 0)
    {
      bbox[0] = bbox[1] = bbox[2] = bbox[3] = 0;
      return;
    }

  if (!runs_bbox_fast (cnts, m, h, w, box))
    runs_bbox_exact (cnts, m, h, w, box);

  bbox[0] = box[0];
  bbox[2] = box[2] - box[0] + 1;
  bbox[1] = box[1];
  bbox[3] = box[3] - box[1] + 1;
}

/**
 * precis_rle_to_bbox:
 * @rle: an RLE
 * @bbox: (out caller-allocates): [x, y, w, h]
 *
 * The box of the mask's pixels, as pycocotools `rleToBbox` (all zeros for an
 * empty mask).
 */
void
precis_rle_to_bbox (const PrecisRle *rle,
                    double          *bbox)
{
  g_return_if_fail (rle != NULL && bbox != NULL);

  _precis_rle_runs_bbox (rle->cnts, rle->m, rle->h, rle->w, bbox);
}

guint64
_precis_rle_intersection (const guint32 *a,
                          gsize          ma,
                          const guint32 *b,
                          gsize          mb)
{
  /* Intervals of 1s [sa, ea) and [sb, eb); advance whichever ends first. */
  guint64 sa, ea, sb, eb, inter = 0;
  gsize ia = 1, ib = 1;

  if (ma < 2 || mb < 2)
    return 0;

  sa = a[0];
  ea = sa + a[1];
  sb = b[0];
  eb = sb + b[1];

  for (;;)
    {
      guint64 lo = MAX (sa, sb);
      guint64 hi = MIN (ea, eb);

      if (hi > lo)
        inter += hi - lo;

      if (ea <= eb)
        {
          if (ia + 2 >= ma)
            break;
          sa = ea + a[ia + 1];
          ea = sa + a[ia + 2];
          ia += 2;
        }
      else
        {
          if (ib + 2 >= mb)
            break;
          sb = eb + b[ib + 1];
          eb = sb + b[ib + 2];
          ib += 2;
        }
    }

  return inter;
}

/**
 * precis_rle_iou:
 * @dt: the prediction's mask
 * @gt: the GT's mask
 * @iscrowd: whether @gt is a crowd region
 *
 * pycocotools `rleIou` for one pair, on runs: 0 unless the two masks' boxes
 * overlap, −1 when the sizes differ, else intersection / union (with
 * @iscrowd: intersection / area of @dt).
 *
 * Returns: the IoU
 */
double
precis_rle_iou (const PrecisRle *dt,
                const PrecisRle *gt,
                gboolean         iscrowd)
{
  double db[4], gb[4];
  guint64 inter, uni;

  g_return_val_if_fail (dt != NULL && gt != NULL, 0.0);

  precis_rle_to_bbox (dt, db);
  precis_rle_to_bbox (gt, gb);
  if (!_precis_pixel_boxes_overlap (db, gb))
    return 0.0;
  if (dt->h != gt->h || dt->w != gt->w)
    return -1.0;

  inter = _precis_rle_intersection (dt->cnts, dt->m, gt->cnts, gt->m);
  if (inter == 0)
    return 0.0;
  if (iscrowd)
    uni = precis_rle_area (dt);
  else
    uni = precis_rle_area (dt) + precis_rle_area (gt) - inter;

  return (double) inter / (double) uni;
}

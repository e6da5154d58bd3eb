/* precis-rle-runs.c: merges, areas, boxes and IoU of COCO RLE masks, on runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written from pycocotools' documented behaviour (maskApi.c rleMerge, rleArea,
 * rleToBbox, rleIou): the same answers, computed on the runs without pixels.
 */

#include "config.h"

/* pycocotools and numpy round every operation separately: no fused multiply-add
 * may change the doubles here, whatever -march says. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#include <string.h>

#include "precis-rle.h"
#include "precis-rle-private.h"

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
  _precis_rle_take_buf (out, h, w, &acc);
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

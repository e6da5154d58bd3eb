/* precis-rle.c: COCO run-length encoded masks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written from pycocotools' documented behaviour (maskApi.c): the same masks,
 * the same runs and the same strings, with run-level algorithms of our own.
 *
 * This file: an RLE's life cycle, COCO's compressed counts strings, checks and
 * pixel masks. Polygons and boxes are rasterised in precis-rle-poly.c; merges,
 * areas, boxes and IoU on runs are in precis-rle-runs.c.
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

void
_precis_rle_take_buf (PrecisRle    *rle,
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

  _precis_rle_take_buf (rle, h, w, &buf);
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

  _precis_rle_take_buf (rle, h, w, &buf);
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

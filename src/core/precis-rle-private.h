/* precis-rle-private.h: run-level helpers shared by the geometry files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-rle.h"

G_BEGIN_DECLS

/* A growable array of guint32, reused across calls so that hot loops do not
 * allocate per shape. */
typedef struct {
  guint32 *data;
  gsize    len;
  gsize    cap;
} PrecisU32Buf;

#define PRECIS_U32_BUF_INIT { NULL, 0, 0 }

static inline guint32 *
_precis_u32_buf_reserve (PrecisU32Buf *buf,
                         gsize         extra)
{
  /* An empty buffer is allocated even for extra = 0: NULL + 0 is undefined. */
  if (buf->data == NULL || buf->len + extra > buf->cap)
    {
      gsize cap = MAX (buf->cap * 2, buf->len + extra);

      cap = MAX (cap, 64);
      buf->data = g_renew (guint32, buf->data, cap);
      buf->cap = cap;
    }
  return buf->data + buf->len;
}

static inline void
_precis_u32_buf_push (PrecisU32Buf *buf,
                      guint32       v)
{
  if (buf->len == buf->cap)
    _precis_u32_buf_reserve (buf, 1);
  buf->data[buf->len++] = v;
}

static inline void
_precis_u32_buf_clear (PrecisU32Buf *buf)
{
  g_clear_pointer (&buf->data, g_free);
  buf->len = buf->cap = 0;
}

/* Scratch space of one thread for polygon rasterisation and merges. */
typedef struct {
  PrecisU32Buf pos;     /* boundary positions */
  PrecisU32Buf tmp;     /* radix sort buffer */
  PrecisU32Buf ring;    /* one ring's runs */
  PrecisU32Buf acc;     /* merge accumulator */
  PrecisU32Buf acc2;
} PrecisRleWork;

#define PRECIS_RLE_WORK_INIT { PRECIS_U32_BUF_INIT, PRECIS_U32_BUF_INIT, PRECIS_U32_BUF_INIT, \
                               PRECIS_U32_BUF_INIT, PRECIS_U32_BUF_INIT }

void     _precis_rle_work_clear     (PrecisRleWork  *work);

/* Moves the runs of @buf into @rle (h × w), leaving @buf empty. */
void     _precis_rle_take_buf       (PrecisRle      *rle,
                                     guint32         h,
                                     guint32         w,
                                     PrecisU32Buf   *buf);

/* Appends the runs of one polygon ring (rleFrPoly) to @out; returns their number. */
gsize    _precis_rle_poly_runs      (PrecisRleWork  *work,
                                     const double   *xy,
                                     gsize           n_coords,
                                     guint32         h,
                                     guint32         w,
                                     PrecisU32Buf   *out);

/* Appends the runs of merge(@a, @b) (rleMerge of two RLEs, union or
 * intersection, the same runs pycocotools produces) to @out; returns their number. */
gsize    _precis_rle_merge2_runs    (const guint32  *a,
                                     gsize           ma,
                                     const guint32  *b,
                                     gsize           mb,
                                     gboolean        intersect,
                                     PrecisU32Buf   *out);

/* Appends to @out the runs of a positions list: sorted toggle positions in
 * [0, total], pairs cancel (the encoding step of rleFrPoly). */
gsize    _precis_rle_runs_from_toggles (guint32       *pos,
                                        gsize          n,
                                        guint32       *tmp,
                                        guint64        total,
                                        PrecisU32Buf  *out);

/* Number of pixels set in both (runs only). */
guint64  _precis_rle_intersection   (const guint32  *a,
                                     gsize           ma,
                                     const guint32  *b,
                                     gsize           mb);

/* Pixels set: the sum of the runs of 1s. Inline, so that precis-rle.c needs
 * nothing of precis-rle-runs.c (which builds on it). */
static inline guint64
_precis_rle_runs_area (const guint32 *cnts,
                       gsize          m)
{
  guint64 a = 0;

  for (gsize j = 1; j < m; j += 2)
    a += cnts[j];
  return a;
}

/* rleToBbox on raw runs. */
void     _precis_rle_runs_bbox      (const guint32  *cnts,
                                     gsize           m,
                                     guint32         h,
                                     guint32         w,
                                     double         *bbox);

/* The overlap test that pycocotools rleIou runs first (bbIou of the two
 * rleToBbox boxes > 0): a positive-area overlap. */
static inline gboolean
_precis_pixel_boxes_overlap (const double *a,
                             const double *b)
{
  double ow = MIN (a[0] + a[2], b[0] + b[2]) - MAX (a[0], b[0]);
  double oh;

  if (!(ow > 0))
    return FALSE;
  oh = MIN (a[1] + a[3], b[1] + b[3]) - MAX (a[1], b[1]);
  return oh > 0;
}

G_END_DECLS

/* --- polyline bands (precis-polyline.c) --- */

typedef struct {
  guint64 start;   /* first pixel, column-major */
  guint64 end;     /* one past the last */
} PrecisBandInterval;

typedef struct {
  PrecisBandInterval *iv;
  gsize               len;
  gsize               cap;
  PrecisBandInterval *tmp;       /* merge sort scratch */
  gsize               tmp_cap;
} PrecisBandWork;

#define PRECIS_BAND_WORK_INIT { NULL, 0, 0, NULL, 0 }

void     _precis_band_work_clear    (PrecisBandWork       *work);

/* Appends the runs of the union of the bands of @n_lines polylines to @out;
 * returns their number. */
gsize    _precis_polyline_band_runs (PrecisBandWork       *work,
                                     const double * const *lines,
                                     const gsize          *n_coords,
                                     gsize                 n_lines,
                                     double                band_width,
                                     guint32               height,
                                     guint32               width,
                                     PrecisU32Buf         *out);

/* precis-rle.h: COCO run-length encoded masks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PRECIS_RLE_ERROR_INVALID,    /* a character outside COCO's alphabet, or a value that overflows */
  PRECIS_RLE_ERROR_TRUNCATED,  /* the string ends inside a value */
  PRECIS_RLE_ERROR_SIZE,       /* the runs do not add up to h × w */
} PrecisRleError;

#define PRECIS_RLE_ERROR (precis_rle_error_quark ())
GQuark precis_rle_error_quark (void);

/**
 * PrecisRle:
 * @h: mask height
 * @w: mask width
 * @m: number of runs
 * @cnts: run lengths in column-major order, alternating 0s and 1s, starting with 0s
 *
 * A binary mask as COCO stores it (pycocotools `RLE`). The runs of a valid
 * RLE add up to h × w.
 */
typedef struct {
  guint32  h;
  guint32  w;
  guint32  m;
  guint32 *cnts;
} PrecisRle;

#define PRECIS_RLE_INIT { 0, 0, 0, NULL }

void     precis_rle_init          (PrecisRle       *rle,
                                   guint32          h,
                                   guint32          w,
                                   guint32          m);      /* allocates m counts */
void     precis_rle_clear         (PrecisRle       *rle);
void     precis_rle_copy          (PrecisRle       *dest,
                                   const PrecisRle *src);

/* COCO's compressed counts string (pycocotools rleFrString / rleToString).
 * from_string also checks that the runs add up to h × w (PRECIS_RLE_ERROR_SIZE);
 * @len may be -1 for a nul-terminated string. On failure @rle is left empty. */
gboolean precis_rle_from_string   (PrecisRle       *rle,
                                   const char      *str,
                                   gsize            len,
                                   guint32          h,
                                   guint32          w,
                                   GError         **error);
char    *precis_rle_to_string     (const PrecisRle *rle);

/* Checks that the runs add up to h × w. */
gboolean precis_rle_validate      (const PrecisRle *rle,
                                   GError         **error);

/* Column-major 0/1 bytes (h × w) to and from runs. */
void     precis_rle_encode        (PrecisRle       *rle,
                                   const guint8    *mask,
                                   guint32          h,
                                   guint32          w);
void     precis_rle_decode        (const PrecisRle *rle,
                                   guint8          *mask);

/* One polygon ring, n_coords doubles x0, y0, x1, y1, …, rasterised exactly as
 * pycocotools rleFrPoly (upsampling by 5, the same rounding): the same mask and
 * the same runs. Rings may be self-intersecting (each column is filled between
 * boundary crossings, even-odd) and may leave the image (clipped). Vertices are
 * clamped to ±5.3e7 px, where pycocotools' int conversion would be undefined. */
void     precis_rle_from_polygon  (PrecisRle       *rle,
                                   const double    *xy,
                                   gsize            n_coords,
                                   guint32          h,
                                   guint32          w);
/* A box [x, y, w, h] as pycocotools rleFrBbox (a 4-point polygon). */
void     precis_rle_from_bbox     (PrecisRle       *rle,
                                   const double    *bbox,
                                   guint32          h,
                                   guint32          w);
/* Union (intersect = FALSE) or intersection of n RLEs of the same size, combined
 * one after the other exactly as pycocotools rleMerge (the same runs, so the same
 * string). n = 1 copies; n = 0 or RLEs of different sizes give an empty 0 × 0 RLE. */
void     precis_rle_merge         (PrecisRle       *out,
                                   const PrecisRle *rles,
                                   gsize            n,
                                   gboolean         intersect);

guint64  precis_rle_area          (const PrecisRle *rle);
/* [x, y, w, h] of the mask's pixels as pycocotools rleToBbox. */
void     precis_rle_to_bbox       (const PrecisRle *rle,
                                   double          *bbox);

/* IoU of two RLEs of the same size, on runs, without decoding: pycocotools
 * rleIou for one pair. 0 when the rleToBbox boxes do not overlap or nothing is
 * shared; −1 when the sizes differ (and the boxes overlap), as pycocotools. With
 * @iscrowd the denominator is the area of @dt (COCO's crowd rule). */
double   precis_rle_iou           (const PrecisRle *dt,
                                   const PrecisRle *gt,
                                   gboolean         iscrowd);

G_END_DECLS

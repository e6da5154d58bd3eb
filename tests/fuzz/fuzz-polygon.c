/* fuzz-polygon.c: libFuzzer target for polygon and box rasterisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: mask height and width (two little-endian 32-bit numbers, folded into
 * the loader's limits: each side at most PRECIS_MAX_IMAGE_SIDE = 100 000,
 * h × w at most 2³¹), a mode byte, then the ring:
 *   mode & 1 = 0: raw IEEE doubles (so NaN, ±inf, ±1e308, subnormals);
 *   mode & 1 = 1: little-endian int16 pairs scaled by 2^((mode >> 1) - 32),
 *                 which gives polygons that actually cross the image.
 * Checks: the runs of precis_rle_from_polygon() and precis_rle_from_bbox()
 * (on the first four values) add up to h × w; for masks up to 2¹⁶ pixels
 * (bigger ones cost more than the rasterisation under ASan), decoding and
 * re-encoding keeps the area.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "fuzz-common.h"
#include "precis-rle.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define MAX_SIDE   100000u
#define MAX_PIXELS ((guint64) 1 << 31)

static guint64
check_runs (const PrecisRle *rle,
            guint32          h,
            guint32          w)
{
  guint64 total = 0, area = 0;

  FUZZ_CHECK (rle->h == h && rle->w == w);
  for (guint32 i = 0; i < rle->m; i++)
    {
      total += rle->cnts[i];
      if (i % 2 == 1)
        area += rle->cnts[i];
    }
  FUZZ_CHECK (total == (guint64) h * w);

  if ((guint64) h * w <= 1 << 16)
    {
      g_autofree guint8 *mask = g_malloc ((gsize) h * w + 1);
      PrecisRle again = PRECIS_RLE_INIT;
      guint64 area_again = 0;

      precis_rle_decode (rle, mask);
      precis_rle_encode (&again, mask, h, w);
      for (guint32 i = 1; i < again.m; i += 2)
        area_again += again.cnts[i];
      FUZZ_CHECK (area_again == area);
      precis_rle_clear (&again);
    }
  return area;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PrecisRle rle = PRECIS_RLE_INIT;
  g_autofree double *xy = NULL;
  guint32 h, w;
  gsize n = 0;
  guint8 mode;

  if (size < 9)
    return 0;
  memcpy (&h, data, 4);
  memcpy (&w, data + 4, 4);
  h = GUINT32_FROM_LE (h) % (MAX_SIDE + 1);
  w = GUINT32_FROM_LE (w) % (MAX_SIDE + 1);
  if ((guint64) h * w > MAX_PIXELS)
    w = (guint32) (MAX_PIXELS / h);
  mode = data[8];
  data += 9;
  size -= 9;

  if ((mode & 1) == 0)
    {
      n = size / sizeof (double);
      xy = g_new (double, n + 4);
      memcpy (xy, data, n * sizeof (double));
    }
  else
    {
      double scale = ldexp (1.0, (int) (mode >> 1) - 32);

      n = size / 2;
      xy = g_new (double, n + 4);
      for (gsize i = 0; i < n; i++)
        xy[i] = (gint16) (data[2 * i] | data[2 * i + 1] << 8) * scale;
    }

  precis_rle_from_polygon (&rle, xy, n & ~(gsize) 1, h, w);
  check_runs (&rle, h, w);
  precis_rle_clear (&rle);

  if (n >= 4)
    {
      precis_rle_from_bbox (&rle, xy, h, w);
      check_runs (&rle, h, w);
      precis_rle_clear (&rle);
    }
  return 0;
}

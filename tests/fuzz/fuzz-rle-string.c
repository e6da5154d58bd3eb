/* fuzz-rle-string.c: libFuzzer target for COCO's compressed RLE counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: mask height and width as two little-endian 16-bit numbers, then the
 * counts string (not nul-terminated, as precis_rle_from_string() allows).
 * Beyond "no crash, no leak, no undefined behaviour" it checks what the
 * decoder promises: a decoded mask covers exactly h × w pixels, a refused one
 * is left empty with a PRECIS_RLE_ERROR, and encoding a decoded mask gives a
 * string that decodes to the same runs and encodes to itself.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "precis-rle.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define CHECK(cond) G_STMT_START { if (!(cond)) { g_printerr ("check failed: %s\n", #cond); abort (); } } G_STMT_END

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PrecisRle rle = PRECIS_RLE_INIT;
  PrecisRle again = PRECIS_RLE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *str = NULL;
  g_autofree char *str_again = NULL;
  guint32 h, w;
  guint64 total = 0;

  if (size < 4)
    return 0;

  h = (guint32) data[0] | (guint32) data[1] << 8;
  w = (guint32) data[2] | (guint32) data[3] << 8;

  if (!precis_rle_from_string (&rle, (const char *) data + 4, size - 4, h, w, &error))
    {
      CHECK (error != NULL && error->domain == PRECIS_RLE_ERROR);
      CHECK (rle.m == 0 && rle.cnts == NULL);
      return 0;
    }
  CHECK (error == NULL);
  CHECK (rle.h == h && rle.w == w);

  for (guint32 i = 0; i < rle.m; i++)
    total += rle.cnts[i];
  CHECK (total == (guint64) h * w);

  str = precis_rle_to_string (&rle);
  CHECK (str != NULL);
  CHECK (precis_rle_from_string (&again, str, strlen (str), h, w, &error));
  CHECK (again.m == rle.m);
  CHECK (rle.m == 0 || memcmp (again.cnts, rle.cnts, sizeof (guint32) * rle.m) == 0);
  str_again = precis_rle_to_string (&again);
  CHECK (g_str_equal (str, str_again));

  precis_rle_clear (&again);
  precis_rle_clear (&rle);
  return 0;
}

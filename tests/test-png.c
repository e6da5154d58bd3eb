/* test-png.c: atomic, self-describing PNG files (precis-png)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "precis-png.h"
#include "precis-test-files.h"

/* A 7 × 5 surface whose pixels are all different, some translucent and one
 * fully transparent. Values in straight alpha, written premultiplied as cairo
 * stores them. */
static void
pixel_at (int     x,
          int     y,
          guint8 *rgba)
{
  rgba[0] = (guint8) (x * 36);
  rgba[1] = (guint8) (y * 60);
  rgba[2] = (guint8) (255 - x * 20 - y * 10);
  rgba[3] = (x == 0 && y == 0) ? 0 : (y == 1 ? 128 : (y == 2 ? 51 : 255));
}

static cairo_surface_t *
make_surface (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 7, 5);
  guchar *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  for (int y = 0; y < 5; y++)
    for (int x = 0; x < 7; x++)
      {
        guint8 p[4];
        guint32 *d = (guint32 *) (data + y * stride) + x;

        pixel_at (x, y, p);
        *d = (guint32) p[3] << 24 |
             (guint32) ((p[0] * p[3] + 127) / 255) << 16 |
             (guint32) ((p[1] * p[3] + 127) / 255) << 8 |
             (guint32) ((p[2] * p[3] + 127) / 255);
      }
  cairo_surface_mark_dirty (s);
  return s;
}

static void
test_png_roundtrip (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  cairo_surface_t *surface = make_surface ();
  cairo_surface_t *back;
  guint width = 0, height = 0;
  gboolean ok;

  /* Long enough to be stored compressed (over 1024 bytes), non-ASCII so it
   * must be iTXt. */
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (long_text, "{\"i\":%u,\"t\":\"≥\"}", i);

  {
    const PrecisPngText in[] = {
      { "Title", "Average precision per class" },
      { "Software", "Precis " PACKAGE_VERSION },
      { "Description", "cartucho-map · IoU ≥ 0.50" },
      { "Creation Time", "2026-01-02T03:04:05Z" },
      { "precis:evaluation", long_text->str },
    };

    ok = precis_png_save (surface, path, in, G_N_ELEMENTS (in), PRECIS_PNG_SAVE_NONE, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  /* Only the PNG itself: the temporary file is gone. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  ok = precis_png_read_info (path, &width, &height, &texts, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (width, ==, 7);
  g_assert_cmpuint (height, ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (texts, "Title"), ==, "Average precision per class");
  g_assert_cmpstr (g_hash_table_lookup (texts, "Software"), ==, "Precis " PACKAGE_VERSION);
  g_assert_cmpstr (g_hash_table_lookup (texts, "Description"), ==, "cartucho-map · IoU ≥ 0.50");
  g_assert_cmpstr (g_hash_table_lookup (texts, "Creation Time"), ==, "2026-01-02T03:04:05Z");
  g_assert_cmpstr (g_hash_table_lookup (texts, "precis:evaluation"), ==, long_text->str);
  g_assert_cmpuint (g_hash_table_size (texts), ==, 5);

  /* Pixels: straight RGBA survives premultiplication and back within one
   * step of rounding per channel (alpha exactly); a transparent pixel has no
   * colour. */
  back = precis_png_load_surface (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, 7);
  g_assert_cmpint (cairo_image_surface_get_height (back), ==, 5);
  for (int y = 0; y < 5; y++)
    for (int x = 0; x < 7; x++)
      {
        guint32 a = ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
        guint32 b = ((guint32 *) (cairo_image_surface_get_data (back) + y * cairo_image_surface_get_stride (back)))[x];

        g_assert_cmpuint (a >> 24, ==, b >> 24);
        for (int shift = 0; shift < 24; shift += 8)
          g_assert_cmpint (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)), <=, 1);
      }

  cairo_surface_destroy (back);
  cairo_surface_destroy (surface);
  remove_dir (dir);
}

static void
test_png_straight_alpha (void)
{
  /* Half-transparent pure red (premultiplied 0x80800000) must be stored as
   * straight RGBA (255, 0, 0, 128): read the raw bytes back through a second
   * decode path (cairo's own PNG reader premultiplies again, so compare with
   * it, not with the file bytes). */
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "red.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_surface_t *back;
  guint32 px;

  *(guint32 *) cairo_image_surface_get_data (s) = 0x80800000;
  cairo_surface_mark_dirty (s);
  g_assert_true (precis_png_save (s, path, NULL, 0, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_no_error (error);

  back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  px = *(guint32 *) cairo_image_surface_get_data (back);
  /* Straight (255, 0, 0, 128) premultiplied by cairo: red = 255 × 128 / 255 = 128. */
  g_assert_cmphex (px, ==, 0x80800000);

  cairo_surface_destroy (back);
  cairo_surface_destroy (s);
  remove_dir (dir);
}

static void
test_png_no_overwrite (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GHashTable) texts = NULL;
  cairo_surface_t *surface = make_surface ();
  const PrecisPngText first[] = { { "Title", "first" } };
  const PrecisPngText second[] = { { "Title", "second" } };
  gsize len_before, len_after;

  g_assert_true (precis_png_save (surface, path, first, 1, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));

  /* Refused without the flag: a clear error, the file untouched, nothing left over. */
  g_assert_false (precis_png_save (surface, path, second, 1, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Replaced on purpose. */
  g_assert_true (precis_png_save (surface, path, second, 1, PRECIS_PNG_SAVE_OVERWRITE, &error));
  g_assert_no_error (error);
  g_assert_true (precis_png_read_info (path, NULL, NULL, &texts, &error));
  g_assert_cmpstr (g_hash_table_lookup (texts, "Title"), ==, "second");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  cairo_surface_destroy (surface);
  remove_dir (dir);
}

static void
test_png_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = make_surface ();
  const PrecisPngText bad_keyword[] = { { "", "empty keyword" } };
  const PrecisPngText bad_utf8[] = { { "Title", "\xff\xfe" } };

  /* A folder that does not exist: an I/O error naming the file, nothing written. */
  g_assert_false (precis_png_save (surface, missing, NULL, 0, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);

  /* Text chunks PNG cannot hold are refused before anything is written. */
  g_assert_false (precis_png_save (surface, path, bad_keyword, 1, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (precis_png_save (surface, path, bad_utf8, 1, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 0);

  /* Reading something that is not a PNG, or nothing. */
  g_assert_true (g_file_set_contents (text, "not a png at all", -1, NULL));
  g_assert_false (precis_png_read_info (text, NULL, NULL, NULL, &error));
  g_assert_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_DECODE);
  g_clear_error (&error);
  g_assert_null (precis_png_load_surface (text, &error));
  g_assert_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_DECODE);
  g_clear_error (&error);
  g_assert_false (precis_png_read_info (path, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  cairo_surface_destroy (surface);
  remove_dir (dir);
}

static void
test_png_truncated (void)
{
  /* A PNG cut in the middle of its image data: the header still reads, the
   * pixels fail with a decode error instead of aborting. */
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cut.png", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
  gsize len;
  cairo_t *cr = cairo_create (surface);

  /* Noise does not compress, so the image data is long. */
  for (int i = 0; i < 64 * 64; i++)
    {
      cairo_set_source_rgb (cr, g_test_rand_double (), g_test_rand_double (), g_test_rand_double ());
      cairo_rectangle (cr, i % 64, i / 64, 1, 1);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  g_assert_true (precis_png_save (surface, path, NULL, 0, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 4000);
  g_assert_true (g_file_set_contents (path, data, len / 2, NULL));

  g_assert_true (precis_png_read_info (path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (precis_png_load_surface (path, &error));
  g_assert_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_DECODE);

  cairo_surface_destroy (surface);
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/png/roundtrip", test_png_roundtrip);
  g_test_add_func ("/png/straight-alpha", test_png_straight_alpha);
  g_test_add_func ("/png/no-overwrite", test_png_no_overwrite);
  g_test_add_func ("/png/errors", test_png_errors);
  g_test_add_func ("/png/truncated", test_png_truncated);

  return g_test_run ();
}

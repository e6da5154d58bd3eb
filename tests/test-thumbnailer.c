/* test-thumbnailer.c: PrecisThumbnailer, the explorer's image decoder (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pictures of the bundled sample (data/sample/cartucho-map, 640 × 480, see
 * its SOURCE.md) and the hostile files of tests/data/images-bad (README.md).
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "precis-dataset.h"
#include "precis-thumbnailer.h"

static PrecisDataset *sample;

typedef struct {
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Load;

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Load *load = user_data;

  load->texture = precis_thumbnailer_load_finish (PRECIS_THUMBNAILER (source), result, &load->error);
  load->done = TRUE;
}

static void
load_sync (PrecisThumbnailer *thumbnailer,
           const char        *path,
           GCancellable      *cancellable,
           Load              *load)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  memset (load, 0, sizeof *load);
  precis_thumbnailer_load_async (thumbnailer, path, cancellable, loaded, load);
  while (!load->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (load->done);
}

/* Decoding at a size in the pool, the LRU bound, cancellation, a missing file. */
static void
test_thumbnailer (void)
{
  g_autoptr(PrecisThumbnailer) thumbnailer = precis_thumbnailer_new (64, 3);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *missing = g_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", "images", "no-such-file.jpg", NULL);
  g_autoptr(GdkTexture) cached = NULL;
  Load load;

  /* Five pictures (640 × 480, data/sample/cartucho-map/SOURCE.md) through a cache of three. */
  for (guint32 k = 0; k < 5; k++)
    {
      const PrecisImage *img = precis_dataset_get_image (sample, k);

      g_assert_true (img->present);
      load_sync (thumbnailer, img->path, NULL, &load);
      g_assert_no_error (load.error);
      g_assert_nonnull (load.texture);
      /* Scaled to fit 64 × 64, keeping the aspect ratio: 64 × 48. */
      g_assert_cmpint (gdk_texture_get_width (load.texture), ==, 64);
      g_assert_cmpint (gdk_texture_get_height (load.texture), ==, 48);
      g_clear_object (&load.texture);
    }
  g_assert_cmpuint (precis_thumbnailer_get_n_decoded (thumbnailer), ==, 5);
  g_assert_cmpuint (precis_thumbnailer_get_n_cached (thumbnailer), ==, 3);
  /* The oldest two were dropped, the newest is there. */
  cached = precis_thumbnailer_lookup (thumbnailer, precis_dataset_get_image (sample, 0)->path);
  g_assert_null (cached);
  cached = precis_thumbnailer_lookup (thumbnailer, precis_dataset_get_image (sample, 4)->path);
  g_assert_nonnull (cached);

  /* A cached picture is not decoded again. */
  load_sync (thumbnailer, precis_dataset_get_image (sample, 4)->path, NULL, &load);
  g_assert_nonnull (load.texture);
  g_clear_object (&load.texture);
  g_assert_cmpuint (precis_thumbnailer_get_n_decoded (thumbnailer), ==, 5);

  /* A cancelled request reports the cancellation. */
  g_cancellable_cancel (cancelled);
  load_sync (thumbnailer, precis_dataset_get_image (sample, 6)->path, cancelled, &load);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (load.texture);
  g_clear_error (&load.error);

  /* A missing file is an error, not a crash. */
  load_sync (thumbnailer, missing, NULL, &load);
  g_assert_nonnull (load.error);
  g_assert_null (load.texture);
  g_clear_error (&load.error);

  /* Corrupt and hostile files (tests/data/README.md): an error, never a crash
   * or a 40 GB allocation. */
  {
    g_autofree char *garbage = g_test_build_filename (G_TEST_DIST, "data", "images-bad", "not-an-image.jpg", NULL);
    g_autofree char *huge = g_test_build_filename (G_TEST_DIST, "data", "images-bad", "huge-header.png", NULL);
    g_autofree char *truncated = g_test_build_filename (G_TEST_DIST, "data", "images-bad", "truncated.jpg", NULL);
    g_autoptr(PrecisThumbnailer) full_size = precis_thumbnailer_new (0, 2);

    load_sync (thumbnailer, garbage, NULL, &load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_null (load.texture);
    g_clear_error (&load.error);

    /* The header claims 100000 × 100000 pixels: refused at both sizes. */
    load_sync (thumbnailer, huge, NULL, &load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_assert_null (load.texture);
    g_clear_error (&load.error);
    load_sync (full_size, huge, NULL, &load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_assert_null (load.texture);
    g_clear_error (&load.error);

    /* The first 3000 bytes of a JPEG: the decoder either gives up with an
     * error or returns what it could read; exactly one of the two. */
    load_sync (full_size, truncated, NULL, &load);
    g_assert_true ((load.error != NULL) != (load.texture != NULL));
    g_clear_error (&load.error);
    g_clear_object (&load.texture);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) project = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* No display is a failure, not a skip: the suite runs under xvfb-run. */
  if (!gtk_init_check ())
    g_error ("cannot open a display: run the app suite under xvfb-run");

  project = g_file_new_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", NULL);
  sample = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/thumbnailer/decode-cache-cancel-bad-files", test_thumbnailer);
  ret = g_test_run ();

  g_clear_object (&sample);
  return ret;
}

/* test-image-metrics.c: brightness, contrast and sharpness (SEMANTICS.md §9), and their cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * References:
 * - tests/data/metrics/images/hand-4x4.png: black RGBA pixels with varying
 *   alpha (ignored) and one white pixel at x = 1, y = 1. By hand: 255·Y is 255
 *   there and 0 elsewhere, so brightness = 1/16 and contrast = √(1/16 − 1/256);
 *   the interior pixels (1,1) (2,1) (1,2) (2,2) have Laplacians −1020, 255,
 *   255, 0, mean −127.5, population variance 276356.25.
 * - tests/data/metrics/images/2007_000027.jpg (a copy of the bundled sample's
 *   image): `/usr/bin/python3 tests/data/reference/image-metrics.py FILE`
 *   (Pillow 9.4, numpy 1.24; both decode with Debian's libjpeg-turbo).
 */
#include <math.h>
#include <string.h>
#include <utime.h>
#include <glib/gstdio.h>

#include "precis-image-metrics.h"
#include "precis-metrics.h"

#define JPEG_BRIGHTNESS 0.33002848280484059
#define JPEG_CONTRAST   0.33275069213076391
#define JPEG_SHARPNESS  884.47076817281436

static void
assert_close (double got,
              double want,
              double rel)
{
  if (fabs (got - want) > rel * fabs (want))
    g_error ("%.17g is not %.17g (relative tolerance %g)", got, want, rel);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "metrics", "images", name, NULL);
}

static void
test_hand (void)
{
  g_autofree char *path = fixture ("hand-4x4.png");
  g_autoptr(GError) error = NULL;
  double v[PRECIS_IMAGE_N_METRICS];

  g_assert_true (precis_image_stats_compute_file (path, v, &error));
  g_assert_no_error (error);
  /* 0.299·255 + 0.587·255 + 0.114·255 rounds to 255 within an ulp or two. */
  assert_close (v[PRECIS_IMAGE_BRIGHTNESS], 1.0 / 16.0, 1e-15);
  assert_close (v[PRECIS_IMAGE_CONTRAST], sqrt (1.0 / 16.0 - 1.0 / 256.0), 1e-14);
  assert_close (v[PRECIS_IMAGE_SHARPNESS], 276356.25, 1e-14);
}

static void
test_small_images (void)
{
  const guint8 px[2 * 2 * 3] = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120 };
  double v[PRECIS_IMAGE_N_METRICS];

  /* 2 × 2: no interior pixel, so no sharpness; brightness by hand:
   * 255·Y = 0.299 R + 0.587 G + 0.114 B = 18.15, 48.15, 78.15, 108.15. */
  precis_image_stats_compute (px, 2, 2, 6, 3, v);
  assert_close (v[PRECIS_IMAGE_BRIGHTNESS], 63.15 / 255.0, 1e-14);
  assert_close (v[PRECIS_IMAGE_CONTRAST], sqrt (1125.0) / 255.0, 1e-14);
  g_assert_true (isnan (v[PRECIS_IMAGE_SHARPNESS]));

  precis_image_stats_compute (px, 0, 0, 0, 3, v);
  g_assert_true (isnan (v[PRECIS_IMAGE_BRIGHTNESS]));
}

static void
test_pillow (void)
{
  g_autofree char *path = fixture ("2007_000027.jpg");
  g_autoptr(GError) error = NULL;
  double v[PRECIS_IMAGE_N_METRICS];

  g_assert_true (precis_image_stats_compute_file (path, v, &error));
  g_assert_no_error (error);
  /* Summation orders differ (numpy is pairwise): 1e-9 relative. */
  assert_close (v[PRECIS_IMAGE_BRIGHTNESS], JPEG_BRIGHTNESS, 1e-9);
  assert_close (v[PRECIS_IMAGE_CONTRAST], JPEG_CONTRAST, 1e-9);
  assert_close (v[PRECIS_IMAGE_SHARPNESS], JPEG_SHARPNESS, 1e-9);
}

/* A project folder: the two fixtures, a missing file and a file that is not
 * an image. */
typedef struct {
  char          *dir;
  char          *cache;
  PrecisDataset *dataset;
} Project;

static void
copy_fixture (const char *name,
              const char *to)
{
  g_autofree char *from = fixture (name);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
}

static void
project_init (Project *p)
{
  const char *gt =
    "{ \"images\": ["
    "  { \"id\": 1, \"width\": 4, \"height\": 4, \"file_name\": \"hand-4x4.png\" },"
    "  { \"id\": 2, \"width\": 640, \"height\": 480, \"file_name\": \"photo.jpg\" },"
    "  { \"id\": 3, \"width\": 10, \"height\": 10, \"file_name\": \"missing.jpg\" },"
    "  { \"id\": 4, \"width\": 10, \"height\": 10, \"file_name\": \"broken.jpg\" } ],"
    "  \"categories\": [ { \"id\": 1, \"name\": \"a\" } ],"
    "  \"annotations\": [ { \"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 2, 2], \"area\": 4 } ] }";
  g_autofree char *images = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  p->dir = g_dir_make_tmp ("precis-image-metrics-XXXXXX", NULL);
  images = g_build_filename (p->dir, "images", NULL);
  g_assert_cmpint (g_mkdir (images, 0755), ==, 0);
  path = g_build_filename (p->dir, "gt.json", NULL);
  g_assert_true (g_file_set_contents (path, gt, -1, NULL));
  g_clear_pointer (&path, g_free);
  path = g_build_filename (images, "hand-4x4.png", NULL);
  copy_fixture ("hand-4x4.png", path);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (images, "photo.jpg", NULL);
  copy_fixture ("2007_000027.jpg", path);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (images, "broken.jpg", NULL);
  g_assert_true (g_file_set_contents (path, "not a JPEG", -1, NULL));

  /* One prediction, on the photo. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (p->dir, "predictions.json", NULL);
  g_assert_true (g_file_set_contents (path, "[ { \"image_id\": 2, \"category_id\": 1, \"bbox\": [0, 0, 2, 2], \"score\": 0.5 } ]", -1, NULL));

  p->cache = g_build_filename (p->dir, "cache", "image-metrics.tsv", NULL);
  file = g_file_new_for_path (p->dir);
  p->dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
project_clear (Project *p)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", p->dir);

  g_clear_object (&p->dataset);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (p->dir);
  g_free (p->cache);
}

static PrecisImageMetrics *
compute (Project *p,
         guint    n_threads)
{
  g_autoptr(GError) error = NULL;
  PrecisImageMetrics *m = precis_image_metrics_compute (p->dataset, p->cache, n_threads, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

/* The values of every image, the same whatever the cache did: == */
static void
assert_values (PrecisImageMetrics *m)
{
  double hand[PRECIS_IMAGE_N_METRICS], photo[PRECIS_IMAGE_N_METRICS];
  g_autofree char *hand_path = fixture ("hand-4x4.png");
  g_autofree char *photo_path = fixture ("2007_000027.jpg");

  g_assert_true (precis_image_stats_compute_file (hand_path, hand, NULL));
  g_assert_true (precis_image_stats_compute_file (photo_path, photo, NULL));
  g_assert_cmpuint (precis_image_metrics_get_n_images (m), ==, 4);
  for (PrecisImageMetric k = 0; k < PRECIS_IMAGE_N_METRICS; k++)
    {
      g_assert_cmpfloat (precis_image_metrics_get (m, 0, k), ==, hand[k]);
      g_assert_cmpfloat (precis_image_metrics_get (m, 1, k), ==, photo[k]);
      g_assert_true (isnan (precis_image_metrics_get (m, 2, k)));
      g_assert_true (isnan (precis_image_metrics_get (m, 3, k)));
    }
  g_assert_cmpuint (precis_image_metrics_get_n_undefined (m), ==, 2);
  g_assert_cmpstr (precis_image_metric_to_string (PRECIS_IMAGE_SHARPNESS), ==, "sharpness");
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (total, ==, 3);
  (*calls)++;
}

static void
test_cache (void)
{
  Project p;
  guint calls = 0;

  project_init (&p);

  /* First: the three files on disk are decoded (the broken one fails). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrecisImageMetrics) m = precis_image_metrics_compute (p.dataset, p.cache, 2, NULL,
                                                                    progress_cb, &calls, &error);

    g_assert_no_error (error);
    assert_values (m);
    g_assert_cmpuint (precis_image_metrics_get_n_decoded (m), ==, 3);
    g_assert_cmpuint (calls, ==, 3);
    g_assert_true (g_file_test (p.cache, G_FILE_TEST_IS_REGULAR));
  }

  /* Reopened: nothing decoded, the same numbers. */
  {
    g_autoptr(PrecisImageMetrics) m = compute (&p, 1);

    assert_values (m);
    g_assert_cmpuint (precis_image_metrics_get_n_decoded (m), ==, 0);
  }

  /* A changed file (another mtime) is decoded again, the others are not. */
  {
    g_autofree char *photo = g_build_filename (p.dir, "images", "photo.jpg", NULL);
    struct utimbuf times = { 1000000000, 1000000000 };
    g_autoptr(PrecisImageMetrics) m = NULL;

    g_assert_cmpint (g_utime (photo, &times), ==, 0);
    m = compute (&p, 2);
    assert_values (m);
    g_assert_cmpuint (precis_image_metrics_get_n_decoded (m), ==, 1);
  }

  /* A damaged cache is never trusted: garbage, a wrong header, a truncated line,
   * a wrong value for a stale key. */
  {
    const char *damaged[] = {
      "\x01\x02garbage",
      "# precis image metrics v0\n",
      "# precis image metrics v1\n/x/hand-4x4.png\t101\t5",
      NULL,
    };

    for (guint i = 0; damaged[i] != NULL; i++)
      {
        g_autoptr(PrecisImageMetrics) m = NULL;

        g_assert_true (g_file_set_contents (p.cache, damaged[i], -1, NULL));
        m = compute (&p, 2);
        assert_values (m);
        g_assert_cmpuint (precis_image_metrics_get_n_decoded (m), ==, 3);
      }
  }
  {
    g_autofree char *hand = g_build_filename (p.dir, "images", "hand-4x4.png", NULL);
    g_autofree char *escaped = g_strescape (hand, NULL);
    g_autofree char *wrong = g_strdup_printf ("# precis image metrics v1\n%s\t101\t0\t0.5\t0.5\t0.5\n", escaped);
    g_autoptr(PrecisImageMetrics) m = NULL;

    g_assert_true (g_file_set_contents (p.cache, wrong, -1, NULL));
    m = compute (&p, 2);
    assert_values (m);
  }

  /* Cancelled: no result. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    PrecisImageMetrics *m;

    g_remove (p.cache);
    g_cancellable_cancel (cancellable);
    m = precis_image_metrics_compute (p.dataset, p.cache, 2, cancellable, NULL, NULL, &error);
    g_assert_null (m);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (g_file_test (p.cache, G_FILE_TEST_EXISTS));
  }

  project_clear (&p);
}

/* Every object of an image gets that image's values; without image metrics
 * they are undefined. */
static void
test_per_object (void)
{
  Project p;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  g_autoptr(PrecisMetrics) metrics = NULL;
  g_autoptr(PrecisImageMetrics) images = NULL;

  project_init (&p);
  matcher = precis_matcher_new (p.dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  active = precis_active_new (matcher);
  metrics = precis_metrics_new (active, NULL);
  images = compute (&p, 2);

  for (PrecisImageMetric k = 0; k < PRECIS_IMAGE_N_METRICS; k++)
    {
      guint32 m = precis_metrics_find (metrics, precis_image_metric_to_string (k));
      const double *v;

      g_assert_cmpuint (m, !=, PRECIS_NO_INDEX);
      g_assert_true (precis_metrics_is_image_metric (metrics, m));
      g_assert_false (precis_metrics_is_custom (metrics, m));
      v = precis_metrics_get_values (metrics, m);
      g_assert_true (isnan (v[0]) && isnan (v[1]));

      precis_metrics_set_image_metrics (metrics, images);
      v = precis_metrics_get_values (metrics, m);
      /* GT 0 lies on image 0 (hand-4x4.png), prediction 0 on image 1 (photo.jpg). */
      g_assert_cmpfloat (v[0], ==, precis_image_metrics_get (images, 0, k));
      g_assert_cmpfloat (v[1], ==, precis_image_metrics_get (images, 1, k));
      precis_metrics_set_image_metrics (metrics, NULL);
    }
  g_assert_false (precis_metrics_is_image_metric (metrics, precis_metrics_find (metrics, "area")));
  assert_close (precis_image_metrics_get (images, 1, PRECIS_IMAGE_SHARPNESS), JPEG_SHARPNESS, 1e-9);

  g_clear_object (&metrics);
  g_clear_object (&active);
  g_clear_object (&matcher);
  project_clear (&p);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image-metrics/hand", test_hand);
  g_test_add_func ("/image-metrics/small-images", test_small_images);
  g_test_add_func ("/image-metrics/pillow", test_pillow);
  g_test_add_func ("/image-metrics/cache", test_cache);
  g_test_add_func ("/image-metrics/per-object", test_per_object);
  return g_test_run ();
}

/* test-metrics-per-image.c: precis_metrics_image_values() on tests/data/metrics
 *
 * Every expected number is a hand computation from the fixture (values per
 * object in the table of test-metrics.c): image 0 (one.png) holds GTs 1, 2
 * (and crowd GT 4, left out) and predictions 1, 2, 4, 5; image 1 (two.png)
 * holds GT 3 and prediction 3. Classes: a = index 0, b = index 1 (only
 * prediction 5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "precis-metrics.h"

static PrecisDataset *dataset;
static PrecisMatcher *matcher;
static PrecisActive *active;

static void
values_of (PrecisMetrics        *metrics,
           const char           *name,
           PrecisMetricImageMode mode,
           guint32               category,
           double                out[2])
{
  guint32 metric = precis_metrics_find (metrics, name);

  g_assert_cmpuint (metric, !=, PRECIS_NO_INDEX);
  precis_metrics_image_values (metrics, metric, mode, category, out);
}

static void
assert_pair (const double got[2],
             double       a,
             double       b)
{
  for (guint k = 0; k < 2; k++)
    {
      double want = k == 0 ? a : b;

      if (isnan (want))
        g_assert_true (isnan (got[k]));
      else
        g_assert_cmpfloat_with_epsilon (got[k], want, 1e-12);
    }
}

static void
test_modes (void)
{
  g_autoptr(PrecisMetrics) metrics = precis_metrics_new (active, NULL);
  double v[2];

  /* area: image 0 GTs 100, 200 (crowd 600 out), predictions 100, 100, 600, 50;
   * image 1 GT 50, prediction 16. */
  values_of (metrics, "area", PRECIS_METRIC_IMAGE_MIN, PRECIS_NO_INDEX, v);
  assert_pair (v, 50, 16);
  values_of (metrics, "area", PRECIS_METRIC_IMAGE_MAX, PRECIS_NO_INDEX, v);
  assert_pair (v, 600, 50);
  /* (100 + 200 + 100 + 100 + 600 + 50) / 6 = 1150 / 6; (50 + 16) / 2 = 33 */
  values_of (metrics, "area", PRECIS_METRIC_IMAGE_MEAN, PRECIS_NO_INDEX, v);
  assert_pair (v, 1150.0 / 6, 33);

  /* Class b: only prediction 5 (area 50) on image 0; image 1 has none. */
  values_of (metrics, "area", PRECIS_METRIC_IMAGE_MEAN, 1, v);
  assert_pair (v, 50, NAN);
  /* Class a drops prediction 5: min of 100, 200, 100, 100, 600. */
  values_of (metrics, "area", PRECIS_METRIC_IMAGE_MIN, 0, v);
  assert_pair (v, 100, 16);

  /* confidence is undefined on GTs: (0.9 + 0.8 + 0.7 + 0.5) / 4, 0.6. */
  values_of (metrics, "confidence", PRECIS_METRIC_IMAGE_MEAN, PRECIS_NO_INDEX, v);
  assert_pair (v, 0.725, 0.6);

  /* iou: image 0 GT 1, 0.5, predictions 1, 0.5, 0, 0; image 1 all 0. */
  values_of (metrics, "iou", PRECIS_METRIC_IMAGE_MAX, PRECIS_NO_INDEX, v);
  assert_pair (v, 1, 0);
  values_of (metrics, "iou", PRECIS_METRIC_IMAGE_MIN, PRECIS_NO_INDEX, v);
  assert_pair (v, 0, 0);

  /* objects_in_image: 2 and 1 whatever the mode. */
  values_of (metrics, "objects_in_image", PRECIS_METRIC_IMAGE_MEAN, PRECIS_NO_INDEX, v);
  assert_pair (v, 2, 1);
}

/* An image metric is the image's own value: undefined without image metrics,
 * and undefined for the fixture's images, whose files are absent. */
static void
test_image_metric (void)
{
  g_autoptr(PrecisMetrics) metrics = precis_metrics_new (active, NULL);
  g_autoptr(PrecisImageMetrics) images = NULL;
  g_autoptr(GError) error = NULL;
  double v[2] = { 0, 0 };

  values_of (metrics, "brightness", PRECIS_METRIC_IMAGE_MAX, PRECIS_NO_INDEX, v);
  assert_pair (v, NAN, NAN);

  images = precis_image_metrics_compute (dataset, NULL, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  precis_metrics_set_image_metrics (metrics, images);
  v[0] = v[1] = 0;
  values_of (metrics, "sharpness", PRECIS_METRIC_IMAGE_MIN, PRECIS_NO_INDEX, v);
  for (guint k = 0; k < 2; k++)
    g_assert_true (isnan (precis_image_metrics_get (images, k, PRECIS_IMAGE_SHARPNESS)) &&
                   isnan (v[k]));
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = g_test_build_filename (G_TEST_DIST, "data", "metrics", NULL);
  file = g_file_new_for_path (dir);
  dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  active = precis_active_new (matcher);
  precis_active_set_threshold (active, 0.5);

  g_test_add_func ("/metrics-per-image/modes", test_modes);
  g_test_add_func ("/metrics-per-image/image-metric", test_image_metric);
  ret = g_test_run ();

  g_clear_object (&active);
  g_clear_object (&matcher);
  g_clear_object (&dataset);
  return ret;
}

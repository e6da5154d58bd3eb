/* test-metric-chart.c: the metric performance charts (precis-metric-chart.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-made buckets: the strings drawn, the tooltip text, the hit test and the
 * summaries' sort order (values and expected strings written out below).
 */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "precis-metric-chart.h"

/* Bucket 0: 4 predictions, 2 TP, 2 FP (precision 0.5), 3 GT, 1 FN (1/3);
 * bucket 1: nothing evaluated (both null). */
static const PrecisMetricBucket buckets[2] = {
  { 16, 308, 4, 2, 2, 0.5, 3, 1, 1 / 3. },
  { 308, 600, 0, 0, 0, NAN, 0, 0, NAN },
};

static GPtrArray *
draw (const PrecisMetricChart *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cairo_t *cr = cairo_create (surface);
  GPtrArray *texts = precis_metric_chart_draw (chart, cr, 600, 400, 1.0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return texts;
}

static gboolean
has_text (GPtrArray  *texts,
          const char *s)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), s))
      return TRUE;
  return FALSE;
}

static void
test_buckets (void)
{
  PrecisMetricChart chart = {
    .kind = PRECIS_METRIC_CHART_PRECISION, .metric = "area", .binning = PRECIS_BINNING_WIDTH,
    .threshold = 0.5, .n_buckets = 2, .buckets = buckets, .selected = -1,
  };
  g_autoptr(GPtrArray) p = draw (&chart);
  g_autoptr(GPtrArray) f = NULL;
  g_autofree char *tip0 = NULL, *tip1 = NULL;

  g_assert_cmpstr (g_ptr_array_index (p, 0), ==, "Precision by area");
  g_assert_cmpstr (g_ptr_array_index (p, 1), ==, "Equal-width binning · 2 buckets · IoU threshold 0.50");
  g_assert_true (has_text (p, "0.50"));
  g_assert_true (has_text (p, "–"));
  g_assert_true (has_text (p, "4"));
  g_assert_true (has_text (p, "16"));
  g_assert_true (has_text (p, "600"));

  chart.kind = PRECIS_METRIC_CHART_FN_RATE;
  f = draw (&chart);
  g_assert_cmpstr (g_ptr_array_index (f, 0), ==, "FN rate by area");
  g_assert_true (has_text (f, "0.33"));
  g_assert_true (has_text (f, "3"));

  tip0 = precis_metric_chart_describe (&chart, 0);
  g_assert_cmpstr (tip0, ==, "Bucket 1 of 2: area [16, 308)\n"
                             "4 predictions: 2 TP, 2 FP · precision 0.500 (2 / 4)\n"
                             "3 GT: 1 FN · FN rate 0.333 (1 / 3)");
  tip1 = precis_metric_chart_describe (&chart, 1);
  g_assert_cmpstr (tip1, ==, "Bucket 2 of 2: area [308, 600]\n"
                             "0 predictions: 0 TP, 0 FP · precision – (0 / 0)\n"
                             "0 GT: 0 FN · FN rate – (0 / 0)");

  /* Two equal slots right of the axis: the left quarter of the plot is bucket 0. */
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 150, 200), ==, 0);
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 500, 200), ==, 1);
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 5, 200), ==, -1);
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 300, 5), ==, -1);
}

static void
test_summary (void)
{
  const char * const names[] = { "a", "b", "c", NULL };
  const double values[] = { 0.1, NAN, -0.5 };
  PrecisMetricChart chart = {
    .kind = PRECIS_METRIC_CHART_CORRELATION, .threshold = 0.5, .n_metrics = 3,
    .names = names, .values = values, .selected = -1,
  };
  g_autoptr(GPtrArray) texts = draw (&chart);
  g_autofree char *tip = precis_metric_chart_describe (&chart, 2);
  /* Rows start under the header (18 + 20 + 16 + 10 = 64), 22 high. */
  const double row0 = 64 + 11, row1 = 64 + 33, row2 = 64 + 55;

  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "Metric correlation with TP");
  /* Sorted by |value|, undefined last: c (−0.5), a (0.1), b. */
  g_assert_cmpstr (g_ptr_array_index (texts, 2), ==, "c");
  g_assert_cmpstr (g_ptr_array_index (texts, 3), ==, "-0.500");
  g_assert_cmpstr (g_ptr_array_index (texts, 4), ==, "a");
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 300, row0), ==, 2);
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 300, row1), ==, 0);
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 300, row2), ==, 1);
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 300, row2 + 22), ==, -1);
  g_assert_cmpstr (tip, ==, "c: -0.5000");

  /* Importance: largest first. */
  chart.kind = PRECIS_METRIC_CHART_IMPORTANCE;
  g_assert_cmpint (precis_metric_chart_hit (&chart, 600, 400, 300, row0), ==, 0);
}

static void
test_png (void)
{
  PrecisMetricChart chart = {
    .kind = PRECIS_METRIC_CHART_PRECISION, .metric = "area", .n_buckets = 2, .buckets = buckets,
    .selected = -1,
  };
  g_autofree char *dir = g_dir_make_tmp ("precis-metric-chart-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (precis_metric_chart_save_png (&chart, 300, 200, file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (precis_metric_chart_save_png (&chart, 300, 200, file, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (precis_metric_chart_save_png (&chart, 300, 200, file, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_remove (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/metric-chart/buckets", test_buckets);
  g_test_add_func ("/metric-chart/summary", test_summary);
  g_test_add_func ("/metric-chart/png", test_png);
  return g_test_run ();
}

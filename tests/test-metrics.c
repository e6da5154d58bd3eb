/* test-metrics.c: metric performance (SEMANTICS.md §9) on tests/data/metrics
 *
 * Every expected number is a hand computation (tests/data/README.md, "metrics").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "precis-metrics.h"
#include "precis-metrics-private.h"

typedef struct {
  PrecisDataset *dataset;
  PrecisMatcher *matcher;
  PrecisActive  *active;
} Fixture;

static void
fixture_load (Fixture *f)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "metrics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  f->dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->matcher = precis_matcher_new (f->dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->active = precis_active_new (f->matcher);
  precis_active_set_threshold (f->active, 0.5);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->active);
  g_clear_object (&f->matcher);
  g_clear_object (&f->dataset);
}

/* Values in file order: GT ids 1–4, then predictions 1–5; NAN = undefined. */
static const struct {
  const char *name;
  double      gt[4];
  double      pred[5];
} builtin[] = {
  { "area",             { 100, 200, 50, 600 },     { 100, 100, 16, 600, 50 } },
  { "relative_area",    { .02, .04, .125, .12 },   { .02, .02, .04, .12, .01 } },
  { "width",            { 10, 20, 10, 30 },        { 10, 10, 4, 30, 5 } },
  { "height",           { 10, 10, 5, 20 },         { 10, 10, 4, 20, 10 } },
  { "aspect_ratio",     { 1, 2, 2, 1.5 },          { 1, 1, 1, 1.5, .5 } },
  { "border_distance",  { 0, 10, 5, 10 },          { 0, 10, 0, 10, 0 } },
  { "objects_in_image", { 2, 2, 1, 2 },            { 2, 2, 1, 2, 2 } },
  { "confidence",       { NAN, NAN, NAN, NAN },    { .9, .8, .6, .7, .5 } },
  { "iou",              { 1, .5, 0, 0 },           { 1, .5, 0, 0, 0 } },
  /* No image metrics computed (precis_metrics_set_image_metrics()): undefined;
   * their values are checked in test-image-metrics.c. */
  { "brightness",       { NAN, NAN, NAN, NAN },    { NAN, NAN, NAN, NAN, NAN } },
  { "contrast",         { NAN, NAN, NAN, NAN },    { NAN, NAN, NAN, NAN, NAN } },
  { "sharpness",        { NAN, NAN, NAN, NAN },    { NAN, NAN, NAN, NAN, NAN } },
};

static void
assert_value (double got,
              double want)
{
  if (isnan (want))
    g_assert_true (isnan (got));
  else
    g_assert_cmpfloat_with_epsilon (got, want, 1e-12);
}

static void
test_builtin_values (void)
{
  Fixture f;
  g_autoptr(PrecisMetrics) metrics = NULL;
  const PrecisAnnotations *gt, *dt;

  fixture_load (&f);
  metrics = precis_metrics_new (f.active, NULL);
  gt = precis_dataset_get_ground_truth_annotations (f.dataset);
  dt = precis_dataset_get_predictions (f.dataset, 0);
  g_assert_cmpuint (precis_metrics_get_n_metrics (metrics), ==, G_N_ELEMENTS (builtin));
  for (guint k = 0; k < G_N_ELEMENTS (builtin); k++)
    {
      guint32 m = precis_metrics_find (metrics, builtin[k].name);
      const double *v;

      g_assert_cmpuint (m, ==, k);
      g_assert_false (precis_metrics_is_custom (metrics, m));
      v = precis_metrics_get_values (metrics, m);
      for (guint i = 0; i < gt->n; i++)
        assert_value (v[i], builtin[k].gt[gt->file_index[i]]);
      for (guint i = 0; i < dt->n; i++)
        assert_value (v[gt->n + i], builtin[k].pred[dt->file_index[i]]);
    }
  g_assert_cmpuint (precis_metrics_find (metrics, "brightnesss"), ==, PRECIS_NO_INDEX);
  fixture_clear (&f);
}

typedef struct {
  double lo, hi;
  guint  predictions, tp, fp;
  double precision;
  guint  gt, fn;
  double fn_rate;
} Bucket;

static void
assert_buckets (const PrecisMetricResult *res,
                const Bucket             *want,
                guint                     n)
{
  g_assert_cmpuint (res->n_buckets, ==, n);
  for (guint k = 0; k < n; k++)
    {
      const PrecisMetricBucket *b = &res->buckets[k];

      g_assert_cmpfloat (b->lo, ==, want[k].lo);
      g_assert_cmpfloat (b->hi, ==, want[k].hi);
      g_assert_cmpuint (b->predictions, ==, want[k].predictions);
      g_assert_cmpuint (b->tp, ==, want[k].tp);
      g_assert_cmpuint (b->fp, ==, want[k].fp);
      assert_value (b->precision, want[k].precision);
      g_assert_cmpuint (b->gt, ==, want[k].gt);
      g_assert_cmpuint (b->fn, ==, want[k].fn);
      assert_value (b->fn_rate, want[k].fn_rate);
    }
}

/* area: V = {100, 200, 50, 100, 100, 16, 600, 50} (the crowd GT left out). */
static void
test_binnings (void)
{
  Fixture f;
  g_autoptr(PrecisMetrics) metrics = NULL;
  const PrecisMetricResult *res;
  static const Bucket width2[] = {
    { 16, 308, 4, 2, 2, .5, 3, 1, 1 / 3. },
    { 308, 600, 1, 0, 0, NAN, 0, 0, NAN },   /* only the ignored prediction: nulls */
  };
  static const Bucket quantile4[] = {
    { 16, 50, 1, 0, 1, 0, 0, 0, NAN },
    { 50, 100, 1, 0, 1, 0, 1, 1, 1 },
    { 100, 125, 2, 2, 0, 1, 1, 0, 0 },
    { 125, 600, 1, 0, 0, NAN, 1, 0, 0 },
  };
  /* Edges 16, 45.75, 50, 81.25, 100, 100, 125, 250, 600: the repeated 100 merges. */
  static const Bucket quantile8[] = {
    { 16, 45.75, 1, 0, 1, 0, 0, 0, NAN },
    { 45.75, 50, 0, 0, 0, NAN, 0, 0, NAN },
    { 50, 81.25, 1, 0, 1, 0, 1, 1, 1 },
    { 81.25, 100, 0, 0, 0, NAN, 0, 0, NAN },
    { 100, 125, 2, 2, 0, 1, 1, 0, 0 },
    { 125, 250, 0, 0, 0, NAN, 1, 0, 0 },
    { 250, 600, 1, 0, 0, NAN, 0, 0, NAN },
  };

  fixture_load (&f);
  metrics = precis_metrics_new (f.active, NULL);
  precis_metrics_set_metric (metrics, precis_metrics_find (metrics, "area"));

  precis_metrics_set_binning (metrics, PRECIS_BINNING_WIDTH);
  precis_metrics_set_n_buckets (metrics, 2);
  res = precis_metrics_evaluate (metrics);
  assert_buckets (res, width2, G_N_ELEMENTS (width2));
  g_assert_cmpuint (res->undefined_gt, ==, 0);
  g_assert_cmpuint (res->undefined_predictions, ==, 0);

  precis_metrics_set_binning (metrics, PRECIS_BINNING_QUANTILE);
  precis_metrics_set_n_buckets (metrics, 4);
  assert_buckets (precis_metrics_evaluate (metrics), quantile4, G_N_ELEMENTS (quantile4));
  precis_metrics_set_n_buckets (metrics, 8);
  res = precis_metrics_evaluate (metrics);
  assert_buckets (res, quantile8, G_N_ELEMENTS (quantile8));

  /* numpy.corrcoef and the plug-in importance (tests/data/README.md). */
  g_assert_cmpfloat_with_epsilon (res->correlation, 0.9412377793797667, 1e-12);
  g_assert_cmpfloat_with_epsilon (res->importance, 1.0, 1e-12);

  /* At t = 0.95 P2 (iou 0.5) becomes FP and G2 FN; the buckets stay put. */
  precis_active_set_threshold (f.active, 0.95);
  res = precis_metrics_evaluate (metrics);
  g_assert_cmpuint (res->n_buckets, ==, 7);
  g_assert_cmpuint (res->buckets[4].tp, ==, 1);
  g_assert_cmpuint (res->buckets[4].fp, ==, 1);
  g_assert_cmpuint (res->buckets[5].fn, ==, 1);
  fixture_clear (&f);
}

/* A single value: one bucket [v, v]; no value: no bucket. */
static void
test_edges (void)
{
  double v[] = { 3, 3, 3 }, edges[11];
  double ties[] = { 1, 1, 1, 1, 2 };

  g_assert_cmpuint (_precis_metric_edges (v, 3, PRECIS_BINNING_QUANTILE, 10, edges), ==, 1);
  g_assert_cmpfloat (edges[0], ==, 3);
  g_assert_cmpfloat (edges[1], ==, 3);
  g_assert_cmpuint (_precis_metric_bucket (edges, 1, PRECIS_BINNING_QUANTILE, 3), ==, 0);
  g_assert_cmpuint (_precis_metric_edges (v, 3, PRECIS_BINNING_WIDTH, 10, edges), ==, 1);
  g_assert_cmpuint (_precis_metric_edges (v, 0, PRECIS_BINNING_WIDTH, 10, edges), ==, 0);
  g_assert_cmpuint (_precis_metric_bucket (edges, 0, PRECIS_BINNING_WIDTH, 3), ==, G_MAXUINT16);
  g_assert_cmpuint (_precis_metric_bucket (edges, 1, PRECIS_BINNING_WIDTH, NAN), ==, G_MAXUINT16);

  /* Ties: quantiles of {1, 1, 1, 1, 2} at 0, .25, .5, .75, 1 are 1, 1, 1, 1, 2:
   * one bucket [1, 2], both ends in it. */
  g_assert_cmpuint (_precis_metric_edges (ties, 5, PRECIS_BINNING_QUANTILE, 4, edges), ==, 1);
  g_assert_cmpfloat (edges[0], ==, 1);
  g_assert_cmpfloat (edges[1], ==, 2);
  g_assert_cmpuint (_precis_metric_bucket (edges, 1, PRECIS_BINNING_QUANTILE, 2), ==, 0);

  /* Width: the maximum goes to the last bucket, a value on an inner edge up. */
  {
    double w[] = { 0, 1, 2, 3, 4 };

    g_assert_cmpuint (_precis_metric_edges (w, 5, PRECIS_BINNING_WIDTH, 4, edges), ==, 4);
    g_assert_cmpuint (_precis_metric_bucket (edges, 4, PRECIS_BINNING_WIDTH, 4), ==, 3);
    g_assert_cmpuint (_precis_metric_bucket (edges, 4, PRECIS_BINNING_WIDTH, 1), ==, 1);
    g_assert_cmpuint (_precis_metric_bucket (edges, 4, PRECIS_BINNING_WIDTH, 0), ==, 0);
  }
  /* Quantile: a value on an inner edge goes up, the maximum to the last bucket. */
  {
    double q[] = { 4, 0, 3, 1, 2 };

    g_assert_cmpuint (_precis_metric_edges (q, 5, PRECIS_BINNING_QUANTILE, 4, edges), ==, 4);
    g_assert_cmpfloat (edges[1], ==, 1);
    g_assert_cmpuint (_precis_metric_bucket (edges, 4, PRECIS_BINNING_QUANTILE, 1), ==, 1);
    g_assert_cmpuint (_precis_metric_bucket (edges, 4, PRECIS_BINNING_QUANTILE, 4), ==, 3);
  }
}

static int
compare_double (const void *a, const void *b)
{
  return (*(const double *)a > *(const double *)b) - (*(const double *)a < *(const double *)b);
}

/* The quickselect's quantiles of a larger sample with many ties against the
 * same formula over a full sort. */
static void
test_quantile_select (void)
{
  const gsize n = 10007;
  g_autofree double *v = g_new (double, n), *sorted = g_new (double, n);
  double edges[8];
  guint nb;

  for (gsize i = 0; i < n; i++)
    v[i] = sorted[i] = (double)((i * 7919) % 997) / 7;
  qsort (sorted, n, sizeof (double), compare_double);
  nb = _precis_metric_edges (v, n, PRECIS_BINNING_QUANTILE, 7, edges);
  g_assert_cmpuint (nb, ==, 7);
  for (guint k = 0; k <= 7; k++)
    g_assert_cmpfloat (edges[k], ==, _precis_quantile_sorted (sorted, n, (double)k / 7));
  g_assert_cmpfloat (edges[0], ==, 0);
  g_assert_cmpfloat (edges[7], ==, 996. / 7);
}

/* Undefined values and the null rules: confidence has none for GT. */
static void
test_undefined (void)
{
  Fixture f;
  g_autoptr(PrecisMetrics) metrics = NULL;
  const PrecisMetricResult *res;

  fixture_load (&f);
  metrics = precis_metrics_new (f.active, NULL);
  precis_metrics_set_metric (metrics, precis_metrics_find (metrics, "confidence"));
  res = precis_metrics_evaluate (metrics);
  g_assert_cmpuint (res->undefined_gt, ==, 3);   /* G1–G3; the crowd GT is not evaluated */
  g_assert_cmpuint (res->undefined_predictions, ==, 0);
  for (guint k = 0; k < res->n_buckets; k++)
    {
      g_assert_cmpuint (res->buckets[k].gt, ==, 0);
      g_assert_true (isnan (res->buckets[k].fn_rate));
    }
  g_assert_cmpfloat_with_epsilon (res->correlation, 0.9486832980505138, 1e-12);

  /* Class a only: P5 (class b) leaves V and the counts. */
  precis_active_set_class_selected (f.active, 1, FALSE);
  res = precis_metrics_evaluate (metrics);
  g_assert_cmpfloat (res->buckets[0].lo, ==, .6);
  fixture_clear (&f);
}

static void
test_summary (void)
{
  Fixture f;
  g_autoptr(PrecisMetrics) metrics = NULL;
  double corr[G_N_ELEMENTS (builtin)], imp[G_N_ELEMENTS (builtin)];

  fixture_load (&f);
  metrics = precis_metrics_new (f.active, NULL);
  precis_metrics_summarize (metrics, corr, imp);
  g_assert_cmpfloat_with_epsilon (corr[0], 0.9412377793797667, 1e-12);
  g_assert_cmpfloat_with_epsilon (imp[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (corr[1], -0.2294157338705618, 1e-12);
  g_assert_cmpfloat_with_epsilon (corr[3], 0.5773502691896257, 1e-12);
  g_assert_cmpfloat_with_epsilon (imp[3], 0.31127812445913283, 1e-12);
  g_assert_cmpfloat_with_epsilon (corr[7], 0.9486832980505138, 1e-12);

  /* H(Y) = 0 makes importance and correlation 0. */
  precis_active_set_threshold (f.active, 1.0);
  precis_active_set_confidence (f.active, 0.85);   /* only P1, a TP: variance of Y is 0 */
  precis_metrics_summarize (metrics, corr, imp);
  for (guint k = 0; k < G_N_ELEMENTS (builtin); k++)
    {
      g_assert_cmpfloat (corr[k], ==, 0);
      g_assert_cmpfloat (imp[k], ==, 0);
    }
  fixture_clear (&f);
}

static PrecisCustomMetrics *
load_custom (PrecisDataset *dataset,
             const char    *name,
             GError       **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "metrics", "custom", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return precis_custom_metrics_load (dataset, file, error);
}

static void
test_custom (void)
{
  Fixture f;
  const char *per_image[] = { "per-image.csv", "per-image.json" };
  const PrecisAnnotations *gt, *dt;

  fixture_load (&f);
  gt = precis_dataset_get_ground_truth_annotations (f.dataset);
  dt = precis_dataset_get_predictions (f.dataset, 0);
  for (guint k = 0; k < G_N_ELEMENTS (per_image); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrecisCustomMetrics) custom = load_custom (f.dataset, per_image[k], &error);
      g_autoptr(PrecisMetrics) metrics = NULL;
      const double *v;
      guint32 m;

      g_assert_no_error (error);
      g_assert_true (precis_custom_metrics_is_per_image (custom));
      metrics = precis_metrics_new (f.active, custom);
      m = precis_metrics_find (metrics, "blur");
      g_assert_cmpuint (m, ==, G_N_ELEMENTS (builtin));   /* after the built-in metrics */
      g_assert_true (precis_metrics_is_custom (metrics, m));
      v = precis_metrics_get_values (metrics, m);
      for (guint i = 0; i < gt->n; i++)
        assert_value (v[i], gt->image[i] == 0 ? .5 : NAN);
      for (guint i = 0; i < dt->n; i++)
        assert_value (v[gt->n + i], dt->image[i] == 0 ? .5 : NAN);
      precis_metrics_set_metric (metrics, m);
      /* Image 2 holds G3 (FN) and P3 (FP): undefined. */
      g_assert_cmpuint (precis_metrics_evaluate (metrics)->undefined_gt, ==, 1);
      g_assert_cmpuint (precis_metrics_evaluate (metrics)->undefined_predictions, ==, 1);
      g_assert_cmpuint (precis_metrics_evaluate (metrics)->n_buckets, ==, 1);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PrecisCustomMetrics) custom = load_custom (f.dataset, "per-annotation.csv", &error);
    g_autoptr(PrecisMetrics) metrics = NULL;
    static const double gt_want[] = { .25, NAN, .75, NAN }, dt_want[] = { NAN, NAN, 1, NAN, NAN };
    const double *v;

    g_assert_no_error (error);
    g_assert_false (precis_custom_metrics_is_per_image (custom));
    metrics = precis_metrics_new (f.active, custom);
    v = precis_metrics_get_values (metrics, precis_metrics_find (metrics, "occlusion"));
    for (guint i = 0; i < gt->n; i++)
      assert_value (v[i], gt_want[gt->file_index[i]]);
    for (guint i = 0; i < dt->n; i++)
      assert_value (v[gt->n + i], dt_want[dt->file_index[i]]);
  }
  fixture_clear (&f);
}

static void
test_custom_errors (void)
{
  static const struct {
    const char *file;
    int         code;
    const char *message;
  } bad[] = {
    { "bad-unknown-image.csv", PRECIS_DATASET_ERROR_REFERENCE, "bad-unknown-image.csv: line 3, column 1: no image has id 7" },
    { "bad-unknown-annotation.csv", PRECIS_DATASET_ERROR_REFERENCE, "bad-unknown-annotation.csv: line 2, column 1: no ground-truth annotation has id 99" },
    { "bad-duplicate.csv", PRECIS_DATASET_ERROR_DUPLICATE, "bad-duplicate.csv: line 3, column 1: image 1 is given twice" },
    { "bad-number.csv", PRECIS_DATASET_ERROR_VALUE, "bad-number.csv: line 3, column 3: “sharp” is not a finite number" },
    { "bad-nan.csv", PRECIS_DATASET_ERROR_VALUE, "bad-nan.csv: line 2, column 3: “nan” is not a finite number" },
    { "bad-fields.csv", PRECIS_DATASET_ERROR_PARSE, "bad-fields.csv: line 2: 2 fields where the header has 3" },
    { "bad-builtin.csv", PRECIS_DATASET_ERROR_DUPLICATE, "bad-builtin.csv: line 1, column 10: “area” is the name of a built-in metric" },
    { "bad-header.csv", PRECIS_DATASET_ERROR_MISSING, "bad-header.csv: line 1, column 1: the header must start with “image_id”, “annotation_id” or “kind”" },
    { "bad-kind.csv", PRECIS_DATASET_ERROR_VALUE, "bad-kind.csv: line 2, column 1: kind “box” is neither “gt” nor “pred”" },
    { "bad-type.json", PRECIS_DATASET_ERROR_TYPE, "bad-type.json: [0].blur: a metric value must be a number or null" },
    { "bad-syntax.json", PRECIS_DATASET_ERROR_PARSE, "bad-syntax.json: line 2, column 28: " },
    { "missing.csv", PRECIS_DATASET_ERROR_IO, "missing.csv: " },
  };
  Fixture f;

  fixture_load (&f);
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PrecisCustomMetrics) custom = load_custom (f.dataset, bad[k].file, &error);

      g_assert_null (custom);
      g_assert_error (error, PRECIS_DATASET_ERROR, bad[k].code);
      g_assert_true (g_str_has_prefix (error->message, bad[k].message));
    }
  fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/metrics/builtin-values", test_builtin_values);
  g_test_add_func ("/metrics/binnings", test_binnings);
  g_test_add_func ("/metrics/edges", test_edges);
  g_test_add_func ("/metrics/quantile-select", test_quantile_select);
  g_test_add_func ("/metrics/undefined", test_undefined);
  g_test_add_func ("/metrics/summary", test_summary);
  g_test_add_func ("/metrics/custom", test_custom);
  g_test_add_func ("/metrics/custom-errors", test_custom_errors);
  return g_test_run ();
}

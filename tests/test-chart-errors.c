/* test-chart-errors.c: errors.png and confusion.png (issue 13): text layer,
 * hit testing and the precis:evaluation chunk against the core's numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-active.h"
#include "precis-chart.h"
#include "precis-compare.h"
#include "precis-confusion.h"
#include "precis-png.h"
#include "precis-tide.h"
#include "precis-test-cli.h"
#include "precis-test-errors.h"

typedef struct {
  PrecisMatcher    *matcher;
  PrecisOverlaps   *overlaps;
  PrecisTide       *tide;
  PrecisConfusion  *confusion;
  PrecisChartModel *model;
  PrecisTideDaps    daps;
  const PrecisTideResult      *tide_result;
  const PrecisConfusionResult *confusion_result;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;
  g_autoptr(PrecisActive) active = NULL;

  f->matcher = load_model ("real/cartucho-map/gt.json", "real/cartucho-map/predictions.json", PRECIS_IOU_BBOX);
  order = precis_overlaps_read_image_order (precis_matcher_get_dataset (f->matcher), NULL, &error);
  g_assert_no_error (error);
  f->overlaps = precis_overlaps_new (f->matcher, order, 0, NULL, &error);
  g_assert_no_error (error);
  f->tide = precis_tide_new (f->overlaps);
  precis_tide_compute_daps (f->tide, &f->daps);
  f->tide_result = precis_tide_evaluate (f->tide);
  f->confusion = precis_confusion_new (f->overlaps);
  f->confusion_result = precis_confusion_evaluate (f->confusion);
  active = precis_active_new (f->matcher);
  f->model = precis_chart_model_new_from_active (active);
  precis_chart_model_set_errors (f->model, f->tide_result, &f->daps);
  precis_chart_model_set_confusion (f->model, f->confusion_result, precis_matcher_get_dataset (f->matcher), NULL, 20, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->confusion);
  g_clear_object (&f->tide);
  g_clear_object (&f->overlaps);
  g_clear_object (&f->matcher);
}

/* Saves @chart as a PNG at its natural size, checks that its precis:evaluation
 * chunk is precis_chart_to_json() and returns that JSON parsed. */
static JsonObject *
save_and_read (PrecisChart *chart,
               JsonParser  *parser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-chart-errors-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GHashTable) texts = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "chart.png", NULL);
  g_assert_true (precis_chart_save_png (chart, path, 0, 0, 1, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_no_error (error);
  json = precis_chart_to_json (chart);
  g_assert_true (precis_png_read_info (path, NULL, NULL, &texts, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (texts, "precis:evaluation"), ==, json);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "plotted");
}

/* The strings of @role in the last render, in drawing order. */
static GPtrArray *
texts_of_role (PrecisChart         *chart,
               PrecisChartTextRole  role)
{
  g_autoptr(GPtrArray) all = precis_chart_dup_text (chart);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < all->len; i++)
    {
      const PrecisChartText *t = g_ptr_array_index (all, i);

      if (t->role == role)
        g_ptr_array_add (out, g_strdup (t->text));
    }
  return out;
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PrecisChart) chart = precis_chart_new (f->model, PRECIS_CHART_ERRORS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) names = NULL;
  JsonObject *plotted = save_and_read (chart, parser);
  JsonArray *bars = json_object_get_array_member (plotted, "bars");
  double dap[PRECIS_TIDE_N_ERRORS + 2];
  guint count[PRECIS_TIDE_N_ERRORS + 2];

  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      dap[e] = f->daps.main[e];
      count[e] = f->tide_result->counts[e];
    }
  dap[6] = f->daps.special_fp;
  count[6] = f->tide_result->n_fp;
  dap[7] = f->daps.special_fn;
  count[7] = f->tide_result->n_fn;

  values = texts_of_role (chart, PRECIS_CHART_TEXT_VALUE);
  counts = texts_of_role (chart, PRECIS_CHART_TEXT_ANNOTATION);
  names = texts_of_role (chart, PRECIS_CHART_TEXT_CLASS);
  g_assert_cmpuint (values->len, ==, 8);
  g_assert_cmpuint (counts->len, ==, 8);
  g_assert_cmpuint (names->len, ==, 8);
  g_assert_cmpuint (precis_chart_get_n_bars (chart), ==, 8);
  g_assert_cmpuint (json_array_get_length (bars), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *v = g_strdup_printf ("%.2f", dap[i]);
      g_autofree char *n = g_strdup_printf ("%u", count[i]);
      JsonObject *bar = json_array_get_object_element (bars, i);
      double x, y, w, h, value = -1;
      guint klass, hit = G_MAXUINT;

      g_assert_cmpstr (g_ptr_array_index (values, i), ==, v);
      g_assert_cmpstr (g_ptr_array_index (counts, i), ==, n);
      g_assert_cmpstr (g_ptr_array_index (names, i), ==,
                       i < PRECIS_TIDE_N_ERRORS ? precis_tide_error_to_name (i) : i == 6 ? "FP" : "FN");
      g_assert_cmpfloat (json_object_get_double_member (bar, "dAP"), ==, dap[i]);
      g_assert_cmpint (json_object_get_int_member (bar, "count"), ==, count[i]);

      g_assert_true (precis_chart_get_bar (chart, i, &x, &y, &w, &h, &klass));
      g_assert_cmpuint (klass, ==, i);
      g_assert_true (precis_chart_hit_test (chart, x + w / 2, y + h / 2, &hit, &value));
      g_assert_cmpuint (hit, ==, i);
      g_assert_cmpfloat (value, ==, dap[i]);
    }
  g_assert_cmpfloat (json_object_get_double_member (plotted, "ap"), ==, f->daps.ap);
  /* Far right of the count column, and above the plot: nothing. */
  g_assert_false (precis_chart_hit_test (chart, 5, 5, NULL, NULL));
}

/* Category index of a plotted label (K for background). */
static guint
label_index (PrecisDataset *dataset,
             const char    *name)
{
  guint K = precis_dataset_get_n_categories (dataset);

  for (guint k = 0; k < K; k++)
    if (g_str_equal (precis_dataset_get_category (dataset, k)->name, name))
      return k;
  g_assert_cmpstr (name, ==, "background");
  return K;
}

static void
test_confusion (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PrecisChart) chart = precis_chart_new (f->model, PRECIS_CHART_CONFUSION);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) values = NULL;
  PrecisDataset *dataset = precis_matcher_get_dataset (f->matcher);
  JsonObject *plotted = save_and_read (chart, parser);
  JsonArray *labels = json_object_get_array_member (plotted, "labels");
  JsonArray *matrix = json_object_get_array_member (plotted, "matrix");
  guint n = json_array_get_length (labels), K = f->confusion_result->n_classes, next = 0, off = 0;
  double px, py, pw, ph;

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (json_array_get_string_element (labels, n - 1), ==, "background");
  g_assert_true (precis_chart_get_plot_area (chart, &px, &py, &pw, &ph));
  values = texts_of_role (chart, PRECIS_CHART_TEXT_VALUE);
  for (guint r = 0; r < n; r++)
    {
      guint kr = label_index (dataset, json_array_get_string_element (labels, r));
      JsonArray *row = json_array_get_array_element (matrix, r);

      for (guint c = 0; c < n; c++)
        {
          guint kc = label_index (dataset, json_array_get_string_element (labels, c));
          guint v = f->confusion_result->matrix[(gsize) kr * (K + 1) + kc];
          guint hit = G_MAXUINT;
          double value = -1;

          g_assert_cmpint (json_array_get_int_element (row, c), ==, v);
          if (kr != kc && v > 0)
            off++;
          /* Every non-zero cell is labelled with its count (they fit at this size). */
          if (v > 0)
            {
              g_autofree char *text = g_strdup_printf ("%u", v);

              g_assert_cmpuint (next, <, values->len);
              g_assert_cmpstr (g_ptr_array_index (values, next), ==, text);
              next++;
            }
          g_assert_true (precis_chart_hit_test (chart, px + (c + 0.5) * pw / n, py + (r + 0.5) * ph / n, &hit, &value));
          g_assert_cmpuint (hit, ==, kr * (K + 1) + kc);
          g_assert_cmpfloat (value, ==, v);
        }
    }
  g_assert_cmpuint (next, ==, values->len);
  g_assert_cmpuint (off, >, 0);
  g_assert_false (precis_chart_hit_test (chart, px - 1, py - 1, NULL, NULL));
}

/* `precis-cli charts` writes errors.png and confusion.png whose
 * precis:evaluation chunks carry what the charts of the fixture describe. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *cartucho = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  g_autofree char *dir = g_dir_make_tmp ("precis-chart-errors-cli-XXXXXX", NULL);
  const char *args[] = { "charts", cartucho, "--out", dir, NULL };
  const PrecisChartKind kinds[] = { PRECIS_CHART_ERRORS, PRECIS_CHART_CONFUSION };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (f->model, kinds[i]);
      g_autoptr(JsonParser) mine = json_parser_new ();
      g_autoptr(JsonParser) theirs = json_parser_new ();
      g_autoptr(GHashTable) texts = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strconcat (precis_chart_kind_to_string (kinds[i]), ".png", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *json = precis_chart_to_json (chart);
      JsonNode *a, *b;

      g_assert_nonnull (strstr (out, name));
      g_assert_true (precis_png_read_info (path, NULL, NULL, &texts, &error));
      g_assert_no_error (error);
      json_parser_load_from_data (mine, json, -1, &error);
      g_assert_no_error (error);
      json_parser_load_from_data (theirs, g_hash_table_lookup (texts, "precis:evaluation"), -1, &error);
      g_assert_no_error (error);
      a = json_object_get_member (json_node_get_object (json_parser_get_root (mine)), "plotted");
      b = json_object_get_member (json_node_get_object (json_parser_get_root (theirs)), "plotted");
      g_assert_true (json_node_equal (a, b));
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  for (guint k = 0; k < PRECIS_N_CHART_KINDS; k++)
    {
      g_autofree char *name = g_strconcat (precis_chart_kind_to_string (k), ".png", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* `precis-cli charts --compare` on the two models of coco2014-cocoapi100: the
 * ΔAP chart carries precis_compare_get_class_ap_delta() of every class, sorted
 * by Δ, and both curve charts name both models. */
static void
test_compare (void)
{
  g_autofree char *coco = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
  g_autofree char *dir = g_dir_make_tmp ("precis-chart-compare-XXXXXX", NULL);
  const char *args[] = { "charts", "--compare", "--baseline", "bbox", coco, "--out", dir, NULL };
  const char *stems[] = { "compare-pr-curve", "compare-f1-confidence", "compare-delta-ap" };
  g_autoptr(GFile) project = g_file_new_for_path (coco);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  g_autoptr(PrecisCompare) compare = NULL;
  PrecisMatcher *matchers[2];
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (precis_dataset_get_n_models (dataset), ==, 2);
  for (guint m = 0; m < 2; m++)
    {
      matchers[m] = precis_matcher_new (dataset, m, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  compare = precis_compare_new (matchers, 2, precis_dataset_find_model (dataset, "bbox"));
  precis_compare_evaluate (compare);

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    {
      g_autofree char *name = g_strconcat (stems[i], ".png", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GHashTable) texts = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *plotted;

      g_assert_true (precis_png_read_info (path, NULL, NULL, &texts, &error));
      g_assert_no_error (error);
      json_parser_load_from_data (parser, g_hash_table_lookup (texts, "precis:evaluation"), -1, &error);
      g_assert_no_error (error);
      plotted = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "plotted");
      g_assert_cmpstr (json_object_get_string_member (plotted, "baseline"), ==, "bbox");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plotted, "models")), ==, 2);
      if (g_str_equal (stems[i], "compare-delta-ap"))
        {
          JsonArray *deltas = json_object_get_array_member (plotted, "delta_AP");
          guint K = precis_dataset_get_n_categories (dataset);
          double last = G_MAXDOUBLE;
          guint32 shown = precis_compare_get_baseline (compare) == 0 ? 1 : 0;

          /* The classes of the chart model (those with GT or predictions). */
          g_assert_cmpuint (json_array_get_length (deltas), >, 0);
          g_assert_cmpuint (json_array_get_length (deltas), <=, K);
          for (guint j = 0; j < json_array_get_length (deltas); j++)
            {
              JsonObject *e = json_array_get_object_element (deltas, j);
              double v = json_object_get_double_member (e, "delta");
              guint k = 0;

              while (k < K && precis_dataset_get_category (dataset, k)->id != json_object_get_int_member (e, "id"))
                k++;
              g_assert_cmpuint (k, <, K);
              g_assert_cmpfloat (v, ==, precis_compare_get_class_ap_delta (compare, shown, k));
              g_assert_cmpfloat (v, <=, last);
              last = v;
            }
        }
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  for (guint m = 0; m < 2; m++)
    g_object_unref (matchers[m]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/chart-errors/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/chart-errors/confusion", Fixture, NULL, fixture_setup, test_confusion, fixture_teardown);
  g_test_add ("/chart-errors/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add_func ("/chart-errors/compare", test_compare);

  return g_test_run ();
}

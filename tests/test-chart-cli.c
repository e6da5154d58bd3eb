/* test-chart-cli.c: charts from a real evaluation and through precis-cli charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of test-chart (test-chart.c has main): the chart model built from
 * PrecisActive on tests/data/real equals the reference evaluation, and the
 * PNGs precis-cli charts writes carry the numbers precis-cli eval prints.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-active.h"
#include "precis-chart.h"
#include "precis-png.h"
#include "precis-test-cli.h"
#include "precis-test-files.h"
#include "precis-test-json.h"
#include "test-chart.h"


void
test_from_active (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
  g_autofree char *ref_path = g_test_build_filename (G_TEST_DIST, "data", "reference",
                                                     "coco2014-cocoapi100.active.bbox.json", NULL);
  g_autoptr(GFile) project = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  g_autoptr(PrecisChartModel) model = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *result;
  JsonArray *per_class;
  const PrecisChartSummary *s;
  double area = 0, mean_f1 = 0;

  dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  active = precis_active_new (matcher);
  precis_active_set_threshold (active, 0.5);
  model = precis_chart_model_new_from_active (active);
  s = precis_chart_model_get_summary (model);

  /* The reference: an independent implementation of SEMANTICS.md §3 at t = .5
   * (tests/data/README.md). */
  json_parser_load_from_file (parser, ref_path, &error);
  g_assert_no_error (error);
  result = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results"), 0);
  per_class = json_object_get_array_member (result, "per_class");

  g_assert_cmpuint (precis_chart_model_get_n_classes (model), ==, json_object_get_int_member (result, "num_classes_counted"));
  g_assert_cmpfloat_with_epsilon (s->map, json_object_get_double_member (result, "mAP"), 1e-12);
  g_assert_cmpfloat_with_epsilon (s->mar, json_object_get_double_member (result, "mAR"), 1e-12);
  g_assert_cmpfloat_with_epsilon (s->mean_f1, json_object_get_double_member (result, "mean_F1"), 1e-12);
  g_assert_true (g_str_has_prefix (s->selection, "all "));

  for (guint i = 0; i < precis_chart_model_get_n_classes (model); i++)
    {
      const PrecisChartCategory *c = precis_chart_model_get_class (model, i);
      JsonObject *ref = NULL;

      for (guint j = 0; j < json_array_get_length (per_class); j++)
        if (json_object_get_int_member (json_array_get_object_element (per_class, j), "id") == c->id)
          ref = json_array_get_object_element (per_class, j);
      g_assert_nonnull (ref);
      g_assert_cmpint (c->tp, ==, json_object_get_int_member (ref, "TP"));
      g_assert_cmpint (c->fp, ==, json_object_get_int_member (ref, "FP"));
      g_assert_cmpint (c->fn, ==, json_object_get_int_member (ref, "FN"));
      g_assert_cmpfloat_with_epsilon (c->ap, json_object_get_double_member (ref, "AP"), 1e-12);
      /* The chart's own F1 curve ends (s below every score) at the class's F1. */
      if (c->n_f1 > 0)
        g_assert_cmpfloat_with_epsilon (c->f1_value[c->n_f1 - 1], json_object_get_double_member (ref, "F1"), 1e-12);
    }

  /* The mean PR curve averages to mAP; the overall F1 curve ends at mean F1. */
  {
    g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PR_CURVE);
    g_autofree char *json = precis_chart_to_json (chart);
    g_autoptr(JsonNode) root = parse_json (json);
    JsonArray *mean = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "plotted"), "mean_precision");

    for (guint i = 0; i < 101; i++)
      area += json_array_get_double_element (mean, i);
    g_assert_cmpfloat_with_epsilon (area / 101, s->map, 1e-12);
  }
  g_assert_cmpuint (s->n_f1, >, 0);
  mean_f1 = s->f1_mean[s->n_f1 - 1];
  g_assert_cmpfloat_with_epsilon (mean_f1, s->mean_f1, 1e-12);
}

static JsonNode *
run_json (const char * const *argv,
          int                *status)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, status, &error);
  g_assert_no_error (error);
  if (*status != 0 || out == NULL || out[0] != '{')
    return NULL;
  return parse_json (out);
}

static JsonObject *
png_evaluation (const char *path,
                JsonNode  **keep)
{
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (precis_png_read_info (path, NULL, NULL, &texts, &error));
  g_assert_no_error (error);
  *keep = parse_json (g_hash_table_lookup (texts, "precis:evaluation"));
  return json_node_get_object (*keep);
}

static void
check_cli_against_eval (const char *cli,
                        const char *project,
                        const char *iou,
                        const char *confidence,
                        const char *classes)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "charts", NULL);
  g_autofree char *performance = g_build_filename (out, "performance.png", NULL);
  g_autofree char *f1_path = g_build_filename (out, "f1-confidence.png", NULL);
  g_autoptr(JsonNode) eval_root = NULL;
  g_autoptr(JsonNode) perf_root = NULL;
  g_autoptr(JsonNode) f1_root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *eval, *perf, *f1;
  JsonArray *eval_classes, *chart_classes;
  const char *names[] = { "performance", "precision", "recall", "pr-curve", "outcomes", "f1-confidence" };
  int status = -1;
  gsize len_before, len_after;
  guint n_counted = 0;

  {
    const char *argv[] = { cli, "charts", project, "--iou", iou, "--confidence", confidence, "--out", out,
                           classes ? "--classes" : NULL, classes, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &stderr_text, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
  }
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *file = g_strconcat (names[k], ".png", NULL);
      g_autofree char *path = g_build_filename (out, file, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  {
    const char *argv[] = { cli, "eval", project, "--iou", iou, "--confidence", confidence, "--json",
                           classes ? "--classes" : NULL, classes, NULL };

    eval_root = run_json (argv, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (eval_root);
  }
  eval = json_node_get_object (eval_root);
  perf = png_evaluation (performance, &perf_root);
  f1 = png_evaluation (f1_path, &f1_root);

  /* The PNG's numbers are `precis-cli eval --json`'s, exactly (same doubles). */
  g_assert_cmpfloat (json_object_get_double_member (perf, "iou_threshold"), ==, json_object_get_double_member (eval, "threshold"));
  g_assert_cmpfloat (json_object_get_double_member (perf, "confidence"), ==, json_object_get_double_member (eval, "confidence"));
  g_assert_cmpfloat (json_object_get_double_member (perf, "mAP"), ==, json_object_get_double_member (eval, "mAP"));
  g_assert_cmpfloat (json_object_get_double_member (perf, "mAR"), ==, json_object_get_double_member (eval, "mAR"));
  g_assert_cmpfloat (json_object_get_double_member (perf, "mean_F1"), ==, json_object_get_double_member (eval, "mean_F1"));
  g_assert_cmpint (json_object_get_int_member (perf, "TP"), ==,
                   json_object_get_int_member (json_object_get_object_member (eval, "sums"), "TP"));
  g_assert_cmpint (json_object_get_int_member (perf, "FP"), ==,
                   json_object_get_int_member (json_object_get_object_member (eval, "sums"), "FP"));
  g_assert_cmpint (json_object_get_int_member (perf, "FN"), ==,
                   json_object_get_int_member (json_object_get_object_member (eval, "sums"), "FN"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (f1, "plotted"), "best_confidence"), ==,
                     json_object_get_double_member (json_object_get_object_member (eval, "best_f1"), "confidence"));

  eval_classes = json_object_get_array_member (eval, "per_class");
  chart_classes = json_object_get_array_member (perf, "classes");
  for (guint i = 0; i < json_array_get_length (eval_classes); i++)
    {
      JsonObject *e = json_array_get_object_element (eval_classes, i);
      JsonObject *c = NULL;
      const char *members[] = { "P", "R", "F1", "AP" };
      const char *counts[] = { "num_gt", "num_predictions", "TP", "FP", "FN", "ignored" };

      if (!json_object_get_boolean_member (e, "counted"))
        continue;
      n_counted++;
      for (guint j = 0; j < json_array_get_length (chart_classes); j++)
        if (json_object_get_int_member (json_array_get_object_element (chart_classes, j), "id") ==
            json_object_get_int_member (e, "category_id"))
          c = json_array_get_object_element (chart_classes, j);
      g_assert_nonnull (c);
      g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, json_object_get_string_member (e, "name"));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_cmpfloat (json_object_get_double_member (c, members[m]), ==, json_object_get_double_member (e, members[m]));
      for (guint m = 0; m < G_N_ELEMENTS (counts); m++)
        g_assert_cmpint (json_object_get_int_member (c, counts[m]), ==, json_object_get_int_member (e, counts[m]));
    }
  g_assert_cmpuint (n_counted, ==, json_array_get_length (chart_classes));
  g_assert_cmpuint (n_counted, >, 0);

  /* A second run keeps the existing files and says why; --force replaces them. */
  g_assert_true (g_file_get_contents (performance, &before, &len_before, NULL));
  {
    const char *argv[] = { cli, "charts", project, "--out", out, NULL };

    g_clear_pointer (&stderr_text, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &stderr_text, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (stderr_text, "performance.png"));
    g_assert_nonnull (strstr (stderr_text, "already exists"));
    g_assert_true (g_file_get_contents (performance, &after, &len_after, NULL));
    g_assert_cmpmem (before, len_before, after, len_after);
  }
  {
    const char *argv[] = { cli, "charts", project, "--out", out, "--force", "--scale", "2", NULL };
    guint w1 = 0, w2 = 0;

    g_assert_true (precis_png_read_info (performance, &w1, NULL, NULL, NULL));
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (precis_png_read_info (performance, &w2, NULL, NULL, NULL));
    g_assert_cmpuint (w2, ==, 2 * w1);
  }

  remove_dir (dir);
}

void
test_cli (void)
{
  const char *cli = cli_path ();
  g_autofree char *cartucho = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  g_autofree char *coco = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
  check_cli_against_eval (cli, cartucho, "0.5", "0", NULL);
  check_cli_against_eval (cli, cartucho, "0.3", "0.4", NULL);
  check_cli_against_eval (cli, coco, "0.75", "0", "person,dog,18,car");
}

void
test_cli_usage (void)
{
  const char *cli = cli_path ();
  g_autofree char *cartucho = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  const char *no_out[] = { cli, "charts", cartucho, NULL };
  const char *bad_iou[] = { cli, "charts", cartucho, "--iou", "1.5", "--out", "/tmp", NULL };
  const char *bad_class[] = { cli, "charts", cartucho, "--classes", "unicorn", "--out", "/tmp", NULL };
  const char * const *cases[] = { no_out, bad_iou, bad_class };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) cases[i], NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      /* Exit code 2: a usage error (precis-cli.h). */
      g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    }
}

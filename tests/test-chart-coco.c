/* test-chart-coco.c: charts under protocol coco read pycocotools' arrays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference is the project's own COCOeval reproduction (precis-cocoeval.h,
 * checked against pycocotools in test-cocoeval): the chart model must show its
 * numbers unchanged, so every comparison of a plotted value is `==`.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-chart.h"
#include "precis-png.h"
#include "precis-test-cli.h"

static PrecisCocoEval *
load_eval (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  g_autoptr(GFile) project = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  PrecisCocoParams params;
  PrecisCocoEval *eval;

  dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  precis_coco_params_init (&params, PRECIS_IOU_BBOX);
  eval = precis_cocoeval_new (matcher, &params, NULL, &error);
  g_assert_no_error (error);
  return eval;
}

/* Keypoints are matched by OKS, and the subtitle says so: "keypoints OKS ≥ 0.50"
 * on the keypoint sample (protocol active at 0.5 and coco at .50), never IoU. */
static void
test_keypoints_subtitle (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2017-kpt139099", NULL);
  g_autoptr(GFile) project = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  g_autoptr(PrecisCocoEval) eval = NULL;
  g_autoptr(PrecisChartModel) active_model = NULL;
  g_autoptr(PrecisChartModel) coco_model = NULL;
  g_autoptr(PrecisChart) active_chart = NULL;
  g_autoptr(PrecisChart) coco_chart = NULL;
  g_autofree char *active_subtitle = NULL;
  g_autofree char *coco_subtitle = NULL;
  PrecisCocoParams params;

  dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_KEYPOINTS, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  active = precis_active_new (matcher);
  precis_active_set_threshold (active, 0.5);
  active_model = precis_chart_model_new_from_active (active);
  active_chart = precis_chart_new (active_model, PRECIS_CHART_PR_CURVE);
  active_subtitle = precis_chart_dup_subtitle (active_chart);
  g_assert_nonnull (strstr (active_subtitle, "protocol active · keypoints OKS ≥ 0.50"));
  g_assert_null (strstr (active_subtitle, "IoU"));

  precis_coco_params_init (&params, PRECIS_IOU_KEYPOINTS);
  eval = precis_cocoeval_new (matcher, &params, NULL, &error);
  g_assert_no_error (error);
  coco_model = precis_chart_model_new_from_cocoeval (eval, 0);
  coco_chart = precis_chart_new (coco_model, PRECIS_CHART_PR_CURVE);
  coco_subtitle = precis_chart_dup_subtitle (coco_chart);
  g_assert_nonnull (strstr (coco_subtitle, "protocol coco · keypoints OKS ≥ 0.50"));
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The PR curve of every class is eval['precision'][t, :, k, area all, maxDets 100]. */
static void
test_pr_curve (void)
{
  g_autoptr(PrecisCocoEval) eval = load_eval ();
  const PrecisCocoParams *params = precis_cocoeval_get_params (eval);
  const double *precision = precis_cocoeval_get_precision (eval);
  guint K = precis_cocoeval_get_n_classes (eval), A = params->n_area_rngs, M = params->n_max_dets;
  const guint thresholds[] = { 0, 5, 9 };
  const double *stats = precis_cocoeval_get_stats (eval, NULL);

  g_assert_cmpuint (params->max_dets[M - 1], ==, 100);
  g_assert_cmpstr (params->area_lbl[0], ==, "all");
  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      guint t = thresholds[i];
      g_autoptr(PrecisChartModel) model = precis_chart_model_new_from_cocoeval (eval, t);
      g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PR_CURVE);
      g_autofree char *json = precis_chart_to_json (chart);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root = parse_object (parser, json);
      JsonArray *curves = json_object_get_array_member (json_object_get_object_member (root, "plotted"), "curves");
      guint n_with_gt = 0;

      g_assert_cmpstr (json_object_get_string_member (root, "protocol"), ==, "coco");
      g_assert_cmpfloat (json_object_get_double_member (root, "iou_threshold"), ==, params->iou_thrs[t]);
      g_assert_cmpuint (json_array_get_length (curves), ==, K);
      for (guint k = 0; k < K; k++)
        {
          JsonArray *curve = json_object_get_array_member (json_array_get_object_element (curves, k), "precision");
          const PrecisChartCategory *c = precis_chart_model_get_class (model, k);

          g_assert_cmpuint (json_array_get_length (curve), ==, PRECIS_COCO_N_REC_THRS);
          g_assert_cmpuint (c->category, ==, precis_cocoeval_get_class_category (eval, k));
          n_with_gt += c->n_gt > 0;
          for (guint r = 0; r < PRECIS_COCO_N_REC_THRS; r++)
            {
              double want = precision[((((gsize) t * PRECIS_COCO_N_REC_THRS + r) * K + k) * A) * M + M - 1];

              /* -1 (no ground truth) is drawn as 0. */
              g_assert_cmpfloat (json_array_get_double_element (curve, r), ==, want < 0 ? 0.0 : want);
              g_assert_cmpfloat (c->precision_101[r], ==, want < 0 ? 0.0 : want);
            }
        }
      g_assert_cmpuint (n_with_gt, >, 0);
      /* mAP@.50 and mAP@.75 are pycocotools' AP50 and AP75 (stats[1], stats[2]),
       * which numpy averages in another order. */
      if (t == 0)
        g_assert_cmpfloat_with_epsilon (precis_chart_model_get_summary (model)->map, stats[1], 1e-12);
      if (t == 5)
        g_assert_cmpfloat_with_epsilon (precis_chart_model_get_summary (model)->map, stats[2], 1e-12);
    }
}

/* Outcomes and per-class values under coco are pycocotools' matches. */
static void
test_counts (void)
{
  g_autoptr(PrecisCocoEval) eval = load_eval ();
  g_autoptr(PrecisChartModel) model = precis_chart_model_new_from_cocoeval (eval, 5);
  const PrecisChartSummary *s = precis_chart_model_get_summary (model);
  const PrecisCocoParams *params = precis_cocoeval_get_params (eval);
  const double *recall = precis_cocoeval_get_recall (eval);
  guint K = precis_cocoeval_get_n_classes (eval), A = params->n_area_rngs, M = params->n_max_dets;
  guint64 tp, fp, fn;

  precis_cocoeval_get_counts (eval, PRECIS_NO_INDEX, 5, &tp, &fp, &fn);
  g_assert_cmpuint (s->tp, ==, tp);
  g_assert_cmpuint (s->fp, ==, fp);
  g_assert_cmpuint (s->fn, ==, fn);
  g_assert_cmpstr (s->protocol, ==, "coco");
  g_assert_cmpfloat (s->threshold, ==, 0.75);
  for (guint k = 0; k < precis_chart_model_get_n_classes (model); k++)
    {
      const PrecisChartCategory *c = precis_chart_model_get_class (model, k);
      double want = recall[(((gsize) 5 * K + k) * A) * M + M - 1];

      precis_cocoeval_get_counts (eval, k, 5, &tp, &fp, &fn);
      g_assert_cmpuint (c->tp, ==, tp);
      g_assert_cmpuint (c->fp, ==, fp);
      g_assert_cmpuint (c->fn, ==, fn);
      g_assert_cmpuint (c->n_gt, ==, precis_cocoeval_get_n_gt (eval, k));
      g_assert_true (c->counted == (c->n_gt > 0));
      g_assert_cmpfloat (c->recall, ==, want < 0 ? 0.0 : want);
    }
}

/* The exported PNG says protocol coco and the threshold, in its JSON and Description. */
static void
test_metadata (void)
{
  g_autoptr(PrecisCocoEval) eval = load_eval ();
  g_autoptr(PrecisChartModel) model = precis_chart_model_new_from_cocoeval (eval, 5);
  g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PERFORMANCE);
  g_autofree char *dir = g_dir_make_tmp ("precis-chart-coco-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "performance.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  g_autoptr(GPtrArray) layer = NULL;
  g_autofree char *headline = g_strdup_printf ("mAP@0.75 %.3f", precis_chart_model_get_summary (model)->map);
  gboolean found = FALSE;

  g_assert_true (precis_chart_save_png (chart, path, 0, 0, 1, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (precis_png_read_info (path, NULL, NULL, &texts, &error));
  g_assert_no_error (error);
  root = parse_object (parser, g_hash_table_lookup (texts, "precis:evaluation"));
  g_assert_cmpstr (json_object_get_string_member (root, "protocol"), ==, "coco");
  g_assert_cmpfloat (json_object_get_double_member (root, "iou_threshold"), ==, 0.75);
  g_assert_nonnull (strstr (g_hash_table_lookup (texts, "Description"), "protocol coco · bbox IoU ≥ 0.75"));

  /* The headline shows the coco mAP at .75. */
  layer = precis_chart_dup_text (chart);
  for (guint i = 0; i < layer->len; i++)
    {
      PrecisChartText *t = g_ptr_array_index (layer, i);

      if (t->role == PRECIS_CHART_TEXT_HEADLINE)
        found = g_str_has_prefix (t->text, headline);
    }
  g_assert_true (found);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cli (void)
{
  g_autofree char *cartucho = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  g_autofree char *dir = g_dir_make_tmp ("precis-chart-coco-XXXXXX", NULL);
  const char *bad_iou[] = { "charts", cartucho, "--protocol", "coco", "--iou", "0.72", "--out", dir, NULL };
  const char *bad_confidence[] = { "charts", cartucho, "--protocol", "coco", "--confidence", "0.2", "--out", dir, NULL };
  const char *good[] = { "charts", cartucho, "--protocol", "coco", "--iou", "0.55", "--out", dir, NULL };
  const char *kinds[] = { "performance", "precision", "recall", "pr-curve", "outcomes" };
  g_autofree char *f1 = g_build_filename (dir, "f1-confidence.png", NULL);
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;

  /* Output captured: the child's lines must not reach the TAP stream. */
  g_assert_cmpint (run_cli (bad_iou, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "0.50, 0.55"));
  g_assert_cmpint (run_cli (bad_confidence, &out2, &err2), ==, 2);
  g_assert_cmpint (run_cli (good, &out3, NULL), ==, 0);
  g_assert_nonnull (strstr (out3, "pr-curve.png"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".png", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GHashTable) texts = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;

      g_assert_true (precis_png_read_info (path, NULL, NULL, &texts, &error));
      g_assert_no_error (error);
      root = parse_object (parser, g_hash_table_lookup (texts, "precis:evaluation"));
      g_assert_cmpstr (json_object_get_string_member (root, "protocol"), ==, "coco");
      g_assert_cmpfloat (json_object_get_double_member (root, "iou_threshold"), ==, 0.55);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  /* pycocotools keeps no per-score F1: no F1-confidence chart. */
  g_assert_false (g_file_test (f1, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-coco/pr-curve", test_pr_curve);
  g_test_add_func ("/chart-coco/counts", test_counts);
  g_test_add_func ("/chart-coco/metadata", test_metadata);
  g_test_add_func ("/chart-coco/cli", test_cli);
  g_test_add_func ("/chart-coco/keypoints-subtitle", test_keypoints_subtitle);

  return g_test_run ();
}

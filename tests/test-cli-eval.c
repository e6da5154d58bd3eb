/* test-cli-eval.c: precis-cli eval, table, JSON round trip and exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include "precis-active.h"
#include "precis-test-cli.h"

static const char *
project_path (void)
{
  return g_test_get_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
}

/* Loads the project as the CLI does and evaluates model @model_name (bbox)
 * with the API at @t, @classes (comma list of ids or NULL) and @s. */
static void
check_round_trip (const char *t_arg,
                  const char *classes_arg,
                  const char *s_arg)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (project_path ());
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  const PrecisActiveResult *res;
  const PrecisActiveF1Curve *curve;
  JsonObject *root, *sums, *best;
  JsonArray *per_class, *counted;
  guint model, k = 0;


  g_ptr_array_add (args, (gpointer)"eval");
  g_ptr_array_add (args, (gpointer)project_path ());
  g_ptr_array_add (args, (gpointer)"--model");
  g_ptr_array_add (args, (gpointer)"bbox");
  g_ptr_array_add (args, (gpointer)"--json");
  g_ptr_array_add (args, (gpointer)"--iou");
  g_ptr_array_add (args, (gpointer)t_arg);
  if (classes_arg)
    {
      g_ptr_array_add (args, (gpointer)"--classes");
      g_ptr_array_add (args, (gpointer)classes_arg);
    }
  if (s_arg)
    {
      g_ptr_array_add (args, (gpointer)"--confidence");
      g_ptr_array_add (args, (gpointer)s_arg);
    }
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (run_cli ((const char * const *)args->pdata, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  /* The same evaluation through the API. */
  dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  model = precis_dataset_find_model (dataset, "bbox");
  g_assert_cmpuint (model, !=, PRECIS_NO_INDEX);
  matcher = precis_matcher_new (dataset, model, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  active = precis_active_new (matcher);
  precis_active_set_threshold (active, g_ascii_strtod (t_arg, NULL));
  if (s_arg)
    precis_active_set_confidence (active, g_ascii_strtod (s_arg, NULL));
  if (classes_arg)
    {
      g_auto(GStrv) ids = g_strsplit (classes_arg, ",", -1);
      guint nc = precis_dataset_get_n_categories (dataset);
      g_autofree guint8 *mask = g_malloc0 (nc);

      for (guint i = 0; ids[i]; i++)
        {
          guint32 c = precis_dataset_find_category (dataset, g_ascii_strtoll (ids[i], NULL, 10));

          g_assert_cmpuint (c, !=, PRECIS_NO_INDEX);
          mask[c] = 1;
        }
      precis_active_set_classes (active, mask);
    }
  res = precis_active_evaluate (active);
  curve = precis_active_get_f1_curve (active);

  g_assert_cmpstr (json_object_get_string_member (root, "protocol"), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (root, "iou_type"), ==, "bbox");
  g_assert_cmpfloat (json_object_get_double_member (root, "threshold"), ==, res->threshold);
  g_assert_cmpfloat (json_object_get_double_member (root, "confidence"), ==, res->confidence);

  /* Full precision: every double parses back to the very same value. */
  per_class = json_object_get_array_member (root, "per_class");
  for (guint c = 0; c < res->n_classes; c++)
    {
      const PrecisActiveClassResult *cls = &res->classes[c];
      JsonObject *o;
      JsonArray *p101;

      if (!cls->selected)
        continue;
      g_assert_cmpuint (k, <, json_array_get_length (per_class));
      o = json_array_get_object_element (per_class, k++);
      g_assert_cmpint (json_object_get_int_member (o, "category_id"), ==,
                       precis_dataset_get_category (dataset, c)->id);
      g_assert_cmpint (json_object_get_boolean_member (o, "counted"), ==, cls->counted);
      g_assert_cmpint (json_object_get_int_member (o, "num_gt"), ==, cls->n_gt);
      g_assert_cmpint (json_object_get_int_member (o, "num_predictions"), ==, cls->n_predictions);
      g_assert_cmpint (json_object_get_int_member (o, "TP"), ==, cls->tp);
      g_assert_cmpint (json_object_get_int_member (o, "FP"), ==, cls->fp);
      g_assert_cmpint (json_object_get_int_member (o, "FN"), ==, cls->fn);
      g_assert_cmpint (json_object_get_int_member (o, "ignored"), ==, cls->ignored);
      g_assert_cmpfloat (json_object_get_double_member (o, "P"), ==, cls->precision);
      g_assert_cmpfloat (json_object_get_double_member (o, "R"), ==, cls->recall);
      g_assert_cmpfloat (json_object_get_double_member (o, "F1"), ==, cls->f1);
      g_assert_cmpfloat (json_object_get_double_member (o, "AP"), ==, cls->ap);
      g_assert_cmpfloat (json_object_get_double_member (o, "AR"), ==, cls->ar);
      p101 = json_object_get_array_member (o, "precision_101");
      g_assert_cmpuint (json_array_get_length (p101), ==, PRECIS_N_RECALL_POINTS);
      for (guint i = 0; i < PRECIS_N_RECALL_POINTS; i++)
        g_assert_cmpfloat (json_array_get_double_element (p101, i), ==,
                           res->precision_101[c * PRECIS_N_RECALL_POINTS + i]);
    }
  g_assert_cmpuint (k, ==, json_array_get_length (per_class));

  counted = json_object_get_array_member (root, "classes_counted");
  g_assert_cmpuint (json_array_get_length (counted), ==, res->n_counted);
  for (guint i = 0; i < res->n_counted; i++)
    g_assert_cmpint (json_array_get_int_element (counted, i), ==,
                     precis_dataset_get_category (dataset, res->counted[i])->id);
  g_assert_cmpfloat (json_object_get_double_member (root, "mAP"), ==, res->map);
  g_assert_cmpfloat (json_object_get_double_member (root, "mAR"), ==, res->mar);
  g_assert_cmpfloat (json_object_get_double_member (root, "mean_F1"), ==, res->mean_f1);
  sums = json_object_get_object_member (root, "sums");
  g_assert_cmpint (json_object_get_int_member (sums, "TP"), ==, res->tp);
  g_assert_cmpint (json_object_get_int_member (sums, "FP"), ==, res->fp);
  g_assert_cmpint (json_object_get_int_member (sums, "FN"), ==, res->fn);
  g_assert_cmpint (json_object_get_int_member (sums, "ignored"), ==, res->ignored);
  g_assert_cmpint (json_object_get_int_member (sums, "num_gt"), ==, res->n_gt);
  best = json_object_get_object_member (root, "best_f1");
  g_assert_cmpfloat (json_object_get_double_member (best, "confidence"), ==, curve->best_confidence);
  g_assert_cmpfloat (json_object_get_double_member (best, "mean_F1"), ==, curve->best_mean_f1);
}

static void
test_json_round_trip (void)
{
  check_round_trip ("0.5", NULL, NULL);
  check_round_trip ("0.75", NULL, NULL);
  /* person, car, dog; a confidence threshold. */
  check_round_trip ("0.6", "1,3,18", "0.3");
}

static void
test_table (void)
{
  const char *args[] = { "eval", project_path (), "--model", "bbox", "--iou", "0.75", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;


  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  /* Headed with the protocol and the threshold; one row per counted class
   * (76 at t = 0.75 per the reference file) plus the totals. */
  g_assert_true (g_str_has_prefix (out, "Protocol active · IoU threshold 0.75"));
  g_assert_nonnull (strstr (out, "\nperson "));
  g_assert_nonnull (strstr (out, "\ntotal "));
  g_assert_nonnull (strstr (out, "Classes counted: 76\n"));
}

static void
test_exit_codes (void)
{
  const char *proj = project_path ();
  const char *bad_iou[] = { "eval", proj, "--iou", "1.5", NULL };
  const char *bad_protocol[] = { "eval", proj, "--protocol", "voc", NULL };
  const char *bad_class[] = { "eval", proj, "--classes", "unicorn", NULL };
  const char *no_project[] = { "eval", NULL };
  const char *missing[] = { "eval", "/nonexistent/precis-project", NULL };
  const char *no_geometry[] = { "eval", proj, "--iou-type", "polyline", NULL };
  const char *coco_iou[] = { "eval", proj, "--protocol", "coco", "--iou", "0.5", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;


#define RUN(args, code)                                 \
  G_STMT_START {                                        \
    g_clear_pointer (&out, g_free);                     \
    g_clear_pointer (&err, g_free);                     \
    g_assert_cmpint (run_cli (args, &out, &err), ==, code); \
    g_assert_true (g_str_has_prefix (err, "precis-cli: ")); \
  } G_STMT_END

  RUN (bad_iou, 2);
  RUN (bad_protocol, 2);
  RUN (bad_class, 2);
  g_assert_nonnull (strstr (err, "unicorn"));
  RUN (no_project, 2);
  RUN (missing, 1);
  RUN (no_geometry, 1);
  RUN (coco_iou, 2);
#undef RUN
}

/* `eval --protocol coco` prints pycocotools' summary block. Expected values:
 * cocoapi `results/val2014_fake_eval_res.txt` (commit 66f2a4c), type=bbox and
 * type=segm, on the same GT and results files as tests/data/real/coco2014-cocoapi100;
 * the line layout is pycocotools' current `summarize` format string. */
static void
check_coco_summary (const char   *model,
                    const char   *iou_type,
                    const double *expected)
{
  static const struct {
    const char *title, *type, *iou, *area;
    int max_dets;
  } lines[12] = {
    { "Average Precision", "(AP)", "0.50:0.95", "all", 100 },
    { "Average Precision", "(AP)", "0.50", "all", 100 },
    { "Average Precision", "(AP)", "0.75", "all", 100 },
    { "Average Precision", "(AP)", "0.50:0.95", "small", 100 },
    { "Average Precision", "(AP)", "0.50:0.95", "medium", 100 },
    { "Average Precision", "(AP)", "0.50:0.95", "large", 100 },
    { "Average Recall", "(AR)", "0.50:0.95", "all", 1 },
    { "Average Recall", "(AR)", "0.50:0.95", "all", 10 },
    { "Average Recall", "(AR)", "0.50:0.95", "all", 100 },
    { "Average Recall", "(AR)", "0.50:0.95", "small", 100 },
    { "Average Recall", "(AR)", "0.50:0.95", "medium", 100 },
    { "Average Recall", "(AR)", "0.50:0.95", "large", 100 },
  };
  const char *args[] = { "eval", project_path (), "--protocol", "coco", "--model", model,
                         "--iou-type", iou_type, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) block = g_string_new (NULL);


  for (guint i = 0; i < 12; i++)
    g_string_append_printf (block, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %.3f\n",
                            lines[i].title, lines[i].type, lines[i].iou, lines[i].area,
                            lines[i].max_dets, expected[i]);

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Protocol coco"));
  g_assert_nonnull (strstr (out, block->str));
}

static void
test_coco_summary (void)
{
  /* val2014_fake_eval_res.txt, type=bbox. */
  static const double bbox[12] = {
    0.505, 0.697, 0.573, 0.586, 0.519, 0.501, 0.387, 0.594, 0.595, 0.640, 0.566, 0.564
  };
  /* val2014_fake_eval_res.txt, type=segm. */
  static const double segm[12] = {
    0.320, 0.562, 0.299, 0.387, 0.310, 0.327, 0.268, 0.415, 0.417, 0.469, 0.377, 0.381
  };

  check_coco_summary ("bbox", "bbox", bbox);
  check_coco_summary ("segm", "segm", segm);
}

/* --gt/--pred gives the same numbers as the project folder. */
static void
test_explicit_files (void)
{
  g_autofree char *gt = g_build_filename (project_path (), "gt.json", NULL);
  g_autofree char *pred = g_build_filename (project_path (), "predictions_bbox.json", NULL);
  const char *files[] = { "eval", "--gt", gt, "--pred", pred, "--json", NULL };
  const char *project[] = { "eval", project_path (), "--model", "bbox", "--json", NULL };
  g_autofree char *out1 = NULL, *out2 = NULL, *err1 = NULL, *err2 = NULL;
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o1, *o2;


  g_assert_cmpint (run_cli (files, &out1, &err1), ==, 0);
  g_assert_cmpint (run_cli (project, &out2, &err2), ==, 0);
  json_parser_load_from_data (p1, out1, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (p2, out2, -1, &error);
  g_assert_no_error (error);
  o1 = json_node_get_object (json_parser_get_root (p1));
  o2 = json_node_get_object (json_parser_get_root (p2));
  g_assert_cmpfloat (json_object_get_double_member (o1, "mAP"), ==, json_object_get_double_member (o2, "mAP"));
  g_assert_cmpfloat (json_object_get_double_member (o1, "mean_F1"), ==, json_object_get_double_member (o2, "mean_F1"));
  /* 0.6419485622512769: mAP@0.50 of the reference file (results[0]). */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o1, "mAP"), 0.6419485622512769, 1e-12);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/eval/json-round-trip", test_json_round_trip);
  g_test_add_func ("/cli/eval/table", test_table);
  g_test_add_func ("/cli/eval/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/eval/coco-summary", test_coco_summary);
  g_test_add_func ("/cli/eval/explicit-files", test_explicit_files);

  return g_test_run ();
}

/* test-cli-errors.c: precis-cli errors, confusion and eval --objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-png.h"
#include "precis-test-cli.h"

/* Exit status only; the output is captured so that it stays out of the TAP stream. */
static int
run_status (const char * const *args)
{
  g_autofree char *out = NULL, *err = NULL;

  return run_cli (args, &out, &err);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* `precis-cli errors --json` against TIDE's outputs (tests/data/tide/, see
 * tests/data/README.md): counts exactly, AP and dAPs within 1e-9. */
static void
check_errors (const char *project,
              const char *model,
              const char *type,
              const char *reference)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "real", project, NULL);
  g_autofree char *ref_path = g_test_build_filename (G_TEST_DIST, "data", "tide", reference, NULL);
  const char *args[] = { "errors", dir, "--model", model, "--iou-type", type, "--iou", "0.5",
                         "--background", "0.1", "--json", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) ref_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *got, *ref;
  const char *groups[] = { "main", "special" };

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  got = parse_object (parser, out);
  json_parser_load_from_file (ref_parser, ref_path, &error);
  g_assert_no_error (error);
  ref = json_node_get_object (json_parser_get_root (ref_parser));

  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (got, "ap"),
                                  json_object_get_double_member (ref, json_object_has_member (ref, "ap50") ? "ap50" : "ap"),
                                  1e-9);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      JsonObject *a = json_object_get_object_member (got, groups[g]);
      JsonObject *b = json_object_get_object_member (ref, groups[g]);
      g_autoptr(GList) keys = json_object_get_members (b);

      g_assert_cmpuint (json_object_get_size (a), ==, json_object_get_size (b));
      for (GList *k = keys; k != NULL; k = k->next)
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (a, k->data),
                                        json_object_get_double_member (b, k->data), 1e-9);
    }
  {
    JsonObject *a = json_object_get_object_member (got, "counts");
    JsonObject *b = json_object_get_object_member (ref, "counts");
    g_autoptr(GList) keys = json_object_get_members (b);

    g_assert_cmpuint (json_object_get_size (a), ==, 6);
    for (GList *k = keys; k != NULL; k = k->next)
      g_assert_cmpint (json_object_get_int_member (a, k->data), ==, json_object_get_int_member (b, k->data));
  }
  {
    JsonObject *t = json_object_get_object_member (got, "thresholds");

    g_assert_cmpfloat (json_object_get_double_member (t, "foreground"), ==, 0.5);
    g_assert_cmpfloat (json_object_get_double_member (t, "background"), ==, 0.1);
  }
}

static void
test_errors_cartucho (void)
{
  check_errors ("cartucho-map", "predictions", "bbox", "cartucho-map.bbox.json");
}

static void
test_errors_coco_segm (void)
{
  check_errors ("coco2014-cocoapi100", "segm", "segm", "coco2014-cocoapi100.segm.json");
}

static void
test_errors_coco_bbox (void)
{
  check_errors ("coco2014-cocoapi100", "bbox", "bbox", "coco2014-cocoapi100.bbox.json");
}

static void
test_errors_usage (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  const char *bad_bg[] = { "errors", dir, "--background", "2", NULL };
  const char *no_project[] = { "errors", NULL };
  const char *bad_class[] = { "errors", dir, "--classes", "no-such-class", NULL };
  const char *table[] = { "errors", dir, NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_status (bad_bg), ==, 2);
  g_assert_cmpint (run_status (no_project), ==, 2);
  g_assert_cmpint (run_status (bad_class), ==, 2);
  g_assert_cmpint (run_cli (table, &out, &err), ==, 0);
  /* TIDE's summary numbers, rounded as it prints them. */
  g_assert_nonnull (strstr (out, "AP@0.50 = 24.63"));
  g_assert_nonnull (strstr (out, "Miss        22.82      351"));
}

/* errors --confidence (the shared option): a threshold above every score drops
 * every prediction, so all 686 GT of cartucho-map (precis-cli info) are Miss. */
static void
test_errors_confidence (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  const char *json[] = { "errors", dir, "--confidence", "2", "--json", NULL };
  const char *table[] = { "errors", dir, "--confidence", "0.5", NULL };
  const char *negative[] = { "errors", dir, "--confidence", "-1", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *text = NULL, *err2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *counts;

  g_assert_cmpint (run_cli (json, &out, &err), ==, 0);
  counts = json_object_get_object_member (parse_object (parser, out), "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "miss"), ==, 686);
  g_assert_cmpint (json_object_get_int_member (counts, "bkg"), ==, 0);
  g_assert_cmpint (run_cli (table, &text, &err2), ==, 0);
  g_assert_true (g_str_has_prefix (text, "TIDE errors · IoU threshold 0.50 · background 0.10 · bbox · "
                                         "model predictions · confidence ≥ 0.5\n"));
  g_assert_cmpint (run_status (negative), ==, 2);
}

static void
test_confusion (void)
{
  g_autofree char *gt = g_test_build_filename (G_TEST_DIST, "data", "errors", "confusion-gt.json", NULL);
  g_autofree char *pred = g_test_build_filename (G_TEST_DIST, "data", "errors", "confusion-pred.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("precis-cli-confusion-XXXXXX", NULL);
  g_autofree char *gt_copy = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *pred_copy = g_build_filename (dir, "predictions.json", NULL);
  g_autofree char *gt_text = NULL, *pred_text = NULL;
  const char *json_args[] = { "confusion", dir, "--json", NULL };
  const char *csv_args[] = { "confusion", dir, "--csv", "--iou", "0.5", NULL };
  const char *both[] = { "confusion", dir, "--csv", "--json", NULL };
  g_autofree char *out = NULL, *csv = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *matrix;

  g_assert_true (g_file_get_contents (gt, &gt_text, NULL, NULL));
  g_assert_true (g_file_get_contents (pred, &pred_text, NULL, NULL));
  g_assert_true (g_file_set_contents (gt_copy, gt_text, -1, NULL));
  g_assert_true (g_file_set_contents (pred_copy, pred_text, -1, NULL));

  /* The hand case of test-confusion.c. */
  g_assert_cmpint (run_cli (json_args, &out, &err), ==, 0);
  root = parse_object (parser, out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "labels")), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "labels"), 2), ==, "background");
  g_assert_true (json_array_get_null_element (json_object_get_array_member (root, "category_ids"), 2));
  matrix = json_object_get_array_member (root, "matrix");
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (matrix, 0), 2), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (matrix, 2), 1), ==, 1);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (csv_args, &csv, &err), ==, 0);
  g_assert_cmpstr (csv, ==, "gt \\ predicted,A,B,background\nA,1,0,1\nB,0,1,0\nbackground,1,1,0\n");
  g_assert_cmpint (run_status (both), ==, 2);

  /* --png: the chart of the app's matrix options. A and B are confused with no
   * other class: the first --top 1 selected class (A) and background; the
   * cells read their row shares (A: 1 of 2 to A, 1 of 2 missed). */
  {
    g_autofree char *png = g_build_filename (dir, "confusion.png", NULL);
    const char *png_args[] = { "confusion", dir, "--csv", "--png", png, "--top", "1", "--row-normalised", NULL };
    const char *forced[] = { "confusion", dir, "--csv", "--png", png, "--force", NULL };
    const char *bad_top[] = { "confusion", dir, "--png", png, "--top", "0", NULL };
    g_autoptr(GHashTable) texts = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonParser) png_parser = json_parser_new ();
    JsonObject *plotted;
    JsonArray *labels, *cells;

    g_assert_cmpint (run_status (png_args), ==, 0);
    g_assert_true (precis_png_read_info (png, NULL, NULL, &texts, &error));
    g_assert_no_error (error);
    plotted = json_object_get_object_member (parse_object (png_parser, g_hash_table_lookup (texts, "precis:evaluation")),
                                             "plotted");
    labels = json_object_get_array_member (plotted, "labels");
    g_assert_cmpuint (json_array_get_length (labels), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (labels, 0), ==, "A");
    g_assert_cmpstr (json_array_get_string_element (labels, 1), ==, "background");
    g_assert_true (json_object_get_boolean_member (plotted, "row_normalised"));
    cells = json_object_get_array_member (plotted, "matrix");
    g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (cells, 0), 0), ==, 1);
    g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (cells, 0), 1), ==, 1);
    /* No overwrite without --force; then counts, the default 12 classes (A, B). */
    g_assert_cmpint (run_status (png_args), ==, 1);
    g_assert_cmpint (run_status (bad_top), ==, 2);
    g_assert_cmpint (run_status (forced), ==, 0);
    g_clear_pointer (&texts, g_hash_table_unref);
    g_assert_true (precis_png_read_info (png, NULL, NULL, &texts, &error));
    g_assert_no_error (error);
    plotted = json_object_get_object_member (parse_object (png_parser, g_hash_table_lookup (texts, "precis:evaluation")),
                                             "plotted");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plotted, "labels")), ==, 3);
    g_assert_false (json_object_get_boolean_member (plotted, "row_normalised"));
    g_remove (png);
  }

  /* The same files given with --gt and --pred, as eval takes them. */
  {
    const char *files_args[] = { "confusion", "--gt", gt, "--pred", pred, "--csv", NULL };
    const char *both_sources[] = { "confusion", dir, "--gt", gt, "--pred", pred, NULL };
    g_autofree char *files_csv = NULL, *files_err = NULL;

    g_assert_cmpint (run_cli (files_args, &files_csv, &files_err), ==, 0);
    g_assert_cmpstr (files_csv, ==, csv);
    g_assert_cmpint (run_status (both_sources), ==, 2);
  }

  g_remove (gt_copy);
  g_remove (pred_copy);
  g_rmdir (dir);
}

/* The rows of every error type in an --objects CSV (@lines, the error column
 * last), as TIDE counts them (tests/data/tide/@reference, TIDE's own output,
 * see tests/data/README.md). */
static void
assert_type_rows (char       **lines,
                  const char  *reference)
{
  g_autofree char *ref_path = g_test_build_filename (G_TEST_DIST, "data", "tide", reference, NULL);
  g_autoptr(JsonParser) ref_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "cls", "loc", "both", "dupe", "bkg", "miss" };
  const char *names[] = { "Cls", "Loc", "Both", "Dupe", "Bkg", "Miss" };
  JsonObject *counts;
  guint n_types = 0;

  json_parser_load_from_file (ref_parser, ref_path, &error);
  g_assert_no_error (error);
  counts = json_object_get_object_member (json_node_get_object (json_parser_get_root (ref_parser)), "counts");
  for (guint t = 0; t < G_N_ELEMENTS (keys); t++)
    {
      g_autofree char *suffix = g_strconcat (",", names[t], NULL);
      gint64 n = 0;

      for (guint i = 1; lines[i] != NULL; i++)
        n += g_str_has_suffix (lines[i], suffix);
      g_assert_cmpint (n, ==, json_object_get_int_member (counts, keys[t]));
      n_types += n > 0;
    }
  /* Both sets have errors of at least four types: the column is not mostly empty. */
  g_assert_cmpuint (n_types, >=, 4);
}

/* The sample project: errors of all six types. */
static void
test_objects_cartucho (void)
{
  g_autofree char *project = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  g_autofree char *dir = g_dir_make_tmp ("precis-cli-objects-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "objects.csv", NULL);
  const char *args[] = { "eval", project, "--objects", path, NULL };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_status (args), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "kind,id,image_id,category_id,score,outcome,iou,match_id,error");
  assert_type_rows (lines, "cartucho-map.bbox.json");
  g_remove (path);
  g_rmdir (dir);
}

/* eval --objects: one row per object (839 GT + 734 predictions + the header), the
 * error column as TIDE counts it, no overwrite without --force. */
static void
test_objects (void)
{
  g_autofree char *project = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
  g_autofree char *dir = g_dir_make_tmp ("precis-cli-objects-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "objects.csv", NULL);
  const char *args[] = { "eval", project, "--model", "bbox", "--objects", path, NULL };
  const char *forced[] = { "eval", project, "--model", "bbox", "--objects", path, "--force", NULL };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_cls = 0, n_miss = 0, n_crowd = 0;

  g_assert_cmpint (run_status (args), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "kind,id,image_id,category_id,score,outcome,iou,match_id,error");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 839 + 734 + 1);   /* last line empty */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      n_cls += g_str_has_suffix (lines[i], ",Cls");
      n_miss += g_str_has_suffix (lines[i], ",Miss");
      n_crowd += strstr (lines[i], ",crowd,") != NULL;
    }
  /* coco2014-cocoapi100.bbox.json: Cls 83, Miss 97; 9 crowd GTs. */
  g_assert_cmpuint (n_cls, ==, 83);
  g_assert_cmpuint (n_miss, ==, 97);
  g_assert_cmpuint (n_crowd, ==, 9);

  assert_type_rows (lines, "coco2014-cocoapi100.bbox.json");

  g_assert_cmpint (run_status (args), ==, 1);
  g_assert_cmpint (run_status (forced), ==, 0);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/errors/cartucho-map", test_errors_cartucho);
  g_test_add_func ("/cli/errors/coco2014-segm", test_errors_coco_segm);
  g_test_add_func ("/cli/errors/coco2014-bbox", test_errors_coco_bbox);
  g_test_add_func ("/cli/errors/usage", test_errors_usage);
  g_test_add_func ("/cli/errors/confidence", test_errors_confidence);
  g_test_add_func ("/cli/confusion", test_confusion);
  g_test_add_func ("/cli/eval/objects", test_objects);
  g_test_add_func ("/cli/eval/objects-cartucho", test_objects_cartucho);

  return g_test_run ();
}

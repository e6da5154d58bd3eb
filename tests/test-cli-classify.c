/* test-cli-classify.c: precis-cli eval and info on a classification project (SEMANTICS.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project and its scikit-learn figures are tests/data/classify/ (see
 * tests/data/README.md); test-classify.c checks every figure of the core, this
 * test that the CLI prints them.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-test-cli.h"

static char *
project (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "classify", NULL);
}

/* --json: the members with reference.json's values (top5, s = 0.5). */
static void
test_json (void)
{
  g_autofree char *dir = project ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o, *macro, *confusion;
  JsonArray *per_class, *matrix;

  g_assert_cmpint (run_cli_v (&out, &err, "eval", "--json", "--model", "top5", "--confidence", "0.5", dir, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "task"), ==, "classification");
  g_assert_cmpstr (json_object_get_string_member (o, "model"), ==, "top5");
  /* reference.json, models.top5["0.5"]: correct 30 of 58, 45 in the top-5. */
  g_assert_cmpint (json_object_get_int_member (o, "correct"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (o, "n_images"), ==, 58);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "accuracy"), 0.5172413793103449, 1e-15);
  g_assert_cmpfloat (json_object_get_double_member (o, "top5_accuracy"), ==, 45.0 / 58);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "ece"), 0.4469672413793107, 1e-12);
  macro = json_object_get_object_member (o, "macro");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (macro, "F1"), 0.5092879256965944, 1e-12);
  per_class = json_object_get_array_member (o, "per_class");
  g_assert_cmpuint (json_array_get_length (per_class), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (per_class, 0), "name"), ==, "cat");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (per_class, 0), "support"), ==, 13);
  confusion = json_object_get_object_member (o, "confusion");
  matrix = json_object_get_array_member (confusion, "matrix");
  g_assert_cmpuint (json_array_get_length (matrix), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (matrix, 0)), ==, 8);
}

/* The text: the per-class table and the totals. */
static void
test_text (void)
{
  g_autofree char *dir = project ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_v (&out, &err, "eval", "--model", "sparse", dir, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Classification · model sparse\n\n"
                                        "class        support    pred      TP      FP      FN       P       R      F1\n"));
  /* reference.json, models.sparse["0.0"]: cat P = 0.7, R = 7/13, F1 = 0.6087; accuracy 28/58. */
  g_assert_nonnull (strstr (out, "\ncat               13      10       7       3       6  0.7000  0.5385  0.6087\n"));
  g_assert_nonnull (strstr (out, "\nImages: 58 (and 2 without a GT label, not evaluated)\n"));
  g_assert_nonnull (strstr (out, "\nCorrect: 28 · wrong: 30\naccuracy = 0.4828\ntop-5 accuracy = —\n"));
}

/* Options without meaning for image labels are usage errors. */
static void
test_usage (void)
{
  g_autofree char *dir = project ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_v (&out, &err, "eval", "--iou", "0.3", dir, NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "precis-cli: eval: --iou does not apply to a classification project\n"));
  g_assert_cmpint (run_cli_v (&out, &err, "eval", "--classes", "cat", dir, NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "precis-cli: eval: --classes does not apply to a classification project\n"));
  g_assert_cmpint (run_cli_v (&out, &err, "eval", "--model", "nope", dir, NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "precis-cli: eval: --model: no model named “nope”\n"));
}

static void
test_info (void)
{
  g_autofree char *dir = project ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_v (&out, &err, "info", dir, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nTask: classification (image labels)\n"));
  g_assert_cmpint (run_cli_v (&out, &err, "info", "--json", dir, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"task\" : \"classification\""));
}

/* synth --kind classification: deterministic, one label per image, k
 * predictions each; the calibrated model's ECE is below the over-confident one's
 * (same classes, so the same accuracy). */
static void
test_synth (void)
{
  g_autofree char *dir = g_dir_make_tmp ("precis-classify-XXXXXX", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first = NULL;
  g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *cal = g_build_filename (dir, "predictions_calibrated.json", NULL);
  g_autofree char *over = g_build_filename (dir, "predictions_overconfident.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  double ece[2];
  gint64 correct[2];
  const char *models[2] = { "calibrated", "overconfident" };

  g_assert_cmpint (run_cli_v (&out, &err, "synth", "--kind", "classification", "--images", "3000", "-q",
                              "--out", dir, NULL), ==, 0);
  g_assert_true (g_file_get_contents (cal, &first, NULL, NULL));
  g_assert_cmpint (run_cli_v (&out, &err, "synth", "--kind", "classification", "--images", "3000", "-q",
                              "--out", dir, NULL), ==, 0);
  {
    g_autofree char *again = NULL;

    g_assert_true (g_file_get_contents (cal, &again, NULL, NULL));
    g_assert_cmpstr (again, ==, first);
  }
  for (guint m = 0; m < 2; m++)
    {
      JsonObject *o;

      g_assert_cmpint (run_cli_v (&out, &err, "eval", "--json", "--model", models[m], dir, NULL), ==, 0);
      json_parser_load_from_data (parser, out, -1, &error);
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_get_int_member (o, "n_images"), ==, 3000);
      g_assert_cmpint (json_object_get_int_member (o, "n_unlabelled"), ==, 0);
      g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "top5_accuracy")));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (o, "confusion"), "labels")), ==, 101);
      ece[m] = json_object_get_double_member (o, "ece");
      correct[m] = json_object_get_int_member (o, "correct");
    }
  g_assert_cmpint (correct[0], ==, correct[1]);
  g_assert_cmpfloat (ece[0], <, 0.06);
  g_assert_cmpfloat (ece[1], >, 0.15);

  /* bench --classification measures it. */
  g_assert_cmpint (run_cli_v (&out, &err, "bench", "--classification", "--sweeps", "1", "--json", dir, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"task\" : \"classification\""));
  g_assert_nonnull (strstr (out, "\"steps\" : 201"));

  g_remove (gt);
  g_remove (cal);
  g_remove (over);
  g_rmdir (dir);
}

/* With the dataset cache on (the suite turns it off): the second run, which
 * finds a cache of the inputs if one was written, prints the first run's bytes. */
static void
test_cache (void)
{
  g_autofree char *dir = project ();
  g_autofree char *cache = g_dir_make_tmp ("precis-classify-cache-XXXXXX", NULL);
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "PRECIS_NO_CACHE");
  const char *args[] = { "eval", "--json", dir, NULL };
  g_autofree char *first = NULL, *second = NULL, *err = NULL;
  g_autofree char *rm = NULL;

  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  g_assert_cmpint (run_cli_env (env, args, &first, &err), ==, 0);
  g_assert_cmpint (run_cli_env (env, args, &second, &err), ==, 0);
  g_assert_nonnull (strstr (first, "\"task\" : \"classification\""));
  g_assert_cmpstr (second, ==, first);
  rm = g_strdup_printf ("rm -rf '%s'", cache);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-classify/json", test_json);
  g_test_add_func ("/cli-classify/text", test_text);
  g_test_add_func ("/cli-classify/usage", test_usage);
  g_test_add_func ("/cli-classify/info", test_info);
  g_test_add_func ("/cli-classify/synth", test_synth);
  g_test_add_func ("/cli-classify/dataset-cache", test_cache);

  return g_test_run ();
}

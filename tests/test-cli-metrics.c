/* test-cli-metrics.c: precis-cli metrics and eval --area-range
 *
 * Expected numbers: hand computations on tests/data/metrics (tests/data/README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-test-cli.h"

static char *
project (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "metrics", NULL);
}

static char *
custom (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "metrics", "custom", name, NULL);
}

static void
test_json (void)
{
  g_autofree char *dir = project ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *b0, *b1;
  JsonArray *buckets;

  g_assert_cmpint (run_cli_v (&out, &err, "metrics", dir, "--metric", "area", "--buckets", "2",
                              "--binning", "width", "--iou", "0.5", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "metric"), ==, "area");
  g_assert_cmpstr (json_object_get_string_member (root, "binning"), ==, "width");
  buckets = json_object_get_array_member (root, "buckets");
  g_assert_cmpuint (json_array_get_length (buckets), ==, 2);
  b0 = json_array_get_object_element (buckets, 0);
  b1 = json_array_get_object_element (buckets, 1);
  g_assert_cmpfloat (json_object_get_double_member (b0, "lo"), ==, 16);
  g_assert_cmpfloat (json_object_get_double_member (b0, "hi"), ==, 308);
  g_assert_cmpint (json_object_get_int_member (b0, "predictions"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (b0, "TP"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (b0, "FP"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (b0, "precision"), ==, .5);
  g_assert_cmpint (json_object_get_int_member (b0, "gt"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (b0, "FN"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (b0, "fn_rate"), ==, 1 / 3.);
  g_assert_true (json_node_is_null (json_object_get_member (b1, "precision")));
  g_assert_true (json_node_is_null (json_object_get_member (b1, "fn_rate")));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "correlation"), 0.9412377793797667, 1e-12);
  g_assert_cmpfloat (json_object_get_double_member (root, "importance"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "undefined"), "gt"), ==, 0);
}

static void
test_csv_list_summary (void)
{
  g_autofree char *dir = project ();
  g_autofree char *blur = custom ("per-image.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;

  g_assert_cmpint (run_cli_v (&out, &err, "metrics", dir, "--metric", "area", "--buckets", "2",
                              "--binning", "width", "--csv", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "lo,hi,predictions,TP,FP,precision,gt,FN,fn_rate\n"
                            "16,308,4,2,2,0.5,3,1,0.33333333333333331\n"
                            "308,600,1,0,0,,0,0,\n");

  g_assert_cmpint (run_cli_v (&out2, &err2, "metrics", dir, "--list", "--metrics", blur, NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "area\tbuilt-in\n"));
  g_assert_nonnull (strstr (out2, "iou\tbuilt-in\n"));
  g_assert_true (g_str_has_suffix (out2, "blur\timported\n"));

  g_assert_cmpint (run_cli_v (&out3, &err3, "metrics", dir, "--summary", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out3, "\"metric\" : \"height\""));
  g_assert_nonnull (strstr (out3, "0.57735026918962"));
}

static void
test_errors (void)
{
  g_autofree char *dir = project ();
  g_autofree char *bad = custom ("bad-number.csv");
  struct {
    const char *args[8];
    int         status;
    const char *message;
  } cases[] = {
    { { "metrics", dir, NULL }, 2, "give exactly one of --list, --summary and --metric" },
    { { "metrics", dir, "--metric", "bogus", NULL }, 2, "no metric named “bogus”" },
    { { "metrics", dir, "--metric", "area", "--buckets", "0", NULL }, 2, "--buckets: must lie between 1 and 1000" },
    { { "metrics", dir, "--metric", "area", "--binning", "log", NULL }, 2, "--binning: must be" },
    { { "metrics", dir, "--summary", "--csv", NULL }, 2, "--csv applies to --metric only" },
    { { "metrics", dir, "--list", "--metrics", bad, NULL }, 1, "bad-number.csv: line 3, column 3: “sharp” is not a finite number" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_cli (cases[k].args, &out, &err), ==, cases[k].status);
      g_assert_nonnull (strstr (err, cases[k].message));
      g_assert_cmpstr (out, ==, "");
    }
}

/* eval --area-range: the non-crowd GT areas are 100, 200 and 50, all "small"
 * (≤ 32²); "medium" and "large" keep none; 100:200 and 60:inf keep two. */
static void
test_area_range (void)
{
  g_autofree char *dir = project ();
  struct {
    const char *range;
    gint64      num_gt;
  } cases[] = {
    { "small", 3 },
    { "medium", 0 },
    { "large", 0 },
    { "100:200", 2 },
    { "60:inf", 2 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;

      g_assert_cmpint (run_cli_v (&out, &err, "eval", dir, "--area-range", cases[k].range, "--json", NULL), ==, 0);
      json_parser_load_from_data (parser, out, -1, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "sums"), "num_gt"), ==, cases[k].num_gt);
    }
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_cli_v (&out, &err, "eval", dir, "--area-range", "huge", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--area-range"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli_v (&out, &err, "eval", dir, "--area-range", "small", "--protocol", "coco", NULL), ==, 2);
  }
}

/* --png writes the chart the app draws; never over a file without --force. */
static void
test_png (void)
{
  g_autofree char *dir = project ();
  g_autofree char *tmp = g_dir_make_tmp ("precis-cli-metrics-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (tmp, "area.png", NULL);
  g_autofree char *summary = g_build_filename (tmp, "summary.png", NULL);
  g_autofree char *out = NULL, *err = NULL, *data = NULL;
  gsize len = 0;

  g_assert_cmpint (run_cli_v (&out, &err, "metrics", dir, "--metric", "area", "--png", file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (file, &data, &len, NULL));
  g_assert_cmpuint (len, >, 8);
  g_assert_true (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
  g_assert_nonnull (memmem (data, len, "Precision by area", strlen ("Precision by area")));
  g_assert_cmpint (run_cli_v (&out, &err, "metrics", dir, "--metric", "area", "--png", file, NULL), ==, 1);
  g_assert_cmpint (run_cli_v (&out, &err, "metrics", dir, "--metric", "area", "--png", file,
                              "--chart", "fn-rate", "--force", NULL), ==, 0);
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (file, &data, &len, NULL));
  g_assert_nonnull (memmem (data, len, "FN rate by area", strlen ("FN rate by area")));
  g_assert_cmpint (run_cli_v (&out, &err, "metrics", dir, "--summary", "--png", summary,
                              "--chart", "correlation", NULL), ==, 0);
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (summary, &data, &len, NULL));
  g_assert_nonnull (memmem (data, len, "Metric correlation with TP", strlen ("Metric correlation with TP")));

  g_assert_cmpint (run_cli_v (&out, &err, "metrics", dir, "--metric", "area", "--chart", "fn-rate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--chart needs --png"));
  g_assert_cmpint (run_cli_v (&out, &err, "metrics", dir, "--summary", "--png", summary,
                              "--chart", "precision", "--force", NULL), ==, 2);
  g_assert_cmpint (g_remove (file), ==, 0);
  g_assert_cmpint (g_remove (summary), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/metrics/json", test_json);
  g_test_add_func ("/cli/metrics/csv-list-summary", test_csv_list_summary);
  g_test_add_func ("/cli/metrics/errors", test_errors);
  g_test_add_func ("/cli/metrics/png", test_png);
  g_test_add_func ("/cli/eval/area-range", test_area_range);
  return g_test_run ();
}

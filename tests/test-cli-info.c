/* test-cli-info.c: precis-cli info, run as a program (path in $PRECIS_CLI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "precis-test-cli.h"

/* The table of ../shared/data/real/README.md: images (files/in GT), GT, predictions.
 * The copies in tests/data/real have no images: all are missing there; the bundled
 * sample (data/sample/cartucho-map) has its 85 images. */
static const struct {
  const char *folder;
  guint n_images;
  guint n_gt;
  guint n_models;
  guint n_pred[2];
  const char *model[2];
} real_table[] = {
  { "cartucho-map",        85, 686, 1, { 494, 0 }, { "predictions", NULL } },
  { "voc2012-rodm",       100, 273, 1, { 452, 0 }, { "predictions", NULL } },
  { "coco2014-cocoapi100", 100, 839, 2, { 734, 734 }, { "bbox", "segm" } },
  { "coco2017-mmpose4",     4,  14, 1, { 118, 0 }, { "predictions", NULL } },
  { "coco2017-kpt139099",   1,  14, 1, { 128, 0 }, { "predictions", NULL } },
};

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_real_json (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (real_table); t++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *folder = g_test_get_filename (G_TEST_DIST, "data", "real", real_table[t].folder, NULL);
      JsonObject *root, *images;
      JsonArray *models;

      g_assert_cmpint (run_cli_v (&out, &err, "info", "--json", folder, NULL), ==, 0);
      root = parse_object (parser, out);
      images = json_object_get_object_member (root, "images");
      g_assert_cmpint (json_object_get_int_member (images, "total"), ==, real_table[t].n_images);
      g_assert_cmpint (json_object_get_int_member (images, "present"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (images, "missing"), ==, real_table[t].n_images);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "ground_truth"),
                                                   "annotations"), ==, real_table[t].n_gt);
      models = json_object_get_array_member (root, "models");
      g_assert_cmpuint (json_array_get_length (models), ==, real_table[t].n_models);
      for (guint m = 0; m < real_table[t].n_models; m++)
        {
          JsonObject *model = json_array_get_object_element (models, m);

          g_assert_cmpstr (json_object_get_string_member (model, "name"), ==, real_table[t].model[m]);
          g_assert_cmpint (json_object_get_int_member (model, "predictions"), ==, real_table[t].n_pred[m]);
        }
    }
}

static void
test_sample_json (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *folder;
  JsonObject *root, *images, *gt;


  folder = g_test_get_filename (G_TEST_DIST, "..", "data", "sample", "cartucho-map", NULL);
  g_assert_cmpint (run_cli_v (&out, &err, "info", "--json", folder, NULL), ==, 0);
  root = parse_object (parser, out);
  images = json_object_get_object_member (root, "images");
  /* README table: cartucho-map 85/85 images, 686 GT (boxes only), 494 predictions. */
  g_assert_cmpint (json_object_get_int_member (images, "present"), ==, 85);
  g_assert_cmpint (json_object_get_int_member (images, "missing"), ==, 0);
  gt = json_object_get_object_member (root, "ground_truth");
  g_assert_cmpint (json_object_get_int_member (gt, "bbox"), ==, 686);
  g_assert_cmpint (json_object_get_int_member (gt, "polygon"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (gt, "crowd"), ==, 0);
}

static void
test_files_form (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *gt = NULL, *bbox = NULL, *segm = NULL;
  JsonObject *root, *g;
  JsonArray *models;


  gt = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", "gt.json", NULL);
  bbox = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", "predictions_bbox.json", NULL);
  segm = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", "predictions_segm.json", NULL);

  g_assert_cmpint (run_cli_v (&out, &err, "info", "--json", "--gt", gt, "--pred", bbox, "--pred", segm, NULL), ==, 0);
  root = parse_object (parser, out);
  g = json_object_get_object_member (root, "ground_truth");
  /* README table: 839 GT, of which 9 crowd uncompressed RLE and (SOURCE.md) 830 polygons. */
  g_assert_cmpint (json_object_get_int_member (g, "annotations"), ==, 839);
  g_assert_cmpint (json_object_get_int_member (g, "rle"), ==, 9);
  g_assert_cmpint (json_object_get_int_member (g, "polygon"), ==, 830);
  g_assert_cmpint (json_object_get_int_member (g, "crowd"), ==, 9);
  models = json_object_get_array_member (root, "models");
  g_assert_cmpuint (json_array_get_length (models), ==, 2);
  /* 734 + 734: boxes, then compressed-RLE masks. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (models, 0), "bbox"), ==, 734);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (models, 1), "rle"), ==, 734);

  /* The text form names the same numbers. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_v (&out, &err, "info", "--gt", gt, "--pred", bbox, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "839"));
  g_assert_nonnull (strstr (out, "734"));
}

static void
test_usage (void)
{
  g_autofree char *gt = NULL;


  gt = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", "gt.json", NULL);

  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_v (&out, &err, "info", NULL), ==, 2);
    g_assert_true (g_str_has_prefix (err, "precis-cli: "));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_v (&out, &err, "info", "--gt", gt, "some-project", NULL), ==, 2);
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_v (&out, &err, "info", "--frobnicate", NULL), ==, 2);
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli_v (&out, &err, "info", "a", "b", NULL), ==, 2);
  }
  {
    /* precis-cli --help: every command's summary starts in the column after
     * the longest name ("confusion": 2 + 9 + 1 = 12). */
    g_autofree char *out = NULL, *err = NULL;
    g_auto(GStrv) lines = NULL;
    guint n_commands = 0;
    gboolean in_commands = FALSE;

    g_assert_cmpint (run_cli_v (&out, &err, "--help", NULL), ==, 0);
    lines = g_strsplit (out, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (g_str_equal (lines[i], "Commands:"))
          {
            in_commands = TRUE;
            continue;
          }
        if (!in_commands || lines[i][0] == '\0')
          {
            in_commands = in_commands && n_commands == 0;
            continue;
          }
        g_assert_cmpuint (strlen (lines[i]), >, 12);
        g_assert_cmpint (lines[i][11], ==, ' ');
        g_assert_cmpint (lines[i][12], !=, ' ');
        n_commands++;
      }
    g_assert_cmpuint (n_commands, ==, 11);   /* info … metrics, merge in precis-cli.c */
  }
}

/* Every file of tests/data/bad/EXPECTED.tsv: exit 1 and "precis-cli: FILE: PATH: message". */
static void
test_bad_files (void)
{
  g_autofree char *table = NULL;
  g_autofree char *good = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;


  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "bad", "EXPECTED.tsv", NULL),
                       &table, NULL, &error);
  g_assert_no_error (error);
  good = g_test_build_filename (G_TEST_DIST, "data", "bad", "good-gt.json", NULL);

  lines = g_strsplit (table, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autofree char *file = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 4);
      file = g_test_build_filename (G_TEST_DIST, "data", "bad", f[0], NULL);

      if (g_str_equal (f[1], "gt"))
        status = run_cli_v (&out, &err, "info", "--gt", file, NULL);
      else if (g_str_equal (f[1], "results"))
        status = run_cli_v (&out, &err, "info", "--gt", good, "--pred", file, NULL);
      else
        status = run_cli_v (&out, &err, "info", file, NULL);

      g_test_message ("%s → %d: %s", f[0], status, err);
      g_assert_cmpint (status, ==, 1);
      g_assert_true (g_str_has_prefix (err, "precis-cli: "));
      g_assert_nonnull (strstr (err, f[3]));
      g_assert_cmpstr (out, ==, "");
      n++;
    }
  g_assert_cmpuint (n, >=, 25);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/info/real-json", test_real_json);
  g_test_add_func ("/cli/info/sample-json", test_sample_json);
  g_test_add_func ("/cli/info/files", test_files_form);
  g_test_add_func ("/cli/info/usage", test_usage);
  g_test_add_func ("/cli/info/bad-files", test_bad_files);

  return g_test_run ();
}

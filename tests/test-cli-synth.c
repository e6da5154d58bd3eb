/* test-cli-synth.c: precis-cli synth and precis-cli bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-dataset.h"
#include "precis-test-cli.h"

static void
remove_project (const char *dir)
{
  g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *pred = g_build_filename (dir, "predictions.json", NULL);

  g_remove (gt);
  g_remove (pred);
  g_rmdir (dir);
}

static char *
contents (const char *dir,
          const char *name,
          gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

/* synth writes a project that loads with the requested counts; the same
 * command twice gives the same bytes. */
static void
test_synth (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_dir_make_tmp ("precis-cli-synth-XXXXXX", &error);
  g_autofree char *b = g_dir_make_tmp ("precis-cli-synth-XXXXXX", &error);
  g_autoptr(GFile) file = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  const char *names[2] = { "gt.json", "predictions.json" };

  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *args[] = { "synth", "--images", "50", "--preds-per-image", "20", "--kind", "segm",
                             "--seed", "5", "--out", i == 0 ? a : b, NULL };

      g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_nonnull (strstr (out, "1000 predictions"));
    }

  for (guint i = 0; i < 2; i++)
    {
      gsize la, lb;
      g_autofree char *fa = contents (a, names[i], &la);
      g_autofree char *fb = contents (b, names[i], &lb);

      g_assert_cmpmem (fa, la, fb, lb);
    }

  file = g_file_new_for_path (a);
  dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (precis_dataset_get_n_images (dataset), ==, 50);
  g_assert_cmpuint (precis_dataset_get_predictions (dataset, 0)->n, ==, 50 * 20);
  g_assert_true (precis_dataset_supports (dataset, 0, PRECIS_IOU_SEGM));

  remove_project (a);
  remove_project (b);
}

static void
test_synth_usage (void)
{
  const char *no_out[] = { "synth", "--images", "5", NULL };
  const char *bad_kind[] = { "synth", "--kind", "circles", "--out", "/nonexistent", NULL };
  g_autofree char *out1 = NULL, *err1 = NULL, *out2 = NULL, *err2 = NULL;


  g_assert_cmpint (run_cli (no_out, &out1, &err1), ==, 2);
  g_assert_nonnull (strstr (err1, "--out"));
  g_assert_cmpint (run_cli (bad_kind, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "circles"));
}

/* bench --synth --json: every figure is present and plausible. */
static void
test_bench_json (void)
{
  const char *args[] = { "bench", "--synth", "40,15", "--seed", "2", "--sweeps", "1",
                         "--coco-runs", "1", "--json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;


  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (json_object_get_int_member (root, "images"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (root, "predictions"), ==, 40 * 15);
  g_assert_cmpint (json_object_get_int_member (root, "categories"), ==, 80);
  g_assert_cmpstr (json_object_get_string_member (root, "iou_type"), ==, "bbox");
  g_assert_cmpint (json_object_get_int_member (root, "active_steps"), ==, 201);
  g_assert_cmpfloat (json_object_get_double_member (root, "load_s"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (root, "coco_s"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (root, "active_p99_ms"), >=,
                     json_object_get_double_member (root, "active_median_ms"));
  g_assert_cmpfloat (json_object_get_double_member (root, "coco_ap"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (root, "coco_ap"), <=, 1);
  g_assert_cmpint (json_object_get_int_member (root, "peak_rss_bytes"), >, 1000000);
}

/* bench PROJECT on a real project, text output. */
static void
test_bench_project (void)
{
  g_autofree char *project = g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
  /* The folder's models are named after their files without "predictions_". */
  const char *args[] = { "bench", project, "--model", "bbox", "--sweeps", "1", NULL };
  const char *missing[] = { "bench", "--synth", "3", NULL };
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  int status;


  status = run_cli (args, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "100 images, 80 categories, 839 GT, 734 predictions"));
  g_assert_nonnull (strstr (out, "Model:             bbox (bbox)"));
  g_assert_nonnull (strstr (out, "COCO evaluation:"));
  g_assert_nonnull (strstr (out, "Peak RSS:"));

  g_assert_cmpint (run_cli (missing, &out2, &err2), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/synth/deterministic", test_synth);
  g_test_add_func ("/cli/synth/usage", test_synth_usage);
  g_test_add_func ("/cli/bench/json", test_bench_json);
  g_test_add_func ("/cli/bench/project", test_bench_project);

  return g_test_run ();
}

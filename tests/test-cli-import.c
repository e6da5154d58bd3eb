/* test-cli-import.c: precis-cli import and the project file writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-dataset.h"
#include "precis-test-cli.h"
#include "precis-test-files.h"

/* ------------------------------------------------------------------------ */
/* Helpers */

static const char *
real_file (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *text = read_text (from);

  write_text (to, text);
}

/* A folder with sub/gt.json, runs/a.json (bbox results), runs/b.json (the
 * segm results), runs/a-copy.json (the same bytes as a.json) and a project
 * file p.json with members Precis does not know. */
typedef struct {
  char *dir;
  char *project;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *runs = NULL;
  g_autofree char *gt = NULL;

  (void) data;
  f->dir = g_dir_make_tmp ("precis-import-XXXXXX", &error);
  g_assert_no_error (error);
  sub = g_build_filename (f->dir, "sub", NULL);
  runs = g_build_filename (f->dir, "runs", NULL);
  g_mkdir (sub, 0755);
  g_mkdir (runs, 0755);
  gt = g_build_filename (sub, "gt.json", NULL);
  copy_file (real_file ("gt.json"), gt);
  {
    g_autofree char *a = g_build_filename (runs, "a.json", NULL);
    g_autofree char *b = g_build_filename (runs, "b.json", NULL);
    g_autofree char *c = g_build_filename (runs, "a-copy.json", NULL);

    copy_file (real_file ("predictions_bbox.json"), a);
    copy_file (real_file ("predictions_segm.json"), b);
    copy_file (real_file ("predictions_bbox.json"), c);
  }
  f->project = g_build_filename (f->dir, "p.json", NULL);
  write_text (f->project,
              "{\n"
              "  \"name\": \"street\",\n"
              "  \"ground_truth\": \"sub/gt.json\",\n"
              "  \"colour_scheme\": {\"a\": \"#ff0000\", \"list\": [1, 2.5, null, true]},\n"
              "  \"predictions\": [{\"name\": \"a\", \"path\": \"runs/a.json\", \"note\": \"first run\"}],\n"
              "  \"zzz_last\": 7\n"
              "}\n");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static char *
in_dir (Fixture    *f,
        const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *path)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static PrecisDataset *
load_project (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PrecisDataset *dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* Runs import with @args and checks that it fails with status @status, a
 * message holding @needle, and the project file unchanged byte for byte. */
static void
check_refused (Fixture            *f,
               const char * const *args,
               int                 status,
               const char         *needle)
{
  g_autofree char *before = read_text (f->project);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, status);
  g_assert_nonnull (strstr (err, needle));
  after = read_text (f->project);
  g_assert_cmpstr (before, ==, after);
}

/* ------------------------------------------------------------------------ */

static void
test_good (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *b = in_dir (f, "runs/b.json");
  g_autofree char *copy = in_dir (f, "runs/a-copy.json");
  g_autofree char *named = g_strconcat ("twin=", copy, NULL);
  const char *args[] = { "import", f->project, "--pred", b, "--name", "segm run", NULL };
  const char *args2[] = { "import", f->project, "--pred", named, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  JsonObject *top, *scheme;
  JsonArray *preds;
  GList *members;

  (void) data;
  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "segm run"));
  /* A different file with the same content as a model is accepted. */
  g_assert_cmpint (run_cli (args2, &out2, &err2), ==, 0);

  top = parse_object (parser, f->project);
  /* version first, then the members in their order, unknown ones kept. */
  members = json_object_get_members (top);
  g_assert_cmpstr (members->data, ==, "version");
  g_assert_cmpstr (g_list_last (members)->data, ==, "zzz_last");
  g_list_free (members);
  g_assert_cmpint (json_object_get_int_member (top, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (top, "zzz_last"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (top, "ground_truth"), ==, "sub/gt.json");
  scheme = json_object_get_object_member (top, "colour_scheme");
  g_assert_cmpstr (json_object_get_string_member (scheme, "a"), ==, "#ff0000");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (scheme, "list")), ==, 4);
  preds = json_object_get_array_member (top, "predictions");
  g_assert_cmpuint (json_array_get_length (preds), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 0), "note"), ==, "first run");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 0), "path"), ==, "runs/a.json");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 1), "path"), ==, "runs/b.json");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 1), "name"), ==, "segm run");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 2), "name"), ==, "twin");

  dataset = load_project (f->project);
  g_assert_cmpuint (precis_dataset_get_n_models (dataset), ==, 3);
  g_assert_cmpstr (precis_dataset_get_model_name (dataset, 1), ==, "segm run");
  g_assert_cmpuint (precis_dataset_get_predictions (dataset, 1)->n, ==, 734);
  g_assert_cmpuint (precis_dataset_get_predictions (dataset, 2)->n, ==, 734);
}

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *bad = in_dir (f, "runs/bad.json");
  g_autofree char *missing = in_dir (f, "runs/missing.json");
  const char *args[] = { "import", f->project, "--pred", bad, NULL };
  const char *args_missing[] = { "import", f->project, "--pred", missing, NULL };

  (void) data;
  write_text (bad, "[{\"image_id\": 43, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}]");
  check_refused (f, args, 1, "bad.json: [0].image_id: image 43 is not in the ground truth");
  write_text (bad, "[{\"image_id\": 42, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 1.5}]");
  check_refused (f, args, 1, "bad.json: [0].score");
  write_text (bad, "[{\"image_id\": 42,");
  check_refused (f, args, 1, "bad.json");
  check_refused (f, args_missing, 1, "missing.json");
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = in_dir (f, "runs/a.json");
  g_autofree char *b = in_dir (f, "runs/b.json");
  g_autofree char *dotted = in_dir (f, "sub/../runs/a.json");
  g_autofree char *link = in_dir (f, "link.json");
  g_autofree char *named_a = g_strconcat ("a=", b, NULL);
  const char *same_name[] = { "import", f->project, "--pred", b, "--name", "a", NULL };
  const char *same_name2[] = { "import", f->project, "--pred", named_a, NULL };
  const char *same_path[] = { "import", f->project, "--pred", a, "--name", "again", NULL };
  const char *same_path2[] = { "import", f->project, "--pred", dotted, "--name", "again", NULL };
  const char *same_path3[] = { "import", f->project, "--pred", link, "--name", "again", NULL };
  /* The second of two --pred fails: nothing is written. */
  const char *second[] = { "import", f->project, "--pred", b, "--pred", a, NULL };

  (void) data;
  g_assert_cmpint (symlink (a, link), ==, 0);
  check_refused (f, same_name, 1, "p.json: predictions[0]: the name “a” is taken");
  check_refused (f, same_name2, 1, "the name “a” is taken");
  check_refused (f, same_path, 1, "is already the model “a”");
  check_refused (f, same_path2, 1, "is already the model “a”");
  check_refused (f, same_path3, 1, "is already the model “a”");
  check_refused (f, second, 1, "the name “a” is taken");
}

static void
test_folder_needs_out (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = in_dir (f, "folder");
  g_autofree char *gt = in_dir (f, "folder/gt.json");
  g_autofree char *pred = in_dir (f, "folder/predictions_x.json");
  g_autofree char *b = in_dir (f, "runs/b.json");
  g_autofree char *outfile = in_dir (f, "out/new.json");
  g_autofree char *outdir = in_dir (f, "out");
  const char *no_out[] = { "import", folder, "--pred", b, NULL };
  const char *with_out[] = { "import", folder, "--pred", b, "--out", outfile, NULL };
  const char *from_gt[] = { "import", "--gt", gt, "--pred", b, "--out", outfile, NULL };
  const char *from_gt_force[] = { "import", "--gt", gt, "--pred", b, "--out", outfile, "--force", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *top;
  JsonArray *preds;

  (void) data;
  g_mkdir (folder, 0755);
  g_mkdir (outdir, 0755);
  copy_file (real_file ("gt.json"), gt);
  copy_file (real_file ("predictions_bbox.json"), pred);

  g_assert_cmpint (run_cli (no_out, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "needs --out"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (outfile, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_cli (with_out, &out, &err), ==, 0);
  top = parse_object (parser, outfile);
  /* Paths relative to the new file's folder. */
  g_assert_cmpstr (json_object_get_string_member (top, "ground_truth"), ==, "../folder/gt.json");
  preds = json_object_get_array_member (top, "predictions");
  g_assert_cmpuint (json_array_get_length (preds), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 0), "name"), ==, "x");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 0), "path"), ==, "../folder/predictions_x.json");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 1), "path"), ==, "../runs/b.json");
  dataset = load_project (outfile);
  g_assert_cmpuint (precis_dataset_get_n_models (dataset), ==, 2);
  g_assert_cmpstr (precis_dataset_get_model_name (dataset, 1), ==, "b");

  /* --out exists: refused without --force. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (from_gt, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--force"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (from_gt_force, &out, &err), ==, 0);
  g_clear_object (&dataset);
  dataset = load_project (outfile);
  g_assert_cmpuint (precis_dataset_get_n_models (dataset), ==, 1);
}

static void
test_out_rebases (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *b = in_dir (f, "runs/b.json");
  g_autofree char *outfile = in_dir (f, "runs/moved.json");
  const char *args[] = { "import", f->project, "--pred", b, "--out", outfile, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *before = read_text (f->project);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *top;
  JsonArray *preds;

  (void) data;
  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  after = read_text (f->project);
  g_assert_cmpstr (before, ==, after);
  top = parse_object (parser, outfile);
  g_assert_cmpstr (json_object_get_string_member (top, "ground_truth"), ==, "../sub/gt.json");
  g_assert_cmpint (json_object_get_int_member (top, "zzz_last"), ==, 7);
  preds = json_object_get_array_member (top, "predictions");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 0), "path"), ==, "a.json");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 0), "note"), ==, "first run");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (preds, 1), "path"), ==, "b.json");
}

/* The child may write at most 64 bytes to any file, as on a full disk:
 * the atomic writer's temporary file fails, the project file stays. */
static void
limit_file_size (gpointer data)
{
  struct rlimit rl = { 64, 64 };

  (void) data;
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &rl);
}

static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *b = in_dir (f, "runs/b.json");
  const char *argv[] = { cli_path (), "import", f->project, "--pred", b, NULL };
  g_autofree char *before = read_text (f->project);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  int status = -1;
  guint n_files = 0;

  (void) data;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_file_size, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "p.json: cannot write the project file"));
  after = read_text (f->project);
  g_assert_cmpstr (before, ==, after);

  /* No temporary file is left beside it. */
  d = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 3);   /* p.json, sub, runs */
}

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *b = in_dir (f, "runs/b.json");
  const char *args[] = { "import", f->project, "--pred", b, NULL };
  const char *info[] = { "info", f->project, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  (void) data;
  write_text (f->project, "{\"version\": 2, \"ground_truth\": \"sub/gt.json\"}");
  check_refused (f, args, 1, "p.json: version: version 2 was written by a newer Precis");
  write_text (f->project, "{\"version\": \"1\", \"ground_truth\": \"sub/gt.json\"}");
  check_refused (f, args, 1, "p.json: version: expected an integer");
  write_text (f->project, "{\"version\": 1, \"ground_truth\": \"sub/gt.json\"}");
  g_assert_cmpint (run_cli (info, &out, &err), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/cli/import/good", test_good);
  ADD ("/cli/import/bad-file", test_bad_file);
  ADD ("/cli/import/duplicate", test_duplicate);
  ADD ("/cli/import/folder-needs-out", test_folder_needs_out);
  ADD ("/cli/import/out-rebases", test_out_rebases);
  ADD ("/cli/import/full-disk", test_full_disk);
  ADD ("/cli/import/version", test_version);
#undef ADD

  return g_test_run ();
}

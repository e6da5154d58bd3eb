/* test-bad-input.c: every malformed input of tests/data/bad/ gives its documented error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/bad/EXPECTED.tsv lists, per file: the loader to use (gt, results
 * against good-gt.json, or project), the expected PrecisDatasetError code and a
 * fragment of the message. The expectations are the documented behaviour
 * (docs/FORMATS.md), written by hand in make-bad.py. Every message must also
 * start with the name of the file that is wrong: the case's own file, except
 * for the project cases of named_file[], whose problem is in a file the
 * project names.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "precis-dataset.h"

static const struct {
  const char *name;
  PrecisDatasetError code;
} codes[] = {
  { "IO", PRECIS_DATASET_ERROR_IO },
  { "PARSE", PRECIS_DATASET_ERROR_PARSE },
  { "TYPE", PRECIS_DATASET_ERROR_TYPE },
  { "MISSING", PRECIS_DATASET_ERROR_MISSING },
  { "VALUE", PRECIS_DATASET_ERROR_VALUE },
  { "REFERENCE", PRECIS_DATASET_ERROR_REFERENCE },
  { "DUPLICATE", PRECIS_DATASET_ERROR_DUPLICATE },
  { "GEOMETRY", PRECIS_DATASET_ERROR_GEOMETRY },
  { "LIMIT", PRECIS_DATASET_ERROR_LIMIT },
  { "PROJECT", PRECIS_DATASET_ERROR_PROJECT },
};

static const struct {
  const char *project;
  const char *named;
} named_file[] = {
  { "project-missing-file.json", "nothing-here.json" },
  { "project-prediction-error.json", "score-above-1.json" },
};

typedef struct {
  char *file;
  char *loader;
  char *code;
  char *fragment;
  char *named;     /* the message starts with "NAMED: " */
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->file);
  g_free (c->loader);
  g_free (c->code);
  g_free (c->fragment);
  g_free (c->named);
  g_free (c);
}

static GPtrArray *
read_cases (void)
{
  /* Called from main(), before g_test_get_filename() may be used. */
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *path = g_build_filename (srcdir ? srcdir : SOURCE_DIR "/tests",
                                            "data", "bad", "EXPECTED.tsv", NULL);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Case *c;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      c = g_new0 (Case, 1);
      c->file = g_strdup (fields[0]);
      c->loader = g_strdup (fields[1]);
      c->code = g_strdup (fields[2]);
      c->fragment = g_strdup (fields[3]);
      c->named = g_strdup (fields[0]);
      for (guint k = 0; k < G_N_ELEMENTS (named_file); k++)
        if (g_str_equal (fields[0], named_file[k].project))
          {
            g_free (c->named);
            c->named = g_strdup (named_file[k].named);
          }
      g_ptr_array_add (cases, c);
    }

  return g_steal_pointer (&cases);
}

static GFile *
bad_file (const char *name)
{
  return g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "bad", name, NULL));
}

static int
code_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (codes[i].name, name))
      return codes[i].code;

  g_assert_not_reached ();
}

static PrecisDataset *
load_case (const Case *c,
           GError    **error)
{
  g_autoptr(GFile) file = bad_file (c->file);

  if (g_str_equal (c->loader, "gt"))
    return precis_dataset_load_files (file, NULL, NULL, 0, NULL, NULL, NULL, NULL, error);

  if (g_str_equal (c->loader, "results"))
    {
      g_autoptr(GFile) gt = bad_file ("good-gt.json");

      return precis_dataset_load_files (gt, &file, NULL, 1, NULL, NULL, NULL, NULL, error);
    }

  g_assert_cmpstr (c->loader, ==, "project");
  return precis_dataset_load_project (file, NULL, NULL, NULL, error);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load_case (c, &error);
  g_autofree char *prefix = NULL;

  g_assert_null (ds);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", c->file, error->message);
  g_assert_error (error, PRECIS_DATASET_ERROR, code_from_name (c->code));
  g_assert_nonnull (strstr (error->message, c->fragment));
  /* Every message starts with the name of the file that is wrong: "FILE: …". */
  prefix = g_strconcat (c->named, ": ", NULL);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

/* The fast reader gives up at anything wrong and json-glib reports it: a bad
 * file gives the same error whichever reader starts. */
static void
test_same_error (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(PrecisDataset) fast = NULL;
  g_autoptr(PrecisDataset) slow = NULL;

  g_unsetenv ("PRECIS_LOADER_NO_FAST_PATH");
  fast = load_case (c, &fast_error);
  g_setenv ("PRECIS_LOADER_NO_FAST_PATH", "1", TRUE);
  slow = load_case (c, &slow_error);
  g_unsetenv ("PRECIS_LOADER_NO_FAST_PATH");

  g_assert_null (fast);
  g_assert_null (slow);
  g_assert_nonnull (fast_error);
  g_assert_nonnull (slow_error);
  g_assert_cmpuint (fast_error->domain, ==, slow_error->domain);
  g_assert_cmpint (fast_error->code, ==, slow_error->code);
  g_assert_cmpstr (fast_error->message, ==, slow_error->message);
}

/* The good GT that the results cases use loads. */
static void
test_good_gt (void)
{
  g_autoptr(GFile) file = bad_file ("good-gt.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_files (file, NULL, NULL, 0, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (precis_dataset_get_n_images (ds), ==, 2);
}

/* Every file of tests/data/bad/ is in the table (none forgotten). */
static void
test_all_listed (gconstpointer data)
{
  const GPtrArray *cases = data;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  dir = g_dir_open (g_test_get_filename (G_TEST_DIST, "data", "bad", NULL), 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      if (g_str_equal (name, "EXPECTED.tsv") || g_str_equal (name, "good-gt.json") ||
          g_str_equal (name, "make-bad.py"))
        continue;
      for (guint i = 0; i < cases->len && !listed; i++)
        listed = g_str_equal (((Case *) g_ptr_array_index (cases, i))->file, name);
      if (!listed)
        g_test_message ("not in EXPECTED.tsv: %s", name);
      g_assert_true (listed);
      n++;
    }
  g_assert_cmpuint (n, ==, cases->len);
  g_assert_cmpuint (n, >=, 25);
}

/* A sparse file over the 2 GiB limit is refused before it is read. */
static void
test_file_size_limit (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "precis-test-huge-XXXXXX.json", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  int fd = g_mkstemp (path);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, ((goffset) 2 << 30) + 1), ==, 0);
  close (fd);

  file = g_file_new_for_path (path);
  ds = precis_dataset_load_files (file, NULL, NULL, 0, NULL, NULL, NULL, NULL, &error);
  g_unlink (path);
  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "2 GiB"));
}

/* PRECIS_MAX_CATEGORIES (100,000) categories load; one more is a LIMIT error. */
static void
check_categories (guint       n,
                  const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "categories.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"images\": [{\"id\": 1, \"width\": 4, \"height\": 4}], "
                                          "\"categories\": [");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": %u}", i > 0 ? ", " : "", i + 1);
  g_string_append (json, "], \"annotations\": []}");
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  ds = precis_dataset_load_files (file, NULL, NULL, 0, NULL, NULL, NULL, NULL, &error);
  g_unlink (path);
  if (n <= 100000)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (precis_dataset_get_n_categories (ds), ==, n);
    }
  else
    {
      g_assert_null (ds);
      g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
      g_assert_cmpstr (error->message, ==, "categories.json: categories: more than 100000 categories");
    }
}

static void
test_category_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-test-categories-XXXXXX", &error);

  g_assert_no_error (error);
  check_categories (100000, dir);
  check_categories (100001, dir);
  g_rmdir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = bad_file ("does-not-exist.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_files (file, NULL, NULL, 0, NULL, NULL, NULL, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "does-not-exist.json: "));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_test_init (&argc, &argv, NULL);

  cases = read_cases ();
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      g_autofree char *path = g_strdup_printf ("/bad-input/%s", c->file);

      g_test_add_data_func (path, c, test_case);
      if (!g_str_equal (c->loader, "project"))
        {
          g_autofree char *same = g_strdup_printf ("/bad-input-same-error/%s", c->file);

          g_test_add_data_func (same, c, test_same_error);
        }
    }
  g_test_add_func ("/bad-input-extra/good-gt", test_good_gt);
  g_test_add_data_func ("/bad-input-extra/all-listed", cases, test_all_listed);
  g_test_add_func ("/bad-input-extra/file-size-limit", test_file_size_limit);
  g_test_add_func ("/bad-input-extra/missing-file", test_missing_file);
  g_test_add_func ("/bad-input-extra/category-limit", test_category_limit);

  return g_test_run ();
}

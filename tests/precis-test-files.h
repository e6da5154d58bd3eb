/* precis-test-files.h: scratch folders and files for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "precis-dataset.h"

/* A new folder under the temporary directory. */
static inline char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("precis-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Writes @contents to @dir/@name. */
static inline void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* The number of entries in @dir (an assertion that it opens). */
static inline guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Removes @dir and everything in it (or @dir itself when it is a file). */
static inline void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    {
      g_remove (dir);
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      remove_dir (path);
    }
  g_rmdir (dir);
}

/* The ground truth @gt_path with the @n_preds prediction files @pred_paths
 * (an assertion). */
static inline PrecisDataset *
load_files (const char  *gt_path,
            const char **pred_paths,
            guint        n_preds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) gt = g_file_new_for_path (gt_path);
  g_autofree GFile **preds = g_new0 (GFile *, MAX (n_preds, 1));
  PrecisDataset *dataset;

  for (guint i = 0; i < n_preds; i++)
    preds[i] = g_file_new_for_path (pred_paths[i]);
  dataset = precis_dataset_load_files (gt, preds, NULL, n_preds, NULL, NULL, NULL, NULL, &error);
  for (guint i = 0; i < n_preds; i++)
    g_object_unref (preds[i]);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* tests/data/@folder/@gt_name with the one model @pred_name. */
static inline PrecisDataset *
load_test_data (const char *folder,
                const char *gt_name,
                const char *pred_name)
{
  g_autofree char *gt_path = g_test_build_filename (G_TEST_DIST, "data", folder, gt_name, NULL);
  g_autofree char *pred_path = g_test_build_filename (G_TEST_DIST, "data", folder, pred_name, NULL);
  const char *preds[1] = { pred_path };

  return load_files (gt_path, preds, 1);
}

/* A PrecisProgressFunc that appends each fraction to the GArray of doubles
 * @user_data (and checks that a stage is named). */
static inline void
record_progress (double      fraction,
                 const char *stage,
                 gpointer    user_data)
{
  GArray *values = user_data;

  g_assert_nonnull (stage);
  g_array_append_val (values, fraction);
}

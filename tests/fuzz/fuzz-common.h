/* fuzz-common.h: helpers shared by the loader fuzz targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loaders take GFiles, so a target writes its input to a file in a
 * private folder (under /dev/shm when it exists, so in memory) and loads
 * that. The folder is made once per process and removed at exit.
 */
#pragma once

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#define FUZZ_CHECK(cond) G_STMT_START { if (!(cond)) { g_printerr ("check failed: %s\n", #cond); abort (); } } G_STMT_END

static char *fuzz_dir;

/* Removes @path and, for a folder, everything in it (the format targets
 * write sub-folders: images/, labels/, Annotations/…). */
static void
fuzz_remove_path (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      fuzz_remove_path (child);
    }
  if (dir != NULL)
    g_rmdir (path);
  else
    g_unlink (path);
}

static void
fuzz_remove_dir (void)
{
  fuzz_remove_path (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

/* The private folder, made on first use. */
static const char *
fuzz_get_dir (void)
{
  if (fuzz_dir == NULL)
    {
      g_autofree char *tmpl = NULL;

      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
        tmpl = g_strdup_printf ("/dev/shm/precis-fuzz-%d-XXXXXX", (int) getpid ());
      else
        tmpl = g_build_filename (g_get_tmp_dir (), "precis-fuzz-XXXXXX", NULL);
      fuzz_dir = g_mkdtemp (tmpl);
      FUZZ_CHECK (fuzz_dir != NULL);
      g_steal_pointer (&tmpl);
      atexit (fuzz_remove_dir);
    }
  return fuzz_dir;
}

/* Writes @size bytes to @name (which may name sub-folders) in the private
 * folder; returns its path. */
static char *
fuzz_write_file (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  char *path = g_build_filename (fuzz_get_dir (), name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  FILE *f;

  FUZZ_CHECK (g_mkdir_with_parents (parent, 0700) == 0);
  f = fopen (path, "wb");

  FUZZ_CHECK (f != NULL);
  FUZZ_CHECK (size == 0 || fwrite (data, 1, size, f) == size);
  FUZZ_CHECK (fclose (f) == 0);
  return path;
}

/* Copies a file of the source tree into the private folder. */
G_GNUC_UNUSED static void
fuzz_copy_file (const char *src,
                const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize len = 0;

  FUZZ_CHECK (g_file_get_contents (src, &contents, &len, NULL));
  path = fuzz_write_file (name, (const uint8_t *) contents, len);
}

#ifdef FUZZ_WITH_DATASET
#include "precis-dataset.h"

/* Every index of @anns points inside its pools and the dataset. */
G_GNUC_UNUSED static void
fuzz_check_annotations (PrecisDataset           *dataset,
                        const PrecisAnnotations *anns)
{
  guint n_images = precis_dataset_get_n_images (dataset);
  guint n_categories = precis_dataset_get_n_categories (dataset);

  FUZZ_CHECK (anns != NULL);
  for (guint32 i = 0; i < anns->n; i++)
    {
      FUZZ_CHECK (anns->image[i] < n_images);
      FUZZ_CHECK (anns->category[i] < n_categories);
      FUZZ_CHECK (anns->area[i] >= 0 || !(anns->has[i] & PRECIS_HAS_SEGM));
      if (anns->segm_kind[i] == PRECIS_SEGM_POLYGON)
        {
          FUZZ_CHECK ((guint64) anns->segm_start[i] + anns->segm_len[i] <= anns->n_rings);
          for (guint32 r = anns->segm_start[i]; r < anns->segm_start[i] + anns->segm_len[i]; r++)
            FUZZ_CHECK (anns->ring_start[r] + anns->ring_len[r] <= anns->n_coords);
        }
      else if (anns->segm_kind[i] == PRECIS_SEGM_RLE)
        {
          const PrecisImage *image = precis_dataset_get_image (dataset, anns->image[i]);
          guint64 total = 0;

          FUZZ_CHECK ((guint64) anns->segm_start[i] + anns->segm_len[i] <= anns->n_counts);
          for (guint32 c = 0; c < anns->segm_len[i]; c++)
            total += anns->counts[anns->segm_start[i] + c];
          FUZZ_CHECK (total == (guint64) image->width * image->height);
        }
      if (anns->line_len[i] > 0)
        FUZZ_CHECK ((guint64) anns->line_start[i] + anns->line_len[i] <= anns->n_rings);
      if (anns->kp_start[i] != PRECIS_NO_INDEX)
        FUZZ_CHECK (anns->kp_start[i] < anns->n_keypoint_values);
    }
}

/* Loads the project folder the target wrote and checks what came back: a
 * dataset whose indices hold, or a PRECIS_DATASET_ERROR (or G_IO_ERROR) with
 * a message. */
G_GNUC_UNUSED static void
fuzz_load_project_dir (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fuzz_get_dir ());
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = precis_dataset_load_project (folder, NULL, NULL, NULL, &error);

  if (dataset == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == PRECIS_DATASET_ERROR || error->domain == G_IO_ERROR);
      FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
      return;
    }
  FUZZ_CHECK (error == NULL);
  fuzz_check_annotations (dataset, precis_dataset_get_ground_truth_annotations (dataset));
  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    fuzz_check_annotations (dataset, precis_dataset_get_predictions (dataset, m));
}
#endif

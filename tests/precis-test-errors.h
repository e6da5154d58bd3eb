/* precis-test-errors.h: helpers of the error-analysis tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-overlaps.h"

/* Loads tests/data/@gt_name with one results file and precomputes its matcher. */
static inline PrecisMatcher *
load_model (const char    *gt_name,
            const char    *pred_name,
            PrecisIouType  type)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gt_path = g_test_build_filename (G_TEST_DIST, "data", gt_name, NULL);
  g_autofree char *pred_path = g_test_build_filename (G_TEST_DIST, "data", pred_name, NULL);
  g_autoptr(GFile) gt = g_file_new_for_path (gt_path);
  g_autoptr(GFile) pred = g_file_new_for_path (pred_path);
  g_autoptr(PrecisDataset) dataset = NULL;
  PrecisMatcher *matcher;

  dataset = precis_dataset_load_files (gt, &pred, NULL, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, type, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return matcher;
}

/* Annotation index of the prediction at file position @pos. */
static inline guint32
prediction_at (PrecisDataset *dataset,
               guint          pos)
{
  const PrecisAnnotations *dt = precis_dataset_get_predictions (dataset, 0);

  for (guint i = 0; i < dt->n; i++)
    if (dt->file_index[i] == pos)
      return i;
  g_assert_not_reached ();
}

/* Annotation index of the GT with annotation id @id. */
static inline guint32
gt_with_id (PrecisDataset *dataset,
            gint64         id)
{
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (dataset);

  for (guint i = 0; i < gt->n; i++)
    if (gt->id[i] == id)
      return i;
  g_assert_not_reached ();
}

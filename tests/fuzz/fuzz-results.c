/* fuzz-results.c: libFuzzer target for the COCO results loader and the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a results file, read against a fixed ground truth
 * (fuzz-gt-fixture.json: two images, a keypoint category and a plain one,
 * GT with boxes, a polygon, keypoints, a polyline and a crowd RLE). A refused
 * file gives a PRECIS_DATASET_ERROR with a message; an accepted one must have
 * consistent arrays, and every IoU type it supports is then matched and
 * evaluated (precis_matcher_new, precis_active_evaluate) at two thresholds,
 * so hostile geometry also reaches the IoU code.
 */

#include "config.h"

#define FUZZ_WITH_DATASET
#include "fuzz-common.h"
#include "precis-active.h"
#include "precis-matcher.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static char *gt_path;
  g_autofree char *path = NULL;
  g_autoptr(GFile) gt = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;

  if (gt_path == NULL)
    {
      fuzz_copy_file (FUZZ_SOURCE_DIR "/fuzz-gt-fixture.json", "gt.json");
      gt_path = g_build_filename (fuzz_get_dir (), "gt.json", NULL);
    }
  path = fuzz_write_file ("results.json", data, size);
  gt = g_file_new_for_path (gt_path);
  file = g_file_new_for_path (path);

  dataset = precis_dataset_load_files (gt, &file, NULL, 1, NULL, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == PRECIS_DATASET_ERROR);
      FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
      return 0;
    }
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (precis_dataset_get_n_models (dataset) == 1);
  fuzz_check_annotations (dataset, precis_dataset_get_predictions (dataset, 0));

  for (PrecisIouType type = 0; type < PRECIS_N_IOU_TYPES; type++)
    {
      g_autoptr(PrecisMatcher) matcher = NULL;
      g_autoptr(PrecisActive) active = NULL;

      if (!precis_dataset_supports (dataset, 0, type))
        continue;
      matcher = precis_matcher_new (dataset, 0, type, 0, NULL, NULL, NULL, &error);
      FUZZ_CHECK (matcher != NULL && error == NULL);
      active = precis_active_new (matcher);
      FUZZ_CHECK (precis_active_evaluate (active) != NULL);
      precis_active_set_threshold (active, 0.95);
      FUZZ_CHECK (precis_active_evaluate (active) != NULL);
    }
  return 0;
}

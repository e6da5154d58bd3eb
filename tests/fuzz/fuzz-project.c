/* fuzz-project.c: libFuzzer target for the project-file loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a project file { "name", "ground_truth", "predictions", "images" },
 * written as project.json into a folder that also holds a valid ground truth
 * (gt.json, a copy of fuzz-gt-fixture.json) and a valid results file
 * (p.json), so that well-formed projects load and the fuzzer explores the
 * project's own structure. A refused project gives a PRECIS_DATASET_ERROR
 * (or a G_IO_ERROR) with a message.
 */

#include "config.h"

#define FUZZ_WITH_DATASET
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char results[] =
  "[{\"image_id\": 1, \"category_id\": 2, \"bbox\": [10, 20, 30, 41], \"score\": 0.9}]";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean ready;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;

  if (!ready)
    {
      g_autofree char *p = NULL;

      fuzz_copy_file (FUZZ_SOURCE_DIR "/fuzz-gt-fixture.json", "gt.json");
      p = fuzz_write_file ("p.json", (const uint8_t *) results, sizeof results - 1);
      ready = TRUE;
    }
  path = fuzz_write_file ("project.json", data, size);
  file = g_file_new_for_path (path);

  dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == PRECIS_DATASET_ERROR || error->domain == G_IO_ERROR);
      FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
      return 0;
    }
  FUZZ_CHECK (error == NULL);
  fuzz_check_annotations (dataset, precis_dataset_get_ground_truth_annotations (dataset));
  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    fuzz_check_annotations (dataset, precis_dataset_get_predictions (dataset, m));
  return 0;
}

/* fuzz-gt.c: libFuzzer target for the COCO ground-truth loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a ground-truth file. Beyond "no crash, no leak, no undefined
 * behaviour, no hang" it checks the loader's contract: a refused file gives
 * no dataset and a PRECIS_DATASET_ERROR (or a G_IO_ERROR) with a message; an
 * accepted one has consistent counts (every GT annotation on an image and a
 * category of the dataset).
 */

#include "config.h"

#define FUZZ_WITH_DATASET
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = fuzz_write_file ("gt.json", data, size);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  const PrecisAnnotations *gt;

  dataset = precis_dataset_load_files (file, NULL, NULL, 0, NULL, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == PRECIS_DATASET_ERROR || error->domain == G_IO_ERROR);
      FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  gt = precis_dataset_get_ground_truth_annotations (dataset);
  fuzz_check_annotations (dataset, gt);
  return 0;
}

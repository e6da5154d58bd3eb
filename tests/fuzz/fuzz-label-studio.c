/* fuzz-label-studio.c: libFuzzer target for the Label Studio reader (precis-format-label-studio.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: tasks.json of a Label Studio project folder (its annotations are the
 * ground truth, its predictions blocks the models). A refused project gives a
 * PRECIS_DATASET_ERROR (or a G_IO_ERROR) with a message.
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
  g_free (fuzz_write_file ("tasks.json", data, size));
  fuzz_load_project_dir ();
  return 0;
}

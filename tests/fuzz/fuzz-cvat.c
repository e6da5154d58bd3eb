/* fuzz-cvat.c: libFuzzer target for the CVAT for images 1.1 reader (precis-format-cvat.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: annotations.xml of a CVAT project folder whose model m
 * (predictions/m.xml) is the same input, so that the ground truth and the
 * predictions readers both see it. A refused project gives a
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
  g_free (fuzz_write_file ("annotations.xml", data, size));
  g_free (fuzz_write_file ("predictions/m.xml", data, size));

  fuzz_load_project_dir ();
  return 0;
}

/* fuzz-voc.c: libFuzzer target for the Pascal VOC reader (precis-format-voc.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: one annotation file, Annotations/a.xml of a VOC project folder whose
 * model m (results/m/comp4_det_test_a.txt) has one valid detection of image a.
 * An input that starts with "a " is that results file instead, over a valid
 * annotation file. A refused project gives a PRECIS_DATASET_ERROR (or a
 * G_IO_ERROR) with a message.
 */

#include "config.h"

#include <string.h>

#define FUZZ_WITH_DATASET
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char xml[] =
  "<annotation><filename>a.jpg</filename><size><width>40</width><height>30</height></size>"
  "<object><name>a</name><difficult>1</difficult>"
  "<bndbox><xmin>2</xmin><ymin>3</ymin><xmax>20</xmax><ymax>25</ymax></bndbox></object></annotation>";
static const char results[] = "a 0.5 1 1 10 10\n";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gboolean is_results = size >= 2 && memcmp (data, "a ", 2) == 0;

  if (is_results)
    {
      g_free (fuzz_write_file ("Annotations/a.xml", (const uint8_t *) xml, sizeof xml - 1));
      g_free (fuzz_write_file ("results/m/comp4_det_test_a.txt", data, size));
    }
  else
    {
      g_free (fuzz_write_file ("Annotations/a.xml", data, size));
      g_free (fuzz_write_file ("results/m/comp4_det_test_a.txt", (const uint8_t *) results, sizeof results - 1));
    }
  fuzz_load_project_dir ();
  return 0;
}

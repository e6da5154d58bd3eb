/* fuzz-yolo.c: libFuzzer target for the YOLO reader (precis-format-yolo.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a label file, written both as the ground truth of images/a.png
 * (labels/a.txt) and as the predictions of model m (predictions/m/a.txt) in a
 * YOLO project folder with a valid data.yaml (two classes, kpt_shape [2, 3]).
 * An input that starts with "#yaml" is data.yaml instead, over a valid label
 * file. The image is a 24-byte PNG header of 64 × 32 (the reader needs no
 * more). A refused project gives a PRECIS_DATASET_ERROR (or a G_IO_ERROR)
 * with a message.
 */

#include "config.h"

#include <string.h>

#define FUZZ_WITH_DATASET
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char yaml[] = "path: .\nval: images\nnames: [a, b]\nkpt_shape: [2, 3]\n";
static const char labels[] = "0 0.5 0.5 0.25 0.5\n1 0.1 0.1 0.3 0.1 0.3 0.3\n";
static const uint8_t png[24] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 64, 0, 0, 0, 32,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gboolean is_yaml = size >= 5 && memcmp (data, "#yaml", 5) == 0;

  g_free (fuzz_write_file ("images/a.png", png, sizeof png));

  if (is_yaml)
    {
      g_free (fuzz_write_file ("data.yaml", data, size));
      g_free (fuzz_write_file ("labels/a.txt", (const uint8_t *) labels, sizeof labels - 1));
      g_free (fuzz_write_file ("predictions/m/a.txt", (const uint8_t *) labels, 0));
    }
  else
    {
      g_free (fuzz_write_file ("data.yaml", (const uint8_t *) yaml, sizeof yaml - 1));
      g_free (fuzz_write_file ("labels/a.txt", data, size));
      g_free (fuzz_write_file ("predictions/m/a.txt", data, size));
    }
  fuzz_load_project_dir ();
  return 0;
}

/* fuzz-dataset-cache.c: libFuzzer target for the dataset cache reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a mode byte, then either (even mode) a whole cache file or (odd
 * mode) only its body (what follows the key), which the target wraps in a
 * valid header and the key of the fixture project (fuzz-gt-fixture.json and
 * one results file, written to the private folder) so that the fuzzer reaches
 * the decoder rather than the checksum. A refused cache leaves the dataset
 * empty; an accepted one has one model and every index inside its pools.
 */

#include "config.h"

#include <string.h>

#define FUZZ_WITH_DATASET
#include "fuzz-common.h"
#include "precis-dataset-cache-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char results[] =
  "[{\"image_id\": 1, \"category_id\": 2, \"bbox\": [10, 20, 30, 41], \"score\": 0.9},"
  " {\"image_id\": 2, \"category_id\": 1, \"bbox\": [0, 0, 20, 20], \"score\": 0.5}]\n";

static PrecisProjectSpec spec;
static GBytes *key;

static void
fixture (void)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  if (key != NULL)
    return;
  fuzz_copy_file (FUZZ_SOURCE_DIR "/fuzz-gt-fixture.json", "gt.json");
  g_free (fuzz_write_file ("predictions.json", (const uint8_t *) results, sizeof results - 1));
  dir = g_file_new_for_path (fuzz_get_dir ());
  _precis_project_spec_init (&spec);
  FUZZ_CHECK (_precis_project_spec_read (dir, &spec, NULL, NULL, NULL, &error));
  key = _precis_dataset_cache_key (&spec);
  FUZZ_CHECK (key != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(PrecisDataset) self = NULL;
  const guint8 *bytes;
  gsize len;

  if (size < 1)
    return 0;
  fixture ();
  if (data[0] & 1)
    wrapped = _precis_dataset_cache_wrap (key, data + 1, size - 1);
  else
    wrapped = g_bytes_new (data + 1, size - 1);
  bytes = g_bytes_get_data (wrapped, &len);

  self = _precis_dataset_new ();
  self->ground_truth = g_object_ref (spec.ground_truth);
  if (!_precis_dataset_cache_decode (self, &spec, key, bytes, len))
    {
      FUZZ_CHECK (precis_dataset_get_n_images (self) == 0);
      FUZZ_CHECK (precis_dataset_get_n_categories (self) == 0);
      FUZZ_CHECK (precis_dataset_get_n_models (self) == 0);
      return 0;
    }
  FUZZ_CHECK (precis_dataset_get_n_models (self) == 1);
  fuzz_check_annotations (self, precis_dataset_get_ground_truth_annotations (self));
  fuzz_check_annotations (self, precis_dataset_get_predictions (self, 0));
  return 0;
}

/* fuzz-partial.c: libFuzzer target for the partial-result reader and merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a mode byte, then either (even mode) a whole partial file or (odd
 * mode) only its body, which the target wraps in a valid header (magic,
 * version, byte order, the body's SHA-256) so that the fuzzer reaches the
 * body's checks rather than the checksum. A refused file gives a
 * PRECIS_SHARD_ERROR (or a G_FILE_ERROR) with a message. An accepted one is
 * checked as a set of one and merged against the fixture project
 * (fuzz-gt-fixture.json with one results file): a partial of another project
 * or with missing or foreign tables is refused, never trusted; the seeds are
 * partials of that project (tests/fuzz/README.md), so mutated tables of the
 * right fingerprint reach the merge's own checks.
 */

#include "config.h"

#include <string.h>

#define FUZZ_WITH_DATASET
#include "fuzz-common.h"
#include "precis-active.h"
#include "precis-shard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char results[] =
  "[{\"image_id\": 1, \"category_id\": 2, \"bbox\": [10, 20, 30, 41], \"score\": 0.9},"
  " {\"image_id\": 2, \"category_id\": 1, \"bbox\": [0, 0, 20, 20], \"score\": 0.5}]\n";

static PrecisDataset *
fixture (void)
{
  static PrecisDataset *dataset;

  if (dataset == NULL)
    {
      g_autofree char *gt = g_build_filename (fuzz_get_dir (), "gt.json", NULL);
      g_autofree char *pred = fuzz_write_file ("p.json", (const uint8_t *) results, sizeof results - 1);
      g_autoptr(GFile) gt_file = NULL;
      g_autoptr(GFile) pred_file = g_file_new_for_path (pred);
      g_autoptr(GError) error = NULL;
      GFile *preds[1] = { pred_file };

      fuzz_copy_file (FUZZ_SOURCE_DIR "/fuzz-gt-fixture.json", "gt.json");
      gt_file = g_file_new_for_path (gt);
      dataset = precis_dataset_load_files (gt_file, preds, NULL, 1, NULL, NULL, NULL, NULL, &error);
      FUZZ_CHECK (dataset != NULL);
    }
  return dataset;
}

/* The header of partial format version 1 around @body. */
static uint8_t *
wrap_body (const uint8_t *body,
           size_t         size)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  uint8_t *out = g_malloc0 (48 + size);
  guint32 version = GUINT32_TO_LE (PRECIS_PARTIAL_VERSION);
  gsize digest_len = 32;

  memcpy (out, "PRECISSH", 8);
  memcpy (out + 8, &version, 4);
  out[12] = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 'l' : 'B';
  if (size > 0)
    memcpy (out + 48, body, size);
  g_checksum_update (sum, out + 48, size);
  g_checksum_get_digest (sum, out + 16, &digest_len);
  return out;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree uint8_t *wrapped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisPartial) partial = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  PrecisDataset *dataset = fixture ();

  if (size < 1)
    return 0;
  if (data[0] & 1)
    {
      wrapped = wrap_body (data + 1, size - 1);
      path = fuzz_write_file ("partial", wrapped, 48 + size - 1);
    }
  else
    path = fuzz_write_file ("partial", data + 1, size - 1);

  partial = precis_partial_read (path, &error);
  if (partial == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == PRECIS_SHARD_ERROR || error->domain == G_FILE_ERROR);
      FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
      return 0;
    }
  FUZZ_CHECK (precis_partial_get_index (partial) < precis_partial_get_count (partial));

  matcher = precis_shard_merge (dataset, 0, PRECIS_IOU_BBOX, &partial, 1, &error);
  if (matcher == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == PRECIS_SHARD_ERROR);
      FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
      return 0;
    }
  FUZZ_CHECK (error == NULL);
  {
    g_autoptr(PrecisActive) active = precis_active_new (matcher);

    precis_active_set_threshold (active, 0.5);
    FUZZ_CHECK (precis_active_evaluate (active)->n_classes == precis_dataset_get_n_categories (dataset));
  }
  return 0;
}

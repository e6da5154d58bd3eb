/* precis-shard.h: sharded evaluation, partial results and their exact merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-matcher.h"

G_BEGIN_DECLS

typedef enum {
  PRECIS_SHARD_ERROR_FORMAT,      /* not a partial, truncated, corrupted, other version */
  PRECIS_SHARD_ERROR_MISMATCH,    /* partials of other inputs, options or shard counts */
  PRECIS_SHARD_ERROR_DUPLICATE,   /* one shard given twice */
  PRECIS_SHARD_ERROR_INCOMPLETE,  /* a shard missing */
} PrecisShardError;

#define PRECIS_SHARD_ERROR (precis_shard_error_quark ())
GQuark precis_shard_error_quark (void);

/* The version of the partial format that this build writes and reads. */
#define PRECIS_PARTIAL_VERSION 1

/* Parses "I/N" (0 ≤ I < N, N ≥ 1). */
gboolean       precis_shard_parse          (const char     *spec,
                                            guint          *index,
                                            guint          *count);

/* Whether image index @image belongs to shard @index of @count (SEMANTICS.md
 * §12: image id order, position modulo @count). */
static inline gboolean
precis_shard_has_image (guint image,
                        guint index,
                        guint count)
{
  return image % count == index;
}

/* SHA-256 (hex) over what a partial must agree on: the GT file's and the
 * model's results file's bytes, the model name and the IoU type. */
char          *precis_shard_fingerprint    (PrecisDataset  *dataset,
                                            guint           model,
                                            PrecisIouType   type,
                                            GError        **error);

/* Computes the IoU tables of the images of shard @index of @count and writes
 * them with the fingerprint and @options (an a{sv} the caller reads back from
 * the partials: the evaluation's parameters) to @path, atomically; refuses an
 * existing file unless @force. */
gboolean       precis_shard_write          (PrecisDataset  *dataset,
                                            guint           model,
                                            PrecisIouType   type,
                                            guint           index,
                                            guint           count,
                                            GVariant       *options,
                                            const char     *path,
                                            gboolean        force,
                                            GError        **error);

typedef struct _PrecisPartial PrecisPartial;

/* Reads and checks a partial file (magic, version, checksum, structure). */
PrecisPartial *precis_partial_read         (const char     *path,
                                            GError        **error);
void           precis_partial_free         (PrecisPartial  *partial);
const char    *precis_partial_get_path     (const PrecisPartial *partial);
guint          precis_partial_get_index    (const PrecisPartial *partial);
guint          precis_partial_get_count    (const PrecisPartial *partial);
const char    *precis_partial_get_fingerprint (const PrecisPartial *partial);
GVariant      *precis_partial_get_options  (const PrecisPartial *partial);   /* a{sv}, transfer none */

/* Checks that @partials belong together: the same fingerprint, options and
 * shard count, every shard exactly once. The error names the file. */
gboolean       precis_partials_check       (PrecisPartial * const *partials,
                                            guint                  n,
                                            GError               **error);

/* The matcher of the whole project from checked @partials: the same tables,
 * and so the same stored values, as precis_matcher_new() computes. Refuses
 * partials whose fingerprint is not @dataset's. */
PrecisMatcher *precis_shard_merge          (PrecisDataset         *dataset,
                                            guint                  model,
                                            PrecisIouType          type,
                                            PrecisPartial * const *partials,
                                            guint                  n,
                                            GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisPartial, precis_partial_free)

G_END_DECLS

/* precis-bootstrap.h: the paired image bootstrap of model differences (SEMANTICS.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-compare.h"

G_BEGIN_DECLS

/**
 * PrecisBootstrap:
 * @n_models: the models of the #PrecisCompare
 * @baseline: the baseline
 * @n_resamples: B
 * @seed: the seed
 * @n_images: n, the images of the subset that were resampled
 * @deltas: Δ of statistic s of model m on resample b at
 *   `deltas[(m * PRECIS_COMPARE_N_STATS + s) * n_resamples + b]` (0 for the baseline)
 * @ci_low: the 2.5th percentile of those B values, at `[m * PRECIS_COMPARE_N_STATS + s]`
 * @ci_high: the 97.5th percentile
 * @p_better: the fraction of resamples with Δ > 0
 *
 * Paired bootstrap: each resample draws n image indices with replacement from
 * the n images of the subset (the same draw for every model); every GT and
 * prediction of a drawn image counts once per draw, the copies of a
 * prediction adjacent in its class's ranking. Percentiles interpolate
 * linearly (numpy's default). The draws of resample b depend only on (seed, b),
 * so the output does not depend on the number of threads.
 */
typedef struct {
  guint    n_models;
  guint    baseline;
  guint    n_resamples;
  guint64  seed;
  guint    n_images;
  double  *deltas;
  double  *ci_low;
  double  *ci_high;
  double  *p_better;
} PrecisBootstrap;

void             precis_bootstrap_free       (PrecisBootstrap *bootstrap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisBootstrap, precis_bootstrap_free)

/**
 * precis_compare_bootstrap:
 * @compare: the models, at the parameters to resample (t, s, classes, images,
 *   area range)
 * @n_resamples: B, at least 1
 * @seed: the seed
 * @n_threads: worker threads, 0 for one per processor
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError (only %G_IO_ERROR_CANCELLED)
 *
 * Reads every model's outcomes at the current parameters once, then
 * evaluates mAP, mAR and mean F1 of every model on each resample (over
 * @n_threads threads) exactly as protocol `active` does on a multiset of
 * images. Blocks.
 *
 * Returns: (transfer full): the bootstrap, or %NULL when cancelled
 */
PrecisBootstrap *precis_compare_bootstrap    (PrecisCompare  *compare,
                                              guint           n_resamples,
                                              guint64         seed,
                                              guint           n_threads,
                                              GCancellable   *cancellable,
                                              GError        **error);

/* The same in a GTask thread: the outcomes are read before it returns, so
 * @compare may change at once. */
void             precis_compare_bootstrap_async  (PrecisCompare       *compare,
                                                  guint                n_resamples,
                                                  guint64              seed,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
PrecisBootstrap *precis_compare_bootstrap_finish (PrecisCompare       *compare,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* For tests: the statistics of model @model on resample @index (or on the
 * subset itself when @index is G_MAXUINT), as the bootstrap computes them. */
void             precis_compare_bootstrap_stats  (PrecisCompare       *compare,
                                                  guint                model,
                                                  guint                index,
                                                  guint64              seed,
                                                  double              *stats);

/* For tests: the multiplicity of every image (n_images entries) in resample
 * @index, as the bootstrap draws it. */
void             precis_compare_bootstrap_weights (PrecisCompare      *compare,
                                                   guint               index,
                                                   guint64             seed,
                                                   guint32            *weights);

G_END_DECLS

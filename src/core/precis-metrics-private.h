/* precis-metrics-private.h: binning and custom-metric lookups shared by the metric files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-metrics.h"

G_BEGIN_DECLS

#define _PRECIS_NO_BUCKET G_MAXUINT16

/* The bucket edges of @binning with @n_buckets buckets over the @n values of
 * @v (reordered: a scratch copy). @edges receives up to @n_buckets + 1 edges;
 * returns the number of buckets (0 when @n is 0, 1 when all values are equal). */
guint    _precis_metric_edges     (double        *v,
                                   gsize          n,
                                   PrecisBinning  binning,
                                   guint          n_buckets,
                                   double        *edges);

/* The bucket of @value under the @n edges from _precis_metric_edges(), clamped
 * into the range. */
guint16  _precis_metric_bucket    (const double  *edges,
                                   guint          n,
                                   PrecisBinning  binning,
                                   double         value);

/* numpy's quantile (linear method) of the sorted @n values at @q. */
double   _precis_quantile_sorted  (const double  *sorted,
                                   gsize          n,
                                   double         q);

/* Writes the value of custom metric @index for every GT annotation and every
 * prediction of @dt (NAN when the file gives none). */
void     _precis_custom_metrics_fill (PrecisCustomMetrics     *custom,
                                      guint                    index,
                                      const PrecisAnnotations *gt,
                                      const PrecisAnnotations *dt,
                                      double                  *gt_values,
                                      double                  *dt_values);

G_END_DECLS

G_BEGIN_DECLS

/* Whether @name is a built-in metric's name (custom metrics may not take it). */
gboolean _precis_metrics_is_builtin (const char *name);

/* What @self evaluates: its dataset, the GT annotations, the model's
 * predictions, their matches and the image metrics (nullable). */
void     _precis_metrics_get_objects (PrecisMetrics             *self,
                                      PrecisDataset            **dataset,
                                      const PrecisAnnotations  **gt,
                                      const PrecisAnnotations  **dt,
                                      const PrecisMatches      **m,
                                      PrecisImageMetrics       **images);

G_END_DECLS

/* precis-metric-chart.h: the metric performance charts (SEMANTICS.md §9), for the
 * app's Metrics page and `precis-cli metrics --png`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "precis-metrics.h"

G_BEGIN_DECLS

/**
 * PrecisMetricChartKind:
 * @PRECIS_METRIC_CHART_PRECISION: precision per bucket, the bucket's
 *   predictions drawn beneath as a distribution
 * @PRECIS_METRIC_CHART_FN_RATE: FN rate per bucket, the bucket's GTs beneath
 * @PRECIS_METRIC_CHART_IMPORTANCE: every metric's importance, sorted, largest first
 * @PRECIS_METRIC_CHART_CORRELATION: every metric's correlation, sorted by |value|
 */
typedef enum {
  PRECIS_METRIC_CHART_PRECISION,
  PRECIS_METRIC_CHART_FN_RATE,
  PRECIS_METRIC_CHART_IMPORTANCE,
  PRECIS_METRIC_CHART_CORRELATION,
} PrecisMetricChartKind;

/**
 * PrecisMetricChart:
 * @kind: what is drawn
 * @metric: the metric's name (bucket kinds)
 * @binning: the binning (bucket kinds)
 * @threshold: the IoU threshold, for the subtitle
 * @n_buckets: the buckets (bucket kinds)
 * @buckets: @n_buckets buckets, lowest first
 * @n_metrics: the metrics (summary kinds)
 * @names: @n_metrics names
 * @values: @n_metrics importances or correlations (NAN drawn as none)
 * @selected: the highlighted bucket (bucket kinds) or metric (summary kinds),
 *   or -1
 *
 * What one chart shows; borrowed by every call, nothing is kept.
 */
typedef struct {
  PrecisMetricChartKind     kind;
  const char               *metric;
  PrecisBinning             binning;
  double                    threshold;
  guint                     n_buckets;
  const PrecisMetricBucket *buckets;
  guint                     n_metrics;
  const char * const       *names;
  const double             *values;
  int                       selected;
} PrecisMetricChart;

/* Draws @chart into @width × @height user units of @cr (@scale device pixels per
 * unit). Returns the strings drawn, in order (free with g_ptr_array_unref). */
GPtrArray *precis_metric_chart_draw      (const PrecisMetricChart *chart,
                                          cairo_t                 *cr,
                                          double                   width,
                                          double                   height,
                                          double                   scale);
/* The bucket (bucket kinds) or metric index (summary kinds) under (@x, @y) of a
 * chart drawn at @width × @height, or -1. */
int        precis_metric_chart_hit       (const PrecisMetricChart *chart,
                                          double                   width,
                                          double                   height,
                                          double                   x,
                                          double                   y);
/* A tooltip for bucket or metric @index: its range and counts, or its value. */
char      *precis_metric_chart_describe  (const PrecisMetricChart *chart,
                                          guint                    index);
/* Renders @chart at @width × @height (scale 1) into the PNG @filename, with its
 * title and description as PNG text; refuses to replace a file unless @overwrite. */
gboolean   precis_metric_chart_save_png  (const PrecisMetricChart *chart,
                                          double                   width,
                                          double                   height,
                                          const char              *filename,
                                          gboolean                 overwrite,
                                          GError                 **error);
/* The chart's title ("Precision by area"), translated. */
char      *precis_metric_chart_dup_title (const PrecisMetricChart *chart);
/* The chart in words: the subtitle, then every item's description, a line each. */
char      *precis_metric_chart_dup_description (const PrecisMetricChart *chart);

G_END_DECLS

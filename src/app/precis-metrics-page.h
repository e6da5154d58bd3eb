/* precis-metrics-page.h: metric performance (issue 14, SEMANTICS.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-app-eval.h"
#include "precis-matcher.h"
#include "precis-metric-chart.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_METRICS_PAGE (precis_metrics_page_get_type ())
G_DECLARE_FINAL_TYPE (PrecisMetricsPage, precis_metrics_page, PRECIS, METRICS_PAGE, GtkWidget)

GtkWidget  *precis_metrics_page_new         (void);

/* Evaluates @matcher's model (NULL: the empty state) on an evaluator of the
 * page's own, which only its worker thread touches. */
void        precis_metrics_page_set_matcher (PrecisMetricsPage *self,
                                             PrecisMatcher     *matcher,
                                             const char        *empty_message);
/* Per slider step: the main thread stores the parameters (threshold,
 * confidence, class mask, area range) and (re)starts the worker, the previous
 * job cancelled. */
void        precis_metrics_page_set_params  (PrecisMetricsPage     *self,
                                             const PrecisAppParams *params);

/* Whether the charts shown are those of the current parameters and controls. */
gboolean    precis_metrics_page_is_ready    (PrecisMetricsPage *self);
/* The controls: metric, bucket count and binning drop-downs. */
gboolean    precis_metrics_page_has_image_metrics (PrecisMetricsPage *self);
GtkButton  *precis_metrics_page_get_image_metrics_button (PrecisMetricsPage *self);
GtkDropDown *precis_metrics_page_get_metric_dropdown  (PrecisMetricsPage *self);
GtkDropDown *precis_metrics_page_get_buckets_dropdown (PrecisMetricsPage *self);
GtkDropDown *precis_metrics_page_get_binning_dropdown (PrecisMetricsPage *self);
/* The drawing area of chart @kind. */
GtkWidget  *precis_metrics_page_get_chart   (PrecisMetricsPage     *self,
                                             PrecisMetricChartKind  kind);
/* The strings chart @kind drew last, in order (owned by the page). */
GPtrArray  *precis_metrics_page_get_texts   (PrecisMetricsPage     *self,
                                             PrecisMetricChartKind  kind);
/* The tooltip the chart shows over item @index (bucket or metric). */
char       *precis_metrics_page_describe    (PrecisMetricsPage     *self,
                                             PrecisMetricChartKind  kind,
                                             guint                  index);
/* As a click on chart @kind at (@x, @y): a bucket asks the worker for its
 * images and emits ::show-images; a summary bar selects its metric. */
void        precis_metrics_page_click       (PrecisMetricsPage     *self,
                                             PrecisMetricChartKind  kind,
                                             double                 x,
                                             double                 y);

G_END_DECLS

/* precis-performance-page.h: the grid of chart cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-active.h"
#include "precis-chart-view.h"
#include "precis-classify-view.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_PERFORMANCE_PAGE (precis_performance_page_get_type ())
G_DECLARE_FINAL_TYPE (PrecisPerformancePage, precis_performance_page, PRECIS, PERFORMANCE_PAGE, GtkWidget)

GtkWidget       *precis_performance_page_new                (void);
/* @active may be NULL: the page then shows @empty_message. */
void             precis_performance_page_set_active         (PrecisPerformancePage *self,
                                                             PrecisActive          *active,
                                                             const char            *empty_message);
/* A classification project (issue 16): its cards and per-class table instead
 * of the charts; NULL for a detection project. Refresh follows the slider. */
void             precis_performance_page_set_classify       (PrecisPerformancePage *self,
                                                             PrecisClassify        *classify);
void             precis_performance_page_refresh_classify   (PrecisPerformancePage *self,
                                                             double                 confidence);
PrecisClassifyView *precis_performance_page_get_classify_view (PrecisPerformancePage *self);
/* After every re-evaluation: the charts rebuild when they next draw. */
void             precis_performance_page_evaluation_changed (PrecisPerformancePage *self);
/* Protocol coco at threshold index @threshold, or NULL for protocol active;
 * precis_performance_page_evaluation_changed() redraws. */
void             precis_performance_page_set_coco           (PrecisPerformancePage *self,
                                                             PrecisCocoEval        *coco,
                                                             guint                  threshold);

guint            precis_performance_page_get_n_charts       (PrecisPerformancePage *self);
PrecisChartView *precis_performance_page_get_chart          (PrecisPerformancePage *self,
                                                             guint                  index);
/* µs spent building chart models since the last call (for --bench-ui). */
gint64           precis_performance_page_take_build_time    (PrecisPerformancePage *self);
/* The chart that has the focus, else the one last hovered, else the first. */
PrecisChartView *precis_performance_page_get_current_chart  (PrecisPerformancePage *self);

G_END_DECLS

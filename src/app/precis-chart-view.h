/* precis-chart-view.h: one chart, drawn by the core renderer in snapshot()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-active.h"
#include "precis-chart.h"

G_BEGIN_DECLS

/* The chart model shared by the chart views of a page: rebuilt at most once
 * per evaluation, and only when a view draws. */
typedef struct _PrecisChartSource PrecisChartSource;

PrecisChartSource *precis_chart_source_new         (void);
PrecisChartSource *precis_chart_source_ref         (PrecisChartSource *source);
void               precis_chart_source_unref       (PrecisChartSource *source);
void               precis_chart_source_set_active  (PrecisChartSource *source,
                                                    PrecisActive      *active);
/* A model built by the owner (the compare charts), returned for every kind
 * until the next call (NULL: back to the active's models). */
void               precis_chart_source_set_model   (PrecisChartSource *source,
                                                    PrecisChartModel  *model);
/* Builds the model a view of @kind needs (a new reference, or NULL), or for
 * @kind PRECIS_N_CHART_KINDS_ALL the full model an export writes. */
typedef PrecisChartModel *(*PrecisChartSourceFunc) (guint    kind,
                                                   gpointer user_data);
/* Models built by the owner on demand: called when a view of a kind draws
 * and the kind's model is older than the last invalidate (NULL: back to the
 * active's models). The models may borrow the owner's evaluators' buffers:
 * invalidate drops them. */
void               precis_chart_source_set_func    (PrecisChartSource     *source,
                                                    PrecisChartSourceFunc  func,
                                                    gpointer               user_data);
/* Protocol coco: the charts read pycocotools' arrays and matches at threshold
 * index @threshold (precis_chart_model_new_from_cocoeval()); NULL goes back to
 * the active evaluator. */
void               precis_chart_source_set_coco    (PrecisChartSource *source,
                                                    PrecisCocoEval    *coco,
                                                    guint              threshold);
/* Marks the model stale: the next view to draw rebuilds it. */
void               precis_chart_source_invalidate  (PrecisChartSource *source);
guint              precis_chart_source_get_generation (PrecisChartSource *source);
/* µs spent building the model since the last call (for --bench-ui). */
gint64             precis_chart_source_take_build_time (PrecisChartSource *source);
/* The full model (ranks, F1 curves), as precis_chart_model_new_from_active()
 * builds it; NULL when there is no evaluation. */
PrecisChartModel  *precis_chart_source_get_model   (PrecisChartSource *source);
/* The model a chart of @kind needs, O(#classes) to build: bar charts get a
 * model of the per-class numbers only; the curves a model that borrows the
 * evaluator's ranks (and, for the F1 chart only, its F1 curves), valid until
 * the next invalidate (a fresh full model serves every kind). */
PrecisChartModel  *precis_chart_source_get_model_for_kind (PrecisChartSource *source,
                                                    PrecisChartKind    kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisChartSource, precis_chart_source_unref)

#define PRECIS_TYPE_CHART_VIEW (precis_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (PrecisChartView, precis_chart_view, PRECIS, CHART_VIEW, GtkWidget)

GtkWidget       *precis_chart_view_new                (PrecisChartSource *source,
                                                       PrecisChartKind    kind);
PrecisChartKind  precis_chart_view_get_kind           (PrecisChartView   *self);
/* The chart as last built (NULL before the first draw or without evaluation). */
PrecisChart     *precis_chart_view_get_chart          (PrecisChartView   *self);
/* Builds the chart now if it is stale; returns it (may be NULL). */
PrecisChart     *precis_chart_view_ensure_chart       (PrecisChartView   *self);
/* Queues a redraw; the chart is rebuilt from the source when drawn. */
void             precis_chart_view_invalidate         (PrecisChartView   *self);
gboolean         precis_chart_view_description_is_current (PrecisChartView *self);
/* Whether the last snapshot skipped drawing because the view was out of sight. */
gboolean         precis_chart_view_get_culled         (PrecisChartView   *self);
/* "performance.png", "pr-curve.png", … */
char            *precis_chart_view_dup_file_name      (PrecisChartView   *self);
char            *precis_chart_view_dup_title          (PrecisChartView   *self);
/* Writes the chart as a self-describing PNG (atomic). With @overwrite FALSE an
 * existing file gives G_IO_ERROR_EXISTS. */
gboolean         precis_chart_view_save_png           (PrecisChartView   *self,
                                                       const char        *filename,
                                                       gboolean           overwrite,
                                                       GError           **error);
/* The tooltip text for a point in widget coordinates, or NULL; for tests. */
char            *precis_chart_view_dup_tooltip_at     (PrecisChartView   *self,
                                                       double             x,
                                                       double             y);

G_END_DECLS

/* precis-performance-page.c: the grid of chart cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-classify-view.h"
#include "precis-performance-page.h"

struct _PrecisPerformancePage
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkGrid           *grid;
  GtkLabel          *empty_label;

  PrecisChartSource *source;
  PrecisChartView   *charts[PRECIS_N_CHART_KINDS];
  PrecisChartView   *hovered;
  PrecisClassifyView *classify_view;   /* a classification project's page */
  gboolean           classify;
};

G_DEFINE_FINAL_TYPE (PrecisPerformancePage, precis_performance_page, GTK_TYPE_WIDGET)

/* Order of the cards: the headline chart first, curves next to each other. */
static const PrecisChartKind chart_order[PRECIS_N_CHART_KINDS] = {
  PRECIS_CHART_PERFORMANCE,
  PRECIS_CHART_PR_CURVE,
  PRECIS_CHART_PRECISION,
  PRECIS_CHART_RECALL,
  PRECIS_CHART_OUTCOMES,
  PRECIS_CHART_F1_CONFIDENCE,
};
/* Rows pair charts of alike height: bars with bars, curves with curves. */
static const guint chart_cell[PRECIS_N_CHART_KINDS][2] = {
  { 0, 0 }, { 0, 2 }, { 1, 0 }, { 1, 1 }, { 0, 1 }, { 1, 2 },
};

static void
chart_enter_cb (GtkEventControllerMotion *motion,
                double                    x,
                double                    y,
                PrecisPerformancePage    *self)
{
  self->hovered = PRECIS_CHART_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion)));
}

static void
scrolled_cb (GtkAdjustment         *adjustment,
             PrecisPerformancePage *self)
{
  /* Views skipped while out of sight must draw now that they may show. */
  for (guint i = 0; i < PRECIS_N_CHART_KINDS; i++)
    if (precis_chart_view_get_culled (self->charts[i]))
      gtk_widget_queue_draw (GTK_WIDGET (self->charts[i]));
}

static void
precis_performance_page_dispose (GObject *object)
{
  PrecisPerformancePage *self = PRECIS_PERFORMANCE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRECIS_TYPE_PERFORMANCE_PAGE);
  g_clear_pointer (&self->source, precis_chart_source_unref);

  G_OBJECT_CLASS (precis_performance_page_parent_class)->dispose (object);
}

static void
precis_performance_page_class_init (PrecisPerformancePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_performance_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/precis/Precis/ui/precis-performance-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "precis-performance-page");
  gtk_widget_class_bind_template_child (widget_class, PrecisPerformancePage, stack);
  gtk_widget_class_bind_template_child (widget_class, PrecisPerformancePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PrecisPerformancePage, grid);
  gtk_widget_class_bind_template_child (widget_class, PrecisPerformancePage, empty_label);
}

static void
precis_performance_page_init (PrecisPerformancePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->source = precis_chart_source_new ();
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (scrolled_cb), self, 0);

  for (guint i = 0; i < PRECIS_N_CHART_KINDS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *view = precis_chart_view_new (self->source, chart_order[i]);
      GtkEventController *motion = gtk_event_controller_motion_new ();

      g_signal_connect (motion, "enter", G_CALLBACK (chart_enter_cb), self);
      gtk_widget_add_controller (view, motion);
      gtk_widget_set_hexpand (view, TRUE);

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "precis-chart-card");
      gtk_widget_set_overflow (card, GTK_OVERFLOW_HIDDEN);
      gtk_box_append (GTK_BOX (card), view);
      gtk_grid_attach (self->grid, card, chart_cell[i][0], chart_cell[i][1], 1, 1);

      self->charts[i] = PRECIS_CHART_VIEW (view);
    }

  self->classify_view = PRECIS_CLASSIFY_VIEW (precis_classify_view_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->classify_view), "classification");

  precis_performance_page_set_active (self, NULL, NULL);
}

GtkWidget *
precis_performance_page_new (void)
{
  return g_object_new (PRECIS_TYPE_PERFORMANCE_PAGE, NULL);
}

void
precis_performance_page_set_active (PrecisPerformancePage *self,
                                    PrecisActive          *active,
                                    const char            *empty_message)
{
  g_return_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self));

  precis_chart_source_set_active (self->source, active);
  gtk_label_set_label (self->empty_label,
                       empty_message != NULL ? empty_message
                                             : _("Open a project to see its charts."));
  gtk_stack_set_visible_child_name (self->stack, self->classify ? "classification"
                                                 : active != NULL ? "charts" : "empty");
  precis_performance_page_evaluation_changed (self);
}

/**
 * precis_performance_page_set_classify:
 * @classify: (nullable): a classification project's evaluator, or %NULL
 *
 * With @classify the page shows its cards and per-class table instead of the
 * detection charts (issue 16); precis_performance_page_refresh_classify()
 * follows the confidence slider.
 */
void
precis_performance_page_set_classify (PrecisPerformancePage *self,
                                      PrecisClassify        *classify)
{
  g_return_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self));

  self->classify = classify != NULL;
  precis_classify_view_set (self->classify_view, classify);
  if (classify != NULL)
    gtk_stack_set_visible_child_name (self->stack, "classification");
}

void
precis_performance_page_refresh_classify (PrecisPerformancePage *self,
                                          double                 confidence)
{
  g_return_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self));
  if (self->classify)
    precis_classify_view_refresh (self->classify_view, confidence);
}

PrecisClassifyView *
precis_performance_page_get_classify_view (PrecisPerformancePage *self)
{
  g_return_val_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self), NULL);
  return self->classify_view;
}

void
precis_performance_page_set_coco (PrecisPerformancePage *self,
                                  PrecisCocoEval        *coco,
                                  guint                  threshold)
{
  g_return_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self));
  precis_chart_source_set_coco (self->source, coco, threshold);
}

void
precis_performance_page_evaluation_changed (PrecisPerformancePage *self)
{
  g_return_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self));

  precis_chart_source_invalidate (self->source);
  for (guint i = 0; i < PRECIS_N_CHART_KINDS; i++)
    precis_chart_view_invalidate (self->charts[i]);
}

guint
precis_performance_page_get_n_charts (PrecisPerformancePage *self)
{
  return PRECIS_N_CHART_KINDS;
}

PrecisChartView *
precis_performance_page_get_chart (PrecisPerformancePage *self,
                                   guint                  index)
{
  g_return_val_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self), NULL);
  g_return_val_if_fail (index < PRECIS_N_CHART_KINDS, NULL);
  return self->charts[index];
}

PrecisChartView *
precis_performance_page_get_current_chart (PrecisPerformancePage *self)
{
  g_return_val_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self), NULL);

  for (guint i = 0; i < PRECIS_N_CHART_KINDS; i++)
    if (gtk_widget_has_focus (GTK_WIDGET (self->charts[i])))
      return self->charts[i];

  if (self->hovered != NULL)
    return self->hovered;

  return self->charts[0];
}

gint64
precis_performance_page_take_build_time (PrecisPerformancePage *self)
{
  g_return_val_if_fail (PRECIS_IS_PERFORMANCE_PAGE (self), 0);
  return precis_chart_source_take_build_time (self->source);
}

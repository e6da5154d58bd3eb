/* precis-metrics-page.c: metric performance (issue 14, SEMANTICS.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page owns an Engine (a PrecisActive and a PrecisMetrics of its own on
 * the window's matcher). Only one job touches it at a time, in a GTask worker:
 * while a job runs, a parameter change cancels it and marks the page stale;
 * when it returns, a stale page starts the next one. The main thread draws the
 * copies a job hands back, with the core's metric charts (precis-metric-chart.c,
 * which `precis-cli metrics --png` also draws with).
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-metrics-page-private.h"

#define N_CHARTS 4

static const guint bucket_choices[] = { 5, 10, 20, 50, 100 };

typedef struct {
  gatomicrefcount  ref;
  PrecisMatcher   *matcher;
  PrecisActive    *active;
  PrecisMetrics   *metrics;
  guint            n_metrics;
  char           **names;      /* n_metrics + 1, immutable */
} Engine;

static Engine *
engine_ref (Engine *e)
{
  g_atomic_ref_count_inc (&e->ref);
  return e;
}

static void
engine_unref (Engine *e)
{
  if (!g_atomic_ref_count_dec (&e->ref))
    return;
  g_object_unref (e->metrics);
  g_object_unref (e->active);
  g_object_unref (e->matcher);
  g_strfreev (e->names);
  g_free (e);
}

typedef struct {
  Engine             *engine;
  double              threshold;
  double              confidence;
  double              area_min;
  double              area_max;
  guint8             *mask;
  guint               metric;
  guint               n_buckets;
  PrecisBinning       binning;
  int                 images_bucket;   /* >= 0: a click's job, fills @images */
  guint               serial;
  PrecisImageMetrics *image_metrics;   /* nullable: brightness, contrast, sharpness */
  /* Results */
  PrecisMetricResult  result;
  PrecisMetricBucket *buckets;
  double             *correlation;
  double             *importance;
  guint8             *images;
  guint               n_images;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  engine_unref (job->engine);
  g_clear_pointer (&job->image_metrics, precis_image_metrics_unref);
  g_free (job->mask);
  g_free (job->buckets);
  g_free (job->correlation);
  g_free (job->importance);
  g_free (job->images);
  g_free (job);
}

struct _PrecisMetricsPage
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkLabel          *empty_label;
  GtkDropDown       *metric_dropdown;
  GtkDropDown       *buckets_dropdown;
  GtkDropDown       *binning_dropdown;
  GtkLabel          *status_label;
  PrecisMetricsImages *image_metrics;
  GtkWidget         *areas[N_CHARTS];
  GPtrArray         *texts[N_CHARTS];
  int                hovered[N_CHARTS];

  Engine            *engine;
  double             threshold;
  double             confidence;
  double             area_min;
  double             area_max;
  guint8            *mask;
  gboolean           have_params;
  GCancellable      *cancellable;
  gboolean           busy;
  guint              serial;          /* of the parameters and controls */
  guint              shown_serial;    /* of the charts shown */
  int                pending_click;   /* a bucket clicked while busy, or -1 */

  /* What the charts show: the last job's copies */
  PrecisMetricResult result;
  PrecisMetricBucket *buckets;
  double            *correlation;
  double            *importance;
};

G_DEFINE_FINAL_TYPE (PrecisMetricsPage, precis_metrics_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SHOW_IMAGES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_job (PrecisMetricsPage *self, int images_bucket);

/* The chart descriptions ------------------------------------------------------------------ */

static gboolean
have_result (PrecisMetricsPage *self)
{
  return self->engine != NULL && self->buckets != NULL;
}

static void
fill_chart (PrecisMetricsPage     *self,
            PrecisMetricChartKind  kind,
            PrecisMetricChart     *chart)
{
  memset (chart, 0, sizeof *chart);
  chart->kind = kind;
  chart->threshold = self->threshold;
  chart->selected = self->hovered[kind];
  if (!have_result (self))
    return;
  chart->metric = self->engine->names[self->result.metric];
  chart->binning = self->result.binning;
  chart->n_buckets = self->result.n_buckets;
  chart->buckets = self->buckets;
  chart->n_metrics = self->engine->n_metrics;
  chart->names = (const char * const *) self->engine->names;
  chart->values = kind == PRECIS_METRIC_CHART_CORRELATION ? self->correlation : self->importance;
  if (kind == PRECIS_METRIC_CHART_IMPORTANCE || kind == PRECIS_METRIC_CHART_CORRELATION)
    chart->selected = self->hovered[kind] >= 0 ? self->hovered[kind] : (int)self->result.metric;
}

static PrecisMetricChartKind
area_kind (PrecisMetricsPage *self,
           GtkWidget         *area)
{
  for (guint i = 0; i < N_CHARTS; i++)
    if (self->areas[i] == area)
      return i;
  g_return_val_if_reached (PRECIS_METRIC_CHART_PRECISION);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PrecisMetricsPage *self = PRECIS_METRICS_PAGE (user_data);
  PrecisMetricChartKind kind = area_kind (self, GTK_WIDGET (area));
  PrecisMetricChart chart;

  fill_chart (self, kind, &chart);
  g_clear_pointer (&self->texts[kind], g_ptr_array_unref);
  self->texts[kind] = precis_metric_chart_draw (&chart, cr, width, height,
                                                gtk_widget_get_scale_factor (GTK_WIDGET (area)));
}

/* Each chart's accessible label and description follow what it shows: once
 * per evaluation job, never per frame. */
static void
redraw (PrecisMetricsPage *self)
{
  for (guint i = 0; i < N_CHARTS; i++)
    {
      PrecisMetricChart chart;
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;

      gtk_widget_queue_draw (self->areas[i]);
      fill_chart (self, i, &chart);
      if (!have_result (self))
        continue;
      title = precis_metric_chart_dup_title (&chart);
      description = precis_metric_chart_dup_description (&chart);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->areas[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
}

static int
hit (PrecisMetricsPage     *self,
     PrecisMetricChartKind  kind,
     double                 x,
     double                 y)
{
  PrecisMetricChart chart;

  if (!have_result (self))
    return -1;
  fill_chart (self, kind, &chart);
  return precis_metric_chart_hit (&chart, gtk_widget_get_width (self->areas[kind]),
                                  gtk_widget_get_height (self->areas[kind]), x, y);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           PrecisMetricsPage        *self)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  PrecisMetricChartKind kind = area_kind (self, area);
  int index = hit (self, kind, x, y);
  g_autofree char *tip = NULL;

  if (index == self->hovered[kind])
    return;
  self->hovered[kind] = index;
  if (index >= 0)
    tip = precis_metrics_page_describe (self, kind, index);
  gtk_widget_set_tooltip_text (area, tip);
  gtk_widget_queue_draw (area);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          PrecisMetricsPage        *self)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  PrecisMetricChartKind kind = area_kind (self, area);

  self->hovered[kind] = -1;
  gtk_widget_set_tooltip_text (area, NULL);
  gtk_widget_queue_draw (area);
}

static void
pressed_cb (GtkGestureClick   *gesture,
            int                n_press,
            double             x,
            double             y,
            PrecisMetricsPage *self)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  precis_metrics_page_click (self, area_kind (self, area), x, y);
}

/* The worker ------------------------------------------------------------------------------ */

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  PrecisMetrics *metrics = job->engine->metrics;
  const PrecisMetricResult *res;
  guint n = job->engine->n_metrics;

  precis_active_set_threshold (job->engine->active, job->threshold);
  precis_active_set_confidence (job->engine->active, job->confidence);
  precis_active_set_classes (job->engine->active, job->mask);
  precis_active_set_area_range (job->engine->active, job->area_min, job->area_max);
  precis_metrics_set_image_metrics (metrics, job->image_metrics);
  precis_metrics_set_metric (metrics, job->metric);
  precis_metrics_set_n_buckets (metrics, job->n_buckets);
  precis_metrics_set_binning (metrics, job->binning);
  res = precis_metrics_evaluate (metrics);
  job->result = *res;
  job->buckets = g_memdup2 (res->buckets, MAX (res->n_buckets, 1) * sizeof (PrecisMetricBucket));
  job->result.buckets = NULL;
  if (job->images_bucket >= 0)
    {
      job->images = g_malloc0 (MAX (precis_dataset_get_n_images (precis_matcher_get_dataset (job->engine->matcher)), 1));
      job->n_images = precis_metrics_bucket_images (metrics, job->images_bucket, job->images);
      return g_task_return_boolean (task, TRUE);
    }
  if (g_cancellable_is_cancelled (cancellable))
    return g_task_return_boolean (task, FALSE);
  job->correlation = g_new (double, n);
  job->importance = g_new (double, n);
  precis_metrics_summarize (metrics, job->correlation, job->importance);
  g_task_return_boolean (task, !g_cancellable_is_cancelled (cancellable));
}

static void
show_images (PrecisMetricsPage *self,
             Job               *job)
{
  const PrecisMetricBucket *b = &job->buckets[job->images_bucket];
  g_autofree char *label = g_strdup_printf (_("%s in [%.4g, %.4g%s"), job->engine->names[job->metric],
                                            b->lo, b->hi, (guint)job->images_bucket + 1 == job->result.n_buckets ? "]" : ")");

  g_signal_emit (self, signals[SIGNAL_SHOW_IMAGES], 0, job->images, label);
}

static void
show_status (PrecisMetricsPage *self)
{
  g_autofree char *text = NULL;
  PrecisImageMetrics *images = _precis_metrics_images_get (self->image_metrics);
  guint metric = gtk_drop_down_get_selected (self->metric_dropdown);

  if (self->result.undefined_gt + self->result.undefined_predictions > 0)
    text = g_strdup_printf (_("Without a value: %u GT, %u predictions"),
                            self->result.undefined_gt, self->result.undefined_predictions);
  if (images != NULL && precis_image_metrics_get_n_undefined (images) > 0 &&
      self->engine != NULL && metric < self->engine->n_metrics &&
      precis_metrics_is_image_metric (self->engine->metrics, metric))
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image without a readable file",
                                                            "%u images without a readable file",
                                                            precis_image_metrics_get_n_undefined (images)),
                                               precis_image_metrics_get_n_undefined (images));
      g_autofree char *both = text != NULL ? g_strdup_printf ("%s · %s", text, more) : g_strdup (more);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrecisMetricsPage *self = PRECIS_METRICS_PAGE (source);
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  gboolean ok = g_task_propagate_boolean (task, NULL);

  self->busy = FALSE;
  if (job->engine != self->engine)
    {
      start_job (self, -1);
      return;
    }
  if (ok && job->images_bucket >= 0 && job->serial == self->shown_serial)
    show_images (self, job);
  else if (ok && job->images_bucket < 0 && job->serial == self->serial)
    {
      g_free (self->buckets);
      g_free (self->correlation);
      g_free (self->importance);
      self->result = job->result;
      self->buckets = g_steal_pointer (&job->buckets);
      self->correlation = g_steal_pointer (&job->correlation);
      self->importance = g_steal_pointer (&job->importance);
      self->shown_serial = job->serial;
      show_status (self);
      redraw (self);
    }
  if (self->shown_serial != self->serial)
    start_job (self, -1);
  else if (self->pending_click >= 0)
    {
      int k = self->pending_click;

      self->pending_click = -1;
      start_job (self, k);
    }
}

static void
start_job (PrecisMetricsPage *self,
           int                images_bucket)
{
  g_autoptr(GTask) task = NULL;
  Job *job;
  guint sel;

  if (self->busy || self->engine == NULL || !self->have_params)
    return;
  if (images_bucket < 0 && self->shown_serial == self->serial)
    return;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->engine = engine_ref (self->engine);
  job->threshold = self->threshold;
  job->confidence = self->confidence;
  job->area_min = self->area_min;
  job->area_max = self->area_max;
  job->mask = self->mask != NULL ? g_memdup2 (self->mask, precis_dataset_get_n_categories (precis_matcher_get_dataset (self->engine->matcher))) : NULL;
  job->metric = MIN (gtk_drop_down_get_selected (self->metric_dropdown), self->engine->n_metrics - 1);
  sel = gtk_drop_down_get_selected (self->buckets_dropdown);
  job->n_buckets = bucket_choices[MIN (sel, G_N_ELEMENTS (bucket_choices) - 1)];
  job->binning = gtk_drop_down_get_selected (self->binning_dropdown) == 1 ? PRECIS_BINNING_WIDTH : PRECIS_BINNING_QUANTILE;
  job->images_bucket = images_bucket;
  job->serial = images_bucket >= 0 ? self->shown_serial : self->serial;
  if (_precis_metrics_images_get (self->image_metrics) != NULL)
    job->image_metrics = precis_image_metrics_ref (_precis_metrics_images_get (self->image_metrics));

  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

/* Something the charts depend on changed: cancel the running job, start anew. */
static void
invalidate (PrecisMetricsPage *self)
{
  self->serial++;
  self->pending_click = -1;
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else
    start_job (self, -1);
}

static void
control_changed_cb (PrecisMetricsPage *self)
{
  invalidate (self);
}

/* The object ------------------------------------------------------------------------------ */

static void
precis_metrics_page_dispose (GObject *object)
{
  PrecisMetricsPage *self = PRECIS_METRICS_PAGE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* Before the widgets go: it hides its row. */
  g_clear_pointer (&self->image_metrics, _precis_metrics_images_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_CHARTS; i++)
    g_clear_pointer (&self->texts[i], g_ptr_array_unref);
  g_clear_pointer (&self->engine, engine_unref);
  g_clear_pointer (&self->mask, g_free);
  g_clear_pointer (&self->buckets, g_free);
  g_clear_pointer (&self->correlation, g_free);
  g_clear_pointer (&self->importance, g_free);

  G_OBJECT_CLASS (precis_metrics_page_parent_class)->dispose (object);
}

/* The image metrics are decoded the first time the page is seen for a project. */
static void
precis_metrics_page_map (GtkWidget *widget)
{
  PrecisMetricsPage *self = PRECIS_METRICS_PAGE (widget);

  GTK_WIDGET_CLASS (precis_metrics_page_parent_class)->map (widget);
  if (self->engine != NULL)
    _precis_metrics_images_shown (self->image_metrics);
}

static void
image_metrics_ready_cb (PrecisImageMetrics *metrics,
                        gpointer            user_data)
{
  invalidate (PRECIS_METRICS_PAGE (user_data));
}

static void
precis_metrics_page_class_init (PrecisMetricsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_metrics_page_dispose;
  widget_class->map = precis_metrics_page_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "precis-metrics-page");

  /**
   * PrecisMetricsPage::show-images:
   * @images: n_images bytes, non-zero for the images holding a clicked bucket's objects
   * @label: what they are, for the explorer's count
   */
  signals[SIGNAL_SHOW_IMAGES] =
    g_signal_new ("show-images", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
}

static GtkDropDown *
add_dropdown (GtkBox             *box,
              const char         *label,
              const char * const *items,
              guint               selected,
              PrecisMetricsPage  *self)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (items);

  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (control_changed_cb), self);
  gtk_box_append (box, caption);
  gtk_box_append (box, dropdown);
  return GTK_DROP_DOWN (dropdown);
}

static GtkWidget *
add_chart (PrecisMetricsPage     *self,
           GtkGrid               *grid,
           PrecisMetricChartKind  kind,
           int                    column,
           int                    row)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  /* An image to a screen reader, labelled and described in redraw(). */
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_cb, self, NULL);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 270);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_vexpand (area, TRUE);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (area, motion);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "precis-chart-card");
  gtk_widget_set_overflow (card, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (card), area);
  gtk_grid_attach (grid, card, column, row, 1, 1);
  self->areas[kind] = area;
  self->hovered[kind] = -1;
  return area;
}

static void
precis_metrics_page_init (PrecisMetricsPage *self)
{
  const char *buckets[] = { "5", "10", "20", "50", "100", NULL };
  const char *binnings[] = { _("Quantile"), _("Equal width"), NULL };
  const char *no_metrics[] = { NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->pending_click = -1;
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  gtk_widget_set_margin_start (controls, 12);
  gtk_widget_set_margin_end (controls, 12);
  gtk_widget_set_margin_top (controls, 6);
  self->metric_dropdown = add_dropdown (GTK_BOX (controls), _("_Metric"), no_metrics, 0, self);
  self->buckets_dropdown = add_dropdown (GTK_BOX (controls), _("_Buckets"), buckets, 1, self);
  self->binning_dropdown = add_dropdown (GTK_BOX (controls), _("Bi_nning"), binnings, 0, self);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->status_label), GTK_ALIGN_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (box), controls);
  self->image_metrics = _precis_metrics_images_new (image_metrics_ready_cb, self);
  gtk_box_append (GTK_BOX (box), _precis_metrics_images_get_widget (self->image_metrics));

  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  add_chart (self, GTK_GRID (grid), PRECIS_METRIC_CHART_PRECISION, 0, 0);
  add_chart (self, GTK_GRID (grid), PRECIS_METRIC_CHART_FN_RATE, 1, 0);
  add_chart (self, GTK_GRID (grid), PRECIS_METRIC_CHART_IMPORTANCE, 0, 1);
  add_chart (self, GTK_GRID (grid), PRECIS_METRIC_CHART_CORRELATION, 1, 1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_stack_add_named (self->stack, box, "charts");

  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_label), "empty");
  precis_metrics_page_set_matcher (self, NULL, NULL);
}

GtkWidget *
precis_metrics_page_new (void)
{
  return g_object_new (PRECIS_TYPE_METRICS_PAGE, NULL);
}

void
precis_metrics_page_set_matcher (PrecisMetricsPage *self,
                                 PrecisMatcher     *matcher,
                                 const char        *empty_message)
{
  g_autoptr(GtkStringList) names = NULL;
  Engine *e = NULL;

  g_return_if_fail (PRECIS_IS_METRICS_PAGE (self));

  if (matcher != NULL && self->engine != NULL && self->engine->matcher == matcher)
    return;
  if (matcher != NULL)
    {
      e = g_new0 (Engine, 1);
      g_atomic_ref_count_init (&e->ref);
      e->matcher = g_object_ref (matcher);
      e->active = precis_active_new (matcher);
      e->metrics = precis_metrics_new (e->active, NULL);
      e->n_metrics = precis_metrics_get_n_metrics (e->metrics);
      e->names = g_new0 (char *, e->n_metrics + 1);
      for (guint i = 0; i < e->n_metrics; i++)
        e->names[i] = g_strdup (precis_metrics_get_name (e->metrics, i));
    }
  g_clear_pointer (&self->engine, engine_unref);
  g_clear_pointer (&self->buckets, g_free);
  _precis_metrics_images_set_dataset (self->image_metrics, matcher != NULL ? precis_matcher_get_dataset (matcher) : NULL);
  if (matcher != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    _precis_metrics_images_shown (self->image_metrics);
  /* The class mask is the previous dataset's, one byte per category of it:
   * all classes until the window's next set_params(). */
  g_clear_pointer (&self->mask, g_free);
  self->engine = e;

  names = gtk_string_list_new (e != NULL ? (const char * const *) e->names : NULL);
  g_signal_handlers_block_by_func (self->metric_dropdown, control_changed_cb, self);
  gtk_drop_down_set_model (self->metric_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->metric_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->metric_dropdown, control_changed_cb, self);

  gtk_label_set_label (self->empty_label, empty_message != NULL ? empty_message
                                                                : _("Open a project to see its metric performance."));
  gtk_stack_set_visible_child_name (self->stack, e != NULL ? "charts" : "empty");
  gtk_label_set_label (self->status_label, "");
  redraw (self);
  invalidate (self);
}

void
precis_metrics_page_set_params (PrecisMetricsPage     *self,
                                const PrecisAppParams *params)
{
  const guint8 *mask = params->mask;

  g_return_if_fail (PRECIS_IS_METRICS_PAGE (self));

  self->threshold = params->threshold;
  self->confidence = params->confidence;
  self->area_min = params->area_min;
  self->area_max = params->area_max;
  g_clear_pointer (&self->mask, g_free);
  if (mask != NULL && self->engine != NULL)
    self->mask = g_memdup2 (mask, precis_dataset_get_n_categories (precis_matcher_get_dataset (self->engine->matcher)));
  self->have_params = TRUE;
  invalidate (self);
}

gboolean
precis_metrics_page_is_ready (PrecisMetricsPage *self)
{
  g_return_val_if_fail (PRECIS_IS_METRICS_PAGE (self), FALSE);
  return self->engine == NULL || (have_result (self) && self->shown_serial == self->serial && !self->busy);
}

/* Whether the image metrics of the current project are computed (they are
 * decoded once the page is shown). */
gboolean
precis_metrics_page_has_image_metrics (PrecisMetricsPage *self)
{
  g_return_val_if_fail (PRECIS_IS_METRICS_PAGE (self), FALSE);
  return _precis_metrics_images_get (self->image_metrics) != NULL;
}

/* The Cancel / Compute button of the image metrics' progress row. */
GtkButton *
precis_metrics_page_get_image_metrics_button (PrecisMetricsPage *self)
{
  g_return_val_if_fail (PRECIS_IS_METRICS_PAGE (self), NULL);
  return _precis_metrics_images_get_button (self->image_metrics);
}

GtkDropDown *
precis_metrics_page_get_metric_dropdown (PrecisMetricsPage *self)
{
  return self->metric_dropdown;
}

GtkDropDown *
precis_metrics_page_get_buckets_dropdown (PrecisMetricsPage *self)
{
  return self->buckets_dropdown;
}

GtkDropDown *
precis_metrics_page_get_binning_dropdown (PrecisMetricsPage *self)
{
  return self->binning_dropdown;
}

GtkWidget *
precis_metrics_page_get_chart (PrecisMetricsPage     *self,
                               PrecisMetricChartKind  kind)
{
  g_return_val_if_fail (kind < N_CHARTS, NULL);
  return self->areas[kind];
}

GPtrArray *
precis_metrics_page_get_texts (PrecisMetricsPage     *self,
                               PrecisMetricChartKind  kind)
{
  g_return_val_if_fail (kind < N_CHARTS, NULL);
  return self->texts[kind];
}

char *
precis_metrics_page_describe (PrecisMetricsPage     *self,
                              PrecisMetricChartKind  kind,
                              guint                  index)
{
  PrecisMetricChart chart;

  g_return_val_if_fail (kind < N_CHARTS, NULL);
  if (!have_result (self))
    return NULL;
  fill_chart (self, kind, &chart);
  if (index >= (kind <= PRECIS_METRIC_CHART_FN_RATE ? chart.n_buckets : chart.n_metrics))
    return NULL;
  return precis_metric_chart_describe (&chart, index);
}

void
precis_metrics_page_click (PrecisMetricsPage     *self,
                           PrecisMetricChartKind  kind,
                           double                 x,
                           double                 y)
{
  int index;

  g_return_if_fail (PRECIS_IS_METRICS_PAGE (self));

  index = hit (self, kind, x, y);
  if (index < 0)
    return;
  if (kind == PRECIS_METRIC_CHART_IMPORTANCE || kind == PRECIS_METRIC_CHART_CORRELATION)
    {
      gtk_drop_down_set_selected (self->metric_dropdown, index);
      return;
    }
  if (self->busy)
    self->pending_click = index;
  else
    start_job (self, index);
}

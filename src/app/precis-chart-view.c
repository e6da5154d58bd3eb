/* precis-chart-view.c: one chart, drawn by the core renderer in snapshot()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-chart-view.h"

/* Chart source ---------------------------------------------------------------- */

struct _PrecisChartSource
{
  PrecisActive     *active;
  PrecisChartModel *fixed;        /* set by the owner (compare charts), serves every kind */
  /* Or built by the owner on demand, per kind (the last slot: the full model) */
  PrecisChartSourceFunc func;
  gpointer          func_data;
  PrecisChartModel *func_models[PRECIS_N_CHART_KINDS_ALL + 1];
  guint             func_generation[PRECIS_N_CHART_KINDS_ALL + 1];
  /* Protocol coco: its own model at one threshold, instead of @active's. */
  PrecisCocoEval   *coco;
  guint             coco_threshold;
  PrecisChartModel *coco_model;
  guint             coco_generation;
  PrecisChartModel *model;        /* everything: ranks and F1 curves too */
  PrecisChartModel *bars_model;   /* per-class numbers only, for the bar charts */
  /* Ranks (and F1 curves once the F1 chart asked for them) borrowed from the
   * evaluator: O(#classes) to build, valid for this generation only. */
  PrecisChartModel *live_model;
  gboolean          live_f1;
  guint             generation;
  guint             model_generation;
  guint             bars_generation;
  guint             live_generation;
  gint64            build_time;   /* µs spent on model builds since last taken */
};

PrecisChartSource *
precis_chart_source_new (void)
{
  PrecisChartSource *source = g_rc_box_new0 (PrecisChartSource);

  source->generation = 1;
  return source;
}

PrecisChartSource *
precis_chart_source_ref (PrecisChartSource *source)
{
  return g_rc_box_acquire (source);
}

static void
chart_source_clear (PrecisChartSource *source)
{
  g_clear_object (&source->active);
  g_clear_object (&source->fixed);
  for (guint k = 0; k <= PRECIS_N_CHART_KINDS_ALL; k++)
    g_clear_object (&source->func_models[k]);
  g_clear_object (&source->coco);
  g_clear_object (&source->coco_model);
  g_clear_object (&source->model);
  g_clear_object (&source->bars_model);
  g_clear_object (&source->live_model);
}

void
precis_chart_source_unref (PrecisChartSource *source)
{
  g_rc_box_release_full (source, (GDestroyNotify) chart_source_clear);
}

void
precis_chart_source_set_active (PrecisChartSource *source,
                                PrecisActive      *active)
{
  g_set_object (&source->active, active);
  g_clear_object (&source->fixed);
  g_clear_object (&source->model);
  g_clear_object (&source->bars_model);
  g_clear_object (&source->live_model);
  source->generation++;
}

void
precis_chart_source_set_model (PrecisChartSource *source,
                               PrecisChartModel  *model)
{
  g_set_object (&source->fixed, model);
  source->generation++;
}

void
precis_chart_source_set_func (PrecisChartSource     *source,
                              PrecisChartSourceFunc  func,
                              gpointer               user_data)
{
  source->func = func;
  source->func_data = user_data;
  for (guint k = 0; k <= PRECIS_N_CHART_KINDS_ALL; k++)
    g_clear_object (&source->func_models[k]);
  source->generation++;
}

/* The owner's model of @kind for this generation. */
static PrecisChartModel *
func_model (PrecisChartSource *source,
            guint              kind)
{
  if (source->func_models[kind] == NULL || source->func_generation[kind] != source->generation)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&source->func_models[kind]);
      source->func_models[kind] = source->func (kind, source->func_data);
      source->func_generation[kind] = source->generation;
      source->build_time += g_get_monotonic_time () - start;
    }
  return source->func_models[kind];
}

void
precis_chart_source_set_coco (PrecisChartSource *source,
                              PrecisCocoEval    *coco,
                              guint              threshold)
{
  if (coco == source->coco && (coco == NULL || threshold == source->coco_threshold))
    return;
  g_set_object (&source->coco, coco);
  source->coco_threshold = threshold;
  g_clear_object (&source->coco_model);
  source->generation++;
}

/* The coco model of this generation. */
static PrecisChartModel *
coco_model (PrecisChartSource *source)
{
  if (source->coco_model == NULL || source->coco_generation != source->generation)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&source->coco_model);
      source->coco_model = precis_chart_model_new_from_cocoeval (source->coco, source->coco_threshold);
      source->coco_generation = source->generation;
      source->build_time += g_get_monotonic_time () - start;
    }
  return source->coco_model;
}

void
precis_chart_source_invalidate (PrecisChartSource *source)
{
  source->generation++;
  /* The live model points into the evaluator's buffers, which the change
   * that invalidates rewrites: drop it now (views holding a chart of it
   * rebuild before they draw again). */
  g_clear_object (&source->live_model);
  /* The owner's models may borrow as well. */
  for (guint k = 0; k <= PRECIS_N_CHART_KINDS_ALL; k++)
    g_clear_object (&source->func_models[k]);
}

gint64
precis_chart_source_take_build_time (PrecisChartSource *source)
{
  gint64 t = source->build_time;

  source->build_time = 0;
  return t;
}

guint
precis_chart_source_get_generation (PrecisChartSource *source)
{
  return source->generation;
}

PrecisChartModel *
precis_chart_source_get_model (PrecisChartSource *source)
{
  if (source->fixed != NULL)
    return source->fixed;
  if (source->func != NULL)
    return func_model (source, PRECIS_N_CHART_KINDS_ALL);
  if (source->coco != NULL)
    return coco_model (source);
  if (source->active == NULL)
    return NULL;

  if (source->model == NULL || source->model_generation != source->generation)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&source->model);
      source->model = precis_chart_model_new_from_active (source->active);
      source->model_generation = source->generation;
      source->build_time += g_get_monotonic_time () - start;
    }

  return source->model;
}

static gboolean
is_bar_chart (PrecisChartKind kind)
{
  return kind == PRECIS_CHART_PERFORMANCE || kind == PRECIS_CHART_PRECISION ||
         kind == PRECIS_CHART_RECALL || kind == PRECIS_CHART_OUTCOMES;
}

PrecisChartModel *
precis_chart_source_get_model_for_kind (PrecisChartSource *source,
                                        PrecisChartKind    kind)
{
  if (source->fixed != NULL)
    return source->fixed;
  if (source->func != NULL)
    return func_model (source, kind);
  if (source->coco != NULL)
    return coco_model (source);
  if (source->active == NULL)
    return NULL;

  /* A fresh full model serves every chart. */
  if (source->model != NULL && source->model_generation == source->generation)
    return source->model;

  if (!is_bar_chart (kind))
    {
      gboolean need_f1 = kind == PRECIS_CHART_F1_CONFIDENCE;

      if (source->live_model == NULL || source->live_generation != source->generation ||
          (need_f1 && !source->live_f1))
        {
          gint64 start = g_get_monotonic_time ();
          PrecisChartModelFlags flags = PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_BORROW;

          if (need_f1)
            flags |= PRECIS_CHART_MODEL_F1;
          g_clear_object (&source->live_model);
          source->live_model = precis_chart_model_new_from_active_flags (source->active, flags);
          source->live_f1 = need_f1;
          source->live_generation = source->generation;
          source->build_time += g_get_monotonic_time () - start;
        }
      return source->live_model;
    }

  /* A fresh live model serves the bars as well. */
  if (source->live_model != NULL && source->live_generation == source->generation)
    return source->live_model;

  if (source->bars_model == NULL || source->bars_generation != source->generation)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&source->bars_model);
      /* The bar charts need the per-class numbers only: O(#classes), where a
       * full model copies every ranked prediction. Exports use the full model. */
      source->bars_model = precis_chart_model_new_from_active_flags (source->active, PRECIS_CHART_MODEL_CLASSES);
      source->bars_generation = source->generation;
      source->build_time += g_get_monotonic_time () - start;
    }

  return source->bars_model;
}

/* Chart view ------------------------------------------------------------------ */

struct _PrecisChartView
{
  GtkWidget          parent_instance;

  PrecisChartSource *source;
  PrecisChartKind    kind;
  PrecisChart       *chart;
  guint              chart_generation;
  /* The last snapshot drew nothing because the view was scrolled out of sight. */
  gboolean           culled;
  /* The height asked for in measure(): the chart's natural height, clamped. */
  int                natural_height;
  /* The accessible description: updated at most every DESCRIPTION_INTERVAL,
   * the last change of a burst always (a pending update waits in a timeout). */
  gint64             description_time;
  guint              description_source;
  guint              description_generation;
};

/* A screen reader announces a changed description: twice a second at most
 * while the slider is dragged. */
#define DESCRIPTION_INTERVAL_MS 500

#define MIN_HEIGHT 340
#define MAX_HEIGHT 640

static int
chart_natural_height (PrecisChart *chart)
{
  double width = 0, height = 0;

  if (chart == NULL)
    return 380;
  precis_chart_get_natural_size (chart, &width, &height);
  return CLAMP ((int) height, MIN_HEIGHT, MAX_HEIGHT);
}

G_DEFINE_FINAL_TYPE (PrecisChartView, precis_chart_view, GTK_TYPE_WIDGET)

static const char *
kind_name (PrecisChartKind kind)
{
  switch (kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return "performance";
    case PRECIS_CHART_PRECISION:
      return "precision";
    case PRECIS_CHART_RECALL:
      return "recall";
    case PRECIS_CHART_PR_CURVE:
      return "pr-curve";
    case PRECIS_CHART_OUTCOMES:
      return "outcomes";
    case PRECIS_CHART_F1_CONFIDENCE:
      return "f1-confidence";
    case PRECIS_CHART_COMPARE_PR:
    case PRECIS_CHART_COMPARE_F1:
    case PRECIS_CHART_COMPARE_DELTA:
      return precis_chart_kind_to_string (kind);
    case PRECIS_N_CHART_KINDS:
    default:
      return "chart";
    }
}

static const char *
kind_title (PrecisChartKind kind)
{
  switch (kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return _("Average precision per class");
    case PRECIS_CHART_PRECISION:
      return _("Precision per class");
    case PRECIS_CHART_RECALL:
      return _("Recall per class");
    case PRECIS_CHART_PR_CURVE:
      return _("Precision–recall curve");
    case PRECIS_CHART_OUTCOMES:
      return _("Outcomes per class");
    case PRECIS_CHART_F1_CONFIDENCE:
      return _("F1 against confidence");
    case PRECIS_CHART_COMPARE_PR:
      return _("Precision–recall curves of the models");
    case PRECIS_CHART_COMPARE_F1:
      return _("Mean F1 against confidence of the models");
    case PRECIS_CHART_COMPARE_DELTA:
      return _("ΔAP per class against the reference");
    case PRECIS_N_CHART_KINDS:
    default:
      return _("Chart");
    }
}

/* What the hovered value is, per chart kind. */
static const char *
kind_value_label (PrecisChartKind kind)
{
  switch (kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return _("AP");
    case PRECIS_CHART_PRECISION:
      return _("Precision");
    case PRECIS_CHART_RECALL:
      return _("Recall");
    case PRECIS_CHART_PR_CURVE:
      return _("Precision");
    case PRECIS_CHART_OUTCOMES:
      return _("Count");
    case PRECIS_CHART_F1_CONFIDENCE:
      return _("F1");
    case PRECIS_N_CHART_KINDS:
    default:
      return _("Value");
    }
}

PrecisChart *
precis_chart_view_ensure_chart (PrecisChartView *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), NULL);

  if (self->chart_generation != precis_chart_source_get_generation (self->source))
    {
      PrecisChartModel *model = precis_chart_source_get_model_for_kind (self->source, self->kind);

      g_clear_object (&self->chart);
      if (model != NULL)
        self->chart = precis_chart_new (model, self->kind);
      self->chart_generation = precis_chart_source_get_generation (self->source);

      /* The natural height follows the number of classes, not the threshold:
       * this resizes when the class selection changes, not while dragging. */
      if (chart_natural_height (self->chart) != self->natural_height)
        {
          self->natural_height = chart_natural_height (self->chart);
          gtk_widget_queue_resize (GTK_WIDGET (self));
        }
    }

  return self->chart;
}

static void
snapshot_message (PrecisChartView *self,
                  GtkSnapshot     *snapshot,
                  const char      *title,
                  const char      *message)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autofree char *markup = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color;
  int lw, lh;

  markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", title, message);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_width (layout, MAX (1, width - 48) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &lw, &lh);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= 0.6f;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - lw) / 2.0f, (height - lh) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
precis_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PrecisChartView *self = PRECIS_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PrecisChart *chart;

  if (width <= 0 || height <= 0)
    return;

  /* Charts out of sight cost a full cairo render each slider step: skip them.
   * The page redraws culled views when it scrolls. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
    graphene_rect_t bounds;

    self->culled = FALSE;
    if (scroller != NULL && gtk_widget_compute_bounds (widget, scroller, &bounds) &&
        (bounds.origin.y + bounds.size.height <= 0 ||
         bounds.origin.y >= gtk_widget_get_height (scroller) ||
         bounds.origin.x + bounds.size.width <= 0 ||
         bounds.origin.x >= gtk_widget_get_width (scroller)))
      {
        self->culled = TRUE;
        return;
      }
  }

  chart = precis_chart_view_ensure_chart (self);

  if (chart != NULL)
    {
      cairo_t *cr;
      double scale = gtk_widget_get_scale_factor (widget);

      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      precis_chart_render (chart, cr, width, height, scale);
      cairo_destroy (cr);
      return;
    }

  snapshot_message (self, snapshot, kind_title (self->kind),
                    _("No evaluation to chart yet"));
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = NULL;

  if (keyboard_mode)
    return FALSE;

  text = precis_chart_view_dup_tooltip_at (PRECIS_CHART_VIEW (widget), x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, text);
  return TRUE;
}

char *
precis_chart_view_dup_tooltip_at (PrecisChartView *self,
                                  double           x,
                                  double           y)
{
  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), NULL);

  {
    PrecisChart *chart = precis_chart_view_ensure_chart (self);
    guint index = 0;
    double value = 0;
    const PrecisChartCategory *klass;
    const char *name;

    if (chart == NULL || !precis_chart_hit_test (chart, x, y, &index, &value))
      return NULL;

    if (index < precis_chart_model_get_n_classes (precis_chart_get_model (chart)))
      {
        klass = precis_chart_model_get_class (precis_chart_get_model (chart), index);
        name = klass->name;
      }
    else
      name = _("All selected classes");

    if (self->kind == PRECIS_CHART_OUTCOMES)
      return g_markup_printf_escaped ("<b>%s</b>\n%s %.0f", name, kind_value_label (self->kind), value);
    return g_markup_printf_escaped ("<b>%s</b>\n%s %.3f", name, kind_value_label (self->kind), value);
  }
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PrecisChartView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
precis_chart_view_dispose (GObject *object)
{
  PrecisChartView *self = PRECIS_CHART_VIEW (object);

  g_clear_handle_id (&self->description_source, g_source_remove);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->source, precis_chart_source_unref);

  G_OBJECT_CLASS (precis_chart_view_parent_class)->dispose (object);
}

static void
precis_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 520;
    }
  else
    {
      PrecisChartView *self = PRECIS_CHART_VIEW (widget);

      /* Scrolled windows give their child its minimum height: ask for it all. */
      *minimum = *natural = self->natural_height > 0 ? self->natural_height : 380;
    }
}

static void
precis_chart_view_class_init (PrecisChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_chart_view_dispose;
  widget_class->snapshot = precis_chart_view_snapshot;
  widget_class->measure = precis_chart_view_measure;

  gtk_widget_class_set_css_name (widget_class, "precis-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
precis_chart_view_init (PrecisChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
precis_chart_view_new (PrecisChartSource *source,
                       PrecisChartKind    kind)
{
  PrecisChartView *self;

  g_return_val_if_fail (source != NULL, NULL);

  self = g_object_new (PRECIS_TYPE_CHART_VIEW, NULL);
  self->source = precis_chart_source_ref (source);
  self->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kind_title (kind),
                                  -1);

  return GTK_WIDGET (self);
}

PrecisChartKind
precis_chart_view_get_kind (PrecisChartView *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), PRECIS_CHART_PERFORMANCE);
  return self->kind;
}

PrecisChart *
precis_chart_view_get_chart (PrecisChartView *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

static void
update_description (PrecisChartView *self)
{
  PrecisChartModel *model = precis_chart_source_get_model_for_kind (self->source, self->kind);
  g_autofree char *description = NULL;

  self->description_time = g_get_monotonic_time ();
  self->description_generation = precis_chart_source_get_generation (self->source);
  /* A chart of its own: the view's chart is the one its last snapshot drew. */
  if (model != NULL)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (model, self->kind);

      description = precis_chart_dup_description (chart);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No evaluation to chart yet"),
                                  -1);
}

static gboolean
description_timeout_cb (gpointer user_data)
{
  PrecisChartView *self = user_data;

  self->description_source = 0;
  update_description (self);
  return G_SOURCE_REMOVE;
}

/* Updates the description now, or when DESCRIPTION_INTERVAL_MS have passed
 * since the last update. */
static void
schedule_description (PrecisChartView *self)
{
  gint64 since_ms = (g_get_monotonic_time () - self->description_time) / 1000;

  if (self->description_source != 0)
    return;
  if (self->description_time == 0 || since_ms >= DESCRIPTION_INTERVAL_MS)
    update_description (self);
  else
    self->description_source = g_timeout_add ((guint) (DESCRIPTION_INTERVAL_MS - since_ms),
                                              description_timeout_cb, self);
}

void
precis_chart_view_invalidate (PrecisChartView *self)
{
  g_return_if_fail (PRECIS_IS_CHART_VIEW (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_description (self);
}

/**
 * precis_chart_view_description_is_current:
 * @self: a chart view
 *
 * Whether the accessible description describes the source's current
 * evaluation: %FALSE from a change until the rate limit lets it through.
 */
gboolean
precis_chart_view_description_is_current (PrecisChartView *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), FALSE);
  return self->description_source == 0 &&
         self->description_generation == precis_chart_source_get_generation (self->source);
}

gboolean
precis_chart_view_get_culled (PrecisChartView *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), FALSE);
  return self->culled;
}

char *
precis_chart_view_dup_file_name (PrecisChartView *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), NULL);
  return g_strconcat (kind_name (self->kind), ".png", NULL);
}

char *
precis_chart_view_dup_title (PrecisChartView *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), NULL);

  if (precis_chart_view_ensure_chart (self) != NULL)
    return precis_chart_dup_title (self->chart);
  return g_strdup (kind_title (self->kind));
}

gboolean
precis_chart_view_save_png (PrecisChartView  *self,
                            const char       *filename,
                            gboolean          overwrite,
                            GError          **error)
{
  PrecisChartModel *model;
  g_autoptr(PrecisChart) chart = NULL;
  double width = 0, height = 0;

  g_return_val_if_fail (PRECIS_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  /* Always the full model, as precis-cli charts writes it: the PNG's
   * precis:evaluation chunk then carries every plotted value. */
  model = precis_chart_source_get_model (self->source);
  if (model == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("There is no evaluation to export yet"));
      return FALSE;
    }
  chart = precis_chart_new (model, self->kind);

  precis_chart_get_natural_size (chart, &width, &height);
  if (width <= 0 || height <= 0)
    {
      width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 640);
      height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 420);
    }

  return precis_chart_save_png (chart, filename, width, height, 2.0,
                                overwrite ? PRECIS_PNG_SAVE_OVERWRITE : PRECIS_PNG_SAVE_NONE,
                                error);
}

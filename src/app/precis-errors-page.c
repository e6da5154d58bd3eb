/* precis-errors-page.c: TIDE error types and the confusion matrix (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cross-class IoU table is built once per matcher in a worker. Counts and
 * the matrix are re-evaluated on the main thread per slider step (a few ms at
 * 500k predictions); the dAPs run in a GTask worker on a second PrecisTide,
 * cancelled and restarted whenever the parameters change.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-confusion.h"
#include "precis-errors-page-private.h"

G_DEFINE_FINAL_TYPE (PrecisErrorsPage, precis_errors_page, GTK_TYPE_WIDGET)

enum { SHOW_IMAGES, ERRORS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

PrecisDataset *
_precis_errors_page_dataset (PrecisErrorsPage *self)
{
  return precis_matcher_get_dataset (self->matcher);
}

static guint
n_categories (PrecisErrorsPage *self)
{
  return precis_dataset_get_n_categories (_precis_errors_page_dataset (self));
}

/* Emits ::show-images with the images holding the @preds (prediction indices)
 * or @gts (GT indices), and those objects as flags, for the explorer's emphasis. */
void
_precis_errors_page_emit_images (PrecisErrorsPage *self,
             const guint32    *preds,
             guint             n_preds,
             const guint32    *gts,
             guint             n_gts,
             const char       *label)
{
  PrecisDataset *dataset = _precis_errors_page_dataset (self);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (dataset, precis_matcher_get_model (self->matcher));
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (dataset);
  g_autofree guint8 *images = g_new0 (guint8, MAX (precis_dataset_get_n_images (dataset), 1));
  g_autofree guint8 *dt_flags = g_new0 (guint8, MAX (dt->n, 1));
  g_autofree guint8 *gt_flags = g_new0 (guint8, MAX (gt->n, 1));

  for (guint i = 0; i < n_preds; i++)
    {
      images[dt->image[preds[i]]] = 1;
      dt_flags[preds[i]] = 1;
    }
  for (guint i = 0; i < n_gts; i++)
    {
      images[gt->image[gts[i]]] = 1;
      gt_flags[gts[i]] = 1;
    }
  g_signal_emit (self, signals[SHOW_IMAGES], 0, images, label,
                 n_gts > 0 ? gt_flags : NULL, n_preds > 0 ? dt_flags : NULL);
}

static void
type_clicked_cb (GtkButton        *button,
                 PrecisErrorsPage *self)
{
  PrecisTideError error = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "precis-error"));
  const PrecisTideResult *r;
  const PrecisOverlapsData *d;
  g_autoptr(GArray) objects = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *label = NULL;

  if (self->tide == NULL)
    return;
  r = precis_tide_evaluate (self->tide);
  d = precis_overlaps_get_data (self->overlaps);
  if (error == PRECIS_TIDE_MISS)
    {
      for (guint32 g = 0; g < d->n_gt; g++)
        if (r->gt_error[g] == PRECIS_TIDE_MISS)
          g_array_append_val (objects, g);
    }
  else
    {
      for (guint32 i = 0; i < d->n_predictions; i++)
        if (r->prediction_error[i] == error)
          g_array_append_val (objects, i);
    }

  /* Translators: %s is a TIDE error type (Cls, Loc, Both, Dupe, Bkg, Miss) */
  label = g_strdup_printf (_("%s errors"), precis_tide_error_to_name (error));
  if (error == PRECIS_TIDE_MISS)
    _precis_errors_page_emit_images (self, NULL, 0, (guint32 *) objects->data, objects->len, label);
  else
    _precis_errors_page_emit_images (self, (guint32 *) objects->data, objects->len, NULL, 0, label);
}

/* Type rows ----------------------------------------------------------------------- */

static void
build_type_rows (PrecisErrorsPage *self)
{
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      GtkWidget *button = gtk_button_new_with_label (precis_tide_error_to_name (e));
      GtkWidget *bar = gtk_level_bar_new ();
      GtkWidget *count = gtk_label_new ("");
      GtkWidget *dap = gtk_label_new ("");

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_size_request (button, 72, -1);
      g_object_set_data (G_OBJECT (button), "precis-error", GUINT_TO_POINTER (e));
      g_signal_connect (button, "clicked", G_CALLBACK (type_clicked_cb), self);
      /* One colour whatever the length: no low / high / full offsets. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (count), 1);
      gtk_label_set_width_chars (GTK_LABEL (count), 8);
      gtk_label_set_xalign (GTK_LABEL (dap), 1);
      gtk_label_set_width_chars (GTK_LABEL (dap), 12);
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_add_css_class (dap, "numeric");
      gtk_widget_set_tooltip_text (count, _("Errors of this type at the current thresholds"));
      gtk_widget_set_tooltip_text (dap, _("dAP: how many points TIDE's AP would gain if every error of this "
                                          "type were fixed (TIDE's oracle), at the same thresholds"));

      gtk_grid_attach (self->types_grid, button, 0, e, 1, 1);
      gtk_grid_attach (self->types_grid, bar, 1, e, 1, 1);
      gtk_grid_attach (self->types_grid, count, 2, e, 1, 1);
      gtk_grid_attach (self->types_grid, dap, 3, e, 1, 1);
      self->type_buttons[e] = button;
      self->type_bars[e] = GTK_LEVEL_BAR (bar);
      self->type_counts[e] = GTK_LABEL (count);
      self->type_daps[e] = GTK_LABEL (dap);
    }
}

static void
show_daps (PrecisErrorsPage     *self,
           const PrecisTideDaps *daps)
{
  g_autofree char *ap = NULL;

  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      g_autofree char *text = NULL;

      /* Translators: the change in AP (in points) if this error type were fixed */
      text = daps != NULL ? g_strdup_printf (_("dAP %.2f"), daps->main[e]) : g_strdup (_("dAP …"));
      gtk_label_set_text (self->type_daps[e], text);
    }
  if (daps != NULL)
    ap = g_strdup_printf (_("TIDE AP %.2f · FP %.2f · FN %.2f"),
                          daps->ap, daps->special_fp, daps->special_fn);
  gtk_label_set_text (self->ap_label, ap != NULL ? ap : _("Computing dAP…"));
}

/* Takes @matrix ((K + 1)², owned). */
static void
show_counts (PrecisErrorsPage *self,
             const guint      *counts,
             guint            *matrix)
{
  guint max = 1;

  g_free (self->matrix);
  self->matrix = matrix;
  _precis_errors_page_rebuild_matrix (self);
  _precis_errors_page_show_cells (self);
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    max = MAX (max, counts[e]);
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      g_autofree char *tip = precis_errors_page_explain (self, e);
      char text[32];

      g_snprintf (text, sizeof text, "%u", counts[e]);
      gtk_label_set_text (self->type_counts[e], text);
      gtk_level_bar_set_value (self->type_bars[e], (double) counts[e] / max);
      gtk_widget_set_tooltip_text (self->type_buttons[e], tip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->type_bars[e]), tip);
    }
}

/* The dAP worker ---------------------------------------------------------------------- */

typedef struct {
  PrecisOverlaps *overlaps;
  double          threshold;
  double          confidence;
  double          background;
  guint8         *mask;
  gboolean        counts_only;
  /* Results */
  guint           counts[PRECIS_TIDE_N_ERRORS];
  guint          *matrix;          /* (K + 1)², counts_only */
  PrecisTideDaps  daps;
} DapJob;

static void
dap_job_free (gpointer data)
{
  DapJob *job = data;

  g_object_unref (job->overlaps);
  g_free (job->mask);
  g_free (job->matrix);
  g_free (job);
}

static void
dap_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  DapJob *job = task_data;
  g_autoptr(PrecisTide) tide = precis_tide_new (job->overlaps);

  precis_tide_set_threshold (tide, job->threshold);
  precis_tide_set_confidence (tide, job->confidence);
  precis_tide_set_background (tide, job->background);
  precis_tide_set_classes (tide, job->mask);
  if (g_cancellable_is_cancelled (cancellable))
    return g_task_return_boolean (task, FALSE);
  if (job->counts_only)
    {
      g_autoptr(PrecisConfusion) confusion = precis_confusion_new (job->overlaps);
      const PrecisTideResult *r = precis_tide_evaluate (tide);
      const PrecisConfusionResult *c;
      gsize K;

      memcpy (job->counts, r->counts, sizeof job->counts);
      precis_confusion_set_threshold (confusion, job->threshold);
      precis_confusion_set_confidence (confusion, job->confidence);
      precis_confusion_set_classes (confusion, job->mask);
      c = precis_confusion_evaluate (confusion);
      K = c->n_classes;
      job->matrix = g_memdup2 (c->matrix, (K + 1) * (K + 1) * sizeof (guint));
    }
  else
    precis_tide_compute_daps (tide, &job->daps);
  g_task_return_boolean (task, !g_cancellable_is_cancelled (cancellable));
}

static void
dap_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PrecisErrorsPage *self = PRECIS_ERRORS_PAGE (source);
  GTask *task = G_TASK (result);
  DapJob *job = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (task, NULL) || g_task_get_cancellable (task) != self->dap_cancellable)
    return;
  if (job->counts_only)
    {
      show_counts (self, job->counts, g_steal_pointer (&job->matrix));
      self->counts_ready = TRUE;
      return;
    }
  self->daps_ready = TRUE;
  show_daps (self, &job->daps);
}

static void
start_daps (PrecisErrorsPage *self)
{
  g_cancellable_cancel (self->dap_cancellable);
  g_clear_object (&self->dap_cancellable);
  self->daps_ready = FALSE;
  self->counts_ready = FALSE;
  show_daps (self, NULL);
  if (self->overlaps == NULL)
    return;

  self->dap_cancellable = g_cancellable_new ();
  /* Counts and matrix first (fast), the dAPs next, each on its own evaluators. */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GTask) task = g_task_new (self, self->dap_cancellable, dap_done_cb, NULL);
      DapJob *job = g_new0 (DapJob, 1);

      job->overlaps = g_object_ref (self->overlaps);
      job->threshold = self->threshold;
      job->confidence = self->confidence;
      job->background = self->background;
      job->mask = self->mask != NULL ? g_memdup2 (self->mask, n_categories (self)) : NULL;
      job->counts_only = k == 0;
      g_task_set_task_data (task, job, dap_job_free);
      g_task_run_in_thread (task, dap_thread);
    }
}

/* Per step: the evaluators on the main thread only take the parameters (they
 * evaluate lazily, for a click or a tooltip); the counts, the matrix and the
 * dAPs are computed in workers while the page shows, and when it is mapped
 * again after changes while hidden. */
static void
refresh (PrecisErrorsPage *self)
{
  if (self->tide == NULL)
    return;
  precis_tide_set_threshold (self->tide, self->threshold);
  precis_tide_set_confidence (self->tide, self->confidence);
  precis_tide_set_background (self->tide, self->background);
  precis_tide_set_classes (self->tide, self->mask);
  precis_confusion_set_threshold (self->confusion, self->threshold);
  precis_confusion_set_confidence (self->confusion, self->confidence);
  precis_confusion_set_classes (self->confusion, self->mask);
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale)
    {
      g_cancellable_cancel (self->dap_cancellable);
      self->daps_ready = FALSE;
      self->counts_ready = FALSE;
      return;
    }
  start_daps (self);
}

/* The IoU table worker ---------------------------------------------------------------- */

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PrecisMatcher *matcher = task_data;
  GError *error = NULL;
  g_autofree guint32 *order = NULL;
  PrecisOverlaps *overlaps;

  order = precis_overlaps_read_image_order (precis_matcher_get_dataset (matcher), cancellable, &error);
  if (order == NULL)
    return g_task_return_error (task, error);
  overlaps = precis_overlaps_new (matcher, order, 0, cancellable, &error);
  if (overlaps == NULL)
    return g_task_return_error (task, error);
  g_task_return_pointer (task, overlaps, g_object_unref);
}

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PrecisErrorsPage *self = PRECIS_ERRORS_PAGE (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  PrecisOverlaps *overlaps = g_task_propagate_pointer (task, &error);

  if (g_task_get_cancellable (task) != self->build_cancellable)
    {
      g_clear_object (&overlaps);
      return;
    }
  if (overlaps == NULL)
    {
      gtk_label_set_text (self->empty_label, error->message);
      return;
    }
  self->overlaps = overlaps;
  self->tide = precis_tide_new (overlaps);
  self->confusion = precis_confusion_new (overlaps);
  _precis_errors_page_rebuild_matrix (self);
  gtk_stack_set_visible_child_name (self->stack, "errors");
  refresh (self);
  g_signal_emit (self, signals[ERRORS_CHANGED], 0);
}

/* The object ---------------------------------------------------------------------------- */

static void
clear_evaluation (PrecisErrorsPage *self)
{
  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  g_cancellable_cancel (self->dap_cancellable);
  g_clear_object (&self->dap_cancellable);
  g_clear_object (&self->tide);
  g_clear_object (&self->confusion);
  g_clear_object (&self->overlaps);
  g_clear_object (&self->matcher);
  g_clear_pointer (&self->mask, g_free);
  g_clear_pointer (&self->matrix, g_free);
  self->daps_ready = FALSE;
  self->stale = FALSE;
}

static void
precis_errors_page_dispose (GObject *object)
{
  PrecisErrorsPage *self = PRECIS_ERRORS_PAGE (object);

  clear_evaluation (self);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->cells, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRECIS_TYPE_ERRORS_PAGE);

  G_OBJECT_CLASS (precis_errors_page_parent_class)->dispose (object);
}

static void
precis_errors_page_map (GtkWidget *widget)
{
  PrecisErrorsPage *self = PRECIS_ERRORS_PAGE (widget);

  GTK_WIDGET_CLASS (precis_errors_page_parent_class)->map (widget);
  if (self->stale)
    refresh (self);
}

static void
precis_errors_page_class_init (PrecisErrorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_errors_page_dispose;
  widget_class->map = precis_errors_page_map;

  /**
   * PrecisErrorsPage::show-images:
   * @self: the page
   * @images: (type gpointer): n_images bytes, non-zero for the images to list
   * @label: what they are, for the explorer's filter
   * @gt: (type gpointer) (nullable): per GT annotation, non-zero for the objects behind it
   * @dt: (type gpointer) (nullable): per prediction, the same
   *
   * A bar or a matrix cell was clicked.
   */
  signals[SHOW_IMAGES] =
    g_signal_new ("show-images", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_POINTER, G_TYPE_STRING,
                  G_TYPE_POINTER, G_TYPE_POINTER);

  /**
   * PrecisErrorsPage::errors-changed:
   * @self: the page
   *
   * The objects' error types changed other than through
   * precis_errors_page_set_params(): the table became ready, or t_b changed.
   */
  signals[ERRORS_CHANGED] =
    g_signal_new ("errors-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/precis/Precis/ui/precis-errors-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "precis-errors-page");
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, ap_label);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, types_grid);
  _precis_errors_page_class_init_matrix (widget_class);
}

static void
precis_errors_page_init (PrecisErrorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->threshold = 0.5;
  self->background = 0.1;
  build_type_rows (self);
  _precis_errors_page_init_matrix (self);
  precis_errors_page_set_matcher (self, NULL, NULL);
}

GtkWidget *
precis_errors_page_new (void)
{
  return g_object_new (PRECIS_TYPE_ERRORS_PAGE, NULL);
}

void
precis_errors_page_set_matcher (PrecisErrorsPage *self,
                                PrecisMatcher    *matcher,
                                const char       *empty_message)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PRECIS_IS_ERRORS_PAGE (self));

  clear_evaluation (self);
  _precis_errors_page_rebuild_matrix (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  if (matcher == NULL)
    {
      gtk_label_set_text (self->empty_label, empty_message != NULL ? empty_message
                                             : _("Open a project to see its errors."));
      return;
    }

  self->matcher = g_object_ref (matcher);
  gtk_label_set_text (self->empty_label, _("Computing the overlaps of every prediction…"));
  self->build_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->build_cancellable, build_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (matcher), g_object_unref);
  g_task_run_in_thread (task, build_thread);
}

void
precis_errors_page_set_params (PrecisErrorsPage *self,
                               double            threshold,
                               double            confidence,
                               const guint8     *mask)
{
  gboolean mask_changed;
  guint K;

  g_return_if_fail (PRECIS_IS_ERRORS_PAGE (self));

  self->threshold = threshold;
  self->confidence = confidence;
  if (self->matcher == NULL)
    return;
  K = n_categories (self);
  mask_changed = (mask == NULL) != (self->mask == NULL) ||
                 (mask != NULL && memcmp (mask, self->mask, K) != 0);
  if (mask_changed)
    {
      g_free (self->mask);
      self->mask = mask != NULL ? g_memdup2 (mask, K) : NULL;
      if (self->overlaps != NULL)
        _precis_errors_page_rebuild_matrix (self);
    }
  refresh (self);
}

void
precis_errors_page_set_background (PrecisErrorsPage *self,
                                   double            background)
{
  g_return_if_fail (PRECIS_IS_ERRORS_PAGE (self));
  if (self->background == background)
    return;
  self->background = background;
  refresh (self);
  if (self->tide != NULL)
    g_signal_emit (self, signals[ERRORS_CHANGED], 0);
}

gboolean
precis_errors_page_is_ready (PrecisErrorsPage *self)
{
  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), FALSE);
  return self->tide != NULL && self->counts_ready;
}

gboolean
precis_errors_page_daps_ready (PrecisErrorsPage *self)
{
  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), FALSE);
  return self->daps_ready;
}

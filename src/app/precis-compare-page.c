/* precis-compare-page.c: every model of the project side by side (issue 12, SEMANTICS.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table's cells are in precis-compare-page-table.c, the Bootstrap
 * section in precis-compare-page-bootstrap.c.
 *
 * The matchers of every model (the heavy part: the IoUs) are built once per
 * dataset and IoU type in a GTask worker. A slider step then only evaluates
 * the PrecisCompare on the main thread (one precis_active_evaluate() per
 * model, no allocation) and refreshes the labels; the charts borrow the
 * evaluators' buffers. The numbers are those of `precis-cli compare`.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "precis-compare-page-private.h"

G_DEFINE_FINAL_TYPE (PrecisComparePage, precis_compare_page, GTK_TYPE_WIDGET)

static const PrecisChartKind chart_kinds[N_COMPARE_CHARTS] = {
  PRECIS_CHART_COMPARE_PR, PRECIS_CHART_COMPARE_F1, PRECIS_CHART_COMPARE_DELTA,
};

const char *
_precis_compare_page_model_name (PrecisComparePage *self,
                                 guint              row)
{
  return precis_dataset_get_model_name (self->dataset, self->models[row]);
}

void
_precis_compare_page_set_cell (PrecisComparePage  *self,
                               guint               row,
                               PrecisCompareColumn column,
                               const char         *text)
{
  gtk_label_set_text (self->cells[row * PRECIS_COMPARE_N_COLUMNS + column], text != NULL ? text : "—");
}

/* The charts ---------------------------------------------------------------------------- */

/* The model a compare chart of @kind draws, built when it draws (the source
 * calls this at most once per kind and evaluation): the curves borrow the
 * evaluators' buffers (the F1 curves only for the F1 chart: they cost
 * O(#predictions)), the ΔAP bars need the per-class numbers only; an export
 * gets copies of everything. The ΔAP chart shows the first model that is not
 * the baseline. */
static PrecisChartModel *
chart_model_func (guint    kind,
                  gpointer user_data)
{
  PrecisComparePage *self = user_data;
  PrecisChartModelFlags flags = PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_F1;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double *delta = NULL;
  guint baseline, shown, n_classes;
  PrecisChartModel *host;

  if (self->compare == NULL)
    return NULL;
  if (kind == PRECIS_CHART_COMPARE_PR)
    flags = PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_BORROW;
  else if (kind == PRECIS_CHART_COMPARE_F1)
    flags = PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_F1 | PRECIS_CHART_MODEL_BORROW;
  else if (kind == PRECIS_CHART_COMPARE_DELTA)
    flags = PRECIS_CHART_MODEL_CLASSES;
  baseline = precis_compare_get_baseline (self->compare);
  shown = self->shown;
  for (guint i = 0; i < self->n_models; i++)
    g_ptr_array_add (models, precis_chart_model_new_from_active_flags (precis_compare_get_active (self->compare, i),
                                                                        flags));
  host = g_ptr_array_index (models, shown);
  n_classes = precis_chart_model_get_n_classes (host);
  delta = g_new0 (double, MAX (n_classes, 1));
  for (guint k = 0; k < n_classes; k++)
    delta[k] = precis_compare_get_class_ap_delta (self->compare, shown,
                                                  precis_chart_model_get_class (host, k)->category);
  precis_chart_model_set_compare (host, (PrecisChartModel * const *) models->pdata, models->len,
                                  baseline, shown, delta);
  return g_object_ref (host);
}

static void
update_charts (PrecisComparePage *self)
{
  precis_chart_source_invalidate (self->source);
  for (guint i = 0; i < N_COMPARE_CHARTS; i++)
    precis_chart_view_invalidate (self->charts[i]);
}

/* The live evaluation ---------------------------------------------------------------------- */

static void
refresh (PrecisComparePage *self)
{
  if (self->compare == NULL || !self->have_params)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  precis_compare_set_threshold (self->compare, self->threshold);
  precis_compare_set_confidence (self->compare, self->confidence);
  precis_compare_set_area_range (self->compare, self->area_min, self->area_max);
  if (self->mask_dirty)
    precis_compare_set_classes (self->compare, self->mask);
  self->mask_dirty = FALSE;
  precis_compare_evaluate (self->compare);
  _precis_compare_page_show_numbers (self);
  update_charts (self);
}

/* The ΔAP drop-down lists the rows but the baseline; self->shown moves off
 * the baseline to the first other row. */
static void
fill_delta_dropdown (PrecisComparePage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint baseline = precis_compare_get_baseline (self->compare), position = 0;

  if (self->shown == baseline)
    self->shown = baseline == 0 ? 1 : 0;
  for (guint row = 0; row < self->n_models; row++)
    if (row != baseline)
      {
        if (row == self->shown)
          position = g_list_model_get_n_items (G_LIST_MODEL (names));
        gtk_string_list_append (names, _precis_compare_page_model_name (self, row));
      }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->delta_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->delta_dropdown, position);
  self->updating = FALSE;
  gtk_widget_set_visible (self->delta_box, self->n_models > 2);
}

static void
delta_changed_cb (PrecisComparePage *self)
{
  guint position = gtk_drop_down_get_selected (self->delta_dropdown);
  guint baseline;

  if (self->updating || self->compare == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  baseline = precis_compare_get_baseline (self->compare);
  self->shown = position < baseline ? position : position + 1;
  update_charts (self);
}

static void
baseline_changed_cb (PrecisComparePage *self)
{
  guint baseline = gtk_drop_down_get_selected (self->baseline_dropdown);

  if (self->updating || self->compare == NULL || baseline >= self->n_models ||
      baseline == precis_compare_get_baseline (self->compare))
    return;
  precis_compare_set_baseline (self->compare, baseline);
  fill_delta_dropdown (self);
  _precis_compare_page_bootstrap_stale (self);
  refresh (self);
}

/* The matcher worker ------------------------------------------------------------------------ */

typedef struct {
  PrecisDataset *dataset;
  PrecisIouType  type;
  PrecisMatcher *given;        /* the window's, reused for its model */
  GPtrArray     *matchers;     /* result */
  GArray        *models;       /* result: dataset model index per matcher */
} BuildJob;

static void
build_job_free (gpointer data)
{
  BuildJob *job = data;

  g_object_unref (job->dataset);
  g_object_unref (job->given);
  g_clear_pointer (&job->matchers, g_ptr_array_unref);
  g_clear_pointer (&job->models, g_array_unref);
  g_free (job);
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildJob *job = task_data;
  guint n = precis_dataset_get_n_models (job->dataset);

  job->matchers = g_ptr_array_new_with_free_func (g_object_unref);
  job->models = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint m = 0; m < n; m++)
    {
      GError *error = NULL;
      PrecisMatcher *matcher;

      if (!precis_dataset_supports (job->dataset, m, job->type))
        continue;
      if (m == precis_matcher_get_model (job->given))
        matcher = g_object_ref (job->given);
      else
        matcher = precis_matcher_new (job->dataset, m, job->type, 0, cancellable, NULL, NULL, &error);
      if (matcher == NULL)
        return g_task_return_error (task, error);
      g_ptr_array_add (job->matchers, matcher);
      g_array_append_val (job->models, m);
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_empty (PrecisComparePage *self,
            const char        *title,
            const char        *message)
{
  gtk_label_set_text (self->empty_title, title);
  gtk_label_set_text (self->empty_label, message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The models left out (no geometry of the IoU type), for a note under the table. */
static void
show_excluded (PrecisComparePage *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = precis_dataset_get_n_models (self->dataset);
  g_autofree char *text = NULL;

  for (guint m = 0, row = 0; m < n; m++)
    {
      if (row < self->n_models && self->models[row] == m)
        {
          row++;
          continue;
        }
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", precis_dataset_get_model_name (self->dataset, m));
    }
  if (names->len > 0)
    /* Translators: %s lists models; the second %s is a shape kind (bbox, segm, …) */
    text = g_strdup_printf (_("Not compared (no %s geometry): %s"), precis_iou_type_to_string (self->type), names->str);
  gtk_label_set_text (self->excluded_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->excluded_label), text != NULL);
}

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PrecisComparePage *self = PRECIS_COMPARE_PAGE (source);
  GTask *task = G_TASK (result);
  BuildJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_task_get_cancellable (task) == self->build_cancellable)
        show_empty (self, _("No Comparison"), error->message);
      return;
    }
  if (g_task_get_cancellable (task) != self->build_cancellable)
    return;
  g_clear_object (&self->build_cancellable);

  if (job->models->len < 2)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a shape kind (bbox, segm, …) */
      message = g_strdup_printf (_("Only one model of this project has %s geometry. Import a second model's "
                                   "predictions (Import Predictions… in the main menu) to compare them."),
                                 precis_iou_type_to_string (self->type));
      show_empty (self, _("Import a second model to compare"), message);
      return;
    }
  self->n_models = job->models->len;
  self->models = g_memdup2 (job->models->data, sizeof (guint) * self->n_models);
  self->compare = precis_compare_new ((PrecisMatcher * const *) job->matchers->pdata, self->n_models, 0);
  self->mask_dirty = TRUE;

  for (guint row = 0; row < self->n_models; row++)
    gtk_string_list_append (names, _precis_compare_page_model_name (self, row));
  self->updating = TRUE;
  gtk_drop_down_set_model (self->baseline_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->baseline_dropdown, 0);
  self->updating = FALSE;
  self->shown = 1;
  fill_delta_dropdown (self);

  _precis_compare_page_rebuild_table (self);
  show_excluded (self);
  _precis_compare_page_show_bootstrap (self);
  gtk_stack_set_visible_child_name (self->stack, "compare");
  refresh (self);
}

/* The object ------------------------------------------------------------------------------ */

static void
clear_comparison (PrecisComparePage *self)
{
  _precis_compare_page_bootstrap_clear (self);
  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  g_clear_object (&self->compare);
  update_charts (self);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->models, g_free);
  g_clear_pointer (&self->mask, g_free);
  self->n_models = 0;
  self->stale = FALSE;
  gtk_widget_set_visible (self->delta_box, FALSE);
  _precis_compare_page_rebuild_table (self);
}

static void
precis_compare_page_dispose (GObject *object)
{
  PrecisComparePage *self = PRECIS_COMPARE_PAGE (object);

  if (self->source != NULL)
    {
      clear_comparison (self);
      precis_chart_source_set_func (self->source, NULL, NULL);
    }
  if (self->stack != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->stack));
  self->stack = NULL;
  g_clear_pointer (&self->source, precis_chart_source_unref);

  G_OBJECT_CLASS (precis_compare_page_parent_class)->dispose (object);
}

static void
precis_compare_page_map (GtkWidget *widget)
{
  PrecisComparePage *self = PRECIS_COMPARE_PAGE (widget);

  GTK_WIDGET_CLASS (precis_compare_page_parent_class)->map (widget);
  if (self->stale)
    refresh (self);
  _precis_compare_page_bootstrap_resume (self);
}

static void
precis_compare_page_class_init (PrecisComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_compare_page_dispose;
  widget_class->map = precis_compare_page_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "precis-compare-page");
}

GtkWidget *
_precis_compare_page_card (const char *title)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "precis-compare-card");
  if (title != NULL)
    {
      GtkWidget *heading = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (card), heading);
    }
  return card;
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  return grid;
}

static GtkWidget *
build_charts (PrecisComparePage *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->source = precis_chart_source_new ();
  precis_chart_source_set_func (self->source, chart_model_func, self);
  for (guint i = 0; i < N_COMPARE_CHARTS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *view = precis_chart_view_new (self->source, chart_kinds[i]);

      gtk_widget_set_hexpand (view, TRUE);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "precis-chart-card");
      gtk_widget_set_overflow (card, GTK_OVERFLOW_HIDDEN);
      gtk_box_append (GTK_BOX (card), view);
      /* The curves side by side, the ΔAP bars (one row a class) under them. */
      gtk_grid_attach (GTK_GRID (grid), card, i < 2 ? i : 0, i < 2 ? 0 : 1, i < 2 ? 1 : 2, 1);
      self->charts[i] = PRECIS_CHART_VIEW (view);
    }
  return grid;
}

static GtkWidget *
build_empty (PrecisComparePage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("view-dual-symbolic");

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
  gtk_widget_add_css_class (icon, "dim-label");
  self->empty_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_title), "title-2");
  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_label_set_justify (self->empty_label, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (self->empty_label, 50);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty_title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty_label));
  return box;
}

static void
precis_compare_page_init (PrecisComparePage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Baseline"));
  GtkWidget *card = _precis_compare_page_card (_("Models"));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->baseline_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->baseline_dropdown),
                               _("The model the others are compared with: every Δ is model − baseline"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->baseline_dropdown));
  g_signal_connect_swapped (self->baseline_dropdown, "notify::selected", G_CALLBACK (baseline_changed_cb), self);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 1);
  gtk_label_set_ellipsize (self->status_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (controls), label);
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->baseline_dropdown));
  self->delta_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new_with_mnemonic (_("Per-class _ΔAP of"));
  self->delta_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delta_dropdown),
                               _("The model whose per-class ΔAP against the baseline the bar chart shows"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->delta_dropdown));
  g_signal_connect_swapped (self->delta_dropdown, "notify::selected", G_CALLBACK (delta_changed_cb), self);
  gtk_widget_set_margin_start (self->delta_box, 12);
  gtk_box_append (GTK_BOX (self->delta_box), label);
  gtk_box_append (GTK_BOX (self->delta_box), GTK_WIDGET (self->delta_dropdown));
  gtk_widget_set_visible (self->delta_box, FALSE);
  gtk_box_append (GTK_BOX (controls), self->delta_box);
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (box), controls);

  self->table = GTK_GRID (new_grid ());
  self->excluded_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->excluded_label, 0);
  gtk_label_set_wrap (self->excluded_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->excluded_label), "dim-label");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->table));
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->excluded_label));
  gtk_box_append (GTK_BOX (box), card);

  self->boot_grid = GTK_GRID (new_grid ());
  card = _precis_compare_page_build_bootstrap (self);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->boot_grid));
  gtk_box_append (GTK_BOX (box), card);
  gtk_box_append (GTK_BOX (box), build_charts (self));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_stack_add_named (self->stack, scroller, "compare");
  gtk_stack_add_named (self->stack, build_empty (self), "empty");
  precis_compare_page_set_matcher (self, NULL, NULL);
}

GtkWidget *
precis_compare_page_new (void)
{
  return g_object_new (PRECIS_TYPE_COMPARE_PAGE, NULL);
}

void
precis_compare_page_set_matcher (PrecisComparePage *self,
                                 PrecisMatcher     *matcher,
                                 const char        *empty_message)
{
  g_autoptr(GTask) task = NULL;
  BuildJob *job;

  g_return_if_fail (PRECIS_IS_COMPARE_PAGE (self));

  if (matcher != NULL && precis_matcher_get_dataset (matcher) == self->dataset &&
      precis_matcher_get_iou_type (matcher) == self->type)
    return;
  clear_comparison (self);
  if (matcher == NULL)
    {
      show_empty (self, _("No Comparison"), empty_message != NULL ? empty_message
                                                                  : _("Open a project to compare its models."));
      return;
    }
  self->dataset = g_object_ref (precis_matcher_get_dataset (matcher));
  self->type = precis_matcher_get_iou_type (matcher);
  if (precis_dataset_get_n_models (self->dataset) < 2)
    {
      show_empty (self, _("Import a second model to compare"),
                  _("This project has one model. Import another model's predictions for the same images "
                    "(Import Predictions… in the main menu) to see the two side by side, and whether "
                    "their difference is real."));
      return;
    }

  show_empty (self, _("Matching"), _("Matching the predictions of every model…"));
  job = g_new0 (BuildJob, 1);
  job->dataset = g_object_ref (self->dataset);
  job->type = self->type;
  job->given = g_object_ref (matcher);
  self->build_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->build_cancellable, build_done_cb, NULL);
  g_task_set_task_data (task, job, build_job_free);
  g_task_run_in_thread (task, build_thread);
}

void
precis_compare_page_set_params (PrecisComparePage     *self,
                                const PrecisAppParams *params)
{
  gboolean changed;
  guint K;

  g_return_if_fail (PRECIS_IS_COMPARE_PAGE (self));

  changed = !self->have_params || self->threshold != params->threshold ||
            self->confidence != params->confidence || self->area_min != params->area_min ||
            self->area_max != params->area_max;
  self->threshold = params->threshold;
  self->confidence = params->confidence;
  self->area_min = params->area_min;
  self->area_max = params->area_max;
  self->have_params = TRUE;
  if (self->dataset == NULL)
    return;
  K = precis_dataset_get_n_categories (self->dataset);
  if ((params->mask == NULL) != (self->mask == NULL) ||
      (params->mask != NULL && memcmp (params->mask, self->mask, K) != 0))
    {
      g_free (self->mask);
      self->mask = params->mask != NULL ? g_memdup2 (params->mask, K) : NULL;
      self->mask_dirty = TRUE;
      changed = TRUE;
    }
  /* The window also re-evaluates for other reasons (protocol, coco landing). */
  if (!changed)
    return;
  _precis_compare_page_bootstrap_stale (self);
  refresh (self);
}

gboolean
precis_compare_page_is_ready (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), FALSE);
  return self->build_cancellable == NULL && !self->stale;
}

guint
precis_compare_page_get_n_models (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), 0);
  return self->compare != NULL ? self->n_models : 0;
}

guint
precis_compare_page_get_model (PrecisComparePage *self,
                               guint              row)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), PRECIS_NO_INDEX);
  g_return_val_if_fail (row < precis_compare_page_get_n_models (self), PRECIS_NO_INDEX);
  return self->models[row];
}

GtkDropDown *
precis_compare_page_get_baseline_dropdown (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), NULL);
  return self->baseline_dropdown;
}

GtkDropDown *
precis_compare_page_get_delta_dropdown (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), NULL);
  return self->delta_dropdown;
}

GtkLabel *
precis_compare_page_get_cell (PrecisComparePage  *self,
                              guint               row,
                              PrecisCompareColumn column)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), NULL);
  if (self->cells == NULL || row >= self->n_models || column >= PRECIS_COMPARE_N_COLUMNS)
    return NULL;
  return self->cells[row * PRECIS_COMPARE_N_COLUMNS + column];
}

GtkLabel *
precis_compare_page_get_empty_label (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), NULL);
  return self->empty_label;
}

PrecisChartView *
precis_compare_page_get_chart (PrecisComparePage *self,
                               guint              index)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), NULL);
  g_return_val_if_fail (index < N_COMPARE_CHARTS, NULL);
  return self->charts[index];
}

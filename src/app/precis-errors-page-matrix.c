/* precis-errors-page-matrix.c: the Errors page's confusion matrix: a grid of
 * cell buttons over the classes precis_confusion_choose_classes() picks, counts
 * or row shares, zoomed with buttons or ctrl+scroll, exported through the core's
 * confusion chart with the same options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-chart.h"
#include "precis-errors-page-private.h"

#define CELL_WIDTH   64
#define CELL_HEIGHT  30
#define ZOOM_MIN     0.5
#define ZOOM_MAX     3.0
#define ZOOM_STEP    1.25

static guint
n_categories (PrecisErrorsPage *self)
{
  return precis_dataset_get_n_categories (_precis_errors_page_dataset (self));
}

static int
cell_width (PrecisErrorsPage *self)
{
  return (int) (CELL_WIDTH * self->zoom + 0.5);
}

static int
cell_height (PrecisErrorsPage *self)
{
  return (int) (CELL_HEIGHT * self->zoom + 0.5);
}

static void
cell_clicked_cb (GtkButton        *button,
                 PrecisErrorsPage *self)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "precis-row"));
  guint col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "precis-col"));
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GArray) preds = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) gts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *label = NULL;

  if (self->confusion == NULL)
    return;
  precis_confusion_evaluate (self->confusion);
  pairs = precis_confusion_get_cell (self->confusion, row, col);
  for (guint i = 0; i < pairs->len; i++)
    {
      const PrecisConfusionPair *p = &g_array_index (pairs, PrecisConfusionPair, i);

      if (p->prediction != PRECIS_NO_INDEX)
        g_array_append_val (preds, p->prediction);
      if (p->gt != PRECIS_NO_INDEX)
        g_array_append_val (gts, p->gt);
    }
  /* Translators: a confusion matrix cell: GT class → predicted class */
  label = g_strdup_printf (_("GT %s, predicted %s"), _precis_errors_page_class_name (self, row),
                           _precis_errors_page_class_name (self, col));
  _precis_errors_page_emit_images (self, (guint32 *) preds->data, preds->len, (guint32 *) gts->data, gts->len, label);
}

static GtkWidget *
matrix_header (const char *text,
               gboolean    vertical)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), vertical ? 8 : 14);
  gtk_label_set_xalign (GTK_LABEL (label), vertical ? 0.5 : 1);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_tooltip_text (label, text);
  return label;
}

const char *
_precis_errors_page_class_name (PrecisErrorsPage *self,
                                guint             index)
{
  if (index == n_categories (self))
    return _("background");
  return precis_dataset_get_category (_precis_errors_page_dataset (self), index)->name;
}

static void
set_matrix_note (PrecisErrorsPage *self,
                 guint             n_selected,
                 guint             n_confused)
{
  g_autofree char *note = NULL;
  guint n_classes = self->n_shown - 1;
  const char *how = _("Rows: ground truth; columns: predictions. Click a cell to see its objects.");

  if (n_confused > 0)
    /* Translators: the classes shown in the confusion matrix */
    note = g_strdup_printf (_("The %u classes confused most with another (%u are, of %u selected), most first. %s"),
                            n_classes, n_confused, n_selected, how);
  else if (n_selected > n_classes)
    note = g_strdup_printf (_("No class is confused with another; the first %u of %u selected classes. %s"),
                            n_classes, n_selected, how);
  gtk_label_set_text (self->matrix_note, note != NULL ? note : how);
}

static gboolean
cell_query_tooltip (GtkWidget        *button,
                    int               x,
                    int               y,
                    gboolean          keyboard,
                    GtkTooltip       *tooltip,
                    PrecisErrorsPage *self)
{
  g_autofree char *text = NULL;

  text = precis_errors_page_describe_cell (self,
                                           GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "precis-row")),
                                           GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "precis-col")));
  gtk_tooltip_set_text (tooltip, text);
  return text != NULL;
}

/* Shows the classes choose_classes() picks; the grid is rebuilt only when they change. */
void
_precis_errors_page_rebuild_matrix (PrecisErrorsPage *self)
{
  GtkWidget *child;
  g_autofree guint *shown = NULL;
  guint n, n_selected, n_confused;

  if (self->matcher == NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix_grid))) != NULL)
        gtk_grid_remove (self->matrix_grid, child);
      g_clear_pointer (&self->shown, g_free);
      g_clear_pointer (&self->cells, g_free);
      self->n_shown = 0;
      return;
    }
  shown = g_new (guint, n_categories (self) + 1);
  {
    /* Before the first matrix, an empty one: the first Top classes selected. */
    guint K = n_categories (self);
    g_autofree guint *zero = self->matrix == NULL ? g_new0 (guint, (gsize) (K + 1) * (K + 1)) : NULL;

    n = precis_confusion_choose_classes (self->matrix != NULL ? self->matrix : zero, K, self->mask,
                                         gtk_spin_button_get_value_as_int (self->top_spin),
                                         shown, &n_selected, &n_confused);
  }
  if (n == self->n_shown && memcmp (shown, self->shown, n * sizeof (guint)) == 0)
    {
      set_matrix_note (self, n_selected, n_confused);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix_grid))) != NULL)
    gtk_grid_remove (self->matrix_grid, child);
  g_free (self->shown);
  g_free (self->cells);
  self->shown = g_steal_pointer (&shown);
  self->n_shown = n;
  self->cells = g_new0 (GtkWidget *, self->n_shown * self->n_shown);

  gtk_grid_attach (self->matrix_grid, matrix_header (_("GT \\ predicted"), FALSE), 0, 0, 1, 1);
  for (guint j = 0; j < self->n_shown; j++)
    {
      const char *name = _precis_errors_page_class_name (self, self->shown[j]);

      gtk_grid_attach (self->matrix_grid, matrix_header (name, TRUE), j + 1, 0, 1, 1);
      gtk_grid_attach (self->matrix_grid, matrix_header (name, FALSE), 0, j + 1, 1, 1);
    }
  for (guint i = 0; i < self->n_shown; i++)
    for (guint j = 0; j < self->n_shown; j++)
      {
        GtkWidget *button = gtk_button_new_with_label ("");

        gtk_widget_set_has_tooltip (button, TRUE);
        g_signal_connect (button, "query-tooltip", G_CALLBACK (cell_query_tooltip), self);
        gtk_widget_set_size_request (button, cell_width (self), cell_height (self));
        gtk_widget_add_css_class (button, "precis-matrix-cell");
        if (i == j)
          gtk_widget_add_css_class (button, "precis-matrix-diagonal");
        g_object_set_data (G_OBJECT (button), "precis-row", GUINT_TO_POINTER (self->shown[i]));
        g_object_set_data (G_OBJECT (button), "precis-col", GUINT_TO_POINTER (self->shown[j]));
        g_signal_connect (button, "clicked", G_CALLBACK (cell_clicked_cb), self);
        gtk_grid_attach (self->matrix_grid, button, j + 1, i + 1, 1, 1);
        self->cells[i * self->n_shown + j] = button;
      }
  set_matrix_note (self, n_selected, n_confused);
}

/* The matrix cells from self->matrix. */
void
_precis_errors_page_show_cells (PrecisErrorsPage *self)
{
  guint K = n_categories (self);

  for (guint i = 0; i < self->n_shown; i++)
    for (guint j = 0; j < self->n_shown; j++)
      {
        guint n = self->matrix[(gsize) self->shown[i] * (K + 1) + self->shown[j]];
        g_autofree char *text = precis_confusion_format_cell (n, precis_confusion_row_sum (self->matrix, K, self->shown[i]),
                                                              self->row_normalised);

        gtk_button_set_label (GTK_BUTTON (self->cells[i * self->n_shown + j]), text);
        gtk_widget_set_sensitive (self->cells[i * self->n_shown + j], n > 0);
      }
}

static void
on_top_changed (PrecisErrorsPage *self)
{
  if (self->overlaps == NULL || self->matrix == NULL)
    return;
  _precis_errors_page_rebuild_matrix (self);
  _precis_errors_page_show_cells (self);
}


static void
on_mode_toggled (PrecisErrorsPage *self)
{
  gboolean row_normalised = gtk_toggle_button_get_active (self->normalised_toggle);

  if (row_normalised == self->row_normalised)
    return;
  self->row_normalised = row_normalised;
  if (self->matrix != NULL)
    _precis_errors_page_show_cells (self);
}

void
precis_errors_page_set_zoom (PrecisErrorsPage *self,
                             double            zoom)
{
  g_return_if_fail (PRECIS_IS_ERRORS_PAGE (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  for (guint k = 0; k < self->n_shown * self->n_shown; k++)
    gtk_widget_set_size_request (self->cells[k], cell_width (self), cell_height (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_in_button), zoom < ZOOM_MAX);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_out_button), zoom > ZOOM_MIN);
}

double
precis_errors_page_get_zoom (PrecisErrorsPage *self)
{
  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), 1.0);
  return self->zoom;
}

static void
on_zoom_in (PrecisErrorsPage *self)
{
  precis_errors_page_set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
on_zoom_out (PrecisErrorsPage *self)
{
  precis_errors_page_set_zoom (self, self->zoom / ZOOM_STEP);
}

/* ctrl+scroll over the matrix zooms; plain scrolling scrolls. */
static gboolean
matrix_scroll_cb (GtkEventControllerScroll *controller,
                  double                    dx,
                  double                    dy,
                  PrecisErrorsPage         *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  precis_errors_page_set_zoom (self, dy < 0 ? self->zoom * ZOOM_STEP : self->zoom / ZOOM_STEP);
  return TRUE;
}

gboolean
precis_errors_page_get_row_normalised (PrecisErrorsPage *self)
{
  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), FALSE);
  return self->row_normalised;
}

PrecisChart *
precis_errors_page_dup_confusion_chart (PrecisErrorsPage *self)
{
  PrecisDataset *dataset;
  PrecisChartSummary summary = { 0 };
  PrecisConfusionResult result = { 0 };
  g_autoptr(PrecisChartModel) model = NULL;

  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), NULL);

  if (self->matrix == NULL)
    return NULL;
  dataset = _precis_errors_page_dataset (self);
  summary.dataset = precis_dataset_get_name (dataset);
  summary.model = precis_dataset_get_model_name (dataset, precis_matcher_get_model (self->matcher));
  summary.protocol = "active";
  summary.iou_type = precis_iou_type_to_string (precis_matcher_get_iou_type (self->matcher));
  summary.threshold = self->threshold;
  summary.confidence = self->confidence;
  summary.n_categories = n_categories (self);
  model = precis_chart_model_new (&summary, NULL, 0);
  result.threshold = self->threshold;
  result.confidence = self->confidence;
  result.n_classes = n_categories (self);
  result.matrix = self->matrix;
  precis_chart_model_set_confusion (model, &result, dataset, self->mask,
                                    gtk_spin_button_get_value_as_int (self->top_spin), self->row_normalised);
  return precis_chart_new (model, PRECIS_CHART_CONFUSION);
}

gboolean
precis_errors_page_save_confusion_png (PrecisErrorsPage  *self,
                                       const char        *path,
                                       GError           **error)
{
  g_autoptr(PrecisChart) chart = NULL;

  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), FALSE);

  chart = precis_errors_page_dup_confusion_chart (self);
  if (chart == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The confusion matrix is not computed yet"));
      return FALSE;
    }
  return precis_chart_save_png (chart, path, 0, 0, 2.0, PRECIS_PNG_SAVE_OVERWRITE, error);
}

static void
export_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    PrecisErrorsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  /* The chooser asked before replacing a file. */
  if (path != NULL && !precis_errors_page_save_confusion_png (self, path, &error))
    gtk_label_set_text (self->matrix_note, error->message);
  g_object_unref (dialog);
}

static void
on_export (PrecisErrorsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Confusion Matrix"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "confusion.png");
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_precis_errors_page_init_matrix (PrecisErrorsPage *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->zoom = 1.0;
  g_signal_connect (scroll, "scroll", G_CALLBACK (matrix_scroll_cb), self);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->matrix_scroller), scroll);
}

void
_precis_errors_page_class_init_matrix (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, matrix_grid);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, matrix_note);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, matrix_scroller);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, top_spin);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, normalised_toggle);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, PrecisErrorsPage, zoom_out_button);
  gtk_widget_class_bind_template_callback (widget_class, on_top_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_in);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_out);
  gtk_widget_class_bind_template_callback (widget_class, on_export);
}

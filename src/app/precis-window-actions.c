/* precis-window-actions.c: the win.* actions, file choosers, chart export, keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-window-private.h"

/* File choosers ------------------------------------------------------------------ */

/* Shows @dialog (whose creation reference it keeps until its response) with
 * @response_cb; the window knows it as its file chooser meanwhile. */
void
_precis_window_show_chooser (PrecisWindow         *self,
              GtkFileChooserNative *dialog,
              GCallback             response_cb)
{
  g_assert (self->file_chooser == NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", response_cb, self);
  self->file_chooser = GTK_NATIVE_DIALOG (dialog);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_precis_window_close_chooser (PrecisWindow *self)
{
  GtkNativeDialog *dialog = g_steal_pointer (&self->file_chooser);

  if (dialog == NULL)
    return;
  g_signal_handlers_disconnect_by_data (dialog, self);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

GtkNativeDialog *
precis_window_get_file_chooser (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return self->file_chooser;
}

/* Open --------------------------------------------------------------------------- */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  PrecisWindow    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  _precis_window_close_chooser (self);
  if (file != NULL)
    precis_window_open (self, file);
}

static void
show_open_dialog (PrecisWindow         *self,
                  GtkFileChooserAction  action)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                        ? _("Open Project Folder") : _("Open Project File"),
                                        GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (json, _("Project files (JSON)"));
      gtk_file_filter_add_pattern (json, "*.json");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
    }

  _precis_window_show_chooser (self, dialog, G_CALLBACK (open_response_cb));
}

/* win.open (a project folder) and win.open-file (a project file) */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_open_dialog (PRECIS_WINDOW (widget), g_str_equal (action_name, "win.open-file")
                                            ? GTK_FILE_CHOOSER_ACTION_OPEN
                                            : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  precis_window_open (PRECIS_WINDOW (widget), file);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  precis_window_cancel_load (PRECIS_WINDOW (widget));
}

/* Controls ------------------------------------------------------------------------ */

static void
iou_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PrecisWindow *self = PRECIS_WINDOW (widget);

  precis_sidebar_nudge_iou (self->sidebar, g_variant_get_double (parameter));
}

static void
search_classes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  precis_sidebar_focus_search (PRECIS_WINDOW (widget)->sidebar);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  precis_window_set_page (PRECIS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Export ---------------------------------------------------------------------------- */

static void
show_export_error (PrecisWindow *self,
                   const GError *error)
{
  GtkWidget *dialog;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", _("Could not export the chart"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_chart_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          PrecisWindow    *self)
{
  g_autoptr(PrecisChartView) view = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      view = g_object_ref (g_object_get_data (G_OBJECT (dialog), "precis-chart"));
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
    }
  _precis_window_close_chooser (self);

  path = file != NULL ? g_file_get_path (file) : NULL;
  /* The file chooser has already asked before replacing a file. */
  if (path != NULL && !precis_chart_view_save_png (view, path, TRUE, &error))
    show_export_error (self, error);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PrecisWindow *self = PRECIS_WINDOW (widget);
  PrecisChartView *view = precis_performance_page_get_current_chart (self->performance_page);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();

  if (view == NULL)
    return;

  title = precis_chart_view_dup_title (view);
  dialog = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = precis_chart_view_dup_file_name (view);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (png, _("PNG images"));
  gtk_file_filter_add_mime_type (png, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), png);

  g_object_set_data_full (G_OBJECT (dialog), "precis-chart", g_object_ref (view), g_object_unref);
  _precis_window_show_chooser (self, dialog, G_CALLBACK (export_chart_response_cb));
}

guint
precis_window_export_all_charts (PrecisWindow  *self,
                                 GFile         *folder,
                                 gboolean       overwrite,
                                 GError       **error)
{
  guint n;

  g_return_val_if_fail (PRECIS_IS_WINDOW (self), 0);
  g_return_val_if_fail (G_IS_FILE (folder), 0);

  n = precis_performance_page_get_n_charts (self->performance_page);
  for (guint i = 0; i < n; i++)
    {
      PrecisChartView *view = precis_performance_page_get_chart (self->performance_page, i);
      g_autofree char *name = precis_chart_view_dup_file_name (view);
      g_autoptr(GFile) file = g_file_get_child (folder, name);
      g_autofree char *path = g_file_get_path (file);

      if (!precis_chart_view_save_png (view, path, overwrite, error))
        return i;
    }

  return n;
}

static guint
export_all_to (PrecisWindow  *self,
               GFile         *folder,
               GError       **error)
{
  /* The user confirmed replacing existing files. */
  return precis_window_export_all_charts (self, folder, TRUE, error);
}

static void
export_all_confirm_cb (GtkDialog    *dialog,
                       int           response,
                       PrecisWindow *self)
{
  GFile *folder = g_object_get_data (G_OBJECT (dialog), "precis-folder");
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && export_all_to (self, folder, &error) <
      precis_performance_page_get_n_charts (self->performance_page))
    show_export_error (self, error);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Asks before replacing the @n_existing charts already in @folder. */
static void
confirm_replace (PrecisWindow *self,
                 GFile        *folder,
                 guint         n_existing)
{
  GtkWidget *confirm;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  confirm = gtk_message_dialog_new (GTK_WINDOW (self),
                                    GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                    GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                    ngettext ("Replace %u existing chart?",
                                              "Replace %u existing charts?", n_existing),
                                    n_existing);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (confirm), "%s",
                                            _("The folder already holds charts with the same file names."));
  gtk_dialog_add_button (GTK_DIALOG (confirm), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (confirm), _("_Replace"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (confirm), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (confirm),
                                                                GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_object_set_data_full (G_OBJECT (confirm), "precis-folder", g_object_ref (folder), g_object_unref);
  g_signal_connect (confirm, "response", G_CALLBACK (export_all_confirm_cb), self);
  gtk_window_present (GTK_WINDOW (confirm));
}

static void
export_all_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        PrecisWindow    *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  guint n = precis_performance_page_get_n_charts (self->performance_page);
  guint n_existing = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  _precis_window_close_chooser (self);
  if (folder == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      PrecisChartView *view = precis_performance_page_get_chart (self->performance_page, i);
      g_autofree char *name = precis_chart_view_dup_file_name (view);
      g_autoptr(GFile) file = g_file_get_child (folder, name);

      if (g_file_query_exists (file, NULL))
        n_existing++;
    }

  if (n_existing > 0)
    confirm_replace (self, folder, n_existing);
  else if (export_all_to (self, folder, &error) < n)
    show_export_error (self, error);
}

static void
export_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PrecisWindow *self = PRECIS_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export All Charts to a Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Export"), _("_Cancel"));
  _precis_window_show_chooser (self, dialog, G_CALLBACK (export_all_response_cb));
}

void
_precis_window_update_actions (PrecisWindow *self)
{
  gboolean loading = self->cancellable != NULL;
  gboolean have_project = self->dataset != NULL;
  gboolean have_charts = self->active != NULL;
  gboolean on_charts = g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack),
                                  "performance") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", have_charts && on_charts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all", have_charts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.iou-step", have_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-classes", have_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page", have_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), have_project);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher), have_project);
  _precis_window_update_model_actions (self);
}

/* Class and instance set-up ------------------------------------------------------------ */

void
_precis_window_class_actions_init (PrecisWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_all_action);
  gtk_widget_class_install_action (widget_class, "win.iou-step", "d", iou_step_action);
  gtk_widget_class_install_action (widget_class, "win.search-classes", NULL, search_classes_action);
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-load", NULL);
}

/* ‘,’ and ‘.’ nudge the IoU by 0.01, with Shift (‘<’ and ‘>’ on most layouts)
 * by 0.05, wherever the focus is except in a text entry. In the capture phase:
 * list and grid views would otherwise take these keys first. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PrecisWindow          *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  double delta;

  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_comma:
      delta = shift ? -0.05 : -0.01;
      break;
    case GDK_KEY_period:
      delta = shift ? 0.05 : 0.01;
      break;
    case GDK_KEY_less:
      delta = -0.05;
      break;
    case GDK_KEY_greater:
      delta = 0.05;
      break;
    default:
      return FALSE;
    }

  return gtk_widget_activate_action (GTK_WIDGET (self), "win.iou-step", "d", delta);
}

void
_precis_window_actions_init (PrecisWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}


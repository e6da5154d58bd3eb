/* precis-window.c: the main window (header bar, sidebar, cards, pages)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "precis-explorer-page.h"
#include "precis-image-view.h"
#include "precis-window-private.h"

G_DEFINE_FINAL_TYPE (PrecisWindow, precis_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROJECT_OPENED,
  SCRIPT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
replace_str (char       **str,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*str);
  *str = copy;
}

/* Whether the application offers @name: PrecisApplication does, a plain
 * GtkApplication (an embedding, a test) does not. */
static gboolean
app_has_property (GtkApplication *app,
                  const char     *name)
{
  return app != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (app), name) != NULL;
}

void
_precis_window_show_error (PrecisWindow *self,
            const char   *title,
            const char   *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_bar, TRUE);
}

void
_precis_window_hide_error (PrecisWindow *self)
{
  g_clear_pointer (&self->error_text, g_free);
  gtk_revealer_set_reveal_child (self->error_bar, FALSE);
}

static void
error_bar_close_cb (PrecisWindow *self)
{
  _precis_window_hide_error (self);
}

static void
update_title (PrecisWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  if (self->dataset == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Precis"));
      return;
    }

  if (precis_dataset_get_n_models (self->dataset) > 1 || precis_dataset_get_n_models (self->dataset) == 0)
    title = g_strdup (precis_dataset_get_name (self->dataset));
  else
    /* Translators: header title, “project · model”. */
    title = g_strdup_printf (_("%s · %s"), precis_dataset_get_name (self->dataset),
                             precis_dataset_get_model_name (self->dataset, self->model));
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);

  /* Translators: window title, “project · model — Precis”. */
  window_title = g_strdup_printf (_("%s — Precis"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

void
_precis_window_update_models (PrecisWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = self->dataset != NULL ? precis_dataset_get_n_models (self->dataset) : 0;

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, precis_dataset_get_model_name (self->dataset, i));

  self->updating_models = TRUE;
  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->model_dropdown, self->model);
  gtk_widget_set_visible (GTK_WIDGET (self->model_dropdown), n > 1);
  self->updating_models = FALSE;
}

static void
install_explorer (PrecisWindow *self)
{
  if (self->explorer_page != NULL)
    precis_explorer_page_set_evaluation (PRECIS_EXPLORER_PAGE (self->explorer_page),
                                         self->dataset, self->matcher, self->active);
}

/* A start-up option that cannot be honoured: shown, and for a scripted run
 * printed and remembered for the exit status. */
void
_precis_window_startup_error (PrecisWindow *self,
                              const char   *title,
                              const char   *message)
{
  _precis_window_show_error (self, title, message);
  if (self->startup_screenshot != NULL || self->startup_bench)
    {
      g_printerr ("precis: %s\n", message);
      self->startup_failed = TRUE;
    }
}

/* --image: the explorer's detail view of that image. */
static void
open_startup_image (PrecisWindow *self)
{
  guint32 index = PRECIS_NO_INDEX;

  if (self->dataset != NULL)
    index = precis_dataset_find_image (self->dataset, self->startup_image_id);
  if (index == PRECIS_NO_INDEX)
    {
      g_autofree char *message = NULL;

      /* Translators: the number is a COCO image id */
      message = g_strdup_printf (_("The project has no image with id %" PRId64),
                                 self->startup_image_id);
      _precis_window_startup_error (self, _("Unknown image on the command line"), message);
      return;
    }
  precis_window_set_page (self, "explorer");
  precis_explorer_page_show_image (PRECIS_EXPLORER_PAGE (self->explorer_page), index);
}

void
precis_window_apply_startup (PrecisWindow *self)
{
  g_return_if_fail (PRECIS_IS_WINDOW (self));

  if (!self->startup_pending)
    return;
  self->startup_pending = FALSE;

  if (self->startup_iou >= 0)
    precis_sidebar_set_iou (self->sidebar, self->startup_iou);
  if (self->startup_confidence >= 0)
    precis_sidebar_set_confidence (self->sidebar, self->startup_confidence);
  if (self->startup_protocol != NULL)
    precis_sidebar_set_protocol (self->sidebar,
                                 g_str_equal (self->startup_protocol, "coco")
                                 ? PRECIS_APP_PROTOCOL_COCO : PRECIS_APP_PROTOCOL_ACTIVE);
  if (self->startup_classes != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!precis_sidebar_select_classes (self->sidebar, self->startup_classes, &error))
        _precis_window_startup_error (self, _("Unknown class on the command line"), error->message);
    }
  if (self->startup_page != NULL)
    precis_window_set_page (self, self->startup_page);
  if (self->startup_has_image)
    open_startup_image (self);

  if (self->startup_screenshot != NULL)
    _precis_window_start_screenshot (self);
  else if (self->startup_bench)
    _precis_window_start_bench (self);
}

void
_precis_window_set_evaluation (PrecisWindow  *self,
                PrecisDataset *dataset,
                guint          model,
                PrecisMatcher *matcher,
                const GError  *match_error)
{
  gboolean new_dataset = dataset != self->dataset;

  g_set_object (&self->dataset, dataset);
  g_set_object (&self->matcher, matcher);
  g_clear_object (&self->active);
  g_clear_object (&self->coco);
  g_clear_pointer (&self->coco_error, g_free);
  self->model = model;
  self->active = precis_app_eval_new_active (matcher);
  self->classes_dirty = TRUE;

  if (new_dataset)
    {
      precis_sidebar_set_dataset (self->sidebar, dataset, model);
      _precis_window_update_models (self);
    }

  if (matcher != NULL)
    precis_sidebar_set_iou_type (self->sidebar, precis_matcher_get_iou_type (matcher));

  precis_performance_page_set_active (self->performance_page, self->active,
                                      match_error != NULL ? match_error->message : NULL);
  precis_errors_page_set_matcher (self->errors_page, matcher,
                                  match_error != NULL ? match_error->message : NULL);
  precis_metrics_page_set_matcher (self->metrics_page, matcher,
                                   match_error != NULL ? match_error->message : NULL);
  precis_compare_page_set_matcher (self->compare_page, matcher,
                                   match_error != NULL ? match_error->message : NULL);
  install_explorer (self);
  update_title (self);
  gtk_stack_set_visible_child_name (self->main_stack, dataset != NULL ? "project" : "welcome");

  _precis_window_evaluate (self);
  _precis_window_update_actions (self);
}

/* Recent projects ------------------------------------------------------------------ */

static void
recent_row_activated_cb (PrecisWindow  *self,
                         GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "precis-path");
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  precis_window_open (self, file);
}

/* The recent projects are the application's "recent-projects"; every window
 * follows its changes. */
static void
rebuild_recent (PrecisWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_auto(GStrv) recent = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) open_section = g_menu_new ();
  g_autoptr(GMenu) recent_section = g_menu_new ();
  GtkWidget *child;
  guint n = 0;

  if (app_has_property (app, "recent-projects"))
    g_object_get (app, "recent-projects", &recent, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      g_autofree char *dir = g_path_get_dirname (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (name);
      GtkWidget *subtitle = gtk_label_new (dir);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (recent_section, item);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), subtitle);
      gtk_widget_add_css_class (box, "precis-recent-row");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "precis-path", g_strdup (recent[i]), g_free);
      gtk_widget_set_tooltip_text (row, recent[i]);
      gtk_list_box_append (self->recent_list, row);
      n++;
    }

  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No recent projects"), "win.no-recent");
      g_menu_append_item (recent_section, item);
    }

  g_menu_append (open_section, _("Open _Folder…"), "win.open");
  g_menu_append (open_section, _("Open Project _File…"), "win.open-file");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open_section));
  g_menu_append_section (menu, _("Recent Projects"), G_MENU_MODEL (recent_section));

  gtk_menu_button_set_menu_model (self->recent_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (self->recent_box, n > 0);
}

/* Drag and drop ------------------------------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PrecisWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  precis_window_open (self, files->data);
  return TRUE;
}

/* Window state ---------------------------------------------------------------------- */

static gboolean
precis_window_close_request (GtkWindow *window)
{
  PrecisWindow *self = PRECIS_WINDOW (window);
  GSettings *settings = self->settings;

  precis_window_cancel_load (self);

  /* Scripted windows leave the user's settings alone. */
  if (settings != NULL && self->startup_screenshot == NULL && !self->startup_bench)
    {
      int width = 0, height = 0;

      gtk_window_get_default_size (window, &width, &height);
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_double (settings, "iou-threshold", precis_sidebar_get_iou (self->sidebar));
      g_settings_set_double (settings, "confidence-threshold",
                             precis_sidebar_get_confidence (self->sidebar));
      g_settings_set_string (settings, "protocol",
                             precis_sidebar_get_protocol (self->sidebar) == PRECIS_APP_PROTOCOL_COCO
                             ? "coco" : "active");
      g_settings_set_string (settings, "last-page",
                             gtk_stack_get_visible_child_name (self->view_stack));
    }

  return GTK_WINDOW_CLASS (precis_window_parent_class)->close_request (window);
}

static void
load_settings (PrecisWindow *self)
{
  GSettings *settings = self->settings;
  g_autofree char *protocol = NULL;
  g_autofree char *page = NULL;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  precis_sidebar_set_iou (self->sidebar, g_settings_get_double (settings, "iou-threshold"));
  precis_sidebar_set_confidence (self->sidebar, g_settings_get_double (settings, "confidence-threshold"));
  protocol = g_settings_get_string (settings, "protocol");
  precis_sidebar_set_protocol (self->sidebar, g_str_equal (protocol, "coco")
                                              ? PRECIS_APP_PROTOCOL_COCO : PRECIS_APP_PROTOCOL_ACTIVE);
  page = g_settings_get_string (settings, "last-page");
  precis_window_set_page (self, page);
}

/* GObject ---------------------------------------------------------------------------- */

static void
precis_window_constructed (GObject *object)
{
  PrecisWindow *self = PRECIS_WINDOW (object);

  G_OBJECT_CLASS (precis_window_parent_class)->constructed (object);

  _precis_window_update_actions (self);
}

static void
precis_window_dispose (GObject *object)
{
  PrecisWindow *self = PRECIS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _precis_window_close_chooser (self);
  _precis_window_models_dispose (self);

  /* No gtk_widget_dispose_template() here: GtkWindow unparents its child and
   * titlebar itself, and unparenting them first makes it touch freed widgets. */

  g_clear_object (&self->coco);
  g_clear_object (&self->active);
  g_clear_object (&self->matcher);
  g_clear_object (&self->dataset);
  g_clear_object (&self->startup_screenshot);
  g_clear_object (&self->settings);
  if (self->recent_handler != 0)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (app != NULL)
        g_signal_handler_disconnect (app, self->recent_handler);
      self->recent_handler = 0;
    }

  G_OBJECT_CLASS (precis_window_parent_class)->dispose (object);
}

static void
precis_window_finalize (GObject *object)
{
  PrecisWindow *self = PRECIS_WINDOW (object);

  g_free (self->error_text);
  g_free (self->coco_error);
  g_free (self->startup_classes);
  g_free (self->startup_model);
  g_free (self->startup_iou_type);
  g_free (self->startup_protocol);
  g_free (self->startup_page);

  G_OBJECT_CLASS (precis_window_parent_class)->finalize (object);
}

static void
precis_window_class_init (PrecisWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = precis_window_constructed;
  object_class->dispose = precis_window_dispose;
  object_class->finalize = precis_window_finalize;
  window_class->close_request = precis_window_close_request;

  g_type_ensure (PRECIS_TYPE_SIDEBAR);
  g_type_ensure (PRECIS_TYPE_CARDS);
  g_type_ensure (PRECIS_TYPE_PERFORMANCE_PAGE);
  g_type_ensure (PRECIS_TYPE_ERRORS_PAGE);
  g_type_ensure (PRECIS_TYPE_METRICS_PAGE);
  g_type_ensure (PRECIS_TYPE_COMPARE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/precis/Precis/ui/precis-window.ui");

  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, error_bar);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, cards);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, performance_page);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, explorer_slot);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, errors_page);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, metrics_page);
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, compare_page);

  gtk_widget_class_bind_template_callback (widget_class, error_bar_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  _precis_window_class_init_eval (widget_class);
  _precis_window_class_actions_init (klass);
  _precis_window_class_models_init (widget_class);

  /**
   * PrecisWindow::project-opened:
   * @self: the window
   * @location: the project folder or project file
   *
   * A project was loaded from @location (for the recent projects).
   */
  signals[PROJECT_OPENED] =
    g_signal_new ("project-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * PrecisWindow::script-finished:
   * @self: the window
   * @status: the exit status of the scripted run, 0 on success
   *
   * A scripted run (--screenshot, --bench-ui) is over; the window closes next.
   */
  signals[SCRIPT_FINISHED] =
    g_signal_new ("script-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

/* The detail view's tooltip names an object's TIDE error (issue 13). */
static char *
describe_error_cb (gboolean is_gt,
                   guint32  index,
                   gpointer user_data)
{
  return precis_errors_page_describe (PRECIS_ERRORS_PAGE (user_data), is_gt, index);
}

/* The gallery's error type filter and sort get their counts from the Errors
 * page, in a worker. */
static void
count_errors_cb (PrecisTideError      error,
                 guint32              category,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             callback_data,
                 gpointer             user_data)
{
  precis_errors_page_count_per_image_async (PRECIS_ERRORS_PAGE (user_data), error, category,
                                            cancellable, callback, callback_data);
}

static guint32 *
count_errors_finish (GAsyncResult  *result,
                     GError       **error,
                     gpointer       user_data)
{
  return precis_errors_page_count_per_image_finish (PRECIS_ERRORS_PAGE (user_data), result, error);
}

/* The detail view's object rows name their TIDE type, from a worker too. */
static void
object_errors_cb (GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             callback_data,
                  gpointer             user_data)
{
  precis_errors_page_object_errors_async (PRECIS_ERRORS_PAGE (user_data), cancellable, callback, callback_data);
}

static guint8 *
object_errors_finish (GAsyncResult  *result,
                      GError       **error,
                      gpointer       user_data)
{
  return precis_errors_page_object_errors_finish (PRECIS_ERRORS_PAGE (user_data), result, error);
}

static void
errors_changed_cb (PrecisWindow *self)
{
  precis_explorer_page_evaluation_changed (PRECIS_EXPLORER_PAGE (self->explorer_page));
}

static void
precis_window_init (PrecisWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->explorer_page = precis_explorer_page_new ();
  gtk_widget_set_vexpand (self->explorer_page, TRUE);
  gtk_box_append (self->explorer_slot, self->explorer_page);
  precis_image_view_set_describe_func (
    PRECIS_IMAGE_VIEW (precis_explorer_page_get_image_view (PRECIS_EXPLORER_PAGE (self->explorer_page))),
    describe_error_cb, self->errors_page);
  precis_explorer_page_set_error_func (PRECIS_EXPLORER_PAGE (self->explorer_page),
                                       count_errors_cb, count_errors_finish, self->errors_page);
  precis_explorer_page_set_types_func (PRECIS_EXPLORER_PAGE (self->explorer_page),
                                       object_errors_cb, object_errors_finish, self->errors_page);
  g_signal_connect_object (self->errors_page, "errors-changed",
                           G_CALLBACK (errors_changed_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->startup_iou = -1;
  self->startup_confidence = -1;

  _precis_window_actions_init (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  update_title (self);
}

static void
error_background_changed_cb (PrecisWindow *self)
{
  precis_errors_page_set_background (self->errors_page,
                                     g_settings_get_double (self->settings, "error-background"));
}

PrecisWindow *
precis_window_new (gpointer application)
{
  PrecisWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (PRECIS_TYPE_WINDOW, "application", application, NULL);

  /* GtkWindow:application is set after constructed(), so the settings and the
   * recent projects are read here. */
  if (app_has_property (application, "settings"))
    g_object_get (application, "settings", &self->settings, NULL);
  if (app_has_property (application, "recent-projects"))
    /* Tied to the window: by its dispose GtkWindow has already left the
     * application, so dispose cannot always disconnect it. */
    self->recent_handler = g_signal_connect_object (application, "notify::recent-projects",
                                                    G_CALLBACK (rebuild_recent), self, G_CONNECT_SWAPPED);
  load_settings (self);
  rebuild_recent (self);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::error-background",
                               G_CALLBACK (error_background_changed_cb), self, G_CONNECT_SWAPPED);
      error_background_changed_cb (self);
    }

  return self;
}

void
_precis_window_project_opened (PrecisWindow *self,
                               GFile        *location)
{
  g_signal_emit (self, signals[PROJECT_OPENED], 0, location);
}

void
_precis_window_finish_scripted (PrecisWindow *self,
                                int           status)
{
  g_signal_emit (self, signals[SCRIPT_FINISHED], 0, status);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
precis_window_set_startup (PrecisWindow        *self,
                           const PrecisStartup *startup)
{
  g_return_if_fail (PRECIS_IS_WINDOW (self));
  g_return_if_fail (startup != NULL);

  self->startup_pending = TRUE;
  self->startup_iou = startup->iou;
  self->startup_confidence = startup->confidence;
  replace_str (&self->startup_classes, startup->classes);
  replace_str (&self->startup_model, startup->model);
  replace_str (&self->startup_iou_type, startup->iou_type);
  replace_str (&self->startup_protocol, startup->protocol);
  replace_str (&self->startup_page, startup->page);
  g_set_object (&self->startup_screenshot, startup->screenshot);
  self->startup_force = startup->force;
  self->startup_has_image = startup->has_image;
  self->startup_image_id = startup->image_id;
  self->startup_bench = startup->bench_ui;

  /* Settings that do not wait for the project. */
  if (startup->page != NULL)
    precis_window_set_page (self, startup->page);
}

gboolean
precis_window_is_loading (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

PrecisDataset *
precis_window_get_dataset (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return self->dataset;
}

PrecisMatcher *
precis_window_get_matcher (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return self->matcher;
}

const char *
precis_window_get_error_text (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return self->error_text;
}

GtkWidget *
precis_window_get_part (PrecisWindow *self,
                        const char   *name)
{
  static const struct {
    const char *name;
    gsize       offset;
  } parts[] = {
    { "sidebar", G_STRUCT_OFFSET (PrecisWindow, sidebar) },
    { "cards", G_STRUCT_OFFSET (PrecisWindow, cards) },
    { "performance-page", G_STRUCT_OFFSET (PrecisWindow, performance_page) },
    { "errors-page", G_STRUCT_OFFSET (PrecisWindow, errors_page) },
    { "metrics-page", G_STRUCT_OFFSET (PrecisWindow, metrics_page) },
    { "compare-page", G_STRUCT_OFFSET (PrecisWindow, compare_page) },
    { "explorer-page", G_STRUCT_OFFSET (PrecisWindow, explorer_page) },
  };

  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, self, parts[i].offset);
  return NULL;
}

void
precis_window_set_model (PrecisWindow *self,
                         guint         model)
{
  g_return_if_fail (PRECIS_IS_WINDOW (self));
  g_return_if_fail (self->dataset != NULL);
  g_return_if_fail (model < precis_dataset_get_n_models (self->dataset));

  /* As the header's model selector does: match in a thread, then show. */
  gtk_drop_down_set_selected (self->model_dropdown, model);
}

void
precis_window_set_page (PrecisWindow *self,
                        const char   *page)
{
  g_return_if_fail (PRECIS_IS_WINDOW (self));

  if (page == NULL)
    return;
  if (g_str_equal (page, "charts"))
    page = "performance";
  if (g_str_equal (page, "performance") || g_str_equal (page, "errors") || g_str_equal (page, "metrics") ||
      g_str_equal (page, "compare") || g_str_equal (page, "explorer"))
    gtk_stack_set_visible_child_name (self->view_stack, page);
}


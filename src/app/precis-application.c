/* precis-application.c: the GtkApplication of Precis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-application.h"
#include "precis-window.h"
#include "precis-dataset-cache.h"

#define MAX_RECENT 10

struct _PrecisApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  gboolean        settings_looked_up;
  /* Used when there is no schema: recent projects for this session only. */
  GPtrArray      *recent;
  int             exit_status;
};

G_DEFINE_FINAL_TYPE (PrecisApplication, precis_application, GTK_TYPE_APPLICATION)

/* What the windows read: they know the application only as a GtkApplication
 * with these properties (precis-window-private.h). */
enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_RECENT_PROJECTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "gt", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Ground-truth COCO file (instead of a project)"), N_("FILE") },
  { "pred", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("COCO results file of a model (repeat for several models)"), N_("FILE") },
  { "images", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Folder of the images"), N_("DIR") },
  { "iou", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
    N_("IoU threshold, 0 to 1"), N_("T") },
  { "confidence", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
    N_("Confidence threshold, 0 to 1"), N_("S") },
  { "classes", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Evaluate only these classes (comma-separated names or ids)"), N_("LIST") },
  { "model", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show this model of the project"), N_("NAME") },
  { "collection", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Evaluate only the images of this collection of the project file"), N_("NAME") },
  { "iou-type", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Shape kind: bbox, segm, keypoints or polyline"), N_("TYPE") },
  { "protocol", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Protocol: active or coco"), N_("NAME") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Page to show: performance, explorer, errors, metrics or compare"), N_("PAGE") },
  { "image", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Open the image with this COCO id in the explorer; with --screenshot, render its "
       "detail view (picture, overlays, object list) instead of the window"), N_("ID") },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Render the window into a PNG file after loading, then quit"), N_("FILE") },
  { "force", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Let --screenshot replace an existing file"), NULL },
  { "bench-ui", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Drag the IoU slider through 0…1 and back, print frame times, then quit"), N_("PROJECT") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and quit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, N_("[PROJECT…]") },
  { NULL }
};

PrecisApplication *
precis_application_new (void)
{
  return g_object_new (PRECIS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/org/precis/Precis",
                       NULL);
}

GSettings *
precis_application_get_settings (PrecisApplication *self)
{
  g_return_val_if_fail (PRECIS_IS_APPLICATION (self), NULL);

  if (!self->settings_looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      self->settings_looked_up = TRUE;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

      /* Uninstalled: the schema compiled in the build tree. */
      if (schema == NULL)
        {
          g_autoptr(GSettingsSchemaSource) build_source = NULL;

          build_source = g_settings_schema_source_new_from_directory (PRECIS_BUILD_SCHEMA_DIR,
                                                                      source, FALSE, NULL);
          if (build_source != NULL)
            schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
        }

      if (schema != NULL)
        self->settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("GSettings schema %s not found: settings are not kept", APP_ID);
    }

  return self->settings;
}

char **
precis_application_dup_recent (PrecisApplication *self)
{
  GSettings *settings;
  GStrvBuilder *builder;
  char **result;

  g_return_val_if_fail (PRECIS_IS_APPLICATION (self), NULL);

  settings = precis_application_get_settings (self);
  if (settings != NULL)
    {
      g_auto(GStrv) paths = g_settings_get_strv (settings, "recent-projects");

      builder = g_strv_builder_new ();
      for (guint i = 0; paths[i] != NULL; i++)
        g_strv_builder_add (builder, paths[i]);
      result = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
      return result;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->recent->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->recent, i));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

void
precis_application_add_recent (PrecisApplication *self,
                               GFile             *file)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) old = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GSettings *settings;

  g_return_if_fail (PRECIS_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    return;

  old = precis_application_dup_recent (self);
  list = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (list, g_strdup (path));
  for (guint i = 0; old[i] != NULL && list->len < MAX_RECENT; i++)
    if (!g_str_equal (old[i], path))
      g_ptr_array_add (list, g_strdup (old[i]));

  settings = precis_application_get_settings (self);
  if (settings != NULL)
    {
      g_ptr_array_add (list, NULL);
      g_settings_set_strv (settings, "recent-projects", (const char * const *) list->pdata);
    }
  else
    {
      g_ptr_array_set_size (self->recent, 0);
      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (self->recent, g_strdup (g_ptr_array_index (list, i)));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECENT_PROJECTS]);
}

int
precis_application_get_exit_status (PrecisApplication *self)
{
  g_return_val_if_fail (PRECIS_IS_APPLICATION (self), 1);
  return self->exit_status;
}

void
precis_application_set_exit_status (PrecisApplication *self,
                                    int                status)
{
  g_return_if_fail (PRECIS_IS_APPLICATION (self));
  self->exit_status = status;
}

/* Window signals ------------------------------------------------------------- */

static void
project_opened_cb (PrecisApplication *self,
                   GFile             *location)
{
  precis_application_add_recent (self, location);
}

static void
script_finished_cb (PrecisApplication *self,
                    int                status)
{
  precis_application_set_exit_status (self, status);
}

/* Every window of the application, however it was made (here, or by a test
 * with precis_window_new()), reports to it through its signals. */
static void
precis_application_window_added (GtkApplication *app,
                                 GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (precis_application_parent_class)->window_added (app, window);

  if (!PRECIS_IS_WINDOW (window))
    return;
  g_signal_connect_object (window, "project-opened", G_CALLBACK (project_opened_cb),
                           app, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "script-finished", G_CALLBACK (script_finished_cb),
                           app, G_CONNECT_SWAPPED);
}

static PrecisWindow *
new_window (PrecisApplication *self)
{
  PrecisWindow *window = precis_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static PrecisWindow *
get_or_new_window (PrecisApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (PRECIS_IS_WINDOW (window))
    {
      gtk_window_present (window);
      return PRECIS_WINDOW (window);
    }
  return new_window (self);
}

/* Actions -------------------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PrecisApplication *self = user_data;
  g_autoptr(GList) copy = NULL;

  /* Close each window, so that it saves its state. */
  copy = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PrecisApplication *self = user_data;
  static const char *authors[] = { "The Precis developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_about_dialog (parent,
                         "program-name", _("Precis"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Evaluate object detection, segmentation, keypoint and "
                                       "polyline predictions against COCO ground truth"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  new_window (PRECIS_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "new-window", new_window_activated },
};

/* GApplication --------------------------------------------------------------- */

static void
precis_application_startup (GApplication *app)
{
  PrecisApplication *self = PRECIS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *help_accels[] = { "<Control>question", "question", NULL };
  static const char *performance_accels[] = { "<Alt>1", NULL };
  static const char *explorer_accels[] = { "<Alt>2", NULL };
  static const char *errors_accels[] = { "<Alt>3", NULL };
  static const char *metrics_accels[] = { "<Alt>4", NULL };
  static const char *compare_accels[] = { "<Alt>5", NULL };
  g_autoptr(GtkCssProvider) css = NULL;

  G_APPLICATION_CLASS (precis_application_parent_class)->startup (app);

  /* The dataset cache (docs/FORMATS.md), unless the user turned it off; the
   * environment's PRECIS_NO_CACHE turns it off too. */
  if (precis_application_get_settings (self) != NULL &&
      !g_settings_get_boolean (precis_application_get_settings (self), "dataset-cache"))
    precis_dataset_cache_set_enabled (FALSE);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-chart", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search-classes", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.page::performance",
                                         performance_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.page::explorer",
                                         explorer_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.page::errors", errors_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.page::metrics", metrics_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.page::compare", compare_accels);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/precis/Precis/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
precis_application_activate (GApplication *app)
{
  get_or_new_window (PRECIS_APPLICATION (app));
}

static void
precis_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  PrecisApplication *self = PRECIS_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      PrecisWindow *window = i == 0 ? get_or_new_window (self) : new_window (self);

      precis_window_open (window, files[i]);
    }
}

static int
precis_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("precis %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Scripted runs get their own process, window and exit status. */
  if (g_variant_dict_contains (options, "screenshot") ||
      g_variant_dict_contains (options, "bench-ui"))
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static GFile *
file_from_option (GApplicationCommandLine *cmdline,
                  GVariantDict            *options,
                  const char              *name)
{
  const char *arg = NULL;

  if (!g_variant_dict_lookup (options, name, "^&ay", &arg) || arg == NULL || *arg == '\0')
    return NULL;
  return g_application_command_line_create_file_for_arg (cmdline, arg);
}

/* What is wrong with the command line's options, or NULL. */
static const char *
startup_problem (const PrecisStartup *startup,
                 gboolean             have_gt,
                 gboolean             have_predictions,
                 gboolean             have_project)
{
  PrecisIouType type;

  if (startup->iou > 1.0 || (startup->iou < 0.0 && startup->iou != -1.0))
    return _("--iou must lie between 0 and 1");
  if (startup->confidence > 1.0 || (startup->confidence < 0.0 && startup->confidence != -1.0))
    return _("--confidence must lie between 0 and 1");
  if (startup->protocol != NULL && !g_str_equal (startup->protocol, "active") &&
      !g_str_equal (startup->protocol, "coco"))
    return _("--protocol must be active or coco");
  if (startup->page != NULL && !g_str_equal (startup->page, "performance") &&
      !g_str_equal (startup->page, "charts") && !g_str_equal (startup->page, "explorer") &&
      !g_str_equal (startup->page, "errors") && !g_str_equal (startup->page, "metrics") &&
      !g_str_equal (startup->page, "compare"))
    return _("--page must be performance, explorer, errors, metrics or compare");
  if (startup->iou_type != NULL && !precis_iou_type_from_string (startup->iou_type, &type))
    return _("--iou-type must be bbox, segm, keypoints or polyline");
  if (have_predictions && !have_gt)
    return _("--pred needs --gt");
  if (startup->has_image && !have_gt && !have_project)
    return _("--image needs a project");
  if (startup->bench_ui && !have_gt && !have_project)
    return _("--bench-ui needs a project");
  return NULL;
}

static int
precis_application_command_line (GApplication            *app,
                                 GApplicationCommandLine *cmdline)
{
  PrecisApplication *self = PRECIS_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autoptr(GFile) gt = NULL;
  g_autoptr(GFile) images = NULL;
  g_autoptr(GFile) screenshot = NULL;
  g_autoptr(GFile) bench = NULL;
  g_autoptr(GPtrArray) preds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const char **pred_args = NULL;
  g_autofree const char **remaining = NULL;
  PrecisStartup startup = { .iou = -1.0, .confidence = -1.0 };
  const char *problem;
  PrecisWindow *window;

  gt = file_from_option (cmdline, options, "gt");
  images = file_from_option (cmdline, options, "images");
  screenshot = file_from_option (cmdline, options, "screenshot");
  bench = file_from_option (cmdline, options, "bench-ui");

  if (g_variant_dict_lookup (options, "pred", "^a&ay", &pred_args))
    for (guint i = 0; pred_args[i] != NULL; i++)
      g_ptr_array_add (preds, g_application_command_line_create_file_for_arg (cmdline, pred_args[i]));

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &remaining))
    for (guint i = 0; remaining[i] != NULL; i++)
      g_ptr_array_add (projects, g_application_command_line_create_file_for_arg (cmdline, remaining[i]));
  if (bench != NULL)
    g_ptr_array_insert (projects, 0, g_object_ref (bench));

  g_variant_dict_lookup (options, "iou", "d", &startup.iou);
  g_variant_dict_lookup (options, "confidence", "d", &startup.confidence);
  g_variant_dict_lookup (options, "classes", "&s", &startup.classes);
  g_variant_dict_lookup (options, "model", "&s", &startup.model);
  g_variant_dict_lookup (options, "iou-type", "&s", &startup.iou_type);
  g_variant_dict_lookup (options, "collection", "&s", &startup.collection);
  g_variant_dict_lookup (options, "protocol", "&s", &startup.protocol);
  g_variant_dict_lookup (options, "page", "&s", &startup.page);
  startup.screenshot = screenshot;
  startup.bench_ui = bench != NULL;
  startup.has_image = g_variant_dict_lookup (options, "image", "x", &startup.image_id);
  startup.force = g_variant_dict_contains (options, "force");

  problem = startup_problem (&startup, gt != NULL, preds->len > 0, projects->len > 0);
  if (problem != NULL)
    {
      g_application_command_line_printerr (cmdline, "precis: %s\n", problem);
      return 2;
    }

  window = screenshot != NULL || bench != NULL ? new_window (self) : get_or_new_window (self);
  precis_window_set_startup (window, &startup);

  if (gt != NULL)
    precis_window_open_files (window, gt, (GFile **) preds->pdata, preds->len, images);
  else if (projects->len > 0)
    precis_window_open (window, g_ptr_array_index (projects, 0));

  else
    precis_window_apply_startup (window);

  for (guint i = 1; gt == NULL && bench == NULL && screenshot == NULL && i < projects->len; i++)
    precis_window_open (new_window (self), g_ptr_array_index (projects, i));

  return 0;
}

static void
precis_application_dispose (GObject *object)
{
  PrecisApplication *self = PRECIS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (precis_application_parent_class)->dispose (object);
}

static void
precis_application_finalize (GObject *object)
{
  PrecisApplication *self = PRECIS_APPLICATION (object);

  g_clear_pointer (&self->recent, g_ptr_array_unref);

  G_OBJECT_CLASS (precis_application_parent_class)->finalize (object);
}

static void
precis_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PrecisApplication *self = PRECIS_APPLICATION (object);

  if (prop_id == PROP_SETTINGS)
    g_value_set_object (value, precis_application_get_settings (self));
  else if (prop_id == PROP_RECENT_PROJECTS)
    g_value_take_boxed (value, precis_application_dup_recent (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
precis_application_class_init (PrecisApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = precis_application_dispose;
  object_class->finalize = precis_application_finalize;
  object_class->get_property = precis_application_get_property;
  gtk_app_class->window_added = precis_application_window_added;

  /* The org.precis.Precis settings, or NULL without the schema. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The recent projects, most recent first (paths). */
  properties[PROP_RECENT_PROJECTS] =
    g_param_spec_boxed ("recent-projects", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->startup = precis_application_startup;
  app_class->activate = precis_application_activate;
  app_class->open = precis_application_open;
  app_class->handle_local_options = precis_application_handle_local_options;
  app_class->command_line = precis_application_command_line;
}

static void
precis_application_init (PrecisApplication *self)
{
  self->recent = g_ptr_array_new_with_free_func (g_free);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open a project folder or project file, or give "
                                              "--gt and --pred files."));
}

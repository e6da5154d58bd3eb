/* precis-window-models.c: Import Predictions…, Rename Model…, Remove Model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each edit reads the description of the window's project (its project file,
 * its folder, or the files it was opened from), changes it with the core's
 * precis_project_*() functions, writes it atomically and reopens the project
 * with the model to show. A project file is updated in place; a folder or a
 * set of files asks where to save the new project file (the file chooser
 * confirms before it replaces a file). Any failure is shown and leaves the
 * project and its file as they were.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-model-dialog.h"
#include "precis-project.h"
#include "precis-window-private.h"

/* The dialog on screen ------------------------------------------------------------ */

static void
close_model_dialog (PrecisWindow *self)
{
  GtkWindow *dialog = self->model_dialog;

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  if (dialog == NULL)
    return;
  g_clear_weak_pointer (&self->model_dialog);
  g_signal_handlers_disconnect_by_data (dialog, self);
  /* GTK 4.8 warns when a focused entry goes with its window. */
  gtk_window_set_focus (dialog, NULL);
  gtk_window_destroy (dialog);
}

static void
set_model_dialog (PrecisWindow *self,
                  GtkWindow    *dialog)
{
  close_model_dialog (self);
  g_set_weak_pointer (&self->model_dialog, dialog);
  gtk_window_present (dialog);
}

GtkWindow *
precis_window_get_model_dialog (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return self->model_dialog;
}

void
precis_window_set_project_save_file (PrecisWindow *self,
                                     GFile        *file)
{
  g_return_if_fail (PRECIS_IS_WINDOW (self));
  g_set_object (&self->project_save_file, file);
}

void
_precis_window_models_dispose (PrecisWindow *self)
{
  close_model_dialog (self);
  g_clear_object (&self->project_save_file);
}

/* A failure: in the dialog when there is one, else in the window's banner. */
static void
report_error (PrecisWindow      *self,
              PrecisModelDialog *dialog,
              const char        *title,
              const char        *message)
{
  if (dialog != NULL && GTK_WINDOW (dialog) == self->model_dialog)
    {
      precis_model_dialog_set_busy (dialog, FALSE, NULL);
      precis_model_dialog_set_error (dialog, title, message);
    }
  else
    _precis_window_show_error (self, title, message);
}

/* The project's description ---------------------------------------------------------- */

/* What the window shows, as a description to edit; *@in_place: whether its
 * project file is rewritten (a folder, even with a project.json, never is). */
static PrecisProject *
describe_project (PrecisDataset  *dataset,
                  gboolean       *in_place,
                  GCancellable   *cancellable,
                  GError        **error)
{
  GFile *location = precis_dataset_get_location (dataset);
  g_autoptr(PrecisProject) project = NULL;

  *in_place = FALSE;
  if (location != NULL)
    {
      project = precis_project_open (location, cancellable, error);
      if (project != NULL)
        *in_place = g_file_query_file_type (location, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY;
      return g_steal_pointer (&project);
    }

  project = precis_project_new (precis_dataset_get_ground_truth (dataset),
                                precis_dataset_get_images_dir (dataset));
  for (guint i = 0; i < precis_dataset_get_n_models (dataset); i++)
    if (!precis_project_add_model (project, precis_dataset_get_model_name (dataset, i),
                                   precis_dataset_get_model_file (dataset, i), error))
      return NULL;
  return g_steal_pointer (&project);
}

/* Writes @project to @dest and reopens it showing the model @select. */
static void
write_and_reopen (PrecisWindow      *self,
                  PrecisProject     *project,
                  GFile             *dest,
                  const char        *select,
                  PrecisModelDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  /* @select may be the dialog's text, gone with the dialog. */
  g_autofree char *model = g_strdup (select);

  if (!precis_project_write (project, dest, &error))
    {
      report_error (self, dialog, _("Could not save the project file"), error->message);
      return;
    }
  if (dialog != NULL && GTK_WINDOW (dialog) == self->model_dialog)
    close_model_dialog (self);
  _precis_window_open_model (self, dest, model);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  PrecisWindow    *self)
{
  g_autoptr(GFile) dest = NULL;
  PrecisProject *project;
  g_autofree char *select = g_strdup (g_object_get_data (G_OBJECT (chooser), "precis-select"));
  PrecisModelDialog *dialog = g_object_get_data (G_OBJECT (chooser), "precis-dialog");

  if (response == GTK_RESPONSE_ACCEPT)
    dest = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* Keeps the description alive past the chooser. */
  project = g_object_steal_data (G_OBJECT (chooser), "precis-project");
  _precis_window_close_chooser (self);

  /* The file chooser has already asked before replacing a file. */
  if (dest != NULL)
    write_and_reopen (self, project, dest, select, dialog);
  else if (dialog != NULL && GTK_WINDOW (dialog) == self->model_dialog)
    precis_model_dialog_set_busy (dialog, FALSE, NULL);
  precis_project_free (project);
}

/* Asks where to save a project that has no project file yet. */
static void
ask_save_file (PrecisWindow      *self,
               PrecisProject     *project,
               const char        *select,
               PrecisModelDialog *dialog)
{
  GtkFileChooserNative *chooser;
  GFile *location = precis_dataset_get_location (self->dataset);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Save the Project File"),
                                         dialog != NULL ? GTK_WINDOW (dialog) : GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  folder = location != NULL ? g_object_ref (location)
                            : g_file_get_parent (precis_project_get_ground_truth (project));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "project.json");
  gtk_file_filter_set_name (json, _("Project files (JSON)"));
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);

  g_object_set_data_full (G_OBJECT (chooser), "precis-project", project,
                          (GDestroyNotify) precis_project_free);
  g_object_set_data_full (G_OBJECT (chooser), "precis-select", g_strdup (select), g_free);
  g_object_set_data (G_OBJECT (chooser), "precis-dialog", dialog);
  _precis_window_show_chooser (self, chooser, G_CALLBACK (save_response_cb));
}

/* Saves the edited @project (transfer full) and shows the model @select. */
static void
commit (PrecisWindow      *self,
        PrecisProject     *project,
        gboolean           in_place,
        const char        *select,
        PrecisModelDialog *dialog)
{
  if (in_place)
    write_and_reopen (self, project, precis_project_get_file (project), select, dialog);
  else if (self->project_save_file == NULL)
    {
      ask_save_file (self, project, select, dialog);
      return;
    }
  else if (g_file_query_exists (self->project_save_file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (self->project_save_file);
      g_autofree char *message = g_strdup_printf (_("%s: the file exists and was not replaced"), name);

      report_error (self, dialog, _("Could not save the project file"), message);
    }
  else
    write_and_reopen (self, project, self->project_save_file, select, dialog);
  precis_project_free (project);
}

/* The name in @dialog, or NULL (with the reason shown under the entry) when it
 * is empty or another model's; @model: the model being renamed, or G_MAXUINT. */
static const char *
checked_name (PrecisWindow      *self,
              PrecisModelDialog *dialog,
              guint              model)
{
  const char *name = precis_model_dialog_get_name (dialog);
  guint32 found;

  if (*name == '\0')
    {
      precis_model_dialog_set_message (dialog, _("Give the model a name."));
      return NULL;
    }
  found = precis_dataset_find_model (self->dataset, name);
  if (found != PRECIS_NO_INDEX && found != model)
    {
      g_autofree char *message = g_strdup_printf (_("The project already has a model named “%s”: choose another name."), name);

      precis_model_dialog_set_message (dialog, message);
      return NULL;
    }
  precis_model_dialog_set_message (dialog, NULL);
  return name;
}

static void
dialog_cancel_cb (PrecisModelDialog *dialog,
                  PrecisWindow      *self)
{
  close_model_dialog (self);
}

/* Import Predictions… ------------------------------------------------------------ */

/* The worker's progress, shown by an idle in the main thread. */
typedef struct {
  GMutex   mutex;
  GWeakRef dialog;
  double   fraction;
  guint    idle_id;
} ImportProgress;

typedef struct {
  PrecisDataset  *dataset;   /* the window's, immutable: what the project is */
  GFile          *file;
  char           *name;
  ImportProgress *progress;
  GWeakRef        dialog;
  /* Out */
  PrecisProject  *project;
  gboolean        in_place;
} ImportJob;

static void
import_progress_clear (ImportProgress *progress)
{
  g_mutex_clear (&progress->mutex);
  g_weak_ref_clear (&progress->dialog);
}

static void
import_job_free (ImportJob *job)
{
  g_object_unref (job->dataset);
  g_object_unref (job->file);
  g_free (job->name);
  g_rc_box_release_full (job->progress, (GDestroyNotify) import_progress_clear);
  g_weak_ref_clear (&job->dialog);
  g_clear_pointer (&job->project, precis_project_free);
  g_free (job);
}

static gboolean
import_progress_idle_cb (gpointer user_data)
{
  ImportProgress *progress = user_data;
  g_autoptr(PrecisModelDialog) dialog = g_weak_ref_get (&progress->dialog);
  double fraction;

  g_mutex_lock (&progress->mutex);
  progress->idle_id = 0;
  fraction = progress->fraction;
  g_mutex_unlock (&progress->mutex);
  if (dialog != NULL)
    precis_model_dialog_set_progress (dialog, fraction);
  return G_SOURCE_REMOVE;
}

static void
import_progress_cb (double      fraction,
                    const char *stage,
                    gpointer    user_data)
{
  ImportProgress *progress = user_data;

  g_mutex_lock (&progress->mutex);
  progress->fraction = fraction;
  if (progress->idle_id == 0)
    progress->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, import_progress_idle_cb,
                                         g_rc_box_acquire (progress), (GDestroyNotify) g_rc_box_release);
  g_mutex_unlock (&progress->mutex);
}

/* In the worker: the description with the model added, and the results file
 * read against the project's ground truth. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(PrecisProject) project = NULL;
  GError *error = NULL;

  project = describe_project (job->dataset, &job->in_place, cancellable, &error);
  if (project == NULL ||
      !precis_project_add_model (project, job->name, job->file, &error) ||
      !precis_project_check_results_full (project, job->file, cancellable,
                                          import_progress_cb, job->progress, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->project = g_steal_pointer (&project);
  g_task_return_boolean (task, TRUE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PrecisWindow *self = PRECIS_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(PrecisModelDialog) dialog = g_weak_ref_get (&job->dialog);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *base = g_file_get_basename (job->file);
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || dialog == NULL ||
          GTK_WINDOW (dialog) != self->model_dialog)
        return;
      g_clear_object (&self->import_cancellable);
      /* Translators: %s is the file name of a results file. */
      title = g_strdup_printf (_("Could not import “%s”"), base);
      report_error (self, dialog, title, error->message);
      return;
    }
  if (dialog == NULL || GTK_WINDOW (dialog) != self->model_dialog)
    return;   /* closed meanwhile: the project stays as it was */
  g_clear_object (&self->import_cancellable);
  commit (self, g_steal_pointer (&job->project), job->in_place, job->name, dialog);
}

static void
import_accept_cb (PrecisModelDialog *dialog,
                  PrecisWindow      *self)
{
  g_autoptr(GTask) task = NULL;
  const char *name = checked_name (self, dialog, G_MAXUINT);
  ImportJob *job;

  if (name == NULL || self->import_cancellable != NULL)
    return;

  job = g_new0 (ImportJob, 1);
  job->dataset = g_object_ref (self->dataset);
  job->file = g_object_ref (precis_model_dialog_get_file (dialog));
  job->name = g_strdup (name);
  g_weak_ref_init (&job->dialog, dialog);
  job->progress = g_rc_box_new0 (ImportProgress);
  g_mutex_init (&job->progress->mutex);
  g_weak_ref_init (&job->progress->dialog, dialog);

  precis_model_dialog_set_busy (dialog, TRUE, _("Reading the ground truth and the predictions…"));
  self->import_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, import_accept_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * precis_window_import_predictions:
 * @self: a #PrecisWindow with a project
 * @file: a COCO results file
 * @name: (nullable): the name to propose; %NULL: from the file name
 *
 * What Import Predictions… does once its file chooser has given @file.
 *
 * Returns: (transfer none): the dialog that names the model
 */
GtkWindow *
precis_window_import_predictions (PrecisWindow *self,
                                  GFile        *file,
                                  const char   *name)
{
  PrecisModelDialog *dialog;
  g_autofree char *proposed = NULL;

  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (self->dataset != NULL, NULL);

  proposed = name != NULL ? g_strdup (name) : precis_project_model_name_for_file (file);
  dialog = precis_model_dialog_new (GTK_WINDOW (self), _("Import Predictions"), _("_Import"),
                                    file, proposed);
  g_signal_connect (dialog, "accept", G_CALLBACK (import_accept_cb), self);
  g_signal_connect (dialog, "cancel", G_CALLBACK (dialog_cancel_cb), self);
  set_model_dialog (self, GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            PrecisWindow    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  _precis_window_close_chooser (self);
  if (file != NULL && self->dataset != NULL)
    precis_window_import_predictions (self, file, NULL);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrecisWindow *self = PRECIS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Predictions"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (json, _("COCO results (JSON)"));
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  _precis_window_show_chooser (self, chooser, G_CALLBACK (import_chooser_response_cb));
}

/* Rename Model… and Remove Model ---------------------------------------------------- */

/* The description to edit and the index in it of the window's model @model
 * (found by name: the file may list the models in another order by now). */
static PrecisProject *
describe_for_edit (PrecisWindow  *self,
                   guint          model,
                   int           *index,
                   gboolean      *in_place,
                   GError       **error)
{
  const char *name = precis_dataset_get_model_name (self->dataset, model);
  g_autoptr(PrecisProject) project = describe_project (self->dataset, in_place, NULL, error);

  if (project == NULL)
    return NULL;
  *index = precis_project_find_model (project, name);
  if (*index < 0)
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PROJECT,
                   _("The project file no longer has a model named “%s”: reopen the project."), name);
      return NULL;
    }
  return g_steal_pointer (&project);
}

static void
rename_accept_cb (PrecisModelDialog *dialog,
                  PrecisWindow      *self)
{
  const char *name = checked_name (self, dialog, self->model);
  g_autoptr(PrecisProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gboolean in_place;
  int index;

  if (name == NULL)
    return;
  if (g_str_equal (name, precis_dataset_get_model_name (self->dataset, self->model)))
    {
      close_model_dialog (self);
      return;
    }
  project = describe_for_edit (self, self->model, &index, &in_place, &error);
  if (project == NULL || !precis_project_rename_model (project, index, name, &error))
    {
      report_error (self, dialog, _("Could not rename the model"), error->message);
      return;
    }
  commit (self, g_steal_pointer (&project), in_place, name, dialog);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrecisWindow *self = PRECIS_WINDOW (widget);
  PrecisModelDialog *dialog;

  dialog = precis_model_dialog_new (GTK_WINDOW (self), _("Rename Model"), _("_Rename"), NULL,
                                    precis_dataset_get_model_name (self->dataset, self->model));
  g_signal_connect (dialog, "accept", G_CALLBACK (rename_accept_cb), self);
  g_signal_connect (dialog, "cancel", G_CALLBACK (dialog_cancel_cb), self);
  set_model_dialog (self, GTK_WINDOW (dialog));
}

/* Removes the window's model (refused by the core for the only model). */
static void
remove_model (PrecisWindow *self)
{
  g_autoptr(PrecisProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *select = NULL;
  gboolean in_place;
  int index;

  project = describe_for_edit (self, self->model, &index, &in_place, &error);
  if (project == NULL || !precis_project_remove_model (project, index, &error))
    {
      _precis_window_show_error (self, _("Could not remove the model"), error->message);
      return;
    }
  /* Show the model that took its place, or the one before it. */
  select = g_strdup (precis_project_get_model_name (project, MIN ((guint) index,
                                                                  precis_project_get_n_models (project) - 1)));
  commit (self, g_steal_pointer (&project), in_place, select, NULL);
}

static void
remove_response_cb (GtkDialog    *confirm,
                    int           response,
                    PrecisWindow *self)
{
  close_model_dialog (self);
  if (response == GTK_RESPONSE_ACCEPT)
    remove_model (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrecisWindow *self = PRECIS_WINDOW (widget);
  GtkWidget *confirm;

  if (precis_dataset_get_n_models (self->dataset) < 2)
    {
      remove_model (self);
      return;
    }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  confirm = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                    GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                    _("Remove the model “%s” from the project?"),
                                    precis_dataset_get_model_name (self->dataset, self->model));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (confirm), "%s",
                                            _("The project file no longer lists it; its results file stays on disk."));
  gtk_dialog_add_button (GTK_DIALOG (confirm), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (confirm), _("_Remove"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (confirm), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_signal_connect (confirm, "response", G_CALLBACK (remove_response_cb), self);
  set_model_dialog (self, GTK_WINDOW (confirm));
}

/* Set-up ------------------------------------------------------------------------------ */

void
_precis_window_update_model_actions (PrecisWindow *self)
{
  gboolean enabled = self->dataset != NULL && self->cancellable == NULL &&
                     precis_dataset_get_n_models (self->dataset) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-predictions",
                                 self->dataset != NULL && self->cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-model", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-model", enabled);
  gtk_widget_set_visible (GTK_WIDGET (self->models_button), self->dataset != NULL);
}

void
_precis_window_class_models_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PrecisWindow, models_button);
  gtk_widget_class_install_action (widget_class, "win.import-predictions", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.rename-model", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "win.remove-model", NULL, remove_action);
}

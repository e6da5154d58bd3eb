/* precis-window-loading.c: loading a project, and matching a model, in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-window-private.h"

/* Progress reported from the loading thread, shown by an idle in the main thread. */
typedef struct {
  GMutex   mutex;
  GWeakRef window;
  guint    serial;
  double   fraction;
  double   base;
  double   span;
  char    *stage;
  guint    idle_id;
} LoadProgress;

typedef struct {
  /* In */
  GFile         *project;
  GFile         *ground_truth;
  GPtrArray     *predictions;
  GFile         *images_dir;
  PrecisDataset *dataset;          /* set: only match (model or shape kind changed) */
  char          *model_name;
  guint          model;
  PrecisIouType  iou_type;         /* PRECIS_N_IOU_TYPES: the first supported */
  LoadProgress  *progress;
  /* Out */
  PrecisMatcher *matcher;
  PrecisClassify *classify;        /* a classification project's evaluator */
  GError        *match_error;
  char          *type_problem;     /* why the wanted shape kind is not available */
} LoadData;

static void
load_progress_free (LoadProgress *progress)
{
  g_mutex_clear (&progress->mutex);
  g_weak_ref_clear (&progress->window);
  g_free (progress->stage);
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->project);
  g_clear_object (&data->ground_truth);
  g_clear_pointer (&data->predictions, g_ptr_array_unref);
  g_clear_object (&data->images_dir);
  g_clear_object (&data->dataset);
  g_clear_object (&data->matcher);
  g_clear_object (&data->classify);
  g_clear_error (&data->match_error);
  g_free (data->model_name);
  g_free (data->type_problem);
  g_rc_box_release_full (data->progress, (GDestroyNotify) load_progress_free);
  g_free (data);
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  LoadProgress *progress = user_data;
  g_autoptr(PrecisWindow) self = g_weak_ref_get (&progress->window);
  g_autofree char *stage = NULL;
  double fraction;

  g_mutex_lock (&progress->mutex);
  progress->idle_id = 0;
  fraction = progress->fraction;
  stage = g_strdup (progress->stage);
  g_mutex_unlock (&progress->mutex);

  if (self != NULL && self->load_serial == progress->serial)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
      if (stage != NULL)
        gtk_label_set_label (self->progress_label, stage);
    }

  return G_SOURCE_REMOVE;
}

static void
load_progress_cb (double      fraction,
                  const char *stage,
                  gpointer    user_data)
{
  LoadProgress *progress = user_data;

  g_mutex_lock (&progress->mutex);
  progress->fraction = progress->base + progress->span * CLAMP (fraction, 0.0, 1.0);
  if (stage != NULL && g_strcmp0 (stage, progress->stage) != 0)
    {
      g_free (progress->stage);
      progress->stage = g_strdup (stage);
    }
  if (progress->idle_id == 0)
    progress->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb,
                                         g_rc_box_acquire (progress),
                                         (GDestroyNotify) g_rc_box_release);
  g_mutex_unlock (&progress->mutex);
}

static void
set_progress_span (LoadProgress *progress,
                   double        base,
                   double        span)
{
  g_mutex_lock (&progress->mutex);
  progress->base = base;
  progress->span = span;
  g_mutex_unlock (&progress->mutex);
}

static PrecisIouType
pick_iou_type (PrecisDataset *dataset,
               guint          model,
               PrecisIouType  wanted)
{
  /* Without a choice, the most specific geometry the model has: a results file
   * of masks or keypoints also carries derived boxes, but was made for masks or
   * keypoints. */
  static const PrecisIouType preference[] = {
    PRECIS_IOU_KEYPOINTS, PRECIS_IOU_POLYLINE, PRECIS_IOU_SEGM, PRECIS_IOU_BBOX,
  };

  if (wanted < PRECIS_N_IOU_TYPES && precis_dataset_supports (dataset, model, wanted))
    return wanted;
  for (guint i = 0; i < G_N_ELEMENTS (preference); i++)
    if (precis_dataset_supports (dataset, model, preference[i]))
      return preference[i];
  return PRECIS_N_IOU_TYPES;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  if (data->dataset == NULL)
    {
      PrecisDataset *dataset;

      set_progress_span (data->progress, 0.0, 0.5);
      if (data->project != NULL)
        dataset = precis_app_eval_load_project (data->project, cancellable,
                                                load_progress_cb, data->progress, &error);
      else
        dataset = precis_app_eval_load_files (data->ground_truth,
                                              (GFile **) data->predictions->pdata,
                                              data->predictions->len,
                                              data->images_dir, cancellable,
                                              load_progress_cb, data->progress, &error);
      if (dataset == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      data->dataset = dataset;

      data->model = 0;
      if (data->model_name != NULL)
        {
          guint32 found = precis_dataset_find_model (dataset, data->model_name);

          if (found == PRECIS_NO_INDEX)
            {
              g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                       _("The project has no model named “%s”"),
                                       data->model_name);
              return;
            }
          data->model = found;
        }
    }

  set_progress_span (data->progress, data->project != NULL || data->ground_truth != NULL ? 0.5 : 0.0,
                     data->project != NULL || data->ground_truth != NULL ? 0.5 : 1.0);

  if (precis_dataset_get_n_models (data->dataset) == 0)
    g_set_error (&data->match_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The project has ground truth but no predictions to evaluate."));
  else if (precis_dataset_is_classification (data->dataset))
    {
      /* Image labels: no matcher; the Performance page shows the figures. */
      data->classify = precis_classify_new (data->dataset, data->model);
      g_set_error (&data->match_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This is a classification project (image labels without geometry): "
                     "its figures are on the Performance page."));
    }
  else if (data->model < precis_dataset_get_n_models (data->dataset))
    {
      /* A shape kind asked for (--iou-type) that this model cannot be
       * evaluated in: say why, and show the one it can. */
      if (data->iou_type < PRECIS_N_IOU_TYPES &&
          !precis_dataset_supports (data->dataset, data->model, data->iou_type))
        data->type_problem = precis_app_eval_describe_unsupported (data->dataset, data->model,
                                                                    data->iou_type);
      data->iou_type = pick_iou_type (data->dataset, data->model, data->iou_type);
      if (data->iou_type < PRECIS_N_IOU_TYPES)
        data->matcher = precis_app_eval_match (data->dataset, data->model, data->iou_type,
                                               cancellable, load_progress_cb, data->progress,
                                               &data->match_error);
      else
        g_set_error (&data->match_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("The ground truth and the predictions share no kind of shape to compare"));
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Loading was cancelled"));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PrecisWindow *self = PRECIS_WINDOW (object);
  GTask *task = G_TASK (result);
  LoadData *data = g_task_get_task_data (task);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  GFile *location;

  if (serial != self->load_serial)
    return; /* a newer load replaced this one */

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->cancellable);
  _precis_window_update_actions (self);

  if (!g_task_propagate_boolean (task, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GFile *file = data->project != NULL ? data->project : data->ground_truth;
          g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
          g_autofree char *title = NULL;

          if (file != NULL)
            /* Translators: %s is a project folder or file name. */
            title = g_strdup_printf (_("Could not open “%s”"), name);
          else
            title = g_strdup (_("Could not evaluate the predictions"));
          _precis_window_show_error (self, title, error->message);
        }
      /* A model or shape switch that failed: back to what is shown. */
      if (data->project == NULL && data->ground_truth == NULL)
        _precis_window_resync_controls (self);
      if (self->startup_pending && (self->startup_screenshot != NULL || self->startup_bench))
        {
          g_printerr ("precis: %s\n", error->message);
          self->startup_failed = TRUE;
          /* A screenshot still shows the window, error banner included; the
           * exit status says that the project did not load. */
          if (self->startup_screenshot != NULL)
            {
              self->startup_pending = FALSE;
              _precis_window_start_screenshot (self);
            }
          else
            _precis_window_finish_scripted (self, 1);
        }
      return;
    }

  _precis_window_hide_error (self);
  if (data->match_error != NULL && !g_error_matches (data->match_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) &&
      !g_error_matches (data->match_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    _precis_window_show_error (self, _("Could not evaluate the predictions"), data->match_error->message);

  precis_performance_page_set_classify (self->performance_page, data->classify);
  precis_sidebar_set_classification (self->sidebar, data->classify != NULL);
  /* The detection cards have nothing to say about image labels. */
  gtk_widget_set_visible (GTK_WIDGET (self->cards), data->classify == NULL);
  _precis_window_set_evaluation (self, data->dataset, data->model, data->matcher, data->match_error);
  if (data->type_problem != NULL)
    _precis_window_startup_error (self, _("The shape kind asked for is not available"),
                                  data->type_problem);

  location = precis_dataset_get_location (data->dataset);
  if (data->project != NULL && location != NULL)
    _precis_window_project_opened (self, location);

  precis_window_apply_startup (self);
  _precis_window_ensure_visible_focus (self);
}

static void
cancel_current (PrecisWindow *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      /* The task's callback sees a stale serial and does nothing. */
      self->load_serial++;
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  _precis_window_update_actions (self);
}

static void
start_load (PrecisWindow *self,
            LoadData     *data,
            const char   *stage)
{
  g_autoptr(GTask) task = NULL;

  cancel_current (self);

  self->load_serial++;
  self->cancellable = g_cancellable_new ();

  data->progress = g_rc_box_new0 (LoadProgress);
  g_mutex_init (&data->progress->mutex);
  g_weak_ref_init (&data->progress->window, self);
  data->progress->serial = self->load_serial;
  data->progress->span = 1.0;

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_label (self->progress_label, stage);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  _precis_window_update_actions (self);

  task = g_task_new (self, self->cancellable, load_done_cb, GUINT_TO_POINTER (self->load_serial));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* A load of new files, with the command line's model and shape kind: they
 * apply to the first project only. */
static LoadData *
load_data_new (PrecisWindow *self)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->iou_type = PRECIS_N_IOU_TYPES;
  if (self->startup_pending && self->startup_iou_type != NULL)
    precis_iou_type_from_string (self->startup_iou_type, &data->iou_type);
  if (self->startup_pending)
    data->model_name = g_strdup (self->startup_model);
  return data;
}

void
precis_window_open (PrecisWindow *self,
                    GFile        *project)
{
  LoadData *data;

  g_return_if_fail (PRECIS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (project));

  data = load_data_new (self);
  data->project = g_object_ref (project);
  start_load (self, data, _("Loading…"));
}

void
precis_window_open_files (PrecisWindow  *self,
                          GFile         *ground_truth,
                          GFile        **predictions,
                          guint          n_predictions,
                          GFile         *images_dir)
{
  LoadData *data;

  g_return_if_fail (PRECIS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (ground_truth));

  data = load_data_new (self);
  data->ground_truth = g_object_ref (ground_truth);
  data->predictions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_predictions; i++)
    g_ptr_array_add (data->predictions, g_object_ref (predictions[i]));
  data->images_dir = images_dir != NULL ? g_object_ref (images_dir) : NULL;
  start_load (self, data, _("Loading…"));
}

void
_precis_window_open_model (PrecisWindow *self,
                           GFile        *project,
                           const char   *model_name)
{
  LoadData *data = load_data_new (self);

  data->project = g_object_ref (project);
  g_free (data->model_name);
  data->model_name = g_strdup (model_name);
  start_load (self, data, _("Loading…"));
}

/* Matches the current dataset again for another model or shape kind. */
void
_precis_window_rematch (PrecisWindow  *self,
                        guint          model,
                        PrecisIouType  type)
{
  LoadData *data;

  if (self->dataset == NULL)
    return;

  data = g_new0 (LoadData, 1);
  data->dataset = g_object_ref (self->dataset);
  data->model = model;
  data->iou_type = type;
  start_load (self, data, _("Matching predictions…"));
}

/* After a model or shape switch was cancelled or failed: show the model and
 * shape of the evaluation that is still on screen. */
void
_precis_window_resync_controls (PrecisWindow *self)
{
  if (self->dataset == NULL)
    return;

  if (gtk_drop_down_get_selected (self->model_dropdown) != self->model)
    {
      _precis_window_update_models (self);
      precis_sidebar_set_dataset (self->sidebar, self->dataset, self->model);
      self->classes_dirty = TRUE;
      _precis_window_evaluate (self);
    }
  if (self->matcher != NULL)
    precis_sidebar_set_iou_type (self->sidebar, precis_matcher_get_iou_type (self->matcher));
}

void
precis_window_cancel_load (PrecisWindow *self)
{
  g_return_if_fail (PRECIS_IS_WINDOW (self));

  cancel_current (self);
  _precis_window_resync_controls (self);
}


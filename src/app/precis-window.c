/* precis-window.c: the main window (header bar, sidebar, cards, pages)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-cocoeval.h"
#include "precis-explorer-page.h"
#include "precis-window-private.h"

G_DEFINE_FINAL_TYPE (PrecisWindow, precis_window, GTK_TYPE_APPLICATION_WINDOW)

static void precis_window_evaluate (PrecisWindow *self);
static void resync_controls        (PrecisWindow *self);
static void ensure_visible_focus   (PrecisWindow *self);

static void
replace_str (char       **str,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*str);
  *str = copy;
}

static GSettings *
get_settings (PrecisWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!PRECIS_IS_APPLICATION (app))
    return NULL;
  return precis_application_get_settings (PRECIS_APPLICATION (app));
}

/* Loading ---------------------------------------------------------------------- */

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
  GError        *match_error;
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
  g_clear_error (&data->match_error);
  g_free (data->model_name);
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
  else if (data->model < precis_dataset_get_n_models (data->dataset))
    {
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
show_error (PrecisWindow *self,
            const char   *title,
            const char   *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_bar, TRUE);
}

static void
hide_error (PrecisWindow *self)
{
  g_clear_pointer (&self->error_text, g_free);
  gtk_revealer_set_reveal_child (self->error_bar, FALSE);
}

static void
error_bar_close_cb (PrecisWindow *self)
{
  hide_error (self);
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

static void
update_models (PrecisWindow *self)
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
        {
          show_error (self, _("Unknown class on the command line"), error->message);
          if (self->startup_screenshot != NULL || self->startup_bench)
            {
              g_printerr ("precis: %s\n", error->message);
              self->startup_failed = TRUE;
            }
        }
    }
  if (self->startup_page != NULL)
    precis_window_set_page (self, self->startup_page);

  if (self->startup_screenshot != NULL)
    _precis_window_start_screenshot (self);
  else if (self->startup_bench)
    _precis_window_start_bench (self);
}

static void
set_evaluation (PrecisWindow  *self,
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
      update_models (self);
    }

  if (matcher != NULL)
    precis_sidebar_set_iou_type (self->sidebar, precis_matcher_get_iou_type (matcher));

  precis_performance_page_set_active (self->performance_page, self->active,
                                      match_error != NULL ? match_error->message : NULL);
  install_explorer (self);
  update_title (self);
  gtk_stack_set_visible_child_name (self->main_stack, dataset != NULL ? "project" : "welcome");

  precis_window_evaluate (self);
  _precis_window_update_actions (self);
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
          show_error (self, title, error->message);
        }
      /* A model or shape switch that failed: back to what is shown. */
      if (data->project == NULL && data->ground_truth == NULL)
        resync_controls (self);
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
            {
              GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

              if (PRECIS_IS_APPLICATION (app))
                precis_application_set_exit_status (PRECIS_APPLICATION (app), 1);
              gtk_window_destroy (GTK_WINDOW (self));
            }
        }
      return;
    }

  hide_error (self);
  if (data->match_error != NULL && !g_error_matches (data->match_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) &&
      !g_error_matches (data->match_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    show_error (self, _("Could not evaluate the predictions"), data->match_error->message);

  set_evaluation (self, data->dataset, data->model, data->matcher, data->match_error);

  location = precis_dataset_get_location (data->dataset);
  if (data->project != NULL && location != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (PRECIS_IS_APPLICATION (app))
        precis_application_add_recent (PRECIS_APPLICATION (app), location);
      _precis_window_rebuild_recent (self);
    }

  precis_window_apply_startup (self);
  ensure_visible_focus (self);
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

void
precis_window_open (PrecisWindow *self,
                    GFile        *project)
{
  LoadData *data;

  g_return_if_fail (PRECIS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (project));

  data = g_new0 (LoadData, 1);
  data->project = g_object_ref (project);
  data->iou_type = PRECIS_N_IOU_TYPES;
  /* The command line's model and shape kind apply to the first project only. */
  if (self->startup_pending && self->startup_iou_type != NULL)
    precis_iou_type_from_string (self->startup_iou_type, &data->iou_type);
  if (self->startup_pending)
    data->model_name = g_strdup (self->startup_model);
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

  data = g_new0 (LoadData, 1);
  data->ground_truth = g_object_ref (ground_truth);
  data->predictions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_predictions; i++)
    g_ptr_array_add (data->predictions, g_object_ref (predictions[i]));
  data->images_dir = images_dir != NULL ? g_object_ref (images_dir) : NULL;
  data->iou_type = PRECIS_N_IOU_TYPES;
  if (self->startup_pending && self->startup_iou_type != NULL)
    precis_iou_type_from_string (self->startup_iou_type, &data->iou_type);
  if (self->startup_pending)
    data->model_name = g_strdup (self->startup_model);
  start_load (self, data, _("Loading…"));
}

/* Matches the current dataset again for another model or shape kind. */
static void
rematch (PrecisWindow  *self,
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
static void
resync_controls (PrecisWindow *self)
{
  if (self->dataset == NULL)
    return;

  if (gtk_drop_down_get_selected (self->model_dropdown) != self->model)
    {
      update_models (self);
      precis_sidebar_set_dataset (self->sidebar, self->dataset, self->model);
      self->classes_dirty = TRUE;
      precis_window_evaluate (self);
    }
  if (self->matcher != NULL)
    precis_sidebar_set_iou_type (self->sidebar, precis_matcher_get_iou_type (self->matcher));
}

void
precis_window_cancel_load (PrecisWindow *self)
{
  g_return_if_fail (PRECIS_IS_WINDOW (self));

  cancel_current (self);
  resync_controls (self);
}

/* Protocol coco ------------------------------------------------------------------ */

static void
coco_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  PrecisCocoEval *eval = precis_cocoeval_new (task_data, NULL, cancellable, &error);

  if (eval == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, eval, g_object_unref);
}

static void
coco_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PrecisWindow *self = PRECIS_WINDOW (object);
  g_autoptr(GError) error = NULL;
  PrecisCocoEval *eval;

  eval = g_task_propagate_pointer (G_TASK (result), &error);
  self->coco_running = FALSE;

  /* Still the same matcher? */
  if (g_task_get_task_data (G_TASK (result)) != (gpointer) self->matcher)
    {
      g_clear_object (&eval);
      return;
    }

  if (eval == NULL)
    self->coco_error = g_strdup (error->message);
  else
    self->coco = G_OBJECT (eval);

  precis_window_evaluate (self);
}

static void
fill_coco (PrecisWindow     *self,
           PrecisAppSummary *summary)
{
  if (self->coco != NULL)
    {
      PrecisCocoEval *eval = (PrecisCocoEval *) self->coco;
      const double *stats;
      guint n_stats = 0;

      stats = precis_cocoeval_get_stats (eval, &n_stats);
      summary->n_coco = MIN (n_stats, PRECIS_APP_N_COCO_STATS);
      for (guint i = 0; i < summary->n_coco; i++)
        {
          summary->coco[i] = stats[i];
          summary->coco_labels[i] = precis_cocoeval_get_stat_name (eval, i);
        }
      summary->unavailable = NULL;
      return;
    }

  summary->n_coco = PRECIS_APP_N_COCO_STATS;
  for (guint i = 0; i < PRECIS_APP_N_COCO_STATS; i++)
    summary->coco[i] = -1;

  if (self->coco_error != NULL)
    summary->unavailable = self->coco_error;
  else if (self->matcher != NULL && !self->coco_running)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, coco_done_cb, NULL);

      self->coco_running = TRUE;
      g_task_set_task_data (task, g_object_ref (self->matcher), g_object_unref);
      g_task_run_in_thread (task, coco_thread);
    }
}

/* Evaluation --------------------------------------------------------------------- */

static void
precis_window_evaluate (PrecisWindow *self)
{
  const guint8 *mask;
  PrecisAppProtocol protocol;
  gint64 start = g_get_monotonic_time ();

  mask = precis_sidebar_get_class_mask (self->sidebar, NULL);
  protocol = precis_sidebar_get_protocol (self->sidebar);

  precis_app_eval_run (self->active, self->matcher, protocol,
                       precis_sidebar_get_iou (self->sidebar),
                       precis_sidebar_get_confidence (self->sidebar),
                       mask, self->classes_dirty, &self->summary);
  self->classes_dirty = FALSE;
  self->core_time = g_get_monotonic_time () - start;

  if (protocol == PRECIS_APP_PROTOCOL_COCO)
    fill_coco (self, &self->summary);

  precis_cards_set_summary (self->cards, &self->summary);
  precis_performance_page_evaluation_changed (self->performance_page);
  if (self->explorer_page != NULL)
    {
      gint64 explorer_start = g_get_monotonic_time ();

      precis_explorer_page_evaluation_changed (PRECIS_EXPLORER_PAGE (self->explorer_page));
      self->explorer_time = g_get_monotonic_time () - explorer_start;
    }

  self->eval_time = g_get_monotonic_time () - start;
  self->change_time = start;
}

static void
sidebar_iou_cb (PrecisWindow *self)
{
  precis_window_evaluate (self);
}

static void
sidebar_confidence_cb (PrecisWindow *self)
{
  precis_window_evaluate (self);
}

static void
sidebar_protocol_cb (PrecisWindow *self)
{
  precis_window_evaluate (self);
}

static void
sidebar_classes_cb (PrecisWindow *self)
{
  self->classes_dirty = TRUE;
  precis_window_evaluate (self);
}

static void
sidebar_iou_type_cb (PrecisWindow *self)
{
  PrecisIouType type = precis_sidebar_get_iou_type (self->sidebar);

  if (self->matcher != NULL && precis_matcher_get_iou_type (self->matcher) == type)
    return;
  if (type < PRECIS_N_IOU_TYPES)
    rematch (self, self->model, type);
}

static void
model_selected_cb (PrecisWindow *self)
{
  guint model = gtk_drop_down_get_selected (self->model_dropdown);

  if (self->updating_models || self->dataset == NULL || model == GTK_INVALID_LIST_POSITION ||
      model == self->model)
    return;

  precis_sidebar_set_dataset (self->sidebar, self->dataset, model);
  rematch (self, model, precis_sidebar_get_iou_type (self->sidebar));
}

/* Keyboard focus must not stay on a widget of a hidden page (keys would go
 * there): fall back to the IoU slider, the main control. */
static void
ensure_visible_focus (PrecisWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (self->dataset == NULL || (focus != NULL && gtk_widget_get_mapped (focus)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (precis_sidebar_get_iou_scale (self->sidebar)));
}

static void
view_changed_cb (PrecisWindow *self)
{
  _precis_window_update_actions (self);
  ensure_visible_focus (self);
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

void
_precis_window_rebuild_recent (PrecisWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_auto(GStrv) recent = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) open_section = g_menu_new ();
  g_autoptr(GMenu) recent_section = g_menu_new ();
  GtkWidget *child;
  guint n = 0;

  if (PRECIS_IS_APPLICATION (app))
    recent = precis_application_dup_recent (PRECIS_APPLICATION (app));

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
  GSettings *settings = get_settings (self);

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
  GSettings *settings = get_settings (self);
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

  /* No gtk_widget_dispose_template() here: GtkWindow unparents its child and
   * titlebar itself, and unparenting them first makes it touch freed widgets. */

  g_clear_object (&self->coco);
  g_clear_object (&self->active);
  g_clear_object (&self->matcher);
  g_clear_object (&self->dataset);
  g_clear_object (&self->startup_screenshot);

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

  gtk_widget_class_bind_template_callback (widget_class, error_bar_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_iou_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_confidence_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_protocol_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_iou_type_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);

  _precis_window_class_actions_init (klass);
}

static void
precis_window_init (PrecisWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->explorer_page = precis_explorer_page_new ();
  gtk_widget_set_vexpand (self->explorer_page, TRUE);
  gtk_box_append (self->explorer_slot, self->explorer_page);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->startup_iou = -1;
  self->startup_confidence = -1;

  _precis_window_actions_init (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  update_title (self);
}

PrecisWindow *
precis_window_new (PrecisApplication *app)
{
  PrecisWindow *self = g_object_new (PRECIS_TYPE_WINDOW, "application", app, NULL);

  /* GtkWindow:application is set after constructed(), so the settings and the
   * recent projects are read here. */
  load_settings (self);
  _precis_window_rebuild_recent (self);

  return self;
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
precis_window_get_sidebar (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sidebar);
}

GtkWidget *
precis_window_get_cards (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->cards);
}

GtkWidget *
precis_window_get_performance_page (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->performance_page);
}

GtkWidget *
precis_window_get_explorer_page (PrecisWindow *self)
{
  g_return_val_if_fail (PRECIS_IS_WINDOW (self), NULL);
  return self->explorer_page;
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
  if (g_str_equal (page, "performance") || g_str_equal (page, "explorer"))
    gtk_stack_set_visible_child_name (self->view_stack, page);
}

gboolean
precis_window_save_screenshot (PrecisWindow  *self,
                               GFile         *file,
                               GError       **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (PRECIS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  path = g_file_get_path (file);

  if (width <= 0 || height <= 0 || renderer == NULL || path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The window is not shown, so there is nothing to render"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”"), path);
      return FALSE;
    }

  return TRUE;
}

/* precis-window-eval.c: evaluation on every control change, and the coco protocol
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-chart.h"
#include "precis-cocoeval.h"
#include "precis-explorer-page.h"
#include "precis-outcome-source.h"
#include "precis-window-private.h"

/* Protocol coco ------------------------------------------------------------------ */

/* What a coco run evaluates: the matcher, on the collection's images. */
typedef struct {
  PrecisMatcher *matcher;
  guint8        *images;   /* NULL: all */
  guint          serial;   /* the window's collection_serial */
} CocoJob;

static void
coco_job_free (gpointer data)
{
  CocoJob *job = data;

  g_object_unref (job->matcher);
  g_free (job->images);
  g_free (job);
}

static void
coco_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CocoJob *job = task_data;
  GError *error = NULL;
  PrecisCocoParams params;
  PrecisCocoEval *eval;

  /* The views draw each object's match: keep them. */
  precis_coco_params_init (&params, precis_matcher_get_iou_type (job->matcher));
  params.keep_objects = TRUE;
  params.images = job->images;
  eval = precis_cocoeval_new (job->matcher, &params, cancellable, &error);

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
  CocoJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  PrecisCocoEval *eval;

  eval = g_task_propagate_pointer (G_TASK (result), &error);
  self->coco_running = FALSE;

  /* Still the same matcher and images? */
  if (job->matcher != self->matcher || job->serial != self->collection_serial)
    {
      g_clear_object (&eval);
      /* Another collection was chosen meanwhile: run again on its images. */
      if (job->matcher == self->matcher)
        _precis_window_evaluate (self);
      return;
    }

  if (eval == NULL)
    self->coco_error = g_strdup (error->message);
  else
    self->coco = G_OBJECT (eval);

  _precis_window_evaluate (self);
}

/* The slider's threshold among pycocotools' (it snaps to them under coco). */
static guint
coco_threshold (PrecisCocoEval *eval,
                double          iou)
{
  guint t = 0;

  if (!precis_chart_coco_threshold_index (precis_cocoeval_get_params (eval), iou, &t))
    t = 0;
  return t;
}

static void
fill_coco_counts (PrecisCocoEval   *eval,
                  PrecisAppSummary *summary)
{
  guint t = coco_threshold (eval, summary->threshold);

  precis_cocoeval_get_counts (eval, PRECIS_NO_INDEX, t, &summary->coco_tp, &summary->coco_fp,
                              &summary->coco_fn);
  summary->coco_ignored = precis_cocoeval_get_n_predictions (eval, PRECIS_NO_INDEX) -
                          summary->coco_tp - summary->coco_fp;
  summary->coco_counted = TRUE;
}

/* The explorer and the charts show the protocol's own matches. */
static void
set_views_protocol (PrecisWindow     *self,
                    PrecisAppProtocol protocol)
{
  PrecisCocoEval *eval = protocol == PRECIS_APP_PROTOCOL_COCO ? (PrecisCocoEval *) self->coco : NULL;
  guint t = eval != NULL ? coco_threshold (eval, self->summary.threshold) : 0;

  precis_performance_page_set_coco (self->performance_page, eval, t);
  if (self->explorer_page != NULL)
    precis_explorer_page_set_coco (PRECIS_EXPLORER_PAGE (self->explorer_page), eval, t);
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
      fill_coco_counts (eval, summary);
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
      CocoJob *job = g_new0 (CocoJob, 1);
      guint n_images = precis_dataset_get_n_images (precis_matcher_get_dataset (self->matcher));

      job->matcher = g_object_ref (self->matcher);
      job->images = self->collection_images != NULL ? g_memdup2 (self->collection_images, MAX (n_images, 1)) : NULL;
      job->serial = self->collection_serial;
      self->coco_running = TRUE;
      g_task_set_task_data (task, job, coco_job_free);
      g_task_run_in_thread (task, coco_thread);
    }
}

/* The class list's ignored predictions: the protocol's own (under coco the
 * predictions pycocotools ignores at the snapped threshold; none yet while its
 * evaluation runs). */
static void
update_class_ignored (PrecisWindow             *self,
                      PrecisAppProtocol         protocol,
                      const PrecisActiveResult *result)
{
  guint n = self->dataset != NULL ? precis_dataset_get_n_categories (self->dataset) : 0;
  g_autofree guint *ignored = g_new0 (guint, MAX (n, 1));

  if (self->matcher != NULL && protocol == PRECIS_APP_PROTOCOL_COCO)
    {
      PrecisCocoEval *eval = (PrecisCocoEval *) self->coco;

      if (eval != NULL)
        {
          PrecisOutcomeSource source = { NULL, eval, coco_threshold (eval, self->summary.threshold) };
          const PrecisAnnotations *dt =
            precis_dataset_get_predictions (self->dataset, precis_matcher_get_model (self->matcher));

          precis_outcome_source_count_ignored (&source, dt, n, ignored);
        }
    }
  else if (self->matcher != NULL && result != NULL)
    for (guint c = 0; c < n && c < result->n_classes; c++)
      ignored[c] = result->classes[c].ignored;
  precis_sidebar_set_ignored (self->sidebar, ignored, n);
}

/* Evaluation --------------------------------------------------------------------- */

void
_precis_window_evaluate (PrecisWindow *self)
{
  gint64 start = g_get_monotonic_time ();
  const PrecisActiveResult *result;
  PrecisAppParams params = {
    .protocol = precis_sidebar_get_protocol (self->sidebar),
    .threshold = precis_sidebar_get_iou (self->sidebar),
    .confidence = precis_sidebar_get_confidence (self->sidebar),
    .mask = precis_sidebar_get_class_mask (self->sidebar, NULL),
    .mask_changed = self->classes_dirty,
  };

  precis_sidebar_get_area_range (self->sidebar, &params.area_min, &params.area_max);
  result = precis_app_eval_run (self->active, self->matcher, &params, &self->summary);
  self->classes_dirty = FALSE;
  self->core_time = g_get_monotonic_time () - start;

  if (params.protocol == PRECIS_APP_PROTOCOL_COCO)
    fill_coco (self, &self->summary);
  update_class_ignored (self, params.protocol, result);
  set_views_protocol (self, params.protocol);

  precis_cards_set_summary (self->cards, &self->summary);
  precis_performance_page_evaluation_changed (self->performance_page);
  precis_performance_page_refresh_classify (self->performance_page, params.confidence);
  precis_errors_page_set_params (self->errors_page, params.threshold, params.confidence, params.mask);
  precis_metrics_page_set_params (self->metrics_page, &params);
  {
    gint64 compare_start = g_get_monotonic_time ();

    precis_compare_page_set_params (self->compare_page, &params);
    self->compare_time = g_get_monotonic_time () - compare_start;
  }
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
  _precis_window_evaluate (self);
}

static void
sidebar_confidence_cb (PrecisWindow *self)
{
  _precis_window_evaluate (self);
}

static void
sidebar_size_cb (PrecisWindow *self)
{
  _precis_window_evaluate (self);
}

static void
sidebar_protocol_cb (PrecisWindow *self)
{
  _precis_window_evaluate (self);
}

static void
sidebar_classes_cb (PrecisWindow *self)
{
  self->classes_dirty = TRUE;
  _precis_window_evaluate (self);
}

static void
sidebar_iou_type_cb (PrecisWindow *self)
{
  PrecisIouType type = precis_sidebar_get_iou_type (self->sidebar);

  if (self->matcher != NULL && precis_matcher_get_iou_type (self->matcher) == type)
    return;
  if (type < PRECIS_N_IOU_TYPES)
    _precis_window_rematch (self, self->model, type);
}

static void
model_selected_cb (PrecisWindow *self)
{
  guint model = gtk_drop_down_get_selected (self->model_dropdown);

  if (self->updating_models || self->dataset == NULL || model == GTK_INVALID_LIST_POSITION ||
      model == self->model)
    return;

  precis_sidebar_set_dataset (self->sidebar, self->dataset, model);
  _precis_window_rematch (self, model, precis_sidebar_get_iou_type (self->sidebar));
}

/* Keyboard focus must not stay on a widget of a hidden page (keys would go
 * there): fall back to the IoU slider, the main control. */
void
_precis_window_ensure_visible_focus (PrecisWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (self->dataset == NULL || (focus != NULL && gtk_widget_get_mapped (focus)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (precis_sidebar_get_iou_scale (self->sidebar)));
}

/* A bucket of the Metrics page: the explorer lists those images. */
static void
errors_show_images_cb (PrecisWindow *self,
                       gpointer      images,
                       const char   *label)
{
  precis_explorer_page_set_image_filter (PRECIS_EXPLORER_PAGE (self->explorer_page), images, label);
  precis_window_set_page (self, "explorer");
}

/* A bar or a matrix cell of the Errors page: the explorer lists those images
 * and emphasises those objects in their overlays. */
static void
errors_show_objects_cb (PrecisWindow *self,
                        gpointer      images,
                        const char   *label,
                        gpointer      gt,
                        gpointer      dt)
{
  PrecisExplorerPage *explorer = PRECIS_EXPLORER_PAGE (self->explorer_page);

  precis_explorer_page_set_image_filter (explorer, images, label);
  precis_explorer_page_set_emphasis (explorer, gt, dt);
  precis_window_set_page (self, "explorer");
}

static void
view_changed_cb (PrecisWindow *self)
{
  /* The Errors page's filter lasts while the explorer shows. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "explorer") != 0)
    precis_explorer_page_set_image_filter (PRECIS_EXPLORER_PAGE (self->explorer_page), NULL, NULL);

  _precis_window_update_actions (self);
  _precis_window_ensure_visible_focus (self);
}


void
_precis_window_class_init_eval (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, model_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_iou_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_confidence_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_protocol_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_size_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_iou_type_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, errors_show_images_cb);
  gtk_widget_class_bind_template_callback (widget_class, errors_show_objects_cb);
}

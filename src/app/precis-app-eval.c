/* precis-app-eval.c: the app's single door into the core evaluators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-app-eval.h"

PrecisDataset *
precis_app_eval_load_project (GFile              *project,
                              GCancellable       *cancellable,
                              PrecisProgressFunc  progress,
                              gpointer            progress_data,
                              GError            **error)
{
  return precis_dataset_load_project (project, cancellable, progress, progress_data, error);
}

PrecisDataset *
precis_app_eval_load_files (GFile              *ground_truth,
                            GFile             **predictions,
                            guint               n_predictions,
                            GFile              *images_dir,
                            GCancellable       *cancellable,
                            PrecisProgressFunc  progress,
                            gpointer            progress_data,
                            GError            **error)
{
  return precis_dataset_load_files (ground_truth, predictions, NULL, n_predictions, images_dir,
                                    cancellable, progress, progress_data, error);
}

PrecisMatcher *
precis_app_eval_match (PrecisDataset      *dataset,
                       guint               model,
                       PrecisIouType       type,
                       GCancellable       *cancellable,
                       PrecisProgressFunc  progress,
                       gpointer            progress_data,
                       GError            **error)
{
  return precis_matcher_new (dataset, model, type, 0.0, cancellable, progress, progress_data, error);
}

PrecisActive *
precis_app_eval_new_active (PrecisMatcher *matcher)
{
  if (matcher == NULL)
    return NULL;
  return precis_active_new (matcher);
}

static gboolean
gt_has (PrecisDataset *dataset,
        PrecisIouType  type)
{
  static const guint8 flag[PRECIS_N_IOU_TYPES] = {
    [PRECIS_IOU_BBOX] = PRECIS_HAS_BBOX,
    [PRECIS_IOU_SEGM] = PRECIS_HAS_SEGM,
    [PRECIS_IOU_KEYPOINTS] = PRECIS_HAS_KEYPOINTS,
    [PRECIS_IOU_POLYLINE] = PRECIS_HAS_POLYLINE,
  };
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (dataset);

  for (guint i = 0; i < gt->n; i++)
    if (gt->has[i] & flag[type])
      return TRUE;
  return FALSE;
}

char *
precis_app_eval_describe_unsupported (PrecisDataset *dataset,
                                      guint          model,
                                      PrecisIouType  type)
{
  const char *kind = precis_iou_type_to_string (type);
  g_autoptr(GString) others = g_string_new (NULL);

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (type < PRECIS_N_IOU_TYPES, NULL);

  if (!gt_has (dataset, type))
    /* Translators: %s is a shape kind: bbox, segm, keypoints or polyline */
    return g_strdup_printf (_("The ground truth has no %s geometry, so no model can be "
                              "evaluated as %s."), kind, kind);

  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    if (precis_dataset_supports (dataset, m, type))
      g_string_append_printf (others, "%s“%s”", others->len > 0 ? ", " : "",
                              precis_dataset_get_model_name (dataset, m));
  if (others->len == 0)
    /* Translators: first %s: a model name; the others: a shape kind */
    return g_strdup_printf (_("The ground truth has %s geometry, but model “%s” has none, "
                              "nor has any other model of the project."),
                            kind, precis_dataset_get_model_name (dataset, model));
  /* Translators: first %s: a shape kind; second: a model name; last: a list of model names */
  return g_strdup_printf (_("The ground truth has %s geometry, but model “%s” has none. "
                            "Models with %s geometry: %s."),
                          kind, precis_dataset_get_model_name (dataset, model), kind, others->str);
}

const char *
precis_app_eval_ignored_rule (void)
{
  return _("Ignored predictions lie in a crowd region at the IoU threshold: a ground-truth "
           "object marked iscrowd, or for keypoints also a person without visible keypoints "
           "(num_keypoints 0). They are neither TP nor FP and are left out of AP, as "
           "pycocotools does.");
}

static const char *coco_box_labels[PRECIS_APP_N_COCO_STATS] = {
  N_("AP @[.50:.95]"), N_("AP @.50"), N_("AP @.75"),
  N_("AP small"), N_("AP medium"), N_("AP large"),
  N_("AR max 1"), N_("AR max 10"), N_("AR max 100"),
  N_("AR small"), N_("AR medium"), N_("AR large"),
};

const PrecisActiveResult *
precis_app_eval_run (PrecisActive          *active,
                     PrecisMatcher         *matcher,
                     const PrecisAppParams *params,
                     PrecisAppSummary      *summary)
{
  const PrecisActiveResult *result = NULL;

  memset (summary, 0, sizeof *summary);
  summary->protocol = params->protocol;
  summary->threshold = params->threshold;
  summary->confidence = params->confidence;

  if (active != NULL)
    {
      precis_active_set_threshold (active, params->threshold);
      precis_active_set_confidence (active, params->confidence);
      if (params->mask_changed)
        precis_active_set_classes (active, params->mask);
      result = precis_active_evaluate (active);
    }

  if (result != NULL)
    {
      summary->valid = TRUE;
      summary->map = result->map;
      summary->mar = result->mar;
      summary->mean_f1 = result->mean_f1;
      summary->tp = result->tp;
      summary->fp = result->fp;
      summary->fn = result->fn;
      summary->ignored = result->ignored;
      summary->n_counted = result->n_counted;
    }
  else if (matcher == NULL)
    summary->unavailable = _("No evaluation: the predictions could not be matched");
  else
    summary->unavailable = _("No evaluation");

  if (params->protocol == PRECIS_APP_PROTOCOL_COCO)
    {
      /* Placeholders (“—”) until the window's coco evaluation, run in a
       * thread once per matcher, fills them in. */
      summary->n_coco = PRECIS_APP_N_COCO_STATS;
      for (guint i = 0; i < PRECIS_APP_N_COCO_STATS; i++)
        {
          summary->coco[i] = -1.0;
          summary->coco_labels[i] = _(coco_box_labels[i]);
        }
    }

  return result;
}

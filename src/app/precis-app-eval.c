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

char *
precis_app_eval_describe_unsupported (PrecisDataset *dataset,
                                      guint          model,
                                      PrecisIouType  type)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (type < PRECIS_N_IOU_TYPES, NULL);

  /* The core says which side lacks the geometry and names the models that
   * have it: the same words as precis-cli's. */
  if (precis_dataset_check_supports (dataset, model, type, &error))
    return NULL;
  message = g_strdup (error->message);
  message[0] = g_ascii_toupper (message[0]);
  return g_strconcat (message, ".", NULL);
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
      precis_active_set_area_range (active, params->area_min, params->area_max);
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

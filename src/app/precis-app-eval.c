/* precis-app-eval.c: the app's single door into the core evaluators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-app-eval.h"

#ifndef PRECIS_HAVE_LOADER
# define PRECIS_HAVE_LOADER 0
#endif
#ifndef PRECIS_HAVE_MATCHER
# define PRECIS_HAVE_MATCHER 0
#endif
#ifndef PRECIS_HAVE_ACTIVE
# define PRECIS_HAVE_ACTIVE 0
#endif
#ifndef PRECIS_HAVE_COCOEVAL
# define PRECIS_HAVE_COCOEVAL 0
#endif
#ifndef PRECIS_HAVE_CHART
# define PRECIS_HAVE_CHART 0
#endif

G_GNUC_UNUSED static void
set_not_available (GError     **error,
                   const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("%s is not available in this build of Precis"), what);
}

PrecisDataset *
precis_app_eval_load_project (GFile              *project,
                              GCancellable       *cancellable,
                              PrecisProgressFunc  progress,
                              gpointer            progress_data,
                              GError            **error)
{
#if PRECIS_HAVE_LOADER
  return precis_dataset_load_project (project, cancellable, progress, progress_data, error);
#else
  /* TODO: core loader (precis_dataset_load_project) not linked yet. */
  set_not_available (error, _("Project loading"));
  return NULL;
#endif
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
#if PRECIS_HAVE_LOADER
  return precis_dataset_load_files (ground_truth, predictions, NULL, n_predictions, images_dir,
                                    cancellable, progress, progress_data, error);
#else
  set_not_available (error, _("Project loading"));
  return NULL;
#endif
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
#if PRECIS_HAVE_MATCHER
  return precis_matcher_new (dataset, model, type, 0.0, cancellable, progress, progress_data, error);
#else
  /* TODO: core matcher (precis_matcher_new) not linked yet: the window shows
   * the project without numbers. */
  set_not_available (error, _("Matching"));
  return NULL;
#endif
}

PrecisActive *
precis_app_eval_new_active (PrecisMatcher *matcher)
{
#if PRECIS_HAVE_ACTIVE
  if (matcher == NULL)
    return NULL;
  return precis_active_new (matcher);
#else
  return NULL;
#endif
}

static const char *coco_box_labels[PRECIS_APP_N_COCO_STATS] = {
  N_("AP @[.50:.95]"), N_("AP @.50"), N_("AP @.75"),
  N_("AP small"), N_("AP medium"), N_("AP large"),
  N_("AR max 1"), N_("AR max 10"), N_("AR max 100"),
  N_("AR small"), N_("AR medium"), N_("AR large"),
};

const PrecisActiveResult *
precis_app_eval_run (PrecisActive      *active,
                     PrecisMatcher     *matcher,
                     PrecisAppProtocol  protocol,
                     double             threshold,
                     double             confidence,
                     const guint8      *mask,
                     gboolean           mask_changed,
                     PrecisAppSummary  *summary)
{
  const PrecisActiveResult *result = NULL;

  memset (summary, 0, sizeof *summary);
  summary->protocol = protocol;
  summary->threshold = threshold;
  summary->confidence = confidence;

#if PRECIS_HAVE_ACTIVE
  if (active != NULL)
    {
      precis_active_set_threshold (active, threshold);
      precis_active_set_confidence (active, confidence);
      if (mask_changed)
        precis_active_set_classes (active, mask);
      result = precis_active_evaluate (active);
    }
#endif

  if (result != NULL)
    {
      summary->valid = TRUE;
      summary->map = result->map;
      summary->mar = result->mar;
      summary->mean_f1 = result->mean_f1;
      summary->tp = result->tp;
      summary->fp = result->fp;
      summary->fn = result->fn;
      summary->n_counted = result->n_counted;
    }
  else if (matcher == NULL)
    summary->unavailable = _("No evaluation: the predictions could not be matched");
  else
    summary->unavailable = _("No evaluation: the evaluator is not available in this build");

  if (protocol == PRECIS_APP_PROTOCOL_COCO)
    {
      /* TODO: protocol coco (precis-cocoeval.h) is not available yet. */
      summary->n_coco = PRECIS_APP_N_COCO_STATS;
      for (guint i = 0; i < PRECIS_APP_N_COCO_STATS; i++)
        {
          summary->coco[i] = -1.0;
          summary->coco_labels[i] = _(coco_box_labels[i]);
        }
    }

  return result;
}

gboolean
precis_app_eval_have_charts (void)
{
  return PRECIS_HAVE_CHART;
}

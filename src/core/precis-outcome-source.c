/* precis-outcome-source.c: each object's outcome under protocol active or coco
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-outcome-source.h"

gboolean
precis_outcome_source_is_set (const PrecisOutcomeSource *source)
{
  return source != NULL && (source->coco != NULL || source->active != NULL);
}

PrecisPredictionOutcome
precis_outcome_source_prediction (const PrecisOutcomeSource *source,
                                  guint32                    prediction,
                                  guint32                   *partner,
                                  double                    *iou)
{
  g_return_val_if_fail (precis_outcome_source_is_set (source), PRECIS_PREDICTION_FILTERED);

  if (source->coco != NULL)
    return precis_cocoeval_get_prediction_outcome (source->coco, source->coco_threshold,
                                                   prediction, partner, iou);
  if (partner != NULL || iou != NULL)
    {
      guint32 candidate = precis_active_get_prediction_candidate (source->active, prediction, iou);

      if (partner != NULL)
        *partner = candidate;
    }
  return precis_active_get_prediction_outcome (source->active, prediction);
}

PrecisGtOutcome
precis_outcome_source_gt (const PrecisOutcomeSource *source,
                          guint32                    gt,
                          guint32                   *partner)
{
  g_return_val_if_fail (precis_outcome_source_is_set (source), PRECIS_GT_FILTERED);

  if (source->coco != NULL)
    return precis_cocoeval_get_gt_outcome (source->coco, source->coco_threshold, gt, partner);
  if (partner != NULL)
    *partner = precis_active_get_gt_match (source->active, gt);
  return precis_active_get_gt_outcome (source->active, gt);
}

void
precis_outcome_source_count_ignored (const PrecisOutcomeSource *source,
                                     const PrecisAnnotations   *dt,
                                     guint                      n_categories,
                                     guint                     *ignored)
{
  g_return_if_fail (precis_outcome_source_is_set (source));
  g_return_if_fail (dt != NULL && (ignored != NULL || n_categories == 0));

  memset (ignored, 0, n_categories * sizeof *ignored);
  for (guint32 i = 0; i < dt->n; i++)
    if (dt->category[i] < n_categories &&
        precis_outcome_source_prediction (source, i, NULL, NULL) == PRECIS_PREDICTION_IGNORED)
      ignored[dt->category[i]]++;
}

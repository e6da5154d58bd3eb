/* precis-cocoeval-objects.c: protocol `coco`, every object's match at every
 * threshold (pycocotools' dtMatches, gtMatches, dtIgnore and gtIgnore at area
 * range 0 and the largest maxDets), written by precis-cocoeval-match.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-cocoeval-private.h"

void
_precis_cocoeval_objects_init (PrecisCocoEval *self,
                               guint32         n_gt,
                               guint32         n_dt)
{
  const gsize T = self->params.n_iou_thrs;

  self->n_gt_objects = n_gt;
  self->n_dt_objects = n_dt;
  /* Not evaluated until a worker writes the object's class. */
  self->dt_state = g_malloc (MAX (T * n_dt, 1));
  memset (self->dt_state, PRECIS_PREDICTION_FILTERED, T * n_dt);
  self->gt_state = g_malloc (MAX (T * n_gt, 1));
  memset (self->gt_state, PRECIS_GT_FILTERED, T * n_gt);
  /* 0xff bytes: PRECIS_NO_INDEX */
  self->dt_match = g_malloc (MAX (T * n_dt, 1) * sizeof (guint32));
  memset (self->dt_match, 0xff, T * n_dt * sizeof (guint32));
  self->gt_match = g_malloc (MAX (T * n_gt, 1) * sizeof (guint32));
  memset (self->gt_match, 0xff, T * n_gt * sizeof (guint32));
  self->dt_iou = g_new0 (float, MAX (T * n_dt, 1));
}

void
_precis_cocoeval_objects_clear (PrecisCocoEval *self)
{
  g_clear_pointer (&self->dt_state, g_free);
  g_clear_pointer (&self->gt_state, g_free);
  g_clear_pointer (&self->dt_match, g_free);
  g_clear_pointer (&self->gt_match, g_free);
  g_clear_pointer (&self->dt_iou, g_free);
}

gboolean
precis_cocoeval_has_objects (PrecisCocoEval *self)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), FALSE);
  return self->dt_state != NULL;
}

PrecisPredictionOutcome
precis_cocoeval_get_prediction_outcome (PrecisCocoEval *self,
                                        guint           t,
                                        guint32         prediction,
                                        guint32        *gt,
                                        double         *iou)
{
  gsize i;

  if (gt != NULL)
    *gt = PRECIS_NO_INDEX;
  if (iou != NULL)
    *iou = 0.0;
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), PRECIS_PREDICTION_FILTERED);
  g_return_val_if_fail (self->dt_state != NULL, PRECIS_PREDICTION_FILTERED);
  g_return_val_if_fail (t < self->params.n_iou_thrs, PRECIS_PREDICTION_FILTERED);
  g_return_val_if_fail (prediction < self->n_dt_objects, PRECIS_PREDICTION_FILTERED);

  i = (gsize) t * self->n_dt_objects + prediction;
  if (gt != NULL)
    *gt = self->dt_match[i];
  if (iou != NULL)
    *iou = self->dt_iou[i];
  return self->dt_state[i];
}

PrecisGtOutcome
precis_cocoeval_get_gt_outcome (PrecisCocoEval *self,
                                guint           t,
                                guint32         gt,
                                guint32        *prediction)
{
  gsize i;

  if (prediction != NULL)
    *prediction = PRECIS_NO_INDEX;
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), PRECIS_GT_FILTERED);
  g_return_val_if_fail (self->gt_state != NULL, PRECIS_GT_FILTERED);
  g_return_val_if_fail (t < self->params.n_iou_thrs, PRECIS_GT_FILTERED);
  g_return_val_if_fail (gt < self->n_gt_objects, PRECIS_GT_FILTERED);

  i = (gsize) t * self->n_gt_objects + gt;
  if (prediction != NULL)
    *prediction = self->gt_match[i];
  return self->gt_state[i];
}

/* precis-active-curves.c: protocol `active`, per-object outcomes and the F1
 * curve against the confidence threshold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "precis-active-private.h"

/* The outcome of prediction @p at t with every filter but s. */
static PrecisPredictionOutcome
classify (PrecisActive *self,
          guint32       p)
{
  const PrecisMatches *m = self->m;
  const PrecisAnnotations *dt = self->dt;
  const double t = self->threshold;
  guint32 g;

  if (!self->class_mask[dt->category[p]] || !self->image_mask[dt->image[p]])
    return PRECIS_PREDICTION_FILTERED;

  g = m->candidate[p];
  if (m->iou[p] >= t && m->d[p] < t)
    return area_in (self, self->gt->area[g]) ? PRECIS_PREDICTION_TP : PRECIS_PREDICTION_IGNORED;
  if (m->crowd[p] > 0 && m->crowd[p] >= t)
    return PRECIS_PREDICTION_IGNORED;
  if (!area_in (self, dt->area[p]))
    return PRECIS_PREDICTION_IGNORED;
  return PRECIS_PREDICTION_FP;
}

/**
 * precis_active_get_prediction_outcome:
 * @self: a #PrecisActive
 * @prediction: a prediction annotation index
 *
 * Returns: what @prediction is at the current parameters, in O(1)
 */
PrecisPredictionOutcome
precis_active_get_prediction_outcome (PrecisActive *self,
                                      guint32       prediction)
{
  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), PRECIS_PREDICTION_FILTERED);
  g_return_val_if_fail (prediction < self->n_dt, PRECIS_PREDICTION_FILTERED);

  if (self->dt->score[prediction] < self->confidence)
    return PRECIS_PREDICTION_FILTERED;
  return classify (self, prediction);
}

guint32
precis_active_get_prediction_candidate (PrecisActive *self,
                                        guint32       prediction,
                                        double       *iou)
{
  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), PRECIS_NO_INDEX);
  g_return_val_if_fail (prediction < self->n_dt, PRECIS_NO_INDEX);

  if (iou != NULL)
    *iou = self->m->iou[prediction];
  return self->m->candidate[prediction];
}

guint32
precis_active_get_gt_match (PrecisActive *self,
                            guint32       gt)
{
  const PrecisMatches *m;
  guint32 tp = PRECIS_NO_INDEX;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), PRECIS_NO_INDEX);
  g_return_val_if_fail (gt < self->gt->n, PRECIS_NO_INDEX);

  m = self->m;
  if (!self->class_mask[self->gt->category[gt]] || !self->image_mask[self->gt->image[gt]] ||
      m->gt_crowd[gt] || !area_in (self, self->gt->area[gt]))
    return PRECIS_NO_INDEX;

  /* The chain runs iou descending: the TP is the last one with iou ≥ t. */
  for (guint32 k = m->chain_start[gt]; k < m->chain_start[gt + 1]; k++)
    {
      guint32 p = m->chain[k];

      if (m->iou[p] < self->threshold)
        break;
      tp = p;
    }

  if (tp != PRECIS_NO_INDEX && self->dt->score[tp] < self->confidence)
    return PRECIS_NO_INDEX;
  return tp;
}

/**
 * precis_active_get_gt_outcome:
 * @self: a #PrecisActive
 * @gt: a GT annotation index
 *
 * Returns: what @gt is at the current parameters
 */
PrecisGtOutcome
precis_active_get_gt_outcome (PrecisActive *self,
                              guint32       gt)
{
  const PrecisAnnotations *anns;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), PRECIS_GT_FILTERED);
  g_return_val_if_fail (gt < self->gt->n, PRECIS_GT_FILTERED);

  anns = self->gt;
  if (!self->class_mask[anns->category[gt]] || !self->image_mask[anns->image[gt]])
    return PRECIS_GT_FILTERED;
  if (self->m->gt_crowd[gt] || !area_in (self, anns->area[gt]))
    return PRECIS_GT_IGNORED;
  return precis_active_get_gt_match (self, gt) != PRECIS_NO_INDEX ? PRECIS_GT_MATCHED : PRECIS_GT_FN;
}

/* ------------------------------------------------------------------------ */

/* F1 of a class with @tp TP, @fp FP and @n_gt GT (FN = n_gt − tp):
 * 2PR / (P + R) = 2 TP / (2 TP + FP + FN), one division. It can differ from
 * the result's f1 in the last bit. */
static inline double
class_f1 (guint tp,
          guint fp,
          guint n_gt)
{
  return tp > 0 ? 2.0 * tp / ((double)tp + (double)fp + (double)n_gt) : 0;
}

/**
 * precis_active_get_f1_curve:
 * @self: a #PrecisActive
 *
 * F1 against the confidence threshold at the current t, classes, images and
 * area range; see #PrecisActiveF1Curve. Computed on demand (two passes over
 * the predictions, no allocation) and kept until a parameter other than s
 * changes.
 *
 * Returns: (transfer none): the curve
 */
const PrecisActiveF1Curve *
precis_active_get_f1_curve (PrecisActive *self)
{
  const PrecisMatches *m;
  guint n_points = 0, n = 0, counted_gt = 0, counted_extra = 0;
  guint total_gt = 0, total_tp = 0, total_fp = 0;
  double sum_f1 = 0, pending_score = 0;
  gboolean pending = FALSE;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), NULL);

  if (!self->curve_stale)
    return &self->curve;

  if (self->flags_stale)
    _precis_active_rebuild (self);
  else if (self->status_t != self->threshold)
    _precis_active_apply_events (self);

  m = self->m;

  /* Per class: F1 at each distinct score of its ranked predictions. */
  for (guint32 c = 0; c < self->n_classes; c++)
    {
      guint tp = 0, fp = 0;
      guint end = m->class_start[c + 1];
      guint n_gt = self->n_gt[c];
      gboolean open = FALSE;
      double open_score = 0;

      self->curve_class_start[c] = n;
      if (!self->class_mask[c])
        continue;

      for (guint pos = m->class_start[c]; pos < end; pos++)
        {
          guint8 st = self->r_status[pos];

          if (st == ST_TP)
            tp++;
          else if (st == ST_FP)
            fp++;
          else
            continue;

          if (open && self->r_score[pos] != open_score)
            n++;
          open = TRUE;
          open_score = self->r_score[pos];
          self->curve_class_score[n] = open_score;
          self->curve_class_f1[n] = class_f1 (tp, fp, n_gt);
        }
      if (open)
        n++;
    }
  self->curve_class_start[self->n_classes] = n;

  /* Overall: walk every selected prediction by score. */
  for (guint32 c = 0; c < self->n_classes; c++)
    {
      self->acc_tp[c] = self->acc_fp[c] = 0;
      self->acc_f1[c] = 0;
      self->acc_seen[c] = 0;
      if (self->class_mask[c])
        {
          total_gt += self->n_gt[c];
          if (self->n_gt[c] > 0)
            counted_gt++;
        }
    }

  self->curve.best_confidence = 0;
  self->curve.best_mean_f1 = 0;

  for (guint i = 0; i <= self->n_dt; i++)
    {
      guint pos = 0;
      guint8 st = ST_OUT;
      guint32 c = 0;

      if (i < self->n_dt)
        {
          c = self->so_class[i];
          if (!self->class_mask[c])
            continue;
          pos = self->so_pos[i];
          st = self->r_status[pos];
          if (st == ST_OUT)
            continue;
        }

      /* A point at the end of each run of equal scores: emitted when the
       * next selected prediction has another score, or at the end. */
      if (pending && (i == self->n_dt || self->so_score[i] != pending_score))
        {
          guint n_counted = counted_gt + counted_extra;
          double mean = n_counted > 0 ? sum_f1 / n_counted : 0;
          double mp = total_tp + total_fp > 0 ? (double)total_tp / (double)(total_tp + total_fp) : 0;
          double mr = total_gt > 0 ? (double)total_tp / (double)total_gt : 0;

          self->curve_score[n_points] = pending_score;
          self->curve_mean_f1[n_points] = mean;
          self->curve_micro_f1[n_points] = f1_of (mp, mr);
          /* Ties (within rounding of the running sum) keep the larger s. */
          if (n_points == 0 || mean > self->curve.best_mean_f1 + 1e-12)
            {
              self->curve.best_mean_f1 = mean;
              self->curve.best_confidence = pending_score;
            }
          n_points++;
        }
      if (i == self->n_dt)
        break;

      pending = TRUE;
      pending_score = self->so_score[i];

      if (!self->acc_seen[c])
        {
          self->acc_seen[c] = 1;
          if (self->n_gt[c] == 0)
            counted_extra++;
        }
      if (st == ST_TP || st == ST_FP)
        {
          double f1;

          if (st == ST_TP)
            {
              self->acc_tp[c]++;
              total_tp++;
            }
          else
            {
              self->acc_fp[c]++;
              total_fp++;
            }
          f1 = class_f1 (self->acc_tp[c], self->acc_fp[c], self->n_gt[c]);
          sum_f1 += f1 - self->acc_f1[c];
          self->acc_f1[c] = f1;
        }
    }

  self->curve.n_points = n_points;
  self->curve_stale = FALSE;
  return &self->curve;
}

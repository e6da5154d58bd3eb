/* precis-active-evaluate.c: protocol `active`, the per-threshold statuses, their
 * incremental updates and the evaluation (counts, P, R, F1, AP) of the
 * selected classes; see precis-active.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "precis-active-private.h"
#include "precis-keypoints.h"

/* np.mean of 101 doubles: numpy's pairwise summation, divided by the count. */
static double
numpy_mean_101 (const double *a)
{
  return precis_pairwise_sum (a, PRECIS_N_RECALL_POINTS) / PRECIS_N_RECALL_POINTS;
}

static inline guint8
status_at (const PrecisActive *self,
           guint               k,
           double              t)
{
  guint8 f = self->r_flags[k];
  double crowd;

  if (f & FLAG_EXCLUDED)
    return ST_OUT;
  if (self->r_iou[k] >= t && self->r_d[k] < t)
    return (f & FLAG_CAND_OUT) ? ST_IGN : ST_TP;
  crowd = self->r_crowd[k];
  if ((crowd > 0 && crowd >= t) || (f & FLAG_OWN_OUT))
    return ST_IGN;
  return ST_FP;
}

static inline void
set_status (PrecisActive *self,
            guint         k,
            guint8        old,
            guint8        st)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (k & 63);
  guint w = k >> 6;

  if (old == ST_TP)
    self->bits_tp[w] &= ~bit;
  else if (old == ST_FP)
    self->bits_fp[w] &= ~bit;
  else if (old == ST_IGN)
    self->bits_ign[w] &= ~bit;

  if (st == ST_TP)
    self->bits_tp[w] |= bit;
  else if (st == ST_FP)
    self->bits_fp[w] |= bit;
  else if (st == ST_IGN)
    self->bits_ign[w] |= bit;

  self->r_status[k] = st;
}

/* Images or area range changed: flags, GT counts and every status. */
void
_precis_active_rebuild (PrecisActive *self)
{
  const PrecisAnnotations *gt = self->gt;
  const double t = self->threshold;

  for (guint k = 0; k < self->n_dt; k++)
    {
      double cand_area = self->r_cand_area[k];
      guint8 f = 0;

      if (!self->image_mask[self->r_image[k]])
        f |= FLAG_EXCLUDED;
      if (!area_in (self, self->r_area[k]))
        f |= FLAG_OWN_OUT;
      if (!isnan (cand_area) && !area_in (self, cand_area))
        f |= FLAG_CAND_OUT;
      self->r_flags[k] = f;
    }

  memset (self->bits_tp, 0, self->n_words * sizeof (guint64));
  memset (self->bits_fp, 0, self->n_words * sizeof (guint64));
  memset (self->bits_ign, 0, self->n_words * sizeof (guint64));
  for (guint k = 0; k < self->n_dt; k++)
    set_status (self, k, ST_OUT, status_at (self, k, t));
  self->status_t = t;

  memset (self->n_gt, 0, self->n_classes * sizeof (guint));
  memset (self->n_gt_crowd, 0, self->n_classes * sizeof (guint));
  for (guint j = 0; j < gt->n; j++)
    {
      if (!self->image_mask[gt->image[j]])
        continue;
      if (self->m->gt_crowd[j])
        self->n_gt_crowd[gt->category[j]]++;
      else if (area_in (self, gt->area[j]))
        self->n_gt[gt->category[j]]++;
    }

  memset (self->class_dirty, 1, self->n_classes);
  memset (self->class_members, 1, self->n_classes);
  self->flags_stale = FALSE;
}

/* Moves every status from status_t to the current t, visiting only the
 * predictions with a breakpoint between the two. */
void
_precis_active_apply_events (PrecisActive *self)
{
  const double t = self->threshold;
  double lo = MIN (self->status_t, t), hi = MAX (self->status_t, t);
  guint a = 0, b = self->n_events;

  /* First event with v ≥ lo. */
  while (a < b)
    {
      guint mid = a + (b - a) / 2;

      if (self->events[mid].v < lo)
        a = mid + 1;
      else
        b = mid;
    }

  for (guint i = a; i < self->n_events && self->events[i].v < hi; i++)
    {
      guint k = self->events[i].pos;
      guint8 old = self->r_status[k];
      guint8 st = status_at (self, k, t);

      if (st != old)
        {
          set_status (self, k, old, st);
          self->class_dirty[self->events[i].cls] = 1;
          /* Only a TP ↔ FP flip keeps the ranked set as it is. */
          if (old > ST_TP || st > ST_TP)
            self->class_members[self->events[i].cls] = 1;
        }
    }
  self->status_t = t;
}

/* First position in [start, end) whose score is below @s (scores descend). */
static guint
score_cut (const double *score,
           guint         start,
           guint         end,
           double        s)
{
  guint lo = start, hi = end;

  if (start == end || score[end - 1] >= s)
    return end;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (score[mid] >= s)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static inline guint64
range_mask (guint w,
            guint start,
            guint end)
{
  guint64 mask = G_MAXUINT64;

  if (w == start >> 6)
    mask &= G_MAXUINT64 << (start & 63);
  if (w == (end - 1) >> 6 && (end & 63) != 0)
    mask &= G_MAXUINT64 >> (64 - (end & 63));
  return mask;
}

/* Counts, ranked sequence, AP@t and the 101 precisions of class @c over the
 * positions [start, cut): one pass over the set bits of its TP and FP sets. */
static void
evaluate_class (PrecisActive *self,
                guint32       c,
                guint         start,
                guint         cut,
                gboolean      members)
{
  PrecisActiveClassResult *cls = &self->classes[c];
  const guint32 *order = self->m->class_order;
  guint n_gt = self->n_gt[c];
  guint tp = 0, fp = 0, ign = 0, k = start;
  double *q = self->precision_101 + (gsize)c * PRECIS_N_RECALL_POINTS;
  double *prec_tp = self->scratch;   /* prec_tp[m]: precision at the m-th TP */
  double recall = 0;

  if (cut > start)
    for (guint w = start >> 6; w <= (cut - 1) >> 6; w++)
      {
        guint64 mask = range_mask (w, start, cut);
        guint64 tw = self->bits_tp[w] & mask;
        guint64 both = (tw | self->bits_fp[w]) & mask;

        ign += __builtin_popcountll (self->bits_ign[w] & mask);
        while (both)
          {
            guint b = __builtin_ctzll (both);
            guint pos = (w << 6) + b;
            gboolean is_tp = (tw >> b) & 1;
            double prec;

            both &= both - 1;
            if (is_tp)
              {
                tp++;
                /* As pycocotools: rc = tp / npig. */
                recall = n_gt > 0 ? (double)tp / (double)n_gt : 0;
              }
            else
              fp++;
            /* As pycocotools: pr = tp / (fp + tp + spacing(1)). */
            prec = (double)tp / ((double)fp + (double)tp + DBL_EPSILON);
            if (is_tp)
              prec_tp[tp] = prec;

            /* The same predictions are ranked as last time unless one
             * entered or left the ranking: then they need no copy. */
            if (members)
              {
                self->rank_prediction[k] = order[pos];
                self->rank_score[k] = self->r_score[pos];
              }
            self->rank_tp[k] = is_tp;
            self->rank_recall[k] = recall;
            self->rank_precision[k] = prec;
            k++;
          }
      }

  /* The envelope, non-increasing from the right. */
  if (k > start)
    {
      double run = self->rank_precision[k - 1];

      self->rank_envelope[k - 1] = run;
      for (guint i = k - 1; i > start; i--)
        {
          double v = self->rank_precision[i - 1];

          if (v < run)
            v = run;
          self->rank_envelope[i - 1] = run = v;
        }
    }

  /* The 101 interpolated precisions. The first rank whose recall reaches a
   * recall point r > 0 is a TP rank (recall only grows at TPs), and the
   * envelope there is the largest precision at a TP rank from it on (after
   * an FP precision only falls); at r = 0 it is the first rank. */
  if (n_gt > 0)
    {
      guint i = 0, mm = 1;

      for (guint j = tp; j > 1; j--)
        if (prec_tp[j] > prec_tp[j - 1])
          prec_tp[j - 1] = prec_tp[j];

      q[0] = tp > 0 ? prec_tp[1] : 0;
      for (i = 1; i < PRECIS_N_RECALL_POINTS; i++)
        {
          double thr = precis_recall_point (i);

          while (mm <= tp && (double)mm / (double)n_gt < thr)
            mm++;
          if (mm > tp)
            break;
          q[i] = prec_tp[mm];
        }
      for (; i < PRECIS_N_RECALL_POINTS; i++)
        q[i] = 0;
      cls->ap = numpy_mean_101 (q);
    }
  else
    {
      memset (q, 0, PRECIS_N_RECALL_POINTS * sizeof (double));
      cls->ap = 0;
    }

  cls->category = c;
  cls->selected = TRUE;
  cls->n_gt = n_gt;
  cls->n_gt_crowd = self->n_gt_crowd[c];
  cls->n_predictions = tp + fp + ign;
  cls->tp = tp;
  cls->fp = fp;
  cls->fn = n_gt - tp;
  cls->ignored = ign;
  cls->precision = tp + fp > 0 ? (double)tp / (double)(tp + fp) : 0;
  cls->recall = n_gt > 0 ? (double)tp / (double)n_gt : 0;
  cls->f1 = f1_of (cls->precision, cls->recall);
  cls->ar = cls->recall;
  cls->rank_start = start;
  cls->n_ranks = k - start;
  cls->counted = n_gt > 0 || cls->n_predictions > 0;
}

/**
 * precis_active_evaluate:
 * @self: a #PrecisActive
 *
 * Evaluates at the current parameters when anything changed since the last
 * call, without allocating: a threshold step visits only the predictions
 * whose status can change between the two thresholds, then recomputes the
 * classes that changed (one pass over their ranked predictions).
 *
 * Returns: (transfer none): the result, valid until the next setter call
 */
const PrecisActiveResult *
precis_active_evaluate (PrecisActive *self)
{
  PrecisActiveResult *res;
  double sum_ap = 0, sum_ar = 0, sum_f1 = 0;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), NULL);

  res = &self->result;
  if (!self->stale)
    return res;

  if (self->flags_stale)
    _precis_active_rebuild (self);
  else if (self->status_t != self->threshold)
    _precis_active_apply_events (self);

  res->threshold = self->threshold;
  res->confidence = self->confidence;
  res->area_min = self->area_min;
  res->area_max = self->area_max;
  res->n_ranks = self->n_dt;
  res->n_counted = 0;
  res->n_gt = res->n_gt_crowd = res->n_predictions = 0;
  res->tp = res->fp = res->fn = res->ignored = 0;

  /* Category index order is ascending id order (the dataset sorts them). */
  for (guint32 c = 0; c < self->n_classes; c++)
    {
      PrecisActiveClassResult *cls = &self->classes[c];
      guint start = self->m->class_start[c];

      if (!self->class_mask[c])
        {
          if (self->class_done[c] || cls->category != c)
            {
              memset (cls, 0, sizeof (*cls));
              cls->category = c;
              cls->rank_start = start;
              memset (self->precision_101 + (gsize)c * PRECIS_N_RECALL_POINTS, 0,
                      PRECIS_N_RECALL_POINTS * sizeof (double));
            }
          self->class_done[c] = FALSE;
          continue;
        }

      {
        guint cut = score_cut (self->r_score, start, self->m->class_start[c + 1], self->confidence);

        if (!self->class_done[c] || self->class_dirty[c] || cut != self->class_cut[c])
          {
            gboolean members = !self->class_done[c] || self->class_members[c] || cut != self->class_cut[c];

            evaluate_class (self, c, start, cut, members);
            self->class_cut[c] = cut;
            self->class_dirty[c] = FALSE;
            self->class_members[c] = FALSE;
            self->class_done[c] = TRUE;
          }
      }

      res->n_gt += cls->n_gt;
      res->n_gt_crowd += cls->n_gt_crowd;
      res->n_predictions += cls->n_predictions;
      res->tp += cls->tp;
      res->fp += cls->fp;
      res->fn += cls->fn;
      res->ignored += cls->ignored;

      if (cls->counted)
        {
          self->counted[res->n_counted++] = c;
          sum_ap += cls->ap;
          sum_ar += cls->ar;
          sum_f1 += cls->f1;
        }
    }

  res->map = res->n_counted > 0 ? sum_ap / res->n_counted : 0;
  res->mar = res->n_counted > 0 ? sum_ar / res->n_counted : 0;
  res->mean_f1 = res->n_counted > 0 ? sum_f1 / res->n_counted : 0;

  self->stale = FALSE;
  return res;
}

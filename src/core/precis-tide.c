/* precis-tide.c: TIDE's error types and their dAP (SEMANTICS.md §8)
 *
 * The assignment follows dbolya/tide 1.0.1 step by step (see
 * reference/tide/ALGORITHM.md, which docs/SEMANTICS.md §8 points to); only the IoU
 * is Precis's, so every shape kind works.
 *
 * The dAPs need no sorting: TIDE sorts each class's points by score, stable in
 * insertion order. The original run inserts them in (image order, score order
 * within the image); an oracle's rebuild inserts every error point before every
 * re-added TP. Both orders are one global order (PrecisOverlapsData.tide_order)
 * walked once, with the errors of each run of equal scores emitted before its
 * TPs for a rebuild. TIDE's 101-point AP is then accumulated in one pass: the
 * interpolated precision at recall r_k is the largest precision of any point whose
 * recall is ≥ r_k, so each point updates the bucket of the largest r_k it reaches
 * and a suffix maximum at the end gives the 101 values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-tide-private.h"

static void
counts_add (TideCounts       *a,
            const TideCounts *b,
            int               sign)
{
  a->n_tp += sign * b->n_tp;
  a->n_fp += sign * b->n_fp;
  a->n_ignored += sign * b->n_ignored;
  a->n_fn += sign * b->n_fn;
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    a->counts[e] += sign * b->counts[e];
}

G_DEFINE_FINAL_TYPE (PrecisTide, precis_tide, G_TYPE_OBJECT)

static const char *const error_keys[PRECIS_TIDE_N_ERRORS] = { "cls", "loc", "both", "dupe", "bkg", "miss" };
static const char *const error_names[PRECIS_TIDE_N_ERRORS] = { "Cls", "Loc", "Both", "Dupe", "Bkg", "Miss" };

const char *
precis_tide_error_to_key (PrecisTideError error)
{
  return error < PRECIS_TIDE_N_ERRORS ? error_keys[error] : "";
}

const char *
precis_tide_error_to_name (PrecisTideError error)
{
  return error < PRECIS_TIDE_N_ERRORS ? error_names[error] : "";
}

static void
precis_tide_finalize (GObject *object)
{
  PrecisTide *self = (PrecisTide *)object;

  g_clear_object (&self->overlaps);
  g_free (self->classes);
  g_free (self->items);
  g_free (self->pairs);
  g_free (self->image_first_gt);
  g_free (self->live_dt_start);
  g_free (self->live_dt);
  g_free (self->live_gt_start);
  g_free (self->live_gt);
  g_free (self->gt_live);
  g_free (self->live_counts);
  g_free (self->image_ious);
  g_free (self->prediction_state);
  g_free (self->prediction_error);
  g_free (self->prediction_target);
  g_free (self->prediction_fixes);
  g_free (self->gt_error);
  g_free (self->gt_match);
  g_free (self->gt_claim);
  g_free (self->num_gt);
  g_free (self->n_prime);
  g_free (self->n_miss);
  g_free (self->n_fn);
  g_free (self->n_tp);
  g_free (self->n_fp);
  g_free (self->acc_tp);
  g_free (self->acc_fp);
  g_free (self->acc_points);
  g_free (self->bucket);

  G_OBJECT_CLASS (precis_tide_parent_class)->finalize (object);
}

static void
precis_tide_class_init (PrecisTideClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_tide_finalize;
}

static void
precis_tide_init (PrecisTide *self)
{
  self->threshold = 0.5;
  self->background = 0.1;
  self->max_dets = 100;
  self->dirty = TRUE;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Whether image k has an IoU in [lo, hi]: only then can a step between those two
 * thresholds change any comparison TIDE makes in it. */
static gboolean
image_has_iou_in (PrecisTide *self,
                  guint       k,
                  double      lo,
                  double      hi)
{
  const PrecisOverlapsData *o = self->o;
  guint32 a, b;

  if (o->image_dt_start[k + 1] == o->image_dt_start[k])
    return FALSE;
  a = self->items[o->image_dt_start[k]].p0;
  b = self->items[o->image_dt_start[k + 1] - 1].p1;
  while (a < b)
    {
      guint32 mid = a + (b - a) / 2;

      if (self->image_ious[mid] < lo)
        a = mid + 1;
      else
        b = mid;
    }
  return a < self->items[o->image_dt_start[k + 1] - 1].p1 && self->image_ious[a] <= hi;
}

static void
build_items (PrecisTide *self)
{
  const PrecisOverlapsData *o = self->o;
  guint32 pos = 0;

  self->items = g_new (TideItem, MAX (o->n_predictions, 1));
  self->pairs = g_new (TidePair, MAX (o->pair_start[o->n_predictions], 1));
  for (guint i = 0; i < o->n_predictions; i++)
    {
      guint32 d = o->image_dt[i];
      TideItem *item = &self->items[i];

      item->d = d;
      item->cat = self->dt->category[d];
      item->score = self->dt->score[d];
      item->p0 = pos;
      for (guint32 e = o->pair_start[d]; e < o->pair_start[d + 1]; e++)
        {
          guint32 g = o->pair_gt[e];
          TidePair *p = &self->pairs[pos++];

          p->iou = o->pair_iou[e];
          p->gt = g;
          p->cat = self->gt->category[g] | (o->gt_crowd[g] ? PAIR_CROWD : 0);
        }
      item->p1 = pos;
    }

  /* Pairs are in image order, so each image's IoUs are one range of the pool. */
  self->image_ious = g_new (double, MAX (pos, 1));
  for (guint32 e = 0; e < pos; e++)
    self->image_ious[e] = self->pairs[e].iou;
  for (guint k = 0; k < o->n_images; k++)
    {
      guint32 a = self->items[o->image_dt_start[k]].p0;
      guint32 b = o->image_dt_start[k + 1] > o->image_dt_start[k] ? self->items[o->image_dt_start[k + 1] - 1].p1 : a;

      if (o->image_dt_start[k + 1] > o->image_dt_start[k])
        qsort (self->image_ious + a, b - a, sizeof (double), compare_double);
    }
}

PrecisTide *
precis_tide_new (PrecisOverlaps *overlaps)
{
  PrecisTide *self;
  PrecisDataset *dataset;
  guint n_dt, n_gt, n_cat;

  g_return_val_if_fail (PRECIS_IS_OVERLAPS (overlaps), NULL);

  self = g_object_new (PRECIS_TYPE_TIDE, NULL);
  self->overlaps = g_object_ref (overlaps);
  self->o = precis_overlaps_get_data (overlaps);
  dataset = precis_matcher_get_dataset (precis_overlaps_get_matcher (overlaps));
  self->dt = precis_dataset_get_predictions (dataset, precis_matcher_get_model (precis_overlaps_get_matcher (overlaps)));
  self->gt = precis_dataset_get_ground_truth_annotations (dataset);

  n_dt = MAX (self->o->n_predictions, 1);
  n_gt = MAX (self->o->n_gt, 1);
  n_cat = MAX (self->o->n_categories, 1);
  self->classes = g_malloc (n_cat);
  memset (self->classes, 1, n_cat);
  self->prediction_state = g_new (guint8, n_dt);
  self->prediction_error = g_new (guint8, n_dt);
  self->prediction_target = g_new (guint32, n_dt);
  self->prediction_fixes = g_new (guint8, n_dt);
  self->gt_error = g_new (guint8, n_gt);
  self->gt_match = g_new (guint32, n_gt);
  self->gt_claim = g_new (guint32, n_gt);
  self->num_gt = g_new (guint, n_cat);
  self->n_prime = g_new (guint, n_cat);
  self->n_miss = g_new (guint, n_cat);
  self->n_fn = g_new (guint, n_cat);
  self->n_tp = g_new (guint, n_cat);
  self->n_fp = g_new (guint, n_cat);
  self->acc_tp = g_new (guint, n_cat);
  self->acc_fp = g_new (guint, n_cat);
  self->acc_points = g_new (guint, n_cat);
  self->bucket = g_new (double, (gsize)n_cat * N_POINTS);
  build_items (self);
  self->image_first_gt = g_new (guint32, MAX (self->o->n_images, 1));
  self->live_dt_start = g_new0 (guint32, self->o->n_images + 1);
  self->live_dt = g_new (guint32, n_dt);
  self->live_gt_start = g_new0 (guint32, self->o->n_images + 1);
  self->live_gt = g_new (guint32, n_gt);
  self->gt_live = g_new0 (guint8, n_gt);
  self->live_counts = g_new0 (TideCounts, MAX (self->o->n_images, 1));
  return self;
}

PrecisOverlaps *
precis_tide_get_overlaps (PrecisTide *self)
{
  g_return_val_if_fail (PRECIS_IS_TIDE (self), NULL);

  return self->overlaps;
}

void
precis_tide_set_threshold (PrecisTide *self,
                           double      threshold)
{
  g_return_if_fail (PRECIS_IS_TIDE (self));
  g_return_if_fail (threshold >= 0 && threshold <= 1);

  if (self->threshold != threshold)
    self->threshold_dirty = TRUE;
  self->threshold = threshold;
}

void
precis_tide_set_background (PrecisTide *self,
                            double      background)
{
  g_return_if_fail (PRECIS_IS_TIDE (self));
  g_return_if_fail (background >= 0 && background <= 1);

  if (self->background != background)
    self->dirty = TRUE;
  self->background = background;
}

void
precis_tide_set_confidence (PrecisTide *self,
                            double      confidence)
{
  g_return_if_fail (PRECIS_IS_TIDE (self));
  g_return_if_fail (confidence >= 0);

  if (self->confidence != confidence)
    self->dirty = TRUE;
  self->confidence = confidence;
}

void
precis_tide_set_max_dets (PrecisTide *self,
                          guint       max_dets)
{
  g_return_if_fail (PRECIS_IS_TIDE (self));

  if (self->max_dets != max_dets)
    self->dirty = TRUE;
  self->max_dets = max_dets;
}

void
precis_tide_set_classes (PrecisTide   *self,
                         const guint8 *mask)
{
  g_return_if_fail (PRECIS_IS_TIDE (self));

  for (guint c = 0; c < self->o->n_categories; c++)
    self->classes[c] = mask == NULL || mask[c] != 0;
  self->dirty = TRUE;
}

/* Step 2.4 for one kept detection: the free same-class GT of largest IoU
 * (first in GT file order on ties) becomes its match when the IoU is ≥ t. */
static void
match_detection (PrecisTide     *self,
                 const TideItem *item)
{
  guint32 best = PRECIS_NO_INDEX, d = item->d;
  double best_iou = 0;

  self->prediction_error[d] = PRECIS_TIDE_NONE;
  self->prediction_target[d] = PRECIS_NO_INDEX;
  self->prediction_fixes[d] = 0;
  for (guint32 e = item->p0; e < item->p1; e++)
    {
      const TidePair *p = &self->pairs[e];

      if (p->cat == item->cat && p->iou > best_iou && self->gt_match[p->gt] == PRECIS_NO_INDEX)
        {
          best_iou = p->iou;
          best = p->gt;
        }
    }
  if (best != PRECIS_NO_INDEX && best_iou >= self->threshold)
    {
      self->prediction_state[d] = PRECIS_TIDE_STATE_TP;
      self->prediction_target[d] = best;
      self->gt_match[best] = d;
      self->acc->n_tp++;
    }
  else
    self->prediction_state[d] = PRECIS_TIDE_STATE_FP;
}

/* Steps 2.5, 2.7 and 2.8 for one unmatched detection of image k. */
static void
classify_detection (PrecisTide     *self,
                    const TideItem *item,
                    guint           k)
{
  guint32 c = item->cat, d = item->d;
  double same = 0, other = 0, used = 0, crowd = 0;
  guint32 same_gt = PRECIS_NO_INDEX, other_gt = PRECIS_NO_INDEX, used_gt = PRECIS_NO_INDEX;
  guint32 first_gt = self->image_first_gt[k];
  double t = self->threshold, tb = self->background;
  PrecisTideError error;
  guint32 target = PRECIS_NO_INDEX;

  for (guint32 e = item->p0; e < item->p1; e++)
    {
      const TidePair *p = &self->pairs[e];

      if (p->cat == c)
        {
          if (p->iou > same)
            {
              same = p->iou;
              same_gt = p->gt;
            }
          if (p->iou > used && self->gt_match[p->gt] != PRECIS_NO_INDEX)
            {
              used = p->iou;
              used_gt = p->gt;
            }
        }
      else if (p->cat == (c | PAIR_CROWD))
        {
          if (p->iou > crowd)
            crowd = p->iou;
        }
      else if (p->iou > other && !(p->cat & PAIR_CROWD) && self->classes[p->cat])
        {
          other = p->iou;
          other_gt = p->gt;
        }
    }

  /* Ignore regions: strictly above t, never a TP, same class only. */
  if (crowd > t)
    {
      self->prediction_state[d] = PRECIS_TIDE_STATE_IGNORED;
      self->acc->n_ignored++;
    }
  else
    self->acc->n_fp++;

  /* TIDE's argmax of an all-zero row is the image's first GT. */
  if (first_gt == PRECIS_NO_INDEX)
    error = PRECIS_TIDE_BKG;
  else if (tb <= same && same <= t)
    {
      error = PRECIS_TIDE_LOC;
      target = same_gt != PRECIS_NO_INDEX ? same_gt : first_gt;
    }
  else if (other >= t)
    {
      error = PRECIS_TIDE_CLS;
      target = other_gt != PRECIS_NO_INDEX ? other_gt : first_gt;
    }
  else if (used >= t)
    {
      error = PRECIS_TIDE_DUPE;
      target = used_gt;
    }
  else if (MAX (same, other) <= tb)
    error = PRECIS_TIDE_BKG;
  else
    error = PRECIS_TIDE_BOTH;

  self->prediction_error[d] = error;
  self->prediction_target[d] = target;
  self->acc->counts[error]++;

  /* The first (highest-scored) Cls or Loc error aimed at an unmatched GT claims it. */
  if ((error == PRECIS_TIDE_CLS || error == PRECIS_TIDE_LOC) &&
      self->gt_match[target] == PRECIS_NO_INDEX && self->gt_claim[target] == PRECIS_NO_INDEX &&
      item->score > -1)
    {
      self->gt_claim[target] = d;
      self->prediction_fixes[d] = 1;
    }
}

/* Step 2.9 for one selected GT. */
static void
count_gt (PrecisTide *self,
          guint32     g)
{
  if (self->gt_match[g] != PRECIS_NO_INDEX)
    return;
  self->acc->n_fn++;
  if (self->gt_claim[g] == PRECIS_NO_INDEX)
    {
      self->gt_error[g] = PRECIS_TIDE_MISS;
      self->acc->counts[PRECIS_TIDE_MISS]++;
    }
}

/* The live GTs of image k: those a live detection overlaps, and the first GT
 * (the target of TIDE's all-zero argmax). */
static void
collect_live_gts (PrecisTide *self,
                  guint       k)
{
  guint32 first = self->image_first_gt[k];

  self->live_gt_start[k] = self->live_gt_start[k + 1] = self->n_live_gt;
  if (self->live_dt_start[k + 1] == self->live_dt_start[k])
    return;
  if (first != PRECIS_NO_INDEX)
    {
      self->gt_live[first] = 1;
      self->live_gt[self->n_live_gt++] = first;
    }
  for (guint32 i = self->live_dt_start[k]; i < self->live_dt_start[k + 1]; i++)
    {
      const TideItem *item = &self->items[self->live_dt[i]];

      for (guint32 e = item->p0; e < item->p1; e++)
        {
          guint32 g = self->pairs[e].gt;

          if (!(self->pairs[e].cat & PAIR_CROWD) && self->classes[self->pairs[e].cat] && !self->gt_live[g])
            {
              self->gt_live[g] = 1;
              self->live_gt[self->n_live_gt++] = g;
            }
        }
    }
  self->live_gt_start[k + 1] = self->n_live_gt;
}

/* The counts of image k's live detections and GTs, for later threshold steps. */
static void
live_share (PrecisTide *self,
            guint       k)
{
  TideCounts *c = &self->live_counts[k];

  memset (c, 0, sizeof *c);
  for (guint32 i = self->live_dt_start[k]; i < self->live_dt_start[k + 1]; i++)
    {
      guint32 d = self->items[self->live_dt[i]].d;
      guint8 st = self->prediction_state[d];

      c->n_tp += st == PRECIS_TIDE_STATE_TP;
      c->n_fp += st == PRECIS_TIDE_STATE_FP;
      c->n_ignored += st == PRECIS_TIDE_STATE_IGNORED;
      if (self->prediction_error[d] != PRECIS_TIDE_NONE)
        c->counts[self->prediction_error[d]]++;
    }
  for (guint32 j = self->live_gt_start[k]; j < self->live_gt_start[k + 1]; j++)
    {
      guint32 g = self->live_gt[j];

      c->n_fn += self->gt_match[g] == PRECIS_NO_INDEX;
      c->counts[PRECIS_TIDE_MISS] += self->gt_error[g] == PRECIS_TIDE_MISS;
    }
}

static void
evaluate_image (PrecisTide *self,
                guint       k)
{
  const PrecisOverlapsData *o = self->o;
  const guint32 *gts = o->image_gt + o->image_gt_start[k];
  guint n_gts = o->image_gt_start[k + 1] - o->image_gt_start[k];
  guint32 i0 = o->image_dt_start[k], i1 = o->image_dt_start[k + 1];
  guint kept = 0;

  self->image_first_gt[k] = PRECIS_NO_INDEX;
  for (guint j = 0; j < n_gts; j++)
    if (self->classes[self->gt->category[gts[j]]])
      {
        self->image_first_gt[k] = gts[j];
        break;
      }

  /* Steps 2.3 and 2.4: the first max_dets selected detections by score, matched. */
  self->live_dt_start[k] = self->n_live_dt;
  for (guint32 i = i0; i < i1; i++)
    {
      const TideItem *item = &self->items[i];
      guint32 d = item->d;

      if (!self->classes[item->cat] || item->score < self->confidence)
        self->prediction_state[d] = PRECIS_TIDE_STATE_FILTERED;
      else if (kept == self->max_dets)
        {
          self->prediction_state[d] = PRECIS_TIDE_STATE_DROPPED;
          self->result.n_dropped++;
        }
      else
        {
          kept++;
          match_detection (self, item);
          if (item->p1 > item->p0)
            self->live_dt[self->n_live_dt++] = i;
          continue;
        }
      self->prediction_error[d] = PRECIS_TIDE_NONE;
      self->prediction_target[d] = PRECIS_NO_INDEX;
      self->prediction_fixes[d] = 0;
    }
  self->live_dt_start[k + 1] = self->n_live_dt;

  for (guint32 i = i0; i < i1; i++)
    if (self->prediction_state[self->items[i].d] == PRECIS_TIDE_STATE_FP)
      classify_detection (self, &self->items[i], k);

  for (guint j = 0; j < n_gts; j++)
    if (self->classes[self->gt->category[gts[j]]])
      {
        self->result.n_gt++;
        count_gt (self, gts[j]);
      }
  collect_live_gts (self, k);
  live_share (self, k);
}

/* A threshold step (t > 0 before and after, t_b > 0): a detection that overlaps no GT
 * is Bkg at every such t, and a GT no kept detection overlaps is missed at every t;
 * only the live detections and GTs are assigned again. */
static void
reevaluate_image (PrecisTide *self,
                  guint       k)
{
  guint32 d0 = self->live_dt_start[k], d1 = self->live_dt_start[k + 1];
  guint32 g0 = self->live_gt_start[k], g1 = self->live_gt_start[k + 1];

  counts_add (&self->totals, &self->live_counts[k], -1);
  memset (&self->live_counts[k], 0, sizeof (TideCounts));
  self->acc = &self->live_counts[k];
  for (guint32 j = g0; j < g1; j++)
    {
      guint32 g = self->live_gt[j];

      self->gt_match[g] = PRECIS_NO_INDEX;
      self->gt_claim[g] = PRECIS_NO_INDEX;
      self->gt_error[g] = PRECIS_TIDE_NONE;
    }

  for (guint32 i = d0; i < d1; i++)
    match_detection (self, &self->items[self->live_dt[i]]);
  for (guint32 i = d0; i < d1; i++)
    {
      const TideItem *item = &self->items[self->live_dt[i]];

      if (self->prediction_state[item->d] == PRECIS_TIDE_STATE_FP)
        classify_detection (self, item, k);
    }
  for (guint32 j = g0; j < g1; j++)
    count_gt (self, self->live_gt[j]);
  counts_add (&self->totals, &self->live_counts[k], +1);
}

static void
publish_counts (PrecisTide *self)
{
  PrecisTideResult *r = &self->result;

  r->n_tp = self->totals.n_tp;
  r->n_fp = self->totals.n_fp;
  r->n_ignored = self->totals.n_ignored;
  r->n_fn = self->totals.n_fn;
  memcpy (r->counts, self->totals.counts, sizeof r->counts);
}

const PrecisTideResult *
precis_tide_evaluate (PrecisTide *self)
{
  const PrecisOverlapsData *o;
  PrecisTideResult *r;
  gboolean step;

  g_return_val_if_fail (PRECIS_IS_TIDE (self), NULL);

  r = &self->result;
  if (!self->dirty && !self->threshold_dirty)
    return r;

  o = self->o;
  step = !self->dirty && self->background > 0 && r->threshold > 0 && self->threshold > 0;
  if (step)
    {
      double lo = MIN (r->threshold, self->threshold), hi = MAX (r->threshold, self->threshold);

      r->threshold = self->threshold;
      for (guint k = 0; k < o->n_images; k++)
        if (self->live_dt_start[k + 1] > self->live_dt_start[k] && image_has_iou_in (self, k, lo, hi))
          reevaluate_image (self, k);
      publish_counts (self);
      self->threshold_dirty = FALSE;
      return r;
    }

  memset (r, 0, sizeof *r);
  r->threshold = self->threshold;
  r->background = self->background;
  r->confidence = self->confidence;
  r->max_dets = self->max_dets;
  memset (self->gt_error, PRECIS_TIDE_NONE, o->n_gt);
  memset (self->gt_match, 0xff, sizeof (guint32) * o->n_gt);
  memset (self->gt_claim, 0xff, sizeof (guint32) * o->n_gt);
  memset (self->gt_live, 0, o->n_gt);
  self->n_live_dt = 0;
  self->n_live_gt = 0;
  memset (&self->totals, 0, sizeof self->totals);
  self->acc = &self->totals;

  for (guint k = 0; k < o->n_images; k++)
    evaluate_image (self, k);
  self->live_gt_start[o->n_images] = self->n_live_gt;
  publish_counts (self);

  r->prediction_state = self->prediction_state;
  r->prediction_error = self->prediction_error;
  r->prediction_target = self->prediction_target;
  r->prediction_fixes = self->prediction_fixes;
  r->gt_error = self->gt_error;
  r->gt_match = self->gt_match;
  self->dirty = FALSE;
  self->threshold_dirty = FALSE;
  return r;
}


guint
precis_tide_count_per_image (PrecisTide      *self,
                             PrecisTideError  error,
                             guint32          category,
                             guint32         *per_image)
{
  const PrecisTideResult *r;
  guint total = 0;

  g_return_val_if_fail (PRECIS_IS_TIDE (self), 0);
  g_return_val_if_fail (error <= PRECIS_TIDE_N_ERRORS, 0);
  g_return_val_if_fail (per_image != NULL, 0);

  r = precis_tide_evaluate (self);
  memset (per_image, 0, sizeof (guint32) * self->o->n_images);
  if (error != PRECIS_TIDE_MISS)
    for (guint32 i = 0; i < self->o->n_predictions; i++)
      {
        guint8 e = r->prediction_error[i];

        if (e == PRECIS_TIDE_NONE || (error != PRECIS_TIDE_N_ERRORS && e != error) ||
            (category != PRECIS_NO_INDEX && self->dt->category[i] != category))
          continue;
        per_image[self->dt->image[i]]++;
        total++;
      }
  if (error == PRECIS_TIDE_MISS || error == PRECIS_TIDE_N_ERRORS)
    for (guint32 g = 0; g < self->o->n_gt; g++)
      {
        if (r->gt_error[g] != PRECIS_TIDE_MISS ||
            (category != PRECIS_NO_INDEX && self->gt->category[g] != category))
          continue;
        per_image[self->gt->image[g]]++;
        total++;
      }
  return total;
}

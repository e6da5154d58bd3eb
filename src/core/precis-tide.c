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

#include "precis-tide.h"

#define N_POINTS 101

struct _PrecisTide
{
  GObject                   parent_instance;

  PrecisOverlaps           *overlaps;
  const PrecisOverlapsData *o;
  const PrecisAnnotations  *dt;
  const PrecisAnnotations  *gt;

  double                    threshold;
  double                    background;
  double                    confidence;
  guint                     max_dets;
  guint8                   *classes;
  gboolean                  dirty;

  PrecisTideResult          result;
  guint8                   *prediction_state;
  guint8                   *prediction_error;
  guint32                  *prediction_target;
  guint8                   *prediction_fixes;
  guint8                   *gt_error;
  guint32                  *gt_match;
  guint32                  *gt_claim;

  /* dAP scratch, per category. */
  guint                    *num_gt;
  guint                    *n_prime;
  guint                    *n_miss;
  guint                    *n_fn;
  guint                    *n_tp;
  guint                    *n_fp;
  guint                    *acc_tp;
  guint                    *acc_fp;
  guint                    *acc_points;
  double                   *bucket;   /* n_categories × 101 */
};

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
    self->dirty = TRUE;
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

/* Step 2.3 and 2.4: the kept detections of image k and the greedy matching. */
static void
match_image (PrecisTide    *self,
             const guint32 *dts,
             guint          n_dts)
{
  const PrecisOverlapsData *o = self->o;
  const guint32 *cat = self->dt->category, *gt_cat = self->gt->category;
  guint kept = 0;

  for (guint i = 0; i < n_dts; i++)
    {
      guint32 d = dts[i], best = PRECIS_NO_INDEX;
      double best_iou = 0;

      self->prediction_error[d] = PRECIS_TIDE_NONE;
      self->prediction_target[d] = PRECIS_NO_INDEX;
      self->prediction_fixes[d] = 0;
      if (!self->classes[cat[d]] || self->dt->score[d] < self->confidence)
        {
          self->prediction_state[d] = PRECIS_TIDE_STATE_FILTERED;
          continue;
        }
      if (kept == self->max_dets)
        {
          self->prediction_state[d] = PRECIS_TIDE_STATE_DROPPED;
          self->result.n_dropped++;
          continue;
        }
      kept++;

      for (guint32 e = o->pair_start[d]; e < o->pair_start[d + 1]; e++)
        {
          guint32 g = o->pair_gt[e];

          if (!o->gt_crowd[g] && gt_cat[g] == cat[d] && self->gt_match[g] == PRECIS_NO_INDEX &&
              o->pair_iou[e] > best_iou)
            {
              best_iou = o->pair_iou[e];
              best = g;
            }
        }
      if (best != PRECIS_NO_INDEX && best_iou >= self->threshold)
        {
          self->prediction_state[d] = PRECIS_TIDE_STATE_TP;
          self->prediction_target[d] = best;
          self->gt_match[best] = d;
          self->result.n_tp++;
        }
      else
        self->prediction_state[d] = PRECIS_TIDE_STATE_FP;
    }
}

/* Steps 2.5, 2.7 and 2.8 for one unmatched detection. */
static void
classify_detection (PrecisTide *self,
                    guint32     d,
                    guint       n_image_gt,
                    guint32     first_gt)
{
  const PrecisOverlapsData *o = self->o;
  const guint32 *gt_cat = self->gt->category;
  guint32 c = self->dt->category[d];
  double same = 0, other = 0, used = 0, crowd = 0;
  guint32 same_gt = PRECIS_NO_INDEX, other_gt = PRECIS_NO_INDEX, used_gt = PRECIS_NO_INDEX;
  double t = self->threshold, tb = self->background;
  PrecisTideError error;
  guint32 target = PRECIS_NO_INDEX;

  for (guint32 e = o->pair_start[d]; e < o->pair_start[d + 1]; e++)
    {
      guint32 g = o->pair_gt[e];
      double v = o->pair_iou[e];

      if (o->gt_crowd[g])
        {
          if (gt_cat[g] == c && v > crowd)
            crowd = v;
        }
      else if (gt_cat[g] == c)
        {
          if (v > same)
            {
              same = v;
              same_gt = g;
            }
          if (self->gt_match[g] != PRECIS_NO_INDEX && v > used)
            {
              used = v;
              used_gt = g;
            }
        }
      else if (self->classes[gt_cat[g]] && v > other)
        {
          other = v;
          other_gt = g;
        }
    }

  /* Ignore regions: strictly above t, never a TP, same class only. */
  if (crowd > t)
    {
      self->prediction_state[d] = PRECIS_TIDE_STATE_IGNORED;
      self->result.n_ignored++;
    }
  else
    self->result.n_fp++;

  /* TIDE's argmax of an all-zero row is the image's first GT. */
  if (n_image_gt == 0)
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
  self->result.counts[error]++;

  /* The first (highest-scored) Cls or Loc error aimed at an unmatched GT claims it. */
  if ((error == PRECIS_TIDE_CLS || error == PRECIS_TIDE_LOC) &&
      self->gt_match[target] == PRECIS_NO_INDEX && self->gt_claim[target] == PRECIS_NO_INDEX &&
      self->dt->score[d] > -1)
    {
      self->gt_claim[target] = d;
      self->prediction_fixes[d] = 1;
    }
}

static void
evaluate_image (PrecisTide *self,
                guint       k)
{
  const PrecisOverlapsData *o = self->o;
  const guint32 *dts = o->image_dt + o->image_dt_start[k];
  const guint32 *gts = o->image_gt + o->image_gt_start[k];
  guint n_dts = o->image_dt_start[k + 1] - o->image_dt_start[k];
  guint n_gts = o->image_gt_start[k + 1] - o->image_gt_start[k];
  guint n_image_gt = 0;
  guint32 first_gt = PRECIS_NO_INDEX;

  for (guint j = 0; j < n_gts; j++)
    if (self->classes[self->gt->category[gts[j]]])
      {
        if (n_image_gt++ == 0)
          first_gt = gts[j];
      }

  match_image (self, dts, n_dts);
  for (guint i = 0; i < n_dts; i++)
    if (self->prediction_state[dts[i]] == PRECIS_TIDE_STATE_FP)
      classify_detection (self, dts[i], n_image_gt, first_gt);

  /* Step 2.9: misses. */
  for (guint j = 0; j < n_gts; j++)
    {
      guint32 g = gts[j];

      if (!self->classes[self->gt->category[g]])
        continue;
      self->result.n_gt++;
      if (self->gt_match[g] != PRECIS_NO_INDEX)
        continue;
      self->result.n_fn++;
      if (self->gt_claim[g] == PRECIS_NO_INDEX)
        {
          self->gt_error[g] = PRECIS_TIDE_MISS;
          self->result.counts[PRECIS_TIDE_MISS]++;
        }
    }
}

const PrecisTideResult *
precis_tide_evaluate (PrecisTide *self)
{
  const PrecisOverlapsData *o;
  PrecisTideResult *r;

  g_return_val_if_fail (PRECIS_IS_TIDE (self), NULL);

  r = &self->result;
  if (!self->dirty)
    return r;

  o = self->o;
  memset (r, 0, sizeof *r);
  r->threshold = self->threshold;
  r->background = self->background;
  r->confidence = self->confidence;
  r->max_dets = self->max_dets;
  memset (self->gt_error, PRECIS_TIDE_NONE, o->n_gt);
  memset (self->gt_match, 0xff, sizeof (guint32) * o->n_gt);
  memset (self->gt_claim, 0xff, sizeof (guint32) * o->n_gt);

  for (guint k = 0; k < o->n_images; k++)
    evaluate_image (self, k);

  r->prediction_state = self->prediction_state;
  r->prediction_error = self->prediction_error;
  r->prediction_target = self->prediction_target;
  r->prediction_fixes = self->prediction_fixes;
  r->gt_error = self->gt_error;
  r->gt_match = self->gt_match;
  self->dirty = FALSE;
  return r;
}

/* ---- dAP ---------------------------------------------------------------- */

/* The largest k with k / 100 ≤ @recall (TIDE's grid is k / 100, a real division). */
static guint
recall_bucket (double recall)
{
  int k = (int)(recall * 100);

  k = CLAMP (k, 0, 100);
  while (k < 100 && (k + 1) / 100.0 <= recall)
    k++;
  while (k > 0 && k / 100.0 > recall)
    k--;
  return k;
}

static void
acc_reset (PrecisTide *self)
{
  guint n = self->o->n_categories;

  memset (self->acc_tp, 0, sizeof (guint) * n);
  memset (self->acc_fp, 0, sizeof (guint) * n);
  memset (self->acc_points, 0, sizeof (guint) * n);
  for (gsize i = 0; i < (gsize)n * N_POINTS; i++)
    self->bucket[i] = 0;
}

static inline void
acc_add (PrecisTide *self,
         guint32     c,
         gboolean    tp)
{
  double precision, recall;
  double *b;

  self->acc_points[c]++;
  if (self->n_prime[c] == 0)
    return;
  if (tp)
    self->acc_tp[c]++;
  else
    self->acc_fp[c]++;
  precision = (double)self->acc_tp[c] / (double)(self->acc_tp[c] + self->acc_fp[c]);
  recall = (double)self->acc_tp[c] / (double)self->n_prime[c];
  b = &self->bucket[(gsize)c * N_POINTS + recall_bucket (recall)];
  if (precision > *b)
    *b = precision;
}

/* TIDE's mAP: the mean over the classes with GT or points (category order). */
static double
acc_map (PrecisTide *self)
{
  double sum = 0;
  guint n = 0;

  for (guint c = 0; c < self->o->n_categories; c++)
    {
      const double *b = &self->bucket[(gsize)c * N_POINTS];
      double y[N_POINTS], run = 0, total = 0;

      if (self->n_prime[c] == 0 && self->acc_points[c] == 0)
        continue;
      n++;
      if (self->n_prime[c] == 0)
        continue;
      for (int k = N_POINTS - 1; k >= 0; k--)
        {
          if (b[k] > run)
            run = b[k];
          y[k] = run;
        }
      for (guint k = 0; k < N_POINTS; k++)
        total += y[k];
      sum += total / N_POINTS * 100;
    }
  return n > 0 ? sum / n : 0;
}

/* The original run: points in TIDE's insertion order, ignored detections left out. */
static double
map_original (PrecisTide *self)
{
  const guint32 *order = self->o->tide_order;

  acc_reset (self);
  memcpy (self->n_prime, self->num_gt, sizeof (guint) * self->o->n_categories);
  for (guint i = 0; i < self->o->n_predictions; i++)
    {
      guint32 d = order[i];
      guint8 st = self->prediction_state[d];

      if (st == PRECIS_TIDE_STATE_TP || st == PRECIS_TIDE_STATE_FP)
        acc_add (self, self->dt->category[d], st == PRECIS_TIDE_STATE_TP);
    }
  return acc_map (self);
}

/* An error's contribution to a rebuild: its fixed form when its type is in @fix
 * (a bit set of PrecisTideError), else its original form. */
static void
rebuild_error (PrecisTide *self,
               guint32     d,
               guint       fix)
{
  guint8 error = self->prediction_error[d];

  if (fix & (1u << error))
    {
      if (self->prediction_fixes[d])
        acc_add (self, error == PRECIS_TIDE_CLS ? self->gt->category[self->prediction_target[d]]
                                                : self->dt->category[d], TRUE);
    }
  else if (self->prediction_state[d] == PRECIS_TIDE_STATE_FP)
    acc_add (self, self->dt->category[d], FALSE);
}

/* TIDERun.fix_errors: errors in order, then the original TPs, with the GT counts
 * already in n_prime. */
static double
map_rebuild (PrecisTide *self,
             guint       fix)
{
  const guint32 *order = self->o->tide_order;
  const double *score = self->dt->score;
  guint n = self->o->n_predictions;

  acc_reset (self);
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;

      while (j < n && score[order[j]] == score[order[i]])
        j++;
      for (guint q = i; q < j; q++)
        {
          guint8 st = self->prediction_state[order[q]];

          if (st == PRECIS_TIDE_STATE_FP || st == PRECIS_TIDE_STATE_IGNORED)
            rebuild_error (self, order[q], fix);
        }
      for (guint q = i; q < j; q++)
        if (self->prediction_state[order[q]] == PRECIS_TIDE_STATE_TP)
          acc_add (self, self->dt->category[order[q]], TRUE);
      i = j;
    }
  return acc_map (self);
}

/* FalsePos: every TP scored 1, every error 0, so a class's curve is its TPs at
 * precision 1 up to recall TP / n. */
static double
map_false_pos (PrecisTide *self)
{
  double sum = 0;
  guint n = 0;

  for (guint c = 0; c < self->o->n_categories; c++)
    {
      if (self->num_gt[c] == 0 && self->n_tp[c] + self->n_fp[c] == 0)
        continue;
      n++;
      if (self->num_gt[c] > 0 && self->n_tp[c] > 0)
        sum += (double)(recall_bucket ((double)self->n_tp[c] / self->num_gt[c]) + 1) / N_POINTS * 100;
    }
  return n > 0 ? sum / n : 0;
}

static void
count_per_class (PrecisTide *self)
{
  guint n_cat = self->o->n_categories;

  memset (self->num_gt, 0, sizeof (guint) * n_cat);
  memset (self->n_miss, 0, sizeof (guint) * n_cat);
  memset (self->n_fn, 0, sizeof (guint) * n_cat);
  memset (self->n_tp, 0, sizeof (guint) * n_cat);
  memset (self->n_fp, 0, sizeof (guint) * n_cat);
  for (guint g = 0; g < self->o->n_gt; g++)
    {
      guint32 c = self->gt->category[g];

      if (self->o->gt_crowd[g] || !self->classes[c])
        continue;
      self->num_gt[c]++;
      if (self->gt_match[g] == PRECIS_NO_INDEX)
        self->n_fn[c]++;
      if (self->gt_error[g] == PRECIS_TIDE_MISS)
        self->n_miss[c]++;
    }
  for (guint d = 0; d < self->o->n_predictions; d++)
    {
      if (self->prediction_state[d] == PRECIS_TIDE_STATE_TP)
        self->n_tp[self->dt->category[d]]++;
      else if (self->prediction_state[d] == PRECIS_TIDE_STATE_FP)
        self->n_fp[self->dt->category[d]]++;
    }
}

void
precis_tide_compute_daps (PrecisTide     *self,
                          PrecisTideDaps *daps)
{
  guint n_cat;
  double ap;

  g_return_if_fail (PRECIS_IS_TIDE (self));
  g_return_if_fail (daps != NULL);

  precis_tide_evaluate (self);
  n_cat = self->o->n_categories;
  count_per_class (self);

  ap = map_original (self);
  daps->ap = ap;
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      double v;

      for (guint c = 0; c < n_cat; c++)
        self->n_prime[c] = self->num_gt[c] - (e == PRECIS_TIDE_MISS ? self->n_miss[c] : 0);
      v = map_rebuild (self, 1u << e);
      daps->main[e] = MAX (v - ap, 0);
    }

  daps->special_fp = map_false_pos (self) - ap;
  for (guint c = 0; c < n_cat; c++)
    self->n_prime[c] = self->num_gt[c] - self->n_fn[c];
  daps->special_fn = map_rebuild (self, 0) - ap;
}

JsonNode *
precis_tide_to_json (const PrecisTideResult *result,
                     const PrecisTideDaps   *daps)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (result != NULL && daps != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ap");
  json_builder_add_double_value (b, daps->ap);
  json_builder_set_member_name (b, "main");
  json_builder_begin_object (b);
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      json_builder_set_member_name (b, error_keys[e]);
      json_builder_add_double_value (b, daps->main[e]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "special");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fp");
  json_builder_add_double_value (b, daps->special_fp);
  json_builder_set_member_name (b, "fn");
  json_builder_add_double_value (b, daps->special_fn);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      json_builder_set_member_name (b, error_keys[e]);
      json_builder_add_int_value (b, result->counts[e]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "thresholds");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "foreground");
  json_builder_add_double_value (b, result->threshold);
  json_builder_set_member_name (b, "background");
  json_builder_add_double_value (b, result->background);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

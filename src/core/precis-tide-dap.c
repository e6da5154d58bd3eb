/* precis-tide-dap.c: TIDE's AP and the dAP of its oracles (SEMANTICS.md §8)
 *
 * See precis-tide.c for why no sorting is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-tide-private.h"

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
      json_builder_set_member_name (b, precis_tide_error_to_key (e));
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
      json_builder_set_member_name (b, precis_tide_error_to_key (e));
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

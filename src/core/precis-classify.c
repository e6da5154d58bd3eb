/* precis-classify.c: classification projects, one label per image (SEMANTICS.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What does not depend on the confidence threshold s is computed once: per
 * labelled image its GT class and its 5 highest predictions (score descending,
 * ties in file order). Since those are sorted, the top-1 at s is the first one
 * when its score is ≥ s and `none` otherwise, and the top-5 at s is the prefix
 * scored ≥ s: an evaluation is one pass over the images plus one over the
 * classes, O(N + K²) for the confusion matrix, with no allocation.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "precis-classify.h"

#define TOP_K PRECIS_CLASSIFY_TOP_K
#define N_BINS PRECIS_CLASSIFY_N_BINS

/* What a labelled image contributes at any s: its top-1 answers when
 * top1_score ≥ s (-1 without a prediction), its top-5 holds the GT when
 * gt_score ≥ s (the GT's highest score among the 5, -1 when absent). */
typedef struct {
  double  top1_score;
  double  gt_score;
  guint32 gt;
  guint32 top1;
  guint8  bin;        /* of top1_score */
} Row;

struct _PrecisClassify
{
  GObject        parent_instance;

  PrecisDataset *dataset;
  guint          model;
  double         confidence;

  /* Per labelled image (a row), in image index order. */
  guint          n_rows;
  guint          n_unlabelled;
  gboolean       has_top5;
  guint32       *image;
  Row           *rows;
  guint         *support;        /* per category: GT labels (independent of s) */

  /* The last evaluation. */
  guint         *n_predicted;    /* per category */
  guint         *tp;             /* per category */
  guint         *confusion;      /* K × (K + 1) */
  PrecisClassifyPerClass *classes;  /* at most K */
  PrecisClassifyResult result;
};

G_DEFINE_FINAL_TYPE (PrecisClassify, precis_classify, G_TYPE_OBJECT)

static void
precis_classify_finalize (GObject *object)
{
  PrecisClassify *self = PRECIS_CLASSIFY (object);

  g_clear_object (&self->dataset);
  g_free (self->image);
  g_free (self->rows);
  g_free (self->support);
  g_free (self->n_predicted);
  g_free (self->tp);
  g_free (self->confusion);
  g_free (self->classes);

  G_OBJECT_CLASS (precis_classify_parent_class)->finalize (object);
}

static void
precis_classify_class_init (PrecisClassifyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_classify_finalize;
}

static void
precis_classify_init (PrecisClassify *self)
{
}

/* Inserts prediction @i into the row's top list (@n entries kept sorted by
 * score descending, then file order). */
static void
insert_top (const PrecisAnnotations *preds,
            guint32                 *order,
            guint                   *n,
            guint32                  i)
{
  guint pos = *n;

  while (pos > 0)
    {
      guint32 o = order[pos - 1];

      if (preds->score[o] > preds->score[i] ||
          (preds->score[o] == preds->score[i] && preds->file_index[o] < preds->file_index[i]))
        break;
      pos--;
    }
  if (pos >= TOP_K)
    return;
  if (*n < TOP_K)
    (*n)++;
  memmove (order + pos + 1, order + pos, (*n - 1 - pos) * sizeof *order);
  order[pos] = i;
}

static void
precompute (PrecisClassify *self)
{
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (self->dataset);
  const PrecisAnnotations *preds = precis_dataset_get_predictions (self->dataset, self->model);
  guint n_images = precis_dataset_get_n_images (self->dataset);

  self->n_rows = gt->n;
  self->image = g_new (guint32, MAX (gt->n, 1));
  self->rows = g_new (Row, MAX (gt->n, 1));
  self->has_top5 = gt->n > 0;

  /* The loader checked one GT label per image; GT is sorted by image. */
  for (guint row = 0; row < gt->n; row++)
    {
      guint32 k = gt->image[row];
      guint32 order[TOP_K];
      guint n = 0, n_all = 0;
      Row *r = &self->rows[row];

      self->image[row] = k;
      self->support[gt->category[row]]++;
      for (guint32 g = preds->image_group_start[k]; g < preds->image_group_start[k + 1]; g++)
        for (guint32 p = preds->groups[g].start; p < preds->groups[g].end; p++, n_all++)
          insert_top (preds, order, &n, p);
      r->gt = gt->category[row];
      r->top1 = n > 0 ? preds->category[order[0]] : PRECIS_NO_INDEX;
      r->top1_score = n > 0 ? preds->score[order[0]] : -1;
      r->bin = (guint8) precis_classify_bin_of (MAX (r->top1_score, 0));
      r->gt_score = -1;
      for (guint j = 0; j < n && r->gt_score < 0; j++)
        if (preds->category[order[j]] == r->gt)
          r->gt_score = preds->score[order[j]];
      if (n_all < TOP_K)
        self->has_top5 = FALSE;
    }
  self->n_unlabelled = n_images - self->n_rows;
}

/**
 * precis_classify_new:
 * @dataset: a classification project
 * @model: a model index
 *
 * Returns: (transfer full): a new evaluator at s = 0
 */
PrecisClassify *
precis_classify_new (PrecisDataset *dataset,
                     guint          model)
{
  PrecisClassify *self;
  guint k;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (model < precis_dataset_get_n_models (dataset), NULL);
  g_return_val_if_fail (precis_dataset_is_classification (dataset), NULL);

  self = g_object_new (PRECIS_TYPE_CLASSIFY, NULL);
  self->dataset = g_object_ref (dataset);
  self->model = model;
  k = precis_dataset_get_n_categories (dataset);
  self->support = g_new0 (guint, MAX (k, 1));
  precompute (self);

  self->n_predicted = g_new (guint, MAX (k, 1));
  self->tp = g_new (guint, MAX (k, 1));
  self->confusion = g_new (guint, (gsize) k * (k + 1) + 1);
  self->classes = g_new (PrecisClassifyPerClass, MAX (k, 1));
  return self;
}

PrecisDataset *
precis_classify_get_dataset (PrecisClassify *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASSIFY (self), NULL);
  return self->dataset;
}

guint
precis_classify_get_model (PrecisClassify *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASSIFY (self), 0);
  return self->model;
}

void
precis_classify_set_confidence (PrecisClassify *self,
                                double          confidence)
{
  g_return_if_fail (PRECIS_IS_CLASSIFY (self));
  self->confidence = confidence;
}

double
precis_classify_get_confidence (PrecisClassify *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASSIFY (self), 0);
  return self->confidence;
}

/**
 * precis_classify_bin_of:
 * @score: a top-1 score in [0, 1]
 *
 * Bin 0 holds [0, 1/15], bin b > 0 holds (b/15, (b+1)/15]: the bin is the
 * number of inner edges b/15 (1 ≤ b ≤ 14) below @score, which is numpy's
 * `searchsorted(linspace(0, 1, 16)[1:-1], score)` (scikit-learn's
 * `calibration_curve` bins); b/15 is numpy's edge exactly.
 *
 * Returns: the bin, 0 … 14
 */
guint
precis_classify_bin_of (double score)
{
  int b = (int) ceil (score * N_BINS) - 1;

  b = CLAMP (b, 0, N_BINS - 1);
  /* Near an edge the product may round across it: compare with the edges. */
  if (b > 0 && score <= (double) b / N_BINS)
    b--;
  else if (b < N_BINS - 1 && score > (double) (b + 1) / N_BINS)
    b++;
  return (guint) b;
}

static double
ratio (guint num,
       guint den)
{
  return den > 0 ? (double) num / den : NAN;
}

/* The per-class table and its averages from the counts. */
static void
finish_classes (PrecisClassify       *self,
                PrecisClassifyResult *r)
{
  double sum_p = 0, sum_r = 0, sum_f = 0, w_p = 0, w_r = 0, w_f = 0;
  guint k = r->n_categories, total = 0;

  r->n_classes = 0;
  for (guint c = 0; c < k; c++)
    {
      PrecisClassifyPerClass *cls;

      if (self->support[c] == 0 && self->n_predicted[c] == 0)
        continue;
      cls = &self->classes[r->n_classes++];
      cls->category = c;
      cls->support = self->support[c];
      cls->predicted = self->n_predicted[c];
      cls->tp = self->tp[c];
      cls->fp = cls->predicted - cls->tp;
      cls->fn = cls->support - cls->tp;
      cls->precision = cls->predicted > 0 ? (double) cls->tp / cls->predicted : 0;
      cls->recall = cls->support > 0 ? (double) cls->tp / cls->support : 0;
      /* scikit-learn 1.2's order of operations: (2 · P) · R / (P + R). */
      cls->f1 = cls->precision + cls->recall > 0
                ? 2 * cls->precision * cls->recall / (cls->precision + cls->recall) : 0;
      sum_p += cls->precision;
      sum_r += cls->recall;
      sum_f += cls->f1;
      w_p += cls->precision * cls->support;
      w_r += cls->recall * cls->support;
      w_f += cls->f1 * cls->support;
      total += cls->support;
    }
  r->classes = self->classes;
  r->macro_precision = r->n_classes > 0 ? sum_p / r->n_classes : 0;
  r->macro_recall = r->n_classes > 0 ? sum_r / r->n_classes : 0;
  r->macro_f1 = r->n_classes > 0 ? sum_f / r->n_classes : 0;
  r->weighted_precision = total > 0 ? w_p / total : 0;
  r->weighted_recall = total > 0 ? w_r / total : 0;
  r->weighted_f1 = total > 0 ? w_f / total : 0;
}

static void
finish_bins (PrecisClassifyResult *r,
             const double         *score_sum)
{
  r->ece = 0;
  for (guint b = 0; b < N_BINS; b++)
    {
      PrecisClassifyBin *bin = &r->bins[b];

      bin->accuracy = ratio (bin->correct, bin->n);
      bin->confidence = bin->n > 0 ? score_sum[b] / bin->n : NAN;
      if (bin->n > 0)
        r->ece += (double) bin->n / r->n_images * fabs (bin->accuracy - bin->confidence);
    }
}

/**
 * precis_classify_evaluate:
 * @self: a #PrecisClassify
 *
 * Evaluates at the current confidence threshold (SEMANTICS.md §11).
 *
 * Returns: (transfer none): the result, valid until the next evaluation
 */
const PrecisClassifyResult *
precis_classify_evaluate (PrecisClassify *self)
{
  PrecisClassifyResult *r;
  double score_sum[N_BINS] = { 0, };
  double s;
  guint k;

  g_return_val_if_fail (PRECIS_IS_CLASSIFY (self), NULL);

  r = &self->result;
  s = self->confidence;
  k = precis_dataset_get_n_categories (self->dataset);
  memset (r, 0, sizeof *r);
  memset (self->n_predicted, 0, MAX (k, 1) * sizeof (guint));
  memset (self->tp, 0, MAX (k, 1) * sizeof (guint));
  memset (self->confusion, 0, ((gsize) k * (k + 1) + 1) * sizeof (guint));
  r->confidence = s;
  r->n_images = self->n_rows;
  r->n_unlabelled = self->n_unlabelled;
  r->n_categories = k;
  r->confusion = self->confusion;
  r->has_top5 = self->has_top5;

  for (guint row = 0; row < self->n_rows; row++)
    {
      const Row *w = &self->rows[row];
      gsize cell = (gsize) w->gt * (k + 1);

      if (w->top1_score >= s)
        {
          guint correct = w->top1 == w->gt;

          r->answered++;
          r->correct += correct;
          self->n_predicted[w->top1]++;
          self->tp[w->gt] += correct;
          self->confusion[cell + w->top1]++;
          r->bins[w->bin].n++;
          r->bins[w->bin].correct += correct;
          score_sum[w->bin] += w->top1_score;
        }
      else
        {
          /* Abstains: `none`, score 0, wrong. */
          self->confusion[cell + k]++;
          r->bins[0].n++;
        }
      r->top5_correct += w->gt_score >= s;
    }

  r->accuracy = ratio (r->correct, r->n_images);
  r->top5_accuracy = r->has_top5 ? ratio (r->top5_correct, r->n_images) : NAN;
  r->coverage = ratio (r->answered, r->n_images);
  r->selective_accuracy = ratio (r->correct, r->answered);
  finish_classes (self, r);
  finish_bins (r, score_sum);
  return r;
}

void
precis_classify_get_row (PrecisClassify *self,
                         guint           row,
                         guint32        *image,
                         guint32        *gt,
                         guint32        *predicted,
                         double         *score)
{
  g_return_if_fail (PRECIS_IS_CLASSIFY (self));
  g_return_if_fail (row < self->n_rows);

  *image = self->image[row];
  *gt = self->rows[row].gt;
  *predicted = self->rows[row].top1_score >= self->confidence ? self->rows[row].top1 : PRECIS_NO_INDEX;
  *score = *predicted == PRECIS_NO_INDEX ? 0 : self->rows[row].top1_score;
}

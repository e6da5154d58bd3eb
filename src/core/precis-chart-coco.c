/* precis-chart-coco.c: a chart model from pycocotools' results (protocol coco)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "precis-chart-private.h"

/* Index of @k's precision at recall point @r, threshold @t, area "all" (0) and
 * the largest maxDets, in COCOeval.eval['precision'] [T × R × K × A × M]. */
static gsize
precision_index (const PrecisCocoParams *params,
                 guint                   n_classes,
                 guint                   t,
                 guint                   r,
                 guint                   k)
{
  guint A = params->n_area_rngs, M = params->n_max_dets;

  return ((((gsize) t * PRECIS_COCO_N_REC_THRS + r) * n_classes + k) * A + 0) * M + (M - 1);
}

/**
 * precis_chart_coco_threshold_index:
 * @params: the parameters of an evaluation
 * @iou: an IoU threshold
 * @index: (out): the index of @iou in @params' thresholds
 *
 * Returns: whether @iou is one of @params' thresholds (within 1e-6)
 */
gboolean
precis_chart_coco_threshold_index (const PrecisCocoParams *params,
                                   double                  iou,
                                   guint                  *index)
{
  g_return_val_if_fail (params != NULL, FALSE);

  for (guint t = 0; t < params->n_iou_thrs; t++)
    if (fabs (params->iou_thrs[t] - iou) < 1e-6)
      {
        if (index)
          *index = t;
        return TRUE;
      }
  return FALSE;
}

/* One class at threshold @t: AP and the PR curve from the precision array,
 * recall from the recall array, the counts from pycocotools' matching. */
static void
fill_class (PrecisCocoEval      *eval,
            guint                t,
            guint                k,
            PrecisChartCategory *c,
            double              *p101)
{
  const PrecisCocoParams *params = precis_cocoeval_get_params (eval);
  PrecisDataset *dataset = precis_matcher_get_dataset (precis_cocoeval_get_matcher (eval));
  guint K = precis_cocoeval_get_n_classes (eval), A = params->n_area_rngs, M = params->n_max_dets;
  const double *precision = precis_cocoeval_get_precision (eval);
  const double *recall = precis_cocoeval_get_recall (eval);
  guint32 category = precis_cocoeval_get_class_category (eval, k);
  const PrecisCategory *cat = precis_dataset_get_category (dataset, category);
  double r = recall[(((gsize) t * K + k) * A + 0) * M + (M - 1)];
  double sum = 0;
  guint n_valid = 0, last = 0;
  guint64 tp, fp, fn;

  precis_cocoeval_get_counts (eval, k, t, &tp, &fp, &fn);
  c->name = cat->name;
  c->id = cat->id;
  c->category = category;
  c->n_gt = precis_cocoeval_get_n_gt (eval, k);
  c->counted = c->n_gt > 0;   /* pycocotools leaves classes without GT out (-1) */
  c->tp = tp;
  c->fp = fp;
  c->fn = fn;
  c->n_predictions = tp + fp;
  c->precision = tp + fp > 0 ? (double) tp / (tp + fp) : 0.0;
  c->recall = r > 0 ? r : 0.0;
  c->f1 = c->precision + c->recall > 0 ? 2 * c->precision * c->recall / (c->precision + c->recall) : 0.0;
  for (guint i = 0; i < PRECIS_COCO_N_REC_THRS; i++)
    {
      double v = precision[precision_index (params, K, t, i, k)];

      p101[i] = v > 0 ? v : 0.0;
      if (v > -1)
        {
          sum += v;
          n_valid++;
        }
      if (v > 0)
        last = i + 1;
    }
  c->ap = n_valid > 0 ? sum / n_valid : 0.0;
  c->precision_101 = p101;
  /* The curve as drawn: the interpolated precision at each recall point
   * up to the last one reached. */
  c->n_ranks = last;
  c->rank_recall = last > 0 ? params->rec_thrs : NULL;
  c->rank_envelope = last > 0 ? p101 : NULL;
}

/**
 * precis_chart_model_new_from_cocoeval:
 * @eval: a finished pycocotools evaluation
 * @t: an IoU threshold index of @eval's parameters (0 for .50 … 9 for .95)
 *
 * The chart model of protocol `coco` at one IoU threshold, read from the
 * evaluator's arrays at area "all" and the largest maxDets (100; 20 for
 * keypoints): each class's AP and 101-point precision curve are
 * `eval['precision'][t, :, k, 0, -1]` (AP the mean of the points that are not
 * -1), its recall `eval['recall'][t, k, 0, -1]`, its TP, FP and FN the
 * detections pycocotools matched at @t (precis_cocoeval_get_counts()), and
 * its precision TP / (TP + FP). Classes without ground truth are not counted
 * (pycocotools' -1). mAP and mAR are the means over the counted classes. The
 * model has no confidence curve (pycocotools keeps no per-score F1), so its
 * F1-against-confidence chart is empty.
 *
 * Returns: (transfer full): the model, protocol "coco"
 */
PrecisChartModel *
precis_chart_model_new_from_cocoeval (PrecisCocoEval *eval,
                                      guint           t)
{
  const PrecisCocoParams *params;
  PrecisMatcher *matcher;
  PrecisDataset *dataset;
  guint n;
  g_autofree PrecisChartCategory *classes = NULL;
  g_autofree double *p101 = NULL;
  PrecisChartSummary summary = { 0 };
  guint64 tp, fp, fn;
  guint n_counted = 0;

  g_return_val_if_fail (PRECIS_IS_COCOEVAL (eval), NULL);
  params = precis_cocoeval_get_params (eval);
  g_return_val_if_fail (t < params->n_iou_thrs, NULL);

  matcher = precis_cocoeval_get_matcher (eval);
  dataset = precis_matcher_get_dataset (matcher);
  n = precis_cocoeval_get_n_classes (eval);
  classes = g_new0 (PrecisChartCategory, MAX (n, 1));
  p101 = g_new0 (double, (gsize) MAX (n, 1) * PRECIS_COCO_N_REC_THRS);
  for (guint k = 0; k < n; k++)
    {
      fill_class (eval, t, k, &classes[k], p101 + (gsize) k * PRECIS_COCO_N_REC_THRS);
      if (!classes[k].counted)
        continue;
      n_counted++;
      summary.map += classes[k].ap;
      summary.mar += classes[k].recall;
      summary.mean_f1 += classes[k].f1;
    }
  if (n_counted > 0)
    {
      summary.map /= n_counted;
      summary.mar /= n_counted;
      summary.mean_f1 /= n_counted;
    }
  precis_cocoeval_get_counts (eval, PRECIS_NO_INDEX, t, &tp, &fp, &fn);
  summary.tp = tp;
  summary.fp = fp;
  summary.fn = fn;
  summary.dataset = precis_dataset_get_name (dataset);
  summary.model = precis_dataset_get_model_name (dataset, precis_matcher_get_model (matcher));
  summary.protocol = "coco";
  summary.iou_type = precis_iou_type_to_string (params->iou_type);
  summary.threshold = params->iou_thrs[t];
  summary.n_categories = precis_dataset_get_n_categories (dataset);

  return precis_chart_model_new (&summary, classes, n);
}

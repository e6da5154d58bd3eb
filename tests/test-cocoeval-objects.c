/* test-cocoeval-objects.c: protocol `coco`, each object's match (pycocotools'
 * dtMatches / gtMatches / dtIgnore / gtIgnore at area range 0, largest maxDets)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pycocotools cannot be run here (no python3-pycocotools in Debian 12, no
 * network), so the small cases are computed by hand (comments below), and on
 * the real samples the objects are checked against the evaluation's own
 * arrays, which test-cocoeval.c compares with pycocotools' published numbers:
 * the outcomes summed give precis_cocoeval_get_counts(), and TP / npig is
 * bit for bit eval['recall'][t, k, 0, -1].
 */

#include "config.h"

#include "precis-cocoeval.h"
#include "precis-test-files.h"

/* @params NULL: the defaults with keep_objects. */
static PrecisCocoEval *
evaluate (PrecisDataset    *dataset,
          PrecisIouType     type,
          PrecisCocoParams *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  PrecisCocoParams defaults;
  PrecisCocoEval *eval;

  matcher = precis_matcher_new (dataset, 0, type, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (params == NULL)
    {
      precis_coco_params_init (&defaults, type);
      params = &defaults;
    }
  params->keep_objects = TRUE;
  eval = precis_cocoeval_new (matcher, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (precis_cocoeval_has_objects (eval));
  return eval;
}

/* The annotation index of id @id (GT: the file's id; predictions: file position + 1). */
static guint32
index_of (const PrecisAnnotations *anns,
          gint64                   id)
{
  for (guint32 i = 0; i < anns->n; i++)
    if (anns->id[i] == id)
      return i;
  g_assert_not_reached ();
}

static const PrecisAnnotations *
gts (PrecisDataset *dataset)
{
  return precis_dataset_get_ground_truth_annotations (dataset);
}

static const PrecisAnnotations *
dts (PrecisDataset *dataset)
{
  return precis_dataset_get_predictions (dataset, 0);
}

static void
assert_dt (PrecisCocoEval          *eval,
           guint                    t,
           gint64                   id,
           PrecisPredictionOutcome  outcome,
           gint64                   gt_id)
{
  PrecisDataset *dataset = precis_matcher_get_dataset (precis_cocoeval_get_matcher (eval));
  guint32 gt;

  g_assert_cmpint (precis_cocoeval_get_prediction_outcome (eval, t, index_of (dts (dataset), id), &gt, NULL),
                   ==, outcome);
  if (gt_id < 0)
    g_assert_cmpuint (gt, ==, PRECIS_NO_INDEX);
  else
    g_assert_cmpuint (gt, ==, index_of (gts (dataset), gt_id));
}

static void
assert_gt (PrecisCocoEval  *eval,
           guint            t,
           gint64           id,
           PrecisGtOutcome  outcome,
           gint64           dt_id)
{
  PrecisDataset *dataset = precis_matcher_get_dataset (precis_cocoeval_get_matcher (eval));
  guint32 dt;

  g_assert_cmpint (precis_cocoeval_get_gt_outcome (eval, t, index_of (gts (dataset), id), &dt),
                   ==, outcome);
  if (dt_id < 0)
    g_assert_cmpuint (dt, ==, PRECIS_NO_INDEX);
  else
    g_assert_cmpuint (dt, ==, index_of (dts (dataset), dt_id));
}

/* The worked example of test-cocoeval.c (GT ids 1, 2; predictions P1, P2, P3
 * = ids 1, 2, 3): P1 takes G1 (IoU 1) at every threshold; P2 takes G2 (IoU
 * 80/110 = 0.7273) at t = .50 … .70 (indices 0 … 4) and is FP from .75 on,
 * when G2 is FN; P3 is always FP. */
static void
test_worked_example (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("cocoeval/worked-example", "gt.json", "predictions.json");
  g_autoptr(PrecisCocoEval) eval = evaluate (dataset, PRECIS_IOU_BBOX, NULL);
  double iou;
  guint32 gt;

  for (guint t = 0; t < 10; t++)
    {
      gboolean p2 = t <= 4;

      assert_dt (eval, t, 1, PRECIS_PREDICTION_TP, 1);
      assert_dt (eval, t, 2, p2 ? PRECIS_PREDICTION_TP : PRECIS_PREDICTION_FP, p2 ? 2 : -1);
      assert_dt (eval, t, 3, PRECIS_PREDICTION_FP, -1);
      assert_gt (eval, t, 1, PRECIS_GT_MATCHED, 1);
      assert_gt (eval, t, 2, p2 ? PRECIS_GT_MATCHED : PRECIS_GT_FN, p2 ? 2 : -1);
    }
  /* The IoU of the match, stored as a float. */
  precis_cocoeval_get_prediction_outcome (eval, 0, index_of (dts (dataset), 2), &gt, &iou);
  g_assert_cmpfloat (iou, ==, (float) (80.0 / 110.0));
  precis_cocoeval_get_prediction_outcome (eval, 0, index_of (dts (dataset), 1), &gt, &iou);
  g_assert_cmpfloat (iou, ==, 1.0);
}

/* The ties-crowd case of test-cocoeval.c (GT g2 = id 10 in image 2, g1 = 11 in
 * image 1, crowd c = 12 and g3 = 13 in image 3; predictions d_a = 1, d_b = 2,
 * e1 = 3, e2 = 4, e3 = 5), by hand:
 *  - defaults: d_b TP on g1, d_a FP (IoU 0 with g2, which is FN), e1 and e2
 *    matched to the crowd c (crowd IoU 1, c matchable again) → ignored, e3 TP
 *    on g3; c is ignored and keeps its first match, e1 (score 0.9).
 *  - maxDets 1: image 3 keeps only e1 (the highest score): e2 and e3 are
 *    dropped (ignored), g3 becomes FN.
 *  - area range 0 = [200, 1e10]: every non-crowd GT (area 100) is ignored,
 *    so d_b and e3, matched to ignored GT, are ignored; d_a, unmatched with
 *    its area 100 outside the range, is ignored too; e1 and e2 stay on c. */
static void
test_ties_crowd (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("cocoeval/ties-crowd", "gt.json", "predictions.json");
  g_autoptr(PrecisCocoEval) eval = evaluate (dataset, PRECIS_IOU_BBOX, NULL);
  g_autoptr(PrecisCocoEval) max1 = NULL;
  g_autoptr(PrecisCocoEval) area = NULL;
  PrecisCocoParams params;

  for (guint t = 0; t < 10; t++)
    {
      assert_dt (eval, t, 1, PRECIS_PREDICTION_FP, -1);
      assert_dt (eval, t, 2, PRECIS_PREDICTION_TP, 11);
      assert_dt (eval, t, 3, PRECIS_PREDICTION_IGNORED, 12);
      assert_dt (eval, t, 4, PRECIS_PREDICTION_IGNORED, 12);
      assert_dt (eval, t, 5, PRECIS_PREDICTION_TP, 13);
      assert_gt (eval, t, 10, PRECIS_GT_FN, -1);
      assert_gt (eval, t, 11, PRECIS_GT_MATCHED, 2);
      assert_gt (eval, t, 12, PRECIS_GT_IGNORED, 3);
      assert_gt (eval, t, 13, PRECIS_GT_MATCHED, 5);
    }

  precis_coco_params_init (&params, PRECIS_IOU_BBOX);
  params.n_max_dets = 1;
  params.max_dets[0] = 1;
  max1 = evaluate (dataset, PRECIS_IOU_BBOX, &params);
  assert_dt (max1, 0, 3, PRECIS_PREDICTION_IGNORED, 12);
  assert_dt (max1, 0, 4, PRECIS_PREDICTION_IGNORED, -1);
  assert_dt (max1, 0, 5, PRECIS_PREDICTION_IGNORED, -1);
  assert_gt (max1, 0, 13, PRECIS_GT_FN, -1);
  assert_dt (max1, 0, 2, PRECIS_PREDICTION_TP, 11);

  precis_coco_params_init (&params, PRECIS_IOU_BBOX);
  params.n_area_rngs = 1;
  params.area_rng[0][0] = 200;
  params.area_rng[0][1] = 1e10;
  area = evaluate (dataset, PRECIS_IOU_BBOX, &params);
  assert_dt (area, 0, 1, PRECIS_PREDICTION_IGNORED, -1);
  assert_dt (area, 0, 2, PRECIS_PREDICTION_IGNORED, 11);
  assert_dt (area, 0, 3, PRECIS_PREDICTION_IGNORED, 12);
  assert_dt (area, 0, 5, PRECIS_PREDICTION_IGNORED, 13);
  for (gint64 id = 10; id <= 13; id++)
    assert_gt (area, 0, id, PRECIS_GT_IGNORED, id == 10 ? -1 : id == 11 ? 2 : id == 12 ? 3 : 5);
}

/* On a real sample: per class and threshold, the outcomes summed are the
 * counts, and TP / npig is eval['recall'][t, k, 0, -1] exactly. Returns the
 * number of ignored GT. */
static guint64
check_sums (PrecisCocoEval *eval)
{
  PrecisDataset *dataset = precis_matcher_get_dataset (precis_cocoeval_get_matcher (eval));
  const PrecisAnnotations *gt = gts (dataset), *dt = dts (dataset);
  const PrecisCocoParams *p = precis_cocoeval_get_params (eval);
  const double *recall = precis_cocoeval_get_recall (eval);
  guint K = precis_cocoeval_get_n_classes (eval), A = p->n_area_rngs, M = p->n_max_dets;
  guint64 n_ignored_gt = 0;

  for (guint t = 0; t < p->n_iou_thrs; t++)
    for (guint k = 0; k < K; k++)
      {
        guint32 category = precis_cocoeval_get_class_category (eval, k);
        guint64 tp = 0, fp = 0, ig = 0, fn = 0, matched = 0, tp_ref, fp_ref, fn_ref;
        guint64 npig = precis_cocoeval_get_n_gt (eval, k);
        double r = recall[(((gsize) t * K + k) * A + 0) * M + (M - 1)];

        for (guint32 i = 0; i < dt->n; i++)
          if (dt->category[i] == category)
            {
              PrecisPredictionOutcome o = precis_cocoeval_get_prediction_outcome (eval, t, i, NULL, NULL);

              g_assert_cmpint (o, !=, PRECIS_PREDICTION_FILTERED);
              tp += o == PRECIS_PREDICTION_TP;
              fp += o == PRECIS_PREDICTION_FP;
              ig += o == PRECIS_PREDICTION_IGNORED;
            }
        for (guint32 i = 0; i < gt->n; i++)
          if (gt->category[i] == category)
            {
              PrecisGtOutcome o = precis_cocoeval_get_gt_outcome (eval, t, i, NULL);

              g_assert_cmpint (o, !=, PRECIS_GT_FILTERED);
              matched += o == PRECIS_GT_MATCHED;
              fn += o == PRECIS_GT_FN;
              n_ignored_gt += o == PRECIS_GT_IGNORED;
            }
        precis_cocoeval_get_counts (eval, k, t, &tp_ref, &fp_ref, &fn_ref);
        g_assert_cmpuint (tp + fp + ig, ==, precis_cocoeval_get_n_predictions (eval, k));
        g_assert_cmpuint (tp, ==, tp_ref);
        g_assert_cmpuint (fp, ==, fp_ref);
        g_assert_cmpuint (fn, ==, fn_ref);
        g_assert_cmpuint (matched, ==, tp);
        g_assert_cmpuint (matched + fn, ==, npig);
        if (npig > 0)
          g_assert_cmpfloat (r, ==, (double) tp / (double) npig);
      }
  return n_ignored_gt;
}

static void
test_cocoapi100 (void)
{
  const char *preds[2] = { "predictions_bbox.json", "predictions_segm.json" };
  const PrecisIouType types[2] = { PRECIS_IOU_BBOX, PRECIS_IOU_SEGM };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PrecisDataset) dataset = load_test_data ("real/coco2014-cocoapi100", "gt.json", preds[i]);
      g_autoptr(PrecisCocoEval) eval = evaluate (dataset, types[i], NULL);
      guint64 tp, n_crowd = 0;

      /* The ignored GT at area "all" are the crowds. */
      for (guint32 g = 0; g < gts (dataset)->n; g++)
        n_crowd += gts (dataset)->iscrowd[g] != 0;
      g_assert_cmpuint (check_sums (eval), ==, 10 * n_crowd);
      precis_cocoeval_get_counts (eval, PRECIS_NO_INDEX, 0, &tp, NULL, NULL);
      g_assert_cmpuint (tp, >, 0);
    }
}

/* Keypoints: a person without visible keypoints is ignored (gtIgnore). */
static void
test_kpt139099 (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("real/coco2017-kpt139099", "gt.json", "predictions.json");
  g_autoptr(PrecisCocoEval) eval = evaluate (dataset, PRECIS_IOU_KEYPOINTS, NULL);
  const PrecisAnnotations *gt = gts (dataset);
  guint64 n_ignored = 0;

  for (guint32 g = 0; g < gt->n; g++)
    {
      gboolean ignored = gt->iscrowd[g] || gt->num_keypoints[g] == 0;

      n_ignored += ignored;
      g_assert_cmpint (precis_cocoeval_get_gt_outcome (eval, 0, g, NULL) == PRECIS_GT_IGNORED, ==, ignored);
    }
  g_assert_cmpuint (n_ignored, >, 0);
  g_assert_cmpuint (check_sums (eval), ==, 10 * n_ignored);
}

/* Without keep_objects nothing is kept. */
static void
test_not_kept (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("cocoeval/worked-example", "gt.json", "predictions.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_autoptr(PrecisCocoEval) eval = precis_cocoeval_new (matcher, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (precis_cocoeval_has_objects (eval));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cocoeval-objects/worked-example", test_worked_example);
  g_test_add_func ("/cocoeval-objects/ties-crowd", test_ties_crowd);
  g_test_add_func ("/cocoeval-objects/cocoapi100", test_cocoapi100);
  g_test_add_func ("/cocoeval-objects/kpt139099", test_kpt139099);
  g_test_add_func ("/cocoeval-objects/not-kept", test_not_kept);

  return g_test_run ();
}

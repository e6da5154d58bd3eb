/* test-active.c: protocol `active` (SEMANTICS.md §3) and its precompute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file: the worked example and the stored reference; test-active-incremental.c:
 * incremental re-evaluation against a naive evaluator and fresh ones.
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* Exact comparison (`==`, bit for bit) wherever the reference is exact: the
 * hand values below and the stored reference JSON, written with full precision.
 * The few tolerances left say why (a reference rounded differently). */
#define assert_exact(a, b) g_assert_cmpfloat ((a), ==, (b))

#include "precis-active.h"
#include "precis-test-files.h"
#include "test-active.h"

/* ------------------------------------------------------------------------ */
/* Helpers */


static PrecisMatcher *
make_matcher (PrecisDataset *dataset,
              guint          model,
              PrecisIouType  type)
{
  g_autoptr(GError) error = NULL;
  PrecisMatcher *matcher = precis_matcher_new (dataset, model, type, 0, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (matcher);
  return matcher;
}

/* Annotation index of the prediction at position @file_index of its file. */
static guint32 *
file_to_annotation (const PrecisAnnotations *anns)
{
  guint32 *map = g_new (guint32, MAX (anns->n, 1));

  for (guint i = 0; i < anns->n; i++)
    {
      g_assert_cmpuint (anns->file_index[i], <, anns->n);
      map[anns->file_index[i]] = i;
    }
  return map;
}

/* ------------------------------------------------------------------------ */
/* SEMANTICS.md §3 worked example */

/* G1 = [0,0,10,10], G2 = [2,0,12,10] (x1,y1,x2,y2) → bbox [x,y,w,h]. */
static const char worked_gt[] =
  "{\"images\": [{\"id\": 7, \"file_name\": \"a.jpg\", \"width\": 20, \"height\": 10}],"
  " \"categories\": [{\"id\": 3, \"name\": \"thing\"}],"
  " \"annotations\": ["
  "  {\"id\": 1, \"image_id\": 7, \"category_id\": 3, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "  {\"id\": 2, \"image_id\": 7, \"category_id\": 3, \"bbox\": [2, 0, 10, 10], \"area\": 100, \"iscrowd\": 0}]}";

/* P1 = [0,0,10,10] 0.9, P2 = [1,0,10,10] 0.8, P3 = [9,0,19,10] 0.7. */
static const char worked_pred[] =
  "[{\"image_id\": 7, \"category_id\": 3, \"bbox\": [0, 0, 10, 10], \"score\": 0.9},"
  " {\"image_id\": 7, \"category_id\": 3, \"bbox\": [1, 0, 9, 10], \"score\": 0.8},"
  " {\"image_id\": 7, \"category_id\": 3, \"bbox\": [9, 0, 10, 10], \"score\": 0.7}]";

typedef struct {
  char          *dir;
  PrecisDataset *dataset;
  PrecisMatcher *matcher;
  guint32       *pred;   /* file position → annotation index */
  guint32       *gt;
} Worked;

static void
worked_setup (Worked *w)
{
  g_autofree char *gt_path = NULL;
  g_autofree char *pred_path = NULL;
  const char *preds[1];

  w->dir = make_temp_dir ();
  write_file (w->dir, "gt.json", worked_gt);
  write_file (w->dir, "pred.json", worked_pred);
  gt_path = g_build_filename (w->dir, "gt.json", NULL);
  pred_path = g_build_filename (w->dir, "pred.json", NULL);
  preds[0] = pred_path;
  w->dataset = load_files (gt_path, preds, 1);
  w->matcher = make_matcher (w->dataset, 0, PRECIS_IOU_BBOX);
  w->pred = file_to_annotation (precis_dataset_get_predictions (w->dataset, 0));
  w->gt = file_to_annotation (precis_dataset_get_ground_truth_annotations (w->dataset));
}

static void
worked_teardown (Worked *w)
{
  g_clear_object (&w->matcher);
  g_clear_object (&w->dataset);
  g_free (w->pred);
  g_free (w->gt);
  remove_dir (w->dir);
  g_free (w->dir);
}

static void
test_worked_stored (void)
{
  Worked w = { 0 };
  const PrecisMatches *m;

  worked_setup (&w);
  m = precis_matcher_get_matches (w.matcher);

  g_assert_cmpuint (m->n_predictions, ==, 3);
  g_assert_cmpuint (m->n_gt, ==, 2);

  /* §3: P1 → G1, iou 1, d −1; P2 → G1, iou 0.9, d +1; P3 → G2, iou 3/17, d −1. */
  g_assert_cmpuint (m->candidate[w.pred[0]], ==, w.gt[0]);
  assert_exact (m->iou[w.pred[0]], 1.0);
  g_assert_cmpfloat (m->d[w.pred[0]], ==, -1.0);
  g_assert_cmpuint (m->candidate[w.pred[1]], ==, w.gt[0]);
  assert_exact (m->iou[w.pred[1]], 0.9);
  g_assert_cmpfloat (m->d[w.pred[1]], ==, 1.0);
  g_assert_cmpuint (m->candidate[w.pred[2]], ==, w.gt[1]);
  assert_exact (m->iou[w.pred[2]], 3.0 / 17.0);
  g_assert_cmpfloat (m->d[w.pred[2]], ==, -1.0);

  /* τ(G1) = 1 (P1), τ(G2) = 3/17 (P3); no crowd GT, so crowd = 0. */
  assert_exact (m->tau[w.gt[0]], 1.0);
  assert_exact (m->tau[w.gt[1]], 3.0 / 17.0);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (m->crowd[i], ==, 0.0);

  /* One table (image 7, class 3), 3 × 2; IoU(P2, G2) = 8/11 per §3. */
  g_assert_cmpuint (precis_matcher_get_n_tables (w.matcher), ==, 1);
  {
    const PrecisIouTable *t = precis_matcher_get_table (w.matcher, 0);

    g_assert_cmpuint (t->n_dt, ==, 3);
    g_assert_cmpuint (t->n_gt, ==, 2);
    assert_exact (t->iou[(w.pred[1] - t->dt_start) * 2 + (w.gt[1] - t->gt_start)],
                                    8.0 / 11.0);
    g_assert_cmpuint (precis_matcher_find_table (w.matcher, t->image, t->category), ==, 0);
    g_assert_cmpuint (precis_matcher_find_table (w.matcher, t->image, t->category + 1), ==, PRECIS_NO_INDEX);
  }

  worked_teardown (&w);
}

static void
test_worked_thresholds (void)
{
  Worked w = { 0 };
  g_autoptr(PrecisActive) active = NULL;
  const PrecisActiveResult *res;
  const PrecisActiveClassResult *cls;

  worked_setup (&w);
  active = precis_active_new (w.matcher);

  /* t = 0.5: TP {P1}, FP {P2, P3}, FN {G2}, AP@t = 51/101 (§3). */
  precis_active_set_threshold (active, 0.5);
  res = precis_active_evaluate (active);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[0]), ==, PRECIS_PREDICTION_TP);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[1]), ==, PRECIS_PREDICTION_FP);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[2]), ==, PRECIS_PREDICTION_FP);
  g_assert_cmpint (precis_active_get_gt_outcome (active, w.gt[0]), ==, PRECIS_GT_MATCHED);
  g_assert_cmpint (precis_active_get_gt_outcome (active, w.gt[1]), ==, PRECIS_GT_FN);
  g_assert_cmpuint (precis_active_get_gt_match (active, w.gt[0]), ==, w.pred[0]);
  g_assert_cmpuint (precis_active_get_gt_match (active, w.gt[1]), ==, PRECIS_NO_INDEX);
  {
    double iou = -1;

    /* §3: P3 → G2 with iou 3/17. */
    g_assert_cmpuint (precis_active_get_prediction_candidate (active, w.pred[2], &iou), ==, w.gt[1]);
    assert_exact (iou, 3.0 / 17.0);
  }

  g_assert_cmpuint (res->n_classes, ==, 1);
  cls = &res->classes[0];
  g_assert_true (cls->counted);
  g_assert_cmpuint (cls->tp, ==, 1);
  g_assert_cmpuint (cls->fp, ==, 2);
  g_assert_cmpuint (cls->fn, ==, 1);
  g_assert_cmpuint (cls->ignored, ==, 0);
  g_assert_cmpuint (cls->n_gt, ==, 2);
  g_assert_cmpuint (cls->n_predictions, ==, 3);
  /* By hand: P = 1/3, R = 1/2, F1 = 2·(1/3)(1/2)/(1/3 + 1/2) = 2/5. */
  assert_exact (cls->precision, 1.0 / 3.0);
  assert_exact (cls->recall, 0.5);
  assert_exact (cls->f1, 0.4);
  /* Tolerance: 51/101 leaves out the 1/(1 + ε) factor of P1's precision (§3). */
  g_assert_cmpfloat_with_epsilon (cls->ap, 51.0 / 101.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (res->map, 51.0 / 101.0, 1e-12);
  assert_exact (res->mar, 0.5);
  assert_exact (res->mean_f1, 0.4);
  g_assert_cmpuint (res->n_counted, ==, 1);

  /* The ranked sequence: P1 (TP), P2, P3; recall 1/2 throughout; the first
   * precision carries pycocotools' np.spacing(1) guard: 1/(1 + 2⁻⁵²). */
  g_assert_cmpuint (cls->n_ranks, ==, 3);
  g_assert_cmpuint (res->rank_prediction[cls->rank_start + 0], ==, w.pred[0]);
  g_assert_cmpuint (res->rank_prediction[cls->rank_start + 1], ==, w.pred[1]);
  g_assert_cmpuint (res->rank_prediction[cls->rank_start + 2], ==, w.pred[2]);
  g_assert_cmpuint (res->rank_tp[cls->rank_start], ==, 1);
  g_assert_cmpuint (res->rank_tp[cls->rank_start + 1], ==, 0);
  g_assert_cmpfloat (res->rank_precision[cls->rank_start], ==, 1.0 / (1.0 + DBL_EPSILON));
  assert_exact (res->rank_precision[cls->rank_start + 2], 1.0 / 3.0);
  g_assert_cmpfloat (res->rank_envelope[cls->rank_start + 2], ==, res->rank_precision[cls->rank_start + 2]);
  g_assert_cmpfloat (res->rank_recall[cls->rank_start + 1], ==, 0.5);
  /* Recall points 0 … 0.50 (51 of them) get the first precision, the rest 0. */
  for (guint i = 0; i < PRECIS_N_RECALL_POINTS; i++)
    g_assert_cmpfloat (res->precision_101[i], ==, i <= 50 ? 1.0 / (1.0 + DBL_EPSILON) : 0.0);

  /* t = 0.8: TP {P1}, FN {G2} (§3); P2 and P3 stay FP. */
  precis_active_set_threshold (active, 0.8);
  res = precis_active_evaluate (active);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[0]), ==, PRECIS_PREDICTION_TP);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[1]), ==, PRECIS_PREDICTION_FP);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[2]), ==, PRECIS_PREDICTION_FP);
  g_assert_cmpint (precis_active_get_gt_outcome (active, w.gt[1]), ==, PRECIS_GT_FN);
  g_assert_cmpuint (res->classes[0].tp, ==, 1);
  g_assert_cmpuint (res->classes[0].fn, ==, 1);

  /* t = 0.15 (< 3/17 ≈ 0.176): P3 becomes TP on G2; P2 stays FP (d = +1). */
  precis_active_set_threshold (active, 0.15);
  res = precis_active_evaluate (active);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[2]), ==, PRECIS_PREDICTION_TP);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[1]), ==, PRECIS_PREDICTION_FP);
  g_assert_cmpuint (res->classes[0].tp, ==, 2);
  g_assert_cmpuint (res->classes[0].fn, ==, 0);

  /* Confidence 0.85 at t = 0.5 drops P2 and P3: TP {P1}, FN {G2}, P = 1. */
  precis_active_set_threshold (active, 0.5);
  precis_active_set_confidence (active, 0.85);
  res = precis_active_evaluate (active);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[1]), ==, PRECIS_PREDICTION_FILTERED);
  g_assert_cmpuint (res->classes[0].n_predictions, ==, 1);
  g_assert_cmpuint (res->classes[0].fp, ==, 0);
  g_assert_cmpuint (res->classes[0].fn, ==, 1);
  g_assert_cmpfloat (res->classes[0].precision, ==, 1.0);

  /* Area range [0, 50]: both GTs (area 100) are outside, so nothing is
   * counted against them; P1 (TP on G1) and P2, P3 (area ≥ 90) are ignored. */
  precis_active_set_confidence (active, 0);
  precis_active_set_area_range (active, 0, 50);
  res = precis_active_evaluate (active);
  g_assert_cmpuint (res->classes[0].n_gt, ==, 0);
  g_assert_cmpuint (res->classes[0].tp, ==, 0);
  g_assert_cmpuint (res->classes[0].fp, ==, 0);
  g_assert_cmpuint (res->classes[0].ignored, ==, 3);
  g_assert_cmpint (precis_active_get_gt_outcome (active, w.gt[0]), ==, PRECIS_GT_IGNORED);

  /* No class selected: nothing counted. */
  precis_active_set_area_range (active, 0, INFINITY);
  precis_active_set_class_selected (active, 0, FALSE);
  res = precis_active_evaluate (active);
  g_assert_cmpuint (res->n_counted, ==, 0);
  g_assert_false (res->classes[0].counted);
  g_assert_cmpint (precis_active_get_prediction_outcome (active, w.pred[0]), ==, PRECIS_PREDICTION_FILTERED);
  g_assert_cmpint (precis_active_get_gt_outcome (active, w.gt[0]), ==, PRECIS_GT_FILTERED);

  worked_teardown (&w);
}

static void
test_worked_f1_curve (void)
{
  Worked w = { 0 };
  g_autoptr(PrecisActive) active = NULL;
  const PrecisActiveF1Curve *curve;

  worked_setup (&w);
  active = precis_active_new (w.matcher);
  curve = precis_active_get_f1_curve (active);

  /* At t = 0.5, by hand: s = 0.9 keeps P1 (TP): P = 1, R = 1/2, F1 = 2/3;
   * s = 0.8 adds P2 (FP): P = R = 1/2, F1 = 1/2; s = 0.7 adds P3: F1 = 2/5. */
  g_assert_cmpuint (curve->n_points, ==, 3);
  g_assert_cmpfloat (curve->score[0], ==, 0.9);
  g_assert_cmpfloat (curve->score[1], ==, 0.8);
  g_assert_cmpfloat (curve->score[2], ==, 0.7);
  assert_exact (curve->mean_f1[0], 2.0 / 3.0);
  assert_exact (curve->mean_f1[1], 0.5);
  assert_exact (curve->mean_f1[2], 0.4);
  assert_exact (curve->micro_f1[0], 2.0 / 3.0);
  g_assert_cmpfloat (curve->best_confidence, ==, 0.9);
  assert_exact (curve->best_mean_f1, 2.0 / 3.0);
  g_assert_cmpuint (curve->class_start[0], ==, 0);
  g_assert_cmpuint (curve->class_start[1], ==, 3);
  assert_exact (curve->class_f1[1], 0.5);

  worked_teardown (&w);
}

/* ------------------------------------------------------------------------ */
/* Reference: ../shared/reference/coco2014-cocoapi100.active.bbox.json,
 * copied to tests/data/reference/ (an independent implementation of §3). The engine
 * is exact, so every double is compared with == (issue 21), no tolerance. */

static void
test_reference_cocoapi100 (void)
{
  const char *gt_path = g_test_get_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", "gt.json", NULL);
  const char *pred_path = g_test_get_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100",
                                               "predictions_bbox.json", NULL);
  const char *ref_path = g_test_get_filename (G_TEST_DIST, "data", "reference",
                                              "coco2014-cocoapi100.active.bbox.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  g_autofree guint32 *pred = NULL;
  g_autoptr(GHashTable) gt_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  const PrecisAnnotations *gt, *dt;
  const PrecisMatches *m;
  JsonObject *root, *stored;
  JsonArray *arr, *results;
  const char *preds[1] = { pred_path };

  /* No skip: missing data is a failure. */
  g_assert_true (g_file_test (gt_path, G_FILE_TEST_EXISTS));

  json_parser_load_from_file (parser, ref_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  dataset = load_files (gt_path, preds, 1);
  matcher = make_matcher (dataset, 0, PRECIS_IOU_BBOX);
  m = precis_matcher_get_matches (matcher);
  gt = precis_dataset_get_ground_truth_annotations (dataset);
  dt = precis_dataset_get_predictions (dataset, 0);
  pred = file_to_annotation (dt);
  for (guint j = 0; j < gt->n; j++)
    g_hash_table_insert (gt_by_id, &gt->id[j], GUINT_TO_POINTER (j + 1));

  /* Stored values, per prediction in file order. */
  stored = json_object_get_object_member (root, "stored");
  arr = json_object_get_array_member (stored, "predictions");
  g_assert_cmpuint (json_array_get_length (arr), ==, dt->n);
  for (guint k = 0; k < dt->n; k++)
    {
      JsonObject *o = json_array_get_object_element (arr, k);
      guint32 i = pred[json_object_get_int_member (o, "index")];
      JsonNode *cand = json_object_get_member (o, "candidate_gt_id");

      if (JSON_NODE_HOLDS_NULL (cand))
        g_assert_cmpuint (m->candidate[i], ==, PRECIS_NO_INDEX);
      else
        {
          g_assert_cmpuint (m->candidate[i], !=, PRECIS_NO_INDEX);
          g_assert_cmpint (gt->id[m->candidate[i]], ==, json_node_get_int (cand));
        }
      assert_exact (m->iou[i], json_object_get_double_member (o, "iou"));
      assert_exact (m->d[i], json_object_get_double_member (o, "d"));
      assert_exact (m->crowd[i], json_object_get_double_member (o, "crowd"));
    }
  arr = json_object_get_array_member (stored, "gt_tau");
  for (guint k = 0; k < json_array_get_length (arr); k++)
    {
      JsonObject *o = json_array_get_object_element (arr, k);
      gint64 id = json_object_get_int_member (o, "id");
      guint j = GPOINTER_TO_UINT (g_hash_table_lookup (gt_by_id, &id));

      g_assert_cmpuint (j, >, 0);
      assert_exact (m->tau[j - 1], json_object_get_double_member (o, "tau"));
    }

  active = precis_active_new (matcher);
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  for (guint r = 0; r < 2; r++)
    {
      JsonObject *ref = json_array_get_object_element (results, r);
      const PrecisActiveResult *res;
      JsonArray *per_class, *counted, *fn_ids;
      JsonObject *sums;
      const char *status;
      g_autoptr(GHashTable) fn_set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      guint n_fn = 0;

      precis_active_set_threshold (active, json_object_get_double_member (ref, "t"));
      res = precis_active_evaluate (active);

      per_class = json_object_get_array_member (ref, "per_class");
      for (guint k = 0; k < json_array_get_length (per_class); k++)
        {
          JsonObject *o = json_array_get_object_element (per_class, k);
          guint32 c = precis_dataset_find_category (dataset, json_object_get_int_member (o, "id"));
          const PrecisActiveClassResult *cls;
          JsonArray *p101;

          g_assert_cmpuint (c, !=, PRECIS_NO_INDEX);
          cls = &res->classes[c];
          g_assert_cmpint (cls->counted, ==, json_object_get_boolean_member (o, "counted"));
          g_assert_cmpint (cls->n_gt, ==, json_object_get_int_member (o, "num_gt"));
          g_assert_cmpint (cls->n_gt_crowd, ==, json_object_get_int_member (o, "num_gt_crowd"));
          g_assert_cmpint (cls->n_predictions, ==, json_object_get_int_member (o, "num_predictions"));
          g_assert_cmpint (cls->tp, ==, json_object_get_int_member (o, "TP"));
          g_assert_cmpint (cls->fp, ==, json_object_get_int_member (o, "FP"));
          g_assert_cmpint (cls->fn, ==, json_object_get_int_member (o, "FN"));
          g_assert_cmpint (cls->ignored, ==, json_object_get_int_member (o, "ignored"));
          g_assert_cmpfloat (cls->precision, ==, json_object_get_double_member (o, "P"));
          g_assert_cmpfloat (cls->recall, ==, json_object_get_double_member (o, "R"));
          g_assert_cmpfloat (cls->f1, ==, json_object_get_double_member (o, "F1"));
          g_assert_cmpfloat (cls->ap, ==, json_object_get_double_member (o, "AP"));
          g_assert_cmpfloat (cls->ar, ==, json_object_get_double_member (o, "AR"));
          p101 = json_object_get_array_member (o, "precision_101");
          g_assert_cmpuint (json_array_get_length (p101), ==, 101);
          for (guint i = 0; i < 101; i++)
            g_assert_cmpfloat (res->precision_101[c * 101 + i], ==,
                               json_array_get_double_element (p101, i));
        }

      counted = json_object_get_array_member (ref, "classes_counted");
      g_assert_cmpuint (res->n_counted, ==, json_array_get_length (counted));
      g_assert_cmpint (res->n_counted, ==, json_object_get_int_member (ref, "num_classes_counted"));
      for (guint k = 0; k < res->n_counted; k++)
        g_assert_cmpint (precis_dataset_get_category (dataset, res->counted[k])->id, ==,
                         json_array_get_int_element (counted, k));
      g_assert_cmpfloat (res->map, ==, json_object_get_double_member (ref, "mAP"));
      g_assert_cmpfloat (res->mar, ==, json_object_get_double_member (ref, "mAR"));
      g_assert_cmpfloat (res->mean_f1, ==, json_object_get_double_member (ref, "mean_F1"));
      sums = json_object_get_object_member (ref, "sums");
      g_assert_cmpint (res->tp, ==, json_object_get_int_member (sums, "TP"));
      g_assert_cmpint (res->fp, ==, json_object_get_int_member (sums, "FP"));
      g_assert_cmpint (res->fn, ==, json_object_get_int_member (sums, "FN"));
      g_assert_cmpint (res->ignored, ==, json_object_get_int_member (sums, "ignored"));

      status = json_object_get_string_member (ref, "prediction_status");
      g_assert_cmpuint (strlen (status), ==, dt->n);
      for (guint k = 0; k < dt->n; k++)
        {
          PrecisPredictionOutcome o = precis_active_get_prediction_outcome (active, pred[k]);
          char ch = o == PRECIS_PREDICTION_TP ? 'T' : o == PRECIS_PREDICTION_FP ? 'F' :
                    o == PRECIS_PREDICTION_IGNORED ? 'I' : '?';

          g_assert_cmpint (ch, ==, status[k]);
        }

      fn_ids = json_object_get_array_member (ref, "fn_gt_ids");
      for (guint k = 0; k < json_array_get_length (fn_ids); k++)
        {
          gint64 *id = g_new (gint64, 1);

          *id = json_array_get_int_element (fn_ids, k);
          g_hash_table_add (fn_set, id);
        }
      for (guint j = 0; j < gt->n; j++)
        if (precis_active_get_gt_outcome (active, j) == PRECIS_GT_FN)
          {
            g_assert_true (g_hash_table_contains (fn_set, &gt->id[j]));
            n_fn++;
          }
      g_assert_cmpuint (n_fn, ==, g_hash_table_size (fn_set));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/active/worked-example/stored", test_worked_stored);
  g_test_add_func ("/active/worked-example/thresholds", test_worked_thresholds);
  g_test_add_func ("/active/worked-example/f1-curve", test_worked_f1_curve);
  g_test_add_func ("/active/reference/coco2014-cocoapi100", test_reference_cocoapi100);
  g_test_add_func ("/active/incremental/real", test_incremental_real);
  g_test_add_func ("/active/incremental/synth", test_incremental_synth);

  return g_test_run ();
}

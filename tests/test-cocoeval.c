/* test-cocoeval.c: protocol `coco` against pycocotools' published numbers (SEMANTICS.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cocoeval-reference.c (same program): a literal, slow evaluation the
 * fast one is compared against on synthetic projects.
 */

#include "config.h"

#include <float.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include <glib/gstdio.h>

#include "precis-cocoeval.h"
#include "precis-synth.h"
#include "precis-test-files.h"
#include "test-cocoeval.h"

/* ------------------------------------------------------------------------ */
/* Helpers */

static PrecisCocoEval *
evaluate (PrecisDataset *dataset,
          PrecisIouType  type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  PrecisCocoEval *eval;

  matcher = precis_matcher_new (dataset, 0, type, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (matcher);

  eval = precis_cocoeval_new (matcher, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (eval);
  return eval;
}

/* The evaluation is exact (it sums in numpy's pairwise order), so the stats are
 * compared bitwise with pycocotools' full-precision numbers: no tolerance (issue 21). */
static void
assert_stats (PrecisCocoEval *eval,
              const double   *expected,
              guint           n_expected)
{
  guint n = 0;
  const double *stats = precis_cocoeval_get_stats (eval, &n);

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    {
      if (memcmp (&stats[i], &expected[i], sizeof (double)) != 0)
        g_test_message ("stat %u (%s): got %.17g, expected %.17g",
                        i, precis_cocoeval_get_stat_name (eval, i), stats[i], expected[i]);
      g_assert_cmpmem (&stats[i], sizeof (double), &expected[i], sizeof (double));
    }
}

/* pycocotools `summarize` (cocodataset/cocoapi commit 8c9bcc3, cocoeval.py) prints
 * iStr = ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}'
 * with titleStr 'Average Precision' / 'Average Recall' and typeStr '(AP)' / '(AR)'.
 * cocoapi's results/val2014_fake_eval_res.txt was printed by an older version whose
 * title column was one character narrower ("Average Precision (AP)"); the lines
 * below are that file's lines with the title column widened to pycocotools' 18
 * characters. Everything else, numbers included, is the file's text. */
static char *
widen_titles (const char * const *published)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; published[i] != NULL; i++)
    {
      const char *line = published[i];

      if (g_str_has_prefix (line, " Average Precision (AP)"))
        {
          g_string_append (out, " Average Precision  (AP)");
          g_string_append (out, line + strlen (" Average Precision (AP)"));
        }
      else if (g_str_has_prefix (line, " Average Recall    (AR)"))
        {
          g_string_append (out, " Average Recall     (AR)");
          g_string_append (out, line + strlen (" Average Recall    (AR)"));
        }
      else
        g_assert_not_reached ();
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* coco2014-cocoapi100: cocoapi's fake results, bbox and segm */

/* Full precision: faster_coco_eval tests/test_cocoapi_fake_data.py (self.stats["bbox"]),
 * the pycocotools stats for instances_val2014_100.json + the fakebbox100 results. */
static const double cocoapi100_bbox_stats[12] = {
  0.5045806987249628, 0.6969727247299577, 0.5729816669904824,
  0.5856257209410443, 0.5193996948036719, 0.5013978986347466,
  0.38681277964578054, 0.5936795762842003, 0.595352982877607,
  0.6398109626113442, 0.5664205978994309, 0.5642905982905982,
};

/* Same file, self.stats["segm"]. */
static const double cocoapi100_segm_stats[12] = {
  0.3195452758576433, 0.5622883972521636, 0.29892653412086784,
  0.3873740315997838, 0.31018272403369485, 0.3269339071005138,
  0.2682297225711534, 0.41544868114906375, 0.4168394992198818,
  0.4694498622754236, 0.37675922666197265, 0.3814715099715099,
};

/* cocoapi results/val2014_fake_eval_res.txt, "type=bbox" block, verbatim. */
static const char * const cocoapi100_bbox_published[] = {
  " Average Precision (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.505",
  " Average Precision (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.697",
  " Average Precision (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 0.573",
  " Average Precision (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.586",
  " Average Precision (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.519",
  " Average Precision (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.501",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.387",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = 0.594",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.595",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.640",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.566",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.564",
  NULL
};

/* Same file, "type=segm" block, verbatim. */
static const char * const cocoapi100_segm_published[] = {
  " Average Precision (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.320",
  " Average Precision (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.562",
  " Average Precision (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 0.299",
  " Average Precision (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.387",
  " Average Precision (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.310",
  " Average Precision (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.327",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.268",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = 0.415",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.417",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.469",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.377",
  " Average Recall    (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.381",
  NULL
};

static void
check_cocoapi100 (PrecisIouType        type,
                  const char          *pred_name,
                  const double        *stats,
                  const char * const  *published)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("real/coco2014-cocoapi100", "gt.json", pred_name);
  g_autoptr(PrecisCocoEval) eval = evaluate (dataset, type);
  g_autofree char *text = precis_cocoeval_summary_text (eval);
  g_autofree char *expected = widen_titles (published);

  assert_stats (eval, stats, 12);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_cocoapi100_bbox (void)
{
  check_cocoapi100 (PRECIS_IOU_BBOX, "predictions_bbox.json",
                    cocoapi100_bbox_stats, cocoapi100_bbox_published);
}

static void
test_cocoapi100_segm (void)
{
  check_cocoapi100 (PRECIS_IOU_SEGM, "predictions_segm.json",
                    cocoapi100_segm_stats, cocoapi100_segm_published);
}

/* ------------------------------------------------------------------------ */
/* coco2017-kpt139099: keypoints */

/* faster_coco_eval tests/test_keypoints.py (self.results), asserted there to be
 * exactly what pycocotools gives (assertListEqual on the original COCOeval too). */
static const double kpt139099_stats[10] = {
  0.5048844884488449, 0.7227722772277227, 0.6336633663366337,
  0.46633663366336636, 0.7504950495049505, 0.5181818181818182,
  0.7272727272727273, 0.6363636363636364, 0.4666666666666666, 0.75,
};

static void
test_kpt139099_keypoints (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("real/coco2017-kpt139099", "gt.json", "predictions.json");
  g_autoptr(PrecisCocoEval) eval = evaluate (dataset, PRECIS_IOU_KEYPOINTS);
  g_autofree char *text = precis_cocoeval_summary_text (eval);
  /* pycocotools `_summarizeKps`: the ten lines' fixed text, numbers from kpt139099_stats. */
  static const char * const lines[10] = {
    " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = ",
    " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets= 20 ] = ",
    " Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets= 20 ] = ",
    " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets= 20 ] = ",
    " Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets= 20 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = ",
    " Average Recall     (AR) @[ IoU=0.50      | area=   all | maxDets= 20 ] = ",
    " Average Recall     (AR) @[ IoU=0.75      | area=   all | maxDets= 20 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets= 20 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets= 20 ] = ",
  };
  GString *expected = g_string_new (NULL);
  g_autofree char *expected_text = NULL;

  for (guint i = 0; i < 10; i++)
    g_string_append_printf (expected, "%s%.3f\n", lines[i], kpt139099_stats[i]);
  expected_text = g_string_free (expected, FALSE);

  assert_stats (eval, kpt139099_stats, 10);
  g_assert_cmpstr (text, ==, expected_text);
}

/* ------------------------------------------------------------------------ */
/* SEMANTICS.md §3 worked example under pycocotools' greedy matching */

/* G1 = [0,0,10,10], G2 = [2,0,10,10] (x, y, w, h; both area 100, "small");
 * P1 = [0,0,10,10] 0.9, P2 = [1,0,9,10] 0.8, P3 = [9,0,10,10] 0.7.
 * By hand: IoU(P1,G1) = 1, IoU(P1,G2) = 80/120, IoU(P2,G1) = 90/100,
 * IoU(P2,G2) = 80/110 = 0.7273, IoU(P3,G1) = 10/190, IoU(P3,G2) = 30/170.
 * Greedy in score order: P1 takes G1 at every threshold; P2 takes G2 when
 * t ≤ 8/11, i.e. t = .50 … .70 (5 thresholds), else FP; P3 is always FP.
 * t ≤ .70: ranks TP, TP, FP, npig 2: precision 1/(1+ε), 1, 2/3, envelope 1, 1,
 *   2/3, recall .5, 1, 1: all 101 points read 1 → AP_t = 1, recall 1.
 * t ≥ .75: TP, FP, FP: precision 1/(1+ε), 1/2, 1/3, recall .5 for all: points
 *   r ≤ .50 (51 of them) read 1/(1+ε), the 50 others 0 → AP_t = 51/101 (1/(1+ε)),
 *   recall .5.
 * maxDets 1 keeps P1 only: recall .5 at every threshold. */
static void
test_worked_example (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("cocoeval/worked-example", "gt.json", "predictions.json");
  g_autoptr(PrecisCocoEval) eval = evaluate (dataset, PRECIS_IOU_BBOX);
  const double p0 = 1.0 / (1.0 + DBL_EPSILON);
  const double ap = (5 * 101 * 1.0 + 5 * 51 * p0) / 1010;
  const double expected[12] = {
    ap,                 /* AP */
    1.0,                /* AP50 */
    51 * p0 / 101,      /* AP75 */
    ap,                 /* APs: both GT are small */
    -1, -1,             /* APm, APl: no GT in range */
    0.5,                /* AR1 */
    0.75, 0.75,         /* AR10, AR100: (5 × 1 + 5 × .5) / 10 */
    0.75,               /* ARs */
    -1, -1,             /* ARm, ARl */
  };
  guint64 tp, fp, fn;
  g_autofree char *text = precis_cocoeval_summary_text (eval);

  assert_stats (eval, expected, 12);

  g_assert_cmpuint (precis_cocoeval_get_n_classes (eval), ==, 1);
  g_assert_cmpfloat (precis_cocoeval_get_class_ap (eval, 0), ==, ap);
  g_assert_cmpfloat (precis_cocoeval_get_class_ap50 (eval, 0), ==, 1.0);
  g_assert_cmpfloat (precis_cocoeval_get_class_ap75 (eval, 0), ==, 51 * p0 / 101);
  g_assert_cmpfloat (precis_cocoeval_get_class_ar (eval, 0), ==, 0.75);
  g_assert_cmpuint (precis_cocoeval_get_n_gt (eval, 0), ==, 2);

  /* t = .50 (index 0): TP {P1, P2}, FP {P3}; t = .75 (index 5): TP {P1}, FP {P2, P3}, FN {G2}. */
  precis_cocoeval_get_counts (eval, 0, 0, &tp, &fp, &fn);
  g_assert_cmpuint (tp, ==, 2);
  g_assert_cmpuint (fp, ==, 1);
  g_assert_cmpuint (fn, ==, 0);
  precis_cocoeval_get_counts (eval, PRECIS_NO_INDEX, 5, &tp, &fp, &fn);
  g_assert_cmpuint (tp, ==, 1);
  g_assert_cmpuint (fp, ==, 2);
  g_assert_cmpuint (fn, ==, 1);

  /* Empty area ranges print as -1.000, as pycocotools does. */
  g_assert_nonnull (strstr (text, " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000\n"));
  g_assert_nonnull (strstr (text, " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.500\n"));
}

/* Score ties across images, a crowd region matched many times, maxDets 1.
 * One class; images listed 2, 1, 3 in the GT file; all boxes are exact hits or
 * misses, so every threshold gives the same matching. By hand:
 *   image 1: GT g1 [0,0,10,10]; d_b [0,0,10,10] 0.5 → TP (IoU 1).
 *   image 2: GT g2 [0,0,10,10]; d_a [50,50,10,10] 0.5 → FP (IoU 0); d_a comes
 *            first in the results file.
 *   image 3: crowd c [0,0,100,100] and GT g3 [200,200,10,10]; e1 [10,10,50,50] 0.9
 *            and e2 [20,20,50,50] 0.8 lie inside c (crowd IoU = intersection /
 *            detection area = 1): both match c, which stays matchable → ignored;
 *            e3 [200,200,10,10] 0.7 → TP.
 * Ranking (pycocotools: score, ties by image id): e3 TP, d_b TP, d_a FP; npig 3.
 * precision 1/(1+ε), 2/(2+ε) = 1 (rounded), 2/3; envelope 1, 1, 2/3; recall 1/3,
 * 2/3, 2/3: the 67 points r ≤ 0.66 read 1, the 34 others 0 → AP_t = 67/101 at every t,
 * and the mean over 10 × 101 values is exactly 670/1010.
 * (Ties by file order would rank d_a before d_b and give (34/(1+ε) + 33 × 2/3)/101;
 * a crowd matchable once would make e2 an FP ranked first.)
 * Recall 2/3 at every t. maxDets 1 keeps d_b, d_a and e1 (ignored): recall 1/3.
 * All non-crowd GT are small (area 100), e1/e2 (area 2500) are ignored through the
 * crowd match, d_a (area 100) is an in-range FP: "small" equals "all"; medium and
 * large have no GT → -1. */
static void
test_ties_crowd (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("cocoeval/ties-crowd", "gt.json", "predictions.json");
  g_autoptr(PrecisCocoEval) eval = evaluate (dataset, PRECIS_IOU_BBOX);
  const double expected[12] = {
    670.0 / 1010, 67.0 / 101, 67.0 / 101, 670.0 / 1010, -1, -1,
    /* AR1 is the mean of ten recalls 1/3 in numpy's pairwise order (eight
     * accumulators ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then r8, r9, then / 10),
     * evaluated by hand in Python floats: 0.33333333333333337, not 1.0 / 3;
     * likewise ten recalls 2/3 give 0.6666666666666667 (one ulp above 2.0 / 3). */
    0.33333333333333337, 0.6666666666666667, 0.6666666666666667, 0.6666666666666667, -1, -1,
  };
  guint64 tp, fp, fn;

  assert_stats (eval, expected, 12);

  precis_cocoeval_get_counts (eval, 0, 0, &tp, &fp, &fn);
  g_assert_cmpuint (tp, ==, 2);   /* e3, d_b */
  g_assert_cmpuint (fp, ==, 1);   /* d_a; e1 and e2 are ignored */
  g_assert_cmpuint (fn, ==, 1);   /* g2 */
  g_assert_cmpuint (precis_cocoeval_get_n_gt (eval, 0), ==, 3);
}

/* ------------------------------------------------------------------------ */
/* Properties */

/* The default thresholds are numpy's linspace (.5, .95, 10): i × step + .5 with
 * step = (.95 − .5) / 9, and .95 itself last; summarize finds .5 and .75 among
 * them by equality, as pycocotools' np.where (iouThr == p.iouThrs). */
static void
test_params (void)
{
  PrecisCocoParams p;
  const double step = (0.95 - 0.5) / 9;

  precis_coco_params_init (&p, PRECIS_IOU_BBOX);
  g_assert_cmpuint (p.n_iou_thrs, ==, 10);
  for (guint i = 0; i < 9; i++)
    g_assert_true (p.iou_thrs[i] == i * step + 0.5);
  g_assert_true (p.iou_thrs[9] == 0.95);
  g_assert_true (p.iou_thrs[0] == 0.5);
  g_assert_true (p.iou_thrs[5] == 0.75);
  g_assert_true (p.rec_thrs[100] == 1.0);
  g_assert_true (p.rec_thrs[1] == 0.01);
  g_assert_cmpuint (p.n_max_dets, ==, 3);
  g_assert_cmpuint (p.max_dets[2], ==, 100);
  g_assert_cmpuint (p.n_area_rngs, ==, 4);
  g_assert_cmpfloat (p.area_rng[1][1], ==, 1024);

  precis_coco_params_init (&p, PRECIS_IOU_KEYPOINTS);
  g_assert_cmpuint (p.n_max_dets, ==, 1);
  g_assert_cmpuint (p.max_dets[0], ==, 20);
  g_assert_cmpuint (p.n_area_rngs, ==, 3);
  g_assert_cmpstr (p.area_lbl[1], ==, "medium");
}

/* Running twice (threads race for categories) gives the same bytes; the JSON
 * round-trips through json-glib with the same doubles. */
static void
test_deterministic_and_json (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("real/coco2014-cocoapi100", "gt.json", "predictions_bbox.json");
  g_autoptr(PrecisCocoEval) a = evaluate (dataset, PRECIS_IOU_BBOX);
  g_autoptr(PrecisCocoEval) b = evaluate (dataset, PRECIS_IOU_BBOX);
  const PrecisCocoParams *p = precis_cocoeval_get_params (a);
  gsize n_prec = (gsize) p->n_iou_thrs * PRECIS_COCO_N_REC_THRS * precis_cocoeval_get_n_classes (a)
                 * p->n_area_rngs * p->n_max_dets;
  g_autoptr(JsonNode) node = precis_cocoeval_to_json (a);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *str = NULL;
  JsonObject *root, *stats, *totals;
  JsonArray *per_class;
  const double *s;
  guint n_stats;
  guint64 tp, fp, fn;

  g_assert_cmpmem (precis_cocoeval_get_precision (a), n_prec * sizeof (double), precis_cocoeval_get_precision (b), n_prec * sizeof (double));

  json_generator_set_root (gen, node);
  str = json_generator_to_data (gen, NULL);
  json_parser_load_from_data (parser, str, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "protocol"), ==, "coco");
  g_assert_cmpstr (json_object_get_string_member (root, "iou_type"), ==, "bbox");
  stats = json_object_get_object_member (root, "stats");
  s = precis_cocoeval_get_stats (a, &n_stats);
  g_assert_cmpuint (json_object_get_size (stats), ==, n_stats);
  for (guint i = 0; i < n_stats; i++)
    g_assert_true (json_object_get_double_member (stats, precis_cocoeval_get_stat_name (a, i)) == s[i]);

  per_class = json_object_get_array_member (root, "per_class");
  g_assert_cmpuint (json_array_get_length (per_class), ==, precis_cocoeval_get_n_classes (a));
  for (guint k = 0; k < json_array_get_length (per_class); k++)
    {
      JsonObject *c = json_array_get_object_element (per_class, k);

      g_assert_true (json_object_get_double_member (c, "AP") == precis_cocoeval_get_class_ap (a, k));
      g_assert_true (json_object_get_double_member (c, "AP50") == precis_cocoeval_get_class_ap50 (a, k));
    }

  totals = json_object_get_object_member (root, "totals");
  precis_cocoeval_get_counts (a, PRECIS_NO_INDEX, 0, &tp, &fp, &fn);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (totals, "TP"), 0), ==, (gint64) tp);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (totals, "FN"), 0), ==, (gint64) fn);
  /* TP + FN = not ignored GT at every threshold. */
  for (guint t = 0; t < p->n_iou_thrs; t++)
    {
      precis_cocoeval_get_counts (a, PRECIS_NO_INDEX, t, &tp, &fp, &fn);
      g_assert_cmpuint (tp + fn, ==, precis_cocoeval_get_n_gt (a, PRECIS_NO_INDEX));
    }

  /* The mean over classes with GT of the per-class AP is the AP stat. The only
   * tolerance in this file: the reference here is this test's own sum, of the
   * per-class means rather than of all T × R × K values, so it rounds
   * differently (1e-12). */
  {
    double sum = 0;
    guint n = 0;

    for (guint k = 0; k < precis_cocoeval_get_n_classes (a); k++)
      if (precis_cocoeval_get_class_ap (a, k) > -1)
        {
          sum += precis_cocoeval_get_class_ap (a, k);
          n++;
        }
    g_assert_cmpuint (n, >, 0);
    g_assert_cmpfloat_with_epsilon (sum / n, s[0], 1e-12);
  }
}

/* pycocotools' p.catIds / p.imgIds. One selected class: its summaries are that
 * class's numbers (the same values averaged in the same order). All images
 * selected: the full evaluation, bit for bit; none: nothing to average (-1). */
static void
test_subsets (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("real/coco2014-cocoapi100", "gt.json", "predictions_bbox.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_autoptr(PrecisCocoEval) full = NULL;
  g_autoptr(PrecisCocoEval) one = NULL;
  g_autoptr(PrecisCocoEval) all_images = NULL;
  g_autoptr(PrecisCocoEval) no_images = NULL;
  guint n_cats = precis_dataset_get_n_categories (dataset);
  guint n_images = precis_dataset_get_n_images (dataset);
  g_autofree guint8 *cat_mask = g_new0 (guint8, n_cats);
  g_autofree guint8 *img_mask = g_new0 (guint8, n_images);
  const double *sf, *so;
  PrecisCocoParams p;
  guint k0 = G_MAXUINT, n;

  g_assert_no_error (error);
  full = precis_cocoeval_new (matcher, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The first class with GT whose AP is neither 0 nor 1. */
  for (guint k = 0; k < precis_cocoeval_get_n_classes (full) && k0 == G_MAXUINT; k++)
    if (precis_cocoeval_get_class_ap (full, k) > 0.1 && precis_cocoeval_get_class_ap (full, k) < 0.9)
      k0 = k;
  g_assert_cmpuint (k0, !=, G_MAXUINT);

  precis_coco_params_init (&p, PRECIS_IOU_BBOX);
  cat_mask[precis_cocoeval_get_class_category (full, k0)] = 1;
  p.categories = cat_mask;
  one = precis_cocoeval_new (matcher, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (precis_cocoeval_get_n_classes (one), ==, 1);
  g_assert_cmpuint (precis_cocoeval_get_class_category (one, 0), ==, precis_cocoeval_get_class_category (full, k0));
  so = precis_cocoeval_get_stats (one, &n);
  g_assert_true (so[0] == precis_cocoeval_get_class_ap (full, k0));
  g_assert_true (so[1] == precis_cocoeval_get_class_ap50 (full, k0));
  g_assert_true (so[2] == precis_cocoeval_get_class_ap75 (full, k0));
  g_assert_true (so[8] == precis_cocoeval_get_class_ar (full, k0));
  g_assert_true (precis_cocoeval_get_params (one)->categories == NULL);

  precis_coco_params_init (&p, PRECIS_IOU_BBOX);
  memset (img_mask, 1, n_images);
  p.images = img_mask;
  all_images = precis_cocoeval_new (matcher, &p, NULL, &error);
  g_assert_no_error (error);
  sf = precis_cocoeval_get_stats (full, &n);
  so = precis_cocoeval_get_stats (all_images, NULL);
  g_assert_cmpmem (sf, n * sizeof (double), so, n * sizeof (double));

  memset (img_mask, 0, n_images);
  no_images = precis_cocoeval_new (matcher, &p, NULL, &error);
  g_assert_no_error (error);
  so = precis_cocoeval_get_stats (no_images, &n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (so[i], ==, -1);
}

/* The ties-crowd case without image 3: d_b (image 1) TP, d_a (image 2) FP, npig 2:
 * precision 1/(1+ε), 1/2, recall 1/2, 1/2: the 51 points r ≤ .50 read 1/(1+ε)
 * → AP = 51/101 × 1/(1+ε) at every threshold; recall 1/2. */
static void
test_image_subset (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("cocoeval/ties-crowd", "gt.json", "predictions.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_autoptr(PrecisCocoEval) eval = NULL;
  g_autofree guint8 *mask = g_new0 (guint8, precis_dataset_get_n_images (dataset));
  const double p0 = 1.0 / (1.0 + DBL_EPSILON);
  PrecisCocoParams p;
  const double *s;

  g_assert_no_error (error);
  mask[precis_dataset_find_image (dataset, 1)] = 1;
  mask[precis_dataset_find_image (dataset, 2)] = 1;
  precis_coco_params_init (&p, PRECIS_IOU_BBOX);
  p.images = mask;
  eval = precis_cocoeval_new (matcher, &p, NULL, &error);
  g_assert_no_error (error);
  s = precis_cocoeval_get_stats (eval, NULL);
  g_assert_cmpfloat (s[0], ==, 51 * p0 / 101);
  g_assert_cmpfloat (s[1], ==, 51 * p0 / 101);
  g_assert_cmpfloat (s[8], ==, 0.5);
  g_assert_cmpuint (precis_cocoeval_get_n_gt (eval, 0), ==, 2);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PrecisCocoEval **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = precis_cocoeval_new_finish (result, &error);
  g_assert_no_error (error);
}

/* The GTask variant gives the same numbers as the synchronous call. */
static void
test_async (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("cocoeval/ties-crowd", "gt.json", "predictions.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_autoptr(PrecisCocoEval) sync = NULL;
  g_autoptr(PrecisCocoEval) async = NULL;
  guint8 *mask = g_new0 (guint8, precis_dataset_get_n_images (dataset));
  const double *a, *b;
  PrecisCocoParams p;
  guint n;

  g_assert_no_error (error);
  mask[precis_dataset_find_image (dataset, 1)] = 1;
  mask[precis_dataset_find_image (dataset, 2)] = 1;
  precis_coco_params_init (&p, PRECIS_IOU_BBOX);
  p.images = mask;
  sync = precis_cocoeval_new (matcher, &p, NULL, &error);
  g_assert_no_error (error);
  precis_cocoeval_new_async (matcher, &p, NULL, async_done, &async);
  /* The masks are copied: the caller may free them right away. */
  g_free (mask);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);

  a = precis_cocoeval_get_stats (sync, &n);
  b = precis_cocoeval_get_stats (async, NULL);
  g_assert_cmpmem (a, n * sizeof (double), b, n * sizeof (double));
}

static void
test_cancelled (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("real/coco2014-cocoapi100", "gt.json", "predictions_bbox.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PrecisCocoEval) eval = NULL;

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  eval = precis_cocoeval_new (matcher, NULL, cancellable, &error);
  g_assert_null (eval);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_bad_params (void)
{
  g_autoptr(PrecisDataset) dataset = load_test_data ("cocoeval/worked-example", "gt.json", "predictions.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_autoptr(PrecisCocoEval) eval = NULL;
  PrecisCocoParams p;

  g_assert_no_error (error);
  precis_coco_params_init (&p, PRECIS_IOU_BBOX);
  p.max_dets[1] = 0;
  eval = precis_cocoeval_new (matcher, &p, NULL, &error);
  g_assert_null (eval);
  g_assert_error (error, PRECIS_COCOEVAL_ERROR, PRECIS_COCOEVAL_ERROR_PARAMS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cocoeval/params", test_params);
  g_test_add_func ("/cocoeval/worked-example", test_worked_example);
  g_test_add_func ("/cocoeval/ties-crowd", test_ties_crowd);
  g_test_add_func ("/cocoeval/cocoapi100/bbox", test_cocoapi100_bbox);
  g_test_add_func ("/cocoeval/cocoapi100/segm", test_cocoapi100_segm);
  g_test_add_func ("/cocoeval/kpt139099/keypoints", test_kpt139099_keypoints);
  g_test_add_func ("/cocoeval/deterministic-json", test_deterministic_and_json);
  g_test_add_func ("/cocoeval/subsets", test_subsets);
  g_test_add_func ("/cocoeval/image-subset", test_image_subset);
  g_test_add_func ("/cocoeval/reference-synth", test_reference_synth);
  g_test_add_func ("/cocoeval/async", test_async);
  g_test_add_func ("/cocoeval/cancelled", test_cancelled);
  g_test_add_func ("/cocoeval/bad-params", test_bad_params);

  return g_test_run ();
}

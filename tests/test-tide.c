/* test-tide.c: TIDE's error types and dAPs (SEMANTICS.md §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "precis-tide.h"
#include "precis-test-errors.h"

/* A loaded model with its matcher, overlaps and TIDE evaluator. */
typedef struct {
  PrecisDataset  *dataset;
  PrecisMatcher  *matcher;
  PrecisOverlaps *overlaps;
  PrecisTide     *tide;
} Fixture;

static void
fixture_load (Fixture       *f,
              const char    *gt_name,
              const char    *pred_name,
              PrecisIouType  type)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;

  f->matcher = load_model (gt_name, pred_name, type);
  f->dataset = g_object_ref (precis_matcher_get_dataset (f->matcher));
  order = precis_overlaps_read_image_order (f->dataset, NULL, &error);
  g_assert_no_error (error);
  f->overlaps = precis_overlaps_new (f->matcher, order, 0, NULL, &error);
  g_assert_no_error (error);
  f->tide = precis_tide_new (f->overlaps);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->tide);
  g_clear_object (&f->overlaps);
  g_clear_object (&f->matcher);
  g_clear_object (&f->dataset);
}

/* tests/data/errors/tide-{gt,pred}.json, written by hand; boxes as [x, y, w, h],
 * classes A (1) and B (2); p1 … p9 are the predictions in file order.
 *
 * Image 1: g1 A [0,0,10,10]. p1 A same box 0.9 → TP (IoU 1). p2 A same box 0.8:
 *   same-class IoU 1 > t, so not Loc; no other class; the matched g1 at IoU 1 ≥ t → Dupe.
 *   p3 A [5,0,10,10] 0.7: IoU 50 / 150 = 1/3 ∈ [0.1, 0.5] → Loc on g1 (matched: no claim).
 * Image 2: g2 A [0,0,10,10], g3 B [20,0,10,10]. p4 B [0,0,10,10] 0.9: same class 0,
 *   g2 at IoU 1 → Cls, claims g2. p5 A [50,50,10,10] 0.6: no overlap → Bkg.
 *   p6 A [23,0,10,10] 0.5: g3 at 70 / 130 = 0.538 ≥ 0.5 → Cls, claims g3.
 *   p7 A [27,0,10,10] 0.4: g3 at 30 / 170 = 0.176 ∈ (0.1, 0.5), same class 0 → Both.
 * Image 3: g4 A, no prediction → Miss. Image 4: no GT, p8 B 0.3 → Bkg.
 * Image 5: g5 A crowd [0,0,100,100], g6 A [200,200,10,10]. p9 A [10,10,10,10] 0.9:
 *   crowd-IoU 100 / 100 = 1 > 0.5 → ignored, and still typed: no GT overlap → Bkg.
 *   g6 → Miss.
 * The GT file lists image 2 before image 1 (TIDE's order); nothing here ties across
 * images within a class, so the numbers do not depend on it. */
static void
test_hand_types (void)
{
  Fixture f = { 0 };
  const PrecisTideResult *r;
  static const PrecisTideError expected[9] = {
    PRECIS_TIDE_NONE, PRECIS_TIDE_DUPE, PRECIS_TIDE_LOC, PRECIS_TIDE_CLS, PRECIS_TIDE_BKG,
    PRECIS_TIDE_CLS, PRECIS_TIDE_BOTH, PRECIS_TIDE_BKG, PRECIS_TIDE_BKG,
  };

  fixture_load (&f, "errors/tide-gt.json", "errors/tide-pred.json", PRECIS_IOU_BBOX);
  r = precis_tide_evaluate (f.tide);

  g_assert_cmpuint (r->counts[PRECIS_TIDE_CLS], ==, 2);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_LOC], ==, 1);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_BOTH], ==, 1);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_DUPE], ==, 1);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_BKG], ==, 3);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_MISS], ==, 2);
  g_assert_cmpuint (r->n_tp, ==, 1);
  g_assert_cmpuint (r->n_fp, ==, 7);
  g_assert_cmpuint (r->n_ignored, ==, 1);
  g_assert_cmpuint (r->n_fn, ==, 4);   /* g2, g3 (usable), g4, g6 */
  g_assert_cmpuint (r->n_gt, ==, 5);

  for (guint i = 0; i < 9; i++)
    g_assert_cmpuint (r->prediction_error[prediction_at (f.dataset, i)], ==, expected[i]);
  g_assert_cmpuint (r->prediction_state[prediction_at (f.dataset, 8)], ==, PRECIS_TIDE_STATE_IGNORED);
  g_assert_cmpuint (r->prediction_state[prediction_at (f.dataset, 0)], ==, PRECIS_TIDE_STATE_TP);
  g_assert_cmpuint (r->prediction_target[prediction_at (f.dataset, 3)], ==, gt_with_id (f.dataset, 2));
  g_assert_cmpuint (r->prediction_target[prediction_at (f.dataset, 5)], ==, gt_with_id (f.dataset, 3));
  g_assert_cmpuint (r->prediction_fixes[prediction_at (f.dataset, 3)], ==, 1);
  g_assert_cmpuint (r->prediction_fixes[prediction_at (f.dataset, 5)], ==, 1);
  g_assert_cmpuint (r->prediction_fixes[prediction_at (f.dataset, 2)], ==, 0);   /* Loc on a matched GT */
  g_assert_cmpuint (r->gt_error[gt_with_id (f.dataset, 4)], ==, PRECIS_TIDE_MISS);
  g_assert_cmpuint (r->gt_error[gt_with_id (f.dataset, 6)], ==, PRECIS_TIDE_MISS);
  g_assert_cmpuint (r->gt_error[gt_with_id (f.dataset, 2)], ==, PRECIS_TIDE_NONE);
  g_assert_cmpuint (r->gt_match[gt_with_id (f.dataset, 1)], ==, prediction_at (f.dataset, 0));

  fixture_clear (&f);
}

/* The same data, counted per image (image ids 1 … 5; see test_hand_types):
 * 1: p2 Dupe, p3 Loc; 2: p4 Cls (B), p5 Bkg, p6 Cls, p7 Both; 3: g4 Miss;
 * 4: p8 Bkg (B); 5: p9 Bkg (ignored, still typed), g6 Miss. */
static void
check_per_image (Fixture         *f,
                 PrecisTideError  error,
                 gint64           category_id,
                 const guint32    expected[5])
{
  guint32 per_image[5], total = 0;
  guint32 category = category_id < 0 ? PRECIS_NO_INDEX : precis_dataset_find_category (f->dataset, category_id);
  guint n;

  g_assert_cmpuint (precis_dataset_get_n_images (f->dataset), ==, 5);
  memset (per_image, 0xaa, sizeof per_image);
  n = precis_tide_count_per_image (f->tide, error, category, per_image);
  for (gint64 id = 1; id <= 5; id++)
    {
      g_assert_cmpuint (per_image[precis_dataset_find_image (f->dataset, id)], ==, expected[id - 1]);
      total += expected[id - 1];
    }
  g_assert_cmpuint (n, ==, total);
}

static void
test_hand_per_image (void)
{
  Fixture f = { 0 };
  static const guint32 all[5] = { 2, 4, 1, 1, 2 }, cls[5] = { 0, 2, 0, 0, 0 };
  static const guint32 bkg[5] = { 0, 1, 0, 1, 1 }, miss[5] = { 0, 0, 1, 0, 1 };
  static const guint32 class_b[5] = { 0, 1, 0, 1, 0 }, miss_b[5] = { 0 };
  static const guint32 loc[5] = { 1, 0, 0, 0, 0 };

  fixture_load (&f, "errors/tide-gt.json", "errors/tide-pred.json", PRECIS_IOU_BBOX);
  check_per_image (&f, PRECIS_TIDE_N_ERRORS, -1, all);
  check_per_image (&f, PRECIS_TIDE_CLS, -1, cls);
  check_per_image (&f, PRECIS_TIDE_LOC, -1, loc);
  check_per_image (&f, PRECIS_TIDE_BKG, -1, bkg);
  check_per_image (&f, PRECIS_TIDE_MISS, -1, miss);
  check_per_image (&f, PRECIS_TIDE_N_ERRORS, 2, class_b);
  check_per_image (&f, PRECIS_TIDE_MISS, 2, miss_b);
  /* At t = 0.3, p3's IoU 1/3 with the matched g1 reaches t: a Dupe, no Loc left. */
  precis_tide_set_threshold (f.tide, 0.3);
  check_per_image (&f, PRECIS_TIDE_LOC, 1, miss_b);
  fixture_clear (&f);
}

/* The same data. AP (TIDE, percent): class A has n = 4 (g1, g2, g4, g6) and points
 * p1 TP, then FPs p2, p3, p5, p6, p7: recall 1/4 at precision 1, so the 26 grid
 * points k/100 ≤ 0.25 read 1: AP_A = 26/101·100. Class B: n = 1, FPs p4, p8: 0.
 * AP = (26/101·100 + 0) / 2.
 * Cls fixed: p4 → TP of A at 0.9 (before p1 on the tie: errors first), p6 → TP of
 *   B at 0.5: AP_A = 51/101·100 (recall 1/2), AP_B = 100.
 * Loc, Both, Dupe, Bkg fixed: the removed FPs all rank after class A's only TP and
 *   class B has no TP: 0.
 * Miss fixed: n_A = 4 − 2 = 2: AP_A = 51/101·100, AP_B = 0.
 * FalsePos: TPs first: unchanged, 0. FalseNeg: n_A = 4 − 3 = 1 → 100; n_B = 0 with
 *   points → 0 in the mean: 50. */
static void
test_hand_daps (void)
{
  Fixture f = { 0 };
  PrecisTideDaps daps;
  double ap = (26.0 / 101 * 100 + 0) / 2;

  fixture_load (&f, "errors/tide-gt.json", "errors/tide-pred.json", PRECIS_IOU_BBOX);
  precis_tide_compute_daps (f.tide, &daps);

  g_assert_cmpfloat_with_epsilon (daps.ap, ap, 1e-12);
  g_assert_cmpfloat_with_epsilon (daps.main[PRECIS_TIDE_CLS], (51.0 / 101 * 100 + 100) / 2 - ap, 1e-12);
  g_assert_cmpfloat (daps.main[PRECIS_TIDE_LOC], ==, 0);
  g_assert_cmpfloat (daps.main[PRECIS_TIDE_BOTH], ==, 0);
  g_assert_cmpfloat (daps.main[PRECIS_TIDE_DUPE], ==, 0);
  g_assert_cmpfloat (daps.main[PRECIS_TIDE_BKG], ==, 0);
  g_assert_cmpfloat_with_epsilon (daps.main[PRECIS_TIDE_MISS], (51.0 / 101 * 100) / 2 - ap, 1e-12);
  g_assert_cmpfloat_with_epsilon (daps.special_fp, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (daps.special_fn, 50 - ap, 1e-12);

  fixture_clear (&f);
}

/* Thresholds move the types. t_b = 0.2: p7's 0.176 with g3 is now ≤ t_b → Bkg.
 * t = 0.3: p3's 1/3 exceeds t: not Loc; the matched g1 at 1/3 ≥ 0.3 → Dupe; p7 (t_b
 * 0.1) still Both; p6 at 0.538 ≥ 0.3 → Cls. Class selection {A}: p4 and p8 (B) and g3
 * leave; p6 and p7 overlap no selected GT but g2 at 0 → Bkg. */
static void
test_hand_thresholds (void)
{
  Fixture f = { 0 };
  const PrecisTideResult *r;
  guint8 only_a[2] = { 1, 0 };

  fixture_load (&f, "errors/tide-gt.json", "errors/tide-pred.json", PRECIS_IOU_BBOX);

  precis_tide_set_background (f.tide, 0.2);
  r = precis_tide_evaluate (f.tide);
  g_assert_cmpuint (r->prediction_error[prediction_at (f.dataset, 6)], ==, PRECIS_TIDE_BKG);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_BOTH], ==, 0);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_BKG], ==, 4);

  precis_tide_set_background (f.tide, 0.1);
  precis_tide_set_threshold (f.tide, 0.3);
  r = precis_tide_evaluate (f.tide);
  g_assert_cmpfloat (r->threshold, ==, 0.3);
  g_assert_cmpuint (r->prediction_error[prediction_at (f.dataset, 2)], ==, PRECIS_TIDE_DUPE);
  g_assert_cmpuint (r->prediction_error[prediction_at (f.dataset, 5)], ==, PRECIS_TIDE_CLS);
  g_assert_cmpuint (r->prediction_error[prediction_at (f.dataset, 6)], ==, PRECIS_TIDE_BOTH);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_DUPE], ==, 2);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_LOC], ==, 0);

  precis_tide_set_threshold (f.tide, 0.5);
  precis_tide_set_classes (f.tide, only_a);
  r = precis_tide_evaluate (f.tide);
  g_assert_cmpuint (r->prediction_state[prediction_at (f.dataset, 3)], ==, PRECIS_TIDE_STATE_FILTERED);
  g_assert_cmpuint (r->prediction_error[prediction_at (f.dataset, 5)], ==, PRECIS_TIDE_BKG);
  g_assert_cmpuint (r->prediction_error[prediction_at (f.dataset, 6)], ==, PRECIS_TIDE_BKG);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_CLS], ==, 0);
  g_assert_cmpuint (r->counts[PRECIS_TIDE_MISS], ==, 3);   /* g2 is no longer claimed */
  g_assert_cmpuint (r->n_gt, ==, 4);

  /* max_dets 2: image 1 keeps p1, p2; p3 is dropped and loses its type. */
  precis_tide_set_classes (f.tide, NULL);
  precis_tide_set_max_dets (f.tide, 2);
  r = precis_tide_evaluate (f.tide);
  g_assert_cmpuint (r->prediction_state[prediction_at (f.dataset, 2)], ==, PRECIS_TIDE_STATE_DROPPED);
  g_assert_cmpuint (r->prediction_error[prediction_at (f.dataset, 2)], ==, PRECIS_TIDE_NONE);
  g_assert_cmpuint (r->n_dropped, ==, 3);   /* p3; p6 and p7 in image 2 */

  fixture_clear (&f);
}

static void
test_image_order (void)
{
  Fixture f = { 0 };
  const PrecisOverlapsData *o;

  fixture_load (&f, "errors/tide-gt.json", "errors/tide-pred.json", PRECIS_IOU_BBOX);
  o = precis_overlaps_get_data (f.overlaps);
  /* Image index 0 is id 1, second in the file; index 1 is id 2, first. */
  g_assert_cmpuint (o->image_rank[0], ==, 1);
  g_assert_cmpuint (o->image_rank[1], ==, 0);
  g_assert_cmpuint (o->image_rank[4], ==, 4);
  /* The three 0.9 scores in TIDE's order: image 2 (p4), image 1 (p1), image 5 (p9). */
  g_assert_cmpuint (o->tide_order[0], ==, prediction_at (f.dataset, 3));
  g_assert_cmpuint (o->tide_order[1], ==, prediction_at (f.dataset, 0));
  g_assert_cmpuint (o->tide_order[2], ==, prediction_at (f.dataset, 8));
  fixture_clear (&f);
}

/* The parity references: the JSON files in tests/data/tide/ (see tests/data/README.md). */
static void
check_reference (const char    *gt_name,
                 const char    *pred_name,
                 PrecisIouType  type,
                 const char    *reference)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tide", reference, NULL);
  Fixture f = { 0 };
  PrecisTideDaps daps;
  const PrecisTideResult *r;
  JsonObject *ref, *main_ref, *counts, *special;
  const char *ap_key;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  ref = json_node_get_object (json_parser_get_root (parser));
  ap_key = json_object_has_member (ref, "ap50") ? "ap50" : "ap";
  main_ref = json_object_get_object_member (ref, "main");
  counts = json_object_get_object_member (ref, "counts");
  special = json_object_get_object_member (ref, "special");

  fixture_load (&f, gt_name, pred_name, type);
  r = precis_tide_evaluate (f.tide);
  precis_tide_compute_daps (f.tide, &daps);

  g_assert_cmpfloat_with_epsilon (daps.ap, json_object_get_double_member (ref, ap_key), 1e-9);
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      const char *key = precis_tide_error_to_key (e);

      g_assert_cmpint (r->counts[e], ==, json_object_get_int_member (counts, key));
      g_assert_cmpfloat_with_epsilon (daps.main[e], json_object_get_double_member (main_ref, key), 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (daps.special_fp, json_object_get_double_member (special, "fp"), 1e-9);
  g_assert_cmpfloat_with_epsilon (daps.special_fn, json_object_get_double_member (special, "fn"), 1e-9);
  /* TIDE's checks: every unmatched detection has one type; FN = Miss + usable GTs. */
  g_assert_cmpuint (r->n_fp + r->n_ignored, ==,
                    r->counts[0] + r->counts[1] + r->counts[2] + r->counts[3] + r->counts[4]);
  g_assert_cmpuint (r->n_tp + r->n_fn, ==, r->n_gt);
  fixture_clear (&f);
}

static void
test_parity_cartucho (void)
{
  check_reference ("real/cartucho-map/gt.json", "real/cartucho-map/predictions.json",
                   PRECIS_IOU_BBOX, "cartucho-map.bbox.json");
}

static void
test_parity_coco_bbox (void)
{
  check_reference ("real/coco2014-cocoapi100/gt.json", "real/coco2014-cocoapi100/predictions_bbox.json",
                   PRECIS_IOU_BBOX, "coco2014-cocoapi100.bbox.json");
}

static void
test_parity_coco_segm (void)
{
  check_reference ("real/coco2014-cocoapi100/gt.json", "real/coco2014-cocoapi100/predictions_segm.json",
                   PRECIS_IOU_SEGM, "coco2014-cocoapi100.segm.json");
}

/* Keypoints (OKS) and polylines (band IoU): TIDE's rules with Precis's IoU. No
 * reference tool exists; TIDE's own identities must hold and the dAPs be finite. */
static void
check_identities (const char    *gt_name,
                  const char    *pred_name,
                  PrecisIouType  type)
{
  Fixture f = { 0 };
  const PrecisTideResult *r;
  PrecisTideDaps daps;
  guint usable = 0;

  fixture_load (&f, gt_name, pred_name, type);
  r = precis_tide_evaluate (f.tide);
  precis_tide_compute_daps (f.tide, &daps);
  for (guint i = 0; i < precis_overlaps_get_data (f.overlaps)->n_predictions; i++)
    usable += r->prediction_fixes[i];
  g_assert_cmpuint (r->n_fp + r->n_ignored, ==,
                    r->counts[0] + r->counts[1] + r->counts[2] + r->counts[3] + r->counts[4]);
  g_assert_cmpuint (r->n_fn, ==, r->counts[PRECIS_TIDE_MISS] + usable);
  g_assert_cmpuint (r->n_tp + r->n_fn, ==, r->n_gt);
  g_assert_cmpuint (r->n_tp, >, 0);
  g_assert_true (daps.ap > 0 && daps.ap <= 100);
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    g_assert_true (daps.main[e] >= 0 && daps.main[e] <= 100 - daps.ap + 1e-9);
  fixture_clear (&f);
}

static void
test_keypoints (void)
{
  check_identities ("real/coco2017-kpt139099/gt.json", "real/coco2017-kpt139099/predictions.json",
                    PRECIS_IOU_KEYPOINTS);
}

static void
test_polyline (void)
{
  check_identities ("derived/polyline-gt.json", "derived/polyline-results.json", PRECIS_IOU_POLYLINE);
}

/* A threshold step re-assigns only the objects that overlap something: it must
 * give exactly what a fresh evaluation at the new t gives. */
static void
test_steps_match_full (void)
{
  Fixture f = { 0 };
  const PrecisOverlapsData *o;

  fixture_load (&f, "real/coco2014-cocoapi100/gt.json", "real/coco2014-cocoapi100/predictions_bbox.json",
                PRECIS_IOU_BBOX);
  o = precis_overlaps_get_data (f.overlaps);
  for (guint s = 0; s < 60; s++)
    {
      double t = (s < 30 ? s : 59 - s) * 0.033 + 0.01;
      g_autoptr(PrecisTide) fresh = precis_tide_new (f.overlaps);
      const PrecisTideResult *a, *b;

      precis_tide_set_threshold (f.tide, t);
      a = precis_tide_evaluate (f.tide);
      precis_tide_set_threshold (fresh, t);
      b = precis_tide_evaluate (fresh);
      g_assert_cmpmem (a->counts, sizeof a->counts, b->counts, sizeof b->counts);
      g_assert_cmpuint (a->n_tp, ==, b->n_tp);
      g_assert_cmpuint (a->n_fp, ==, b->n_fp);
      g_assert_cmpuint (a->n_ignored, ==, b->n_ignored);
      g_assert_cmpuint (a->n_fn, ==, b->n_fn);
      g_assert_cmpmem (a->prediction_state, o->n_predictions, b->prediction_state, o->n_predictions);
      g_assert_cmpmem (a->prediction_error, o->n_predictions, b->prediction_error, o->n_predictions);
      g_assert_cmpmem (a->prediction_fixes, o->n_predictions, b->prediction_fixes, o->n_predictions);
      g_assert_cmpmem (a->prediction_target, 4 * o->n_predictions, b->prediction_target, 4 * o->n_predictions);
      g_assert_cmpmem (a->gt_error, o->n_gt, b->gt_error, o->n_gt);
      g_assert_cmpmem (a->gt_match, 4 * o->n_gt, b->gt_match, 4 * o->n_gt);
    }
  fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tide/hand/types", test_hand_types);
  g_test_add_func ("/tide/hand/daps", test_hand_daps);
  g_test_add_func ("/tide/hand/per-image", test_hand_per_image);
  g_test_add_func ("/tide/hand/thresholds", test_hand_thresholds);
  g_test_add_func ("/tide/image-order", test_image_order);
  g_test_add_func ("/tide/parity/cartucho-map-bbox", test_parity_cartucho);
  g_test_add_func ("/tide/parity/coco2014-bbox", test_parity_coco_bbox);
  g_test_add_func ("/tide/parity/coco2014-segm", test_parity_coco_segm);
  g_test_add_func ("/tide/steps-match-full", test_steps_match_full);
  g_test_add_func ("/tide/keypoints", test_keypoints);
  g_test_add_func ("/tide/polyline", test_polyline);

  return g_test_run ();
}

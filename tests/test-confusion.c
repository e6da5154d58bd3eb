/* test-confusion.c: the detection confusion matrix (SEMANTICS.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>

#include "precis-confusion.h"
#include "precis-test-errors.h"

typedef struct {
  PrecisDataset   *dataset;
  PrecisMatcher   *matcher;
  PrecisOverlaps  *overlaps;
  PrecisConfusion *confusion;
} Fixture;

static void
fixture_load (Fixture    *f,
              const char *gt_name,
              const char *pred_name)
{
  g_autoptr(GError) error = NULL;

  f->matcher = load_model (gt_name, pred_name, PRECIS_IOU_BBOX);
  f->dataset = g_object_ref (precis_matcher_get_dataset (f->matcher));
  f->overlaps = precis_overlaps_new (f->matcher, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  f->confusion = precis_confusion_new (f->overlaps);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->confusion);
  g_clear_object (&f->overlaps);
  g_clear_object (&f->matcher);
  g_clear_object (&f->dataset);
}

static void
assert_matrix (const PrecisConfusionResult *r,
               const guint                  expected[3][3])
{
  g_assert_cmpuint (r->n_classes, ==, 2);
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      g_assert_cmpuint (r->matrix[i * 3 + j], ==, expected[i][j]);
}

/* tests/data/errors/confusion-{gt,pred}.json, written by hand; classes A (1), B (2);
 * q1 … q5 are the predictions in file order.
 * Image 1: GT 11 (B) and 10 (A), both [0,0,10,10], 11 first in the file.
 *   q1 B 0.9 and q2 A 0.9 tie on score: file order, q1 first. q1 has IoU 1 with both
 *   GTs: the tie goes to GT file order, 11 (B) → (B, B). q2 takes 10 → (A, A).
 *   q3 A 0.5: nothing free, no crowd → (background, A).
 * Image 2: GT 20 B crowd [0,0,100,100], 21 A [200,0,10,10]. q4 A [10,10,10,10] 0.8:
 *   no GT at IoU ≥ 0.5, crowd-IoU 100 / 100 = 1 with a crowd GT of another class →
 *   ignored. q5 B [300,300,10,10] 0.7 → (background, B). GT 21 untaken → (A, background).
 * Rows sum to the non-crowd GTs (A: 10, 21; B: 11), columns to the non-ignored
 * predictions (A: q2, q3; B: q1, q5). */
static void
test_hand (void)
{
  Fixture f = { 0 };
  const PrecisConfusionResult *r;
  static const guint expected[3][3] = { { 1, 0, 1 }, { 0, 1, 0 }, { 1, 1, 0 } };

  fixture_load (&f, "errors/confusion-gt.json", "errors/confusion-pred.json");
  r = precis_confusion_evaluate (f.confusion);
  assert_matrix (r, expected);
  g_assert_cmpuint (r->n_ignored, ==, 1);
  g_assert_cmpuint (r->prediction_state[prediction_at (f.dataset, 3)], ==, PRECIS_CONFUSION_IGNORED);
  g_assert_cmpuint (r->prediction_match[prediction_at (f.dataset, 0)], ==, gt_with_id (f.dataset, 11));
  g_assert_cmpuint (r->gt_match[gt_with_id (f.dataset, 10)], ==, prediction_at (f.dataset, 1));
  fixture_clear (&f);
}

/* The objects behind three cells. */
static void
test_cells (void)
{
  Fixture f = { 0 };
  g_autoptr(GArray) aa = NULL, bg_a = NULL, a_bg = NULL, b_a = NULL;
  PrecisConfusionPair *p;

  fixture_load (&f, "errors/confusion-gt.json", "errors/confusion-pred.json");
  aa = precis_confusion_get_cell (f.confusion, 0, 0);
  g_assert_cmpuint (aa->len, ==, 1);
  p = &g_array_index (aa, PrecisConfusionPair, 0);
  g_assert_cmpuint (p->gt, ==, gt_with_id (f.dataset, 10));
  g_assert_cmpuint (p->prediction, ==, prediction_at (f.dataset, 1));

  bg_a = precis_confusion_get_cell (f.confusion, 2, 0);
  g_assert_cmpuint (bg_a->len, ==, 1);
  p = &g_array_index (bg_a, PrecisConfusionPair, 0);
  g_assert_cmpuint (p->gt, ==, PRECIS_NO_INDEX);
  g_assert_cmpuint (p->prediction, ==, prediction_at (f.dataset, 2));

  a_bg = precis_confusion_get_cell (f.confusion, 0, 2);
  g_assert_cmpuint (a_bg->len, ==, 1);
  p = &g_array_index (a_bg, PrecisConfusionPair, 0);
  g_assert_cmpuint (p->gt, ==, gt_with_id (f.dataset, 21));
  g_assert_cmpuint (p->prediction, ==, PRECIS_NO_INDEX);

  b_a = precis_confusion_get_cell (f.confusion, 1, 0);
  g_assert_cmpuint (b_a->len, ==, 0);
  fixture_clear (&f);
}

/* t = 0: any free GT qualifies (IoU 0 ≥ 0): q4 takes GT 21 (the only free one in
 * image 2) → (A, A); q5 finds nothing free and lies in no crowd region → (background, B).
 * s = 0.85 keeps q1 and q2 only (at t = 0.5): GT 21 untaken, no background predictions. */
static void
test_threshold_confidence (void)
{
  Fixture f = { 0 };
  static const guint at_zero[3][3] = { { 2, 0, 0 }, { 0, 1, 0 }, { 1, 1, 0 } };
  static const guint at_s[3][3] = { { 1, 0, 1 }, { 0, 1, 0 }, { 0, 0, 0 } };
  static const guint only_b[3][3] = { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 1, 0 } };
  guint8 mask_b[2] = { 0, 1 };
  const PrecisConfusionResult *r;

  fixture_load (&f, "errors/confusion-gt.json", "errors/confusion-pred.json");
  precis_confusion_set_threshold (f.confusion, 0);
  r = precis_confusion_evaluate (f.confusion);
  assert_matrix (r, at_zero);
  g_assert_cmpuint (r->n_ignored, ==, 0);

  precis_confusion_set_threshold (f.confusion, 0.5);
  precis_confusion_set_confidence (f.confusion, 0.85);
  assert_matrix (precis_confusion_evaluate (f.confusion), at_s);

  /* Class B alone: q1 takes 11; q5 → background; the A objects are left out. */
  precis_confusion_set_confidence (f.confusion, 0);
  precis_confusion_set_classes (f.confusion, mask_b);
  assert_matrix (precis_confusion_evaluate (f.confusion), only_b);
  fixture_clear (&f);
}

static void
test_json_csv (void)
{
  Fixture f = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;

  fixture_load (&f, "errors/confusion-gt.json", "errors/confusion-pred.json");
  root = precis_confusion_to_json (f.confusion);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  g_assert_cmpstr (json, ==,
                   "{\"labels\":[\"A\",\"B\",\"background\"],\"category_ids\":[1,2,null],"
                   "\"matrix\":[[1,0,1],[0,1,0],[1,1,0]]}");
  csv = precis_confusion_to_csv (f.confusion);
  g_assert_cmpstr (csv, ==,
                   "gt \\ predicted,A,B,background\n"
                   "A,1,0,1\n"
                   "B,0,1,0\n"
                   "background,1,1,0\n");
  fixture_clear (&f);
}

/* On a real project: rows sum to each class's non-crowd GTs, columns to its
 * non-ignored predictions (§7). */
static void
test_sums_coco (void)
{
  Fixture f = { 0 };
  const PrecisConfusionResult *r;
  const PrecisAnnotations *gt, *dt;
  g_autofree guint *gt_count = NULL, *dt_count = NULL;
  guint K;

  fixture_load (&f, "real/coco2014-cocoapi100/gt.json", "real/coco2014-cocoapi100/predictions_bbox.json");
  r = precis_confusion_evaluate (f.confusion);
  K = r->n_classes;
  gt = precis_dataset_get_ground_truth_annotations (f.dataset);
  dt = precis_dataset_get_predictions (f.dataset, 0);
  gt_count = g_new0 (guint, K);
  dt_count = g_new0 (guint, K);
  for (guint g = 0; g < gt->n; g++)
    if (!gt->iscrowd[g])
      gt_count[gt->category[g]]++;
  for (guint d = 0; d < dt->n; d++)
    if (r->prediction_state[d] != PRECIS_CONFUSION_IGNORED)
      dt_count[dt->category[d]]++;
  for (guint c = 0; c < K; c++)
    {
      guint row = 0, col = 0;

      for (guint j = 0; j <= K; j++)
        {
          row += r->matrix[c * (K + 1) + j];
          col += r->matrix[j * (K + 1) + c];
        }
      g_assert_cmpuint (row, ==, gt_count[c]);
      g_assert_cmpuint (col, ==, dt_count[c]);
    }
  g_assert_cmpuint (r->matrix[K * (K + 1) + K], ==, 0);
  fixture_clear (&f);
}

/* Ranking by off-diagonal mass, by hand. K = 4 (A, B, C, D), then background:
 *            A  B  C  D  bg
 *   A        5  2  0  0  3
 *   B        1  4  0  0  0
 *   C        0  0  7  0  9
 *   D        0  0  3  1  0
 *   bg       8  0  0  0  0
 * Row plus column outside the diagonal, background left out: A = 2 + 1 = 3,
 * B = 1 + 2 = 3, C = 3, D = 3: a tie, index order A, B, C, D. With M[D][C] = 5:
 * C = D = 5, A = B = 3 → C, D, A, B. With D left out of the mask, D is not ranked
 * but C keeps the mass of D's row (the mask only picks what to rank): C, A, B.
 * Mass with the background alone (C's 9, bg → A's 8) counts for nothing. */
static void
test_rank_classes (void)
{
  guint matrix[25] = {
    5, 2, 0, 0, 3,
    1, 4, 0, 0, 0,
    0, 0, 7, 0, 9,
    0, 0, 3, 1, 0,
    8, 0, 0, 0, 0,
  };
  static const guint8 no_d[4] = { 1, 1, 1, 0 };
  guint order[4];

  g_assert_cmpuint (precis_confusion_rank_classes (matrix, 4, NULL, order), ==, 4);
  g_assert_cmpuint (order[0], ==, 0);
  g_assert_cmpuint (order[1], ==, 1);
  g_assert_cmpuint (order[2], ==, 2);
  g_assert_cmpuint (order[3], ==, 3);
  matrix[3 * 5 + 2] = 5;
  g_assert_cmpuint (precis_confusion_rank_classes (matrix, 4, NULL, order), ==, 4);
  g_assert_cmpuint (order[0], ==, 2);
  g_assert_cmpuint (order[1], ==, 3);
  g_assert_cmpuint (order[2], ==, 0);
  g_assert_cmpuint (order[3], ==, 1);
  g_assert_cmpuint (precis_confusion_rank_classes (matrix, 4, no_d, order), ==, 3);
  g_assert_cmpuint (order[0], ==, 2);
  g_assert_cmpuint (order[1], ==, 0);
  g_assert_cmpuint (order[2], ==, 1);
  /* Only background mass: nothing to show. */
  matrix[0 * 5 + 1] = matrix[1 * 5 + 0] = matrix[3 * 5 + 2] = 0;
  g_assert_cmpuint (precis_confusion_rank_classes (matrix, 4, NULL, order), ==, 0);
}

/* The classes a matrix view shows (hand case, K = 3, rows GT, columns
 * predictions, index 3 background): GT 0 predicted as 1 twice gives classes 0
 * and 1 a mass of 2 each (tie: index order); class 2's 4 missed GTs are in
 * the background column, which the ranking leaves out. */
static void
test_choose_classes (void)
{
  const guint matrix[16] = {
    3, 2, 0, 0,
    0, 1, 0, 0,
    0, 0, 5, 4,
    1, 0, 0, 0,
  };
  const guint zero[16] = { 0 };
  const guint8 mask[3] = { 0, 1, 1 };
  guint shown[4], n_selected, n_confused;
  g_autofree char *share = precis_confusion_format_cell (1, 3, TRUE);
  g_autofree char *empty = precis_confusion_format_cell (0, 0, TRUE);
  g_autofree char *count = precis_confusion_format_cell (7, 0, FALSE);

  g_assert_cmpuint (precis_confusion_choose_classes (matrix, 3, NULL, 12, shown, &n_selected, &n_confused), ==, 3);
  g_assert_cmpuint (shown[0], ==, 0);
  g_assert_cmpuint (shown[1], ==, 1);
  g_assert_cmpuint (shown[2], ==, 3);
  g_assert_cmpuint (n_selected, ==, 3);
  g_assert_cmpuint (n_confused, ==, 2);
  /* Top 1: the first of the ranking. */
  g_assert_cmpuint (precis_confusion_choose_classes (matrix, 3, NULL, 1, shown, NULL, NULL), ==, 2);
  g_assert_cmpuint (shown[0], ==, 0);
  g_assert_cmpuint (shown[1], ==, 3);
  /* Class 0 not selected: class 1 keeps the mass of its column. */
  g_assert_cmpuint (precis_confusion_choose_classes (matrix, 3, mask, 12, shown, &n_selected, &n_confused), ==, 2);
  g_assert_cmpuint (shown[0], ==, 1);
  g_assert_cmpuint (n_selected, ==, 2);
  g_assert_cmpuint (n_confused, ==, 1);
  /* Nothing confused: the first selected classes. */
  g_assert_cmpuint (precis_confusion_choose_classes (zero, 3, NULL, 2, shown, &n_selected, &n_confused), ==, 3);
  g_assert_cmpuint (shown[0], ==, 0);
  g_assert_cmpuint (shown[1], ==, 1);
  g_assert_cmpuint (shown[2], ==, 3);
  g_assert_cmpuint (n_confused, ==, 0);

  g_assert_cmpuint (precis_confusion_row_sum (matrix, 3, 2), ==, 9);
  g_assert_cmpuint (precis_confusion_row_sum (matrix, 3, 3), ==, 1);
  g_assert_cmpstr (share, ==, "0.33");
  g_assert_cmpstr (empty, ==, "0.00");
  g_assert_cmpstr (count, ==, "7");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/confusion/hand", test_hand);
  g_test_add_func ("/confusion/rank-classes", test_rank_classes);
  g_test_add_func ("/confusion/cells", test_cells);
  g_test_add_func ("/confusion/choose-classes", test_choose_classes);
  g_test_add_func ("/confusion/threshold-confidence", test_threshold_confidence);
  g_test_add_func ("/confusion/json-csv", test_json_csv);
  g_test_add_func ("/confusion/sums-coco2014", test_sums_coco);

  return g_test_run ();
}

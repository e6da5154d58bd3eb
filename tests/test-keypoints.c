/* test-keypoints.c: object keypoint similarity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "precis-keypoints.h"
#include "precis-test-json.h"

static void
test_sigmas (void)
{
  double s[17];
  const double file[3] = { 0.1, 0.2, 0.3 };

  /* 17 keypoints without file sigmas: COCO's, written as .26 / 10.0 etc. */
  precis_keypoint_sigmas (17, NULL, s);
  g_assert_cmpfloat (s[0], ==, .26 / 10.0);
  g_assert_cmpfloat (s[16], ==, .89 / 10.0);
  /* Another count: 0.05 each; the file's sigmas when given. */
  precis_keypoint_sigmas (3, NULL, s);
  g_assert_cmpfloat (s[0], ==, 0.05);
  g_assert_cmpfloat (s[2], ==, 0.05);
  precis_keypoint_sigmas (3, file, s);
  g_assert_cmpfloat (s[1], ==, 0.2);
  /* SEMANTICS.md §2: 17 keypoints always take COCO's sigmas (pycocotools ignores the file). */
  {
    double file17[17];

    for (guint k = 0; k < 17; k++)
      file17[k] = 0.5;
    precis_keypoint_sigmas (17, file17, s);
    g_assert_cmpfloat (s[5], ==, .79 / 10.0);
  }
}

static void
test_hand (void)
{
  const double sigma[2] = { 0.05, 0.05 };
  const double box[4] = { 10, 10, 10, 10 };
  double oks;

  /* Identical visible keypoints: e = 0 for each, OKS = mean(exp(0)) = 1. */
  {
    const double gt[6] = { 12, 14, 2, 18, 11, 1 };
    g_assert_cmpfloat (precis_oks (gt, gt, 100, box, sigma, 2), ==, 1.0);
  }

  /* One visible keypoint off by 1 px (the invisible one is ignored, wherever it is):
   * e = 1² / (2 · 0.05)² / (100 + 2⁻⁵²) / 2 = 1 / 0.01 / 100 / 2 = 0.5 → exp(−0.5). */
  {
    const double gt[6] = { 12, 14, 2, 0, 0, 0 };
    const double dt[6] = { 13, 14, 1, 500, 500, 1 };

    oks = precis_oks (dt, gt, 100, box, sigma, 2);
    g_assert_cmpfloat_with_epsilon (oks, exp (-0.5), 1e-15);
  }

  /* No visible GT keypoint: distance to the box enlarged by its size on each side,
   * x ∈ [10 − 10, 10 + 2 · 10] = [0, 30], y ∈ [0, 30]. A keypoint at (35, 10) is
   * 5 px right of it: e = 25 / 0.01 / 100 / 2 = 12.5; one at (15, 15) is inside: e = 0.
   * OKS = (exp(−12.5) + 1) / 2 (all keypoints count). */
  {
    const double gt[6] = { 0, 0, 0, 0, 0, 0 };
    const double dt[6] = { 35, 10, 1, 15, 15, 1 };

    oks = precis_oks (dt, gt, 100, box, sigma, 2);
    g_assert_cmpfloat_with_epsilon (oks, (exp (-12.5) + 1) / 2, 1e-15);
  }
}


/* tests/data/reference/coco2017-kpt139099.oks.json: pycocotools computeOks for the one
 * image of tests/data/real/coco2017-kpt139099, category 1 (17 keypoints, COCO sigmas). */
static void
check_block (JsonObject *block,
             JsonArray  *gt_ids,
             GHashTable *gt_by_id,
             JsonArray  *dts,
             gboolean    rows_are_indices,
             guint      *n_exact,
             guint      *n_cells,
             double     *max_diff)
{
  JsonArray *oks = json_object_get_array_member (block, "oks");
  JsonArray *rows = rows_are_indices ? json_object_get_array_member (block, "prediction_indices") : NULL;
  double sigmas[17];

  precis_keypoint_sigmas (17, NULL, sigmas);

  for (guint r = 0; r < json_array_get_length (oks); r++)
    {
      guint pi = rows ? json_array_get_int_element (rows, r) : r;
      JsonObject *d = json_array_get_object_element (dts, pi);
      JsonArray *dk = json_object_get_array_member (d, "keypoints");
      JsonArray *row = json_array_get_array_element (oks, r);
      double dkp[51];

      g_assert_cmpuint (json_array_get_length (dk), ==, 51);
      for (guint k = 0; k < 51; k++)
        dkp[k] = json_array_get_double_element (dk, k);

      for (guint c = 0; c < json_array_get_length (gt_ids); c++)
        {
          gint64 id = json_array_get_int_element (gt_ids, c);
          JsonObject *g = g_hash_table_lookup (gt_by_id, &id);
          JsonArray *gk = json_object_get_array_member (g, "keypoints");
          JsonArray *gb = json_object_get_array_member (g, "bbox");
          double gkp[51], box[4];
          double expect = json_array_get_double_element (row, c);
          double got;

          for (guint k = 0; k < 51; k++)
            gkp[k] = json_array_get_double_element (gk, k);
          for (guint k = 0; k < 4; k++)
            box[k] = json_array_get_double_element (gb, k);
          got = precis_oks (dkp, gkp, json_object_get_double_member (g, "area"), box, sigmas, 17);
          g_assert_cmpfloat_with_epsilon (got, expect, 1e-12);
          *max_diff = MAX (*max_diff, fabs (got - expect));
          *n_exact += got == expect;
          (*n_cells)++;
        }
    }
}

static void
test_reference (void)
{
  g_autoptr(JsonNode) gt_root = load_json ("data", "real", "coco2017-kpt139099", "gt.json");
  g_autoptr(JsonNode) dt_root = load_json ("data", "real", "coco2017-kpt139099", "predictions.json");
  g_autoptr(JsonNode) ref_root = load_json ("data", "reference", "coco2017-kpt139099.oks.json");
  JsonObject *ref = json_node_get_object (ref_root);
  JsonArray *anns = json_object_get_array_member (json_node_get_object (gt_root), "annotations");
  JsonArray *ref_sigmas = json_object_get_array_member (ref, "sigmas");
  g_autoptr(GHashTable) gt_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_exact = 0, n_cells = 0;
  double max_diff = 0;

  /* The sigmas are the very doubles pycocotools used. */
  for (guint k = 0; k < 17; k++)
    g_assert_cmpfloat (precis_coco_person_sigmas[k], ==, json_array_get_double_element (ref_sigmas, k));

  for (guint i = 0; i < json_array_get_length (anns); i++)
    {
      JsonObject *a = json_array_get_object_element (anns, i);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (a, "id");
      g_hash_table_insert (gt_by_id, id, a);
    }

  check_block (json_object_get_object_member (ref, "computeOks"),
               json_object_get_array_member (ref, "gt_ids"), gt_by_id,
               json_node_get_array (dt_root), TRUE, &n_exact, &n_cells, &max_diff);
  g_assert_cmpuint (n_cells, ==, 20 * 14);
  check_block (json_object_get_object_member (ref, "all_predictions"),
               json_object_get_array_member (ref, "gt_ids"), gt_by_id,
               json_node_get_array (dt_root), FALSE, &n_exact, &n_cells, &max_diff);
  g_assert_cmpuint (n_cells, ==, 20 * 14 + 128 * 14);
  g_test_message ("%u of %u OKS values bit-identical, largest difference %g", n_exact, n_cells, max_diff);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keypoints/sigmas", test_sigmas);
  g_test_add_func ("/keypoints/hand", test_hand);
  g_test_add_func ("/keypoints/reference/kpt139099", test_reference);

  return g_test_run ();
}

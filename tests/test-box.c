/* test-box.c: continuous box IoU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "precis-box.h"
#include "precis-test-json.h"

static void
test_hand (void)
{
  const struct {
    const char *what;
    double dt[4];
    double gt[4];
    gboolean crowd;
    double iou;
  } cases[] = {
    /* Disjoint: x ranges [0, 10] and [20, 30] → overlap width min(10, 30) − max(0, 20) = −10 → 0. */
    { "disjoint", { 0, 0, 10, 10 }, { 20, 0, 10, 10 }, FALSE, 0.0 },
    /* Touching along x = 10: overlap width 10 − 10 = 0 → 0 (no positive area). */
    { "touching", { 0, 0, 10, 10 }, { 10, 0, 10, 10 }, FALSE, 0.0 },
    /* Touching at one corner (10, 10). */
    { "corner", { 0, 0, 10, 10 }, { 10, 10, 5, 5 }, FALSE, 0.0 },
    /* Contained: [2, 2, 4, 4] inside [0, 0, 10, 10]: 16 / (16 + 100 − 16) = 0.16. */
    { "contained", { 2, 2, 4, 4 }, { 0, 0, 10, 10 }, FALSE, 16.0 / 100.0 },
    /* The same against a crowd GT: 16 / area(dt) = 16 / 16 = 1. */
    { "contained-crowd", { 2, 2, 4, 4 }, { 0, 0, 10, 10 }, TRUE, 1.0 },
    /* Crowd the other way round: dt [0, 0, 10, 10] over crowd [2, 2, 4, 4]: 16 / 100. */
    { "crowd-small-gt", { 0, 0, 10, 10 }, { 2, 2, 4, 4 }, TRUE, 16.0 / 100.0 },
    /* Identical boxes: 1. */
    { "identical", { 1.5, 2.5, 3, 4 }, { 1.5, 2.5, 3, 4 }, FALSE, 1.0 },
    /* Zero width: the overlap width is 0 → 0 (no division by zero). */
    { "zero-width", { 5, 5, 0, 4 }, { 0, 0, 10, 10 }, FALSE, 0.0 },
    { "zero-area-both", { 5, 5, 0, 0 }, { 5, 5, 0, 0 }, FALSE, 0.0 },
    /* SEMANTICS.md §3 worked example: P2 = [1, 0, 9, 10] (x1 1 … x2 10) against
     * G2 = [2, 0, 10, 10]: overlap 8 × 10 = 80, union 90 + 100 − 80 = 110 → 8/11. */
    { "semantics-p2-g2", { 1, 0, 9, 10 }, { 2, 0, 10, 10 }, FALSE, 80.0 / 110.0 },
    /* P3 = [9, 0, 10, 10] against G2: overlap 3 × 10 = 30, union 170 → 3/17. */
    { "semantics-p3-g2", { 9, 0, 10, 10 }, { 2, 0, 10, 10 }, FALSE, 30.0 / 170.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double iou = precis_box_iou (cases[i].dt, cases[i].gt, cases[i].crowd);

      g_test_message ("%s", cases[i].what);
      g_assert_cmpfloat (iou, ==, cases[i].iou);
    }

  /* The pre-check uses closed intervals: touching boxes may overlap (and then get 0). */
  {
    const double a[4] = { 0, 0, 10, 10 }, b[4] = { 10, 0, 10, 10 }, c[4] = { 10.5, 0, 1, 1 };

    g_assert_true (precis_box_may_overlap (a, b));
    g_assert_false (precis_box_may_overlap (a, c));
  }
}

/* tests/data/reference/coco2014-cocoapi100.bbox-iou.json: pycocotools mask.iou of every
 * prediction × GT pair of 10 images (rows: results-file order, columns: GT-file order,
 * crowd rule applied per GT column). Compared for exact equality. */
static void
test_reference_matrix (void)
{
  g_autoptr(JsonNode) gt_root = load_json ("data", "real", "coco2014-cocoapi100", "gt.json");
  g_autoptr(JsonNode) dt_root = load_json ("data", "real", "coco2014-cocoapi100", "predictions_bbox.json");
  g_autoptr(JsonNode) ref_root = load_json ("data", "reference", "coco2014-cocoapi100.bbox-iou.json");
  JsonArray *anns = json_object_get_array_member (json_node_get_object (gt_root), "annotations");
  JsonArray *dts = json_node_get_array (dt_root);
  JsonArray *images = json_object_get_array_member (json_node_get_object (ref_root), "images");
  g_autoptr(GHashTable) gt_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_cells = 0, n_nonzero = 0;

  for (guint i = 0; i < json_array_get_length (anns); i++)
    {
      JsonObject *a = json_array_get_object_element (anns, i);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (a, "id");
      g_hash_table_insert (gt_by_id, id, a);
    }

  g_assert_cmpuint (json_array_get_length (images), ==, 10);
  for (guint im = 0; im < json_array_get_length (images); im++)
    {
      JsonObject *img = json_array_get_object_element (images, im);
      JsonArray *gt_ids = json_object_get_array_member (img, "gt_ids");
      JsonArray *crowd = json_object_get_array_member (img, "gt_iscrowd");
      JsonArray *rows = json_object_get_array_member (img, "prediction_indices");
      JsonArray *iou = json_object_get_array_member (img, "iou");

      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonObject *d = json_array_get_object_element (dts, json_array_get_int_element (rows, r));
          JsonArray *db = json_object_get_array_member (d, "bbox");
          JsonArray *row = json_array_get_array_element (iou, r);
          double dbox[4];

          for (guint k = 0; k < 4; k++)
            dbox[k] = json_array_get_double_element (db, k);
          for (guint c = 0; c < json_array_get_length (gt_ids); c++)
            {
              gint64 id = json_array_get_int_element (gt_ids, c);
              JsonObject *g = g_hash_table_lookup (gt_by_id, &id);
              JsonArray *gb = json_object_get_array_member (g, "bbox");
              double gbox[4];
              double expect = json_array_get_double_element (row, c);

              for (guint k = 0; k < 4; k++)
                gbox[k] = json_array_get_double_element (gb, k);
              g_assert_cmpfloat (precis_box_iou (dbox, gbox, json_array_get_int_element (crowd, c)), ==, expect);
              n_cells++;
              n_nonzero += expect > 0;
            }
        }
    }
  g_test_message ("%u cells, %u non-zero, all identical", n_cells, n_nonzero);
  g_assert_cmpuint (n_nonzero, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/box/hand", test_hand);
  g_test_add_func ("/box/reference/coco2014-bbox-iou", test_reference_matrix);

  return g_test_run ();
}

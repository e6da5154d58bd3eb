/* test-iou.c: PrecisShapes and the IoU / OKS matrix through the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "precis.h"
#include "precis-test-json.h"

static PrecisDataset *
load_dataset (const char *dir,
              const char *gt_name,
              const char *pred_name)
{
  g_autoptr(GFile) gt = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "real", dir, gt_name, NULL));
  g_autoptr(GFile) pred = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "real", dir, pred_name, NULL));
  g_autoptr(GError) error = NULL;
  PrecisDataset *ds;

  ds = precis_dataset_load_files (gt, &pred, NULL, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static guint32
find_by_id (const PrecisAnnotations *anns,
            gint64                   id)
{
  for (guint i = 0; i < anns->n; i++)
    if (anns->id[i] == id)
      return i;
  g_assert_not_reached ();
  return PRECIS_NO_INDEX;
}

static guint32
find_by_file_index (const PrecisAnnotations *anns,
                     guint32                  fi)
{
  for (guint i = 0; i < anns->n; i++)
    if (anns->file_index[i] == fi)
      return i;
  g_assert_not_reached ();
  return PRECIS_NO_INDEX;
}

/* Checks one reference matrix file: every image's full prediction × GT matrix. */
static void
check_matrix_file (PrecisDataset *ds,
                   PrecisIouType  type,
                   const char    *ref_name)
{
  g_autoptr(JsonNode) ref_root = load_json ("data", "reference", ref_name);
  JsonArray *images = json_object_get_array_member (json_node_get_object (ref_root), "images");
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (ds);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (ds, 0);
  g_autoptr(PrecisShapes) gt_shapes = NULL;
  g_autoptr(PrecisShapes) dt_shapes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_cells = 0, n_nonzero = 0;

  gt_shapes = precis_shapes_new (ds, gt, type, 0, NULL, &error);
  g_assert_no_error (error);
  dt_shapes = precis_shapes_new (ds, dt, type, 0, NULL, &error);
  g_assert_no_error (error);

  for (guint im = 0; im < json_array_get_length (images); im++)
    {
      JsonObject *img = json_array_get_object_element (images, im);
      JsonArray *gt_ids = json_object_get_array_member (img, "gt_ids");
      JsonArray *rows = json_object_get_array_member (img, "prediction_indices");
      JsonArray *iou = json_object_get_array_member (img, "iou");
      guint n_gt = json_array_get_length (gt_ids), n_dt = json_array_get_length (rows);
      g_autofree guint32 *gt_idx = g_new (guint32, n_gt);
      g_autofree guint32 *dt_idx = g_new (guint32, n_dt);
      g_autofree double *out = g_new (double, (gsize) n_gt * n_dt);

      for (guint c = 0; c < n_gt; c++)
        gt_idx[c] = find_by_id (gt, json_array_get_int_element (gt_ids, c));
      for (guint r = 0; r < n_dt; r++)
        dt_idx[r] = find_by_file_index (dt, json_array_get_int_element (rows, r));

      precis_iou_matrix (ds, type, dt, dt_shapes, dt_idx, n_dt, gt, gt_shapes, gt_idx, n_gt, out);

      for (guint r = 0; r < n_dt; r++)
        for (guint c = 0; c < n_gt; c++)
          {
            double expect = json_array_get_double_element (json_array_get_array_element (iou, r), c);

            g_assert_cmpfloat (out[r * n_gt + c], ==, expect);
            n_cells++;
            n_nonzero += expect != 0;
          }
    }
  g_test_message ("%s: %u cells (%u non-zero), all identical", ref_name, n_cells, n_nonzero);
  g_assert_cmpuint (n_nonzero, >, 0);
}

static void
test_bbox (void)
{
  g_autoptr(PrecisDataset) ds = load_dataset ("coco2014-cocoapi100", "gt.json", "predictions_bbox.json");

  check_matrix_file (ds, PRECIS_IOU_BBOX, "coco2014-cocoapi100.bbox-iou.json");
}

static void
test_segm (void)
{
  g_autoptr(PrecisDataset) ds = load_dataset ("coco2014-cocoapi100", "gt.json", "predictions_segm.json");

  check_matrix_file (ds, PRECIS_IOU_SEGM, "coco2014-cocoapi100.segm-iou.json");
}

/* GT masks built by PrecisShapes (in parallel) are the reference strings too. */
static void
test_segm_shapes_gt (void)
{
  g_autoptr(PrecisDataset) ds = load_dataset ("coco2014-cocoapi100", "gt.json", "predictions_segm.json");
  g_autoptr(JsonNode) ref_root = load_json ("data", "reference", "coco2014-cocoapi100.gt-rle.json");
  JsonArray *ref = json_object_get_array_member (json_node_get_object (ref_root), "annotations");
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (ds);
  g_autoptr(PrecisShapes) shapes = NULL;
  g_autoptr(GError) error = NULL;

  shapes = precis_shapes_new (ds, gt, PRECIS_IOU_SEGM, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gt->n, ==, json_array_get_length (ref));
  g_assert_cmpuint (precis_shapes_get_size (shapes), >, 0);

  for (guint k = 0; k < json_array_get_length (ref); k++)
    {
      JsonObject *exp = json_array_get_object_element (ref, k);
      const PrecisRle *rle = precis_shapes_get_rle (shapes, find_by_id (gt, json_object_get_int_member (exp, "id")));
      g_autofree char *s = precis_rle_to_string (rle);

      g_assert_cmpstr (s, ==, json_object_get_string_member (exp, "counts"));
    }

  /* Nothing is prepared for boxes. */
  {
    g_autoptr(PrecisShapes) none = precis_shapes_new (ds, gt, PRECIS_IOU_BBOX, 0, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (precis_shapes_get_rle (none, 0));
  }
}

static void
test_cancel (void)
{
  g_autoptr(PrecisDataset) ds = load_dataset ("coco2014-cocoapi100", "gt.json", "predictions_segm.json");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  PrecisShapes *shapes;

  g_cancellable_cancel (cancellable);
  shapes = precis_shapes_new (ds, precis_dataset_get_ground_truth_annotations (ds),
                              PRECIS_IOU_SEGM, 0, cancellable, &error);
  g_assert_null (shapes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* tests/data/reference/coco2017-kpt139099.oks.json `all_predictions`: 128 × 14. */
static void
test_oks (void)
{
  g_autoptr(PrecisDataset) ds = load_dataset ("coco2017-kpt139099", "gt.json", "predictions.json");
  g_autoptr(JsonNode) ref_root = load_json ("data", "reference", "coco2017-kpt139099.oks.json");
  JsonObject *ref = json_node_get_object (ref_root);
  JsonArray *gt_ids = json_object_get_array_member (ref, "gt_ids");
  JsonArray *oks = json_object_get_array_member (json_object_get_object_member (ref, "all_predictions"), "oks");
  JsonObject *cut = json_object_get_object_member (ref, "computeOks");
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (ds);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (ds, 0);
  guint n_gt = json_array_get_length (gt_ids), n_dt = json_array_get_length (oks);
  g_autofree guint32 *gt_idx = g_new (guint32, n_gt);
  g_autofree guint32 *dt_idx = g_new (guint32, n_dt);
  g_autofree double *out = g_new (double, (gsize) n_gt * n_dt);
  guint n_exact = 0;

  g_assert_cmpuint (n_dt, ==, 128);
  for (guint c = 0; c < n_gt; c++)
    gt_idx[c] = find_by_id (gt, json_array_get_int_element (gt_ids, c));
  for (guint r = 0; r < n_dt; r++)
    dt_idx[r] = find_by_file_index (dt, r);

  precis_iou_matrix (ds, PRECIS_IOU_KEYPOINTS, dt, NULL, dt_idx, n_dt, gt, NULL, gt_idx, n_gt, out);
  for (guint r = 0; r < n_dt; r++)
    for (guint c = 0; c < n_gt; c++)
      {
        double expect = json_array_get_double_element (json_array_get_array_element (oks, r), c);

        g_assert_cmpfloat_with_epsilon (out[r * n_gt + c], expect, 1e-12);
        n_exact += out[r * n_gt + c] == expect;
      }
  g_test_message ("OKS: %u of %u identical", n_exact, n_gt * n_dt);

  /* computeOks's own rows (top 20 by score): the same values. */
  {
    JsonArray *rows = json_object_get_array_member (cut, "prediction_indices");
    JsonArray *cut_oks = json_object_get_array_member (cut, "oks");

    for (guint r = 0; r < json_array_get_length (rows); r++)
      for (guint c = 0; c < n_gt; c++)
        g_assert_cmpfloat_with_epsilon (out[json_array_get_int_element (rows, r) * n_gt + c],
                                        json_array_get_double_element (json_array_get_array_element (cut_oks, r), c),
                                        1e-12);
  }
}

/* tests/data/geometry/shapes-*.json (written for this test), image 40 × 30:
 * the default band width is max(2, 30 · 50 / 1742.9) = 2 (r = 1).
 * GT polyline y = 10.3 from x = 5.5 to 30.5: rows whose centre is within 1 of 10.3
 * are 9 (dy 0.8) and 10 (dy 0.2). Row 10 reaches √(1 − 0.04) = 0.98 beyond the
 * ends: centres x + .5 ∈ [4.52, 31.48], i.e. 5.5 … 30.5 → x = 5 … 30 (26); row 9
 * reaches 0.6: [4.9, 31.1] → x = 5 … 30 (26). Area 52.
 * Predicted polyline y = 11.1: rows 10 (dy 0.6, reach 0.8: x = 5 … 30, 26) and 11
 * (dy 0.4, reach 0.917: x = 5 … 30, 26). Area 52.
 * Shared: row 10, x = 5 … 30 = 26. IoU = 26 / (52 + 52 − 26) = 26 / 78.
 * GT square polygon (2, 2)–(6, 6): columns 2 … 5, rows 2 … 5 → 16 px. Box-only
 * predictions become box polygons: [2, 2, 4, 4] is the same mask (IoU 1);
 * [4, 2, 4, 4] covers columns 4 … 7: 8 shared, union 24 → 1/3. */
static void
test_polyline_and_box_polygons (void)
{
  g_autoptr(GFile) gt = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "geometry", "shapes-gt.json", NULL));
  GFile *preds[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  g_autoptr(PrecisShapes) gt_lines = NULL, dt_lines = NULL, gt_lines_w = NULL, dt_lines_w = NULL;
  g_autoptr(PrecisShapes) gt_segm = NULL, dt_segm = NULL;
  const PrecisAnnotations *g, *dl, *db;
  guint32 g_line, g_square, d_line, d_box[2];
  double out[2];

  preds[0] = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "geometry", "shapes-pred-polyline.json", NULL));
  preds[1] = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "geometry", "shapes-pred-box.json", NULL));
  ds = precis_dataset_load_files (gt, preds, NULL, 2, NULL, NULL, NULL, NULL, &error);
  g_object_unref (preds[0]);
  g_object_unref (preds[1]);
  g_assert_no_error (error);

  g = precis_dataset_get_ground_truth_annotations (ds);
  dl = precis_dataset_get_predictions (ds, 0);
  db = precis_dataset_get_predictions (ds, 1);
  g_line = find_by_id (g, 1);
  g_square = find_by_id (g, 2);
  d_line = find_by_file_index (dl, 0);
  d_box[0] = find_by_file_index (db, 0);
  d_box[1] = find_by_file_index (db, 1);

  gt_lines = precis_shapes_new (ds, g, PRECIS_IOU_POLYLINE, 0, NULL, &error);
  g_assert_no_error (error);
  dt_lines = precis_shapes_new (ds, dl, PRECIS_IOU_POLYLINE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (precis_rle_area (precis_shapes_get_rle (gt_lines, g_line)), ==, 52);
  g_assert_cmpuint (precis_rle_area (precis_shapes_get_rle (dt_lines, d_line)), ==, 52);
  /* The loader's area for a polyline prediction is the same band count. */
  g_assert_cmpfloat (dl->area[d_line], ==, 52);
  precis_iou_matrix (ds, PRECIS_IOU_POLYLINE, dl, dt_lines, &d_line, 1, g, gt_lines, &g_line, 1, out);
  g_assert_cmpfloat (out[0], ==, 26.0 / 78.0);

  /* The width setting: w = 0.5 (r = 0.25). The GT keeps row 10 (dy 0.2) and keeps
   * its columns (reach √(0.0625 − 0.04) = 0.15: centres in [5.35, 30.65]
   * → x = 5 … 30 still, 26 px); the prediction's nearest centres are 0.4 and 0.6
   * away, so its band is empty: IoU 0. */
  gt_lines_w = precis_shapes_new (ds, g, PRECIS_IOU_POLYLINE, 0.5, NULL, &error);
  g_assert_no_error (error);
  dt_lines_w = precis_shapes_new (ds, dl, PRECIS_IOU_POLYLINE, 0.5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (precis_rle_area (precis_shapes_get_rle (gt_lines_w, g_line)), ==, 26);
  g_assert_cmpuint (precis_rle_area (precis_shapes_get_rle (dt_lines_w, d_line)), ==, 0);
  precis_iou_matrix (ds, PRECIS_IOU_POLYLINE, dl, dt_lines_w, &d_line, 1, g, gt_lines_w, &g_line, 1, out);
  g_assert_cmpfloat (out[0], ==, 0.0);

  gt_segm = precis_shapes_new (ds, g, PRECIS_IOU_SEGM, 0, NULL, &error);
  g_assert_no_error (error);
  dt_segm = precis_shapes_new (ds, db, PRECIS_IOU_SEGM, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (precis_rle_area (precis_shapes_get_rle (gt_segm, g_square)), ==, 16);
  precis_iou_matrix (ds, PRECIS_IOU_SEGM, db, dt_segm, d_box, 2, g, gt_segm, &g_square, 1, out);
  g_assert_cmpfloat (out[0], ==, 1.0);
  g_assert_cmpfloat (out[1], ==, 1.0 / 3.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iou/matrix/bbox", test_bbox);
  g_test_add_func ("/iou/matrix/segm", test_segm);
  g_test_add_func ("/iou/matrix/oks", test_oks);
  g_test_add_func ("/iou/shapes/segm-gt", test_segm_shapes_gt);
  g_test_add_func ("/iou/shapes/cancel", test_cancel);
  g_test_add_func ("/iou/shapes/polyline-and-box-polygons", test_polyline_and_box_polygons);

  return g_test_run ();
}

/* test-iou.c: PrecisShapes and the IoU / OKS matrix through the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "precis.h"

static JsonNode *
load_json_path (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

#define load_json(...) load_json_path (g_test_get_filename (G_TEST_DIST, __VA_ARGS__, NULL))

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

  return g_test_run ();
}

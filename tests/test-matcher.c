/* test-matcher.c: the threshold-independent precompute (SEMANTICS.md §3 steps 1–4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "precis-matcher.h"
#include "precis-test-files.h"

static PrecisDataset *
load (const char *dataset,
      const char *pred_file)
{
  const char *gt = g_test_get_filename (G_TEST_DIST, "data", "real", dataset, "gt.json", NULL);
  const char *pred = g_test_get_filename (G_TEST_DIST, "data", "real", dataset, pred_file, NULL);
  g_autoptr(GFile) gt_file = g_file_new_for_path (gt);
  g_autoptr(GFile) pred_gfile = g_file_new_for_path (pred);
  g_autoptr(GError) error = NULL;
  GFile *preds[1] = { pred_gfile };
  PrecisDataset *ds;

  ds = precis_dataset_load_files (gt_file, preds, NULL, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

static PrecisMatcher *
match (PrecisDataset *ds,
       PrecisIouType  type)
{
  g_autoptr(GError) error = NULL;
  PrecisMatcher *m = precis_matcher_new (ds, 0, type, 0, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return m;
}

static guint32
gt_index_of_id (const PrecisAnnotations *gt,
                gint64                   id)
{
  for (guint j = 0; j < gt->n; j++)
    if (gt->id[j] == id)
      return j;
  return PRECIS_NO_INDEX;
}

static guint32
pred_index_of_file (const PrecisAnnotations *dt,
                    guint32                  file_index)
{
  for (guint i = 0; i < dt->n; i++)
    if (dt->file_index[i] == file_index)
      return i;
  return PRECIS_NO_INDEX;
}

/* Value of table cell (prediction i, GT j), which must share a table. */
static double
table_value (PrecisMatcher *m,
             guint32        i,
             guint32        j)
{
  PrecisDataset *ds = precis_matcher_get_dataset (m);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (ds, 0);
  guint32 t = precis_matcher_find_table (m, dt->image[i], dt->category[i]);
  const PrecisIouTable *table;

  g_assert_cmpuint (t, !=, PRECIS_NO_INDEX);
  table = precis_matcher_get_table (m, t);
  g_assert_cmpuint (i, >=, table->dt_start);
  g_assert_cmpuint (i, <, table->dt_start + table->n_dt);
  g_assert_cmpuint (j, >=, table->gt_start);
  g_assert_cmpuint (j, <, table->gt_start + table->n_gt);
  return table->iou[(i - table->dt_start) * table->n_gt + (j - table->gt_start)];
}

/* Every same-category cell of the pycocotools IoU matrices in
 * tests/data/reference/coco2014-cocoapi100.{bbox,segm}-iou.json equals the
 * matcher's table cell exactly. */
static void
check_iou_reference (const char    *pred_file,
                     const char    *ref_file,
                     PrecisIouType  type)
{
  const char *ref = g_test_get_filename (G_TEST_DIST, "data", "reference", ref_file, NULL);
  g_autoptr(PrecisDataset) ds = load ("coco2014-cocoapi100", pred_file);
  g_autoptr(PrecisMatcher) m = match (ds, type);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (ds);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (ds, 0);
  JsonArray *images;
  guint n_cells = 0;

  json_parser_load_from_file (parser, ref, &error);
  g_assert_no_error (error);
  images = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "images");
  g_assert_cmpuint (json_array_get_length (images), ==, 10);

  for (guint k = 0; k < json_array_get_length (images); k++)
    {
      JsonObject *im = json_array_get_object_element (images, k);
      JsonArray *gt_ids = json_object_get_array_member (im, "gt_ids");
      JsonArray *gt_cats = json_object_get_array_member (im, "gt_category_ids");
      JsonArray *rows = json_object_get_array_member (im, "prediction_indices");
      JsonArray *row_cats = json_object_get_array_member (im, "prediction_category_ids");
      JsonArray *iou = json_object_get_array_member (im, "iou");

      for (guint r = 0; r < json_array_get_length (rows); r++)
        for (guint c = 0; c < json_array_get_length (gt_ids); c++)
          {
            guint32 i, j;
            double expected;

            if (json_array_get_int_element (row_cats, r) != json_array_get_int_element (gt_cats, c))
              continue;
            i = pred_index_of_file (dt, json_array_get_int_element (rows, r));
            j = gt_index_of_id (gt, json_array_get_int_element (gt_ids, c));
            g_assert_cmpuint (i, !=, PRECIS_NO_INDEX);
            g_assert_cmpuint (j, !=, PRECIS_NO_INDEX);
            expected = json_array_get_double_element (json_array_get_array_element (iou, r), c);
            g_assert_cmpfloat (table_value (m, i, j), ==, expected);
            n_cells++;
          }
    }
  g_assert_cmpuint (n_cells, >, 0);
}

static void
test_tables_bbox (void)
{
  check_iou_reference ("predictions_bbox.json", "coco2014-cocoapi100.bbox-iou.json", PRECIS_IOU_BBOX);
}

static void
test_tables_segm (void)
{
  check_iou_reference ("predictions_segm.json", "coco2014-cocoapi100.segm-iou.json", PRECIS_IOU_SEGM);
}

/* Keypoints: the OKS table equals pycocotools computeOks (all_predictions
 * block of tests/data/reference/coco2017-kpt139099.oks.json), and GTs with
 * num_keypoints 0 count as crowd (§3 step 4): never candidates, and each
 * prediction's crowd value is its largest OKS with one of them. */
static void
test_keypoints_crowd (void)
{
  const char *ref = g_test_get_filename (G_TEST_DIST, "data", "reference", "coco2017-kpt139099.oks.json", NULL);
  g_autoptr(PrecisDataset) ds = load ("coco2017-kpt139099", "predictions.json");
  g_autoptr(PrecisMatcher) m = match (ds, PRECIS_IOU_KEYPOINTS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (ds);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (ds, 0);
  const PrecisMatches *mm = precis_matcher_get_matches (m);
  JsonObject *root;
  JsonArray *ids, *nkp, *crowd, *oks;
  guint n_crowd_like = 0;

  json_parser_load_from_file (parser, ref, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  ids = json_object_get_array_member (root, "gt_ids");
  nkp = json_object_get_array_member (root, "gt_num_keypoints");
  crowd = json_object_get_array_member (root, "gt_iscrowd");
  oks = json_object_get_array_member (json_object_get_object_member (root, "all_predictions"), "oks");
  g_assert_cmpuint (json_array_get_length (oks), ==, dt->n);

  for (guint r = 0; r < dt->n; r++)
    {
      guint32 i = pred_index_of_file (dt, r);
      JsonArray *row = json_array_get_array_element (oks, r);
      double best = 0, best_crowd = 0;
      guint32 best_j = PRECIS_NO_INDEX;

      for (guint c = 0; c < json_array_get_length (ids); c++)
        {
          guint32 j = gt_index_of_id (gt, json_array_get_int_element (ids, c));
          double v = json_array_get_double_element (row, c);
          gboolean crowd_like = json_array_get_int_element (crowd, c) != 0 ||
                                json_array_get_int_element (nkp, c) == 0;

          g_assert_cmpfloat (table_value (m, i, j), ==, v);
          g_assert_cmpint (mm->gt_crowd[j], ==, crowd_like);
          /* The expected candidate and crowd value, recomputed from the
           * reference row with the rules of §3 (columns in GT file order). */
          if (crowd_like)
            best_crowd = MAX (best_crowd, v);
          else if (v > best)
            {
              best = v;
              best_j = j;
            }
        }
      g_assert_cmpuint (mm->candidate[i], ==, best_j);
      g_assert_cmpfloat (mm->iou[i], ==, best);
      g_assert_cmpfloat (mm->crowd[i], ==, best_crowd);
    }

  for (guint c = 0; c < json_array_get_length (ids); c++)
    if (json_array_get_int_element (crowd, c) != 0 || json_array_get_int_element (nkp, c) == 0)
      {
        guint32 j = gt_index_of_id (gt, json_array_get_int_element (ids, c));

        g_assert_cmpfloat (mm->tau[j], ==, -1.0);
        n_crowd_like++;
      }
  /* The reference's gt_num_keypoints has three zeros (columns 10, 11, 13);
   * column 13 is also the one iscrowd GT. */
  g_assert_cmpuint (n_crowd_like, ==, 3);
}

/* Invariants on every real dataset: tables sorted and findable, the d chain,
 * τ, and the ranking orders (score descending, image id, file order). */
static void
check_invariants (PrecisMatcher *m)
{
  PrecisDataset *ds = precis_matcher_get_dataset (m);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (ds, precis_matcher_get_model (m));
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (ds);
  const PrecisMatches *mm = precis_matcher_get_matches (m);
  g_autofree guint8 *seen = g_new0 (guint8, MAX (dt->n, 1));

  for (guint t = 0; t < precis_matcher_get_n_tables (m); t++)
    {
      const PrecisIouTable *a = precis_matcher_get_table (m, t);

      g_assert_cmpuint (precis_matcher_find_table (m, a->image, a->category), ==, t);
      if (t > 0)
        {
          const PrecisIouTable *b = precis_matcher_get_table (m, t - 1);
          g_assert_true (b->image < a->image || (b->image == a->image && b->category < a->category));
        }
    }

  for (guint i = 0; i < dt->n; i++)
    {
      guint32 g = mm->candidate[i];

      if (g == PRECIS_NO_INDEX)
        {
          g_assert_cmpfloat (mm->iou[i], ==, 0);
          g_assert_cmpfloat (mm->d[i], ==, 1);
          continue;
        }
      g_assert_false (mm->gt_crowd[g]);
      g_assert_cmpuint (gt->image[g], ==, dt->image[i]);
      g_assert_cmpuint (gt->category[g], ==, dt->category[i]);
      g_assert_cmpfloat (mm->iou[i], >, 0);
      g_assert_cmpfloat (mm->iou[i], ==, table_value (m, i, g));
      g_assert_cmpfloat (mm->iou[i], <=, mm->tau[g]);
    }

  for (guint j = 0; j < gt->n; j++)
    {
      guint32 a = mm->chain_start[j], b = mm->chain_start[j + 1];

      if (a == b)
        continue;
      /* The chain: iou non-increasing, score strictly increasing; each
       * member's d is the next one's iou, the last one's −1; τ = first iou. */
      g_assert_cmpfloat (mm->tau[j], ==, mm->iou[mm->chain[a]]);
      for (guint32 k = a; k < b; k++)
        {
          guint32 p = mm->chain[k];

          g_assert_cmpuint (mm->candidate[p], ==, j);
          if (k + 1 < b)
            {
              guint32 q = mm->chain[k + 1];

              g_assert_cmpfloat (mm->iou[q], <=, mm->iou[p]);
              g_assert_cmpfloat (dt->score[q], >, dt->score[p]);
              g_assert_cmpfloat (mm->d[p], ==, mm->iou[q]);
            }
          else
            g_assert_cmpfloat (mm->d[p], ==, -1);
        }
    }

  for (guint32 c = 0; c < mm->n_categories; c++)
    for (guint k = mm->class_start[c]; k < mm->class_start[c + 1]; k++)
      {
        guint32 p = mm->class_order[k];

        g_assert_cmpuint (dt->category[p], ==, c);
        g_assert_false (seen[p]);
        seen[p] = 1;
        if (k > mm->class_start[c])
          {
            guint32 q = mm->class_order[k - 1];
            gint64 iq = precis_dataset_get_image (ds, dt->image[q])->id;
            gint64 ip = precis_dataset_get_image (ds, dt->image[p])->id;

            g_assert_true (dt->score[q] > dt->score[p] ||
                           (dt->score[q] == dt->score[p] &&
                            (iq < ip || (iq == ip && dt->file_index[q] < dt->file_index[p]))));
          }
      }
  g_assert_cmpuint (mm->class_start[mm->n_categories], ==, dt->n);
  for (guint k = 1; k < dt->n; k++)
    {
      guint32 q = mm->score_order[k - 1], p = mm->score_order[k];
      gint64 iq = precis_dataset_get_image (ds, dt->image[q])->id;
      gint64 ip = precis_dataset_get_image (ds, dt->image[p])->id;

      g_assert_true (dt->score[q] > dt->score[p] ||
                     (dt->score[q] == dt->score[p] &&
                      (iq < ip || (iq == ip && dt->file_index[q] < dt->file_index[p]))));
    }
  g_assert_cmpuint (precis_matcher_get_size (m), >, 0);
}

static void
test_invariants_real (void)
{
  const char *real = g_test_get_filename (G_TEST_DIST, "data", "real", NULL);
  g_autoptr(GDir) dir = g_dir_open (real, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (real, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(PrecisDataset) ds = precis_dataset_load_project (file, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      for (guint model = 0; model < precis_dataset_get_n_models (ds); model++)
        for (guint type = 0; type < PRECIS_N_IOU_TYPES; type++)
          {
            g_autoptr(PrecisMatcher) m = NULL;

            if (!precis_dataset_supports (ds, model, type))
              continue;
            m = precis_matcher_new (ds, model, type, 0, NULL, NULL, NULL, &error);
            g_assert_no_error (error);
            check_invariants (m);
          }
    }
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(PrecisDataset) ds = load ("coco2014-cocoapi100", "predictions_bbox.json");
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PrecisMatcher) m = NULL;
  g_autoptr(PrecisMatcher) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  m = precis_matcher_new (ds, 0, PRECIS_IOU_BBOX, 0, NULL, record_progress, values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, >=, 2);
  for (guint k = 1; k < values->len; k++)
    g_assert_cmpfloat (g_array_index (values, double, k), >=, g_array_index (values, double, k - 1));
  g_assert_cmpfloat (g_array_index (values, double, values->len - 1), ==, 1.0);

  g_cancellable_cancel (cancellable);
  cancelled = precis_matcher_new (ds, 0, PRECIS_IOU_BBOX, 0, cancellable, NULL, NULL, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/matcher/tables/bbox", test_tables_bbox);
  g_test_add_func ("/matcher/tables/segm", test_tables_segm);
  g_test_add_func ("/matcher/keypoints/crowd", test_keypoints_crowd);
  g_test_add_func ("/matcher/invariants/real", test_invariants_real);
  g_test_add_func ("/matcher/progress-and-cancel", test_progress_and_cancel);

  return g_test_run ();
}

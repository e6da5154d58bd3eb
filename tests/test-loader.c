/* test-loader.c: COCO ground-truth, results and project loaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "precis-dataset.h"
#include "precis-matcher.h"
#include "precis-test-files.h"

static GFile *
data_file (const char *first,
           ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *rel = NULL;
  va_list args;

  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  for (const char *p = va_arg (args, const char *); p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  rel = g_build_filenamev ((char **) parts->pdata);
  return g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", rel, NULL));
}

static PrecisDataset *
load_folder (const char *dataset)
{
  g_autoptr(GFile) folder = data_file ("real", dataset, NULL);
  g_autoptr(GError) error = NULL;
  PrecisDataset *ds = precis_dataset_load_project (folder, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static JsonNode *
read_json (GFile *file)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, g_file_peek_path (file), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The table of ../shared/data/real/README.md (copied as tests/data/real/):
 * images in GT, GT annotations, crowd GT, predictions per model (file name order). */
static const struct {
  const char *folder;
  guint n_images;
  guint n_gt;
  guint n_crowd;
  guint n_models;
  guint n_pred[2];
} real_table[] = {
  { "cartucho-map",        85, 686, 0, 1, { 494, 0 } },
  { "voc2012-rodm",       100, 273, 0, 1, { 452, 0 } },
  { "coco2014-cocoapi100", 100, 839, 9, 2, { 734, 734 } },
  { "coco2017-mmpose4",     4,  14, 0, 1, { 118, 0 } },
  { "coco2017-kpt139099",   1,  14, 1, 1, { 128, 0 } },
};

static void
test_real_counts (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (real_table); t++)
    {
      g_autoptr(PrecisDataset) ds = load_folder (real_table[t].folder);
      PrecisAnnotationCounts counts;

      g_test_message ("%s", real_table[t].folder);
      g_assert_cmpuint (precis_dataset_get_n_images (ds), ==, real_table[t].n_images);
      /* The copies have no images/ folder: every image is missing. */
      g_assert_cmpuint (precis_dataset_get_n_images_missing (ds), ==, real_table[t].n_images);
      precis_annotations_count (precis_dataset_get_ground_truth_annotations (ds), &counts);
      g_assert_cmpuint (counts.n, ==, real_table[t].n_gt);
      g_assert_cmpuint (counts.n_crowd, ==, real_table[t].n_crowd);
      g_assert_cmpuint (precis_dataset_get_n_models (ds), ==, real_table[t].n_models);
      for (guint m = 0; m < real_table[t].n_models; m++)
        g_assert_cmpuint (precis_dataset_get_predictions (ds, m)->n, ==, real_table[t].n_pred[m]);
    }
}

static void
test_sample_present (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "..", "data", "sample",
                                                                       "cartucho-map", NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_project (folder, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  /* README table: cartucho-map has 85/85 images on disk. */
  g_assert_cmpuint (precis_dataset_get_n_images (ds), ==, 85);
  g_assert_cmpuint (precis_dataset_get_n_images_missing (ds), ==, 0);
  for (guint i = 0; i < 85; i++)
    {
      const PrecisImage *img = precis_dataset_get_image (ds, i);

      g_assert_true (img->present);
      g_assert_true (g_file_test (img->path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_nonnull (precis_dataset_get_images_dir (ds));
  g_assert_cmpstr (precis_dataset_get_name (ds), ==, "cartucho-map");
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 0), ==, "predictions");
}

static void
check_invariants (PrecisDataset           *ds,
                  const PrecisAnnotations *anns)
{
  guint n_images = precis_dataset_get_n_images (ds);
  g_autofree guint8 *seen = g_new0 (guint8, anns->n + 1);
  guint g = 0;

  for (guint i = 0; i < anns->n; i++)
    {
      g_assert_cmpuint (anns->image[i], <, n_images);
      g_assert_cmpuint (anns->category[i], <, precis_dataset_get_n_categories (ds));
      g_assert_cmpuint (anns->file_index[i], <, anns->n);
      g_assert_false (seen[anns->file_index[i]]);
      seen[anns->file_index[i]] = 1;
      if (i > 0)
        {
          /* Sorted by (image, category, file order). */
          gboolean ordered =
            anns->image[i - 1] < anns->image[i] ||
            (anns->image[i - 1] == anns->image[i] &&
             (anns->category[i - 1] < anns->category[i] ||
              (anns->category[i - 1] == anns->category[i] &&
               anns->file_index[i - 1] < anns->file_index[i])));
          g_assert_true (ordered);
        }
    }

  /* Groups tile [0, n) and match the image index. */
  for (guint k = 0; k < n_images; k++)
    {
      g_assert_cmpuint (anns->image_group_start[k], ==, g);
      for (; g < anns->image_group_start[k + 1]; g++)
        {
          const PrecisGroup *grp = &anns->groups[g];

          g_assert_cmpuint (grp->image, ==, k);
          g_assert_cmpuint (grp->start, <, grp->end);
          g_assert_cmpuint (grp->start, ==, g == 0 ? 0 : anns->groups[g - 1].end);
          for (guint i = grp->start; i < grp->end; i++)
            {
              g_assert_cmpuint (anns->image[i], ==, grp->image);
              g_assert_cmpuint (anns->category[i], ==, grp->category);
            }
          g_assert_cmpuint (precis_annotations_find_group (anns, grp->image, grp->category), ==, g);
        }
    }
  g_assert_cmpuint (g, ==, anns->n_groups);
  g_assert_cmpuint (anns->n_groups == 0 ? 0 : anns->groups[anns->n_groups - 1].end, ==, anns->n);
  if (n_images > 0 && precis_dataset_get_n_categories (ds) > 0 &&
      anns->image_group_start[1] == 0)
    g_assert_cmpuint (precis_annotations_find_group (anns, 0, 0), ==, PRECIS_NO_INDEX);
}

static void
test_real_invariants (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (real_table); t++)
    {
      g_autoptr(PrecisDataset) ds = load_folder (real_table[t].folder);

      /* Images and categories sorted by id, found by id. */
      for (guint i = 0; i < precis_dataset_get_n_images (ds); i++)
        {
          const PrecisImage *img = precis_dataset_get_image (ds, i);

          if (i > 0)
            g_assert_cmpint (precis_dataset_get_image (ds, i - 1)->id, <, img->id);
          g_assert_cmpuint (precis_dataset_find_image (ds, img->id), ==, i);
        }
      for (guint c = 0; c < precis_dataset_get_n_categories (ds); c++)
        g_assert_cmpuint (precis_dataset_find_category (ds, precis_dataset_get_category (ds, c)->id), ==, c);

      check_invariants (ds, precis_dataset_get_ground_truth_annotations (ds));
      for (guint m = 0; m < precis_dataset_get_n_models (ds); m++)
        check_invariants (ds, precis_dataset_get_predictions (ds, m));
    }
}

/* Every field of the file, compared with what the loader stored (independent
 * json-glib reading here). */
static void
compare_with_file (PrecisDataset           *ds,
                   const PrecisAnnotations *anns,
                   GFile                   *file,
                   gboolean                 is_gt)
{
  g_autoptr(JsonNode) root = read_json (file);
  JsonArray *array = is_gt ? json_object_get_array_member (json_node_get_object (root), "annotations")
                           : json_node_get_array (root);

  g_assert_cmpuint (json_array_get_length (array), ==, anns->n);
  for (guint i = 0; i < anns->n; i++)
    {
      JsonObject *obj = json_array_get_object_element (array, anns->file_index[i]);
      const PrecisImage *img = precis_dataset_get_image (ds, anns->image[i]);
      const PrecisCategory *cat = precis_dataset_get_category (ds, anns->category[i]);

      g_assert_cmpint (img->id, ==, json_object_get_int_member (obj, "image_id"));
      g_assert_cmpint (cat->id, ==, json_object_get_int_member (obj, "category_id"));

      if (is_gt)
        {
          g_assert_cmpint (anns->id[i], ==, json_object_get_int_member (obj, "id"));
          /* GT keeps its own area. */
          g_assert_cmpfloat (anns->area[i], ==, json_object_get_double_member (obj, "area"));
          g_assert_cmpuint (anns->iscrowd[i], ==, json_object_get_int_member (obj, "iscrowd"));
        }
      else
        {
          /* loadRes: id = position + 1. */
          g_assert_cmpint (anns->id[i], ==, (gint64) anns->file_index[i] + 1);
          g_assert_cmpfloat (anns->score[i], ==, json_object_get_double_member (obj, "score"));
        }

      if (json_object_has_member (obj, "bbox"))
        {
          JsonArray *bbox = json_object_get_array_member (obj, "bbox");

          for (guint k = 0; k < 4; k++)
            g_assert_cmpfloat (anns->bbox[4 * i + k], ==, json_array_get_double_element (bbox, k));
          g_assert_true (anns->has[i] & PRECIS_HAS_BBOX);
          /* loadRes bbox branch: area = w × h, in the same double arithmetic. */
          if (!is_gt)
            g_assert_cmpfloat (anns->area[i], ==,
                               json_array_get_double_element (bbox, 2) * json_array_get_double_element (bbox, 3));
        }

      if (json_object_has_member (obj, "keypoints"))
        {
          JsonArray *kp = json_object_get_array_member (obj, "keypoints");
          guint len = json_array_get_length (kp);

          if (len > 0)
            {
              g_assert_cmpuint (anns->kp_start[i], !=, PRECIS_NO_INDEX);
              for (guint k = 0; k < len; k++)
                g_assert_cmpfloat (anns->keypoints[anns->kp_start[i] + k], ==, json_array_get_double_element (kp, k));
              if (is_gt)
                g_assert_cmpuint (anns->num_keypoints[i], ==, json_object_get_int_member (obj, "num_keypoints"));
            }
        }

      if (json_object_has_member (obj, "segmentation") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "segmentation")) &&
          json_array_get_length (json_object_get_array_member (obj, "segmentation")) > 0)
        {
          JsonArray *rings = json_object_get_array_member (obj, "segmentation");

          g_assert_cmpuint (anns->segm_kind[i], ==, PRECIS_SEGM_POLYGON);
          g_assert_cmpuint (anns->segm_len[i], ==, json_array_get_length (rings));
          for (guint r = 0; r < anns->segm_len[i]; r++)
            {
              JsonArray *ring = json_array_get_array_element (rings, r);
              guint ri = anns->segm_start[i] + r;

              g_assert_cmpuint (anns->ring_len[ri], ==, json_array_get_length (ring));
              for (guint k = 0; k < anns->ring_len[ri]; k++)
                g_assert_cmpfloat (anns->coords[anns->ring_start[ri] + k], ==,
                                   json_array_get_double_element (ring, k));
            }
        }
      else if (json_object_has_member (obj, "segmentation") &&
               JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "segmentation")))
        {
          JsonObject *rle = json_object_get_object_member (obj, "segmentation");
          JsonNode *counts = json_object_get_member (rle, "counts");
          guint64 sum = 0;

          g_assert_cmpuint (anns->segm_kind[i], ==, PRECIS_SEGM_RLE);
          for (guint k = 0; k < anns->segm_len[i]; k++)
            sum += anns->counts[anns->segm_start[i] + k];
          /* Runs cover the image. */
          g_assert_cmpuint (sum, ==, (guint64) img->width * img->height);
          if (JSON_NODE_HOLDS_ARRAY (counts))
            {
              JsonArray *list = json_node_get_array (counts);

              g_assert_cmpuint (anns->segm_len[i], ==, json_array_get_length (list));
              for (guint k = 0; k < anns->segm_len[i]; k++)
                g_assert_cmpint (anns->counts[anns->segm_start[i] + k], ==, json_array_get_int_element (list, k));
            }
        }
    }
}

static void
test_real_fields (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (real_table); t++)
    {
      g_autoptr(PrecisDataset) ds = load_folder (real_table[t].folder);

      g_test_message ("%s", real_table[t].folder);
      compare_with_file (ds, precis_dataset_get_ground_truth_annotations (ds),
                         precis_dataset_get_ground_truth (ds), TRUE);
      for (guint m = 0; m < precis_dataset_get_n_models (ds); m++)
        {
          /* Mask results have no area in the file: test_segm_derived checks them. */
          if (g_str_equal (precis_dataset_get_model_name (ds, m), "segm"))
            continue;
          compare_with_file (ds, precis_dataset_get_predictions (ds, m),
                             precis_dataset_get_model_file (ds, m), FALSE);
        }
    }
}

static void
test_model_names (void)
{
  g_autoptr(PrecisDataset) ds = load_folder ("coco2014-cocoapi100");

  /* predictions_bbox.json → "bbox", predictions_segm.json → "segm", by file name. */
  g_assert_cmpuint (precis_dataset_get_n_models (ds), ==, 2);
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 0), ==, "bbox");
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 1), ==, "segm");
  g_assert_cmpuint (precis_dataset_find_model (ds, "segm"), ==, 1);
  g_assert_cmpuint (precis_dataset_find_model (ds, "nope"), ==, PRECIS_NO_INDEX);
  g_assert_true (precis_dataset_supports (ds, 0, PRECIS_IOU_BBOX));
  g_assert_false (precis_dataset_supports (ds, 0, PRECIS_IOU_SEGM));
  g_assert_true (precis_dataset_supports (ds, 1, PRECIS_IOU_SEGM));
  g_assert_false (precis_dataset_supports (ds, 1, PRECIS_IOU_KEYPOINTS));
}

static void
test_segm_derived (void)
{
  g_autoptr(GFile) gt = data_file ("derived", "segm-gt.json", NULL);
  g_autoptr(GFile) res = data_file ("derived", "segm-results.json", NULL);
  g_autoptr(GFile) expected_file = data_file ("derived", "segm-expected.json", NULL);
  g_autoptr(JsonNode) expected = read_json (expected_file);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_files (gt, &res, NULL, 1, NULL, NULL, NULL, NULL, &error);
  JsonArray *rows = json_node_get_array (expected);
  const PrecisAnnotations *g, *p;

  g_assert_no_error (error);
  g = precis_dataset_get_ground_truth_annotations (ds);
  p = precis_dataset_get_predictions (ds, 0);
  g_assert_cmpuint (g->n, ==, json_array_get_length (rows));
  g_assert_cmpuint (p->n, ==, json_array_get_length (rows));

  /* Expected: pycocotools mask.area and mask.toBbox of each GT mask
   * (../shared/reference/coco2014-cocoapi100.gt-rle.json, via make-derived.py).
   * The GT file lacks area and bbox; the results carry the same masks as
   * compressed RLE without bbox (loadRes segm branch). */
  for (guint i = 0; i < g->n; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, g->file_index[i]);
      JsonArray *bbox = json_object_get_array_member (row, "bbox");

      g_assert_cmpint (g->id[i], ==, json_object_get_int_member (row, "id"));
      g_assert_cmpfloat (g->area[i], ==, json_object_get_double_member (row, "area"));
      for (guint k = 0; k < 4; k++)
        g_assert_cmpfloat (g->bbox[4 * i + k], ==, json_array_get_double_element (bbox, k));
      g_assert_true (g->has[i] & PRECIS_HAS_BBOX);
    }
  for (guint i = 0; i < p->n; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, p->file_index[i]);
      JsonArray *bbox = json_object_get_array_member (row, "bbox");

      g_assert_cmpuint (p->segm_kind[i], ==, PRECIS_SEGM_RLE);
      g_assert_cmpfloat (p->area[i], ==, json_object_get_double_member (row, "area"));
      for (guint k = 0; k < 4; k++)
        g_assert_cmpfloat (p->bbox[4 * i + k], ==, json_array_get_double_element (bbox, k));
    }
}

static void
test_polyline_derived (void)
{
  g_autoptr(GFile) gt = data_file ("derived", "polyline-gt.json", NULL);
  g_autoptr(GFile) res = data_file ("derived", "polyline-results.json", NULL);
  g_autoptr(GFile) expected_file = data_file ("derived", "polyline-expected.json", NULL);
  g_autoptr(JsonNode) expected = read_json (expected_file);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_files (gt, &res, NULL, 1, NULL, NULL, NULL, NULL, &error);
  JsonArray *rows = json_node_get_array (expected);

  g_assert_no_error (error);
  g_assert_true (precis_dataset_supports (ds, 0, PRECIS_IOU_POLYLINE));
  g_assert_false (precis_dataset_supports (ds, 0, PRECIS_IOU_BBOX));

  /* Expected: band pixel count and pixel box at the default width
   * (../shared/reference/polyline-band-examples.json, cases with w_is_default). */
  for (guint s = 0; s < 2; s++)
    {
      const PrecisAnnotations *a = s == 0 ? precis_dataset_get_ground_truth_annotations (ds)
                                          : precis_dataset_get_predictions (ds, 0);

      g_assert_cmpuint (a->n, ==, json_array_get_length (rows));
      for (guint i = 0; i < a->n; i++)
        {
          JsonObject *row = json_array_get_object_element (rows, a->file_index[i]);
          JsonArray *bbox = json_object_get_array_member (row, "bbox");

          g_test_message ("%s", json_object_get_string_member (row, "case"));
          g_assert_true (a->has[i] & PRECIS_HAS_POLYLINE);
          g_assert_cmpuint (a->line_len[i], ==, 1);
          g_assert_cmpfloat (a->area[i], ==, json_object_get_double_member (row, "area"));
          for (guint k = 0; k < 4; k++)
            g_assert_cmpfloat (a->bbox[4 * i + k], ==, json_array_get_double_element (bbox, k));
        }
    }
}

static void
test_keypoints (void)
{
  g_autoptr(GFile) gt = data_file ("keypoints", "gt.json", NULL);
  g_autoptr(GFile) res0 = data_file ("keypoints", "results.json", NULL);
  g_autoptr(GFile) res1 = data_file ("keypoints", "results-bbox-first.json", NULL);
  GFile *res[2] = { res0, res1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_files (gt, res, NULL, 2, NULL, NULL, NULL, NULL, &error);
  const PrecisCategory *cat;
  const PrecisAnnotations *g, *p, *q;

  g_assert_no_error (error);
  cat = precis_dataset_get_category (ds, 0);
  g_assert_cmpuint (cat->n_keypoints, ==, 3);
  g_assert_cmpstr (cat->keypoint_names[2], ==, "c");
  g_assert_null (cat->keypoint_names[3]);
  /* skeleton [[1, 2], [2, 3]] in the file is 1-based. */
  g_assert_cmpuint (cat->n_skeleton, ==, 2);
  g_assert_cmpuint (cat->skeleton[0], ==, 0);
  g_assert_cmpuint (cat->skeleton[1], ==, 1);
  g_assert_cmpuint (cat->skeleton[2], ==, 1);
  g_assert_cmpuint (cat->skeleton[3], ==, 2);
  g_assert_cmpfloat (cat->sigmas[1], ==, 0.2);

  /* GT 1: no bbox, no area, no num_keypoints. keypoints (10,20,v2) (30,5,v1) (0,0,v0):
   * by hand, extent x 0..30, y 0..20 → bbox [0, 0, 30, 20], area 600; 2 visible. */
  g = precis_dataset_get_ground_truth_annotations (ds);
  g_assert_cmpuint (g->n, ==, 2);
  g_assert_cmpint (g->id[0], ==, 1);
  g_assert_cmpfloat (g->area[0], ==, 600.0);
  g_assert_cmpfloat (g->bbox[2], ==, 30.0);
  g_assert_cmpfloat (g->bbox[3], ==, 20.0);
  g_assert_cmpuint (g->num_keypoints[0], ==, 2);
  /* GT 2 keeps its own area, bbox and num_keypoints. */
  g_assert_cmpfloat (g->area[1], ==, 50.0);
  g_assert_cmpfloat (g->bbox[4], ==, 1.0);
  g_assert_cmpuint (g->num_keypoints[1], ==, 3);

  /* Keypoint results (loadRes keypoints branch, the first has no bbox): bbox and area
   * from the extent of all keypoints, even when a later result carries a bbox.
   * Result 2 by hand: x 12..40, y 14..60 → [12, 14, 28, 46], area 1288. */
  p = precis_dataset_get_predictions (ds, 0);
  g_assert_cmpfloat (p->area[0], ==, 600.0);
  g_assert_cmpfloat (p->bbox[4 + 0], ==, 12.0);
  g_assert_cmpfloat (p->bbox[4 + 1], ==, 14.0);
  g_assert_cmpfloat (p->bbox[4 + 2], ==, 28.0);
  g_assert_cmpfloat (p->bbox[4 + 3], ==, 46.0);
  g_assert_cmpfloat (p->area[1], ==, 1288.0);
  g_assert_cmpuint (p->num_keypoints[1], ==, 3);

  /* The first result has a bbox: loadRes bbox branch, area = w × h (7 × 8 = 56). */
  q = precis_dataset_get_predictions (ds, 1);
  g_assert_cmpfloat (q->area[0], ==, 3.0 * 4.0);
  g_assert_cmpfloat (q->area[1], ==, 7.0 * 8.0);
  g_assert_cmpfloat (q->bbox[4 + 0], ==, 5.0);
  g_assert_true (precis_dataset_supports (ds, 0, PRECIS_IOU_KEYPOINTS));
  g_assert_true (precis_dataset_supports (ds, 1, PRECIS_IOU_BBOX));
}

static void
test_project_file (void)
{
  g_autoptr(GFile) file = data_file ("project", "project.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_project (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (precis_dataset_get_name (ds), ==, "Cartucho, two runs");
  g_assert_cmpuint (precis_dataset_get_n_models (ds), ==, 2);
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 0), ==, "yolo");
  /* No name given: the file name. */
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 1), ==, "empty");
  /* README table: 494 predictions; an empty list is valid. */
  g_assert_cmpuint (precis_dataset_get_predictions (ds, 0)->n, ==, 494);
  g_assert_cmpuint (precis_dataset_get_predictions (ds, 1)->n, ==, 0);
  g_assert_cmpuint (precis_dataset_get_predictions (ds, 1)->n_groups, ==, 0);
  /* Images resolved against the project file's folder: all 85 present. */
  g_assert_cmpuint (precis_dataset_get_n_images_missing (ds), ==, 0);
  g_assert_true (g_file_equal (precis_dataset_get_location (ds), file));
}

static void
test_duplicate_model_names (void)
{
  g_autoptr(GFile) gt = data_file ("real", "cartucho-map", "gt.json", NULL);
  g_autoptr(GFile) pred = data_file ("real", "cartucho-map", "predictions.json", NULL);
  GFile *preds[2] = { pred, pred };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_files (gt, preds, NULL, 2, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 0), ==, "predictions");
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 1), ==, "predictions (2)");
  g_assert_cmpstr (precis_dataset_get_name (ds), ==, "cartucho-map");
}

static void
test_cancel (void)
{
  g_autoptr(GFile) folder = data_file ("real", "cartucho-map", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;

  g_cancellable_cancel (cancellable);
  ds = precis_dataset_load_project (folder, cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (ds);
}

static void
test_progress (void)
{
  g_autoptr(GFile) folder = data_file ("real", "coco2014-cocoapi100", NULL);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_project (folder, NULL, record_progress, values, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (values->len, >=, 3);
  for (guint i = 1; i < values->len; i++)
    g_assert_cmpfloat (g_array_index (values, double, i - 1), <=, g_array_index (values, double, i));
  g_assert_cmpfloat (g_array_index (values, double, 0), >=, 0.0);
  g_assert_cmpfloat (g_array_index (values, double, values->len - 1), ==, 1.0);
}

static void
assert_same_annotations (const PrecisAnnotations *a,
                         const PrecisAnnotations *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
#define SAME(field, k) g_assert_cmpmem (a->field, sizeof (a->field[0]) * a->n * (k), b->field, sizeof (b->field[0]) * b->n * (k))
  SAME (file_index, 1);
  SAME (id, 1);
  SAME (image, 1);
  SAME (category, 1);
  SAME (score, 1);
  SAME (bbox, 4);
  SAME (area, 1);
  SAME (iscrowd, 1);
  SAME (has, 1);
  SAME (segm_kind, 1);
  SAME (segm_start, 1);
  SAME (segm_len, 1);
  SAME (line_start, 1);
  SAME (line_len, 1);
  SAME (kp_start, 1);
  SAME (num_keypoints, 1);
#undef SAME
  g_assert_cmpuint (a->n_rings, ==, b->n_rings);
  g_assert_cmpmem (a->ring_start, sizeof (guint64) * a->n_rings, b->ring_start, sizeof (guint64) * b->n_rings);
  g_assert_cmpmem (a->ring_len, sizeof (guint32) * a->n_rings, b->ring_len, sizeof (guint32) * b->n_rings);
  g_assert_cmpmem (a->coords, sizeof (double) * a->n_coords, b->coords, sizeof (double) * b->n_coords);
  g_assert_cmpmem (a->counts, sizeof (guint32) * a->n_counts, b->counts, sizeof (guint32) * b->n_counts);
  g_assert_cmpmem (a->keypoints, sizeof (double) * a->n_keypoint_values,
                   b->keypoints, sizeof (double) * b->n_keypoint_values);
  g_assert_cmpuint (a->n_groups, ==, b->n_groups);
  g_assert_cmpmem (a->groups, sizeof (PrecisGroup) * a->n_groups, b->groups, sizeof (PrecisGroup) * b->n_groups);
}

/* The fast readers and the json-glib ones store identical arrays (GT and results). */
static void
test_fast_path_identical (void)
{
  static const char * const pairs[][2] = {
    { "real/cartucho-map/gt.json", "real/cartucho-map/predictions.json" },
    { "real/voc2012-rodm/gt.json", "real/voc2012-rodm/predictions.json" },
    { "real/coco2014-cocoapi100/gt.json", "real/coco2014-cocoapi100/predictions_bbox.json" },
    { "real/coco2014-cocoapi100/gt.json", "real/coco2014-cocoapi100/predictions_segm.json" },
    { "real/coco2017-mmpose4/gt.json", "real/coco2017-mmpose4/predictions.json" },
    { "real/coco2017-kpt139099/gt.json", "real/coco2017-kpt139099/predictions.json" },
    { "derived/segm-gt.json", "derived/segm-results.json" },
    { "derived/polyline-gt.json", "derived/polyline-results.json" },
    { "keypoints/gt.json", "keypoints/results.json" },
    { "keypoints/gt.json", "keypoints/results-bbox-first.json" },
    { "real/cartucho-map/gt.json", "project/empty.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GFile) gt = data_file (pairs[i][0], NULL);
      g_autoptr(GFile) res = data_file (pairs[i][1], NULL);
      g_autoptr(PrecisDataset) fast = NULL;
      g_autoptr(PrecisDataset) slow = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", pairs[i][1]);
      g_unsetenv ("PRECIS_LOADER_NO_FAST_PATH");
      fast = precis_dataset_load_files (gt, &res, NULL, 1, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_setenv ("PRECIS_LOADER_NO_FAST_PATH", "1", TRUE);
      slow = precis_dataset_load_files (gt, &res, NULL, 1, NULL, NULL, NULL, NULL, &error);
      g_unsetenv ("PRECIS_LOADER_NO_FAST_PATH");
      g_assert_no_error (error);
      assert_same_annotations (precis_dataset_get_predictions (fast, 0), precis_dataset_get_predictions (slow, 0));
      assert_same_annotations (precis_dataset_get_ground_truth_annotations (fast),
                               precis_dataset_get_ground_truth_annotations (slow));
      g_assert_cmpuint (precis_dataset_get_n_images (fast), ==, precis_dataset_get_n_images (slow));
      for (guint k = 0; k < precis_dataset_get_n_images (fast); k++)
        {
          const PrecisImage *x = precis_dataset_get_image (fast, k), *y = precis_dataset_get_image (slow, k);

          g_assert_cmpint (x->id, ==, y->id);
          g_assert_cmpuint (x->width, ==, y->width);
          g_assert_cmpuint (x->height, ==, y->height);
          g_assert_cmpstr (x->file_name, ==, y->file_name);
        }
      g_assert_cmpuint (precis_dataset_get_n_categories (fast), ==, precis_dataset_get_n_categories (slow));
      for (guint k = 0; k < precis_dataset_get_n_categories (fast); k++)
        {
          const PrecisCategory *x = precis_dataset_get_category (fast, k), *y = precis_dataset_get_category (slow, k);

          g_assert_cmpint (x->id, ==, y->id);
          g_assert_cmpstr (x->name, ==, y->name);
          g_assert_cmpuint (x->n_keypoints, ==, y->n_keypoints);
          g_assert_cmpuint (x->n_skeleton, ==, y->n_skeleton);
        }
    }
}

static void
test_iou_type_names (void)
{
  for (guint t = 0; t < PRECIS_N_IOU_TYPES; t++)
    {
      PrecisIouType back = PRECIS_N_IOU_TYPES;

      g_assert_true (precis_iou_type_from_string (precis_iou_type_to_string (t), &back));
      g_assert_cmpuint (back, ==, t);
    }
  g_assert_cmpstr (precis_iou_type_to_string (PRECIS_IOU_SEGM), ==, "segm");
  g_assert_false (precis_iou_type_from_string ("boxes", NULL));
}

/* A chosen polyline band width is bounded by the loader's outline limit
 * (2^24 pixels, |dx| + |dy| + 1 + band per segment, clipped to the image) as the
 * default is: annotations[0] of polyline-gt.json has 4 segments inside its
 * 1640 × 590 image, so a band of 4 × 10^6 stays under 2^24 = 16 777 216 (4 × 10^6
 * × 4 + about 1 600) and 5 × 10^6 does not (2 × 10^7). By hand. */
static void
test_band_width_limit (void)
{
  g_autoptr(GFile) gt = data_file ("derived", "polyline-gt.json", NULL);
  g_autoptr(GFile) res = data_file ("derived", "polyline-results.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_files (gt, &res, NULL, 1, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (precis_dataset_check_band_width (ds, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (precis_dataset_check_band_width (ds, 0, 30, &error));
  g_assert_no_error (error);
  g_assert_true (precis_dataset_check_band_width (ds, 0, 4e6, &error));
  g_assert_no_error (error);

  g_assert_false (precis_dataset_check_band_width (ds, 0, 5e6, &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "polyline-gt.json: annotations[0].polyline: with a band width of 5e+06 pixels"));
  g_clear_error (&error);

  g_assert_false (precis_dataset_check_band_width (ds, 0, -1, &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_false (precis_dataset_check_band_width (ds, 0, INFINITY, &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE);
  g_clear_error (&error);

  /* The matcher applies the bound before it rasterises anything. */
  {
    g_autoptr(PrecisMatcher) matcher = precis_matcher_new (ds, 0, PRECIS_IOU_POLYLINE, 5e6,
                                                           NULL, NULL, NULL, &error);

    g_assert_null (matcher);
    g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/real/counts", test_real_counts);
  g_test_add_func ("/loader/real/invariants", test_real_invariants);
  g_test_add_func ("/loader/real/fields", test_real_fields);
  g_test_add_func ("/loader/sample/present", test_sample_present);
  g_test_add_func ("/loader/models/names", test_model_names);
  g_test_add_func ("/loader/models/duplicate-names", test_duplicate_model_names);
  g_test_add_func ("/loader/derived/segm", test_segm_derived);
  g_test_add_func ("/loader/derived/polyline", test_polyline_derived);
  g_test_add_func ("/loader/band-width-limit", test_band_width_limit);
  g_test_add_func ("/loader/derived/keypoints", test_keypoints);
  g_test_add_func ("/loader/project/file", test_project_file);
  g_test_add_func ("/loader/cancel", test_cancel);
  g_test_add_func ("/loader/progress", test_progress);
  g_test_add_func ("/loader/iou-type-names", test_iou_type_names);
  g_test_add_func ("/loader/fast-path-identical", test_fast_path_identical);

  return g_test_run ();
}

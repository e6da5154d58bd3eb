/* test-formats.c: YOLO and Pascal VOC projects read and written (issue 18)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are hand-written (tests/data/README.md, "formats"); the
 * expected boxes are computed by hand in the comments. The round trips export
 * tests/data/formats/coco-project and compare `precis-cli eval --json` of the
 * copy with the original's, byte for byte.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "precis.h"
#include "precis-test-cli.h"

static char *
data_path (const char *first,
           ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "data");
  g_ptr_array_add (parts, (gpointer) "formats");
  va_start (ap, first);
  for (const char *p = first; p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static PrecisDataset *
load (const char *path,
      GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return precis_dataset_load_project (file, NULL, NULL, NULL, error);
}

static void
assert_bbox (const PrecisAnnotations *anns,
             guint                    a,
             double                   x,
             double                   y,
             double                   w,
             double                   h)
{
  g_assert_cmpfloat (anns->bbox[4 * a], ==, x);
  g_assert_cmpfloat (anns->bbox[4 * a + 1], ==, y);
  g_assert_cmpfloat (anns->bbox[4 * a + 2], ==, w);
  g_assert_cmpfloat (anns->bbox[4 * a + 3], ==, h);
}

/* Removes a folder the test wrote. */
static void
remove_tree (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                             G_FILE_QUERY_INFO_NONE, NULL, NULL);

  for (;;)
    {
      GFileInfo *info;
      GFile *child;

      if (en == NULL || !g_file_enumerator_iterate (en, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autofree char *sub = g_file_get_path (child);

          remove_tree (sub);
        }
      else
        g_file_delete (child, NULL, NULL);
    }
  g_file_delete (dir, NULL, NULL);
}

/* ------------------------------------------------------------------------- */
/* YOLO                                                                       */

/* tests/data/formats/yolo: p1.png is 100 × 50, p2.jpg 60 × 40 (no labels).
 * "0 0.5 0.5 0.2 0.4": w = 0.2 · 100 = 20, h = 0.4 · 50 = 20,
 *   x = 0.5 · 100 − 10 = 40, y = 0.5 · 50 − 10 = 15.
 * "1 0.1 0.1 0.3 0.1 0.3 0.3 0.1 0.3": (10, 5) (30, 5) (30, 15) (10, 15),
 *   its extent [10, 5, 20, 10]. Category ids are class + 1. */
static void
test_yolo_read (void)
{
  g_autofree char *path = data_path ("yolo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (path, &error);
  const PrecisAnnotations *gt, *pred;
  PrecisAnnotationCounts counts;

  g_assert_no_error (error);
  g_assert_cmpuint (precis_dataset_get_n_images (ds), ==, 2);
  g_assert_cmpstr (precis_dataset_get_image (ds, 0)->file_name, ==, "p1.png");
  g_assert_cmpint (precis_dataset_get_image (ds, 0)->id, ==, 1);
  g_assert_cmpuint (precis_dataset_get_image (ds, 0)->width, ==, 100);
  g_assert_cmpuint (precis_dataset_get_image (ds, 0)->height, ==, 50);
  /* The JPEG's size from its SOF0 marker. */
  g_assert_cmpstr (precis_dataset_get_image (ds, 1)->file_name, ==, "p2.jpg");
  g_assert_cmpuint (precis_dataset_get_image (ds, 1)->width, ==, 60);
  g_assert_cmpuint (precis_dataset_get_image (ds, 1)->height, ==, 40);
  g_assert_true (precis_dataset_get_image (ds, 1)->present);

  g_assert_cmpuint (precis_dataset_get_n_categories (ds), ==, 2);
  g_assert_cmpint (precis_dataset_get_category (ds, 0)->id, ==, 1);
  g_assert_cmpstr (precis_dataset_get_category (ds, 0)->name, ==, "person");
  g_assert_cmpstr (precis_dataset_get_category (ds, 1)->name, ==, "car");

  gt = precis_dataset_get_ground_truth_annotations (ds);
  precis_annotations_count (gt, &counts);
  g_assert_cmpuint (gt->n, ==, 2);
  g_assert_cmpuint (counts.n_polygon, ==, 1);
  g_assert_cmpuint (gt->category[0], ==, 0);
  assert_bbox (gt, 0, 40, 15, 20, 20);
  g_assert_cmpfloat (gt->area[0], ==, 400);
  g_assert_cmpuint (gt->category[1], ==, 1);
  g_assert_cmpuint (gt->segm_kind[1], ==, PRECIS_SEGM_POLYGON);
  assert_bbox (gt, 1, 10, 5, 20, 10);

  /* predictions/m: the same box with confidence 0.875 on p1; on p2 (60 × 40)
   * "1 0.5 0.5 0.5 0.5 0.25": w = 30, h = 20, x = 30 − 15 = 15, y = 20 − 10 = 10. */
  g_assert_cmpuint (precis_dataset_get_n_models (ds), ==, 1);
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 0), ==, "m");
  pred = precis_dataset_get_predictions (ds, 0);
  g_assert_cmpuint (pred->n, ==, 2);
  g_assert_cmpuint (pred->image[0], ==, 0);
  assert_bbox (pred, 0, 40, 15, 20, 20);
  g_assert_cmpfloat (pred->score[0], ==, 0.875);
  g_assert_cmpuint (pred->image[1], ==, 1);
  g_assert_cmpuint (pred->category[1], ==, 1);
  assert_bbox (pred, 1, 15, 10, 30, 20);
  g_assert_cmpfloat (pred->score[1], ==, 0.25);
}

/* Every bad line of a file is reported with its line and column. */
static void
test_yolo_errors (void)
{
  g_autofree char *path = data_path ("yolo-bad", NULL);
  g_autofree char *yaml = data_path ("yolo-bad-yaml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (path, &error);

  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "labels/val/q.txt:1:1: expected “class cx cy w h”, or a class and 3 or more x y pairs, found 4 values\n"
                   "labels/val/q.txt:2:7: expected a number, found “abc”\n"
                   "labels/val/q.txt:3:1: expected a class index from 0 to 1, found “7”\n"
                   "labels/val/q.txt:4:11: “1.5” is not a normalised coordinate (0 to 1)");
  g_clear_error (&error);

  ds = load (yaml, &error);
  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "data.yaml:4:1: "));
}

/* 25 bad lines: the first 20, then how many more. */
static void
test_yolo_error_limit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("precis-formats-XXXXXX", NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *labels = g_build_filename (dir, "labels", NULL);
  g_autofree char *png = g_build_filename (images, "z.png", NULL);
  g_autofree char *txt = g_build_filename (labels, "z.txt", NULL);
  g_autofree char *yaml = g_build_filename (dir, "data.yaml", NULL);
  g_autofree char *fixture = data_path ("yolo-bad", "images", "val", "q.png", NULL);
  g_autofree char *png_data = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  gsize len;

  g_assert_cmpint (g_mkdir (images, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (labels, 0755), ==, 0);
  g_assert_true (g_file_get_contents (fixture, &png_data, &len, NULL));
  g_assert_true (g_file_set_contents (png, png_data, len, NULL));
  g_assert_true (g_file_set_contents (yaml, "val: images\nnames: [a]\n", -1, NULL));
  for (guint i = 0; i < 25; i++)
    g_string_append (bad, "0 x 0.5 0.5 0.5\n");
  g_assert_true (g_file_set_contents (txt, bad->str, bad->len, NULL));

  ds = load (dir, &error);
  g_assert_null (ds);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "labels/z.txt:20:3: expected a number, found “x”\n"
                                            "labels/z.txt: and 5 more problems"));
  g_assert_null (strstr (error->message, "z.txt:21:"));
  remove_tree (dir);
}

/* Without "/images/" in the image's path, the label file lies beside it
 * (Ultralytics' img2label_paths leaves such a path's folder alone). */
static void
test_yolo_labels_beside (void)
{
  g_autofree char *dir = g_dir_make_tmp ("precis-formats-XXXXXX", NULL);
  g_autofree char *val = g_build_filename (dir, "val", NULL);
  g_autofree char *yaml = g_build_filename (dir, "data.yaml", NULL);
  const char *names[] = { "p1.png", "p1.txt" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;

  g_assert_cmpint (g_mkdir (val, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *src = data_path ("yolo", i == 0 ? "images" : "labels", "val", names[i], NULL);
      g_autofree char *dest = g_build_filename (val, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (dest, contents, len, NULL));
    }
  g_assert_true (g_file_set_contents (yaml, "val: val\nnames: [person, car]\n", -1, NULL));
  ds = load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (precis_dataset_get_ground_truth_annotations (ds)->n, ==, 2);
  assert_bbox (precis_dataset_get_ground_truth_annotations (ds), 0, 40, 15, 20, 20);
  remove_tree (dir);
}

/* ------------------------------------------------------------------------- */
/* Pascal VOC                                                                 */

/* tests/data/formats/voc (no labelmap.txt: the names sorted, cat dog person).
 * Detectron2's boxes: x = xmin − 1, y = ymin − 1, w = xmax − x, h = ymax − y.
 * 000001: dog 1 1 10 20 → [0, 0, 10, 20]; person (difficult) 11 5 30 25 →
 *   [10, 4, 20, 21], crowd; its part's bndbox is not an object.
 * 000002: cat 5 5 5 5 → [4, 4, 1, 1]. */
static void
test_voc_read (void)
{
  g_autofree char *path = data_path ("voc", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (path, &error);
  const PrecisAnnotations *gt, *pred;
  guint32 dog, person;

  g_assert_no_error (error);
  g_assert_cmpuint (precis_dataset_get_n_images (ds), ==, 2);
  g_assert_cmpstr (precis_dataset_get_image (ds, 0)->file_name, ==, "000001.jpg");
  g_assert_cmpuint (precis_dataset_get_image (ds, 0)->width, ==, 50);
  g_assert_cmpuint (precis_dataset_get_image (ds, 0)->height, ==, 40);
  g_assert_cmpuint (precis_dataset_get_n_categories (ds), ==, 3);
  g_assert_cmpstr (precis_dataset_get_category (ds, 0)->name, ==, "cat");
  g_assert_cmpstr (precis_dataset_get_category (ds, 1)->name, ==, "dog");
  g_assert_cmpstr (precis_dataset_get_category (ds, 2)->name, ==, "person");

  gt = precis_dataset_get_ground_truth_annotations (ds);
  g_assert_cmpuint (gt->n, ==, 3);
  dog = precis_annotations_find_group (gt, 0, 1);
  person = precis_annotations_find_group (gt, 0, 2);
  g_assert_cmpuint (dog, !=, PRECIS_NO_INDEX);
  g_assert_cmpuint (person, !=, PRECIS_NO_INDEX);
  assert_bbox (gt, gt->groups[dog].start, 0, 0, 10, 20);
  g_assert_cmpuint (gt->iscrowd[gt->groups[dog].start], ==, 0);
  assert_bbox (gt, gt->groups[person].start, 10, 4, 20, 21);
  g_assert_cmpuint (gt->iscrowd[gt->groups[person].start], ==, 1);
  g_assert_cmpuint (gt->groups[person].end - gt->groups[person].start, ==, 1);
  assert_bbox (gt, gt->groups[precis_annotations_find_group (gt, 1, 0)].start, 4, 4, 1, 1);

  /* results/frcnn: dog "000001 0.9 2 2 10 20" → [1, 1, 9, 19];
   * cat "000002 0.5 5 5 6 6" → [4, 4, 2, 2]. */
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 0), ==, "frcnn");
  pred = precis_dataset_get_predictions (ds, 0);
  g_assert_cmpuint (pred->n, ==, 3);
  dog = precis_annotations_find_group (pred, 0, 1);
  assert_bbox (pred, pred->groups[dog].start, 1, 1, 9, 19);
  g_assert_cmpfloat (pred->score[pred->groups[dog].start], ==, 0.9);
  assert_bbox (pred, pred->groups[precis_annotations_find_group (pred, 1, 0)].start, 4, 4, 2, 2);
}

/* The element path of each bad object; GMarkup's syntax errors at line:column. */
static void
test_voc_errors (void)
{
  g_autofree char *path = data_path ("voc-bad", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (path, &error);

  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "Annotations/a.xml: annotation/object[1]: the object has no “name”\n"
                   "Annotations/a.xml: annotation/object[2]/bndbox/xmin: expected a number, found “abc”\n"
                   "Annotations/b.xml:4:14: Element “annotation” was closed, but the currently open element is “size”");
}

/* ------------------------------------------------------------------------- */
/* CVAT for images 1.1                                                        */

/* tests/data/formats/cvat: labels car, lane, person (ids 1–3, meta's order);
 * image id 0 → 1, id 4 → 5. On x.png (8 × 4):
 *   box 1 1 5 3 → [1, 1, 4, 2];
 *   polygon (0,0) (4,0) (4,2) → its extent [0, 0, 4, 2];
 *   points "1,1;2,2" and "6,1": person gets K = 2; the second is padded, v = 0;
 *   mask rle "1, 2, 3" in the 3 × 2 box at (2, 1): row-major, background
 *     first, so pixels (3, 1) and (4, 1): area 2, pixel box [3, 1, 2, 1].
 * On y.png: a box with is_crowd true. */
static void
test_cvat_read (void)
{
  g_autofree char *path = data_path ("cvat", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (path, &error);
  const PrecisAnnotations *gt, *pred;
  const PrecisCategory *person;
  guint32 g, a;
  guint n_rle = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (precis_dataset_get_n_images (ds), ==, 2);
  g_assert_cmpint (precis_dataset_get_image (ds, 0)->id, ==, 1);
  g_assert_cmpint (precis_dataset_get_image (ds, 1)->id, ==, 5);
  g_assert_cmpstr (precis_dataset_get_category (ds, 1)->name, ==, "lane");
  person = precis_dataset_get_category (ds, 2);
  g_assert_cmpuint (person->n_keypoints, ==, 2);

  gt = precis_dataset_get_ground_truth_annotations (ds);
  g_assert_cmpuint (gt->n, ==, 7);
  g = precis_annotations_find_group (gt, 0, 0);   /* x.png, car: box, polygon, mask */
  g_assert_cmpuint (gt->groups[g].end - gt->groups[g].start, ==, 3);
  a = gt->groups[g].start;
  assert_bbox (gt, a, 1, 1, 4, 2);
  g_assert_cmpfloat (gt->area[a], ==, 8);
  g_assert_cmpuint (gt->segm_kind[a + 1], ==, PRECIS_SEGM_POLYGON);
  assert_bbox (gt, a + 1, 0, 0, 4, 2);
  for (guint i = a; i < gt->groups[g].end; i++)
    if (gt->segm_kind[i] == PRECIS_SEGM_RLE)
      {
        n_rle++;
        g_assert_cmpfloat (gt->area[i], ==, 2);
        assert_bbox (gt, i, 3, 1, 2, 1);
      }
  g_assert_cmpuint (n_rle, ==, 1);

  g = precis_annotations_find_group (gt, 0, 1);   /* the lane */
  g_assert_true (gt->has[gt->groups[g].start] & PRECIS_HAS_POLYLINE);

  g = precis_annotations_find_group (gt, 0, 2);   /* two persons */
  g_assert_cmpuint (gt->groups[g].end - gt->groups[g].start, ==, 2);
  {
    const double *kp = &gt->keypoints[gt->kp_start[gt->groups[g].start]];
    const double *kp2 = &gt->keypoints[gt->kp_start[gt->groups[g].start + 1]];
    const double *one = kp[0] == 1 ? kp : kp2, *other = kp[0] == 1 ? kp2 : kp;

    g_assert_cmpfloat (one[3], ==, 2);
    g_assert_cmpfloat (one[4], ==, 2);
    g_assert_cmpfloat (one[5], ==, 2);
    g_assert_cmpfloat (other[0], ==, 6);
    g_assert_cmpfloat (other[5], ==, 0);
  }

  g = precis_annotations_find_group (gt, 1, 0);
  g_assert_cmpuint (gt->iscrowd[gt->groups[g].start], ==, 1);

  /* predictions/m.xml: matched to the GT images by name, not by CVAT id. */
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 0), ==, "m");
  pred = precis_dataset_get_predictions (ds, 0);
  g_assert_cmpuint (pred->n, ==, 2);
  g = precis_annotations_find_group (pred, 1, 0);
  assert_bbox (pred, pred->groups[g].start, 1, 2, 2.5, 2);
  g_assert_cmpfloat (pred->score[pred->groups[g].start], ==, 0.625);
  g_assert_cmpfloat (pred->score[pred->groups[precis_annotations_find_group (pred, 0, 0)].start], ==, 0.5);
}

static void
test_cvat_errors (void)
{
  g_autofree char *path = data_path ("cvat-bad", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (path, &error);

  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "annotations.xml: annotations/image[1]/box[1]: attribute “xtl”: expected a number\n"
                   "annotations.xml: annotations/image[1]/box[2]: the label “bus” is not in meta's labels\n"
                   "annotations.xml: annotations/image[1]/polygon[1]: attribute “points”: expected “x,y;x,y;…” (3 points or more)\n"
                   "annotations.xml: annotations/image[1]/mask[1]: the runs of “rle” cover 3 pixels, the box 2 × 2\n"
                   "annotations.xml: annotations/image[2]: expected the attributes id (a whole number ≥ 0), name, "
                   "width and height (whole pixels)");
}

/* ------------------------------------------------------------------------- */
/* Label Studio                                                               */

/* tests/data/formats/label-studio/tasks.json: task 7 (street.jpg, 200 × 100
 * from original_width/height) and a task without id, so image id 2 (empty.png,
 * 40 × 30 from data). Labels sorted: car, road, sign. Percentages:
 *   rectangle 10 20 25 50 → [20, 20, 50, 50];
 *   polygon (0, 0) (50, 0) (50, 50) → (0, 0) (100, 0) (100, 50), extent from the mask;
 *   keypoint 50 50 → (100, 50), v = 2, on the 1-keypoint category sign.
 * Model detr: the same box with its region's score 0.875, and
 *   60 0 10 10 → [120, 0, 20, 10] with the prediction's score 0.5. */
static void
test_label_studio_read (void)
{
  g_autofree char *path = data_path ("label-studio", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (path, &error);
  const PrecisAnnotations *gt, *pred;
  guint32 g;

  g_assert_no_error (error);
  g_assert_cmpuint (precis_dataset_get_n_images (ds), ==, 2);
  g_assert_cmpint (precis_dataset_get_image (ds, 0)->id, ==, 2);
  g_assert_cmpstr (precis_dataset_get_image (ds, 0)->file_name, ==, "empty.png");
  g_assert_cmpuint (precis_dataset_get_image (ds, 0)->width, ==, 40);
  g_assert_cmpint (precis_dataset_get_image (ds, 1)->id, ==, 7);
  g_assert_cmpstr (precis_dataset_get_image (ds, 1)->file_name, ==, "street.jpg");
  g_assert_cmpuint (precis_dataset_get_image (ds, 1)->height, ==, 100);
  g_assert_cmpstr (precis_dataset_get_category (ds, 0)->name, ==, "car");
  g_assert_cmpstr (precis_dataset_get_category (ds, 2)->name, ==, "sign");
  g_assert_cmpuint (precis_dataset_get_category (ds, 2)->n_keypoints, ==, 1);

  gt = precis_dataset_get_ground_truth_annotations (ds);
  g_assert_cmpuint (gt->n, ==, 3);
  assert_bbox (gt, gt->groups[precis_annotations_find_group (gt, 1, 0)].start, 20, 20, 50, 50);
  g = precis_annotations_find_group (gt, 1, 1);
  g_assert_cmpuint (gt->segm_kind[gt->groups[g].start], ==, PRECIS_SEGM_POLYGON);
  g_assert_cmpfloat (gt->coords[gt->ring_start[gt->segm_start[gt->groups[g].start]] + 2], ==, 100);
  g = precis_annotations_find_group (gt, 1, 2);
  g_assert_cmpfloat (gt->keypoints[gt->kp_start[gt->groups[g].start]], ==, 100);
  g_assert_cmpfloat (gt->keypoints[gt->kp_start[gt->groups[g].start] + 1], ==, 50);

  g_assert_cmpuint (precis_dataset_get_n_models (ds), ==, 1);
  g_assert_cmpstr (precis_dataset_get_model_name (ds, 0), ==, "detr");
  pred = precis_dataset_get_predictions (ds, 0);
  g_assert_cmpuint (pred->n, ==, 2);
  g = precis_annotations_find_group (pred, 1, 0);
  for (guint a = pred->groups[g].start; a < pred->groups[g].end; a++)
    {
      if (pred->bbox[4 * a] == 20)
        {
          assert_bbox (pred, a, 20, 20, 50, 50);
          g_assert_cmpfloat (pred->score[a], ==, 0.875);
        }
      else
        {
          assert_bbox (pred, a, 120, 0, 20, 10);
          g_assert_cmpfloat (pred->score[a], ==, 0.5);
        }
    }
}

static void
test_label_studio_errors (void)
{
  g_autofree char *path = data_path ("label-studio-bad", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (path, &error);

  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "tasks.json: [1]: expected a task with “data”: { “image”: … }\n"
                   "tasks.json: [0].annotations[0].result[0].value.rotation: rotated boxes are not supported\n"
                   "tasks.json: [0].annotations[0].result[1]: brush masks are not supported yet\n"
                   "tasks.json: [0].annotations[0].result[2].value: expected numbers x, y, width, height ≥ 0 (percent)");
}

/* ------------------------------------------------------------------------- */
/* Round trips and the writers' rules                                         */

static char *
eval_json (const char *project,
           const char *protocol)
{
  g_autofree char *err = NULL;
  char *out = NULL;

  g_assert_cmpint (run_cli_v (&out, &err, "eval", "--json", "--protocol", protocol, project, NULL), ==, 0);
  return out;
}

/* Both sets hold the same annotations, in the same order (the loader sorts
 * them by image and category), with the same doubles. */
static void
assert_same_annotations (const PrecisAnnotations *a,
                         const PrecisAnnotations *b)
{
  g_assert_cmpuint (b->n, ==, a->n);
  for (guint i = 0; i < a->n; i++)
    {
      g_assert_cmpuint (b->image[i], ==, a->image[i]);
      g_assert_cmpuint (b->category[i], ==, a->category[i]);
      for (guint k = 0; k < 4; k++)
        g_assert_cmpfloat (b->bbox[4 * i + k], ==, a->bbox[4 * i + k]);
      g_assert_cmpfloat (b->area[i], ==, a->area[i]);
      g_assert_cmpfloat (b->score[i], ==, a->score[i]);
      g_assert_cmpuint (b->iscrowd[i], ==, a->iscrowd[i]);
    }
}

static void
assert_same_dataset (PrecisDataset *a,
                     PrecisDataset *b)
{
  g_assert_cmpuint (precis_dataset_get_n_images (b), ==, precis_dataset_get_n_images (a));
  for (guint i = 0; i < precis_dataset_get_n_images (a); i++)
    {
      g_assert_cmpstr (precis_dataset_get_image (b, i)->file_name, ==, precis_dataset_get_image (a, i)->file_name);
      g_assert_cmpuint (precis_dataset_get_image (b, i)->width, ==, precis_dataset_get_image (a, i)->width);
      g_assert_cmpuint (precis_dataset_get_image (b, i)->height, ==, precis_dataset_get_image (a, i)->height);
    }
  g_assert_cmpuint (precis_dataset_get_n_categories (b), ==, precis_dataset_get_n_categories (a));
  for (guint c = 0; c < precis_dataset_get_n_categories (a); c++)
    g_assert_cmpstr (precis_dataset_get_category (b, c)->name, ==, precis_dataset_get_category (a, c)->name);
  assert_same_annotations (precis_dataset_get_ground_truth_annotations (a),
                           precis_dataset_get_ground_truth_annotations (b));
  g_assert_cmpuint (precis_dataset_get_n_models (b), ==, precis_dataset_get_n_models (a));
  for (guint m = 0; m < precis_dataset_get_n_models (a); m++)
    {
      g_assert_cmpstr (precis_dataset_get_model_name (b, m), ==, precis_dataset_get_model_name (a, m));
      assert_same_annotations (precis_dataset_get_predictions (a, m), precis_dataset_get_predictions (b, m));
    }
}

/* coco-project's images are 64 × 32, 128 × 64 and 32 × 32 and its boxes lie on
 * a half-pixel grid, so every normalised coordinate (x + w/2)/W is a short
 * binary fraction and reading it back (cx · W − w · W/2) is exact: the eval
 * output must be the same bytes. */
static void
check_round_trip (const char   *coco,
                  PrecisFormat  format)
{
  g_autofree char *dir = g_dir_make_tmp ("precis-formats-XXXXXX", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = load (coco, &error);
  g_autoptr(PrecisDataset) copy = NULL;
  const char *protocols[] = { "active", "coco" };

  g_assert_no_error (error);
  g_assert_true (precis_format_export (ds, format, out, FALSE, NULL, &error));
  g_assert_no_error (error);
  copy = load (out_path, &error);
  g_assert_no_error (error);
  assert_same_dataset (ds, copy);

  for (guint p = 0; p < G_N_ELEMENTS (protocols); p++)
    {
      g_autofree char *a = eval_json (coco, protocols[p]);
      g_autofree char *b = eval_json (out_path, protocols[p]);

      g_assert_cmpstr (b, ==, a);
    }
  remove_tree (dir);
}

static void
test_yolo_round_trip (void)
{
  g_autofree char *coco = data_path ("coco-project", NULL);

  check_round_trip (coco, PRECIS_FORMAT_YOLO);
}

/* VOC: xmin = x + 1 and back x = xmin − 1 are exact on the half-pixel grid. */
static void
test_voc_round_trip (void)
{
  g_autofree char *coco = data_path ("coco-project", NULL);

  check_round_trip (coco, PRECIS_FORMAT_VOC);
}

static void
test_cvat_round_trip (void)
{
  g_autofree char *coco = data_path ("coco-project", NULL);
  g_autofree char *real = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);

  check_round_trip (coco, PRECIS_FORMAT_CVAT);
  check_round_trip (real, PRECIS_FORMAT_CVAT);
}

/* Percentages: (x/W · 100)/100 · W is exact on the fixture's power-of-two sides. */
static void
test_label_studio_round_trip (void)
{
  g_autofree char *coco = data_path ("coco-project", NULL);

  check_round_trip (coco, PRECIS_FORMAT_LABEL_STUDIO);
}

/* YOLO → COCO: the YOLO fixture written as COCO and read back is the same
 * dataset (polygon, JPEG size, predictions), and so is the COCO project
 * through COCO. */
static void
test_coco_round_trip (void)
{
  g_autofree char *yolo = data_path ("yolo", NULL);
  g_autofree char *coco = data_path ("coco-project", NULL);
  g_autofree char *cvat = data_path ("cvat", NULL);

  check_round_trip (coco, PRECIS_FORMAT_COCO);
  check_round_trip (yolo, PRECIS_FORMAT_COCO);
  check_round_trip (cvat, PRECIS_FORMAT_COCO);
}

/* The real cartucho-map project (VOC boxes in COCO, integer pixels, no image
 * files, which VOC does not need) through VOC and back. */
static void
test_voc_round_trip_real (void)
{
  g_autofree char *coco = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);

  check_round_trip (coco, PRECIS_FORMAT_VOC);
}

/* A second export into the same folder needs --force; the CLI says so. */
static void
test_export_refuses_overwrite (void)
{
  g_autofree char *coco = data_path ("coco-project", NULL);
  g_autofree char *dir = g_dir_make_tmp ("precis-formats-XXXXXX", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_v (&out, &err, "export", "--format", "yolo", "--out", dir, coco, NULL), ==, 0);
  g_assert_cmpint (run_cli_v (&out, &err, "export", "--format", "yolo", "--out", dir, coco, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "the folder is not empty (use --force to overwrite)"));
  g_assert_cmpint (run_cli_v (&out, &err, "export", "--format", "yolo", "--out", dir, "--force", coco, NULL), ==, 0);
  g_assert_cmpint (run_cli_v (&out, &err, "export", "--format", "pascal", "--out", dir, coco, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--format: must be coco, yolo, voc, cvat or label-studio"));
  remove_tree (dir);
}

/* An image named "../outside.png" (it exists, beside images/) must not be
 * copied out of the output folder. */
static void
test_export_stays_inside (void)
{
  g_autofree char *dir = g_dir_make_tmp ("precis-formats-XXXXXX", NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *png = g_build_filename (dir, "outside.png", NULL);
  g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autofree char *fixture = data_path ("yolo-bad", "images", "val", "q.png", NULL);
  g_autofree char *png_data = NULL;
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  gsize len;

  g_assert_cmpint (g_mkdir (images, 0755), ==, 0);
  g_assert_true (g_file_get_contents (fixture, &png_data, &len, NULL));
  g_assert_true (g_file_set_contents (png, png_data, len, NULL));
  g_assert_true (g_file_set_contents (gt, "{\"images\": [{\"id\": 1, \"file_name\": \"../outside.png\", \"width\": 10, \"height\": 10}],"
                                      " \"categories\": [{\"id\": 1, \"name\": \"a\"}], \"annotations\": []}", -1, NULL));
  ds = load (dir, &error);
  g_assert_no_error (error);
  g_assert_true (precis_dataset_get_image (ds, 0)->present);
  g_assert_false (precis_format_export (ds, PRECIS_FORMAT_YOLO, out, FALSE, NULL, &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "images/../outside.png: not written: the name leads out of the output folder");
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/yolo/read", test_yolo_read);
  g_test_add_func ("/formats/yolo/errors", test_yolo_errors);
  g_test_add_func ("/formats/yolo/error-limit", test_yolo_error_limit);
  g_test_add_func ("/formats/yolo/round-trip", test_yolo_round_trip);
  g_test_add_func ("/formats/yolo/labels-beside", test_yolo_labels_beside);
  g_test_add_func ("/formats/voc/read", test_voc_read);
  g_test_add_func ("/formats/voc/errors", test_voc_errors);
  g_test_add_func ("/formats/voc/round-trip", test_voc_round_trip);
  g_test_add_func ("/formats/voc/round-trip-real", test_voc_round_trip_real);
  g_test_add_func ("/formats/cvat/read", test_cvat_read);
  g_test_add_func ("/formats/cvat/errors", test_cvat_errors);
  g_test_add_func ("/formats/cvat/round-trip", test_cvat_round_trip);
  g_test_add_func ("/formats/label-studio/read", test_label_studio_read);
  g_test_add_func ("/formats/label-studio/errors", test_label_studio_errors);
  g_test_add_func ("/formats/label-studio/round-trip", test_label_studio_round_trip);
  g_test_add_func ("/formats/coco/round-trip", test_coco_round_trip);
  g_test_add_func ("/formats/export/refuses-overwrite", test_export_refuses_overwrite);
  g_test_add_func ("/formats/export/stays-inside", test_export_stays_inside);

  return g_test_run ();
}

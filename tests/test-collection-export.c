/* test-collection-export.c: a collection's COCO, CSV and list exports and precis-export.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hand fixture is described in precis-test-collections.h. The COCO
 * round trip also runs on tests/data/real/cartucho-map (85 images, 38
 * classes): evaluating the exported files must give exactly (==) what
 * evaluating the collection's images through the image-subset path gives
 * (precis_active_set_images(), pycocotools `imgIds` in precis_cocoeval_new()).
 * A write that fails (a file size limit, as test-export-failures.c makes it
 * fail: EFBIG) leaves the folder as it was.
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>

#include "precis-active.h"
#include "precis-cocoeval.h"
#include "precis-test-collections.h"

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
export_ok (Fixture           *f,
           PrecisCollection  *c,
           PrecisExportFormat format,
           const char        *dir)
{
  g_autoptr(GFile) out = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (precis_collection_export (c, f->collections, f->dataset, format, out, FALSE, &error));
  g_assert_no_error (error);
}

static void
assert_results_equal (const PrecisActiveResult *a,
                      const PrecisActiveResult *b)
{
  g_assert_cmpuint (a->n_counted, ==, b->n_counted);
  g_assert_cmpuint (a->n_gt, ==, b->n_gt);
  g_assert_cmpuint (a->n_predictions, ==, b->n_predictions);
  g_assert_cmpuint (a->tp, ==, b->tp);
  g_assert_cmpuint (a->fp, ==, b->fp);
  g_assert_cmpuint (a->fn, ==, b->fn);
  g_assert_cmpuint (a->ignored, ==, b->ignored);
  g_assert_cmpfloat (a->map, ==, b->map);
  g_assert_cmpfloat (a->mar, ==, b->mar);
  g_assert_cmpfloat (a->mean_f1, ==, b->mean_f1);
  g_assert_cmpuint (a->n_classes, ==, b->n_classes);
  for (guint k = 0; k < a->n_classes; k++)
    {
      g_assert_cmpint (a->classes[k].counted, ==, b->classes[k].counted);
      g_assert_cmpuint (a->classes[k].tp, ==, b->classes[k].tp);
      g_assert_cmpuint (a->classes[k].fp, ==, b->classes[k].fp);
      g_assert_cmpfloat (a->classes[k].ap, ==, b->classes[k].ap);
      g_assert_cmpfloat (a->classes[k].ar, ==, b->classes[k].ar);
    }
}

/* Protocol active at t = 0.5 and pycocotools' twelve numbers, on the
 * dataset's images where @mask is set (NULL: all) against the export. */
static void
assert_same_evaluation (PrecisDataset *dataset,
                        const guint8  *mask,
                        PrecisDataset *exported)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (precis_dataset_get_n_models (dataset), ==, precis_dataset_get_n_models (exported));
  g_assert_cmpuint (precis_dataset_get_n_categories (dataset), ==, precis_dataset_get_n_categories (exported));
  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    {
      g_autoptr(PrecisMatcher) ma = precis_matcher_new (dataset, m, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
      g_autoptr(PrecisMatcher) mb = precis_matcher_new (exported, m, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
      g_autoptr(PrecisActive) a = precis_active_new (ma);
      g_autoptr(PrecisActive) b = precis_active_new (mb);
      g_autoptr(PrecisCocoEval) ca = NULL;
      g_autoptr(PrecisCocoEval) cb = NULL;
      PrecisCocoParams params;
      const double *sa, *sb;
      guint na, nb;

      g_assert_no_error (error);
      precis_active_set_images (a, mask);
      assert_results_equal (precis_active_evaluate (a), precis_active_evaluate (b));

      precis_coco_params_init (&params, PRECIS_IOU_BBOX);
      params.images = mask;
      ca = precis_cocoeval_new (ma, &params, NULL, &error);
      g_assert_no_error (error);
      cb = precis_cocoeval_new (mb, NULL, NULL, &error);
      g_assert_no_error (error);
      sa = precis_cocoeval_get_stats (ca, &na);
      sb = precis_cocoeval_get_stats (cb, &nb);
      g_assert_cmpuint (na, ==, 12);
      g_assert_cmpuint (na, ==, nb);
      for (guint i = 0; i < na; i++)
        g_assert_cmpfloat (sa[i], ==, sb[i]);
      g_test_message ("model %u: AP %.17g, mAP@0.5 (active) %.17g", m, sa[0], precis_active_evaluate (a)->map);
    }
}

/* Exports @c as COCO to a new folder, loads it back and compares. Returns
 * how many images the collection holds. */
static guint
check_coco_round_trip (Fixture          *f,
                       PrecisCollection *c)
{
  g_autofree char *out = make_temp_dir ();
  guint n = precis_dataset_get_n_images (f->dataset);
  g_autofree guint8 *mask = g_malloc0 (n);
  g_autoptr(GPtrArray) preds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *gt_path = g_build_filename (out, "gt.json", NULL);
  g_autoptr(GFile) gt = g_file_new_for_path (gt_path);
  g_autoptr(PrecisDataset) exported = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;

  count = precis_collection_select (c, f->collections, f->dataset, mask, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, >, 0);
  export_ok (f, c, PRECIS_EXPORT_COCO, out);
  for (guint m = 0; m < precis_dataset_get_n_models (f->dataset); m++)
    {
      const char *name = precis_dataset_get_model_name (f->dataset, m);
      g_autofree char *base = g_strdup_printf ("predictions-%s.json", name);
      g_autofree char *path = g_build_filename (out, base, NULL);

      g_ptr_array_add (preds, g_file_new_for_path (path));
      g_ptr_array_add (names, (gpointer) name);
    }
  exported = precis_dataset_load_files (gt, (GFile **) preds->pdata, (const char * const *) names->pdata,
                                        preds->len, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Only the collection's images, ids kept, in order; every category. */
  g_assert_cmpuint (precis_dataset_get_n_images (exported), ==, count);
  for (guint i = 0, j = 0; i < n; i++)
    if (mask[i])
      g_assert_cmpint (precis_dataset_get_image (exported, j++)->id, ==, precis_dataset_get_image (f->dataset, i)->id);
  original = parse_path (g_file_peek_path (precis_dataset_get_ground_truth (f->dataset)));
  copy = parse_path (gt_path);
  g_assert_true (json_node_equal (member (original, "categories"), member (copy, "categories")));
  g_assert_true (json_node_equal (member (original, "info"), member (copy, "info")));

  assert_same_evaluation (f->dataset, mask, exported);
  g_test_message ("collection “%s”: %" G_GINT64_FORMAT " images", c->name, count);
  remove_dir (out);
  return (guint) count;
}

static void
test_coco_fixture (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PrecisCollection) fp = precis_collection_new ("fp", PRECIS_COLLECTION_FILTER);

  fp->filter.outcome = PRECIS_COLLECTION_OUTCOME_FP;
  g_assert_cmpuint (check_coco_round_trip (f, fp), ==, 2);
  g_assert_cmpuint (check_coco_round_trip (f, precis_collections_find (f->collections, "hand")), ==, 2);
  g_assert_cmpuint (check_coco_round_trip (f, precis_collections_find (f->collections, "misses")), ==, 2);
}

static void
test_coco_real (void)
{
  g_autofree char *project = cartucho_project ();
  Fixture f = { 0 };
  g_autoptr(PrecisCollection) every_third = precis_collection_new ("every third", PRECIS_COLLECTION_FROZEN);
  g_autoptr(PrecisCollection) fn = precis_collection_new ("misses", PRECIS_COLLECTION_FILTER);
  g_autoptr(PrecisCollection) people = precis_collection_new ("people", PRECIS_COLLECTION_FILTER);
  guint n;

  fixture_set_up (&f, project);
  for (guint i = 0; i < precis_dataset_get_n_images (f.dataset); i += 3)
    g_array_append_val (every_third->images, precis_dataset_get_image (f.dataset, i)->id);
  fn->filter.outcome = PRECIS_COLLECTION_OUTCOME_FN;
  fn->filter.confidence = 0.4;
  fn->filter.classes = g_strdup ("chair");
  people->filter.classes = g_strdup ("person,chair");
  people->filter.iou = 0.75;
  people->filter.outcome = PRECIS_COLLECTION_OUTCOME_TP;
  /* 85 images: ids 1, 4, …, 85 are 29. The filters select proper subsets. */
  g_assert_cmpuint (check_coco_round_trip (&f, every_third), ==, 29);
  n = check_coco_round_trip (&f, fn);
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (n, <, 85);
  n = check_coco_round_trip (&f, people);
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (n, <, 85);
  fixture_tear_down (&f, NULL);
}

/* The frozen collection "hand" (images 2 and 4; 99 missing), model m at
 * t = 0.5: GT 2 (TP), GT 4 (FN), prediction 2 on image 2 (TP, IoU 0.6). */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = make_temp_dir ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  export_ok (f, precis_collections_find (f->collections, "hand"), PRECIS_EXPORT_CSV, out);
  text = read_text (out, "objects.csv");
  lines = g_strsplit (text, "\n", -1);
  /* TIDE: the FN on image 4 is a Miss (no prediction overlaps it). */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "kind,id,image_id,category_id,score,outcome,iou,match_id,error,file_name,tags");
  g_assert_cmpstr (lines[1], ==, "gt,2,2,2,,TP,0.59999999999999998,2,,b.jpg,night");
  g_assert_cmpstr (lines[2], ==, "gt,4,4,2,,FN,0,,Miss,d.jpg,");
  g_assert_cmpstr (lines[3], ==, "pred,2,2,2,0.80000000000000004,TP,0.59999999999999998,2,,b.jpg,night");
  g_assert_cmpstr (lines[4], ==, "");
  remove_dir (out);
}

static void
test_list_and_meta (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = make_temp_dir ();
  g_autofree char *list = NULL;
  g_autofree char *meta_path = g_build_filename (out, "precis-export.json", NULL);
  g_autoptr(JsonNode) meta = NULL;
  g_autoptr(JsonNode) definition = NULL;
  PrecisCollection *hand = precis_collections_find (f->collections, "hand");
  JsonArray *a;

  export_ok (f, hand, PRECIS_EXPORT_LIST, out);
  list = read_text (out, "images.txt");
  g_assert_cmpstr (list, ==, "b.jpg\nd.jpg\n");

  meta = parse_path (meta_path);
  g_assert_cmpstr (json_node_get_string (member (meta, "precis_version")), ==, PACKAGE_VERSION);
  g_assert_cmpstr (json_node_get_string (member (meta, "format")), ==, "list");
  g_assert_cmpstr (json_node_get_string (member (meta, "collection")), ==, "hand");
  g_assert_cmpstr (json_node_get_string (member (meta, "project")), ==, f->project_path);
  g_assert_cmpint (json_node_get_int (member (meta, "images")), ==, 2);
  g_assert_nonnull (json_node_get_string (member (meta, "exported")));
  a = json_node_get_array (member (meta, "missing_images"));
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpint (json_array_get_int_element (a, 0), ==, 99);
  a = json_node_get_array (member (meta, "models"));
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (a, 1), ==, "m2");
  a = json_node_get_array (member (meta, "files"));
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (a, 0), ==, "images.txt");
  definition = precis_collection_to_json (hand);
  g_assert_true (json_node_equal (member (meta, "definition"), definition));
  remove_dir (out);
}

/* A second export into the same folder is refused and changes nothing; with
 * overwrite it replaces the files. */
static void
test_no_overwrite (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = make_temp_dir ();
  g_autoptr(GFile) dir = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *after = NULL;
  g_autofree char *list = NULL;
  g_autofree char *list_path = g_build_filename (out, "images.txt", NULL);
  PrecisCollection *misses = precis_collections_find (f->collections, "misses");
  PrecisCollection *hand = precis_collections_find (f->collections, "hand");

  export_ok (f, hand, PRECIS_EXPORT_LIST, out);
  meta = read_text (out, "precis-export.json");
  g_assert_false (precis_collection_export (misses, f->collections, f->dataset, PRECIS_EXPORT_LIST, dir, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "images.txt: the file exists"));
  list = read_text (out, "images.txt");
  g_assert_cmpstr (list, ==, "b.jpg\nd.jpg\n");
  after = read_text (out, "precis-export.json");
  g_assert_cmpstr (after, ==, meta);
  g_clear_error (&error);

  /* Only precis-export.json is there: still refused. */
  g_assert_cmpint (g_remove (list_path), ==, 0);
  g_assert_false (precis_collection_export (misses, f->collections, f->dataset, PRECIS_EXPORT_LIST, dir, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "precis-export.json: the file exists"));
  g_clear_error (&error);

  g_assert_true (precis_collection_export (misses, f->collections, f->dataset, PRECIS_EXPORT_LIST, dir, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_free);
  list = read_text (out, "images.txt");
  g_assert_cmpstr (list, ==, "c.jpg\nd.jpg\n");
  remove_dir (out);
}

/* The collection's numbers through the image subset equal those on the same
 * images chosen by hand. */
static void
test_subset_equal (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PrecisCollection) night = precis_collection_new ("night", PRECIS_COLLECTION_FILTER);
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) a = NULL;
  g_autoptr(PrecisActive) b = NULL;
  g_autoptr(GError) error = NULL;
  guint8 mask[5] = { 0 }, hand[5] = { 0 };
  const PrecisActiveResult *res;

  night->filter.tag = g_strdup ("night");
  g_assert_cmpint (precis_collection_select (night, f->collections, f->dataset, mask, NULL, &error), ==, 2);
  hand[precis_dataset_find_image (f->dataset, 2)] = 1;
  hand[precis_dataset_find_image (f->dataset, 3)] = 1;
  g_assert_cmpmem (mask, 5, hand, 5);
  matcher = precis_matcher_new (f->dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  a = precis_active_new (matcher);
  b = precis_active_new (matcher);
  precis_active_set_images (a, mask);
  precis_active_set_images (b, hand);
  res = precis_active_evaluate (a);
  assert_results_equal (res, precis_active_evaluate (b));
  /* By hand: images 2 and 3 hold GT dog (TP) and cat (FN), predictions dog
   * 0.8 (TP) and dog 0.3 (FP). */
  g_assert_cmpuint (res->tp, ==, 1);
  g_assert_cmpuint (res->fp, ==, 1);
  g_assert_cmpuint (res->fn, ==, 1);
}

/* Cartucho's "every third": its images.txt (~500 bytes) fits under 8 KiB, its
 * gt.json (~27 KB) does not. */
static void
test_file_size_subprocess (void)
{
  g_autofree char *project = cartucho_project ();
  struct rlimit limit = { 8 * 1024, 8 * 1024 };
  g_autoptr(PrecisCollection) c = precis_collection_new ("every third", PRECIS_COLLECTION_FROZEN);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_dir = make_temp_dir ();
  g_autofree char *new_dir = make_temp_dir ();
  g_autoptr(GFile) old_file = g_file_new_for_path (old_dir);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_dir);
  g_autofree char *list = NULL, *meta = NULL, *list2 = NULL, *meta2 = NULL;
  Fixture f = { 0 };

  fixture_set_up (&f, project);
  for (guint i = 0; i < precis_dataset_get_n_images (f.dataset); i += 3)
    g_array_append_val (c->images, precis_dataset_get_image (f.dataset, i)->id);
  g_assert_true (signal (SIGXFSZ, SIG_IGN) != SIG_ERR);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  export_ok (&f, c, PRECIS_EXPORT_LIST, old_dir);
  list = read_text (old_dir, "images.txt");
  meta = read_text (old_dir, "precis-export.json");

  /* Over the old export: refused by the disk, the old files stay, nothing else. */
  g_assert_false (precis_collection_export (c, f.collections, f.dataset, PRECIS_EXPORT_COCO, old_file, TRUE, &error));
  g_assert_nonnull (error);
  g_test_message ("file size limit: %s", error->message);
  g_assert_nonnull (strstr (error->message, "gt.json: cannot write the export"));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (old_dir), ==, 2);
  list2 = read_text (old_dir, "images.txt");
  meta2 = read_text (old_dir, "precis-export.json");
  g_assert_cmpstr (list2, ==, list);
  g_assert_cmpstr (meta2, ==, meta);

  /* Into a new folder: it stays empty. */
  g_assert_false (precis_collection_export (c, f.collections, f.dataset, PRECIS_EXPORT_COCO, new_file, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count_entries (new_dir), ==, 0);

  remove_dir (old_dir);
  remove_dir (new_dir);
  fixture_tear_down (&f, NULL);
}

static void
test_file_size (void)
{
  g_test_trap_subprocess ("/collection-export/file-size/subprocess", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/collection-export/coco/fixture", test_coco_fixture);
  ADD ("/collection-export/csv", test_csv);
  ADD ("/collection-export/list-and-meta", test_list_and_meta);
  ADD ("/collection-export/no-overwrite", test_no_overwrite);
  ADD ("/collection-export/subset-equal", test_subset_equal);
#undef ADD
  g_test_add_func ("/collection-export/coco/real", test_coco_real);
  g_test_add_func ("/collection-export/file-size", test_file_size);
  g_test_add_func ("/collection-export/file-size/subprocess", test_file_size_subprocess);
  return g_test_run ();
}

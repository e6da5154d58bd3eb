/* precis-test-collections.h: the collections fixture shared by the collection tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture (written to a scratch folder by each test), IoU of every
 * prediction with its GT worked out by hand (boxes [x, y, w, h]):
 *
 *   image 1 a.jpg: GT cat [0,0,10,10];  m: cat [0,0,10,10] 0.9  (IoU 1: TP)
 *   image 2 b.jpg: GT dog [0,0,10,10];  m: dog [0,0,10,6]  0.8  (IoU 60/100 = 0.6:
 *                                           TP at t = 0.5, FP at t = 0.7)
 *   image 3 c.jpg: GT cat [0,0,10,10];  m: dog [0,0,10,10] 0.3  (other class: FP;
 *                                           the cat GT is FN)
 *   image 4 d.jpg: GT dog [20,20,10,10]; m: nothing (FN);  m2: dog [20,20,10,10] 0.95 (TP)
 *   image 5 e.jpg: no GT;               m: cat [50,50,10,10] 0.6 (FP)
 *
 * Tag "night" = images 2, 3 and 99 (no such image).
 */
#pragma once

#include <string.h>
#include <json-glib/json-glib.h>

#include "precis-collection.h"
#include "precis-project.h"
#include "precis-test-files.h"

static const char gt_json[] =
  "{\"images\": ["
  "{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 100, \"height\": 100},"
  "{\"id\": 2, \"file_name\": \"b.jpg\", \"width\": 100, \"height\": 100},"
  "{\"id\": 3, \"file_name\": \"c.jpg\", \"width\": 100, \"height\": 100},"
  "{\"id\": 4, \"file_name\": \"d.jpg\", \"width\": 100, \"height\": 100},"
  "{\"id\": 5, \"file_name\": \"e.jpg\", \"width\": 100, \"height\": 100}],"
  "\"categories\": [{\"id\": 1, \"name\": \"cat\"}, {\"id\": 2, \"name\": \"dog\"}],"
  "\"annotations\": ["
  "{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "{\"id\": 2, \"image_id\": 2, \"category_id\": 2, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "{\"id\": 3, \"image_id\": 3, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "{\"id\": 4, \"image_id\": 4, \"category_id\": 2, \"bbox\": [20, 20, 10, 10], \"area\": 100, \"iscrowd\": 0}],"
  "\"info\": {\"description\": \"collections fixture\"}}";

static const char pred_json[] =
  "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"score\": 0.9},"
  " {\"image_id\": 2, \"category_id\": 2, \"bbox\": [0, 0, 10, 6], \"score\": 0.8},"
  " {\"image_id\": 3, \"category_id\": 2, \"bbox\": [0, 0, 10, 10], \"score\": 0.3},"
  " {\"image_id\": 5, \"category_id\": 1, \"bbox\": [50, 50, 10, 10], \"score\": 0.6}]";

static const char pred2_json[] =
  "[{\"image_id\": 4, \"category_id\": 2, \"bbox\": [20, 20, 10, 10], \"score\": 0.95}]";

#define PROJECT_HEAD \
  "{\n  \"name\": \"fixture\",\n  \"ground_truth\": \"gt.json\",\n" \
  "  \"predictions\": [{\"name\": \"m\", \"path\": \"pred.json\"}, {\"name\": \"m2\", \"path\": \"pred2.json\"}],\n"

static const char project_json[] =
  PROJECT_HEAD
  "  \"collections\": {\"version\": 1, \"future\": [1, 2], \"items\": ["
  "{\"name\": \"misses\", \"kind\": \"filter\", \"created\": \"2026-12-01T00:00:00Z\","
  " \"filter\": {\"model\": \"m\", \"iou\": 0.5, \"confidence\": 0, \"outcome\": \"fn\", \"hint\": \"kept\"}},"
  "{\"name\": \"hand\", \"kind\": \"frozen\", \"images\": [4, 2, 99]}],"
  " \"tags\": {\"night\": [2, 3, 99]}},\n"
  "  \"notes\": \"a member Precis does not know\"\n}\n";

typedef struct {
  char              *dir;
  char              *project_path;
  PrecisDataset     *dataset;
  PrecisProject     *project;
  PrecisCollections *collections;
  GPtrArray         *problems;
} Fixture;

/* A project file's text over tests/data/real/cartucho-map (85 images, 38
 * classes, model "yolo"), by absolute paths. */
static inline char *
cartucho_project (void)
{
  g_autofree char *gt = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", "gt.json", NULL);
  g_autofree char *pred = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", "predictions.json", NULL);

  return g_strdup_printf ("{\"ground_truth\": \"%s\", \"predictions\": [{\"name\": \"yolo\", \"path\": \"%s\"}]}",
                          gt, pred);
}

static inline void
fixture_load (Fixture *f)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->project_path);
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->dataset);
  g_clear_pointer (&f->project, precis_project_free);
  g_clear_pointer (&f->collections, precis_collections_free);
  g_clear_pointer (&f->problems, g_ptr_array_unref);
  f->dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->project = precis_project_open (file, NULL, &error);
  g_assert_no_error (error);
  f->collections = precis_collections_load (f->project, &f->problems, &error);
  g_assert_no_error (error);
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *project = data != NULL ? data : project_json;

  f->dir = make_temp_dir ();
  f->project_path = g_build_filename (f->dir, "project.json", NULL);
  write_file (f->dir, "gt.json", gt_json);
  write_file (f->dir, "pred.json", pred_json);
  write_file (f->dir, "pred2.json", pred2_json);
  write_file (f->dir, "project.json", project);
  fixture_load (f);
}

static inline void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->dataset);
  g_clear_pointer (&f->project, precis_project_free);
  g_clear_pointer (&f->collections, precis_collections_free);
  g_clear_pointer (&f->problems, g_ptr_array_unref);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project_path);
}

/* The selected image ids, "1,2,…" in image order. */
static inline char *
selected_ids (Fixture          *f,
              PrecisCollection *c,
              GArray           *missing)
{
  guint n = precis_dataset_get_n_images (f->dataset);
  g_autofree guint8 *mask = g_malloc0 (n);
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new (NULL);
  gint64 count = precis_collection_select (c, f->collections, f->dataset, mask, missing, &error);
  gint64 seen = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    if (mask[i])
      {
        g_string_append_printf (s, "%s%" G_GINT64_FORMAT, s->len > 0 ? "," : "",
                                precis_dataset_get_image (f->dataset, i)->id);
        seen++;
      }
  g_assert_cmpint (count, ==, seen);
  return g_string_free (s, FALSE);
}

static inline JsonNode *
parse_path (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static inline JsonNode *
parse_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static inline JsonNode *
member (JsonNode   *node,
        const char *name)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_member (json_node_get_object (node), name);
}

static inline void
write_back (Fixture *f)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->project_path);
  g_autoptr(GError) error = NULL;

  precis_collections_store (f->collections, f->project);
  g_assert_true (precis_project_write (f->project, file, &error));
  g_assert_no_error (error);
}

/* test-collections.c: the project file's collections and filter semantics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture is described in precis-test-collections.h.
 */

#include "config.h"

#include <math.h>

#include "precis-test-collections.h"

typedef struct {
  const char              *model;
  double                   iou;
  double                   confidence;
  const char              *classes;
  PrecisCollectionOutcome  outcome;
  const char              *tag;
  const char              *expected;
} FilterCase;

static void
test_filter_semantics (Fixture       *f,
                       gconstpointer  data)
{
  /* Each filter alone, then combined; the expected images from the table at
   * the top of the file. */
  static const FilterCase cases[] = {
    { NULL, 0.5, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_ANY, NULL,    "1,2,3,4,5" },
    { NULL, 0.5, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_TP,  NULL,    "1,2" },
    { NULL, 0.5, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_FP,  NULL,    "3,5" },
    { NULL, 0.5, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_FN,  NULL,    "3,4" },
    { NULL, 0.7, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_TP,  NULL,    "1" },
    { NULL, 0.7, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_FP,  NULL,    "2,3,5" },
    { NULL, 0.5, 0.5, NULL,  PRECIS_COLLECTION_OUTCOME_FP,  NULL,    "5" },
    { NULL, 0.5, 0,   "dog", PRECIS_COLLECTION_OUTCOME_ANY, NULL,    "2,3,4" },
    { NULL, 0.5, 0,   "dog", PRECIS_COLLECTION_OUTCOME_FN,  NULL,    "4" },
    { NULL, 0.5, 0,   "1",   PRECIS_COLLECTION_OUTCOME_FN,  NULL,    "3" },
    { NULL, 0.5, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_ANY, "night", "2,3" },
    { NULL, 0.5, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_FP,  "night", "3" },
    { "m2", 0.5, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_TP,  NULL,    "4" },
    { "m2", 0.5, 0,   NULL,  PRECIS_COLLECTION_OUTCOME_FN,  NULL,    "1,2,3" },
    { "m",  0.7, 0.2, "dog", PRECIS_COLLECTION_OUTCOME_FP,  "night", "2,3" },
    { "m",  0.5, 0.2, "dog", PRECIS_COLLECTION_OUTCOME_FP,  "night", "3" },
    { "m",  0.5, 0.5, "dog", PRECIS_COLLECTION_OUTCOME_FP,  "night", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PrecisCollection) c = precis_collection_new ("f", PRECIS_COLLECTION_FILTER);
      g_autofree char *got = NULL;

      c->filter.model = g_strdup (cases[i].model);
      c->filter.iou = cases[i].iou;
      c->filter.confidence = cases[i].confidence;
      c->filter.classes = g_strdup (cases[i].classes);
      c->filter.outcome = cases[i].outcome;
      c->filter.tag = g_strdup (cases[i].tag);
      got = selected_ids (f, c, NULL);
      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* TIDE's error type of each object (background 0.1), by hand from the table:
 * the dog on image 3 overlaps the cat GT at IoU 1 (Cls); nothing overlaps the
 * dog GT of image 4 (Miss); the cat on image 5 overlaps no GT (Bkg); at
 * t = 0.7 the dog on image 2 (IoU 0.6, in [0.1, 0.7)) is a Loc error. */
static void
test_filter_tide_error (Fixture       *f,
                        gconstpointer  data)
{
  static const struct {
    const char *error;
    double iou;
    PrecisCollectionOutcome outcome;
    const char *expected;
  } cases[] = {
    { "cls",  0.5, PRECIS_COLLECTION_OUTCOME_ANY, "3" },
    { "miss", 0.5, PRECIS_COLLECTION_OUTCOME_ANY, "4" },
    { "bkg",  0.5, PRECIS_COLLECTION_OUTCOME_ANY, "5" },
    { "loc",  0.5, PRECIS_COLLECTION_OUTCOME_ANY, "" },
    { "loc",  0.7, PRECIS_COLLECTION_OUTCOME_ANY, "2" },
    { "dupe", 0.5, PRECIS_COLLECTION_OUTCOME_ANY, "" },
    { "cls",  0.5, PRECIS_COLLECTION_OUTCOME_FP,  "3" },
    { "cls",  0.5, PRECIS_COLLECTION_OUTCOME_TP,  "" },
    { "miss", 0.5, PRECIS_COLLECTION_OUTCOME_FN,  "4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PrecisCollection) c = precis_collection_new ("e", PRECIS_COLLECTION_FILTER);
      g_autofree char *got = NULL;

      c->filter.error = g_strdup (cases[i].error);
      c->filter.iou = cases[i].iou;
      c->filter.outcome = cases[i].outcome;
      got = selected_ids (f, c, NULL);
      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
  g_assert_true (precis_collection_error_is_valid ("both"));
  g_assert_false (precis_collection_error_is_valid ("Cls"));
  g_assert_false (precis_collection_error_is_valid (""));
}

/* The built-in metric `area` (SEMANTICS.md §9): every GT's is 100 (its
 * `area`), the predictions' their boxes' (100, 60, 100, 100). */
static void
test_filter_metric (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    double lo, hi, iou;
    PrecisCollectionOutcome outcome;
    const char *expected;
  } cases[] = {
    { 0, 80, 0.5, PRECIS_COLLECTION_OUTCOME_ANY, "2" },
    { 90, INFINITY, 0.5, PRECIS_COLLECTION_OUTCOME_ANY, "1,2,3,4,5" },
    { 100, 100, 0.5, PRECIS_COLLECTION_OUTCOME_FN, "3,4" },
    { 0, 80, 0.5, PRECIS_COLLECTION_OUTCOME_TP, "2" },
    { 0, 80, 0.7, PRECIS_COLLECTION_OUTCOME_TP, "" },
    { 0, 80, 0.5, PRECIS_COLLECTION_OUTCOME_FN, "" },
    { 101, INFINITY, 0.5, PRECIS_COLLECTION_OUTCOME_ANY, "" },
  };
  g_autoptr(PrecisCollection) bad = precis_collection_new ("m", PRECIS_COLLECTION_FILTER);
  g_autoptr(GError) error = NULL;
  guint8 mask[5];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PrecisCollection) c = precis_collection_new ("m", PRECIS_COLLECTION_FILTER);
      g_autofree char *got = NULL;

      c->filter.metric = g_strdup ("area");
      c->filter.metric_lo = cases[i].lo;
      c->filter.metric_hi = cases[i].hi;
      c->filter.iou = cases[i].iou;
      c->filter.outcome = cases[i].outcome;
      got = selected_ids (f, c, NULL);
      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
  bad->filter.metric = g_strdup ("weight");
  g_assert_cmpint (precis_collection_select (bad, f->collections, f->dataset, mask, NULL, &error), ==, -1);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no metric named “weight”"));
}

static void
test_filter_errors (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *model, *classes, *iou_type, *message; } cases[] = {
    { "nope", NULL, NULL, "collection “f”: no model named “nope”" },
    { NULL, "cat,horse", NULL, "collection “f”: no class “horse”" },
    { NULL, NULL, "segm", "segm" },
  };
  guint8 mask[5];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PrecisCollection) c = precis_collection_new ("f", PRECIS_COLLECTION_FILTER);
      g_autoptr(GError) error = NULL;

      c->filter.model = g_strdup (cases[i].model);
      c->filter.classes = g_strdup (cases[i].classes);
      c->filter.iou_type = g_strdup (cases[i].iou_type);
      g_assert_cmpint (precis_collection_select (c, f->collections, f->dataset, mask, NULL, &error), ==, -1);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  PrecisCollection *misses, *hand;
  const GArray *night;
  g_autofree const char **tags = NULL;
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *ids = NULL;

  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpuint (precis_collections_get_n (f->collections), ==, 2);
  misses = precis_collections_get (f->collections, 0);
  g_assert_cmpstr (misses->name, ==, "misses");
  g_assert_cmpint (misses->kind, ==, PRECIS_COLLECTION_FILTER);
  g_assert_cmpstr (misses->filter.model, ==, "m");
  g_assert_cmpint (misses->filter.outcome, ==, PRECIS_COLLECTION_OUTCOME_FN);
  g_assert_cmpstr (misses->created, ==, "2026-12-01T00:00:00Z");
  hand = precis_collections_find (f->collections, "hand");
  g_assert_true (hand == precis_collections_get (f->collections, 1));
  g_assert_cmpint (hand->kind, ==, PRECIS_COLLECTION_FROZEN);
  g_assert_cmpuint (hand->images->len, ==, 3);
  g_assert_null (precis_collections_find (f->collections, "nope"));

  tags = precis_collections_list_tags (f->collections);
  g_assert_cmpstr (tags[0], ==, "night");
  g_assert_null (tags[1]);
  night = precis_collections_get_tag (f->collections, "night");
  g_assert_cmpuint (night->len, ==, 3);
  g_assert_null (precis_collections_get_tag (f->collections, "day"));

  ids = selected_ids (f, misses, NULL);
  g_assert_cmpstr (ids, ==, "3,4");
  g_clear_pointer (&ids, g_free);
  /* A frozen collection keeps its ids; the one no image has is reported. */
  ids = selected_ids (f, hand, missing);
  g_assert_cmpstr (ids, ==, "2,4");
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpint (g_array_index (missing, gint64, 0), ==, 99);
}

/* Written back unchanged, the member is the same JSON (unknown members of the
 * member, of an entry and of its filter kept), and the rest of the file too. */
static void
test_round_trip_unchanged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) before = parse_text (project_json);
  g_autoptr(JsonNode) after = NULL;

  write_back (f);
  after = parse_path (f->project_path);
  g_assert_true (json_node_equal (member (before, "collections"), member (after, "collections")));
  g_assert_true (json_node_equal (member (before, "notes"), member (after, "notes")));
  g_assert_true (json_node_equal (member (before, "predictions"), member (after, "predictions")));
}

static void
test_round_trip_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PrecisCollection) dup = precis_collection_new ("hand", PRECIS_COLLECTION_FROZEN);
  g_autoptr(GError) error = NULL;
  PrecisCollection *c = precis_collection_new ("dogs at 0.7", PRECIS_COLLECTION_FILTER);
  PrecisCollection *empty = precis_collection_new ("", PRECIS_COLLECTION_FROZEN);
  PrecisCollection *back;
  const gint64 add[] = { 5, 2 }, drop[] = { 2, 3, 99 };
  g_autofree char *ids = NULL;

  c->filter.iou = 0.7;
  c->filter.confidence = 0.25;
  c->filter.classes = g_strdup ("dog");
  c->filter.iou_type = g_strdup ("bbox");
  c->filter.outcome = PRECIS_COLLECTION_OUTCOME_FP;
  c->filter.tag = g_strdup ("night");
  c->filter.error = g_strdup ("bkg");
  c->filter.metric = g_strdup ("area");
  c->filter.metric_lo = 50;
  g_assert_true (precis_collections_add (f->collections, c, &error));
  g_assert_no_error (error);
  g_assert_nonnull (c->created);
  g_assert_false (precis_collections_add (f->collections, g_steal_pointer (&dup), &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (precis_collections_add (f->collections, empty, &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE);
  g_assert_true (precis_collections_remove (f->collections, "misses"));
  g_assert_false (precis_collections_remove (f->collections, "misses"));
  g_assert_cmpuint (precis_collections_tag (f->collections, "night", add, 2, FALSE), ==, 1);
  g_assert_cmpuint (precis_collections_tag (f->collections, "day", add, 2, FALSE), ==, 2);
  g_assert_cmpuint (precis_collections_tag (f->collections, "gone", add, 2, TRUE), ==, 0);
  write_back (f);

  fixture_load (f);
  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpuint (precis_collections_get_n (f->collections), ==, 2);
  g_assert_cmpstr (precis_collections_get (f->collections, 0)->name, ==, "hand");
  back = precis_collections_get (f->collections, 1);
  g_assert_cmpstr (back->name, ==, "dogs at 0.7");
  g_assert_cmpint (back->kind, ==, PRECIS_COLLECTION_FILTER);
  g_assert_cmpfloat (back->filter.iou, ==, 0.7);
  g_assert_cmpfloat (back->filter.confidence, ==, 0.25);
  g_assert_cmpstr (back->filter.classes, ==, "dog");
  g_assert_cmpstr (back->filter.iou_type, ==, "bbox");
  g_assert_cmpstr (back->filter.tag, ==, "night");
  g_assert_null (back->filter.model);
  g_assert_cmpint (back->filter.outcome, ==, PRECIS_COLLECTION_OUTCOME_FP);
  ids = selected_ids (f, back, NULL);
  g_assert_cmpstr (back->filter.error, ==, "bkg");
  g_assert_cmpstr (back->filter.metric, ==, "area");
  g_assert_cmpfloat (back->filter.metric_lo, ==, 50);
  g_assert_cmpfloat (back->filter.metric_hi, ==, INFINITY);
  /* night = 2, 3, 5 now; image 5's FP is a cat, image 2's a Loc error; with
   * the dogs alone, TIDE leaves image 3's cat GT out: its dog is a Bkg error. */
  g_assert_cmpstr (ids, ==, "3");
  g_assert_cmpuint (precis_collections_get_tag (f->collections, "night")->len, ==, 4);
  g_assert_cmpuint (precis_collections_get_tag (f->collections, "day")->len, ==, 2);

  /* Removing every image deletes the tag. */
  g_assert_cmpuint (precis_collections_tag (f->collections, "night", drop, 3, TRUE), ==, 3);
  g_assert_cmpuint (precis_collections_get_tag (f->collections, "night")->len, ==, 1);
  g_assert_cmpuint (precis_collections_tag (f->collections, "day", add, 2, TRUE), ==, 2);
  g_assert_null (precis_collections_get_tag (f->collections, "day"));
}

/* A project without the member: no collections; storing writes version 1. */
static void
test_round_trip_new (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) after = NULL;
  JsonNode *c;

  g_assert_cmpuint (precis_collections_get_n (f->collections), ==, 0);
  g_assert_cmpuint (f->problems->len, ==, 0);
  precis_collections_add (f->collections, precis_collection_new ("all", PRECIS_COLLECTION_FILTER), NULL);
  write_back (f);
  after = parse_path (f->project_path);
  c = member (after, "collections");
  g_assert_cmpint (json_node_get_int (member (c, "version")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (member (c, "items"))), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (member (c, "tags")));
  g_assert_cmpstr (json_node_get_string (member (after, "ground_truth")), ==, "gt.json");
}

static const char damaged_json[] =
  PROJECT_HEAD
  "  \"collections\": {\"version\": 1, \"items\": ["
  "{\"name\": \"good\", \"kind\": \"frozen\", \"images\": [1]},"
  "{\"name\": \"bad kind\", \"kind\": \"smart\"},"
  "{\"name\": \"bad id\", \"kind\": \"frozen\", \"images\": [1, \"two\"]},"
  "{\"name\": \"bad iou\", \"kind\": \"filter\", \"filter\": {\"iou\": 1.5}},"
  "{\"name\": \"bad outcome\", \"kind\": \"filter\", \"filter\": {\"outcome\": \"tn\"}},"
  "{\"name\": \"good\", \"kind\": \"frozen\", \"images\": [2]},"
  "42,"
  "{\"name\": \"bad range\", \"kind\": \"filter\", \"filter\": {\"metric\": \"area\", \"range\": [5, 1]}}],"
  " \"tags\": {\"ok\": [1], \"broken\": {\"id\": 1}}}\n}\n";

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  static const char *expected[] = {
    "project.json: collections.items[1].kind: expected \"filter\" or \"frozen\"",
    "project.json: collections.items[2].images[1]: expected an integer image id",
    "project.json: collections.items[3].filter.iou: expected a number between 0 and 1",
    "project.json: collections.items[4].filter.outcome: expected any, tp, fp or fn",
    "project.json: collections.items[5].name: a second collection of this name",
    "project.json: collections.items[6]: expected an object",
    "project.json: collections.items[7].filter.range: the low end is above the high end",
    "project.json: collections.tags.broken: expected an array of image ids",
  };
  g_autoptr(JsonNode) before = parse_text (damaged_json);
  g_autoptr(JsonNode) after = NULL;
  JsonArray *items_before, *items_after;

  g_assert_cmpuint (f->problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (f->problems, i), ==, expected[i]);
  g_assert_cmpuint (precis_collections_get_n (f->collections), ==, 1);
  g_assert_nonnull (precis_collections_get_tag (f->collections, "ok"));
  g_assert_null (precis_collections_get_tag (f->collections, "broken"));

  /* Written back, every damaged entry is still there, unchanged. */
  precis_collections_add (f->collections, precis_collection_new ("new", PRECIS_COLLECTION_FROZEN), NULL);
  write_back (f);
  after = parse_path (f->project_path);
  items_before = json_node_get_array (member (member (before, "collections"), "items"));
  items_after = json_node_get_array (member (member (after, "collections"), "items"));
  g_assert_cmpuint (json_array_get_length (items_after), ==, json_array_get_length (items_before) + 1);
  for (guint i = 1; i < json_array_get_length (items_before); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (items_after); j++)
        found |= json_node_equal (json_array_get_element (items_before, i), json_array_get_element (items_after, j));
      g_assert_true (found);
    }
  g_assert_true (json_node_equal (member (member (member (before, "collections"), "tags"), "broken"),
                                  member (member (member (after, "collections"), "tags"), "broken")));
  /* Re-read, the same problems (the same entries are damaged). */
  fixture_load (f);
  g_assert_cmpuint (f->problems->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (precis_collections_get_n (f->collections), ==, 2);
}

static void
test_bad_member (void)
{
  static const struct { const char *member, *message; } cases[] = {
    { "[]", "project.json: collections: expected an object" },
    { "{\"version\": 2}", "project.json: collections.version: unsupported version (this Precis reads version 1)" },
    { "{\"items\": {}}", "project.json: collections.items: expected an array" },
    { "{\"tags\": []}", "project.json: collections.tags: expected an object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = make_temp_dir ();
      g_autofree char *text = g_strdup_printf (PROJECT_HEAD "  \"collections\": %s\n}\n", cases[i].member);
      g_autofree char *path = g_build_filename (dir, "project.json", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(PrecisProject) project = NULL;
      g_autoptr(PrecisCollections) collections = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      write_file (dir, "gt.json", gt_json);
      write_file (dir, "pred.json", pred_json);
      write_file (dir, "pred2.json", pred2_json);
      write_file (dir, "project.json", text);
      project = precis_project_open (file, NULL, &error);
      g_assert_no_error (error);
      collections = precis_collections_load (project, &problems, &error);
      g_assert_null (collections);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      remove_dir (dir);
    }
}

static const char gt2_json[] =
  "{\"images\": ["
  "{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 100, \"height\": 100},"
  "{\"id\": 2, \"file_name\": \"b.jpg\", \"width\": 100, \"height\": 100},"
  "{\"id\": 3, \"file_name\": \"c.jpg\", \"width\": 100, \"height\": 100},"
  "{\"id\": 5, \"file_name\": \"e.jpg\", \"width\": 100, \"height\": 100}],"
  "\"categories\": [{\"id\": 1, \"name\": \"cat\"}, {\"id\": 2, \"name\": \"dog\"}],"
  "\"annotations\": ["
  "{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "{\"id\": 2, \"image_id\": 2, \"category_id\": 2, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "{\"id\": 3, \"image_id\": 3, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "{\"id\": 5, \"image_id\": 5, \"category_id\": 1, \"bbox\": [50, 50, 10, 10], \"area\": 100, \"iscrowd\": 0}]}";

/* A re-annotated GT (gt2_json): image 4 and its GT gone, image 5 now holds a
 * cat that matches its prediction. The filter collection is evaluated on the
 * new data; the frozen one keeps its ids and reports the ones no image has. */
static void
test_changed_gt (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *ids = NULL;
  PrecisCollection *fp = precis_collection_new ("fp", PRECIS_COLLECTION_FILTER);

  fp->filter.outcome = PRECIS_COLLECTION_OUTCOME_FP;
  precis_collections_add (f->collections, fp, NULL);
  ids = selected_ids (f, fp, NULL);
  g_assert_cmpstr (ids, ==, "3,5");
  g_clear_pointer (&ids, g_free);
  write_back (f);

  write_file (f->dir, "gt.json", gt2_json);
  /* pred2.json's only image is gone with the GT's image 4. */
  write_file (f->dir, "pred2.json", "[]");
  fixture_load (f);

  ids = selected_ids (f, precis_collections_find (f->collections, "fp"), NULL);
  g_assert_cmpstr (ids, ==, "3");
  g_clear_pointer (&ids, g_free);
  ids = selected_ids (f, precis_collections_find (f->collections, "hand"), missing);
  g_assert_cmpstr (ids, ==, "2");
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_cmpint (g_array_index (missing, gint64, 0), ==, 4);
  g_assert_cmpint (g_array_index (missing, gint64, 1), ==, 99);
  g_assert_cmpuint (precis_collections_get_tag (f->collections, "night")->len, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, fn) g_test_add (path, Fixture, data, fixture_set_up, fn, fixture_tear_down)
  ADD ("/collections/load", NULL, test_load);
  ADD ("/collections/filter-semantics", NULL, test_filter_semantics);
  ADD ("/collections/filter-errors", NULL, test_filter_errors);
  ADD ("/collections/filter-tide-error", NULL, test_filter_tide_error);
  ADD ("/collections/filter-metric", NULL, test_filter_metric);
  ADD ("/collections/round-trip/unchanged", NULL, test_round_trip_unchanged);
  ADD ("/collections/round-trip/edit", NULL, test_round_trip_edit);
  ADD ("/collections/round-trip/new", PROJECT_HEAD "  \"notes\": 1\n}\n", test_round_trip_new);
  ADD ("/collections/damaged", damaged_json, test_damaged);
  ADD ("/collections/changed-gt", NULL, test_changed_gt);
#undef ADD
  g_test_add_func ("/collections/bad-member", test_bad_member);
  return g_test_run ();
}

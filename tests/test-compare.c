/* test-compare.c: comparing models and the paired bootstrap (SEMANTICS.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-bootstrap.h"
#include "precis-compare.h"
#include "precis-test-files.h"

/* ------------------------------------------------------------------------ */
/* Helpers */

static const char *
real_file (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", name, NULL);
}

/* A compare over every model of @dataset (bbox), baseline 0. */
static PrecisCompare *
make_compare (PrecisDataset *dataset)
{
  guint n = precis_dataset_get_n_models (dataset);
  g_autofree PrecisMatcher **matchers = g_new0 (PrecisMatcher *, n);
  PrecisCompare *compare;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      matchers[i] = precis_matcher_new (dataset, i, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  compare = precis_compare_new (matchers, n, 0);
  for (guint i = 0; i < n; i++)
    g_object_unref (matchers[i]);
  return compare;
}

/* The real project with models: segm results (bbox from their masks), bbox
 * results, and the segm results again (an identical copy). */
static PrecisDataset *
load_real_three (void)
{
  const char *preds[] = { real_file ("predictions_segm.json"), real_file ("predictions_bbox.json"),
                          real_file ("predictions_segm.json") };

  return load_files (real_file ("gt.json"), preds, 3);
}


/* Sets the same parameters on a compare: t, s, classes (every third class
 * dropped when @some_classes), images (every fifth dropped when @some_images). */
static void
set_params (PrecisCompare *compare,
            PrecisDataset *dataset,
            double         t,
            double         s,
            gboolean       some_classes,
            gboolean       some_images)
{
  guint nc = precis_dataset_get_n_categories (dataset), ni = precis_dataset_get_n_images (dataset);
  g_autofree guint8 *cm = g_malloc (nc);
  g_autofree guint8 *im = g_malloc (ni);

  for (guint c = 0; c < nc; c++)
    cm[c] = !some_classes || c % 3 != 1;
  for (guint k = 0; k < ni; k++)
    im[k] = !some_images || k % 5 != 2;
  precis_compare_set_threshold (compare, t);
  precis_compare_set_confidence (compare, s);
  precis_compare_set_classes (compare, cm);
  precis_compare_set_images (compare, im);
}

/* ------------------------------------------------------------------------ */
/* With every image once, the bootstrap's evaluator is protocol `active`,
 * bit for bit (SEMANTICS.md §3 and §10). */

static void
test_identity_resample (void)
{
  g_autoptr(PrecisDataset) dataset = load_real_three ();
  g_autoptr(PrecisCompare) compare = make_compare (dataset);
  const double ts[] = { 0.1, 0.5, 0.75, 0.95 };
  guint checked = 0;

  for (guint a = 0; a < G_N_ELEMENTS (ts); a++)
    for (guint variant = 0; variant < 4; variant++)
      {
        set_params (compare, dataset, ts[a], variant == 3 ? 0.3 : 0, variant & 1, variant & 2);
        if (variant == 2)
          precis_compare_set_area_range (compare, 32 * 32, 96 * 96);
        else
          precis_compare_set_area_range (compare, 0, INFINITY);
        precis_compare_evaluate (compare);
        for (guint m = 0; m < 3; m++)
          {
            const PrecisActiveResult *r = precis_compare_get_result (compare, m);
            double stats[PRECIS_COMPARE_N_STATS];

            precis_compare_bootstrap_stats (compare, m, G_MAXUINT, 0, stats);
            g_assert_cmpfloat (stats[PRECIS_COMPARE_MAP], ==, r->map);
            g_assert_cmpfloat (stats[PRECIS_COMPARE_MAR], ==, r->mar);
            g_assert_cmpfloat (stats[PRECIS_COMPARE_MEAN_F1], ==, r->mean_f1);
            g_assert_cmpfloat (r->map, >, 0);
            checked++;
          }
      }
  g_assert_cmpuint (checked, ==, 48);
}

/* ------------------------------------------------------------------------ */
/* A resample equals evaluating a project in which every drawn image is
 * written out as many times as it was drawn (copies get new ids right after
 * the original's, so that ties keep the §3 order). */

static void
append_copies (JsonArray  *out,
               JsonArray  *in,
               GHashTable *weight_by_id,
               const char *image_member,
               gboolean    renumber)
{
  for (guint i = 0; i < json_array_get_length (in); i++)
    {
      JsonObject *obj = json_array_get_object_element (in, i);
      gint64 img = json_object_get_int_member (obj, image_member);
      guint w = GPOINTER_TO_UINT (g_hash_table_lookup (weight_by_id, &img));

      for (guint j = 0; j < w; j++)
        {
          /* json_node_copy() shares the object: copy its members. */
          JsonObject *c = json_object_new ();
          GList *members = json_object_get_members (obj);
          JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (c, l->data, json_node_copy (json_object_get_member (obj, l->data)));
          g_list_free (members);
          json_node_take_object (copy, c);

          json_object_set_int_member (c, image_member, img * 1000 + j);
          if (renumber)
            json_object_set_int_member (c, "id", json_object_get_int_member (obj, "id") * 1000 + j);
          json_array_add_element (out, copy);
        }
    }
}

static char *
to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static JsonNode *
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Writes gt.json and predictions.json of the resample into @dir. */
static void
materialise (PrecisDataset *dataset,
             const guint32 *w,
             const char    *dir)
{
  g_autoptr(JsonNode) gt = parse_file (real_file ("gt.json"));
  g_autoptr(JsonNode) dt = parse_file (real_file ("predictions_bbox.json"));
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  JsonObject *g = json_node_get_object (gt);
  JsonArray *images = json_array_new (), *anns = json_array_new ();
  g_autoptr(JsonNode) out_dt = json_node_new (JSON_NODE_ARRAY);
  JsonArray *preds = json_array_new ();
  g_autofree char *gt_text = NULL;
  g_autofree char *dt_text = NULL;

  for (guint k = 0; k < precis_dataset_get_n_images (dataset); k++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = precis_dataset_get_image (dataset, k)->id;
      g_hash_table_insert (by_id, id, GUINT_TO_POINTER (w[k]));
    }

  /* Images: the "id" member of each image object is its image id. */
  append_copies (images, json_object_get_array_member (g, "images"), by_id, "id", FALSE);
  append_copies (anns, json_object_get_array_member (g, "annotations"), by_id, "image_id", TRUE);
  json_object_set_array_member (g, "images", images);
  json_object_set_array_member (g, "annotations", anns);
  append_copies (preds, json_node_get_array (dt), by_id, "image_id", FALSE);
  json_node_take_array (out_dt, preds);

  gt_text = to_text (gt);
  dt_text = to_text (out_dt);
  write_file (dir, "gt.json", gt_text);
  write_file (dir, "predictions.json", dt_text);
}

static void
test_resample_is_a_multiset (void)
{
  const char *preds[] = { real_file ("predictions_bbox.json") };
  g_autoptr(PrecisDataset) dataset = load_files (real_file ("gt.json"), preds, 1);
  g_autoptr(PrecisCompare) compare = make_compare (dataset);
  guint ni = precis_dataset_get_n_images (dataset);
  g_autofree guint32 *w = g_new0 (guint32, ni);

  for (guint index = 0; index < 3; index++)
    {
      g_autofree char *dir = make_temp_dir ();
      g_autofree char *gt_path = g_build_filename (dir, "gt.json", NULL);
      g_autofree char *dt_path = g_build_filename (dir, "predictions.json", NULL);
      const char *copy_preds[] = { dt_path };
      g_autoptr(PrecisDataset) copy = NULL;
      g_autoptr(PrecisCompare) copy_compare = NULL;
      const PrecisActiveResult *r;
      double stats[PRECIS_COMPARE_N_STATS];
      guint total = 0, repeated = 0;

      precis_compare_set_threshold (compare, 0.5);
      precis_compare_bootstrap_weights (compare, index, 7, w);
      for (guint k = 0; k < ni; k++)
        {
          total += w[k];
          repeated += w[k] > 1;
        }
      g_assert_cmpuint (total, ==, ni);
      g_assert_cmpuint (repeated, >, 0);

      materialise (dataset, w, dir);
      copy = load_files (gt_path, copy_preds, 1);
      copy_compare = make_compare (copy);
      precis_compare_set_threshold (copy_compare, 0.5);
      r = precis_compare_get_result (copy_compare, 0);

      precis_compare_bootstrap_stats (compare, 0, index, 7, stats);
      /* The ranking of the copy interleaves copies of equal-scored
       * predictions of one image, which the bootstrap keeps adjacent; the
       * real file has none of those ties, so the values agree exactly. */
      g_assert_cmpfloat (stats[PRECIS_COMPARE_MAP], ==, r->map);
      g_assert_cmpfloat (stats[PRECIS_COMPARE_MAR], ==, r->mar);
      g_assert_cmpfloat (stats[PRECIS_COMPARE_MEAN_F1], ==, r->mean_f1);
      remove_dir (dir);
    }
}

/* ------------------------------------------------------------------------ */
/* A model compared with an identical copy of itself (SEMANTICS.md §10). */

static void
test_identical_copy (void)
{
  g_autoptr(PrecisDataset) dataset = load_real_three ();
  g_autoptr(PrecisCompare) compare = make_compare (dataset);
  g_autoptr(PrecisBootstrap) boot = NULL;
  g_autoptr(GError) error = NULL;
  PrecisCompareDelta d;
  guint n = 99;
  g_autofree PrecisCompareImageDiff *diff = NULL;

  precis_compare_set_threshold (compare, 0.5);
  precis_compare_evaluate (compare);
  precis_compare_get_delta (compare, 2, &d);
  for (guint s = 0; s < PRECIS_COMPARE_N_STATS; s++)
    g_assert_cmpfloat (d.stat[s], ==, 0);
  g_assert_cmpint (d.tp, ==, 0);
  g_assert_cmpint (d.fp, ==, 0);
  g_assert_cmpint (d.fn, ==, 0);

  diff = precis_compare_get_differ (compare, 2, &n);
  g_assert_cmpuint (n, ==, 0);

  boot = precis_compare_bootstrap (compare, 300, 42, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boot->n_images, ==, 100);
  for (guint s = 0; s < PRECIS_COMPARE_N_STATS; s++)
    {
      guint k = 2 * PRECIS_COMPARE_N_STATS + s;

      g_assert_cmpfloat (boot->ci_low[k], ==, 0);
      g_assert_cmpfloat (boot->ci_high[k], ==, 0);
      g_assert_cmpfloat (boot->p_better[k], ==, 0);
      for (guint b = 0; b < 300; b++)
        g_assert_cmpfloat (boot->deltas[(gsize) k * 300 + b], ==, 0);
    }
  /* The baseline against itself: 0 too. */
  g_assert_cmpfloat (boot->ci_low[0], ==, 0);
  g_assert_cmpfloat (boot->ci_high[0], ==, 0);

  /* The bbox model differs: on coco2014-cocoapi100 at t = 0.5 it has one TP
   * more than the segm results (649 vs 648, `precis-cli eval --json`). */
  precis_compare_get_delta (compare, 1, &d);
  g_assert_cmpint (d.tp, ==, 1);
  g_assert_cmpfloat (d.stat[PRECIS_COMPARE_MAP], >, 0);
  g_assert_cmpfloat (boot->ci_high[PRECIS_COMPARE_N_STATS], >, 0);
}

/* ------------------------------------------------------------------------ */
/* Determinism: the same seed gives the same numbers whatever the number of
 * threads; another seed gives others. */

static void
test_bootstrap_determinism (void)
{
  g_autoptr(PrecisDataset) dataset = load_real_three ();
  g_autoptr(PrecisCompare) compare = make_compare (dataset);
  g_autoptr(PrecisBootstrap) one = NULL;
  g_autoptr(PrecisBootstrap) two = NULL;
  g_autoptr(PrecisBootstrap) five = NULL;
  g_autoptr(PrecisBootstrap) other = NULL;
  gsize n = (gsize) 3 * PRECIS_COMPARE_N_STATS * 200;

  precis_compare_set_threshold (compare, 0.5);
  one = precis_compare_bootstrap (compare, 200, 1234, 1, NULL, NULL);
  two = precis_compare_bootstrap (compare, 200, 1234, 2, NULL, NULL);
  five = precis_compare_bootstrap (compare, 200, 1234, 5, NULL, NULL);
  other = precis_compare_bootstrap (compare, 200, 1235, 2, NULL, NULL);

  g_assert_true (memcmp (one->deltas, two->deltas, n * sizeof (double)) == 0);
  g_assert_true (memcmp (one->deltas, five->deltas, n * sizeof (double)) == 0);
  g_assert_true (memcmp (one->ci_low, two->ci_low, 3 * PRECIS_COMPARE_N_STATS * sizeof (double)) == 0);
  g_assert_true (memcmp (one->p_better, five->p_better, 3 * PRECIS_COMPARE_N_STATS * sizeof (double)) == 0);
  g_assert_false (memcmp (one->deltas, other->deltas, n * sizeof (double)) == 0);

  /* The interval brackets the observed Δ (0.0007 mAP, 1 TP of 830 GT). */
  g_assert_cmpfloat (one->ci_low[PRECIS_COMPARE_N_STATS], <=, one->ci_high[PRECIS_COMPARE_N_STATS]);
  g_assert_cmpfloat (one->p_better[PRECIS_COMPARE_N_STATS], >, 0);
  g_assert_cmpfloat (one->p_better[PRECIS_COMPARE_N_STATS], <, 1);
}

static void
bootstrap_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PrecisBootstrap **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = precis_compare_bootstrap_finish (PRECIS_COMPARE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_bootstrap_async (void)
{
  g_autoptr(PrecisDataset) dataset = load_real_three ();
  g_autoptr(PrecisCompare) compare = make_compare (dataset);
  g_autoptr(PrecisBootstrap) sync = NULL;
  g_autoptr(PrecisBootstrap) async = NULL;

  precis_compare_set_threshold (compare, 0.6);
  sync = precis_compare_bootstrap (compare, 200, 5, 0, NULL, NULL);
  precis_compare_bootstrap_async (compare, 200, 5, NULL, bootstrap_done, &async);
  /* The outcomes were read: changing the parameters now does not matter. */
  precis_compare_set_threshold (compare, 0.1);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (memcmp (sync->deltas, async->deltas, (gsize) 3 * PRECIS_COMPARE_N_STATS * 200 * sizeof (double)) == 0);
}

/* ------------------------------------------------------------------------ */
/* Where models differ, on the SEMANTICS.md §3 worked example: model A =
 * {P1, P2, P3}, model B = {P3}. At t = 0.5 A has TP P1 (G1), FP P2, P3 and
 * FN G2; B has FP P3 and FN G1, G2. So A wins G1 over B, and has one FP more. */

static const char *worked_gt =
  "{\"images\": [{\"id\": 1, \"width\": 40, \"height\": 20, \"file_name\": \"a.png\"},"
  " {\"id\": 2, \"width\": 40, \"height\": 20, \"file_name\": \"b.png\"}],"
  " \"categories\": [{\"id\": 1, \"name\": \"thing\"}],"
  " \"annotations\": ["
  "  {\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "  {\"id\": 2, \"image_id\": 1, \"category_id\": 1, \"bbox\": [2, 0, 10, 10], \"area\": 100, \"iscrowd\": 0},"
  "  {\"id\": 3, \"image_id\": 2, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"area\": 100, \"iscrowd\": 0}]}";

static void
test_differ (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *a = g_build_filename (dir, "a.json", NULL);
  g_autofree char *b = g_build_filename (dir, "b.json", NULL);
  const char *preds[] = { a, b };
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisCompare) compare = NULL;
  g_autofree PrecisCompareImageDiff *diff = NULL;
  g_autofree PrecisCompareImageDiff *back = NULL;
  PrecisCompareDelta d;
  guint n = 0;

  write_file (dir, "gt.json", worked_gt);
  /* Image 2 has a GT both models find with the same prediction. */
  write_file (dir, "a.json",
              "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"score\": 0.9},"
              " {\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 0, 9, 10], \"score\": 0.8},"
              " {\"image_id\": 1, \"category_id\": 1, \"bbox\": [9, 0, 10, 10], \"score\": 0.7},"
              " {\"image_id\": 2, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"score\": 0.6}]");
  write_file (dir, "b.json",
              "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [9, 0, 10, 10], \"score\": 0.7},"
              " {\"image_id\": 2, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"score\": 0.6}]");
  dataset = load_files (gt, preds, 2);
  compare = make_compare (dataset);
  precis_compare_set_baseline (compare, 1);
  precis_compare_set_threshold (compare, 0.5);

  diff = precis_compare_get_differ (compare, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (diff[0].image, ==, 0);
  g_assert_cmpuint (diff[0].won, ==, 1);
  g_assert_cmpuint (diff[0].lost, ==, 0);
  g_assert_cmpint (diff[0].extra_fp, ==, 1);
  /* G1 (annotation index 0) is the GT won. */
  g_assert_cmpint (precis_compare_get_gt_difference (compare, 0, 0), ==, 1);
  g_assert_cmpint (precis_compare_get_gt_difference (compare, 0, 1), ==, 0);
  g_assert_cmpint (precis_compare_get_gt_difference (compare, 0, 2), ==, 0);

  /* A: TP 2 (G1, G3), FP 2, FN 1; B: TP 1 (G3), FP 1, FN 2. */
  precis_compare_get_delta (compare, 0, &d);
  g_assert_cmpint (d.tp, ==, 1);
  g_assert_cmpint (d.fp, ==, 1);
  g_assert_cmpint (d.fn, ==, -1);

  /* The other way round. */
  precis_compare_set_baseline (compare, 0);
  back = precis_compare_get_differ (compare, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (back[0].won, ==, 0);
  g_assert_cmpuint (back[0].lost, ==, 1);
  g_assert_cmpint (back[0].extra_fp, ==, -1);

  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/bootstrap/identity-is-active", test_identity_resample);
  g_test_add_func ("/compare/bootstrap/resample-is-a-multiset", test_resample_is_a_multiset);
  g_test_add_func ("/compare/identical-copy", test_identical_copy);
  g_test_add_func ("/compare/bootstrap/determinism", test_bootstrap_determinism);
  g_test_add_func ("/compare/bootstrap/async", test_bootstrap_async);
  g_test_add_func ("/compare/differ", test_differ);

  return g_test_run ();
}

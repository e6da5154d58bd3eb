/* test-classify.c: classification projects (SEMANTICS.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * References: tests/data/classify/reference.json, written by make-classify.py
 * in that folder with scikit-learn 1.2.1 and numpy 1.24.2 (Debian's; the
 * command is in tests/data/README.md). Counts are compared with ==; ratios
 * within 1e-12: the per-class P, R and F1 are the same divisions as
 * scikit-learn's and come out equal, but the macro and weighted means (numpy's
 * pairwise sum, np.average's weights) and the ECE (numpy's sums) add in
 * another order, which can differ in the last bits.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "precis-classify.h"
#include "precis-classify-chart.h"
#include "precis-test-files.h"

#define EPS 1e-12

static PrecisDataset *
load_folder (const char *dir,
             GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);

  return precis_dataset_load_project (file, NULL, NULL, NULL, error);
}

static PrecisDataset *
load_reference_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "classify", NULL);
  PrecisDataset *ds = load_folder (dir, &error);

  g_assert_no_error (error);
  g_assert_true (precis_dataset_is_classification (ds));
  return ds;
}

static void
assert_ratio (JsonNode *expected,
              double    value)
{
  if (JSON_NODE_HOLDS_NULL (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, json_node_get_double (expected), EPS);
}

static void
check_classes (PrecisDataset              *ds,
               const PrecisClassifyResult *r,
               JsonArray                  *per_class)
{
  g_assert_cmpuint (r->n_classes, ==, json_array_get_length (per_class));
  for (guint i = 0; i < r->n_classes; i++)
    {
      JsonObject *e = json_array_get_object_element (per_class, i);
      const PrecisClassifyPerClass *c = &r->classes[i];

      g_assert_cmpint (precis_dataset_get_category (ds, c->category)->id, ==,
                       json_object_get_int_member (e, "category_id"));
      g_assert_cmpuint (c->support, ==, json_object_get_int_member (e, "support"));
      g_assert_cmpuint (c->tp, ==, json_object_get_int_member (e, "TP"));
      g_assert_cmpuint (c->fp, ==, json_object_get_int_member (e, "FP"));
      g_assert_cmpuint (c->fn, ==, json_object_get_int_member (e, "FN"));
      g_assert_cmpfloat_with_epsilon (c->precision, json_object_get_double_member (e, "P"), EPS);
      g_assert_cmpfloat_with_epsilon (c->recall, json_object_get_double_member (e, "R"), EPS);
      g_assert_cmpfloat_with_epsilon (c->f1, json_object_get_double_member (e, "F1"), EPS);
    }
}

static void
check_result (PrecisDataset              *ds,
              const PrecisClassifyResult *r,
              JsonObject                 *ref)
{
  JsonArray *macro = json_object_get_array_member (ref, "macro");
  JsonArray *weighted = json_object_get_array_member (ref, "weighted");
  JsonArray *matrix = json_object_get_array_member (ref, "confusion");
  JsonArray *bins = json_object_get_array_member (ref, "bins");
  guint k = r->n_categories;

  g_assert_cmpuint (r->n_images, ==, json_object_get_int_member (ref, "n_images"));
  g_assert_cmpuint (r->correct, ==, json_object_get_int_member (ref, "correct"));
  g_assert_cmpuint (r->answered, ==, json_object_get_int_member (ref, "answered"));
  g_assert_cmpuint (r->top5_correct, ==, json_object_get_int_member (ref, "top5_correct"));
  g_assert_cmpfloat_with_epsilon (r->accuracy, json_object_get_double_member (ref, "accuracy"), EPS);
  if (json_object_has_member (ref, "top5_accuracy"))
    {
      g_assert_true (r->has_top5);
      g_assert_cmpfloat_with_epsilon (r->top5_accuracy, json_object_get_double_member (ref, "top5_accuracy"), EPS);
    }
  g_assert_cmpfloat_with_epsilon (r->macro_precision, json_array_get_double_element (macro, 0), EPS);
  g_assert_cmpfloat_with_epsilon (r->macro_recall, json_array_get_double_element (macro, 1), EPS);
  g_assert_cmpfloat_with_epsilon (r->macro_f1, json_array_get_double_element (macro, 2), EPS);
  g_assert_cmpfloat_with_epsilon (r->weighted_precision, json_array_get_double_element (weighted, 0), EPS);
  g_assert_cmpfloat_with_epsilon (r->weighted_recall, json_array_get_double_element (weighted, 1), EPS);
  g_assert_cmpfloat_with_epsilon (r->weighted_f1, json_array_get_double_element (weighted, 2), EPS);
  check_classes (ds, r, json_object_get_array_member (ref, "per_class"));

  g_assert_cmpuint (json_array_get_length (matrix), ==, k);
  for (guint g = 0; g < k; g++)
    {
      JsonArray *row = json_array_get_array_element (matrix, g);

      g_assert_cmpuint (json_array_get_length (row), ==, k + 1);
      for (guint p = 0; p <= k; p++)
        g_assert_cmpuint (r->confusion[g * (k + 1) + p], ==, json_array_get_int_element (row, p));
    }

  g_assert_cmpuint (json_array_get_length (bins), ==, PRECIS_CLASSIFY_N_BINS);
  for (guint b = 0; b < PRECIS_CLASSIFY_N_BINS; b++)
    {
      JsonObject *e = json_array_get_object_element (bins, b);

      g_assert_cmpuint (r->bins[b].n, ==, json_object_get_int_member (e, "n"));
      assert_ratio (json_object_get_member (e, "accuracy"), r->bins[b].accuracy);
      assert_ratio (json_object_get_member (e, "confidence"), r->bins[b].confidence);
    }
  g_assert_cmpfloat_with_epsilon (r->ece, json_object_get_double_member (ref, "ece"), EPS);
  g_assert_cmpfloat_with_epsilon (r->coverage, json_object_get_double_member (ref, "coverage"), EPS);
  assert_ratio (json_object_get_member (ref, "selective_accuracy"), r->selective_accuracy);
}

/* Every figure of both models at s = 0 and 0.5 against scikit-learn's. */
static void
test_sklearn (void)
{
  g_autoptr(PrecisDataset) ds = load_reference_project ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "classify", "reference.json", NULL);
  JsonObject *models;
  static const char *const names[] = { "sparse", "top5" };
  static const char *const thresholds[] = { "0.0", "0.5" };

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  models = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "models");

  g_assert_cmpuint (precis_dataset_get_n_models (ds), ==, 2);
  for (guint m = 0; m < G_N_ELEMENTS (names); m++)
    {
      guint model = precis_dataset_find_model (ds, names[m]);
      g_autoptr(PrecisClassify) cls = NULL;
      JsonObject *per_s = json_object_get_object_member (models, names[m]);

      g_assert_cmpuint (model, !=, PRECIS_NO_INDEX);
      cls = precis_classify_new (ds, model);
      for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
        {
          const PrecisClassifyResult *r;

          g_test_message ("model %s, s = %s", names[m], thresholds[t]);
          precis_classify_set_confidence (cls, g_ascii_strtod (thresholds[t], NULL));
          r = precis_classify_evaluate (cls);
          g_assert_cmpuint (r->n_unlabelled, ==, 2);
          g_assert_true (r->has_top5 == (m == 1));
          if (m == 0)
            g_assert_true (isnan (r->top5_accuracy));
          check_result (ds, r, json_object_get_object_member (per_s, thresholds[t]));
        }
    }
}

/* The bins' edges: 0 and 1/15 in bin 0, (b/15, (b+1)/15] in bin b. */
static void
test_bins (void)
{
  g_assert_cmpuint (precis_classify_bin_of (0.0), ==, 0);
  g_assert_cmpuint (precis_classify_bin_of (1.0 / 15), ==, 0);
  g_assert_cmpuint (precis_classify_bin_of (nextafter (1.0 / 15, 1)), ==, 1);
  for (guint b = 1; b < 15; b++)
    {
      double edge = (double) b / 15;

      g_assert_cmpuint (precis_classify_bin_of (edge), ==, b - 1);
      g_assert_cmpuint (precis_classify_bin_of (nextafter (edge, 1)), ==, b);
    }
  g_assert_cmpuint (precis_classify_bin_of (0.4), ==, 5);   /* 0.4 is 6/15: bin 5 */
  g_assert_cmpuint (precis_classify_bin_of (1.0), ==, 14);
}

#define HAND_GT \
  "{\"images\":[{\"id\":1,\"file_name\":\"a.png\",\"width\":4,\"height\":4}," \
  "{\"id\":2,\"file_name\":\"b.png\",\"width\":4,\"height\":4}," \
  "{\"id\":3,\"file_name\":\"c.png\",\"width\":4,\"height\":4}," \
  "{\"id\":4,\"file_name\":\"d.png\",\"width\":4,\"height\":4}]," \
  "\"categories\":[{\"id\":1,\"name\":\"cat\"},{\"id\":2,\"name\":\"dog\"}]," \
  "\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1},{\"id\":2,\"image_id\":2,\"category_id\":1}," \
  "{\"id\":3,\"image_id\":3,\"category_id\":2},{\"id\":4,\"image_id\":4,\"category_id\":2}]}"

/* Worked by hand. GT: cat, cat, dog, dog. Top-1 predictions: image 1 cat 0.9
 * (right), image 2 dog 0.8 (wrong), image 3 dog 0.3 (right), image 4 none.
 * s = 0: bins: 0.9 → bin 13 (13/15 < 0.9 ≤ 14/15), 0.8 → bin 11
 * (11/15 = 0.733 < 0.8 ≤ 0.8 = 12/15), 0.3 → bin 4 (4/15 = 0.267 < 0.3 ≤ 0.333),
 * none → score 0, bin 0, wrong.
 * ECE = ¼·|1 − 0.9| + ¼·|0 − 0.8| + ¼·|1 − 0.3| + ¼·|0 − 0| = ¼ · 1.6 = 0.4.
 * accuracy 2/4; coverage 3/4, selective accuracy 2/3.
 * cat: P = 1/1, R = 1/2, F1 = 2/3; dog: P = 1/2, R = 1/2, F1 = 1/2;
 * macro F1 = 7/12. s = 0.5: image 3 abstains: accuracy 1/4, coverage 2/4,
 * selective 1/2; ECE = ¼·0.1 + ¼·0.8 + ¼·0 + ¼·0 = 0.225. */
static void
test_hand (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  g_autoptr(PrecisClassify) cls = NULL;
  const PrecisClassifyResult *r;

  write_file (dir, "gt.json", HAND_GT);
  write_file (dir, "predictions.json",
              "[{\"image_id\":1,\"category_id\":1,\"score\":0.9},{\"image_id\":1,\"category_id\":2,\"score\":0.1},"
              "{\"image_id\":2,\"category_id\":2,\"score\":0.8},{\"image_id\":3,\"category_id\":1,\"score\":0.2},"
              "{\"image_id\":3,\"category_id\":2,\"score\":0.3}]");
  ds = load_folder (dir, &error);
  remove_dir (dir);
  g_assert_no_error (error);
  g_assert_true (precis_dataset_is_classification (ds));

  cls = precis_classify_new (ds, 0);
  r = precis_classify_evaluate (cls);
  g_assert_cmpuint (r->n_images, ==, 4);
  g_assert_cmpuint (r->correct, ==, 2);
  g_assert_cmpuint (r->answered, ==, 3);
  g_assert_false (r->has_top5);
  g_assert_cmpfloat (r->accuracy, ==, 0.5);
  g_assert_cmpfloat (r->coverage, ==, 0.75);
  g_assert_cmpfloat (r->selective_accuracy, ==, 2.0 / 3);
  g_assert_cmpfloat_with_epsilon (r->ece, 0.4, EPS);
  g_assert_cmpuint (r->bins[13].n, ==, 1);
  g_assert_cmpuint (r->bins[11].n, ==, 1);
  g_assert_cmpuint (r->bins[4].n, ==, 1);
  g_assert_cmpuint (r->bins[0].n, ==, 1);
  g_assert_cmpuint (r->bins[0].correct, ==, 0);
  g_assert_cmpuint (r->n_classes, ==, 2);
  g_assert_cmpfloat (r->classes[0].f1, ==, 2.0 / 3);
  g_assert_cmpfloat (r->classes[1].f1, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (r->macro_f1, 7.0 / 12, EPS);
  /* Row cat: [cat 1, dog 1, none 0]; row dog: [0, 1, 1]. */
  g_assert_cmpuint (r->confusion[0], ==, 1);
  g_assert_cmpuint (r->confusion[1], ==, 1);
  g_assert_cmpuint (r->confusion[2], ==, 0);
  g_assert_cmpuint (r->confusion[3], ==, 0);
  g_assert_cmpuint (r->confusion[4], ==, 1);
  g_assert_cmpuint (r->confusion[5], ==, 1);

  precis_classify_set_confidence (cls, 0.5);
  r = precis_classify_evaluate (cls);
  g_assert_cmpuint (r->correct, ==, 1);
  g_assert_cmpuint (r->answered, ==, 2);
  g_assert_cmpfloat (r->accuracy, ==, 0.25);
  g_assert_cmpfloat (r->coverage, ==, 0.5);
  g_assert_cmpfloat (r->selective_accuracy, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (r->ece, 0.225, EPS);
  g_assert_cmpuint (r->confusion[5], ==, 2);

  /* The reliability diagram at s = 0.5 says the same: title, subtitle with the
   * ECE, the three non-empty bins' counts (bin 0: the 2 abstaining images,
   * bin 11: 0.8, bin 13: 0.9); the ticks read 0.0 … 1.0. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 440, 360);
    cairo_t *cr = cairo_create (surface);
    g_autoptr(GPtrArray) texts = precis_classify_chart_draw (r, cr, 440, 360, 1.0);
    guint n_counts = 0;

    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    g_assert_cmpuint (texts->len, >, 2);
    g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "Reliability diagram");
    g_assert_cmpstr (g_ptr_array_index (texts, 1), ==, "15 bins · ECE 0.2250 · 4 images · confidence ≥ 0.50");
    for (guint i = 2; i < texts->len; i++)
      n_counts += g_str_equal (g_ptr_array_index (texts, i), "2") || g_str_equal (g_ptr_array_index (texts, i), "1");
    g_assert_cmpuint (n_counts, ==, 3);
  }

  /* Everything abstains: selective accuracy has no denominator. */
  precis_classify_set_confidence (cls, 0.95);
  r = precis_classify_evaluate (cls);
  g_assert_cmpuint (r->answered, ==, 0);
  g_assert_cmpfloat (r->coverage, ==, 0);
  g_assert_true (isnan (r->selective_accuracy));
  g_assert_cmpfloat (r->ece, ==, 0);
}

/* The JSON carries the issue's members; a NAN ratio is null. */
static void
test_json (void)
{
  g_autoptr(PrecisDataset) ds = load_reference_project ();
  g_autoptr(PrecisClassify) cls = precis_classify_new (ds, precis_dataset_find_model (ds, "top5"));
  g_autoptr(JsonNode) root = precis_classify_to_json (cls);
  JsonObject *o = json_node_get_object (root);
  JsonObject *confusion = json_object_get_object_member (o, "confusion");
  JsonArray *labels = json_object_get_array_member (confusion, "labels");
  JsonArray *ids = json_object_get_array_member (confusion, "category_ids");

  g_assert_cmpstr (json_object_get_string_member (o, "task"), ==, "classification");
  g_assert_cmpint (json_object_get_int_member (o, "correct"), ==, 30);   /* reference.json */
  g_assert_cmpfloat (json_object_get_double_member (o, "top5_accuracy"), ==, 47.0 / 58);
  g_assert_cmpuint (json_array_get_length (labels), ==, 8);
  g_assert_cmpstr (json_array_get_string_element (labels, 7), ==, "none");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (ids, 7)));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "per_class")), ==, 6);
  g_assert_true (json_object_has_member (json_object_get_object_member (o, "macro"), "F1"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "calibration")), ==, 15);
}

/* --- bad input ------------------------------------------------------------ */

#define BAD_IMAGES \
  "\"images\":[{\"id\":1,\"file_name\":\"a.png\",\"width\":4,\"height\":4}," \
  "{\"id\":2,\"file_name\":\"b.png\",\"width\":4,\"height\":4}]," \
  "\"categories\":[{\"id\":1,\"name\":\"cat\"},{\"id\":2,\"name\":\"dog\"}]"
#define LABEL_GT "{" BAD_IMAGES ",\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1}," \
  "{\"id\":2,\"image_id\":2,\"category_id\":2}]}"
#define GOOD_PRED "[{\"image_id\":1,\"category_id\":1,\"score\":0.5}]"

typedef struct {
  const char *name;
  const char *gt;
  const char *pred;
  int         code;
  const char *message;   /* the whole message */
} BadCase;

static const BadCase bad_cases[] = {
  { "two-labels", "{" BAD_IMAGES ",\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1},"
    "{\"id\":2,\"image_id\":2,\"category_id\":2},{\"id\":3,\"image_id\":2,\"category_id\":1}]}", GOOD_PRED,
    PRECIS_DATASET_ERROR_DUPLICATE,
    "gt.json: annotations[2]: image 2 has a second label (the first is annotations[1]): "
    "a classification ground truth has one label per image" },
  { "gt-unknown-category", "{" BAD_IMAGES ",\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":9}]}",
    GOOD_PRED, PRECIS_DATASET_ERROR_REFERENCE, "gt.json: annotations[0].category_id: no category has id 9" },
  { "gt-unknown-image", "{" BAD_IMAGES ",\"annotations\":[{\"id\":1,\"image_id\":7,\"category_id\":1}]}",
    GOOD_PRED, PRECIS_DATASET_ERROR_REFERENCE, "gt.json: annotations[0].image_id: no image has id 7" },
  { "pred-unknown-image", LABEL_GT, "[{\"image_id\":1,\"category_id\":1,\"score\":0.5},"
    "{\"image_id\":99,\"category_id\":1,\"score\":0.5}]",
    PRECIS_DATASET_ERROR_REFERENCE, "predictions.json: [1].image_id: image 99 is not in the ground truth" },
  { "pred-unknown-category", LABEL_GT, "[{\"image_id\":1,\"category_id\":3,\"score\":0.5}]",
    PRECIS_DATASET_ERROR_REFERENCE, "predictions.json: [0].category_id: no category has id 3" },
  { "pred-missing-score", LABEL_GT, "[{\"image_id\":1,\"category_id\":1}]",
    PRECIS_DATASET_ERROR_MISSING, "predictions.json: [0].score: required member is missing" },
  { "pred-infinite-score", LABEL_GT, "[{\"image_id\":1,\"category_id\":1,\"score\":1e999}]",
    PRECIS_DATASET_ERROR_VALUE,
    "predictions.json: [0].score: not a finite number (inf, out of the range of a double)" },
  { "gt-label-then-box", "{" BAD_IMAGES ",\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1},"
    "{\"id\":2,\"image_id\":2,\"category_id\":2,\"bbox\":[0,0,2,2]}]}", GOOD_PRED,
    PRECIS_DATASET_ERROR_TYPE,
    "gt.json: annotations[1].bbox: has geometry, but annotations[0] is an image label without any "
    "(a file holds objects with geometry or image labels, not both)" },
  { "gt-box-then-label", "{" BAD_IMAGES ",\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,"
    "\"bbox\":[0,0,2,2]},{\"id\":2,\"image_id\":2,\"category_id\":2}]}", GOOD_PRED,
    PRECIS_DATASET_ERROR_MISSING,
    "gt.json: annotations[1]: no geometry: expected a bbox, segmentation, keypoints or polyline, "
    "as annotations[0] has one (a file holds objects with geometry or image labels, not both)" },
  { "pred-label-then-box", LABEL_GT, "[{\"image_id\":1,\"category_id\":1,\"score\":0.5},"
    "{\"image_id\":2,\"category_id\":1,\"score\":0.5,\"bbox\":[0,0,1,1]}]",
    PRECIS_DATASET_ERROR_TYPE,
    "predictions.json: [1].bbox: has geometry, but [0] is an image label without any "
    "(a file holds objects with geometry or image labels, not both)" },
  { "labels-gt-box-predictions", LABEL_GT, "[{\"image_id\":2,\"category_id\":1,\"score\":0.5,\"bbox\":[0,0,1,1]}]",
    PRECIS_DATASET_ERROR_TYPE,
    "predictions.json: [0].bbox: has geometry, but gt.json: annotations[0] is an image label without any "
    "(a project holds objects with geometry or image labels, not both)" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(PrecisDataset) fast = NULL;
  g_autoptr(PrecisDataset) slow = NULL;

  write_file (dir, "gt.json", c->gt);
  write_file (dir, "predictions.json", c->pred);
  fast = load_folder (dir, &fast_error);
  g_setenv ("PRECIS_LOADER_NO_FAST_PATH", "1", TRUE);
  slow = load_folder (dir, &slow_error);
  g_unsetenv ("PRECIS_LOADER_NO_FAST_PATH");
  remove_dir (dir);

  g_assert_null (fast);
  g_assert_error (fast_error, PRECIS_DATASET_ERROR, c->code);
  g_test_message ("%s", fast_error->message);
  g_assert_cmpstr (fast_error->message, ==, c->message);
  /* Both readers say the same. */
  g_assert_null (slow);
  g_assert_nonnull (slow_error);
  g_assert_cmpstr (slow_error->message, ==, fast_error->message);
}

/* A detection project is not a classification project. */
static void
test_detection (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "cocoeval", "worked-example-project", NULL);
  g_autoptr(PrecisDataset) ds = load_folder (dir, &error);

  g_assert_no_error (error);
  g_assert_false (precis_dataset_is_classification (ds));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/classify/sklearn", test_sklearn);
  g_test_add_func ("/classify/bins", test_bins);
  g_test_add_func ("/classify/hand", test_hand);
  g_test_add_func ("/classify/json", test_json);
  g_test_add_func ("/classify/detection", test_detection);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/classify/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }

  return g_test_run ();
}

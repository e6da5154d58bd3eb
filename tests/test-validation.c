/* test-validation.c: an id that is not an integer is refused, wherever it is; one that is, is taken exactly (suite core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * COCO ids are integers; 1.0 is the id 1 (pycocotools' dictionaries agree),
 * but 1.5 is no id (docs/FORMATS.md). Each case below is a small valid ground
 * truth (or results file) with one id made fractional: the loader must refuse
 * it with a GError that names the file and the JSON path, and must
 * accept the same file with the id written as 1.0.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "precis-dataset.h"

#define GT_TEMPLATE \
  "{\"images\": [{\"id\": %s, \"file_name\": \"a.jpg\", \"width\": 100, \"height\": 100}]," \
  " \"categories\": [{\"id\": %s, \"name\": \"cat\"}]," \
  " \"annotations\": [{\"id\": %s, \"image_id\": %s, \"category_id\": %s," \
  " \"bbox\": [10, 10, 20, 20], \"area\": 400, \"iscrowd\": 0}]}"

typedef struct {
  const char *path;     /* the JSON path the message names */
  const char *ids[5];   /* image, category, annotation, annotation's image_id, category_id */
} Case;

static const Case cases[] = {
  { "images[0].id", { "1.5", "1", "1", "1", "1" } },
  { "categories[0].id", { "1", "1.5", "1", "1", "1" } },
  { "annotations[0].id", { "1", "1", "1.5", "1", "1" } },
  { "annotations[0].image_id", { "1", "1", "1", "1.5", "1" } },
  { "annotations[0].category_id", { "1", "1", "1", "1", "1.5" } },
};

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static PrecisDataset *
load (const char  *gt_path,
      const char  *pred_path,
      GError     **error)
{
  g_autoptr(GFile) gt = g_file_new_for_path (gt_path);
  g_autoptr(GFile) pred = pred_path != NULL ? g_file_new_for_path (pred_path) : NULL;
  GFile *preds[] = { pred };

  return precis_dataset_load_files (gt, pred != NULL ? preds : NULL, NULL, pred != NULL ? 1 : 0,
                                    NULL, NULL, NULL, NULL, error);
}

static void
test_fractional_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-validation-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *id = cases[i].ids;
      g_autofree char *bad = g_strdup_printf (GT_TEMPLATE, id[0], id[1], id[2], id[3], id[4]);
      g_autofree char *good = g_strdup_printf (GT_TEMPLATE, "1.0", "1.0", "1.0", "1.0", "1.0");
      g_autofree char *bad_path = write_file (dir, "fractional-gt.json", bad);
      g_autofree char *good_path = NULL;
      g_autoptr(PrecisDataset) dataset = NULL;

      dataset = load (bad_path, NULL, &error);
      g_assert_null (dataset);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "fractional-gt.json"));
      g_assert_nonnull (strstr (error->message, cases[i].path));
      g_clear_error (&error);
      g_assert_cmpint (g_unlink (bad_path), ==, 0);

      /* The same file with integral ids loads. */
      good_path = write_file (dir, "integral-gt.json", good);
      dataset = load (good_path, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (dataset);
      g_assert_cmpuint (precis_dataset_get_n_images (dataset), ==, 1);
      g_assert_cmpuint (precis_dataset_get_ground_truth_annotations (dataset)->n, ==, 1);
      g_assert_cmpint (g_unlink (good_path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_fractional_result_ids (void)
{
  static const char * const results[][2] = {
    { "[0].image_id", "[{\"image_id\": 1.5, \"category_id\": 1, \"bbox\": [10, 10, 20, 20], \"score\": 0.9}]" },
    { "[0].category_id", "[{\"image_id\": 1, \"category_id\": 1.5, \"bbox\": [10, 10, 20, 20], \"score\": 0.9}]" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-validation-XXXXXX", &error);
  g_autofree char *gt = g_strdup_printf (GT_TEMPLATE, "1", "1", "1", "1", "1");
  g_autofree char *gt_path = NULL;

  g_assert_no_error (error);
  gt_path = write_file (dir, "gt.json", gt);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *pred_path = write_file (dir, "fractional-results.json", results[i][1]);
      g_autoptr(PrecisDataset) dataset = load (gt_path, pred_path, &error);

      g_assert_null (dataset);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "fractional-results.json"));
      g_assert_nonnull (strstr (error->message, results[i][0]));
      g_clear_error (&error);
      g_assert_cmpint (g_unlink (pred_path), ==, 0);
    }
  g_assert_cmpint (g_unlink (gt_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Integers written as 1.0, 1e3, -1, 2⁵³ − 1 as a double, or 2⁵³ + 1 as a
 * literal are the integers they denote, and both readers (the fast one and
 * json-glib's) store them alike; from 2⁵³ on a double is refused
 * (tests/data/bad/, the 2pow53 cases). */
static void
test_integer_forms (void)
{
  static const struct { const char *text; gint64 value; } forms[] = {
    { "1.0", 1 }, { "1e3", 1000 }, { "-1", -1 }, { "-2.0", -2 }, { "0", 0 },
    { "9007199254740991.0", G_GINT64_CONSTANT (9007199254740991) },
    { "9007199254740993", G_GINT64_CONSTANT (9007199254740993) },
    { "-9223372036854775808", G_MININT64 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-validation-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    for (guint fast = 0; fast < 2; fast++)
      {
        const char *v = forms[i].text;
        g_autofree char *gt = g_strdup_printf (GT_TEMPLATE, v, v, v, v, v);
        g_autofree char *gt_path = write_file (dir, "gt.json", gt);
        g_autofree char *res = g_strdup_printf ("[{\"image_id\": %s, \"category_id\": %s,"
                                                " \"bbox\": [10, 10, 20, 20], \"score\": 0.9}]", v, v);
        g_autofree char *res_path = write_file (dir, "results.json", res);
        g_autoptr(PrecisDataset) dataset = NULL;
        const PrecisAnnotations *anns, *preds;

        g_test_message ("%s (%s reader)", v, fast ? "fast" : "json-glib");
        if (fast)
          g_unsetenv ("PRECIS_LOADER_NO_FAST_PATH");
        else
          g_setenv ("PRECIS_LOADER_NO_FAST_PATH", "1", TRUE);
        dataset = load (gt_path, res_path, &error);
        g_unsetenv ("PRECIS_LOADER_NO_FAST_PATH");
        g_assert_no_error (error);
        g_assert_cmpint (precis_dataset_get_image (dataset, 0)->id, ==, forms[i].value);
        g_assert_cmpint (precis_dataset_get_category (dataset, 0)->id, ==, forms[i].value);
        anns = precis_dataset_get_ground_truth_annotations (dataset);
        g_assert_cmpuint (anns->n, ==, 1);
        g_assert_cmpint (anns->id[0], ==, forms[i].value);
        g_assert_cmpuint (anns->image[0], ==, 0);
        g_assert_cmpuint (anns->category[0], ==, 0);
        preds = precis_dataset_get_predictions (dataset, 0);
        g_assert_cmpuint (preds->n, ==, 1);
        g_assert_cmpuint (preds->image[0], ==, 0);
        g_assert_cmpuint (preds->category[0], ==, 0);
        g_assert_cmpint (g_unlink (gt_path), ==, 0);
        g_assert_cmpint (g_unlink (res_path), ==, 0);
      }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validation/fractional-ids", test_fractional_ids);
  g_test_add_func ("/validation/fractional-result-ids", test_fractional_result_ids);
  g_test_add_func ("/validation/integer-forms", test_integer_forms);

  return g_test_run ();
}

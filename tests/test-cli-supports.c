/* test-cli-supports.c: `eval --iou-type` on a model that lacks the geometry says
 * which side lacks it and which models have it (precis_dataset_check_supports)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/real/coco2014-cocoapi100 has two models: "bbox" (boxes only, the
 * first) and "segm" (masks); its GT has boxes and masks but no keypoints.
 */

#include "config.h"

#include "precis-dataset.h"
#include "precis-test-cli.h"

static char *
project (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
}

/* The first model lacks masks: the message names it and the model that has them. */
static void
test_model_lacks (void)
{
  g_autofree char *dir = project ();
  const char *args[] = { "eval", "--iou-type", "segm", dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "precis-cli: model “bbox” has no geometry for IoU type segm; "
                            "the models that have it: “segm” (use --model segm)\n");
}

/* The GT lacks keypoints: no model can help. */
static void
test_gt_lacks (void)
{
  g_autofree char *dir = project ();
  const char *args[] = { "eval", "--iou-type", "keypoints", dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "precis-cli: the ground truth has no geometry for IoU type keypoints, "
                            "so no model can be evaluated with it\n");
}

/* The same call in the core, as the app makes it. */
static void
test_core (void)
{
  g_autofree char *dir = project ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = precis_dataset_load_project (folder, NULL, NULL, NULL, &error);
  guint bbox, segm;

  g_assert_no_error (error);
  bbox = precis_dataset_find_model (ds, "bbox");
  segm = precis_dataset_find_model (ds, "segm");
  g_assert_cmpuint (bbox, !=, PRECIS_NO_INDEX);
  g_assert_cmpuint (segm, !=, PRECIS_NO_INDEX);

  g_assert_true (precis_dataset_check_supports (ds, segm, PRECIS_IOU_SEGM, &error));
  g_assert_no_error (error);
  g_assert_true (precis_dataset_check_supports (ds, bbox, PRECIS_IOU_BBOX, &error));
  g_assert_no_error (error);

  g_assert_false (precis_dataset_check_supports (ds, bbox, PRECIS_IOU_SEGM, &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "model “bbox” has no geometry for IoU type segm; the models that have it: “segm”");
  g_clear_error (&error);

  g_assert_false (precis_dataset_check_supports (ds, segm, PRECIS_IOU_POLYLINE, &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "the ground truth has no geometry"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-supports/model-lacks", test_model_lacks);
  g_test_add_func ("/cli-supports/gt-lacks", test_gt_lacks);
  g_test_add_func ("/cli-supports/core", test_core);

  return g_test_run ();
}

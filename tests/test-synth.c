/* test-synth.c: synthetic projects are deterministic, load, and look like COCO
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "precis-box.h"
#include "precis-synth.h"
#include "precis-test-files.h"

static void
write_synth (const char       *dir,
             guint             n_images,
             guint             k,
             PrecisIouType     kind,
             guint64           seed,
             PrecisSynthStats *stats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  PrecisSynthParams params = { n_images, k, kind, seed };

  g_assert_true (precis_synth_write (&params, file, stats, NULL, &error));
  g_assert_no_error (error);
}

static char *
read_file (const char *dir,
           const char *name,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static PrecisDataset *
load_project (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  PrecisDataset *dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* Same parameters ⇒ byte-identical files; another seed ⇒ other files. */
static void
test_deterministic (void)
{
  g_autofree char *a = make_temp_dir ();
  g_autofree char *b = make_temp_dir ();
  g_autofree char *c = make_temp_dir ();
  const char *names[2] = { "gt.json", "predictions.json" };

  for (PrecisIouType kind = 0; kind < PRECIS_N_IOU_TYPES; kind++)
    {
      write_synth (a, 60, 25, kind, 42, NULL);
      write_synth (b, 60, 25, kind, 42, NULL);
      write_synth (c, 60, 25, kind, 43, NULL);

      for (guint i = 0; i < 2; i++)
        {
          gsize la, lb, lc;
          g_autofree char *fa = read_file (a, names[i], &la);
          g_autofree char *fb = read_file (b, names[i], &lb);
          g_autofree char *fc = read_file (c, names[i], &lc);

          g_assert_cmpmem (fa, la, fb, lb);
          g_assert_false (la == lc && memcmp (fa, fc, la) == 0);
        }
    }

  remove_dir (a);
  remove_dir (b);
  remove_dir (c);
}

/* bbox: counts, COCO's categories, Poisson GT count, size mix, K per image,
 * and scores that follow the IoU with the GT. */
static void
test_bbox_shape (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(PrecisDataset) dataset = NULL;
  const PrecisAnnotations *gt, *dt;
  PrecisSynthStats stats;
  const guint n_images = 2000, k = 30;
  guint64 small = 0, medium = 0, large = 0, crowd = 0;
  double sum_hi = 0, sum_lo = 0;
  guint n_hi = 0, n_lo = 0;
  guint32 cat;

  write_synth (dir, n_images, k, PRECIS_IOU_BBOX, 7, &stats);
  dataset = load_project (dir);
  gt = precis_dataset_get_ground_truth_annotations (dataset);
  dt = precis_dataset_get_predictions (dataset, 0);

  g_assert_cmpuint (precis_dataset_get_n_images (dataset), ==, n_images);
  g_assert_cmpuint (precis_dataset_get_n_models (dataset), ==, 1);
  g_assert_cmpuint (gt->n, ==, stats.n_gt);
  g_assert_cmpuint (dt->n, ==, stats.n_predictions);

  /* COCO's 80 categories with their ids (instances_val2017.json: 1 person … 90 toothbrush). */
  g_assert_cmpuint (precis_dataset_get_n_categories (dataset), ==, 80);
  cat = precis_dataset_find_category (dataset, 1);
  g_assert_cmpuint (cat, !=, PRECIS_NO_INDEX);
  g_assert_cmpstr (precis_dataset_get_category (dataset, cat)->name, ==, "person");
  cat = precis_dataset_find_category (dataset, 90);
  g_assert_cmpuint (cat, !=, PRECIS_NO_INDEX);
  g_assert_cmpstr (precis_dataset_get_category (dataset, cat)->name, ==, "toothbrush");
  g_assert_cmpuint (precis_dataset_find_category (dataset, 12), ==, PRECIS_NO_INDEX);

  /* ~7.3 GT per image: the mean of 2000 Poisson(7.3) draws has a standard
   * deviation of √(7.3 / 2000) ≈ 0.06; allow 5 of them. */
  g_assert_cmpfloat ((double) gt->n / n_images, >, 7.3 - 0.3);
  g_assert_cmpfloat ((double) gt->n / n_images, <, 7.3 + 0.3);

  /* COCO's mix by area (41 / 34 / 24 %; SEMANTICS.md areas 32², 96²) and ~1 % crowd. */
  for (guint i = 0; i < gt->n; i++)
    {
      double area = gt->area[i];

      crowd += gt->iscrowd[i] != 0;
      if (area < 32 * 32)
        small++;
      else if (area < 96 * 96)
        medium++;
      else
        large++;
    }
  g_assert_cmpuint (small, ==, stats.n_gt_small);
  g_assert_cmpuint (crowd, ==, stats.n_gt_crowd);
  g_assert_cmpfloat_with_epsilon ((double) small / gt->n, 0.41, 0.03);
  g_assert_cmpfloat_with_epsilon ((double) medium / gt->n, 0.34, 0.03);
  g_assert_cmpfloat_with_epsilon ((double) large / gt->n, 0.245, 0.03);
  g_assert_cmpfloat ((double) crowd / gt->n, >, 0.003);
  g_assert_cmpfloat ((double) crowd / gt->n, <, 0.02);

  /* K per image exactly: the GT-derived detections (~8) never reach 30, and
   * background false positives fill the rest. */
  g_assert_cmpuint (dt->n, ==, (guint64) n_images * k);
  for (guint im = 0; im < n_images; im++)
    {
      guint n = 0;

      for (guint g = dt->image_group_start[im]; g < dt->image_group_start[im + 1]; g++)
        n += dt->groups[g].end - dt->groups[g].start;
      g_assert_cmpuint (n, ==, k);
    }

  /* Scores follow the IoU with the best same-class GT of the image. */
  for (guint g = 0; g < dt->n_groups; g++)
    {
      const PrecisGroup *grp = &dt->groups[g];
      guint32 gg = precis_annotations_find_group (gt, grp->image, grp->category);

      for (guint32 d = grp->start; d < grp->end; d++)
        {
          double best = 0;

          if (gg != PRECIS_NO_INDEX)
            for (guint32 j = gt->groups[gg].start; j < gt->groups[gg].end; j++)
              best = MAX (best, precis_box_iou (dt->bbox + 4 * d, gt->bbox + 4 * j, FALSE));
          if (best > 0.7)
            {
              sum_hi += dt->score[d];
              n_hi++;
            }
          else if (best < 0.3)
            {
              sum_lo += dt->score[d];
              n_lo++;
            }
        }
    }
  g_assert_cmpuint (n_hi, >, gt->n / 2);
  g_assert_cmpuint (n_lo, >, 0);
  g_assert_cmpfloat (sum_hi / n_hi, >, sum_lo / n_lo + 0.3);

  remove_dir (dir);
}

/* K smaller than the detections of a crowded image: never more than K. */
static void
test_at_most_k (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(PrecisDataset) dataset = NULL;
  const PrecisAnnotations *dt;
  const guint k = 3;
  guint below = 0;

  write_synth (dir, 300, k, PRECIS_IOU_BBOX, 3, NULL);
  dataset = load_project (dir);
  dt = precis_dataset_get_predictions (dataset, 0);
  for (guint im = 0; im < precis_dataset_get_n_images (dataset); im++)
    {
      guint n = 0;

      for (guint g = dt->image_group_start[im]; g < dt->image_group_start[im + 1]; g++)
        n += dt->groups[g].end - dt->groups[g].start;
      g_assert_cmpuint (n, <=, k);
      below += n < k;
    }
  /* Background false positives fill every image up to K. */
  g_assert_cmpuint (below, ==, 0);

  remove_dir (dir);
}

/* Every kind loads, and carries the geometry its IoU type needs. */
static void
test_kinds_load (void)
{
  for (PrecisIouType kind = 0; kind < PRECIS_N_IOU_TYPES; kind++)
    {
      g_autofree char *dir = make_temp_dir ();
      g_autoptr(PrecisDataset) dataset = NULL;
      PrecisSynthStats stats;

      write_synth (dir, 40, 12, kind, 11, &stats);
      dataset = load_project (dir);
      g_assert_true (precis_dataset_supports (dataset, 0, kind));
      g_assert_cmpuint (precis_dataset_get_predictions (dataset, 0)->n, ==, stats.n_predictions);
      g_assert_cmpuint (precis_dataset_get_ground_truth_annotations (dataset)->n, ==, stats.n_gt);
      g_assert_cmpuint (stats.n_predictions, ==, 40 * 12);
      if (kind == PRECIS_IOU_KEYPOINTS)
        g_assert_cmpuint (precis_dataset_get_category (dataset, 0)->n_keypoints, ==, 17);
      remove_dir (dir);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/synth/deterministic", test_deterministic);
  g_test_add_func ("/synth/bbox-shape", test_bbox_shape);
  g_test_add_func ("/synth/at-most-k", test_at_most_k);
  g_test_add_func ("/synth/kinds-load", test_kinds_load);

  return g_test_run ();
}

/* test-dataset-cache.c: the binary dataset cache can make loading faster, never different
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every bundled project is loaded without the cache, then through it (a miss
 * that writes it, then hits): the datasets must be equal array by array, and
 * `precis-cli eval --json` must print the same bytes with and without
 * --no-cache for every IoU type. A touched or edited input is a miss; every
 * damaged cache (truncated at several lengths, a flipped byte in the header,
 * the key or the payload, another version, the other byte order) is refused,
 * the project is parsed as without a cache and the cache rewritten. Each case
 * has its own XDG_CACHE_HOME (the cache reads it on every call).
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>

#include "precis.h"
#include "precis-test-cli.h"
#include "precis-test-files.h"

/* The bundled projects (tests/data and the sample of data/). */
static const char * const projects[] = {
  "data/metrics", "data/cocoeval/worked-example-project", "data/cocoeval/worked-example",
  "data/cocoeval/ties-crowd", "data/project", "data/real/coco2017-mmpose4",
  "data/real/cartucho-map", "data/real/coco2017-kpt139099", "data/real/voc2012-rodm",
  "data/real/coco2014-cocoapi100", "data/keypoints", "../data/sample/cartucho-map",
};

/* A fresh cache folder for one case; remove_cache() takes it away. */
static char *
use_new_cache (void)
{
  char *dir = make_temp_dir ();

  g_setenv ("XDG_CACHE_HOME", dir, TRUE);
  return dir;
}

static void
remove_cache (char *dir)
{
  g_autofree char *precis = g_build_filename (dir, "precis", NULL);
  g_autofree char *datasets = g_build_filename (precis, "datasets", NULL);

  remove_dir (datasets);
  g_rmdir (precis);
  remove_dir (dir);
  g_free (dir);
}

static PrecisDataset *
load (GFile   *project,
      gboolean cache)
{
  g_autoptr(GError) error = NULL;
  PrecisDataset *d;

  precis_dataset_cache_set_enabled (cache);
  d = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return d;
}

#define ASSERT_ARRAY(a, b, field, n) \
  g_assert_cmpmem ((a)->field, sizeof (*(a)->field) * (n), (b)->field, sizeof (*(b)->field) * (n))

static void
assert_same_annotations (const PrecisAnnotations *a,
                         const PrecisAnnotations *b,
                         guint                    n_images)
{
  g_assert_cmpuint (a->n, ==, b->n);
  ASSERT_ARRAY (a, b, file_index, a->n);
  ASSERT_ARRAY (a, b, id, a->n);
  ASSERT_ARRAY (a, b, image, a->n);
  ASSERT_ARRAY (a, b, category, a->n);
  ASSERT_ARRAY (a, b, score, a->n);
  ASSERT_ARRAY (a, b, bbox, 4 * a->n);
  ASSERT_ARRAY (a, b, area, a->n);
  ASSERT_ARRAY (a, b, iscrowd, a->n);
  ASSERT_ARRAY (a, b, has, a->n);
  ASSERT_ARRAY (a, b, segm_kind, a->n);
  ASSERT_ARRAY (a, b, segm_start, a->n);
  ASSERT_ARRAY (a, b, segm_len, a->n);
  ASSERT_ARRAY (a, b, line_start, a->n);
  ASSERT_ARRAY (a, b, line_len, a->n);
  ASSERT_ARRAY (a, b, kp_start, a->n);
  ASSERT_ARRAY (a, b, num_keypoints, a->n);
  g_assert_cmpuint (a->n_rings, ==, b->n_rings);
  ASSERT_ARRAY (a, b, ring_start, a->n_rings);
  ASSERT_ARRAY (a, b, ring_len, a->n_rings);
  g_assert_cmpuint (a->n_coords, ==, b->n_coords);
  ASSERT_ARRAY (a, b, coords, a->n_coords);
  g_assert_cmpuint (a->n_counts, ==, b->n_counts);
  ASSERT_ARRAY (a, b, counts, a->n_counts);
  g_assert_cmpuint (a->n_keypoint_values, ==, b->n_keypoint_values);
  ASSERT_ARRAY (a, b, keypoints, a->n_keypoint_values);
  g_assert_cmpuint (a->n_groups, ==, b->n_groups);
  ASSERT_ARRAY (a, b, groups, a->n_groups);
  ASSERT_ARRAY (a, b, image_group_start, n_images + 1);
}

static void
assert_same_category (const PrecisCategory *x,
                      const PrecisCategory *y)
{
  g_assert_cmpint (x->id, ==, y->id);
  g_assert_cmpstr (x->name, ==, y->name);
  g_assert_cmpstr (x->supercategory, ==, y->supercategory);
  g_assert_cmpuint (x->n_keypoints, ==, y->n_keypoints);
  g_assert_true ((x->keypoint_names == NULL) == (y->keypoint_names == NULL));
  for (guint k = 0; x->keypoint_names != NULL && k <= x->n_keypoints; k++)
    g_assert_cmpstr (x->keypoint_names[k], ==, y->keypoint_names[k]);
  g_assert_cmpuint (x->n_skeleton, ==, y->n_skeleton);
  g_assert_cmpmem (x->skeleton, sizeof (guint) * 2 * x->n_skeleton, y->skeleton, sizeof (guint) * 2 * y->n_skeleton);
  g_assert_true ((x->sigmas == NULL) == (y->sigmas == NULL));
  if (x->sigmas != NULL)
    g_assert_cmpmem (x->sigmas, sizeof (double) * x->n_keypoints, y->sigmas, sizeof (double) * y->n_keypoints);
}

static void
assert_same_dataset (PrecisDataset *a,
                     PrecisDataset *b)
{
  guint n_images = precis_dataset_get_n_images (a);

  g_assert_cmpstr (precis_dataset_get_name (a), ==, precis_dataset_get_name (b));
  g_assert_true (g_file_equal (precis_dataset_get_ground_truth (a), precis_dataset_get_ground_truth (b)));
  g_assert_cmpuint (n_images, ==, precis_dataset_get_n_images (b));
  g_assert_cmpuint (precis_dataset_get_n_images_missing (a), ==, precis_dataset_get_n_images_missing (b));
  for (guint i = 0; i < n_images; i++)
    {
      const PrecisImage *x = precis_dataset_get_image (a, i), *y = precis_dataset_get_image (b, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->file_name, ==, y->file_name);
      g_assert_cmpuint (x->width, ==, y->width);
      g_assert_cmpuint (x->height, ==, y->height);
      g_assert_cmpstr (x->path, ==, y->path);
      g_assert_cmpint (x->present, ==, y->present);
    }
  g_assert_cmpuint (precis_dataset_get_n_categories (a), ==, precis_dataset_get_n_categories (b));
  for (guint c = 0; c < precis_dataset_get_n_categories (a); c++)
    assert_same_category (precis_dataset_get_category (a, c), precis_dataset_get_category (b, c));
  assert_same_annotations (precis_dataset_get_ground_truth_annotations (a),
                           precis_dataset_get_ground_truth_annotations (b), n_images);
  g_assert_cmpuint (precis_dataset_get_n_models (a), ==, precis_dataset_get_n_models (b));
  for (guint m = 0; m < precis_dataset_get_n_models (a); m++)
    {
      g_assert_cmpstr (precis_dataset_get_model_name (a, m), ==, precis_dataset_get_model_name (b, m));
      g_assert_true (g_file_equal (precis_dataset_get_model_file (a, m), precis_dataset_get_model_file (b, m)));
      assert_same_annotations (precis_dataset_get_predictions (a, m), precis_dataset_get_predictions (b, m), n_images);
      for (PrecisIouType t = 0; t < PRECIS_N_IOU_TYPES; t++)
        g_assert_cmpint (precis_dataset_supports (a, m, t), ==, precis_dataset_supports (b, m, t));
    }
}

static gboolean
cache_exists (GFile *project)
{
  g_autoptr(GFile) file = precis_dataset_cache_get_file (project);

  g_assert_nonnull (file);
  return g_file_query_exists (file, NULL);
}

/* A cache hit of @project, equal to @ref. */
static void
assert_hit (GFile         *project,
            PrecisDataset *ref)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) hit = precis_dataset_cache_read (project, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hit);
  assert_same_dataset (ref, hit);
}

static void
assert_miss (GFile *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) hit = precis_dataset_cache_read (project, &error);

  g_assert_no_error (error);
  g_assert_null (hit);
}

/* `precis-cli eval --json` with the cache (which exists) and with --no-cache:
 * the same status, output and messages, for each IoU type. */
static void
assert_same_cli (const char *path)
{
  /* Under valgrind: bbox only (each run is ~30× slower there); the other
   * passes compare every IoU type. */
  guint n_types = precis_test_under_valgrind () ? 1 : PRECIS_N_IOU_TYPES;

  for (PrecisIouType t = 0; t < n_types; t++)
    {
      g_autofree char *out = NULL, *err = NULL, *ref_out = NULL, *ref_err = NULL;
      const char *type = precis_iou_type_to_string (t);
      int ref_status = run_cli_v (&ref_out, &ref_err, "eval", "--json", "--no-cache", "--iou-type", type, path, NULL);
      int status = run_cli_v (&out, &err, "eval", "--json", "--iou-type", type, path, NULL);

      g_assert_cmpint (status, ==, ref_status);
      g_assert_cmpstr (out, ==, ref_out);
      g_assert_cmpstr (err, ==, ref_err);
    }
}

static void
test_bundled (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      g_autofree char *cache = use_new_cache ();
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, projects[i], NULL);
      g_autoptr(GFile) project = g_file_new_for_path (path);
      g_autoptr(PrecisDataset) ref = load (project, FALSE);
      g_autoptr(PrecisDataset) first = NULL;
      g_autoptr(PrecisDataset) again = NULL;

      g_test_message ("%s", projects[i]);
      g_assert_false (cache_exists (project));   /* --no-cache writes none */
      first = load (project, TRUE);              /* a miss: parsed, then written */
      g_assert_true (cache_exists (project));
      assert_same_dataset (ref, first);
      assert_hit (project, ref);
      again = load (project, TRUE);              /* through the cache */
      assert_same_dataset (ref, again);
      assert_same_cli (path);
      remove_cache (g_steal_pointer (&cache));
    }
}

/* A copy of the worked example (gt.json, predictions.json) that a case may edit. */
static char *
copy_project (void)
{
  char *dir = make_temp_dir ();
  const char *names[] = { "gt.json", "predictions.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "cocoeval", "worked-example", names[i], NULL);
      g_autofree char *contents = NULL;

      g_file_get_contents (src, &contents, NULL, &error);
      g_assert_no_error (error);
      write_file (dir, names[i], contents);
    }
  return dir;
}

static void
set_mtime (const char            *path,
           const struct timespec *when)
{
  struct timespec times[2] = { *when, *when };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

static struct timespec
get_mtime (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mtim;
}

static double
max_score (PrecisDataset *d)
{
  const PrecisAnnotations *p = precis_dataset_get_predictions (d, 0);
  double best = 0;

  for (guint i = 0; i < p->n; i++)
    best = MAX (best, p->score[i]);
  return best;
}

static void
test_stale (void)
{
  g_autofree char *cache = use_new_cache ();
  g_autofree char *dir = copy_project ();
  g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *preds = g_build_filename (dir, "predictions.json", NULL);
  g_autoptr(GFile) project = g_file_new_for_path (dir);
  g_autoptr(PrecisDataset) ref = load (project, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct timespec when = get_mtime (gt);
  char *pos;

  g_clear_object (&ref);
  ref = load (project, TRUE);
  assert_hit (project, ref);

  /* Touched: a newer mtime, the same bytes. */
  when.tv_sec += 1;
  set_mtime (gt, &when);
  assert_miss (project);
  g_clear_object (&ref);
  ref = load (project, TRUE);   /* rewritten */
  assert_hit (project, ref);
  g_assert_cmpfloat (max_score (ref), ==, 0.9);

  /* Edited, the same size and mtime: only the content hash tells. */
  when = get_mtime (preds);
  g_file_get_contents (preds, &contents, NULL, &error);
  g_assert_no_error (error);
  pos = strstr (contents, "\"score\": 0.9");
  g_assert_nonnull (pos);
  pos[strlen ("\"score\": 0.")] = '6';
  write_file (dir, "predictions.json", contents);
  set_mtime (preds, &when);
  assert_miss (project);
  g_clear_object (&ref);
  ref = load (project, TRUE);
  g_assert_cmpfloat (max_score (ref), ==, 0.8);   /* 0.9 became 0.6; 0.8 is next */
  assert_hit (project, ref);

  /* Grown by one byte. */
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (preds, &contents, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *longer = g_strconcat (contents, "\n", NULL);

    write_file (dir, "predictions.json", longer);
  }
  assert_miss (project);

  remove_dir (dir);
  remove_cache (g_steal_pointer (&cache));
}

/* Writes @len bytes of @data over the cache of @project and checks that it is
 * refused, that loading gives @ref and that the cache is then @orig again. */
static void
assert_refused (GFile         *project,
                PrecisDataset *ref,
                const char    *data,
                gsize          len,
                GBytes        *orig,
                const char    *what)
{
  g_autoptr(GFile) file = precis_dataset_cache_get_file (project);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) d = NULL;
  g_autofree char *now = NULL;
  gsize now_len;

  g_test_message ("%s", what);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  assert_miss (project);
  d = load (project, TRUE);
  assert_same_dataset (ref, d);
  g_file_get_contents (path, &now, &now_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (now, now_len, g_bytes_get_data (orig, NULL), g_bytes_get_size (orig));
}

static void
test_invalid (void)
{
  g_autofree char *cache = use_new_cache ();
  g_autofree char *dir = copy_project ();
  g_autoptr(GFile) project = g_file_new_for_path (dir);
  g_autoptr(PrecisDataset) ref = load (project, FALSE);
  g_autoptr(PrecisDataset) first = load (project, TRUE);
  g_autoptr(GFile) file = precis_dataset_cache_get_file (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) orig = g_file_load_bytes (file, NULL, NULL, &error);
  gsize len = g_bytes_get_size (orig);
  const char *bytes = g_bytes_get_data (orig, NULL);
  g_autofree char *copy = g_malloc (len + 1);
  /* The header is 32 bytes: magic (8), version (4), byte-order mark (4),
   * payload length (8), payload checksum (8); then the key's length and key. */
  const gsize cuts[] = { 0, 1, 7, 8, 12, 16, 31, 32, 33, 36, 100, len / 2, len - 8, len - 1 };
  const gsize flips[] = { 0, 7, 8, 11, 12, 15, 16, 23, 24, 31, 32, 36, 40, 100, len / 2, len - 1 };
  guint32 version = PRECIS_DATASET_CACHE_VERSION + 1, foreign = 0x04030201;

  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 200);
  assert_hit (project, ref);

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *what = g_strdup_printf ("truncated to %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes", cuts[i], len);

      assert_refused (project, ref, bytes, cuts[i], orig, what);
    }
  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_autofree char *what = g_strdup_printf ("byte %" G_GSIZE_FORMAT " flipped", flips[i]);

      memcpy (copy, bytes, len);
      copy[flips[i]] ^= 0x10;
      assert_refused (project, ref, copy, len, orig, what);
    }

  memcpy (copy, bytes, len);
  memcpy (copy + 8, &version, 4);
  assert_refused (project, ref, copy, len, orig, "a later version");
  memcpy (copy, bytes, len);
  memcpy (copy + 12, &foreign, 4);
  assert_refused (project, ref, copy, len, orig, "the other byte order");
  memcpy (copy, bytes, len);
  copy[len] = 0;
  assert_refused (project, ref, copy, len + 1, orig, "one byte too many");

  remove_dir (dir);
  remove_cache (g_steal_pointer (&cache));
}

int
main (int   argc,
      char *argv[])
{
  /* meson's environment turns the cache off for the other tests. */
  g_unsetenv ("PRECIS_NO_CACHE");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset-cache/bundled", test_bundled);
  g_test_add_func ("/dataset-cache/stale", test_stale);
  g_test_add_func ("/dataset-cache/invalid", test_invalid);
  return g_test_run ();
}

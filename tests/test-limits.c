/* test-limits.c: huge and absurd inputs are handled in bounded memory or refused (suite slow)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One representative case per limit of docs/ROBUSTNESS.md. Every input is
 * generated at test time in G_TEST_BUILDDIR (never committed) and removed
 * after. Each case runs in a subprocess (g_test_trap_subprocess), so that
 * getrusage's peak RSS is that case's alone; the bounds are the documented
 * ones. 10 million annotations: tests/test-loader-big.c loads 2 million box
 * predictions under 1 GiB (linear, so about 2 GB at 10 million).
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "precis-dataset.h"
#include "precis-matcher.h"

/* Image sides within the limits: 21474 × 100000 < 2^31 pixels. */
#define BIG_W 21474
#define BIG_H 100000

static char *
test_path (const char *name)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");

  return g_strdup_printf ("%s/limits-%d-%s", dir ? dir : ".", (int) getpid (), name);
}

/* AddressSanitizer's shadow memory and quarantine (256 MB of freed blocks)
 * add to the peak: its bounds are scaled. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_SCALE 4
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_SCALE 4
#endif
#endif
#ifndef RSS_SCALE
#define RSS_SCALE 1
#endif

/* Peak RSS of this process in KiB, divided by RSS_SCALE. */
static glong
peak_rss_kb (void)
{
  struct rusage ru;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
  g_test_message ("peak RSS %ld KiB", ru.ru_maxrss);
  return ru.ru_maxrss / RSS_SCALE;
}

static FILE *
open_output (const char *path)
{
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  return f;
}

static void
close_output (FILE *f)
{
  g_assert_cmpint (fclose (f), ==, 0);
}

/* A GT of one BIG_W × BIG_H image, one category, and the annotations given
 * (JSON objects without id, image_id, category_id). */
static char *
write_big_image_gt (const char *name,
                    const char *annotation)
{
  char *path = test_path (name);
  FILE *f = open_output (path);

  fprintf (f, "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": %d, \"height\": %d}],\n"
              " \"categories\": [{\"id\": 1, \"name\": \"a\"}],\n"
              " \"annotations\": [", BIG_W, BIG_H);
  if (annotation != NULL)
    fprintf (f, "{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"iscrowd\": 0, %s}", annotation);
  fprintf (f, "]}\n");
  close_output (f);
  return path;
}

static PrecisDataset *
load (const char  *gt_path,
      const char  *results_path,
      GError     **error)
{
  g_autoptr(GFile) gt = g_file_new_for_path (gt_path);
  g_autoptr(GFile) results = results_path ? g_file_new_for_path (results_path) : NULL;

  return precis_dataset_load_files (gt, results ? &results : NULL, NULL, results ? 1 : 0,
                                    NULL, NULL, NULL, NULL, error);
}

/* --- file size -------------------------------------------------------------- */

/* A file over 2 GiB (sparse: no disk space used) is refused from its size,
 * without being read. */
static void
test_file_over_2gib_subprocess (void)
{
  g_autofree char *path = test_path ("huge.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  FILE *f = open_output (path);

  g_assert_cmpint (ftruncate (fileno (f), ((goffset) 2 << 30) + 1), ==, 0);
  close_output (f);

  ds = load (path, NULL, &error);
  g_unlink (path);
  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "2 GiB"));
  /* Not read: far below the file's size. */
  g_assert_cmpint (peak_rss_kb (), <, 128 * 1024);
}

/* An invalid file (the fast reader refuses it) whose detailed json-glib reading
 * would hold 20 million values at once: json-glib takes about 80 bytes a value
 * (a 20 MB file of 10 million took 820 MB before the limit), so 40 MB would take
 * 1.6 GB and 1 GB about 40 GB. Refused over 2^24 values, for a GT (the whole
 * tree) and for one result. */
static void
write_many_values (const char *path,
                   const char *head,
                   const char *tail)
{
  FILE *f = open_output (path);

  fputs (head, f);
  for (guint i = 0; i < 20000000; i++)
    fputs (i == 0 ? "1" : ",1", f);
  fputs (tail, f);
  close_output (f);
}

static void
test_json_tree_bound_subprocess (void)
{
  g_autofree char *gt_path = test_path ("tree-gt.json");
  g_autofree char *good_gt = write_big_image_gt ("tree-good-gt.json", NULL);
  g_autofree char *results_path = test_path ("tree-results.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  g_autoptr(PrecisDataset) ds2 = NULL;

  /* A trailing comma: not JSON. */
  write_many_values (gt_path, "{\"images\": [], \"categories\": [], \"annotations\": [], \"x\": [", "],}");
  ds = load (gt_path, NULL, &error);
  g_unlink (gt_path);
  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "16777216 JSON values"));

  /* A list where a result object is expected. */
  write_many_values (results_path, "[[", "]]");
  ds2 = load (good_gt, results_path, &error2);
  g_unlink (results_path);
  g_unlink (good_gt);
  g_assert_null (ds2);
  g_assert_error (error2, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  g_assert_nonnull (strstr (error2->message, "16777216 JSON values"));

  /* The files are mapped (40 MB each); no tree was built. */
  g_assert_cmpint (peak_rss_kb (), <, 256 * 1024);
}

/* --- image size ------------------------------------------------------------- */

/* 100 000 × 100 000 pixels is over the 2^31-pixel limit. */
static void
test_image_100k_square (void)
{
  g_autofree char *path = test_path ("image-100k.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  FILE *f = open_output (path);

  fprintf (f, "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": 100000, \"height\": 100000}],"
              " \"categories\": [{\"id\": 1, \"name\": \"a\"}], \"annotations\": []}");
  close_output (f);

  ds = load (path, NULL, &error);
  g_unlink (path);
  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "100000 × 100000 pixels exceeds the limit"));
}

/* The largest legal image (21474 × 100000, 2.1 gigapixels) with a polygon and
 * a prediction that cover it: masks are runs, so loading and a segm evaluation
 * stay small. */
static void
test_image_largest_subprocess (void)
{
  g_autofree char *gt_path = NULL;
  g_autofree char *results_path = test_path ("largest-results.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  const PrecisAnnotations *dt;
  FILE *f;

  gt_path = write_big_image_gt ("largest-gt.json",
                                "\"segmentation\": [[0, 0, 21474, 0, 21474, 100000, 0, 100000]]");
  f = open_output (results_path);
  fprintf (f, "[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.5,"
              " \"segmentation\": [[-10, -10, 21484, -10, 21484, 50000, -10, 50000]]}]");
  close_output (f);

  ds = load (gt_path, results_path, &error);
  g_unlink (gt_path);
  g_unlink (results_path);
  g_assert_no_error (error);
  g_assert_nonnull (ds);

  /* The prediction covers rows 0 … 49999 of every column: 21474 × 50000 pixels
   * (pycocotools' rounding puts the boundary at y = 50000 exactly). */
  dt = precis_dataset_get_predictions (ds, 0);
  g_assert_cmpuint (dt->n, ==, 1);
  g_assert_cmpfloat_with_epsilon (dt->area[0], 21474.0 * 50000.0, 21474.0);

  matcher = precis_matcher_new (ds, 0, PRECIS_IOU_SEGM, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (matcher);
  g_assert_cmpuint (precis_matcher_get_n_tables (matcher), ==, 1);
  /* IoU = (21474 × 50000) / (21474 × 100000) = 0.5, up to the boundary row. */
  g_assert_cmpfloat_with_epsilon (precis_matcher_get_table (matcher, 0)->iou[0], 0.5, 1e-4);

  /* A decoded mask would be 2.1 GB. */
  g_assert_cmpint (peak_rss_kb (), <, 256 * 1024);
}

/* --- a polygon with a million points ----------------------------------------- */

/* A million vertices on a circle of radius 10 000 px: loaded and rasterised
 * (outline about 2π · 10 000 + 10^6 ≈ 1.06 M pixels, under 2^24). */
static void
test_polygon_million_points_subprocess (void)
{
  g_autofree char *path = test_path ("circle.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  const PrecisAnnotations *gt;
  FILE *f = open_output (path);
  const guint n = 1000000;
  const double r = 10000.0;

  fprintf (f, "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": %d, \"height\": %d}],"
              " \"categories\": [{\"id\": 1, \"name\": \"a\"}],"
              " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"iscrowd\": 0,"
              " \"segmentation\": [[", BIG_W, BIG_H);
  for (guint i = 0; i < n; i++)
    fprintf (f, "%s%.3f,%.3f", i ? "," : "",
             10737.0 + r * cos (2 * G_PI * i / n), 50000.0 + r * sin (2 * G_PI * i / n));
  fprintf (f, "]]}]}");
  close_output (f);

  ds = load (path, NULL, &error);
  g_unlink (path);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  gt = precis_dataset_get_ground_truth_annotations (ds);
  g_assert_cmpuint (gt->n, ==, 1);
  g_assert_cmpuint (gt->n_coords, ==, 2 * n);
  /* π r² = 314 159 265 pixels; the rasterised disc is within 0.1 %. */
  g_assert_cmpfloat_with_epsilon (gt->area[0], G_PI * r * r, G_PI * r * r * 1e-3);
  g_assert_cmpint (peak_rss_kb (), <, 512 * 1024);
}

/* A million vertices zigzagging across the 21474-pixel width: 2 × 10^10 pixels
 * of outline, refused at once (a 10 000-vertex one took > 120 s and 2.4 GB
 * before the limit). */
static void
test_polygon_million_zigzag_subprocess (void)
{
  g_autofree char *path = test_path ("zigzag.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  FILE *f = open_output (path);
  const guint n = 1000000;

  fprintf (f, "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": %d, \"height\": %d}],"
              " \"categories\": [{\"id\": 1, \"name\": \"a\"}],"
              " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"iscrowd\": 0,"
              " \"segmentation\": [[", BIG_W, BIG_H);
  for (guint i = 0; i < n; i++)
    fprintf (f, "%s%d,%u", i ? "," : "", i % 2 ? BIG_W : 0, i / 10);
  fprintf (f, "]]}]}");
  close_output (f);

  ds = load (path, NULL, &error);
  g_unlink (path);
  g_assert_null (ds);
  /* The outline limit is checked before any rasterising (check_outline() comes
   * first in finish_annotation()): this error is proof that no mask was built,
   * and the RSS bound that neither the mask nor a JSON tree of the polygon was
   * held. Speed is the benchmark's to measure, not a wall-clock assertion. */
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "annotations[0].segmentation: the outline"));
  g_assert_cmpint (peak_rss_kb (), <, 512 * 1024);
}

/* --- IoU tables ------------------------------------------------------------- */

/* 20 000 GT boxes and 20 000 predictions on one image: 4 × 10^8 IoU values
 * (3.2 GB) is over the 2^28 limit of the matcher. */
static void
test_iou_table_bound_subprocess (void)
{
  g_autofree char *gt_path = test_path ("dense-gt.json");
  g_autofree char *results_path = test_path ("dense-results.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  FILE *f = open_output (gt_path);
  const guint n = 20000;

  fprintf (f, "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": 640, \"height\": 480}],"
              " \"categories\": [{\"id\": 1, \"name\": \"a\"}], \"annotations\": [");
  for (guint i = 0; i < n; i++)
    fprintf (f, "%s{\"id\": %u, \"image_id\": 1, \"category_id\": 1, \"bbox\": [%u, %u, 20, 20],"
                " \"area\": 400, \"iscrowd\": 0}", i ? "," : "", i + 1, i % 600, i % 400);
  fprintf (f, "]}");
  close_output (f);
  f = open_output (results_path);
  fputc ('[', f);
  for (guint i = 0; i < n; i++)
    fprintf (f, "%s{\"image_id\": 1, \"category_id\": 1, \"bbox\": [%u, %u, 21, 21], \"score\": 0.5}",
             i ? "," : "", i % 600, i % 400);
  fputc (']', f);
  close_output (f);

  ds = load (gt_path, results_path, &error);
  g_unlink (gt_path);
  g_unlink (results_path);
  g_assert_no_error (error);

  matcher = precis_matcher_new (ds, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_null (matcher);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "400000000 IoU values"));
  g_assert_cmpint (peak_rss_kb (), <, 256 * 1024);
}

/* --- special files ----------------------------------------------------------- */

/* A project may name any path: a FIFO (with no writer) blocked open() forever
 * before it was refused as not a regular file. Run with a 10 s timeout. */
static void
test_fifo_subprocess (void)
{
  g_autofree char *fifo = test_path ("fifo.json");
  g_autofree char *project = test_path ("fifo-project.json");
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  g_autofree char *base = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  base = g_path_get_basename (fifo);
  contents = g_strdup_printf ("{\"ground_truth\": \"%s\"}", base);
  g_assert_true (g_file_set_contents (project, contents, -1, NULL));

  file = g_file_new_for_path (project);
  ds = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_unlink (fifo);
  g_unlink (project);
  g_assert_null (ds);
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
}

/* Runs the test's _subprocess half in a child and requires it to pass. */
static void
run_subprocess (gconstpointer data)
{
  g_autofree char *path = g_strdup_printf ("%s/subprocess", (const char *) data);

  g_test_trap_subprocess (path, strstr (path, "fifo") ? 10 * G_USEC_PER_SEC : 300 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
add_case (const char *path,
          GTestFunc   func)
{
  g_autofree char *sub = g_strdup_printf ("%s/subprocess", path);

  g_test_add_func (sub, func);
  g_test_add_data_func (path, path, run_subprocess);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  add_case ("/limits/file-over-2gib", test_file_over_2gib_subprocess);
  add_case ("/limits/json-tree-bound", test_json_tree_bound_subprocess);
  g_test_add_func ("/limits/image-100k-square", test_image_100k_square);
  add_case ("/limits/image-largest", test_image_largest_subprocess);
  add_case ("/limits/polygon-million-points", test_polygon_million_points_subprocess);
  add_case ("/limits/polygon-million-zigzag", test_polygon_million_zigzag_subprocess);
  add_case ("/limits/iou-table-bound", test_iou_table_bound_subprocess);
  add_case ("/limits/fifo", test_fifo_subprocess);

  return g_test_run ();
}

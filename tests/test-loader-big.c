/* test-loader-big.c: a ~200 MB generated results file loads within bounded memory (suite slow)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are generated in G_TEST_BUILDDIR (never committed) and removed after.
 * Bound: the whole process's peak RSS (getrusage ru_maxrss) stays under 1 GiB for
 * 2,000,000 box predictions (about 200 MB of JSON). Measured on Debian 12:
 * about 390 MB with the fast reader, 500 MB with json-glib alone
 * (PRECIS_LOADER_NO_FAST_PATH=1); see docs/PERFORMANCE.md, loading section.
 */

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "precis-dataset.h"

#define N_IMAGES      5000
#define N_CATEGORIES  80
#define N_GT          36000
#define N_PREDICTIONS 2000000
/* AddressSanitizer (the ASan pass of build-aux/test.sh) keeps freed blocks in
 * quarantine and adds shadow memory, about ×2–3: its bound is 3 GiB. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_BOUND_KB  (3 * 1024 * 1024)
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_BOUND_KB  (3 * 1024 * 1024)
#endif
#endif
#ifndef RSS_BOUND_KB
#define RSS_BOUND_KB  (1024 * 1024)   /* 1 GiB */
#endif

static char *
build_path (const char *name)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");

  return g_build_filename (dir ? dir : g_get_tmp_dir (), name, NULL);
}

static void
write_gt (const char *path)
{
  FILE *f = fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (1);

  g_assert_nonnull (f);
  fputs ("{\"images\": [", f);
  for (guint i = 0; i < N_IMAGES; i++)
    fprintf (f, "%s{\"id\": %u, \"file_name\": \"%u.jpg\", \"width\": 640, \"height\": 480}",
             i ? ", " : "", i + 1, i + 1);
  fputs ("], \"categories\": [", f);
  for (guint c = 0; c < N_CATEGORIES; c++)
    fprintf (f, "%s{\"id\": %u, \"name\": \"class %u\"}", c ? ", " : "", c + 1, c + 1);
  fputs ("], \"annotations\": [", f);
  for (guint k = 0; k < N_GT; k++)
    fprintf (f, "%s{\"id\": %u, \"image_id\": %d, \"category_id\": %d, \"bbox\": [%.2f, %.2f, %.2f, %.2f], "
             "\"area\": 100, \"iscrowd\": 0}",
             k ? ", " : "", k + 1, g_rand_int_range (rand, 1, N_IMAGES + 1),
             g_rand_int_range (rand, 1, N_CATEGORIES + 1),
             g_rand_double_range (rand, 0, 500), g_rand_double_range (rand, 0, 400),
             g_rand_double_range (rand, 1, 100), g_rand_double_range (rand, 1, 80));
  fputs ("]}\n", f);
  g_assert_cmpint (fclose (f), ==, 0);
  g_rand_free (rand);
}

/* Returns the sum of the scores written, for a check that needs no stored copy. */
static double
write_results (const char *path)
{
  FILE *f = fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (2);
  double sum = 0;

  g_assert_nonnull (f);
  fputc ('[', f);
  for (guint k = 0; k < N_PREDICTIONS; k++)
    {
      /* Scores with 3 decimals are exact sums in doubles well below 2^53 / 1000. */
      int milli = g_rand_int_range (rand, 0, 1001);

      fprintf (f, "%s{\"image_id\": %d, \"category_id\": %d, \"bbox\": [%.3f, %.3f, %.3f, %.3f], \"score\": %d.%03d}",
               k ? ",\n" : "", g_rand_int_range (rand, 1, N_IMAGES + 1),
               g_rand_int_range (rand, 1, N_CATEGORIES + 1),
               g_rand_double_range (rand, 0, 500), g_rand_double_range (rand, 0, 400),
               g_rand_double_range (rand, 1, 100), g_rand_double_range (rand, 1, 80),
               milli / 1000, milli % 1000);
      sum += milli;
    }
  fputs ("]\n", f);
  g_assert_cmpint (fclose (f), ==, 0);
  g_rand_free (rand);

  return sum;
}

static void
test_big_results (void)
{
  g_autofree char *gt_path = build_path ("big-gt.json");
  g_autofree char *pred_path = build_path ("big-predictions.json");
  g_autoptr(GFile) gt = g_file_new_for_path (gt_path);
  g_autoptr(GFile) pred = g_file_new_for_path (pred_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  const PrecisAnnotations *anns;
  struct rusage usage;
  GStatBuf st;
  double expected_sum, sum = 0;
  gint64 start;

  write_gt (gt_path);
  expected_sum = write_results (pred_path);
  g_assert_cmpint (g_stat (pred_path, &st), ==, 0);
  g_test_message ("results file: %.1f MB", st.st_size / 1e6);
  g_assert_cmpint (st.st_size, >, 150 * 1000 * 1000);

  start = g_get_monotonic_time ();
  ds = precis_dataset_load_files (gt, &pred, NULL, 1, NULL, NULL, NULL, NULL, &error);
  g_test_message ("load: %.2f s wall", (g_get_monotonic_time () - start) / 1e6);
  g_unlink (gt_path);
  g_unlink (pred_path);

  /* The file is within every documented limit: a refusal is a failure, so that
   * the memory bound below is a real check. */
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  anns = precis_dataset_get_predictions (ds, 0);
  g_assert_cmpuint (anns->n, ==, N_PREDICTIONS);
  g_assert_cmpuint (precis_dataset_get_ground_truth_annotations (ds)->n, ==, N_GT);
  for (guint i = 0; i < anns->n; i++)
    {
      sum += anns->score[i] * 1000.0;
      g_assert_cmpint (anns->id[i], ==, (gint64) anns->file_index[i] + 1);
    }
  g_assert_cmpfloat_with_epsilon (sum, expected_sum, 1.0);

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  g_test_message ("peak RSS: %ld MB (bound %d MB); CPU %.2f s user, %.2f s system",
                  usage.ru_maxrss / 1024, RSS_BOUND_KB / 1024,
                  usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
                  usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6);
  g_assert_cmpint (usage.ru_maxrss, <, RSS_BOUND_KB);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader-big/results-200mb", test_big_results);

  return g_test_run ();
}

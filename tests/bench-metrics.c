/* bench-metrics.c: timings of metric performance (SEMANTICS.md §9)
 *
 * Usage: bench-metrics [PROJECT]
 * Without PROJECT, writes a synthetic project (precis_synth_write(): 5,000
 * images × 100 predictions, seed 1) into a temporary folder first. Prints the
 * thread CPU time of: switching metric (values, V, edges and every object's
 * bucket, then one count), re-bucketing one metric per IoU slider step, and
 * the summary of every metric per step (the first summary also computes the
 * values and importance buckets of every metric; it is printed on its own).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "precis-metrics.h"
#include "precis-synth.h"

/* This thread's CPU time: what a busy machine cannot inflate by preemption. */
static double
thread_ms (void)
{
  struct timespec now;

  return clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) == 0 ? now.tv_sec * 1e3 + now.tv_nsec / 1e6 : 0;
}

static gint
by_value (gconstpointer a, gconstpointer b)
{
  return (*(const double *)a > *(const double *)b) - (*(const double *)a < *(const double *)b);
}

/* Prints median and maximum of @samples; returns the median. */
static double
summarize (const char *label,
           GArray     *samples)
{
  double *s, median;

  g_array_sort (samples, by_value);
  s = (double *)samples->data;
  median = s[samples->len / 2];
  g_print ("%-36s median %7.2f ms, max %7.2f ms over %u runs\n",
           label, median, s[samples->len - 1], samples->len);
  return median;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) location = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  g_autoptr(PrecisMetrics) metrics = NULL;
  g_autoptr(GArray) step = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) change = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) summary = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmp = NULL;
  g_autofree double *corr = NULL, *imp = NULL;
  guint n_metrics;
  struct rusage usage;
  double t0;

  if (argc > 1)
    location = g_file_new_for_commandline_arg (argv[1]);
  else
    {
      PrecisSynthParams params = { 5000, 100, PRECIS_IOU_BBOX, 1 };

      tmp = g_dir_make_tmp ("precis-bench-metrics-XXXXXX", &error);
      g_assert_no_error (error);
      location = g_file_new_for_path (tmp);
      precis_synth_write (&params, location, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  dataset = precis_dataset_load_project (location, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  active = precis_active_new (matcher);
  metrics = precis_metrics_new (active, NULL);
  n_metrics = precis_metrics_get_n_metrics (metrics);
  corr = g_new (double, n_metrics);
  imp = g_new (double, n_metrics);
  g_print ("%u predictions, %u GT, %u metrics\n",
           precis_dataset_get_predictions (dataset, 0)->n,
           precis_dataset_get_ground_truth_annotations (dataset)->n, n_metrics);

  /* Switching metric, twice round every metric (the second round finds the
   * values cached but still rebuilds V's edges and buckets). */
  for (guint round = 0; round < 2; round++)
    for (guint m = 0; m < n_metrics; m++)
      {
        t0 = thread_ms ();
        precis_metrics_set_metric (metrics, m);
        precis_metrics_evaluate (metrics);
        g_array_append_val (round == 0 ? first : change, (double){ thread_ms () - t0 });
      }

  /* IoU slider steps 0.00 … 1.00 on one metric. */
  precis_metrics_set_metric (metrics, 0);
  precis_metrics_evaluate (metrics);
  for (guint i = 0; i <= 100; i++)
    {
      precis_active_set_threshold (active, i / 100.0);
      t0 = thread_ms ();
      precis_metrics_evaluate (metrics);
      g_array_append_val (step, (double){ thread_ms () - t0 });
    }

  t0 = thread_ms ();
  precis_metrics_summarize (metrics, corr, imp);
  g_print ("%-36s %7.2f ms\n", "summary, first (all importance bins)", thread_ms () - t0);
  for (guint i = 0; i <= 100; i += 5)
    {
      precis_active_set_threshold (active, i / 100.0);
      t0 = thread_ms ();
      precis_metrics_summarize (metrics, corr, imp);
      g_array_append_val (summary, (double){ thread_ms () - t0 });
    }

  /* The explorer gallery's per-image value (sort and filter by a metric),
   * values already known: what its worker pays per request. */
  {
    g_autofree double *per_image = g_new (double, MAX (precis_dataset_get_n_images (dataset), 1));

    t0 = thread_ms ();
    precis_metrics_image_values (metrics, 0, PRECIS_METRIC_IMAGE_MEAN, PRECIS_NO_INDEX, per_image);
    g_print ("%-36s %7.2f ms\n", "per-image values (gallery), area", thread_ms () - t0);
  }

  summarize ("switch metric, first time", first);
  summarize ("switch metric, values known", change);
  summarize ("re-bucket per IoU step", step);
  summarize ("summary of every metric per step", summary);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("%-36s %7.1f MB\n", "peak RSS", usage.ru_maxrss / 1024.0);

  /* The synthetic project's two files, then its folder. */
  for (const char * const *f = (const char * const[]){ "gt.json", "predictions.json", NULL };
       tmp != NULL && *f != NULL; f++)
    {
      g_autofree char *path = g_build_filename (tmp, *f, NULL);

      g_remove (path);
    }
  if (tmp != NULL)
    g_rmdir (tmp);
  return 0;
}

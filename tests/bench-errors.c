/* bench-errors.c: timings of TIDE's error analysis and the confusion matrix
 *
 * Usage: bench-errors [PROJECT]
 * Without PROJECT, writes `$PRECIS_CLI synth --images 5000 --preds-per-image 100
 * --seed 1` into a temporary folder first (bbox, 80 classes). Reports what issue 13
 * asks for: the one-off cross-class IoU table against the load (project load +
 * matcher), its memory, a slider step of the error counts and of the confusion
 * matrix, and the nine-oracle dAP computation. Wall and calling-thread CPU times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "precis-confusion.h"
#include "precis-tide.h"
#include "precis-test-bench.h"

typedef struct {
  GArray *wall;   /* double, ms */
  GArray *cpu;
  double  w0;
  double  c0;
} Samples;

static void
samples_init (Samples *s)
{
  s->wall = g_array_new (FALSE, FALSE, sizeof (double));
  s->cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
samples_start (Samples *s)
{
  s->w0 = g_get_monotonic_time () / 1e3;
  s->c0 = cpu_ms ();
}

/* Records one sample; returns its wall time in ms. */
static double
samples_stop (Samples *s)
{
  double w = g_get_monotonic_time () / 1e3 - s->w0, c = cpu_ms () - s->c0;

  g_array_append_val (s->wall, w);
  g_array_append_val (s->cpu, c);
  return w;
}

static gint
cmp_ms (gconstpointer a,
        gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
print_quantiles (const char *label,
                 GArray     *v)
{
  guint n = v->len;

  g_array_sort (v, cmp_ms);
  g_print ("%-34s median %8.3f   p99 %8.3f   max %8.3f ms  (n = %u)\n", label,
           g_array_index (v, double, n / 2), g_array_index (v, double, MIN (n - 1, (guint)(n * 0.99))),
           g_array_index (v, double, n - 1), n);
}

static void
samples_report (Samples    *s,
                const char *what)
{
  g_autofree char *w = g_strdup_printf ("%s, wall", what);
  g_autofree char *c = g_strdup_printf ("%s, cpu", what);

  print_quantiles (w, s->wall);
  print_quantiles (c, s->cpu);
  g_array_set_size (s->wall, 0);
  g_array_set_size (s->cpu, 0);
}

static double
peak_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

static char *
make_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  char *dir = g_dir_make_tmp ("precis-bench-errors-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (g_getenv ("PRECIS_CLI"));
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("PRECIS_CLI"), "synth",
                           "--images", "5000", "--preds-per-image", "100", "--seed", "1",
                           "--quiet", "--out", dir, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);
  return dir;
}

static void
remove_project (const char *dir)
{
  const char *names[] = { "gt.json", "predictions.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
tide_step (gpointer object,
           double   t)
{
  precis_tide_set_threshold (object, t);
  precis_tide_evaluate (object);
}

static void
confusion_step (gpointer object,
                double   t)
{
  precis_confusion_set_threshold (object, t);
  precis_confusion_evaluate (object);
}

/* Five sweeps of t from 0 to 1 and back in 0.01 steps, each step timed. */
static void
sweep (Samples  *s,
       void    (*step) (gpointer object, double t),
       gpointer  object)
{
  for (guint k = 0; k < 5 * 202; k++)
    {
      guint i = k % 202;

      samples_start (s);
      step (object, (i <= 100 ? i : 201 - i) / 100.0);
      samples_stop (s);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisOverlaps) overlaps = NULL;
  g_autoptr(PrecisTide) tide = NULL;
  g_autoptr(PrecisConfusion) confusion = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *tmp = NULL;
  g_autofree guint32 *order = NULL;
  Samples s;
  double load_ms, matcher_ms, order_ms, overlaps_ms, rss_before;
  const PrecisOverlapsData *o;

  samples_init (&s);
  if (argc > 1)
    file = g_file_new_for_commandline_arg (argv[1]);
  else
    {
      tmp = make_project ();
      file = g_file_new_for_path (tmp);
    }

  samples_start (&s);
  dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  load_ms = samples_stop (&s);
  samples_start (&s);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher_ms = samples_stop (&s);
  rss_before = peak_rss_mb ();

  samples_start (&s);
  order = precis_overlaps_read_image_order (dataset, NULL, &error);
  g_assert_no_error (error);
  order_ms = samples_stop (&s);
  samples_start (&s);
  overlaps = precis_overlaps_new (matcher, order, 0, NULL, &error);
  g_assert_no_error (error);
  overlaps_ms = samples_stop (&s);
  o = precis_overlaps_get_data (overlaps);
  g_array_set_size (s.wall, 0);
  g_array_set_size (s.cpu, 0);

  g_print ("%u predictions, %u GT, %u overlapping pairs\n", o->n_predictions, o->n_gt,
           o->pair_start[o->n_predictions]);
  g_print ("load (project + matcher)          %8.1f ms  (%.1f + %.1f)\n", load_ms + matcher_ms, load_ms, matcher_ms);
  g_print ("GT image order (re-read)          %8.1f ms\n", order_ms);
  g_print ("cross-class IoU table             %8.1f ms  = %.1f %% of the load with the image order\n",
           overlaps_ms, 100 * (order_ms + overlaps_ms) / (load_ms + matcher_ms));
  g_print ("table memory                      %8.1f MB; peak RSS %.1f MB before, %.1f MB after\n",
           precis_overlaps_get_size (overlaps) / 1e6, rss_before, peak_rss_mb ());

  tide = precis_tide_new (overlaps);
  confusion = precis_confusion_new (overlaps);
  sweep (&s, tide_step, tide);
  samples_report (&s, "error counts: t step");
  sweep (&s, confusion_step, confusion);
  samples_report (&s, "confusion matrix: t step");

  for (guint k = 1; k <= 19; k++)
    {
      PrecisTideDaps daps;

      precis_tide_set_threshold (tide, k * 0.05);
      precis_tide_evaluate (tide);
      samples_start (&s);
      precis_tide_compute_daps (tide, &daps);
      samples_stop (&s);
      if (k == 10)
        g_print ("t = 0.50: AP %.4f, dAP Cls %.4f Loc %.4f Both %.4f Dupe %.4f Bkg %.4f Miss %.4f, FP %.4f FN %.4f\n",
                 daps.ap, daps.main[0], daps.main[1], daps.main[2], daps.main[3], daps.main[4],
                 daps.main[5], daps.special_fp, daps.special_fn);
    }
  samples_report (&s, "dAPs (9 oracles)");
  g_print ("peak RSS                          %8.1f MB\n", peak_rss_mb ());

  if (tmp != NULL)
    remove_project (tmp);
  g_array_unref (s.wall);
  g_array_unref (s.cpu);
  return 0;
}

/* bench-active.c: timings of the precompute and of protocol `active` steps
 *
 * Usage: bench-active [PROJECT]
 * Without PROJECT, writes a synthetic project with `$PRECIS_CLI synth --images
 * 5000 --preds-per-image 100 --seed 1` into a temporary folder first.
 * Reports wall and thread CPU times (the CPU times are what a busy machine
 * cannot inflate by preempting the thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "precis-active.h"
#include "precis-test-bench.h"

static void
report (const char *what,
        double     *v,
        guint       n)
{
  qsort (v, n, sizeof (double), compare_double);
  g_print ("%-28s median %8.3f ms   p99 %8.3f ms   max %8.3f ms   (n = %u)\n",
           what, v[n / 2], v[MIN (n - 1, (guint)(n * 0.99))], v[n - 1], n);
}

static char *
synthesize (void)
{
  const char *cli = g_getenv ("PRECIS_CLI");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status = 0;

  if (cli == NULL)
    g_error ("no PROJECT given and PRECIS_CLI is not set");
  dir = g_dir_make_tmp ("precis-bench-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { cli, "synth", "--images", "5000", "--preds-per-image", "100",
                           "--seed", "1", "--quiet", "--out", dir, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }
  return g_steal_pointer (&dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *tmp = NULL;
  g_autofree double *wall = g_new (double, 10 * 202);
  g_autofree double *cpu = g_new (double, 10 * 202);
  const PrecisMatches *m;
  struct rusage ru;
  double w0, c0;
  guint n = 0;

  if (argc > 1)
    file = g_file_new_for_commandline_arg (argv[1]);
  else
    {
      tmp = synthesize ();
      file = g_file_new_for_path (tmp);
    }

  w0 = wall_ms ();
  dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_print ("load                         %8.1f ms\n", wall_ms () - w0);

  w0 = wall_ms ();
  c0 = cpu_ms ();
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  m = precis_matcher_get_matches (matcher);
  g_print ("precompute (bbox)            %8.1f ms   (calling thread cpu %.1f ms)   %u predictions, %u GT, %u tables, %.1f MB\n",
           wall_ms () - w0, cpu_ms () - c0, m->n_predictions, m->n_gt, precis_matcher_get_n_tables (matcher),
           precis_matcher_get_size (matcher) / 1e6);

  w0 = wall_ms ();
  c0 = cpu_ms ();
  active = precis_active_new (matcher);
  g_print ("active: new                  %8.1f ms   (cpu %.1f ms)\n", wall_ms () - w0, cpu_ms () - c0);
  w0 = wall_ms ();
  c0 = cpu_ms ();
  precis_active_evaluate (active);
  g_print ("active: first evaluation     %8.1f ms   (cpu %.1f ms)\n", wall_ms () - w0, cpu_ms () - c0);

  /* 10 sweeps of t from 0 to 1 and back in 0.01 steps, all classes. */
  for (guint sweep = 0; sweep < 10; sweep++)
    for (guint s = 0; s < 202; s++)
      {
        guint i = s <= 100 ? s : 201 - s;

        w0 = wall_ms ();
        c0 = cpu_ms ();
        precis_active_set_threshold (active, i / 100.0);
        precis_active_evaluate (active);
        cpu[n] = cpu_ms () - c0;
        wall[n++] = wall_ms () - w0;
      }
  report ("active: t step (wall)", wall, n);
  report ("active: t step (cpu)", cpu, n);

  n = 0;
  precis_active_set_threshold (active, 0.5);
  for (guint k = 0; k <= 100; k++)
    {
      c0 = cpu_ms ();
      precis_active_set_confidence (active, k / 100.0);
      precis_active_evaluate (active);
      cpu[n++] = cpu_ms () - c0;
    }
  report ("active: confidence step (cpu)", cpu, n);
  precis_active_set_confidence (active, 0);
  precis_active_evaluate (active);

  n = 0;
  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    {
      c0 = cpu_ms ();
      precis_active_set_class_selected (active, c, FALSE);
      precis_active_evaluate (active);
      precis_active_set_class_selected (active, c, TRUE);
      precis_active_evaluate (active);
      cpu[n++] = cpu_ms () - c0;
    }
  if (n > 0)
    report ("active: class off+on (cpu)", cpu, n);

  n = 0;
  for (guint k = 0; k < 10; k++)
    {
      c0 = cpu_ms ();
      precis_active_set_area_range (active, k % 2 ? 0 : 32 * 32, k % 2 ? INFINITY : 96 * 96);
      precis_active_evaluate (active);
      cpu[n++] = cpu_ms () - c0;
    }
  report ("active: area range (cpu)", cpu, n);

  n = 0;
  for (guint k = 0; k <= 100; k += 5)
    {
      c0 = cpu_ms ();
      precis_active_set_threshold (active, k / 100.0);
      precis_active_get_f1_curve (active);
      cpu[n++] = cpu_ms () - c0;
    }
  report ("active: F1 curve (cpu)", cpu, n);

  getrusage (RUSAGE_SELF, &ru);
  g_print ("peak RSS                     %8.1f MB\n", ru.ru_maxrss / 1024.0);

  if (tmp != NULL)
    {
      g_autofree char *gt = g_build_filename (tmp, "gt.json", NULL);
      g_autofree char *pred = g_build_filename (tmp, "predictions.json", NULL);

      g_remove (gt);
      g_remove (pred);
      g_rmdir (tmp);
    }
  return 0;
}

/* bench-chart.c: what one IoU slider step costs the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-chart [PROJECT]: sweeps t from 0 to 1 in 0.01 steps and times, per
 * chart kind, the model build and the render at the size of a chart card
 * (480 × 640 for bars, 480 × 560 for curves), as the app's chart views do
 * (borrowed partial models), and the full copying model that exports use.
 * Without PROJECT, writes a synthetic project of 5,000 images × 100
 * predictions (precis-cli synth --seed 1) to a temporary folder. Times are
 * CPU time of the thread.
 */

#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <glib/gstdio.h>

#include "precis-chart.h"
#include "precis-synth.h"
#include "precis-test-bench.h"

static void
report (const char *what,
        GArray     *v)
{
  double *d = (double *) v->data;
  guint n = v->len;

  if (n == 0)
    return;
  qsort (d, n, sizeof (double), compare_double);
  g_print ("%-34s median %8.3f ms   p95 %8.3f ms   max %8.3f ms   (n = %u)\n",
           what, d[(n - 1) / 2], d[(guint) ((n - 1) * 0.95 + 0.5)], d[n - 1], n);
}

static void
render (PrecisChartModel *model,
        PrecisChartKind   kind,
        cairo_surface_t  *surface,
        double            width,
        double            height)
{
  g_autoptr(PrecisChart) chart = precis_chart_new (model, kind);
  cairo_t *cr = cairo_create (surface);

  precis_chart_render (chart, cr, width, height, 1.0);
  cairo_destroy (cr);
}

static PrecisChartModelFlags
live_flags (PrecisChartKind kind)
{
  switch (kind)
    {
    case PRECIS_CHART_PR_CURVE:
      return PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_BORROW;
    case PRECIS_CHART_F1_CONFIDENCE:
      return PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_F1 | PRECIS_CHART_MODEL_BORROW;
    case PRECIS_CHART_PERFORMANCE:
    case PRECIS_CHART_PRECISION:
    case PRECIS_CHART_RECALL:
    case PRECIS_CHART_OUTCOMES:
    case PRECIS_N_CHART_KINDS:
    default:
      return PRECIS_CHART_MODEL_CLASSES | PRECIS_CHART_MODEL_BORROW;
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) project = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  g_autofree char *tmp = NULL;
  GArray *build[PRECIS_N_CHART_KINDS], *draw[PRECIS_N_CHART_KINDS];
  g_autoptr(GArray) eval = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_build = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 640);

  if (argc > 1)
    project = g_file_new_for_commandline_arg (argv[1]);
  else
    {
      PrecisSynthParams params = { 5000, 100, PRECIS_IOU_BBOX, 1 };

      tmp = g_dir_make_tmp ("precis-bench-chart-XXXXXX", &error);
      g_assert_no_error (error);
      project = g_file_new_for_path (tmp);
      if (!precis_synth_write (&params, project, NULL, NULL, &error))
        g_error ("%s", error->message);
    }

  dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  if (matcher == NULL)
    g_error ("%s", error->message);
  active = precis_active_new (matcher);

  for (guint k = 0; k < PRECIS_N_CHART_KINDS; k++)
    {
      build[k] = g_array_new (FALSE, FALSE, sizeof (double));
      draw[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  g_print ("bench-chart: %u images, %u predictions, t = 0 → 1 in 0.01 steps\n",
           precis_dataset_get_n_images (dataset),
           precis_dataset_get_predictions (dataset, 0)->n);

  for (guint step = 0; step <= 100; step++)
    {
      double t0, ms;

      precis_active_set_threshold (active, step / 100.0);
      t0 = cpu_ms ();
      precis_active_evaluate (active);
      ms = cpu_ms () - t0;
      g_array_append_val (eval, ms);

      for (guint k = 0; k < PRECIS_N_CHART_KINDS; k++)
        {
          g_autoptr(PrecisChartModel) model = NULL;
          gboolean bars = k != PRECIS_CHART_PR_CURVE && k != PRECIS_CHART_F1_CONFIDENCE;

          t0 = cpu_ms ();
          model = precis_chart_model_new_from_active_flags (active, live_flags (k));
          ms = cpu_ms () - t0;
          g_array_append_val (build[k], ms);

          t0 = cpu_ms ();
          render (model, k, surface, 480, bars ? 640 : 560);
          ms = cpu_ms () - t0;
          g_array_append_val (draw[k], ms);
        }

      if (step % 10 == 0)
        {
          g_autoptr(PrecisChartModel) full = NULL;

          /* The F1 curve is cached per t: start from a fresh one. */
          precis_active_set_threshold (active, step / 100.0 + 1e-9 > 1 ? 1 : step / 100.0 + 1e-9);
          t0 = cpu_ms ();
          full = precis_chart_model_new_from_active (active);
          ms = cpu_ms () - t0;
          g_array_append_val (full_build, ms);
        }
    }

  report ("evaluate", eval);
  for (guint k = 0; k < PRECIS_N_CHART_KINDS; k++)
    {
      g_autofree char *b = g_strdup_printf ("%s: model", precis_chart_kind_to_string (k));
      g_autofree char *d = g_strdup_printf ("%s: render", precis_chart_kind_to_string (k));

      report (b, build[k]);
      report (d, draw[k]);
      g_array_unref (build[k]);
      g_array_unref (draw[k]);
    }
  report ("full model (exports)", full_build);

  cairo_surface_destroy (surface);
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

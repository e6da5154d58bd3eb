/* precis-bench.c: load, precompute and evaluation timings of one project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <glib/gi18n.h>

#include "precis-active.h"
#include "precis-bench.h"
#include "precis-bootstrap.h"
#include "precis-cocoeval.h"
#include "precis-compare.h"

void
precis_bench_result_clear (PrecisBenchResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->model_name, g_free);
}

static double
seconds_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* User + system CPU time of the whole process (all threads). */
static double
process_cpu_s (void)
{
  struct rusage ru;

  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return 0;
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static double
clock_ms (clockid_t clock)
{
  struct timespec ts;

  if (clock_gettime (clock, &ts) != 0)
    return 0;
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
thread_cpu_ms (void)
{
  return clock_ms (CLOCK_THREAD_CPUTIME_ID);
}

static double
median_sorted (const double *v,
               guint         n)
{
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
read_rusage (PrecisBenchResult *result)
{
  struct rusage ru;

  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return;
  result->peak_rss_bytes = (guint64) ru.ru_maxrss * 1024;   /* Linux: KiB */
  result->cpu_user_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
  result->cpu_sys_s = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

gboolean
precis_bench_run (GFile             *project,
                  const char        *model_name,
                  PrecisIouType      iou_type,
                  guint              sweeps,
                  guint              coco_runs,
                  PrecisBenchResult *result,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  guint model = 0;
  gint64 t0;
  double c0;

  g_return_val_if_fail (G_IS_FILE (project), FALSE);
  g_return_val_if_fail (iou_type < PRECIS_N_IOU_TYPES, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->iou_type = iou_type;
  result->n_cpus = g_get_num_processors ();

  c0 = process_cpu_s ();
  t0 = g_get_monotonic_time ();
  dataset = precis_dataset_load_project (project, cancellable, NULL, NULL, error);
  if (dataset == NULL)
    return FALSE;
  result->load_s = seconds_since (t0);
  result->load_cpu_s = process_cpu_s () - c0;

  if (precis_dataset_get_n_models (dataset) == 0)
    {
      g_autofree char *path = g_file_get_parse_name (project);

      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PROJECT,
                   _("%s: the project has no predictions to measure"), path);
      return FALSE;
    }
  if (model_name != NULL)
    {
      model = precis_dataset_find_model (dataset, model_name);
      if (model == PRECIS_NO_INDEX)
        {
          g_autofree char *path = g_file_get_parse_name (project);

          g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PROJECT,
                       _("%s: no model named “%s”"), path, model_name);
          return FALSE;
        }
    }

  result->model_name = g_strdup (precis_dataset_get_model_name (dataset, model));
  result->n_images = precis_dataset_get_n_images (dataset);
  result->n_categories = precis_dataset_get_n_categories (dataset);
  result->n_gt = precis_dataset_get_ground_truth_annotations (dataset)->n;
  result->n_predictions = precis_dataset_get_predictions (dataset, model)->n;

  c0 = process_cpu_s ();
  t0 = g_get_monotonic_time ();
  matcher = precis_matcher_new (dataset, model, iou_type, 0, cancellable, NULL, NULL, error);
  if (matcher == NULL)
    return FALSE;
  result->precompute_s = seconds_since (t0);
  result->precompute_cpu_s = process_cpu_s () - c0;
  result->matcher_bytes = precis_matcher_get_size (matcher);

  if (sweeps > 0)
    {
      g_autoptr(PrecisActive) active = precis_active_new (matcher);
      g_autofree double *samples = g_new (double, (gsize) sweeps * 201);
      g_autofree double *cpu_samples = g_new (double, (gsize) sweeps * 201);
      guint n = 0;
      double sink = 0;

      /* Warm the buffers once, as the GUI does at load. */
      precis_active_set_threshold (active, 0.5);
      sink += precis_active_evaluate (active)->map;

      c0 = process_cpu_s ();
      for (guint s = 0; s < sweeps; s++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;

          /* 0.00 → 1.00, then 0.99 → 0.00: every step changes t. */
          for (guint i = 0; i < 201; i++)
            {
              guint step = i <= 100 ? i : 200 - i;
              gint64 ts = g_get_monotonic_time ();
              double cs = thread_cpu_ms ();

              precis_active_set_threshold (active, step / 100.0);
              sink += precis_active_evaluate (active)->map;
              cpu_samples[n] = thread_cpu_ms () - cs;
              samples[n++] = (g_get_monotonic_time () - ts) / 1e3;
            }
        }

      result->active_cpu_ms = (process_cpu_s () - c0) * 1e3 / n;
      qsort (samples, n, sizeof (double), compare_double);
      qsort (cpu_samples, n, sizeof (double), compare_double);
      result->active_steps = n;
      result->active_median_ms = median_sorted (samples, n);
      result->active_cpu_median_ms = median_sorted (cpu_samples, n);
      result->active_cpu_p99_ms = cpu_samples[(gsize) ceil (0.99 * n) - 1];
      result->active_p99_ms = samples[(gsize) ceil (0.99 * n) - 1];
      result->active_max_ms = samples[n - 1];
      (void) sink;
    }

  coco_runs = MAX (coco_runs, 1);
  result->coco_runs = coco_runs;
  for (guint r = 0; r < coco_runs; r++)
    {
      g_autoptr(PrecisCocoEval) eval = NULL;
      double s;

      c0 = process_cpu_s ();
      t0 = g_get_monotonic_time ();
      eval = precis_cocoeval_new (matcher, NULL, cancellable, error);
      if (eval == NULL)
        return FALSE;
      s = seconds_since (t0);
      if (r == 0)
        {
          result->coco_cpu_s = process_cpu_s () - c0;
          result->coco_s = s;
          result->coco_best_s = s;
          result->coco_ap = precis_cocoeval_get_stats (eval, NULL)[0];
        }
      result->coco_best_s = MIN (result->coco_best_s, s);
    }

  read_rusage (result);
  return TRUE;
}

char *
precis_bench_result_to_text (const PrecisBenchResult *r)
{
  GString *out;

  g_return_val_if_fail (r != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, _("Model:             %s (%s)\n"), r->model_name ? r->model_name : "",
                          precis_iou_type_to_string (r->iou_type));
  g_string_append_printf (out, _("Data:              %u images, %u categories, %" PRIu64
                                 " GT, %" PRIu64 " predictions\n"),
                          r->n_images, r->n_categories, r->n_gt, r->n_predictions);
  g_string_append_printf (out, _("CPUs:              %u\n"), r->n_cpus);
  g_string_append_printf (out, _("Load:              %.3f s (CPU %.3f s)\n"), r->load_s, r->load_cpu_s);
  g_string_append_printf (out, _("Precompute:        %.3f s (CPU %.3f s)\n"), r->precompute_s, r->precompute_cpu_s);
  g_string_append_printf (out, _("Load + precompute: %.3f s\n"), r->load_s + r->precompute_s);
  g_string_append_printf (out, _("Precompute memory: %.1f MB\n"), r->matcher_bytes / 1e6);
  if (r->active_steps > 0)
    g_string_append_printf (out, _("Active step:       median %.3f ms, p99 %.3f ms, max %.3f ms (%u steps; "
                                   "thread CPU median %.3f ms, p99 %.3f ms)\n"),
                            r->active_median_ms, r->active_p99_ms, r->active_max_ms, r->active_steps,
                            r->active_cpu_median_ms, r->active_cpu_p99_ms);
  g_string_append_printf (out, _("COCO evaluation:   %.3f s (best of %u: %.3f s; CPU %.3f s), AP %.3f\n"),
                          r->coco_s, r->coco_runs, r->coco_best_s, r->coco_cpu_s, r->coco_ap);
  g_string_append_printf (out, _("Peak RSS:          %.1f MB\n"), r->peak_rss_bytes / 1e6);
  g_string_append_printf (out, _("CPU time:          %.3f s user, %.3f s system\n"), r->cpu_user_s, r->cpu_sys_s);

  return g_string_free (out, FALSE);
}

JsonNode *
precis_bench_result_to_json (const PrecisBenchResult *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (r != NULL, NULL);

#define ADD_INT(name, v) G_STMT_START { json_builder_set_member_name (b, name); json_builder_add_int_value (b, (gint64) (v)); } G_STMT_END
#define ADD_DOUBLE(name, v) G_STMT_START { json_builder_set_member_name (b, name); json_builder_add_double_value (b, (v)); } G_STMT_END

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "iou_type");
  json_builder_add_string_value (b, precis_iou_type_to_string (r->iou_type));
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, r->model_name ? r->model_name : "");
  ADD_INT ("images", r->n_images);
  ADD_INT ("categories", r->n_categories);
  ADD_INT ("gt", r->n_gt);
  ADD_INT ("predictions", r->n_predictions);
  ADD_INT ("cpus", r->n_cpus);
  ADD_DOUBLE ("load_s", r->load_s);
  ADD_DOUBLE ("precompute_s", r->precompute_s);
  ADD_DOUBLE ("load_precompute_s", r->load_s + r->precompute_s);
  ADD_INT ("matcher_bytes", r->matcher_bytes);
  ADD_INT ("active_steps", r->active_steps);
  ADD_DOUBLE ("active_median_ms", r->active_median_ms);
  ADD_DOUBLE ("active_p99_ms", r->active_p99_ms);
  ADD_DOUBLE ("active_max_ms", r->active_max_ms);
  ADD_DOUBLE ("coco_s", r->coco_s);
  ADD_DOUBLE ("coco_best_s", r->coco_best_s);
  ADD_INT ("coco_runs", r->coco_runs);
  ADD_DOUBLE ("coco_ap", r->coco_ap);
  ADD_INT ("peak_rss_bytes", r->peak_rss_bytes);
  ADD_DOUBLE ("cpu_user_s", r->cpu_user_s);
  ADD_DOUBLE ("cpu_sys_s", r->cpu_sys_s);
  ADD_DOUBLE ("load_cpu_s", r->load_cpu_s);
  ADD_DOUBLE ("precompute_cpu_s", r->precompute_cpu_s);
  ADD_DOUBLE ("active_cpu_ms", r->active_cpu_ms);
  ADD_DOUBLE ("active_cpu_median_ms", r->active_cpu_median_ms);
  ADD_DOUBLE ("active_cpu_p99_ms", r->active_cpu_p99_ms);
  ADD_DOUBLE ("coco_cpu_s", r->coco_cpu_s);
  json_builder_end_object (b);

#undef ADD_INT
#undef ADD_DOUBLE

  return json_builder_get_root (b);
}

/* ---- comparing models ---------------------------------------------------- */

void
precis_bench_compare_result_clear (PrecisBenchCompareResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->model_names, g_strfreev);
}

static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_dtostr (buf, sizeof buf, v));
}

/**
 * precis_bench_write_variant:
 * @dataset: a loaded project
 * @model: the model to vary (box predictions)
 * @seed: the seed of the variation
 * @file: the results file to write
 * @error: return location for a #GError
 *
 * Writes a COCO results file with every box prediction of @model moved by up
 * to ±2 px per side and its score scaled by a factor in [0.8, 1.2] (clamped to
 * [0, 1]): another model of the same size for the compare benchmark. The same
 * seed writes the same bytes.
 *
 * Returns: %TRUE on success
 */
gboolean
precis_bench_write_variant (PrecisDataset  *dataset,
                            guint           model,
                            guint64         seed,
                            GFile          *file,
                            GError        **error)
{
  const PrecisAnnotations *dt;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) s = g_string_sized_new (1 << 20);
  g_autoptr(GRand) rng = g_rand_new_with_seed ((guint32) seed);

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (model < precis_dataset_get_n_models (dataset), FALSE);

  dt = precis_dataset_get_predictions (dataset, model);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;

  g_string_append_c (s, '[');
  for (guint i = 0; i < dt->n; i++)
    {
      const double *b = dt->bbox + (gsize) i * 4;
      double factor = g_rand_double_range (rng, 0.8, 1.2);
      double score = MIN (dt->score[i] * factor, 1.0);
      double dx = g_rand_double_range (rng, -2, 2), dy = g_rand_double_range (rng, -2, 2);

      g_string_append_printf (s, "%s{\"image_id\":%" PRId64 ",\"category_id\":%" PRId64 ",\"bbox\":[",
                              i > 0 ? ",\n" : "\n",
                              precis_dataset_get_image (dataset, dt->image[i])->id,
                              precis_dataset_get_category (dataset, dt->category[i])->id);
      append_double (s, b[0] + dx);
      g_string_append_c (s, ',');
      append_double (s, b[1] + dy);
      g_string_append_c (s, ',');
      append_double (s, b[2]);
      g_string_append_c (s, ',');
      append_double (s, b[3]);
      g_string_append (s, "],\"score\":");
      append_double (s, score);
      g_string_append_c (s, '}');

      if (s->len > (1 << 20) &&
          !g_output_stream_write_all (G_OUTPUT_STREAM (stream), s->str, s->len, NULL, NULL, error))
        return FALSE;
      if (s->len > (1 << 20))
        g_string_truncate (s, 0);
    }
  g_string_append (s, "\n]\n");
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), s->str, s->len, NULL, NULL, error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/* Slider sweeps 0 → 1 → 0 over every model at once. */
static void
time_steps (PrecisCompare            *compare,
            guint                     sweeps,
            PrecisBenchCompareResult *r)
{
  guint total = sweeps * 201, n = 0;
  g_autofree double *wall = g_new (double, MAX (total, 1));
  g_autofree double *cpu = g_new (double, MAX (total, 1));

  precis_compare_set_threshold (compare, 0.5);
  precis_compare_evaluate (compare);
  for (guint s = 0; s < sweeps; s++)
    for (guint i = 0; i < 201; i++)
      {
        guint step = i <= 100 ? i : 200 - i;
        gint64 t0 = g_get_monotonic_time ();
        double c0 = clock_ms (CLOCK_PROCESS_CPUTIME_ID);

        precis_compare_set_threshold (compare, step / 100.0);
        precis_compare_evaluate (compare);
        cpu[n] = clock_ms (CLOCK_PROCESS_CPUTIME_ID) - c0;
        wall[n++] = (g_get_monotonic_time () - t0) / 1e3;
      }
  if (n == 0)
    return;
  qsort (wall, n, sizeof (double), compare_double);
  qsort (cpu, n, sizeof (double), compare_double);
  r->steps = n;
  r->step_median_ms = median_sorted (wall, n);
  r->step_p99_ms = wall[(gsize) ceil (0.99 * n) - 1];
  r->step_max_ms = wall[n - 1];
  r->step_cpu_median_ms = median_sorted (cpu, n);
  r->step_cpu_p99_ms = cpu[(gsize) ceil (0.99 * n) - 1];
}

/**
 * precis_bench_compare_run:
 * @project: a project with at least two models
 * @iou_type: the IoU type
 * @sweeps: slider sweeps (201 steps each) over every model
 * @resamples: bootstrap resamples of ΔmAP between the first two models
 * @result: (out caller-allocates): the figures; clear with
 *   precis_bench_compare_result_clear()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads @project, precomputes every model, times slider steps that evaluate
 * all models, then a paired bootstrap (all cores) of the first two models at
 * t = 0.5, and reads the peak RSS.
 *
 * Returns: %TRUE on success
 */
gboolean
precis_bench_compare_run (GFile                    *project,
                          PrecisIouType             iou_type,
                          guint                     sweeps,
                          guint                     resamples,
                          PrecisBenchCompareResult *r,
                          GCancellable             *cancellable,
                          GError                  **error)
{
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(GPtrArray) matchers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PrecisCompare) compare = NULL;
  gint64 t0;
  double c0;
  struct rusage ru;

  g_return_val_if_fail (G_IS_FILE (project), FALSE);
  g_return_val_if_fail (r != NULL, FALSE);

  memset (r, 0, sizeof *r);
  r->iou_type = iou_type;
  r->n_cpus = g_get_num_processors ();

  t0 = g_get_monotonic_time ();
  dataset = precis_dataset_load_project (project, cancellable, NULL, NULL, error);
  if (dataset == NULL)
    return FALSE;
  r->load_s = seconds_since (t0);
  r->n_models = precis_dataset_get_n_models (dataset);
  if (r->n_models < 2)
    {
      g_autofree char *path = g_file_get_parse_name (project);

      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PROJECT,
                   _("%s: comparing needs at least two models"), path);
      return FALSE;
    }
  r->n_images = precis_dataset_get_n_images (dataset);
  r->model_names = g_new0 (char *, r->n_models + 1);
  for (guint m = 0; m < r->n_models; m++)
    {
      r->model_names[m] = g_strdup (precis_dataset_get_model_name (dataset, m));
      r->n_predictions += precis_dataset_get_predictions (dataset, m)->n;
    }

  t0 = g_get_monotonic_time ();
  for (guint m = 0; m < r->n_models; m++)
    {
      PrecisMatcher *matcher = precis_matcher_new (dataset, m, iou_type, 0, cancellable, NULL, NULL, error);

      if (matcher == NULL)
        return FALSE;
      g_ptr_array_add (matchers, matcher);
    }
  r->precompute_s = seconds_since (t0);

  compare = precis_compare_new ((PrecisMatcher **) matchers->pdata, matchers->len, 0);
  time_steps (compare, sweeps, r);

  if (resamples > 0)
    {
      g_autoptr(PrecisCompare) two = precis_compare_new ((PrecisMatcher **) matchers->pdata, 2, 0);
      g_autoptr(PrecisBootstrap) boot = NULL;

      precis_compare_set_threshold (two, 0.5);
      c0 = process_cpu_s ();
      t0 = g_get_monotonic_time ();
      boot = precis_compare_bootstrap (two, resamples, 1, 0, cancellable, error);
      if (boot == NULL)
        return FALSE;
      r->bootstrap_s = seconds_since (t0);
      r->bootstrap_cpu_s = process_cpu_s () - c0;
      r->resamples = resamples;
      r->bootstrap_ci[0] = boot->ci_low[PRECIS_COMPARE_N_STATS + PRECIS_COMPARE_MAP];
      r->bootstrap_ci[1] = boot->ci_high[PRECIS_COMPARE_N_STATS + PRECIS_COMPARE_MAP];
    }

  if (getrusage (RUSAGE_SELF, &ru) == 0)
    r->peak_rss_bytes = (guint64) ru.ru_maxrss * 1024;
  return TRUE;
}

char *
precis_bench_compare_result_to_text (const PrecisBenchCompareResult *r)
{
  GString *out;
  g_autofree char *names = NULL;

  g_return_val_if_fail (r != NULL, NULL);

  names = r->model_names != NULL ? g_strjoinv (", ", r->model_names) : g_strdup ("");
  out = g_string_new (NULL);
  g_string_append_printf (out, _("Models:            %u (%s; %s)\n"), r->n_models, names,
                          precis_iou_type_to_string (r->iou_type));
  g_string_append_printf (out, _("Data:              %u images, %" PRIu64 " predictions in all\n"),
                          r->n_images, r->n_predictions);
  g_string_append_printf (out, _("CPUs:              %u\n"), r->n_cpus);
  g_string_append_printf (out, _("Load:              %.3f s\n"), r->load_s);
  g_string_append_printf (out, _("Precompute:        %.3f s (every model)\n"), r->precompute_s);
  if (r->steps > 0)
    g_string_append_printf (out, _("Step, all models:  median %.3f ms, p99 %.3f ms, max %.3f ms (%u steps; "
                                   "CPU of all threads median %.3f ms, p99 %.3f ms)\n"),
                            r->step_median_ms, r->step_p99_ms, r->step_max_ms, r->steps,
                            r->step_cpu_median_ms, r->step_cpu_p99_ms);
  if (r->resamples > 0)
    g_string_append_printf (out, _("Bootstrap:         %u resamples of 2 models in %.3f s (CPU %.3f s), "
                                   "ΔmAP 95 %% interval [%+.4f, %+.4f]\n"),
                            r->resamples, r->bootstrap_s, r->bootstrap_cpu_s,
                            r->bootstrap_ci[0], r->bootstrap_ci[1]);
  g_string_append_printf (out, _("Peak RSS:          %.1f MB\n"), r->peak_rss_bytes / 1e6);
  return g_string_free (out, FALSE);
}

JsonNode *
precis_bench_compare_result_to_json (const PrecisBenchCompareResult *r)
{
  JsonObject *obj = json_object_new ();
  JsonArray *names = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (r != NULL, NULL);

  for (guint m = 0; r->model_names != NULL && m < r->n_models; m++)
    json_array_add_string_element (names, r->model_names[m]);
  json_object_set_string_member (obj, "iou_type", precis_iou_type_to_string (r->iou_type));
  json_object_set_array_member (obj, "models", names);
  json_object_set_int_member (obj, "images", r->n_images);
  json_object_set_int_member (obj, "predictions", r->n_predictions);
  json_object_set_int_member (obj, "cpus", r->n_cpus);
  json_object_set_double_member (obj, "load_s", r->load_s);
  json_object_set_double_member (obj, "precompute_s", r->precompute_s);
  json_object_set_int_member (obj, "steps", r->steps);
  json_object_set_double_member (obj, "step_median_ms", r->step_median_ms);
  json_object_set_double_member (obj, "step_p99_ms", r->step_p99_ms);
  json_object_set_double_member (obj, "step_max_ms", r->step_max_ms);
  json_object_set_double_member (obj, "step_cpu_median_ms", r->step_cpu_median_ms);
  json_object_set_double_member (obj, "step_cpu_p99_ms", r->step_cpu_p99_ms);
  json_object_set_int_member (obj, "resamples", r->resamples);
  json_object_set_double_member (obj, "bootstrap_s", r->bootstrap_s);
  json_object_set_double_member (obj, "bootstrap_cpu_s", r->bootstrap_cpu_s);
  json_object_set_double_member (obj, "bootstrap_dmap_ci_low", r->bootstrap_ci[0]);
  json_object_set_double_member (obj, "bootstrap_dmap_ci_high", r->bootstrap_ci[1]);
  json_object_set_int_member (obj, "peak_rss_bytes", r->peak_rss_bytes);
  json_node_take_object (node, obj);
  return node;
}

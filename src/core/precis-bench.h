/* precis-bench.h: load, precompute and evaluation timings of one project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "precis-dataset.h"

G_BEGIN_DECLS

/**
 * PrecisBenchResult:
 * @iou_type: the IoU type measured
 * @model_name: the model measured (owned by the result)
 * @n_images: images in the ground truth
 * @n_categories: categories
 * @n_gt: GT annotations
 * @n_predictions: predictions of the model
 * @n_cpus: processors GLib reports
 * @load_s: precis_dataset_load_project(), wall clock
 * @precompute_s: precis_matcher_new() (IoU tables and stored values), wall clock
 * @matcher_bytes: memory the precompute holds (precis_matcher_get_size())
 * @active_steps: protocol `active` steps timed (sweeps × 201)
 * @active_median_ms: median step: set the threshold, evaluate every class
 *   (counts, P, R, F1, AP, PR curves)
 * @active_p99_ms: 99th percentile step
 * @active_max_ms: slowest step
 * @coco_s: precis_cocoeval_new() on the loaded matcher, first run, wall clock
 * @coco_best_s: the fastest of @coco_runs runs
 * @coco_runs: runs of the coco evaluation
 * @coco_ap: the coco AP (stats[0]), to show the work was done
 * @peak_rss_bytes: peak resident set size of the process (getrusage)
 * @cpu_user_s: user CPU time of the process so far
 * @cpu_sys_s: system CPU time of the process so far
 * @load_cpu_s: CPU time (user + system, all threads) of the load
 * @precompute_cpu_s: CPU time of the precompute
 * @active_cpu_ms: CPU time per `active` step, averaged over all steps
 * @active_cpu_median_ms: median thread CPU time of a step (the step runs in
 *   the calling thread)
 * @active_cpu_p99_ms: 99th percentile of the thread CPU time of a step
 * @coco_cpu_s: CPU time of the first coco evaluation
 *
 * Wall-clock times are what a user waits for; CPU times show how much of the
 * machine each phase took. On a machine shared with other work the wall
 * clock grows and the CPU time does not: a single-threaded phase would take
 * about its CPU time alone, a phase spread over n cores about CPU / n.
 */
typedef struct {
  PrecisIouType iou_type;
  char         *model_name;
  guint         n_images;
  guint         n_categories;
  guint64       n_gt;
  guint64       n_predictions;
  guint         n_cpus;
  double        load_s;
  double        precompute_s;
  guint64       matcher_bytes;
  guint         active_steps;
  double        active_median_ms;
  double        active_p99_ms;
  double        active_max_ms;
  double        coco_s;
  double        coco_best_s;
  guint         coco_runs;
  double        coco_ap;
  guint64       peak_rss_bytes;
  double        cpu_user_s;
  double        cpu_sys_s;
  double        load_cpu_s;
  double        precompute_cpu_s;
  double        active_cpu_ms;
  double        active_cpu_median_ms;
  double        active_cpu_p99_ms;
  double        coco_cpu_s;
} PrecisBenchResult;

void       precis_bench_result_clear   (PrecisBenchResult *result);

/**
 * precis_bench_run:
 * @project: a project folder or project file
 * @model_name: (nullable): the model to measure, %NULL for the first
 * @iou_type: the IoU type
 * @sweeps: protocol `active` sweeps of t from 0 to 1 and back in 0.01 steps
 *   (201 steps each); 0 skips the `active` measurement
 * @coco_runs: coco evaluations to run (at least 1)
 * @result: (out caller-allocates): the figures; clear with precis_bench_result_clear()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads @project, precomputes the IoU tables, times the `active` slider steps
 * and the coco evaluation, and reads the peak RSS. Runs in the calling thread
 * (the core spreads its own work over all cores).
 *
 * Returns: %TRUE on success
 */
gboolean   precis_bench_run            (GFile             *project,
                                        const char        *model_name,
                                        PrecisIouType      iou_type,
                                        guint              sweeps,
                                        guint              coco_runs,
                                        PrecisBenchResult *result,
                                        GCancellable      *cancellable,
                                        GError           **error);

/* Human-readable block, one figure per line. */
char      *precis_bench_result_to_text (const PrecisBenchResult *result);
/* Every field, full precision. */
JsonNode  *precis_bench_result_to_json (const PrecisBenchResult *result);

/**
 * PrecisBenchCompareResult:
 * @iou_type: the IoU type measured
 * @n_models: the models of the project (all are stepped)
 * @model_names: their names, %NULL-terminated (owned)
 * @n_images: images
 * @n_predictions: predictions of all models
 * @n_cpus: processors GLib reports
 * @load_s: loading the project, wall clock
 * @precompute_s: precis_matcher_new() of every model, wall clock
 * @steps: slider steps timed (sweeps × 201)
 * @step_median_ms: median step: set t on every model and evaluate them all
 * @step_p99_ms: 99th percentile step
 * @step_max_ms: slowest step
 * @step_cpu_median_ms: median CPU time of a step, all threads (the models
 *   are evaluated in parallel)
 * @step_cpu_p99_ms: 99th percentile of that CPU time
 * @resamples: bootstrap resamples (first two models, t = 0.5, all cores)
 * @bootstrap_s: the bootstrap, wall clock
 * @bootstrap_cpu_s: its CPU time (all threads)
 * @bootstrap_ci: its 95 % interval of ΔmAP, to show the work was done
 * @peak_rss_bytes: peak resident set size of the process
 *
 * The compare case of `precis-cli bench`.
 */
typedef struct {
  PrecisIouType iou_type;
  guint         n_models;
  char        **model_names;
  guint         n_images;
  guint64       n_predictions;
  guint         n_cpus;
  double        load_s;
  double        precompute_s;
  guint         steps;
  double        step_median_ms;
  double        step_p99_ms;
  double        step_max_ms;
  double        step_cpu_median_ms;
  double        step_cpu_p99_ms;
  guint         resamples;
  double        bootstrap_s;
  double        bootstrap_cpu_s;
  double        bootstrap_ci[2];
  guint64       peak_rss_bytes;
} PrecisBenchCompareResult;

void       precis_bench_compare_result_clear   (PrecisBenchCompareResult *result);
gboolean   precis_bench_compare_run            (GFile                    *project,
                                                PrecisIouType             iou_type,
                                                guint                     sweeps,
                                                guint                     resamples,
                                                PrecisBenchCompareResult *result,
                                                GCancellable             *cancellable,
                                                GError                  **error);
char      *precis_bench_compare_result_to_text (const PrecisBenchCompareResult *result);
JsonNode  *precis_bench_compare_result_to_json (const PrecisBenchCompareResult *result);

/* Writes a results file derived from model @model of @dataset (boxes moved,
 * scores rescaled, seeded): another model of the same size to compare. */
gboolean   precis_bench_write_variant          (PrecisDataset  *dataset,
                                                guint           model,
                                                guint64         seed,
                                                GFile          *file,
                                                GError        **error);

/* precis-bench-images.c */
char      *precis_bench_image_metrics  (guint              n_images,
                                        GError           **error);

G_END_DECLS

/* precis-app-eval.h: the app's single door into the core evaluators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call from the GUI into loading, matching and evaluation goes through
 * here, so that the widgets see one small API: the window owns a PrecisActive
 * and a summary, the cards show the summary, the charts read the result.
 */
#pragma once

#include "precis-dataset.h"
#include "precis-matcher.h"
#include "precis-active.h"

G_BEGIN_DECLS

typedef enum {
  PRECIS_APP_PROTOCOL_ACTIVE,
  PRECIS_APP_PROTOCOL_COCO,
} PrecisAppProtocol;

#define PRECIS_APP_N_COCO_STATS 12

/* What the summary cards show. */
typedef struct {
  gboolean          valid;        /* an evaluation was run */
  PrecisAppProtocol protocol;
  double            threshold;
  double            confidence;
  /* protocol active */
  double            map;
  double            mar;
  double            mean_f1;
  guint             tp;
  guint             fp;
  guint             fn;
  guint             ignored;      /* neither TP nor FP: crowd regions, keypoint-less persons */
  guint             n_counted;
  /* protocol coco: the summary numbers (-1 = not defined, as pycocotools) */
  guint             n_coco;
  double            coco[PRECIS_APP_N_COCO_STATS];
  const char       *coco_labels[PRECIS_APP_N_COCO_STATS];
  /* protocol coco: pycocotools' own matches at the slider's threshold (one
   * of .50:.05:.95), area all, the largest maxDets */
  gboolean          coco_counted;
  guint64           coco_tp;
  guint64           coco_fp;
  guint64           coco_fn;
  guint64           coco_ignored;
  const char       *unavailable;  /* why nothing could be computed, or NULL */
} PrecisAppSummary;

PrecisDataset *precis_app_eval_load_project (GFile              *project,
                                             GCancellable       *cancellable,
                                             PrecisProgressFunc  progress,
                                             gpointer            progress_data,
                                             GError            **error);
PrecisDataset *precis_app_eval_load_files   (GFile              *ground_truth,
                                             GFile             **predictions,
                                             guint               n_predictions,
                                             GFile              *images_dir,
                                             GCancellable       *cancellable,
                                             PrecisProgressFunc  progress,
                                             gpointer            progress_data,
                                             GError            **error);
PrecisMatcher *precis_app_eval_match        (PrecisDataset      *dataset,
                                             guint               model,
                                             PrecisIouType       type,
                                             GCancellable       *cancellable,
                                             PrecisProgressFunc  progress,
                                             gpointer            progress_data,
                                             GError            **error);

/* Why model @model of @dataset cannot be evaluated as @type (which
 * precis_dataset_supports() refuses): which side, the ground truth or the
 * model, lacks that geometry, and which models have it. Translated. */
char          *precis_app_eval_describe_unsupported (PrecisDataset *dataset,
                                                     guint          model,
                                                     PrecisIouType  type);

/* What makes a prediction ignored (SEMANTICS.md §3), for tooltips. */
const char    *precis_app_eval_ignored_rule (void);

/* NULL while the core evaluator is not available. */
PrecisActive  *precis_app_eval_new_active   (PrecisMatcher      *matcher);

/* The controls' state, as the sidebar shows it. */
typedef struct {
  PrecisAppProtocol  protocol;
  double             threshold;
  double             confidence;
  const guint8      *mask;          /* one byte per category, non-zero = selected */
  gboolean           mask_changed;  /* since the last run */
  double             area_min;      /* GT area range (SEMANTICS.md §3), both ends included */
  double             area_max;
} PrecisAppParams;

/* Applies @params to @active and evaluates. Returns the core result (NULL
 * when there is none) and fills @summary. */
const PrecisActiveResult *
               precis_app_eval_run          (PrecisActive          *active,
                                             PrecisMatcher         *matcher,
                                             const PrecisAppParams *params,
                                             PrecisAppSummary      *summary);

G_END_DECLS

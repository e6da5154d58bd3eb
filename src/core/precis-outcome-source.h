/* precis-outcome-source.h: each object's outcome under protocol active or coco
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-active.h"
#include "precis-cocoeval.h"

G_BEGIN_DECLS

/**
 * PrecisOutcomeSource:
 * @active: (nullable): protocol `active`, evaluated at the current parameters
 * @coco: (nullable): protocol `coco`, evaluated with `keep_objects`; when set
 *   it is used instead of @active
 * @coco_threshold: the threshold index of @coco
 *
 * Where the views read each object's outcome: the evaluator of the protocol
 * chosen. Not owned: the fields are borrowed from the caller.
 */
typedef struct {
  PrecisActive   *active;
  PrecisCocoEval *coco;
  guint           coco_threshold;
} PrecisOutcomeSource;

/* Whether @source has an evaluator. */
gboolean                precis_outcome_source_is_set     (const PrecisOutcomeSource *source);
/* The outcome of @prediction; @partner (optional): under coco the matched GT,
 * under active the candidate GT; @iou (optional): the IoU with @partner. */
PrecisPredictionOutcome precis_outcome_source_prediction (const PrecisOutcomeSource *source,
                                                          guint32                    prediction,
                                                          guint32                   *partner,
                                                          double                    *iou);
/* The outcome of @gt; @partner (optional): the prediction that is TP on it
 * (coco: the prediction matched to it), or PRECIS_NO_INDEX. */
PrecisGtOutcome         precis_outcome_source_gt         (const PrecisOutcomeSource *source,
                                                          guint32                    gt,
                                                          guint32                   *partner);

/* Per category index, the predictions of @dt (the evaluated model's) whose
 * outcome under @source is PRECIS_PREDICTION_IGNORED: @ignored has
 * @n_categories entries, set here. */
void                    precis_outcome_source_count_ignored (const PrecisOutcomeSource *source,
                                                             const PrecisAnnotations   *dt,
                                                             guint                      n_categories,
                                                             guint                     *ignored);

G_END_DECLS

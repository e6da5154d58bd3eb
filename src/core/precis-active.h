/* precis-active.h: protocol `active`, evaluated at one IoU threshold, instantly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-matcher.h"

G_BEGIN_DECLS

/**
 * PrecisPredictionOutcome:
 * @PRECIS_PREDICTION_TP: true positive at the current parameters
 * @PRECIS_PREDICTION_FP: false positive
 * @PRECIS_PREDICTION_IGNORED: neither TP nor FP: in a crowd region (`crowd > 0 ∧ crowd ≥ t`),
 *   TP on a GT outside the area range, or not TP with its own area outside the range
 * @PRECIS_PREDICTION_FILTERED: not evaluated: class or image not selected, or score < s
 *
 * What one prediction is at the current parameters (SEMANTICS.md §3).
 */
typedef enum {
  PRECIS_PREDICTION_TP,
  PRECIS_PREDICTION_FP,
  PRECIS_PREDICTION_IGNORED,
  PRECIS_PREDICTION_FILTERED,
} PrecisPredictionOutcome;

/**
 * PrecisGtOutcome:
 * @PRECIS_GT_MATCHED: a non-crowd GT in range that has a TP
 * @PRECIS_GT_FN: a non-crowd GT in range without a TP (false negative)
 * @PRECIS_GT_IGNORED: a crowd GT (for keypoints also `num_keypoints` 0), or a GT whose
 *   area lies outside the area range
 * @PRECIS_GT_FILTERED: class or image not selected
 */
typedef enum {
  PRECIS_GT_MATCHED,
  PRECIS_GT_FN,
  PRECIS_GT_IGNORED,
  PRECIS_GT_FILTERED,
} PrecisGtOutcome;

/* The 101 recall points of pycocotools (`np.linspace (0, 1, 101)`): i × 0.01 in
 * double precision, and exactly 1 for i = 100. */
#define PRECIS_N_RECALL_POINTS 101
double precis_recall_point (guint i);

/**
 * PrecisActiveClassResult:
 * @category: the category index (precis_dataset_get_category())
 * @selected: the class is in the class subset
 * @counted: the class takes part in mAP, mAR and mean F1: selected and has at least
 *   one non-crowd GT in range or one prediction (any outcome, score ≥ s) in the subset
 * @n_gt: non-crowd GTs in the image subset whose area lies in the range (TP + FN)
 * @n_gt_crowd: crowd GTs in the image subset
 * @n_predictions: predictions in the image subset with score ≥ s (TP + FP + ignored)
 * @tp: true positives
 * @fp: false positives
 * @fn: false negatives
 * @ignored: ignored predictions
 * @precision: TP / (TP + FP), 0 when nothing was ranked
 * @recall: TP / (TP + FN), 0 without GT
 * @f1: 2PR / (P + R), 0 when P + R = 0
 * @ap: AP@t, pycocotools' `accumulate` for one threshold (0 without GT)
 * @ar: AR@t = @recall
 * @rank_start: first rank of this class in the result's `rank_*` arrays (fixed per class)
 * @n_ranks: its number of ranks (= TP + FP; ignored predictions are not ranked)
 *
 * The numbers of one class. Unselected classes have everything 0 and @counted FALSE.
 */
typedef struct {
  guint32  category;
  gboolean selected;
  gboolean counted;
  guint    n_gt;
  guint    n_gt_crowd;
  guint    n_predictions;
  guint    tp;
  guint    fp;
  guint    fn;
  guint    ignored;
  double   precision;
  double   recall;
  double   f1;
  double   ap;
  double   ar;
  guint    rank_start;
  guint    n_ranks;
} PrecisActiveClassResult;

/**
 * PrecisActiveResult:
 *
 * The evaluation at the current parameters. Owned by the #PrecisActive; valid
 * until the next setter call or precis_active_evaluate() on it.
 *
 * The ranked sequence of class c (the PR curve) is rank `r` in
 * `classes[c].rank_start .. + classes[c].n_ranks` (each class has a fixed
 * region of the arrays, as large as its number of predictions, so
 * @n_ranks is the arrays' length and values between two classes' ranges are
 * meaningless; copy per class): the class's non-ignored
 * predictions by score descending, ties by image id ascending, then file order
 * (pycocotools' order). At rank r: `rank_prediction[r]` (prediction annotation
 * index), `rank_score[r]`, `rank_tp[r]` (1 TP, 0 FP), `rank_recall[r]` = cumTP / n_gt
 * (0 without GT), `rank_precision[r]` = cumTP / (cumTP + cumFP + 2⁻⁵²) exactly as
 * pycocotools (the np.spacing(1) guard), `rank_envelope[r]` = the precision made
 * non-increasing from the right (what AP uses). The 101 interpolated precisions of
 * class c are `precision_101[c * 101 .. + 101]` (at precis_recall_point(i); 0 for an
 * unselected class or a class without GT); @ap is their mean (numpy's summation order).
 *
 * @counted lists the counted category indices in ascending category id order;
 * mAP, mAR and mean F1 are sums over them in that order divided by @n_counted
 * (0 when nothing is counted). The sums add every selected class.
 */
typedef struct {
  /* Parameters this result was computed at. */
  double                   threshold;
  double                   confidence;
  double                   area_min;
  double                   area_max;

  /* Per class, indexed by category index. */
  guint                    n_classes;
  const PrecisActiveClassResult *classes;
  const double            *precision_101;

  /* Ranked sequences of all classes, see above. */
  guint                    n_ranks;
  const guint32           *rank_prediction;
  const double            *rank_score;
  const guint8            *rank_tp;
  const double            *rank_recall;
  const double            *rank_precision;
  const double            *rank_envelope;

  /* Totals. */
  guint                    n_counted;
  const guint32           *counted;
  double                   map;
  double                   mar;
  double                   mean_f1;
  guint                    n_gt;
  guint                    n_gt_crowd;
  guint                    n_predictions;
  guint                    tp;
  guint                    fp;
  guint                    fn;
  guint                    ignored;
} PrecisActiveResult;

/**
 * PrecisActiveF1Curve:
 *
 * F1 against the confidence threshold s at the current t, classes, images and
 * area range (the current s itself is not applied: the curve covers every s).
 * Raising s only drops predictions, never changes which survivor is TP
 * (SEMANTICS.md §3), so the curve follows from the ranked sequences.
 *
 * Per class c: points `class_start[c] .. class_start[c + 1]` of @class_score /
 * @class_f1, one per distinct score of the class's non-ignored predictions, score
 * descending: F1 of the class when s is that score.
 *
 * Overall: one point per distinct score among the selected predictions (any
 * outcome), descending: @score[k] and @mean_f1[k], the mean F1 over the classes
 * counted when s = @score[k] (a class with GT is always counted; a class without GT
 * only while it keeps a prediction), plus @micro_f1[k] (F1 of the summed TP, FP, FN).
 *
 * **Best F1 confidence**: @best_confidence is the s among @score that maximises
 * @mean_f1; ties (within 1e-12) go to the largest such s (fewer predictions for
 * the same F1). The curve's F1 values are computed as 2TP / (2TP + FP + FN) and
 * the overall mean from a running sum, so they can differ from an evaluation at
 * that s in the last bits.
 * 0 with @best_mean_f1 0 when there is no prediction.
 */
typedef struct {
  guint          n_classes;
  const guint32 *class_start;   /* n_classes + 1 entries */
  const double  *class_score;
  const double  *class_f1;

  guint          n_points;
  const double  *score;
  const double  *mean_f1;
  const double  *micro_f1;

  double         best_confidence;
  double         best_mean_f1;
} PrecisActiveF1Curve;

#define PRECIS_TYPE_ACTIVE (precis_active_get_type ())
G_DECLARE_FINAL_TYPE (PrecisActive, precis_active, PRECIS, ACTIVE, GObject)

/* One per view; mutable, not thread-safe. Defaults: t = 0.5, all classes, all
 * images, area range [0, +∞], s = 0. All buffers are allocated here, so the
 * setters and precis_active_evaluate() never allocate. */
PrecisActive             *precis_active_new                (PrecisMatcher *matcher);
PrecisMatcher            *precis_active_get_matcher        (PrecisActive  *self);

/* Each setter only marks the result stale (and notifies its property).
 * @threshold lies in [0, 1]. */
void                      precis_active_set_threshold      (PrecisActive  *self,
                                                            double         threshold);
double                    precis_active_get_threshold      (PrecisActive  *self);
void                      precis_active_set_confidence     (PrecisActive  *self,
                                                            double         confidence);
double                    precis_active_get_confidence     (PrecisActive  *self);
/* [a, b], both ends included; b may be INFINITY. */
void                      precis_active_set_area_range     (PrecisActive  *self,
                                                            double         area_min,
                                                            double         area_max);
/* @mask: n_categories bytes, non-zero = selected (copied), or NULL for all. */
void                      precis_active_set_classes        (PrecisActive  *self,
                                                            const guint8  *mask);
void                      precis_active_set_class_selected (PrecisActive  *self,
                                                            guint32        category,
                                                            gboolean       selected);
gboolean                  precis_active_get_class_selected (PrecisActive  *self,
                                                            guint32        category);
/* @mask: n_images bytes, non-zero = selected (copied), or NULL for all. */
void                      precis_active_set_images         (PrecisActive  *self,
                                                            const guint8  *mask);

/* Evaluates at the current parameters if anything changed since the last call
 * (O(#predictions + #GT), no allocation) and returns the result. */
const PrecisActiveResult *precis_active_evaluate           (PrecisActive  *self);

/* Computed on demand at the current parameters (O(#predictions), no allocation);
 * valid until the next setter call. */
const PrecisActiveF1Curve *precis_active_get_f1_curve      (PrecisActive  *self);

/* On-demand queries for overlays, O(1) (the GT query walks the GT's short chain).
 * Indices are annotation indices (PrecisAnnotations order). */
PrecisPredictionOutcome   precis_active_get_prediction_outcome (PrecisActive *self,
                                                                guint32       prediction);
PrecisGtOutcome           precis_active_get_gt_outcome         (PrecisActive *self,
                                                                guint32       gt);
/* The candidate GT of @prediction (§3 step 1), or PRECIS_NO_INDEX; @iou (optional)
 * receives its stored iou (0 without a candidate). Independent of the parameters. */
guint32                   precis_active_get_prediction_candidate (PrecisActive *self,
                                                                  guint32       prediction,
                                                                  double       *iou);
/* The prediction that is TP on @gt at the current parameters, or PRECIS_NO_INDEX. */
guint32                   precis_active_get_gt_match           (PrecisActive *self,
                                                                guint32       gt);

G_END_DECLS

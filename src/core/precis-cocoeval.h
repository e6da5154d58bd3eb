/* precis-cocoeval.h: protocol `coco`, pycocotools COCOeval reproduced exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "precis-active.h"
#include "precis-matcher.h"

G_BEGIN_DECLS

/**
 * PrecisCocoEvalError:
 * @PRECIS_COCOEVAL_ERROR_PARAMS: the parameters are unusable (no threshold,
 *   too many area ranges, a maxDets of 0, …)
 *
 * Errors of precis_cocoeval_new(). Cancellation is reported as
 * %G_IO_ERROR_CANCELLED.
 */
typedef enum {
  PRECIS_COCOEVAL_ERROR_PARAMS,
} PrecisCocoEvalError;

#define PRECIS_COCOEVAL_ERROR (precis_cocoeval_error_quark ())
GQuark precis_cocoeval_error_quark (void);

#define PRECIS_COCO_MAX_IOU_THRS  32
#define PRECIS_COCO_N_REC_THRS    101
#define PRECIS_COCO_MAX_AREAS     8
#define PRECIS_COCO_MAX_DETS      8

/**
 * PrecisCocoParams:
 * @iou_type: what the IoU tables hold; selects the summary (keypoints: 10 numbers)
 * @n_iou_thrs: number of IoU thresholds
 * @iou_thrs: the thresholds, ascending (default: numpy `linspace(.5, .95, 10)`)
 * @rec_thrs: the 101 recall points (numpy `linspace(0, 1, 101)`)
 * @n_area_rngs: number of area ranges
 * @area_rng: [lo, hi] per range, both ends included
 * @area_lbl: a label per range ("all", "small", "medium", "large")
 * @n_max_dets: number of maxDets values
 * @max_dets: detections kept per image, ascending (default 1, 10, 100; keypoints 20)
 * @images: (nullable): per image index, non-zero = evaluated (pycocotools
 *   `imgIds`); %NULL for all. Read by precis_cocoeval_new() only.
 * @categories: (nullable): per category index, non-zero = evaluated
 *   (pycocotools `catIds`: the classes, and what the summaries average
 *   over); %NULL for all. Read by precis_cocoeval_new() only.
 * @keep_objects: keep every object's match at every threshold (area range 0,
 *   the largest maxDets) for precis_cocoeval_get_prediction_outcome() and
 *   the other per-object queries; FALSE by default (it costs about 10 bytes
 *   per object and threshold)
 *
 * pycocotools `Params`, for one iouType. precis_coco_params_init() fills the
 * defaults; the summary reads them exactly as pycocotools `summarize` does.
 */
typedef struct {
  PrecisIouType iou_type;
  guint         n_iou_thrs;
  double        iou_thrs[PRECIS_COCO_MAX_IOU_THRS];
  double        rec_thrs[PRECIS_COCO_N_REC_THRS];
  guint         n_area_rngs;
  double        area_rng[PRECIS_COCO_MAX_AREAS][2];
  const char   *area_lbl[PRECIS_COCO_MAX_AREAS];   /* static strings */
  guint         n_max_dets;
  guint         max_dets[PRECIS_COCO_MAX_DETS];
  const guint8 *images;
  const guint8 *categories;
  gboolean      keep_objects;
} PrecisCocoParams;

void precis_coco_params_init (PrecisCocoParams *params,
                              PrecisIouType     iou_type);

#define PRECIS_TYPE_COCOEVAL (precis_cocoeval_get_type ())
G_DECLARE_FINAL_TYPE (PrecisCocoEval, precis_cocoeval, PRECIS, COCOEVAL, GObject)

/**
 * precis_cocoeval_new:
 * @matcher: the precomputed IoU tables of one model
 * @params: (nullable): the parameters; %NULL for the defaults of the
 *   matcher's IoU type
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs pycocotools `evaluate`, `accumulate` and `summarize` on every image of
 * the ground truth and every category (ascending id; a category without GT
 * gets -1 everywhere, as in pycocotools), or on the subsets @params selects.
 * The IoU tables are the matcher's; nothing is recomputed. Uses all cores;
 * cancellable (%G_IO_ERROR_CANCELLED). The result is immutable and safe to
 * read from any thread.
 *
 * Returns: (transfer full): the evaluation, or %NULL with @error set
 */
PrecisCocoEval         *precis_cocoeval_new              (PrecisMatcher          *matcher,
                                                          const PrecisCocoParams *params,
                                                          GCancellable           *cancellable,
                                                          GError                **error);

/* precis_cocoeval_new() in a GTask thread; @params (and its masks) are copied. */
void                    precis_cocoeval_new_async        (PrecisMatcher          *matcher,
                                                          const PrecisCocoParams *params,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
PrecisCocoEval         *precis_cocoeval_new_finish       (GAsyncResult           *result,
                                                          GError                **error);

PrecisMatcher          *precis_cocoeval_get_matcher      (PrecisCocoEval *self);
const PrecisCocoParams *precis_cocoeval_get_params       (PrecisCocoEval *self);

/* The summary numbers (`COCOeval.stats`): 12, or 10 for keypoints. */
const double           *precis_cocoeval_get_stats        (PrecisCocoEval *self,
                                                          guint          *n_stats);
/* Short name of summary number @i ("AP", "AP50", "AP75", "APs", …, "ARl"). */
const char             *precis_cocoeval_get_stat_name    (PrecisCocoEval *self,
                                                          guint           i);

/* Classes: the evaluated categories (all unless @params selected some), ascending id. */
guint                   precis_cocoeval_get_n_classes    (PrecisCocoEval *self);
guint32                 precis_cocoeval_get_class_category (PrecisCocoEval *self,
                                                          guint           k);   /* category index */

/* Per class, area "all", the largest maxDets; -1 when the class has no GT
 * (not ignored). AP: mean precision over thresholds and recall points;
 * AP50 / AP75: at IoU 0.50 / 0.75 (-1 when that threshold is not used);
 * AR: mean recall over thresholds. */
double                  precis_cocoeval_get_class_ap     (PrecisCocoEval *self,
                                                          guint           k);
double                  precis_cocoeval_get_class_ap50   (PrecisCocoEval *self,
                                                          guint           k);
double                  precis_cocoeval_get_class_ap75   (PrecisCocoEval *self,
                                                          guint           k);
double                  precis_cocoeval_get_class_ar     (PrecisCocoEval *self,
                                                          guint           k);

/**
 * precis_cocoeval_get_counts:
 * @self: a #PrecisCocoEval
 * @k: a class, or %PRECIS_NO_INDEX for the sum over all classes
 * @t: an IoU threshold index
 * @tp: (out) (optional): matched, not ignored detections
 * @fp: (out) (optional): unmatched, not ignored detections
 * @fn: (out) (optional): not ignored GT without a match
 *
 * pycocotools' per-image matching at threshold @t, area "all", the largest
 * maxDets: the detections accumulate() counts as true and false positives,
 * and the not ignored GT left unmatched.
 */
void                    precis_cocoeval_get_counts       (PrecisCocoEval *self,
                                                          guint           k,
                                                          guint           t,
                                                          guint64        *tp,
                                                          guint64        *fp,
                                                          guint64        *fn);
/**
 * precis_cocoeval_get_prediction_outcome:
 * @self: a #PrecisCocoEval evaluated with @keep_objects
 * @t: an IoU threshold index
 * @prediction: a prediction (annotation index of the matcher's model)
 * @gt: (out) (optional): the GT pycocotools matched it to (`dtMatches`), or
 *   %PRECIS_NO_INDEX
 * @iou: (out) (optional): the IoU (OKS) with @gt, 0 without a match
 *
 * What pycocotools' evaluateImg made of @prediction at threshold @t, area
 * range 0 ("all") and the largest maxDets: %PRECIS_PREDICTION_TP when matched
 * to a GT that is not ignored (and whose id is not 0: pycocotools reads a
 * matched id of 0 as no match), %PRECIS_PREDICTION_IGNORED when matched to an
 * ignored GT (crowd; keypoints: also num_keypoints 0), unmatched with its area
 * outside the range, or beyond maxDets in its image (neither TP nor FP),
 * %PRECIS_PREDICTION_FP otherwise, and %PRECIS_PREDICTION_FILTERED when its
 * image or category is not evaluated. The counts of
 * precis_cocoeval_get_counts() are these outcomes summed.
 */
PrecisPredictionOutcome precis_cocoeval_get_prediction_outcome (PrecisCocoEval *self,
                                                                guint           t,
                                                                guint32         prediction,
                                                                guint32        *gt,
                                                                double         *iou);
/**
 * precis_cocoeval_get_gt_outcome:
 * @self: a #PrecisCocoEval evaluated with @keep_objects
 * @t: an IoU threshold index
 * @gt: a ground-truth annotation index
 * @prediction: (out) (optional): the prediction matched to it (`gtMatches`),
 *   or %PRECIS_NO_INDEX
 *
 * %PRECIS_GT_IGNORED for pycocotools' gtIgnore at area range 0 (crowd, area
 * outside the range, keypoints without visible keypoints), %PRECIS_GT_MATCHED
 * for a GT a true positive matched, %PRECIS_GT_FN for the others, and
 * %PRECIS_GT_FILTERED when its image or category is not evaluated.
 */
PrecisGtOutcome         precis_cocoeval_get_gt_outcome   (PrecisCocoEval *self,
                                                          guint           t,
                                                          guint32         gt,
                                                          guint32        *prediction);
/* Whether the per-object queries above are available (params.keep_objects). */
gboolean                precis_cocoeval_has_objects      (PrecisCocoEval *self);

/* Not ignored GT of class @k (area "all"), or the sum for PRECIS_NO_INDEX. */
guint64                 precis_cocoeval_get_n_gt         (PrecisCocoEval *self,
                                                          guint           k);

/* Predictions of class @k (or all classes for PRECIS_NO_INDEX) in the
 * evaluated images: TP + FP + the ignored ones (matched to an ignored GT, or
 * beyond maxDets), at any threshold. */
guint64                 precis_cocoeval_get_n_predictions (PrecisCocoEval *self,
                                                          guint           k);

/* `COCOeval.eval['precision']` [T × R × K × A × M] and `['recall']` [T × K × A × M],
 * C order, -1 where pycocotools has -1. The precision array is arranged on
 * first use (thread-safe). */
const double           *precis_cocoeval_get_precision    (PrecisCocoEval *self);
const double           *precis_cocoeval_get_recall       (PrecisCocoEval *self);

/* The block pycocotools `summarize` prints, one line per number, each ending
 * in "\n", character for character. */
char                   *precis_cocoeval_summary_text     (PrecisCocoEval *self);

/* Everything above as JSON, full precision: "protocol", "iou_type", "params",
 * "stats" (name → value), "summary", "per_class" (category_id, name, num_gt,
 * AP, AP50, AP75, AR, TP / FP / FN per threshold) and "totals". */
JsonNode               *precis_cocoeval_to_json          (PrecisCocoEval *self);

G_END_DECLS

/* precis-tide.h: TIDE's error types and their dAP (SEMANTICS.md §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "precis-overlaps.h"

G_BEGIN_DECLS

/**
 * PrecisTideError:
 * @PRECIS_TIDE_CLS: classification error: overlaps a GT of another class at IoU ≥ t
 * @PRECIS_TIDE_LOC: localisation error: same-class IoU in [t_b, t]
 * @PRECIS_TIDE_BOTH: both: same-class IoU < t_b and another class's in (t_b, t)
 * @PRECIS_TIDE_DUPE: duplicate of a matched same-class GT (IoU ≥ t)
 * @PRECIS_TIDE_BKG: background: IoU ≤ t_b with every GT (or no GT in the image)
 * @PRECIS_TIDE_MISS: a missed GT that no Cls or Loc error could fix
 * @PRECIS_TIDE_N_ERRORS: the number of types
 * @PRECIS_TIDE_NONE: no error (a TP, a GT that is matched or usable, or not evaluated)
 *
 * TIDE's six main error types, in TIDE's order.
 */
typedef enum {
  PRECIS_TIDE_CLS,
  PRECIS_TIDE_LOC,
  PRECIS_TIDE_BOTH,
  PRECIS_TIDE_DUPE,
  PRECIS_TIDE_BKG,
  PRECIS_TIDE_MISS,
  PRECIS_TIDE_N_ERRORS,
  PRECIS_TIDE_NONE = 0xff,
} PrecisTideError;

/* "cls", "loc", "both", "dupe", "bkg", "miss" (JSON keys); "" for NONE. */
const char *precis_tide_error_to_key  (PrecisTideError error);
/* "Cls", "Loc", "Both", "Dupe", "Bkg", "Miss", as TIDE prints them. */
const char *precis_tide_error_to_name (PrecisTideError error);

/**
 * PrecisTideState:
 * @PRECIS_TIDE_STATE_TP: matched by TIDE's greedy matching (IoU ≥ t)
 * @PRECIS_TIDE_STATE_FP: a scored false positive
 * @PRECIS_TIDE_STATE_IGNORED: not a TP and inside a same-class crowd region
 *   (crowd-IoU > t): it has an error type but no AP point
 * @PRECIS_TIDE_STATE_DROPPED: beyond the first max_dets of its image (by score):
 *   not scored, no error
 * @PRECIS_TIDE_STATE_FILTERED: class not selected or score below the confidence threshold
 */
typedef enum {
  PRECIS_TIDE_STATE_TP,
  PRECIS_TIDE_STATE_FP,
  PRECIS_TIDE_STATE_IGNORED,
  PRECIS_TIDE_STATE_DROPPED,
  PRECIS_TIDE_STATE_FILTERED,
} PrecisTideState;

/**
 * PrecisTideResult:
 * @threshold: t (TIDE's pos_threshold)
 * @background: t_b (TIDE's background_threshold)
 * @confidence: predictions scored below it were left out
 * @max_dets: detections kept per image (TIDE: 100)
 * @counts: the number of errors of each type (TIDE's `error_dict` lengths)
 * @n_gt: non-crowd GTs of the selected classes
 * @n_tp: TPs
 * @n_fp: scored false positives (the special FP count)
 * @n_ignored: ignored detections (they have an error type too)
 * @n_fn: unmatched non-crowd GTs (the special FN count: Miss + usable)
 * @n_dropped: detections beyond max_dets
 * @prediction_state: per prediction, a #PrecisTideState
 * @prediction_error: per prediction, its #PrecisTideError (NONE for TP, dropped, filtered)
 * @prediction_target: per prediction: TP, the matched GT; Cls / Loc, the GT aimed at;
 *   Dupe, the matched same-class GT it duplicates; otherwise PRECIS_NO_INDEX
 * @prediction_fixes: per prediction, 1 when it is a Cls or Loc error that holds the
 *   claim on its unmatched target GT: its fix turns it into a TP
 * @gt_error: per GT, PRECIS_TIDE_MISS or NONE
 * @gt_match: per GT, the TP on it, or PRECIS_NO_INDEX
 *
 * TIDE's assignment at the current parameters (`reference/tide/ALGORITHM.md` §2).
 * Owned by the #PrecisTide; valid until its next evaluation.
 */
typedef struct {
  double          threshold;
  double          background;
  double          confidence;
  guint           max_dets;
  guint           counts[PRECIS_TIDE_N_ERRORS];
  guint           n_gt;
  guint           n_tp;
  guint           n_fp;
  guint           n_ignored;
  guint           n_fn;
  guint           n_dropped;
  const guint8   *prediction_state;
  const guint8   *prediction_error;
  const guint32  *prediction_target;
  const guint8   *prediction_fixes;
  const guint8   *gt_error;
  const guint32  *gt_match;
} PrecisTideResult;

/**
 * PrecisTideDaps:
 * @ap: TIDE's AP at t (its `run.ap`), percent
 * @main: dAP of each main error type: TIDE's AP with all errors of that type fixed
 *   minus @ap, clipped at 0, percent
 * @special_fp: dAP of the FalsePos oracle (not clipped)
 * @special_fn: dAP of the FalseNeg oracle (not clipped)
 *
 * Everything on TIDE's scale (percent, as its summary table prints it).
 */
typedef struct {
  double ap;
  double main[PRECIS_TIDE_N_ERRORS];
  double special_fp;
  double special_fn;
} PrecisTideDaps;

#define PRECIS_TYPE_TIDE (precis_tide_get_type ())
G_DECLARE_FINAL_TYPE (PrecisTide, precis_tide, PRECIS, TIDE, GObject)

/* One per view (or worker); mutable, not thread-safe; the #PrecisOverlaps can be
 * shared. Defaults: t = 0.5, t_b = 0.1, all classes, confidence 0, max_dets 100.
 * All buffers are allocated here: evaluation and dAPs never allocate. */
PrecisTide             *precis_tide_new             (PrecisOverlaps *overlaps);
PrecisOverlaps         *precis_tide_get_overlaps    (PrecisTide     *self);

void                    precis_tide_set_threshold   (PrecisTide     *self,
                                                     double          threshold);
void                    precis_tide_set_background  (PrecisTide     *self,
                                                     double          background);
void                    precis_tide_set_confidence  (PrecisTide     *self,
                                                     double          confidence);
void                    precis_tide_set_max_dets    (PrecisTide     *self,
                                                     guint           max_dets);
/* @mask: n_categories bytes, non-zero = selected (copied), or NULL for all. The
 * other classes are left out of both sides, as if they were not in the files. */
void                    precis_tide_set_classes     (PrecisTide     *self,
                                                     const guint8   *mask);

/* Assigns the error types at the current parameters if anything changed:
 * O(#predictions + #GT + #overlapping pairs). */
const PrecisTideResult *precis_tide_evaluate        (PrecisTide     *self);

/* TIDE's AP and the eight dAPs at the current parameters (evaluates first):
 * O(#predictions + #GT) per oracle, nine oracles. */
void                    precis_tide_compute_daps    (PrecisTide     *self,
                                                     PrecisTideDaps *daps);

/* Counts, per image, the errors of type @error (PRECIS_TIDE_N_ERRORS: of any
 * type) on objects of category index @category (PRECIS_NO_INDEX: any) at the
 * current parameters (evaluates first) into @per_image (n_images entries,
 * overwritten). Returns their sum. O(#predictions + #GT). */
guint                   precis_tide_count_per_image (PrecisTide      *self,
                                                     PrecisTideError  error,
                                                     guint32          category,
                                                     guint32         *per_image);

/* { "ap", "main": {…}, "special": { "fp", "fn" }, "counts": {…},
 *   "thresholds": { "foreground", "background" } }. */
JsonNode               *precis_tide_to_json         (const PrecisTideResult *result,
                                                     const PrecisTideDaps   *daps);

G_END_DECLS

/* precis-confusion.h: the detection confusion matrix (SEMANTICS.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "precis-overlaps.h"

G_BEGIN_DECLS

/**
 * PrecisConfusionState:
 * @PRECIS_CONFUSION_MATCHED: the prediction took a GT (of any class)
 * @PRECIS_CONFUSION_UNMATCHED: no free GT at IoU ≥ t and no crowd region: a
 *   (background, predicted class) entry
 * @PRECIS_CONFUSION_IGNORED: unmatched, but inside a crowd region (crowd-IoU ≥ t)
 * @PRECIS_CONFUSION_FILTERED: class not selected or score below the confidence threshold
 */
typedef enum {
  PRECIS_CONFUSION_MATCHED,
  PRECIS_CONFUSION_UNMATCHED,
  PRECIS_CONFUSION_IGNORED,
  PRECIS_CONFUSION_FILTERED,
} PrecisConfusionState;

/**
 * PrecisConfusionPair:
 * @gt: a GT annotation index, or PRECIS_NO_INDEX for an unmatched prediction
 * @prediction: a prediction annotation index, or PRECIS_NO_INDEX for an untaken GT
 *
 * One object (or matched pair) behind a cell of the matrix.
 */
typedef struct {
  guint32 gt;
  guint32 prediction;
} PrecisConfusionPair;

/**
 * PrecisConfusionResult:
 * @threshold: t
 * @confidence: s
 * @n_classes: K, the number of categories; row and column K are `background`
 * @matrix: (K + 1) × (K + 1) counts, row-major: rows GT category index (K =
 *   background), columns predicted category index (K = background). Unselected
 *   classes have zero rows and columns.
 * @n_ignored: predictions left out as lying in a crowd region
 * @prediction_state: per prediction, a #PrecisConfusionState
 * @prediction_match: per prediction, the GT it took, or PRECIS_NO_INDEX
 * @gt_match: per GT, the prediction that took it, or PRECIS_NO_INDEX
 *
 * Owned by the #PrecisConfusion; valid until its next evaluation.
 */
typedef struct {
  double         threshold;
  double         confidence;
  guint          n_classes;
  const guint   *matrix;
  guint          n_ignored;
  const guint8  *prediction_state;
  const guint32 *prediction_match;
  const guint32 *gt_match;
} PrecisConfusionResult;

#define PRECIS_TYPE_CONFUSION (precis_confusion_get_type ())
G_DECLARE_FINAL_TYPE (PrecisConfusion, precis_confusion, PRECIS, CONFUSION, GObject)

/* One per view; mutable, not thread-safe. Defaults: t = 0.5, s = 0, all classes.
 * Buffers are allocated here: evaluation never allocates. */
PrecisConfusion             *precis_confusion_new            (PrecisOverlaps  *overlaps);

void                         precis_confusion_set_threshold  (PrecisConfusion *self,
                                                              double           threshold);
void                         precis_confusion_set_confidence (PrecisConfusion *self,
                                                              double           confidence);
/* @mask: n_categories bytes, non-zero = selected (copied), or NULL for all. */
void                         precis_confusion_set_classes    (PrecisConfusion *self,
                                                              const guint8    *mask);

/* Class-agnostic matching at the current parameters if anything changed:
 * O(#predictions + #GT + #overlapping pairs). */
const PrecisConfusionResult *precis_confusion_evaluate       (PrecisConfusion *self);

/* The objects behind cell (@row, @col) at the current parameters (category indices,
 * or n_classes for background): matched pairs for a class × class cell, unmatched
 * predictions for the background row, untaken GTs for the background column; in
 * prediction (then GT) annotation order. Free with g_array_unref(). */
GArray                      *precis_confusion_get_cell       (PrecisConfusion *self,
                                                              guint            row,
                                                              guint            col);

/* The classes confused with another class, most first (UI.md: matrices show the
 * classes that carry off-diagonal mass): category indices c whose row and column
 * hold a count outside the diagonal and the background row and column, ranked by
 * that sum, larger first, ties in index order. @matrix: (n_classes + 1)², as in
 * #PrecisConfusionResult; @mask: n_classes bytes or NULL for all. Writes them to
 * @order (n_classes entries) and returns how many. */
guint                        precis_confusion_rank_classes   (const guint     *matrix,
                                                              guint            n_classes,
                                                              const guint8    *mask,
                                                              guint           *order);

/* The classes a matrix view shows, then @n_classes (background): the first
 * @top of precis_confusion_rank_classes(), or, when no class is confused, the
 * first @top selected. @shown: n_classes + 1 entries. Returns how many it wrote
 * (background included); @n_selected and @n_confused (nullable) get the number of
 * selected and of confused classes. The app's matrix and the confusion chart
 * both show this choice. */
guint                        precis_confusion_choose_classes (const guint     *matrix,
                                                              guint            n_classes,
                                                              const guint8    *mask,
                                                              guint            top,
                                                              guint           *shown,
                                                              guint           *n_selected,
                                                              guint           *n_confused);
/* A cell's text: its count ("12"), or with @row_normalised its share of the
 * row's @row_sum with two decimals ("0.43"; "0.00" for an empty row). */
char                        *precis_confusion_format_cell    (guint            count,
                                                              guint            row_sum,
                                                              gboolean         row_normalised);
/* The sum of row @row of @matrix ((n_classes + 1)²), background column included. */
guint                        precis_confusion_row_sum        (const guint     *matrix,
                                                              guint            n_classes,
                                                              guint            row);

/* { "labels": [names…, "background"], "category_ids": [ids…, null],
 *   "matrix": [[…]] } over the selected classes, rows GT, columns predictions. */
JsonNode                    *precis_confusion_to_json        (PrecisConfusion *self);
/* The same as CSV: a header row `gt \ predicted,NAME…,background`, then one row per GT class. */
char                        *precis_confusion_to_csv         (PrecisConfusion *self);

G_END_DECLS

/* precis-chart.h: every evaluation chart, drawn onto any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

#include "precis-active.h"
#include "precis-cocoeval.h"
#include "precis-confusion.h"
#include "precis-png.h"
#include "precis-tide.h"

G_BEGIN_DECLS

/**
 * PrecisChartKind:
 * @PRECIS_CHART_PERFORMANCE: AP@t per class (sorted bars) with the mAP line;
 *   mAR and mean F1 in the caption
 * @PRECIS_CHART_PRECISION: precision per class at t
 * @PRECIS_CHART_RECALL: recall per class at t
 * @PRECIS_CHART_PR_CURVE: precision-recall curves of the classes and their mean
 * @PRECIS_CHART_OUTCOMES: TP, FN and FP per class, stacked
 * @PRECIS_CHART_F1_CONFIDENCE: F1 against the confidence threshold, per class
 *   and overall (mean F1), with the best-F1 point
 * @PRECIS_N_CHART_KINDS: the number of per-class charts every model draws
 * @PRECIS_CHART_ERRORS: TIDE's error types as bars of dAP with their counts
 *   (needs precis_chart_model_set_errors()); numbered after the per-class
 *   charts so that loops up to %PRECIS_N_CHART_KINDS keep meaning those
 * @PRECIS_CHART_CONFUSION: the detection confusion matrix (needs
 *   precis_chart_model_set_confusion())
 * @PRECIS_CHART_COMPARE_PR: the mean PR curves of several models, overlaid
 *   (needs precis_chart_model_set_compare())
 * @PRECIS_CHART_COMPARE_F1: their mean-F1-against-confidence curves, overlaid
 * @PRECIS_CHART_COMPARE_DELTA: ΔAP per class of one model against the
 *   baseline, diverging bars sorted by Δ
 * @PRECIS_N_CHART_KINDS_ALL: the number of kinds
 */
typedef enum {
  PRECIS_CHART_PERFORMANCE,
  PRECIS_CHART_PRECISION,
  PRECIS_CHART_RECALL,
  PRECIS_CHART_PR_CURVE,
  PRECIS_CHART_OUTCOMES,
  PRECIS_CHART_F1_CONFIDENCE,
  PRECIS_N_CHART_KINDS,
  PRECIS_CHART_ERRORS = PRECIS_N_CHART_KINDS,
  PRECIS_CHART_CONFUSION,
  PRECIS_CHART_COMPARE_PR,
  PRECIS_CHART_COMPARE_F1,
  PRECIS_CHART_COMPARE_DELTA,
  PRECIS_N_CHART_KINDS_ALL
} PrecisChartKind;

const char *precis_chart_kind_to_string     (PrecisChartKind  kind);  /* "performance", "pr-curve", … */
gboolean    precis_chart_kind_from_string   (const char      *str,
                                             PrecisChartKind *kind);

/**
 * PrecisChartCategory:
 * @name: the class name
 * @id: the category id
 * @category: the category index in the dataset, or %PRECIS_NO_INDEX
 * @counted: the class takes part in the means (see SEMANTICS.md §3)
 * @n_gt: non-crowd GT objects (TP + FN)
 * @n_predictions: evaluated predictions (TP + FP + ignored)
 * @tp: true positives
 * @fp: false positives
 * @fn: false negatives
 * @ignored: ignored predictions
 * @precision: P at t
 * @recall: R at t
 * @f1: F1 at t
 * @ap: AP@t
 * @n_ranks: length of the ranked sequence (may be 0)
 * @rank_score: (array length=n_ranks) (nullable): scores, descending
 * @rank_tp: (array length=n_ranks) (nullable): 1 for TP, 0 for FP
 * @rank_recall: (array length=n_ranks) (nullable): cumulative recall
 * @rank_precision: (array length=n_ranks) (nullable): cumulative precision
 * @rank_envelope: (array length=n_ranks) (nullable): precision made
 *   non-increasing from the right; computed from @rank_precision when %NULL
 * @precision_101: (array fixed-size=101) (nullable): interpolated precision at
 *   recall 0, 0.01, … 1; computed from the envelope when %NULL
 * @n_f1: points of the F1-against-confidence curve (0: computed from the ranks)
 * @f1_score: (array length=n_f1) (nullable): distinct scores, descending
 * @f1_value: (array length=n_f1) (nullable): F1 of the class when s is that score
 *
 * The input for one class. The chart model copies everything. @rank_recall and
 * @rank_precision are computed from @rank_tp and @n_gt when %NULL.
 */
typedef struct {
  const char   *name;
  gint64        id;
  guint32       category;
  gboolean      counted;
  guint         n_gt;
  guint         n_predictions;
  guint         tp;
  guint         fp;
  guint         fn;
  guint         ignored;
  double        precision;
  double        recall;
  double        f1;
  double        ap;

  guint         n_ranks;
  const double *rank_score;
  const guint8 *rank_tp;
  const double *rank_recall;
  const double *rank_precision;
  const double *rank_envelope;
  const double *precision_101;

  guint         n_f1;
  const double *f1_score;
  const double *f1_value;
} PrecisChartCategory;

/**
 * PrecisChartSummary:
 * @dataset: the dataset (project) name
 * @model: the model name
 * @protocol: "active" or "coco"
 * @iou_type: "bbox", "segm", "keypoints" or "polyline"
 * @threshold: the IoU threshold t
 * @selection: (nullable): how the classes were chosen, e.g. "all 80 classes";
 *   %NULL describes the charted classes
 * @n_categories: the number of categories in the dataset (for the description)
 * @map: mAP@t
 * @mar: mAR@t
 * @mean_f1: mean F1 at t
 * @tp: total TP
 * @fp: total FP
 * @fn: total FN
 * @n_f1: points of the overall F1-against-confidence curve (0: computed)
 * @f1_score: (array length=n_f1) (nullable): distinct scores, descending
 * @f1_mean: (array length=n_f1) (nullable): mean F1 when s is that score
 * @best_confidence: the best-F1 confidence (ignored when @n_f1 is 0)
 * @best_f1: mean F1 there
 * @confidence: the confidence threshold s of the evaluation (0: none)
 *
 * What the whole chart describes.
 */
typedef struct {
  const char   *dataset;
  const char   *model;
  const char   *protocol;
  const char   *iou_type;
  double        threshold;
  const char   *selection;
  guint         n_categories;
  double        map;
  double        mar;
  double        mean_f1;
  guint         tp;
  guint         fp;
  guint         fn;

  guint         n_f1;
  const double *f1_score;
  const double *f1_mean;
  double        best_confidence;
  double        best_f1;
  double        confidence;
} PrecisChartSummary;

/**
 * PrecisChartModelFlags:
 * @PRECIS_CHART_MODEL_CLASSES: the per-class numbers only (bar charts)
 * @PRECIS_CHART_MODEL_RANKS: the ranked sequences too (precision-recall curve)
 * @PRECIS_CHART_MODEL_F1: the F1-against-confidence curves too
 * @PRECIS_CHART_MODEL_BORROW: point into the evaluator's buffers instead of
 *   copying them; the model is then valid until the evaluator's next change
 *
 * What precis_chart_model_new_from_active_flags() puts in a model.
 */
typedef enum {
  PRECIS_CHART_MODEL_CLASSES = 0,
  PRECIS_CHART_MODEL_RANKS   = 1 << 0,
  PRECIS_CHART_MODEL_F1      = 1 << 1,
  PRECIS_CHART_MODEL_BORROW  = 1 << 2,
} PrecisChartModelFlags;

#define PRECIS_TYPE_CHART_MODEL (precis_chart_model_get_type ())
G_DECLARE_FINAL_TYPE (PrecisChartModel, precis_chart_model, PRECIS, CHART_MODEL, GObject)

PrecisChartModel       *precis_chart_model_new             (const PrecisChartSummary *summary,
                                                            const PrecisChartCategory   *classes,
                                                            guint                     n_classes);
PrecisChartModel       *precis_chart_model_new_from_active (PrecisActive             *active);
PrecisChartModel       *precis_chart_model_new_from_active_flags (PrecisActive          *active,
                                                                  PrecisChartModelFlags  flags);

PrecisChartModel       *precis_chart_model_new_from_cocoeval (PrecisCocoEval     *eval,
                                                              guint               t);
gboolean                precis_chart_coco_threshold_index    (const PrecisCocoParams *params,
                                                              double                  iou,
                                                              guint                  *index);
/* precis-chart-errors.c, precis-chart-confusion.c: the data of the charts
 * PRECIS_CHART_ERRORS and PRECIS_CHART_CONFUSION (copied). */
void                    precis_chart_model_set_errors      (PrecisChartModel         *self,
                                                            const PrecisTideResult   *result,
                                                            const PrecisTideDaps     *daps);
void                    precis_chart_model_set_confusion   (PrecisChartModel         *self,
                                                            const PrecisConfusionResult *result,
                                                            PrecisDataset            *dataset,
                                                            const guint8             *mask,
                                                            guint                     max_classes,
                                                            gboolean                  row_normalised);
/* precis-chart-compare.c: the data of the PRECIS_CHART_COMPARE_* charts. */
void                    precis_chart_model_set_compare     (PrecisChartModel         *self,
                                                            PrecisChartModel *const  *models,
                                                            guint                     n_models,
                                                            guint                     baseline,
                                                            guint                     shown_model,
                                                            const double             *class_delta);
guint                   precis_chart_model_get_n_classes   (PrecisChartModel         *self);
const PrecisChartCategory *precis_chart_model_get_class       (PrecisChartModel         *self,
                                                            guint                     index);
const PrecisChartSummary *precis_chart_model_get_summary   (PrecisChartModel         *self);

/**
 * PrecisChartTextRole:
 * @PRECIS_CHART_TEXT_TITLE: the chart's title
 * @PRECIS_CHART_TEXT_SUBTITLE: the subtitle (one entry a line when it wraps)
 * @PRECIS_CHART_TEXT_HEADLINE: the summary line under the subtitle (mAP, mAR,
 *   mean F1, …; for outcomes one entry per TP/FN/FP count)
 * @PRECIS_CHART_TEXT_AXIS_TITLE: an axis title
 * @PRECIS_CHART_TEXT_TICK: a tick label
 * @PRECIS_CHART_TEXT_CLASS: a bar chart's row label (class name or summary row)
 * @PRECIS_CHART_TEXT_VALUE: a bar's value label (outcomes: a segment's count)
 * @PRECIS_CHART_TEXT_REFERENCE: the label of a bar chart's reference line
 * @PRECIS_CHART_TEXT_LEGEND: a legend entry's name, value or header
 * @PRECIS_CHART_TEXT_ANNOTATION: a label in the plot (iso-F1 contours, best point)
 * @PRECIS_CHART_TEXT_MESSAGE: an empty-state message and its explanation
 *
 * What a drawn string is, see precis_chart_dup_text().
 */
typedef enum {
  PRECIS_CHART_TEXT_TITLE,
  PRECIS_CHART_TEXT_SUBTITLE,
  PRECIS_CHART_TEXT_HEADLINE,
  PRECIS_CHART_TEXT_AXIS_TITLE,
  PRECIS_CHART_TEXT_TICK,
  PRECIS_CHART_TEXT_CLASS,
  PRECIS_CHART_TEXT_VALUE,
  PRECIS_CHART_TEXT_REFERENCE,
  PRECIS_CHART_TEXT_LEGEND,
  PRECIS_CHART_TEXT_ANNOTATION,
  PRECIS_CHART_TEXT_MESSAGE,
} PrecisChartTextRole;

/**
 * PrecisChartText:
 * @role: what the string is
 * @text: the string as drawn, without markup; the full string when the
 *   drawing ellipsized it
 * @x: left edge of the string's box, in the coordinates of precis_chart_render()
 * @y: top edge of the string's box (for the rotated vertical axis title, the
 *   box's corner after rotation)
 *
 * One string a chart drew: the text layer, for tests and accessibility.
 */
typedef struct {
  PrecisChartTextRole  role;
  char                *text;
  double               x;
  double               y;
} PrecisChartText;

void        precis_chart_text_free          (PrecisChartText     *text);
const char *precis_chart_text_role_to_string (PrecisChartTextRole role);  /* "title", "value", … */

#define PRECIS_TYPE_CHART (precis_chart_get_type ())
G_DECLARE_FINAL_TYPE (PrecisChart, precis_chart, PRECIS, CHART, GObject)

PrecisChart      *precis_chart_new                (PrecisChartModel  *model,
                                                   PrecisChartKind    kind);
PrecisChartModel *precis_chart_get_model          (PrecisChart       *self);
PrecisChartKind   precis_chart_get_kind           (PrecisChart       *self);

char             *precis_chart_dup_title          (PrecisChart       *self);
char             *precis_chart_dup_subtitle       (PrecisChart       *self);
/* precis-chart-describe.c: the chart in words (accessible description). */
char             *precis_chart_dup_description    (PrecisChart       *self);

void              precis_chart_get_natural_size   (PrecisChart       *self,
                                                   double            *width,
                                                   double            *height);

void              precis_chart_render             (PrecisChart       *self,
                                                   cairo_t           *cr,
                                                   double             width,
                                                   double             height,
                                                   double             scale);

gboolean          precis_chart_hit_test           (PrecisChart       *self,
                                                   double             x,
                                                   double             y,
                                                   guint             *class_index,
                                                   double            *value);

gboolean          precis_chart_get_plot_area      (PrecisChart       *self,
                                                   double            *x,
                                                   double            *y,
                                                   double            *width,
                                                   double            *height);

guint             precis_chart_get_n_bars         (PrecisChart       *self);
gboolean          precis_chart_get_bar            (PrecisChart       *self,
                                                   guint              index,
                                                   double            *x,
                                                   double            *y,
                                                   double            *width,
                                                   double            *height,
                                                   guint             *class_index);

char             *precis_chart_to_json            (PrecisChart       *self);
GPtrArray        *precis_chart_dup_text           (PrecisChart       *self);

gboolean          precis_chart_save_png           (PrecisChart       *self,
                                                   const char        *filename,
                                                   double             width,
                                                   double             height,
                                                   double             scale,
                                                   PrecisPngSaveFlags flags,
                                                   GError           **error);

G_END_DECLS

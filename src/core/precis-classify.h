/* precis-classify.h: classification projects, one label per image (SEMANTICS.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "precis-dataset.h"

G_BEGIN_DECLS

/* The k of top-k accuracy and the calibration bins of SEMANTICS.md §11. */
#define PRECIS_CLASSIFY_TOP_K  5
#define PRECIS_CLASSIFY_N_BINS 15

/**
 * PrecisClassifyPerClass:
 * @category: the category index
 * @support: GT labels of the class
 * @predicted: images whose top-1 is the class
 * @tp: images of the class predicted as it
 * @fp: images of another class predicted as it
 * @fn: images of the class predicted as another class or `none`
 * @precision: @tp / @predicted, 0 when @predicted is 0 (scikit-learn's `zero_division=0`)
 * @recall: @tp / @support, 0 when @support is 0
 * @f1: 2 · P · R / (P + R), 0 when P + R is 0
 *
 * One class of the per-class table: a class in GT ∪ top-1 predictions.
 */
typedef struct {
  guint32 category;
  guint   support;
  guint   predicted;
  guint   tp;
  guint   fp;
  guint   fn;
  double  precision;
  double  recall;
  double  f1;
} PrecisClassifyPerClass;

/**
 * PrecisClassifyBin:
 * @n: images whose top-1 score (0 for `none`) falls in the bin
 * @correct: of those, the correctly classified ones
 * @accuracy: @correct / @n, NAN when @n is 0
 * @confidence: the mean top-1 score, NAN when @n is 0
 *
 * A reliability bin: bin 0 is [0, 1/15], bin b > 0 is (b/15, (b+1)/15].
 */
typedef struct {
  guint  n;
  guint  correct;
  double accuracy;
  double confidence;
} PrecisClassifyBin;

/**
 * PrecisClassifyResult:
 * @confidence: s: predictions scored below it are dropped first
 * @n_images: N, the images with a GT label (the others are not evaluated)
 * @n_unlabelled: images without a GT label
 * @correct: images whose top-1 is the GT class
 * @answered: images with a top-1 (not `none`) at s
 * @accuracy: @correct / N (NAN when N is 0)
 * @has_top5: every labelled image has at least 5 predictions (before s)
 * @top5_correct: images whose GT class is among their 5 highest predictions at s
 * @top5_accuracy: @top5_correct / N, NAN unless @has_top5
 * @coverage: @answered / N (NAN when N is 0)
 * @selective_accuracy: @correct / @answered (NAN when nothing is answered)
 * @macro_precision: unweighted mean of the classes' precision
 * @macro_recall: likewise recall
 * @macro_f1: likewise F1
 * @weighted_precision: mean of the classes' precision weighted by support
 * @weighted_recall: likewise recall (equals the accuracy)
 * @weighted_f1: likewise F1
 * @n_classes: the classes of the table: GT ∪ top-1 predictions
 * @classes: @n_classes entries in category order
 * @n_categories: K, every category of the dataset
 * @confusion: K × (K + 1) counts, row-major: rows GT category index, columns
 *   top-1 category index, column K `none`
 * @bins: the reliability bins
 * @ece: Σ_b (n_b / N) · |accuracy_b − confidence_b| (0 when N is 0)
 *
 * Owned by the #PrecisClassify; valid until its next evaluation.
 */
typedef struct {
  double                     confidence;
  guint                      n_images;
  guint                      n_unlabelled;
  guint                      correct;
  guint                      answered;
  double                     accuracy;
  gboolean                   has_top5;
  guint                      top5_correct;
  double                     top5_accuracy;
  double                     coverage;
  double                     selective_accuracy;
  double                     macro_precision;
  double                     macro_recall;
  double                     macro_f1;
  double                     weighted_precision;
  double                     weighted_recall;
  double                     weighted_f1;
  guint                      n_classes;
  const PrecisClassifyPerClass *classes;
  guint                      n_categories;
  const guint               *confusion;
  PrecisClassifyBin          bins[PRECIS_CLASSIFY_N_BINS];
  double                     ece;
} PrecisClassifyResult;

#define PRECIS_TYPE_CLASSIFY (precis_classify_get_type ())
G_DECLARE_FINAL_TYPE (PrecisClassify, precis_classify, PRECIS, CLASSIFY, GObject)

/* Precomputes each labelled image's GT class and 5 highest predictions of
 * @model. @dataset must be a classification project
 * (precis_dataset_is_classification()). Mutable, not thread-safe; evaluation
 * does not allocate. */
PrecisClassify             *precis_classify_new            (PrecisDataset  *dataset,
                                                            guint           model);

PrecisDataset              *precis_classify_get_dataset    (PrecisClassify *self);
guint                       precis_classify_get_model      (PrecisClassify *self);

void                        precis_classify_set_confidence (PrecisClassify *self,
                                                            double          confidence);
double                      precis_classify_get_confidence (PrecisClassify *self);

const PrecisClassifyResult *precis_classify_evaluate       (PrecisClassify *self);

/* The calibration bin of a top-1 score (SEMANTICS.md §11). */
guint                       precis_classify_bin_of         (double          score);

/* One labelled image at the last evaluation: its image index, GT category
 * index, top-1 category index at s (PRECIS_NO_INDEX for `none`) and score (0
 * for `none`). @row < n_images. */
void                        precis_classify_get_row        (PrecisClassify *self,
                                                            guint           row,
                                                            guint32        *image,
                                                            guint32        *gt,
                                                            guint32        *predicted,
                                                            double         *score);

/* The JSON of `precis-cli eval --json` (docs/FORMATS.md). */
JsonNode                   *precis_classify_to_json        (PrecisClassify *self);

G_END_DECLS

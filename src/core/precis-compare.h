/* precis-compare.h: several models evaluated side by side (SEMANTICS.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-active.h"
#include "precis-cocoeval.h"

G_BEGIN_DECLS

/**
 * PrecisCompareStat:
 * @PRECIS_COMPARE_MAP: mAP@t
 * @PRECIS_COMPARE_MAR: mAR@t
 * @PRECIS_COMPARE_MEAN_F1: mean F1
 * @PRECIS_COMPARE_N_STATS: the number of statistics
 *
 * The statistics whose Δ the bootstrap resamples.
 */
typedef enum {
  PRECIS_COMPARE_MAP,
  PRECIS_COMPARE_MAR,
  PRECIS_COMPARE_MEAN_F1,
  PRECIS_COMPARE_N_STATS
} PrecisCompareStat;

/* "mAP", "mAR", "mean_F1" (the names of `precis-cli eval --json`). */
const char *precis_compare_stat_name (PrecisCompareStat stat);

/**
 * PrecisCompareDelta:
 * @stat: Δ = model − baseline of mAP, mAR and mean F1, by #PrecisCompareStat
 * @tp: Δ of the summed TP
 * @fp: Δ of the summed FP
 * @fn: Δ of the summed FN
 *
 * The differences of one model against the baseline (0 for the baseline).
 */
typedef struct {
  double stat[PRECIS_COMPARE_N_STATS];
  gint64 tp;
  gint64 fp;
  gint64 fn;
} PrecisCompareDelta;

/**
 * PrecisCompareImageDiff:
 * @image: the image index
 * @won: GTs the model finds (TP) and the baseline misses (FN)
 * @lost: GTs the baseline finds and the model misses
 * @extra_fp: the model's FPs in the image minus the baseline's (may be negative)
 *
 * "Where models differ" for one image (SEMANTICS.md §10).
 */
typedef struct {
  guint32 image;
  guint   won;
  guint   lost;
  gint    extra_fp;
} PrecisCompareImageDiff;

#define PRECIS_TYPE_COMPARE (precis_compare_get_type ())
G_DECLARE_FINAL_TYPE (PrecisCompare, precis_compare, PRECIS, COMPARE, GObject)

/* One #PrecisActive per matcher (same dataset and IoU type); every setter
 * applies to all of them, so all models see the same subset, t and s.
 * Mutable, not thread-safe, as #PrecisActive. */
PrecisCompare            *precis_compare_new              (PrecisMatcher * const *matchers,
                                                           guint                  n_matchers,
                                                           guint                  baseline);

guint                     precis_compare_get_n_models     (PrecisCompare *self);
guint                     precis_compare_get_baseline     (PrecisCompare *self);
void                      precis_compare_set_baseline     (PrecisCompare *self,
                                                           guint          baseline);
PrecisActive             *precis_compare_get_active       (PrecisCompare *self,
                                                           guint          model);

void                      precis_compare_set_threshold    (PrecisCompare *self,
                                                           double         threshold);
void                      precis_compare_set_confidence   (PrecisCompare *self,
                                                           double         confidence);
void                      precis_compare_set_area_range   (PrecisCompare *self,
                                                           double         area_min,
                                                           double         area_max);
void                      precis_compare_set_classes      (PrecisCompare *self,
                                                           const guint8  *mask);
void                      precis_compare_set_images       (PrecisCompare *self,
                                                           const guint8  *mask);
/* The image subset last set (n_images bytes, non-zero = selected), or NULL for all. */
const guint8             *precis_compare_get_images       (PrecisCompare *self);

/* Evaluates every model (precis_active_evaluate(); no allocation) and returns
 * model @model's result; the Δs follow. */
void                      precis_compare_evaluate         (PrecisCompare *self);
const PrecisActiveResult *precis_compare_get_result       (PrecisCompare *self,
                                                           guint          model);
void                      precis_compare_get_delta        (PrecisCompare      *self,
                                                           guint               model,
                                                           PrecisCompareDelta *delta);
/* Δ AP@t of class @category (0 when the class is not selected). */
double                    precis_compare_get_class_ap_delta (PrecisCompare *self,
                                                           guint          model,
                                                           guint32        category);

/* +1 when @model finds @gt and the baseline misses it, −1 for the reverse,
 * 0 otherwise (also for a crowd, filtered or out-of-range GT). */
int                       precis_compare_get_gt_difference (PrecisCompare *self,
                                                           guint          model,
                                                           guint32        gt);
/* The images of the subset where @model and the baseline differ (won, lost or
 * extra_fp non-zero), in image index order; O(#GT + #predictions). Empty for
 * the baseline itself. */
PrecisCompareImageDiff   *precis_compare_get_differ       (PrecisCompare *self,
                                                           guint          model,
                                                           guint         *n_images);

/* Protocol `coco`: the summary numbers of @model minus those of @baseline
 * (both of the same IoU type); @delta receives @n_stats values (12, or 10
 * for keypoints). */
void                      precis_compare_coco_delta       (PrecisCocoEval *model,
                                                           PrecisCocoEval *baseline,
                                                           double         *delta,
                                                           guint          *n_stats);

G_END_DECLS

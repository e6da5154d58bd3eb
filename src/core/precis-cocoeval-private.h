/* precis-cocoeval-private.h: internals shared by the precis-cocoeval*.c files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "precis-cocoeval.h"

G_BEGIN_DECLS

enum {
  STATE_FP = 0,
  STATE_TP = 1,
  STATE_IGNORED = 2,
};

/* One (image, category) pair with GT or detections, images in ascending id order. */
typedef struct {
  guint32 gt_start;
  guint32 n_gt;
  guint32 dt_start;
  guint32 n_dt;
  guint32 table;
} Pair;

struct _PrecisCocoEval
{
  GObject           parent_instance;

  PrecisMatcher    *matcher;
  PrecisCocoParams  params;

  guint             n_classes;     /* K */
  guint32          *class_category;

  double           *prec;          /* K × A × M × T × R: one block per class */
  double           *precision;     /* T × R × K × A × M, built on demand */
  double           *recall;        /* T × K × A × M */

  guint64          *class_tp;      /* K × T, area "all", last maxDets */
  guint64          *class_fp;
  guint64          *class_n_gt;    /* K */
  guint64          *class_n_dt;    /* K: predictions of the class in the evaluated images */

  double           *class_ap;
  double           *class_ap50;
  double           *class_ap75;
  double           *class_ar;

  guint             n_stats;
  double            stats[12];

  /* Per object, area range 0 and the largest maxDets, threshold major
   * (T × objects); NULL unless params.keep_objects (precis-cocoeval-objects.c). */
  guint32           n_gt_objects;
  guint32           n_dt_objects;
  guint8           *dt_state;      /* PrecisPredictionOutcome */
  guint8           *gt_state;      /* PrecisGtOutcome */
  guint32          *dt_match;      /* the GT pycocotools matched (dtMatches), annotation index */
  guint32          *gt_match;      /* the prediction matched to the GT (gtMatches) */
  float            *dt_iou;        /* IoU with dt_match */
};

/* The state of one evaluation run (precis_cocoeval_new()), shared by the workers. */
typedef struct {
  PrecisCocoEval          *self;
  PrecisMatcher           *matcher;
  const PrecisAnnotations *gt;
  const PrecisAnnotations *dt;
  PrecisIouType            iou_type;

  const Pair              *pairs;
  const guint32           *pair_start;   /* K + 1 */
  const guint32           *task_order;   /* K, largest first */
  const guint64           *class_dt;     /* K: detections of the class (upper bound of kept) */
  gint                     next_task;

  GCancellable            *cancellable;
  gint                     cancelled;
} Context;

/* precis-cocoeval-numpy.c: numpy's arithmetic and sort order */
double   _precis_cocoeval_mean_valid           (double        *v,
                                                gsize          n);
void     _precis_cocoeval_stable_sort_by_score (guint32       *idx,
                                                guint32       *tmp,
                                                gsize          n,
                                                const double  *score);

/* precis-cocoeval-match.c: per-category matching and accumulation */
void     _precis_cocoeval_worker_run           (Context       *ctx);
gpointer _precis_cocoeval_worker_thread        (gpointer       data);

/* precis-cocoeval-objects.c: the per-object matches */
void     _precis_cocoeval_objects_init         (PrecisCocoEval *self,
                                                guint32         n_gt,
                                                guint32         n_dt);
void     _precis_cocoeval_objects_clear        (PrecisCocoEval *self);

/* precis-cocoeval-summary.c: summaries, text and JSON */
void     _precis_cocoeval_summarize            (PrecisCocoEval *self);
void     _precis_cocoeval_per_class_summaries  (PrecisCocoEval *self);

G_END_DECLS

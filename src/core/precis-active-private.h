/* precis-active-private.h: internals shared by the precis-active*.c files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "precis-active.h"

G_BEGIN_DECLS

/* Per rank-position flags, refreshed when the image subset or the area range
 * changes, so that a threshold step reads no image or area. */
enum {
  FLAG_EXCLUDED = 1 << 0,   /* image not selected */
  FLAG_OWN_OUT  = 1 << 1,   /* the prediction's own area is outside the range */
  FLAG_CAND_OUT = 1 << 2,   /* its candidate GT's area is outside the range */
};

struct _PrecisActive
{
  GObject              parent_instance;

  PrecisMatcher       *matcher;
  const PrecisMatches *m;
  const PrecisAnnotations *gt;
  const PrecisAnnotations *dt;
  guint                n_classes;
  guint                n_images;
  guint                n_dt;

  /* Parameters. */
  double               threshold;
  double               confidence;
  double               area_min;
  double               area_max;
  guint8              *class_mask;
  guint8              *image_mask;

  gboolean             stale;
  gboolean             flags_stale;   /* images or area range changed: full rebuild */
  gboolean             curve_stale;

  /* Hot data in class ranking order (position k = class_order[k]). */
  double              *r_score;
  double              *r_iou;
  double              *r_d;
  double              *r_crowd;
  guint8              *r_flags;
  guint8              *r_status;     /* ST_* at status_t */
  guint32             *r_image;
  double              *r_area;
  double              *r_cand_area;  /* NAN without a candidate */
  guint32             *r_class;
  guint32             *pos_of;       /* prediction index → rank position */

  /* The same statuses as bit sets over positions, for popcount scans. */
  guint                n_words;
  guint64             *bits_tp;
  guint64             *bits_fp;
  guint64             *bits_ign;

  /* Every threshold at which some status can change, ascending. */
  guint                n_events;
  struct Event        *events;
  double               status_t;

  /* Per class: what the cached numbers were computed from. */
  guint8              *class_dirty;
  guint8              *class_members;  /* its set of ranked predictions may have changed */
  guint8              *class_done;   /* selected and computed at the last evaluate */
  guint               *class_cut;
  double              *scratch;      /* per-TP precisions of one class */

  /* Score order walk for the F1 curve (sequential copies). */
  guint32             *so_pos;
  guint32             *so_class;
  double              *so_score;

  /* GT counts per class for the current images and area range. */
  guint               *n_gt;
  guint               *n_gt_crowd;

  /* The result and its buffers. */
  PrecisActiveResult   result;
  PrecisActiveClassResult *classes;
  double              *precision_101;
  guint32             *rank_prediction;
  double              *rank_score;
  guint8              *rank_tp;
  double              *rank_recall;
  double              *rank_precision;
  double              *rank_envelope;
  guint32             *counted;

  /* The F1 curve and its buffers. */
  PrecisActiveF1Curve  curve;
  guint32             *curve_class_start;
  double              *curve_class_score;
  double              *curve_class_f1;
  double              *curve_score;
  double              *curve_mean_f1;
  double              *curve_micro_f1;
  guint               *acc_tp;
  guint               *acc_fp;
  double              *acc_f1;
  guint8              *acc_seen;
};

/* Status of a rank position at the current t. */
enum {
  ST_FP,
  ST_TP,
  ST_IGN,
  ST_OUT,   /* image not selected */
};

struct Event {
  double  v;
  guint32 pos;
  guint32 cls;
};

static inline double
f1_of (double p,
       double r)
{
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static inline gboolean
area_in (const PrecisActive *self,
         double              area)
{
  return area >= self->area_min && area <= self->area_max;
}

/* precis-active-evaluate.c */
void _precis_active_rebuild      (PrecisActive *self);
void _precis_active_apply_events (PrecisActive *self);

G_END_DECLS

/* precis-tide-private.h: the state of a PrecisTide, shared by its assignment and dAP files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-tide.h"

G_BEGIN_DECLS

#define N_POINTS 101

/* One overlapping pair, packed with the GT's category (PAIR_CROWD set for a crowd GT). */
#define PAIR_CROWD 0x80000000u
typedef struct {
  double  iou;
  guint32 gt;
  guint32 cat;
} TidePair;

/* The counts a threshold step changes. */
typedef struct {
  guint n_tp;
  guint n_fp;
  guint n_ignored;
  guint n_fn;
  guint counts[PRECIS_TIDE_N_ERRORS];
} TideCounts;


/* One prediction in image and score order, with its pairs. */
typedef struct {
  double  score;
  guint32 d;
  guint32 cat;
  guint32 p0;
  guint32 p1;
} TideItem;

struct _PrecisTide
{
  GObject                   parent_instance;

  PrecisOverlaps           *overlaps;
  const PrecisOverlapsData *o;
  const PrecisAnnotations  *dt;
  const PrecisAnnotations  *gt;

  double                    threshold;
  double                    background;
  double                    confidence;
  guint                     max_dets;
  guint8                   *classes;
  gboolean                  dirty;             /* everything must be assigned again */
  gboolean                  threshold_dirty;   /* only t changed */

  /* In image order, and within an image by score (PrecisOverlapsData.image_dt). */
  TideItem                 *items;
  TidePair                 *pairs;

  /* Per image, from the last full assignment: the first selected GT, and the
   * detections (item indices) and GTs a threshold step must assign again. */
  guint32                  *image_first_gt;
  guint32                  *live_dt_start;
  guint32                  *live_dt;
  guint                     n_live_dt;
  guint32                  *live_gt_start;
  guint32                  *live_gt;
  guint                     n_live_gt;
  guint8                   *gt_live;
  TideCounts               *live_counts;   /* per image: the live objects' share */
  TideCounts                totals;
  TideCounts               *acc;           /* where the assignment counts go */
  double                   *image_ious;    /* per image, its pairs' IoUs ascending */

  PrecisTideResult          result;
  guint8                   *prediction_state;
  guint8                   *prediction_error;
  guint32                  *prediction_target;
  guint8                   *prediction_fixes;
  guint8                   *gt_error;
  guint32                  *gt_match;
  guint32                  *gt_claim;

  /* dAP scratch, per category. */
  guint                    *num_gt;
  guint                    *n_prime;
  guint                    *n_miss;
  guint                    *n_fn;
  guint                    *n_tp;
  guint                    *n_fp;
  guint                    *acc_tp;
  guint                    *acc_fp;
  guint                    *acc_points;
  double                   *bucket;   /* n_categories × 101 */
};

G_END_DECLS

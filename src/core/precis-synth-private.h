/* precis-synth-private.h: the synthetic scene generator shared by precis-synth*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-synth.h"

G_BEGIN_DECLS

/* xoshiro256** state */
typedef struct {
  guint64 s[4];
} PrecisSynthRng;

#define PRECIS_SYNTH_MAX_POLY 16
#define PRECIS_SYNTH_LANE_POINTS 8

/* One GT object of a scene. */
typedef struct {
  guint   category;        /* index into the category table */
  double  box[4];          /* x, y, w, h */
  double  area;
  gboolean crowd;
  guint   n_poly;          /* segm: vertices */
  double  poly[2 * PRECIS_SYNTH_MAX_POLY];
  double  kp[3 * 17];      /* keypoints: x, y, v */
  guint   num_keypoints;
  double  line[2 * PRECIS_SYNTH_LANE_POINTS];
} PrecisSynthObj;

/* One prediction of a scene. */
typedef struct {
  guint   category;
  double  box[4];
  double  score;
  guint   n_poly;
  double  poly[2 * PRECIS_SYNTH_MAX_POLY];
  double  kp[3 * 17];
  double  line[2 * PRECIS_SYNTH_LANE_POINTS];
} PrecisSynthDet;

typedef struct {
  const PrecisSynthParams *params;
  PrecisSynthRng           rng;
  double                   class_cdf[80];
  guint                    n_categories;
  guint                    width, height;
  GArray                  *objs;    /* PrecisSynthObj: the image's GT */
  GArray                  *dets;    /* PrecisSynthDet: its predictions */
} PrecisSynthScene;

/* Seeds the generator and allocates the arrays; n_categories is 1 (keypoints),
 * 4 (polyline) or 80. */
void     _precis_synth_scene_init  (PrecisSynthScene        *scene,
                                    const PrecisSynthParams *params);

/* The next image: its size, its objects (objs) and its detections (dets, at
 * most preds_per_image, filled up to it with background false positives). */
void     _precis_synth_scene_next  (PrecisSynthScene        *scene);

void     _precis_synth_scene_clear (PrecisSynthScene        *scene);

G_END_DECLS

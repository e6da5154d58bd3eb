/* precis-overlay.h: the annotations of one image drawn onto any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "precis-active.h"
#include "precis-outcome-source.h"
#include "precis-dataset.h"

G_BEGIN_DECLS

/**
 * PrecisOverlayOutcome:
 * @PRECIS_OVERLAY_HIDDEN: not drawn (class not selected, score below the confidence threshold)
 * @PRECIS_OVERLAY_TP: a true-positive prediction
 * @PRECIS_OVERLAY_FP: a false-positive prediction
 * @PRECIS_OVERLAY_FN: a GT that no prediction matches (dashed)
 * @PRECIS_OVERLAY_GT: a matched GT
 * @PRECIS_OVERLAY_IGNORED: a crowd GT, or a prediction ignored in a crowd region
 * @PRECIS_OVERLAY_N_OUTCOMES: the number of outcomes
 *
 * How one annotation is drawn at the current threshold (SEMANTICS.md §3).
 */
typedef enum {
  PRECIS_OVERLAY_HIDDEN,
  PRECIS_OVERLAY_TP,
  PRECIS_OVERLAY_FP,
  PRECIS_OVERLAY_FN,
  PRECIS_OVERLAY_GT,
  PRECIS_OVERLAY_IGNORED,
  PRECIS_OVERLAY_N_OUTCOMES
} PrecisOverlayOutcome;

/**
 * PrecisOverlayLayers:
 * @PRECIS_OVERLAY_LAYER_GT: matched GTs
 * @PRECIS_OVERLAY_LAYER_TP: true positives
 * @PRECIS_OVERLAY_LAYER_FP: false positives
 * @PRECIS_OVERLAY_LAYER_FN: false negatives
 * @PRECIS_OVERLAY_LAYER_IGNORED: crowd GTs and ignored predictions
 * @PRECIS_OVERLAY_LAYER_ALL: every layer
 *
 * The layer toggles of the overlay.
 */
typedef enum {
  PRECIS_OVERLAY_LAYER_GT      = 1 << 0,
  PRECIS_OVERLAY_LAYER_TP      = 1 << 1,
  PRECIS_OVERLAY_LAYER_FP      = 1 << 2,
  PRECIS_OVERLAY_LAYER_FN      = 1 << 3,
  PRECIS_OVERLAY_LAYER_IGNORED = 1 << 4,
  PRECIS_OVERLAY_LAYER_ALL     = 0x1f,
} PrecisOverlayLayers;

/* The layer flag an outcome is drawn in (0 for PRECIS_OVERLAY_HIDDEN). */
guint       precis_overlay_outcome_layer     (PrecisOverlayOutcome outcome);
/* A short translated name: "TP", "FP", "FN", "GT", "ignored". */
const char *precis_overlay_outcome_to_string (PrecisOverlayOutcome outcome);
/* The outcome colour (Okabe–Ito, UI.md), components in [0, 1]. */
void        precis_overlay_outcome_rgb       (PrecisOverlayOutcome outcome,
                                              double              *rgb);

/**
 * PrecisOverlayItem:
 * @outcome: a #PrecisOverlayOutcome
 * @iou: prediction: the stored IoU (OKS) with its candidate GT; GT: τ, the largest
 *   IoU of a prediction whose candidate it is (−1 when none)
 * @partner: prediction: its candidate GT (annotation index) or %PRECIS_NO_INDEX;
 *   GT: the prediction that is TP on it, or %PRECIS_NO_INDEX
 *
 * The state of one annotation at the current threshold, written by the caller
 * (usually with precis_overlay_update_from_active()).
 */
typedef struct {
  guint8  outcome;
  double  iou;
  guint32 partner;
} PrecisOverlayItem;

/**
 * PrecisOverlayStyle:
 * @layers: the visible #PrecisOverlayLayers
 * @scale: device units per image pixel
 * @offset_x: device x of the image's left edge
 * @offset_y: device y of the image's top edge
 * @line_width: outline width in device units
 * @fill: whether masks, polygons and bands get a translucent fill
 * @highlight_gt: a GT annotation drawn emphasised, or %PRECIS_NO_INDEX
 * @highlight_dt: a prediction drawn emphasised, or %PRECIS_NO_INDEX
 * @emphasis_gt: (nullable): per GT annotation index, non-zero for those drawn
 *   emphasised as @highlight_gt is (the objects behind an Errors page bar or cell)
 * @emphasis_dt: (nullable): the same per prediction
 * @antialias: the antialiasing of every path; %CAIRO_ANTIALIAS_NONE draws
 *   thumbnails of boxes about three times faster, and boxes stay sharp
 *
 * How precis_overlay_draw() maps image pixels to the cairo_t and what it shows.
 *
 * "Device units" are those of the cairo_t's user space as handed over (for
 * the app, the widget's logical pixels): under a cairo device scale of 2 an
 * outline of @line_width w covers 2w device pixels, and an edge on a whole
 * unit stays sharp (tests/test-overlay.c, /overlay/device-scale).
 */
typedef struct {
  guint   layers;
  double  scale;
  double  offset_x;
  double  offset_y;
  double  line_width;
  gboolean fill;
  guint32 highlight_gt;
  guint32 highlight_dt;
  const guint8 *emphasis_gt;
  const guint8 *emphasis_dt;
  cairo_antialias_t antialias;
} PrecisOverlayStyle;

/* All layers, scale 1, offset 0, line width 2, fill, no highlight nor emphasis, default
 * antialiasing. */
void precis_overlay_style_init (PrecisOverlayStyle *style);

/**
 * PrecisOverlayHit:
 * @is_gt: whether the annotation is a GT (else a prediction)
 * @index: the annotation index in its set
 * @category: the category index
 * @score: the prediction's score (1 for GT)
 * @iou: as #PrecisOverlayItem.iou
 * @outcome: a #PrecisOverlayOutcome
 * @partner: as #PrecisOverlayItem.partner
 *
 * What lies under a point: see precis_overlay_hit_test().
 */
typedef struct {
  gboolean             is_gt;
  guint32              index;
  guint32              category;
  double               score;
  double               iou;
  PrecisOverlayOutcome outcome;
  guint32              partner;
} PrecisOverlayHit;

/**
 * PrecisOverlay:
 *
 * The GT and the predictions of one model on one image, with one
 * #PrecisOverlayItem each, drawn for one #PrecisIouType: boxes (bbox), polygon
 * rings or RLE masks (segm; a prediction without a mask is drawn as its box),
 * keypoints as dots with the category's skeleton (keypoints), bands of the
 * polyline width around the lines (polyline). Mask surfaces and outlines are
 * built on the first draw and kept. Not thread-safe: one owner at a time.
 */
typedef struct _PrecisOverlay PrecisOverlay;

/* @model: the prediction set; @dataset may have no model (GT only).
 * Every item starts as PRECIS_OVERLAY_GT (GT) / PRECIS_OVERLAY_FP (predictions),
 * crowd GTs as PRECIS_OVERLAY_IGNORED. */
PrecisOverlay     *precis_overlay_new            (PrecisDataset       *dataset,
                                                  guint                model,
                                                  PrecisIouType        type,
                                                  guint32              image);
void               precis_overlay_free           (PrecisOverlay       *self);

PrecisDataset     *precis_overlay_get_dataset    (PrecisOverlay       *self);
guint32            precis_overlay_get_image      (PrecisOverlay       *self);
PrecisIouType      precis_overlay_get_iou_type   (PrecisOverlay       *self);

/* Polyline band width in image pixels; 0 (the default) uses
 * precis_polyline_default_width() of the image. */
void               precis_overlay_set_band_width (PrecisOverlay       *self,
                                                  double               band_width);

/* The image's annotations are @start .. @end (exclusive) of their set; the
 * items array has end − start entries, item k describing annotation start + k. */
PrecisOverlayItem *precis_overlay_get_gt_items   (PrecisOverlay       *self,
                                                  guint32             *start,
                                                  guint32             *end);
PrecisOverlayItem *precis_overlay_get_dt_items   (PrecisOverlay       *self,
                                                  guint32             *start,
                                                  guint32             *end);

/* Sets every item from @active's current evaluation (call precis_active_evaluate()
 * first). @active's matcher must be of this overlay's model and type. When
 * @counts is not NULL it receives the number of items per outcome. Returns
 * whether any item's outcome changed, i.e. whether a redraw is needed. */
gboolean           precis_overlay_update_from_active (PrecisOverlay   *self,
                                                      PrecisActive    *active,
                                                      guint            counts[PRECIS_OVERLAY_N_OUTCOMES]);
/* The same from the protocol's evaluator (active, or coco's own matches). */
gboolean           precis_overlay_update_from_source (PrecisOverlay             *self,
                                                      const PrecisOutcomeSource *source,
                                                      guint                      counts[PRECIS_OVERLAY_N_OUTCOMES]);

/* Number of items per outcome among @layers (hidden items are never counted):
 * exactly what precis_overlay_draw() draws with these layers. */
void               precis_overlay_count          (PrecisOverlay       *self,
                                                  guint                layers,
                                                  guint                counts[PRECIS_OVERLAY_N_OUTCOMES]);

/* Draws the visible items; returns the number drawn and, when @counts is not
 * NULL, fills it per outcome. Leaves the cairo_t's state as it found it. */
guint              precis_overlay_draw           (PrecisOverlay            *self,
                                                  cairo_t                  *cr,
                                                  const PrecisOverlayStyle *style,
                                                  guint                     counts[PRECIS_OVERLAY_N_OUTCOMES]);

/* The visible annotation under image point (@x, @y): the one with the smallest
 * box among those whose shape contains the point (predictions win a near tie).
 * @tolerance (image pixels) widens lines, keypoints and outlines. */
gboolean           precis_overlay_hit_test       (PrecisOverlay       *self,
                                                  double               x,
                                                  double               y,
                                                  guint                layers,
                                                  double               tolerance,
                                                  PrecisOverlayHit    *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisOverlay, precis_overlay_free)

G_END_DECLS

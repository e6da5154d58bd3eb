/* precis-overlay-private.h: internals shared by the precis-overlay*.c files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-overlay.h"
#include "precis-palette.h"

G_BEGIN_DECLS

/* Per annotation, built on first use: an RLE mask as an A8 surface of its
 * pixel box plus its pixel outline. */
typedef struct {
  cairo_surface_t *mask;
  cairo_path_t    *outline;
  int              x0;
  int              y0;
} PrecisOverlayMask;

/* The annotations of the image in one set (GT or one model's predictions). */
typedef struct {
  const PrecisAnnotations *anns;
  guint32                  start;
  guint32                  end;
  PrecisOverlayItem       *items;
  PrecisOverlayMask       *masks;   /* end − start entries, or NULL */
} PrecisOverlaySide;

struct _PrecisOverlay
{
  PrecisDataset     *dataset;
  PrecisIouType      type;
  guint32            image;
  guint32            width;
  guint32            height;
  double             band_width;
  PrecisOverlaySide  gt;
  PrecisOverlaySide  dt;
};

/* What geometry an annotation is drawn with. */
typedef enum {
  PRECIS_OVERLAY_SHAPE_BOX,
  PRECIS_OVERLAY_SHAPE_POLYGON,
  PRECIS_OVERLAY_SHAPE_RLE,
  PRECIS_OVERLAY_SHAPE_POLYLINE,
  PRECIS_OVERLAY_SHAPE_KEYPOINTS,
} PrecisOverlayShape;

/* Which part of an annotation _precis_overlay_append_path() appends. */
typedef enum {
  PRECIS_OVERLAY_PATH_FILL,      /* polygon rings (the only filled path) */
  PRECIS_OVERLAY_PATH_OUTLINE,   /* boxes, polygon rings, mask outlines */
  PRECIS_OVERLAY_PATH_LINES,     /* polylines and skeletons */
  PRECIS_OVERLAY_PATH_DOTS,      /* keypoint dots */
} PrecisOverlayPath;

/* The palette role of each outcome: the same colours as the charts. */
extern const PrecisPaletteRole _precis_overlay_outcome_role[PRECIS_OVERLAY_N_OUTCOMES];

double             _precis_overlay_band_width  (PrecisOverlay           *self);
PrecisOverlayShape _precis_overlay_shape       (PrecisOverlay           *self,
                                                const PrecisAnnotations *anns,
                                                guint32                  i);
/* The keypoints (x, y, v triples) of annotation @i; returns their number. */
guint              _precis_overlay_keypoints   (PrecisOverlay           *self,
                                                const PrecisAnnotations *anns,
                                                guint32                  i,
                                                const PrecisCategory   **cat,
                                                const double           **kp);
PrecisOverlayMask *_precis_overlay_get_mask    (PrecisOverlay           *self,
                                                PrecisOverlaySide       *side,
                                                guint32                  i);
void               _precis_overlay_mask_clear  (PrecisOverlayMask       *mask);

/* Appends part @which of annotation @i (device space) to the current path;
 * @radius is the keypoint dots' radius. */
void               _precis_overlay_append_path (PrecisOverlay            *self,
                                                cairo_t                  *cr,
                                                const PrecisOverlayStyle *style,
                                                PrecisOverlaySide        *side,
                                                guint32                   i,
                                                PrecisOverlayPath         which,
                                                double                    radius);
/* Paints an RLE mask's fill (leaves the current path alone). */
void               _precis_overlay_paint_mask  (cairo_t                  *cr,
                                                const PrecisOverlayStyle *style,
                                                const PrecisOverlayMask  *mask,
                                                PrecisOverlayOutcome      outcome,
                                                double                    alpha);

void               _precis_overlay_set_source  (cairo_t                  *cr,
                                                PrecisOverlayOutcome      outcome,
                                                double                    alpha);
/* Strokes the current path (device space) in the style of @outcome. */
void               _precis_overlay_stroke      (cairo_t                  *cr,
                                                PrecisOverlayOutcome      outcome,
                                                double                    lw);
/* Strokes the current path of polylines and skeletons: round caps and joins,
 * first the band (when @band_alpha > 0), then the line of width @lw. */
void               _precis_overlay_stroke_lines (PrecisOverlay           *self,
                                                 cairo_t                 *cr,
                                                 const PrecisOverlayStyle *style,
                                                 PrecisOverlayOutcome     outcome,
                                                 double                   band_alpha,
                                                 double                   lw);
/* Fills the current path of keypoint dots with a dark rim. */
void               _precis_overlay_fill_dots   (cairo_t                  *cr,
                                                PrecisOverlayOutcome      outcome);

G_END_DECLS

/* precis-image-view-private.h: PrecisImageView internals shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * precis-image-view.c        the object, drawing, the public API
 * precis-image-view-input.c  zoom, pan, hover, clicks and tooltips
 */
#pragma once

#include "precis-image-view.h"

G_BEGIN_DECLS

#define ZOOM_MIN  0.25
#define ZOOM_MAX  64.0
#define ZOOM_STEP 1.25

struct _PrecisImageView
{
  GtkWidget      parent_instance;

  PrecisOverlay *overlay;
  GdkTexture    *texture;
  char          *note;
  guint          layers;
  gboolean       interactive;
  PrecisImageViewDescribeFunc describe;
  gpointer       describe_data;
  guint          n_loading;     /* precis_image_view_load_texture() calls in flight */

  /* Zoom relative to fit; the image point shown at the widget's centre. */
  double         zoom;
  double         center_x;
  double         center_y;
  gboolean       centered;

  /* Pan in progress. */
  double         drag_center_x;
  double         drag_center_y;

  /* Hover / selection highlight. */
  gboolean       highlight_is_gt;
  guint32        highlight;
  gboolean       hover_is_gt;
  guint32        hover;

  gboolean       has_pointer;
  double         pointer_x;
  double         pointer_y;

  guint          drawn[PRECIS_OVERLAY_N_OUTCOMES];
  guint          n_drawn;

  /* The overlay as drawn last, reused while nothing it depends on changes:
   * during a slider drag most thumbnails keep their outcomes. A texture at
   * the scale factor in an interactive view, a cairo node in a thumbnail. */
  GskRenderNode *overlay_node;
  guint          generation;
  const guint8  *emphasis_gt;     /* borrowed, per GT annotation, or NULL */
  const guint8  *emphasis_dt;     /* borrowed, per prediction, or NULL */
  struct {
    PrecisOverlayStyle style;
    int                width;
    int                height;
    int                scale_factor;
    guint              generation;
  } node_key;
};

/* precis-image-view.c */
void     _precis_image_view_image_size     (PrecisImageView  *self,
                                            double           *w,
                                            double           *h);
gboolean _precis_image_view_get_transform  (PrecisImageView  *self,
                                            double           *scale,
                                            double           *offset_x,
                                            double           *offset_y);
void     _precis_image_view_notify_zoom    (PrecisImageView  *self);

/* precis-image-view-input.c */
void     _precis_image_view_class_init_input (GtkWidgetClass *widget_class);
void     _precis_image_view_init_input       (PrecisImageView *self);
void     _precis_image_view_zoom_at          (PrecisImageView *self,
                                              double           factor,
                                              double           wx,
                                              double           wy);

G_END_DECLS

/* precis-image-view.h: one picture with its annotation overlay, zoom and pan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-overlay.h"
#include "precis-thumbnailer.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_IMAGE_VIEW (precis_image_view_get_type ())
G_DECLARE_FINAL_TYPE (PrecisImageView, precis_image_view, PRECIS, IMAGE_VIEW, GtkWidget)

GtkWidget     *precis_image_view_new              (void);

/* Takes ownership of @overlay (may be NULL). The picture's size is the
 * overlay image's GT width × height (the texture is drawn into it). */
void           precis_image_view_set_overlay      (PrecisImageView *self,
                                                   PrecisOverlay   *overlay);
PrecisOverlay *precis_image_view_get_overlay      (PrecisImageView *self);
/* Sets the overlay of @image of @dataset, with the predictions of @matcher's
 * model in its shape kind (no predictions when @matcher is NULL). */
void           precis_image_view_show_annotations (PrecisImageView *self,
                                                   PrecisDataset   *dataset,
                                                   PrecisMatcher   *matcher,
                                                   guint32          image);
/* To be called after the overlay's items changed (a new threshold). */
void           precis_image_view_overlay_changed  (PrecisImageView *self);

void           precis_image_view_set_texture      (PrecisImageView *self,
                                                   GdkTexture      *texture);
GdkTexture    *precis_image_view_get_texture      (PrecisImageView *self);
/* Decodes @path with @thumbnailer and shows it when it arrives. When it cannot
 * be read and the view shows no texture, @failure_note (NULL: the error
 * message) becomes the note. A cancelled load changes nothing. */
void           precis_image_view_load_texture     (PrecisImageView   *self,
                                                   PrecisThumbnailer *thumbnailer,
                                                   const char        *path,
                                                   GCancellable      *cancellable,
                                                   const char        *failure_note);

/* Whether a precis_image_view_load_texture() has not finished yet. */
gboolean       precis_image_view_is_loading       (PrecisImageView *self);

/* A note drawn on the blank canvas when there is no texture ("Image file not
 * found"), or NULL. */
void           precis_image_view_set_note         (PrecisImageView *self,
                                                   const char      *note);

void           precis_image_view_set_layers       (PrecisImageView *self,
                                                   guint            layers);
guint          precis_image_view_get_layers       (PrecisImageView *self);

/* Interactive views zoom (Ctrl+scroll), pan (drag), highlight the annotation
 * under the pointer and show a tooltip. Thumbnails are not interactive. */
void           precis_image_view_set_interactive  (PrecisImageView *self,
                                                   gboolean         interactive);

/* Zoom relative to "fit the widget": 1 = fit. */
void           precis_image_view_set_zoom         (PrecisImageView *self,
                                                   double           zoom);
double         precis_image_view_get_zoom         (PrecisImageView *self);
void           precis_image_view_zoom_in          (PrecisImageView *self);
void           precis_image_view_zoom_out         (PrecisImageView *self);
void           precis_image_view_zoom_fit         (PrecisImageView *self);

/* Emphasises one annotation (e.g. the object list's selection). */
void           precis_image_view_set_highlight    (PrecisImageView *self,
                                                   gboolean         is_gt,
                                                   guint32          index);

/* Draws the annotations whose byte is set emphasised, as the highlight (the
 * objects behind an Errors page bar or cell): @gt per GT annotation index, @dt
 * per prediction, or NULL. Borrowed: the caller keeps them alive and calls
 * this again (with NULL) before freeing them. */
void           precis_image_view_set_emphasis     (PrecisImageView *self,
                                                   const guint8    *gt,
                                                   const guint8    *dt);
void           precis_image_view_get_emphasis     (PrecisImageView  *self,
                                                   const guint8    **gt,
                                                   const guint8    **dt);

/* The number of annotations per outcome in the last frame drawn, for tests.
 * Returns the total. */
guint          precis_image_view_get_drawn_counts (PrecisImageView *self,
                                                   guint            counts[PRECIS_OVERLAY_N_OUTCOMES]);

/* Widget coordinates → image pixel coordinates. */
void           precis_image_view_to_image         (PrecisImageView *self,
                                                   double           wx,
                                                   double           wy,
                                                   double          *ix,
                                                   double          *iy);

/* Returns a line naming an object's error ("Loc · IoU 0.42 with GT #123"), or
 * NULL; @index is a GT or prediction annotation index. */
typedef char *(*PrecisImageViewDescribeFunc) (gboolean  is_gt,
                                              guint32   index,
                                              gpointer  user_data);
/* The tooltip adds what @func says (NULL: nothing); @user_data is not owned. */
void           precis_image_view_set_describe_func (PrecisImageView             *self,
                                                    PrecisImageViewDescribeFunc  func,
                                                    gpointer                     user_data);
/* What the describe func says of GT or prediction @index, or NULL. */
char          *precis_image_view_describe          (PrecisImageView             *self,
                                                    gboolean                     is_gt,
                                                    guint32                      index);

G_END_DECLS

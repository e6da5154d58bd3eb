/* precis-image-view.c: one picture with its annotation overlay, zoom and pan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "precis-image-view-private.h"

G_DEFINE_FINAL_TYPE (PrecisImageView, precis_image_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYERS,
  PROP_ZOOM,
  PROP_INTERACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


void
_precis_image_view_image_size (PrecisImageView *self,
                               double          *w,
                               double          *h)
{
  *w = *h = 0;
  if (self->overlay != NULL)
    {
      PrecisDataset *dataset = precis_overlay_get_dataset (self->overlay);
      const PrecisImage *img = precis_dataset_get_image (dataset, precis_overlay_get_image (self->overlay));

      *w = img->width;
      *h = img->height;
    }
  if ((*w <= 0 || *h <= 0) && self->texture != NULL)
    {
      *w = gdk_texture_get_width (self->texture);
      *h = gdk_texture_get_height (self->texture);
    }
}

/* The transform image → widget: widget = offset + scale × image. */
gboolean
_precis_image_view_get_transform (PrecisImageView *self,
                                  double          *scale,
                                  double          *offset_x,
                                  double          *offset_y)
{
  double iw, ih;
  int ww = gtk_widget_get_width (GTK_WIDGET (self));
  int wh = gtk_widget_get_height (GTK_WIDGET (self));
  double fit;

  _precis_image_view_image_size (self, &iw, &ih);
  if (iw <= 0 || ih <= 0 || ww <= 0 || wh <= 0)
    return FALSE;

  fit = MIN (ww / iw, wh / ih);
  *scale = fit * self->zoom;
  if (!self->centered)
    {
      self->center_x = iw / 2;
      self->center_y = ih / 2;
    }
  *offset_x = ww / 2.0 - self->center_x * *scale;
  *offset_y = wh / 2.0 - self->center_y * *scale;
  if (!self->interactive)
    {
      /* Thumbnails: whole pixels avoid blurry edges. */
      *offset_x = round (*offset_x);
      *offset_y = round (*offset_y);
    }
  return TRUE;
}

void
precis_image_view_to_image (PrecisImageView *self,
                            double           wx,
                            double           wy,
                            double          *ix,
                            double          *iy)
{
  double scale = 1, ox = 0, oy = 0;

  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  _precis_image_view_get_transform (self, &scale, &ox, &oy);
  *ix = (wx - ox) / scale;
  *iy = (wy - oy) / scale;
}

/* The overlay at the widget's scale factor: an image surface with a cairo
 * device scale, so that the core renderer draws (and rasterises masks) at
 * device pixels, and a texture of exactly those pixels. NULL when the surface
 * cannot be made (a huge widget): the caller falls back to a cairo node. */
static GskRenderNode *
overlay_texture_node (PrecisImageView          *self,
                      const PrecisOverlayStyle *style,
                      int                       width,
                      int                       height,
                      int                       scale_factor)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale_factor, height * scale_factor);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  cr = cairo_create (surface);
  precis_overlay_draw (self->overlay, cr, style, self->drawn);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* CAIRO_FORMAT_ARGB32 is GDK_MEMORY_DEFAULT; the texture keeps the surface. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height * scale_factor,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width * scale_factor, height * scale_factor,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  return gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Thumbnails: a cairo node, which the renderer replays at its own scale. */
static GskRenderNode *
overlay_cairo_node (PrecisImageView          *self,
                    const PrecisOverlayStyle *style,
                    int                       width,
                    int                       height)
{
  GskRenderNode *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);

  precis_overlay_draw (self->overlay, cr, style, self->drawn);
  cairo_destroy (cr);
  return node;
}

static void
overlay_style (PrecisImageView    *self,
               PrecisOverlayStyle *style,
               double              scale,
               double              ox,
               double              oy)
{
  gboolean hover = self->hover != PRECIS_NO_INDEX;
  guint32 index = hover ? self->hover : self->highlight;
  gboolean is_gt = hover ? self->hover_is_gt : self->highlight_is_gt;

  memset (style, 0, sizeof *style);   /* compared as bytes */
  precis_overlay_style_init (style);
  style->layers = self->layers;
  style->scale = scale;
  style->offset_x = ox;
  style->offset_y = oy;
  style->line_width = self->interactive ? 2.0 : 1.5;
  style->fill = TRUE;
  /* Thumbnails of boxes: axis-aligned edges need no antialiasing, and
   * they draw several times faster without. */
  if (!self->interactive && precis_overlay_get_iou_type (self->overlay) == PRECIS_IOU_BBOX)
    style->antialias = CAIRO_ANTIALIAS_NONE;
  style->emphasis_gt = self->emphasis_gt;
  style->emphasis_dt = self->emphasis_dt;
  if (index != PRECIS_NO_INDEX && is_gt)
    style->highlight_gt = index;
  else if (index != PRECIS_NO_INDEX)
    style->highlight_dt = index;
}

/* The overlay as drawn last is reused while nothing it depends on changes. */
static void
snapshot_overlay (PrecisImageView *self,
                  GtkSnapshot     *snapshot,
                  int              width,
                  int              height,
                  double           scale,
                  double           ox,
                  double           oy)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  PrecisOverlayStyle style;

  overlay_style (self, &style, scale, ox, oy);
  if (self->overlay_node == NULL ||
      self->node_key.width != width || self->node_key.height != height ||
      self->node_key.scale_factor != scale_factor ||
      self->node_key.generation != self->generation ||
      memcmp (&self->node_key.style, &style, sizeof style) != 0)
    {
      g_clear_pointer (&self->overlay_node, gsk_render_node_unref);
      if (self->interactive)
        self->overlay_node = overlay_texture_node (self, &style, width, height, scale_factor);
      if (self->overlay_node == NULL)
        self->overlay_node = overlay_cairo_node (self, &style, width, height);
      self->node_key.style = style;
      self->node_key.width = width;
      self->node_key.height = height;
      self->node_key.scale_factor = scale_factor;
      self->node_key.generation = self->generation;
    }
  self->n_drawn = 0;
  for (guint o = 0; o < PRECIS_OVERLAY_N_OUTCOMES; o++)
    self->n_drawn += self->drawn[o];
  gtk_snapshot_append_node (snapshot, self->overlay_node);
}

/* The note goes on top of everything, in a pill: at the top of the canvas of
 * the detail view, in the bottom-left corner (one line) of a thumbnail. */
static void
snapshot_note (PrecisImageView       *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *image_rect,
               int                    width,
               int                    height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->note);
  GdkRGBA fg = { 1, 1, 1, 0.92 };
  GdkRGBA pill = { 0, 0, 0, 0.6 };
  double top = MAX (image_rect->origin.y, 0) + 8;
  double max_width = MIN (image_rect->size.width, width) - 24;
  GskRoundedRect rounded;
  PangoRectangle logical;
  int lw, lh;
  double x;

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  if (!self->interactive)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_width (layout, MAX (max_width, 16) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
    }
  pango_layout_get_pixel_size (layout, &lw, &lh);
  if (self->interactive && lw > max_width)
    {
      pango_layout_set_width (layout, MAX (max_width, 16) * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  lw = logical.width;
  lh = logical.height;
  if (self->interactive)
    /* Centre on the visible part of the canvas. */
    x = (MAX (image_rect->origin.x, 0) + MIN (image_rect->origin.x + image_rect->size.width, width)) / 2 - lw / 2.0;
  else
    {
      x = MAX (image_rect->origin.x, 0) + 10;
      top = MIN (image_rect->origin.y + image_rect->size.height, height) - lh - 7;
    }
  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (x - 8, top - 3, lw + 16, lh + 6),
                                   MIN (10, (lh + 6) / 2.0));
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &pill, &rounded.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - logical.x, top - logical.y));
  gtk_snapshot_append_layout (snapshot, layout, &fg);
  gtk_snapshot_restore (snapshot);
}

static void
precis_image_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PrecisImageView *self = PRECIS_IMAGE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scale, ox, oy, iw, ih;
  graphene_rect_t image_rect;

  if (self->overlay == NULL || self->layers == 0)
    {
      self->n_drawn = 0;
      memset (self->drawn, 0, sizeof self->drawn);
    }

  if (!_precis_image_view_get_transform (self, &scale, &ox, &oy))
    return;
  _precis_image_view_image_size (self, &iw, &ih);
  image_rect = GRAPHENE_RECT_INIT (ox, oy, iw * scale, ih * scale);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &image_rect);
  else
    {
      /* A blank canvas of the GT size. */
      GdkRGBA canvas = { 0.33, 0.33, 0.36, 1.0 };

      gtk_snapshot_append_color (snapshot, &canvas, &image_rect);
    }

  if (self->overlay != NULL && self->layers != 0)
    snapshot_overlay (self, snapshot, width, height, scale, ox, oy);
  if (self->texture == NULL && self->note != NULL)
    snapshot_note (self, snapshot, &image_rect, width, height);

  gtk_snapshot_pop (snapshot);
}

static void
precis_image_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  PrecisImageView *self = PRECIS_IMAGE_VIEW (widget);
  double iw, ih;

  _precis_image_view_image_size (self, &iw, &ih);
  *minimum = 16;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = iw > 0 ? (int) MIN (iw, 640) : 16;
  else
    *natural = ih > 0 ? (int) MIN (ih, 480) : 16;
  *natural = MAX (*natural, *minimum);
}

static void
precis_image_view_finalize (GObject *object)
{
  PrecisImageView *self = PRECIS_IMAGE_VIEW (object);

  g_clear_pointer (&self->overlay, precis_overlay_free);
  g_clear_pointer (&self->overlay_node, gsk_render_node_unref);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (precis_image_view_parent_class)->finalize (object);
}

static void
precis_image_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PrecisImageView *self = PRECIS_IMAGE_VIEW (object);

  if (prop_id == PROP_LAYERS)
    g_value_set_uint (value, self->layers);
  else if (prop_id == PROP_ZOOM)
    g_value_set_double (value, self->zoom);
  else if (prop_id == PROP_INTERACTIVE)
    g_value_set_boolean (value, self->interactive);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
precis_image_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PrecisImageView *self = PRECIS_IMAGE_VIEW (object);

  if (prop_id == PROP_LAYERS)
    precis_image_view_set_layers (self, g_value_get_uint (value));
  else if (prop_id == PROP_ZOOM)
    precis_image_view_set_zoom (self, g_value_get_double (value));
  else if (prop_id == PROP_INTERACTIVE)
    precis_image_view_set_interactive (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
precis_image_view_class_init (PrecisImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = precis_image_view_finalize;
  object_class->get_property = precis_image_view_get_property;
  object_class->set_property = precis_image_view_set_property;

  widget_class->snapshot = precis_image_view_snapshot;
  widget_class->measure = precis_image_view_measure;

  properties[PROP_LAYERS] =
    g_param_spec_uint ("layers", NULL, NULL,
                       0, PRECIS_OVERLAY_LAYER_ALL, PRECIS_OVERLAY_LAYER_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERACTIVE] =
    g_param_spec_boolean ("interactive", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _precis_image_view_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "precis-image-view");
}

static void
precis_image_view_init (PrecisImageView *self)
{
  self->layers = PRECIS_OVERLAY_LAYER_ALL;
  self->zoom = 1.0;
  self->highlight = PRECIS_NO_INDEX;
  self->hover = PRECIS_NO_INDEX;

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  _precis_image_view_init_input (self);
  /* A new scale factor means new device pixels for the overlay. */
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (gtk_widget_queue_draw), NULL);
}

GtkWidget *
precis_image_view_new (void)
{
  return g_object_new (PRECIS_TYPE_IMAGE_VIEW, NULL);
}

void
precis_image_view_set_overlay (PrecisImageView *self,
                               PrecisOverlay   *overlay)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  if (self->overlay == overlay)
    return;
  g_clear_pointer (&self->overlay, precis_overlay_free);
  g_clear_pointer (&self->overlay_node, gsk_render_node_unref);
  self->overlay = overlay;
  self->generation++;
  self->hover = PRECIS_NO_INDEX;
  self->highlight = PRECIS_NO_INDEX;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
precis_image_view_overlay_changed (PrecisImageView *self)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
precis_image_view_show_annotations (PrecisImageView *self,
                                    PrecisDataset   *dataset,
                                    PrecisMatcher   *matcher,
                                    guint32          image)
{
  guint model = G_MAXUINT;
  PrecisIouType type = PRECIS_IOU_BBOX;

  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));
  g_return_if_fail (PRECIS_IS_DATASET (dataset));

  if (matcher != NULL)
    {
      model = precis_matcher_get_model (matcher);
      type = precis_matcher_get_iou_type (matcher);
    }
  precis_image_view_set_overlay (self, precis_overlay_new (dataset, model, type, image));
}

PrecisOverlay *
precis_image_view_get_overlay (PrecisImageView *self)
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), NULL);
  return self->overlay;
}

void
precis_image_view_set_texture (PrecisImageView *self,
                               GdkTexture      *texture)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  if (g_set_object (&self->texture, texture))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkTexture *
precis_image_view_get_texture (PrecisImageView *self)
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), NULL);
  return self->texture;
}

gboolean
precis_image_view_is_loading (PrecisImageView *self)
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), FALSE);
  return self->n_loading > 0;
}

typedef struct {
  PrecisImageView *view;
  char            *failure_note;
} TextureLoad;

static void
texture_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TextureLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = precis_thumbnailer_load_finish (PRECIS_THUMBNAILER (source), result, &error);
  if (texture != NULL)
    precis_image_view_set_texture (load->view, texture);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && load->view->texture == NULL)
    precis_image_view_set_note (load->view, load->failure_note != NULL ? load->failure_note : error->message);

  load->view->n_loading--;
  g_object_unref (load->view);
  g_free (load->failure_note);
  g_free (load);
}

void
precis_image_view_load_texture (PrecisImageView   *self,
                                PrecisThumbnailer *thumbnailer,
                                const char        *path,
                                GCancellable      *cancellable,
                                const char        *failure_note)
{
  TextureLoad *load;

  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));
  g_return_if_fail (PRECIS_IS_THUMBNAILER (thumbnailer));
  g_return_if_fail (path != NULL);

  load = g_new0 (TextureLoad, 1);
  load->view = g_object_ref (self);
  self->n_loading++;
  load->failure_note = g_strdup (failure_note);
  precis_thumbnailer_load_async (thumbnailer, path, cancellable, texture_loaded, load);
}

void
precis_image_view_set_note (PrecisImageView *self,
                            const char      *note)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
precis_image_view_set_layers (PrecisImageView *self,
                              guint            layers)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  layers &= PRECIS_OVERLAY_LAYER_ALL;
  if (self->layers == layers)
    return;
  self->layers = layers;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYERS]);
}

guint
precis_image_view_get_layers (PrecisImageView *self)
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), 0);
  return self->layers;
}

void
precis_image_view_set_interactive (PrecisImageView *self,
                                   gboolean         interactive)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  interactive = !!interactive;
  if (self->interactive == interactive)
    return;
  self->interactive = interactive;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), interactive);
  gtk_widget_set_focusable (GTK_WIDGET (self), interactive);
  if (!interactive)
    precis_image_view_zoom_fit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTIVE]);
}

void
_precis_image_view_notify_zoom (PrecisImageView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
precis_image_view_set_zoom (PrecisImageView *self,
                            double           zoom)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  _precis_image_view_zoom_at (self, zoom / self->zoom,
           gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
precis_image_view_get_zoom (PrecisImageView *self)
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), 1.0);
  return self->zoom;
}

void
precis_image_view_zoom_in (PrecisImageView *self)
{
  precis_image_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
precis_image_view_zoom_out (PrecisImageView *self)
{
  precis_image_view_set_zoom (self, self->zoom / ZOOM_STEP);
}

void
precis_image_view_zoom_fit (PrecisImageView *self)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  self->centered = FALSE;
  if (self->zoom != 1.0)
    {
      self->zoom = 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
precis_image_view_set_highlight (PrecisImageView *self,
                                 gboolean         is_gt,
                                 guint32          index)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  self->highlight_is_gt = is_gt;
  self->highlight = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
precis_image_view_set_emphasis (PrecisImageView *self,
                                const guint8    *gt,
                                const guint8    *dt)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  if (self->emphasis_gt == gt && self->emphasis_dt == dt)
    return;
  self->emphasis_gt = gt;
  self->emphasis_dt = dt;
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
precis_image_view_get_emphasis (PrecisImageView  *self,
                                const guint8    **gt,
                                const guint8    **dt)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  *gt = self->emphasis_gt;
  *dt = self->emphasis_dt;
}

guint
precis_image_view_get_drawn_counts (PrecisImageView *self,
                                    guint            counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), 0);

  if (counts != NULL)
    memcpy (counts, self->drawn, sizeof self->drawn);
  return self->n_drawn;
}


/* precis-image-view.c: one picture with its annotation overlay, zoom and pan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "precis-image-view.h"

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
   * during a slider drag most thumbnails keep their outcomes. */
  GskRenderNode *overlay_node;
  guint          generation;
  struct {
    PrecisOverlayStyle style;
    int                width;
    int                height;
    guint              generation;
  } node_key;
};

G_DEFINE_FINAL_TYPE (PrecisImageView, precis_image_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYERS,
  PROP_ZOOM,
  PROP_INTERACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OBJECT_CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
image_size (PrecisImageView *self,
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
static gboolean
get_transform (PrecisImageView *self,
               double          *scale,
               double          *offset_x,
               double          *offset_y)
{
  double iw, ih;
  int ww = gtk_widget_get_width (GTK_WIDGET (self));
  int wh = gtk_widget_get_height (GTK_WIDGET (self));
  double fit;

  image_size (self, &iw, &ih);
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

  get_transform (self, &scale, &ox, &oy);
  *ix = (wx - ox) / scale;
  *iy = (wy - oy) / scale;
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

  if (!get_transform (self, &scale, &ox, &oy))
    return;
  image_size (self, &iw, &ih);
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
    {
      PrecisOverlayStyle style;
      PrecisIouType type = precis_overlay_get_iou_type (self->overlay);

      memset (&style, 0, sizeof style);   /* compared as bytes below */
      precis_overlay_style_init (&style);
      style.layers = self->layers;
      style.scale = scale;
      style.offset_x = ox;
      style.offset_y = oy;
      style.line_width = self->interactive ? 2.0 : 1.5;
      style.fill = TRUE;
      /* Thumbnails of boxes: axis-aligned edges need no antialiasing, and
       * they draw several times faster without. */
      if (!self->interactive && type == PRECIS_IOU_BBOX)
        style.antialias = CAIRO_ANTIALIAS_NONE;
      if (self->hover != PRECIS_NO_INDEX)
        {
          if (self->hover_is_gt)
            style.highlight_gt = self->hover;
          else
            style.highlight_dt = self->hover;
        }
      else if (self->highlight != PRECIS_NO_INDEX)
        {
          if (self->highlight_is_gt)
            style.highlight_gt = self->highlight;
          else
            style.highlight_dt = self->highlight;
        }

      if (self->overlay_node == NULL ||
          self->node_key.width != width || self->node_key.height != height ||
          self->node_key.generation != self->generation ||
          memcmp (&self->node_key.style, &style, sizeof style) != 0)
        {
          cairo_t *cr;

          g_clear_pointer (&self->overlay_node, gsk_render_node_unref);
          self->overlay_node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
          cr = gsk_cairo_node_get_draw_context (self->overlay_node);
          precis_overlay_draw (self->overlay, cr, &style, self->drawn);
          cairo_destroy (cr);
          self->node_key.style = style;
          self->node_key.width = width;
          self->node_key.height = height;
          self->node_key.generation = self->generation;
        }
      self->n_drawn = 0;
      for (guint o = 0; o < PRECIS_OVERLAY_N_OUTCOMES; o++)
        self->n_drawn += self->drawn[o];
      gtk_snapshot_append_node (snapshot, self->overlay_node);
    }

  /* The note goes on top of everything, in a pill at the top of the canvas. */
  if (self->texture == NULL && self->note != NULL)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->note);
      GdkRGBA fg = { 1, 1, 1, 0.92 };
      GdkRGBA pill = { 0, 0, 0, 0.6 };
      double top = MAX (image_rect.origin.y, 0) + 8;
      double max_width = MIN (image_rect.size.width, width) - 24;
      GskRoundedRect rounded;
      PangoRectangle logical;
      int lw, lh;
      double x;

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      if (!self->interactive)
        {
          /* Thumbnails: a small label in the bottom-left corner, on one line. */
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
        x = (MAX (image_rect.origin.x, 0) + MIN (image_rect.origin.x + image_rect.size.width, width)) / 2 - lw / 2.0;
      else
        {
          x = MAX (image_rect.origin.x, 0) + 10;
          top = MIN (image_rect.origin.y + image_rect.size.height, height) - lh - 7;
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

  image_size (self, &iw, &ih);
  *minimum = 16;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = iw > 0 ? (int) MIN (iw, 640) : 16;
  else
    *natural = ih > 0 ? (int) MIN (ih, 480) : 16;
  *natural = MAX (*natural, *minimum);
}

/* Zooms by @factor keeping the image point under widget point (@wx, @wy) fixed. */
static void
zoom_at (PrecisImageView *self,
         double           factor,
         double           wx,
         double           wy)
{
  double scale, ox, oy, ix, iy, zoom, new_scale;

  if (!get_transform (self, &scale, &ox, &oy))
    return;

  zoom = CLAMP (self->zoom * factor, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;

  ix = (wx - ox) / scale;
  iy = (wy - oy) / scale;
  new_scale = scale / self->zoom * zoom;
  /* Keep (ix, iy) at (wx, wy): wx = w/2 − cx·s' + ix·s'. */
  self->center_x = ix - (wx - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / new_scale;
  self->center_y = iy - (wy - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / new_scale;
  /* At fit or below there is nothing to pan: keep the picture centred. */
  self->centered = zoom > 1.0;
  self->zoom = zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PrecisImageView          *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x, y;

  if (!self->interactive || (state & GDK_CONTROL_MASK) == 0)
    return FALSE;

  /* Scroll events carry no position: zoom about the last pointer position. */
  if (self->has_pointer)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }

  zoom_at (self, pow (ZOOM_STEP, -dy), x, y);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               PrecisImageView *self)
{
  double iw, ih;

  if (!self->interactive || self->zoom <= 1.0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (!self->centered)
    {
      image_size (self, &iw, &ih);
      self->center_x = iw / 2;
      self->center_y = ih / 2;
      self->centered = TRUE;
    }
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static gboolean hit_at (PrecisImageView  *self,
                        double            x,
                        double            y,
                        PrecisOverlayHit *hit);

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PrecisImageView *self)
{
  PrecisOverlayHit hit;

  if (!self->interactive)
    return;
  /* The keys of the detail view (Escape, arrows, zoom) act on what was clicked. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (hit_at (self, x, y, &hit))
    g_signal_emit (self, signals[OBJECT_CLICKED], 0, hit.is_gt, hit.index);
  else
    g_signal_emit (self, signals[OBJECT_CLICKED], 0, FALSE, PRECIS_NO_INDEX);
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                PrecisImageView *self)
{
  double scale, ox, oy;

  if (!get_transform (self, &scale, &ox, &oy))
    return;
  self->center_x = self->drag_center_x - dx / scale;
  self->center_y = self->drag_center_y - dy / scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             PrecisImageView *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static gboolean
hit_at (PrecisImageView  *self,
        double            x,
        double            y,
        PrecisOverlayHit *hit)
{
  double scale, ox, oy;

  if (self->overlay == NULL || !get_transform (self, &scale, &ox, &oy))
    return FALSE;
  return precis_overlay_hit_test (self->overlay, (x - ox) / scale, (y - oy) / scale,
                                  self->layers, 4.0 / scale, hit);
}

static void
set_hover (PrecisImageView *self,
           gboolean         is_gt,
           guint32          index)
{
  if (self->hover == index && self->hover_is_gt == is_gt)
    return;
  self->hover = index;
  self->hover_is_gt = is_gt;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PrecisImageView          *self)
{
  PrecisOverlayHit hit;

  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->interactive)
    return;
  if (hit_at (self, x, y, &hit))
    set_hover (self, hit.is_gt, hit.index);
  else
    set_hover (self, FALSE, PRECIS_NO_INDEX);
}

static void
on_leave (GtkEventControllerMotion *controller,
          PrecisImageView          *self)
{
  self->has_pointer = FALSE;
  set_hover (self, FALSE, PRECIS_NO_INDEX);
}

static gboolean
precis_image_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip)
{
  PrecisImageView *self = PRECIS_IMAGE_VIEW (widget);
  PrecisOverlayHit hit;
  const PrecisCategory *cat;
  g_autoptr(GString) text = NULL;
  g_autofree char *name = NULL;

  if (!self->interactive || keyboard || !hit_at (self, x, y, &hit))
    return FALSE;

  cat = precis_dataset_get_category (precis_overlay_get_dataset (self->overlay), hit.category);
  name = g_markup_escape_text (cat->name, -1);
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>  ·  %s\n", name,
                          precis_overlay_outcome_to_string (hit.outcome));
  if (hit.is_gt)
    {
      g_string_append (text, _("Ground truth"));
      if (hit.iou >= 0)
        /* Translators: the best IoU of a prediction on this ground-truth object */
        g_string_append_printf (text, "\n%s %.3f", _("best IoU"), hit.iou);
    }
  else
    {
      g_string_append_printf (text, "%s %.3f", _("score"), hit.score);
      if (hit.partner != PRECIS_NO_INDEX)
        g_string_append_printf (text, "\nIoU %.3f", hit.iou);
      else
        g_string_append_printf (text, "\n%s", _("no overlapping ground truth"));
    }
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
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

  switch (prop_id)
    {
    case PROP_LAYERS:
      g_value_set_uint (value, self->layers);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_INTERACTIVE:
      g_value_set_boolean (value, self->interactive);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
precis_image_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PrecisImageView *self = PRECIS_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LAYERS:
      precis_image_view_set_layers (self, g_value_get_uint (value));
      break;
    case PROP_ZOOM:
      precis_image_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_INTERACTIVE:
      precis_image_view_set_interactive (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  widget_class->query_tooltip = precis_image_view_query_tooltip;

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

  /**
   * PrecisImageView::object-clicked:
   * @self: the view
   * @is_gt: whether the annotation is a GT
   * @index: the annotation index, or %PRECIS_NO_INDEX for a click beside every annotation
   *
   * A click on the picture of an interactive view.
   */
  signals[OBJECT_CLICKED] =
    g_signal_new ("object-clicked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "precis-image-view");
}

static void
precis_image_view_init (PrecisImageView *self)
{
  GtkEventController *controller;
  GtkGesture *click;
  GtkGesture *drag;

  self->layers = PRECIS_OVERLAY_LAYER_ALL;
  self->zoom = 1.0;
  self->highlight = PRECIS_NO_INDEX;
  self->hover = PRECIS_NO_INDEX;

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
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

PrecisOverlay *
precis_image_view_get_overlay (PrecisImageView *self)
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), NULL);
  return self->overlay;
}

void
precis_image_view_overlay_changed (PrecisImageView *self)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
precis_image_view_set_zoom (PrecisImageView *self,
                            double           zoom)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));

  zoom_at (self, zoom / self->zoom,
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

guint
precis_image_view_get_drawn_counts (PrecisImageView *self,
                                    guint            counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), 0);

  if (counts != NULL)
    memcpy (counts, self->drawn, sizeof self->drawn);
  return self->n_drawn;
}

/* precis-image-view-input.c: zoom, pan, hover, clicks and tooltips of an
 * interactive PrecisImageView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "precis-image-view-private.h"

enum {
  OBJECT_CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Zooms by @factor keeping the image point under widget point (@wx, @wy) fixed. */
void
_precis_image_view_zoom_at (PrecisImageView *self,
                            double           factor,
                            double           wx,
                            double           wy)
{
  double scale, ox, oy, ix, iy, zoom, new_scale;

  if (!_precis_image_view_get_transform (self, &scale, &ox, &oy))
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
  _precis_image_view_notify_zoom (self);
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

  _precis_image_view_zoom_at (self, pow (ZOOM_STEP, -dy), x, y);
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
      _precis_image_view_image_size (self, &iw, &ih);
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

  if (!_precis_image_view_get_transform (self, &scale, &ox, &oy))
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

  if (self->overlay == NULL || !_precis_image_view_get_transform (self, &scale, &ox, &oy))
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
query_tooltip (GtkWidget  *widget,
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
  if (self->describe != NULL)
    {
      g_autofree char *line = precis_image_view_describe (self, hit.is_gt, hit.index);
      g_autofree char *escaped = line != NULL ? g_markup_escape_text (line, -1) : NULL;

      if (escaped != NULL)
        g_string_append_printf (text, "\n%s", escaped);
    }
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}


void
precis_image_view_set_describe_func (PrecisImageView             *self,
                                     PrecisImageViewDescribeFunc  func,
                                     gpointer                     user_data)
{
  g_return_if_fail (PRECIS_IS_IMAGE_VIEW (self));
  self->describe = func;
  self->describe_data = user_data;
}

char *
precis_image_view_describe (PrecisImageView *self,
                            gboolean         is_gt,
                            guint32          index)
{
  g_return_val_if_fail (PRECIS_IS_IMAGE_VIEW (self), NULL);
  return self->describe != NULL ? self->describe (is_gt, index, self->describe_data) : NULL;
}

void
_precis_image_view_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = query_tooltip;

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
                  G_TYPE_FROM_CLASS (widget_class),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_UINT);
}

void
_precis_image_view_init_input (PrecisImageView *self)
{
  GtkEventController *controller;
  GtkGesture *click;
  GtkGesture *drag;

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

/* precis-sidebar.c: protocol, shape kind, IoU and confidence sliders, class list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "precis-sidebar-private.h"


G_DEFINE_FINAL_TYPE (PrecisSidebar, precis_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_IOU,
  PROP_CONFIDENCE,
  PROP_PROTOCOL,
  PROP_IOU_TYPE,
  PROP_SIZE,
  N_PROPS
};

enum {
  CLASSES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The shape drop-down's names, by IoU type. */
static const char * const iou_type_labels[PRECIS_N_IOU_TYPES] = {
  [PRECIS_IOU_BBOX] = N_("Bounding box"),
  [PRECIS_IOU_SEGM] = N_("Mask (polygon or RLE)"),
  [PRECIS_IOU_KEYPOINTS] = N_("Keypoints (OKS)"),
  [PRECIS_IOU_POLYLINE] = N_("Polyline band"),
};

/* Controls ------------------------------------------------------------------- */

static void
set_value_label (GtkLabel *label,
                 double    value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%.2f", value);
  gtk_label_set_label (label, buf);
}

/* Protocol coco: the nearest of pycocotools' thresholds .50:.05:.95. */
static double
snap_coco (double iou)
{
  return CLAMP (round (iou * 20.0) / 20.0, 0.5, 0.95);
}

/* Under coco the slider snaps: the value is put back onto a threshold (which
 * comes back here once) before anyone is told. */
static gboolean
snap_slider (PrecisSidebar *self)
{
  double value = gtk_adjustment_get_value (self->iou_adjustment);

  if (precis_sidebar_get_protocol (self) != PRECIS_APP_PROTOCOL_COCO ||
      fabs (value - snap_coco (value)) < 1e-9)
    return FALSE;
  gtk_adjustment_set_value (self->iou_adjustment, snap_coco (value));
  return TRUE;
}

static void
iou_value_changed_cb (PrecisSidebar *self)
{
  if (snap_slider (self))
    return;
  set_value_label (self->iou_value, precis_sidebar_get_iou (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IOU]);
}

static void
confidence_value_changed_cb (PrecisSidebar *self)
{
  set_value_label (self->confidence_value, precis_sidebar_get_confidence (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
}

static void
protocol_toggled_cb (PrecisSidebar *self)
{
  PrecisAppProtocol protocol = precis_sidebar_get_protocol (self);

  /* Both buttons of the group toggle; notify once, with the final state. */
  if (protocol == self->protocol)
    return;
  self->protocol = protocol;
  g_object_freeze_notify (G_OBJECT (self));
  snap_slider (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
shape_selected_cb (PrecisSidebar *self)
{
  if (self->updating_types)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IOU_TYPE]);
}

static void
size_selected_cb (PrecisSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

/* pycocotools' areaRng (SEMANTICS.md §3), as `precis-cli eval --area-range`. */
void
precis_sidebar_get_area_range (PrecisSidebar *self,
                               double        *area_min,
                               double        *area_max)
{
  static const double ranges[4][2] = {
    { 0, INFINITY }, { 0, 32 * 32 }, { 32 * 32, 96 * 96 }, { 96 * 96, 1e5 * 1e5 },
  };
  guint k;

  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  k = gtk_drop_down_get_selected (self->size_dropdown);
  k = k < G_N_ELEMENTS (ranges) ? k : 0;
  *area_min = ranges[k][0];
  *area_max = ranges[k][1];
}

void
precis_sidebar_set_size (PrecisSidebar *self,
                         guint          size)
{
  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  gtk_drop_down_set_selected (self->size_dropdown, MIN (size, 3));
}

/* GObject -------------------------------------------------------------------- */

static void
precis_sidebar_dispose (GObject *object)
{
  PrecisSidebar *self = PRECIS_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PRECIS_TYPE_SIDEBAR);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (precis_sidebar_parent_class)->dispose (object);
}

static void
precis_sidebar_finalize (GObject *object)
{
  PrecisSidebar *self = PRECIS_SIDEBAR (object);

  g_clear_pointer (&self->mask, g_free);

  G_OBJECT_CLASS (precis_sidebar_parent_class)->finalize (object);
}

static void
precis_sidebar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PrecisSidebar *self = PRECIS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_IOU:
      g_value_set_double (value, precis_sidebar_get_iou (self));
      break;
    case PROP_CONFIDENCE:
      g_value_set_double (value, precis_sidebar_get_confidence (self));
      break;
    case PROP_PROTOCOL:
      g_value_set_int (value, precis_sidebar_get_protocol (self));
      break;
    case PROP_IOU_TYPE:
      g_value_set_int (value, precis_sidebar_get_iou_type (self));
      break;
    case PROP_SIZE:
      g_value_set_uint (value, gtk_drop_down_get_selected (self->size_dropdown));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
precis_sidebar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PrecisSidebar *self = PRECIS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_IOU:
      precis_sidebar_set_iou (self, g_value_get_double (value));
      break;
    case PROP_CONFIDENCE:
      precis_sidebar_set_confidence (self, g_value_get_double (value));
      break;
    case PROP_PROTOCOL:
      precis_sidebar_set_protocol (self, g_value_get_int (value));
      break;
    case PROP_IOU_TYPE:
      precis_sidebar_set_iou_type (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define SIDEBAR_WIDTH 300

/* The sidebar asks for a fixed width, so that the content takes
 * every extra pixel whatever its own natural width. */
static void
precis_sidebar_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  PrecisSidebar *self = PRECIS_SIDEBAR (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MAX (*minimum, SIDEBAR_WIDTH);
}

static void
precis_sidebar_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  gtk_widget_allocate (PRECIS_SIDEBAR (widget)->box, width, height, baseline, NULL);
}

static void
precis_sidebar_class_init (PrecisSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_sidebar_dispose;
  object_class->finalize = precis_sidebar_finalize;
  object_class->get_property = precis_sidebar_get_property;
  object_class->set_property = precis_sidebar_set_property;

  properties[PROP_IOU] =
    g_param_spec_double ("iou", NULL, NULL, 0.0, 1.0, 0.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFIDENCE] =
    g_param_spec_double ("confidence", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROTOCOL] =
    g_param_spec_int ("protocol", NULL, NULL,
                      PRECIS_APP_PROTOCOL_ACTIVE, PRECIS_APP_PROTOCOL_COCO, PRECIS_APP_PROTOCOL_ACTIVE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IOU_TYPE] =
    g_param_spec_int ("iou-type", NULL, NULL, 0, PRECIS_N_IOU_TYPES, PRECIS_N_IOU_TYPES,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The object-size range: 0 all, 1 small, 2 medium, 3 large (read-only). */
  properties[PROP_SIZE] =
    g_param_spec_uint ("size", NULL, NULL, 0, 3, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PrecisSidebar::classes-changed:
   *
   * The class selection changed (once per user action, even for All / None).
   */
  signals[CLASSES_CHANGED] =
    g_signal_new ("classes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/precis/Precis/ui/precis-sidebar.ui");
  widget_class->measure = precis_sidebar_measure;
  widget_class->size_allocate = precis_sidebar_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "precis-sidebar");

  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, protocol_active);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, protocol_coco);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, shape_box);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, shape_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, iou_value);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, iou_scale);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, iou_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, confidence_value);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, confidence_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, classes_count);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, class_search);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, class_list);
  gtk_widget_class_bind_template_child (widget_class, PrecisSidebar, class_stack);

  gtk_widget_class_bind_template_callback (widget_class, protocol_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, shape_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, iou_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confidence_value_changed_cb);
  _precis_sidebar_class_init_classes (widget_class);
}

static void
precis_sidebar_init (PrecisSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The template writes the initial values the C way; the labels follow the locale. */
  set_value_label (self->iou_value, precis_sidebar_get_iou (self));
  set_value_label (self->confidence_value, precis_sidebar_get_confidence (self));
  /* The search entry expands; the sidebar itself keeps its width. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), FALSE);

  _precis_sidebar_init_classes (self);
  gtk_widget_set_visible (self->shape_box, FALSE);
}

GtkWidget *
precis_sidebar_new (void)
{
  return g_object_new (PRECIS_TYPE_SIDEBAR, NULL);
}

void
precis_sidebar_set_dataset (PrecisSidebar *self,
                            PrecisDataset *dataset,
                            guint          model)
{
  g_autoptr(GtkStringList) type_names = NULL;
  PrecisIouType previous_type;

  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  g_return_if_fail (dataset == NULL || PRECIS_IS_DATASET (dataset));

  previous_type = precis_sidebar_get_iou_type (self);
  g_set_object (&self->dataset, dataset);
  _precis_sidebar_fill_classes (self, dataset, model);

  /* Shape kinds this model supports, in a fixed order. */
  self->updating_types = TRUE;
  self->n_types = 0;
  type_names = gtk_string_list_new (NULL);
  for (guint t = 0; dataset != NULL && t < PRECIS_N_IOU_TYPES; t++)
    if (model < precis_dataset_get_n_models (dataset) &&
        precis_dataset_supports (dataset, model, t))
      {
        self->types[self->n_types++] = t;
        gtk_string_list_append (type_names, _(iou_type_labels[t]));
      }
  gtk_drop_down_set_model (self->shape_dropdown, G_LIST_MODEL (type_names));
  gtk_widget_set_visible (self->shape_box, self->n_types > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->shape_dropdown), self->n_types > 1);
  gtk_drop_down_set_selected (self->shape_dropdown, 0);
  for (guint i = 0; i < self->n_types; i++)
    if (self->types[i] == previous_type)
      gtk_drop_down_set_selected (self->shape_dropdown, i);
  self->updating_types = FALSE;
}

double
precis_sidebar_get_iou (PrecisSidebar *self)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), 0.5);
  /* Steps of 0.01 exactly: 0.29 must be 0.29, not 0.29000000000000004. */
  if (precis_sidebar_get_protocol (self) == PRECIS_APP_PROTOCOL_COCO)
    return round (snap_coco (gtk_adjustment_get_value (self->iou_adjustment)) * 100.0) / 100.0;
  return round (gtk_adjustment_get_value (self->iou_adjustment) * 100.0) / 100.0;
}

void
precis_sidebar_set_iou (PrecisSidebar *self,
                        double         iou)
{
  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  gtk_adjustment_set_value (self->iou_adjustment, CLAMP (iou, 0.0, 1.0));
}

void
precis_sidebar_nudge_iou (PrecisSidebar *self,
                          double         delta)
{
  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  /* Under coco a step is the next threshold (.05). */
  if (precis_sidebar_get_protocol (self) == PRECIS_APP_PROTOCOL_COCO && delta != 0)
    delta = delta > 0 ? MAX (delta, 0.05) : MIN (delta, -0.05);
  precis_sidebar_set_iou (self, round ((precis_sidebar_get_iou (self) + delta) * 100.0) / 100.0);
}

double
precis_sidebar_get_confidence (PrecisSidebar *self)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), 0.0);
  return round (gtk_adjustment_get_value (self->confidence_adjustment) * 100.0) / 100.0;
}

void
precis_sidebar_set_confidence (PrecisSidebar *self,
                               double         confidence)
{
  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  gtk_adjustment_set_value (self->confidence_adjustment, CLAMP (confidence, 0.0, 1.0));
}

PrecisAppProtocol
precis_sidebar_get_protocol (PrecisSidebar *self)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), PRECIS_APP_PROTOCOL_ACTIVE);
  return gtk_toggle_button_get_active (self->protocol_coco)
         ? PRECIS_APP_PROTOCOL_COCO : PRECIS_APP_PROTOCOL_ACTIVE;
}

void
precis_sidebar_set_protocol (PrecisSidebar     *self,
                             PrecisAppProtocol  protocol)
{
  g_return_if_fail (PRECIS_IS_SIDEBAR (self));

  if (protocol == PRECIS_APP_PROTOCOL_COCO)
    gtk_toggle_button_set_active (self->protocol_coco, TRUE);
  else
    gtk_toggle_button_set_active (self->protocol_active, TRUE);
}

PrecisIouType
precis_sidebar_get_iou_type (PrecisSidebar *self)
{
  guint selected;

  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), PRECIS_N_IOU_TYPES);

  selected = gtk_drop_down_get_selected (self->shape_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->n_types)
    return PRECIS_N_IOU_TYPES;
  return self->types[selected];
}

gboolean
precis_sidebar_set_iou_type (PrecisSidebar *self,
                             PrecisIouType  type)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), FALSE);

  for (guint i = 0; i < self->n_types; i++)
    if (self->types[i] == type)
      {
        gtk_drop_down_set_selected (self->shape_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

GtkRange *
precis_sidebar_get_iou_scale (PrecisSidebar *self)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), NULL);
  return GTK_RANGE (self->iou_scale);
}


/**
 * precis_sidebar_set_classification:
 * @classification: whether the project is a classification project
 *
 * A classification project has no IoU, no protocol and no object size
 * (SEMANTICS.md §11): their controls are hidden; the confidence slider stays.
 */
void
precis_sidebar_set_classification (PrecisSidebar *self,
                                   gboolean       classification)
{
  g_return_if_fail (PRECIS_IS_SIDEBAR (self));

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->iou_scale)), !classification);
  gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (self->protocol_active))),
                          !classification);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->size_dropdown)), !classification);
}

/* precis-sidebar.c: protocol, shape kind, IoU and confidence sliders, class list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "precis-class-item.h"
#include "precis-sidebar.h"

struct _PrecisSidebar
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkToggleButton    *protocol_active;
  GtkToggleButton    *protocol_coco;
  GtkWidget          *shape_box;
  GtkDropDown        *shape_dropdown;
  GtkLabel           *iou_value;
  GtkScale           *iou_scale;
  GtkAdjustment      *iou_adjustment;
  GtkLabel           *confidence_value;
  GtkAdjustment      *confidence_adjustment;
  GtkLabel           *classes_count;
  GtkSearchEntry     *class_search;
  GtkListView        *class_list;
  GtkStack           *class_stack;

  GListStore         *store;
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  PrecisDataset      *dataset;

  guint8             *mask;
  guint               n_categories;
  guint               n_selected;
  /* While > 0, selection changes do not emit ::classes-changed. */
  guint               freeze;
  gboolean            pending_classes_changed;

  PrecisAppProtocol   protocol;
  PrecisIouType       types[PRECIS_N_IOU_TYPES];
  guint               n_types;
  gboolean            updating_types;
};

G_DEFINE_FINAL_TYPE (PrecisSidebar, precis_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_IOU,
  PROP_CONFIDENCE,
  PROP_PROTOCOL,
  PROP_IOU_TYPE,
  N_PROPS
};

enum {
  CLASSES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
iou_type_label (PrecisIouType type)
{
  switch (type)
    {
    case PRECIS_IOU_BBOX:
      return _("Bounding box");
    case PRECIS_IOU_SEGM:
      return _("Mask (polygon or RLE)");
    case PRECIS_IOU_KEYPOINTS:
      return _("Keypoints (OKS)");
    case PRECIS_IOU_POLYLINE:
      return _("Polyline band");
    case PRECIS_N_IOU_TYPES:
    default:
      return "";
    }
}

static void
update_classes_count (PrecisSidebar *self)
{
  g_autofree char *text = NULL;

  /* Translators: the number of selected classes of the project's classes. */
  text = g_strdup_printf (_("%u of %u"), self->n_selected, self->n_categories);
  gtk_label_set_label (self->classes_count, text);
}

static void
emit_classes_changed (PrecisSidebar *self)
{
  update_classes_count (self);

  if (self->freeze > 0)
    {
      self->pending_classes_changed = TRUE;
      return;
    }

  self->pending_classes_changed = FALSE;
  g_signal_emit (self, signals[CLASSES_CHANGED], 0);
}

static void
item_selected_cb (PrecisSidebar   *self,
                  GParamSpec      *pspec,
                  PrecisClassItem *item)
{
  guint category = precis_class_item_get_category (item);
  guint8 selected = precis_class_item_get_selected (item) ? 1 : 0;

  g_assert (category < self->n_categories);

  if (self->mask[category] == selected)
    return;

  self->mask[category] = selected;
  if (selected)
    self->n_selected++;
  else
    self->n_selected--;

  emit_classes_changed (self);
}

/* Class list rows ------------------------------------------------------------ */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *n_gt = gtk_label_new (NULL);
  GtkWidget *n_pred = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_width_chars (GTK_LABEL (n_gt), 5);
  gtk_label_set_xalign (GTK_LABEL (n_gt), 1);
  gtk_label_set_width_chars (GTK_LABEL (n_pred), 5);
  gtk_label_set_xalign (GTK_LABEL (n_pred), 1);
  gtk_widget_add_css_class (n_gt, "numeric");
  gtk_widget_add_css_class (n_gt, "dim-label");
  gtk_widget_add_css_class (n_pred, "numeric");
  gtk_widget_add_css_class (n_pred, "dim-label");

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), n_gt);
  gtk_box_append (GTK_BOX (box), n_pred);
  gtk_widget_add_css_class (box, "precis-class-row");

  gtk_list_item_set_child (list_item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  PrecisClassItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (check);
  GtkWidget *n_gt = gtk_widget_get_next_sibling (name);
  GtkWidget *n_pred = gtk_widget_get_next_sibling (n_gt);
  char buf[32];
  g_autofree char *tooltip = NULL;
  GBinding *binding;

  gtk_label_set_label (GTK_LABEL (name), precis_class_item_get_name (item));
  g_snprintf (buf, sizeof buf, "%u", precis_class_item_get_n_gt (item));
  gtk_label_set_label (GTK_LABEL (n_gt), buf);
  g_snprintf (buf, sizeof buf, "%u", precis_class_item_get_n_predictions (item));
  gtk_label_set_label (GTK_LABEL (n_pred), buf);

  /* Translators: tooltip of a class row: class name, GT count, prediction count. */
  tooltip = g_strdup_printf (_("%s: %u ground-truth objects, %u predictions"),
                             precis_class_item_get_name (item),
                             precis_class_item_get_n_gt (item),
                             precis_class_item_get_n_predictions (item));
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  precis_class_item_get_name (item),
                                  -1);

  binding = g_object_bind_property (item, "selected", check, "active",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (list_item), "precis-binding", binding);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), "precis-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (list_item), "precis-binding", NULL);
}

static void
class_activate_cb (PrecisSidebar *self,
                   guint          position)
{
  g_autoptr(PrecisClassItem) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item != NULL)
    precis_class_item_set_selected (item, !precis_class_item_get_selected (item));
}

static void
update_class_stack (PrecisSidebar *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  gtk_stack_set_visible_child_name (self->class_stack, n > 0 ? "list" : "empty");
}

static void
class_search_changed_cb (PrecisSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->class_search));

  gtk_string_filter_set_search (self->filter, text);
  update_class_stack (self);
}

static void
all_clicked_cb (PrecisSidebar *self)
{
  precis_sidebar_select_all (self, TRUE);
}

static void
none_clicked_cb (PrecisSidebar *self)
{
  precis_sidebar_select_all (self, FALSE);
}

/* Controls ------------------------------------------------------------------- */

static void
set_value_label (GtkLabel *label,
                 double    value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%.2f", value);
  gtk_label_set_label (label, buf);
}

static void
iou_value_changed_cb (PrecisSidebar *self)
{
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
}

static void
shape_selected_cb (PrecisSidebar *self)
{
  if (self->updating_types)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IOU_TYPE]);
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
  gtk_widget_class_bind_template_callback (widget_class, iou_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confidence_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, class_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, none_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, class_activate_cb);
}

static void
precis_sidebar_init (PrecisSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkExpression *expression;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The search entry expands; the sidebar itself keeps its width. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), FALSE);

  self->store = g_list_store_new (PRECIS_TYPE_CLASS_ITEM);
  expression = gtk_property_expression_new (PRECIS_TYPE_CLASS_ITEM, NULL, "name");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              GTK_FILTER (self->filter));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->class_list, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->class_list, factory);
  g_object_unref (selection);

  gtk_search_entry_set_key_capture_widget (self->class_search, NULL);
  update_classes_count (self);
  update_class_stack (self);
  gtk_widget_set_visible (self->shape_box, FALSE);
}

GtkWidget *
precis_sidebar_new (void)
{
  return g_object_new (PRECIS_TYPE_SIDEBAR, NULL);
}

static void
count_categories (const PrecisAnnotations *anns,
                  guint                    n_categories,
                  gboolean                 skip_crowd,
                  guint                   *counts)
{
  if (anns == NULL)
    return;

  for (guint i = 0; i < anns->n; i++)
    {
      guint32 c = anns->category[i];

      if (c >= n_categories)
        continue;
      if (skip_crowd && anns->iscrowd != NULL && anns->iscrowd[i])
        continue;
      counts[c]++;
    }
}

void
precis_sidebar_set_dataset (PrecisSidebar *self,
                            PrecisDataset *dataset,
                            guint          model)
{
  g_autofree guint *n_gt = NULL;
  g_autofree guint *n_pred = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GtkStringList) type_names = NULL;
  PrecisIouType previous_type;
  guint n;

  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  g_return_if_fail (dataset == NULL || PRECIS_IS_DATASET (dataset));

  previous_type = precis_sidebar_get_iou_type (self);
  g_set_object (&self->dataset, dataset);

  n = dataset != NULL ? precis_dataset_get_n_categories (dataset) : 0;
  g_clear_pointer (&self->mask, g_free);
  self->mask = g_malloc (MAX (n, 1));
  memset (self->mask, 1, MAX (n, 1));
  self->n_categories = n;
  self->n_selected = n;

  n_gt = g_new0 (guint, MAX (n, 1));
  n_pred = g_new0 (guint, MAX (n, 1));
  if (dataset != NULL)
    {
      count_categories (precis_dataset_get_ground_truth_annotations (dataset), n, TRUE, n_gt);
      if (model < precis_dataset_get_n_models (dataset))
        count_categories (precis_dataset_get_predictions (dataset, model), n, FALSE, n_pred);
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c < n; c++)
    {
      const PrecisCategory *category = precis_dataset_get_category (dataset, c);
      PrecisClassItem *item = precis_class_item_new (c, category->name, n_gt[c], n_pred[c]);

      g_signal_connect_object (item, "notify::selected", G_CALLBACK (item_selected_cb),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  /* Shape kinds this model supports, in a fixed order. */
  self->updating_types = TRUE;
  self->n_types = 0;
  type_names = gtk_string_list_new (NULL);
  for (guint t = 0; dataset != NULL && t < PRECIS_N_IOU_TYPES; t++)
    if (model < precis_dataset_get_n_models (dataset) &&
        precis_dataset_supports (dataset, model, t))
      {
        self->types[self->n_types++] = t;
        gtk_string_list_append (type_names, iou_type_label (t));
      }
  gtk_drop_down_set_model (self->shape_dropdown, G_LIST_MODEL (type_names));
  gtk_widget_set_visible (self->shape_box, self->n_types > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->shape_dropdown), self->n_types > 1);
  gtk_drop_down_set_selected (self->shape_dropdown, 0);
  for (guint i = 0; i < self->n_types; i++)
    if (self->types[i] == previous_type)
      gtk_drop_down_set_selected (self->shape_dropdown, i);
  self->updating_types = FALSE;

  update_classes_count (self);
  update_class_stack (self);
}

double
precis_sidebar_get_iou (PrecisSidebar *self)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), 0.5);
  /* Steps of 0.01 exactly: 0.29 must be 0.29, not 0.29000000000000004. */
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

const guint8 *
precis_sidebar_get_class_mask (PrecisSidebar *self,
                               guint         *n_categories)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), NULL);

  if (n_categories != NULL)
    *n_categories = self->n_categories;
  return self->mask;
}

static void
thaw (PrecisSidebar *self)
{
  g_assert (self->freeze > 0);
  if (--self->freeze == 0 && self->pending_classes_changed)
    emit_classes_changed (self);
}

gboolean
precis_sidebar_select_classes (PrecisSidebar  *self,
                               const char     *spec,
                               GError        **error)
{
  g_auto(GStrv) names = NULL;
  g_autofree guint8 *wanted = NULL;
  GListModel *model;
  guint n;

  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  model = G_LIST_MODEL (self->store);
  n = g_list_model_get_n_items (model);
  wanted = g_malloc0 (MAX (n, 1));
  names = g_strsplit (spec, ",", -1);

  for (guint k = 0; names[k] != NULL; k++)
    {
      const char *name = g_strstrip (names[k]);
      gboolean found = FALSE;
      char *end = NULL;
      gint64 id;

      if (*name == '\0')
        continue;
      id = g_ascii_strtoll (name, &end, 10);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PrecisClassItem) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (precis_class_item_get_name (item), name) == 0)
            {
              wanted[i] = 1;
              found = TRUE;
            }
        }

      /* Not a name: try it as a category id. */
      if (!found && self->dataset != NULL && end != NULL && *end == '\0' && end != name)
        {
          guint32 index = precis_dataset_find_category (self->dataset, id);

          if (index != PRECIS_NO_INDEX && index < n)
            {
              wanted[index] = 1;
              found = TRUE;
            }
        }

      if (!found)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("Unknown class “%s”"), name);
          return FALSE;
        }
    }

  self->freeze++;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrecisClassItem) item = g_list_model_get_item (model, i);
      precis_class_item_set_selected (item, wanted[i]);
    }
  thaw (self);

  return TRUE;
}

void
precis_sidebar_select_all (PrecisSidebar *self,
                           gboolean       selected)
{
  GListModel *model;
  guint n;

  g_return_if_fail (PRECIS_IS_SIDEBAR (self));

  model = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (model);

  self->freeze++;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrecisClassItem) item = g_list_model_get_item (model, i);
      precis_class_item_set_selected (item, selected);
    }
  thaw (self);
}

void
precis_sidebar_set_class_selected (PrecisSidebar *self,
                                   guint          category,
                                   gboolean       selected)
{
  g_autoptr(PrecisClassItem) item = NULL;

  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  g_return_if_fail (category < self->n_categories);

  item = g_list_model_get_item (G_LIST_MODEL (self->store), category);
  precis_class_item_set_selected (item, selected);
}

void
precis_sidebar_focus_search (PrecisSidebar *self)
{
  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->class_search));
}

GListModel *
precis_sidebar_get_classes (PrecisSidebar *self)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

GtkRange *
precis_sidebar_get_iou_scale (PrecisSidebar *self)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), NULL);
  return GTK_RANGE (self->iou_scale);
}

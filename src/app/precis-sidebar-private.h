/* precis-sidebar-private.h: PrecisSidebar internals shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * precis-sidebar.c          the object, the protocol, shape and threshold controls
 * precis-sidebar-classes.c  the class list: counts, search, selection
 */
#pragma once

#include "precis-sidebar.h"

G_BEGIN_DECLS

struct _PrecisSidebar
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkToggleButton    *protocol_active;
  GtkToggleButton    *protocol_coco;
  GtkWidget          *shape_box;
  GtkDropDown        *shape_dropdown;
  GtkDropDown        *size_dropdown;
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

/* precis-sidebar-classes.c */
void _precis_sidebar_class_init_classes   (GtkWidgetClass *widget_class);
void _precis_sidebar_init_classes         (PrecisSidebar  *self);
void _precis_sidebar_fill_classes         (PrecisSidebar  *self,
                                           PrecisDataset  *dataset,
                                           guint           model);
void _precis_sidebar_update_classes_count (PrecisSidebar  *self);

G_END_DECLS

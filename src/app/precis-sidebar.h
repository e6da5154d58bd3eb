/* precis-sidebar.h: protocol, shape kind, IoU and confidence sliders, class list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-dataset.h"
#include "precis-app-eval.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_SIDEBAR (precis_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (PrecisSidebar, precis_sidebar, PRECIS, SIDEBAR, GtkWidget)

GtkWidget         *precis_sidebar_new              (void);

/* Fills the class list with @dataset's categories and their GT and @model's
 * prediction counts, and the shape drop-down with the IoU types the model
 * supports. Selects every class. @dataset may be NULL. */
void               precis_sidebar_set_dataset      (PrecisSidebar     *self,
                                                    PrecisDataset     *dataset,
                                                    guint              model);

double             precis_sidebar_get_iou          (PrecisSidebar     *self);
void               precis_sidebar_set_iou          (PrecisSidebar     *self,
                                                    double             iou);
/* Moves the IoU threshold by @delta, clamped to [0, 1]. */
void               precis_sidebar_nudge_iou        (PrecisSidebar     *self,
                                                    double             delta);
double             precis_sidebar_get_confidence   (PrecisSidebar     *self);
void               precis_sidebar_set_confidence   (PrecisSidebar     *self,
                                                    double             confidence);
PrecisAppProtocol  precis_sidebar_get_protocol     (PrecisSidebar     *self);
void               precis_sidebar_set_protocol     (PrecisSidebar     *self,
                                                    PrecisAppProtocol  protocol);
/* PRECIS_N_IOU_TYPES when the project supports none. */
PrecisIouType      precis_sidebar_get_iou_type     (PrecisSidebar     *self);
gboolean           precis_sidebar_set_iou_type     (PrecisSidebar     *self,
                                                    PrecisIouType      type);

/* The object-size filter's GT area range, both ends included (all: 0, INFINITY);
 * @size: 0 all, 1 small, 2 medium, 3 large (COCO's ranges). */
void               precis_sidebar_get_area_range   (PrecisSidebar     *self,
                                                    double            *area_min,
                                                    double            *area_max);
void               precis_sidebar_set_size         (PrecisSidebar     *self,
                                                    guint              size);
/* Shows @ignored[c] ignored predictions for class c (@n entries; NULL: none). */
void               precis_sidebar_set_ignored      (PrecisSidebar     *self,
                                                    const guint       *ignored,
                                                    guint              n);

/* One byte per category, non-zero = selected. Owned by the sidebar. */
const guint8      *precis_sidebar_get_class_mask   (PrecisSidebar     *self,
                                                    guint             *n_categories);
/* Selects exactly the classes of @spec: comma-separated names or ids. */
gboolean           precis_sidebar_select_classes   (PrecisSidebar     *self,
                                                    const char        *spec,
                                                    GError           **error);
/* Selects (or deselects) every class that the search lets through. */
void               precis_sidebar_select_all       (PrecisSidebar     *self,
                                                    gboolean           selected);
void               precis_sidebar_set_class_selected (PrecisSidebar   *self,
                                                    guint              category,
                                                    gboolean           selected);
void               precis_sidebar_focus_search     (PrecisSidebar     *self);

/* The list model of PrecisClassItem, filtered by the search. */
GListModel        *precis_sidebar_get_classes      (PrecisSidebar     *self);
/* Hides the IoU, protocol and size controls for a classification project. */
void               precis_sidebar_set_classification (PrecisSidebar *self,
                                                      gboolean       classification);
GtkRange          *precis_sidebar_get_iou_scale    (PrecisSidebar     *self);

G_END_DECLS

/* precis-class-item.h: one row of the class list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PRECIS_TYPE_CLASS_ITEM (precis_class_item_get_type ())
G_DECLARE_FINAL_TYPE (PrecisClassItem, precis_class_item, PRECIS, CLASS_ITEM, GObject)

PrecisClassItem *precis_class_item_new           (guint            category,
                                                  const char      *name,
                                                  guint            n_gt,
                                                  guint            n_predictions);
guint            precis_class_item_get_category  (PrecisClassItem *self);
const char      *precis_class_item_get_name      (PrecisClassItem *self);
guint            precis_class_item_get_n_gt      (PrecisClassItem *self);
guint            precis_class_item_get_n_predictions (PrecisClassItem *self);
gboolean         precis_class_item_get_selected  (PrecisClassItem *self);
/* Ignored predictions of the class at the current evaluation. */
guint            precis_class_item_get_ignored   (PrecisClassItem *self);
void             precis_class_item_set_ignored   (PrecisClassItem *self,
                                                  guint            ignored);
void             precis_class_item_set_selected  (PrecisClassItem *self,
                                                  gboolean         selected);

G_END_DECLS

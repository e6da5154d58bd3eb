/* precis-class-item.c: one row of the class list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "precis-class-item.h"

struct _PrecisClassItem
{
  GObject   parent_instance;

  guint     category;
  char     *name;
  guint     n_gt;
  guint     n_predictions;
  guint     ignored;
  gboolean  selected;
};

G_DEFINE_FINAL_TYPE (PrecisClassItem, precis_class_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATEGORY,
  PROP_NAME,
  PROP_N_GT,
  PROP_N_PREDICTIONS,
  PROP_SELECTED,
  PROP_IGNORED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
precis_class_item_finalize (GObject *object)
{
  PrecisClassItem *self = PRECIS_CLASS_ITEM (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (precis_class_item_parent_class)->finalize (object);
}

static void
precis_class_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PrecisClassItem *self = PRECIS_CLASS_ITEM (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      g_value_set_uint (value, self->category);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_GT:
      g_value_set_uint (value, self->n_gt);
      break;
    case PROP_N_PREDICTIONS:
      g_value_set_uint (value, self->n_predictions);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    case PROP_IGNORED:
      g_value_set_uint (value, self->ignored);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
precis_class_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PrecisClassItem *self = PRECIS_CLASS_ITEM (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      precis_class_item_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
precis_class_item_class_init (PrecisClassItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = precis_class_item_finalize;
  object_class->get_property = precis_class_item_get_property;
  object_class->set_property = precis_class_item_set_property;

  properties[PROP_CATEGORY] =
    g_param_spec_uint ("category", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_GT] =
    g_param_spec_uint ("n-gt", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PREDICTIONS] =
    g_param_spec_uint ("n-predictions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Ignored predictions at the current evaluation (SEMANTICS.md §3). */
  properties[PROP_IGNORED] =
    g_param_spec_uint ("ignored", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
precis_class_item_init (PrecisClassItem *self)
{
  self->selected = TRUE;
}

PrecisClassItem *
precis_class_item_new (guint       category,
                       const char *name,
                       guint       n_gt,
                       guint       n_predictions)
{
  PrecisClassItem *self = g_object_new (PRECIS_TYPE_CLASS_ITEM, NULL);

  self->category = category;
  self->name = g_strdup (name);
  self->n_gt = n_gt;
  self->n_predictions = n_predictions;

  return self;
}

guint
precis_class_item_get_category (PrecisClassItem *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASS_ITEM (self), 0);
  return self->category;
}

const char *
precis_class_item_get_name (PrecisClassItem *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASS_ITEM (self), NULL);
  return self->name;
}

guint
precis_class_item_get_n_gt (PrecisClassItem *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASS_ITEM (self), 0);
  return self->n_gt;
}

guint
precis_class_item_get_n_predictions (PrecisClassItem *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASS_ITEM (self), 0);
  return self->n_predictions;
}

gboolean
precis_class_item_get_selected (PrecisClassItem *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASS_ITEM (self), FALSE);
  return self->selected;
}

void
precis_class_item_set_selected (PrecisClassItem *self,
                                gboolean         selected)
{
  g_return_if_fail (PRECIS_IS_CLASS_ITEM (self));

  selected = !!selected;
  if (self->selected == selected)
    return;

  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

guint
precis_class_item_get_ignored (PrecisClassItem *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASS_ITEM (self), 0);
  return self->ignored;
}

void
precis_class_item_set_ignored (PrecisClassItem *self,
                               guint            ignored)
{
  g_return_if_fail (PRECIS_IS_CLASS_ITEM (self));

  if (self->ignored == ignored)
    return;
  self->ignored = ignored;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IGNORED]);
}

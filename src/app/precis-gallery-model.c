/* precis-gallery-model.c: the gallery's images as a lazy GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-dataset.h"
#include "precis-gallery-model.h"

struct _PrecisGalleryItem
{
  GObject parent_instance;
  guint32 image;
};

G_DEFINE_FINAL_TYPE (PrecisGalleryItem, precis_gallery_item, G_TYPE_OBJECT)

static void
precis_gallery_item_class_init (PrecisGalleryItemClass *klass)
{
}

static void
precis_gallery_item_init (PrecisGalleryItem *self)
{
  self->image = PRECIS_NO_INDEX;
}

guint32
precis_gallery_item_get_image (PrecisGalleryItem *self)
{
  g_return_val_if_fail (PRECIS_IS_GALLERY_ITEM (self), PRECIS_NO_INDEX);
  return self->image;
}

struct _PrecisGalleryModel
{
  GObject             parent_instance;
  guint32            *images;
  guint               n_images;

  /* One item per image index, made on first use and kept, so that a new order
   * hands the list view the same objects and it keeps their widgets. */
  PrecisGalleryItem **items;
  guint               n_items_cached;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PrecisGalleryModel, precis_gallery_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
precis_gallery_model_get_item_type (GListModel *model)
{
  return PRECIS_TYPE_GALLERY_ITEM;
}

static guint
precis_gallery_model_get_n_items (GListModel *model)
{
  return PRECIS_GALLERY_MODEL (model)->n_images;
}

static gpointer
precis_gallery_model_get_item (GListModel *model,
                               guint       position)
{
  PrecisGalleryModel *self = PRECIS_GALLERY_MODEL (model);
  guint32 image;

  if (position >= self->n_images)
    return NULL;
  image = self->images[position];
  if (image >= self->n_items_cached)
    {
      guint n = MAX (image + 1, self->n_items_cached * 2);

      self->items = g_renew (PrecisGalleryItem *, self->items, n);
      memset (self->items + self->n_items_cached, 0, sizeof (PrecisGalleryItem *) * (n - self->n_items_cached));
      self->n_items_cached = n;
    }
  if (self->items[image] == NULL)
    {
      self->items[image] = g_object_new (PRECIS_TYPE_GALLERY_ITEM, NULL);
      self->items[image]->image = image;
    }
  return g_object_ref (self->items[image]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = precis_gallery_model_get_item_type;
  iface->get_n_items = precis_gallery_model_get_n_items;
  iface->get_item = precis_gallery_model_get_item;
}

/**
 * precis_gallery_model_forget_items:
 * @self: a model
 *
 * Drops the cached items: for a new dataset, whose image indices mean other
 * images. Call it after emptying the list.
 */
void
precis_gallery_model_forget_items (PrecisGalleryModel *self)
{
  g_return_if_fail (PRECIS_IS_GALLERY_MODEL (self));

  for (guint i = 0; i < self->n_items_cached; i++)
    g_clear_object (&self->items[i]);
  g_clear_pointer (&self->items, g_free);
  self->n_items_cached = 0;
}

static void
precis_gallery_model_finalize (GObject *object)
{
  PrecisGalleryModel *self = PRECIS_GALLERY_MODEL (object);

  g_clear_pointer (&self->images, g_free);
  precis_gallery_model_forget_items (self);

  G_OBJECT_CLASS (precis_gallery_model_parent_class)->finalize (object);
}

static void
precis_gallery_model_class_init (PrecisGalleryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_gallery_model_finalize;
}

static void
precis_gallery_model_init (PrecisGalleryModel *self)
{
}

PrecisGalleryModel *
precis_gallery_model_new (void)
{
  return g_object_new (PRECIS_TYPE_GALLERY_MODEL, NULL);
}

void
precis_gallery_model_set_images (PrecisGalleryModel *self,
                                 const guint32      *images,
                                 guint               n_images)
{
  guint old_n, prefix = 0, suffix = 0;

  g_return_if_fail (PRECIS_IS_GALLERY_MODEL (self));
  g_return_if_fail (images != NULL || n_images == 0);

  old_n = self->n_images;
  while (prefix < old_n && prefix < n_images && self->images[prefix] == images[prefix])
    prefix++;
  if (prefix == old_n && prefix == n_images)
    return;
  while (suffix < old_n - prefix && suffix < n_images - prefix &&
         self->images[old_n - 1 - suffix] == images[n_images - 1 - suffix])
    suffix++;

  g_free (self->images);
  self->images = n_images > 0 ? g_memdup2 (images, sizeof (guint32) * n_images) : NULL;
  self->n_images = n_images;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_n - prefix - suffix, n_images - prefix - suffix);
}

guint32
precis_gallery_model_get_image (PrecisGalleryModel *self,
                                guint               position)
{
  g_return_val_if_fail (PRECIS_IS_GALLERY_MODEL (self), PRECIS_NO_INDEX);

  if (position >= self->n_images)
    return PRECIS_NO_INDEX;
  return self->images[position];
}

guint
precis_gallery_model_find (PrecisGalleryModel *self,
                           guint32             image)
{
  g_return_val_if_fail (PRECIS_IS_GALLERY_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->n_images; i++)
    if (self->images[i] == image)
      return i;
  return G_MAXUINT;
}

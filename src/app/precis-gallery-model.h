/* precis-gallery-model.h: the gallery's images as a lazy GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PRECIS_TYPE_GALLERY_ITEM (precis_gallery_item_get_type ())
G_DECLARE_FINAL_TYPE (PrecisGalleryItem, precis_gallery_item, PRECIS, GALLERY_ITEM, GObject)

/* The dataset index of the image this item shows. */
guint32             precis_gallery_item_get_image  (PrecisGalleryItem  *self);

#define PRECIS_TYPE_GALLERY_MODEL (precis_gallery_model_get_type ())
G_DECLARE_FINAL_TYPE (PrecisGalleryModel, precis_gallery_model, PRECIS, GALLERY_MODEL, GObject)

/* A GListModel of PrecisGalleryItem over an array of image indices: items are
 * created on demand by g_list_model_get_item(), nothing is kept per image but
 * its index, so that 100k images cost 400 kB. */
PrecisGalleryModel *precis_gallery_model_new       (void);

/* Replaces the list (copied) and emits one items-changed for the range that
 * differs, none when nothing does. */
void                precis_gallery_model_set_images (PrecisGalleryModel *self,
                                                     const guint32      *images,
                                                     guint               n_images);
guint32             precis_gallery_model_get_image  (PrecisGalleryModel *self,
                                                     guint               position);
/* Drops the items kept per image (a new dataset); call with an empty list. */
void                precis_gallery_model_forget_items (PrecisGalleryModel *self);
/* The position of @image, or G_MAXUINT when it is not in the list. */
guint               precis_gallery_model_find       (PrecisGalleryModel *self,
                                                     guint32             image);

G_END_DECLS

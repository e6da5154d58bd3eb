/* precis-gallery-cell.h: one gallery thumbnail with its overlay and badges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-outcome-source.h"
#include "precis-image-view.h"
#include "precis-thumbnailer.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_GALLERY_CELL (precis_gallery_cell_get_type ())
G_DECLARE_FINAL_TYPE (PrecisGalleryCell, precis_gallery_cell, PRECIS, GALLERY_CELL, GtkWidget)

GtkWidget       *precis_gallery_cell_new       (void);

/* Shows image @image of @dataset with the predictions of @matcher's model (no
 * predictions when @matcher is NULL); requests its thumbnail from @thumbnailer. */
void             precis_gallery_cell_bind      (PrecisGalleryCell *self,
                                                PrecisDataset     *dataset,
                                                PrecisMatcher     *matcher,
                                                guint32            image,
                                                PrecisThumbnailer *thumbnailer);
/* Drops the image and cancels its thumbnail request. */
void             precis_gallery_cell_unbind    (PrecisGalleryCell *self);

/* Re-reads the outcomes from @source (may be unset or NULL) and redraws. */
void             precis_gallery_cell_update    (PrecisGalleryCell *self,
                                                const PrecisOutcomeSource *source,
                                                guint              layers);

/* The error badge: @n errors of TIDE type @type ("2 Loc"); 0 hides it. */
void             precis_gallery_cell_set_errors (PrecisGalleryCell *self,
                                                 guint              n,
                                                 const char        *type);
/* The badge's text, or NULL while it is hidden. */
const char      *precis_gallery_cell_get_errors (PrecisGalleryCell *self);

guint32          precis_gallery_cell_get_image (PrecisGalleryCell *self);
PrecisImageView *precis_gallery_cell_get_view  (PrecisGalleryCell *self);

G_END_DECLS

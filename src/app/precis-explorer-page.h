/* precis-explorer-page.h: the image explorer (gallery of thumbnails + detail view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-active.h"
#include "precis-cocoeval.h"
#include "precis-dataset.h"
#include "precis-matcher.h"
#include "precis-tide.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_EXPLORER_PAGE (precis_explorer_page_get_type ())
G_DECLARE_FINAL_TYPE (PrecisExplorerPage, precis_explorer_page, PRECIS, EXPLORER_PAGE, GtkWidget)

GtkWidget *precis_explorer_page_new                (void);

/* Shows @dataset evaluated by @matcher and @active (the window's evaluator).
 * Any of them may be NULL: the page shows its empty state. The page keeps
 * references to the GObjects it is given. */
void       precis_explorer_page_set_evaluation     (PrecisExplorerPage *self,
                                                    PrecisDataset      *dataset,
                                                    PrecisMatcher      *matcher,
                                                    PrecisActive       *active);

/* To be called by the window after every re-evaluation of @active (IoU slider,
 * confidence, class selection). Cheap: redraws the badges and overlays of the
 * visible items only; the filter and the sort order are refreshed lazily. */
void       precis_explorer_page_evaluation_changed (PrecisExplorerPage *self);

/* Opens image @image (dataset index) in the detail view; PRECIS_NO_INDEX
 * returns to the gallery. */
void       precis_explorer_page_show_image         (PrecisExplorerPage *self,
                                                    guint32             image);
/* The image open in the detail view, or PRECIS_NO_INDEX in the gallery. */
guint32    precis_explorer_page_get_image          (PrecisExplorerPage *self);
/* Whether the detail view shows its image in full: open, and its picture
 * decoded (or known to be missing). */
gboolean   precis_explorer_page_is_detail_ready    (PrecisExplorerPage *self);
/* The detail view's picture with its overlays. */
GtkWidget *precis_explorer_page_get_image_view     (PrecisExplorerPage *self);

/* Lists only the images whose byte in @images (n_images bytes) is non-zero, on
 * top of the other filters, and names @label in the count; NULL clears it. */
void       precis_explorer_page_set_image_filter   (PrecisExplorerPage *self,
                                                    const guint8       *images,
                                                    const char         *label);
/* Fills @images (guint32) with the gallery's image indices in order; returns
 * whether an image filter is set. */
gboolean   precis_explorer_page_get_gallery_images (PrecisExplorerPage *self,
                                                    GArray             *images);

/* Fills @per_image (n_images entries) with the number of TIDE errors of type
 * @error (PRECIS_TIDE_N_ERRORS: any) on objects of category @category
 * (PRECIS_NO_INDEX: any) at the current parameters; returns FALSE while they
 * are not known yet. */
typedef gboolean (*PrecisExplorerErrorFunc) (PrecisTideError  error,
                                             guint32          category,
                                             guint32         *per_image,
                                             gpointer         user_data);

/* Where the gallery's error type filter and sort read their counts (the
 * Errors page). Call precis_explorer_page_evaluation_changed() when they change. */
void       precis_explorer_page_set_error_func     (PrecisExplorerPage     *self,
                                                    PrecisExplorerErrorFunc func,
                                                    gpointer                user_data);
/* Selects the error type filter: a #PrecisTideError, PRECIS_TIDE_N_ERRORS for
 * any error, G_MAXUINT for none (as the drop-down does). */
void       precis_explorer_page_set_error_filter   (PrecisExplorerPage *self,
                                                    guint               error);

/* Protocol coco: show @coco's own matches (evaluated with keep_objects) at
 * its threshold index @threshold instead of the active evaluator's; NULL
 * goes back to protocol active. Call precis_explorer_page_evaluation_changed()
 * after it. */
void precis_explorer_page_set_coco (PrecisExplorerPage *self,
                                    PrecisCocoEval     *coco,
                                    guint               threshold);

G_END_DECLS

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
/* Emphasises, in the thumbnails and the detail view, the objects whose byte is
 * set: @gt per GT annotation, @dt per prediction (copied; NULL for none). Set
 * after precis_explorer_page_set_image_filter(), which drops it. */
void       precis_explorer_page_set_emphasis       (PrecisExplorerPage *self,
                                                    const guint8       *gt,
                                                    const guint8       *dt);
void       precis_explorer_page_get_emphasis       (PrecisExplorerPage  *self,
                                                    const guint8       **gt,
                                                    const guint8       **dt);
/* The filter chip's text ("Dupe errors ×"; a click removes the filter), or
 * NULL while it is hidden (no image filter). */
const char *precis_explorer_page_get_filter_chip_label (PrecisExplorerPage *self);

/* Fills @images (guint32) with the gallery's image indices in order; returns
 * whether an image filter is set. */
gboolean   precis_explorer_page_get_gallery_images (PrecisExplorerPage *self,
                                                    GArray             *images);

/* Counts, in a worker, the TIDE errors of type @error (PRECIS_TIDE_N_ERRORS:
 * any) on objects of category @category (PRECIS_NO_INDEX: any) per image at
 * the current parameters; @callback gets the result for #PrecisExplorerErrorFinish. */
typedef void     (*PrecisExplorerErrorFunc)   (PrecisTideError      error,
                                               guint32              category,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             callback_data,
                                               gpointer             user_data);
/* The n_images counts (g_free), or NULL: with @error set when cancelled,
 * without while they are not known yet. */
typedef guint32 *(*PrecisExplorerErrorFinish) (GAsyncResult        *result,
                                               GError             **error,
                                               gpointer             user_data);

/* Where the gallery's error type filter and sort get their counts (the
 * Errors page): asked again, the previous request cancelled, whenever the
 * evaluation or the filter changes; the gallery says it is computing until
 * they arrive. Call precis_explorer_page_evaluation_changed() when they change. */
void       precis_explorer_page_set_error_func     (PrecisExplorerPage       *self,
                                                    PrecisExplorerErrorFunc   func,
                                                    PrecisExplorerErrorFinish finish,
                                                    gpointer                  user_data);
/* Every object's TIDE type, in a worker; the finish returns n_gt bytes then
 * n_predictions bytes (PrecisTideError or PRECIS_TIDE_NONE; g_free), or NULL. */
typedef void     (*PrecisExplorerTypesFunc)   (GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             callback_data,
                                               gpointer             user_data);
typedef guint8  *(*PrecisExplorerTypesFinish) (GAsyncResult        *result,
                                               GError             **error,
                                               gpointer             user_data);
/* Where the detail view's object rows get their error type badge ("Loc"). */
void       precis_explorer_page_set_types_func     (PrecisExplorerPage       *self,
                                                    PrecisExplorerTypesFunc   func,
                                                    PrecisExplorerTypesFinish finish,
                                                    gpointer                  user_data);
/* Whether the detail view's error types are those of the evaluation shown. */
gboolean   precis_explorer_page_types_current      (PrecisExplorerPage *self);

/* Whether the gallery waits for error counts (its count label says so). */
gboolean   precis_explorer_page_is_computing       (PrecisExplorerPage *self);
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

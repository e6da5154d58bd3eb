/* precis-errors-page.h: TIDE error types and the confusion matrix (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-chart.h"
#include "precis-matcher.h"
#include "precis-tide.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_ERRORS_PAGE (precis_errors_page_get_type ())
G_DECLARE_FINAL_TYPE (PrecisErrorsPage, precis_errors_page, PRECIS, ERRORS_PAGE, GtkWidget)

GtkWidget *precis_errors_page_new             (void);

/* Builds the cross-class IoU table of @matcher in a worker (NULL: empty state). */
void       precis_errors_page_set_matcher     (PrecisErrorsPage *self,
                                               PrecisMatcher    *matcher,
                                               const char       *empty_message);
/* Per slider step: counts and matrix, then the dAPs, in workers (restarted, the
 * previous ones cancelled); the main thread only stores the parameters.
 * @mask: n_categories bytes or NULL. */
void       precis_errors_page_set_params      (PrecisErrorsPage *self,
                                               double            threshold,
                                               double            confidence,
                                               const guint8     *mask);
/* TIDE's background threshold t_b (the `error-background` setting). */
void       precis_errors_page_set_background  (PrecisErrorsPage *self,
                                               double            background);

/* Whether the IoU table is built and the counts and matrix shown are current. */
gboolean   precis_errors_page_is_ready        (PrecisErrorsPage *self);
/* Whether the dAPs shown are those of the current parameters. */
gboolean   precis_errors_page_daps_ready      (PrecisErrorsPage *self);
/* The clickable bar of @error, and matrix cell (@row, @col) (category indices,
 * n_categories = background; NULL when the class is not shown). */
GtkWidget *precis_errors_page_get_type_button (PrecisErrorsPage *self,
                                               PrecisTideError   error);
GtkWidget *precis_errors_page_get_cell_button (PrecisErrorsPage *self,
                                               guint             row,
                                               guint             col);

/* The category indices the matrix shows, in its order, background
 * (n_categories) last; @n_shown gets how many. */
const guint *precis_errors_page_get_matrix_classes (PrecisErrorsPage *self,
                                                    guint            *n_shown);

/* A line naming the error of GT or prediction @index at the current parameters
 * ("Loc · IoU 0.42 with GT #123"), or NULL (no error, or not ready). */
char      *precis_errors_page_describe        (PrecisErrorsPage *self,
                                               gboolean          is_gt,
                                               guint32           index);

/* Cell (@row, @col)'s count and its share of the row (its tooltip), or NULL
 * before the first matrix. */
char      *precis_errors_page_describe_cell   (PrecisErrorsPage *self,
                                               guint             row,
                                               guint             col);
/* What error type @error means, at the current t and t_b (its bar's tooltip). */
char      *precis_errors_page_explain         (PrecisErrorsPage *self,
                                               PrecisTideError   error);
/* precis_tide_count_per_image() at the current parameters, in a worker on
 * its own PrecisTide: the main thread only copies the parameters. The
 * finish returns the n_images counts (g_free), or NULL without an error while
 * the IoU table is being built (the page emits ::errors-changed when it is). */
void       precis_errors_page_count_per_image_async  (PrecisErrorsPage    *self,
                                                      PrecisTideError      error,
                                                      guint32              category,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* Every object's TIDE type at the current parameters, in a worker: the finish
 * returns n_gt bytes (PRECIS_TIDE_MISS or NONE) then n_predictions bytes (a
 * #PrecisTideError or NONE), g_free; NULL without an error while the IoU table
 * is being built. */
void       precis_errors_page_object_errors_async    (PrecisErrorsPage    *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
guint8    *precis_errors_page_object_errors_finish   (PrecisErrorsPage    *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
guint32   *precis_errors_page_count_per_image_finish (PrecisErrorsPage    *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The matrix's cell size factor (0.5 to 3; the zoom buttons and ctrl+scroll). */
void         precis_errors_page_set_zoom             (PrecisErrorsPage *self,
                                                      double            zoom);
double       precis_errors_page_get_zoom             (PrecisErrorsPage *self);
/* Whether the cells show their share of the row ("Row-normalised") or counts. */
gboolean     precis_errors_page_get_row_normalised   (PrecisErrorsPage *self);
/* The core's confusion chart of the matrix shown, with the page's options (Top
 * classes, Counts / Row-normalised); NULL before the first matrix. */
PrecisChart *precis_errors_page_dup_confusion_chart  (PrecisErrorsPage *self);
/* Saves that chart as a PNG at its natural size (scale 2), replacing @path. */
gboolean     precis_errors_page_save_confusion_png   (PrecisErrorsPage  *self,
                                                      const char        *path,
                                                      GError           **error);

G_END_DECLS

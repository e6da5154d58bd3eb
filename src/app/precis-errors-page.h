/* precis-errors-page.h: TIDE error types and the confusion matrix (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

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
/* precis_tide_count_per_image() at the current parameters, on the main thread;
 * FALSE while the IoU table is being built. */
gboolean   precis_errors_page_count_per_image (PrecisErrorsPage *self,
                                               PrecisTideError   error,
                                               guint32           category,
                                               guint32          *per_image);

G_END_DECLS

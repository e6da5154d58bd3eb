/* precis-classify-view.h: the Performance page of a classification project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-classify.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_CLASSIFY_VIEW (precis_classify_view_get_type ())
G_DECLARE_FINAL_TYPE (PrecisClassifyView, precis_classify_view, PRECIS, CLASSIFY_VIEW, GtkWidget)

GtkWidget *precis_classify_view_new     (void);

/* Shows @classify's figures (NULL: nothing) at its confidence threshold. */
void       precis_classify_view_set     (PrecisClassifyView *self,
                                         PrecisClassify     *classify);

/* Evaluates again at @confidence and updates the cards and the table. */
void       precis_classify_view_refresh (PrecisClassifyView *self,
                                         double              confidence);

/* The text of a card (0 = accuracy …) or of a table cell (row 0 the header),
 * for tests. */
const char *precis_classify_view_get_card_text (PrecisClassifyView *self,
                                                guint               card);
const char *precis_classify_view_get_cell_text (PrecisClassifyView *self,
                                                guint               row,
                                                guint               column);

/* The drawing area of the reliability diagram. */
GtkWidget  *precis_classify_view_get_reliability (PrecisClassifyView *self);

G_END_DECLS

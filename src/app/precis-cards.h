/* precis-cards.h: the summary cards (mAP, mAR, F1, TP, FP, FN, or COCO's 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-app-eval.h"

G_BEGIN_DECLS

#define PRECIS_TYPE_CARDS (precis_cards_get_type ())
G_DECLARE_FINAL_TYPE (PrecisCards, precis_cards, PRECIS, CARDS, GtkWidget)

GtkWidget  *precis_cards_new             (void);
void        precis_cards_set_summary     (PrecisCards            *self,
                                          const PrecisAppSummary *summary);

/* The text shown on card @key ("map", "mar", "f1", "tp", "fp", "fn", "ignored",
 * "coco0" … "coco11", "coco-tp", "coco-fp", "coco-fn", "coco-ignored"), and its
 * title; for tests. NULL when there is no such card. */
const char *precis_cards_get_value_text  (PrecisCards            *self,
                                          const char             *key);
const char *precis_cards_get_title_text  (PrecisCards            *self,
                                          const char             *key);
GtkWidget  *precis_cards_get_card         (PrecisCards            *self,
                                          const char             *key);
const char *precis_cards_get_tooltip_text (PrecisCards           *self,
                                          const char             *key);

G_END_DECLS

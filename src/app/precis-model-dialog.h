/* precis-model-dialog.h: the dialog that names a model (Import Predictions, Rename Model)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * PrecisModelDialog:
 *
 * A small modal window: the results file (when there is one), a name entry
 * with an inline message under it (a name that is empty or taken), a progress
 * bar with its stage while the owner works, the error of a failed attempt,
 * and Cancel and accept buttons. It decides nothing: it emits ::accept (the
 * accept button, or Enter in the entry) and ::cancel (Cancel, Escape or
 * closing it), and its owner validates, works, and closes it.
 */
#define PRECIS_TYPE_MODEL_DIALOG (precis_model_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PrecisModelDialog, precis_model_dialog, PRECIS, MODEL_DIALOG, GtkWindow)

/* @file: the results file shown, or NULL; @name: the entry's text. */
PrecisModelDialog *precis_model_dialog_new         (GtkWindow         *parent,
                                                    const char        *title,
                                                    const char        *accept_label,
                                                    GFile             *file,
                                                    const char        *name);
GFile             *precis_model_dialog_get_file    (PrecisModelDialog *self);
/* The entry's text, stripped of surrounding white space (owned by the dialog
 * until the next call). */
const char        *precis_model_dialog_get_name    (PrecisModelDialog *self);
void               precis_model_dialog_set_name    (PrecisModelDialog *self,
                                                    const char        *name);
/* The inline message under the name entry; NULL hides it. */
void               precis_model_dialog_set_message (PrecisModelDialog *self,
                                                    const char        *message);
const char        *precis_model_dialog_get_message (PrecisModelDialog *self);
/* The error of the last attempt, title in bold above the message (the
 * loader's `FILE: JSON.PATH: problem`); NULL hides it. */
void               precis_model_dialog_set_error   (PrecisModelDialog *self,
                                                    const char        *title,
                                                    const char        *message);
/* "TITLE\nMESSAGE" as shown, or NULL. */
const char        *precis_model_dialog_get_error   (PrecisModelDialog *self);
/* While busy the entry and the accept button are insensitive and the
 * progress bar shows @stage; Cancel stays active. */
void               precis_model_dialog_set_busy    (PrecisModelDialog *self,
                                                    gboolean           busy,
                                                    const char        *stage);
gboolean           precis_model_dialog_is_busy     (PrecisModelDialog *self);
void               precis_model_dialog_set_progress (PrecisModelDialog *self,
                                                    double             fraction);
/* Clicks the accept or the Cancel button, for tests. */
void               precis_model_dialog_accept      (PrecisModelDialog *self);
void               precis_model_dialog_cancel      (PrecisModelDialog *self);

G_END_DECLS

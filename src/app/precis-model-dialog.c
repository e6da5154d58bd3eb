/* precis-model-dialog.c: the dialog that names a model (Import Predictions, Rename Model)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-model-dialog.h"

struct _PrecisModelDialog
{
  GtkWindow       parent_instance;

  GFile          *file;
  char           *name;        /* the stripped entry text last returned */
  char           *error_text;
  gboolean        busy;

  GtkEntry       *entry;
  GtkLabel       *message;
  GtkWidget      *progress_box;
  GtkProgressBar *progress;
  GtkLabel       *stage;
  GtkWidget      *error_box;
  GtkLabel       *error_title;
  GtkLabel       *error_label;
  GtkWidget      *accept_button;
  GtkWidget      *cancel_button;
};

G_DEFINE_FINAL_TYPE (PrecisModelDialog, precis_model_dialog, GTK_TYPE_WINDOW)

enum {
  ACCEPT,
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
precis_model_dialog_finalize (GObject *object)
{
  PrecisModelDialog *self = PRECIS_MODEL_DIALOG (object);

  g_clear_object (&self->file);
  g_free (self->name);
  g_free (self->error_text);

  G_OBJECT_CLASS (precis_model_dialog_parent_class)->finalize (object);
}

static gboolean
precis_model_dialog_close_request (GtkWindow *window)
{
  /* The owner decides: it cancels its work and destroys the dialog. */
  g_signal_emit (window, signals[CANCEL], 0);
  return TRUE;
}

static void
cancel_binding (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCEL], 0);
}

static void
precis_model_dialog_class_init (PrecisModelDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = precis_model_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = precis_model_dialog_close_request;

  gtk_widget_class_install_action (widget_class, "model-dialog.cancel", NULL, cancel_binding);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "model-dialog.cancel", NULL);

  /**
   * PrecisModelDialog::accept:
   *
   * The accept button was clicked, or Enter pressed in the name entry.
   */
  signals[ACCEPT] = g_signal_new ("accept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PrecisModelDialog::cancel:
   *
   * Cancel was clicked, Escape pressed or the dialog closed.
   */
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
emit_accept (PrecisModelDialog *self)
{
  if (!self->busy)
    g_signal_emit (self, signals[ACCEPT], 0);
}

static void
emit_cancel (PrecisModelDialog *self)
{
  g_signal_emit (self, signals[CANCEL], 0);
}

static GtkLabel *
new_label (const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (label, 60);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  return label;
}

static GtkWidget *
build_error_box (PrecisModelDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (box, "precis-banner");
  gtk_widget_add_css_class (box, "error");
  self->error_title = new_label ("heading");
  self->error_label = new_label (NULL);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_widget_set_visible (box, FALSE);
  return box;
}

static GtkWidget *
build_buttons (PrecisModelDialog *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->cancel_button = cancel;
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (emit_cancel), self);
  g_signal_connect_swapped (self->accept_button, "clicked", G_CALLBACK (emit_accept), self);
  gtk_widget_add_css_class (self->accept_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), self->accept_button);
  return buttons;
}

static void
precis_model_dialog_init (PrecisModelDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *name_label;

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->entry, FALSE);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (emit_accept), self);
  name_label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (name_label), GTK_WIDGET (self->entry));

  self->message = new_label ("error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);

  self->progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->stage = new_label ("dim-label");
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->stage));
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->progress));
  gtk_widget_set_visible (self->progress_box, FALSE);

  self->error_box = build_error_box (self);
  self->accept_button = gtk_button_new ();

  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));
  gtk_box_append (GTK_BOX (box), self->progress_box);
  gtk_box_append (GTK_BOX (box), self->error_box);
  gtk_box_append (GTK_BOX (box), build_buttons (self));

  gtk_window_set_child (GTK_WINDOW (self), box);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
}

/**
 * precis_model_dialog_new:
 * @parent: the window it belongs to
 * @title: the window title ("Import Predictions")
 * @accept_label: the accept button's mnemonic label ("_Import")
 * @file: (nullable): the results file, shown above the name
 * @name: the name to start from
 *
 * Returns: (transfer none): the dialog, not shown yet; destroy it with
 *   gtk_window_destroy()
 */
PrecisModelDialog *
precis_model_dialog_new (GtkWindow  *parent,
                         const char *title,
                         const char *accept_label,
                         GFile      *file,
                         const char *name)
{
  PrecisModelDialog *self = g_object_new (PRECIS_TYPE_MODEL_DIALOG,
                                          "title", title,
                                          "transient-for", parent,
                                          "destroy-with-parent", TRUE,
                                          NULL);

  gtk_button_set_use_underline (GTK_BUTTON (self->accept_button), TRUE);
  gtk_button_set_label (GTK_BUTTON (self->accept_button), accept_label);
  if (file != NULL)
    {
      GtkWidget *box = gtk_widget_get_first_child (GTK_WIDGET (self));
      g_autofree char *display = g_file_get_parse_name (file);
      GtkLabel *label = new_label ("dim-label");

      self->file = g_object_ref (file);
      gtk_label_set_label (label, display);
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_START);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), display);
      gtk_box_prepend (GTK_BOX (box), GTK_WIDGET (label));
    }
  precis_model_dialog_set_name (self, name);
  return self;
}

GFile *
precis_model_dialog_get_file (PrecisModelDialog *self)
{
  g_return_val_if_fail (PRECIS_IS_MODEL_DIALOG (self), NULL);
  return self->file;
}

const char *
precis_model_dialog_get_name (PrecisModelDialog *self)
{
  g_return_val_if_fail (PRECIS_IS_MODEL_DIALOG (self), NULL);

  g_free (self->name);
  self->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  return self->name;
}

void
precis_model_dialog_set_name (PrecisModelDialog *self,
                              const char        *name)
{
  g_return_if_fail (PRECIS_IS_MODEL_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), name != NULL ? name : "");
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
precis_model_dialog_set_message (PrecisModelDialog *self,
                                 const char        *message)
{
  g_return_if_fail (PRECIS_IS_MODEL_DIALOG (self));

  gtk_label_set_label (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

const char *
precis_model_dialog_get_message (PrecisModelDialog *self)
{
  g_return_val_if_fail (PRECIS_IS_MODEL_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_label (self->message) : NULL;
}

void
precis_model_dialog_set_error (PrecisModelDialog *self,
                               const char        *title,
                               const char        *message)
{
  g_return_if_fail (PRECIS_IS_MODEL_DIALOG (self));

  g_clear_pointer (&self->error_text, g_free);
  if (message != NULL)
    self->error_text = g_strdup_printf ("%s\n%s", title, message);
  gtk_label_set_label (self->error_title, title != NULL ? title : "");
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

const char *
precis_model_dialog_get_error (PrecisModelDialog *self)
{
  g_return_val_if_fail (PRECIS_IS_MODEL_DIALOG (self), NULL);
  return self->error_text;
}

void
precis_model_dialog_set_busy (PrecisModelDialog *self,
                              gboolean           busy,
                              const char        *stage)
{
  g_return_if_fail (PRECIS_IS_MODEL_DIALOG (self));

  self->busy = busy;
  /* Cancel is what can be done meanwhile: it takes the focus from the entry. */
  if (busy)
    gtk_widget_grab_focus (self->cancel_button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), !busy);
  gtk_widget_set_sensitive (self->accept_button, !busy);
  gtk_widget_set_visible (self->progress_box, busy);
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_label_set_label (self->stage, stage != NULL ? stage : "");
  if (busy)
    precis_model_dialog_set_error (self, NULL, NULL);
}

gboolean
precis_model_dialog_is_busy (PrecisModelDialog *self)
{
  g_return_val_if_fail (PRECIS_IS_MODEL_DIALOG (self), FALSE);
  return self->busy;
}

void
precis_model_dialog_set_progress (PrecisModelDialog *self,
                                  double             fraction)
{
  g_return_if_fail (PRECIS_IS_MODEL_DIALOG (self));
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0.0, 1.0));
}

void
precis_model_dialog_accept (PrecisModelDialog *self)
{
  g_return_if_fail (PRECIS_IS_MODEL_DIALOG (self));
  if (gtk_widget_is_sensitive (self->accept_button))
    g_signal_emit_by_name (self->accept_button, "clicked");
}

void
precis_model_dialog_cancel (PrecisModelDialog *self)
{
  g_return_if_fail (PRECIS_IS_MODEL_DIALOG (self));
  emit_cancel (self);
}

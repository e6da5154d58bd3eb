/* precis-compare-page-bootstrap.c: the Compare page's Bootstrap section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Bootstrap" runs precis_compare_bootstrap_async() (1000 paired resamples of
 * the images, seed 1: `precis-cli compare --bootstrap 1000`) on its GTask
 * thread with a GCancellable. A parameter or baseline change cancels it and
 * marks the results out of date; once the user has asked for a bootstrap, it
 * runs again when the controls have rested for a moment.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-compare-page-private.h"

/* How long the controls must rest before a bootstrap runs again, ms. */
#define RERUN_DELAY 400

typedef struct {
  PrecisComparePage *self;          /* a reference */
  GCancellable      *cancellable;   /* a reference: the run this call belongs to */
} BootCall;

static void
set_running (PrecisComparePage *self,
             gboolean           running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->boot_button), !running && self->compare != NULL);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
}

void
_precis_compare_page_show_bootstrap (PrecisComparePage *self)
{
  const PrecisBootstrap *boot = self->boot;
  guint baseline;
  g_autofree char *status = NULL;

  set_running (self, self->boot_cancellable != NULL);
  gtk_widget_set_opacity (GTK_WIDGET (self->boot_grid), boot != NULL && !self->boot_current ? 0.5 : 1.0);
  if (self->compare == NULL)
    return;

  baseline = boot != NULL ? boot->baseline : precis_compare_get_baseline (self->compare);
  for (guint row = 0; row < self->n_models; row++)
    {
      GtkLabel *verdict = self->cells[row * PRECIS_COMPARE_N_COLUMNS + PRECIS_COMPARE_COLUMN_VERDICT];
      GtkWidget *dmap = GTK_WIDGET (self->cells[row * PRECIS_COMPARE_N_COLUMNS + PRECIS_COMPARE_COLUMN_DMAP]);
      guint k = row * PRECIS_COMPARE_N_STATS + PRECIS_COMPARE_MAP;
      gboolean significant = FALSE;
      char text[96];

      gtk_widget_remove_css_class (dmap, "success");
      gtk_widget_remove_css_class (dmap, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (verdict), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (verdict), "error");
      if (row == baseline)
        {
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_CI, NULL);
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_P_BETTER, NULL);
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_VERDICT, _("baseline"));
          continue;
        }
      if (boot == NULL)
        {
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_CI, NULL);
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_P_BETTER, NULL);
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_VERDICT, NULL);
          continue;
        }
      g_snprintf (text, sizeof text, "[%+.4f, %+.4f]", boot->ci_low[k], boot->ci_high[k]);
      _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_CI, text);
      g_snprintf (text, sizeof text, "%.3f", boot->p_better[k]);
      _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_P_BETTER, text);
      /* Significant at 95 %: the interval excludes 0. */
      significant = boot->ci_low[k] > 0 || boot->ci_high[k] < 0;
      _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_VERDICT,
                                     !significant ? _("not significant: the interval holds 0")
                                     : boot->ci_low[k] > 0 ? _("significantly better")
                                     : _("significantly worse"));
      /* Coloured only when the difference is real, and only while current. */
      if (significant && self->boot_current)
        {
          const char *css = boot->ci_low[k] > 0 ? "success" : "error";

          gtk_widget_add_css_class (dmap, css);
          gtk_widget_add_css_class (GTK_WIDGET (verdict), css);
        }
    }

  if (self->boot_cancellable != NULL)
    /* Translators: %u is the number of resamples */
    status = g_strdup_printf (_("Resampling the images %u times…"), PRECIS_COMPARE_PAGE_RESAMPLES);
  else if (boot != NULL && !self->boot_current)
    status = g_strdup (_("Out of date: the parameters or the baseline changed."));
  else if (boot != NULL)
    /* Translators: the bootstrap's parameters */
    status = g_strdup_printf (_("Paired bootstrap: %u resamples of %u images, seed %" G_GUINT64_FORMAT
                                ". Significant: the 95 %% interval of ΔmAP excludes 0."),
                              boot->n_resamples, boot->n_images, boot->seed);
  else
    status = g_strdup_printf (_("Is a difference more than noise? The paired bootstrap resamples the images "
                                "%u times and gives the 95 %% interval of ΔmAP."), PRECIS_COMPARE_PAGE_RESAMPLES);
  gtk_label_set_text (self->boot_status, status);
}

static void
boot_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  BootCall *call = user_data;
  PrecisComparePage *self = call->self;
  PrecisBootstrap *boot = precis_compare_bootstrap_finish (PRECIS_COMPARE (source), result, NULL);

  if (call->cancellable == self->boot_cancellable && boot != NULL)
    {
      g_clear_pointer (&self->boot, precis_bootstrap_free);
      self->boot = g_steal_pointer (&boot);
      self->boot_current = TRUE;
      g_clear_object (&self->boot_cancellable);
      _precis_compare_page_show_bootstrap (self);
    }
  g_clear_pointer (&boot, precis_bootstrap_free);
  g_object_unref (call->cancellable);
  g_object_unref (call->self);
  g_free (call);
}

static void
cancel_run (PrecisComparePage *self)
{
  g_cancellable_cancel (self->boot_cancellable);
  g_clear_object (&self->boot_cancellable);
  g_clear_handle_id (&self->boot_timeout, g_source_remove);
}

static void
start_bootstrap (PrecisComparePage *self)
{
  BootCall *call;

  cancel_run (self);
  if (self->compare == NULL)
    return;
  /* The resamples read the evaluators at the parameters shown. */
  if (self->stale)
    return;
  self->boot_cancellable = g_cancellable_new ();
  call = g_new0 (BootCall, 1);
  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->boot_cancellable);
  precis_compare_bootstrap_async (self->compare, PRECIS_COMPARE_PAGE_RESAMPLES, PRECIS_COMPARE_PAGE_SEED,
                                  self->boot_cancellable, boot_done_cb, call);
  _precis_compare_page_show_bootstrap (self);
}

static gboolean
rerun_cb (gpointer data)
{
  PrecisComparePage *self = data;

  self->boot_timeout = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_bootstrap (self);
  return G_SOURCE_REMOVE;
}

void
_precis_compare_page_bootstrap_stale (PrecisComparePage *self)
{
  gboolean was_running = self->boot_cancellable != NULL;

  cancel_run (self);
  self->boot_current = FALSE;
  if (self->boot_wanted && (was_running || self->boot != NULL))
    self->boot_timeout = g_timeout_add (RERUN_DELAY, rerun_cb, self);
  _precis_compare_page_show_bootstrap (self);
}

void
_precis_compare_page_bootstrap_resume (PrecisComparePage *self)
{
  if (self->boot_wanted && !self->boot_current && precis_compare_page_bootstrap_idle (self))
    start_bootstrap (self);
}

void
_precis_compare_page_bootstrap_clear (PrecisComparePage *self)
{
  cancel_run (self);
  g_clear_pointer (&self->boot, precis_bootstrap_free);
  self->boot_current = FALSE;
  self->boot_wanted = FALSE;
  set_running (self, FALSE);
}

static void
boot_clicked_cb (PrecisComparePage *self)
{
  self->boot_wanted = TRUE;
  start_bootstrap (self);
}

static void
cancel_clicked_cb (PrecisComparePage *self)
{
  cancel_run (self);
  self->boot_wanted = FALSE;
  _precis_compare_page_show_bootstrap (self);
  if (self->boot == NULL)
    gtk_label_set_text (self->boot_status, _("Cancelled."));
}

GtkWidget *
_precis_compare_page_build_bootstrap (PrecisComparePage *self)
{
  GtkWidget *card = _precis_compare_page_card (_("Is the Difference Real?"));
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->boot_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Bootstrap")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->boot_button),
                               _("Paired bootstrap over the images (1000 resamples, seed 1), as precis-cli compare "
                                 "--bootstrap 1000"));
  g_signal_connect_swapped (self->boot_button, "clicked", G_CALLBACK (boot_clicked_cb), self);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  self->boot_status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->boot_status, 0);
  gtk_label_set_wrap (self->boot_status, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->boot_status), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->boot_status), "dim-label");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->boot_button));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->cancel_button));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->boot_status));
  gtk_box_append (GTK_BOX (card), row);
  set_running (self, FALSE);
  return card;
}

gboolean
precis_compare_page_bootstrap_idle (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), FALSE);
  return self->boot_cancellable == NULL && self->boot_timeout == 0;
}

gboolean
precis_compare_page_bootstrap_current (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), FALSE);
  return self->boot != NULL && self->boot_current;
}

GtkButton *
precis_compare_page_get_bootstrap_button (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), NULL);
  return self->boot_button;
}

GtkButton *
precis_compare_page_get_cancel_button (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), NULL);
  return self->cancel_button;
}

GtkLabel *
precis_compare_page_get_bootstrap_status (PrecisComparePage *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE_PAGE (self), NULL);
  return self->boot_status;
}

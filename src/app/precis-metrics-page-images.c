/* precis-metrics-page-images.c: the Metrics page's image metrics, decoded in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Brightness, contrast and sharpness need every image decoded once. The page
 * starts that when it is first shown for a project: a GTask runs the core's
 * precis_image_metrics_compute() (one decoding thread per core, through the
 * user's cache), a bar shows the progress (polled from the main thread, the
 * workers only count), Cancel stops it and Compute starts it again. When the
 * values arrive the page hands them to its next evaluation job.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-metrics-page-private.h"

/* One run: the task's data, which outlives the page when the page goes first. */
typedef struct {
  PrecisMetricsImages *owner;      /* NULL once the page no longer waits for it */
  PrecisDataset       *dataset;
  /* Written by the decoding threads, read by the poll. */
  int                  done;
  int                  total;
} Run;

struct _PrecisMetricsImages {
  GtkWidget          *box;
  GtkProgressBar     *bar;
  GtkLabel           *label;
  GtkButton          *button;       /* Cancel while running, Compute after a cancel */
  PrecisDataset      *dataset;      /* the project the values are for */
  PrecisImageMetrics *metrics;
  GCancellable       *cancellable;  /* of the running run */
  Run                *run;
  guint               poll_source;
  gboolean            cancelled;
  PrecisMetricsImagesReady ready;
  gpointer            ready_data;
};

static void
run_free (gpointer data)
{
  Run *run = data;

  g_object_unref (run->dataset);
  g_free (run);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Run *run = user_data;

  g_atomic_int_set (&run->total, (int) total);
  g_atomic_int_set (&run->done, (int) done);
}

static gboolean
poll_cb (gpointer user_data)
{
  PrecisMetricsImages *images = user_data;
  guint done = (guint) g_atomic_int_get (&images->run->done);
  guint total = (guint) g_atomic_int_get (&images->run->total);
  g_autofree char *text = NULL;

  /* Translators: the Metrics page's progress bar. */
  text = g_strdup_printf (_("Decoding the images for brightness, contrast and sharpness: %u of %u"), done, total);
  gtk_progress_bar_set_text (images->bar, text);
  gtk_progress_bar_set_fraction (images->bar, total > 0 ? (double) done / total : 0.0);
  return G_SOURCE_CONTINUE;
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Run *run = task_data;
  g_autofree char *cache = precis_image_metrics_default_cache_file ();
  GError *error = NULL;
  PrecisImageMetrics *metrics;

  metrics = precis_image_metrics_compute (run->dataset, cache, 0, cancellable, progress_cb, run, &error);
  if (metrics == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, metrics, (GDestroyNotify) precis_image_metrics_unref);
}

static void
show_state (PrecisMetricsImages *images,
            gboolean             running)
{
  gtk_widget_set_visible (images->box, running || images->cancelled);
  gtk_widget_set_visible (GTK_WIDGET (images->bar), running);
  gtk_widget_set_visible (GTK_WIDGET (images->label), !running);
  gtk_button_set_label (images->button, running ? _("Cancel") : _("Compute"));
  if (!running)
    gtk_label_set_label (images->label, _("Brightness, contrast and sharpness are not computed."));
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = g_task_get_task_data (G_TASK (result));
  PrecisMetricsImages *images = run->owner;
  g_autoptr(GError) error = NULL;
  PrecisImageMetrics *metrics = g_task_propagate_pointer (G_TASK (result), &error);

  /* A run the page gave up (another project, or the page went away). */
  if (images == NULL)
    {
      g_clear_pointer (&metrics, precis_image_metrics_unref);
      return;
    }
  images->run = NULL;
  g_clear_handle_id (&images->poll_source, g_source_remove);
  g_clear_object (&images->cancellable);
  if (metrics == NULL)
    {
      images->cancelled = TRUE;
      show_state (images, FALSE);
      return;
    }
  images->metrics = metrics;
  show_state (images, FALSE);
  if (images->ready != NULL)
    images->ready (images->metrics, images->ready_data);
}

static void
start (PrecisMetricsImages *images)
{
  g_autoptr(GTask) task = NULL;

  if (images->dataset == NULL || images->metrics != NULL || images->cancellable != NULL)
    return;
  images->cancelled = FALSE;
  images->cancellable = g_cancellable_new ();
  images->run = g_new0 (Run, 1);
  images->run->owner = images;
  images->run->dataset = g_object_ref (images->dataset);
  show_state (images, TRUE);
  poll_cb (images);
  images->poll_source = g_timeout_add (100, poll_cb, images);
  task = g_task_new (NULL, images->cancellable, compute_done_cb, NULL);
  g_task_set_task_data (task, images->run, run_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
button_clicked_cb (GtkButton           *button,
                   PrecisMetricsImages *images)
{
  if (images->cancellable != NULL)
    g_cancellable_cancel (images->cancellable);
  else
    start (images);
}

PrecisMetricsImages *
_precis_metrics_images_new (PrecisMetricsImagesReady ready,
                            gpointer                 ready_data)
{
  PrecisMetricsImages *images = g_new0 (PrecisMetricsImages, 1);

  images->ready = ready;
  images->ready_data = ready_data;
  images->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (images->box, 12);
  gtk_widget_set_margin_end (images->box, 12);
  images->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (images->bar, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (images->bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (images->bar), GTK_ALIGN_CENTER);
  images->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (images->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (images->label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (images->label), "dim-label");
  images->button = GTK_BUTTON (gtk_button_new_with_label (_("Cancel")));
  g_signal_connect (images->button, "clicked", G_CALLBACK (button_clicked_cb), images);
  gtk_box_append (GTK_BOX (images->box), GTK_WIDGET (images->bar));
  gtk_box_append (GTK_BOX (images->box), GTK_WIDGET (images->label));
  gtk_box_append (GTK_BOX (images->box), GTK_WIDGET (images->button));
  gtk_widget_set_visible (images->box, FALSE);
  return images;
}

GtkWidget *
_precis_metrics_images_get_widget (PrecisMetricsImages *images)
{
  return images->box;
}

/* Stops any run and forgets the values: for @dataset (nullable) now. */
void
_precis_metrics_images_set_dataset (PrecisMetricsImages *images,
                                    PrecisDataset       *dataset)
{
  if (dataset == images->dataset)
    return;
  if (images->run != NULL)
    {
      /* Detach the run: its result is dropped when it returns. */
      images->run->owner = NULL;
      images->run = NULL;
      g_cancellable_cancel (images->cancellable);
      g_clear_object (&images->cancellable);
    }
  g_clear_handle_id (&images->poll_source, g_source_remove);
  g_clear_pointer (&images->metrics, precis_image_metrics_unref);
  g_set_object (&images->dataset, dataset);
  images->cancelled = FALSE;
  gtk_widget_set_visible (images->box, FALSE);
}

/* The page is shown: decode, unless done, running or cancelled by the user. */
void
_precis_metrics_images_shown (PrecisMetricsImages *images)
{
  if (!images->cancelled)
    start (images);
}

PrecisImageMetrics *
_precis_metrics_images_get (PrecisMetricsImages *images)
{
  return images->metrics;
}

gboolean
_precis_metrics_images_is_running (PrecisMetricsImages *images)
{
  return images->cancellable != NULL;
}

GtkButton *
_precis_metrics_images_get_button (PrecisMetricsImages *images)
{
  return images->button;
}

void
_precis_metrics_images_free (PrecisMetricsImages *images)
{
  _precis_metrics_images_set_dataset (images, NULL);
  g_free (images);
}

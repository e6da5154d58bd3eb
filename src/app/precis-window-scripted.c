/* precis-window-scripted.c: the scripted runs --screenshot and --bench-ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "precis-explorer-page.h"
#include "precis-png.h"
#include "precis-window-private.h"

/* @texture as a PNG file, written atomically by the core. */
static gboolean
save_texture (GdkTexture  *texture,
              const char  *path,
              gboolean     overwrite,
              GError     **error)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gboolean ok;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Could not write “%s”: no memory for %d × %d pixels"), path, width, height);
      return FALSE;
    }
  /* GDK_MEMORY_DEFAULT is CAIRO_FORMAT_ARGB32. */
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  ok = precis_png_save (surface, path, NULL, 0,
                        overwrite ? PRECIS_PNG_SAVE_OVERWRITE : PRECIS_PNG_SAVE_NONE, error);
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
precis_window_save_widget_screenshot (PrecisWindow  *self,
                                      GtkWidget     *widget,
                                      GFile         *file,
                                      gboolean       overwrite,
                                      GError       **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height, scale;

  g_return_val_if_fail (PRECIS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  scale = gtk_widget_get_scale_factor (widget);
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  path = g_file_get_path (file);

  if (width <= 0 || height <= 0 || renderer == NULL || path == NULL ||
      !gtk_widget_get_mapped (widget))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The window is not shown, so there is nothing to render"));
      return FALSE;
    }

  /* As the screen shows it: device pixels. */
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The window drew nothing"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width * scale, height * scale));
  return save_texture (texture, path, overwrite, error);
}

gboolean
precis_window_save_screenshot (PrecisWindow  *self,
                               GFile         *file,
                               gboolean       overwrite,
                               GError       **error)
{
  return precis_window_save_widget_screenshot (self, GTK_WIDGET (self), file, overwrite, error);
}

/* Scripted runs: --screenshot ---------------------------------------------------------- */

/* With --image (found), the explorer's detail view of it; else the window. */
static GtkWidget *
screenshot_widget (PrecisWindow *self)
{
  PrecisExplorerPage *page = PRECIS_EXPLORER_PAGE (self->explorer_page);

  if (self->startup_has_image && precis_explorer_page_get_image (page) != PRECIS_NO_INDEX)
    return self->explorer_page;
  return GTK_WIDGET (self);
}

static gboolean
screenshot_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  PrecisWindow *self = PRECIS_WINDOW (widget);
  GtkWidget *target = screenshot_widget (self);
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "precis-frames"));
  gboolean waiting;
  g_autoptr(GError) error = NULL;

  /* A few frames: layout settles, the charts and thumbnails draw; then as
   * long as (up to 10 s at 60 Hz) the coco evaluation or the Errors page's
   * dAPs (threads) have not landed or the detail view's picture is still being decoded. */
  frames++;
  g_object_set_data (G_OBJECT (self), "precis-frames", GUINT_TO_POINTER (frames));
  waiting = self->coco_running ||
            (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "errors") == 0 &&
             self->matcher != NULL && !(precis_errors_page_is_ready (self->errors_page) &&
                                        precis_errors_page_daps_ready (self->errors_page))) ||
            (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "metrics") == 0 &&
             !precis_metrics_page_is_ready (self->metrics_page)) ||
            (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "compare") == 0 &&
             !precis_compare_page_is_ready (self->compare_page)) ||
            (target == self->explorer_page &&
             !precis_explorer_page_is_detail_ready (PRECIS_EXPLORER_PAGE (self->explorer_page)));
  if (frames < 20 || (waiting && frames < 600))
    return G_SOURCE_CONTINUE;

  if (!precis_window_save_widget_screenshot (self, target, self->startup_screenshot,
                                             self->startup_force, &error))
    {
      /* Not drawn yet (a page just mapped draws in a later frame; seen on a
       * loaded machine): try again on the next frames, up to the same 10 s. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED) && frames < 600)
        return G_SOURCE_CONTINUE;
      g_printerr ("precis: %s\n", error->message);
      _precis_window_finish_scripted (self, 1);
    }
  else
    _precis_window_finish_scripted (self, self->startup_failed ? 1 : 0);

  return G_SOURCE_REMOVE;
}

void
_precis_window_start_screenshot (PrecisWindow *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), screenshot_tick_cb, NULL, NULL);
}

/* Scripted runs: --bench-ui ------------------------------------------------------------ */

typedef struct {
  PrecisWindow *window;
  GtkAdjustment *adjustment;
  guint          step;        /* 0 … 200: 0.00 → 1.00 → 0.00 */
  gint64         last_frame;  /* frame clock time of the previous tick, µs */
  gint64         changed_at;  /* monotonic time of the last value change, µs */
  gint64         changed_cpu; /* main-thread CPU time then, µs */
  GArray        *frame_ms;    /* frame intervals */
  GArray        *latency_ms;  /* value change → after-paint */
  GArray        *latency_cpu_ms; /* the same in main-thread CPU time */
  GArray        *model_ms;    /* chart model build (in the frame's snapshot) */
  GArray        *eval_ms;     /* evaluation + card/chart invalidation */
  GArray        *core_ms;     /* the core evaluator alone */
  GArray        *explorer_ms; /* the explorer page's update alone */
  GArray        *compare_ms;  /* the Compare page's evaluation of every model alone */
  gulong         after_paint_id;
  GdkFrameClock *clock;
} Bench;

/* Main-thread CPU time: on a loaded machine (other builds, Xvfb) wall-clock
 * frame times mostly measure the wait for a core; this is the work itself. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *name,
             GArray     *values)
{
  double p50, p95, max;

  if (values->len == 0)
    {
      g_print ("%-28s no samples\n", name);
      return;
    }

  g_array_sort (values, compare_double);
  p50 = g_array_index (values, double, (values->len - 1) / 2);
  p95 = g_array_index (values, double, (guint) ((values->len - 1) * 0.95 + 0.5));
  max = g_array_index (values, double, values->len - 1);
  g_print ("%-26s n=%-4u p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", name, values->len, p50, p95, max);
}

static void
bench_free (Bench *bench)
{
  if (bench->clock != NULL && bench->after_paint_id != 0 &&
      g_signal_handler_is_connected (bench->clock, bench->after_paint_id))
    g_signal_handler_disconnect (bench->clock, bench->after_paint_id);
  g_clear_object (&bench->clock);
  g_array_unref (bench->frame_ms);
  g_array_unref (bench->latency_ms);
  g_array_unref (bench->latency_cpu_ms);
  g_array_unref (bench->model_ms);
  g_array_unref (bench->eval_ms);
  g_array_unref (bench->core_ms);
  g_array_unref (bench->explorer_ms);
  g_array_unref (bench->compare_ms);
  g_free (bench);
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      Bench         *bench)
{
  if (bench->changed_at != 0)
    {
      double ms = (g_get_monotonic_time () - bench->changed_at) / 1000.0;
      double cpu = (thread_cpu_time () - bench->changed_cpu) / 1000.0;

      g_array_append_val (bench->latency_ms, ms);
      double model = precis_performance_page_take_build_time (bench->window->performance_page) / 1000.0;

      g_array_append_val (bench->latency_cpu_ms, cpu);
      g_array_append_val (bench->model_ms, model);
      bench->changed_at = 0;
    }
}

static gboolean
bench_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  Bench *bench = user_data;
  PrecisWindow *self = bench->window;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double value;

  if (bench->clock == NULL)
    {
      bench->clock = g_object_ref (clock);
      bench->after_paint_id = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (bench_after_paint_cb), bench);
    }
  /* The Compare page builds its matchers in a worker: the steps start once it has. */
  if (bench->step == 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "compare") == 0 &&
      !precis_compare_page_is_ready (self->compare_page))
    return G_SOURCE_CONTINUE;

  if (bench->last_frame != 0 && bench->step > 1)
    {
      double ms = (now - bench->last_frame) / 1000.0;

      g_array_append_val (bench->frame_ms, ms);
    }
  bench->last_frame = now;

  if (bench->step > 200)
    {
      const PrecisDataset *dataset = self->dataset;

      g_print ("precis --bench-ui: %s, %u images, IoU slider 0 → 1 → 0 in 0.01 steps, one per frame\n",
               dataset != NULL ? precis_dataset_get_name (self->dataset) : "?",
               dataset != NULL ? precis_dataset_get_n_images (self->dataset) : 0);
      print_stats ("frame interval", bench->frame_ms);
      print_stats ("change → repainted", bench->latency_ms);
      print_stats ("  main-thread CPU", bench->latency_cpu_ms);
      print_stats ("  of which chart model", bench->model_ms);
      print_stats ("evaluate + invalidate", bench->eval_ms);
      print_stats ("  of which core evaluator", bench->core_ms);
      print_stats ("  of which explorer page", bench->explorer_ms);
      print_stats ("  of which compare page", bench->compare_ms);
      _precis_window_finish_scripted (self, self->startup_failed ? 1 : 0);
      return G_SOURCE_REMOVE;
    }

  value = bench->step <= 100 ? bench->step / 100.0 : (200 - bench->step) / 100.0;
  bench->step++;

  bench->changed_at = g_get_monotonic_time ();
  bench->changed_cpu = thread_cpu_time ();
  gtk_adjustment_set_value (bench->adjustment, value);
  {
    double ms = self->eval_time / 1000.0;
    double core = self->core_time / 1000.0;

    g_array_append_val (bench->eval_ms, ms);
    double explorer = self->explorer_time / 1000.0;

    g_array_append_val (bench->core_ms, core);
    g_array_append_val (bench->explorer_ms, explorer);
    double compare = self->compare_time / 1000.0;

    g_array_append_val (bench->compare_ms, compare);
  }

  return G_SOURCE_CONTINUE;
}

void
_precis_window_start_bench (PrecisWindow *self)
{
  Bench *bench = g_new0 (Bench, 1);

  bench->window = self;
  bench->adjustment = gtk_range_get_adjustment (precis_sidebar_get_iou_scale (self->sidebar));
  bench->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->latency_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->latency_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->model_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->eval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->core_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->explorer_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->compare_ms = g_array_new (FALSE, FALSE, sizeof (double));

  /* Start from a value other than 0 so that the first step is a change. */
  gtk_adjustment_set_value (bench->adjustment, 0.5);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_tick_cb, bench, (GDestroyNotify) bench_free);
}


/* test-explorer-metric.c: the gallery's sort by any metric and its metric
 * range filter under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The explorer page shows the bundled sample project (data/sample/cartucho-map);
 * the test drives the Metric popover's own widgets and compares the gallery's
 * images, in order, with what the core computes for them
 * (precis_metrics_image_values() on a PrecisMetrics of its own).
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <gtk/gtk.h>

#include "precis-explorer-page.h"
#include "precis-gallery-model.h"
#include "precis-metrics.h"
#include "precis-test-app.h"

static PrecisTestProject sample;
static GtkWindow *window;
static PrecisExplorerPage *page;
static PrecisMetrics *metrics;

static GtkWidget *
named (const char *name)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  precis_test_collect_widgets (GTK_WIDGET (page), GTK_TYPE_WIDGET, all);
  for (guint k = 0; k < all->len; k++)
    if (g_str_equal (gtk_widget_get_name (g_ptr_array_index (all, k)), name))
      return g_ptr_array_index (all, k);
  g_error ("no widget named %s", name);
  return NULL;
}

static void
gallery_images (GArray *out)
{
  precis_explorer_page_get_gallery_images (page, out);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the gallery lists exactly @want (the worker has
 * returned); fails after a generous deadline. */
static void
wait_gallery (GArray     *want,
              const char *what)
{
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint32));
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (10, wake_up, NULL);

  for (;;)
    {
      gallery_images (got);
      if (got->len == want->len &&
          memcmp (got->data, want->data, sizeof (guint32) * want->len) == 0)
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("gave up waiting for %s: %u images, want %u", what, got->len, want->len);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
  /* A few more iterations: nothing else may change it. */
  precis_test_iterate (5);
  gallery_images (got);
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint p = 0; p < want->len; p++)
    g_assert_cmpuint (g_array_index (got, guint32, p), ==, g_array_index (want, guint32, p));
}

static const double *sort_values;
static gboolean sort_descending;

static int
by_value (gconstpointer a,
          gconstpointer b)
{
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;
  double va = sort_values[ia], vb = sort_values[ib];

  if (isnan (va) || isnan (vb))
    return isnan (va) && isnan (vb) ? (ia > ib) - (ia < ib) : isnan (va) ? 1 : -1;
  if (va != vb)
    return (va < vb) != sort_descending ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

static void
select_metric (const char *dropdown,
               const char *metric)
{
  guint32 m = precis_metrics_find (metrics, metric);

  g_assert_cmpuint (m, !=, PRECIS_NO_INDEX);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (dropdown)), m + 1);
}

/* Every image sorted by its mean area, larger first, then smaller first;
 * undefined last. */
static void
test_sort (void)
{
  guint n = precis_dataset_get_n_images (sample.dataset);
  g_autofree double *values = g_new (double, n);
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (guint32));
  GtkWidget *modes[3];
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  guint distinct = 0;

  precis_test_collect_widgets (named ("metric-button"), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 3);
  for (guint k = 0; k < 3; k++)
    modes[k] = g_ptr_array_index (checks, k);
  g_assert_true (gtk_widget_get_sensitive (named ("metric-button")));

  precis_metrics_image_values (metrics, precis_metrics_find (metrics, "area"),
                               PRECIS_METRIC_IMAGE_MEAN, PRECIS_NO_INDEX, values);
  for (guint32 k = 1; k < n; k++)
    distinct += values[k] != values[0];
  g_assert_cmpuint (distinct, >, 0);   /* an order to test */

  gtk_check_button_set_active (GTK_CHECK_BUTTON (modes[PRECIS_METRIC_IMAGE_MEAN]), TRUE);
  for (guint order = 0; order < 2; order++)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (named ("metric-sort-order")), order);
      select_metric ("metric-sort", "area");
      g_array_set_size (want, 0);
      for (guint32 k = 0; k < n; k++)
        g_array_append_val (want, k);
      sort_values = values;
      sort_descending = order == 1;
      g_array_sort (want, by_value);
      wait_gallery (want, order ? "descending mean area" : "ascending mean area");
      /* The first image has the extreme value. */
      for (guint32 k = 0; k < n; k++)
        if (!isnan (values[k]))
          g_assert_true (order ? values[k] <= values[g_array_index (want, guint32, 0)]
                               : values[k] >= values[g_array_index (want, guint32, 0)]);
    }

  /* With a class filter: the images holding that class, by the mean area of
   * that class's objects alone. */
  {
    const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
    guint32 category = dt->category[0];
    g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
    GtkDropDown *classes = NULL;
    g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint32));

    precis_test_collect_widgets (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, dropdowns);
    for (guint k = 0; k < dropdowns->len; k++)
      if (g_list_model_get_n_items (gtk_drop_down_get_model (g_ptr_array_index (dropdowns, k))) ==
          precis_dataset_get_n_categories (sample.dataset) + 1)
        classes = g_ptr_array_index (dropdowns, k);
    g_assert_nonnull (classes);
    precis_metrics_image_values (metrics, precis_metrics_find (metrics, "area"),
                                 PRECIS_METRIC_IMAGE_MEAN, category, values);
    /* The images with an object of the class are those with a value. */
    g_array_set_size (want, 0);
    for (guint32 k = 0; k < n; k++)
      if (!isnan (values[k]))
        g_array_append_val (want, k);
    g_assert_cmpuint (want->len, <, n);
    g_array_sort (want, by_value);
    gtk_drop_down_set_selected (classes, category + 1);
    wait_gallery (want, "descending mean area of one class");
    gtk_drop_down_set_selected (classes, 0);
  }

  /* Off again: file name order, every image. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named ("metric-sort")), 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (modes[PRECIS_METRIC_IMAGE_MAX]), TRUE);
  precis_test_iterate (5);
  gallery_images (want);
  g_assert_cmpuint (want->len, ==, n);
}

/* With PRECIS_EXPLORER_METRIC_SCREENSHOT=FILE.png: the window with the Metric
 * popover open, as one PNG (the popover is a surface of its own, drawn at its
 * place over the window's). */
static void
save_screenshot (void)
{
  const char *path = g_getenv ("PRECIS_EXPLORER_METRIC_SCREENSHOT");
  GtkMenuButton *button;
  GtkWidget *popover;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkPaintable) window_paint = NULL, popover_paint = NULL;
  double wx, wy, px, py;
  int w, h;

  if (path == NULL)
    return;
  button = GTK_MENU_BUTTON (named ("metric-button"));
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  precis_test_iterate (60);
  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &wx, &wy);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &px, &py);
  window_paint = gtk_widget_paintable_new (GTK_WIDGET (window));
  popover_paint = gtk_widget_paintable_new (popover);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (window_paint, snapshot, w, h);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (
                            gdk_popup_get_position_x (GDK_POPUP (gtk_native_get_surface (GTK_NATIVE (popover)))) - wx + px,
                            gdk_popup_get_position_y (GDK_POPUP (gtk_native_get_surface (GTK_NATIVE (popover)))) - wy + py));
  gdk_paintable_snapshot (popover_paint, snapshot,
                          gtk_widget_get_width (popover), gtk_widget_get_height (popover));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
  gtk_menu_button_popdown (button);
}

/* The highest confidence of each image in a range: exactly the images the
 * core's values put in it, in file name order. */
static void
test_filter (void)
{
  guint n = precis_dataset_get_n_images (sample.dataset);
  g_autofree double *values = g_new (double, n);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint32));
  GtkSpinButton *min = GTK_SPIN_BUTTON (named ("metric-min"));
  GtkSpinButton *max = GTK_SPIN_BUTTON (named ("metric-max"));
  double lo, hi;

  precis_metrics_image_values (metrics, precis_metrics_find (metrics, "confidence"),
                               PRECIS_METRIC_IMAGE_MAX, PRECIS_NO_INDEX, values);
  gallery_images (names);   /* file name order, every image */
  g_assert_cmpuint (names->len, ==, n);

  /* At first the range holds every defined value. */
  select_metric ("metric-filter", "confidence");
  for (guint p = 0; p < n; p++)
    if (!isnan (values[g_array_index (names, guint32, p)]))
      g_array_append_val (all, g_array_index (names, guint32, p));
  g_assert_cmpuint (all->len, <, n);   /* some images have no prediction */
  wait_gallery (all, "every image with a prediction");

  gtk_spin_button_set_value (min, 0.6);
  gtk_spin_button_set_value (max, 0.9);
  lo = gtk_spin_button_get_value (min);
  hi = gtk_spin_button_get_value (max);
  for (guint p = 0; p < n; p++)
    {
      guint32 k = g_array_index (names, guint32, p);

      if (values[k] >= lo && values[k] <= hi)
        g_array_append_val (want, k);
    }
  g_assert_cmpuint (want->len, >, 0);
  g_assert_cmpuint (want->len, <, all->len);
  wait_gallery (want, "highest confidence in [0.6, 0.9]");

  /* With a sort on too, for the screenshot. */
  if (g_getenv ("PRECIS_EXPLORER_METRIC_SCREENSHOT") != NULL)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (named ("metric-sort-order")), 1);
      select_metric ("metric-sort", "area");
      precis_test_iterate (100);
      save_screenshot ();
      gtk_drop_down_set_selected (GTK_DROP_DOWN (named ("metric-sort")), 0);
    }

  gtk_drop_down_set_selected (GTK_DROP_DOWN (named ("metric-filter")), 0);
  wait_gallery (names, "every image again");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample_path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    g_error ("cannot open a display: run the app suite under xvfb-run");

  sample_path = g_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", NULL);
  precis_test_project_load (&sample, sample_path);
  metrics = precis_metrics_new (sample.active, NULL);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  page = PRECIS_EXPLORER_PAGE (precis_explorer_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  precis_explorer_page_set_evaluation (page, sample.dataset, sample.matcher, sample.active);
  precis_active_evaluate (sample.active);

  g_test_add_func ("/explorer-metric/sort", test_sort);
  g_test_add_func ("/explorer-metric/filter", test_filter);
  ret = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&metrics);
  precis_test_project_clear (&sample);
  return ret;
}

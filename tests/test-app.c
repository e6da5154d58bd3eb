/* test-app.c: the main window under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real PrecisWindow opens the bundled sample project (data/sample/cartucho-map,
 * see data/sample/cartucho-map/SOURCE.md), and the tests drive its controls the
 * way a user would, then compare what the window shows with the core's numbers
 * for the same parameters (computed here through precis-active.h, independently
 * of the window's own evaluator).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>

#include "precis-active.h"
#include "precis-application.h"
#include "precis-cards.h"
#include "precis-chart-view.h"
#include "precis-performance-page.h"
#include "precis-png.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"
#include "precis-window.h"

static PrecisApplication *app;
static PrecisWindow *window;

static void
spin_until_loaded (void)
{
  precis_test_wait_loaded (window);
}

static GFile *
sample_project (void)
{
  return precis_test_sample_project ();
}

static void
open_sample (void)
{
  g_autoptr(GFile) project = sample_project ();

  precis_window_open (window, project);
  g_assert_true (precis_window_is_loading (window));
  spin_until_loaded ();
  g_assert_false (precis_window_is_loading (window));
}

static char *
format_rate (double value)
{
  return g_strdup_printf ("%.3f", value);
}

static char *
format_count (guint value)
{
  return g_strdup_printf ("%u", value);
}

static void
test_open_sample (void)
{
  PrecisDataset *dataset;
  PrecisSidebar *sidebar;
  guint n_categories = 0;

  open_sample ();

  dataset = precis_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_null (precis_window_get_error_text (window));
  g_assert_nonnull (precis_window_get_matcher (window));

  /* 85 images, 686 GT, 494 predictions: /work/shared/data/real/README.md table,
   * the source of data/sample/cartucho-map. */
  g_assert_cmpuint (precis_dataset_get_n_images (dataset), ==, 85);
  g_assert_cmpuint (precis_dataset_get_ground_truth_annotations (dataset)->n, ==, 686);
  g_assert_cmpuint (precis_dataset_get_predictions (dataset, 0)->n, ==, 494);

  /* The project went to the top of the recent projects. */
  {
    g_autoptr(GFile) project = sample_project ();
    g_autofree char *path = g_file_get_path (project);
    g_auto(GStrv) recent = precis_application_dup_recent (app);

    g_assert_nonnull (recent[0]);
    g_assert_cmpstr (recent[0], ==, path);
  }

  /* The class list shows every category, all selected. */
  sidebar = PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));
  precis_sidebar_get_class_mask (sidebar, &n_categories);
  g_assert_cmpuint (n_categories, ==, precis_dataset_get_n_categories (dataset));
  g_assert_cmpuint (g_list_model_get_n_items (precis_sidebar_get_classes (sidebar)), ==, n_categories);
}

static void
check_cards_against_core (double        threshold,
                          const guint8 *mask)
{
  PrecisCards *cards = PRECIS_CARDS (precis_window_get_part (window, "cards"));
  g_autoptr(PrecisActive) reference = precis_active_new (precis_window_get_matcher (window));
  const PrecisActiveResult *result;
  g_autofree char *map = NULL;
  g_autofree char *mar = NULL;
  g_autofree char *f1 = NULL;
  g_autofree char *tp = NULL;
  g_autofree char *fp = NULL;
  g_autofree char *fn = NULL;
  g_autofree char *title = NULL;

  precis_active_set_threshold (reference, threshold);
  precis_active_set_classes (reference, mask);
  result = precis_active_evaluate (reference);

  map = format_rate (result->map);
  mar = format_rate (result->mar);
  f1 = format_rate (result->mean_f1);
  tp = format_count (result->tp);
  fp = format_count (result->fp);
  fn = format_count (result->fn);

  g_assert_cmpstr (precis_cards_get_value_text (cards, "map"), ==, map);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "mar"), ==, mar);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "f1"), ==, f1);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "tp"), ==, tp);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "fp"), ==, fp);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "fn"), ==, fn);
  {
    g_autofree char *ignored = format_count (result->ignored);

    g_assert_cmpstr (precis_cards_get_value_text (cards, "ignored"), ==, ignored);
  }

  /* Every number says its protocol and threshold (UI.md). */
  title = g_strdup_printf ("mAP@%.2f · active", threshold);
  g_assert_cmpstr (precis_cards_get_title_text (cards, "map"), ==, title);
}

static void
test_slider_updates_cards (void)
{
  PrecisSidebar *sidebar = PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));
  GtkAdjustment *adjustment = gtk_range_get_adjustment (precis_sidebar_get_iou_scale (sidebar));
  static const double thresholds[] = { 0.75, 0.3, 0.5, 0.0, 1.0, 0.5 };

  g_assert_nonnull (precis_window_get_dataset (window));

  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      /* As a pointer drag does: set the adjustment. The cards must follow
       * synchronously, with no main-loop iteration (no debounce). */
      gtk_adjustment_set_value (adjustment, thresholds[i]);
      g_assert_cmpfloat_with_epsilon (precis_sidebar_get_iou (sidebar), thresholds[i], 1e-12);
      check_cards_against_core (thresholds[i], NULL);
    }

  /* The keyboard nudge: 0.50 + 0.01. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.iou-step", "d", 0.01));
  g_assert_cmpfloat_with_epsilon (precis_sidebar_get_iou (sidebar), 0.51, 1e-12);
  check_cards_against_core (0.51, NULL);
  gtk_adjustment_set_value (adjustment, 0.5);
}

static void
test_select_one_class (void)
{
  PrecisSidebar *sidebar = PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));
  PrecisDataset *dataset = precis_window_get_dataset (window);
  PrecisCards *cards = PRECIS_CARDS (precis_window_get_part (window, "cards"));
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *mask = NULL;
  g_autoptr(PrecisActive) reference = NULL;
  const PrecisActiveResult *result;
  const PrecisAnnotations *gt;
  const guint8 *shown;
  guint32 chair;
  guint n_categories = 0, n_gt_chair = 0;
  g_autofree char *tp = NULL;
  g_autofree char *fn = NULL;

  g_assert_nonnull (dataset);
  chair = G_MAXUINT32;
  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    if (g_str_equal (precis_dataset_get_category (dataset, c)->name, "chair"))
      chair = c;
  g_assert_cmpuint (chair, !=, G_MAXUINT32);

  g_assert_true (precis_sidebar_select_classes (sidebar, "chair", &error));
  g_assert_no_error (error);

  shown = precis_sidebar_get_class_mask (sidebar, &n_categories);
  mask = g_malloc0 (n_categories);
  mask[chair] = 1;
  for (guint c = 0; c < n_categories; c++)
    g_assert_cmpuint (!!shown[c], ==, mask[c]);

  check_cards_against_core (0.5, mask);

  /* TP + FN of the one class = its non-crowd GT count, counted here from the
   * annotations (SEMANTICS.md §3: TP + FN = #GT per class). */
  gt = precis_dataset_get_ground_truth_annotations (dataset);
  for (guint i = 0; i < gt->n; i++)
    if (gt->category[i] == chair && !gt->iscrowd[i])
      n_gt_chair++;
  reference = precis_active_new (precis_window_get_matcher (window));
  precis_active_set_classes (reference, mask);
  result = precis_active_evaluate (reference);
  g_assert_cmpuint (result->tp + result->fn, ==, n_gt_chair);
  tp = format_count (result->tp);
  fn = format_count (result->fn);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "tp"), ==, tp);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "fn"), ==, fn);

  /* An unknown class is refused and leaves the selection alone. */
  g_assert_false (precis_sidebar_select_classes (sidebar, "no-such-class", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (precis_sidebar_get_class_mask (sidebar, NULL)[chair], ==, 1);

  /* All again. */
  precis_sidebar_select_all (sidebar, TRUE);
  check_cards_against_core (0.5, NULL);
}

static cairo_surface_t *
render_chart (PrecisChartModel *model,
              PrecisChartKind   kind)
{
  g_autoptr(PrecisChart) chart = precis_chart_new (model, kind);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 560);
  cairo_t *cr = cairo_create (surface);

  precis_chart_render (chart, cr, 640, 560, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_bars_model_draws_as_full (void)
{
  static const PrecisChartKind bars[] = {
    PRECIS_CHART_PERFORMANCE, PRECIS_CHART_PRECISION, PRECIS_CHART_RECALL, PRECIS_CHART_OUTCOMES,
  };
  g_autoptr(PrecisActive) active = precis_active_new (precis_window_get_matcher (window));
  g_autoptr(PrecisChartSource) source = precis_chart_source_new ();
  g_autoptr(PrecisChartModel) bars_model = NULL;
  PrecisChartModel *full;

  /* The window draws bar charts from a model of per-class numbers only
   * (precis-chart-view.c); they must come out pixel for pixel as from the
   * full model that exports and precis-cli use. */
  precis_active_set_threshold (active, 0.65);
  precis_chart_source_set_active (source, active);
  bars_model = g_object_ref (precis_chart_source_get_model_for_kind (source, PRECIS_CHART_PERFORMANCE));
  full = precis_chart_source_get_model (source);
  g_assert_nonnull (bars_model);
  g_assert_nonnull (full);
  g_assert_true (bars_model != full);

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      cairo_surface_t *a = render_chart (bars_model, bars[i]);
      cairo_surface_t *b = render_chart (full, bars[i]);
      int stride = cairo_image_surface_get_stride (a);

      g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
      g_assert_cmpint (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                               (gsize) stride * 560), ==, 0);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

static void
test_export_chart (void)
{
  PrecisPerformancePage *page = PRECIS_PERFORMANCE_PAGE (precis_window_get_part (window, "performance-page"));
  PrecisChartView *view = precis_performance_page_get_chart (page, 0);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = NULL;
  guint width = 0, height = 0;
  const char *title;

  dir = g_dir_make_tmp ("precis-test-app-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "chart.png", NULL);

  g_assert_true (precis_chart_view_save_png (view, path, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (precis_png_read_info (path, &width, &height, &texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (width, >, 100);
  g_assert_cmpuint (height, >, 100);
  title = g_hash_table_lookup (texts, "Title");
  g_assert_nonnull (title);
  g_assert_nonnull (g_hash_table_lookup (texts, "precis:evaluation"));

  /* An existing file is only replaced on purpose. */
  g_assert_false (precis_chart_view_save_png (view, path, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (precis_chart_view_save_png (view, path, TRUE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_export_all_charts (void)
{
  PrecisPerformancePage *page = PRECIS_PERFORMANCE_PAGE (precis_window_get_part (window, "performance-page"));
  guint n = precis_performance_page_get_n_charts (page);
  g_autofree char *dir = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("precis-test-app-XXXXXX", &error);
  g_assert_no_error (error);
  folder = g_file_new_for_path (dir);

  /* One PNG per chart of the page (the six charts of the charts issue). */
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (precis_window_export_all_charts (window, folder, FALSE, &error), ==, n);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = precis_chart_view_dup_file_name (precis_performance_page_get_chart (page, i));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GHashTable) texts = NULL;
      guint width = 0, height = 0;

      g_assert_true (precis_png_read_info (path, &width, &height, &texts, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (width, >, 100);
      g_assert_nonnull (g_hash_table_lookup (texts, "Title"));
    }

  /* Again without overwrite: refused at the first file. */
  g_assert_cmpuint (precis_window_export_all_charts (window, folder, FALSE, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = precis_chart_view_dup_file_name (precis_performance_page_get_chart (page, i));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_screenshot (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  dir = g_dir_make_tmp ("precis-test-app-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "shot.png", NULL);
  file = g_file_new_for_path (path);

  /* Let the window map and draw a few frames. */
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < until || !gtk_widget_get_mapped (GTK_WIDGET (window)))
      g_main_context_iteration (NULL, FALSE);
  }

  g_assert_true (precis_window_save_screenshot (window, file, FALSE, &error));
  g_assert_no_error (error);
  /* Never over an existing file without being told to. */
  g_assert_false (precis_window_save_screenshot (window, file, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (precis_window_save_screenshot (window, file, TRUE, &error));
  g_assert_no_error (error);

  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (GTK_WIDGET (window)));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}


static void
test_chart_tooltip (void)
{
  PrecisPerformancePage *page = PRECIS_PERFORMANCE_PAGE (precis_window_get_part (window, "performance-page"));
  PrecisChartView *view = precis_performance_page_get_chart (page, 0);
  PrecisDataset *dataset = precis_window_get_dataset (window);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  g_autofree char *tooltip = NULL;
  gboolean named = FALSE;

  /* The first chart (AP per class) is on screen and was drawn by the
   * screenshot test; hovering its bars names a class. Scan the chart for a bar. */
  g_assert_cmpint (width, >, 0);
  for (int y = 0; y < height && tooltip == NULL; y += 3)
    for (int x = width / 3; x < width && tooltip == NULL; x += 8)
      tooltip = precis_chart_view_dup_tooltip_at (view, x, y);
  g_assert_nonnull (tooltip);

  for (guint c = 0; c < precis_dataset_get_n_categories (dataset) && !named; c++)
    named = strstr (tooltip, precis_dataset_get_category (dataset, c)->name) != NULL;
  g_assert_true (named);

  /* Nothing to say outside the plot. */
  g_assert_null (precis_chart_view_dup_tooltip_at (view, -10, -10));
}

static void
test_broken_project (void)
{
  PrecisDataset *before = precis_window_get_dataset (window);
  g_autofree char *dir = NULL;
  g_autofree char *gt_path = NULL;
  g_autofree char *pred_path = NULL;
  g_autoptr(GFile) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  g_assert_nonnull (before);

  /* A project folder whose gt.json is truncated JSON. */
  dir = g_dir_make_tmp ("precis-test-app-XXXXXX", &error);
  g_assert_no_error (error);
  gt_path = g_build_filename (dir, "gt.json", NULL);
  pred_path = g_build_filename (dir, "predictions.json", NULL);
  g_assert_true (g_file_set_contents (gt_path, "{\"images\": [{\"id\": 1, ", -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (pred_path, "[]", -1, &error));
  g_assert_no_error (error);

  project = g_file_new_for_path (dir);
  precis_window_open (window, project);
  spin_until_loaded ();

  /* The error is shown, naming the file … */
  text = precis_window_get_error_text (window);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "gt.json"));

  /* … and the previous project is still open, with its numbers. */
  g_assert_true (precis_window_get_dataset (window) == before);
  check_cards_against_core (precis_sidebar_get_iou (PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"))),
                            NULL);

  g_assert_cmpint (g_unlink (gt_path), ==, 0);
  g_assert_cmpint (g_unlink (pred_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cancel_load (void)
{
  PrecisDataset *before = precis_window_get_dataset (window);
  g_autoptr(GFile) project = sample_project ();

  precis_window_open (window, project);
  g_assert_true (precis_window_is_loading (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  g_assert_false (precis_window_is_loading (window));
  spin_until_loaded ();
  /* Cancelling keeps what was open. */
  g_assert_true (precis_window_get_dataset (window) == before);
}

static void
test_switch_model (void)
{
  g_autoptr(GFile) gt = g_file_new_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", "gt.json", NULL);
  g_autoptr(GFile) pred = g_file_new_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map",
                                                     "predictions.json", NULL);
  g_autoptr(GFile) images = g_file_new_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map",
                                                       "images", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *second_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GError) error = NULL;
  GFile *preds[2];
  PrecisMatcher *before;
  gsize length = 0;

  /* Two models: the sample's predictions, and the same file under another
   * name with its scores kept, so both evaluate to the same numbers. */
  dir = g_dir_make_tmp ("precis-test-app-XXXXXX", &error);
  g_assert_no_error (error);
  second_path = g_build_filename (dir, "other.json", NULL);
  g_assert_true (g_file_load_contents (pred, NULL, &contents, &length, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (second_path, contents, length, &error));
  g_assert_no_error (error);
  second = g_file_new_for_path (second_path);

  preds[0] = pred;
  preds[1] = second;
  precis_window_open_files (window, gt, preds, 2, images);
  spin_until_loaded ();
  g_assert_null (precis_window_get_error_text (window));
  g_assert_cmpuint (precis_dataset_get_n_models (precis_window_get_dataset (window)), ==, 2);
  g_assert_cmpuint (precis_matcher_get_model (precis_window_get_matcher (window)), ==, 0);

  /* Switch, and the cards follow the new matcher. */
  precis_window_set_model (window, 1);
  g_assert_true (precis_window_is_loading (window));
  spin_until_loaded ();
  g_assert_cmpuint (precis_matcher_get_model (precis_window_get_matcher (window)), ==, 1);
  check_cards_against_core (precis_sidebar_get_iou (PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"))),
                            NULL);

  /* A switch cancelled with Escape keeps model 1 on screen. */
  before = precis_window_get_matcher (window);
  precis_window_set_model (window, 0);
  g_assert_true (precis_window_is_loading (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  spin_until_loaded ();
  g_assert_true (precis_window_get_matcher (window) == before);
  g_assert_cmpuint (precis_matcher_get_model (precis_window_get_matcher (window)), ==, 1);

  g_assert_cmpint (g_unlink (second_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_shortcuts_window (void)
{
  GtkShortcutsWindow *overlay;

  /* GtkApplicationWindow loads gtk/help-overlay.ui from the resources. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
}

static void
test_settings_persist (void)
{
  GSettings *settings = precis_application_get_settings (app);
  PrecisWindow *second;
  PrecisSidebar *sidebar;

  /* The build tree's schema (GSETTINGS_SCHEMA_DIR, tests/meson.build). */
  g_assert_nonnull (settings);

  /* Closing the window keeps its threshold (memory backend: GSETTINGS_BACKEND). */
  sidebar = PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));
  precis_sidebar_set_iou (sidebar, 0.63);
  precis_sidebar_set_confidence (sidebar, 0.2);
  gtk_window_close (GTK_WINDOW (window));
  window = NULL;
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "iou-threshold"), 0.63, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "confidence-threshold"), 0.2, 1e-12);

  /* … and a new window starts from it. */
  second = precis_window_new (app);
  sidebar = PRECIS_SIDEBAR (precis_window_get_part (second, "sidebar"));
  g_assert_cmpfloat_with_epsilon (precis_sidebar_get_iou (sidebar), 0.63, 1e-12);
  g_assert_cmpfloat_with_epsilon (precis_sidebar_get_confidence (sidebar), 0.2, 1e-12);
  gtk_window_destroy (GTK_WINDOW (second));
}

int
main (int    argc,
      char **argv)
{
  int status;

  precis_test_init (&argc, &argv);

  window = precis_test_window_new (&app);

  /* Ordered: each test builds on the window the previous one left. */
  g_test_add_func ("/app/open-sample", test_open_sample);
  g_test_add_func ("/app/slider-updates-cards", test_slider_updates_cards);
  g_test_add_func ("/app/select-one-class", test_select_one_class);
  g_test_add_func ("/app/bars-model-draws-as-full", test_bars_model_draws_as_full);
  g_test_add_func ("/app/export-chart", test_export_chart);
  g_test_add_func ("/app/export-all-charts", test_export_all_charts);
  g_test_add_func ("/app/screenshot", test_screenshot);
  g_test_add_func ("/app/chart-tooltip", test_chart_tooltip);
  g_test_add_func ("/app/broken-project", test_broken_project);
  g_test_add_func ("/app/cancel-load", test_cancel_load);
  g_test_add_func ("/app/switch-model", test_switch_model);
  g_test_add_func ("/app/shortcuts-window", test_shortcuts_window);
  /* Last: closes the window. */
  g_test_add_func ("/app/settings-persist", test_settings_persist);

  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);

  return status;
}


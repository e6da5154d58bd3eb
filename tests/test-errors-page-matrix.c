/* test-errors-page-matrix.c: the Errors page's confusion matrix options
 * (suite app, under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows the bundled sample project (data/sample/cartucho-map). The
 * "Counts / Row-normalised" switch changes every cell's text from its count to
 * its share of the row, as the core's PrecisConfusion (run here on its own
 * overlaps table) gives them; the PNG export draws the same cells (the core
 * chart's text layer, precis_chart_dup_text()); the zoom buttons scale the cells.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "precis-confusion.h"
#include "precis-errors-page.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"

static PrecisApplication *app;
static PrecisWindow *window;
static PrecisErrorsPage *page;
static PrecisTestProject sample;
static PrecisOverlaps *overlaps;

static GtkWidget *activated;

static gboolean
toggle_on (void)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (activated));
}

/* A toggle button activated (as by a key or a click) toggles a moment later. */
static void
click_toggle (GtkWidget *toggle)
{
  activated = toggle;
  g_assert_true (gtk_widget_activate (toggle));
  precis_test_wait_until (toggle_on, "the toggle button");
}

static gboolean
zoom_is (double zoom)
{
  return precis_errors_page_get_zoom (page) == zoom;
}

static double wanted_zoom;

static gboolean
zoom_reached (void)
{
  return zoom_is (wanted_zoom);
}

/* A button activated emits ::clicked a moment later. */
static void
click_zoom (GtkWidget *button,
            double     expected)
{
  wanted_zoom = expected;
  g_assert_true (gtk_widget_activate (button));
  precis_test_wait_until (zoom_reached, "the zoom");
}

static gboolean
page_ready (void)
{
  return precis_errors_page_is_ready (page);
}

/* The page's button (or toggle button) labelled @label, or with tooltip prefix @label. */
static GtkWidget *
page_button (const char *label)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *button = NULL;

  precis_test_find_widgets (GTK_WIDGET (page), GTK_TYPE_BUTTON, found);
  for (guint k = 0; k < found->len; k++)
    {
      GtkWidget *w = g_ptr_array_index (found, k);
      const char *tip = gtk_widget_get_tooltip_text (w);

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0 ||
          (tip != NULL && g_str_has_prefix (tip, label)))
        {
          g_assert_null (button);
          button = w;
        }
    }
  g_assert_nonnull (button);
  return button;
}

/* The classes the matrix shows, in its order, background last; each has its cells. */
static GArray *
shown_classes (guint K)
{
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n;
  const guint *classes = precis_errors_page_get_matrix_classes (page, &n);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (classes[n - 1], ==, K);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (precis_errors_page_get_cell_button (page, classes[i], classes[i]));
      g_array_append_val (shown, classes[i]);
    }
  return shown;
}

/* Every shown cell reads its count, or its share of the row (two decimals) as
 * the core's matrix at the sidebar's threshold gives them. Returns the texts of
 * the non-zero cells, row by row. */
static GPtrArray *
assert_cells (gboolean row_normalised)
{
  g_autoptr(PrecisConfusion) confusion = precis_confusion_new (overlaps);
  const PrecisConfusionResult *r;
  g_autoptr(GArray) shown = NULL;
  GPtrArray *nonzero = g_ptr_array_new_with_free_func (g_free);
  guint K, n_fractional = 0;

  precis_confusion_set_threshold (confusion,
                                  precis_sidebar_get_iou (PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"))));
  r = precis_confusion_evaluate (confusion);
  K = r->n_classes;
  shown = shown_classes (K);
  g_assert_cmpuint (shown->len, >=, 3);
  for (guint i = 0; i < shown->len; i++)
    {
      guint row = g_array_index (shown, guint, i), sum = 0;

      for (guint j = 0; j <= K; j++)
        sum += r->matrix[row * (K + 1) + j];
      for (guint j = 0; j < shown->len; j++)
        {
          guint col = g_array_index (shown, guint, j);
          guint n = r->matrix[row * (K + 1) + col];
          GtkWidget *cell = precis_errors_page_get_cell_button (page, row, col);
          char expected[32];

          if (row_normalised)
            g_snprintf (expected, sizeof expected, "%.2f", sum > 0 ? (double) n / sum : 0.0);
          else
            g_snprintf (expected, sizeof expected, "%u", n);
          g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cell)), ==, expected);
          if (n > 0)
            g_ptr_array_add (nonzero, g_strdup (expected));
          n_fractional += n > 0 && n < sum;
        }
    }
  /* The sample has cells that are neither 0 nor the whole row. */
  g_assert_cmpuint (n_fractional, >, 0);
  return nonzero;
}

/* The value texts the core's confusion chart of the page draws, row by row. */
static GPtrArray *
chart_values (gboolean row_normalised)
{
  g_autoptr(PrecisChart) chart = precis_errors_page_dup_confusion_chart (page);
  g_autoptr(GPtrArray) texts = NULL;
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  g_assert_nonnull (chart);
  precis_chart_get_natural_size (chart, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
  cr = cairo_create (surface);
  precis_chart_render (chart, cr, w, h, 1.0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  texts = precis_chart_dup_text (chart);
  for (guint i = 0; i < texts->len; i++)
    {
      const PrecisChartText *t = g_ptr_array_index (texts, i);

      if (t->role == PRECIS_CHART_TEXT_VALUE)
        g_ptr_array_add (values, g_strdup (t->text));
    }
  {
    g_autofree char *json = precis_chart_to_json (chart);

    g_assert_nonnull (strstr (json, row_normalised ? "\"row_normalised\":true" : "\"row_normalised\":false"));
  }
  return values;
}

static void
assert_same_texts (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
test_normalised (void)
{
  g_autoptr(GFile) project = precis_test_sample_project ();
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;
  GtkWidget *counts, *normalised;
  g_autoptr(GPtrArray) gui_counts = NULL;
  g_autoptr(GPtrArray) gui_shares = NULL;
  g_autoptr(GPtrArray) chart_counts = NULL;
  g_autoptr(GPtrArray) chart_shares = NULL;

  precis_window_open (window, project);
  precis_test_wait_loaded (window);
  precis_window_set_page (window, "errors");
  page = PRECIS_ERRORS_PAGE (precis_window_get_part (window, "errors-page"));
  precis_test_wait_until (page_ready, "the counts and the matrix");
  order = precis_overlaps_read_image_order (sample.dataset, NULL, &error);
  g_assert_no_error (error);
  overlaps = precis_overlaps_new (sample.matcher, order, 0, NULL, &error);
  g_assert_no_error (error);

  counts = page_button ("Counts");
  normalised = page_button ("Row-normalised");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (counts)));
  g_assert_false (precis_errors_page_get_row_normalised (page));
  gui_counts = assert_cells (FALSE);
  chart_counts = chart_values (FALSE);
  assert_same_texts (gui_counts, chart_counts);

  /* A click on "Row-normalised": the other toggle of the pair goes off. */
  click_toggle (normalised);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (normalised)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (counts)));
  g_assert_true (precis_errors_page_get_row_normalised (page));
  gui_shares = assert_cells (TRUE);
  chart_shares = chart_values (TRUE);
  assert_same_texts (gui_shares, chart_shares);

  /* And back. */
  click_toggle (counts);
  g_assert_false (precis_errors_page_get_row_normalised (page));
  g_ptr_array_unref (assert_cells (FALSE));
}

/* The zoom buttons scale every cell, within 0.5 to 3. */
static void
test_zoom (void)
{
  GtkWidget *in = page_button ("Larger cells");
  GtkWidget *out = page_button ("Smaller cells");
  g_autoptr(GArray) shown = shown_classes (precis_dataset_get_n_categories (sample.dataset));
  GtkWidget *cell = precis_errors_page_get_cell_button (page, g_array_index (shown, guint, 0),
                                                        g_array_index (shown, guint, 1));
  int w, h;

  g_assert_nonnull (cell);
  g_assert_cmpfloat (precis_errors_page_get_zoom (page), ==, 1.0);
  gtk_widget_get_size_request (cell, &w, &h);
  g_assert_cmpint (w, ==, 64);
  g_assert_cmpint (h, ==, 30);
  click_zoom (in, 1.25);
  gtk_widget_get_size_request (cell, &w, &h);
  g_assert_cmpint (w, ==, 80);             /* 64 × 1.25 */
  g_assert_cmpint (h, ==, 38);             /* 30 × 1.25 = 37.5, rounded */
  /* 1.25⁴ = 2.44, then 3.05 clamped to 3, where the button goes insensitive. */
  click_zoom (in, 1.5625);
  click_zoom (in, 1.953125);
  click_zoom (in, 2.44140625);
  click_zoom (in, 3.0);
  g_assert_false (gtk_widget_is_sensitive (in));
  precis_errors_page_set_zoom (page, 0.6);
  click_zoom (out, 0.5);
  g_assert_false (gtk_widget_is_sensitive (out));
  g_assert_true (gtk_widget_is_sensitive (in));
  gtk_widget_get_size_request (cell, &w, &h);
  g_assert_cmpint (w, ==, 32);
  precis_errors_page_set_zoom (page, 1.0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) sample_file = NULL;
  g_autofree char *path = NULL;
  int status;

  precis_test_init (&argc, &argv);
  sample_file = precis_test_sample_project ();
  path = g_file_get_path (sample_file);
  precis_test_project_load (&sample, path);
  window = precis_test_window_new (&app);

  g_test_add_func ("/errors-page-matrix/normalised", test_normalised);
  g_test_add_func ("/errors-page-matrix/zoom", test_zoom);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&overlaps);
  g_clear_object (&app);
  precis_test_project_clear (&sample);
  return status;
}

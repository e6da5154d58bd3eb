/* test-classify-page.c: the Performance page of a classification project under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens tests/data/classify (model `sparse` first). The cards and
 * the per-class table must show reference.json's figures (scikit-learn's,
 * tests/data/README.md) at s = 0 and, after the confidence slider moves, at
 * s = 0.5, rounded as the page rounds (3 decimals); the IoU slider is hidden.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "precis-performance-page.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"

static PrecisApplication *app;
static PrecisWindow *window;

enum { ACCURACY, TOP5, MACRO_F1, WEIGHTED_F1, CORRECT, WRONG, COVERAGE, SELECTIVE, ECE };

static PrecisClassifyView *
view (void)
{
  PrecisPerformancePage *page = PRECIS_PERFORMANCE_PAGE (precis_window_get_performance_page (window));

  return precis_performance_page_get_classify_view (page);
}

static void
test_open (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "classify", NULL);
  g_autoptr(GFile) project = g_file_new_for_path (path);
  PrecisSidebar *sidebar;

  precis_window_open (window, project);
  precis_test_wait_loaded (window);
  precis_window_set_page (window, "performance");
  precis_test_iterate (10);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view ())));
  /* reference.json, models.sparse["0.0"]: 28 of 58 correct; coverage 45/58;
   * ECE 0.21284…; macro F1 0.52735…; selective accuracy 28/45. */
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), ACCURACY), ==, "0.483");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), TOP5), ==, "—");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), MACRO_F1), ==, "0.527");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), CORRECT), ==, "28");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), WRONG), ==, "30");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), COVERAGE), ==, "0.776");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), SELECTIVE), ==, "0.622");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), ECE), ==, "0.213");
  /* The table: header, then cat (support 13, 10 predicted, 7 TP: P 0.700). */
  g_assert_cmpstr (precis_classify_view_get_cell_text (view (), 0, 1), ==, "Support");
  g_assert_cmpstr (precis_classify_view_get_cell_text (view (), 1, 0), ==, "cat");
  g_assert_cmpstr (precis_classify_view_get_cell_text (view (), 1, 1), ==, "13");
  g_assert_cmpstr (precis_classify_view_get_cell_text (view (), 1, 3), ==, "7");
  g_assert_cmpstr (precis_classify_view_get_cell_text (view (), 1, 6), ==, "0.700");

  /* The core's reliability diagram is shown beside the table. */
  g_assert_true (gtk_widget_get_mapped (precis_classify_view_get_reliability (view ())));
  g_assert_cmpint (gtk_widget_get_width (precis_classify_view_get_reliability (view ())), >=, 440);

  /* No IoU for image labels. */
  sidebar = PRECIS_SIDEBAR (precis_window_get_sidebar (window));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (precis_sidebar_get_iou_scale (sidebar)))));
}

/* The confidence slider abstains below s. */
static void
test_slider (void)
{
  PrecisSidebar *sidebar = PRECIS_SIDEBAR (precis_window_get_sidebar (window));

  precis_sidebar_set_confidence (sidebar, 0.5);
  precis_test_iterate (10);
  /* reference.json, models.sparse["0.5"]: 22 of 58; coverage 35/58; ECE 0.14647… */
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), ACCURACY), ==, "0.379");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), CORRECT), ==, "22");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), COVERAGE), ==, "0.603");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), ECE), ==, "0.146");
  g_assert_cmpstr (precis_classify_view_get_card_text (view (), MACRO_F1), ==, "0.474");
}

int
main (int    argc,
      char **argv)
{
  int status;

  precis_test_init (&argc, &argv);
  window = precis_test_window_new (&app);

  g_test_add_func ("/classify-page/open", test_open);
  g_test_add_func ("/classify-page/slider", test_slider);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}

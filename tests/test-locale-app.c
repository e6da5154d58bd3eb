/* test-locale-app.c: the window under a German locale (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows the bundled sample project with de_DE.UTF-8 and the build
 * tree's catalogue (PRECIS_LOCALEDIR): the view switcher, the cards and the
 * charts speak German and write decimal commas, with the numbers of the core's
 * evaluation computed here.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "precis-cards.h"
#include "precis-chart-view.h"
#include "precis-i18n.h"
#include "precis-performance-page.h"
#include "precis-test-app.h"

static PrecisApplication *app;
static PrecisWindow *window;
static PrecisTestProject sample;

/* @value as C's printf writes it with @format, its point made a comma. */
static char *
german (const char *format,
        double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, format, value);
  return g_strdelimit (g_strdup (buf), ".", ',');
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  precis_test_collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_german_window (void)
{
  g_autoptr(GFile) project = precis_test_sample_project ();
  PrecisCards *cards;
  PrecisPerformancePage *page;
  const PrecisActiveResult *r = precis_active_evaluate (sample.active);
  g_autofree char *map = german ("%.3f", r->map);
  g_autofree char *f1 = german ("%.3f", r->mean_f1);
  g_autofree char *tp = g_strdup_printf ("%u", r->tp);
  PrecisChart *chart;
  g_autofree char *subtitle = NULL;

  precis_window_open (window, project);
  precis_test_wait_loaded (window);
  cards = PRECIS_CARDS (precis_window_get_cards (window));

  /* de.po: "mAP@%.2f · active" is kept, "True positives" is "Richtig Positive". */
  g_assert_cmpstr (precis_cards_get_title_text (cards, "map"), ==, "mAP@0,50 · active");
  g_assert_cmpstr (precis_cards_get_value_text (cards, "map"), ==, map);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "f1"), ==, f1);
  g_assert_cmpstr (precis_cards_get_title_text (cards, "tp"), ==, "Richtig Positive");
  g_assert_cmpstr (precis_cards_get_value_text (cards, "tp"), ==, tp);
  g_assert_nonnull (strchr (map, ','));

  /* The sidebar's slider values. */
  g_assert_true (label_shown (GTK_WIDGET (window), "_IoU-Schwelle"));
  g_assert_true (label_shown (GTK_WIDGET (window), "0,50"));
  g_assert_true (label_shown (GTK_WIDGET (window), "0,00"));
  g_assert_false (label_shown (GTK_WIDGET (window), "0.50"));

  /* The view switcher's pages ("_Performance" is "_Leistung"). */
  g_assert_true (label_shown (GTK_WIDGET (window), "_Leistung") || label_shown (GTK_WIDGET (window), "Leistung"));

  /* The charts: German subtitle, decimal comma in the threshold. */
  page = PRECIS_PERFORMANCE_PAGE (precis_window_get_performance_page (window));
  chart = precis_chart_view_ensure_chart (precis_performance_page_get_chart (page, 0));
  subtitle = precis_chart_dup_subtitle (chart);
  g_assert_nonnull (strstr (subtitle, "Protokoll active"));
  g_assert_nonnull (strstr (subtitle, "IoU ≥ 0,50"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) sample_file = NULL;
  g_autofree char *project_path = NULL;
  int status;

  /* As a German user's session would have it; PRECIS_LOCALEDIR (set by meson)
   * points at the build tree's catalogue. */
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_nonnull (g_getenv ("PRECIS_LOCALEDIR"));
  precis_i18n_init ();
  precis_test_init (&argc, &argv);
  sample_file = precis_test_sample_project ();
  project_path = g_file_get_path (sample_file);
  precis_test_project_load (&sample, project_path);
  window = precis_test_window_new (&app);

  g_test_add_func ("/locale-app/german-window", test_german_window);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  precis_test_project_clear (&sample);
  return status;
}

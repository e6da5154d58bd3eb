/* test-a11y.c: what a screen reader reads, under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows the bundled sample project (data/sample/cartucho-map). With
 * GTK's accessibility testing API this checks the roles, labels and
 * descriptions of the charts, the cards and the gallery cells, before and after
 * the IoU slider moves, against the core's evaluation computed here; and that
 * the shortcuts window lists every key the window and the explorer answer to.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>

#include "precis-cards.h"
#include "precis-chart-view.h"
#include "precis-explorer-page.h"
#include "precis-gallery-cell.h"
#include "precis-metrics-page.h"
#include "precis-performance-page.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"

static PrecisApplication *app;
static PrecisWindow *window;
static PrecisTestProject sample;
static PrecisChartView *ap_chart;

typedef struct {
  const char *name;
  double      ap;
} Ranked;

static int
ranked_cmp (const void *a,
            const void *b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->ap != rb->ap)
    return ra->ap < rb->ap ? 1 : -1;
  return strcmp (ra->name, rb->name);
}

/* The AP chart's description, written here from the core's result: the
 * subtitle, the headline, the three highest and lowest counted classes, the
 * mean over the counted classes. */
static char *
expected_ap_description (const PrecisActiveResult *r,
                         const char               *subtitle)
{
  g_autofree Ranked *ranked = g_new (Ranked, r->n_counted);
  GString *s = g_string_new (NULL);
  double sum = 0;

  for (guint i = 0; i < r->n_counted; i++)
    {
      guint32 c = r->counted[i];

      ranked[i].name = precis_dataset_get_category (sample.dataset, c)->name;
      ranked[i].ap = r->classes[c].ap;
      sum += ranked[i].ap;
    }
  qsort (ranked, r->n_counted, sizeof *ranked, ranked_cmp);
  g_assert_cmpuint (r->n_counted, >, 6);

  g_string_printf (s, "%s. mAP %.3f, mAR %.3f, mean F1 %.3f. Highest AP: ", subtitle, r->map, r->mar, r->mean_f1);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (s, "%s%s %.3f", i > 0 ? ", " : "", ranked[i].name, ranked[i].ap);
  g_string_append (s, ". Lowest AP: ");
  for (guint i = r->n_counted - 3; i < r->n_counted; i++)
    g_string_append_printf (s, "%s%s %.3f", i > r->n_counted - 3 ? ", " : "", ranked[i].name, ranked[i].ap);
  g_string_append_printf (s, ". Mean AP %.3f over %u classes.", sum / r->n_counted, r->n_counted);
  return g_string_free (s, FALSE);
}

static gboolean
description_current (void)
{
  return precis_chart_view_description_is_current (ap_chart);
}

static PrecisSidebar *
sidebar (void)
{
  return PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));
}

static void
check_at (double iou)
{
  PrecisCards *cards = PRECIS_CARDS (precis_window_get_cards (window));
  const PrecisActiveResult *r;
  g_autofree char *subtitle = NULL;
  g_autofree char *want = NULL;
  g_autofree char *tp = NULL;
  g_autofree char *fn = NULL;

  precis_active_set_threshold (sample.active, iou);
  r = precis_active_evaluate (sample.active);

  precis_test_wait_until (description_current, "the chart's description");
  subtitle = precis_chart_dup_subtitle (precis_chart_view_ensure_chart (ap_chart));
  g_assert_nonnull (strstr (subtitle, iou == 0.5 ? "IoU ≥ 0.50" : "IoU ≥ 0.75"));
  want = expected_ap_description (r, subtitle);
  gtk_test_accessible_assert_property (ap_chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, want);

  tp = g_strdup_printf ("True positives: %u", r->tp);
  fn = g_strdup_printf ("False negatives: %u", r->fn);
  gtk_test_accessible_assert_role (precis_cards_get_card (cards, "tp"), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (precis_cards_get_card (cards, "tp"), GTK_ACCESSIBLE_PROPERTY_LABEL, tp);
  gtk_test_accessible_assert_property (precis_cards_get_card (cards, "fn"), GTK_ACCESSIBLE_PROPERTY_LABEL, fn);
}

static void
test_charts_and_cards (void)
{
  g_autoptr(GFile) project = precis_test_sample_project ();
  PrecisPerformancePage *page;

  precis_window_open (window, project);
  precis_test_wait_loaded (window);
  page = PRECIS_PERFORMANCE_PAGE (precis_window_get_performance_page (window));
  ap_chart = precis_performance_page_get_chart (page, 0);
  g_assert_cmpint (precis_chart_view_get_kind (ap_chart), ==, PRECIS_CHART_PERFORMANCE);

  gtk_test_accessible_assert_role (ap_chart, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (ap_chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Average precision per class");
  check_at (0.5);

  /* The real slider: the description follows it once the rate limit lets the
   * last change through. */
  gtk_range_set_value (precis_sidebar_get_iou_scale (sidebar ()), 0.75);
  g_assert_cmpfloat (precis_sidebar_get_iou (sidebar ()), ==, 0.75);
  check_at (0.75);
}

/* "3 TP" → 3; a hidden badge is 0. */
static guint
badge_count (GtkWidget  *cell,
             const char *what)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *suffix = g_strconcat (" ", what, NULL);

  precis_test_collect_widgets (cell, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));

      if (gtk_widget_get_visible (label) && g_str_has_suffix (text, suffix) && g_ascii_isdigit (text[0]))
        return (guint) g_ascii_strtoull (text, NULL, 10);
    }
  return 0;
}

static gboolean
cells_bound (void)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n = 0;

  precis_test_collect_widgets (precis_window_get_explorer_page (window), PRECIS_TYPE_GALLERY_CELL, cells);
  for (guint i = 0; i < cells->len; i++)
    n += gtk_widget_get_mapped (g_ptr_array_index (cells, i)) &&
         precis_gallery_cell_get_image (g_ptr_array_index (cells, i)) != PRECIS_NO_INDEX;
  return n >= 4;
}

static const char *
plural (guint n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

static void
test_gallery_cells (void)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n_checked = 0;

  precis_window_set_page (window, "explorer");
  precis_test_wait_until (cells_bound, "gallery thumbnails");
  precis_test_iterate (5);

  precis_test_collect_widgets (precis_window_get_explorer_page (window), PRECIS_TYPE_GALLERY_CELL, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      guint32 image = precis_gallery_cell_get_image (PRECIS_GALLERY_CELL (cell));
      const PrecisImage *img;
      guint tp, fp, fn;
      g_autofree char *want = NULL;

      if (image == PRECIS_NO_INDEX || !gtk_widget_get_mapped (cell))
        continue;
      img = precis_dataset_get_image (precis_window_get_dataset (window), image);
      tp = badge_count (cell, "TP");
      fp = badge_count (cell, "FP");
      fn = badge_count (cell, "FN");
      want = g_strdup_printf ("%s: %u %s, %u %s, %u %s", img->file_name,
                              tp, plural (tp, "true positive", "true positives"),
                              fp, plural (fp, "false positive", "false positives"),
                              fn, plural (fn, "false negative", "false negatives"));
      gtk_test_accessible_assert_property (cell, GTK_ACCESSIBLE_PROPERTY_LABEL, want);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 4);
}

/* Metrics page ------------------------------------------------------------------ */

static PrecisMetricsPage *metrics_page;

static gboolean
metrics_ready (void)
{
  return precis_metrics_page_is_ready (metrics_page);
}

/* The Metrics page's charts are drawing areas: an image each, labelled with
 * the chart's title and described bucket by bucket (the core's words). */
static void
test_metrics_charts (void)
{
  GtkWidget *precision;
  PrecisMetricChart chart = { 0 };
  g_autofree char *title = NULL;

  precis_window_set_page (window, "metrics");
  metrics_page = PRECIS_METRICS_PAGE (precis_window_get_part (window, "metrics-page"));
  precis_test_wait_until (metrics_ready, "the Metrics page");
  precision = precis_metrics_page_get_chart (metrics_page, PRECIS_METRIC_CHART_PRECISION);
  gtk_test_accessible_assert_role (precision, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (precision, GTK_ACCESSIBLE_PROPERTY_LABEL, "Precision by area");
  chart.kind = PRECIS_METRIC_CHART_PRECISION;
  chart.metric = "area";
  title = precis_metric_chart_dup_title (&chart);
  g_assert_cmpstr (title, ==, "Precision by area");
  /* The description lists every bucket: without a listing of the last one,
   * the accessible text would stop short. */
  {
    g_autofree char *got = NULL;

    g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (precision),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Precision by area"));
    got = gtk_test_accessible_check_property (GTK_ACCESSIBLE (precision), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
    g_assert_nonnull (got);
    g_assert_nonnull (strstr (got, "Bucket 1 of 10: area ["));
    g_assert_nonnull (strstr (got, "Bucket 10 of 10: area ["));
  }
  precis_window_set_page (window, "performance");
}

/* Shortcuts window ---------------------------------------------------------- */

typedef struct {
  guint           keyval;
  GdkModifierType modifiers;
} Key;

static gboolean
key_listed (GArray *listed,
            guint   keyval,
            GdkModifierType modifiers)
{
  keyval = gdk_keyval_to_lower (keyval);
  for (guint i = 0; i < listed->len; i++)
    {
      Key *k = &g_array_index (listed, Key, i);

      if (k->keyval == keyval && k->modifiers == modifiers)
        return TRUE;
    }
  return FALSE;
}

static void
add_accelerators (GArray     *listed,
                  const char *accelerators)
{
  g_auto(GStrv) parts = g_strsplit (accelerators, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      Key k = { 0, 0 };

      if (*parts[i] == '\0')
        continue;
      g_assert_true (gtk_accelerator_parse (parts[i], &k.keyval, &k.modifiers));
      k.keyval = gdk_keyval_to_lower (k.keyval);
      g_array_append_val (listed, k);
    }
}

/* Every key of the shortcuts window: the accelerators written in it and those
 * of the actions it names. */
static GArray *
listed_keys (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/precis/Precis/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GArray *listed = g_array_new (FALSE, FALSE, sizeof (Key));

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action, NULL);
      if (accelerator != NULL)
        add_accelerators (listed, accelerator);
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

          g_assert_nonnull (accels[0]);
          for (guint i = 0; accels[i] != NULL; i++)
            add_accelerators (listed, accels[i]);
        }
    }
  /* The window's toplevel: the overlay itself must outlive the builder. */
  {
    GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

    g_assert_nonnull (overlay);
    gtk_window_destroy (GTK_WINDOW (overlay));
  }
  return listed;
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GArray) listed = listed_keys ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  GtkWidget *explorer = precis_window_get_explorer_page (window);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (explorer);
  guint n_explorer = 0;

  /* The application's accelerators (Ctrl+O, Alt+1 … Alt+4, ?, …). */
  for (guint a = 0; actions[a] != NULL; a++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[a]);

      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (accels[i], &keyval, &modifiers));
          if (!key_listed (listed, keyval, modifiers))
            g_error ("%s (%s) is not in the shortcuts window", accels[i], actions[a]);
        }
    }

  /* The explorer's keys (arrows, Page Up/Down, Alt+←, layers, zoom). */
  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *name = gtk_shortcut_trigger_to_string (trigger);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          if (!key_listed (listed, gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))))
            g_error ("the explorer's %s is not in the shortcuts window", name);
          n_explorer++;
        }
    }
  g_assert_cmpuint (n_explorer, >=, 18);
  g_assert_true (key_listed (listed, GDK_KEY_Page_Down, 0));
  g_assert_true (key_listed (listed, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_true (key_listed (listed, GDK_KEY_4, GDK_ALT_MASK));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) sample_file = NULL;
  g_autofree char *project_path = NULL;
  int status;

  /* GTK's in-process accessibility backend, which the assertions read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  precis_test_init (&argc, &argv);
  sample_file = precis_test_sample_project ();
  project_path = g_file_get_path (sample_file);
  precis_test_project_load (&sample, project_path);
  window = precis_test_window_new (&app);

  g_test_add_func ("/a11y/charts-and-cards", test_charts_and_cards);
  g_test_add_func ("/a11y/gallery-cells", test_gallery_cells);
  g_test_add_func ("/a11y/metrics-charts", test_metrics_charts);
  g_test_add_func ("/a11y/shortcuts-window", test_shortcuts_window);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  precis_test_project_clear (&sample);
  return status;
}

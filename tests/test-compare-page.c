/* test-compare-page.c: the Compare page under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens tests/data/real/coco2014-cocoapi100 (models bbox and segm,
 * the same project test-cli-compare uses). The IoU slider, the class
 * selection, the baseline drop-down and the Bootstrap and Cancel buttons are
 * driven as a user would; every cell the page shows must be the text of the
 * number `precis-cli compare PROJECT --json` (run here with the same options)
 * prints, formatted as the page formats it. The bundled one-model sample
 * gives the empty state.
 *
 * With PRECIS_COMPARE_SCREENSHOT=FILE the window (bootstrap done) is saved there.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "precis-compare-page.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"
#include "precis-test-cli.h"

static PrecisApplication *app;
static PrecisWindow *window;
static PrecisComparePage *page;

static char *three_models;   /* a temporary folder: bbox, copy, segm */

static const char *
real_project (void)
{
  return g_test_get_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
}

static const char *project;   /* the one the window shows */

static const char *
project_path (void)
{
  return project != NULL ? project : real_project ();
}

static PrecisSidebar *
sidebar (void)
{
  return PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));
}

static gboolean
page_ready (void)
{
  return precis_compare_page_is_ready (page);
}

static gboolean
bootstrap_idle (void)
{
  return precis_compare_page_bootstrap_idle (page);
}

static void
wait_ready (void)
{
  precis_test_wait_until (page_ready, "the compare page's matchers");
  precis_test_iterate (5);
}

/* `precis-cli compare PROJECT --json` with @extra options (NULL-terminated). */
static JsonNode *
cli_compare (const char *first,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "compare");
  g_ptr_array_add (args, (gpointer) project_path ());
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (run_cli ((const char * const *) args->pdata, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

static const char *
cell (guint               row,
      PrecisCompareColumn column)
{
  GtkLabel *label = precis_compare_page_get_cell (page, row, column);

  g_assert_nonnull (label);
  return gtk_label_get_text (label);
}

/* Takes @expected. */
static void
assert_cell (guint               row,
             PrecisCompareColumn column,
             char               *expected)
{
  g_assert_cmpstr (cell (row, column), ==, expected);
  g_free (expected);
}

/* Every row of the table shows the CLI's numbers for its model. */
static void
assert_table_is (JsonNode *root)
{
  JsonObject *obj = json_node_get_object (root);
  JsonArray *models = json_object_get_array_member (obj, "models");
  const char *baseline = json_object_get_string_member (obj, "baseline");
  const char *stats[] = { "mAP", "mAR", "mean_F1" };
  const char *counts[] = { "TP", "FP", "FN" };

  g_assert_cmpuint (precis_compare_page_get_n_models (page), ==, json_array_get_length (models));
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (
                     precis_compare_page_get_baseline_dropdown (page))), ==, baseline);
  for (guint row = 0; row < json_array_get_length (models); row++)
    {
      JsonObject *m = json_array_get_object_element (models, row);
      JsonObject *delta = json_object_get_object_member (m, "delta");
      JsonObject *sums = json_object_get_object_member (m, "sums");
      gboolean is_base = g_str_equal (json_object_get_string_member (m, "model"), baseline);

      for (guint s = 0; s < 3; s++)
        {
          assert_cell (row, PRECIS_COMPARE_COLUMN_MAP + s, g_strdup_printf ("%.4f", json_object_get_double_member (m, stats[s])));
          assert_cell (row, PRECIS_COMPARE_COLUMN_TP + s,
                       g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (sums, counts[s])));
          if (is_base)
            {
              g_assert_cmpstr (cell (row, PRECIS_COMPARE_COLUMN_DMAP + s), ==, "—");
              g_assert_cmpstr (cell (row, PRECIS_COMPARE_COLUMN_DTP + s), ==, "—");
              continue;
            }
          assert_cell (row, PRECIS_COMPARE_COLUMN_DMAP + s,
                       g_strdup_printf ("%+.4f", json_object_get_double_member (delta, stats[s])));
          assert_cell (row, PRECIS_COMPARE_COLUMN_DTP + s,
                       g_strdup_printf ("%+" G_GINT64_FORMAT, json_object_get_int_member (delta, counts[s])));
        }
    }
}

/* The Bootstrap section shows the CLI's interval and P(Δ > 0) of ΔmAP. */
static void
assert_bootstrap_is (JsonNode *root)
{
  JsonObject *obj = json_node_get_object (root);
  JsonArray *models = json_object_get_array_member (obj, "models");
  const char *baseline = json_object_get_string_member (obj, "baseline");
  g_autofree char *status = NULL;

  g_assert_true (precis_compare_page_bootstrap_current (page));
  for (guint row = 0; row < json_array_get_length (models); row++)
    {
      JsonObject *m = json_array_get_object_element (models, row);
      JsonArray *ci = json_object_get_array_member (json_object_get_object_member (m, "ci95"), "mAP");
      double lo = json_array_get_double_element (ci, 0), hi = json_array_get_double_element (ci, 1);
      char text[96];

      if (g_str_equal (json_object_get_string_member (m, "model"), baseline))
        {
          g_assert_cmpstr (cell (row, PRECIS_COMPARE_COLUMN_CI), ==, "—");
          g_assert_cmpstr (cell (row, PRECIS_COMPARE_COLUMN_VERDICT), ==, "baseline");
          continue;
        }
      g_snprintf (text, sizeof text, "[%+.4f, %+.4f]", lo, hi);
      g_assert_cmpstr (cell (row, PRECIS_COMPARE_COLUMN_CI), ==, text);
      assert_cell (row, PRECIS_COMPARE_COLUMN_P_BETTER,
                   g_strdup_printf ("%.3f", json_object_get_double_member (json_object_get_object_member (m, "p_better"), "mAP")));
      g_assert_cmpstr (cell (row, PRECIS_COMPARE_COLUMN_VERDICT), ==,
                       lo > 0 ? "significantly better" : hi < 0 ? "significantly worse"
                       : "not significant: the interval holds 0");
    }
  status = g_strdup_printf ("Paired bootstrap: 1000 resamples of %" G_GINT64_FORMAT " images, seed 1. "
                            "Significant: the 95 %% interval of ΔmAP excludes 0.",
                            json_object_get_int_member (json_object_get_object_member (obj, "bootstrap"), "images"));
  g_assert_cmpstr (gtk_label_get_text (precis_compare_page_get_bootstrap_status (page)), ==, status);
}

static void
click (GtkButton *button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

/* The IoU slider as the user drags it: the scale's own adjustment. */
static void
set_slider (double iou)
{
  gtk_range_set_value (precis_sidebar_get_iou_scale (sidebar ()), iou);
  g_assert_cmpfloat_with_epsilon (precis_sidebar_get_iou (sidebar ()), iou, 1e-9);
}

static void
test_empty (void)
{
  g_autoptr(GFile) sample = precis_test_sample_project ();

  precis_window_open (window, sample);
  precis_test_wait_loaded (window);
  precis_window_set_page (window, "compare");
  page = PRECIS_COMPARE_PAGE (precis_window_get_part (window, "compare-page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  wait_ready ();
  g_assert_cmpuint (precis_compare_page_get_n_models (page), ==, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (precis_compare_page_get_empty_label (page))));
  g_assert_nonnull (strstr (gtk_label_get_text (precis_compare_page_get_empty_label (page)),
                            "Import Predictions…"));
}

static void
test_open (void)
{
  g_autoptr(GFile) project = g_file_new_for_path (project_path ());
  g_autoptr(JsonNode) cli = cli_compare (NULL);

  precis_window_open (window, project);
  precis_test_wait_loaded (window);
  precis_window_set_page (window, "compare");
  wait_ready ();
  g_assert_cmpfloat (precis_sidebar_get_iou (sidebar ()), ==, 0.5);
  assert_table_is (cli);
  /* The reference of the project's SOURCE.md summary. */
  g_assert_cmpstr (cell (0, PRECIS_COMPARE_COLUMN_MAP), ==, "0.6419");
  g_assert_cmpstr (cell (1, PRECIS_COMPARE_COLUMN_MAP), ==, "0.6412");
  g_assert_cmpstr (cell (1, PRECIS_COMPARE_COLUMN_DMAP), ==, "-0.0007");
  /* The charts drew the two models. */
  for (guint i = 0; i < 3; i++)
    {
      PrecisChart *chart = precis_chart_view_ensure_chart (precis_compare_page_get_chart (page, i));

      g_assert_nonnull (chart);
    }
}

static void
test_slider (void)
{
  g_autoptr(JsonNode) at_75 = cli_compare ("--iou=0.75", NULL);
  g_autoptr(JsonNode) at_50 = cli_compare (NULL);

  set_slider (0.75);
  wait_ready ();
  assert_table_is (at_75);
  set_slider (0.5);
  wait_ready ();
  assert_table_is (at_50);
}

static void
test_classes (void)
{
  g_autoptr(JsonNode) some = cli_compare ("--classes=knife,person,cup", NULL);
  g_autoptr(JsonNode) all = cli_compare (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (precis_sidebar_select_classes (sidebar (), "knife,person,cup", &error));
  g_assert_no_error (error);
  wait_ready ();
  assert_table_is (some);
  precis_sidebar_select_all (sidebar (), TRUE);
  wait_ready ();
  assert_table_is (all);
}

static void
test_baseline (void)
{
  g_autoptr(JsonNode) segm = cli_compare ("--baseline=segm", NULL);
  g_autoptr(JsonNode) bbox = cli_compare (NULL);
  GtkDropDown *dropdown = precis_compare_page_get_baseline_dropdown (page);

  gtk_drop_down_set_selected (dropdown, 1);
  wait_ready ();
  assert_table_is (segm);
  g_assert_cmpstr (cell (0, PRECIS_COMPARE_COLUMN_DMAP), ==, "+0.0007");
  gtk_drop_down_set_selected (dropdown, 0);
  wait_ready ();
  assert_table_is (bbox);
}

static void
test_bootstrap (void)
{
  g_autoptr(JsonNode) at_50 = cli_compare ("--bootstrap=1000", "--seed=1", NULL);
  g_autoptr(JsonNode) at_75 = cli_compare ("--bootstrap=1000", "--seed=1", "--iou=0.75", NULL);
  GtkButton *boot = precis_compare_page_get_bootstrap_button (page);
  GtkLabel *status = precis_compare_page_get_bootstrap_status (page);

  /* Cancel at once: nothing shown, the button usable again. */
  click (boot);
  g_assert_false (precis_compare_page_bootstrap_idle (page));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (boot)));
  precis_test_iterate (2);
  click (precis_compare_page_get_cancel_button (page));
  g_assert_true (precis_compare_page_bootstrap_idle (page));
  g_assert_false (precis_compare_page_bootstrap_current (page));
  g_assert_cmpstr (gtk_label_get_text (status), ==, "Cancelled.");
  g_assert_cmpstr (cell (1, PRECIS_COMPARE_COLUMN_CI), ==, "—");

  click (boot);
  precis_test_wait_until (bootstrap_idle, "the bootstrap");
  assert_bootstrap_is (at_50);
  /* The summary's reference: [−0.00408, 0], not significant. */
  g_assert_cmpstr (cell (1, PRECIS_COMPARE_COLUMN_CI), ==, "[-0.0041, +0.0000]");

  /* The slider moves: out of date at once, then the same bootstrap at 0.75. */
  set_slider (0.75);
  g_assert_false (precis_compare_page_bootstrap_current (page));
  g_assert_cmpstr (gtk_label_get_text (status), ==, "Out of date: the parameters or the baseline changed.");
  precis_test_wait_until (bootstrap_idle, "the bootstrap at IoU 0.75");
  assert_bootstrap_is (at_75);

  if (g_getenv ("PRECIS_COMPARE_SCREENSHOT") != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("PRECIS_COMPARE_SCREENSHOT"));
      g_autoptr(GError) error = NULL;

      precis_test_iterate (20);
      g_assert_true (precis_window_save_screenshot (window, file, TRUE, &error));
      g_assert_no_error (error);
    }
  set_slider (0.5);
  precis_test_wait_until (bootstrap_idle, "the bootstrap at IoU 0.5");
  assert_bootstrap_is (at_50);

  /* The window re-evaluates for the protocol too: the parameters the page
   * compares with did not change, the interval stays current. */
  precis_sidebar_set_protocol (sidebar (), PRECIS_APP_PROTOCOL_COCO);
  precis_test_iterate (5);
  precis_sidebar_set_protocol (sidebar (), PRECIS_APP_PROTOCOL_ACTIVE);
  g_assert_true (precis_compare_page_bootstrap_idle (page));
  assert_bootstrap_is (at_50);
}

/* The drawn strings of chart @index, joined by "|". */
static char *
chart_texts (guint index)
{
  PrecisChart *chart = precis_chart_view_ensure_chart (precis_compare_page_get_chart (page, index));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GPtrArray) texts = NULL;
  GString *s = g_string_new (NULL);

  /* The view below the fold has not drawn: render the chart it holds. */
  g_assert_nonnull (chart);
  precis_chart_render (chart, cr, 800, 600, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  texts = precis_chart_dup_text (chart);

  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (s, "%s|", ((PrecisChartText *) g_ptr_array_index (texts, i))->text);
  return g_string_free (s, FALSE);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents (to, contents, length, &error));
  g_assert_no_error (error);
}

/* Three models: the table still matches the CLI, and the ΔAP drop-down (every
 * model but the baseline) picks the model the ΔAP chart shows. */
static void
test_three_models (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(JsonNode) cli = NULL;
  const char *files[][2] = {
    { "gt.json", "gt.json" }, { "predictions_bbox.json", "predictions_bbox.json" },
    { "predictions_bbox.json", "predictions_copy.json" }, { "predictions_segm.json", "predictions_segm.json" },
  };
  GtkDropDown *delta = precis_compare_page_get_delta_dropdown (page);
  g_autofree char *texts = NULL;

  three_models = g_dir_make_tmp ("precis-compare-page-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (real_project (), files[i][0], NULL);
      g_autofree char *to = g_build_filename (three_models, files[i][1], NULL);

      copy_file (from, to);
    }
  project = three_models;
  cli = cli_compare (NULL);
  folder = g_file_new_for_path (three_models);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (delta)));
  precis_window_open (window, folder);
  precis_test_wait_loaded (window);
  wait_ready ();
  assert_table_is (cli);
  /* A model and its copy: Δ 0 everywhere. */
  g_assert_cmpstr (precis_dataset_get_model_name (precis_window_get_dataset (window), precis_compare_page_get_model (page, 1)), ==, "copy");
  g_assert_cmpstr (cell (1, PRECIS_COMPARE_COLUMN_DMAP), ==, "+0.0000");
  g_assert_cmpstr (cell (1, PRECIS_COMPARE_COLUMN_DTP), ==, "+0");

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (delta)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (delta)), ==, 2);
  texts = chart_texts (2);
  g_assert_nonnull (strstr (texts, "ΔAP@0.50 of copy against the baseline bbox, per class"));
  g_clear_pointer (&texts, g_free);
  gtk_drop_down_set_selected (delta, 1);
  precis_test_iterate (2);
  texts = chart_texts (2);
  g_assert_nonnull (strstr (texts, "ΔAP@0.50 of segm against the baseline bbox, per class"));
  g_clear_pointer (&texts, g_free);

  /* Baseline segm: the drop-down lists bbox and copy, segm's row is shown no more. */
  gtk_drop_down_set_selected (precis_compare_page_get_baseline_dropdown (page), 2);
  precis_test_iterate (2);
  texts = chart_texts (2);
  g_assert_nonnull (strstr (texts, "ΔAP@0.50 of bbox against the baseline segm, per class"));
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (delta)), ==, "bbox");
}

int
main (int    argc,
      char **argv)
{
  int status;

  precis_test_init (&argc, &argv);
  window = precis_test_window_new (&app);

  g_test_add_func ("/compare-page/empty", test_empty);
  g_test_add_func ("/compare-page/open", test_open);
  g_test_add_func ("/compare-page/slider", test_slider);
  g_test_add_func ("/compare-page/classes", test_classes);
  g_test_add_func ("/compare-page/baseline", test_baseline);
  g_test_add_func ("/compare-page/bootstrap", test_bootstrap);
  g_test_add_func ("/compare-page/three-models", test_three_models);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (three_models != NULL)
    {
      const char *names[] = { "gt.json", "predictions_bbox.json", "predictions_copy.json", "predictions_segm.json" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (three_models, names[i], NULL);

          g_remove (path);
        }
      g_rmdir (three_models);
      g_free (three_models);
    }
  return status;
}

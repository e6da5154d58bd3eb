/* test-metrics-page.c: the Metrics page under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows the bundled sample project (data/sample/cartucho-map). The
 * metric is chosen in the page's drop-down; the numbers the charts draw must be
 * those of `precis-cli metrics PROJECT --metric NAME --json` (run here), before
 * and after the IoU slider moves; a click on a bucket must leave the explorer
 * listing exactly the images holding that bucket's counted objects, found here
 * from the core's values and outcomes and the CLI's bucket edges.
 *
 * With PRECIS_METRICS_SCREENSHOT=FILE the window is saved there (1280×800).
 */

#include "config.h"

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "precis-explorer-page.h"
#include "precis-metrics-page.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"
#include "precis-test-cli.h"

static PrecisApplication *app;
static PrecisWindow *window;
static PrecisMetricsPage *page;
static PrecisExplorerPage *explorer;
static PrecisTestProject sample;
static char *project_path;

/* Ready, and every chart drew what it now holds. */
static gboolean
page_ready (void)
{
  return precis_metrics_page_is_ready (page);
}

static void
wait_drawn (void)
{
  precis_test_wait_until (page_ready, "the metrics worker");
  for (guint i = 0; i < 4; i++)
    gtk_widget_queue_draw (precis_metrics_page_get_chart (page, i));
  precis_test_iterate (20);
}

static char *
join_texts (GPtrArray *texts)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (s, "%s|", (const char *) g_ptr_array_index (texts, i));
  return g_string_free (s, FALSE);
}

static JsonNode *
cli_metrics_in (const char *metric,
                double      iou,
                const char *area_range)
{
  g_autofree char *out = NULL, *err = NULL;
  char iou_arg[G_ASCII_DTOSTR_BUF_SIZE + 8];
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_autofree char *area_arg = g_strdup_printf ("--area-range=%s", area_range);

  g_snprintf (iou_arg, sizeof iou_arg, "--iou=%.2f", iou);
  g_assert_cmpint (run_cli_v (&out, &err, "metrics", project_path, "--metric", metric, iou_arg,
                              area_arg, "--json", NULL), ==, 0);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

static JsonNode *
cli_metrics (const char *metric,
             double      iou)
{
  return cli_metrics_in (metric, iou, "0:inf");
}

static guint
select_metric (const char *name)
{
  GtkDropDown *dropdown = precis_metrics_page_get_metric_dropdown (page);
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return i;
      }
  g_error ("no metric %s in the drop-down", name);
}

static gboolean
texts_contain_in_order (GPtrArray          *texts,
                        const char * const *wanted,
                        guint               n)
{
  guint j = 0;

  for (guint i = 0; i < texts->len && j < n; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), wanted[j]))
      j++;
  return j == n;
}

/* The two bucket charts drew the CLI's precision, FN rate and counts. */
static void
assert_charts_are (JsonNode   *root,
                   const char *metric)
{
  JsonArray *buckets = json_object_get_array_member (json_node_get_object (root), "buckets");
  guint n = json_array_get_length (buckets);
  GPtrArray *ptexts = precis_metrics_page_get_texts (page, PRECIS_METRIC_CHART_PRECISION);
  GPtrArray *ftexts = precis_metrics_page_get_texts (page, PRECIS_METRIC_CHART_FN_RATE);
  g_autoptr(GPtrArray) pw = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fw = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = g_strdup_printf ("Precision by %s", metric);

  g_assert_cmpuint (n, ==, 10);
  g_assert_nonnull (ptexts);
  g_assert_nonnull (ftexts);
  g_assert_cmpstr (g_ptr_array_index (ptexts, 0), ==, title);
  for (guint k = 0; k < n; k++)
    {
      JsonObject *b = json_array_get_object_element (buckets, k);
      JsonNode *p = json_object_get_member (b, "precision"), *f = json_object_get_member (b, "fn_rate");

      g_ptr_array_add (pw, JSON_NODE_HOLDS_NULL (p) ? g_strdup ("–") : g_strdup_printf ("%.2f", json_node_get_double (p)));
      g_ptr_array_add (pw, g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (b, "predictions")));
      g_ptr_array_add (fw, JSON_NODE_HOLDS_NULL (f) ? g_strdup ("–") : g_strdup_printf ("%.2f", json_node_get_double (f)));
      g_ptr_array_add (fw, g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (b, "gt")));
    }
  g_assert_true (texts_contain_in_order (ptexts, (const char * const *) pw->pdata, pw->len));
  g_assert_true (texts_contain_in_order (ftexts, (const char * const *) fw->pdata, fw->len));

  /* The hover tooltip of the first bucket gives its counts. */
  {
    JsonObject *b = json_array_get_object_element (buckets, 0);
    g_autofree char *tip = precis_metrics_page_describe (page, PRECIS_METRIC_CHART_PRECISION, 0);
    g_autofree char *counts = g_strdup_printf ("%" G_GINT64_FORMAT " predictions: %" G_GINT64_FORMAT " TP, %" G_GINT64_FORMAT " FP",
                                               json_object_get_int_member (b, "predictions"),
                                               json_object_get_int_member (b, "TP"),
                                               json_object_get_int_member (b, "FP"));

    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, counts));
  }
}

static PrecisSidebar *
sidebar (void)
{
  return PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));
}

static void
test_open (void)
{
  g_autoptr(GFile) project = precis_test_sample_project ();

  precis_window_open (window, project);
  precis_test_wait_loaded (window);
  precis_window_set_page (window, "metrics");
  page = PRECIS_METRICS_PAGE (precis_window_get_part (window, "metrics-page"));
  explorer = PRECIS_EXPLORER_PAGE (precis_window_get_part (window, "explorer-page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  wait_drawn ();
  /* The drop-down offers every built-in metric. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (precis_metrics_page_get_metric_dropdown (page))), ==, 12);
}

static void
test_metric_and_slider (void)
{
  g_autoptr(JsonNode) at_50 = cli_metrics ("width", 0.5);
  g_autoptr(JsonNode) at_75 = cli_metrics ("width", 0.75);
  g_autofree char *before = NULL;

  g_assert_cmpfloat (precis_sidebar_get_iou (sidebar ()), ==, 0.5);
  select_metric ("width");
  wait_drawn ();
  assert_charts_are (at_50, "width");
  before = join_texts (precis_metrics_page_get_texts (page, PRECIS_METRIC_CHART_PRECISION));

  precis_sidebar_set_iou (sidebar (), 0.75);
  wait_drawn ();
  assert_charts_are (at_75, "width");
  {
    g_autofree char *after = join_texts (precis_metrics_page_get_texts (page, PRECIS_METRIC_CHART_PRECISION));

    g_assert_cmpstr (before, !=, after);
  }
  precis_sidebar_set_iou (sidebar (), 0.5);
  wait_drawn ();
}

static gboolean
image_metrics_done (void)
{
  return precis_metrics_page_has_image_metrics (page);
}

/* Brightness, contrast and sharpness: decoded once the page was shown (in
 * test_open), then charted exactly as `precis-cli metrics --metric NAME` (which
 * reads the same values back from the cache, XDG_CACHE_HOME set by meson). */
static void
test_image_metrics (void)
{
  const char *names[] = { "brightness", "contrast", "sharpness" };

  precis_test_wait_until (image_metrics_done, "the image metrics");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (precis_metrics_page_get_image_metrics_button (page)))));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonNode) want = cli_metrics (names[i], 0.5);
      JsonObject *undefined = json_object_get_object_member (json_node_get_object (want), "undefined");

      /* Every sample image is on disk and decodes: every object has a value. */
      g_assert_cmpint (json_object_get_int_member (undefined, "gt"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (undefined, "predictions"), ==, 0);
      select_metric (names[i]);
      wait_drawn ();
      assert_charts_are (want, names[i]);
    }
  select_metric ("area");
  wait_drawn ();
}

static gboolean
explorer_shown (void)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (explorer), GTK_TYPE_STACK));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "explorer") == 0;
}

static gboolean
in_bucket (double v, double lo, double hi, gboolean last)
{
  return !isnan (v) && v >= lo && (v < hi || (last && v <= hi));
}

/* A click in the middle of bucket @k of the precision chart. */
static void
test_bucket_click (void)
{
  const guint k = 3;
  g_autoptr(JsonNode) root = cli_metrics ("width", 0.5);
  JsonArray *buckets = json_object_get_array_member (json_node_get_object (root), "buckets");
  JsonObject *b = json_array_get_object_element (buckets, k);
  double lo = json_object_get_double_member (b, "lo"), hi = json_object_get_double_member (b, "hi");
  g_autoptr(PrecisMetrics) metrics = precis_metrics_new (sample.active, NULL);
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (sample.dataset);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  guint n_images = precis_dataset_get_n_images (sample.dataset);
  g_autofree guint8 *expected = g_new0 (guint8, n_images);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint32));
  GtkWidget *area = precis_metrics_page_get_chart (page, PRECIS_METRIC_CHART_PRECISION);
  PrecisMetricChart chart = { .kind = PRECIS_METRIC_CHART_PRECISION, .n_buckets = 10 };
  PrecisMetricBucket dummy[10] = { { 0 } };
  const double *v;
  guint n_expected = 0;
  double x = -1;

  precis_active_set_threshold (sample.active, 0.5);
  precis_active_evaluate (sample.active);
  v = precis_metrics_get_values (metrics, precis_metrics_find (metrics, "width"));
  for (guint p = 0; p < dt->n; p++)
    if (in_bucket (v[gt->n + p], lo, hi, FALSE) &&
        precis_active_get_prediction_outcome (sample.active, p) != PRECIS_PREDICTION_FILTERED)
      expected[dt->image[p]] = 1;
  for (guint g = 0; g < gt->n; g++)
    {
      PrecisGtOutcome o = precis_active_get_gt_outcome (sample.active, g);

      if (in_bucket (v[g], lo, hi, FALSE) && (o == PRECIS_GT_MATCHED || o == PRECIS_GT_FN))
        expected[gt->image[g]] = 1;
    }
  for (guint i = 0; i < n_images; i++)
    n_expected += expected[i];
  g_assert_cmpuint (n_expected, >, 0);
  g_assert_cmpuint (n_expected, <, n_images);

  /* Where bucket k is drawn, by the core's own hit test. */
  chart.buckets = dummy;
  for (int px = 0; px < gtk_widget_get_width (area) && x < 0; px++)
    if (precis_metric_chart_hit (&chart, gtk_widget_get_width (area), gtk_widget_get_height (area),
                                 px, gtk_widget_get_height (area) / 2.0) == (int)k)
      x = px + 4;
  g_assert_cmpfloat (x, >, 0);
  precis_metrics_page_click (page, PRECIS_METRIC_CHART_PRECISION, x, gtk_widget_get_height (area) / 2.0);
  precis_test_wait_until (explorer_shown, "the explorer after a bucket click");

  g_assert_true (precis_explorer_page_get_gallery_images (explorer, shown));
  g_test_message ("bucket %u [%g, %g): %u images", k, lo, hi, n_expected);
  g_assert_cmpuint (shown->len, ==, n_expected);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpuint (expected[g_array_index (shown, guint32, i)], ==, 1);
  precis_window_set_page (window, "metrics");
}

/* A click on a summary bar selects that metric. */
static void
test_summary_click (void)
{
  GtkDropDown *dropdown = precis_metrics_page_get_metric_dropdown (page);
  GtkWidget *area = precis_metrics_page_get_chart (page, PRECIS_METRIC_CHART_IMPORTANCE);
  g_autofree char *tip = precis_metrics_page_describe (page, PRECIS_METRIC_CHART_IMPORTANCE, 8);

  wait_drawn ();
  /* The top row is the most important metric: on the sample, iou (8). */
  g_assert_true (g_str_has_prefix (tip, "iou: "));
  precis_metrics_page_click (page, PRECIS_METRIC_CHART_IMPORTANCE, gtk_widget_get_width (area) / 2.0, 18 + 20 + 16 + 10 + 5);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 8);
  wait_drawn ();

  if (g_getenv ("PRECIS_METRICS_SCREENSHOT") != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("PRECIS_METRICS_SCREENSHOT"));
      g_autoptr(GError) error = NULL;

      select_metric ("area");
      wait_drawn ();
      g_assert_true (precis_window_save_screenshot (window, file, TRUE, &error));
      g_assert_no_error (error);
    }
}

/* The sidebar's object-size filter reaches the page: COCO's small range. */
static void
test_size_filter (void)
{
  g_autoptr(JsonNode) all = cli_metrics ("width", 0.5);
  g_autoptr(JsonNode) small = cli_metrics_in ("width", 0.5, "small");

  select_metric ("width");
  wait_drawn ();
  assert_charts_are (all, "width");
  precis_sidebar_set_size (sidebar (), 1);
  wait_drawn ();
  assert_charts_are (small, "width");
  precis_sidebar_set_size (sidebar (), 0);
  wait_drawn ();
  assert_charts_are (all, "width");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) sample_file = NULL;
  int status;

  precis_test_init (&argc, &argv);
  sample_file = precis_test_sample_project ();
  project_path = g_file_get_path (sample_file);
  precis_test_project_load (&sample, project_path);
  window = precis_test_window_new (&app);

  g_test_add_func ("/metrics-page/open", test_open);
  g_test_add_func ("/metrics-page/metric-and-slider", test_metric_and_slider);
  g_test_add_func ("/metrics-page/bucket-click", test_bucket_click);
  g_test_add_func ("/metrics-page/summary-click", test_summary_click);
  g_test_add_func ("/metrics-page/size-filter", test_size_filter);
  g_test_add_func ("/metrics-page/image-metrics", test_image_metrics);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  precis_test_project_clear (&sample);
  g_free (project_path);
  return status;
}

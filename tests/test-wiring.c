/* test-wiring.c: the window's controls reach what its charts and explorer draw (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real PrecisWindow opens the bundled sample (data/sample/cartucho-map) and
 * the test drives it through its widgets only: the IoU GtkScale, the class
 * list's search entry and All / None buttons, the protocol toggle buttons,
 * the shape drop-down, the explorer's outcome filter. After each change the
 * main loop runs, and the test reads what the window draws: the chart each
 * PrecisChartView of the performance page last built for its snapshot (its
 * model, title, subtitle and exported metadata), the explorer gallery's
 * items, count label and per-thumbnail outcome badges, the cards. Every
 * expected number comes from the core evaluated here, independently of the
 * window's evaluator (a PrecisActive or PrecisCocoEval of the test's own).
 *
 * The equalities are exact (`==`): the window and the test run the same
 * deterministic core code on the same input.
 *
 * Waiting is by condition with a generous deadline, never by a fixed delay;
 * a condition that does not come true by the deadline fails the test.
 *
 * This file: the window's set-up, the helpers test-wiring.h shares, the
 * charts, the shape switch and cancellation; test-wiring-coco.c: the
 * explorer's outcomes and the protocol switch.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "precis-active.h"
#include "precis-application.h"
#include "precis-cards.h"
#include "precis-chart-view.h"
#include "precis-cocoeval.h"
#include "precis-explorer-page.h"
#include "precis-gallery-cell.h"
#include "precis-gallery-model.h"
#include "precis-performance-page.h"
#include "precis-png.h"
#include "precis-sidebar.h"
#include "precis-synth.h"
#include "precis-test-app.h"
#include "precis-window.h"
#include "test-wiring.h"

#define DEADLINE_S 20

static PrecisApplication *app;
PrecisWindow *window;

/* Waiting ----------------------------------------------------------------------- */

/* Runs the main loop until @cond holds; FALSE when the deadline passed first. */
gboolean
spin_until (Condition cond,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      /* Blocking: every source (frame clock, idles, timeouts, task results)
       * wakes it; a short timeout keeps the deadline checked. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

static gboolean
not_loading (gpointer data)
{
  return !precis_window_is_loading (window);
}

void
wait_loaded (void)
{
  g_assert_true (spin_until (not_loading, NULL));
}

/* Widgets ------------------------------------------------------------------------- */

PrecisSidebar *
sidebar (void)
{
  return PRECIS_SIDEBAR (precis_window_get_sidebar (window));
}

PrecisPerformancePage *
performance_page (void)
{
  return PRECIS_PERFORMANCE_PAGE (precis_window_get_performance_page (window));
}

/* What a pointer drag on the scale does: GtkRange's value. */
void
move_slider (double value)
{
  GtkRange *scale = precis_sidebar_get_iou_scale (sidebar ());

  g_assert_true (GTK_IS_SCALE (scale));
  gtk_range_set_value (scale, value);
}

/* What a pointer click on a button ends in: "clicked", which a toggle button
 * turns into a toggle (gtk_widget_activate() would delay it by 250 ms). */
void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The reference ------------------------------------------------------------------- */

static guint32
category_index (const char *name)
{
  PrecisDataset *dataset = precis_window_get_dataset (window);

  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    if (g_str_equal (precis_dataset_get_category (dataset, c)->name, name))
      return c;
  g_assert_not_reached ();
}

/* The core's evaluation at @threshold for @mask (NULL: all classes), on
 * @matcher (NULL: the window's), by an evaluator of the test's own. */
PrecisActive *
reference_active (PrecisMatcher *matcher,
                  double         threshold,
                  const guint8  *mask)
{
  PrecisActive *active = precis_active_new (matcher != NULL ? matcher : precis_window_get_matcher (window));

  precis_active_set_threshold (active, threshold);
  if (mask != NULL)
    precis_active_set_classes (active, mask);
  precis_active_evaluate (active);
  return active;
}

/* The charts ------------------------------------------------------------------------ */

/* Every number a chart of the window shows equals the core's. */
static void
check_chart (PrecisChart              *chart,
             const PrecisActiveResult *ref,
             double                    threshold,
             const char               *iou_type)
{
  PrecisChartModel *model = precis_chart_get_model (chart);
  const PrecisChartSummary *s = precis_chart_model_get_summary (model);
  g_autofree char *subtitle = precis_chart_dup_subtitle (chart);
  g_autofree char *at = g_strdup_printf ("IoU ≥ %.2f", threshold);
  guint n_selected = 0;

  g_assert_cmpfloat (s->threshold, ==, threshold);
  g_assert_cmpstr (s->protocol, ==, "active");
  g_assert_cmpstr (s->iou_type, ==, iou_type);
  g_assert_cmpfloat (s->map, ==, ref->map);
  g_assert_cmpfloat (s->mar, ==, ref->mar);
  g_assert_cmpfloat (s->mean_f1, ==, ref->mean_f1);
  g_assert_cmpuint (s->tp, ==, ref->tp);
  g_assert_cmpuint (s->fp, ==, ref->fp);
  g_assert_cmpuint (s->fn, ==, ref->fn);
  /* The threshold the reader sees. */
  g_assert_nonnull (strstr (subtitle, at));

  for (guint c = 0; c < ref->n_classes; c++)
    n_selected += ref->classes[c].selected;
  g_assert_cmpuint (precis_chart_model_get_n_classes (model), ==, n_selected);

  for (guint i = 0; i < precis_chart_model_get_n_classes (model); i++)
    {
      const PrecisChartCategory *k = precis_chart_model_get_class (model, i);
      const PrecisActiveClassResult *r;

      g_assert_cmpuint (k->category, <, ref->n_classes);
      r = &ref->classes[k->category];
      g_assert_true (r->selected);
      g_assert_cmpuint (k->counted, ==, r->counted);
      g_assert_cmpuint (k->n_gt, ==, r->n_gt);
      g_assert_cmpuint (k->tp, ==, r->tp);
      g_assert_cmpuint (k->fp, ==, r->fp);
      g_assert_cmpuint (k->fn, ==, r->fn);
      g_assert_cmpuint (k->ignored, ==, r->ignored);
      g_assert_cmpfloat (k->precision, ==, r->precision);
      g_assert_cmpfloat (k->recall, ==, r->recall);
      g_assert_cmpfloat (k->f1, ==, r->f1);
      g_assert_cmpfloat (k->ap, ==, r->ap);
    }
}

typedef struct {
  PrecisChartView          *view;
  const PrecisActiveResult *ref;
  double                    threshold;
  const char               *iou_type;
} DrawnAs;

/* The view has drawn (snapshot) a chart with the reference's totals. */
static gboolean
drawn_as (gpointer data)
{
  DrawnAs *d = data;
  PrecisChart *chart = precis_chart_view_get_chart (d->view);
  const PrecisChartSummary *s;

  if (chart == NULL)
    return FALSE;
  s = precis_chart_model_get_summary (precis_chart_get_model (chart));
  return s->threshold == d->threshold && g_strcmp0 (s->iou_type, d->iou_type) == 0 && s->map == d->ref->map && s->tp == d->ref->tp &&
         s->fp == d->ref->fp && s->fn == d->ref->fn;
}

/* The strings of @role in the text layer, in drawing order. */
static GPtrArray *
texts_of (GPtrArray           *texts,
          PrecisChartTextRole  role)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < texts->len; i++)
    {
      const PrecisChartText *t = g_ptr_array_index (texts, i);

      if (t->role == role)
        g_ptr_array_add (found, t->text);
    }
  return found;
}

/* What the on-screen AP chart drew, read back from its text layer: each row
 * named after a class carries the core's AP of that class as its value label
 * (rows that fold several classes are left to the chart's own tests), and the
 * headline the core's mAP. */
static void
check_drawn_text (PrecisChart              *chart,
                  const PrecisActiveResult *ref)
{
  g_autoptr(GPtrArray) texts = precis_chart_dup_text (chart);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) headline = NULL;
  g_autofree char *map = g_strdup_printf ("mAP@%.2f %.3f", ref->threshold, ref->map);
  PrecisDataset *dataset = precis_window_get_dataset (window);
  guint n_named = 0;

  g_assert_cmpint (precis_chart_get_kind (chart), ==, PRECIS_CHART_PERFORMANCE);
  g_assert_nonnull (texts);
  names = texts_of (texts, PRECIS_CHART_TEXT_CLASS);
  values = texts_of (texts, PRECIS_CHART_TEXT_VALUE);
  headline = texts_of (texts, PRECIS_CHART_TEXT_HEADLINE);
  g_assert_cmpuint (names->len, ==, values->len);
  for (guint i = 0; i < names->len; i++)
    for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
      if (g_str_equal (precis_dataset_get_category (dataset, c)->name, g_ptr_array_index (names, i)))
        {
          g_autofree char *ap = g_strdup_printf ("%.2f", ref->classes[c].ap);

          g_assert_true (g_str_has_prefix (g_ptr_array_index (values, i), ap));
          n_named++;
        }
  g_assert_cmpuint (n_named, >, 0);
  g_assert_cmpuint (headline->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (headline, 0), map));
}

/* The first chart (on screen) draws the new numbers by itself; every chart of
 * the page, drawn now, shows them. */
void
check_charts (PrecisMatcher *matcher,
              double         threshold,
              const guint8  *mask,
              const char    *iou_type)
{
  PrecisPerformancePage *page = performance_page ();
  g_autoptr(PrecisActive) ref = reference_active (matcher, threshold, mask);
  DrawnAs d = { precis_performance_page_get_chart (page, 0), precis_active_evaluate (ref), threshold,
                iou_type };

  /* Wait for the snapshot; whatever it drew then must pass every check. */
  spin_until (drawn_as, &d);
  g_assert_nonnull (precis_chart_view_get_chart (d.view));
  check_chart (precis_chart_view_get_chart (d.view), d.ref, threshold, iou_type);
  check_drawn_text (precis_chart_view_get_chart (d.view), d.ref);

  for (guint i = 0; i < precis_performance_page_get_n_charts (page); i++)
    {
      PrecisChart *chart = precis_chart_view_ensure_chart (precis_performance_page_get_chart (page, i));

      g_assert_nonnull (chart);
      check_chart (chart, precis_active_evaluate (ref), threshold, iou_type);
    }
}

/* Tests ----------------------------------------------------------------------------- */

GFile *
sample_file (const char *name)
{
  return g_file_new_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", name, NULL);
}

static void
test_open_sample (void)
{
  g_autoptr(GFile) project = sample_file (NULL);

  precis_window_open (window, project);
  wait_loaded ();
  g_assert_null (precis_window_get_error_text (window));
  g_assert_nonnull (precis_window_get_matcher (window));
  precis_window_set_page (window, "performance");
  check_charts (NULL, precis_sidebar_get_iou (sidebar ()), NULL, "bbox");
}

static void
test_slider_redraws_charts (void)
{
  static const double thresholds[] = { 0.3, 0.75, 0.95, 0.1, 0.5 };

  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      move_slider (thresholds[i]);
      g_assert_cmpfloat (precis_sidebar_get_iou (sidebar ()), ==, thresholds[i]);
      check_charts (NULL, thresholds[i], NULL, "bbox");
    }
}

static gboolean
list_has_one (gpointer data)
{
  return g_list_model_get_n_items (precis_sidebar_get_classes (sidebar ())) == 1;
}

static gboolean
list_has_all (gpointer data)
{
  return g_list_model_get_n_items (precis_sidebar_get_classes (sidebar ())) ==
         precis_dataset_get_n_categories (precis_window_get_dataset (window));
}

/* Selects exactly the classes of @names through the search entry and the
 * All / None buttons; returns the mask the test expects. */
static guint8 *
select_through_widgets (const char * const *names)
{
  GtkWidget *root = GTK_WIDGET (sidebar ());
  GtkEditable *search = GTK_EDITABLE (precis_test_find_one (root, GTK_TYPE_SEARCH_ENTRY));
  GtkWidget *all = precis_test_find_button (root, GTK_TYPE_BUTTON, "All", NULL);
  GtkWidget *none = precis_test_find_button (root, GTK_TYPE_BUTTON, "None", NULL);
  guint n_categories = precis_dataset_get_n_categories (precis_window_get_dataset (window));
  guint8 *mask = g_malloc0 (n_categories);

  gtk_editable_set_text (search, "");
  click (none);
  for (guint i = 0; names[i] != NULL; i++)
    {
      /* The search matches substrings: the names used here match one class. */
      gtk_editable_set_text (search, names[i]);
      /* The entry reports the search after its delay. */
      g_assert_true (spin_until (list_has_one, NULL));
      click (all);
      mask[category_index (names[i])] = 1;
    }
  gtk_editable_set_text (search, "");
  g_assert_true (spin_until (list_has_all, NULL));

  {
    const guint8 *shown = precis_sidebar_get_class_mask (sidebar (), NULL);

    for (guint c = 0; c < n_categories; c++)
      g_assert_cmpuint (!!shown[c], ==, mask[c]);
  }
  return mask;
}

static void
test_class_selection_redraws_charts (void)
{
  static const char * const names[] = { "chair", "person", NULL };
  g_autofree guint8 *mask = NULL;

  move_slider (0.4);
  mask = select_through_widgets (names);
  check_charts (NULL, 0.4, mask, "bbox");

  /* And the slider with a selection. */
  move_slider (0.6);
  check_charts (NULL, 0.6, mask, "bbox");

  click (precis_test_find_button (GTK_WIDGET (sidebar ()), GTK_TYPE_BUTTON, "All", NULL));
  check_charts (NULL, 0.6, NULL, "bbox");
}

static char *
read_string_member (JsonObject *object,
                    const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return g_strdup (json_object_get_string_member (object, member));
}

static void
test_export_metadata (void)
{
  static const char * const names[] = { "chair", "pottedplant", NULL };
  PrecisPerformancePage *page = performance_page ();
  g_autofree guint8 *mask = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisActive) ref = NULL;
  const PrecisActiveResult *result;

  move_slider (0.65);
  mask = select_through_widgets (names);
  check_charts (NULL, 0.65, mask, "bbox");
  ref = reference_active (NULL, 0.65, mask);
  result = precis_active_evaluate (ref);

  dir = g_dir_make_tmp ("precis-test-wiring-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < precis_performance_page_get_n_charts (page); i++)
    {
      PrecisChartView *view = precis_performance_page_get_chart (page, i);
      g_autofree char *name = precis_chart_view_dup_file_name (view);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GHashTable) texts = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *protocol = NULL;
      g_autofree char *iou_type = NULL;
      JsonObject *root;
      JsonArray *classes;
      guint width = 0, height = 0;
      const char *json;

      g_assert_true (precis_chart_view_save_png (view, path, FALSE, &error));
      g_assert_no_error (error);
      g_assert_true (precis_png_read_info (path, &width, &height, &texts, &error));
      g_assert_no_error (error);
      json = g_hash_table_lookup (texts, "precis:evaluation");
      g_assert_nonnull (json);
      g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));

      /* The values, not only the keys: the window's threshold and classes. */
      g_assert_cmpfloat (json_object_get_double_member (root, "iou_threshold"), ==, 0.65);
      protocol = read_string_member (root, "protocol");
      g_assert_cmpstr (protocol, ==, "active");
      iou_type = read_string_member (root, "iou_type");
      g_assert_cmpstr (iou_type, ==, "bbox");
      g_assert_cmpfloat (json_object_get_double_member (root, "mAP"), ==, result->map);
      g_assert_cmpint (json_object_get_int_member (root, "TP"), ==, result->tp);
      g_assert_cmpint (json_object_get_int_member (root, "FP"), ==, result->fp);
      g_assert_cmpint (json_object_get_int_member (root, "FN"), ==, result->fn);

      classes = json_object_get_array_member (root, "classes");
      g_assert_cmpuint (json_array_get_length (classes), ==, 2);
      for (guint k = 0; k < json_array_get_length (classes); k++)
        {
          JsonObject *c = json_array_get_object_element (classes, k);
          g_autofree char *class_name = read_string_member (c, "name");

          g_assert_true (g_strv_contains (names, class_name));
          g_assert_cmpint (json_object_get_int_member (c, "TP"), ==,
                           result->classes[category_index (class_name)].tp);
        }
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  click (precis_test_find_button (GTK_WIDGET (sidebar ()), GTK_TYPE_BUTTON, "All", NULL));
  move_slider (0.5);
  check_charts (NULL, 0.5, NULL, "bbox");
}

static GFile *
derived_file (const char *name)
{
  return g_file_new_build_filename (SOURCE_DIR, "tests", "data", "derived", name, NULL);
}

/* Selects the shape @label in the sidebar's drop-down. */
static void
choose_shape (const char *label)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  GtkDropDown *shape = NULL;
  guint found = GTK_INVALID_LIST_POSITION;

  /* The sidebar has two drop-downs, the shape and the object size: the shape's
   * is the one that lists @label. */
  precis_test_collect_widgets (GTK_WIDGET (sidebar ()), GTK_TYPE_DROP_DOWN, dropdowns);
  for (guint d = 0; d < dropdowns->len; d++)
    {
      GListModel *names = gtk_drop_down_get_model (g_ptr_array_index (dropdowns, d));

      for (guint i = 0; GTK_IS_STRING_LIST (names) && i < g_list_model_get_n_items (names); i++)
        if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), label))
          {
            g_assert_null (shape);
            shape = g_ptr_array_index (dropdowns, d);
            found = i;
          }
    }
  g_assert_nonnull (shape);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (shape)));
  gtk_drop_down_set_selected (shape, found);
}

/* The window's charts at the slider's threshold equal a matcher of the test's own. */
static void
check_shape (PrecisIouType type,
             const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;

  g_assert_cmpint (precis_matcher_get_iou_type (precis_window_get_matcher (window)), ==, type);
  matcher = precis_matcher_new (precis_window_get_dataset (window), 0, type, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_charts (matcher, 0.5, NULL, name);
}

static void
test_iou_type_switch (void)
{
  g_autoptr(GFile) gt = derived_file ("segm-gt.json");
  g_autoptr(GFile) pred = derived_file ("segm-results.json");
  GFile *preds[] = { pred };

  /* Masks, which also carry boxes: the window picks the masks. */
  precis_window_open_files (window, gt, preds, 1, NULL);
  wait_loaded ();
  g_assert_null (precis_window_get_error_text (window));
  check_shape (PRECIS_IOU_SEGM, "segm");

  choose_shape ("Bounding box");
  wait_loaded ();
  check_shape (PRECIS_IOU_BBOX, "bbox");

  choose_shape ("Mask (polygon or RLE)");
  wait_loaded ();
  check_shape (PRECIS_IOU_SEGM, "segm");
}

/* Cancellation after the work has started ------------------------------------ */

typedef struct {
  GCancellable *cancellable;
  guint         n_calls;
} CancelOnProgress;

static void
cancel_on_progress (double      fraction,
                    const char *stage,
                    gpointer    user_data)
{
  CancelOnProgress *c = user_data;

  /* The second report: the loader is past its start. */
  if (++c->n_calls == 2)
    g_cancellable_cancel (c->cancellable);
}

static void
test_core_cancel_from_progress (void)
{
  g_autoptr(GFile) project = sample_file (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelOnProgress c = { cancellable, 0 };
  PrecisDataset *dataset;
  PrecisMatcher *matcher;
  g_autoptr(PrecisDataset) loaded = NULL;

  dataset = precis_dataset_load_project (project, cancellable, cancel_on_progress, &c, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (dataset);
  g_assert_cmpuint (c.n_calls, >=, 2);
  g_clear_error (&error);

  loaded = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_reset (cancellable);
  c.n_calls = 0;
  matcher = precis_matcher_new (loaded, 0, PRECIS_IOU_BBOX, 0, cancellable, cancel_on_progress, &c, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (matcher);
  g_assert_cmpuint (c.n_calls, >=, 2);
}

static gboolean
progress_started (gpointer data)
{
  GtkProgressBar *bar = data;

  return gtk_progress_bar_get_fraction (bar) > 0 || !precis_window_is_loading (window);
}

static void
test_window_cancel_while_running (void)
{
  PrecisSynthParams params = { 4000, 30, PRECIS_IOU_BBOX, 21 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-test-wiring-XXXXXX", &error);
  g_autoptr(GFile) project = NULL;
  g_autofree char *gt = NULL;
  g_autofree char *pred = NULL;
  GtkProgressBar *bar = GTK_PROGRESS_BAR (precis_test_find_one (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR));
  PrecisDataset *before = precis_window_get_dataset (window);
  PrecisMatcher *matcher_before = precis_window_get_matcher (window);

  g_assert_no_error (error);
  project = g_file_new_for_path (dir);
  g_assert_true (precis_synth_write (&params, project, NULL, NULL, &error));
  g_assert_no_error (error);

  precis_window_open (window, project);
  g_assert_true (precis_window_is_loading (window));
  /* The worker has reported progress: it is running. */
  g_assert_true (spin_until (progress_started, bar));
  g_assert_true (precis_window_is_loading (window));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  g_assert_false (precis_window_is_loading (window));

  /* A new load after it finishes normally, and the cancelled one never lands:
   * what was open stays until the new one replaces it. */
  g_assert_true (precis_window_get_dataset (window) == before);
  g_assert_true (precis_window_get_matcher (window) == matcher_before);
  g_assert_null (precis_window_get_error_text (window));

  {
    g_autoptr(GFile) sample = sample_file (NULL);

    precis_window_open (window, sample);
    wait_loaded ();
    g_assert_null (precis_window_get_error_text (window));
    g_assert_cmpuint (precis_dataset_get_n_images (precis_window_get_dataset (window)), ==, 85);
  }

  gt = g_build_filename (dir, "gt.json", NULL);
  pred = g_build_filename (dir, "predictions.json", NULL);
  g_assert_cmpint (g_unlink (gt), ==, 0);
  g_assert_cmpint (g_unlink (pred), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}
int
main (int    argc,
      char **argv)
{
  int status;

  precis_test_init (&argc, &argv);
  window = precis_test_window_new (&app);

  /* Ordered: each test builds on the window the previous one left. */
  g_test_add_func ("/wiring/open-sample", test_open_sample);
  g_test_add_func ("/wiring/slider-redraws-charts", test_slider_redraws_charts);
  g_test_add_func ("/wiring/class-selection-redraws-charts", test_class_selection_redraws_charts);
  g_test_add_func ("/wiring/export-metadata", test_export_metadata);
  g_test_add_func ("/wiring/slider-updates-explorer", test_slider_updates_explorer);
  g_test_add_func ("/wiring/protocol-switch", test_protocol_switch);
  g_test_add_func ("/wiring/core-cancel-from-progress", test_core_cancel_from_progress);
  g_test_add_func ("/wiring/window-cancel-while-running", test_window_cancel_while_running);
  /* Last: open other projects. */
  g_test_add_func ("/wiring/iou-type-switch", test_iou_type_switch);
  g_test_add_func ("/wiring/coco-explorer-differs", test_coco_explorer_differs);
  g_test_add_func ("/wiring/class-list-follows-protocol", test_class_list_follows_protocol);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);

  return status;
}

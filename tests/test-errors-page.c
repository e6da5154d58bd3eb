/* test-errors-page.c: the Errors page under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows the bundled sample project (data/sample/cartucho-map). A
 * click on an error type's bar and on a confusion matrix cell must leave the
 * explorer's gallery listing exactly the images that hold those objects, as
 * the core's PrecisTide and PrecisConfusion (run here on their own overlaps
 * table, at the sidebar's IoU threshold) assign them.
 *
 * With PRECIS_ERRORS_SCREENSHOT=FILE the Errors page is saved there (1280×800).
 */

#include "config.h"

#include <gtk/gtk.h>
#include <inttypes.h>
#include <string.h>

#include "precis-confusion.h"
#include "precis-errors-page.h"
#include "precis-explorer-page.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"
#include "precis-test-asan.h"
#include "precis-tide.h"

static PrecisApplication *app;
static PrecisWindow *window;
static PrecisErrorsPage *page;
static PrecisExplorerPage *explorer;
static PrecisTestProject sample;
static PrecisOverlaps *overlaps;

static gboolean
page_ready (void)
{
  return precis_errors_page_is_ready (page);
}

static gboolean
daps_ready (void)
{
  return precis_errors_page_daps_ready (page);
}

static double
sidebar_iou (void)
{
  return precis_sidebar_get_iou (PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar")));
}

/* The gallery's images, as a mask over the dataset's images. */
static guint8 *
gallery_mask (void)
{
  g_autoptr(GArray) images = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n_images = precis_dataset_get_n_images (sample.dataset);
  guint8 *mask = g_new0 (guint8, n_images);

  g_assert_true (precis_explorer_page_get_gallery_images (explorer, images));
  for (guint i = 0; i < images->len; i++)
    {
      guint32 k = g_array_index (images, guint32, i);

      g_assert_cmpuint (k, <, n_images);
      g_assert_cmpuint (mask[k], ==, 0);
      mask[k] = 1;
    }
  return mask;
}

static gboolean
explorer_shown (void)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (explorer), GTK_TYPE_STACK));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "explorer") == 0;
}

/* A button activated (as by a key or a click) emits ::clicked a moment later. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));
  precis_test_wait_until (explorer_shown, "the explorer after a click");
}

static void
assert_gallery_is (const guint8 *expected)
{
  g_autofree guint8 *shown = gallery_mask ();
  guint n_images = precis_dataset_get_n_images (sample.dataset);

  for (guint k = 0; k < n_images; k++)
    g_assert_cmpuint (shown[k], ==, expected[k]);
}

static void
back_to_errors (void)
{
  g_autoptr(GArray) images = g_array_new (FALSE, FALSE, sizeof (guint32));

  precis_window_set_page (window, "errors");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  /* Leaving the explorer dropped the filter. */
  g_assert_false (precis_explorer_page_get_gallery_images (explorer, images));
}

static void
test_open (void)
{
  g_autoptr(GFile) project = precis_test_sample_project ();
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;

  precis_window_open (window, project);
  precis_test_wait_loaded (window);
  precis_window_set_page (window, "errors");
  page = PRECIS_ERRORS_PAGE (precis_window_get_part (window, "errors-page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  precis_test_wait_until (page_ready, "the IoU table");
  precis_test_wait_until (daps_ready, "the dAPs");
  explorer = PRECIS_EXPLORER_PAGE (precis_window_get_part (window, "explorer-page"));

  order = precis_overlaps_read_image_order (sample.dataset, NULL, &error);
  g_assert_no_error (error);
  overlaps = precis_overlaps_new (sample.matcher, order, 0, NULL, &error);
  g_assert_no_error (error);

  if (g_getenv ("PRECIS_ERRORS_SCREENSHOT") != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("PRECIS_ERRORS_SCREENSHOT"));

      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (precis_window_save_screenshot (window, file, TRUE, &error));
      g_assert_no_error (error);
    }
}

/* Every error type with objects, at two thresholds. */
static void
check_types (double threshold,
             double background)
{
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (sample.dataset);
  guint n_images = precis_dataset_get_n_images (sample.dataset);
  const PrecisTideResult *r;
  guint n_checked = 0;

  g_assert_cmpfloat (sidebar_iou (), ==, threshold);
  precis_tide_set_threshold (tide, threshold);
  precis_tide_set_background (tide, background);
  r = precis_tide_evaluate (tide);
  for (PrecisTideError e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      g_autofree guint8 *expected = g_new0 (guint8, n_images);

      if (r->counts[e] == 0)
        continue;
      for (guint i = 0; i < dt->n; i++)
        if (e != PRECIS_TIDE_MISS && r->prediction_error[i] == e)
          expected[dt->image[i]] = 1;
      for (guint g = 0; g < gt->n; g++)
        if (e == PRECIS_TIDE_MISS && r->gt_error[g] == e)
          expected[gt->image[g]] = 1;

      click (precis_errors_page_get_type_button (page, e));
      assert_gallery_is (expected);
      back_to_errors ();
      n_checked++;
    }
  /* The sample has false positives and misses of several kinds. */
  g_assert_cmpuint (n_checked, >=, 3);
}

static void
test_type_click (void)
{
  PrecisSidebar *sidebar = PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));

  check_types (sidebar_iou (), 0.1);
  /* Moved while the page is hidden: it catches up when shown again. */
  precis_window_set_page (window, "performance");
  precis_sidebar_set_iou (sidebar, 0.75);
  precis_window_set_page (window, "errors");
  check_types (0.75, 0.1);
  precis_sidebar_set_iou (sidebar, 0.5);
  precis_test_wait_until (daps_ready, "the dAPs after the slider moved");
}

/* The tooltip of error type @e's bar names its rule with t and t_b. */
static void
assert_type_tooltip (PrecisTideError e,
                     const char     *expected)
{
  const char *tip = gtk_widget_get_tooltip_text (precis_errors_page_get_type_button (page, e));

  g_assert_nonnull (tip);
  if (strstr (tip, expected) == NULL)
    g_error ("tooltip of %s: \"%s\" does not say \"%s\"", precis_tide_error_to_name (e), tip, expected);
  g_assert_true (g_str_has_suffix (tip, "Click to see these objects in the explorer."));
}

static void
test_type_tooltips (void)
{
  precis_test_wait_until (page_ready, "the counts");
  g_assert_cmpfloat (sidebar_iou (), ==, 0.5);
  assert_type_tooltip (PRECIS_TIDE_CLS, "Cls, wrong class: a false positive that covers an object of another "
                       "class at IoU ≥ 0.50 (t)");
  assert_type_tooltip (PRECIS_TIDE_LOC, "Loc, box off: a false positive whose best IoU with an object of its "
                       "own class is between 0.10 (t_b) and 0.50 (t), both included");
  assert_type_tooltip (PRECIS_TIDE_BOTH, "IoU below 0.10 (t_b) with the objects of its class, and between "
                       "0.10 (t_b) and 0.50 (t) with another class's");
  assert_type_tooltip (PRECIS_TIDE_DUPE, "Dupe, duplicate: a false positive at IoU ≥ 0.50 (t) with an object "
                       "of its class that a higher-scored prediction already matched");
  assert_type_tooltip (PRECIS_TIDE_BKG, "Bkg, background: a false positive at IoU ≤ 0.10 (t_b) with every object");
  assert_type_tooltip (PRECIS_TIDE_MISS, "Miss, missed object: a ground-truth object that no prediction matched");
}

/* The `error-background` setting is TIDE's t_b. */
static void
test_background_setting (void)
{
  g_autoptr(GSettings) settings = NULL;

  g_object_get (app, "settings", &settings, NULL);
  g_assert_nonnull (settings);
  g_assert_cmpfloat (g_settings_get_double (settings, "error-background"), ==, 0.1);
  g_assert_true (g_settings_set_double (settings, "error-background", 0.3));
  check_types (sidebar_iou (), 0.3);
  precis_test_wait_until (page_ready, "the counts at t_b = 0.3");
  assert_type_tooltip (PRECIS_TIDE_BKG, "at IoU ≤ 0.30 (t_b) with every object");
  g_settings_reset (settings, "error-background");
  check_types (sidebar_iou (), 0.1);
}

/* Every non-empty cell of the matrix shown. */
static void
test_cell_click (void)
{
  g_autoptr(PrecisConfusion) confusion = precis_confusion_new (overlaps);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (sample.dataset);
  guint n_images = precis_dataset_get_n_images (sample.dataset);
  guint K = precis_dataset_get_n_categories (sample.dataset);
  const PrecisConfusionResult *r;
  guint n_checked = 0;

  precis_test_wait_until (page_ready, "the counts and the matrix");
  precis_confusion_set_threshold (confusion, sidebar_iou ());
  r = precis_confusion_evaluate (confusion);
  for (guint row = 0; row <= K; row++)
    for (guint col = 0; col <= K; col++)
      {
        GtkWidget *cell = precis_errors_page_get_cell_button (page, row, col);
        g_autoptr(GArray) pairs = NULL;
        g_autofree guint8 *expected = NULL;
        guint n = r->matrix[(gsize) row * (K + 1) + col];
        char text[32];

        if (cell == NULL)
          continue;
        g_snprintf (text, sizeof text, "%u", n);
        g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cell)), ==, text);
        if (n == 0)
          continue;
        pairs = precis_confusion_get_cell (confusion, row, col);
        g_assert_cmpuint (pairs->len, ==, n);
        expected = g_new0 (guint8, n_images);
        for (guint i = 0; i < pairs->len; i++)
          {
            const PrecisConfusionPair *p = &g_array_index (pairs, PrecisConfusionPair, i);

            if (p->prediction != PRECIS_NO_INDEX)
              expected[dt->image[p->prediction]] = 1;
            if (p->gt != PRECIS_NO_INDEX)
              expected[gt->image[p->gt]] = 1;
          }
        click (cell);
        assert_gallery_is (expected);
        back_to_errors ();
        n_checked++;
      }
  /* The diagonal, and at least one background cell. */
  g_assert_cmpuint (n_checked, >=, 3);
}

static gboolean
errors_counted (void)
{
  return !precis_explorer_page_is_computing (explorer);
}

/* The explorer's error type drop-down (all, any, then TIDE's types) with "Most
 * errors": exactly the images holding errors of that type, most first (ties in
 * index order), as the core counts them at the sidebar's t and t_b = 0.1. */
static void
test_gallery_error_filter (void)
{
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  guint n_images = precis_dataset_get_n_images (sample.dataset);
  g_autofree guint32 *counts = g_new (guint32, n_images);
  GtkDropDown *errors, *sort;
  guint n_checked = 0;

  precis_window_set_page (window, "explorer");
  precis_test_wait_until (explorer_shown, "the explorer");
  errors = precis_test_find_dropdown (GTK_WIDGET (explorer), "Only images with errors of this TIDE type");
  sort = precis_test_find_dropdown (GTK_WIDGET (explorer), "Order of the images");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (errors)), ==, 2 + PRECIS_TIDE_N_ERRORS);
  precis_tide_set_threshold (tide, sidebar_iou ());
  gtk_drop_down_set_selected (sort, 1);
  for (guint item = 1; item < 2 + PRECIS_TIDE_N_ERRORS; item++)
    {
      PrecisTideError e = item == 1 ? PRECIS_TIDE_N_ERRORS : item - 2;
      g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autofree char *label = NULL;
      guint total = precis_tide_count_per_image (tide, e, PRECIS_NO_INDEX, counts);

      /* By count, larger first, then index: a stable selection of the maxima. */
      for (guint32 c = total; c > 0; c--)
        for (guint32 k = 0; k < n_images; k++)
          if (counts[k] == c)
            g_array_append_val (expected, k);
      gtk_drop_down_set_selected (errors, item);
      precis_test_wait_until (errors_counted, "the gallery's error counts");
      precis_explorer_page_get_gallery_images (explorer, shown);
      g_assert_cmpuint (shown->len, ==, expected->len);
      for (guint i = 0; i < shown->len; i++)
        g_assert_cmpuint (g_array_index (shown, guint32, i), ==, g_array_index (expected, guint32, i));
      label = expected->len == n_images ? g_strdup_printf ("%u images", n_images)
                                        : g_strdup_printf ("%u of %u images", expected->len, n_images);
      g_assert_true (precis_test_has_label (GTK_WIDGET (explorer), label));
      n_checked += expected->len > 0;
    }
  /* The sample holds errors of several types. */
  g_assert_cmpuint (n_checked, >=, 4);
  gtk_drop_down_set_selected (errors, 0);
  gtk_drop_down_set_selected (sort, 0);
  {
    g_autofree char *all = g_strdup_printf ("%u images", n_images);

    g_assert_true (precis_test_has_label (GTK_WIDGET (explorer), all));
  }
  precis_window_set_page (window, "errors");
}

static gboolean
detail_ready (void)
{
  return precis_explorer_page_is_detail_ready (explorer);
}

/* The detail view's object list: each row's tooltip is its object's error line,
 * asked for on hover (GtkWidget::query-tooltip answers TRUE exactly for the
 * objects with a TIDE error; the line itself is test_describe's). */
static void
test_object_row_tooltips (void)
{
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  const PrecisTideResult *r;
  guint32 image = PRECIS_NO_INDEX;
  guint n_errors = 0, n_plain = 0;

  precis_tide_set_threshold (tide, sidebar_iou ());
  r = precis_tide_evaluate (tide);
  /* The image of the first Loc error. */
  for (guint i = 0; i < dt->n && image == PRECIS_NO_INDEX; i++)
    if (r->prediction_error[i] == PRECIS_TIDE_LOC)
      image = dt->image[i];
  g_assert_cmpuint (image, !=, PRECIS_NO_INDEX);

  precis_window_set_page (window, "explorer");
  precis_explorer_page_show_image (explorer, image);
  precis_test_wait_until (detail_ready, "the detail view");
  precis_test_find_widgets (GTK_WIDGET (explorer), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint k = 0; k < rows->len; k++)
    {
      GObject *row = g_ptr_array_index (rows, k);
      gboolean is_gt = GPOINTER_TO_INT (g_object_get_data (row, "precis-is-gt"));
      guint32 index = GPOINTER_TO_UINT (g_object_get_data (row, "precis-index"));
      gboolean has_error, answered = FALSE;

      if (g_object_get_data (row, "precis-outcome") == NULL)
        continue;   /* not an object row */
      has_error = is_gt ? r->gt_error[index] == PRECIS_TIDE_MISS : r->prediction_error[index] != PRECIS_TIDE_NONE;
      g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (row)));
      g_signal_emit_by_name (row, "query-tooltip", 1, 1, FALSE, tooltip, &answered);
      g_assert_cmpint (answered, ==, has_error);
      if (has_error)
        n_errors++;
      else
        n_plain++;
    }
  /* The Loc error, and the TP it missed or some other plain object. */
  g_assert_cmpuint (n_errors, >=, 1);
  g_assert_cmpuint (n_plain, >=, 1);
  precis_explorer_page_show_image (explorer, PRECIS_NO_INDEX);
  precis_window_set_page (window, "errors");
}

/* The classes with a diagonal cell in the matrix shown, in category order. */
static guint
shown_classes (guint *shown)
{
  guint K = precis_dataset_get_n_categories (sample.dataset), n = 0;

  for (guint c = 0; c < K; c++)
    if (precis_errors_page_get_cell_button (page, c, c) != NULL)
      shown[n++] = c;
  g_assert_nonnull (precis_errors_page_get_cell_button (page, K, K));
  return n;
}

/* The matrix shows the classes confused with another, as the core ranks them,
 * the top N of the spin button; a cell's tooltip gives its count and share. */
static void
test_matrix_classes (void)
{
  g_autoptr(PrecisConfusion) confusion = precis_confusion_new (overlaps);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  guint K = precis_dataset_get_n_categories (sample.dataset);
  g_autofree guint *ranked = g_new (guint, K);
  g_autofree guint *shown = g_new (guint, K);
  g_autofree guint8 *expected = NULL;
  g_autofree char *tip = NULL, *want = NULL;
  const PrecisConfusionResult *r;
  GtkSpinButton *top;
  guint n_ranked, n_shown, row_sum = 0, a, b;

  precis_test_wait_until (page_ready, "the counts and the matrix");
  precis_confusion_set_threshold (confusion, sidebar_iou ());
  r = precis_confusion_evaluate (confusion);
  n_ranked = precis_confusion_rank_classes (r->matrix, K, NULL, ranked);
  /* The sample confuses more classes than the default 12. */
  g_assert_cmpuint (n_ranked, >, 12);

  precis_test_find_widgets (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 1);
  top = g_ptr_array_index (spins, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (top), ==, 12);
  for (guint t = 0; t < 3; t++)
    {
      /* 1000 shows all the confused classes. */
      guint n = t == 0 ? 12 : t == 1 ? 3 : 1000;

      gtk_spin_button_set_value (top, n);
      n = MIN (n, n_ranked);
      n_shown = shown_classes (shown);
      g_assert_cmpuint (n_shown, ==, n);
      expected = g_new0 (guint8, K);
      for (guint k = 0; k < n; k++)
        expected[ranked[k]] = 1;
      for (guint k = 0; k < n_shown; k++)
        g_assert_true (expected[shown[k]]);
      g_clear_pointer (&expected, g_free);
    }

  /* The most confused pair among the top two: a = ranked[0]'s row. */
  a = ranked[0];
  b = ranked[1];
  for (guint j = 0; j <= K; j++)
    row_sum += r->matrix[(gsize) a * (K + 1) + j];
  tip = precis_errors_page_describe_cell (page, a, b);
  want = g_strdup_printf ("GT %s, predicted %s: %u (%.1f %% of the %u GT %s)",
                          precis_dataset_get_category (sample.dataset, a)->name,
                          precis_dataset_get_category (sample.dataset, b)->name,
                          r->matrix[(gsize) a * (K + 1) + b],
                          100.0 * r->matrix[(gsize) a * (K + 1) + b] / row_sum, row_sum,
                          precis_dataset_get_category (sample.dataset, a)->name);
  g_assert_cmpstr (tip, ==, want);
  g_assert_true (gtk_widget_get_has_tooltip (precis_errors_page_get_cell_button (page, a, b)));
  gtk_spin_button_set_value (top, 12);
}

/* The IoU of prediction @i with GT @g, from the overlaps table. */
static double
iou_with (guint32 i,
          guint32 g)
{
  const PrecisOverlapsData *d = precis_overlaps_get_data (overlaps);

  for (guint32 p = d->pair_start[i]; p < d->pair_start[i + 1]; p++)
    if (d->pair_gt[p] == g)
      return d->pair_iou[p];
  g_assert_not_reached ();
}

/* The detail view's tooltip line for the first Cls, Loc and Dupe error and a Miss. */
static void
test_describe (void)
{
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (sample.dataset);
  const PrecisTideResult *r;
  gboolean seen[PRECIS_TIDE_N_ERRORS] = { FALSE };

  precis_tide_set_threshold (tide, sidebar_iou ());
  r = precis_tide_evaluate (tide);
  for (guint i = 0; i < dt->n; i++)
    {
      PrecisTideError e = r->prediction_error[i];
      guint32 t = r->prediction_target[i];
      g_autofree char *line = precis_errors_page_describe (page, FALSE, i);
      g_autofree char *expected = NULL;

      if (e == PRECIS_TIDE_NONE)
        {
          g_assert_null (line);
          continue;
        }
      if (seen[e])
        continue;
      seen[e] = TRUE;
      if (e == PRECIS_TIDE_LOC)
        expected = g_strdup_printf ("Loc · IoU %.2f with GT #%" PRId64, iou_with (i, t), gt->id[t]);
      else if (e == PRECIS_TIDE_CLS)
        expected = g_strdup_printf ("Cls: predicted %s, GT %s · IoU %.2f",
                                    precis_dataset_get_category (sample.dataset, dt->category[i])->name,
                                    precis_dataset_get_category (sample.dataset, gt->category[t])->name,
                                    iou_with (i, t));
      else if (e == PRECIS_TIDE_DUPE)
        expected = g_strdup_printf ("Dupe of prediction #%" PRId64, dt->id[r->gt_match[t]]);
      else
        {
          g_assert_nonnull (line);
          g_assert_true (g_str_has_prefix (line, precis_tide_error_to_name (e)));
          continue;
        }
      g_assert_cmpstr (line, ==, expected);
    }
  g_assert_true (seen[PRECIS_TIDE_LOC] && seen[PRECIS_TIDE_CLS] && seen[PRECIS_TIDE_DUPE]);
  for (guint g = 0; g < gt->n; g++)
    {
      g_autofree char *line = precis_errors_page_describe (page, TRUE, g);

      g_assert_true ((line != NULL) == (r->gt_error[g] == PRECIS_TIDE_MISS));
    }
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

  g_test_add_func ("/errors-page/open", test_open);
  g_test_add_func ("/errors-page/type-click", test_type_click);
  g_test_add_func ("/errors-page/type-tooltips", test_type_tooltips);
  g_test_add_func ("/errors-page/background-setting", test_background_setting);
  g_test_add_func ("/errors-page/cell-click", test_cell_click);
  g_test_add_func ("/errors-page/matrix-classes", test_matrix_classes);
  g_test_add_func ("/errors-page/describe", test_describe);
  g_test_add_func ("/errors-page/gallery-error-filter", test_gallery_error_filter);
  g_test_add_func ("/errors-page/object-row-tooltips", test_object_row_tooltips);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&overlaps);
  g_clear_object (&app);
  precis_test_project_clear (&sample);
  return status;
}

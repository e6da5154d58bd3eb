/* test-errors-page-gallery.c: the gallery's error type filter follows the IoU
 * slider through a worker (suite app, under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows the bundled sample project (data/sample/cartucho-map). The
 * explorer's error type filter and its "Most errors" order get their per-image
 * counts from the Errors page in a GTask worker: after a slider step the
 * gallery says it is computing, then lists exactly the images the core's
 * PrecisTide (run here on its own overlaps table) counts at the new threshold.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "precis-confusion.h"
#include "precis-errors-page.h"
#include "precis-explorer-page.h"
#include "precis-gallery-cell.h"
#include "precis-image-view.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"
#include "precis-tide.h"

static PrecisApplication *app;
static PrecisWindow *window;
static PrecisExplorerPage *explorer;
static PrecisSidebar *sidebar;
static PrecisTestProject sample;
static PrecisOverlaps *overlaps;

static gboolean
counted (void)
{
  return !precis_explorer_page_is_computing (explorer);
}

/* The images holding errors of type @e at IoU threshold @t (t_b 0.1), most
 * first, ties in index order: what "Most errors" lists. */
static GArray *
expected_images (PrecisTideError e,
                 double          t)
{
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  guint n_images = precis_dataset_get_n_images (sample.dataset);
  g_autofree guint32 *counts = g_new (guint32, n_images);
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint total;

  precis_tide_set_threshold (tide, t);
  total = precis_tide_count_per_image (tide, e, PRECIS_NO_INDEX, counts);
  for (guint32 c = total; c > 0; c--)
    for (guint32 k = 0; k < n_images; k++)
      if (counts[k] == c)
        g_array_append_val (expected, k);
  return expected;
}

static void
assert_gallery (PrecisTideError e,
                double          t)
{
  g_autoptr(GArray) expected = expected_images (e, t);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *label = NULL;
  guint n_images = precis_dataset_get_n_images (sample.dataset);

  precis_explorer_page_get_gallery_images (explorer, shown);
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpuint (g_array_index (shown, guint32, i), ==, g_array_index (expected, guint32, i));
  label = g_strdup_printf ("%u of %u images", expected->len, n_images);
  g_assert_true (precis_test_has_label (GTK_WIDGET (explorer), label));
}

/* Every thumbnail on screen has the badge "N Loc" with its image's count at @t. */
static void
assert_badges (PrecisTideError e,
               double          t)
{
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  g_autofree guint32 *counts = g_new (guint32, precis_dataset_get_n_images (sample.dataset));
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n_checked = 0;

  precis_tide_set_threshold (tide, t);
  precis_tide_count_per_image (tide, e, PRECIS_NO_INDEX, counts);
  precis_test_iterate (10);
  precis_test_find_widgets (GTK_WIDGET (explorer), PRECIS_TYPE_GALLERY_CELL, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      PrecisGalleryCell *cell = g_ptr_array_index (cells, i);
      guint32 k = precis_gallery_cell_get_image (cell);
      g_autofree char *expected = NULL;

      if (k == PRECIS_NO_INDEX || !gtk_widget_get_mapped (GTK_WIDGET (cell)))
        continue;
      g_assert_cmpuint (counts[k], >, 0);
      expected = g_strdup_printf ("%u %s", counts[k], precis_tide_error_to_name (e));
      g_assert_cmpstr (precis_gallery_cell_get_errors (cell), ==, expected);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
}

static void
test_slider (void)
{
  g_autoptr(GFile) project = precis_test_sample_project ();
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;
  GtkDropDown *errors, *sort;
  GtkRange *scale = NULL;
  g_autoptr(GPtrArray) scales = g_ptr_array_new ();
  g_autoptr(GArray) loc_05 = NULL;
  g_autoptr(GArray) loc_08 = NULL;

  precis_window_open (window, project);
  precis_test_wait_loaded (window);
  explorer = PRECIS_EXPLORER_PAGE (precis_window_get_part (window, "explorer-page"));
  sidebar = PRECIS_SIDEBAR (precis_window_get_part (window, "sidebar"));
  order = precis_overlaps_read_image_order (sample.dataset, NULL, &error);
  g_assert_no_error (error);
  overlaps = precis_overlaps_new (sample.matcher, order, 0, NULL, &error);
  g_assert_no_error (error);

  /* The sidebar's IoU scale: the one whose value is the sidebar's IoU. */
  precis_test_find_widgets (GTK_WIDGET (sidebar), GTK_TYPE_SCALE, scales);
  for (guint k = 0; k < scales->len; k++)
    if (gtk_widget_get_tooltip_text (g_ptr_array_index (scales, k)) != NULL &&
        strstr (gtk_widget_get_tooltip_text (g_ptr_array_index (scales, k)), "IoU") != NULL)
      scale = g_ptr_array_index (scales, k);
  g_assert_nonnull (scale);
  gtk_range_set_value (scale, 0.5);
  g_assert_cmpfloat (precis_sidebar_get_iou (sidebar), ==, 0.5);

  precis_window_set_page (window, "explorer");
  errors = precis_test_find_dropdown (GTK_WIDGET (explorer), "Only images with errors of this TIDE type");
  sort = precis_test_find_dropdown (GTK_WIDGET (explorer), "Order of the images");
  gtk_drop_down_set_selected (sort, 1);
  gtk_drop_down_set_selected (errors, 2 + PRECIS_TIDE_LOC);
  /* Asked for in a worker: the gallery says so until the counts arrive. */
  g_assert_true (precis_explorer_page_is_computing (explorer));
  g_assert_true (precis_test_has_label (GTK_WIDGET (explorer), "Computing error types…"));
  precis_test_wait_until (counted, "the Loc counts at 0.5");
  assert_gallery (PRECIS_TIDE_LOC, 0.5);

  /* A slider step: the request is cancelled, made again, and the list follows. */
  loc_05 = expected_images (PRECIS_TIDE_LOC, 0.5);
  loc_08 = expected_images (PRECIS_TIDE_LOC, 0.8);
  /* The sample has more Loc errors at 0.8 than at 0.5: the list must change. */
  g_assert_cmpuint (loc_08->len, >, loc_05->len);
  gtk_range_set_value (scale, 0.65);
  g_assert_true (precis_explorer_page_is_computing (explorer));
  gtk_range_set_value (scale, 0.8);
  g_assert_true (precis_explorer_page_is_computing (explorer));
  precis_test_wait_until (counted, "the Loc counts at 0.8");
  assert_gallery (PRECIS_TIDE_LOC, 0.8);
  assert_badges (PRECIS_TIDE_LOC, 0.8);

  /* The outcome filter on top: every Loc error is an FP, so the list stays; the
   * per-image FP counts, which the error filter alone skips, are computed now. */
  {
    g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
    GtkToggleButton *fp = NULL;

    precis_test_find_widgets (GTK_WIDGET (explorer), GTK_TYPE_TOGGLE_BUTTON, toggles);
    for (guint k = 0; k < toggles->len; k++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (toggles, k)), "Only images with false positives") == 0)
        fp = g_ptr_array_index (toggles, k);
    g_assert_nonnull (fp);
    gtk_toggle_button_set_active (fp, TRUE);
    assert_gallery (PRECIS_TIDE_LOC, 0.8);
    gtk_toggle_button_set_active (fp, FALSE);
  }

  /* Another type at the same threshold. */
  gtk_drop_down_set_selected (errors, 2 + PRECIS_TIDE_DUPE);
  precis_test_wait_until (counted, "the Dupe counts at 0.8");
  assert_gallery (PRECIS_TIDE_DUPE, 0.8);

  gtk_drop_down_set_selected (errors, 0);
  g_assert_false (precis_explorer_page_is_computing (explorer));
  /* No error filter: no error badges. */
  {
    g_autoptr(GPtrArray) cells = g_ptr_array_new ();

    precis_test_iterate (10);
    precis_test_find_widgets (GTK_WIDGET (explorer), PRECIS_TYPE_GALLERY_CELL, cells);
    g_assert_cmpuint (cells->len, >, 0);
    for (guint i = 0; i < cells->len; i++)
      g_assert_null (precis_gallery_cell_get_errors (g_ptr_array_index (cells, i)));
  }
  gtk_drop_down_set_selected (sort, 0);
  gtk_range_set_value (scale, 0.5);
}

static gboolean
explorer_shown (void)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (explorer), GTK_TYPE_STACK));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "explorer") == 0;
}

static gboolean
chip_gone (void)
{
  return precis_explorer_page_get_filter_chip_label (explorer) == NULL;
}

static gboolean
errors_ready (void)
{
  PrecisErrorsPage *page = PRECIS_ERRORS_PAGE (precis_window_get_part (window, "errors-page"));

  return precis_errors_page_is_ready (page);
}

/* The chip's button: the explorer's visible button whose label is @label. */
static GtkWidget *
chip_button (const char *label)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  precis_test_find_widgets (GTK_WIDGET (explorer), GTK_TYPE_BUTTON, found);
  for (guint k = 0; k < found->len; k++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (found, k)), label) == 0 &&
        gtk_widget_get_visible (g_ptr_array_index (found, k)))
      return g_ptr_array_index (found, k);
  return NULL;
}

/* A click on the Dupe bar: the explorer lists those images, emphasises exactly
 * the Dupe predictions (as the core assigns them at the sidebar's t) in the
 * thumbnails and the detail view, and its chip "Dupe errors ×" removes it all. */
static void
test_bar_emphasis (void)
{
  PrecisErrorsPage *page = PRECIS_ERRORS_PAGE (precis_window_get_part (window, "errors-page"));
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  const PrecisTideResult *r;
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  const guint8 *gt_flags, *dt_flags, *view_gt, *view_dt;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint32));
  GtkWidget *chip;
  guint n_dupes = 0;

  precis_window_set_page (window, "errors");
  precis_test_wait_until (errors_ready, "the Errors page");
  precis_tide_set_threshold (tide, precis_sidebar_get_iou (sidebar));
  r = precis_tide_evaluate (tide);
  g_assert_true (gtk_widget_activate (precis_errors_page_get_type_button (page, PRECIS_TIDE_DUPE)));
  precis_test_wait_until (explorer_shown, "the explorer after a click on Dupe");

  g_assert_cmpstr (precis_explorer_page_get_filter_chip_label (explorer), ==, "Dupe errors ×");
  precis_explorer_page_get_emphasis (explorer, &gt_flags, &dt_flags);
  g_assert_null (gt_flags);
  g_assert_nonnull (dt_flags);
  for (guint32 i = 0; i < dt->n; i++)
    {
      g_assert_cmpuint (dt_flags[i], ==, r->prediction_error[i] == PRECIS_TIDE_DUPE);
      n_dupes += dt_flags[i];
    }
  g_assert_cmpuint (n_dupes, ==, r->counts[PRECIS_TIDE_DUPE]);
  g_assert_cmpuint (n_dupes, >, 0);

  /* The detail view of the first image listed draws them emphasised. */
  g_assert_true (precis_explorer_page_get_gallery_images (explorer, shown));
  g_assert_cmpuint (shown->len, >, 0);
  precis_explorer_page_show_image (explorer, g_array_index (shown, guint32, 0));
  precis_image_view_get_emphasis (PRECIS_IMAGE_VIEW (precis_explorer_page_get_image_view (explorer)),
                                  &view_gt, &view_dt);
  g_assert_true (view_dt == dt_flags);
  g_assert_null (view_gt);
  precis_explorer_page_show_image (explorer, PRECIS_NO_INDEX);

  /* The chip removes the filter and the emphasis. */
  chip = chip_button ("Dupe errors ×");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_activate (chip));
  precis_test_wait_until (chip_gone, "the chip to go");
  g_assert_false (precis_explorer_page_get_gallery_images (explorer, shown));
  precis_explorer_page_get_emphasis (explorer, &gt_flags, &dt_flags);
  g_assert_null (dt_flags);
  precis_image_view_get_emphasis (PRECIS_IMAGE_VIEW (precis_explorer_page_get_image_view (explorer)),
                                  &view_gt, &view_dt);
  g_assert_null (view_dt);
  g_assert_null (chip_button ("Dupe errors ×"));
}

/* A click on a matrix cell with both kinds of objects behind it (a class row's
 * background column: GTs no prediction took; the background row: unmatched
 * predictions) emphasises exactly the objects precis_confusion_get_cell() lists. */
static void
check_cell (guint row,
            guint col)
{
  PrecisErrorsPage *page = PRECIS_ERRORS_PAGE (precis_window_get_part (window, "errors-page"));
  g_autoptr(PrecisConfusion) confusion = precis_confusion_new (overlaps);
  g_autoptr(GArray) pairs = NULL;
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (sample.dataset);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  g_autofree guint8 *want_gt = g_new0 (guint8, gt->n);
  g_autofree guint8 *want_dt = g_new0 (guint8, dt->n);
  const guint8 *gt_flags, *dt_flags;
  GtkWidget *cell;

  precis_window_set_page (window, "errors");
  precis_test_wait_until (errors_ready, "the Errors page");
  precis_confusion_set_threshold (confusion, precis_sidebar_get_iou (sidebar));
  precis_confusion_evaluate (confusion);
  pairs = precis_confusion_get_cell (confusion, row, col);
  g_assert_cmpuint (pairs->len, >, 0);
  for (guint i = 0; i < pairs->len; i++)
    {
      const PrecisConfusionPair *p = &g_array_index (pairs, PrecisConfusionPair, i);

      if (p->gt != PRECIS_NO_INDEX)
        want_gt[p->gt] = 1;
      if (p->prediction != PRECIS_NO_INDEX)
        want_dt[p->prediction] = 1;
    }
  cell = precis_errors_page_get_cell_button (page, row, col);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_activate (cell));
  precis_test_wait_until (explorer_shown, "the explorer after a cell click");
  g_assert_nonnull (precis_explorer_page_get_filter_chip_label (explorer));
  precis_explorer_page_get_emphasis (explorer, &gt_flags, &dt_flags);
  for (guint32 i = 0; i < gt->n; i++)
    g_assert_cmpuint (gt_flags != NULL ? gt_flags[i] : 0, ==, want_gt[i]);
  for (guint32 i = 0; i < dt->n; i++)
    g_assert_cmpuint (dt_flags != NULL ? dt_flags[i] : 0, ==, want_dt[i]);
}

static void
test_cell_emphasis (void)
{
  guint K = precis_dataset_get_n_categories (sample.dataset), n;
  const guint *shown;
  PrecisErrorsPage *page = PRECIS_ERRORS_PAGE (precis_window_get_part (window, "errors-page"));

  precis_window_set_page (window, "errors");
  precis_test_wait_until (errors_ready, "the Errors page");
  shown = precis_errors_page_get_matrix_classes (page, &n);
  g_assert_cmpuint (n, >=, 2);
  /* The most confused class: its missed GTs, then the predictions of it that
   * matched nothing, then its matched pairs with itself. */
  check_cell (shown[0], K);
  check_cell (K, shown[0]);
  check_cell (shown[0], shown[0]);
  precis_window_set_page (window, "errors");
}

static gboolean
types_current (void)
{
  return precis_explorer_page_is_detail_ready (explorer) && precis_explorer_page_types_current (explorer);
}

/* The text of @row's error badge (its visible label of CSS class "error"), or NULL. */
static const char *
row_error (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  precis_test_find_widgets (row, GTK_TYPE_LABEL, labels);
  for (guint k = 0; k < labels->len; k++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, k), "error") &&
        gtk_widget_get_visible (g_ptr_array_index (labels, k)))
      return gtk_label_get_text (g_ptr_array_index (labels, k));
  return NULL;
}

/* Every object row of the detail view names its TIDE type at @t, as the core has it. */
static void
assert_row_types (double t)
{
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const PrecisTideResult *r;
  guint n_errors = 0, n_plain = 0;

  precis_tide_set_threshold (tide, t);
  r = precis_tide_evaluate (tide);
  precis_test_find_widgets (GTK_WIDGET (explorer), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint k = 0; k < rows->len; k++)
    {
      GObject *row = g_ptr_array_index (rows, k);
      gboolean is_gt = GPOINTER_TO_INT (g_object_get_data (row, "precis-is-gt"));
      guint32 index = GPOINTER_TO_UINT (g_object_get_data (row, "precis-index"));
      guint type;

      if (g_object_get_data (row, "precis-outcome") == NULL)
        continue;   /* not an object row */
      type = is_gt ? r->gt_error[index] : r->prediction_error[index];
      if (type < PRECIS_TIDE_N_ERRORS)
        {
          g_assert_cmpstr (row_error (GTK_WIDGET (row)), ==, precis_tide_error_to_name (type));
          n_errors++;
        }
      else
        {
          g_assert_null (row_error (GTK_WIDGET (row)));
          n_plain++;
        }
    }
  g_assert_cmpuint (n_errors, >=, 1);
  g_assert_cmpuint (n_plain, >=, 1);
}

/* The detail view's object rows carry their error type, from a worker, and
 * follow the slider. */
static void
test_row_types (void)
{
  g_autoptr(PrecisTide) tide = precis_tide_new (overlaps);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  const PrecisTideResult *r;
  GtkRange *scale = GTK_RANGE (precis_sidebar_get_iou_scale (sidebar));
  guint32 image = PRECIS_NO_INDEX;

  gtk_range_set_value (scale, 0.5);
  r = precis_tide_evaluate (tide);
  /* The image of the first Loc error at 0.5. */
  for (guint i = 0; i < dt->n && image == PRECIS_NO_INDEX; i++)
    if (r->prediction_error[i] == PRECIS_TIDE_LOC)
      image = dt->image[i];
  g_assert_cmpuint (image, !=, PRECIS_NO_INDEX);

  precis_window_set_page (window, "explorer");
  precis_explorer_page_show_image (explorer, image);
  precis_test_wait_until (types_current, "the object rows' error types");
  assert_row_types (0.5);

  gtk_range_set_value (scale, 0.8);
  g_assert_false (precis_explorer_page_types_current (explorer));
  precis_test_wait_until (types_current, "the object rows' error types at 0.8");
  assert_row_types (0.8);
  gtk_range_set_value (scale, 0.5);
  precis_explorer_page_show_image (explorer, PRECIS_NO_INDEX);
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

  g_test_add_func ("/errors-page-gallery/slider", test_slider);
  g_test_add_func ("/errors-page-gallery/bar-emphasis", test_bar_emphasis);
  g_test_add_func ("/errors-page-gallery/row-types", test_row_types);
  g_test_add_func ("/errors-page-gallery/cell-emphasis", test_cell_emphasis);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&overlaps);
  g_clear_object (&app);
  precis_test_project_clear (&sample);
  return status;
}

/* test-explorer.c: the explorer page under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PrecisExplorerPage in a window shows the bundled sample project
 * (data/sample/cartucho-map, see its SOURCE.md). The numbers the page draws
 * are compared with the core evaluator's: per image, the annotations it
 * queries one by one (precis_active_get_*_outcome), and over all images, the
 * totals of its accumulated result (PrecisActiveResult.tp, .fp, .fn), which it
 * computes through a different path.
 *
 * With PRECIS_EXPLORER_SCREENSHOTS=DIR the gallery and the detail view are
 * also saved there as PNGs (1280×800), to look at.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>

#include "precis-active.h"
#include "precis-explorer-page.h"
#include "precis-gallery-cell.h"
#include "precis-gallery-model.h"
#include "precis-image-view.h"
#include "precis-overlay.h"
#include "precis-thumbnailer.h"

typedef struct {
  PrecisDataset *dataset;
  PrecisMatcher *matcher;
  PrecisActive  *active;
} Project;

static Project sample;
static GtkWindow *window;
static PrecisExplorerPage *page;
static guint n_paints;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  n_paints++;
}

/* Runs the main loop until the window has painted a new frame, which draws
 * every widget queued for drawing until now. */
static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_paint (void)
{
  guint target = n_paints + 1;
  /* Generous: a frame can take seconds under valgrind. */
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_up, NULL);

  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (n_paints < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_cmpuint (n_paints, >=, target);
}

static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
project_load (Project    *project,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  project->dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project->dataset);
  project->matcher = precis_matcher_new (project->dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  project->active = precis_active_new (project->matcher);
  precis_active_evaluate (project->active);
}

static void
project_clear (Project *project)
{
  g_clear_object (&project->active);
  g_clear_object (&project->matcher);
  g_clear_object (&project->dataset);
}

/* What the page must draw on @image with all layers on, from the evaluator's
 * per-annotation queries; annotations found by scanning every annotation's
 * image index (not through the dataset's groups, which the overlay uses). */
static void
expected_counts (Project *project,
                 guint32  image,
                 guint    counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (project->dataset);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (project->dataset, 0);

  memset (counts, 0, sizeof (guint) * PRECIS_OVERLAY_N_OUTCOMES);
  for (guint32 i = 0; i < gt->n; i++)
    {
      if (gt->image[i] != image)
        continue;
      switch (precis_active_get_gt_outcome (project->active, i))
        {
        case PRECIS_GT_MATCHED:
          counts[PRECIS_OVERLAY_GT]++;
          break;
        case PRECIS_GT_FN:
          counts[PRECIS_OVERLAY_FN]++;
          break;
        case PRECIS_GT_IGNORED:
          counts[PRECIS_OVERLAY_IGNORED]++;
          break;
        case PRECIS_GT_FILTERED:
        default:
          break;
        }
    }
  for (guint32 i = 0; i < dt->n; i++)
    {
      if (dt->image[i] != image)
        continue;
      switch (precis_active_get_prediction_outcome (project->active, i))
        {
        case PRECIS_PREDICTION_TP:
          counts[PRECIS_OVERLAY_TP]++;
          break;
        case PRECIS_PREDICTION_FP:
          counts[PRECIS_OVERLAY_FP]++;
          break;
        case PRECIS_PREDICTION_IGNORED:
          counts[PRECIS_OVERLAY_IGNORED]++;
          break;
        case PRECIS_PREDICTION_FILTERED:
        default:
          break;
        }
    }
}

static void
find_widgets (GtkWidget  *widget,
              GType       type,
              GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_widgets (child, type, found);
}

static gpointer
find_widget (GType type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_widgets (GTK_WIDGET (page), type, found);
  g_assert_cmpuint (found->len, >=, 1);
  return g_ptr_array_index (found, 0);
}

static PrecisImageView *
detail_view (void)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_widgets (GTK_WIDGET (page), PRECIS_TYPE_IMAGE_VIEW, found);
  for (guint k = 0; k < found->len; k++)
    {
      GtkWidget *view = g_ptr_array_index (found, k);

      if (gtk_widget_get_ancestor (view, PRECIS_TYPE_GALLERY_CELL) == NULL)
        return PRECIS_IMAGE_VIEW (view);
    }
  g_assert_not_reached ();
  return NULL;
}

static GListModel *
gallery_model (void)
{
  GtkGridView *grid = find_widget (GTK_TYPE_GRID_VIEW);

  return G_LIST_MODEL (gtk_grid_view_get_model (grid));
}

static GtkToggleButton *
filter_button (const char *label)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_widgets (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, found);
  for (guint k = 0; k < found->len; k++)
    {
      GtkWidget *button = g_ptr_array_index (found, k);

      if (gtk_widget_has_css_class (button, "outcome") &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0)
        return GTK_TOGGLE_BUTTON (button);
    }
  g_assert_not_reached ();
  return NULL;
}

static guint32
model_image (GListModel *model,
             guint       position)
{
  g_autoptr(PrecisGalleryItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return precis_gallery_item_get_image (item);
}

static void
save_screenshot (const char *name)
{
  const char *dir = g_getenv ("PRECIS_EXPLORER_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* Every image in turn in the detail view: what is drawn equals the evaluator's
 * per-annotation outcomes, and the sums over the images equal its totals. */
static void
check_all_images (Project *project)
{
  const PrecisActiveResult *result = precis_active_evaluate (project->active);
  PrecisImageView *view;
  guint n_images = precis_dataset_get_n_images (project->dataset);
  guint total[PRECIS_OVERLAY_N_OUTCOMES] = { 0, };

  for (guint32 k = 0; k < n_images; k++)
    {
      guint drawn[PRECIS_OVERLAY_N_OUTCOMES];
      guint expected[PRECIS_OVERLAY_N_OUTCOMES];
      guint n_expected = 0;

      precis_explorer_page_show_image (page, k);
      g_assert_cmpuint (precis_explorer_page_get_image (page), ==, k);
      wait_paint ();
      view = detail_view ();
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));

      expected_counts (project, k, expected);
      precis_image_view_get_drawn_counts (view, drawn);
      for (guint o = PRECIS_OVERLAY_TP; o < PRECIS_OVERLAY_N_OUTCOMES; o++)
        {
          g_assert_cmpuint (drawn[o], ==, expected[o]);
          total[o] += drawn[o];
          n_expected += expected[o];
        }
      g_assert_cmpuint (precis_image_view_get_drawn_counts (view, NULL), ==, n_expected);
    }

  g_assert_cmpuint (total[PRECIS_OVERLAY_TP], ==, result->tp);
  g_assert_cmpuint (total[PRECIS_OVERLAY_FP], ==, result->fp);
  g_assert_cmpuint (total[PRECIS_OVERLAY_FN], ==, result->fn);
  g_assert_cmpuint (total[PRECIS_OVERLAY_GT], ==, result->tp);   /* one matched GT per TP */
  g_assert_cmpuint (total[PRECIS_OVERLAY_FN] + total[PRECIS_OVERLAY_GT], ==, result->n_gt);

  precis_explorer_page_show_image (page, PRECIS_NO_INDEX);
  wait_paint ();
}

/* The visible gallery cells draw what the evaluator says about their image.
 * Returns how many were checked. */
static guint
check_visible_cells (Project *project)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n_bound = 0;

  wait_paint ();
  find_widgets (GTK_WIDGET (page), PRECIS_TYPE_GALLERY_CELL, cells);
  for (guint k = 0; k < cells->len; k++)
    {
      PrecisGalleryCell *cell = g_ptr_array_index (cells, k);
      guint32 image = precis_gallery_cell_get_image (cell);
      guint drawn[PRECIS_OVERLAY_N_OUTCOMES];
      guint expected[PRECIS_OVERLAY_N_OUTCOMES];

      if (image == PRECIS_NO_INDEX || !gtk_widget_get_mapped (GTK_WIDGET (cell)))
        continue;
      n_bound++;
      expected_counts (project, image, expected);
      precis_image_view_get_drawn_counts (precis_gallery_cell_get_view (cell), drawn);
      for (guint o = PRECIS_OVERLAY_TP; o < PRECIS_OVERLAY_N_OUTCOMES; o++)
        g_assert_cmpuint (drawn[o], ==, expected[o]);
    }
  return n_bound;
}

static void
test_empty_state (void)
{
  GtkStack *stack = find_widget (GTK_TYPE_STACK);

  precis_explorer_page_set_evaluation (page, NULL, NULL, NULL);
  wait_paint ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpuint (precis_explorer_page_get_image (page), ==, PRECIS_NO_INDEX);
  /* Nothing to open without a project. */
  precis_explorer_page_show_image (page, 0);
  g_assert_cmpuint (precis_explorer_page_get_image (page), ==, PRECIS_NO_INDEX);
}

static void
test_gallery (void)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  GtkStack *stack = find_widget (GTK_TYPE_STACK);
  guint n_bound = 0;

  precis_explorer_page_set_evaluation (page, sample.dataset, sample.matcher, sample.active);
  wait_paint ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "gallery");
  g_assert_cmpuint (g_list_model_get_n_items (gallery_model ()), ==,
                    precis_dataset_get_n_images (sample.dataset));

  /* Let the thumbnails arrive (decoded in threads: allow for slow runs under
   * valgrind or sanitizers), then look. */
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    gboolean all = FALSE;

    while (!all && g_get_monotonic_time () < deadline)
      {
        g_autoptr(GPtrArray) visible = g_ptr_array_new ();

        spin (100);
        find_widgets (GTK_WIDGET (page), PRECIS_TYPE_GALLERY_CELL, visible);
        all = TRUE;
        for (guint k = 0; k < visible->len; k++)
          {
            PrecisGalleryCell *cell = g_ptr_array_index (visible, k);

            if (precis_gallery_cell_get_image (cell) != PRECIS_NO_INDEX &&
                gtk_widget_get_mapped (GTK_WIDGET (cell)) &&
                precis_image_view_get_texture (precis_gallery_cell_get_view (cell)) == NULL)
              all = FALSE;
          }
      }
  }
  wait_paint ();
  save_screenshot ("explorer-gallery.png");

  n_bound = check_visible_cells (&sample);
  /* 1280 × 800 shows at least two rows of three. */
  g_assert_cmpuint (n_bound, >=, 6);

  /* Thumbnails of present files have been decoded. */
  find_widgets (GTK_WIDGET (page), PRECIS_TYPE_GALLERY_CELL, cells);
  for (guint k = 0; k < cells->len; k++)
    {
      PrecisGalleryCell *cell = g_ptr_array_index (cells, k);

      if (precis_gallery_cell_get_image (cell) != PRECIS_NO_INDEX && gtk_widget_get_mapped (GTK_WIDGET (cell)))
        g_assert_nonnull (precis_image_view_get_texture (precis_gallery_cell_get_view (cell)));
    }
}

static void
test_detail_counts (void)
{
  precis_explorer_page_set_evaluation (page, sample.dataset, sample.matcher, sample.active);
  check_all_images (&sample);
}

static void
test_threshold_change (void)
{
  const PrecisActiveResult *before, *after;
  guint tp_before;

  precis_explorer_page_set_evaluation (page, sample.dataset, sample.matcher, sample.active);
  before = precis_active_evaluate (sample.active);
  tp_before = before->tp;

  /* What the window does on a slider step. */
  precis_active_set_threshold (sample.active, 0.75);
  after = precis_active_evaluate (sample.active);
  /* A stricter threshold must change something, or this test tests nothing. */
  g_assert_cmpuint (after->tp, <, tp_before);
  precis_explorer_page_evaluation_changed (page);
  /* The gallery, then every image, at 0.75. */
  g_assert_cmpuint (check_visible_cells (&sample), >=, 6);
  check_all_images (&sample);

  /* Changed while an image is open: the gallery is up to date on return. */
  precis_explorer_page_show_image (page, 0);
  precis_active_set_threshold (sample.active, 0.3);
  precis_active_evaluate (sample.active);
  precis_explorer_page_evaluation_changed (page);
  precis_explorer_page_show_image (page, PRECIS_NO_INDEX);
  g_assert_cmpuint (check_visible_cells (&sample), >=, 6);

  precis_active_set_threshold (sample.active, 0.5);
  precis_active_evaluate (sample.active);
  precis_explorer_page_evaluation_changed (page);
}

static void
test_layers (void)
{
  PrecisImageView *view = detail_view ();
  guint expected[PRECIS_OVERLAY_N_OUTCOMES];
  guint drawn[PRECIS_OVERLAY_N_OUTCOMES];
  guint32 image = PRECIS_NO_INDEX;
  const char *actions[] = { "explorer.show-gt", "explorer.show-tp", "explorer.show-fp", "explorer.show-fn" };
  const PrecisOverlayOutcome outcomes[] = { PRECIS_OVERLAY_GT, PRECIS_OVERLAY_TP, PRECIS_OVERLAY_FP, PRECIS_OVERLAY_FN };

  precis_explorer_page_set_evaluation (page, sample.dataset, sample.matcher, sample.active);

  /* An image with every outcome, so that each toggle has something to hide. */
  for (guint32 k = 0; k < precis_dataset_get_n_images (sample.dataset) && image == PRECIS_NO_INDEX; k++)
    {
      expected_counts (&sample, k, expected);
      if (expected[PRECIS_OVERLAY_TP] > 0 && expected[PRECIS_OVERLAY_FP] > 0 && expected[PRECIS_OVERLAY_FN] > 0)
        image = k;
    }
  g_assert_cmpuint (image, !=, PRECIS_NO_INDEX);

  precis_explorer_page_show_image (page, image);
  wait_paint ();
  spin (500);
  wait_paint ();
  save_screenshot ("explorer-detail.png");

  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      gboolean shown;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), actions[a], NULL));
      wait_paint ();
      g_object_get (page, strchr (actions[a], '.') + 1, &shown, NULL);
      g_assert_false (shown);
      precis_image_view_get_drawn_counts (view, drawn);
      for (guint o = 0; o < G_N_ELEMENTS (outcomes); o++)
        g_assert_cmpuint (drawn[outcomes[o]], ==, o == a ? 0 : expected[outcomes[o]]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), actions[a], NULL));
      wait_paint ();
      precis_image_view_get_drawn_counts (view, drawn);
      g_assert_cmpuint (drawn[outcomes[a]], ==, expected[outcomes[a]]);
    }

  precis_explorer_page_show_image (page, PRECIS_NO_INDEX);
}

static void
test_navigation (void)
{
  GListModel *model;
  guint32 first, second;

  precis_explorer_page_set_evaluation (page, sample.dataset, sample.matcher, sample.active);
  model = gallery_model ();
  first = model_image (model, 0);
  second = model_image (model, 1);

  precis_explorer_page_show_image (page, first);
  wait_paint ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "explorer.next", NULL));
  g_assert_cmpuint (precis_explorer_page_get_image (page), ==, second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "explorer.previous", NULL));
  g_assert_cmpuint (precis_explorer_page_get_image (page), ==, first);
  /* Nothing before the first image. */
  gtk_widget_activate_action (GTK_WIDGET (page), "explorer.previous", NULL);
  g_assert_cmpuint (precis_explorer_page_get_image (page), ==, first);

  /* Zoom: each step is a factor 1.25 (ZOOM_STEP), fit goes back to 1. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "explorer.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (precis_image_view_get_zoom (detail_view ()), 1.25, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "explorer.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (precis_image_view_get_zoom (detail_view ()), 1.5625, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "explorer.zoom-fit", NULL));
  g_assert_cmpfloat_with_epsilon (precis_image_view_get_zoom (detail_view ()), 1.0, 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "explorer.back", NULL));
  g_assert_cmpuint (precis_explorer_page_get_image (page), ==, PRECIS_NO_INDEX);
}

typedef struct {
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Load;

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Load *load = user_data;

  load->texture = precis_thumbnailer_load_finish (PRECIS_THUMBNAILER (source), result, &load->error);
  load->done = TRUE;
}

static void
load_sync (PrecisThumbnailer *thumbnailer,
           const char        *path,
           GCancellable      *cancellable,
           Load              *load)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  memset (load, 0, sizeof *load);
  precis_thumbnailer_load_async (thumbnailer, path, cancellable, loaded, load);
  while (!load->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (load->done);
}

/* Decoding at a size in the pool, the LRU bound, cancellation, a missing file. */
static void
test_thumbnailer (void)
{
  g_autoptr(PrecisThumbnailer) thumbnailer = precis_thumbnailer_new (64, 3);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *missing = g_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", "images", "no-such-file.jpg", NULL);
  g_autoptr(GdkTexture) cached = NULL;
  Load load;

  /* Five pictures (640 × 480, data/sample/cartucho-map/SOURCE.md) through a cache of three. */
  for (guint32 k = 0; k < 5; k++)
    {
      const PrecisImage *img = precis_dataset_get_image (sample.dataset, k);

      g_assert_true (img->present);
      load_sync (thumbnailer, img->path, NULL, &load);
      g_assert_no_error (load.error);
      g_assert_nonnull (load.texture);
      /* Scaled to fit 64 × 64, keeping the aspect ratio: 64 × 48. */
      g_assert_cmpint (gdk_texture_get_width (load.texture), ==, 64);
      g_assert_cmpint (gdk_texture_get_height (load.texture), ==, 48);
      g_clear_object (&load.texture);
    }
  g_assert_cmpuint (precis_thumbnailer_get_n_decoded (thumbnailer), ==, 5);
  g_assert_cmpuint (precis_thumbnailer_get_n_cached (thumbnailer), ==, 3);
  /* The oldest two were dropped, the newest is there. */
  cached = precis_thumbnailer_lookup (thumbnailer, precis_dataset_get_image (sample.dataset, 0)->path);
  g_assert_null (cached);
  cached = precis_thumbnailer_lookup (thumbnailer, precis_dataset_get_image (sample.dataset, 4)->path);
  g_assert_nonnull (cached);

  /* A cached picture is not decoded again. */
  load_sync (thumbnailer, precis_dataset_get_image (sample.dataset, 4)->path, NULL, &load);
  g_assert_nonnull (load.texture);
  g_clear_object (&load.texture);
  g_assert_cmpuint (precis_thumbnailer_get_n_decoded (thumbnailer), ==, 5);

  /* A cancelled request reports the cancellation. */
  g_cancellable_cancel (cancelled);
  load_sync (thumbnailer, precis_dataset_get_image (sample.dataset, 6)->path, cancelled, &load);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (load.texture);
  g_clear_error (&load.error);

  /* A missing file is an error, not a crash. */
  load_sync (thumbnailer, missing, NULL, &load);
  g_assert_nonnull (load.error);
  g_assert_null (load.texture);
  g_clear_error (&load.error);

  /* Corrupt and hostile files (tests/data/README.md): an error, never a crash
   * or a 40 GB allocation. */
  {
    g_autofree char *garbage = g_test_build_filename (G_TEST_DIST, "data", "images-bad", "not-an-image.jpg", NULL);
    g_autofree char *huge = g_test_build_filename (G_TEST_DIST, "data", "images-bad", "huge-header.png", NULL);
    g_autofree char *truncated = g_test_build_filename (G_TEST_DIST, "data", "images-bad", "truncated.jpg", NULL);
    g_autoptr(PrecisThumbnailer) full_size = precis_thumbnailer_new (0, 2);

    load_sync (thumbnailer, garbage, NULL, &load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_null (load.texture);
    g_clear_error (&load.error);

    /* The header claims 100000 × 100000 pixels: refused at both sizes. */
    load_sync (thumbnailer, huge, NULL, &load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_assert_null (load.texture);
    g_clear_error (&load.error);
    load_sync (full_size, huge, NULL, &load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_assert_null (load.texture);
    g_clear_error (&load.error);

    /* The first 3000 bytes of a JPEG: the decoder either gives up with an
     * error or returns what it could read; exactly one of the two. */
    load_sync (full_size, truncated, NULL, &load);
    g_assert_true ((load.error != NULL) != (load.texture != NULL));
    g_clear_error (&load.error);
    g_clear_object (&load.texture);
  }
}

static void
test_filter_and_sort (void)
{
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (sample.dataset);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (sample.dataset, 0);
  guint n_images = precis_dataset_get_n_images (sample.dataset);
  g_autofree guint *fn = g_new0 (guint, n_images);
  g_autofree guint *fp = g_new0 (guint, n_images);
  GtkDropDown *sort = NULL;
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  GListModel *model;
  guint n_with_fn = 0;

  precis_explorer_page_set_evaluation (page, sample.dataset, sample.matcher, sample.active);
  precis_active_evaluate (sample.active);
  for (guint32 i = 0; i < gt->n; i++)
    if (precis_active_get_gt_outcome (sample.active, i) == PRECIS_GT_FN)
      fn[gt->image[i]]++;
  for (guint32 i = 0; i < dt->n; i++)
    if (precis_active_get_prediction_outcome (sample.active, i) == PRECIS_PREDICTION_FP)
      fp[dt->image[i]]++;
  for (guint32 k = 0; k < n_images; k++)
    n_with_fn += fn[k] > 0;
  /* The filter must remove something to be tested. */
  g_assert_cmpuint (n_with_fn, <, n_images);
  g_assert_cmpuint (n_with_fn, >, 0);

  model = gallery_model ();
  gtk_toggle_button_set_active (filter_button ("FN"), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_with_fn);
  for (guint p = 0; p < g_list_model_get_n_items (model); p++)
    g_assert_cmpuint (fn[model_image (model, p)], >, 0);

  /* Most errors first. */
  find_widgets (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, dropdowns);
  for (guint k = 0; k < dropdowns->len; k++)
    if (GTK_IS_STRING_LIST (gtk_drop_down_get_model (g_ptr_array_index (dropdowns, k))) &&
        g_list_model_get_n_items (gtk_drop_down_get_model (g_ptr_array_index (dropdowns, k))) == 3)
      sort = g_ptr_array_index (dropdowns, k);
  g_assert_nonnull (sort);
  gtk_drop_down_set_selected (sort, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_with_fn);
  for (guint p = 1; p < g_list_model_get_n_items (model); p++)
    {
      guint32 a = model_image (model, p - 1), b = model_image (model, p);

      g_assert_cmpuint (fp[a] + fn[a], >=, fp[b] + fn[b]);
    }

  gtk_drop_down_set_selected (sort, 0);
  gtk_toggle_button_set_active (filter_button ("FN"), FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_images);

  /* One class: exactly the images with a GT or a prediction of it. The
   * class drop-down lists "All classes" and then the categories in order. */
  {
    GtkDropDown *classes = NULL;
    guint32 category = dt->category[0];   /* the class of one prediction */
    g_autofree guint8 *has = g_new0 (guint8, n_images);
    guint n_has = 0;

    for (guint k = 0; k < dropdowns->len; k++)
      if (g_list_model_get_n_items (gtk_drop_down_get_model (g_ptr_array_index (dropdowns, k))) ==
          precis_dataset_get_n_categories (sample.dataset) + 1)
        classes = g_ptr_array_index (dropdowns, k);
    g_assert_nonnull (classes);
    for (guint32 i = 0; i < gt->n; i++)
      if (gt->category[i] == category)
        has[gt->image[i]] = 1;
    for (guint32 i = 0; i < dt->n; i++)
      if (dt->category[i] == category)
        has[dt->image[i]] = 1;
    for (guint32 k = 0; k < n_images; k++)
      n_has += has[k];
    g_assert_cmpuint (n_has, <, n_images);

    gtk_drop_down_set_selected (classes, category + 1);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_has);
    for (guint p = 0; p < g_list_model_get_n_items (model); p++)
      g_assert_true (has[model_image (model, p)]);
    gtk_drop_down_set_selected (classes, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_images);
  }
}

/* A project whose image files are missing: a blank canvas of the GT size,
 * with the same annotations. */
static void
test_missing_images (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-explorer-XXXXXX", &error);
  const char *files[] = { "gt.json", "predictions.json" };
  Project missing = { NULL, };
  PrecisImageView *view;

  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (files); k++)
    {
      g_autofree char *src = g_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", files[k], NULL);
      g_autofree char *dst = g_build_filename (dir, files[k], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (src, &contents, &len, &error));
      g_assert_true (g_file_set_contents (dst, contents, len, &error));
    }
  project_load (&missing, dir);
  g_assert_cmpuint (precis_dataset_get_n_images_missing (missing.dataset), ==,
                    precis_dataset_get_n_images (missing.dataset));

  precis_explorer_page_set_evaluation (page, missing.dataset, missing.matcher, missing.active);
  precis_explorer_page_show_image (page, 0);
  wait_paint ();
  spin (300);
  wait_paint ();
  view = detail_view ();
  g_assert_null (precis_image_view_get_texture (view));
  save_screenshot ("explorer-missing.png");
  check_all_images (&missing);

  precis_explorer_page_set_evaluation (page, NULL, NULL, NULL);
  project_clear (&missing);
  for (guint k = 0; k < G_N_ELEMENTS (files); k++)
    {
      g_autofree char *dst = g_build_filename (dir, files[k], NULL);
      g_unlink (dst);
    }
  g_rmdir (dir);
}

/* Renders @widget as the screen shows it at @scale device pixels per unit. */
static GdkTexture *
render_widget (GtkWidget *widget,
               int        scale)
{
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, w * scale, h * scale));
}

static gboolean
same_colour (const guint8 *a,
             const guint8 *b)
{
  for (guint c = 0; c < 4; c++)
    if (ABS ((int) a[c] - (int) b[c]) > 4)
      return FALSE;
  return TRUE;
}

/* One image (its file missing: a blank canvas of 100 × 80) with one false
 * positive box at (10.3, 45.3), 30 × 30, and one GT box elsewhere. */
static void
write_box_project (const char *dir)
{
  static const char gt[] =
    "{\"images\": [{\"id\": 1, \"file_name\": \"blank.png\", \"width\": 100, \"height\": 80}],"
    " \"categories\": [{\"id\": 1, \"name\": \"thing\"}],"
    " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1,"
    " \"bbox\": [70, 5, 20, 20], \"area\": 400, \"iscrowd\": 0}]}";
  static const char pred[] =
    "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [10.3, 45.3, 30, 30], \"score\": 0.9}]";
  g_autofree char *gt_path = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *pred_path = g_build_filename (dir, "predictions.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (gt_path, gt, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (pred_path, pred, -1, &error));
  g_assert_no_error (error);
}

/* Under GDK_SCALE=2 (a subprocess of this program): the detail view draws its
 * overlay at device pixels, so the outer edge of the 2-unit FP line, 4 device
 * pixels wide, passes from the canvas to the line colour within one device
 * pixel. Drawn at 1 pixel per unit and magnified, the edge would blur over
 * two or more. */
static void
check_hidpi_detail (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-explorer-XXXXXX", &error);
  Project box = { NULL, };
  PrecisImageView *view;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  double ix0, iy0, ix1, iy1, s, ox, oy, centre_x, edge_x;
  gsize stride;
  int width, row, centre, first_line = -1, last_canvas = -1;
  const guint8 *line, *canvas;

  g_assert_no_error (error);
  write_box_project (dir);
  project_load (&box, dir);
  precis_explorer_page_set_evaluation (page, box.dataset, box.matcher, box.active);
  precis_explorer_page_show_image (page, 0);
  wait_paint ();
  view = detail_view ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (view)), ==, 2);
  g_assert_cmpuint (precis_image_view_get_drawn_counts (view, NULL), ==, 2);

  /* Image → widget: the inverse of precis_image_view_to_image. */
  precis_image_view_to_image (view, 0, 0, &ix0, &iy0);
  precis_image_view_to_image (view, 1, 1, &ix1, &iy1);
  s = 1.0 / (ix1 - ix0);
  ox = -ix0 * s;
  oy = -iy0 * s;
  centre_x = 2 * (ox + 10.3 * s);           /* the stroke's centre, device pixels */
  edge_x = centre_x - 2;                    /* its outer edge: 1 unit to the left */
  row = (int) (2 * (oy + 60.3 * s));        /* mid-height of the box */
  g_test_message ("line edge at device x = %.3f (at 1 px per unit: %.3f)", edge_x, edge_x / 2);

  texture = render_widget (GTK_WIDGET (view), 2);
  width = gdk_texture_get_width (texture);
  g_assert_cmpint (width, ==, 2 * gtk_widget_get_width (GTK_WIDGET (view)));
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);

  centre = (int) floor (centre_x);
  g_assert_cmpint (centre - 12, >=, 0);
  canvas = pixels + row * stride + (gsize) (centre - 12) * 4;
  line = pixels + row * stride + (gsize) centre * 4;
  g_assert_false (same_colour (canvas, line));
  for (int x = centre - 12; x <= centre; x++)
    {
      const guint8 *p = pixels + row * stride + (gsize) x * 4;

      if (same_colour (p, canvas))
        last_canvas = x;
      else if (first_line < 0 && same_colour (p, line))
        first_line = x;
    }
  g_assert_cmpint (last_canvas, >=, 0);
  g_assert_cmpint (first_line, >, last_canvas);
  /* At most one pixel between the canvas and the line. */
  g_assert_cmpint (first_line - last_canvas - 1, <=, 1);
  /* … and the line is as wide as drawn: 4 device pixels, give or take the
   * partly covered one at either side. */
  for (int x = first_line; x < first_line + 3; x++)
    g_assert_true (same_colour (pixels + row * stride + (gsize) x * 4, line));

  precis_explorer_page_set_evaluation (page, NULL, NULL, NULL);
  project_clear (&box);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *path = g_build_filename (dir, k == 0 ? "gt.json" : "predictions.json", NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_hidpi (void)
{
  if (g_test_subprocess ())
    {
      check_hidpi_detail ();
      return;
    }

  /* The child opens the display afresh, at two device pixels per unit. */
  g_setenv ("GDK_SCALE", "2", TRUE);
  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("GDK_SCALE");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample_path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  sample_path = g_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", NULL);
  project_load (&sample, sample_path);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  page = PRECIS_EXPLORER_PAGE (precis_explorer_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  spin (100);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);

  g_test_add_func ("/explorer/empty-state", test_empty_state);
  g_test_add_func ("/explorer/gallery", test_gallery);
  g_test_add_func ("/explorer/detail-counts", test_detail_counts);
  g_test_add_func ("/explorer/threshold-change", test_threshold_change);
  g_test_add_func ("/explorer/layers", test_layers);
  g_test_add_func ("/explorer/navigation", test_navigation);
  g_test_add_func ("/explorer/filter-and-sort", test_filter_and_sort);
  g_test_add_func ("/explorer/missing-images", test_missing_images);
  g_test_add_func ("/explorer/thumbnailer", test_thumbnailer);
  g_test_add_func ("/explorer/hidpi", test_hidpi);

  ret = g_test_run ();

  gtk_window_destroy (window);
  project_clear (&sample);
  return ret;
}

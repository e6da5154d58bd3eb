/* test-explorer-hidpi.c: the explorer's detail view at two device pixels per
 * unit (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program sets GDK_SCALE=2 before it opens the display.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>

#include "precis-explorer-page.h"
#include "precis-image-view.h"
#include "precis-test-app.h"

static PrecisExplorerPage *page;

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

/* Under GDK_SCALE=2: the detail view draws its
 * overlay at device pixels, so the outer edge of the 2-unit FP line, 4 device
 * pixels wide, passes from the canvas to the line colour within one device
 * pixel. Drawn at 1 pixel per unit and magnified, the edge would blur over
 * two or more. */
static void
check_hidpi_detail (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-explorer-XXXXXX", &error);
  PrecisTestProject box = { NULL, };
  PrecisImageView *view;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  double ix0, iy0, ix1, iy1, s, ox, oy, centre_x, edge_x;
  gsize stride;
  int width, row, centre, first_line = -1, last_canvas = -1;
  const guint8 *line, *canvas;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  write_box_project (dir);
  precis_test_project_load (&box, dir);
  precis_explorer_page_set_evaluation (page, box.dataset, box.matcher, box.active);
  precis_explorer_page_show_image (page, 0);
  view = PRECIS_IMAGE_VIEW (precis_explorer_page_get_image_view (page));
  /* Drawn: both boxes, the FP and the FN. */
  while (precis_image_view_get_drawn_counts (view, NULL) != 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (view)), ==, 2);

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
  precis_test_project_clear (&box);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *path = g_build_filename (dir, k == 0 ? "gt.json" : "predictions.json", NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  GtkWindow *window;
  int ret;

  /* Before the display is opened. */
  g_setenv ("GDK_SCALE", "2", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    g_error ("cannot open a display: run the app suite under xvfb-run");

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 800, 500);
  page = PRECIS_EXPLORER_PAGE (precis_explorer_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  g_test_add_func ("/explorer/hidpi", check_hidpi_detail);
  ret = g_test_run ();

  gtk_window_destroy (window);
  return ret;
}

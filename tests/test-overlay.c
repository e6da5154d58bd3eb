/* test-overlay.c: precis-overlay, drawn onto image surfaces (suite core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part 1 draws a hand-made image (40 × 30 pixels, written below) with one
 * annotation of each shape kind and checks pixels: where each outline and fill
 * must land (hand computations in the comments), its colour (UI.md's outcome
 * colours), the layer toggles, the scale/offset transform and the hit test.
 *
 * Part 2 draws every image of the sample project (data/sample/cartucho-map,
 * see its SOURCE.md) with the `active` evaluator's outcomes and checks that
 * the number drawn per outcome adds up to the evaluator's totals.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "precis-active.h"
#include "precis-overlay.h"

/* One image 40 × 30. GT (annotation order = category, then file order):
 *   0  A  box [4, 4, 10, 8]                      category thing
 *   1  B  polygon rectangle (20, 4)–(30, 12)     category thing
 *   2  C  RLE: x in [2, 12), y in [16, 28)       category thing
 *         column-major runs: 2 × 30 + 16 = 76 zeros, then per column 12 ones
 *         and 18 zeros, the last column's ones followed by the remaining
 *         1200 − (76 + 10 × 12 + 9 × 18) = 842 zeros
 *   3  K  keypoints (10, 20) and (20, 20), skeleton a–b   category person
 *   4  L  polyline (2, 28)–(38, 28)              category lane
 * Predictions: 0  P1 box [4, 4, 10, 8] score 0.9; 1  P2 box [30, 20, 6, 6] score 0.5. */
static const char gt_json[] =
  "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": 40, \"height\": 30}],"
  " \"categories\": [{\"id\": 1, \"name\": \"thing\"},"
  "   {\"id\": 2, \"name\": \"person\", \"keypoints\": [\"a\", \"b\"], \"skeleton\": [[1, 2]]},"
  "   {\"id\": 3, \"name\": \"lane\"}],"
  " \"annotations\": ["
  "  {\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [4, 4, 10, 8], \"area\": 80, \"iscrowd\": 0},"
  "  {\"id\": 2, \"image_id\": 1, \"category_id\": 1, \"bbox\": [20, 4, 10, 8], \"area\": 80, \"iscrowd\": 0,"
  "   \"segmentation\": [[20, 4, 30, 4, 30, 12, 20, 12]]},"
  "  {\"id\": 3, \"image_id\": 1, \"category_id\": 1, \"bbox\": [2, 16, 10, 12], \"area\": 120, \"iscrowd\": 0,"
  "   \"segmentation\": {\"size\": [30, 40], \"counts\": [76, 12, 18, 12, 18, 12, 18, 12, 18, 12, 18, 12, 18, 12, 18,"
  "     12, 18, 12, 18, 12, 842]}},"
  "  {\"id\": 4, \"image_id\": 1, \"category_id\": 2, \"bbox\": [8, 18, 14, 4], \"area\": 56, \"iscrowd\": 0,"
  "   \"keypoints\": [10, 20, 2, 20, 20, 2], \"num_keypoints\": 2},"
  "  {\"id\": 5, \"image_id\": 1, \"category_id\": 3, \"bbox\": [2, 27, 36, 2], \"area\": 72, \"iscrowd\": 0,"
  "   \"polyline\": [[2, 28, 38, 28]]}"
  " ]}";

static const char pred_json[] =
  "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [4, 4, 10, 8], \"score\": 0.9},"
  " {\"image_id\": 1, \"category_id\": 1, \"bbox\": [30, 20, 6, 6], \"score\": 0.5}]";

enum { A, B, C, K, L };
enum { P1, P2 };

static PrecisDataset *toy;
static char *toy_dir;

static void
toy_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gt_path = NULL;
  g_autofree char *pred_path = NULL;
  g_autoptr(GFile) gt = NULL;
  g_autoptr(GFile) pred = NULL;
  GFile *preds[1];

  toy_dir = g_dir_make_tmp ("precis-overlay-XXXXXX", &error);
  g_assert_no_error (error);
  gt_path = g_build_filename (toy_dir, "gt.json", NULL);
  pred_path = g_build_filename (toy_dir, "pred.json", NULL);
  g_assert_true (g_file_set_contents (gt_path, gt_json, -1, &error));
  g_assert_true (g_file_set_contents (pred_path, pred_json, -1, &error));

  gt = g_file_new_for_path (gt_path);
  pred = g_file_new_for_path (pred_path);
  preds[0] = pred;
  toy = precis_dataset_load_files (gt, preds, NULL, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (toy);
  g_assert_cmpuint (precis_dataset_get_ground_truth_annotations (toy)->n, ==, 5);
  g_assert_cmpuint (precis_dataset_get_predictions (toy, 0)->n, ==, 2);

  g_unlink (gt_path);
  g_unlink (pred_path);
  g_rmdir (toy_dir);
}

/* Sets the toy's items: every GT hidden but @shown_gt (all when G_MAXUINT). */
static PrecisOverlay *
toy_overlay (PrecisIouType type)
{
  PrecisOverlay *overlay = precis_overlay_new (toy, 0, type, 0);
  PrecisOverlayItem *gt, *dt;
  guint32 start, end;

  gt = precis_overlay_get_gt_items (overlay, &start, &end);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 5);
  dt = precis_overlay_get_dt_items (overlay, &start, &end);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 2);

  gt[A] = (PrecisOverlayItem) { PRECIS_OVERLAY_GT, 1.0, P1 };
  gt[B] = (PrecisOverlayItem) { PRECIS_OVERLAY_GT, -1.0, PRECIS_NO_INDEX };
  gt[C] = (PrecisOverlayItem) { PRECIS_OVERLAY_FN, -1.0, PRECIS_NO_INDEX };
  gt[K] = (PrecisOverlayItem) { PRECIS_OVERLAY_IGNORED, -1.0, PRECIS_NO_INDEX };
  gt[L] = (PrecisOverlayItem) { PRECIS_OVERLAY_FN, -1.0, PRECIS_NO_INDEX };
  dt[P1] = (PrecisOverlayItem) { PRECIS_OVERLAY_TP, 1.0, A };
  dt[P2] = (PrecisOverlayItem) { PRECIS_OVERLAY_FP, 0.0, PRECIS_NO_INDEX };
  return overlay;
}

static void
hide_all_but (PrecisOverlay *overlay,
              gboolean       keep_gt,
              guint          keep)
{
  PrecisOverlayItem *gt = precis_overlay_get_gt_items (overlay, NULL, NULL);
  PrecisOverlayItem *dt = precis_overlay_get_dt_items (overlay, NULL, NULL);

  for (guint i = 0; i < 5; i++)
    if (!keep_gt || i != keep)
      gt[i].outcome = PRECIS_OVERLAY_HIDDEN;
  for (guint i = 0; i < 2; i++)
    if (keep_gt || i != keep)
      dt[i].outcome = PRECIS_OVERLAY_HIDDEN;
}

/* Per prediction, the ones draw() emphasises (PrecisOverlayStyle.emphasis_dt), or NULL. */
static const guint8 *draw_emphasis_dt;

static cairo_surface_t *
draw (PrecisOverlay *overlay,
      int            width,
      int            height,
      double         scale,
      guint          layers,
      gboolean       fill,
      guint          counts[PRECIS_OVERLAY_N_OUTCOMES],
      guint         *n_drawn)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  PrecisOverlayStyle style;
  guint n;

  precis_overlay_style_init (&style);
  style.scale = scale;
  /* Half a pixel: lines of width 1 along integer image coordinates then
   * cover whole device pixels, with no antialiasing to reason about. */
  style.offset_x = 0.5;
  style.offset_y = 0.5;
  style.line_width = 1.0;
  style.layers = layers;
  style.fill = fill;
  style.emphasis_dt = draw_emphasis_dt;
  n = precis_overlay_draw (overlay, cr, &style, counts);
  if (n_drawn != NULL)
    *n_drawn = n;
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Straight (not premultiplied) RGBA of one pixel, components 0–255. */
static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       double          *rgba)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p = *(const guint32 *) (data + y * stride + 4 * x);
  double a = p >> 24;

  rgba[3] = a;
  rgba[0] = a > 0 ? ((p >> 16) & 0xff) * 255.0 / a : 0;
  rgba[1] = a > 0 ? ((p >> 8) & 0xff) * 255.0 / a : 0;
  rgba[2] = a > 0 ? (p & 0xff) * 255.0 / a : 0;
}

/* The pixel is opaque and of colour @hex (UI.md's outcome colours). */
static void
assert_colour (cairo_surface_t *surface,
               int              x,
               int              y,
               guint32          hex,
               double           alpha)
{
  double rgba[4];

  pixel (surface, x, y, rgba);
  g_assert_cmpfloat_with_epsilon (rgba[3], alpha * 255, 3.0);
  g_assert_cmpfloat_with_epsilon (rgba[0], (hex >> 16) & 0xff, 4.0);
  g_assert_cmpfloat_with_epsilon (rgba[1], (hex >> 8) & 0xff, 4.0);
  g_assert_cmpfloat_with_epsilon (rgba[2], hex & 0xff, 4.0);
}

static void
assert_empty (cairo_surface_t *surface,
              int              x,
              int              y)
{
  double rgba[4];

  pixel (surface, x, y, rgba);
  g_assert_cmpfloat (rgba[3], ==, 0.0);
}

static void
test_counts (void)
{
  g_autoptr(PrecisOverlay) overlay = toy_overlay (PRECIS_IOU_BBOX);
  guint counts[PRECIS_OVERLAY_N_OUTCOMES];
  guint drawn[PRECIS_OVERLAY_N_OUTCOMES];
  cairo_surface_t *surface;
  guint n;

  /* As set in toy_overlay(): GT A, B; FN C, L; ignored K; TP P1; FP P2. */
  precis_overlay_count (overlay, PRECIS_OVERLAY_LAYER_ALL, counts);
  g_assert_cmpuint (counts[PRECIS_OVERLAY_GT], ==, 2);
  g_assert_cmpuint (counts[PRECIS_OVERLAY_FN], ==, 2);
  g_assert_cmpuint (counts[PRECIS_OVERLAY_IGNORED], ==, 1);
  g_assert_cmpuint (counts[PRECIS_OVERLAY_TP], ==, 1);
  g_assert_cmpuint (counts[PRECIS_OVERLAY_FP], ==, 1);
  g_assert_cmpuint (counts[PRECIS_OVERLAY_HIDDEN], ==, 0);

  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, drawn, &n);
  g_assert_cmpmem (drawn, sizeof drawn, counts, sizeof counts);
  g_assert_cmpuint (n, ==, 7);
  cairo_surface_destroy (surface);

  /* Without the FP and FN layers. */
  surface = draw (overlay, 40, 30, 1.0,
                  PRECIS_OVERLAY_LAYER_ALL & ~(PRECIS_OVERLAY_LAYER_FP | PRECIS_OVERLAY_LAYER_FN),
                  TRUE, drawn, &n);
  g_assert_cmpuint (drawn[PRECIS_OVERLAY_FP], ==, 0);
  g_assert_cmpuint (drawn[PRECIS_OVERLAY_FN], ==, 0);
  g_assert_cmpuint (drawn[PRECIS_OVERLAY_TP], ==, 1);
  g_assert_cmpuint (n, ==, 4);
  cairo_surface_destroy (surface);

  /* A hidden item is neither drawn nor counted. */
  precis_overlay_get_dt_items (overlay, NULL, NULL)[P2].outcome = PRECIS_OVERLAY_HIDDEN;
  precis_overlay_count (overlay, PRECIS_OVERLAY_LAYER_ALL, counts);
  g_assert_cmpuint (counts[PRECIS_OVERLAY_FP], ==, 0);
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, &n);
  g_assert_cmpuint (n, ==, 6);
  cairo_surface_destroy (surface);
}

static void
test_boxes (void)
{
  g_autoptr(PrecisOverlay) overlay = toy_overlay (PRECIS_IOU_BBOX);
  cairo_surface_t *surface;

  /* TP P1 alone: its top edge y = 4 lands on pixel row 4 (offset 0.5), from
   * x = 4 to 14; the inside stays empty (boxes are not filled). */
  hide_all_but (overlay, FALSE, P1);
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, NULL);
  assert_colour (surface, 8, 4, 0x009E73, 1.0);
  assert_colour (surface, 4, 8, 0x009E73, 1.0);    /* left edge */
  assert_colour (surface, 14, 8, 0x009E73, 1.0);   /* right edge x = 4 + 10 */
  assert_empty (surface, 8, 8);
  assert_empty (surface, 33, 20);                  /* P2 is hidden */
  cairo_surface_destroy (surface);

  /* Its layer off: nothing at all. */
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL & ~PRECIS_OVERLAY_LAYER_TP, TRUE, NULL, NULL);
  assert_empty (surface, 8, 4);
  cairo_surface_destroy (surface);

  /* Scale 2: the top edge moves to device row 2 × 4 = 8, from x = 8 to 28. */
  surface = draw (overlay, 80, 60, 2.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, NULL);
  assert_colour (surface, 16, 8, 0x009E73, 1.0);
  assert_colour (surface, 26, 8, 0x009E73, 1.0);
  assert_empty (surface, 8, 4);
  assert_empty (surface, 16, 12);
  cairo_surface_destroy (surface);

  /* FP P2 [30, 20, 6, 6]: vermillion on row 20. */
  g_clear_pointer (&overlay, precis_overlay_free);
  overlay = toy_overlay (PRECIS_IOU_BBOX);
  hide_all_but (overlay, FALSE, P2);
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, NULL);
  assert_colour (surface, 33, 20, 0xD55E00, 1.0);
  assert_empty (surface, 33, 23);
  assert_empty (surface, 8, 4);
  cairo_surface_destroy (surface);
}

/* Emphasised objects (an Errors page bar's) are drawn as the highlighted one:
 * a box gets a fill of its outcome colour at alpha 0.15 and a double outline. */
static void
test_emphasis (void)
{
  g_autoptr(PrecisOverlay) overlay = toy_overlay (PRECIS_IOU_BBOX);
  const guint8 emphasis[2] = { 1, 0 };   /* P1, not P2 */
  cairo_surface_t *surface;
  guint counts[PRECIS_OVERLAY_N_OUTCOMES], plain[PRECIS_OVERLAY_N_OUTCOMES], n, n_plain;
  double rgba[4];

  /* P1 alone (the test_boxes case). */
  hide_all_but (overlay, FALSE, P1);
  cairo_surface_destroy (draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, plain, &n_plain));
  g_assert_cmpuint (n_plain, ==, 1);
  draw_emphasis_dt = emphasis;
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, counts, &n);
  draw_emphasis_dt = NULL;
  /* Drawn once each: the emphasised P1 is not drawn again with its batch. */
  g_assert_cmpuint (n, ==, n_plain);
  for (guint o = 0; o < PRECIS_OVERLAY_N_OUTCOMES; o++)
    g_assert_cmpuint (counts[o], ==, plain[o]);
  pixel (surface, 8, 8, rgba);                      /* inside P1: filled */
  g_assert_cmpfloat_with_epsilon (rgba[3], 0.15 * 255, 3.0);
  /* The outline 2 wide around y = 4.5 covers half of row 3 (and of row 5, under the fill). */
  pixel (surface, 8, 3, rgba);
  g_assert_cmpfloat (rgba[3], >, 100);
  assert_colour (surface, 8, 4, 0x009E73, 1.0);
  cairo_surface_destroy (surface);

  /* Without emphasis the inside of P1 stays empty. */
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, NULL);
  assert_empty (surface, 8, 8);
  assert_empty (surface, 8, 3);
  cairo_surface_destroy (surface);
}

static void
test_masks (void)
{
  g_autoptr(PrecisOverlay) overlay = toy_overlay (PRECIS_IOU_SEGM);
  cairo_surface_t *surface;
  double rgba[4];

  /* FN RLE C: a translucent orange fill inside (pixel (7, 22) is at least 4
   * pixels from every edge of x in [2, 12), y in [16, 28)), nothing outside. */
  hide_all_but (overlay, TRUE, C);
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, NULL);
  pixel (surface, 7, 22, rgba);
  g_assert_cmpfloat (rgba[3], >, 0.15 * 255);
  g_assert_cmpfloat (rgba[3], <, 0.6 * 255);
  g_assert_cmpfloat_with_epsilon (rgba[0], 0xE6, 4.0);
  g_assert_cmpfloat_with_epsilon (rgba[1], 0x9F, 4.0);
  g_assert_cmpfloat_with_epsilon (rgba[2], 0x00, 4.0);
  assert_empty (surface, 20, 22);
  assert_empty (surface, 7, 8);
  /* The outline: the column left of the mask (x = 1) is touched by the edge
   * at x = 2 (halo and dashes), the column x = 16 is not. */
  pixel (surface, 1, 22, rgba);
  g_assert_cmpfloat (rgba[3], >, 0.0);
  assert_empty (surface, 16, 22);
  cairo_surface_destroy (surface);

  /* Without fill only the outline remains. */
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, FALSE, NULL, NULL);
  assert_empty (surface, 7, 22);
  cairo_surface_destroy (surface);

  /* Matched GT polygon B: a light white fill inside, (25, 8). */
  g_clear_pointer (&overlay, precis_overlay_free);
  overlay = toy_overlay (PRECIS_IOU_SEGM);
  hide_all_but (overlay, TRUE, B);
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, NULL);
  pixel (surface, 25, 8, rgba);
  g_assert_cmpfloat (rgba[3], >, 0.05 * 255);
  g_assert_cmpfloat (rgba[3], <, 0.5 * 255);
  g_assert_cmpfloat_with_epsilon (rgba[0], 255, 4.0);
  g_assert_cmpfloat_with_epsilon (rgba[1], 255, 4.0);
  g_assert_cmpfloat_with_epsilon (rgba[2], 255, 4.0);
  assert_empty (surface, 7, 22);   /* C hidden */
  cairo_surface_destroy (surface);
}

static void
test_keypoints_and_polylines (void)
{
  g_autoptr(PrecisOverlay) overlay = toy_overlay (PRECIS_IOU_KEYPOINTS);
  g_autoptr(PrecisOverlay) lines = toy_overlay (PRECIS_IOU_POLYLINE);
  PrecisOverlayItem *gt = precis_overlay_get_gt_items (overlay, NULL, NULL);
  cairo_surface_t *surface;
  double rgba[4];

  /* K drawn as an FN: dots at (10, 20) and (20, 20), the skeleton between
   * them along row 20; nothing 5 rows below. */
  hide_all_but (overlay, TRUE, K);
  gt[K].outcome = PRECIS_OVERLAY_FN;
  surface = draw (overlay, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, NULL);
  assert_colour (surface, 10, 20, 0xE69F00, 1.0);
  assert_colour (surface, 20, 20, 0xE69F00, 1.0);
  pixel (surface, 15, 20, rgba);
  g_assert_cmpfloat (rgba[3], >, 0.0);
  assert_empty (surface, 15, 25);
  cairo_surface_destroy (surface);

  /* L, an FN polyline (2, 28)–(38, 28): coloured along row 28, not above. */
  hide_all_but (lines, TRUE, L);
  surface = draw (lines, 40, 30, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, NULL, NULL);
  pixel (surface, 20, 28, rgba);
  g_assert_cmpfloat (rgba[3], >, 0.5 * 255);
  assert_empty (surface, 20, 20);
  cairo_surface_destroy (surface);
}

static void
test_hit_test (void)
{
  g_autoptr(PrecisOverlay) boxes = toy_overlay (PRECIS_IOU_BBOX);
  g_autoptr(PrecisOverlay) masks = toy_overlay (PRECIS_IOU_SEGM);
  PrecisOverlayHit hit;

  /* (5, 5) lies in GT A and in P1, the same box: the prediction wins. */
  g_assert_true (precis_overlay_hit_test (boxes, 5, 5, PRECIS_OVERLAY_LAYER_ALL, 0, &hit));
  g_assert_false (hit.is_gt);
  g_assert_cmpuint (hit.index, ==, P1);
  g_assert_cmpint (hit.outcome, ==, PRECIS_OVERLAY_TP);
  g_assert_cmpfloat (hit.score, ==, 0.9);
  g_assert_cmpfloat (hit.iou, ==, 1.0);
  g_assert_cmpuint (hit.partner, ==, A);

  /* With the TP layer off, the GT under it. */
  g_assert_true (precis_overlay_hit_test (boxes, 5, 5, PRECIS_OVERLAY_LAYER_ALL & ~PRECIS_OVERLAY_LAYER_TP, 0, &hit));
  g_assert_true (hit.is_gt);
  g_assert_cmpuint (hit.index, ==, A);
  g_assert_cmpint (hit.outcome, ==, PRECIS_OVERLAY_GT);

  g_assert_true (precis_overlay_hit_test (boxes, 33, 23, PRECIS_OVERLAY_LAYER_ALL, 0, &hit));
  g_assert_false (hit.is_gt);
  g_assert_cmpuint (hit.index, ==, P2);
  g_assert_cmpint (hit.outcome, ==, PRECIS_OVERLAY_FP);

  g_assert_false (precis_overlay_hit_test (boxes, 38, 2, PRECIS_OVERLAY_LAYER_ALL, 0, &hit));

  /* Masks by their pixels: (7, 22) is in RLE C; (25, 8) in polygon B;
   * (15, 17) is in neither (C ends at x = 12) nor in any box. */
  g_assert_true (precis_overlay_hit_test (masks, 7, 22, PRECIS_OVERLAY_LAYER_ALL, 0, &hit));
  g_assert_true (hit.is_gt);
  g_assert_cmpuint (hit.index, ==, C);
  g_assert_cmpint (hit.outcome, ==, PRECIS_OVERLAY_FN);
  g_assert_true (precis_overlay_hit_test (masks, 25, 8, PRECIS_OVERLAY_LAYER_ALL, 0, &hit));
  g_assert_cmpuint (hit.index, ==, B);
  g_assert_false (precis_overlay_hit_test (masks, 15, 17, PRECIS_OVERLAY_LAYER_ALL, 0, &hit));
}

/* Device scale 2 (the detail view draws into an image surface at the widget's
 * scale factor): line_width is in units of the cairo_t's user space, so an
 * outline of width w covers 2w device pixels, and an edge on an integer user
 * coordinate stays sharp (whole device pixels, nothing in between). TP P1
 * [4, 4, 10, 8], offset 0, line width 2: its top edge y = 4 is device row 8,
 * the stroke covers device y 6 .. 10, i.e. rows 6–9 (4 pixels); the bottom edge
 * y = 12 covers device rows 22–25. Column x = 8 is device column 16. */
static void
test_device_scale (void)
{
  const cairo_antialias_t antialias[] = { CAIRO_ANTIALIAS_DEFAULT, CAIRO_ANTIALIAS_NONE };

  for (guint a = 0; a < G_N_ELEMENTS (antialias); a++)
    {
      g_autoptr(PrecisOverlay) overlay = toy_overlay (PRECIS_IOU_BBOX);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 80, 60);
      PrecisOverlayStyle style;
      cairo_t *cr;
      guint n_covered = 0;

      hide_all_but (overlay, FALSE, P1);
      cairo_surface_set_device_scale (surface, 2.0, 2.0);
      cr = cairo_create (surface);
      precis_overlay_style_init (&style);
      style.antialias = antialias[a];
      g_assert_cmpfloat (style.line_width, ==, 2.0);
      g_assert_cmpuint (precis_overlay_draw (overlay, cr, &style, NULL), ==, 1);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      for (int y = 0; y < 60; y++)
        {
          double rgba[4];

          pixel (surface, 16, y, rgba);
          if (rgba[3] == 0)
            continue;
          n_covered++;
          /* Every covered pixel is fully opaque: no antialiased fringe. */
          g_assert_cmpfloat (rgba[3], ==, 255.0);
          g_assert_true ((y >= 6 && y <= 9) || (y >= 22 && y <= 25));
          assert_colour (surface, 16, y, 0x009E73, 1.0);
        }
      g_assert_cmpuint (n_covered, ==, 8);   /* two edges of 4 device pixels */
      assert_empty (surface, 16, 5);
      assert_empty (surface, 16, 10);
      assert_empty (surface, 16, 16);   /* inside */
      cairo_surface_destroy (surface);
    }
}

/* Part 2: the sample project with the evaluator. */
static void
test_sample_totals (void)
{
  g_autofree char *path = g_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  const double thresholds[] = { 0.3, 0.5, 0.75 };

  dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  active = precis_active_new (matcher);

  for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
    {
      const PrecisActiveResult *result;
      guint total[PRECIS_OVERLAY_N_OUTCOMES] = { 0, };

      precis_active_set_threshold (active, thresholds[t]);
      result = precis_active_evaluate (active);

      for (guint32 k = 0; k < precis_dataset_get_n_images (dataset); k++)
        {
          const PrecisImage *img = precis_dataset_get_image (dataset, k);
          g_autoptr(PrecisOverlay) overlay = precis_overlay_new (dataset, 0, PRECIS_IOU_BBOX, k);
          guint updated[PRECIS_OVERLAY_N_OUTCOMES];
          guint drawn[PRECIS_OVERLAY_N_OUTCOMES];
          cairo_surface_t *surface;

          precis_overlay_update_from_active (overlay, active, updated);
          surface = draw (overlay, img->width, img->height, 1.0, PRECIS_OVERLAY_LAYER_ALL, TRUE, drawn, NULL);
          cairo_surface_destroy (surface);
          for (guint o = PRECIS_OVERLAY_TP; o < PRECIS_OVERLAY_N_OUTCOMES; o++)
            {
              g_assert_cmpuint (drawn[o], ==, updated[o]);
              total[o] += drawn[o];
            }
        }

      g_assert_cmpuint (total[PRECIS_OVERLAY_TP], ==, result->tp);
      g_assert_cmpuint (total[PRECIS_OVERLAY_FP], ==, result->fp);
      g_assert_cmpuint (total[PRECIS_OVERLAY_FN], ==, result->fn);
      g_assert_cmpuint (total[PRECIS_OVERLAY_GT] + total[PRECIS_OVERLAY_FN], ==, result->n_gt);
      g_assert_cmpuint (total[PRECIS_OVERLAY_IGNORED], ==, result->ignored + result->n_gt_crowd);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  toy_load ();

  g_test_add_func ("/overlay/counts", test_counts);
  g_test_add_func ("/overlay/boxes", test_boxes);
  g_test_add_func ("/overlay/emphasis", test_emphasis);
  g_test_add_func ("/overlay/masks", test_masks);
  g_test_add_func ("/overlay/keypoints-and-polylines", test_keypoints_and_polylines);
  g_test_add_func ("/overlay/hit-test", test_hit_test);
  g_test_add_func ("/overlay/device-scale", test_device_scale);
  g_test_add_func ("/overlay/sample-totals", test_sample_totals);

  ret = g_test_run ();
  g_clear_object (&toy);
  g_free (toy_dir);
  return ret;
}

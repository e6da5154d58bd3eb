/* test-rle.c: COCO RLE codec, polygon rasterisation, merge, area, box, IoU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* The oracle rounds every operation separately, as pycocotools: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "precis-rle.h"
#include "precis-test-json.h"

static void
rle_set (PrecisRle     *rle,
         guint32        h,
         guint32        w,
         const guint32 *cnts,
         guint32        m)
{
  precis_rle_init (rle, h, w, m);
  memcpy (rle->cnts, cnts, m * sizeof (guint32));
}

static void
assert_runs (const PrecisRle *rle,
             const guint32   *cnts,
             guint32          m)
{
  g_assert_cmpuint (rle->m, ==, m);
  for (guint32 i = 0; i < m; i++)
    g_assert_cmpuint (rle->cnts[i], ==, cnts[i]);
}

/* --- reference: every GT mask of coco2014-cocoapi100 --------------------------------
 * tests/data/reference/coco2014-cocoapi100.gt-rle.json holds pycocotools' annToRLE of
 * every GT of tests/data/real/coco2014-cocoapi100/gt.json: counts string, area, bbox. */

static void
test_reference_gt_rle (void)
{
  g_autoptr(JsonNode) gt_root = load_json ("data", "real", "coco2014-cocoapi100", "gt.json");
  g_autoptr(JsonNode) ref_root = load_json ("data", "reference", "coco2014-cocoapi100.gt-rle.json");
  JsonObject *gt = json_node_get_object (gt_root);
  JsonArray *images = json_object_get_array_member (gt, "images");
  JsonArray *anns = json_object_get_array_member (gt, "annotations");
  JsonArray *ref = json_object_get_array_member (json_node_get_object (ref_root), "annotations");
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint n_polygon = 0, n_rle = 0, n_multi = 0;

  for (guint i = 0; i < json_array_get_length (images); i++)
    {
      JsonObject *img = json_array_get_object_element (images, i);
      gint64 *id = g_new (gint64, 1);
      guint32 *hw = g_new (guint32, 2);

      *id = json_object_get_int_member (img, "id");
      hw[0] = json_object_get_int_member (img, "height");
      hw[1] = json_object_get_int_member (img, "width");
      g_hash_table_insert (sizes, id, hw);
    }

  g_assert_cmpuint (json_array_get_length (anns), ==, json_array_get_length (ref));
  g_assert_cmpuint (json_array_get_length (anns), ==, 839);   /* ../shared/data/real/README.md */

  for (guint i = 0; i < json_array_get_length (anns); i++)
    {
      JsonObject *ann = json_array_get_object_element (anns, i);
      JsonObject *exp = json_array_get_object_element (ref, i);
      gint64 image_id = json_object_get_int_member (ann, "image_id");
      const guint32 *hw = g_hash_table_lookup (sizes, &image_id);
      JsonNode *segm = json_object_get_member (ann, "segmentation");
      JsonArray *ebox = json_object_get_array_member (exp, "bbox");
      PrecisRle rle = PRECIS_RLE_INIT;
      g_autofree char *str = NULL;
      double box[4];

      g_assert_nonnull (hw);
      g_assert_cmpint (json_object_get_int_member (ann, "id"), ==, json_object_get_int_member (exp, "id"));

      if (JSON_NODE_HOLDS_ARRAY (segm))
        {
          JsonArray *rings = json_node_get_array (segm);
          guint n = json_array_get_length (rings);
          PrecisRle *parts = g_new0 (PrecisRle, n);

          for (guint r = 0; r < n; r++)
            {
              JsonArray *ring = json_array_get_array_element (rings, r);
              guint len = json_array_get_length (ring);
              g_autofree double *xy = g_new (double, len);

              for (guint k = 0; k < len; k++)
                xy[k] = json_array_get_double_element (ring, k);
              precis_rle_from_polygon (&parts[r], xy, len, hw[0], hw[1]);
            }
          precis_rle_merge (&rle, parts, n, FALSE);
          for (guint r = 0; r < n; r++)
            precis_rle_clear (&parts[r]);
          g_free (parts);
          n_polygon++;
          n_multi += n > 1;
        }
      else
        {
          JsonObject *obj = json_node_get_object (segm);
          JsonArray *counts = json_object_get_array_member (obj, "counts");
          JsonArray *size = json_object_get_array_member (obj, "size");
          g_autoptr(GError) error = NULL;

          precis_rle_init (&rle, json_array_get_int_element (size, 0),
                           json_array_get_int_element (size, 1),
                           json_array_get_length (counts));
          for (guint k = 0; k < rle.m; k++)
            rle.cnts[k] = json_array_get_int_element (counts, k);
          g_assert_true (precis_rle_validate (&rle, &error));
          g_assert_no_error (error);
          n_rle++;
        }

      str = precis_rle_to_string (&rle);
      g_assert_cmpstr (str, ==, json_object_get_string_member (exp, "counts"));
      g_assert_cmpuint (precis_rle_area (&rle), ==, json_object_get_int_member (exp, "area"));
      precis_rle_to_bbox (&rle, box);
      for (guint k = 0; k < 4; k++)
        g_assert_cmpfloat (box[k], ==, json_array_get_double_element (ebox, k));

      /* And back: the string parses to the same runs. */
      {
        PrecisRle back = PRECIS_RLE_INIT;
        g_autoptr(GError) error = NULL;

        g_assert_true (precis_rle_from_string (&back, str, strlen (str), rle.h, rle.w, &error));
        g_assert_no_error (error);
        assert_runs (&back, rle.cnts, rle.m);
        precis_rle_clear (&back);
      }
      precis_rle_clear (&rle);
    }

  /* The file's make-up (reference README): 830 polygon GTs, 9 crowd RLEs. */
  g_assert_cmpuint (n_rle, ==, 9);
  g_assert_cmpuint (n_polygon, ==, 830);
  g_assert_cmpuint (n_multi, >, 0);
}

/* --- an independent rasteriser: the pycocotools walk, every upsampled step ---------
 * Written from the description of rleFrPoly (scale by 5, round vertices, step along
 * each edge's major axis, record column changes, decode the boundaries to a
 * pixel mask by toggling), used as an oracle for the fast per-column version. */

static void
oracle_polygon_mask (const double *xy,
                     gsize         n_coords,
                     guint32       h,
                     guint32       w,
                     guint8       *mask)
{
  gsize k = n_coords / 2;
  g_autoptr(GArray) us = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) vs = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree guint8 *toggles = g_new0 (guint8, (gsize) h * w + 1);

  for (gsize j = 0; j < k; j++)
    {
      int xa = (int) (5.0 * xy[2 * j] + .5), ya = (int) (5.0 * xy[2 * j + 1] + .5);
      gsize n = (j + 1) % k;
      int xb = (int) (5.0 * xy[2 * n] + .5), yb = (int) (5.0 * xy[2 * n + 1] + .5);
      int ddx = abs (xb - xa), ddy = abs (yb - ya);

      if (ddx >= ddy)
        {
          /* x-major: from the left end, y interpolated */
          int lx = xa <= xb ? xa : xb, ly = xa <= xb ? ya : yb, ry = xa <= xb ? yb : ya;
          double slope = ddx == 0 ? 0 : (double) (ry - ly) / ddx;
          for (int d = 0; d <= ddx; d++)
            {
              int t = xa <= xb ? d : ddx - d;
              int u = lx + t, v = (int) (ly + slope * t + .5);
              g_array_append_val (us, u);
              g_array_append_val (vs, v);
            }
        }
      else
        {
          int ty = ya <= yb ? ya : yb, tx = ya <= yb ? xa : xb, bx = ya <= yb ? xb : xa;
          double slope = (double) (bx - tx) / ddy;
          for (int d = 0; d <= ddy; d++)
            {
              int t = ya <= yb ? d : ddy - d;
              int v = ty + t, u = (int) (tx + slope * t + .5);
              g_array_append_val (us, u);
              g_array_append_val (vs, v);
            }
        }
    }

  for (guint j = 1; j < us->len; j++)
    {
      int u0 = g_array_index (us, int, j - 1), u1 = g_array_index (us, int, j);
      int v0 = g_array_index (vs, int, j - 1), v1 = g_array_index (vs, int, j);
      double xd, yd;

      if (u0 == u1)
        continue;
      xd = ((u1 < u0 ? u1 : u1 - 1) + .5) / 5 - .5;
      if (floor (xd) != xd || xd < 0 || xd > w - 1)
        continue;
      yd = (MIN (v0, v1) + .5) / 5 - .5;
      yd = yd < 0 ? 0 : yd > h ? h : yd;
      yd = ceil (yd);
      toggles[(gsize) xd * h + (gsize) yd] ^= 1;
    }

  {
    guint8 v = 0;
    for (gsize p = 0; p < (gsize) h * w; p++)
      {
        v ^= toggles[p];
        mask[p] = v;
      }
  }
}

static void
test_polygon_oracle (void)
{
  const guint32 sizes[][2] = { { 1, 1 }, { 7, 5 }, { 40, 60 }, { 33, 17 } };

  for (guint iter = 0; iter < 4000; iter++)
    {
      guint32 h = sizes[iter % G_N_ELEMENTS (sizes)][0];
      guint32 w = sizes[iter % G_N_ELEMENTS (sizes)][1];
      gsize k = g_test_rand_int_range (1, 9);
      double xy[16];
      g_autofree guint8 *expect = g_new (guint8, (gsize) h * w);
      g_autofree guint8 *got = g_new (guint8, (gsize) h * w);
      PrecisRle rle = PRECIS_RLE_INIT;

      for (gsize j = 0; j < k; j++)
        {
          /* Vertices inside, around and outside the image; some on the 0.1 grid,
           * some repeated, so that rounding ties and zero-length edges occur. */
          /* Long edges far outside too; every 50th polygon spans ±300 image sizes. */
          double spread = iter % 50 == 49 ? 300.0 : iter % 5 == 4 ? 20.0 : 0.3;
          double x = g_test_rand_double_range (-spread * w - 2, (1 + spread) * w + 2);
          double y = g_test_rand_double_range (-spread * h - 2, (1 + spread) * h + 2);

          if (iter % 3 == 0)
            {
              x = round (x * 10) / 10;
              y = round (y * 10) / 10;
            }
          if (j > 0 && g_test_rand_int_range (0, 8) == 0)
            {
              x = xy[2 * j - 2];
              y = xy[2 * j - 1];
            }
          xy[2 * j] = x;
          xy[2 * j + 1] = y;
        }

      oracle_polygon_mask (xy, 2 * k, h, w, expect);
      precis_rle_from_polygon (&rle, xy, 2 * k, h, w);
      {
        g_autoptr(GError) error = NULL;
        g_assert_true (precis_rle_validate (&rle, &error));
      }
      precis_rle_decode (&rle, got);
      if (memcmp (expect, got, (gsize) h * w) != 0)
        {
          g_test_message ("polygon %u (%u x %u, %zu points) differs", iter, h, w, k);
          g_assert_cmpmem (expect, (gsize) h * w, got, (gsize) h * w);
        }
      precis_rle_clear (&rle);
    }
}

/* --- hand-computed polygons --------------------------------------------------------- */

static void
test_polygon_square (void)
{
  /* Square (1, 1)–(3, 3) in a 4 × 4 image. Upsampled: 5 … 15. Columns whose centre
   * move u = 5c + 2 lies within [5, 15]: c = 1 (7) and c = 2 (12). The top edge y = 5
   * gives row ceil((5 + .5) / 5 − .5) = ceil(0.6) = 1, the bottom edge y = 15 gives
   * ceil(2.6) = 3: rows 1, 2 of columns 1 and 2 → pixels 5, 6, 9, 10 (column-major):
   * runs 5 0s, 2 1s, 2 0s, 2 1s, 5 0s; area 4; box [1, 1, 2, 2]. */
  const double xy[] = { 1, 1, 1, 3, 3, 3, 3, 1 };
  const guint32 expect[] = { 5, 2, 2, 2, 5 };
  PrecisRle rle = PRECIS_RLE_INIT;
  double box[4];

  precis_rle_from_polygon (&rle, xy, G_N_ELEMENTS (xy), 4, 4);
  assert_runs (&rle, expect, G_N_ELEMENTS (expect));
  g_assert_cmpuint (precis_rle_area (&rle), ==, 4);
  precis_rle_to_bbox (&rle, box);
  g_assert_cmpfloat (box[0], ==, 1);
  g_assert_cmpfloat (box[1], ==, 1);
  g_assert_cmpfloat (box[2], ==, 2);
  g_assert_cmpfloat (box[3], ==, 2);
  precis_rle_clear (&rle);

  /* The same square as a box [1, 1, 2, 2]: rleFrBbox builds that polygon. */
  {
    const double bb[] = { 1, 1, 2, 2 };

    precis_rle_from_bbox (&rle, bb, 4, 4);
    assert_runs (&rle, expect, G_N_ELEMENTS (expect));
    precis_rle_clear (&rle);
  }
}

static void
test_polygon_outside (void)
{
  /* Square (−2, −2)–(2, 2) in a 4 × 4 image, partly outside. Upsampled −10 … 10.
   * Columns: u = 5c + 2 with −10 ≤ u and u + 1 ≤ 10 and 0 ≤ c: c = 0 (2) and 1 (7).
   * Top edge y = −10 → row ceil(−2.4), clamped to 0; bottom y = 10 → ceil(1.6) = 2.
   * Rows 0, 1 of columns 0, 1: pixels 0, 1, 4, 5 → runs 0, 2, 2, 2, 10. */
  const double xy[] = { -2, -2, -2, 2, 2, 2, 2, -2 };
  const guint32 expect[] = { 0, 2, 2, 2, 10 };
  PrecisRle rle = PRECIS_RLE_INIT;

  precis_rle_from_polygon (&rle, xy, G_N_ELEMENTS (xy), 4, 4);
  assert_runs (&rle, expect, G_N_ELEMENTS (expect));
  precis_rle_clear (&rle);
}

static void
test_polygon_self_intersecting (void)
{
  /* Bow tie (0, 0), (4, 4), (4, 0), (0, 4) in a 4 × 4 image: the diagonals cross at
   * (2, 2); upsampled (0, 0), (20, 20), (20, 0), (0, 20). The two vertical edges never
   * change column. Column c is marked at the move u = 5c + 2 → 5c + 3:
   * - diagonal (0, 0)–(20, 20), slope 1: rows v = u and u + 1, the lower is 5c + 2 →
   *   row ceil((5c + 2.5) / 5 − .5) = ceil(c) = c;
   * - diagonal (20, 0)–(0, 20), walked from x = 0 (y = 20) with slope −1:
   *   v = (int)(20.5 − t) = 20 − t at t = u and 19 − u at t = u + 1; the lower,
   *   17 − 5c, gives row ceil((17.5 − 5c) / 5 − .5) = 3 − c.
   * Toggles (parity) per column: c = 0 rows 0, 3 → rows 0–2; c = 1 rows 1, 2 → row 1;
   * c = 2 rows 2, 1 → row 1; c = 3 rows 3, 0 → rows 0–2.
   * Pixels (column-major) 0–2 | 5 | 9 | 12–14 → runs 0, 3, 2, 1, 3, 1, 2, 3, 1; area 8.
   * The crossing region is filled like the rest: the toggles take no account of
   * orientation (even-odd rule per column). */
  const double xy[] = { 0, 0, 4, 4, 4, 0, 0, 4 };
  const guint32 expect[] = { 0, 3, 2, 1, 3, 1, 2, 3, 1 };
  PrecisRle rle = PRECIS_RLE_INIT;

  precis_rle_from_polygon (&rle, xy, G_N_ELEMENTS (xy), 4, 4);
  assert_runs (&rle, expect, G_N_ELEMENTS (expect));
  g_assert_cmpuint (precis_rle_area (&rle), ==, 8);
  precis_rle_clear (&rle);
}

static void
test_polygon_degenerate (void)
{
  /* A single point and a zero-area sliver give an empty mask: one run of h × w. */
  const double point[] = { 2, 2 };
  const double line[] = { 0.2, 1.0, 3.7, 1.0 };
  PrecisRle rle = PRECIS_RLE_INIT;
  double box[4];

  precis_rle_from_polygon (&rle, point, 2, 4, 5);
  g_assert_cmpuint (rle.m, ==, 1);
  g_assert_cmpuint (rle.cnts[0], ==, 20);
  g_assert_cmpuint (precis_rle_area (&rle), ==, 0);
  precis_rle_to_bbox (&rle, box);
  g_assert_cmpfloat (box[2], ==, 0);
  g_assert_cmpfloat (box[3], ==, 0);
  precis_rle_clear (&rle);

  precis_rle_from_polygon (&rle, line, 4, 4, 5);
  g_assert_cmpuint (precis_rle_area (&rle), ==, 0);
  precis_rle_clear (&rle);
}

/* --- merge, IoU, strings -------------------------------------------------------------- */

static void
test_merge (void)
{
  /* 2 × 3 masks, column-major pixels 0 … 5.
   * A = pixels {1, 2} (runs 1, 2, 3); B = pixels {2, 3, 4} (runs 2, 3, 1).
   * A ∪ B = {1, 2, 3, 4} → runs 1, 4, 1; A ∩ B = {2} → runs 2, 1, 3. */
  const guint32 a[] = { 1, 2, 3 }, b[] = { 2, 3, 1 };
  const guint32 uni[] = { 1, 4, 1 }, inter[] = { 2, 1, 3 };
  PrecisRle rles[2];
  PrecisRle out = PRECIS_RLE_INIT;

  rle_set (&rles[0], 2, 3, a, 3);
  rle_set (&rles[1], 2, 3, b, 3);

  precis_rle_merge (&out, rles, 2, FALSE);
  assert_runs (&out, uni, 3);
  precis_rle_clear (&out);
  precis_rle_merge (&out, rles, 2, TRUE);
  assert_runs (&out, inter, 3);
  precis_rle_clear (&out);

  /* IoU = |{2}| / |{1, 2, 3, 4}| = 1/4; crowd (B is the crowd GT, A the
   * prediction): 1 / |A| = 1/2. */
  g_assert_cmpfloat (precis_rle_iou (&rles[0], &rles[1], FALSE), ==, 0.25);
  g_assert_cmpfloat (precis_rle_iou (&rles[0], &rles[1], TRUE), ==, 0.5);

  /* One RLE is copied as it is. */
  precis_rle_merge (&out, rles, 1, FALSE);
  assert_runs (&out, a, 3);
  precis_rle_clear (&out);

  precis_rle_clear (&rles[0]);
  precis_rle_clear (&rles[1]);
}

static void
test_empty_mask (void)
{
  /* Empty 3 × 4 mask: one run of 12; area 0, box zeros, IoU 0 against anything,
   * string "<" (12 = 0b01100: one group, 12 + 48 = '<'). */
  const guint32 empty[] = { 12 }, full[] = { 0, 12 };
  PrecisRle e, f;
  g_autofree char *s = NULL;
  double box[4];

  rle_set (&e, 3, 4, empty, 1);
  rle_set (&f, 3, 4, full, 2);
  g_assert_cmpuint (precis_rle_area (&e), ==, 0);
  precis_rle_to_bbox (&e, box);
  g_assert_cmpfloat (box[0] + box[1] + box[2] + box[3], ==, 0);
  g_assert_cmpfloat (precis_rle_iou (&e, &f, FALSE), ==, 0);
  g_assert_cmpfloat (precis_rle_iou (&f, &e, TRUE), ==, 0);
  g_assert_cmpfloat (precis_rle_iou (&f, &f, FALSE), ==, 1);
  s = precis_rle_to_string (&e);
  g_assert_cmpstr (s, ==, "<");
  precis_rle_to_bbox (&f, box);
  /* Full mask: [0, 0, 4, 3]. */
  g_assert_cmpfloat (box[2], ==, 4);
  g_assert_cmpfloat (box[3], ==, 3);
  precis_rle_clear (&e);
  precis_rle_clear (&f);
}

static void
test_bbox_odd_runs (void)
{
  /* pycocotools rleToBbox on runs { 0, 0, 12 } of a 3 × 4 mask (an empty run of 1s
   * first): the trailing 0s run is ignored (m = 2). j = 0: cc = 0 → pixel 0 → x 0, y 0.
   * j = 1: t = cc − 1 wraps to 2³² − 1 = 3 · 1431655765, so y = 0 and x = 1431655765;
   * the run "spans" columns 0 … x, so the rows become 0 … 2. Box
   * [0, 0, 1431655765 − 0 + 1, 3]. */
  const guint32 runs[] = { 0, 0, 12 };
  PrecisRle rle;
  double box[4];

  rle_set (&rle, 3, 4, runs, 3);
  precis_rle_to_bbox (&rle, box);
  g_assert_cmpfloat (box[0], ==, 0);
  g_assert_cmpfloat (box[1], ==, 0);
  g_assert_cmpfloat (box[2], ==, 1431655766.0);
  g_assert_cmpfloat (box[3], ==, 3);
  precis_rle_clear (&rle);

  /* A run of 1s spanning two columns: runs { 2, 3, 7 } in 3 × 4: pixels 2 … 4, i.e.
   * column 0 row 2 and column 1 rows 0, 1 → all rows: box [0, 0, 2, 3]. */
  {
    const guint32 r2[] = { 2, 3, 7 };

    rle_set (&rle, 3, 4, r2, 3);
    precis_rle_to_bbox (&rle, box);
    g_assert_cmpfloat (box[0], ==, 0);
    g_assert_cmpfloat (box[1], ==, 0);
    g_assert_cmpfloat (box[2], ==, 2);
    g_assert_cmpfloat (box[3], ==, 3);
    precis_rle_clear (&rle);
  }
}

static void
test_string_hand (void)
{
  /* Runs 3, 40, 1, 0 … with the delta rule: values after the third are written
   * minus the run two before. Runs { 5, 40, 3, 38 } of a 2 × 43 mask:
   * 5 → '5' (5 + 48 = 53);
   * 40 = 0b101000: low group 01000 = 8, more (40 >> 5 = 1 ≠ 0) → 8 | 32 = 40 → 'X' (88);
   *      then 1 → '1' (49);
   * 3 → '3' (i = 2 is not delta-coded);
   * 38 − 40 = −2: low group 11110 = 30, bit 4 set and −2 >> 5 = −1 → last → 'N' (78).
   * So "5X13N". */
  const guint32 runs[] = { 5, 40, 3, 38 };
  PrecisRle rle, back = PRECIS_RLE_INIT;
  g_autofree char *s = NULL;
  g_autoptr(GError) error = NULL;

  rle_set (&rle, 2, 43, runs, 4);
  s = precis_rle_to_string (&rle);
  g_assert_cmpstr (s, ==, "5X13N");
  g_assert_true (precis_rle_from_string (&back, s, strlen (s), 2, 43, &error));
  g_assert_no_error (error);
  assert_runs (&back, runs, 4);
  precis_rle_clear (&back);
  precis_rle_clear (&rle);
}

static void
test_string_malformed (void)
{
  PrecisRle rle = PRECIS_RLE_INIT;
  struct {
    const char *s;
    guint32 h, w;
    int code;
  } bad[] = {
    { "5X1 3N", 2, 43, PRECIS_RLE_ERROR_INVALID },   /* ' ' is below '0' */
    { "5X13N~", 2, 43, PRECIS_RLE_ERROR_INVALID },   /* '~' is above 'o' */
    { "5X", 2, 43, PRECIS_RLE_ERROR_TRUNCATED },     /* 'X' says another group follows */
    { "5X13N", 2, 40, PRECIS_RLE_ERROR_SIZE },       /* 86 pixels, not 80 */
    { "5X13N", 3, 43, PRECIS_RLE_ERROR_SIZE },       /* runs exceed: 86 ≠ 129 */
    { "oooooooo1", 10, 10, PRECIS_RLE_ERROR_INVALID }, /* eight groups: too large */
    { "10N", 4, 4, PRECIS_RLE_ERROR_INVALID },       /* 1, 0, then −2 + 1: negative run */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (precis_rle_from_string (&rle, bad[i].s, strlen (bad[i].s),
                                              bad[i].h, bad[i].w, &error));
      g_assert_error (error, PRECIS_RLE_ERROR, bad[i].code);
      g_assert_null (rle.cnts);
    }
}

static void
test_string_random_bytes (void)
{
  /* Arbitrary strings (mostly from COCO's alphabet, some bytes outside it) never
   * crash: either a valid RLE of h × w comes back, or an error and an empty RLE. */
  guint n_ok = 0, n_bad = 0;

  for (guint iter = 0; iter < 20000; iter++)
    {
      char s[24];
      gsize len = g_test_rand_int_range (0, sizeof s);
      guint32 h = g_test_rand_int_range (0, 6), w = g_test_rand_int_range (0, 6);
      PrecisRle rle = PRECIS_RLE_INIT;
      g_autoptr(GError) error = NULL;

      for (gsize i = 0; i < len; i++)
        s[i] = g_test_rand_int_range (0, 20) == 0 ? (char) g_test_rand_int_range (1, 256)
                                                  : (char) g_test_rand_int_range (48, 112);
      if (precis_rle_from_string (&rle, s, len, h, w, &error))
        {
          g_assert_no_error (error);
          g_assert_true (precis_rle_validate (&rle, NULL));
          n_ok++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (g_error_matches (error, PRECIS_RLE_ERROR, PRECIS_RLE_ERROR_INVALID) ||
                         g_error_matches (error, PRECIS_RLE_ERROR, PRECIS_RLE_ERROR_TRUNCATED) ||
                         g_error_matches (error, PRECIS_RLE_ERROR, PRECIS_RLE_ERROR_SIZE));
          g_assert_null (rle.cnts);
          n_bad++;
        }
      precis_rle_clear (&rle);
    }
  g_test_message ("%u valid, %u rejected", n_ok, n_bad);
  g_assert_cmpuint (n_bad, >, 0);
}

/* --- property test ------------------------------------------------------------------ */

static void
test_random_masks (void)
{
  /* 10,000 random masks of random sizes and densities: encode → string → parse →
   * decode gives the same mask, and the run IoU equals the pixel IoU (both as
   * (double) intersection / (double) union, so exactly). */
  for (guint iter = 0; iter < 10000; iter++)
    {
      guint32 h = g_test_rand_int_range (1, 24);
      guint32 w = g_test_rand_int_range (1, 24);
      gsize n = (gsize) h * w;
      g_autofree guint8 *a = g_new (guint8, n);
      g_autofree guint8 *b = g_new (guint8, n);
      g_autofree guint8 *back = g_new (guint8, n);
      double pa = g_test_rand_double (), pb = g_test_rand_double ();
      PrecisRle ra = PRECIS_RLE_INIT, rb = PRECIS_RLE_INIT, rs = PRECIS_RLE_INIT;
      g_autofree char *s = NULL;
      g_autoptr(GError) error = NULL;
      guint64 inter = 0, uni = 0, area_a = 0;
      gboolean crowd = iter % 2;
      double expect;

      for (gsize i = 0; i < n; i++)
        {
          /* Runs rather than noise: keep the previous value with probability 0.7. */
          a[i] = (i > 0 && g_test_rand_double () < 0.7) ? a[i - 1] : g_test_rand_double () < pa;
          b[i] = (i > 0 && g_test_rand_double () < 0.7) ? b[i - 1] : g_test_rand_double () < pb;
          inter += a[i] && b[i];
          uni += a[i] || b[i];
          area_a += a[i];
        }

      precis_rle_encode (&ra, a, h, w);
      precis_rle_encode (&rb, b, h, w);
      s = precis_rle_to_string (&ra);
      g_assert_true (precis_rle_from_string (&rs, s, strlen (s), h, w, &error));
      g_assert_no_error (error);
      precis_rle_decode (&rs, back);
      g_assert_cmpmem (a, n, back, n);
      g_assert_cmpuint (precis_rle_area (&ra), ==, area_a);

      /* rleToBbox on runs equals the box of the pixels (all zeros when empty). */
      {
        guint32 x0 = w, y0 = h, x1 = 0, y1 = 0;
        double box[4];

        for (gsize i = 0; i < n; i++)
          if (a[i])
            {
              x0 = MIN (x0, i / h);
              x1 = MAX (x1, i / h);
              y0 = MIN (y0, i % h);
              y1 = MAX (y1, i % h);
            }
        precis_rle_to_bbox (&ra, box);
        if (area_a == 0)
          g_assert_cmpfloat (box[0] + box[1] + box[2] + box[3], ==, 0);
        else
          {
            g_assert_cmpfloat (box[0], ==, x0);
            g_assert_cmpfloat (box[1], ==, y0);
            g_assert_cmpfloat (box[2], ==, x1 - x0 + 1);
            g_assert_cmpfloat (box[3], ==, y1 - y0 + 1);
          }
      }

      if (inter == 0)
        expect = 0;
      else
        expect = (double) inter / (double) (crowd ? area_a : uni);
      g_assert_cmpfloat (precis_rle_iou (&ra, &rb, crowd), ==, expect);

      precis_rle_clear (&ra);
      precis_rle_clear (&rb);
      precis_rle_clear (&rs);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rle/reference/coco2014-gt", test_reference_gt_rle);
  g_test_add_func ("/rle/polygon/oracle", test_polygon_oracle);
  g_test_add_func ("/rle/polygon/square", test_polygon_square);
  g_test_add_func ("/rle/polygon/outside", test_polygon_outside);
  g_test_add_func ("/rle/polygon/self-intersecting", test_polygon_self_intersecting);
  g_test_add_func ("/rle/polygon/degenerate", test_polygon_degenerate);
  g_test_add_func ("/rle/merge", test_merge);
  g_test_add_func ("/rle/empty", test_empty_mask);
  g_test_add_func ("/rle/bbox-odd-runs", test_bbox_odd_runs);
  g_test_add_func ("/rle/string/hand", test_string_hand);
  g_test_add_func ("/rle/string/malformed", test_string_malformed);
  g_test_add_func ("/rle/string/random-bytes", test_string_random_bytes);
  g_test_add_func ("/rle/random-masks", test_random_masks);

  return g_test_run ();
}

/* test-polyline.c: polyline bands (SEMANTICS.md §2, docs/POLYLINE.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "precis-polyline.h"
#include "precis-test-json.h"

static void
band1 (PrecisRle    *out,
       const double *xy,
       gsize         n,
       double        w,
       guint32       height,
       guint32       width)
{
  const double *lines[1] = { xy };
  gsize lens[1] = { n };

  precis_polyline_band_rle (out, lines, lens, 1, w, height, width);
}

static guint64
intersection (const PrecisRle *a,
              const PrecisRle *b)
{
  PrecisRle both[2] = { *a, *b };
  PrecisRle m = PRECIS_RLE_INIT;
  guint64 area;

  precis_rle_merge (&m, both, 2, TRUE);
  area = precis_rle_area (&m);
  precis_rle_clear (&m);
  return area;
}

static void
test_default_width (void)
{
  /* 30 · (diagonal / diagonal(1640 × 590)): exactly 30 and 15 at the reference size and
   * half of it; 64 × 48: 30 · 80 / 1742.9 = 1.38 → the floor 2. */
  g_assert_cmpfloat (precis_polyline_default_width (1640, 590), ==, 30.0);
  g_assert_cmpfloat (precis_polyline_default_width (820, 295), ==, 15.0);
  g_assert_cmpfloat (precis_polyline_default_width (64, 48), ==, 2.0);
  /* 3280 × 1180: twice the diagonal → 60. */
  g_assert_cmpfloat (precis_polyline_default_width (3280, 1180), ==, 60.0);
}

static void
test_hand (void)
{
  /* Image 10 × 10, w = 2.2 (r = 1.1). Segment A (2.5, 5.5)–(7.5, 5.5).
   * Row 5 (centre y 5.5, on the line): centres x + .5 within 1.1 of [2.5, 7.5] →
   *   [1.4, 8.6] → x = 1 … 8: 8 pixels.
   * Rows 4 and 6 (|dy| = 1): x + .5 within √(1.21 − 1) = 0.458 of [2.5, 7.5] →
   *   [2.04, 7.96] → x = 2 … 7: 6 pixels each.
   * Rows 3 and 7 (|dy| = 2 > 1.1): none. Area 20, box [1, 4, 8, 3]. */
  const double a[] = { 2.5, 5.5, 7.5, 5.5 };
  /* B, A's first half (2.5, 5.5)–(5, 5.5): row 5 [1.4, 6.1] → x = 1 … 5 (5);
   * rows 4, 6: [2.04, 5.458] → x = 2 … 4 (3 each). Area 11, inside A: IoU 11 / 20. */
  const double b[] = { 2.5, 5.5, 5.0, 5.5 };
  /* C parallel to A, 3 px lower (y = 8.5, more than w apart): rows 7 … 9, no overlap. */
  const double c[] = { 2.5, 8.5, 7.5, 8.5 };
  PrecisRle ra, rb, rc, rd;
  double box[4];

  band1 (&ra, a, 4, 2.2, 10, 10);
  band1 (&rb, b, 4, 2.2, 10, 10);
  band1 (&rc, c, 4, 2.2, 10, 10);
  g_assert_cmpuint (precis_rle_area (&ra), ==, 20);
  precis_rle_to_bbox (&ra, box);
  g_assert_cmpfloat (box[0], ==, 1);
  g_assert_cmpfloat (box[1], ==, 4);
  g_assert_cmpfloat (box[2], ==, 8);
  g_assert_cmpfloat (box[3], ==, 3);
  g_assert_cmpuint (precis_rle_area (&rb), ==, 11);
  g_assert_cmpuint (intersection (&ra, &rb), ==, 11);
  g_assert_cmpfloat (precis_rle_iou (&rb, &ra, FALSE), ==, 11.0 / 20.0);
  /* Identical: 1. */
  g_assert_cmpfloat (precis_rle_iou (&ra, &ra, FALSE), ==, 1.0);
  /* Apart: 0. */
  g_assert_cmpfloat (precis_rle_iou (&ra, &rc, FALSE), ==, 0.0);

  /* Leaving the image: (−3.5, 1.5)–(3.5, 1.5) in a 4 × 4 image, r = 1.1: rows 0, 1, 2
   * (|dy| ≤ 1) reach x + .5 ≤ 3.5 + 0.458, so all four columns: 12 pixels, box
   * [0, 0, 4, 3]; the parts outside do not exist. */
  {
    const double d[] = { -3.5, 1.5, 3.5, 1.5 };

    band1 (&rd, d, 4, 2.2, 4, 4);
    g_assert_cmpuint (precis_rle_area (&rd), ==, 12);
    precis_rle_to_bbox (&rd, box);
    g_assert_cmpfloat (box[0], ==, 0);
    g_assert_cmpfloat (box[1], ==, 0);
    g_assert_cmpfloat (box[2], ==, 4);
    g_assert_cmpfloat (box[3], ==, 3);
    precis_rle_clear (&rd);
  }

  /* A single point is a disc: (5, 5), r = 1.1 → centres (x + .5, y + .5) within 1.1:
   * (4.5, 4.5), (5.5, 4.5), (4.5, 5.5), (5.5, 5.5) at distance 0.707; the next ring is
   * at 1.58. Area 4. */
  {
    const double p[] = { 5, 5 };

    band1 (&rd, p, 2, 2.2, 10, 10);
    g_assert_cmpuint (precis_rle_area (&rd), ==, 4);
    precis_rle_clear (&rd);
  }

  precis_rle_clear (&ra);
  precis_rle_clear (&rb);
  precis_rle_clear (&rc);
}

/* Every pixel tested against a second distance formula (perpendicular foot when it
 * falls on the segment, else the nearer end). */
static double
oracle_distance (const double *xy,
                 gsize         k,
                 double        px,
                 double        py)
{
  double best = G_MAXDOUBLE;

  for (gsize i = 0; i < k; i++)
    best = MIN (best, hypot (px - xy[2 * i], py - xy[2 * i + 1]));
  for (gsize i = 0; i + 1 < k; i++)
    {
      double ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * i + 2], by = xy[2 * i + 3];
      double vx = bx - ax, vy = by - ay, l2 = vx * vx + vy * vy;
      double dotp = (px - ax) * vx + (py - ay) * vy;

      if (l2 > 0 && dotp >= 0 && dotp <= l2)
        best = MIN (best, fabs ((px - ax) * vy - (py - ay) * vx) / sqrt (l2));
    }
  return best;
}

static void
test_random_oracle (void)
{
  for (guint iter = 0; iter < 300; iter++)
    {
      guint32 width = g_test_rand_int_range (1, 60), height = g_test_rand_int_range (1, 60);
      gsize k = g_test_rand_int_range (1, 6);
      double xy[12];
      double w = g_test_rand_double_range (0.5, 12);
      PrecisRle rle;
      g_autofree guint8 *mask = g_new (guint8, (gsize) width * height);

      for (gsize i = 0; i < k; i++)
        {
          xy[2 * i] = g_test_rand_double_range (-10, width + 10);
          xy[2 * i + 1] = g_test_rand_double_range (-10, height + 10);
        }
      band1 (&rle, xy, 2 * k, w, height, width);
      precis_rle_decode (&rle, mask);
      for (guint32 x = 0; x < width; x++)
        for (guint32 y = 0; y < height; y++)
          {
            double d = oracle_distance (xy, k, x + 0.5, y + 0.5);
            gboolean in = d <= w / 2;

            if (in != mask[(gsize) x * height + y] && fabs (d - w / 2) > 1e-9)
              {
                g_test_message ("case %u pixel (%u, %u): distance %.17g, w/2 %.17g", iter, x, y, d, w / 2);
                g_assert_cmpint (in, ==, mask[(gsize) x * height + y]);
              }
          }
      precis_rle_clear (&rle);
    }
}

static void
lines_from_json (JsonArray     *arr,
                 double      ***lines,
                 gsize        **lens)
{
  guint n = json_array_get_length (arr);

  *lines = g_new (double *, n);
  *lens = g_new (gsize, n);
  for (guint i = 0; i < n; i++)
    {
      JsonArray *l = json_array_get_array_element (arr, i);

      (*lens)[i] = json_array_get_length (l);
      (*lines)[i] = g_new (double, (*lens)[i]);
      for (guint k = 0; k < (*lens)[i]; k++)
        (*lines)[i][k] = json_array_get_double_element (l, k);
    }
}

static void
check_bbox (const PrecisRle *rle,
            JsonArray       *expect)
{
  double box[4];

  precis_rle_to_bbox (rle, box);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpfloat (box[k], ==, json_array_get_double_element (expect, k));
}

/* tests/data/reference/polyline-band-examples.json: six cases with areas, boxes,
 * intersection, union and IoU from an independent implementation. */
static void
test_reference (void)
{
  g_autoptr(JsonNode) root = load_json ("data", "reference", "polyline-band-examples.json");
  JsonArray *cases = json_object_get_array_member (json_node_get_object (root), "cases");

  g_assert_cmpuint (json_array_get_length (cases), ==, 6);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      JsonObject *img = json_object_get_object_member (c, "image");
      guint32 width = json_object_get_int_member (img, "width");
      guint32 height = json_object_get_int_member (img, "height");
      double w = json_object_get_double_member (c, "w");
      JsonArray *pa = json_object_get_array_member (json_object_get_object_member (c, "a"), "polyline");
      JsonArray *pb = json_object_get_array_member (json_object_get_object_member (c, "b"), "polyline");
      double **la, **lb;
      gsize *na, *nb;
      PrecisRle ra, rb;
      guint64 inter, uni;

      g_test_message ("case %s", json_object_get_string_member (c, "name"));
      if (json_object_get_boolean_member (c, "w_is_default"))
        g_assert_cmpfloat (precis_polyline_default_width (width, height), ==, w);

      lines_from_json (pa, &la, &na);
      lines_from_json (pb, &lb, &nb);
      precis_polyline_band_rle (&ra, (const double * const *) la, na, json_array_get_length (pa), w, height, width);
      precis_polyline_band_rle (&rb, (const double * const *) lb, nb, json_array_get_length (pb), w, height, width);

      g_assert_cmpuint (precis_rle_area (&ra), ==, json_object_get_int_member (c, "area_a"));
      g_assert_cmpuint (precis_rle_area (&rb), ==, json_object_get_int_member (c, "area_b"));
      check_bbox (&ra, json_object_get_array_member (c, "bbox_a"));
      check_bbox (&rb, json_object_get_array_member (c, "bbox_b"));
      inter = intersection (&ra, &rb);
      uni = precis_rle_area (&ra) + precis_rle_area (&rb) - inter;
      g_assert_cmpuint (inter, ==, json_object_get_int_member (c, "intersection"));
      g_assert_cmpuint (uni, ==, json_object_get_int_member (c, "union"));
      g_assert_cmpfloat (precis_rle_iou (&ra, &rb, FALSE), ==, json_object_get_double_member (c, "iou"));

      if (json_object_has_member (c, "area_a_per_polyline"))
        {
          JsonArray *per = json_object_get_array_member (c, "area_a_per_polyline");

          g_assert_cmpuint (json_array_get_length (per), ==, json_array_get_length (pa));
          for (guint l = 0; l < json_array_get_length (pa); l++)
            {
              PrecisRle one;

              band1 (&one, la[l], na[l], w, height, width);
              g_assert_cmpuint (precis_rle_area (&one), ==, json_array_get_int_element (per, l));
              precis_rle_clear (&one);
            }
        }

      for (guint l = 0; l < json_array_get_length (pa); l++)
        g_free (la[l]);
      for (guint l = 0; l < json_array_get_length (pb); l++)
        g_free (lb[l]);
      g_free (la);
      g_free (lb);
      g_free (na);
      g_free (nb);
      precis_rle_clear (&ra);
      precis_rle_clear (&rb);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/polyline/default-width", test_default_width);
  g_test_add_func ("/polyline/hand", test_hand);
  g_test_add_func ("/polyline/random-oracle", test_random_oracle);
  g_test_add_func ("/polyline/reference/band-examples", test_reference);

  return g_test_run ();
}

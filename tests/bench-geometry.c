/* bench-geometry.c: polygon → RLE throughput and RLE IoU against pixel IoU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Meson benchmark (`meson test -C BUILD --benchmark --suite geometry` or run the
 * binary): prints rates, not a pass/fail timing. Figures go to docs/PERFORMANCE.md.
 */

#include "config.h"

/* The oracle rounds every operation separately, as pycocotools: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#include <gio/gio.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "precis.h"
#include "precis-rle-private.h"

#define MIN_SECONDS 0.5

/* The pycocotools-style rasteriser without shortcuts: every upsampled step of every
 * edge, boundaries sorted with qsort: a baseline for the per-column version. */
static int
cmp_u32 (const void *a,
         const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x > y ? 1 : x < y ? -1 : 0;
}

static void
walk_polygon (const double *xy,
              gsize         n_coords,
              guint32       h,
              guint32       w,
              GArray       *us,
              GArray       *vs,
              GArray       *pos,
              PrecisU32Buf *out)
{
  gsize k = n_coords / 2;

  g_array_set_size (us, 0);
  g_array_set_size (vs, 0);
  g_array_set_size (pos, 0);
  for (gsize j = 0; j < k; j++)
    {
      gsize n = (j + 1) % k;
      int xa = (int) (5.0 * xy[2 * j] + .5), ya = (int) (5.0 * xy[2 * j + 1] + .5);
      int xb = (int) (5.0 * xy[2 * n] + .5), yb = (int) (5.0 * xy[2 * n + 1] + .5);
      int ddx = abs (xb - xa), ddy = abs (yb - ya);

      if (ddx >= ddy)
        {
          int lx = xa <= xb ? xa : xb, ly = xa <= xb ? ya : yb, ry = xa <= xb ? yb : ya;
          double slope = ddx == 0 ? 0 : (double) (ry - ly) / ddx;
          for (int d = 0; d <= ddx; d++)
            {
              int t = xa <= xb ? d : ddx - d, u = lx + t, v = (int) (ly + slope * t + .5);
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
              int t = ya <= yb ? d : ddy - d, v = ty + t, u = (int) (tx + slope * t + .5);
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
      guint32 p;

      if (u0 == u1)
        continue;
      xd = ((u1 < u0 ? u1 : u1 - 1) + .5) / 5 - .5;
      if (floor (xd) != xd || xd < 0 || xd > w - 1)
        continue;
      yd = (MIN (v0, v1) + .5) / 5 - .5;
      yd = ceil (yd < 0 ? 0 : yd > h ? h : yd);
      p = (guint32) ((guint32) xd * h + (guint32) yd);
      g_array_append_val (pos, p);
    }
  qsort (pos->data, pos->len, sizeof (guint32), cmp_u32);
  {
    guint32 tmp[1];
    /* Already sorted: the toggles-to-runs step sorts again, cheaply, in place. */
    if (pos->len <= 48)
      _precis_rle_runs_from_toggles ((guint32 *) (gpointer) pos->data, pos->len, tmp, (guint64) h * w, out);
    else
      {
        g_autofree guint32 *t = g_new (guint32, pos->len);
        _precis_rle_runs_from_toggles ((guint32 *) (gpointer) pos->data, pos->len, t, (guint64) h * w, out);
      }
  }
}

typedef struct {
  const double *xy;
  gsize         n;
  guint32       h, w;
} Ring;

/* Thread CPU time: the machine is shared with other jobs, and CPU time is much
 * less disturbed by them than wall-clock time. */
static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
wall (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
process_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
bench_polygons (const PrecisDataset *ds_unused,
                GArray              *rings,
                const char          *label)
{
  PrecisRleWork work = PRECIS_RLE_WORK_INIT;
  PrecisU32Buf out = PRECIS_U32_BUF_INIT;
  g_autoptr(GArray) us = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) vs = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) pos = g_array_new (FALSE, FALSE, sizeof (guint32));
  double t0, fast, slow;
  guint64 n_fast = 0, n_slow = 0, checksum_fast = 0, checksum_slow = 0;

  t0 = now ();
  do
    {
      for (guint i = 0; i < rings->len; i++)
        {
          const Ring *r = &g_array_index (rings, Ring, i);

          out.len = 0;
          _precis_rle_poly_runs (&work, r->xy, r->n, r->h, r->w, &out);
          checksum_fast += out.len;
        }
      n_fast += rings->len;
    }
  while (now () - t0 < MIN_SECONDS);
  fast = (now () - t0) / n_fast;

  t0 = now ();
  do
    {
      for (guint i = 0; i < rings->len; i++)
        {
          const Ring *r = &g_array_index (rings, Ring, i);

          out.len = 0;
          walk_polygon (r->xy, r->n, r->h, r->w, us, vs, pos, &out);
          checksum_slow += out.len;
        }
      n_slow += rings->len;
    }
  while (now () - t0 < MIN_SECONDS);
  slow = (now () - t0) / n_slow;

  g_print ("polygon → RLE (%s, %u rings): per-column %.2f µs/ring (%.0f rings/s), "
           "full walk %.2f µs/ring; ratio %.1f×  [runs/ring %.1f = %.1f]\n",
           label, rings->len, fast * 1e6, 1 / fast, slow * 1e6, slow / fast,
           (double) checksum_fast / n_fast, (double) checksum_slow / n_slow);

  _precis_rle_work_clear (&work);
  _precis_u32_buf_clear (&out);
}

static void
bench_iou (PrecisDataset *ds)
{
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (ds);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (ds, 0);
  g_autoptr(PrecisShapes) gs = NULL;
  g_autoptr(PrecisShapes) ds_shapes = NULL;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
  g_autofree guint8 *ma = NULL, *mb = NULL;
  gsize cap = 0;
  double t0, t_runs, t_pixels;
  guint64 n_runs = 0, n_pixels = 0;
  double sum_runs = 0, sum_pixels = 0;

  gs = precis_shapes_new (ds, gt, PRECIS_IOU_SEGM, 0, NULL, NULL);
  ds_shapes = precis_shapes_new (ds, dt, PRECIS_IOU_SEGM, 0, NULL, NULL);

  /* Every same-image pair whose masks overlap (the pairs the pre-check lets through). */
  for (guint d = 0; d < dt->n; d++)
    for (guint g = 0; g < gt->n; g++)
      if (dt->image[d] == gt->image[g])
        {
          const PrecisRle *a = precis_shapes_get_rle (ds_shapes, d), *b = precis_shapes_get_rle (gs, g);
          double ba[4], bb[4];

          precis_rle_to_bbox (a, ba);
          precis_rle_to_bbox (b, bb);
          if (_precis_pixel_boxes_overlap (ba, bb))
            {
              guint32 p[2] = { d, g };
              g_array_append_val (pairs, p);
              cap = MAX (cap, (gsize) a->h * a->w);
            }
        }
  ma = g_malloc (cap);
  mb = g_malloc (cap);

  t0 = now ();
  do
    {
      for (guint i = 0; i < pairs->len; i++)
        {
          const guint32 *p = &g_array_index (pairs, guint32, 2 * i);
          sum_runs += precis_rle_iou (precis_shapes_get_rle (ds_shapes, p[0]),
                                      precis_shapes_get_rle (gs, p[1]), gt->iscrowd[p[1]]);
        }
      n_runs += pairs->len;
    }
  while (now () - t0 < MIN_SECONDS);
  t_runs = (now () - t0) / n_runs;

  t0 = now ();
  do
    {
      for (guint i = 0; i < pairs->len; i++)
        {
          const guint32 *p = &g_array_index (pairs, guint32, 2 * i);
          const PrecisRle *a = precis_shapes_get_rle (ds_shapes, p[0]), *b = precis_shapes_get_rle (gs, p[1]);
          gsize n = (gsize) a->h * a->w;
          guint64 inter = 0, uni = 0, area_a = 0;

          precis_rle_decode (a, ma);
          precis_rle_decode (b, mb);
          for (gsize k = 0; k < n; k++)
            {
              inter += ma[k] & mb[k];
              uni += ma[k] | mb[k];
              area_a += ma[k];
            }
          sum_pixels += inter == 0 ? 0 : (double) inter / (double) (gt->iscrowd[p[1]] ? area_a : uni);
        }
      n_pixels += pairs->len;
    }
  while (now () - t0 < MIN_SECONDS);
  t_pixels = (now () - t0) / n_pixels;

  /* The batch path: boxes and areas prepared once, one matrix per image. */
  {
    guint n_img = precis_dataset_get_n_images (ds);
    g_autofree guint32 *di = g_new (guint32, dt->n);
    g_autofree guint32 *gi = g_new (guint32, gt->n);
    g_autofree double *m = g_new (double, (gsize) dt->n * gt->n);
    guint64 cells = 0, reps = 0;
    double t_matrix;

    t0 = now ();
    do
      {
        for (guint im = 0; im < n_img; im++)
          {
            guint nd = 0, ng = 0;

            for (guint d = 0; d < dt->n; d++)
              if (dt->image[d] == im)
                di[nd++] = d;
            for (guint g = 0; g < gt->n; g++)
              if (gt->image[g] == im)
                gi[ng++] = g;
            precis_iou_matrix (ds, PRECIS_IOU_SEGM, dt, ds_shapes, di, nd, gt, gs, gi, ng, m);
            cells += (guint64) nd * ng;
          }
        reps++;
      }
    while (now () - t0 < MIN_SECONDS);
    t_matrix = now () - t0;
    g_print ("segm IoU matrices (all %u images, %" G_GUINT64_FORMAT " cells incl. index building): "
             "%.3f ms per pass, %.3f µs/cell\n",
             n_img, cells / reps, t_matrix * 1e3 / reps, t_matrix * 1e6 / cells);
  }

  g_print ("RLE IoU (coco2014-cocoapi100 segm, %u overlapping pairs): on runs %.3f µs/pair, "
           "decode + pixels %.1f µs/pair; ratio %.0f×  [mean IoU %.6f = %.6f]\n",
           pairs->len, t_runs * 1e6, t_pixels * 1e6, t_pixels / t_runs,
           sum_runs / n_runs, sum_pixels / n_pixels);
}

static void
bench_shapes (PrecisDataset *ds)
{
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (ds);
  double t0, t;
  guint n = 0;

  double c0 = process_cpu (), cpu;

  t0 = wall ();
  do
    {
      g_autoptr(PrecisShapes) s = precis_shapes_new (ds, gt, PRECIS_IOU_SEGM, 0, NULL, NULL);
      n++;
    }
  while (wall () - t0 < MIN_SECONDS);
  t = (wall () - t0) / n;
  cpu = (process_cpu () - c0) / n;
  g_print ("PrecisShapes (coco2014-cocoapi100 GT, %u annotations, %u threads): wall %.2f ms, "
           "CPU %.2f ms (%.1f µs CPU/annotation)\n",
           gt->n, g_get_num_processors (), t * 1e3, cpu * 1e3, cpu * 1e6 / gt->n);
}

/* COCO-scale synthetic: 36k star polygons of 8–40 vertices, 10–300 px, in 640 × 480,
 * and 500k box-only predictions as box polygons. Single thread. */
static void
bench_synthetic (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) coords = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (Ring));
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  PrecisRleWork work = PRECIS_RLE_WORK_INIT;
  PrecisU32Buf out = PRECIS_U32_BUF_INIT;
  double t0, t;
  guint64 runs = 0;

  for (guint i = 0; i < 36000; i++)
    {
      guint k = g_rand_int_range (rand, 8, 41);
      double cx = g_rand_double_range (rand, 0, 640), cy = g_rand_double_range (rand, 0, 480);
      double rad = g_rand_double_range (rand, 5, 150);
      gsize off = coords->len;

      for (guint j = 0; j < k; j++)
        {
          double a = 2 * G_PI * j / k, rr = rad * g_rand_double_range (rand, 0.6, 1.0);
          double x = cx + rr * cos (a), y = cy + rr * sin (a);
          g_array_append_val (coords, x);
          g_array_append_val (coords, y);
        }
      g_array_append_val (offsets, off);
    }
  for (guint i = 0; i < offsets->len; i++)
    {
      gsize off = g_array_index (offsets, gsize, i);
      gsize end = i + 1 < offsets->len ? g_array_index (offsets, gsize, i + 1) : coords->len;
      Ring r = { &g_array_index (coords, double, off), end - off, 480, 640 };
      g_array_append_val (rings, r);
    }

  t0 = now ();
  for (guint i = 0; i < rings->len; i++)
    {
      const Ring *r = &g_array_index (rings, Ring, i);
      out.len = 0;
      _precis_rle_poly_runs (&work, r->xy, r->n, r->h, r->w, &out);
      runs += out.len;
    }
  t = now () - t0;
  g_print ("synthetic 36,000 GT polygons (8–40 vertices, 640 × 480), one thread: %.0f ms (%.2f µs each, %.0f runs each)\n",
           t * 1e3, t * 1e6 / rings->len, (double) runs / rings->len);

  t0 = now ();
  for (guint i = 0; i < 500000; i++)
    {
      double x = g_rand_double_range (rand, 0, 600), y = g_rand_double_range (rand, 0, 440);
      double bw = g_rand_double_range (rand, 2, 200), bh = g_rand_double_range (rand, 2, 200);
      const double xy[8] = { x, y, x, y + bh, x + bw, y + bh, x + bw, y };

      out.len = 0;
      _precis_rle_poly_runs (&work, xy, 8, 480, 640, &out);
    }
  t = now () - t0;
  g_print ("synthetic 500,000 box-only predictions as box polygons, one thread: %.0f ms (%.2f µs each)\n",
           t * 1e3, t * 1e6 / 500000);

  bench_polygons (NULL, rings, "synthetic stars");

  _precis_rle_work_clear (&work);
  _precis_u32_buf_clear (&out);
}

/* CULane-like lanes: 1640 × 590, 4 lanes of 10–30 points per annotation, w = 30. */
static void
bench_polylines (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  PrecisBandWork work = PRECIS_BAND_WORK_INIT;
  PrecisU32Buf out = PRECIS_U32_BUF_INIT;
  double xy[4][60];
  const double *lines[4];
  gsize lens[4];
  double t0, t;
  guint n = 0;
  guint64 runs = 0;

  t0 = now ();
  do
    {
      for (guint l = 0; l < 4; l++)
        {
          guint k = g_rand_int_range (rand, 10, 31);
          double x = g_rand_double_range (rand, 100, 1540), dxs = g_rand_double_range (rand, -25, 25);

          for (guint j = 0; j < k; j++)
            {
              xy[l][2 * j] = x + dxs * j + g_rand_double_range (rand, -2, 2);
              xy[l][2 * j + 1] = 590 - j * (300.0 / k);
            }
          lines[l] = xy[l];
          lens[l] = 2 * k;
        }
      out.len = 0;
      _precis_polyline_band_runs (&work, lines, lens, 4, 30.0, 590, 1640, &out);
      runs += out.len;
      n++;
    }
  while (now () - t0 < MIN_SECONDS);
  t = (now () - t0) / n;
  g_print ("polyline bands (CULane-like: 1640 × 590, 4 lanes of 10–30 points, w = 30): "
           "%.1f µs per annotation (%.0f runs)\n", t * 1e6, (double) runs / n);

  _precis_band_work_clear (&work);
  _precis_u32_buf_clear (&out);
}

int
main (int   argc,
      char *argv[])
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *dir = g_build_filename (srcdir ? srcdir : SOURCE_DIR "/tests", "data", "real",
                                           "coco2014-cocoapi100", NULL);
  g_autofree char *gt_path = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *dt_path = g_build_filename (dir, "predictions_segm.json", NULL);
  g_autoptr(GFile) gt = g_file_new_for_path (gt_path);
  g_autoptr(GFile) pred = g_file_new_for_path (dt_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) ds = NULL;
  g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (Ring));
  const PrecisAnnotations *anns;

  ds = precis_dataset_load_files (gt, &pred, NULL, 1, NULL, NULL, NULL, NULL, &error);
  if (ds == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  anns = precis_dataset_get_ground_truth_annotations (ds);
  for (guint i = 0; i < anns->n; i++)
    if ((anns->has[i] & PRECIS_HAS_SEGM) && anns->segm_kind[i] == PRECIS_SEGM_POLYGON)
      for (guint32 r = anns->segm_start[i]; r < anns->segm_start[i] + anns->segm_len[i]; r++)
        {
          const PrecisImage *img = precis_dataset_get_image (ds, anns->image[i]);
          Ring ring = { anns->coords + anns->ring_start[r], anns->ring_len[r], img->height, img->width };
          g_array_append_val (rings, ring);
        }

  bench_polygons (ds, rings, "coco2014-cocoapi100 GT");
  bench_iou (ds);
  bench_shapes (ds);
  bench_synthetic ();
  bench_polylines ();

  return 0;
}

/* precis-synth-scene.c: the scenes of precis-cli synth, from a seeded PRNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Image sizes, objects of COCO's class and size mix, and detections of them
 * (jittered, missed, duplicated, mislabelled, background). precis-synth.c
 * writes them as JSON. The sequence of random draws is the format: changing
 * their order changes every synthetic project.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "precis-synth-private.h"

/* ---- PRNG: xoshiro256** seeded by splitmix64 ------------------------------- */

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_seed (PrecisSynthRng *rng,
          guint64         seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (PrecisSynthRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static inline double
rng_uniform (PrecisSynthRng *rng)
{
  return (double) (rng_next (rng) >> 11) * 0x1.0p-53;
}

static inline double
rng_range (PrecisSynthRng *rng,
           double          lo,
           double          hi)
{
  return lo + (hi - lo) * rng_uniform (rng);
}

static inline guint
rng_below (PrecisSynthRng *rng,
           guint           n)
{
  return (guint) (rng_uniform (rng) * n);
}

/* Standard normal (Box–Muller, one value per call). */
static double
rng_normal (PrecisSynthRng *rng)
{
  double u = 1.0 - rng_uniform (rng);
  double v = rng_uniform (rng);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static guint
rng_poisson (PrecisSynthRng *rng,
             double          mean)
{
  double l = exp (-mean), p = 1.0;
  guint k = 0;

  do
    {
      k++;
      p *= rng_uniform (rng);
    }
  while (p > l);
  return k - 1;
}

/* A standing person in its box, (x, y) in [0, 1]. */
static const double keypoint_template[17][2] = {
  { .50, .07 }, { .54, .05 }, { .46, .05 }, { .58, .07 }, { .42, .07 },
  { .68, .22 }, { .32, .22 }, { .78, .38 }, { .22, .38 }, { .82, .52 }, { .18, .52 },
  { .62, .55 }, { .38, .55 }, { .63, .76 }, { .37, .76 }, { .64, .96 }, { .36, .96 },
};

/* ---- scene generation ---------------------------------------------------------- */

static void
init_class_cdf (PrecisSynthScene *g)
{
  double sum = 0, acc;

  /* person is about 30 % of COCO's instances; the rest falls off like a power law. */
  for (guint i = 1; i < 80; i++)
    sum += 1.0 / pow ((double) i + 2.0, 0.9);
  acc = 0.30;
  g->class_cdf[0] = acc;
  for (guint i = 1; i < 80; i++)
    {
      acc += 0.70 * (1.0 / pow ((double) i + 2.0, 0.9)) / sum;
      g->class_cdf[i] = acc;
    }
  g->class_cdf[79] = 1.0;
}

static guint
pick_class (PrecisSynthScene *g)
{
  double u = rng_uniform (&g->rng);

  for (guint i = 0; i < 79; i++)
    if (u < g->class_cdf[i])
      return i;
  return 79;
}

static void
pick_image_size (PrecisSynthScene *g)
{
  static const guint sizes[][2] = {
    { 640, 480 }, { 640, 480 }, { 640, 480 }, { 640, 427 }, { 640, 427 },
    { 480, 640 }, { 640, 426 }, { 500, 375 }, { 427, 640 }, { 640, 360 },
  };
  guint i;

  if (g->params->kind == PRECIS_IOU_POLYLINE)
    {
      g->width = 1640;
      g->height = 590;
      return;
    }
  i = rng_below (&g->rng, G_N_ELEMENTS (sizes));
  g->width = sizes[i][0];
  g->height = sizes[i][1];
}

static double
clampd (double v,
        double lo,
        double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static void
clip_box (double *b,
          double  W,
          double  H)
{
  double x0 = clampd (b[0], 0, W - 1), y0 = clampd (b[1], 0, H - 1);
  double x1 = clampd (b[0] + b[2], x0 + 1, W), y1 = clampd (b[1] + b[3], y0 + 1, H);

  b[0] = x0;
  b[1] = y0;
  b[2] = x1 - x0;
  b[3] = y1 - y0;
}

static double
poly_area (const double *p,
           guint         n)
{
  double a = 0;

  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;

      a += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
    }
  return fabs (a) / 2;
}

static double
box_iou (const double *a,
         const double *b)
{
  double iw = MIN (a[0] + a[2], b[0] + b[2]) - MAX (a[0], b[0]);
  double ih = MIN (a[1] + a[3], b[1] + b[3]) - MAX (a[1], b[1]);
  double inter, uni;

  if (iw <= 0 || ih <= 0)
    return 0;
  inter = iw * ih;
  uni = a[2] * a[3] + b[2] * b[3] - inter;
  return uni > 0 ? inter / uni : 0;
}

/* A box of COCO's size mix: 41 % small, 34 % medium, 25 % large by area. */
static void
random_box (PrecisSynthScene *g,
            double           *box,
            double            aspect_bias)
{
  double W = g->width, H = g->height;
  double u = rng_uniform (&g->rng), side, ar, w, h;

  if (u < 0.41)
    side = exp (rng_range (&g->rng, log (6.0), log (32.0)));
  else if (u < 0.75)
    side = exp (rng_range (&g->rng, log (32.0), log (96.0)));
  else
    side = exp (rng_range (&g->rng, log (96.0), log (MIN (W, H) * 0.95)));

  ar = exp (0.45 * rng_normal (&g->rng)) * aspect_bias;   /* h / w */
  w = side / sqrt (ar);
  h = side * sqrt (ar);
  /* Keep the area when one side hits the image. */
  if (w > W * 0.98)
    {
      h *= w / (W * 0.98);
      w = W * 0.98;
    }
  if (h > H * 0.98)
    {
      w *= h / (H * 0.98);
      h = H * 0.98;
    }
  w = MIN (w, W * 0.98);
  h = MIN (h, H * 0.98);
  box[0] = rng_range (&g->rng, 0, W - w);
  box[1] = rng_range (&g->rng, 0, H - h);
  box[2] = w;
  box[3] = h;
}

static void
make_polygon (PrecisSynthScene *g,
              const double     *box,
              double           *poly,
              guint            *n_poly)
{
  guint n = 8 + rng_below (&g->rng, PRECIS_SYNTH_MAX_POLY - 8 + 1);
  double cx = box[0] + box[2] / 2, cy = box[1] + box[3] / 2;

  for (guint i = 0; i < n; i++)
    {
      double th = 2 * G_PI * i / n;
      double r = 0.8 + 0.2 * rng_uniform (&g->rng);

      poly[2 * i] = clampd (cx + r * box[2] / 2 * cos (th), 0, g->width);
      poly[2 * i + 1] = clampd (cy + r * box[3] / 2 * sin (th), 0, g->height);
    }
  *n_poly = n;
}

static void
poly_extent (const double *poly,
             guint         n,
             double       *box)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      x0 = MIN (x0, poly[2 * i]);
      x1 = MAX (x1, poly[2 * i]);
      y0 = MIN (y0, poly[2 * i + 1]);
      y1 = MAX (y1, poly[2 * i + 1]);
    }
  box[0] = x0;
  box[1] = y0;
  box[2] = x1 - x0;
  box[3] = y1 - y0;
}

static void
make_object (PrecisSynthScene *g,
             PrecisSynthObj   *o)
{
  PrecisIouType kind = g->params->kind;

  memset (o, 0, sizeof *o);

  if (kind == PRECIS_IOU_POLYLINE)
    {
      /* A lane from the bottom edge towards the horizon, slightly curved. */
      double x_bottom = rng_range (&g->rng, -200, g->width + 200);
      double x_top = g->width / 2.0 + rng_range (&g->rng, -120, 120);
      double y_top = rng_range (&g->rng, 240, 300);
      double bend = rng_range (&g->rng, -60, 60);

      o->category = rng_below (&g->rng, 4);
      for (guint i = 0; i < PRECIS_SYNTH_LANE_POINTS; i++)
        {
          double f = (double) i / (PRECIS_SYNTH_LANE_POINTS - 1);
          double y = g->height - f * (g->height - y_top);
          double x = x_bottom + f * (x_top - x_bottom) + bend * sin (G_PI * f);

          o->line[2 * i] = x;
          o->line[2 * i + 1] = y;
        }
      poly_extent (o->line, PRECIS_SYNTH_LANE_POINTS, o->box);
      clip_box (o->box, g->width, g->height);
      return;
    }

  if (kind == PRECIS_IOU_KEYPOINTS)
    {
      guint visible = 0;

      o->category = 0;
      random_box (g, o->box, 2.4);
      o->area = o->box[2] * o->box[3] * 0.6;
      for (guint k = 0; k < 17; k++)
        {
          double x = o->box[0] + keypoint_template[k][0] * o->box[2] + 0.03 * o->box[2] * rng_normal (&g->rng);
          double y = o->box[1] + keypoint_template[k][1] * o->box[3] + 0.02 * o->box[3] * rng_normal (&g->rng);
          double u = rng_uniform (&g->rng);
          int v = o->area < 32 * 32 ? 0 : u < 0.15 ? 0 : u < 0.3 ? 1 : 2;

          o->kp[3 * k] = v > 0 ? clampd (x, 0, g->width - 1) : 0;
          o->kp[3 * k + 1] = v > 0 ? clampd (y, 0, g->height - 1) : 0;
          o->kp[3 * k + 2] = v;
          visible += v > 0;
        }
      o->num_keypoints = visible;
      o->crowd = rng_uniform (&g->rng) < 0.01;
      if (o->crowd)
        {
          memset (o->kp, 0, sizeof o->kp);
          o->num_keypoints = 0;
        }
      return;
    }

  o->category = pick_class (g);
  random_box (g, o->box, o->category == 0 ? 2.0 : 1.0);
  o->crowd = rng_uniform (&g->rng) < 0.01;
  if (kind == PRECIS_IOU_SEGM)
    {
      make_polygon (g, o->box, o->poly, &o->n_poly);
      poly_extent (o->poly, o->n_poly, o->box);
      o->area = poly_area (o->poly, o->n_poly);
    }
  else
    o->area = o->box[2] * o->box[3];
}

/* A detection of @o: jittered by a noise level drawn per detection; the score
 * follows the resulting box IoU. */
static void
make_detection (PrecisSynthScene     *g,
                const PrecisSynthObj *o,
                PrecisSynthDet       *d,
                double                score_scale)
{
  double nu = fabs (0.10 * rng_normal (&g->rng)) + 0.01;
  double dx = nu * rng_normal (&g->rng), dy = nu * rng_normal (&g->rng);
  double sw = exp (nu * rng_normal (&g->rng)), sh = exp (nu * rng_normal (&g->rng));
  double cx = o->box[0] + o->box[2] / 2, cy = o->box[1] + o->box[3] / 2;
  double ncx = cx + dx * o->box[2], ncy = cy + dy * o->box[3];
  double quality;

  memset (d, 0, sizeof *d);
  d->category = o->category;
  d->box[0] = ncx - o->box[2] * sw / 2;
  d->box[1] = ncy - o->box[3] * sh / 2;
  d->box[2] = o->box[2] * sw;
  d->box[3] = o->box[3] * sh;
  clip_box (d->box, g->width, g->height);
  quality = box_iou (d->box, o->box);

  switch (g->params->kind)
    {
    case PRECIS_IOU_SEGM:
      d->n_poly = o->n_poly;
      for (guint i = 0; i < o->n_poly; i++)
        {
          double px = o->poly[2 * i], py = o->poly[2 * i + 1];

          d->poly[2 * i] = clampd (ncx + (px - cx) * sw + 0.02 * o->box[2] * rng_normal (&g->rng), 0, g->width);
          d->poly[2 * i + 1] = clampd (ncy + (py - cy) * sh + 0.02 * o->box[3] * rng_normal (&g->rng), 0, g->height);
        }
      poly_extent (d->poly, d->n_poly, d->box);
      break;

    case PRECIS_IOU_KEYPOINTS:
      {
        double s = sqrt (MAX (o->area, 1.0));

        for (guint k = 0; k < 17; k++)
          {
            double tx = o->box[0] + keypoint_template[k][0] * o->box[2];
            double ty = o->box[1] + keypoint_template[k][1] * o->box[3];
            double gx = o->kp[3 * k + 2] > 0 ? o->kp[3 * k] : tx;
            double gy = o->kp[3 * k + 2] > 0 ? o->kp[3 * k + 1] : ty;

            d->kp[3 * k] = clampd (gx + nu * 0.6 * s * rng_normal (&g->rng), 0, g->width - 1);
            d->kp[3 * k + 1] = clampd (gy + nu * 0.6 * s * rng_normal (&g->rng), 0, g->height - 1);
            d->kp[3 * k + 2] = rng_range (&g->rng, 0.05, 1.0);
          }
        quality = exp (-nu * 6);
      }
      break;

    case PRECIS_IOU_POLYLINE:
      {
        double shift = 40 * nu * rng_normal (&g->rng);

        for (guint i = 0; i < PRECIS_SYNTH_LANE_POINTS; i++)
          {
            d->line[2 * i] = o->line[2 * i] + shift + 6 * nu * rng_normal (&g->rng);
            d->line[2 * i + 1] = o->line[2 * i + 1];
          }
        poly_extent (d->line, PRECIS_SYNTH_LANE_POINTS, d->box);
        clip_box (d->box, g->width, g->height);
        quality = exp (-fabs (shift) / 15.0);
      }
      break;

    case PRECIS_IOU_BBOX:
    case PRECIS_N_IOU_TYPES:
    default:
      break;
    }

  d->score = clampd ((0.15 + 0.8 * quality * quality + 0.12 * rng_normal (&g->rng)) * score_scale,
                     0.001, 0.999);
}

/* A detection on nothing: a random box (or lane) with a low score. */
static void
make_background (PrecisSynthScene *g,
                 PrecisSynthDet   *d)
{
  PrecisSynthObj o;

  make_object (g, &o);
  make_detection (g, &o, d, 1.0);
  d->score = clampd (pow (rng_uniform (&g->rng), 2.5) * 0.6, 0.001, 0.999);
  if (g->params->kind != PRECIS_IOU_KEYPOINTS && g->params->kind != PRECIS_IOU_POLYLINE)
    d->category = pick_class (g);
}

static int
compare_det_score (gconstpointer a,
                   gconstpointer b)
{
  const PrecisSynthDet *x = a, *y = b;

  return (x->score < y->score) - (x->score > y->score);
}


void
_precis_synth_scene_init (PrecisSynthScene        *g,
                          const PrecisSynthParams *params)
{
  memset (g, 0, sizeof *g);
  g->params = params;
  rng_seed (&g->rng, params->seed);
  init_class_cdf (g);
  g->objs = g_array_sized_new (FALSE, FALSE, sizeof (PrecisSynthObj), 32);
  g->dets = g_array_sized_new (FALSE, FALSE, sizeof (PrecisSynthDet), MAX (params->preds_per_image, 32));
  g->n_categories = params->kind == PRECIS_IOU_KEYPOINTS ? 1 : params->kind == PRECIS_IOU_POLYLINE ? 4 : 80;
}

void
_precis_synth_scene_next (PrecisSynthScene *g)
{
  const PrecisSynthParams *params = g->params;
  guint n_cats = g->n_categories;
  guint n_obj;

  pick_image_size (g);

  n_obj = params->kind == PRECIS_IOU_POLYLINE ? 2 + rng_poisson (&g->rng, 2.0)
                                               : rng_poisson (&g->rng, 7.3);
  g_array_set_size (g->objs, n_obj);
  g_array_set_size (g->dets, 0);

  for (guint i = 0; i < n_obj; i++)
    make_object (g, &g_array_index (g->objs, PrecisSynthObj, i));

  /* Detections from the GT: misses, wrong classes, duplicates. */
  for (guint i = 0; i < n_obj; i++)
    {
      const PrecisSynthObj *o = &g_array_index (g->objs, PrecisSynthObj, i);
      double u = rng_uniform (&g->rng);
      PrecisSynthDet d;

      if (u < 0.12)
        continue;   /* missed */
      make_detection (g, o, &d, 1.0);
      if (n_cats > 1 && rng_uniform (&g->rng) < 0.06)
        {
          d.category = (d.category + 1 + rng_below (&g->rng, n_cats - 1)) % n_cats;
          d.score *= 0.7;
        }
      g_array_append_val (g->dets, d);
      if (rng_uniform (&g->rng) < 0.12)
        {
          make_detection (g, o, &d, 0.6);
          g_array_append_val (g->dets, d);
        }
    }

  /* Keep the K best, then fill up to K with background false positives. */
  if (g->dets->len > params->preds_per_image)
    {
      g_array_sort (g->dets, compare_det_score);
      g_array_set_size (g->dets, params->preds_per_image);
    }
  while (g->dets->len < params->preds_per_image)
    {
      PrecisSynthDet d;

      make_background (g, &d);
      g_array_append_val (g->dets, d);
    }
}

void
_precis_synth_scene_clear (PrecisSynthScene *g)
{
  g_clear_pointer (&g->objs, g_array_unref);
  g_clear_pointer (&g->dets, g_array_unref);
}

/* precis-synth.c: deterministic COCO-shaped synthetic projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-rle.h"
#include "precis-synth.h"

/* ---- PRNG: xoshiro256** seeded by splitmix64 ------------------------------- */

typedef struct {
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng     *rng,
          guint64  seed)
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
rng_next (Rng *rng)
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
rng_uniform (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * 0x1.0p-53;
}

static inline double
rng_range (Rng    *rng,
           double  lo,
           double  hi)
{
  return lo + (hi - lo) * rng_uniform (rng);
}

static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_uniform (rng) * n);
}

/* Standard normal (Box–Muller, one value per call). */
static double
rng_normal (Rng *rng)
{
  double u = 1.0 - rng_uniform (rng);
  double v = rng_uniform (rng);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static guint
rng_poisson (Rng    *rng,
             double  mean)
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

/* ---- COCO's categories ------------------------------------------------------ */

static const struct {
  int         id;
  const char *name;
  const char *super;
} coco_categories[80] = {
  { 1, "person", "person" }, { 2, "bicycle", "vehicle" }, { 3, "car", "vehicle" },
  { 4, "motorcycle", "vehicle" }, { 5, "airplane", "vehicle" }, { 6, "bus", "vehicle" },
  { 7, "train", "vehicle" }, { 8, "truck", "vehicle" }, { 9, "boat", "vehicle" },
  { 10, "traffic light", "outdoor" }, { 11, "fire hydrant", "outdoor" },
  { 13, "stop sign", "outdoor" }, { 14, "parking meter", "outdoor" }, { 15, "bench", "outdoor" },
  { 16, "bird", "animal" }, { 17, "cat", "animal" }, { 18, "dog", "animal" },
  { 19, "horse", "animal" }, { 20, "sheep", "animal" }, { 21, "cow", "animal" },
  { 22, "elephant", "animal" }, { 23, "bear", "animal" }, { 24, "zebra", "animal" },
  { 25, "giraffe", "animal" }, { 27, "backpack", "accessory" }, { 28, "umbrella", "accessory" },
  { 31, "handbag", "accessory" }, { 32, "tie", "accessory" }, { 33, "suitcase", "accessory" },
  { 34, "frisbee", "sports" }, { 35, "skis", "sports" }, { 36, "snowboard", "sports" },
  { 37, "sports ball", "sports" }, { 38, "kite", "sports" }, { 39, "baseball bat", "sports" },
  { 40, "baseball glove", "sports" }, { 41, "skateboard", "sports" }, { 42, "surfboard", "sports" },
  { 43, "tennis racket", "sports" }, { 44, "bottle", "kitchen" }, { 46, "wine glass", "kitchen" },
  { 47, "cup", "kitchen" }, { 48, "fork", "kitchen" }, { 49, "knife", "kitchen" },
  { 50, "spoon", "kitchen" }, { 51, "bowl", "kitchen" }, { 52, "banana", "food" },
  { 53, "apple", "food" }, { 54, "sandwich", "food" }, { 55, "orange", "food" },
  { 56, "broccoli", "food" }, { 57, "carrot", "food" }, { 58, "hot dog", "food" },
  { 59, "pizza", "food" }, { 60, "donut", "food" }, { 61, "cake", "food" },
  { 62, "chair", "furniture" }, { 63, "couch", "furniture" }, { 64, "potted plant", "furniture" },
  { 65, "bed", "furniture" }, { 67, "dining table", "furniture" }, { 70, "toilet", "furniture" },
  { 72, "tv", "electronic" }, { 73, "laptop", "electronic" }, { 74, "mouse", "electronic" },
  { 75, "remote", "electronic" }, { 76, "keyboard", "electronic" }, { 77, "cell phone", "electronic" },
  { 78, "microwave", "appliance" }, { 79, "oven", "appliance" }, { 80, "toaster", "appliance" },
  { 81, "sink", "appliance" }, { 82, "refrigerator", "appliance" }, { 84, "book", "indoor" },
  { 85, "clock", "indoor" }, { 86, "vase", "indoor" }, { 87, "scissors", "indoor" },
  { 88, "teddy bear", "indoor" }, { 89, "hair drier", "indoor" }, { 90, "toothbrush", "indoor" },
};

static const char * const keypoint_names[17] = {
  "nose", "left_eye", "right_eye", "left_ear", "right_ear",
  "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
  "left_wrist", "right_wrist", "left_hip", "right_hip",
  "left_knee", "right_knee", "left_ankle", "right_ankle",
};

/* COCO's person skeleton, 1-based as in the files. */
static const int skeleton[19][2] = {
  { 16, 14 }, { 14, 12 }, { 17, 15 }, { 15, 13 }, { 12, 13 }, { 6, 12 }, { 7, 13 },
  { 6, 7 }, { 6, 8 }, { 7, 9 }, { 8, 10 }, { 9, 11 }, { 2, 3 }, { 1, 2 }, { 1, 3 },
  { 2, 4 }, { 3, 5 }, { 4, 6 }, { 5, 7 },
};

/* A standing person in its box, (x, y) in [0, 1]. */
static const double keypoint_template[17][2] = {
  { .50, .07 }, { .54, .05 }, { .46, .05 }, { .58, .07 }, { .42, .07 },
  { .68, .22 }, { .32, .22 }, { .78, .38 }, { .22, .38 }, { .82, .52 }, { .18, .52 },
  { .62, .55 }, { .38, .55 }, { .63, .76 }, { .37, .76 }, { .64, .96 }, { .36, .96 },
};

static const char * const lane_names[4] = { "lane-solid", "lane-dashed", "lane-double", "curb" };

/* ---- streaming JSON writer ---------------------------------------------------- */

typedef struct {
  GOutputStream *out;
  GString       *buf;
  GFile         *file;
  GCancellable  *cancellable;
  GError        *error;
  guint64        written;
} Writer;

static void
writer_flush (Writer *w)
{
  gsize n = 0;

  if (w->error == NULL && w->buf->len > 0)
    {
      if (!g_output_stream_write_all (w->out, w->buf->str, w->buf->len, &n, w->cancellable, &w->error))
        {
          g_autofree char *path = g_file_get_path (w->file);

          g_prefix_error (&w->error, "%s: ", path);
        }
      w->written += n;
    }
  g_string_truncate (w->buf, 0);
}

static inline void
writer_maybe_flush (Writer *w)
{
  if (w->buf->len >= (1 << 20))
    writer_flush (w);
}

static inline void
w_str (Writer     *w,
       const char *s)
{
  g_string_append (w->buf, s);
}

static void
w_int (Writer *w,
       gint64  v)
{
  char tmp[24];
  int n = 0;
  guint64 u;

  if (v < 0)
    {
      g_string_append_c (w->buf, '-');
      u = (guint64) (-(v + 1)) + 1;
    }
  else
    u = (guint64) v;
  do
    {
      tmp[n++] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u > 0);
  while (n > 0)
    g_string_append_c (w->buf, tmp[--n]);
}

/* @v rounded to @decimals digits, trailing zeros dropped: locale-independent
 * and identical on every run. */
static void
w_fixed (Writer *w,
         double  v,
         int     decimals)
{
  static const gint64 pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
  gint64 scale = pow10[decimals];
  gint64 q = llround (v * (double) scale);
  gint64 ip, fp;
  char frac[8];
  int n;

  if (q < 0)
    {
      g_string_append_c (w->buf, '-');
      q = -q;
    }
  ip = q / scale;
  fp = q % scale;
  w_int (w, ip);
  if (fp == 0)
    return;
  for (n = decimals; n > 0; n--)
    {
      frac[n - 1] = (char) ('0' + fp % 10);
      fp /= 10;
    }
  n = decimals;
  while (n > 0 && frac[n - 1] == '0')
    n--;
  g_string_append_c (w->buf, '.');
  g_string_append_len (w->buf, frac, n);
}

static void
w_json_string (Writer     *w,
               const char *s)
{
  g_string_append_c (w->buf, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (w->buf, '\\');
      g_string_append_c (w->buf, *p);
    }
  g_string_append_c (w->buf, '"');
}

static gboolean
writer_open (Writer        *w,
             GFile         *dir,
             const char    *name,
             GCancellable  *cancellable,
             GError       **error)
{
  memset (w, 0, sizeof *w);
  w->file = g_file_get_child (dir, name);
  w->cancellable = cancellable;
  w->out = (GOutputStream *) g_file_replace (w->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                             cancellable, error);
  if (w->out == NULL)
    {
      g_autofree char *path = g_file_get_path (w->file);

      g_prefix_error (error, "%s: ", path);
      g_clear_object (&w->file);
      return FALSE;
    }
  w->buf = g_string_sized_new (1 << 21);
  return TRUE;
}

static gboolean
writer_close (Writer  *w,
              guint64 *written,
              GError **error)
{
  writer_flush (w);
  if (w->error == NULL && !g_output_stream_close (w->out, w->cancellable, &w->error))
    {
      g_autofree char *path = g_file_get_path (w->file);

      g_prefix_error (&w->error, "%s: ", path);
    }
  g_clear_object (&w->out);
  g_clear_object (&w->file);
  g_string_free (w->buf, TRUE);
  w->buf = NULL;
  if (written != NULL)
    *written += w->written;
  if (w->error != NULL)
    {
      g_propagate_error (error, w->error);
      w->error = NULL;
      return FALSE;
    }
  return TRUE;
}

static void
writer_abort (Writer *w)
{
  if (w->out != NULL)
    {
      /* Closing after a cancelled replace keeps the old file. */
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      g_cancellable_cancel (cancel);
      g_output_stream_close (w->out, cancel, NULL);
    }
  g_clear_object (&w->out);
  g_clear_object (&w->file);
  if (w->buf != NULL)
    g_string_free (w->buf, TRUE);
  w->buf = NULL;
  g_clear_error (&w->error);
}

/* ---- scene generation ---------------------------------------------------------- */

#define MAX_POLY 16
#define LANE_POINTS 8

typedef struct {
  guint   category;        /* index into the category table */
  double  box[4];          /* x, y, w, h */
  double  area;
  gboolean crowd;
  guint   n_poly;          /* segm: vertices */
  double  poly[2 * MAX_POLY];
  double  kp[3 * 17];      /* keypoints: x, y, v */
  guint   num_keypoints;
  double  line[2 * LANE_POINTS];
} Obj;

typedef struct {
  guint   category;
  double  box[4];
  double  score;
  guint   n_poly;
  double  poly[2 * MAX_POLY];
  double  kp[3 * 17];
  double  line[2 * LANE_POINTS];
} Det;

typedef struct {
  const PrecisSynthParams *params;
  Rng                      rng;
  double                   class_cdf[80];
  guint                    n_categories;
  guint                    width, height;
  GArray                  *objs;
  GArray                  *dets;
} Gen;

static void
init_class_cdf (Gen *g)
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
pick_class (Gen *g)
{
  double u = rng_uniform (&g->rng);

  for (guint i = 0; i < 79; i++)
    if (u < g->class_cdf[i])
      return i;
  return 79;
}

static void
pick_image_size (Gen *g)
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
random_box (Gen    *g,
            double *box,
            double  aspect_bias)
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
make_polygon (Gen          *g,
              const double *box,
              double       *poly,
              guint        *n_poly)
{
  guint n = 8 + rng_below (&g->rng, MAX_POLY - 8 + 1);
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
make_object (Gen *g,
             Obj *o)
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
      for (guint i = 0; i < LANE_POINTS; i++)
        {
          double f = (double) i / (LANE_POINTS - 1);
          double y = g->height - f * (g->height - y_top);
          double x = x_bottom + f * (x_top - x_bottom) + bend * sin (G_PI * f);

          o->line[2 * i] = x;
          o->line[2 * i + 1] = y;
        }
      poly_extent (o->line, LANE_POINTS, o->box);
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
make_detection (Gen       *g,
                const Obj *o,
                Det       *d,
                double     score_scale)
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

        for (guint i = 0; i < LANE_POINTS; i++)
          {
            d->line[2 * i] = o->line[2 * i] + shift + 6 * nu * rng_normal (&g->rng);
            d->line[2 * i + 1] = o->line[2 * i + 1];
          }
        poly_extent (d->line, LANE_POINTS, d->box);
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
make_background (Gen *g,
                 Det *d)
{
  Obj o;

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
  const Det *x = a, *y = b;

  return (x->score < y->score) - (x->score > y->score);
}

/* ---- writing -------------------------------------------------------------------- */

static void
write_box (Writer       *w,
           const double *b)
{
  w_str (w, "[");
  w_fixed (w, b[0], 2);
  w_str (w, ",");
  w_fixed (w, b[1], 2);
  w_str (w, ",");
  w_fixed (w, b[2], 2);
  w_str (w, ",");
  w_fixed (w, b[3], 2);
  w_str (w, "]");
}

static void
write_points (Writer       *w,
              const double *p,
              guint         n)
{
  w_str (w, "[");
  for (guint i = 0; i < 2 * n; i++)
    {
      if (i > 0)
        w_str (w, ",");
      w_fixed (w, p[i], 2);
    }
  w_str (w, "]");
}

static void
write_keypoints (Writer       *w,
                 const double *kp,
                 gboolean      gt)
{
  w_str (w, "[");
  for (guint k = 0; k < 17; k++)
    {
      if (k > 0)
        w_str (w, ",");
      w_fixed (w, kp[3 * k], 2);
      w_str (w, ",");
      w_fixed (w, kp[3 * k + 1], 2);
      w_str (w, ",");
      if (gt)
        w_int (w, (gint64) kp[3 * k + 2]);
      else
        w_fixed (w, kp[3 * k + 2], 3);
    }
  w_str (w, "]");
}

static void
write_categories (Writer  *w,
                  const Gen *g)
{
  PrecisIouType kind = g->params->kind;

  w_str (w, "\"categories\":[");
  if (kind == PRECIS_IOU_KEYPOINTS)
    {
      w_str (w, "{\"id\":1,\"name\":\"person\",\"supercategory\":\"person\",\"keypoints\":[");
      for (guint k = 0; k < 17; k++)
        {
          if (k > 0)
            w_str (w, ",");
          w_json_string (w, keypoint_names[k]);
        }
      w_str (w, "],\"skeleton\":[");
      for (guint s = 0; s < G_N_ELEMENTS (skeleton); s++)
        {
          if (s > 0)
            w_str (w, ",");
          w_str (w, "[");
          w_int (w, skeleton[s][0]);
          w_str (w, ",");
          w_int (w, skeleton[s][1]);
          w_str (w, "]");
        }
      w_str (w, "]}");
    }
  else if (kind == PRECIS_IOU_POLYLINE)
    {
      for (guint c = 0; c < G_N_ELEMENTS (lane_names); c++)
        {
          if (c > 0)
            w_str (w, ",");
          w_str (w, "{\"id\":");
          w_int (w, c + 1);
          w_str (w, ",\"name\":");
          w_json_string (w, lane_names[c]);
          w_str (w, ",\"supercategory\":\"lane\"}");
        }
    }
  else
    {
      for (guint c = 0; c < 80; c++)
        {
          if (c > 0)
            w_str (w, ",");
          w_str (w, "\n{\"id\":");
          w_int (w, coco_categories[c].id);
          w_str (w, ",\"name\":");
          w_json_string (w, coco_categories[c].name);
          w_str (w, ",\"supercategory\":");
          w_json_string (w, coco_categories[c].super);
          w_str (w, "}");
        }
    }
  w_str (w, "]");
}

static gint64
category_id (const Gen *g,
             guint      c)
{
  if (g->params->kind == PRECIS_IOU_BBOX || g->params->kind == PRECIS_IOU_SEGM)
    return coco_categories[c].id;
  return c + 1;
}

static void
write_gt_annotation (Writer    *w,
                     const Gen *g,
                     const Obj *o,
                     gint64     id,
                     gint64     image_id,
                     gboolean   first)
{
  w_str (w, first ? "\n{\"id\":" : ",\n{\"id\":");
  w_int (w, id);
  w_str (w, ",\"image_id\":");
  w_int (w, image_id);
  w_str (w, ",\"category_id\":");
  w_int (w, category_id (g, o->category));
  w_str (w, ",\"iscrowd\":");
  w_int (w, o->crowd ? 1 : 0);
  w_str (w, ",\"bbox\":");
  write_box (w, o->box);

  switch (g->params->kind)
    {
    case PRECIS_IOU_SEGM:
      w_str (w, ",\"segmentation\":[");
      write_points (w, o->poly, o->n_poly);
      w_str (w, "]");
      break;
    case PRECIS_IOU_KEYPOINTS:
      w_str (w, ",\"num_keypoints\":");
      w_int (w, o->num_keypoints);
      w_str (w, ",\"keypoints\":");
      write_keypoints (w, o->kp, TRUE);
      break;
    case PRECIS_IOU_POLYLINE:
      w_str (w, ",\"polyline\":[");
      write_points (w, o->line, LANE_POINTS);
      w_str (w, "]");
      break;
    case PRECIS_IOU_BBOX:
    case PRECIS_N_IOU_TYPES:
    default:
      break;
    }

  /* Polylines: the loader derives the band's pixel count. */
  if (g->params->kind != PRECIS_IOU_POLYLINE)
    {
      w_str (w, ",\"area\":");
      w_fixed (w, o->area, 2);
    }
  w_str (w, "}");
}

static void
write_prediction (Writer    *w,
                  const Gen *g,
                  const Det *d,
                  gint64     image_id,
                  gboolean   first,
                  gboolean   as_rle)
{
  w_str (w, first ? "\n{\"image_id\":" : ",\n{\"image_id\":");
  w_int (w, image_id);
  w_str (w, ",\"category_id\":");
  w_int (w, category_id (g, d->category));

  switch (g->params->kind)
    {
    case PRECIS_IOU_SEGM:
      if (as_rle)
        {
          PrecisRle rle = PRECIS_RLE_INIT;
          g_autofree char *counts = NULL;

          precis_rle_from_polygon (&rle, d->poly, 2 * d->n_poly, g->height, g->width);
          counts = precis_rle_to_string (&rle);
          precis_rle_clear (&rle);
          w_str (w, ",\"segmentation\":{\"size\":[");
          w_int (w, g->height);
          w_str (w, ",");
          w_int (w, g->width);
          w_str (w, "],\"counts\":");
          w_json_string (w, counts);
          w_str (w, "}");
        }
      else
        {
          w_str (w, ",\"segmentation\":[");
          write_points (w, d->poly, d->n_poly);
          w_str (w, "]");
        }
      break;
    case PRECIS_IOU_KEYPOINTS:
      w_str (w, ",\"keypoints\":");
      write_keypoints (w, d->kp, FALSE);
      break;
    case PRECIS_IOU_POLYLINE:
      w_str (w, ",\"polyline\":[");
      write_points (w, d->line, LANE_POINTS);
      w_str (w, "]");
      break;
    case PRECIS_IOU_BBOX:
    case PRECIS_N_IOU_TYPES:
    default:
      w_str (w, ",\"bbox\":");
      write_box (w, d->box);
      break;
    }

  w_str (w, ",\"score\":");
  w_fixed (w, d->score, 5);
  w_str (w, "}");
}

static void
count_area (PrecisSynthStats *st,
            double            area)
{
  if (area < 32 * 32)
    st->n_gt_small++;
  else if (area < 96 * 96)
    st->n_gt_medium++;
  else
    st->n_gt_large++;
}

gboolean
precis_synth_write (const PrecisSynthParams *params,
                    GFile                   *dir,
                    PrecisSynthStats        *stats,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  Writer gtw, dtw;
  Gen gen = { 0, };
  PrecisSynthStats st = { 0, };
  g_autofree guint32 *sizes = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 ann_id = 1;
  gboolean first_gt = TRUE, first_dt = TRUE;
  guint n_cats;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (params->kind < PRECIS_N_IOU_TYPES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_make_directory_with_parents (dir, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *path = g_file_get_path (dir);

      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return FALSE;
    }
  g_clear_error (&local_error);

  if (!writer_open (&gtw, dir, "gt.json", cancellable, error))
    return FALSE;
  if (!writer_open (&dtw, dir, "predictions.json", cancellable, error))
    {
      writer_abort (&gtw);
      return FALSE;
    }

  gen.params = params;
  rng_seed (&gen.rng, params->seed);
  init_class_cdf (&gen);
  gen.objs = g_array_sized_new (FALSE, FALSE, sizeof (Obj), 32);
  gen.dets = g_array_sized_new (FALSE, FALSE, sizeof (Det), MAX (params->preds_per_image, 32));
  n_cats = params->kind == PRECIS_IOU_KEYPOINTS ? 1 : params->kind == PRECIS_IOU_POLYLINE ? 4 : 80;
  sizes = g_new (guint32, 2 * (gsize) MAX (params->n_images, 1));

  w_str (&gtw, "{\"info\":{\"description\":\"Precis synthetic project\",\"kind\":");
  w_json_string (&gtw, precis_iou_type_to_string (params->kind));
  w_str (&gtw, ",\"seed\":");
  w_int (&gtw, (gint64) params->seed);
  w_str (&gtw, "},\n");
  write_categories (&gtw, &gen);
  w_str (&gtw, ",\n\"annotations\":[");
  w_str (&dtw, "[");

  for (guint im = 0; im < params->n_images; im++)
    {
      gint64 image_id = im + 1;
      guint n_obj;

      if (im % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        break;

      pick_image_size (&gen);
      sizes[2 * im] = gen.width;
      sizes[2 * im + 1] = gen.height;

      n_obj = params->kind == PRECIS_IOU_POLYLINE ? 2 + rng_poisson (&gen.rng, 2.0)
                                                   : rng_poisson (&gen.rng, 7.3);
      g_array_set_size (gen.objs, n_obj);
      g_array_set_size (gen.dets, 0);

      for (guint i = 0; i < n_obj; i++)
        {
          Obj *o = &g_array_index (gen.objs, Obj, i);

          make_object (&gen, o);
          write_gt_annotation (&gtw, &gen, o, ann_id++, image_id, first_gt);
          first_gt = FALSE;
          st.n_gt++;
          st.n_gt_crowd += o->crowd;
          if (params->kind != PRECIS_IOU_POLYLINE)
            count_area (&st, o->area);
        }

      /* Detections from the GT: misses, wrong classes, duplicates. */
      for (guint i = 0; i < n_obj; i++)
        {
          const Obj *o = &g_array_index (gen.objs, Obj, i);
          double u = rng_uniform (&gen.rng);
          Det d;

          if (u < 0.12)
            continue;   /* missed */
          make_detection (&gen, o, &d, 1.0);
          if (n_cats > 1 && rng_uniform (&gen.rng) < 0.06)
            {
              d.category = (d.category + 1 + rng_below (&gen.rng, n_cats - 1)) % n_cats;
              d.score *= 0.7;
            }
          g_array_append_val (gen.dets, d);
          if (rng_uniform (&gen.rng) < 0.12)
            {
              make_detection (&gen, o, &d, 0.6);
              g_array_append_val (gen.dets, d);
            }
        }

      /* Keep the K best, then fill up to K with background false positives. */
      if (gen.dets->len > params->preds_per_image)
        {
          g_array_sort (gen.dets, compare_det_score);
          g_array_set_size (gen.dets, params->preds_per_image);
        }
      while (gen.dets->len < params->preds_per_image)
        {
          Det d;

          make_background (&gen, &d);
          g_array_append_val (gen.dets, d);
        }

      for (guint i = 0; i < gen.dets->len; i++)
        {
          write_prediction (&dtw, &gen, &g_array_index (gen.dets, Det, i), image_id, first_dt,
                            params->kind == PRECIS_IOU_SEGM && (i % 2) == 1);
          first_dt = FALSE;
          st.n_predictions++;
        }

      writer_maybe_flush (&gtw);
      writer_maybe_flush (&dtw);
      if (gtw.error != NULL || dtw.error != NULL)
        break;
    }

  if (!g_cancellable_is_cancelled (cancellable) && gtw.error == NULL && dtw.error == NULL)
    {
      w_str (&gtw, "],\n\"images\":[");
      for (guint im = 0; im < params->n_images; im++)
        {
          char name[32];

          if (im > 0)
            w_str (&gtw, ",");
          w_str (&gtw, "\n{\"id\":");
          w_int (&gtw, im + 1);
          g_snprintf (name, sizeof name, "%012u.jpg", im + 1);
          w_str (&gtw, ",\"file_name\":");
          w_json_string (&gtw, name);
          w_str (&gtw, ",\"width\":");
          w_int (&gtw, sizes[2 * im]);
          w_str (&gtw, ",\"height\":");
          w_int (&gtw, sizes[2 * im + 1]);
          w_str (&gtw, "}");
          writer_maybe_flush (&gtw);
        }
      w_str (&gtw, "]}\n");
      w_str (&dtw, "]\n");
    }

  g_array_unref (gen.objs);
  g_array_unref (gen.dets);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      writer_abort (&gtw);
      writer_abort (&dtw);
      return FALSE;
    }
  if (!writer_close (&gtw, &st.bytes_written, error))
    {
      writer_abort (&dtw);
      return FALSE;
    }
  if (!writer_close (&dtw, &st.bytes_written, error))
    return FALSE;

  st.n_images = params->n_images;
  st.n_categories = n_cats;
  if (stats != NULL)
    *stats = st;
  return TRUE;
}

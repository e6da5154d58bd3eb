/* precis-synth.c: deterministic COCO-shaped synthetic projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON of gt.json and predictions.json, streamed; the scenes come from
 * precis-synth-scene.c.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-rle.h"
#include "precis-synth.h"
#include "precis-synth-private.h"

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
write_categories (Writer                 *w,
                  const PrecisSynthScene *g)
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
category_id (const PrecisSynthScene *g,
             guint                   c)
{
  if (g->params->kind == PRECIS_IOU_BBOX || g->params->kind == PRECIS_IOU_SEGM)
    return coco_categories[c].id;
  return c + 1;
}

static void
write_gt_annotation (Writer                 *w,
                     const PrecisSynthScene *g,
                     const PrecisSynthObj   *o,
                     gint64                  id,
                     gint64                  image_id,
                     gboolean                first)
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
      write_points (w, o->line, PRECIS_SYNTH_LANE_POINTS);
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
write_prediction (Writer                 *w,
                  const PrecisSynthScene *g,
                  const PrecisSynthDet   *d,
                  gint64                  image_id,
                  gboolean                first,
                  gboolean                as_rle)
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
      write_points (w, d->line, PRECIS_SYNTH_LANE_POINTS);
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

/* "images":[…] from the sizes (width, height) of @n images. */
static void
write_images (Writer        *w,
              const guint32 *sizes,
              guint          n)
{
  w_str (w, "\"images\":[");
  for (guint im = 0; im < n; im++)
    {
      char name[32];

      if (im > 0)
        w_str (w, ",");
      w_str (w, "\n{\"id\":");
      w_int (w, im + 1);
      g_snprintf (name, sizeof name, "%012u.jpg", im + 1);
      w_str (w, ",\"file_name\":");
      w_json_string (w, name);
      w_str (w, ",\"width\":");
      w_int (w, sizes[2 * im]);
      w_str (w, ",\"height\":");
      w_int (w, sizes[2 * im + 1]);
      w_str (w, "}");
      writer_maybe_flush (w);
    }
  w_str (w, "]");
}

gboolean
precis_synth_write (const PrecisSynthParams *params,
                    GFile                   *dir,
                    PrecisSynthStats        *stats,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  Writer gtw, dtw;
  PrecisSynthScene gen;
  PrecisSynthStats st = { 0, };
  g_autofree guint32 *sizes = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 ann_id = 1;
  gboolean first_gt = TRUE, first_dt = TRUE;

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

  _precis_synth_scene_init (&gen, params);
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

      if (im % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        break;

      _precis_synth_scene_next (&gen);
      sizes[2 * im] = gen.width;
      sizes[2 * im + 1] = gen.height;

      for (guint i = 0; i < gen.objs->len; i++)
        {
          const PrecisSynthObj *o = &g_array_index (gen.objs, PrecisSynthObj, i);

          write_gt_annotation (&gtw, &gen, o, ann_id++, image_id, first_gt);
          first_gt = FALSE;
          st.n_gt++;
          st.n_gt_crowd += o->crowd;
          if (params->kind != PRECIS_IOU_POLYLINE)
            count_area (&st, o->area);
        }

      for (guint i = 0; i < gen.dets->len; i++)
        {
          write_prediction (&dtw, &gen, &g_array_index (gen.dets, PrecisSynthDet, i), image_id, first_dt,
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
      w_str (&gtw, "],\n");
      write_images (&gtw, sizes, params->n_images);
      w_str (&gtw, "}\n");
      w_str (&dtw, "]\n");
    }

  st.n_categories = gen.n_categories;
  _precis_synth_scene_clear (&gen);

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
  if (stats != NULL)
    *stats = st;
  return TRUE;
}

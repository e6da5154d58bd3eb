/* precis-format-cvat.c: CVAT for images 1.1 XML (annotations.xml)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read with GMarkup. The categories are meta's labels (meta/task/labels/label/name,
 * or meta/project/…) in their order, ids 1…K; without them, the shapes' labels
 * in order of appearance. Each <image id name width height> is image id + 1 (as
 * CVAT's own COCO export numbers them); its shapes become annotations:
 *   box xtl ytl xbr ybr         → bbox [xtl, ytl, xbr − xtl, ybr − ytl]
 *   polygon points="x,y;x,y;…"  → a polygon
 *   polyline points             → our polyline extension
 *   points points               → keypoints of the label (K = the most points
 *                                 any shape of the label has; fewer are padded
 *                                 with v = 0; a given point has v = 2)
 *   mask rle left top width height → an RLE mask (CVAT's run lengths, row-major
 *                                 inside the box, background first)
 * The attribute `is_crowd` (CVAT's name for COCO's iscrowd) = 1 or true makes a
 * crowd region; `score` gives a prediction's confidence (1 without it).
 */

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "precis-format-private.h"

typedef enum { SHAPE_BOX, SHAPE_POLYGON, SHAPE_POLYLINE, SHAPE_POINTS, SHAPE_MASK, N_SHAPES } ShapeKind;

static const char *const shape_names[N_SHAPES] = { "box", "polygon", "polyline", "points", "mask" };

typedef struct {
  ShapeKind kind;
  guint     image;       /* index into CvatReader.images */
  guint     label;       /* index into CvatReader.labels */
  GArray   *coords;      /* doubles: box x0 y0 x1 y1; points x y …; mask: run lengths */
  double    mask_box[4]; /* left, top, width, height */
  double    score;
  gboolean  crowd;
} Shape;

typedef struct {
  gint64 id;
  char  *name;
  guint  width, height;
} CvatImage;

typedef struct {
  FormatErrors *errors;
  GPtrArray    *stack;
  GString      *text;
  GString      *path;
  GPtrArray    *labels;      /* char* */
  gboolean      meta_labels; /* labels come from meta */
  GArray       *images;      /* CvatImage */
  GArray       *shapes;      /* Shape */
  guint         n_images_seen;
  guint         kind_count[N_SHAPES];
  Shape        *current;     /* the shape whose attributes are being read */
  char         *attribute;   /* the current <attribute name> */
  gboolean      in_shape;
} CvatReader;

static void
shape_clear (gpointer p)
{
  Shape *s = p;

  g_clear_pointer (&s->coords, g_array_unref);
}

static void
image_clear (gpointer p)
{
  g_free (((CvatImage *) p)->name);
}

static const char *
attr (const char **names,
      const char **values,
      const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static const char *
shape_path (CvatReader *r,
            ShapeKind   kind)
{
  g_string_printf (r->path, "annotations/image[%u]/%s[%u]", r->n_images_seen, shape_names[kind], r->kind_count[kind]);
  return r->path->str;
}

static gboolean
parse_number (const char *s,
              double     *out)
{
  char *end = NULL;

  if (s == NULL)
    return FALSE;
  errno = 0;
  *out = g_ascii_strtod (s, &end);
  return end != s && *end == '\0' && errno != ERANGE && isfinite (*out);
}

static guint
find_label (CvatReader *r,
            const char *name)
{
  for (guint i = 0; i < r->labels->len; i++)
    if (g_str_equal (r->labels->pdata[i], name))
      return i;
  if (r->meta_labels)
    return G_MAXUINT;
  g_ptr_array_add (r->labels, g_strdup (name));
  return r->labels->len - 1;
}

/* "x,y;x,y;…" into @coords; FALSE on a bad number. */
static gboolean
parse_points (const char *points,
              GArray     *coords)
{
  g_auto(GStrv) pairs = g_strsplit (points, ";", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) xy = g_strsplit (pairs[i], ",", -1);
      double x, y;

      if (g_strv_length (xy) != 2 || !parse_number (g_strstrip (xy[0]), &x) || !parse_number (g_strstrip (xy[1]), &y))
        return FALSE;
      g_array_append_val (coords, x);
      g_array_append_val (coords, y);
    }
  return coords->len > 0;
}

static gboolean
parse_shape_geometry (CvatReader  *r,
                      Shape       *s,
                      const char **names,
                      const char **values)
{
  static const char *const box_attrs[4] = { "xtl", "ytl", "xbr", "ybr" };
  static const char *const mask_attrs[4] = { "left", "top", "width", "height" };
  const char *path = shape_path (r, s->kind);

  switch (s->kind)
    {
    case SHAPE_BOX:
      for (guint i = 0; i < 4; i++)
        {
          double v;

          if (!parse_number (attr (names, values, box_attrs[i]), &v))
            {
              _precis_format_errors_add (r->errors, 0, 0, _("%s: attribute “%s”: expected a number"), path, box_attrs[i]);
              return FALSE;
            }
          g_array_append_val (s->coords, v);
        }
      if (g_array_index (s->coords, double, 2) < g_array_index (s->coords, double, 0) ||
          g_array_index (s->coords, double, 3) < g_array_index (s->coords, double, 1))
        {
          _precis_format_errors_add (r->errors, 0, 0, _("%s: xbr < xtl or ybr < ytl"), path);
          return FALSE;
        }
      return TRUE;
    case SHAPE_MASK:
      for (guint i = 0; i < 4; i++)
        if (!parse_number (attr (names, values, mask_attrs[i]), &s->mask_box[i]) || s->mask_box[i] < 0 ||
            s->mask_box[i] != floor (s->mask_box[i]))
          {
            _precis_format_errors_add (r->errors, 0, 0, _("%s: attribute “%s”: expected a whole number ≥ 0"), path, mask_attrs[i]);
            return FALSE;
          }
      {
        g_auto(GStrv) runs = g_strsplit (attr (names, values, "rle") != NULL ? attr (names, values, "rle") : "", ",", -1);
        double total = 0;

        for (guint i = 0; runs[i] != NULL; i++)
          {
            double v;

            if (!parse_number (g_strstrip (runs[i]), &v) || v < 0 || v != floor (v))
              {
                _precis_format_errors_add (r->errors, 0, 0, _("%s: attribute “rle”: expected whole numbers ≥ 0 separated by commas"), path);
                return FALSE;
              }
            total += v;
            g_array_append_val (s->coords, v);
          }
        if (total != s->mask_box[2] * s->mask_box[3])
          {
            _precis_format_errors_add (r->errors, 0, 0, _("%s: the runs of “rle” cover %.0f pixels, the box %.0f × %.0f"),
                                       path, total, s->mask_box[2], s->mask_box[3]);
            return FALSE;
          }
      }
      return TRUE;
    default:
      if (attr (names, values, "points") == NULL || !parse_points (attr (names, values, "points"), s->coords) ||
          (s->kind == SHAPE_POLYGON && s->coords->len < 6) || (s->kind == SHAPE_POLYLINE && s->coords->len < 4))
        {
          _precis_format_errors_add (r->errors, 0, 0, _("%s: attribute “points”: expected “x,y;x,y;…” (%s)"), path,
                                     s->kind == SHAPE_POLYGON ? _("3 points or more")
                                       : s->kind == SHAPE_POLYLINE ? _("2 points or more") : _("1 point or more"));
          return FALSE;
        }
      return TRUE;
    }
}

static void
start_shape (CvatReader  *r,
             ShapeKind    kind,
             const char **names,
             const char **values)
{
  Shape s = { kind, r->images->len - 1, 0, g_array_new (FALSE, FALSE, sizeof (double)), { 0, }, 1.0, FALSE };
  const char *label = attr (names, values, "label");

  r->kind_count[kind]++;
  r->in_shape = TRUE;
  r->current = NULL;
  if (label == NULL || (s.label = find_label (r, label)) == G_MAXUINT)
    {
      _precis_format_errors_add (r->errors, 0, 0, label == NULL ? _("%s: no attribute “label”") : _("%s: the label “%s” is not in meta's labels"),
                                 shape_path (r, kind), label);
      g_array_unref (s.coords);
      return;
    }
  if (!parse_shape_geometry (r, &s, names, values))
    {
      g_array_unref (s.coords);
      return;
    }
  g_array_append_val (r->shapes, s);
  r->current = &g_array_index (r->shapes, Shape, r->shapes->len - 1);
}

static void
start_image (CvatReader  *r,
             const char **names,
             const char **values)
{
  CvatImage img = { 0, };
  double id, w, h;

  r->n_images_seen++;
  memset (r->kind_count, 0, sizeof r->kind_count);
  g_string_printf (r->path, "annotations/image[%u]", r->n_images_seen);
  if (!parse_number (attr (names, values, "id"), &id) || id < 0 || id != floor (id) || id >= PRECIS_MAX_EXACT_DOUBLE ||
      attr (names, values, "name") == NULL ||
      !parse_number (attr (names, values, "width"), &w) || !parse_number (attr (names, values, "height"), &h) ||
      w < 1 || h < 1 || w > PRECIS_MAX_IMAGE_SIDE || h > PRECIS_MAX_IMAGE_SIDE || w != floor (w) || h != floor (h))
    {
      _precis_format_errors_add (r->errors, 0, 0, _("%s: expected the attributes id (a whole number ≥ 0), name, width and height (whole pixels)"),
                                 r->path->str);
      img.id = -1;   /* its shapes are read and dropped */
    }
  else
    {
      img.id = (gint64) id + 1;
      img.name = g_strdup (attr (names, values, "name"));
      img.width = w;
      img.height = h;
    }
  g_array_append_val (r->images, img);
}

static gboolean
path_ends (CvatReader *r,
           const char *a,
           const char *b)
{
  guint n = r->stack->len;

  return n >= 2 && g_str_equal (r->stack->pdata[n - 2], a) && g_str_equal (r->stack->pdata[n - 1], b);
}

static void
on_start (GMarkupParseContext *context,
          const char          *element,
          const char         **names,
          const char         **values,
          gpointer             user_data,
          GError             **error)
{
  CvatReader *r = user_data;

  g_ptr_array_add (r->stack, g_strdup (element));
  g_string_truncate (r->text, 0);
  if (r->stack->len == 2 && g_str_equal (element, "image"))
    start_image (r, names, values);
  else if (r->stack->len == 3 && g_str_equal (r->stack->pdata[1], "image"))
    {
      for (guint k = 0; k < N_SHAPES; k++)
        if (g_str_equal (element, shape_names[k]))
          start_shape (r, k, names, values);
    }
  else if (r->in_shape && g_str_equal (element, "attribute"))
    {
      g_free (r->attribute);
      r->attribute = g_strdup (attr (names, values, "name"));
    }
}

static void
on_text (GMarkupParseContext *context,
         const char          *text,
         gsize                len,
         gpointer             user_data,
         GError             **error)
{
  g_string_append_len (((CvatReader *) user_data)->text, text, len);
}

static void
on_end (GMarkupParseContext *context,
        const char          *element,
        gpointer             user_data,
        GError             **error)
{
  CvatReader *r = user_data;
  g_autofree char *text = g_strstrip (g_strdup (r->text->str));

  if (path_ends (r, "label", "name") && r->stack->len >= 4 && g_str_equal (r->stack->pdata[1], "meta") &&
      g_str_equal (r->stack->pdata[r->stack->len - 3], "labels"))
    {
      r->meta_labels = TRUE;
      g_ptr_array_add (r->labels, g_strdup (text));
    }
  else if (r->in_shape && g_str_equal (element, "attribute") && r->current != NULL && r->attribute != NULL)
    {
      if (g_str_equal (r->attribute, "is_crowd"))
        r->current->crowd = g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0;
      else if (g_str_equal (r->attribute, "score") && !parse_number (text, &r->current->score))
        _precis_format_errors_add (r->errors, 0, 0, _("%s/attribute “score”: expected a number, found “%s”"),
                                   shape_path (r, r->current->kind), text);
    }
  else if (r->stack->len == 3 && g_str_equal (r->stack->pdata[1], "image"))
    {
      r->in_shape = FALSE;
      r->current = NULL;
    }
  g_string_truncate (r->text, 0);
  g_ptr_array_set_size (r->stack, r->stack->len - 1);
}

static const GMarkupParser cvat_parser = { on_start, on_end, on_text, NULL, NULL };

static void
reader_init (CvatReader   *r,
             FormatErrors *errors)
{
  memset (r, 0, sizeof *r);
  r->errors = errors;
  r->stack = g_ptr_array_new_with_free_func (g_free);
  r->text = g_string_new (NULL);
  r->path = g_string_new (NULL);
  r->labels = g_ptr_array_new_with_free_func (g_free);
  r->images = g_array_new (FALSE, TRUE, sizeof (CvatImage));
  g_array_set_clear_func (r->images, image_clear);
  r->shapes = g_array_new (FALSE, TRUE, sizeof (Shape));
  g_array_set_clear_func (r->shapes, shape_clear);
}

static void
reader_clear (CvatReader *r)
{
  g_ptr_array_unref (r->stack);
  g_string_free (r->text, TRUE);
  g_string_free (r->path, TRUE);
  g_ptr_array_unref (r->labels);
  g_array_unref (r->images);
  g_array_unref (r->shapes);
  g_free (r->attribute);
}

/* Parses @file; its problems go to @r's list. */
static void
read_file (CvatReader *r,
           GFile      *file)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = _precis_loader_display_name (file);
  gsize len;

  _precis_format_errors_file (r->errors, display);
  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, &local_error))
    {
      _precis_format_errors_add (r->errors, 0, 0, "%s", local_error->message);
      return;
    }
  context = g_markup_parse_context_new (&cvat_parser, 0, r, NULL);
  if (!g_markup_parse_context_parse (context, contents, len, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      _precis_format_markup_error (r->errors, context, local_error);
    }
}

/* The biggest box a mask may have (its pixels are expanded once). */
#define MAX_MASK_BOX_PIXELS ((guint64) 1 << 26)

typedef struct {
  GArray  *counts;
  guint8   value;   /* of the current run */
  guint32  run;
} Runs;

static void
runs_push (Runs    *r,
           guint8   value,
           guint32  n)
{
  if (n == 0)
    return;
  if (value != r->value)
    {
      g_array_append_val (r->counts, r->run);
      r->run = 0;
      r->value = value;
    }
  r->run += n;
}

/* CVAT's runs (row-major inside the box, background first) as COCO's
 * uncompressed counts (column-major over the image); NULL when the box leaves
 * the image or is too large. Only the box is expanded. */
static guint32 *
mask_counts (const Shape     *s,
             const CvatImage *img,
             guint           *n_counts)
{
  guint left = s->mask_box[0], top = s->mask_box[1], bw = s->mask_box[2], bh = s->mask_box[3];
  g_autofree guint8 *box = NULL;
  Runs runs = { NULL, 0, 0 };
  guint64 p = 0;

  if ((guint64) left + bw > img->width || (guint64) top + bh > img->height ||
      (guint64) bw * bh > MAX_MASK_BOX_PIXELS)
    return NULL;
  box = g_malloc0 ((gsize) bw * bh + 1);
  for (guint i = 0; i < s->coords->len; i++)
    {
      guint64 n = (guint64) g_array_index (s->coords, double, i);

      if (i % 2 == 1)
        memset (box + p, 1, n);
      p += n;
    }
  runs.counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint x = 0; x < img->width; x++)
    {
      if (x < left || x >= left + bw)
        {
          runs_push (&runs, 0, img->height);
          continue;
        }
      runs_push (&runs, 0, top);
      for (guint y = 0; y < bh; y++)
        runs_push (&runs, box[(gsize) y * bw + (x - left)], 1);
      runs_push (&runs, 0, img->height - top - bh);
    }
  g_array_append_val (runs.counts, runs.run);
  *n_counts = runs.counts->len;
  return (guint32 *) (gpointer) g_array_free (runs.counts, FALSE);
}

/* One shape as a COCO item in @text; @n_kpt the keypoints of its category. */
static void
emit_shape (CvatReader      *r,
            CocoText        *text,
            const Shape     *s,
            gint64           id,
            gint64           image_id,
            gint64           category_id,
            guint            n_kpt)
{
  const CvatImage *img = &g_array_index (r->images, CvatImage, s->image);
  const double *c = (const double *) (gpointer) s->coords->data;
  CocoItem item = { .id = id, .image_id = image_id, .category_id = category_id, .score = s->score, .iscrowd = s->crowd };
  g_autofree double *kps = NULL;
  g_autofree guint32 *counts = NULL;
  double bbox[4];

  switch (s->kind)
    {
    case SHAPE_BOX:
      bbox[0] = c[0], bbox[1] = c[1], bbox[2] = c[2] - c[0], bbox[3] = c[3] - c[1];
      item.bbox = bbox;
      break;
    case SHAPE_POLYGON:
      item.ring = c;
      item.n_ring = s->coords->len;
      /* GT: the polygon's extent, as CVAT's COCO export gives it; results: from the mask. */
      if (id > 0)
        {
          double x0 = c[0], y0 = c[1], x1 = c[0], y1 = c[1];

          for (guint i = 0; i + 1 < s->coords->len; i += 2)
            {
              x0 = MIN (x0, c[i]), x1 = MAX (x1, c[i]);
              y0 = MIN (y0, c[i + 1]), y1 = MAX (y1, c[i + 1]);
            }
          bbox[0] = x0, bbox[1] = y0, bbox[2] = x1 - x0, bbox[3] = y1 - y0;
          item.bbox = bbox;
        }
      break;
    case SHAPE_POLYLINE:
      item.line = c;
      item.n_line = s->coords->len;
      break;
    case SHAPE_POINTS:
      kps = g_new0 (double, 3 * n_kpt);
      for (guint k = 0; k < n_kpt && 2 * k < s->coords->len; k++)
        {
          kps[3 * k] = c[2 * k];
          kps[3 * k + 1] = c[2 * k + 1];
          kps[3 * k + 2] = 2;
        }
      item.keypoints = kps;
      item.n_keypoints = n_kpt;
      break;
    case SHAPE_MASK:
    default:
      counts = mask_counts (s, img, &item.n_counts);
      if (counts == NULL)
        {
          _precis_format_errors_add (r->errors, 0, 0, _("a mask of “%s” lies outside the image, or its box has more than %" PRIu64 " pixels"),
                                     img->name, MAX_MASK_BOX_PIXELS);
          return;
        }
      item.counts = counts;
      item.rle_width = img->width;
      item.rle_height = img->height;
      break;
    }
  _precis_coco_text_item (text, &item);
}

static guint *
keypoint_counts (CvatReader *r)
{
  guint *n_kpt = g_new0 (guint, r->labels->len + 1);

  for (guint i = 0; i < r->shapes->len; i++)
    {
      const Shape *s = &g_array_index (r->shapes, Shape, i);

      if (s->kind == SHAPE_POINTS)
        n_kpt[s->label] = MAX (n_kpt[s->label], s->coords->len / 2);
    }
  return n_kpt;
}

gboolean
_precis_cvat_read_gt (GFile         *file,
                      char         **coco,
                      GFile        **images_dir,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) images = g_file_get_child (parent, "images");
  g_autofree guint *n_kpt = NULL;
  FormatErrors errors;
  CvatReader r;
  CocoText text;

  *coco = NULL;
  *images_dir = NULL;
  _precis_format_errors_init (&errors);
  reader_init (&r, &errors);
  read_file (&r, file);
  n_kpt = keypoint_counts (&r);

  _precis_coco_text_init_gt (&text);
  for (guint i = 0; i < r.images->len; i++)
    {
      const CvatImage *img = &g_array_index (r.images, CvatImage, i);

      if (img->id >= 0)
        _precis_coco_text_image (&text, img->id, img->name, img->width, img->height);
    }
  _precis_coco_text_next_list (&text, "categories");
  for (guint c = 0; c < r.labels->len; c++)
    _precis_coco_text_category (&text, c + 1, r.labels->pdata[c], n_kpt[c]);
  _precis_coco_text_next_list (&text, "annotations");
  for (guint i = 0; i < r.shapes->len; i++)
    {
      const Shape *s = &g_array_index (r.shapes, Shape, i);
      const CvatImage *img = &g_array_index (r.images, CvatImage, s->image);

      if (img->id >= 0)
        emit_shape (&r, &text, s, i + 1, img->id, s->label + 1, n_kpt[s->label]);
    }

  if (_precis_format_errors_finish (&errors, error))
    {
      *coco = _precis_coco_text_finish (&text);
      if (g_file_query_file_type (images, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
        *images_dir = g_object_ref (images);
    }
  _precis_coco_text_clear (&text);
  reader_clear (&r);
  _precis_format_errors_clear (&errors);
  return *coco != NULL;
}

char *
_precis_cvat_read_results (PrecisDataset *dataset,
                           GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  FormatErrors errors;
  CvatReader r;
  CocoText text;
  char *coco = NULL;

  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    if (precis_dataset_get_image (dataset, i)->file_name != NULL)
      g_hash_table_insert (by_name, precis_dataset_get_image (dataset, i)->file_name, GUINT_TO_POINTER (i + 1));

  _precis_format_errors_init (&errors);
  reader_init (&r, &errors);
  read_file (&r, file);
  _precis_coco_text_init_results (&text);
  for (guint i = 0; i < r.shapes->len; i++)
    {
      const Shape *s = &g_array_index (r.shapes, Shape, i);
      const CvatImage *img = &g_array_index (r.images, CvatImage, s->image);
      guint index = img->name != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (by_name, img->name)) : 0;
      guint32 cat = _precis_format_find_category (dataset, r.labels->pdata[s->label]);

      if (img->id < 0)
        continue;
      if (index == 0)
        _precis_format_errors_add (&errors, 0, 0, _("no image of the ground truth is named “%s”"), img->name);
      else if (cat == PRECIS_NO_INDEX)
        _precis_format_errors_add (&errors, 0, 0, _("the ground truth has no class named “%s”"),
                                   (const char *) r.labels->pdata[s->label]);
      else
        {
          const PrecisCategory *category = precis_dataset_get_category (dataset, cat);
          CvatImage *gt_img = &g_array_index (r.images, CvatImage, s->image);

          /* A prediction's mask is sized by the GT image. */
          gt_img->width = precis_dataset_get_image (dataset, index - 1)->width;
          gt_img->height = precis_dataset_get_image (dataset, index - 1)->height;
          emit_shape (&r, &text, s, 0, precis_dataset_get_image (dataset, index - 1)->id, category->id,
                      category->n_keypoints);
        }
    }
  if (_precis_format_errors_finish (&errors, error))
    coco = _precis_coco_text_finish (&text);
  _precis_coco_text_clear (&text);
  reader_clear (&r);
  _precis_format_errors_clear (&errors);
  return coco;
}

/* precis-loader-shapes.c: the shapes of one annotation: bbox, segmentation (polygons, RLE), keypoints, polyline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include "precis-loader-private.h"
#include "precis-polyline.h"
#include "precis-rle.h"

/* "annotations[12].bbox[2]" or "[12].bbox[2]" */
char *
_precis_loader_ann_path (Loader     *ld,
                         guint       index,
                         const char *member)
{
  if (member == NULL)
    return g_strdup_printf ("%s[%u]", ld->array, index);

  return g_strdup_printf ("%s[%u].%s", ld->array, index, member);
}

void
_precis_loader_ann_error (Loader     *ld,
                          guint       index,
                          const char *member,
                          int         code,
                          const char *format,
                          ...)
{
  g_autofree char *path = NULL;
  g_autofree char *problem = NULL;
  va_list args;

  if (ld->error != NULL)
    return;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  path = _precis_loader_ann_path (ld, index, member);
  _precis_loader_set_error (&ld->error, ld->display, code, path, "%s", problem);
}

void
_precis_loader_number_error (Loader     *ld,
                             guint       index,
                             const char *member,
                             NumStatus   status,
                             JsonNode   *node)
{
  g_autofree char *path = _precis_loader_ann_path (ld, index, member);

  _precis_loader_set_number_error (&ld->error, ld->display, path, status, node);
}

/* Reads a flat list of numbers into the coordinate pool as one ring. */
static gboolean
read_ring (Loader     *ld,
           guint       index,
           const char *member,     /* "segmentation" or "polyline" */
           guint       ring,
           JsonNode   *node,
           guint       min_points)
{
  Builder *b = &ld->builder;
  JsonArray *array;
  guint len;
  guint64 start = b->coords->len;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      g_autofree char *m = g_strdup_printf ("%s[%u]", member, ring);

      _precis_loader_ann_error (ld, index, m, PRECIS_DATASET_ERROR_TYPE,
                                _("expected a list of coordinates [x1, y1, x2, y2, …], found %s"),
                                _precis_loader_describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);

  if (len % 2 != 0)
    {
      g_autofree char *m = g_strdup_printf ("%s[%u]", member, ring);

      _precis_loader_ann_error (ld, index, m, PRECIS_DATASET_ERROR_GEOMETRY,
                                _("odd number of coordinates (%u): expected x, y pairs"), len);
      return FALSE;
    }

  if (len / 2 < min_points)
    {
      g_autofree char *m = g_strdup_printf ("%s[%u]", member, ring);

      _precis_loader_ann_error (ld, index, m, PRECIS_DATASET_ERROR_GEOMETRY,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u point: at least %u are needed",
                                             "%u points: at least %u are needed", len / 2),
                                len / 2, min_points);
      return FALSE;
    }

  g_array_set_size (b->coords, start + len);
  for (guint k = 0; k < len; k++)
    {
      JsonNode *v = json_array_get_element (array, k);
      NumStatus st = get_number (v, &g_array_index (b->coords, double, start + k));

      if (st != NUM_OK)
        {
          g_autofree char *m = g_strdup_printf ("%s[%u][%u]", member, ring, k);

          _precis_loader_number_error (ld, index, m, st, v);
          return FALSE;
        }
    }

  g_array_append_val (b->ring_start, start);
  g_array_append_val (b->ring_len, len);

  return TRUE;
}

gboolean
_precis_loader_read_bbox (Loader   *ld,
                          guint     index,
                          JsonNode *node,
                          Ann      *a)
{
  JsonArray *array;
  guint len;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      _precis_loader_ann_error (ld, index, "bbox", PRECIS_DATASET_ERROR_TYPE,
                                _("expected a list [x, y, width, height], found %s"), _precis_loader_describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);
  if (len == 0)
    return TRUE;   /* pycocotools treats [] as no box */

  if (len != 4)
    {
      _precis_loader_ann_error (ld, index, "bbox", PRECIS_DATASET_ERROR_GEOMETRY,
                                _("expected 4 numbers [x, y, width, height], found %u"), len);
      return FALSE;
    }

  for (guint k = 0; k < 4; k++)
    {
      JsonNode *v = json_array_get_element (array, k);
      NumStatus st = get_number (v, &a->bbox[k]);

      if (st != NUM_OK)
        {
          g_autofree char *m = g_strdup_printf ("bbox[%u]", k);

          _precis_loader_number_error (ld, index, m, st, v);
          return FALSE;
        }
    }

  if (a->bbox[2] < 0)
    {
      _precis_loader_ann_error (ld, index, "bbox[2]", PRECIS_DATASET_ERROR_VALUE,
                                _("width is negative (%g)"), a->bbox[2]);
      return FALSE;
    }
  if (a->bbox[3] < 0)
    {
      _precis_loader_ann_error (ld, index, "bbox[3]", PRECIS_DATASET_ERROR_VALUE,
                                _("height is negative (%g)"), a->bbox[3]);
      return FALSE;
    }

  a->file_bbox = TRUE;
  a->has |= PRECIS_HAS_BBOX;
  return TRUE;
}

static gboolean
read_rle (Loader     *ld,
          guint       index,
          JsonObject *obj,
          Ann        *a)
{
  Builder *b = &ld->builder;
  const PrecisImage *img = &ld->dataset->images[a->image];
  JsonNode *size = get_member (obj, "size");
  JsonNode *counts = get_member (obj, "counts");
  JsonArray *size_array;
  gint64 hw[2];
  guint64 total;

  if (size == NULL)
    {
      _precis_loader_ann_error (ld, index, "segmentation.size", PRECIS_DATASET_ERROR_MISSING,
                                _("required member is missing: an RLE mask needs its [height, width]"));
      return FALSE;
    }
  if (counts == NULL)
    {
      _precis_loader_ann_error (ld, index, "segmentation.counts", PRECIS_DATASET_ERROR_MISSING,
                                _("required member is missing"));
      return FALSE;
    }

  if (JSON_NODE_TYPE (size) != JSON_NODE_ARRAY ||
      json_array_get_length (size_array = json_node_get_array (size)) != 2 ||
      !get_integer (json_array_get_element (size_array, 0), &hw[0]) ||
      !get_integer (json_array_get_element (size_array, 1), &hw[1]))
    {
      _precis_loader_ann_error (ld, index, "segmentation.size", PRECIS_DATASET_ERROR_TYPE,
                                _("expected two integers [height, width]"));
      return FALSE;
    }

  if (hw[0] != img->height || hw[1] != img->width)
    {
      _precis_loader_ann_error (ld, index, "segmentation.size", PRECIS_DATASET_ERROR_GEOMETRY,
                                _("[%" PRId64 ", %" PRId64 "] differs from the image’s "
                                  "[height, width] [%u, %u]"),
                                hw[0], hw[1], img->height, img->width);
      return FALSE;
    }

  total = (guint64) img->height * img->width;
  a->segm_kind = PRECIS_SEGM_RLE;
  a->segm_start = b->counts->len;

  if (JSON_NODE_TYPE (counts) == JSON_NODE_VALUE &&
      json_node_get_value_type (counts) == G_TYPE_STRING)
    {
      g_autoptr(GError) rle_error = NULL;
      PrecisRle rle = PRECIS_RLE_INIT;
      const char *str = json_node_get_string (counts);

      if (!precis_rle_from_string (&rle, str, strlen (str), img->height, img->width, &rle_error) ||
          !precis_rle_validate (&rle, &rle_error))
        {
          _precis_loader_ann_error (ld, index, "segmentation.counts", PRECIS_DATASET_ERROR_GEOMETRY,
                                    "%s", rle_error->message);
          precis_rle_clear (&rle);
          return FALSE;
        }
      g_array_append_vals (b->counts, rle.cnts, rle.m);
      a->segm_len = rle.m;
      precis_rle_clear (&rle);
    }
  else if (JSON_NODE_TYPE (counts) == JSON_NODE_ARRAY)
    {
      JsonArray *array = json_node_get_array (counts);
      guint len = json_array_get_length (array);
      guint64 sum = 0;

      for (guint k = 0; k < len; k++)
        {
          JsonNode *v = json_array_get_element (array, k);
          gint64 run;
          guint32 run32;

          if (!get_integer (v, &run) || run < 0 || run > G_MAXUINT32)
            {
              g_autofree char *m = g_strdup_printf ("segmentation.counts[%u]", k);

              _precis_loader_ann_error (ld, index, m, PRECIS_DATASET_ERROR_GEOMETRY,
                                        _("expected a run length (an integer ≥ 0), found %s"), _precis_loader_describe_node (v));
              return FALSE;
            }
          sum += run;
          if (sum > total)
            {
              g_autofree char *m = g_strdup_printf ("segmentation.counts[%u]", k);

              _precis_loader_ann_error (ld, index, m, PRECIS_DATASET_ERROR_GEOMETRY,
                                        _("the runs exceed height × width = %" PRIu64 " pixels"), total);
              return FALSE;
            }
          run32 = (guint32) run;
          g_array_append_val (b->counts, run32);
        }

      if (sum != total)
        {
          _precis_loader_ann_error (ld, index, "segmentation.counts", PRECIS_DATASET_ERROR_GEOMETRY,
                                    _("the runs cover %" PRIu64 " pixels, not height × width = %"
                                      PRIu64), sum, total);
          return FALSE;
        }
      a->segm_len = len;
    }
  else
    {
      _precis_loader_ann_error (ld, index, "segmentation.counts", PRECIS_DATASET_ERROR_TYPE,
                                _("expected a string or a list of run lengths, found %s"), _precis_loader_describe_node (counts));
      return FALSE;
    }

  a->has |= PRECIS_HAS_SEGM;
  return TRUE;
}

gboolean
_precis_loader_read_segmentation (Loader   *ld,
                                  guint     index,
                                  JsonNode *node,
                                  Ann      *a)
{
  Builder *b = &ld->builder;

  if (JSON_NODE_TYPE (node) == JSON_NODE_OBJECT)
    return read_rle (ld, index, json_node_get_object (node), a);

  if (JSON_NODE_TYPE (node) == JSON_NODE_ARRAY)
    {
      JsonArray *rings = json_node_get_array (node);
      guint n_rings = json_array_get_length (rings);

      if (n_rings == 0)
        return TRUE;   /* "segmentation": [] is common for box-only GT */

      a->segm_kind = PRECIS_SEGM_POLYGON;
      a->segm_start = b->ring_len->len;
      a->segm_len = n_rings;
      for (guint r = 0; r < n_rings; r++)
        if (!read_ring (ld, index, "segmentation", r, json_array_get_element (rings, r), 3))
          return FALSE;

      a->has |= PRECIS_HAS_SEGM;
      return TRUE;
    }

  _precis_loader_ann_error (ld, index, "segmentation", PRECIS_DATASET_ERROR_TYPE,
                            _("expected a list of polygons or an RLE object, found %s"), _precis_loader_describe_node (node));
  return FALSE;
}

gboolean
_precis_loader_read_polyline (Loader   *ld,
                              guint     index,
                              JsonNode *node,
                              Ann      *a)
{
  Builder *b = &ld->builder;
  JsonArray *lines;
  guint n_lines;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      _precis_loader_ann_error (ld, index, "polyline", PRECIS_DATASET_ERROR_TYPE,
                                _("expected a list of polylines [[x1, y1, x2, y2, …], …], found %s"),
                                _precis_loader_describe_node (node));
      return FALSE;
    }

  lines = json_node_get_array (node);
  n_lines = json_array_get_length (lines);
  if (n_lines == 0)
    return TRUE;

  a->line_start = b->ring_len->len;
  a->line_len = n_lines;
  for (guint r = 0; r < n_lines; r++)
    if (!read_ring (ld, index, "polyline", r, json_array_get_element (lines, r), 2))
      return FALSE;

  a->has |= PRECIS_HAS_POLYLINE;
  return TRUE;
}

gboolean
_precis_loader_read_keypoints (Loader   *ld,
                               guint     index,
                               JsonNode *node,
                               Ann      *a)
{
  Builder *b = &ld->builder;
  const PrecisCategory *cat = &ld->dataset->categories[a->category];
  JsonArray *array;
  guint len;
  guint start = b->keypoints->len;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      _precis_loader_ann_error (ld, index, "keypoints", PRECIS_DATASET_ERROR_TYPE,
                                _("expected a list [x1, y1, v1, …], found %s"), _precis_loader_describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);
  if (len == 0)
    return TRUE;

  if (cat->n_keypoints > 0 && len != 3 * cat->n_keypoints)
    {
      _precis_loader_ann_error (ld, index, "keypoints", PRECIS_DATASET_ERROR_GEOMETRY,
                                _("%u values, but category %" PRId64 " has %u keypoints (3 × %u = %u values)"),
                                len, cat->id, cat->n_keypoints, cat->n_keypoints, 3 * cat->n_keypoints);
      return FALSE;
    }
  if (len % 3 != 0)
    {
      _precis_loader_ann_error (ld, index, "keypoints", PRECIS_DATASET_ERROR_GEOMETRY,
                                _("%u values: expected x, y, v triples"), len);
      return FALSE;
    }
  if (len / 3 > PRECIS_MAX_KEYPOINTS)
    {
      _precis_loader_ann_error (ld, index, "keypoints", PRECIS_DATASET_ERROR_LIMIT,
                                _("more than %d keypoints"), PRECIS_MAX_KEYPOINTS);
      return FALSE;
    }

  g_array_set_size (b->keypoints, start + len);
  for (guint k = 0; k < len; k++)
    {
      JsonNode *v = json_array_get_element (array, k);
      NumStatus st = get_number (v, &g_array_index (b->keypoints, double, start + k));

      if (st != NUM_OK)
        {
          g_autofree char *m = g_strdup_printf ("keypoints[%u]", k);

          _precis_loader_number_error (ld, index, m, st, v);
          return FALSE;
        }
    }

  a->kp_start = start;
  a->n_kp = len / 3;
  a->has |= PRECIS_HAS_KEYPOINTS;
  return TRUE;
}

/* The mask of a polygon or RLE segmentation at the image's size. */
void
_precis_loader_segm_mask (Loader            *ld,
                          const Ann         *a,
                          const PrecisImage *img,
                          PrecisRle         *out)
{
  Builder *b = &ld->builder;

  if (a->segm_kind == PRECIS_SEGM_RLE)
    {
      precis_rle_init (out, img->height, img->width, a->segm_len);
      memcpy (out->cnts, &g_array_index (b->counts, guint32, a->segm_start),
              sizeof (guint32) * a->segm_len);
    }
  else
    {
      g_autofree PrecisRle *parts = g_new0 (PrecisRle, a->segm_len);

      for (guint r = 0; r < a->segm_len; r++)
        {
          guint ring = a->segm_start + r;
          guint64 start = g_array_index (b->ring_start, guint64, ring);

          precis_rle_from_polygon (&parts[r], &g_array_index (b->coords, double, start),
                                   g_array_index (b->ring_len, guint32, ring),
                                   img->height, img->width);
        }
      precis_rle_merge (out, parts, a->segm_len, FALSE);
      for (guint r = 0; r < a->segm_len; r++)
        precis_rle_clear (&parts[r]);
    }
}

void
_precis_loader_polyline_band (Loader            *ld,
                              const Ann         *a,
                              const PrecisImage *img,
                              PrecisRle         *out)
{
  Builder *b = &ld->builder;

  g_ptr_array_set_size (ld->lines, 0);
  g_array_set_size (ld->line_lengths, 0);
  for (guint r = 0; r < a->line_len; r++)
    {
      guint ring = a->line_start + r;
      guint64 start = g_array_index (b->ring_start, guint64, ring);
      gsize n_coords = g_array_index (b->ring_len, guint32, ring);

      g_ptr_array_add (ld->lines, &g_array_index (b->coords, double, start));
      g_array_append_val (ld->line_lengths, n_coords);
    }

  precis_polyline_band_rle (out, (const double * const *) ld->lines->pdata,
                            (const gsize *) (gpointer) ld->line_lengths->data, a->line_len,
                            precis_polyline_default_width (img->width, img->height),
                            img->height, img->width);
}

/* loadRes: the extent of all keypoints, zeros included. */
void
_precis_loader_keypoint_extent (Loader *ld,
                                Ann    *a)
{
  const double *kp = &g_array_index (ld->builder.keypoints, double, a->kp_start);
  double x0 = kp[0], x1 = kp[0], y0 = kp[1], y1 = kp[1];

  for (guint k = 1; k < a->n_kp; k++)
    {
      x0 = MIN (x0, kp[3 * k]);
      x1 = MAX (x1, kp[3 * k]);
      y0 = MIN (y0, kp[3 * k + 1]);
      y1 = MAX (y1, kp[3 * k + 1]);
    }

  a->area = (x1 - x0) * (y1 - y0);
  a->bbox[0] = x0;
  a->bbox[1] = y0;
  a->bbox[2] = x1 - x0;
  a->bbox[3] = y1 - y0;
}

/* The outline of @n_rings rings from @first, clipped to the image: the sum over
 * edges of |dx| + |dy| + 1 (+ @band for a polyline segment), which bounds the
 * rasteriser's steps. Stops counting past PRECIS_MAX_OUTLINE. */
static guint64
outline_length (Loader            *ld,
                const PrecisImage *img,
                guint32            first,
                guint32            n_rings,
                gboolean           closed,
                double             band)
{
  Builder *b = &ld->builder;
  double total = 0;

  for (guint32 r = first; r < first + n_rings && total <= PRECIS_MAX_OUTLINE; r++)
    {
      const double *xy = &g_array_index (b->coords, double, g_array_index (b->ring_start, guint64, r));
      gsize k = g_array_index (b->ring_len, guint32, r) / 2;

      for (gsize j = 0; j < k; j++)
        {
          gsize next = j + 1 < k ? j + 1 : 0;
          double x0, y0, x1, y1;

          if (next == 0 && !closed)
            break;
          x0 = CLAMP (xy[2 * j], 0, img->width);
          y0 = CLAMP (xy[2 * j + 1], 0, img->height);
          x1 = CLAMP (xy[2 * next], 0, img->width);
          y1 = CLAMP (xy[2 * next + 1], 0, img->height);
          total += fabs (x1 - x0) + fabs (y1 - y0) + 1 + band;
        }
    }
  return total > PRECIS_MAX_OUTLINE ? PRECIS_MAX_OUTLINE + 1 : (guint64) total;
}

/* Refuses polygons and polylines that would take unbounded time or memory to
 * rasterise (PRECIS_MAX_OUTLINE, PRECIS_MAX_RING_WORK). */
gboolean
_precis_loader_check_outline (Loader            *ld,
                              guint              index,
                              const Ann         *a,
                              const PrecisImage *img)
{
  struct {
    const char *member;
    guint32     first;
    guint32     n_rings;
    gboolean    closed;
    double      band;
  } shapes[2] = {
    { "segmentation", a->segm_start, a->segm_kind == PRECIS_SEGM_POLYGON ? a->segm_len : 0, TRUE, 0 },
    { "polyline", a->line_start, a->line_len, FALSE,
      precis_polyline_default_width (img->width, img->height) },
  };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      guint64 outline;

      if (shapes[s].n_rings == 0)
        continue;
      outline = outline_length (ld, img, shapes[s].first, shapes[s].n_rings,
                                shapes[s].closed, shapes[s].band);
      if (outline > PRECIS_MAX_OUTLINE)
        {
          _precis_loader_ann_error (ld, index, shapes[s].member, PRECIS_DATASET_ERROR_LIMIT,
                                    _("the outline inside the image is longer than the limit of %" PRIu64 " pixels"),
                                    PRECIS_MAX_OUTLINE);
          return FALSE;
        }
      if (outline * shapes[s].n_rings > PRECIS_MAX_RING_WORK)
        {
          _precis_loader_ann_error (ld, index, shapes[s].member, PRECIS_DATASET_ERROR_LIMIT,
                                    _("%u rings with an outline of %" PRIu64 " pixels exceed the limit of %" PRIu64 " (rings × outline)"),
                                    shapes[s].n_rings, outline, PRECIS_MAX_RING_WORK);
          return FALSE;
        }
    }
  return TRUE;
}

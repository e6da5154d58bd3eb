/* precis-format-coco.c: a dataset written as a COCO project folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gt.json (images, categories with their keypoints and skeleton, every
 * annotation with its bbox, area, iscrowd and geometry: polygons, RLE masks as
 * uncompressed counts, keypoints, polylines), predictions_MODEL.json per model
 * and images/ (copies). It turns a YOLO, VOC, CVAT or Label Studio project into
 * COCO (`precis-cli export --format coco`), and reads back as the same dataset.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "precis-format-private.h"

static void
append_ring (GString                 *s,
             const PrecisAnnotations *anns,
             guint                    r)
{
  const double *xy = &anns->coords[anns->ring_start[r]];

  g_string_append_c (s, '[');
  for (guint i = 0; i < anns->ring_len[r]; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      _precis_format_append_double (s, xy[i]);
    }
  g_string_append_c (s, ']');
}

static void
append_rings (GString                 *s,
              const PrecisAnnotations *anns,
              guint                    first,
              guint                    n)
{
  g_string_append_c (s, '[');
  for (guint r = first; r < first + n; r++)
    {
      if (r > first)
        g_string_append_c (s, ',');
      append_ring (s, anns, r);
    }
  g_string_append_c (s, ']');
}

static void
append_annotation (GString                 *s,
                   PrecisDataset           *dataset,
                   const PrecisAnnotations *anns,
                   guint                    a,
                   gboolean                 results)
{
  const PrecisImage *img = precis_dataset_get_image (dataset, anns->image[a]);

  if (!results)
    g_string_append_printf (s, "{\"id\":%" G_GINT64_FORMAT ",\"iscrowd\":%u,\"area\":", anns->id[a], anns->iscrowd[a]);
  else
    g_string_append (s, "{\"score\":");
  _precis_format_append_double (s, results ? anns->score[a] : anns->area[a]);
  g_string_append_printf (s, ",\"image_id\":%" G_GINT64_FORMAT ",\"category_id\":%" G_GINT64_FORMAT, img->id,
                          precis_dataset_get_category (dataset, anns->category[a])->id);
  /* A result's box was derived from its other geometry (loadRes's branch
   * for the file): leave it out so that it is derived the same way again. */
  if ((anns->has[a] & PRECIS_HAS_BBOX) &&
      !(results && (anns->has[a] & (PRECIS_HAS_SEGM | PRECIS_HAS_KEYPOINTS | PRECIS_HAS_POLYLINE))))
    {
      g_string_append (s, ",\"bbox\":[");
      for (guint k = 0; k < 4; k++)
        {
          if (k > 0)
            g_string_append_c (s, ',');
          _precis_format_append_double (s, anns->bbox[4 * a + k]);
        }
      g_string_append_c (s, ']');
    }
  if (anns->segm_kind[a] == PRECIS_SEGM_POLYGON)
    {
      g_string_append (s, ",\"segmentation\":");
      append_rings (s, anns, anns->segm_start[a], anns->segm_len[a]);
    }
  else if (anns->segm_kind[a] == PRECIS_SEGM_RLE)
    {
      g_string_append_printf (s, ",\"segmentation\":{\"size\":[%u,%u],\"counts\":[", img->height, img->width);
      for (guint c = 0; c < anns->segm_len[a]; c++)
        g_string_append_printf (s, "%s%u", c > 0 ? "," : "", anns->counts[anns->segm_start[a] + c]);
      g_string_append (s, "]}");
    }
  if (anns->line_len[a] > 0)
    {
      g_string_append (s, ",\"polyline\":");
      append_rings (s, anns, anns->line_start[a], anns->line_len[a]);
    }
  if (anns->kp_start[a] != PRECIS_NO_INDEX && (anns->has[a] & PRECIS_HAS_KEYPOINTS))
    {
      const PrecisCategory *cat = precis_dataset_get_category (dataset, anns->category[a]);
      guint n = cat->n_keypoints;

      g_string_append (s, ",\"keypoints\":[");
      for (guint k = 0; k < 3 * n; k++)
        {
          if (k > 0)
            g_string_append_c (s, ',');
          _precis_format_append_double (s, anns->keypoints[anns->kp_start[a] + k]);
        }
      g_string_append_c (s, ']');
      if (!results)
        g_string_append_printf (s, ",\"num_keypoints\":%u", anns->num_keypoints[a]);
    }
  g_string_append_c (s, '}');
}

static void
append_annotations (GString                 *s,
                    PrecisDataset           *dataset,
                    const PrecisAnnotations *anns,
                    gboolean                 results)
{
  /* In the order of the file they came from, so that ids and loadRes's first
   * result stay the same. */
  g_autofree guint *order = g_new (guint, anns->n + 1);

  for (guint a = 0; a < anns->n; a++)
    order[anns->file_index[a]] = a;
  for (guint i = 0; i < anns->n; i++)
    {
      g_string_append (s, i > 0 ? ",\n" : "\n");
      append_annotation (s, dataset, anns, order[i], results);
    }
}

static void
append_category (GString              *s,
                 const PrecisCategory *cat)
{
  g_string_append_printf (s, "{\"id\":%" G_GINT64_FORMAT ",\"name\":", cat->id);
  _precis_format_append_json_string (s, cat->name);
  if (cat->supercategory != NULL)
    {
      g_string_append (s, ",\"supercategory\":");
      _precis_format_append_json_string (s, cat->supercategory);
    }
  if (cat->n_keypoints > 0)
    {
      g_string_append (s, ",\"keypoints\":[");
      for (guint k = 0; k < cat->n_keypoints; k++)
        {
          g_autofree char *fallback = g_strdup_printf ("%u", k);

          if (k > 0)
            g_string_append_c (s, ',');
          _precis_format_append_json_string (s, cat->keypoint_names != NULL ? cat->keypoint_names[k] : fallback);
        }
      g_string_append (s, "],\"skeleton\":[");
      for (guint e = 0; e < cat->n_skeleton; e++)
        g_string_append_printf (s, "%s[%u,%u]", e > 0 ? "," : "", cat->skeleton[2 * e] + 1, cat->skeleton[2 * e + 1] + 1);
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, '}');
}

gboolean
_precis_coco_write (PrecisDataset *dataset,
                    GFile         *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GString) s = g_string_new ("{\"images\":[");

  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      g_autofree char *relative = NULL;

      g_string_append_printf (s, "%s\n{\"id\":%" G_GINT64_FORMAT ",\"width\":%u,\"height\":%u", i > 0 ? "," : "",
                              img->id, img->width, img->height);
      if (img->file_name != NULL)
        {
          g_string_append (s, ",\"file_name\":");
          _precis_format_append_json_string (s, img->file_name);
          relative = g_build_filename ("images", img->file_name, NULL);
          if (!_precis_format_copy_image (img, out, relative, cancellable, error))
            return FALSE;
        }
      g_string_append_c (s, '}');
    }
  g_string_append (s, "],\n\"categories\":[");
  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    {
      g_string_append (s, c > 0 ? ",\n" : "\n");
      append_category (s, precis_dataset_get_category (dataset, c));
    }
  g_string_append (s, "],\n\"annotations\":[");
  append_annotations (s, dataset, precis_dataset_get_ground_truth_annotations (dataset), FALSE);
  g_string_append (s, "]}\n");

  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    {
      g_autoptr(GString) r = g_string_new ("[");
      g_autofree char *name = _precis_format_model_dir (dataset, m);
      g_autofree char *relative = g_strdup_printf ("predictions_%s.json", name);

      append_annotations (r, dataset, precis_dataset_get_predictions (dataset, m), TRUE);
      g_string_append (r, "\n]\n");
      if (!_precis_format_write (out, relative, r->str, r->len, error))
        return FALSE;
    }
  /* Last: a folder with gt.json is a finished project. */
  return _precis_format_write (out, "gt.json", s->str, s->len, error);
}

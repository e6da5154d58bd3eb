/* precis-format-yolo-write.c: a dataset written as an Ultralytics YOLO project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data.yaml (`path: .`, `val: images`, `names` as a map), images/ (copies:
 * YOLO needs the image files for their sizes), labels/ (one file per image)
 * and predictions/MODEL/ (one file per image with predictions, the confidence
 * last). Coordinates are normalised with the shortest exact decimal
 * (precis-format-common.c); docs/FORMATS.md states what YOLO cannot hold.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "precis-format-private.h"

/* ------------------------------------------------------------------------- */
/* Writing                                                                    */

static void
append_normalised (GString *s,
                   double   value,
                   double   size)
{
  g_string_append_c (s, ' ');
  _precis_format_append_double (s, value / size);
}

/* One annotation as a label line; FALSE for what YOLO cannot hold (crowd). */
static gboolean
append_line (GString                 *s,
             PrecisDataset           *dataset,
             const PrecisAnnotations *anns,
             guint                    a,
             gboolean                 results)
{
  const PrecisImage *img = precis_dataset_get_image (dataset, anns->image[a]);
  const PrecisCategory *cat = precis_dataset_get_category (dataset, anns->category[a]);
  double W = img->width, H = img->height;
  const double *b = &anns->bbox[4 * a];

  if (anns->iscrowd[a])
    return FALSE;
  g_string_append_printf (s, "%u", anns->category[a]);
  if (anns->segm_kind[a] == PRECIS_SEGM_POLYGON && anns->segm_len[a] == 1 && cat->n_keypoints == 0)
    {
      guint r = anns->segm_start[a];
      const double *xy = &anns->coords[anns->ring_start[r]];

      for (guint i = 0; i + 1 < anns->ring_len[r]; i += 2)
        {
          append_normalised (s, xy[i], W);
          append_normalised (s, xy[i + 1], H);
        }
    }
  else
    {
      append_normalised (s, b[0] + b[2] / 2, W);
      append_normalised (s, b[1] + b[3] / 2, H);
      append_normalised (s, b[2], W);
      append_normalised (s, b[3], H);
      if (cat->n_keypoints > 0 && anns->kp_start[a] != PRECIS_NO_INDEX)
        {
          const double *kp = &anns->keypoints[anns->kp_start[a]];

          for (guint k = 0; k < cat->n_keypoints; k++)
            {
              append_normalised (s, kp[3 * k], W);
              append_normalised (s, kp[3 * k + 1], H);
              g_string_append_c (s, ' ');
              _precis_format_append_double (s, kp[3 * k + 2]);
            }
        }
    }
  if (results)
    {
      g_string_append_c (s, ' ');
      _precis_format_append_double (s, anns->score[a]);
    }
  g_string_append_c (s, '\n');
  return TRUE;
}

/* Writes one label file per image under @folder (relative to @out). */
static gboolean
write_labels (PrecisDataset           *dataset,
              const PrecisAnnotations *anns,
              gboolean                 results,
              GFile                   *out,
              const char              *folder,
              GError                 **error)
{
  guint n_images = precis_dataset_get_n_images (dataset);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (_precis_format_free_string);

  for (guint i = 0; i < n_images; i++)
    g_ptr_array_add (texts, g_string_new (NULL));
  for (guint a = 0; a < anns->n; a++)
    append_line (texts->pdata[anns->image[a]], dataset, anns, a, results);

  for (guint i = 0; i < n_images; i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      GString *t = texts->pdata[i];
      g_autofree char *stem = NULL;
      g_autofree char *relative = NULL;

      /* Predictions: only images with some; GT: every image, as Ultralytics expects. */
      if (img->file_name == NULL || (results && t->len == 0))
        continue;
      stem = _precis_format_strip_ext (results && strrchr (img->file_name, '/') != NULL
                                         ? strrchr (img->file_name, '/') + 1 : img->file_name);
      relative = g_strdup_printf ("%s/%s.txt", folder, stem);
      if (!_precis_format_write (out, relative, t->str, t->len, error))
        return FALSE;
    }
  return TRUE;
}

static void
append_yaml_string (GString    *s,
                    const char *str)
{
  g_string_append_c (s, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (s, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (s, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

gboolean
_precis_yolo_write (PrecisDataset *dataset,
                    GFile         *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GString) yaml = g_string_new ("# Written by Precis (docs/FORMATS.md, YOLO)\npath: .\nval: images\nnames:\n");
  guint n_kpt = 0;

  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    {
      const PrecisCategory *cat = precis_dataset_get_category (dataset, c);

      g_string_append_printf (yaml, "  %u: ", c);
      append_yaml_string (yaml, cat->name);
      g_string_append_c (yaml, '\n');
      n_kpt = MAX (n_kpt, cat->n_keypoints);
    }
  if (n_kpt > 0)
    g_string_append_printf (yaml, "kpt_shape: [%u, 3]\n", n_kpt);

  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      g_autofree char *relative = NULL;

      if (img->file_name == NULL)
        continue;
      if (img->path == NULL || !img->present)
        {
          g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_IO,
                       _("%s: the image file is missing, and YOLO needs it: its labels are normalised "
                         "to the size read from the file"), img->file_name);
          return FALSE;
        }
      relative = g_build_filename ("images", img->file_name, NULL);
      if (!_precis_format_copy_image (img, out, relative, cancellable, error))
        return FALSE;
    }
  if (!write_labels (dataset, precis_dataset_get_ground_truth_annotations (dataset), FALSE, out, "labels", error))
    return FALSE;
  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    {
      g_autofree char *name = _precis_format_model_dir (dataset, m);
      g_autofree char *folder = g_build_filename ("predictions", name, NULL);

      if (!write_labels (dataset, precis_dataset_get_predictions (dataset, m), TRUE, out, folder, error))
        return FALSE;
    }
  /* Last: a folder with data.yaml is a finished export. */
  return _precis_format_write (out, "data.yaml", yaml->str, yaml->len, error);
}

/* precis-format-cvat-write.c: a dataset written as CVAT for images 1.1 XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * annotations.xml (the ground truth), predictions/MODEL.xml (each model as
 * pre-annotations: source="auto" and a "score" attribute) and images/. A
 * polygon of one ring is a <polygon>, a polyline a <polyline>, anything else
 * its <box>; crowd regions carry the attribute is_crowd (docs/FORMATS.md).
 */

#include "config.h"

#include <string.h>

#include "precis-format-private.h"

/* ------------------------------------------------------------------------- */
/* Writing                                                                    */

static void
append_attr_double (GString    *s,
                    const char *name,
                    double      value)
{
  g_string_append_printf (s, " %s=\"", name);
  _precis_format_append_double (s, value);
  g_string_append_c (s, '"');
}

static void
append_points (GString      *s,
               const double *xy,
               guint         n)
{
  g_string_append (s, " points=\"");
  for (guint i = 0; i + 1 < n; i += 2)
    {
      if (i > 0)
        g_string_append_c (s, ';');
      _precis_format_append_double (s, xy[i]);
      g_string_append_c (s, ',');
      _precis_format_append_double (s, xy[i + 1]);
    }
  g_string_append_c (s, '"');
}

/* One annotation as a shape: a polygon of one ring, a polyline of one line,
 * else its box. */
static void
append_shape (GString                 *s,
              PrecisDataset           *dataset,
              const PrecisAnnotations *anns,
              guint                    a,
              gboolean                 results)
{
  g_autofree char *label = g_markup_escape_text (precis_dataset_get_category (dataset, anns->category[a])->name, -1);
  const double *b = &anns->bbox[4 * a];
  const char *kind;

  if (anns->segm_kind[a] == PRECIS_SEGM_POLYGON && anns->segm_len[a] == 1)
    {
      guint r = anns->segm_start[a];

      kind = "polygon";
      g_string_append_printf (s, "    <%s label=\"%s\" source=\"%s\" occluded=\"0\"", kind, label, results ? "auto" : "manual");
      append_points (s, &anns->coords[anns->ring_start[r]], anns->ring_len[r]);
    }
  else if ((anns->has[a] & PRECIS_HAS_POLYLINE) && anns->line_len[a] == 1 && !(anns->has[a] & PRECIS_HAS_SEGM))
    {
      guint r = anns->line_start[a];

      kind = "polyline";
      g_string_append_printf (s, "    <%s label=\"%s\" source=\"%s\" occluded=\"0\"", kind, label, results ? "auto" : "manual");
      append_points (s, &anns->coords[anns->ring_start[r]], anns->ring_len[r]);
    }
  else
    {
      kind = "box";
      g_string_append_printf (s, "    <%s label=\"%s\" source=\"%s\" occluded=\"0\"", kind, label, results ? "auto" : "manual");
      append_attr_double (s, "xtl", b[0]);
      append_attr_double (s, "ytl", b[1]);
      append_attr_double (s, "xbr", b[0] + b[2]);
      append_attr_double (s, "ybr", b[1] + b[3]);
    }
  g_string_append (s, " z_order=\"0\">\n");
  if (anns->iscrowd[a])
    g_string_append (s, "      <attribute name=\"is_crowd\">true</attribute>\n");
  if (results)
    {
      g_string_append (s, "      <attribute name=\"score\">");
      _precis_format_append_double (s, anns->score[a]);
      g_string_append (s, "</attribute>\n");
    }
  g_string_append_printf (s, "    </%s>\n", kind);
}

static gboolean
write_xml (PrecisDataset           *dataset,
           const PrecisAnnotations *anns,
           gboolean                 results,
           GFile                   *out,
           const char              *relative,
           GError                 **error)
{
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<annotations>\n  <version>1.1</version>\n");
  g_autofree char *name = g_markup_escape_text (precis_dataset_get_name (dataset), -1);

  g_string_append_printf (s, "  <meta>\n    <task>\n      <name>%s</name>\n      <size>%u</size>\n      <labels>\n",
                          name, precis_dataset_get_n_images (dataset));
  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    {
      g_autofree char *label = g_markup_escape_text (precis_dataset_get_category (dataset, c)->name, -1);

      g_string_append_printf (s, "        <label>\n          <name>%s</name>\n          <type>any</type>\n"
                              "          <attributes></attributes>\n        </label>\n", label);
    }
  g_string_append (s, "      </labels>\n    </task>\n  </meta>\n");
  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      g_autofree char *file_name = g_markup_escape_text (img->file_name != NULL ? img->file_name : "", -1);

      /* CVAT's ids are 0-based: image index i, read back as id i + 1. */
      g_string_append_printf (s, "  <image id=\"%u\" name=\"%s\" width=\"%u\" height=\"%u\">\n",
                              i, file_name, img->width, img->height);
      for (guint g = anns->image_group_start[i]; g < anns->image_group_start[i + 1]; g++)
        for (guint a = anns->groups[g].start; a < anns->groups[g].end; a++)
          append_shape (s, dataset, anns, a, results);
      g_string_append (s, "  </image>\n");
    }
  g_string_append (s, "</annotations>\n");
  return _precis_format_write (out, relative, s->str, s->len, error);
}

gboolean
_precis_cvat_write (PrecisDataset *dataset,
                    GFile         *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      g_autofree char *relative = NULL;

      if (img->file_name == NULL)
        continue;
      relative = g_build_filename ("images", img->file_name, NULL);
      if (!_precis_format_copy_image (img, out, relative, cancellable, error))
        return FALSE;
    }
  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    {
      g_autofree char *name = _precis_format_model_dir (dataset, m);
      g_autofree char *relative = g_strdup_printf ("predictions/%s.xml", name);

      if (!write_xml (dataset, precis_dataset_get_predictions (dataset, m), TRUE, out, relative, error))
        return FALSE;
    }
  return write_xml (dataset, precis_dataset_get_ground_truth_annotations (dataset), FALSE, out, "annotations.xml", error);
}

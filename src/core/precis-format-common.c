/* precis-format-common.c: what the readers and writers of the other formats share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * COCO text in memory, the list of a read's problems, atomic writes, and the
 * size of an image from its header (PNG's IHDR, JPEG's SOF marker): the core
 * has no GdkPixbuf (docs/DESIGN.md), and these two headers are a few bytes
 * each, so no image is decoded.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "precis-format-private.h"

/* ------------------------------------------------------------------------- */
/* COCO text                                                                  */

void
_precis_format_append_double (GString *s,
                              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The shortest of 15, 16, 17 significant digits that reads back as the same
   * double (17 always does: 0.9 stays "0.9", not "0.90000000000000002");
   * g_ascii_formatd ignores the locale. */
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (digits == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (s, buf);
}

void
_precis_format_append_json_string (GString    *s,
                                   const char *str)
{
  g_string_append_c (s, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (s, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_c (s, (char) c);
    }
  g_string_append_c (s, '"');
}

static void
append_doubles (GString      *s,
                const double *values,
                guint         n)
{
  g_string_append_c (s, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      _precis_format_append_double (s, values[i]);
    }
  g_string_append_c (s, ']');
}

static void
next_item (CocoText *t)
{
  g_string_append (t->s, t->n++ > 0 ? ",\n" : "\n");
}

void
_precis_coco_text_init_gt (CocoText *t)
{
  t->s = g_string_new ("{\"images\":[");
  t->n = 0;
  t->results = FALSE;
}

void
_precis_coco_text_init_results (CocoText *t)
{
  t->s = g_string_new ("[");
  t->n = 0;
  t->results = TRUE;
}

void
_precis_coco_text_next_list (CocoText   *t,
                             const char *name)
{
  g_string_append_printf (t->s, "],\n\"%s\":[", name);
  t->n = 0;
}

void
_precis_coco_text_image (CocoText   *t,
                         gint64      id,
                         const char *file_name,
                         guint       width,
                         guint       height)
{
  next_item (t);
  g_string_append_printf (t->s, "{\"id\":%" G_GINT64_FORMAT ",\"file_name\":", id);
  _precis_format_append_json_string (t->s, file_name);
  g_string_append_printf (t->s, ",\"width\":%u,\"height\":%u}", width, height);
}

void
_precis_coco_text_category (CocoText   *t,
                            gint64      id,
                            const char *name,
                            guint       n_keypoints)
{
  next_item (t);
  g_string_append_printf (t->s, "{\"id\":%" G_GINT64_FORMAT ",\"name\":", id);
  _precis_format_append_json_string (t->s, name);
  if (n_keypoints > 0)
    {
      g_string_append (t->s, ",\"keypoints\":[");
      for (guint k = 0; k < n_keypoints; k++)
        g_string_append_printf (t->s, "%s\"%u\"", k > 0 ? "," : "", k);
      g_string_append_c (t->s, ']');
    }
  g_string_append_c (t->s, '}');
}

void
_precis_coco_text_item (CocoText       *t,
                        const CocoItem *item)
{
  GString *s = t->s;

  next_item (t);
  g_string_append_c (s, '{');
  if (!t->results)
    g_string_append_printf (s, "\"id\":%" G_GINT64_FORMAT ",\"iscrowd\":%d,", item->id, item->iscrowd ? 1 : 0);
  g_string_append_printf (s, "\"image_id\":%" G_GINT64_FORMAT ",\"category_id\":%" G_GINT64_FORMAT,
                          item->image_id, item->category_id);
  if (item->bbox != NULL)
    {
      g_string_append (s, ",\"bbox\":");
      append_doubles (s, item->bbox, 4);
      /* pycocotools' loadRes gives a box w × h; a GT box without a mask too. */
      if (!t->results && item->ring == NULL)
        {
          g_string_append (s, ",\"area\":");
          _precis_format_append_double (s, item->bbox[2] * item->bbox[3]);
        }
    }
  if (item->ring != NULL)
    {
      g_string_append (s, ",\"segmentation\":[");
      append_doubles (s, item->ring, item->n_ring);
      g_string_append_c (s, ']');
    }
  if (item->counts != NULL)
    {
      g_string_append_printf (s, ",\"segmentation\":{\"size\":[%u,%u],\"counts\":[", item->rle_height, item->rle_width);
      for (guint i = 0; i < item->n_counts; i++)
        g_string_append_printf (s, "%s%u", i > 0 ? "," : "", item->counts[i]);
      g_string_append (s, "]}");
    }
  if (item->line != NULL)
    {
      g_string_append (s, ",\"polyline\":[");
      append_doubles (s, item->line, item->n_line);
      g_string_append_c (s, ']');
    }
  if (item->keypoints != NULL)
    {
      g_string_append (s, ",\"keypoints\":");
      append_doubles (s, item->keypoints, 3 * item->n_keypoints);
    }
  if (t->results)
    {
      g_string_append (s, ",\"score\":");
      _precis_format_append_double (s, item->score);
    }
  g_string_append_c (s, '}');
}

char *
_precis_coco_text_finish (CocoText *t)
{
  g_string_append (t->s, t->results ? "\n]\n" : "\n]}\n");
  return g_string_free (g_steal_pointer (&t->s), FALSE);
}

void
_precis_coco_text_clear (CocoText *t)
{
  if (t->s != NULL)
    g_string_free (g_steal_pointer (&t->s), TRUE);
}

/* ------------------------------------------------------------------------- */
/* Problems                                                                   */

void
_precis_format_errors_init (FormatErrors *e)
{
  memset (e, 0, sizeof *e);
  e->text = g_string_new (NULL);
}

static void
end_file (FormatErrors *e)
{
  if (e->n_file > PRECIS_FORMAT_MAX_ERRORS)
    {
      g_string_append_printf (e->text, "\n");
      g_string_append_printf (e->text,
                              g_dngettext (GETTEXT_PACKAGE, "%s: and %u more problem", "%s: and %u more problems",
                                           e->n_file - PRECIS_FORMAT_MAX_ERRORS),
                              e->file, e->n_file - PRECIS_FORMAT_MAX_ERRORS);
    }
  e->n_file = 0;
}

void
_precis_format_errors_file (FormatErrors *e,
                            const char   *display)
{
  end_file (e);
  g_free (e->file);
  e->file = g_strdup (display);
}

void
_precis_format_errors_add (FormatErrors *e,
                           guint         line,
                           guint         column,
                           const char   *format,
                           ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  e->n++;
  if (++e->n_file > PRECIS_FORMAT_MAX_ERRORS)
    return;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (e->text->len > 0)
    g_string_append_c (e->text, '\n');
  if (e->file == NULL)
    {
      g_string_append (e->text, problem);
      return;
    }
  g_string_append (e->text, e->file);
  if (line > 0)
    g_string_append_printf (e->text, ":%u", line);
  if (line > 0 && column > 0)
    g_string_append_printf (e->text, ":%u", column);
  g_string_append_printf (e->text, ": %s", problem);
}

gboolean
_precis_format_errors_finish (FormatErrors *e,
                              GError      **error)
{
  end_file (e);
  if (e->n == 0)
    return TRUE;
  g_set_error_literal (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE, e->text->str);
  return FALSE;
}

void
_precis_format_errors_clear (FormatErrors *e)
{
  if (e->text != NULL)
    g_string_free (g_steal_pointer (&e->text), TRUE);
  g_clear_pointer (&e->file, g_free);
}

char *
_precis_format_display (GFile *base,
                        GFile *file)
{
  g_autofree char *relative = base != NULL ? g_file_get_relative_path (base, file) : NULL;
  g_autofree char *basename = NULL;

  if (relative != NULL)
    return g_filename_display_name (relative);
  basename = g_file_get_basename (file);
  return g_filename_display_name (basename != NULL ? basename : "?");
}

/* ------------------------------------------------------------------------- */
/* Image sizes                                                                */

static guint
be16 (const guchar *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* JPEG: the markers up to the first SOFn (not DHT C4, JPG C8, DAC CC). */
static gboolean
jpeg_size (FILE  *f,
           guint *width,
           guint *height)
{
  guchar m[9];

  for (;;)
    {
      guint len;

      if (fread (m, 1, 4, f) != 4 || m[0] != 0xff)
        return FALSE;
      while (m[1] == 0xff)   /* fill bytes */
        {
          memmove (m + 1, m + 2, 2);
          if (fread (m + 3, 1, 1, f) != 1)
            return FALSE;
        }
      len = be16 (m + 2);
      if (len < 2)
        return FALSE;
      if (m[1] >= 0xc0 && m[1] <= 0xcf && m[1] != 0xc4 && m[1] != 0xc8 && m[1] != 0xcc)
        {
          if (fread (m + 4, 1, 5, f) != 5)
            return FALSE;
          *height = be16 (m + 5);
          *width = be16 (m + 7);
          return TRUE;
        }
      if (m[1] == 0xd9 || m[1] == 0xda || fseek (f, len - 2, SEEK_CUR) != 0)
        return FALSE;
    }
}

gboolean
_precis_image_size (const char *path,
                    guint      *width,
                    guint      *height,
                    GError    **error)
{
  static const guchar png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree char *display = g_filename_display_name (path);
  guchar head[24];
  gboolean ok = FALSE;
  FILE *f = g_fopen (path, "rb");

  *width = *height = 0;
  if (f == NULL)
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_IO,
                   _("%s: cannot open the image to read its size: %s"), display, g_strerror (errno));
      return FALSE;
    }
  if (fread (head, 1, 2, f) == 2 && head[0] == 0xff && head[1] == 0xd8)
    ok = jpeg_size (f, width, height);
  else if (fread (head + 2, 1, sizeof head - 2, f) == sizeof head - 2 &&
           memcmp (head, png_magic, 8) == 0 && memcmp (head + 12, "IHDR", 4) == 0)
    {
      *width = MIN (be32 (head + 16), G_MAXUINT);
      *height = MIN (be32 (head + 20), G_MAXUINT);
      ok = TRUE;
    }
  fclose (f);

  if (!ok || *width == 0 || *height == 0)
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE,
                   _("%s: not a PNG or JPEG image whose size can be read from its header"), display);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Writing                                                                    */

gboolean
_precis_format_prepare_out (GFile    *out,
                            gboolean  force,
                            GError  **error)
{
  g_autofree char *display = g_file_get_parse_name (out);
  g_autoptr(GError) local_error = NULL;
  GFileType type = g_file_query_file_type (out, G_FILE_QUERY_INFO_NONE, NULL);

  if (type == G_FILE_TYPE_UNKNOWN)
    {
      if (!g_file_make_directory_with_parents (out, NULL, &local_error))
        {
          g_set_error (error, G_IO_ERROR, local_error->code, _("%s: cannot create the folder: %s"),
                       display, local_error->message);
          return FALSE;
        }
      return TRUE;
    }
  if (type != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _("%s: exists and is not a folder"), display);
      return FALSE;
    }
  if (!force)
    {
      g_autoptr(GFileEnumerator) en = g_file_enumerate_children (out, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                 G_FILE_QUERY_INFO_NONE, NULL, &local_error);
      g_autoptr(GFileInfo) first = en != NULL ? g_file_enumerator_next_file (en, NULL, NULL) : NULL;

      if (en == NULL || first != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s: the folder is not empty (use --force to overwrite)"), display);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
make_parent (GFile   *file,
             GError **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;

  if (parent == NULL || g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    return TRUE;
  if (!g_file_make_directory_with_parents (parent, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *display = g_file_get_parse_name (parent);

      g_set_error (error, G_IO_ERROR, local_error->code, _("%s: cannot create the folder: %s"),
                   display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* A file name from the data (an image's file_name, a class name) must not
 * lead out of the output folder. */
static gboolean
check_inside (const char *relative,
              GError    **error)
{
  g_auto(GStrv) parts = g_strsplit_set (relative, "/\\", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      goto outside;
  if (!g_path_is_absolute (relative))
    return TRUE;
outside:
  g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE,
               _("%s: not written: the name leads out of the output folder"), relative);
  return FALSE;
}

gboolean
_precis_format_write (GFile      *out,
                      const char *relative,
                      const char *contents,
                      gsize       length,
                      GError    **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (out, relative);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local_error = NULL;

  if (!check_inside (relative, error) || !make_parent (file, error))
    return FALSE;
  if (!g_file_set_contents (path, contents, length, &local_error))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_precis_format_copy_image (const PrecisImage *img,
                           GFile             *out,
                           const char        *relative,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(GFile) dest = g_file_resolve_relative_path (out, relative);
  g_autofree char *tmp_name = g_strconcat (relative, ".precis-tmp", NULL);
  g_autoptr(GFile) tmp = g_file_resolve_relative_path (out, tmp_name);
  g_autoptr(GFile) src = NULL;
  g_autoptr(GError) local_error = NULL;

  if (img->path == NULL || !img->present)
    return TRUE;
  if (!check_inside (relative, error))
    return FALSE;
  src = g_file_new_for_path (img->path);
  if (g_file_equal (src, dest))
    return TRUE;
  if (!make_parent (dest, error))
    return FALSE;
  /* A copy beside the destination, then a rename over it: never half an image. */
  if (!g_file_copy (src, tmp, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &local_error) ||
      !g_file_move (tmp, dest, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &local_error))
    {
      g_autofree char *display = g_file_get_parse_name (dest);

      g_file_delete (tmp, NULL, NULL);
      g_set_error (error, G_IO_ERROR, local_error->code, "%s: %s", display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

char *
_precis_format_strip_ext (const char *file_name)
{
  const char *slash = strrchr (file_name, '/');
  const char *dot = strrchr (slash != NULL ? slash + 1 : file_name, '.');

  if (dot == NULL || dot == file_name || (slash != NULL && dot == slash + 1))
    return g_strdup (file_name);
  return g_strndup (file_name, dot - file_name);
}

char *
_precis_format_model_dir (PrecisDataset *dataset,
                          guint          model)
{
  char *name = g_strdup (precis_dataset_get_model_name (dataset, model));

  g_strdelimit (name, "/\\", '_');
  if (name[0] == '\0' || g_str_equal (name, ".") || g_str_equal (name, ".."))
    {
      g_free (name);
      name = g_strdup_printf ("model%u", model + 1);
    }
  return name;
}

int
_precis_format_compare_strings (gconstpointer a,
                                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

void
_precis_format_free_string (gpointer s)
{
  g_string_free (s, TRUE);
}

guint32
_precis_format_find_category (PrecisDataset *dataset,
                              const char    *name)
{
  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    if (g_str_equal (precis_dataset_get_category (dataset, c)->name, name))
      return c;
  return PRECIS_NO_INDEX;
}

/* The image indices by file stem ("a/b.jpg" → "b"); an ambiguous stem maps to
 * PRECIS_NO_INDEX − 1. */
GHashTable *
_precis_format_images_by_stem (PrecisDataset *dataset)
{
  GHashTable *stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      const char *slash;
      char *stem;

      if (img->file_name == NULL)
        continue;
      slash = strrchr (img->file_name, '/');
      stem = _precis_format_strip_ext (slash != NULL ? slash + 1 : img->file_name);
      if (g_hash_table_contains (stems, stem))
        g_hash_table_insert (stems, stem, GUINT_TO_POINTER (PRECIS_NO_INDEX - 1));
      else
        g_hash_table_insert (stems, stem, GUINT_TO_POINTER (i));
    }
  return stems;
}

void
_precis_format_markup_error (FormatErrors        *e,
                             GMarkupParseContext *context,
                             const GError        *error)
{
  const char *message = error->message;
  gint line, column;

  g_markup_parse_context_get_position (context, &line, &column);
  /* GMarkup puts its own "Error on line 4 char 14: " before some messages. */
  if (g_str_has_prefix (message, "Error on line") && strstr (message, ": ") != NULL)
    message = strstr (message, ": ") + 2;
  _precis_format_errors_add (e, MAX (line, 1), MAX (column, 1), "%s", message);
}

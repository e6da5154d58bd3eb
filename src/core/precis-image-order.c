/* precis-image-order.c: the order of the `images` array of a ground-truth file
 *
 * The loader keeps images sorted by id; TIDE walks them in file order, and that
 * order decides how tied scores of different images enter its AP. The file was
 * already parsed by the loader, so it is valid JSON: this scanner only skips values
 * and reads the top-level `images[*].id` numbers, without building a tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-overlaps.h"

typedef struct {
  const char *p;
  const char *end;
} Scanner;

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

/* At a '"': moves past the closing quote; returns the raw contents. */
static gboolean
scan_string (Scanner     *s,
             const char **start,
             gsize       *len)
{
  const char *q;

  if (s->p >= s->end || *s->p != '"')
    return FALSE;
  q = ++s->p;
  while (s->p < s->end && *s->p != '"')
    s->p += *s->p == '\\' ? 2 : 1;
  if (s->p >= s->end)
    return FALSE;
  *start = q;
  *len = s->p - q;
  s->p++;
  return TRUE;
}

/* Skips one value of any kind. */
static gboolean
skip_value (Scanner *s)
{
  int depth = 0;

  skip_space (s);
  do
    {
      const char *str;
      gsize len;

      if (s->p >= s->end)
        return FALSE;
      switch (*s->p)
        {
        case '"':
          if (!scan_string (s, &str, &len))
            return FALSE;
          break;
        case '{':
        case '[':
          depth++;
          s->p++;
          break;
        case '}':
        case ']':
          depth--;
          s->p++;
          break;
        default:
          /* A number, a literal, or a separator inside a container. */
          s->p++;
          while (depth == 0 && s->p < s->end && !strchr (",}] \t\r\n", *s->p))
            s->p++;
          break;
        }
    }
  while (depth > 0);
  return TRUE;
}

static gboolean
expect (Scanner *s,
        char     c)
{
  skip_space (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

/* At '{' of one image: returns its `id`. */
static gboolean
scan_image_id (Scanner *s,
               double  *id,
               gboolean *found)
{
  *found = FALSE;
  if (!expect (s, '{'))
    return FALSE;
  skip_space (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      const char *key;
      gsize len;

      skip_space (s);
      if (!scan_string (s, &key, &len) || !expect (s, ':'))
        return FALSE;
      skip_space (s);
      if (len == 2 && memcmp (key, "id", 2) == 0)
        {
          char *after = NULL;
          char buf[64];
          gsize n = MIN ((gsize)(s->end - s->p), sizeof buf - 1);

          memcpy (buf, s->p, n);
          buf[n] = '\0';
          *id = g_ascii_strtod (buf, &after);
          *found = after != buf;
        }
      if (!skip_value (s))
        return FALSE;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      return expect (s, '}');
    }
}

static gboolean
scan_images (Scanner       *s,
             PrecisDataset *dataset,
             guint32       *rank)
{
  guint32 position = 0;

  if (!expect (s, '['))
    return FALSE;
  skip_space (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      double id = 0;
      gboolean found;
      guint32 k;

      if (!scan_image_id (s, &id, &found) || !found)
        return FALSE;
      k = precis_dataset_find_image (dataset, (gint64)id);
      if (k == PRECIS_NO_INDEX || rank[k] != G_MAXUINT32)
        return FALSE;
      rank[k] = position++;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      return expect (s, ']');
    }
}

static gboolean
scan_top (Scanner       *s,
          PrecisDataset *dataset,
          guint32       *rank)
{
  gboolean seen = FALSE;

  if (!expect (s, '{'))
    return FALSE;
  for (;;)
    {
      const char *key;
      gsize len;

      skip_space (s);
      if (s->p < s->end && *s->p == '}')
        return seen;
      if (!scan_string (s, &key, &len) || !expect (s, ':'))
        return FALSE;
      skip_space (s);
      if (!seen && len == 6 && memcmp (key, "images", 6) == 0)
        {
          if (!scan_images (s, dataset, rank))
            return FALSE;
          seen = TRUE;
        }
      else if (!skip_value (s))
        return FALSE;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        s->p++;
    }
}

guint32 *
precis_overlaps_read_image_order (PrecisDataset  *dataset,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  GFile *file;
  g_autofree char *contents = NULL;
  g_autofree guint32 *rank = NULL;
  gsize length = 0;
  guint n;
  Scanner s;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = precis_dataset_get_ground_truth (dataset);
  n = precis_dataset_get_n_images (dataset);
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  rank = g_new (guint32, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    rank[k] = G_MAXUINT32;
  s.p = contents;
  s.end = contents + length;
  if (!scan_top (&s, dataset, rank))
    goto bad;
  for (guint k = 0; k < n; k++)
    if (rank[k] == G_MAXUINT32)
      goto bad;
  return g_steal_pointer (&rank);

bad:
  {
    g_autofree char *name = g_file_get_parse_name (file);

    g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PROJECT,
                 _("%s: images: the order of the images could not be read again "
                   "(the file changed since it was loaded?)"), name);
    return NULL;
  }
}

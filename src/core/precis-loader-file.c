/* precis-loader-file.c: reading and pre-scanning a JSON file; error messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>
#include "precis-loader-private.h"

/* ------------------------------------------------------------------------- */
/* Errors                                                                     */

void
_precis_loader_set_error (GError    **error,
                          const char *file,
                          int         code,
                          const char *path,
                          const char *format,
                          ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  if (error == NULL || *error != NULL)
    return;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && path[0] != '\0')
    g_set_error (error, PRECIS_DATASET_ERROR, code, "%s: %s: %s", file, path, problem);
  else
    g_set_error (error, PRECIS_DATASET_ERROR, code, "%s: %s", file, problem);
}

/* ------------------------------------------------------------------------- */
/* Reading and pre-scanning a file                                            */

void
_precis_loader_file_data_clear (FileData *fd)
{
  g_clear_pointer (&fd->display, g_free);
  g_clear_pointer (&fd->mapped, g_mapped_file_unref);
  g_clear_pointer (&fd->contents, g_free);
  fd->data = NULL;
  fd->len = 0;
}

char *
_precis_loader_display_name (GFile *file)
{
  g_autofree char *base = file != NULL ? g_file_get_basename (file) : NULL;

  return g_filename_display_name (base != NULL ? base : "?");
}

gboolean
_precis_loader_file_data_read (FileData      *fd,
                               GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *path;

  memset (fd, 0, sizeof *fd);
  fd->display = _precis_loader_display_name (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, _("no such file"));
      else
        _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, "%s", local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, _("is a folder, not a JSON file"));
      return FALSE;
    }

  /* A FIFO would block the open() below forever; a device has no size. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL,
                                _("not a regular file (a pipe, socket or device)"));
      return FALSE;
    }

  if (g_file_info_get_size (info) > PRECIS_MAX_FILE_SIZE)
    {
      _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_LIMIT, NULL,
                                _("the file is larger than the limit of 2 GiB"));
      return FALSE;
    }

  path = g_file_peek_path (file);
  if (path != NULL)
    {
      fd->mapped = g_mapped_file_new (path, FALSE, &local_error);
      if (fd->mapped == NULL)
        {
          _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, "%s", local_error->message);
          return FALSE;
        }
      fd->data = g_mapped_file_get_contents (fd->mapped);
      fd->len = g_mapped_file_get_length (fd->mapped);
    }
  else
    {
      if (!g_file_load_contents (file, cancellable, &fd->contents, &fd->len, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, "%s", local_error->message);
          return FALSE;
        }
      fd->data = fd->contents;
    }

  if (fd->len > (gsize) PRECIS_MAX_FILE_SIZE)
    {
      _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_LIMIT, NULL,
                                _("the file is larger than the limit of 2 GiB"));
      return FALSE;
    }

  return TRUE;
}

static guint
line_of (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;

  return line;
}

/* A text file: not empty, UTF-8 without NUL bytes. */
static gboolean
check_text (const FileData *fd,
            GError        **error)
{
  const char *bad = NULL;
  gsize offset;

  if (fd->len == 0)
    {
      _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL, _("the file is empty"));
      return FALSE;
    }

  if (g_utf8_validate_len (fd->data, fd->len, &bad))
    return TRUE;

  offset = bad - fd->data;
  if (*bad == '\0')
    _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                              _("line %u: a NUL byte at byte offset %zu (not a text file?)"),
                              line_of (fd->data, offset), offset);
  else
    _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                              _("line %u: invalid UTF-8 at byte offset %zu (JSON must be UTF-8)"),
                              line_of (fd->data, offset), offset);
  return FALSE;
}

/* The offset of the quote that closes the string opened at @i (or @len). */
static gsize
string_end (const char *data,
            gsize       len,
            gsize       i)
{
  for (i++; i < len; i++)
    {
      if (data[i] == '\\')
        i++;
      else if (data[i] == '"')
        return i;
    }
  return len;
}

/* The end of the number token at @i. */
static gsize
number_end (const char *data,
            gsize       len,
            gsize       i)
{
  while (i < len && (g_ascii_isdigit (data[i]) || data[i] == '-' || data[i] == '+' ||
                     data[i] == '.' || data[i] == 'e' || data[i] == 'E'))
    i++;
  return i;
}

/* An integer literal (no fraction, no exponent) beyond gint64: json-glib would
 * wrap it silently (2⁶³ becomes −2⁶³), so the file is refused instead. */
static gboolean
integer_overflows (const char *token,
                   gsize       n)
{
  const char *digits = token[0] == '-' ? token + 1 : token;
  gsize n_digits = n - (digits - token);
  const char *limit = token[0] == '-' ? "9223372036854775808" : "9223372036854775807";

  if (memchr (token, '.', n) != NULL || memchr (token, 'e', n) != NULL ||
      memchr (token, 'E', n) != NULL)
    return FALSE;
  while (n_digits > 1 && digits[0] == '0')
    digits++, n_digits--;
  if (n_digits != 19)
    return n_digits > 19;
  return memcmp (digits, limit, 19) > 0;
}

typedef struct {
  gboolean    array;
  guint       index;
  const char *key;
  gsize       key_len;
} PathLevel;

/* The JSON path ("annotations[3].bbox[2]") of the value at @offset of a file
 * that passed the scan (so nested at most PRECIS_MAX_JSON_DEPTH deep). */
static char *
json_path_at (const char *data,
              gsize       offset)
{
  PathLevel stack[PRECIS_MAX_JSON_DEPTH + 1];
  GString *path = g_string_new (NULL);
  gboolean expect_key = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < offset; i++)
    {
      char c = data[i];
      gsize end;

      switch (c)
        {
        case '"':
          end = string_end (data, offset, i);
          if (expect_key && depth > 0 && !stack[depth - 1].array)
            {
              stack[depth - 1].key = data + i + 1;
              stack[depth - 1].key_len = end - i - 1;
              expect_key = FALSE;
            }
          i = end;
          break;
        case '[':
        case '{':
          if (depth < G_N_ELEMENTS (stack))
            stack[depth++] = (PathLevel) { c == '[', 0, NULL, 0 };
          expect_key = c == '{';
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          expect_key = FALSE;
          break;
        case ',':
          if (depth > 0 && stack[depth - 1].array)
            stack[depth - 1].index++;
          else if (depth > 0)
            expect_key = TRUE;
          break;
        default:
          break;
        }
    }

  for (guint l = 0; l < depth; l++)
    {
      if (stack[l].array)
        g_string_append_printf (path, "[%u]", stack[l].index);
      else if (stack[l].key != NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append_len (path, stack[l].key, stack[l].key_len);
        }
    }

  return g_string_free (path, FALSE);
}

gboolean
_precis_loader_scan_json (const FileData *fd,
                          ScanInfo       *info,
                          GError        **error)
{
  const char *data = fd->data;
  gsize len = fd->len;
  gsize i = 0;
  guint depth = 0;
  gboolean top_seen = FALSE;
  gboolean top_nonempty = FALSE;
  guint commas = 0;
  guint64 element_values = 0;
  gsize wide_integer = 0;   /* 1 + the offset of the first integer beyond 64 bits */

  memset (info, 0, sizeof *info);

  if (!check_text (fd, error))
    return FALSE;

  for (i = 0; i < len; i++)
    {
      char c = data[i];

      switch (c)
        {
        case '"':
          if (depth == 0)
            {
              info->top = c;
              top_seen = TRUE;
              goto scalar;
            }
          if (depth == 1)
            top_nonempty = TRUE;
          i = string_end (data, len, i);
          break;
        case '[':
        case '{':
          if (depth == 0 && top_seen)
            goto trailing;
          if (depth == 0)
            {
              info->top = c;
              top_seen = TRUE;
            }
          else if (depth == 1)
            top_nonempty = TRUE;
          info->n_values++;
          element_values++;
          if (++depth > PRECIS_MAX_JSON_DEPTH)
            {
              _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                                        _("line %u: nesting deeper than %d levels"),
                                        line_of (data, i), PRECIS_MAX_JSON_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          /* Unbalanced brackets are json-glib's to report. */
          if (depth > 0)
            depth--;
          break;
        case ',':
          if (depth == 1)
            {
              commas++;
              info->max_element_values = MAX (info->max_element_values, element_values);
              element_values = 0;
            }
          info->n_values++;
          element_values++;
          break;
        case ':':
          info->n_values++;
          element_values++;
          break;
        default:
          if (is_space (c))
            break;
          if (depth == 0)
            {
              if (top_seen)
                goto trailing;
              info->top = c;
              top_seen = TRUE;
              /* Not a list or object: json-glib says whether it is JSON at all. */
              goto scalar;
            }
          else if (depth == 1)
            top_nonempty = TRUE;
          if (c == '-' || g_ascii_isdigit (c))
            {
              gsize end = number_end (data, len, i);

              if (wide_integer == 0 && integer_overflows (data + i, end - i))
                wide_integer = i + 1;
              i = end - 1;
            }
          break;
        }
    }

  if (wide_integer != 0)
    {
      gsize start = wide_integer - 1;
      gsize n = number_end (data, len, start) - start;
      g_autofree char *path = json_path_at (data, start);
      g_autofree char *literal = g_strndup (data + start, MIN (n, 40));

      _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_VALUE, path,
                                _("the integer %s%s is beyond the range of 64 bits"),
                                literal, n > 40 ? "…" : "");
      return FALSE;
    }

  if (info->top == '[')
    info->n_top_elements = top_nonempty ? commas + 1 : 0;
  info->max_element_values = MAX (info->max_element_values, element_values);

  if (!top_seen)
    {
      _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                                _("the file holds only white space"));
      return FALSE;
    }

  return TRUE;

trailing:
  _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                            _("line %u: unexpected data after the end of the JSON value"),
                            line_of (data, i));
  return FALSE;

scalar:
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) json_error = NULL;

    if (!json_parser_load_from_data (parser, data, len, &json_error))
      {
        _precis_loader_set_parse_error (error, fd, json_error);
        return FALSE;
      }
  }
  return TRUE;
}

/* json-glib reports "<data>:LINE:COL: Parse error: …"; keep the position. */
void
_precis_loader_set_parse_error (GError        **error,
                                const FileData *fd,
                                const GError   *json_error)
{
  const char *msg = json_error->message;

  if (g_str_has_prefix (msg, "<data>:"))
    msg += strlen ("<data>:");

  _precis_loader_set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL, _("not valid JSON: %s"), msg);
}

/* The JSON tree was many small blocks: give the pages back to the system, so
 * that the process does not keep the parse's peak (glibc keeps freed memory). */
void
_precis_loader_release_freed_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

void
_precis_loader_report (PrecisLoadProgress *progress,
                       double              fraction)
{
  if (progress != NULL && progress->func != NULL)
    progress->func (progress->base + progress->span * CLAMP (fraction, 0.0, 1.0),
                    progress->stage, progress->data);
}

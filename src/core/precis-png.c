/* precis-png.c: self-describing PNG files, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <png.h>

#include "precis-png.h"

G_DEFINE_QUARK (precis-png-error-quark, precis_png_error)

/* Texts longer than this are stored compressed. */
#define COMPRESS_ABOVE 1024

typedef struct {
  char message[256];
  int  saved_errno;
} PngFailure;

static void
on_png_error (png_structp      png,
              png_const_charp  message)
{
  PngFailure *failure = png_get_error_ptr (png);

  /* A failed fwrite() leaves the reason (ENOSPC, EIO, …) in errno. */
  failure->saved_errno = errno;
  g_strlcpy (failure->message, message, sizeof failure->message);
  png_longjmp (png, 1);
}

static void
on_png_warning (png_structp      png,
                png_const_charp  message)
{
  /* Warnings (e.g. an unknown chunk) do not make a file unusable. */
}

static gboolean
keyword_is_valid (const char *keyword)
{
  gsize len = strlen (keyword);

  if (len < 1 || len > 79 || keyword[0] == ' ' || keyword[len - 1] == ' ')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((guchar) keyword[i] < 32 || (guchar) keyword[i] > 126)
      return FALSE;

  return TRUE;
}

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p > 127)
      return FALSE;
  return TRUE;
}

/* Encodes @surface into @fp. Everything that must survive a longjmp is
 * allocated by the caller. */
static void set_io_error (GError **error, int saved_errno, gboolean writing, const char *filename);

static gboolean
encode (FILE                 *fp,
        const char           *filename,
        cairo_surface_t      *surface,
        png_text             *text,
        guint                 n_texts,
        guchar               *row,
        GError              **error)
{
  PngFailure failure = { "", 0 };
  png_structp png;
  png_infop info;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  gboolean opaque = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &failure, on_png_error, on_png_warning);
  if (png == NULL)
    {
      g_set_error_literal (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_ENCODE,
                           _("Could not start the PNG encoder"));
      return FALSE;
    }
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_set_error_literal (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_ENCODE,
                           _("Could not start the PNG encoder"));
      return FALSE;
    }

  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      if (ferror (fp))
        set_io_error (error, failure.saved_errno != 0 ? failure.saved_errno : EIO, TRUE, filename);
      else
        g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_ENCODE,
                     _("Could not encode the PNG: %s"), failure.message);
      return FALSE;
    }

  png_init_io (png, fp);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB_ALPHA,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (n_texts > 0)
    png_set_text (png, info, text, n_texts);
  png_write_info (png, info);

  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (data + (gsize) y * stride);

      /* Cairo stores premultiplied native-endian 0xAARRGGBB words. */
      for (int x = 0; x < width; x++)
        {
          guint32 p = src[x];
          guint a = opaque ? 255 : p >> 24;
          guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
          guchar *d = row + 4 * x;

          if (a == 0)
            r = g = b = 0;
          else if (a < 255)
            {
              r = (r * 255 + a / 2) / a;
              g = (g * 255 + a / 2) / a;
              b = (b * 255 + a / 2) / a;
            }
          d[0] = MIN (r, 255);
          d[1] = MIN (g, 255);
          d[2] = MIN (b, 255);
          d[3] = a;
        }
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  return TRUE;
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              gboolean     writing,
              const char  *filename)
{
  g_autofree char *display = g_filename_display_name (filename);

  if (writing)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not read “%s”: %s"), display, g_strerror (saved_errno));
}

static void
set_exists_error (GError     **error,
                  const char  *filename)
{
  g_autofree char *display = g_filename_display_name (filename);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("“%s” already exists; choose another name or allow replacing it"),
               display);
}

/* Moves @tmp to @filename without replacing an existing file, atomically where
 * the file system allows it. */
static int
rename_noreplace (const char *tmp,
                  const char *filename)
{
#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, filename, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return -1;
#endif
  /* link() fails with EEXIST instead of replacing. */
  if (link (tmp, filename) == 0)
    {
      g_unlink (tmp);
      return 0;
    }
  if (errno == EEXIST)
    return -1;
  /* A file system without hard links (FAT, some network shares). */
  if (g_file_test (filename, G_FILE_TEST_EXISTS))
    {
      errno = EEXIST;
      return -1;
    }
  return g_rename (tmp, filename);
}

static void
sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * precis_png_save:
 * @surface: a cairo image surface (ARGB32 or RGB24)
 * @filename: (type filename): where to write
 * @texts: (array length=n_texts) (nullable): text chunks, written before the image data
 * @n_texts: the number of @texts
 * @flags: %PRECIS_PNG_SAVE_OVERWRITE to replace an existing file
 * @error: return location for a #GError
 *
 * Writes @surface as an 8-bit RGBA PNG (cairo's premultiplied alpha undone)
 * with @texts. The file appears complete or not at all: the PNG is written to
 * a temporary file in the same folder, synced, then renamed over @filename. An
 * existing @filename is replaced only with %PRECIS_PNG_SAVE_OVERWRITE, otherwise
 * the call fails with %G_IO_ERROR_EXISTS. On failure no file is left behind.
 *
 * Returns: whether the file was written
 */
gboolean
precis_png_save (cairo_surface_t      *surface,
                 const char           *filename,
                 const PrecisPngText  *texts,
                 guint                 n_texts,
                 PrecisPngSaveFlags    flags,
                 GError              **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree guchar *row = NULL;
  g_autofree png_text *text = NULL;
  gboolean overwrite = (flags & PRECIS_PNG_SAVE_OVERWRITE) != 0;
  cairo_format_t format;
  FILE *fp;
  int fd;
  int width, height;

  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (n_texts == 0 || texts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_IMAGE)
    {
      g_set_error_literal (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                           _("Only image surfaces can be saved as PNG"));
      return FALSE;
    }
  format = cairo_image_surface_get_format (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  if ((format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24) || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                           _("Only non-empty ARGB32 or RGB24 surfaces can be saved as PNG"));
      return FALSE;
    }

  text = g_new0 (png_text, MAX (n_texts, 1));
  for (guint i = 0; i < n_texts; i++)
    {
      if (!keyword_is_valid (texts[i].keyword))
        {
          g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                       _("“%s” is not a valid PNG text keyword"), texts[i].keyword);
          return FALSE;
        }
      if (!g_utf8_validate (texts[i].text, -1, NULL))
        {
          g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                       _("The text of PNG chunk “%s” is not valid UTF-8"), texts[i].keyword);
          return FALSE;
        }
      text[i].key = (png_charp) texts[i].keyword;
      text[i].text = (png_charp) texts[i].text;
      text[i].lang = (png_charp) "";
      text[i].lang_key = (png_charp) "";
      if (strlen (texts[i].text) > COMPRESS_ABOVE)
        text[i].compression = PNG_ITXT_COMPRESSION_zTXt;
      else if (is_ascii (texts[i].text))
        text[i].compression = PNG_TEXT_COMPRESSION_NONE;
      else
        text[i].compression = PNG_ITXT_COMPRESSION_NONE;
    }

  if (!overwrite && g_file_test (filename, G_FILE_TEST_EXISTS))
    {
      set_exists_error (error, filename);
      return FALSE;
    }

  folder = g_path_get_dirname (filename);
  base = g_path_get_basename (filename);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", folder, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_io_error (error, errno, TRUE, filename);
      return FALSE;
    }
  /* mkstemp creates 0600; give the file the permissions a plain create would. */
  {
    mode_t mask = umask (0);

    umask (mask);
    fchmod (fd, 0666 & ~mask);
  }

  fp = fdopen (fd, "wb");
  if (fp == NULL)
    {
      set_io_error (error, errno, TRUE, filename);
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }

  cairo_surface_flush (surface);
  row = g_malloc ((gsize) width * 4);
  if (!encode (fp, filename, surface, text, n_texts, row, error))
    {
      fclose (fp);
      g_unlink (tmp);
      return FALSE;
    }

  if (fflush (fp) != 0 || ferror (fp) || fsync (fileno (fp)) != 0)
    {
      set_io_error (error, errno, TRUE, filename);
      fclose (fp);
      g_unlink (tmp);
      return FALSE;
    }
  if (fclose (fp) != 0)
    {
      set_io_error (error, errno, TRUE, filename);
      g_unlink (tmp);
      return FALSE;
    }

  if (overwrite ? g_rename (tmp, filename) != 0 : rename_noreplace (tmp, filename) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      if (saved_errno == EEXIST)
        set_exists_error (error, filename);
      else
        set_io_error (error, saved_errno, TRUE, filename);
      return FALSE;
    }
  sync_folder (folder);

  return TRUE;
}

static char *
text_to_utf8 (const png_text *t)
{
  if (g_utf8_validate (t->text, t->text_length > 0 ? (gssize) t->text_length : -1, NULL))
    return g_strndup (t->text, t->text_length > 0 ? t->text_length : strlen (t->text));

  /* tEXt and zTXt are Latin-1. */
  return g_convert (t->text, t->text_length, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

typedef enum {
  READ_INFO,
  READ_PIXELS,
} ReadMode;

static gboolean
decode (FILE              *fp,
        const char        *filename,
        ReadMode           mode,
        guint             *width_out,
        guint             *height_out,
        GHashTable        *texts,
        cairo_surface_t  **surface_out,
        GError           **error)
{
  PngFailure failure = { "", 0 };
  png_structp png;
  png_infop info;
  png_textp text = NULL;
  cairo_surface_t * volatile surface = NULL;
  guchar * volatile row = NULL;
  png_uint_32 width, height;
  int n_text = 0;
  int bit_depth, color_type;
  guchar sig[8];

  if (fread (sig, 1, 8, fp) != 8 || png_sig_cmp (sig, 0, 8) != 0)
    {
      g_autofree char *display = g_filename_display_name (filename);

      g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_DECODE,
                   _("“%s” is not a PNG file"), display);
      return FALSE;
    }

  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &failure, on_png_error, on_png_warning);
  if (png == NULL)
    {
      g_set_error_literal (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_DECODE,
                           _("Could not start the PNG decoder"));
      return FALSE;
    }
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_read_struct (&png, NULL, NULL);
      g_set_error_literal (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_DECODE,
                           _("Could not start the PNG decoder"));
      return FALSE;
    }

  if (setjmp (png_jmpbuf (png)))
    {
      g_autofree char *display = g_filename_display_name (filename);

      png_destroy_read_struct (&png, &info, NULL);
      g_clear_pointer ((cairo_surface_t **) &surface, cairo_surface_destroy);
      g_free (row);
      g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_DECODE,
                   _("Could not read “%s”: %s"), display, failure.message);
      return FALSE;
    }

  png_init_io (png, fp);
  png_set_sig_bytes (png, 8);
  png_read_info (png, info);
  png_get_IHDR (png, info, &width, &height, &bit_depth, &color_type, NULL, NULL, NULL);

  if (texts != NULL && png_get_text (png, info, &text, &n_text) > 0)
    for (int i = 0; i < n_text; i++)
      {
        char *value = text_to_utf8 (&text[i]);

        if (value != NULL)
          g_hash_table_replace (texts, g_strdup (text[i].key), value);
      }

  if (mode == READ_PIXELS)
    {
      guchar *data;
      int stride;

      if (width > 16384 || height > 16384)
        png_error (png, "image too large");

      png_set_expand (png);
      png_set_strip_16 (png);
      png_set_gray_to_rgb (png);
      png_set_filler (png, 0xff, PNG_FILLER_AFTER);
      png_set_interlace_handling (png);
      png_read_update_info (png, info);

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      /* One block, the row pointers first so that they are pointer-aligned
       * (png_read_image may longjmp: the error path frees the block). The pixels
       * follow them. */
      row = g_malloc (height * sizeof (png_bytep) + (gsize) width * height * 4);

      {
        png_bytep *rows = (png_bytep *) row;
        guchar *pixels = row + height * sizeof (png_bytep);

        for (png_uint_32 y = 0; y < height; y++)
          rows[y] = pixels + (gsize) y * width * 4;
        /* png_read_image handles interlaced files too. */
        png_read_image (png, rows);
      }

      for (png_uint_32 y = 0; y < height; y++)
        {
          guint32 *dst = (guint32 *) (data + (gsize) y * stride);
          const guchar *src = row + height * sizeof (png_bytep) + (gsize) y * width * 4;

          for (png_uint_32 x = 0; x < width; x++)
            {
              const guchar *s = src + 4 * x;
              guint a = s[3];

              dst[x] = (guint32) a << 24 |
                       (guint32) ((s[0] * a + 127) / 255) << 16 |
                       (guint32) ((s[1] * a + 127) / 255) << 8 |
                       (guint32) ((s[2] * a + 127) / 255);
            }
        }
      cairo_surface_mark_dirty (surface);
      png_read_end (png, NULL);
      g_clear_pointer ((guchar **) &row, g_free);
    }

  png_destroy_read_struct (&png, &info, NULL);

  if (width_out)
    *width_out = width;
  if (height_out)
    *height_out = height;
  if (surface_out)
    *surface_out = surface;
  else if (surface != NULL)
    cairo_surface_destroy (surface);

  return TRUE;
}

static FILE *
open_for_reading (const char  *filename,
                  GError     **error)
{
  FILE *fp = g_fopen (filename, "rb");

  if (fp == NULL)
    set_io_error (error, errno, FALSE, filename);

  return fp;
}

/**
 * precis_png_read_info:
 * @filename: (type filename): a PNG file
 * @width: (out) (optional): the image width in pixels
 * @height: (out) (optional): the image height in pixels
 * @texts: (out) (optional) (transfer full) (element-type utf8 utf8): keyword → text
 *   of the text chunks (tEXt, zTXt, iTXt) that precede the image data, as UTF-8
 * @error: return location for a #GError
 *
 * Reads the header and the text chunks of a PNG without decoding its pixels.
 *
 * Returns: whether the file could be read
 */
gboolean
precis_png_read_info (const char  *filename,
                      guint       *width,
                      guint       *height,
                      GHashTable **texts,
                      GError     **error)
{
  g_autoptr(GHashTable) table = NULL;
  gboolean ok;
  FILE *fp;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fp = open_for_reading (filename, error);
  if (fp == NULL)
    return FALSE;

  if (texts != NULL)
    table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ok = decode (fp, filename, READ_INFO, width, height, table, NULL, error);
  fclose (fp);

  if (ok && texts != NULL)
    *texts = g_steal_pointer (&table);

  return ok;
}

/**
 * precis_png_load_surface:
 * @filename: (type filename): a PNG file
 * @error: return location for a #GError
 *
 * Decodes a PNG of any colour type into a new ARGB32 surface.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with @error set
 */
cairo_surface_t *
precis_png_load_surface (const char  *filename,
                         GError     **error)
{
  cairo_surface_t *surface = NULL;
  gboolean ok;
  FILE *fp;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fp = open_for_reading (filename, error);
  if (fp == NULL)
    return NULL;

  ok = decode (fp, filename, READ_PIXELS, NULL, NULL, NULL, &surface, error);
  fclose (fp);

  return ok ? surface : NULL;
}

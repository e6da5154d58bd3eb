/* precis-png.h: self-describing PNG files, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

G_BEGIN_DECLS

/**
 * PrecisPngError:
 * @PRECIS_PNG_ERROR_ENCODE: libpng could not encode the image
 * @PRECIS_PNG_ERROR_DECODE: the file is not a PNG that libpng can read
 * @PRECIS_PNG_ERROR_FORMAT: the surface or a text chunk cannot be stored
 *   (not an image surface, empty, a keyword PNG does not allow)
 *
 * File-system failures use the #G_IO_ERROR domain instead
 * (%G_IO_ERROR_EXISTS when the file exists and overwriting was not asked for).
 */
typedef enum {
  PRECIS_PNG_ERROR_ENCODE,
  PRECIS_PNG_ERROR_DECODE,
  PRECIS_PNG_ERROR_FORMAT,
} PrecisPngError;

#define PRECIS_PNG_ERROR (precis_png_error_quark ())
GQuark precis_png_error_quark (void);

/**
 * PrecisPngText:
 * @keyword: a PNG keyword: 1–79 Latin-1 printable characters (e.g. `Title`)
 * @text: UTF-8 text
 *
 * One text chunk. ASCII texts are stored as `tEXt`, others (and long ones,
 * compressed) as `iTXt`.
 */
typedef struct {
  const char *keyword;
  const char *text;
} PrecisPngText;

/**
 * PrecisPngSaveFlags:
 * @PRECIS_PNG_SAVE_NONE: refuse to replace an existing file
 * @PRECIS_PNG_SAVE_OVERWRITE: replace an existing file
 */
typedef enum {
  PRECIS_PNG_SAVE_NONE      = 0,
  PRECIS_PNG_SAVE_OVERWRITE = 1 << 0,
} PrecisPngSaveFlags;

gboolean         precis_png_save          (cairo_surface_t      *surface,
                                           const char           *filename,
                                           const PrecisPngText  *texts,
                                           guint                 n_texts,
                                           PrecisPngSaveFlags    flags,
                                           GError              **error);

gboolean         precis_png_read_info     (const char           *filename,
                                           guint                *width,
                                           guint                *height,
                                           GHashTable          **texts,
                                           GError              **error);

cairo_surface_t *precis_png_load_surface  (const char           *filename,
                                           GError              **error);

G_END_DECLS

/* precis-thumbnailer.h: image decoding in a thread pool, with a bounded LRU cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PRECIS_TYPE_THUMBNAILER (precis_thumbnailer_get_type ())
G_DECLARE_FINAL_TYPE (PrecisThumbnailer, precis_thumbnailer, PRECIS, THUMBNAILER, GObject)

/* Decodes images scaled to fit @size × @size pixels (≤ 0: full resolution)
 * on up to one thread per core, and keeps the last @cache_size textures. */
PrecisThumbnailer *precis_thumbnailer_new         (int                  size,
                                                   guint                cache_size);

int                precis_thumbnailer_get_size    (PrecisThumbnailer   *self);

/* The cached texture of @path (transfer full), or NULL. Marks it recently used. */
GdkTexture        *precis_thumbnailer_lookup      (PrecisThumbnailer   *self,
                                                   const char          *path);

/* Decodes @path in the pool (or completes at once from the cache). The most
 * recent request is served first, so that a fast scroll shows its last page
 * soon; cancelled requests that have not started are dropped. */
void               precis_thumbnailer_load_async  (PrecisThumbnailer   *self,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GdkTexture        *precis_thumbnailer_load_finish (PrecisThumbnailer   *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Drops every cached texture (a new project). */
void               precis_thumbnailer_clear       (PrecisThumbnailer   *self);

/* Cached textures, and decodes done since creation (for tests). */
guint              precis_thumbnailer_get_n_cached  (PrecisThumbnailer *self);
guint              precis_thumbnailer_get_n_decoded (PrecisThumbnailer *self);

G_END_DECLS

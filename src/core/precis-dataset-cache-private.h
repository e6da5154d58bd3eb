/* precis-dataset-cache-private.h: the cache as the loader uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset-cache.h"
#include "precis-dataset-private.h"
#include "precis-project-private.h"

G_BEGIN_DECLS

/* The key of @spec's inputs (paths, sizes, mtimes, content hashes) as the
 * cache stores it, or NULL when an input cannot be read (no caching). */
GBytes  *_precis_dataset_cache_key   (PrecisProjectSpec *spec);

/* Fills the images, categories, GT and models of @self (which has its name,
 * location, GT file and image folder) from the cache of @key. FALSE, with
 * @self unchanged, on any miss or invalid cache. */
gboolean _precis_dataset_cache_load  (PrecisDataset     *self,
                                      PrecisProjectSpec *spec,
                                      GBytes            *key);

/* The checks and decoding of _precis_dataset_cache_load() on @len bytes. */
gboolean _precis_dataset_cache_decode (PrecisDataset     *self,
                                       PrecisProjectSpec *spec,
                                       GBytes            *key,
                                       const guint8      *data,
                                       gsize              len);
/* A valid header and @key around @body (for the fuzz target). */
GBytes  *_precis_dataset_cache_wrap   (GBytes            *key,
                                       const guint8      *body,
                                       gsize              len);

/* Writes the cache of @self under @key, atomically; failures are ignored
 * (a cache is optional). */
void     _precis_dataset_cache_store (PrecisDataset     *self,
                                      PrecisProjectSpec *spec,
                                      GBytes            *key);

G_END_DECLS

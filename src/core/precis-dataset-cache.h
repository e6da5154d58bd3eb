/* precis-dataset-cache.h: the binary cache of parsed datasets ("instant reopen")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset.h"

G_BEGIN_DECLS

/* The on-disk format version (docs/FORMATS.md, "Dataset cache"). */
#define PRECIS_DATASET_CACHE_VERSION 1

/* Whether precis_dataset_load_project() and precis_dataset_load_files() use the
 * cache: on unless the environment sets PRECIS_NO_CACHE (or
 * PRECIS_LOADER_NO_FAST_PATH, which asks for the reference reader) or
 * precis_dataset_cache_set_enabled (FALSE) was called (`--no-cache`). */
void           precis_dataset_cache_set_enabled (gboolean      enabled);
gboolean       precis_dataset_cache_get_enabled (void);

/* The cache file of project @project (folder or project file), named by a hash
 * of its inputs' absolute paths, in $XDG_CACHE_HOME/precis/datasets/; NULL
 * when the project's description cannot be read. */
GFile         *precis_dataset_cache_get_file    (GFile        *project);

/* The dataset read from the cache of @project only: NULL (and no error) when
 * the cache is missing, stale or invalid. For tests and `precis-cli info`. */
PrecisDataset *precis_dataset_cache_read        (GFile        *project,
                                                 GError      **error);

G_END_DECLS

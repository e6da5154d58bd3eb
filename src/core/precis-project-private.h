/* precis-project-private.h: project descriptions shared by the reader and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "precis-dataset.h"

G_BEGIN_DECLS

/* The `version` member that precis_project_write() writes; files without one
 * are read as version 1. */
#define PRECIS_PROJECT_VERSION 1

typedef struct {
  char      *name;
  GFile     *ground_truth;
  GFile     *images_dir;
  GPtrArray *pred_files;   /* GFile */
  GPtrArray *pred_names;   /* char*, NULL entries for "from the file name" */
} PrecisProjectSpec;

void     _precis_project_spec_init  (PrecisProjectSpec  *spec);
void     _precis_project_spec_clear (PrecisProjectSpec  *spec);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PrecisProjectSpec, _precis_project_spec_clear)

gboolean _precis_project_spec_read  (GFile              *project,
                                     PrecisProjectSpec  *spec,
                                     JsonNode          **root,
                                     GFile             **file,
                                     GCancellable       *cancellable,
                                     GError            **error);

/* Sets "BASENAME: PATH: problem" (or "BASENAME: problem" without @path). */
void     _precis_project_set_error  (GError            **error,
                                     GFile              *file,
                                     int                 code,
                                     const char         *path,
                                     const char         *format,
                                     ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS

/* precis-project.h: editing a project description and writing project files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset.h"

G_BEGIN_DECLS

/**
 * PrecisProject:
 *
 * The description of a project (not its data): the ground-truth file, the
 * image folder and the models' names and files, plus, for a project file,
 * everything else the file holds (members Precis does not know are kept when
 * it is written back). Errors are in %PRECIS_DATASET_ERROR, formatted as the
 * loader's (`FILE: PATH: problem`). Written as docs/FORMATS.md "Project files"
 * describes.
 */
typedef struct _PrecisProject PrecisProject;

/* A folder (gt.json, predictions*.json, images/; or its project.json) or a
 * project file. */
PrecisProject *precis_project_open          (GFile          *location,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* A new description: a ground-truth file and an optional image folder, no model. */
PrecisProject *precis_project_new           (GFile          *ground_truth,
                                             GFile          *images_dir);
void           precis_project_free          (PrecisProject  *project);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisProject, precis_project_free)

/* The project file it was read from, or NULL (a folder without project.json,
 * or precis_project_new()). */
GFile         *precis_project_get_file       (PrecisProject  *project);
GFile         *precis_project_get_ground_truth (PrecisProject *project);
guint          precis_project_get_n_models   (PrecisProject  *project);
/* The name the loader gives (the `name` member, or from the file name). */
const char    *precis_project_get_model_name (PrecisProject  *project,
                                              guint           model);
GFile         *precis_project_get_model_file (PrecisProject  *project,
                                              guint           model);

/* Appends a model. @name NULL: named after the file. Fails (DUPLICATE) when
 * the name is taken or @file is the same file (same resolved path) as a model
 * of the project; a different file with the same content is accepted. */
gboolean       precis_project_add_model      (PrecisProject  *project,
                                              const char     *name,
                                              GFile          *file,
                                              GError        **error);

/* The index of the model named @name, or -1. */
int            precis_project_find_model     (PrecisProject  *project,
                                              const char     *name);
/* The name precis_project_add_model() gives @file when no name is given. */
char          *precis_project_model_name_for_file (GFile     *file);
/* Renames model @model. Fails (VALUE) for an empty name, (DUPLICATE) for a
 * name another model has. */
gboolean       precis_project_rename_model   (PrecisProject  *project,
                                              guint           model,
                                              const char     *name,
                                              GError        **error);
/* Removes model @model (its file is left alone). Fails (VALUE) for the
 * project's only model: a project keeps at least one. */
gboolean       precis_project_remove_model   (PrecisProject  *project,
                                              guint           model,
                                              GError        **error);

/* Reads @file as a results file against the project's ground truth (the same
 * checks and messages as loading the project). */
gboolean       precis_project_check_results  (PrecisProject  *project,
                                              GFile          *file,
                                              GCancellable   *cancellable,
                                              GError        **error);
/* The same, reporting progress (from the calling thread: a worker's). */
gboolean       precis_project_check_results_full (PrecisProject     *project,
                                              GFile              *file,
                                              GCancellable       *cancellable,
                                              PrecisProgressFunc  progress,
                                              gpointer            progress_data,
                                              GError            **error);

/* Writes the description to @dest atomically (a temporary file in the same
 * folder, flushed, then renamed over @dest: on any failure @dest is left as
 * it was). Paths are written relative to @dest's folder; when @dest is the
 * file the project was read from, the paths it held are kept as written. */
gboolean       precis_project_write          (PrecisProject  *project,
                                              GFile          *dest,
                                              GError        **error);

G_END_DECLS

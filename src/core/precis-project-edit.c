/* precis-project-edit.c: editing a project description and writing project files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "precis-dataset-private.h"
#include "precis-project-private.h"
#include "precis-project.h"

struct _PrecisProject
{
  PrecisProjectSpec spec;
  GPtrArray        *names;        /* char*: every model's name, resolved */
  JsonNode         *root;         /* the project file's contents, or NULL */
  GFile            *file;         /* the project file, or NULL */
  GArray           *origin;       /* guint per model: its entry in the file's
                                   * predictions, or G_MAXUINT when added */
};

static PrecisProject *
project_alloc (void)
{
  PrecisProject *self = g_new0 (PrecisProject, 1);

  _precis_project_spec_init (&self->spec);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->origin = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
precis_project_free (PrecisProject *self)
{
  if (self == NULL)
    return;
  _precis_project_spec_clear (&self->spec);
  g_ptr_array_unref (self->names);
  g_array_unref (self->origin);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_object (&self->file);
  g_free (self);
}

/**
 * precis_project_open:
 * @location: a project folder or project file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError in %PRECIS_DATASET_ERROR
 *
 * Reads the description of a project, as precis_dataset_load_project() does,
 * without loading its files.
 *
 * Returns: (transfer full): the description, or %NULL on error
 */
PrecisProject *
precis_project_open (GFile         *location,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(PrecisProject) self = project_alloc ();

  g_return_val_if_fail (G_IS_FILE (location), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_precis_project_spec_read (location, &self->spec, &self->root, &self->file, cancellable, error))
    return NULL;

  for (guint i = 0; i < self->spec.pred_files->len; i++)
    {
      const char *given = g_ptr_array_index (self->spec.pred_names, i);

      g_ptr_array_add (self->names, given != NULL ? g_strdup (given)
                                                  : _precis_model_name_from_file (g_ptr_array_index (self->spec.pred_files, i)));
      g_array_append_val (self->origin, i);
    }
  return g_steal_pointer (&self);
}

/**
 * precis_project_new:
 * @ground_truth: the COCO ground-truth file
 * @images_dir: (nullable): the image folder
 *
 * Returns: (transfer full): a description without models, named after the
 *   folder of @ground_truth
 */
PrecisProject *
precis_project_new (GFile *ground_truth,
                    GFile *images_dir)
{
  PrecisProject *self;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (G_IS_FILE (ground_truth), NULL);

  self = project_alloc ();
  parent = g_file_get_parent (ground_truth);
  base = g_file_get_basename (parent != NULL ? parent : ground_truth);
  self->spec.name = g_filename_display_name (base != NULL ? base : "project");
  self->spec.ground_truth = g_object_ref (ground_truth);
  self->spec.images_dir = images_dir != NULL ? g_object_ref (images_dir) : NULL;
  return self;
}

GFile *
precis_project_get_file (PrecisProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->file;
}

GFile *
precis_project_get_ground_truth (PrecisProject *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->spec.ground_truth;
}

guint
precis_project_get_n_models (PrecisProject *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->names->len;
}

const char *
precis_project_get_model_name (PrecisProject *self,
                               guint          model)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (model < self->names->len, NULL);

  return g_ptr_array_index (self->names, model);
}

GFile *
precis_project_get_model_file (PrecisProject *self,
                               guint          model)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (model < self->names->len, NULL);

  return g_ptr_array_index (self->spec.pred_files, model);
}

/* The path with symbolic links, "." and ".." resolved when the file exists,
 * else made canonical as text. */
static char *
resolved_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  char *real;

  if (path == NULL)
    return g_file_get_uri (file);
  real = realpath (path, NULL);
  if (real != NULL)
    {
      char *copy = g_strdup (real);

      free (real);
      return copy;
    }
  return g_canonicalize_filename (path, NULL);
}

/* What error messages call the project: its file, or its ground truth's folder. */
static GFile *
error_file (PrecisProject *self)
{
  return self->file != NULL ? self->file : self->spec.ground_truth;
}

/**
 * precis_project_add_model:
 * @project: a #PrecisProject
 * @name: (nullable): the model's name; %NULL to name it after @file
 * @file: its COCO results file
 * @error: return location for a #GError (%PRECIS_DATASET_ERROR_DUPLICATE)
 *
 * Appends a model to the description (nothing is written or read).
 *
 * Returns: %TRUE when the name is free and @file is not a model yet
 */
gboolean
precis_project_add_model (PrecisProject  *self,
                          const char     *name,
                          GFile          *file,
                          GError        **error)
{
  g_autofree char *resolved_name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  resolved_name = name != NULL ? g_strdup (name) : _precis_model_name_from_file (file);
  if (*resolved_name == '\0')
    {
      _precis_project_set_error (error, error_file (self), PRECIS_DATASET_ERROR_VALUE, "predictions",
                                 _("a model name must not be empty"));
      return FALSE;
    }

  path = resolved_path (file);
  for (guint i = 0; i < self->names->len; i++)
    {
      g_autofree char *other = resolved_path (g_ptr_array_index (self->spec.pred_files, i));
      g_autofree char *at = g_strdup_printf ("predictions[%u]", i);

      if (g_str_equal (g_ptr_array_index (self->names, i), resolved_name))
        {
          _precis_project_set_error (error, error_file (self), PRECIS_DATASET_ERROR_DUPLICATE, at,
                                     _("the name “%s” is taken: choose another with --name"), resolved_name);
          return FALSE;
        }
      if (g_str_equal (path, other))
        {
          g_autofree char *display = g_filename_display_name (path);

          _precis_project_set_error (error, error_file (self), PRECIS_DATASET_ERROR_DUPLICATE, at,
                                     _("“%s” is already the model “%s”"), display,
                                     (const char *) g_ptr_array_index (self->names, i));
          return FALSE;
        }
    }

  g_ptr_array_add (self->spec.pred_files, g_object_ref (file));
  g_ptr_array_add (self->spec.pred_names, g_strdup (name));
  g_ptr_array_add (self->names, g_steal_pointer (&resolved_name));
  {
    guint added = G_MAXUINT;

    g_array_append_val (self->origin, added);
  }
  return TRUE;
}

/**
 * precis_project_find_model:
 * @project: a #PrecisProject
 * @name: a model name
 *
 * Returns: the index of the model named @name, or -1
 */
int
precis_project_find_model (PrecisProject *self,
                           const char    *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->names->len; i++)
    if (g_str_equal (g_ptr_array_index (self->names, i), name))
      return (int) i;
  return -1;
}

/**
 * precis_project_model_name_for_file:
 * @file: a results file
 *
 * Returns: (transfer full): the name a model of @file gets when none is
 *   given ("predictions_bbox.json" → "bbox")
 */
char *
precis_project_model_name_for_file (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return _precis_model_name_from_file (file);
}

/**
 * precis_project_rename_model:
 * @project: a #PrecisProject
 * @model: a model index
 * @name: its new name
 * @error: return location for a #GError (%PRECIS_DATASET_ERROR_VALUE for an
 *   empty name, %PRECIS_DATASET_ERROR_DUPLICATE for a name another model has)
 *
 * Renames a model (nothing is written). Renaming a model to its own name
 * succeeds and changes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
precis_project_rename_model (PrecisProject  *self,
                             guint           model,
                             const char     *name,
                             GError        **error)
{
  g_autofree char *at = NULL;
  int other;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (model < self->names->len, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  at = g_strdup_printf ("predictions[%u]", model);
  if (*name == '\0')
    {
      _precis_project_set_error (error, error_file (self), PRECIS_DATASET_ERROR_VALUE, at,
                                 _("a model name must not be empty"));
      return FALSE;
    }
  other = precis_project_find_model (self, name);
  if (other == (int) model)
    return TRUE;
  if (other >= 0)
    {
      _precis_project_set_error (error, error_file (self), PRECIS_DATASET_ERROR_DUPLICATE, at,
                                 _("the name “%s” is taken by another model"), name);
      return FALSE;
    }

  g_free (g_ptr_array_index (self->spec.pred_names, model));
  g_ptr_array_index (self->spec.pred_names, model) = g_strdup (name);
  g_free (g_ptr_array_index (self->names, model));
  g_ptr_array_index (self->names, model) = g_strdup (name);
  return TRUE;
}

/**
 * precis_project_remove_model:
 * @project: a #PrecisProject
 * @model: a model index
 * @error: return location for a #GError (%PRECIS_DATASET_ERROR_VALUE when
 *   @model is the project's only model)
 *
 * Removes a model from the description (its results file is left alone;
 * nothing is written). A project keeps at least one model.
 *
 * Returns: %TRUE on success
 */
gboolean
precis_project_remove_model (PrecisProject  *self,
                             guint           model,
                             GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (model < self->names->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->names->len == 1)
    {
      _precis_project_set_error (error, error_file (self), PRECIS_DATASET_ERROR_VALUE, "predictions",
                                 _("“%s” is the project's only model: a project keeps at least one"),
                                 (const char *) g_ptr_array_index (self->names, 0));
      return FALSE;
    }

  g_ptr_array_remove_index (self->spec.pred_files, model);
  g_ptr_array_remove_index (self->spec.pred_names, model);
  g_ptr_array_remove_index (self->names, model);
  g_array_remove_index (self->origin, model);
  return TRUE;
}

/**
 * precis_project_check_results_full:
 * @project: a #PrecisProject
 * @file: a COCO results file
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope call): called from the calling thread as
 *   the files are read
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Loads the ground truth and @file, which reports every problem of @file
 * exactly as loading the project would.
 *
 * Returns: %TRUE when @file is a valid results file for the project
 */
gboolean
precis_project_check_results_full (PrecisProject       *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   PrecisProgressFunc   progress,
                                   gpointer             progress_data,
                                   GError             **error)
{
  g_autoptr(PrecisDataset) dataset = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  dataset = precis_dataset_load_files (self->spec.ground_truth, &file, NULL, 1, NULL,
                                       cancellable, progress, progress_data, error);
  return dataset != NULL;
}

/**
 * precis_project_check_results:
 * @project: a #PrecisProject
 * @file: a COCO results file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * precis_project_check_results_full() without progress.
 *
 * Returns: %TRUE when @file is a valid results file for the project
 */
gboolean
precis_project_check_results (PrecisProject  *self,
                              GFile          *file,
                              GCancellable   *cancellable,
                              GError        **error)
{
  return precis_project_check_results_full (self, file, cancellable, NULL, NULL, error);
}

/* @file relative to the folder @dir ("../runs/a.json"), or absolute when
 * they share nothing but the root. */
static char *
relative_path (GFile *dir,
               GFile *file)
{
  g_autofree char *d = dir != NULL ? g_file_get_path (dir) : NULL;
  g_autofree char *f = g_file_get_path (file);
  g_auto(GStrv) dp = NULL;
  g_auto(GStrv) fp = NULL;
  GString *out;
  guint common = 0, nd, nf;

  if (f == NULL)
    return g_file_get_uri (file);
  if (d == NULL)
    return g_steal_pointer (&f);

  dp = g_strsplit (d, G_DIR_SEPARATOR_S, -1);
  fp = g_strsplit (f, G_DIR_SEPARATOR_S, -1);
  nd = g_strv_length (dp);
  nf = g_strv_length (fp);
  /* "/" splits into "", "": drop the empty last part of the root. */
  if (nd > 0 && dp[nd - 1][0] == '\0')
    nd--;
  while (common < nd && common < nf - 1 && g_str_equal (dp[common], fp[common]))
    common++;
  if (common <= 1)
    return g_steal_pointer (&f);

  out = g_string_new (NULL);
  for (guint i = common; i < nd; i++)
    g_string_append (out, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; i < nf; i++)
    {
      g_string_append (out, fp[i]);
      if (i + 1 < nf)
        g_string_append (out, G_DIR_SEPARATOR_S);
    }
  return g_string_free (out, FALSE);
}

static JsonObject *
model_entry (PrecisProject *self,
             guint          i,
             GFile         *dest_dir)
{
  JsonObject *e = json_object_new ();
  g_autofree char *rel = relative_path (dest_dir, g_ptr_array_index (self->spec.pred_files, i));

  json_object_set_string_member (e, "name", g_ptr_array_index (self->names, i));
  json_object_set_string_member (e, "path", rel);
  return e;
}

/* A shallow copy of @e whose members can be replaced without touching @e. */
static JsonObject *
copy_object (JsonObject *e)
{
  JsonObject *copy = json_object_new ();
  GList *members = json_object_get_members (e);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (e, l->data)));
  g_list_free (members);
  return copy;
}

/* Whether model @i was renamed: it has a name of its own that its entry in
 * the file does not give. */
static gboolean
renamed (PrecisProject *self,
         guint          i,
         JsonObject    *e)
{
  const char *given = g_ptr_array_index (self->spec.pred_names, i);
  JsonNode *name = json_object_get_member (e, "name");

  if (given == NULL)
    return FALSE;
  return name == NULL || JSON_NODE_TYPE (name) != JSON_NODE_VALUE ||
         json_node_get_value_type (name) != G_TYPE_STRING ||
         g_strcmp0 (json_node_get_string (name), given) != 0;
}

/* The predictions list: the file's entries still in the project, in the
 * project's order (unknown members kept; paths rebased unless @same; names
 * replaced when renamed), then the added models. */
static JsonArray *
predictions_array (PrecisProject *self,
                   JsonNode      *original,
                   GFile         *dest_dir,
                   gboolean       same)
{
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < self->names->len; i++)
    {
      guint from = g_array_index (self->origin, guint, i);
      JsonObject *e;

      if (from == G_MAXUINT || original == NULL)
        {
          json_array_add_object_element (out, model_entry (self, i, dest_dir));
          continue;
        }
      e = json_node_get_object (json_array_get_element (json_node_get_array (original), from));
      if (same && !renamed (self, i, e))
        e = json_object_ref (e);
      else
        {
          gboolean rename = renamed (self, i, e);

          e = copy_object (e);
          if (!same)
            {
              g_autofree char *rel = relative_path (dest_dir, g_ptr_array_index (self->spec.pred_files, i));

              json_object_set_string_member (e, "path", rel);
            }
          if (rename)
            json_object_set_string_member (e, "name", g_ptr_array_index (self->names, i));
        }
      json_array_add_object_element (out, e);
    }
  return out;
}

static void
set_path_member (JsonObject *obj,
                 const char *name,
                 GFile      *dest_dir,
                 GFile      *file)
{
  g_autofree char *rel = relative_path (dest_dir, file);

  json_object_set_string_member (obj, name, rel);
}

/* The JSON to write: `version` first, then every member of the file in its
 * order (or the known members of a folder project). */
static JsonNode *
build_root (PrecisProject *self,
            GFile         *dest_dir,
            gboolean       same)
{
  JsonObject *out = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  gboolean have_preds = FALSE;

  json_object_set_int_member (out, "version", PRECIS_PROJECT_VERSION);
  if (self->root != NULL)
    {
      JsonObject *top = json_node_get_object (self->root);
      GList *members = json_object_get_members (top);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *value = json_object_get_member (top, name);

          if (g_str_equal (name, "version"))
            continue;
          if (g_str_equal (name, "predictions"))
            {
              JsonNode *orig = JSON_NODE_TYPE (value) == JSON_NODE_ARRAY ? value : NULL;

              json_object_set_array_member (out, name, predictions_array (self, orig, dest_dir, same));
              have_preds = TRUE;
            }
          else if (!same && g_str_equal (name, "ground_truth"))
            set_path_member (out, name, dest_dir, self->spec.ground_truth);
          else if (!same && g_str_equal (name, "images") && self->spec.images_dir != NULL)
            set_path_member (out, name, dest_dir, self->spec.images_dir);
          else
            json_object_set_member (out, name, json_node_copy (value));
        }
      g_list_free (members);
    }
  else
    {
      json_object_set_string_member (out, "name", self->spec.name);
      set_path_member (out, "ground_truth", dest_dir, self->spec.ground_truth);
    }
  if (!have_preds)
    json_object_set_array_member (out, "predictions", predictions_array (self, NULL, dest_dir, same));
  if (self->root == NULL && self->spec.images_dir != NULL)
    set_path_member (out, "images", dest_dir, self->spec.images_dir);

  json_node_take_object (node, out);
  return node;
}

/**
 * precis_project_write:
 * @project: a #PrecisProject
 * @dest: the project file to write (replaced atomically when it exists)
 * @error: return location for a #GError (%PRECIS_DATASET_ERROR_IO, naming @dest)
 *
 * Writes the description as a project file with `"version": 1`. The file is
 * first written in full to a temporary file beside @dest, flushed to disk and
 * then renamed over @dest, so a full disk or a crash leaves @dest as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
precis_project_write (PrecisProject  *self,
                      GFile          *dest,
                      GError        **error)
{
  g_autoptr(GFile) dest_dir = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  gboolean same = FALSE;
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (dest);
  if (path == NULL)
    {
      _precis_project_set_error (error, dest, PRECIS_DATASET_ERROR_IO, NULL,
                                 _("cannot write: not a local file"));
      return FALSE;
    }
  if (self->file != NULL)
    {
      g_autofree char *a = resolved_path (self->file);
      g_autofree char *b = resolved_path (dest);

      same = g_str_equal (a, b);
    }

  dest_dir = g_file_get_parent (dest);
  root = build_root (self, dest_dir, same);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  {
    char *with_newline = g_strconcat (text, "\n", NULL);

    g_free (text);
    text = with_newline;
    len++;
  }

  if (!g_file_set_contents_full (path, text, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      _precis_project_set_error (error, dest, PRECIS_DATASET_ERROR_IO, NULL,
                                 _("cannot write the project file: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

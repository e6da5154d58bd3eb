/* precis-project.c: project folders and project files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project is either
 *  - a folder holding `gt.json`, one or more `predictions*.json` (one model each,
 *    named after the file: predictions_bbox.json → "bbox", predictions.json →
 *    "predictions") and an optional `images/` folder; a `project.json` inside the
 *    folder takes precedence; or
 *  - a project file { "name", "ground_truth", "predictions": [{ "name", "path" }],
 *    "images" }, paths relative to the file's folder.
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "precis-dataset-private.h"
#include "precis-format-private.h"
#include "precis-project-private.h"
#include "precis-dataset-cache-private.h"

void
_precis_project_set_error (GError    **error,
                   GFile      *file,
                   int         code,
                   const char *path,
                   const char *format,
                   ...)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (base ? base : "?");
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL)
    g_set_error (error, PRECIS_DATASET_ERROR, code, "%s: %s: %s", display, path, problem);
  else
    g_set_error (error, PRECIS_DATASET_ERROR, code, "%s: %s", display, problem);
}

char *
_precis_model_name_from_file (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (base ? base : "predictions");
  const char *name = display;
  gsize len;

  if (g_str_has_suffix (display, ".json"))
    display[strlen (display) - strlen (".json")] = '\0';

  if (g_str_has_prefix (name, "predictions"))
    {
      const char *rest = name + strlen ("predictions");

      while (*rest == '_' || *rest == '-' || *rest == '.' || *rest == ' ')
        rest++;
      if (*rest != '\0')
        name = rest;
    }

  len = strlen (name);
  if (len == 0)
    return g_strdup ("predictions");

  return g_strdup (name);
}

static int
compare_files_by_name (gconstpointer a,
                       gconstpointer b)
{
  g_autofree char *x = g_file_get_basename (*(GFile **) a);
  g_autofree char *y = g_file_get_basename (*(GFile **) b);

  return g_strcmp0 (x, y);
}


void
_precis_project_spec_clear (PrecisProjectSpec *spec)
{
  g_clear_pointer (&spec->name, g_free);
  g_clear_object (&spec->ground_truth);
  g_clear_object (&spec->images_dir);
  g_clear_pointer (&spec->pred_files, g_ptr_array_unref);
  g_clear_pointer (&spec->pred_names, g_ptr_array_unref);
}

void
_precis_project_spec_init (PrecisProjectSpec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->pred_files = g_ptr_array_new_with_free_func (g_object_unref);
  spec->pred_names = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
scan_folder (GFile         *folder,
             PrecisProjectSpec   *spec,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) images = g_file_get_child (folder, "images");
  g_autofree char *base = g_file_get_basename (folder);

  spec->name = g_filename_display_name (base ? base : "project");
  spec->ground_truth = g_file_get_child (folder, "gt.json");

  if (g_file_query_file_type (images, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    spec->images_dir = g_object_ref (images);

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (enumerator == NULL)
    {
      _precis_project_set_error (error, folder, PRECIS_DATASET_ERROR_PROJECT, NULL,
                         _("cannot list the folder: %s"), local_error->message);
      return FALSE;
    }

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &local_error))
        {
          _precis_project_set_error (error, folder, PRECIS_DATASET_ERROR_PROJECT, NULL,
                             _("cannot list the folder: %s"), local_error->message);
          return FALSE;
        }
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (g_str_has_prefix (name, "predictions") && g_str_has_suffix (name, ".json"))
        g_ptr_array_add (spec->pred_files, g_object_ref (child));
    }

  g_ptr_array_sort (spec->pred_files, compare_files_by_name);
  for (guint i = 0; i < spec->pred_files->len; i++)
    g_ptr_array_add (spec->pred_names, NULL);

  if (g_file_query_file_type (spec->ground_truth, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_REGULAR &&
      !_precis_format_scan_folder (folder, spec, cancellable))
    {
      _precis_project_set_error (error, folder, PRECIS_DATASET_ERROR_PROJECT, NULL,
                         _("not a project: the folder has no gt.json"));
      return FALSE;
    }

  return TRUE;
}

static const char *
get_string_member (JsonObject *obj,
                   const char *name,
                   GFile      *file,
                   const char *path,
                   gboolean    required,
                   GError    **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    {
      if (required)
        _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_MISSING, path,
                           _("required member is missing"));
      return NULL;
    }

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_TYPE, path, _("expected a string"));
      return NULL;
    }

  return json_node_get_string (node);
}

/* `version`: absent (files written before it existed) or an integer from 1 to
 * PRECIS_PROJECT_VERSION. */
static gboolean
check_version (JsonObject *top,
               GFile      *file,
               GError    **error)
{
  JsonNode *node = json_object_get_member (top, "version");
  gint64 v;

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_TYPE, "version", _("expected an integer"));
      return FALSE;
    }
  v = json_node_get_int (node);
  if (v < 1)
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_VALUE, "version",
                                 _("version %" PRId64 " is not a project file version (1 or more)"), v);
      return FALSE;
    }
  if (v > PRECIS_PROJECT_VERSION)
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_VALUE, "version",
                                 _("version %" PRId64 " was written by a newer Precis (this one reads up to %d)"),
                                 v, PRECIS_PROJECT_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_project_file (GFile              *file,
                   PrecisProjectSpec  *spec,
                   JsonNode          **root_out,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base = g_file_get_basename (file);
  GError *inner = NULL;
  JsonObject *top;
  JsonNode *root, *preds;
  const char *str;
  gsize len;

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_IO, NULL, _("no such file or folder"));
      else
        _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_IO, NULL, "%s", local_error->message);
      return FALSE;
    }

  /* Project files are small; anything big is probably a COCO file given by mistake. */
  if (len > 16 * 1024 * 1024)
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_PROJECT, NULL,
                         _("not a project file (larger than 16 MiB): give a folder or a project file, "
                           "or the COCO files with --gt and --pred"));
      return FALSE;
    }

  if (len == 0 || !g_utf8_validate_len (contents, len, NULL) ||
      !json_parser_load_from_data (parser, contents, len, &local_error))
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_PARSE, NULL, _("not valid JSON: %s"),
                         local_error ? local_error->message : (len == 0 ? _("the file is empty") : _("invalid UTF-8")));
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_PROJECT, NULL,
                         _("not a project file: expected an object { \"name\", \"ground_truth\", \"predictions\", \"images\" }"));
      return FALSE;
    }
  top = json_node_get_object (root);

  if (json_object_has_member (top, "annotations") || json_object_has_member (top, "categories"))
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_PROJECT, NULL,
                         _("this is a COCO ground-truth file, not a project: give it with --gt"));
      return FALSE;
    }

  if (!check_version (top, file, error))
    return FALSE;

  str = get_string_member (top, "name", file, "name", FALSE, &inner);
  if (inner != NULL)
    {
      g_propagate_error (error, inner);
      return FALSE;
    }
  if (str != NULL)
    spec->name = g_strdup (str);
  else
    {
      spec->name = g_filename_display_name (base ? base : "project");
      if (g_str_has_suffix (spec->name, ".json"))
        spec->name[strlen (spec->name) - strlen (".json")] = '\0';
    }

  str = get_string_member (top, "ground_truth", file, "ground_truth", TRUE, error);
  if (str == NULL)
    return FALSE;
  spec->ground_truth = g_file_resolve_relative_path (dir, str);

  str = get_string_member (top, "images", file, "images", FALSE, &inner);
  if (inner != NULL)
    {
      g_propagate_error (error, inner);
      return FALSE;
    }
  if (str != NULL)
    spec->images_dir = g_file_resolve_relative_path (dir, str);

  preds = json_object_get_member (top, "predictions");
  if (preds != NULL && JSON_NODE_TYPE (preds) != JSON_NODE_NULL)
    {
      JsonArray *array;

      if (JSON_NODE_TYPE (preds) != JSON_NODE_ARRAY)
        {
          _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_TYPE, "predictions",
                             _("expected a list of { \"name\", \"path\" } objects"));
          return FALSE;
        }
      array = json_node_get_array (preds);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *path = g_strdup_printf ("predictions[%u]", i);
          g_autofree char *path_path = g_strdup_printf ("predictions[%u].path", i);
          g_autofree char *name_path = g_strdup_printf ("predictions[%u].name", i);
          JsonObject *obj;
          const char *name;

          if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
            {
              _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_TYPE, path,
                                 _("expected an object { \"name\", \"path\" }"));
              return FALSE;
            }
          obj = json_node_get_object (node);

          str = get_string_member (obj, "path", file, path_path, TRUE, error);
          if (str == NULL)
            return FALSE;
          name = get_string_member (obj, "name", file, name_path, FALSE, &inner);
          if (inner != NULL)
            {
              g_propagate_error (error, inner);
              return FALSE;
            }

          g_ptr_array_add (spec->pred_files, g_file_resolve_relative_path (dir, str));
          g_ptr_array_add (spec->pred_names, g_strdup (name));
        }
    }

  if (root_out != NULL)
    *root_out = json_node_copy (root);
  return TRUE;
}

static PrecisDataset *
load_spec (PrecisProjectSpec        *spec,
           GFile              *location,
           GCancellable       *cancellable,
           PrecisProgressFunc  progress,
           gpointer            progress_data,
           GError            **error)
{
  g_autoptr(PrecisDataset) self = _precis_dataset_new ();
  g_autofree char *gt_stage = NULL;
  PrecisLoadProgress p = { progress, progress_data, 0.0, 0.0, NULL };
  double total = 0.0, done = 0.0;
  g_autofree double *sizes = g_new0 (double, spec->pred_files->len + 1);
  double gt_size;
  g_autoptr(GBytes) key = NULL;

  /* Progress is shared by file size. */
  gt_size = 1.0;
  {
    g_autoptr(GFileInfo) info = g_file_query_info (spec->ground_truth, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, cancellable, NULL);
    if (info != NULL)
      gt_size += g_file_info_get_size (info);
  }
  total = gt_size;
  for (guint i = 0; i < spec->pred_files->len; i++)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (g_ptr_array_index (spec->pred_files, i),
                                                     G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, NULL);
      sizes[i] = 1.0 + (info != NULL ? g_file_info_get_size (info) : 0);
      total += sizes[i];
    }

  self->name = g_strdup (spec->name);
  self->location = location ? g_object_ref (location) : NULL;
  self->ground_truth = g_object_ref (spec->ground_truth);
  self->images_dir = spec->images_dir ? g_object_ref (spec->images_dir) : NULL;

  /* A valid cache of these very inputs stands for the parse (never a stale one). */
  if (precis_dataset_cache_get_enabled ())
    key = _precis_dataset_cache_key (spec);
  if (key != NULL && _precis_dataset_cache_load (self, spec, key))
    {
      /* The task (detection or classification) is decided from the loaded
       * annotations, as after a parse. */
      if (!_precis_dataset_check_task (self, error))
        return NULL;
      if (progress != NULL)
        progress (1.0, _("Done"), progress_data);
      return g_steal_pointer (&self);
    }

  p.base = 0.0;
  p.span = gt_size / total;
  p.stage = _("Reading the ground truth");
  if (!_precis_format_load_gt (self, spec->ground_truth, spec->images_dir, &p, cancellable, error))
    return NULL;
  done = gt_size;

  for (guint i = 0; i < spec->pred_files->len; i++)
    {
      GFile *file = g_ptr_array_index (spec->pred_files, i);
      const char *given = g_ptr_array_index (spec->pred_names, i);
      g_autofree char *name = given ? g_strdup (given) : _precis_model_name_from_file (file);
      g_autofree char *stage = g_strdup_printf (_("Reading the predictions of “%s”"), name);
      PrecisAnnotations *anns;

      p.base = done / total;
      p.span = sizes[i] / total;
      p.stage = stage;
      anns = _precis_format_load_results (self, file, &p, cancellable, error);
      if (anns == NULL)
        return NULL;
      _precis_dataset_add_model (self, name, file, anns);
      done += sizes[i];
    }

  if (!_precis_dataset_check_task (self, error))
    return NULL;

  /* Classification projects are not cached: the cache holds objects with
   * geometry, and their image labels are cheap to parse. */
  if (key != NULL && !precis_dataset_is_classification (self))
    _precis_dataset_cache_store (self, spec, key);
  if (progress != NULL)
    progress (1.0, _("Done"), progress_data);

  return g_steal_pointer (&self);
}

/*
 * Reads the description of @project (a folder, a folder with project.json,
 * or a project file) into @spec. @root receives the parsed project file
 * (NULL for a plain folder) and @file the project file itself.
 */
gboolean
_precis_project_spec_read (GFile              *project,
                           PrecisProjectSpec  *spec,
                           JsonNode          **root,
                           GFile             **file,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(GFile) project_json = NULL;
  GFileType type;

  if (root != NULL)
    *root = NULL;
  if (file != NULL)
    *file = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  type = g_file_query_file_type (project, G_FILE_QUERY_INFO_NONE, cancellable);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      project_json = g_file_get_child (project, "project.json");
      if (g_file_query_file_type (project_json, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_REGULAR)
        return scan_folder (project, spec, cancellable, error);
      project = project_json;
    }
  else if (type == G_FILE_TYPE_UNKNOWN)
    {
      _precis_project_set_error (error, project, PRECIS_DATASET_ERROR_IO, NULL, _("no such file or folder"));
      return FALSE;
    }

  if (!read_project_file (project, spec, root, cancellable, error))
    return FALSE;
  if (file != NULL)
    *file = g_object_ref (project);
  return TRUE;
}

/**
 * precis_dataset_load_project:
 * @project: a project folder or project file
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope call): progress callback, called from this thread
 * @progress_data: data for @progress
 * @error: return location for a #GError in %PRECIS_DATASET_ERROR (or
 *   %G_IO_ERROR_CANCELLED)
 *
 * Loads a project: a folder holding `gt.json`, `predictions*.json` (one model
 * each, sorted by file name) and an optional `images/` folder, or a project
 * JSON file `{ "name", "ground_truth", "predictions": [{ "name", "path" }],
 * "images" }` with paths relative to it. A folder holding `project.json` is
 * loaded from that file. Blocks: run it in a thread for the GUI.
 *
 * Returns: (transfer full): the immutable dataset, or %NULL on error
 */
PrecisDataset *
precis_dataset_load_project (GFile              *project,
                             GCancellable       *cancellable,
                             PrecisProgressFunc  progress,
                             gpointer            progress_data,
                             GError            **error)
{
  g_auto(PrecisProjectSpec) spec;

  g_return_val_if_fail (G_IS_FILE (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _precis_project_spec_init (&spec);
  if (!_precis_project_spec_read (project, &spec, NULL, NULL, cancellable, error))
    return NULL;

  return load_spec (&spec, project, cancellable, progress, progress_data, error);
}

/**
 * precis_dataset_load_files:
 * @ground_truth: a COCO ground-truth file
 * @predictions: (array length=n_predictions) (nullable): COCO results files
 * @pred_names: (array length=n_predictions) (nullable): display names, or %NULL
 *   (or %NULL entries) to name each model after its file
 * @n_predictions: the number of results files
 * @images_dir: (nullable): the image folder
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope call): progress callback, called from this thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Loads explicit files. The dataset is named after the folder of @ground_truth.
 *
 * Returns: (transfer full): the immutable dataset, or %NULL on error
 */
PrecisDataset *
precis_dataset_load_files (GFile              *ground_truth,
                           GFile             **predictions,
                           const char * const *pred_names,
                           guint               n_predictions,
                           GFile              *images_dir,
                           GCancellable       *cancellable,
                           PrecisProgressFunc  progress,
                           gpointer            progress_data,
                           GError            **error)
{
  g_auto(PrecisProjectSpec) spec;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (G_IS_FILE (ground_truth), NULL);
  g_return_val_if_fail (n_predictions == 0 || predictions != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _precis_project_spec_init (&spec);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  parent = g_file_get_parent (ground_truth);
  base = parent ? g_file_get_basename (parent) : g_file_get_basename (ground_truth);
  spec.name = g_filename_display_name (base ? base : "project");
  spec.ground_truth = g_object_ref (ground_truth);
  spec.images_dir = images_dir ? g_object_ref (images_dir) : NULL;
  for (guint i = 0; i < n_predictions; i++)
    {
      g_ptr_array_add (spec.pred_files, g_object_ref (predictions[i]));
      g_ptr_array_add (spec.pred_names, g_strdup (pred_names ? pred_names[i] : NULL));
    }

  return load_spec (&spec, parent, cancellable, progress, progress_data, error);
}

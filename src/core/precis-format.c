/* precis-format.c: which format a project's files are in, and the dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Detection (docs/FORMATS.md): a ground truth named *.yaml or *.yml is YOLO's
 * data.yaml; *.xml is CVAT for images 1.1; a folder holding Annotations/ is
 * Pascal VOC; anything else is COCO JSON. A model's predictions given as a
 * folder are VOC's when the folder holds comp4_det_test_CLASS.txt files, YOLO's
 * label files otherwise; *.xml is CVAT; another file is COCO. A project folder
 * without gt.json is YOLO's when it holds data.yaml (models in
 * predictions/NAME/), CVAT's when it holds annotations.xml (models
 * predictions/NAME.xml, images in images/), VOC's when it holds Annotations/
 * (models in results/NAME/, images in JPEGImages/), Label Studio's when it
 * holds tasks.json. A JSON ground truth that is a list is Label Studio's
 * export, whose predictions blocks are its models.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "precis-format-private.h"

static const char *const format_names[PRECIS_N_FORMATS] = { "coco", "yolo", "voc", "cvat", "label-studio" };

const char *
precis_format_to_string (PrecisFormat format)
{
  g_return_val_if_fail (format < PRECIS_N_FORMATS, NULL);
  return format_names[format];
}

gboolean
precis_format_from_string (const char   *str,
                           PrecisFormat *format)
{
  for (guint f = 0; f < PRECIS_N_FORMATS; f++)
    if (g_ascii_strcasecmp (str, format_names[f]) == 0)
      {
        *format = f;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_dir (GFile        *folder,
        const char   *child,
        GCancellable *cancellable)
{
  g_autoptr(GFile) file = child != NULL ? g_file_get_child (folder, child) : g_object_ref (folder);

  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY;
}

/* Whether the file looks like Label Studio's export: a list (its first byte
 * that is not white space is '[') whose first 4 KiB name the tasks' "data" and
 * no "image_id" (a COCO results list, given as ground truth by mistake, keeps
 * the COCO loader's message). */
static gboolean
is_label_studio (GFile *file)
{
  g_autoptr(GFileInputStream) in = NULL;
  char buf[4097];
  gsize n = 0;

  /* Only a regular file is read: opening a FIFO without a writer would block
   * (the loader then refuses anything else with its own message). */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_REGULAR)
    return FALSE;
  in = g_file_read (file, NULL, NULL);
  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), buf, sizeof buf - 1, &n, NULL, NULL) || n == 0)
    return FALSE;
  buf[n] = '\0';
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isspace (buf[i]))
      return buf[i] == '[' && strstr (buf, "\"data\"") != NULL && strstr (buf, "\"image_id\"") == NULL;
  return FALSE;
}

PrecisFormat
_precis_format_detect_gt (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  if (base != NULL && (g_str_has_suffix (base, ".yaml") || g_str_has_suffix (base, ".yml")))
    return PRECIS_FORMAT_YOLO;
  if (base != NULL && g_str_has_suffix (base, ".xml"))
    return PRECIS_FORMAT_CVAT;
  if (is_dir (file, "Annotations", NULL))
    return PRECIS_FORMAT_VOC;
  if (is_label_studio (file))
    return PRECIS_FORMAT_LABEL_STUDIO;
  return PRECIS_FORMAT_COCO;
}

static gboolean
holds_voc_results (GFile *dir)
{
  g_autoptr(GFileEnumerator) en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                             G_FILE_QUERY_INFO_NONE, NULL, NULL);

  for (;;)
    {
      GFileInfo *info;

      if (en == NULL || !g_file_enumerator_iterate (en, &info, NULL, NULL, NULL) || info == NULL)
        return FALSE;
      if (g_str_has_prefix (g_file_info_get_name (info), "comp4_det_test_"))
        return TRUE;
    }
}

/* The sub-folders of @folder/@child (or with @suffix, its files NAME@suffix),
 * sorted by name, as models. */
static void
add_model_files (GFile             *folder,
                 const char        *child,
                 const char        *suffix,
                 PrecisProjectSpec *spec,
                 GCancellable      *cancellable)
{
  g_autoptr(GFile) parent = g_file_get_child (folder, child);
  g_autoptr(GFileEnumerator) en = g_file_enumerate_children (parent, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                             G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      GFileInfo *info;

      if (en == NULL || !g_file_enumerator_iterate (en, &info, NULL, cancellable, NULL) || info == NULL)
        break;
      if (suffix == NULL ? g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                         : g_str_has_suffix (g_file_info_get_name (info), suffix))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_sort (names, _precis_format_compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_ptr_array_add (spec->pred_files, g_file_get_child (parent, names->pdata[i]));
      g_autofree char *display = g_filename_display_name (names->pdata[i]);

      if (suffix != NULL)
        display[strlen (display) - strlen (suffix)] = '\0';
      g_ptr_array_add (spec->pred_names, g_steal_pointer (&display));
    }
}

gboolean
_precis_format_scan_folder (GFile             *folder,
                            PrecisProjectSpec *spec,
                            GCancellable      *cancellable)
{
  g_autoptr(GFile) yaml = g_file_get_child (folder, "data.yaml");

  if (g_file_query_file_type (yaml, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR)
    {
      g_set_object (&spec->ground_truth, yaml);
      g_clear_object (&spec->images_dir);
      add_model_files (folder, "predictions", NULL, spec, cancellable);
      return TRUE;
    }
  g_clear_object (&yaml);
  yaml = g_file_get_child (folder, "annotations.xml");
  if (g_file_query_file_type (yaml, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR)
    {
      g_set_object (&spec->ground_truth, yaml);
      g_clear_object (&spec->images_dir);
      add_model_files (folder, "predictions", ".xml", spec, cancellable);
      return TRUE;
    }
  g_clear_object (&yaml);
  yaml = g_file_get_child (folder, "tasks.json");
  if (g_file_query_file_type (yaml, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR)
    {
      g_autoptr(GFile) images = g_file_get_child (folder, "images");

      g_set_object (&spec->ground_truth, yaml);
      g_clear_object (&spec->images_dir);
      if (is_dir (images, NULL, cancellable))
        spec->images_dir = g_steal_pointer (&images);
      return TRUE;
    }
  if (is_dir (folder, "Annotations", cancellable))
    {
      g_autoptr(GFile) images = g_file_get_child (folder, "JPEGImages");

      g_set_object (&spec->ground_truth, folder);
      g_clear_object (&spec->images_dir);
      if (is_dir (images, NULL, cancellable))
        spec->images_dir = g_steal_pointer (&images);
      add_model_files (folder, "results", NULL, spec, cancellable);
      return TRUE;
    }
  return FALSE;
}

/* Label Studio: the ground truth and the models of one file. */
static gboolean
load_label_studio (PrecisDataset      *self,
                   GFile              *file,
                   GFile              *images_dir,
                   PrecisLoadProgress *progress,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *display = _precis_loader_display_name (file);
  char *coco = NULL;

  if (!_precis_label_studio_read (file, &coco, &names, &texts, error))
    return FALSE;
  if (images_dir == NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autoptr(GFile) images = g_file_get_child (parent, "images");

      if (is_dir (images, NULL, cancellable))
        g_set_object (&self->images_dir, images);
    }
  if (!_precis_load_ground_truth_text (self, display, coco, self->images_dir, progress, cancellable, error))
    return FALSE;
  for (guint m = 0; m < names->len; m++)
    {
      PrecisAnnotations *anns = _precis_load_results_text (self, names->pdata[m], g_steal_pointer (&texts->pdata[m]),
                                                           NULL, cancellable, error);

      if (anns == NULL)
        return FALSE;
      _precis_dataset_add_model (self, names->pdata[m], file, anns);
    }
  return TRUE;
}

gboolean
_precis_format_load_gt (PrecisDataset      *self,
                        GFile              *file,
                        GFile              *images_dir,
                        PrecisLoadProgress *progress,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(GFile) format_images = NULL;
  g_autofree char *display = NULL;
  char *coco = NULL;
  gboolean ok;

  switch (_precis_format_detect_gt (file))
    {
    case PRECIS_FORMAT_YOLO:
      ok = _precis_yolo_read_gt (file, &coco, &format_images, cancellable, error);
      break;
    case PRECIS_FORMAT_VOC:
      ok = _precis_voc_read_gt (file, &coco, &format_images, cancellable, error);
      break;
    case PRECIS_FORMAT_CVAT:
      ok = _precis_cvat_read_gt (file, &coco, &format_images, cancellable, error);
      break;
    case PRECIS_FORMAT_LABEL_STUDIO:
      return load_label_studio (self, file, images_dir, progress, cancellable, error);
    case PRECIS_FORMAT_COCO:
    default:
      return _precis_load_ground_truth (self, file, images_dir, progress, cancellable, error);
    }
  if (!ok)
    return FALSE;

  /* The format's own image folder, unless the caller named one. */
  if (images_dir == NULL && format_images != NULL)
    g_set_object (&self->images_dir, format_images);
  display = _precis_loader_display_name (file);
  return _precis_load_ground_truth_text (self, display, coco, self->images_dir, progress, cancellable, error);
}

PrecisAnnotations *
_precis_format_load_results (PrecisDataset      *self,
                             GFile              *file,
                             PrecisLoadProgress *progress,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autofree char *display = NULL;
  char *coco;

  g_autofree char *base = g_file_get_basename (file);

  if (base != NULL && g_str_has_suffix (base, ".xml"))
    coco = _precis_cvat_read_results (self, file, cancellable, error);
  else if (!is_dir (file, NULL, cancellable))
    return _precis_load_results (self, file, progress, cancellable, error);
  else if (holds_voc_results (file))
    coco = _precis_voc_read_results (self, file, cancellable, error);
  else
    coco = _precis_yolo_read_results (self, file, cancellable, error);
  if (coco == NULL)
    return NULL;
  display = _precis_loader_display_name (file);
  return _precis_load_results_text (self, display, coco, progress, cancellable, error);
}

/**
 * precis_format_export:
 * @dataset: a loaded project
 * @format: the format to write
 * @out: the output folder
 * @force: whether to write into a folder that is not empty
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @dataset's ground truth, its images and every model's predictions in
 * @format (docs/FORMATS.md says what each format keeps). Each file is written
 * atomically; the format's top file (data.yaml) comes last.
 *
 * Returns: whether everything was written
 */
gboolean
precis_format_export (PrecisDataset *dataset,
                      PrecisFormat   format,
                      GFile         *out,
                      gboolean       force,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (out), FALSE);

  if (!_precis_format_prepare_out (out, force, error))
    return FALSE;
  switch (format)
    {
    case PRECIS_FORMAT_YOLO:
      return _precis_yolo_write (dataset, out, cancellable, error);
    case PRECIS_FORMAT_VOC:
      return _precis_voc_write (dataset, out, cancellable, error);
    case PRECIS_FORMAT_CVAT:
      return _precis_cvat_write (dataset, out, cancellable, error);
    case PRECIS_FORMAT_LABEL_STUDIO:
      return _precis_label_studio_write (dataset, out, cancellable, error);
    case PRECIS_FORMAT_COCO:
    default:
      return _precis_coco_write (dataset, out, cancellable, error);
    }
}

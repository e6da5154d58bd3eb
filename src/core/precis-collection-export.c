/* precis-collection-export.c: a collection's images, and its COCO, CSV and list exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "precis-active.h"
#include "precis-collection.h"
#include "precis-metrics.h"
#include "precis-outcomes.h"

static gint64
select_frozen (PrecisCollection *c,
               PrecisDataset    *dataset,
               guint8           *mask,
               GArray           *missing)
{
  gint64 n = 0;

  for (guint i = 0; i < c->images->len; i++)
    {
      gint64 id = g_array_index (c->images, gint64, i);
      guint32 index = precis_dataset_find_image (dataset, id);

      if (index == PRECIS_NO_INDEX)
        {
          if (missing != NULL)
            g_array_append_val (missing, id);
        }
      else if (!mask[index])
        {
          mask[index] = 1;
          n++;
        }
    }
  return n;
}

static gboolean
filter_fail (PrecisCollection  *c,
             GError           **error,
             const char        *problem)
{
  g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_REFERENCE,
               _("collection “%s”: %s"), c->name, problem);
  return FALSE;
}

/* The model, IoU type and class mask of @c's filter. */
static gboolean
resolve_filter (PrecisCollection  *c,
                PrecisDataset     *dataset,
                guint             *model,
                PrecisIouType     *type,
                guint8            *classes,
                GError           **error)
{
  const PrecisCollectionFilter *f = &c->filter;
  guint t;

  *model = 0;
  if (precis_dataset_get_n_models (dataset) == 0)
    return filter_fail (c, error, _("the project has no model to evaluate"));
  if (f->model != NULL && (*model = precis_dataset_find_model (dataset, f->model)) == PRECIS_NO_INDEX)
    {
      g_autofree char *msg = g_strdup_printf (_("no model named “%s”"), f->model);
      return filter_fail (c, error, msg);
    }
  if (f->iou_type != NULL)
    {
      if (!precis_iou_type_from_string (f->iou_type, type))
        return filter_fail (c, error, _("unknown IoU type"));
      if (!precis_dataset_check_supports (dataset, *model, *type, error))
        return FALSE;
    }
  else
    {
      for (t = 0; t < PRECIS_N_IOU_TYPES && !precis_dataset_supports (dataset, *model, t); t++)
        ;
      if (t == PRECIS_N_IOU_TYPES)
        return filter_fail (c, error, _("the ground truth and the model share no geometry to compare"));
      *type = t;
    }
  memset (classes, 1, precis_dataset_get_n_categories (dataset));
  if (f->classes != NULL)
    {
      g_autofree char *bad = NULL;

      memset (classes, 0, precis_dataset_get_n_categories (dataset));
      if (!precis_dataset_parse_classes (dataset, f->classes, classes, &bad))
        {
          g_autofree char *msg = g_strdup_printf (_("no class “%s”"), bad != NULL ? bad : f->classes);
          return filter_fail (c, error, msg);
        }
    }
  return TRUE;
}

/* An evaluation at the filter's model, t, s and classes. */
static PrecisActive *
filter_active (PrecisCollection  *c,
               PrecisDataset     *dataset,
               GError           **error)
{
  g_autofree guint8 *classes = g_malloc0 (MAX (precis_dataset_get_n_categories (dataset), 1));
  g_autoptr(PrecisMatcher) matcher = NULL;
  PrecisActive *active;
  PrecisIouType type = PRECIS_IOU_BBOX;
  guint model;

  if (!resolve_filter (c, dataset, &model, &type, classes, error))
    return NULL;
  matcher = precis_matcher_new (dataset, model, type, 0, NULL, NULL, NULL, error);
  if (matcher == NULL)
    return NULL;
  active = precis_active_new (matcher);
  precis_active_set_threshold (active, c->filter.iou);
  precis_active_set_confidence (active, c->filter.confidence);
  precis_active_set_classes (active, classes);
  precis_active_evaluate (active);
  return active;
}

static gboolean
gt_passes (PrecisGtOutcome o, PrecisCollectionOutcome want)
{
  if (o == PRECIS_GT_FILTERED)
    return FALSE;
  return want == PRECIS_COLLECTION_OUTCOME_ANY || (want == PRECIS_COLLECTION_OUTCOME_FN && o == PRECIS_GT_FN);
}

static gboolean
prediction_passes (PrecisPredictionOutcome o, PrecisCollectionOutcome want)
{
  if (o == PRECIS_PREDICTION_FILTERED)
    return FALSE;
  return want == PRECIS_COLLECTION_OUTCOME_ANY ||
         (want == PRECIS_COLLECTION_OUTCOME_TP && o == PRECIS_PREDICTION_TP) ||
         (want == PRECIS_COLLECTION_OUTCOME_FP && o == PRECIS_PREDICTION_FP);
}

static gboolean
in_range (const PrecisCollectionFilter *f,
          double                        v)
{
  return v >= f->metric_lo && v <= f->metric_hi;   /* NAN (undefined) is in no range */
}

static gint64
select_filter (PrecisCollection   *c,
               PrecisCollections  *all,
               PrecisDataset      *dataset,
               guint8             *mask,
               GError            **error)
{
  g_autoptr(PrecisActive) active = filter_active (c, dataset, error);
  guint n_images = precis_dataset_get_n_images (dataset);
  g_autofree guint8 *tagged = NULL;
  g_autoptr(PrecisTide) tide = NULL;
  g_autoptr(PrecisMetrics) metrics = NULL;
  const double *values = NULL;
  const PrecisTideResult *tide_result = NULL;
  guint error_type = PRECIS_TIDE_NONE;
  const PrecisAnnotations *gt, *pred;
  gint64 n = 0;

  if (active == NULL)
    return -1;
  if (c->filter.tag != NULL)
    {
      const GArray *ids = precis_collections_get_tag (all, c->filter.tag);

      tagged = g_malloc0 (MAX (n_images, 1));
      for (guint i = 0; ids != NULL && i < ids->len; i++)
        {
          guint32 index = precis_dataset_find_image (dataset, g_array_index (ids, gint64, i));

          if (index != PRECIS_NO_INDEX)
            tagged[index] = 1;
        }
    }

  if (c->filter.error != NULL)
    {
      PrecisTideError want = 0;

      while (want < PRECIS_TIDE_N_ERRORS && g_strcmp0 (precis_tide_error_to_key (want), c->filter.error) != 0)
        want++;
      if (want == PRECIS_TIDE_N_ERRORS)
        return filter_fail (c, error, _("unknown TIDE error type")), -1;
      tide = precis_outcomes_new_tide (active, error);
      if (tide == NULL)
        return -1;
      tide_result = precis_tide_evaluate (tide);
      error_type = want;
    }

  if (c->filter.metric != NULL)
    {
      guint32 metric;

      metrics = precis_metrics_new (active, NULL);
      metric = precis_metrics_find (metrics, c->filter.metric);
      if (metric == PRECIS_NO_INDEX)
        {
          g_autofree char *msg = g_strdup_printf (_("no metric named “%s”"), c->filter.metric);

          return filter_fail (c, error, msg), -1;
        }
      values = precis_metrics_get_values (metrics, metric);
    }

  gt = precis_dataset_get_ground_truth_annotations (dataset);
  pred = precis_dataset_get_predictions (dataset, precis_matcher_get_model (precis_active_get_matcher (active)));
  for (guint i = 0; i < gt->n; i++)
    if (gt_passes (precis_active_get_gt_outcome (active, i), c->filter.outcome) &&
        (tide_result == NULL || tide_result->gt_error[i] == error_type) &&
        (values == NULL || in_range (&c->filter, values[i])))
      mask[gt->image[i]] = 1;
  for (guint i = 0; i < pred->n; i++)
    if (prediction_passes (precis_active_get_prediction_outcome (active, i), c->filter.outcome) &&
        (tide_result == NULL || tide_result->prediction_error[i] == error_type) &&
        (values == NULL || in_range (&c->filter, values[gt->n + i])))
      mask[pred->image[i]] = 1;
  for (guint i = 0; i < n_images; i++)
    {
      if (tagged != NULL && !tagged[i])
        mask[i] = 0;
      n += mask[i];
    }
  return n;
}

/**
 * precis_collection_select:
 * @collection: the collection
 * @collections: the project's collections (for tags)
 * @dataset: the loaded project
 * @mask: n_images bytes, set to 1 for the collection's images (0 elsewhere)
 * @missing: (nullable): receives a frozen collection's ids that no image has
 * @error: return location for a #GError
 *
 * Returns: the number of images, or -1 on error
 */
gint64
precis_collection_select (PrecisCollection   *collection,
                          PrecisCollections  *collections,
                          PrecisDataset      *dataset,
                          guint8             *mask,
                          GArray             *missing,
                          GError            **error)
{
  g_return_val_if_fail (collection != NULL, -1);
  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), -1);

  memset (mask, 0, precis_dataset_get_n_images (dataset));
  if (collection->kind == PRECIS_COLLECTION_FROZEN)
    return select_frozen (collection, dataset, mask, missing);
  return select_filter (collection, collections, dataset, mask, error);
}

/* Export ------------------------------------------------------------------- */

gboolean
precis_export_format_from_string (const char         *str,
                                  PrecisExportFormat *format)
{
  static const char *names[] = { "coco", "csv", "list" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (str, names[i]))
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

typedef struct {
  GPtrArray *names;   /* char*: file names inside the folder */
  GPtrArray *texts;   /* char*: their contents */
} Outputs;

static void
outputs_add (Outputs    *out,
             const char *name,
             char       *text)
{
  g_ptr_array_add (out->names, g_strdup (name));
  g_ptr_array_add (out->texts, text);
}

static char *
node_to_text (JsonNode *node,
              gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

static JsonNode *
parse_file (GFile   *file,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local = NULL;

  if (!json_parser_load_from_mapped_file (parser, path, &local))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE, "%s: %s", name, local->message);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* Whether @node (an annotation or image object) has member @member naming
 * an image of @mask. */
static gboolean
in_mask (PrecisDataset *dataset,
         const guint8  *mask,
         JsonNode      *node,
         const char    *member)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *id = o != NULL ? json_object_get_member (o, member) : NULL;
  guint32 index;

  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return FALSE;
  index = precis_dataset_find_image (dataset, json_node_get_int (id));
  return index != PRECIS_NO_INDEX && mask[index];
}

static JsonArray *
filter_array (PrecisDataset *dataset,
              const guint8  *mask,
              JsonNode      *array,
              const char    *member)
{
  JsonArray *out = json_array_new ();
  JsonArray *in = array != NULL && JSON_NODE_HOLDS_ARRAY (array) ? json_node_get_array (array) : NULL;

  for (guint i = 0; in != NULL && i < json_array_get_length (in); i++)
    {
      JsonNode *e = json_array_get_element (in, i);

      if (in_mask (dataset, mask, e, member))
        json_array_add_element (out, json_node_copy (e));
    }
  return out;
}

/* "predictions-NAME.json" with NAME made safe for a file name. */
static char *
predictions_name (const char *model)
{
  g_autofree char *safe = g_strdup (model);

  for (char *p = safe; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      *p = '_';
  return g_strdup_printf ("predictions-%s.json", safe);
}

static gboolean
export_coco (PrecisDataset  *dataset,
             const guint8   *mask,
             Outputs        *out,
             GError        **error)
{
  g_autoptr(JsonNode) gt = parse_file (precis_dataset_get_ground_truth (dataset), error);
  JsonObject *top, *copy;
  GList *members;
  JsonNode *node;

  if (gt == NULL)
    return FALSE;
  top = json_node_get_object (gt);
  copy = json_object_new ();
  members = json_object_get_members (top);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (top, l->data);

      if (g_str_equal (l->data, "images"))
        json_object_set_array_member (copy, l->data, filter_array (dataset, mask, value, "id"));
      else if (g_str_equal (l->data, "annotations"))
        json_object_set_array_member (copy, l->data, filter_array (dataset, mask, value, "image_id"));
      else
        json_object_set_member (copy, l->data, json_node_copy (value));
    }
  g_list_free (members);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, copy);
  outputs_add (out, "gt.json", node_to_text (node, FALSE));
  json_node_unref (node);

  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    {
      g_autoptr(JsonNode) results = parse_file (precis_dataset_get_model_file (dataset, m), error);
      g_autofree char *name = predictions_name (precis_dataset_get_model_name (dataset, m));

      if (results == NULL)
        return FALSE;
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, filter_array (dataset, mask, results, "image_id"));
      outputs_add (out, name, node_to_text (node, FALSE));
      json_node_unref (node);
    }
  return TRUE;
}

/* A CSV field, quoted when it must be. */
static void
append_field (GString    *s,
              const char *text)
{
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

/* Per image index, its tags joined by ';'. */
static GPtrArray *
image_tags (PrecisCollections *all,
            PrecisDataset     *dataset)
{
  guint n = precis_dataset_get_n_images (dataset);
  GPtrArray *tags = g_ptr_array_new_full (n, g_free);
  g_autofree const char **names = precis_collections_list_tags (all);

  g_ptr_array_set_size (tags, n);
  for (guint t = 0; names[t] != NULL; t++)
    {
      const GArray *ids = precis_collections_get_tag (all, names[t]);

      for (guint i = 0; i < ids->len; i++)
        {
          guint32 index = precis_dataset_find_image (dataset, g_array_index (ids, gint64, i));
          char *old;

          if (index == PRECIS_NO_INDEX)
            continue;
          old = g_ptr_array_index (tags, index);
          tags->pdata[index] = old != NULL ? g_strconcat (old, ";", names[t], NULL) : g_strdup (names[t]);
          g_free (old);
        }
    }
  return tags;
}

/* §6's outcome rows of the collection's images, plus file_name and tags. */
static gboolean
export_csv (PrecisCollection   *c,
            PrecisCollections  *all,
            PrecisDataset      *dataset,
            const guint8       *mask,
            Outputs            *out,
            GError            **error)
{
  g_autoptr(PrecisActive) active = filter_active (c, dataset, error);
  g_autoptr(PrecisTide) tide = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *rows = NULL;
  g_auto(GStrv) lines = NULL;
  GString *s;

  if (active == NULL)
    return FALSE;
  precis_active_set_images (active, mask);
  precis_active_evaluate (active);
  tide = precis_outcomes_new_tide (active, error);
  if (tide == NULL)
    return FALSE;
  rows = precis_outcomes_to_csv (active, tide);
  tags = image_tags (all, dataset);
  lines = g_strsplit (rows, "\n", -1);
  s = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint32 index;

      g_string_append (s, lines[i]);
      if (i == 0)
        {
          g_string_append (s, ",file_name,tags\n");
          continue;
        }
      fields = g_strsplit (lines[i], ",", 4);
      index = g_strv_length (fields) >= 3 ? precis_dataset_find_image (dataset, g_ascii_strtoll (fields[2], NULL, 10))
                                          : PRECIS_NO_INDEX;
      g_string_append_c (s, ',');
      if (index != PRECIS_NO_INDEX)
        {
          const char *t = g_ptr_array_index (tags, index);

          append_field (s, precis_dataset_get_image (dataset, index)->file_name);
          g_string_append_c (s, ',');
          append_field (s, t != NULL ? t : "");
        }
      else
        g_string_append_c (s, ',');
      g_string_append_c (s, '\n');
    }
  outputs_add (out, "objects.csv", g_string_free (s, FALSE));
  return TRUE;
}

static void
export_list (PrecisDataset *dataset,
             const guint8  *mask,
             Outputs       *out)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    if (mask[i])
      {
        g_string_append (s, precis_dataset_get_image (dataset, i)->file_name);
        g_string_append_c (s, '\n');
      }
  outputs_add (out, "images.txt", g_string_free (s, FALSE));
}

static char *
describe (PrecisCollection *c,
          PrecisDataset    *dataset,
          const char       *format,
          gint64            n_images,
          GArray           *missing,
          Outputs          *out)
{
  JsonObject *o = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *project = g_file_get_path (precis_dataset_get_location (dataset));
  JsonArray *files = json_array_new ();
  JsonArray *models = json_array_new ();
  JsonArray *gone = json_array_new ();

  json_object_set_string_member (o, "precis_version", PACKAGE_VERSION);
  json_object_set_string_member (o, "exported", when);
  json_object_set_string_member (o, "format", format);
  json_object_set_string_member (o, "project", project != NULL ? project : "");
  json_object_set_string_member (o, "collection", c->name);
  json_object_set_member (o, "definition", precis_collection_to_json (c));
  /* What the CSV's outcomes (and a filter) are evaluated at. */
  if (precis_dataset_get_n_models (dataset) > 0)
    {
      guint32 model = c->filter.model != NULL ? precis_dataset_find_model (dataset, c->filter.model) : 0;

      json_object_set_string_member (o, "model", precis_dataset_get_model_name (dataset, model == PRECIS_NO_INDEX ? 0 : model));
    }
  else
    json_object_set_null_member (o, "model");
  json_object_set_double_member (o, "iou", c->filter.iou);
  json_object_set_double_member (o, "confidence", c->filter.confidence);
  json_object_set_int_member (o, "images", n_images);
  for (guint i = 0; i < missing->len; i++)
    json_array_add_int_element (gone, g_array_index (missing, gint64, i));
  json_object_set_array_member (o, "missing_images", gone);
  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    json_array_add_string_element (models, precis_dataset_get_model_name (dataset, m));
  json_object_set_array_member (o, "models", models);
  for (guint i = 0; i < out->names->len; i++)
    json_array_add_string_element (files, g_ptr_array_index (out->names, i));
  json_object_set_array_member (o, "files", files);
  json_node_take_object (node, o);
  return node_to_text (node, TRUE);
}

static void
remove_all (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    g_remove (g_ptr_array_index (paths, i));
}

static gboolean
write_outputs (GFile     *dir,
               Outputs   *out,
               gboolean   overwrite,
               GError   **error)
{
  g_autofree char *dir_path = g_file_get_path (dir);
  g_autoptr(GPtrArray) temps = NULL;

  if (dir_path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("the export folder must be a local folder"));
      return FALSE;
    }
  for (guint i = 0; !overwrite && i < out->names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (out->names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s: the file exists (use --force to replace it)"), display);
          return FALSE;
        }
    }
  if (g_mkdir_with_parents (dir_path, 0777) != 0)
    {
      int err = errno;
      g_autofree char *display = g_filename_display_name (dir_path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err), "%s: %s", display, g_strerror (err));
      return FALSE;
    }
  /* Every file to a temporary name first (flushed to disk), then all renamed:
   * a failure (a full disk) leaves the folder as it was. */
  temps = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < out->names->len; i++)
    {
      const char *name = g_ptr_array_index (out->names, i);
      char *tmp = g_strdup_printf ("%s%c.%s.precis-tmp", dir_path, G_DIR_SEPARATOR, name);
      GError *local = NULL;

      g_ptr_array_add (temps, tmp);
      if (!g_file_set_contents_full (tmp, g_ptr_array_index (out->texts, i), -1,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local))
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, local->domain, local->code, _("%s: cannot write the export: %s"),
                       display, local->message);
          g_error_free (local);
          remove_all (temps);
          return FALSE;
        }
    }
  for (guint i = 0; i < out->names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (out->names, i), NULL);

      if (g_rename (g_ptr_array_index (temps, i), path) != 0)
        {
          int err = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err), "%s: %s", display, g_strerror (err));
          g_ptr_array_remove_range (temps, 0, i);
          remove_all (temps);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * precis_collection_export:
 * @collection: the collection
 * @collections: the project's collections (for tags)
 * @dataset: the loaded project
 * @format: what to write
 * @dir: the folder to write into
 * @overwrite: replace files that exist
 * @error: return location for a #GError
 *
 * COCO keeps every member of the ground-truth file but `images` and
 * `annotations`, which keep only the collection's images (ids and order
 * as in the file); each model's results keep only those images.
 *
 * Returns: %TRUE when every file was written
 */
gboolean
precis_collection_export (PrecisCollection   *collection,
                          PrecisCollections  *collections,
                          PrecisDataset      *dataset,
                          PrecisExportFormat  format,
                          GFile              *dir,
                          gboolean            overwrite,
                          GError            **error)
{
  static const char *format_names[] = { "coco", "csv", "list" };
  g_autofree guint8 *mask = g_malloc0 (MAX (precis_dataset_get_n_images (dataset), 1));
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  Outputs out = { names, texts };
  gint64 n;
  gboolean ok = TRUE;

  g_return_val_if_fail (format <= PRECIS_EXPORT_LIST, FALSE);

  n = precis_collection_select (collection, collections, dataset, mask, missing, error);
  if (n < 0)
    return FALSE;
  if (format == PRECIS_EXPORT_COCO)
    ok = export_coco (dataset, mask, &out, error);
  else if (format == PRECIS_EXPORT_CSV)
    ok = export_csv (collection, collections, dataset, mask, &out, error);
  else
    export_list (dataset, mask, &out);
  if (!ok)
    return FALSE;
  {
    char *meta = describe (collection, dataset, format_names[format], n, missing, &out);

    outputs_add (&out, "precis-export.json", meta);
  }
  return write_outputs (dir, &out, overwrite, error);
}

/* precis-format-label-studio.c: Label Studio's JSON export (a list of tasks)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read with json-glib. Each task is an image: `id` (the image id; its
 * position + 1 without one), `data.image` (the file name is its last path
 * component), its size from `data.width`/`data.height` when given, else from
 * the results' `original_width`/`original_height`. The first annotation's
 * `result` is the ground truth; each `predictions[]` block is a result list of
 * the model named by its `model_version`. Regions, in percent of the image:
 *   rectanglelabels  value x y width height (rotation 0) → bbox
 *   polygonlabels    value points [[x, y], …]             → polygon
 *   keypointlabels   value x y                            → one keypoint
 * with the label `value.<type>[0]`; categories are every label, sorted, ids
 * 1…K. A region's `score` (else its prediction's) is the confidence. Other
 * region types (choices, text…) are skipped; brush masks are refused.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "precis-format-private.h"

typedef struct {
  gint64  image_id;
  char   *file_name;
  double  width, height;
} LsImage;

typedef struct {
  const char *display;
  FormatErrors *errors;
  GArray     *images;       /* LsImage */
  GPtrArray  *labels;       /* sorted, unique */
  GPtrArray  *model_names;  /* char* */
  GPtrArray  *model_texts;  /* CocoText* */
  CocoText    gt;
  gint64      next_id;
} LsReader;

static void
ls_image_clear (gpointer p)
{
  g_free (((LsImage *) p)->file_name);
}

static JsonArray *
member_array (JsonObject *obj,
              const char *name)
{
  JsonNode *n = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *n = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static gboolean
node_number (JsonNode *n,
             double   *out)
{
  GType t = n != NULL && JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_INVALID;

  if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
    return FALSE;
  *out = json_node_get_double (n);
  return isfinite (*out);
}

static gboolean
member_number (JsonObject *obj,
               const char *name,
               double     *out)
{
  return node_number (obj != NULL ? json_object_get_member (obj, name) : NULL, out);
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *n = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

/* The label of a region: value.<type>[0]. */
static const char *
region_label (JsonObject *region,
              const char *type)
{
  JsonArray *labels = member_array (member_object (region, "value"), type);

  if (labels == NULL || json_array_get_length (labels) == 0)
    return NULL;
  return JSON_NODE_HOLDS_VALUE (json_array_get_element (labels, 0)) ? json_array_get_string_element (labels, 0) : NULL;
}

static void
add_label (GPtrArray  *labels,
           const char *name)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (labels->pdata[i], name))
      return;
  g_ptr_array_add (labels, g_strdup (name));
}

static void
collect_labels (GPtrArray  *labels,
                GHashTable *keypoint_labels,
                JsonArray  *result)
{
  static const char *const types[] = { "rectanglelabels", "polygonlabels", "keypointlabels" };

  for (guint r = 0; result != NULL && r < json_array_get_length (result); r++)
    {
      JsonObject *region = JSON_NODE_HOLDS_OBJECT (json_array_get_element (result, r))
                             ? json_array_get_object_element (result, r) : NULL;

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        if (g_strcmp0 (member_string (region, "type"), types[t]) == 0 && region_label (region, types[t]) != NULL)
          {
            add_label (labels, region_label (region, types[t]));
            if (t == 2)
              g_hash_table_add (keypoint_labels, g_strdup (region_label (region, types[t])));
          }
    }
}

static gint64
label_id (LsReader   *r,
          const char *name)
{
  for (guint i = 0; i < r->labels->len; i++)
    if (g_str_equal (r->labels->pdata[i], name))
      return i + 1;
  return 0;
}

/* One region into @text; @path names it in messages. */
static void
read_region (LsReader      *r,
             CocoText      *text,
             const LsImage *img,
             JsonObject    *region,
             double         score,
             const char    *path)
{
  const char *type = member_string (region, "type");
  JsonObject *value = member_object (region, "value");
  CocoItem item = { .id = r->next_id++, .image_id = img->image_id, .score = score };
  double W = img->width / 100, H = img->height / 100;
  double bbox[4], x, y, kp[3];
  g_autoptr(GArray) ring = NULL;

  member_number (region, "score", &item.score);
  if (type == NULL || (!g_str_equal (type, "rectanglelabels") && !g_str_equal (type, "polygonlabels") &&
                       !g_str_equal (type, "keypointlabels")))
    {
      if (g_strcmp0 (type, "brushlabels") == 0)
        _precis_format_errors_add (r->errors, 0, 0, _("%s: brush masks are not supported yet"), path);
      return;
    }
  if (value == NULL || region_label (region, type) == NULL)
    {
      _precis_format_errors_add (r->errors, 0, 0, _("%s.value: expected an object with “%s”: [label]"), path, type);
      return;
    }
  item.category_id = label_id (r, region_label (region, type));
  if (g_str_equal (type, "rectanglelabels"))
    {
      double rotation = 0;

      if (!member_number (value, "x", &bbox[0]) || !member_number (value, "y", &bbox[1]) ||
          !member_number (value, "width", &bbox[2]) || !member_number (value, "height", &bbox[3]) ||
          bbox[2] < 0 || bbox[3] < 0)
        {
          _precis_format_errors_add (r->errors, 0, 0, _("%s.value: expected numbers x, y, width, height ≥ 0 (percent)"), path);
          return;
        }
      if (member_number (value, "rotation", &rotation) && rotation != 0)
        {
          _precis_format_errors_add (r->errors, 0, 0, _("%s.value.rotation: rotated boxes are not supported"), path);
          return;
        }
      bbox[0] *= W, bbox[1] *= H, bbox[2] *= W, bbox[3] *= H;
      item.bbox = bbox;
    }
  else if (g_str_equal (type, "polygonlabels"))
    {
      JsonArray *points = member_array (value, "points");

      ring = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; points != NULL && i < json_array_get_length (points); i++)
        {
          JsonNode *p = json_array_get_element (points, i);
          JsonArray *xy = JSON_NODE_HOLDS_ARRAY (p) ? json_node_get_array (p) : NULL;

          if (xy == NULL || json_array_get_length (xy) != 2 ||
              !node_number (json_array_get_element (xy, 0), &x) || !node_number (json_array_get_element (xy, 1), &y))
            break;
          x *= W;
          y *= H;
          g_array_append_val (ring, x);
          g_array_append_val (ring, y);
        }
      if (points == NULL || ring->len != 2 * json_array_get_length (points) || ring->len < 6)
        {
          _precis_format_errors_add (r->errors, 0, 0, _("%s.value.points: expected 3 or more [x, y] pairs (percent)"), path);
          return;
        }
      item.ring = (const double *) (gpointer) ring->data;
      item.n_ring = ring->len;
    }
  else
    {
      if (!member_number (value, "x", &kp[0]) || !member_number (value, "y", &kp[1]))
        {
          _precis_format_errors_add (r->errors, 0, 0, _("%s.value: expected numbers x, y (percent)"), path);
          return;
        }
      kp[0] *= W, kp[1] *= H, kp[2] = 2;
      item.keypoints = kp;
      item.n_keypoints = 1;
    }
  _precis_coco_text_item (text, &item);
}

static void
read_result (LsReader      *r,
             CocoText      *text,
             const LsImage *img,
             JsonArray     *result,
             double         score,
             const char    *path)
{
  for (guint i = 0; result != NULL && i < json_array_get_length (result); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s.result[%u]", path, i);
      JsonNode *node = json_array_get_element (result, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        _precis_format_errors_add (r->errors, 0, 0, _("%s: expected a region object"), where);
      else
        read_region (r, text, img, json_node_get_object (node), score, where);
    }
}

/* The task's size: data.width/height, else the first region's original_width/height. */
static gboolean
task_size (JsonObject *task,
           JsonArray  *result,
           double     *width,
           double     *height)
{
  JsonObject *data = member_object (task, "data");

  if (member_number (data, "width", width) && member_number (data, "height", height))
    return *width >= 1 && *height >= 1;
  for (guint i = 0; result != NULL && i < json_array_get_length (result); i++)
    {
      JsonNode *node = json_array_get_element (result, i);
      JsonObject *region = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (member_number (region, "original_width", width) && member_number (region, "original_height", height))
        return *width >= 1 && *height >= 1;
    }
  return FALSE;
}

static JsonArray *
first_result (JsonObject *task,
              const char *block)
{
  JsonArray *list = member_array (task, block);
  JsonNode *first = list != NULL && json_array_get_length (list) > 0 ? json_array_get_element (list, 0) : NULL;

  return first != NULL && JSON_NODE_HOLDS_OBJECT (first) ? member_array (json_node_get_object (first), "result") : NULL;
}

static CocoText *
model_text (LsReader   *r,
            const char *name)
{
  CocoText *t;

  for (guint m = 0; m < r->model_names->len; m++)
    if (g_str_equal (r->model_names->pdata[m], name))
      return r->model_texts->pdata[m];
  t = g_new0 (CocoText, 1);
  _precis_coco_text_init_results (t);
  g_ptr_array_add (r->model_names, g_strdup (name));
  g_ptr_array_add (r->model_texts, t);
  return t;
}

static void
free_text (gpointer p)
{
  _precis_coco_text_clear (p);
  g_free (p);
}

/* The images of @tasks (their sizes checked) and the sorted labels. */
static void
read_images (LsReader   *r,
             JsonArray  *tasks,
             GHashTable *keypoint_labels)
{
  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      JsonNode *node = json_array_get_element (tasks, i);
      JsonObject *task = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *image = member_string (member_object (task, "data"), "image");
      JsonArray *gt = first_result (task, "annotations");
      LsImage img = { i + 1, NULL, 0, 0 };
      JsonArray *preds = member_array (task, "predictions");
      double id;

      if (task == NULL || image == NULL)
        {
          _precis_format_errors_add (r->errors, 0, 0, _("[%u]: expected a task with “data”: { “image”: … }"), i);
          g_array_append_val (r->images, img);
          continue;
        }
      if (member_number (task, "id", &id) && id == floor (id) && fabs (id) < PRECIS_MAX_EXACT_DOUBLE)
        img.image_id = (gint64) id;
      img.file_name = g_strdup (strrchr (image, '/') != NULL ? strrchr (image, '/') + 1 : image);
      if (!task_size (task, gt, &img.width, &img.height) &&
          !task_size (task, first_result (task, "predictions"), &img.width, &img.height))
        _precis_format_errors_add (r->errors, 0, 0, _("[%u]: the image's size is unknown (no data.width and data.height, "
                                                      "no original_width and original_height)"), i);
      g_array_append_val (r->images, img);
      collect_labels (r->labels, keypoint_labels, gt);
      for (guint p = 0; preds != NULL && p < json_array_get_length (preds); p++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (preds, p)))
          collect_labels (r->labels, keypoint_labels,
                          member_array (json_array_get_object_element (preds, p), "result"));
    }
  g_ptr_array_sort (r->labels, _precis_format_compare_strings);
}

static void
read_tasks (LsReader  *r,
            JsonArray *tasks)
{
  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      const LsImage *img = &g_array_index (r->images, LsImage, i);
      JsonObject *task;
      JsonArray *preds;
      g_autofree char *path = g_strdup_printf ("[%u].annotations[0]", i);

      if (img->width == 0)
        continue;   /* reported */
      task = json_array_get_object_element (tasks, i);
      preds = member_array (task, "predictions");
      read_result (r, &r->gt, img, first_result (task, "annotations"), 1.0, path);
      for (guint p = 0; preds != NULL && p < json_array_get_length (preds); p++)
        {
          JsonObject *pred = JSON_NODE_HOLDS_OBJECT (json_array_get_element (preds, p))
                               ? json_array_get_object_element (preds, p) : NULL;
          const char *version = member_string (pred, "model_version");
          g_autofree char *where = g_strdup_printf ("[%u].predictions[%u]", i, p);
          double score = 1.0;

          member_number (pred, "score", &score);
          read_result (r, model_text (r, version != NULL && version[0] != '\0' ? version : "predictions"),
                       img, member_array (pred, "result"), score, where);
        }
    }
}

gboolean
_precis_label_studio_read (GFile      *file,
                           char      **coco,
                           GPtrArray **model_names,
                           GPtrArray **model_texts,
                           GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) keypoint_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *display = _precis_loader_display_name (file);
  g_autofree char *path = g_file_get_path (file);
  FormatErrors errors;
  LsReader r = { display, &errors, NULL, NULL, NULL, NULL, { 0, }, 1 };
  JsonNode *root;
  JsonArray *tasks;
  gboolean ok = FALSE;

  *coco = NULL;
  if (path == NULL || !json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE, "%s: %s", display,
                   local_error != NULL ? local_error->message : _("not a local file"));
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_TYPE,
                   _("%s: expected Label Studio's export, a list of tasks"), display);
      return FALSE;
    }
  tasks = json_node_get_array (root);

  _precis_format_errors_init (&errors);
  _precis_format_errors_file (&errors, display);
  r.images = g_array_new (FALSE, TRUE, sizeof (LsImage));
  g_array_set_clear_func (r.images, ls_image_clear);
  r.labels = g_ptr_array_new_with_free_func (g_free);
  r.model_names = g_ptr_array_new_with_free_func (g_free);
  r.model_texts = g_ptr_array_new_with_free_func (free_text);
  read_images (&r, tasks, keypoint_labels);

  _precis_coco_text_init_gt (&r.gt);
  for (guint i = 0; i < r.images->len; i++)
    {
      const LsImage *img = &g_array_index (r.images, LsImage, i);

      if (img->width > 0)
        _precis_coco_text_image (&r.gt, img->image_id, img->file_name, (guint) round (img->width), (guint) round (img->height));
    }
  _precis_coco_text_next_list (&r.gt, "categories");
  for (guint c = 0; c < r.labels->len; c++)
    _precis_coco_text_category (&r.gt, c + 1, r.labels->pdata[c],
                                g_hash_table_contains (keypoint_labels, r.labels->pdata[c]) ? 1 : 0);
  _precis_coco_text_next_list (&r.gt, "annotations");
  read_tasks (&r, tasks);

  if (_precis_format_errors_finish (&errors, error))
    {
      *coco = _precis_coco_text_finish (&r.gt);
      *model_names = g_ptr_array_ref (r.model_names);
      *model_texts = g_ptr_array_new_with_free_func (g_free);
      for (guint m = 0; m < r.model_texts->len; m++)
        g_ptr_array_add (*model_texts, _precis_coco_text_finish (r.model_texts->pdata[m]));
      ok = TRUE;
    }
  _precis_coco_text_clear (&r.gt);
  g_array_unref (r.images);
  g_ptr_array_unref (r.labels);
  g_ptr_array_unref (r.model_names);
  g_ptr_array_unref (r.model_texts);
  _precis_format_errors_clear (&errors);
  return ok;
}

/* ------------------------------------------------------------------------- */
/* Writing                                                                    */

static void
append_number_member (GString    *s,
                      const char *name,
                      double      value)
{
  g_string_append_printf (s, "\"%s\": ", name);
  _precis_format_append_double (s, value);
}

/* One annotation as a region: a polygon of one ring, else its box (crowd
 * regions are left out: Label Studio has none). */
static void
append_region (GString                 *s,
               PrecisDataset           *dataset,
               const PrecisAnnotations *anns,
               guint                    a,
               gboolean                 results,
               gboolean                *first)
{
  const PrecisImage *img = precis_dataset_get_image (dataset, anns->image[a]);
  const char *label = precis_dataset_get_category (dataset, anns->category[a])->name;
  double W = img->width, H = img->height;
  const double *b = &anns->bbox[4 * a];
  gboolean polygon = anns->segm_kind[a] == PRECIS_SEGM_POLYGON && anns->segm_len[a] == 1;
  const char *type = polygon ? "polygonlabels" : "rectanglelabels";

  if (anns->iscrowd[a])
    return;
  g_string_append_printf (s, "%s\n        { \"id\": \"r%u\", \"from_name\": \"label\", \"to_name\": \"image\", "
                          "\"type\": \"%s\", \"original_width\": %u, \"original_height\": %u, ",
                          *first ? "" : ",", a, type, img->width, img->height);
  *first = FALSE;
  if (results)
    {
      append_number_member (s, "score", anns->score[a]);
      g_string_append (s, ", ");
    }
  g_string_append (s, "\"value\": { ");
  if (polygon)
    {
      guint r = anns->segm_start[a];
      const double *xy = &anns->coords[anns->ring_start[r]];

      g_string_append (s, "\"points\": [");
      for (guint i = 0; i + 1 < anns->ring_len[r]; i += 2)
        {
          g_string_append (s, i > 0 ? ", [" : "[");
          _precis_format_append_double (s, xy[i] / W * 100);
          g_string_append (s, ", ");
          _precis_format_append_double (s, xy[i + 1] / H * 100);
          g_string_append_c (s, ']');
        }
      g_string_append (s, "], ");
    }
  else
    {
      append_number_member (s, "x", b[0] / W * 100);
      g_string_append (s, ", ");
      append_number_member (s, "y", b[1] / H * 100);
      g_string_append (s, ", ");
      append_number_member (s, "width", b[2] / W * 100);
      g_string_append (s, ", ");
      append_number_member (s, "height", b[3] / H * 100);
      g_string_append (s, ", \"rotation\": 0, ");
    }
  g_string_append_printf (s, "\"%s\": [", type);
  _precis_format_append_json_string (s, label);
  g_string_append (s, "] } }");
}

static void
append_result (GString                 *s,
               PrecisDataset           *dataset,
               const PrecisAnnotations *anns,
               guint                    i,
               gboolean                 results)
{
  gboolean first = TRUE;

  g_string_append (s, "\"result\": [");
  for (guint g = anns->image_group_start[i]; g < anns->image_group_start[i + 1]; g++)
    for (guint a = anns->groups[g].start; a < anns->groups[g].end; a++)
      append_region (s, dataset, anns, a, results, &first);
  g_string_append (s, first ? "]" : "\n      ]");
}

gboolean
_precis_label_studio_write (PrecisDataset *dataset,
                            GFile         *out,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GString) s = g_string_new ("[");

  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      g_autofree char *relative = g_build_filename ("images", img->file_name != NULL ? img->file_name : "", NULL);
      g_autofree char *url = g_strconcat ("images/", img->file_name != NULL ? img->file_name : "", NULL);

      if (img->file_name != NULL && !_precis_format_copy_image (img, out, relative, cancellable, error))
        return FALSE;
      g_string_append_printf (s, "%s\n  { \"id\": %" G_GINT64_FORMAT ", \"data\": { \"image\": ", i > 0 ? "," : "", img->id);
      _precis_format_append_json_string (s, url);
      g_string_append_printf (s, ", \"width\": %u, \"height\": %u },\n    \"annotations\": [ { ", img->width, img->height);
      append_result (s, dataset, precis_dataset_get_ground_truth_annotations (dataset), i, FALSE);
      g_string_append (s, " } ],\n    \"predictions\": [");
      for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
        {
          g_string_append (s, m > 0 ? ",\n      { \"model_version\": " : "\n      { \"model_version\": ");
          _precis_format_append_json_string (s, precis_dataset_get_model_name (dataset, m));
          g_string_append (s, ", ");
          append_result (s, dataset, precis_dataset_get_predictions (dataset, m), i, TRUE);
          g_string_append (s, " }");
        }
      g_string_append (s, " ] }");
    }
  g_string_append (s, "\n]\n");
  return _precis_format_write (out, "tasks.json", s->str, s->len, error);
}

/* precis-metrics-import.c: custom metrics from a CSV or JSON file (docs/FORMATS.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <inttypes.h>
#include <glib/gi18n.h>

#include "precis-metrics-private.h"
#include "precis-project-private.h"

typedef enum {
  ROW_IMAGE,
  ROW_GT,
  ROW_PRED,
} RowKind;

struct _PrecisCustomMetrics {
  gint        ref_count;
  gboolean    per_image;
  GPtrArray  *names;
  guint       n_images;
  guint       n_gt;
  double     *image_values;   /* n_metrics × n_images */
  double     *gt_values;      /* n_metrics × n_gt */
  GHashTable *pred_rows;      /* prediction id (gint64 *) → row + 1 */
  GArray     *pred_values;    /* n_metrics per row */
};

/* What the CSV and JSON readers share: the file, the dataset's id maps and the
 * rows already seen (for duplicates). */
typedef struct {
  GFile               *file;
  PrecisDataset       *dataset;
  PrecisCustomMetrics *custom;
  GHashTable          *gt_ids;     /* GT id → index + 1 */
  GHashTable          *pred_ids;   /* ids any model's predictions carry */
  guint8              *seen;       /* per image or GT */
} Reader;

PrecisCustomMetrics *
precis_custom_metrics_ref (PrecisCustomMetrics *custom)
{
  g_return_val_if_fail (custom != NULL, NULL);
  g_atomic_int_inc (&custom->ref_count);
  return custom;
}

void
precis_custom_metrics_unref (PrecisCustomMetrics *custom)
{
  if (custom == NULL || !g_atomic_int_dec_and_test (&custom->ref_count))
    return;
  g_ptr_array_unref (custom->names);
  g_free (custom->image_values);
  g_free (custom->gt_values);
  g_clear_pointer (&custom->pred_rows, g_hash_table_unref);
  g_array_unref (custom->pred_values);
  g_free (custom);
}

guint
precis_custom_metrics_get_n (PrecisCustomMetrics *custom)
{
  g_return_val_if_fail (custom != NULL, 0);
  return custom->names->len;
}

const char *
precis_custom_metrics_get_name (PrecisCustomMetrics *custom,
                                guint                index)
{
  g_return_val_if_fail (custom != NULL && index < custom->names->len, NULL);
  return g_ptr_array_index (custom->names, index);
}

gboolean
precis_custom_metrics_is_per_image (PrecisCustomMetrics *custom)
{
  g_return_val_if_fail (custom != NULL, FALSE);
  return custom->per_image;
}

void
_precis_custom_metrics_fill (PrecisCustomMetrics     *custom,
                             guint                    index,
                             const PrecisAnnotations *gt,
                             const PrecisAnnotations *dt,
                             double                  *gt_values,
                             double                  *dt_values)
{
  guint n_metrics = custom->names->len;

  g_assert (index < n_metrics);
  if (custom->per_image)
    {
      const double *v = custom->image_values + (gsize)index * custom->n_images;

      for (guint i = 0; i < gt->n; i++)
        gt_values[i] = v[gt->image[i]];
      for (guint i = 0; i < dt->n; i++)
        dt_values[i] = v[dt->image[i]];
      return;
    }

  memcpy (gt_values, custom->gt_values + (gsize)index * custom->n_gt, gt->n * sizeof (double));
  for (guint i = 0; i < dt->n; i++)
    {
      gpointer row = g_hash_table_lookup (custom->pred_rows, &dt->id[i]);

      dt_values[i] = row == NULL ? NAN
        : g_array_index (custom->pred_values, double, (GPOINTER_TO_SIZE (row) - 1) * n_metrics + index);
    }
}

/* ------------------------------------------------------------------------ */

/* @wheres: per name, where it is (for the messages). */
static gboolean
check_names (Reader      *r,
             GPtrArray   *names,
             GPtrArray   *wheres,
             GError     **error)
{
  for (guint k = 0; k < names->len; k++)
    {
      const char *name = g_ptr_array_index (names, k);
      const char *where = g_ptr_array_index (wheres, k);

      if (name[0] == '\0')
        {
          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, where,
                                     _("a metric needs a name"));
          return FALSE;
        }
      if (_precis_metrics_is_builtin (name))
        {
          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_DUPLICATE, where,
                                     _("“%s” is the name of a built-in metric"), name);
          return FALSE;
        }
      for (guint j = 0; j < k; j++)
        if (g_str_equal (name, g_ptr_array_index (names, j)))
          {
            _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_DUPLICATE, where,
                                       _("the metric “%s” is named twice"), name);
            return FALSE;
          }
    }
  return TRUE;
}

static void
reader_begin (Reader    *r,
              gboolean   per_image,
              GPtrArray *names)
{
  PrecisCustomMetrics *c = r->custom;
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (r->dataset);
  gsize n_metrics = names->len;

  c->per_image = per_image;
  g_ptr_array_unref (c->names);
  c->names = g_ptr_array_ref (names);
  c->n_images = precis_dataset_get_n_images (r->dataset);
  c->n_gt = gt->n;
  if (per_image)
    {
      c->image_values = g_new (double, MAX (n_metrics * c->n_images, 1));
      for (gsize i = 0; i < n_metrics * c->n_images; i++)
        c->image_values[i] = NAN;
      r->seen = g_malloc0 (MAX (c->n_images, 1));
      return;
    }

  c->gt_values = g_new (double, MAX (n_metrics * c->n_gt, 1));
  for (gsize i = 0; i < n_metrics * c->n_gt; i++)
    c->gt_values[i] = NAN;
  r->seen = g_malloc0 (MAX (c->n_gt, 1));
  r->gt_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < gt->n; i++)
    g_hash_table_insert (r->gt_ids, &gt->id[i], GUINT_TO_POINTER (i + 1));
  r->pred_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint m = 0; m < precis_dataset_get_n_models (r->dataset); m++)
    {
      const PrecisAnnotations *dt = precis_dataset_get_predictions (r->dataset, m);

      for (guint i = 0; i < dt->n; i++)
        g_hash_table_add (r->pred_ids, &dt->id[i]);
    }
  c->pred_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* The values of the row of @kind and @id: an array of n_metrics doubles (NAN). */
static double *
reader_row (Reader      *r,
            RowKind      kind,
            gint64       id,
            const char  *where,
            GError     **error)
{
  PrecisCustomMetrics *c = r->custom;
  guint n_metrics = c->names->len;
  guint32 index;

  if (kind == ROW_PRED)
    {
      gint64 *key;
      guint row;

      if (!g_hash_table_contains (r->pred_ids, &id))
        {
          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_REFERENCE, where,
                                     _("no model has a prediction with id %" PRId64), id);
          return NULL;
        }
      if (g_hash_table_contains (c->pred_rows, &id))
        {
          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_DUPLICATE, where,
                                     _("prediction %" PRId64 " is given twice"), id);
          return NULL;
        }
      row = c->pred_values->len / n_metrics;
      key = g_memdup2 (&id, sizeof id);
      g_hash_table_insert (c->pred_rows, key, GUINT_TO_POINTER (row + 1));
      for (guint k = 0; k < n_metrics; k++)
        {
          double nan = NAN;

          g_array_append_val (c->pred_values, nan);
        }
      return &g_array_index (c->pred_values, double, (gsize)row * n_metrics);
    }

  if (kind == ROW_IMAGE)
    index = precis_dataset_find_image (r->dataset, id);
  else
    index = GPOINTER_TO_UINT (g_hash_table_lookup (r->gt_ids, &id)) - 1;
  if (index == PRECIS_NO_INDEX)
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_REFERENCE, where,
                                 kind == ROW_IMAGE ? _("no image has id %" PRId64)
                                                   : _("no ground-truth annotation has id %" PRId64),
                                 id);
      return NULL;
    }
  if (r->seen[index])
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_DUPLICATE, where,
                                 kind == ROW_IMAGE ? _("image %" PRId64 " is given twice")
                                                   : _("annotation %" PRId64 " is given twice"),
                                 id);
      return NULL;
    }
  r->seen[index] = 1;
  /* Metric k of the row is values[k × stride]: return the first, the caller steps. */
  return kind == ROW_IMAGE ? c->image_values + index : c->gt_values + index;
}

/* The distance between a row's metric k and k + 1 in what reader_row() returned. */
static gsize
reader_stride (Reader  *r,
               RowKind  kind)
{
  return kind == ROW_PRED ? 1 : kind == ROW_IMAGE ? r->custom->n_images : r->custom->n_gt;
}

static gboolean
parse_kind (const char *s,
            RowKind    *kind)
{
  if (g_str_equal (s, "gt"))
    *kind = ROW_GT;
  else if (g_str_equal (s, "pred"))
    *kind = ROW_PRED;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------ */

typedef struct {
  const char *text;
  guint       column;   /* 1-based byte column */
} Field;

static GArray *
split_fields (char *line)
{
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (Field));
  char *p = line;

  for (;;)
    {
      char *comma = strchr (p, ',');
      Field f = { p, (guint)(p - line) + 1 };

      if (comma != NULL)
        *comma = '\0';
      f.text = g_strstrip (p);
      g_array_append_val (fields, f);
      if (comma == NULL)
        break;
      p = comma + 1;
    }
  return fields;
}

#define FIELD(a, i) (&g_array_index ((a), Field, (i)))

static char *
csv_where (guint line,
           guint column)
{
  return g_strdup_printf (_("line %u, column %u"), line, column);
}

static gboolean
csv_header (Reader   *r,
            GArray   *fields,
            gboolean *per_image,
            gboolean *has_kind,
            GError  **error)
{
  const char *first = FIELD (fields, 0)->text;
  guint first_metric;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) wheres = g_ptr_array_new_with_free_func (g_free);

  *has_kind = g_str_equal (first, "kind");
  if (*has_kind && (fields->len < 2 || !g_str_equal (FIELD (fields, 1)->text, "annotation_id")))
    {
      g_autofree char *where = csv_where (1, fields->len < 2 ? 1 : FIELD (fields, 1)->column);

      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, where,
                                 _("after “kind” the header needs “annotation_id”"));
      return FALSE;
    }
  if (!*has_kind && !g_str_equal (first, "image_id") && !g_str_equal (first, "annotation_id"))
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, _("line 1, column 1"),
                                 _("the header must start with “image_id”, “annotation_id” or “kind”"));
      return FALSE;
    }
  *per_image = g_str_equal (first, "image_id");
  first_metric = *has_kind ? 2 : 1;
  if (fields->len <= first_metric)
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, _("line 1"),
                                 _("the header names no metric"));
      return FALSE;
    }
  for (guint k = first_metric; k < fields->len; k++)
    {
      g_ptr_array_add (names, g_strdup (FIELD (fields, k)->text));
      g_ptr_array_add (wheres, csv_where (1, FIELD (fields, k)->column));
    }
  if (!check_names (r, names, wheres, error))
    return FALSE;
  reader_begin (r, *per_image, names);
  return TRUE;
}

static gboolean
csv_number (Reader      *r,
            const Field *f,
            guint        line,
            double      *value,
            GError     **error)
{
  char *end = NULL;
  g_autofree char *where = NULL;

  if (f->text[0] == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (f->text, &end);
  if (end != f->text && *end == '\0' && isfinite (*value))
    return TRUE;
  where = csv_where (line, f->column);
  _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_VALUE, where,
                             _("“%s” is not a finite number"), f->text);
  return FALSE;
}

static gboolean
csv_row (Reader   *r,
         GArray   *fields,
         guint     line,
         gboolean  per_image,
         gboolean  has_kind,
         GError  **error)
{
  guint n_metrics = r->custom->names->len, first = has_kind ? 2 : 1;
  RowKind kind = per_image ? ROW_IMAGE : ROW_GT;
  const Field *id_field = FIELD (fields, first - 1);
  g_autofree char *where = csv_where (line, id_field->column);
  gint64 id;
  double *values;
  gsize stride;

  if (fields->len != first + n_metrics)
    {
      g_autofree char *w = g_strdup_printf (_("line %u"), line);

      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_PARSE, w,
                                 _("%u fields where the header has %u"), fields->len, first + n_metrics);
      return FALSE;
    }
  if (has_kind && !parse_kind (FIELD (fields, 0)->text, &kind))
    {
      g_autofree char *w = csv_where (line, FIELD (fields, 0)->column);

      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_VALUE, w,
                                 _("kind “%s” is neither “gt” nor “pred”"), FIELD (fields, 0)->text);
      return FALSE;
    }
  if (!g_ascii_string_to_signed (id_field->text, 10, G_MININT64, G_MAXINT64, &id, NULL))
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_VALUE, where,
                                 _("“%s” is not an integer id"), id_field->text);
      return FALSE;
    }
  values = reader_row (r, kind, id, where, error);
  if (values == NULL)
    return FALSE;
  stride = reader_stride (r, kind);
  for (guint k = 0; k < n_metrics; k++)
    if (!csv_number (r, FIELD (fields, first + k), line, &values[k * stride], error))
      return FALSE;
  return TRUE;
}

static gboolean
read_csv (Reader  *r,
          char    *text,
          GError **error)
{
  gboolean per_image = FALSE, has_kind = FALSE, have_header = FALSE;
  char *p = text;
  guint line = 0;

  while (*p != '\0')
    {
      char *nl = strchr (p, '\n'), *next;
      g_autoptr(GArray) fields = NULL;

      line++;
      next = nl != NULL ? nl + 1 : p + strlen (p);
      if (nl != NULL)
        *nl = '\0';
      if (nl != NULL && nl > p && nl[-1] == '\r')
        nl[-1] = '\0';
      if (p[strspn (p, " \t")] == '\0')
        {
          p = next;
          continue;
        }
      if (strchr (p, '"') != NULL)
        {
          g_autofree char *w = csv_where (line, (guint)(strchr (p, '"') - p) + 1);

          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_PARSE, w,
                                     _("quoted fields are not supported"));
          return FALSE;
        }
      fields = split_fields (p);
      if (!have_header)
        {
          if (line != 1)
            {
              _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, _("line 1"),
                                         _("the header must be the first line"));
              return FALSE;
            }
          if (!csv_header (r, fields, &per_image, &has_kind, error))
            return FALSE;
          have_header = TRUE;
        }
      else if (!csv_row (r, fields, line, per_image, has_kind, error))
        return FALSE;
      p = next;
    }
  if (!have_header)
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, NULL,
                                 _("the file is empty (it needs a header line)"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */

static gboolean
json_integer_member (Reader      *r,
                     JsonObject  *obj,
                     const char  *member,
                     const char  *where,
                     gint64      *value,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      _precis_project_set_error (error, r->file,
                                 node == NULL ? PRECIS_DATASET_ERROR_MISSING : PRECIS_DATASET_ERROR_TYPE,
                                 where, node == NULL ? _("“%s” is missing") : _("“%s” must be an integer"),
                                 member);
      return FALSE;
    }
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
json_names (Reader    *r,
            JsonArray *rows,
            gboolean  *per_image,
            GError   **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) wheres = g_ptr_array_new_with_free_func (g_free);
  JsonObject *first;

  if (json_array_get_length (rows) == 0)
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, NULL,
                                 _("the list is empty (it needs at least one row)"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *where = g_strdup_printf ("[%u]", i);

          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_TYPE, where,
                                     _("each row must be an object"));
          return FALSE;
        }
      members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          gboolean known = g_str_equal (name, "image_id") || g_str_equal (name, "annotation_id") ||
                           g_str_equal (name, "kind");

          for (guint k = 0; !known && k < names->len; k++)
            known = g_str_equal (name, g_ptr_array_index (names, k));
          if (!known)
            {
              g_ptr_array_add (names, g_strdup (name));
              g_ptr_array_add (wheres, g_strdup_printf ("[%u].%s", i, name));
            }
        }
    }
  first = json_array_get_object_element (rows, 0);
  *per_image = json_object_has_member (first, "image_id");
  if (!*per_image && !json_object_has_member (first, "annotation_id"))
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, "[0]",
                                 _("a row needs “image_id” or “annotation_id”"));
      return FALSE;
    }
  if (names->len == 0)
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_MISSING, "[0]",
                                 _("the rows name no metric"));
      return FALSE;
    }
  if (!check_names (r, names, wheres, error))
    return FALSE;
  reader_begin (r, *per_image, names);
  return TRUE;
}

static gboolean
json_row (Reader     *r,
          JsonObject *obj,
          guint       i,
          gboolean    per_image,
          GError    **error)
{
  g_autofree char *where = g_strdup_printf ("[%u]", i);
  GPtrArray *names = r->custom->names;
  RowKind kind = per_image ? ROW_IMAGE : ROW_GT;
  const char *id_member = per_image ? "image_id" : "annotation_id";
  double *values;
  gsize stride;
  gint64 id;

  if (json_object_has_member (obj, per_image ? "annotation_id" : "image_id") ||
      (per_image && json_object_has_member (obj, "kind")))
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_TYPE, where,
                                 per_image ? _("the first row is per image, this one is per annotation")
                                           : _("the first row is per annotation, this one is per image"));
      return FALSE;
    }
  if (json_object_has_member (obj, "kind"))
    {
      const char *s = JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "kind"))
                      ? json_object_get_string_member_with_default (obj, "kind", "") : "";

      if (!parse_kind (s, &kind))
        {
          g_autofree char *w = g_strconcat (where, ".kind", NULL);

          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_VALUE, w,
                                     _("kind must be “gt” or “pred”"));
          return FALSE;
        }
    }
  if (!json_integer_member (r, obj, id_member, where, &id, error))
    return FALSE;
  values = reader_row (r, kind, id, where, error);
  if (values == NULL)
    return FALSE;
  stride = reader_stride (r, kind);
  for (guint k = 0; k < names->len; k++)
    {
      JsonNode *node = json_object_get_member (obj, g_ptr_array_index (names, k));
      GType type;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        {
          g_autofree char *w = g_strdup_printf ("%s.%s", where, (const char *)g_ptr_array_index (names, k));

          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_TYPE, w,
                                     _("a metric value must be a number or null"));
          return FALSE;
        }
      values[k * stride] = json_node_get_double (node);
    }
  return TRUE;
}

static gboolean
read_json (Reader     *r,
           const char *text,
           gsize       len,
           GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  JsonArray *rows;
  gboolean per_image;

  if (!json_parser_load_from_data (parser, text, (gssize)len, &local))
    {
      const char *msg = local->message;
      guint line = 0, column = 0;
      int used = 0;

      /* json-glib says "<data>:LINE:COL: problem"; say it as the CSV reader does. */
      if (g_str_has_prefix (msg, "<data>:") &&
          sscanf (msg + strlen ("<data>:"), "%u:%u: %n", &line, &column, &used) == 2 && used > 0)
        {
          g_autofree char *where = csv_where (line, column);

          _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_PARSE, where, "%s",
                                     msg + strlen ("<data>:") + used);
        }
      else
        _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_PARSE, NULL, "%s", msg);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      _precis_project_set_error (error, r->file, PRECIS_DATASET_ERROR_TYPE, NULL,
                                 _("the file must hold a list of rows"));
      return FALSE;
    }
  rows = json_node_get_array (root);
  if (!json_names (r, rows, &per_image, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (!json_row (r, json_array_get_object_element (rows, i), i, per_image, error))
      return FALSE;
  return TRUE;
}

/**
 * precis_custom_metrics_load:
 * @dataset: the project the file describes
 * @file: a CSV file, or a JSON file (its first non-blank character is `[`)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the metrics, or %NULL with @error set
 */
PrecisCustomMetrics *
precis_custom_metrics_load (PrecisDataset *dataset,
                            GFile         *file,
                            GError       **error)
{
  g_autoptr(PrecisCustomMetrics) custom = g_new0 (PrecisCustomMetrics, 1);
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  Reader r = { file, dataset, custom, NULL, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  custom->ref_count = 1;
  custom->names = g_ptr_array_new_with_free_func (g_free);
  custom->pred_values = g_array_new (FALSE, FALSE, sizeof (double));
  if (!g_file_load_contents (file, NULL, &text, &len, NULL, &local))
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_IO, NULL, "%s", local->message);
      return NULL;
    }
  if (memchr (text, '\0', len) != NULL || !g_utf8_validate_len (text, len, NULL))
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_PARSE, NULL,
                                 _("not UTF-8 text"));
      return NULL;
    }
  if (text[strspn (text, " \t\r\n")] == '[')
    ok = read_json (&r, text, len, error);
  else
    ok = read_csv (&r, text, error);
  g_free (r.seen);
  g_clear_pointer (&r.gt_ids, g_hash_table_unref);
  g_clear_pointer (&r.pred_ids, g_hash_table_unref);
  return ok ? g_steal_pointer (&custom) : NULL;
}

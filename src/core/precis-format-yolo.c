/* precis-format-yolo.c: Ultralytics YOLO projects (data.yaml, labels/NAME.txt)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data.yaml is read with libyaml: `path` (the dataset root, relative to the
 * YAML file's folder; that folder when absent), `val` (the image folder of the
 * split, relative to the root), `names` (a list, or a map from class index to
 * name) and, for pose, `kpt_shape` [K, 2 or 3]. The images are every file with
 * an image suffix under the split's folder, sorted by their path relative to
 * it; their ids are 1…N in that order, class index c is category id c + 1.
 * A label file is found by Ultralytics' rule: the last `/images/` of the image's
 * path becomes `/labels/` (without one, the folder stays), the suffix `.txt`.
 * No label file: no objects.
 *
 * A line is `class cx cy w h` (a box), `class x1 y1 … xn yn` (a polygon, n ≥ 3)
 * or `class cx cy w h px py [pv] …` (pose), all normalised to the image size;
 * predictions end with the confidence (Ultralytics' save_txt + save_conf).
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <yaml.h>
#include <glib/gi18n.h>

#include "precis-format-private.h"

typedef struct {
  GFile  *yaml;
  char   *display;        /* the YAML file's name in messages */
  GFile  *images;         /* the split's image folder */
  char  **names;          /* class names by index */
  guint   n_names;
  guint   n_kpt;          /* kpt_shape[0], 0 without */
  guint   kpt_dims;       /* kpt_shape[1] */
} YoloSpec;

static void
yolo_spec_clear (YoloSpec *y)
{
  g_clear_object (&y->yaml);
  g_clear_pointer (&y->display, g_free);
  g_clear_object (&y->images);
  g_clear_pointer (&y->names, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (YoloSpec, yolo_spec_clear)

/* ------------------------------------------------------------------------- */
/* data.yaml                                                                  */

static yaml_node_t *
yaml_get (yaml_document_t *doc,
          yaml_node_t     *map,
          const char      *key)
{
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (doc, p->key);

      if (k != NULL && k->type == YAML_SCALAR_NODE && strcmp ((const char *) k->data.scalar.value, key) == 0)
        return yaml_document_get_node (doc, p->value);
    }
  return NULL;
}

static const char *
scalar (yaml_node_t *node)
{
  return node != NULL && node->type == YAML_SCALAR_NODE ? (const char *) node->data.scalar.value : NULL;
}

static gboolean
yaml_error (GError     **error,
            const char  *display,
            yaml_node_t *node,
            const char  *format,
            ...) G_GNUC_PRINTF (4, 5);

static gboolean
yaml_error (GError     **error,
            const char  *display,
            yaml_node_t *node,
            const char  *format,
            ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  if (node != NULL)
    g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE, "%s:%zu:%zu: %s", display,
                 node->start_mark.line + 1, node->start_mark.column + 1, problem);
  else
    g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_MISSING, "%s: %s", display, problem);
  return FALSE;
}

static gboolean
parse_index (const char *s,
             guint64     max,
             guint64    *out)
{
  return s != NULL && g_ascii_string_to_unsigned (s, 10, 0, max, out, NULL);
}

static gboolean
read_names (YoloSpec        *y,
            yaml_document_t *doc,
            yaml_node_t     *names,
            GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  if (names == NULL)
    return yaml_error (error, y->display, NULL, _("no “names”: the class names are missing"));
  if (names->type == YAML_SEQUENCE_NODE)
    {
      for (yaml_node_item_t *i = names->data.sequence.items.start; i < names->data.sequence.items.top; i++)
        {
          yaml_node_t *item = yaml_document_get_node (doc, *i);

          if (scalar (item) == NULL)
            return yaml_error (error, y->display, item, _("“names”: expected a class name"));
          g_ptr_array_add (list, g_strdup (scalar (item)));
        }
    }
  else if (names->type == YAML_MAPPING_NODE)
    {
      /* { 0: person, 1: car }: the indices must be 0…K−1. */
      guint n = names->data.mapping.pairs.top - names->data.mapping.pairs.start;

      g_ptr_array_set_size (list, n);
      for (yaml_node_pair_t *p = names->data.mapping.pairs.start; p < names->data.mapping.pairs.top; p++)
        {
          yaml_node_t *k = yaml_document_get_node (doc, p->key);
          yaml_node_t *v = yaml_document_get_node (doc, p->value);
          guint64 index;

          if (!parse_index (scalar (k), n - 1, &index) || list->pdata[index] != NULL)
            return yaml_error (error, y->display, k, _("“names”: expected the class indices 0 to %u, each once"), n - 1);
          if (scalar (v) == NULL)
            return yaml_error (error, y->display, v, _("“names”: expected a class name"));
          list->pdata[index] = g_strdup (scalar (v));
        }
    }
  else
    return yaml_error (error, y->display, names, _("“names”: expected a list or a map of class names"));

  if (list->len == 0)
    return yaml_error (error, y->display, names, _("“names”: no classes"));
  y->n_names = list->len;
  g_ptr_array_add (list, NULL);
  y->names = (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
  return TRUE;
}

static gboolean
read_kpt_shape (YoloSpec        *y,
                yaml_document_t *doc,
                yaml_node_t     *shape,
                GError         **error)
{
  guint64 k, d;

  if (shape == NULL)
    return TRUE;
  if (shape->type != YAML_SEQUENCE_NODE || shape->data.sequence.items.top - shape->data.sequence.items.start != 2 ||
      !parse_index (scalar (yaml_document_get_node (doc, shape->data.sequence.items.start[0])), 1000, &k) ||
      !parse_index (scalar (yaml_document_get_node (doc, shape->data.sequence.items.start[1])), 3, &d) ||
      k == 0 || d < 2)
    return yaml_error (error, y->display, shape, _("“kpt_shape”: expected [K, 2] or [K, 3]"));
  y->n_kpt = k;
  y->kpt_dims = d;
  return TRUE;
}

static gboolean
read_yaml (YoloSpec *y,
           GFile    *yaml,
           GError  **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) dir = g_file_get_parent (yaml);
  g_autoptr(GFile) root = NULL;
  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_node_t *top, *node;
  gsize len;
  gboolean ok = FALSE;

  y->yaml = g_object_ref (yaml);
  y->display = _precis_loader_display_name (yaml);
  if (!g_file_load_contents (yaml, NULL, &contents, &len, NULL, &local_error))
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_IO, "%s: %s", y->display, local_error->message);
      return FALSE;
    }

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *) contents, len);
  if (!yaml_parser_load (&parser, &doc))
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_PARSE, "%s:%zu:%zu: %s", y->display,
                   parser.problem_mark.line + 1, parser.problem_mark.column + 1,
                   parser.problem != NULL ? parser.problem : _("not valid YAML"));
      yaml_parser_delete (&parser);
      return FALSE;
    }
  yaml_parser_delete (&parser);

  top = yaml_document_get_root_node (&doc);
  if (top == NULL || top->type != YAML_MAPPING_NODE)
    {
      yaml_error (error, y->display, top, _("expected a map with “path”, “val” and “names”"));
      goto out;
    }

  node = yaml_get (&doc, top, "path");
  root = scalar (node) != NULL && scalar (node)[0] != '\0'
           ? g_file_resolve_relative_path (dir, scalar (node)) : g_object_ref (dir);
  node = yaml_get (&doc, top, "val");
  if (node == NULL)
    {
      yaml_error (error, y->display, NULL, _("no “val”: the image folder of the split is missing"));
      goto out;
    }
  if (scalar (node) == NULL || scalar (node)[0] == '\0')
    {
      yaml_error (error, y->display, node, _("“val”: expected the image folder (a list of folders is not supported)"));
      goto out;
    }
  y->images = g_file_resolve_relative_path (root, scalar (node));
  if (g_file_query_file_type (y->images, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *path = g_file_get_parse_name (y->images);

      yaml_error (error, y->display, node, _("“val”: %s is not a folder"), path);
      goto out;
    }
  ok = read_names (y, &doc, yaml_get (&doc, top, "names"), error) &&
       read_kpt_shape (y, &doc, yaml_get (&doc, top, "kpt_shape"), error);

out:
  yaml_document_delete (&doc);
  return ok;
}

/* ------------------------------------------------------------------------- */
/* The images                                                                 */

static gboolean
is_image_name (const char *name)
{
  static const char *const suffixes[] = {
    ".bmp", ".dng", ".jpeg", ".jpg", ".mpo", ".png", ".tif", ".tiff", ".webp", ".pfm", ".heic",
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
list_images (GFile        *root,
             GFile        *dir,
             GPtrArray    *out,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GFileEnumerator) en = NULL;

  en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                  G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (en == NULL)
    return FALSE;
  for (;;)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (en, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        return TRUE;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!list_images (root, child, out, cancellable, error))
            return FALSE;
        }
      else if (is_image_name (g_file_info_get_name (info)))
        g_ptr_array_add (out, g_file_get_relative_path (root, child));
    }
}

/* Ultralytics' img2label_paths: the last "/images/" becomes "/labels/"; a
 * path without one keeps its folder (the label file beside the image). */
static GFile *
label_file (const char *image_path)
{
  const char *sep = g_strrstr (image_path, G_DIR_SEPARATOR_S "images" G_DIR_SEPARATOR_S);
  g_autofree char *stem = _precis_format_strip_ext (image_path);
  g_autofree char *path = NULL;

  if (sep == NULL)
    {
      path = g_strconcat (stem, ".txt", NULL);
      return g_file_new_for_path (path);
    }
  path = g_strdup_printf ("%.*s" G_DIR_SEPARATOR_S "labels" G_DIR_SEPARATOR_S "%s.txt",
                          (int) (sep - image_path), stem, stem + (sep - image_path) + strlen ("/images/"));
  return g_file_new_for_path (path);
}

/* ------------------------------------------------------------------------- */
/* Label lines                                                                */

typedef struct {
  FormatErrors *errors;
  CocoText     *text;
  gint64        image_id;
  guint         width, height;
  const YoloSpec *spec;     /* GT: the spec; results: NULL */
  guint         n_classes;
  guint         n_kpt, kpt_dims;
  gboolean      results;
  gint64        next_id;
} LineReader;

static gboolean
parse_number (LineReader *r,
              guint       line,
              const char *token,
              guint       column,
              double     *out)
{
  char *end = NULL;

  errno = 0;
  *out = g_ascii_strtod (token, &end);
  if (end == token || *end != '\0' || errno == ERANGE || !isfinite (*out))
    {
      _precis_format_errors_add (r->errors, line, column, _("expected a number, found “%s”"), token);
      return FALSE;
    }
  return TRUE;
}

/* What a line of @n values holds, or FALSE with the problem reported. */
typedef enum { LINE_BOX, LINE_POLYGON, LINE_POSE } LineKind;

static gboolean
line_kind (LineReader *r,
           guint       line,
           guint       n,
           LineKind   *kind,
           guint      *kpt_dims)
{
  guint extra = r->results ? 1 : 0;   /* the confidence */

  if (r->n_kpt > 0 && (n == 5 + r->n_kpt * r->kpt_dims + extra ||
                       (r->results && n == 5 + r->n_kpt * 2 + extra)))
    {
      *kind = LINE_POSE;
      *kpt_dims = n == 5 + r->n_kpt * r->kpt_dims + extra ? r->kpt_dims : 2;
      return TRUE;
    }
  if (n == 5 + extra)
    {
      *kind = LINE_BOX;
      return TRUE;
    }
  if (n >= 7 + extra && (n - extra) % 2 == 1)
    {
      *kind = LINE_POLYGON;
      return TRUE;
    }
  if (r->results)
    _precis_format_errors_add (r->errors, line, 1,
                               _("expected “class cx cy w h confidence”, or a class, 3 or more x y pairs and "
                                 "the confidence, found %u values"), n);
  else
    _precis_format_errors_add (r->errors, line, 1,
                               _("expected “class cx cy w h”, or a class and 3 or more x y pairs, found %u values"), n);
  return FALSE;
}

static gboolean
read_line (LineReader *r,
           guint       line,
           char       *text)
{
  g_autofree double *v = NULL;
  g_autoptr(GArray) column_array = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) token_array = g_ptr_array_new ();
  guint *columns;
  char **tokens;
  guint n, kpt_dims = 0;
  guint64 class_index;
  LineKind kind;
  CocoItem item = { 0, };
  double bbox[4];
  g_autofree double *ring = NULL;
  g_autofree double *kps = NULL;
  gboolean ok = TRUE;

  for (char *p = text; *p != '\0';)
    {
      while (*p == ' ' || *p == '\t' || *p == '\r')
        *p++ = '\0';
      if (*p == '\0')
        break;
      guint column = p - text + 1;

      g_array_append_val (column_array, column);
      g_ptr_array_add (token_array, p);
      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r')
        p++;
    }
  n = token_array->len;
  columns = (guint *) (gpointer) column_array->data;
  tokens = (char **) token_array->pdata;
  if (n == 0)
    return TRUE;   /* a blank line */
  if (!line_kind (r, line, n, &kind, &kpt_dims))
    return FALSE;

  if (!g_ascii_string_to_unsigned (tokens[0], 10, 0, r->n_classes - 1, &class_index, NULL))
    {
      _precis_format_errors_add (r->errors, line, columns[0], _("expected a class index from 0 to %u, found “%s”"),
                                 r->n_classes - 1, tokens[0]);
      return FALSE;
    }
  v = g_new (double, n);
  for (guint i = 1; i < n; i++)
    {
      if (!parse_number (r, line, tokens[i], columns[i], &v[i]))
        ok = FALSE;
      else if (!(r->results && i == n - 1) && !(kind == LINE_POSE && i >= 5 && kpt_dims == 3 && (i - 5) % 3 == 2) &&
               (v[i] < 0 || v[i] > 1))
        {
          _precis_format_errors_add (r->errors, line, columns[i], _("“%s” is not a normalised coordinate (0 to 1)"),
                                     tokens[i]);
          ok = FALSE;
        }
    }
  if (!ok)
    return FALSE;

  item.id = r->next_id++;
  item.image_id = r->image_id;
  item.category_id = (gint64) class_index + 1;
  item.score = r->results ? v[n - 1] : 1.0;

  if (kind == LINE_POLYGON)
    {
      guint m = n - 1 - (r->results ? 1 : 0);
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

      ring = g_new (double, m);
      for (guint i = 0; i < m; i += 2)
        {
          ring[i] = v[1 + i] * r->width;
          ring[i + 1] = v[2 + i] * r->height;
          x0 = MIN (x0, ring[i]);
          x1 = MAX (x1, ring[i]);
          y0 = MIN (y0, ring[i + 1]);
          y1 = MAX (y1, ring[i + 1]);
        }
      item.ring = ring;
      item.n_ring = m;
      /* GT: the polygon's extent (as COCO files give it); results: from the mask, as loadRes does. */
      bbox[0] = x0, bbox[1] = y0, bbox[2] = x1 - x0, bbox[3] = y1 - y0;
      item.bbox = r->results ? NULL : bbox;
    }
  else
    {
      bbox[2] = v[3] * r->width;
      bbox[3] = v[4] * r->height;
      bbox[0] = v[1] * r->width - bbox[2] / 2;
      bbox[1] = v[2] * r->height - bbox[3] / 2;
      item.bbox = bbox;
    }
  if (kind == LINE_POSE)
    {
      kps = g_new (double, 3 * r->n_kpt);
      for (guint k = 0; k < r->n_kpt; k++)
        {
          const double *p = &v[5 + k * kpt_dims];

          kps[3 * k] = p[0] * r->width;
          kps[3 * k + 1] = p[1] * r->height;
          kps[3 * k + 2] = kpt_dims == 3 ? p[2] : (p[0] == 0 && p[1] == 0 ? 0 : 2);
        }
      item.keypoints = kps;
      item.n_keypoints = r->n_kpt;
    }
  _precis_coco_text_item (r->text, &item);
  return TRUE;
}

/* Reads one label file; a missing one is an image without objects. */
static gboolean
read_label_file (LineReader   *r,
                 GFile        *file,
                 GFile        *base,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = _precis_format_display (base, file);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_load_contents (file, cancellable, &contents, NULL, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      _precis_format_errors_file (r->errors, display);
      _precis_format_errors_add (r->errors, 0, 0, "%s", local_error->message);
      return TRUE;
    }
  _precis_format_errors_file (r->errors, display);
  if (!g_utf8_validate (contents, -1, NULL))
    {
      _precis_format_errors_add (r->errors, 0, 0, _("not UTF-8 text"));
      return TRUE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    read_line (r, i + 1, lines[i]);
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Ground truth                                                               */

gboolean
_precis_yolo_read_gt (GFile         *yaml,
                      char         **coco,
                      GFile        **images_dir,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_auto(YoloSpec) y = { 0, };
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) base = g_file_get_parent (yaml);
  g_autofree guint *widths = NULL;
  g_autofree guint *heights = NULL;
  FormatErrors errors;
  CocoText text;
  LineReader r = { 0, };
  gboolean ok = TRUE;

  *coco = NULL;
  *images_dir = NULL;
  if (!read_yaml (&y, yaml, error) || !list_images (y.images, y.images, images, cancellable, error))
    return FALSE;
  g_ptr_array_sort (images, _precis_format_compare_strings);

  _precis_format_errors_init (&errors);
  _precis_coco_text_init_gt (&text);
  widths = g_new0 (guint, images->len + 1);
  heights = g_new0 (guint, images->len + 1);
  for (guint i = 0; i < images->len; i++)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (y.images, images->pdata[i]);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) size_error = NULL;

      if (!_precis_image_size (path, &widths[i], &heights[i], &size_error))
        {
          _precis_format_errors_file (&errors, NULL);
          _precis_format_errors_add (&errors, 0, 0, "%s", size_error->message);
          continue;
        }
      _precis_coco_text_image (&text, i + 1, images->pdata[i], widths[i], heights[i]);
    }
  _precis_coco_text_next_list (&text, "categories");
  for (guint c = 0; c < y.n_names; c++)
    _precis_coco_text_category (&text, c + 1, y.names[c], y.n_kpt);
  _precis_coco_text_next_list (&text, "annotations");

  r.errors = &errors;
  r.text = &text;
  r.spec = &y;
  r.n_classes = y.n_names;
  r.n_kpt = y.n_kpt;
  r.kpt_dims = y.kpt_dims;
  r.next_id = 1;
  for (guint i = 0; i < images->len && ok; i++)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (y.images, images->pdata[i]);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GFile) labels = label_file (path);

      if (widths[i] == 0)
        continue;
      r.image_id = i + 1;
      r.width = widths[i];
      r.height = heights[i];
      ok = read_label_file (&r, labels, base, cancellable, error);
    }

  if (ok && _precis_format_errors_finish (&errors, error))
    {
      *coco = _precis_coco_text_finish (&text);
      *images_dir = g_object_ref (y.images);
    }
  _precis_coco_text_clear (&text);
  _precis_format_errors_clear (&errors);
  return *coco != NULL;
}

/* ------------------------------------------------------------------------- */
/* Predictions                                                                */

char *
_precis_yolo_read_results (PrecisDataset *dataset,
                           GFile         *dir,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) stems = _precis_format_images_by_stem (dataset);
  g_autoptr(GFile) labels = g_file_get_child (dir, "labels");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) en = NULL;
  g_autoptr(GFile) base = g_file_get_parent (dir);
  GFile *folder = dir;
  FormatErrors errors;
  CocoText text;
  LineReader r = { 0, };
  gboolean ok = TRUE;
  char *coco = NULL;

  /* Ultralytics' predict writes runs/…/labels/; accept that folder's parent too. */
  if (g_file_query_file_type (labels, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    folder = labels;
  en = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (en == NULL)
    return NULL;
  for (;;)
    {
      GFileInfo *info;

      if (!g_file_enumerator_iterate (en, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      if (g_str_has_suffix (g_file_info_get_name (info), ".txt"))
        g_ptr_array_add (files, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_sort (files, _precis_format_compare_strings);

  _precis_format_errors_init (&errors);
  _precis_coco_text_init_results (&text);
  r.errors = &errors;
  r.text = &text;
  r.results = TRUE;
  r.n_classes = precis_dataset_get_n_categories (dataset);
  r.n_kpt = r.n_classes > 0 ? precis_dataset_get_category (dataset, 0)->n_keypoints : 0;
  r.kpt_dims = 3;
  for (guint i = 0; i < files->len && ok; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (folder, files->pdata[i]);
      g_autofree char *stem = _precis_format_strip_ext (files->pdata[i]);
      gpointer value;
      guint index;

      if (!g_hash_table_lookup_extended (stems, stem, NULL, &value))
        {
          g_autofree char *display = _precis_format_display (base, file);

          _precis_format_errors_file (&errors, display);
          _precis_format_errors_add (&errors, 0, 0, _("no image of the ground truth is named “%s”"), stem);
          continue;
        }
      index = GPOINTER_TO_UINT (value);
      if (index == PRECIS_NO_INDEX - 1)
        {
          g_autofree char *display = _precis_format_display (base, file);

          _precis_format_errors_file (&errors, display);
          _precis_format_errors_add (&errors, 0, 0, _("several images of the ground truth are named “%s”"), stem);
          continue;
        }
      r.image_id = precis_dataset_get_image (dataset, index)->id;
      r.width = precis_dataset_get_image (dataset, index)->width;
      r.height = precis_dataset_get_image (dataset, index)->height;
      ok = read_label_file (&r, file, base, cancellable, error);
    }

  if (ok && _precis_format_errors_finish (&errors, error))
    coco = _precis_coco_text_finish (&text);
  _precis_coco_text_clear (&text);
  _precis_format_errors_clear (&errors);
  return coco;
}

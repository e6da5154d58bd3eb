/* precis-format-voc.c: Pascal VOC projects (Annotations/NAME.xml, comp4_det_test_CLASS.txt)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A VOC folder holds Annotations/ (one XML file per image, read with GMarkup)
 * and JPEGImages/. Images get the ids 1…N in the order of their XML file
 * names; the categories are the lines of labelmap.txt when the folder has one
 * (CVAT's VOC export writes it: `name:color:parts:actions`), otherwise the
 * object names sorted, with ids 1…K. Boxes follow Detectron2's VOC loader:
 * x = xmin − 1, y = ymin − 1, w = xmax − x, h = ymax − y. A `difficult` object
 * is a crowd region (iscrowd 1), ignored as the devkit ignores it.
 *
 * A model is a folder of the devkit's comp4_det_test_CLASS.txt files, one line
 * `image score xmin ymin xmax ymax` per detection, the image named by its file
 * stem, the box converted as above.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "precis-format-private.h"

#define RESULTS_PREFIX "comp4_det_test_"

/* VocObject.have: a member of bndbox was not a number (and is reported). */
#define BAD_NUMBER (1u << 4)

typedef struct {
  char    *name;
  double   box[4];       /* xmin, ymin, xmax, ymax */
  guint    have;         /* bit per box member */
  gboolean difficult;
  guint    index;        /* object[index] */
} VocObject;

typedef struct {
  FormatErrors *errors;
  GPtrArray    *stack;        /* element names */
  GString      *text;
  GString      *path;         /* "annotation/object[2]/bndbox/xmin" */
  char         *filename;
  guint         width, height;
  GArray       *objects;      /* VocObject */
  VocObject     current;
  guint         n_objects;
} VocFile;

static void
voc_object_clear (gpointer p)
{
  g_free (((VocObject *) p)->name);
}

static gboolean
path_is (VocFile    *v,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  if (g_strv_length (parts) != v->stack->len)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    if (!g_str_equal (parts[i], v->stack->pdata[i]))
      return FALSE;
  return TRUE;
}

/* The element path for messages, with the object's index. */
static const char *
element_path (VocFile *v)
{
  g_string_truncate (v->path, 0);
  for (guint i = 0; i < v->stack->len; i++)
    {
      if (i > 0)
        g_string_append_c (v->path, '/');
      g_string_append (v->path, v->stack->pdata[i]);
      if (i == 1 && g_str_equal (v->stack->pdata[i], "object"))
        g_string_append_printf (v->path, "[%u]", v->current.index);
    }
  return v->path->str;
}

static void
on_start (GMarkupParseContext *context,
          const char          *element,
          const char         **names,
          const char         **values,
          gpointer             user_data,
          GError             **error)
{
  VocFile *v = user_data;

  g_ptr_array_add (v->stack, g_strdup (element));
  g_string_truncate (v->text, 0);
  if (path_is (v, "annotation/object"))
    {
      memset (&v->current, 0, sizeof v->current);
      v->current.index = ++v->n_objects;
    }
}

static void
on_text (GMarkupParseContext *context,
         const char          *text,
         gsize                len,
         gpointer             user_data,
         GError             **error)
{
  g_string_append_len (((VocFile *) user_data)->text, text, len);
}

static gboolean
parse_double (VocFile    *v,
              const char *text,
              double     *out)
{
  char *end = NULL;

  errno = 0;
  *out = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || errno == ERANGE || !isfinite (*out))
    {
      _precis_format_errors_add (v->errors, 0, 0, _("%s: expected a number, found “%s”"), element_path (v), text);
      return FALSE;
    }
  return TRUE;
}

static void
read_size (VocFile    *v,
           const char *text,
           guint      *out)
{
  double d;

  if (parse_double (v, text, &d))
    {
      if (d >= 1 && d <= PRECIS_MAX_IMAGE_SIDE && d == floor (d))
        *out = (guint) d;
      else
        _precis_format_errors_add (v->errors, 0, 0, _("%s: expected a whole number of pixels from 1 to %d, found “%s”"),
                                   element_path (v), PRECIS_MAX_IMAGE_SIDE, text);
    }
}

/* g_set_str() is GLib 2.76. */
static void
replace_str (char      **dest,
             const char *value)
{
  g_free (*dest);
  *dest = g_strdup (value);
}

static void
on_end (GMarkupParseContext *context,
        const char          *element,
        gpointer             user_data,
        GError             **error)
{
  static const char *const box_members[4] = { "xmin", "ymin", "xmax", "ymax" };
  VocFile *v = user_data;
  g_autofree char *text = g_strstrip (g_strdup (v->text->str));

  if (path_is (v, "annotation/filename"))
    replace_str (&v->filename, text);
  else if (path_is (v, "annotation/size/width"))
    read_size (v, text, &v->width);
  else if (path_is (v, "annotation/size/height"))
    read_size (v, text, &v->height);
  else if (path_is (v, "annotation/object/name"))
    replace_str (&v->current.name, text);
  else if (path_is (v, "annotation/object/difficult"))
    v->current.difficult = g_str_equal (text, "1");
  else if (v->stack->len == 4 && path_is (v, "annotation/object/bndbox/xmin") + path_is (v, "annotation/object/bndbox/ymin") +
           path_is (v, "annotation/object/bndbox/xmax") + path_is (v, "annotation/object/bndbox/ymax") > 0)
    {
      for (guint i = 0; i < 4; i++)
        if (g_str_equal (element, box_members[i]))
          v->current.have |= parse_double (v, text, &v->current.box[i]) ? 1u << i : BAD_NUMBER;
    }
  else if (path_is (v, "annotation/object"))
    {
      if (v->current.have & BAD_NUMBER)
        ;   /* reported */
      else if (v->current.name == NULL || v->current.name[0] == '\0')
        _precis_format_errors_add (v->errors, 0, 0, _("%s: the object has no “name”"), element_path (v));
      else if (v->current.have != 0xf)
        _precis_format_errors_add (v->errors, 0, 0, _("%s: the object has no complete “bndbox” (xmin, ymin, xmax, ymax)"),
                                   element_path (v));
      else if (v->current.box[2] < v->current.box[0] - 1 || v->current.box[3] < v->current.box[1] - 1)
        _precis_format_errors_add (v->errors, 0, 0, _("%s: “bndbox” has xmax < xmin − 1 or ymax < ymin − 1"),
                                   element_path (v));
      else
        {
          g_array_append_val (v->objects, v->current);
          memset (&v->current, 0, sizeof v->current);
        }
      g_clear_pointer (&v->current.name, g_free);
    }
  g_string_truncate (v->text, 0);
  g_ptr_array_set_size (v->stack, v->stack->len - 1);
}

static const GMarkupParser voc_parser = { on_start, on_end, on_text, NULL, NULL };

static void
voc_file_init (VocFile      *v,
               FormatErrors *errors)
{
  memset (v, 0, sizeof *v);
  v->errors = errors;
  v->stack = g_ptr_array_new_with_free_func (g_free);
  v->text = g_string_new (NULL);
  v->path = g_string_new (NULL);
  v->objects = g_array_new (FALSE, TRUE, sizeof (VocObject));
  g_array_set_clear_func (v->objects, voc_object_clear);
}

static void
voc_file_clear (VocFile *v)
{
  g_ptr_array_unref (v->stack);
  g_string_free (v->text, TRUE);
  g_string_free (v->path, TRUE);
  g_free (v->filename);
  g_free (v->current.name);
  g_array_unref (v->objects);
}

/* Parses one XML file into @v; FALSE when it could not be read at all. */
static gboolean
parse_file (VocFile    *v,
            GFile      *file,
            const char *display)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  _precis_format_errors_file (v->errors, display);
  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, &local_error))
    {
      _precis_format_errors_add (v->errors, 0, 0, "%s", local_error->message);
      return FALSE;
    }
  context = g_markup_parse_context_new (&voc_parser, 0, v, NULL);
  if (!g_markup_parse_context_parse (context, contents, len, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      _precis_format_markup_error (v->errors, context, local_error);
      return FALSE;
    }
  if (v->width == 0 || v->height == 0)
    {
      _precis_format_errors_add (v->errors, 0, 0, _("annotation/size: no “width” and “height”"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Ground truth                                                               */

static GPtrArray *
list_names (GFile        *dir,
            const char   *prefix,
            const char   *suffix,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GFileEnumerator) en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                             G_FILE_QUERY_INFO_NONE, cancellable, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (en == NULL)
    return NULL;
  for (;;)
    {
      GFileInfo *info;
      const char *name;

      if (!g_file_enumerator_iterate (en, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      name = g_file_info_get_name (info);
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, suffix))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, _precis_format_compare_strings);
  return g_steal_pointer (&names);
}

/* labelmap.txt's names in order, or NULL without one. */
static GPtrArray *
read_labelmap (GFile *folder)
{
  g_autoptr(GFile) file = g_file_get_child (folder, "labelmap.txt");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *names;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL) || !g_utf8_validate (contents, -1, NULL))
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      if (colon != NULL)
        *colon = '\0';
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0' && lines[i][0] != '#')
        g_ptr_array_add (names, g_strdup (lines[i]));
    }
  return names;
}

static gint64
category_id (GPtrArray  *names,
             const char *name)
{
  for (guint c = 0; c < names->len; c++)
    if (g_str_equal (names->pdata[c], name))
      return c + 1;
  return 0;
}

gboolean
_precis_voc_read_gt (GFile         *folder,
                     char         **coco,
                     GFile        **images_dir,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFile) annotations = g_file_get_child (folder, "Annotations");
  g_autoptr(GFile) images = g_file_get_child (folder, "JPEGImages");
  g_autoptr(GPtrArray) files = list_names (annotations, "", ".xml", cancellable, error);
  g_autoptr(GPtrArray) labelmap = read_labelmap (folder);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) parsed = g_array_new (FALSE, TRUE, sizeof (VocFile));
  FormatErrors errors;
  CocoText text;
  gint64 next_id = 1;

  *coco = NULL;
  *images_dir = NULL;
  if (files == NULL)
    return FALSE;

  _precis_format_errors_init (&errors);
  g_array_set_size (parsed, files->len);
  for (guint i = 0; i < files->len; i++)
    {
      VocFile *v = &g_array_index (parsed, VocFile, i);
      g_autoptr(GFile) file = g_file_get_child (annotations, files->pdata[i]);
      g_autofree char *display = _precis_format_display (folder, file);

      voc_file_init (v, &errors);
      parse_file (v, file, display);
    }

  /* The categories: labelmap.txt's, or every name sorted. */
  names = labelmap != NULL ? g_ptr_array_ref (labelmap) : g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; labelmap == NULL && i < parsed->len; i++)
    {
      VocFile *v = &g_array_index (parsed, VocFile, i);

      for (guint o = 0; o < v->objects->len; o++)
        if (category_id (names, g_array_index (v->objects, VocObject, o).name) == 0)
          g_ptr_array_add (names, g_strdup (g_array_index (v->objects, VocObject, o).name));
    }
  if (labelmap == NULL)
    g_ptr_array_sort (names, _precis_format_compare_strings);

  _precis_coco_text_init_gt (&text);
  for (guint i = 0; i < parsed->len; i++)
    {
      VocFile *v = &g_array_index (parsed, VocFile, i);
      g_autofree char *stem = _precis_format_strip_ext (files->pdata[i]);
      g_autofree char *jpg = g_strconcat (stem, ".jpg", NULL);

      _precis_coco_text_image (&text, i + 1, v->filename != NULL ? v->filename : jpg, v->width, v->height);
    }
  _precis_coco_text_next_list (&text, "categories");
  for (guint c = 0; c < names->len; c++)
    _precis_coco_text_category (&text, c + 1, names->pdata[c], 0);
  _precis_coco_text_next_list (&text, "annotations");
  for (guint i = 0; i < parsed->len; i++)
    {
      VocFile *v = &g_array_index (parsed, VocFile, i);
      g_autoptr(GFile) file = g_file_get_child (annotations, files->pdata[i]);
      g_autofree char *display = _precis_format_display (folder, file);

      _precis_format_errors_file (&errors, display);
      for (guint o = 0; o < v->objects->len; o++)
        {
          const VocObject *obj = &g_array_index (v->objects, VocObject, o);
          double bbox[4] = { obj->box[0] - 1, obj->box[1] - 1, 0, 0 };
          CocoItem item = { next_id++, i + 1, category_id (names, obj->name), bbox, NULL, 0, NULL, 0, 1.0, obj->difficult };

          bbox[2] = obj->box[2] - bbox[0];
          bbox[3] = obj->box[3] - bbox[1];
          if (item.category_id == 0)
            _precis_format_errors_add (&errors, 0, 0, _("annotation/object[%u]/name: “%s” is not in labelmap.txt"),
                                       obj->index, obj->name);
          else
            _precis_coco_text_item (&text, &item);
        }
      voc_file_clear (v);
    }

  if (_precis_format_errors_finish (&errors, error))
    {
      *coco = _precis_coco_text_finish (&text);
      if (g_file_query_file_type (images, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        *images_dir = g_object_ref (images);
    }
  _precis_coco_text_clear (&text);
  _precis_format_errors_clear (&errors);
  return *coco != NULL;
}

/* ------------------------------------------------------------------------- */
/* Predictions                                                                */

/* One line "image score xmin ymin xmax ymax". */
static void
read_result_line (FormatErrors *errors,
                  CocoText     *text,
                  PrecisDataset *dataset,
                  GHashTable   *stems,
                  gint64        category,
                  guint         line,
                  char         *s)
{
  g_auto(GStrv) tokens = NULL;
  double v[5], bbox[4];
  gpointer value;
  guint index;
  CocoItem item = { 0, };

  g_strdelimit (s, "\t\r", ' ');
  tokens = g_strsplit_set (g_strstrip (s), " ", -1);
  if (tokens[0] == NULL || tokens[0][0] == '\0')
    return;
  {
    /* Several spaces make empty tokens: keep the others. */
    guint n = 0;

    for (guint i = 0; tokens[i] != NULL; i++)
      if (tokens[i][0] != '\0')
        tokens[n++] = tokens[i];
      else
        g_free (tokens[i]);
    tokens[n] = NULL;
    if (n != 6)
      {
        _precis_format_errors_add (errors, line, 1, _("expected “image score xmin ymin xmax ymax”, found %u values"), n);
        return;
      }
  }
  for (guint i = 0; i < 5; i++)
    {
      char *end = NULL;

      v[i] = g_ascii_strtod (tokens[i + 1], &end);
      if (end == tokens[i + 1] || *end != '\0' || !isfinite (v[i]))
        {
          _precis_format_errors_add (errors, line, 0, _("value %u: expected a number, found “%s”"), i + 2, tokens[i + 1]);
          return;
        }
    }
  if (!g_hash_table_lookup_extended (stems, tokens[0], NULL, &value) ||
      (index = GPOINTER_TO_UINT (value)) == PRECIS_NO_INDEX - 1)
    {
      _precis_format_errors_add (errors, line, 1, _("no image (or more than one) of the ground truth is named “%s”"),
                                 tokens[0]);
      return;
    }
  bbox[0] = v[1] - 1;
  bbox[1] = v[2] - 1;
  bbox[2] = v[3] - bbox[0];
  bbox[3] = v[4] - bbox[1];
  item.image_id = precis_dataset_get_image (dataset, index)->id;
  item.category_id = category;
  item.bbox = bbox;
  item.score = v[0];
  _precis_coco_text_item (text, &item);
}

char *
_precis_voc_read_results (PrecisDataset *dataset,
                          GFile         *dir,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GHashTable) stems = _precis_format_images_by_stem (dataset);
  g_autoptr(GPtrArray) files = list_names (dir, RESULTS_PREFIX, ".txt", cancellable, error);
  g_autoptr(GFile) base = g_file_get_parent (dir);
  FormatErrors errors;
  CocoText text;
  char *coco = NULL;

  if (files == NULL)
    return NULL;
  _precis_format_errors_init (&errors);
  _precis_coco_text_init_results (&text);
  for (guint f = 0; f < files->len; f++)
    {
      const char *name = files->pdata[f];
      g_autofree char *class_name = g_strndup (name + strlen (RESULTS_PREFIX),
                                               strlen (name) - strlen (RESULTS_PREFIX) - strlen (".txt"));
      g_autoptr(GFile) file = g_file_get_child (dir, name);
      g_autofree char *display = _precis_format_display (base, file);
      g_autofree char *contents = NULL;
      g_autoptr(GError) local_error = NULL;
      g_auto(GStrv) lines = NULL;
      guint32 cat = _precis_format_find_category (dataset, class_name);
      gint64 category = cat != PRECIS_NO_INDEX ? precis_dataset_get_category (dataset, cat)->id : 0;

      _precis_format_errors_file (&errors, display);
      if (cat == PRECIS_NO_INDEX)
        {
          _precis_format_errors_add (&errors, 0, 0, _("the ground truth has no class named “%s”"), class_name);
          continue;
        }
      if (!g_file_load_contents (file, cancellable, &contents, NULL, NULL, &local_error) ||
          !g_utf8_validate (contents, -1, NULL))
        {
          _precis_format_errors_add (&errors, 0, 0, "%s", local_error != NULL ? local_error->message : _("not UTF-8 text"));
          continue;
        }
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        read_result_line (&errors, &text, dataset, stems, category, i + 1, lines[i]);
    }
  if (_precis_format_errors_finish (&errors, error))
    coco = _precis_coco_text_finish (&text);
  _precis_coco_text_clear (&text);
  _precis_format_errors_clear (&errors);
  return coco;
}

/* ------------------------------------------------------------------------- */
/* Writing                                                                    */

/* Detectron2's inverse: xmin = x + 1, ymin = y + 1, xmax = x + w, ymax = y + h. */
static void
corners (const double *b,
         double       *c)
{
  c[0] = b[0] + 1;
  c[1] = b[1] + 1;
  c[2] = b[0] + b[2];
  c[3] = b[1] + b[3];
}

static char *
image_stem (const PrecisImage *img)
{
  const char *slash = strrchr (img->file_name, '/');

  return _precis_format_strip_ext (slash != NULL ? slash + 1 : img->file_name);
}

/* The annotations of image @i, in (category, file) order, through the groups. */
#define FOR_IMAGE_ANNOTATIONS(anns, i, a) \
  for (guint g_ = (anns)->image_group_start[i]; g_ < (anns)->image_group_start[(i) + 1]; g_++) \
    for (guint a = (anns)->groups[g_].start; a < (anns)->groups[g_].end; a++)

static void
append_object (GString                 *s,
               PrecisDataset           *dataset,
               const PrecisAnnotations *gt,
               guint                    a)
{
  static const char *const tags[4] = { "xmin", "ymin", "xmax", "ymax" };
  g_autofree char *cat = g_markup_escape_text (precis_dataset_get_category (dataset, gt->category[a])->name, -1);
  double c[4];

  g_string_append_printf (s, "\t<object>\n\t\t<name>%s</name>\n\t\t<pose>Unspecified</pose>\n"
                          "\t\t<truncated>0</truncated>\n\t\t<difficult>%d</difficult>\n\t\t<bndbox>\n",
                          cat, gt->iscrowd[a] ? 1 : 0);
  corners (&gt->bbox[4 * a], c);
  for (guint k = 0; k < 4; k++)
    {
      g_string_append_printf (s, "\t\t\t<%s>", tags[k]);
      _precis_format_append_double (s, c[k]);
      g_string_append_printf (s, "</%s>\n", tags[k]);
    }
  g_string_append (s, "\t\t</bndbox>\n\t</object>\n");
}

static gboolean
write_annotations (PrecisDataset *dataset,
                   GFile         *out,
                   GError       **error)
{
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (dataset);

  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      const char *slash = strrchr (img->file_name, '/');
      g_autofree char *stem = image_stem (img);
      g_autofree char *name = g_markup_escape_text (slash != NULL ? slash + 1 : img->file_name, -1);
      g_autofree char *relative = g_strdup_printf ("Annotations/%s.xml", stem);
      g_autoptr(GString) s = g_string_new (NULL);

      g_string_append_printf (s, "<annotation>\n\t<folder>JPEGImages</folder>\n\t<filename>%s</filename>\n"
                              "\t<size>\n\t\t<width>%u</width>\n\t\t<height>%u</height>\n\t\t<depth>3</depth>\n\t</size>\n"
                              "\t<segmented>0</segmented>\n", name, img->width, img->height);
      FOR_IMAGE_ANNOTATIONS (gt, i, a)
        append_object (s, dataset, gt, a);
      g_string_append (s, "</annotation>\n");
      if (!_precis_format_write (out, relative, s->str, s->len, error))
        return FALSE;
    }
  return TRUE;
}

/* One comp4_det_test_CLASS.txt per class of each model, under results/NAME/. */
static gboolean
write_results (PrecisDataset *dataset,
               guint          model,
               GFile         *out,
               GError       **error)
{
  const PrecisAnnotations *anns = precis_dataset_get_predictions (dataset, model);
  guint n_categories = precis_dataset_get_n_categories (dataset);
  g_autofree char *dir = _precis_format_model_dir (dataset, model);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (_precis_format_free_string);

  for (guint c = 0; c < n_categories; c++)
    g_ptr_array_add (texts, g_string_new (NULL));
  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      g_autofree char *stem = image_stem (precis_dataset_get_image (dataset, i));

      FOR_IMAGE_ANNOTATIONS (anns, i, a)
        {
          GString *s = texts->pdata[anns->category[a]];
          double c[4];

          if (!(anns->has[a] & PRECIS_HAS_BBOX))
            continue;
          g_string_append_printf (s, "%s ", stem);
          _precis_format_append_double (s, anns->score[a]);
          corners (&anns->bbox[4 * a], c);
          for (guint k = 0; k < 4; k++)
            {
              g_string_append_c (s, ' ');
              _precis_format_append_double (s, c[k]);
            }
          g_string_append_c (s, '\n');
        }
    }
  for (guint c = 0; c < n_categories; c++)
    {
      GString *s = texts->pdata[c];
      g_autofree char *relative = g_strdup_printf ("results/%s/" RESULTS_PREFIX "%s.txt", dir,
                                                   precis_dataset_get_category (dataset, c)->name);

      if (s->len > 0 && !_precis_format_write (out, relative, s->str, s->len, error))
        return FALSE;
    }
  return TRUE;
}

/* VOC names images and results files by stems and class names: they must be
 * usable as file names and distinct. */
static gboolean
check_names (PrecisDataset *dataset,
             GError       **error)
{
  g_autoptr(GHashTable) stems = _precis_format_images_by_stem (dataset);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, stems);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) == PRECIS_NO_INDEX - 1)
      {
        g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_DUPLICATE,
                     _("several images are named “%s”: VOC names its files after the image"), (const char *) key);
        return FALSE;
      }
  if (g_hash_table_size (stems) != precis_dataset_get_n_images (dataset))
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_MISSING,
                   _("an image has no file name: VOC names its files after the image"));
      return FALSE;
    }
  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    {
      const char *name = precis_dataset_get_category (dataset, c)->name;

      if (name[0] == '\0' || strchr (name, '/') != NULL || strchr (name, ':') != NULL || strchr (name, '\n') != NULL)
        {
          g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE,
                       _("the class “%s” cannot be a VOC class: empty, or with “/”, “:” or a line break"), name);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_precis_voc_write (PrecisDataset *dataset,
                   GFile         *out,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GString) labelmap = g_string_new ("# label:color_rgb:parts:actions\n");

  if (!check_names (dataset, error))
    return FALSE;
  for (guint i = 0; i < precis_dataset_get_n_images (dataset); i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      const char *slash = strrchr (img->file_name, '/');
      g_autofree char *relative = g_build_filename ("JPEGImages", slash != NULL ? slash + 1 : img->file_name, NULL);

      if (!_precis_format_copy_image (img, out, relative, cancellable, error))
        return FALSE;
    }
  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    if (!write_results (dataset, m, out, error))
      return FALSE;
  for (guint c = 0; c < precis_dataset_get_n_categories (dataset); c++)
    g_string_append_printf (labelmap, "%s:::\n", precis_dataset_get_category (dataset, c)->name);
  return _precis_format_write (out, "labelmap.txt", labelmap->str, labelmap->len, error) &&
         write_annotations (dataset, out, error);
}

/* precis-loader.c: COCO ground-truth and results files (json-glib)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speed and memory: a results file can hold 500k predictions. The file is
 * memory-mapped, never copied, and a cheap byte pre-scan validates UTF-8, refuses
 * nesting deeper than PRECIS_MAX_JSON_DEPTH (json-glib recurses once per level)
 * and counts the top-level elements so that the arrays are sized once. Then a
 * small strict-JSON tokenizer reads the annotations straight into the
 * struct-of-arrays (the "fast reader"); it gives up at anything unusual or wrong,
 * and json-glib reads the file again: json-glib is the reference reader and the
 * only one that reports errors. Even there the results reader does not keep the
 * whole JsonNode tree (about a kilobyte per prediction): each top-level element is
 * converted from JsonParser::array-element as soon as it is parsed and then emptied.
 * Both readers end in finish_annotation(); test-loader checks they agree.
 *
 * Derived fields follow pycocotools COCO.loadRes: the kind of the first result picks
 * the branch for the whole file (bbox, else segmentation, else keypoints; our
 * polyline extension comes first); ids are file position + 1; boxes get area w × h;
 * masks get their pixel area and, without a bbox, their pixel box; keypoint results
 * get the extent of all their keypoints as bbox and its area.
 */

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "precis-dataset-private.h"
#include "precis-polyline.h"
#include "precis-rle.h"

/* ------------------------------------------------------------------------- */
/* Errors                                                                     */

static void set_error (GError    **error,
                       const char *file,
                       int         code,
                       const char *path,
                       const char *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
set_error (GError    **error,
           const char *file,
           int         code,
           const char *path,
           const char *format,
           ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  if (error == NULL || *error != NULL)
    return;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && path[0] != '\0')
    g_set_error (error, PRECIS_DATASET_ERROR, code, "%s: %s: %s", file, path, problem);
  else
    g_set_error (error, PRECIS_DATASET_ERROR, code, "%s: %s", file, problem);
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL)
    return _("nothing");

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        default:
          return _("a number");
        }
    }
}

/* ------------------------------------------------------------------------- */
/* Reading and pre-scanning a file                                            */

typedef struct {
  char        *display;   /* the file's name in messages */
  GMappedFile *mapped;
  char        *contents;  /* when not mapped */
  const char  *data;
  gsize        len;
} FileData;

static void
file_data_clear (FileData *fd)
{
  g_clear_pointer (&fd->display, g_free);
  g_clear_pointer (&fd->mapped, g_mapped_file_unref);
  g_clear_pointer (&fd->contents, g_free);
  fd->data = NULL;
  fd->len = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileData, file_data_clear)

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base != NULL ? base : "?");
}

static gboolean
file_data_read (FileData      *fd,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *path;

  memset (fd, 0, sizeof *fd);
  fd->display = display_name (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, _("no such file"));
      else
        set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, "%s", local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, _("is a folder, not a JSON file"));
      return FALSE;
    }

  /* A FIFO would block the open() below forever; a device has no size. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL,
                 _("not a regular file (a pipe, socket or device)"));
      return FALSE;
    }

  if (g_file_info_get_size (info) > PRECIS_MAX_FILE_SIZE)
    {
      set_error (error, fd->display, PRECIS_DATASET_ERROR_LIMIT, NULL,
                 _("the file is larger than the limit of 2 GiB"));
      return FALSE;
    }

  path = g_file_peek_path (file);
  if (path != NULL)
    {
      fd->mapped = g_mapped_file_new (path, FALSE, &local_error);
      if (fd->mapped == NULL)
        {
          set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, "%s", local_error->message);
          return FALSE;
        }
      fd->data = g_mapped_file_get_contents (fd->mapped);
      fd->len = g_mapped_file_get_length (fd->mapped);
    }
  else
    {
      if (!g_file_load_contents (file, cancellable, &fd->contents, &fd->len, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            set_error (error, fd->display, PRECIS_DATASET_ERROR_IO, NULL, "%s", local_error->message);
          return FALSE;
        }
      fd->data = fd->contents;
    }

  if (fd->len > (gsize) PRECIS_MAX_FILE_SIZE)
    {
      set_error (error, fd->display, PRECIS_DATASET_ERROR_LIMIT, NULL,
                 _("the file is larger than the limit of 2 GiB"));
      return FALSE;
    }

  return TRUE;
}

static guint
line_of (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;

  return line;
}

typedef struct {
  char    top;            /* '[' or '{' (or another byte for a scalar document) */
  guint   n_top_elements; /* elements of a top-level list */
  guint64 n_values;       /* JSON values in the file (an upper bound) */
  guint64 max_element_values;   /* the most in one top-level element or member */
} ScanInfo;

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void set_parse_error (GError        **error,
                             const FileData *fd,
                             const GError   *json_error);

static gboolean
scan_json (const FileData *fd,
           ScanInfo       *info,
           GError        **error)
{
  const char *data = fd->data;
  const char *bad = NULL;
  gsize len = fd->len;
  gsize i = 0;
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean top_seen = FALSE;
  gboolean top_nonempty = FALSE;
  guint commas = 0;
  guint64 element_values = 0;

  memset (info, 0, sizeof *info);

  if (len == 0)
    {
      set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL, _("the file is empty"));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, len, &bad))
    {
      gsize offset = bad - data;

      if (*bad == '\0')
        set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                   _("line %u: a NUL byte at byte offset %zu (not a text file?)"),
                   line_of (data, offset), offset);
      else
        set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                   _("line %u: invalid UTF-8 at byte offset %zu (JSON must be UTF-8)"),
                   line_of (data, offset), offset);
      return FALSE;
    }

  for (i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          if (depth == 0)
            {
              info->top = c;
              top_seen = TRUE;
              goto scalar;
            }
          if (depth == 1)
            top_nonempty = TRUE;
          break;
        case '[':
        case '{':
          if (depth == 0 && top_seen)
            goto trailing;
          if (depth == 0)
            {
              info->top = c;
              top_seen = TRUE;
            }
          else if (depth == 1)
            top_nonempty = TRUE;
          info->n_values++;
          element_values++;
          if (++depth > PRECIS_MAX_JSON_DEPTH)
            {
              set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                         _("line %u: nesting deeper than %d levels"),
                         line_of (data, i), PRECIS_MAX_JSON_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          /* Unbalanced brackets are json-glib's to report. */
          if (depth > 0)
            depth--;
          break;
        case ',':
          if (depth == 1)
            {
              commas++;
              info->max_element_values = MAX (info->max_element_values, element_values);
              element_values = 0;
            }
          info->n_values++;
          element_values++;
          break;
        case ':':
          info->n_values++;
          element_values++;
          break;
        default:
          if (is_space (c))
            break;
          if (depth == 0)
            {
              if (top_seen)
                goto trailing;
              info->top = c;
              top_seen = TRUE;
              /* Not a list or object: json-glib says whether it is JSON at all. */
              goto scalar;
            }
          else if (depth == 1)
            top_nonempty = TRUE;
          break;
        }
    }

  if (info->top == '[')
    info->n_top_elements = top_nonempty ? commas + 1 : 0;
  info->max_element_values = MAX (info->max_element_values, element_values);

  if (!top_seen)
    {
      set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
                 _("the file holds only white space"));
      return FALSE;
    }

  return TRUE;

trailing:
  set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL,
             _("line %u: unexpected data after the end of the JSON value"),
             line_of (data, i));
  return FALSE;

scalar:
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) json_error = NULL;

    if (!json_parser_load_from_data (parser, data, len, &json_error))
      {
        set_parse_error (error, fd, json_error);
        return FALSE;
      }
  }
  return TRUE;
}

/* json-glib reports "<data>:LINE:COL: Parse error: …"; keep the position. */
static void
set_parse_error (GError        **error,
                 const FileData *fd,
                 const GError   *json_error)
{
  const char *msg = json_error->message;

  if (g_str_has_prefix (msg, "<data>:"))
    msg += strlen ("<data>:");

  set_error (error, fd->display, PRECIS_DATASET_ERROR_PARSE, NULL, _("not valid JSON: %s"), msg);
}

/* The JSON tree was many small blocks: give the pages back to the system, so
 * that the process does not keep the parse's peak (glibc keeps freed memory). */
static void
release_freed_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* ------------------------------------------------------------------------- */
/* JSON values                                                                */

typedef enum {
  NUM_OK,
  NUM_TYPE,
  NUM_NOT_FINITE,
} NumStatus;

static inline NumStatus
get_number (JsonNode *node,
            double   *out)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NUM_TYPE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return NUM_OK;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return isfinite (*out) ? NUM_OK : NUM_NOT_FINITE;
    default:
      return NUM_TYPE;
    }
}

static inline gboolean
get_integer (JsonNode *node,
             gint64   *out)
{
  double d;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      /* 1.0 is the id 1 to pycocotools' dictionaries too. */
      d = json_node_get_double (node);
      if (!isfinite (d) || d != floor (d) || fabs (d) > 9007199254740992.0)
        return FALSE;
      *out = (gint64) d;
      return TRUE;
    case G_TYPE_BOOLEAN:
      /* iscrowd: true is 1 in Python. */
      *out = json_node_get_boolean (node) ? 1 : 0;
      return TRUE;
    default:
      return FALSE;
    }
}

/* A member, or NULL when it is absent or JSON null. */
static inline JsonNode *
get_member (JsonObject *obj,
            const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    return NULL;

  return node;
}

/* ------------------------------------------------------------------------- */
/* Annotation builder                                                         */

typedef struct {
  GArray *file_index, *id, *image, *category, *score, *bbox, *area, *iscrowd, *has,
         *segm_kind, *segm_start, *segm_len, *line_start, *line_len, *kp_start, *num_keypoints;
  GArray *ring_start, *ring_len, *coords, *counts, *keypoints;
} Builder;

static void
builder_init (Builder *b,
              guint    reserve)
{
#define NEW(field, type, k) b->field = g_array_sized_new (FALSE, FALSE, sizeof (type), (reserve) * (k))
  NEW (file_index, guint32, 1);
  NEW (id, gint64, 1);
  NEW (image, guint32, 1);
  NEW (category, guint32, 1);
  NEW (score, double, 1);
  NEW (bbox, double, 4);
  NEW (area, double, 1);
  NEW (iscrowd, guint8, 1);
  NEW (has, guint8, 1);
  NEW (segm_kind, guint8, 1);
  NEW (segm_start, guint32, 1);
  NEW (segm_len, guint32, 1);
  NEW (line_start, guint32, 1);
  NEW (line_len, guint32, 1);
  NEW (kp_start, guint32, 1);
  NEW (num_keypoints, guint32, 1);
#undef NEW
  b->ring_start = g_array_new (FALSE, FALSE, sizeof (guint64));
  b->ring_len = g_array_new (FALSE, FALSE, sizeof (guint32));
  b->coords = g_array_new (FALSE, FALSE, sizeof (double));
  b->counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  b->keypoints = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
builder_clear (Builder *b)
{
  GArray **arrays[] = {
    &b->file_index, &b->id, &b->image, &b->category, &b->score, &b->bbox, &b->area,
    &b->iscrowd, &b->has, &b->segm_kind, &b->segm_start, &b->segm_len, &b->line_start,
    &b->line_len, &b->kp_start, &b->num_keypoints, &b->ring_start, &b->ring_len,
    &b->coords, &b->counts, &b->keypoints,
  };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], g_array_unref);
}

/* One annotation while it is being read. */
typedef struct {
  gint64  id;
  guint32 image;
  guint32 category;
  double  score;
  double  bbox[4];
  double  area;
  guint8  iscrowd;
  guint8  has;
  guint8  segm_kind;
  guint32 segm_start;
  guint32 segm_len;
  guint32 line_start;
  guint32 line_len;
  guint32 kp_start;
  guint32 num_keypoints;
  /* What the file gave. */
  gboolean file_bbox;
  gboolean file_area;
  gboolean file_num_keypoints;
  guint32  n_kp;   /* keypoints (triples) */
} Ann;

static void
builder_push (Builder   *b,
              const Ann *a)
{
  guint32 file_index = b->id->len;

  g_array_append_val (b->file_index, file_index);
  g_array_append_val (b->id, a->id);
  g_array_append_val (b->image, a->image);
  g_array_append_val (b->category, a->category);
  g_array_append_val (b->score, a->score);
  g_array_append_vals (b->bbox, a->bbox, 4);
  g_array_append_val (b->area, a->area);
  g_array_append_val (b->iscrowd, a->iscrowd);
  g_array_append_val (b->has, a->has);
  g_array_append_val (b->segm_kind, a->segm_kind);
  g_array_append_val (b->segm_start, a->segm_start);
  g_array_append_val (b->segm_len, a->segm_len);
  g_array_append_val (b->line_start, a->line_start);
  g_array_append_val (b->line_len, a->line_len);
  g_array_append_val (b->kp_start, a->kp_start);
  g_array_append_val (b->num_keypoints, a->num_keypoints);
}

#define PERMUTE(anns, field, type, k, perm)                              \
  G_STMT_START {                                                          \
    type *src_ = (type *) (anns)->field;                                  \
    type *dst_ = g_new (type, (gsize) (anns)->n * (k) + 1);               \
    for (guint j_ = 0; j_ < (anns)->n; j_++)                              \
      memcpy (dst_ + (gsize) j_ * (k), src_ + (gsize) (perm)[j_] * (k),   \
              sizeof (type) * (k));                                       \
    g_free (src_);                                                        \
    (anns)->field = dst_;                                                 \
  } G_STMT_END

/* Sorts by (image, category, file order) with two stable counting passes and
 * builds the group index. */
static PrecisAnnotations *
builder_finish (Builder *b,
                guint    n_images,
                guint    n_categories)
{
  PrecisAnnotations *anns = g_new0 (PrecisAnnotations, 1);
  g_autofree guint32 *count = NULL;
  g_autofree guint32 *by_cat = NULL;
  g_autofree guint32 *perm = NULL;
  guint n = b->id->len;
  guint n_groups = 0;

  anns->n = n;
#define STEAL(field, type) anns->field = (type *) g_array_steal (b->field, NULL)
  STEAL (file_index, guint32);
  STEAL (id, gint64);
  STEAL (image, guint32);
  STEAL (category, guint32);
  STEAL (score, double);
  STEAL (bbox, double);
  STEAL (area, double);
  STEAL (iscrowd, guint8);
  STEAL (has, guint8);
  STEAL (segm_kind, guint8);
  STEAL (segm_start, guint32);
  STEAL (segm_len, guint32);
  STEAL (line_start, guint32);
  STEAL (line_len, guint32);
  STEAL (kp_start, guint32);
  STEAL (num_keypoints, guint32);
#undef STEAL
  anns->n_rings = b->ring_len->len;
  anns->ring_start = (guint64 *) g_array_steal (b->ring_start, NULL);
  anns->ring_len = (guint32 *) g_array_steal (b->ring_len, NULL);
  anns->n_coords = b->coords->len;
  anns->coords = (double *) g_array_steal (b->coords, NULL);
  anns->n_counts = b->counts->len;
  anns->counts = (guint32 *) g_array_steal (b->counts, NULL);
  anns->n_keypoint_values = b->keypoints->len;
  anns->keypoints = (double *) g_array_steal (b->keypoints, NULL);
  builder_clear (b);

  /* Stable counting sort: by category, then by image. */
  count = g_new0 (guint32, MAX (n_images, n_categories) + 1);
  by_cat = g_new (guint32, n + 1);
  perm = g_new (guint32, n + 1);

  for (guint i = 0; i < n; i++)
    count[anns->category[i] + 1]++;
  for (guint c = 0; c < n_categories; c++)
    count[c + 1] += count[c];
  for (guint i = 0; i < n; i++)
    by_cat[count[anns->category[i]]++] = i;

  memset (count, 0, sizeof (guint32) * (MAX (n_images, n_categories) + 1));
  for (guint i = 0; i < n; i++)
    count[anns->image[i] + 1]++;
  for (guint k = 0; k < n_images; k++)
    count[k + 1] += count[k];
  for (guint j = 0; j < n; j++)
    {
      guint32 i = by_cat[j];

      perm[count[anns->image[i]]++] = i;
    }

  PERMUTE (anns, file_index, guint32, 1, perm);
  PERMUTE (anns, id, gint64, 1, perm);
  PERMUTE (anns, image, guint32, 1, perm);
  PERMUTE (anns, category, guint32, 1, perm);
  PERMUTE (anns, score, double, 1, perm);
  PERMUTE (anns, bbox, double, 4, perm);
  PERMUTE (anns, area, double, 1, perm);
  PERMUTE (anns, iscrowd, guint8, 1, perm);
  PERMUTE (anns, has, guint8, 1, perm);
  PERMUTE (anns, segm_kind, guint8, 1, perm);
  PERMUTE (anns, segm_start, guint32, 1, perm);
  PERMUTE (anns, segm_len, guint32, 1, perm);
  PERMUTE (anns, line_start, guint32, 1, perm);
  PERMUTE (anns, line_len, guint32, 1, perm);
  PERMUTE (anns, kp_start, guint32, 1, perm);
  PERMUTE (anns, num_keypoints, guint32, 1, perm);

  /* Groups: runs of equal (image, category). */
  for (guint i = 0; i < n; i++)
    if (i == 0 || anns->image[i] != anns->image[i - 1] || anns->category[i] != anns->category[i - 1])
      n_groups++;

  anns->n_groups = n_groups;
  anns->groups = g_new (PrecisGroup, n_groups + 1);
  anns->image_group_start = g_new (guint32, n_images + 1);

  n_groups = 0;
  for (guint i = 0; i < n; i++)
    {
      if (i == 0 || anns->image[i] != anns->image[i - 1] || anns->category[i] != anns->category[i - 1])
        {
          PrecisGroup *g = &anns->groups[n_groups++];

          g->image = anns->image[i];
          g->category = anns->category[i];
          g->start = i;
        }
      anns->groups[n_groups - 1].end = i + 1;
    }

  for (guint k = 0, g = 0; k <= n_images; k++)
    {
      while (g < n_groups && anns->groups[g].image < k)
        g++;
      anns->image_group_start[k] = g;
    }

  return anns;
}

/* ------------------------------------------------------------------------- */
/* Reading one annotation                                                     */

typedef enum {
  MODE_GT,
  MODE_BBOX,
  MODE_SEGM,
  MODE_KEYPOINTS,
  MODE_POLYLINE,
} Mode;

typedef struct {
  PrecisDataset *dataset;
  const char    *display;   /* file name in messages */
  const char    *array;     /* "annotations", or "" for a results list */
  Mode           mode;
  Builder        builder;
  GError        *error;     /* the first error, from a signal handler */
  GCancellable  *cancellable;
  PrecisLoadProgress *progress;
  guint          n_expected;
  /* Scratch reused across annotations. */
  GPtrArray     *lines;
  GArray        *line_lengths;
} Loader;

/* "annotations[12].bbox[2]" or "[12].bbox[2]" */
static char *
ann_path (Loader     *ld,
          guint       index,
          const char *member)
{
  if (member == NULL)
    return g_strdup_printf ("%s[%u]", ld->array, index);

  return g_strdup_printf ("%s[%u].%s", ld->array, index, member);
}

static void ann_error (Loader     *ld,
                       guint       index,
                       const char *member,
                       int         code,
                       const char *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
ann_error (Loader     *ld,
           guint       index,
           const char *member,
           int         code,
           const char *format,
           ...)
{
  g_autofree char *path = NULL;
  g_autofree char *problem = NULL;
  va_list args;

  if (ld->error != NULL)
    return;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  path = ann_path (ld, index, member);
  set_error (&ld->error, ld->display, code, path, "%s", problem);
}

static void
number_error (Loader     *ld,
              guint       index,
              const char *member,
              NumStatus   status,
              JsonNode   *node)
{
  if (status == NUM_NOT_FINITE)
    {
      double d = json_node_get_double (node);

      if (isnan (d))
        ann_error (ld, index, member, PRECIS_DATASET_ERROR_VALUE, _("not a number (NaN)"));
      else
        ann_error (ld, index, member, PRECIS_DATASET_ERROR_VALUE,
                   _("not a finite number (%s, out of the range of a double)"),
                   d > 0 ? "inf" : "-inf");
    }
  else
    ann_error (ld, index, member, PRECIS_DATASET_ERROR_TYPE,
               _("expected a number, found %s"), describe_node (node));
}

/* Reads a flat list of numbers into the coordinate pool as one ring. */
static gboolean
read_ring (Loader     *ld,
           guint       index,
           const char *member,     /* "segmentation" or "polyline" */
           guint       ring,
           JsonNode   *node,
           guint       min_points)
{
  Builder *b = &ld->builder;
  JsonArray *array;
  guint len;
  guint64 start = b->coords->len;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      g_autofree char *m = g_strdup_printf ("%s[%u]", member, ring);

      ann_error (ld, index, m, PRECIS_DATASET_ERROR_TYPE,
                 _("expected a list of coordinates [x1, y1, x2, y2, …], found %s"),
                 describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);

  if (len % 2 != 0)
    {
      g_autofree char *m = g_strdup_printf ("%s[%u]", member, ring);

      ann_error (ld, index, m, PRECIS_DATASET_ERROR_GEOMETRY,
                 _("odd number of coordinates (%u): expected x, y pairs"), len);
      return FALSE;
    }

  if (len / 2 < min_points)
    {
      g_autofree char *m = g_strdup_printf ("%s[%u]", member, ring);

      ann_error (ld, index, m, PRECIS_DATASET_ERROR_GEOMETRY,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%u point: at least %u are needed",
                              "%u points: at least %u are needed", len / 2),
                 len / 2, min_points);
      return FALSE;
    }

  g_array_set_size (b->coords, start + len);
  for (guint k = 0; k < len; k++)
    {
      JsonNode *v = json_array_get_element (array, k);
      NumStatus st = get_number (v, &g_array_index (b->coords, double, start + k));

      if (st != NUM_OK)
        {
          g_autofree char *m = g_strdup_printf ("%s[%u][%u]", member, ring, k);

          number_error (ld, index, m, st, v);
          return FALSE;
        }
    }

  g_array_append_val (b->ring_start, start);
  g_array_append_val (b->ring_len, len);

  return TRUE;
}

static gboolean
read_bbox (Loader   *ld,
           guint     index,
           JsonNode *node,
           Ann      *a)
{
  JsonArray *array;
  guint len;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      ann_error (ld, index, "bbox", PRECIS_DATASET_ERROR_TYPE,
                 _("expected a list [x, y, width, height], found %s"), describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);
  if (len == 0)
    return TRUE;   /* pycocotools treats [] as no box */

  if (len != 4)
    {
      ann_error (ld, index, "bbox", PRECIS_DATASET_ERROR_GEOMETRY,
                 _("expected 4 numbers [x, y, width, height], found %u"), len);
      return FALSE;
    }

  for (guint k = 0; k < 4; k++)
    {
      JsonNode *v = json_array_get_element (array, k);
      NumStatus st = get_number (v, &a->bbox[k]);

      if (st != NUM_OK)
        {
          g_autofree char *m = g_strdup_printf ("bbox[%u]", k);

          number_error (ld, index, m, st, v);
          return FALSE;
        }
    }

  if (a->bbox[2] < 0)
    {
      ann_error (ld, index, "bbox[2]", PRECIS_DATASET_ERROR_VALUE,
                 _("width is negative (%g)"), a->bbox[2]);
      return FALSE;
    }
  if (a->bbox[3] < 0)
    {
      ann_error (ld, index, "bbox[3]", PRECIS_DATASET_ERROR_VALUE,
                 _("height is negative (%g)"), a->bbox[3]);
      return FALSE;
    }

  a->file_bbox = TRUE;
  a->has |= PRECIS_HAS_BBOX;
  return TRUE;
}

static gboolean
read_rle (Loader     *ld,
          guint       index,
          JsonObject *obj,
          Ann        *a)
{
  Builder *b = &ld->builder;
  const PrecisImage *img = &ld->dataset->images[a->image];
  JsonNode *size = get_member (obj, "size");
  JsonNode *counts = get_member (obj, "counts");
  JsonArray *size_array;
  gint64 hw[2];
  guint64 total;

  if (size == NULL)
    {
      ann_error (ld, index, "segmentation.size", PRECIS_DATASET_ERROR_MISSING,
                 _("required member is missing: an RLE mask needs its [height, width]"));
      return FALSE;
    }
  if (counts == NULL)
    {
      ann_error (ld, index, "segmentation.counts", PRECIS_DATASET_ERROR_MISSING,
                 _("required member is missing"));
      return FALSE;
    }

  if (JSON_NODE_TYPE (size) != JSON_NODE_ARRAY ||
      json_array_get_length (size_array = json_node_get_array (size)) != 2 ||
      !get_integer (json_array_get_element (size_array, 0), &hw[0]) ||
      !get_integer (json_array_get_element (size_array, 1), &hw[1]))
    {
      ann_error (ld, index, "segmentation.size", PRECIS_DATASET_ERROR_TYPE,
                 _("expected two integers [height, width]"));
      return FALSE;
    }

  if (hw[0] != img->height || hw[1] != img->width)
    {
      ann_error (ld, index, "segmentation.size", PRECIS_DATASET_ERROR_GEOMETRY,
                 _("[%" PRId64 ", %" PRId64 "] differs from the image’s "
                   "[height, width] [%u, %u]"),
                 hw[0], hw[1], img->height, img->width);
      return FALSE;
    }

  total = (guint64) img->height * img->width;
  a->segm_kind = PRECIS_SEGM_RLE;
  a->segm_start = b->counts->len;

  if (JSON_NODE_TYPE (counts) == JSON_NODE_VALUE &&
      json_node_get_value_type (counts) == G_TYPE_STRING)
    {
      g_autoptr(GError) rle_error = NULL;
      PrecisRle rle = PRECIS_RLE_INIT;
      const char *str = json_node_get_string (counts);

      if (!precis_rle_from_string (&rle, str, strlen (str), img->height, img->width, &rle_error) ||
          !precis_rle_validate (&rle, &rle_error))
        {
          ann_error (ld, index, "segmentation.counts", PRECIS_DATASET_ERROR_GEOMETRY,
                     "%s", rle_error->message);
          precis_rle_clear (&rle);
          return FALSE;
        }
      g_array_append_vals (b->counts, rle.cnts, rle.m);
      a->segm_len = rle.m;
      precis_rle_clear (&rle);
    }
  else if (JSON_NODE_TYPE (counts) == JSON_NODE_ARRAY)
    {
      JsonArray *array = json_node_get_array (counts);
      guint len = json_array_get_length (array);
      guint64 sum = 0;

      for (guint k = 0; k < len; k++)
        {
          JsonNode *v = json_array_get_element (array, k);
          gint64 run;
          guint32 run32;

          if (!get_integer (v, &run) || run < 0 || run > G_MAXUINT32)
            {
              g_autofree char *m = g_strdup_printf ("segmentation.counts[%u]", k);

              ann_error (ld, index, m, PRECIS_DATASET_ERROR_GEOMETRY,
                         _("expected a run length (an integer ≥ 0), found %s"), describe_node (v));
              return FALSE;
            }
          sum += run;
          if (sum > total)
            {
              g_autofree char *m = g_strdup_printf ("segmentation.counts[%u]", k);

              ann_error (ld, index, m, PRECIS_DATASET_ERROR_GEOMETRY,
                         _("the runs exceed height × width = %" PRIu64 " pixels"), total);
              return FALSE;
            }
          run32 = (guint32) run;
          g_array_append_val (b->counts, run32);
        }

      if (sum != total)
        {
          ann_error (ld, index, "segmentation.counts", PRECIS_DATASET_ERROR_GEOMETRY,
                     _("the runs cover %" PRIu64 " pixels, not height × width = %"
                       PRIu64), sum, total);
          return FALSE;
        }
      a->segm_len = len;
    }
  else
    {
      ann_error (ld, index, "segmentation.counts", PRECIS_DATASET_ERROR_TYPE,
                 _("expected a string or a list of run lengths, found %s"), describe_node (counts));
      return FALSE;
    }

  a->has |= PRECIS_HAS_SEGM;
  return TRUE;
}

static gboolean
read_segmentation (Loader   *ld,
                   guint     index,
                   JsonNode *node,
                   Ann      *a)
{
  Builder *b = &ld->builder;

  if (JSON_NODE_TYPE (node) == JSON_NODE_OBJECT)
    return read_rle (ld, index, json_node_get_object (node), a);

  if (JSON_NODE_TYPE (node) == JSON_NODE_ARRAY)
    {
      JsonArray *rings = json_node_get_array (node);
      guint n_rings = json_array_get_length (rings);

      if (n_rings == 0)
        return TRUE;   /* "segmentation": [] is common for box-only GT */

      a->segm_kind = PRECIS_SEGM_POLYGON;
      a->segm_start = b->ring_len->len;
      a->segm_len = n_rings;
      for (guint r = 0; r < n_rings; r++)
        if (!read_ring (ld, index, "segmentation", r, json_array_get_element (rings, r), 3))
          return FALSE;

      a->has |= PRECIS_HAS_SEGM;
      return TRUE;
    }

  ann_error (ld, index, "segmentation", PRECIS_DATASET_ERROR_TYPE,
             _("expected a list of polygons or an RLE object, found %s"), describe_node (node));
  return FALSE;
}

static gboolean
read_polyline (Loader   *ld,
               guint     index,
               JsonNode *node,
               Ann      *a)
{
  Builder *b = &ld->builder;
  JsonArray *lines;
  guint n_lines;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      ann_error (ld, index, "polyline", PRECIS_DATASET_ERROR_TYPE,
                 _("expected a list of polylines [[x1, y1, x2, y2, …], …], found %s"),
                 describe_node (node));
      return FALSE;
    }

  lines = json_node_get_array (node);
  n_lines = json_array_get_length (lines);
  if (n_lines == 0)
    return TRUE;

  a->line_start = b->ring_len->len;
  a->line_len = n_lines;
  for (guint r = 0; r < n_lines; r++)
    if (!read_ring (ld, index, "polyline", r, json_array_get_element (lines, r), 2))
      return FALSE;

  a->has |= PRECIS_HAS_POLYLINE;
  return TRUE;
}

static gboolean
read_keypoints (Loader   *ld,
                guint     index,
                JsonNode *node,
                Ann      *a)
{
  Builder *b = &ld->builder;
  const PrecisCategory *cat = &ld->dataset->categories[a->category];
  JsonArray *array;
  guint len;
  guint start = b->keypoints->len;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      ann_error (ld, index, "keypoints", PRECIS_DATASET_ERROR_TYPE,
                 _("expected a list [x1, y1, v1, …], found %s"), describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);
  if (len == 0)
    return TRUE;

  if (cat->n_keypoints > 0 && len != 3 * cat->n_keypoints)
    {
      ann_error (ld, index, "keypoints", PRECIS_DATASET_ERROR_GEOMETRY,
                 _("%u values, but category %" PRId64 " has %u keypoints (3 × %u = %u values)"),
                 len, cat->id, cat->n_keypoints, cat->n_keypoints, 3 * cat->n_keypoints);
      return FALSE;
    }
  if (len % 3 != 0)
    {
      ann_error (ld, index, "keypoints", PRECIS_DATASET_ERROR_GEOMETRY,
                 _("%u values: expected x, y, v triples"), len);
      return FALSE;
    }
  if (len / 3 > PRECIS_MAX_KEYPOINTS)
    {
      ann_error (ld, index, "keypoints", PRECIS_DATASET_ERROR_LIMIT,
                 _("more than %d keypoints"), PRECIS_MAX_KEYPOINTS);
      return FALSE;
    }

  g_array_set_size (b->keypoints, start + len);
  for (guint k = 0; k < len; k++)
    {
      JsonNode *v = json_array_get_element (array, k);
      NumStatus st = get_number (v, &g_array_index (b->keypoints, double, start + k));

      if (st != NUM_OK)
        {
          g_autofree char *m = g_strdup_printf ("keypoints[%u]", k);

          number_error (ld, index, m, st, v);
          return FALSE;
        }
    }

  a->kp_start = start;
  a->n_kp = len / 3;
  a->has |= PRECIS_HAS_KEYPOINTS;
  return TRUE;
}

/* The mask of a polygon or RLE segmentation at the image's size. */
static void
segm_mask (Loader            *ld,
           const Ann         *a,
           const PrecisImage *img,
           PrecisRle         *out)
{
  Builder *b = &ld->builder;

  if (a->segm_kind == PRECIS_SEGM_RLE)
    {
      precis_rle_init (out, img->height, img->width, a->segm_len);
      memcpy (out->cnts, &g_array_index (b->counts, guint32, a->segm_start),
              sizeof (guint32) * a->segm_len);
    }
  else
    {
      g_autofree PrecisRle *parts = g_new0 (PrecisRle, a->segm_len);

      for (guint r = 0; r < a->segm_len; r++)
        {
          guint ring = a->segm_start + r;
          guint64 start = g_array_index (b->ring_start, guint64, ring);

          precis_rle_from_polygon (&parts[r], &g_array_index (b->coords, double, start),
                                   g_array_index (b->ring_len, guint32, ring),
                                   img->height, img->width);
        }
      precis_rle_merge (out, parts, a->segm_len, FALSE);
      for (guint r = 0; r < a->segm_len; r++)
        precis_rle_clear (&parts[r]);
    }
}

static void
polyline_band (Loader            *ld,
               const Ann         *a,
               const PrecisImage *img,
               PrecisRle         *out)
{
  Builder *b = &ld->builder;

  g_ptr_array_set_size (ld->lines, 0);
  g_array_set_size (ld->line_lengths, 0);
  for (guint r = 0; r < a->line_len; r++)
    {
      guint ring = a->line_start + r;
      guint64 start = g_array_index (b->ring_start, guint64, ring);
      gsize n_coords = g_array_index (b->ring_len, guint32, ring);

      g_ptr_array_add (ld->lines, &g_array_index (b->coords, double, start));
      g_array_append_val (ld->line_lengths, n_coords);
    }

  precis_polyline_band_rle (out, (const double * const *) ld->lines->pdata,
                            (const gsize *) (gpointer) ld->line_lengths->data, a->line_len,
                            precis_polyline_default_width (img->width, img->height),
                            img->height, img->width);
}

/* loadRes: the extent of all keypoints, zeros included. */
static void
keypoint_extent (Loader *ld,
                 Ann    *a)
{
  const double *kp = &g_array_index (ld->builder.keypoints, double, a->kp_start);
  double x0 = kp[0], x1 = kp[0], y0 = kp[1], y1 = kp[1];

  for (guint k = 1; k < a->n_kp; k++)
    {
      x0 = MIN (x0, kp[3 * k]);
      x1 = MAX (x1, kp[3 * k]);
      y0 = MIN (y0, kp[3 * k + 1]);
      y1 = MAX (y1, kp[3 * k + 1]);
    }

  a->area = (x1 - x0) * (y1 - y0);
  a->bbox[0] = x0;
  a->bbox[1] = y0;
  a->bbox[2] = x1 - x0;
  a->bbox[3] = y1 - y0;
}

static const char *
mode_member (Mode mode)
{
  switch (mode)
    {
    case MODE_BBOX:
      return "bbox";
    case MODE_SEGM:
      return "segmentation";
    case MODE_KEYPOINTS:
      return "keypoints";
    case MODE_POLYLINE:
      return "polyline";
    case MODE_GT:
    default:
      return NULL;
    }
}

static gboolean
read_reference (Loader     *ld,
                guint       index,
                JsonObject *obj,
                const char *member,
                gboolean    is_image,
                guint32    *out)
{
  JsonNode *node = get_member (obj, member);
  gint64 id;

  if (node == NULL)
    {
      ann_error (ld, index, member, PRECIS_DATASET_ERROR_MISSING, _("required member is missing"));
      return FALSE;
    }
  if (!get_integer (node, &id) || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      ann_error (ld, index, member, PRECIS_DATASET_ERROR_TYPE,
                 _("expected an integer id, found %s"), describe_node (node));
      return FALSE;
    }

  if (is_image)
    {
      *out = precis_dataset_find_image (ld->dataset, id);
      if (*out == PRECIS_NO_INDEX)
        {
          if (ld->mode == MODE_GT)
            ann_error (ld, index, member, PRECIS_DATASET_ERROR_REFERENCE,
                       _("no image has id %" PRId64), id);
          else
            ann_error (ld, index, member, PRECIS_DATASET_ERROR_REFERENCE,
                       _("image %" PRId64 " is not in the ground truth"), id);
          return FALSE;
        }
    }
  else
    {
      *out = precis_dataset_find_category (ld->dataset, id);
      if (*out == PRECIS_NO_INDEX)
        {
          ann_error (ld, index, member, PRECIS_DATASET_ERROR_REFERENCE,
                     _("no category has id %" PRId64), id);
          return FALSE;
        }
    }

  return TRUE;
}

/* The outline of @n_rings rings from @first, clipped to the image: the sum over
 * edges of |dx| + |dy| + 1 (+ @band for a polyline segment), which bounds the
 * rasteriser's steps. Stops counting past PRECIS_MAX_OUTLINE. */
static guint64
outline_length (Loader            *ld,
                const PrecisImage *img,
                guint32            first,
                guint32            n_rings,
                gboolean           closed,
                double             band)
{
  Builder *b = &ld->builder;
  double total = 0;

  for (guint32 r = first; r < first + n_rings && total <= PRECIS_MAX_OUTLINE; r++)
    {
      const double *xy = &g_array_index (b->coords, double, g_array_index (b->ring_start, guint64, r));
      gsize k = g_array_index (b->ring_len, guint32, r) / 2;

      for (gsize j = 0; j < k; j++)
        {
          gsize next = j + 1 < k ? j + 1 : 0;
          double x0, y0, x1, y1;

          if (next == 0 && !closed)
            break;
          x0 = CLAMP (xy[2 * j], 0, img->width);
          y0 = CLAMP (xy[2 * j + 1], 0, img->height);
          x1 = CLAMP (xy[2 * next], 0, img->width);
          y1 = CLAMP (xy[2 * next + 1], 0, img->height);
          total += fabs (x1 - x0) + fabs (y1 - y0) + 1 + band;
        }
    }
  return total > PRECIS_MAX_OUTLINE ? PRECIS_MAX_OUTLINE + 1 : (guint64) total;
}

/* Refuses polygons and polylines that would take unbounded time or memory to
 * rasterise (PRECIS_MAX_OUTLINE, PRECIS_MAX_RING_WORK). */
static gboolean
check_outline (Loader            *ld,
               guint              index,
               const Ann         *a,
               const PrecisImage *img)
{
  struct {
    const char *member;
    guint32     first;
    guint32     n_rings;
    gboolean    closed;
    double      band;
  } shapes[2] = {
    { "segmentation", a->segm_start, a->segm_kind == PRECIS_SEGM_POLYGON ? a->segm_len : 0, TRUE, 0 },
    { "polyline", a->line_start, a->line_len, FALSE,
      precis_polyline_default_width (img->width, img->height) },
  };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      guint64 outline;

      if (shapes[s].n_rings == 0)
        continue;
      outline = outline_length (ld, img, shapes[s].first, shapes[s].n_rings,
                                shapes[s].closed, shapes[s].band);
      if (outline > PRECIS_MAX_OUTLINE)
        {
          ann_error (ld, index, shapes[s].member, PRECIS_DATASET_ERROR_LIMIT,
                     _("the outline inside the image is longer than the limit of %" PRIu64 " pixels"),
                     PRECIS_MAX_OUTLINE);
          return FALSE;
        }
      if (outline * shapes[s].n_rings > PRECIS_MAX_RING_WORK)
        {
          ann_error (ld, index, shapes[s].member, PRECIS_DATASET_ERROR_LIMIT,
                     _("%u rings with an outline of %" PRIu64 " pixels exceed the limit of %" PRIu64 " (rings × outline)"),
                     shapes[s].n_rings, outline, PRECIS_MAX_RING_WORK);
          return FALSE;
        }
    }
  return TRUE;
}

/* Checks the annotation against the file's branch, derives what loadRes derives
 * and stores it. Shared by the json-glib reader and the fast results reader. */
static gboolean
finish_annotation (Loader *ld,
                   guint   index,
                   Ann    *a)
{
  const PrecisImage *img = &ld->dataset->images[a->image];

  if (a->has == 0)
    {
      ann_error (ld, index, NULL, PRECIS_DATASET_ERROR_MISSING,
                 _("no geometry: expected a bbox, segmentation, keypoints or polyline"));
      return FALSE;
    }

  if (!check_outline (ld, index, a, img))
    return FALSE;

  /* loadRes picks one branch for the whole file from its first result. */
  switch (ld->mode)
    {
    case MODE_BBOX:
      if (!a->file_bbox)
        goto missing_mode_member;
      a->area = a->bbox[2] * a->bbox[3];
      break;

    case MODE_SEGM:
      if (!(a->has & PRECIS_HAS_SEGM))
        goto missing_mode_member;
      {
        PrecisRle mask = PRECIS_RLE_INIT;

        segm_mask (ld, a, img, &mask);
        a->area = (double) precis_rle_area (&mask);
        if (!a->file_bbox)
          precis_rle_to_bbox (&mask, a->bbox);
        precis_rle_clear (&mask);
        a->has |= PRECIS_HAS_BBOX;
      }
      break;

    case MODE_KEYPOINTS:
      if (!(a->has & PRECIS_HAS_KEYPOINTS))
        goto missing_mode_member;
      keypoint_extent (ld, a);
      a->has |= PRECIS_HAS_BBOX;
      break;

    case MODE_POLYLINE:
      if (!(a->has & PRECIS_HAS_POLYLINE))
        goto missing_mode_member;
      {
        PrecisRle band = PRECIS_RLE_INIT;

        polyline_band (ld, a, img, &band);
        a->area = (double) precis_rle_area (&band);
        if (!a->file_bbox)
          precis_rle_to_bbox (&band, a->bbox);
        precis_rle_clear (&band);
      }
      break;

    case MODE_GT:
    default:
      /* GT keeps its own area and box; fill what is missing from the geometry. */
      if (!a->file_bbox || !a->file_area)
        {
          if (a->has & PRECIS_HAS_SEGM)
            {
              PrecisRle mask = PRECIS_RLE_INIT;
              double box[4];

              segm_mask (ld, a, img, &mask);
              precis_rle_to_bbox (&mask, box);
              if (!a->file_area)
                a->area = (double) precis_rle_area (&mask);
              if (!a->file_bbox)
                {
                  memcpy (a->bbox, box, sizeof box);
                  a->has |= PRECIS_HAS_BBOX;
                }
              precis_rle_clear (&mask);
            }
          else if (a->has & PRECIS_HAS_POLYLINE)
            {
              PrecisRle band = PRECIS_RLE_INIT;
              double box[4];

              polyline_band (ld, a, img, &band);
              precis_rle_to_bbox (&band, box);
              if (!a->file_area)
                a->area = (double) precis_rle_area (&band);
              if (!a->file_bbox)
                memcpy (a->bbox, box, sizeof box);
              precis_rle_clear (&band);
            }
          else if (!a->file_bbox && (a->has & PRECIS_HAS_KEYPOINTS))
            {
              double area = a->area;

              keypoint_extent (ld, a);
              if (a->file_area)
                a->area = area;
              a->has |= PRECIS_HAS_BBOX;
            }
          else if (!a->file_area)
            a->area = a->bbox[2] * a->bbox[3];
        }
      break;
    }

  if (a->has & PRECIS_HAS_KEYPOINTS)
    {
      if (ld->mode != MODE_GT || !a->file_num_keypoints)
        {
          const double *kp = &g_array_index (ld->builder.keypoints, double, a->kp_start);

          a->num_keypoints = 0;
          if (ld->mode == MODE_GT)
            {
              for (guint k = 0; k < a->n_kp; k++)
                if (kp[3 * k + 2] > 0)
                  a->num_keypoints++;
            }
          else
            a->num_keypoints = a->n_kp;
        }
    }

  builder_push (&ld->builder, a);
  return TRUE;

missing_mode_member:
  ann_error (ld, index, mode_member (ld->mode), PRECIS_DATASET_ERROR_MISSING,
             _("required member is missing: the first result has one, so every result needs one"));
  return FALSE;
}

static gboolean
read_annotation (Loader   *ld,
                 guint     index,
                 JsonNode *node)
{
  JsonObject *obj;
  JsonNode *member;
  Ann a = { 0, };

  a.score = 1.0;
  a.kp_start = PRECIS_NO_INDEX;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      ann_error (ld, index, NULL, PRECIS_DATASET_ERROR_TYPE,
                 _("expected an object, found %s"), describe_node (node));
      return FALSE;
    }
  obj = json_node_get_object (node);

  if (!read_reference (ld, index, obj, "image_id", TRUE, &a.image) ||
      !read_reference (ld, index, obj, "category_id", FALSE, &a.category))
    return FALSE;

  if (ld->mode == MODE_GT)
    {
      member = get_member (obj, "id");
      if (member == NULL)
        {
          ann_error (ld, index, "id", PRECIS_DATASET_ERROR_MISSING, _("required member is missing"));
          return FALSE;
        }
      if (!get_integer (member, &a.id) || json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        {
          ann_error (ld, index, "id", PRECIS_DATASET_ERROR_TYPE,
                     _("expected an integer id, found %s"), describe_node (member));
          return FALSE;
        }

      member = get_member (obj, "iscrowd");
      if (member != NULL)
        {
          gint64 crowd;

          if (!get_integer (member, &crowd) || crowd < 0 || crowd > 1)
            {
              ann_error (ld, index, "iscrowd", PRECIS_DATASET_ERROR_VALUE,
                         _("expected 0 or 1, found %s"), describe_node (member));
              return FALSE;
            }
          a.iscrowd = (guint8) crowd;
        }

      member = get_member (obj, "area");
      if (member != NULL)
        {
          NumStatus st = get_number (member, &a.area);

          if (st != NUM_OK)
            {
              number_error (ld, index, "area", st, member);
              return FALSE;
            }
          if (a.area < 0)
            {
              ann_error (ld, index, "area", PRECIS_DATASET_ERROR_VALUE,
                         _("area is negative (%g)"), a.area);
              return FALSE;
            }
          a.file_area = TRUE;
        }

      member = get_member (obj, "num_keypoints");
      if (member != NULL)
        {
          gint64 nk;

          if (!get_integer (member, &nk) || nk < 0 || nk > PRECIS_MAX_KEYPOINTS)
            {
              ann_error (ld, index, "num_keypoints", PRECIS_DATASET_ERROR_VALUE,
                         _("expected a keypoint count, found %s"), describe_node (member));
              return FALSE;
            }
          a.num_keypoints = (guint32) nk;
          a.file_num_keypoints = TRUE;
        }
    }
  else
    {
      NumStatus st;

      a.id = (gint64) index + 1;

      member = get_member (obj, "score");
      if (member == NULL)
        {
          ann_error (ld, index, "score", PRECIS_DATASET_ERROR_MISSING, _("required member is missing"));
          return FALSE;
        }
      st = get_number (member, &a.score);
      if (st != NUM_OK)
        {
          number_error (ld, index, "score", st, member);
          return FALSE;
        }
      if (!(a.score >= 0.0 && a.score <= 1.0))
        {
          ann_error (ld, index, "score", PRECIS_DATASET_ERROR_VALUE,
                     _("score %g is outside [0, 1]"), a.score);
          return FALSE;
        }
    }

  if ((member = get_member (obj, "bbox")) != NULL && !read_bbox (ld, index, member, &a))
    return FALSE;
  if ((member = get_member (obj, "segmentation")) != NULL && !read_segmentation (ld, index, member, &a))
    return FALSE;
  if ((member = get_member (obj, "keypoints")) != NULL && !read_keypoints (ld, index, member, &a))
    return FALSE;
  if ((member = get_member (obj, "polyline")) != NULL && !read_polyline (ld, index, member, &a))
    return FALSE;

  return finish_annotation (ld, index, &a);
}

static void
loader_init (Loader             *ld,
             PrecisDataset      *dataset,
             const char         *display,
             const char         *array,
             Mode                mode,
             guint               reserve,
             PrecisLoadProgress *progress,
             GCancellable       *cancellable)
{
  memset (ld, 0, sizeof *ld);
  ld->dataset = dataset;
  ld->display = display;
  ld->array = array;
  ld->mode = mode;
  ld->progress = progress;
  ld->cancellable = cancellable;
  ld->lines = g_ptr_array_new ();
  ld->line_lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  builder_init (&ld->builder, reserve);
}

static void
loader_clear (Loader *ld)
{
  builder_clear (&ld->builder);
  g_clear_error (&ld->error);
  g_clear_pointer (&ld->lines, g_ptr_array_unref);
  g_clear_pointer (&ld->line_lengths, g_array_unref);
}

static void
report (PrecisLoadProgress *progress,
        double              fraction)
{
  if (progress != NULL && progress->func != NULL)
    progress->func (progress->base + progress->span * CLAMP (fraction, 0.0, 1.0),
                    progress->stage, progress->data);
}

/* ------------------------------------------------------------------------- */
/* Fast results reader                                                        */
/*
 * json-glib spends about 6 µs per prediction building and freeing nodes. A
 * results file is a flat list of small objects, so this reader tokenizes it
 * straight into the builder. It accepts strict JSON (RFC 8259) only, and at the
 * first thing it does not handle, or at any problem at all, it gives up: the
 * json-glib reader then reads the file again and is the one that reports errors.
 * Both end in finish_annotation(); test-loader checks that they store identical
 * arrays for every results file of the test data.
 */

typedef struct {
  const char *p;
  const char *end;
  GString    *scratch;   /* unescaped strings */
} Tok;

enum {
  F_IMAGE_ID     = 1 << 0,
  F_CATEGORY_ID  = 1 << 1,
  F_SCORE        = 1 << 2,
  F_BBOX         = 1 << 3,
  F_SEGMENTATION = 1 << 4,
  F_KEYPOINTS    = 1 << 5,
  F_POLYLINE     = 1 << 6,
  /* Ground truth only (results ignore these members, as loadRes does). */
  F_ID           = 1 << 7,
  F_ISCROWD      = 1 << 8,
  F_AREA         = 1 << 9,
  F_NUM_KEYPOINTS = 1 << 10,
};

typedef struct {
  guint   seen;      /* members met, null ones included */
  guint   present;   /* members met with a non-null value */
  double  image_id;
  double  category_id;
  double  score;
  GArray *bbox;         /* double */
  gboolean segm_is_rle;
  GArray *segm_coords;  /* double */
  GArray *segm_rings;   /* guint32 lengths */
  GArray *rle_size;     /* double */
  GString *rle_counts;
  gboolean has_rle_size;
  gboolean has_rle_counts;
  GArray *rle_list;     /* double: uncompressed counts */
  double  id;
  double  iscrowd;
  double  area;
  double  num_keypoints;
  GArray *kp;           /* double */
  GArray *line_coords;  /* double */
  GArray *line_rings;   /* guint32 lengths */
} Fields;

static void
fields_init (Fields *f)
{
  memset (f, 0, sizeof *f);
  f->bbox = g_array_new (FALSE, FALSE, sizeof (double));
  f->segm_coords = g_array_new (FALSE, FALSE, sizeof (double));
  f->segm_rings = g_array_new (FALSE, FALSE, sizeof (guint32));
  f->rle_size = g_array_new (FALSE, FALSE, sizeof (double));
  f->rle_counts = g_string_new (NULL);
  f->rle_list = g_array_new (FALSE, FALSE, sizeof (double));
  f->kp = g_array_new (FALSE, FALSE, sizeof (double));
  f->line_coords = g_array_new (FALSE, FALSE, sizeof (double));
  f->line_rings = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
fields_reset (Fields *f)
{
  f->seen = f->present = 0;
  f->segm_is_rle = f->has_rle_size = f->has_rle_counts = FALSE;
  g_array_set_size (f->bbox, 0);
  g_array_set_size (f->segm_coords, 0);
  g_array_set_size (f->segm_rings, 0);
  g_array_set_size (f->rle_size, 0);
  g_string_truncate (f->rle_counts, 0);
  g_array_set_size (f->rle_list, 0);
  g_array_set_size (f->kp, 0);
  g_array_set_size (f->line_coords, 0);
  g_array_set_size (f->line_rings, 0);
}

static void
fields_clear (Fields *f)
{
  g_array_unref (f->bbox);
  g_array_unref (f->segm_coords);
  g_array_unref (f->segm_rings);
  g_array_unref (f->rle_size);
  g_string_free (f->rle_counts, TRUE);
  g_array_unref (f->rle_list);
  g_array_unref (f->kp);
  g_array_unref (f->line_coords);
  g_array_unref (f->line_rings);
}

static inline void
tok_ws (Tok *t)
{
  while (t->p < t->end && is_space (*t->p))
    t->p++;
}

static inline gboolean
tok_char (Tok *t,
          char c)
{
  tok_ws (t);
  if (t->p < t->end && *t->p == c)
    {
      t->p++;
      return TRUE;
    }
  return FALSE;
}

static inline gboolean
tok_peek (Tok *t,
          char c)
{
  tok_ws (t);
  return t->p < t->end && *t->p == c;
}

static gboolean
tok_literal (Tok        *t,
             const char *word)
{
  gsize len = strlen (word);

  tok_ws (t);
  if ((gsize) (t->end - t->p) < len || memcmp (t->p, word, len) != 0)
    return FALSE;
  t->p += len;
  return TRUE;
}

/* A strict JSON number. Integers are read as json-glib reads them (int64, then
 * converted); others with g_ascii_strtod, correctly rounded as json-glib's. */
static gboolean
tok_number (Tok    *t,
            double *out)
{
  const char *s, *q;
  char buf[64];
  gboolean is_int = TRUE;
  gsize len;
  char *endptr;

  tok_ws (t);
  s = q = t->p;
  if (q < t->end && *q == '-')
    q++;
  if (q >= t->end || !g_ascii_isdigit (*q))
    return FALSE;
  if (*q == '0')
    q++;
  else
    while (q < t->end && g_ascii_isdigit (*q))
      q++;
  if (q < t->end && *q == '.')
    {
      is_int = FALSE;
      q++;
      if (q >= t->end || !g_ascii_isdigit (*q))
        return FALSE;
      while (q < t->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < t->end && (*q == 'e' || *q == 'E'))
    {
      is_int = FALSE;
      q++;
      if (q < t->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= t->end || !g_ascii_isdigit (*q))
        return FALSE;
      while (q < t->end && g_ascii_isdigit (*q))
        q++;
    }

  len = q - s;
  if (len >= sizeof buf || (is_int && len > 18))
    return FALSE;
  memcpy (buf, s, len);
  buf[len] = '\0';

  if (is_int)
    *out = (double) g_ascii_strtoll (buf, &endptr, 10);
  else
    *out = g_ascii_strtod (buf, &endptr);
  if (endptr != buf + len)
    return FALSE;

  t->p = q;
  return TRUE;
}

/* A string; *out points into the file or into t->scratch. */
static gboolean
tok_string (Tok         *t,
            const char **out,
            gsize       *out_len)
{
  const char *s;
  gboolean escaped = FALSE;

  if (!tok_char (t, '"'))
    return FALSE;

  s = t->p;
  while (t->p < t->end && *t->p != '"')
    {
      if ((guchar) *t->p < 0x20)
        return FALSE;
      if (*t->p == '\\')
        {
          if (!escaped)
            {
              g_string_truncate (t->scratch, 0);
              g_string_append_len (t->scratch, s, t->p - s);
              escaped = TRUE;
            }
          t->p++;
          if (t->p >= t->end)
            return FALSE;
          switch (*t->p)
            {
            case '"': case '\\': case '/':
              g_string_append_c (t->scratch, *t->p);
              break;
            case 'b': g_string_append_c (t->scratch, '\b'); break;
            case 'f': g_string_append_c (t->scratch, '\f'); break;
            case 'n': g_string_append_c (t->scratch, '\n'); break;
            case 'r': g_string_append_c (t->scratch, '\r'); break;
            case 't': g_string_append_c (t->scratch, '\t'); break;
            default:
              return FALSE;   /* \u: leave it to json-glib */
            }
        }
      else if (escaped)
        g_string_append_c (t->scratch, *t->p);
      t->p++;
    }
  if (t->p >= t->end)
    return FALSE;

  if (escaped)
    {
      *out = t->scratch->str;
      *out_len = t->scratch->len;
    }
  else
    {
      *out = s;
      *out_len = t->p - s;
    }
  t->p++;
  return TRUE;
}

/* Skips any strict JSON value, checking it (a member we do not read). */
static gboolean
tok_skip_value (Tok  *t,
                guint depth)
{
  const char *s;
  gsize len;
  double d;

  if (depth > PRECIS_MAX_JSON_DEPTH)
    return FALSE;

  tok_ws (t);
  if (t->p >= t->end)
    return FALSE;

  switch (*t->p)
    {
    case '"':
      return tok_string (t, &s, &len);
    case '[':
      t->p++;
      if (tok_char (t, ']'))
        return TRUE;
      do
        if (!tok_skip_value (t, depth + 1))
          return FALSE;
      while (tok_char (t, ','));
      return tok_char (t, ']');
    case '{':
      t->p++;
      if (tok_char (t, '}'))
        return TRUE;
      do
        if (!tok_string (t, &s, &len) || !tok_char (t, ':') || !tok_skip_value (t, depth + 1))
          return FALSE;
      while (tok_char (t, ','));
      return tok_char (t, '}');
    case 't':
      return tok_literal (t, "true");
    case 'f':
      return tok_literal (t, "false");
    case 'n':
      return tok_literal (t, "null");
    default:
      return tok_number (t, &d);
    }
}

static gboolean
tok_numbers (Tok    *t,
             GArray *out)
{
  if (!tok_char (t, '['))
    return FALSE;
  if (tok_char (t, ']'))
    return TRUE;
  do
    {
      double d;

      if (!tok_number (t, &d))
        return FALSE;
      g_array_append_val (out, d);
    }
  while (tok_char (t, ','));
  return tok_char (t, ']');
}

static gboolean
tok_rings (Tok    *t,
           GArray *coords,
           GArray *rings)
{
  if (!tok_char (t, '['))
    return FALSE;
  if (tok_char (t, ']'))
    return TRUE;
  do
    {
      guint before = coords->len;
      guint32 len;

      if (!tok_numbers (t, coords))
        return FALSE;
      len = coords->len - before;
      g_array_append_val (rings, len);
    }
  while (tok_char (t, ','));
  return tok_char (t, ']');
}

static gboolean
tok_rle (Tok    *t,
         Fields *f)
{
  if (tok_char (t, '}'))
    return TRUE;
  do
    {
      const char *key;
      gsize key_len;

      if (!tok_string (t, &key, &key_len) || !tok_char (t, ':'))
        return FALSE;
      if (key_len == 4 && memcmp (key, "size", 4) == 0)
        {
          if (f->has_rle_size || !tok_numbers (t, f->rle_size))
            return FALSE;
          f->has_rle_size = TRUE;
        }
      else if (key_len == 6 && memcmp (key, "counts", 6) == 0)
        {
          const char *str;
          gsize len;

          if (f->has_rle_counts)
            return FALSE;
          f->has_rle_counts = TRUE;
          if (tok_peek (t, '['))
            {
              if (!tok_numbers (t, f->rle_list))
                return FALSE;
            }
          else
            {
              if (!tok_string (t, &str, &len) || memchr (str, '\0', len) != NULL)
                return FALSE;
              g_string_append_len (f->rle_counts, str, len);
            }
        }
      else if (!tok_skip_value (t, 2))
        return FALSE;
    }
  while (tok_char (t, ','));
  return tok_char (t, '}');
}

static gboolean
tok_member (Tok        *t,
            Fields     *f,
            gboolean    gt,
            const char *key,
            gsize       key_len)
{
  static const struct { const char *name; guint flag; } known[] = {
    { "image_id", F_IMAGE_ID }, { "category_id", F_CATEGORY_ID }, { "score", F_SCORE },
    { "bbox", F_BBOX }, { "segmentation", F_SEGMENTATION }, { "keypoints", F_KEYPOINTS },
    { "polyline", F_POLYLINE }, { "id", F_ID }, { "iscrowd", F_ISCROWD }, { "area", F_AREA },
    { "num_keypoints", F_NUM_KEYPOINTS },
  };
  guint flag = 0;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strlen (known[i].name) == key_len && memcmp (known[i].name, key, key_len) == 0)
      flag = known[i].flag;

  /* What the json-glib reader ignores, this one skips. */
  if (gt ? flag == F_SCORE : flag >= F_ID)
    flag = 0;

  if (flag == 0)
    return tok_skip_value (t, 2);

  /* json-glib keeps the last of duplicate members: let it. */
  if (f->seen & flag)
    return FALSE;
  f->seen |= flag;

  if (tok_peek (t, 'n'))
    return tok_literal (t, "null");
  f->present |= flag;

  switch (flag)
    {
    case F_IMAGE_ID:
      return tok_number (t, &f->image_id);
    case F_CATEGORY_ID:
      return tok_number (t, &f->category_id);
    case F_SCORE:
      return tok_number (t, &f->score);
    case F_BBOX:
      return tok_numbers (t, f->bbox);
    case F_SEGMENTATION:
      if (tok_char (t, '{'))
        {
          f->segm_is_rle = TRUE;
          return tok_rle (t, f);
        }
      return tok_rings (t, f->segm_coords, f->segm_rings);
    case F_KEYPOINTS:
      return tok_numbers (t, f->kp);
    case F_POLYLINE:
      return tok_rings (t, f->line_coords, f->line_rings);
    case F_ID:
      return tok_number (t, &f->id);
    case F_ISCROWD:
      return tok_number (t, &f->iscrowd);
    case F_AREA:
      return tok_number (t, &f->area);
    case F_NUM_KEYPOINTS:
      return tok_number (t, &f->num_keypoints);
    default:
      return FALSE;
    }
}

static gboolean
fast_id (PrecisDataset *dataset,
         double         value,
         gboolean       is_image,
         guint32       *out)
{
  if (value != floor (value) || fabs (value) > 9007199254740992.0)
    return FALSE;

  *out = is_image ? precis_dataset_find_image (dataset, (gint64) value)
                  : precis_dataset_find_category (dataset, (gint64) value);
  return *out != PRECIS_NO_INDEX;
}

static gboolean
fast_rings (Builder *b,
            GArray  *coords,
            GArray  *rings,
            guint    min_points)
{
  guint64 offset = 0;

  for (guint r = 0; r < rings->len; r++)
    {
      guint32 len = g_array_index (rings, guint32, r);
      guint64 start = b->coords->len;

      if (len % 2 != 0 || len / 2 < min_points)
        return FALSE;
      for (guint k = 0; k < len; k++)
        if (!isfinite (g_array_index (coords, double, offset + k)))
          return FALSE;
      g_array_append_vals (b->coords, &g_array_index (coords, double, offset), len);
      g_array_append_val (b->ring_start, start);
      g_array_append_val (b->ring_len, len);
      offset += len;
    }

  return TRUE;
}

/* The results branch of read_annotation() on tokenized members; FALSE = give up. */
static gboolean
fast_annotation (Loader *ld,
                 guint   index,
                 Fields *f)
{
  Builder *b = &ld->builder;
  const PrecisImage *img;
  Ann a = { 0, };

  a.kp_start = PRECIS_NO_INDEX;

  if (!(f->present & F_IMAGE_ID) || !(f->present & F_CATEGORY_ID) ||
      !fast_id (ld->dataset, f->image_id, TRUE, &a.image) ||
      !fast_id (ld->dataset, f->category_id, FALSE, &a.category))
    return FALSE;
  img = &ld->dataset->images[a.image];

  if (ld->mode == MODE_GT)
    {
      /* read_annotation()'s GT members. */
      a.score = 1.0;
      if (!(f->present & F_ID) || f->id != floor (f->id) || fabs (f->id) > 9007199254740992.0)
        return FALSE;
      a.id = (gint64) f->id;
      if (f->present & F_ISCROWD)
        {
          if (f->iscrowd != 0.0 && f->iscrowd != 1.0)
            return FALSE;
          a.iscrowd = (guint8) f->iscrowd;
        }
      if (f->present & F_AREA)
        {
          if (!isfinite (f->area) || f->area < 0)
            return FALSE;
          a.area = f->area;
          a.file_area = TRUE;
        }
      if (f->present & F_NUM_KEYPOINTS)
        {
          if (f->num_keypoints != floor (f->num_keypoints) || f->num_keypoints < 0 ||
              f->num_keypoints > PRECIS_MAX_KEYPOINTS)
            return FALSE;
          a.num_keypoints = (guint32) f->num_keypoints;
          a.file_num_keypoints = TRUE;
        }
    }
  else
    {
      a.id = (gint64) index + 1;
      if (!(f->present & F_SCORE) || !(f->score >= 0.0 && f->score <= 1.0))
        return FALSE;
      a.score = f->score;
    }

  if ((f->present & F_BBOX) && f->bbox->len > 0)
    {
      if (f->bbox->len != 4)
        return FALSE;
      for (guint k = 0; k < 4; k++)
        {
          a.bbox[k] = g_array_index (f->bbox, double, k);
          if (!isfinite (a.bbox[k]))
            return FALSE;
        }
      if (a.bbox[2] < 0 || a.bbox[3] < 0)
        return FALSE;
      a.file_bbox = TRUE;
      a.has |= PRECIS_HAS_BBOX;
    }

  if ((f->present & F_SEGMENTATION) && f->segm_is_rle)
    {
      PrecisRle rle = PRECIS_RLE_INIT;
      double h, w;

      if (!f->has_rle_size || !f->has_rle_counts || f->rle_size->len != 2)
        return FALSE;
      h = g_array_index (f->rle_size, double, 0);
      w = g_array_index (f->rle_size, double, 1);
      if (h != img->height || w != img->width)
        return FALSE;
      if (f->rle_list->len > 0 || f->rle_counts->len == 0)
        {
          guint64 sum = 0;

          /* Uncompressed: runs that add up to height × width exactly. */
          a.segm_kind = PRECIS_SEGM_RLE;
          a.segm_start = b->counts->len;
          a.segm_len = f->rle_list->len;
          for (guint k = 0; k < f->rle_list->len; k++)
            {
              double run = g_array_index (f->rle_list, double, k);
              guint32 run32;

              if (run != floor (run) || run < 0 || run > G_MAXUINT32)
                return FALSE;
              run32 = (guint32) run;
              sum += run32;
              g_array_append_val (b->counts, run32);
            }
          if (sum != (guint64) img->height * img->width)
            return FALSE;
          a.has |= PRECIS_HAS_SEGM;
        }
      else
        {
          if (!precis_rle_from_string (&rle, f->rle_counts->str, f->rle_counts->len,
                                       img->height, img->width, NULL) ||
              !precis_rle_validate (&rle, NULL))
            {
              precis_rle_clear (&rle);
              return FALSE;
            }
          a.segm_kind = PRECIS_SEGM_RLE;
          a.segm_start = b->counts->len;
          a.segm_len = rle.m;
          g_array_append_vals (b->counts, rle.cnts, rle.m);
          precis_rle_clear (&rle);
          a.has |= PRECIS_HAS_SEGM;
        }
    }
  else if ((f->present & F_SEGMENTATION) && f->segm_rings->len > 0)
    {
      a.segm_kind = PRECIS_SEGM_POLYGON;
      a.segm_start = b->ring_len->len;
      a.segm_len = f->segm_rings->len;
      if (!fast_rings (b, f->segm_coords, f->segm_rings, 3))
        return FALSE;
      a.has |= PRECIS_HAS_SEGM;
    }

  if ((f->present & F_KEYPOINTS) && f->kp->len > 0)
    {
      const PrecisCategory *cat = &ld->dataset->categories[a.category];
      guint len = f->kp->len;

      if ((cat->n_keypoints > 0 && len != 3 * cat->n_keypoints) || len % 3 != 0 ||
          len / 3 > PRECIS_MAX_KEYPOINTS)
        return FALSE;
      for (guint k = 0; k < len; k++)
        if (!isfinite (g_array_index (f->kp, double, k)))
          return FALSE;
      a.kp_start = b->keypoints->len;
      a.n_kp = len / 3;
      g_array_append_vals (b->keypoints, f->kp->data, len);
      a.has |= PRECIS_HAS_KEYPOINTS;
    }

  if ((f->present & F_POLYLINE) && f->line_rings->len > 0)
    {
      a.line_start = b->ring_len->len;
      a.line_len = f->line_rings->len;
      if (!fast_rings (b, f->line_coords, f->line_rings, 2))
        return FALSE;
      a.has |= PRECIS_HAS_POLYLINE;
    }

  if (index == 0 && ld->mode != MODE_GT)
    {
      /* results_mode() on the first result. */
      if (f->present & F_POLYLINE)
        ld->mode = MODE_POLYLINE;
      else if ((f->present & F_BBOX) && f->bbox->len > 0)
        ld->mode = MODE_BBOX;
      else if (f->present & F_SEGMENTATION)
        ld->mode = MODE_SEGM;
      else if (f->present & F_KEYPOINTS)
        ld->mode = MODE_KEYPOINTS;
      else
        ld->mode = MODE_BBOX;
    }

  if (!finish_annotation (ld, index, &a))
    {
      g_clear_error (&ld->error);
      return FALSE;
    }

  return TRUE;
}

typedef enum {
  FAST_OK,
  FAST_FALLBACK,
  FAST_CANCELLED,
} FastStatus;

/* A list of annotation objects at t->p (a results file, or a GT's "annotations"). */
static FastStatus
fast_list (Loader *ld,
           Tok    *t)
{
  const char *begin = t->p;
  FastStatus status = FAST_FALLBACK;
  Fields f;
  guint index = 0;

  fields_init (&f);

  if (!tok_char (t, '['))
    goto out;

  if (!tok_char (t, ']'))
    {
      do
        {
          if ((index & 4095) == 0)
            {
              if (g_cancellable_set_error_if_cancelled (ld->cancellable, &ld->error))
                {
                  status = FAST_CANCELLED;
                  goto out;
                }
              report (ld->progress, (double) (t->p - begin) / (double) MAX (t->end - begin, 1));
            }

          if (index >= PRECIS_MAX_ANNOTATIONS || !tok_char (t, '{'))
            goto out;
          fields_reset (&f);
          if (!tok_char (t, '}'))
            {
              do
                {
                  const char *key;
                  gsize key_len;

                  if (!tok_string (t, &key, &key_len) || !tok_char (t, ':') ||
                      !tok_member (t, &f, ld->mode == MODE_GT, key, key_len))
                    goto out;
                }
              while (tok_char (t, ','));
              if (!tok_char (t, '}'))
                goto out;
            }

          if (!fast_annotation (ld, index, &f))
            goto out;
          index++;
        }
      while (tok_char (t, ','));

      if (!tok_char (t, ']'))
        goto out;
    }

  status = FAST_OK;

out:
  if (status == FAST_FALLBACK)
    g_debug ("%s: fast reader stops at annotation %u; reading with json-glib", ld->display, index);
  fields_clear (&f);
  return status;
}

static FastStatus
fast_results (Loader         *ld,
              const FileData *fd)
{
  Tok t = { fd->data, fd->data + fd->len, g_string_new (NULL) };
  FastStatus status = fast_list (ld, &t);

  tok_ws (&t);
  if (status == FAST_OK && t.p != t.end)
    status = FAST_FALLBACK;
  g_string_free (t.scratch, TRUE);

  return status;
}

/* Parses one member's value (a span of the file) with json-glib. */
static JsonNode *
parse_span (const char *start,
            const char *end)
{
  g_autoptr(JsonParser) parser = NULL;
  guint64 n_values = 0;

  /* Bounded like the json-glib reader (an upper bound: strings are not skipped). */
  for (const char *p = start; p < end; p++)
    if (*p == ',' || *p == ':' || *p == '[' || *p == '{')
      n_values++;
  if (n_values > PRECIS_MAX_TREE_VALUES)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, start, end - start, NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static gboolean read_images     (PrecisDataset *self,
                                 const char    *display,
                                 JsonArray     *array,
                                 GFile         *images_dir,
                                 GError       **error);
static gboolean read_categories (PrecisDataset *self,
                                 const char    *display,
                                 JsonArray     *array,
                                 GError       **error);

/* The ground truth: locate the top-level members, read "images" and "categories"
 * with json-glib (small), and "annotations" with the fast reader. */
static FastStatus
fast_ground_truth (Loader         *ld,
                   const FileData *fd,
                   GFile          *images_dir)
{
  Tok t = { fd->data, fd->data + fd->len, g_string_new (NULL) };
  const char *span[3][2] = { { NULL, NULL }, { NULL, NULL }, { NULL, NULL } };
  static const char * const names[3] = { "images", "categories", "annotations" };
  FastStatus status = FAST_FALLBACK;
  g_autoptr(JsonNode) images = NULL;
  g_autoptr(JsonNode) categories = NULL;

  if (!tok_char (&t, '{'))
    goto out;
  if (!tok_char (&t, '}'))
    {
      do
        {
          const char *key;
          gsize key_len;
          int which = -1;

          if (!tok_string (&t, &key, &key_len) || !tok_char (&t, ':'))
            goto out;
          for (int k = 0; k < 3; k++)
            if (strlen (names[k]) == key_len && memcmp (names[k], key, key_len) == 0)
              which = k;
          if (which >= 0 && span[which][0] != NULL)
            goto out;   /* a duplicate member: json-glib keeps the last */
          tok_ws (&t);
          if (which >= 0)
            span[which][0] = t.p;
          if (!tok_skip_value (&t, 1))
            goto out;
          if (which >= 0)
            span[which][1] = t.p;
        }
      while (tok_char (&t, ','));
      if (!tok_char (&t, '}'))
        goto out;
    }
  tok_ws (&t);
  if (t.p != t.end || span[0][0] == NULL || span[1][0] == NULL)
    goto out;

  images = parse_span (span[0][0], span[0][1]);
  categories = parse_span (span[1][0], span[1][1]);
  if (images == NULL || categories == NULL ||
      JSON_NODE_TYPE (images) != JSON_NODE_ARRAY || JSON_NODE_TYPE (categories) != JSON_NODE_ARRAY ||
      !read_images (ld->dataset, ld->display, json_node_get_array (images), images_dir, NULL) ||
      !read_categories (ld->dataset, ld->display, json_node_get_array (categories), NULL))
    goto out;

  if (span[2][0] == NULL || (span[2][1] - span[2][0] == 4 && memcmp (span[2][0], "null", 4) == 0))
    status = FAST_OK;
  else
    {
      Tok list = { span[2][0], span[2][1], t.scratch };

      status = fast_list (ld, &list);
      tok_ws (&list);
      if (status == FAST_OK && list.p != list.end)
        status = FAST_FALLBACK;
    }

out:
  g_string_free (t.scratch, TRUE);
  return status;
}

/* ------------------------------------------------------------------------- */
/* Results files                                                              */

typedef struct {
  Loader *ld;
  guint   depth;
} Stream;

static void
on_container_start (JsonParser *parser,
                    gpointer    user_data)
{
  ((Stream *) user_data)->depth++;
}

static void
on_array_end (JsonParser *parser,
              JsonArray  *array,
              gpointer    user_data)
{
  ((Stream *) user_data)->depth--;
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               gpointer    user_data)
{
  ((Stream *) user_data)->depth--;
}

static Mode
results_mode (JsonNode *first)
{
  JsonObject *obj;
  JsonNode *bbox;

  if (JSON_NODE_TYPE (first) != JSON_NODE_OBJECT)
    return MODE_BBOX;   /* read_annotation reports the type */

  obj = json_node_get_object (first);
  if (get_member (obj, "polyline") != NULL)
    return MODE_POLYLINE;
  bbox = get_member (obj, "bbox");
  if (bbox != NULL && !(JSON_NODE_TYPE (bbox) == JSON_NODE_ARRAY &&
                        json_array_get_length (json_node_get_array (bbox)) == 0))
    return MODE_BBOX;
  if (get_member (obj, "segmentation") != NULL)
    return MODE_SEGM;
  if (get_member (obj, "keypoints") != NULL)
    return MODE_KEYPOINTS;

  return MODE_BBOX;
}

static void
on_array_element (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  gpointer    user_data)
{
  Stream *s = user_data;
  Loader *ld = s->ld;
  JsonNode *node;

  if (s->depth != 1)
    return;

  node = json_array_get_element (array, index);

  if (ld->error == NULL)
    {
      if (index == 0)
        ld->mode = results_mode (node);

      if ((index & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (ld->cancellable, &ld->error))
            goto drop;
          report (ld->progress, ld->n_expected ? (double) index / ld->n_expected : 0.0);
        }

      if ((guint) index >= PRECIS_MAX_ANNOTATIONS)
        ann_error (ld, index, NULL, PRECIS_DATASET_ERROR_LIMIT,
                   _("more than %u results"), PRECIS_MAX_ANNOTATIONS);
      else
        read_annotation (ld, index, node);
    }

drop:
  /* Done with it: keep the tree at one result. */
  json_node_init_null (node);
}

PrecisAnnotations *
_precis_load_results (PrecisDataset      *self,
                      GFile              *file,
                      PrecisLoadProgress *progress,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_auto(FileData) fd = { 0, };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  PrecisAnnotations *anns;
  ScanInfo scan;
  Stream stream = { 0, };
  g_autofree char *display = display_name (file);
  Loader ld;
  JsonNode *root;

  report (progress, 0.0);

  if (!file_data_read (&fd, file, cancellable, error) || !scan_json (&fd, &scan, error))
    return NULL;

  if (scan.top != '[')
    {
      set_error (error, fd.display, PRECIS_DATASET_ERROR_TYPE, NULL,
                 scan.top == '{'
                   ? _("expected a COCO results list [{…}, …], found an object (is this a ground-truth file?)")
                   : _("expected a COCO results list [{…}, …]"));
      return NULL;
    }

  loader_init (&ld, self, display, "", MODE_BBOX, scan.n_top_elements, progress, cancellable);
  ld.n_expected = scan.n_top_elements;

  if (g_getenv ("PRECIS_LOADER_NO_FAST_PATH") == NULL)
    {
      switch (fast_results (&ld, &fd))
        {
        case FAST_OK:
          goto done;
        case FAST_CANCELLED:
          g_propagate_error (error, g_steal_pointer (&ld.error));
          loader_clear (&ld);
          return NULL;
        case FAST_FALLBACK:
        default:
          /* Start again with json-glib, which reports the problem. */
          loader_clear (&ld);
          if (scan.max_element_values > PRECIS_MAX_TREE_VALUES)
            {
              set_error (error, fd.display, PRECIS_DATASET_ERROR_LIMIT, NULL,
                         _("not a valid COCO results file, and one of its results is too large "
                           "(over %" PRIu64 " JSON values) to be checked in detail"),
                         PRECIS_MAX_TREE_VALUES);
              return NULL;
            }
          loader_init (&ld, self, display, "", MODE_BBOX, scan.n_top_elements, progress, cancellable);
          ld.n_expected = scan.n_top_elements;
          break;
        }
    }

  stream.ld = &ld;

  parser = json_parser_new ();
  g_signal_connect (parser, "array-start", G_CALLBACK (on_container_start), &stream);
  g_signal_connect (parser, "object-start", G_CALLBACK (on_container_start), &stream);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_array_end), &stream);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &stream);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element), &stream);

  if (!json_parser_load_from_data (parser, fd.data, fd.len, &json_error))
    {
      /* A syntax error comes after any earlier result's error in the file. */
      if (ld.error != NULL)
        g_propagate_error (error, g_steal_pointer (&ld.error));
      else
        set_parse_error (error, &fd, json_error);
      loader_clear (&ld);
      return NULL;
    }

  if (ld.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ld.error));
      loader_clear (&ld);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_ARRAY)
    {
      set_error (error, fd.display, PRECIS_DATASET_ERROR_TYPE, NULL,
                 _("expected a COCO results list [{…}, …], found %s"), describe_node (root));
      loader_clear (&ld);
      return NULL;
    }

done:
  /* The tree is a list of nulls by now; free it before sorting. */
  g_clear_object (&parser);
  file_data_clear (&fd);

  anns = builder_finish (&ld.builder, self->n_images, self->n_categories);
  loader_clear (&ld);
  release_freed_memory ();
  report (progress, 1.0);

  return anns;
}

/* ------------------------------------------------------------------------- */
/* Ground truth                                                               */

typedef struct {
  gint64 id;
  guint  index;
} IdIndex;

static int
compare_id_index (gconstpointer a,
                  gconstpointer b)
{
  const IdIndex *x = a, *y = b;

  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorts @ids and reports the first id used twice. */
static gboolean
check_duplicates (const char *display,
                  const char *array,
                  IdIndex    *ids,
                  guint       n,
                  GError    **error)
{
  qsort (ids, n, sizeof *ids, compare_id_index);

  for (guint i = 1; i < n; i++)
    if (ids[i].id == ids[i - 1].id)
      {
        g_autofree char *path = g_strdup_printf ("%s[%u].id", array, ids[i].index);

        set_error (error, display, PRECIS_DATASET_ERROR_DUPLICATE, path,
                   _("id %" PRId64 " is already used by %s[%u]"),
                   ids[i].id, array, ids[i - 1].index);
        return FALSE;
      }

  return TRUE;
}

static JsonArray *
get_top_array (JsonObject *top,
               const char *display,
               const char *name,
               gboolean    required,
               GError    **error)
{
  JsonNode *node = get_member (top, name);

  if (node == NULL)
    {
      if (required)
        set_error (error, display, PRECIS_DATASET_ERROR_MISSING, name, _("required member is missing"));
      return NULL;
    }

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      set_error (error, display, PRECIS_DATASET_ERROR_TYPE, name,
                 _("expected a list, found %s"), describe_node (node));
      return NULL;
    }

  return json_node_get_array (node);
}

static gboolean
read_image_dimension (const char *display,
                      guint       index,
                      JsonObject *obj,
                      const char *member,
                      guint32    *out,
                      GError    **error)
{
  g_autofree char *path = g_strdup_printf ("images[%u].%s", index, member);
  JsonNode *node = get_member (obj, member);
  gint64 v;

  if (node == NULL)
    {
      set_error (error, display, PRECIS_DATASET_ERROR_MISSING, path, _("required member is missing"));
      return FALSE;
    }
  if (!get_integer (node, &v) || json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                 _("expected an integer number of pixels, found %s"), describe_node (node));
      return FALSE;
    }
  if (v <= 0)
    {
      set_error (error, display, PRECIS_DATASET_ERROR_VALUE, path,
                 _("%" PRId64 " is not a positive number of pixels"), v);
      return FALSE;
    }
  if (v > PRECIS_MAX_IMAGE_SIDE)
    {
      set_error (error, display, PRECIS_DATASET_ERROR_LIMIT, path,
                 _("%" PRId64 " pixels exceeds the limit of %d"), v, PRECIS_MAX_IMAGE_SIDE);
      return FALSE;
    }

  *out = (guint32) v;
  return TRUE;
}

static int
compare_image_id (gconstpointer a,
                  gconstpointer b)
{
  const PrecisImage *x = a, *y = b;

  return x->id < y->id ? -1 : x->id > y->id;
}

static int
compare_category_id (gconstpointer a,
                     gconstpointer b)
{
  const PrecisCategory *x = a, *y = b;

  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
read_images (PrecisDataset *self,
             const char    *display,
             JsonArray     *array,
             GFile         *images_dir,
             GError       **error)
{
  guint n = json_array_get_length (array);
  g_autofree IdIndex *ids = g_new (IdIndex, n + 1);
  g_autofree char *dir = images_dir ? g_file_get_path (images_dir) : NULL;

  self->images = g_new0 (PrecisImage, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PrecisImage *img = &self->images[i];
      JsonObject *obj;
      JsonNode *member;

      if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
        {
          g_autofree char *path = g_strdup_printf ("images[%u]", i);

          set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                     _("expected an object, found %s"), describe_node (node));
          return FALSE;
        }
      obj = json_node_get_object (node);
      self->n_images = i + 1;

      member = get_member (obj, "id");
      if (member == NULL || !get_integer (member, &img->id) ||
          json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        {
          g_autofree char *path = g_strdup_printf ("images[%u].id", i);

          if (member == NULL)
            set_error (error, display, PRECIS_DATASET_ERROR_MISSING, path, _("required member is missing"));
          else
            set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                       _("expected an integer id, found %s"), describe_node (member));
          return FALSE;
        }
      ids[i].id = img->id;
      ids[i].index = i;

      if (!read_image_dimension (display, i, obj, "width", &img->width, error) ||
          !read_image_dimension (display, i, obj, "height", &img->height, error))
        return FALSE;

      if ((guint64) img->width * img->height > PRECIS_MAX_IMAGE_PIXELS)
        {
          g_autofree char *path = g_strdup_printf ("images[%u]", i);

          set_error (error, display, PRECIS_DATASET_ERROR_LIMIT, path,
                     _("%u × %u pixels exceeds the limit of 2³¹ pixels"), img->width, img->height);
          return FALSE;
        }

      member = get_member (obj, "file_name");
      if (member != NULL)
        {
          if (JSON_NODE_TYPE (member) != JSON_NODE_VALUE ||
              json_node_get_value_type (member) != G_TYPE_STRING)
            {
              g_autofree char *path = g_strdup_printf ("images[%u].file_name", i);

              set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                         _("expected a string, found %s"), describe_node (member));
              return FALSE;
            }
          img->file_name = g_strdup (json_node_get_string (member));
          if (dir != NULL && img->file_name[0] != '\0')
            {
              img->path = g_build_filename (dir, img->file_name, NULL);
              img->present = g_file_test (img->path, G_FILE_TEST_IS_REGULAR);
            }
        }
    }

  if (!check_duplicates (display, "images", ids, n, error))
    return FALSE;

  qsort (self->images, n, sizeof (PrecisImage), compare_image_id);
  for (guint i = 0; i < n; i++)
    if (!self->images[i].present)
      self->n_images_missing++;

  return TRUE;
}

static gboolean
read_category (const char     *display,
               guint           i,
               JsonNode       *node,
               PrecisCategory *cat,
               GError        **error)
{
  g_autofree char *where = g_strdup_printf ("categories[%u]", i);
  JsonObject *obj;
  JsonNode *member;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      set_error (error, display, PRECIS_DATASET_ERROR_TYPE, where,
                 _("expected an object, found %s"), describe_node (node));
      return FALSE;
    }
  obj = json_node_get_object (node);

#define PATH(m) g_autofree char *path = g_strdup_printf ("%s.%s", where, m)
  member = get_member (obj, "id");
  if (member == NULL || !get_integer (member, &cat->id) ||
      json_node_get_value_type (member) == G_TYPE_BOOLEAN)
    {
      PATH ("id");
      if (member == NULL)
        set_error (error, display, PRECIS_DATASET_ERROR_MISSING, path, _("required member is missing"));
      else
        set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                   _("expected an integer id, found %s"), describe_node (member));
      return FALSE;
    }

  member = get_member (obj, "name");
  if (member != NULL && (JSON_NODE_TYPE (member) != JSON_NODE_VALUE ||
                         json_node_get_value_type (member) != G_TYPE_STRING))
    {
      PATH ("name");
      set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                 _("expected a string, found %s"), describe_node (member));
      return FALSE;
    }
  cat->name = member ? g_strdup (json_node_get_string (member))
                     : g_strdup_printf ("%" PRId64, cat->id);

  member = get_member (obj, "supercategory");
  if (member != NULL && JSON_NODE_TYPE (member) == JSON_NODE_VALUE &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    cat->supercategory = g_strdup (json_node_get_string (member));

  member = get_member (obj, "keypoints");
  if (member != NULL)
    {
      JsonArray *names;
      guint k;

      if (JSON_NODE_TYPE (member) != JSON_NODE_ARRAY)
        {
          PATH ("keypoints");
          set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                     _("expected a list of keypoint names, found %s"), describe_node (member));
          return FALSE;
        }
      names = json_node_get_array (member);
      k = json_array_get_length (names);
      if (k > PRECIS_MAX_KEYPOINTS)
        {
          PATH ("keypoints");
          set_error (error, display, PRECIS_DATASET_ERROR_LIMIT, path,
                     _("more than %d keypoints"), PRECIS_MAX_KEYPOINTS);
          return FALSE;
        }
      cat->n_keypoints = k;
      cat->keypoint_names = g_new0 (char *, k + 1);
      for (guint j = 0; j < k; j++)
        {
          JsonNode *v = json_array_get_element (names, j);

          if (JSON_NODE_TYPE (v) != JSON_NODE_VALUE || json_node_get_value_type (v) != G_TYPE_STRING)
            {
              g_autofree char *path = g_strdup_printf ("%s.keypoints[%u]", where, j);

              set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                         _("expected a string, found %s"), describe_node (v));
              return FALSE;
            }
          cat->keypoint_names[j] = g_strdup (json_node_get_string (v));
        }
    }

  member = get_member (obj, "skeleton");
  if (member != NULL)
    {
      JsonArray *edges;
      guint n;

      if (JSON_NODE_TYPE (member) != JSON_NODE_ARRAY)
        {
          PATH ("skeleton");
          set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                     _("expected a list of [a, b] keypoint pairs, found %s"), describe_node (member));
          return FALSE;
        }
      edges = json_node_get_array (member);
      n = json_array_get_length (edges);
      cat->n_skeleton = n;
      cat->skeleton = g_new0 (guint, 2 * n + 1);
      for (guint j = 0; j < n; j++)
        {
          JsonNode *e = json_array_get_element (edges, j);
          JsonArray *pair;
          gint64 ab[2];

          if (JSON_NODE_TYPE (e) != JSON_NODE_ARRAY ||
              json_array_get_length (pair = json_node_get_array (e)) != 2 ||
              !get_integer (json_array_get_element (pair, 0), &ab[0]) ||
              !get_integer (json_array_get_element (pair, 1), &ab[1]))
            {
              g_autofree char *path = g_strdup_printf ("%s.skeleton[%u]", where, j);

              set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                         _("expected a pair of 1-based keypoint numbers [a, b]"));
              return FALSE;
            }
          for (guint e2 = 0; e2 < 2; e2++)
            {
              if (ab[e2] < 1 || ab[e2] > cat->n_keypoints)
                {
                  g_autofree char *path = g_strdup_printf ("%s.skeleton[%u][%u]", where, j, e2);

                  set_error (error, display, PRECIS_DATASET_ERROR_VALUE, path,
                             _("keypoint %" PRId64 " does not exist (the category has %u, numbered from 1)"),
                             ab[e2], cat->n_keypoints);
                  return FALSE;
                }
              cat->skeleton[2 * j + e2] = (guint) (ab[e2] - 1);
            }
        }
    }

  member = get_member (obj, "sigmas");
  if (member != NULL)
    {
      JsonArray *sigmas;
      guint n;

      if (JSON_NODE_TYPE (member) != JSON_NODE_ARRAY)
        {
          PATH ("sigmas");
          set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                     _("expected a list of numbers, found %s"), describe_node (member));
          return FALSE;
        }
      sigmas = json_node_get_array (member);
      n = json_array_get_length (sigmas);
      if (n != cat->n_keypoints)
        {
          PATH ("sigmas");
          set_error (error, display, PRECIS_DATASET_ERROR_VALUE, path,
                     _("%u sigmas for %u keypoints"), n, cat->n_keypoints);
          return FALSE;
        }
      cat->sigmas = g_new (double, n + 1);
      for (guint j = 0; j < n; j++)
        {
          JsonNode *v = json_array_get_element (sigmas, j);
          NumStatus st = get_number (v, &cat->sigmas[j]);

          if (st != NUM_OK || !(cat->sigmas[j] > 0))
            {
              g_autofree char *path = g_strdup_printf ("%s.sigmas[%u]", where, j);

              set_error (error, display,
                         st == NUM_TYPE ? PRECIS_DATASET_ERROR_TYPE : PRECIS_DATASET_ERROR_VALUE,
                         path, _("expected a positive finite number"));
              return FALSE;
            }
        }
    }
#undef PATH

  return TRUE;
}

static gboolean
read_categories (PrecisDataset *self,
                 const char    *display,
                 JsonArray     *array,
                 GError       **error)
{
  guint n = json_array_get_length (array);
  g_autofree IdIndex *ids = NULL;

  if (n > PRECIS_MAX_CATEGORIES)
    {
      set_error (error, display, PRECIS_DATASET_ERROR_LIMIT, "categories",
                 _("more than %d categories"), PRECIS_MAX_CATEGORIES);
      return FALSE;
    }

  ids = g_new (IdIndex, n + 1);
  self->categories = g_new0 (PrecisCategory, n + 1);
  for (guint i = 0; i < n; i++)
    {
      self->n_categories = i + 1;
      if (!read_category (display, i, json_array_get_element (array, i), &self->categories[i], error))
        return FALSE;
      ids[i].id = self->categories[i].id;
      ids[i].index = i;
    }

  if (!check_duplicates (display, "categories", ids, n, error))
    return FALSE;

  qsort (self->categories, n, sizeof (PrecisCategory), compare_category_id);
  return TRUE;
}

/* Forgets what a failed fast read stored. */
static void
reset_tables (PrecisDataset *self)
{
  for (guint i = 0; i < self->n_images; i++)
    {
      g_free (self->images[i].file_name);
      g_free (self->images[i].path);
    }
  g_clear_pointer (&self->images, g_free);
  self->n_images = 0;
  self->n_images_missing = 0;

  for (guint i = 0; i < self->n_categories; i++)
    {
      PrecisCategory *cat = &self->categories[i];

      g_free (cat->name);
      g_free (cat->supercategory);
      g_strfreev (cat->keypoint_names);
      g_free (cat->skeleton);
      g_free (cat->sigmas);
    }
  g_clear_pointer (&self->categories, g_free);
  self->n_categories = 0;
}

gboolean
_precis_load_ground_truth (PrecisDataset      *self,
                           GFile              *file,
                           GFile              *images_dir,
                           PrecisLoadProgress *progress,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_auto(FileData) fd = { 0, };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autofree IdIndex *ids = NULL;
  g_autofree char *display = display_name (file);
  JsonObject *top;
  JsonArray *images, *categories, *annotations;
  JsonNode *root;
  ScanInfo scan;
  Loader ld;
  guint n;

  report (progress, 0.0);

  if (!file_data_read (&fd, file, cancellable, error) || !scan_json (&fd, &scan, error))
    return FALSE;

  if (scan.top != '{')
    {
      set_error (error, fd.display, PRECIS_DATASET_ERROR_TYPE, NULL,
                 scan.top == '['
                   ? _("expected a COCO ground-truth object with “images”, “categories” and “annotations”, found a list (is this a results file?)")
                   : _("expected a COCO ground-truth object with “images”, “categories” and “annotations”"));
      return FALSE;
    }

  if (g_getenv ("PRECIS_LOADER_NO_FAST_PATH") == NULL)
    {
      loader_init (&ld, self, display, "annotations", MODE_GT, 0, progress, cancellable);
      switch (fast_ground_truth (&ld, &fd, images_dir))
        {
        case FAST_OK:
          goto done;
        case FAST_CANCELLED:
          g_propagate_error (error, g_steal_pointer (&ld.error));
          loader_clear (&ld);
          return FALSE;
        case FAST_FALLBACK:
        default:
          /* Start again with json-glib, which reports the problem. */
          loader_clear (&ld);
          reset_tables (self);
          break;
        }
    }

  if (scan.n_values > PRECIS_MAX_TREE_VALUES)
    {
      set_error (error, fd.display, PRECIS_DATASET_ERROR_LIMIT, NULL,
                 _("not a valid COCO ground-truth file, and too large (over %" PRIu64
                   " JSON values) to be checked in detail"),
                 PRECIS_MAX_TREE_VALUES);
      return FALSE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, fd.data, fd.len, &json_error))
    {
      set_parse_error (error, &fd, json_error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report (progress, 0.4);

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      set_error (error, fd.display, PRECIS_DATASET_ERROR_TYPE, NULL,
                 _("expected a COCO ground-truth object, found %s"), describe_node (root));
      return FALSE;
    }
  top = json_node_get_object (root);

  images = get_top_array (top, fd.display, "images", TRUE, error);
  if (images == NULL)
    return FALSE;
  categories = get_top_array (top, fd.display, "categories", TRUE, error);
  if (categories == NULL)
    return FALSE;
  annotations = get_top_array (top, fd.display, "annotations", FALSE, error);
  if (annotations == NULL && error != NULL && *error != NULL)
    return FALSE;

  if (!read_images (self, fd.display, images, images_dir, error) ||
      !read_categories (self, fd.display, categories, error))
    return FALSE;

  n = annotations ? json_array_get_length (annotations) : 0;
  loader_init (&ld, self, display, "annotations", MODE_GT, n, progress, cancellable);
  for (guint i = 0; i < n; i++)
    {
      if ((i & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, &ld.error))
            break;
          report (progress, 0.4 + 0.5 * i / n);
        }
      if (!read_annotation (&ld, i, json_array_get_element (annotations, i)))
        break;
    }

  if (ld.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ld.error));
      loader_clear (&ld);
      return FALSE;
    }

done:
  g_clear_object (&parser);
  file_data_clear (&fd);
  release_freed_memory ();

  self->gt = builder_finish (&ld.builder, self->n_images, self->n_categories);
  loader_clear (&ld);

  /* Ids must be unique (pycocotools indexes GT by id). */
  ids = g_new (IdIndex, self->gt->n + 1);
  for (guint i = 0; i < self->gt->n; i++)
    {
      ids[i].id = self->gt->id[i];
      ids[i].index = self->gt->file_index[i];
    }
  if (!check_duplicates (display, "annotations", ids, self->gt->n, error))
    return FALSE;

  self->gt_has_any = _precis_annotations_has_any (self->gt);
  report (progress, 1.0);

  return TRUE;
}

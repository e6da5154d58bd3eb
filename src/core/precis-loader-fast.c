/* precis-loader-fast.c: the fast reader of annotation lists (results files and the GT's "annotations")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include "precis-loader-private.h"
#include "precis-rle.h"

/* ------------------------------------------------------------------------- */
/* Fast results reader                                                        */
/*
 * json-glib spends about 6 µs per prediction building and freeing nodes. A
 * results file is a flat list of small objects, so this reader tokenizes it
 * straight into the builder. It accepts strict JSON (RFC 8259) only, and at the
 * first thing it does not handle, or at any problem at all, it gives up: the
 * json-glib reader then reads the file again and is the one that reports errors.
 * Both end in _precis_loader_finish_annotation(); test-loader checks that they store identical
 * arrays for every results file of the test data.
 */

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
  TokNumber image_id;
  TokNumber category_id;
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
  TokNumber id;
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

      if (!_precis_json_tok_string (t, &key, &key_len) || !tok_char (t, ':'))
        return FALSE;
      if (key_len == 4 && memcmp (key, "size", 4) == 0)
        {
          if (f->has_rle_size || !_precis_json_tok_numbers (t, f->rle_size))
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
              if (!_precis_json_tok_numbers (t, f->rle_list))
                return FALSE;
            }
          else
            {
              if (!_precis_json_tok_string (t, &str, &len) || memchr (str, '\0', len) != NULL)
                return FALSE;
              g_string_append_len (f->rle_counts, str, len);
            }
        }
      else if (!_precis_json_tok_skip_value (t, 2))
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
    return _precis_json_tok_skip_value (t, 2);

  /* json-glib keeps the last of duplicate members: let it. */
  if (f->seen & flag)
    return FALSE;
  f->seen |= flag;

  if (tok_peek (t, 'n'))
    return _precis_json_tok_literal (t, "null");
  f->present |= flag;

  switch (flag)
    {
    case F_IMAGE_ID:
      return _precis_json_tok_number_exact (t, &f->image_id);
    case F_CATEGORY_ID:
      return _precis_json_tok_number_exact (t, &f->category_id);
    case F_SCORE:
      return _precis_json_tok_number (t, &f->score);
    case F_BBOX:
      return _precis_json_tok_numbers (t, f->bbox);
    case F_SEGMENTATION:
      if (tok_char (t, '{'))
        {
          f->segm_is_rle = TRUE;
          return tok_rle (t, f);
        }
      return _precis_json_tok_rings (t, f->segm_coords, f->segm_rings);
    case F_KEYPOINTS:
      return _precis_json_tok_numbers (t, f->kp);
    case F_POLYLINE:
      return _precis_json_tok_rings (t, f->line_coords, f->line_rings);
    case F_ID:
      return _precis_json_tok_number_exact (t, &f->id);
    case F_ISCROWD:
      return _precis_json_tok_number (t, &f->iscrowd);
    case F_AREA:
      return _precis_json_tok_number (t, &f->area);
    case F_NUM_KEYPOINTS:
      return _precis_json_tok_number (t, &f->num_keypoints);
    default:
      return FALSE;
    }
}

/* get_integer() on a tokenized number. */
static gboolean
fast_integer (const TokNumber *n,
              gint64          *out)
{
  if (n->is_integer)
    {
      *out = n->integer;
      return TRUE;
    }
  if (n->value != floor (n->value) || fabs (n->value) >= PRECIS_MAX_EXACT_DOUBLE)
    return FALSE;
  *out = (gint64) n->value;
  return TRUE;
}

static gboolean
fast_id (PrecisDataset   *dataset,
         const TokNumber *value,
         gboolean         is_image,
         guint32         *out)
{
  gint64 id;

  if (!fast_integer (value, &id))
    return FALSE;

  *out = is_image ? precis_dataset_find_image (dataset, id)
                  : precis_dataset_find_category (dataset, id);
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

/* read_annotation()'s GT members (id, iscrowd, area, num_keypoints). */
static gboolean
fast_gt_members (const Fields *f,
                 Ann          *a)
{
  a->score = 1.0;
  if (!(f->present & F_ID) || !fast_integer (&f->id, &a->id))
    return FALSE;
  if (f->present & F_ISCROWD)
    {
      if (f->iscrowd != 0.0 && f->iscrowd != 1.0)
        return FALSE;
      a->iscrowd = (guint8) f->iscrowd;
    }
  if (f->present & F_AREA)
    {
      if (!isfinite (f->area) || f->area < 0)
        return FALSE;
      a->area = f->area;
      a->file_area = TRUE;
    }
  if (f->present & F_NUM_KEYPOINTS)
    {
      if (f->num_keypoints != floor (f->num_keypoints) || f->num_keypoints < 0 ||
          f->num_keypoints > PRECIS_MAX_KEYPOINTS)
        return FALSE;
      a->num_keypoints = (guint32) f->num_keypoints;
      a->file_num_keypoints = TRUE;
    }
  return TRUE;
}

static gboolean
fast_bbox (const Fields *f,
           Ann          *a)
{
  if (!(f->present & F_BBOX) || f->bbox->len == 0)
    return TRUE;
  if (f->bbox->len != 4)
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      a->bbox[k] = g_array_index (f->bbox, double, k);
      if (!isfinite (a->bbox[k]))
        return FALSE;
    }
  if (a->bbox[2] < 0 || a->bbox[3] < 0)
    return FALSE;
  a->file_bbox = TRUE;
  a->has |= PRECIS_HAS_BBOX;
  return TRUE;
}

static gboolean
fast_rle (Builder           *b,
          const Fields      *f,
          const PrecisImage *img,
          Ann               *a)
{
  double h, w;

  if (!f->has_rle_size || !f->has_rle_counts || f->rle_size->len != 2)
    return FALSE;
  h = g_array_index (f->rle_size, double, 0);
  w = g_array_index (f->rle_size, double, 1);
  if (h != img->height || w != img->width)
    return FALSE;

  a->segm_kind = PRECIS_SEGM_RLE;
  a->segm_start = b->counts->len;
  if (f->rle_list->len > 0 || f->rle_counts->len == 0)
    {
      guint64 sum = 0;

      /* Uncompressed: runs that add up to height × width exactly. */
      a->segm_len = f->rle_list->len;
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
    }
  else
    {
      PrecisRle rle = PRECIS_RLE_INIT;

      if (!precis_rle_from_string (&rle, f->rle_counts->str, f->rle_counts->len,
                                   img->height, img->width, NULL) ||
          !precis_rle_validate (&rle, NULL))
        {
          precis_rle_clear (&rle);
          return FALSE;
        }
      a->segm_len = rle.m;
      g_array_append_vals (b->counts, rle.cnts, rle.m);
      precis_rle_clear (&rle);
    }
  a->has |= PRECIS_HAS_SEGM;
  return TRUE;
}

static gboolean
fast_keypoints (Builder              *b,
                const Fields         *f,
                const PrecisCategory *cat,
                gboolean              gt,
                Ann                  *a)
{
  guint len = f->kp->len;

  if (!(f->present & F_KEYPOINTS) || len == 0)
    return TRUE;
  if ((cat->n_keypoints > 0 && len != 3 * cat->n_keypoints) || len % 3 != 0 ||
      len / 3 > PRECIS_MAX_KEYPOINTS)
    return FALSE;
  for (guint k = 0; k < len; k++)
    {
      double v = g_array_index (f->kp, double, k);

      /* A GT's visibility is 0, 1 or 2 (read_keypoints()). */
      if (!isfinite (v) || (gt && k % 3 == 2 && v != 0.0 && v != 1.0 && v != 2.0))
        return FALSE;
    }
  a->kp_start = b->keypoints->len;
  a->n_kp = len / 3;
  g_array_append_vals (b->keypoints, f->kp->data, len);
  a->has |= PRECIS_HAS_KEYPOINTS;
  return TRUE;
}

/* results_mode() on the first result. */
static Mode
fast_results_mode (const Fields *f)
{
  if (f->present & F_POLYLINE)
    return MODE_POLYLINE;
  if ((f->present & F_BBOX) && f->bbox->len > 0)
    return MODE_BBOX;
  if (f->present & F_SEGMENTATION)
    return MODE_SEGM;
  if (f->present & F_KEYPOINTS)
    return MODE_KEYPOINTS;
  return MODE_BBOX;
}

/* read_annotation() on tokenized members; FALSE = give up. */
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
      !fast_id (ld->dataset, &f->image_id, TRUE, &a.image) ||
      !fast_id (ld->dataset, &f->category_id, FALSE, &a.category))
    return FALSE;
  img = &ld->dataset->images[a.image];

  if (ld->mode == MODE_GT)
    {
      if (!fast_gt_members (f, &a))
        return FALSE;
    }
  else
    {
      a.id = (gint64) index + 1;
      if (!(f->present & F_SCORE) || !(f->score >= 0.0 && f->score <= 1.0))
        return FALSE;
      a.score = f->score;
    }

  if (!fast_bbox (f, &a))
    return FALSE;

  if ((f->present & F_SEGMENTATION) && f->segm_is_rle)
    {
      if (!fast_rle (b, f, img, &a))
        return FALSE;
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

  if (!fast_keypoints (b, f, &ld->dataset->categories[a.category], ld->mode == MODE_GT, &a))
    return FALSE;

  if ((f->present & F_POLYLINE) && f->line_rings->len > 0)
    {
      a.line_start = b->ring_len->len;
      a.line_len = f->line_rings->len;
      if (!fast_rings (b, f->line_coords, f->line_rings, 2))
        return FALSE;
      a.has |= PRECIS_HAS_POLYLINE;
    }

  if (index == 0 && ld->mode != MODE_GT)
    ld->mode = fast_results_mode (f);

  if (!_precis_loader_finish_annotation (ld, index, &a))
    {
      g_clear_error (&ld->error);
      return FALSE;
    }

  return TRUE;
}

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
              _precis_loader_report (ld->progress, (double) (t->p - begin) / (double) MAX (t->end - begin, 1));
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

                  if (!_precis_json_tok_string (t, &key, &key_len) || !tok_char (t, ':') ||
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

FastStatus
_precis_loader_fast_results (Loader         *ld,
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

/* The ground truth: locate the top-level members, read "images" and "categories"
 * with json-glib (small), and "annotations" with the fast reader. */
FastStatus
_precis_loader_fast_ground_truth (Loader         *ld,
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

          if (!_precis_json_tok_string (&t, &key, &key_len) || !tok_char (&t, ':'))
            goto out;
          for (int k = 0; k < 3; k++)
            if (strlen (names[k]) == key_len && memcmp (names[k], key, key_len) == 0)
              which = k;
          if (which >= 0 && span[which][0] != NULL)
            goto out;   /* a duplicate member: json-glib keeps the last */
          tok_ws (&t);
          if (which >= 0)
            span[which][0] = t.p;
          if (!_precis_json_tok_skip_value (&t, 1))
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
      !_precis_loader_read_images (ld->dataset, ld->display, json_node_get_array (images), images_dir, NULL) ||
      !_precis_loader_read_categories (ld->dataset, ld->display, json_node_get_array (categories), NULL))
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

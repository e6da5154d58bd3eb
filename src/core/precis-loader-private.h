/* precis-loader-private.h: internals shared by the files of the COCO loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader is split by what it reads:
 *   precis-loader.c            the entry points: results files (json-glib, streamed)
 *                              and ground-truth files
 *   precis-loader-file.c       reading and pre-scanning a file, error messages
 *   precis-loader-builder.c    the struct-of-arrays builder and its final sort
 *   precis-loader-annotation.c one annotation (json-glib) and what loadRes derives
 *   precis-loader-shapes.c     bbox, segmentation (polygons, RLE), keypoints, polyline
 *   precis-loader-gt.c         the images and categories of a ground truth
 *   precis-loader-fast.c       the fast reader (precis-json-tok.c) of annotations
 */
#pragma once

#include <math.h>

#include <json-glib/json-glib.h>

#include "precis-dataset-private.h"
#include "precis-json-tok.h"
#include "precis-rle.h"

G_BEGIN_DECLS

/* A file mapped (or read) into memory. */
typedef struct {
  char        *display;   /* the file's name in messages */
  GMappedFile *mapped;
  char        *contents;  /* when not mapped */
  const char  *data;
  gsize        len;
} FileData;

typedef struct {
  char    top;            /* '[' or '{' (or another byte for a scalar document) */
  guint   n_top_elements; /* elements of a top-level list */
  guint64 n_values;       /* JSON values in the file (an upper bound) */
  guint64 max_element_values;   /* the most in one top-level element or member */
} ScanInfo;

/* 2⁵³: a number written as a double (1.0, 1e3) is taken as an integer only
 * below it in magnitude. From 2⁵³ on a double no longer tells n from n + 1
 * (9007199254740993.0 reads as 2⁵³), so such a number is refused rather than
 * taken as an integer it may not be; an integer literal is exact up to 64 bits. */
#define PRECIS_MAX_EXACT_DOUBLE 9007199254740992.0

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

/* An integer: a JSON integer (exact: the pre-scan refuses the integers beyond
 * 64 bits that json-glib would wrap), or a number with a fraction or exponent
 * whose value is an integer within ±2⁵³, where doubles are exact (1.0 is the
 * id 1 to pycocotools' dictionaries too). Not 1.5, 1e300, true or "3". */
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
      d = json_node_get_double (node);
      if (!isfinite (d) || d != floor (d) || fabs (d) >= PRECIS_MAX_EXACT_DOUBLE)
        return FALSE;
      *out = (gint64) d;
      return TRUE;
    default:
      return FALSE;
    }
}

/* An integer in [@min, @max] (the range of the C type it is stored in). */
static inline gboolean
get_integer_in (JsonNode *node,
                gint64    min,
                gint64    max,
                gint64   *out)
{
  return get_integer (node, out) && *out >= min && *out <= max;
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

/* The struct-of-arrays being built, one element per annotation. */
typedef struct {
  GArray *file_index, *id, *image, *category, *score, *bbox, *area, *iscrowd, *has,
         *segm_kind, *segm_start, *segm_len, *line_start, *line_len, *kp_start, *num_keypoints;
  GArray *ring_start, *ring_len, *coords, *counts, *keypoints;
} Builder;

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
  /* SEMANTICS.md §11: a file holds objects with geometry or image labels
   * (classification), never both: the first of each, or -1. */
  gint64         first_geometry;
  gint64         first_label;
} Loader;

typedef enum {
  FAST_OK,
  FAST_FALLBACK,
  FAST_CANCELLED,
} FastStatus;

typedef struct {
  gint64 id;
  guint  index;
} IdIndex;

/* precis-loader-file.c */
void _precis_loader_set_error (GError    **error,
                               const char *file,
                               int         code,
                               const char *path,
                               const char *format,
                               ...) G_GNUC_PRINTF (5, 6);

void _precis_loader_file_data_clear (FileData *fd);

char *_precis_loader_display_name (GFile *file);

gboolean _precis_loader_file_data_read (FileData      *fd,
                                        GFile         *file,
                                        GCancellable  *cancellable,
                                        GError       **error);

gboolean _precis_loader_scan_json (const FileData *fd,
                                   ScanInfo       *info,
                                   GError        **error);

void _precis_loader_set_parse_error (GError        **error,
                                     const FileData *fd,
                                     const GError   *json_error);

void _precis_loader_release_freed_memory (void);

void _precis_loader_report (PrecisLoadProgress *progress,
                            double              fraction);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileData, _precis_loader_file_data_clear)

/* precis-loader-values.c */
char       *_precis_loader_describe_node    (JsonNode    *node);
char       *_precis_loader_member_path      (const char  *where,
                                             const char  *member);
void        _precis_loader_found_error      (GError     **error,
                                             const char  *display,
                                             int          code,
                                             const char  *path,
                                             const char  *expected,
                                             JsonNode    *found);
void        _precis_loader_set_number_error (GError     **error,
                                             const char  *display,
                                             const char  *path,
                                             NumStatus    status,
                                             JsonNode    *node);
JsonNode   *_precis_loader_require          (const char  *display,
                                             const char  *where,
                                             JsonObject  *obj,
                                             const char  *member,
                                             GError     **error);
gboolean    _precis_loader_require_int64    (const char  *display,
                                             const char  *where,
                                             JsonObject  *obj,
                                             const char  *member,
                                             const char  *expected,
                                             gint64      *out,
                                             GError     **error);
gboolean    _precis_loader_optional_int     (const char  *display,
                                             const char  *where,
                                             JsonObject  *obj,
                                             const char  *member,
                                             gint64       min,
                                             gint64       max,
                                             const char  *expected,
                                             gint64      *out,
                                             GError     **error);
gboolean    _precis_loader_require_double   (const char  *display,
                                             const char  *where,
                                             JsonObject  *obj,
                                             const char  *member,
                                             double      *out,
                                             GError     **error);
gboolean    _precis_loader_optional_double  (const char  *display,
                                             const char  *where,
                                             JsonObject  *obj,
                                             const char  *member,
                                             double      *out,
                                             GError     **error);
gboolean    _precis_loader_optional_string  (const char  *display,
                                             const char  *where,
                                             JsonObject  *obj,
                                             const char  *member,
                                             char       **out,
                                             GError     **error);
gboolean    _precis_loader_optional_list    (const char  *display,
                                             const char  *where,
                                             JsonObject  *obj,
                                             const char  *member,
                                             const char  *expected,
                                             JsonArray  **out,
                                             GError     **error);
JsonObject *_precis_loader_require_object   (const char  *display,
                                             const char  *path,
                                             JsonNode    *node,
                                             GError     **error);

/* precis-loader-builder.c */
void _precis_builder_init (Builder *b,
                           guint    reserve);

void _precis_builder_clear (Builder *b);

void _precis_builder_push (Builder   *b,
                           const Ann *a);

PrecisAnnotations *_precis_builder_finish (Builder *b,
                                           guint    n_images,
                                           guint    n_categories);

/* precis-loader-shapes.c */
void _precis_loader_ann_found_error (Loader     *ld,
                                     guint       index,
                                     const char *member,
                                     int         code,
                                     const char *expected,
                                     JsonNode   *found);
char *_precis_loader_ann_path (Loader     *ld,
                              guint       index,
                              const char *member);
void _precis_loader_ann_error (Loader     *ld,
                               guint       index,
                               const char *member,
                               int         code,
                               const char *format,
                               ...) G_GNUC_PRINTF (5, 6);

void _precis_loader_number_error (Loader     *ld,
                                  guint       index,
                                  const char *member,
                                  NumStatus   status,
                                  JsonNode   *node);

gboolean _precis_loader_read_bbox (Loader   *ld,
                                   guint     index,
                                   JsonNode *node,
                                   Ann      *a);

gboolean _precis_loader_read_segmentation (Loader   *ld,
                                           guint     index,
                                           JsonNode *node,
                                           Ann      *a);

gboolean _precis_loader_read_polyline (Loader   *ld,
                                       guint     index,
                                       JsonNode *node,
                                       Ann      *a);

gboolean _precis_loader_read_keypoints (Loader   *ld,
                                        guint     index,
                                        JsonNode *node,
                                        Ann      *a);

void _precis_loader_segm_mask (Loader            *ld,
                               const Ann         *a,
                               const PrecisImage *img,
                               PrecisRle         *out);

void _precis_loader_polyline_band (Loader            *ld,
                                   const Ann         *a,
                                   const PrecisImage *img,
                                   PrecisRle         *out);

void _precis_loader_keypoint_extent (Loader *ld,
                                     Ann    *a);

gboolean _precis_loader_check_outline (Loader            *ld,
                                       guint              index,
                                       const Ann         *a,
                                       const PrecisImage *img);

/* precis-loader-annotation.c */
const char *_precis_has_member (guint8 has);   /* "bbox"…: the first geometry in @has */

gboolean _precis_loader_finish_annotation (Loader *ld,
                                           guint   index,
                                           Ann    *a);

gboolean _precis_loader_read_annotation (Loader   *ld,
                                         guint     index,
                                         JsonNode *node);

void _precis_loader_init (Loader             *ld,
                          PrecisDataset      *dataset,
                          const char         *display,
                          const char         *array,
                          Mode                mode,
                          guint               reserve,
                          PrecisLoadProgress *progress,
                          GCancellable       *cancellable);

void _precis_loader_clear (Loader *ld);

/* precis-loader-fast.c */
FastStatus _precis_loader_fast_results (Loader         *ld,
                                        const FileData *fd);

FastStatus _precis_loader_fast_ground_truth (Loader         *ld,
                                             const FileData *fd,
                                             GFile          *images_dir);

/* precis-loader-gt.c */
gboolean _precis_loader_check_duplicates (const char *display,
                                          const char *array,
                                          IdIndex    *ids,
                                          guint       n,
                                          GError    **error);

JsonArray *_precis_loader_get_top_array (JsonObject *top,
                                         const char *display,
                                         const char *name,
                                         gboolean    required,
                                         GError    **error);

gboolean _precis_loader_read_images (PrecisDataset *self,
                                     const char    *display,
                                     JsonArray     *array,
                                     GFile         *images_dir,
                                     GError       **error);

gboolean _precis_loader_read_categories (PrecisDataset *self,
                                         const char    *display,
                                         JsonArray     *array,
                                         GError       **error);

G_END_DECLS

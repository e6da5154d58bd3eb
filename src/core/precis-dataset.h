/* precis-dataset.h: the loaded, immutable project data model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PrecisDatasetError:
 * @PRECIS_DATASET_ERROR_IO: a file could not be read (missing, permission, too large)
 * @PRECIS_DATASET_ERROR_PARSE: the file is not valid JSON (syntax, encoding, truncation, nesting)
 * @PRECIS_DATASET_ERROR_TYPE: a JSON value has the wrong type (string where a number belongs, …)
 * @PRECIS_DATASET_ERROR_MISSING: a required member is missing
 * @PRECIS_DATASET_ERROR_VALUE: a value is out of range (NaN, infinite, negative, score outside [0, 1], …)
 * @PRECIS_DATASET_ERROR_REFERENCE: an id refers to nothing (unknown image or category)
 * @PRECIS_DATASET_ERROR_DUPLICATE: an id occurs twice
 * @PRECIS_DATASET_ERROR_GEOMETRY: a shape is malformed (odd polygon, bad RLE, keypoint count)
 * @PRECIS_DATASET_ERROR_LIMIT: the input exceeds a documented limit (see docs/FORMATS.md, Limits)
 * @PRECIS_DATASET_ERROR_PROJECT: the project folder or project file is unusable
 *
 * Every message names the file, the JSON path (`annotations[12].bbox[2]`) and the problem,
 * formatted as `FILE: PATH: problem`.
 */
typedef enum {
  PRECIS_DATASET_ERROR_IO,
  PRECIS_DATASET_ERROR_PARSE,
  PRECIS_DATASET_ERROR_TYPE,
  PRECIS_DATASET_ERROR_MISSING,
  PRECIS_DATASET_ERROR_VALUE,
  PRECIS_DATASET_ERROR_REFERENCE,
  PRECIS_DATASET_ERROR_DUPLICATE,
  PRECIS_DATASET_ERROR_GEOMETRY,
  PRECIS_DATASET_ERROR_LIMIT,
  PRECIS_DATASET_ERROR_PROJECT,
} PrecisDatasetError;

#define PRECIS_DATASET_ERROR (precis_dataset_error_quark ())
GQuark precis_dataset_error_quark (void);

/* What an evaluation compares: selects the geometry of each annotation. */
typedef enum {
  PRECIS_IOU_BBOX,
  PRECIS_IOU_SEGM,
  PRECIS_IOU_KEYPOINTS,
  PRECIS_IOU_POLYLINE,
  PRECIS_N_IOU_TYPES
} PrecisIouType;

const char *precis_iou_type_to_string   (PrecisIouType  type);
gboolean    precis_iou_type_from_string (const char    *str,
                                         PrecisIouType *type);

/* Which geometries an annotation carries (bit flags in PrecisAnnotations.has). */
typedef enum {
  PRECIS_HAS_BBOX      = 1 << 0,
  PRECIS_HAS_SEGM      = 1 << 1,
  PRECIS_HAS_KEYPOINTS = 1 << 2,
  PRECIS_HAS_POLYLINE  = 1 << 3,
} PrecisHas;

typedef enum {
  PRECIS_SEGM_NONE,
  PRECIS_SEGM_POLYGON,   /* one or more rings in the coordinate pool */
  PRECIS_SEGM_RLE,       /* run lengths in the count pool (compressed or not in the file) */
} PrecisSegmKind;

typedef struct {
  gint64  id;
  char   *file_name;
  guint32 width;
  guint32 height;
  char   *path;          /* absolute path of the image file, or NULL when there is no image folder */
  gboolean present;      /* the file exists on disk */
} PrecisImage;

typedef struct {
  gint64   id;
  char    *name;
  char    *supercategory;   /* may be NULL */
  guint    n_keypoints;
  char   **keypoint_names;  /* NULL-terminated, n_keypoints entries, or NULL */
  guint    n_skeleton;
  guint   *skeleton;        /* 2 × n_skeleton 0-based keypoint indices (COCO files are 1-based) */
  double  *sigmas;          /* n_keypoints entries, or NULL when the file gives none */
} PrecisCategory;

/* A contiguous run of annotations that share one image and one category. */
typedef struct {
  guint32 image;      /* image index */
  guint32 category;   /* category index */
  guint32 start;      /* first annotation index */
  guint32 end;        /* one past the last */
} PrecisGroup;

#define PRECIS_NO_INDEX G_MAXUINT32

/**
 * PrecisAnnotations:
 *
 * One set of annotations (the ground truth, or one model's predictions) as
 * struct-of-arrays. Annotation i is described by element i of every per-annotation
 * array. Annotations are sorted by (image index, category index, file order), so
 * the annotations of one (image, category) pair are contiguous: @groups lists those
 * runs in the same order, and the groups of image k are
 * `groups[image_group_start[k] .. image_group_start[k + 1]]`.
 * `file_index[i]` is annotation i's position in its source file (0-based), which
 * the matchers use to break ties exactly as pycocotools does.
 *
 * Derived fields are filled as pycocotools `loadRes` fills them for results:
 * `id` = file position + 1 when the file has none; boxes get `area = w × h`;
 * segmentation results get `area` and `bbox` from their mask; keypoint results
 * without a box get the extent of their keypoints; polyline annotations get
 * their band's pixel count and pixel box (SEMANTICS.md §2). GT keeps its own
 * `area` when the file has one.
 *
 * Immutable once loaded; safe to read from any thread.
 */
typedef struct {
  guint     n;

  /* Per annotation. */
  guint32  *file_index;
  gint64   *id;
  guint32  *image;          /* image index into precis_dataset_get_image() */
  guint32  *category;       /* category index into precis_dataset_get_category() */
  double   *score;          /* predictions: the score; GT: 1.0 */
  double   *bbox;           /* 4 per annotation: x, y, w, h */
  double   *area;
  guint8   *iscrowd;
  guint8   *has;            /* PrecisHas flags */
  guint8   *segm_kind;      /* PrecisSegmKind */
  guint32  *segm_start;     /* POLYGON: first ring; RLE: first count */
  guint32  *segm_len;       /* POLYGON: number of rings; RLE: number of counts */
  guint32  *line_start;     /* polyline: first ring */
  guint32  *line_len;       /* polyline: number of rings (0 when none) */
  guint32  *kp_start;       /* first of 3 × K values in @keypoints, or PRECIS_NO_INDEX */
  guint32  *num_keypoints;  /* GT: `num_keypoints` (or the count of v > 0); results: K */

  /* Geometry pools shared by all annotations of the set. A ring (polygon ring or
   * polyline) is ring_len[r] doubles x0, y0, x1, y1, … starting at coords[ring_start[r]]. */
  guint     n_rings;
  guint64  *ring_start;
  guint32  *ring_len;
  guint64   n_coords;
  double   *coords;
  guint64   n_counts;
  guint32  *counts;         /* RLE run lengths, column-major, first run = zeros; size = the image's */
  guint64   n_keypoint_values;
  double   *keypoints;      /* x, y, v triples */

  /* Index. */
  guint         n_groups;
  PrecisGroup  *groups;
  guint32      *image_group_start;   /* n_images + 1 entries */
} PrecisAnnotations;

/* Returns the index of the group for (image, category), or PRECIS_NO_INDEX. */
guint32 precis_annotations_find_group (const PrecisAnnotations *anns,
                                       guint32                  image,
                                       guint32                  category);

/* Counts per shape kind, for `precis-cli info` and the GUI. */
typedef struct {
  guint n;
  guint n_bbox;
  guint n_polygon;
  guint n_rle;
  guint n_polyline;
  guint n_keypoints;
  guint n_crowd;
} PrecisAnnotationCounts;

void precis_annotations_count (const PrecisAnnotations *anns,
                               PrecisAnnotationCounts  *counts);

/* Progress callback: @fraction in [0, 1], @stage a translated, human-readable stage name.
 * Called from the loading thread. */
typedef void (*PrecisProgressFunc) (double      fraction,
                                    const char *stage,
                                    gpointer    user_data);

#define PRECIS_TYPE_DATASET (precis_dataset_get_type ())
G_DECLARE_FINAL_TYPE (PrecisDataset, precis_dataset, PRECIS, DATASET, GObject)

/* A project: a folder holding gt.json, predictions*.json and images/, or a project
 * JSON file { "name", "ground_truth", "predictions": [{"name", "path"}], "images" }
 * with paths relative to it. */
PrecisDataset *precis_dataset_load_project (GFile              *project,
                                            GCancellable       *cancellable,
                                            PrecisProgressFunc  progress,
                                            gpointer            progress_data,
                                            GError            **error);

/* Explicit files: one GT file, any number of results files (name = file basename
 * without .json unless @pred_names gives one), optional image folder. */
PrecisDataset *precis_dataset_load_files   (GFile              *ground_truth,
                                            GFile             **predictions,
                                            const char * const *pred_names,
                                            guint               n_predictions,
                                            GFile              *images_dir,
                                            GCancellable       *cancellable,
                                            PrecisProgressFunc  progress,
                                            gpointer            progress_data,
                                            GError            **error);

const char              *precis_dataset_get_name          (PrecisDataset *self);
GFile                   *precis_dataset_get_location      (PrecisDataset *self);  /* folder or project file */
GFile                   *precis_dataset_get_ground_truth  (PrecisDataset *self);
GFile                   *precis_dataset_get_images_dir    (PrecisDataset *self);  /* may be NULL */

guint                    precis_dataset_get_n_images      (PrecisDataset *self);
/* Images and categories are sorted by id (so image index order is pycocotools'
 * imgIds order). `bbox` is filled for every annotation (derived when the file has
 * none); PRECIS_HAS_BBOX says whether the file carried it or pycocotools would
 * derive it (mask and keypoint results; GT whose box comes from its mask or
 * keypoints); a box derived from a polyline band does not set it. */
const PrecisImage       *precis_dataset_get_image         (PrecisDataset *self,
                                                           guint          index);
guint32                  precis_dataset_find_image        (PrecisDataset *self,
                                                           gint64         id);   /* index or PRECIS_NO_INDEX */
guint                    precis_dataset_get_n_images_missing (PrecisDataset *self);

guint                    precis_dataset_get_n_categories  (PrecisDataset *self);
const PrecisCategory    *precis_dataset_get_category      (PrecisDataset *self,
                                                           guint          index);
guint32                  precis_dataset_find_category     (PrecisDataset *self,
                                                           gint64         id);   /* index or PRECIS_NO_INDEX */

const PrecisAnnotations *precis_dataset_get_ground_truth_annotations (PrecisDataset *self);

guint                    precis_dataset_get_n_models      (PrecisDataset *self);
const char              *precis_dataset_get_model_name    (PrecisDataset *self,
                                                           guint          model);
GFile                   *precis_dataset_get_model_file    (PrecisDataset *self,
                                                           guint          model);
const PrecisAnnotations *precis_dataset_get_predictions   (PrecisDataset *self,
                                                           guint          model);
guint32                  precis_dataset_find_model        (PrecisDataset *self,
                                                           const char    *name);  /* index or PRECIS_NO_INDEX */

/* Whether the GT and model @model both carry geometry for @type. */
gboolean                 precis_dataset_is_classification (PrecisDataset *self);
gboolean                 precis_dataset_supports          (PrecisDataset *self,
                                                           guint          model,
                                                           PrecisIouType  type);
gboolean                 precis_dataset_check_supports    (PrecisDataset  *self,
                                                           guint           model,
                                                           PrecisIouType   type,
                                                           GError        **error);
gboolean                 precis_dataset_check_band_width  (PrecisDataset  *self,
                                                           guint           model,
                                                           double          band_width,
                                                           GError        **error);

/* Parses a class selection (`person,dog,18`) into a per-category mask. */
gboolean                 precis_dataset_parse_classes     (PrecisDataset *dataset,
                                                           const char    *spec,
                                                           guint8        *mask,
                                                           char         **bad);

G_END_DECLS

/* precis-dataset-private.h: internals shared by the dataset and its loaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset.h"

G_BEGIN_DECLS

/* Documented input limits (PRECIS_DATASET_ERROR_LIMIT). They keep every index
 * within 32 bits, every RLE count within guint32 and the JSON tree bounded. */
#define PRECIS_MAX_FILE_SIZE        ((goffset) 2 << 30)   /* 2 GiB per JSON file */
#define PRECIS_MAX_JSON_DEPTH       64                    /* nesting of [ and { */
#define PRECIS_MAX_IMAGE_SIDE       100000                /* pixels, width or height */
#define PRECIS_MAX_IMAGE_PIXELS     ((guint64) 1 << 31)   /* width × height */
#define PRECIS_MAX_CATEGORIES       100000
#define PRECIS_MAX_KEYPOINTS        1000                  /* keypoints per category */
#define PRECIS_MAX_ANNOTATIONS      ((guint) G_MAXINT32)  /* per GT or results file */
/* Rasterising a polygon or a polyline band costs about one step per pixel of
 * outline inside the image (plus the band width per polyline segment), and
 * merging the rings of one annotation about rings × outline: both are bounded so
 * that a small hostile file cannot take gigabytes or hours. */
#define PRECIS_MAX_OUTLINE          ((guint64) 1 << 24)   /* pixels, per annotation */
#define PRECIS_MAX_RING_WORK        ((guint64) 1 << 30)   /* rings × outline, per annotation */
/* json-glib takes about 80 bytes per JSON value: the detailed (json-glib) reading
 * of a file the fast reader refuses is bounded to this many values held at once
 * (the whole ground truth, or one result), about 1.3 GB. */
#define PRECIS_MAX_TREE_VALUES      ((guint64) 1 << 24)

typedef struct {
  char              *name;
  GFile             *file;
  PrecisAnnotations *anns;
  guint8             has_any;   /* OR of the annotations' PrecisHas flags */
} PrecisModel;

struct _PrecisDataset
{
  GObject            parent_instance;

  char              *name;
  GFile             *location;
  GFile             *ground_truth;
  GFile             *images_dir;

  /* Sorted by id, so that image index order is id order (pycocotools' order). */
  guint              n_images;
  PrecisImage       *images;
  guint              n_images_missing;

  /* Sorted by id. */
  guint              n_categories;
  PrecisCategory    *categories;

  PrecisAnnotations *gt;
  guint8             gt_has_any;
  gboolean           classification;   /* SEMANTICS.md §11: no annotation has geometry */

  GPtrArray         *models;   /* PrecisModel */
};

/* Progress over one whole load: each file covers [base, base + span). */
typedef struct {
  PrecisProgressFunc func;
  gpointer           data;
  double             base;
  double             span;
  const char        *stage;
} PrecisLoadProgress;

PrecisDataset     *_precis_dataset_new             (void);
void               _precis_dataset_add_model       (PrecisDataset      *self,
                                                    const char         *name,
                                                    GFile              *file,
                                                    PrecisAnnotations  *anns);

void               _precis_dataset_clear_tables    (PrecisDataset      *self);

/* precis-dataset-check.c: after every file is read, whether the project is a
 * classification project (SEMANTICS.md §11), checking that no file has
 * geometry when another holds image labels and that the ground truth has at
 * most one label per image. */
gboolean           _precis_dataset_check_task      (PrecisDataset      *self,
                                                    GError            **error);

/* precis-loader-shapes.c: the loader's outline limits for a chosen band width. */
gboolean           _precis_check_band_width        (const PrecisAnnotations *anns,
                                                    const PrecisImage       *images,
                                                    const char              *display,
                                                    const char              *array,
                                                    double                   band_width,
                                                    GError                 **error);

void               _precis_annotations_free        (PrecisAnnotations  *anns);
guint8             _precis_annotations_has_any     (const PrecisAnnotations *anns);

/* Fills images, categories and the GT of @self from a COCO ground-truth file. */
gboolean           _precis_load_ground_truth       (PrecisDataset      *self,
                                                    GFile              *file,
                                                    GFile              *images_dir,
                                                    PrecisLoadProgress *progress,
                                                    GCancellable       *cancellable,
                                                    GError            **error);

/* Reads a COCO results file against the images and categories of @self. */
PrecisAnnotations *_precis_load_results            (PrecisDataset      *self,
                                                    GFile              *file,
                                                    PrecisLoadProgress *progress,
                                                    GCancellable       *cancellable,
                                                    GError            **error);

/* The same from COCO text in memory (@text is taken and freed), which the
 * readers of the other formats (precis-format*.c) write; @display names it. */
gboolean           _precis_load_ground_truth_text  (PrecisDataset      *self,
                                                    const char         *display,
                                                    char               *text,
                                                    GFile              *images_dir,
                                                    PrecisLoadProgress *progress,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
PrecisAnnotations *_precis_load_results_text       (PrecisDataset      *self,
                                                    const char         *display,
                                                    char               *text,
                                                    PrecisLoadProgress *progress,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
/* The display name of a results file: "predictions_bbox.json" → "bbox",
 * "yolo.json" → "yolo", "predictions.json" → "predictions". */
char              *_precis_model_name_from_file    (GFile              *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisAnnotations, _precis_annotations_free)

G_END_DECLS

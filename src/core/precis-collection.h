/* precis-collection.h: named image sets (saved filters or frozen id lists) and image tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-dataset.h"
#include "precis-project.h"

G_BEGIN_DECLS

/* The `version` of the project file's `collections` member. */
#define PRECIS_COLLECTIONS_VERSION 1

typedef enum {
  PRECIS_COLLECTION_FILTER,   /* re-evaluated on the current data */
  PRECIS_COLLECTION_FROZEN,   /* an explicit list of image ids */
} PrecisCollectionKind;

typedef enum {
  PRECIS_COLLECTION_OUTCOME_ANY,
  PRECIS_COLLECTION_OUTCOME_TP,   /* a prediction that is TP */
  PRECIS_COLLECTION_OUTCOME_FP,   /* a prediction that is FP */
  PRECIS_COLLECTION_OUTCOME_FN,   /* a GT without a TP */
} PrecisCollectionOutcome;

/**
 * PrecisCollectionFilter:
 * @model: (nullable): the model's name; %NULL for the first model
 * @iou_type: (nullable): `bbox`, `segm`, …; %NULL for the first one both sides carry
 * @iou: the IoU threshold t
 * @confidence: the confidence threshold s
 * @classes: (nullable): a class selection as `--classes` reads it; %NULL for all
 * @outcome: which objects count
 * @error: (nullable): only objects of this TIDE error type (`cls`, `loc`,
 *   `both`, `dupe`, `bkg`, `miss`; at t, s and the classes, background 0.1)
 * @tag: (nullable): only images with this tag
 * @metric: (nullable): only objects whose value of this metric
 *   (SEMANTICS.md §9, built-in) lies in [@metric_lo, @metric_hi]
 * @metric_lo: the range's low end
 * @metric_hi: the range's high end (INFINITY: none)
 *
 * The filters combine with AND: an image is in the collection when it has
 * @tag (if given) and holds at least one object (a GT, or a prediction with
 * score ≥ s) of a selected class whose outcome at (t, s) is @outcome and,
 * with @error, whose TIDE error type is @error.
 */
typedef struct {
  char                    *model;
  char                    *iou_type;
  double                   iou;
  double                   confidence;
  char                    *classes;
  PrecisCollectionOutcome  outcome;
  char                    *error;
  char                    *tag;
  char                    *metric;
  double                   metric_lo;
  double                   metric_hi;
} PrecisCollectionFilter;

typedef struct {
  char                   *name;
  PrecisCollectionKind    kind;
  PrecisCollectionFilter  filter;   /* FILTER */
  GArray                 *images;   /* gint64 image ids (FROZEN), in the order given */
  char                   *created;  /* ISO 8601 UTC, or NULL */
  JsonNode               *raw;      /* the entry as read (kept on write), or NULL */
} PrecisCollection;

/* A collection with the defaults (t = 0.5, s = 0, everything else unset). */
PrecisCollection *precis_collection_new   (const char           *name,
                                           PrecisCollectionKind  kind);
void              precis_collection_free  (PrecisCollection     *collection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisCollection, precis_collection_free)

/* Whether @str is a TIDE error type key (cls, loc, both, dupe, bkg, miss). */
gboolean    precis_collection_error_is_valid      (const char              *str);
const char *precis_collection_outcome_to_string   (PrecisCollectionOutcome  outcome);
gboolean    precis_collection_outcome_from_string (const char              *str,
                                                   PrecisCollectionOutcome *outcome);

/**
 * PrecisCollections:
 *
 * The collections and image tags of a project file (its `collections`
 * member, docs/FORMATS.md "Collections"). Entries that cannot be read are
 * reported, skipped and written back unchanged.
 */
typedef struct _PrecisCollections PrecisCollections;

/* Reads @project's `collections` (none: empty). @problems (nullable) receives
 * one "FILE: PATH: problem" string per damaged entry. Fails (FORMAT, VALUE)
 * only when the member itself cannot be read. */
PrecisCollections *precis_collections_load  (PrecisProject      *project,
                                             GPtrArray         **problems,
                                             GError            **error);
void               precis_collections_free  (PrecisCollections  *collections);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisCollections, precis_collections_free)

/* Sets @project's `collections` member (precis_project_write() writes it). */
void               precis_collections_store (PrecisCollections  *collections,
                                             PrecisProject      *project);

guint              precis_collections_get_n (PrecisCollections  *collections);
PrecisCollection  *precis_collections_get   (PrecisCollections  *collections,
                                             guint               index);
PrecisCollection  *precis_collections_find  (PrecisCollections  *collections,
                                             const char         *name);
/* Takes @collection; fails (DUPLICATE) when the name is taken, (VALUE) when empty. */
gboolean           precis_collections_add   (PrecisCollections  *collections,
                                             PrecisCollection   *collection,
                                             GError            **error);
gboolean           precis_collections_remove (PrecisCollections *collections,
                                              const char        *name);

/* Image tags. The tag's image ids (NULL when there is no such tag). */
const GArray      *precis_collections_get_tag (PrecisCollections *collections,
                                               const char        *tag);
/* NULL-terminated, in file order (free the array only). */
const char       **precis_collections_list_tags (PrecisCollections *collections);
/* Adds (or with @remove removes) @ids to @tag; returns how many changed. A
 * tag left without images is deleted. */
guint              precis_collections_tag   (PrecisCollections  *collections,
                                             const char         *tag,
                                             const gint64       *ids,
                                             guint               n_ids,
                                             gboolean            remove);

/* The images of @collection in @dataset: @mask (n_images bytes) is set to 1
 * for each. A frozen collection's ids that the dataset lacks are appended to
 * @missing (gint64, nullable). Returns the number of images, or -1 with
 * @error set (no such model, class or IoU type). */
gint64             precis_collection_select (PrecisCollection   *collection,
                                             PrecisCollections  *collections,
                                             PrecisDataset      *dataset,
                                             guint8             *mask,
                                             GArray             *missing,
                                             GError            **error);

/* The filter's (or frozen list's) description as JSON, as stored. */
JsonNode          *precis_collection_to_json (PrecisCollection  *collection);

typedef enum {
  PRECIS_EXPORT_COCO,   /* DIR/gt.json and DIR/predictions-MODEL.json */
  PRECIS_EXPORT_CSV,    /* DIR/objects.csv */
  PRECIS_EXPORT_LIST,   /* DIR/images.txt */
} PrecisExportFormat;

gboolean precis_export_format_from_string (const char         *str,
                                           PrecisExportFormat *format);

/* Writes the export of the images in @mask to the folder @dir (created when
 * missing) plus DIR/precis-export.json. Each file is written atomically;
 * nothing is written when one of them exists and !@overwrite
 * (G_IO_ERROR_EXISTS, naming it). CSV uses the collection's filter (model,
 * t, s, classes; the first model for a frozen collection). */
gboolean precis_collection_export (PrecisCollection   *collection,
                                   PrecisCollections  *collections,
                                   PrecisDataset      *dataset,
                                   PrecisExportFormat  format,
                                   GFile              *dir,
                                   gboolean            overwrite,
                                   GError            **error);

G_END_DECLS

/* precis-format-private.h: internals shared by the readers and writers of the
 * annotation formats other than COCO
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reader turns its format into COCO text in memory (CocoText) and hands it
 * to the COCO loader (_precis_load_ground_truth_text, _precis_load_results_text),
 * so that a YOLO or VOC project becomes the same PrecisDataset a COCO project
 * does and every evaluation reads it unchanged. Numbers are written with 17
 * significant digits, which gives back the same double.
 *
 *   precis-format.c         detection, the dispatch, the public API
 *   precis-format-coco.c    the COCO writer (gt.json, predictions_MODEL.json)
 *   precis-format-common.c  CocoText, the error list, atomic writes, image sizes
 *   precis-format-yolo.c    Ultralytics YOLO (data.yaml, labels/NAME.txt), and
 *   precis-format-yolo-write.c its writer
 *   precis-format-cvat.c    CVAT for images 1.1 XML (annotations.xml), and
 *   precis-format-cvat-write.c its writer
 *   precis-format-label-studio.c  Label Studio's JSON export (tasks.json)
 *   precis-format-voc.c     Pascal VOC (Annotations/NAME.xml, comp4_det_test_CLASS.txt)
 */
#pragma once

#include "precis-dataset-private.h"
#include "precis-loader-private.h"
#include "precis-format.h"
#include "precis-project-private.h"

G_BEGIN_DECLS

/* The most problems one file reports before it says how many more there were. */
#define PRECIS_FORMAT_MAX_ERRORS 20

/* COCO text being written: a ground truth { "images", "categories",
 * "annotations" } or a results list. */
typedef struct {
  GString *s;
  guint    n;        /* items in the current list */
  gboolean results;
} CocoText;

void  _precis_coco_text_init_gt      (CocoText   *t);
void  _precis_coco_text_init_results (CocoText   *t);
/* Ends the list of images and begins the categories; then the annotations. */
void  _precis_coco_text_next_list    (CocoText   *t,
                                      const char *name);
void  _precis_coco_text_image        (CocoText   *t,
                                      gint64      id,
                                      const char *file_name,
                                      guint       width,
                                      guint       height);
void  _precis_coco_text_category     (CocoText   *t,
                                      gint64      id,
                                      const char *name,
                                      guint       n_keypoints);

/* One annotation or result: @bbox (x, y, w, h) or NULL; @ring (x, y pairs,
 * @n_ring doubles) or NULL; @keypoints (x, y, v triples, @n_keypoints of them) or
 * NULL; @score for results (ignored for GT); @id for GT (ignored for results). */
typedef struct {
  gint64        id;
  gint64        image_id;
  gint64        category_id;
  const double *bbox;
  const double *ring;
  guint         n_ring;
  const double *keypoints;
  guint         n_keypoints;
  double        score;
  gboolean      iscrowd;
  const double *line;          /* one polyline (x, y pairs, @n_line doubles), or NULL */
  guint         n_line;
  const guint32 *counts;       /* uncompressed RLE over rle_height × rle_width, or NULL */
  guint         n_counts;
  guint         rle_width, rle_height;
} CocoItem;

void  _precis_coco_text_item         (CocoText       *t,
                                      const CocoItem *item);
/* Closes the text and returns it (the caller frees it). */
char *_precis_coco_text_finish       (CocoText   *t);
void  _precis_coco_text_clear        (CocoText   *t);

/* The problems of one read: "FILE:LINE:COLUMN: problem" lines, at most
 * PRECIS_FORMAT_MAX_ERRORS per file, then a count. */
typedef struct {
  GString *text;
  guint    n;          /* problems in all */
  guint    n_file;     /* problems in the current file */
  char    *file;       /* the current file's display name */
  guint    n_shown;
} FormatErrors;

void     _precis_format_errors_init   (FormatErrors *e);
void     _precis_format_errors_file   (FormatErrors *e,
                                       const char   *display);
/* @line 0: no line; @column 0: no column. */
void     _precis_format_errors_add    (FormatErrors *e,
                                       guint         line,
                                       guint         column,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (4, 5);
/* FALSE (and @error set, code PRECIS_DATASET_ERROR_PARSE) when there were any. */
/* A GMarkup syntax error as "FILE:LINE:COLUMN: message". */
void     _precis_format_markup_error  (FormatErrors        *e,
                                       GMarkupParseContext *context,
                                       const GError        *error);
gboolean _precis_format_errors_finish (FormatErrors *e,
                                       GError      **error);
void     _precis_format_errors_clear  (FormatErrors *e);

/* A file's name for messages, relative to @base when it lies inside it. */
char    *_precis_format_display       (GFile        *base,
                                       GFile        *file);

/* Reads the width and height of a PNG or JPEG image from its header. */
gboolean _precis_image_size           (const char   *path,
                                       guint        *width,
                                       guint        *height,
                                       GError      **error);

/* Writing. The output folder must be empty or absent unless @force. */
gboolean _precis_format_prepare_out   (GFile        *out,
                                       gboolean      force,
                                       GError      **error);
/* Writes @contents to @out/@relative atomically, creating its folders. */
gboolean _precis_format_write         (GFile        *out,
                                       const char   *relative,
                                       const char   *contents,
                                       gsize         length,
                                       GError      **error);
/* Copies the image file of @img (when it exists) to @out/@relative, atomically. */
gboolean _precis_format_copy_image    (const PrecisImage *img,
                                       GFile        *out,
                                       const char   *relative,
                                       GCancellable *cancellable,
                                       GError      **error);
/* "a/b.jpg" → "a/b" */
char    *_precis_format_strip_ext     (const char   *file_name);
/* A JSON string literal. */
void     _precis_format_append_json_string (GString    *s,
                                            const char *str);
/* A double with 17 significant digits, C locale. */
void     _precis_format_append_double (GString      *s,
                                       double        value);
/* A model's name as a folder name (no '/', not "." or ".."); freed by the caller. */
char    *_precis_format_model_dir     (PrecisDataset *dataset,
                                       guint          model);

/* The image indices by file stem (the name without folders and suffix), for
 * the prediction formats that name images so; PRECIS_NO_INDEX − 1 marks a stem
 * that several images share. */
GHashTable *_precis_format_images_by_stem (PrecisDataset *dataset);

/* For g_ptr_array_sort() of strings; a GDestroyNotify of GStrings. */
int      _precis_format_compare_strings (gconstpointer a,
                                         gconstpointer b);
void     _precis_format_free_string   (gpointer      s);

/* precis-format-coco.c */
gboolean _precis_coco_write        (PrecisDataset      *dataset,
                                    GFile              *out,
                                    GCancellable       *cancellable,
                                    GError            **error);

/* precis-format-yolo.c */
gboolean _precis_yolo_read_gt      (GFile              *yaml,
                                    char              **coco,
                                    GFile             **images_dir,
                                    GCancellable       *cancellable,
                                    GError            **error);
char    *_precis_yolo_read_results (PrecisDataset      *dataset,
                                    GFile              *dir,
                                    GCancellable       *cancellable,
                                    GError            **error);
gboolean _precis_yolo_write        (PrecisDataset      *dataset,
                                    GFile              *out,
                                    GCancellable       *cancellable,
                                    GError            **error);

/* The index of the category named @name, or PRECIS_NO_INDEX. */
guint32  _precis_format_find_category (PrecisDataset *dataset,
                                       const char    *name);

/* precis-format-cvat.c */
gboolean _precis_cvat_read_gt      (GFile              *file,
                                    char              **coco,
                                    GFile             **images_dir,
                                    GCancellable       *cancellable,
                                    GError            **error);
char    *_precis_cvat_read_results (PrecisDataset      *dataset,
                                    GFile              *file,
                                    GCancellable       *cancellable,
                                    GError            **error);
gboolean _precis_cvat_write        (PrecisDataset      *dataset,
                                    GFile              *out,
                                    GCancellable       *cancellable,
                                    GError            **error);

/* precis-format-label-studio.c: the ground truth and each model (names and
 * COCO results texts) of one export. */
gboolean _precis_label_studio_read  (GFile             *file,
                                     char             **coco,
                                     GPtrArray        **model_names,
                                     GPtrArray        **model_texts,
                                     GError           **error);
gboolean _precis_label_studio_write (PrecisDataset     *dataset,
                                     GFile             *out,
                                     GCancellable      *cancellable,
                                     GError           **error);

/* precis-format-voc.c */
gboolean _precis_voc_read_gt       (GFile              *folder,
                                    char              **coco,
                                    GFile             **images_dir,
                                    GCancellable       *cancellable,
                                    GError            **error);
char    *_precis_voc_read_results  (PrecisDataset      *dataset,
                                    GFile              *dir,
                                    GCancellable       *cancellable,
                                    GError            **error);
gboolean _precis_voc_write         (PrecisDataset      *dataset,
                                    GFile              *out,
                                    GCancellable       *cancellable,
                                    GError            **error);

/* precis-format.c: for the project reader. */
PrecisFormat _precis_format_detect_gt (GFile             *file);
gboolean     _precis_format_scan_folder (GFile             *folder,
                                         PrecisProjectSpec *spec,
                                         GCancellable      *cancellable);
gboolean     _precis_format_load_gt  (PrecisDataset      *self,
                                      GFile              *file,
                                      GFile              *images_dir,
                                      PrecisLoadProgress *progress,
                                      GCancellable       *cancellable,
                                      GError            **error);
PrecisAnnotations *_precis_format_load_results (PrecisDataset      *self,
                                                GFile              *file,
                                                PrecisLoadProgress *progress,
                                                GCancellable       *cancellable,
                                                GError            **error);

G_END_DECLS

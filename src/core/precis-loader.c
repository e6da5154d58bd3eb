/* precis-loader.c: COCO ground-truth and results files (the entry points)
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
 * Both readers end in _precis_loader_finish_annotation(); test-loader checks they agree.
 *
 * Derived fields follow pycocotools COCO.loadRes: the kind of the first result picks
 * the branch for the whole file (bbox, else segmentation, else keypoints; our
 * polyline extension comes first); ids are file position + 1; boxes get area w × h;
 * masks get their pixel area and, without a bbox, their pixel box; keypoint results
 * get the extent of all their keypoints as bbox and its area.
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "precis-loader-private.h"

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
          _precis_loader_report (ld->progress, ld->n_expected ? (double) index / ld->n_expected : 0.0);
        }

      if ((guint) index >= PRECIS_MAX_ANNOTATIONS)
        _precis_loader_ann_error (ld, index, NULL, PRECIS_DATASET_ERROR_LIMIT,
                                  _("more than %u results"), PRECIS_MAX_ANNOTATIONS);
      else
        _precis_loader_read_annotation (ld, index, node);
    }

drop:
  /* Done with it: keep the tree at one result. */
  json_node_init_null (node);
}

static PrecisAnnotations *
load_results (PrecisDataset      *self,
              FileData           *file_data,
              PrecisLoadProgress *progress,
              GCancellable       *cancellable,
              GError            **error)
{
  g_auto(FileData) fd = *file_data;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  PrecisAnnotations *anns;
  ScanInfo scan;
  Stream stream = { 0, };
  g_autofree char *display = g_strdup (fd.display);
  Loader ld;
  JsonNode *root;

  memset (file_data, 0, sizeof *file_data);
  if (!_precis_loader_scan_json (&fd, &scan, error))
    return NULL;

  if (scan.top != '[')
    {
      _precis_loader_set_error (error, fd.display, PRECIS_DATASET_ERROR_TYPE, NULL,
                                scan.top == '{'
                                  ? _("expected a COCO results list [{…}, …], found an object (is this a ground-truth file?)")
                                  : _("expected a COCO results list [{…}, …]"));
      return NULL;
    }

  _precis_loader_init (&ld, self, display, "", MODE_BBOX, scan.n_top_elements, progress, cancellable);
  ld.n_expected = scan.n_top_elements;

  if (g_getenv ("PRECIS_LOADER_NO_FAST_PATH") == NULL)
    {
      switch (_precis_loader_fast_results (&ld, &fd))
        {
        case FAST_OK:
          goto done;
        case FAST_CANCELLED:
          g_propagate_error (error, g_steal_pointer (&ld.error));
          _precis_loader_clear (&ld);
          return NULL;
        case FAST_FALLBACK:
        default:
          /* Start again with json-glib, which reports the problem. */
          _precis_loader_clear (&ld);
          if (scan.max_element_values > PRECIS_MAX_TREE_VALUES)
            {
              _precis_loader_set_error (error, fd.display, PRECIS_DATASET_ERROR_LIMIT, NULL,
                                        _("not a valid COCO results file, and one of its results is too large "
                                          "(over %" PRIu64 " JSON values) to be checked in detail"),
                                        PRECIS_MAX_TREE_VALUES);
              return NULL;
            }
          _precis_loader_init (&ld, self, display, "", MODE_BBOX, scan.n_top_elements, progress, cancellable);
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
        _precis_loader_set_parse_error (error, &fd, json_error);
      _precis_loader_clear (&ld);
      return NULL;
    }

  if (ld.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ld.error));
      _precis_loader_clear (&ld);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_ARRAY)
    {
      _precis_loader_found_error (error, fd.display, PRECIS_DATASET_ERROR_TYPE, NULL,
                                  _("a COCO results list [{…}, …]"), root);
      _precis_loader_clear (&ld);
      return NULL;
    }

done:
  /* The tree is a list of nulls by now; free it before sorting. */
  g_clear_object (&parser);
  _precis_loader_file_data_clear (&fd);

  anns = _precis_builder_finish (&ld.builder, self->n_images, self->n_categories);
  _precis_loader_clear (&ld);
  _precis_loader_release_freed_memory ();
  _precis_loader_report (progress, 1.0);

  return anns;
}

static gboolean
load_ground_truth (PrecisDataset      *self,
                   FileData           *file_data,
                   GFile              *images_dir,
                   PrecisLoadProgress *progress,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_auto(FileData) fd = *file_data;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autofree IdIndex *ids = NULL;
  g_autofree char *display = g_strdup (fd.display);
  JsonObject *top;
  JsonArray *images, *categories, *annotations;
  JsonNode *root;
  ScanInfo scan;
  Loader ld;
  guint n;

  memset (file_data, 0, sizeof *file_data);
  if (!_precis_loader_scan_json (&fd, &scan, error))
    return FALSE;

  if (scan.top != '{')
    {
      _precis_loader_set_error (error, fd.display, PRECIS_DATASET_ERROR_TYPE, NULL,
                                scan.top == '['
                                  ? _("expected a COCO ground-truth object with “images”, “categories” and “annotations”, found a list (is this a results file?)")
                                  : _("expected a COCO ground-truth object with “images”, “categories” and “annotations”"));
      return FALSE;
    }

  if (g_getenv ("PRECIS_LOADER_NO_FAST_PATH") == NULL)
    {
      _precis_loader_init (&ld, self, display, "annotations", MODE_GT, 0, progress, cancellable);
      switch (_precis_loader_fast_ground_truth (&ld, &fd, images_dir))
        {
        case FAST_OK:
          goto done;
        case FAST_CANCELLED:
          g_propagate_error (error, g_steal_pointer (&ld.error));
          _precis_loader_clear (&ld);
          return FALSE;
        case FAST_FALLBACK:
        default:
          /* Start again with json-glib, which reports the problem. */
          _precis_loader_clear (&ld);
          _precis_dataset_clear_tables (self);
          break;
        }
    }

  if (scan.n_values > PRECIS_MAX_TREE_VALUES)
    {
      _precis_loader_set_error (error, fd.display, PRECIS_DATASET_ERROR_LIMIT, NULL,
                                _("not a valid COCO ground-truth file, and too large (over %" PRIu64
                                  " JSON values) to be checked in detail"),
                                PRECIS_MAX_TREE_VALUES);
      return FALSE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, fd.data, fd.len, &json_error))
    {
      _precis_loader_set_parse_error (error, &fd, json_error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  _precis_loader_report (progress, 0.4);

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      _precis_loader_found_error (error, fd.display, PRECIS_DATASET_ERROR_TYPE, NULL,
                                  _("a COCO ground-truth object"), root);
      return FALSE;
    }
  top = json_node_get_object (root);

  images = _precis_loader_get_top_array (top, fd.display, "images", TRUE, error);
  if (images == NULL)
    return FALSE;
  categories = _precis_loader_get_top_array (top, fd.display, "categories", TRUE, error);
  if (categories == NULL)
    return FALSE;
  annotations = _precis_loader_get_top_array (top, fd.display, "annotations", FALSE, error);
  if (annotations == NULL && error != NULL && *error != NULL)
    return FALSE;

  if (!_precis_loader_read_images (self, fd.display, images, images_dir, error) ||
      !_precis_loader_read_categories (self, fd.display, categories, error))
    return FALSE;

  n = annotations ? json_array_get_length (annotations) : 0;
  _precis_loader_init (&ld, self, display, "annotations", MODE_GT, n, progress, cancellable);
  for (guint i = 0; i < n; i++)
    {
      if ((i & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, &ld.error))
            break;
          _precis_loader_report (progress, 0.4 + 0.5 * i / n);
        }
      if (!_precis_loader_read_annotation (&ld, i, json_array_get_element (annotations, i)))
        break;
    }

  if (ld.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ld.error));
      _precis_loader_clear (&ld);
      return FALSE;
    }

done:
  g_clear_object (&parser);
  _precis_loader_file_data_clear (&fd);
  _precis_loader_release_freed_memory ();

  self->gt = _precis_builder_finish (&ld.builder, self->n_images, self->n_categories);
  _precis_loader_clear (&ld);

  /* Ids must be unique (pycocotools indexes GT by id). */
  ids = g_new (IdIndex, self->gt->n + 1);
  for (guint i = 0; i < self->gt->n; i++)
    {
      ids[i].id = self->gt->id[i];
      ids[i].index = self->gt->file_index[i];
    }
  if (!_precis_loader_check_duplicates (display, "annotations", ids, self->gt->n, error))
    return FALSE;

  self->gt_has_any = _precis_annotations_has_any (self->gt);
  _precis_loader_report (progress, 1.0);

  return TRUE;
}

PrecisAnnotations *
_precis_load_results (PrecisDataset      *self,
                      GFile              *file,
                      PrecisLoadProgress *progress,
                      GCancellable       *cancellable,
                      GError            **error)
{
  FileData fd;

  _precis_loader_report (progress, 0.0);
  if (!_precis_loader_file_data_read (&fd, file, cancellable, error))
    {
      _precis_loader_file_data_clear (&fd);
      return NULL;
    }
  return load_results (self, &fd, progress, cancellable, error);
}

/* A COCO results list given as text (@text is taken); @display names it in messages. */
PrecisAnnotations *
_precis_load_results_text (PrecisDataset      *self,
                           const char         *display,
                           char               *text,
                           PrecisLoadProgress *progress,
                           GCancellable       *cancellable,
                           GError            **error)
{
  FileData fd = { g_strdup (display), NULL, text, text, strlen (text) };

  _precis_loader_report (progress, 0.0);
  return load_results (self, &fd, progress, cancellable, error);
}

gboolean
_precis_load_ground_truth (PrecisDataset      *self,
                           GFile              *file,
                           GFile              *images_dir,
                           PrecisLoadProgress *progress,
                           GCancellable       *cancellable,
                           GError            **error)
{
  FileData fd;

  _precis_loader_report (progress, 0.0);
  if (!_precis_loader_file_data_read (&fd, file, cancellable, error))
    {
      _precis_loader_file_data_clear (&fd);
      return FALSE;
    }
  return load_ground_truth (self, &fd, images_dir, progress, cancellable, error);
}

/* A COCO ground truth given as text (@text is taken). */
gboolean
_precis_load_ground_truth_text (PrecisDataset      *self,
                                const char         *display,
                                char               *text,
                                GFile              *images_dir,
                                PrecisLoadProgress *progress,
                                GCancellable       *cancellable,
                                GError            **error)
{
  FileData fd = { g_strdup (display), NULL, text, text, strlen (text) };

  _precis_loader_report (progress, 0.0);
  return load_ground_truth (self, &fd, images_dir, progress, cancellable, error);
}

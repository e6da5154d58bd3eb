/* precis-dataset.c: the loaded, immutable project data model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "precis-dataset-private.h"

G_DEFINE_QUARK (precis-dataset-error-quark, precis_dataset_error)

G_DEFINE_FINAL_TYPE (PrecisDataset, precis_dataset, G_TYPE_OBJECT)

static const char * const iou_type_names[PRECIS_N_IOU_TYPES] = {
  [PRECIS_IOU_BBOX] = "bbox",
  [PRECIS_IOU_SEGM] = "segm",
  [PRECIS_IOU_KEYPOINTS] = "keypoints",
  [PRECIS_IOU_POLYLINE] = "polyline",
};

/**
 * precis_iou_type_to_string:
 * @type: an IoU type
 *
 * Returns: the name pycocotools uses for @type (`bbox`, `segm`, `keypoints`),
 *   or `polyline`
 */
const char *
precis_iou_type_to_string (PrecisIouType type)
{
  g_return_val_if_fail (type < PRECIS_N_IOU_TYPES, NULL);

  return iou_type_names[type];
}

/**
 * precis_iou_type_from_string:
 * @str: a name such as `bbox`
 * @type: (out): where to store the type
 *
 * Returns: whether @str names an IoU type
 */
gboolean
precis_iou_type_from_string (const char    *str,
                             PrecisIouType *type)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < PRECIS_N_IOU_TYPES; i++)
    if (g_str_equal (str, iou_type_names[i]))
      {
        if (type != NULL)
          *type = i;
        return TRUE;
      }

  return FALSE;
}

void
_precis_annotations_free (PrecisAnnotations *anns)
{
  if (anns == NULL)
    return;

  g_free (anns->file_index);
  g_free (anns->id);
  g_free (anns->image);
  g_free (anns->category);
  g_free (anns->score);
  g_free (anns->bbox);
  g_free (anns->area);
  g_free (anns->iscrowd);
  g_free (anns->has);
  g_free (anns->segm_kind);
  g_free (anns->segm_start);
  g_free (anns->segm_len);
  g_free (anns->line_start);
  g_free (anns->line_len);
  g_free (anns->kp_start);
  g_free (anns->num_keypoints);
  g_free (anns->ring_start);
  g_free (anns->ring_len);
  g_free (anns->coords);
  g_free (anns->counts);
  g_free (anns->keypoints);
  g_free (anns->groups);
  g_free (anns->image_group_start);
  g_free (anns);
}

guint8
_precis_annotations_has_any (const PrecisAnnotations *anns)
{
  guint8 has = 0;

  for (guint i = 0; i < anns->n; i++)
    has |= anns->has[i];

  return has;
}

/**
 * precis_annotations_find_group:
 * @anns: an annotation set
 * @image: an image index
 * @category: a category index
 *
 * Returns: the index of the group of (@image, @category) in @anns->groups, or
 *   %PRECIS_NO_INDEX when that pair has no annotation
 */
guint32
precis_annotations_find_group (const PrecisAnnotations *anns,
                               guint32                  image,
                               guint32                  category)
{
  guint32 lo, hi;

  g_return_val_if_fail (anns != NULL, PRECIS_NO_INDEX);

  if (anns->image_group_start == NULL || anns->n_groups == 0)
    return PRECIS_NO_INDEX;

  /* The groups of one image are few and sorted by category. */
  lo = anns->image_group_start[image];
  hi = anns->image_group_start[image + 1];
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (anns->groups[mid].category < category)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < anns->image_group_start[image + 1] && anns->groups[lo].category == category)
    return lo;

  return PRECIS_NO_INDEX;
}

/**
 * precis_annotations_count:
 * @anns: an annotation set
 * @counts: (out caller-allocates): the counts
 *
 * Counts the annotations per shape kind. An annotation with several shapes
 * counts once per kind; @counts->n counts each annotation once.
 */
void
precis_annotations_count (const PrecisAnnotations *anns,
                          PrecisAnnotationCounts  *counts)
{
  g_return_if_fail (anns != NULL);
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
  counts->n = anns->n;

  for (guint i = 0; i < anns->n; i++)
    {
      guint8 has = anns->has[i];

      if (has & PRECIS_HAS_BBOX)
        counts->n_bbox++;
      if (anns->segm_kind[i] == PRECIS_SEGM_POLYGON)
        counts->n_polygon++;
      else if (anns->segm_kind[i] == PRECIS_SEGM_RLE)
        counts->n_rle++;
      if (has & PRECIS_HAS_POLYLINE)
        counts->n_polyline++;
      if (has & PRECIS_HAS_KEYPOINTS)
        counts->n_keypoints++;
      if (anns->iscrowd[i])
        counts->n_crowd++;
    }
}

static void
precis_model_free (gpointer data)
{
  PrecisModel *model = data;

  g_free (model->name);
  g_clear_object (&model->file);
  _precis_annotations_free (model->anns);
  g_free (model);
}

static void
precis_dataset_dispose (GObject *object)
{
  PrecisDataset *self = (PrecisDataset *)object;

  g_clear_object (&self->location);
  g_clear_object (&self->ground_truth);
  g_clear_object (&self->images_dir);

  G_OBJECT_CLASS (precis_dataset_parent_class)->dispose (object);
}

/* Frees the images and categories (a failed fast read forgets them this way too). */
void
_precis_dataset_clear_tables (PrecisDataset *self)
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

static void
precis_dataset_finalize (GObject *object)
{
  PrecisDataset *self = (PrecisDataset *)object;

  _precis_dataset_clear_tables (self);
  _precis_annotations_free (self->gt);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_free (self->name);

  G_OBJECT_CLASS (precis_dataset_parent_class)->finalize (object);
}

static void
precis_dataset_class_init (PrecisDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = precis_dataset_dispose;
  object_class->finalize = precis_dataset_finalize;
}

static void
precis_dataset_init (PrecisDataset *self)
{
  self->models = g_ptr_array_new_with_free_func (precis_model_free);
}

PrecisDataset *
_precis_dataset_new (void)
{
  return g_object_new (PRECIS_TYPE_DATASET, NULL);
}

void
_precis_dataset_add_model (PrecisDataset     *self,
                           const char        *name,
                           GFile             *file,
                           PrecisAnnotations *anns)
{
  PrecisModel *model = g_new0 (PrecisModel, 1);
  g_autofree char *unique = NULL;

  /* Two files may yield one display name: number the later ones. */
  for (guint k = 2; precis_dataset_find_model (self, unique ? unique : name) != PRECIS_NO_INDEX; k++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s (%u)", name, k);
    }

  model->name = unique ? g_steal_pointer (&unique) : g_strdup (name);
  model->file = file ? g_object_ref (file) : NULL;
  model->anns = anns;
  model->has_any = _precis_annotations_has_any (anns);
  g_ptr_array_add (self->models, model);
}

/**
 * precis_dataset_get_name:
 * @self: a dataset
 *
 * Returns: the project's display name
 */
const char *
precis_dataset_get_name (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);

  return self->name;
}

/**
 * precis_dataset_get_location:
 * @self: a dataset
 *
 * Returns: (transfer none): the project folder or project file
 */
GFile *
precis_dataset_get_location (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);

  return self->location;
}

/**
 * precis_dataset_get_ground_truth:
 * @self: a dataset
 *
 * Returns: (transfer none): the ground-truth file
 */
GFile *
precis_dataset_get_ground_truth (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);

  return self->ground_truth;
}

/**
 * precis_dataset_get_images_dir:
 * @self: a dataset
 *
 * Returns: (transfer none) (nullable): the image folder
 */
GFile *
precis_dataset_get_images_dir (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);

  return self->images_dir;
}

/**
 * precis_dataset_get_n_images:
 * @self: a dataset
 *
 * Returns: the number of images of the ground truth
 */
guint
precis_dataset_get_n_images (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), 0);

  return self->n_images;
}

/**
 * precis_dataset_get_image:
 * @self: a dataset
 * @index: an image index, below precis_dataset_get_n_images()
 *
 * Images are sorted by id.
 *
 * Returns: (transfer none): the image
 */
const PrecisImage *
precis_dataset_get_image (PrecisDataset *self,
                          guint          index)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->n_images, NULL);

  return &self->images[index];
}

/**
 * precis_dataset_find_image:
 * @self: a dataset
 * @id: an image id
 *
 * Returns: the index of the image with @id, or %PRECIS_NO_INDEX
 */
guint32
precis_dataset_find_image (PrecisDataset *self,
                           gint64         id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (PRECIS_IS_DATASET (self), PRECIS_NO_INDEX);

  hi = self->n_images;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->images[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < self->n_images && self->images[lo].id == id ? lo : PRECIS_NO_INDEX;
}

/**
 * precis_dataset_get_n_images_missing:
 * @self: a dataset
 *
 * Returns: how many images have no file on disk
 */
guint
precis_dataset_get_n_images_missing (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), 0);

  return self->n_images_missing;
}

/**
 * precis_dataset_get_n_categories:
 * @self: a dataset
 *
 * Returns: the number of categories
 */
guint
precis_dataset_get_n_categories (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), 0);

  return self->n_categories;
}

/**
 * precis_dataset_get_category:
 * @self: a dataset
 * @index: a category index
 *
 * Categories are sorted by id.
 *
 * Returns: (transfer none): the category
 */
const PrecisCategory *
precis_dataset_get_category (PrecisDataset *self,
                             guint          index)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->n_categories, NULL);

  return &self->categories[index];
}

/**
 * precis_dataset_find_category:
 * @self: a dataset
 * @id: a category id
 *
 * Returns: the index of the category with @id, or %PRECIS_NO_INDEX
 */
guint32
precis_dataset_find_category (PrecisDataset *self,
                              gint64         id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (PRECIS_IS_DATASET (self), PRECIS_NO_INDEX);

  hi = self->n_categories;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->categories[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < self->n_categories && self->categories[lo].id == id ? lo : PRECIS_NO_INDEX;
}

/**
 * precis_dataset_get_ground_truth_annotations:
 * @self: a dataset
 *
 * Returns: (transfer none): the ground truth
 */
const PrecisAnnotations *
precis_dataset_get_ground_truth_annotations (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);

  return self->gt;
}

/**
 * precis_dataset_get_n_models:
 * @self: a dataset
 *
 * Returns: the number of prediction sets
 */
guint
precis_dataset_get_n_models (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), 0);

  return self->models->len;
}

/**
 * precis_dataset_get_model_name:
 * @self: a dataset
 * @model: a model index
 *
 * Returns: the model's display name (unique within the dataset)
 */
const char *
precis_dataset_get_model_name (PrecisDataset *self,
                               guint          model)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);
  g_return_val_if_fail (model < self->models->len, NULL);

  return ((PrecisModel *)g_ptr_array_index (self->models, model))->name;
}

/**
 * precis_dataset_get_model_file:
 * @self: a dataset
 * @model: a model index
 *
 * Returns: (transfer none): the model's results file
 */
GFile *
precis_dataset_get_model_file (PrecisDataset *self,
                               guint          model)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);
  g_return_val_if_fail (model < self->models->len, NULL);

  return ((PrecisModel *)g_ptr_array_index (self->models, model))->file;
}

/**
 * precis_dataset_get_predictions:
 * @self: a dataset
 * @model: a model index
 *
 * Returns: (transfer none): the model's predictions
 */
const PrecisAnnotations *
precis_dataset_get_predictions (PrecisDataset *self,
                                guint          model)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), NULL);
  g_return_val_if_fail (model < self->models->len, NULL);

  return ((PrecisModel *)g_ptr_array_index (self->models, model))->anns;
}

/**
 * precis_dataset_find_model:
 * @self: a dataset
 * @name: a model name
 *
 * Returns: the index of the model called @name, or %PRECIS_NO_INDEX
 */
guint32
precis_dataset_find_model (PrecisDataset *self,
                           const char    *name)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), PRECIS_NO_INDEX);
  g_return_val_if_fail (name != NULL, PRECIS_NO_INDEX);

  for (guint i = 0; i < self->models->len; i++)
    if (g_str_equal (((PrecisModel *)g_ptr_array_index (self->models, i))->name, name))
      return i;

  return PRECIS_NO_INDEX;
}

static guint8
iou_type_flag (PrecisIouType type)
{
  switch (type)
    {
    case PRECIS_IOU_BBOX:
      return PRECIS_HAS_BBOX;
    case PRECIS_IOU_SEGM:
      return PRECIS_HAS_SEGM;
    case PRECIS_IOU_KEYPOINTS:
      return PRECIS_HAS_KEYPOINTS;
    case PRECIS_IOU_POLYLINE:
      return PRECIS_HAS_POLYLINE;
    case PRECIS_N_IOU_TYPES:
    default:
      return 0;
    }
}

/**
 * precis_dataset_supports:
 * @self: a dataset
 * @model: a model index
 * @type: an IoU type
 *
 * Whether an evaluation of @model with @type makes sense: some GT annotation
 * and some prediction carry that geometry. A model without predictions
 * supports what the GT supports. A box carried or derived as pycocotools
 * `loadRes` derives it (segmentation and keypoint results) counts as a box.
 *
 * Returns: %TRUE when both sides carry geometry for @type
 */
gboolean
precis_dataset_supports (PrecisDataset *self,
                         guint          model,
                         PrecisIouType  type)
{
  const PrecisModel *m;
  guint8 flag;

  g_return_val_if_fail (PRECIS_IS_DATASET (self), FALSE);
  g_return_val_if_fail (model < self->models->len, FALSE);

  flag = iou_type_flag (type);
  m = g_ptr_array_index (self->models, model);

  if ((self->gt_has_any & flag) == 0)
    return FALSE;

  return m->anns->n == 0 || (m->has_any & flag) != 0;
}

/**
 * precis_dataset_parse_classes:
 * @dataset: a #PrecisDataset
 * @spec: comma-separated class names or ids, e.g. `person,dog,18`
 * @mask: (out caller-allocates): one byte per category index, set to 1 when selected
 * @bad: (out): on failure, the token that names no category (free it)
 *
 * A token is first looked up as a name (names may be numbers), then as an id.
 * Empty tokens are skipped; a spec that selects nothing fails with @bad = @spec.
 *
 * Returns: %TRUE when every token names a category
 */
gboolean
precis_dataset_parse_classes (PrecisDataset  *dataset,
                              const char     *spec,
                              guint8         *mask,
                              char          **bad)
{
  g_auto(GStrv) tokens = NULL;
  guint n_categories;
  guint n_found = 0;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (spec != NULL && mask != NULL && bad != NULL, FALSE);

  tokens = g_strsplit (spec, ",", -1);
  n_categories = precis_dataset_get_n_categories (dataset);
  memset (mask, 0, n_categories);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = g_strstrip (tokens[i]);
      guint32 c = PRECIS_NO_INDEX;
      gint64 id;
      char *end = NULL;

      if (*token == '\0')
        continue;

      /* A name first (names may be numbers), then an id. */
      for (guint k = 0; k < n_categories; k++)
        if (g_strcmp0 (precis_dataset_get_category (dataset, k)->name, token) == 0)
          {
            c = k;
            break;
          }
      if (c == PRECIS_NO_INDEX)
        {
          errno = 0;
          id = g_ascii_strtoll (token, &end, 10);
          if (errno == 0 && end != token && *end == '\0')
            c = precis_dataset_find_category (dataset, id);
        }
      if (c == PRECIS_NO_INDEX)
        {
          *bad = g_strdup (token);
          return FALSE;
        }
      mask[c] = 1;
      n_found++;
    }

  if (n_found == 0)
    {
      *bad = g_strdup (spec);
      return FALSE;
    }
  return TRUE;
}

/**
 * precis_dataset_check_supports:
 * @self: a dataset
 * @model: a model index
 * @type: an IoU type
 * @error: return location for a #GError
 *
 * precis_dataset_supports() with a message that says which side lacks the
 * geometry (the ground truth, or the model by name) and, for a model, names
 * the models that have it, for the CLI and the app to show as they are.
 *
 * Returns: %TRUE when both sides carry geometry for @type; else %FALSE with
 *   @error set (%PRECIS_DATASET_ERROR_VALUE)
 */
gboolean
precis_dataset_check_supports (PrecisDataset  *self,
                               guint           model,
                               PrecisIouType   type,
                               GError        **error)
{
  const PrecisModel *m;
  g_autoptr(GString) others = NULL;
  const char *name = precis_iou_type_to_string (type);

  g_return_val_if_fail (PRECIS_IS_DATASET (self), FALSE);
  g_return_val_if_fail (model < self->models->len, FALSE);

  if (precis_dataset_supports (self, model, type))
    return TRUE;

  if ((self->gt_has_any & iou_type_flag (type)) == 0)
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE,
                   _("the ground truth has no geometry for IoU type %s, so no model can be evaluated with it"),
                   name);
      return FALSE;
    }

  m = g_ptr_array_index (self->models, model);
  others = g_string_new (NULL);
  for (guint i = 0; i < self->models->len; i++)
    if (i != model && precis_dataset_supports (self, i, type))
      g_string_append_printf (others, "%s“%s”", others->len > 0 ? ", " : "",
                              ((const PrecisModel *) g_ptr_array_index (self->models, i))->name);

  if (others->len > 0)
    g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE,
                 _("model “%s” has no geometry for IoU type %s; the models that have it: %s"),
                 m->name, name, others->str);
  else
    g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE,
                 _("model “%s” has no geometry for IoU type %s, and no other model has"),
                 m->name, name);
  return FALSE;
}

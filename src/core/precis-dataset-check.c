/* precis-dataset-check.c: checks of a user's evaluation settings against a loaded dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <math.h>

#include <glib/gi18n.h>

#include "precis-dataset-private.h"
#include "precis-loader-private.h"

/**
 * precis_dataset_check_band_width:
 * @self: a dataset
 * @model: a model index
 * @band_width: a polyline band width in pixels, 0 for each image's default
 * @error: return location for a #GError
 *
 * Whether polyline IoU with @band_width may be computed for the GT and
 * @model: a finite width ≥ 0 whose bands stay within the loader's outline
 * limits (docs/FORMATS.md, Limits) on every polyline, as the default width
 * does when the files are read. Call it before precis_matcher_new() with a
 * width the user chose.
 *
 * Returns: %TRUE when the width may be used; else %FALSE with @error set
 *   (%PRECIS_DATASET_ERROR_VALUE for a negative or non-finite width,
 *   %PRECIS_DATASET_ERROR_LIMIT for a too wide one, naming the file and the
 *   first polyline over the limit)
 */
gboolean
precis_dataset_check_band_width (PrecisDataset  *self,
                                 guint           model,
                                 double          band_width,
                                 GError        **error)
{
  const PrecisModel *m;
  g_autofree char *gt_name = NULL;
  g_autofree char *model_name = NULL;

  g_return_val_if_fail (PRECIS_IS_DATASET (self), FALSE);
  g_return_val_if_fail (model < self->models->len, FALSE);

  if (!isfinite (band_width) || band_width < 0)
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE,
                   _("the polyline band width %g is not a finite number of pixels ≥ 0"), band_width);
      return FALSE;
    }
  if (band_width == 0)
    return TRUE;   /* each image's default, checked when the files were read */

  m = g_ptr_array_index (self->models, model);
  gt_name = _precis_loader_display_name (self->ground_truth);
  model_name = _precis_loader_display_name (m->file);
  return _precis_check_band_width (self->gt, self->images, gt_name, "annotations", band_width, error) &&
         _precis_check_band_width (m->anns, self->images, model_name, "", band_width, error);
}

/* The position in its file of the first annotation of @anns whose geometry is
 * (@geometry) or is not there; G_MAXUINT32 when none. */
static guint32
first_of_kind (const PrecisAnnotations *anns,
               gboolean                 geometry,
               guint8                  *has)
{
  guint32 first = G_MAXUINT32;

  for (guint i = 0; i < anns->n; i++)
    if ((anns->has[i] != 0) == geometry && anns->file_index[i] < first)
      {
        first = anns->file_index[i];
        *has = anns->has[i];
      }
  return first;
}

/* @anns (of @file, its list @array) against the project's kind, set by the
 * file @ref_file (@ref_array) whose first annotation of that kind is @ref. */
static gboolean
check_file_kind (const PrecisAnnotations *anns,
                 GFile                   *file,
                 const char              *array,
                 gboolean                 labels,
                 GFile                   *ref_file,
                 const char              *ref_array,
                 guint32                  ref,
                 GError                 **error)
{
  g_autofree char *display = NULL;
  g_autofree char *ref_display = NULL;
  g_autofree char *path = NULL;
  guint8 has = 0;
  guint32 first = first_of_kind (anns, labels, &has);

  if (first == G_MAXUINT32)
    return TRUE;

  display = _precis_loader_display_name (file);
  ref_display = _precis_loader_display_name (ref_file);
  if (labels)
    {
      path = g_strdup_printf ("%s[%u].%s", array, first, _precis_has_member (has));
      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                                _("has geometry, but %s: %s[%u] is an image label without any "
                                  "(a project holds objects with geometry or image labels, not both)"),
                                ref_display, ref_array, ref);
    }
  else
    {
      path = g_strdup_printf ("%s[%u]", array, first);
      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_MISSING, path,
                                _("no geometry: expected a bbox, segmentation, keypoints or polyline, "
                                  "as %s: %s[%u] has one (a project holds objects with geometry or "
                                  "image labels, not both)"),
                                ref_display, ref_array, ref);
    }
  return FALSE;
}

/* A classification ground truth has one label per image (SEMANTICS.md §11). */
static gboolean
check_one_label (PrecisDataset  *self,
                 GError        **error)
{
  const PrecisAnnotations *gt = self->gt;

  for (guint i = 1; i < gt->n; i++)
    if (gt->image[i] == gt->image[i - 1])
      {
        g_autofree char *display = _precis_loader_display_name (self->ground_truth);
        g_autofree char *path = g_strdup_printf ("annotations[%u]", MAX (gt->file_index[i], gt->file_index[i - 1]));

        _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_DUPLICATE, path,
                                  _("image %" PRId64 " has a second label (the first is "
                                    "annotations[%u]): a classification ground truth has one label per image"),
                                  self->images[gt->image[i]].id,
                                  MIN (gt->file_index[i], gt->file_index[i - 1]));
        return FALSE;
      }
  return TRUE;
}

gboolean
_precis_dataset_check_task (PrecisDataset  *self,
                            GError        **error)
{
  const PrecisAnnotations *ref = self->gt;
  GFile *ref_file = self->ground_truth;
  const char *ref_array = "annotations";
  gboolean labels;
  guint32 first;
  guint8 has = 0;
  guint i = 0;

  /* The kind is the ground truth's, or without any GT annotation the first
   * model's that has predictions. */
  for (; ref->n == 0 && i < self->models->len; i++)
    {
      const PrecisModel *m = g_ptr_array_index (self->models, i);

      ref = m->anns;
      ref_file = m->file;
      ref_array = "";
    }
  self->classification = FALSE;
  if (ref->n == 0)
    return TRUE;

  labels = ref->has[0] == 0;
  first = first_of_kind (ref, !labels, &has);
  if (ref != self->gt && !check_file_kind (self->gt, self->ground_truth, "annotations", labels,
                                            ref_file, ref_array, first, error))
    return FALSE;
  for (guint k = 0; k < self->models->len; k++)
    {
      const PrecisModel *m = g_ptr_array_index (self->models, k);

      if (m->anns != ref && !check_file_kind (m->anns, m->file, "", labels, ref_file, ref_array, first, error))
        return FALSE;
    }
  if (labels && !check_one_label (self, error))
    return FALSE;
  self->classification = labels;
  return TRUE;
}

/**
 * precis_dataset_is_classification:
 * @self: a dataset
 *
 * Whether @self is a classification project (SEMANTICS.md §11): it has
 * annotations, and none of them, in the ground truth or any model, has
 * geometry. Its annotations are image labels, evaluated with
 * #PrecisClassify, not with a matcher.
 *
 * Returns: %TRUE for a classification project
 */
gboolean
precis_dataset_is_classification (PrecisDataset *self)
{
  g_return_val_if_fail (PRECIS_IS_DATASET (self), FALSE);

  return self->classification;
}

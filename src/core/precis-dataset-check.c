/* precis-dataset-check.c: checks of a user's evaluation settings against a loaded dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

/* precis-metrics-per-image.c: one value of a metric per image, for the
 * gallery's sort and filter (SEMANTICS.md §9's metrics)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "precis-metrics-private.h"

/* Folds the defined values of one annotation set into the per-image min, max
 * or sum (@count: defined values per image). */
static void
fold_values (const PrecisAnnotations *anns,
             const double            *values,
             const guint8            *crowd,
             PrecisMetricImageMode    mode,
             guint32                  category,
             double                  *out,
             guint32                 *count)
{
  for (guint32 i = 0; i < anns->n; i++)
    {
      guint32 image = anns->image[i];
      double v = values[i];

      if (isnan (v) || (crowd != NULL && crowd[i]) ||
          (category != PRECIS_NO_INDEX && anns->category[i] != category))
        continue;
      if (count[image]++ == 0)
        out[image] = v;
      else if (mode == PRECIS_METRIC_IMAGE_MIN)
        out[image] = MIN (out[image], v);
      else if (mode == PRECIS_METRIC_IMAGE_MAX)
        out[image] = MAX (out[image], v);
      else
        out[image] += v;
    }
}

void
precis_metrics_image_values (PrecisMetrics        *self,
                             guint                 metric,
                             PrecisMetricImageMode mode,
                             guint32               category,
                             double               *out)
{
  PrecisDataset *dataset;
  const PrecisAnnotations *gt, *dt;
  const PrecisMatches *m;
  PrecisImageMetrics *images;
  const double *values;
  g_autofree guint32 *count = NULL;
  guint n_images;

  g_return_if_fail (PRECIS_IS_METRICS (self));
  g_return_if_fail (metric < precis_metrics_get_n_metrics (self));
  g_return_if_fail (mode <= PRECIS_METRIC_IMAGE_MEAN);
  g_return_if_fail (out != NULL);

  _precis_metrics_get_objects (self, &dataset, &gt, &dt, &m, &images);
  n_images = precis_dataset_get_n_images (dataset);

  /* An image metric is the image's own, also for an image without objects. */
  if (precis_metrics_is_image_metric (self, metric))
    {
      for (PrecisImageMetric i = 0; i < PRECIS_IMAGE_N_METRICS; i++)
        if (g_str_equal (precis_metrics_get_name (self, metric), precis_image_metric_to_string (i)))
          for (guint32 k = 0; k < n_images; k++)
            out[k] = images != NULL ? precis_image_metrics_get (images, k, i) : NAN;
      return;
    }

  values = precis_metrics_get_values (self, metric);
  count = g_new0 (guint32, MAX (n_images, 1));
  for (guint32 k = 0; k < n_images; k++)
    out[k] = NAN;
  fold_values (gt, values, m->gt_crowd, mode, category, out, count);
  fold_values (dt, values + gt->n, NULL, mode, category, out, count);
  if (mode == PRECIS_METRIC_IMAGE_MEAN)
    for (guint32 k = 0; k < n_images; k++)
      if (count[k] > 0)
        out[k] /= count[k];
}

PrecisImageMetrics *
precis_metrics_get_image_metrics (PrecisMetrics *self)
{
  PrecisDataset *dataset;
  const PrecisAnnotations *gt, *dt;
  const PrecisMatches *m;
  PrecisImageMetrics *images;

  g_return_val_if_fail (PRECIS_IS_METRICS (self), NULL);

  _precis_metrics_get_objects (self, &dataset, &gt, &dt, &m, &images);
  return images;
}

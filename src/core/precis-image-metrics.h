/* precis-image-metrics.h: brightness, contrast and sharpness of the images (SEMANTICS.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "precis-dataset.h"

G_BEGIN_DECLS

/**
 * PrecisImageMetric:
 * @PRECIS_IMAGE_BRIGHTNESS: mean of Y = (0.299 R + 0.587 G + 0.114 B) / 255
 * @PRECIS_IMAGE_CONTRAST: population standard deviation of Y
 * @PRECIS_IMAGE_SHARPNESS: population variance of the 4-neighbour Laplacian
 *   of 255·Y over the pixels 1 ≤ x ≤ W − 2, 1 ≤ y ≤ H − 2
 * @PRECIS_IMAGE_N_METRICS: the number of image metrics
 */
typedef enum {
  PRECIS_IMAGE_BRIGHTNESS,
  PRECIS_IMAGE_CONTRAST,
  PRECIS_IMAGE_SHARPNESS,
  PRECIS_IMAGE_N_METRICS
} PrecisImageMetric;

const char *precis_image_metric_to_string (PrecisImageMetric metric);  /* "brightness", … */

/* The three values of one decoded 8-bit image with @n_channels 3 or 4 (alpha
 * ignored), rows @rowstride bytes apart. Sharpness is NAN for an image
 * narrower or lower than 3 pixels (no interior pixel). */
void precis_image_stats_compute (const guint8 *pixels,
                                 guint         width,
                                 guint         height,
                                 gsize         rowstride,
                                 guint         n_channels,
                                 double        values[PRECIS_IMAGE_N_METRICS]);

/* Decodes @path (gdk-pixbuf: JPEG, PNG, …) and computes its values; FALSE
 * with @error when the file cannot be read or decoded. */
gboolean precis_image_stats_compute_file (const char  *path,
                                          double       values[PRECIS_IMAGE_N_METRICS],
                                          GError     **error);

/**
 * PrecisImageMetrics:
 *
 * The image metrics of every image of a dataset (NAN where the image file is
 * missing or unreadable). Immutable and reference counted, so a worker can
 * build it and the views share it.
 */
typedef struct _PrecisImageMetrics PrecisImageMetrics;

/* Called from the worker threads (serialised) with the images done so far. */
typedef void (*PrecisImageMetricsProgress) (guint    done,
                                            guint    total,
                                            gpointer user_data);

/* Computes the metrics of @dataset's images on @n_threads threads (0: one per
 * core). @cache_file (nullable) is read first and rewritten atomically after:
 * images whose path, size and modification time match an entry are not
 * decoded again. Returns NULL only when @cancellable was cancelled
 * (G_IO_ERROR_CANCELLED); unreadable images are counted, not errors. */
PrecisImageMetrics *precis_image_metrics_compute (PrecisDataset              *dataset,
                                                  const char                 *cache_file,
                                                  guint                       n_threads,
                                                  GCancellable               *cancellable,
                                                  PrecisImageMetricsProgress  progress,
                                                  gpointer                    user_data,
                                                  GError                    **error);
PrecisImageMetrics *precis_image_metrics_ref       (PrecisImageMetrics *metrics);
void                precis_image_metrics_unref     (PrecisImageMetrics *metrics);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisImageMetrics, precis_image_metrics_unref)

guint   precis_image_metrics_get_n_images    (PrecisImageMetrics *metrics);
double  precis_image_metrics_get             (PrecisImageMetrics *metrics,
                                              guint32             image,
                                              PrecisImageMetric   metric);
/* Images without values: no file, or a file that could not be decoded. */
guint   precis_image_metrics_get_n_undefined (PrecisImageMetrics *metrics);
/* Images decoded by this computation (the others came from the cache). */
guint   precis_image_metrics_get_n_decoded   (PrecisImageMetrics *metrics);

/* The cache file of the user's cache directory ($XDG_CACHE_HOME/precis/). */
char   *precis_image_metrics_default_cache_file (void);

G_END_DECLS

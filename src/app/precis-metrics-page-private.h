/* precis-metrics-page-private.h: the parts of the Metrics page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * precis-metrics-page.c         the page, its controls, charts and evaluation jobs
 * precis-metrics-page-images.c  brightness, contrast and sharpness, decoded in the background
 */
#pragma once

#include "precis-metrics-page.h"

G_BEGIN_DECLS

typedef struct _PrecisMetricsImages PrecisMetricsImages;

/* Called on the main thread when the values of the current dataset arrive. */
typedef void (*PrecisMetricsImagesReady) (PrecisImageMetrics *metrics,
                                          gpointer            user_data);

PrecisMetricsImages *_precis_metrics_images_new         (PrecisMetricsImagesReady  ready,
                                                         gpointer                  ready_data);
void                 _precis_metrics_images_free        (PrecisMetricsImages      *images);
GtkWidget           *_precis_metrics_images_get_widget  (PrecisMetricsImages      *images);
void                 _precis_metrics_images_set_dataset (PrecisMetricsImages      *images,
                                                         PrecisDataset            *dataset);
void                 _precis_metrics_images_shown       (PrecisMetricsImages      *images);
PrecisImageMetrics  *_precis_metrics_images_get         (PrecisMetricsImages      *images);
gboolean             _precis_metrics_images_is_running  (PrecisMetricsImages      *images);
GtkButton           *_precis_metrics_images_get_button  (PrecisMetricsImages      *images);

G_END_DECLS

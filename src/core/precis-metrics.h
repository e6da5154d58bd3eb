/* precis-metrics.h: metric performance (SEMANTICS.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "precis-active.h"
#include "precis-image-metrics.h"

G_BEGIN_DECLS

/**
 * PrecisBinning:
 * @PRECIS_BINNING_WIDTH: B equal intervals over [min V, max V]
 * @PRECIS_BINNING_QUANTILE: edges at the k / B quantiles of V (numpy's linear
 *   interpolation), repeated edges merged
 */
typedef enum {
  PRECIS_BINNING_WIDTH,
  PRECIS_BINNING_QUANTILE,
} PrecisBinning;

const char *precis_binning_to_string   (PrecisBinning  binning);
gboolean    precis_binning_from_string (const char    *str,
                                        PrecisBinning *binning);

/* The most buckets a metric may be split into. */
#define PRECIS_METRICS_MAX_BUCKETS 1000

/**
 * PrecisCustomMetrics:
 *
 * Metrics imported from a file (docs/FORMATS.md "Custom metrics"): per image
 * (`image_id,NAME…`) or per annotation (`annotation_id,NAME…`, optionally led by
 * a `kind` column, `gt` or `pred`; without it the rows are GT annotations), as
 * CSV or as a JSON list of objects with the same members. Immutable.
 */
typedef struct _PrecisCustomMetrics PrecisCustomMetrics;

/* Reads @file against @dataset. Errors are in %PRECIS_DATASET_ERROR and read
 * `FILE: line L, column C: problem` (CSV) or `FILE: PATH: problem` (JSON). */
PrecisCustomMetrics *precis_custom_metrics_load     (PrecisDataset        *dataset,
                                                     GFile                *file,
                                                     GError              **error);
PrecisCustomMetrics *precis_custom_metrics_ref      (PrecisCustomMetrics  *custom);
void                 precis_custom_metrics_unref    (PrecisCustomMetrics  *custom);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrecisCustomMetrics, precis_custom_metrics_unref)
guint                precis_custom_metrics_get_n    (PrecisCustomMetrics  *custom);
const char          *precis_custom_metrics_get_name (PrecisCustomMetrics  *custom,
                                                     guint                 index);
gboolean             precis_custom_metrics_is_per_image (PrecisCustomMetrics *custom);

/**
 * PrecisMetricBucket:
 * @lo: the bucket's lower edge
 * @hi: its upper edge (included only for the last bucket)
 * @predictions: evaluated predictions with a value in the bucket (ignored ones included)
 * @tp: of them, true positives
 * @fp: false positives
 * @precision: TP / (TP + FP), NAN when TP + FP = 0
 * @gt: non-crowd GTs in range with a value in the bucket
 * @fn: of them, false negatives
 * @fn_rate: FN / GT, NAN when GT = 0
 */
typedef struct {
  double lo;
  double hi;
  guint  predictions;
  guint  tp;
  guint  fp;
  double precision;
  guint  gt;
  guint  fn;
  double fn_rate;
} PrecisMetricBucket;

/**
 * PrecisMetricResult:
 * @metric: the metric's index
 * @binning: the binning
 * @n_buckets: the number of buckets (fewer than asked for when quantile edges
 *   repeat, 1 when V holds one value, 0 when V is empty)
 * @buckets: the buckets, lowest first
 * @correlation: Pearson correlation of the value and the TP indicator
 * @importance: I(bucket; TP) / H(TP) under 10-bucket quantile binning
 * @undefined_gt: evaluated GTs (TP or FN) without a value
 * @undefined_predictions: evaluated predictions without a value
 *
 * Owned by the #PrecisMetrics; valid until its next call.
 */
typedef struct {
  guint                     metric;
  PrecisBinning             binning;
  guint                     n_buckets;
  const PrecisMetricBucket *buckets;
  double                    correlation;
  double                    importance;
  guint                     undefined_gt;
  guint                     undefined_predictions;
} PrecisMetricResult;

#define PRECIS_TYPE_METRICS (precis_metrics_get_type ())
G_DECLARE_FINAL_TYPE (PrecisMetrics, precis_metrics, PRECIS, METRICS, GObject)

/* Metric performance over @active's model at @active's current parameters
 * (threshold, confidence, classes, images, area range): each call reads them
 * anew. @custom (nullable) adds its metrics after the built-in ones. */
PrecisMetrics            *precis_metrics_new          (PrecisActive        *active,
                                                       PrecisCustomMetrics *custom);

void                      precis_metrics_set_image_metrics (PrecisMetrics      *self,
                                                           PrecisImageMetrics *images);
/* The image metrics given by precis_metrics_set_image_metrics(), or NULL. */
PrecisImageMetrics       *precis_metrics_get_image_metrics (PrecisMetrics *self);
gboolean                  precis_metrics_is_image_metric (PrecisMetrics *self,
                                                         guint          metric);

guint                     precis_metrics_get_n_metrics (PrecisMetrics *self);
const char               *precis_metrics_get_name     (PrecisMetrics *self,
                                                       guint          metric);
gboolean                  precis_metrics_is_custom    (PrecisMetrics *self,
                                                       guint          metric);
/* Index of the metric called @name, or PRECIS_NO_INDEX. */
guint32                   precis_metrics_find         (PrecisMetrics *self,
                                                       const char    *name);

/* The values of @metric: the GT annotations' (annotation index order), then the
 * predictions'; NAN where undefined. Computed on first use, then kept. */
const double             *precis_metrics_get_values   (PrecisMetrics *self,
                                                       guint          metric);

/* The metric, the number of buckets (1 … PRECIS_METRICS_MAX_BUCKETS, default 10)
 * and the binning (default quantile) of precis_metrics_evaluate(). */
void                      precis_metrics_set_metric   (PrecisMetrics *self,
                                                       guint          metric);
void                      precis_metrics_set_n_buckets (PrecisMetrics *self,
                                                        guint          n_buckets);
void                      precis_metrics_set_binning  (PrecisMetrics *self,
                                                       PrecisBinning  binning);

/* The buckets of the current metric at @active's current parameters. The
 * values, V and the bucket of every object are computed when the metric, the
 * binning, the number of buckets or the class selection changes; a threshold or
 * confidence change only recounts (O(#predictions + #GT), no allocation). */
const PrecisMetricResult *precis_metrics_evaluate     (PrecisMetrics *self);

/* Correlation and importance of every metric at the current parameters,
 * into arrays of precis_metrics_get_n_metrics() doubles. */
void                      precis_metrics_summarize    (PrecisMetrics *self,
                                                       double        *correlation,
                                                       double        *importance);

/* After precis_metrics_evaluate(): sets @images[i] (n_images bytes) to 1 for
 * every image holding an object counted in @bucket (an evaluated prediction, or
 * a TP or FN GT), 0 elsewhere; returns how many images it set. */
guint                     precis_metrics_bucket_images (PrecisMetrics *self,
                                                        guint          bucket,
                                                        guint8        *images);

/**
 * PrecisMetricImageMode:
 * @PRECIS_METRIC_IMAGE_MIN: the lowest value of the image's objects
 * @PRECIS_METRIC_IMAGE_MAX: the highest
 * @PRECIS_METRIC_IMAGE_MEAN: their mean
 *
 * How precis_metrics_image_values() sums up an image's objects.
 */
typedef enum {
  PRECIS_METRIC_IMAGE_MIN,
  PRECIS_METRIC_IMAGE_MAX,
  PRECIS_METRIC_IMAGE_MEAN,
} PrecisMetricImageMode;

/* One value of @metric per image into @out (n_images doubles), to sort and
 * filter images by: an image metric's own value (NAN without image metrics);
 * otherwise the @mode of the defined values of the image's objects (non-crowd
 * GT annotations and the model's predictions) of @category (PRECIS_NO_INDEX:
 * every class), NAN when it has none. Reads only the metric's values
 * (precis_metrics_get_values()), so it may run in a worker thread while
 * nothing else uses @self. */
void                      precis_metrics_image_values (PrecisMetrics        *self,
                                                       guint                 metric,
                                                       PrecisMetricImageMode mode,
                                                       guint32               category,
                                                       double               *out);

/* `precis-cli metrics --json` of @result (docs/FORMATS.md): nulls for NAN. */
JsonNode                 *precis_metrics_result_to_json (PrecisMetrics            *self,
                                                         const PrecisMetricResult *result);
/* One row per bucket: `lo,hi,predictions,TP,FP,precision,gt,FN,fn_rate`
 * (empty for NAN), 17 significant digits. */
char                     *precis_metrics_result_to_csv  (PrecisMetrics            *self,
                                                         const PrecisMetricResult *result);
/* `precis-cli metrics --summary --json`: [{ "metric", "correlation", "importance" }]. */
JsonNode                 *precis_metrics_summary_to_json (PrecisMetrics *self);

G_END_DECLS

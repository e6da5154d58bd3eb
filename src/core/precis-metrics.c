/* precis-metrics.c: metric performance (SEMANTICS.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every metric's values are computed once (GT first, then the predictions, by
 * annotation index) and kept; so are V's buckets of the current metric and, per
 * metric, each prediction's bucket under the 10-bucket quantile binning that
 * importance uses. A threshold or confidence step then only re-reads the
 * outcomes and recounts.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "precis-metrics-private.h"

enum {
  METRIC_AREA,
  METRIC_RELATIVE_AREA,
  METRIC_WIDTH,
  METRIC_HEIGHT,
  METRIC_ASPECT_RATIO,
  METRIC_BORDER_DISTANCE,
  METRIC_OBJECTS_IN_IMAGE,
  METRIC_CONFIDENCE,
  METRIC_IOU,
  METRIC_BRIGHTNESS,   /* the image metrics, in PrecisImageMetric order */
  METRIC_CONTRAST,
  METRIC_SHARPNESS,
  N_BUILTIN
};

static const char * const builtin_names[N_BUILTIN] = {
  "area", "relative_area", "width", "height", "aspect_ratio", "border_distance",
  "objects_in_image", "confidence", "iou", "brightness", "contrast", "sharpness",
};

#define IMPORTANCE_BUCKETS 10
#define NO_DECILE G_MAXUINT8

typedef struct {
  double *values;   /* n_gt + n_dt; NAN = undefined */
  guint8 *decile;   /* per prediction: importance bucket, NO_DECILE without one */
  double  shift;    /* mean of the predictions' defined values: centres the one-pass sums */
} MetricCache;

struct _PrecisMetrics {
  GObject                  parent_instance;

  PrecisActive            *active;
  PrecisDataset           *dataset;
  PrecisCustomMetrics     *custom;
  PrecisImageMetrics      *images;         /* nullable: the image metrics are undefined without */
  const PrecisAnnotations *gt;
  const PrecisAnnotations *dt;
  const PrecisMatches     *m;
  guint                    n_categories;
  guint                    n_objects;
  guint                    n_metrics;
  guint32                 *gt_per_image;   /* non-crowd GTs per image */

  MetricCache             *cache;
  guint8                  *class_mask;     /* the selection V was built for */
  double                  *scratch;        /* n_objects */
  guint8                  *outcome;        /* per prediction, at the last count */

  guint                    metric;
  guint                    n_buckets;
  PrecisBinning            binning;
  gboolean                 bins_stale;
  double                   edges[PRECIS_METRICS_MAX_BUCKETS + 1];
  guint                    n_bins;
  guint16                 *bucket;         /* per object, current metric */
  PrecisMetricBucket       buckets[PRECIS_METRICS_MAX_BUCKETS];
  PrecisMetricResult       result;
};

G_DEFINE_FINAL_TYPE (PrecisMetrics, precis_metrics, G_TYPE_OBJECT)

gboolean
_precis_metrics_is_builtin (const char *name)
{
  for (guint i = 0; i < N_BUILTIN; i++)
    if (g_str_equal (name, builtin_names[i]))
      return TRUE;
  return FALSE;
}

const char *
precis_binning_to_string (PrecisBinning binning)
{
  return binning == PRECIS_BINNING_WIDTH ? "width" : "quantile";
}

gboolean
precis_binning_from_string (const char    *str,
                            PrecisBinning *binning)
{
  if (g_strcmp0 (str, "width") == 0)
    *binning = PRECIS_BINNING_WIDTH;
  else if (g_strcmp0 (str, "quantile") == 0)
    *binning = PRECIS_BINNING_QUANTILE;
  else
    return FALSE;
  return TRUE;
}

static void
precis_metrics_finalize (GObject *object)
{
  PrecisMetrics *self = (PrecisMetrics *)object;

  for (guint i = 0; i < self->n_metrics; i++)
    {
      g_free (self->cache[i].values);
      g_free (self->cache[i].decile);
    }
  g_free (self->cache);
  g_free (self->gt_per_image);
  g_free (self->class_mask);
  g_free (self->scratch);
  g_free (self->outcome);
  g_free (self->bucket);
  g_clear_pointer (&self->custom, precis_custom_metrics_unref);
  g_clear_pointer (&self->images, precis_image_metrics_unref);
  g_clear_object (&self->active);

  G_OBJECT_CLASS (precis_metrics_parent_class)->finalize (object);
}

static void
precis_metrics_class_init (PrecisMetricsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_metrics_finalize;
}

static void
precis_metrics_init (PrecisMetrics *self)
{
  self->n_buckets = 10;
  self->binning = PRECIS_BINNING_QUANTILE;
  self->bins_stale = TRUE;
}

PrecisMetrics *
precis_metrics_new (PrecisActive        *active,
                    PrecisCustomMetrics *custom)
{
  PrecisMetrics *self;
  PrecisMatcher *matcher;
  guint n_images;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (active), NULL);

  self = g_object_new (PRECIS_TYPE_METRICS, NULL);
  self->active = g_object_ref (active);
  matcher = precis_active_get_matcher (active);
  self->dataset = precis_matcher_get_dataset (matcher);
  self->custom = custom != NULL ? precis_custom_metrics_ref (custom) : NULL;
  self->gt = precis_dataset_get_ground_truth_annotations (self->dataset);
  self->dt = precis_dataset_get_predictions (self->dataset, precis_matcher_get_model (matcher));
  self->m = precis_matcher_get_matches (matcher);
  self->n_categories = precis_dataset_get_n_categories (self->dataset);
  self->n_objects = self->gt->n + self->dt->n;
  self->n_metrics = N_BUILTIN + (custom != NULL ? precis_custom_metrics_get_n (custom) : 0);
  self->cache = g_new0 (MetricCache, self->n_metrics);
  self->class_mask = g_malloc0 (MAX (self->n_categories, 1));
  self->scratch = g_new (double, MAX (self->n_objects, 1));
  self->outcome = g_new (guint8, MAX (self->dt->n, 1));
  self->bucket = g_new (guint16, MAX (self->n_objects, 1));

  n_images = precis_dataset_get_n_images (self->dataset);
  self->gt_per_image = g_new0 (guint32, MAX (n_images, 1));
  for (guint g = 0; g < self->gt->n; g++)
    if (!self->m->gt_crowd[g])
      self->gt_per_image[self->gt->image[g]]++;
  return self;
}

void
_precis_metrics_get_objects (PrecisMetrics             *self,
                             PrecisDataset            **dataset,
                             const PrecisAnnotations  **gt,
                             const PrecisAnnotations  **dt,
                             const PrecisMatches      **m,
                             PrecisImageMetrics       **images)
{
  *dataset = self->dataset;
  *gt = self->gt;
  *dt = self->dt;
  *m = self->m;
  *images = self->images;
}

guint
precis_metrics_get_n_metrics (PrecisMetrics *self)
{
  g_return_val_if_fail (PRECIS_IS_METRICS (self), 0);
  return self->n_metrics;
}

const char *
precis_metrics_get_name (PrecisMetrics *self,
                         guint          metric)
{
  g_return_val_if_fail (PRECIS_IS_METRICS (self), NULL);
  g_return_val_if_fail (metric < self->n_metrics, NULL);

  if (metric < N_BUILTIN)
    return builtin_names[metric];
  return precis_custom_metrics_get_name (self->custom, metric - N_BUILTIN);
}

gboolean
precis_metrics_is_custom (PrecisMetrics *self,
                          guint          metric)
{
  g_return_val_if_fail (PRECIS_IS_METRICS (self), FALSE);
  return metric >= N_BUILTIN && metric < self->n_metrics;
}

guint32
precis_metrics_find (PrecisMetrics *self,
                     const char    *name)
{
  g_return_val_if_fail (PRECIS_IS_METRICS (self), PRECIS_NO_INDEX);

  for (guint i = 0; i < self->n_metrics; i++)
    if (g_str_equal (name, precis_metrics_get_name (self, i)))
      return i;
  return PRECIS_NO_INDEX;
}

void
precis_metrics_set_metric (PrecisMetrics *self,
                           guint          metric)
{
  g_return_if_fail (PRECIS_IS_METRICS (self));
  g_return_if_fail (metric < self->n_metrics);

  if (self->metric != metric)
    self->bins_stale = TRUE;
  self->metric = metric;
}

void
precis_metrics_set_n_buckets (PrecisMetrics *self,
                              guint          n_buckets)
{
  g_return_if_fail (PRECIS_IS_METRICS (self));
  g_return_if_fail (n_buckets >= 1 && n_buckets <= PRECIS_METRICS_MAX_BUCKETS);

  if (self->n_buckets != n_buckets)
    self->bins_stale = TRUE;
  self->n_buckets = n_buckets;
}

void
precis_metrics_set_binning (PrecisMetrics *self,
                            PrecisBinning  binning)
{
  g_return_if_fail (PRECIS_IS_METRICS (self));

  if (self->binning != binning)
    self->bins_stale = TRUE;
  self->binning = binning;
}

/**
 * precis_metrics_set_image_metrics:
 * @self: the metrics
 * @images: (nullable): the dataset's image metrics
 *
 * Gives `brightness`, `contrast` and `sharpness` their values (undefined
 * without); the values already computed for them are dropped.
 */
void
precis_metrics_set_image_metrics (PrecisMetrics      *self,
                                  PrecisImageMetrics *images)
{
  g_return_if_fail (PRECIS_IS_METRICS (self));
  g_return_if_fail (images == NULL ||
                    precis_image_metrics_get_n_images (images) == precis_dataset_get_n_images (self->dataset));

  if (images == self->images)
    return;
  g_clear_pointer (&self->images, precis_image_metrics_unref);
  self->images = images != NULL ? precis_image_metrics_ref (images) : NULL;
  for (guint k = METRIC_BRIGHTNESS; k <= METRIC_SHARPNESS; k++)
    {
      g_clear_pointer (&self->cache[k].values, g_free);
      g_clear_pointer (&self->cache[k].decile, g_free);
    }
  if (self->metric >= METRIC_BRIGHTNESS && self->metric <= METRIC_SHARPNESS)
    self->bins_stale = TRUE;
}

/* Whether @metric is one of the image metrics (brightness, contrast, sharpness). */
gboolean
precis_metrics_is_image_metric (PrecisMetrics *self,
                                guint          metric)
{
  g_return_val_if_fail (PRECIS_IS_METRICS (self), FALSE);
  return metric >= METRIC_BRIGHTNESS && metric <= METRIC_SHARPNESS;
}

/* ------------------------------------------------------------------------ */

static double
builtin_value (PrecisMetrics           *self,
               guint                    metric,
               const PrecisAnnotations *anns,
               gboolean                 is_gt,
               guint                    i)
{
  const double *b = anns->bbox + 4 * (gsize)i;
  const PrecisImage *image;
  double w, h;

  switch (metric)
    {
    case METRIC_AREA:
      return anns->area[i];
    case METRIC_WIDTH:
      return b[2];
    case METRIC_HEIGHT:
      return b[3];
    case METRIC_ASPECT_RATIO:
      return b[3] != 0 ? b[2] / b[3] : NAN;
    case METRIC_OBJECTS_IN_IMAGE:
      return self->gt_per_image[anns->image[i]];
    case METRIC_CONFIDENCE:
      return is_gt ? NAN : anns->score[i];
    case METRIC_IOU:
      return is_gt ? MAX (self->m->tau[i], 0) : self->m->iou[i];
    case METRIC_BRIGHTNESS:
    case METRIC_CONTRAST:
    case METRIC_SHARPNESS:
      return self->images != NULL ? precis_image_metrics_get (self->images, anns->image[i],
                                                              (PrecisImageMetric) (metric - METRIC_BRIGHTNESS))
                                  : NAN;
    default:
      break;
    }

  image = precis_dataset_get_image (self->dataset, anns->image[i]);
  w = image->width;
  h = image->height;
  if (metric == METRIC_RELATIVE_AREA)
    return w * h > 0 ? anns->area[i] / (w * h) : NAN;
  g_assert (metric == METRIC_BORDER_DISTANCE);
  return MAX (0.0, MIN (MIN (b[0], b[1]), MIN (w - b[0] - b[2], h - b[1] - b[3])));
}

static const double *
metric_values (PrecisMetrics *self,
               guint          metric)
{
  MetricCache *c = &self->cache[metric];

  if (c->values != NULL)
    return c->values;

  c->values = g_new (double, MAX (self->n_objects, 1));
  if (metric >= N_BUILTIN)
    {
      _precis_custom_metrics_fill (self->custom, metric - N_BUILTIN, self->gt, self->dt,
                                   c->values, c->values + self->gt->n);
    }
  else
    {
      for (guint g = 0; g < self->gt->n; g++)
        c->values[g] = builtin_value (self, metric, self->gt, TRUE, g);
      for (guint p = 0; p < self->dt->n; p++)
        c->values[self->gt->n + p] = builtin_value (self, metric, self->dt, FALSE, p);
    }

  {
    double sum = 0;
    guint n = 0;

    for (guint p = 0; p < self->dt->n; p++)
      if (!isnan (c->values[self->gt->n + p]))
        {
          sum += c->values[self->gt->n + p];
          n++;
        }
    c->shift = n > 0 ? sum / n : 0;
  }
  return c->values;
}

const double *
precis_metrics_get_values (PrecisMetrics *self,
                           guint          metric)
{
  g_return_val_if_fail (PRECIS_IS_METRICS (self), NULL);
  g_return_val_if_fail (metric < self->n_metrics, NULL);

  return metric_values (self, metric);
}

/* When the class selection has changed since V was last built, forgets what
 * depends on V. */
static void
check_classes (PrecisMetrics *self)
{
  gboolean changed = FALSE;

  for (guint c = 0; c < self->n_categories; c++)
    {
      guint8 sel = precis_active_get_class_selected (self->active, c) ? 1 : 0;

      changed |= sel != self->class_mask[c];
      self->class_mask[c] = sel;
    }
  if (!changed)
    return;
  self->bins_stale = TRUE;
  for (guint i = 0; i < self->n_metrics; i++)
    g_clear_pointer (&self->cache[i].decile, g_free);
}

/* Copies V of @values into the scratch buffer; returns its size. */
static gsize
gather_v (PrecisMetrics *self,
          const double  *values)
{
  gsize n = 0;

  for (guint g = 0; g < self->gt->n; g++)
    if (!self->m->gt_crowd[g] && self->class_mask[self->gt->category[g]] && !isnan (values[g]))
      self->scratch[n++] = values[g];
  for (guint p = 0; p < self->dt->n; p++)
    {
      double v = values[self->gt->n + p];

      if (self->class_mask[self->dt->category[p]] && !isnan (v))
        self->scratch[n++] = v;
    }
  return n;
}

static const guint8 *
metric_deciles (PrecisMetrics *self,
                guint          metric)
{
  MetricCache *c = &self->cache[metric];
  const double *values = metric_values (self, metric);
  double edges[IMPORTANCE_BUCKETS + 1];
  guint n_bins;

  if (c->decile != NULL)
    return c->decile;

  n_bins = _precis_metric_edges (self->scratch, gather_v (self, values), PRECIS_BINNING_QUANTILE,
                                 IMPORTANCE_BUCKETS, edges);
  c->decile = g_new (guint8, MAX (self->dt->n, 1));
  for (guint p = 0; p < self->dt->n; p++)
    {
      guint16 b = _precis_metric_bucket (edges, n_bins, PRECIS_BINNING_QUANTILE, values[self->gt->n + p]);

      c->decile[p] = b == _PRECIS_NO_BUCKET ? NO_DECILE : (guint8)b;
    }
  return c->decile;
}

static void
update_bins (PrecisMetrics *self)
{
  const double *values = metric_values (self, self->metric);

  self->n_bins = _precis_metric_edges (self->scratch, gather_v (self, values), self->binning,
                                       self->n_buckets, self->edges);
  for (guint i = 0; i < self->n_objects; i++)
    self->bucket[i] = _precis_metric_bucket (self->edges, self->n_bins, self->binning, values[i]);
  for (guint k = 0; k < self->n_bins; k++)
    {
      self->buckets[k].lo = self->edges[k];
      self->buckets[k].hi = self->edges[k + 1];
    }
  self->bins_stale = FALSE;
}

/* Marks every TP and FP from the evaluation's ranked sequences (the slider's
 * O(n) step); the others, ignored or filtered, are left G_MAXUINT8 for
 * outcome_of() to ask for one by one. */
static void
read_ranked_outcomes (PrecisMetrics *self)
{
  const PrecisActiveResult *res = precis_active_evaluate (self->active);

  memset (self->outcome, G_MAXUINT8, self->dt->n);
  for (guint c = 0; c < res->n_classes; c++)
    {
      const PrecisActiveClassResult *cls = &res->classes[c];

      if (!cls->selected)
        continue;
      for (guint r = cls->rank_start; r < cls->rank_start + cls->n_ranks; r++)
        self->outcome[res->rank_prediction[r]] = res->rank_tp[r] ? PRECIS_PREDICTION_TP : PRECIS_PREDICTION_FP;
    }
}

static inline guint8
outcome_of (PrecisMetrics *self,
            guint32        p)
{
  if (self->outcome[p] == G_MAXUINT8)
    self->outcome[p] = (guint8)precis_active_get_prediction_outcome (self->active, p);
  return self->outcome[p];
}

/* Sums for correlation and importance over the non-ignored predictions with a
 * value: of x = v − shift (the predictions' mean value), which keeps one pass
 * as accurate as centred sums for any data whose spread is not far below its
 * mean. */
typedef struct {
  guint64 counts[IMPORTANCE_BUCKETS][2];
  double  s[2];
  double  sq;
  double  lo;
  double  hi;
} Stats;

static void
stats_init (Stats *st)
{
  memset (st, 0, sizeof *st);
  st->lo = INFINITY;
  st->hi = -INFINITY;
}

static inline void
stats_add (Stats  *st,
           double  x,
           guint8  decile,
           int     y)
{
  st->s[y] += x;
  st->sq += x * x;
  st->lo = MIN (st->lo, x);
  st->hi = MAX (st->hi, x);
  st->counts[decile][y]++;
}

static void
stats_finish (const Stats *st,
              double      *correlation,
              double      *importance)
{
  guint64 n = 0, n_tp = 0;
  double hy = 0, mi = 0, mean, my, sxx, sxy, syy;

  for (guint x = 0; x < IMPORTANCE_BUCKETS; x++)
    {
      n_tp += st->counts[x][1];
      n += st->counts[x][0] + st->counts[x][1];
    }
  *correlation = 0;
  *importance = 0;
  if (n == 0 || n_tp == 0 || n_tp == n)
    return;

  /* Importance: plug-in I(X; Y) / H(Y), natural logs. */
  for (int y = 0; y < 2; y++)
    {
      double py = (y ? n_tp : n - n_tp) / (double)n;

      hy -= py * log (py);
    }
  for (guint x = 0; x < IMPORTANCE_BUCKETS; x++)
    {
      guint64 nx = st->counts[x][0] + st->counts[x][1];

      for (int y = 0; y < 2; y++)
        if (st->counts[x][y] > 0)
          {
            double ny = y ? n_tp : n - n_tp;

            mi += st->counts[x][y] / (double)n * log ((double)st->counts[x][y] * n / ((double)nx * ny));
          }
    }
  *importance = MAX (0.0, mi) / hy;

  if (st->lo == st->hi)
    return;
  /* Pearson from the sums: Sxx = Σx² − n x̄², Sxy = Σ_TP x − n_TP x̄. */
  mean = (st->s[0] + st->s[1]) / n;
  my = (double)n_tp / n;
  sxx = st->sq - n * mean * mean;
  sxy = st->s[1] - n_tp * mean;
  syy = n * my * (1 - my);
  *correlation = sxx > 0 ? CLAMP (sxy / sqrt (sxx * syy), -1.0, 1.0) : 0;
}

/* Correlation and importance of @metric from the outcomes read last (all known). */
static void
metric_stats (PrecisMetrics *self,
              guint          metric,
              double        *correlation,
              double        *importance)
{
  const double *v = metric_values (self, metric) + self->gt->n;
  const guint8 *decile = metric_deciles (self, metric);
  const double shift = self->cache[metric].shift;
  Stats st;

  stats_init (&st);
  for (guint p = 0; p < self->dt->n; p++)
    {
      guint8 o = self->outcome[p];

      if ((o == PRECIS_PREDICTION_TP || o == PRECIS_PREDICTION_FP) && !isnan (v[p]))
        stats_add (&st, v[p] - shift, decile[p], o == PRECIS_PREDICTION_TP);
    }
  stats_finish (&st, correlation, importance);
}

static void
count_gt (PrecisMetrics      *self,
          PrecisMetricResult *res)
{
  for (guint g = 0; g < self->gt->n; g++)
    {
      PrecisGtOutcome o = precis_active_get_gt_outcome (self->active, g);
      guint16 k = self->bucket[g];

      if (o != PRECIS_GT_MATCHED && o != PRECIS_GT_FN)
        continue;
      if (k == _PRECIS_NO_BUCKET)
        {
          res->undefined_gt++;
          continue;
        }
      self->buckets[k].gt++;
      self->buckets[k].fn += o == PRECIS_GT_FN;
    }
}

const PrecisMetricResult *
precis_metrics_evaluate (PrecisMetrics *self)
{
  PrecisMetricResult *res;
  const guint16 *bucket;
  const double *v;
  const guint8 *decile;
  double shift;
  Stats st;

  g_return_val_if_fail (PRECIS_IS_METRICS (self), NULL);

  check_classes (self);
  if (self->bins_stale)
    update_bins (self);

  res = &self->result;
  res->metric = self->metric;
  res->binning = self->binning;
  res->n_buckets = self->n_bins;
  res->buckets = self->buckets;
  res->undefined_gt = 0;
  res->undefined_predictions = 0;
  for (guint k = 0; k < self->n_bins; k++)
    {
      PrecisMetricBucket *b = &self->buckets[k];

      b->predictions = b->tp = b->fp = b->gt = b->fn = 0;
    }

  /* One pass over the predictions: outcome, bucket counts and the sums. */
  read_ranked_outcomes (self);
  bucket = self->bucket + self->gt->n;
  v = metric_values (self, self->metric) + self->gt->n;
  decile = metric_deciles (self, self->metric);
  shift = self->cache[self->metric].shift;
  stats_init (&st);
  for (guint p = 0; p < self->dt->n; p++)
    {
      guint8 o = outcome_of (self, p);
      guint16 k = bucket[p];
      PrecisMetricBucket *b;

      if (o == PRECIS_PREDICTION_FILTERED)
        continue;
      if (k == _PRECIS_NO_BUCKET)
        {
          res->undefined_predictions++;
          continue;
        }
      b = &self->buckets[k];
      b->predictions++;
      if (o == PRECIS_PREDICTION_IGNORED)
        continue;
      b->tp += o == PRECIS_PREDICTION_TP;
      b->fp += o == PRECIS_PREDICTION_FP;
      stats_add (&st, v[p] - shift, decile[p], o == PRECIS_PREDICTION_TP);
    }
  stats_finish (&st, &res->correlation, &res->importance);
  count_gt (self, res);

  for (guint k = 0; k < self->n_bins; k++)
    {
      PrecisMetricBucket *b = &self->buckets[k];

      b->precision = b->tp + b->fp > 0 ? (double)b->tp / (b->tp + b->fp) : NAN;
      b->fn_rate = b->gt > 0 ? (double)b->fn / b->gt : NAN;
    }
  return res;
}

void
precis_metrics_summarize (PrecisMetrics *self,
                          double        *correlation,
                          double        *importance)
{
  g_return_if_fail (PRECIS_IS_METRICS (self));

  check_classes (self);
  read_ranked_outcomes (self);
  for (guint p = 0; p < self->dt->n; p++)
    outcome_of (self, p);
  for (guint i = 0; i < self->n_metrics; i++)
    metric_stats (self, i, &correlation[i], &importance[i]);
}


guint
precis_metrics_bucket_images (PrecisMetrics *self,
                              guint          bucket,
                              guint8        *images)
{
  guint n_images, n = 0;

  g_return_val_if_fail (PRECIS_IS_METRICS (self), 0);
  g_return_val_if_fail (images != NULL, 0);

  n_images = precis_dataset_get_n_images (self->dataset);
  memset (images, 0, n_images);
  if (self->bins_stale || bucket >= self->n_bins)
    return 0;
  for (guint p = 0; p < self->dt->n; p++)
    if (self->bucket[self->gt->n + p] == bucket && outcome_of (self, p) != PRECIS_PREDICTION_FILTERED)
      images[self->dt->image[p]] = 1;
  for (guint g = 0; g < self->gt->n; g++)
    {
      PrecisGtOutcome o;

      if (self->bucket[g] != bucket)
        continue;
      o = precis_active_get_gt_outcome (self->active, g);
      if (o == PRECIS_GT_MATCHED || o == PRECIS_GT_FN)
        images[self->gt->image[g]] = 1;
    }
  for (guint i = 0; i < n_images; i++)
    n += images[i];
  return n;
}

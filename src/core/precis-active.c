/* precis-active.c: protocol `active`, evaluated at one IoU threshold, instantly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "precis-active.h"

/* Per rank-position flags, refreshed when the image subset or the area range
 * changes, so that a threshold step reads no image or area. */
enum {
  FLAG_EXCLUDED = 1 << 0,   /* image not selected */
  FLAG_OWN_OUT  = 1 << 1,   /* the prediction's own area is outside the range */
  FLAG_CAND_OUT = 1 << 2,   /* its candidate GT's area is outside the range */
};

struct _PrecisActive
{
  GObject              parent_instance;

  PrecisMatcher       *matcher;
  const PrecisMatches *m;
  const PrecisAnnotations *gt;
  const PrecisAnnotations *dt;
  guint                n_classes;
  guint                n_images;
  guint                n_dt;

  /* Parameters. */
  double               threshold;
  double               confidence;
  double               area_min;
  double               area_max;
  guint8              *class_mask;
  guint8              *image_mask;

  gboolean             stale;
  gboolean             flags_stale;   /* images or area range changed: full rebuild */
  gboolean             curve_stale;

  /* Hot data in class ranking order (position k = class_order[k]). */
  double              *r_score;
  double              *r_iou;
  double              *r_d;
  double              *r_crowd;
  guint8              *r_flags;
  guint8              *r_status;     /* ST_* at status_t */
  guint32             *r_image;
  double              *r_area;
  double              *r_cand_area;  /* NAN without a candidate */
  guint32             *r_class;
  guint32             *pos_of;       /* prediction index → rank position */

  /* The same statuses as bit sets over positions, for popcount scans. */
  guint                n_words;
  guint64             *bits_tp;
  guint64             *bits_fp;
  guint64             *bits_ign;

  /* Every threshold at which some status can change, ascending. */
  guint                n_events;
  struct Event        *events;
  double               status_t;

  /* Per class: what the cached numbers were computed from. */
  guint8              *class_dirty;
  guint8              *class_members;  /* its set of ranked predictions may have changed */
  guint8              *class_done;   /* selected and computed at the last evaluate */
  guint               *class_cut;
  double              *scratch;      /* per-TP precisions of one class */

  /* Score order walk for the F1 curve (sequential copies). */
  guint32             *so_pos;
  guint32             *so_class;
  double              *so_score;

  /* GT counts per class for the current images and area range. */
  guint               *n_gt;
  guint               *n_gt_crowd;

  /* The result and its buffers. */
  PrecisActiveResult   result;
  PrecisActiveClassResult *classes;
  double              *precision_101;
  guint32             *rank_prediction;
  double              *rank_score;
  guint8              *rank_tp;
  double              *rank_recall;
  double              *rank_precision;
  double              *rank_envelope;
  guint32             *counted;

  /* The F1 curve and its buffers. */
  PrecisActiveF1Curve  curve;
  guint32             *curve_class_start;
  double              *curve_class_score;
  double              *curve_class_f1;
  double              *curve_score;
  double              *curve_mean_f1;
  double              *curve_micro_f1;
  guint               *acc_tp;
  guint               *acc_fp;
  double              *acc_f1;
  guint8              *acc_seen;
};

/* Status of a rank position at the current t. */
enum {
  ST_FP,
  ST_TP,
  ST_IGN,
  ST_OUT,   /* image not selected */
};

struct Event {
  double  v;
  guint32 pos;
  guint32 cls;
};

enum {
  PROP_0,
  PROP_MATCHER,
  PROP_THRESHOLD,
  PROP_CONFIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PrecisActive, precis_active, G_TYPE_OBJECT)

double
precis_recall_point (guint i)
{
  g_return_val_if_fail (i < PRECIS_N_RECALL_POINTS, 0);

  /* numpy linspace: i × step, the last point set to the end exactly. */
  if (i == PRECIS_N_RECALL_POINTS - 1)
    return 1.0;
  return (double)i * (1.0 / 100.0);
}

/* np.mean of 101 doubles: numpy's pairwise summation (eight partial sums for
 * blocks up to 128 values, then the remainder), divided by the count. */
static double
numpy_mean_101 (const double *a)
{
  const guint n = PRECIS_N_RECALL_POINTS;
  double r[8], res;
  guint i;

  for (guint j = 0; j < 8; j++)
    r[j] = a[j];
  for (i = 8; i < n - (n % 8); i += 8)
    for (guint j = 0; j < 8; j++)
      r[j] += a[i + j];
  res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < n; i++)
    res += a[i];

  return (0.0 + res) / n;
}

static inline double
f1_of (double p,
       double r)
{
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static inline gboolean
area_in (const PrecisActive *self,
         double              area)
{
  return area >= self->area_min && area <= self->area_max;
}

static void
precis_active_finalize (GObject *object)
{
  PrecisActive *self = (PrecisActive *)object;

  g_free (self->class_mask);
  g_free (self->image_mask);
  g_free (self->r_score);
  g_free (self->r_iou);
  g_free (self->r_d);
  g_free (self->r_crowd);
  g_free (self->r_flags);
  g_free (self->r_status);
  g_free (self->r_image);
  g_free (self->r_area);
  g_free (self->r_cand_area);
  g_free (self->r_class);
  g_free (self->pos_of);
  g_free (self->bits_tp);
  g_free (self->bits_fp);
  g_free (self->bits_ign);
  g_free (self->events);
  g_free (self->class_dirty);
  g_free (self->class_members);
  g_free (self->class_done);
  g_free (self->class_cut);
  g_free (self->scratch);
  g_free (self->so_pos);
  g_free (self->so_class);
  g_free (self->so_score);
  g_free (self->n_gt);
  g_free (self->n_gt_crowd);
  g_free (self->classes);
  g_free (self->precision_101);
  g_free (self->rank_prediction);
  g_free (self->rank_score);
  g_free (self->rank_tp);
  g_free (self->rank_recall);
  g_free (self->rank_precision);
  g_free (self->rank_envelope);
  g_free (self->counted);
  g_free (self->curve_class_start);
  g_free (self->curve_class_score);
  g_free (self->curve_class_f1);
  g_free (self->curve_score);
  g_free (self->curve_mean_f1);
  g_free (self->curve_micro_f1);
  g_free (self->acc_tp);
  g_free (self->acc_fp);
  g_free (self->acc_f1);
  g_free (self->acc_seen);

  G_OBJECT_CLASS (precis_active_parent_class)->finalize (object);
}

static void
precis_active_dispose (GObject *object)
{
  PrecisActive *self = (PrecisActive *)object;

  g_clear_object (&self->matcher);

  G_OBJECT_CLASS (precis_active_parent_class)->dispose (object);
}

/* LSD radix sort of the events by value: every event value (an iou, a chain
 * d or a crowd value) is > 0, so their IEEE bits order as unsigned integers.
 * Stable, so equal values keep position order. */
static void
sort_events (struct Event *events,
             guint         n)
{
  g_autofree struct Event *tmp = g_new (struct Event, MAX (n, 1));
  g_autofree guint *count = g_new (guint, 65536 + 1);
  struct Event *src = events, *dst = tmp;

  for (guint shift = 0; shift < 64; shift += 16)
    {
      memset (count, 0, (65536 + 1) * sizeof (guint));
      for (guint i = 0; i < n; i++)
        {
          guint64 bits;

          memcpy (&bits, &src[i].v, sizeof bits);
          count[((bits >> shift) & 0xffff) + 1]++;
        }
      for (guint b = 0; b < 65536; b++)
        count[b + 1] += count[b];
      for (guint i = 0; i < n; i++)
        {
          guint64 bits;

          memcpy (&bits, &src[i].v, sizeof bits);
          dst[count[(bits >> shift) & 0xffff]++] = src[i];
        }
      {
        struct Event *swap = src;
        src = dst;
        dst = swap;
      }
    }
  /* Four passes: the sorted data is back in @events. */
  g_assert (src == events);
}

static void
precis_active_setup (PrecisActive *self)
{
  PrecisDataset *dataset = precis_matcher_get_dataset (self->matcher);
  const PrecisMatches *m;
  guint n;

  m = self->m = precis_matcher_get_matches (self->matcher);
  self->gt = precis_dataset_get_ground_truth_annotations (dataset);
  self->dt = precis_dataset_get_predictions (dataset, precis_matcher_get_model (self->matcher));
  self->n_classes = m->n_categories;
  self->n_images = precis_dataset_get_n_images (dataset);
  n = self->n_dt = m->n_predictions;

  self->class_mask = g_malloc (MAX (self->n_classes, 1));
  memset (self->class_mask, 1, MAX (self->n_classes, 1));
  self->image_mask = g_malloc (MAX (self->n_images, 1));
  memset (self->image_mask, 1, MAX (self->n_images, 1));

  self->r_score = g_new (double, MAX (n, 1));
  self->r_iou = g_new (double, MAX (n, 1));
  self->r_d = g_new (double, MAX (n, 1));
  self->r_crowd = g_new (double, MAX (n, 1));
  self->r_flags = g_new0 (guint8, MAX (n, 1));
  self->r_status = g_new0 (guint8, MAX (n, 1));
  self->r_class = g_new (guint32, MAX (n, 1));
  self->pos_of = g_new (guint32, MAX (n, 1));
  for (guint32 c = 0; c < self->n_classes; c++)
    for (guint k = m->class_start[c]; k < m->class_start[c + 1]; k++)
      self->r_class[k] = c;
  self->r_image = g_new (guint32, MAX (n, 1));
  self->r_area = g_new (double, MAX (n, 1));
  self->r_cand_area = g_new (double, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      guint32 p = m->class_order[k];
      guint32 g = m->candidate[p];

      self->r_score[k] = self->dt->score[p];
      self->r_iou[k] = m->iou[p];
      self->r_d[k] = m->d[p];
      self->r_crowd[k] = m->crowd[p];
      self->r_image[k] = self->dt->image[p];
      self->r_area[k] = self->dt->area[p];
      self->r_cand_area[k] = g != PRECIS_NO_INDEX ? self->gt->area[g] : NAN;
      self->pos_of[p] = k;
    }

  self->n_words = (n + 63) / 64 + 1;
  self->bits_tp = g_new0 (guint64, self->n_words);
  self->bits_fp = g_new0 (guint64, self->n_words);
  self->bits_ign = g_new0 (guint64, self->n_words);

  /* The breakpoints: a status can only change when t crosses a prediction's
   * iou, its d (when it is a chain value) or its crowd value. */
  {
    guint n_events = 0;

    for (guint k = 0; k < n; k++)
      n_events += (self->r_iou[k] > 0) + (self->r_d[k] > -1 && self->r_d[k] < 1) + (self->r_crowd[k] > 0);
    self->events = g_new (struct Event, MAX (n_events, 1));
    self->n_events = 0;
    for (guint k = 0; k < n; k++)
      {
        struct Event e = { 0, k, self->r_class[k] };

        if (self->r_iou[k] > 0)
          {
            e.v = self->r_iou[k];
            self->events[self->n_events++] = e;
          }
        if (self->r_d[k] > -1 && self->r_d[k] < 1)
          {
            e.v = self->r_d[k];
            self->events[self->n_events++] = e;
          }
        if (self->r_crowd[k] > 0)
          {
            e.v = self->r_crowd[k];
            self->events[self->n_events++] = e;
          }
      }
    sort_events (self->events, self->n_events);
  }

  self->class_dirty = g_new0 (guint8, MAX (self->n_classes, 1));
  self->class_members = g_new0 (guint8, MAX (self->n_classes, 1));
  self->class_done = g_new0 (guint8, MAX (self->n_classes, 1));
  self->class_cut = g_new0 (guint, MAX (self->n_classes, 1));
  {
    guint max_class = 0;

    for (guint32 c = 0; c < self->n_classes; c++)
      max_class = MAX (max_class, m->class_start[c + 1] - m->class_start[c]);
    self->scratch = g_new (double, max_class + 2);
  }

  self->so_pos = g_new (guint32, MAX (n, 1));
  self->so_class = g_new (guint32, MAX (n, 1));
  self->so_score = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 p = m->score_order[i];

      self->so_pos[i] = self->pos_of[p];
      self->so_class[i] = self->dt->category[p];
      self->so_score[i] = self->dt->score[p];
    }

  self->n_gt = g_new0 (guint, MAX (self->n_classes, 1));
  self->n_gt_crowd = g_new0 (guint, MAX (self->n_classes, 1));

  self->classes = g_new0 (PrecisActiveClassResult, MAX (self->n_classes, 1));
  self->precision_101 = g_new0 (double, (gsize)MAX (self->n_classes, 1) * PRECIS_N_RECALL_POINTS);
  self->rank_prediction = g_new (guint32, MAX (n, 1));
  self->rank_score = g_new (double, MAX (n, 1));
  self->rank_tp = g_new (guint8, MAX (n, 1));
  self->rank_recall = g_new (double, MAX (n, 1));
  self->rank_precision = g_new (double, MAX (n, 1));
  self->rank_envelope = g_new (double, MAX (n, 1));
  self->counted = g_new (guint32, MAX (self->n_classes, 1));

  self->curve_class_start = g_new0 (guint32, self->n_classes + 1);
  self->curve_class_score = g_new (double, MAX (n, 1));
  self->curve_class_f1 = g_new (double, MAX (n, 1));
  self->curve_score = g_new (double, MAX (n, 1));
  self->curve_mean_f1 = g_new (double, MAX (n, 1));
  self->curve_micro_f1 = g_new (double, MAX (n, 1));
  self->acc_tp = g_new0 (guint, MAX (self->n_classes, 1));
  self->acc_fp = g_new0 (guint, MAX (self->n_classes, 1));
  self->acc_f1 = g_new0 (double, MAX (self->n_classes, 1));
  self->acc_seen = g_new0 (guint8, MAX (self->n_classes, 1));

  self->result.n_classes = self->n_classes;
  self->result.classes = self->classes;
  self->result.precision_101 = self->precision_101;
  self->result.rank_prediction = self->rank_prediction;
  self->result.rank_score = self->rank_score;
  self->result.rank_tp = self->rank_tp;
  self->result.rank_recall = self->rank_recall;
  self->result.rank_precision = self->rank_precision;
  self->result.rank_envelope = self->rank_envelope;
  self->result.counted = self->counted;

  self->curve.n_classes = self->n_classes;
  self->curve.class_start = self->curve_class_start;
  self->curve.class_score = self->curve_class_score;
  self->curve.class_f1 = self->curve_class_f1;
  self->curve.score = self->curve_score;
  self->curve.mean_f1 = self->curve_mean_f1;
  self->curve.micro_f1 = self->curve_micro_f1;

  self->stale = self->flags_stale = self->curve_stale = TRUE;
}

static void
precis_active_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PrecisActive *self = PRECIS_ACTIVE (object);

  switch (prop_id)
    {
    case PROP_MATCHER:
      g_value_set_object (value, self->matcher);
      break;
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    case PROP_CONFIDENCE:
      g_value_set_double (value, self->confidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
precis_active_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PrecisActive *self = PRECIS_ACTIVE (object);

  switch (prop_id)
    {
    case PROP_MATCHER:
      self->matcher = g_value_dup_object (value);
      break;
    case PROP_THRESHOLD:
      precis_active_set_threshold (self, g_value_get_double (value));
      break;
    case PROP_CONFIDENCE:
      precis_active_set_confidence (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
precis_active_constructed (GObject *object)
{
  PrecisActive *self = PRECIS_ACTIVE (object);

  G_OBJECT_CLASS (precis_active_parent_class)->constructed (object);

  g_assert (self->matcher != NULL);
  precis_active_setup (self);
}

static void
precis_active_class_init (PrecisActiveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = precis_active_constructed;
  object_class->dispose = precis_active_dispose;
  object_class->finalize = precis_active_finalize;
  object_class->get_property = precis_active_get_property;
  object_class->set_property = precis_active_set_property;

  /**
   * PrecisActive:matcher:
   *
   * The precompute this evaluator reads.
   */
  properties[PROP_MATCHER] =
    g_param_spec_object ("matcher", NULL, NULL,
                         PRECIS_TYPE_MATCHER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PrecisActive:threshold:
   *
   * The IoU threshold t.
   */
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL,
                         0.0, 1.0, 0.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PrecisActive:confidence:
   *
   * The confidence threshold s: predictions with a lower score are dropped.
   */
  properties[PROP_CONFIDENCE] =
    g_param_spec_double ("confidence", NULL, NULL,
                         0.0, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
precis_active_init (PrecisActive *self)
{
  self->threshold = 0.5;
  self->confidence = 0.0;
  self->area_min = 0.0;
  self->area_max = INFINITY;
}

/**
 * precis_active_new:
 * @matcher: the precompute of one model and IoU type
 *
 * Creates an evaluator at t = 0.5, all classes, all images, area range
 * [0, +∞] and s = 0. Allocates every buffer it will need.
 *
 * Returns: (transfer full): a new #PrecisActive
 */
PrecisActive *
precis_active_new (PrecisMatcher *matcher)
{
  g_return_val_if_fail (PRECIS_IS_MATCHER (matcher), NULL);

  return g_object_new (PRECIS_TYPE_ACTIVE, "matcher", matcher, NULL);
}

PrecisMatcher *
precis_active_get_matcher (PrecisActive *self)
{
  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), NULL);

  return self->matcher;
}

/**
 * precis_active_set_threshold:
 * @self: a #PrecisActive
 * @threshold: the IoU threshold t, in [0, 1]
 *
 * Sets t. The next precis_active_evaluate() visits only the predictions
 * with a breakpoint between the old and the new t.
 */
void
precis_active_set_threshold (PrecisActive *self,
                             double        threshold)
{
  g_return_if_fail (PRECIS_IS_ACTIVE (self));
  g_return_if_fail (threshold >= 0.0 && threshold <= 1.0);

  if (self->threshold == threshold)
    return;
  self->threshold = threshold;
  self->stale = self->curve_stale = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

double
precis_active_get_threshold (PrecisActive *self)
{
  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), 0);

  return self->threshold;
}

/**
 * precis_active_set_confidence:
 * @self: a #PrecisActive
 * @confidence: the confidence threshold s
 *
 * Predictions scored below @confidence are dropped before everything else.
 */
void
precis_active_set_confidence (PrecisActive *self,
                              double        confidence)
{
  g_return_if_fail (PRECIS_IS_ACTIVE (self));

  if (self->confidence == confidence)
    return;
  self->confidence = confidence;
  /* The F1 curve covers every s: it stays valid. */
  self->stale = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
}

double
precis_active_get_confidence (PrecisActive *self)
{
  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), 0);

  return self->confidence;
}

/**
 * precis_active_set_area_range:
 * @self: a #PrecisActive
 * @area_min: the smallest GT area counted
 * @area_max: the largest (may be %INFINITY)
 *
 * Sets the GT area range [a, b] (SEMANTICS.md §3 Subsets).
 */
void
precis_active_set_area_range (PrecisActive *self,
                              double        area_min,
                              double        area_max)
{
  g_return_if_fail (PRECIS_IS_ACTIVE (self));

  if (self->area_min == area_min && self->area_max == area_max)
    return;
  self->area_min = area_min;
  self->area_max = area_max;
  self->stale = self->curve_stale = self->flags_stale = TRUE;
}

/**
 * precis_active_set_classes:
 * @self: a #PrecisActive
 * @mask: (nullable) (array): n_categories bytes, non-zero = selected; %NULL for all
 *
 * Selects the classes taking part. The mask is copied.
 */
void
precis_active_set_classes (PrecisActive *self,
                           const guint8 *mask)
{
  g_return_if_fail (PRECIS_IS_ACTIVE (self));

  for (guint c = 0; c < self->n_classes; c++)
    self->class_mask[c] = mask == NULL || mask[c] != 0;
  self->stale = self->curve_stale = TRUE;
}

void
precis_active_set_class_selected (PrecisActive *self,
                                  guint32       category,
                                  gboolean      selected)
{
  g_return_if_fail (PRECIS_IS_ACTIVE (self));
  g_return_if_fail (category < self->n_classes);

  if (self->class_mask[category] == !!selected)
    return;
  self->class_mask[category] = !!selected;
  self->stale = self->curve_stale = TRUE;
}

gboolean
precis_active_get_class_selected (PrecisActive *self,
                                  guint32       category)
{
  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), FALSE);
  g_return_val_if_fail (category < self->n_classes, FALSE);

  return self->class_mask[category];
}

/**
 * precis_active_set_images:
 * @self: a #PrecisActive
 * @mask: (nullable) (array): n_images bytes, non-zero = selected; %NULL for all
 *
 * Selects the images taking part. The mask is copied.
 */
void
precis_active_set_images (PrecisActive *self,
                          const guint8 *mask)
{
  g_return_if_fail (PRECIS_IS_ACTIVE (self));

  for (guint k = 0; k < self->n_images; k++)
    self->image_mask[k] = mask == NULL || mask[k] != 0;
  self->stale = self->curve_stale = self->flags_stale = TRUE;
}

/* ------------------------------------------------------------------------ */

static inline guint8
status_at (const PrecisActive *self,
           guint               k,
           double              t)
{
  guint8 f = self->r_flags[k];
  double crowd;

  if (f & FLAG_EXCLUDED)
    return ST_OUT;
  if (self->r_iou[k] >= t && self->r_d[k] < t)
    return (f & FLAG_CAND_OUT) ? ST_IGN : ST_TP;
  crowd = self->r_crowd[k];
  if ((crowd > 0 && crowd >= t) || (f & FLAG_OWN_OUT))
    return ST_IGN;
  return ST_FP;
}

static inline void
set_status (PrecisActive *self,
            guint         k,
            guint8        old,
            guint8        st)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (k & 63);
  guint w = k >> 6;

  if (old == ST_TP)
    self->bits_tp[w] &= ~bit;
  else if (old == ST_FP)
    self->bits_fp[w] &= ~bit;
  else if (old == ST_IGN)
    self->bits_ign[w] &= ~bit;

  if (st == ST_TP)
    self->bits_tp[w] |= bit;
  else if (st == ST_FP)
    self->bits_fp[w] |= bit;
  else if (st == ST_IGN)
    self->bits_ign[w] |= bit;

  self->r_status[k] = st;
}

/* Images or area range changed: flags, GT counts and every status. */
static void
rebuild (PrecisActive *self)
{
  const PrecisAnnotations *gt = self->gt;
  const double t = self->threshold;

  for (guint k = 0; k < self->n_dt; k++)
    {
      double cand_area = self->r_cand_area[k];
      guint8 f = 0;

      if (!self->image_mask[self->r_image[k]])
        f |= FLAG_EXCLUDED;
      if (!area_in (self, self->r_area[k]))
        f |= FLAG_OWN_OUT;
      if (!isnan (cand_area) && !area_in (self, cand_area))
        f |= FLAG_CAND_OUT;
      self->r_flags[k] = f;
    }

  memset (self->bits_tp, 0, self->n_words * sizeof (guint64));
  memset (self->bits_fp, 0, self->n_words * sizeof (guint64));
  memset (self->bits_ign, 0, self->n_words * sizeof (guint64));
  for (guint k = 0; k < self->n_dt; k++)
    set_status (self, k, ST_OUT, status_at (self, k, t));
  self->status_t = t;

  memset (self->n_gt, 0, self->n_classes * sizeof (guint));
  memset (self->n_gt_crowd, 0, self->n_classes * sizeof (guint));
  for (guint j = 0; j < gt->n; j++)
    {
      if (!self->image_mask[gt->image[j]])
        continue;
      if (self->m->gt_crowd[j])
        self->n_gt_crowd[gt->category[j]]++;
      else if (area_in (self, gt->area[j]))
        self->n_gt[gt->category[j]]++;
    }

  memset (self->class_dirty, 1, self->n_classes);
  memset (self->class_members, 1, self->n_classes);
  self->flags_stale = FALSE;
}

/* Moves every status from status_t to the current t, visiting only the
 * predictions with a breakpoint between the two. */
static void
apply_events (PrecisActive *self)
{
  const double t = self->threshold;
  double lo = MIN (self->status_t, t), hi = MAX (self->status_t, t);
  guint a = 0, b = self->n_events;

  /* First event with v ≥ lo. */
  while (a < b)
    {
      guint mid = a + (b - a) / 2;

      if (self->events[mid].v < lo)
        a = mid + 1;
      else
        b = mid;
    }

  for (guint i = a; i < self->n_events && self->events[i].v < hi; i++)
    {
      guint k = self->events[i].pos;
      guint8 old = self->r_status[k];
      guint8 st = status_at (self, k, t);

      if (st != old)
        {
          set_status (self, k, old, st);
          self->class_dirty[self->events[i].cls] = 1;
          /* Only a TP ↔ FP flip keeps the ranked set as it is. */
          if (old > ST_TP || st > ST_TP)
            self->class_members[self->events[i].cls] = 1;
        }
    }
  self->status_t = t;
}

/* First position in [start, end) whose score is below @s (scores descend). */
static guint
score_cut (const double *score,
           guint         start,
           guint         end,
           double        s)
{
  guint lo = start, hi = end;

  if (start == end || score[end - 1] >= s)
    return end;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (score[mid] >= s)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static inline guint64
range_mask (guint w,
            guint start,
            guint end)
{
  guint64 mask = G_MAXUINT64;

  if (w == start >> 6)
    mask &= G_MAXUINT64 << (start & 63);
  if (w == (end - 1) >> 6 && (end & 63) != 0)
    mask &= G_MAXUINT64 >> (64 - (end & 63));
  return mask;
}

/* Counts, ranked sequence, AP@t and the 101 precisions of class @c over the
 * positions [start, cut): one pass over the set bits of its TP and FP sets. */
static void
evaluate_class (PrecisActive *self,
                guint32       c,
                guint         start,
                guint         cut,
                gboolean      members)
{
  PrecisActiveClassResult *cls = &self->classes[c];
  const guint32 *order = self->m->class_order;
  guint n_gt = self->n_gt[c];
  guint tp = 0, fp = 0, ign = 0, k = start;
  double *q = self->precision_101 + (gsize)c * PRECIS_N_RECALL_POINTS;
  double *prec_tp = self->scratch;   /* prec_tp[m]: precision at the m-th TP */
  double recall = 0;

  if (cut > start)
    for (guint w = start >> 6; w <= (cut - 1) >> 6; w++)
      {
        guint64 mask = range_mask (w, start, cut);
        guint64 tw = self->bits_tp[w] & mask;
        guint64 both = (tw | self->bits_fp[w]) & mask;

        ign += __builtin_popcountll (self->bits_ign[w] & mask);
        while (both)
          {
            guint b = __builtin_ctzll (both);
            guint pos = (w << 6) + b;
            gboolean is_tp = (tw >> b) & 1;
            double prec;

            both &= both - 1;
            if (is_tp)
              {
                tp++;
                /* As pycocotools: rc = tp / npig. */
                recall = n_gt > 0 ? (double)tp / (double)n_gt : 0;
              }
            else
              fp++;
            /* As pycocotools: pr = tp / (fp + tp + spacing(1)). */
            prec = (double)tp / ((double)fp + (double)tp + DBL_EPSILON);
            if (is_tp)
              prec_tp[tp] = prec;

            /* The same predictions are ranked as last time unless one
             * entered or left the ranking: then they need no copy. */
            if (members)
              {
                self->rank_prediction[k] = order[pos];
                self->rank_score[k] = self->r_score[pos];
              }
            self->rank_tp[k] = is_tp;
            self->rank_recall[k] = recall;
            self->rank_precision[k] = prec;
            k++;
          }
      }

  /* The envelope, non-increasing from the right. */
  if (k > start)
    {
      double run = self->rank_precision[k - 1];

      self->rank_envelope[k - 1] = run;
      for (guint i = k - 1; i > start; i--)
        {
          double v = self->rank_precision[i - 1];

          if (v < run)
            v = run;
          self->rank_envelope[i - 1] = run = v;
        }
    }

  /* The 101 interpolated precisions. The first rank whose recall reaches a
   * recall point r > 0 is a TP rank (recall only grows at TPs), and the
   * envelope there is the largest precision at a TP rank from it on (after
   * an FP precision only falls); at r = 0 it is the first rank. */
  if (n_gt > 0)
    {
      guint i = 0, mm = 1;

      for (guint j = tp; j > 1; j--)
        if (prec_tp[j] > prec_tp[j - 1])
          prec_tp[j - 1] = prec_tp[j];

      q[0] = tp > 0 ? prec_tp[1] : 0;
      for (i = 1; i < PRECIS_N_RECALL_POINTS; i++)
        {
          double thr = precis_recall_point (i);

          while (mm <= tp && (double)mm / (double)n_gt < thr)
            mm++;
          if (mm > tp)
            break;
          q[i] = prec_tp[mm];
        }
      for (; i < PRECIS_N_RECALL_POINTS; i++)
        q[i] = 0;
      cls->ap = numpy_mean_101 (q);
    }
  else
    {
      memset (q, 0, PRECIS_N_RECALL_POINTS * sizeof (double));
      cls->ap = 0;
    }

  cls->category = c;
  cls->selected = TRUE;
  cls->n_gt = n_gt;
  cls->n_gt_crowd = self->n_gt_crowd[c];
  cls->n_predictions = tp + fp + ign;
  cls->tp = tp;
  cls->fp = fp;
  cls->fn = n_gt - tp;
  cls->ignored = ign;
  cls->precision = tp + fp > 0 ? (double)tp / (double)(tp + fp) : 0;
  cls->recall = n_gt > 0 ? (double)tp / (double)n_gt : 0;
  cls->f1 = f1_of (cls->precision, cls->recall);
  cls->ar = cls->recall;
  cls->rank_start = start;
  cls->n_ranks = k - start;
  cls->counted = n_gt > 0 || cls->n_predictions > 0;
}

/**
 * precis_active_evaluate:
 * @self: a #PrecisActive
 *
 * Evaluates at the current parameters when anything changed since the last
 * call, without allocating: a threshold step visits only the predictions
 * whose status can change between the two thresholds, then recomputes the
 * classes that changed (one pass over their ranked predictions).
 *
 * Returns: (transfer none): the result, valid until the next setter call
 */
const PrecisActiveResult *
precis_active_evaluate (PrecisActive *self)
{
  PrecisActiveResult *res;
  double sum_ap = 0, sum_ar = 0, sum_f1 = 0;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), NULL);

  res = &self->result;
  if (!self->stale)
    return res;

  if (self->flags_stale)
    rebuild (self);
  else if (self->status_t != self->threshold)
    apply_events (self);

  res->threshold = self->threshold;
  res->confidence = self->confidence;
  res->area_min = self->area_min;
  res->area_max = self->area_max;
  res->n_ranks = self->n_dt;
  res->n_counted = 0;
  res->n_gt = res->n_gt_crowd = res->n_predictions = 0;
  res->tp = res->fp = res->fn = res->ignored = 0;

  /* Category index order is ascending id order (the dataset sorts them). */
  for (guint32 c = 0; c < self->n_classes; c++)
    {
      PrecisActiveClassResult *cls = &self->classes[c];
      guint start = self->m->class_start[c];

      if (!self->class_mask[c])
        {
          if (self->class_done[c] || cls->category != c)
            {
              memset (cls, 0, sizeof (*cls));
              cls->category = c;
              cls->rank_start = start;
              memset (self->precision_101 + (gsize)c * PRECIS_N_RECALL_POINTS, 0,
                      PRECIS_N_RECALL_POINTS * sizeof (double));
            }
          self->class_done[c] = FALSE;
          continue;
        }

      {
        guint cut = score_cut (self->r_score, start, self->m->class_start[c + 1], self->confidence);

        if (!self->class_done[c] || self->class_dirty[c] || cut != self->class_cut[c])
          {
            gboolean members = !self->class_done[c] || self->class_members[c] || cut != self->class_cut[c];

            evaluate_class (self, c, start, cut, members);
            self->class_cut[c] = cut;
            self->class_dirty[c] = FALSE;
            self->class_members[c] = FALSE;
            self->class_done[c] = TRUE;
          }
      }

      res->n_gt += cls->n_gt;
      res->n_gt_crowd += cls->n_gt_crowd;
      res->n_predictions += cls->n_predictions;
      res->tp += cls->tp;
      res->fp += cls->fp;
      res->fn += cls->fn;
      res->ignored += cls->ignored;

      if (cls->counted)
        {
          self->counted[res->n_counted++] = c;
          sum_ap += cls->ap;
          sum_ar += cls->ar;
          sum_f1 += cls->f1;
        }
    }

  res->map = res->n_counted > 0 ? sum_ap / res->n_counted : 0;
  res->mar = res->n_counted > 0 ? sum_ar / res->n_counted : 0;
  res->mean_f1 = res->n_counted > 0 ? sum_f1 / res->n_counted : 0;

  self->stale = FALSE;
  return res;
}

/* ------------------------------------------------------------------------ */

/* The outcome of prediction @p at t with every filter but s. */
static PrecisPredictionOutcome
classify (PrecisActive *self,
          guint32       p)
{
  const PrecisMatches *m = self->m;
  const PrecisAnnotations *dt = self->dt;
  const double t = self->threshold;
  guint32 g;

  if (!self->class_mask[dt->category[p]] || !self->image_mask[dt->image[p]])
    return PRECIS_PREDICTION_FILTERED;

  g = m->candidate[p];
  if (m->iou[p] >= t && m->d[p] < t)
    return area_in (self, self->gt->area[g]) ? PRECIS_PREDICTION_TP : PRECIS_PREDICTION_IGNORED;
  if (m->crowd[p] > 0 && m->crowd[p] >= t)
    return PRECIS_PREDICTION_IGNORED;
  if (!area_in (self, dt->area[p]))
    return PRECIS_PREDICTION_IGNORED;
  return PRECIS_PREDICTION_FP;
}

/**
 * precis_active_get_prediction_outcome:
 * @self: a #PrecisActive
 * @prediction: a prediction annotation index
 *
 * Returns: what @prediction is at the current parameters, in O(1)
 */
PrecisPredictionOutcome
precis_active_get_prediction_outcome (PrecisActive *self,
                                      guint32       prediction)
{
  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), PRECIS_PREDICTION_FILTERED);
  g_return_val_if_fail (prediction < self->n_dt, PRECIS_PREDICTION_FILTERED);

  if (self->dt->score[prediction] < self->confidence)
    return PRECIS_PREDICTION_FILTERED;
  return classify (self, prediction);
}

guint32
precis_active_get_prediction_candidate (PrecisActive *self,
                                        guint32       prediction,
                                        double       *iou)
{
  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), PRECIS_NO_INDEX);
  g_return_val_if_fail (prediction < self->n_dt, PRECIS_NO_INDEX);

  if (iou != NULL)
    *iou = self->m->iou[prediction];
  return self->m->candidate[prediction];
}

guint32
precis_active_get_gt_match (PrecisActive *self,
                            guint32       gt)
{
  const PrecisMatches *m;
  guint32 tp = PRECIS_NO_INDEX;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), PRECIS_NO_INDEX);
  g_return_val_if_fail (gt < self->gt->n, PRECIS_NO_INDEX);

  m = self->m;
  if (!self->class_mask[self->gt->category[gt]] || !self->image_mask[self->gt->image[gt]] ||
      m->gt_crowd[gt] || !area_in (self, self->gt->area[gt]))
    return PRECIS_NO_INDEX;

  /* The chain runs iou descending: the TP is the last one with iou ≥ t. */
  for (guint32 k = m->chain_start[gt]; k < m->chain_start[gt + 1]; k++)
    {
      guint32 p = m->chain[k];

      if (m->iou[p] < self->threshold)
        break;
      tp = p;
    }

  if (tp != PRECIS_NO_INDEX && self->dt->score[tp] < self->confidence)
    return PRECIS_NO_INDEX;
  return tp;
}

/**
 * precis_active_get_gt_outcome:
 * @self: a #PrecisActive
 * @gt: a GT annotation index
 *
 * Returns: what @gt is at the current parameters
 */
PrecisGtOutcome
precis_active_get_gt_outcome (PrecisActive *self,
                              guint32       gt)
{
  const PrecisAnnotations *anns;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), PRECIS_GT_FILTERED);
  g_return_val_if_fail (gt < self->gt->n, PRECIS_GT_FILTERED);

  anns = self->gt;
  if (!self->class_mask[anns->category[gt]] || !self->image_mask[anns->image[gt]])
    return PRECIS_GT_FILTERED;
  if (self->m->gt_crowd[gt] || !area_in (self, anns->area[gt]))
    return PRECIS_GT_IGNORED;
  return precis_active_get_gt_match (self, gt) != PRECIS_NO_INDEX ? PRECIS_GT_MATCHED : PRECIS_GT_FN;
}

/* ------------------------------------------------------------------------ */

/* F1 of a class with @tp TP, @fp FP and @n_gt GT (FN = n_gt − tp):
 * 2PR / (P + R) = 2 TP / (2 TP + FP + FN), one division. It can differ from
 * the result's f1 in the last bit. */
static inline double
class_f1 (guint tp,
          guint fp,
          guint n_gt)
{
  return tp > 0 ? 2.0 * tp / ((double)tp + (double)fp + (double)n_gt) : 0;
}

/**
 * precis_active_get_f1_curve:
 * @self: a #PrecisActive
 *
 * F1 against the confidence threshold at the current t, classes, images and
 * area range; see #PrecisActiveF1Curve. Computed on demand (two passes over
 * the predictions, no allocation) and kept until a parameter other than s
 * changes.
 *
 * Returns: (transfer none): the curve
 */
const PrecisActiveF1Curve *
precis_active_get_f1_curve (PrecisActive *self)
{
  const PrecisMatches *m;
  guint n_points = 0, n = 0, counted_gt = 0, counted_extra = 0;
  guint total_gt = 0, total_tp = 0, total_fp = 0;
  double sum_f1 = 0, pending_score = 0;
  gboolean pending = FALSE;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), NULL);

  if (!self->curve_stale)
    return &self->curve;

  if (self->flags_stale)
    rebuild (self);
  else if (self->status_t != self->threshold)
    apply_events (self);

  m = self->m;

  /* Per class: F1 at each distinct score of its ranked predictions. */
  for (guint32 c = 0; c < self->n_classes; c++)
    {
      guint tp = 0, fp = 0;
      guint end = m->class_start[c + 1];
      guint n_gt = self->n_gt[c];
      gboolean open = FALSE;
      double open_score = 0;

      self->curve_class_start[c] = n;
      if (!self->class_mask[c])
        continue;

      for (guint pos = m->class_start[c]; pos < end; pos++)
        {
          guint8 st = self->r_status[pos];

          if (st == ST_TP)
            tp++;
          else if (st == ST_FP)
            fp++;
          else
            continue;

          if (open && self->r_score[pos] != open_score)
            n++;
          open = TRUE;
          open_score = self->r_score[pos];
          self->curve_class_score[n] = open_score;
          self->curve_class_f1[n] = class_f1 (tp, fp, n_gt);
        }
      if (open)
        n++;
    }
  self->curve_class_start[self->n_classes] = n;

  /* Overall: walk every selected prediction by score. */
  for (guint32 c = 0; c < self->n_classes; c++)
    {
      self->acc_tp[c] = self->acc_fp[c] = 0;
      self->acc_f1[c] = 0;
      self->acc_seen[c] = 0;
      if (self->class_mask[c])
        {
          total_gt += self->n_gt[c];
          if (self->n_gt[c] > 0)
            counted_gt++;
        }
    }

  self->curve.best_confidence = 0;
  self->curve.best_mean_f1 = 0;

  for (guint i = 0; i <= self->n_dt; i++)
    {
      guint pos = 0;
      guint8 st = ST_OUT;
      guint32 c = 0;

      if (i < self->n_dt)
        {
          c = self->so_class[i];
          if (!self->class_mask[c])
            continue;
          pos = self->so_pos[i];
          st = self->r_status[pos];
          if (st == ST_OUT)
            continue;
        }

      /* A point at the end of each run of equal scores: emitted when the
       * next selected prediction has another score, or at the end. */
      if (pending && (i == self->n_dt || self->so_score[i] != pending_score))
        {
          guint n_counted = counted_gt + counted_extra;
          double mean = n_counted > 0 ? sum_f1 / n_counted : 0;
          double mp = total_tp + total_fp > 0 ? (double)total_tp / (double)(total_tp + total_fp) : 0;
          double mr = total_gt > 0 ? (double)total_tp / (double)total_gt : 0;

          self->curve_score[n_points] = pending_score;
          self->curve_mean_f1[n_points] = mean;
          self->curve_micro_f1[n_points] = f1_of (mp, mr);
          /* Ties (within rounding of the running sum) keep the larger s. */
          if (n_points == 0 || mean > self->curve.best_mean_f1 + 1e-12)
            {
              self->curve.best_mean_f1 = mean;
              self->curve.best_confidence = pending_score;
            }
          n_points++;
        }
      if (i == self->n_dt)
        break;

      pending = TRUE;
      pending_score = self->so_score[i];

      if (!self->acc_seen[c])
        {
          self->acc_seen[c] = 1;
          if (self->n_gt[c] == 0)
            counted_extra++;
        }
      if (st == ST_TP || st == ST_FP)
        {
          double f1;

          if (st == ST_TP)
            {
              self->acc_tp[c]++;
              total_tp++;
            }
          else
            {
              self->acc_fp[c]++;
              total_fp++;
            }
          f1 = class_f1 (self->acc_tp[c], self->acc_fp[c], self->n_gt[c]);
          sum_f1 += f1 - self->acc_f1[c];
          self->acc_f1[c] = f1;
        }
    }

  self->curve.n_points = n_points;
  self->curve_stale = FALSE;
  return &self->curve;
}

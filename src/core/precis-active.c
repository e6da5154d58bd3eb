/* precis-active.c: protocol `active`, evaluated at one IoU threshold, instantly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "precis-active-private.h"


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

/* The breakpoints: a status can only change when t crosses a prediction's
 * iou, its d (when it is a chain value) or its crowd value. */
static void
setup_events (PrecisActive *self)
{
  guint n = self->n_dt;
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

  setup_events (self);

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

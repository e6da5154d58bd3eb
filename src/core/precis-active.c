/* precis-active.c: protocol `active`, evaluated at one IoU threshold, instantly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

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
  gboolean             flags_stale;
  gboolean             gt_stale;
  gboolean             curve_stale;

  /* Hot data in class ranking order (position k = class_order[k]). */
  double              *r_score;
  double              *r_iou;
  double              *r_d;
  double              *r_crowd;
  guint8              *r_flags;
  guint32             *pos_of;   /* prediction index → rank position */

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
  g_free (self->pos_of);
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
  self->pos_of = g_new (guint32, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      guint32 p = m->class_order[k];

      self->r_score[k] = self->dt->score[p];
      self->r_iou[k] = m->iou[p];
      self->r_d[k] = m->d[p];
      self->r_crowd[k] = m->crowd[p];
      self->pos_of[p] = k;
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

  self->stale = self->flags_stale = self->gt_stale = self->curve_stale = TRUE;
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

void
precis_active_set_threshold (PrecisActive *self,
                             double        threshold)
{
  g_return_if_fail (PRECIS_IS_ACTIVE (self));

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
  self->stale = self->curve_stale = self->flags_stale = self->gt_stale = TRUE;
}

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

void
precis_active_set_images (PrecisActive *self,
                          const guint8 *mask)
{
  g_return_if_fail (PRECIS_IS_ACTIVE (self));

  for (guint k = 0; k < self->n_images; k++)
    self->image_mask[k] = mask == NULL || mask[k] != 0;
  self->stale = self->curve_stale = self->flags_stale = self->gt_stale = TRUE;
}

/* ------------------------------------------------------------------------ */

static void
refresh_flags (PrecisActive *self)
{
  const PrecisMatches *m = self->m;
  const PrecisAnnotations *dt = self->dt;
  const PrecisAnnotations *gt = self->gt;

  for (guint k = 0; k < self->n_dt; k++)
    {
      guint32 p = m->class_order[k];
      guint32 g = m->candidate[p];
      guint8 f = 0;

      if (!self->image_mask[dt->image[p]])
        f |= FLAG_EXCLUDED;
      if (!area_in (self, dt->area[p]))
        f |= FLAG_OWN_OUT;
      if (g != PRECIS_NO_INDEX && !area_in (self, gt->area[g]))
        f |= FLAG_CAND_OUT;
      self->r_flags[k] = f;
    }
  self->flags_stale = FALSE;
}

static void
refresh_gt (PrecisActive *self)
{
  const PrecisAnnotations *gt = self->gt;

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
  self->gt_stale = FALSE;
}

/* First position in [start, end) whose score is below @s (scores descend). */
static guint
score_cut (const double *score,
           guint         start,
           guint         end,
           double        s)
{
  guint lo = start, hi = end;

  if (s <= 0)
    {
      /* Scores are ≥ 0: nothing is dropped unless a score is negative. */
      if (start == end || score[end - 1] >= s)
        return end;
    }
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

static void
evaluate_class (PrecisActive      *self,
                guint32            c,
                guint             *rank)
{
  PrecisActiveClassResult *cls = &self->classes[c];
  const double t = self->threshold;
  const double *r_iou = self->r_iou;
  const double *r_d = self->r_d;
  const double *r_crowd = self->r_crowd;
  const guint8 *r_flags = self->r_flags;
  const guint32 *order = self->m->class_order;
  guint start = self->m->class_start[c];
  guint end = score_cut (self->r_score, start, self->m->class_start[c + 1], self->confidence);
  guint n_gt = self->n_gt[c];
  guint first = *rank, k = *rank;
  guint tp = 0, fp = 0, ignored = 0, n_pred = 0;
  double *q = self->precision_101 + (gsize)c * PRECIS_N_RECALL_POINTS;

  for (guint pos = start; pos < end; pos++)
    {
      guint8 f = r_flags[pos];
      double iou, crowd;
      gboolean is_tp;

      if (f & FLAG_EXCLUDED)
        continue;
      n_pred++;
      iou = r_iou[pos];
      crowd = r_crowd[pos];

      if (iou >= t && r_d[pos] < t)
        {
          if (f & FLAG_CAND_OUT)
            {
              ignored++;
              continue;
            }
          is_tp = TRUE;
          tp++;
        }
      else if ((crowd > 0 && crowd >= t) || (f & FLAG_OWN_OUT))
        {
          ignored++;
          continue;
        }
      else
        {
          is_tp = FALSE;
          fp++;
        }

      self->rank_prediction[k] = order[pos];
      self->rank_score[k] = self->r_score[pos];
      self->rank_tp[k] = is_tp;
      /* As pycocotools: rc = tp / npig, pr = tp / (fp + tp + spacing(1)). */
      self->rank_recall[k] = n_gt > 0 ? (double)tp / (double)n_gt : 0;
      self->rank_precision[k] = (double)tp / ((double)fp + (double)tp + DBL_EPSILON);
      k++;
    }

  /* The envelope, non-increasing from the right. */
  if (k > first)
    {
      double run = self->rank_precision[k - 1];

      self->rank_envelope[k - 1] = run;
      for (guint i = k - 1; i > first; i--)
        {
          double v = self->rank_precision[i - 1];

          if (v < run)
            v = run;
          self->rank_envelope[i - 1] = run = v;
        }
    }

  /* The 101 interpolated precisions: searchsorted (side left) of each recall
   * point in the recalls; 0 past the last rank. */
  if (n_gt > 0)
    {
      guint i = 0, r = first;

      for (; i < PRECIS_N_RECALL_POINTS; i++)
        {
          double thr = precis_recall_point (i);

          while (r < k && self->rank_recall[r] < thr)
            r++;
          if (r == k)
            break;
          q[i] = self->rank_envelope[r];
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

  cls->n_gt = n_gt;
  cls->n_gt_crowd = self->n_gt_crowd[c];
  cls->n_predictions = n_pred;
  cls->tp = tp;
  cls->fp = fp;
  cls->fn = n_gt - tp;
  cls->ignored = ignored;
  cls->precision = tp + fp > 0 ? (double)tp / (double)(tp + fp) : 0;
  cls->recall = n_gt > 0 ? (double)tp / (double)n_gt : 0;
  cls->f1 = f1_of (cls->precision, cls->recall);
  cls->ar = cls->recall;
  cls->rank_start = first;
  cls->n_ranks = k - first;
  cls->counted = n_gt > 0 || n_pred > 0;

  *rank = k;
}

/**
 * precis_active_evaluate:
 * @self: a #PrecisActive
 *
 * Evaluates at the current parameters when anything changed since the last
 * call: one pass over the selected classes' predictions in ranking order,
 * no allocation.
 *
 * Returns: (transfer none): the result, valid until the next setter call
 */
const PrecisActiveResult *
precis_active_evaluate (PrecisActive *self)
{
  PrecisActiveResult *res;
  guint rank = 0;
  double sum_ap = 0, sum_ar = 0, sum_f1 = 0;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), NULL);

  res = &self->result;
  if (!self->stale)
    return res;

  if (self->flags_stale)
    refresh_flags (self);
  if (self->gt_stale)
    refresh_gt (self);

  res->threshold = self->threshold;
  res->confidence = self->confidence;
  res->area_min = self->area_min;
  res->area_max = self->area_max;
  res->n_counted = 0;
  res->n_gt = res->n_gt_crowd = res->n_predictions = 0;
  res->tp = res->fp = res->fn = res->ignored = 0;

  /* Category index order is ascending id order (the dataset sorts them). */
  for (guint32 c = 0; c < self->n_classes; c++)
    {
      PrecisActiveClassResult *cls = &self->classes[c];

      if (!self->class_mask[c])
        {
          memset (cls, 0, sizeof (*cls));
          cls->category = c;
          cls->rank_start = rank;
          memset (self->precision_101 + (gsize)c * PRECIS_N_RECALL_POINTS, 0,
                  PRECIS_N_RECALL_POINTS * sizeof (double));
          continue;
        }

      cls->category = c;
      cls->selected = TRUE;
      evaluate_class (self, c, &rank);

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

  res->n_ranks = rank;
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

static inline double
class_f1 (guint tp,
          guint fp,
          guint n_gt)
{
  double p = tp + fp > 0 ? (double)tp / (double)(tp + fp) : 0;
  double r = n_gt > 0 ? (double)tp / (double)n_gt : 0;

  return f1_of (p, r);
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
  const PrecisAnnotations *dt;
  guint n_points = 0, n = 0, counted_gt = 0, counted_extra = 0;
  guint total_gt = 0, total_tp = 0, total_fp = 0;
  double sum_f1 = 0, pending_score = 0;
  gboolean pending = FALSE;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (self), NULL);

  if (!self->curve_stale)
    return &self->curve;

  if (self->flags_stale)
    refresh_flags (self);
  if (self->gt_stale)
    refresh_gt (self);

  m = self->m;
  dt = self->dt;

  /* Per class: F1 at each distinct score of its ranked predictions. */
  for (guint32 c = 0; c < self->n_classes; c++)
    {
      guint tp = 0, fp = 0;
      guint end = m->class_start[c + 1];
      gboolean open = FALSE;
      double open_score = 0;

      self->curve_class_start[c] = n;
      if (!self->class_mask[c])
        continue;

      for (guint pos = m->class_start[c]; pos < end; pos++)
        {
          guint8 f = self->r_flags[pos];
          double iou = self->r_iou[pos], crowd = self->r_crowd[pos];
          const double t = self->threshold;

          if (f & FLAG_EXCLUDED)
            continue;
          if (iou >= t && self->r_d[pos] < t)
            {
              if (f & FLAG_CAND_OUT)
                continue;
              tp++;
            }
          else if ((crowd > 0 && crowd >= t) || (f & FLAG_OWN_OUT))
            continue;
          else
            fp++;

          if (open && self->r_score[pos] != open_score)
            n++;
          open = TRUE;
          open_score = self->r_score[pos];
          self->curve_class_score[n] = open_score;
          self->curve_class_f1[n] = class_f1 (tp, fp, self->n_gt[c]);
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
      guint32 p = i < self->n_dt ? m->score_order[i] : PRECIS_NO_INDEX;
      PrecisPredictionOutcome o = PRECIS_PREDICTION_FILTERED;
      guint32 c;

      if (p != PRECIS_NO_INDEX)
        {
          o = classify (self, p);
          if (o == PRECIS_PREDICTION_FILTERED)
            continue;
        }

      /* A point at the end of each run of equal scores: emitted when the
       * next selected prediction has another score, or at the end. */
      if (pending && (p == PRECIS_NO_INDEX || dt->score[p] != pending_score))
        {
          guint n_counted = counted_gt + counted_extra;
          double mean = n_counted > 0 ? sum_f1 / n_counted : 0;
          double mp = total_tp + total_fp > 0 ? (double)total_tp / (double)(total_tp + total_fp) : 0;
          double mr = total_gt > 0 ? (double)total_tp / (double)total_gt : 0;

          self->curve_score[n_points] = pending_score;
          self->curve_mean_f1[n_points] = mean;
          self->curve_micro_f1[n_points] = f1_of (mp, mr);
          if (n_points == 0 || mean > self->curve.best_mean_f1)
            {
              self->curve.best_mean_f1 = mean;
              self->curve.best_confidence = pending_score;
            }
          n_points++;
        }
      if (p == PRECIS_NO_INDEX)
        break;

      pending = TRUE;
      pending_score = dt->score[p];
      c = dt->category[p];

      if (!self->acc_seen[c])
        {
          self->acc_seen[c] = 1;
          if (self->n_gt[c] == 0)
            counted_extra++;
        }
      if (o == PRECIS_PREDICTION_TP || o == PRECIS_PREDICTION_FP)
        {
          double f1;

          if (o == PRECIS_PREDICTION_TP)
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

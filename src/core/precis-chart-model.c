/* precis-chart-model.c: the numbers a chart shows, per class and in summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "precis-chart-private.h"
#include "precis-palette.h"

G_DEFINE_FINAL_TYPE (PrecisChartModel, precis_chart_model, G_TYPE_OBJECT)

/* Frees what @c owns: every array but those it shares with @given. */
static void
free_class (PrecisChartCategory       *c,
            const PrecisChartCategory *given)
{
  static const PrecisChartCategory none = { 0 };

#define FREE_UNLESS_GIVEN(field) \
  if (c->field != given->field) \
    g_free ((gpointer) c->field)

  if (given == NULL)
    given = &none;
  g_free ((char *) c->name);
  FREE_UNLESS_GIVEN (rank_score);
  FREE_UNLESS_GIVEN (rank_tp);
  FREE_UNLESS_GIVEN (rank_recall);
  FREE_UNLESS_GIVEN (rank_precision);
  FREE_UNLESS_GIVEN (rank_envelope);
  FREE_UNLESS_GIVEN (precision_101);
  FREE_UNLESS_GIVEN (f1_score);
  FREE_UNLESS_GIVEN (f1_value);

#undef FREE_UNLESS_GIVEN
}

static void
precis_chart_model_finalize (GObject *object)
{
  PrecisChartModel *self = PRECIS_CHART_MODEL (object);

  for (guint i = 0; i < self->n_classes; i++)
    free_class (&self->classes[i], self->borrowed != NULL ? &self->borrowed[i] : NULL);
  g_free (self->classes);
  g_free (self->borrowed);
  g_clear_object (&self->active);
  g_free ((char *) self->summary.dataset);
  g_free ((char *) self->summary.model);
  g_free ((char *) self->summary.protocol);
  g_free ((char *) self->summary.iou_type);
  g_free ((char *) self->summary.selection);
  if (!self->borrowed_curve)
    {
      g_free ((double *) self->summary.f1_score);
      g_free ((double *) self->summary.f1_mean);
    }

  G_OBJECT_CLASS (precis_chart_model_parent_class)->finalize (object);
}

static void
precis_chart_model_class_init (PrecisChartModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_chart_model_finalize;
}

static void
precis_chart_model_init (PrecisChartModel *self)
{
}

static gpointer
dup_array (gconstpointer data,
           guint         n,
           gsize         size)
{
  if (data == NULL || n == 0)
    return NULL;
  return g_memdup2 (data, (gsize) n * size);
}

double
_precis_chart_recall_point (guint i)
{
  /* numpy.linspace (0, 1, 101): i × 0.01, the last one exactly 1. */
  return i == N_POINTS - 1 ? 1.0 : i * 0.01;
}

/* Fills what the caller left NULL, exactly as SEMANTICS.md §3 defines it. */
static void
complete_class (PrecisChartCategory *c,
                gboolean             derive_f1)
{
  guint n = c->n_ranks;

  if (n > 0 && c->rank_tp != NULL && (c->rank_recall == NULL || c->rank_precision == NULL))
    {
      double *recall = g_new (double, n);
      double *precision = g_new (double, n);
      guint tp = 0;

      for (guint k = 0; k < n; k++)
        {
          tp += c->rank_tp[k] ? 1 : 0;
          recall[k] = c->n_gt > 0 ? (double) tp / c->n_gt : 0.0;
          precision[k] = tp / ((double) (k + 1) + DBL_EPSILON);
        }
      g_free ((double *) c->rank_recall);
      g_free ((double *) c->rank_precision);
      c->rank_recall = recall;
      c->rank_precision = precision;
    }

  if (n > 0 && c->rank_envelope == NULL && c->rank_precision != NULL)
    {
      double *env = g_new (double, n);

      env[n - 1] = c->rank_precision[n - 1];
      for (guint k = n - 1; k > 0; k--)
        env[k - 1] = MAX (c->rank_precision[k - 1], env[k]);
      c->rank_envelope = env;
    }

  if (c->precision_101 == NULL)
    {
      double *p101 = g_new0 (double, N_POINTS);

      if (c->n_gt > 0 && c->rank_recall != NULL && c->rank_envelope != NULL)
        {
          guint k = 0;

          for (guint i = 0; i < N_POINTS; i++)
            {
              while (k < n && c->rank_recall[k] < _precis_chart_recall_point (i))
                k++;
              p101[i] = k < n ? c->rank_envelope[k] : 0.0;
            }
        }
      c->precision_101 = p101;
    }

  if (derive_f1 && c->n_f1 == 0 && n > 0 && c->rank_score != NULL && c->rank_tp != NULL)
    {
      double *score = g_new (double, n);
      double *f1 = g_new (double, n);
      guint m = 0, tp = 0;

      for (guint k = 0; k < n; k++)
        {
          tp += c->rank_tp[k] ? 1 : 0;
          if (k + 1 < n && c->rank_score[k + 1] == c->rank_score[k])
            continue;
          score[m] = c->rank_score[k];
          /* 2PR / (P + R) with P = tp / (k + 1), R = tp / n_gt. */
          f1[m] = tp > 0 && c->n_gt > 0 ? 2.0 * tp / ((double) (k + 1) + c->n_gt) : 0.0;
          m++;
        }
      g_free ((double *) c->f1_score);
      g_free ((double *) c->f1_value);
      c->n_f1 = m;
      c->f1_score = score;
      c->f1_value = f1;
    }
}

typedef struct {
  double score;
  guint  klass;
  guint  rank;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->score != rb->score)
    return ra->score > rb->score ? -1 : 1;
  if (ra->klass != rb->klass)
    return ra->klass < rb->klass ? -1 : 1;
  return ra->rank < rb->rank ? -1 : ra->rank > rb->rank;
}

/* The overall curve when the caller gives none: mean F1 over the counted classes
 * at every distinct score (a class without GT counts while it keeps a prediction). */
static void
complete_summary (PrecisChartModel *self)
{
  PrecisChartSummary *s = &self->summary;
  g_autofree Ranked *all = NULL;
  g_autofree guint *tp = NULL;
  g_autofree double *f1 = NULL;
  double *score, *mean;
  double sum = 0.0;
  guint n_counted = 0, n = 0, m = 0;

  if (s->n_f1 > 0)
    return;

  for (guint c = 0; c < self->n_classes; c++)
    if (self->classes[c].counted && self->classes[c].rank_score != NULL)
      n += self->classes[c].n_ranks;
  s->best_confidence = 0.0;
  s->best_f1 = 0.0;
  if (n == 0)
    return;

  all = g_new (Ranked, n);
  n = 0;
  for (guint c = 0; c < self->n_classes; c++)
    {
      const PrecisChartCategory *k = &self->classes[c];

      if (!k->counted)
        continue;
      if (k->n_gt > 0)
        n_counted++;
      if (k->rank_score == NULL)
        continue;
      for (guint r = 0; r < k->n_ranks; r++)
        all[n++] = (Ranked) { k->rank_score[r], c, r };
    }
  qsort (all, n, sizeof *all, compare_ranked);

  tp = g_new0 (guint, self->n_classes);
  f1 = g_new0 (double, self->n_classes);
  score = g_new (double, n);
  mean = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      const PrecisChartCategory *k = &self->classes[all[i].klass];
      guint c = all[i].klass;

      if (all[i].rank == 0 && k->n_gt == 0)
        n_counted++;
      tp[c] += k->rank_tp != NULL && k->rank_tp[all[i].rank] ? 1 : 0;
      sum -= f1[c];
      f1[c] = tp[c] > 0 && k->n_gt > 0 ? 2.0 * tp[c] / ((double) (all[i].rank + 1) + k->n_gt) : 0.0;
      sum += f1[c];
      if (i + 1 < n && all[i + 1].score == all[i].score)
        continue;
      score[m] = all[i].score;
      mean[m] = n_counted > 0 ? sum / n_counted : 0.0;
      if (mean[m] > s->best_f1)
        {
          s->best_f1 = mean[m];
          s->best_confidence = score[m];
        }
      m++;
    }
  s->n_f1 = m;
  s->f1_score = score;
  s->f1_mean = mean;
}

static void
finish_model (PrecisChartModel *self,
              gboolean          derive_curve)
{
  memset (self->mean_101, 0, sizeof self->mean_101);
  for (guint c = 0; c < self->n_classes; c++)
    {
      const PrecisChartCategory *k = &self->classes[c];

      self->n_gt += k->n_gt;
      self->n_predictions += k->n_predictions;
      self->n_ranks += k->n_ranks;
      if (!k->counted)
        continue;
      self->n_counted++;
      for (guint i = 0; i < N_POINTS; i++)
        self->mean_101[i] += k->precision_101[i];
    }
  if (self->n_counted > 0)
    for (guint i = 0; i < N_POINTS; i++)
      self->mean_101[i] /= self->n_counted;
  if (derive_curve)
    complete_summary (self);
}

static void
copy_class (PrecisChartCategory       *dst,
            const PrecisChartCategory *src,
            gboolean                   derive_f1)
{
  *dst = *src;
  dst->name = g_strdup (src->name != NULL ? src->name : "");
  dst->rank_score = dup_array (src->rank_score, src->n_ranks, sizeof (double));
  dst->rank_tp = dup_array (src->rank_tp, src->n_ranks, sizeof (guint8));
  dst->rank_recall = dup_array (src->rank_recall, src->n_ranks, sizeof (double));
  dst->rank_precision = dup_array (src->rank_precision, src->n_ranks, sizeof (double));
  dst->rank_envelope = dup_array (src->rank_envelope, src->n_ranks, sizeof (double));
  dst->precision_101 = dup_array (src->precision_101, N_POINTS, sizeof (double));
  dst->f1_score = dup_array (src->f1_score, src->n_f1, sizeof (double));
  dst->f1_value = dup_array (src->f1_value, src->n_f1, sizeof (double));
  if (dst->f1_score == NULL || dst->f1_value == NULL)
    dst->n_f1 = 0;
  complete_class (dst, derive_f1);
}

static void
copy_summary (PrecisChartSummary       *dst,
              const PrecisChartSummary *src)
{
  *dst = *src;
  dst->dataset = g_strdup (src->dataset != NULL ? src->dataset : "");
  dst->model = g_strdup (src->model != NULL ? src->model : "");
  dst->protocol = g_strdup (src->protocol != NULL ? src->protocol : "active");
  dst->iou_type = g_strdup (src->iou_type != NULL ? src->iou_type : "bbox");
  dst->selection = g_strdup (src->selection);
  dst->f1_score = dup_array (src->f1_score, src->n_f1, sizeof (double));
  dst->f1_mean = dup_array (src->f1_mean, src->n_f1, sizeof (double));
  if (dst->f1_score == NULL || dst->f1_mean == NULL)
    dst->n_f1 = 0;
}

/**
 * precis_chart_model_new:
 * @summary: what the charts describe
 * @classes: (array length=n_classes): the charted classes, in category order
 * @n_classes: the number of @classes
 *
 * Builds a chart model from plain numbers (tests, other protocols). Everything
 * is copied; missing derived arrays are computed (see #PrecisChartCategory).
 *
 * Returns: (transfer full): a new immutable model
 */
PrecisChartModel *
precis_chart_model_new (const PrecisChartSummary *summary,
                        const PrecisChartCategory   *classes,
                        guint                     n_classes)
{
  PrecisChartModel *self;

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (n_classes == 0 || classes != NULL, NULL);

  self = g_object_new (PRECIS_TYPE_CHART_MODEL, NULL);
  copy_summary (&self->summary, summary);
  self->n_classes = n_classes;
  self->classes = g_new0 (PrecisChartCategory, MAX (n_classes, 1));
  for (guint i = 0; i < n_classes; i++)
    copy_class (&self->classes[i], &classes[i], TRUE);
  finish_model (self, TRUE);

  return self;
}

static char *
describe_selection (PrecisDataset *dataset,
                    PrecisActive  *active)
{
  guint n = precis_dataset_get_n_categories (dataset);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint c = 0; c < n; c++)
    if (precis_active_get_class_selected (active, c))
      g_ptr_array_add (names, precis_dataset_get_category (dataset, c)->name);

  if (names->len == n && n > 3)
    return g_strdup_printf (_("all %u classes"), n);
  if (names->len == 0)
    return g_strdup (_("no class selected"));
  if (names->len <= 3)
    {
      g_ptr_array_add (names, NULL);
      return g_strjoinv (", ", (char **) names->pdata);
    }
  return g_strdup_printf (_("%u of %u classes"), names->len, n);
}

/**
 * precis_chart_model_new_from_active:
 * @active: a #PrecisActive
 *
 * Builds a chart model from the evaluation at @active's current parameters:
 * the counted classes (SEMANTICS.md §3) in ascending category id order, their
 * ranked sequences and F1-against-confidence curves.
 *
 * Returns: (transfer full): a new immutable model, independent of @active
 */
PrecisChartModel *
precis_chart_model_new_from_active (PrecisActive *active)
{
  return precis_chart_model_new_from_active_flags (active, PRECIS_CHART_MODEL_RANKS |
                                                           PRECIS_CHART_MODEL_F1);
}

/**
 * precis_chart_model_new_from_active_flags:
 * @active: a #PrecisActive
 * @flags: what to include, and whether to copy it
 *
 * Builds a chart model from the evaluation at @active's current parameters,
 * as precis_chart_model_new_from_active() does, with only the parts that
 * @flags name: a model for the bar charts needs the per-class numbers only
 * (O(#classes)); one for the precision-recall curve the ranks; only the
 * F1-against-confidence chart needs the F1 curves (which @active computes on
 * demand, O(#predictions)).
 *
 * With %PRECIS_CHART_MODEL_BORROW the model points into @active's buffers
 * instead of copying them (O(#classes) whatever the number of predictions)
 * and keeps a reference on @active. Such a model is valid only until the next
 * setter call on @active: the caller must drop it then. Without that flag the
 * model is independent of @active.
 *
 * Returns: (transfer full): a new model
 */
PrecisChartModel *
precis_chart_model_new_from_active_flags (PrecisActive          *active,
                                          PrecisChartModelFlags  flags)
{
  PrecisMatcher *matcher;
  PrecisDataset *dataset;
  const PrecisActiveResult *result;
  const PrecisActiveF1Curve *curve;
  g_autofree PrecisChartCategory *classes = NULL;
  g_autofree char *selection = NULL;
  PrecisChartSummary summary = { 0 };
  gboolean ranks = (flags & PRECIS_CHART_MODEL_RANKS) != 0;
  gboolean f1 = (flags & PRECIS_CHART_MODEL_F1) != 0;
  gboolean borrow = (flags & PRECIS_CHART_MODEL_BORROW) != 0;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (active), NULL);

  matcher = precis_active_get_matcher (active);
  dataset = precis_matcher_get_dataset (matcher);
  result = precis_active_evaluate (active);
  selection = describe_selection (dataset, active);

  classes = g_new0 (PrecisChartCategory, MAX (result->n_counted, 1));
  for (guint i = 0; i < result->n_counted; i++)
    {
      guint32 c = result->counted[i];
      const PrecisActiveClassResult *a = &result->classes[c];
      const PrecisCategory *cat = precis_dataset_get_category (dataset, c);
      PrecisChartCategory *k = &classes[i];

      k->name = cat->name;
      k->id = cat->id;
      k->category = c;
      k->counted = a->counted;
      k->n_gt = a->n_gt;
      k->n_predictions = a->n_predictions;
      k->tp = a->tp;
      k->fp = a->fp;
      k->fn = a->fn;
      k->ignored = a->ignored;
      k->precision = a->precision;
      k->recall = a->recall;
      k->f1 = a->f1;
      k->ap = a->ap;
      k->precision_101 = result->precision_101 + (gsize) c * N_POINTS;
      if (!ranks)
        continue;
      k->n_ranks = a->n_ranks;
      k->rank_score = result->rank_score + a->rank_start;
      k->rank_tp = result->rank_tp + a->rank_start;
      k->rank_recall = result->rank_recall + a->rank_start;
      k->rank_precision = result->rank_precision + a->rank_start;
      k->rank_envelope = result->rank_envelope + a->rank_start;
    }

  summary.dataset = precis_dataset_get_name (dataset);
  summary.model = precis_dataset_get_model_name (dataset, precis_matcher_get_model (matcher));
  summary.protocol = "active";
  summary.iou_type = precis_iou_type_to_string (precis_matcher_get_iou_type (matcher));
  summary.threshold = result->threshold;
  summary.confidence = result->confidence;
  summary.selection = selection;
  summary.n_categories = precis_dataset_get_n_categories (dataset);
  summary.map = result->map;
  summary.mar = result->mar;
  summary.mean_f1 = result->mean_f1;
  summary.tp = result->tp;
  summary.fp = result->fp;
  summary.fn = result->fn;

  /* The per-class points are copied before the curve is computed, in case
   * computing it reuses the result's buffers. */
  {
    g_autoptr(PrecisChartModel) self = g_object_new (PRECIS_TYPE_CHART_MODEL, NULL);

    copy_summary (&self->summary, &summary);
    self->n_classes = result->n_counted;
    self->classes = g_new0 (PrecisChartCategory, MAX (self->n_classes, 1));
    if (borrow)
      {
        self->active = g_object_ref (active);
        self->borrowed = g_new0 (PrecisChartCategory, MAX (self->n_classes, 1));
      }
    for (guint i = 0; i < self->n_classes; i++)
      {
        /* The curves come from the evaluator below. */
        classes[i].n_f1 = 0;
        if (borrow)
          {
            PrecisChartCategory *k = &self->classes[i];

            *k = classes[i];
            k->name = g_strdup (classes[i].name != NULL ? classes[i].name : "");
            self->borrowed[i] = *k;
            complete_class (k, FALSE);
          }
        else
          copy_class (&self->classes[i], &classes[i], FALSE);
      }

    curve = f1 ? precis_active_get_f1_curve (active) : NULL;
    if (curve != NULL)
      {
        for (guint i = 0; i < self->n_classes; i++)
          {
            PrecisChartCategory *k = &self->classes[i];
            guint32 c = k->category;
            guint start, end;

            if (c >= curve->n_classes)
              continue;
            start = curve->class_start[c];
            end = curve->class_start[c + 1];
            if (!borrow)
              {
                g_free ((double *) k->f1_score);
                g_free ((double *) k->f1_value);
              }
            k->n_f1 = end - start;
            if (borrow)
              {
                k->f1_score = end > start ? curve->class_score + start : NULL;
                k->f1_value = end > start ? curve->class_f1 + start : NULL;
                self->borrowed[i].f1_score = k->f1_score;
                self->borrowed[i].f1_value = k->f1_value;
              }
            else
              {
                k->f1_score = dup_array (curve->class_score + start, end - start, sizeof (double));
                k->f1_value = dup_array (curve->class_f1 + start, end - start, sizeof (double));
              }
            if (k->f1_score == NULL)
              k->n_f1 = 0;
          }
        if (curve->n_points > 0)
          {
            self->summary.n_f1 = curve->n_points;
            if (borrow)
              {
                self->summary.f1_score = curve->score;
                self->summary.f1_mean = curve->mean_f1;
                self->borrowed_curve = TRUE;
              }
            else
              {
                self->summary.f1_score = dup_array (curve->score, curve->n_points, sizeof (double));
                self->summary.f1_mean = dup_array (curve->mean_f1, curve->n_points, sizeof (double));
              }
            self->summary.best_confidence = curve->best_confidence;
            self->summary.best_f1 = curve->best_mean_f1;
          }
      }
    /* Without the F1 flag there is no curve, and none is derived. */
    finish_model (self, f1);

    return g_steal_pointer (&self);
  }
}

/**
 * precis_chart_model_get_n_classes:
 * @self: a #PrecisChartModel
 *
 * Returns: the number of charted classes
 */
guint
precis_chart_model_get_n_classes (PrecisChartModel *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_MODEL (self), 0);

  return self->n_classes;
}

/**
 * precis_chart_model_get_class:
 * @self: a #PrecisChartModel
 * @index: a class index, as precis_chart_hit_test() returns
 *
 * Returns: (transfer none): the class, with every derived array filled
 */
const PrecisChartCategory *
precis_chart_model_get_class (PrecisChartModel *self,
                              guint             index)
{
  g_return_val_if_fail (PRECIS_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (index < self->n_classes, NULL);

  return &self->classes[index];
}

/**
 * precis_chart_model_get_summary:
 * @self: a #PrecisChartModel
 *
 * Returns: (transfer none): the summary, with the overall F1 curve filled
 */
const PrecisChartSummary *
precis_chart_model_get_summary (PrecisChartModel *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART_MODEL (self), NULL);

  return &self->summary;
}


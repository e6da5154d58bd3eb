/* precis-chart.c: every evaluation chart, drawn onto any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "precis-chart.h"
#include "precis-palette.h"

#define N_POINTS 101

static const char * const kind_names[PRECIS_N_CHART_KINDS] = {
  "performance", "precision", "recall", "pr-curve", "outcomes", "f1-confidence",
};

/**
 * precis_chart_kind_to_string:
 * @kind: a #PrecisChartKind
 *
 * Returns: the kind's stable name, also the stem of its exported file
 *   (`performance`, `precision`, `recall`, `pr-curve`, `outcomes`, `f1-confidence`)
 */
const char *
precis_chart_kind_to_string (PrecisChartKind kind)
{
  g_return_val_if_fail (kind < PRECIS_N_CHART_KINDS, NULL);

  return kind_names[kind];
}

/**
 * precis_chart_kind_from_string:
 * @str: a name from precis_chart_kind_to_string()
 * @kind: (out): the kind
 *
 * Returns: whether @str names a kind
 */
gboolean
precis_chart_kind_from_string (const char      *str,
                               PrecisChartKind *kind)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < PRECIS_N_CHART_KINDS; i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Model                                                                     */
/* ------------------------------------------------------------------------ */

struct _PrecisChartModel
{
  GObject             parent_instance;

  PrecisChartSummary  summary;
  guint               n_classes;
  PrecisChartCategory   *classes;

  /* Borrowed models (precis_chart_model_new_from_active_flags() with
   * %PRECIS_CHART_MODEL_BORROW) point into @active's buffers: @borrowed holds
   * the classes as given, so that only what the model computed itself is freed. */
  PrecisActive       *active;
  PrecisChartCategory   *borrowed;
  gboolean            borrowed_curve;

  /* Derived. */
  double              mean_101[N_POINTS];
  guint               n_counted;
  guint               n_gt;
  guint               n_predictions;
  guint               n_ranks;
};

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

static double
recall_point (guint i)
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
              while (k < n && c->rank_recall[k] < recall_point (i))
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

/* ------------------------------------------------------------------------ */
/* Painter: text and pixel snapping                                          */
/* ------------------------------------------------------------------------ */

#define FONT_FAMILY "DejaVu Sans"
#define MARGIN 18.0
#define ROW_NATURAL 16.0
#define ROW_MIN 12.5
#define HIT_SLOP 8.0
#define REF_BAND 20.0

typedef enum {
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_BODY,
  FONT_LABEL,
  FONT_TICK,
  FONT_SMALL,
  FONT_MESSAGE,
  N_FONTS
} FontRole;

static const struct {
  double      size;
  PangoWeight weight;
  PangoStyle  style;
} font_roles[N_FONTS] = {
  [FONT_TITLE]    = { 15.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_SUBTITLE] = { 11.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_BODY]     = { 11.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_LABEL]    = { 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_TICK]     = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_SMALL]    = { 9.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_MESSAGE]  = { 13.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
};

typedef struct _HairMask HairMask;

typedef struct {
  cairo_t              *cr;
  PangoContext         *context;
  PangoFontDescription *const *fonts;
  double                scale;
  HairMask             *hair;   /* set: resampled curves go there, not to cr */
} Painter;

/* Text layouts are shaped once and kept: a slider step redraws the same class
 * names, ticks and most values, and shaping was most of a bar chart's cost.
 * One cache per thread (Pango objects are not thread-safe): a context that
 * never changes, so cached layouts stay valid, and two generations of layouts
 * (a lookup promotes from the old one; when the new one is full the old one
 * is dropped), so that the labels in use survive and memory stays bounded. */
#define TEXT_CACHE_SIZE 2048

typedef struct {
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  GHashTable           *layouts[2];   /* key → PangoLayout; [0] the newer */
  GString              *key;
} TextCache;

static void
text_cache_free (TextCache *cache)
{
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&cache->fonts[i], pango_font_description_free);
  g_clear_pointer (&cache->layouts[0], g_hash_table_unref);
  g_clear_pointer (&cache->layouts[1], g_hash_table_unref);
  g_string_free (cache->key, TRUE);
  g_clear_object (&cache->context);
  g_free (cache);
}

static GPrivate text_cache_private = G_PRIVATE_INIT ((GDestroyNotify) text_cache_free);

static TextCache *
text_cache_get (void)
{
  TextCache *cache = g_private_get (&text_cache_private);
  cairo_font_options_t *options;

  if (cache != NULL)
    return cache;

  cache = g_new0 (TextCache, 1);
  cache->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  /* No hinting and unrounded glyph positions: the same layout at every scale,
   * so a chart at scale 2 is the scale-1 chart with sharper edges, and golden
   * images do not depend on the screen. Hence also one layout serves every
   * cairo_t: the context's matrix stays the identity (cairo applies the
   * transformation when it draws the glyphs). */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (cache->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (cache->context, FALSE);

  for (guint i = 0; i < N_FONTS; i++)
    {
      cache->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family_static (cache->fonts[i], FONT_FAMILY);
      pango_font_description_set_absolute_size (cache->fonts[i], font_roles[i].size * PANGO_SCALE);
      pango_font_description_set_weight (cache->fonts[i], font_roles[i].weight);
      pango_font_description_set_style (cache->fonts[i], font_roles[i].style);
    }
  for (guint i = 0; i < 2; i++)
    cache->layouts[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  cache->key = g_string_new (NULL);

  g_private_set (&text_cache_private, cache);
  return cache;
}

static void
painter_init (Painter *p,
              cairo_t *cr,
              double   scale)
{
  TextCache *cache = text_cache_get ();

  p->cr = cr;
  p->scale = scale > 0 ? scale : 1.0;
  p->context = cache->context;
  p->fonts = (PangoFontDescription *const *) cache->fonts;
}

static void
painter_clear (Painter *p)
{
  p->context = NULL;
  p->fonts = NULL;
}

/* A layout of its own, which the caller may change. */
static PangoLayout *
text_new_uncached (Painter    *p,
                   FontRole    role,
                   const char *text,
                   gboolean    markup,
                   double      max_width)
{
  PangoLayout *layout = pango_layout_new (p->context);

  pango_layout_set_font_description (layout, p->fonts[role]);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

/* A shared layout: the caller must not change it. */
static PangoLayout *
text_new (Painter    *p,
          FontRole    role,
          const char *text,
          gboolean    markup,
          double      max_width)
{
  TextCache *cache = text_cache_get ();
  int width = max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1;
  PangoLayout *layout;

  g_string_printf (cache->key, "%d %d %d %s", role, markup, width, text);
  layout = g_hash_table_lookup (cache->layouts[0], cache->key->str);
  if (layout != NULL)
    return g_object_ref (layout);

  layout = g_hash_table_lookup (cache->layouts[1], cache->key->str);
  if (layout != NULL)
    g_object_ref (layout);
  else
    layout = text_new_uncached (p, role, text, markup, max_width);

  if (g_hash_table_size (cache->layouts[0]) >= TEXT_CACHE_SIZE)
    {
      GHashTable *old = cache->layouts[1];

      cache->layouts[1] = cache->layouts[0];
      cache->layouts[0] = old;
      g_hash_table_remove_all (old);
    }
  g_hash_table_insert (cache->layouts[0], g_strdup (cache->key->str), g_object_ref (layout));
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = logical.width / (double) PANGO_SCALE;
  if (height)
    *height = logical.height / (double) PANGO_SCALE;
}

static double
text_width (Painter    *p,
            FontRole    role,
            const char *text)
{
  g_autoptr(PangoLayout) layout = text_new (p, role, text, FALSE, -1);
  double w;

  text_size (layout, &w, NULL);
  return w;
}

/* Draws @layout with its logical box anchored at (@x, @y): @ax, @ay are the
 * anchor's fraction of the box (0 = left/top, 0.5 = centre, 1 = right/bottom). */
static void
text_draw (Painter     *p,
           PangoLayout *layout,
           double       x,
           double       y,
           double       ax,
           double       ay)
{
  double w, h;

  text_size (layout, &w, &h);
  cairo_move_to (p->cr, x - ax * w, y - ay * h);
  pango_cairo_show_layout (p->cr, layout);
}

static void
text_show (Painter           *p,
           FontRole           role,
           PrecisPaletteRole  color,
           const char        *text,
           double             x,
           double             y,
           double             ax,
           double             ay)
{
  g_autoptr(PangoLayout) layout = text_new (p, role, text, FALSE, -1);

  precis_palette_set_role (p->cr, color, 1.0);
  text_draw (p, layout, x, y, ax, ay);
}

/* A coordinate on the device pixel grid. */
static double
snap (Painter *p,
      double   v)
{
  return round (v * p->scale) / p->scale;
}

/* The centre of a crisp line @width logical pixels wide near @v. */
static double
snap_line (Painter *p,
           double   v,
           double   width)
{
  double w = MAX (1.0, round (width * p->scale));

  return (round (v * p->scale - w / 2) + w / 2) / p->scale;
}

static void
hline (Painter *p,
       double   x0,
       double   x1,
       double   y,
       double   width)
{
  y = snap_line (p, y, width);
  cairo_move_to (p->cr, snap (p, x0), y);
  cairo_line_to (p->cr, snap (p, x1), y);
  cairo_set_line_width (p->cr, MAX (1.0, round (width * p->scale)) / p->scale);
  cairo_stroke (p->cr);
}

static void
vline (Painter *p,
       double   x,
       double   y0,
       double   y1,
       double   width)
{
  x = snap_line (p, x, width);
  cairo_move_to (p->cr, x, snap (p, y0));
  cairo_line_to (p->cr, x, snap (p, y1));
  cairo_set_line_width (p->cr, MAX (1.0, round (width * p->scale)) / p->scale);
  cairo_stroke (p->cr);
}

static void
rect_fill (Painter *p,
           double   x0,
           double   y0,
           double   x1,
           double   y1)
{
  double sx0 = snap (p, x0), sx1 = snap (p, x1);

  /* A non-zero value never disappears: at least one device pixel. */
  if (x1 > x0 && sx1 <= sx0)
    sx1 = sx0 + 1.0 / p->scale;
  cairo_rectangle (p->cr, sx0, snap (p, y0), sx1 - sx0, snap (p, y1) - snap (p, y0));
  cairo_fill (p->cr);
}

static void
round_rect (cairo_t *cr,
            double   x,
            double   y,
            double   w,
            double   h,
            double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* ------------------------------------------------------------------------ */
/* Ticks                                                                     */
/* ------------------------------------------------------------------------ */

typedef struct {
  double max;
  double step;
  guint  n;
  int    decimals;
} Ticks;

/* Round-number ticks (1, 2, 5 × 10^k) from 0 to at least @max, with at most
 * @max_ticks intervals. @unit_max: the axis is a fraction and ends at 1. */
static void
ticks_compute (Ticks   *t,
               double   max,
               guint    max_ticks,
               gboolean integer)
{
  static const double mantissa[] = { 1, 2, 2.5, 5, 10 };
  double magnitude, raw;

  max_ticks = MAX (max_ticks, 1);
  if (!(max > 0))
    max = integer ? 1 : 1.0;
  raw = max / max_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  t->step = magnitude * 10;
  for (guint i = 0; i < G_N_ELEMENTS (mantissa); i++)
    if (mantissa[i] * magnitude >= raw * (1 - 1e-9))
      {
        t->step = mantissa[i] * magnitude;
        break;
      }
  if (integer && t->step < 1)
    t->step = 1;
  if (integer && fmod (t->step, 1.0) != 0)
    t->step = ceil (t->step);
  t->n = (guint) ceil (max / t->step - 1e-9);
  t->max = t->n * t->step;
  t->decimals = 0;
  for (double s = t->step; s < 1 - 1e-9 && t->decimals < 6; s *= 10)
    t->decimals++;
  if (fabs (t->step / pow (10, -t->decimals) - round (t->step / pow (10, -t->decimals))) > 1e-6)
    t->decimals++;
}

static char *
ticks_label (const Ticks *t,
             guint        i)
{
  double v = i * t->step;

  if (v == 0)
    return g_strdup ("0");
  if (t->decimals == 0 && v >= 10000)
    return g_strdup_printf ("%.0fk", v / 1000);
  return g_strdup_printf ("%.*f", t->decimals, v);
}

/* ------------------------------------------------------------------------ */
/* Chart                                                                     */
/* ------------------------------------------------------------------------ */

typedef struct {
  double x, y, width, height;
} Box;

/* One drawn row of a bar chart. */
typedef struct {
  guint  klass;       /* class index, or G_MAXUINT for the summary row */
  double y0, y1;      /* the bar */
  double value;       /* what the bar shows */
  double seg[3];      /* outcomes: TP, FN, FP */
} Row;

struct _PrecisChart
{
  GObject           parent_instance;

  PrecisChartModel *model;
  PrecisChartKind   kind;

  /* Geometry of the last render, for hit testing. */
  gboolean          have_geometry;
  Box               plot;
  double            x_max;
  double            y_max;
  GArray           *rows;
  gboolean          curves_hit;     /* line charts: per-class curves are drawn */
  /* The subtitle took a second line: everything below moves down by this. */
  double            header_extra;
};

G_DEFINE_FINAL_TYPE (PrecisChart, precis_chart, G_TYPE_OBJECT)

static void
precis_chart_finalize (GObject *object)
{
  PrecisChart *self = PRECIS_CHART (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (precis_chart_parent_class)->finalize (object);
}

static void
precis_chart_class_init (PrecisChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_chart_finalize;
}

static void
precis_chart_init (PrecisChart *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
}

/**
 * precis_chart_new:
 * @model: a #PrecisChartModel
 * @kind: which chart
 *
 * Returns: (transfer full): a chart of @model
 */
PrecisChart *
precis_chart_new (PrecisChartModel *model,
                  PrecisChartKind   kind)
{
  PrecisChart *self;

  g_return_val_if_fail (PRECIS_IS_CHART_MODEL (model), NULL);
  g_return_val_if_fail (kind < PRECIS_N_CHART_KINDS, NULL);

  self = g_object_new (PRECIS_TYPE_CHART, NULL);
  self->model = g_object_ref (model);
  self->kind = kind;

  return self;
}

/**
 * precis_chart_get_model:
 * @self: a #PrecisChart
 *
 * Returns: (transfer none): the model
 */
PrecisChartModel *
precis_chart_get_model (PrecisChart *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  return self->model;
}

/**
 * precis_chart_get_kind:
 * @self: a #PrecisChart
 *
 * Returns: the kind of chart
 */
PrecisChartKind
precis_chart_get_kind (PrecisChart *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), PRECIS_CHART_PERFORMANCE);

  return self->kind;
}

static gboolean
is_bar_chart (PrecisChartKind kind)
{
  return kind == PRECIS_CHART_PERFORMANCE || kind == PRECIS_CHART_PRECISION ||
         kind == PRECIS_CHART_RECALL || kind == PRECIS_CHART_OUTCOMES;
}

/**
 * precis_chart_dup_title:
 * @self: a #PrecisChart
 *
 * Returns: (transfer full): the chart's title, e.g. “Average precision per class”
 */
char *
precis_chart_dup_title (PrecisChart *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return g_strdup (_("Average precision per class"));
    case PRECIS_CHART_PRECISION:
      return g_strdup (_("Precision per class"));
    case PRECIS_CHART_RECALL:
      return g_strdup (_("Recall per class"));
    case PRECIS_CHART_PR_CURVE:
      return g_strdup (_("Precision–recall curves"));
    case PRECIS_CHART_OUTCOMES:
      return g_strdup (_("Outcomes per class"));
    case PRECIS_CHART_F1_CONFIDENCE:
      return g_strdup (_("F1 against confidence threshold"));
    case PRECIS_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static char *
format_threshold (double t)
{
  return g_strdup_printf ("%.2f", t);
}

static char *
describe_classes (PrecisChartModel *model)
{
  const PrecisChartSummary *s = &model->summary;

  if (s->selection != NULL && s->selection[0] != '\0')
    return g_strdup (s->selection);
  if (model->n_classes == 1)
    return g_strdup (model->classes[0].name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u class", "%u classes", model->n_classes),
                          model->n_classes);
}

/**
 * precis_chart_dup_subtitle:
 * @self: a #PrecisChart
 *
 * Returns: (transfer full): dataset · model · protocol · IoU threshold · classes
 */
char *
precis_chart_dup_subtitle (PrecisChart *self)
{
  const PrecisChartSummary *s;
  g_autofree char *t = NULL;
  g_autofree char *classes = NULL;

  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  s = &self->model->summary;
  t = format_threshold (s->threshold);
  classes = describe_classes (self->model);

  if (s->confidence > 0)
    /* Translators: dataset · model · protocol · shape IoU ≥ threshold · score ≥ s · classes */
    return g_strdup_printf (_("%s · model %s · protocol %s · %s IoU ≥ %s · score ≥ %.2f · %s"),
                            s->dataset, s->model, s->protocol, s->iou_type, t, s->confidence, classes);

  /* Translators: dataset · model · protocol · shape IoU ≥ threshold · classes */
  return g_strdup_printf (_("%s · model %s · protocol %s · %s IoU ≥ %s · %s"),
                          s->dataset, s->model, s->protocol, s->iou_type, t, classes);
}

/* The line under the subtitle, Pango markup. */
static char *
dup_caption (PrecisChart *self)
{
  PrecisChartModel *m = self->model;
  const PrecisChartSummary *s = &m->summary;
  g_autofree char *t = format_threshold (s->threshold);
  g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u class", "%u classes", m->n_counted),
                                        m->n_counted);

  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return g_markup_printf_escaped (_("mAP@%s <b>%.3f</b>   mAR@%s <b>%.3f</b>   mean F1 <b>%.3f</b>   over %s"),
                                      t, s->map, t, s->mar, s->mean_f1, n);
    case PRECIS_CHART_PRECISION:
      {
        double sum = 0;

        for (guint c = 0; c < m->n_classes; c++)
          if (m->classes[c].counted)
            sum += m->classes[c].precision;
        return g_markup_printf_escaped (_("mean precision <b>%.3f</b>   TP <b>%u</b>   FP <b>%u</b>   over %s"),
                                        m->n_counted ? sum / m->n_counted : 0.0, s->tp, s->fp, n);
      }
    case PRECIS_CHART_RECALL:
      return g_markup_printf_escaped (_("mAR@%s <b>%.3f</b>   TP <b>%u</b>   FN <b>%u</b>   over %s"),
                                      t, s->mar, s->tp, s->fn, n);
    case PRECIS_CHART_PR_CURVE:
      return g_markup_printf_escaped (_("mAP@%s <b>%.3f</b> (area under the mean curve)   %s"),
                                      t, s->map, n);
    case PRECIS_CHART_OUTCOMES:
      return NULL;  /* the legend takes its place */
    case PRECIS_CHART_F1_CONFIDENCE:
      if (s->n_f1 == 0)
        return g_markup_printf_escaped (_("mean F1 <b>%.3f</b>"), s->mean_f1);
      return g_markup_printf_escaped (_("best mean F1 <b>%.3f</b> at confidence ≥ <b>%.2f</b>   (evaluated: mean F1 %.3f)"),
                                      s->best_f1, s->best_confidence, s->mean_f1);
    case PRECIS_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* Height of title, subtitle and caption; the same for every chart kind so that
 * charts side by side line up. */
#define HEADER_HEIGHT (MARGIN + 19 + 4 + 15 + 6 + 15 + 14)

static void
draw_header (PrecisChart *self,
             Painter     *p,
             double       width)
{
  g_autofree char *title = precis_chart_dup_title (self);
  g_autofree char *subtitle = precis_chart_dup_subtitle (self);
  g_autofree char *caption = dup_caption (self);
  double avail = width - 2 * MARGIN;
  double y = MARGIN;

  {
    g_autoptr(PangoLayout) l = text_new (p, FONT_TITLE, title, FALSE, avail);

    precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
    text_draw (p, l, MARGIN, y, 0, 0);
    y += 19 + 4;
  }
  self->header_extra = 0;
  precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT_DIM, 1.0);
  if (text_width (p, FONT_SUBTITLE, subtitle) <= avail)
    {
      g_autoptr(PangoLayout) l = text_new (p, FONT_SUBTITLE, subtitle, FALSE, avail);

      text_draw (p, l, MARGIN, y, 0, 0);
      y += 15 + 6;
    }
  else
    {
      /* Too long for one line (a chart card is ~480 px): two lines, broken
       * after the last “ · ” that lets the first line fit, so that dataset,
       * model, protocol, IoU and classes all stay readable; only what the
       * second line cannot hold is ellipsized. */
      const char *sep = " · ";
      const char *brk = NULL;
      g_autofree char *first = NULL;
      g_autoptr(PangoLayout) l1 = NULL;
      g_autoptr(PangoLayout) l2 = NULL;

      for (const char *q = strstr (subtitle, sep); q != NULL; q = strstr (q + 1, sep))
        {
          g_autofree char *prefix = g_strndup (subtitle, q - subtitle);

          if (brk != NULL && text_width (p, FONT_SUBTITLE, prefix) > avail)
            break;
          brk = q;
        }

      if (brk == NULL)
        {
          l1 = text_new (p, FONT_SUBTITLE, subtitle, FALSE, avail);
          text_draw (p, l1, MARGIN, y, 0, 0);
        }
      else
        {
          first = g_strndup (subtitle, brk - subtitle);
          l1 = text_new (p, FONT_SUBTITLE, first, FALSE, avail);
          l2 = text_new (p, FONT_SUBTITLE, brk + strlen (sep), FALSE, avail);
          text_draw (p, l1, MARGIN, y, 0, 0);
          text_draw (p, l2, MARGIN, y + 15, 0, 0);
          self->header_extra = 15;
        }
      y += 15 + 6 + self->header_extra;
    }
  if (caption != NULL)
    {
      g_autoptr(PangoLayout) l = text_new (p, FONT_BODY, caption, TRUE, avail);

      precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
      text_draw (p, l, MARGIN, y, 0, 0);
    }
  else if (self->kind == PRECIS_CHART_OUTCOMES)
    {
      const PrecisChartSummary *s = &self->model->summary;
      static const PrecisPaletteRole roles[] = { PRECIS_PALETTE_TP, PRECIS_PALETTE_FN, PRECIS_PALETTE_FP };
      guint counts[] = { s->tp, s->fn, s->fp };
      const char *names[] = { _("true positive"), _("false negative"), _("false positive") };
      double x = MARGIN;

      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *markup = g_markup_printf_escaped ("%s <b>%u</b>", names[i], counts[i]);
          g_autoptr(PangoLayout) l = text_new (p, FONT_BODY, markup, TRUE, -1);
          double w, h;

          text_size (l, &w, &h);
          precis_palette_set_role (p->cr, roles[i], 1.0);
          cairo_rectangle (p->cr, snap (p, x), snap (p, y + h / 2 - 5), 10, 10);
          cairo_fill (p->cr);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
          text_draw (p, l, x + 15, y, 0, 0);
          x += 15 + w + 18;
        }
    }
}

/* A designed empty state: a sentence and an explanation centred in @box. */
static void
draw_message (Painter    *p,
              const Box  *box,
              const char *message,
              const char *detail)
{
  g_autoptr(PangoLayout) title = text_new_uncached (p, FONT_MESSAGE, message, FALSE, -1);
  g_autoptr(PangoLayout) body = text_new_uncached (p, FONT_BODY, detail, FALSE, -1);
  double cx = box->x + box->width / 2, cy = box->y + box->height / 2;
  double tw, th, bw, bh;

  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  pango_layout_set_alignment (body, PANGO_ALIGN_CENTER);
  pango_layout_set_width (body, (int) (MAX (box->width - 40, 100) * PANGO_SCALE));
  pango_layout_set_wrap (body, PANGO_WRAP_WORD);
  text_size (title, &tw, &th);
  text_size (body, &bw, &bh);

  precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.92);
  round_rect (p->cr, cx - MAX (tw, bw) / 2 - 16, cy - (th + bh + 6) / 2 - 12,
              MAX (tw, bw) + 32, th + bh + 6 + 24, 8);
  cairo_fill (p->cr);

  precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
  text_draw (p, title, cx, cy - (th + bh + 6) / 2, 0.5, 0);
  precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT_DIM, 1.0);
  text_draw (p, body, cx, cy - (th + bh + 6) / 2 + th + 6, 0.5, 0);
}

/* ------------------------------------------------------------------------ */
/* Bar charts                                                                */
/* ------------------------------------------------------------------------ */

static double
bar_value (PrecisChart            *self,
           const PrecisChartCategory *c)
{
  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return c->ap;
    case PRECIS_CHART_PRECISION:
      return c->precision;
    case PRECIS_CHART_RECALL:
      return c->recall;
    case PRECIS_CHART_OUTCOMES:
      return (double) c->tp + c->fn + c->fp;
    case PRECIS_CHART_PR_CURVE:
    case PRECIS_CHART_F1_CONFIDENCE:
    case PRECIS_N_CHART_KINDS:
    default:
      return 0;
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  PrecisChart *self = user_data;
  const PrecisChartCategory *ca = &self->model->classes[*(const guint *) a];
  const PrecisChartCategory *cb = &self->model->classes[*(const guint *) b];
  double va = bar_value (self, ca), vb = bar_value (self, cb);
  int cmp;

  if (va != vb)
    return va > vb ? -1 : 1;
  cmp = g_utf8_collate (ca->name, cb->name);
  if (cmp != 0)
    return cmp;
  return ca->id < cb->id ? -1 : ca->id > cb->id;
}

static const char *
axis_title (PrecisChart *self,
            char       **owned)
{
  g_autofree char *t = format_threshold (self->model->summary.threshold);

  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return *owned = g_strdup_printf (_("AP@%s (101-point interpolated)"), t);
    case PRECIS_CHART_PRECISION:
      return *owned = g_strdup_printf (_("Precision at IoU ≥ %s"), t);
    case PRECIS_CHART_RECALL:
      return *owned = g_strdup_printf (_("Recall at IoU ≥ %s"), t);
    case PRECIS_CHART_OUTCOMES:
      return *owned = g_strdup (_("Objects (TP + FN = ground truth; FP = extra predictions)"));
    case PRECIS_CHART_PR_CURVE:
    case PRECIS_CHART_F1_CONFIDENCE:
    case PRECIS_N_CHART_KINDS:
    default:
      return *owned = g_strdup ("");
    }
}

/* Why a class's bar is 0 by definition rather than by performance. */
static const char *
bar_note (PrecisChart            *self,
          const PrecisChartCategory *c)
{
  if (self->kind == PRECIS_CHART_OUTCOMES)
    return NULL;
  if (c->n_gt == 0 && self->kind != PRECIS_CHART_PRECISION)
    return _("no ground truth");
  if (c->tp + c->fp == 0 && self->kind != PRECIS_CHART_RECALL)
    return _("no predictions");
  return NULL;
}

static double
bars_natural_height (PrecisChartModel *model)
{
  guint n = MAX (model->n_classes, 3);

  return HEADER_HEIGHT + 8 + REF_BAND + n * ROW_NATURAL + 10 + 44 + (n > 30 ? 18 : 0) + MARGIN;
}

static void
draw_bars (PrecisChart *self,
           Painter     *p,
           double       width,
           double       height)
{
  PrecisChartModel *m = self->model;
  gboolean outcomes = self->kind == PRECIS_CHART_OUTCOMES;
  g_autofree guint *order = g_new (guint, MAX (m->n_classes, 1));
  g_autofree char *axis_owned = NULL;
  const char *axis = axis_title (self, &axis_owned);
  double label_w = 0, value_w, plot_top, plot_bottom, row_h, bar_h;
  guint n = m->n_classes, n_rows, n_top, n_hidden = 0;
  gboolean ticks_on_top;
  Ticks ticks;
  Box plot;
  double ref = -1;
  const char *ref_name = NULL;
  g_autoptr(GPtrArray) value_texts = NULL;
  gboolean show_message;

  g_array_set_size (self->rows, 0);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_rows, self);

  /* Rows: every class when they fit at ROW_MIN, else the best and the worst
   * with the middle summarised in one row. */
  plot_top = HEADER_HEIGHT + self->header_extra + 8;
  plot_bottom = height - MARGIN - 44;
  n_rows = MAX (n, 1);
  ticks_on_top = n > 30;
  if (ticks_on_top)
    plot_top += 18;
  if (!outcomes)
    plot_top += REF_BAND;
  if ((plot_bottom - plot_top) / n_rows < ROW_MIN && n > 1)
    {
      guint fit = MAX (1, (guint) floor ((plot_bottom - plot_top) / ROW_MIN));

      if (fit < n)
        {
          n_rows = fit;
          n_hidden = n - (fit - 1);
        }
    }
  /* With a summary row: the best classes above it, the worst below. */
  n_top = n_hidden > 0 ? n_rows / 2 : n;
  row_h = (plot_bottom - plot_top) / MAX (n_rows, 3);
  if (n_rows < 3)
    {
      /* One or two classes: keep bars bar-shaped, centred. */
      plot_top += (plot_bottom - plot_top - n_rows * row_h) / 2;
      plot_bottom = plot_top + n_rows * row_h;
    }
  else
    row_h = (plot_bottom - plot_top) / n_rows;
  bar_h = MIN (row_h * 0.72, 24);

  /* Label column: the longest name, at most a third of the width. */
  for (guint i = 0; i < n; i++)
    label_w = MAX (label_w, text_width (p, FONT_LABEL, m->classes[i].name));
  if (n_hidden > 0)
    {
      g_autofree char *s = g_strdup_printf (_("%u more classes"), n_hidden);

      label_w = MAX (label_w, text_width (p, FONT_LABEL, s));
    }
  label_w = MIN (ceil (label_w) + 1, MAX (60, width * 0.3));
  value_w = outcomes ? 8 : text_width (p, FONT_TICK, "0.00 · no ground truth") + 10;
  if (!outcomes)
    {
      gboolean any_note = FALSE;

      for (guint i = 0; i < n && !any_note; i++)
        any_note = bar_note (self, &m->classes[i]) != NULL;
      if (!any_note)
        value_w = text_width (p, FONT_TICK, "0.00") + 10;
    }
  if (n_hidden > 0)
    value_w = MAX (value_w, text_width (p, FONT_TICK, outcomes ? "mean 0000" : "0.00–0.00, mean 0.00") + 10);

  plot.x = MARGIN + label_w + 10;
  plot.y = plot_top;
  plot.width = MAX (40, width - MARGIN - value_w - plot.x);
  plot.height = plot_bottom - plot_top;

  if (outcomes)
    {
      double max = 0;

      for (guint i = 0; i < n; i++)
        max = MAX (max, bar_value (self, &m->classes[i]));
      ticks_compute (&ticks, max, MAX (2, (guint) (plot.width / 70)), TRUE);
    }
  else
    {
      ticks_compute (&ticks, 1.0, plot.width >= 480 ? 10 : 5, FALSE);
      if (self->kind == PRECIS_CHART_PERFORMANCE)
        ref = m->summary.map, ref_name = "mAP";
      else if (self->kind == PRECIS_CHART_RECALL)
        ref = m->summary.mar, ref_name = "mAR";
      else
        {
          double sum = 0;

          for (guint c = 0; c < n; c++)
            if (m->classes[c].counted)
              sum += m->classes[c].precision;
          ref = m->n_counted ? sum / m->n_counted : 0;
          ref_name = _("mean");
        }
      if (m->n_counted == 0)
        ref = -1;
    }

  self->plot = plot;
  self->x_max = ticks.max;

  /* Grid and tick labels. */
  for (guint i = 0; i <= ticks.n; i++)
    {
      double x = plot.x + plot.width * i / ticks.n;
      g_autofree char *label = ticks_label (&ticks, i);

      precis_palette_set_role (p->cr, i == 0 ? PRECIS_PALETTE_AXIS : PRECIS_PALETTE_GRID, 1.0);
      vline (p, x, plot.y - 4, plot.y + plot.height + 4, 1);
      text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, x, plot.y + plot.height + 6, 0.5, 0);
      if (ticks_on_top)
        text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, x, plot.y - 6, 0.5, 1);
    }
  text_show (p, FONT_BODY, PRECIS_PALETTE_TEXT, axis, plot.x + plot.width / 2,
             plot.y + plot.height + 24, 0.5, 0);

  if (n == 0)
    {
      draw_message (p, &plot, _("Nothing to show"),
                    _("The selected classes have no ground truth and no predictions in this subset."));
      self->have_geometry = TRUE;
      return;
    }

  /* Rows. */
  value_texts = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < n_rows; r++)
    {
      Row row = { 0 };
      double cy = plot.y + (r + 0.5) * row_h;
      g_autofree char *value_text = NULL;
      const char *name;
      const char *note = NULL;
      gboolean summary = n_hidden > 0 && r == n_top;
      g_autofree char *summary_name = NULL;

      row.y0 = cy - bar_h / 2;
      row.y1 = cy + bar_h / 2;

      if (summary)
        {
          double sum = 0, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

          for (guint i = n_top; i < n_top + n_hidden; i++)
            {
              double v = bar_value (self, &m->classes[order[i]]);

              sum += v;
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          row.klass = G_MAXUINT;
          row.value = sum / n_hidden;
          summary_name = g_strdup_printf (_("%u more classes"), n_hidden);
          name = summary_name;
          value_text = outcomes ? g_strdup_printf (_("mean %.0f"), row.value)
                                : g_strdup_printf (_("%.2f–%.2f, mean %.2f"), lo, hi, row.value);
        }
      else
        {
          guint idx = order[r < n_top ? r : r - 1 + n_hidden];
          const PrecisChartCategory *c = &m->classes[idx];

          row.klass = idx;
          row.value = bar_value (self, c);
          row.seg[0] = c->tp;
          row.seg[1] = c->fn;
          row.seg[2] = c->fp;
          name = c->name;
          note = bar_note (self, c);
          if (!outcomes)
            value_text = note != NULL ? g_strdup_printf ("%.2f · %s", row.value, note)
                                      : g_strdup_printf ("%.2f", row.value);
        }
      g_array_append_val (self->rows, row);

      /* Label. */
      {
        g_autoptr(PangoLayout) l = text_new (p, FONT_LABEL, name, FALSE, label_w);

        precis_palette_set_role (p->cr, summary ? PRECIS_PALETTE_TEXT_DIM : PRECIS_PALETTE_TEXT, 1.0);
        text_draw (p, l, plot.x - 8, cy, 1, 0.5);
      }

      if (summary)
        {
          double dash[] = { 2, 2 };

          precis_palette_set_role (p->cr, outcomes ? PRECIS_PALETTE_IGNORED : PRECIS_PALETTE_ACCENT, 0.35);
          rect_fill (p, plot.x, row.y0 + bar_h * 0.25, plot.x + plot.width * row.value / ticks.max,
                     row.y1 - bar_h * 0.25);
          cairo_save (p->cr);
          cairo_set_dash (p->cr, dash, 2, 0);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_GRID, 1.0);
          hline (p, plot.x, plot.x + plot.width, row.y0 - (row_h - bar_h) / 2 + 0.5, 1);
          hline (p, plot.x, plot.x + plot.width, row.y1 + (row_h - bar_h) / 2 - 0.5, 1);
          cairo_restore (p->cr);
        }
      else if (outcomes)
        {
          static const PrecisPaletteRole roles[] = { PRECIS_PALETTE_TP, PRECIS_PALETTE_FN, PRECIS_PALETTE_FP };
          static const PrecisPaletteRole ink[] = { PRECIS_PALETTE_BACKGROUND, PRECIS_PALETTE_TEXT, PRECIS_PALETTE_BACKGROUND };
          double x = plot.x;

          for (guint k = 0; k < 3; k++)
            {
              double w = plot.width * row.seg[k] / ticks.max;

              if (row.seg[k] <= 0)
                continue;
              precis_palette_set_role (p->cr, roles[k], 1.0);
              rect_fill (p, x, row.y0, x + w, row.y1);
              if (bar_h >= 10)
                {
                  g_autofree char *count = g_strdup_printf ("%.0f", row.seg[k]);
                  g_autoptr(PangoLayout) l = text_new (p, FONT_SMALL, count, FALSE, -1);
                  double tw;

                  text_size (l, &tw, NULL);
                  if (tw + 6 <= w)
                    {
                      precis_palette_set_role (p->cr, ink[k], 1.0);
                      text_draw (p, l, x + w / 2, cy, 0.5, 0.5);
                    }
                }
              x += w;
            }
        }
      else
        {
          double x1 = plot.x + plot.width * row.value / ticks.max;

          precis_palette_set_role (p->cr, PRECIS_PALETTE_ACCENT, note != NULL ? 0.45 : 1.0);
          rect_fill (p, plot.x, row.y0, x1, row.y1);
        }

      g_ptr_array_add (value_texts, g_steal_pointer (&value_text));
    }

  /* The reference line over the bars, labelled at the top. */
  if (ref >= 0)
    {
      double x = plot.x + plot.width * ref / ticks.max;
      double dash[] = { 4, 3 };
      g_autofree char *label = g_strdup_printf ("%s %.3f", ref_name, ref);
      g_autoptr(PangoLayout) l = text_new (p, FONT_SMALL, label, FALSE, -1);
      double tw, th, lx, ly;

      cairo_save (p->cr);
      cairo_set_dash (p->cr, dash, 2, 0);
      precis_palette_set_role (p->cr, PRECIS_PALETTE_MEAN, 0.85);
      vline (p, x, plot.y - (ticks_on_top ? 4 : 6), plot.y + plot.height + 4, 1.5);
      cairo_restore (p->cr);

      /* The label sits in its own band above the plot (and above the top
       * tick labels), centred on the line, so it never covers a bar. */
      text_size (l, &tw, &th);
      lx = CLAMP (x - (tw + 8) / 2, plot.x - 4, plot.x + plot.width + 4 - (tw + 8));
      ly = plot.y - (ticks_on_top ? 18 : 0) - REF_BAND + 2;
      precis_palette_set_role (p->cr, PRECIS_PALETTE_MEAN, 1.0);
      round_rect (p->cr, lx, ly, tw + 8, th + 3, 4);
      cairo_fill (p->cr);
      precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 1.0);
      text_draw (p, l, lx + 4, ly + 1.5, 0, 0);
    }

  show_message = !outcomes && (m->n_predictions == 0 || (m->n_gt == 0 && self->kind != PRECIS_CHART_PRECISION));

  /* Value labels last, over the reference line (none under a message). */
  for (guint r = 0; r < self->rows->len && !show_message; r++)
    {
      const char *value_text = g_ptr_array_index (value_texts, r);
      const Row *row = &g_array_index (self->rows, Row, r);
      double cy = (row->y0 + row->y1) / 2;
      gboolean summary = row->klass == G_MAXUINT;

      if (value_text != NULL && row_h >= 10)
        {
          g_autoptr(PangoLayout) l = text_new (p, FONT_TICK, value_text, FALSE, -1);
          double x1 = plot.x + plot.width * row->value / ticks.max;
          double tw, th;

          text_size (l, &tw, &th);
          /* Inside only a solid bar long enough to hold the text. */
          if (x1 + 4 + tw > width - 4 && (summary || x1 - plot.x < tw + 8))
            x1 = width - 8 - tw;
          if (x1 + 4 + tw <= width - 4)
            {
              /* Knock out the reference line behind the text. */
              precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.9);
              cairo_rectangle (p->cr, x1 + 2, cy - th / 2, tw + 4, th);
              cairo_fill (p->cr);
            }
          precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT_DIM, 1.0);
          if (x1 + 4 + tw > width - 4)
            {
              /* No room after the bar: write inside it. */
              precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 1.0);
              text_draw (p, l, x1 - 4, cy, 1, 0.5);
            }
          else
            text_draw (p, l, x1 + 4, cy, 0, 0.5);
        }
    }

  if (show_message)
    {
      if (m->n_predictions == 0)
        draw_message (p, &plot, _("No predictions"),
                      _("The model made no prediction for these classes: every ground-truth object is a false negative."));
      else
        draw_message (p, &plot, _("No ground truth"),
                      _("These classes have no ground-truth objects, so recall and AP are 0 by definition."));
    }

  self->have_geometry = TRUE;
}

/* ------------------------------------------------------------------------ */
/* Line charts: precision-recall and F1 against confidence                    */
/* ------------------------------------------------------------------------ */

/* With more classes than class colours, every class is a thin grey line and
 * only the mean stands out: a legend of 80 colours would be unreadable. */
#define MAX_COLORED_CLASSES 8

typedef struct {
  const char       *name;
  char             *value;
  const PrecisRgba *color;
  double            alpha;
  double            line_width;
  gboolean          marker;
} LegendEntry;

static void
legend_entry_clear (LegendEntry *e)
{
  g_free (e->value);
}

/* Draws long polylines at the cost of short ones: the points that fall in one
 * device-pixel column collapse to the column's first, lowest, highest and last
 * y, which draws the same pixels. 500 000 ranks cost a few thousand segments. */
typedef struct {
  Painter *p;
  double   column;
  double   lx;
  double   first, lo, hi, last;
} Path;

static void
path_flush (Path *path)
{
  if (path->lo < path->first || path->hi > path->first || path->last != path->first)
    {
      cairo_line_to (path->p->cr, path->lx, path->lo);
      cairo_line_to (path->p->cr, path->lx, path->hi);
      cairo_line_to (path->p->cr, path->lx, path->last);
    }
}

static void
path_start (Path   *path,
            double  x,
            double  y)
{
  path->column = floor (x * path->p->scale);
  path->lx = x;
  path->first = path->lo = path->hi = path->last = y;
}

static void
path_move (Path   *path,
           double  x,
           double  y)
{
  cairo_move_to (path->p->cr, x, y);
  path_start (path, x, y);
}

static void
path_line (Path   *path,
           double  x,
           double  y)
{
  if (floor (x * path->p->scale) == path->column)
    {
      path->lx = x;
      path->lo = MIN (path->lo, y);
      path->hi = MAX (path->hi, y);
      path->last = y;
      return;
    }
  path_flush (path);
  cairo_line_to (path->p->cr, x, y);
  path_start (path, x, y);
}

static void
path_end (Path *path)
{
  path_flush (path);
}

#define PX(v) (plot->x + plot->width * (v))
#define PY(v) (plot->y + plot->height * (1.0 - (v)))

static void
pr_path (Painter                   *p,
         const Box                 *plot,
         const PrecisChartCategory *c)
{
  Path path = { p };
  double prev_r = 0, y;

  if (c->n_ranks == 0 || c->rank_envelope == NULL || c->rank_recall == NULL)
    return;

  y = c->rank_envelope[0];
  path_move (&path, PX (0), PY (y));
  for (guint k = 0; k < c->n_ranks; k++)
    {
      double r = c->rank_recall[k], e = c->rank_envelope[k];

      if (e != y)
        {
          path_line (&path, PX (prev_r), PY (e));
          y = e;
        }
      if (r != prev_r)
        {
          path_line (&path, PX (r), PY (y));
          prev_r = r;
        }
    }
  path_end (&path);
}

static void
pr_points (Painter                   *p,
           const Box                 *plot,
           const PrecisChartCategory *c)
{
  double lx = -1e9, ly = -1e9, tol = 1.0;

  if (c->rank_recall == NULL || c->rank_precision == NULL)
    return;
  for (guint k = 0; k < c->n_ranks; k++)
    {
      double x = PX (c->rank_recall[k]), y = PY (c->rank_precision[k]);

      if (fabs (x - lx) < tol && fabs (y - ly) < tol)
        continue;
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, x, y, 2.0, 0, 2 * G_PI);
      lx = x;
      ly = y;
    }
  cairo_fill (p->cr);
}

/* F1 against s is a step function: F1 = f1[k] for s in (score[k + 1], score[k]]. */
static void
f1_path (Painter       *p,
         const Box     *plot,
         guint          n,
         const double  *score,
         const double  *f1)
{
  Path path = { p };

  if (n == 0 || score == NULL || f1 == NULL)
    return;
  path_move (&path, PX (score[0]), PY (f1[0]));
  for (guint k = 1; k < n; k++)
    {
      path_line (&path, PX (score[k]), PY (f1[k - 1]));
      path_line (&path, PX (score[k]), PY (f1[k]));
    }
  path_line (&path, PX (0), PY (f1[n - 1]));
  path_end (&path);
}

/* Drops the vertices of an x-monotonic polyline that lie within a quarter
 * of a device pixel (vertically) of the segment that replaces them: a point
 * joins the current segment while the line from its anchor to it passes
 * within that distance of every point skipped since the anchor (the slopes
 * that do form a narrowing cone). Cairo's stroker costs per segment, and the
 * smooth curves of 80 classes need few. */
/* The faint curves of many classes drawn straight into an A8 coverage mask,
 * one device-pixel column at a time: each segment of a curve resampled per
 * column covers the rows between its ends, widened by half a pixel (the
 * fractional rows get fractional coverage, as antialiasing gives), and a pixel
 * keeps the largest coverage of any curve (the union, as the opaque group of
 * strokes it replaces). Painting the mask once costs what stroking 80 curves
 * cost ten times over. */
struct _HairMask {
  guint8 *data;
  int     stride;
  int     width;
  int     height;
  double  ox, oy;   /* user coordinates of the mask's origin */
  double  scale;
};

static void
hair_span (HairMask *m,
           int       col,
           double    y0,
           double    y1)
{
  double lo = MIN (y0, y1) - 0.5, hi = MAX (y0, y1) + 0.5;
  int r0, r1;

  if (col < 0 || col >= m->width)
    return;
  r0 = MAX (0, (int) floor (lo));
  r1 = MIN (m->height - 1, (int) ceil (hi) - 1);
  for (int r = r0; r <= r1; r++)
    {
      double cov = MIN (hi, r + 1.0) - MAX (lo, (double) r);
      guint8 v = (guint8) CLAMP (cov * 255.0 + 0.5, 0, 255);
      guint8 *px = m->data + (gsize) r * m->stride + col;

      if (v > *px)
        *px = v;
    }
}

/* A segment between two points in user coordinates. */
static void
hair_segment (HairMask *m,
              double    ux0,
              double    uy0,
              double    ux1,
              double    uy1)
{
  double x0 = (ux0 - m->ox) * m->scale, y0 = (uy0 - m->oy) * m->scale;
  double x1 = (ux1 - m->ox) * m->scale, y1 = (uy1 - m->oy) * m->scale;
  double dx = fabs (x1 - x0);

  if (dx <= 1.5)
    {
      hair_span (m, (int) floor ((x0 + x1) / 2), y0, y1);
      return;
    }
  /* Longer: one span per column crossed. */
  {
    guint n = (guint) ceil (dx);

    for (guint j = 0; j < n; j++)
      {
        double fa = (double) j / n, fb = (double) (j + 1) / n;
        double xa = x0 + (x1 - x0) * fa, xb = x0 + (x1 - x0) * fb;

        hair_span (m, (int) floor ((xa + xb) / 2), y0 + (y1 - y0) * fa, y0 + (y1 - y0) * fb);
      }
  }
}

typedef struct {
  cairo_t *cr;
  HairMask *hair;
  double   tol;
  gboolean started;
  gboolean pending;
  double   ax, ay;      /* anchor: the last vertex emitted */
  double   lx, ly;      /* the last point seen, not yet emitted */
  double   lo, hi;      /* slopes from the anchor that keep skipped points in */
} Simplify;

static void
simplify_init (Simplify *sp,
               Painter  *p)
{
  sp->cr = p->cr;
  sp->hair = p->hair;
  sp->tol = 0.25 / p->scale;
  sp->started = FALSE;
  sp->pending = FALSE;
}

static void
simplify_point (Simplify *sp,
                double    x,
                double    y)
{
  double dx, slope;

  if (sp->hair != NULL)
    {
      if (sp->started)
        hair_segment (sp->hair, sp->ax, sp->ay, x, y);
      sp->started = TRUE;
      sp->ax = x;
      sp->ay = y;
      return;
    }

  if (!sp->started)
    {
      cairo_move_to (sp->cr, x, y);
      sp->started = TRUE;
      sp->ax = x;
      sp->ay = y;
      sp->lo = -G_MAXDOUBLE;
      sp->hi = G_MAXDOUBLE;
      return;
    }

  dx = fabs (x - sp->ax);
  slope = dx > 0 ? (y - sp->ay) / dx : 0;
  if (dx > 0 && slope >= sp->lo && slope <= sp->hi)
    {
      sp->lo = MAX (sp->lo, (y - sp->tol - sp->ay) / dx);
      sp->hi = MIN (sp->hi, (y + sp->tol - sp->ay) / dx);
      sp->lx = x;
      sp->ly = y;
      sp->pending = TRUE;
      return;
    }

  /* The point leaves the cone: the last one seen becomes a vertex. */
  if (sp->pending)
    {
      cairo_line_to (sp->cr, sp->lx, sp->ly);
      sp->ax = sp->lx;
      sp->ay = sp->ly;
      sp->pending = FALSE;
      dx = fabs (x - sp->ax);
    }
  if (dx > 0)
    {
      sp->lo = (y - sp->tol - sp->ay) / dx;
      sp->hi = (y + sp->tol - sp->ay) / dx;
      sp->lx = x;
      sp->ly = y;
      sp->pending = TRUE;
    }
  else
    {
      cairo_line_to (sp->cr, x, y);
      sp->ax = x;
      sp->ay = y;
      sp->lo = -G_MAXDOUBLE;
      sp->hi = G_MAXDOUBLE;
    }
}

static void
simplify_end (Simplify *sp)
{
  if (sp->pending)
    cairo_line_to (sp->cr, sp->lx, sp->ly);
  sp->pending = FALSE;
}

/* The faint curves of many classes, one vertex per device column (the value
 * at the column's centre): a polyline of a few hundred points instead of
 * thousands of steps, which stroking 80 curves per frame needs; then
 * simplified. */
static void
pr_path_resampled (Painter                   *p,
                   const Box                 *plot,
                   const PrecisChartCategory *c)
{
  guint n_cols = MAX (1, (guint) ceil (plot->width * p->scale));
  double r_max;
  guint k = 0;
  Simplify sp;

  if (c->n_ranks == 0 || c->rank_envelope == NULL || c->rank_recall == NULL)
    return;
  r_max = c->rank_recall[c->n_ranks - 1];
  simplify_init (&sp, p);
  for (guint i = 0; i <= n_cols; i++)
    {
      double r = MIN ((double) i / n_cols, r_max);

      while (k + 1 < c->n_ranks && c->rank_recall[k] < r)
        k++;
      simplify_point (&sp, PX (r), PY (c->rank_envelope[k]));
      if (r >= r_max)
        break;
    }
  simplify_end (&sp);
}

static void
f1_path_resampled (Painter      *p,
                   const Box    *plot,
                   guint         n,
                   const double *score,
                   const double *f1)
{
  guint n_cols = MAX (1, (guint) ceil (plot->width * p->scale));
  guint k = 0;
  Simplify sp;

  if (n == 0 || score == NULL || f1 == NULL)
    return;
  /* From s = the top score down to 0; F1 at s is that of the last point whose
   * score is ≥ s. */
  simplify_init (&sp, p);
  for (guint i = n_cols + 1; i-- > 0;)
    {
      double x = MIN ((double) i / n_cols, score[0]);

      while (k + 1 < n && score[k + 1] >= x)
        k++;
      simplify_point (&sp, PX (x), PY (f1[k]));
    }
  simplify_end (&sp);
}

static double
line_value_at (PrecisChart               *self,
               const PrecisChartCategory *c,
               double                     x,
               gboolean                  *defined)
{
  *defined = FALSE;
  if (self->kind == PRECIS_CHART_PR_CURVE)
    {
      if (c->n_ranks == 0 || c->rank_envelope == NULL || x > c->rank_recall[c->n_ranks - 1])
        return 0;
      for (guint k = 0; k < c->n_ranks; k++)
        if (c->rank_recall[k] >= x)
          {
            *defined = TRUE;
            return c->rank_envelope[k];
          }
      return 0;
    }
  else
    {
      guint lo = 0, hi = c->n_f1;

      if (c->n_f1 == 0 || x > c->f1_score[0])
        return 0;
      /* The last point whose score is ≥ x (scores descend). */
      while (hi - lo > 1)
        {
          guint mid = (lo + hi) / 2;

          if (c->f1_score[mid] >= x)
            lo = mid;
          else
            hi = mid;
        }
      *defined = TRUE;
      return c->f1_value[lo];
    }
}

static double
class_line_metric (PrecisChart               *self,
                   const PrecisChartCategory *c,
                   double                    *where)
{
  double best = 0;

  *where = 0;
  if (self->kind == PRECIS_CHART_PR_CURVE)
    return c->ap;
  for (guint k = 0; k < c->n_f1; k++)
    if (c->f1_value[k] > best)
      {
        best = c->f1_value[k];
        *where = c->f1_score[k];
      }
  return best;
}

typedef struct {
  PrecisChart  *chart;
  const double *metric;
} MetricSort;

static int
compare_by_metric (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const MetricSort *sort = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  double va = sort->metric[ia], vb = sort->metric[ib];

  if (va != vb)
    return va > vb ? -1 : 1;
  return g_utf8_collate (sort->chart->model->classes[ia].name, sort->chart->model->classes[ib].name);
}

static void
draw_legend (Painter     *p,
             GArray      *entries,
             const char  *value_header,
             double       x,
             double       y,
             double       max_width)
{
  /* What the numbers on the right are. */
  if (value_header != NULL)
    {
      text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, value_header, x + max_width, y, 1, 0);
      y += 15;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      LegendEntry *e = &g_array_index (entries, LegendEntry, i);
      double value_w = e->value != NULL ? text_width (p, FONT_TICK, e->value) + 8 : 0;
      g_autoptr(PangoLayout) name = text_new (p, FONT_LABEL, e->name, FALSE, MAX (20, max_width - 24 - value_w));

      precis_palette_set_source (p->cr, e->color, e->alpha);
      cairo_set_line_width (p->cr, e->line_width);
      cairo_move_to (p->cr, x, y + 8);
      cairo_line_to (p->cr, x + 18, y + 8);
      cairo_stroke (p->cr);
      if (e->marker)
        {
          cairo_arc (p->cr, x + 9, y + 8, 3.5, 0, 2 * G_PI);
          cairo_fill (p->cr);
        }
      precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
      text_draw (p, name, x + 24, y + 8, 0, 0.5);
      if (e->value != NULL)
        text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, e->value, x + max_width, y + 8, 1, 0.5);
      y += 19;
    }
}

static double
line_natural_width (void)
{
  return 760;
}

#define LEGEND_WIDTH 210.0
#define LINE_LEFT (MARGIN + 48)
#define LINE_TOP (HEADER_HEIGHT + 12)

/* The square plot that fits beside the legend at the natural width. */
static double
line_natural_height (void)
{
  double side = line_natural_width () - LINE_LEFT - MARGIN - LEGEND_WIDTH - 24;

  return LINE_TOP + side + 44 + MARGIN;
}

static void
draw_lines (PrecisChart *self,
            Painter     *p,
            double       width,
            double       height)
{
  PrecisChartModel *m = self->model;
  const PrecisChartSummary *s = &m->summary;
  gboolean pr = self->kind == PRECIS_CHART_PR_CURVE;
  gboolean colored = m->n_classes <= MAX_COLORED_CLASSES;
  g_autoptr(GArray) legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_autofree guint *order = g_new (guint, MAX (m->n_classes, 1));
  g_autofree char *t = format_threshold (s->threshold);
  g_autofree char *each_name = NULL;
  g_autofree double *metric = NULL;
  g_autofree double *where = NULL;
  double legend_w = LEGEND_WIDTH, left = LINE_LEFT, top = LINE_TOP + self->header_extra;
  double avail_w, avail_h, side;
  gboolean legend_right;
  Ticks ticks;
  Box box, *plot = &box;
  /* Many classes: the accent blue, faint, so that the curves read as data
   * and not as grid lines. */
  const PrecisRgba *grey = precis_palette_get (PRECIS_PALETTE_ACCENT);
  HairMask hair = { 0 };
  cairo_surface_t *hair_surface = NULL;

  g_array_set_clear_func (legend, (GDestroyNotify) legend_entry_clear);
  g_array_set_size (self->rows, 0);

  /* Each class's AP (PR) or best F1 and where, computed once: sorting must not
   * walk 500 000 points per comparison. */
  metric = g_new (double, MAX (m->n_classes, 1));
  where = g_new (double, MAX (m->n_classes, 1));
  for (guint i = 0; i < m->n_classes; i++)
    {
      order[i] = i;
      metric[i] = class_line_metric (self, &m->classes[i], &where[i]);
    }
  {
    MetricSort sort = { self, metric };

    g_qsort_with_data (order, m->n_classes, sizeof (guint), compare_by_metric, &sort);
  }

  /* Legend entries. */
  if (m->n_classes > 0)
    {
      if (colored)
        for (guint i = 0; i < m->n_classes; i++)
          {
            const PrecisChartCategory *c = &m->classes[order[i]];
            LegendEntry e = { c->name, NULL, precis_palette_get_class (order[i]), 1.0, 2.0, FALSE };
            double v = metric[order[i]];

            e.value = pr ? g_strdup_printf ("AP %.3f", v)
                         : v > 0 ? g_strdup_printf ("%.2f @ %.2f", v, where[order[i]]) : g_strdup ("0");
            g_array_append_val (legend, e);
          }
      else
        {
          LegendEntry e = { NULL, NULL, grey, 0.5, 1.0, FALSE };

          each_name = g_strdup_printf (pr ? _("each of %u classes (envelope)") : _("each of %u classes"), m->n_classes);
          e.name = each_name;
          g_array_append_val (legend, e);
        }
      if (m->n_classes > 1 || !colored)
        {
          LegendEntry e = { NULL, NULL, precis_palette_get (PRECIS_PALETTE_MEAN), 1.0, 3.0, FALSE };

          e.name = _("mean over classes");
          e.value = pr ? g_strdup_printf ("mAP %.3f", s->map)
                       : s->best_f1 > 0 ? g_strdup_printf ("%.2f @ %.2f", s->best_f1, s->best_confidence) : g_strdup ("0");
          g_array_append_val (legend, e);
        }
      if (!pr && s->n_f1 > 0)
        {
          LegendEntry e = { _("best mean F1"), NULL, precis_palette_get (PRECIS_PALETTE_FP), 1.0, 0, TRUE };

          g_array_append_val (legend, e);
        }
    }

  /* A square plot, the legend beside it when there is room, else below. */
  avail_w = width - left - MARGIN;
  avail_h = height - top - 44 - MARGIN;
  /* Whichever placement leaves the larger plot; beside, the legend may
   * narrow to 150 px (names ellipsize). */
  {
    double below_h = avail_h - (legend->len * 19 + 12 + (pr ? 0 : 15) + 10);
    double side_below = MIN (avail_w, below_h);
    double right_w = CLAMP (avail_w - avail_h - 24, 150, legend_w);
    double side_right = MIN (avail_w - right_w - 24, avail_h);

    legend_right = legend->len == 0 || side_right >= side_below;
    legend_w = right_w;
    side = legend_right ? side_right : side_below;
  }
  side = MAX (side, 60);
  box.x = left;
  box.y = top;
  box.width = side;
  box.height = side;
  self->plot = box;
  self->x_max = 1;
  self->y_max = 1;

  /* Grid, axes, ticks. */
  ticks_compute (&ticks, 1.0, side >= 400 ? 10 : 5, FALSE);
  cairo_save (p->cr);
  for (guint i = 0; i <= ticks.n; i++)
    {
      double f = (double) i / ticks.n;
      g_autofree char *label = ticks_label (&ticks, i);

      precis_palette_set_role (p->cr, i == 0 ? PRECIS_PALETTE_AXIS : PRECIS_PALETTE_GRID, 1.0);
      vline (p, PX (f), plot->y, plot->y + plot->height + (i == 0 ? 4 : 0), 1);
      hline (p, plot->x - (i == 0 ? 4 : 0), plot->x + plot->width, PY (f), 1);
      text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, PX (f), plot->y + plot->height + 6, 0.5, 0);
      text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, plot->x - 7, PY (f), 1, 0.5);
    }
  cairo_restore (p->cr);
  {
    g_autofree char *xt = pr ? g_strdup_printf (_("Recall at IoU ≥ %s"), t) : g_strdup (_("Confidence threshold s"));
    g_autofree char *yt = pr ? g_strdup_printf (_("Precision at IoU ≥ %s"), t) : g_strdup_printf (_("F1 at IoU ≥ %s"), t);
    g_autoptr(PangoLayout) l = text_new (p, FONT_BODY, yt, FALSE, -1);

    text_show (p, FONT_BODY, PRECIS_PALETTE_TEXT, xt, plot->x + plot->width / 2, plot->y + plot->height + 24, 0.5, 0);
    cairo_save (p->cr);
    cairo_translate (p->cr, MARGIN - 2, plot->y + plot->height / 2);
    cairo_rotate (p->cr, -G_PI / 2);
    precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
    text_draw (p, l, 0, 0, 0.5, 0);
    cairo_restore (p->cr);
  }

  /* iso-F1 contours: P = f R / (2R − f), from R = f / (2 − f) (P = 1) to R = 1. */
  if (pr)
    {
      cairo_save (p->cr);
      cairo_rectangle (p->cr, plot->x, plot->y, plot->width, plot->height);
      cairo_clip (p->cr);
      for (guint i = 1; i <= 4; i++)
        {
          double f = 0.2 * i, r0 = f / (2 - f);
          g_autofree char *label = g_strdup_printf ("F1 %.1f", f);

          for (guint k = 0; k <= 64; k++)
            {
              double r = r0 + (1 - r0) * k / 64.0;
              double prec = f * r / (2 * r - f);

              if (k == 0)
                cairo_move_to (p->cr, PX (r), PY (prec));
              else
                cairo_line_to (p->cr, PX (r), PY (prec));
            }
          precis_palette_set_role (p->cr, PRECIS_PALETTE_GRID, 1.0);
          cairo_set_line_width (p->cr, 1.0);
          {
            double dash[] = { 1.5, 2.5 };

            cairo_set_dash (p->cr, dash, 2, 0);
            precis_palette_set_role (p->cr, PRECIS_PALETTE_AXIS, 0.55);
            cairo_stroke (p->cr);
            cairo_set_dash (p->cr, NULL, 0, 0);
          }
          {
            g_autoptr(PangoLayout) l = text_new (p, FONT_SMALL, label, FALSE, -1);
            double tw, th;

            /* On a knock-out, above where the contour meets the right edge. */
            text_size (l, &tw, &th);
            precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.85);
            cairo_rectangle (p->cr, PX (1) - 4 - tw, PY (f / (2 - f)) - 3 - th, tw + 2, th);
            cairo_fill (p->cr);
            precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT_DIM, 1.0);
            text_draw (p, l, PX (1) - 3, PY (f / (2 - f)) - 3, 1, 1);
          }
        }
      cairo_restore (p->cr);
    }

  if (m->n_classes == 0)
    draw_message (p, plot, _("Nothing to show"),
                  _("The selected classes have no ground truth and no predictions in this subset."));
  else if (m->n_ranks == 0)
    draw_message (p, plot, _("No predictions"),
                  pr ? _("There is nothing to rank, so there is no curve: every ground-truth object is a false negative.")
                     : _("There is no confidence to threshold: F1 is 0."));
  else if (m->n_gt == 0)
    draw_message (p, plot, _("No ground truth"),
                  pr ? _("Recall is undefined without ground-truth objects: every prediction is a false positive.")
                     : _("Without ground-truth objects every prediction is a false positive: F1 is 0."));
  else
    {
      cairo_save (p->cr);
      cairo_rectangle (p->cr, plot->x - 3, plot->y - 3, plot->width + 6, plot->height + 6);
      cairo_clip (p->cr);
      cairo_set_line_join (p->cr, colored ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL);

      /* Classes: the worst first, so the best lie on top. Grey curves are
       * drawn opaque into a group painted translucent once: far cheaper than
       * 80 translucent strokes, and crossings do not darken into blots. */
      if (!colored)
        {
          hair.ox = floor ((plot->x - 3) * p->scale) / p->scale;
          hair.oy = floor ((plot->y - 3) * p->scale) / p->scale;
          hair.scale = p->scale;
          hair.width = (int) ceil ((plot->width + 6) * p->scale) + 2;
          hair.height = (int) ceil ((plot->height + 6) * p->scale) + 2;
          hair_surface = cairo_image_surface_create (CAIRO_FORMAT_A8, hair.width, hair.height);
          cairo_surface_flush (hair_surface);
          hair.data = cairo_image_surface_get_data (hair_surface);
          hair.stride = cairo_image_surface_get_stride (hair_surface);
          p->hair = hair.data != NULL ? &hair : NULL;
        }
      for (guint j = m->n_classes; j > 0; j--)
        {
          guint i = order[j - 1];
          const PrecisChartCategory *c = &m->classes[i];
          const PrecisRgba *color = colored ? precis_palette_get_class (i) : grey;

          if (pr && colored)
            {
              precis_palette_set_source (p->cr, color, 0.4);
              pr_points (p, plot, c);
            }
          if (pr)
            {
              if (colored)
                pr_path (p, plot, c);
              else
                pr_path_resampled (p, plot, c);
            }
          else if (colored)
            f1_path (p, plot, c->n_f1, c->f1_score, c->f1_value);
          else
            f1_path_resampled (p, plot, c->n_f1, c->f1_score, c->f1_value);
          if (p->hair != NULL)
            continue;
          precis_palette_set_source (p->cr, color, colored ? 1.0 : 0.35);
          cairo_set_line_width (p->cr, colored ? 2.0 : 1.0);
          cairo_stroke (p->cr);
        }
      if (hair_surface != NULL)
        {
          p->hair = NULL;
          cairo_surface_mark_dirty (hair_surface);
          cairo_surface_set_device_scale (hair_surface, p->scale, p->scale);
          precis_palette_set_source (p->cr, grey, 0.35);
          cairo_mask_surface (p->cr, hair_surface, hair.ox, hair.oy);
          cairo_surface_destroy (hair_surface);
        }

      /* The mean. */
      if (m->n_classes > 1 || !colored)
        {
          if (pr)
            {
              for (guint i = 0; i < N_POINTS; i++)
                {
                  if (i == 0)
                    cairo_move_to (p->cr, PX (recall_point (i)), PY (m->mean_101[i]));
                  else
                    cairo_line_to (p->cr, PX (recall_point (i)), PY (m->mean_101[i]));
                }
            }
          else
            f1_path (p, plot, s->n_f1, s->f1_score, s->f1_mean);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.9);
          cairo_set_line_width (p->cr, 5.0);
          cairo_stroke_preserve (p->cr);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_MEAN, 1.0);
          cairo_set_line_width (p->cr, 2.75);
          cairo_stroke (p->cr);
        }
      cairo_restore (p->cr);

      /* The best operating point. */
      if (!pr && s->n_f1 > 0)
        {
          double x = PX (s->best_confidence), y = PY (s->best_f1);
          double dash[] = { 3, 3 };
          g_autofree char *label = g_strdup_printf (_("best mean F1 %.3f at s = %.2f"), s->best_f1, s->best_confidence);
          g_autoptr(PangoLayout) l = text_new (p, FONT_SMALL, label, FALSE, -1);
          double tw, th, lx, ly;

          cairo_save (p->cr);
          cairo_set_dash (p->cr, dash, 2, 0);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_FP, 0.8);
          vline (p, x, y, plot->y + plot->height, 1);
          cairo_restore (p->cr);

          cairo_arc (p->cr, x, y, 5, 0, 2 * G_PI);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 1.0);
          cairo_set_line_width (p->cr, 2.0);
          cairo_stroke_preserve (p->cr);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_FP, 1.0);
          cairo_fill (p->cr);

          text_size (l, &tw, &th);
          lx = x + 9 + tw <= plot->x + plot->width ? x + 9 : x - 9 - tw - 6;
          ly = y - th - 10 >= plot->y ? y - th - 10 : y + 8;
          precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.9);
          round_rect (p->cr, lx, ly, tw + 6, th + 2, 3);
          cairo_fill (p->cr);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
          text_draw (p, l, lx + 3, ly + 1, 0, 0);
        }
      self->curves_hit = TRUE;
    }

  if (legend->len > 0)
    {
      const char *header = pr ? NULL : _("best F1 @ confidence");

      if (legend_right)
        draw_legend (p, legend, header, plot->x + plot->width + 24, plot->y, MIN (legend_w, width - plot->x - plot->width - 24 - MARGIN));
      else
        draw_legend (p, legend, header, plot->x, plot->y + plot->height + 44, MIN (avail_w, 320));
    }

  self->have_geometry = TRUE;
}

#undef PX
#undef PY

/* ------------------------------------------------------------------------ */
/* Public drawing API                                                        */
/* ------------------------------------------------------------------------ */

/**
 * precis_chart_get_natural_size:
 * @self: a #PrecisChart
 * @width: (out) (optional): the natural width, in logical pixels
 * @height: (out) (optional): the natural height; bar charts grow with the
 *   number of classes (16 px a row) so that all 80 COCO classes stay legible
 *
 * The size at which every element of the chart has room.
 */
void
precis_chart_get_natural_size (PrecisChart *self,
                               double      *width,
                               double      *height)
{
  double w;

  g_return_if_fail (PRECIS_IS_CHART (self));

  w = is_bar_chart (self->kind) ? 720 : line_natural_width ();
  if (width)
    *width = w;
  if (height)
    {
      Painter p = { 0 };
      g_autofree char *subtitle = precis_chart_dup_subtitle (self);

      *height = is_bar_chart (self->kind) ? bars_natural_height (self->model) : line_natural_height ();
      /* Room for the second subtitle line, as draw_header() decides it. */
      painter_init (&p, NULL, 1.0);
      if (text_width (&p, FONT_SUBTITLE, subtitle) > w - 2 * MARGIN)
        *height += 15;
      painter_clear (&p);
    }
}

/**
 * precis_chart_render:
 * @self: a #PrecisChart
 * @cr: a cairo context in logical pixels (the caller applies the device scale,
 *   as GTK and precis_chart_save_png() do)
 * @width: the width to fill, in logical pixels
 * @height: the height to fill
 * @scale: device pixels per logical pixel, used to keep lines and bar edges
 *   on the pixel grid (1 or 2; any positive value works)
 *
 * Draws the chart, background included, into the rectangle (0, 0, @width,
 * @height) of @cr. When @height is smaller than the natural height of a bar
 * chart, the best and worst classes are drawn and the middle ones are
 * summarised in one row. Remembers the layout for precis_chart_hit_test().
 */
void
precis_chart_render (PrecisChart *self,
                     cairo_t     *cr,
                     double       width,
                     double       height,
                     double       scale)
{
  Painter p = { 0 };

  g_return_if_fail (PRECIS_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  self->have_geometry = FALSE;
  self->curves_hit = FALSE;
  width = MAX (width, 160);
  height = MAX (height, 160);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  precis_palette_set_role (cr, PRECIS_PALETTE_BACKGROUND, 1.0);
  cairo_paint (cr);

  painter_init (&p, cr, scale);
  draw_header (self, &p, width);
  if (is_bar_chart (self->kind))
    draw_bars (self, &p, width, height);
  else
    draw_lines (self, &p, width, height);
  painter_clear (&p);

  cairo_restore (cr);
}

/**
 * precis_chart_hit_test:
 * @self: a #PrecisChart
 * @x: a point in the coordinates of the last precis_chart_render()
 * @y: the point's y
 * @class_index: (out) (optional): the class under the point, an index for
 *   precis_chart_model_get_class()
 * @value: (out) (optional): the value shown there: the bar's value (AP, P, R;
 *   for outcomes the count of the TP, FN or FP segment under the point), or the
 *   curve's value at @x
 *
 * Finds what is under a point, for tooltips. Bar charts hit the whole row of a
 * class; line charts the nearest class curve within 8 pixels.
 *
 * Returns: whether a class is under the point (%FALSE before the first render,
 *   over the summary row and in empty space)
 */
gboolean
precis_chart_hit_test (PrecisChart *self,
                       double       x,
                       double       y,
                       guint       *class_index,
                       double      *value)
{
  const Box *plot = &self->plot;

  g_return_val_if_fail (PRECIS_IS_CHART (self), FALSE);

  if (!self->have_geometry)
    return FALSE;

  if (is_bar_chart (self->kind))
    {
      for (guint r = 0; r < self->rows->len; r++)
        {
          const Row *row = &g_array_index (self->rows, Row, r);
          double pad = (r + 1 < self->rows->len
                        ? g_array_index (self->rows, Row, r + 1).y0 - row->y1 : row->y1 - row->y0) / 2;

          if (y < row->y0 - pad || y >= row->y1 + pad || x < 0 || x > plot->x + plot->width + 120)
            continue;
          if (row->klass == G_MAXUINT)
            return FALSE;
          if (class_index)
            *class_index = row->klass;
          if (value)
            {
              *value = row->value;
              if (self->kind == PRECIS_CHART_OUTCOMES)
                {
                  double v = (x - plot->x) / plot->width * self->x_max, acc = 0;

                  for (guint k = 0; k < 3; k++)
                    {
                      acc += row->seg[k];
                      if (v < acc || k == 2)
                        {
                          *value = row->seg[k];
                          break;
                        }
                    }
                }
            }
          return TRUE;
        }
      return FALSE;
    }

  if (!self->curves_hit || x < plot->x - HIT_SLOP || x > plot->x + plot->width + HIT_SLOP)
    return FALSE;
  {
    double fx = CLAMP ((x - plot->x) / plot->width, 0, 1);
    double best = HIT_SLOP, best_value = 0;
    guint best_class = G_MAXUINT;

    for (guint i = 0; i < self->model->n_classes; i++)
      {
        gboolean defined;
        double v = line_value_at (self, &self->model->classes[i], fx, &defined);
        double d = fabs (plot->y + plot->height * (1 - v) - y);

        if (defined && d <= best)
          {
            best = d;
            best_value = v;
            best_class = i;
          }
      }
    if (best_class == G_MAXUINT)
      return FALSE;
    if (class_index)
      *class_index = best_class;
    if (value)
      *value = best_value;
    return TRUE;
  }
}

/**
 * precis_chart_get_plot_area:
 * @self: a #PrecisChart
 * @x: (out) (optional): left edge of the plot (the value axis' 0)
 * @y: (out) (optional): top edge
 * @width: (out) (optional): width; the horizontal axis runs from 0 to 1 (line
 *   charts) or to the last tick (bar charts)
 * @height: (out) (optional): height; line charts run from 1 at the top to 0
 *
 * Where the last render put its plot, for crosshairs and tests.
 *
 * Returns: %FALSE before the first render
 */
gboolean
precis_chart_get_plot_area (PrecisChart *self,
                            double      *x,
                            double      *y,
                            double      *width,
                            double      *height)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), FALSE);

  if (!self->have_geometry)
    return FALSE;
  if (x)
    *x = self->plot.x;
  if (y)
    *y = self->plot.y;
  if (width)
    *width = self->plot.width;
  if (height)
    *height = self->plot.height;
  return TRUE;
}

/**
 * precis_chart_get_n_bars:
 * @self: a #PrecisChart
 *
 * Returns: the number of rows the last precis_chart_render() of a bar chart
 *   drew, top to bottom (the summary row of a shortened chart included); 0 for
 *   line charts and before the first render
 */
guint
precis_chart_get_n_bars (PrecisChart *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), 0);

  return self->have_geometry && is_bar_chart (self->kind) ? self->rows->len : 0;
}

/**
 * precis_chart_get_bar:
 * @self: a #PrecisChart
 * @index: a row, below precis_chart_get_n_bars()
 * @x: (out) (optional): left edge of the bar (the value axis' 0)
 * @y: (out) (optional): top edge
 * @width: (out) (optional): the bar's length (0 for a zero value)
 * @height: (out) (optional): the bar's thickness
 * @class_index: (out) (optional): the class, or %G_MAXUINT for the summary row
 *
 * Where the last render drew a bar, in its coordinates: for keyboard focus,
 * accessibility and tests.
 *
 * Returns: whether the row is a class (not the summary row)
 */
gboolean
precis_chart_get_bar (PrecisChart *self,
                      guint        index,
                      double      *x,
                      double      *y,
                      double      *width,
                      double      *height,
                      guint       *class_index)
{
  const Row *row;

  g_return_val_if_fail (PRECIS_IS_CHART (self), FALSE);
  g_return_val_if_fail (index < precis_chart_get_n_bars (self), FALSE);

  row = &g_array_index (self->rows, Row, index);
  if (x)
    *x = self->plot.x;
  if (y)
    *y = row->y0;
  if (width)
    *width = self->x_max > 0 ? self->plot.width * row->value / self->x_max : 0;
  if (height)
    *height = row->y1 - row->y0;
  if (class_index)
    *class_index = row->klass;

  return row->klass != G_MAXUINT;
}

/* ------------------------------------------------------------------------ */
/* Self-description                                                          */
/* ------------------------------------------------------------------------ */

static void
add_category (JsonBuilder               *b,
              const PrecisChartCategory *c)
{
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, c->name);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, c->id);
}

/* F1 at confidence threshold @s of a descending step curve. */
static double
step_at (guint         n,
         const double *score,
         const double *f1,
         double        s)
{
  double v = 0;

  for (guint k = 0; k < n && score[k] >= s; k++)
    v = f1[k];
  return v;
}

/**
 * precis_chart_to_json:
 * @self: a #PrecisChart
 *
 * Describes the chart as JSON: what was evaluated (dataset, model, `protocol`,
 * `iou_type`, `iou_threshold`, selection), the totals (`mAP`, `mAR`, `mean_F1`,
 * `TP`, `FP`, `FN`), every class's counts and metrics (`classes`: `name`, `id`,
 * `counted`, `num_gt`, `num_predictions`, `TP`, `FP`, `FN`, `ignored`, `P`, `R`,
 * `F1`, `AP`) and the plotted values (`plotted`): bars in drawing order, or the
 * curves sampled at the 101 recall points (PR) or 101 confidences 0, 0.01, … 1 (F1).
 * This is the `precis:evaluation` chunk of an exported PNG.
 *
 * Returns: (transfer full): a JSON document
 */
char *
precis_chart_to_json (PrecisChart *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *selection = NULL;
  PrecisChartModel *m;
  const PrecisChartSummary *s;

  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  m = self->model;
  s = &m->summary;
  title = precis_chart_dup_title (self);
  subtitle = precis_chart_dup_subtitle (self);
  selection = describe_classes (m);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "precis-chart/1");
  json_builder_set_member_name (b, "chart");
  json_builder_add_string_value (b, kind_names[self->kind]);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "subtitle");
  json_builder_add_string_value (b, subtitle);
  json_builder_set_member_name (b, "dataset");
  json_builder_add_string_value (b, s->dataset);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, s->model);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_string_value (b, s->protocol);
  json_builder_set_member_name (b, "iou_type");
  json_builder_add_string_value (b, s->iou_type);
  json_builder_set_member_name (b, "iou_threshold");
  json_builder_add_double_value (b, s->threshold);
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, s->confidence);
  json_builder_set_member_name (b, "selection");
  json_builder_add_string_value (b, selection);
  json_builder_set_member_name (b, "num_classes_counted");
  json_builder_add_int_value (b, m->n_counted);
  json_builder_set_member_name (b, "mAP");
  json_builder_add_double_value (b, s->map);
  json_builder_set_member_name (b, "mAR");
  json_builder_add_double_value (b, s->mar);
  json_builder_set_member_name (b, "mean_F1");
  json_builder_add_double_value (b, s->mean_f1);
  json_builder_set_member_name (b, "TP");
  json_builder_add_int_value (b, s->tp);
  json_builder_set_member_name (b, "FP");
  json_builder_add_int_value (b, s->fp);
  json_builder_set_member_name (b, "FN");
  json_builder_add_int_value (b, s->fn);

  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->n_classes; i++)
    {
      const PrecisChartCategory *c = &m->classes[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, c->name);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, c->id);
      json_builder_set_member_name (b, "counted");
      json_builder_add_boolean_value (b, c->counted);
      json_builder_set_member_name (b, "num_gt");
      json_builder_add_int_value (b, c->n_gt);
      json_builder_set_member_name (b, "num_predictions");
      json_builder_add_int_value (b, c->n_predictions);
      json_builder_set_member_name (b, "TP");
      json_builder_add_int_value (b, c->tp);
      json_builder_set_member_name (b, "FP");
      json_builder_add_int_value (b, c->fp);
      json_builder_set_member_name (b, "FN");
      json_builder_add_int_value (b, c->fn);
      json_builder_set_member_name (b, "ignored");
      json_builder_add_int_value (b, c->ignored);
      json_builder_set_member_name (b, "P");
      json_builder_add_double_value (b, c->precision);
      json_builder_set_member_name (b, "R");
      json_builder_add_double_value (b, c->recall);
      json_builder_set_member_name (b, "F1");
      json_builder_add_double_value (b, c->f1);
      json_builder_set_member_name (b, "AP");
      json_builder_add_double_value (b, c->ap);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "plotted");
  json_builder_begin_object (b);
  if (is_bar_chart (self->kind))
    {
      g_autofree guint *order = g_new (guint, MAX (m->n_classes, 1));
      static const char * const metric[] = { "AP", "P", "R", NULL, "TP+FN+FP" };

      for (guint i = 0; i < m->n_classes; i++)
        order[i] = i;
      g_qsort_with_data (order, m->n_classes, sizeof (guint), compare_rows, self);

      json_builder_set_member_name (b, "metric");
      json_builder_add_string_value (b, metric[self->kind]);
      json_builder_set_member_name (b, "bars");
      json_builder_begin_array (b);
      for (guint i = 0; i < m->n_classes; i++)
        {
          const PrecisChartCategory *c = &m->classes[order[i]];

          json_builder_begin_object (b);
          add_category (b, c);
          if (self->kind == PRECIS_CHART_OUTCOMES)
            {
              json_builder_set_member_name (b, "TP");
              json_builder_add_int_value (b, c->tp);
              json_builder_set_member_name (b, "FN");
              json_builder_add_int_value (b, c->fn);
              json_builder_set_member_name (b, "FP");
              json_builder_add_int_value (b, c->fp);
            }
          else
            {
              json_builder_set_member_name (b, "value");
              json_builder_add_double_value (b, bar_value (self, c));
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else if (self->kind == PRECIS_CHART_PR_CURVE)
    {
      json_builder_set_member_name (b, "recall");
      json_builder_begin_array (b);
      for (guint i = 0; i < N_POINTS; i++)
        json_builder_add_double_value (b, recall_point (i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "mean_precision");
      json_builder_begin_array (b);
      for (guint i = 0; i < N_POINTS; i++)
        json_builder_add_double_value (b, m->mean_101[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "curves");
      json_builder_begin_array (b);
      for (guint c = 0; c < m->n_classes; c++)
        {
          json_builder_begin_object (b);
          add_category (b, &m->classes[c]);
          json_builder_set_member_name (b, "AP");
          json_builder_add_double_value (b, m->classes[c].ap);
          json_builder_set_member_name (b, "precision");
          json_builder_begin_array (b);
          for (guint i = 0; i < N_POINTS; i++)
            json_builder_add_double_value (b, m->classes[c].precision_101[i]);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else
    {
      json_builder_set_member_name (b, "best_confidence");
      json_builder_add_double_value (b, s->best_confidence);
      json_builder_set_member_name (b, "best_mean_F1");
      json_builder_add_double_value (b, s->best_f1);
      json_builder_set_member_name (b, "confidence");
      json_builder_begin_array (b);
      for (guint i = 0; i < N_POINTS; i++)
        json_builder_add_double_value (b, recall_point (i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "mean_F1");
      json_builder_begin_array (b);
      for (guint i = 0; i < N_POINTS; i++)
        json_builder_add_double_value (b, step_at (s->n_f1, s->f1_score, s->f1_mean, recall_point (i)));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "curves");
      json_builder_begin_array (b);
      for (guint c = 0; c < m->n_classes; c++)
        {
          const PrecisChartCategory *k = &m->classes[c];
          double where, best = class_line_metric (self, k, &where);

          json_builder_begin_object (b);
          add_category (b, k);
          json_builder_set_member_name (b, "best_F1");
          json_builder_add_double_value (b, best);
          json_builder_set_member_name (b, "best_confidence");
          json_builder_add_double_value (b, where);
          json_builder_set_member_name (b, "F1");
          json_builder_begin_array (b);
          for (guint i = 0; i < N_POINTS; i++)
            json_builder_add_double_value (b, step_at (k->n_f1, k->f1_score, k->f1_value, recall_point (i)));
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/**
 * precis_chart_save_png:
 * @self: a #PrecisChart
 * @filename: (type filename): the PNG to write
 * @width: width in logical pixels, or 0 for the natural width
 * @height: height in logical pixels, or 0 for the natural height
 * @scale: device pixels per logical pixel (2 for a high-resolution image)
 * @flags: %PRECIS_PNG_SAVE_OVERWRITE to replace an existing file
 * @error: return location for a #GError
 *
 * Renders the chart into a @width × @scale by @height × @scale PNG that
 * describes itself: text chunks `Title`, `Software`, `Description`,
 * `Creation Time` (ISO 8601) and `precis:evaluation` (precis_chart_to_json()).
 * Written atomically, see precis_png_save().
 *
 * Returns: whether the file was written
 */
gboolean
precis_chart_save_png (PrecisChart        *self,
                       const char         *filename,
                       double              width,
                       double              height,
                       double              scale,
                       PrecisPngSaveFlags  flags,
                       GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *caption_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *created = NULL;
  g_autofree char *json = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double natural_w, natural_h;
  gboolean ok;

  g_return_val_if_fail (PRECIS_IS_CHART (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  precis_chart_get_natural_size (self, &natural_w, &natural_h);
  if (width <= 0)
    width = natural_w;
  if (height <= 0)
    height = natural_h;
  if (!(scale > 0) || scale > 8 || width * scale > 16384 || height * scale > 16384)
    {
      g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                   _("A chart of %.0f × %.0f at scale %g is too large for a PNG (16384 pixels a side at most)"),
                   width, height, scale);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale), (int) ceil (height * scale));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                   _("Could not create a %.0f × %.0f image: %s"), width * scale, height * scale,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  precis_chart_render (self, cr, width, height, scale);
  cairo_destroy (cr);

  title = precis_chart_dup_title (self);
  subtitle = precis_chart_dup_subtitle (self);
  caption = dup_caption (self);
  if (caption == NULL || !pango_parse_markup (caption, -1, 0, NULL, &caption_text, NULL, NULL))
    caption_text = NULL;
  description = caption_text != NULL ? g_strdup_printf ("%s\n%s", subtitle, caption_text) : g_strdup (subtitle);
  created = g_date_time_format_iso8601 (now);
  json = precis_chart_to_json (self);

  {
    const PrecisPngText texts[] = {
      { "Title", title },
      { "Software", "Precis " PACKAGE_VERSION },
      { "Description", description },
      { "Creation Time", created },
      { "precis:evaluation", json },
    };

    ok = precis_png_save (surface, filename, texts, G_N_ELEMENTS (texts), flags, error);
  }
  cairo_surface_destroy (surface);

  return ok;
}

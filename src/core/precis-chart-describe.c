/* precis-chart-describe.c: a chart in words, for screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "precis-chart-private.h"

/* How many classes the description names at each end of the ranking. */
#define N_NAMED 3

typedef struct {
  const char *name;
  double      value;
} Ranked;

static int
ranked_compare (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  /* Descending by value, then by name: the order is fully determined. */
  if (ra->value != rb->value)
    return ra->value < rb->value ? 1 : -1;
  return g_strcmp0 (ra->name, rb->name);
}

static double
class_value (const PrecisChartCategory *klass,
             PrecisChartKind            kind)
{
  switch (kind)
    {
    case PRECIS_CHART_PRECISION:
      return klass->precision;
    case PRECIS_CHART_RECALL:
      return klass->recall;
    case PRECIS_CHART_OUTCOMES:
      return klass->fn;
    case PRECIS_CHART_PERFORMANCE:
    case PRECIS_CHART_PR_CURVE:
    default:
      return klass->ap;
    }
}

static const char *
value_name (PrecisChartKind kind)
{
  switch (kind)
    {
    case PRECIS_CHART_PRECISION:
      return _("precision");
    case PRECIS_CHART_RECALL:
      return _("recall");
    case PRECIS_CHART_OUTCOMES:
      return _("false negatives");
    case PRECIS_CHART_PERFORMANCE:
    case PRECIS_CHART_PR_CURVE:
    default:
      return _("AP");
    }
}

static void
append_ranked (GString         *out,
               const Ranked    *ranked,
               guint            from,
               guint            to,
               PrecisChartKind  kind)
{
  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append (out, ", ");
      if (kind == PRECIS_CHART_OUTCOMES)
        g_string_append_printf (out, "%s %.0f", ranked[i].name, ranked[i].value);
      else
        g_string_append_printf (out, "%s %.3f", ranked[i].name, ranked[i].value);
    }
}

/* "Highest AP: a 0.812, b 0.700, c 0.650. Lowest AP: … Mean AP 0.523 over
 * 38 classes." over the counted classes. */
static void
describe_ranking (GString          *out,
                  PrecisChartModel *model,
                  PrecisChartKind   kind)
{
  guint n = precis_chart_model_get_n_classes (model);
  g_autofree Ranked *ranked = g_new (Ranked, MAX (n, 1));
  guint n_ranked = 0;
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      const PrecisChartCategory *klass = precis_chart_model_get_class (model, i);

      if (!klass->counted && kind != PRECIS_CHART_OUTCOMES)
        continue;
      ranked[n_ranked].name = klass->name;
      ranked[n_ranked].value = class_value (klass, kind);
      sum += ranked[n_ranked].value;
      n_ranked++;
    }

  if (n_ranked == 0)
    {
      g_string_append (out, _("No class to chart."));
      return;
    }
  qsort (ranked, n_ranked, sizeof *ranked, ranked_compare);

  if (n_ranked <= 2 * N_NAMED)
    {
      /* TRANSLATORS: followed by "class value" pairs, highest first. */
      g_string_append_printf (out, _("By %s: "), value_name (kind));
      append_ranked (out, ranked, 0, n_ranked, kind);
      g_string_append (out, ". ");
    }
  else
    {
      g_string_append_printf (out, _("Highest %s: "), value_name (kind));
      append_ranked (out, ranked, 0, N_NAMED, kind);
      g_string_append (out, ". ");
      g_string_append_printf (out, _("Lowest %s: "), value_name (kind));
      append_ranked (out, ranked, n_ranked - N_NAMED, n_ranked, kind);
      g_string_append (out, ". ");
    }

  if (kind == PRECIS_CHART_OUTCOMES)
    {
      const PrecisChartSummary *summary = precis_chart_model_get_summary (model);

      g_string_append_printf (out, _("In all: %u true positives, %u false positives, %u false negatives."),
                              summary->tp, summary->fp, summary->fn);
    }
  else
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, "Mean %s %.3f over %u class.",
                                         "Mean %s %.3f over %u classes.", n_ranked),
                            value_name (kind), sum / n_ranked, n_ranked);
}

/**
 * precis_chart_dup_description:
 * @self: a chart
 *
 * The chart in words, for its accessible description: the subtitle (what is
 * charted and the selection), then a summary of the values: for the per-class
 * charts the top and bottom %N_NAMED classes and the mean, for the F1 chart
 * the best-F1 point, for the others the headline figures. The numbers are
 * those the chart draws, formatted for the user's locale.
 *
 * Returns: (transfer full): the description
 */
char *
precis_chart_dup_description (PrecisChart *self)
{
  g_autofree char *subtitle = NULL;
  const PrecisChartSummary *summary;
  GString *out;

  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  subtitle = precis_chart_dup_subtitle (self);
  summary = precis_chart_model_get_summary (self->model);
  out = g_string_new (subtitle);
  g_string_append (out, ". ");

  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
    case PRECIS_CHART_PRECISION:
    case PRECIS_CHART_RECALL:
    case PRECIS_CHART_OUTCOMES:
    case PRECIS_CHART_PR_CURVE:
      if (self->kind == PRECIS_CHART_PERFORMANCE || self->kind == PRECIS_CHART_PR_CURVE)
        g_string_append_printf (out, _("mAP %.3f, mAR %.3f, mean F1 %.3f. "),
                                summary->map, summary->mar, summary->mean_f1);
      describe_ranking (out, self->model, self->kind);
      break;

    case PRECIS_CHART_F1_CONFIDENCE:
      if (summary->n_f1 > 0)
        g_string_append_printf (out, _("Best mean F1 %.3f at confidence %.3f."),
                                summary->best_f1, summary->best_confidence);
      else
        g_string_append_printf (out, _("Mean F1 %.3f; no prediction to vary the confidence over."),
                                summary->mean_f1);
      break;

    case PRECIS_N_CHART_KINDS_ALL:
    default:
      g_string_append_printf (out, _("mAP %.3f, mAR %.3f, mean F1 %.3f; %u true positives, %u false positives, %u false negatives."),
                              summary->map, summary->mar, summary->mean_f1,
                              summary->tp, summary->fp, summary->fn);
      break;
    }

  return g_string_free (out, FALSE);
}

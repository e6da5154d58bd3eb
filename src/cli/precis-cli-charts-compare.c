/* precis-cli-charts-compare.c: precis-cli charts --compare (issue 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-charts.h"
#include "precis-compare.h"

/* The model indices of --models (all when NULL) and the position of --baseline. */
static int
resolve (PrecisDataset *dataset,
         const char    *models,
         const char    *baseline,
         GArray        *out,
         guint         *base)
{
  g_auto(GStrv) names = models != NULL ? g_strsplit (models, ",", -1) : NULL;

  for (guint i = 0; names == NULL && i < precis_dataset_get_n_models (dataset); i++)
    g_array_append_val (out, i);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      guint32 m = precis_dataset_find_model (dataset, names[i]);

      if (m == PRECIS_NO_INDEX)
        {
          g_autofree char *msg = g_strdup_printf (_("--models: no model named “%s”"), names[i]);

          return precis_cli_usage_error ("charts", msg);
        }
      g_array_append_val (out, m);
    }
  if (out->len < 2)
    return precis_cli_usage_error ("charts", _("--compare: needs at least two models"));
  *base = 0;
  if (baseline == NULL)
    return PRECIS_CLI_OK;
  for (*base = 0; *base < out->len; (*base)++)
    if (g_str_equal (precis_dataset_get_model_name (dataset, g_array_index (out, guint, *base)), baseline))
      return PRECIS_CLI_OK;
  {
    g_autofree char *msg = g_strdup_printf (_("--baseline: “%s” is not one of the models compared"), baseline);

    return precis_cli_usage_error ("charts", msg);
  }
}

int
precis_cli_charts_compare (PrecisDataset             *dataset,
                           PrecisIouType              type,
                           const guint8              *mask,
                           const char                *models,
                           const char                *baseline,
                           double                     iou,
                           double                     confidence,
                           const PrecisCliChartsSave *save)
{
  g_autoptr(GArray) index = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) matchers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) chart_models = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PrecisCompare) compare = NULL;
  g_autofree double *delta = NULL;
  const PrecisChartModelFlags flags = PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_F1;
  const PrecisChartKind kinds[] = { PRECIS_CHART_COMPARE_PR, PRECIS_CHART_COMPARE_F1, PRECIS_CHART_COMPARE_DELTA };
  PrecisChartModel *host;
  guint base = 0, shown, n_classes;
  int status = PRECIS_CLI_OK;

  status = resolve (dataset, models, baseline, index, &base);
  if (status != PRECIS_CLI_OK)
    return status;
  for (guint i = 0; i < index->len; i++)
    {
      g_autoptr(GError) error = NULL;
      PrecisMatcher *m = precis_matcher_new (dataset, g_array_index (index, guint, i), type, 0, NULL, NULL, NULL, &error);

      if (m == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
      g_ptr_array_add (matchers, m);
    }
  compare = precis_compare_new ((PrecisMatcher * const *) matchers->pdata, matchers->len, base);
  precis_compare_set_threshold (compare, iou);
  precis_compare_set_confidence (compare, confidence);
  if (mask != NULL)
    precis_compare_set_classes (compare, mask);
  precis_compare_evaluate (compare);
  for (guint i = 0; i < index->len; i++)
    g_ptr_array_add (chart_models, precis_chart_model_new_from_active_flags (precis_compare_get_active (compare, i), flags));

  shown = base == 0 ? 1 : 0;
  host = g_ptr_array_index (chart_models, shown);
  n_classes = precis_chart_model_get_n_classes (host);
  delta = g_new0 (double, MAX (n_classes, 1));
  for (guint k = 0; k < n_classes; k++)
    delta[k] = precis_compare_get_class_ap_delta (compare, shown, precis_chart_model_get_class (host, k)->category);
  precis_chart_model_set_compare (host, (PrecisChartModel * const *) chart_models->pdata, chart_models->len,
                                  base, shown, delta);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (host, kinds[k]);
      int ret = precis_cli_charts_save (chart, precis_chart_kind_to_string (kinds[k]), save);

      if (ret != PRECIS_CLI_OK)
        status = ret;
    }
  return status;
}

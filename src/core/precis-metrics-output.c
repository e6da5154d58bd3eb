/* precis-metrics-output.c: `precis-cli metrics` JSON and CSV of a metric result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "precis-metrics.h"

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       v)
{
  json_builder_set_member_name (b, name);
  if (isnan (v))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, v);
}

static void
add_count (JsonBuilder *b,
           const char  *name,
           guint        v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

JsonNode *
precis_metrics_result_to_json (PrecisMetrics            *self,
                               const PrecisMetricResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (PRECIS_IS_METRICS (self), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, precis_metrics_get_name (self, result->metric));
  json_builder_set_member_name (b, "binning");
  json_builder_add_string_value (b, precis_binning_to_string (result->binning));
  json_builder_set_member_name (b, "buckets");
  json_builder_begin_array (b);
  for (guint k = 0; k < result->n_buckets; k++)
    {
      const PrecisMetricBucket *bk = &result->buckets[k];

      json_builder_begin_object (b);
      add_number (b, "lo", bk->lo);
      add_number (b, "hi", bk->hi);
      add_count (b, "predictions", bk->predictions);
      add_count (b, "TP", bk->tp);
      add_count (b, "FP", bk->fp);
      add_number (b, "precision", bk->precision);
      add_count (b, "gt", bk->gt);
      add_count (b, "FN", bk->fn);
      add_number (b, "fn_rate", bk->fn_rate);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_number (b, "correlation", result->correlation);
  add_number (b, "importance", result->importance);
  json_builder_set_member_name (b, "undefined");
  json_builder_begin_object (b);
  add_count (b, "gt", result->undefined_gt);
  add_count (b, "predictions", result->undefined_predictions);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
append_csv_number (GString *out,
                   double   v,
                   gboolean last)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (v))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
  g_string_append_c (out, last ? '\n' : ',');
}

char *
precis_metrics_result_to_csv (PrecisMetrics            *self,
                              const PrecisMetricResult *result)
{
  GString *out = g_string_new ("lo,hi,predictions,TP,FP,precision,gt,FN,fn_rate\n");

  g_return_val_if_fail (PRECIS_IS_METRICS (self), NULL);

  for (guint k = 0; k < result->n_buckets; k++)
    {
      const PrecisMetricBucket *bk = &result->buckets[k];

      append_csv_number (out, bk->lo, FALSE);
      append_csv_number (out, bk->hi, FALSE);
      g_string_append_printf (out, "%u,%u,%u,", bk->predictions, bk->tp, bk->fp);
      append_csv_number (out, bk->precision, FALSE);
      g_string_append_printf (out, "%u,%u,", bk->gt, bk->fn);
      append_csv_number (out, bk->fn_rate, TRUE);
    }
  return g_string_free (out, FALSE);
}

JsonNode *
precis_metrics_summary_to_json (PrecisMetrics *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree double *corr = NULL, *imp = NULL;

  g_return_val_if_fail (PRECIS_IS_METRICS (self), NULL);

  corr = g_new (double, precis_metrics_get_n_metrics (self));
  imp = g_new (double, precis_metrics_get_n_metrics (self));
  precis_metrics_summarize (self, corr, imp);
  json_builder_begin_array (b);
  for (guint i = 0; i < precis_metrics_get_n_metrics (self); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "metric");
      json_builder_add_string_value (b, precis_metrics_get_name (self, i));
      add_number (b, "correlation", corr[i]);
      add_number (b, "importance", imp[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* precis-cli-metrics.c: precis-cli metrics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-dataset-cache.h"
#include "precis-cli-json.h"
#include "precis-cli-options.h"
#include "precis-metric-chart.h"
#include "precis-metrics.h"

typedef struct {
  PrecisCliOptions  common;
  char             *metric;
  int               buckets;
  char             *binning;
  char             *metrics_file;
  char             *png;
  char             *chart;
  char             *area_range;
  gboolean          force;
  gboolean          list;
  gboolean          summary;
  gboolean          no_image_metrics;
  gboolean          no_cache;
} MetricsOptions;

static void
metrics_options_clear (MetricsOptions *o)
{
  precis_cli_options_clear (&o->common);
  g_free (o->metric);
  g_free (o->binning);
  g_free (o->metrics_file);
  g_free (o->png);
  g_free (o->chart);
  g_free (o->area_range);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MetricsOptions, metrics_options_clear)

static int
usage_error (const char *message)
{
  return precis_cli_usage_error ("metrics", message);
}

static void
print_fraction (double v)
{
  if (isnan (v))
    g_print (" %9s", "–");
  else
    g_print (" %9.4f", v);
}

static void
print_buckets (PrecisMetrics            *metrics,
               const PrecisMetricResult *res,
               double                    iou)
{
  g_print (_("Metric %s · %s binning · IoU threshold %.2f\n\n"),
           precis_metrics_get_name (metrics, res->metric),
           precis_binning_to_string (res->binning), iou);
  g_print ("%12s %12s %7s %7s %7s %9s %7s %7s %9s\n",
           "lo", "hi", "pred", "TP", "FP", "precision", "GT", "FN", "FN rate");
  for (guint k = 0; k < res->n_buckets; k++)
    {
      const PrecisMetricBucket *b = &res->buckets[k];

      g_print ("%12.6g %12.6g %7u %7u %7u", b->lo, b->hi, b->predictions, b->tp, b->fp);
      print_fraction (b->precision);
      g_print (" %7u %7u", b->gt, b->fn);
      print_fraction (b->fn_rate);
      g_print ("\n");
    }
  g_print ("\n");
  g_print (_("correlation = %.4f\n"), res->correlation);
  g_print (_("importance  = %.4f\n"), res->importance);
  g_print (_("undefined: %u GT, %u predictions\n"), res->undefined_gt, res->undefined_predictions);
}

static void
print_summary (PrecisMetrics *metrics)
{
  guint n = precis_metrics_get_n_metrics (metrics);
  g_autofree double *corr = g_new (double, n);
  g_autofree double *imp = g_new (double, n);

  precis_metrics_summarize (metrics, corr, imp);
  g_print ("%-24s %11s %11s\n", _("metric"), _("importance"), _("correlation"));
  for (guint i = 0; i < n; i++)
    g_print ("%-24s %11.4f %11.4f\n", precis_metrics_get_name (metrics, i), imp[i], corr[i]);
}

/* --png: the chart of @res (NULL: the summary) as the app draws it. */
static int
write_png (MetricsOptions           *o,
           PrecisMetrics            *metrics,
           const PrecisMetricResult *res)
{
  g_autoptr(GError) error = NULL;
  guint n = precis_metrics_get_n_metrics (metrics);
  g_autofree double *corr = g_new (double, n);
  g_autofree double *imp = g_new (double, n);
  g_autofree const char **names = g_new0 (const char *, n + 1);
  PrecisMetricChart chart = { .threshold = o->common.iou, .selected = -1 };

  if (res != NULL)
    {
      chart.kind = g_strcmp0 (o->chart, "fn-rate") == 0 ? PRECIS_METRIC_CHART_FN_RATE : PRECIS_METRIC_CHART_PRECISION;
      chart.metric = precis_metrics_get_name (metrics, res->metric);
      chart.binning = res->binning;
      chart.n_buckets = res->n_buckets;
      chart.buckets = res->buckets;
    }
  else
    {
      gboolean correlation = g_strcmp0 (o->chart, "correlation") == 0;

      precis_metrics_summarize (metrics, corr, imp);
      for (guint i = 0; i < n; i++)
        names[i] = precis_metrics_get_name (metrics, i);
      chart.kind = correlation ? PRECIS_METRIC_CHART_CORRELATION : PRECIS_METRIC_CHART_IMPORTANCE;
      chart.n_metrics = n;
      chart.names = names;
      chart.values = correlation ? corr : imp;
    }
  if (!precis_metric_chart_save_png (&chart, 720, res != NULL ? 420 : 80 + 22.0 * n, o->png, o->force, &error))
    {
      g_printerr ("precis-cli metrics: %s\n", error->message);
      return PRECIS_CLI_BAD_INPUT;
    }
  return PRECIS_CLI_OK;
}

/* Checks the options that need no project; returns the exit code. */
/* Checks the options that need no project; returns the exit code. */
static int
check_options (MetricsOptions *o,
               PrecisBinning  *binning,
               double         *area)
{
  int modes = (o->list != FALSE) + (o->summary != FALSE) + (o->metric != NULL);

  if (modes != 1)
    return usage_error (_("give exactly one of --list, --summary and --metric"));
  if (o->common.csv && o->metric == NULL)
    return usage_error (_("--csv applies to --metric only"));
  if (o->buckets < 1 || o->buckets > PRECIS_METRICS_MAX_BUCKETS)
    {
      g_autofree char *msg = g_strdup_printf (_("--buckets: must lie between 1 and %d"),
                                              PRECIS_METRICS_MAX_BUCKETS);
      return usage_error (msg);
    }
  if (o->chart != NULL && o->png == NULL)
    return usage_error (_("--chart needs --png"));
  if (o->png != NULL && o->list)
    return usage_error (_("--png applies to --metric and --summary"));
  if (o->chart != NULL && !g_str_equal (o->chart, o->summary ? "importance" : "precision") &&
      !g_str_equal (o->chart, o->summary ? "correlation" : "fn-rate"))
    return usage_error (o->summary ? _("--chart: with --summary, must be “importance” or “correlation”")
                                   : _("--chart: with --metric, must be “precision” or “fn-rate”"));
  if (o->area_range != NULL && !precis_cli_parse_area_range (o->area_range, &area[0], &area[1]))
    return usage_error (_("--area-range: must be small, medium, large or LO:HI"));
  if (o->binning != NULL && !precis_binning_from_string (o->binning, binning))
    return usage_error (_("--binning: must be “width” or “quantile”"));
  return PRECIS_CLI_OK;
}

/* Decodes the images for brightness, contrast and sharpness (on every core,
 * through the user's cache unless --no-cache) when @metric needs them
 * (PRECIS_NO_INDEX: the summary needs all). */
static void
attach_image_metrics (MetricsOptions *o,
                      PrecisMetrics  *metrics,
                      PrecisDataset  *dataset,
                      guint32         metric)
{
  g_autoptr(PrecisImageMetrics) images = NULL;
  g_autofree char *cache = NULL;
  guint n_undefined;

  if (o->no_image_metrics || (metric != PRECIS_NO_INDEX && !precis_metrics_is_image_metric (metrics, metric)))
    return;
  if (!o->no_cache)
    cache = precis_image_metrics_default_cache_file ();
  images = precis_image_metrics_compute (dataset, cache, 0, NULL, NULL, NULL, NULL);
  precis_metrics_set_image_metrics (metrics, images);
  n_undefined = precis_image_metrics_get_n_undefined (images);
  if (n_undefined > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "precis-cli: metrics: %u of %u images has no image metrics (no file, or one that cannot be decoded)\n",
                             "precis-cli: metrics: %u of %u images have no image metrics (no file, or one that cannot be decoded)\n",
                             n_undefined),
                n_undefined, precis_image_metrics_get_n_images (images));
}

static int
run (MetricsOptions *o,
     PrecisBinning   binning,
     const double   *area)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;
  g_autoptr(PrecisCustomMetrics) custom = NULL;
  g_autoptr(PrecisMetrics) metrics = NULL;
  g_autofree guint8 *mask = NULL;
  int ret;

  ret = precis_cli_load_matcher ("metrics", &o->common, &matcher, &mask);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (o->metrics_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (o->metrics_file);

      custom = precis_custom_metrics_load (precis_matcher_get_dataset (matcher), file, &error);
      if (custom == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
    }

  active = precis_active_new (matcher);
  precis_active_set_threshold (active, o->common.iou);
  precis_active_set_confidence (active, o->common.confidence);
  precis_active_set_area_range (active, area[0], area[1]);
  if (mask != NULL)
    precis_active_set_classes (active, mask);
  metrics = precis_metrics_new (active, custom);

  if (o->list)
    {
      for (guint i = 0; i < precis_metrics_get_n_metrics (metrics); i++)
        g_print ("%s\t%s\n", precis_metrics_get_name (metrics, i),
                 precis_metrics_is_custom (metrics, i) ? _("imported") : _("built-in"));
      return PRECIS_CLI_OK;
    }
  if (o->summary)
    {
      attach_image_metrics (o, metrics, precis_matcher_get_dataset (matcher), PRECIS_NO_INDEX);
      if (o->common.json)
        {
          g_autoptr(JsonNode) root = precis_metrics_summary_to_json (metrics);

          precis_cli_print_json (root);
        }
      else if (o->png == NULL)
        print_summary (metrics);
      return o->png != NULL ? write_png (o, metrics, NULL) : PRECIS_CLI_OK;
    }

  {
    guint32 metric = precis_metrics_find (metrics, o->metric);
    const PrecisMetricResult *res;

    if (metric == PRECIS_NO_INDEX)
      {
        g_autofree char *msg = g_strdup_printf (_("--metric: no metric named “%s” (see --list)"), o->metric);
        return usage_error (msg);
      }
    attach_image_metrics (o, metrics, precis_matcher_get_dataset (matcher), metric);
    precis_metrics_set_metric (metrics, metric);
    precis_metrics_set_n_buckets (metrics, (guint)o->buckets);
    precis_metrics_set_binning (metrics, binning);
    res = precis_metrics_evaluate (metrics);
    if (o->common.json)
      {
        g_autoptr(JsonNode) root = precis_metrics_result_to_json (metrics, res);

        precis_cli_print_json (root);
      }
    else if (o->common.csv)
      {
        g_autofree char *csv = precis_metrics_result_to_csv (metrics, res);

        g_print ("%s", csv);
      }
    else if (o->png == NULL)
      print_buckets (metrics, res, o->common.iou);
    if (o->png != NULL)
      return write_png (o, metrics, res);
  }
  return PRECIS_CLI_OK;
}

int
precis_cli_metrics (int    argc,
                    char **argv)
{
  g_auto(MetricsOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &o.list, N_("List the available metrics"), NULL },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &o.summary, N_("Importance and correlation of every metric"), NULL },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &o.metric, N_("Precision and FN rate per bucket of one metric"), N_("NAME") },
    { "buckets", 0, 0, G_OPTION_ARG_INT, &o.buckets, N_("Number of buckets (default 10)"), N_("B") },
    { "binning", 0, 0, G_OPTION_ARG_STRING, &o.binning, N_("width or quantile (default)"), N_("BINNING") },
    { "metrics", 0, 0, G_OPTION_ARG_FILENAME, &o.metrics_file, N_("Import custom metrics from a CSV or JSON file"), N_("FILE") },
    { NULL }
  };
  const GOptionEntry more[] = {
    { "area-range", 0, 0, G_OPTION_ARG_STRING, &o.area_range, N_("Only GTs of this area: small, medium, large or LO:HI"), N_("RANGE") },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &o.png, N_("Write the chart the app draws as a PNG"), N_("FILE") },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &o.chart, N_("precision or fn-rate (--metric), importance or correlation (--summary)"), N_("CHART") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o.force, N_("Overwrite the --png file"), NULL },
    { "no-image-metrics", 0, 0, G_OPTION_ARG_NONE, &o.no_image_metrics, N_("Do not decode the images: brightness, contrast and sharpness stay undefined"), NULL },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &o.no_cache, N_("Parse the inputs without the dataset cache, and decode the images even when the image-metrics cache has their values"), NULL },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = "metrics",
    .summary = N_("Metric performance of a model (protocol active): precision and FN rate\n"
                  "per bucket of a metric, its correlation with TP and its importance."),
    .options = PRECIS_CLI_OPT_SOURCES | PRECIS_CLI_OPT_MODEL | PRECIS_CLI_OPT_IOU_TYPE | PRECIS_CLI_OPT_IOU
               | PRECIS_CLI_OPT_CLASSES | PRECIS_CLI_OPT_CONFIDENCE | PRECIS_CLI_OPT_JSON | PRECIS_CLI_OPT_CSV,
    .lead = entries,
    .entries = more,
  };
  PrecisBinning binning = PRECIS_BINNING_QUANTILE;
  double area[2] = { 0, INFINITY };
  int ret;

  o.buckets = 10;
  ret = precis_cli_options_parse (&command, &o.common, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (o.no_cache)
    precis_dataset_cache_set_enabled (FALSE);
  ret = check_options (&o, &binning, area);
  if (ret != PRECIS_CLI_OK)
    return ret;
  return run (&o, binning, area);
}

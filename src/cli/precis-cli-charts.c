/* precis-cli-charts.c: precis-cli charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "precis-cli.h"
#include "precis-active.h"
#include "precis-chart.h"
#include "precis-cli-charts.h"
#include "precis-cli-options.h"

typedef struct {
  PrecisCliOptions  common;
  double            background;
  int               confusion_classes;
  gboolean          confusion_row_normalised;
  double            scale;
  double            width;
  double            height;
  gboolean          force;
  gboolean          compare;
  char             *models;
  char             *baseline;
  char             *out;
} ChartsOptions;

static void
charts_options_clear (ChartsOptions *o)
{
  precis_cli_options_clear (&o->common);
  g_free (o->out);
  g_free (o->models);
  g_free (o->baseline);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChartsOptions, charts_options_clear)

static int
usage_error (const char *message)
{
  return precis_cli_usage_error ("charts", message);
}

/* pycocotools' evaluation, charted at @iou (one of its thresholds). */
static PrecisChartModel *
coco_model (PrecisMatcher *matcher,
            PrecisIouType  type,
            const guint8  *mask,
            double         iou,
            int           *status)
{
  PrecisCocoParams params;
  g_autoptr(PrecisCocoEval) eval = NULL;
  g_autoptr(GError) error = NULL;
  guint t;

  precis_coco_params_init (&params, type);
  if (!precis_chart_coco_threshold_index (&params, iou, &t))
    {
      *status = usage_error (_("--iou: protocol coco needs one of 0.50, 0.55, … 0.95"));
      return NULL;
    }
  /* --classes works as pycocotools' params.catIds. */
  params.categories = mask;
  eval = precis_cocoeval_new (matcher, &params, NULL, &error);
  if (eval == NULL)
    {
      precis_cli_print_error (error);
      *status = PRECIS_CLI_BAD_INPUT;
      return NULL;
    }
  return precis_chart_model_new_from_cocoeval (eval, t);
}

int
precis_cli_charts_save (PrecisChart               *chart,
                        const char                *stem,
                        const PrecisCliChartsSave *save)
{
  g_autofree char *name = g_strconcat (stem, ".png", NULL);
  g_autofree char *path = g_build_filename (save->out, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!precis_chart_save_png (chart, path, save->width, save->height, save->scale,
                              save->force ? PRECIS_PNG_SAVE_OVERWRITE : PRECIS_PNG_SAVE_NONE, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  g_print ("%s\n", path);
  return PRECIS_CLI_OK;
}

/* TIDE's error types and the confusion matrix, for errors.png and confusion.png. */
static gboolean
add_error_data (PrecisChartModel    *chart_model,
                PrecisMatcher       *matcher,
                const guint8        *mask,
                const ChartsOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;
  g_autoptr(PrecisOverlaps) overlaps = NULL;
  g_autoptr(PrecisTide) tide = NULL;
  g_autoptr(PrecisConfusion) confusion = NULL;
  PrecisTideDaps daps;

  /* TIDE walks the images in file order, which decides tied scores. */
  order = precis_overlaps_read_image_order (precis_matcher_get_dataset (matcher), NULL, &error);
  if (order != NULL)
    overlaps = precis_overlaps_new (matcher, order, 0, NULL, &error);
  if (overlaps == NULL)
    {
      precis_cli_print_error (error);
      return FALSE;
    }
  tide = precis_tide_new (overlaps);
  precis_tide_set_threshold (tide, o->common.iou);
  precis_tide_set_background (tide, o->background);
  precis_tide_set_confidence (tide, o->common.confidence);
  precis_tide_set_classes (tide, mask);
  precis_tide_compute_daps (tide, &daps);
  precis_chart_model_set_errors (chart_model, precis_tide_evaluate (tide), &daps);

  confusion = precis_confusion_new (overlaps);
  precis_confusion_set_threshold (confusion, o->common.iou);
  precis_confusion_set_confidence (confusion, o->common.confidence);
  precis_confusion_set_classes (confusion, mask);
  precis_chart_model_set_confusion (chart_model, precis_confusion_evaluate (confusion),
                                    precis_matcher_get_dataset (matcher), mask, o->confusion_classes,
                                    o->confusion_row_normalised);
  return TRUE;
}

int
precis_cli_charts (int    argc,
                   char **argv)
{
  g_auto(ChartsOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "background", 0, 0, G_OPTION_ARG_DOUBLE, &o.background, N_("errors.png: TIDE's background IoU threshold (default 0.1)"), N_("TB") },
    { "confusion-classes", 0, 0, G_OPTION_ARG_INT, &o.confusion_classes, N_("confusion.png: at most N classes, the most confused (default 20)"), N_("N") },
    { "confusion-row-normalised", 0, 0, G_OPTION_ARG_NONE, &o.confusion_row_normalised, N_("confusion.png: cells show their share of the row"), NULL },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &o.scale, N_("Pixels per logical pixel (default 1; 2 for print)"), N_("SCALE") },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &o.width, N_("Width in logical pixels (default: natural)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &o.height, N_("Height in logical pixels (default: natural)"), N_("H") },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &o.compare, N_("Write the comparison charts of several models instead"), NULL },
    { "models", 0, 0, G_OPTION_ARG_STRING, &o.models, N_("--compare: comma-separated models (default: all)"), N_("A,B,…") },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &o.baseline, N_("--compare: the model the others are compared with (default: the first)"), N_("NAME") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &o.force, N_("Replace existing files"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o.out, N_("Folder to write the PNGs into (created if needed)"), N_("DIR") },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = "charts",
    .parameter = N_("PROJECT — write every chart as PNG"),
    .description =
      N_("Writes performance.png, precision.png, recall.png, pr-curve.png, outcomes.png,\n"
         "f1-confidence.png, errors.png (TIDE's error types at --iou and --background) and\n"
         "confusion.png (the detection confusion matrix at --iou). Each PNG carries its evaluation as JSON in a “precis:evaluation”\n"
         "text chunk. Existing files are kept unless --force is given.\n"
         "With --protocol coco the charts show pycocotools' results at the IoU threshold\n"
         "--iou, which must be one of 0.50, 0.55, … 0.95 (area all, the largest maxDets):\n"
         "every chart but f1-confidence, which pycocotools has no scores for, errors\n"
         "and confusion."),
    .options = PRECIS_CLI_OPT_MODEL | PRECIS_CLI_OPT_PROTOCOL | PRECIS_CLI_OPT_IOU_TYPE | PRECIS_CLI_OPT_IOU
               | PRECIS_CLI_OPT_CLASSES | PRECIS_CLI_OPT_CONFIDENCE,
    .model_help = N_("Model to chart (default: the first)"),
    .iou_help = N_("IoU threshold (default 0.5; coco: one of 0.50, 0.55, … 0.95)"),
    .entries = entries,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) project = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisChartModel) chart_model = NULL;
  g_autofree guint8 *mask = NULL;
  PrecisIouType type = PRECIS_IOU_BBOX;
  guint model = 0;
  gboolean coco;
  int ret;
  int status = PRECIS_CLI_OK;

  o.background = 0.1;
  o.confusion_classes = 20;
  o.scale = 1.0;
  ret = precis_cli_options_parse (&command, &o.common, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;

  if (o.common.rest == NULL || o.common.rest[0] == NULL)
    return usage_error (_("missing PROJECT"));
  if (o.common.rest[1] != NULL)
    return usage_error (_("only one PROJECT may be given"));
  if (o.out == NULL)
    return usage_error (_("missing --out DIR"));
  type = o.common.type;
  coco = o.common.coco;
  if (coco)
    {
      PrecisCocoParams params;

      precis_coco_params_init (&params, PRECIS_IOU_BBOX);
      if (!precis_chart_coco_threshold_index (&params, o.common.iou, NULL))
        return usage_error (_("--iou: protocol coco needs one of 0.50, 0.55, … 0.95"));
    }
  if (!(o.background >= 0 && o.background <= 1))
    return usage_error (_("--background: must lie between 0 and 1"));
  if (o.confusion_classes < 1 || o.confusion_classes > 1000)
    return usage_error (_("--confusion-classes: must lie between 1 and 1000"));
  if (!(o.scale > 0 && o.scale <= 8))
    return usage_error (_("--scale: must lie in (0, 8]"));
  if (!(o.width >= 0 && o.width <= 8192) || !(o.height >= 0 && o.height <= 8192))
    return usage_error (_("--width, --height: must lie between 0 (natural size) and 8192"));

  project = g_file_new_for_commandline_arg (o.common.rest[0]);
  dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  if (precis_dataset_get_n_models (dataset) == 0)
    {
      g_printerr ("precis-cli: %s\n", _("the project has no predictions to chart"));
      return PRECIS_CLI_BAD_INPUT;
    }
  ret = precis_cli_resolve_selection (dataset, "charts", o.common.model, o.common.iou_type != NULL, o.common.classes,
                                      &model, &type, &mask);
  if (ret != PRECIS_CLI_OK)
    return ret;

  if (g_mkdir_with_parents (o.out, 0777) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (o.out);

      g_printerr ("precis-cli: %s\n", _("could not create the output folder"));
      g_printerr ("precis-cli: %s: %s\n", display, g_strerror (saved_errno));
      return PRECIS_CLI_BAD_INPUT;
    }

  if (o.compare)
    {
      PrecisCliChartsSave save = { o.out, o.width, o.height, o.scale, o.force };

      if (coco)
        return usage_error (_("--compare applies to protocol active only"));
      return precis_cli_charts_compare (dataset, type, mask, o.models, o.baseline, o.common.iou, o.common.confidence, &save);
    }
  if (o.models != NULL || o.baseline != NULL)
    return usage_error (_("--models and --baseline need --compare"));

  matcher = precis_matcher_new (dataset, model, type, 0, NULL, NULL, NULL, &error);
  if (matcher == NULL)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  if (coco)
    chart_model = coco_model (matcher, type, mask, o.common.iou, &status);
  else
    {
      g_autoptr(PrecisActive) active = precis_active_new (matcher);

      precis_active_set_threshold (active, o.common.iou);
      precis_active_set_confidence (active, o.common.confidence);
      if (mask != NULL)
        precis_active_set_classes (active, mask);
      chart_model = precis_chart_model_new_from_active (active);
    }
  if (chart_model == NULL)
    return status;
  /* TIDE and the confusion matrix are not pycocotools' results: protocol active only. */
  if (!coco && !add_error_data (chart_model, matcher, mask, &o))
    return PRECIS_CLI_BAD_INPUT;

  for (guint k = 0; k < PRECIS_CHART_COMPARE_PR; k++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (chart_model, k);
      PrecisCliChartsSave save = { o.out, o.width, o.height, o.scale, o.force };

      if (coco && k == PRECIS_CHART_F1_CONFIDENCE)
        continue;   /* pycocotools keeps no per-score F1 */
      if (coco && k >= PRECIS_N_CHART_KINDS)
        continue;
      if (precis_cli_charts_save (chart, precis_chart_kind_to_string (k), &save) != PRECIS_CLI_OK)
        status = PRECIS_CLI_BAD_INPUT;
    }

  return status;
}

/* precis-cli-errors.c: precis-cli errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "precis-cli.h"
#include "precis-cli-json.h"
#include "precis-cli-options.h"
#include "precis-tide.h"

static void
print_table (PrecisDataset          *dataset,
             guint                   model,
             PrecisIouType           type,
             const PrecisTideResult *res,
             const PrecisTideDaps   *daps)
{
  g_print (_("TIDE errors · IoU threshold %.2f · background %.2f · %s · model %s"),
           res->threshold, res->background, precis_iou_type_to_string (type),
           precis_dataset_get_model_name (dataset, model));
  if (res->confidence > 0)
    g_print (_(" · confidence ≥ %g"), res->confidence);
  g_print ("\n\n");
  g_print (_("AP@%.2f = %.2f\n\n"), res->threshold, daps->ap);
  g_print ("%-8s %8s %8s\n", _("type"), "dAP", _("count"));
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    g_print ("%-8s %8.2f %8u\n", precis_tide_error_to_name (e), daps->main[e], res->counts[e]);
  g_print ("\n");
  g_print ("%-8s %8.2f %8u\n", "FalsePos", daps->special_fp, res->n_fp);
  g_print ("%-8s %8.2f %8u\n", "FalseNeg", daps->special_fn, res->n_fn);
}

int
precis_cli_errors (int    argc,
                   char **argv)
{
  double background = 0.1;
  const GOptionEntry entries[] = {
    { "background", 0, 0, G_OPTION_ARG_DOUBLE, &background, N_("Background IoU threshold (default 0.1)"), N_("TB") },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = "errors",
    .summary = N_("TIDE's error analysis of a model: the count and dAP of each error type\n"
                  "(Cls, Loc, Both, Dupe, Bkg, Miss) and the FalsePos / FalseNeg dAPs,\n"
                  "in percent as TIDE prints them."),
    .options = PRECIS_CLI_OPT_SOURCES | PRECIS_CLI_OPT_MODEL | PRECIS_CLI_OPT_IOU_TYPE | PRECIS_CLI_OPT_IOU
               | PRECIS_CLI_OPT_CLASSES | PRECIS_CLI_OPT_CONFIDENCE | PRECIS_CLI_OPT_JSON,
    .model_help = N_("Model to analyse (default: the first)"),
    .iou_help = N_("Foreground IoU threshold (default 0.5)"),
    .json_help = N_("Print JSON with full precision"),
    .entries = entries,
  };
  g_auto(PrecisCliOptions) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisOverlaps) overlaps = NULL;
  g_autoptr(PrecisTide) tide = NULL;
  g_autofree guint8 *mask = NULL;
  g_autofree guint32 *image_order = NULL;
  PrecisDataset *dataset;
  PrecisTideDaps daps;
  const PrecisTideResult *res;
  int ret;

  ret = precis_cli_options_parse (&command, &o, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (!(background >= 0 && background <= 1))
    return precis_cli_usage_error ("errors", _("--background: must lie between 0 and 1"));

  ret = precis_cli_load_matcher ("errors", &o, &matcher, &mask);
  if (ret != PRECIS_CLI_OK)
    return ret;
  dataset = precis_matcher_get_dataset (matcher);

  /* TIDE walks the images in file order, which decides tied scores. */
  image_order = precis_overlaps_read_image_order (dataset, NULL, &error);
  if (image_order != NULL)
    overlaps = precis_overlaps_new (matcher, image_order, 0, NULL, &error);
  if (overlaps == NULL)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }

  tide = precis_tide_new (overlaps);
  precis_tide_set_threshold (tide, o.iou);
  precis_tide_set_background (tide, background);
  precis_tide_set_confidence (tide, o.confidence);
  precis_tide_set_classes (tide, mask);
  res = precis_tide_evaluate (tide);
  precis_tide_compute_daps (tide, &daps);

  if (o.json)
    {
      g_autoptr(JsonNode) root = precis_tide_to_json (res, &daps);

      precis_cli_print_json (root);
    }
  else
    print_table (dataset, precis_matcher_get_model (matcher), precis_matcher_get_iou_type (matcher), res, &daps);

  return PRECIS_CLI_OK;
}

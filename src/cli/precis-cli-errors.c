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
#include "precis-tide.h"

typedef struct {
  char     *model;
  char     *iou_type;
  double    iou;
  double    background;
  char     *classes;
  gboolean  json;
  char    **rest;
} ErrorsOptions;

static void
errors_options_clear (ErrorsOptions *o)
{
  g_free (o->model);
  g_free (o->iou_type);
  g_free (o->classes);
  g_strfreev (o->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErrorsOptions, errors_options_clear)

static int
usage_error (const char *message)
{
  return precis_cli_usage_error ("errors", message);
}

static void
print_table (PrecisDataset          *dataset,
             guint                   model,
             PrecisIouType           type,
             const PrecisTideResult *res,
             const PrecisTideDaps   *daps)
{
  g_print (_("TIDE errors · IoU threshold %.2f · background %.2f · %s · model %s\n\n"),
           res->threshold, res->background, precis_iou_type_to_string (type),
           precis_dataset_get_model_name (dataset, model));
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
  g_auto(ErrorsOptions) o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
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

  o.iou = 0.5;
  o.background = 0.1;

  {
    GOptionEntry entries[] = {
      { "model", 0, 0, G_OPTION_ARG_STRING, &o.model, N_("Model to analyse (default: the first)"), N_("NAME") },
      { "iou", 0, 0, G_OPTION_ARG_DOUBLE, &o.iou, N_("Foreground IoU threshold (default 0.5)"), N_("T") },
      { "background", 0, 0, G_OPTION_ARG_DOUBLE, &o.background, N_("Background IoU threshold (default 0.1)"), N_("TB") },
      { "iou-type", 0, 0, G_OPTION_ARG_STRING, &o.iou_type, N_("bbox, segm, keypoints or polyline"), N_("TYPE") },
      { "classes", 0, 0, G_OPTION_ARG_STRING, &o.classes, N_("Comma-separated class names or ids"), N_("LIST") },
      { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON with full precision"), NULL },
      { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.rest, NULL, N_("PROJECT") },
      { NULL }
    };

    context = g_option_context_new (NULL);
    g_option_context_set_summary (context, _("TIDE's error analysis of a model: the count and dAP of each error type\n"
                                             "(Cls, Loc, Both, Dupe, Bkg, Miss) and the FalsePos / FalseNeg dAPs,\n"
                                             "in percent as TIDE prints them."));
    g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    if (!g_option_context_parse (context, &argc, &argv, &error))
      return usage_error (error->message);
  }

  if (!(o.iou >= 0 && o.iou <= 1))
    return usage_error (_("--iou: must lie between 0 and 1"));
  if (!(o.background >= 0 && o.background <= 1))
    return usage_error (_("--background: must lie between 0 and 1"));

  ret = precis_cli_load_matcher ("errors", o.rest, o.model, o.iou_type, o.classes, &matcher, &mask);
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
  precis_tide_set_background (tide, o.background);
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

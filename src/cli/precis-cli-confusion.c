/* precis-cli-confusion.c: precis-cli confusion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-json.h"
#include "precis-confusion.h"

typedef struct {
  char     *model;
  char     *iou_type;
  double    iou;
  double    confidence;
  char     *classes;
  gboolean  json;
  gboolean  csv;
  char    **rest;
} ConfusionOptions;

static void
confusion_options_clear (ConfusionOptions *o)
{
  g_free (o->model);
  g_free (o->iou_type);
  g_free (o->classes);
  g_strfreev (o->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ConfusionOptions, confusion_options_clear)

static int
usage_error (const char *message)
{
  return precis_cli_usage_error ("confusion", message);
}

int
precis_cli_confusion (int    argc,
                      char **argv)
{
  g_auto(ConfusionOptions) o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisOverlaps) overlaps = NULL;
  g_autoptr(PrecisConfusion) confusion = NULL;
  g_autofree guint8 *mask = NULL;
  int ret;

  o.iou = 0.5;

  {
    GOptionEntry entries[] = {
      { "model", 0, 0, G_OPTION_ARG_STRING, &o.model, N_("Model to evaluate (default: the first)"), N_("NAME") },
      { "iou", 0, 0, G_OPTION_ARG_DOUBLE, &o.iou, N_("IoU threshold (default 0.5)"), N_("T") },
      { "confidence", 0, 0, G_OPTION_ARG_DOUBLE, &o.confidence, N_("Drop predictions scored below S"), N_("S") },
      { "iou-type", 0, 0, G_OPTION_ARG_STRING, &o.iou_type, N_("bbox, segm, keypoints or polyline"), N_("TYPE") },
      { "classes", 0, 0, G_OPTION_ARG_STRING, &o.classes, N_("Comma-separated class names or ids"), N_("LIST") },
      { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON"), NULL },
      { "csv", 0, 0, G_OPTION_ARG_NONE, &o.csv, N_("Print CSV"), NULL },
      { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.rest, NULL, N_("PROJECT") },
      { NULL }
    };

    context = g_option_context_new (NULL);
    g_option_context_set_summary (context, _("The detection confusion matrix of a model: class-agnostic matching at IoU ≥ T,\n"
                                             "rows GT classes and background, columns predicted classes and background."));
    g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    if (!g_option_context_parse (context, &argc, &argv, &error))
      return usage_error (error->message);
  }

  if (o.json && o.csv)
    return usage_error (_("give --json or --csv, not both"));
  if (!(o.iou >= 0 && o.iou <= 1))
    return usage_error (_("--iou: must lie between 0 and 1"));
  if (!(o.confidence >= 0 && isfinite (o.confidence)))
    return usage_error (_("--confidence: must be a number ≥ 0"));

  ret = precis_cli_load_matcher ("confusion", o.rest, o.model, o.iou_type, o.classes, &matcher, &mask);
  if (ret != PRECIS_CLI_OK)
    return ret;
  overlaps = precis_overlaps_new (matcher, NULL, 0, NULL, &error);
  if (overlaps == NULL)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }

  confusion = precis_confusion_new (overlaps);
  precis_confusion_set_threshold (confusion, o.iou);
  precis_confusion_set_confidence (confusion, o.confidence);
  precis_confusion_set_classes (confusion, mask);

  if (o.json)
    {
      g_autoptr(JsonNode) root = precis_confusion_to_json (confusion);

      precis_cli_print_json (root);
    }
  else
    {
      /* The table is the CSV: one line per GT class, readable and machine-readable. */
      g_autofree char *csv = precis_confusion_to_csv (confusion);

      if (!o.csv)
        g_print (_("Confusion matrix · IoU threshold %.2f · rows GT, columns predictions\n\n"), o.iou);
      g_print ("%s", csv);
    }
  return PRECIS_CLI_OK;
}

/* precis-cli-confusion.c: precis-cli confusion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-json.h"
#include "precis-cli-options.h"
#include "precis-chart.h"
#include "precis-confusion.h"

/* --png: the confusion chart with the options of the app's matrix (Top classes,
 * Counts / Row-normalised), through the core renderer. */
static int
write_png (PrecisConfusion        *confusion,
           PrecisMatcher          *matcher,
           const PrecisCliOptions *o,
           const guint8           *mask,
           const char             *path,
           int                     top,
           gboolean                row_normalised,
           gboolean                force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisActive) active = precis_active_new (matcher);
  g_autoptr(PrecisChartModel) model = NULL;
  g_autoptr(PrecisChart) chart = NULL;

  /* The subtitle's model, threshold and selection. */
  precis_active_set_threshold (active, o->iou);
  precis_active_set_confidence (active, o->confidence);
  if (mask != NULL)
    precis_active_set_classes (active, mask);
  model = precis_chart_model_new_from_active (active);

  precis_chart_model_set_confusion (model, precis_confusion_evaluate (confusion),
                                    precis_matcher_get_dataset (matcher), mask, top, row_normalised);
  chart = precis_chart_new (model, PRECIS_CHART_CONFUSION);
  if (!precis_chart_save_png (chart, path, 0, 0, 1.0,
                              force ? PRECIS_PNG_SAVE_OVERWRITE : PRECIS_PNG_SAVE_NONE, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  return PRECIS_CLI_OK;
}

int
precis_cli_confusion (int    argc,
                      char **argv)
{
  g_autofree char *png = NULL;
  int top = 12;
  gboolean row_normalised = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, N_("Also draw the matrix as a PNG chart, as the app shows it"), N_("FILE") },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("--png: at most N classes, the most confused (default 12)"), N_("N") },
    { "row-normalised", 0, 0, G_OPTION_ARG_NONE, &row_normalised, N_("--png: cells show their share of the row"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing --png file"), NULL },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = "confusion",
    .summary = N_("The detection confusion matrix of a model: class-agnostic matching at IoU ≥ T,\n"
                  "rows GT classes and background, columns predicted classes and background."),
    .options = PRECIS_CLI_OPT_SOURCES | PRECIS_CLI_OPT_MODEL | PRECIS_CLI_OPT_IOU_TYPE | PRECIS_CLI_OPT_IOU
               | PRECIS_CLI_OPT_CLASSES | PRECIS_CLI_OPT_CONFIDENCE | PRECIS_CLI_OPT_JSON | PRECIS_CLI_OPT_CSV,
    .entries = entries,
  };
  g_auto(PrecisCliOptions) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisOverlaps) overlaps = NULL;
  g_autoptr(PrecisConfusion) confusion = NULL;
  g_autofree guint8 *mask = NULL;
  int ret;

  ret = precis_cli_options_parse (&command, &o, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;

  if (top < 1 || top > 1000)
    return precis_cli_usage_error ("confusion", _("--top: must lie between 1 and 1000"));
  ret = precis_cli_load_matcher ("confusion", &o, &matcher, &mask);
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
  if (png != NULL)
    return write_png (confusion, matcher, &o, mask, png, top, row_normalised, force);
  return PRECIS_CLI_OK;
}

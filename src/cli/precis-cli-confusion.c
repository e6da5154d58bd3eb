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
#include "precis-confusion.h"

int
precis_cli_confusion (int    argc,
                      char **argv)
{
  static const PrecisCliCommand command = {
    .name = "confusion",
    .summary = N_("The detection confusion matrix of a model: class-agnostic matching at IoU ≥ T,\n"
                  "rows GT classes and background, columns predicted classes and background."),
    .options = PRECIS_CLI_OPT_SOURCES | PRECIS_CLI_OPT_MODEL | PRECIS_CLI_OPT_IOU_TYPE | PRECIS_CLI_OPT_IOU
               | PRECIS_CLI_OPT_CLASSES | PRECIS_CLI_OPT_CONFIDENCE | PRECIS_CLI_OPT_JSON | PRECIS_CLI_OPT_CSV,
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
  return PRECIS_CLI_OK;
}

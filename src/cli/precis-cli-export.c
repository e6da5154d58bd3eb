/* precis-cli-export.c: precis-cli export, a project written in another format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-options.h"
#include "precis-format.h"

/* export takes --format, convert (the issue's name for the same) --to. */
static int
run (const char  *name,
     const char  *format_option,
     int          argc,
     char       **argv)
{
  g_auto(PrecisCliOptions) o = { 0, };
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *out_path = NULL;
  gboolean force = FALSE;
  PrecisFormat format;
  int status;
  const GOptionEntry lead[] = {
    { format_option, 0, 0, G_OPTION_ARG_STRING, &format_name, N_("coco, yolo, voc, cvat or label-studio"), N_("FORMAT") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_("Output folder (absent or empty unless --force)"), N_("DIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Write into a folder that is not empty, replacing its files"), NULL },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = name,
    .summary = N_("Writes the ground truth, the images and every model's predictions of PROJECT\n"
                  "(any format Precis reads) as a COCO, YOLO, Pascal VOC, CVAT or Label Studio project\n"
                  "(docs/FORMATS.md)."),
    .options = PRECIS_CLI_OPT_SOURCES,
    .lead = lead,
  };

  status = precis_cli_options_parse (&command, &o, &argc, &argv);
  if (status != PRECIS_CLI_OK)
    return status;
  if (format_name == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("--%s is required (coco, yolo, voc, cvat or label-studio)"), format_option);

      return precis_cli_usage_error (name, msg);
    }
  if (!precis_format_from_string (format_name, &format))
    {
      g_autofree char *msg = g_strdup_printf (_("--%s: must be coco, yolo, voc, cvat or label-studio"), format_option);

      return precis_cli_usage_error (name, msg);
    }
  if (out_path == NULL)
    return precis_cli_usage_error (name, _("--out is required"));

  dataset = precis_cli_load (name, o.rest, o.gt, o.preds, &status);
  if (dataset == NULL)
    return status;

  out = g_file_new_for_commandline_arg (out_path);
  if (!precis_format_export (dataset, format, out, force, NULL, &error))
    {
      precis_cli_print_error (error);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) ? PRECIS_CLI_USAGE : PRECIS_CLI_BAD_INPUT;
    }
  return PRECIS_CLI_OK;
}

int
precis_cli_export (int    argc,
                   char **argv)
{
  return run ("export", "format", argc, argv);
}

int
precis_cli_convert (int    argc,
                    char **argv)
{
  return run ("convert", "to", argc, argv);
}

/* precis-cli.c: command dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "precis-cli.h"

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "info",   precis_cli_info,   N_("Count the images, categories, ground truth and predictions of a project") },
  { "eval",   precis_cli_eval,   N_("Evaluate a model: per-class table and totals") },
  { "charts", precis_cli_charts, N_("Write every chart of an evaluation as PNG") },
  { "synth",  precis_cli_synth,  N_("Generate a deterministic COCO-shaped project") },
  { "bench",  precis_cli_bench,  N_("Measure load, precompute and evaluation speed and memory") },
  { "errors", precis_cli_errors, N_("TIDE error analysis: error types, counts and dAPs") },
  { "confusion", precis_cli_confusion, N_("Detection confusion matrix (class-agnostic matching)") },
};

void
precis_cli_print_error (const GError *error)
{
  g_printerr ("precis-cli: %s\n", error->message);
}

int
precis_cli_usage_error (const char *command,
                        const char *message)
{
  g_printerr ("precis-cli: %s: %s\n", command, message);
  g_printerr (_("Run “precis-cli %s --help” for the options.\n"), command);
  return PRECIS_CLI_USAGE;
}

int
precis_cli_resolve_selection (PrecisDataset  *dataset,
                              const char     *command,
                              const char     *model_name,
                              gboolean        type_given,
                              const char     *classes,
                              guint          *model,
                              PrecisIouType  *type,
                              guint8        **mask)
{
  *model = 0;
  *mask = NULL;

  if (model_name != NULL)
    {
      *model = precis_dataset_find_model (dataset, model_name);
      if (*model == PRECIS_NO_INDEX)
        {
          g_autofree char *msg = g_strdup_printf (_("--model: no model named “%s”"), model_name);
          return precis_cli_usage_error (command, msg);
        }
    }

  if (!type_given)
    {
      guint t;

      for (t = 0; t < PRECIS_N_IOU_TYPES; t++)
        if (precis_dataset_supports (dataset, *model, t))
          break;
      if (t == PRECIS_N_IOU_TYPES)
        {
          g_printerr ("precis-cli: %s\n", _("the ground truth and the model share no geometry to compare"));
          return PRECIS_CLI_BAD_INPUT;
        }
      *type = t;
    }
  else if (!precis_dataset_supports (dataset, *model, *type))
    {
      g_printerr ("precis-cli: %s\n", _("the ground truth or the model lacks geometry for this IoU type"));
      return PRECIS_CLI_BAD_INPUT;
    }

  if (classes != NULL)
    {
      g_autofree char *bad = NULL;
      g_autofree guint8 *selected = g_malloc0 (MAX (precis_dataset_get_n_categories (dataset), 1));

      if (!precis_dataset_parse_classes (dataset, classes, selected, &bad))
        {
          g_autofree char *msg = g_strdup_printf (_("--classes: no class named or numbered “%s”"), bad);
          return precis_cli_usage_error (command, msg);
        }
      *mask = g_steal_pointer (&selected);
    }

  return PRECIS_CLI_OK;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: precis-cli COMMAND [OPTION…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “precis-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return PRECIS_CLI_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return PRECIS_CLI_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("precis-cli %s\n", PACKAGE_VERSION);
      return PRECIS_CLI_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr ("precis-cli: %s\n", _("unknown command"));
  print_usage (stderr);
  return PRECIS_CLI_USAGE;
}

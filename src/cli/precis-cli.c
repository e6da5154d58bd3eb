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
};

void
precis_cli_print_error (const GError *error)
{
  g_printerr ("precis-cli: %s\n", error->message);
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

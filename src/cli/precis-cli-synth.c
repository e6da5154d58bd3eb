/* precis-cli-synth.c: precis-cli synth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-cli.h"

int
precis_cli_synth (int    argc,
               char **argv)
{
  /* Placeholder until this command lands. */
  g_printerr ("precis-cli: %s\n", "synth: not implemented yet");
  return PRECIS_CLI_USAGE;
}

/* precis-cli.h: the sub-commands of precis-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes shared by every command. */
enum {
  PRECIS_CLI_OK = 0,
  PRECIS_CLI_BAD_INPUT = 1,
  PRECIS_CLI_USAGE = 2,
};

/* Each command parses its own options from argv (argv[0] is the command name)
 * and returns an exit code. */
int precis_cli_info   (int argc, char **argv);
int precis_cli_eval   (int argc, char **argv);
int precis_cli_synth  (int argc, char **argv);
int precis_cli_bench  (int argc, char **argv);
int precis_cli_charts (int argc, char **argv);

/* Prints "precis-cli: MESSAGE" to stderr. GError messages from the core already
 * read "FILE: PATH: problem". */
void precis_cli_print_error (const GError *error);

G_END_DECLS

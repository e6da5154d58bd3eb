/* precis-cli.h: the sub-commands of precis-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "precis-dataset.h"

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
int precis_cli_errors (int argc, char **argv);
int precis_cli_confusion (int argc, char **argv);

/* Prints "precis-cli: MESSAGE" to stderr. GError messages from the core already
 * read "FILE: PATH: problem". */
void precis_cli_print_error (const GError *error);

/* Prints "precis-cli: COMMAND: MESSAGE" and where to find the options;
 * returns PRECIS_CLI_USAGE. */
int  precis_cli_usage_error (const char *command,
                             const char *message);

/* Resolves --model, --iou-type and --classes against a loaded dataset, as eval
 * and charts read them: no model name means the first model, no type the first
 * one both sides carry (bbox, segm, keypoints, polyline), no classes a NULL
 * @mask. Prints what is wrong and returns the exit code, PRECIS_CLI_OK when all
 * resolve. */
int  precis_cli_resolve_selection (PrecisDataset  *dataset,
                                   const char     *command,
                                   const char     *model_name,
                                   gboolean        type_given,
                                   const char     *classes,
                                   guint          *model,
                                   PrecisIouType  *type,
                                   guint8        **mask);

G_END_DECLS

/* precis-cli.h: the sub-commands of precis-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "precis-active.h"
#include "precis-dataset.h"

G_BEGIN_DECLS

/* Exit codes shared by every command. */
enum {
  PRECIS_CLI_OK = 0,
  PRECIS_CLI_BAD_INPUT = 1,
  PRECIS_CLI_USAGE = 2,
};

/* --area-range: pycocotools' named ranges (small, medium, large) or LO:HI,
 * both ends included, HI may be `inf`. */
gboolean precis_cli_parse_area_range (const char *spec,
                                      double     *lo,
                                      double     *hi);

/* Each command parses its own options from argv (argv[0] is the command name)
 * and returns an exit code. */
int precis_cli_info   (int argc, char **argv);
int precis_cli_eval   (int argc, char **argv);
int precis_cli_synth  (int argc, char **argv);
int precis_cli_bench  (int argc, char **argv);
int precis_cli_charts (int argc, char **argv);
int precis_cli_errors (int argc, char **argv);
int precis_cli_confusion (int argc, char **argv);
int precis_cli_import (int argc, char **argv);
int precis_cli_compare (int argc, char **argv);
int precis_cli_metrics (int argc, char **argv);
int precis_cli_merge  (int argc, char **argv);

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

/* Splits a --pred argument: NAME=FILE names the model (@name receives NAME),
 * anything else is a file (@name receives NULL). An argument that names an
 * existing file is a file even when it holds "=". */
void precis_cli_split_pred (const char  *arg,
                            char       **name,
                            char       **path);

/* Loads PROJECT (@rest[0]) or --gt with its --pred files, as every command
 * reads them: checks that exactly one of the two is given, prints what is
 * wrong and stores the exit code in @status. */
PrecisDataset *precis_cli_load (const char  *command,
                                char       **rest,
                                const char  *gt,
                                char       **preds,
                                int         *status);

/* The `precis-cli eval --json` object of protocol `active` (every member,
 * full precision); compare embeds the same object per model. */
JsonNode *precis_cli_active_to_json (PrecisDataset            *dataset,
                                     PrecisMatcher            *matcher,
                                     PrecisActive             *active,
                                     const PrecisActiveResult *res);

/* Prints @root pretty-printed, with a final newline, to stdout. */
void      precis_cli_print_json     (JsonNode *root);

G_END_DECLS

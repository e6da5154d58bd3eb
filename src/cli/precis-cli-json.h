/* precis-cli-json.h: output helpers of the errors and confusion commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "precis-active.h"
#include "precis-cli-options.h"

G_BEGIN_DECLS

/* Prints @root as pretty JSON and a newline on stdout. */
void           precis_cli_print_json    (JsonNode      *root);

/* Loads PROJECT (or --gt and --pred), resolves --model, --iou-type and
 * --classes and precomputes the matcher, printing what goes wrong; returns the
 * exit code. */
int            precis_cli_load_matcher  (const char              *command,
                                         const PrecisCliOptions  *o,
                                         PrecisMatcher          **matcher,
                                         guint8                 **mask);

/* Writes the per-object outcomes of @active, with TIDE's error type at the same
 * parameters, to @path (eval --objects); prints what goes wrong; returns the exit code. */
int            precis_cli_write_objects (PrecisActive  *active,
                                         const char    *path,
                                         gboolean       force);

G_END_DECLS

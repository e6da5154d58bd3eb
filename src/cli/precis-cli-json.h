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

/* Loads PROJECT (or --gt and --pred) and resolves --model, --iou-type and
 * --classes, printing what goes wrong; returns the exit code. */
int            precis_cli_load_selection (const char              *command,
                                          const PrecisCliOptions  *o,
                                          PrecisDataset          **dataset,
                                          guint                   *model,
                                          PrecisIouType           *type,
                                          guint8                 **mask);

/* Loads PROJECT (or --gt and --pred), resolves --model, --iou-type and
 * --classes and precomputes the matcher, printing what goes wrong; returns the
 * exit code. */
int            precis_cli_load_matcher  (const char              *command,
                                         const PrecisCliOptions  *o,
                                         PrecisMatcher          **matcher,
                                         guint8                 **mask);

/* precis_cli_load_matcher() on a loaded @dataset. */
int            precis_cli_dataset_matcher (const char              *command,
                                           const PrecisCliOptions  *o,
                                           PrecisDataset           *dataset,
                                           PrecisMatcher          **matcher,
                                           guint8                 **mask);

/* precis-cli-classify.c: `eval` on a classification project (SEMANTICS.md
 * §11): the per-class table and totals, or JSON; @area_range and @objects say
 * whether those eval options were given (they, --protocol coco, --iou,
 * --iou-type and --classes are usage errors there). Returns the exit code. */
int            precis_cli_eval_classify   (const PrecisCliOptions  *o,
                                           PrecisDataset           *dataset,
                                           gboolean                 area_range,
                                           gboolean                 objects);

/* `bench --classification`: load, precompute and confidence-step times of a
 * classification project. Returns the exit code. */
int            precis_cli_bench_classify  (GFile                   *project,
                                           const char              *model,
                                           guint                    sweeps,
                                           gboolean                 json);

/* Writes the per-object outcomes of @active, with TIDE's error type at the same
 * parameters, to @path (eval --objects); prints what goes wrong; returns the exit code. */
int            precis_cli_write_objects (PrecisActive  *active,
                                         const char    *path,
                                         gboolean       force);

/* eval's checks of --iou, --area-range under the protocol (the range into
 * @area_lo, @area_hi); prints what is wrong; returns the exit code. */
int            precis_cli_eval_check    (const PrecisCliOptions *o,
                                         const char             *area_range,
                                         double                 *area_lo,
                                         double                 *area_hi);

/* Evaluates @matcher as eval does and prints the table or JSON (--json in @o);
 * writes @objects when not NULL. Returns the exit code. */
int            precis_cli_eval_print    (PrecisMatcher          *matcher,
                                         const guint8           *mask,
                                         const guint8           *images,
                                         const PrecisCliOptions *o,
                                         double                  area_lo,
                                         double                  area_hi,
                                         const char             *objects,
                                         gboolean                force);

/* The a{sv} of eval's options that a partial carries (precis-cli-merge.c):
 * the sources as absolute paths, the resolved @model name and IoU @type, the
 * protocol, IoU, classes, confidence, area range. Floating. */
GVariant      *precis_cli_shard_options (const PrecisCliOptions *o,
                                         const char             *area_range,
                                         const char             *model,
                                         PrecisIouType           type);

G_END_DECLS

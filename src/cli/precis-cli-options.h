/* precis-cli-options.h: the options that several precis-cli commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "precis-active.h"

G_BEGIN_DECLS

/* Which of the shared options a command takes. */
typedef enum {
  PRECIS_CLI_OPT_SOURCES    = 1 << 0,   /* --gt FILE, --pred FILE…, --no-cache */
  PRECIS_CLI_OPT_MODEL      = 1 << 1,   /* --model NAME */
  PRECIS_CLI_OPT_PROTOCOL   = 1 << 2,   /* --protocol active|coco */
  PRECIS_CLI_OPT_IOU_TYPE   = 1 << 3,   /* --iou-type TYPE */
  PRECIS_CLI_OPT_IOU        = 1 << 4,   /* --iou T */
  PRECIS_CLI_OPT_CLASSES    = 1 << 5,   /* --classes LIST */
  PRECIS_CLI_OPT_CONFIDENCE = 1 << 6,   /* --confidence S */
  PRECIS_CLI_OPT_JSON       = 1 << 7,   /* --json */
  PRECIS_CLI_OPT_CSV        = 1 << 8,   /* --csv */
  PRECIS_CLI_OPT_COLLECTION = 1 << 9,   /* --collection NAME */
} PrecisCliOptionSet;

/* The selection of a model's evaluation: the shared options' values. */
typedef struct {
  char          *gt;
  char         **preds;
  char          *model;
  char          *protocol;
  char          *iou_type;
  double         iou;          /* 0.5 unless given */
  char          *classes;
  double         confidence;
  gboolean       json;
  gboolean       csv;
  char          *collection;
  gboolean       no_cache;     /* --no-cache (with the sources) */
  char         **rest;         /* the PROJECT arguments */

  /* Filled by precis_cli_options_parse(). */
  gboolean       iou_given;
  gboolean       coco;         /* --protocol coco */
  PrecisIouType  type;         /* --iou-type, PRECIS_IOU_BBOX unless given */
} PrecisCliOptions;

void precis_cli_options_clear (PrecisCliOptions *o);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PrecisCliOptions, precis_cli_options_clear)

/* A command's option parser. The help texts left NULL read as most commands
 * word them; set them (marked with N_()) where a command means more. */
typedef struct {
  const char         *name;         /* "eval": the command, in usage errors */
  const char         *parameter;    /* the usage line's words after [OPTION…]; NULL: PROJECT */
  const char         *summary;      /* above the options, or NULL */
  const char         *description;  /* below the options, or NULL */
  PrecisCliOptionSet  options;
  const char         *model_help;   /* NULL: "Model to evaluate (default: the first)" */
  const char         *iou_help;     /* NULL: "IoU threshold (default 0.5)" */
  const char         *json_help;    /* NULL: "Print JSON" */
  const GOptionEntry *lead;         /* the command's own, listed first; or NULL */
  const GOptionEntry *entries;      /* the command's own, listed after the shared ones; or NULL */
} PrecisCliCommand;

/* Parses @argv with the shared options of @command and its own entries, then
 * checks the shared values: --protocol, --iou-type, --iou in [0, 1],
 * --confidence ≥ 0 (and 0 under coco), not both --json and --csv. Prints what
 * is wrong; returns PRECIS_CLI_OK or PRECIS_CLI_USAGE. */
int  precis_cli_options_parse (const PrecisCliCommand  *command,
                               PrecisCliOptions        *o,
                               int                     *argc,
                               char                  ***argv);

/* The checks of precis_cli_options_parse() on values set otherwise (a merge
 * reads them from the partials): @o->iou NAN when not given. */
int  precis_cli_options_check (const char       *name,
                               PrecisCliOptions *o);

G_END_DECLS

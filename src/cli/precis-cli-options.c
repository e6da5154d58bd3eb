/* precis-cli-options.c: the options that several precis-cli commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-options.h"
#include "precis-dataset-cache.h"

void
precis_cli_options_clear (PrecisCliOptions *o)
{
  g_free (o->gt);
  g_strfreev (o->preds);
  g_free (o->model);
  g_free (o->protocol);
  g_free (o->iou_type);
  g_free (o->classes);
  g_free (o->collection);
  g_strfreev (o->rest);
}

static void
add_entry (GArray       *entries,
           gboolean      wanted,
           const char   *long_name,
           GOptionArg    arg,
           gpointer      data,
           const char   *help,
           const char   *arg_description)
{
  GOptionEntry e = { long_name, 0, 0, arg, data, help, arg_description };

  if (wanted)
    g_array_append_val (entries, e);
}

static void
append_all (GArray             *entries,
            const GOptionEntry *own)
{
  for (const GOptionEntry *e = own; e != NULL && e->long_name != NULL; e++)
    g_array_append_vals (entries, e, 1);
}

/* Whether @own has an entry named @long_name (a command's own meaning wins). */
static gboolean
has_entry (const GOptionEntry *own,
           const char         *long_name)
{
  for (const GOptionEntry *e = own; e != NULL && e->long_name != NULL; e++)
    if (g_str_equal (e->long_name, long_name))
      return TRUE;
  return FALSE;
}

#define DEFAULT(s, d) ((s) != NULL ? (s) : (d))

/* The shared entries in the order --help lists them, then @command's own. */
static GArray *
build_entries (const PrecisCliCommand *command,
               PrecisCliOptions       *o)
{
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  PrecisCliOptionSet set = command->options;

  append_all (entries, command->lead);
  add_entry (entries, set & PRECIS_CLI_OPT_SOURCES, "gt", G_OPTION_ARG_FILENAME, &o->gt,
             N_("Ground-truth file (instead of a project)"), N_("FILE"));
  add_entry (entries, set & PRECIS_CLI_OPT_SOURCES, "pred", G_OPTION_ARG_FILENAME_ARRAY, &o->preds,
             N_("Results file, or NAME=FILE (repeatable)"), N_("FILE"));
  add_entry (entries, (set & PRECIS_CLI_OPT_SOURCES) && !has_entry (command->entries, "no-cache"), "no-cache", G_OPTION_ARG_NONE, &o->no_cache,
             N_("Parse the inputs, neither reading nor writing the dataset cache"), NULL);
  add_entry (entries, set & PRECIS_CLI_OPT_MODEL, "model", G_OPTION_ARG_STRING, &o->model,
             DEFAULT (command->model_help, N_("Model to evaluate (default: the first)")), N_("NAME"));
  add_entry (entries, set & PRECIS_CLI_OPT_PROTOCOL, "protocol", G_OPTION_ARG_STRING, &o->protocol,
             N_("active (default) or coco"), N_("PROTOCOL"));
  add_entry (entries, set & PRECIS_CLI_OPT_IOU_TYPE, "iou-type", G_OPTION_ARG_STRING, &o->iou_type,
             N_("bbox, segm, keypoints or polyline"), N_("TYPE"));
  add_entry (entries, set & PRECIS_CLI_OPT_IOU, "iou", G_OPTION_ARG_DOUBLE, &o->iou,
             DEFAULT (command->iou_help, N_("IoU threshold (default 0.5)")), N_("T"));
  add_entry (entries, set & PRECIS_CLI_OPT_CLASSES, "classes", G_OPTION_ARG_STRING, &o->classes,
             N_("Comma-separated class names or ids"), N_("LIST"));
  add_entry (entries, set & PRECIS_CLI_OPT_COLLECTION, "collection", G_OPTION_ARG_STRING, &o->collection,
             N_("Evaluate only the images of this collection of PROJECT"), N_("NAME"));
  add_entry (entries, set & PRECIS_CLI_OPT_CONFIDENCE, "confidence", G_OPTION_ARG_DOUBLE, &o->confidence,
             N_("Drop predictions scored below S"), N_("S"));
  add_entry (entries, set & PRECIS_CLI_OPT_JSON, "json", G_OPTION_ARG_NONE, &o->json,
             DEFAULT (command->json_help, N_("Print JSON")), NULL);
  add_entry (entries, set & PRECIS_CLI_OPT_CSV, "csv", G_OPTION_ARG_NONE, &o->csv,
             N_("Print CSV"), NULL);
  append_all (entries, command->entries);
  add_entry (entries, TRUE, G_OPTION_REMAINING, G_OPTION_ARG_FILENAME_ARRAY, &o->rest,
             NULL, command->parameter == NULL ? N_("PROJECT") : NULL);
  return entries;
}

#undef DEFAULT

int
precis_cli_options_check (const char       *name,
                          PrecisCliOptions *o)
{

  if (o->protocol != NULL && !g_str_equal (o->protocol, "active") && !g_str_equal (o->protocol, "coco"))
    return precis_cli_usage_error (name, _("--protocol: must be “active” or “coco”"));
  o->coco = o->protocol != NULL && g_str_equal (o->protocol, "coco");
  o->type = PRECIS_IOU_BBOX;
  if (o->iou_type != NULL && !precis_iou_type_from_string (o->iou_type, &o->type))
    return precis_cli_usage_error (name, _("--iou-type: must be bbox, segm, keypoints or polyline"));
  o->iou_given = !isnan (o->iou);
  if (!o->iou_given)
    o->iou = 0.5;
  if (!(o->iou >= 0 && o->iou <= 1))
    return precis_cli_usage_error (name, _("--iou: must lie between 0 and 1"));
  if (!(o->confidence >= 0 && isfinite (o->confidence)))
    return precis_cli_usage_error (name, _("--confidence: must be a number ≥ 0"));
  if (o->coco && o->confidence > 0)
    return precis_cli_usage_error (name, _("--confidence applies to protocol active only"));
  if (o->collection != NULL && o->gt != NULL)
    return precis_cli_usage_error (name, _("--collection needs a PROJECT (not --gt and --pred)"));
  if (o->json && o->csv)
    return precis_cli_usage_error (name, _("give --json or --csv, not both"));
  return PRECIS_CLI_OK;
}

int
precis_cli_options_parse (const PrecisCliCommand  *command,
                          PrecisCliOptions        *o,
                          int                     *argc,
                          char                  ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = NULL;

  o->iou = NAN;   /* not given */
  entries = build_entries (command, o);
  context = g_option_context_new (command->parameter != NULL ? _(command->parameter) : NULL);
  if (command->summary != NULL)
    g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, (const GOptionEntry *) entries->data, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return precis_cli_usage_error (command->name, error->message);
  if (o->no_cache)
    precis_dataset_cache_set_enabled (FALSE);
  return precis_cli_options_check (command->name, o);
}

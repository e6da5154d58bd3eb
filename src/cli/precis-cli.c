/* precis-cli.c: command dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-i18n.h"

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "info",   precis_cli_info,   N_("Count the images, categories, ground truth and predictions of a project") },
  { "eval",   precis_cli_eval,   N_("Evaluate a model: per-class table and totals") },
  { "merge",  precis_cli_merge,  N_("Merge the partial results of a sharded eval into eval's output") },
  { "charts", precis_cli_charts, N_("Write every chart of an evaluation as PNG") },
  { "synth",  precis_cli_synth,  N_("Generate a deterministic COCO-shaped project") },
  { "import", precis_cli_import, N_("Add a model's predictions to a project file") },
  { "compare", precis_cli_compare, N_("Compare models: the totals side by side, the differences, a bootstrap") },
  { "bench",  precis_cli_bench,  N_("Measure load, precompute and evaluation speed and memory") },
  { "errors", precis_cli_errors, N_("TIDE error analysis: error types, counts and dAPs") },
  { "confusion", precis_cli_confusion, N_("Detection confusion matrix (class-agnostic matching)") },
  { "metrics", precis_cli_metrics, N_("Metric performance: precision and FN rate per bucket of a metric") },
  { "export", precis_cli_export, N_("Write a project as COCO, YOLO, VOC, CVAT or Label Studio (ground truth, images, predictions)") },
  { "convert", precis_cli_convert, N_("The same as export, with --to FORMAT") },
  { "collection", precis_cli_collection, N_("Create, list, delete and export the collections of a project file") },
  { "tag", precis_cli_tag, N_("Tag images of a project file, or remove a tag") },
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

  if (precis_dataset_is_classification (dataset))
    {
      g_printerr ("precis-cli: %s: %s\n", command,
                  _("a classification project (image labels without geometry) is evaluated by "
                    "“precis-cli eval”; this command needs objects with geometry"));
      return PRECIS_CLI_BAD_INPUT;
    }

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
  else
    {
      g_autoptr(GError) error = NULL;

      if (!precis_dataset_check_supports (dataset, *model, *type, &error))
        {
          guint other = 0;

          while (other < precis_dataset_get_n_models (dataset) &&
                 !precis_dataset_supports (dataset, other, *type))
            other++;
          if (other < precis_dataset_get_n_models (dataset))
            g_printerr (_("precis-cli: %s (use --model %s)\n"), error->message,
                        precis_dataset_get_model_name (dataset, other));
          else
            g_printerr ("precis-cli: %s\n", error->message);
          return PRECIS_CLI_BAD_INPUT;
        }
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

void
precis_cli_split_pred (const char  *arg,
                       char       **name,
                       char       **path)
{
  const char *eq = strchr (arg, '=');

  *name = NULL;
  if (eq == NULL || eq == arg || eq[1] == '\0' || g_file_test (arg, G_FILE_TEST_EXISTS))
    {
      *path = g_strdup (arg);
      return;
    }
  *name = g_strndup (arg, eq - arg);
  *path = g_strdup (eq + 1);
}

PrecisDataset *
precis_cli_load (const char  *command,
                 char       **rest,
                 const char  *gt,
                 char       **preds,
                 int         *status)
{
  g_autoptr(GError) error = NULL;
  PrecisDataset *dataset;
  gboolean have_project = rest != NULL && rest[0] != NULL;

  *status = PRECIS_CLI_USAGE;
  if (gt == NULL && !have_project)
    {
      precis_cli_usage_error (command, _("missing PROJECT (or --gt and --pred)"));
      return NULL;
    }
  if (gt != NULL && have_project)
    {
      precis_cli_usage_error (command, _("give either PROJECT or --gt, not both"));
      return NULL;
    }
  if (have_project && rest[1] != NULL)
    {
      precis_cli_usage_error (command, _("only one PROJECT may be given"));
      return NULL;
    }
  if (gt != NULL && (preds == NULL || preds[0] == NULL))
    {
      precis_cli_usage_error (command, _("--gt needs at least one --pred"));
      return NULL;
    }
  if (gt == NULL && preds != NULL)
    {
      precis_cli_usage_error (command, _("--pred needs --gt"));
      return NULL;
    }

  if (gt != NULL)
    {
      g_autoptr(GFile) gt_file = g_file_new_for_commandline_arg (gt);
      guint n = g_strv_length (preds);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = NULL;
          char *name = NULL;

          precis_cli_split_pred (preds[i], &name, &path);
          g_ptr_array_add (files, g_file_new_for_commandline_arg (path));
          g_ptr_array_add (names, name);
        }
      dataset = precis_dataset_load_files (gt_file, (GFile **) files->pdata,
                                           (const char * const *) names->pdata, n,
                                           NULL, NULL, NULL, NULL, &error);
    }
  else
    {
      g_autoptr(GFile) project = g_file_new_for_commandline_arg (rest[0]);

      dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
    }

  if (dataset == NULL)
    {
      precis_cli_print_error (error);
      *status = PRECIS_CLI_BAD_INPUT;
      return NULL;
    }
  *status = PRECIS_CLI_OK;
  return dataset;
}

static void
print_usage (FILE *stream)
{
  int width = 0;

  fprintf (stream, "%s\n\n", _("Usage: precis-cli COMMAND [OPTION…]"));
  /* The summaries start in one column, after the longest command name. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-*s %s\n", width, commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “precis-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  precis_i18n_init ();

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

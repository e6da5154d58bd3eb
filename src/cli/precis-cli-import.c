/* precis-cli-import.c: precis-cli import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-project.h"

typedef struct {
  char     *gt;
  char     *images;
  char    **preds;
  char     *name;
  char     *out;
  gboolean  force;
  char    **rest;
} ImportOptions;

static void
import_options_clear (ImportOptions *o)
{
  g_free (o->gt);
  g_free (o->images);
  g_strfreev (o->preds);
  g_free (o->name);
  g_free (o->out);
  g_strfreev (o->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportOptions, import_options_clear)

static int
usage_error (const char *message)
{
  return precis_cli_usage_error ("import", message);
}

static int
parse_options (ImportOptions  *o,
               int            *argc,
               char         ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean have_project;
  GOptionEntry entries[] = {
    { "pred", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->preds, N_("Results file to add, or NAME=FILE (repeatable)"), N_("FILE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &o->name, N_("Name of the added model (default: from the file name)"), N_("NAME") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &o->out, N_("Project file to write (default: PROJECT itself)"), N_("PROJECT_FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o->force, N_("Replace --out when it exists"), NULL },
    { "gt", 0, 0, G_OPTION_ARG_FILENAME, &o->gt, N_("Start a new project from this ground-truth file (needs --out)"), N_("FILE") },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &o->images, N_("Image folder of the new project (with --gt)"), N_("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->rest, NULL, N_("PROJECT") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Add the predictions of a model to a project. A project file is updated in\n"
                                           "place (atomically, keeping every member it has); a project folder, or a new\n"
                                           "project from --gt, is written to the project file --out."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (error->message);

  have_project = o->rest != NULL && o->rest[0] != NULL;
  if (o->gt == NULL && !have_project)
    return usage_error (_("missing PROJECT (or --gt)"));
  if (o->gt != NULL && have_project)
    return usage_error (_("give either PROJECT or --gt, not both"));
  if (have_project && o->rest[1] != NULL)
    return usage_error (_("only one PROJECT may be given"));
  if (o->images != NULL && o->gt == NULL)
    return usage_error (_("--images needs --gt"));
  if (o->preds == NULL || o->preds[0] == NULL)
    return usage_error (_("missing --pred FILE"));
  if (o->name != NULL && o->preds[1] != NULL)
    return usage_error (_("--name names one --pred: give NAME=FILE to name several"));
  return PRECIS_CLI_OK;
}

/* The project to edit and where to write it. */
static int
open_project (const ImportOptions  *o,
              PrecisProject       **project,
              GFile               **dest)
{
  g_autoptr(GError) error = NULL;

  if (o->gt != NULL)
    {
      g_autoptr(GFile) gt = g_file_new_for_commandline_arg (o->gt);
      g_autoptr(GFile) images = o->images != NULL ? g_file_new_for_commandline_arg (o->images) : NULL;

      *project = precis_project_new (gt, images);
    }
  else
    {
      g_autoptr(GFile) location = g_file_new_for_commandline_arg (o->rest[0]);

      *project = precis_project_open (location, NULL, &error);
      if (*project == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
      /* A folder is never rewritten in place, even with a project.json. */
      if (o->out == NULL &&
          g_file_query_file_type (location, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
        *dest = g_object_ref (precis_project_get_file (*project));
    }

  if (o->out != NULL)
    {
      GFile *source = precis_project_get_file (*project);

      *dest = g_file_new_for_commandline_arg (o->out);
      if (!o->force && (source == NULL || !g_file_equal (source, *dest)) &&
          g_file_query_exists (*dest, NULL))
        {
          g_autofree char *name = g_file_get_parse_name (*dest);

          g_printerr (_("precis-cli: %s: the file exists; add --force to replace it\n"), name);
          return PRECIS_CLI_BAD_INPUT;
        }
    }
  if (*dest == NULL)
    return usage_error (_("a project folder (or --gt) needs --out PROJECT_FILE to write"));
  return PRECIS_CLI_OK;
}

int
precis_cli_import (int    argc,
                   char **argv)
{
  g_auto(ImportOptions) o = { 0 };
  g_autoptr(PrecisProject) project = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dest_name = NULL;
  guint first;
  int ret;

  ret = parse_options (&o, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;
  ret = open_project (&o, &project, &dest);
  if (ret != PRECIS_CLI_OK)
    return ret;

  first = precis_project_get_n_models (project);
  for (guint i = 0; o.preds[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;

      precis_cli_split_pred (o.preds[i], &name, &path);
      file = g_file_new_for_commandline_arg (path);
      if (!precis_project_add_model (project, o.name != NULL ? o.name : name, file, &error) ||
          !precis_project_check_results (project, file, NULL, &error))
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
    }

  if (!precis_project_write (project, dest, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }

  dest_name = g_file_get_parse_name (dest);
  for (guint i = first; i < precis_project_get_n_models (project); i++)
    g_print (_("Added model “%s” to %s\n"), precis_project_get_model_name (project, i), dest_name);
  return PRECIS_CLI_OK;
}

/* precis-cli-json.c: output helpers of the errors and confusion commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-json.h"
#include "precis-outcomes.h"

void
precis_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

/* --model, --iou-type and --classes against a loaded @dataset. */
static int
resolve_in (const char              *command,
            const PrecisCliOptions  *o,
            PrecisDataset           *dataset,
            guint                   *model,
            PrecisIouType           *type,
            guint8                 **mask)
{
  *type = o->type;
  *model = 0;
  *mask = NULL;
  if (precis_dataset_get_n_models (dataset) == 0)
    {
      g_printerr ("precis-cli: %s\n", _("the project has no predictions to evaluate"));
      return PRECIS_CLI_BAD_INPUT;
    }
  return precis_cli_resolve_selection (dataset, command, o->model, o->iou_type != NULL, o->classes,
                                       model, type, mask);
}

int
precis_cli_load_selection (const char              *command,
                           const PrecisCliOptions  *o,
                           PrecisDataset          **dataset,
                           guint                   *model,
                           PrecisIouType           *type,
                           guint8                 **mask)
{
  int ret;

  *type = o->type;
  *model = 0;
  *mask = NULL;
  *dataset = precis_cli_load (command, o->rest, o->gt, o->preds, &ret);
  if (*dataset == NULL)
    return ret;
  ret = resolve_in (command, o, *dataset, model, type, mask);
  if (ret != PRECIS_CLI_OK)
    g_clear_object (dataset);
  return ret;
}

int
precis_cli_load_matcher (const char              *command,
                         const PrecisCliOptions  *o,
                         PrecisMatcher          **matcher,
                         guint8                 **mask)
{
  g_autoptr(PrecisDataset) dataset = NULL;
  int ret;

  *matcher = NULL;
  *mask = NULL;
  dataset = precis_cli_load (command, o->rest, o->gt, o->preds, &ret);
  if (dataset == NULL)
    return ret;
  return precis_cli_dataset_matcher (command, o, dataset, matcher, mask);
}

int
precis_cli_dataset_matcher (const char              *command,
                            const PrecisCliOptions  *o,
                            PrecisDataset           *dataset,
                            PrecisMatcher          **matcher,
                            guint8                 **mask)
{
  g_autoptr(GError) error = NULL;
  PrecisIouType type;
  guint model;
  int ret;

  *matcher = NULL;
  ret = resolve_in (command, o, dataset, &model, &type, mask);
  if (ret != PRECIS_CLI_OK)
    return ret;

  *matcher = precis_matcher_new (dataset, model, type, 0, NULL, NULL, NULL, &error);
  if (*matcher == NULL)
    {
      precis_cli_print_error (error);
      g_clear_pointer (mask, g_free);
      return PRECIS_CLI_BAD_INPUT;
    }
  return PRECIS_CLI_OK;
}

int
precis_cli_write_objects (PrecisActive *active,
                          const char   *path,
                          gboolean      force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisTide) tide = NULL;

  /* TIDE's error type at the same t, classes and confidence (background 0.1). */
  tide = precis_outcomes_new_tide (active, &error);
  if (tide == NULL || !precis_outcomes_write_csv (active, tide, path, force, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  return PRECIS_CLI_OK;
}

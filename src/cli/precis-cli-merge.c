/* precis-cli-merge.c: precis-cli merge, and the options a partial carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-json.h"
#include "precis-cli-options.h"
#include "precis-shard.h"

static void
add_string (GVariantDict *dict,
            const char   *key,
            const char   *value)
{
  if (value != NULL)
    g_variant_dict_insert (dict, key, "s", value);
}

GVariant *
precis_cli_shard_options (const PrecisCliOptions *o,
                          const char             *area_range,
                          const char             *model,
                          PrecisIouType           type)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  /* Absolute paths, so that the merge may run in another directory. */
  if (o->rest != NULL && o->rest[0] != NULL)
    {
      g_autofree char *abs = g_canonicalize_filename (o->rest[0], NULL);

      g_variant_dict_insert (&dict, "project", "s", abs);
    }
  if (o->gt != NULL)
    {
      g_autofree char *abs = g_canonicalize_filename (o->gt, NULL);

      g_variant_dict_insert (&dict, "gt", "s", abs);
    }
  if (o->preds != NULL)
    {
      g_autoptr(GPtrArray) preds = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; o->preds[i] != NULL; i++)
        {
          g_autofree char *name = NULL;
          g_autofree char *path = NULL;
          g_autofree char *abs = NULL;

          precis_cli_split_pred (o->preds[i], &name, &path);
          abs = g_canonicalize_filename (path, NULL);
          g_ptr_array_add (preds, name != NULL ? g_strconcat (name, "=", abs, NULL) : g_steal_pointer (&abs));
        }
      g_variant_dict_insert_value (&dict, "pred", g_variant_new_strv ((const char * const *)preds->pdata, preds->len));
    }
  /* The values in effect, so that equal evaluations spelled otherwise merge. */
  g_variant_dict_insert (&dict, "model", "s", model);
  g_variant_dict_insert (&dict, "protocol", "s", o->coco ? "coco" : "active");
  g_variant_dict_insert (&dict, "iou-type", "s", precis_iou_type_to_string (type));
  if (!o->coco)
    g_variant_dict_insert (&dict, "iou", "d", o->iou);
  add_string (&dict, "classes", o->classes);
  g_variant_dict_insert (&dict, "confidence", "d", o->confidence);
  add_string (&dict, "area-range", area_range);
  return g_variant_dict_end (&dict);
}

static char *
lookup_string (GVariant   *options,
               const char *key)
{
  char *value = NULL;

  g_variant_lookup (options, key, "s", &value);
  return value;
}

/* eval's options from a partial's, checked as eval checks its own. */
static int
read_options (GVariant         *options,
              PrecisCliOptions *o,
              char            **area_range)
{
  g_autofree char *project = lookup_string (options, "project");

  if (project != NULL)
    {
      o->rest = g_new0 (char *, 2);
      o->rest[0] = g_steal_pointer (&project);
    }
  o->gt = lookup_string (options, "gt");
  g_variant_lookup (options, "pred", "^as", &o->preds);
  o->model = lookup_string (options, "model");
  o->protocol = lookup_string (options, "protocol");
  o->iou_type = lookup_string (options, "iou-type");
  o->classes = lookup_string (options, "classes");
  *area_range = lookup_string (options, "area-range");
  o->iou = NAN;
  g_variant_lookup (options, "iou", "d", &o->iou);
  g_variant_lookup (options, "confidence", "d", &o->confidence);
  return precis_cli_options_check ("merge", o);
}

int
precis_cli_merge (int    argc,
                  char **argv)
{
  g_auto(PrecisCliOptions) o = { 0 };
  g_auto(PrecisCliOptions) eval = { 0 };
  g_autoptr(GPtrArray) partials = g_ptr_array_new_with_free_func ((GDestroyNotify)precis_partial_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autofree guint8 *mask = NULL;
  g_autofree char *area_range = NULL;
  const PrecisCliCommand command = {
    .name = "merge",
    .parameter = N_("PARTIAL… — merge the partial results of eval --shard"),
    .summary = N_("Print what precis-cli eval prints for the whole project, from the partial\n"
                  "results of every shard (eval --shard I/N --partial FILE): the same table,\n"
                  "or byte for byte the same JSON with --json. The evaluation's options are\n"
                  "the partials'; they must agree, and every shard must be given once."),
    .options = PRECIS_CLI_OPT_JSON,
    .json_help = N_("Print JSON with full precision"),
  };
  PrecisIouType type;
  guint model;
  double area_lo = 0, area_hi = INFINITY;
  int ret;

  ret = precis_cli_options_parse (&command, &o, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (o.rest == NULL || o.rest[0] == NULL)
    return precis_cli_usage_error ("merge", _("missing PARTIAL files"));

  for (guint i = 0; o.rest[i] != NULL; i++)
    {
      PrecisPartial *p = precis_partial_read (o.rest[i], &error);

      if (p == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
      g_ptr_array_add (partials, p);
    }
  if (!precis_partials_check ((PrecisPartial * const *)partials->pdata, partials->len, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }

  ret = read_options (precis_partial_get_options (partials->pdata[0]), &eval, &area_range);
  if (ret == PRECIS_CLI_OK)
    ret = precis_cli_eval_check (&eval, area_range, &area_lo, &area_hi);
  if (ret == PRECIS_CLI_OK)
    ret = precis_cli_load_selection ("merge", &eval, &dataset, &model, &type, &mask);
  if (ret != PRECIS_CLI_OK)
    return ret;

  matcher = precis_shard_merge (dataset, model, type, (PrecisPartial * const *)partials->pdata,
                                partials->len, &error);
  if (matcher == NULL)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  /* The partials can go before the evaluation: the matcher holds the tables. */
  g_ptr_array_set_size (partials, 0);
  eval.json = o.json;
  return precis_cli_eval_print (matcher, mask, &eval, area_lo, area_hi, NULL, FALSE);
}

/* precis-cli-eval.c: precis-cli eval
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "precis-cli.h"
#include "precis-cli-json.h"
#include "precis-cli-options.h"
#include "precis-active.h"
#include "precis-cocoeval.h"
#include "precis-shard.h"

static int
usage_error (const char *message)
{
  return precis_cli_usage_error ("eval", message);
}

/* --area-range: pycocotools' named ranges (SEMANTICS.md §3, §4) or LO:HI, both
 * ends included, HI may be `inf`. */
gboolean
precis_cli_parse_area_range (const char *spec,
                             double     *lo,
                             double     *hi)
{
  g_auto(GStrv) parts = NULL;
  char *end = NULL;

  if (g_str_equal (spec, "small") || g_str_equal (spec, "medium") || g_str_equal (spec, "large"))
    {
      *lo = spec[0] == 's' ? 0 : spec[0] == 'm' ? 32 * 32 : 96 * 96;
      *hi = spec[0] == 's' ? 32 * 32 : spec[0] == 'm' ? 96 * 96 : 1e5 * 1e5;
      return TRUE;
    }
  parts = g_strsplit (spec, ":", -1);
  if (g_strv_length (parts) != 2)
    return FALSE;
  *lo = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0' || !isfinite (*lo) || *lo < 0)
    return FALSE;
  *hi = g_ascii_strtod (parts[1], &end);
  if (end == parts[1] || *end != '\0' || isnan (*hi) || *hi < *lo)
    return FALSE;
  return TRUE;
}

static void
print_active_table (PrecisDataset            *dataset,
                    PrecisMatcher            *matcher,
                    PrecisActive             *active,
                    const PrecisActiveResult *res)
{
  const PrecisActiveF1Curve *curve = precis_active_get_f1_curve (active);
  guint model = precis_matcher_get_model (matcher);
  int width = (int)strlen (_("class"));
  g_autofree char *header = NULL;

  for (guint k = 0; k < res->n_counted; k++)
    width = MAX (width, (int)g_utf8_strlen (precis_dataset_get_category (dataset, res->counted[k])->name, -1));
  width = MAX (width, (int)g_utf8_strlen (_("total"), -1));
  width = MIN (width, 40);

  g_print (_("Protocol active · IoU threshold %.2f · %s · model %s"),
           res->threshold,
           precis_iou_type_to_string (precis_matcher_get_iou_type (matcher)),
           precis_dataset_get_model_name (dataset, model));
  if (res->confidence > 0)
    g_print (_(" · confidence ≥ %g"), res->confidence);
  g_print ("\n\n");

  /* Pad by characters, not bytes, so that UTF-8 names stay aligned. */
#define PAD(s) (width + (int)strlen (s) - (int)g_utf8_strlen (s, -1))
  g_print ("%-*s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s\n",
           PAD (_("class")), _("class"), "GT", "pred", "TP", "FP", "FN", "ign", "P", "R", "F1", "AP@t");
  for (guint k = 0; k < res->n_counted; k++)
    {
      const PrecisActiveClassResult *cls = &res->classes[res->counted[k]];
      const char *name = precis_dataset_get_category (dataset, cls->category)->name;

      g_print ("%-*s %7u %7u %7u %7u %7u %7u %7.4f %7.4f %7.4f %7.4f\n",
               PAD (name), name, cls->n_gt, cls->n_predictions, cls->tp, cls->fp, cls->fn,
               cls->ignored, cls->precision, cls->recall, cls->f1, cls->ap);
    }
  {
    double p = res->tp + res->fp > 0 ? (double)res->tp / (res->tp + res->fp) : 0;
    double r = res->n_gt > 0 ? (double)res->tp / res->n_gt : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;

    g_print ("%-*s %7u %7u %7u %7u %7u %7u %7.4f %7.4f %7.4f %7s\n",
             PAD (_("total")), _("total"), res->n_gt, res->n_predictions, res->tp, res->fp, res->fn,
             res->ignored, p, r, f1, "");
  }
#undef PAD

  g_print ("\n");
  g_print (_("Classes counted: %u\n"), res->n_counted);
  g_print (_("mAP@%.2f  = %.4f\n"), res->threshold, res->map);
  g_print (_("mAR@%.2f  = %.4f\n"), res->threshold, res->mar);
  g_print (_("mean F1   = %.4f\n"), res->mean_f1);
  g_print (_("best F1 confidence = %.4f (mean F1 %.4f)\n"), curve->best_confidence, curve->best_mean_f1);
}

/* Evaluates @matcher with the options of @o (protocol, IoU, confidence) and
 * prints the table or the JSON; eval and merge share it, so that a merge prints
 * exactly what eval prints. */
int
precis_cli_eval_print (PrecisMatcher          *matcher,
                       const guint8           *mask,
                       const guint8           *images,
                       const PrecisCliOptions *o,
                       double                  area_lo,
                       double                  area_hi,
                       const char             *objects,
                       gboolean                force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisActive) active = NULL;
  PrecisDataset *dataset = precis_matcher_get_dataset (matcher);
  guint model = precis_matcher_get_model (matcher);
  PrecisIouType type = precis_matcher_get_iou_type (matcher);

  if (o->coco)
    {
      PrecisCocoParams params;
      g_autoptr(PrecisCocoEval) eval = NULL;

      /* --classes works as pycocotools' params.catIds. */
      precis_coco_params_init (&params, type);
      params.categories = mask;
      params.images = images;
      eval = precis_cocoeval_new (matcher, &params, NULL, &error);

      if (eval == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
      if (o->json)
        {
          g_autoptr(JsonNode) root = precis_cocoeval_to_json (eval);
          precis_cli_print_json (root);
        }
      else
        {
          g_autofree char *text = precis_cocoeval_summary_text (eval);

          g_print (_("Protocol coco · IoU thresholds 0.50:0.95 · %s · model %s\n\n"),
                   precis_iou_type_to_string (type),
                   precis_dataset_get_model_name (dataset, model));
          g_print ("%s", text);
        }
      return PRECIS_CLI_OK;
    }

  active = precis_active_new (matcher);
  precis_active_set_threshold (active, o->iou);
  precis_active_set_confidence (active, o->confidence);
  precis_active_set_area_range (active, area_lo, area_hi);
  precis_active_set_images (active, images);
  if (mask != NULL)
    precis_active_set_classes (active, mask);

  if (o->json)
    {
      g_autoptr(JsonNode) root = precis_cli_active_to_json (dataset, matcher, active, precis_active_evaluate (active));
      precis_cli_print_json (root);
    }
  else
    print_active_table (dataset, matcher, active, precis_active_evaluate (active));

  if (objects != NULL)
    return precis_cli_write_objects (active, objects, force);
  return PRECIS_CLI_OK;
}

/* eval --shard I/N --partial FILE: the shard's IoU tables and the options. */
static int
eval_shard (const PrecisCliOptions *o,
            const char             *area_range,
            const char             *shard,
            const char             *partial,
            gboolean                force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autofree guint8 *mask = NULL;
  g_autoptr(GVariant) options = NULL;
  PrecisIouType type;
  guint model, index, count;
  int ret;

  if (shard == NULL || partial == NULL)
    return usage_error (_("--shard and --partial go together"));
  if (!precis_shard_parse (shard, &index, &count))
    return usage_error (_("--shard: must be I/N with 0 ≤ I < N"));
  if (o->json)
    return usage_error (_("--json: give it to precis-cli merge, which prints the result"));

  ret = precis_cli_load_selection ("eval", o, &dataset, &model, &type, &mask);
  if (ret != PRECIS_CLI_OK)
    return ret;
  options = g_variant_ref_sink (precis_cli_shard_options (o, area_range,
                                                              precis_dataset_get_model_name (dataset, model), type));
  if (!precis_shard_write (dataset, model, type, index, count, options, partial, force, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  return PRECIS_CLI_OK;
}

int
precis_cli_eval (int    argc,
                 char **argv)
{
  g_auto(PrecisCliOptions) o = { 0 };
  g_autofree char *area_range = NULL;
  g_autofree char *objects = NULL;
  g_autofree char *shard = NULL;
  g_autofree char *partial = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "area-range", 0, 0, G_OPTION_ARG_STRING, &area_range, N_("small, medium, large or LO:HI (protocol active)"), N_("RANGE") },
    { "objects", 0, 0, G_OPTION_ARG_FILENAME, &objects, N_("Write every object's outcome and error type as CSV"), N_("FILE") },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard, N_("Evaluate only shard I of N (images by id, position modulo N); needs --partial"), N_("I/N") },
    { "partial", 0, 0, G_OPTION_ARG_FILENAME, &partial, N_("Write the shard's partial result to FILE, for precis-cli merge"), N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing --objects or --partial file"), NULL },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = "eval",
    .summary = N_("Evaluate a model of a project folder or file (or of --gt and --pred files):\n"
                  "a per-class table and the totals, or JSON with --json."),
    .description = N_("A classification project (image labels, no geometry) gets accuracy, per-class\n"
                      "P, R, F1 and support, the confusion matrix and calibration (SEMANTICS.md §11);\n"
                      "only --model, --confidence and --json apply to it."),
    .options = PRECIS_CLI_OPT_SOURCES | PRECIS_CLI_OPT_MODEL | PRECIS_CLI_OPT_PROTOCOL | PRECIS_CLI_OPT_IOU_TYPE
               | PRECIS_CLI_OPT_IOU | PRECIS_CLI_OPT_CLASSES | PRECIS_CLI_OPT_COLLECTION | PRECIS_CLI_OPT_CONFIDENCE
               | PRECIS_CLI_OPT_JSON,
    .iou_help = N_("IoU threshold for protocol active (default 0.5)"),
    .json_help = N_("Print JSON with full precision"),
    .entries = entries,
  };
  g_autoptr(PrecisDataset) loaded = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autofree guint8 *mask = NULL;
  g_autofree guint8 *images = NULL;
  int ret;
  double area_lo = 0, area_hi = INFINITY;

  ret = precis_cli_options_parse (&command, &o, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;
  ret = precis_cli_eval_check (&o, area_range, &area_lo, &area_hi);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (o.coco && objects != NULL)
    return usage_error (_("--objects applies to protocol active only"));
  if (shard != NULL || partial != NULL)
    {
      if (objects != NULL)
        return usage_error (_("--objects cannot be sharded: run it without --shard"));
      if (o.collection != NULL)
        return usage_error (_("--collection cannot be sharded: run it without --shard"));
      return eval_shard (&o, area_range, shard, partial, force);
    }

  loaded = precis_cli_load ("eval", o.rest, o.gt, o.preds, &ret);
  if (loaded == NULL)
    return ret;
  if (precis_dataset_is_classification (loaded))
    return precis_cli_eval_classify (&o, loaded, area_range != NULL, objects != NULL);
  ret = precis_cli_dataset_matcher ("eval", &o, loaded, &matcher, &mask);
  if (ret != PRECIS_CLI_OK)
    return ret;
  ret = precis_cli_collection_images ("eval", o.rest, o.collection, precis_matcher_get_dataset (matcher), &images);
  if (ret != PRECIS_CLI_OK)
    return ret;
  return precis_cli_eval_print (matcher, mask, images, &o, area_lo, area_hi, objects, force);
}

/* The checks of eval's options that a merge repeats on the partials' options. */
int
precis_cli_eval_check (const PrecisCliOptions *o,
                       const char             *area_range,
                       double                 *area_lo,
                       double                 *area_hi)
{
  if (o->coco && o->iou_given)
    return usage_error (_("--iou applies to protocol active only (coco uses 0.50:0.95)"));
  if (o->coco && area_range != NULL)
    return usage_error (_("--area-range applies to protocol active only (coco reports every range)"));
  if (area_range != NULL && !precis_cli_parse_area_range (area_range, area_lo, area_hi))
    return usage_error (_("--area-range: must be small, medium, large or LO:HI"));
  return PRECIS_CLI_OK;
}

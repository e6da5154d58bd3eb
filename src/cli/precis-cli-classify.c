/* precis-cli-classify.c: precis-cli eval on a classification project (SEMANTICS.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-json.h"
#include "precis-classify.h"

/* A ratio as text, "—" when undefined. */
static void
print_figure (const char *label,
              double      value)
{
  if (isnan (value))
    g_print ("%s = —\n", label);
  else
    g_print ("%s = %.4f\n", label, value);
}

static void
print_table (PrecisDataset              *dataset,
             const PrecisClassifyResult *r)
{
  int width = (int) g_utf8_strlen (_("weighted avg"), -1);

  for (guint i = 0; i < r->n_classes; i++)
    width = MAX (width, (int) g_utf8_strlen (precis_dataset_get_category (dataset, r->classes[i].category)->name, -1));
  width = MAX (width, (int) g_utf8_strlen (_("class"), -1));
  width = MIN (width, 40);

  /* Pad by characters, not bytes, so that UTF-8 names stay aligned. */
#define PAD(s) (width + (int) strlen (s) - (int) g_utf8_strlen (s, -1))
  g_print ("%-*s %7s %7s %7s %7s %7s %7s %7s %7s\n", PAD (_("class")), _("class"),
           "support", "pred", "TP", "FP", "FN", "P", "R", "F1");
  for (guint i = 0; i < r->n_classes; i++)
    {
      const PrecisClassifyPerClass *c = &r->classes[i];
      const char *name = precis_dataset_get_category (dataset, c->category)->name;

      g_print ("%-*s %7u %7u %7u %7u %7u %7.4f %7.4f %7.4f\n", PAD (name), name, c->support,
               c->predicted, c->tp, c->fp, c->fn, c->precision, c->recall, c->f1);
    }
  g_print ("%-*s %7u %7s %7s %7s %7s %7.4f %7.4f %7.4f\n", PAD (_("macro avg")), _("macro avg"),
           r->n_images, "", "", "", "", r->macro_precision, r->macro_recall, r->macro_f1);
  g_print ("%-*s %7u %7s %7s %7s %7s %7.4f %7.4f %7.4f\n", PAD (_("weighted avg")), _("weighted avg"),
           r->n_images, "", "", "", "", r->weighted_precision, r->weighted_recall, r->weighted_f1);
#undef PAD
}

static void
print_text (PrecisClassify *cls)
{
  PrecisDataset *dataset = precis_classify_get_dataset (cls);
  const PrecisClassifyResult *r = precis_classify_evaluate (cls);

  g_print (_("Classification · model %s"),
           precis_dataset_get_model_name (dataset, precis_classify_get_model (cls)));
  if (r->confidence > 0)
    g_print (_(" · confidence ≥ %g"), r->confidence);
  g_print ("\n\n");
  print_table (dataset, r);
  g_print ("\n");
  if (r->n_unlabelled > 0)
    g_print (_("Images: %u (and %u without a GT label, not evaluated)\n"), r->n_images, r->n_unlabelled);
  else
    g_print (_("Images: %u\n"), r->n_images);
  g_print (_("Correct: %u · wrong: %u\n"), r->correct, r->n_images - r->correct);
  print_figure (_("accuracy"), r->accuracy);
  print_figure (_("top-5 accuracy"), r->top5_accuracy);
  print_figure (_("macro F1"), r->macro_f1);
  print_figure (_("weighted F1"), r->weighted_f1);
  print_figure (_("coverage"), r->coverage);
  print_figure (_("selective accuracy"), r->selective_accuracy);
  print_figure (_("ECE (15 bins)"), r->ece);
}

/* Options that have no meaning without geometry. */
static const char *
misplaced_option (const PrecisCliOptions *o,
                  gboolean                area_range,
                  gboolean                objects)
{
  if (o->coco)
    return "--protocol coco";
  if (o->iou_given)
    return "--iou";
  if (o->iou_type != NULL)
    return "--iou-type";
  if (o->classes != NULL)
    return "--classes";
  if (area_range)
    return "--area-range";
  if (objects)
    return "--objects";
  return NULL;
}

int
precis_cli_eval_classify (const PrecisCliOptions *o,
                          PrecisDataset          *dataset,
                          gboolean                area_range,
                          gboolean                objects)
{
  g_autoptr(PrecisClassify) cls = NULL;
  const char *misplaced = misplaced_option (o, area_range, objects);
  guint model = 0;

  if (misplaced != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("%s does not apply to a classification project"), misplaced);
      return precis_cli_usage_error ("eval", msg);
    }
  if (precis_dataset_get_n_models (dataset) == 0)
    {
      g_printerr ("precis-cli: %s\n", _("the project has no predictions to evaluate"));
      return PRECIS_CLI_BAD_INPUT;
    }
  if (o->model != NULL)
    {
      model = precis_dataset_find_model (dataset, o->model);
      if (model == PRECIS_NO_INDEX)
        {
          g_autofree char *msg = g_strdup_printf (_("--model: no model named “%s”"), o->model);
          return precis_cli_usage_error ("eval", msg);
        }
    }

  cls = precis_classify_new (dataset, model);
  precis_classify_set_confidence (cls, o->confidence);
  if (o->json)
    {
      g_autoptr(JsonNode) root = precis_classify_to_json (cls);
      precis_cli_print_json (root);
    }
  else
    print_text (cls);
  return PRECIS_CLI_OK;
}

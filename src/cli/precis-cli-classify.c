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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Confidence steps 0 → 1 → 0 by 0.01, @sweeps times: each step's time in ms. */
static GArray *
time_steps (PrecisClassify *cls,
            guint           sweeps)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint k = 0; k < sweeps; k++)
    for (int i = 0; i <= 200; i++)
      {
        double s = (i <= 100 ? i : 200 - i) / 100.0;
        gint64 t0 = g_get_monotonic_time ();
        double ms;

        precis_classify_set_confidence (cls, s);
        precis_classify_evaluate (cls);
        ms = (g_get_monotonic_time () - t0) / 1e3;
        g_array_append_val (times, ms);
      }
  g_array_sort (times, compare_doubles);
  return times;
}

static double
quantile_of (GArray *sorted,
             double  q)
{
  if (sorted->len == 0)
    return 0;
  return g_array_index (sorted, double, MIN ((guint) (q * (sorted->len - 1) + 0.5), sorted->len - 1));
}

int
precis_cli_bench_classify (GFile      *project,
                           const char *model_name,
                           guint       sweeps,
                           gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisClassify) cls = NULL;
  g_autoptr(GArray) times = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double load_s, precompute_s;
  guint model = 0;

  dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  load_s = (g_get_monotonic_time () - t0) / 1e6;
  if (!precis_dataset_is_classification (dataset) || precis_dataset_get_n_models (dataset) == 0)
    {
      g_printerr ("precis-cli: bench: %s\n", _("--classification needs a classification project with a model"));
      return PRECIS_CLI_BAD_INPUT;
    }
  if (model_name != NULL && (model = precis_dataset_find_model (dataset, model_name)) == PRECIS_NO_INDEX)
    {
      g_printerr ("precis-cli: bench: %s: %s\n", _("no such model"), model_name);
      return PRECIS_CLI_USAGE;
    }

  t0 = g_get_monotonic_time ();
  cls = precis_classify_new (dataset, model);
  precompute_s = (g_get_monotonic_time () - t0) / 1e6;
  times = time_steps (cls, sweeps);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "task");
      json_builder_add_string_value (b, "classification");
      json_builder_set_member_name (b, "images");
      json_builder_add_int_value (b, precis_dataset_get_n_images (dataset));
      json_builder_set_member_name (b, "predictions");
      json_builder_add_int_value (b, precis_dataset_get_predictions (dataset, model)->n);
      json_builder_set_member_name (b, "load_s");
      json_builder_add_double_value (b, load_s);
      json_builder_set_member_name (b, "precompute_s");
      json_builder_add_double_value (b, precompute_s);
      json_builder_set_member_name (b, "steps");
      json_builder_add_int_value (b, times->len);
      json_builder_set_member_name (b, "step_median_ms");
      json_builder_add_double_value (b, quantile_of (times, 0.5));
      json_builder_set_member_name (b, "step_p99_ms");
      json_builder_add_double_value (b, quantile_of (times, 0.99));
      json_builder_set_member_name (b, "step_max_ms");
      json_builder_add_double_value (b, quantile_of (times, 1.0));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      precis_cli_print_json (root);
    }
  else
    {
      g_print (_("Classification: model %s, %u images, %u predictions\n"),
               precis_dataset_get_model_name (dataset, model), precis_dataset_get_n_images (dataset),
               precis_dataset_get_predictions (dataset, model)->n);
      g_print (_("Load:              %.3f s\n"), load_s);
      g_print (_("Precompute:        %.3f s\n"), precompute_s);
      g_print (_("Confidence step:   median %.3f ms, p99 %.3f ms, max %.3f ms (%u steps)\n"),
               quantile_of (times, 0.5), quantile_of (times, 0.99), quantile_of (times, 1.0), times->len);
    }
  return PRECIS_CLI_OK;
}

/* precis-cli-compare.c: precis-cli compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "precis-cli.h"
#include "precis-cli-options.h"
#include "precis-bootstrap.h"
#include "precis-cocoeval.h"
#include "precis-compare.h"

typedef struct {
  PrecisCliOptions  common;
  char             *models;
  char             *baseline;
  gint              bootstrap;
  gint64            seed;
  gboolean          differ;
} CompareOptions;

static void
compare_options_clear (CompareOptions *o)
{
  precis_cli_options_clear (&o->common);
  g_free (o->models);
  g_free (o->baseline);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CompareOptions, compare_options_clear)

/* What is being compared, resolved against the dataset. */
typedef struct {
  PrecisDataset  *dataset;
  guint           n;
  guint          *model;      /* dataset model index per compared model */
  guint           baseline;   /* index into @model */
  PrecisIouType   type;
  guint8         *mask;       /* classes, or NULL */
  guint8         *images;     /* --collection's images, or NULL */
  PrecisMatcher **matchers;
} Selection;

static void
selection_clear (Selection *sel)
{
  for (guint i = 0; sel->matchers != NULL && i < sel->n; i++)
    g_clear_object (&sel->matchers[i]);
  g_clear_pointer (&sel->matchers, g_free);
  g_clear_pointer (&sel->model, g_free);
  g_clear_pointer (&sel->mask, g_free);
  g_clear_pointer (&sel->images, g_free);
  g_clear_object (&sel->dataset);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Selection, selection_clear)

static int
usage_error (const char *message)
{
  return precis_cli_usage_error ("compare", message);
}

static int
parse_options (CompareOptions  *o,
               int             *argc,
               char          ***argv)
{
  const GOptionEntry lead[] = {
    { "models", 0, 0, G_OPTION_ARG_STRING, &o->models, N_("Comma-separated models to compare (default: all)"), N_("A,B,…") },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &o->baseline, N_("The model the others are compared with (default: the first)"), N_("NAME") },
    { NULL }
  };
  const GOptionEntry entries[] = {
    { "bootstrap", 0, 0, G_OPTION_ARG_INT, &o->bootstrap, N_("Paired bootstrap over images with N resamples (protocol active)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o->seed, N_("Seed of the bootstrap (default 1)"), N_("S") },
    { "differ", 0, 0, G_OPTION_ARG_NONE, &o->differ, N_("List the images where each model and the baseline differ"), NULL },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = "compare",
    .summary = N_("Compare the models of a project folder or file (or of --gt and --pred files)\n"
                  "on the same images, classes and thresholds: one column per model and\n"
                  "the differences to the baseline, or JSON with --json."),
    .options = PRECIS_CLI_OPT_SOURCES | PRECIS_CLI_OPT_PROTOCOL | PRECIS_CLI_OPT_IOU_TYPE | PRECIS_CLI_OPT_IOU
               | PRECIS_CLI_OPT_CLASSES | PRECIS_CLI_OPT_COLLECTION | PRECIS_CLI_OPT_CONFIDENCE | PRECIS_CLI_OPT_JSON,
    .iou_help = N_("IoU threshold for protocol active (default 0.5)"),
    .json_help = N_("Print JSON with full precision"),
    .lead = lead,
    .entries = entries,
  };
  int ret;

  o->seed = 1;
  ret = precis_cli_options_parse (&command, &o->common, argc, argv);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (o->common.coco && o->common.iou_given)
    return usage_error (_("--iou applies to protocol active only (coco uses 0.50:0.95)"));
  if (o->common.coco && (o->bootstrap != 0 || o->differ))
    return usage_error (_("--bootstrap and --differ apply to protocol active only"));
  if (o->bootstrap < 0)
    return usage_error (_("--bootstrap: must be a number of resamples ≥ 1"));
  return PRECIS_CLI_OK;
}

/* Fills sel->model and sel->baseline from --models and --baseline. */
static int
resolve_models (Selection            *sel,
                const CompareOptions *o)
{
  guint n_all = precis_dataset_get_n_models (sel->dataset);
  g_auto(GStrv) names = o->models != NULL ? g_strsplit (o->models, ",", -1) : NULL;

  if (n_all == 0)
    {
      g_printerr ("precis-cli: %s\n", _("the project has no predictions to compare"));
      return PRECIS_CLI_BAD_INPUT;
    }

  sel->n = names != NULL ? g_strv_length (names) : n_all;
  sel->model = g_new0 (guint, MAX (sel->n, 1));
  for (guint i = 0; i < sel->n; i++)
    {
      sel->model[i] = i;
      if (names == NULL)
        continue;
      sel->model[i] = precis_dataset_find_model (sel->dataset, g_strstrip (names[i]));
      if (sel->model[i] == PRECIS_NO_INDEX)
        {
          g_autofree char *msg = g_strdup_printf (_("--models: no model named “%s”"), names[i]);
          return usage_error (msg);
        }
      for (guint j = 0; j < i; j++)
        if (sel->model[j] == sel->model[i])
          {
            g_autofree char *msg = g_strdup_printf (_("--models: “%s” is given twice"), names[i]);
            return usage_error (msg);
          }
    }
  if (sel->n == 0)
    return usage_error (_("--models: give at least one model"));

  sel->baseline = 0;
  if (o->baseline != NULL)
    {
      guint32 b = precis_dataset_find_model (sel->dataset, o->baseline);

      for (sel->baseline = 0; sel->baseline < sel->n; sel->baseline++)
        if (sel->model[sel->baseline] == b)
          break;
      if (b == PRECIS_NO_INDEX || sel->baseline == sel->n)
        {
          g_autofree char *msg = g_strdup_printf (_("--baseline: “%s” is not one of the models compared"), o->baseline);
          return usage_error (msg);
        }
    }
  return PRECIS_CLI_OK;
}

/* Resolves models, IoU type and classes, then precomputes every matcher. */
static int
resolve_selection (Selection            *sel,
                   const CompareOptions *o)
{
  g_autoptr(GError) error = NULL;
  const char *base_name;
  guint unused;
  int ret;

  ret = resolve_models (sel, o);
  if (ret != PRECIS_CLI_OK)
    return ret;

  sel->type = o->common.type;
  base_name = precis_dataset_get_model_name (sel->dataset, sel->model[sel->baseline]);
  ret = precis_cli_resolve_selection (sel->dataset, "compare", base_name, o->common.iou_type != NULL,
                                      o->common.classes, &unused, &sel->type, &sel->mask);
  if (ret != PRECIS_CLI_OK)
    return ret;

  sel->matchers = g_new0 (PrecisMatcher *, sel->n);
  for (guint i = 0; i < sel->n; i++)
    {
      if (!precis_dataset_supports (sel->dataset, sel->model[i], sel->type))
        {
          g_printerr (_("precis-cli: model “%s” lacks geometry for IoU type %s\n"),
                      precis_dataset_get_model_name (sel->dataset, sel->model[i]),
                      precis_iou_type_to_string (sel->type));
          return PRECIS_CLI_BAD_INPUT;
        }
      sel->matchers[i] = precis_matcher_new (sel->dataset, sel->model[i], sel->type, 0, NULL, NULL, NULL, &error);
      if (sel->matchers[i] == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
    }
  return PRECIS_CLI_OK;
}

static const char *
model_name (const Selection *sel,
            guint            i)
{
  return precis_dataset_get_model_name (sel->dataset, sel->model[i]);
}

/* ---- protocol active ----------------------------------------------------- */

static void
add_pair (JsonObject *obj,
          const char *name,
          double      lo,
          double      hi)
{
  JsonArray *pair = json_array_new ();

  json_array_add_double_element (pair, lo);
  json_array_add_double_element (pair, hi);
  json_object_set_array_member (obj, name, pair);
}

static JsonArray *
differ_to_json (const Selection *sel,
                PrecisCompare   *compare,
                guint            i)
{
  JsonArray *list = json_array_new ();
  guint n = 0;
  g_autofree PrecisCompareImageDiff *diff = precis_compare_get_differ (compare, i, &n);

  for (guint k = 0; k < n; k++)
    {
      const PrecisImage *img = precis_dataset_get_image (sel->dataset, diff[k].image);
      JsonObject *e = json_object_new ();

      json_object_set_int_member (e, "image_id", img->id);
      json_object_set_string_member (e, "file_name", img->file_name);
      json_object_set_int_member (e, "won", diff[k].won);
      json_object_set_int_member (e, "lost", diff[k].lost);
      json_object_set_int_member (e, "extra_fp", diff[k].extra_fp);
      json_array_add_object_element (list, e);
    }
  return list;
}

static JsonNode *
active_to_json (const Selection       *sel,
                PrecisCompare         *compare,
                const PrecisBootstrap *boot,
                gboolean               differ)
{
  JsonObject *root = json_object_new ();
  JsonArray *models = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (root, "baseline", model_name (sel, sel->baseline));
  for (guint i = 0; i < sel->n; i++)
    {
      PrecisActive *active = precis_compare_get_active (compare, i);
      JsonNode *entry = precis_cli_active_to_json (sel->dataset, sel->matchers[i], active,
                                                   precis_compare_get_result (compare, i));
      JsonObject *obj = json_node_get_object (entry);
      JsonObject *delta = json_object_new ();
      PrecisCompareDelta d;

      precis_compare_get_delta (compare, i, &d);
      for (guint s = 0; s < PRECIS_COMPARE_N_STATS; s++)
        json_object_set_double_member (delta, precis_compare_stat_name (s), d.stat[s]);
      json_object_set_int_member (delta, "TP", d.tp);
      json_object_set_int_member (delta, "FP", d.fp);
      json_object_set_int_member (delta, "FN", d.fn);
      json_object_set_object_member (obj, "delta", delta);

      if (boot != NULL)
        {
          JsonObject *ci = json_object_new ();
          JsonObject *p = json_object_new ();

          for (guint s = 0; s < PRECIS_COMPARE_N_STATS; s++)
            {
              guint k = i * PRECIS_COMPARE_N_STATS + s;

              add_pair (ci, precis_compare_stat_name (s), boot->ci_low[k], boot->ci_high[k]);
              json_object_set_double_member (p, precis_compare_stat_name (s), boot->p_better[k]);
            }
          json_object_set_object_member (obj, "ci95", ci);
          json_object_set_object_member (obj, "p_better", p);
        }
      if (differ)
        json_object_set_array_member (obj, "differ", differ_to_json (sel, compare, i));
      json_array_add_element (models, entry);
    }
  json_object_set_array_member (root, "models", models);

  if (boot != NULL)
    {
      JsonObject *b = json_object_new ();

      json_object_set_int_member (b, "resamples", boot->n_resamples);
      json_object_set_int_member (b, "seed", (gint64) boot->seed);
      json_object_set_int_member (b, "images", boot->n_images);
      json_object_set_object_member (root, "bootstrap", b);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

/* Width of a column: at least 10, at most 24 characters. */
static int
column_width (const Selection *sel)
{
  int w = 10;

  for (guint i = 0; i < sel->n; i++)
    w = MAX (w, (int) g_utf8_strlen (model_name (sel, i), -1) + 1);
  return MIN (w, 24);
}

/* Prints one row: a label, every model's value, then Δ of each non-baseline
 * model. @value / @delta give the numbers; @integer prints them as counts. */
static void
print_row (const Selection *sel,
           int              label_width,
           int              width,
           const char      *label,
           const double    *value,
           const double    *delta,
           gboolean         integer)
{
  g_print ("%-*s", label_width + (int) strlen (label) - (int) g_utf8_strlen (label, -1), label);
  for (guint i = 0; i < sel->n; i++)
    {
      if (integer)
        g_print (" %*.0f", width, value[i]);
      else
        g_print (" %*.4f", width, value[i]);
    }
  for (guint i = 0; i < sel->n; i++)
    {
      if (i == sel->baseline)
        continue;
      if (integer)
        g_print (" %+*.0f", width, delta[i]);
      else
        g_print (" %+*.4f", width, delta[i]);
    }
  g_print ("\n");
}

static void
print_header (const Selection *sel,
              int              label_width,
              int              width,
              const char      *label)
{
  g_print ("%-*s", label_width + (int) strlen (label) - (int) g_utf8_strlen (label, -1), label);
  for (guint i = 0; i < sel->n; i++)
    {
      const char *name = model_name (sel, i);

      g_print (" %*s", width + (int) strlen (name) - (int) g_utf8_strlen (name, -1), name);
    }
  for (guint i = 0; i < sel->n; i++)
    if (i != sel->baseline)
      {
        g_autofree char *d = g_strdup_printf ("Δ%s", model_name (sel, i));

        g_print (" %*s", width + (int) strlen (d) - (int) g_utf8_strlen (d, -1), d);
      }
  g_print ("\n");
}

static void
print_bootstrap (const Selection       *sel,
                 const PrecisBootstrap *boot)
{
  g_print ("\n");
  g_print (_("Paired bootstrap: %u resamples of %u images, seed %" PRIu64 "\n"),
           boot->n_resamples, boot->n_images, boot->seed);
  for (guint i = 0; i < sel->n; i++)
    {
      if (i == sel->baseline)
        continue;
      for (guint s = 0; s < PRECIS_COMPARE_N_STATS; s++)
        {
          guint k = i * PRECIS_COMPARE_N_STATS + s;

          g_print (_("  %s − %s: Δ%s 95 %% interval [%+.4f, %+.4f], P(Δ > 0) = %.3f\n"),
                   model_name (sel, i), model_name (sel, sel->baseline), precis_compare_stat_name (s),
                   boot->ci_low[k], boot->ci_high[k], boot->p_better[k]);
        }
    }
}

static void
print_active_table (const Selection       *sel,
                    PrecisCompare         *compare,
                    const PrecisBootstrap *boot)
{
  const PrecisActiveResult *base = precis_compare_get_result (compare, sel->baseline);
  g_autofree double *v = g_new0 (double, sel->n);
  g_autofree double *d = g_new0 (double, sel->n);
  int width = column_width (sel), label_width = 12;
  const char *labels[] = { "mAP", "mAR", _("mean F1"), "TP", "FP", "FN" };

  for (guint c = 0; c < base->n_classes; c++)
    label_width = MAX (label_width, (int) g_utf8_strlen (precis_dataset_get_category (sel->dataset, c)->name, -1));
  label_width = MIN (label_width, 32);

  g_print (_("Protocol active · IoU threshold %.2f · %s · baseline %s"), base->threshold,
           precis_iou_type_to_string (sel->type), model_name (sel, sel->baseline));
  if (base->confidence > 0)
    g_print (_(" · confidence ≥ %g"), base->confidence);
  g_print ("\n\n");

  print_header (sel, label_width, width, "");
  for (guint row = 0; row < G_N_ELEMENTS (labels); row++)
    {
      for (guint i = 0; i < sel->n; i++)
        {
          const PrecisActiveResult *r = precis_compare_get_result (compare, i);
          PrecisCompareDelta delta;
          double values[] = { r->map, r->mar, r->mean_f1, r->tp, r->fp, r->fn };

          precis_compare_get_delta (compare, i, &delta);
          {
            double deltas[] = { delta.stat[0], delta.stat[1], delta.stat[2], delta.tp, delta.fp, delta.fn };

            v[i] = values[row];
            d[i] = deltas[row];
          }
        }
      print_row (sel, label_width, width, labels[row], v, d, row >= 3);
    }

  g_print ("\n");
  g_print (_("AP@%.2f per class\n"), base->threshold);
  for (guint c = 0; c < base->n_classes; c++)
    {
      gboolean counted = FALSE;

      for (guint i = 0; i < sel->n; i++)
        {
          const PrecisActiveClassResult *cls = &precis_compare_get_result (compare, i)->classes[c];

          counted |= cls->counted;
          v[i] = cls->ap;
          d[i] = precis_compare_get_class_ap_delta (compare, i, c);
        }
      if (counted)
        print_row (sel, label_width, width, precis_dataset_get_category (sel->dataset, c)->name, v, d, FALSE);
    }

  if (boot != NULL)
    print_bootstrap (sel, boot);
}

static int
compare_active (const Selection      *sel,
                const CompareOptions *o)
{
  g_autoptr(PrecisCompare) compare = precis_compare_new (sel->matchers, sel->n, sel->baseline);
  g_autoptr(PrecisBootstrap) boot = NULL;
  g_autoptr(GError) error = NULL;

  precis_compare_set_threshold (compare, o->common.iou);
  precis_compare_set_confidence (compare, o->common.confidence);
  if (sel->mask != NULL)
    precis_compare_set_classes (compare, sel->mask);
  precis_compare_set_images (compare, sel->images);
  precis_compare_evaluate (compare);

  if (o->bootstrap > 0)
    {
      boot = precis_compare_bootstrap (compare, (guint) o->bootstrap, (guint64) o->seed, 0, NULL, &error);
      if (boot == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
    }

  if (o->common.json)
    {
      g_autoptr(JsonNode) root = active_to_json (sel, compare, boot, o->differ);

      precis_cli_print_json (root);
    }
  else
    {
      print_active_table (sel, compare, boot);
      if (o->differ)
        for (guint i = 0; i < sel->n; i++)
          {
            guint n = 0;
            g_autofree PrecisCompareImageDiff *diff = NULL;

            if (i == sel->baseline)
              continue;
            diff = precis_compare_get_differ (compare, i, &n);
            g_print ("\n");
            g_print (_("Where %s and %s differ: %u images (image id, file, GT won, GT lost, extra FP)\n"),
                     model_name (sel, i), model_name (sel, sel->baseline), n);
            for (guint k = 0; k < n; k++)
              {
                const PrecisImage *img = precis_dataset_get_image (sel->dataset, diff[k].image);

                g_print ("  %" PRId64 "  %s  %u  %u  %+d\n", img->id, img->file_name,
                         diff[k].won, diff[k].lost, diff[k].extra_fp);
              }
          }
    }
  return PRECIS_CLI_OK;
}

/* ---- protocol coco ------------------------------------------------------- */

static int
compare_coco (const Selection      *sel,
              const CompareOptions *o)
{
  g_autoptr(GPtrArray) evals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  PrecisCocoEval *base;
  guint n_stats = 0;

  for (guint i = 0; i < sel->n; i++)
    {
      PrecisCocoParams params;
      PrecisCocoEval *eval;

      precis_coco_params_init (&params, sel->type);
      params.categories = sel->mask;
      params.images = sel->images;
      eval = precis_cocoeval_new (sel->matchers[i], &params, NULL, &error);
      if (eval == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
      g_ptr_array_add (evals, eval);
    }
  base = g_ptr_array_index (evals, sel->baseline);
  precis_cocoeval_get_stats (base, &n_stats);

  if (o->common.json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *obj = json_object_new ();
      JsonArray *models = json_array_new ();

      json_object_set_string_member (obj, "baseline", model_name (sel, sel->baseline));
      for (guint i = 0; i < sel->n; i++)
        {
          JsonNode *entry = precis_cocoeval_to_json (g_ptr_array_index (evals, i));
          JsonObject *delta = json_object_new ();
          double d[16];

          precis_compare_coco_delta (g_ptr_array_index (evals, i), base, d, NULL);
          for (guint s = 0; s < n_stats; s++)
            json_object_set_double_member (delta, precis_cocoeval_get_stat_name (base, s), d[s]);
          json_object_set_object_member (json_node_get_object (entry), "delta", delta);
          json_array_add_element (models, entry);
        }
      json_object_set_array_member (obj, "models", models);
      json_node_take_object (root, obj);
      precis_cli_print_json (root);
      return PRECIS_CLI_OK;
    }

  {
    g_autofree double *v = g_new0 (double, sel->n);
    g_autofree double *d = g_new0 (double, (gsize) sel->n * n_stats);
    int width = column_width (sel);

    g_print (_("Protocol coco · IoU thresholds 0.50:0.95 · %s · baseline %s\n\n"),
             precis_iou_type_to_string (sel->type), model_name (sel, sel->baseline));
    print_header (sel, 12, width, "");
    for (guint i = 0; i < sel->n; i++)
      precis_compare_coco_delta (g_ptr_array_index (evals, i), base, d + (gsize) i * n_stats, NULL);
    for (guint s = 0; s < n_stats; s++)
      {
        g_autofree double *ds = g_new0 (double, sel->n);

        for (guint i = 0; i < sel->n; i++)
          {
            v[i] = precis_cocoeval_get_stats (g_ptr_array_index (evals, i), NULL)[s];
            ds[i] = d[(gsize) i * n_stats + s];
          }
        print_row (sel, 12, width, precis_cocoeval_get_stat_name (base, s), v, ds, FALSE);
      }
  }
  return PRECIS_CLI_OK;
}

int
precis_cli_compare (int    argc,
                    char **argv)
{
  g_auto(CompareOptions) o = { 0 };
  g_auto(Selection) sel = { 0 };
  int ret;

  ret = parse_options (&o, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;

  sel.dataset = precis_cli_load ("compare", o.common.rest, o.common.gt, o.common.preds, &ret);
  if (sel.dataset == NULL)
    return ret;
  ret = resolve_selection (&sel, &o);
  if (ret != PRECIS_CLI_OK)
    return ret;
  ret = precis_cli_collection_images ("compare", o.common.rest, o.common.collection, sel.dataset, &sel.images);
  if (ret != PRECIS_CLI_OK)
    return ret;

  if (o.common.coco)
    return compare_coco (&sel, &o);
  return compare_active (&sel, &o);
}

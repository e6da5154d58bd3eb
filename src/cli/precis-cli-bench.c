/* precis-cli-bench.c: precis-cli bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <stdlib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-bench.h"
#include "precis-cli.h"
#include "precis-cli-json.h"
#include "precis-dataset-cache.h"
#include "precis-synth.h"

/* Removes the files precis_synth_write() and add_variants() write, then the folder. */
static void
remove_synth_dir (const char *dir)
{
  const char *names[] = { "gt.json", "predictions.json", "predictions_b.json", "predictions_c.json",
                          "predictions_calibrated.json", "predictions_overconfident.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static gboolean
parse_synth (const char *spec,
             guint      *n_images,
             guint      *k)
{
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);
  guint64 a, b;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, &a, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, &b, NULL))
    return FALSE;
  *n_images = (guint) a;
  *k = (guint) b;
  return TRUE;
}

/* The compare case: two more models derived from the synthetic one. */
static gboolean
add_variants (GFile   *project,
              GError **error)
{
  g_autoptr(PrecisDataset) dataset = precis_dataset_load_project (project, NULL, NULL, NULL, error);
  const char *names[] = { "predictions_b.json", "predictions_c.json" };

  if (dataset == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) file = g_file_get_child (project, names[i]);

      if (!precis_bench_write_variant (dataset, 0, i + 2, file, error))
        return FALSE;
    }
  return TRUE;
}

static int
print_compare (GFile         *project,
               PrecisIouType  type,
               guint          sweeps,
               guint          resamples,
               gboolean       json,
               const char    *synth,
               double         synth_s,
               GError       **error)
{
  PrecisBenchCompareResult result;

  if (!precis_bench_compare_run (project, type, sweeps, resamples, &result, NULL, error))
    return PRECIS_CLI_BAD_INPUT;

  if (json)
    {
      g_autoptr(JsonNode) node = precis_bench_compare_result_to_json (&result);

      if (synth != NULL)
        {
          json_object_set_string_member (json_node_get_object (node), "synth", synth);
          json_object_set_double_member (json_node_get_object (node), "synth_s", synth_s);
        }
      precis_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = precis_bench_compare_result_to_text (&result);

      if (synth != NULL)
        g_print (_("Synthetic project: %s, three models, written in %.3f s\n"), synth, synth_s);
      g_print ("%s", text);
    }
  precis_bench_compare_result_clear (&result);
  return PRECIS_CLI_OK;
}

int
precis_cli_bench (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) project = NULL;
  g_autofree char *synth = NULL;
  g_autofree char *iou = NULL;
  g_autofree char *model = NULL;
  g_autofree char *tmp_dir = NULL;
  gint sweeps = 10;
  gint coco_runs = 3;
  gint64 seed = 1;
  gboolean json = FALSE;
  gboolean compare = FALSE;
  gboolean classification = FALSE;
  gint resamples = 1000;
  gint image_metrics = 0;
  PrecisIouType type = PRECIS_IOU_BBOX;
  PrecisBenchResult result;
  double synth_s = 0;
  gboolean ok;
  GOptionEntry entries[] = {
    { "synth", 0, 0, G_OPTION_ARG_STRING, &synth, N_("Measure a synthetic project of N images and K predictions per image"), "N,K" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the synthetic project (default 1)"), "S" },
    { "iou-type", 0, 0, G_OPTION_ARG_STRING, &iou, N_("bbox, segm, keypoints or polyline (default bbox)"), "TYPE" },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("Model to measure (default: the first)"), "NAME" },
    { "sweeps", 0, 0, G_OPTION_ARG_INT, &sweeps, N_("Slider sweeps 0 → 1 → 0 for protocol active (default 10)"), "N" },
    { "coco-runs", 0, 0, G_OPTION_ARG_INT, &coco_runs, N_("COCO evaluations to time (default 3)"), "N" },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare, N_("Measure comparing models: a slider step of every model and a bootstrap "
                                                       "(--synth writes two more models)"), NULL },
    { "resamples", 0, 0, G_OPTION_ARG_INT, &resamples, N_("Bootstrap resamples of the compare case (default 1000)"), "N" },
    { "classification", 0, 0, G_OPTION_ARG_NONE, &classification, N_("Measure a classification project: load, "
                                                                     "precompute and confidence steps (--synth writes one, K predictions per image)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "image-metrics", 0, 0, G_OPTION_ARG_INT, &image_metrics, N_("Measure decoding N synthetic 640×480 JPEGs for the image metrics, on every core and on one"), "N" },
    { NULL }
  };

  context = g_option_context_new (_("[PROJECT]"));
  g_option_context_set_summary (context, _("Measure load, precompute and evaluation speed and memory."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_USAGE;
    }
  /* The load it times is the parse, not a read of the dataset cache. */
  precis_dataset_cache_set_enabled (FALSE);

  if (image_metrics > 0)
    {
      g_autofree char *report = precis_bench_image_metrics ((guint) image_metrics, &error);

      if (report == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
      g_print ("%s", report);
      return PRECIS_CLI_OK;
    }
  if (iou != NULL && !precis_iou_type_from_string (iou, &type))
    {
      g_printerr ("precis-cli: %s: %s\n", _("bench: unknown --iou-type"), iou);
      return PRECIS_CLI_USAGE;
    }
  if (sweeps < 0 || coco_runs < 1 || resamples < 0)
    {
      g_printerr ("precis-cli: %s\n", _("bench: --sweeps and --resamples must be ≥ 0 and --coco-runs ≥ 1"));
      return PRECIS_CLI_USAGE;
    }
  if ((synth == NULL) == (argc != 2))
    {
      g_printerr ("precis-cli: %s\n", _("bench: give either one PROJECT or --synth N,K"));
      return PRECIS_CLI_USAGE;
    }

  if (synth != NULL)
    {
      PrecisSynthParams params = { 0, };
      gint64 t0;

      if (!parse_synth (synth, &params.n_images, &params.preds_per_image))
        {
          g_printerr ("precis-cli: %s: %s\n", _("bench: --synth expects N,K"), synth);
          return PRECIS_CLI_USAGE;
        }
      params.kind = type;
      params.seed = (guint64) seed;
      tmp_dir = g_dir_make_tmp ("precis-bench-XXXXXX", &error);
      if (tmp_dir == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
      project = g_file_new_for_path (tmp_dir);
      t0 = g_get_monotonic_time ();
      if (!(classification ? precis_synth_classify_write (&params, project, NULL, NULL, &error)
                           : precis_synth_write (&params, project, NULL, NULL, &error)))
        {
          precis_cli_print_error (error);
          remove_synth_dir (tmp_dir);
          return PRECIS_CLI_BAD_INPUT;
        }
      if (compare && !add_variants (project, &error))
        {
          precis_cli_print_error (error);
          remove_synth_dir (tmp_dir);
          return PRECIS_CLI_BAD_INPUT;
        }
      synth_s = (g_get_monotonic_time () - t0) / 1e6;
    }
  else
    project = g_file_new_for_commandline_arg (argv[1]);

  if (classification)
    {
      int ret;

      if (synth != NULL && !json)
        g_print (_("Synthetic project: %s, seed %" PRId64 ", written in %.3f s\n"), synth, seed, synth_s);
      ret = precis_cli_bench_classify (project, model, (guint) sweeps, json);
      if (tmp_dir != NULL)
        remove_synth_dir (tmp_dir);
      return ret;
    }

  if (compare)
    {
      int ret = print_compare (project, type, (guint) sweeps, (guint) resamples, json, synth, synth_s, &error);

      if (tmp_dir != NULL)
        remove_synth_dir (tmp_dir);
      if (ret != PRECIS_CLI_OK)
        precis_cli_print_error (error);
      return ret;
    }

  ok = precis_bench_run (project, model, type, (guint) sweeps, (guint) coco_runs, &result, NULL, &error);
  if (tmp_dir != NULL)
    remove_synth_dir (tmp_dir);
  if (!ok)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = precis_bench_result_to_json (&result);

      if (synth != NULL)
        {
          JsonObject *obj = json_node_get_object (node);

          json_object_set_string_member (obj, "synth", synth);
          json_object_set_int_member (obj, "seed", seed);
          json_object_set_double_member (obj, "synth_s", synth_s);
        }
      precis_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = precis_bench_result_to_text (&result);

      if (synth != NULL)
        g_print (_("Synthetic project: %s, seed %" PRId64 ", written in %.3f s\n"), synth, seed, synth_s);
      g_print ("%s", text);
    }

  precis_bench_result_clear (&result);
  return PRECIS_CLI_OK;
}

/* precis-cli-synth.c: precis-cli synth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-synth.h"

int
precis_cli_synth (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *out = NULL;
  gint n_images = 100;
  gint preds = -1;
  gboolean classification;
  gint64 seed = 1;
  gboolean quiet = FALSE;
  PrecisSynthParams params = { 0, };
  PrecisSynthStats stats;
  gint64 t0;
  GOptionEntry entries[] = {
    { "images", 0, 0, G_OPTION_ARG_INT, &n_images, N_("Number of images (default 100)"), "N" },
    { "preds-per-image", 0, 0, G_OPTION_ARG_INT, &preds, N_("Predictions per image, at most (default 100; classification: 5, at most 100)"), "K" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("bbox, segm, keypoints, polyline or classification (default bbox)"), "KIND" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Random seed (default 1)"), "S" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Project folder to write (gt.json, predictions.json)"), "DIR" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing on success"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Generate a deterministic COCO-shaped project."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_USAGE;
    }

  if (argc > 1)
    {
      g_printerr ("precis-cli: %s\n", _("synth takes no positional argument"));
      return PRECIS_CLI_USAGE;
    }
  if (out == NULL)
    {
      g_printerr ("precis-cli: %s\n", _("synth: --out DIR is required"));
      return PRECIS_CLI_USAGE;
    }
  classification = g_strcmp0 (kind, "classification") == 0;
  if (preds == -1)
    preds = classification ? 5 : 100;
  if (n_images < 0 || preds < 0)
    {
      g_printerr ("precis-cli: %s\n", _("synth: --images and --preds-per-image must not be negative"));
      return PRECIS_CLI_USAGE;
    }
  params.kind = PRECIS_IOU_BBOX;
  if (kind != NULL && !classification && !precis_iou_type_from_string (kind, &params.kind))
    {
      g_printerr ("precis-cli: %s: %s\n", _("synth: unknown --kind"), kind);
      return PRECIS_CLI_USAGE;
    }
  params.n_images = (guint) n_images;
  params.preds_per_image = (guint) preds;
  params.seed = (guint64) seed;

  dir = g_file_new_for_commandline_arg (out);
  t0 = g_get_monotonic_time ();
  if (!(classification ? precis_synth_classify_write (&params, dir, &stats, NULL, &error)
                        : precis_synth_write (&params, dir, &stats, NULL, &error)))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }

  if (!quiet)
    {
      g_autofree char *path = g_file_get_path (dir);

      g_print (_("Wrote %s: %" PRIu64 " images, %" PRIu64 " categories, "
                 "%" PRIu64 " GT (%" PRIu64 " crowd; small %" PRIu64
                 ", medium %" PRIu64 ", large %" PRIu64 "), %" PRIu64
                 " predictions, %.1f MB in %.2f s\n"),
               path, stats.n_images, stats.n_categories, stats.n_gt, stats.n_gt_crowd,
               stats.n_gt_small, stats.n_gt_medium, stats.n_gt_large, stats.n_predictions,
               stats.bytes_written / 1e6, (g_get_monotonic_time () - t0) / 1e6);
    }

  return PRECIS_CLI_OK;
}

/* precis-cli-info.c: precis-cli info
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "precis-cli.h"
#include "precis-dataset.h"

static void
add_counts (JsonBuilder                  *builder,
            const PrecisAnnotationCounts *c)
{
  json_builder_set_member_name (builder, "bbox");
  json_builder_add_int_value (builder, c->n_bbox);
  json_builder_set_member_name (builder, "polygon");
  json_builder_add_int_value (builder, c->n_polygon);
  json_builder_set_member_name (builder, "rle");
  json_builder_add_int_value (builder, c->n_rle);
  json_builder_set_member_name (builder, "polyline");
  json_builder_add_int_value (builder, c->n_polyline);
  json_builder_set_member_name (builder, "keypoints");
  json_builder_add_int_value (builder, c->n_keypoints);
  json_builder_set_member_name (builder, "crowd");
  json_builder_add_int_value (builder, c->n_crowd);
}

static char *
file_display (GFile *file)
{
  if (file == NULL)
    return NULL;

  return g_file_get_parse_name (file);
}

static void
print_json (PrecisDataset *dataset)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *gt_file = file_display (precis_dataset_get_ground_truth (dataset));
  g_autofree char *images_dir = file_display (precis_dataset_get_images_dir (dataset));
  PrecisAnnotationCounts counts;
  guint n_images = precis_dataset_get_n_images (dataset);
  guint n_missing = precis_dataset_get_n_images_missing (dataset);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, precis_dataset_get_name (dataset));
  json_builder_set_member_name (builder, "ground_truth_file");
  json_builder_add_string_value (builder, gt_file);
  json_builder_set_member_name (builder, "images_dir");
  if (images_dir != NULL)
    json_builder_add_string_value (builder, images_dir);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "images");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, n_images);
  json_builder_set_member_name (builder, "present");
  json_builder_add_int_value (builder, n_images - n_missing);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, n_missing);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "categories");
  json_builder_add_int_value (builder, precis_dataset_get_n_categories (dataset));
  json_builder_set_member_name (builder, "task");
  json_builder_add_string_value (builder, precis_dataset_is_classification (dataset) ? "classification" : "detection");

  precis_annotations_count (precis_dataset_get_ground_truth_annotations (dataset), &counts);
  json_builder_set_member_name (builder, "ground_truth");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, counts.n);
  add_counts (builder, &counts);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "models");
  json_builder_begin_array (builder);
  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    {
      g_autofree char *file = file_display (precis_dataset_get_model_file (dataset, m));

      precis_annotations_count (precis_dataset_get_predictions (dataset, m), &counts);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, precis_dataset_get_model_name (dataset, m));
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, file);
      json_builder_set_member_name (builder, "predictions");
      json_builder_add_int_value (builder, counts.n);
      add_counts (builder, &counts);
      json_builder_set_member_name (builder, "iou_types");
      json_builder_begin_array (builder);
      for (guint t = 0; t < PRECIS_N_IOU_TYPES; t++)
        if (precis_dataset_supports (dataset, m, t))
          json_builder_add_string_value (builder, precis_iou_type_to_string (t));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_kinds (const PrecisAnnotationCounts *c)
{
  /* TRANSLATORS: shape kinds of annotations, then the crowd count */
  g_print (_("    bbox %u, polygon %u, RLE %u, polyline %u, keypoints %u; crowd %u\n"),
           c->n_bbox, c->n_polygon, c->n_rle, c->n_polyline, c->n_keypoints, c->n_crowd);
}

static void
print_text (PrecisDataset *dataset)
{
  PrecisAnnotationCounts counts;
  guint n_images = precis_dataset_get_n_images (dataset);
  guint n_missing = precis_dataset_get_n_images_missing (dataset);

  g_print (_("Project: %s\n"), precis_dataset_get_name (dataset));
  g_print (_("Images: %u (%u on disk, %u missing)\n"), n_images, n_images - n_missing, n_missing);
  g_print (_("Categories: %u\n"), precis_dataset_get_n_categories (dataset));
  g_print ("%s\n", precis_dataset_is_classification (dataset)
                    ? _("Task: classification (image labels)")
                    : _("Task: detection (objects with geometry)"));

  precis_annotations_count (precis_dataset_get_ground_truth_annotations (dataset), &counts);
  g_print (_("Ground truth: %u annotations\n"), counts.n);
  print_kinds (&counts);

  for (guint m = 0; m < precis_dataset_get_n_models (dataset); m++)
    {
      precis_annotations_count (precis_dataset_get_predictions (dataset, m), &counts);
      g_print (_("Model “%s”: %u predictions\n"), precis_dataset_get_model_name (dataset, m), counts.n);
      print_kinds (&counts);
    }
}

int
precis_cli_info (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autofree char *gt = NULL;
  g_autofree char *images = NULL;
  g_auto(GStrv) preds = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "gt", 0, 0, G_OPTION_ARG_FILENAME, &gt, N_("COCO ground-truth file"), N_("FILE") },
    { "pred", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &preds, N_("COCO results file (repeatable)"), N_("FILE") },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images, N_("Image folder"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[PROJECT] — count images, categories, ground truth and predictions"));
  g_option_context_set_summary (context,
                                _("PROJECT is a folder (gt.json, predictions*.json, images/) or a project file.\n"
                                  "Alternatively give the files with --gt, --pred and --images."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("precis-cli: info: %s\n", error->message);
      return PRECIS_CLI_USAGE;
    }

  if ((gt == NULL) == (argc != 2) || argc > 2 || (gt == NULL && (preds != NULL || images != NULL)))
    {
      g_printerr ("precis-cli: info: %s\n",
                  _("give either one PROJECT or --gt FILE [--pred FILE…] [--images DIR]"));
      return PRECIS_CLI_USAGE;
    }

  if (gt != NULL)
    {
      g_autoptr(GFile) gt_file = g_file_new_for_commandline_arg (gt);
      g_autoptr(GFile) images_dir = images ? g_file_new_for_commandline_arg (images) : NULL;
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; preds != NULL && preds[i] != NULL; i++)
        g_ptr_array_add (files, g_file_new_for_commandline_arg (preds[i]));

      dataset = precis_dataset_load_files (gt_file, (GFile **) files->pdata, NULL, files->len,
                                           images_dir, NULL, NULL, NULL, &error);
    }
  else
    {
      g_autoptr(GFile) project = g_file_new_for_commandline_arg (argv[1]);

      dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
    }

  if (dataset == NULL)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }

  if (json)
    print_json (dataset);
  else
    print_text (dataset);

  return PRECIS_CLI_OK;
}

/* precis-cli-active-json.c: the `eval --json` object of protocol active, shared by eval and compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "precis-cli.h"
#include "precis-active.h"

static JsonNode *
double_or_null (double v)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (isfinite (v))
    json_node_set_double (node, v);
  else
    json_node_init_null (node);
  return node;
}

JsonNode *
precis_cli_active_to_json (PrecisDataset            *dataset,
                           PrecisMatcher            *matcher,
                           PrecisActive             *active,
                           const PrecisActiveResult *res)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const PrecisActiveF1Curve *curve = precis_active_get_f1_curve (active);
  guint model = precis_matcher_get_model (matcher);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_string_value (b, "active");
  json_builder_set_member_name (b, "iou_type");
  json_builder_add_string_value (b, precis_iou_type_to_string (precis_matcher_get_iou_type (matcher)));
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, precis_dataset_get_model_name (dataset, model));
  json_builder_set_member_name (b, "threshold");
  json_builder_add_double_value (b, res->threshold);
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, res->confidence);
  json_builder_set_member_name (b, "area_range");
  json_builder_begin_array (b);
  json_builder_add_value (b, double_or_null (res->area_min));
  json_builder_add_value (b, double_or_null (res->area_max));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "per_class");
  json_builder_begin_array (b);
  for (guint c = 0; c < res->n_classes; c++)
    {
      const PrecisActiveClassResult *cls = &res->classes[c];
      const PrecisCategory *cat = precis_dataset_get_category (dataset, c);

      if (!cls->selected)
        continue;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "category_id");
      json_builder_add_int_value (b, cat->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, cat->name);
      json_builder_set_member_name (b, "counted");
      json_builder_add_boolean_value (b, cls->counted);
      json_builder_set_member_name (b, "num_gt");
      json_builder_add_int_value (b, cls->n_gt);
      json_builder_set_member_name (b, "num_gt_crowd");
      json_builder_add_int_value (b, cls->n_gt_crowd);
      json_builder_set_member_name (b, "num_predictions");
      json_builder_add_int_value (b, cls->n_predictions);
      json_builder_set_member_name (b, "TP");
      json_builder_add_int_value (b, cls->tp);
      json_builder_set_member_name (b, "FP");
      json_builder_add_int_value (b, cls->fp);
      json_builder_set_member_name (b, "FN");
      json_builder_add_int_value (b, cls->fn);
      json_builder_set_member_name (b, "ignored");
      json_builder_add_int_value (b, cls->ignored);
      json_builder_set_member_name (b, "P");
      json_builder_add_double_value (b, cls->precision);
      json_builder_set_member_name (b, "R");
      json_builder_add_double_value (b, cls->recall);
      json_builder_set_member_name (b, "F1");
      json_builder_add_double_value (b, cls->f1);
      json_builder_set_member_name (b, "AP");
      json_builder_add_double_value (b, cls->ap);
      json_builder_set_member_name (b, "AR");
      json_builder_add_double_value (b, cls->ar);
      json_builder_set_member_name (b, "precision_101");
      json_builder_begin_array (b);
      for (guint i = 0; i < PRECIS_N_RECALL_POINTS; i++)
        json_builder_add_double_value (b, res->precision_101[c * PRECIS_N_RECALL_POINTS + i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "classes_counted");
  json_builder_begin_array (b);
  for (guint k = 0; k < res->n_counted; k++)
    json_builder_add_int_value (b, precis_dataset_get_category (dataset, res->counted[k])->id);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "num_classes_counted");
  json_builder_add_int_value (b, res->n_counted);
  json_builder_set_member_name (b, "mAP");
  json_builder_add_double_value (b, res->map);
  json_builder_set_member_name (b, "mAR");
  json_builder_add_double_value (b, res->mar);
  json_builder_set_member_name (b, "mean_F1");
  json_builder_add_double_value (b, res->mean_f1);

  json_builder_set_member_name (b, "sums");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "num_gt");
  json_builder_add_int_value (b, res->n_gt);
  json_builder_set_member_name (b, "num_gt_crowd");
  json_builder_add_int_value (b, res->n_gt_crowd);
  json_builder_set_member_name (b, "num_predictions");
  json_builder_add_int_value (b, res->n_predictions);
  json_builder_set_member_name (b, "TP");
  json_builder_add_int_value (b, res->tp);
  json_builder_set_member_name (b, "FP");
  json_builder_add_int_value (b, res->fp);
  json_builder_set_member_name (b, "FN");
  json_builder_add_int_value (b, res->fn);
  json_builder_set_member_name (b, "ignored");
  json_builder_add_int_value (b, res->ignored);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "best_f1");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, curve->best_confidence);
  json_builder_set_member_name (b, "mean_F1");
  json_builder_add_double_value (b, curve->best_mean_f1);
  json_builder_end_object (b);

  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* precis-classify-output.c: the JSON of a classification evaluation (docs/FORMATS.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "precis-classify.h"

/* A ratio, or null where its denominator is 0 (NAN). */
static void
add_ratio (JsonBuilder *b,
           const char  *member,
           double       value)
{
  json_builder_set_member_name (b, member);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static void
add_uint (JsonBuilder *b,
          const char  *member,
          guint        value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_average (JsonBuilder *b,
             const char  *member,
             double       p,
             double       r,
             double       f1)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_ratio (b, "P", p);
  add_ratio (b, "R", r);
  add_ratio (b, "F1", f1);
  json_builder_end_object (b);
}

static void
add_per_class (JsonBuilder                *b,
               PrecisDataset              *dataset,
               const PrecisClassifyResult *r)
{
  json_builder_set_member_name (b, "per_class");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->n_classes; i++)
    {
      const PrecisClassifyPerClass *c = &r->classes[i];
      const PrecisCategory *cat = precis_dataset_get_category (dataset, c->category);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "category_id");
      json_builder_add_int_value (b, cat->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, cat->name);
      add_ratio (b, "P", c->precision);
      add_ratio (b, "R", c->recall);
      add_ratio (b, "F1", c->f1);
      add_uint (b, "support", c->support);
      add_uint (b, "TP", c->tp);
      add_uint (b, "FP", c->fp);
      add_uint (b, "FN", c->fn);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_confusion (JsonBuilder                *b,
               PrecisDataset              *dataset,
               const PrecisClassifyResult *r)
{
  guint k = r->n_categories;

  json_builder_set_member_name (b, "confusion");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint c = 0; c < k; c++)
    json_builder_add_string_value (b, precis_dataset_get_category (dataset, c)->name);
  json_builder_add_string_value (b, "none");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "category_ids");
  json_builder_begin_array (b);
  for (guint c = 0; c < k; c++)
    json_builder_add_int_value (b, precis_dataset_get_category (dataset, c)->id);
  json_builder_add_null_value (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "matrix");
  json_builder_begin_array (b);
  for (guint g = 0; g < k; g++)
    {
      json_builder_begin_array (b);
      for (guint p = 0; p <= k; p++)
        json_builder_add_int_value (b, r->confusion[(gsize) g * (k + 1) + p]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_calibration (JsonBuilder                *b,
                 const PrecisClassifyResult *r)
{
  json_builder_set_member_name (b, "calibration");
  json_builder_begin_array (b);
  for (guint i = 0; i < PRECIS_CLASSIFY_N_BINS; i++)
    {
      const PrecisClassifyBin *bin = &r->bins[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lo");
      json_builder_add_double_value (b, (double) i / PRECIS_CLASSIFY_N_BINS);
      json_builder_set_member_name (b, "hi");
      json_builder_add_double_value (b, (double) (i + 1) / PRECIS_CLASSIFY_N_BINS);
      add_uint (b, "n", bin->n);
      add_uint (b, "correct", bin->correct);
      add_ratio (b, "accuracy", bin->accuracy);
      add_ratio (b, "confidence", bin->confidence);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * precis_classify_to_json:
 * @self: a #PrecisClassify
 *
 * Evaluates at the current confidence threshold and describes the result as
 * `precis-cli eval --json` prints it (docs/FORMATS.md); ratios whose
 * denominator is 0 are null.
 *
 * Returns: (transfer full): the JSON object
 */
JsonNode *
precis_classify_to_json (PrecisClassify *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const PrecisClassifyResult *r = precis_classify_evaluate (self);
  PrecisDataset *dataset = precis_classify_get_dataset (self);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "task");
  json_builder_add_string_value (b, "classification");
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, precis_dataset_get_model_name (dataset, precis_classify_get_model (self)));
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, r->confidence);
  add_uint (b, "n_images", r->n_images);
  add_uint (b, "n_unlabelled", r->n_unlabelled);
  add_uint (b, "correct", r->correct);
  add_uint (b, "answered", r->answered);
  add_ratio (b, "accuracy", r->accuracy);
  add_ratio (b, "top5_accuracy", r->top5_accuracy);
  add_average (b, "macro", r->macro_precision, r->macro_recall, r->macro_f1);
  add_average (b, "weighted", r->weighted_precision, r->weighted_recall, r->weighted_f1);
  add_per_class (b, dataset, r);
  add_confusion (b, dataset, r);
  add_calibration (b, r);
  add_ratio (b, "ece", r->ece);
  add_ratio (b, "coverage", r->coverage);
  add_ratio (b, "selective_accuracy", r->selective_accuracy);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* precis-outcomes.c: per-object outcomes with TIDE's error type (SEMANTICS.md §6, §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "precis-outcomes.h"
#include "precis-overlaps.h"

static void
append_double (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

/* Annotation index by file position. */
static guint32 *
by_file_order (const PrecisAnnotations *anns)
{
  guint32 *order = g_new (guint32, MAX (anns->n, 1));

  for (guint i = 0; i < anns->n; i++)
    order[anns->file_index[i]] = i;
  return order;
}

/* What both halves of the table read. */
typedef struct {
  GString                 *out;
  PrecisActive            *active;
  PrecisDataset           *dataset;
  const PrecisAnnotations *gt;
  const PrecisAnnotations *dt;
  const PrecisMatches     *m;
  const PrecisTideResult  *tr;   /* may be NULL */
} Table;

static void
append_gt_rows (const Table *t)
{
  GString *out = t->out;
  PrecisActive *active = t->active;
  PrecisDataset *dataset = t->dataset;
  const PrecisAnnotations *gt = t->gt, *dt = t->dt;
  const PrecisMatches *m = t->m;
  const PrecisTideResult *tr = t->tr;
  g_autofree guint32 *order = by_file_order (gt);

  for (guint f = 0; f < gt->n; f++)
    {
      guint32 g = order[f], match = PRECIS_NO_INDEX;
      PrecisGtOutcome outcome = precis_active_get_gt_outcome (active, g);
      const char *name;

      switch (outcome)
        {
        case PRECIS_GT_MATCHED:
          name = "TP";
          match = precis_active_get_gt_match (active, g);
          break;
        case PRECIS_GT_FN:
          name = "FN";
          break;
        case PRECIS_GT_IGNORED:
          name = m->gt_crowd[g] ? "crowd" : "ignored";
          break;
        case PRECIS_GT_FILTERED:
        default:
          continue;
        }
      g_string_append_printf (out, "gt,%" PRId64 ",%" PRId64 ",%" PRId64 ",,%s",
                              gt->id[g], precis_dataset_get_image (dataset, gt->image[g])->id,
                              precis_dataset_get_category (dataset, gt->category[g])->id, name);
      append_double (out, MAX (m->tau[g], 0));
      g_string_append_c (out, ',');
      if (match != PRECIS_NO_INDEX)
        g_string_append_printf (out, "%u", dt->file_index[match] + 1);
      g_string_append_printf (out, ",%s\n",
                              tr != NULL ? precis_tide_error_to_name (tr->gt_error[g]) : "");
    }
}

static void
append_prediction_rows (const Table *t)
{
  GString *out = t->out;
  PrecisActive *active = t->active;
  PrecisDataset *dataset = t->dataset;
  const PrecisAnnotations *gt = t->gt, *dt = t->dt;
  const PrecisMatches *m = t->m;
  const PrecisTideResult *tr = t->tr;
  g_autofree guint32 *order = by_file_order (dt);

  for (guint f = 0; f < dt->n; f++)
    {
      guint32 p = order[f];
      PrecisPredictionOutcome outcome = precis_active_get_prediction_outcome (active, p);
      const char *name;

      switch (outcome)
        {
        case PRECIS_PREDICTION_TP:
          name = "TP";
          break;
        case PRECIS_PREDICTION_FP:
          name = "FP";
          break;
        case PRECIS_PREDICTION_IGNORED:
          name = "ignored";
          break;
        case PRECIS_PREDICTION_FILTERED:
        default:
          continue;
        }
      g_string_append_printf (out, "pred,%u,%" PRId64 ",%" PRId64,
                              dt->file_index[p] + 1, precis_dataset_get_image (dataset, dt->image[p])->id,
                              precis_dataset_get_category (dataset, dt->category[p])->id);
      append_double (out, dt->score[p]);
      g_string_append_printf (out, ",%s", name);
      append_double (out, m->iou[p]);
      g_string_append_c (out, ',');
      if (outcome == PRECIS_PREDICTION_TP)
        g_string_append_printf (out, "%" PRId64, gt->id[m->candidate[p]]);
      g_string_append_printf (out, ",%s\n",
                              tr != NULL ? precis_tide_error_to_name (tr->prediction_error[p]) : "");
    }
}

char *
precis_outcomes_to_csv (PrecisActive *active,
                        PrecisTide   *tide)
{
  PrecisMatcher *matcher;
  Table t;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (active), NULL);
  g_return_val_if_fail (tide == NULL || PRECIS_IS_TIDE (tide), NULL);

  matcher = precis_active_get_matcher (active);
  t.active = active;
  t.dataset = precis_matcher_get_dataset (matcher);
  t.gt = precis_dataset_get_ground_truth_annotations (t.dataset);
  t.dt = precis_dataset_get_predictions (t.dataset, precis_matcher_get_model (matcher));
  t.m = precis_matcher_get_matches (matcher);
  t.tr = tide != NULL ? precis_tide_evaluate (tide) : NULL;

  precis_active_evaluate (active);
  t.out = g_string_new ("kind,id,image_id,category_id,score,outcome,iou,match_id,error\n");
  append_gt_rows (&t);
  append_prediction_rows (&t);
  return g_string_free (t.out, FALSE);
}

gboolean
precis_outcomes_write_csv (PrecisActive  *active,
                           PrecisTide    *tide,
                           const char    *path,
                           gboolean       overwrite,
                           GError       **error)
{
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;
  GError *local = NULL;

  g_return_val_if_fail (PRECIS_IS_ACTIVE (active), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s: the file exists (use --force to replace it)"), display);
      return FALSE;
    }
  text = precis_outcomes_to_csv (active, tide);
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0666, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
      g_error_free (local);
      return FALSE;
    }
  return TRUE;
}

PrecisTide *
precis_outcomes_new_tide (PrecisActive  *active,
                          GError       **error)
{
  PrecisMatcher *matcher = precis_active_get_matcher (active);
  PrecisDataset *dataset = precis_matcher_get_dataset (matcher);
  guint n_categories = precis_dataset_get_n_categories (dataset);
  g_autofree guint8 *classes = g_malloc0 (MAX (n_categories, 1));
  g_autofree guint32 *image_order = NULL;
  g_autoptr(PrecisOverlaps) overlaps = NULL;
  PrecisTide *tide;

  image_order = precis_overlaps_read_image_order (dataset, NULL, error);
  if (image_order == NULL)
    return NULL;
  overlaps = precis_overlaps_new (matcher, image_order, 0, NULL, error);
  if (overlaps == NULL)
    return NULL;
  for (guint k = 0; k < n_categories; k++)
    classes[k] = precis_active_get_class_selected (active, k);
  tide = precis_tide_new (overlaps);
  precis_tide_set_threshold (tide, precis_active_get_threshold (active));
  precis_tide_set_confidence (tide, precis_active_get_confidence (active));
  precis_tide_set_classes (tide, classes);
  return tide;
}

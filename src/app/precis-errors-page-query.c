/* precis-errors-page-query.c: what the window and the tests ask of the Errors
 * page: its buttons, and the error of one object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "precis-errors-page-private.h"

char *
precis_errors_page_explain (PrecisErrorsPage *self,
                            PrecisTideError   error)
{
  double t = self->threshold, tb = self->background;
  g_autofree char *rule = NULL;

  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), NULL);
  g_return_val_if_fail (error < PRECIS_TIDE_N_ERRORS, NULL);

  /* The rules of SEMANTICS.md §8 (reference/tide/ALGORITHM.md §2.7, §5), with
   * the thresholds in use; t is the IoU slider, t_b the background setting. */
  switch (error)
    {
    case PRECIS_TIDE_CLS:
      rule = g_strdup_printf (_("Cls, wrong class: a false positive that covers an object of another class "
                                "at IoU ≥ %.2f (t), and is not a Loc error. Fixed, it takes that object's class."), t);
      break;
    case PRECIS_TIDE_LOC:
      rule = g_strdup_printf (_("Loc, box off: a false positive whose best IoU with an object of its own class "
                                "is between %.2f (t_b) and %.2f (t), both included. Fixed, its box is corrected."),
                              tb, t);
      break;
    case PRECIS_TIDE_BOTH:
      rule = g_strdup_printf (_("Both, wrong class and box off: IoU below %.2f (t_b) with the objects of its class, "
                                "and between %.2f (t_b) and %.2f (t) with another class's. Fixed, it is removed."),
                              tb, tb, t);
      break;
    case PRECIS_TIDE_DUPE:
      rule = g_strdup_printf (_("Dupe, duplicate: a false positive at IoU ≥ %.2f (t) with an object of its class "
                                "that a higher-scored prediction already matched. Fixed, it is removed."), t);
      break;
    case PRECIS_TIDE_BKG:
      rule = g_strdup_printf (_("Bkg, background: a false positive at IoU ≤ %.2f (t_b) with every object of its "
                                "image, or in an image without objects. Fixed, it is removed."), tb);
      break;
    case PRECIS_TIDE_MISS:
    default:
      rule = g_strdup (_("Miss, missed object: a ground-truth object that no prediction matched and no Cls or "
                         "Loc error aimed at. Fixed, it leaves the ground truth."));
      break;
    }
  /* Translators: an error type's rule, then what a click does */
  return g_strdup_printf (_("%s\nClick to see these objects in the explorer."), rule);
}

static guint
n_categories_of (PrecisErrorsPage *self)
{
  return precis_dataset_get_n_categories (_precis_errors_page_dataset (self));
}

GtkWidget *
precis_errors_page_get_type_button (PrecisErrorsPage *self,
                                    PrecisTideError   error)
{
  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), NULL);
  g_return_val_if_fail (error < PRECIS_TIDE_N_ERRORS, NULL);
  return self->type_buttons[error];
}

GtkWidget *
precis_errors_page_get_cell_button (PrecisErrorsPage *self,
                                    guint             row,
                                    guint             col)
{
  guint i = G_MAXUINT, j = G_MAXUINT;

  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), NULL);

  for (guint k = 0; k < self->n_shown; k++)
    {
      if (self->shown[k] == row)
        i = k;
      if (self->shown[k] == col)
        j = k;
    }
  return i < self->n_shown && j < self->n_shown ? self->cells[i * self->n_shown + j] : NULL;
}

const guint *
precis_errors_page_get_matrix_classes (PrecisErrorsPage *self,
                                       guint            *n_shown)
{
  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), NULL);
  g_return_val_if_fail (n_shown != NULL, NULL);

  *n_shown = self->n_shown;
  return self->shown;
}

/* The IoU of prediction @i with GT @g, or with its best GT of any class when
 * @g is PRECIS_NO_INDEX (0 without any overlap). */
static double
pair_iou (const PrecisOverlapsData *d,
          guint32                   i,
          guint32                   g)
{
  double best = 0;

  for (guint32 p = d->pair_start[i]; p < d->pair_start[i + 1]; p++)
    if (g == PRECIS_NO_INDEX || d->pair_gt[p] == g)
      best = MAX (best, d->pair_iou[p]);
  return best;
}

char *
precis_errors_page_describe (PrecisErrorsPage *self,
                             gboolean          is_gt,
                             guint32           index)
{
  const PrecisTideResult *r;
  const PrecisOverlapsData *d;
  const PrecisAnnotations *gt, *dt;
  guint32 target;
  PrecisTideError error;

  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), NULL);

  if (self->tide == NULL)
    return NULL;
  r = precis_tide_evaluate (self->tide);
  d = precis_overlaps_get_data (self->overlaps);
  if (is_gt)
    return index < d->n_gt && r->gt_error[index] == PRECIS_TIDE_MISS
           ? g_strdup (_("Miss: no prediction found it")) : NULL;
  if (index >= d->n_predictions)
    return NULL;

  gt = precis_dataset_get_ground_truth_annotations (_precis_errors_page_dataset (self));
  dt = precis_dataset_get_predictions (_precis_errors_page_dataset (self), precis_matcher_get_model (self->matcher));
  error = r->prediction_error[index];
  target = r->prediction_target[index];
  switch (error)
    {
    case PRECIS_TIDE_CLS:
      /* Translators: a classification error: the class predicted, the GT's class, their IoU */
      return g_strdup_printf (_("Cls: predicted %s, GT %s · IoU %.2f"),
                              _precis_errors_page_class_name (self, dt->category[index]),
                              _precis_errors_page_class_name (self, gt->category[target]),
                              pair_iou (d, index, target));
    case PRECIS_TIDE_LOC:
      /* Translators: a localization error: the IoU with the GT it aimed at, and its id */
      return g_strdup_printf (_("Loc · IoU %.2f with GT #%" PRId64),
                              pair_iou (d, index, target), gt->id[target]);
    case PRECIS_TIDE_DUPE:
      if (r->gt_match[target] == PRECIS_NO_INDEX)
        return g_strdup (_("Dupe"));
      /* Translators: a duplicate detection; the id of the prediction that took the GT */
      return g_strdup_printf (_("Dupe of prediction #%" PRId64), dt->id[r->gt_match[target]]);
    case PRECIS_TIDE_BOTH:
    case PRECIS_TIDE_BKG:
      /* Translators: an error type (Both, Bkg) and the best IoU with any GT */
      return g_strdup_printf (_("%s · best IoU %.2f with any GT"), precis_tide_error_to_name (error),
                              pair_iou (d, index, PRECIS_NO_INDEX));
    default:
      return NULL;
    }
}

typedef struct {
  PrecisOverlaps  *overlaps;
  double           threshold;
  double           confidence;
  double           background;
  guint8          *mask;
  PrecisTideError  error;          /* PRECIS_TIDE_NONE: every object's type */
  guint32          category;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_object_unref (job->overlaps);
  g_free (job->mask);
  g_free (job);
}

/* On its own PrecisTide: the page's stays the main thread's. */
static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr(PrecisTide) tide = NULL;
  guint32 *per_image;

  if (g_task_return_error_if_cancelled (task))
    return;
  tide = precis_tide_new (job->overlaps);
  precis_tide_set_threshold (tide, job->threshold);
  precis_tide_set_confidence (tide, job->confidence);
  precis_tide_set_background (tide, job->background);
  precis_tide_set_classes (tide, job->mask);
  if (job->error == PRECIS_TIDE_NONE)
    {
      const PrecisOverlapsData *d = precis_overlaps_get_data (job->overlaps);
      const PrecisTideResult *r = precis_tide_evaluate (tide);
      guint8 *types = g_new (guint8, MAX (d->n_gt + d->n_predictions, 1));

      memcpy (types, r->gt_error, d->n_gt);
      memcpy (types + d->n_gt, r->prediction_error, d->n_predictions);
      g_task_return_pointer (task, types, g_free);
      return;
    }
  per_image = g_new (guint32, MAX (precis_overlaps_get_data (job->overlaps)->n_images, 1));
  precis_tide_count_per_image (tide, job->error, job->category, per_image);
  g_task_return_pointer (task, per_image, g_free);
}

void
precis_errors_page_count_per_image_async (PrecisErrorsPage    *self,
                                          PrecisTideError      error,
                                          guint32              category,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  g_return_if_fail (PRECIS_IS_ERRORS_PAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, precis_errors_page_count_per_image_async);
  if (self->overlaps == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  /* The main thread only copies the parameters. */
  job = g_new0 (CountJob, 1);
  job->overlaps = g_object_ref (self->overlaps);
  job->threshold = self->threshold;
  job->confidence = self->confidence;
  job->background = self->background;
  job->mask = self->mask != NULL ? g_memdup2 (self->mask, n_categories_of (self)) : NULL;
  job->error = error;
  job->category = category;
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_thread);
}

void
precis_errors_page_object_errors_async (PrecisErrorsPage    *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  precis_errors_page_count_per_image_async (self, PRECIS_TIDE_NONE, PRECIS_NO_INDEX, cancellable,
                                            callback, user_data);
}

guint8 *
precis_errors_page_object_errors_finish (PrecisErrorsPage  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint32 *
precis_errors_page_count_per_image_finish (PrecisErrorsPage  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
precis_errors_page_describe_cell (PrecisErrorsPage *self,
                                  guint             row,
                                  guint             col)
{
  guint K, n, row_sum = 0;
  const char *gt_name, *dt_name;

  g_return_val_if_fail (PRECIS_IS_ERRORS_PAGE (self), NULL);

  if (self->matrix == NULL)
    return NULL;
  K = n_categories_of (self);
  g_return_val_if_fail (row <= K && col <= K, NULL);
  for (guint j = 0; j <= K; j++)
    row_sum += self->matrix[(gsize) row * (K + 1) + j];
  n = self->matrix[(gsize) row * (K + 1) + col];
  gt_name = _precis_errors_page_class_name (self, row);
  dt_name = _precis_errors_page_class_name (self, col);
  if (row == K)
    /* Translators: a background-row cell: unmatched predictions of a class, their share of the row */
    return g_strdup_printf (_("Predicted %s, matching no GT: %u (%.1f %% of the %u unmatched predictions)"),
                            dt_name, n, row_sum > 0 ? 100.0 * n / row_sum : 0.0, row_sum);
  if (col == K)
    /* Translators: a background-column cell: GTs no prediction took, their share of the class */
    return g_strdup_printf (_("GT %s, found by no prediction: %u (%.1f %% of the %u GT %s)"),
                            gt_name, n, row_sum > 0 ? 100.0 * n / row_sum : 0.0, row_sum, gt_name);
  /* Translators: a confusion matrix cell: GT class, predicted class, count, share of the GT class */
  return g_strdup_printf (_("GT %s, predicted %s: %u (%.1f %% of the %u GT %s)"),
                          gt_name, dt_name, n, row_sum > 0 ? 100.0 * n / row_sum : 0.0, row_sum, gt_name);
}

/* precis-compare.c: several models evaluated side by side (SEMANTICS.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-compare.h"

struct _PrecisCompare
{
  GObject        parent_instance;

  guint          n_models;
  PrecisActive **actives;
  guint          baseline;
  guint          n_images;
  guint8        *image_mask;   /* NULL: all images */

  /* Evaluating the models in parallel: workers and the calling thread take
   * models off @next until none is left, and the caller waits for the models
   * (not for the workers: one that wakes late finds nothing to do). */
  GThreadPool   *pool;
  guint          n_workers;
  gint           next;
  gint           queued;       /* worker tasks pushed and not started */
  GMutex         lock;
  GCond          done;
  guint          completed;    /* models evaluated at this step */
};

G_DEFINE_FINAL_TYPE (PrecisCompare, precis_compare, G_TYPE_OBJECT)

const char *
precis_compare_stat_name (PrecisCompareStat stat)
{
  static const char *names[] = { "mAP", "mAR", "mean_F1" };

  g_return_val_if_fail (stat < PRECIS_COMPARE_N_STATS, NULL);
  return names[stat];
}

static void
precis_compare_finalize (GObject *object)
{
  PrecisCompare *self = (PrecisCompare *)object;

  g_free (self->actives);
  g_free (self->image_mask);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);

  G_OBJECT_CLASS (precis_compare_parent_class)->finalize (object);
}

static void
precis_compare_dispose (GObject *object)
{
  PrecisCompare *self = (PrecisCompare *)object;

  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  for (guint i = 0; i < self->n_models; i++)
    g_clear_object (&self->actives[i]);

  G_OBJECT_CLASS (precis_compare_parent_class)->dispose (object);
}

static void
precis_compare_class_init (PrecisCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = precis_compare_dispose;
  object_class->finalize = precis_compare_finalize;
}

static void
precis_compare_init (PrecisCompare *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
}

/* Evaluates models off the shared counter until none is left. */
static void
take_models (PrecisCompare *self)
{
  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&self->next, 1);

      if (i >= self->n_models)
        break;
      precis_active_evaluate (self->actives[i]);
      g_mutex_lock (&self->lock);
      if (++self->completed == self->n_models)
        g_cond_signal (&self->done);
      g_mutex_unlock (&self->lock);
    }
}

static void
worker (gpointer data,
        gpointer user_data)
{
  PrecisCompare *self = user_data;

  (void) data;
  g_atomic_int_add (&self->queued, -1);
  take_models (self);
}

/**
 * precis_compare_new:
 * @matchers: (array length=n_matchers): one matcher per model, all of the
 *   same dataset and IoU type
 * @n_matchers: at least 1
 * @baseline: the index (into @matchers) of the baseline
 *
 * Creates one #PrecisActive per model at its defaults (t = 0.5, everything
 * selected, s = 0).
 *
 * Returns: (transfer full): a new #PrecisCompare
 */
PrecisCompare *
precis_compare_new (PrecisMatcher * const *matchers,
                    guint                  n_matchers,
                    guint                  baseline)
{
  PrecisCompare *self;

  g_return_val_if_fail (matchers != NULL && n_matchers > 0, NULL);
  g_return_val_if_fail (baseline < n_matchers, NULL);
  for (guint i = 1; i < n_matchers; i++)
    {
      g_return_val_if_fail (precis_matcher_get_dataset (matchers[i]) == precis_matcher_get_dataset (matchers[0]), NULL);
      g_return_val_if_fail (precis_matcher_get_iou_type (matchers[i]) == precis_matcher_get_iou_type (matchers[0]), NULL);
    }

  self = g_object_new (PRECIS_TYPE_COMPARE, NULL);
  self->n_models = n_matchers;
  self->baseline = baseline;
  self->actives = g_new0 (PrecisActive *, n_matchers);
  for (guint i = 0; i < n_matchers; i++)
    self->actives[i] = precis_active_new (matchers[i]);
  self->n_images = precis_dataset_get_n_images (precis_matcher_get_dataset (matchers[0]));

  /* One model per core at a slider step (the calling thread takes one). */
  self->n_workers = MIN (g_get_num_processors (), n_matchers) - 1;
  if (self->n_workers > 0)
    self->pool = g_thread_pool_new (worker, self, (int) self->n_workers, FALSE, NULL);

  return self;
}

guint
precis_compare_get_n_models (PrecisCompare *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE (self), 0);

  return self->n_models;
}

guint
precis_compare_get_baseline (PrecisCompare *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE (self), 0);

  return self->baseline;
}

void
precis_compare_set_baseline (PrecisCompare *self,
                             guint          baseline)
{
  g_return_if_fail (PRECIS_IS_COMPARE (self));
  g_return_if_fail (baseline < self->n_models);

  self->baseline = baseline;
}

PrecisActive *
precis_compare_get_active (PrecisCompare *self,
                           guint          model)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE (self), NULL);
  g_return_val_if_fail (model < self->n_models, NULL);

  return self->actives[model];
}

void
precis_compare_set_threshold (PrecisCompare *self,
                              double         threshold)
{
  g_return_if_fail (PRECIS_IS_COMPARE (self));

  for (guint i = 0; i < self->n_models; i++)
    precis_active_set_threshold (self->actives[i], threshold);
}

void
precis_compare_set_confidence (PrecisCompare *self,
                               double         confidence)
{
  g_return_if_fail (PRECIS_IS_COMPARE (self));

  for (guint i = 0; i < self->n_models; i++)
    precis_active_set_confidence (self->actives[i], confidence);
}

void
precis_compare_set_area_range (PrecisCompare *self,
                               double         area_min,
                               double         area_max)
{
  g_return_if_fail (PRECIS_IS_COMPARE (self));

  for (guint i = 0; i < self->n_models; i++)
    precis_active_set_area_range (self->actives[i], area_min, area_max);
}

void
precis_compare_set_classes (PrecisCompare *self,
                            const guint8  *mask)
{
  g_return_if_fail (PRECIS_IS_COMPARE (self));

  for (guint i = 0; i < self->n_models; i++)
    precis_active_set_classes (self->actives[i], mask);
}

void
precis_compare_set_images (PrecisCompare *self,
                           const guint8  *mask)
{
  g_return_if_fail (PRECIS_IS_COMPARE (self));

  g_clear_pointer (&self->image_mask, g_free);
  if (mask != NULL)
    self->image_mask = g_memdup2 (mask, MAX (self->n_images, 1));
  for (guint i = 0; i < self->n_models; i++)
    precis_active_set_images (self->actives[i], mask);
}

const guint8 *
precis_compare_get_images (PrecisCompare *self)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE (self), NULL);

  return self->image_mask;
}

/**
 * precis_compare_evaluate:
 * @self: a #PrecisCompare
 *
 * Evaluates every model at the current parameters (each only when something
 * changed, as precis_active_evaluate()), the models in parallel over the
 * cores. Returns when all are done.
 */
void
precis_compare_evaluate (PrecisCompare *self)
{
  g_return_if_fail (PRECIS_IS_COMPARE (self));

  /* Every model of the last call is done, so no worker is inside one. */
  g_mutex_lock (&self->lock);
  self->completed = 0;
  g_mutex_unlock (&self->lock);
  g_atomic_int_set (&self->next, 0);

  while (self->pool != NULL && (guint) g_atomic_int_get (&self->queued) < self->n_workers)
    {
      g_atomic_int_inc (&self->queued);
      g_thread_pool_push (self->pool, GUINT_TO_POINTER (1), NULL);
    }
  take_models (self);

  g_mutex_lock (&self->lock);
  while (self->completed < self->n_models)
    g_cond_wait (&self->done, &self->lock);
  g_mutex_unlock (&self->lock);
}

/**
 * precis_compare_get_result:
 * @self: a #PrecisCompare
 * @model: a model index
 *
 * Returns: (transfer none): the result of @model at the current parameters
 *   (evaluated if needed)
 */
const PrecisActiveResult *
precis_compare_get_result (PrecisCompare *self,
                           guint          model)
{
  g_return_val_if_fail (PRECIS_IS_COMPARE (self), NULL);
  g_return_val_if_fail (model < self->n_models, NULL);

  return precis_active_evaluate (self->actives[model]);
}

/**
 * precis_compare_get_delta:
 * @self: a #PrecisCompare
 * @model: a model index
 * @delta: (out caller-allocates): model − baseline
 *
 * The Δs of SEMANTICS.md §10 at the current parameters; all 0 for the
 * baseline.
 */
void
precis_compare_get_delta (PrecisCompare      *self,
                          guint               model,
                          PrecisCompareDelta *delta)
{
  const PrecisActiveResult *a, *b;

  g_return_if_fail (PRECIS_IS_COMPARE (self));
  g_return_if_fail (model < self->n_models);
  g_return_if_fail (delta != NULL);

  memset (delta, 0, sizeof *delta);
  if (model == self->baseline)
    return;

  a = precis_active_evaluate (self->actives[model]);
  b = precis_active_evaluate (self->actives[self->baseline]);
  delta->stat[PRECIS_COMPARE_MAP] = a->map - b->map;
  delta->stat[PRECIS_COMPARE_MAR] = a->mar - b->mar;
  delta->stat[PRECIS_COMPARE_MEAN_F1] = a->mean_f1 - b->mean_f1;
  delta->tp = (gint64)a->tp - (gint64)b->tp;
  delta->fp = (gint64)a->fp - (gint64)b->fp;
  delta->fn = (gint64)a->fn - (gint64)b->fn;
}

double
precis_compare_get_class_ap_delta (PrecisCompare *self,
                                   guint          model,
                                   guint32        category)
{
  const PrecisActiveResult *a, *b;

  g_return_val_if_fail (PRECIS_IS_COMPARE (self), 0);
  g_return_val_if_fail (model < self->n_models, 0);

  if (model == self->baseline)
    return 0;
  a = precis_active_evaluate (self->actives[model]);
  b = precis_active_evaluate (self->actives[self->baseline]);
  g_return_val_if_fail (category < a->n_classes, 0);

  return a->classes[category].ap - b->classes[category].ap;
}

int
precis_compare_get_gt_difference (PrecisCompare *self,
                                  guint          model,
                                  guint32        gt)
{
  PrecisGtOutcome a, b;

  g_return_val_if_fail (PRECIS_IS_COMPARE (self), 0);
  g_return_val_if_fail (model < self->n_models, 0);

  if (model == self->baseline)
    return 0;
  a = precis_active_get_gt_outcome (self->actives[model], gt);
  b = precis_active_get_gt_outcome (self->actives[self->baseline], gt);
  if (a == PRECIS_GT_MATCHED && b == PRECIS_GT_FN)
    return 1;
  if (a == PRECIS_GT_FN && b == PRECIS_GT_MATCHED)
    return -1;
  return 0;
}

/* Adds @sign × the FPs of @active per image into @fp. */
static void
add_fp_per_image (PrecisActive *active,
                  gint         *fp,
                  gint          sign)
{
  PrecisMatcher *matcher = precis_active_get_matcher (active);
  PrecisDataset *dataset = precis_matcher_get_dataset (matcher);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (dataset, precis_matcher_get_model (matcher));

  for (guint32 p = 0; p < dt->n; p++)
    if (precis_active_get_prediction_outcome (active, p) == PRECIS_PREDICTION_FP)
      fp[dt->image[p]] += sign;
}

/**
 * precis_compare_get_differ:
 * @self: a #PrecisCompare
 * @model: a model index
 * @n_images: (out): the number of entries
 *
 * Where @model and the baseline differ at the current parameters: per image,
 * the GTs @model wins (TP where the baseline has FN), loses, and its extra
 * FPs. Only images with a non-zero entry are listed.
 *
 * Returns: (transfer full) (array length=n_images): the images, g_free() it
 */
PrecisCompareImageDiff *
precis_compare_get_differ (PrecisCompare *self,
                           guint          model,
                           guint         *n_images)
{
  g_autofree guint *won = NULL;
  g_autofree guint *lost = NULL;
  g_autofree gint *fp = NULL;
  GArray *out;
  const PrecisAnnotations *gt;

  g_return_val_if_fail (PRECIS_IS_COMPARE (self), NULL);
  g_return_val_if_fail (model < self->n_models, NULL);
  g_return_val_if_fail (n_images != NULL, NULL);

  out = g_array_new (FALSE, FALSE, sizeof (PrecisCompareImageDiff));
  if (model != self->baseline)
    {
      PrecisMatcher *matcher = precis_active_get_matcher (self->actives[model]);

      gt = precis_dataset_get_ground_truth_annotations (precis_matcher_get_dataset (matcher));
      won = g_new0 (guint, MAX (self->n_images, 1));
      lost = g_new0 (guint, MAX (self->n_images, 1));
      fp = g_new0 (gint, MAX (self->n_images, 1));

      for (guint32 j = 0; j < gt->n; j++)
        {
          int d = precis_compare_get_gt_difference (self, model, j);

          if (d > 0)
            won[gt->image[j]]++;
          else if (d < 0)
            lost[gt->image[j]]++;
        }
      add_fp_per_image (self->actives[model], fp, 1);
      add_fp_per_image (self->actives[self->baseline], fp, -1);

      for (guint32 k = 0; k < self->n_images; k++)
        if (won[k] != 0 || lost[k] != 0 || fp[k] != 0)
          {
            PrecisCompareImageDiff e = { k, won[k], lost[k], fp[k] };

            g_array_append_val (out, e);
          }
    }

  *n_images = out->len;
  return (PrecisCompareImageDiff *) g_array_free (out, FALSE);
}

/**
 * precis_compare_coco_delta:
 * @model: the evaluation of a model
 * @baseline: the evaluation of the baseline, same IoU type
 * @delta: (out caller-allocates) (array fixed-size=12): Δ of each summary number
 * @n_stats: (out) (optional): how many were written
 *
 * Δ = model − baseline of pycocotools' summary numbers (`COCOeval.stats`).
 */
void
precis_compare_coco_delta (PrecisCocoEval *model,
                           PrecisCocoEval *baseline,
                           double         *delta,
                           guint          *n_stats)
{
  const double *a, *b;
  guint n, nb;

  g_return_if_fail (PRECIS_IS_COCOEVAL (model));
  g_return_if_fail (PRECIS_IS_COCOEVAL (baseline));
  g_return_if_fail (delta != NULL);

  a = precis_cocoeval_get_stats (model, &n);
  b = precis_cocoeval_get_stats (baseline, &nb);
  g_return_if_fail (n == nb);
  for (guint i = 0; i < n; i++)
    delta[i] = model == baseline ? 0 : a[i] - b[i];
  if (n_stats != NULL)
    *n_stats = n;
}

/* precis-cocoeval.c: protocol `coco`, pycocotools COCOeval reproduced exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-cocoeval-private.h"

/*
 * How the work is laid out.
 *
 * pycocotools runs evaluateImg for every (category, area range, image) and then,
 * per (category, area range, maxDets), concatenates the per-image results in
 * image id order and ranks them by score. Both steps only ever look at one
 * category at a time, so one task does one category from start to end:
 *
 *  1. for every image (ascending id) that has GT or detections of the category,
 *     sort the detections by score (stable), keep the first maxDets[-1], and run
 *     the greedy matching for every area range and IoU threshold on the
 *     matcher's IoU table; each kept detection gets one byte per (area,
 *     threshold): TP, FP or ignored;
 *  2. rank all kept detections of the category by score (stable, so ties stay
 *     in image id order, then in per-image order, exactly as numpy's mergesort
 *     of the concatenation), then per (maxDets, area, threshold) walk the ranking
 *     once to build the precision / recall sequence and read the 101 points.
 *
 * Ignored detections are skipped in step 2: in pycocotools they repeat the
 * previous cumulative counts, which never changes the right-to-left maximum nor
 * where np.searchsorted lands for a recall point above 0 (see fill_points()).
 *
 * Tasks run on all cores, largest category first. Each worker owns a scratch
 * area that grows to the largest category it meets: no allocation per item.
 */

G_DEFINE_QUARK (precis-cocoeval-error-quark, precis_cocoeval_error)


G_DEFINE_FINAL_TYPE (PrecisCocoEval, precis_cocoeval, G_TYPE_OBJECT)

static const char * const det_stat_names[12] = {
  "AP", "AP50", "AP75", "APs", "APm", "APl",
  "AR1", "AR10", "AR100", "ARs", "ARm", "ARl",
};

static const char * const kp_stat_names[10] = {
  "AP", "AP50", "AP75", "APm", "APl",
  "AR", "AR50", "AR75", "ARm", "ARl",
};

/* numpy.linspace (start, stop, num): i × step + start, and exactly stop at the end. */
static void
linspace (double  start,
          double  stop,
          guint   num,
          double *out)
{
  double step = (stop - start) / (double) (num - 1);

  for (guint i = 0; i < num; i++)
    out[i] = (double) i * step + start;
  out[num - 1] = stop;
}

/**
 * precis_coco_params_init:
 * @params: the parameters to fill
 * @iou_type: the IoU type
 *
 * Fills pycocotools' default `Params` for @iou_type: thresholds .50:.05:.95,
 * 101 recall points; bbox, segm and polyline: areas all / small / medium /
 * large and maxDets 1, 10, 100; keypoints: areas all / medium / large and
 * maxDets 20.
 */
void
precis_coco_params_init (PrecisCocoParams *params,
                         PrecisIouType     iou_type)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->iou_type = iou_type;
  params->n_iou_thrs = 10;
  linspace (.5, .95, 10, params->iou_thrs);
  linspace (0., 1., PRECIS_COCO_N_REC_THRS, params->rec_thrs);

  if (iou_type == PRECIS_IOU_KEYPOINTS)
    {
      params->n_area_rngs = 3;
      params->area_rng[0][0] = 0.;       params->area_rng[0][1] = 1e5 * 1e5;
      params->area_rng[1][0] = 32 * 32;  params->area_rng[1][1] = 96 * 96;
      params->area_rng[2][0] = 96 * 96;  params->area_rng[2][1] = 1e5 * 1e5;
      params->area_lbl[0] = "all";
      params->area_lbl[1] = "medium";
      params->area_lbl[2] = "large";
      params->n_max_dets = 1;
      params->max_dets[0] = 20;
    }
  else
    {
      params->n_area_rngs = 4;
      params->area_rng[0][0] = 0.;       params->area_rng[0][1] = 1e5 * 1e5;
      params->area_rng[1][0] = 0.;       params->area_rng[1][1] = 32 * 32;
      params->area_rng[2][0] = 32 * 32;  params->area_rng[2][1] = 96 * 96;
      params->area_rng[3][0] = 96 * 96;  params->area_rng[3][1] = 1e5 * 1e5;
      params->area_lbl[0] = "all";
      params->area_lbl[1] = "small";
      params->area_lbl[2] = "medium";
      params->area_lbl[3] = "large";
      params->n_max_dets = 3;
      params->max_dets[0] = 1;
      params->max_dets[1] = 10;
      params->max_dets[2] = 100;
    }
}

/* ---- construction --------------------------------------------------------- */

static gboolean
check_params (const PrecisCocoParams *p,
              GError                **error)
{
  if (p->n_iou_thrs == 0 || p->n_iou_thrs > PRECIS_COCO_MAX_IOU_THRS)
    {
      g_set_error (error, PRECIS_COCOEVAL_ERROR, PRECIS_COCOEVAL_ERROR_PARAMS,
                   _("COCO parameters: %u IoU thresholds (1 to %u allowed)"),
                   p->n_iou_thrs, PRECIS_COCO_MAX_IOU_THRS);
      return FALSE;
    }
  if (p->n_area_rngs == 0 || p->n_area_rngs > PRECIS_COCO_MAX_AREAS)
    {
      g_set_error (error, PRECIS_COCOEVAL_ERROR, PRECIS_COCOEVAL_ERROR_PARAMS,
                   _("COCO parameters: %u area ranges (1 to %u allowed)"),
                   p->n_area_rngs, PRECIS_COCO_MAX_AREAS);
      return FALSE;
    }
  if (p->n_max_dets == 0 || p->n_max_dets > PRECIS_COCO_MAX_DETS)
    {
      g_set_error (error, PRECIS_COCOEVAL_ERROR, PRECIS_COCOEVAL_ERROR_PARAMS,
                   _("COCO parameters: %u maxDets values (1 to %u allowed)"),
                   p->n_max_dets, PRECIS_COCO_MAX_DETS);
      return FALSE;
    }
  for (guint m = 0; m < p->n_max_dets; m++)
    if (p->max_dets[m] == 0 || (m > 0 && p->max_dets[m] < p->max_dets[m - 1]))
      {
        g_set_error (error, PRECIS_COCOEVAL_ERROR, PRECIS_COCOEVAL_ERROR_PARAMS,
                     _("COCO parameters: maxDets must be positive and ascending"));
        return FALSE;
      }
  return TRUE;
}

typedef struct {
  gint64  id;
  guint32 index;
} IdIndex;

static int
compare_id_index (const void *a,
                  const void *b)
{
  const IdIndex *x = a, *y = b;

  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

static guint32 *
sorted_by_id (PrecisDataset *dataset,
              gboolean       images,
              guint         *n_out)
{
  guint n = images ? precis_dataset_get_n_images (dataset) : precis_dataset_get_n_categories (dataset);
  g_autofree IdIndex *v = g_new (IdIndex, MAX (n, 1));
  guint32 *out = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      v[i].id = images ? precis_dataset_get_image (dataset, i)->id
                       : precis_dataset_get_category (dataset, i)->id;
      v[i].index = i;
    }
  qsort (v, n, sizeof *v, compare_id_index);
  for (guint i = 0; i < n; i++)
    out[i] = v[i].index;
  *n_out = n;
  return out;
}

static int
compare_task (const void *a,
              const void *b,
              void       *data)
{
  const guint64 *work = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (work[x] != work[y])
    return work[x] > work[y] ? -1 : 1;
  return x < y ? -1 : (x > y);
}

static void
precis_cocoeval_finalize (GObject *object)
{
  PrecisCocoEval *self = (PrecisCocoEval *) object;

  g_free (self->class_category);
  g_free (self->prec);
  g_free (self->precision);
  g_free (self->recall);
  g_free (self->class_tp);
  g_free (self->class_fp);
  g_free (self->class_n_gt);
  g_free (self->class_n_dt);
  g_free (self->class_ap);
  g_free (self->class_ap50);
  g_free (self->class_ap75);
  g_free (self->class_ar);
  _precis_cocoeval_objects_clear (self);

  G_OBJECT_CLASS (precis_cocoeval_parent_class)->finalize (object);
}

static void
precis_cocoeval_dispose (GObject *object)
{
  PrecisCocoEval *self = (PrecisCocoEval *) object;

  g_clear_object (&self->matcher);

  G_OBJECT_CLASS (precis_cocoeval_parent_class)->dispose (object);
}

static void
precis_cocoeval_class_init (PrecisCocoEvalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = precis_cocoeval_dispose;
  object_class->finalize = precis_cocoeval_finalize;
}

static void
precis_cocoeval_init (PrecisCocoEval *self)
{
}

/* The (image, category) pairs of the selected images and categories, grouped
 * by class (the category's rank by id, @cat_rank), images in @image_order.
 * Fills @pair_start (K + 1 entries, zeroed) and @class_dt (K, zeroed). */
static Pair *
build_pairs (PrecisMatcher           *matcher,
             const PrecisAnnotations *gt,
             const PrecisAnnotations *dt,
             const guint32           *image_order,
             guint                    n_images,
             const guint32           *cat_rank,
             guint                    K,
             guint32                 *pair_start,
             guint64                 *class_dt)
{
  g_autofree guint32 *fill = NULL;
  Pair *pairs = NULL;
  gsize n_pairs;

  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          for (guint k = 0; k < K; k++)
            pair_start[k + 1] += pair_start[k];
          n_pairs = pair_start[K];
          pairs = g_new (Pair, MAX (n_pairs, 1));
          fill = g_memdup2 (pair_start, sizeof (guint32) * (K + 1));
        }

      for (guint ii = 0; ii < n_images; ii++)
        {
          guint32 img = image_order[ii];
          guint32 gi = gt->image_group_start[img], ge = gt->image_group_start[img + 1];
          guint32 di = dt->image_group_start[img], de = dt->image_group_start[img + 1];

          /* Both group lists are sorted by category index: merge them. */
          while (gi < ge || di < de)
            {
              guint32 gc = gi < ge ? gt->groups[gi].category : G_MAXUINT32;
              guint32 dc = di < de ? dt->groups[di].category : G_MAXUINT32;
              guint32 cat = MIN (gc, dc);
              Pair pair = { 0, 0, 0, 0, PRECIS_NO_INDEX };

              if (gc == cat)
                {
                  pair.gt_start = gt->groups[gi].start;
                  pair.n_gt = gt->groups[gi].end - gt->groups[gi].start;
                  gi++;
                }
              if (dc == cat)
                {
                  pair.dt_start = dt->groups[di].start;
                  pair.n_dt = dt->groups[di].end - dt->groups[di].start;
                  di++;
                }

              if (cat_rank[cat] == PRECIS_NO_INDEX)
                continue;   /* category not selected */
              if (pass == 0)
                {
                  pair_start[cat_rank[cat] + 1]++;
                  class_dt[cat_rank[cat]] += pair.n_dt;
                }
              else
                {
                  if (pair.n_gt > 0 && pair.n_dt > 0)
                    pair.table = precis_matcher_find_table (matcher, img, cat);
                  pairs[fill[cat_rank[cat]]++] = pair;
                }
            }
        }
    }

  return pairs;
}

/* A few joinable threads pulling categories from one counter; the calling
 * thread works too, so one core needs no thread at all. */
static void
run_workers (Context *ctx,
             guint    K)
{
  guint n_threads = MAX (1, MIN ((guint) g_get_num_processors (), K));
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);

  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_new ("precis-cocoeval", _precis_cocoeval_worker_thread, ctx);
  _precis_cocoeval_worker_run (ctx);
  for (guint i = 1; i < n_threads; i++)
    g_thread_join (threads[i]);
}

PrecisCocoEval *
precis_cocoeval_new (PrecisMatcher          *matcher,
                     const PrecisCocoParams *params,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autoptr(PrecisCocoEval) self = NULL;
  PrecisDataset *dataset;
  const PrecisAnnotations *gt, *dt;
  guint n_images, K, T, A, M;
  g_autofree guint32 *image_order = NULL;
  g_autofree guint32 *cat_order = NULL;
  g_autofree guint32 *cat_rank = NULL;
  g_autofree guint32 *pair_start = NULL;
  g_autofree Pair *pairs = NULL;
  g_autofree guint64 *class_dt = NULL;
  g_autofree guint32 *task_order = NULL;
  gsize n_prec;
  Context ctx = { 0, };

  g_return_val_if_fail (PRECIS_IS_MATCHER (matcher), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PRECIS_TYPE_COCOEVAL, NULL);
  self->matcher = g_object_ref (matcher);
  if (params != NULL)
    self->params = *params;
  else
    precis_coco_params_init (&self->params, precis_matcher_get_iou_type (matcher));
  if (!check_params (&self->params, error))
    return NULL;

  dataset = precis_matcher_get_dataset (matcher);
  gt = precis_dataset_get_ground_truth_annotations (dataset);
  dt = precis_dataset_get_predictions (dataset, precis_matcher_get_model (matcher));

  image_order = sorted_by_id (dataset, TRUE, &n_images);
  cat_order = sorted_by_id (dataset, FALSE, &K);
  cat_rank = g_new (guint32, MAX (K, 1));

  /* pycocotools' p.imgIds / p.catIds: keep the selected ones, in id order. */
  if (self->params.images != NULL)
    {
      guint n = 0;

      for (guint i = 0; i < n_images; i++)
        if (self->params.images[image_order[i]])
          image_order[n++] = image_order[i];
      n_images = n;
    }
  {
    guint n_cats = K, n = 0;

    for (guint c = 0; c < n_cats; c++)
      cat_rank[c] = PRECIS_NO_INDEX;
    for (guint k = 0; k < n_cats; k++)
      if (self->params.categories == NULL || self->params.categories[cat_order[k]])
        {
          cat_rank[cat_order[k]] = n;
          cat_order[n++] = cat_order[k];
        }
    K = n;
  }
  /* The masks belong to the caller. */
  self->params.images = NULL;
  self->params.categories = NULL;

  T = self->params.n_iou_thrs;
  A = self->params.n_area_rngs;
  M = self->params.n_max_dets;

  self->n_classes = K;
  self->class_category = g_steal_pointer (&cat_order);
  n_prec = (gsize) T * PRECIS_COCO_N_REC_THRS * K * A * M;
  self->prec = g_new (double, MAX (n_prec, 1));
  self->recall = g_new (double, MAX ((gsize) T * K * A * M, 1));
  for (gsize i = 0; i < (gsize) T * K * A * M; i++)
    self->recall[i] = -1;
  self->class_tp = g_new0 (guint64, MAX ((gsize) K * T, 1));
  self->class_fp = g_new0 (guint64, MAX ((gsize) K * T, 1));
  self->class_n_gt = g_new0 (guint64, MAX (K, 1));
  self->class_ap = g_new (double, MAX (K, 1));
  self->class_ap50 = g_new (double, MAX (K, 1));
  self->class_ap75 = g_new (double, MAX (K, 1));
  self->class_ar = g_new (double, MAX (K, 1));
  if (self->params.keep_objects)
    _precis_cocoeval_objects_init (self, gt->n, dt->n);

  /* Pairs per class (class = rank of the category by id), images by id. */
  pair_start = g_new0 (guint32, K + 1);
  class_dt = g_new0 (guint64, MAX (K, 1));
  pairs = build_pairs (matcher, gt, dt, image_order, n_images, cat_rank, K,
                       pair_start, class_dt);

  /* Largest classes first, so that the last task to finish is a short one. */
  task_order = g_new (guint32, MAX (K, 1));
  for (guint k = 0; k < K; k++)
    task_order[k] = k;
  {
    g_autofree guint64 *work = g_new (guint64, MAX (K, 1));

    for (guint k = 0; k < K; k++)
      work[k] = class_dt[k] + (pair_start[k + 1] - pair_start[k]);
    g_qsort_with_data (task_order, K, sizeof (guint32), compare_task, work);
  }

  ctx.self = self;
  ctx.matcher = matcher;
  ctx.gt = gt;
  ctx.dt = dt;
  ctx.iou_type = self->params.iou_type;
  ctx.pairs = pairs;
  ctx.pair_start = pair_start;
  ctx.task_order = task_order;
  ctx.class_dt = class_dt;
  ctx.cancellable = cancellable;

  run_workers (&ctx, K);
  self->class_n_dt = g_steal_pointer (&class_dt);

  if (g_atomic_int_get (&ctx.cancelled) || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }

  _precis_cocoeval_summarize (self);
  _precis_cocoeval_per_class_summaries (self);

  return g_steal_pointer (&self);
}

/* ---- async ----------------------------------------------------------------- */

typedef struct {
  PrecisMatcher    *matcher;
  gboolean          has_params;
  PrecisCocoParams  params;
  guint8           *images;
  guint8           *categories;
} NewData;

static void
new_data_free (gpointer data)
{
  NewData *d = data;

  g_clear_object (&d->matcher);
  g_free (d->images);
  g_free (d->categories);
  g_free (d);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  NewData *d = task_data;
  GError *error = NULL;
  PrecisCocoEval *eval;

  eval = precis_cocoeval_new (d->matcher, d->has_params ? &d->params : NULL, cancellable, &error);
  if (eval == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, eval, g_object_unref);
}

void
precis_cocoeval_new_async (PrecisMatcher          *matcher,
                           const PrecisCocoParams *params,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *d;

  g_return_if_fail (PRECIS_IS_MATCHER (matcher));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  d = g_new0 (NewData, 1);
  d->matcher = g_object_ref (matcher);
  if (params != NULL)
    {
      PrecisDataset *dataset = precis_matcher_get_dataset (matcher);

      d->has_params = TRUE;
      d->params = *params;
      if (params->images != NULL)
        d->images = g_memdup2 (params->images, MAX (precis_dataset_get_n_images (dataset), 1));
      if (params->categories != NULL)
        d->categories = g_memdup2 (params->categories, MAX (precis_dataset_get_n_categories (dataset), 1));
      d->params.images = d->images;
      d->params.categories = d->categories;
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, precis_cocoeval_new_async);
  g_task_set_task_data (task, d, new_data_free);
  g_task_run_in_thread (task, new_thread);
}

PrecisCocoEval *
precis_cocoeval_new_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == precis_cocoeval_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- accessors ------------------------------------------------------------ */

PrecisMatcher *
precis_cocoeval_get_matcher (PrecisCocoEval *self)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), NULL);
  return self->matcher;
}

const PrecisCocoParams *
precis_cocoeval_get_params (PrecisCocoEval *self)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), NULL);
  return &self->params;
}

const double *
precis_cocoeval_get_stats (PrecisCocoEval *self,
                           guint          *n_stats)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), NULL);
  if (n_stats != NULL)
    *n_stats = self->n_stats;
  return self->stats;
}

const char *
precis_cocoeval_get_stat_name (PrecisCocoEval *self,
                               guint           i)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), NULL);
  g_return_val_if_fail (i < self->n_stats, NULL);
  return self->n_stats == 10 ? kp_stat_names[i] : det_stat_names[i];
}

guint
precis_cocoeval_get_n_classes (PrecisCocoEval *self)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), 0);
  return self->n_classes;
}

guint32
precis_cocoeval_get_class_category (PrecisCocoEval *self,
                                    guint           k)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), PRECIS_NO_INDEX);
  g_return_val_if_fail (k < self->n_classes, PRECIS_NO_INDEX);
  return self->class_category[k];
}

double
precis_cocoeval_get_class_ap (PrecisCocoEval *self,
                              guint           k)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), -1);
  g_return_val_if_fail (k < self->n_classes, -1);
  return self->class_ap[k];
}

double
precis_cocoeval_get_class_ap50 (PrecisCocoEval *self,
                                guint           k)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), -1);
  g_return_val_if_fail (k < self->n_classes, -1);
  return self->class_ap50[k];
}

double
precis_cocoeval_get_class_ap75 (PrecisCocoEval *self,
                                guint           k)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), -1);
  g_return_val_if_fail (k < self->n_classes, -1);
  return self->class_ap75[k];
}

double
precis_cocoeval_get_class_ar (PrecisCocoEval *self,
                              guint           k)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), -1);
  g_return_val_if_fail (k < self->n_classes, -1);
  return self->class_ar[k];
}

void
precis_cocoeval_get_counts (PrecisCocoEval *self,
                            guint           k,
                            guint           t,
                            guint64        *tp,
                            guint64        *fp,
                            guint64        *fn)
{
  const guint T = self->params.n_iou_thrs;
  guint64 sum_tp = 0, sum_fp = 0, sum_gt = 0;

  g_return_if_fail (PRECIS_IS_COCOEVAL (self));
  g_return_if_fail (k == PRECIS_NO_INDEX || k < self->n_classes);
  g_return_if_fail (t < T);

  for (guint c = 0; c < self->n_classes; c++)
    {
      if (k != PRECIS_NO_INDEX && c != k)
        continue;
      sum_tp += self->class_tp[c * T + t];
      sum_fp += self->class_fp[c * T + t];
      sum_gt += self->class_n_gt[c];
    }
  if (tp != NULL)
    *tp = sum_tp;
  if (fp != NULL)
    *fp = sum_fp;
  if (fn != NULL)
    *fn = sum_gt - sum_tp;
}

guint64
precis_cocoeval_get_n_gt (PrecisCocoEval *self,
                          guint           k)
{
  guint64 sum = 0;

  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), 0);
  g_return_val_if_fail (k == PRECIS_NO_INDEX || k < self->n_classes, 0);

  if (k != PRECIS_NO_INDEX)
    return self->class_n_gt[k];
  for (guint c = 0; c < self->n_classes; c++)
    sum += self->class_n_gt[c];
  return sum;
}

guint64
precis_cocoeval_get_n_predictions (PrecisCocoEval *self,
                                   guint           k)
{
  guint64 sum = 0;

  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), 0);
  g_return_val_if_fail (k == PRECIS_NO_INDEX || k < self->n_classes, 0);

  for (guint c = 0; c < self->n_classes; c++)
    if (k == PRECIS_NO_INDEX || c == k)
      sum += self->class_n_dt[c];
  return sum;
}

const double *
precis_cocoeval_get_precision (PrecisCocoEval *self)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), NULL);

  /* Rearranged into pycocotools' order on first use: most callers only need
   * the summaries. */
  if (g_once_init_enter (&self->precision))
    {
      const PrecisCocoParams *p = &self->params;
      const guint T = p->n_iou_thrs, R = PRECIS_COCO_N_REC_THRS, K = self->n_classes;
      const guint A = p->n_area_rngs, M = p->n_max_dets;
      double *v = g_new (double, MAX ((gsize) T * R * K * A * M, 1));

      for (guint k = 0; k < K; k++)
        for (guint a = 0; a < A; a++)
          for (guint m = 0; m < M; m++)
            for (guint t = 0; t < T; t++)
              for (guint r = 0; r < R; r++)
                v[((((gsize) t * R + r) * K + k) * A + a) * M + m] =
                  self->prec[((((gsize) k * A + a) * M + m) * T + t) * R + r];
      g_once_init_leave (&self->precision, v);
    }

  return self->precision;
}

const double *
precis_cocoeval_get_recall (PrecisCocoEval *self)
{
  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), NULL);
  return self->recall;
}

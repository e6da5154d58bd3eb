/* precis-matcher.c: the threshold-independent precompute of one prediction set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-matcher-private.h"
#include "precis-box.h"
#include "precis-iou.h"

/* Limit of the IoU pool (docs/ROBUSTNESS.md): 2 GiB of doubles. */
#define PRECIS_MAX_IOU_VALUES ((guint64) 1 << 28)

struct _PrecisMatcher
{
  GObject         parent_instance;

  PrecisDataset  *dataset;
  guint           model;
  PrecisIouType   type;
  double          band_width;

  guint           n_tables;
  PrecisIouTable *tables;
  double         *iou_pool;
  gsize           n_iou;

  PrecisMatches   matches;
  guint32        *candidate;
  double         *iou;
  double         *d;
  double         *crowd;
  double         *tau;
  guint8         *gt_crowd;
  guint32        *chain_start;
  guint32        *chain;
  guint32        *class_start;
  guint32        *class_order;
  guint32        *score_order;
};

G_DEFINE_FINAL_TYPE (PrecisMatcher, precis_matcher, G_TYPE_OBJECT)

static void
precis_matcher_finalize (GObject *object)
{
  PrecisMatcher *self = (PrecisMatcher *)object;

  g_free (self->tables);
  g_free (self->iou_pool);
  g_free (self->candidate);
  g_free (self->iou);
  g_free (self->d);
  g_free (self->crowd);
  g_free (self->tau);
  g_free (self->gt_crowd);
  g_free (self->chain_start);
  g_free (self->chain);
  g_free (self->class_start);
  g_free (self->class_order);
  g_free (self->score_order);

  G_OBJECT_CLASS (precis_matcher_parent_class)->finalize (object);
}

static void
precis_matcher_dispose (GObject *object)
{
  PrecisMatcher *self = (PrecisMatcher *)object;

  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (precis_matcher_parent_class)->dispose (object);
}

static void
precis_matcher_class_init (PrecisMatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = precis_matcher_dispose;
  object_class->finalize = precis_matcher_finalize;
}

static void
precis_matcher_init (PrecisMatcher *self)
{
}

/* ------------------------------------------------------------------------ */
/* The parallel stage: IoU tables and steps 1–3, one chunk of tables per job. */

typedef struct {
  PrecisMatcher           *self;
  const PrecisAnnotations *gt;
  const PrecisAnnotations *dt;
  const PrecisShapes      *gt_shapes;
  const PrecisShapes      *dt_shapes;
  guint32                 *chain_rank;   /* per prediction: position in its GT's chain, or NO_INDEX */
  GCancellable            *cancellable;
  GAsyncQueue             *done;
  gboolean                 precomputed;  /* the tables were filled, not computed */
} MatchContext;

typedef struct {
  guint first;
  guint last;   /* one past */
} MatchChunk;

typedef struct {
  const MatchContext *ctx;
  const double       *table;
  guint               n_gt;
} SortData;

/* Order of the predictions that share a candidate (step 2): (iou, score)
 * descending, ties by prediction order in the file. */
static int
compare_chain (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const MatchContext *ctx = user_data;
  guint32 i = *(const guint32 *)a;
  guint32 j = *(const guint32 *)b;
  const double *iou = ctx->self->iou;
  const double *score = ctx->dt->score;

  if (ctx->self->candidate[i] != ctx->self->candidate[j])
    return ctx->self->candidate[i] < ctx->self->candidate[j] ? -1 : 1;
  if (iou[i] != iou[j])
    return iou[i] > iou[j] ? -1 : 1;
  if (score[i] != score[j])
    return score[i] > score[j] ? -1 : 1;
  if (ctx->dt->file_index[i] != ctx->dt->file_index[j])
    return ctx->dt->file_index[i] < ctx->dt->file_index[j] ? -1 : 1;
  return 0;
}

/* Pycocotools bbIou for a block of boxes: used when the geometry module
 * provides no batch IoU (it is the same arithmetic, in the same order). */
static void
box_iou_block (const PrecisAnnotations *dt,
               guint32                  dt_start,
               guint                    n_dt,
               const PrecisAnnotations *gt,
               guint32                  gt_start,
               guint                    n_gt,
               double                  *out)
{
  for (guint r = 0; r < n_dt; r++)
    {
      const double *D = dt->bbox + 4 * (gsize)(dt_start + r);
      double da = D[2] * D[3];

      for (guint c = 0; c < n_gt; c++)
        {
          const double *G = gt->bbox + 4 * (gsize)(gt_start + c);
          double ga = G[2] * G[3];
          double w, h, i, u;

          out[r * n_gt + c] = 0;
          w = MIN (D[2] + D[0], G[2] + G[0]) - MAX (D[0], G[0]);
          if (w <= 0)
            continue;
          h = MIN (D[3] + D[1], G[3] + G[1]) - MAX (D[1], G[1]);
          if (h <= 0)
            continue;
          i = w * h;
          u = gt->iscrowd[gt_start + c] ? da : da + ga - i;
          out[r * n_gt + c] = i / u;
        }
    }
}

static void
match_table (const MatchContext   *ctx,
             const PrecisIouTable *table,
             double               *iou_out,
             guint32              *idx_scratch,
             guint32              *rows)
{
  PrecisMatcher *self = ctx->self;
  const guint8 *gt_crowd = self->gt_crowd;
  guint n_dt = table->n_dt;
  guint n_gt = table->n_gt;
  guint n_rows = 0;

  if (ctx->precomputed)
    ;
  else if (self->type == PRECIS_IOU_BBOX)
    box_iou_block (ctx->dt, table->dt_start, n_dt, ctx->gt, table->gt_start, n_gt, iou_out);
  else
    {
      for (guint r = 0; r < n_dt; r++)
        idx_scratch[r] = table->dt_start + r;
      for (guint c = 0; c < n_gt; c++)
        idx_scratch[n_dt + c] = table->gt_start + c;
      precis_iou_matrix (self->dataset, self->type,
                         ctx->dt, ctx->dt_shapes, idx_scratch, n_dt,
                         ctx->gt, ctx->gt_shapes, idx_scratch + n_dt, n_gt,
                         iou_out);
    }

  /* Step 1 and 4: candidate (ties → earlier GT) and crowd. */
  for (guint r = 0; r < n_dt; r++)
    {
      const double *row = iou_out + (gsize)r * n_gt;
      guint32 p = table->dt_start + r;
      double best = 0, best_crowd = 0;
      guint32 cand = PRECIS_NO_INDEX;

      for (guint c = 0; c < n_gt; c++)
        {
          double v = row[c];

          if (gt_crowd[table->gt_start + c])
            {
              if (v > best_crowd)
                best_crowd = v;
            }
          else if (v > best)
            {
              best = v;
              cand = table->gt_start + c;
            }
        }

      self->candidate[p] = cand;
      self->iou[p] = best;
      self->crowd[p] = best_crowd;
      self->d[p] = 1.0;
      if (cand != PRECIS_NO_INDEX)
        rows[n_rows++] = p;
    }

  if (n_rows == 0)
    return;

  /* Steps 2 and 3: the d chain and τ, per candidate GT. */
  g_qsort_with_data (rows, n_rows, sizeof (guint32), compare_chain, (gpointer)ctx);

  for (guint k = 0; k < n_rows;)
    {
      guint32 g = self->candidate[rows[k]];
      guint32 current = rows[k];
      guint32 rank = 0;

      self->tau[g] = self->iou[current];
      self->d[current] = -1.0;
      ctx->chain_rank[current] = rank++;

      for (k++; k < n_rows && self->candidate[rows[k]] == g; k++)
        {
          guint32 p = rows[k];

          if (ctx->dt->score[p] > ctx->dt->score[current])
            {
              self->d[current] = self->iou[p];
              self->d[p] = -1.0;
              ctx->chain_rank[p] = rank++;
              current = p;
            }
        }
    }
}

static void
match_worker (gpointer data,
              gpointer user_data)
{
  MatchChunk *chunk = data;
  const MatchContext *ctx = user_data;
  PrecisMatcher *self = ctx->self;
  guint max_dt = 0, max_cells = 0;
  g_autofree guint32 *scratch = NULL;
  g_autofree guint32 *rows = NULL;

  if (g_cancellable_is_cancelled (ctx->cancellable))
    goto out;

  for (guint t = chunk->first; t < chunk->last; t++)
    {
      max_dt = MAX (max_dt, self->tables[t].n_dt);
      max_cells = MAX (max_cells, self->tables[t].n_dt + self->tables[t].n_gt);
    }

  scratch = g_new (guint32, MAX (max_cells, 1));
  rows = g_new (guint32, MAX (max_dt, 1));

  for (guint t = chunk->first; t < chunk->last; t++)
    {
      PrecisIouTable *table = &self->tables[t];

      if ((t & 63) == 0 && g_cancellable_is_cancelled (ctx->cancellable))
        break;
      match_table (ctx, table, (double *)table->iou, scratch, rows);
    }

out:
  g_async_queue_push (ctx->done, chunk);
}

/* ------------------------------------------------------------------------ */
/* The ranking orders. */

static int
compare_image_id (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  PrecisDataset *dataset = user_data;
  gint64 x = precis_dataset_get_image (dataset, *(const guint32 *)a)->id;
  gint64 y = precis_dataset_get_image (dataset, *(const guint32 *)b)->id;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Sort key of a score for "descending": scores are finite and ≥ 0 (the
 * loader checks them), so their IEEE bits order as unsigned integers. */
static inline guint64
score_key_desc (double score)
{
  guint64 bits;

  if (score == 0)
    score = 0;   /* −0 → +0 */
  memcpy (&bits, &score, sizeof bits);
  return ~bits;
}

/* pycocotools' ranking order, score descending, ties by image id ascending,
 * then file order, built with stable linear-time passes: file order, then a
 * counting sort by image id rank, then an LSD radix sort on the score. */
static void
build_orders (PrecisMatcher           *self,
              const PrecisAnnotations *dt)
{
  guint n = dt->n;
  guint n_images = precis_dataset_get_n_images (self->dataset);
  guint n_categories = precis_dataset_get_n_categories (self->dataset);
  g_autofree guint32 *by_id = g_new (guint32, MAX (n_images, 1));
  g_autofree guint32 *image_rank = g_new (guint32, MAX (n_images, 1));
  g_autofree guint32 *count = g_new0 (guint32, MAX (n_images, 65536) + 1);
  g_autofree guint32 *by_file = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *idx_a = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *idx_b = g_new (guint32, MAX (n, 1));
  g_autofree guint64 *key_a = g_new (guint64, MAX (n, 1));
  g_autofree guint64 *key_b = g_new (guint64, MAX (n, 1));
  g_autofree guint32 *fill = g_new0 (guint32, n_categories + 1);

  for (guint k = 0; k < n_images; k++)
    by_id[k] = k;
  g_qsort_with_data (by_id, n_images, sizeof (guint32), compare_image_id, self->dataset);
  for (guint k = 0; k < n_images; k++)
    image_rank[by_id[k]] = k;

  /* File order (file_index is a permutation of 0 .. n − 1). */
  for (guint i = 0; i < n; i++)
    by_file[dt->file_index[i]] = i;

  /* Stable by image id. */
  for (guint i = 0; i < n; i++)
    count[image_rank[dt->image[i]] + 1]++;
  for (guint k = 0; k < n_images; k++)
    count[k + 1] += count[k];
  for (guint r = 0; r < n; r++)
    {
      guint32 i = by_file[r];
      guint32 slot = count[image_rank[dt->image[i]]]++;

      idx_a[slot] = i;
      key_a[slot] = score_key_desc (dt->score[i]);
    }

  /* Stable by score, 16 bits at a time. */
  for (guint shift = 0; shift < 64; shift += 16)
    {
      memset (count, 0, (65536 + 1) * sizeof (guint32));
      for (guint r = 0; r < n; r++)
        count[((key_a[r] >> shift) & 0xffff) + 1]++;
      for (guint d = 0; d < 65536; d++)
        count[d + 1] += count[d];
      for (guint r = 0; r < n; r++)
        {
          guint32 slot = count[(key_a[r] >> shift) & 0xffff]++;

          idx_b[slot] = idx_a[r];
          key_b[slot] = key_a[r];
        }
      {
        guint32 *ti = idx_a;
        guint64 *tk = key_a;

        idx_a = idx_b;
        key_a = key_b;
        idx_b = ti;
        key_b = tk;
      }
    }

  self->score_order = g_new (guint32, MAX (n, 1));
  memcpy (self->score_order, idx_a, n * sizeof (guint32));

  /* Per class: a stable counting sort of the score order. */
  self->class_start = g_new0 (guint32, n_categories + 1);
  for (guint i = 0; i < n; i++)
    self->class_start[dt->category[i] + 1]++;
  for (guint c = 0; c < n_categories; c++)
    self->class_start[c + 1] += self->class_start[c];
  memcpy (fill, self->class_start, (n_categories + 1) * sizeof (guint32));
  self->class_order = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 p = self->score_order[i];
      self->class_order[fill[dt->category[p]]++] = p;
    }
}

/* ------------------------------------------------------------------------ */

/**
 * precis_matcher_new:
 * @dataset: a loaded dataset
 * @model: the prediction set (model index)
 * @type: which geometry to compare
 * @band_width: polyline band width in pixels, 0 for each image's default
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable): progress callback, called from the calling thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Computes the IoU (OKS) table of every (image, category) pair that has
 * predictions and GT, over all cores, then the SEMANTICS.md §3 stored values
 * (candidate, iou, d, τ, crowd) and pycocotools' ranking orders. The result
 * is immutable and safe to share between threads.
 *
 * Returns: (transfer full): the matcher, or %NULL with @error set (cancelled:
 *   %G_IO_ERROR_CANCELLED)
 */
PrecisMatcher *
precis_matcher_new (PrecisDataset      *dataset,
                    guint               model,
                    PrecisIouType       type,
                    double              band_width,
                    GCancellable       *cancellable,
                    PrecisProgressFunc  progress,
                    gpointer            progress_data,
                    GError            **error)
{
  return _precis_matcher_new_full (dataset, model, type, band_width, NULL, NULL, NULL,
                                   cancellable, progress, progress_data, error);
}

/* See precis-matcher-private.h. */
PrecisMatcher *
_precis_matcher_new_full (PrecisDataset      *dataset,
                          guint               model,
                          PrecisIouType       type,
                          double              band_width,
                          const guint8       *image_mask,
                          PrecisIouFillFunc   fill,
                          gpointer            fill_data,
                          GCancellable       *cancellable,
                          PrecisProgressFunc  progress,
                          gpointer            progress_data,
                          GError            **error)
{
  g_autoptr(PrecisMatcher) self = NULL;
  g_autoptr(PrecisShapes) gt_shapes = NULL;
  g_autoptr(PrecisShapes) dt_shapes = NULL;
  g_autofree guint32 *chain_rank = NULL;
  g_autofree MatchChunk *chunks = NULL;
  g_autoptr(GAsyncQueue) done = NULL;
  const PrecisAnnotations *gt, *dt;
  MatchContext ctx = { 0 };
  GThreadPool *pool;
  guint n_images, n_categories, n_chunks, n_threads;
  gsize offset;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (model < precis_dataset_get_n_models (dataset), NULL);
  g_return_val_if_fail (type < PRECIS_N_IOU_TYPES, NULL);

  /* A band chosen by the user obeys the loader's limits, as the default does. */
  if (type == PRECIS_IOU_POLYLINE && band_width != 0 &&
      !precis_dataset_check_band_width (dataset, model, band_width, error))
    return NULL;

  self = g_object_new (PRECIS_TYPE_MATCHER, NULL);
  self->dataset = g_object_ref (dataset);
  self->model = model;
  self->type = type;
  self->band_width = band_width;

  gt = precis_dataset_get_ground_truth_annotations (dataset);
  dt = precis_dataset_get_predictions (dataset, model);
  n_images = precis_dataset_get_n_images (dataset);
  n_categories = precis_dataset_get_n_categories (dataset);

  if (progress)
    progress (0.0, _("Preparing shapes"), progress_data);

  if (fill == NULL && (type == PRECIS_IOU_SEGM || type == PRECIS_IOU_POLYLINE))
    {
      gt_shapes = _precis_shapes_new_subset (dataset, gt, type, band_width, image_mask, cancellable, error);
      if (gt_shapes == NULL)
        return NULL;
      dt_shapes = _precis_shapes_new_subset (dataset, dt, type, band_width, image_mask, cancellable, error);
      if (dt_shapes == NULL)
        return NULL;
    }

  /* Crowd GTs (step 4). */
  self->gt_crowd = g_new (guint8, MAX (gt->n, 1));
  for (guint j = 0; j < gt->n; j++)
    self->gt_crowd[j] = gt->iscrowd[j] != 0 ||
                        (type == PRECIS_IOU_KEYPOINTS && gt->num_keypoints[j] == 0);

  /* The tables: every (image, category) pair with predictions and GT. */
  for (int pass = 0; pass < 2; pass++)
    {
      guint n = 0;

      offset = 0;
      for (guint k = 0; k < n_images; k++)
        {
          guint32 a = dt->image_group_start[k], a_end = dt->image_group_start[k + 1];
          guint32 b = gt->image_group_start[k], b_end = gt->image_group_start[k + 1];

          if (image_mask != NULL && !image_mask[k])
            continue;
          while (a < a_end && b < b_end)
            {
              const PrecisGroup *ga = &dt->groups[a];
              const PrecisGroup *gb = &gt->groups[b];

              if (ga->category < gb->category)
                a++;
              else if (gb->category < ga->category)
                b++;
              else
                {
                  if (pass == 1)
                    {
                      PrecisIouTable *table = &self->tables[n];

                      table->image = k;
                      table->category = ga->category;
                      table->dt_start = ga->start;
                      table->n_dt = ga->end - ga->start;
                      table->gt_start = gb->start;
                      table->n_gt = gb->end - gb->start;
                      table->iou = GSIZE_TO_POINTER (offset);
                    }
                  offset += (gsize)(ga->end - ga->start) * (gb->end - gb->start);
                  n++;
                  a++;
                  b++;
                }
            }
        }

      if (pass == 0)
        {
          self->n_tables = n;
          self->tables = g_new0 (PrecisIouTable, MAX (n, 1));
        }
    }

  self->n_iou = offset;
  /* Dense tables: n_dt × n_gt per (image, category). Thousands of boxes on one
   * image would otherwise ask for tens of gigabytes (overcommit lets
   * g_try_new succeed, and filling the pool then runs out of memory). */
  if (offset > PRECIS_MAX_IOU_VALUES)
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT,
                   _("%zu IoU values (predictions × ground truth of the same image and class) "
                     "exceed the limit of %" PRIu64),
                   offset, (guint64) PRECIS_MAX_IOU_VALUES);
      return NULL;
    }
  self->iou_pool = g_try_new (double, MAX (offset, 1));
  if (self->iou_pool == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Not enough memory for %zu IoU values"), offset);
      return NULL;
    }
  for (guint t = 0; t < self->n_tables; t++)
    self->tables[t].iou = self->iou_pool + GPOINTER_TO_SIZE (self->tables[t].iou);
  if (fill != NULL && !fill (self->tables, self->n_tables, fill_data, error))
    return NULL;

  /* Per prediction and per GT stored values; predictions outside every table
   * keep no candidate. */
  self->candidate = g_new (guint32, MAX (dt->n, 1));
  self->iou = g_new0 (double, MAX (dt->n, 1));
  self->d = g_new (double, MAX (dt->n, 1));
  self->crowd = g_new0 (double, MAX (dt->n, 1));
  self->tau = g_new (double, MAX (gt->n, 1));
  chain_rank = g_new (guint32, MAX (dt->n, 1));
  for (guint i = 0; i < dt->n; i++)
    {
      self->candidate[i] = PRECIS_NO_INDEX;
      self->d[i] = 1.0;
      chain_rank[i] = PRECIS_NO_INDEX;
    }
  for (guint j = 0; j < gt->n; j++)
    self->tau[j] = -1.0;

  /* Chunks of tables of roughly equal cost for the pool. */
  n_threads = MAX (1, g_get_num_processors ());
  {
    gsize total = 0, target, acc = 0;
    guint first = 0;

    for (guint t = 0; t < self->n_tables; t++)
      total += (gsize)self->tables[t].n_dt * self->tables[t].n_gt + self->tables[t].n_dt;
    target = MAX (total / (n_threads * 32), 1);

    chunks = g_new (MatchChunk, self->n_tables + 1);
    n_chunks = 0;
    for (guint t = 0; t < self->n_tables; t++)
      {
        acc += (gsize)self->tables[t].n_dt * self->tables[t].n_gt + self->tables[t].n_dt;
        if (acc >= target || t + 1 == self->n_tables)
          {
            chunks[n_chunks].first = first;
            chunks[n_chunks].last = t + 1;
            n_chunks++;
            first = t + 1;
            acc = 0;
          }
      }
  }

  done = g_async_queue_new ();
  ctx.self = self;
  ctx.gt = gt;
  ctx.dt = dt;
  ctx.gt_shapes = gt_shapes;
  ctx.dt_shapes = dt_shapes;
  ctx.chain_rank = chain_rank;
  ctx.cancellable = cancellable;
  ctx.done = done;
  ctx.precomputed = fill != NULL;

  if (progress)
    progress (0.0, _("Computing IoUs"), progress_data);

  pool = g_thread_pool_new (match_worker, &ctx, n_threads, FALSE, NULL);
  for (guint k = 0; k < n_chunks; k++)
    g_thread_pool_push (pool, &chunks[k], NULL);
  for (guint k = 0; k < n_chunks; k++)
    {
      g_async_queue_pop (done);
      if (progress && (k + 1 == n_chunks || (k & 7) == 0))
        progress (0.9 * (k + 1) / n_chunks, _("Computing IoUs"), progress_data);
    }
  g_thread_pool_free (pool, FALSE, TRUE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The chains, per GT, in the order they were built (iou descending). */
  self->chain_start = g_new0 (guint32, gt->n + 1);
  for (guint i = 0; i < dt->n; i++)
    if (chain_rank[i] != PRECIS_NO_INDEX)
      self->chain_start[self->candidate[i] + 1]++;
  for (guint j = 0; j < gt->n; j++)
    self->chain_start[j + 1] += self->chain_start[j];
  self->chain = g_new (guint32, MAX (self->chain_start[gt->n], 1));
  for (guint i = 0; i < dt->n; i++)
    if (chain_rank[i] != PRECIS_NO_INDEX)
      self->chain[self->chain_start[self->candidate[i]] + chain_rank[i]] = i;

  if (progress)
    progress (0.95, _("Ranking predictions"), progress_data);

  build_orders (self, dt);

  self->matches.n_predictions = dt->n;
  self->matches.n_gt = gt->n;
  self->matches.n_categories = n_categories;
  self->matches.candidate = self->candidate;
  self->matches.iou = self->iou;
  self->matches.d = self->d;
  self->matches.crowd = self->crowd;
  self->matches.tau = self->tau;
  self->matches.gt_crowd = self->gt_crowd;
  self->matches.chain_start = self->chain_start;
  self->matches.chain = self->chain;
  self->matches.class_start = self->class_start;
  self->matches.class_order = self->class_order;
  self->matches.score_order = self->score_order;

  if (progress)
    progress (1.0, _("Done"), progress_data);

  return g_steal_pointer (&self);
}

PrecisDataset *
precis_matcher_get_dataset (PrecisMatcher *self)
{
  g_return_val_if_fail (PRECIS_IS_MATCHER (self), NULL);

  return self->dataset;
}

guint
precis_matcher_get_model (PrecisMatcher *self)
{
  g_return_val_if_fail (PRECIS_IS_MATCHER (self), 0);

  return self->model;
}

PrecisIouType
precis_matcher_get_iou_type (PrecisMatcher *self)
{
  g_return_val_if_fail (PRECIS_IS_MATCHER (self), PRECIS_IOU_BBOX);

  return self->type;
}

guint
precis_matcher_get_n_tables (PrecisMatcher *self)
{
  g_return_val_if_fail (PRECIS_IS_MATCHER (self), 0);

  return self->n_tables;
}

const PrecisIouTable *
precis_matcher_get_table (PrecisMatcher *self,
                          guint          index)
{
  g_return_val_if_fail (PRECIS_IS_MATCHER (self), NULL);
  g_return_val_if_fail (index < self->n_tables, NULL);

  return &self->tables[index];
}

/**
 * precis_matcher_find_table:
 * @self: a #PrecisMatcher
 * @image: an image index
 * @category: a category index
 *
 * Returns: the index of the table of (@image, @category), or %PRECIS_NO_INDEX
 *   when that pair has no prediction or no GT
 */
guint32
precis_matcher_find_table (PrecisMatcher *self,
                           guint32        image,
                           guint32        category)
{
  guint lo = 0, hi;

  g_return_val_if_fail (PRECIS_IS_MATCHER (self), PRECIS_NO_INDEX);

  hi = self->n_tables;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const PrecisIouTable *t = &self->tables[mid];

      if (t->image < image || (t->image == image && t->category < category))
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < self->n_tables && self->tables[lo].image == image && self->tables[lo].category == category)
    return lo;
  return PRECIS_NO_INDEX;
}

/**
 * precis_matcher_get_matches:
 * @self: a #PrecisMatcher
 *
 * Returns: (transfer none): the stored values, owned by @self
 */
const PrecisMatches *
precis_matcher_get_matches (PrecisMatcher *self)
{
  g_return_val_if_fail (PRECIS_IS_MATCHER (self), NULL);

  return &self->matches;
}

/**
 * precis_matcher_get_size:
 * @self: a #PrecisMatcher
 *
 * Returns: the bytes held by the tables and the stored values
 */
gsize
precis_matcher_get_size (PrecisMatcher *self)
{
  gsize n_dt, n_gt, n_cat;

  g_return_val_if_fail (PRECIS_IS_MATCHER (self), 0);

  n_dt = self->matches.n_predictions;
  n_gt = self->matches.n_gt;
  n_cat = self->matches.n_categories;

  return sizeof (*self) +
         self->n_tables * sizeof (PrecisIouTable) +
         self->n_iou * sizeof (double) +
         n_dt * (sizeof (guint32) + 3 * sizeof (double) + 2 * sizeof (guint32)) +
         self->chain_start[n_gt] * sizeof (guint32) +
         n_gt * (sizeof (double) + sizeof (guint8) + sizeof (guint32)) +
         (n_cat + 1 + 1) * sizeof (guint32);
}

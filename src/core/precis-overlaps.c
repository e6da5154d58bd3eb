/* precis-overlaps.c: the IoUs of every prediction with every GT of its image, of any class
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-overlaps.h"
#include "precis-iou.h"

/* Scratch of one worker: at most this many IoUs of one image at a time. */
#define BLOCK_VALUES (1u << 18)

struct _PrecisOverlaps
{
  GObject             parent_instance;

  PrecisMatcher      *matcher;
  PrecisOverlapsData  data;
  guint32            *pair_start;
  guint32            *pair_gt;
  double             *pair_iou;
  guint32            *image_gt_start;
  guint32            *image_gt;
  guint32            *image_dt_start;
  guint32            *image_dt;
  guint32            *image_rank;
  guint32            *tide_order;
};

G_DEFINE_FINAL_TYPE (PrecisOverlaps, precis_overlaps, G_TYPE_OBJECT)

static void
precis_overlaps_finalize (GObject *object)
{
  PrecisOverlaps *self = (PrecisOverlaps *)object;

  g_clear_object (&self->matcher);
  g_free (self->pair_start);
  g_free (self->pair_gt);
  g_free (self->pair_iou);
  g_free (self->image_gt_start);
  g_free (self->image_gt);
  g_free (self->image_dt_start);
  g_free (self->image_dt);
  g_free (self->image_rank);
  g_free (self->tide_order);

  G_OBJECT_CLASS (precis_overlaps_parent_class)->finalize (object);
}

static void
precis_overlaps_class_init (PrecisOverlapsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_overlaps_finalize;
}

static void
precis_overlaps_init (PrecisOverlaps *self)
{
}

/* One worker's share: the images [first, last), whose predictions are
 * contiguous annotations. */
typedef struct {
  guint    first;
  guint    last;
  GArray  *gt;     /* guint32 */
  GArray  *iou;    /* double */
} Chunk;

typedef struct {
  PrecisOverlaps          *self;
  PrecisDataset           *dataset;
  PrecisIouType            type;
  const PrecisAnnotations *dt;
  const PrecisAnnotations *gt;
  const PrecisShapes      *dt_shapes;
  const PrecisShapes      *gt_shapes;
  guint32                 *image_all_gt_start;   /* all GTs (crowd too), file order */
  guint32                 *image_all_gt;
  GCancellable            *cancellable;
  GAsyncQueue             *done;
} Context;

static void
image_dt_range (const PrecisAnnotations *dt,
                guint                    k,
                guint32                 *start,
                guint32                 *end)
{
  guint32 a = dt->image_group_start[k], b = dt->image_group_start[k + 1];

  if (a == b)
    {
      /* No prediction in this image: an empty range at the next one's start. */
      guint32 g = a;

      *start = *end = g < dt->n_groups ? dt->groups[g].start : dt->n;
      return;
    }
  *start = dt->groups[a].start;
  *end = dt->groups[b - 1].end;
}

static void
chunk_run (const Context *ctx,
           Chunk         *chunk,
           double        *block,
           guint32       *dt_idx)
{
  PrecisOverlaps *self = ctx->self;

  for (guint k = chunk->first; k < chunk->last; k++)
    {
      const guint32 *gts = ctx->image_all_gt + ctx->image_all_gt_start[k];
      guint n_gt = ctx->image_all_gt_start[k + 1] - ctx->image_all_gt_start[k];
      guint32 start, end;
      guint rows;

      if (g_cancellable_is_cancelled (ctx->cancellable))
        return;
      image_dt_range (ctx->dt, k, &start, &end);
      if (n_gt == 0)
        {
          for (guint32 p = start; p < end; p++)
            self->pair_start[p + 1] = 0;
          continue;
        }
      rows = MAX (1u, BLOCK_VALUES / n_gt);
      for (guint32 p0 = start; p0 < end; p0 += rows)
        {
          guint n = MIN (rows, end - p0);

          for (guint r = 0; r < n; r++)
            dt_idx[r] = p0 + r;
          precis_iou_matrix (ctx->dataset, ctx->type, ctx->dt, ctx->dt_shapes, dt_idx, n,
                             ctx->gt, ctx->gt_shapes, gts, n_gt, block);
          for (guint r = 0; r < n; r++)
            {
              const double *row = block + (gsize)r * n_gt;
              guint32 count = 0;

              for (guint c = 0; c < n_gt; c++)
                if (row[c] > 0)
                  {
                    g_array_append_val (chunk->gt, gts[c]);
                    g_array_append_val (chunk->iou, row[c]);
                    count++;
                  }
              /* Counts first; the prefix sum comes after all workers. */
              self->pair_start[p0 + r + 1] = count;
            }
        }
    }
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Chunk *chunk = data;
  const Context *ctx = user_data;
  g_autofree double *block = g_new (double, BLOCK_VALUES + 1);
  g_autofree guint32 *dt_idx = g_new (guint32, BLOCK_VALUES + 1);

  chunk_run (ctx, chunk, block, dt_idx);
  g_async_queue_push (ctx->done, chunk);
}

/* Per image, the GT annotation indices in file order (a stable bucket sort of
 * the GTs in file order); with @crowd FALSE the crowd GTs are left out. */
static void
bucket_gt_by_image (const PrecisAnnotations *gt,
                    const guint8            *gt_crowd,
                    guint                    n_images,
                    gboolean                 crowd,
                    guint32                **start_out,
                    guint32                **list_out)
{
  g_autofree guint32 *by_file = g_new (guint32, MAX (gt->n, 1));
  guint32 *start = g_new0 (guint32, n_images + 1);
  guint32 *list;
  g_autofree guint32 *fill = NULL;

  for (guint j = 0; j < gt->n; j++)
    by_file[gt->file_index[j]] = j;
  for (guint j = 0; j < gt->n; j++)
    if (crowd || !gt_crowd[j])
      start[gt->image[j] + 1]++;
  for (guint k = 0; k < n_images; k++)
    start[k + 1] += start[k];
  list = g_new (guint32, MAX (start[n_images], 1));
  fill = g_memdup2 (start, sizeof (guint32) * (n_images + 1));
  for (guint f = 0; f < gt->n; f++)
    {
      guint32 j = by_file[f];

      if (crowd || !gt_crowd[j])
        list[fill[gt->image[j]]++] = j;
    }
  *start_out = start;
  *list_out = list;
}

typedef struct {
  const guint32           *rank;
  const PrecisAnnotations *dt;
} SortContext;

static int
compare_tide (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortContext *sc = user_data;
  const PrecisAnnotations *dt = sc->dt;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  double sx = dt->score[x], sy = dt->score[y];
  guint32 rx = sc->rank[dt->image[x]], ry = sc->rank[dt->image[y]];

  if (sx != sy)
    return sx > sy ? -1 : 1;
  if (rx != ry)
    return rx < ry ? -1 : 1;
  return (dt->file_index[x] > dt->file_index[y]) - (dt->file_index[x] < dt->file_index[y]);
}

/* The score orders: per image (a stable bucket sort of the matcher's global score
 * order, whose ties are image id then file order) and TIDE's global order. */
static void
build_orders (PrecisOverlaps          *self,
              const PrecisAnnotations *dt,
              const PrecisMatches     *matches,
              guint                    n_images,
              gboolean                 id_order)
{
  g_autofree guint32 *fill = NULL;

  self->image_dt_start = g_new0 (guint32, n_images + 1);
  for (guint i = 0; i < dt->n; i++)
    self->image_dt_start[dt->image[i] + 1]++;
  for (guint k = 0; k < n_images; k++)
    self->image_dt_start[k + 1] += self->image_dt_start[k];
  self->image_dt = g_new (guint32, MAX (dt->n, 1));
  fill = g_memdup2 (self->image_dt_start, sizeof (guint32) * (n_images + 1));
  for (guint i = 0; i < dt->n; i++)
    {
      guint32 p = matches->score_order[i];

      self->image_dt[fill[dt->image[p]]++] = p;
    }

  self->tide_order = g_memdup2 (matches->score_order, sizeof (guint32) * MAX (dt->n, 1));
  if (!id_order)
    {
      SortContext sc = { self->image_rank, dt };

      g_qsort_with_data (self->tide_order, dt->n, sizeof (guint32), compare_tide, &sc);
    }
}

static gboolean
compute_pairs (PrecisOverlaps *self,
               Context        *ctx,
               guint           n_images,
               GError        **error)
{
  const PrecisAnnotations *dt = ctx->dt;
  g_autofree Chunk *chunks = NULL;
  GThreadPool *pool;
  guint n_threads = MAX (1, g_get_num_processors ());
  guint n_chunks = 0, k0 = 0;
  guint64 total = 0, target, acc = 0;
  gsize offset;

  for (guint k = 0; k < n_images; k++)
    total += (guint64)(self->image_dt_start[k + 1] - self->image_dt_start[k]) *
             (ctx->image_all_gt_start[k + 1] - ctx->image_all_gt_start[k] + 1);
  target = MAX (total / (n_threads * 16), 1);
  chunks = g_new0 (Chunk, n_images + 1);
  for (guint k = 0; k < n_images; k++)
    {
      acc += (guint64)(self->image_dt_start[k + 1] - self->image_dt_start[k]) *
             (ctx->image_all_gt_start[k + 1] - ctx->image_all_gt_start[k] + 1);
      if (acc >= target || k + 1 == n_images)
        {
          Chunk *c = &chunks[n_chunks++];

          c->first = k0;
          c->last = k + 1;
          c->gt = g_array_new (FALSE, FALSE, sizeof (guint32));
          c->iou = g_array_new (FALSE, FALSE, sizeof (double));
          k0 = k + 1;
          acc = 0;
        }
    }

  ctx->done = g_async_queue_new ();
  pool = g_thread_pool_new (worker, ctx, n_threads, FALSE, NULL);
  for (guint c = 0; c < n_chunks; c++)
    g_thread_pool_push (pool, &chunks[c], NULL);
  for (guint c = 0; c < n_chunks; c++)
    g_async_queue_pop (ctx->done);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_clear_pointer (&ctx->done, g_async_queue_unref);

  offset = 0;
  for (guint c = 0; c < n_chunks; c++)
    offset += chunks[c].gt->len;
  if (offset >= G_MAXUINT32 || g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_LIMIT,
                     _("%zu overlapping (prediction, ground truth) pairs exceed the limit of %u"),
                     offset, G_MAXUINT32 - 1);
      for (guint c = 0; c < n_chunks; c++)
        {
          g_array_unref (chunks[c].gt);
          g_array_unref (chunks[c].iou);
        }
      return FALSE;
    }

  self->pair_gt = g_new (guint32, MAX (offset, 1));
  self->pair_iou = g_new (double, MAX (offset, 1));
  offset = 0;
  for (guint c = 0; c < n_chunks; c++)
    {
      /* An empty GArray's data may be NULL, which memcpy may not be given. */
      if (chunks[c].gt->len > 0)
        {
          memcpy (self->pair_gt + offset, chunks[c].gt->data, sizeof (guint32) * chunks[c].gt->len);
          memcpy (self->pair_iou + offset, chunks[c].iou->data, sizeof (double) * chunks[c].iou->len);
        }
      offset += chunks[c].gt->len;
      g_array_unref (chunks[c].gt);
      g_array_unref (chunks[c].iou);
    }
  for (guint i = 0; i < dt->n; i++)
    self->pair_start[i + 1] += self->pair_start[i];
  g_assert (self->pair_start[dt->n] == offset);
  return TRUE;
}

PrecisOverlaps *
precis_overlaps_new (PrecisMatcher  *matcher,
                     const guint32  *image_rank,
                     double          band_width,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(PrecisOverlaps) self = NULL;
  g_autoptr(PrecisShapes) gt_shapes = NULL;
  g_autoptr(PrecisShapes) dt_shapes = NULL;
  g_autofree guint32 *all_start = NULL;
  g_autofree guint32 *all_list = NULL;
  const PrecisMatches *matches;
  PrecisDataset *dataset;
  PrecisIouType type;
  Context ctx = { 0 };
  guint n_images;

  g_return_val_if_fail (PRECIS_IS_MATCHER (matcher), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PRECIS_TYPE_OVERLAPS, NULL);
  self->matcher = g_object_ref (matcher);
  dataset = precis_matcher_get_dataset (matcher);
  type = precis_matcher_get_iou_type (matcher);
  matches = precis_matcher_get_matches (matcher);
  n_images = precis_dataset_get_n_images (dataset);

  ctx.self = self;
  ctx.dataset = dataset;
  ctx.type = type;
  ctx.gt = precis_dataset_get_ground_truth_annotations (dataset);
  ctx.dt = precis_dataset_get_predictions (dataset, precis_matcher_get_model (matcher));
  ctx.cancellable = cancellable;

  self->image_rank = g_new (guint32, MAX (n_images, 1));
  for (guint k = 0; k < n_images; k++)
    self->image_rank[k] = image_rank != NULL ? image_rank[k] : k;
  build_orders (self, ctx.dt, matches, n_images, image_rank == NULL);
  bucket_gt_by_image (ctx.gt, matches->gt_crowd, n_images, FALSE, &self->image_gt_start, &self->image_gt);
  bucket_gt_by_image (ctx.gt, matches->gt_crowd, n_images, TRUE, &all_start, &all_list);
  ctx.image_all_gt_start = all_start;
  ctx.image_all_gt = all_list;

  if (type == PRECIS_IOU_SEGM || type == PRECIS_IOU_POLYLINE)
    {
      gt_shapes = precis_shapes_new (dataset, ctx.gt, type, band_width, cancellable, error);
      if (gt_shapes == NULL)
        return NULL;
      dt_shapes = precis_shapes_new (dataset, ctx.dt, type, band_width, cancellable, error);
      if (dt_shapes == NULL)
        return NULL;
      ctx.gt_shapes = gt_shapes;
      ctx.dt_shapes = dt_shapes;
    }

  self->pair_start = g_new0 (guint32, ctx.dt->n + 1);
  if (!compute_pairs (self, &ctx, n_images, error))
    return NULL;

  self->data = (PrecisOverlapsData) {
    .n_predictions = ctx.dt->n,
    .n_gt = ctx.gt->n,
    .n_images = n_images,
    .n_categories = precis_dataset_get_n_categories (dataset),
    .pair_start = self->pair_start,
    .pair_gt = self->pair_gt,
    .pair_iou = self->pair_iou,
    .gt_crowd = matches->gt_crowd,
    .image_gt_start = self->image_gt_start,
    .image_gt = self->image_gt,
    .image_dt_start = self->image_dt_start,
    .image_dt = self->image_dt,
    .image_rank = self->image_rank,
    .tide_order = self->tide_order,
  };
  return g_steal_pointer (&self);
}

PrecisMatcher *
precis_overlaps_get_matcher (PrecisOverlaps *self)
{
  g_return_val_if_fail (PRECIS_IS_OVERLAPS (self), NULL);

  return self->matcher;
}

const PrecisOverlapsData *
precis_overlaps_get_data (PrecisOverlaps *self)
{
  g_return_val_if_fail (PRECIS_IS_OVERLAPS (self), NULL);

  return &self->data;
}

gsize
precis_overlaps_get_size (PrecisOverlaps *self)
{
  const PrecisOverlapsData *d;

  g_return_val_if_fail (PRECIS_IS_OVERLAPS (self), 0);

  d = &self->data;
  return sizeof (guint32) * (d->n_predictions + 1) +
         (sizeof (guint32) + sizeof (double)) * d->pair_start[d->n_predictions] +
         sizeof (guint32) * (2 * (d->n_images + 1) + d->image_gt_start[d->n_images]) +
         sizeof (guint32) * (2 * d->n_predictions + d->n_images);
}

/* precis-iou.c: prepared shapes and the IoU (or OKS) matrix of one group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* pycocotools and numpy round every operation separately: no fused multiply-add
 * may change the doubles here, whatever -march says. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#include "precis-matcher-private.h"
#include "precis-box.h"
#include "precis-keypoints.h"
#include "precis-polyline.h"
#include "precis-rle-private.h"

struct _PrecisShapes {
  PrecisIouType  type;
  guint          n;
  PrecisRle     *rles;     /* n; cnts point into @pools or into the annotations' count pool */
  double        *boxes;    /* 4 × n: the rleToBbox box of each mask */
  guint64       *areas;    /* n: pixel counts */
  guint32      **pools;    /* n_pools run pools, one per chunk */
  guint          n_pools;
  gsize          size;
};

/* Annotations per work item: big enough to amortise the scheduling, small
 * enough to balance two to a few dozen cores. */
#define CHUNK_SIZE 256

typedef struct {
  PrecisShapes            *shapes;
  PrecisDataset           *dataset;
  const PrecisAnnotations *anns;
  double                   band_width;
  const guint8            *image_mask;  /* NULL: every image */
  GCancellable            *cancellable;
  guint                    first;
  guint                    last;
  PrecisU32Buf             pool;
  guint32                 *offsets;    /* last − first; G_MAXUINT32: runs are the annotations' own */
  gboolean                 cancelled;
} ShapesChunk;

/* Rings of a polygon annotation, rasterised and merged (union) one after the
 * other as pycocotools annToRLE does (frPyObjects, then merge). As in
 * frPyObjects, when the first ring has exactly four values the rings are read
 * as boxes [x, y, w, h] (rleFrBbox). */
static void
polygon_runs (const PrecisAnnotations *anns,
              guint                    i,
              guint32                  h,
              guint32                  w,
              PrecisRleWork           *work,
              PrecisU32Buf            *out)
{
  guint32 r0 = anns->segm_start[i];
  guint32 n_rings = anns->segm_len[i];
  gboolean as_boxes = n_rings > 0 && anns->ring_len[r0] == 4;

  if (n_rings == 0)
    {
      _precis_u32_buf_push (out, (guint32) ((guint64) h * w));
      return;
    }

  work->acc.len = 0;
  for (guint32 r = r0; r < r0 + n_rings; r++)
    {
      const double *xy = anns->coords + anns->ring_start[r];
      gsize len = anns->ring_len[r];
      PrecisU32Buf *dest = r == r0 ? &work->acc : &work->ring;
      double box_xy[8];

      if (as_boxes && len == 4)
        {
          double xs = xy[0], xe = xy[0] + xy[2];
          double ys = xy[1], ye = xy[1] + xy[3];

          box_xy[0] = xs; box_xy[1] = ys; box_xy[2] = xs; box_xy[3] = ye;
          box_xy[4] = xe; box_xy[5] = ye; box_xy[6] = xe; box_xy[7] = ys;
          xy = box_xy;
          len = 8;
        }

      dest->len = 0;
      _precis_rle_poly_runs (work, xy, len, h, w, dest);
      if (r > r0)
        {
          PrecisU32Buf t;

          work->acc2.len = 0;
          _precis_rle_merge2_runs (work->acc.data, work->acc.len,
                                   work->ring.data, work->ring.len, FALSE, &work->acc2);
          t = work->acc; work->acc = work->acc2; work->acc2 = t;
        }
    }

  memcpy (_precis_u32_buf_reserve (out, work->acc.len), work->acc.data,
          work->acc.len * sizeof (guint32));
  out->len += work->acc.len;
}

static void
shapes_chunk_run (gpointer data,
                  gpointer user_data)
{
  ShapesChunk *chunk = data;
  PrecisShapes *shapes = chunk->shapes;
  const PrecisAnnotations *anns = chunk->anns;
  PrecisRleWork work = PRECIS_RLE_WORK_INIT;
  PrecisBandWork band = PRECIS_BAND_WORK_INIT;
  GPtrArray *lines = NULL;
  GArray *line_lens = NULL;

  if (shapes->type == PRECIS_IOU_POLYLINE)
    {
      lines = g_ptr_array_new ();
      line_lens = g_array_new (FALSE, FALSE, sizeof (gsize));
    }

  for (guint i = chunk->first; i < chunk->last; i++)
    {
      const PrecisImage *img;
      guint32 h, w;
      PrecisRle *rle = &shapes->rles[i];
      const guint32 *cnts;
      gsize off = chunk->pool.len;

      if ((i - chunk->first) % 16 == 0 && g_cancellable_is_cancelled (chunk->cancellable))
        {
          chunk->cancelled = TRUE;
          break;
        }

      img = precis_dataset_get_image (chunk->dataset, anns->image[i]);
      h = img->height;
      w = img->width;
      rle->h = h;
      rle->w = w;

      if (shapes->type == PRECIS_IOU_SEGM &&
          (anns->has[i] & PRECIS_HAS_SEGM) && anns->segm_kind[i] == PRECIS_SEGM_RLE)
        {
          /* Already runs: used in place. */
          rle->m = anns->segm_len[i];
          chunk->offsets[i - chunk->first] = G_MAXUINT32;
          cnts = anns->counts + anns->segm_start[i];
        }
      else
        {
          if (chunk->image_mask != NULL && !chunk->image_mask[anns->image[i]])
            /* Outside the images asked for: an empty mask, never compared. */
            _precis_u32_buf_push (&chunk->pool, (guint32) ((guint64) h * w));
          else if (shapes->type == PRECIS_IOU_POLYLINE)
            {
              double bw = chunk->band_width > 0 ? chunk->band_width
                                                : precis_polyline_default_width (w, h);

              g_ptr_array_set_size (lines, 0);
              g_array_set_size (line_lens, 0);
              if (anns->has[i] & PRECIS_HAS_POLYLINE)
                for (guint32 r = anns->line_start[i]; r < anns->line_start[i] + anns->line_len[i]; r++)
                  {
                    gsize len = anns->ring_len[r];

                    g_ptr_array_add (lines, (gpointer) (anns->coords + anns->ring_start[r]));
                    g_array_append_val (line_lens, len);
                  }
              _precis_polyline_band_runs (&band, (const double * const *) lines->pdata,
                                          (const gsize *) (gpointer) line_lens->data, lines->len,
                                          bw, h, w, &chunk->pool);
            }
          else if ((anns->has[i] & PRECIS_HAS_SEGM) && anns->segm_kind[i] == PRECIS_SEGM_POLYGON)
            polygon_runs (anns, i, h, w, &work, &chunk->pool);
          else if (anns->has[i] & PRECIS_HAS_BBOX)
            {
              /* A result with only a box: pycocotools loadRes gives it the
               * polygon (x1, y1), (x1, y2), (x2, y2), (x2, y1). */
              const double *bb = anns->bbox + 4 * (gsize) i;
              double x1 = bb[0], x2 = bb[0] + bb[2];
              double y1 = bb[1], y2 = bb[1] + bb[3];
              const double xy[8] = { x1, y1, x1, y2, x2, y2, x2, y1 };

              _precis_rle_poly_runs (&work, xy, 8, h, w, &chunk->pool);
            }
          else
            _precis_u32_buf_push (&chunk->pool, (guint32) ((guint64) h * w));

          rle->m = chunk->pool.len - off;
          chunk->offsets[i - chunk->first] = off;
          cnts = chunk->pool.data + off;
        }

      _precis_rle_runs_bbox (cnts, rle->m, h, w, shapes->boxes + 4 * (gsize) i);
      shapes->areas[i] = _precis_rle_runs_area (cnts, rle->m);
    }

  _precis_rle_work_clear (&work);
  _precis_band_work_clear (&band);
  if (lines != NULL)
    g_ptr_array_unref (lines);
  if (line_lens != NULL)
    g_array_unref (line_lens);
}

/**
 * precis_shapes_new:
 * @dataset: the dataset @anns belongs to (image sizes, categories)
 * @anns: the GT or one model's predictions
 * @type: the IoU type
 * @band_width: polyline band width in pixels, 0 for each image's default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError (%G_IO_ERROR_CANCELLED)
 *
 * Prepares every annotation's mask for @type, over all cores. For
 * %PRECIS_IOU_BBOX and %PRECIS_IOU_KEYPOINTS nothing needs preparing and the
 * result only records the type.
 *
 * Returns: (transfer full): the shapes, or %NULL when cancelled
 */
PrecisShapes *
precis_shapes_new (PrecisDataset            *dataset,
                   const PrecisAnnotations  *anns,
                   PrecisIouType             type,
                   double                    band_width,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  return _precis_shapes_new_subset (dataset, anns, type, band_width, NULL, cancellable, error);
}

/* precis_shapes_new() that prepares only the annotations of the images whose
 * @image_mask entry is set (NULL: all); the others get an empty mask. */
PrecisShapes *
_precis_shapes_new_subset (PrecisDataset            *dataset,
                           const PrecisAnnotations  *anns,
                           PrecisIouType             type,
                           double                    band_width,
                           const guint8             *image_mask,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autoptr(PrecisShapes) shapes = NULL;
  ShapesChunk *chunks;
  guint n_chunks;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (anns != NULL, NULL);
  g_return_val_if_fail (type < PRECIS_N_IOU_TYPES, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  shapes = g_new0 (PrecisShapes, 1);
  shapes->type = type;
  shapes->n = anns->n;
  shapes->size = sizeof (PrecisShapes);

  if (type != PRECIS_IOU_SEGM && type != PRECIS_IOU_POLYLINE)
    return g_steal_pointer (&shapes);

  shapes->rles = g_new0 (PrecisRle, anns->n);
  shapes->boxes = g_new0 (double, 4 * (gsize) anns->n);
  shapes->areas = g_new0 (guint64, anns->n);
  shapes->size += anns->n * (sizeof (PrecisRle) + 4 * sizeof (double) + sizeof (guint64));

  n_chunks = (anns->n + CHUNK_SIZE - 1) / CHUNK_SIZE;
  chunks = g_new0 (ShapesChunk, n_chunks);
  for (guint c = 0; c < n_chunks; c++)
    {
      ShapesChunk *chunk = &chunks[c];

      chunk->shapes = shapes;
      chunk->dataset = dataset;
      chunk->anns = anns;
      chunk->band_width = band_width;
      chunk->image_mask = image_mask;
      chunk->cancellable = cancellable;
      chunk->first = c * CHUNK_SIZE;
      chunk->last = MIN (anns->n, (c + 1) * CHUNK_SIZE);
      chunk->offsets = g_new (guint32, chunk->last - chunk->first);
    }

  if (n_chunks == 1)
    shapes_chunk_run (&chunks[0], NULL);
  else if (n_chunks > 1)
    {
      GThreadPool *pool;
      guint n_threads = MIN (n_chunks, MAX (1, g_get_num_processors ()));

      pool = g_thread_pool_new (shapes_chunk_run, NULL, n_threads, FALSE, NULL);
      for (guint c = 0; c < n_chunks; c++)
        g_thread_pool_push (pool, &chunks[c], NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
    }

  shapes->pools = g_new0 (guint32 *, n_chunks);
  shapes->n_pools = n_chunks;
  for (guint c = 0; c < n_chunks; c++)
    {
      ShapesChunk *chunk = &chunks[c];

      cancelled |= chunk->cancelled;
      /* Shrink to fit, then point the masks into the pool. */
      if (chunk->pool.len > 0)
        chunk->pool.data = g_renew (guint32, chunk->pool.data, chunk->pool.len);
      shapes->pools[c] = g_steal_pointer (&chunk->pool.data);
      shapes->size += chunk->pool.len * sizeof (guint32);
      /* A cancelled chunk stopped part-way: the shapes are dropped below. */
      for (guint i = chunk->first; i < chunk->last && !chunk->cancelled; i++)
        {
          guint32 off = chunk->offsets[i - chunk->first];

          if (off == G_MAXUINT32)
            shapes->rles[i].cnts = anns->counts + anns->segm_start[i];
          else
            shapes->rles[i].cnts = shapes->pools[c] + off;
        }
      g_free (chunk->offsets);
    }
  g_free (chunks);

  if (cancelled || g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Preparing the shapes was cancelled"));
      return NULL;
    }

  return g_steal_pointer (&shapes);
}

/**
 * precis_shapes_free:
 * @shapes: (nullable): shapes
 */
void
precis_shapes_free (PrecisShapes *shapes)
{
  if (shapes == NULL)
    return;

  for (guint c = 0; c < shapes->n_pools; c++)
    g_free (shapes->pools[c]);
  g_free (shapes->pools);
  g_free (shapes->rles);
  g_free (shapes->boxes);
  g_free (shapes->areas);
  g_free (shapes);
}

/**
 * precis_shapes_get_rle:
 * @shapes: shapes
 * @index: annotation index
 *
 * Returns: (nullable): the annotation's mask (its runs may be the
 *   annotations' own), or %NULL for bbox and keypoints
 */
const PrecisRle *
precis_shapes_get_rle (const PrecisShapes *shapes,
                       guint32             index)
{
  g_return_val_if_fail (shapes != NULL, NULL);

  if (shapes->rles == NULL)
    return NULL;
  g_return_val_if_fail (index < shapes->n, NULL);

  return &shapes->rles[index];
}

/**
 * precis_shapes_get_size:
 * @shapes: shapes
 *
 * Returns: the number of bytes the shapes hold (not counting runs shared
 *   with the annotations)
 */
gsize
precis_shapes_get_size (const PrecisShapes *shapes)
{
  g_return_val_if_fail (shapes != NULL, 0);

  return shapes->size;
}

/* Keypoint counts above this use a stack buffer sized at run time. */
#define SIGMAS_ON_STACK 64

void
precis_iou_matrix (PrecisDataset           *dataset,
                   PrecisIouType            type,
                   const PrecisAnnotations *dt,
                   const PrecisShapes      *dt_shapes,
                   const guint32           *dt_idx,
                   guint                    n_dt,
                   const PrecisAnnotations *gt,
                   const PrecisShapes      *gt_shapes,
                   const guint32           *gt_idx,
                   guint                    n_gt,
                   double                  *out)
{
  g_return_if_fail (dt != NULL && gt != NULL);
  g_return_if_fail (dt_idx != NULL || n_dt == 0);
  g_return_if_fail (gt_idx != NULL || n_gt == 0);
  g_return_if_fail (out != NULL || n_dt * n_gt == 0);

  switch (type)
    {
    case PRECIS_IOU_BBOX:
      for (guint r = 0; r < n_dt; r++)
        {
          const double *db = dt->bbox + 4 * (gsize) dt_idx[r];
          double *row = out + (gsize) r * n_gt;

          for (guint c = 0; c < n_gt; c++)
            {
              guint32 g = gt_idx[c];
              const double *gb = gt->bbox + 4 * (gsize) g;

              row[c] = precis_box_may_overlap (db, gb) ? precis_box_iou (db, gb, gt->iscrowd[g]) : 0.0;
            }
        }
      break;

    case PRECIS_IOU_SEGM:
    case PRECIS_IOU_POLYLINE:
      g_return_if_fail (dt_shapes != NULL && dt_shapes->rles != NULL);
      g_return_if_fail (gt_shapes != NULL && gt_shapes->rles != NULL);

      for (guint r = 0; r < n_dt; r++)
        {
          guint32 d = dt_idx[r];
          const PrecisRle *drle = &dt_shapes->rles[d];
          const double *db = dt_shapes->boxes + 4 * (gsize) d;
          guint64 da = dt_shapes->areas[d];
          double *row = out + (gsize) r * n_gt;

          for (guint c = 0; c < n_gt; c++)
            {
              guint32 g = gt_idx[c];
              const PrecisRle *grle = &gt_shapes->rles[g];
              guint64 inter, uni;

              /* pycocotools rleIou: 0 unless the mask boxes overlap; −1 for
               * masks of different sizes. */
              if (!_precis_pixel_boxes_overlap (db, gt_shapes->boxes + 4 * (gsize) g))
                {
                  row[c] = 0.0;
                  continue;
                }
              if (drle->h != grle->h || drle->w != grle->w)
                {
                  row[c] = -1.0;
                  continue;
                }
              inter = _precis_rle_intersection (drle->cnts, drle->m, grle->cnts, grle->m);
              if (inter == 0)
                {
                  row[c] = 0.0;
                  continue;
                }
              uni = gt->iscrowd[g] ? da : da + gt_shapes->areas[g] - inter;
              row[c] = (double) inter / (double) uni;
            }
        }
      break;

    case PRECIS_IOU_KEYPOINTS:
      {
        double stack_sigmas[SIGMAS_ON_STACK];
        double *sigmas = stack_sigmas;
        guint sigmas_cap = SIGMAS_ON_STACK;
        guint32 sigma_cat = PRECIS_NO_INDEX;
        guint k = 0;

        g_return_if_fail (PRECIS_IS_DATASET (dataset));

        for (guint c = 0; c < n_gt; c++)
          {
            guint32 g = gt_idx[c];
            const double *gk;

            if (gt->category[g] != sigma_cat)
              {
                const PrecisCategory *cat = precis_dataset_get_category (dataset, gt->category[g]);

                sigma_cat = gt->category[g];
                k = cat->n_keypoints;
                if (k > sigmas_cap)
                  {
                    /* Grows at most a few times: the columns of a group share a category. */
                    sigmas = g_newa (double, k);
                    sigmas_cap = k;
                  }
                precis_keypoint_sigmas (k, cat->sigmas, sigmas);
              }

            gk = gt->kp_start[g] != PRECIS_NO_INDEX ? gt->keypoints + gt->kp_start[g] : NULL;
            for (guint r = 0; r < n_dt; r++)
              {
                guint32 d = dt_idx[r];
                double *cell = out + (gsize) r * n_gt + c;

                if (gk == NULL || k == 0 || dt->kp_start[d] == PRECIS_NO_INDEX)
                  *cell = 0.0;
                else
                  *cell = precis_oks (dt->keypoints + dt->kp_start[d], gk, gt->area[g],
                                      gt->bbox + 4 * (gsize) g, sigmas, k);
              }
          }
      }
      break;

    case PRECIS_N_IOU_TYPES:
    default:
      g_return_if_reached ();
    }
}

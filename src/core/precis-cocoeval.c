/* precis-cocoeval.c: protocol `coco`, pycocotools COCOeval reproduced exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-cocoeval.h"

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

enum {
  STATE_FP = 0,
  STATE_TP = 1,
  STATE_IGNORED = 2,
};

/* One (image, category) pair with GT or detections, images in ascending id order. */
typedef struct {
  guint32 gt_start;
  guint32 n_gt;
  guint32 dt_start;
  guint32 n_dt;
  guint32 table;
} Pair;

struct _PrecisCocoEval
{
  GObject           parent_instance;

  PrecisMatcher    *matcher;
  PrecisCocoParams  params;

  guint             n_classes;     /* K */
  guint32          *class_category;

  double           *prec;          /* K × A × M × T × R: one block per class */
  double           *precision;     /* T × R × K × A × M, built on demand */
  double           *recall;        /* T × K × A × M */

  guint64          *class_tp;      /* K × T, area "all", last maxDets */
  guint64          *class_fp;
  guint64          *class_n_gt;    /* K */

  double           *class_ap;
  double           *class_ap50;
  double           *class_ap75;
  double           *class_ar;

  guint             n_stats;
  double            stats[12];
};

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

/* numpy's pairwise summation (`pairwise_sum` in loops_utils.h), so that means
 * are the doubles np.mean gives. */
static double
pairwise_sum (const double *a,
              gsize         n)
{
  if (n < 8)
    {
      double res = 0.;

      for (gsize i = 0; i < n; i++)
        res += a[i];
      return res;
    }
  else if (n <= 128)
    {
      double r[8], res;
      gsize i;

      for (guint j = 0; j < 8; j++)
        r[j] = a[j];
      for (i = 8; i < n - (n % 8); i += 8)
        for (guint j = 0; j < 8; j++)
          r[j] += a[i + j];
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++)
        res += a[i];
      return res;
    }
  else
    {
      gsize n2 = n / 2;

      n2 -= n2 % 8;
      return pairwise_sum (a, n2) + pairwise_sum (a + n2, n - n2);
    }
}

/* np.add.reduce of a contiguous float64 array: numpy's iterator hands the
 * inner loop blocks of its buffer size (8192 elements), each summed pairwise
 * and added to the running total in turn. Checked against numpy 1.24.2. */
static double
numpy_sum (const double *a,
           gsize         n)
{
  double total = 0.;

  for (gsize i = 0; i < n; i += 8192)
    total += pairwise_sum (a + i, MIN (8192, n - i));
  return total;
}

/* np.mean (v[v > -1]), or -1 when nothing is > -1. Compacts @v in place. */
static double
mean_valid (double *v,
            gsize   n)
{
  gsize k = 0;

  for (gsize i = 0; i < n; i++)
    if (v[i] > -1)
      v[k++] = v[i];
  if (k == 0)
    return -1;
  return numpy_sum (v, k) / (double) k;
}

/* ---- stable sorts by score, descending ------------------------------------ */

/* Sorts @idx[0..n) by @score[idx[i]] descending, keeping the order of equal
 * scores (numpy's argsort (-score, kind='mergesort')). @tmp holds n entries. */
static void
stable_sort_by_score (guint32      *idx,
                      guint32      *tmp,
                      gsize         n,
                      const double *score)
{
  if (n < 2)
    return;

  if (n <= 24)
    {
      for (gsize i = 1; i < n; i++)
        {
          guint32 v = idx[i];
          double s = score[v];
          gsize j = i;

          while (j > 0 && score[idx[j - 1]] < s)
            {
              idx[j] = idx[j - 1];
              j--;
            }
          idx[j] = v;
        }
      return;
    }

  /* Bottom-up merge sort: insertion-sorted runs of 16, then merges. */
  {
    const gsize run = 16;
    guint32 *src = idx, *dst = tmp;

    for (gsize lo = 0; lo < n; lo += run)
      {
        gsize hi = MIN (lo + run, n);

        for (gsize i = lo + 1; i < hi; i++)
          {
            guint32 v = idx[i];
            double s = score[v];
            gsize j = i;

            while (j > lo && score[idx[j - 1]] < s)
              {
                idx[j] = idx[j - 1];
                j--;
              }
            idx[j] = v;
          }
      }

    for (gsize width = run; width < n; width *= 2)
      {
        for (gsize lo = 0; lo < n; lo += 2 * width)
          {
            gsize mid = MIN (lo + width, n);
            gsize hi = MIN (lo + 2 * width, n);
            gsize i = lo, j = mid, k = lo;

            while (i < mid && j < hi)
              {
                /* Take from the right only when strictly greater: stable. */
                if (score[src[j]] > score[src[i]])
                  dst[k++] = src[j++];
                else
                  dst[k++] = src[i++];
              }
            while (i < mid)
              dst[k++] = src[i++];
            while (j < hi)
              dst[k++] = src[j++];
          }
        {
          guint32 *swap = src;
          src = dst;
          dst = swap;
        }
      }

    if (src != idx)
      memcpy (idx, src, n * sizeof *idx);
  }
}

/* ---- per-category work ---------------------------------------------------- */

typedef struct {
  PrecisCocoEval          *self;
  PrecisMatcher           *matcher;
  const PrecisAnnotations *gt;
  const PrecisAnnotations *dt;
  PrecisIouType            iou_type;

  const Pair              *pairs;
  const guint32           *pair_start;   /* K + 1 */
  const guint32           *task_order;   /* K, largest first */
  const guint64           *class_dt;     /* K: detections of the class (upper bound of kept) */
  gint                     next_task;

  GCancellable            *cancellable;
  gint                     cancelled;
} Context;

typedef struct {
  /* Per pair. */
  gsize    pair_cap;
  guint32 *dt_order;
  guint32 *sort_tmp;
  guint32 *gt_sorted;
  guint8  *gt_ig_sorted;
  guint8  *gt_crowd_sorted;
  guint8  *gtm;
  guint8  *dt_oor;       /* detection area outside the current range */
  guint8  *gt_ig_area;   /* A × G: ignore flag per area range, GT file order */
  guint8  *codes;        /* A × T × D: match outcome, see evaluate_pair() */

  /* Per category. */
  gsize    entry_cap;
  double  *entry_score;
  guint32 *entry_rank;   /* position in its image's sorted detections */
  guint8  *entry_state;  /* A × T per entry */
  guint32 *perm;
  guint32 *perm_tmp;
  guint32 *sorted_rank;  /* by rank order (score descending) */
  guint8  *sorted_state; /* transposed: (a, t) major, rank minor */
  double  *pr;           /* per true positive, see fill_points() */
} Scratch;

static void
scratch_clear (Scratch *s)
{
  g_free (s->dt_order);
  g_free (s->sort_tmp);
  g_free (s->gt_sorted);
  g_free (s->gt_ig_sorted);
  g_free (s->gt_crowd_sorted);
  g_free (s->gtm);
  g_free (s->dt_oor);
  g_free (s->gt_ig_area);
  g_free (s->codes);
  g_free (s->entry_score);
  g_free (s->entry_rank);
  g_free (s->entry_state);
  g_free (s->perm);
  g_free (s->perm_tmp);
  g_free (s->sorted_rank);
  g_free (s->sorted_state);
  g_free (s->pr);
}

static void
scratch_reserve_pair (Scratch *s,
                      gsize    n)
{
  if (n <= s->pair_cap)
    return;
  n = MAX (n, 2 * s->pair_cap);
  s->pair_cap = n;
  s->dt_order = g_renew (guint32, s->dt_order, n);
  s->sort_tmp = g_renew (guint32, s->sort_tmp, n);
  s->gt_sorted = g_renew (guint32, s->gt_sorted, n);
  s->gt_ig_sorted = g_renew (guint8, s->gt_ig_sorted, n);
  s->gt_crowd_sorted = g_renew (guint8, s->gt_crowd_sorted, n);
  s->gtm = g_renew (guint8, s->gtm, n);
  s->dt_oor = g_renew (guint8, s->dt_oor, n);
  s->gt_ig_area = g_renew (guint8, s->gt_ig_area, n * PRECIS_COCO_MAX_AREAS);
  s->codes = g_renew (guint8, s->codes, n * PRECIS_COCO_MAX_AREAS * PRECIS_COCO_MAX_IOU_THRS);
}

static void
scratch_reserve_entries (Scratch *s,
                         gsize    n,
                         guint    n_states)
{
  if (n <= s->entry_cap)
    return;
  n = MAX (n, s->entry_cap + s->entry_cap / 2);
  s->entry_cap = n;
  s->entry_score = g_renew (double, s->entry_score, n);
  s->entry_rank = g_renew (guint32, s->entry_rank, n);
  s->entry_state = g_renew (guint8, s->entry_state, n * n_states);
  s->perm = g_renew (guint32, s->perm, n);
  s->perm_tmp = g_renew (guint32, s->perm_tmp, n);
  s->sorted_rank = g_renew (guint32, s->sorted_rank, n);
  s->sorted_state = g_renew (guint8, s->sorted_state, n * n_states);
  s->pr = g_renew (double, s->pr, n);
}

static inline gboolean
gt_ignored_base (const Context *ctx,
                 guint32        g)
{
  if (ctx->gt->iscrowd[g])
    return TRUE;
  if (ctx->iou_type == PRECIS_IOU_KEYPOINTS && ctx->gt->num_keypoints[g] == 0)
    return TRUE;
  return FALSE;
}

/* evaluateImg for one pair, every area range and threshold at once; appends the
 * kept detections to the category's entries. Returns the number appended. */
static guint
evaluate_pair (const Context *ctx,
               Scratch       *s,
               const Pair    *pair,
               gsize          first_entry,
               guint64       *npig)
{
  const PrecisCocoParams *p = &ctx->self->params;
  const PrecisAnnotations *gt = ctx->gt;
  const PrecisAnnotations *dt = ctx->dt;
  const guint T = p->n_iou_thrs;
  const guint A = p->n_area_rngs;
  const guint AT = A * T;
  const guint max_det = p->max_dets[p->n_max_dets - 1];
  const double *iou = NULL;
  guint n_iou_gt = 0;
  guint32 D, G = pair->n_gt;

  scratch_reserve_pair (s, MAX (pair->n_dt, pair->n_gt));

  for (guint32 i = 0; i < pair->n_dt; i++)
    s->dt_order[i] = pair->dt_start + i;
  stable_sort_by_score (s->dt_order, s->sort_tmp, pair->n_dt, dt->score);
  D = MIN (pair->n_dt, max_det);

  if (pair->table != PRECIS_NO_INDEX && D > 0 && G > 0)
    {
      const PrecisIouTable *table = precis_matcher_get_table (ctx->matcher, pair->table);

      g_assert (table->n_gt == G && table->gt_start == pair->gt_start);
      g_assert (table->n_dt == pair->n_dt && table->dt_start == pair->dt_start);
      iou = table->iou;
      n_iou_gt = table->n_gt;
    }

  for (guint32 j = 0; j < D; j++)
    {
      gsize e = first_entry + j;

      s->entry_score[e] = dt->score[s->dt_order[j]];
      s->entry_rank[e] = j;
    }

  for (guint a = 0; a < A; a++)
    {
      double lo = p->area_rng[a][0];
      double hi = p->area_rng[a][1];
      guint8 *ig_a = s->gt_ig_area + (gsize) a * G;
      guint8 *codes_a = s->codes + (gsize) a * T * D;
      gint same_as = -1;
      guint32 n_kept = 0;

      for (guint32 c = 0; c < G; c++)
        {
          guint32 g = pair->gt_start + c;

          ig_a[c] = gt_ignored_base (ctx, g) || gt->area[g] < lo || gt->area[g] > hi;
          npig[a] += !ig_a[c];
        }
      for (guint32 j = 0; j < D; j++)
        {
          double area = dt->area[s->dt_order[j]];

          s->dt_oor[j] = area < lo || area > hi;
        }

      /* The matching depends on the range only through the GT ignore flags:
       * an earlier range with the same flags has already done it. */
      for (guint b = 0; b < a && same_as < 0; b++)
        if (memcmp (s->gt_ig_area + (gsize) b * G, ig_a, G) == 0)
          same_as = (gint) b;

      if (same_as >= 0)
        memcpy (codes_a, s->codes + (gsize) same_as * T * D, (gsize) T * D);
      else
        {
          /* Non-ignored GT first, each part in file order (stable argsort of _ignore). */
          for (int pass = 0; pass < 2; pass++)
            for (guint32 c = 0; c < G; c++)
              {
                if (ig_a[c] != (pass == 1))
                  continue;
                s->gt_sorted[n_kept] = c;
                s->gt_ig_sorted[n_kept] = ig_a[c];
                s->gt_crowd_sorted[n_kept] = gt->iscrowd[pair->gt_start + c] != 0;
                n_kept++;
              }

          for (guint t = 0; t < T; t++)
            {
              double thr = MIN (p->iou_thrs[t], 1 - 1e-10);

              if (G > 0)
                memset (s->gtm, 0, G);

              for (guint32 j = 0; j < D; j++)
                {
                  guint32 d = s->dt_order[j];
                  const double *row = iou != NULL ? iou + (gsize) (d - pair->dt_start) * n_iou_gt : NULL;
                  gint m = -1;
                  guint8 code = 0;
                  double best = thr;

                  if (row != NULL)
                    for (guint32 gi = 0; gi < G; gi++)
                      {
                        double v;

                        /* already matched, and not a crowd: not available */
                        if (s->gtm[gi] && !s->gt_crowd_sorted[gi])
                          continue;
                        /* matched to a regular GT, and only ignored GT follow: stop */
                        if (m > -1 && !s->gt_ig_sorted[m] && s->gt_ig_sorted[gi])
                          break;
                        v = row[s->gt_sorted[gi]];
                        if (v < best)
                          continue;
                        best = v;
                        m = (gint) gi;
                      }

                  /* Code: bit 0 = matched to a GT whose id is not 0 (pycocotools
                   * stores the GT id as the match, and an id of 0 reads as "no
                   * match" in accumulate); bit 1 = matched to an ignored GT. */
                  if (m > -1)
                    {
                      s->gtm[m] = 1;
                      code |= s->gt_ig_sorted[m] ? 2 : 0;
                      code |= gt->id[pair->gt_start + s->gt_sorted[m]] != 0 ? 1 : 0;
                    }
                  codes_a[t * D + j] = code;
                }
            }
        }

      /* Unmatched detections outside the range are ignored. */
      for (guint t = 0; t < T; t++)
        for (guint32 j = 0; j < D; j++)
          {
            guint8 code = codes_a[t * D + j];
            gboolean matched_id = (code & 1) != 0;
            gboolean ignored = (code & 2) != 0 || (!matched_id && s->dt_oor[j]);

            s->entry_state[(first_entry + j) * AT + a * T + t] =
              ignored ? STATE_IGNORED : matched_id ? STATE_TP : STATE_FP;
          }
    }

  return D;
}

/* Fills the R precision values of one (t, k, a, m).
 *
 * pycocotools builds precision and recall at every ranked detection (ignored
 * ones included, where they repeat the previous cumulative counts, or give
 * 0 / eps = 0 before the first counted one), makes precision non-increasing
 * from the right, and reads it at np.searchsorted (rc, r, 'left'). Recall
 * only grows at a true positive, so for r > 0 that index is a true positive;
 * and along a run of false positives precision only falls, so the right-hand
 * maximum from a true positive on is reached at a true positive. Only the true
 * positives are needed, then: @pr[i] is the precision at the (i + 1)-th one,
 * already made non-increasing from the right. For r = 0 the index is 0, whose
 * value is the maximum of the whole sequence. @n_full counts every ranked
 * detection, ignored ones included (0: pycocotools' IndexError leaves 0s). */
static void
fill_points (const PrecisCocoParams *p,
             const double           *pr,
             gsize                   n_tp,
             guint64                 npig,
             gsize                   n_full,
             double                 *q)
{
  gsize i = 0;
  guint r;
  /* recall at the (i + 1)-th true positive: (i + 1) / npig, as numpy divides */
  double rc = 1.0 / (double) npig;

  for (r = 0; r < PRECIS_COCO_N_REC_THRS; r++)
    {
      double v = p->rec_thrs[r];

      if (n_full == 0)
        break;
      if (v <= 0)
        {
          q[r] = n_tp > 0 ? pr[0] : 0.;
          continue;
        }
      while (i < n_tp && rc < v)
        {
          i++;
          rc = (double) (i + 1) / (double) npig;
        }
      if (i >= n_tp)
        break;
      q[r] = pr[i];
    }
  for (; r < PRECIS_COCO_N_REC_THRS; r++)
    q[r] = 0.;
}

static void
evaluate_category (Context *ctx,
                   Scratch *s,
                   guint    k)
{
  PrecisCocoEval *self = ctx->self;
  const PrecisCocoParams *p = &self->params;
  const guint T = p->n_iou_thrs;
  const guint R = PRECIS_COCO_N_REC_THRS;
  const guint A = p->n_area_rngs;
  const guint M = p->n_max_dets;
  const guint K = self->n_classes;
  const guint AT = A * T;
  const guint a_all = 0;
  guint64 npig[PRECIS_COCO_MAX_AREAS] = { 0, };
  gsize n_entries = 0;
  guint32 first = ctx->pair_start[k];
  guint32 last = ctx->pair_start[k + 1];

  /* -1 for "no GT" (pycocotools' initial value), written by the worker that
   * owns the class so that the pages are touched in parallel. */
  {
    double *block = self->prec + (gsize) k * A * M * T * R;

    for (gsize i = 0; i < (gsize) A * M * T * R; i++)
      block[i] = -1;
  }

  if (first == last)
    return;   /* no GT and no detection: -1 everywhere */

  scratch_reserve_entries (s, ctx->class_dt[k], AT);

  for (guint32 pi = first; pi < last; pi++)
    {
      if ((pi - first) % 512 == 511 && g_cancellable_is_cancelled (ctx->cancellable))
        {
          g_atomic_int_set (&ctx->cancelled, 1);
          return;
        }
      n_entries += evaluate_pair (ctx, s, &ctx->pairs[pi], n_entries, npig);
    }

  /* TP / FP counts at area "all" and the largest maxDets: every kept detection. */
  self->class_n_gt[k] = npig[a_all];
  for (gsize e = 0; e < n_entries; e++)
    {
      const guint8 *st = s->entry_state + e * AT + a_all * T;

      for (guint t = 0; t < T; t++)
        {
          if (st[t] == STATE_TP)
            self->class_tp[k * T + t]++;
          else if (st[t] == STATE_FP)
            self->class_fp[k * T + t]++;
        }
    }

  /* accumulate: one ranking of the concatenation serves every maxDets, since
   * a stable sort of a subsequence keeps the relative order of the full one. */
  for (gsize e = 0; e < n_entries; e++)
    s->perm[e] = e;
  stable_sort_by_score (s->perm, s->perm_tmp, n_entries, s->entry_score);
  for (gsize e = 0; e < n_entries; e++)
    {
      guint32 x = s->perm[e];
      const guint8 *st = s->entry_state + (gsize) x * AT;

      s->sorted_rank[e] = s->entry_rank[x];
      for (guint at = 0; at < AT; at++)
        s->sorted_state[(gsize) at * n_entries + e] = st[at];
    }

  /* maxDets from the largest down: the detections a smaller maxDets drops are
   * a superset of those a larger one drops, so they can be marked ignored in
   * place (they are neither TP nor FP) and the scans below test one byte. */
  for (guint m = M; m-- > 0;)
    {
      guint max_det = p->max_dets[m];
      gsize n_full = 0;

      for (gsize e = 0; e < n_entries; e++)
        {
          if (s->sorted_rank[e] < max_det)
            n_full++;
          else
            for (guint at = 0; at < AT; at++)
              s->sorted_state[(gsize) at * n_entries + e] = STATE_IGNORED;
        }

      for (guint a = 0; a < A; a++)
        {
          if (npig[a] == 0)
            continue;   /* stays -1 */

          for (guint t = 0; t < T; t++)
            {
              const guint8 *st = s->sorted_state + (gsize) (a * T + t) * n_entries;
              guint64 tp = 0, fp = 0;
              gsize base = ((((gsize) k * A + a) * M + m) * T + t) * R;

              for (gsize e = 0; e < n_entries; e++)
                {
                  if (st[e] == STATE_IGNORED)
                    continue;
                  if (st[e] == STATE_FP)
                    {
                      fp++;
                      continue;
                    }
                  /* numpy: tp / (fp + tp + np.spacing (1)) */
                  s->pr[tp] = (double) (tp + 1) / ((double) fp + (double) (tp + 1) + DBL_EPSILON);
                  tp++;
                }

              self->recall[(((gsize) t * K + k) * A + a) * M + m] =
                n_full > 0 ? (double) tp / (double) npig[a] : 0.;

              for (gsize i = tp; i-- > 1;)
                if (s->pr[i] > s->pr[i - 1])
                  s->pr[i - 1] = s->pr[i];

              fill_points (p, s->pr, tp, npig[a], n_full, self->prec + base);
            }
        }
    }
}

static void
worker_run (Context *ctx)
{
  Scratch s = { 0, };

  for (;;)
    {
      gint task = g_atomic_int_add (&ctx->next_task, 1);

      if (task >= (gint) ctx->self->n_classes || g_atomic_int_get (&ctx->cancelled))
        break;
      evaluate_category (ctx, &s, ctx->task_order[task]);
    }

  scratch_clear (&s);
}

static gpointer
worker_thread (gpointer data)
{
  worker_run (data);
  return NULL;
}

/* ---- summaries ------------------------------------------------------------ */

static gint
find_threshold (const PrecisCocoParams *p,
                double                  thr)
{
  for (guint t = 0; t < p->n_iou_thrs; t++)
    if (p->iou_thrs[t] == thr)
      return (gint) t;
  return -1;
}

static gint
find_area (const PrecisCocoParams *p,
           const char             *lbl)
{
  for (guint a = 0; a < p->n_area_rngs; a++)
    if (p->area_lbl[a] != NULL && g_str_equal (p->area_lbl[a], lbl))
      return (gint) a;
  return -1;
}

static gint
find_max_det (const PrecisCocoParams *p,
              guint                   max_det)
{
  for (guint m = 0; m < p->n_max_dets; m++)
    if (p->max_dets[m] == max_det)
      return (gint) m;
  return -1;
}

/* pycocotools `_summarize`: @iou_thr < 0 for all thresholds. */
static double
summarize_one (PrecisCocoEval *self,
               gboolean        ap,
               double          iou_thr,
               const char     *area_lbl,
               guint           max_det)
{
  const PrecisCocoParams *p = &self->params;
  const guint T = p->n_iou_thrs, R = PRECIS_COCO_N_REC_THRS, K = self->n_classes;
  const guint A = p->n_area_rngs, M = p->n_max_dets;
  gint a = find_area (p, area_lbl);
  gint m = find_max_det (p, max_det);
  guint t0 = 0, t1 = T;
  g_autofree double *v = NULL;
  gsize n = 0;

  if (iou_thr >= 0)
    {
      gint t = find_threshold (p, iou_thr);

      if (t < 0)
        return -1;
      t0 = t;
      t1 = t + 1;
    }
  if (a < 0 || m < 0)
    return -1;

  if (ap)
    {
      v = g_new (double, (gsize) (t1 - t0) * R * K);
      for (guint t = t0; t < t1; t++)
        for (guint r = 0; r < R; r++)
          for (guint k = 0; k < K; k++)
            v[n++] = self->prec[((((gsize) k * A + a) * M + m) * T + t) * R + r];
    }
  else
    {
      v = g_new (double, (gsize) (t1 - t0) * K);
      for (guint t = t0; t < t1; t++)
        for (guint k = 0; k < K; k++)
          v[n++] = self->recall[(((gsize) t * K + k) * A + a) * M + m];
    }

  return mean_valid (v, n);
}

static void
summarize (PrecisCocoEval *self)
{
  const PrecisCocoParams *p = &self->params;

  if (p->iou_type == PRECIS_IOU_KEYPOINTS)
    {
      self->n_stats = 10;
      self->stats[0] = summarize_one (self, TRUE, -1, "all", 20);
      self->stats[1] = summarize_one (self, TRUE, .5, "all", 20);
      self->stats[2] = summarize_one (self, TRUE, .75, "all", 20);
      self->stats[3] = summarize_one (self, TRUE, -1, "medium", 20);
      self->stats[4] = summarize_one (self, TRUE, -1, "large", 20);
      self->stats[5] = summarize_one (self, FALSE, -1, "all", 20);
      self->stats[6] = summarize_one (self, FALSE, .5, "all", 20);
      self->stats[7] = summarize_one (self, FALSE, .75, "all", 20);
      self->stats[8] = summarize_one (self, FALSE, -1, "medium", 20);
      self->stats[9] = summarize_one (self, FALSE, -1, "large", 20);
    }
  else
    {
      guint md0 = p->max_dets[0];
      guint md1 = p->max_dets[MIN (1, p->n_max_dets - 1)];
      guint md2 = p->max_dets[MIN (2, p->n_max_dets - 1)];

      self->n_stats = 12;
      self->stats[0] = summarize_one (self, TRUE, -1, "all", 100);
      self->stats[1] = summarize_one (self, TRUE, .5, "all", md2);
      self->stats[2] = summarize_one (self, TRUE, .75, "all", md2);
      self->stats[3] = summarize_one (self, TRUE, -1, "small", md2);
      self->stats[4] = summarize_one (self, TRUE, -1, "medium", md2);
      self->stats[5] = summarize_one (self, TRUE, -1, "large", md2);
      self->stats[6] = summarize_one (self, FALSE, -1, "all", md0);
      self->stats[7] = summarize_one (self, FALSE, -1, "all", md1);
      self->stats[8] = summarize_one (self, FALSE, -1, "all", md2);
      self->stats[9] = summarize_one (self, FALSE, -1, "small", md2);
      self->stats[10] = summarize_one (self, FALSE, -1, "medium", md2);
      self->stats[11] = summarize_one (self, FALSE, -1, "large", md2);
    }
}

static void
per_class_summaries (PrecisCocoEval *self)
{
  const PrecisCocoParams *p = &self->params;
  const guint T = p->n_iou_thrs, R = PRECIS_COCO_N_REC_THRS, K = self->n_classes;
  const guint A = p->n_area_rngs, M = p->n_max_dets;
  const guint a = 0, m = M - 1;
  gint t50 = find_threshold (p, .5);
  gint t75 = find_threshold (p, .75);
  g_autofree double *v = g_new (double, (gsize) T * R);

  for (guint k = 0; k < K; k++)
    {
      gsize n = 0;

      for (guint t = 0; t < T; t++)
        for (guint r = 0; r < R; r++)
          v[n++] = self->prec[((((gsize) k * A + a) * M + m) * T + t) * R + r];
      self->class_ap[k] = mean_valid (v, n);

      self->class_ap50[k] = -1;
      self->class_ap75[k] = -1;
      for (int which = 0; which < 2; which++)
        {
          gint t = which == 0 ? t50 : t75;

          if (t < 0)
            continue;
          n = 0;
          for (guint r = 0; r < R; r++)
            v[n++] = self->prec[((((gsize) k * A + a) * M + m) * T + t) * R + r];
          (which == 0 ? self->class_ap50 : self->class_ap75)[k] = mean_valid (v, n);
        }

      n = 0;
      for (guint t = 0; t < T; t++)
        v[n++] = self->recall[(((gsize) t * K + k) * A + a) * M + m];
      self->class_ar[k] = mean_valid (v, n);
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
  g_free (self->class_ap);
  g_free (self->class_ap50);
  g_free (self->class_ap75);
  g_free (self->class_ar);

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
  g_autofree guint32 *fill = NULL;
  g_autofree Pair *pairs = NULL;
  g_autofree guint64 *class_dt = NULL;
  g_autofree guint32 *task_order = NULL;
  gsize n_pairs = 0, n_prec;
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

  /* Pairs per class (class = rank of the category by id), images by id. */
  pair_start = g_new0 (guint32, K + 1);
  class_dt = g_new0 (guint64, MAX (K, 1));
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

  {
    guint n_threads = MAX (1, MIN ((guint) g_get_num_processors (), K));
    g_autofree GThread **threads = g_new0 (GThread *, n_threads);

    /* A few joinable threads pulling categories from one counter; the
     * calling thread works too, so one core needs no thread at all. */
    for (guint i = 1; i < n_threads; i++)
      threads[i] = g_thread_new ("precis-cocoeval", worker_thread, &ctx);
    worker_run (&ctx);
    for (guint i = 1; i < n_threads; i++)
      g_thread_join (threads[i]);
  }

  if (g_atomic_int_get (&ctx.cancelled) || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }

  summarize (self);
  per_class_summaries (self);

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

/* ---- text and JSON -------------------------------------------------------- */

/* Python's '{:<w}' / '{:>w}' of a string. */
static void
append_padded (GString    *out,
               const char *str,
               int         width,
               gboolean    left)
{
  int len = (int) g_utf8_strlen (str, -1);

  if (!left)
    for (int i = len; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, str);
  if (left)
    for (int i = len; i < width; i++)
      g_string_append_c (out, ' ');
}

static void
append_line (GString                *out,
             const PrecisCocoParams *p,
             gboolean                ap,
             double                  iou_thr,
             const char             *area_lbl,
             guint                   max_det,
             double                  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *iou_str = NULL;
  g_autofree char *max_str = NULL;

  /* ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}' */
  g_string_append_c (out, ' ');
  append_padded (out, ap ? "Average Precision" : "Average Recall", 18, TRUE);
  g_string_append (out, ap ? " (AP)" : " (AR)");
  g_string_append (out, " @[ IoU=");
  if (iou_thr < 0)
    iou_str = g_strdup_printf ("%s:%s",
                               g_ascii_formatd (a, sizeof a, "%0.2f", p->iou_thrs[0]),
                               g_ascii_formatd (b, sizeof b, "%0.2f", p->iou_thrs[p->n_iou_thrs - 1]));
  else
    iou_str = g_strdup (g_ascii_formatd (a, sizeof a, "%0.2f", iou_thr));
  append_padded (out, iou_str, 9, TRUE);
  g_string_append (out, " | area=");
  append_padded (out, area_lbl, 6, FALSE);
  g_string_append (out, " | maxDets=");
  max_str = g_strdup_printf ("%u", max_det);
  append_padded (out, max_str, 3, FALSE);
  g_string_append (out, " ] = ");
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%0.3f", value));
  g_string_append_c (out, '\n');
}

char *
precis_cocoeval_summary_text (PrecisCocoEval *self)
{
  const PrecisCocoParams *p;
  GString *out;

  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), NULL);

  p = &self->params;
  out = g_string_new (NULL);
  if (self->n_stats == 10)
    {
      append_line (out, p, TRUE, -1, "all", 20, self->stats[0]);
      append_line (out, p, TRUE, .5, "all", 20, self->stats[1]);
      append_line (out, p, TRUE, .75, "all", 20, self->stats[2]);
      append_line (out, p, TRUE, -1, "medium", 20, self->stats[3]);
      append_line (out, p, TRUE, -1, "large", 20, self->stats[4]);
      append_line (out, p, FALSE, -1, "all", 20, self->stats[5]);
      append_line (out, p, FALSE, .5, "all", 20, self->stats[6]);
      append_line (out, p, FALSE, .75, "all", 20, self->stats[7]);
      append_line (out, p, FALSE, -1, "medium", 20, self->stats[8]);
      append_line (out, p, FALSE, -1, "large", 20, self->stats[9]);
    }
  else
    {
      guint md0 = p->max_dets[0];
      guint md1 = p->max_dets[MIN (1, p->n_max_dets - 1)];
      guint md2 = p->max_dets[MIN (2, p->n_max_dets - 1)];

      append_line (out, p, TRUE, -1, "all", 100, self->stats[0]);
      append_line (out, p, TRUE, .5, "all", md2, self->stats[1]);
      append_line (out, p, TRUE, .75, "all", md2, self->stats[2]);
      append_line (out, p, TRUE, -1, "small", md2, self->stats[3]);
      append_line (out, p, TRUE, -1, "medium", md2, self->stats[4]);
      append_line (out, p, TRUE, -1, "large", md2, self->stats[5]);
      append_line (out, p, FALSE, -1, "all", md0, self->stats[6]);
      append_line (out, p, FALSE, -1, "all", md1, self->stats[7]);
      append_line (out, p, FALSE, -1, "all", md2, self->stats[8]);
      append_line (out, p, FALSE, -1, "small", md2, self->stats[9]);
      append_line (out, p, FALSE, -1, "medium", md2, self->stats[10]);
      append_line (out, p, FALSE, -1, "large", md2, self->stats[11]);
    }

  return g_string_free (out, FALSE);
}

static void
add_double_array (JsonBuilder  *b,
                  const double *v,
                  guint         n)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, v[i]);
  json_builder_end_array (b);
}

JsonNode *
precis_cocoeval_to_json (PrecisCocoEval *self)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *summary = NULL;
  PrecisDataset *dataset;
  const PrecisCocoParams *p;
  const guint T = self->params.n_iou_thrs;

  g_return_val_if_fail (PRECIS_IS_COCOEVAL (self), NULL);

  p = &self->params;
  dataset = precis_matcher_get_dataset (self->matcher);
  summary = precis_cocoeval_summary_text (self);
  b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_string_value (b, "coco");
  json_builder_set_member_name (b, "iou_type");
  json_builder_add_string_value (b, precis_iou_type_to_string (p->iou_type));
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, precis_dataset_get_model_name (dataset, precis_matcher_get_model (self->matcher)));

  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "iou_thresholds");
  add_double_array (b, p->iou_thrs, p->n_iou_thrs);
  json_builder_set_member_name (b, "area_ranges");
  json_builder_begin_array (b);
  for (guint a = 0; a < p->n_area_rngs; a++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, p->area_lbl[a] != NULL ? p->area_lbl[a] : "");
      json_builder_set_member_name (b, "range");
      add_double_array (b, p->area_rng[a], 2);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "max_dets");
  json_builder_begin_array (b);
  for (guint m = 0; m < p->n_max_dets; m++)
    json_builder_add_int_value (b, p->max_dets[m]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "stats");
  json_builder_begin_object (b);
  for (guint i = 0; i < self->n_stats; i++)
    {
      json_builder_set_member_name (b, precis_cocoeval_get_stat_name (self, i));
      json_builder_add_double_value (b, self->stats[i]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "stats_array");
  add_double_array (b, self->stats, self->n_stats);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, summary);

  json_builder_set_member_name (b, "per_class");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->n_classes; k++)
    {
      const PrecisCategory *cat = precis_dataset_get_category (dataset, self->class_category[k]);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "category_id");
      json_builder_add_int_value (b, cat->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, cat->name != NULL ? cat->name : "");
      json_builder_set_member_name (b, "num_gt");
      json_builder_add_int_value (b, (gint64) self->class_n_gt[k]);
      json_builder_set_member_name (b, "AP");
      json_builder_add_double_value (b, self->class_ap[k]);
      json_builder_set_member_name (b, "AP50");
      json_builder_add_double_value (b, self->class_ap50[k]);
      json_builder_set_member_name (b, "AP75");
      json_builder_add_double_value (b, self->class_ap75[k]);
      json_builder_set_member_name (b, "AR");
      json_builder_add_double_value (b, self->class_ar[k]);
      for (int which = 0; which < 3; which++)
        {
          json_builder_set_member_name (b, which == 0 ? "TP" : which == 1 ? "FP" : "FN");
          json_builder_begin_array (b);
          for (guint t = 0; t < T; t++)
            {
              guint64 tp, fp, fn;

              precis_cocoeval_get_counts (self, k, t, &tp, &fp, &fn);
              json_builder_add_int_value (b, (gint64) (which == 0 ? tp : which == 1 ? fp : fn));
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "num_gt");
  json_builder_add_int_value (b, (gint64) precis_cocoeval_get_n_gt (self, PRECIS_NO_INDEX));
  for (int which = 0; which < 3; which++)
    {
      json_builder_set_member_name (b, which == 0 ? "TP" : which == 1 ? "FP" : "FN");
      json_builder_begin_array (b);
      for (guint t = 0; t < T; t++)
        {
          guint64 tp, fp, fn;

          precis_cocoeval_get_counts (self, PRECIS_NO_INDEX, t, &tp, &fp, &fn);
          json_builder_add_int_value (b, (gint64) (which == 0 ? tp : which == 1 ? fp : fn));
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_end_object (b);

  return json_builder_get_root (b);
}

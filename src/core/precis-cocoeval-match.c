/* precis-cocoeval-match.c: protocol `coco`, per-category matching (evaluateImg)
 * and accumulation (accumulate), one category per task; see precis-cocoeval.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "precis-cocoeval-private.h"

/* ---- per-category work ---------------------------------------------------- */


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

/* Per-object matches (params.keep_objects): each class belongs to one worker,
 * so the objects' slots are written by one thread. */
static void
record_match (PrecisCocoEval *self,
              guint           t,
              guint32         d,
              guint32         g,
              double          iou)
{
  gsize i = (gsize) t * self->n_dt_objects + d;

  self->dt_match[i] = g;
  self->dt_iou[i] = (float) iou;
  /* A crowd GT can take many detections: it keeps the first (the highest
   * ranked), as gtMatches does. */
  if (self->gt_match[(gsize) t * self->n_gt_objects + g] == PRECIS_NO_INDEX)
    self->gt_match[(gsize) t * self->n_gt_objects + g] = d;
}

/* The outcomes of one pair at area range 0, from @states (the pair's kept
 * detections in rank order, A × T each) and @ig (gtIgnore, GT file order). */
static void
record_outcomes (const Context *ctx,
                 const Scratch *s,
                 const Pair    *pair,
                 guint32        D,
                 const guint8  *ig,
                 const guint8  *states)
{
  static const guint8 outcome[] = {
    [STATE_FP] = PRECIS_PREDICTION_FP,
    [STATE_TP] = PRECIS_PREDICTION_TP,
    [STATE_IGNORED] = PRECIS_PREDICTION_IGNORED,
  };
  PrecisCocoEval *self = ctx->self;
  const guint T = self->params.n_iou_thrs;
  const guint AT = self->params.n_area_rngs * T;

  for (guint t = 0; t < T; t++)
    {
      guint8 *dt_state = self->dt_state + (gsize) t * self->n_dt_objects;
      guint8 *gt_state = self->gt_state + (gsize) t * self->n_gt_objects;
      const guint32 *gt_match = self->gt_match + (gsize) t * self->n_gt_objects;

      /* Beyond maxDets: pycocotools drops them, neither TP nor FP. */
      for (guint32 j = 0; j < pair->n_dt; j++)
        dt_state[s->dt_order[j]] = j < D ? outcome[states[(gsize) j * AT + t]]
                                         : PRECIS_PREDICTION_IGNORED;
      /* A GT with id 0 stays unmatched for accumulate (see evaluate_pair()). */
      for (guint32 c = 0; c < pair->n_gt; c++)
        {
          guint32 g = pair->gt_start + c;

          gt_state[g] = ig[c] ? PRECIS_GT_IGNORED
                        : gt_match[g] != PRECIS_NO_INDEX && ctx->gt->id[g] != 0 ? PRECIS_GT_MATCHED
                        : PRECIS_GT_FN;
        }
    }
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
  _precis_cocoeval_stable_sort_by_score (s->dt_order, s->sort_tmp, pair->n_dt, dt->score);
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
                      if (a == 0 && ctx->self->dt_state != NULL)
                        record_match (ctx->self, t, d, pair->gt_start + s->gt_sorted[m], best);
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
      if (a == 0 && ctx->self->dt_state != NULL)
        record_outcomes (ctx, s, pair, D, ig_a, s->entry_state + first_entry * AT);
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
  _precis_cocoeval_stable_sort_by_score (s->perm, s->perm_tmp, n_entries, s->entry_score);
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

void
_precis_cocoeval_worker_run (Context *ctx)
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

gpointer
_precis_cocoeval_worker_thread (gpointer data)
{
  _precis_cocoeval_worker_run (data);
  return NULL;
}

/* precis-bootstrap.c: the paired image bootstrap of model differences (SEMANTICS.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At fixed parameters every prediction's outcome (TP, FP, ignored) depends
 * only on its own image, so a resample changes nothing but how often each
 * image counts. The outcomes are read once into compact per-class lists; a
 * resample is then an integer weight per image, and evaluating a model on it
 * is one pass over its ranked TP and FP entries with those weights:
 *
 *  - the copies of a TP are adjacent, so they form one run with the same FP
 *    count before it; their precisions rise within the run, so the envelope
 *    (precision made non-increasing from the right) is constant over the run
 *    and one value per TP entry gives every interpolated precision;
 *  - the FPs after a class's last TP change no precision that AP reads, only
 *    the class's FP total: they are kept as (image, count) pairs.
 *
 * With every weight 1 this is exactly what precis_active_evaluate() computes
 * (the same formulas in the same order), which the tests check.
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "precis-bootstrap.h"

/* Per class lists: entries [start[c], start[c + 1]) of the data arrays. */
typedef struct {
  guint32 *start;
  GArray  *img;   /* guint32 */
  GArray  *cnt;   /* guint32, or NULL when every count is 1 */
} ClassLists;

typedef struct {
  ClassLists tp;        /* the TP entries in ranking order */
  guint32   *fp_off;    /* per class c, runs r = 0 … n_tp(c): FP entries before TP r at
                         * fp_off[tp.start[c] + c + r] … + 1 (the last run is empty) */
  GArray    *fp_img;
  ClassLists tail;      /* FPs after the last TP, per image */
  ClassLists present;   /* images with a GT or a prediction of the class (counted rule) */
} Model;

typedef struct {
  guint     n_models;
  guint     baseline;
  guint     n_classes;
  guint     n_images;
  guint8   *selected;   /* per class */
  guint     n_subset;
  guint32  *subset;     /* image indices of the subset */
  ClassLists gt;        /* non-crowd, in-range GTs per (class, image) */
  Model    *models;
  guint     max_tp;     /* the longest TP list of a class */
} Snapshot;

static void
class_lists_init (ClassLists *l,
                  guint       n_classes,
                  gboolean    counts)
{
  l->start = g_new0 (guint32, n_classes + 1);
  l->img = g_array_new (FALSE, FALSE, sizeof (guint32));
  l->cnt = counts ? g_array_new (FALSE, FALSE, sizeof (guint32)) : NULL;
}

static void
class_lists_clear (ClassLists *l)
{
  g_clear_pointer (&l->start, g_free);
  if (l->img != NULL)
    g_array_unref (l->img);
  if (l->cnt != NULL)
    g_array_unref (l->cnt);
  l->img = l->cnt = NULL;
}

static inline void
class_lists_add (ClassLists *l,
                 guint32     img,
                 guint32     cnt)
{
  g_array_append_val (l->img, img);
  if (l->cnt != NULL)
    g_array_append_val (l->cnt, cnt);
}

static void
snapshot_free (Snapshot *s)
{
  for (guint m = 0; m < s->n_models; m++)
    {
      Model *md = &s->models[m];

      class_lists_clear (&md->tp);
      class_lists_clear (&md->tail);
      class_lists_clear (&md->present);
      g_free (md->fp_off);
      g_array_unref (md->fp_img);
    }
  class_lists_clear (&s->gt);
  g_free (s->models);
  g_free (s->selected);
  g_free (s->subset);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

/* Per-image counters that are cleared by walking the images they touched. */
typedef struct {
  guint32 *count;
  GArray  *touched;
} Tally;

static inline void
tally_add (Tally   *t,
           guint32  img)
{
  if (t->count[img]++ == 0)
    g_array_append_val (t->touched, img);
}

/* Moves the tally into @l (one entry per touched image) and clears it. */
static void
tally_flush (Tally      *t,
             ClassLists *l)
{
  for (guint i = 0; i < t->touched->len; i++)
    {
      guint32 img = g_array_index (t->touched, guint32, i);

      class_lists_add (l, img, t->count[img]);
      t->count[img] = 0;
    }
  g_array_set_size (t->touched, 0);
}

/* The GT lists, shared by every model: which GTs count (non-crowd, in range,
 * in the subset of selected classes) does not depend on the model. */
static void
snapshot_gt (Snapshot     *s,
             PrecisActive *active)
{
  PrecisDataset *dataset = precis_matcher_get_dataset (precis_active_get_matcher (active));
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (dataset);
  g_autofree guint32 *per_class = g_new0 (guint32, s->n_classes + 1);
  g_autofree guint32 *group_count = g_new0 (guint32, MAX (gt->n_groups, 1));

  class_lists_init (&s->gt, s->n_classes, TRUE);
  for (guint k = 0; k < gt->n_groups; k++)
    {
      const PrecisGroup *g = &gt->groups[k];

      for (guint32 j = g->start; j < g->end; j++)
        {
          PrecisGtOutcome o = precis_active_get_gt_outcome (active, j);

          group_count[k] += o == PRECIS_GT_MATCHED || o == PRECIS_GT_FN;
        }
      if (group_count[k] > 0)
        per_class[g->category + 1]++;
    }
  for (guint c = 0; c < s->n_classes; c++)
    per_class[c + 1] += per_class[c];
  memcpy (s->gt.start, per_class, (s->n_classes + 1) * sizeof (guint32));
  g_array_set_size (s->gt.img, per_class[s->n_classes]);
  g_array_set_size (s->gt.cnt, per_class[s->n_classes]);
  /* Groups run by image, so each class's list comes out in image order. */
  for (guint k = 0; k < gt->n_groups; k++)
    if (group_count[k] > 0)
      {
        guint32 at = per_class[gt->groups[k].category]++;

        g_array_index (s->gt.img, guint32, at) = gt->groups[k].image;
        g_array_index (s->gt.cnt, guint32, at) = group_count[k];
      }
}

/* The TP and FP lists of one model at its current parameters. */
static void
snapshot_model (Snapshot     *s,
                Model        *md,
                PrecisActive *active,
                Tally        *tally)
{
  PrecisMatcher *matcher = precis_active_get_matcher (active);
  const PrecisMatches *m = precis_matcher_get_matches (matcher);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (precis_matcher_get_dataset (matcher),
                                                                precis_matcher_get_model (matcher));
  GArray *fp_off = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint8 *outcome = g_new (guint8, MAX (m->n_predictions, 1));

  class_lists_init (&md->tp, s->n_classes, FALSE);
  class_lists_init (&md->tail, s->n_classes, TRUE);
  class_lists_init (&md->present, s->n_classes, FALSE);
  md->fp_img = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint32 p = 0; p < m->n_predictions; p++)
    outcome[p] = precis_active_get_prediction_outcome (active, p);

  for (guint32 c = 0; c < s->n_classes; c++)
    {
      guint start = m->class_start[c], end = m->class_start[c + 1], last_tp = start;
      guint32 off = md->fp_img->len;

      md->tp.start[c] = md->tp.img->len;
      md->tail.start[c] = md->tail.img->len;
      md->present.start[c] = md->present.img->len;
      g_array_append_val (fp_off, off);
      if (!s->selected[c])
        continue;

      for (guint k = start; k < end; k++)
        if (outcome[m->class_order[k]] == PRECIS_PREDICTION_TP)
          last_tp = k + 1;

      for (guint k = start; k < end; k++)
        {
          guint32 p = m->class_order[k];
          guint32 img = dt->image[p];

          if (outcome[p] == PRECIS_PREDICTION_FILTERED)
            continue;
          tally_add (tally, img);   /* for the present list */
          if (outcome[p] == PRECIS_PREDICTION_TP)
            {
              g_array_append_val (md->tp.img, img);
              off = md->fp_img->len;
              g_array_append_val (fp_off, off);
            }
          else if (outcome[p] == PRECIS_PREDICTION_FP && k < last_tp)
            g_array_append_val (md->fp_img, img);
        }

      /* Present: the images with a prediction (any outcome) or a counted GT. */
      for (guint32 i = s->gt.start[c]; i < s->gt.start[c + 1]; i++)
        tally_add (tally, g_array_index (s->gt.img, guint32, i));
      for (guint i = 0; i < tally->touched->len; i++)
        {
          guint32 img = g_array_index (tally->touched, guint32, i);

          class_lists_add (&md->present, img, 0);
          tally->count[img] = 0;
        }
      g_array_set_size (tally->touched, 0);

      /* The tail: FPs after the last TP, counted per image. */
      for (guint k = last_tp; k < end; k++)
        {
          guint32 p = m->class_order[k];

          if (outcome[p] == PRECIS_PREDICTION_FP)
            tally_add (tally, dt->image[p]);
        }
      tally_flush (tally, &md->tail);

      s->max_tp = MAX (s->max_tp, md->tp.img->len - md->tp.start[c]);
    }
  md->tp.start[s->n_classes] = md->tp.img->len;
  md->tail.start[s->n_classes] = md->tail.img->len;
  md->present.start[s->n_classes] = md->present.img->len;
  {
    guint32 off = md->fp_img->len;

    g_array_append_val (fp_off, off);
  }
  md->fp_off = (guint32 *) g_array_free (fp_off, FALSE);
}

static Snapshot *
snapshot_new (PrecisCompare *compare)
{
  g_autoptr(Snapshot) s = g_new0 (Snapshot, 1);
  PrecisActive *base;
  const guint8 *images = precis_compare_get_images (compare);
  Tally tally;

  s->n_models = precis_compare_get_n_models (compare);
  s->baseline = precis_compare_get_baseline (compare);
  base = precis_compare_get_active (compare, s->baseline);
  {
    PrecisDataset *dataset = precis_matcher_get_dataset (precis_active_get_matcher (base));

    s->n_classes = precis_dataset_get_n_categories (dataset);
    s->n_images = precis_dataset_get_n_images (dataset);
  }

  s->selected = g_new0 (guint8, MAX (s->n_classes, 1));
  for (guint32 c = 0; c < s->n_classes; c++)
    s->selected[c] = precis_active_get_class_selected (base, c);
  s->subset = g_new (guint32, MAX (s->n_images, 1));
  for (guint32 k = 0; k < s->n_images; k++)
    if (images == NULL || images[k])
      s->subset[s->n_subset++] = k;

  snapshot_gt (s, base);

  tally.count = g_new0 (guint32, MAX (s->n_images, 1));
  tally.touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->models = g_new0 (Model, s->n_models);
  for (guint m = 0; m < s->n_models; m++)
    snapshot_model (s, &s->models[m], precis_compare_get_active (compare, m), &tally);
  g_free (tally.count);
  g_array_unref (tally.touched);

  return g_steal_pointer (&s);
}

/* ------------------------------------------------------------------------ */

/* Per-thread buffers. */
typedef struct {
  guint32 *w;        /* weight per image */
  double  *run_t;    /* cumulative TP at the end of each TP run */
  double  *run_p;    /* precision at the end of each run, then the envelope */
  double   q[PRECIS_N_RECALL_POINTS];
} Work;

static void
work_init (Work           *wk,
           const Snapshot *s)
{
  wk->w = g_new0 (guint32, MAX (s->n_images, 1));
  wk->run_t = g_new (double, s->max_tp + 1);
  wk->run_p = g_new (double, s->max_tp + 1);
}

static void
work_clear (Work *wk)
{
  g_free (wk->w);
  g_free (wk->run_t);
  g_free (wk->run_p);
}

/* splitmix64's output function. */
static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

#define GOLDEN G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

/* The weights of resample @index: n draws from the subset, draw i the
 * splitmix64 value of counter i in the stream keyed by (seed, index), mapped
 * to [0, n) by a multiply-shift of its high 32 bits (n < 2³²; the bias is
 * below n / 2³²). G_MAXUINT: the subset itself. */
static void
draw_weights (const Snapshot *s,
              guint           index,
              guint64         seed,
              guint32        *w)
{
  guint64 key;

  memset (w, 0, MAX (s->n_images, 1) * sizeof (guint32));
  if (index == G_MAXUINT)
    {
      for (guint i = 0; i < s->n_subset; i++)
        w[s->subset[i]] = 1;
      return;
    }

  key = mix64 (seed ^ mix64 ((guint64) index * GOLDEN + 1));
  for (guint i = 0; i < s->n_subset; i++)
    {
      guint64 r = mix64 (key + (guint64) (i + 1) * GOLDEN);
      guint32 k = (guint32) (((r >> 32) * (guint64) s->n_subset) >> 32);

      w[s->subset[k]]++;
    }
}

/* numpy's np.mean of the 101 precisions: pairwise summation in eight lanes
 * (blocks under 128 values), then the remainder, divided by the count; the
 * order precis_active_evaluate() uses, so that the sums agree bit for bit. */
static double
mean_of_101 (const double *q)
{
  double lane[8], total;
  guint i;

  memcpy (lane, q, sizeof lane);
  for (i = 8; i + 8 <= PRECIS_N_RECALL_POINTS; i += 8)
    for (guint j = 0; j < 8; j++)
      lane[j] += q[i + j];
  total = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
  while (i < PRECIS_N_RECALL_POINTS)
    total += q[i++];
  return (0.0 + total) / PRECIS_N_RECALL_POINTS;
}

/* AP@t from the TP runs (SEMANTICS.md §3, pycocotools' accumulate). */
static double
runs_ap (Work   *wk,
         guint   n_runs,
         guint64 n_gt)
{
  double *q = wk->q;
  guint i, j = 0;

  if (n_gt == 0)
    return 0;
  for (guint r = n_runs; r > 1; r--)
    if (wk->run_p[r - 1] > wk->run_p[r - 2])
      wk->run_p[r - 2] = wk->run_p[r - 1];

  q[0] = n_runs > 0 ? wk->run_p[0] : 0;
  for (i = 1; i < PRECIS_N_RECALL_POINTS; i++)
    {
      double thr = precis_recall_point (i);

      while (j < n_runs && wk->run_t[j] / (double) n_gt < thr)
        j++;
      if (j == n_runs)
        break;
      q[i] = wk->run_p[j];
    }
  for (; i < PRECIS_N_RECALL_POINTS; i++)
    q[i] = 0;
  return mean_of_101 (q);
}

static inline guint64
weighted_sum (const ClassLists *l,
              guint32           c,
              const guint32    *w)
{
  const guint32 *img = (const guint32 *) l->img->data;
  const guint32 *cnt = (const guint32 *) l->cnt->data;
  guint64 sum = 0;

  for (guint32 i = l->start[c]; i < l->start[c + 1]; i++)
    sum += (guint64) w[img[i]] * cnt[i];
  return sum;
}

/* mAP, mAR and mean F1 of model @md under the weights in @wk. */
static void
evaluate_model (const Snapshot *s,
                const Model    *md,
                Work           *wk,
                double         *stats)
{
  const guint32 *w = wk->w;
  const guint32 *tp_img = (const guint32 *) md->tp.img->data;
  const guint32 *fp_img = (const guint32 *) md->fp_img->data;
  const guint32 *present = (const guint32 *) md->present.img->data;
  double sum_ap = 0, sum_ar = 0, sum_f1 = 0;
  guint n_counted = 0;

  for (guint32 c = 0; c < s->n_classes; c++)
    {
      guint32 t0 = md->tp.start[c], n_tp = md->tp.start[c + 1] - t0;
      const guint32 *off = md->fp_off + t0 + c;
      guint64 n_gt, tp = 0, fp = 0;
      gboolean counted = FALSE;
      guint n_runs = 0;
      double p, r;

      if (!s->selected[c])
        continue;
      for (guint32 i = md->present.start[c]; i < md->present.start[c + 1] && !counted; i++)
        counted = w[present[i]] != 0;
      if (!counted)
        continue;
      n_gt = weighted_sum (&s->gt, c, w);

      for (guint32 k = 0; k < n_tp; k++)
        {
          guint32 wt = w[tp_img[t0 + k]];

          for (guint32 i = off[k]; i < off[k + 1]; i++)
            fp += w[fp_img[i]];
          if (wt == 0)
            continue;
          tp += wt;
          /* As pycocotools: pr = tp / (fp + tp + spacing(1)), at the run's last copy. */
          wk->run_t[n_runs] = (double) tp;
          wk->run_p[n_runs] = (double) tp / ((double) fp + (double) tp + DBL_EPSILON);
          n_runs++;
        }
      fp += weighted_sum (&md->tail, c, w);

      p = tp + fp > 0 ? (double) tp / (double) (tp + fp) : 0;
      r = n_gt > 0 ? (double) tp / (double) n_gt : 0;
      sum_ap += runs_ap (wk, n_runs, n_gt);
      sum_ar += r;
      sum_f1 += p + r > 0 ? 2 * p * r / (p + r) : 0;
      n_counted++;
    }

  stats[PRECIS_COMPARE_MAP] = n_counted > 0 ? sum_ap / n_counted : 0;
  stats[PRECIS_COMPARE_MAR] = n_counted > 0 ? sum_ar / n_counted : 0;
  stats[PRECIS_COMPARE_MEAN_F1] = n_counted > 0 ? sum_f1 / n_counted : 0;
}

/* ------------------------------------------------------------------------ */

typedef struct {
  const Snapshot *s;
  PrecisBootstrap *out;
  GCancellable   *cancellable;
  gint            next;       /* atomic: the next resample to take */
} Job;

static void
resample_one (const Snapshot  *s,
              PrecisBootstrap *out,
              Work            *wk,
              double          *stats,
              guint            b)
{
  draw_weights (s, b, out->seed, wk->w);
  for (guint m = 0; m < s->n_models; m++)
    evaluate_model (s, &s->models[m], wk, stats + m * PRECIS_COMPARE_N_STATS);

  for (guint m = 0; m < s->n_models; m++)
    for (guint st = 0; st < PRECIS_COMPARE_N_STATS; st++)
      out->deltas[((gsize) m * PRECIS_COMPARE_N_STATS + st) * out->n_resamples + b] =
        m == s->baseline ? 0 : stats[m * PRECIS_COMPARE_N_STATS + st] - stats[s->baseline * PRECIS_COMPARE_N_STATS + st];
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Job *job = user_data;
  g_autofree double *stats = g_new (double, (gsize) job->s->n_models * PRECIS_COMPARE_N_STATS);
  Work wk;

  (void) data;
  work_init (&wk, job->s);
  for (;;)
    {
      guint b = (guint) g_atomic_int_add (&job->next, 1);

      if (b >= job->out->n_resamples || g_cancellable_is_cancelled (job->cancellable))
        break;
      resample_one (job->s, job->out, &wk, stats, b);
    }
  work_clear (&wk);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* numpy.percentile's default (linear) on sorted values. */
static double
percentile_sorted (const double *v,
                   guint         n,
                   double        q)
{
  double h = (n - 1) * q;
  guint lo = (guint) floor (h);

  if (lo + 1 >= n)
    return v[n - 1];
  return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
}

static void
summarise (PrecisBootstrap *out)
{
  guint B = out->n_resamples;
  g_autofree double *sorted = g_new (double, B);

  for (guint k = 0; k < out->n_models * PRECIS_COMPARE_N_STATS; k++)
    {
      const double *d = out->deltas + (gsize) k * B;
      guint above = 0;

      for (guint b = 0; b < B; b++)
        above += d[b] > 0;
      memcpy (sorted, d, B * sizeof (double));
      qsort (sorted, B, sizeof (double), compare_doubles);
      out->ci_low[k] = percentile_sorted (sorted, B, 0.025);
      out->ci_high[k] = percentile_sorted (sorted, B, 0.975);
      out->p_better[k] = (double) above / B;
    }
}

static PrecisBootstrap *
run_bootstrap (const Snapshot *s,
               guint           n_resamples,
               guint64         seed,
               guint           n_threads,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(PrecisBootstrap) out = g_new0 (PrecisBootstrap, 1);
  gsize n_stats = (gsize) s->n_models * PRECIS_COMPARE_N_STATS;
  Job job = { s, out, cancellable, 0 };

  out->n_models = s->n_models;
  out->baseline = s->baseline;
  out->n_resamples = n_resamples;
  out->seed = seed;
  out->n_images = s->n_subset;
  out->deltas = g_new0 (double, n_stats * n_resamples);
  out->ci_low = g_new0 (double, n_stats);
  out->ci_high = g_new0 (double, n_stats);
  out->p_better = g_new0 (double, n_stats);

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, n_resamples);
  if (n_threads == 1)
    worker (NULL, &job);
  else
    {
      GThreadPool *pool = g_thread_pool_new (worker, &job, (int) n_threads, FALSE, NULL);

      for (guint i = 0; i < n_threads; i++)
        g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  summarise (out);
  return g_steal_pointer (&out);
}

void
precis_bootstrap_free (PrecisBootstrap *bootstrap)
{
  if (bootstrap == NULL)
    return;
  g_free (bootstrap->deltas);
  g_free (bootstrap->ci_low);
  g_free (bootstrap->ci_high);
  g_free (bootstrap->p_better);
  g_free (bootstrap);
}

PrecisBootstrap *
precis_compare_bootstrap (PrecisCompare  *compare,
                          guint           n_resamples,
                          guint64         seed,
                          guint           n_threads,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(Snapshot) s = NULL;

  g_return_val_if_fail (PRECIS_IS_COMPARE (compare), NULL);
  g_return_val_if_fail (n_resamples > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = snapshot_new (compare);
  return run_bootstrap (s, n_resamples, seed, n_threads, cancellable, error);
}

typedef struct {
  Snapshot *s;
  guint     n_resamples;
  guint64   seed;
} TaskData;

static void
task_data_free (TaskData *td)
{
  snapshot_free (td->s);
  g_free (td);
}

static void
bootstrap_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;
  PrecisBootstrap *out = run_bootstrap (td->s, td->n_resamples, td->seed, 0, cancellable, &error);

  (void) source;
  if (out == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, out, (GDestroyNotify) precis_bootstrap_free);
}

void
precis_compare_bootstrap_async (PrecisCompare       *compare,
                                guint                n_resamples,
                                guint64              seed,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (PRECIS_IS_COMPARE (compare));
  g_return_if_fail (n_resamples > 0);

  task = g_task_new (compare, cancellable, callback, user_data);
  g_task_set_source_tag (task, precis_compare_bootstrap_async);
  td = g_new0 (TaskData, 1);
  td->s = snapshot_new (compare);
  td->n_resamples = n_resamples;
  td->seed = seed;
  g_task_set_task_data (task, td, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, bootstrap_thread);
}

PrecisBootstrap *
precis_compare_bootstrap_finish (PrecisCompare  *compare,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, compare), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
precis_compare_bootstrap_stats (PrecisCompare *compare,
                                guint          model,
                                guint          index,
                                guint64        seed,
                                double        *stats)
{
  g_autoptr(Snapshot) s = NULL;
  Work wk;

  g_return_if_fail (PRECIS_IS_COMPARE (compare));
  g_return_if_fail (model < precis_compare_get_n_models (compare));
  g_return_if_fail (stats != NULL);

  s = snapshot_new (compare);
  work_init (&wk, s);
  draw_weights (s, index, seed, wk.w);
  evaluate_model (s, &s->models[model], &wk, stats);
  work_clear (&wk);
}

void
precis_compare_bootstrap_weights (PrecisCompare *compare,
                                  guint          index,
                                  guint64        seed,
                                  guint32       *weights)
{
  g_autoptr(Snapshot) s = NULL;

  g_return_if_fail (PRECIS_IS_COMPARE (compare));
  g_return_if_fail (weights != NULL);

  s = snapshot_new (compare);
  draw_weights (s, index, seed, weights);
}

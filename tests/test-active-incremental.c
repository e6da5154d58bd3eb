/* test-active-incremental.c: protocol `active` re-evaluated incrementally equals a fresh and a naive evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of test-active (test-active.c has main): an independent, from-scratch
 * evaluator of SEMANTICS.md §3, sweeps and random walks over every parameter
 * on the real datasets of tests/data/real and on synthetic projects.
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "precis-active.h"
#include "precis-test-files.h"
#include "test-active.h"

/* ------------------------------------------------------------------------ */
/* An independent, from-scratch evaluator of SEMANTICS.md §3 at one set of
 * parameters. It reads only the candidates, ious and crowd values of step 1
 * and 4 (checked against the reference separately) and uses the equivalent
 * rule of §3: among the predictions attached to g with iou ≥ t, the one with
 * the highest score is TP (equal scores: the higher iou, then the earlier in
 * the file, as the d chain resolves them). */

typedef struct {
  double        t;
  double        s;
  double        a;
  double        b;
  const guint8 *classes;   /* NULL = all */
  const guint8 *images;    /* NULL = all */
} Params;

typedef struct {
  guint   n_classes;
  guint  *tp, *fp, *fn, *ign, *n_pred, *n_gt;
  double *ap;
  guint8 *outcome;   /* per prediction */
  guint8 *gt_outcome;
} Naive;

static void
naive_free (Naive *n)
{
  g_free (n->tp);
  g_free (n->fp);
  g_free (n->fn);
  g_free (n->ign);
  g_free (n->n_pred);
  g_free (n->n_gt);
  g_free (n->ap);
  g_free (n->outcome);
  g_free (n->gt_outcome);
}

typedef struct {
  const PrecisAnnotations *dt;
  PrecisDataset           *dataset;
} NaiveSort;

static int
naive_rank_cmp (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const NaiveSort *ns = user_data;
  guint32 i = *(const guint32 *)a, j = *(const guint32 *)b;
  const PrecisAnnotations *dt = ns->dt;
  gint64 ii, ij;

  if (dt->score[i] != dt->score[j])
    return dt->score[i] > dt->score[j] ? -1 : 1;
  ii = precis_dataset_get_image (ns->dataset, dt->image[i])->id;
  ij = precis_dataset_get_image (ns->dataset, dt->image[j])->id;
  if (ii != ij)
    return ii < ij ? -1 : 1;
  return dt->file_index[i] < dt->file_index[j] ? -1 : dt->file_index[i] > dt->file_index[j];
}

static void
naive_evaluate (PrecisMatcher *matcher,
                const Params  *par,
                Naive         *out)
{
  PrecisDataset *dataset = precis_matcher_get_dataset (matcher);
  const PrecisMatches *m = precis_matcher_get_matches (matcher);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (dataset, precis_matcher_get_model (matcher));
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (dataset);
  guint nc = precis_dataset_get_n_categories (dataset);
  g_autofree guint32 *best = g_new (guint32, MAX (gt->n, 1));
  g_autofree guint32 *list = g_new (guint32, MAX (dt->n, 1));
  NaiveSort ns = { dt, dataset };

  out->n_classes = nc;
  out->tp = g_new0 (guint, nc);
  out->fp = g_new0 (guint, nc);
  out->fn = g_new0 (guint, nc);
  out->ign = g_new0 (guint, nc);
  out->n_pred = g_new0 (guint, nc);
  out->n_gt = g_new0 (guint, nc);
  out->ap = g_new0 (double, nc);
  out->outcome = g_new0 (guint8, MAX (dt->n, 1));
  out->gt_outcome = g_new0 (guint8, MAX (gt->n, 1));

  for (guint j = 0; j < gt->n; j++)
    best[j] = PRECIS_NO_INDEX;
  for (guint i = 0; i < dt->n; i++)
    {
      guint32 g = m->candidate[i];
      guint32 b;

      if (g == PRECIS_NO_INDEX || !(m->iou[i] >= par->t))
        continue;
      b = best[g];
      if (b == PRECIS_NO_INDEX || dt->score[i] > dt->score[b] ||
          (dt->score[i] == dt->score[b] &&
           (m->iou[i] > m->iou[b] ||
            (m->iou[i] == m->iou[b] && dt->file_index[i] < dt->file_index[b]))))
        best[g] = i;
    }

  for (guint i = 0; i < dt->n; i++)
    {
      guint32 c = dt->category[i];
      guint32 g = m->candidate[i];
      gboolean in_own = dt->area[i] >= par->a && dt->area[i] <= par->b;
      guint8 o;

      if ((par->classes && !par->classes[c]) || (par->images && !par->images[dt->image[i]]) ||
          dt->score[i] < par->s)
        {
          out->outcome[i] = PRECIS_PREDICTION_FILTERED;
          continue;
        }
      if (g != PRECIS_NO_INDEX && best[g] == i)
        o = (gt->area[g] >= par->a && gt->area[g] <= par->b) ? PRECIS_PREDICTION_TP : PRECIS_PREDICTION_IGNORED;
      else if (m->crowd[i] > 0 && m->crowd[i] >= par->t)
        o = PRECIS_PREDICTION_IGNORED;
      else if (!in_own)
        o = PRECIS_PREDICTION_IGNORED;
      else
        o = PRECIS_PREDICTION_FP;
      out->outcome[i] = o;
      out->n_pred[c]++;
      if (o == PRECIS_PREDICTION_TP)
        out->tp[c]++;
      else if (o == PRECIS_PREDICTION_FP)
        out->fp[c]++;
      else
        out->ign[c]++;
    }

  for (guint j = 0; j < gt->n; j++)
    {
      guint32 c = gt->category[j];

      if ((par->classes && !par->classes[c]) || (par->images && !par->images[gt->image[j]]))
        out->gt_outcome[j] = PRECIS_GT_FILTERED;
      else if (m->gt_crowd[j] || gt->area[j] < par->a || gt->area[j] > par->b)
        out->gt_outcome[j] = PRECIS_GT_IGNORED;
      else
        {
          out->n_gt[c]++;
          if (best[j] != PRECIS_NO_INDEX && dt->score[best[j]] >= par->s)
            out->gt_outcome[j] = PRECIS_GT_MATCHED;
          else
            {
              out->gt_outcome[j] = PRECIS_GT_FN;
              out->fn[c]++;
            }
        }
    }

  /* AP@t per class, pycocotools accumulate for one threshold. */
  for (guint c = 0; c < nc; c++)
    {
      guint n = 0;
      double tpc = 0, fpc = 0, q[101] = { 0 }, sum = 0;
      g_autofree double *rc = NULL;
      g_autofree double *pr = NULL;

      if (out->n_gt[c] == 0)
        continue;
      for (guint i = 0; i < dt->n; i++)
        if (dt->category[i] == c &&
            (out->outcome[i] == PRECIS_PREDICTION_TP || out->outcome[i] == PRECIS_PREDICTION_FP))
          list[n++] = i;
      g_qsort_with_data (list, n, sizeof (guint32), naive_rank_cmp, &ns);
      rc = g_new (double, MAX (n, 1));
      pr = g_new (double, MAX (n, 1));
      for (guint k = 0; k < n; k++)
        {
          if (out->outcome[list[k]] == PRECIS_PREDICTION_TP)
            tpc += 1;
          else
            fpc += 1;
          rc[k] = tpc / out->n_gt[c];
          pr[k] = tpc / (fpc + tpc + DBL_EPSILON);
        }
      for (guint k = n; k-- > 1;)
        if (pr[k] > pr[k - 1])
          pr[k - 1] = pr[k];
      for (guint r = 0; r < 101; r++)
        {
          double thr = r == 100 ? 1.0 : r * 0.01;
          guint k = 0;

          while (k < n && rc[k] < thr)
            k++;
          q[r] = k < n ? pr[k] : 0;
          sum += q[r];
        }
      out->ap[c] = sum / 101;
    }
}

/* Compares the incremental result with the naive one. */
static void
compare_with_naive (PrecisMatcher            *matcher,
                    PrecisActive             *active,
                    const PrecisActiveResult *res,
                    const Params             *par)
{
  const PrecisMatches *m = precis_matcher_get_matches (matcher);
  Naive n = { 0 };
  guint n_counted = 0, tp = 0, fp = 0, fn = 0;
  double sum_ap = 0;

  naive_evaluate (matcher, par, &n);

  for (guint c = 0; c < n.n_classes; c++)
    {
      const PrecisActiveClassResult *cls = &res->classes[c];
      gboolean selected = par->classes == NULL || par->classes[c];

      g_assert_cmpint (cls->selected, ==, selected);
      if (!selected)
        {
          g_assert_false (cls->counted);
          continue;
        }
      g_assert_cmpuint (cls->tp, ==, n.tp[c]);
      g_assert_cmpuint (cls->fp, ==, n.fp[c]);
      g_assert_cmpuint (cls->fn, ==, n.fn[c]);
      g_assert_cmpuint (cls->ignored, ==, n.ign[c]);
      g_assert_cmpuint (cls->n_gt, ==, n.n_gt[c]);
      g_assert_cmpuint (cls->n_predictions, ==, n.n_pred[c]);
      g_assert_cmpuint (cls->tp + cls->fn, ==, cls->n_gt);
      g_assert_cmpuint (cls->n_ranks, ==, n.tp[c] + n.fp[c]);
      /* Tolerance: the naive AP sums its 101 points left to right, the code in
       * numpy's pairwise order. */
      g_assert_cmpfloat_with_epsilon (cls->ap, n.ap[c], 1e-12);
      g_assert_cmpint (cls->counted, ==, n.n_gt[c] > 0 || n.n_pred[c] > 0);
      if (cls->counted)
        {
          n_counted++;
          sum_ap += n.ap[c];
        }
      tp += n.tp[c];
      fp += n.fp[c];
      fn += n.fn[c];
    }
  g_assert_cmpuint (res->n_counted, ==, n_counted);
  g_assert_cmpuint (res->tp, ==, tp);
  g_assert_cmpuint (res->fp, ==, fp);
  g_assert_cmpuint (res->fn, ==, fn);
  g_assert_cmpfloat_with_epsilon (res->map, n_counted ? sum_ap / n_counted : 0, 1e-12);

  for (guint i = 0; i < m->n_predictions; i++)
    g_assert_cmpint (precis_active_get_prediction_outcome (active, i), ==, n.outcome[i]);
  for (guint j = 0; j < m->n_gt; j++)
    g_assert_cmpint (precis_active_get_gt_outcome (active, j), ==, n.gt_outcome[j]);

  naive_free (&n);
}

/* Bitwise equality of two results (incremental against a fresh evaluator). */
static void
compare_results (const PrecisActiveResult *a,
                 const PrecisActiveResult *b)
{
  g_assert_cmpuint (a->n_classes, ==, b->n_classes);
  g_assert_cmpuint (a->n_ranks, ==, b->n_ranks);
  g_assert_cmpuint (a->n_counted, ==, b->n_counted);
  g_assert_true (memcmp (a->classes, b->classes, a->n_classes * sizeof (PrecisActiveClassResult)) == 0);
  g_assert_true (memcmp (a->precision_101, b->precision_101, a->n_classes * 101 * sizeof (double)) == 0);
  /* Each class's ranks (the arrays may hold stale values between classes). */
  for (guint c = 0; c < a->n_classes; c++)
    {
      guint r0 = a->classes[c].rank_start, n = a->classes[c].n_ranks;

      g_assert_cmpuint (r0 + n, <=, a->n_ranks);
      g_assert_true (memcmp (a->rank_prediction + r0, b->rank_prediction + r0, n * sizeof (guint32)) == 0);
      g_assert_true (memcmp (a->rank_score + r0, b->rank_score + r0, n * sizeof (double)) == 0);
      g_assert_true (memcmp (a->rank_tp + r0, b->rank_tp + r0, n * sizeof (guint8)) == 0);
      g_assert_true (memcmp (a->rank_recall + r0, b->rank_recall + r0, n * sizeof (double)) == 0);
      g_assert_true (memcmp (a->rank_precision + r0, b->rank_precision + r0, n * sizeof (double)) == 0);
      g_assert_true (memcmp (a->rank_envelope + r0, b->rank_envelope + r0, n * sizeof (double)) == 0);
    }
  g_assert_true (memcmp (a->counted, b->counted, a->n_counted * sizeof (guint32)) == 0);
  g_assert_cmpfloat (a->map, ==, b->map);
  g_assert_cmpfloat (a->mar, ==, b->mar);
  g_assert_cmpfloat (a->mean_f1, ==, b->mean_f1);
}

static void
apply_params (PrecisActive *active,
              const Params *par)
{
  precis_active_set_threshold (active, par->t);
  precis_active_set_confidence (active, par->s);
  precis_active_set_area_range (active, par->a, par->b);
  precis_active_set_classes (active, par->classes);
  precis_active_set_images (active, par->images);
}

/* Sweeps t over 0.00 … 1.00 and back on @active, checking each step against
 * a fresh evaluator and (every @naive_every steps) the naive one. */
static void
sweep (PrecisMatcher *matcher,
       PrecisActive  *active,
       Params        *par,
       guint          naive_every)
{
  for (guint step = 0; step < 202; step++)
    {
      guint i = step <= 100 ? step : 201 - step;
      g_autoptr(PrecisActive) fresh = precis_active_new (matcher);
      const PrecisActiveResult *res;

      par->t = i / 100.0;
      precis_active_set_threshold (active, par->t);
      res = precis_active_evaluate (active);
      apply_params (fresh, par);
      compare_results (res, precis_active_evaluate (fresh));
      if (naive_every > 0 && step % naive_every == 0)
        compare_with_naive (matcher, active, res, par);
    }
}

/* A random walk over every parameter, each step checked against a fresh
 * evaluator (and every tenth against the naive one). */
static void
random_walk (PrecisMatcher *matcher,
             GRand         *rand)
{
  PrecisDataset *dataset = precis_matcher_get_dataset (matcher);
  guint nc = precis_dataset_get_n_categories (dataset);
  guint ni = precis_dataset_get_n_images (dataset);
  g_autoptr(PrecisActive) active = precis_active_new (matcher);
  g_autofree guint8 *classes = g_new (guint8, MAX (nc, 1));
  g_autofree guint8 *images = g_new (guint8, MAX (ni, 1));
  Params par = { 0.5, 0, 0, INFINITY, classes, NULL };

  memset (classes, 1, MAX (nc, 1));
  for (guint step = 0; step < 150; step++)
    {
      g_autoptr(PrecisActive) fresh = precis_active_new (matcher);
      const PrecisActiveResult *res;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
        case 1:
          par.t = g_rand_int_range (rand, 0, 101) / 100.0;
          break;
        case 2:
          if (nc > 0)
            {
              guint c = g_rand_int_range (rand, 0, nc);
              classes[c] = !classes[c];
            }
          break;
        case 3:
          par.s = g_rand_boolean (rand) ? 0 : g_rand_double_range (rand, 0, 1);
          break;
        case 4:
          for (guint k = 0; k < ni; k++)
            images[k] = g_rand_int_range (rand, 0, 3) != 0;
          par.images = g_rand_boolean (rand) ? images : NULL;
          break;
        default:
          par.a = g_rand_boolean (rand) ? 0 : 32 * 32;
          par.b = g_rand_boolean (rand) ? INFINITY : 96 * 96;
          break;
        }
      apply_params (active, &par);
      res = precis_active_evaluate (active);
      apply_params (fresh, &par);
      compare_results (res, precis_active_evaluate (fresh));
      if (step % 10 == 0)
        compare_with_naive (matcher, active, res, &par);
    }
}

/* The F1 curve against evaluations at each of its confidences. */
static void
check_f1_curve (PrecisMatcher *matcher,
                double         t)
{
  g_autoptr(PrecisActive) active = precis_active_new (matcher);
  g_autoptr(PrecisActive) probe = precis_active_new (matcher);
  const PrecisActiveF1Curve *curve;
  double best = -1;
  guint step;

  precis_active_set_threshold (active, t);
  precis_active_set_threshold (probe, t);
  curve = precis_active_get_f1_curve (active);
  step = MAX (curve->n_points / 60, 1);
  for (guint k = 0; k < curve->n_points; k++)
    {
      if (k > 0)
        g_assert_cmpfloat (curve->score[k], <, curve->score[k - 1]);
      best = MAX (best, curve->mean_f1[k]);
      if (k % step != 0 && k + 1 != curve->n_points)
        continue;
      precis_active_set_confidence (probe, curve->score[k]);
      /* Tolerance: the curve updates a running sum of the classes' F1 as the
       * sweep passes each score; evaluate sums them afresh, in class order. */
      g_assert_cmpfloat_with_epsilon (curve->mean_f1[k], precis_active_evaluate (probe)->mean_f1, 1e-12);
    }
  if (curve->n_points > 0)
    {
      /* The maximum, up to the documented 1e-12 tie tolerance. */
      g_assert_cmpfloat_with_epsilon (curve->best_mean_f1, best, 1e-11);
      precis_active_set_confidence (probe, curve->best_confidence);
      /* Tolerance: as above, a fresh sum against the curve's running one. */
      g_assert_cmpfloat_with_epsilon (precis_active_evaluate (probe)->mean_f1, best, 1e-12);
    }
}

/* ------------------------------------------------------------------------ */
/* Incremental = from scratch, on every real dataset in tests/data/real. */

static void
check_dataset_sweeps (PrecisDataset *dataset,
                      const char    *name)
{
  guint n_models = precis_dataset_get_n_models (dataset);
  guint nc = precis_dataset_get_n_categories (dataset);
  guint ni = precis_dataset_get_n_images (dataset);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);

  for (guint model = 0; model < n_models; model++)
    for (guint type = 0; type < PRECIS_N_IOU_TYPES; type++)
      {
        g_autoptr(PrecisMatcher) matcher = NULL;
        g_autoptr(PrecisActive) active = NULL;
        g_autofree guint8 *classes = g_new (guint8, MAX (nc, 1));
        g_autofree guint8 *images = g_new (guint8, MAX (ni, 1));
        g_autoptr(GError) error = NULL;
        Params par = { 0.5, 0, 0, INFINITY, NULL, NULL };

        if (!precis_dataset_supports (dataset, model, type))
          continue;
        matcher = precis_matcher_new (dataset, model, type, 0, NULL, NULL, NULL, &error);
        if (matcher == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
          {
            g_test_message ("%s: %s skipped: %s", name, precis_iou_type_to_string (type), error->message);
            continue;
          }
        g_assert_no_error (error);
        g_test_message ("%s: model %u, %s", name, model, precis_iou_type_to_string (type));
        active = precis_active_new (matcher);

        /* All classes, every threshold up and down, naive check at each. */
        sweep (matcher, active, &par, 1);
        random_walk (matcher, rand);
        check_f1_curve (matcher, 0.5);
        check_f1_curve (matcher, 0.8);

        /* Random class subsets, image subsets, area ranges and confidences. */
        for (guint round = 0; round < 6; round++)
          {
            for (guint c = 0; c < nc; c++)
              classes[c] = g_rand_int_range (rand, 0, 3) != 0;
            for (guint k = 0; k < ni; k++)
              images[k] = g_rand_int_range (rand, 0, 4) != 0;
            par.classes = classes;
            par.images = round >= 2 ? images : NULL;
            par.s = round >= 3 ? g_rand_double_range (rand, 0, 0.8) : 0;
            if (round >= 4)
              {
                par.a = round == 4 ? 0 : 32 * 32;
                par.b = round == 4 ? 96 * 96 : INFINITY;
              }
            apply_params (active, &par);
            sweep (matcher, active, &par, 5);
          }
      }
}

void
test_incremental_real (void)
{
  const char *real = g_test_get_filename (G_TEST_DIST, "data", "real", NULL);
  g_autoptr(GDir) dir = g_dir_open (real, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (real, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(PrecisDataset) dataset = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      check_dataset_sweeps (dataset, name);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/* The same on small synthetic projects of every kind (`precis-cli synth`):
 * crowd GTs, all four IoU types, classes with predictions only. */
void
test_incremental_synth (void)
{
  static const char *kinds[] = { "bbox", "segm", "keypoints", "polyline" };
  const char *cli = g_getenv ("PRECIS_CLI");

  /* tests/meson.build sets PRECIS_CLI; without it the test fails, never skips. */
  g_assert_nonnull (cli);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *dir = make_temp_dir ();
      const char *argv[] = { cli, "synth", "--images", "40", "--preds-per-image", "15",
                             "--kind", kinds[k], "--seed", "7", "--quiet", "--out", dir, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (dir);
      g_autoptr(PrecisDataset) dataset = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);

      dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      check_dataset_sweeps (dataset, kinds[k]);
      g_clear_object (&dataset);
      remove_dir (dir);
    }
}

/* test-cocoeval-reference.c: protocol `coco` against a literal, slow evaluation of pycocotools' rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of test-cocoeval (test-cocoeval.c has main): evaluateImg and
 * accumulate written out as pycocotools states them, compared with the fast
 * evaluator on synthetic projects of every kind.
 */

#include "config.h"

#include <float.h>
#include <string.h>
#include <glib/gstdio.h>

#include "precis-cocoeval.h"
#include "precis-synth.h"
#include "precis-test-files.h"
#include "test-cocoeval.h"

/* ------------------------------------------------------------------------ */
/* A literal, slow evaluation to compare the fast one against */

typedef struct {
  guint    n_dt;
  double  *score;     /* n_dt, sorted, cut at the largest maxDets */
  gint64  *dtm;       /* T × n_dt: matched GT id, 0 = none */
  guint8  *dt_ig;     /* T × n_dt */
  guint    n_gt;
  guint8  *gt_ig;     /* n_gt */
} RefImg;

static int
compare_score_desc (const void *a,
                    const void *b,
                    void       *data)
{
  const double *score = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (score[x] != score[y])
    return score[x] > score[y] ? -1 : 1;
  return x < y ? -1 : (x > y);   /* stable */
}

/* pycocotools evaluateImg, transcribed step by step from its description in
 * SEMANTICS.md §4: no shortcut of the fast code is used here. */
static gboolean
ref_evaluate_img (PrecisMatcher          *matcher,
                  const PrecisCocoParams *p,
                  guint32                 img,
                  guint32                 cat,
                  guint                   a,
                  RefImg                 *out)
{
  PrecisDataset *dataset = precis_matcher_get_dataset (matcher);
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (dataset);
  const PrecisAnnotations *dt = precis_dataset_get_predictions (dataset, 0);
  guint32 gg = precis_annotations_find_group (gt, img, cat);
  guint32 dg = precis_annotations_find_group (dt, img, cat);
  guint32 g0 = gg != PRECIS_NO_INDEX ? gt->groups[gg].start : 0;
  guint32 d0 = dg != PRECIS_NO_INDEX ? dt->groups[dg].start : 0;
  guint G = gg != PRECIS_NO_INDEX ? gt->groups[gg].end - g0 : 0;
  guint ND = dg != PRECIS_NO_INDEX ? dt->groups[dg].end - d0 : 0;
  guint max_det = p->max_dets[p->n_max_dets - 1];
  guint32 table = precis_matcher_find_table (matcher, img, cat);
  const double *iou = table != PRECIS_NO_INDEX ? precis_matcher_get_table (matcher, table)->iou : NULL;
  g_autofree guint32 *dind = g_new (guint32, ND + 1);
  g_autofree guint32 *gind = g_new (guint32, G + 1);
  g_autofree guint8 *ign = g_new (guint8, G + 1);
  g_autofree guint8 *gtm = g_new (guint8, G + 1);
  guint D, n = 0;

  if (G == 0 && ND == 0)
    return FALSE;

  for (guint c = 0; c < G; c++)
    {
      guint32 g = g0 + c;
      gboolean base = gt->iscrowd[g] || (p->iou_type == PRECIS_IOU_KEYPOINTS && gt->num_keypoints[g] == 0);

      ign[c] = base || gt->area[g] < p->area_rng[a][0] || gt->area[g] > p->area_rng[a][1];
    }
  for (int pass = 0; pass < 2; pass++)
    for (guint c = 0; c < G; c++)
      if (ign[c] == pass)
        gind[n++] = c;

  for (guint i = 0; i < ND; i++)
    dind[i] = d0 + i;
  g_qsort_with_data (dind, ND, sizeof (guint32), compare_score_desc, dt->score);
  D = MIN (ND, max_det);

  out->n_dt = D;
  out->n_gt = G;
  out->score = g_new (double, D + 1);
  out->dtm = g_new0 (gint64, (gsize) p->n_iou_thrs * D + 1);
  out->dt_ig = g_new0 (guint8, (gsize) p->n_iou_thrs * D + 1);
  out->gt_ig = g_new (guint8, G + 1);
  for (guint c = 0; c < G; c++)
    out->gt_ig[c] = ign[gind[c]];
  for (guint j = 0; j < D; j++)
    out->score[j] = dt->score[dind[j]];

  for (guint t = 0; t < p->n_iou_thrs; t++)
    {
      memset (gtm, 0, G + 1);
      for (guint j = 0; j < D; j++)
        {
          double best = MIN (p->iou_thrs[t], 1 - 1e-10);
          gint m = -1;
          double area = dt->area[dind[j]];

          if (iou != NULL && G > 0)
            for (guint c = 0; c < G; c++)
              {
                double v = iou[(gsize) (dind[j] - d0) * G + gind[c]];

                if (gtm[c] && !gt->iscrowd[g0 + gind[c]])
                  continue;
                if (m > -1 && !out->gt_ig[m] && out->gt_ig[c])
                  break;
                if (v < best)
                  continue;
                best = v;
                m = (gint) c;
              }
          if (m > -1)
            {
              out->dt_ig[t * D + j] = out->gt_ig[m];
              out->dtm[t * D + j] = gt->id[g0 + gind[m]];
              gtm[m] = 1;
            }
          if (out->dtm[t * D + j] == 0 && (area < p->area_rng[a][0] || area > p->area_rng[a][1]))
            out->dt_ig[t * D + j] = 1;
        }
    }
  return TRUE;
}

static void
ref_img_clear (RefImg *r)
{
  g_free (r->score);
  g_free (r->dtm);
  g_free (r->dt_ig);
  g_free (r->gt_ig);
}

/* pycocotools accumulate for one (k, a, m), every threshold: ignored
 * detections stay in the sequence, np.searchsorted as a scan. Writes T × R
 * precision values and T recall values. */
static void
ref_accumulate (const PrecisCocoParams *p,
                RefImg                 *imgs,
                guint                   n_imgs,
                guint                   max_det,
                double                 *precision,
                double                 *recall)
{
  const guint T = p->n_iou_thrs, R = PRECIS_COCO_N_REC_THRS;
  guint n = 0, npig = 0;
  g_autofree double *score = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree guint32 *src_img = NULL;
  g_autofree guint32 *src_j = NULL;

  for (guint t = 0; t < T; t++)
    {
      recall[t] = -1;
      for (guint r = 0; r < R; r++)
        precision[t * R + r] = -1;
    }
  if (n_imgs == 0)
    return;
  for (guint i = 0; i < n_imgs; i++)
    {
      n += MIN (imgs[i].n_dt, max_det);
      for (guint c = 0; c < imgs[i].n_gt; c++)
        npig += imgs[i].gt_ig[c] == 0;
    }
  if (npig == 0)
    return;

  score = g_new (double, n + 1);
  order = g_new (guint32, n + 1);
  src_img = g_new (guint32, n + 1);
  src_j = g_new (guint32, n + 1);
  n = 0;
  for (guint i = 0; i < n_imgs; i++)
    for (guint j = 0; j < MIN (imgs[i].n_dt, max_det); j++)
      {
        score[n] = imgs[i].score[j];
        src_img[n] = i;
        src_j[n] = j;
        order[n] = n;
        n++;
      }
  g_qsort_with_data (order, n, sizeof (guint32), compare_score_desc, score);

  for (guint t = 0; t < T; t++)
    {
      g_autofree double *rc = g_new (double, n + 1);
      g_autofree double *pr = g_new (double, n + 1);
      double tp = 0, fp = 0;

      for (guint e = 0; e < n; e++)
        {
          const RefImg *im = &imgs[src_img[order[e]]];
          guint j = src_j[order[e]];
          gboolean matched = im->dtm[t * im->n_dt + j] != 0;
          gboolean ignored = im->dt_ig[t * im->n_dt + j] != 0;

          tp += matched && !ignored;
          fp += !matched && !ignored;
          rc[e] = tp / npig;
          pr[e] = tp / (fp + tp + DBL_EPSILON);
        }
      recall[t] = n > 0 ? rc[n - 1] : 0;
      for (guint e = n; e-- > 1;)
        if (pr[e] > pr[e - 1])
          pr[e - 1] = pr[e];
      for (guint r = 0; r < R; r++)
        {
          guint e = 0;

          while (e < n && rc[e] < p->rec_thrs[r])
            e++;
          if (e >= n)
            {
              for (; r < R; r++)
                precision[t * R + r] = 0;
              break;
            }
          precision[t * R + r] = pr[e];
        }
    }
}

/* The fast evaluation equals the literal one bit for bit on synthetic projects
 * of every kind (many score ties at the 0.001 floor, crowd GT, every size,
 * keypoint GT without visible keypoints) with the default maxDets and with
 * small ones (1, 4, 9; keypoints 3, 7) that cut inside most images. */
static void
check_against_reference (PrecisDataset          *dataset,
                         PrecisMatcher          *matcher,
                         const PrecisCocoParams *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisCocoEval) eval = precis_cocoeval_new (matcher, params, NULL, &error);
  const PrecisCocoParams *p;
  const double *prec, *rec;
  guint K, T, R = PRECIS_COCO_N_REC_THRS, A, M, n_images;
  g_autofree guint32 *img_order = NULL;
  g_autofree double *ref_p = NULL;
  g_autofree double *ref_r = NULL;
  guint64 mismatches = 0;

  g_assert_no_error (error);
  p = precis_cocoeval_get_params (eval);
  K = precis_cocoeval_get_n_classes (eval);
  T = p->n_iou_thrs;
  A = p->n_area_rngs;
  M = p->n_max_dets;
  prec = precis_cocoeval_get_precision (eval);
  rec = precis_cocoeval_get_recall (eval);

  /* Images by id (the synthetic ids are 1 … N, in file order). */
  n_images = precis_dataset_get_n_images (dataset);
  img_order = g_new (guint32, n_images);
  for (guint i = 0; i < n_images; i++)
    {
      img_order[i] = precis_dataset_find_image (dataset, i + 1);
      g_assert_cmpuint (img_order[i], !=, PRECIS_NO_INDEX);
    }

  ref_p = g_new (double, (gsize) T * R);
  ref_r = g_new (double, T);
  for (guint k = 0; k < K; k++)
    {
      guint32 cat = precis_cocoeval_get_class_category (eval, k);

      for (guint a = 0; a < A; a++)
        {
          g_autofree RefImg *imgs = g_new0 (RefImg, n_images);
          guint n = 0;

          for (guint i = 0; i < n_images; i++)
            if (ref_evaluate_img (matcher, p, img_order[i], cat, a, &imgs[n]))
              n++;

          for (guint m = 0; m < M; m++)
            {
              ref_accumulate (p, imgs, n, p->max_dets[m], ref_p, ref_r);
              for (guint t = 0; t < T; t++)
                {
                  if (memcmp (&ref_r[t], &rec[(((gsize) t * K + k) * A + a) * M + m], sizeof (double)) != 0)
                    mismatches++;
                  for (guint r = 0; r < R; r++)
                    if (memcmp (&ref_p[t * R + r], &prec[((((gsize) t * R + r) * K + k) * A + a) * M + m],
                                sizeof (double)) != 0)
                      mismatches++;
                }
            }
          for (guint i = 0; i < n; i++)
            ref_img_clear (&imgs[i]);
        }
    }

  g_assert_cmpuint (mismatches, ==, 0);
}

static void
reference_synth (PrecisIouType kind,
                 guint         n_images,
                 guint         k)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-cocoeval-XXXXXX", &error);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  PrecisSynthParams sp = { n_images, k, kind, 17 };
  PrecisCocoParams p;

  g_assert_no_error (error);
  folder = g_file_new_for_path (dir);
  g_assert_true (precis_synth_write (&sp, folder, NULL, NULL, &error));
  g_assert_no_error (error);
  dataset = precis_dataset_load_project (folder, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, kind, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  check_against_reference (dataset, matcher, NULL);

  precis_coco_params_init (&p, kind);
  if (kind == PRECIS_IOU_KEYPOINTS)
    {
      p.n_max_dets = 2;
      p.max_dets[0] = 3;
      p.max_dets[1] = 7;
    }
  else
    {
      p.max_dets[0] = 1;
      p.max_dets[1] = 4;
      p.max_dets[2] = 9;
    }
  check_against_reference (dataset, matcher, &p);

  {
    g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
    g_autofree char *pred = g_build_filename (dir, "predictions.json", NULL);

    g_remove (gt);
    g_remove (pred);
    g_rmdir (dir);
  }
}

void
test_reference_synth (void)
{
  reference_synth (PRECIS_IOU_BBOX, 150, 40);
  reference_synth (PRECIS_IOU_SEGM, 40, 20);
  reference_synth (PRECIS_IOU_KEYPOINTS, 60, 25);
  reference_synth (PRECIS_IOU_POLYLINE, 30, 10);
}

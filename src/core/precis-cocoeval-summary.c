/* precis-cocoeval-summary.c: protocol `coco`, pycocotools `summarize`, per-class
 * summaries, the summary text and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-cocoeval-private.h"

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

  return _precis_cocoeval_mean_valid (v, n);
}

void
_precis_cocoeval_summarize (PrecisCocoEval *self)
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

void
_precis_cocoeval_per_class_summaries (PrecisCocoEval *self)
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
      self->class_ap[k] = _precis_cocoeval_mean_valid (v, n);

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
          (which == 0 ? self->class_ap50 : self->class_ap75)[k] = _precis_cocoeval_mean_valid (v, n);
        }

      n = 0;
      for (guint t = 0; t < T; t++)
        v[n++] = self->recall[(((gsize) t * K + k) * A + a) * M + m];
      self->class_ar[k] = _precis_cocoeval_mean_valid (v, n);
    }
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

/* precis-chart-curves.c: line charts (precision-recall, F1 against confidence)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "precis-chart-private.h"
#include "precis-palette.h"

/* ------------------------------------------------------------------------ */
/* Line charts: precision-recall and F1 against confidence                    */
/* ------------------------------------------------------------------------ */


double
_precis_chart_line_value_at (PrecisChart               *self,
               const PrecisChartCategory *c,
               double                     x,
               gboolean                  *defined)
{
  *defined = FALSE;
  if (self->kind == PRECIS_CHART_PR_CURVE)
    {
      if (c->n_ranks == 0 || c->rank_envelope == NULL || x > c->rank_recall[c->n_ranks - 1])
        return 0;
      for (guint k = 0; k < c->n_ranks; k++)
        if (c->rank_recall[k] >= x)
          {
            *defined = TRUE;
            return c->rank_envelope[k];
          }
      return 0;
    }
  else
    {
      guint lo = 0, hi = c->n_f1;

      if (c->n_f1 == 0 || x > c->f1_score[0])
        return 0;
      /* The last point whose score is ≥ x (scores descend). */
      while (hi - lo > 1)
        {
          guint mid = (lo + hi) / 2;

          if (c->f1_score[mid] >= x)
            lo = mid;
          else
            hi = mid;
        }
      *defined = TRUE;
      return c->f1_value[lo];
    }
}

double
_precis_chart_class_line_metric (PrecisChart               *self,
                   const PrecisChartCategory *c,
                   double                    *where)
{
  double best = 0;

  *where = 0;
  if (self->kind == PRECIS_CHART_PR_CURVE)
    return c->ap;
  for (guint k = 0; k < c->n_f1; k++)
    if (c->f1_value[k] > best)
      {
        best = c->f1_value[k];
        *where = c->f1_score[k];
      }
  return best;
}

typedef struct {
  PrecisChart  *chart;
  const double *metric;
} MetricSort;

static int
compare_by_metric (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const MetricSort *sort = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  double va = sort->metric[ia], vb = sort->metric[ib];

  if (va != vb)
    return va > vb ? -1 : 1;
  return g_utf8_collate (sort->chart->model->classes[ia].name, sort->chart->model->classes[ib].name);
}

double
_precis_chart_line_natural_width (void)
{
  return 760;
}

#define LEGEND_WIDTH 210.0
#define LINE_LEFT (MARGIN + 48)
#define LINE_TOP (HEADER_HEIGHT + 12)

/* The square plot that fits beside the legend at the natural width. */
double
_precis_chart_line_natural_height (void)
{
  double side = _precis_chart_line_natural_width () - LINE_LEFT - MARGIN - LEGEND_WIDTH - 24;

  return LINE_TOP + side + 44 + MARGIN;
}

/* Classes by metric (in colour when few), then the mean and the best point.
 * *@each_name: the grey entry's name, which the caller frees. */
static void
fill_legend (PrecisChart  *self,
             GArray       *legend,
             const guint  *order,
             const double *metric,
             const double *where,
             char        **each_name)
{
  PrecisChartModel *m = self->model;
  const PrecisChartSummary *s = &m->summary;
  gboolean pr = self->kind == PRECIS_CHART_PR_CURVE;
  gboolean colored = m->n_classes <= MAX_COLORED_CLASSES;
  const PrecisRgba *grey = precis_palette_get (PRECIS_PALETTE_ACCENT);

  if (m->n_classes == 0)
    return;
  {
    if (colored)
      for (guint i = 0; i < m->n_classes; i++)
        {
          const PrecisChartCategory *c = &m->classes[order[i]];
          LegendEntry e = { c->name, NULL, precis_palette_get_class (order[i]), 1.0, 2.0, FALSE };
          double v = metric[order[i]];

          e.value = pr ? g_strdup_printf ("AP %.3f", v)
                       : v > 0 ? g_strdup_printf ("%.2f @ %.2f", v, where[order[i]]) : g_strdup ("0");
          g_array_append_val (legend, e);
        }
    else
      {
        LegendEntry e = { NULL, NULL, grey, 0.5, 1.0, FALSE };

        *each_name = g_strdup_printf (pr ? _("each of %u classes (envelope)") : _("each of %u classes"), m->n_classes);
        e.name = *each_name;
        g_array_append_val (legend, e);
      }
    if (m->n_classes > 1 || !colored)
      {
        LegendEntry e = { NULL, NULL, precis_palette_get (PRECIS_PALETTE_MEAN), 1.0, 3.0, FALSE };

        e.name = _("mean over classes");
        e.value = pr ? g_strdup_printf ("mAP %.3f", s->map)
                     : s->best_f1 > 0 ? g_strdup_printf ("%.2f @ %.2f", s->best_f1, s->best_confidence) : g_strdup ("0");
        g_array_append_val (legend, e);
      }
    if (!pr && s->n_f1 > 0)
      {
        LegendEntry e = { _("best mean F1"), NULL, precis_palette_get (PRECIS_PALETTE_FP), 1.0, 0, TRUE };

        g_array_append_val (legend, e);
      }
  }
}

/* Grid, axes, ticks and axis titles of the unit square. */
static void
draw_line_axes (Painter    *p,
                const Box  *plot,
                gboolean    pr,
                const char *t)
{
  Ticks ticks;

  _precis_chart_ticks_compute (&ticks, 1.0, plot->width >= 400 ? 10 : 5, FALSE);
  cairo_save (p->cr);
  for (guint i = 0; i <= ticks.n; i++)
    {
      double f = (double) i / ticks.n;
      g_autofree char *label = _precis_chart_ticks_label (&ticks, i);

      precis_palette_set_role (p->cr, i == 0 ? PRECIS_PALETTE_AXIS : PRECIS_PALETTE_GRID, 1.0);
      _precis_chart_vline (p, PX (f), plot->y, plot->y + plot->height + (i == 0 ? 4 : 0), 1);
      _precis_chart_hline (p, plot->x - (i == 0 ? 4 : 0), plot->x + plot->width, PY (f), 1);
      p->role = PRECIS_CHART_TEXT_TICK;
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, PX (f), plot->y + plot->height + 6, 0.5, 0);
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, plot->x - 7, PY (f), 1, 0.5);
    }
  cairo_restore (p->cr);
  {
    g_autofree char *xt = pr ? g_strdup_printf (_("Recall at IoU ≥ %s"), t) : g_strdup (_("Confidence threshold s"));
    g_autofree char *yt = pr ? g_strdup_printf (_("Precision at IoU ≥ %s"), t) : g_strdup_printf (_("F1 at IoU ≥ %s"), t);
    g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_BODY, yt, FALSE, -1);

    p->role = PRECIS_CHART_TEXT_AXIS_TITLE;
    _precis_chart_text_show (p, FONT_BODY, PRECIS_PALETTE_TEXT, xt, plot->x + plot->width / 2, plot->y + plot->height + 24, 0.5, 0);
    cairo_save (p->cr);
    cairo_translate (p->cr, MARGIN - 2, plot->y + plot->height / 2);
    cairo_rotate (p->cr, -G_PI / 2);
    precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
    p->role = PRECIS_CHART_TEXT_AXIS_TITLE;
    _precis_chart_text_draw (p, l, 0, 0, 0.5, 0);
    cairo_restore (p->cr);
  }
}

/* iso-F1 contours: P = f R / (2R − f), from R = f / (2 − f) (P = 1) to R = 1. */
static void
draw_iso_f1 (Painter   *p,
             const Box *plot)
{
  cairo_save (p->cr);
  cairo_rectangle (p->cr, plot->x, plot->y, plot->width, plot->height);
  cairo_clip (p->cr);
  for (guint i = 1; i <= 4; i++)
    {
      double f = 0.2 * i, r0 = f / (2 - f);
      g_autofree char *label = g_strdup_printf ("F1 %.1f", f);

      for (guint k = 0; k <= 64; k++)
        {
          double r = r0 + (1 - r0) * k / 64.0;
          double prec = f * r / (2 * r - f);

          if (k == 0)
            cairo_move_to (p->cr, PX (r), PY (prec));
          else
            cairo_line_to (p->cr, PX (r), PY (prec));
        }
      precis_palette_set_role (p->cr, PRECIS_PALETTE_GRID, 1.0);
      cairo_set_line_width (p->cr, 1.0);
      {
        double dash[] = { 1.5, 2.5 };

        cairo_set_dash (p->cr, dash, 2, 0);
        precis_palette_set_role (p->cr, PRECIS_PALETTE_AXIS, 0.55);
        cairo_stroke (p->cr);
        cairo_set_dash (p->cr, NULL, 0, 0);
      }
      {
        g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_SMALL, label, FALSE, -1);
        double tw, th;

        /* On a knock-out, above where the contour meets the right edge. */
        _precis_chart_text_size (l, &tw, &th);
        precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.85);
        cairo_rectangle (p->cr, PX (1) - 4 - tw, PY (f / (2 - f)) - 3 - th, tw + 2, th);
        cairo_fill (p->cr);
        precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT_DIM, 1.0);
        p->role = PRECIS_CHART_TEXT_ANNOTATION;
        _precis_chart_text_draw (p, l, PX (1) - 3, PY (f / (2 - f)) - 3, 1, 1);
      }
    }
  cairo_restore (p->cr);
}

/* The class curves, the worst first so that the best lie on top, and the mean. */
static void
draw_class_curves (PrecisChart *self,
                   Painter     *p,
                   const Box   *plot,
                   const guint *order,
                   gboolean     colored)
{
  PrecisChartModel *m = self->model;
  const PrecisChartSummary *s = &m->summary;
  gboolean pr = self->kind == PRECIS_CHART_PR_CURVE;
  /* Many classes: the accent blue, faint, so that the curves read as data
   * and not as grid lines. */
  const PrecisRgba *grey = precis_palette_get (PRECIS_PALETTE_ACCENT);
  HairMask hair = { 0 };
  cairo_surface_t *hair_surface = NULL;

  cairo_save (p->cr);
  cairo_rectangle (p->cr, plot->x - 3, plot->y - 3, plot->width + 6, plot->height + 6);
  cairo_clip (p->cr);
  cairo_set_line_join (p->cr, colored ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL);

  /* Classes: the worst first, so the best lie on top. Grey curves are
   * drawn opaque into a group painted translucent once: far cheaper than
   * 80 translucent strokes, and crossings do not darken into blots. */
  if (!colored)
    {
      hair.ox = floor ((plot->x - 3) * p->scale) / p->scale;
      hair.oy = floor ((plot->y - 3) * p->scale) / p->scale;
      hair.scale = p->scale;
      hair.width = (int) ceil ((plot->width + 6) * p->scale) + 2;
      hair.height = (int) ceil ((plot->height + 6) * p->scale) + 2;
      hair_surface = cairo_image_surface_create (CAIRO_FORMAT_A8, hair.width, hair.height);
      cairo_surface_flush (hair_surface);
      hair.data = cairo_image_surface_get_data (hair_surface);
      hair.stride = cairo_image_surface_get_stride (hair_surface);
      p->hair = hair.data != NULL ? &hair : NULL;
    }
  for (guint j = m->n_classes; j > 0; j--)
    {
      guint i = order[j - 1];
      const PrecisChartCategory *c = &m->classes[i];
      const PrecisRgba *color = colored ? precis_palette_get_class (i) : grey;

      if (pr && colored)
        {
          precis_palette_set_source (p->cr, color, 0.4);
          _precis_chart_pr_points (p, plot, c);
        }
      if (pr)
        {
          if (colored)
            _precis_chart_pr_path (p, plot, c);
          else
            _precis_chart_pr_path_resampled (p, plot, c);
        }
      else if (colored)
        _precis_chart_f1_path (p, plot, c->n_f1, c->f1_score, c->f1_value);
      else
        _precis_chart_f1_path_resampled (p, plot, c->n_f1, c->f1_score, c->f1_value);
      if (p->hair != NULL)
        continue;
      precis_palette_set_source (p->cr, color, colored ? 1.0 : 0.35);
      cairo_set_line_width (p->cr, colored ? 2.0 : 1.0);
      cairo_stroke (p->cr);
    }
  if (hair_surface != NULL)
    {
      p->hair = NULL;
      cairo_surface_mark_dirty (hair_surface);
      cairo_surface_set_device_scale (hair_surface, p->scale, p->scale);
      precis_palette_set_source (p->cr, grey, 0.35);
      cairo_mask_surface (p->cr, hair_surface, hair.ox, hair.oy);
      cairo_surface_destroy (hair_surface);
    }

  /* The mean. */
  if (m->n_classes > 1 || !colored)
    {
      if (pr)
        {
          for (guint i = 0; i < N_POINTS; i++)
            {
              if (i == 0)
                cairo_move_to (p->cr, PX (_precis_chart_recall_point (i)), PY (m->mean_101[i]));
              else
                cairo_line_to (p->cr, PX (_precis_chart_recall_point (i)), PY (m->mean_101[i]));
            }
        }
      else
        _precis_chart_f1_path (p, plot, s->n_f1, s->f1_score, s->f1_mean);
      precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.9);
      cairo_set_line_width (p->cr, 5.0);
      cairo_stroke_preserve (p->cr);
      precis_palette_set_role (p->cr, PRECIS_PALETTE_MEAN, 1.0);
      cairo_set_line_width (p->cr, 2.75);
      cairo_stroke (p->cr);
    }
  cairo_restore (p->cr);
}

/* The best operating point of the mean F1 curve, labelled. */
static void
draw_best_point (Painter                  *p,
                 const Box                *plot,
                 const PrecisChartSummary *s)
{
  double x = PX (s->best_confidence), y = PY (s->best_f1);
  double dash[] = { 3, 3 };
  g_autofree char *label = g_strdup_printf (_("best mean F1 %.3f at s = %.2f"), s->best_f1, s->best_confidence);
  g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_SMALL, label, FALSE, -1);
  double tw, th, lx, ly;

  cairo_save (p->cr);
  cairo_set_dash (p->cr, dash, 2, 0);
  precis_palette_set_role (p->cr, PRECIS_PALETTE_FP, 0.8);
  _precis_chart_vline (p, x, y, plot->y + plot->height, 1);
  cairo_restore (p->cr);

  cairo_arc (p->cr, x, y, 5, 0, 2 * G_PI);
  precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 1.0);
  cairo_set_line_width (p->cr, 2.0);
  cairo_stroke_preserve (p->cr);
  precis_palette_set_role (p->cr, PRECIS_PALETTE_FP, 1.0);
  cairo_fill (p->cr);

  _precis_chart_text_size (l, &tw, &th);
  lx = x + 9 + tw <= plot->x + plot->width ? x + 9 : x - 9 - tw - 6;
  ly = y - th - 10 >= plot->y ? y - th - 10 : y + 8;
  precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.9);
  _precis_chart_round_rect (p->cr, lx, ly, tw + 6, th + 2, 3);
  cairo_fill (p->cr);
  precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
  p->role = PRECIS_CHART_TEXT_ANNOTATION;
  _precis_chart_text_draw (p, l, lx + 3, ly + 1, 0, 0);
}

void
_precis_chart_draw_lines (PrecisChart *self,
            Painter     *p,
            double       width,
            double       height)
{
  PrecisChartModel *m = self->model;
  const PrecisChartSummary *s = &m->summary;
  gboolean pr = self->kind == PRECIS_CHART_PR_CURVE;
  gboolean colored = m->n_classes <= MAX_COLORED_CLASSES;
  g_autoptr(GArray) legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_autofree guint *order = g_new (guint, MAX (m->n_classes, 1));
  g_autofree char *t = _precis_chart_format_threshold (s->threshold);
  g_autofree char *each_name = NULL;
  g_autofree double *metric = NULL;
  g_autofree double *where = NULL;
  double legend_w = LEGEND_WIDTH, left = LINE_LEFT, top = LINE_TOP + self->header_extra;
  double avail_w, avail_h, side;
  gboolean legend_right;
  Box box, *plot = &box;

  g_array_set_clear_func (legend, (GDestroyNotify) _precis_chart_legend_entry_clear);
  g_array_set_size (self->rows, 0);

  /* Each class's AP (PR) or best F1 and where, computed once: sorting must not
   * walk 500 000 points per comparison. */
  metric = g_new (double, MAX (m->n_classes, 1));
  where = g_new (double, MAX (m->n_classes, 1));
  for (guint i = 0; i < m->n_classes; i++)
    {
      order[i] = i;
      metric[i] = _precis_chart_class_line_metric (self, &m->classes[i], &where[i]);
    }
  {
    MetricSort sort = { self, metric };

    g_qsort_with_data (order, m->n_classes, sizeof (guint), compare_by_metric, &sort);
  }

  fill_legend (self, legend, order, metric, where, &each_name);

  /* A square plot, the legend beside it when there is room, else below. */
  avail_w = width - left - MARGIN;
  avail_h = height - top - 44 - MARGIN;
  /* Whichever placement leaves the larger plot; beside, the legend may
   * narrow to 150 px (names ellipsize). */
  {
    double below_h = avail_h - (legend->len * 19 + 12 + (pr ? 0 : 15) + 10);
    double side_below = MIN (avail_w, below_h);
    double right_w = CLAMP (avail_w - avail_h - 24, 150, legend_w);
    double side_right = MIN (avail_w - right_w - 24, avail_h);

    legend_right = legend->len == 0 || side_right >= side_below;
    legend_w = right_w;
    side = legend_right ? side_right : side_below;
  }
  side = MAX (side, 60);
  box.x = left;
  box.y = top;
  box.width = side;
  box.height = side;
  self->plot = box;
  self->x_max = 1;
  self->y_max = 1;

  draw_line_axes (p, plot, pr, t);

  if (pr)
    draw_iso_f1 (p, plot);

  if (m->n_classes == 0)
    _precis_chart_draw_message (p, plot, _("Nothing to show"),
                  _("The selected classes have no ground truth and no predictions in this subset."));
  else if (m->n_ranks == 0)
    _precis_chart_draw_message (p, plot, _("No predictions"),
                  pr ? _("There is nothing to rank, so there is no curve: every ground-truth object is a false negative.")
                     : _("There is no confidence to threshold: F1 is 0."));
  else if (m->n_gt == 0)
    _precis_chart_draw_message (p, plot, _("No ground truth"),
                  pr ? _("Recall is undefined without ground-truth objects: every prediction is a false positive.")
                     : _("Without ground-truth objects every prediction is a false positive: F1 is 0."));
  else
    {
      draw_class_curves (self, p, plot, order, colored);

      if (!pr && s->n_f1 > 0)
        draw_best_point (p, plot, s);
      self->curves_hit = TRUE;
    }

  if (legend->len > 0)
    {
      const char *header = pr ? NULL : _("best F1 @ confidence");

      if (legend_right)
        _precis_chart_draw_legend (p, legend, header, plot->x + plot->width + 24, plot->y, MIN (legend_w, width - plot->x - plot->width - 24 - MARGIN));
      else
        _precis_chart_draw_legend (p, legend, header, plot->x, plot->y + plot->height + 44, MIN (avail_w, 320));
    }

  self->have_geometry = TRUE;
}

static double
curves_natural_width (PrecisChart *self)
{
  return _precis_chart_line_natural_width ();
}

static double
curves_natural_height (PrecisChart *self)
{
  return _precis_chart_line_natural_height ();
}

/* The nearest class curve within HIT_SLOP pixels. */
static gboolean
curves_hit_test (PrecisChart *self,
                 double       x,
                 double       y,
                 guint       *class_index,
                 double      *value)
{
  const Box *plot = &self->plot;

  if (!self->curves_hit || x < plot->x - HIT_SLOP || x > plot->x + plot->width + HIT_SLOP)
    return FALSE;
  {
    double fx = CLAMP ((x - plot->x) / plot->width, 0, 1);
    double best = HIT_SLOP, best_value = 0;
    guint best_class = G_MAXUINT;

    for (guint i = 0; i < self->model->n_classes; i++)
      {
        gboolean defined;
        double v = _precis_chart_line_value_at (self, &self->model->classes[i], fx, &defined);
        double d = fabs (plot->y + plot->height * (1 - v) - y);

        if (defined && d <= best)
          {
            best = d;
            best_value = v;
            best_class = i;
          }
      }
    if (best_class == G_MAXUINT)
      return FALSE;
    if (class_index)
      *class_index = best_class;
    if (value)
      *value = best_value;
    return TRUE;
  }
}

/* F1 at confidence threshold @s of a descending step curve. */
static double
step_at (guint         n,
         const double *score,
         const double *f1,
         double        s)
{
  double v = 0;

  for (guint k = 0; k < n && score[k] >= s; k++)
    v = f1[k];
  return v;
}


static void
add_points (JsonBuilder  *b,
            const char   *name,
            const double *v)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < N_POINTS; i++)
    json_builder_add_double_value (b, v[i]);
  json_builder_end_array (b);
}

/* @n steps (@score, @f1) sampled at the 101 confidences 0, 0.01, … 1. */
static void
sample_steps (guint         n,
              const double *score,
              const double *f1,
              double        out[N_POINTS])
{
  for (guint i = 0; i < N_POINTS; i++)
    out[i] = step_at (n, score, f1, _precis_chart_recall_point (i));
}

/* PR: the curves sampled at the 101 recall points; F1: at the 101
 * confidences 0, 0.01, … 1. */
static void
curves_plotted_json (PrecisChart *self,
                     JsonBuilder *b)
{
  PrecisChartModel *m = self->model;
  const PrecisChartSummary *s = &m->summary;
  gboolean pr = self->kind == PRECIS_CHART_PR_CURVE;
  double points[N_POINTS], v[N_POINTS];

  for (guint i = 0; i < N_POINTS; i++)
    points[i] = _precis_chart_recall_point (i);
  if (!pr)
    {
      json_builder_set_member_name (b, "best_confidence");
      json_builder_add_double_value (b, s->best_confidence);
      json_builder_set_member_name (b, "best_mean_F1");
      json_builder_add_double_value (b, s->best_f1);
    }
  add_points (b, pr ? "recall" : "confidence", points);
  if (pr)
    add_points (b, "mean_precision", m->mean_101);
  else
    {
      sample_steps (s->n_f1, s->f1_score, s->f1_mean, v);
      add_points (b, "mean_F1", v);
    }
  json_builder_set_member_name (b, "curves");
  json_builder_begin_array (b);
  for (guint c = 0; c < m->n_classes; c++)
    {
      const PrecisChartCategory *k = &m->classes[c];

      json_builder_begin_object (b);
      _precis_chart_add_category (b, k);
      if (pr)
        {
          json_builder_set_member_name (b, "AP");
          json_builder_add_double_value (b, k->ap);
          add_points (b, "precision", k->precision_101);
        }
      else
        {
          double where, best = _precis_chart_class_line_metric (self, k, &where);

          json_builder_set_member_name (b, "best_F1");
          json_builder_add_double_value (b, best);
          json_builder_set_member_name (b, "best_confidence");
          json_builder_add_double_value (b, where);
          sample_steps (k->n_f1, k->f1_score, k->f1_value, v);
          add_points (b, "F1", v);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

const PrecisChartFamily _precis_chart_curves_family = {
  curves_natural_width,
  curves_natural_height,
  _precis_chart_draw_lines,
  curves_hit_test,
  curves_plotted_json,
};

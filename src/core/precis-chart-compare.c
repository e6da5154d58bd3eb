/* precis-chart-compare.c: several models on one chart (issue 12): overlaid
 * mean PR curves, overlaid mean-F1-against-confidence curves, per-class ΔAP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "precis-chart-private.h"

#define COMPARE_KEY "precis-chart-compare"
#define LEGEND_W 190.0
#define DELTA_NAME_W 130.0

typedef struct {
  guint              n_models;
  guint              baseline;
  PrecisChartModel **models;
  double            *delta;    /* per class of the host model: Δ AP@t of @shown_model */
  guint              shown_model;
  PrecisChartModel  *host;     /* not a reference: the model this data belongs to */
} CompareData;

static void
compare_data_free (gpointer data)
{
  CompareData *d = data;

  for (guint m = 0; m < d->n_models; m++)
    if (d->models[m] != d->host)
      g_object_unref (d->models[m]);
  g_free (d->models);
  g_free (d->delta);
  g_free (d);
}

/**
 * precis_chart_model_set_compare:
 * @self: the model whose classes the ΔAP chart lists
 * @models: (array length=n_models): one chart model per compared model (with
 *   %PRECIS_CHART_MODEL_RANKS and %PRECIS_CHART_MODEL_F1)
 * @n_models: at least 1
 * @baseline: the index of the baseline in @models
 * @shown_model: the model whose ΔAP against the baseline is drawn
 * @class_delta: (array): ΔAP@t of @shown_model per class of @self
 *   (precis_compare_get_class_ap_delta())
 *
 * Gives @self what the comparison charts draw.
 */
void
precis_chart_model_set_compare (PrecisChartModel        *self,
                                PrecisChartModel *const *models,
                                guint                    n_models,
                                guint                    baseline,
                                guint                    shown_model,
                                const double            *class_delta)
{
  CompareData *d;

  g_return_if_fail (PRECIS_IS_CHART_MODEL (self));
  g_return_if_fail (n_models > 0 && baseline < n_models && shown_model < n_models);

  d = g_new0 (CompareData, 1);
  d->n_models = n_models;
  d->baseline = baseline;
  d->shown_model = shown_model;
  d->models = g_new0 (PrecisChartModel *, n_models);
  /* The host is usually one of @models: it holds no reference to itself,
   * which would keep it alive for ever. */
  d->host = self;
  for (guint m = 0; m < n_models; m++)
    d->models[m] = models[m] == self ? self : g_object_ref (models[m]);
  d->delta = g_memdup2 (class_delta, sizeof (double) * MAX (self->n_classes, 1));
  g_object_set_data_full (G_OBJECT (self), COMPARE_KEY, d, compare_data_free);
}

static const CompareData *
compare_data (PrecisChart *self)
{
  return g_object_get_data (G_OBJECT (self->model), COMPARE_KEY);
}

char *
_precis_chart_compare_caption (PrecisChart *self)
{
  const CompareData *d = compare_data (self);

  if (d == NULL)
    return NULL;
  if (self->kind == PRECIS_CHART_COMPARE_DELTA)
    return g_markup_printf_escaped (_("ΔAP@%.2f of <b>%s</b> against the baseline <b>%s</b>, per class"),
                                    self->model->summary.threshold,
                                    d->models[d->shown_model]->summary.model,
                                    d->models[d->baseline]->summary.model);
  return g_markup_printf_escaped (_("%u models · baseline <b>%s</b>"), d->n_models,
                                  d->models[d->baseline]->summary.model);
}

static double
compare_natural_width (PrecisChart *self)
{
  return self->kind == PRECIS_CHART_COMPARE_DELTA ? 640 : 720;
}

static double
compare_natural_height (PrecisChart *self)
{
  if (self->kind == PRECIS_CHART_COMPARE_DELTA)
    return HEADER_HEIGHT + 10 + MAX (self->model->n_classes, 1) * ROW_NATURAL + 50 + MARGIN;
  return HEADER_HEIGHT + 440;
}

/* Axes from 0 to 1 on both sides, with titles. */
static void
draw_unit_axes (Painter    *p,
                const Box  *plot,
                const char *x_title,
                const char *y_title)
{
  for (guint i = 0; i <= 5; i++)
    {
      g_autofree char *label = g_strdup_printf ("%.1f", i / 5.0);

      precis_palette_set_role (p->cr, PRECIS_PALETTE_GRID, 1.0);
      _precis_chart_vline (p, PX (i / 5.0), plot->y, plot->y + plot->height, 1);
      _precis_chart_hline (p, plot->x, plot->x + plot->width, PY (i / 5.0), 1);
      p->role = PRECIS_CHART_TEXT_TICK;
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, PX (i / 5.0), plot->y + plot->height + 4, 0.5, 0);
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, plot->x - 5, PY (i / 5.0), 1, 0.5);
    }
  p->role = PRECIS_CHART_TEXT_AXIS_TITLE;
  _precis_chart_text_show (p, FONT_LABEL, PRECIS_PALETTE_TEXT_DIM, x_title,
                           plot->x + plot->width / 2, plot->y + plot->height + 20, 0.5, 0);
  _precis_chart_text_show (p, FONT_LABEL, PRECIS_PALETTE_TEXT_DIM, y_title, plot->x, plot->y - 18, 0, 0);
}

static void
draw_curves (PrecisChart       *self,
             Painter           *p,
             const CompareData *d,
             double             width,
             double             height)
{
  gboolean pr = self->kind == PRECIS_CHART_COMPARE_PR;
  double top = HEADER_HEIGHT + self->header_extra;
  g_autoptr(GArray) legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  Box *plot = &self->plot;

  g_array_set_clear_func (legend, (GDestroyNotify) _precis_chart_legend_entry_clear);
  plot->x = MARGIN + 34;
  plot->y = top + 24;
  plot->width = MAX (60, width - plot->x - MARGIN - LEGEND_W - 16);
  plot->height = MAX (60, height - plot->y - 44 - MARGIN);
  draw_unit_axes (p, plot, pr ? _("recall") : _("confidence threshold"),
                  pr ? _("mean precision") : _("mean F1"));

  cairo_save (p->cr);
  cairo_rectangle (p->cr, plot->x - 2, plot->y - 2, plot->width + 4, plot->height + 4);
  cairo_clip (p->cr);
  for (guint m = 0; m < d->n_models; m++)
    {
      PrecisChartModel *model = d->models[m];
      const PrecisChartSummary *s = &model->summary;

      precis_palette_set_source (p->cr, precis_palette_get_class (m), 1.0);
      cairo_set_line_width (p->cr, m == d->baseline ? 2.5 : 1.8);
      if (pr)
        for (guint i = 0; i < N_POINTS; i++)
          {
            double x = PX (_precis_chart_recall_point (i)), y = PY (model->mean_101[i]);

            if (i == 0)
              cairo_move_to (p->cr, x, y);
            else
              cairo_line_to (p->cr, x, y);
          }
      else if (s->n_f1 > 0)
        _precis_chart_f1_path (p, plot, s->n_f1, s->f1_score, s->f1_mean);
      cairo_stroke (p->cr);
    }
  cairo_restore (p->cr);

  for (guint m = 0; m < d->n_models; m++)
    {
      const PrecisChartSummary *s = &d->models[m]->summary;
      LegendEntry e = { .name = s->model, .color = precis_palette_get_class (m), .alpha = 1.0,
                        .line_width = m == d->baseline ? 2.5 : 1.8 };

      e.value = g_strdup_printf ("%.3f", pr ? s->map : s->best_f1);
      g_array_append_val (legend, e);
    }
  _precis_chart_draw_legend (p, legend, pr ? _("mAP") : _("best mean F1"),
                             width - MARGIN - LEGEND_W, plot->y, LEGEND_W);
}

static int
compare_delta (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const CompareData *d = user_data;
  double va = d->delta[*(const guint *) a], vb = d->delta[*(const guint *) b];

  if (va != vb)
    return va > vb ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* The classes by Δ, largest first. */
static guint *
delta_order (PrecisChart       *self,
             const CompareData *d)
{
  guint n = self->model->n_classes;
  guint *order = g_new0 (guint, MAX (n, 1));

  for (guint k = 0; k < n; k++)
    order[k] = k;
  g_qsort_with_data (order, n, sizeof (guint), compare_delta, (gpointer) d);
  return order;
}

static void
draw_delta (PrecisChart       *self,
            Painter           *p,
            const CompareData *d,
            double             width,
            double             height)
{
  guint n = self->model->n_classes;
  g_autofree guint *order = delta_order (self, d);
  double top = HEADER_HEIGHT + self->header_extra, max = 0, row_h, cx;
  Box *plot = &self->plot;

  for (guint k = 0; k < n; k++)
    max = MAX (max, fabs (d->delta[k]));
  max = max > 0 ? max * 1.15 : 0.1;
  plot->x = MARGIN + DELTA_NAME_W;
  plot->y = top + 10;
  plot->width = MAX (60, width - plot->x - MARGIN - 10);
  plot->height = MAX (20, height - plot->y - 40 - MARGIN);
  row_h = plot->height / MAX (n, 1);
  cx = plot->x + plot->width / 2;
  self->x_max = max;

  precis_palette_set_role (p->cr, PRECIS_PALETTE_AXIS, 1.0);
  _precis_chart_vline (p, cx, plot->y, plot->y + plot->height, 1);
  for (int i = -2; i <= 2; i++)
    {
      g_autofree char *label = g_strdup_printf ("%+.2f", max * i / 2.0);

      p->role = PRECIS_CHART_TEXT_TICK;
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, i == 0 ? "0" : label,
                               cx + plot->width / 2 * i / 2.0, plot->y + plot->height + 4, 0.5, 0);
    }
  p->role = PRECIS_CHART_TEXT_AXIS_TITLE;
  _precis_chart_text_show (p, FONT_LABEL, PRECIS_PALETTE_TEXT_DIM, _("ΔAP (model − baseline)"),
                           cx, plot->y + plot->height + 20, 0.5, 0);
  g_array_set_size (self->rows, 0);
  for (guint i = 0; i < n; i++)
    {
      guint k = order[i];
      double v = d->delta[k], y = plot->y + i * row_h, len = plot->width / 2 * v / max;
      Row row = { .klass = k, .y0 = y + 0.15 * row_h, .y1 = y + 0.85 * row_h, .value = v };
      g_autoptr(PangoLayout) name = _precis_chart_text_new (p, FONT_LABEL, self->model->classes[k].name, FALSE, DELTA_NAME_W - 8);
      g_autofree char *value = g_strdup_printf ("%+.3f", v);

      g_array_append_val (self->rows, row);
      precis_palette_set_role (p->cr, v >= 0 ? PRECIS_PALETTE_TP : PRECIS_PALETTE_FP, 1.0);
      _precis_chart_rect_fill (p, MIN (cx, cx + len), row.y0, MAX (cx, cx + len), row.y1);
      precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
      p->role = PRECIS_CHART_TEXT_CLASS;
      _precis_chart_text_draw (p, name, plot->x - 8, y + row_h / 2, 1, 0.5);
      p->role = PRECIS_CHART_TEXT_VALUE;
      _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, value,
                               v >= 0 ? cx - 4 : cx + 4, y + row_h / 2, v >= 0 ? 1 : 0, 0.5);
    }
}

static void
compare_draw (PrecisChart *self,
              Painter     *p,
              double       width,
              double       height)
{
  const CompareData *d = compare_data (self);

  g_array_set_size (self->rows, 0);
  if (d == NULL)
    {
      double top = HEADER_HEIGHT + self->header_extra;
      Box box = { MARGIN, top, width - 2 * MARGIN, height - top - MARGIN };

      _precis_chart_draw_message (p, &box, _("No comparison"),
                                  _("This chart needs the evaluations of several models."));
      return;
    }
  if (self->kind == PRECIS_CHART_COMPARE_DELTA)
    draw_delta (self, p, d, width, height);
  else
    draw_curves (self, p, d, width, height);
  self->have_geometry = TRUE;
}

/* ΔAP bars: the class of the row and its Δ; curves: the model (index into
 * the compared models) whose curve passes within 8 px, and its value there. */
static gboolean
compare_hit_test (PrecisChart *self,
                  double       x,
                  double       y,
                  guint       *class_index,
                  double      *value)
{
  const CompareData *d = compare_data (self);
  const Box *plot = &self->plot;
  double best = HIT_SLOP;
  gboolean found = FALSE;

  if (d == NULL)
    return FALSE;
  if (self->kind == PRECIS_CHART_COMPARE_DELTA)
    {
      for (guint i = 0; i < self->rows->len; i++)
        {
          const Row *row = &g_array_index (self->rows, Row, i);

          if (y >= row->y0 && y < row->y1 && x >= MARGIN && x <= plot->x + plot->width)
            {
              if (class_index)
                *class_index = row->klass;
              if (value)
                *value = row->value;
              return TRUE;
            }
        }
      return FALSE;
    }
  if (x < plot->x || x > plot->x + plot->width)
    return FALSE;
  for (guint m = 0; m < d->n_models; m++)
    {
      PrecisChartModel *model = d->models[m];
      double u = (x - plot->x) / plot->width, v;

      if (self->kind == PRECIS_CHART_COMPARE_PR)
        v = model->mean_101[(guint) round (CLAMP (u, 0, 1) * (N_POINTS - 1))];
      else
        {
          const PrecisChartSummary *s = &model->summary;

          v = 0;
          for (guint i = 0; i < s->n_f1; i++)
            if (s->f1_score[i] >= u)
              v = s->f1_mean[i];
        }
      if (fabs (PY (v) - y) <= best)
        {
          best = fabs (PY (v) - y);
          found = TRUE;
          if (class_index)
            *class_index = m;
          if (value)
            *value = v;
        }
    }
  return found;
}

static void
compare_plotted_json (PrecisChart *self,
                      JsonBuilder *b)
{
  const CompareData *d = compare_data (self);
  g_autofree guint *order = NULL;

  if (d == NULL)
    return;
  json_builder_set_member_name (b, "baseline");
  json_builder_add_string_value (b, d->models[d->baseline]->summary.model);
  json_builder_set_member_name (b, "models");
  json_builder_begin_array (b);
  for (guint m = 0; m < d->n_models; m++)
    {
      const PrecisChartSummary *s = &d->models[m]->summary;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, s->model);
      json_builder_set_member_name (b, "mAP");
      json_builder_add_double_value (b, s->map);
      json_builder_set_member_name (b, "best_mean_F1");
      json_builder_add_double_value (b, s->best_f1);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (self->kind != PRECIS_CHART_COMPARE_DELTA)
    return;
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, d->models[d->shown_model]->summary.model);
  json_builder_set_member_name (b, "delta_AP");
  json_builder_begin_array (b);
  order = delta_order (self, d);
  for (guint i = 0; i < self->model->n_classes; i++)
    {
      json_builder_begin_object (b);
      _precis_chart_add_category (b, &self->model->classes[order[i]]);
      json_builder_set_member_name (b, "delta");
      json_builder_add_double_value (b, d->delta[order[i]]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

const PrecisChartFamily _precis_chart_compare_family = {
  compare_natural_width,
  compare_natural_height,
  compare_draw,
  compare_hit_test,
  compare_plotted_json,
};

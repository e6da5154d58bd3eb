/* precis-chart-bars.c: bar charts (performance, precision, recall, outcomes)
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
/* Bar charts                                                                */
/* ------------------------------------------------------------------------ */

double
_precis_chart_bar_value (PrecisChart            *self,
           const PrecisChartCategory *c)
{
  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return c->ap;
    case PRECIS_CHART_PRECISION:
      return c->precision;
    case PRECIS_CHART_RECALL:
      return c->recall;
    case PRECIS_CHART_OUTCOMES:
      return (double) c->tp + c->fn + c->fp;
    case PRECIS_CHART_PR_CURVE:
    case PRECIS_CHART_F1_CONFIDENCE:
    case PRECIS_N_CHART_KINDS:
    default:
      return 0;
    }
}

int
_precis_chart_compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  PrecisChart *self = user_data;
  const PrecisChartCategory *ca = &self->model->classes[*(const guint *) a];
  const PrecisChartCategory *cb = &self->model->classes[*(const guint *) b];
  double va = _precis_chart_bar_value (self, ca), vb = _precis_chart_bar_value (self, cb);
  int cmp;

  if (va != vb)
    return va > vb ? -1 : 1;
  cmp = g_utf8_collate (ca->name, cb->name);
  if (cmp != 0)
    return cmp;
  return ca->id < cb->id ? -1 : ca->id > cb->id;
}

static const char *
axis_title (PrecisChart *self,
            char       **owned)
{
  g_autofree char *t = _precis_chart_format_threshold (self->model->summary.threshold);

  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return *owned = g_strdup_printf (_("AP@%s (101-point interpolated)"), t);
    case PRECIS_CHART_PRECISION:
      return *owned = g_strdup_printf (_("Precision at IoU ≥ %s"), t);
    case PRECIS_CHART_RECALL:
      return *owned = g_strdup_printf (_("Recall at IoU ≥ %s"), t);
    case PRECIS_CHART_OUTCOMES:
      return *owned = g_strdup (_("Objects (TP + FN = ground truth; FP = extra predictions)"));
    case PRECIS_CHART_PR_CURVE:
    case PRECIS_CHART_F1_CONFIDENCE:
    case PRECIS_N_CHART_KINDS:
    default:
      return *owned = g_strdup ("");
    }
}

/* Why a class's bar is 0 by definition rather than by performance. */
static const char *
bar_note (PrecisChart            *self,
          const PrecisChartCategory *c)
{
  if (self->kind == PRECIS_CHART_OUTCOMES)
    return NULL;
  if (c->n_gt == 0 && self->kind != PRECIS_CHART_PRECISION)
    return _("no ground truth");
  if (c->tp + c->fp == 0 && self->kind != PRECIS_CHART_RECALL)
    return _("no predictions");
  return NULL;
}

double
_precis_chart_bars_natural_height (PrecisChartModel *model)
{
  guint n = MAX (model->n_classes, 3);

  return HEADER_HEIGHT + 8 + REF_BAND + n * ROW_NATURAL + 10 + 44 + (n > 30 ? 18 : 0) + MARGIN;
}

/* Where everything of a bar chart goes. */
typedef struct {
  gboolean  outcomes;
  guint     n;          /* classes */
  guint    *order;      /* classes, best first */
  guint     n_rows;     /* drawn rows, the summary row included */
  guint     n_top;      /* rows above the summary row */
  guint     n_hidden;   /* classes in the summary row, or 0 */
  gboolean  ticks_on_top;
  double    row_h, bar_h, label_w, value_w;
  Box       plot;
  Ticks     ticks;
  double    ref;        /* the reference line's value, or -1 */
  const char *ref_name;
} BarLayout;

/* Rows: every class when they fit at ROW_MIN, else the best and the worst
 * with the middle summarised in one row; then the label and value columns,
 * the ticks and the reference line's value. */
static void
bars_layout (PrecisChart *self,
             Painter     *p,
             double       width,
             double       height,
             BarLayout   *L)
{
  PrecisChartModel *m = self->model;
  double plot_top, plot_bottom;

  L->outcomes = self->kind == PRECIS_CHART_OUTCOMES;
  L->n = m->n_classes;
  L->order = g_new (guint, MAX (m->n_classes, 1));
  L->label_w = 0;
  L->n_hidden = 0;
  L->ref = -1;
  L->ref_name = NULL;
  for (guint i = 0; i < L->n; i++)
    L->order[i] = i;
  g_qsort_with_data (L->order, L->n, sizeof (guint), _precis_chart_compare_rows, self);

  /* Rows: every class when they fit at ROW_MIN, else the best and the worst
   * with the middle summarised in one row. */
  plot_top = HEADER_HEIGHT + self->header_extra + 8;
  plot_bottom = height - MARGIN - 44;
  L->n_rows = MAX (L->n, 1);
  L->ticks_on_top = L->n > 30;
  if (L->ticks_on_top)
    plot_top += 18;
  if (!L->outcomes)
    plot_top += REF_BAND;
  if ((plot_bottom - plot_top) / L->n_rows < ROW_MIN && L->n > 1)
    {
      guint fit = MAX (1, (guint) floor ((plot_bottom - plot_top) / ROW_MIN));

      if (fit < L->n)
        {
          L->n_rows = fit;
          L->n_hidden = L->n - (fit - 1);
        }
    }
  /* With a summary row: the best classes above it, the worst below. */
  L->n_top = L->n_hidden > 0 ? L->n_rows / 2 : L->n;
  L->row_h = (plot_bottom - plot_top) / MAX (L->n_rows, 3);
  if (L->n_rows < 3)
    {
      /* One or two classes: keep bars bar-shaped, centred. */
      plot_top += (plot_bottom - plot_top - L->n_rows * L->row_h) / 2;
      plot_bottom = plot_top + L->n_rows * L->row_h;
    }
  else
    L->row_h = (plot_bottom - plot_top) / L->n_rows;
  L->bar_h = MIN (L->row_h * 0.72, 24);

  /* Label column: the longest name, at most a third of the width. */
  for (guint i = 0; i < L->n; i++)
    L->label_w = MAX (L->label_w, _precis_chart_text_width (p, FONT_LABEL, m->classes[i].name));
  if (L->n_hidden > 0)
    {
      g_autofree char *s = g_strdup_printf (_("%u more classes"), L->n_hidden);

      L->label_w = MAX (L->label_w, _precis_chart_text_width (p, FONT_LABEL, s));
    }
  L->label_w = MIN (ceil (L->label_w) + 1, MAX (60, width * 0.3));
  L->value_w = L->outcomes ? 8 : _precis_chart_text_width (p, FONT_TICK, "0.00 · no ground truth") + 10;
  if (!L->outcomes)
    {
      gboolean any_note = FALSE;

      for (guint i = 0; i < L->n && !any_note; i++)
        any_note = bar_note (self, &m->classes[i]) != NULL;
      if (!any_note)
        L->value_w = _precis_chart_text_width (p, FONT_TICK, "0.00") + 10;
    }
  if (L->n_hidden > 0)
    L->value_w = MAX (L->value_w, _precis_chart_text_width (p, FONT_TICK, L->outcomes ? "mean 0000" : "0.00–0.00, mean 0.00") + 10);

  L->plot.x = MARGIN + L->label_w + 10;
  L->plot.y = plot_top;
  L->plot.width = MAX (40, width - MARGIN - L->value_w - L->plot.x);
  L->plot.height = plot_bottom - plot_top;

  if (L->outcomes)
    {
      double max = 0;

      for (guint i = 0; i < L->n; i++)
        max = MAX (max, _precis_chart_bar_value (self, &m->classes[i]));
      _precis_chart_ticks_compute (&L->ticks, max, MAX (2, (guint) (L->plot.width / 70)), TRUE);
    }
  else
    {
      _precis_chart_ticks_compute (&L->ticks, 1.0, L->plot.width >= 480 ? 10 : 5, FALSE);
      if (self->kind == PRECIS_CHART_PERFORMANCE)
        L->ref = m->summary.map, L->ref_name = "mAP";
      else if (self->kind == PRECIS_CHART_RECALL)
        L->ref = m->summary.mar, L->ref_name = "mAR";
      else
        {
          double sum = 0;

          for (guint c = 0; c < L->n; c++)
            if (m->classes[c].counted)
              sum += m->classes[c].precision;
          L->ref = m->n_counted ? sum / m->n_counted : 0;
          L->ref_name = _("mean");
        }
      if (m->n_counted == 0)
        L->ref = -1;
    }

  self->plot = L->plot;
  self->x_max = L->ticks.max;
}

static void
draw_bar_grid (PrecisChart     *self,
               Painter         *p,
               const BarLayout *L)
{
  g_autofree char *axis_owned = NULL;
  const char *axis = axis_title (self, &axis_owned);

  /* Grid and tick labels. */
  for (guint i = 0; i <= L->ticks.n; i++)
    {
      double x = L->plot.x + L->plot.width * i / L->ticks.n;
      g_autofree char *label = _precis_chart_ticks_label (&L->ticks, i);

      precis_palette_set_role (p->cr, i == 0 ? PRECIS_PALETTE_AXIS : PRECIS_PALETTE_GRID, 1.0);
      _precis_chart_vline (p, x, L->plot.y - 4, L->plot.y + L->plot.height + 4, 1);
      p->role = PRECIS_CHART_TEXT_TICK;
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, x, L->plot.y + L->plot.height + 6, 0.5, 0);
      if (L->ticks_on_top)
        {
          p->role = PRECIS_CHART_TEXT_TICK;
          _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, x, L->plot.y - 6, 0.5, 1);
        }
    }
  p->role = PRECIS_CHART_TEXT_AXIS_TITLE;
  _precis_chart_text_show (p, FONT_BODY, PRECIS_PALETTE_TEXT, axis, L->plot.x + L->plot.width / 2,
             L->plot.y + L->plot.height + 24, 0.5, 0);
}

/* Each row's label and bar; its value label, drawn later, goes to @value_texts. */
static void
draw_bar_rows (PrecisChart     *self,
               Painter         *p,
               const BarLayout *L,
               GPtrArray       *value_texts)
{
  PrecisChartModel *m = self->model;

  for (guint r = 0; r < L->n_rows; r++)
    {
      Row row = { 0 };
      double cy = L->plot.y + (r + 0.5) * L->row_h;
      g_autofree char *value_text = NULL;
      const char *name;
      const char *note = NULL;
      gboolean summary = L->n_hidden > 0 && r == L->n_top;
      g_autofree char *summary_name = NULL;

      row.y0 = cy - L->bar_h / 2;
      row.y1 = cy + L->bar_h / 2;

      if (summary)
        {
          double sum = 0, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

          for (guint i = L->n_top; i < L->n_top + L->n_hidden; i++)
            {
              double v = _precis_chart_bar_value (self, &m->classes[L->order[i]]);

              sum += v;
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          row.klass = G_MAXUINT;
          row.value = sum / L->n_hidden;
          summary_name = g_strdup_printf (_("%u more classes"), L->n_hidden);
          name = summary_name;
          value_text = L->outcomes ? g_strdup_printf (_("mean %.0f"), row.value)
                                : g_strdup_printf (_("%.2f–%.2f, mean %.2f"), lo, hi, row.value);
        }
      else
        {
          guint idx = L->order[r < L->n_top ? r : r - 1 + L->n_hidden];
          const PrecisChartCategory *c = &m->classes[idx];

          row.klass = idx;
          row.value = _precis_chart_bar_value (self, c);
          row.seg[0] = c->tp;
          row.seg[1] = c->fn;
          row.seg[2] = c->fp;
          name = c->name;
          note = bar_note (self, c);
          if (!L->outcomes)
            value_text = note != NULL ? g_strdup_printf ("%.2f · %s", row.value, note)
                                      : g_strdup_printf ("%.2f", row.value);
        }
      g_array_append_val (self->rows, row);

      /* Label. */
      {
        g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_LABEL, name, FALSE, L->label_w);

        precis_palette_set_role (p->cr, summary ? PRECIS_PALETTE_TEXT_DIM : PRECIS_PALETTE_TEXT, 1.0);
        p->role = PRECIS_CHART_TEXT_CLASS;
        _precis_chart_text_draw (p, l, L->plot.x - 8, cy, 1, 0.5);
      }

      if (summary)
        {
          double dash[] = { 2, 2 };

          precis_palette_set_role (p->cr, L->outcomes ? PRECIS_PALETTE_IGNORED : PRECIS_PALETTE_ACCENT, 0.35);
          _precis_chart_rect_fill (p, L->plot.x, row.y0 + L->bar_h * 0.25, L->plot.x + L->plot.width * row.value / L->ticks.max,
                     row.y1 - L->bar_h * 0.25);
          cairo_save (p->cr);
          cairo_set_dash (p->cr, dash, 2, 0);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_GRID, 1.0);
          _precis_chart_hline (p, L->plot.x, L->plot.x + L->plot.width, row.y0 - (L->row_h - L->bar_h) / 2 + 0.5, 1);
          _precis_chart_hline (p, L->plot.x, L->plot.x + L->plot.width, row.y1 + (L->row_h - L->bar_h) / 2 - 0.5, 1);
          cairo_restore (p->cr);
        }
      else if (L->outcomes)
        {
          static const PrecisPaletteRole roles[] = { PRECIS_PALETTE_TP, PRECIS_PALETTE_FN, PRECIS_PALETTE_FP };
          static const PrecisPaletteRole ink[] = { PRECIS_PALETTE_BACKGROUND, PRECIS_PALETTE_TEXT, PRECIS_PALETTE_BACKGROUND };
          double x = L->plot.x;

          for (guint k = 0; k < 3; k++)
            {
              double w = L->plot.width * row.seg[k] / L->ticks.max;

              if (row.seg[k] <= 0)
                continue;
              precis_palette_set_role (p->cr, roles[k], 1.0);
              _precis_chart_rect_fill (p, x, row.y0, x + w, row.y1);
              if (L->bar_h >= 10)
                {
                  g_autofree char *count = g_strdup_printf ("%.0f", row.seg[k]);
                  g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_SMALL, count, FALSE, -1);
                  double tw;

                  _precis_chart_text_size (l, &tw, NULL);
                  if (tw + 6 <= w)
                    {
                      precis_palette_set_role (p->cr, ink[k], 1.0);
                      p->role = PRECIS_CHART_TEXT_VALUE;
                      _precis_chart_text_draw (p, l, x + w / 2, cy, 0.5, 0.5);
                    }
                }
              x += w;
            }
        }
      else
        {
          double x1 = L->plot.x + L->plot.width * row.value / L->ticks.max;

          precis_palette_set_role (p->cr, PRECIS_PALETTE_ACCENT, note != NULL ? 0.45 : 1.0);
          _precis_chart_rect_fill (p, L->plot.x, row.y0, x1, row.y1);
        }

      g_ptr_array_add (value_texts, g_steal_pointer (&value_text));
    }
}

/* The reference line over the bars, labelled at the top. */
static void
draw_reference (Painter         *p,
                const BarLayout *L)
{
  double x = L->plot.x + L->plot.width * L->ref / L->ticks.max;
  double dash[] = { 4, 3 };
  g_autofree char *label = g_strdup_printf ("%s %.3f", L->ref_name, L->ref);
  g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_SMALL, label, FALSE, -1);
  double tw, th, lx, ly;

  cairo_save (p->cr);
  cairo_set_dash (p->cr, dash, 2, 0);
  precis_palette_set_role (p->cr, PRECIS_PALETTE_MEAN, 0.85);
  _precis_chart_vline (p, x, L->plot.y - (L->ticks_on_top ? 4 : 6), L->plot.y + L->plot.height + 4, 1.5);
  cairo_restore (p->cr);

  /* The label sits in its own band above the plot (and above the top
   * tick labels), centred on the line, so it never covers a bar. */
  _precis_chart_text_size (l, &tw, &th);
  lx = CLAMP (x - (tw + 8) / 2, L->plot.x - 4, L->plot.x + L->plot.width + 4 - (tw + 8));
  ly = L->plot.y - (L->ticks_on_top ? 18 : 0) - REF_BAND + 2;
  precis_palette_set_role (p->cr, PRECIS_PALETTE_MEAN, 1.0);
  _precis_chart_round_rect (p->cr, lx, ly, tw + 8, th + 3, 4);
  cairo_fill (p->cr);
  precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 1.0);
  p->role = PRECIS_CHART_TEXT_REFERENCE;
  _precis_chart_text_draw (p, l, lx + 4, ly + 1.5, 0, 0);
}

/* Value labels last, over the reference line. */
static void
draw_value_labels (PrecisChart     *self,
                   Painter         *p,
                   const BarLayout *L,
                   GPtrArray       *value_texts,
                   double           width)
{
  for (guint r = 0; r < self->rows->len; r++)
    {
      const char *value_text = g_ptr_array_index (value_texts, r);
      const Row *row = &g_array_index (self->rows, Row, r);
      double cy = (row->y0 + row->y1) / 2;
      gboolean summary = row->klass == G_MAXUINT;

      if (value_text != NULL && L->row_h >= 10)
        {
          g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_TICK, value_text, FALSE, -1);
          double x1 = L->plot.x + L->plot.width * row->value / L->ticks.max;
          double tw, th;

          _precis_chart_text_size (l, &tw, &th);
          /* Inside only a solid bar long enough to hold the text. */
          if (x1 + 4 + tw > width - 4 && (summary || x1 - L->plot.x < tw + 8))
            x1 = width - 8 - tw;
          if (x1 + 4 + tw <= width - 4)
            {
              /* Knock out the reference line behind the text. */
              precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.9);
              cairo_rectangle (p->cr, x1 + 2, cy - th / 2, tw + 4, th);
              cairo_fill (p->cr);
            }
          precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT_DIM, 1.0);
          if (x1 + 4 + tw > width - 4)
            {
              /* No room after the bar: write inside it. */
              precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 1.0);
              p->role = PRECIS_CHART_TEXT_VALUE;
              _precis_chart_text_draw (p, l, x1 - 4, cy, 1, 0.5);
            }
          else
            {
              p->role = PRECIS_CHART_TEXT_VALUE;
              _precis_chart_text_draw (p, l, x1 + 4, cy, 0, 0.5);
            }
        }
    }
}

void
_precis_chart_draw_bars (PrecisChart *self,
           Painter     *p,
           double       width,
           double       height)
{
  PrecisChartModel *m = self->model;
  BarLayout layout;
  g_autoptr(GPtrArray) value_texts = NULL;
  gboolean show_message;

  g_array_set_size (self->rows, 0);

  bars_layout (self, p, width, height, &layout);

  draw_bar_grid (self, p, &layout);

  if (layout.n == 0)
    {
      g_free (layout.order);
      _precis_chart_draw_message (p, &layout.plot, _("Nothing to show"),
                    _("The selected classes have no ground truth and no predictions in this subset."));
      self->have_geometry = TRUE;
      return;
    }

  value_texts = g_ptr_array_new_with_free_func (g_free);
  draw_bar_rows (self, p, &layout, value_texts);

  if (layout.ref >= 0)
    draw_reference (p, &layout);

  show_message = !layout.outcomes && (m->n_predictions == 0 || (m->n_gt == 0 && self->kind != PRECIS_CHART_PRECISION));

  if (!show_message)
    draw_value_labels (self, p, &layout, value_texts, width);
  else
    {
      if (m->n_predictions == 0)
        _precis_chart_draw_message (p, &layout.plot, _("No predictions"),
                      _("The model made no prediction for these classes: every ground-truth object is a false negative."));
      else
        _precis_chart_draw_message (p, &layout.plot, _("No ground truth"),
                      _("These classes have no ground-truth objects, so recall and AP are 0 by definition."));
    }

  g_free (layout.order);
  self->have_geometry = TRUE;
}

static double
bars_natural_width (PrecisChart *self)
{
  return 720;
}

static double
bars_natural_height (PrecisChart *self)
{
  return _precis_chart_bars_natural_height (self->model);
}

/* The whole row of a class; for outcomes the segment under the point. */
static gboolean
bars_hit_test (PrecisChart *self,
               double       x,
               double       y,
               guint       *class_index,
               double      *value)
{
  const Box *plot = &self->plot;

  for (guint r = 0; r < self->rows->len; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);
      double pad = (r + 1 < self->rows->len
                    ? g_array_index (self->rows, Row, r + 1).y0 - row->y1 : row->y1 - row->y0) / 2;

      if (y < row->y0 - pad || y >= row->y1 + pad || x < 0 || x > plot->x + plot->width + 120)
        continue;
      if (row->klass == G_MAXUINT)
        return FALSE;
      if (class_index)
        *class_index = row->klass;
      if (value)
        {
          *value = row->value;
          if (self->kind == PRECIS_CHART_OUTCOMES)
            {
              double v = (x - plot->x) / plot->width * self->x_max, acc = 0;

              for (guint k = 0; k < 3; k++)
                {
                  acc += row->seg[k];
                  if (v < acc || k == 2)
                    {
                      *value = row->seg[k];
                      break;
                    }
                }
            }
        }
      return TRUE;
    }
  return FALSE;
}

/* The bars in drawing order. */
static void
bars_plotted_json (PrecisChart *self,
                   JsonBuilder *b)
{
  PrecisChartModel *m = self->model;
  g_autofree guint *order = g_new (guint, MAX (m->n_classes, 1));
  static const char * const metric[] = { "AP", "P", "R", NULL, "TP+FN+FP" };

  for (guint i = 0; i < m->n_classes; i++)
    order[i] = i;
  g_qsort_with_data (order, m->n_classes, sizeof (guint), _precis_chart_compare_rows, self);

  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, metric[self->kind]);
  json_builder_set_member_name (b, "bars");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->n_classes; i++)
    {
      const PrecisChartCategory *c = &m->classes[order[i]];

      json_builder_begin_object (b);
      _precis_chart_add_category (b, c);
      if (self->kind == PRECIS_CHART_OUTCOMES)
        {
          json_builder_set_member_name (b, "TP");
          json_builder_add_int_value (b, c->tp);
          json_builder_set_member_name (b, "FN");
          json_builder_add_int_value (b, c->fn);
          json_builder_set_member_name (b, "FP");
          json_builder_add_int_value (b, c->fp);
        }
      else
        {
          json_builder_set_member_name (b, "value");
          json_builder_add_double_value (b, _precis_chart_bar_value (self, c));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

const PrecisChartFamily _precis_chart_bars_family = {
  bars_natural_width,
  bars_natural_height,
  _precis_chart_draw_bars,
  bars_hit_test,
  bars_plotted_json,
};

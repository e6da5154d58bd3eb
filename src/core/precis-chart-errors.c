/* precis-chart-errors.c: TIDE's error types as bars of dAP (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "precis-chart-private.h"

#define ERRORS_KEY "precis-chart-errors"
#define N_ERROR_ROWS (PRECIS_TIDE_N_ERRORS + 2)   /* the six types, then FP and FN */
#define ERROR_ROW 26.0
#define GROUP_GAP 30.0
#define LABEL_W 64.0
#define COUNT_W 80.0

typedef struct {
  double threshold;
  double background;
  double ap;
  double dap[N_ERROR_ROWS];
  guint  count[N_ERROR_ROWS];
} ErrorsData;

/**
 * precis_chart_model_set_errors:
 * @self: a #PrecisChartModel
 * @result: TIDE's assignment (precis_tide_evaluate())
 * @daps: its dAPs (precis_tide_compute_daps())
 *
 * Gives the model what %PRECIS_CHART_ERRORS draws: the count and dAP of each
 * error type and the FP / FN special dAPs (with the FP and FN counts).
 */
void
precis_chart_model_set_errors (PrecisChartModel       *self,
                               const PrecisTideResult *result,
                               const PrecisTideDaps   *daps)
{
  ErrorsData *d;

  g_return_if_fail (PRECIS_IS_CHART_MODEL (self));
  g_return_if_fail (result != NULL && daps != NULL);

  d = g_new0 (ErrorsData, 1);
  d->threshold = result->threshold;
  d->background = result->background;
  d->ap = daps->ap;
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    {
      d->dap[e] = daps->main[e];
      d->count[e] = result->counts[e];
    }
  d->dap[PRECIS_TIDE_N_ERRORS] = daps->special_fp;
  d->count[PRECIS_TIDE_N_ERRORS] = result->n_fp;
  d->dap[PRECIS_TIDE_N_ERRORS + 1] = daps->special_fn;
  d->count[PRECIS_TIDE_N_ERRORS + 1] = result->n_fn;
  g_object_set_data_full (G_OBJECT (self), ERRORS_KEY, d, g_free);
}

static const ErrorsData *
errors_data (PrecisChart *self)
{
  return g_object_get_data (G_OBJECT (self->model), ERRORS_KEY);
}

static const char *
row_name (guint i)
{
  if (i < PRECIS_TIDE_N_ERRORS)
    return precis_tide_error_to_name (i);
  return i == PRECIS_TIDE_N_ERRORS ? "FP" : "FN";
}

char *
_precis_chart_errors_caption (PrecisChart *self)
{
  const ErrorsData *d = errors_data (self);

  if (d == NULL)
    return NULL;
  return g_markup_printf_escaped (_("TIDE AP@%.2f <b>%.2f</b>   background IoU ≤ <b>%.2f</b>   dAP: AP points gained by fixing every error of a type"),
                                  d->threshold, d->ap, d->background);
}

static double
errors_natural_width (PrecisChart *self)
{
  return 640;
}

static double
errors_natural_height (PrecisChart *self)
{
  return HEADER_HEIGHT + 22 + N_ERROR_ROWS * ERROR_ROW + GROUP_GAP + 44 + MARGIN;
}

static double
row_top (const Box *plot,
         guint      i)
{
  return plot->y + i * ERROR_ROW + (i >= PRECIS_TIDE_N_ERRORS ? GROUP_GAP : 0);
}

static void
draw_axis (Painter   *p,
           const Box *plot,
           const Ticks *ticks)
{
  for (guint i = 0; i <= ticks->n; i++)
    {
      g_autofree char *label = _precis_chart_ticks_label (ticks, i);
      double x = plot->x + plot->width * i / ticks->n;

      precis_palette_set_role (p->cr, PRECIS_PALETTE_GRID, 1.0);
      _precis_chart_vline (p, x, plot->y, plot->y + plot->height, 1);
      p->role = PRECIS_CHART_TEXT_TICK;
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, label, x, plot->y + plot->height + 4, 0.5, 0);
    }
  precis_palette_set_role (p->cr, PRECIS_PALETTE_AXIS, 1.0);
  _precis_chart_vline (p, plot->x, plot->y, plot->y + plot->height, 1);
  p->role = PRECIS_CHART_TEXT_AXIS_TITLE;
  _precis_chart_text_show (p, FONT_LABEL, PRECIS_PALETTE_TEXT_DIM, _("dAP (AP points, TIDE's scale)"),
                           plot->x + plot->width / 2, plot->y + plot->height + 20, 0.5, 0);
}

static void
errors_draw (PrecisChart *self,
             Painter     *p,
             double       width,
             double       height)
{
  const ErrorsData *d = errors_data (self);
  double top = HEADER_HEIGHT + self->header_extra;
  double max = 0;
  Ticks ticks;
  Box *plot = &self->plot;

  g_array_set_size (self->rows, 0);
  plot->x = MARGIN + LABEL_W;
  plot->y = top + 22;
  plot->width = MAX (40, width - plot->x - MARGIN - COUNT_W - 50);
  plot->height = N_ERROR_ROWS * ERROR_ROW + GROUP_GAP;
  if (d == NULL)
    {
      Box box = { MARGIN, top, width - 2 * MARGIN, height - top - MARGIN };

      _precis_chart_draw_message (p, &box, _("No error analysis"),
                                  _("This chart needs TIDE's error types of the evaluation."));
      return;
    }
  for (guint i = 0; i < N_ERROR_ROWS; i++)
    max = MAX (max, d->dap[i]);
  _precis_chart_ticks_compute (&ticks, max, 5, FALSE);
  self->x_max = ticks.max;
  self->y_max = 0;

  p->role = PRECIS_CHART_TEXT_LEGEND;
  _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, _("main errors"), MARGIN, top + 4, 0, 0);
  _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, _("count"), width - MARGIN, top + 4, 1, 0);
  _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, _("special: all false positives, all false negatives"),
                           MARGIN, row_top (plot, PRECIS_TIDE_N_ERRORS) - 18, 0, 0);
  draw_axis (p, plot, &ticks);

  for (guint i = 0; i < N_ERROR_ROWS; i++)
    {
      Row row = { .klass = i, .value = MAX (d->dap[i], 0) };
      double y = row_top (plot, i);
      double len = plot->width * row.value / ticks.max;
      g_autofree char *value = g_strdup_printf ("%.2f", d->dap[i]);
      g_autofree char *count = g_strdup_printf ("%u", d->count[i]);

      row.y0 = y + 4;
      row.y1 = y + ERROR_ROW - 4;
      g_array_append_val (self->rows, row);
      precis_palette_set_role (p->cr, i < PRECIS_TIDE_N_ERRORS ? PRECIS_PALETTE_ACCENT : PRECIS_PALETTE_FP, 1.0);
      _precis_chart_rect_fill (p, plot->x, row.y0, plot->x + len, row.y1);
      p->role = PRECIS_CHART_TEXT_CLASS;
      _precis_chart_text_show (p, FONT_LABEL, PRECIS_PALETTE_TEXT, row_name (i), plot->x - 8, y + ERROR_ROW / 2, 1, 0.5);
      p->role = PRECIS_CHART_TEXT_VALUE;
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT, value, plot->x + len + 5, y + ERROR_ROW / 2, 0, 0.5);
      p->role = PRECIS_CHART_TEXT_ANNOTATION;
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, count, width - MARGIN, y + ERROR_ROW / 2, 1, 0.5);
    }
  self->have_geometry = TRUE;
}

/* The row under (@x, @y): @class_index is the #PrecisTideError (6: FP, 7: FN),
 * @value its dAP. */
static gboolean
errors_hit_test (PrecisChart *self,
                 double       x,
                 double       y,
                 guint       *class_index,
                 double      *value)
{
  const ErrorsData *d = errors_data (self);

  if (d == NULL || x < MARGIN || x > self->plot.x + self->plot.width + COUNT_W + 50)
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      if (y >= row->y0 - 4 && y < row->y1 + 4)
        {
          if (class_index)
            *class_index = row->klass;
          if (value)
            *value = d->dap[row->klass];
          return TRUE;
        }
    }
  return FALSE;
}

static void
errors_plotted_json (PrecisChart *self,
                     JsonBuilder *b)
{
  const ErrorsData *d = errors_data (self);

  if (d == NULL)
    return;
  json_builder_set_member_name (b, "ap");
  json_builder_add_double_value (b, d->ap);
  json_builder_set_member_name (b, "thresholds");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "foreground");
  json_builder_add_double_value (b, d->threshold);
  json_builder_set_member_name (b, "background");
  json_builder_add_double_value (b, d->background);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "bars");
  json_builder_begin_array (b);
  for (guint i = 0; i < N_ERROR_ROWS; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, i < PRECIS_TIDE_N_ERRORS ? precis_tide_error_to_key (i)
                                                                 : i == PRECIS_TIDE_N_ERRORS ? "fp" : "fn");
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, i < PRECIS_TIDE_N_ERRORS ? "main" : "special");
      json_builder_set_member_name (b, "dAP");
      json_builder_add_double_value (b, d->dap[i]);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, d->count[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

const PrecisChartFamily _precis_chart_errors_family = {
  errors_natural_width,
  errors_natural_height,
  errors_draw,
  errors_hit_test,
  errors_plotted_json,
};

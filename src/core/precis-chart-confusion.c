/* precis-chart-confusion.c: the detection confusion matrix (issue 13, SEMANTICS.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "precis-chart-private.h"

#define CONFUSION_KEY "precis-chart-confusion"
#define NAME_W 120.0
#define CELL_MAX 34.0

typedef struct {
  double  threshold;
  guint   n_classes;      /* K; index K is background */
  guint  *matrix;         /* (K + 1)²: rows GT, columns predictions */
  char  **names;          /* K + 1 */
  guint   n_shown;        /* shown classes, background last */
  guint  *shown;
  gboolean row_normalised; /* cells show their share of the row */
  double  cell;           /* geometry of the last render */
} ConfusionData;

static void
confusion_data_free (gpointer data)
{
  ConfusionData *d = data;

  g_free (d->matrix);
  g_strfreev (d->names);
  g_free (d->shown);
  g_free (d);
}

/**
 * precis_chart_model_set_confusion:
 * @self: a #PrecisChartModel
 * @result: the confusion matrix (precis_confusion_evaluate())
 * @dataset: the dataset, for the class names
 * @mask: (nullable): the selected classes (n_categories bytes), NULL for all
 * @max_classes: show at most this many classes (0: 20)
 * @row_normalised: cells show their share of the row instead of their count
 *
 * Gives the model what %PRECIS_CHART_CONFUSION draws: the classes
 * precis_confusion_choose_classes() picks (those with off-diagonal mass, the
 * most confused first, at most @max_classes of them), then the background row
 * and column, as the app's matrix shows them.
 */
void
precis_chart_model_set_confusion (PrecisChartModel            *self,
                                  const PrecisConfusionResult *result,
                                  PrecisDataset               *dataset,
                                  const guint8                *mask,
                                  guint                        max_classes,
                                  gboolean                     row_normalised)
{
  ConfusionData *d;
  guint K;

  g_return_if_fail (PRECIS_IS_CHART_MODEL (self));
  g_return_if_fail (result != NULL);

  K = result->n_classes;
  d = g_new0 (ConfusionData, 1);
  d->threshold = result->threshold;
  d->n_classes = K;
  d->row_normalised = row_normalised;
  d->matrix = g_memdup2 (result->matrix, sizeof (guint) * (gsize) (K + 1) * (K + 1));
  d->names = g_new0 (char *, K + 2);
  for (guint k = 0; k < K; k++)
    d->names[k] = g_strdup (precis_dataset_get_category (dataset, k)->name);
  d->names[K] = g_strdup (_("background"));
  d->shown = g_new0 (guint, K + 1);
  d->n_shown = precis_confusion_choose_classes (d->matrix, K, mask, max_classes > 0 ? max_classes : 20,
                                                d->shown, NULL, NULL);
  g_object_set_data_full (G_OBJECT (self), CONFUSION_KEY, d, confusion_data_free);
}

static ConfusionData *
confusion_data (PrecisChart *self)
{
  return g_object_get_data (G_OBJECT (self->model), CONFUSION_KEY);
}

char *
_precis_chart_confusion_caption (PrecisChart *self)
{
  const ConfusionData *d = confusion_data (self);

  if (d == NULL)
    return NULL;
  if (d->row_normalised)
    return g_markup_printf_escaped (_("rows: ground truth · columns: predictions · cells and shading: share of the row · <b>%u</b> of %u classes (those confused most)"),
                                    d->n_shown - 1, d->n_classes);
  return g_markup_printf_escaped (_("rows: ground truth · columns: predictions · shading: share of the row · <b>%u</b> of %u classes (those confused most)"),
                                  d->n_shown - 1, d->n_classes);
}

static double
confusion_natural_width (PrecisChart *self)
{
  const ConfusionData *d = confusion_data (self);

  return MAX (640, MARGIN * 2 + NAME_W + 20 + (d ? d->n_shown : 1) * CELL_MAX);
}

static double
confusion_natural_height (PrecisChart *self)
{
  const ConfusionData *d = confusion_data (self);

  return HEADER_HEIGHT + NAME_W + 20 + (d ? d->n_shown : 1) * CELL_MAX + MARGIN;
}

static guint
at (const ConfusionData *d,
    guint                r,
    guint                c)
{
  return d->matrix[(gsize) d->shown[r] * (d->n_classes + 1) + d->shown[c]];
}

static void
draw_names (Painter             *p,
            const ConfusionData *d,
            const Box           *plot)
{
  for (guint i = 0; i < d->n_shown; i++)
    {
      g_autoptr(PangoLayout) row = _precis_chart_text_new (p, FONT_LABEL, d->names[d->shown[i]], FALSE, NAME_W - 8);
      g_autoptr(PangoLayout) col = _precis_chart_text_new (p, FONT_LABEL, d->names[d->shown[i]], FALSE, NAME_W - 8);
      double c = (i + 0.5) * d->cell;

      precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
      p->role = PRECIS_CHART_TEXT_CLASS;
      _precis_chart_text_draw (p, row, plot->x - 6, plot->y + c, 1, 0.5);
      cairo_save (p->cr);
      cairo_translate (p->cr, plot->x + c, plot->y - 6);
      cairo_rotate (p->cr, -G_PI / 2);
      _precis_chart_text_draw (p, col, 0, 0, 0, 0.5);
      cairo_restore (p->cr);
    }
}

static void
confusion_draw (PrecisChart *self,
                Painter     *p,
                double       width,
                double       height)
{
  ConfusionData *d = confusion_data (self);
  double top = HEADER_HEIGHT + self->header_extra;
  Box *plot = &self->plot;

  g_array_set_size (self->rows, 0);
  if (d == NULL)
    {
      Box box = { MARGIN, top, width - 2 * MARGIN, height - top - MARGIN };

      _precis_chart_draw_message (p, &box, _("No confusion matrix"),
                                  _("This chart needs the confusion matrix of the evaluation."));
      return;
    }
  d->cell = MIN (CELL_MAX, MIN (width - 2 * MARGIN - NAME_W, height - top - NAME_W - 10 - MARGIN) / d->n_shown);
  d->cell = MAX (d->cell, 4);
  plot->x = MARGIN + NAME_W;
  plot->y = top + NAME_W + 10;
  plot->width = plot->height = d->cell * d->n_shown;
  draw_names (p, d, plot);

  for (guint r = 0; r < d->n_shown; r++)
    {
      guint sum = precis_confusion_row_sum (d->matrix, d->n_classes, d->shown[r]);

      for (guint c = 0; c < d->n_shown; c++)
        {
          guint v = at (d, r, c);
          double share = sum > 0 ? (double) v / sum : 0;
          double x0 = plot->x + c * d->cell, y0 = plot->y + r * d->cell;
          g_autofree char *text = precis_confusion_format_cell (v, sum, d->row_normalised);

          precis_palette_set_role (p->cr, r == c ? PRECIS_PALETTE_TP : PRECIS_PALETTE_ACCENT, 0.06 + 0.94 * share);
          _precis_chart_rect_fill (p, x0 + 0.5, y0 + 0.5, x0 + d->cell - 0.5, y0 + d->cell - 0.5);
          if (v == 0 || _precis_chart_text_width (p, FONT_SMALL, text) > d->cell - 4 || d->cell < 14)
            continue;
          p->role = PRECIS_CHART_TEXT_VALUE;
          _precis_chart_text_show (p, FONT_SMALL, share > 0.5 ? PRECIS_PALETTE_BACKGROUND : PRECIS_PALETTE_TEXT,
                                   text, x0 + d->cell / 2, y0 + d->cell / 2, 0.5, 0.5);
        }
    }
  self->have_geometry = TRUE;
}

/* The cell under (@x, @y): @class_index is row × (K + 1) + column in category
 * indices (K: background), for precis_confusion_get_cell(); @value its count. */
static gboolean
confusion_hit_test (PrecisChart *self,
                    double       x,
                    double       y,
                    guint       *class_index,
                    double      *value)
{
  const ConfusionData *d = confusion_data (self);
  guint r, c;

  if (d == NULL || x < self->plot.x || y < self->plot.y ||
      x >= self->plot.x + self->plot.width || y >= self->plot.y + self->plot.height)
    return FALSE;
  r = MIN ((guint) ((y - self->plot.y) / d->cell), d->n_shown - 1);
  c = MIN ((guint) ((x - self->plot.x) / d->cell), d->n_shown - 1);
  if (class_index)
    *class_index = d->shown[r] * (d->n_classes + 1) + d->shown[c];
  if (value)
    *value = at (d, r, c);
  return TRUE;
}

static void
confusion_plotted_json (PrecisChart *self,
                        JsonBuilder *b)
{
  const ConfusionData *d = confusion_data (self);

  if (d == NULL)
    return;
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->n_shown; i++)
    json_builder_add_string_value (b, d->names[d->shown[i]]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "row_normalised");
  json_builder_add_boolean_value (b, d->row_normalised);
  json_builder_set_member_name (b, "matrix");
  json_builder_begin_array (b);
  for (guint r = 0; r < d->n_shown; r++)
    {
      json_builder_begin_array (b);
      for (guint c = 0; c < d->n_shown; c++)
        json_builder_add_int_value (b, at (d, r, c));
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

const PrecisChartFamily _precis_chart_confusion_family = {
  confusion_natural_width,
  confusion_natural_height,
  confusion_draw,
  confusion_hit_test,
  confusion_plotted_json,
};

/* precis-classify-chart.c: the reliability diagram of a classification evaluation (SEMANTICS.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bar per calibration bin over its score range: its height the bin's
 * accuracy, a translucent band between that and the bin's mean confidence (the
 * gap that the ECE weighs), the diagonal of perfect calibration, and each
 * bin's image count above it. Drawn with the chart text helpers, so every string is
 * recorded for tests and accessibility.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "precis-chart-private.h"
#include "precis-classify-chart.h"

#define HEADER (MARGIN + 19 + 4 + 15 + 14)
#define AXIS_LEFT 44.0
#define AXIS_BOTTOM 40.0

static void
draw_axes (Painter   *p,
           const Box *plot)
{
  char buf[16];

  for (guint i = 0; i <= 5; i++)
    {
      double v = i / 5.0;

      precis_palette_set_role (p->cr, i == 0 ? PRECIS_PALETTE_AXIS : PRECIS_PALETTE_GRID, 1.0);
      _precis_chart_hline (p, plot->x, plot->x + plot->width, PY (v), 1.0);
      g_snprintf (buf, sizeof buf, "%.1f", v);
      p->role = PRECIS_CHART_TEXT_TICK;
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, buf, plot->x - 6, PY (v), 1.0, 0.5);
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, buf, PX (v), plot->y + plot->height + 4,
                               0.5, 0.0);
    }
  p->role = PRECIS_CHART_TEXT_AXIS_TITLE;
  _precis_chart_text_show (p, FONT_LABEL, PRECIS_PALETTE_TEXT_DIM, _("Top-1 score (confidence)"),
                           plot->x + plot->width / 2, plot->y + plot->height + 22, 0.5, 0.0);
  _precis_chart_text_show (p, FONT_LABEL, PRECIS_PALETTE_TEXT_DIM, _("Accuracy"),
                           MARGIN, plot->y - 16, 0.0, 0.0);
}

static void
draw_bins (Painter                    *p,
           const Box                  *plot,
           const PrecisClassifyResult *r)
{
  char buf[16];

  for (guint b = 0; b < PRECIS_CLASSIFY_N_BINS; b++)
    {
      const PrecisClassifyBin *bin = &r->bins[b];
      double lo = (double) b / PRECIS_CLASSIFY_N_BINS, hi = (double) (b + 1) / PRECIS_CLASSIFY_N_BINS;
      double x0 = PX (lo) + 1, x1 = PX (hi) - 1;

      if (bin->n == 0)
        continue;
      precis_palette_set_role (p->cr, PRECIS_PALETTE_ACCENT, 0.85);
      _precis_chart_rect_fill (p, x0, PY (bin->accuracy), x1, PY (0));
      /* The gap to the bin's mean confidence. */
      precis_palette_set_role (p->cr, PRECIS_PALETTE_FP, 0.25);
      _precis_chart_rect_fill (p, x0, PY (MAX (bin->accuracy, bin->confidence)), x1,
                               PY (MIN (bin->accuracy, bin->confidence)));
      g_snprintf (buf, sizeof buf, "%u", bin->n);
      p->role = PRECIS_CHART_TEXT_VALUE;
      _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, buf, (x0 + x1) / 2,
                               PY (MAX (bin->accuracy, bin->confidence)) - 2, 0.5, 1.0);
    }
  /* Perfect calibration. */
  precis_palette_set_role (p->cr, PRECIS_PALETTE_MEAN, 0.7);
  cairo_move_to (p->cr, PX (0), PY (0));
  cairo_line_to (p->cr, PX (1), PY (1));
  cairo_set_line_width (p->cr, 1.5);
  cairo_set_dash (p->cr, (const double[]) { 4, 3 }, 2, 0);
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);
}

static void
text_free (gpointer data)
{
  g_free (data);
}

GPtrArray *
precis_classify_chart_draw (const PrecisClassifyResult *result,
                            cairo_t                    *cr,
                            double                      width,
                            double                      height,
                            double                      scale)
{
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (PrecisChartText));
  g_autofree char *subtitle = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (text_free);
  Box box, *plot = &box;
  Painter p;

  g_return_val_if_fail (result != NULL && cr != NULL, out);

  _precis_chart_painter_init (&p, cr, scale);
  p.texts = texts;
  cairo_save (cr);
  precis_palette_set_role (cr, PRECIS_PALETTE_BACKGROUND, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  p.role = PRECIS_CHART_TEXT_TITLE;
  _precis_chart_text_show (&p, FONT_TITLE, PRECIS_PALETTE_TEXT, _("Reliability diagram"), MARGIN, MARGIN, 0.0, 0.0);
  subtitle = g_strdup_printf (_("15 bins · ECE %.4f · %u images · confidence ≥ %.2f"),
                              result->ece, result->n_images, result->confidence);
  p.role = PRECIS_CHART_TEXT_SUBTITLE;
  _precis_chart_text_show (&p, FONT_SUBTITLE, PRECIS_PALETTE_TEXT_DIM, subtitle, MARGIN, MARGIN + 22, 0.0, 0.0);

  box.x = MARGIN + AXIS_LEFT;
  box.y = HEADER + 16;
  box.width = MAX (width - box.x - MARGIN, 10);
  box.height = MAX (height - box.y - AXIS_BOTTOM, 10);
  if (result->n_images == 0)
    {
      p.role = PRECIS_CHART_TEXT_MESSAGE;
      _precis_chart_text_show (&p, FONT_MESSAGE, PRECIS_PALETTE_TEXT_DIM, _("No labelled image"),
                               width / 2, (HEADER + height) / 2, 0.5, 0.5);
    }
  else
    {
      draw_axes (&p, plot);
      draw_bins (&p, plot, result);
    }
  cairo_restore (cr);
  _precis_chart_painter_clear (&p);

  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (out, g_steal_pointer (&g_array_index (texts, PrecisChartText, i).text));
  return out;
}

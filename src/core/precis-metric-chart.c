/* precis-metric-chart.c: the metric performance charts (SEMANTICS.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bucket charts: one bar per bucket (equal slots, lowest bucket left, whatever
 * the binning), the value in [0, 1] above and the bucket's object count beneath
 * as a distribution. Summary charts: one horizontal bar per metric, sorted. One
 * geometry function serves drawing and hit testing, so they cannot disagree.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "precis-chart-private.h"
#include "precis-metric-chart.h"
#include "precis-png.h"

#define HEADER (MARGIN + 20 + 16 + 10)
#define AXIS_W 62.0
#define TICKS_H 18.0
#define DIST_GAP 16.0
#define NAMES_W 118.0
#define ROW_MAX 22.0

typedef struct {
  Box plot;       /* bucket kinds: the value bars; summary kinds: the rows */
  Box dist;       /* bucket kinds: the counts beneath */
  double slot;    /* width of one bucket, or height of one row */
} Geometry;

static gboolean
is_summary (const PrecisMetricChart *chart)
{
  return chart->kind == PRECIS_METRIC_CHART_IMPORTANCE || chart->kind == PRECIS_METRIC_CHART_CORRELATION;
}

static guint
n_items (const PrecisMetricChart *chart)
{
  return is_summary (chart) ? chart->n_metrics : chart->n_buckets;
}

static void
geometry (const PrecisMetricChart *chart,
          double                   width,
          double                   height,
          Geometry                *g)
{
  guint n = MAX (n_items (chart), 1);

  if (is_summary (chart))
    {
      g->plot.x = MARGIN + NAMES_W;
      g->plot.y = HEADER;
      g->plot.width = MAX (width - g->plot.x - MARGIN - 44, 10);
      g->slot = MIN (ROW_MAX, MAX (height - HEADER - MARGIN, 10) / n);
      g->plot.height = g->slot * n;
      g->dist = (Box) { 0, 0, 0, 0 };
      return;
    }
  {
    double avail = MAX (height - HEADER - MARGIN - TICKS_H - DIST_GAP, 40);
    double dist_h = floor (avail * 0.25);

    g->plot.x = MARGIN + AXIS_W;
    g->plot.y = HEADER;
    g->plot.width = MAX (width - g->plot.x - MARGIN, 10);
    g->plot.height = avail - dist_h;
    g->dist.x = g->plot.x;
    g->dist.width = g->plot.width;
    g->dist.y = g->plot.y + g->plot.height + TICKS_H + DIST_GAP;
    g->dist.height = dist_h;
    g->slot = g->plot.width / n;
  }
}

/* Summary rows: metric indices, largest value first (|value| for correlation),
 * undefined values last. */
typedef struct {
  const double *values;
  gboolean      absolute;
} SortBy;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortBy *s = user_data;
  double va = s->values[*(const guint *)a], vb = s->values[*(const guint *)b];

  if (s->absolute)
    {
      va = fabs (va);
      vb = fabs (vb);
    }
  if (isnan (va) || isnan (vb))
    return isnan (va) - isnan (vb);
  return va > vb ? -1 : va < vb ? 1 : (int)*(const guint *)a - (int)*(const guint *)b;
}

static guint *
summary_order (const PrecisMetricChart *chart)
{
  guint *order = g_new (guint, MAX (chart->n_metrics, 1));
  SortBy s = { chart->values, chart->kind == PRECIS_METRIC_CHART_CORRELATION };

  for (guint i = 0; i < chart->n_metrics; i++)
    order[i] = i;
  g_qsort_with_data (order, chart->n_metrics, sizeof (guint), compare_rows, &s);
  return order;
}

char *
precis_metric_chart_dup_title (const PrecisMetricChart *chart)
{
  switch (chart->kind)
    {
    case PRECIS_METRIC_CHART_PRECISION:
      return g_strdup_printf (_("Precision by %s"), chart->metric);
    case PRECIS_METRIC_CHART_FN_RATE:
      return g_strdup_printf (_("FN rate by %s"), chart->metric);
    case PRECIS_METRIC_CHART_IMPORTANCE:
      return g_strdup (_("Metric importance"));
    case PRECIS_METRIC_CHART_CORRELATION:
    default:
      return g_strdup (_("Metric correlation with TP"));
    }
}

static char *
dup_subtitle (const PrecisMetricChart *chart)
{
  if (chart->kind == PRECIS_METRIC_CHART_IMPORTANCE)
    return g_strdup_printf (_("I(bucket; TP) / H(TP) · IoU threshold %.2f"), chart->threshold);
  if (chart->kind == PRECIS_METRIC_CHART_CORRELATION)
    return g_strdup_printf (_("Pearson correlation of value and TP · IoU threshold %.2f"), chart->threshold);
  return g_strdup_printf (_("%s binning · %u buckets · IoU threshold %.2f"),
                          chart->binning == PRECIS_BINNING_WIDTH ? _("Equal-width") : _("Quantile"),
                          chart->n_buckets, chart->threshold);
}

static double
bucket_value (const PrecisMetricChart *chart,
              guint                    k)
{
  const PrecisMetricBucket *b = &chart->buckets[k];

  return chart->kind == PRECIS_METRIC_CHART_PRECISION ? b->precision : b->fn_rate;
}

static guint
bucket_count (const PrecisMetricChart *chart,
              guint                    k)
{
  const PrecisMetricBucket *b = &chart->buckets[k];

  return chart->kind == PRECIS_METRIC_CHART_PRECISION ? b->predictions : b->gt;
}

static void
format_edge (char   *buf,
             gsize   size,
             double  v)
{
  if (fabs (v) >= 1e4 && fabs (v) < 1e9)
    g_snprintf (buf, size, "%.0f", v);
  else
    g_snprintf (buf, size, "%.4g", v);
}

static void
draw_buckets (const PrecisMetricChart *chart,
              Painter                 *p,
              const Geometry          *g)
{
  const Box *plot = &g->plot;
  PrecisPaletteRole bar = chart->kind == PRECIS_METRIC_CHART_PRECISION ? PRECIS_PALETTE_TP : PRECIS_PALETTE_FN;
  double gap = MIN (3.0, g->slot * 0.15);
  guint max_count = 1, label_every;
  char buf[64];

  /* The value axis: grid and ticks at 0, 0.25 … 1. */
  p->role = PRECIS_CHART_TEXT_TICK;
  for (guint i = 0; i <= 4; i++)
    {
      double y = PY (i / 4.0);

      precis_palette_set_role (p->cr, i == 0 ? PRECIS_PALETTE_AXIS : PRECIS_PALETTE_GRID, 1.0);
      _precis_chart_hline (p, plot->x, plot->x + plot->width, y, 1.0);
      g_snprintf (buf, sizeof buf, "%.2f", i / 4.0);
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, buf, plot->x - 6, y, 1.0, 0.5);
    }

  for (guint k = 0; k < chart->n_buckets; k++)
    max_count = MAX (max_count, bucket_count (chart, k));

  for (guint k = 0; k < chart->n_buckets; k++)
    {
      double x0 = plot->x + k * g->slot + gap, x1 = plot->x + (k + 1) * g->slot - gap;
      double v = bucket_value (chart, k);
      guint count = bucket_count (chart, k);
      double dh = g->dist.height * count / (double)max_count;

      if ((int)k == chart->selected)
        {
          precis_palette_set_role (p->cr, PRECIS_PALETTE_GRID, 0.6);
          _precis_chart_rect_fill (p, x0 - gap, plot->y, x1 + gap, g->dist.y + g->dist.height);
        }
      if (!isnan (v))
        {
          precis_palette_set_role (p->cr, bar, (int)k == chart->selected ? 1.0 : 0.85);
          _precis_chart_rect_fill (p, x0, PY (v), x1, PY (0));
        }
      precis_palette_set_role (p->cr, PRECIS_PALETTE_ACCENT, 0.55);
      _precis_chart_rect_fill (p, x0, g->dist.y + g->dist.height - dh, x1, g->dist.y + g->dist.height);

      if (chart->n_buckets <= 20)
        {
          p->role = PRECIS_CHART_TEXT_VALUE;
          if (isnan (v))
            g_strlcpy (buf, "–", sizeof buf);
          else
            g_snprintf (buf, sizeof buf, "%.2f", v);
          _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT, buf, (x0 + x1) / 2,
                                   isnan (v) ? PY (0) - 2 : PY (v) - 2, 0.5, 1.0);
          g_snprintf (buf, sizeof buf, "%u", count);
          _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, buf, (x0 + x1) / 2,
                                   g->dist.y + g->dist.height - dh - 1, 0.5, 1.0);
        }
    }

  /* Bucket edges beneath the bars: as many as fit. */
  p->role = PRECIS_CHART_TEXT_TICK;
  label_every = MAX (1u, (guint)ceil (56.0 / MAX (g->slot, 1e-3)));
  for (guint k = 0; k <= chart->n_buckets; k += label_every)
    {
      double e = k < chart->n_buckets ? chart->buckets[k].lo : chart->buckets[k - 1].hi;

      format_edge (buf, sizeof buf, e);
      _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, buf, plot->x + k * g->slot,
                               plot->y + plot->height + 3,
                               k == 0 ? 0.0 : k == chart->n_buckets ? 1.0 : 0.5, 0.0);
    }
  p->role = PRECIS_CHART_TEXT_AXIS_TITLE;
  _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM,
                           chart->kind == PRECIS_METRIC_CHART_PRECISION ? _("predictions") : _("GT"),
                           plot->x - 6, g->dist.y + g->dist.height, 1.0, 1.0);
}

static void
draw_summary (const PrecisMetricChart *chart,
              Painter                 *p,
              const Geometry          *g)
{
  const Box *plot = &g->plot;
  g_autofree guint *order = summary_order (chart);
  gboolean signed_values = chart->kind == PRECIS_METRIC_CHART_CORRELATION;
  double max = 1e-9, x_zero;
  char buf[64];

  for (guint i = 0; i < chart->n_metrics; i++)
    if (!isnan (chart->values[i]))
      max = MAX (max, fabs (chart->values[i]));
  x_zero = signed_values ? plot->x + plot->width / 2 : plot->x;

  for (guint r = 0; r < chart->n_metrics; r++)
    {
      guint m = order[r];
      double v = chart->values[m];
      double y0 = plot->y + r * g->slot, y1 = y0 + g->slot;
      double half = signed_values ? plot->width / 2 : plot->width;

      if ((int)m == chart->selected)
        {
          precis_palette_set_role (p->cr, PRECIS_PALETTE_GRID, 0.6);
          _precis_chart_rect_fill (p, MARGIN, y0, plot->x + plot->width + 40, y1);
        }
      p->role = PRECIS_CHART_TEXT_CLASS;
      _precis_chart_text_show (p, FONT_LABEL, PRECIS_PALETTE_TEXT, chart->names[m], plot->x - 8,
                               (y0 + y1) / 2, 1.0, 0.5);
      p->role = PRECIS_CHART_TEXT_VALUE;
      if (isnan (v))
        {
          _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, "–", x_zero + 4, (y0 + y1) / 2, 0.0, 0.5);
          continue;
        }
      {
        double x = x_zero + half * v / max;

        precis_palette_set_role (p->cr, (int)m == chart->selected ? PRECIS_PALETTE_MEAN : PRECIS_PALETTE_ACCENT, 0.9);
        _precis_chart_rect_fill (p, MIN (x, x_zero), y0 + 3, MAX (x, x_zero), y1 - 3);
        g_snprintf (buf, sizeof buf, "%.3f", v);
        _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT, buf, v >= 0 ? MAX (x, x_zero) + 4 : MIN (x, x_zero) - 4,
                                 (y0 + y1) / 2, v >= 0 ? 0.0 : 1.0, 0.5);
      }
    }
  precis_palette_set_role (p->cr, PRECIS_PALETTE_AXIS, 1.0);
  _precis_chart_vline (p, x_zero, plot->y, plot->y + plot->height, 1.0);
}

static void
text_free (gpointer data)
{
  g_free (data);
}

GPtrArray *
precis_metric_chart_draw (const PrecisMetricChart *chart,
                          cairo_t                 *cr,
                          double                   width,
                          double                   height,
                          double                   scale)
{
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (PrecisChartText));
  g_autofree char *title = precis_metric_chart_dup_title (chart);
  g_autofree char *subtitle = dup_subtitle (chart);
  GPtrArray *out = g_ptr_array_new_with_free_func (text_free);
  Painter p;
  Geometry g;

  g_return_val_if_fail (chart != NULL && cr != NULL, out);

  _precis_chart_painter_init (&p, cr, scale);
  p.texts = texts;
  cairo_save (cr);
  precis_palette_set_role (cr, PRECIS_PALETTE_BACKGROUND, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  p.role = PRECIS_CHART_TEXT_TITLE;
  _precis_chart_text_show (&p, FONT_TITLE, PRECIS_PALETTE_TEXT, title, MARGIN, MARGIN, 0.0, 0.0);
  p.role = PRECIS_CHART_TEXT_SUBTITLE;
  _precis_chart_text_show (&p, FONT_SUBTITLE, PRECIS_PALETTE_TEXT_DIM, subtitle, MARGIN, MARGIN + 22, 0.0, 0.0);

  geometry (chart, width, height, &g);
  if (n_items (chart) == 0)
    {
      p.role = PRECIS_CHART_TEXT_MESSAGE;
      _precis_chart_text_show (&p, FONT_MESSAGE, PRECIS_PALETTE_TEXT_DIM,
                               is_summary (chart) ? _("No metrics") : _("No object has a value"),
                               width / 2, (HEADER + height) / 2, 0.5, 0.5);
    }
  else if (is_summary (chart))
    draw_summary (chart, &p, &g);
  else
    draw_buckets (chart, &p, &g);
  cairo_restore (cr);
  _precis_chart_painter_clear (&p);

  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (out, g_steal_pointer (&g_array_index (texts, PrecisChartText, i).text));
  return out;
}

int
precis_metric_chart_hit (const PrecisMetricChart *chart,
                         double                   width,
                         double                   height,
                         double                   x,
                         double                   y)
{
  Geometry g;

  g_return_val_if_fail (chart != NULL, -1);

  geometry (chart, width, height, &g);
  if (n_items (chart) == 0)
    return -1;
  if (is_summary (chart))
    {
      g_autofree guint *order = NULL;
      int r;

      if (x < MARGIN || x > width - MARGIN || y < g.plot.y || y >= g.plot.y + g.plot.height)
        return -1;
      r = (int)((y - g.plot.y) / g.slot);
      order = summary_order (chart);
      return r >= 0 && (guint)r < chart->n_metrics ? (int)order[r] : -1;
    }
  if (x < g.plot.x || x >= g.plot.x + g.plot.width || y < g.plot.y || y > g.dist.y + g.dist.height)
    return -1;
  return MIN ((int)((x - g.plot.x) / g.slot), (int)chart->n_buckets - 1);
}

static void
append_fraction (GString    *s,
                 const char *name,
                 double      v,
                 guint       num,
                 guint       den)
{
  if (isnan (v))
    g_string_append_printf (s, _("%s – (%u / %u)"), name, num, den);
  else
    g_string_append_printf (s, _("%s %.3f (%u / %u)"), name, v, num, den);
}

char *
precis_metric_chart_describe (const PrecisMetricChart *chart,
                              guint                    index)
{
  const PrecisMetricBucket *b;
  GString *s;
  char lo[32], hi[32];

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (index < n_items (chart), NULL);

  if (is_summary (chart))
    return isnan (chart->values[index])
             ? g_strdup_printf ("%s: –", chart->names[index])
             : g_strdup_printf ("%s: %.4f", chart->names[index], chart->values[index]);

  b = &chart->buckets[index];
  format_edge (lo, sizeof lo, b->lo);
  format_edge (hi, sizeof hi, b->hi);
  s = g_string_new (NULL);
  g_string_append_printf (s, index + 1 == chart->n_buckets ? _("Bucket %u of %u: %s [%s, %s]\n")
                                                           : _("Bucket %u of %u: %s [%s, %s)\n"),
                          index + 1, chart->n_buckets, chart->metric, lo, hi);
  g_string_append_printf (s, _("%u predictions: %u TP, %u FP · "), b->predictions, b->tp, b->fp);
  append_fraction (s, _("precision"), b->precision, b->tp, b->tp + b->fp);
  g_string_append_printf (s, _("\n%u GT: %u FN · "), b->gt, b->fn);
  append_fraction (s, _("FN rate"), b->fn_rate, b->fn, b->gt);
  return g_string_free (s, FALSE);
}

/**
 * precis_metric_chart_dup_description:
 * @chart: a chart
 *
 * The chart in words, for its accessible description: the subtitle, then
 * every bucket (or metric) as its tooltip says it, one a line.
 *
 * Returns: (transfer full): the description
 */
char *
precis_metric_chart_dup_description (const PrecisMetricChart *chart)
{
  g_autofree char *subtitle = NULL;
  GString *s;

  g_return_val_if_fail (chart != NULL, NULL);

  subtitle = dup_subtitle (chart);
  s = g_string_new (subtitle);
  for (guint i = 0; i < n_items (chart); i++)
    {
      g_autofree char *item = precis_metric_chart_describe (chart, i);

      g_string_append_c (s, '\n');
      g_string_append (s, item);
    }
  return g_string_free (s, FALSE);
}

gboolean
precis_metric_chart_save_png (const PrecisMetricChart *chart,
                              double                   width,
                              double                   height,
                              const char              *filename,
                              gboolean                 overwrite,
                              GError                 **error)
{
  g_autofree char *title = precis_metric_chart_dup_title (chart);
  g_autofree char *subtitle = dup_subtitle (chart);
  g_autoptr(GPtrArray) texts = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (chart != NULL && filename != NULL, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)ceil (width), (int)ceil (height));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                   _("Could not create a %.0f × %.0f image: %s"), width, height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  texts = precis_metric_chart_draw (chart, cr, width, height, 1.0);
  cairo_destroy (cr);
  {
    const PrecisPngText meta[] = {
      { "Title", title },
      { "Software", "Precis " PACKAGE_VERSION },
      { "Description", subtitle },
    };

    ok = precis_png_save (surface, filename, meta, G_N_ELEMENTS (meta),
                          overwrite ? PRECIS_PNG_SAVE_OVERWRITE : PRECIS_PNG_SAVE_NONE, error);
  }
  cairo_surface_destroy (surface);
  return ok;
}

/* precis-chart-common.c: what every chart family shares: text, lines, ticks, header, legend
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


static const struct {
  double      size;
  PangoWeight weight;
  PangoStyle  style;
} font_roles[N_FONTS] = {
  [FONT_TITLE]    = { 15.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [FONT_SUBTITLE] = { 11.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_BODY]     = { 11.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_LABEL]    = { 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_TICK]     = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_SMALL]    = { 9.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [FONT_MESSAGE]  = { 13.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
};

/* Text layouts are shaped once and kept: a slider step redraws the same class
 * names, ticks and most values, and shaping was most of a bar chart's cost.
 * One cache per thread (Pango objects are not thread-safe): a context that
 * never changes, so cached layouts stay valid, and two generations of layouts
 * (a lookup promotes from the old one; when the new one is full the old one
 * is dropped), so that the labels in use survive and memory stays bounded. */
#define TEXT_CACHE_SIZE 2048

typedef struct {
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  GHashTable           *layouts[2];   /* key → PangoLayout; [0] the newer */
  GString              *key;
} TextCache;

static void
text_cache_free (TextCache *cache)
{
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&cache->fonts[i], pango_font_description_free);
  g_clear_pointer (&cache->layouts[0], g_hash_table_unref);
  g_clear_pointer (&cache->layouts[1], g_hash_table_unref);
  g_string_free (cache->key, TRUE);
  g_clear_object (&cache->context);
  g_free (cache);
}

static GPrivate text_cache_private = G_PRIVATE_INIT ((GDestroyNotify) text_cache_free);

static TextCache *
text_cache_get (void)
{
  TextCache *cache = g_private_get (&text_cache_private);
  cairo_font_options_t *options;

  if (cache != NULL)
    return cache;

  cache = g_new0 (TextCache, 1);
  cache->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  /* No hinting and unrounded glyph positions: the same layout at every scale,
   * so a chart at scale 2 is the scale-1 chart with sharper edges, and golden
   * images do not depend on the screen. Hence also one layout serves every
   * cairo_t: the context's matrix stays the identity (cairo applies the
   * transformation when it draws the glyphs). */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (cache->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (cache->context, FALSE);

  for (guint i = 0; i < N_FONTS; i++)
    {
      cache->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family_static (cache->fonts[i], FONT_FAMILY);
      pango_font_description_set_absolute_size (cache->fonts[i], font_roles[i].size * PANGO_SCALE);
      pango_font_description_set_weight (cache->fonts[i], font_roles[i].weight);
      pango_font_description_set_style (cache->fonts[i], font_roles[i].style);
    }
  for (guint i = 0; i < 2; i++)
    cache->layouts[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  cache->key = g_string_new (NULL);

  g_private_set (&text_cache_private, cache);
  return cache;
}

void
_precis_chart_painter_init (Painter *p,
                            cairo_t *cr,
                            double   scale)
{
  TextCache *cache = text_cache_get ();

  p->cr = cr;
  p->scale = scale > 0 ? scale : 1.0;
  p->texts = NULL;
  p->role = PRECIS_CHART_TEXT_TITLE;
  cairo_matrix_init_identity (&p->to_chart);
  if (cr != NULL)
    {
      cairo_get_matrix (cr, &p->to_chart);
      if (cairo_matrix_invert (&p->to_chart) != CAIRO_STATUS_SUCCESS)
        cairo_matrix_init_identity (&p->to_chart);
    }
  p->context = cache->context;
  p->fonts = (PangoFontDescription *const *) cache->fonts;
}

void
_precis_chart_painter_clear (Painter *p)
{
  p->context = NULL;
  p->fonts = NULL;
}

/* A layout of its own, which the caller may change. */
static PangoLayout *
text_new_uncached (Painter    *p,
                   FontRole    role,
                   const char *text,
                   gboolean    markup,
                   double      max_width)
{
  PangoLayout *layout = pango_layout_new (p->context);

  pango_layout_set_font_description (layout, p->fonts[role]);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

/* A shared layout: the caller must not change it. */
PangoLayout *
_precis_chart_text_new (Painter    *p,
                        FontRole    role,
                        const char *text,
                        gboolean    markup,
                        double      max_width)
{
  TextCache *cache = text_cache_get ();
  int width = max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1;
  PangoLayout *layout;

  g_string_printf (cache->key, "%d %d %d %s", role, markup, width, text);
  layout = g_hash_table_lookup (cache->layouts[0], cache->key->str);
  if (layout != NULL)
    return g_object_ref (layout);

  layout = g_hash_table_lookup (cache->layouts[1], cache->key->str);
  if (layout != NULL)
    g_object_ref (layout);
  else
    layout = text_new_uncached (p, role, text, markup, max_width);

  if (g_hash_table_size (cache->layouts[0]) >= TEXT_CACHE_SIZE)
    {
      GHashTable *old = cache->layouts[1];

      cache->layouts[1] = cache->layouts[0];
      cache->layouts[0] = old;
      g_hash_table_remove_all (old);
    }
  g_hash_table_insert (cache->layouts[0], g_strdup (cache->key->str), g_object_ref (layout));
  return layout;
}

void
_precis_chart_text_size (PangoLayout *layout,
                         double      *width,
                         double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = logical.width / (double) PANGO_SCALE;
  if (height)
    *height = logical.height / (double) PANGO_SCALE;
}

double
_precis_chart_text_width (Painter    *p,
                          FontRole    role,
                          const char *text)
{
  g_autoptr(PangoLayout) layout = _precis_chart_text_new (p, role, text, FALSE, -1);
  double w;

  _precis_chart_text_size (layout, &w, NULL);
  return w;
}

/* Draws @layout with its logical box anchored at (@x, @y): @ax, @ay are the
 * anchor's fraction of the box (0 = left/top, 0.5 = centre, 1 = right/bottom). */
void
_precis_chart_text_draw (Painter     *p,
                         PangoLayout *layout,
                         double       x,
                         double       y,
                         double       ax,
                         double       ay)
{
  double w, h;

  _precis_chart_text_size (layout, &w, &h);
  cairo_move_to (p->cr, x - ax * w, y - ay * h);
  pango_cairo_show_layout (p->cr, layout);
  if (p->texts != NULL)
    {
      PrecisChartText t = { p->role, g_strdup (pango_layout_get_text (layout)), x - ax * w, y - ay * h };

      cairo_user_to_device (p->cr, &t.x, &t.y);
      cairo_matrix_transform_point (&p->to_chart, &t.x, &t.y);
      g_array_append_val (p->texts, t);
    }
}

void
_precis_chart_text_show (Painter           *p,
                         FontRole           role,
                         PrecisPaletteRole  color,
                         const char        *text,
                         double             x,
                         double             y,
                         double             ax,
                         double             ay)
{
  g_autoptr(PangoLayout) layout = _precis_chart_text_new (p, role, text, FALSE, -1);

  precis_palette_set_role (p->cr, color, 1.0);
  _precis_chart_text_draw (p, layout, x, y, ax, ay);
}

/* A coordinate on the device pixel grid. */
static double
snap (Painter *p,
      double   v)
{
  return round (v * p->scale) / p->scale;
}

/* The centre of a crisp line @width logical pixels wide near @v. */
static double
snap_line (Painter *p,
           double   v,
           double   width)
{
  double w = MAX (1.0, round (width * p->scale));

  return (round (v * p->scale - w / 2) + w / 2) / p->scale;
}

void
_precis_chart_hline (Painter *p,
                     double   x0,
                     double   x1,
                     double   y,
                     double   width)
{
  y = snap_line (p, y, width);
  cairo_move_to (p->cr, snap (p, x0), y);
  cairo_line_to (p->cr, snap (p, x1), y);
  cairo_set_line_width (p->cr, MAX (1.0, round (width * p->scale)) / p->scale);
  cairo_stroke (p->cr);
}

void
_precis_chart_vline (Painter *p,
                     double   x,
                     double   y0,
                     double   y1,
                     double   width)
{
  x = snap_line (p, x, width);
  cairo_move_to (p->cr, x, snap (p, y0));
  cairo_line_to (p->cr, x, snap (p, y1));
  cairo_set_line_width (p->cr, MAX (1.0, round (width * p->scale)) / p->scale);
  cairo_stroke (p->cr);
}

void
_precis_chart_rect_fill (Painter *p,
                         double   x0,
                         double   y0,
                         double   x1,
                         double   y1)
{
  double sx0 = snap (p, x0), sx1 = snap (p, x1);

  /* A non-zero value never disappears: at least one device pixel. */
  if (x1 > x0 && sx1 <= sx0)
    sx1 = sx0 + 1.0 / p->scale;
  cairo_rectangle (p->cr, sx0, snap (p, y0), sx1 - sx0, snap (p, y1) - snap (p, y0));
  cairo_fill (p->cr);
}

void
_precis_chart_round_rect (cairo_t *cr,
                          double   x,
                          double   y,
                          double   w,
                          double   h,
                          double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Round-number ticks (1, 2, 5 × 10^k) from 0 to at least @max, with at most
 * @max_ticks intervals. @unit_max: the axis is a fraction and ends at 1. */
void
_precis_chart_ticks_compute (Ticks   *t,
                             double   max,
                             guint    max_ticks,
                             gboolean integer)
{
  static const double mantissa[] = { 1, 2, 2.5, 5, 10 };
  double magnitude, raw;

  max_ticks = MAX (max_ticks, 1);
  if (!(max > 0))
    max = integer ? 1 : 1.0;
  raw = max / max_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  t->step = magnitude * 10;
  for (guint i = 0; i < G_N_ELEMENTS (mantissa); i++)
    if (mantissa[i] * magnitude >= raw * (1 - 1e-9))
      {
        t->step = mantissa[i] * magnitude;
        break;
      }
  if (integer && t->step < 1)
    t->step = 1;
  if (integer && fmod (t->step, 1.0) != 0)
    t->step = ceil (t->step);
  t->n = (guint) ceil (max / t->step - 1e-9);
  t->max = t->n * t->step;
  t->decimals = 0;
  for (double s = t->step; s < 1 - 1e-9 && t->decimals < 6; s *= 10)
    t->decimals++;
  if (fabs (t->step / pow (10, -t->decimals) - round (t->step / pow (10, -t->decimals))) > 1e-6)
    t->decimals++;
}

char *
_precis_chart_ticks_label (const Ticks *t,
                           guint        i)
{
  double v = i * t->step;

  if (v == 0)
    return g_strdup ("0");
  if (t->decimals == 0 && v >= 10000)
    return g_strdup_printf ("%.0fk", v / 1000);
  return g_strdup_printf ("%.*f", t->decimals, v);
}


gboolean
_precis_chart_is_bar_chart (PrecisChartKind kind)
{
  return kind == PRECIS_CHART_PERFORMANCE || kind == PRECIS_CHART_PRECISION ||
         kind == PRECIS_CHART_RECALL || kind == PRECIS_CHART_OUTCOMES ||
         kind == PRECIS_CHART_ERRORS;
}

/**
 * precis_chart_dup_title:
 * @self: a #PrecisChart
 *
 * Returns: (transfer full): the chart's title, e.g. “Average precision per class”
 */
char *
precis_chart_dup_title (PrecisChart *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  if (self->kind == PRECIS_CHART_ERRORS)
    return g_strdup (_("Error types (TIDE)"));
  if (self->kind == PRECIS_CHART_CONFUSION)
    return g_strdup (_("Detection confusion matrix"));
  if (self->kind == PRECIS_CHART_COMPARE_PR)
    return g_strdup (_("Precision–recall curves of the models"));
  if (self->kind == PRECIS_CHART_COMPARE_F1)
    return g_strdup (_("Mean F1 against confidence threshold, per model"));
  if (self->kind == PRECIS_CHART_COMPARE_DELTA)
    return g_strdup (_("Change of AP per class"));
  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return g_strdup (_("Average precision per class"));
    case PRECIS_CHART_PRECISION:
      return g_strdup (_("Precision per class"));
    case PRECIS_CHART_RECALL:
      return g_strdup (_("Recall per class"));
    case PRECIS_CHART_PR_CURVE:
      return g_strdup (_("Precision–recall curves"));
    case PRECIS_CHART_OUTCOMES:
      return g_strdup (_("Outcomes per class"));
    case PRECIS_CHART_F1_CONFIDENCE:
      return g_strdup (_("F1 against confidence threshold"));
    case PRECIS_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
}

char *
_precis_chart_format_threshold (double t)
{
  return g_strdup_printf ("%.2f", t);
}

char *
_precis_chart_describe_classes (PrecisChartModel *model)
{
  const PrecisChartSummary *s = &model->summary;

  if (s->selection != NULL && s->selection[0] != '\0')
    return g_strdup (s->selection);
  if (model->n_classes == 1)
    return g_strdup (model->classes[0].name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u class", "%u classes", model->n_classes),
                          model->n_classes);
}

/**
 * precis_chart_dup_subtitle:
 * @self: a #PrecisChart
 *
 * Returns: (transfer full): dataset · model · protocol · IoU threshold · classes
 */
char *
precis_chart_dup_subtitle (PrecisChart *self)
{
  const PrecisChartSummary *s;
  g_autofree char *t = NULL;
  g_autofree char *classes = NULL;
  const char *measure;

  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  s = &self->model->summary;
  t = _precis_chart_format_threshold (s->threshold);
  classes = _precis_chart_describe_classes (self->model);

  /* Keypoints are matched by OKS, every other shape by an IoU (SEMANTICS.md §2). */
  measure = g_strcmp0 (s->iou_type, "keypoints") == 0 ? "OKS" : "IoU";

  if (s->confidence > 0)
    /* Translators: dataset · model · protocol · shape, IoU or OKS ≥ threshold · score ≥ s · classes */
    return g_strdup_printf (_("%s · model %s · protocol %s · %s %s ≥ %s · score ≥ %.2f · %s"),
                            s->dataset, s->model, s->protocol, s->iou_type, measure, t, s->confidence, classes);

  /* Translators: dataset · model · protocol · shape, IoU or OKS ≥ threshold · classes */
  return g_strdup_printf (_("%s · model %s · protocol %s · %s %s ≥ %s · %s"),
                          s->dataset, s->model, s->protocol, s->iou_type, measure, t, classes);
}

/* The line under the subtitle, Pango markup. */
char *
_precis_chart_dup_caption (PrecisChart *self)
{
  PrecisChartModel *m = self->model;
  const PrecisChartSummary *s = &m->summary;
  g_autofree char *t = _precis_chart_format_threshold (s->threshold);
  g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u class", "%u classes", m->n_counted),
                                        m->n_counted);

  if (self->kind == PRECIS_CHART_ERRORS)
    return _precis_chart_errors_caption (self);
  if (self->kind == PRECIS_CHART_CONFUSION)
    return _precis_chart_confusion_caption (self);
  if (self->kind >= PRECIS_CHART_COMPARE_PR && self->kind <= PRECIS_CHART_COMPARE_DELTA)
    return _precis_chart_compare_caption (self);
  switch (self->kind)
    {
    case PRECIS_CHART_PERFORMANCE:
      return g_markup_printf_escaped (_("mAP@%s <b>%.3f</b>   mAR@%s <b>%.3f</b>   mean F1 <b>%.3f</b>   over %s"),
                                      t, s->map, t, s->mar, s->mean_f1, n);
    case PRECIS_CHART_PRECISION:
      {
        double sum = 0;

        for (guint c = 0; c < m->n_classes; c++)
          if (m->classes[c].counted)
            sum += m->classes[c].precision;
        return g_markup_printf_escaped (_("mean precision <b>%.3f</b>   TP <b>%u</b>   FP <b>%u</b>   over %s"),
                                        m->n_counted ? sum / m->n_counted : 0.0, s->tp, s->fp, n);
      }
    case PRECIS_CHART_RECALL:
      return g_markup_printf_escaped (_("mAR@%s <b>%.3f</b>   TP <b>%u</b>   FN <b>%u</b>   over %s"),
                                      t, s->mar, s->tp, s->fn, n);
    case PRECIS_CHART_PR_CURVE:
      return g_markup_printf_escaped (_("mAP@%s <b>%.3f</b> (area under the mean curve)   %s"),
                                      t, s->map, n);
    case PRECIS_CHART_OUTCOMES:
      return NULL;  /* the legend takes its place */
    case PRECIS_CHART_F1_CONFIDENCE:
      if (s->n_f1 == 0)
        return g_markup_printf_escaped (_("mean F1 <b>%.3f</b>"), s->mean_f1);
      return g_markup_printf_escaped (_("best mean F1 <b>%.3f</b> at confidence ≥ <b>%.2f</b>   (evaluated: mean F1 %.3f)"),
                                      s->best_f1, s->best_confidence, s->mean_f1);
    case PRECIS_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
}


void
_precis_chart_draw_header (PrecisChart *self,
                           Painter     *p,
                           double       width)
{
  g_autofree char *title = precis_chart_dup_title (self);
  g_autofree char *subtitle = precis_chart_dup_subtitle (self);
  g_autofree char *caption = _precis_chart_dup_caption (self);
  double avail = width - 2 * MARGIN;
  double y = MARGIN;

  {
    g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_TITLE, title, FALSE, avail);

    precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
    p->role = PRECIS_CHART_TEXT_TITLE;
    _precis_chart_text_draw (p, l, MARGIN, y, 0, 0);
    y += 19 + 4;
  }
  self->header_extra = 0;
  precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT_DIM, 1.0);
  if (_precis_chart_text_width (p, FONT_SUBTITLE, subtitle) <= avail)
    {
      g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_SUBTITLE, subtitle, FALSE, avail);

      p->role = PRECIS_CHART_TEXT_SUBTITLE;
      _precis_chart_text_draw (p, l, MARGIN, y, 0, 0);
      y += 15 + 6;
    }
  else
    {
      /* Too long for one line (a chart card is ~480 px): two lines, broken
       * after the last “ · ” that lets the first line fit, so that dataset,
       * model, protocol, IoU and classes all stay readable; only what the
       * second line cannot hold is ellipsized. */
      const char *sep = " · ";
      const char *brk = NULL;
      g_autofree char *first = NULL;
      g_autoptr(PangoLayout) l1 = NULL;
      g_autoptr(PangoLayout) l2 = NULL;

      for (const char *q = strstr (subtitle, sep); q != NULL; q = strstr (q + 1, sep))
        {
          g_autofree char *prefix = g_strndup (subtitle, q - subtitle);

          if (brk != NULL && _precis_chart_text_width (p, FONT_SUBTITLE, prefix) > avail)
            break;
          brk = q;
        }

      if (brk == NULL)
        {
          l1 = _precis_chart_text_new (p, FONT_SUBTITLE, subtitle, FALSE, avail);
          p->role = PRECIS_CHART_TEXT_SUBTITLE;
          _precis_chart_text_draw (p, l1, MARGIN, y, 0, 0);
        }
      else
        {
          first = g_strndup (subtitle, brk - subtitle);
          l1 = _precis_chart_text_new (p, FONT_SUBTITLE, first, FALSE, avail);
          l2 = _precis_chart_text_new (p, FONT_SUBTITLE, brk + strlen (sep), FALSE, avail);
          p->role = PRECIS_CHART_TEXT_SUBTITLE;
          _precis_chart_text_draw (p, l1, MARGIN, y, 0, 0);
          _precis_chart_text_draw (p, l2, MARGIN, y + 15, 0, 0);
          self->header_extra = 15;
        }
      y += 15 + 6 + self->header_extra;
    }
  if (caption != NULL)
    {
      g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_BODY, caption, TRUE, avail);

      precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
      p->role = PRECIS_CHART_TEXT_HEADLINE;
      _precis_chart_text_draw (p, l, MARGIN, y, 0, 0);
    }
  else if (self->kind == PRECIS_CHART_OUTCOMES)
    {
      const PrecisChartSummary *s = &self->model->summary;
      static const PrecisPaletteRole roles[] = { PRECIS_PALETTE_TP, PRECIS_PALETTE_FN, PRECIS_PALETTE_FP };
      guint counts[] = { s->tp, s->fn, s->fp };
      const char *names[] = { _("true positive"), _("false negative"), _("false positive") };
      double x = MARGIN;

      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *markup = g_markup_printf_escaped ("%s <b>%u</b>", names[i], counts[i]);
          g_autoptr(PangoLayout) l = _precis_chart_text_new (p, FONT_BODY, markup, TRUE, -1);
          double w, h;

          _precis_chart_text_size (l, &w, &h);
          precis_palette_set_role (p->cr, roles[i], 1.0);
          cairo_rectangle (p->cr, snap (p, x), snap (p, y + h / 2 - 5), 10, 10);
          cairo_fill (p->cr);
          precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
          p->role = PRECIS_CHART_TEXT_HEADLINE;
          _precis_chart_text_draw (p, l, x + 15, y, 0, 0);
          x += 15 + w + 18;
        }
    }
}

/* @l at (@lx + @pad_x, @ly + @pad_y) in @ink, on a rounded plate of @plate
 * around it. */
void
_precis_chart_label_on_plate (Painter           *p,
                              PangoLayout       *l,
                              double             lx,
                              double             ly,
                              double             pad_x,
                              double             pad_y,
                              double             radius,
                              PrecisPaletteRole  plate,
                              double             plate_alpha,
                              PrecisPaletteRole  ink)
{
  double tw, th;

  _precis_chart_text_size (l, &tw, &th);
  precis_palette_set_role (p->cr, plate, plate_alpha);
  _precis_chart_round_rect (p->cr, lx, ly, tw + 2 * pad_x, th + 2 * pad_y, radius);
  cairo_fill (p->cr);
  precis_palette_set_role (p->cr, ink, 1.0);
  _precis_chart_text_draw (p, l, lx + pad_x, ly + pad_y, 0, 0);
}

/* A designed empty state: a sentence and an explanation centred in @box. */
void
_precis_chart_draw_message (Painter    *p,
                            const Box  *box,
                            const char *message,
                            const char *detail)
{
  g_autoptr(PangoLayout) title = text_new_uncached (p, FONT_MESSAGE, message, FALSE, -1);
  g_autoptr(PangoLayout) body = text_new_uncached (p, FONT_BODY, detail, FALSE, -1);
  double cx = box->x + box->width / 2, cy = box->y + box->height / 2;
  double tw, th, bw, bh;

  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  pango_layout_set_alignment (body, PANGO_ALIGN_CENTER);
  pango_layout_set_width (body, (int) (MAX (box->width - 40, 100) * PANGO_SCALE));
  pango_layout_set_wrap (body, PANGO_WRAP_WORD);
  _precis_chart_text_size (title, &tw, &th);
  _precis_chart_text_size (body, &bw, &bh);

  precis_palette_set_role (p->cr, PRECIS_PALETTE_BACKGROUND, 0.92);
  _precis_chart_round_rect (p->cr, cx - MAX (tw, bw) / 2 - 16, cy - (th + bh + 6) / 2 - 12,
                            MAX (tw, bw) + 32, th + bh + 6 + 24, 8);
  cairo_fill (p->cr);

  precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
  p->role = PRECIS_CHART_TEXT_MESSAGE;
  _precis_chart_text_draw (p, title, cx, cy - (th + bh + 6) / 2, 0.5, 0);
  precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT_DIM, 1.0);
  _precis_chart_text_draw (p, body, cx, cy - (th + bh + 6) / 2 + th + 6, 0.5, 0);
}

void
_precis_chart_legend_entry_clear (LegendEntry *e)
{
  g_free (e->value);
}
void
_precis_chart_draw_legend (Painter     *p,
                           GArray      *entries,
                           const char  *value_header,
                           double       x,
                           double       y,
                           double       max_width)
{
  /* What the numbers on the right are. */
  if (value_header != NULL)
    {
      p->role = PRECIS_CHART_TEXT_LEGEND;
      _precis_chart_text_show (p, FONT_SMALL, PRECIS_PALETTE_TEXT_DIM, value_header, x + max_width, y, 1, 0);
      y += 15;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      LegendEntry *e = &g_array_index (entries, LegendEntry, i);
      double value_w = e->value != NULL ? _precis_chart_text_width (p, FONT_TICK, e->value) + 8 : 0;
      g_autoptr(PangoLayout) name = _precis_chart_text_new (p, FONT_LABEL, e->name, FALSE, MAX (20, max_width - 24 - value_w));

      precis_palette_set_source (p->cr, e->color, e->alpha);
      cairo_set_line_width (p->cr, e->line_width);
      cairo_move_to (p->cr, x, y + 8);
      cairo_line_to (p->cr, x + 18, y + 8);
      cairo_stroke (p->cr);
      if (e->marker)
        {
          cairo_arc (p->cr, x + 9, y + 8, 3.5, 0, 2 * G_PI);
          cairo_fill (p->cr);
        }
      precis_palette_set_role (p->cr, PRECIS_PALETTE_TEXT, 1.0);
      p->role = PRECIS_CHART_TEXT_LEGEND;
      _precis_chart_text_draw (p, name, x + 24, y + 8, 0, 0.5);
      if (e->value != NULL)
        {
          p->role = PRECIS_CHART_TEXT_LEGEND;
          _precis_chart_text_show (p, FONT_TICK, PRECIS_PALETTE_TEXT_DIM, e->value, x + max_width, y + 8, 1, 0.5);
        }
      y += 19;
    }
}

void
_precis_chart_add_category (JsonBuilder               *b,
                            const PrecisChartCategory *c)
{
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, c->name);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, c->id);
}

/**
 * _precis_chart_family:
 * @kind: a chart kind
 *
 * Returns: the family that draws @kind
 */
const PrecisChartFamily *
_precis_chart_family (PrecisChartKind kind)
{
  if (kind == PRECIS_CHART_ERRORS)
    return &_precis_chart_errors_family;
  if (kind == PRECIS_CHART_CONFUSION)
    return &_precis_chart_confusion_family;
  if (kind >= PRECIS_CHART_COMPARE_PR && kind <= PRECIS_CHART_COMPARE_DELTA)
    return &_precis_chart_compare_family;
  switch (kind)
    {
    case PRECIS_CHART_PERFORMANCE:
    case PRECIS_CHART_PRECISION:
    case PRECIS_CHART_RECALL:
    case PRECIS_CHART_OUTCOMES:
      return &_precis_chart_bars_family;
    case PRECIS_CHART_PR_CURVE:
    case PRECIS_CHART_F1_CONFIDENCE:
      return &_precis_chart_curves_family;
    case PRECIS_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }
}

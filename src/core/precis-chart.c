/* precis-chart.c: every evaluation chart, drawn onto any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "precis-chart.h"
#include "precis-palette.h"

#include "precis-chart-private.h"
#define N_POINTS 101

static const char * const kind_names[PRECIS_N_CHART_KINDS_ALL] = {
  "performance", "precision", "recall", "pr-curve", "outcomes", "f1-confidence",
  "errors", "confusion", "compare-pr-curve", "compare-f1-confidence", "compare-delta-ap",
};

/**
 * precis_chart_kind_to_string:
 * @kind: a #PrecisChartKind
 *
 * Returns: the kind's stable name, also the stem of its exported file
 *   (`performance`, `precision`, `recall`, `pr-curve`, `outcomes`, `f1-confidence`,
 *   `errors`, `confusion`)
 */
const char *
precis_chart_kind_to_string (PrecisChartKind kind)
{
  g_return_val_if_fail (kind < PRECIS_N_CHART_KINDS_ALL, NULL);

  return kind_names[kind];
}

/**
 * precis_chart_kind_from_string:
 * @str: a name from precis_chart_kind_to_string()
 * @kind: (out): the kind
 *
 * Returns: whether @str names a kind
 */
gboolean
precis_chart_kind_from_string (const char      *str,
                               PrecisChartKind *kind)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < PRECIS_N_CHART_KINDS_ALL; i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}


G_DEFINE_FINAL_TYPE (PrecisChart, precis_chart, G_TYPE_OBJECT)

static void
text_clear (gpointer data)
{
  PrecisChartText *t = data;

  g_free (t->text);
}

static void
precis_chart_finalize (GObject *object)
{
  PrecisChart *self = PRECIS_CHART (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->texts, g_array_unref);

  G_OBJECT_CLASS (precis_chart_parent_class)->finalize (object);
}

static void
precis_chart_class_init (PrecisChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_chart_finalize;
}

static void
precis_chart_init (PrecisChart *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->texts = g_array_new (FALSE, FALSE, sizeof (PrecisChartText));
  g_array_set_clear_func (self->texts, text_clear);
}

/**
 * precis_chart_new:
 * @model: a #PrecisChartModel
 * @kind: which chart
 *
 * Returns: (transfer full): a chart of @model
 */
PrecisChart *
precis_chart_new (PrecisChartModel *model,
                  PrecisChartKind   kind)
{
  PrecisChart *self;

  g_return_val_if_fail (PRECIS_IS_CHART_MODEL (model), NULL);
  g_return_val_if_fail (kind < PRECIS_N_CHART_KINDS_ALL, NULL);

  self = g_object_new (PRECIS_TYPE_CHART, NULL);
  self->model = g_object_ref (model);
  self->kind = kind;

  return self;
}

/**
 * precis_chart_get_model:
 * @self: a #PrecisChart
 *
 * Returns: (transfer none): the model
 */
PrecisChartModel *
precis_chart_get_model (PrecisChart *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  return self->model;
}

/**
 * precis_chart_get_kind:
 * @self: a #PrecisChart
 *
 * Returns: the kind of chart
 */
PrecisChartKind
precis_chart_get_kind (PrecisChart *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), PRECIS_CHART_PERFORMANCE);

  return self->kind;
}
/* ------------------------------------------------------------------------ */
/* Public drawing API                                                        */
/* ------------------------------------------------------------------------ */

/**
 * precis_chart_get_natural_size:
 * @self: a #PrecisChart
 * @width: (out) (optional): the natural width, in logical pixels
 * @height: (out) (optional): the natural height; bar charts grow with the
 *   number of classes (16 px a row) so that all 80 COCO classes stay legible
 *
 * The size at which every element of the chart has room.
 */
void
precis_chart_get_natural_size (PrecisChart *self,
                               double      *width,
                               double      *height)
{
  const PrecisChartFamily *family;
  double w;

  g_return_if_fail (PRECIS_IS_CHART (self));

  family = _precis_chart_family (self->kind);
  w = family->natural_width (self);
  if (width)
    *width = w;
  if (height)
    {
      Painter p = { 0 };
      g_autofree char *subtitle = precis_chart_dup_subtitle (self);

      *height = family->natural_height (self);
      /* Room for the second subtitle line, as _precis_chart_draw_header() decides it. */
      _precis_chart_painter_init (&p, NULL, 1.0);
      if (_precis_chart_text_width (&p, FONT_SUBTITLE, subtitle) > w - 2 * MARGIN)
        *height += 15;
      _precis_chart_painter_clear (&p);
    }
}

/**
 * precis_chart_render:
 * @self: a #PrecisChart
 * @cr: a cairo context in logical pixels (the caller applies the device scale,
 *   as GTK and precis_chart_save_png() do)
 * @width: the width to fill, in logical pixels
 * @height: the height to fill
 * @scale: device pixels per logical pixel, used to keep lines and bar edges
 *   on the pixel grid (1 or 2; any positive value works)
 *
 * Draws the chart, background included, into the rectangle (0, 0, @width,
 * @height) of @cr. When @height is smaller than the natural height of a bar
 * chart, the best and worst classes are drawn and the middle ones are
 * summarised in one row. Remembers the layout for precis_chart_hit_test().
 */
void
precis_chart_render (PrecisChart *self,
                     cairo_t     *cr,
                     double       width,
                     double       height,
                     double       scale)
{
  Painter p = { 0 };

  g_return_if_fail (PRECIS_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  self->have_geometry = FALSE;
  self->curves_hit = FALSE;
  width = MAX (width, 160);
  height = MAX (height, 160);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  precis_palette_set_role (cr, PRECIS_PALETTE_BACKGROUND, 1.0);
  cairo_paint (cr);

  _precis_chart_painter_init (&p, cr, scale);
  g_array_set_size (self->texts, 0);
  p.texts = self->texts;
  _precis_chart_draw_header (self, &p, width);
  _precis_chart_family (self->kind)->draw (self, &p, width, height);
  _precis_chart_painter_clear (&p);

  cairo_restore (cr);
}

/**
 * precis_chart_hit_test:
 * @self: a #PrecisChart
 * @x: a point in the coordinates of the last precis_chart_render()
 * @y: the point's y
 * @class_index: (out) (optional): the class under the point, an index for
 *   precis_chart_model_get_class()
 * @value: (out) (optional): the value shown there: the bar's value (AP, P, R;
 *   for outcomes the count of the TP, FN or FP segment under the point), or the
 *   curve's value at @x
 *
 * Finds what is under a point, for tooltips. Bar charts hit the whole row of a
 * class; line charts the nearest class curve within 8 pixels.
 *
 * Returns: whether a class is under the point (%FALSE before the first render,
 *   over the summary row and in empty space)
 */
gboolean
precis_chart_hit_test (PrecisChart *self,
                       double       x,
                       double       y,
                       guint       *class_index,
                       double      *value)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), FALSE);

  if (!self->have_geometry)
    return FALSE;

  return _precis_chart_family (self->kind)->hit_test (self, x, y, class_index, value);
}

/**
 * precis_chart_get_plot_area:
 * @self: a #PrecisChart
 * @x: (out) (optional): left edge of the plot (the value axis' 0)
 * @y: (out) (optional): top edge
 * @width: (out) (optional): width; the horizontal axis runs from 0 to 1 (line
 *   charts) or to the last tick (bar charts)
 * @height: (out) (optional): height; line charts run from 1 at the top to 0
 *
 * Where the last render put its plot, for crosshairs and tests.
 *
 * Returns: %FALSE before the first render
 */
gboolean
precis_chart_get_plot_area (PrecisChart *self,
                            double      *x,
                            double      *y,
                            double      *width,
                            double      *height)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), FALSE);

  if (!self->have_geometry)
    return FALSE;
  if (x)
    *x = self->plot.x;
  if (y)
    *y = self->plot.y;
  if (width)
    *width = self->plot.width;
  if (height)
    *height = self->plot.height;
  return TRUE;
}

/**
 * precis_chart_get_n_bars:
 * @self: a #PrecisChart
 *
 * Returns: the number of rows the last precis_chart_render() of a bar chart
 *   drew, top to bottom (the summary row of a shortened chart included); 0 for
 *   line charts and before the first render
 */
guint
precis_chart_get_n_bars (PrecisChart *self)
{
  g_return_val_if_fail (PRECIS_IS_CHART (self), 0);

  return self->have_geometry && _precis_chart_is_bar_chart (self->kind) ? self->rows->len : 0;
}

/**
 * precis_chart_get_bar:
 * @self: a #PrecisChart
 * @index: a row, below precis_chart_get_n_bars()
 * @x: (out) (optional): left edge of the bar (the value axis' 0)
 * @y: (out) (optional): top edge
 * @width: (out) (optional): the bar's length (0 for a zero value)
 * @height: (out) (optional): the bar's thickness
 * @class_index: (out) (optional): the class, or %G_MAXUINT for the summary row
 *
 * Where the last render drew a bar, in its coordinates: for keyboard focus,
 * accessibility and tests.
 *
 * Returns: whether the row is a class (not the summary row)
 */
gboolean
precis_chart_get_bar (PrecisChart *self,
                      guint        index,
                      double      *x,
                      double      *y,
                      double      *width,
                      double      *height,
                      guint       *class_index)
{
  const Row *row;

  g_return_val_if_fail (PRECIS_IS_CHART (self), FALSE);
  g_return_val_if_fail (index < precis_chart_get_n_bars (self), FALSE);

  row = &g_array_index (self->rows, Row, index);
  if (x)
    *x = self->plot.x;
  if (y)
    *y = row->y0;
  if (width)
    *width = self->x_max > 0 ? self->plot.width * row->value / self->x_max : 0;
  if (height)
    *height = row->y1 - row->y0;
  if (class_index)
    *class_index = row->klass;

  return row->klass != G_MAXUINT;
}

/* ------------------------------------------------------------------------ */
/* Self-description                                                          */
/* ------------------------------------------------------------------------ */

/**
 * precis_chart_to_json:
 * @self: a #PrecisChart
 *
 * Describes the chart as JSON: what was evaluated (dataset, model, `protocol`,
 * `iou_type`, `iou_threshold`, selection), the totals (`mAP`, `mAR`, `mean_F1`,
 * `TP`, `FP`, `FN`), every class's counts and metrics (`classes`: `name`, `id`,
 * `counted`, `num_gt`, `num_predictions`, `TP`, `FP`, `FN`, `ignored`, `P`, `R`,
 * `F1`, `AP`) and the plotted values (`plotted`): bars in drawing order, or the
 * curves sampled at the 101 recall points (PR) or 101 confidences 0, 0.01, … 1 (F1).
 * This is the `precis:evaluation` chunk of an exported PNG.
 *
 * Returns: (transfer full): a JSON document
 */
char *
precis_chart_to_json (PrecisChart *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *selection = NULL;
  PrecisChartModel *m;
  const PrecisChartSummary *s;

  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  m = self->model;
  s = &m->summary;
  title = precis_chart_dup_title (self);
  subtitle = precis_chart_dup_subtitle (self);
  selection = _precis_chart_describe_classes (m);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "precis-chart/1");
  json_builder_set_member_name (b, "chart");
  json_builder_add_string_value (b, kind_names[self->kind]);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "subtitle");
  json_builder_add_string_value (b, subtitle);
  json_builder_set_member_name (b, "dataset");
  json_builder_add_string_value (b, s->dataset);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, s->model);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_string_value (b, s->protocol);
  json_builder_set_member_name (b, "iou_type");
  json_builder_add_string_value (b, s->iou_type);
  json_builder_set_member_name (b, "iou_threshold");
  json_builder_add_double_value (b, s->threshold);
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, s->confidence);
  json_builder_set_member_name (b, "selection");
  json_builder_add_string_value (b, selection);
  json_builder_set_member_name (b, "num_classes_counted");
  json_builder_add_int_value (b, m->n_counted);
  json_builder_set_member_name (b, "mAP");
  json_builder_add_double_value (b, s->map);
  json_builder_set_member_name (b, "mAR");
  json_builder_add_double_value (b, s->mar);
  json_builder_set_member_name (b, "mean_F1");
  json_builder_add_double_value (b, s->mean_f1);
  json_builder_set_member_name (b, "TP");
  json_builder_add_int_value (b, s->tp);
  json_builder_set_member_name (b, "FP");
  json_builder_add_int_value (b, s->fp);
  json_builder_set_member_name (b, "FN");
  json_builder_add_int_value (b, s->fn);

  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->n_classes; i++)
    {
      const PrecisChartCategory *c = &m->classes[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, c->name);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, c->id);
      json_builder_set_member_name (b, "counted");
      json_builder_add_boolean_value (b, c->counted);
      json_builder_set_member_name (b, "num_gt");
      json_builder_add_int_value (b, c->n_gt);
      json_builder_set_member_name (b, "num_predictions");
      json_builder_add_int_value (b, c->n_predictions);
      json_builder_set_member_name (b, "TP");
      json_builder_add_int_value (b, c->tp);
      json_builder_set_member_name (b, "FP");
      json_builder_add_int_value (b, c->fp);
      json_builder_set_member_name (b, "FN");
      json_builder_add_int_value (b, c->fn);
      json_builder_set_member_name (b, "ignored");
      json_builder_add_int_value (b, c->ignored);
      json_builder_set_member_name (b, "P");
      json_builder_add_double_value (b, c->precision);
      json_builder_set_member_name (b, "R");
      json_builder_add_double_value (b, c->recall);
      json_builder_set_member_name (b, "F1");
      json_builder_add_double_value (b, c->f1);
      json_builder_set_member_name (b, "AP");
      json_builder_add_double_value (b, c->ap);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "plotted");
  json_builder_begin_object (b);
  _precis_chart_family (self->kind)->plotted_json (self, b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

/**
 * precis_chart_save_png:
 * @self: a #PrecisChart
 * @filename: (type filename): the PNG to write
 * @width: width in logical pixels, or 0 for the natural width
 * @height: height in logical pixels, or 0 for the natural height
 * @scale: device pixels per logical pixel (2 for a high-resolution image)
 * @flags: %PRECIS_PNG_SAVE_OVERWRITE to replace an existing file
 * @error: return location for a #GError
 *
 * Renders the chart into a @width × @scale by @height × @scale PNG that
 * describes itself: text chunks `Title`, `Software`, `Description`,
 * `Creation Time` (ISO 8601) and `precis:evaluation` (precis_chart_to_json()).
 * Written atomically, see precis_png_save().
 *
 * Returns: whether the file was written
 */
gboolean
precis_chart_save_png (PrecisChart        *self,
                       const char         *filename,
                       double              width,
                       double              height,
                       double              scale,
                       PrecisPngSaveFlags  flags,
                       GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *caption_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *created = NULL;
  g_autofree char *json = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double natural_w, natural_h;
  gboolean ok;

  g_return_val_if_fail (PRECIS_IS_CHART (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  precis_chart_get_natural_size (self, &natural_w, &natural_h);
  if (width <= 0)
    width = natural_w;
  if (height <= 0)
    height = natural_h;
  if (!(scale > 0) || scale > 8 || width * scale > 16384 || height * scale > 16384)
    {
      g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                   _("A chart of %.0f × %.0f at scale %g is too large for a PNG (16384 pixels a side at most)"),
                   width, height, scale);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale), (int) ceil (height * scale));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PRECIS_PNG_ERROR, PRECIS_PNG_ERROR_FORMAT,
                   _("Could not create a %.0f × %.0f image: %s"), width * scale, height * scale,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  precis_chart_render (self, cr, width, height, scale);
  cairo_destroy (cr);

  title = precis_chart_dup_title (self);
  subtitle = precis_chart_dup_subtitle (self);
  caption = _precis_chart_dup_caption (self);
  if (caption == NULL || !pango_parse_markup (caption, -1, 0, NULL, &caption_text, NULL, NULL))
    caption_text = NULL;
  description = caption_text != NULL ? g_strdup_printf ("%s\n%s", subtitle, caption_text) : g_strdup (subtitle);
  created = g_date_time_format_iso8601 (now);
  json = precis_chart_to_json (self);

  {
    const PrecisPngText texts[] = {
      { "Title", title },
      { "Software", "Precis " PACKAGE_VERSION },
      { "Description", description },
      { "Creation Time", created },
      { "precis:evaluation", json },
    };

    ok = precis_png_save (surface, filename, texts, G_N_ELEMENTS (texts), flags, error);
  }
  cairo_surface_destroy (surface);

  return ok;
}

static const char * const text_role_names[] = {
  "title", "subtitle", "headline", "axis-title", "tick", "class", "value",
  "reference", "legend", "annotation", "message",
};

/**
 * precis_chart_text_role_to_string:
 * @role: a #PrecisChartTextRole
 *
 * Returns: the role's stable name: `title`, `subtitle`, `headline`,
 *   `axis-title`, `tick`, `class`, `value`, `reference`, `legend`,
 *   `annotation`, `message`
 */
const char *
precis_chart_text_role_to_string (PrecisChartTextRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (text_role_names), NULL);

  return text_role_names[role];
}

/**
 * precis_chart_text_free:
 * @text: (transfer full): a #PrecisChartText from precis_chart_dup_text()
 *
 * Frees @text and its string.
 */
void
precis_chart_text_free (PrecisChartText *text)
{
  if (text == NULL)
    return;
  g_free (text->text);
  g_free (text);
}

/**
 * precis_chart_dup_text:
 * @self: a #PrecisChart
 *
 * The text layer of the last precis_chart_render(): every string the chart
 * drew (title, subtitle, headline values, axis titles, tick labels, class
 * names, bar values, reference and legend labels, annotations, messages), in
 * drawing order, with its role and position. It is recorded by the code that
 * draws, so it is exactly what the image shows, for tests and for
 * accessibility.
 *
 * Returns: (transfer full) (element-type PrecisChartText): the strings, empty
 *   before the first render; free with g_ptr_array_unref()
 */
GPtrArray *
precis_chart_dup_text (PrecisChart *self)
{
  GPtrArray *out;

  g_return_val_if_fail (PRECIS_IS_CHART (self), NULL);

  out = g_ptr_array_new_full (self->texts->len, (GDestroyNotify) precis_chart_text_free);
  for (guint i = 0; i < self->texts->len; i++)
    {
      const PrecisChartText *t = &g_array_index (self->texts, PrecisChartText, i);
      PrecisChartText *copy = g_new (PrecisChartText, 1);

      *copy = *t;
      copy->text = g_strdup (t->text);
      g_ptr_array_add (out, copy);
    }
  return out;
}

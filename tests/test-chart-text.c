/* test-chart-text.c: the text layer (precis_chart_dup_text()) shows the model's numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every string is compared with `==` to the value formatted from the chart
 * model (the numbers a chart shows are the model's; a label off by 0.01 fails).
 */

#include "config.h"

#include <string.h>

#include "precis-active.h"
#include "precis-chart.h"

static PrecisChartModel *
load_cartucho (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "real", "cartucho-map", NULL);
  g_autoptr(GFile) project = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(PrecisActive) active = NULL;

  dataset = precis_dataset_load_project (project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  matcher = precis_matcher_new (dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  active = precis_active_new (matcher);
  precis_active_set_threshold (active, 0.5);
  return precis_chart_model_new_from_active (active);
}

/* Renders @chart at its natural size; returns its text layer. */
static GPtrArray *
render_text (PrecisChart *chart)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  precis_chart_get_natural_size (chart, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
  cr = cairo_create (surface);
  precis_chart_render (chart, cr, w, h, 1.0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return precis_chart_dup_text (chart);
}

static GPtrArray *
texts_with_role (GPtrArray           *texts,
                 PrecisChartTextRole  role)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < texts->len; i++)
    {
      PrecisChartText *t = g_ptr_array_index (texts, i);

      if (t->role == role)
        g_ptr_array_add (out, t->text);
    }
  return out;
}

static guint
n_counted (PrecisChartModel *model)
{
  guint n = 0;

  for (guint i = 0; i < precis_chart_model_get_n_classes (model); i++)
    n += precis_chart_model_get_class (model, i)->counted;
  return n;
}

/* The bar value label of class @c, as SEMANTICS.md defines the bar: two
 * decimals, and why a bar is 0 by definition. */
static char *
expected_value (PrecisChartKind            kind,
                const PrecisChartCategory *c)
{
  double v = kind == PRECIS_CHART_PERFORMANCE ? c->ap : kind == PRECIS_CHART_PRECISION ? c->precision : c->recall;

  if (c->n_gt == 0 && kind != PRECIS_CHART_PRECISION)
    return g_strdup_printf ("%.2f · no ground truth", v);
  if (c->tp + c->fp == 0 && kind != PRECIS_CHART_RECALL)
    return g_strdup_printf ("%.2f · no predictions", v);
  return g_strdup_printf ("%.2f", v);
}

static void
test_bar_values (void)
{
  g_autoptr(PrecisChartModel) model = load_cartucho ();
  const PrecisChartKind kinds[] = { PRECIS_CHART_PERFORMANCE, PRECIS_CHART_PRECISION, PRECIS_CHART_RECALL };

  g_assert_cmpuint (precis_chart_model_get_n_classes (model), >, 2);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (model, kinds[k]);
      g_autoptr(GPtrArray) texts = render_text (chart);
      g_autoptr(GPtrArray) values = texts_with_role (texts, PRECIS_CHART_TEXT_VALUE);
      g_autoptr(GPtrArray) names = texts_with_role (texts, PRECIS_CHART_TEXT_CLASS);
      guint n = precis_chart_get_n_bars (chart);

      /* At the natural size every class has its row and its value. */
      g_assert_cmpuint (n, ==, precis_chart_model_get_n_classes (model));
      g_assert_cmpuint (values->len, ==, n);
      g_assert_cmpuint (names->len, ==, n);
      for (guint r = 0; r < n; r++)
        {
          guint klass;
          const PrecisChartCategory *c;
          g_autofree char *want = NULL;

          g_assert_true (precis_chart_get_bar (chart, r, NULL, NULL, NULL, NULL, &klass));
          c = precis_chart_model_get_class (model, klass);
          want = expected_value (kinds[k], c);
          g_assert_cmpstr (g_ptr_array_index (values, r), ==, want);
          g_assert_cmpstr (g_ptr_array_index (names, r), ==, c->name);
        }
    }
}

static void
test_headline (void)
{
  g_autoptr(PrecisChartModel) model = load_cartucho ();
  const PrecisChartSummary *s = precis_chart_model_get_summary (model);
  g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PERFORMANCE);
  g_autoptr(GPtrArray) texts = render_text (chart);
  g_autoptr(GPtrArray) headline = texts_with_role (texts, PRECIS_CHART_TEXT_HEADLINE);
  g_autoptr(GPtrArray) reference = texts_with_role (texts, PRECIS_CHART_TEXT_REFERENCE);
  g_autoptr(GPtrArray) title = texts_with_role (texts, PRECIS_CHART_TEXT_TITLE);
  g_autofree char *want_title = precis_chart_dup_title (chart);
  g_autofree char *want = g_strdup_printf ("mAP@0.50 %.3f   mAR@0.50 %.3f   mean F1 %.3f   over %u classes",
                                           s->map, s->mar, s->mean_f1, n_counted (model));
  g_autofree char *want_ref = g_strdup_printf ("mAP %.3f", s->map);
  PrecisChartText *first = g_ptr_array_index (texts, 0);

  g_assert_cmpuint (headline->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headline, 0), ==, want);
  g_assert_cmpuint (reference->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (reference, 0), ==, want_ref);
  g_assert_cmpuint (title->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (title, 0), ==, want_title);
  /* The title is drawn first, at the top-left margin. */
  g_assert_cmpint (first->role, ==, PRECIS_CHART_TEXT_TITLE);
  g_assert_cmpfloat (first->x, ==, 18.0);
  g_assert_cmpstr (precis_chart_text_role_to_string (PRECIS_CHART_TEXT_VALUE), ==, "value");
}

static void
test_outcomes_headline (void)
{
  g_autoptr(PrecisChartModel) model = load_cartucho ();
  const PrecisChartSummary *s = precis_chart_model_get_summary (model);
  g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_OUTCOMES);
  g_autoptr(GPtrArray) texts = render_text (chart);
  g_autoptr(GPtrArray) headline = texts_with_role (texts, PRECIS_CHART_TEXT_HEADLINE);
  g_autofree char *tp = g_strdup_printf ("true positive %u", s->tp);
  g_autofree char *fn = g_strdup_printf ("false negative %u", s->fn);
  g_autofree char *fp = g_strdup_printf ("false positive %u", s->fp);

  g_assert_cmpuint (headline->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (headline, 0), ==, tp);
  g_assert_cmpstr (g_ptr_array_index (headline, 1), ==, fn);
  g_assert_cmpstr (g_ptr_array_index (headline, 2), ==, fp);
}

static void
test_pr_legend (void)
{
  g_autoptr(PrecisChartModel) model = load_cartucho ();
  const PrecisChartSummary *s = precis_chart_model_get_summary (model);
  g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PR_CURVE);
  g_autoptr(GPtrArray) texts = render_text (chart);
  g_autoptr(GPtrArray) headline = texts_with_role (texts, PRECIS_CHART_TEXT_HEADLINE);
  g_autoptr(GPtrArray) legend = texts_with_role (texts, PRECIS_CHART_TEXT_LEGEND);
  g_autofree char *want = g_strdup_printf ("mAP@0.50 %.3f (area under the mean curve)   %u classes",
                                           s->map, n_counted (model));
  g_autofree char *want_mean = g_strdup_printf ("mAP %.3f", s->map);
  gboolean found_mean = FALSE;

  g_assert_cmpuint (headline->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headline, 0), ==, want);
  for (guint i = 0; i < legend->len; i++)
    found_mean |= g_strcmp0 (g_ptr_array_index (legend, i), want_mean) == 0;
  g_assert_true (found_mean);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-text/bar-values", test_bar_values);
  g_test_add_func ("/chart-text/headline", test_headline);
  g_test_add_func ("/chart-text/outcomes-headline", test_outcomes_headline);
  g_test_add_func ("/chart-text/pr-legend", test_pr_legend);

  return g_test_run ();
}

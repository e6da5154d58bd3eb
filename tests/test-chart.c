/* test-chart.c: chart model, renderer, golden images, hit testing, PNG export, CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model and drawing on a fixed synthetic evaluation; test-chart-cli.c:
 * charts from a real evaluation and through precis-cli.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-active.h"
#include "precis-chart.h"
#include "precis-palette.h"
#include "precis-png.h"
#include "precis-test-files.h"
#include "precis-test-json.h"
#include "test-chart.h"

/* ------------------------------------------------------------------------ */
/* A fixed synthetic evaluation                                              */
/* ------------------------------------------------------------------------ */

/* Five classes that exercise every case (inputs, not results):
 *  person:  4 GT; ranked TP FP TP TP FP at scores .9 .8 .7 .6 .3
 *  bicycle: 2 GT; ranked TP TP at .95 .5
 *  long:    3 GT; ranked FP at .4 (a name too long for the label column)
 *  dog:     no GT; ranked FP at .85
 *  cat:     5 GT; no prediction */
static const double person_score[] = { 0.9, 0.8, 0.7, 0.6, 0.3 };
static const guint8 person_tp[] = { 1, 0, 1, 1, 0 };
static const double bicycle_score[] = { 0.95, 0.5 };
static const guint8 bicycle_tp[] = { 1, 1 };
static const double long_score[] = { 0.4 };
static const guint8 long_tp[] = { 0 };
static const double dog_score[] = { 0.85 };
static const guint8 dog_tp[] = { 0 };

#define LONG_NAME "a class name much too long to fit in the label column of any chart"

/* SEMANTICS.md §3 P, R, F1 from counts. */
static void
fill_metrics (PrecisChartCategory *c)
{
  c->precision = c->tp + c->fp > 0 ? (double) c->tp / (c->tp + c->fp) : 0;
  c->recall = c->n_gt > 0 ? (double) c->tp / c->n_gt : 0;
  c->f1 = c->precision + c->recall > 0 ? 2 * c->precision * c->recall / (c->precision + c->recall) : 0;
}

/* @n: how many of the five classes (1 = person only); @with_predictions FALSE
 * drops every prediction. */
static PrecisChartModel *
make_model (guint    n,
            gboolean with_predictions)
{
  PrecisChartCategory c[5] = { { 0 } };
  PrecisChartSummary s = { 0 };
  double sum_ap = 0, sum_r = 0, sum_f1 = 0;

  c[0] = (PrecisChartCategory) { .name = "person", .id = 1, .category = 0, .counted = TRUE, .n_gt = 4,
                                 .n_predictions = 5, .tp = 3, .fp = 2, .fn = 1,
                                 .n_ranks = 5, .rank_score = person_score, .rank_tp = person_tp };
  c[1] = (PrecisChartCategory) { .name = "bicycle", .id = 2, .category = 1, .counted = TRUE, .n_gt = 2,
                                 .n_predictions = 2, .tp = 2, .fp = 0, .fn = 0,
                                 .n_ranks = 2, .rank_score = bicycle_score, .rank_tp = bicycle_tp };
  c[2] = (PrecisChartCategory) { .name = LONG_NAME, .id = 3, .category = 2, .counted = TRUE, .n_gt = 3,
                                 .n_predictions = 1, .tp = 0, .fp = 1, .fn = 3,
                                 .n_ranks = 1, .rank_score = long_score, .rank_tp = long_tp };
  c[3] = (PrecisChartCategory) { .name = "dog", .id = 4, .category = 3, .counted = TRUE, .n_gt = 0,
                                 .n_predictions = 1, .tp = 0, .fp = 1, .fn = 0,
                                 .n_ranks = 1, .rank_score = dog_score, .rank_tp = dog_tp };
  c[4] = (PrecisChartCategory) { .name = "cat", .id = 5, .category = 4, .counted = TRUE, .n_gt = 5,
                                 .n_predictions = 0, .tp = 0, .fp = 0, .fn = 5 };

  /* AP@t by hand (101-point, SEMANTICS.md §3):
   * person: cumulative (R, P) = (.25, 1) (.25, .5) (.5, 2/3) (.75, .75) (.75, .6);
   *   envelope 1 .75 .75 .75 .6: recall points 0–.25 (26 of them) → 1,
   *   .26–.75 (50) → .75, .76–1 (25) → 0: AP = (26 + 37.5) / 101 = 63.5 / 101.
   * bicycle: (.5, 1) (1, 1): every point → 1, AP = 1.
   * The first rank's precision is 1 / (1 + 2⁻⁵²) in pycocotools; the 1e-12
   * tolerances of the tests absorb it. */
  c[0].ap = 63.5 / 101;
  c[1].ap = 1.0;

  for (guint i = 0; i < 5; i++)
    {
      if (!with_predictions)
        {
          c[i].fn += c[i].tp;
          c[i].tp = c[i].fp = 0;
          c[i].n_predictions = 0;
          c[i].n_ranks = 0;
          c[i].rank_score = NULL;
          c[i].rank_tp = NULL;
          c[i].ap = 0;
          c[i].counted = c[i].n_gt > 0;
        }
      fill_metrics (&c[i]);
    }

  s.dataset = "synthetic";
  s.model = "detector-v1";
  s.protocol = "active";
  s.iou_type = "bbox";
  s.threshold = 0.5;
  s.n_categories = 5;
  for (guint i = 0; i < n; i++)
    {
      if (!c[i].counted)
        continue;
      sum_ap += c[i].ap;
      sum_r += c[i].recall;
      sum_f1 += c[i].f1;
      s.tp += c[i].tp;
      s.fp += c[i].fp;
      s.fn += c[i].fn;
    }
  {
    guint counted = 0;

    for (guint i = 0; i < n; i++)
      counted += c[i].counted ? 1 : 0;
    if (counted > 0)
      {
        s.map = sum_ap / counted;
        s.mar = sum_r / counted;
        s.mean_f1 = sum_f1 / counted;
      }
  }

  if (!with_predictions)
    {
      /* Drop dog: without predictions a class without GT is not counted. */
      PrecisChartCategory kept[5];
      guint k = 0;

      for (guint i = 0; i < n; i++)
        if (c[i].counted)
          kept[k++] = c[i];
      return precis_chart_model_new (&s, kept, k);
    }
  return precis_chart_model_new (&s, c, n);
}

/* ------------------------------------------------------------------------ */
/* Model                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_model_derived (void)
{
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);
  const PrecisChartCategory *person = precis_chart_model_get_class (model, 0);
  const PrecisChartSummary *s = precis_chart_model_get_summary (model);
  /* Envelope by hand: see make_model (). */
  const double envelope[] = { 1, 0.75, 0.75, 0.75, 0.6 };
  /* F1 at each distinct score = 2 TP / (ranks + GT): 2/5, 2/6, 4/7, 6/8, 6/9. */
  const double f1[] = { 2.0 / 5, 2.0 / 6, 4.0 / 7, 6.0 / 8, 6.0 / 9 };
  double ap = 0;

  g_assert_cmpuint (precis_chart_model_get_n_classes (model), ==, 5);
  g_assert_cmpuint (person->n_ranks, ==, 5);
  for (guint k = 0; k < 5; k++)
    g_assert_cmpfloat_with_epsilon (person->rank_envelope[k], envelope[k], 1e-12);
  /* Recall .5 at rank 3 with 4 GT: 2 TP / 4. */
  g_assert_cmpfloat_with_epsilon (person->rank_recall[2], 0.5, 1e-15);

  for (guint i = 0; i < 101; i++)
    ap += person->precision_101[i];
  g_assert_cmpfloat_with_epsilon (ap / 101, 63.5 / 101, 1e-12);
  /* Points 0–25 (recall ≤ .25) → 1, 26–75 → .75, 76–100 → 0. */
  g_assert_cmpfloat_with_epsilon (person->precision_101[25], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (person->precision_101[26], 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (person->precision_101[75], 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (person->precision_101[76], 0.0, 1e-12);

  g_assert_cmpuint (person->n_f1, ==, 5);
  for (guint k = 0; k < 5; k++)
    {
      g_assert_cmpfloat (person->f1_score[k], ==, person_score[k]);
      g_assert_cmpfloat_with_epsilon (person->f1_value[k], f1[k], 1e-12);
    }

  /* Overall mean F1 against s, by hand over the merged scores (4 classes with
   * GT always counted; dog counted from s = .85, when its prediction enters):
   *   .95: bicycle 2/3               → (2/3) / 4
   *   .9:  + person 2/5              → (2/3 + 2/5) / 4
   *   .85: dog enters (F1 0)         → (2/3 + 2/5) / 5
   *   .8:  person 1/3                → (2/3 + 1/3) / 5 = .2
   *   .7:  person 4/7, .6: person 3/4, .5: bicycle 1 → (1 + 3/4) / 5 = .35
   *   .4:  long stays 0              → .35
   *   .3:  person 2/3                → (1 + 2/3) / 5
   * Best: .35, first reached at s = .5 (ties go to the larger s). */
  g_assert_cmpuint (s->n_f1, ==, 9);
  g_assert_cmpfloat_with_epsilon (s->f1_mean[0], (2.0 / 3) / 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->f1_mean[2], (2.0 / 3 + 2.0 / 5) / 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->f1_mean[3], 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (s->f1_mean[8], (1 + 2.0 / 3) / 5, 1e-12);
  g_assert_cmpfloat (s->best_confidence, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (s->best_f1, 0.35, 1e-12);
  /* At s below every score the curve is the evaluation's mean F1. */
  g_assert_cmpfloat_with_epsilon (s->f1_mean[8], s->mean_f1, 1e-12);
}

static void
test_kind_names (void)
{
  const char *expected[] = { "performance", "precision", "recall", "pr-curve", "outcomes", "f1-confidence" };

  for (guint k = 0; k < PRECIS_N_CHART_KINDS; k++)
    {
      PrecisChartKind back = PRECIS_N_CHART_KINDS;

      g_assert_cmpstr (precis_chart_kind_to_string (k), ==, expected[k]);
      g_assert_true (precis_chart_kind_from_string (expected[k], &back));
      g_assert_cmpint (back, ==, k);
    }
  g_assert_false (precis_chart_kind_from_string ("pie", NULL));
}

static void
test_titles (void)
{
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);

  for (guint k = 0; k < PRECIS_N_CHART_KINDS; k++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (model, k);
      g_autofree char *title = precis_chart_dup_title (chart);
      g_autofree char *subtitle = precis_chart_dup_subtitle (chart);

      g_assert_cmpuint (strlen (title), >, 0);
      /* Dataset, model, protocol, IoU threshold and classes. */
      g_assert_nonnull (strstr (subtitle, "synthetic"));
      g_assert_nonnull (strstr (subtitle, "detector-v1"));
      g_assert_nonnull (strstr (subtitle, "active"));
      g_assert_nonnull (strstr (subtitle, "0.50"));
      g_assert_nonnull (strstr (subtitle, "5 classes"));
    }
}

/* ------------------------------------------------------------------------ */
/* Golden images                                                             */
/* ------------------------------------------------------------------------ */

static cairo_surface_t *
render (PrecisChart *chart,
        double       width,
        double       height,
        double       scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    precis_chart_get_natural_size (chart, width <= 0 ? &width : NULL, height <= 0 ? &height : NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale), (int) ceil (height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  precis_chart_render (chart, cr, width, height, scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* A pixel differs when a channel differs by more than this (antialiasing
 * noise between FreeType builds stays below); an image differs when more than
 * MAX_BAD_PIXELS of its pixels do. One changed digit of a label (0.50 → 0.51)
 * changes 24 to 128 such pixels in these charts (measured by adding 0.01 to
 * the bar labels and to the headline mAP, issue 21), so no changed digit
 * passes; on the machine that made the goldens every image matches exactly. */
#define CHANNEL_TOLERANCE 24
#define MAX_BAD_PIXELS 4

static void
compare_golden (cairo_surface_t *actual,
                const char      *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "data", "golden", file, NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *golden;
  cairo_surface_t *diff;
  int w, h, n_bad = 0;

  if (g_getenv ("PRECIS_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (precis_png_save (actual, golden_path, NULL, 0, PRECIS_PNG_SAVE_OVERWRITE, &error));
      g_assert_no_error (error);
      g_test_message ("updated %s", golden_path);
      return;
    }

  golden = precis_png_load_surface (golden_path, &error);
  g_assert_no_error (error);
  w = cairo_image_surface_get_width (actual);
  h = cairo_image_surface_get_height (actual);
  g_assert_cmpint (cairo_image_surface_get_width (golden), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (golden), ==, h);

  diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  for (int y = 0; y < h; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (actual) + y * cairo_image_surface_get_stride (actual));
      const guint32 *g = (const guint32 *) (cairo_image_surface_get_data (golden) + y * cairo_image_surface_get_stride (golden));
      guint32 *d = (guint32 *) (cairo_image_surface_get_data (diff) + y * cairo_image_surface_get_stride (diff));

      for (int x = 0; x < w; x++)
        {
          int worst = 0;

          for (int shift = 0; shift < 32; shift += 8)
            worst = MAX (worst, ABS ((int) ((a[x] >> shift) & 0xff) - (int) ((g[x] >> shift) & 0xff)));
          if (worst > CHANNEL_TOLERANCE)
            {
              n_bad++;
              d[x] = 0xffff0000;
            }
          else
            {
              /* The golden, faded, so that the red differences stand out. */
              guint v = 192 + (((g[x] >> 8) & 0xff) >> 2);

              d[x] = 0xff000000 | v << 16 | v << 8 | v;
            }
        }
    }
  cairo_surface_mark_dirty (diff);

  if (n_bad > MAX_BAD_PIXELS)
    {
      g_autofree char *actual_name = g_strconcat ("golden-", name, "-actual.png", NULL);
      g_autofree char *diff_name = g_strconcat ("golden-", name, "-diff.png", NULL);
      g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, actual_name, NULL);
      g_autofree char *diff_path = g_test_build_filename (G_TEST_BUILT, diff_name, NULL);

      precis_png_save (actual, actual_path, NULL, 0, PRECIS_PNG_SAVE_OVERWRITE, NULL);
      precis_png_save (diff, diff_path, NULL, 0, PRECIS_PNG_SAVE_OVERWRITE, NULL);
      g_test_message ("%s: %d of %d pixels differ; see %s and %s", name, n_bad, w * h, actual_path, diff_path);
    }
  g_assert_cmpint (n_bad, <=, MAX_BAD_PIXELS);

  cairo_surface_destroy (diff);
  cairo_surface_destroy (golden);
}

static void
test_golden_kinds (void)
{
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);

  for (guint k = 0; k < PRECIS_N_CHART_KINDS; k++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (model, k);
      cairo_surface_t *s = render (chart, 0, 0, 1);

      compare_golden (s, precis_chart_kind_to_string (k));
      cairo_surface_destroy (s);
    }
}

static void
test_golden_states (void)
{
  g_autoptr(PrecisChartModel) empty = make_model (0, TRUE);
  g_autoptr(PrecisChartModel) one = make_model (1, TRUE);
  g_autoptr(PrecisChartModel) none = make_model (5, FALSE);
  g_autoptr(PrecisChartModel) full = make_model (5, TRUE);
  struct {
    PrecisChartModel *model;
    PrecisChartKind   kind;
    const char       *name;
    double            width, height, scale;
  } cases[] = {
    { empty, PRECIS_CHART_PERFORMANCE, "empty-performance", 0, 0, 1 },
    { empty, PRECIS_CHART_PR_CURVE, "empty-pr-curve", 0, 0, 1 },
    { one, PRECIS_CHART_PERFORMANCE, "one-class-performance", 0, 0, 1 },
    { one, PRECIS_CHART_PR_CURVE, "one-class-pr-curve", 0, 0, 1 },
    { none, PRECIS_CHART_PERFORMANCE, "no-predictions-performance", 0, 0, 1 },
    { none, PRECIS_CHART_F1_CONFIDENCE, "no-predictions-f1-confidence", 0, 0, 1 },
    /* Crisp at scale 2: the same layout, twice the pixels. */
    { full, PRECIS_CHART_OUTCOMES, "outcomes-scale2", 0, 0, 2 },
    /* Too short for five rows at the minimum row height: the best and the
     * worst classes with the middle summarised. */
    { full, PRECIS_CHART_PRECISION, "precision-short", 520, 222, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (cases[i].model, cases[i].kind);
      cairo_surface_t *s = render (chart, cases[i].width, cases[i].height, cases[i].scale);

      compare_golden (s, cases[i].name);
      cairo_surface_destroy (s);
    }
}

static void
test_scale_same_layout (void)
{
  /* Scale 2 draws the scale-1 layout: downsampled 2 × 2, it matches scale 1
   * except for antialiasing at edges (under 3 % of the pixels). */
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);
  g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PERFORMANCE);
  cairo_surface_t *s1 = render (chart, 0, 0, 1);
  cairo_surface_t *s2 = render (chart, 0, 0, 2);
  int w = cairo_image_surface_get_width (s1), h = cairo_image_surface_get_height (s1);
  int n_bad = 0;

  g_assert_cmpint (cairo_image_surface_get_width (s2), ==, 2 * w);
  g_assert_cmpint (cairo_image_surface_get_height (s2), ==, 2 * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p1 = cairo_image_surface_get_data (s1) + y * cairo_image_surface_get_stride (s1) + 4 * x;
        int worst = 0;

        for (int c = 0; c < 3; c++)
          {
            int sum = 0;

            for (int dy = 0; dy < 2; dy++)
              for (int dx = 0; dx < 2; dx++)
                sum += (cairo_image_surface_get_data (s2) + (2 * y + dy) * cairo_image_surface_get_stride (s2) + 4 * (2 * x + dx))[c];
            worst = MAX (worst, ABS (sum / 4 - p1[c]));
          }
        if (worst > 64)
          n_bad++;
      }
  g_assert_cmpint (n_bad, <, w * h * 3 / 100);

  cairo_surface_destroy (s1);
  cairo_surface_destroy (s2);
}

/* ------------------------------------------------------------------------ */
/* Hit testing and bar geometry                                              */
/* ------------------------------------------------------------------------ */

static guint32
pixel (cairo_surface_t *s,
       double           x,
       double           y)
{
  return ((guint32 *) (cairo_image_surface_get_data (s) + (int) y * cairo_image_surface_get_stride (s)))[(int) x];
}

static guint32
role_pixel (PrecisPaletteRole role)
{
  const PrecisRgba *c = precis_palette_get (role);

  return 0xff000000 | (guint32) lround (c->red * 255) << 16 | (guint32) lround (c->green * 255) << 8 |
         (guint32) lround (c->blue * 255);
}

static void
test_hit_test_bars (void)
{
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);
  PrecisChartKind kinds[] = { PRECIS_CHART_PERFORMANCE, PRECIS_CHART_PRECISION, PRECIS_CHART_RECALL, PRECIS_CHART_OUTCOMES };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (model, kinds[k]);
      g_autofree char *json = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonArray *bars;
      cairo_surface_t *s;
      guint index;
      double value;

      /* Nothing is hit before the first render. */
      g_assert_false (precis_chart_hit_test (chart, 300, 150, &index, &value));
      g_assert_cmpuint (precis_chart_get_n_bars (chart), ==, 0);

      s = render (chart, 0, 0, 1);
      json = precis_chart_to_json (chart);
      root = parse_json (json);
      bars = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "plotted"), "bars");

      g_assert_cmpuint (precis_chart_get_n_bars (chart), ==, 5);
      g_assert_cmpuint (json_array_get_length (bars), ==, 5);
      for (guint i = 0; i < 5; i++)
        {
          double x, y, w, h;
          guint klass = G_MAXUINT, hit = G_MAXUINT;
          const PrecisChartCategory *c;

          g_assert_true (precis_chart_get_bar (chart, i, &x, &y, &w, &h, &klass));
          c = precis_chart_model_get_class (model, klass);
          /* Bars are drawn top to bottom in the order the JSON lists them. */
          g_assert_cmpint (c->id, ==, json_object_get_int_member (json_array_get_object_element (bars, i), "id"));
          if (i > 0)
            {
              double py;

              precis_chart_get_bar (chart, i - 1, NULL, &py, NULL, NULL, NULL);
              g_assert_cmpfloat (py, <, y);
            }

          /* The hit test at the bar's centre names its class. */
          g_assert_true (precis_chart_hit_test (chart, x + w / 2, y + h / 2, &hit, &value));
          g_assert_cmpuint (hit, ==, klass);

          if (kinds[k] == PRECIS_CHART_OUTCOMES)
            {
              /* The first segment is TP (when there is one), drawn in the TP colour. */
              if (c->tp > 0)
                {
                  double tp_w = w * c->tp / (c->tp + c->fn + c->fp);

                  g_assert_true (precis_chart_hit_test (chart, x + tp_w / 2, y + h / 2, &hit, &value));
                  g_assert_cmpfloat (value, ==, c->tp);
                  g_assert_cmphex (pixel (s, x + tp_w / 2, y + 2), ==, role_pixel (PRECIS_PALETTE_TP));
                }
            }
          else
            {
              double expected = kinds[k] == PRECIS_CHART_PERFORMANCE ? c->ap :
                                kinds[k] == PRECIS_CHART_PRECISION ? c->precision : c->recall;

              g_assert_cmpfloat (value, ==, expected);
              /* A visible bar is really there, in the accent colour (the
               * pixel under its top-left quarter, clear of the value label
               * and the reference line). */
              if (w >= 8)
                g_assert_cmphex (pixel (s, x + 3, y + 2), ==, role_pixel (PRECIS_PALETTE_ACCENT));
            }
        }

      /* Empty space: the title area. */
      g_assert_false (precis_chart_hit_test (chart, 5, 5, &index, &value));
      cairo_surface_destroy (s);
    }
}

static void
test_hit_test_summary (void)
{
  /* 520 × 222 leaves room for three rows of five classes (see the golden
   * precision-short.png): the best, a summary of the middle three, the worst. */
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);
  g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PRECISION);
  cairo_surface_t *s = render (chart, 520, 222, 1);
  double x, y, w, h, value;
  guint klass = 0, hit;

  g_assert_cmpuint (precis_chart_get_n_bars (chart), ==, 3);
  g_assert_false (precis_chart_get_bar (chart, 1, &x, &y, &w, &h, &klass));
  g_assert_cmpuint (klass, ==, G_MAXUINT);
  /* Sorted by precision, ties by name: bicycle 1, person .6, then the long
   * name, cat and dog at 0 (make_model ()): person, the long name and cat are
   * summarised, dog is the last row. The summary row is no class. */
  g_assert_false (precis_chart_hit_test (chart, x + 1, y + h / 2, &hit, &value));
  g_assert_true (precis_chart_get_bar (chart, 0, &x, &y, &w, &h, &klass));
  g_assert_cmpint (precis_chart_model_get_class (model, klass)->id, ==, 2);  /* bicycle, P = 1 */
  g_assert_true (precis_chart_hit_test (chart, x + w / 2, y + h / 2, &hit, &value));
  g_assert_cmpuint (hit, ==, klass);
  cairo_surface_destroy (s);
}

static void
test_hit_test_lines (void)
{
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);
  g_autoptr(PrecisChart) pr = precis_chart_new (model, PRECIS_CHART_PR_CURVE);
  g_autoptr(PrecisChart) f1 = precis_chart_new (model, PRECIS_CHART_F1_CONFIDENCE);
  cairo_surface_t *s;
  double x, y, w, h, value = -1;
  guint klass = G_MAXUINT;

  g_assert_false (precis_chart_get_plot_area (pr, &x, &y, &w, &h));

  /* PR: person's envelope is .75 over recall (.25, .75] (make_model ()); at
   * recall .5 the point on it names person (class 0) with that precision. */
  s = render (pr, 0, 0, 1);
  g_assert_true (precis_chart_get_plot_area (pr, &x, &y, &w, &h));
  g_assert_true (precis_chart_hit_test (pr, x + 0.5 * w, y + (1 - 0.75) * h, &klass, &value));
  g_assert_cmpuint (klass, ==, 0);
  g_assert_cmpfloat_with_epsilon (value, 0.75, 1e-12);
  /* Bicycle (class 1) runs at precision 1 up to recall 1. */
  g_assert_true (precis_chart_hit_test (pr, x + 0.9 * w, y + 2, &klass, &value));
  g_assert_cmpuint (klass, ==, 1);
  /* Far from every curve: nothing. */
  g_assert_false (precis_chart_hit_test (pr, x + 0.5 * w, y + (1 - 0.45) * h, &klass, &value));
  cairo_surface_destroy (s);

  /* F1: person's F1 is 3/4 for s in (.3, .6] (make_model (): 6 / 8 at
   * score .6, the next score being .3). */
  s = render (f1, 0, 0, 1);
  g_assert_true (precis_chart_get_plot_area (f1, &x, &y, &w, &h));
  g_assert_true (precis_chart_hit_test (f1, x + 0.45 * w, y + (1 - 0.75) * h, &klass, &value));
  g_assert_cmpuint (klass, ==, 0);
  g_assert_cmpfloat_with_epsilon (value, 0.75, 1e-12);
  cairo_surface_destroy (s);
}

/* ------------------------------------------------------------------------ */
/* Self-description and export                                               */
/* ------------------------------------------------------------------------ */

static void
test_json (void)
{
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);
  const PrecisChartSummary *s = precis_chart_model_get_summary (model);

  for (guint k = 0; k < PRECIS_N_CHART_KINDS; k++)
    {
      g_autoptr(PrecisChart) chart = precis_chart_new (model, k);
      g_autofree char *json = precis_chart_to_json (chart);
      g_autoptr(JsonNode) root = parse_json (json);
      JsonObject *o = json_node_get_object (root);
      JsonObject *plotted = json_object_get_object_member (o, "plotted");
      JsonArray *classes = json_object_get_array_member (o, "classes");

      g_assert_cmpstr (json_object_get_string_member (o, "chart"), ==, precis_chart_kind_to_string (k));
      g_assert_cmpstr (json_object_get_string_member (o, "protocol"), ==, "active");
      g_assert_cmpfloat (json_object_get_double_member (o, "iou_threshold"), ==, 0.5);
      g_assert_cmpfloat (json_object_get_double_member (o, "mAP"), ==, s->map);
      g_assert_cmpint (json_object_get_int_member (o, "TP"), ==, s->tp);
      g_assert_cmpuint (json_array_get_length (classes), ==, 5);
      for (guint i = 0; i < 5; i++)
        {
          JsonObject *c = json_array_get_object_element (classes, i);
          const PrecisChartCategory *m = precis_chart_model_get_class (model, i);

          g_assert_cmpstr (json_object_get_string_member (c, "name"), ==, m->name);
          g_assert_cmpint (json_object_get_int_member (c, "FN"), ==, m->fn);
          g_assert_cmpfloat (json_object_get_double_member (c, "AP"), ==, m->ap);
        }

      if (k == PRECIS_CHART_PERFORMANCE)
        {
          JsonArray *bars = json_object_get_array_member (plotted, "bars");

          /* Sorted by value, descending: bicycle (1), person (63.5/101), then the zeros. */
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (bars, 0), "id"), ==, 2);
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (bars, 1), "id"), ==, 1);
          for (guint i = 1; i < 5; i++)
            g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (bars, i - 1), "value"), >=,
                               json_object_get_double_member (json_array_get_object_element (bars, i), "value"));
        }
      else if (k == PRECIS_CHART_PR_CURVE)
        {
          JsonArray *mean = json_object_get_array_member (plotted, "mean_precision");
          double area = 0;

          /* The mean curve's 101-point average is mAP (both are plain means). */
          g_assert_cmpuint (json_array_get_length (mean), ==, 101);
          for (guint i = 0; i < 101; i++)
            area += json_array_get_double_element (mean, i);
          g_assert_cmpfloat_with_epsilon (area / 101, s->map, 1e-12);
        }
      else if (k == PRECIS_CHART_F1_CONFIDENCE)
        {
          g_assert_cmpfloat (json_object_get_double_member (plotted, "best_confidence"), ==, 0.5);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (plotted, "best_mean_F1"), 0.35, 1e-12);
        }
    }
}

static void
test_save_png (void)
{
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);
  g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PR_CURVE);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "pr-curve.png", NULL);
  g_autofree char *title = precis_chart_dup_title (chart);
  g_autofree char *subtitle = precis_chart_dup_subtitle (chart);
  g_autofree char *json = precis_chart_to_json (chart);
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;
  double w, h;
  guint pw = 0, ph = 0;

  precis_chart_get_natural_size (chart, &w, &h);
  g_assert_true (precis_chart_save_png (chart, path, 0, 0, 2, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_no_error (error);

  g_assert_true (precis_png_read_info (path, &pw, &ph, &texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pw, ==, (guint) ceil (2 * w));
  g_assert_cmpuint (ph, ==, (guint) ceil (2 * h));
  g_assert_cmpstr (g_hash_table_lookup (texts, "Title"), ==, title);
  g_assert_cmpstr (g_hash_table_lookup (texts, "Software"), ==, "Precis " PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (texts, "Description"), subtitle));
  created = g_date_time_new_from_iso8601 (g_hash_table_lookup (texts, "Creation Time"), NULL);
  g_assert_nonnull (created);
  g_assert_cmpstr (g_hash_table_lookup (texts, "precis:evaluation"), ==, json);

  /* An existing file is kept unless overwriting is asked for. */
  g_assert_false (precis_chart_save_png (chart, path, 0, 0, 1, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (precis_chart_save_png (chart, path, 400, 300, 1, PRECIS_PNG_SAVE_OVERWRITE, &error));
  g_assert_no_error (error);
  g_assert_true (precis_png_read_info (path, &pw, &ph, NULL, &error));
  g_assert_cmpuint (pw, ==, 400);
  g_assert_cmpuint (ph, ==, 300);

  remove_dir (dir);
}

/* The headline numbers as the reader sees them: the caption of the
 * performance chart, in the PNG's Description (subtitle, then caption text). */
static void
test_caption_text (void)
{
  g_autoptr(PrecisChartModel) model = make_model (5, TRUE);
  g_autoptr(PrecisChart) chart = precis_chart_new (model, PRECIS_CHART_PERFORMANCE);
  const PrecisChartSummary *s = precis_chart_model_get_summary (model);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "performance.png", NULL);
  g_autofree char *subtitle = precis_chart_dup_subtitle (chart);
  g_autofree char *want = NULL;
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (precis_chart_save_png (chart, path, 0, 0, 1, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (precis_png_read_info (path, NULL, NULL, &texts, &error));
  g_assert_no_error (error);
  /* Every value rounded as the caption shows it, from the model's summary. */
  want = g_strdup_printf ("%s\nmAP@%.2f %.3f   mAR@%.2f %.3f   mean F1 %.3f   over %u classes",
                          subtitle, s->threshold, s->map, s->threshold, s->mar, s->mean_f1, 5u);
  g_assert_cmpstr (g_hash_table_lookup (texts, "Description"), ==, want);

  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/model/derived", test_model_derived);
  g_test_add_func ("/chart/model/from-active", test_from_active);
  g_test_add_func ("/chart/kind-names", test_kind_names);
  g_test_add_func ("/chart/titles", test_titles);
  g_test_add_func ("/chart/golden/kinds", test_golden_kinds);
  g_test_add_func ("/chart/golden/states", test_golden_states);
  g_test_add_func ("/chart/scale", test_scale_same_layout);
  g_test_add_func ("/chart/hit-test/bars", test_hit_test_bars);
  g_test_add_func ("/chart/hit-test/lines", test_hit_test_lines);
  g_test_add_func ("/chart/hit-test/summary", test_hit_test_summary);
  g_test_add_func ("/chart/json", test_json);
  g_test_add_func ("/chart/save-png", test_save_png);
  g_test_add_func ("/chart/caption-text", test_caption_text);
  g_test_add_func ("/chart/cli/matches-eval", test_cli);
  g_test_add_func ("/chart/cli/usage", test_cli_usage);

  return g_test_run ();
}

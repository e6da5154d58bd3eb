/* test-chart-live.c: chart models that borrow the evaluator's buffers draw
 * and describe exactly what the copying model does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "precis-chart.h"
#include "precis-synth.h"

typedef struct {
  char          *dir;
  PrecisDataset *dataset;
  PrecisMatcher *matcher;
} World;

static World world;

/* A synthetic project (precis-cli synth's generator): 60 images × 40
 * predictions, 80 classes, so that the line charts draw grey class curves
 * and the F1 curve has thousands of points. */
static void
world_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  PrecisSynthParams params = { 60, 40, PRECIS_IOU_BBOX, 7 };

  world.dir = g_dir_make_tmp ("precis-chart-live-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (world.dir);
  g_assert_true (precis_synth_write (&params, file, NULL, NULL, &error));
  g_assert_no_error (error);
  world.dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (world.dataset);
  world.matcher = precis_matcher_new (world.dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (world.matcher);
}

static void
world_clear (void)
{
  g_autofree char *gt = g_build_filename (world.dir, "gt.json", NULL);
  g_autofree char *pred = g_build_filename (world.dir, "predictions.json", NULL);

  g_clear_object (&world.matcher);
  g_clear_object (&world.dataset);
  g_remove (gt);
  g_remove (pred);
  g_rmdir (world.dir);
  g_clear_pointer (&world.dir, g_free);
}

static void
assert_doubles_equal (const double *a,
                      const double *b,
                      guint         n)
{
  if (n == 0)
    return;
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpmem (a, n * sizeof (double), b, n * sizeof (double));
}

/* Everything @flags promises is in @live as in the copying model @full. */
static void
assert_models_equal (PrecisChartModel      *live,
                     PrecisChartModel      *full,
                     PrecisChartModelFlags  flags)
{
  const PrecisChartSummary *ls = precis_chart_model_get_summary (live);
  const PrecisChartSummary *fs = precis_chart_model_get_summary (full);
  guint n = precis_chart_model_get_n_classes (full);

  g_assert_cmpuint (precis_chart_model_get_n_classes (live), ==, n);
  g_assert_cmpstr (ls->dataset, ==, fs->dataset);
  g_assert_cmpstr (ls->model, ==, fs->model);
  g_assert_cmpstr (ls->selection, ==, fs->selection);
  g_assert_true (ls->threshold == fs->threshold);
  g_assert_true (ls->map == fs->map);
  g_assert_true (ls->mar == fs->mar);
  g_assert_true (ls->mean_f1 == fs->mean_f1);
  g_assert_cmpuint (ls->tp, ==, fs->tp);
  g_assert_cmpuint (ls->fp, ==, fs->fp);
  g_assert_cmpuint (ls->fn, ==, fs->fn);

  if (flags & PRECIS_CHART_MODEL_F1)
    {
      g_assert_cmpuint (ls->n_f1, ==, fs->n_f1);
      assert_doubles_equal (ls->f1_score, fs->f1_score, fs->n_f1);
      assert_doubles_equal (ls->f1_mean, fs->f1_mean, fs->n_f1);
      g_assert_true (ls->best_confidence == fs->best_confidence);
      g_assert_true (ls->best_f1 == fs->best_f1);
    }
  else
    g_assert_cmpuint (ls->n_f1, ==, 0);

  for (guint i = 0; i < n; i++)
    {
      const PrecisChartCategory *l = precis_chart_model_get_class (live, i);
      const PrecisChartCategory *f = precis_chart_model_get_class (full, i);

      g_assert_cmpstr (l->name, ==, f->name);
      g_assert_cmpint (l->id, ==, f->id);
      g_assert_cmpuint (l->tp, ==, f->tp);
      g_assert_cmpuint (l->fp, ==, f->fp);
      g_assert_cmpuint (l->fn, ==, f->fn);
      g_assert_true (l->ap == f->ap);
      g_assert_true (l->precision == f->precision);
      g_assert_true (l->recall == f->recall);
      assert_doubles_equal (l->precision_101, f->precision_101, 101);
      if (flags & PRECIS_CHART_MODEL_RANKS)
        {
          g_assert_cmpuint (l->n_ranks, ==, f->n_ranks);
          assert_doubles_equal (l->rank_score, f->rank_score, f->n_ranks);
          assert_doubles_equal (l->rank_recall, f->rank_recall, f->n_ranks);
          assert_doubles_equal (l->rank_precision, f->rank_precision, f->n_ranks);
          assert_doubles_equal (l->rank_envelope, f->rank_envelope, f->n_ranks);
        }
      else
        g_assert_cmpuint (l->n_ranks, ==, 0);
      if (flags & PRECIS_CHART_MODEL_F1)
        {
          g_assert_cmpuint (l->n_f1, ==, f->n_f1);
          assert_doubles_equal (l->f1_score, f->f1_score, f->n_f1);
          assert_doubles_equal (l->f1_value, f->f1_value, f->n_f1);
        }
      else
        g_assert_cmpuint (l->n_f1, ==, 0);
    }
}

static cairo_surface_t *
render (PrecisChartModel *model,
        PrecisChartKind   kind,
        double            scale)
{
  g_autoptr(PrecisChart) chart = precis_chart_new (model, kind);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480 * scale, 560 * scale);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  precis_chart_render (chart, cr, 480, 560, scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
assert_same_pixels (PrecisChartModel *a,
                    PrecisChartModel *b,
                    PrecisChartKind   kind)
{
  cairo_surface_t *sa = render (a, kind, 1.0);
  cairo_surface_t *sb = render (b, kind, 1.0);
  int stride = cairo_image_surface_get_stride (sa);
  int height = cairo_image_surface_get_height (sa);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (sb));
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (sa), cairo_image_surface_get_data (sb),
                           (gsize) stride * height), ==, 0);
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
}

/* At several thresholds and class selections, each partial borrowed model
 * holds what the copying model holds, and draws the same pixels. */
static void
test_live_equals_full (void)
{
  static const double thresholds[] = { 0.0, 0.5, 0.75, 0.95, 1.0 };
  static const PrecisChartModelFlags variants[] = {
    PRECIS_CHART_MODEL_CLASSES,
    PRECIS_CHART_MODEL_RANKS,
    PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_BORROW,
    PRECIS_CHART_MODEL_RANKS | PRECIS_CHART_MODEL_F1 | PRECIS_CHART_MODEL_BORROW,
    PRECIS_CHART_MODEL_CLASSES | PRECIS_CHART_MODEL_BORROW,
  };
  g_autoptr(PrecisActive) active = precis_active_new (world.matcher);
  guint n_categories = precis_dataset_get_n_categories (world.dataset);
  g_autofree guint8 *few = g_new0 (guint8, n_categories);

  /* Three classes: coloured curves with points. */
  few[0] = few[2] = few[5] = 1;

  for (guint sel = 0; sel < 2; sel++)
    for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
      {
        g_autoptr(PrecisChartModel) full = NULL;

        precis_active_set_classes (active, sel == 0 ? NULL : few);
        precis_active_set_threshold (active, thresholds[t]);
        full = precis_chart_model_new_from_active (active);
        g_assert_cmpuint (precis_chart_model_get_n_classes (full), >, 0);

        for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
          {
            g_autoptr(PrecisChartModel) live = precis_chart_model_new_from_active_flags (active, variants[v]);

            assert_models_equal (live, full, variants[v]);
            assert_same_pixels (live, full, PRECIS_CHART_PERFORMANCE);
            assert_same_pixels (live, full, PRECIS_CHART_OUTCOMES);
            if (variants[v] & PRECIS_CHART_MODEL_RANKS)
              assert_same_pixels (live, full, PRECIS_CHART_PR_CURVE);
            if (variants[v] & PRECIS_CHART_MODEL_F1)
              assert_same_pixels (live, full, PRECIS_CHART_F1_CONFIDENCE);
          }
      }
}

/* A borrowed model keeps its evaluator alive; dropping it frees only what
 * it computed (valgrind / ASan check the rest). */
static void
test_live_keeps_active (void)
{
  PrecisActive *active = precis_active_new (world.matcher);
  PrecisChartModel *live;

  g_object_add_weak_pointer (G_OBJECT (active), (gpointer *) &active);
  live = precis_chart_model_new_from_active_flags (active, PRECIS_CHART_MODEL_RANKS |
                                                           PRECIS_CHART_MODEL_F1 |
                                                           PRECIS_CHART_MODEL_BORROW);
  g_object_unref (active);
  g_assert_nonnull (active);
  g_assert_cmpuint (precis_chart_model_get_n_classes (live), >, 0);
  g_object_unref (live);
  g_assert_null (active);
}

static PrecisChartModel *
named_model (const char *dataset)
{
  static const double score[] = { 0.9, 0.8 };
  static const guint8 tp[] = { 1, 0 };
  PrecisChartSummary summary = { .dataset = dataset, .model = "predictions", .protocol = "active",
                                 .iou_type = "bbox", .threshold = 0.5, .selection = "all 80 classes" };
  PrecisChartCategory c = { .name = "person", .id = 1, .counted = TRUE, .n_gt = 2, .n_predictions = 2,
                            .tp = 1, .fp = 1, .fn = 1, .n_ranks = 2, .rank_score = score, .rank_tp = tp };

  return precis_chart_model_new (&summary, &c, 1);
}

/* A subtitle too long for a 480-px card takes a second line: the plot moves
 * down (the header grows by one 15-px subtitle line, draw_header(); bar charts
 * may then give a row less room) instead of the classes being cut off; a wide
 * chart keeps one line. */
static void
test_subtitle_wraps (void)
{
  g_autoptr(PrecisChartModel) short_model = named_model ("coco");
  g_autoptr(PrecisChartModel) long_model = named_model ("coco2017-val-detections-yolov8x-extra-large-tta-640px-run-2026-11-26");

  for (PrecisChartKind k = 0; k < PRECIS_N_CHART_KINDS; k++)
    {
      g_autoptr(PrecisChart) a = precis_chart_new (short_model, k);
      g_autoptr(PrecisChart) b = precis_chart_new (long_model, k);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 700);
      double ya = 0, yb = 0, ha = 0, hb = 0;
      cairo_t *cr;

      for (guint wide = 0; wide < 2; wide++)
        {
          double width = wide ? 1600 : 480;

          cr = cairo_create (surface);
          precis_chart_render (a, cr, width, 700, 1);
          precis_chart_render (b, cr, width, 700, 1);
          cairo_destroy (cr);
          g_assert_true (precis_chart_get_plot_area (a, NULL, &ya, NULL, NULL));
          g_assert_true (precis_chart_get_plot_area (b, NULL, &yb, NULL, NULL));
          if (wide)
            g_assert_cmpfloat_with_epsilon (yb, ya, 1e-9);
          else
            g_assert_cmpfloat (yb, >, ya + 5);
        }
      /* At the natural width (720 or 760 px) the short subtitle fits and the
       * long one does not: its natural height has the extra line. */
      precis_chart_get_natural_size (a, NULL, &ha);
      precis_chart_get_natural_size (b, NULL, &hb);
      g_assert_cmpfloat_with_epsilon (hb - ha, 15, 1e-9);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  world_init ();

  g_test_add_func ("/chart-live/equals-full", test_live_equals_full);
  g_test_add_func ("/chart-live/keeps-active", test_live_keeps_active);
  g_test_add_func ("/chart-live/subtitle-wraps", test_subtitle_wraps);

  ret = g_test_run ();
  world_clear ();
  return ret;
}

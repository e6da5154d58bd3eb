/* precis-chart-private.h: internals shared by the chart files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the chart code is laid out:
 *   precis-chart.c         the public PrecisChart API: kinds, render, hit test,
 *                          to_json, save_png; it dispatches to a family
 *   precis-chart-model.c   PrecisChartModel: per-class values and the summary
 *   precis-chart-common.c  text (cached Pango layouts), pixel snapping, ticks,
 *                          the header (title, subtitle, caption), empty-state
 *                          messages, legends
 *   precis-chart-path.c    polylines simplified per device column
 *   precis-chart-<family>.c one file per chart family (bars, curves)
 *
 * Adding a chart family (compare, error, confusion matrix, …):
 *   1. add its kinds to PrecisChartKind (precis-chart.h) and kind_names[]
 *      and the title/subtitle/caption switches (precis-chart-common.c);
 *   2. write precis-chart-<family>.c defining a `const PrecisChartFamily
 *      _precis_chart_<family>_family` (natural size, draw, hit test, the
 *      "plotted" member of to_json), drawing with the _precis_chart_text_*()
 *      helpers so that its strings land in the text layer;
 *   3. declare it below and return it from _precis_chart_family();
 *   4. add the file to src/core/meson.build.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "precis-chart.h"
#include "precis-palette.h"

G_BEGIN_DECLS

#define N_POINTS 101

struct _PrecisChartModel
{
  GObject             parent_instance;

  PrecisChartSummary  summary;
  guint               n_classes;
  PrecisChartCategory   *classes;

  /* Borrowed models (precis_chart_model_new_from_active_flags() with
   * %PRECIS_CHART_MODEL_BORROW) point into @active's buffers: @borrowed holds
   * the classes as given, so that only what the model computed itself is freed. */
  PrecisActive       *active;
  PrecisChartCategory   *borrowed;
  gboolean            borrowed_curve;

  /* Derived. */
  double              mean_101[N_POINTS];
  guint               n_counted;
  guint               n_gt;
  guint               n_predictions;
  guint               n_ranks;
};

#define FONT_FAMILY "DejaVu Sans"
#define MARGIN 18.0
#define ROW_NATURAL 16.0
#define ROW_MIN 12.5
#define HIT_SLOP 8.0
#define REF_BAND 20.0

typedef enum {
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_BODY,
  FONT_LABEL,
  FONT_TICK,
  FONT_SMALL,
  FONT_MESSAGE,
  N_FONTS
} FontRole;

typedef struct _HairMask HairMask;

typedef struct {
  cairo_t              *cr;
  PangoContext         *context;
  PangoFontDescription *const *fonts;
  double                scale;
  HairMask             *hair;   /* set: resampled curves go there, not to cr */
  /* The text layer: every string drawn goes to @texts (PrecisChartText,
   * when not NULL) with the role the caller set last, at its position under
   * @to_chart (device to chart coordinates). */
  GArray               *texts;
  PrecisChartTextRole   role;
  cairo_matrix_t        to_chart;
} Painter;

/* The faint curves of many classes drawn straight into an A8 coverage mask,
 * one device-pixel column at a time: each segment of a curve resampled per
 * column covers the rows between its ends, widened by half a pixel (the
 * fractional rows get fractional coverage, as antialiasing gives), and a pixel
 * keeps the largest coverage of any curve (the union, as the opaque group of
 * strokes it replaces). Painting the mask once costs what stroking 80 curves
 * cost ten times over. */
struct _HairMask {
  guint8 *data;
  int     stride;
  int     width;
  int     height;
  double  ox, oy;   /* user coordinates of the mask's origin */
  double  scale;
};

typedef struct {
  double max;
  double step;
  guint  n;
  int    decimals;
} Ticks;

typedef struct {
  double x, y, width, height;
} Box;

/* One drawn row of a bar chart. */
typedef struct {
  guint  klass;       /* class index, or G_MAXUINT for the summary row */
  double y0, y1;      /* the bar */
  double value;       /* what the bar shows */
  double seg[3];      /* outcomes: TP, FN, FP */
} Row;

struct _PrecisChart
{
  GObject           parent_instance;

  PrecisChartModel *model;
  PrecisChartKind   kind;

  /* Geometry of the last render, for hit testing. */
  gboolean          have_geometry;
  Box               plot;
  double            x_max;
  double            y_max;
  GArray           *rows;
  gboolean          curves_hit;     /* line charts: per-class curves are drawn */
  GArray           *texts;          /* PrecisChartText: the last render's text layer */
  /* The subtitle took a second line: everything below moves down by this. */
  double            header_extra;
};

/* Height of title, subtitle and caption; the same for every chart kind so that
 * charts side by side line up. */
#define HEADER_HEIGHT (MARGIN + 19 + 4 + 15 + 6 + 15 + 14)

/* With more classes than class colours, every class is a thin grey line and
 * only the mean stands out: a legend of 80 colours would be unreadable. */
#define MAX_COLORED_CLASSES 8

typedef struct {
  const char       *name;
  char             *value;
  const PrecisRgba *color;
  double            alpha;
  double            line_width;
  gboolean          marker;
} LegendEntry;

/* One chart family: how its kinds are sized, drawn, hit and described. */
typedef struct {
  double   (*natural_width)  (PrecisChart *self);
  double   (*natural_height) (PrecisChart *self);
  void     (*draw)           (PrecisChart *self,
                              Painter     *p,
                              double       width,
                              double       height);
  gboolean (*hit_test)       (PrecisChart *self,
                              double       x,
                              double       y,
                              guint       *class_index,
                              double      *value);
  /* The members of the "plotted" object of precis_chart_to_json(). */
  void     (*plotted_json)   (PrecisChart *self,
                              JsonBuilder *b);
} PrecisChartFamily;

extern const PrecisChartFamily _precis_chart_bars_family;
extern const PrecisChartFamily _precis_chart_curves_family;
extern const PrecisChartFamily _precis_chart_errors_family;
extern const PrecisChartFamily _precis_chart_confusion_family;
extern const PrecisChartFamily _precis_chart_compare_family;

/* precis-chart-errors.c, precis-chart-confusion.c: the captions (markup). */
char *_precis_chart_errors_caption (PrecisChart *self);
char *_precis_chart_confusion_caption (PrecisChart *self);
char *_precis_chart_compare_caption (PrecisChart *self);


/* Plot coordinates of a value pair, for a Box *plot in scope. */
#define PX(v) (plot->x + plot->width * (v))
#define PY(v) (plot->y + plot->height * (1.0 - (v)))

/* precis-chart-model.c */
double _precis_chart_recall_point (guint i);

/* precis-chart-common.c */
void _precis_chart_painter_init (Painter *p,
                                 cairo_t *cr,
                                 double   scale);
void _precis_chart_painter_clear (Painter *p);
PangoLayout * _precis_chart_text_new (Painter    *p,
                                      FontRole    role,
                                      const char *text,
                                      gboolean    markup,
                                      double      max_width);
void _precis_chart_text_size (PangoLayout *layout,
                              double      *width,
                              double      *height);
double _precis_chart_text_width (Painter    *p,
                                 FontRole    role,
                                 const char *text);
void _precis_chart_text_draw (Painter     *p,
                              PangoLayout *layout,
                              double       x,
                              double       y,
                              double       ax,
                              double       ay);
void _precis_chart_text_show (Painter           *p,
                              FontRole           role,
                              PrecisPaletteRole  color,
                              const char        *text,
                              double             x,
                              double             y,
                              double             ax,
                              double             ay);
void _precis_chart_hline (Painter *p,
                          double   x0,
                          double   x1,
                          double   y,
                          double   width);
void _precis_chart_vline (Painter *p,
                          double   x,
                          double   y0,
                          double   y1,
                          double   width);
void _precis_chart_rect_fill (Painter *p,
                              double   x0,
                              double   y0,
                              double   x1,
                              double   y1);
void _precis_chart_round_rect (cairo_t *cr,
                               double   x,
                               double   y,
                               double   w,
                               double   h,
                               double   r);
void _precis_chart_ticks_compute (Ticks   *t,
                                  double   max,
                                  guint    max_ticks,
                                  gboolean integer);
char * _precis_chart_ticks_label (const Ticks *t,
                                  guint        i);
gboolean _precis_chart_is_bar_chart (PrecisChartKind kind);
char * _precis_chart_format_threshold (double t);
char * _precis_chart_describe_classes (PrecisChartModel *model);
char * _precis_chart_dup_caption (PrecisChart *self);
void _precis_chart_draw_header (PrecisChart *self,
                                Painter     *p,
                                double       width);
void _precis_chart_label_on_plate (Painter           *p,
                                   PangoLayout       *l,
                                   double             lx,
                                   double             ly,
                                   double             pad_x,
                                   double             pad_y,
                                   double             radius,
                                   PrecisPaletteRole  plate,
                                   double             plate_alpha,
                                   PrecisPaletteRole  ink);
void _precis_chart_draw_message (Painter    *p,
                                 const Box  *box,
                                 const char *message,
                                 const char *detail);
void _precis_chart_legend_entry_clear (LegendEntry *e);
void _precis_chart_draw_legend (Painter     *p,
                                GArray      *entries,
                                const char  *value_header,
                                double       x,
                                double       y,
                                double       max_width);

/* precis-chart-bars.c */
double _precis_chart_bar_value (PrecisChart            *self,
                                const PrecisChartCategory *c);
int _precis_chart_compare_rows (gconstpointer a,
                                gconstpointer b,
                                gpointer      user_data);
double _precis_chart_bars_natural_height (PrecisChartModel *model);
void _precis_chart_draw_bars (PrecisChart *self,
                              Painter     *p,
                              double       width,
                              double       height);

/* precis-chart-path.c */
void _precis_chart_pr_path (Painter                   *p,
                            const Box                 *plot,
                            const PrecisChartCategory *c);
void _precis_chart_pr_points (Painter                   *p,
                              const Box                 *plot,
                              const PrecisChartCategory *c);
void _precis_chart_f1_path (Painter       *p,
                            const Box     *plot,
                            guint          n,
                            const double  *score,
                            const double  *f1);
void _precis_chart_pr_path_resampled (Painter                   *p,
                                      const Box                 *plot,
                                      const PrecisChartCategory *c);
void _precis_chart_f1_path_resampled (Painter      *p,
                                      const Box    *plot,
                                      guint         n,
                                      const double *score,
                                      const double *f1);

/* precis-chart-curves.c */
double _precis_chart_line_value_at (PrecisChart               *self,
                                    const PrecisChartCategory *c,
                                    double                     x,
                                    gboolean                  *defined);
double _precis_chart_class_line_metric (PrecisChart               *self,
                                        const PrecisChartCategory *c,
                                        double                    *where);
double _precis_chart_line_natural_width (void);
double _precis_chart_line_natural_height (void);
void _precis_chart_draw_lines (PrecisChart *self,
                               Painter     *p,
                               double       width,
                               double       height);

void _precis_chart_add_category (JsonBuilder               *b,
                                 const PrecisChartCategory *c);
const PrecisChartFamily *_precis_chart_family (PrecisChartKind kind);

G_END_DECLS

/* precis-chart-path.c: polylines drawn at the cost of their visible detail
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

/* Draws long polylines at the cost of short ones: the points that fall in one
 * device-pixel column collapse to the column's first, lowest, highest and last
 * y, which draws the same pixels. 500 000 ranks cost a few thousand segments. */
typedef struct {
  Painter *p;
  double   column;
  double   lx;
  double   first, lo, hi, last;
} Path;

static void
path_flush (Path *path)
{
  if (path->lo < path->first || path->hi > path->first || path->last != path->first)
    {
      cairo_line_to (path->p->cr, path->lx, path->lo);
      cairo_line_to (path->p->cr, path->lx, path->hi);
      cairo_line_to (path->p->cr, path->lx, path->last);
    }
}

static void
path_start (Path   *path,
            double  x,
            double  y)
{
  path->column = floor (x * path->p->scale);
  path->lx = x;
  path->first = path->lo = path->hi = path->last = y;
}

static void
path_move (Path   *path,
           double  x,
           double  y)
{
  cairo_move_to (path->p->cr, x, y);
  path_start (path, x, y);
}

static void
path_line (Path   *path,
           double  x,
           double  y)
{
  if (floor (x * path->p->scale) == path->column)
    {
      path->lx = x;
      path->lo = MIN (path->lo, y);
      path->hi = MAX (path->hi, y);
      path->last = y;
      return;
    }
  path_flush (path);
  cairo_line_to (path->p->cr, x, y);
  path_start (path, x, y);
}

static void
path_end (Path *path)
{
  path_flush (path);
}


void
_precis_chart_pr_path (Painter                   *p,
         const Box                 *plot,
         const PrecisChartCategory *c)
{
  Path path = { p };
  double prev_r = 0, y;

  if (c->n_ranks == 0 || c->rank_envelope == NULL || c->rank_recall == NULL)
    return;

  y = c->rank_envelope[0];
  path_move (&path, PX (0), PY (y));
  for (guint k = 0; k < c->n_ranks; k++)
    {
      double r = c->rank_recall[k], e = c->rank_envelope[k];

      if (e != y)
        {
          path_line (&path, PX (prev_r), PY (e));
          y = e;
        }
      if (r != prev_r)
        {
          path_line (&path, PX (r), PY (y));
          prev_r = r;
        }
    }
  path_end (&path);
}

void
_precis_chart_pr_points (Painter                   *p,
           const Box                 *plot,
           const PrecisChartCategory *c)
{
  double lx = -1e9, ly = -1e9, tol = 1.0;

  if (c->rank_recall == NULL || c->rank_precision == NULL)
    return;
  for (guint k = 0; k < c->n_ranks; k++)
    {
      double x = PX (c->rank_recall[k]), y = PY (c->rank_precision[k]);

      if (fabs (x - lx) < tol && fabs (y - ly) < tol)
        continue;
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, x, y, 2.0, 0, 2 * G_PI);
      lx = x;
      ly = y;
    }
  cairo_fill (p->cr);
}

/* F1 against s is a step function: F1 = f1[k] for s in (score[k + 1], score[k]]. */
void
_precis_chart_f1_path (Painter       *p,
         const Box     *plot,
         guint          n,
         const double  *score,
         const double  *f1)
{
  Path path = { p };

  if (n == 0 || score == NULL || f1 == NULL)
    return;
  path_move (&path, PX (score[0]), PY (f1[0]));
  for (guint k = 1; k < n; k++)
    {
      path_line (&path, PX (score[k]), PY (f1[k - 1]));
      path_line (&path, PX (score[k]), PY (f1[k]));
    }
  path_line (&path, PX (0), PY (f1[n - 1]));
  path_end (&path);
}

/* Drops the vertices of an x-monotonic polyline that lie within a quarter
 * of a device pixel (vertically) of the segment that replaces them: a point
 * joins the current segment while the line from its anchor to it passes
 * within that distance of every point skipped since the anchor (the slopes
 * that do form a narrowing cone). Cairo's stroker costs per segment, and the
 * smooth curves of 80 classes need few. */

static void
hair_span (HairMask *m,
           int       col,
           double    y0,
           double    y1)
{
  double lo = MIN (y0, y1) - 0.5, hi = MAX (y0, y1) + 0.5;
  int r0, r1;

  if (col < 0 || col >= m->width)
    return;
  r0 = MAX (0, (int) floor (lo));
  r1 = MIN (m->height - 1, (int) ceil (hi) - 1);
  for (int r = r0; r <= r1; r++)
    {
      double cov = MIN (hi, r + 1.0) - MAX (lo, (double) r);
      guint8 v = (guint8) CLAMP (cov * 255.0 + 0.5, 0, 255);
      guint8 *px = m->data + (gsize) r * m->stride + col;

      if (v > *px)
        *px = v;
    }
}

/* A segment between two points in user coordinates. */
static void
hair_segment (HairMask *m,
              double    ux0,
              double    uy0,
              double    ux1,
              double    uy1)
{
  double x0 = (ux0 - m->ox) * m->scale, y0 = (uy0 - m->oy) * m->scale;
  double x1 = (ux1 - m->ox) * m->scale, y1 = (uy1 - m->oy) * m->scale;
  double dx = fabs (x1 - x0);

  if (dx <= 1.5)
    {
      hair_span (m, (int) floor ((x0 + x1) / 2), y0, y1);
      return;
    }
  /* Longer: one span per column crossed. */
  {
    guint n = (guint) ceil (dx);

    for (guint j = 0; j < n; j++)
      {
        double fa = (double) j / n, fb = (double) (j + 1) / n;
        double xa = x0 + (x1 - x0) * fa, xb = x0 + (x1 - x0) * fb;

        hair_span (m, (int) floor ((xa + xb) / 2), y0 + (y1 - y0) * fa, y0 + (y1 - y0) * fb);
      }
  }
}

typedef struct {
  cairo_t *cr;
  HairMask *hair;
  double   tol;
  gboolean started;
  gboolean pending;
  double   ax, ay;      /* anchor: the last vertex emitted */
  double   lx, ly;      /* the last point seen, not yet emitted */
  double   lo, hi;      /* slopes from the anchor that keep skipped points in */
} Simplify;

static void
simplify_init (Simplify *sp,
               Painter  *p)
{
  sp->cr = p->cr;
  sp->hair = p->hair;
  sp->tol = 0.25 / p->scale;
  sp->started = FALSE;
  sp->pending = FALSE;
}

static void
simplify_point (Simplify *sp,
                double    x,
                double    y)
{
  double dx, slope;

  if (sp->hair != NULL)
    {
      if (sp->started)
        hair_segment (sp->hair, sp->ax, sp->ay, x, y);
      sp->started = TRUE;
      sp->ax = x;
      sp->ay = y;
      return;
    }

  if (!sp->started)
    {
      cairo_move_to (sp->cr, x, y);
      sp->started = TRUE;
      sp->ax = x;
      sp->ay = y;
      sp->lo = -G_MAXDOUBLE;
      sp->hi = G_MAXDOUBLE;
      return;
    }

  dx = fabs (x - sp->ax);
  slope = dx > 0 ? (y - sp->ay) / dx : 0;
  if (dx > 0 && slope >= sp->lo && slope <= sp->hi)
    {
      sp->lo = MAX (sp->lo, (y - sp->tol - sp->ay) / dx);
      sp->hi = MIN (sp->hi, (y + sp->tol - sp->ay) / dx);
      sp->lx = x;
      sp->ly = y;
      sp->pending = TRUE;
      return;
    }

  /* The point leaves the cone: the last one seen becomes a vertex. */
  if (sp->pending)
    {
      cairo_line_to (sp->cr, sp->lx, sp->ly);
      sp->ax = sp->lx;
      sp->ay = sp->ly;
      sp->pending = FALSE;
      dx = fabs (x - sp->ax);
    }
  if (dx > 0)
    {
      sp->lo = (y - sp->tol - sp->ay) / dx;
      sp->hi = (y + sp->tol - sp->ay) / dx;
      sp->lx = x;
      sp->ly = y;
      sp->pending = TRUE;
    }
  else
    {
      cairo_line_to (sp->cr, x, y);
      sp->ax = x;
      sp->ay = y;
      sp->lo = -G_MAXDOUBLE;
      sp->hi = G_MAXDOUBLE;
    }
}

static void
simplify_end (Simplify *sp)
{
  if (sp->pending)
    cairo_line_to (sp->cr, sp->lx, sp->ly);
  sp->pending = FALSE;
}

/* The faint curves of many classes, one vertex per device column (the value
 * at the column's centre): a polyline of a few hundred points instead of
 * thousands of steps, which stroking 80 curves per frame needs; then
 * simplified. */
void
_precis_chart_pr_path_resampled (Painter                   *p,
                   const Box                 *plot,
                   const PrecisChartCategory *c)
{
  guint n_cols = MAX (1, (guint) ceil (plot->width * p->scale));
  double r_max;
  guint k = 0;
  Simplify sp;

  if (c->n_ranks == 0 || c->rank_envelope == NULL || c->rank_recall == NULL)
    return;
  r_max = c->rank_recall[c->n_ranks - 1];
  simplify_init (&sp, p);
  for (guint i = 0; i <= n_cols; i++)
    {
      double r = MIN ((double) i / n_cols, r_max);

      while (k + 1 < c->n_ranks && c->rank_recall[k] < r)
        k++;
      simplify_point (&sp, PX (r), PY (c->rank_envelope[k]));
      if (r >= r_max)
        break;
    }
  simplify_end (&sp);
}

void
_precis_chart_f1_path_resampled (Painter      *p,
                   const Box    *plot,
                   guint         n,
                   const double *score,
                   const double *f1)
{
  guint n_cols = MAX (1, (guint) ceil (plot->width * p->scale));
  guint k = 0;
  Simplify sp;

  if (n == 0 || score == NULL || f1 == NULL)
    return;
  /* From s = the top score down to 0; F1 at s is that of the last point whose
   * score is ≥ s. */
  simplify_init (&sp, p);
  for (guint i = n_cols + 1; i-- > 0;)
    {
      double x = MIN ((double) i / n_cols, score[0]);

      while (k + 1 < n && score[k + 1] >= x)
        k++;
      simplify_point (&sp, PX (x), PY (f1[k]));
    }
  simplify_end (&sp);
}

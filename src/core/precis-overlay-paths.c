/* precis-overlay-paths.c: the geometry of each shape kind as cairo paths, RLE masks, strokes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "precis-overlay-private.h"
#include "precis-polyline.h"

double
_precis_overlay_band_width (PrecisOverlay *self)
{
  if (self->band_width > 0)
    return self->band_width;
  return precis_polyline_default_width (self->width, self->height);
}

PrecisOverlayShape
_precis_overlay_shape (PrecisOverlay           *self,
                       const PrecisAnnotations *anns,
                       guint32                  i)
{
  guint8 has = anns->has[i];

  switch (self->type)
    {
    case PRECIS_IOU_SEGM:
      if ((has & PRECIS_HAS_SEGM) != 0)
        {
          if (anns->segm_kind[i] == PRECIS_SEGM_POLYGON && anns->segm_len[i] > 0)
            return PRECIS_OVERLAY_SHAPE_POLYGON;
          if (anns->segm_kind[i] == PRECIS_SEGM_RLE && anns->segm_len[i] > 0)
            return PRECIS_OVERLAY_SHAPE_RLE;
        }
      break;
    case PRECIS_IOU_KEYPOINTS:
      if ((has & PRECIS_HAS_KEYPOINTS) != 0 && anns->kp_start[i] != PRECIS_NO_INDEX)
        return PRECIS_OVERLAY_SHAPE_KEYPOINTS;
      break;
    case PRECIS_IOU_POLYLINE:
      if ((has & PRECIS_HAS_POLYLINE) != 0 && anns->line_len[i] > 0)
        return PRECIS_OVERLAY_SHAPE_POLYLINE;
      break;
    case PRECIS_IOU_BBOX:
    case PRECIS_N_IOU_TYPES:
    default:
      break;
    }
  return PRECIS_OVERLAY_SHAPE_BOX;
}

guint
_precis_overlay_keypoints (PrecisOverlay           *self,
                           const PrecisAnnotations *anns,
                           guint32                  i,
                           const PrecisCategory   **cat,
                           const double           **kp)
{
  *cat = precis_dataset_get_category (self->dataset, anns->category[i]);
  *kp = anns->keypoints + anns->kp_start[i];
  return (*cat)->n_keypoints ? (*cat)->n_keypoints : anns->num_keypoints[i];
}

/* Appends the outline of a mask given as per-column intervals (x, y0, y1) of
 * columns @xmin .. @xmax: the top and bottom edge of every interval, and on
 * each column boundary the rows where exactly one side is set (the symmetric
 * difference of the two columns' intervals, from their merged endpoints). */
static void
append_mask_outline (cairo_t *cr,
                     GArray  *ivals,
                     guint32  xmin,
                     guint32  xmax)
{
  guint next = 0;
  guint prev_lo = 0, prev_hi = 0;   /* intervals of column x − 1 */

  for (guint32 x = xmin; x <= xmax + 1; x++)
    {
      guint cur_lo = next, cur_hi = next;   /* intervals of column x */
      guint ia, ib;
      gboolean inside = FALSE;
      guint32 open_y = 0;

      while (cur_hi < ivals->len && g_array_index (ivals, guint32, 3 * cur_hi) == x)
        cur_hi++;
      next = cur_hi;

      for (guint k = cur_lo; k < cur_hi; k++)
        {
          const guint32 *iv = &g_array_index (ivals, guint32, 3 * k);

          cairo_move_to (cr, x, iv[1]);
          cairo_line_to (cr, x + 1, iv[1]);
          cairo_move_to (cr, x, iv[2]);
          cairo_line_to (cr, x + 1, iv[2]);
        }

      /* Merge the endpoints of both columns; equal endpoints cancel. */
      ia = 2 * prev_lo;
      ib = 2 * cur_lo;
      while (ia < 2 * prev_hi || ib < 2 * cur_hi)
        {
          guint32 ya = G_MAXUINT32, yb = G_MAXUINT32, y;

          if (ia < 2 * prev_hi)
            ya = g_array_index (ivals, guint32, 3 * (ia / 2) + 1 + (ia % 2));
          if (ib < 2 * cur_hi)
            yb = g_array_index (ivals, guint32, 3 * (ib / 2) + 1 + (ib % 2));
          if (ya == yb)
            {
              ia++;
              ib++;
              continue;
            }
          if (ya < yb)
            {
              y = ya;
              ia++;
            }
          else
            {
              y = yb;
              ib++;
            }
          if (!inside)
            open_y = y;
          else
            {
              cairo_move_to (cr, x, open_y);
              cairo_line_to (cr, x, y);
            }
          inside = !inside;
        }

      prev_lo = cur_lo;
      prev_hi = cur_hi;
    }
}

/* Builds the A8 mask of an RLE annotation over its pixel box, and its outline
 * (pixel edges) in image coordinates, straight from the column-major runs. */
static void
mask_cache_build (PrecisOverlayMask       *cache,
                  const PrecisAnnotations *anns,
                  guint32                  i,
                  guint32                  h,
                  guint32                  w)
{
  const guint32 *cnts = anns->counts + anns->segm_start[i];
  guint32 m = anns->segm_len[i];
  guint64 total = (guint64) h * w;
  guint64 p = 0;
  guint32 xmin = G_MAXUINT32, xmax = 0, ymin = G_MAXUINT32, ymax = 0;
  g_autoptr(GArray) ivals = NULL;   /* per-column ones intervals: x, y0, y1 */
  cairo_surface_t *scratch;
  cairo_t *cr;
  guint8 *data;
  int stride;

  if (h == 0 || w == 0)
    return;

  ivals = g_array_new (FALSE, FALSE, sizeof (guint32) * 3);
  for (guint32 r = 0; r < m && p < total; r++)
    {
      guint64 q = MIN (p + cnts[r], total);

      if ((r & 1) == 1)
        {
          /* Split the run at column boundaries. */
          while (p < q)
            {
              guint32 x = p / h;
              guint32 y0 = p % h;
              guint64 col_end = (guint64) (x + 1) * h;
              guint32 y1 = (guint32) (MIN (q, col_end) - (guint64) x * h);
              guint32 iv[3] = { x, y0, y1 };

              g_array_append_vals (ivals, iv, 1);
              xmin = MIN (xmin, x);
              xmax = MAX (xmax, x);
              ymin = MIN (ymin, y0);
              ymax = MAX (ymax, y1 - 1);
              p = MIN (q, col_end);
            }
        }
      p = q;
    }

  if (ivals->len == 0)
    return;

  cache->x0 = xmin;
  cache->y0 = ymin;
  cache->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, xmax - xmin + 1, ymax - ymin + 1);
  cairo_surface_flush (cache->mask);
  data = cairo_image_surface_get_data (cache->mask);
  stride = cairo_image_surface_get_stride (cache->mask);
  for (guint k = 0; k < ivals->len; k++)
    {
      const guint32 *iv = &g_array_index (ivals, guint32, 3 * k);

      for (guint32 y = iv[1]; y < iv[2]; y++)
        data[(gsize) (y - ymin) * stride + (iv[0] - xmin)] = 0xff;
    }
  cairo_surface_mark_dirty (cache->mask);

  /* The outline: the top and bottom edge of every interval, and on each column
   * boundary the rows where exactly one side is set. */
  scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (scratch);
  append_mask_outline (cr, ivals, xmin, xmax);
  cache->outline = cairo_copy_path (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}

PrecisOverlayMask *
_precis_overlay_get_mask (PrecisOverlay     *self,
                          PrecisOverlaySide *side,
                          guint32            i)
{
  PrecisOverlayMask *cache;

  if (side->masks == NULL)
    side->masks = g_new0 (PrecisOverlayMask, MAX (side->end - side->start, 1));
  cache = &side->masks[i - side->start];
  if (cache->mask == NULL && cache->outline == NULL)
    {
      mask_cache_build (cache, side->anns, i, self->height, self->width);
      if (cache->outline == NULL)
        {
          /* An empty mask: remember it with an empty path. */
          cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
          cairo_t *cr = cairo_create (scratch);

          cache->outline = cairo_copy_path (cr);
          cairo_destroy (cr);
          cairo_surface_destroy (scratch);
        }
    }
  return cache;
}
void
_precis_overlay_mask_clear (PrecisOverlayMask *mask)
{
  g_clear_pointer (&mask->mask, cairo_surface_destroy);
  g_clear_pointer (&mask->outline, cairo_path_destroy);
}

/* Appends the rings @first .. @first + @n of @anns as closed (polygon) or
 * open (polyline) subpaths, in the current user space. */
static void
append_rings (cairo_t                 *cr,
              const PrecisAnnotations *anns,
              guint32                  first,
              guint32                  n,
              gboolean                 closed)
{
  for (guint32 r = first; r < first + n; r++)
    {
      const double *xy = anns->coords + anns->ring_start[r];
      guint32 len = anns->ring_len[r];

      if (len < 2)
        continue;
      cairo_move_to (cr, xy[0], xy[1]);
      for (guint32 c = 2; c + 1 < len; c += 2)
        cairo_line_to (cr, xy[c], xy[c + 1]);
      if (closed)
        cairo_close_path (cr);
    }
}

void
_precis_overlay_set_source (cairo_t              *cr,
                            PrecisOverlayOutcome  outcome,
                            double                alpha)
{
  precis_palette_set_role (cr, _precis_overlay_outcome_role[outcome], alpha);
}

void
_precis_overlay_stroke (cairo_t              *cr,
                        PrecisOverlayOutcome  outcome,
                        double                lw)
{
  static const double dash[] = { 6.0, 4.0 };

  switch (outcome)
    {
    case PRECIS_OVERLAY_GT:
      /* A thin white line with a dark halo: visible on any picture. */
      precis_palette_set_role (cr, PRECIS_PALETTE_GT_HALO, 0.85);
      cairo_set_line_width (cr, MAX (lw * 0.6, 1.0) + 2.0);
      cairo_stroke_preserve (cr);
      _precis_overlay_set_source (cr, outcome, 0.95);
      cairo_set_line_width (cr, MAX (lw * 0.6, 1.0));
      break;
    case PRECIS_OVERLAY_FN:
      cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
      cairo_set_line_width (cr, lw + 2.0);
      cairo_stroke_preserve (cr);
      _precis_overlay_set_source (cr, outcome, 1.0);
      cairo_set_line_width (cr, lw);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      break;
    case PRECIS_OVERLAY_IGNORED:
      _precis_overlay_set_source (cr, outcome, 0.9);
      cairo_set_line_width (cr, MAX (lw * 0.75, 1.0));
      break;
    case PRECIS_OVERLAY_TP:
    case PRECIS_OVERLAY_FP:
    case PRECIS_OVERLAY_HIDDEN:
    case PRECIS_OVERLAY_N_OUTCOMES:
    default:
      _precis_overlay_set_source (cr, outcome, 1.0);
      cairo_set_line_width (cr, lw);
      break;
    }

  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Saves @cr's state and makes its user space the image's pixels; undo with
 * cairo_restore(). */
static void
push_image_space (cairo_t                  *cr,
                  const PrecisOverlayStyle *style)
{
  cairo_save (cr);
  cairo_translate (cr, style->offset_x, style->offset_y);
  cairo_scale (cr, style->scale, style->scale);
}

/* Appends rings as append_rings() does, mapped from image to device space. */
static void
append_image_rings (cairo_t                  *cr,
                    const PrecisOverlayStyle *style,
                    const PrecisAnnotations  *anns,
                    guint32                   first,
                    guint32                   n,
                    gboolean                  closed)
{
  push_image_space (cr, style);
  append_rings (cr, anns, first, n, closed);
  cairo_restore (cr);
}

static void
append_mask_path (cairo_t                  *cr,
                  const PrecisOverlayStyle *style,
                  const PrecisOverlayMask  *mask)
{
  if (mask->outline == NULL)
    return;
  push_image_space (cr, style);
  cairo_append_path (cr, mask->outline);
  cairo_restore (cr);
}

/* Skeleton: the edges between two visible keypoints. */
static void
append_skeleton (cairo_t                  *cr,
                 const PrecisOverlayStyle *style,
                 const PrecisCategory     *cat,
                 const double             *kp,
                 guint                     nk)
{
  double s = style->scale;

  for (guint e = 0; e < cat->n_skeleton; e++)
    {
      guint a = cat->skeleton[2 * e];
      guint b = cat->skeleton[2 * e + 1];

      if (a >= nk || b >= nk || kp[3 * a + 2] <= 0 || kp[3 * b + 2] <= 0)
        continue;
      cairo_move_to (cr, style->offset_x + s * kp[3 * a], style->offset_y + s * kp[3 * a + 1]);
      cairo_line_to (cr, style->offset_x + s * kp[3 * b], style->offset_y + s * kp[3 * b + 1]);
    }
}

static void
append_dots (cairo_t                  *cr,
             const PrecisOverlayStyle *style,
             const double             *kp,
             guint                     nk,
             double                    radius)
{
  double s = style->scale;

  for (guint j = 0; j < nk; j++)
    {
      if (kp[3 * j + 2] <= 0)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, style->offset_x + s * kp[3 * j], style->offset_y + s * kp[3 * j + 1],
                 radius, 0, 2 * G_PI);
    }
}

void
_precis_overlay_append_path (PrecisOverlay            *self,
                             cairo_t                  *cr,
                             const PrecisOverlayStyle *style,
                             PrecisOverlaySide        *side,
                             guint32                   i,
                             PrecisOverlayPath         which,
                             double                    radius)
{
  const PrecisAnnotations *anns = side->anns;
  const PrecisCategory *cat;
  const double *kp;
  const double *b;
  guint nk;

  switch (_precis_overlay_shape (self, anns, i))
    {
    case PRECIS_OVERLAY_SHAPE_BOX:
      if (which != PRECIS_OVERLAY_PATH_OUTLINE)
        break;
      b = anns->bbox + 4 * i;
      cairo_rectangle (cr, style->offset_x + style->scale * b[0], style->offset_y + style->scale * b[1],
                       style->scale * b[2], style->scale * b[3]);
      break;
    case PRECIS_OVERLAY_SHAPE_POLYGON:
      if (which == PRECIS_OVERLAY_PATH_FILL || which == PRECIS_OVERLAY_PATH_OUTLINE)
        append_image_rings (cr, style, anns, anns->segm_start[i], anns->segm_len[i], TRUE);
      break;
    case PRECIS_OVERLAY_SHAPE_RLE:
      if (which == PRECIS_OVERLAY_PATH_OUTLINE)
        append_mask_path (cr, style, _precis_overlay_get_mask (self, side, i));
      break;
    case PRECIS_OVERLAY_SHAPE_POLYLINE:
      if (which == PRECIS_OVERLAY_PATH_LINES)
        append_image_rings (cr, style, anns, anns->line_start[i], anns->line_len[i], FALSE);
      break;
    case PRECIS_OVERLAY_SHAPE_KEYPOINTS:
      if (which != PRECIS_OVERLAY_PATH_LINES && which != PRECIS_OVERLAY_PATH_DOTS)
        break;
      nk = _precis_overlay_keypoints (self, anns, i, &cat, &kp);
      if (which == PRECIS_OVERLAY_PATH_LINES)
        append_skeleton (cr, style, cat, kp, nk);
      else
        append_dots (cr, style, kp, nk, radius);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
_precis_overlay_paint_mask (cairo_t                  *cr,
                            const PrecisOverlayStyle *style,
                            const PrecisOverlayMask  *mask,
                            PrecisOverlayOutcome      outcome,
                            double                    alpha)
{
  double s = style->scale;
  cairo_pattern_t *pattern = cairo_pattern_create_for_surface (mask->mask);
  cairo_matrix_t matrix;

  push_image_space (cr, style);
  cairo_matrix_init_translate (&matrix, -mask->x0, -mask->y0);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_pattern_set_filter (pattern, s >= 1.0 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  _precis_overlay_set_source (cr, outcome, alpha);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
}

void
_precis_overlay_stroke_lines (PrecisOverlay            *self,
                              cairo_t                  *cr,
                              const PrecisOverlayStyle *style,
                              PrecisOverlayOutcome      outcome,
                              double                    band_alpha,
                              double                    lw)
{
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (band_alpha > 0)
    {
      /* The band that the IoU is computed on. */
      _precis_overlay_set_source (cr, outcome, band_alpha);
      cairo_set_line_width (cr, _precis_overlay_band_width (self) * style->scale);
      cairo_stroke_preserve (cr);
    }
  _precis_overlay_stroke (cr, outcome, lw);
  cairo_restore (cr);
}

void
_precis_overlay_fill_dots (cairo_t              *cr,
                           PrecisOverlayOutcome  outcome)
{
  _precis_overlay_set_source (cr, outcome, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

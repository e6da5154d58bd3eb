/* precis-overlay-draw.c: precis_overlay_draw(), one batch of paths per outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-overlay-private.h"

/* The outline width when the style has none. */
static double
style_line_width (const PrecisOverlayStyle *style)
{
  return style->line_width > 0 ? style->line_width : 2.0;
}

/* The translucent fill of masks, polygons and bands. */
static double
fill_alpha (PrecisOverlayOutcome outcome)
{
  return outcome == PRECIS_OVERLAY_GT ? 0.18 : 0.3;
}

/* One annotation on its own (the highlighted ones, drawn emphasised). */
static void
draw_item (PrecisOverlay            *self,
           cairo_t                  *cr,
           const PrecisOverlayStyle *style,
           PrecisOverlaySide        *side,
           guint32                   i,
           PrecisOverlayOutcome      outcome,
           gboolean                  highlight)
{
  double lw = style_line_width (style);
  double alpha = highlight ? fill_alpha (outcome) + 0.15 : fill_alpha (outcome);
  PrecisOverlayMask *mask;

  if (highlight)
    lw *= 2;

  cairo_new_path (cr);
  switch (_precis_overlay_shape (self, side->anns, i))
    {
    case PRECIS_OVERLAY_SHAPE_BOX:
      _precis_overlay_append_path (self, cr, style, side, i, PRECIS_OVERLAY_PATH_OUTLINE, 0);
      if (highlight && style->fill)
        {
          _precis_overlay_set_source (cr, outcome, 0.15);
          cairo_fill_preserve (cr);
        }
      _precis_overlay_stroke (cr, outcome, lw);
      break;

    case PRECIS_OVERLAY_SHAPE_POLYGON:
      _precis_overlay_append_path (self, cr, style, side, i, PRECIS_OVERLAY_PATH_FILL, 0);
      if (style->fill)
        {
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
          _precis_overlay_set_source (cr, outcome, alpha);
          cairo_fill_preserve (cr);
        }
      _precis_overlay_stroke (cr, outcome, lw);
      break;

    case PRECIS_OVERLAY_SHAPE_RLE:
      mask = _precis_overlay_get_mask (self, side, i);
      if (mask->mask != NULL && style->fill)
        _precis_overlay_paint_mask (cr, style, mask, outcome, alpha);
      if (mask->outline != NULL)
        {
          _precis_overlay_append_path (self, cr, style, side, i, PRECIS_OVERLAY_PATH_OUTLINE, 0);
          cairo_save (cr);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
          _precis_overlay_stroke (cr, outcome, MAX (lw * 0.75, 1.0));
          cairo_restore (cr);
        }
      break;

    case PRECIS_OVERLAY_SHAPE_POLYLINE:
      _precis_overlay_append_path (self, cr, style, side, i, PRECIS_OVERLAY_PATH_LINES, 0);
      _precis_overlay_stroke_lines (self, cr, style, outcome, style->fill ? alpha : 0, lw);
      break;

    case PRECIS_OVERLAY_SHAPE_KEYPOINTS:
      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      _precis_overlay_append_path (self, cr, style, side, i, PRECIS_OVERLAY_PATH_LINES, 0);
      _precis_overlay_stroke (cr, outcome, MAX (lw * 0.75, 1.0));
      _precis_overlay_append_path (self, cr, style, side, i, PRECIS_OVERLAY_PATH_DOTS,
                                   MAX (lw * 1.5, 2.5));
      _precis_overlay_fill_dots (cr, outcome);
      cairo_restore (cr);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Draws annotation @i of @side emphasised when its layer shows; returns 1 if it did. */
static guint
draw_emphasised (PrecisOverlay            *self,
                 cairo_t                  *cr,
                 const PrecisOverlayStyle *style,
                 PrecisOverlaySide        *side,
                 guint32                   i,
                 guint                    *counts)
{
  guint outcome = side->items[i - side->start].outcome;

  if ((precis_overlay_outcome_layer (outcome) & style->layers) == 0)
    return 0;
  draw_item (self, cr, style, side, i, outcome, TRUE);
  if (counts != NULL)
    counts[outcome]++;
  return 1;
}

/* Whether annotation @i of @sides[@k] belongs to the batch of @outcome. */
static gboolean
in_batch (const PrecisOverlayStyle *style,
          PrecisOverlaySide       **sides,
          guint                     k,
          guint32                   i,
          PrecisOverlayOutcome      outcome)
{
  guint32 highlight = k == 0 ? style->highlight_gt : style->highlight_dt;
  const guint8 *emphasis = k == 0 ? style->emphasis_gt : style->emphasis_dt;

  return sides[k]->items[i - sides[k]->start].outcome == outcome && i != highlight &&
         (emphasis == NULL || !emphasis[i]);
}

/* Appends part @which of every annotation of the batch to the current path. */
static void
batch_append (PrecisOverlay            *self,
              cairo_t                  *cr,
              const PrecisOverlayStyle *style,
              PrecisOverlaySide       **sides,
              PrecisOverlayOutcome      outcome,
              PrecisOverlayPath         which,
              double                    radius)
{
  for (guint k = 0; k < 2; k++)
    for (guint32 i = sides[k]->start; i < sides[k]->end; i++)
      if (in_batch (style, sides, k, i, outcome))
        _precis_overlay_append_path (self, cr, style, sides[k], i, which, radius);
}

/* What shapes a batch holds. */
typedef struct {
  guint    n;
  gboolean any_polygon;
  gboolean any_line;
  gboolean any_keypoint;
} BatchKinds;

/* Pass 1: counts the batch, paints its masks (one by one, cached) and fills
 * its polygons with one path. */
static void
batch_fill (PrecisOverlay            *self,
            cairo_t                  *cr,
            const PrecisOverlayStyle *style,
            PrecisOverlaySide       **sides,
            PrecisOverlayOutcome      outcome,
            BatchKinds               *kinds)
{
  memset (kinds, 0, sizeof (*kinds));
  cairo_new_path (cr);
  for (guint k = 0; k < 2; k++)
    {
      PrecisOverlaySide *side = sides[k];

      for (guint32 i = side->start; i < side->end; i++)
        {
          PrecisOverlayMask *mask;

          if (!in_batch (style, sides, k, i, outcome))
            continue;
          kinds->n++;
          switch (_precis_overlay_shape (self, side->anns, i))
            {
            case PRECIS_OVERLAY_SHAPE_POLYGON:
              kinds->any_polygon = TRUE;
              if (style->fill)
                _precis_overlay_append_path (self, cr, style, side, i, PRECIS_OVERLAY_PATH_FILL, 0);
              break;
            case PRECIS_OVERLAY_SHAPE_RLE:
              if (!style->fill)
                break;
              mask = _precis_overlay_get_mask (self, side, i);
              if (mask->mask != NULL)
                {
                  cairo_path_t *pending = cairo_copy_path (cr);

                  cairo_new_path (cr);
                  _precis_overlay_paint_mask (cr, style, mask, outcome, fill_alpha (outcome));
                  cairo_append_path (cr, pending);
                  cairo_path_destroy (pending);
                }
              break;
            case PRECIS_OVERLAY_SHAPE_POLYLINE:
              kinds->any_line = TRUE;
              break;
            case PRECIS_OVERLAY_SHAPE_KEYPOINTS:
              kinds->any_keypoint = TRUE;
              break;
            case PRECIS_OVERLAY_SHAPE_BOX:
            default:
              break;
            }
        }
    }
  if (kinds->n > 0 && kinds->any_polygon && style->fill)
    {
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      _precis_overlay_set_source (cr, outcome, fill_alpha (outcome));
      cairo_fill (cr);
    }
  cairo_new_path (cr);
}

/* Everything of one outcome but the highlighted items, with one fill and one
 * stroke per kind of path rather than one per annotation: a thumbnail of a
 * hundred boxes costs a handful of cairo operations. Returns the number drawn. */
static guint
draw_batch (PrecisOverlay            *self,
            cairo_t                  *cr,
            const PrecisOverlayStyle *style,
            PrecisOverlaySide       **sides,
            PrecisOverlayOutcome      outcome)
{
  double lw = style_line_width (style);
  double radius = MAX (lw * 1.5, 2.5);
  BatchKinds kinds;
  cairo_path_t *closed;

  batch_fill (self, cr, style, sides, outcome, &kinds);
  if (kinds.n == 0)
    return 0;

  /* Pass 2: the outlines of closed shapes. */
  batch_append (self, cr, style, sides, outcome, PRECIS_OVERLAY_PATH_OUTLINE, radius);
  closed = cairo_copy_path (cr);
  if (closed->num_data > 0)
    {
      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
      _precis_overlay_stroke (cr, outcome, lw);
      cairo_restore (cr);
    }
  cairo_path_destroy (closed);
  cairo_new_path (cr);

  /* Pass 3: polylines (their bands, then their lines) and skeletons. */
  if (kinds.any_line || kinds.any_keypoint)
    {
      batch_append (self, cr, style, sides, outcome, PRECIS_OVERLAY_PATH_LINES, radius);
      _precis_overlay_stroke_lines (self, cr, style, outcome,
                                    kinds.any_line && style->fill ? fill_alpha (outcome) : 0,
                                    kinds.any_line ? lw : MAX (lw * 0.75, 1.0));
      cairo_new_path (cr);
    }

  /* Pass 4: keypoint dots. */
  if (kinds.any_keypoint)
    {
      batch_append (self, cr, style, sides, outcome, PRECIS_OVERLAY_PATH_DOTS, radius);
      _precis_overlay_fill_dots (cr, outcome);
    }

  return kinds.n;
}

/* Drawing order: the least important first, so that TPs and FPs stay on top. */
static const PrecisOverlayOutcome draw_order[] = {
  PRECIS_OVERLAY_IGNORED,
  PRECIS_OVERLAY_GT,
  PRECIS_OVERLAY_FN,
  PRECIS_OVERLAY_TP,
  PRECIS_OVERLAY_FP,
};

/**
 * precis_overlay_draw:
 * @self: an overlay
 * @cr: where to draw
 * @style: (nullable): the transform and layers; NULL for the defaults
 * @counts: (out caller-allocates) (optional): the number drawn per outcome
 *
 * Returns: the number of annotations drawn
 */
guint
precis_overlay_draw (PrecisOverlay            *self,
                     cairo_t                  *cr,
                     const PrecisOverlayStyle *style,
                     guint                     counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  PrecisOverlayStyle defaults;
  PrecisOverlaySide *sides[2];
  guint n_drawn = 0, n;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  if (style == NULL)
    {
      precis_overlay_style_init (&defaults);
      style = &defaults;
    }
  if (counts != NULL)
    memset (counts, 0, sizeof (guint) * PRECIS_OVERLAY_N_OUTCOMES);

  sides[0] = &self->gt;
  sides[1] = &self->dt;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_antialias (cr, style->antialias);
  for (guint o = 0; o < G_N_ELEMENTS (draw_order); o++)
    {
      PrecisOverlayOutcome outcome = draw_order[o];

      if ((precis_overlay_outcome_layer (outcome) & style->layers) == 0)
        continue;

      n = draw_batch (self, cr, style, sides, outcome);
      n_drawn += n;
      if (counts != NULL)
        counts[outcome] += n;
    }

  /* The emphasised ones, then the highlighted one, on top of the batches. */
  for (guint s = 0; s < 2; s++)
    {
      PrecisOverlaySide *side = sides[s];
      guint32 highlight = s == 0 ? style->highlight_gt : style->highlight_dt;
      const guint8 *emphasis = s == 0 ? style->emphasis_gt : style->emphasis_dt;

      for (guint32 i = side->start; emphasis != NULL && i < side->end; i++)
        if (emphasis[i] && i != highlight)
          n_drawn += draw_emphasised (self, cr, style, side, i, counts);
      if (highlight >= side->start && highlight < side->end)
        n_drawn += draw_emphasised (self, cr, style, side, highlight, counts);
    }
  cairo_restore (cr);

  return n_drawn;
}

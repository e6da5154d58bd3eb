/* precis-overlay-hit.c: precis_overlay_hit_test(), what lies under a point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "precis-overlay-private.h"

/* Distance from (px, py) to the segment (ax, ay)–(bx, by). */
static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = 0;

  if (len2 > 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return sqrt (dx * dx + dy * dy);
}

/* Non-zero winding number of the rings around (x, y). */
static gboolean
rings_contain (const PrecisAnnotations *anns,
               guint32                  first,
               guint32                  n,
               double                   x,
               double                   y)
{
  int winding = 0;

  for (guint32 r = first; r < first + n; r++)
    {
      const double *xy = anns->coords + anns->ring_start[r];
      guint32 np = anns->ring_len[r] / 2;

      for (guint32 a = 0; a < np; a++)
        {
          guint32 b = (a + 1) % np;
          double ax = xy[2 * a], ay = xy[2 * a + 1];
          double bx = xy[2 * b], by = xy[2 * b + 1];
          double cross = (bx - ax) * (y - ay) - (x - ax) * (by - ay);

          if (ay <= y)
            {
              if (by > y && cross > 0)
                winding++;
            }
          else if (by <= y && cross < 0)
            winding--;
        }
    }
  return winding != 0;
}

static double
rings_distance (const PrecisAnnotations *anns,
                guint32                  first,
                guint32                  n,
                gboolean                 closed,
                double                   x,
                double                   y)
{
  double best = G_MAXDOUBLE;

  for (guint32 r = first; r < first + n; r++)
    {
      const double *xy = anns->coords + anns->ring_start[r];
      guint32 np = anns->ring_len[r] / 2;

      if (np == 1)
        best = MIN (best, segment_distance (x, y, xy[0], xy[1], xy[0], xy[1]));
      for (guint32 a = 0; a + 1 < np + (closed ? 1 : 0); a++)
        {
          guint32 b = (a + 1) % np;

          best = MIN (best, segment_distance (x, y, xy[2 * a], xy[2 * a + 1],
                                              xy[2 * b], xy[2 * b + 1]));
        }
    }
  return best;
}

static gboolean
rle_contains (const PrecisAnnotations *anns,
              guint32                  i,
              guint32                  h,
              guint32                  w,
              double                   x,
              double                   y)
{
  const guint32 *cnts = anns->counts + anns->segm_start[i];
  guint64 target, p = 0;

  if (x < 0 || y < 0 || x >= w || y >= h)
    return FALSE;
  target = (guint64) floor (x) * h + (guint64) floor (y);
  for (guint32 r = 0; r < anns->segm_len[i]; r++)
    {
      p += cnts[r];
      if (target < p)
        return (r & 1) == 1;
    }
  return FALSE;
}

static gboolean
item_contains (PrecisOverlay           *self,
               const PrecisAnnotations *anns,
               guint32                  i,
               double                   x,
               double                   y,
               double                   tol)
{
  const double *b = anns->bbox + 4 * i;

  switch (_precis_overlay_shape (self, anns, i))
    {
    case PRECIS_OVERLAY_SHAPE_POLYGON:
      return rings_contain (anns, anns->segm_start[i], anns->segm_len[i], x, y) ||
             rings_distance (anns, anns->segm_start[i], anns->segm_len[i], TRUE, x, y) <= tol;
    case PRECIS_OVERLAY_SHAPE_RLE:
      return rle_contains (anns, i, self->height, self->width, x, y);
    case PRECIS_OVERLAY_SHAPE_POLYLINE:
      return rings_distance (anns, anns->line_start[i], anns->line_len[i], FALSE, x, y) <=
             MAX (_precis_overlay_band_width (self) / 2, tol);
    case PRECIS_OVERLAY_SHAPE_KEYPOINTS:
      {
        const PrecisCategory *cat;
        const double *kp;
        guint k = _precis_overlay_keypoints (self, anns, i, &cat, &kp);

        for (guint j = 0; j < k; j++)
          if (kp[3 * j + 2] > 0 && hypot (kp[3 * j] - x, kp[3 * j + 1] - y) <= MAX (tol, 3.0))
            return TRUE;
      }
      G_GNUC_FALLTHROUGH;
    case PRECIS_OVERLAY_SHAPE_BOX:
    default:
      return x >= b[0] - tol && x <= b[0] + b[2] + tol &&
             y >= b[1] - tol && y <= b[1] + b[3] + tol;
    }
}

/**
 * precis_overlay_hit_test:
 * @self: an overlay
 * @x: image x (pixels)
 * @y: image y (pixels)
 * @layers: the visible #PrecisOverlayLayers
 * @tolerance: slack in image pixels for lines, points and edges
 * @hit: (out caller-allocates): what was hit
 *
 * Returns: whether a visible annotation lies under the point
 */
gboolean
precis_overlay_hit_test (PrecisOverlay    *self,
                         double            x,
                         double            y,
                         guint             layers,
                         double            tolerance,
                         PrecisOverlayHit *hit)
{
  PrecisOverlaySide *sides[2];
  double best_area = G_MAXDOUBLE;
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  sides[0] = &self->dt;
  sides[1] = &self->gt;
  for (guint s = 0; s < 2; s++)
    {
      PrecisOverlaySide *side = sides[s];
      gboolean is_gt = side == &self->gt;

      for (guint32 i = side->start; i < side->end; i++)
        {
          const PrecisOverlayItem *item = &side->items[i - side->start];
          const double *b = side->anns->bbox + 4 * i;
          double area = MAX (b[2], 0) * MAX (b[3], 0);

          if ((precis_overlay_outcome_layer (item->outcome) & layers) == 0)
            continue;
          /* A GT must be clearly smaller to win over a prediction. */
          if (is_gt)
            area *= 1.1;
          if (area >= best_area)
            continue;
          if (!item_contains (self, side->anns, i, x, y, tolerance))
            continue;

          best_area = area;
          found = TRUE;
          hit->is_gt = is_gt;
          hit->index = i;
          hit->category = side->anns->category[i];
          hit->score = side->anns->score[i];
          hit->iou = item->iou;
          hit->outcome = item->outcome;
          hit->partner = item->partner;
        }
    }

  return found;
}

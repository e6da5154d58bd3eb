/* precis-polyline.h: open polylines widened to bands (SEMANTICS.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-rle.h"

G_BEGIN_DECLS

/* max(2, 30 · √(W² + H²) / √(1640² + 590²)): CULane's lane width scaled by the diagonal. */
double precis_polyline_default_width (guint32 width,
                                      guint32 height);

/* The union of the bands of @n_lines polylines (line i: n_coords[i] doubles
 * x0, y0, x1, y1, …), band width @band_width: pixel (x, y) of the @width × @height
 * image is set iff the distance from (x + 0.5, y + 0.5) to a polyline is ≤ w / 2. */
void   precis_polyline_band_rle      (PrecisRle            *out,
                                      const double * const *lines,
                                      const gsize          *n_coords,
                                      gsize                 n_lines,
                                      double                band_width,
                                      guint32               height,
                                      guint32               width);

G_END_DECLS

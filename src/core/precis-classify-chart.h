/* precis-classify-chart.h: the reliability diagram of a classification evaluation (SEMANTICS.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "precis-classify.h"

G_BEGIN_DECLS

/* Draws the 15 bins of @result (accuracy against mean confidence, the
 * diagonal of perfect calibration, each bin's gap and count) into @width ×
 * @height user units of @cr (@scale device pixels per unit). Returns the
 * strings drawn, in order (free with g_ptr_array_unref). */
GPtrArray *precis_classify_chart_draw (const PrecisClassifyResult *result,
                                       cairo_t                    *cr,
                                       double                      width,
                                       double                      height,
                                       double                      scale);

G_END_DECLS

/* precis-cli-charts.h: shared by the files of precis-cli charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-chart.h"

typedef struct {
  const char *out;
  double      width;
  double      height;
  double      scale;
  gboolean    force;
} PrecisCliChartsSave;

/* Writes @chart as OUT/@stem.png and prints its path; returns a CLI status. */
int precis_cli_charts_save (PrecisChart               *chart,
                            const char                *stem,
                            const PrecisCliChartsSave *save);

/* --compare: the overlaid PR and F1 curves of @models (comma-separated, NULL:
 * all) and the ΔAP of the first non-baseline model against @baseline. */
int precis_cli_charts_compare (PrecisDataset             *dataset,
                               PrecisIouType              type,
                               const guint8              *mask,
                               const char                *models,
                               const char                *baseline,
                               double                     iou,
                               double                     confidence,
                               const PrecisCliChartsSave *save);

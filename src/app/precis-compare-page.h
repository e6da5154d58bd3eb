/* precis-compare-page.h: every model of the project side by side (issue 12, SEMANTICS.md §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-app-eval.h"
#include "precis-chart-view.h"
#include "precis-matcher.h"

G_BEGIN_DECLS

/**
 * PrecisCompareColumn:
 * @PRECIS_COMPARE_COLUMN_MAP: mAP@t
 * @PRECIS_COMPARE_COLUMN_MAR: mAR@t
 * @PRECIS_COMPARE_COLUMN_F1: mean F1
 * @PRECIS_COMPARE_COLUMN_TP: summed TP
 * @PRECIS_COMPARE_COLUMN_FP: summed FP
 * @PRECIS_COMPARE_COLUMN_FN: summed FN
 * @PRECIS_COMPARE_COLUMN_DMAP: Δ mAP against the baseline ("—" for the baseline)
 * @PRECIS_COMPARE_COLUMN_DMAR: Δ mAR
 * @PRECIS_COMPARE_COLUMN_DF1: Δ mean F1
 * @PRECIS_COMPARE_COLUMN_DTP: Δ TP
 * @PRECIS_COMPARE_COLUMN_DFP: Δ FP
 * @PRECIS_COMPARE_COLUMN_DFN: Δ FN
 * @PRECIS_COMPARE_COLUMN_CI: the bootstrap's 95 % interval of Δ mAP
 * @PRECIS_COMPARE_COLUMN_P_BETTER: P(Δ mAP > 0) over the resamples
 * @PRECIS_COMPARE_COLUMN_VERDICT: whether the interval excludes 0
 *
 * The cells of a model's row; the last three are the Bootstrap section's.
 */
typedef enum {
  PRECIS_COMPARE_COLUMN_MAP,
  PRECIS_COMPARE_COLUMN_MAR,
  PRECIS_COMPARE_COLUMN_F1,
  PRECIS_COMPARE_COLUMN_TP,
  PRECIS_COMPARE_COLUMN_FP,
  PRECIS_COMPARE_COLUMN_FN,
  PRECIS_COMPARE_COLUMN_DMAP,
  PRECIS_COMPARE_COLUMN_DMAR,
  PRECIS_COMPARE_COLUMN_DF1,
  PRECIS_COMPARE_COLUMN_DTP,
  PRECIS_COMPARE_COLUMN_DFP,
  PRECIS_COMPARE_COLUMN_DFN,
  PRECIS_COMPARE_COLUMN_CI,
  PRECIS_COMPARE_COLUMN_P_BETTER,
  PRECIS_COMPARE_COLUMN_VERDICT,
  PRECIS_COMPARE_N_COLUMNS
} PrecisCompareColumn;

#define PRECIS_COMPARE_PAGE_RESAMPLES 1000
#define PRECIS_COMPARE_PAGE_SEED      1

#define PRECIS_TYPE_COMPARE_PAGE (precis_compare_page_get_type ())
G_DECLARE_FINAL_TYPE (PrecisComparePage, precis_compare_page, PRECIS, COMPARE_PAGE, GtkWidget)

GtkWidget   *precis_compare_page_new                  (void);

/* The window's matcher: its dataset and IoU type say what is compared. When
 * either changed, the matchers of every model that has the geometry are built
 * in a worker (the window's own is reused); NULL: the empty state. */
void         precis_compare_page_set_matcher          (PrecisComparePage     *self,
                                                       PrecisMatcher         *matcher,
                                                       const char            *empty_message);
/* Per slider step: re-evaluates every model on the main thread (no matching;
 * deferred while the page is hidden) and cancels a running bootstrap, which
 * runs again a moment later when the controls rest. */
void         precis_compare_page_set_params           (PrecisComparePage     *self,
                                                       const PrecisAppParams *params);

/* Whether the matchers are built and the table shows the current parameters
 * (TRUE in the empty state). */
gboolean     precis_compare_page_is_ready             (PrecisComparePage     *self);
/* Whether no bootstrap is running or waiting to run. */
gboolean     precis_compare_page_bootstrap_idle       (PrecisComparePage     *self);
/* Whether the bootstrap results shown are those of the current parameters. */
gboolean     precis_compare_page_bootstrap_current    (PrecisComparePage     *self);
/* The number of models in the table (0 before the matchers are built). */
guint        precis_compare_page_get_n_models         (PrecisComparePage     *self);
/* The dataset model index of table row @row. */
guint        precis_compare_page_get_model            (PrecisComparePage     *self,
                                                       guint                  row);
GtkDropDown *precis_compare_page_get_baseline_dropdown (PrecisComparePage    *self);
/* The model the per-class ΔAP chart shows: every model but the baseline
 * (shown with more than two models). */
GtkDropDown *precis_compare_page_get_delta_dropdown   (PrecisComparePage     *self);
GtkButton   *precis_compare_page_get_bootstrap_button (PrecisComparePage     *self);
GtkButton   *precis_compare_page_get_cancel_button    (PrecisComparePage     *self);
/* The label of cell @column in row @row (NULL when out of range). */
GtkLabel    *precis_compare_page_get_cell             (PrecisComparePage     *self,
                                                       guint                  row,
                                                       PrecisCompareColumn    column);
/* The Bootstrap section's status line, and the empty state's message. */
GtkLabel    *precis_compare_page_get_bootstrap_status (PrecisComparePage     *self);
GtkLabel    *precis_compare_page_get_empty_label      (PrecisComparePage     *self);
/* Chart @index: 0 overlaid PR curves, 1 overlaid F1 curves, 2 per-class ΔAP. */
PrecisChartView *precis_compare_page_get_chart        (PrecisComparePage     *self,
                                                       guint                  index);

G_END_DECLS

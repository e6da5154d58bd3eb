/* precis-compare-page-private.h: PrecisComparePage internals shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * precis-compare-page.c            the object, the matcher worker, the live
 *                                  evaluation and the charts
 * precis-compare-page-table.c      the table: its cells and their numbers
 * precis-compare-page-bootstrap.c  the Bootstrap section: the paired bootstrap
 *                                  in a worker, its interval and verdict cells
 */
#pragma once

#include "precis-bootstrap.h"
#include "precis-compare.h"
#include "precis-compare-page.h"

G_BEGIN_DECLS

#define N_COMPARE_CHARTS 3

struct _PrecisComparePage
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkLabel          *empty_title;
  GtkLabel          *empty_label;
  GtkDropDown       *baseline_dropdown;
  GtkWidget         *delta_box;       /* "Per-class ΔAP of", with more than two models */
  GtkDropDown       *delta_dropdown;  /* the models but the baseline */
  GtkLabel          *status_label;
  GtkLabel          *excluded_label;
  GtkGrid           *table;
  GtkGrid           *boot_grid;
  GtkButton         *boot_button;
  GtkButton         *cancel_button;
  GtkSpinner        *spinner;
  GtkLabel          *boot_status;
  PrecisChartSource *source;
  PrecisChartView   *charts[N_COMPARE_CHARTS];

  /* What is compared: the window's dataset and IoU type */
  PrecisDataset     *dataset;
  PrecisIouType      type;
  GCancellable      *build_cancellable;
  guint              n_models;
  guint             *models;          /* dataset model index per row */
  PrecisCompare     *compare;         /* NULL until the matchers are built */
  GtkLabel         **cells;           /* n_models × PRECIS_COMPARE_N_COLUMNS */
  gboolean           updating;        /* filling the drop-downs */
  guint              shown;           /* the row the ΔAP chart shows, not the baseline */

  /* The window's parameters */
  gboolean           have_params;
  double             threshold;
  double             confidence;
  double             area_min;
  double             area_max;
  guint8            *mask;            /* n_categories, or NULL for all */
  gboolean           mask_dirty;
  gboolean           stale;           /* parameters not evaluated yet (hidden page) */

  /* The bootstrap */
  GCancellable      *boot_cancellable;   /* of the running one, or NULL */
  PrecisBootstrap   *boot;               /* the last result, or NULL */
  gboolean           boot_wanted;        /* the user asked: rerun when the parameters change */
  gboolean           boot_current;       /* @boot is of the current parameters and baseline */
  guint              boot_timeout;       /* a rerun waiting for the controls to rest */
};

/* precis-compare-page.c */
const char *_precis_compare_page_model_name   (PrecisComparePage *self,
                                               guint              row);
/* A card with a heading (NULL: none). */
GtkWidget  *_precis_compare_page_card         (const char        *title);
/* Sets a cell's text (and tooltip); NULL text shows "—". */
void        _precis_compare_page_set_cell     (PrecisComparePage *self,
                                               guint              row,
                                               PrecisCompareColumn column,
                                               const char        *text);

/* precis-compare-page-table.c */
/* One row per model in the table and in the Bootstrap section's grid. */
void        _precis_compare_page_rebuild_table   (PrecisComparePage *self);
/* The evaluated numbers into the table, and the status line. */
void        _precis_compare_page_show_numbers    (PrecisComparePage *self);

/* precis-compare-page-bootstrap.c */
GtkWidget  *_precis_compare_page_build_bootstrap (PrecisComparePage *self);
/* The parameters or the baseline changed: the results are out of date; a
 * bootstrap the user asked for runs again once the controls rest. */
void        _precis_compare_page_bootstrap_stale (PrecisComparePage *self);
/* The page shows again: a bootstrap the user asked for that is out of date runs. */
void        _precis_compare_page_bootstrap_resume (PrecisComparePage *self);
/* Shows self->boot (or placeholders) in the cells and the status line. */
void        _precis_compare_page_show_bootstrap  (PrecisComparePage *self);
/* Cancels and forgets everything (a new dataset, dispose). */
void        _precis_compare_page_bootstrap_clear (PrecisComparePage *self);

G_END_DECLS

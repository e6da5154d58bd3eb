/* precis-errors-page-private.h: PrecisErrorsPage internals shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * precis-errors-page.c        the object, its workers, the bars and the matrix
 * precis-errors-page-matrix.c the confusion matrix: cells, counts or shares,
 *                             zoom, its PNG export
 * precis-errors-page-query.c  what the window and the tests ask of it: the
 *                             objects behind a bar, an object's error line
 */
#pragma once

#include "precis-confusion.h"
#include "precis-errors-page.h"

G_BEGIN_DECLS

struct _PrecisErrorsPage
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  GtkLabel        *empty_label;
  GtkLabel        *ap_label;
  GtkGrid         *types_grid;
  GtkGrid         *matrix_grid;
  GtkLabel        *matrix_note;
  GtkSpinButton   *top_spin;
  GtkToggleButton *normalised_toggle;
  GtkWidget       *zoom_in_button;
  GtkWidget       *zoom_out_button;
  GtkScrolledWindow *matrix_scroller;

  GtkWidget       *type_buttons[PRECIS_TIDE_N_ERRORS];
  GtkLevelBar     *type_bars[PRECIS_TIDE_N_ERRORS];
  GtkLabel        *type_counts[PRECIS_TIDE_N_ERRORS];
  GtkLabel        *type_daps[PRECIS_TIDE_N_ERRORS];

  PrecisMatcher   *matcher;
  PrecisOverlaps  *overlaps;
  PrecisTide      *tide;
  PrecisConfusion *confusion;
  GCancellable    *build_cancellable;
  GCancellable    *dap_cancellable;
  gboolean         daps_ready;
  gboolean         counts_ready;
  gboolean         stale;          /* parameters changed while unmapped */

  double           threshold;
  double           confidence;
  double           background;
  guint8          *mask;           /* n_categories, or NULL for all */
  guint           *matrix;         /* (K + 1)² counts shown, or NULL before the first */
  guint           *shown;          /* category indices in the matrix, then K */
  guint            n_shown;
  GtkWidget      **cells;          /* n_shown × n_shown buttons */
  gboolean         row_normalised; /* cells show their share of the row */
  double           zoom;           /* cell size factor */
};

PrecisDataset *_precis_errors_page_dataset    (PrecisErrorsPage *self);
/* A category's name, or "background" for index n_categories. */
const char    *_precis_errors_page_class_name (PrecisErrorsPage *self,
                                               guint             index);

/* precis-errors-page.c */
void           _precis_errors_page_emit_images (PrecisErrorsPage *self,
                                                const guint32    *preds,
                                                guint             n_preds,
                                                const guint32    *gts,
                                                guint             n_gts,
                                                const char       *label);

/* precis-errors-page-matrix.c */
void           _precis_errors_page_class_init_matrix (GtkWidgetClass   *widget_class);
void           _precis_errors_page_init_matrix       (PrecisErrorsPage *self);
/* Shows the classes precis_confusion_choose_classes() picks; the grid is
 * rebuilt only when they change. */
void           _precis_errors_page_rebuild_matrix    (PrecisErrorsPage *self);
/* The cells' text from self->matrix. */
void           _precis_errors_page_show_cells        (PrecisErrorsPage *self);

G_END_DECLS

/* precis-explorer-page-private.h: PrecisExplorerPage internals shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * precis-explorer-page.c          the object, its properties and public API
 * precis-explorer-gallery.c       per-image statistics, filter, sort, gallery cells
 * precis-explorer-detail.c        the detail view, its object list and stepping
 * precis-explorer-page-actions.c  explorer.* actions, keys, layer toggles
 * precis-explorer-filter.c        the Errors page's filter: images, emphasis, chip
 * precis-explorer-metric.c        sort by any metric, metric range filter
 */
#pragma once

#include "precis-explorer-page.h"
#include "precis-gallery-model.h"
#include "precis-image-view.h"
#include "precis-thumbnailer.h"

G_BEGIN_DECLS

typedef struct _PrecisExplorerMetric PrecisExplorerMetric;

typedef enum {
  SORT_FILE_NAME,
  SORT_ERRORS,
  SORT_CONFIDENCE,
} SortMode;

struct _PrecisExplorerPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkLabel           *empty_title;
  GtkLabel           *empty_description;
  GtkToggleButton    *filter_tp;
  GtkToggleButton    *filter_fp;
  GtkToggleButton    *filter_fn;
  GtkDropDown        *class_dropdown;
  GtkDropDown        *error_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkLabel           *count_label;
  GtkButton          *filter_chip;
  GtkBox             *gallery_layers;
  GtkStack           *gallery_stack;
  GtkGridView        *grid;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkBox             *detail_layers;
  PrecisImageView    *image_view;
  GtkLabel           *objects_heading;
  GtkListBox         *object_list;

  /* What is shown */
  PrecisDataset      *dataset;
  PrecisMatcher      *matcher;
  PrecisActive       *active;
  PrecisCocoEval     *coco;            /* protocol coco: its matches instead of @active's */
  guint               coco_threshold;

  PrecisGalleryModel *model;
  GPtrArray          *cells;          /* bound PrecisGalleryCell, not owned */
  PrecisThumbnailer  *thumbnailer;
  PrecisThumbnailer  *full_size;
  GCancellable       *detail_cancellable;
  guint32             current_image;  /* PRECIS_NO_INDEX in the gallery */
  gboolean            filling_list;

  guint               layers;

  /* Filter and sort */
  gboolean            stats_dirty;
  gboolean            outcomes_current; /* img_tp … img_conf hold the evaluation shown */
  gboolean            outcomes_dirty;   /* an evaluation arrived while the page was hidden */
  guint32            *img_tp;
  guint32            *img_fp;
  guint32            *img_fn;
  double             *img_conf;
  guint8             *img_has_class;
  int                 names_sorted;   /* −1 unknown, else whether index order is name order */
  guint32             class_filter;   /* category index or PRECIS_NO_INDEX */
  guint               error_filter;   /* a PrecisTideError, PRECIS_TIDE_N_ERRORS for any, or G_MAXUINT */
  guint32            *img_errors;     /* per image, errors of error_filter's type */
  PrecisExplorerErrorFunc error_func;
  PrecisExplorerErrorFinish error_finish;
  GCancellable       *errors_cancellable;  /* the counts asked for, or NULL */
  gboolean            errors_current;      /* img_errors are those of the evaluation shown */
  PrecisExplorerTypesFunc types_func;
  PrecisExplorerTypesFinish types_finish;
  gpointer            types_data;
  GCancellable       *types_cancellable;   /* the object types asked for, or NULL */
  guint8             *types;               /* n_gt + n_predictions TIDE types, or NULL */
  gboolean            types_current;
  gpointer            error_data;
  SortMode            sort_mode;
  guint8             *image_filter;   /* n_images bytes from the Errors page, or NULL */
  char               *image_filter_label;
  guint8             *emphasis_gt;    /* per GT, the objects behind the filter, or NULL */
  guint8             *emphasis_dt;    /* per prediction, or NULL */
  guint               refresh_idle;
  PrecisExplorerMetric *metric;       /* precis-explorer-metric.c */
};

/* precis-explorer-gallery.c */
void     _precis_explorer_page_class_init_gallery       (GtkWidgetClass     *widget_class);
void     _precis_explorer_page_init_gallery             (PrecisExplorerPage *self);
void     _precis_explorer_page_free_stats               (PrecisExplorerPage *self);
/* The evaluation or a filter changed: the statistics are recomputed, the error
 * counts asked for again (an outstanding request is cancelled). */
void     _precis_explorer_page_invalidate_stats         (PrecisExplorerPage *self);
gboolean _precis_explorer_page_depends_on_evaluation    (PrecisExplorerPage *self);
void     _precis_explorer_page_refresh_gallery          (PrecisExplorerPage *self);
void     _precis_explorer_page_queue_refresh            (PrecisExplorerPage *self);
void     _precis_explorer_page_update_cells             (PrecisExplorerPage *self);
void     _precis_explorer_page_fill_class_dropdown      (PrecisExplorerPage *self);

/* precis-explorer-filter.c */
void     _precis_explorer_page_class_init_filter        (GtkWidgetClass     *widget_class);
/* Drops the emphasis, from every view first. */
void     _precis_explorer_page_clear_emphasis           (PrecisExplorerPage *self);
/* The object rows' error badges: from the types when current, else asked for. */
void     _precis_explorer_page_update_row_types         (PrecisExplorerPage *self);

/* precis-explorer-detail.c */
void     _precis_explorer_page_class_init_detail        (GtkWidgetClass     *widget_class);
void     _precis_explorer_page_update_detail            (PrecisExplorerPage *self,
                                                         gboolean            force);
void     _precis_explorer_page_update_nav_actions       (PrecisExplorerPage *self);
void     _precis_explorer_page_step                     (PrecisExplorerPage *self,
                                                         int                 delta);

/* precis-explorer-page-actions.c */
void     _precis_explorer_page_class_init_actions       (GtkWidgetClass     *widget_class);
void     _precis_explorer_page_init_actions             (PrecisExplorerPage *self);

/* precis-explorer-metric.c */
void     _precis_explorer_metric_init                   (PrecisExplorerPage *self);
void     _precis_explorer_metric_free                   (PrecisExplorerPage *self);
void     _precis_explorer_metric_reset                  (PrecisExplorerPage *self);
gboolean _precis_explorer_metric_ready                  (PrecisExplorerPage *self);
gboolean _precis_explorer_metric_accepts                (PrecisExplorerPage *self,
                                                         guint32             k);
gboolean _precis_explorer_metric_sort                   (PrecisExplorerPage *self,
                                                         guint32            *images,
                                                         guint               n);

/* The evaluator whose outcomes the page shows; FALSE when there is none. */
gboolean _precis_explorer_page_get_source (PrecisExplorerPage  *self,
                                           PrecisOutcomeSource *source);

G_END_DECLS

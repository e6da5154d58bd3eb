/* precis-window.h: the main window (header bar, sidebar, cards, pages)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-dataset.h"
#include "precis-matcher.h"

G_BEGIN_DECLS

/**
 * PrecisStartup:
 *
 * What the command line asks for once the first project has loaded. Every
 * field is optional (NULL, or a negative number for "not given").
 */
typedef struct {
  double      iou;          /* < 0: keep the saved value */
  double      confidence;   /* < 0: keep */
  const char *classes;      /* comma-separated names or ids, or NULL for all */
  const char *model;        /* model name, or NULL for the first */
  const char *iou_type;     /* bbox | segm | keypoints | polyline, or NULL */
  const char *protocol;     /* active | coco, or NULL */
  const char *page;         /* performance | charts | explorer, or NULL */
  GFile      *screenshot;   /* render the window into this PNG after load, then close */
  gboolean    force;        /* the screenshot may replace an existing file */
  gboolean    has_image;    /* open image_id in the explorer's detail view; with
                             * screenshot, render that view instead of the window */
  gint64      image_id;     /* a COCO image id */
  gboolean    bench_ui;     /* drive the IoU slider, print frame times, then close */
} PrecisStartup;

#define PRECIS_TYPE_WINDOW (precis_window_get_type ())
G_DECLARE_FINAL_TYPE (PrecisWindow, precis_window, PRECIS, WINDOW, GtkApplicationWindow)

/* @application: the GtkApplication (a PrecisApplication in the program). The
 * window emits ::project-opened and ::script-finished for it, and uses its
 * "settings" and "recent-projects" properties when it has them. */
PrecisWindow  *precis_window_new              (gpointer             application);

/* Loads a project folder or project file in a thread. On failure the error is
 * shown in the window and the current project stays open. */
void           precis_window_open             (PrecisWindow        *self,
                                               GFile               *project);
void           precis_window_open_files       (PrecisWindow        *self,
                                               GFile               *ground_truth,
                                               GFile              **predictions,
                                               guint                n_predictions,
                                               GFile               *images_dir);
void           precis_window_set_startup      (PrecisWindow        *self,
                                               const PrecisStartup *startup);
/* Applies the start-up options now (done after the first load; call it
 * directly when there is nothing to load). */
void           precis_window_apply_startup    (PrecisWindow        *self);

/* The file chooser the window shows (Open, Export Chart, Export All), or
 * NULL: a GtkFileChooser, for tests and scripting. */
GtkNativeDialog *precis_window_get_file_chooser (PrecisWindow      *self);

/* Cancels a load in progress (Escape). */
void           precis_window_cancel_load      (PrecisWindow        *self);

/* State, for tests and scripting. */
gboolean       precis_window_is_loading       (PrecisWindow        *self);
PrecisDataset *precis_window_get_dataset      (PrecisWindow        *self);
PrecisMatcher *precis_window_get_matcher      (PrecisWindow        *self);
/* The message of the load error shown in the window, or NULL. */
const char    *precis_window_get_error_text   (PrecisWindow        *self);
/* One of the window's parts by name: "sidebar" (PrecisSidebar), "cards"
 * (PrecisCards), "performance-page" (PrecisPerformancePage) or
 * "explorer-page" (PrecisExplorerPage); NULL for another name. */
GtkWidget     *precis_window_get_part         (PrecisWindow        *self,
                                               const char          *name);
#define precis_window_get_sidebar(self)          precis_window_get_part ((self), "sidebar")
#define precis_window_get_cards(self)            precis_window_get_part ((self), "cards")
#define precis_window_get_performance_page(self) precis_window_get_part ((self), "performance-page")
#define precis_window_get_explorer_page(self)    precis_window_get_part ((self), "explorer-page")

/* What Import Predictions… does after its file chooser: shows the dialog
 * that names the model (@name, or NULL for one from the file name), reads
 * @file against the project's ground truth in a thread, then saves the
 * project file (a project without one asks where, or uses the file of
 * precis_window_set_project_save_file()) and reopens it showing the model.
 * Returns the dialog (a PrecisModelDialog). */
GtkWindow     *precis_window_import_predictions (PrecisWindow      *self,
                                               GFile               *file,
                                               const char          *name);
/* The dialog of Import Predictions…, Rename Model… or Remove Model on
 * screen, or NULL. */
GtkWindow     *precis_window_get_model_dialog (PrecisWindow        *self);
/* Where a project without a project file (a folder, or files given on the
 * command line) is saved when its models change, instead of asking with a
 * file chooser; an existing file is never replaced. For tests and scripting. */
void           precis_window_set_project_save_file (PrecisWindow   *self,
                                               GFile               *file);

/* Switches to prediction set @model of the project (matched in a thread). */
void           precis_window_set_model        (PrecisWindow        *self,
                                               guint                model);

/* Shows "performance" or "explorer". */
void           precis_window_set_page         (PrecisWindow        *self,
                                               const char          *page);

/* Writes every chart of the performance page into @folder as NAME.png
 * (performance.png, pr-curve.png, …). Returns how many were written: all of
 * them, or fewer with @error set (G_IO_ERROR_EXISTS for an existing file when
 * @overwrite is FALSE). */
guint          precis_window_export_all_charts (PrecisWindow     *self,
                                               GFile               *folder,
                                               gboolean             overwrite,
                                               GError             **error);

/* Renders the window as it is on screen (at its scale factor) into a PNG
 * file, written atomically; an existing file is replaced only with
 * @overwrite (G_IO_ERROR_EXISTS otherwise). */
gboolean       precis_window_save_screenshot  (PrecisWindow        *self,
                                               GFile               *file,
                                               gboolean             overwrite,
                                               GError             **error);
/* The same for one widget of the window (the explorer's detail view). */
gboolean       precis_window_save_widget_screenshot (PrecisWindow  *self,
                                               GtkWidget           *widget,
                                               GFile               *file,
                                               gboolean             overwrite,
                                               GError             **error);

G_END_DECLS

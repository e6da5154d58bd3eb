/* precis-window-private.h: PrecisWindow internals shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * precis-window.c           the object, its state, settings, recent projects, public API
 * precis-window-loading.c   loading a project and matching a model in a thread
 * precis-window-eval.c      evaluation on every control change, the coco protocol
 * precis-window-actions.c   the win.* actions, file choosers, chart export, keys
 * precis-window-scripted.c  --screenshot and --bench-ui runs
 * precis-window-models.c    Import Predictions…, Rename Model…, Remove Model
 *
 * The window knows the application only as a GtkApplication: it reads the
 * application's "settings" and "recent-projects" properties when it has them,
 * and tells it what happened through its own signals ("project-opened",
 * "script-finished"), which PrecisApplication connects to.
 */
#pragma once

#include "precis-window.h"
#include "precis-active.h"
#include "precis-app-eval.h"
#include "precis-cards.h"
#include "precis-compare-page.h"
#include "precis-errors-page.h"
#include "precis-metrics-page.h"
#include "precis-performance-page.h"
#include "precis-sidebar.h"

G_BEGIN_DECLS

struct _PrecisWindow
{
  GtkApplicationWindow   parent_instance;

  /* Template children */
  GtkHeaderBar          *header_bar;
  GtkMenuButton         *recent_button;
  GtkLabel              *title_label;
  GtkDropDown           *model_dropdown;
  GtkMenuButton         *models_button;
  GtkStackSwitcher      *switcher;
  GtkMenuButton         *export_button;
  GtkRevealer           *error_bar;
  GtkLabel              *error_title;
  GtkLabel              *error_label;
  GtkRevealer           *progress_revealer;
  GtkLabel              *progress_label;
  GtkProgressBar        *progress_bar;
  GtkStack              *main_stack;
  GtkWidget             *recent_box;
  GtkListBox            *recent_list;
  PrecisSidebar         *sidebar;
  PrecisCards           *cards;
  GtkStack              *view_stack;
  PrecisPerformancePage *performance_page;
  PrecisErrorsPage      *errors_page;
  PrecisMetricsPage     *metrics_page;
  PrecisComparePage     *compare_page;
  GtkBox                *explorer_slot;
  GtkWidget             *explorer_page;

  /* The application's settings (NULL without a schema) and its recent projects */
  GSettings             *settings;
  gulong                 recent_handler;

  /* The file chooser on screen (Open, Export), not owned: each owns itself
   * until its response. */
  GtkNativeDialog       *file_chooser;

  /* Models (precis-window-models.c): the dialog on screen (a weak pointer),
   * the import running in it, and where tests save a project without a file. */
  GtkWindow             *model_dialog;
  GCancellable          *import_cancellable;
  GFile                 *project_save_file;

  /* Project */
  PrecisDataset         *dataset;
  PrecisMatcher         *matcher;
  PrecisActive          *active;
  guint                  model;
  GObject               *coco;          /* PrecisCocoEval of the current matcher, or NULL */
  gboolean               coco_running;
  char                  *coco_error;
  PrecisAppSummary       summary;
  gboolean               classes_dirty;
  gboolean               updating_models;

  /* Loading */
  GCancellable          *cancellable;
  guint                  load_serial;
  char                  *error_text;

  /* Start-up options, applied once after the first load */
  gboolean               startup_pending;
  double                 startup_iou;
  double                 startup_confidence;
  char                  *startup_classes;
  char                  *startup_model;
  char                  *startup_iou_type;
  char                  *startup_protocol;
  char                  *startup_page;
  GFile                 *startup_screenshot;
  gboolean               startup_force;
  gboolean               startup_has_image;
  gint64                 startup_image_id;
  gboolean               startup_bench;
  gboolean               startup_failed;  /* the scripted run's project did not load */

  /* Measurement (bench-ui) */
  gint64                 change_time;   /* when the last control change was handled, µs */
  gint64                 eval_time;     /* the last evaluate + invalidate of every view, µs */
  gint64                 core_time;     /* of which the core evaluator, µs */
  gint64                 explorer_time; /* of which the explorer page, µs */
  gint64                 compare_time;  /* of which the Compare page, µs */
};

/* precis-window.c */
void _precis_window_show_error         (PrecisWindow      *self,
                                        const char        *title,
                                        const char        *message);
void _precis_window_hide_error         (PrecisWindow      *self);
void _precis_window_update_models      (PrecisWindow      *self);
void _precis_window_set_evaluation     (PrecisWindow      *self,
                                        PrecisDataset     *dataset,
                                        guint              model,
                                        PrecisMatcher     *matcher,
                                        const GError      *match_error);
/* Shows a start-up option's problem; a scripted run prints it and fails. */
void _precis_window_startup_error      (PrecisWindow      *self,
                                        const char        *title,
                                        const char        *message);
void _precis_window_project_opened     (PrecisWindow      *self,
                                        GFile             *location);
/* Emits ::script-finished with @status and closes the window. */
void _precis_window_finish_scripted    (PrecisWindow      *self,
                                        int                status);

/* precis-window-loading.c */
void _precis_window_rematch            (PrecisWindow      *self,
                                        guint              model,
                                        PrecisIouType      type);
void _precis_window_resync_controls    (PrecisWindow      *self);
/* Opens @project (a project file) showing the model named @model_name. */
void _precis_window_open_model         (PrecisWindow      *self,
                                        GFile             *project,
                                        const char        *model_name);

/* precis-window-eval.c */
void _precis_window_class_init_eval    (GtkWidgetClass    *widget_class);
void _precis_window_evaluate           (PrecisWindow      *self);
void _precis_window_ensure_visible_focus (PrecisWindow    *self);

/* precis-window-actions.c */
void _precis_window_close_chooser      (PrecisWindow      *self);
void _precis_window_class_actions_init (PrecisWindowClass *klass);
void _precis_window_actions_init       (PrecisWindow      *self);
void _precis_window_update_actions     (PrecisWindow      *self);
/* Shows @chooser as the window's file chooser until its response. */
void _precis_window_show_chooser       (PrecisWindow      *self,
                                        GtkFileChooserNative *chooser,
                                        GCallback          response_cb);

/* precis-window-models.c */
void _precis_window_class_models_init  (GtkWidgetClass    *widget_class);
void _precis_window_update_model_actions (PrecisWindow    *self);
void _precis_window_models_dispose     (PrecisWindow      *self);

/* precis-window-scripted.c */
void _precis_window_start_bench        (PrecisWindow      *self);
void _precis_window_start_screenshot   (PrecisWindow      *self);

G_END_DECLS

/* precis-test-app.h: what the GUI tests (suite app) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-active.h"
#include "precis-application.h"
#include "precis-window.h"

G_BEGIN_DECLS

/* g_test_init() and gtk_init() for a GUI test, without the accessibility
 * bus; no display is a failure (the suite runs under xvfb-run), not a skip. */
void          precis_test_init           (int                *argc,
                                          char             ***argv);

/* A registered, non-unique PrecisApplication (into @app) and a 1280 × 800
 * window of it, presented. */
PrecisWindow *precis_test_window_new     (PrecisApplication **app);

/* Runs the main loop while @window loads (fails after 120 s), then a few
 * more iterations for the frame that shows the result. */
void          precis_test_wait_loaded    (PrecisWindow       *window);
/* Runs the main loop (woken every 10 ms) until @done returns TRUE; fails
 * after 120 s, naming @what. */
void          precis_test_wait_until     (gboolean          (*done) (void),
                                          const char         *what);
/* @n blocking main-loop iterations, woken every 10 ms (frames get drawn). */
void          precis_test_iterate        (guint               n);
/* Appends to @found every widget of @type at or under @widget, in tree order,
 * leaving out the insides of drop-downs' popovers (their lists of choices). */
void          precis_test_collect_widgets (GtkWidget         *widget,
                                           GType              type,
                                           GPtrArray         *found);
/* The one widget of @type under @root (an assertion). */
GtkWidget    *precis_test_find_one       (GtkWidget          *root,
                                          GType               type);
/* The one button of @type under @root labelled @label (and, unless NULL,
 * with the tooltip @tooltip); an assertion. */
GtkWidget    *precis_test_find_button    (GtkWidget          *root,
                                          GType               type,
                                          const char         *label,
                                          const char         *tooltip);
/* The bundled sample project, data/sample/cartucho-map. */
GFile        *precis_test_sample_project (void);

/* g_test_log_set_fatal_handler() for GUI tests: warnings about the machine
 * (no session bus, dconf) are not fatal, everything else is. */
gboolean      precis_test_fatal_handler  (const char         *log_domain,
                                          GLogLevelFlags      log_level,
                                          const char         *message,
                                          gpointer            user_data);

/* Appends to @found every widget of @type in @widget's tree, @widget included. */
void          precis_test_find_widgets   (GtkWidget          *widget,
                                          GType               type,
                                          GPtrArray          *found);
/* The one drop-down under @root whose tooltip starts with @tooltip (fails otherwise). */
GtkDropDown  *precis_test_find_dropdown  (GtkWidget          *root,
                                          const char         *tooltip);
/* Whether a label under @root reads @text. */
gboolean      precis_test_has_label      (GtkWidget          *root,
                                          const char         *text);

/* A project evaluated with model 0's boxes, by the core directly. */
typedef struct {
  PrecisDataset *dataset;
  PrecisMatcher *matcher;
  PrecisActive  *active;
} PrecisTestProject;

void          precis_test_project_load   (PrecisTestProject  *project,
                                          const char         *path);
void          precis_test_project_clear  (PrecisTestProject  *project);

G_END_DECLS

/* test-wiring.h: what the files of test-wiring share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "precis-active.h"
#include "precis-performance-page.h"
#include "precis-sidebar.h"
#include "precis-window.h"

G_BEGIN_DECLS

/* The window under test (test-wiring.c), which every test drives in turn. */
extern PrecisWindow *window;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @cond holds; FALSE when 20 s passed first. */
gboolean               spin_until        (Condition       cond,
                                          gpointer        data);
/* The window's load has finished (an assertion). */
void                   wait_loaded       (void);

PrecisSidebar         *sidebar           (void);
PrecisPerformancePage *performance_page  (void);
/* What a pointer drag on the IoU scale does. */
void                   move_slider       (double          value);
/* What a pointer click on a button ends in: "clicked". */
void                   click             (GtkWidget      *button);

/* The core's evaluation at @threshold for @mask (NULL: all classes) on
 * @matcher (NULL: the window's), by an evaluator of the test's own. */
PrecisActive          *reference_active  (PrecisMatcher  *matcher,
                                          double          threshold,
                                          const guint8   *mask);
/* Every chart of the performance page shows that evaluation. */
void                   check_charts      (PrecisMatcher  *matcher,
                                          double          threshold,
                                          const guint8   *mask,
                                          const char     *iou_type);
/* @name in the bundled sample project (NULL: the project folder). */
GFile                 *sample_file       (const char     *name);

/* test-wiring-coco.c */
void test_slider_updates_explorer (void);
void test_protocol_switch         (void);
void test_coco_explorer_differs   (void);
void test_class_list_follows_protocol (void);

G_END_DECLS

/* test-active.h: what the files of test-active share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* test-active-incremental.c */
void test_incremental_real  (void);
void test_incremental_synth (void);

G_END_DECLS

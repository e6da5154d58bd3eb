/* test-cocoeval.h: what the files of test-cocoeval share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* test-cocoeval-reference.c */
void test_reference_synth (void);

G_END_DECLS

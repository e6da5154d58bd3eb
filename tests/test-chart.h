/* test-chart.h: what the files of test-chart share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* test-chart-cli.c */
void test_from_active (void);
void test_cli         (void);
void test_cli_usage   (void);

G_END_DECLS

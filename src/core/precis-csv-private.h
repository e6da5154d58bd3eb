/* precis-csv-private.h: CSV helpers shared by the confusion matrix and the outcome export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @field, quoted as RFC 4180 says when it holds a comma, a quote or a
 * line break. */
void _precis_csv_append_field (GString    *out,
                               const char *field);

G_END_DECLS

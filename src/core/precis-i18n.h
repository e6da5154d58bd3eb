/* precis-i18n.h: the locale and the message catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void precis_i18n_init (void);

G_END_DECLS

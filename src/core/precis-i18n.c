/* precis-i18n.c: the locale and the message catalogue, for every program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "precis.h"

/**
 * precis_i18n_init:
 *
 * Sets the locale from the environment and binds Precis's message catalogue.
 * The catalogue is looked up under `PRECIS_LOCALEDIR` when it is set (the test
 * suite points it at the build tree's `po/`, where meson compiles the
 * catalogues), and under the installed locale directory otherwise.
 *
 * Only the messages and the numbers shown to a user follow the locale: every
 * file Precis writes formats its numbers with g_ascii_dtostr() or
 * g_ascii_formatd(), whatever LC_NUMERIC says.
 */
void
precis_i18n_init (void)
{
  const char *dir = g_getenv ("PRECIS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

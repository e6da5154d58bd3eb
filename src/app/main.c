/* main.c: the `precis` executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-application.h"
#include "precis-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PrecisApplication) app = NULL;
  int status;

  precis_i18n_init ();

  app = precis_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  if (status == 0)
    status = precis_application_get_exit_status (app);

  return status;
}

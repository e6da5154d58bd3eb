/* precis-application.h: the GtkApplication of Precis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PRECIS_TYPE_APPLICATION (precis_application_get_type ())
G_DECLARE_FINAL_TYPE (PrecisApplication, precis_application, PRECIS, APPLICATION, GtkApplication)

PrecisApplication *precis_application_new             (void);

/* The org.precis.Precis settings, or NULL when the schema is not installed
 * (and not found in the build tree): callers must cope with NULL. */
GSettings         *precis_application_get_settings    (PrecisApplication *self);

/* Adds @file (a project folder or project file) to the recent projects. */
void               precis_application_add_recent      (PrecisApplication *self,
                                                       GFile             *file);
/* The recent projects, most recent first, as URIs (NULL-terminated, owned by caller). */
char             **precis_application_dup_recent      (PrecisApplication *self);

/* Exit status for scripted runs (--screenshot, --bench-ui): 0 on success. */
int                precis_application_get_exit_status (PrecisApplication *self);
void               precis_application_set_exit_status (PrecisApplication *self,
                                                       int                status);

G_END_DECLS

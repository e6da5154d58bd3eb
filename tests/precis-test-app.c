/* precis-test-app.c: what the GUI tests (suite app) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-test-app.h"

void
precis_test_init (int    *argc,
                  char ***argv)
{
  /* Unless the test asks for GTK's in-process test backend (GTK_A11Y=test). */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (argc, argv, NULL);
  g_test_log_set_fatal_handler (precis_test_fatal_handler, NULL);
  if (!gtk_init_check ())
    g_error ("cannot open a display: run the app suite under xvfb-run");
}

PrecisWindow *
precis_test_window_new (PrecisApplication **app)
{
  PrecisWindow *window;

  *app = precis_application_new ();
  g_application_set_flags (G_APPLICATION (*app),
                           g_application_get_flags (G_APPLICATION (*app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (*app), NULL, NULL));
  window = precis_window_new (*app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

gboolean
precis_test_fatal_handler (const char     *log_domain,
                           GLogLevelFlags  log_level,
                           const char     *message,
                           gpointer        user_data)
{
  if ((log_level & G_LOG_LEVEL_WARNING) &&
      (strstr (message, "session bus") != NULL || strstr (message, "dconf") != NULL ||
       strstr (message, "dbus-launch") != NULL))
    return FALSE;
  return TRUE;
}

void
precis_test_wait_loaded (PrecisWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (precis_window_is_loading (window))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the project did not load within 120 s");
      g_main_context_iteration (NULL, TRUE);
    }
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
precis_test_wait_until (gboolean   (*done) (void),
                        const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (10, wake_up, NULL);

  while (!done ())
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gave up waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

void
precis_test_iterate (guint n)
{
  guint wake = g_timeout_add (10, wake_up, NULL);

  for (guint i = 0; i < n; i++)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

void
precis_test_collect_widgets (GtkWidget *widget,
                             GType      type,
                             GPtrArray *found)
{
  /* Not the insides of a drop-down's popover (its list of choices); a menu
   * button's popover is part of the page. */
  if (GTK_IS_POPOVER (widget) && GTK_IS_DROP_DOWN (gtk_widget_get_parent (widget)))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    precis_test_collect_widgets (child, type, found);
}

GtkWidget *
precis_test_find_button (GtkWidget  *root,
                         GType       type,
                         const char *label,
                         const char *tooltip)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *button = NULL;

  precis_test_collect_widgets (root, type, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (found, i)), label) == 0 &&
        (tooltip == NULL ||
         g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (found, i)), tooltip) == 0))
      {
        g_assert_null (button);
        button = g_ptr_array_index (found, i);
      }
  g_assert_nonnull (button);
  return button;
}

GtkWidget *
precis_test_find_one (GtkWidget *root,
                      GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  precis_test_collect_widgets (root, type, found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

GFile *
precis_test_sample_project (void)
{
  return g_file_new_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", NULL);
}

void
precis_test_project_load (PrecisTestProject *project,
                          const char        *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  project->dataset = precis_dataset_load_project (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project->dataset);
  project->matcher = precis_matcher_new (project->dataset, 0, PRECIS_IOU_BBOX, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  project->active = precis_active_new (project->matcher);
  precis_active_evaluate (project->active);
}

void
precis_test_project_clear (PrecisTestProject *project)
{
  g_clear_object (&project->active);
  g_clear_object (&project->matcher);
  g_clear_object (&project->dataset);
}

void
precis_test_find_widgets (GtkWidget *widget,
                          GType      type,
                          GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    precis_test_find_widgets (child, type, found);
}

GtkDropDown *
precis_test_find_dropdown (GtkWidget  *root,
                           const char *tooltip)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkDropDown *dropdown = NULL;

  precis_test_find_widgets (root, GTK_TYPE_DROP_DOWN, found);
  for (guint k = 0; k < found->len; k++)
    if (g_str_has_prefix (gtk_widget_get_tooltip_text (g_ptr_array_index (found, k)), tooltip))
      {
        g_assert_null (dropdown);
        dropdown = g_ptr_array_index (found, k);
      }
  g_assert_nonnull (dropdown);
  return dropdown;
}

gboolean
precis_test_has_label (GtkWidget  *root,
                       const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  precis_test_find_widgets (root, GTK_TYPE_LABEL, found);
  for (guint k = 0; k < found->len; k++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (found, k)), text) == 0)
      return TRUE;
  return FALSE;
}

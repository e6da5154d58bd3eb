/* test-gl-smoke.c: the window starts and paints with GL enabled (suite gl)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every other GUI test runs with GDK_DEBUG=gl-disable and GSK_RENDERER=cairo
 * (tests/meson.build), so that the sanitizer pass does not depend on the GL
 * driver's own allocations. This one test keeps GDK's default: GL prepared on
 * the display, GTK's default renderer. It opens the bundled sample in a real
 * PrecisWindow, lets frames go through and checks that the window was drawn
 * by a GL renderer, so that disabling GL elsewhere cannot hide a failure of
 * the GL path. It runs in the plain pass only (build-aux/test.sh leaves the
 * suite out of the ASan pass, where the Mesa driver's allocations would be
 * reported as leaks).
 */

#include "config.h"

#include <gtk/gtk.h>

#include "precis-application.h"
#include "precis-test-app.h"
#include "precis-window.h"

static void
test_gl_window (void)
{
  g_autoptr(PrecisApplication) app = NULL;
  g_autoptr(GFile) project = NULL;
  g_autoptr(GError) error = NULL;
  PrecisWindow *window;
  GdkDisplay *display;
  GskRenderer *renderer;
  GdkFrameClock *clock;
  gint64 frame_before, deadline;
  const char *type_name;

  /* The suite's environment (tests/meson.build, gl_env) sets neither. */
  g_assert_null (strstr (g_getenv ("GDK_DEBUG") ? g_getenv ("GDK_DEBUG") : "", "gl-disable"));
  g_assert_null (g_getenv ("GSK_RENDERER"));

  display = gdk_display_get_default ();
  g_assert_nonnull (display);
  /* GDK opens GL on the display: what the ASan pass turns off. */
  g_assert_true (gdk_display_prepare_gl (display, &error));
  g_assert_no_error (error);

  window = precis_test_window_new (&app);

  project = g_file_new_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", NULL);
  precis_window_open (window, project);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (precis_window_is_loading (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (precis_window_is_loading (window));
  g_assert_null (precis_window_get_error_text (window));

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);
  g_assert_true (gsk_renderer_is_realized (renderer));
  type_name = G_OBJECT_TYPE_NAME (renderer);
  g_test_message ("renderer: %s", type_name);
  /* GTK 4.8's default on a display with GL: GskGLRenderer ("ngl"). */
  g_assert_nonnull (strstr (type_name, "GL"));

  /* Three more frames painted through that renderer. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (clock);
  frame_before = gdk_frame_clock_get_frame_counter (clock);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (gdk_frame_clock_get_frame_counter (clock) < frame_before + 3
         && g_get_monotonic_time () < deadline)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (gdk_frame_clock_get_frame_counter (clock), >=, frame_before + 3);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  /* No display is a failure, not a skip: run the suite under xvfb-run. */
  if (!gtk_init_check ())
    g_error ("no display: run the gl suite under xvfb-run (build-aux/test.sh does)");

  g_test_add_func ("/gl/window-paints-with-gl", test_gl_window);

  return g_test_run ();
}

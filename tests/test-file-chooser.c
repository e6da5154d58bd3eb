/* test-file-chooser.c: the window's file choosers, driven as a user would (suite chooser)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open Folder (cancelled and accepted), Open Project File, Export Chart and
 * Import Predictions… (its results file, then where to save a folder's new
 * project file) through the real GtkFileChooserNative of a PrecisWindow
 * holding the bundled sample project (data/sample/cartucho-map).
 *
 * Its own program and suite because GTK 4.8's file chooser widget keeps memory
 * that LeakSanitizer reports (the GError of a cancelled folder listing dropped
 * in libgtk, libcloudproviders' paths, GIO's enumeration threads: no frame of
 * Precis in any of the stacks, and Debian's libgtk has no symbols for a
 * suppression to name). The plain pass runs it; build-aux/test.sh leaves the
 * suite out of the ASan pass, as it does `gl`.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "precis-model-dialog.h"
#include "precis-png.h"
#include "precis-test-app.h"
#include "precis-window.h"

static PrecisApplication *app;
static PrecisWindow *window;

static void
spin_until_loaded (void)
{
  precis_test_wait_loaded (window);
}

static GFile *
sample_project (void)
{
  return precis_test_sample_project ();
}

static void answer (GtkFileChooserAction  expected,
                    GFile                *file,
                    int                   response);

/* The file choosers, driven as a user would: the action opens the chooser, a
 * file is chosen in it, and its response goes to the window. */
static void
choose (const char           *action,
        GtkFileChooserAction  expected,
        GFile                *file,
        int                   response)
{
  g_assert_null (precis_window_get_file_chooser (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  answer (expected, file, response);
}

/* The chooser on screen: @file chosen in it (unless NULL), then @response. */
static void
answer (GtkFileChooserAction  expected,
        GFile                *file,
        int                   response)
{
  GtkNativeDialog *chooser;
  g_autoptr(GError) error = NULL;

  chooser = precis_window_get_file_chooser (window);
  g_assert_nonnull (chooser);
  g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, expected);
  g_assert_true (gtk_native_dialog_get_visible (chooser));
  if (file != NULL)
    {
      /* Generous: the folder is listed in a thread, on a loaded machine. */
      gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
      g_autoptr(GFile) chosen = NULL;

      if (expected == GTK_FILE_CHOOSER_ACTION_SAVE)
        {
          /* A new file: its folder, and its name typed in. */
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *name = g_file_get_basename (file);

          g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, &error));
          gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
        }
      else
        g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
      g_assert_no_error (error);
      /* The chooser selects it once it has listed the folder (a thread). */
      while ((chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL ||
             !g_file_equal (chosen, file))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_clear_object (&chosen);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  g_signal_emit_by_name (chooser, "response", response);
  /* Answered: the chooser is gone. */
  g_assert_null (precis_window_get_file_chooser (window));
}

static void
test_file_choosers (void)
{
  g_autoptr(GFile) folder = sample_project ();
  g_autofree char *dir = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *chart_path = NULL;
  g_autoptr(GFile) project_file = NULL;
  g_autoptr(GFile) chart = NULL;
  g_autoptr(GError) error = NULL;
  PrecisDataset *before = precis_window_get_dataset (window);

  /* Cancel: nothing loads. */
  choose ("win.open", GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, folder, GTK_RESPONSE_CANCEL);
  g_assert_false (precis_window_is_loading (window));
  g_assert_true (precis_window_get_dataset (window) == before);

  /* Open Folder: the sample project, loaded anew. */
  choose ("win.open", GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, folder, GTK_RESPONSE_ACCEPT);
  g_assert_true (precis_window_is_loading (window));
  spin_until_loaded ();
  g_assert_null (precis_window_get_error_text (window));
  g_assert_true (precis_window_get_dataset (window) != before);
  g_assert_true (g_file_equal (precis_dataset_get_location (precis_window_get_dataset (window)), folder));
  g_assert_cmpuint (precis_dataset_get_n_images (precis_window_get_dataset (window)), ==, 85);

  /* Open Project File: a project file naming the sample's files. */
  dir = g_dir_make_tmp ("precis-test-app-XXXXXX", &error);
  g_assert_no_error (error);
  project_path = g_build_filename (dir, "project.json", NULL);
  contents = g_strdup_printf ("{\"name\": \"chosen\", \"ground_truth\": \"%s/data/sample/cartucho-map/gt.json\","
                              " \"predictions\": [{\"name\": \"m\", \"path\": \"%s/data/sample/cartucho-map/predictions.json\"}]}",
                              SOURCE_DIR, SOURCE_DIR);
  g_assert_true (g_file_set_contents (project_path, contents, -1, &error));
  g_assert_no_error (error);
  project_file = g_file_new_for_path (project_path);
  choose ("win.open-file", GTK_FILE_CHOOSER_ACTION_OPEN, project_file, GTK_RESPONSE_ACCEPT);
  spin_until_loaded ();
  g_assert_null (precis_window_get_error_text (window));
  g_assert_cmpstr (precis_dataset_get_name (precis_window_get_dataset (window)), ==, "chosen");

  /* Export Chart: the chart on screen, into the chosen file. */
  precis_window_set_page (window, "performance");
  chart_path = g_build_filename (dir, "chosen.png", NULL);
  chart = g_file_new_for_path (chart_path);
  choose ("win.export-chart", GTK_FILE_CHOOSER_ACTION_SAVE, chart, GTK_RESPONSE_ACCEPT);
  {
    guint width = 0, height = 0;

    g_assert_true (precis_png_read_info (chart_path, &width, &height, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (width, >, 100);
  }

  g_assert_cmpint (g_unlink (chart_path), ==, 0);
  g_assert_cmpint (g_unlink (project_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}




static gboolean
import_checked (void)
{
  GtkWindow *dialog = precis_window_get_model_dialog (window);

  return precis_window_get_file_chooser (window) != NULL ||
         (dialog != NULL && precis_model_dialog_get_error (PRECIS_MODEL_DIALOG (dialog)) != NULL);
}

/* Import Predictions… on a folder project: the results file from the open
 * chooser, the name from the dialog, and the new project file from the save
 * chooser, which the window then shows. */
static void
test_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("precis-test-import-XXXXXX", &error);
  g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *pred = g_build_filename (dir, "predictions.json", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.json", NULL);
  g_autofree char *sample_gt = g_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", "gt.json", NULL);
  g_autofree char *sample_pred = g_build_filename (SOURCE_DIR, "data", "sample", "cartucho-map", "predictions.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) other = g_file_new_for_path (sample_pred);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  PrecisDataset *dataset;
  GtkWindow *dialog;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sample_gt, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (gt, text, -1, NULL));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (sample_pred, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (pred, text, -1, NULL));
  precis_window_open (window, folder);
  spin_until_loaded ();

  choose ("win.import-predictions", GTK_FILE_CHOOSER_ACTION_OPEN, other, GTK_RESPONSE_ACCEPT);
  dialog = precis_window_get_model_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (g_file_equal (precis_model_dialog_get_file (PRECIS_MODEL_DIALOG (dialog)), other));
  precis_model_dialog_set_name (PRECIS_MODEL_DIALOG (dialog), "sample copy");
  precis_model_dialog_accept (PRECIS_MODEL_DIALOG (dialog));
  precis_test_wait_until (import_checked, "the save chooser");
  g_assert_null (precis_model_dialog_get_error (PRECIS_MODEL_DIALOG (dialog)));
  answer (GTK_FILE_CHOOSER_ACTION_SAVE, saved_file, GTK_RESPONSE_ACCEPT);
  spin_until_loaded ();

  g_assert_null (precis_window_get_model_dialog (window));
  dataset = precis_window_get_dataset (window);
  g_assert_true (g_file_equal (precis_dataset_get_location (dataset), saved_file));
  g_assert_cmpuint (precis_dataset_get_n_models (dataset), ==, 2);
  g_assert_cmpstr (precis_dataset_get_model_name (dataset, 1), ==, "sample copy");

  g_assert_cmpint (g_unlink (saved), ==, 0);
  g_assert_cmpint (g_unlink (gt), ==, 0);
  g_assert_cmpint (g_unlink (pred), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) project = NULL;
  int status;

  precis_test_init (&argc, &argv);
  window = precis_test_window_new (&app);
  project = sample_project ();
  precis_window_open (window, project);
  spin_until_loaded ();

  g_test_add_func ("/chooser/open-and-export", test_file_choosers);
  g_test_add_func ("/chooser/import", test_import);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}

/* test-import-gui.c: Import Predictions…, Rename Model… and Remove Model in
 * the window, under Xvfb (suite app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test works on a copy of tests/data/real/cartucho-map (gt.json, and
 * predictions.json as a.json and b.json) in a temporary folder, with a project
 * file p.json listing model "a" and members Precis does not know. The tests
 * drive the window's real dialogs: precis_window_import_predictions() is what
 * win.import-predictions calls once its file chooser has a file (the native
 * chooser itself is test-file-chooser's business), and win.rename-model and
 * win.remove-model are activated as the menu does. What counts is what the
 * window shows (its model drop-down, the dialog's messages) and what the
 * project file on disk holds afterwards.
 *
 * With PRECIS_IMPORT_SCREENSHOT=FILE the dialog showing the bad file's error
 * is saved there, and with PRECIS_IMPORT_WINDOW_SCREENSHOT=FILE the window
 * after the good import.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-model-dialog.h"
#include "precis-sidebar.h"
#include "precis-test-app.h"
#include "precis-test-asan.h"

typedef struct {
  char              *dir;
  char              *project;    /* p.json */
  PrecisWindow      *window;
} Fixture;

/* One application for the program (it registers once); a window per test. */
static PrecisApplication *app;

/* The window the wait conditions look at. */
static PrecisWindow *current;

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
in_dir (Fixture    *f,
        const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
copy_real (Fixture    *f,
           const char *from,
           const char *to)
{
  g_autofree char *text = read_text (g_test_get_filename (G_TEST_DIST, "data", "real", "cartucho-map",
                                                          from, NULL));
  g_autofree char *path = in_dir (f, to);

  write_text (path, text);
}

static void
open_project (Fixture    *f,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  precis_window_open (f->window, file);
  precis_test_wait_loaded (f->window);
  g_assert_null (precis_window_get_error_text (f->window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;

  f->dir = g_dir_make_tmp ("precis-import-gui-XXXXXX", &error);
  g_assert_no_error (error);
  copy_real (f, "gt.json", "gt.json");
  copy_real (f, "predictions.json", "a.json");
  copy_real (f, "predictions.json", "b.json");
  /* Element 1's box holds a string: the loader names bad.json: [1].bbox[2]. */
  bad = in_dir (f, "bad.json");
  write_text (bad,
              "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5},\n"
              " {\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, \"x\", 4], \"score\": 0.5}]\n");
  f->project = in_dir (f, "p.json");
  write_text (f->project, data != NULL ? data :
              "{\n"
              "  \"name\": \"street\",\n"
              "  \"ground_truth\": \"gt.json\",\n"
              "  \"predictions\": [{\"name\": \"a\", \"path\": \"a.json\", \"note\": \"kept\"}],\n"
              "  \"zzz_unknown\": [1, 2]\n"
              "}\n");

  if (app == NULL)
    f->window = precis_test_window_new (&app);
  else
    {
      f->window = precis_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
      gtk_window_present (GTK_WINDOW (f->window));
    }
  current = f->window;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  if (dir != NULL)
    g_rmdir (path);
  else
    g_remove (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  precis_test_iterate (5);
  current = NULL;

  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

/* ------------------------------------------------------------------------ */
/* What the window shows */

static GtkWidget *
find_dropdown (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_dropdown (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The model drop-down: the one GtkDropDown of the header bar. */
static GtkDropDown *
model_dropdown (PrecisWindow *window)
{
  GtkWidget *dropdown = find_dropdown (gtk_window_get_titlebar (GTK_WINDOW (window)));

  g_assert_nonnull (dropdown);
  return GTK_DROP_DOWN (dropdown);
}

/* The drop-down's names, comma-separated, the selected one in brackets. */
static char *
dropdown_text (PrecisWindow *window)
{
  GtkDropDown *dropdown = model_dropdown (window);
  GListModel *names = gtk_drop_down_get_model (dropdown);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (i == gtk_drop_down_get_selected (dropdown))
        g_string_append_printf (out, "[%s]", name);
      else
        g_string_append (out, name);
    }
  return g_string_free (out, FALSE);
}

/* The project file's predictions, "name=path" comma-separated. */
static char *
file_models (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  JsonArray *preds;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  preds = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "predictions");
  for (guint i = 0; i < json_array_get_length (preds); i++)
    {
      JsonObject *e = json_array_get_object_element (preds, i);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "," : "",
                              json_object_get_string_member_with_default (e, "name", "(none)"),
                              json_object_get_string_member (e, "path"));
    }
  return g_string_free (out, FALSE);
}

/* Saves @widget (of @window, or a dialog of it) into $@variable, if set. */
static void
maybe_screenshot (PrecisWindow *window,
                  GtkWidget    *widget,
                  const char   *variable)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv (variable) == NULL)
    return;
  precis_test_iterate (30);
  file = g_file_new_for_path (g_getenv (variable));
  g_assert_true (precis_window_save_widget_screenshot (window, widget, file, TRUE, &error));
  g_assert_no_error (error);
}

/* Saves the dialog @window, title bar and all (its surface: GTK draws a
 * toplevel's decorations around the widget's own size), into $@variable. */
static void
maybe_save_dialog (GtkWindow  *window,
                   const char *variable)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkSurface *surface;
  GtkSnapshot *snapshot;
  graphene_rect_t area;

  if (g_getenv (variable) == NULL)
    return;
  precis_test_iterate (100);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gdk_surface_get_width (surface), gdk_surface_get_height (surface));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  graphene_rect_init (&area, 0, 0, gdk_surface_get_width (surface), gdk_surface_get_height (surface));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &area);
  g_assert_true (gdk_texture_save_to_png (texture, g_getenv (variable)));
}

static gboolean
idle (void)
{
  return precis_window_get_model_dialog (current) == NULL && !precis_window_is_loading (current);
}

static gboolean
dialog_not_busy (void)
{
  GtkWindow *dialog = precis_window_get_model_dialog (current);

  return dialog == NULL || !precis_model_dialog_is_busy (PRECIS_MODEL_DIALOG (dialog));
}

static PrecisModelDialog *
import (Fixture    *f,
        const char *file_name,
        const char *name)
{
  g_autofree char *path = in_dir (f, file_name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog = precis_window_import_predictions (f->window, file, name);

  g_assert_true (PRECIS_IS_MODEL_DIALOG (dialog));
  g_assert_true (precis_window_get_model_dialog (f->window) == dialog);
  precis_model_dialog_accept (PRECIS_MODEL_DIALOG (dialog));
  precis_test_wait_until (dialog_not_busy, "the import to finish");
  return PRECIS_MODEL_DIALOG (precis_window_get_model_dialog (f->window));
}

/* ------------------------------------------------------------------------ */

static void
test_good (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *models = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *top;

  open_project (f, f->project);
  before = dropdown_text (f->window);
  g_assert_cmpstr (before, ==, "[a]");
  precis_sidebar_set_iou (PRECIS_SIDEBAR (precis_window_get_sidebar (f->window)), 0.7);

  g_assert_null (import (f, "b.json", "second run"));
  precis_test_wait_until (idle, "the project to reopen");
  g_assert_null (precis_window_get_error_text (f->window));
  after = dropdown_text (f->window);
  g_assert_cmpstr (after, ==, "a,[second run]");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (model_dropdown (f->window))));
  g_assert_cmpuint (precis_dataset_get_n_models (precis_window_get_dataset (f->window)), ==, 2);
  /* Reopened on the new model, the slider where it was. */
  g_assert_cmpfloat (precis_sidebar_get_iou (PRECIS_SIDEBAR (precis_window_get_sidebar (f->window))), ==, 0.7);
  maybe_screenshot (f->window, GTK_WIDGET (f->window), "PRECIS_IMPORT_WINDOW_SCREENSHOT");

  /* On disk: the new entry, the old one with its unknown member, the rest kept. */
  models = file_models (f->project);
  g_assert_cmpstr (models, ==, "a=a.json,second run=b.json");
  json_parser_load_from_file (parser, f->project, NULL);
  top = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (top, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "zzz_unknown")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (top, "predictions"), 0), "note"), ==, "kept");
}

static void
test_default_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = in_dir (f, "b.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;

  open_project (f, f->project);
  dialog = precis_window_import_predictions (f->window, file, NULL);
  /* Named after the file, as the loader names it. */
  g_assert_cmpstr (precis_model_dialog_get_name (PRECIS_MODEL_DIALOG (dialog)), ==, "b");
  g_assert_null (precis_model_dialog_get_message (PRECIS_MODEL_DIALOG (dialog)));
  precis_model_dialog_cancel (PRECIS_MODEL_DIALOG (dialog));
  g_assert_null (precis_window_get_model_dialog (f->window));
}

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = read_text (f->project);
  g_autofree char *after = NULL;
  g_autofree char *shown = NULL;
  PrecisModelDialog *dialog;
  const char *error;

  open_project (f, f->project);
  dialog = import (f, "bad.json", "broken");

  /* The dialog stays, with the loader's message: file, JSON path, problem. */
  g_assert_nonnull (dialog);
  error = precis_model_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "Could not import “bad.json”"));
  g_assert_nonnull (strstr (error, "bad.json: [1].bbox[2]: "));
  g_assert_false (precis_model_dialog_is_busy (dialog));
  maybe_save_dialog (GTK_WINDOW (dialog), "PRECIS_IMPORT_SCREENSHOT");

  precis_model_dialog_cancel (dialog);
  precis_test_wait_until (idle, "the dialog to close");
  after = read_text (f->project);
  g_assert_cmpstr (before, ==, after);
  shown = dropdown_text (f->window);
  g_assert_cmpstr (shown, ==, "[a]");
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = read_text (f->project);
  g_autofree char *after = NULL;
  g_autofree char *path = in_dir (f, "b.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PrecisModelDialog *dialog;

  open_project (f, f->project);

  /* A name the project has: refused under the entry, nothing started. */
  dialog = PRECIS_MODEL_DIALOG (precis_window_import_predictions (f->window, file, "a"));
  precis_model_dialog_accept (dialog);
  g_assert_false (precis_model_dialog_is_busy (dialog));
  g_assert_cmpstr (precis_model_dialog_get_message (dialog), ==,
                   "The project already has a model named “a”: choose another name.");
  precis_model_dialog_set_name (dialog, "   ");
  precis_model_dialog_accept (dialog);
  g_assert_cmpstr (precis_model_dialog_get_message (dialog), ==, "Give the model a name.");
  precis_model_dialog_cancel (dialog);

  /* The file of a model under another name: refused by the core. */
  dialog = import (f, "a.json", "again");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (precis_model_dialog_get_error (dialog), "is already the model “a”"));
  precis_model_dialog_cancel (dialog);

  after = read_text (f->project);
  g_assert_cmpstr (before, ==, after);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *before = read_text (f->project);
  g_autofree char *after = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *path = in_dir (f, "b.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PrecisModelDialog *dialog;

  open_project (f, f->project);
  dialog = PRECIS_MODEL_DIALOG (precis_window_import_predictions (f->window, file, "late"));
  precis_model_dialog_accept (dialog);
  g_assert_true (precis_model_dialog_is_busy (dialog));
  /* Cancel while the worker reads: whatever it finds is dropped. */
  precis_model_dialog_cancel (dialog);
  g_assert_null (precis_window_get_model_dialog (f->window));
  precis_test_iterate (50);

  after = read_text (f->project);
  g_assert_cmpstr (before, ==, after);
  shown = dropdown_text (f->window);
  g_assert_cmpstr (shown, ==, "[a]");
}

static void
test_folder (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *taken = in_dir (f, "taken.json");
  g_autofree char *out = in_dir (f, "out.json");
  g_autoptr(GFile) taken_file = g_file_new_for_path (taken);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autofree char *models = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *taken_after = NULL;
  g_autofree char *folder_project = g_build_filename (folder, "project.json", NULL);
  PrecisModelDialog *dialog;

  /* A folder project: gt.json and predictions.json. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  copy_real (f, "gt.json", "folder/gt.json");
  copy_real (f, "predictions.json", "folder/predictions.json");
  open_project (f, folder);

  /* It has no project file to update: the one to write exists, so nothing is. */
  write_text (taken, "keep me\n");
  precis_window_set_project_save_file (f->window, taken_file);
  dialog = import (f, "b.json", "imported");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (precis_model_dialog_get_error (dialog), "taken.json: the file exists and was not replaced"));
  taken_after = read_text (taken);
  g_assert_cmpstr (taken_after, ==, "keep me\n");
  g_assert_false (g_file_test (folder_project, G_FILE_TEST_EXISTS));

  /* A new file: written, and the window shows it. */
  precis_window_set_project_save_file (f->window, out_file);
  precis_model_dialog_accept (dialog);
  precis_test_wait_until (idle, "the project to reopen");
  models = file_models (out);
  g_assert_cmpstr (models, ==, "predictions=folder/predictions.json,imported=b.json");
  shown = dropdown_text (f->window);
  g_assert_cmpstr (shown, ==, "predictions,[imported]");
  g_assert_true (g_file_equal (precis_dataset_get_location (precis_window_get_dataset (f->window)), out_file));
}

static const char two_models[] =
  "{\n"
  "  \"name\": \"street\",\n"
  "  \"ground_truth\": \"gt.json\",\n"
  "  \"predictions\": [{\"name\": \"a\", \"path\": \"a.json\", \"note\": \"kept\"},\n"
  "                  {\"name\": \"b\", \"path\": \"b.json\"}]\n"
  "}\n";

static void
test_rename_remove (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *shown = NULL;
  g_autofree char *models = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PrecisModelDialog *dialog;
  GtkWindow *confirm;

  open_project (f, f->project);

  /* Rename "a": a taken name is refused under the entry, then "alpha". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.rename-model", NULL));
  dialog = PRECIS_MODEL_DIALOG (precis_window_get_model_dialog (f->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (precis_model_dialog_get_name (dialog), ==, "a");
  precis_model_dialog_set_name (dialog, "b");
  precis_model_dialog_accept (dialog);
  g_assert_cmpstr (precis_model_dialog_get_message (dialog), ==,
                   "The project already has a model named “b”: choose another name.");
  precis_model_dialog_set_name (dialog, "alpha");
  precis_model_dialog_accept (dialog);
  precis_test_wait_until (idle, "the project to reopen");
  shown = dropdown_text (f->window);
  g_assert_cmpstr (shown, ==, "[alpha],b");
  models = file_models (f->project);
  g_assert_cmpstr (models, ==, "alpha=a.json,b=b.json");

  /* Remove "alpha", confirmed: "b" is left, and shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-model", NULL));
  confirm = precis_window_get_model_dialog (f->window);
  g_assert_true (GTK_IS_DIALOG (confirm));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  precis_test_wait_until (idle, "the project to reopen");
  g_clear_pointer (&shown, g_free);
  shown = dropdown_text (f->window);
  g_assert_cmpstr (shown, ==, "[b]");
  g_clear_pointer (&models, g_free);
  models = file_models (f->project);
  g_assert_cmpstr (models, ==, "b=b.json");

  /* The last model: refused, said, and the file left byte for byte. */
  before = read_text (f->project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-model", NULL));
  g_assert_null (precis_window_get_model_dialog (f->window));
  g_assert_nonnull (precis_window_get_error_text (f->window));
  g_assert_nonnull (strstr (precis_window_get_error_text (f->window),
                            "p.json: predictions: “b” is the project's only model"));
  after = read_text (f->project);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&shown, g_free);
  shown = dropdown_text (f->window);
  g_assert_cmpstr (shown, ==, "[b]");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  precis_test_init (&argc, &argv);

#define ADD(path, data, func) g_test_add ((path), Fixture, (data), fixture_set_up, (func), fixture_tear_down)
  ADD ("/import-gui/good", NULL, test_good);
  ADD ("/import-gui/default-name", NULL, test_default_name);
  ADD ("/import-gui/bad-file", NULL, test_bad_file);
  ADD ("/import-gui/duplicate", NULL, test_duplicate);
  ADD ("/import-gui/cancel", NULL, test_cancel);
  ADD ("/import-gui/folder", NULL, test_folder);
  ADD ("/import-gui/rename-remove", two_models, test_rename_remove);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}

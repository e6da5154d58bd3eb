/* test-project-edit.c: renaming and removing the models of a project file
 * (precis_project_rename_model, precis_project_remove_model)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-project.h"

/* A project file in a temporary folder with three models, unknown members at
 * the top and in the entries; nothing is loaded, so the files need not exist. */
typedef struct {
  char *dir;
  char *path;
  GFile *file;
} Fixture;

static const char project_text[] =
  "{\n"
  "  \"name\": \"street\",\n"
  "  \"ground_truth\": \"gt.json\",\n"
  "  \"colour\": \"#ff0000\",\n"
  "  \"predictions\": [\n"
  "    {\"name\": \"a\", \"path\": \"a.json\", \"note\": \"first\"},\n"
  "    {\"path\": \"predictions_b.json\", \"note\": \"second\"},\n"
  "    {\"name\": \"c\", \"path\": \"c.json\"}\n"
  "  ]\n"
  "}\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  f->dir = g_dir_make_tmp ("precis-edit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.json", NULL);
  g_file_set_contents (f->path, project_text, -1, &error);
  g_assert_no_error (error);
  f->file = g_file_new_for_path (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  g_remove (f->path);
  g_rmdir (f->dir);
  g_object_unref (f->file);
  g_free (f->path);
  g_free (f->dir);
}

static PrecisProject *
open_project (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PrecisProject *project = precis_project_open (f->file, NULL, &error);

  g_assert_no_error (error);
  return project;
}

static void
write_project (Fixture       *f,
               PrecisProject *project)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (precis_project_write (project, f->file, &error));
  g_assert_no_error (error);
}

static JsonArray *
parse_predictions (JsonParser *parser,
                   Fixture    *f)
{
  g_autoptr(GError) error = NULL;
  JsonObject *top;

  json_parser_load_from_file (parser, f->path, &error);
  g_assert_no_error (error);
  top = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (top, "colour"), ==, "#ff0000");
  return json_object_get_array_member (top, "predictions");
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PrecisProject) project = open_project (f);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *preds;
  JsonObject *e;

  (void) data;
  g_assert_cmpint (precis_project_find_model (project, "b"), ==, 1);
  g_assert_cmpint (precis_project_find_model (project, "zz"), ==, -1);

  /* Taken and empty names are refused, the model keeps its name. */
  g_assert_false (precis_project_rename_model (project, 0, "c", &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "p.json: predictions[0]: the name “c” is taken"));
  g_clear_error (&error);
  g_assert_false (precis_project_rename_model (project, 0, "", &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_cmpstr (precis_project_get_model_name (project, 0), ==, "a");

  /* A model named after its file gets a name member; its own name is a no-op. */
  g_assert_true (precis_project_rename_model (project, 1, "bee", &error));
  g_assert_no_error (error);
  g_assert_true (precis_project_rename_model (project, 2, "c", &error));
  g_assert_cmpstr (precis_project_get_model_name (project, 1), ==, "bee");
  write_project (f, project);

  preds = parse_predictions (parser, f);
  g_assert_cmpuint (json_array_get_length (preds), ==, 3);
  e = json_array_get_object_element (preds, 1);
  g_assert_cmpstr (json_object_get_string_member (e, "name"), ==, "bee");
  g_assert_cmpstr (json_object_get_string_member (e, "path"), ==, "predictions_b.json");
  g_assert_cmpstr (json_object_get_string_member (e, "note"), ==, "second");
  e = json_array_get_object_element (preds, 0);
  g_assert_cmpstr (json_object_get_string_member (e, "name"), ==, "a");
  g_assert_cmpstr (json_object_get_string_member (e, "note"), ==, "first");
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PrecisProject) project = open_project (f);
  g_autoptr(PrecisProject) again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) added = g_file_new_for_path ("/nowhere/d.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonArray *preds;
  JsonObject *e;

  (void) data;
  /* Remove the first model, add one, rename the (former) third: each entry
   * keeps its own members. */
  g_assert_true (precis_project_remove_model (project, 0, &error));
  g_assert_no_error (error);
  g_assert_true (precis_project_add_model (project, "d", added, &error));
  g_assert_true (precis_project_rename_model (project, 1, "cee", &error));
  g_assert_no_error (error);
  write_project (f, project);

  preds = parse_predictions (parser, f);
  g_assert_cmpuint (json_array_get_length (preds), ==, 3);
  e = json_array_get_object_element (preds, 0);
  g_assert_false (json_object_has_member (e, "name"));
  g_assert_cmpstr (json_object_get_string_member (e, "note"), ==, "second");
  e = json_array_get_object_element (preds, 1);
  g_assert_cmpstr (json_object_get_string_member (e, "name"), ==, "cee");
  g_assert_cmpstr (json_object_get_string_member (e, "path"), ==, "c.json");
  e = json_array_get_object_element (preds, 2);
  g_assert_cmpstr (json_object_get_string_member (e, "name"), ==, "d");
  g_assert_cmpstr (json_object_get_string_member (e, "path"), ==, "/nowhere/d.json");

  /* Down to one model; the last one is refused and the file stays as it is. */
  again = open_project (f);
  g_assert_true (precis_project_remove_model (again, 2, NULL));
  g_assert_true (precis_project_remove_model (again, 0, NULL));
  g_assert_cmpuint (precis_project_get_n_models (again), ==, 1);
  g_assert_cmpstr (precis_project_get_model_name (again, 0), ==, "cee");
  g_file_get_contents (f->path, &before, NULL, NULL);
  g_assert_false (precis_project_remove_model (again, 0, &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "“cee” is the project's only model"));
  g_assert_cmpuint (precis_project_get_n_models (again), ==, 1);
  g_file_get_contents (f->path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/project/edit/rename", test_rename);
  ADD ("/project/edit/remove", test_remove);
#undef ADD

  return g_test_run ();
}

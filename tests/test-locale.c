/* test-locale.c: precis-cli under a German locale
 *
 * What a user reads follows the locale (German messages, decimal commas);
 * every file and --json output stays byte-identical to the C locale's, and a
 * chart PNG's machine-readable metadata keeps the same numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "precis-png.h"
#include "precis-test-cli.h"

static char *project_path;

/* The test's environment with the locale @locale; German gets LANGUAGE=de too,
 * so that a LANGUAGE left in the caller's environment cannot pick English. */
static char **
locale_env (const char *locale)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "LC_ALL", locale, TRUE);
  env = g_environ_setenv (env, "LANG", locale, TRUE);
  if (g_str_has_prefix (locale, "de"))
    env = g_environ_setenv (env, "LANGUAGE", "de", TRUE);
  else
    env = g_environ_unsetenv (env, "LANGUAGE");
  /* meson points the tests at the build tree's compiled catalogues. */
  g_assert_nonnull (g_environ_getenv (env, "PRECIS_LOCALEDIR"));
  return env;
}

static char *
run_in (const char         *locale,
        const char * const *args)
{
  g_auto(GStrv) env = locale_env (locale);
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = run_cli_env (env, args, &out, &err);

  if (status != 0)
    g_printerr ("%s\n", err);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
test_text_follows_locale (void)
{
  const char *args[] = { "eval", project_path, NULL };
  g_autofree char *c = run_in ("C.UTF-8", args);
  g_autofree char *de = run_in ("de_DE.UTF-8", args);

  /* The headline and the backpack row (AP 0.2327 in `precis-cli eval` of
   * tests/data/project under the C locale). */
  g_assert_nonnull (strstr (c, "Protocol active · IoU threshold 0.50 · bbox · model yolo"));
  g_assert_nonnull (strstr (de, "Protokoll active · IoU-Schwelle 0,50 · bbox · Modell yolo"));
  g_assert_nonnull (strstr (c, "0.6000  0.2727  0.3750  0.2327"));
  g_assert_nonnull (strstr (de, "0,6000  0,2727  0,3750  0,2327"));
  g_assert_null (strstr (de, "0.2327"));
}

static void
test_error_follows_locale (void)
{
  const char *args[] = { "metrics", project_path, NULL };
  g_auto(GStrv) env = locale_env ("de_DE.UTF-8");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_env (env, args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "geben Sie genau eines von --list, --summary und --metric an"));
}

/* Every output that is a file format, by the command that writes it. */
static void
test_files_independent (void)
{
  g_autofree char *dir = g_dir_make_tmp ("precis-locale-XXXXXX", NULL);
  g_autofree char *objects_c = g_build_filename (dir, "objects-c.csv", NULL);
  g_autofree char *objects_de = g_build_filename (dir, "objects-de.csv", NULL);
  const char *outputs[][8] = {
    { "eval", "--json", NULL },
    { "eval", "--json", "--protocol", "coco", NULL },
    { "eval", "--json", "--iou", "0.65", "--confidence", "0.25", NULL },
    { "errors", "--json", NULL },
    { "confusion", "--json", NULL },
    { "confusion", "--csv", NULL },
    { "metrics", "--summary", "--json", NULL },
    { "metrics", "--metric", "area", "--csv", NULL },
    { "metrics", "--metric", "confidence", "--json", NULL },
    { "compare", "--json", NULL },
    { "info", "--json", NULL },
  };

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      const char *args[10] = { NULL };
      g_autofree char *c = NULL;
      g_autofree char *de = NULL;
      guint n = 0;

      for (; outputs[i][n] != NULL; n++)
        args[n] = outputs[i][n];
      args[n] = project_path;
      c = run_in ("C.UTF-8", args);
      de = run_in ("de_DE.UTF-8", args);
      g_test_message ("%s %s: %zu bytes", args[0], args[1], strlen (c));
      g_assert_cmpuint (strlen (c), >, 0);
      g_assert_cmpstr (de, ==, c);
    }

  /* eval --objects writes a CSV file. */
  {
    const char *args_c[] = { "eval", "--objects", objects_c, project_path, NULL };
    const char *args_de[] = { "eval", "--objects", objects_de, project_path, NULL };
    g_autofree char *out_c = run_in ("C.UTF-8", args_c);
    g_autofree char *out_de = run_in ("de_DE.UTF-8", args_de);
    g_autofree char *csv_c = NULL;
    g_autofree char *csv_de = NULL;

    g_assert_true (g_file_get_contents (objects_c, &csv_c, NULL, NULL));
    g_assert_true (g_file_get_contents (objects_de, &csv_de, NULL, NULL));
    g_assert_nonnull (strstr (csv_c, "0."));
    g_assert_cmpstr (csv_de, ==, csv_c);
    g_remove (objects_c);
    g_remove (objects_de);
  }
  g_rmdir (dir);
}

/* Compares two precis:evaluation documents: the same members, numbers equal
 * (==: they are written from the same doubles), strings free to differ
 * (titles are translated). Returns the number of numbers compared. */
static guint
compare_nodes (JsonNode   *a,
               JsonNode   *b,
               const char *path)
{
  guint n = 0;

  g_assert_cmpint (json_node_get_node_type (a), ==, json_node_get_node_type (b));
  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      JsonObject *oa = json_node_get_object (a);
      JsonObject *ob = json_node_get_object (b);
      g_autoptr(GList) members = json_object_get_members (oa);

      g_assert_cmpuint (json_object_get_size (oa), ==, json_object_get_size (ob));
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, (const char *) l->data);

          g_assert_true (json_object_has_member (ob, l->data));
          n += compare_nodes (json_object_get_member (oa, l->data), json_object_get_member (ob, l->data), sub);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *aa = json_node_get_array (a);
      JsonArray *ab = json_node_get_array (b);

      g_assert_cmpuint (json_array_get_length (aa), ==, json_array_get_length (ab));
      for (guint i = 0; i < json_array_get_length (aa); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          n += compare_nodes (json_array_get_element (aa, i), json_array_get_element (ab, i), sub);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (a) && json_node_get_value_type (a) != G_TYPE_STRING)
    {
      if (json_node_get_value_type (a) == G_TYPE_DOUBLE || json_node_get_value_type (a) == G_TYPE_INT64)
        {
          if (json_node_get_double (a) != json_node_get_double (b))
            g_error ("%s: %.17g in the C locale, %.17g in German", path,
                     json_node_get_double (a), json_node_get_double (b));
          n++;
        }
      else
        g_assert_cmpint (json_node_get_boolean (a), ==, json_node_get_boolean (b));
    }
  return n;
}

static JsonNode *
png_evaluation (const char *path)
{
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GError) error = NULL;
  const char *json;
  guint width, height;

  g_assert_true (precis_png_read_info (path, &width, &height, &texts, &error));
  g_assert_no_error (error);
  json = g_hash_table_lookup (texts, "precis:evaluation");
  g_assert_nonnull (json);
  return json_from_string (json, &error);
}

static void
test_png_metadata (void)
{
  g_autofree char *dir = g_dir_make_tmp ("precis-locale-XXXXXX", NULL);
  g_autofree char *dir_c = g_build_filename (dir, "c", NULL);
  g_autofree char *dir_de = g_build_filename (dir, "de", NULL);
  const char *args_c[] = { "charts", "--out", dir_c, project_path, NULL };
  const char *args_de[] = { "charts", "--out", dir_de, project_path, NULL };
  const char *charts[] = { "performance", "pr-curve", "f1-confidence", "errors", "confusion" };
  g_autofree char *out_c = run_in ("C.UTF-8", args_c);
  g_autofree char *out_de = run_in ("de_DE.UTF-8", args_de);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autofree char *name = g_strconcat (charts[i], ".png", NULL);
      g_autofree char *png_c = g_build_filename (dir_c, name, NULL);
      g_autofree char *png_de = g_build_filename (dir_de, name, NULL);
      g_autoptr(JsonNode) c = png_evaluation (png_c);
      g_autoptr(JsonNode) de = png_evaluation (png_de);
      JsonObject *oc = json_node_get_object (c);
      JsonObject *ode = json_node_get_object (de);

      /* The titles are translated, the numbers are not. */
      g_assert_cmpstr (json_object_get_string_member (ode, "chart"), ==, charts[i]);
      g_assert_cmpfloat (json_object_get_double_member (ode, "iou_threshold"), ==, 0.5);
      g_assert_cmpuint (compare_nodes (c, de, charts[i]), >, 3);
      if (i == 0)
        g_assert_cmpstr (json_object_get_string_member (oc, "title"), !=,
                         json_object_get_string_member (ode, "title"));
    }

  {
    g_autoptr(GFile) root = g_file_new_for_path (dir);
    g_autofree char *rm_args = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_true (g_spawn_command_line_sync (rm_args, NULL, NULL, NULL, NULL));
    g_assert_false (g_file_query_exists (root, NULL));
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  project_path = g_test_build_filename (G_TEST_DIST, "data", "project", "project.json", NULL);

  g_test_add_func ("/locale/text-follows-locale", test_text_follows_locale);
  g_test_add_func ("/locale/error-follows-locale", test_error_follows_locale);
  g_test_add_func ("/locale/files-independent", test_files_independent);
  g_test_add_func ("/locale/png-metadata", test_png_metadata);

  status = g_test_run ();
  g_free (project_path);
  return status;
}

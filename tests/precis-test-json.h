/* precis-test-json.h: reading JSON in the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

/* The root of the JSON file @path (an assertion); free with json_node_unref(). */
static inline JsonNode *
load_json_path (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* load_json ("data", "reference", "x.json"): a file of the test data. */
#define load_json(...) load_json_path (g_test_get_filename (G_TEST_DIST, __VA_ARGS__, NULL))

/* @text parsed (an assertion); free with json_node_unref(). */
static inline JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

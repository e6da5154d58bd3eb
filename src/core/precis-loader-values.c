/* precis-loader-values.c: the members and values of a JSON file, checked, and the
 * errors that name them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every member the json-glib reader takes goes through one of these: a missing
 * member, a value of the wrong type or out of the range of its C type is an error
 * naming the file, the JSON path ("annotations[3].image_id") and what was found.
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "precis-loader-private.h"

/* What was found, for "expected …, found %s": the value itself for a number,
 * a string (its start) or a literal, the kind for a list or an object. */
char *
_precis_loader_describe_node (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL)
    return g_strdup (_("nothing"));

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return g_strdup (_("an object"));
    case JSON_NODE_ARRAY:
      return g_strdup (_("a list"));
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          {
            const char *str = json_node_get_string (node);

            if (g_utf8_strlen (str, 41) > 40)
              {
                g_autofree char *start = g_utf8_substring (str, 0, 40);

                return g_strdup_printf (_("the string “%s…”"), start);
              }
            return g_strdup_printf (_("the string “%s”"), str);
          }
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        case G_TYPE_INT64:
          return g_strdup_printf ("%" PRId64, json_node_get_int (node));
        default:
          {
            /* The shortest of %.15g and %.17g that reads back the same. */
            double d = json_node_get_double (node);

            g_ascii_formatd (buf, sizeof buf, "%.15g", d);
            if (g_ascii_strtod (buf, NULL) != d)
              g_ascii_formatd (buf, sizeof buf, "%.17g", d);
            /* 9007199254740993.0 reads as 2⁵³: say why an integral value is refused. */
            if (isfinite (d) && d == floor (d) && fabs (d) >= PRECIS_MAX_EXACT_DOUBLE)
              return g_strdup_printf (_("%s (with a decimal point or an exponent, a number is taken as an "
                                        "integer only below 2⁵³)"), buf);
            return g_strdup (buf);
          }
        }
    }
}

/* "images[3].id" */
char *
_precis_loader_member_path (const char *where,
                            const char *member)
{
  if (where == NULL || where[0] == '\0')
    return g_strdup (member);

  return g_strdup_printf ("%s.%s", where, member);
}

void
_precis_loader_found_error (GError    **error,
                            const char *display,
                            int         code,
                            const char *path,
                            const char *expected,
                            JsonNode   *found)
{
  g_autofree char *what = _precis_loader_describe_node (found);

  _precis_loader_set_error (error, display, code, path, _("expected %s, found %s"), expected, what);
}

void
_precis_loader_set_number_error (GError    **error,
                                 const char *display,
                                 const char *path,
                                 NumStatus   status,
                                 JsonNode   *node)
{
  if (status == NUM_NOT_FINITE)
    {
      double d = json_node_get_double (node);

      if (isnan (d))
        _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_VALUE, path,
                                  _("not a number (NaN)"));
      else
        _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_VALUE, path,
                                  _("not a finite number (%s, out of the range of a double)"),
                                  d > 0 ? "inf" : "-inf");
    }
  else
    _precis_loader_found_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                                _("a number"), node);
}

JsonNode *
_precis_loader_require (const char *display,
                        const char *where,
                        JsonObject *obj,
                        const char *member,
                        GError    **error)
{
  JsonNode *node = get_member (obj, member);

  if (node == NULL)
    {
      g_autofree char *path = _precis_loader_member_path (where, member);

      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_MISSING, path,
                                _("required member is missing"));
    }

  return node;
}

/* An integer member (not true or false): MISSING when absent, TYPE when it is
 * not "@expected". */
gboolean
_precis_loader_require_int64 (const char *display,
                              const char *where,
                              JsonObject *obj,
                              const char *member,
                              const char *expected,
                              gint64     *out,
                              GError    **error)
{
  JsonNode *node = _precis_loader_require (display, where, obj, member, error);

  if (node == NULL)
    return FALSE;

  if (!get_integer (node, out))
    {
      g_autofree char *path = _precis_loader_member_path (where, member);

      _precis_loader_found_error (error, display, PRECIS_DATASET_ERROR_TYPE, path, expected, node);
      return FALSE;
    }

  return TRUE;
}

/* An integer member in [@min, @max] when present (TRUE and *@out unchanged
 * when absent); a VALUE error ("expected @expected, found …") otherwise. */
gboolean
_precis_loader_optional_int (const char *display,
                             const char *where,
                             JsonObject *obj,
                             const char *member,
                             gint64      min,
                             gint64      max,
                             const char *expected,
                             gint64     *out,
                             GError    **error)
{
  JsonNode *node = get_member (obj, member);

  if (node == NULL)
    return TRUE;

  if (!get_integer_in (node, min, max, out))
    {
      g_autofree char *path = _precis_loader_member_path (where, member);

      _precis_loader_found_error (error, display, PRECIS_DATASET_ERROR_VALUE, path, expected, node);
      return FALSE;
    }

  return TRUE;
}

/* A finite number member: MISSING when absent, TYPE or VALUE otherwise. */
gboolean
_precis_loader_require_double (const char *display,
                               const char *where,
                               JsonObject *obj,
                               const char *member,
                               double     *out,
                               GError    **error)
{
  JsonNode *node = _precis_loader_require (display, where, obj, member, error);

  return node != NULL && _precis_loader_optional_double (display, where, obj, member, out, error);
}

/* A finite number member when present (TRUE and *@out unchanged when absent). */
gboolean
_precis_loader_optional_double (const char *display,
                                const char *where,
                                JsonObject *obj,
                                const char *member,
                                double     *out,
                                GError    **error)
{
  JsonNode *node = get_member (obj, member);
  NumStatus st;

  if (node == NULL)
    return TRUE;

  st = get_number (node, out);
  if (st != NUM_OK)
    {
      g_autofree char *path = _precis_loader_member_path (where, member);

      _precis_loader_set_number_error (error, display, path, st, node);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_list (JsonNode *node)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_ARRAY;
}

/* A member when present: *@out is NULL when absent; a TYPE error ("expected
 * @expected, found …") when @is_kind says no. */
static gboolean
optional_member (const char *display,
                 const char *where,
                 JsonObject *obj,
                 const char *member,
                 gboolean  (*is_kind) (JsonNode *node),
                 const char *expected,
                 JsonNode  **out,
                 GError    **error)
{
  JsonNode *node = get_member (obj, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!is_kind (node))
    {
      g_autofree char *path = _precis_loader_member_path (where, member);

      _precis_loader_found_error (error, display, PRECIS_DATASET_ERROR_TYPE, path, expected, node);
      return FALSE;
    }

  *out = node;
  return TRUE;
}

/* A string member when present: *@out is a copy, NULL when absent. */
gboolean
_precis_loader_optional_string (const char *display,
                                const char *where,
                                JsonObject *obj,
                                const char *member,
                                char      **out,
                                GError    **error)
{
  JsonNode *node;

  if (!optional_member (display, where, obj, member, is_string, _("a string"), &node, error))
    return FALSE;

  *out = node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
  return TRUE;
}

/* A list member when present: *@out is NULL when absent. */
gboolean
_precis_loader_optional_list (const char  *display,
                              const char  *where,
                              JsonObject  *obj,
                              const char  *member,
                              const char  *expected,
                              JsonArray  **out,
                              GError     **error)
{
  JsonNode *node;

  if (!optional_member (display, where, obj, member, is_list, expected, &node, error))
    return FALSE;

  *out = node != NULL ? json_node_get_array (node) : NULL;
  return TRUE;
}

/* The object at @path; NULL with a TYPE error when @node is not one. */
JsonObject *
_precis_loader_require_object (const char *display,
                               const char *path,
                               JsonNode   *node,
                               GError    **error)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      _precis_loader_found_error (error, display, PRECIS_DATASET_ERROR_TYPE, path, _("an object"), node);
      return NULL;
    }

  return json_node_get_object (node);
}

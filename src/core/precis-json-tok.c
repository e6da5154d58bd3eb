/* precis-json-tok.c: a small strict-JSON tokenizer (see precis-json-tok.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "precis-dataset-private.h"
#include "precis-json-tok.h"

gboolean
_precis_json_tok_literal (Tok        *t,
                          const char *word)
{
  gsize len = strlen (word);

  tok_ws (t);
  if ((gsize) (t->end - t->p) < len || memcmp (t->p, word, len) != 0)
    return FALSE;
  t->p += len;
  return TRUE;
}

/* A strict JSON number. Integers are read as json-glib reads them (int64, then
 * converted); others with g_ascii_strtod, correctly rounded as json-glib's. */
gboolean
_precis_json_tok_number (Tok    *t,
                         double *out)
{
  const char *s, *q;
  char buf[64];
  gboolean is_int = TRUE;
  gsize len;
  char *endptr;

  tok_ws (t);
  s = q = t->p;
  if (q < t->end && *q == '-')
    q++;
  if (q >= t->end || !g_ascii_isdigit (*q))
    return FALSE;
  if (*q == '0')
    q++;
  else
    while (q < t->end && g_ascii_isdigit (*q))
      q++;
  if (q < t->end && *q == '.')
    {
      is_int = FALSE;
      q++;
      if (q >= t->end || !g_ascii_isdigit (*q))
        return FALSE;
      while (q < t->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < t->end && (*q == 'e' || *q == 'E'))
    {
      is_int = FALSE;
      q++;
      if (q < t->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= t->end || !g_ascii_isdigit (*q))
        return FALSE;
      while (q < t->end && g_ascii_isdigit (*q))
        q++;
    }

  len = q - s;
  if (len >= sizeof buf || (is_int && len > 18))
    return FALSE;
  memcpy (buf, s, len);
  buf[len] = '\0';

  if (is_int)
    *out = (double) g_ascii_strtoll (buf, &endptr, 10);
  else
    *out = g_ascii_strtod (buf, &endptr);
  if (endptr != buf + len)
    return FALSE;

  t->p = q;
  return TRUE;
}

/* A string; *out points into the file or into t->scratch. */
gboolean
_precis_json_tok_string (Tok         *t,
                         const char **out,
                         gsize       *out_len)
{
  const char *s;
  gboolean escaped = FALSE;

  if (!tok_char (t, '"'))
    return FALSE;

  s = t->p;
  while (t->p < t->end && *t->p != '"')
    {
      if ((guchar) *t->p < 0x20)
        return FALSE;
      if (*t->p == '\\')
        {
          if (!escaped)
            {
              g_string_truncate (t->scratch, 0);
              g_string_append_len (t->scratch, s, t->p - s);
              escaped = TRUE;
            }
          t->p++;
          if (t->p >= t->end)
            return FALSE;
          switch (*t->p)
            {
            case '"': case '\\': case '/':
              g_string_append_c (t->scratch, *t->p);
              break;
            case 'b': g_string_append_c (t->scratch, '\b'); break;
            case 'f': g_string_append_c (t->scratch, '\f'); break;
            case 'n': g_string_append_c (t->scratch, '\n'); break;
            case 'r': g_string_append_c (t->scratch, '\r'); break;
            case 't': g_string_append_c (t->scratch, '\t'); break;
            default:
              return FALSE;   /* \u: leave it to json-glib */
            }
        }
      else if (escaped)
        g_string_append_c (t->scratch, *t->p);
      t->p++;
    }
  if (t->p >= t->end)
    return FALSE;

  if (escaped)
    {
      *out = t->scratch->str;
      *out_len = t->scratch->len;
    }
  else
    {
      *out = s;
      *out_len = t->p - s;
    }
  t->p++;
  return TRUE;
}

/* Skips any strict JSON value, checking it (a member we do not read). */
gboolean
_precis_json_tok_skip_value (Tok  *t,
                             guint depth)
{
  const char *s;
  gsize len;
  double d;

  if (depth > PRECIS_MAX_JSON_DEPTH)
    return FALSE;

  tok_ws (t);
  if (t->p >= t->end)
    return FALSE;

  switch (*t->p)
    {
    case '"':
      return _precis_json_tok_string (t, &s, &len);
    case '[':
      t->p++;
      if (tok_char (t, ']'))
        return TRUE;
      do
        if (!_precis_json_tok_skip_value (t, depth + 1))
          return FALSE;
      while (tok_char (t, ','));
      return tok_char (t, ']');
    case '{':
      t->p++;
      if (tok_char (t, '}'))
        return TRUE;
      do
        if (!_precis_json_tok_string (t, &s, &len) || !tok_char (t, ':') || !_precis_json_tok_skip_value (t, depth + 1))
          return FALSE;
      while (tok_char (t, ','));
      return tok_char (t, '}');
    case 't':
      return _precis_json_tok_literal (t, "true");
    case 'f':
      return _precis_json_tok_literal (t, "false");
    case 'n':
      return _precis_json_tok_literal (t, "null");
    default:
      return _precis_json_tok_number (t, &d);
    }
}

gboolean
_precis_json_tok_numbers (Tok    *t,
                          GArray *out)
{
  if (!tok_char (t, '['))
    return FALSE;
  if (tok_char (t, ']'))
    return TRUE;
  do
    {
      double d;

      if (!_precis_json_tok_number (t, &d))
        return FALSE;
      g_array_append_val (out, d);
    }
  while (tok_char (t, ','));
  return tok_char (t, ']');
}

gboolean
_precis_json_tok_rings (Tok    *t,
                        GArray *coords,
                        GArray *rings)
{
  if (!tok_char (t, '['))
    return FALSE;
  if (tok_char (t, ']'))
    return TRUE;
  do
    {
      guint before = coords->len;
      guint32 len;

      if (!_precis_json_tok_numbers (t, coords))
        return FALSE;
      len = coords->len - before;
      g_array_append_val (rings, len);
    }
  while (tok_char (t, ','));
  return tok_char (t, ']');
}

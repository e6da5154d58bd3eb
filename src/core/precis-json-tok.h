/* precis-json-tok.h: a small strict-JSON (RFC 8259) tokenizer over a memory span
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast readers of precis-loader-fast.c use it. Every function returns FALSE
 * at anything it does not handle (\u escapes, integers over 18 digits, …) or at
 * any error, without saying why: the caller then leaves the file to json-glib.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct {
  const char *p;
  const char *end;
  GString    *scratch;   /* unescaped strings */
} Tok;

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline void
tok_ws (Tok *t)
{
  while (t->p < t->end && is_space (*t->p))
    t->p++;
}

static inline gboolean
tok_char (Tok *t,
          char c)
{
  tok_ws (t);
  if (t->p < t->end && *t->p == c)
    {
      t->p++;
      return TRUE;
    }
  return FALSE;
}

static inline gboolean
tok_peek (Tok *t,
          char c)
{
  tok_ws (t);
  return t->p < t->end && *t->p == c;
}

gboolean _precis_json_tok_literal (Tok        *t,
                                   const char *word);

gboolean _precis_json_tok_number (Tok    *t,
                                  double *out);

gboolean _precis_json_tok_string (Tok         *t,
                                  const char **out,
                                  gsize       *out_len);

gboolean _precis_json_tok_skip_value (Tok  *t,
                                      guint depth);

gboolean _precis_json_tok_numbers (Tok    *t,
                                   GArray *out);

gboolean _precis_json_tok_rings (Tok    *t,
                                 GArray *coords,
                                 GArray *rings);

G_END_DECLS

/* test-man.c: the man pages document every command and option of the help
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands come from `precis-cli --help` itself and the options from
 * `precis-cli COMMAND --help` and `precis --help`, so that a new command or
 * option without its place in data/man/ fails here. A page documents an
 * option as the tag of a `.TP` item: precis-cli(1) in the `.SS COMMAND`
 * section of COMMANDS, precis(1) in OPTIONS. The comparison goes both ways:
 * a page may not document an option the program does not have.
 */

#include "config.h"

#include <string.h>

#include "precis-test-cli.h"

/* Runs @argv (NULL-terminated, argv[0] a path); asserts exit status 0 and
 * returns the standard output. */
static char *
run_help (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("%s: %s", argv[0], err);
  g_assert_no_error (error);
  return out;
}

/* -h, --help, --help-all … are GLib's, documented once per page. */
static gboolean
is_help_option (const char *option)
{
  return g_str_equal (option, "-h") || g_str_has_prefix (option, "--help");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted, unique, comma-joined: a set whose difference an assertion shows. */
static char *
join_set (GPtrArray *items)
{
  g_autoptr(GPtrArray) unique = g_ptr_array_new ();

  g_ptr_array_sort (items, compare_strings);
  for (guint i = 0; i < items->len; i++)
    if (unique->len == 0 || !g_str_equal (g_ptr_array_index (unique, unique->len - 1),
                                          g_ptr_array_index (items, i)))
      g_ptr_array_add (unique, g_ptr_array_index (items, i));
  g_ptr_array_add (unique, NULL);
  return g_strjoinv (", ", (char **) unique->pdata);
}

/* Adds every match of group 1 of @pattern in @text (not a help option). */
static void
add_matches (GPtrArray  *set,
             const char *pattern,
             const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_nonnull (regex);
  for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      char *option = g_match_info_fetch (match, 1);

      if (is_help_option (option))
        g_free (option);
      else
        g_ptr_array_add (set, option);
    }
}

/* The options of a GOptionContext help text: "  -f, --force  …", "  --iou=T  …". */
static char *
help_options (const char *help)
{
  g_autoptr(GPtrArray) set = g_ptr_array_new_with_free_func (g_free);

  add_matches (set, "^  +(-[[:alnum:]]), --", help);
  add_matches (set, "^  +(?:-[[:alnum:]], )?(--[[:alnum:]][[:alnum:]-]*)", help);
  return join_set (set);
}

/* A roff line as text: no macro name, font changes, quotes or \& ; \- is -. */
static char *
roff_text (const char *line)
{
  static const struct { const char *pattern, *replacement; } rules[] = {
    { "^\\.[[:alnum:]]+ ?", "" },
    { "\\\\f(\\[[^]]*\\]|\\(..|.)", "" },
    { "\\\\&|\"", "" },
    { "\\\\-", "-" },
  };
  char *text = g_strdup (line);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new (rules[i].pattern, 0, 0, NULL);
      char *next = g_regex_replace (regex, text, -1, 0, rules[i].replacement, 0, NULL);

      g_free (text);
      text = next;
    }
  return text;
}

typedef struct {
  GHashTable *tags;      /* "SH" or "SH/SS" → GPtrArray of the options of its .TP tags */
  GPtrArray  *commands;  /* the .SS names under COMMANDS */
} ManPage;

static void
man_page_free (ManPage *page)
{
  g_hash_table_unref (page->tags);
  g_ptr_array_unref (page->commands);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ManPage, man_page_free)

/* The first word of a .SH or .SS heading, without quotes or font changes. */
static char *
heading_word (const char *line)
{
  g_autofree char *text = roff_text (line);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (text), " \t", 2);

  return g_strdup (words[0] != NULL ? words[0] : "");
}

static ManPage *
man_page_load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "man", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sh = g_strdup ("");
  g_autofree char *section = g_strdup ("");
  g_auto(GStrv) lines = NULL;
  ManPage *page = g_new0 (ManPage, 1);
  gboolean tag_next = FALSE;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  page->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  page->commands = g_ptr_array_new_with_free_func (g_free);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, ".\\\""))
        continue;
      if (g_str_has_prefix (line, ".SH ") || g_str_has_prefix (line, ".SS "))
        {
          g_autofree char *word = heading_word (line);

          if (line[2] == 'H')
            {
              g_free (sh);
              sh = g_strdup (word);
            }
          else if (g_str_equal (sh, "COMMANDS"))
            g_ptr_array_add (page->commands, g_strdup (word));
          g_free (section);
          section = line[2] == 'H' ? g_strdup (sh) : g_strconcat (sh, "/", word, NULL);
          tag_next = FALSE;
        }
      else if (g_str_has_prefix (line, ".TP"))
        tag_next = TRUE;
      else if (tag_next)
        {
          g_autofree char *text = roff_text (line);
          GPtrArray *set = g_hash_table_lookup (page->tags, section);

          if (set == NULL)
            {
              set = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (page->tags, g_strdup (section), set);
            }
          add_matches (set, "(?<![[:alnum:]-])(--?[[:alnum:]][[:alnum:]-]*)", text);
          tag_next = FALSE;
        }
    }
  return page;
}

/* The options a page documents in @section, joined as join_set does. */
static char *
page_options (ManPage    *page,
              const char *section)
{
  GPtrArray *set = g_hash_table_lookup (page->tags, section);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  return join_set (set != NULL ? set : empty);
}

/* The command names of `precis-cli --help`: the first word of each line of
 * the "Commands:" block. */
static GPtrArray *
cli_commands (void)
{
  const char *argv[] = { cli_path (), "--help", NULL };
  g_autofree char *help = run_help (argv);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *block = strstr (help, "Commands:\n");
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (block);
  lines = g_strsplit (block + strlen ("Commands:\n"), "\n", -1);
  for (guint i = 0; lines[i] != NULL && g_str_has_prefix (lines[i], "  "); i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", 2);

      g_ptr_array_add (names, g_strdup (words[0]));
    }
  g_assert_cmpuint (names->len, >, 0);
  return g_steal_pointer (&names);
}

static void
test_cli_commands (void)
{
  g_autoptr(ManPage) page = man_page_load ("precis-cli.1");
  g_autoptr(GPtrArray) names = cli_commands ();
  g_autofree char *in_help = join_set (names);
  g_autofree char *in_page = join_set (page->commands);

  g_assert_cmpstr (in_page, ==, in_help);
}

static void
test_cli_command_options (gconstpointer data)
{
  const char *command = data;
  const char *argv[] = { cli_path (), command, "--help", NULL };
  g_autofree char *help = run_help (argv);
  g_autofree char *in_help = help_options (help);
  g_autoptr(ManPage) page = man_page_load ("precis-cli.1");
  g_autofree char *section = g_strconcat ("COMMANDS/", command, NULL);
  g_autofree char *in_page = page_options (page, section);

  g_test_message ("precis-cli %s: %s", command, in_help);
  g_assert_cmpstr (in_help, !=, "");
  g_assert_cmpstr (in_page, ==, in_help);
}

static void
test_cli_general_options (void)
{
  g_autoptr(ManPage) page = man_page_load ("precis-cli.1");
  g_autofree char *in_page = page_options (page, "OPTIONS");
  const char *argv[] = { cli_path (), "--version", NULL };
  g_autofree char *version = run_help (argv);

  /* -h and --help are left out of every set; --version is the rest. */
  g_assert_cmpstr (in_page, ==, "--version");
  g_assert_cmpstr (version, ==, "precis-cli " PACKAGE_VERSION "\n");
}

static void
test_app_options (void)
{
  const char *app = g_getenv ("PRECIS_APP");
  const char *argv[] = { app, "--help", NULL };
  g_autofree char *help = NULL;
  g_autofree char *in_help = NULL;
  g_autoptr(ManPage) page = man_page_load ("precis.1");
  g_autofree char *in_page = page_options (page, "OPTIONS");

  g_assert_nonnull (app);
  help = run_help (argv);
  in_help = help_options (help);
  g_test_message ("precis: %s", in_help);
  g_assert_nonnull (strstr (in_help, "--screenshot"));
  g_assert_cmpstr (in_page, ==, in_help);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) commands = NULL;

  g_test_init (&argc, &argv, NULL);

  commands = cli_commands ();
  g_test_add_func ("/man/precis-cli/commands", test_cli_commands);
  g_test_add_func ("/man/precis-cli/options", test_cli_general_options);
  for (guint i = 0; i < commands->len; i++)
    {
      g_autofree char *path = g_strconcat ("/man/precis-cli/", g_ptr_array_index (commands, i), NULL);

      g_test_add_data_func (path, g_ptr_array_index (commands, i), test_cli_command_options);
    }
  /* meson sets PRECIS_APP when it builds the app (-Dgui=enabled). */
  if (g_getenv ("PRECIS_APP") != NULL)
    g_test_add_func ("/man/precis", test_app_options);

  return g_test_run ();
}

/* precis-test-cli.h: running precis-cli from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/wait.h>
#include <stdarg.h>
#include <glib.h>

/* The binary under test: meson sets PRECIS_CLI for every test. A test run
 * without it fails rather than skipping. */
static inline const char *
cli_path (void)
{
  const char *cli = g_getenv ("PRECIS_CLI");

  g_assert_nonnull (cli);
  return cli;
}

/* Whether the test runs under the valgrind setup (meson test --setup=valgrind
 * sets PRECIS_TEST_VALGRIND): tests that repeat CLI runs over the same code
 * then run a representative part of their matrix, not all of it. */
static inline gboolean
precis_test_under_valgrind (void)
{
  return g_strcmp0 (g_getenv ("PRECIS_TEST_VALGRIND"), "1") == 0;
}

/* Runs precis-cli with @args (NULL-terminated) in the environment @envp
 * (NULL: the test's own); returns its exit status. Whatever *@out and *@err
 * held before is freed, so one pair of variables can serve several runs. */
static inline int
run_cli_env (char * const        *envp,
             const char * const  *args,
             char               **out,
             char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (out != NULL)
    g_clear_pointer (out, g_free);
  if (err != NULL)
    g_clear_pointer (err, g_free);
  g_spawn_sync (NULL, (char **) argv->pdata, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The same in the test's own environment. */
static inline int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  return run_cli_env (NULL, args, out, err);
}

/* The same with the arguments inline: run_cli_v (&out, &err, "info", path, NULL). */
G_GNUC_NULL_TERMINATED static inline int
run_cli_v (char      **out,
           char      **err,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) first);
  va_start (ap, first);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_cli ((const char * const *) args->pdata, out, err);
}

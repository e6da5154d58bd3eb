/* fuzz-replay.c: run a fuzz target over files, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one fuzz target instead of libFuzzer's main, so that the seed
 * corpus and every crash kept as a regression input are replayed as an
 * ordinary test in every build (gcc, ASan; tests/meson.build). Arguments are files or
 * directories (whose regular files are replayed in name order).
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint n_files = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          if (!replay_file (argv[i]))
            return 1;
          n_files++;
          continue;
        }

      dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_strings);

      for (guint j = 0; j < names->len; j++)
        {
          const char *path = g_ptr_array_index (names, j);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          if (!replay_file (path))
            return 1;
          n_files++;
        }
    }

  if (n_files == 0)
    {
      g_printerr ("no input files\n");
      return 1;
    }
  printf ("replayed %u inputs\n", n_files);
  return 0;
}

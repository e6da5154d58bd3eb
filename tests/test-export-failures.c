/* test-export-failures.c: a PNG export that fails never leaves a partial file or replaces the old one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * precis_png_save() writes a temporary file next to the target and renames it
 * only once everything is written and synced. These tests make the write fail
 * for real, as any user:
 *   - a file size limit (RLIMIT_FSIZE of 64 KiB, SIGXFSZ ignored: EFBIG) and a
 *     ~260 KB PNG of noise, as a new file and over an existing file with
 *     PRECIS_PNG_SAVE_OVERWRITE;
 *   - a folder without write permission (mode 0555; as root the child first
 *     becomes nobody, since root ignores permission bits), with and without
 *     an existing file;
 * and, as root only (the file systems need mount), the same on a tiny tmpfs:
 *   - a read-only file system (EROFS);
 *   - a full disk (a 64 KiB tmpfs: ENOSPC).
 * Nothing is skipped: a mount that fails as root fails the test.
 * Each time: an error naming the file, the old file byte for byte, and no
 * other entry left in the folder (no temporary file).
 * The body runs in a subprocess so that the parent always unmounts.
 */

#include "config.h"

#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "precis-png.h"
#include "precis-test-files.h"

static gboolean
run (const char * const *argv)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* Random pixels do not compress: 256 × 256 ARGB is ~260 KB of PNG. */
static cairo_surface_t *
make_noise (int size)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  guint32 *px;
  int stride;

  cairo_surface_flush (surface);
  px = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      px[y * stride + x] = g_test_rand_int ();
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
assert_file_equals (const char *path,
                    const char *expected,
                    gsize       expected_len)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, expected, expected_len);
}

/* The mount point: made and mounted by the parent, given to the child. */
#define DIR_VAR "PRECIS_TEST_EXPORT_DIR"

static void
test_full_disk_subprocess (void)
{
  const char *dir = g_getenv (DIR_VAR);
  g_autofree char *old_path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.png", NULL);
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *small = make_noise (16);
  cairo_surface_t *big = make_noise (256);
  gsize old_len = 0;

  /* The old export fits (~1 KB). */
  g_assert_true (precis_png_save (small, old_path, NULL, 0, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (old_path, &old, &old_len, NULL));

  /* A new file that does not fit: an error, nothing left. */
  g_assert_false (precis_png_save (big, new_path, NULL, 0, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_nonnull (error);
  g_test_message ("full disk, new file: %s", error->message);
  g_assert_nonnull (strstr (error->message, "new.png"));
  g_clear_error (&error);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Overwriting the old one with one that does not fit: the old one stays. */
  g_assert_false (precis_png_save (big, old_path, NULL, 0, PRECIS_PNG_SAVE_OVERWRITE, &error));
  g_assert_nonnull (error);
  g_test_message ("full disk, overwrite: %s", error->message);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);
  assert_file_equals (old_path, old, old_len);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  cairo_surface_destroy (small);
  cairo_surface_destroy (big);
}

static void
test_read_only_subprocess (void)
{
  const char *dir = g_getenv (DIR_VAR);
  g_autofree char *old_path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.png", NULL);
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *small = make_noise (16);
  gsize old_len = 0;

  /* chart.png was written by the parent before it remounted read-only. */
  g_assert_true (g_file_get_contents (old_path, &old, &old_len, NULL));

  g_assert_false (precis_png_save (small, new_path, NULL, 0, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_nonnull (error);
  g_test_message ("read-only, new file: %s", error->message);
  g_assert_nonnull (strstr (error->message, "new.png"));
  g_clear_error (&error);

  g_assert_false (precis_png_save (small, old_path, NULL, 0, PRECIS_PNG_SAVE_OVERWRITE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);

  /* Without consent the refusal comes first (the file exists). */
  g_assert_false (precis_png_save (small, old_path, NULL, 0, PRECIS_PNG_SAVE_NONE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  assert_file_equals (old_path, old, old_len);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  cairo_surface_destroy (small);
}

/* Mounts a 64 KiB tmpfs, runs the child, unmounts. @read_only: write an old
 * chart.png first, then remount read-only. */
static void
run_on_tmpfs (const char *child,
              gboolean    read_only)
{
  g_autofree char *dir = NULL;
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *tmpl = g_build_filename (builddir ? builddir : ".", "export-XXXXXX", NULL);
  const char *mount_argv[] = { "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", NULL, NULL };
  const char *remount_argv[] = { "mount", "-o", "remount,ro", NULL, NULL };
  const char *umount_argv[] = { "umount", NULL, NULL };
  gboolean passed;

  dir = g_mkdtemp (g_steal_pointer (&tmpl));
  g_assert_nonnull (dir);
  mount_argv[6] = dir;
  g_assert_true (run (mount_argv));
  if (read_only)
    {
      g_autofree char *old_path = g_build_filename (dir, "chart.png", NULL);
      cairo_surface_t *small = make_noise (16);

      g_assert_true (precis_png_save (small, old_path, NULL, 0, PRECIS_PNG_SAVE_NONE, NULL));
      cairo_surface_destroy (small);
      remount_argv[3] = dir;
      g_assert_true (run (remount_argv));
    }

  g_setenv (DIR_VAR, dir, TRUE);
  g_test_trap_subprocess (child, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  passed = g_test_trap_has_passed ();

  umount_argv[1] = dir;
  g_assert_true (run (umount_argv));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_true (passed);
}

static void
test_full_disk (void)
{
  run_on_tmpfs ("/export/full-disk/subprocess", FALSE);
}

static void
test_read_only (void)
{
  run_on_tmpfs ("/export/read-only/subprocess", TRUE);
}

/* Unprivileged ------------------------------------------------------------------- */

static char *
make_test_dir (void)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *tmpl = g_build_filename (builddir ? builddir : ".", "export-XXXXXX", NULL);
  char *dir = g_mkdtemp (g_steal_pointer (&tmpl));

  g_assert_nonnull (dir);
  return dir;
}

/* Makes @dir writable again and removes it with its chart.png (both must go). */
static void
unlock_and_remove_dir (const char *dir)
{
  g_autofree char *old_path = g_build_filename (dir, "chart.png", NULL);

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_unlink (old_path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_file_size_subprocess (void)
{
  struct rlimit limit = { 64 * 1024, 64 * 1024 };

  /* A write past the limit then fails with EFBIG instead of killing us. */
  g_assert_true (signal (SIGXFSZ, SIG_IGN) != SIG_ERR);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  test_full_disk_subprocess ();
}

static void
test_file_size (void)
{
  g_autofree char *dir = make_test_dir ();

  g_setenv (DIR_VAR, dir, TRUE);
  g_test_trap_subprocess ("/export/file-size/subprocess", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  unlock_and_remove_dir (dir);
  g_test_trap_assert_passed ();
}

static void
test_no_permission_subprocess (void)
{
  /* Root writes anywhere: become nobody, for whom mode 0555 is read-only. */
  if (getuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
  g_assert_cmpint (access (g_getenv (DIR_VAR), W_OK), !=, 0);
  test_read_only_subprocess ();
}

static void
test_no_permission (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *old_path = g_build_filename (dir, "chart.png", NULL);
  cairo_surface_t *small = make_noise (16);

  g_assert_true (precis_png_save (small, old_path, NULL, 0, PRECIS_PNG_SAVE_NONE, NULL));
  cairo_surface_destroy (small);
  g_assert_cmpint (g_chmod (old_path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_setenv (DIR_VAR, dir, TRUE);
  g_test_trap_subprocess ("/export/no-permission/subprocess", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  unlock_and_remove_dir (dir);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/file-size", test_file_size);
  g_test_add_func ("/export/file-size/subprocess", test_file_size_subprocess);
  g_test_add_func ("/export/no-permission", test_no_permission);
  g_test_add_func ("/export/no-permission/subprocess", test_no_permission_subprocess);
  /* The real file systems need mount: root only, and then they must work. */
  if (getuid () == 0)
    {
      g_test_add_func ("/export/full-disk", test_full_disk);
      g_test_add_func ("/export/full-disk/subprocess", test_full_disk_subprocess);
      g_test_add_func ("/export/read-only", test_read_only);
      g_test_add_func ("/export/read-only/subprocess", test_read_only_subprocess);
    }

  return g_test_run ();
}

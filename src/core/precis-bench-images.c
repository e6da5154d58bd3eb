/* precis-bench-images.c: how fast the image metrics decode (precis-cli bench --image-metrics)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "precis-bench.h"
#include "precis-image-metrics.h"

/* A photo-like 640 × 480 image: gradients, a few shapes and noise, so that
 * the JPEG has the detail (and the decoding cost) of a real one. */
static GdkPixbuf *
synthetic_image (guint32 seed)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 480);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  GRand *rand = g_rand_new_with_seed (seed);
  double cx = g_rand_double_range (rand, 100, 540), cy = g_rand_double_range (rand, 80, 400);

  for (int y = 0; y < 480; y++)
    for (int x = 0; x < 640; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        double d = hypot (x - cx, y - cy);
        int noise = g_rand_int_range (rand, -24, 25);

        p[0] = (guint8) CLAMP ((x * 255) / 640 + noise, 0, 255);
        p[1] = (guint8) CLAMP ((y * 255) / 480 + (d < 90 ? 80 : 0) + noise, 0, 255);
        p[2] = (guint8) CLAMP (128 + 100 * sin (d / 17.0) + noise, 0, 255);
      }
  g_rand_free (rand);
  return pixbuf;
}

static double
time_compute (PrecisDataset *dataset,
              guint          n_threads)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(PrecisImageMetrics) metrics = precis_image_metrics_compute (dataset, NULL, n_threads, NULL,
                                                                        NULL, NULL, NULL);

  return (g_get_monotonic_time () - t0) / 1e6;
}

/**
 * precis_bench_image_metrics:
 * @n_images: synthetic 640 × 480 JPEGs to write and decode
 * @error: a write failure
 *
 * Writes @n_images JPEGs (quality 90) into a temporary project, then decodes
 * them for the image metrics on every core and on one thread, without the
 * cache, and removes the project.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error
 */
char *
precis_bench_image_metrics (guint    n_images,
                            GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("precis-bench-images-XXXXXX", error);
  g_autofree char *images_dir = NULL;
  g_autoptr(GString) gt = g_string_new ("{ \"images\": [");
  g_autofree char *gt_path = NULL;
  g_autoptr(GFile) project = NULL;
  g_autoptr(PrecisDataset) dataset = NULL;
  guint n_cpus = MAX (1, g_get_num_processors ());
  double all_s, one_s;
  gint64 t0;
  char *report = NULL;

  if (dir == NULL)
    return NULL;
  images_dir = g_build_filename (dir, "images", NULL);
  g_mkdir (images_dir, 0755);
  t0 = g_get_monotonic_time ();
  /* 16 distinct pictures, copied under further names: decoding costs the
   * same, and writing a thousand takes seconds instead of minutes. */
  for (guint i = 0; i < n_images; i++)
    {
      g_autofree char *name = g_strdup_printf ("%06u.jpg", i + 1);
      g_autofree char *path = g_build_filename (images_dir, name, NULL);

      if (i < 16)
        {
          g_autoptr(GdkPixbuf) pixbuf = synthetic_image (i + 1);

          if (!gdk_pixbuf_save (pixbuf, path, "jpeg", error, "quality", "90", NULL))
            goto out;
        }
      else
        {
          g_autofree char *first = g_strdup_printf ("%06u.jpg", i % 16 + 1);
          g_autofree char *from = g_build_filename (images_dir, first, NULL);
          g_autofree char *bytes = NULL;
          gsize len;

          if (!g_file_get_contents (from, &bytes, &len, error) ||
              !g_file_set_contents (path, bytes, (gssize) len, error))
            goto out;
        }
      g_string_append_printf (gt, "%s{ \"id\": %u, \"width\": 640, \"height\": 480, \"file_name\": \"%s\" }",
                              i > 0 ? ", " : "", i + 1, name);
    }
  g_string_append (gt, "], \"categories\": [ { \"id\": 1, \"name\": \"x\" } ], \"annotations\": [] }");
  gt_path = g_build_filename (dir, "gt.json", NULL);
  if (!g_file_set_contents (gt_path, gt->str, -1, error))
    goto out;
  project = g_file_new_for_path (dir);
  dataset = precis_dataset_load_project (project, NULL, NULL, NULL, error);
  if (dataset == NULL)
    goto out;

  {
    double write_s = (g_get_monotonic_time () - t0) / 1e6;

    all_s = time_compute (dataset, 0);
    one_s = time_compute (dataset, 1);
    report = g_strdup_printf (_("Image metrics:     %u synthetic 640×480 JPEGs (written in %.2f s)\n"
                                "  %u threads:      %.3f s, %.0f images/s\n"
                                "  1 thread:        %.3f s, %.0f images/s (%.2f× with %u threads)\n"),
                              n_images, write_s, n_cpus, all_s, n_images / all_s,
                              one_s, n_images / one_s, one_s / all_s, n_cpus);
  }

out:
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return report;
}

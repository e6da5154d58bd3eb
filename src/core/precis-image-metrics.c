/* precis-image-metrics.c: brightness, contrast and sharpness of the images (SEMANTICS.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each image is decoded once with gdk-pixbuf, on a pool of worker threads (one
 * per core), and its three values go to a cache file keyed by the image's
 * path, size and modification time, so that reopening a project decodes
 * nothing. The cache is a text file (docs/FORMATS.md, "Image metrics cache"):
 * a line it cannot read is ignored, an entry whose key does not match the
 * file on disk is recomputed, and it is replaced atomically.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "precis-image-metrics.h"

#define CACHE_HEADER "# precis image metrics v1"

static const char * const metric_names[PRECIS_IMAGE_N_METRICS] = {
  "brightness", "contrast", "sharpness",
};

const char *
precis_image_metric_to_string (PrecisImageMetric metric)
{
  g_return_val_if_fail (metric < PRECIS_IMAGE_N_METRICS, NULL);
  return metric_names[metric];
}

/* Pixels -------------------------------------------------------------------- */

void
precis_image_stats_compute (const guint8 *pixels,
                            guint         width,
                            guint         height,
                            gsize         rowstride,
                            guint         n_channels,
                            double        values[PRECIS_IMAGE_N_METRICS])
{
  gsize n = (gsize) width * height;
  g_autofree double *luma = NULL;   /* 255·Y */
  double sum = 0, mean, var = 0;

  g_return_if_fail (n_channels == 3 || n_channels == 4);

  for (guint i = 0; i < PRECIS_IMAGE_N_METRICS; i++)
    values[i] = NAN;
  if (n == 0)
    return;

  luma = g_new (double, n);
  for (guint y = 0; y < height; y++)
    {
      const guint8 *row = pixels + y * rowstride;

      for (guint x = 0; x < width; x++)
        {
          const guint8 *p = row + (gsize) x * n_channels;
          double v = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];

          luma[(gsize) y * width + x] = v;
          sum += v;
        }
    }
  /* Two passes, as a population variance should be computed. */
  mean = sum / (double) n;
  for (gsize i = 0; i < n; i++)
    var += (luma[i] - mean) * (luma[i] - mean);
  values[PRECIS_IMAGE_BRIGHTNESS] = mean / 255.0;
  values[PRECIS_IMAGE_CONTRAST] = sqrt (var / (double) n) / 255.0;

  if (width >= 3 && height >= 3)
    {
      gsize m = (gsize) (width - 2) * (height - 2);
      double lsum = 0, lmean = 0, lvar = 0;

      for (int pass = 0; pass < 2; pass++)
        {
          for (guint y = 1; y + 1 < height; y++)
            {
              const double *r = luma + (gsize) y * width;

              for (guint x = 1; x + 1 < width; x++)
                {
                  double lap = r[x - 1] + r[x + 1] + r[x - (gsize) width] + r[x + (gsize) width] - 4.0 * r[x];

                  if (pass == 0)
                    lsum += lap;
                  else
                    lvar += (lap - lmean) * (lap - lmean);
                }
            }
          lmean = lsum / (double) m;
        }
      values[PRECIS_IMAGE_SHARPNESS] = lvar / (double) m;
    }
}

gboolean
precis_image_stats_compute_file (const char  *path,
                                 double       values[PRECIS_IMAGE_N_METRICS],
                                 GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  pixbuf = gdk_pixbuf_new_from_file (path, error);
  if (pixbuf == NULL)
    return FALSE;
  if (gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 || gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s: not an 8-bit RGB image", path);
      return FALSE;
    }
  precis_image_stats_compute (gdk_pixbuf_read_pixels (pixbuf),
                              (guint) gdk_pixbuf_get_width (pixbuf),
                              (guint) gdk_pixbuf_get_height (pixbuf),
                              (gsize) gdk_pixbuf_get_rowstride (pixbuf),
                              (guint) gdk_pixbuf_get_n_channels (pixbuf),
                              values);
  return TRUE;
}

/* The cache ----------------------------------------------------------------- */

typedef struct {
  gint64 size;
  gint64 mtime_ns;
  double values[PRECIS_IMAGE_N_METRICS];
} CacheEntry;

char *
precis_image_metrics_default_cache_file (void)
{
  return g_build_filename (g_get_user_cache_dir (), "precis", "image-metrics-v1.tsv", NULL);
}

static gboolean
parse_double (const char *s,
              double     *out)
{
  char *end = NULL;

  if (g_str_equal (s, "nan"))
    {
      *out = NAN;
      return TRUE;
    }
  *out = g_ascii_strtod (s, &end);
  return end != s && *end == '\0' && isfinite (*out);
}

static gboolean
parse_int (const char *s,
           gint64     *out)
{
  char *end = NULL;

  *out = g_ascii_strtoll (s, &end, 10);
  return end != s && *end == '\0';
}

/* path → CacheEntry; unreadable lines, and a file without the header, are
 * ignored: a cache can only save work. */
static GHashTable *
cache_read (const char *file)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (file == NULL || !g_file_get_contents (file, &contents, NULL, NULL))
    return entries;
  lines = g_strsplit (contents, "\n", -1);
  if (lines[0] == NULL || !g_str_equal (lines[0], CACHE_HEADER))
    return entries;

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      CacheEntry e;
      gboolean ok;

      if (g_strv_length (f) != 6)
        continue;
      ok = parse_int (f[1], &e.size) && parse_int (f[2], &e.mtime_ns);
      for (guint k = 0; ok && k < PRECIS_IMAGE_N_METRICS; k++)
        ok = parse_double (f[3 + k], &e.values[k]);
      if (ok)
        g_hash_table_replace (entries, g_strcompress (f[0]), g_memdup2 (&e, sizeof e));
    }
  return entries;
}

static void
append_double (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, '\t');
  if (isnan (v))
    g_string_append (out, "nan");
  else
    g_string_append (out, g_ascii_dtostr (buf, sizeof buf, v));
}

/* Rewrites the cache with @entries, atomically; a failure only costs speed. */
static void
cache_write (const char *file,
             GHashTable *entries)
{
  g_autoptr(GString) out = g_string_new (CACHE_HEADER "\n");
  g_autofree char *dir = g_path_get_dirname (file);
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (entries), (GCompareFunc) strcmp);
  g_autoptr(GError) error = NULL;

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const CacheEntry *e = g_hash_table_lookup (entries, l->data);
      g_autofree char *escaped = g_strescape (l->data, NULL);

      g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT, escaped, e->size, e->mtime_ns);
      for (guint k = 0; k < PRECIS_IMAGE_N_METRICS; k++)
        append_double (out, e->values[k]);
      g_string_append_c (out, '\n');
    }
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (file, out->str, (gssize) out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("image metrics cache %s not written: %s", file, error != NULL ? error->message : g_strerror (errno));
}

/* The computation ----------------------------------------------------------- */

struct _PrecisImageMetrics {
  gatomicrefcount ref_count;
  guint           n_images;
  double         *values;        /* PRECIS_IMAGE_N_METRICS per image */
  guint           n_undefined;
  guint           n_decoded;
};

typedef struct {
  PrecisDataset              *dataset;
  GHashTable                 *cache;
  double                     *values;
  gboolean                   *decoded;
  CacheEntry                 *keys;         /* per image: the file's size and mtime (size −1: no file) */
  GCancellable               *cancellable;
  PrecisImageMetricsProgress  progress;
  gpointer                    user_data;
  GMutex                      progress_lock;
  guint                       done;
  guint                       total;
} Job;

static void
set_undefined (double *values)
{
  for (guint k = 0; k < PRECIS_IMAGE_N_METRICS; k++)
    values[k] = NAN;
}

static void
compute_one (gpointer data,
             gpointer user_data)
{
  Job *job = user_data;
  guint32 i = GPOINTER_TO_UINT (data) - 1;
  const PrecisImage *img = precis_dataset_get_image (job->dataset, i);
  double *values = job->values + (gsize) i * PRECIS_IMAGE_N_METRICS;

  if (!g_cancellable_is_cancelled (job->cancellable))
    {
      if (!precis_image_stats_compute_file (img->path, values, NULL))
        set_undefined (values);
      job->decoded[i] = TRUE;
    }

  g_mutex_lock (&job->progress_lock);
  job->done++;
  if (job->progress != NULL)
    job->progress (job->done, job->total, job->user_data);
  g_mutex_unlock (&job->progress_lock);
}

/* Fills job->keys[i] from the file on disk; FALSE when there is none. */
static gboolean
stat_image (const PrecisImage *img,
            CacheEntry        *key)
{
  struct stat st;

  key->size = -1;
  if (img->path == NULL || g_stat (img->path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  key->size = st.st_size;
  key->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  return TRUE;
}

PrecisImageMetrics *
precis_image_metrics_compute (PrecisDataset              *dataset,
                              const char                 *cache_file,
                              guint                       n_threads,
                              GCancellable               *cancellable,
                              PrecisImageMetricsProgress  progress,
                              gpointer                    user_data,
                              GError                    **error)
{
  guint n = precis_dataset_get_n_images (dataset);
  g_autoptr(GHashTable) cache = cache_read (cache_file);
  g_autofree CacheEntry *keys = g_new0 (CacheEntry, MAX (n, 1));
  g_autofree gboolean *decoded = g_new0 (gboolean, MAX (n, 1));
  PrecisImageMetrics *self;
  GThreadPool *pool;
  Job job = { 0 };

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);

  self = g_new0 (PrecisImageMetrics, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_images = n;
  self->values = g_new (double, (gsize) MAX (n, 1) * PRECIS_IMAGE_N_METRICS);

  job.dataset = dataset;
  job.values = self->values;
  job.decoded = decoded;
  job.keys = keys;
  job.cancellable = cancellable;
  job.progress = progress;
  job.user_data = user_data;
  g_mutex_init (&job.progress_lock);

  if (n_threads == 0)
    n_threads = MAX (1, g_get_num_processors ());
  pool = g_thread_pool_new (compute_one, &job, (int) n_threads, TRUE, NULL);

  /* Cache hits and missing files first, then the decoding. */
  for (guint32 i = 0; i < n; i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      double *values = self->values + (gsize) i * PRECIS_IMAGE_N_METRICS;
      const CacheEntry *hit;

      if (!stat_image (img, &keys[i]))
        {
          set_undefined (values);
          continue;
        }
      hit = g_hash_table_lookup (cache, img->path);
      if (hit != NULL && hit->size == keys[i].size && hit->mtime_ns == keys[i].mtime_ns)
        memcpy (values, hit->values, sizeof hit->values);
      else
        job.total++;
    }
  for (guint32 i = 0; i < n; i++)
    {
      const PrecisImage *img = precis_dataset_get_image (dataset, i);
      const CacheEntry *hit = keys[i].size < 0 ? NULL : g_hash_table_lookup (cache, img->path);

      if (keys[i].size >= 0 && (hit == NULL || hit->size != keys[i].size || hit->mtime_ns != keys[i].mtime_ns))
        g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&job.progress_lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      precis_image_metrics_unref (self);
      return NULL;
    }

  for (guint32 i = 0; i < n; i++)
    {
      const double *values = self->values + (gsize) i * PRECIS_IMAGE_N_METRICS;

      self->n_undefined += isnan (values[PRECIS_IMAGE_BRIGHTNESS]);
      if (decoded[i])
        {
          CacheEntry e = keys[i];

          self->n_decoded++;
          memcpy (e.values, values, sizeof e.values);
          g_hash_table_replace (cache, g_strdup (precis_dataset_get_image (dataset, i)->path),
                                g_memdup2 (&e, sizeof e));
        }
    }
  if (cache_file != NULL && self->n_decoded > 0)
    cache_write (cache_file, cache);

  return self;
}

PrecisImageMetrics *
precis_image_metrics_ref (PrecisImageMetrics *metrics)
{
  g_return_val_if_fail (metrics != NULL, NULL);
  g_atomic_ref_count_inc (&metrics->ref_count);
  return metrics;
}

void
precis_image_metrics_unref (PrecisImageMetrics *metrics)
{
  g_return_if_fail (metrics != NULL);
  if (!g_atomic_ref_count_dec (&metrics->ref_count))
    return;
  g_free (metrics->values);
  g_free (metrics);
}

guint
precis_image_metrics_get_n_images (PrecisImageMetrics *metrics)
{
  g_return_val_if_fail (metrics != NULL, 0);
  return metrics->n_images;
}

double
precis_image_metrics_get (PrecisImageMetrics *metrics,
                          guint32             image,
                          PrecisImageMetric   metric)
{
  g_return_val_if_fail (metrics != NULL, NAN);
  g_return_val_if_fail (image < metrics->n_images && metric < PRECIS_IMAGE_N_METRICS, NAN);
  return metrics->values[(gsize) image * PRECIS_IMAGE_N_METRICS + metric];
}

guint
precis_image_metrics_get_n_undefined (PrecisImageMetrics *metrics)
{
  g_return_val_if_fail (metrics != NULL, 0);
  return metrics->n_undefined;
}

guint
precis_image_metrics_get_n_decoded (PrecisImageMetrics *metrics)
{
  g_return_val_if_fail (metrics != NULL, 0);
  return metrics->n_decoded;
}

/* precis-thumbnailer.c: image decoding in a thread pool, with a bounded LRU cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-thumbnailer.h"

struct _PrecisThumbnailer
{
  GObject      parent_instance;

  int          size;
  guint        cache_size;
  GThreadPool *pool;
  guint64      next_seq;

  /* Main thread only: path → link in @lru (data: CacheEntry). */
  GHashTable  *cache;
  GQueue       lru;     /* most recently used first */

  guint        n_decoded;   /* atomic */
};

G_DEFINE_FINAL_TYPE (PrecisThumbnailer, precis_thumbnailer, G_TYPE_OBJECT)

typedef struct {
  char       *path;
  GdkTexture *texture;
} CacheEntry;

typedef struct {
  GTask   *task;
  char    *path;
  int      size;
  guint64  seq;
} Job;

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->path);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job->path);
  g_free (job);
}

/* Newest first. */
static int
job_compare (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Job *ja = a, *jb = b;

  return ja->seq < jb->seq ? 1 : ja->seq > jb->seq ? -1 : 0;
}

/* Decoding needs width × height × 4 bytes: a hostile header must not exhaust
 * memory. 2^28 pixels (a 16384 × 16384 picture, 1 GiB decoded) is far above any
 * camera's output. */
#define MAX_DECODED_PIXELS (G_GUINT64_CONSTANT (1) << 28)

/* Reads only the header: refuses files that are not images and pictures too
 * large to decode. */
static gboolean
check_image_header (const char  *path,
                    GError     **error)
{
  int width = 0, height = 0;

  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), display);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("“%s” is not an image Precis can read"), display);
      return FALSE;
    }

  if (width <= 0 || height <= 0 || (guint64) width * (guint64) height > MAX_DECODED_PIXELS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("“%s” is too large to show (%d × %d pixels)"), display, width, height);
      return FALSE;
    }

  return TRUE;
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Job *job = data;
  PrecisThumbnailer *self = user_data;
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (job->task, g_steal_pointer (&error));
      job_free (job);
      return;
    }

  if (!check_image_header (job->path, &error))
    ;
  else if (job->size > 0)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (job->path, job->size, job->size,
                                                                        TRUE, &error);

      if (pixbuf != NULL)
        texture = gdk_texture_new_for_pixbuf (pixbuf);
    }
  else
    texture = gdk_texture_new_from_filename (job->path, &error);

  g_atomic_int_inc (&self->n_decoded);

  if (texture != NULL)
    g_task_return_pointer (job->task, texture, g_object_unref);
  else
    g_task_return_error (job->task, g_steal_pointer (&error));
  job_free (job);
}

static void
precis_thumbnailer_finalize (GObject *object)
{
  PrecisThumbnailer *self = PRECIS_THUMBNAILER (object);

  /* Every job holds a task that holds us: the pool is idle by now. */
  g_thread_pool_free (self->pool, TRUE, TRUE);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (precis_thumbnailer_parent_class)->finalize (object);
}

static void
precis_thumbnailer_class_init (PrecisThumbnailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = precis_thumbnailer_finalize;
}

static void
precis_thumbnailer_init (PrecisThumbnailer *self)
{
  self->cache = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
}

PrecisThumbnailer *
precis_thumbnailer_new (int   size,
                        guint cache_size)
{
  PrecisThumbnailer *self = g_object_new (PRECIS_TYPE_THUMBNAILER, NULL);
  g_autoptr(GError) error = NULL;

  self->size = size;
  self->cache_size = MAX (cache_size, 1);
  self->pool = g_thread_pool_new (worker, self, MAX (g_get_num_processors (), 1), FALSE, &error);
  if (self->pool == NULL)
    g_error ("Cannot create the image decoding threads: %s", error->message);
  g_thread_pool_set_sort_function (self->pool, job_compare, NULL);

  return self;
}

int
precis_thumbnailer_get_size (PrecisThumbnailer *self)
{
  g_return_val_if_fail (PRECIS_IS_THUMBNAILER (self), 0);
  return self->size;
}

GdkTexture *
precis_thumbnailer_lookup (PrecisThumbnailer *self,
                           const char        *path)
{
  GList *link;

  g_return_val_if_fail (PRECIS_IS_THUMBNAILER (self), NULL);

  if (path == NULL)
    return NULL;
  link = g_hash_table_lookup (self->cache, path);
  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return g_object_ref (((CacheEntry *) link->data)->texture);
}

static void
cache_insert (PrecisThumbnailer *self,
              const char        *path,
              GdkTexture        *texture)
{
  GList *link = g_hash_table_lookup (self->cache, path);
  CacheEntry *entry;

  if (link != NULL)
    {
      entry = link->data;
      g_set_object (&entry->texture, texture);
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return;
    }

  entry = g_new0 (CacheEntry, 1);
  entry->path = g_strdup (path);
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->cache, entry->path, self->lru.head);

  while (self->lru.length > self->cache_size)
    {
      CacheEntry *old = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->cache, old->path);
      cache_entry_free (old);
    }
}

void
precis_thumbnailer_load_async (PrecisThumbnailer   *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  Job *job;

  g_return_if_fail (PRECIS_IS_THUMBNAILER (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, precis_thumbnailer_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* A picture decoded for a request cancelled meanwhile still goes to the cache. */
  g_task_set_check_cancellable (task, FALSE);

  cached = precis_thumbnailer_lookup (self, path);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&cached), g_object_unref);
      return;
    }

  job = g_new0 (Job, 1);
  job->task = g_steal_pointer (&task);
  job->path = g_strdup (path);
  job->size = self->size;
  job->seq = self->next_seq++;
  g_thread_pool_push (self->pool, job, NULL);
}

GdkTexture *
precis_thumbnailer_load_finish (PrecisThumbnailer  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_autoptr(GdkTexture) texture = NULL;
  GCancellable *cancellable;

  g_return_val_if_fail (PRECIS_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  texture = g_task_propagate_pointer (G_TASK (result), error);
  if (texture == NULL)
    return NULL;

  cache_insert (self, g_task_get_task_data (G_TASK (result)), texture);

  cancellable = g_task_get_cancellable (G_TASK (result));
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&texture);
}

void
precis_thumbnailer_clear (PrecisThumbnailer *self)
{
  g_return_if_fail (PRECIS_IS_THUMBNAILER (self));

  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);
}

guint
precis_thumbnailer_get_n_cached (PrecisThumbnailer *self)
{
  g_return_val_if_fail (PRECIS_IS_THUMBNAILER (self), 0);
  return self->lru.length;
}

guint
precis_thumbnailer_get_n_decoded (PrecisThumbnailer *self)
{
  g_return_val_if_fail (PRECIS_IS_THUMBNAILER (self), 0);
  return g_atomic_int_get (&self->n_decoded);
}

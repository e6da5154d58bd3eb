/* precis-dataset-cache.c: the binary cache of parsed datasets ("instant reopen")
 *
 * A loaded dataset (images, categories, ground truth and every model's
 * annotations, all shape kinds) is written as one file that a reopen maps and
 * copies instead of parsing JSON. The file is never trusted: its header,
 * version, byte order, size, payload checksum and key (every input's path,
 * size, mtime and content hash) must all match, and every index is checked
 * again; anything else is a miss, and the caller parses as if there were no
 * cache. Format: docs/FORMATS.md, "Dataset cache".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "precis-dataset-cache-private.h"

#define MAGIC          "PRECISDC"
#define ENDIAN_MARK    0x01020304u
#define HEADER_SIZE    32
#define HASH_SPAN      (64 * 1024)
#define MAX_PAYLOAD    ((guint64) 1 << 30)   /* larger datasets are not cached */
#define NULL_STRING    G_MAXUINT32

static int enabled = -1;   /* -1: not decided yet (environment) */

void
precis_dataset_cache_set_enabled (gboolean enabled_)
{
  enabled = enabled_ ? 1 : 0;
}

gboolean
precis_dataset_cache_get_enabled (void)
{
  if (enabled < 0)
    /* The switch to the reference (json-glib) reader means: read the files. */
    return g_getenv ("PRECIS_NO_CACHE") == NULL && g_getenv ("PRECIS_LOADER_NO_FAST_PATH") == NULL;
  return enabled;
}

/* ------------------------------------------------------------------------- */
/* Payload checksum: 4 lanes of 64-bit words, multiplied and rotated, then    */
/* folded with the length. It detects accidental damage (truncation, flipped */
/* bits, another version's layout), not deliberate forgery: the cache lives  */
/* in the user's own directory. A few GB/s, where SHA-256 would cost more    */
/* than the parse it saves.                                                  */

#define K1 G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)
#define K2 G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f)
#define K3 G_GUINT64_CONSTANT (0x165667b19e3779f9)

static inline guint64
rotl64 (guint64 x,
        int     r)
{
  return (x << r) | (x >> (64 - r));
}

static guint64
payload_hash (const guint8 *p,
              gsize         n)
{
  guint64 h[4] = { K1, K2, K3, K1 ^ K2 };
  guint64 tail[4] = { 0, 0, 0, 0 };
  guint64 r = n;
  gsize i = 0;

  for (; i + 32 <= n; i += 32)
    for (int l = 0; l < 4; l++)
      {
        guint64 w;

        memcpy (&w, p + i + 8 * l, 8);
        h[l] = rotl64 (h[l] + w * K2, 31) * K1;
      }
  memcpy (tail, p + i, n - i);
  for (int l = 0; l < 4; l++)
    {
      h[l] = rotl64 (h[l] + tail[l] * K2, 31) * K1;
      r = rotl64 (r ^ h[l], 27) * K1 + K3;
    }
  r ^= r >> 33;
  r *= K2;
  r ^= r >> 29;
  return r;
}

/* ------------------------------------------------------------------------- */
/* Writing                                                                    */

static void
put (GByteArray *out,
     const void *data,
     gsize       len)
{
  if (len > 0)
    g_byte_array_append (out, data, len);
}

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  put (out, &v, 4);
}

static void
put_u64 (GByteArray *out,
         guint64     v)
{
  put (out, &v, 8);
}

static void
put_str (GByteArray *out,
         const char *s)
{
  guint32 len = s != NULL ? (guint32) strlen (s) : NULL_STRING;

  put_u32 (out, len);
  if (s != NULL)
    put (out, s, len);
}

/* ------------------------------------------------------------------------- */
/* Reading: a cursor that fails, once and for all, past the end.              */

typedef struct {
  const guint8 *p;
  gsize         left;
  gboolean      ok;
} Reader;

static gboolean
get (Reader *r,
     void   *dst,
     gsize   len)
{
  if (!r->ok || len > r->left)
    {
      r->ok = FALSE;
      memset (dst, 0, len);
      return FALSE;
    }
  memcpy (dst, r->p, len);
  r->p += len;
  r->left -= len;
  return TRUE;
}

static guint32
get_u32 (Reader *r)
{
  guint32 v;

  get (r, &v, 4);
  return v;
}

static guint64
get_u64 (Reader *r)
{
  guint64 v;

  get (r, &v, 8);
  return v;
}

static char *
get_str (Reader *r)
{
  guint32 len = get_u32 (r);
  char *s;

  if (!r->ok || len == NULL_STRING)
    return NULL;
  if (len > r->left)
    {
      r->ok = FALSE;
      return NULL;
    }
  s = g_strndup ((const char *) r->p, len);
  r->p += len;
  r->left -= len;
  return s;
}

/* @n elements of @size bytes, always a fresh non-NULL block (zeroed on failure). */
static gpointer
get_array (Reader *r,
           guint64 n,
           gsize   size)
{
  gsize bytes;
  gpointer data;

  if (!g_size_checked_mul (&bytes, n, size) || bytes > r->left)
    {
      r->ok = FALSE;
      return g_malloc0 (8);
    }
  data = g_malloc (bytes + 8);
  get (r, data, bytes);
  return data;
}

/* ------------------------------------------------------------------------- */
/* The key: where the cache is and what it was made from                      */

static char *
input_path (GFile *file)
{
  char *path = g_file_get_path (file);

  if (path != NULL && !g_path_is_absolute (path))
    {
      char *cwd = g_get_current_dir ();
      char *abs = g_build_filename (cwd, path, NULL);

      g_free (cwd);
      g_free (path);
      path = abs;
    }
  return path;
}

/* The inputs in key order: the ground truth, then the results files. */
static GPtrArray *
spec_inputs (PrecisProjectSpec *spec)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (paths, input_path (spec->ground_truth));
  for (guint i = 0; i < spec->pred_files->len; i++)
    g_ptr_array_add (paths, input_path (g_ptr_array_index (spec->pred_files, i)));
  for (guint i = 0; i < paths->len; i++)
    if (g_ptr_array_index (paths, i) == NULL)
      {
        g_ptr_array_unref (paths);
        return NULL;
      }
  return paths;
}

static char *
cache_dir (void)
{
  const char *xdg = g_getenv ("XDG_CACHE_HOME");

  /* Read each time (not g_get_user_cache_dir's first answer) so that tests
   * can give each case its own directory. */
  return g_build_filename (xdg != NULL && g_path_is_absolute (xdg) ? xdg : g_get_user_cache_dir (),
                           "precis", "datasets", NULL);
}

static char *
cache_path_for (GPtrArray *paths)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *dir = cache_dir ();
  g_autofree char *name = NULL;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *p = g_ptr_array_index (paths, i);

      g_checksum_update (sum, (const guchar *) p, strlen (p) + 1);   /* with the NUL */
    }
  name = g_strconcat (g_checksum_get_string (sum), ".cache", NULL);
  return g_build_filename (dir, name, NULL);
}

/* SHA-256 of the size (8 bytes), the first 64 KiB and the last 64 KiB (the
 * whole file when it is at most 128 KiB). */
static gboolean
content_hash (const char *path,
              guint64     size,
              guint8      digest[32])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (HASH_SPAN);
  gsize len = 32;
  FILE *f = fopen (path, "rb");
  gboolean ok = f != NULL;

  g_checksum_update (sum, (const guchar *) &size, 8);
  if (ok)
    {
      guint64 head = MIN (size, HASH_SPAN);
      guint64 tail = size > 2 * HASH_SPAN ? HASH_SPAN : size - head;

      ok = fread (buf, 1, head, f) == head;
      g_checksum_update (sum, buf, head);
      if (ok && tail > 0)
        ok = fseeko (f, (off_t) (size - tail), SEEK_SET) == 0 && fread (buf, 1, tail, f) == tail;
      g_checksum_update (sum, buf, tail);
      fclose (f);
    }
  g_checksum_get_digest (sum, digest, &len);
  return ok;
}

GBytes *
_precis_dataset_cache_key (PrecisProjectSpec *spec)
{
  g_autoptr(GPtrArray) paths = spec_inputs (spec);
  g_autoptr(GByteArray) key = NULL;

  if (paths == NULL)
    return NULL;
  key = g_byte_array_new ();
  put_u32 (key, paths->len);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      struct stat st;
      guint8 digest[32];

      if (stat (path, &st) != 0 || !S_ISREG (st.st_mode) ||
          !content_hash (path, (guint64) st.st_size, digest))
        return NULL;
      put_str (key, path);
      put_u64 (key, (guint64) st.st_size);
      put_u64 (key, (guint64) st.st_mtim.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) st.st_mtim.tv_nsec);
      put (key, digest, 32);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&key));
}

/* ------------------------------------------------------------------------- */
/* Annotations                                                                */

/* The per-annotation arrays: element size and values per annotation. */
static const struct {
  gsize offset;
  gsize size;
  guint k;
} ann_fields[] = {
#define F(field, type, k) { G_STRUCT_OFFSET (PrecisAnnotations, field), sizeof (type), k }
  F (file_index, guint32, 1), F (id, gint64, 1), F (image, guint32, 1),
  F (category, guint32, 1), F (score, double, 1), F (bbox, double, 4),
  F (area, double, 1), F (iscrowd, guint8, 1), F (has, guint8, 1),
  F (segm_kind, guint8, 1), F (segm_start, guint32, 1), F (segm_len, guint32, 1),
  F (line_start, guint32, 1), F (line_len, guint32, 1), F (kp_start, guint32, 1),
  F (num_keypoints, guint32, 1),
#undef F
};

#define FIELD(anns, i) (*(gpointer *) G_STRUCT_MEMBER_P ((anns), ann_fields[i].offset))

static void
put_annotations (GByteArray              *out,
                 const PrecisAnnotations *a,
                 guint                    n_images)
{
  put_u32 (out, a->n);
  for (guint i = 0; i < G_N_ELEMENTS (ann_fields); i++)
    put (out, FIELD ((PrecisAnnotations *) a, i), (gsize) a->n * ann_fields[i].size * ann_fields[i].k);
  put_u32 (out, a->n_rings);
  put_u64 (out, a->n_coords);
  put_u64 (out, a->n_counts);
  put_u64 (out, a->n_keypoint_values);
  put_u32 (out, a->n_groups);
  put (out, a->ring_start, sizeof (guint64) * a->n_rings);
  put (out, a->ring_len, sizeof (guint32) * a->n_rings);
  put (out, a->coords, sizeof (double) * a->n_coords);
  put (out, a->counts, sizeof (guint32) * a->n_counts);
  put (out, a->keypoints, sizeof (double) * a->n_keypoint_values);
  put (out, a->groups, sizeof (PrecisGroup) * a->n_groups);
  put (out, a->image_group_start, sizeof (guint32) * ((gsize) n_images + 1));
}

static gboolean
range_ok (guint64 start,
          guint64 len,
          guint64 size)
{
  return start <= size && len <= size - start;
}

/* An RLE's runs lie in the pool and cover its image exactly. */
static gboolean
rle_ok (const PrecisAnnotations *a,
        guint                    i,
        const PrecisImage       *images)
{
  guint64 total = 0;

  if (!range_ok (a->segm_start[i], a->segm_len[i], a->n_counts))
    return FALSE;
  for (guint32 c = 0; c < a->segm_len[i]; c++)
    total += a->counts[a->segm_start[i] + c];
  return total == (guint64) images[a->image[i]].width * images[a->image[i]].height;
}

/* The indices the evaluators follow without checking: a cache whose checksum
 * matched still has them checked, so that no bug can make a reader crash. */
static gboolean
annotations_valid (const PrecisAnnotations *a,
                   const PrecisImage       *images,
                   guint                    n_images,
                   guint                    n_categories)
{
  for (guint i = 0; i < a->n; i++)
    {
      if (a->image[i] >= n_images || a->category[i] >= n_categories ||
          a->segm_kind[i] > PRECIS_SEGM_RLE || !range_ok (a->line_start[i], a->line_len[i], a->n_rings) ||
          (a->kp_start[i] != PRECIS_NO_INDEX && a->kp_start[i] >= a->n_keypoint_values))
        return FALSE;
      if (a->segm_kind[i] == PRECIS_SEGM_POLYGON && !range_ok (a->segm_start[i], a->segm_len[i], a->n_rings))
        return FALSE;
      if (a->segm_kind[i] == PRECIS_SEGM_RLE && !rle_ok (a, i, images))
        return FALSE;
      if ((a->has[i] & PRECIS_HAS_SEGM) && !(a->area[i] >= 0))
        return FALSE;
    }
  for (guint r = 0; r < a->n_rings; r++)
    if (!range_ok (a->ring_start[r], a->ring_len[r], a->n_coords))
      return FALSE;
  for (guint g = 0; g < a->n_groups; g++)
    if (a->groups[g].start >= a->groups[g].end || a->groups[g].end > a->n ||
        a->groups[g].image >= n_images || a->groups[g].category >= n_categories)
      return FALSE;
  for (guint k = 0; k <= n_images; k++)
    if (a->image_group_start[k] > a->n_groups || (k > 0 && a->image_group_start[k] < a->image_group_start[k - 1]))
      return FALSE;
  return TRUE;
}

static PrecisAnnotations *
get_annotations (Reader            *r,
                 const PrecisImage *images,
                 guint              n_images,
                 guint              n_categories)
{
  g_autoptr(PrecisAnnotations) a = g_new0 (PrecisAnnotations, 1);

  a->n = get_u32 (r);
  for (guint i = 0; i < G_N_ELEMENTS (ann_fields); i++)
    FIELD (a, i) = get_array (r, (guint64) a->n * ann_fields[i].k, ann_fields[i].size);
  a->n_rings = get_u32 (r);
  a->n_coords = get_u64 (r);
  a->n_counts = get_u64 (r);
  a->n_keypoint_values = get_u64 (r);
  a->n_groups = get_u32 (r);
  a->ring_start = get_array (r, a->n_rings, sizeof (guint64));
  a->ring_len = get_array (r, a->n_rings, sizeof (guint32));
  a->coords = get_array (r, a->n_coords, sizeof (double));
  a->counts = get_array (r, a->n_counts, sizeof (guint32));
  a->keypoints = get_array (r, a->n_keypoint_values, sizeof (double));
  a->groups = get_array (r, a->n_groups, sizeof (PrecisGroup));
  a->image_group_start = get_array (r, (guint64) n_images + 1, sizeof (guint32));
  if (!r->ok || !annotations_valid (a, images, n_images, n_categories))
    {
      r->ok = FALSE;
      return NULL;
    }
  return g_steal_pointer (&a);
}

static void
put_tables (GByteArray    *out,
            PrecisDataset *self)
{
  put_u32 (out, self->n_images);
  for (guint i = 0; i < self->n_images; i++)
    {
      const PrecisImage *img = &self->images[i];

      put_u64 (out, (guint64) img->id);
      put_u32 (out, img->width);
      put_u32 (out, img->height);
      put_str (out, img->file_name);
    }
  put_u32 (out, self->n_categories);
  for (guint c = 0; c < self->n_categories; c++)
    {
      const PrecisCategory *cat = &self->categories[c];

      put_u64 (out, (guint64) cat->id);
      put_str (out, cat->name);
      put_str (out, cat->supercategory);
      put_u32 (out, cat->n_keypoints);
      put_u32 (out, cat->keypoint_names != NULL);
      for (guint k = 0; cat->keypoint_names != NULL && k < cat->n_keypoints; k++)
        put_str (out, cat->keypoint_names[k]);
      put_u32 (out, cat->n_skeleton);
      put (out, cat->skeleton, sizeof (guint) * 2 * cat->n_skeleton);
      put_u32 (out, cat->sigmas != NULL);
      if (cat->sigmas != NULL)
        put (out, cat->sigmas, sizeof (double) * cat->n_keypoints);
    }
}

static gboolean
get_category (Reader         *r,
              PrecisCategory *cat)
{
  cat->id = (gint64) get_u64 (r);
  cat->name = get_str (r);
  cat->supercategory = get_str (r);
  cat->n_keypoints = get_u32 (r);
  if (cat->n_keypoints > PRECIS_MAX_KEYPOINTS || cat->name == NULL)
    return FALSE;
  if (get_u32 (r))
    {
      cat->keypoint_names = g_new0 (char *, cat->n_keypoints + 1);
      for (guint k = 0; k < cat->n_keypoints; k++)
        if ((cat->keypoint_names[k] = get_str (r)) == NULL)
          return FALSE;
    }
  cat->n_skeleton = get_u32 (r);
  if (!r->ok || cat->n_skeleton > (guint) PRECIS_MAX_KEYPOINTS * PRECIS_MAX_KEYPOINTS)
    return FALSE;
  cat->skeleton = get_array (r, 2 * (guint64) cat->n_skeleton, sizeof (guint));
  if (!r->ok)   /* a short block: the loop below would read past it */
    return FALSE;
  for (guint s = 0; s < 2 * cat->n_skeleton; s++)
    if (cat->skeleton[s] >= cat->n_keypoints)
      return FALSE;
  if (get_u32 (r))
    cat->sigmas = get_array (r, cat->n_keypoints, sizeof (double));
  return r->ok;
}

static gboolean
get_tables (Reader        *r,
            PrecisDataset *self)
{
  g_autofree char *dir = self->images_dir ? g_file_get_path (self->images_dir) : NULL;
  guint n_images = get_u32 (r), n_categories;

  if (!r->ok || n_images > r->left / 20)   /* 20: the smallest image record */
    return FALSE;
  self->images = g_new0 (PrecisImage, n_images + 1);
  for (guint i = 0; i < n_images; i++)
    {
      PrecisImage *img = &self->images[i];

      self->n_images = i + 1;
      img->id = (gint64) get_u64 (r);
      img->width = get_u32 (r);
      img->height = get_u32 (r);
      img->file_name = get_str (r);
      if (!r->ok || (i > 0 && img->id <= self->images[i - 1].id) ||
          img->width > PRECIS_MAX_IMAGE_SIDE || img->height > PRECIS_MAX_IMAGE_SIDE ||
          (guint64) img->width * img->height > PRECIS_MAX_IMAGE_PIXELS)
        return FALSE;
      /* As the loader does: the image folder is the project's, today's. */
      if (img->file_name != NULL && dir != NULL && img->file_name[0] != '\0')
        {
          img->path = g_build_filename (dir, img->file_name, NULL);
          img->present = g_file_test (img->path, G_FILE_TEST_IS_REGULAR);
        }
      if (!img->present)
        self->n_images_missing++;
    }

  n_categories = get_u32 (r);
  if (!r->ok || n_categories > PRECIS_MAX_CATEGORIES)
    return FALSE;
  self->categories = g_new0 (PrecisCategory, n_categories + 1);
  for (guint c = 0; c < n_categories; c++)
    {
      self->n_categories = c + 1;
      if (!get_category (r, &self->categories[c]) ||
          (c > 0 && self->categories[c].id <= self->categories[c - 1].id))
        return FALSE;
    }
  return TRUE;
}

static char *
model_name (PrecisProjectSpec *spec,
            guint              i)
{
  const char *given = g_ptr_array_index (spec->pred_names, i);

  return given ? g_strdup (given) : _precis_model_name_from_file (g_ptr_array_index (spec->pred_files, i));
}

/* The payload after the header and the key: FALSE on any inconsistency. */
static gboolean
read_dataset (Reader            *r,
              PrecisDataset     *self,
              PrecisProjectSpec *spec)
{
  g_autoptr(PrecisAnnotations) gt = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) _precis_annotations_free);
  guint n_models;

  if (!get_tables (r, self))
    return FALSE;
  gt = get_annotations (r, self->images, self->n_images, self->n_categories);
  n_models = get_u32 (r);
  if (gt == NULL || !r->ok || n_models != spec->pred_files->len)
    return FALSE;
  for (guint i = 0; i < n_models; i++)
    {
      PrecisAnnotations *a = get_annotations (r, self->images, self->n_images, self->n_categories);

      if (a == NULL)
        return FALSE;
      g_ptr_array_add (models, a);
    }
  if (r->left != 0)
    return FALSE;

  self->gt = g_steal_pointer (&gt);
  self->gt_has_any = _precis_annotations_has_any (self->gt);
  for (guint i = 0; i < n_models; i++)
    {
      g_autofree char *name = model_name (spec, i);

      _precis_dataset_add_model (self, name, g_ptr_array_index (spec->pred_files, i),
                                 g_ptr_array_steal_index (models, 0));
    }
  return TRUE;
}

gboolean
_precis_dataset_cache_decode (PrecisDataset     *self,
                              PrecisProjectSpec *spec,
                              GBytes            *key,
                              const guint8      *data,
                              gsize              len)
{
  gsize key_len;
  const void *key_data = g_bytes_get_data (key, &key_len);
  guint32 version, endian;
  guint64 payload_len, hash;
  Reader r;

  if (len < HEADER_SIZE || memcmp (data, MAGIC, 8) != 0)
    return FALSE;
  memcpy (&version, data + 8, 4);
  memcpy (&endian, data + 12, 4);
  memcpy (&payload_len, data + 16, 8);
  memcpy (&hash, data + 24, 8);
  if (version != PRECIS_DATASET_CACHE_VERSION || endian != ENDIAN_MARK ||
      payload_len != len - HEADER_SIZE || payload_hash (data + HEADER_SIZE, payload_len) != hash)
    return FALSE;

  r = (Reader) { data + HEADER_SIZE, payload_len, TRUE };
  if (get_u32 (&r) != key_len || key_len > r.left || memcmp (r.p, key_data, key_len) != 0)
    return FALSE;
  r.p += key_len;
  r.left -= key_len;
  if (!read_dataset (&r, self, spec))
    {
      _precis_dataset_clear_tables (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
_precis_dataset_cache_load (PrecisDataset     *self,
                            PrecisProjectSpec *spec,
                            GBytes            *key)
{
  g_autoptr(GPtrArray) paths = spec_inputs (spec);
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;

  if (paths == NULL)
    return FALSE;
  path = cache_path_for (paths);
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return FALSE;
  return _precis_dataset_cache_decode (self, spec, key, (const guint8 *) g_mapped_file_get_contents (mapped),
                                       g_mapped_file_get_length (mapped));
}

/* Fills the header of @out (HEADER_SIZE bytes, then the payload). */
static void
seal (GByteArray *out)
{
  guint32 version = PRECIS_DATASET_CACHE_VERSION, endian = ENDIAN_MARK;
  guint64 payload_len = out->len - HEADER_SIZE;
  guint64 hash = payload_hash (out->data + HEADER_SIZE, payload_len);

  memcpy (out->data, MAGIC, 8);
  memcpy (out->data + 8, &version, 4);
  memcpy (out->data + 12, &endian, 4);
  memcpy (out->data + 16, &payload_len, 8);
  memcpy (out->data + 24, &hash, 8);
}

/* The header and the key before @body, for the fuzz target. */
GBytes *
_precis_dataset_cache_wrap (GBytes       *key,
                            const guint8 *body,
                            gsize         len)
{
  GByteArray *out = g_byte_array_new ();
  gsize key_len;
  const void *key_data = g_bytes_get_data (key, &key_len);

  g_byte_array_set_size (out, HEADER_SIZE);
  put_u32 (out, (guint32) key_len);
  put (out, key_data, key_len);
  put (out, body, len);
  seal (out);
  return g_byte_array_free_to_bytes (out);
}

void
_precis_dataset_cache_store (PrecisDataset     *self,
                             PrecisProjectSpec *spec,
                             GBytes            *key)
{
  g_autoptr(GPtrArray) paths = spec_inputs (spec);
  g_autoptr(GByteArray) out = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  gsize key_len;
  const void *key_data = g_bytes_get_data (key, &key_len);

  if (paths == NULL || self->models->len != spec->pred_files->len)
    return;
  out = g_byte_array_new ();
  g_byte_array_set_size (out, HEADER_SIZE);
  put_u32 (out, (guint32) key_len);
  put (out, key_data, key_len);
  put_tables (out, self);
  put_annotations (out, self->gt, self->n_images);
  put_u32 (out, self->models->len);
  for (guint i = 0; i < self->models->len; i++)
    {
      const PrecisModel *m = g_ptr_array_index (self->models, i);

      put_annotations (out, m->anns, self->n_images);
      if (out->len > MAX_PAYLOAD)
        return;
    }

  seal (out);

  path = cache_path_for (paths);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;
  /* Atomic (a temporary file renamed over the old one): a reader sees the old
   * cache or the new, never half of one. */
  g_file_set_contents_full (path, (const char *) out->data, out->len,
                            G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

GFile *
precis_dataset_cache_get_file (GFile *project)
{
  g_auto(PrecisProjectSpec) spec;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (project), NULL);

  _precis_project_spec_init (&spec);
  if (!_precis_project_spec_read (project, &spec, NULL, NULL, NULL, NULL) ||
      (paths = spec_inputs (&spec)) == NULL)
    return NULL;
  path = cache_path_for (paths);
  return g_file_new_for_path (path);
}

PrecisDataset *
precis_dataset_cache_read (GFile   *project,
                           GError **error)
{
  g_auto(PrecisProjectSpec) spec;
  g_autoptr(PrecisDataset) self = NULL;
  g_autoptr(GBytes) key = NULL;

  g_return_val_if_fail (G_IS_FILE (project), NULL);

  _precis_project_spec_init (&spec);
  if (!_precis_project_spec_read (project, &spec, NULL, NULL, NULL, error))
    return NULL;
  key = _precis_dataset_cache_key (&spec);
  if (key == NULL)
    return NULL;
  self = _precis_dataset_new ();
  self->name = g_strdup (spec.name);
  self->location = g_object_ref (project);
  self->ground_truth = g_object_ref (spec.ground_truth);
  self->images_dir = spec.images_dir ? g_object_ref (spec.images_dir) : NULL;
  if (!_precis_dataset_cache_load (self, &spec, key))
    return NULL;
  return g_steal_pointer (&self);
}

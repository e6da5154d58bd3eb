/* precis-shard.c: sharded evaluation, partial results and their exact merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A shard computes the IoU tables of its images (SEMANTICS.md §12); everything
 * after them (candidates, d, τ, crowd, the ranking, both protocols' matching
 * and accumulation) is a function of the tables and of the annotations'
 * scalars, which every shard and the merge read from the same inputs. So the
 * merge fills the whole project's tables from the partials, bit for bit, and
 * runs the matcher's and the evaluators' own code over them: the merged numbers
 * are the unsharded ones by construction. The file format is in
 * docs/FORMATS.md ("Partial results").
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "precis-shard.h"
#include "precis-matcher-private.h"

G_DEFINE_QUARK (precis-shard-error-quark, precis_shard_error)

#define MAGIC "PRECISSH"
#define HEADER_SIZE 48   /* magic 8, version 4, byte order 1, zero 3, SHA-256 32 */
#define BODY_TYPE "(uusa{sv}a(uuuuuu)ad)"

/* One table row in the file: image, category, dt_start, n_dt, gt_start, n_gt. */
typedef struct {
  guint32 v[6];
} TableRow;

struct _PrecisPartial
{
  char           *path;
  char           *display;
  GMappedFile    *file;
  GVariant       *body;
  guint           index;
  guint           count;
  const char     *fingerprint;
  GVariant       *options;
  GVariant       *rows_v;
  GVariant       *values_v;
  const TableRow *rows;
  gsize           n_rows;
  const double   *values;
  gsize           n_values;
};

gboolean
precis_shard_parse (const char *spec,
                    guint      *index,
                    guint      *count)
{
  g_auto(GStrv) parts = NULL;
  guint64 i, n;

  parts = g_strsplit (spec, "/", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32 - 1, &i, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT32, &n, NULL) ||
      i >= n)
    return FALSE;
  *index = (guint)i;
  *count = (guint)n;
  return TRUE;
}

static gboolean
hash_file (GChecksum *sum,
           GFile     *file,
           GError   **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autofree guint8 *buf = NULL;
  guint64 total = 0;
  gssize n;

  if (in == NULL)
    return FALSE;
  buf = g_malloc (1 << 20);
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, 1 << 20, NULL, error)) > 0)
    {
      g_checksum_update (sum, buf, n);
      total += n;
    }
  if (n < 0)
    return FALSE;
  /* The length too, so that two files' bytes cannot slide into each other. */
  total = GUINT64_TO_LE (total);
  g_checksum_update (sum, (const guint8 *)&total, sizeof total);
  return TRUE;
}

char *
precis_shard_fingerprint (PrecisDataset  *dataset,
                          guint           model,
                          PrecisIouType   type,
                          GError        **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *name = precis_dataset_get_model_name (dataset, model);
  const char *type_name = precis_iou_type_to_string (type);
  GFile *files[2] = { precis_dataset_get_ground_truth (dataset), precis_dataset_get_model_file (dataset, model) };

  g_checksum_update (sum, (const guint8 *)"precis-partial-1", -1);
  g_checksum_update (sum, (const guint8 *)name, strlen (name) + 1);
  g_checksum_update (sum, (const guint8 *)type_name, strlen (type_name) + 1);
  for (guint k = 0; k < G_N_ELEMENTS (files); k++)
    if (files[k] != NULL && !hash_file (sum, files[k], error))
      return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

/* ------------------------------------------------------------------------ */
/* Writing */

static GVariant *
shard_body (PrecisMatcher *matcher,
            guint          index,
            guint          count,
            const char    *fingerprint,
            GVariant      *options)
{
  guint n_tables = precis_matcher_get_n_tables (matcher);
  g_autofree TableRow *rows = g_new (TableRow, MAX (n_tables, 1));
  g_autofree double *values = NULL;
  gsize n_values = 0, at = 0;
  GVariant *children[6];

  for (guint t = 0; t < n_tables; t++)
    {
      const PrecisIouTable *table = precis_matcher_get_table (matcher, t);

      rows[t] = (TableRow) { { table->image, table->category, table->dt_start, table->n_dt,
                               table->gt_start, table->n_gt } };
      n_values += (gsize)table->n_dt * table->n_gt;
    }
  values = g_new (double, MAX (n_values, 1));
  for (guint t = 0; t < n_tables; t++)
    {
      const PrecisIouTable *table = precis_matcher_get_table (matcher, t);
      gsize cells = (gsize)table->n_dt * table->n_gt;

      memcpy (values + at, table->iou, cells * sizeof (double));
      at += cells;
    }

  children[0] = g_variant_new_uint32 (index);
  children[1] = g_variant_new_uint32 (count);
  children[2] = g_variant_new_string (fingerprint);
  children[3] = options;
  children[4] = g_variant_new_fixed_array (G_VARIANT_TYPE ("(uuuuuu)"), rows, n_tables, sizeof (TableRow));
  children[5] = g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values, n_values, sizeof (double));
  return g_variant_ref_sink (g_variant_new_tuple (children, G_N_ELEMENTS (children)));
}

gboolean
precis_shard_write (PrecisDataset  *dataset,
                    guint           model,
                    PrecisIouType   type,
                    guint           index,
                    guint           count,
                    GVariant       *options,
                    const char     *path,
                    gboolean        force,
                    GError        **error)
{
  g_autoptr(PrecisMatcher) matcher = NULL;
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *fingerprint = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree guint8 *mask = NULL;
  g_autofree char *data = NULL;
  guint n_images = precis_dataset_get_n_images (dataset);
  guint32 version = GUINT32_TO_LE (PRECIS_PARTIAL_VERSION);
  gsize body_size, digest_len = 32;
  GError *local = NULL;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (count >= 1 && index < count, FALSE);
  g_return_val_if_fail (g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT), FALSE);

  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s: the file exists (use --force to replace it)"), display);
      return FALSE;
    }

  fingerprint = precis_shard_fingerprint (dataset, model, type, error);
  if (fingerprint == NULL)
    return FALSE;

  mask = g_new0 (guint8, MAX (n_images, 1));
  for (guint k = 0; k < n_images; k++)
    mask[k] = precis_shard_has_image (k, index, count);
  matcher = _precis_matcher_new_full (dataset, model, type, 0, mask, NULL, NULL, NULL, NULL, NULL, error);
  if (matcher == NULL)
    return FALSE;

  body = shard_body (matcher, index, count, fingerprint, options);
  body_size = g_variant_get_size (body);
  data = g_malloc (HEADER_SIZE + body_size);
  memset (data, 0, HEADER_SIZE);
  memcpy (data, MAGIC, 8);
  memcpy (data + 8, &version, 4);
  data[12] = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 'l' : 'B';
  g_variant_store (body, data + HEADER_SIZE);
  g_checksum_update (sum, (const guint8 *)data + HEADER_SIZE, body_size);
  g_checksum_get_digest (sum, (guint8 *)data + 16, &digest_len);

  if (!g_file_set_contents_full (path, data, HEADER_SIZE + body_size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0666, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
      g_error_free (local);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Reading */

void
precis_partial_free (PrecisPartial *partial)
{
  if (partial == NULL)
    return;
  g_clear_pointer (&partial->options, g_variant_unref);
  g_clear_pointer (&partial->rows_v, g_variant_unref);
  g_clear_pointer (&partial->values_v, g_variant_unref);
  g_clear_pointer (&partial->body, g_variant_unref);
  g_clear_pointer (&partial->file, g_mapped_file_unref);
  g_free (partial->display);
  g_free (partial->path);
  g_free (partial);
}

static gboolean
format_error (GError        **error,
              PrecisPartial  *partial,
              const char     *problem)
{
  g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_FORMAT, "%s: %s", partial->display, problem);
  return FALSE;
}

/* Every table's image in the shard, tables in (image, category) order, and
 * the values exactly as many as the tables' cells. */
static gboolean
check_rows (PrecisPartial  *self,
            GError        **error)
{
  guint64 cells = 0;

  for (gsize r = 0; r < self->n_rows; r++)
    {
      const guint32 *v = self->rows[r].v;

      if (!precis_shard_has_image (v[0], self->index, self->count))
        return format_error (error, self, _("a table of an image outside its shard"));
      if (r > 0 && (self->rows[r - 1].v[0] > v[0] ||
                    (self->rows[r - 1].v[0] == v[0] && self->rows[r - 1].v[1] >= v[1])))
        return format_error (error, self, _("tables out of order"));
      cells += (guint64)v[3] * v[5];
    }
  if (cells != self->n_values)
    return format_error (error, self, _("the IoU values do not fill the tables"));
  return TRUE;
}

static gboolean
parse_body (PrecisPartial  *self,
            const char     *data,
            gsize           size,
            GError        **error)
{
  g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (self->file);
  g_autoptr(GBytes) body_bytes = g_bytes_new_from_bytes (bytes, HEADER_SIZE, size - HEADER_SIZE);

  self->body = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (BODY_TYPE), body_bytes, FALSE));
  if (data[12] != (G_BYTE_ORDER == G_LITTLE_ENDIAN ? 'l' : 'B'))
    {
      GVariant *swapped = g_variant_byteswap (self->body);

      g_variant_unref (self->body);
      self->body = swapped;
    }
  if (!g_variant_is_normal_form (self->body))
    return format_error (error, self, _("the contents are not a partial result"));

  g_variant_get (self->body, "(uu&s@a{sv}@a(uuuuuu)@ad)", &self->index, &self->count,
                 &self->fingerprint, &self->options, &self->rows_v, &self->values_v);
  if (self->count == 0 || self->index >= self->count)
    return format_error (error, self, _("a shard index outside its count"));
  self->rows = g_variant_get_fixed_array (self->rows_v, &self->n_rows, sizeof (TableRow));
  self->values = g_variant_get_fixed_array (self->values_v, &self->n_values, sizeof (double));
  return check_rows (self, error);
}

PrecisPartial *
precis_partial_read (const char  *path,
                     GError     **error)
{
  g_autoptr(PrecisPartial) self = g_new0 (PrecisPartial, 1);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest, size;
  guint32 version;
  const char *data;
  GError *local = NULL;

  self->path = g_strdup (path);
  self->display = g_filename_display_name (path);
  self->file = g_mapped_file_new (path, FALSE, &local);
  if (self->file == NULL)
    {
      g_set_error (error, local->domain, local->code, "%s: %s", self->display, local->message);
      g_error_free (local);
      return NULL;
    }
  data = g_mapped_file_get_contents (self->file);
  size = g_mapped_file_get_length (self->file);
  if (size < 8 || memcmp (data, MAGIC, 8) != 0)
    {
      format_error (error, self, _("not a Precis partial result (precis-cli eval --partial)"));
      return NULL;
    }
  if (size < HEADER_SIZE)
    {
      format_error (error, self, _("truncated: the header is incomplete"));
      return NULL;
    }
  memcpy (&version, data + 8, 4);
  version = GUINT32_FROM_LE (version);
  if (version != PRECIS_PARTIAL_VERSION)
    {
      g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_FORMAT,
                   _("%s: partial format version %u; this precis-cli reads version %u"),
                   self->display, version, PRECIS_PARTIAL_VERSION);
      return NULL;
    }
  g_checksum_update (sum, (const guint8 *)data + HEADER_SIZE, size - HEADER_SIZE);
  g_checksum_get_digest (sum, digest, &digest_len);
  if (memcmp (digest, data + 16, sizeof digest) != 0)
    {
      format_error (error, self, _("truncated or corrupted: the checksum does not match"));
      return NULL;
    }
  if (!parse_body (self, data, size, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
precis_partial_get_path (const PrecisPartial *partial)
{
  return partial->path;
}

guint
precis_partial_get_index (const PrecisPartial *partial)
{
  return partial->index;
}

guint
precis_partial_get_count (const PrecisPartial *partial)
{
  return partial->count;
}

const char *
precis_partial_get_fingerprint (const PrecisPartial *partial)
{
  return partial->fingerprint;
}

GVariant *
precis_partial_get_options (const PrecisPartial *partial)
{
  return partial->options;
}

/* ------------------------------------------------------------------------ */
/* Checking and merging */

static gboolean
mismatch (GError     **error,
          const char  *display,
          const char  *what,
          const char  *first)
{
  g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_MISMATCH,
               _("%s: %s differs from %s’s: the partials are not of one evaluation"), display, what, first);
  return FALSE;
}

/* The first option of @a that @b lacks or holds otherwise, or the first of @b
 * that @a lacks; NULL when equal. */
static char *
option_difference (GVariant *a,
                   GVariant *b)
{
  GVariant *dicts[2] = { a, b };

  for (guint k = 0; k < 2; k++)
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, dicts[k]);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          g_autoptr(GVariant) other = g_variant_lookup_value (dicts[1 - k], key, NULL);
          gboolean same = other != NULL && g_variant_equal (value, other);

          g_variant_unref (value);
          if (!same)
            return g_strdup_printf (_("option “%s”"), key);
        }
    }
  return NULL;
}

gboolean
precis_partials_check (PrecisPartial * const *partials,
                       guint                  n,
                       GError               **error)
{
  /* By index: a hash, not an array, since a crafted count may be huge. */
  g_autoptr(GHashTable) by_index = g_hash_table_new (NULL, NULL);
  const PrecisPartial *first;
  guint count;

  g_return_val_if_fail (n >= 1, FALSE);

  first = partials[0];
  count = first->count;
  for (guint k = 0; k < n; k++)
    {
      PrecisPartial *p = partials[k];
      PrecisPartial *other;
      g_autofree char *diff = NULL;

      if (p->count != count)
        {
          g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_MISMATCH,
                       _("%s: shard %u/%u, but %s is of %u shards"),
                       p->display, p->index, p->count, first->display, count);
          return FALSE;
        }
      if (strcmp (p->fingerprint, first->fingerprint) != 0)
        return mismatch (error, p->display, _("the inputs’ fingerprint (GT, results, model, IoU type)"),
                         first->display);
      diff = option_difference (first->options, p->options);
      if (diff != NULL)
        return mismatch (error, p->display, diff, first->display);
      other = g_hash_table_lookup (by_index, GUINT_TO_POINTER (p->index));
      if (other != NULL)
        {
          g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_DUPLICATE,
                       _("%s: shard %u/%u is given twice (also %s)"),
                       p->display, p->index, count, other->display);
          return FALSE;
        }
      g_hash_table_insert (by_index, GUINT_TO_POINTER (p->index), p);
    }
  /* n distinct indices below count: complete iff n = count, else one of
   * 0 … n is missing. */
  for (guint i = 0; i < count && i <= n; i++)
    if (!g_hash_table_contains (by_index, GUINT_TO_POINTER (i)))
      {
        g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_INCOMPLETE,
                     _("shard %u/%u is missing: %u of %u partials given (first %s)"),
                     i, count, n, count, first->display);
        return FALSE;
      }
  return TRUE;
}

typedef struct {
  PrecisPartial * const *partials;
  guint                  n;
} FillData;

static guint
find_row (const PrecisIouTable *tables,
          guint                 n_tables,
          guint32               image,
          guint32               category)
{
  guint lo = 0, hi = n_tables;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tables[mid].image < image || (tables[mid].image == image && tables[mid].category < category))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < n_tables && tables[lo].image == image && tables[lo].category == category ? lo : G_MAXUINT;
}

static gboolean
fill_tables (const PrecisIouTable *tables,
             guint                 n_tables,
             gpointer              user_data,
             GError              **error)
{
  const FillData *fd = user_data;
  g_autofree guint8 *filled = g_new0 (guint8, MAX (n_tables, 1));

  for (guint k = 0; k < fd->n; k++)
    {
      PrecisPartial *p = fd->partials[k];
      const double *v = p->values;

      for (gsize r = 0; r < p->n_rows; r++)
        {
          const guint32 *row = p->rows[r].v;
          guint t = find_row (tables, n_tables, row[0], row[1]);
          gsize cells = (gsize)row[3] * row[5];

          if (t == G_MAXUINT || tables[t].dt_start != row[2] || tables[t].n_dt != row[3] ||
              tables[t].gt_start != row[4] || tables[t].n_gt != row[5])
            {
              g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_MISMATCH,
                           _("%s: an IoU table that the project does not have (image index %u, category index %u)"),
                           p->display, row[0], row[1]);
              return FALSE;
            }
          memcpy ((double *)tables[t].iou, v, cells * sizeof (double));
          filled[t] = 1;
          v += cells;
        }
    }
  for (guint t = 0; t < n_tables; t++)
    if (!filled[t])
      {
        guint index = tables[t].image % fd->partials[0]->count;
        const char *display = fd->partials[0]->display;

        for (guint k = 0; k < fd->n; k++)
          if (fd->partials[k]->index == index)
            display = fd->partials[k]->display;
        g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_INCOMPLETE,
                     _("%s: lacks the IoU table of image index %u, category index %u"),
                     display, tables[t].image, tables[t].category);
        return FALSE;
      }
  return TRUE;
}

PrecisMatcher *
precis_shard_merge (PrecisDataset         *dataset,
                    guint                  model,
                    PrecisIouType          type,
                    PrecisPartial * const *partials,
                    guint                  n,
                    GError               **error)
{
  g_autofree char *fingerprint = NULL;
  FillData fd = { partials, n };

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);

  if (!precis_partials_check (partials, n, error))
    return NULL;
  fingerprint = precis_shard_fingerprint (dataset, model, type, error);
  if (fingerprint == NULL)
    return NULL;
  if (strcmp (fingerprint, partials[0]->fingerprint) != 0)
    {
      g_set_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_MISMATCH,
                   _("%s: written from other inputs than the project’s files now hold "
                     "(their fingerprint changed)"), partials[0]->display);
      return NULL;
    }
  return _precis_matcher_new_full (dataset, model, type, 0, NULL, fill_tables, &fd, NULL, NULL, NULL, error);
}

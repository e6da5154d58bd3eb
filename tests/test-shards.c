/* test-shards.c: sharded evaluation (SEMANTICS.md §12): eval --shard, merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The merged output of N partials must be byte for byte the unsharded output.
 * The core part compares the merged matcher's tables and stored values with
 * precis_matcher_new()'s bit for bit (every IoU type, N = 1, 2, 3, 7); the CLI
 * part compares `merge --json` with `eval --json` as bytes, for both protocols,
 * and checks that partials which do not belong together are refused with an
 * error naming the file.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "precis-cocoeval.h"
#include "precis-shard.h"
#include "precis-test-cli.h"
#include "precis-test-files.h"

static const guint shard_counts[] = { 1, 2, 3, 7 };

static const char *
data_path (const char *dir,
           const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", dir, name, NULL);
}

static const char *
real_path (const char *project)
{
  return g_test_get_filename (G_TEST_DIST, "data", "real", project, NULL);
}

/* Byte equality that reports where two long texts first differ, not both texts. */
static void
assert_same_text (const char *what,
                  const char *got,
                  const char *expected)
{
  gsize k = 0;

  while (got[k] != '\0' && got[k] == expected[k])
    k++;
  if (got[k] != expected[k])
    g_error ("%s: differs at byte %" G_GSIZE_FORMAT ": “%.60s” instead of “%.60s”",
             what, k, got + k, expected + k);
}

/* ------------------------------------------------------------------------ */
/* Core: the merged matcher is the unsharded one. */

#define SAME_ARRAY(a, b, n) g_assert_cmpmem ((a), (n) * sizeof *(a), (b), (n) * sizeof *(b))

static void
assert_same_matcher (PrecisMatcher *a,
                     PrecisMatcher *b)
{
  const PrecisMatches *x = precis_matcher_get_matches (a);
  const PrecisMatches *y = precis_matcher_get_matches (b);
  guint n_tables = precis_matcher_get_n_tables (a);

  g_assert_cmpuint (precis_matcher_get_n_tables (b), ==, n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      const PrecisIouTable *ta = precis_matcher_get_table (a, t);
      const PrecisIouTable *tb = precis_matcher_get_table (b, t);

      g_assert_cmpuint (ta->image, ==, tb->image);
      g_assert_cmpuint (ta->category, ==, tb->category);
      g_assert_cmpuint (ta->dt_start, ==, tb->dt_start);
      g_assert_cmpuint (ta->n_dt, ==, tb->n_dt);
      g_assert_cmpuint (ta->gt_start, ==, tb->gt_start);
      g_assert_cmpuint (ta->n_gt, ==, tb->n_gt);
      SAME_ARRAY (ta->iou, tb->iou, (gsize)ta->n_dt * ta->n_gt);
    }
  g_assert_cmpuint (x->n_predictions, ==, y->n_predictions);
  g_assert_cmpuint (x->n_gt, ==, y->n_gt);
  SAME_ARRAY (x->candidate, y->candidate, x->n_predictions);
  SAME_ARRAY (x->iou, y->iou, x->n_predictions);
  SAME_ARRAY (x->d, y->d, x->n_predictions);
  SAME_ARRAY (x->crowd, y->crowd, x->n_predictions);
  SAME_ARRAY (x->tau, y->tau, x->n_gt);
  SAME_ARRAY (x->chain_start, y->chain_start, x->n_gt + 1);
  SAME_ARRAY (x->chain, y->chain, x->chain_start[x->n_gt]);
  SAME_ARRAY (x->class_order, y->class_order, x->n_predictions);
  SAME_ARRAY (x->score_order, y->score_order, x->n_predictions);
}

static char *
coco_json (PrecisMatcher *matcher)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisCocoEval) eval = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  PrecisCocoParams params;

  precis_coco_params_init (&params, precis_matcher_get_iou_type (matcher));
  eval = precis_cocoeval_new (matcher, &params, NULL, &error);
  g_assert_no_error (error);
  root = precis_cocoeval_to_json (eval);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static void
check_core_merge (const char    *gt,
                  const char    *pred,
                  PrecisIouType  type)
{
  const char *preds[1] = { pred };
  g_autoptr(PrecisDataset) ds = load_files (gt, preds, 1);
  g_autoptr(PrecisMatcher) whole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *whole_json = NULL;

  whole = precis_matcher_new (ds, 0, type, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  whole_json = coco_json (whole);

  for (guint c = 0; c < G_N_ELEMENTS (shard_counts); c++)
    {
      guint n = shard_counts[c];
      g_autoptr(GPtrArray) partials = g_ptr_array_new_with_free_func ((GDestroyNotify)precis_partial_free);
      g_autoptr(PrecisMatcher) merged = NULL;
      g_autofree char *merged_json = NULL;

      /* Written and read in reverse order: merge must not depend on it. */
      for (guint i = n; i-- > 0;)
        {
          g_autofree char *name = g_strdup_printf ("shard-%u-of-%u", i, n);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GVariant) options = g_variant_ref_sink (g_variant_new ("a{sv}", NULL));
          PrecisPartial *p;

          g_assert_true (precis_shard_write (ds, 0, type, i, n, options, path, FALSE, &error));
          g_assert_no_error (error);
          p = precis_partial_read (path, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (precis_partial_get_index (p), ==, i);
          g_assert_cmpuint (precis_partial_get_count (p), ==, n);
          g_ptr_array_add (partials, p);
        }
      merged = precis_shard_merge (ds, 0, type, (PrecisPartial * const *)partials->pdata, n, &error);
      g_assert_no_error (error);
      assert_same_matcher (whole, merged);
      merged_json = coco_json (merged);
      assert_same_text ("cocoeval JSON of the merged matcher", merged_json, whole_json);
    }
  remove_dir (dir);
}

static void
test_core_bbox_segm (void)
{
  const char *gt = data_path ("real/coco2014-cocoapi100", "gt.json");

  check_core_merge (gt, data_path ("real/coco2014-cocoapi100", "predictions_bbox.json"), PRECIS_IOU_BBOX);
  check_core_merge (gt, data_path ("real/coco2014-cocoapi100", "predictions_segm.json"), PRECIS_IOU_SEGM);
}

static void
test_core_keypoints_polyline (void)
{
  check_core_merge (data_path ("real/coco2017-mmpose4", "gt.json"),
                    data_path ("real/coco2017-mmpose4", "predictions.json"), PRECIS_IOU_KEYPOINTS);
  check_core_merge (data_path ("derived", "polyline-gt.json"),
                    data_path ("derived", "polyline-results.json"), PRECIS_IOU_POLYLINE);
  check_core_merge (data_path ("cocoeval/ties-crowd", "gt.json"),
                    data_path ("cocoeval/ties-crowd", "predictions.json"), PRECIS_IOU_BBOX);
}

static void
test_shard_parse (void)
{
  guint i = 99, n = 99;

  g_assert_true (precis_shard_parse ("0/1", &i, &n));
  g_assert_cmpuint (i, ==, 0);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (precis_shard_parse ("6/7", &i, &n));
  g_assert_cmpuint (i, ==, 6);
  g_assert_cmpuint (n, ==, 7);
  g_assert_false (precis_shard_parse ("7/7", &i, &n));
  g_assert_false (precis_shard_parse ("0/0", &i, &n));
  g_assert_false (precis_shard_parse ("1", &i, &n));
  g_assert_false (precis_shard_parse ("-1/3", &i, &n));
  g_assert_false (precis_shard_parse ("1/3/4", &i, &n));
  g_assert_false (precis_shard_parse ("a/3", &i, &n));
  /* SEMANTICS.md §12: position modulo n. */
  g_assert_true (precis_shard_has_image (9, 2, 7));
  g_assert_false (precis_shard_has_image (9, 1, 7));
}

/* ------------------------------------------------------------------------ */
/* CLI: merge --json is eval --json, byte for byte. */

static char *
run_ok (GPtrArray *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (args, NULL);
  g_assert_cmpint (run_cli ((const char * const *)args->pdata, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  return g_steal_pointer (&out);
}

static GPtrArray *
args_new (const char         *command,
          const char         *project,
          const char * const *options)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup (command));
  if (project != NULL)
    g_ptr_array_add (args, g_strdup (project));
  for (guint k = 0; options != NULL && options[k] != NULL; k++)
    g_ptr_array_add (args, g_strdup (options[k]));
  return args;
}

/* Writes the @n partials of `eval PROJECT OPTIONS` into @dir; returns their paths. */
static GPtrArray *
write_partials (const char         *dir,
                const char         *project,
                const char * const *options,
                guint               n)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) args = args_new ("eval", project, options);
      g_autofree char *out = NULL;
      char *path = g_strdup_printf ("%s/p-%u-of-%u.partial", dir, i, n);

      g_ptr_array_add (args, g_strdup ("--shard"));
      g_ptr_array_add (args, g_strdup_printf ("%u/%u", i, n));
      g_ptr_array_add (args, g_strdup ("--partial"));
      g_ptr_array_add (args, g_strdup (path));
      g_ptr_array_add (args, g_strdup ("--force"));
      out = run_ok (args);
      g_assert_cmpstr (out, ==, "");
      g_ptr_array_add (paths, path);
    }
  return paths;
}

static char *
merge_ok (GPtrArray *paths,
          gboolean   json)
{
  g_autoptr(GPtrArray) args = args_new ("merge", NULL, NULL);

  /* Given last to first: the order of the files does not matter. */
  for (guint i = paths->len; i-- > 0;)
    g_ptr_array_add (args, g_strdup (paths->pdata[i]));
  if (json)
    g_ptr_array_add (args, g_strdup ("--json"));
  return run_ok (args);
}

static void
check_cli_merge (const char         *project,
                 const char * const *options,
                 const guint        *counts,
                 guint               n_counts)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GPtrArray) eval_args = args_new ("eval", project, options);
  g_autofree char *whole = NULL;

  g_ptr_array_add (eval_args, g_strdup ("--json"));
  whole = run_ok (eval_args);
  g_assert_cmpuint (strlen (whole), >, 1000);

  for (guint c = 0; c < n_counts; c++)
    {
      g_autoptr(GPtrArray) paths = write_partials (dir, project, options, counts[c]);
      g_autofree char *merged = merge_ok (paths, TRUE);

      assert_same_text ("merge --json", merged, whole);
      if (c == 0)
        {
          /* The table too is eval's. */
          g_autoptr(GPtrArray) table_args = args_new ("eval", project, options);
          g_autofree char *table = run_ok (table_args);
          g_autofree char *merged_table = merge_ok (paths, FALSE);

          assert_same_text ("merge", merged_table, table);
        }
    }
  remove_dir (dir);
}

static void
test_cli_active (void)
{
  const char *bbox[] = { "--model", "bbox", NULL };
  const char *segm[] = { "--model", "segm", "--iou-type", "segm", NULL };
  const char *options[] = { "--iou", "0.75", "--confidence", "0.2", "--area-range", "medium",
                            "--classes", "person,dog,car", NULL };
  const char *voc[] = { "--iou", "0.3", NULL };

  /* Every N on one configuration, one N on the others (the core tests above
   * cover every N and IoU type in-process; these runs are spawned, under
   * valgrind in its pass). */
  check_cli_merge (real_path ("coco2014-cocoapi100"), bbox, shard_counts, G_N_ELEMENTS (shard_counts));
  check_cli_merge (real_path ("coco2014-cocoapi100"), segm, shard_counts + 2, 1);
  check_cli_merge (real_path ("coco2014-cocoapi100"), options, shard_counts + 2, 1);
  check_cli_merge (real_path ("voc2012-rodm"), voc, shard_counts + 1, 1);
}

static void
test_cli_coco (void)
{
  const char *bbox[] = { "--protocol", "coco", "--model", "bbox", NULL };
  const char *segm[] = { "--protocol", "coco", "--model", "segm", "--iou-type", "segm", NULL };
  const char *classes[] = { "--protocol", "coco", "--classes", "person,dog,car", NULL };
  const char *kpt[] = { "--protocol", "coco", NULL };

  check_cli_merge (real_path ("coco2014-cocoapi100"), segm, shard_counts, G_N_ELEMENTS (shard_counts));
  check_cli_merge (real_path ("coco2014-cocoapi100"), bbox, shard_counts + 1, 1);
  check_cli_merge (real_path ("coco2014-cocoapi100"), classes, shard_counts + 2, 1);
  check_cli_merge (real_path ("coco2017-mmpose4"), kpt, shard_counts + 1, 1);
}

/* ------------------------------------------------------------------------ */
/* CLI: partials that do not belong together. */

static void
merge_fails (const char * const *files,
             const char         *expected)
{
  g_autoptr(GPtrArray) args = args_new ("merge", NULL, files);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (args, g_strdup ("--json"));
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (run_cli ((const char * const *)args->pdata, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected);
}

static char *
copy_truncated (const char *dir,
                const char *from,
                gsize       keep)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  char *path = g_build_filename (dir, "truncated.partial", NULL);
  gsize size;

  g_file_get_contents (from, &data, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, keep);
  g_file_set_contents (path, data, keep, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_cli_refusals (void)
{
  const char *bbox[] = { "--model", "bbox", NULL };
  const char *iou[] = { "--model", "bbox", "--iou", "0.6", NULL };
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GPtrArray) p = write_partials (dir, real_path ("coco2014-cocoapi100"), bbox, 3);
  g_autofree char *other_dir = g_build_filename (dir, "other", NULL);
  g_autofree char *iou_dir = g_build_filename (dir, "iou", NULL);
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) other_iou = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char **f = (char **)p->pdata;

  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (iou_dir, 0700), ==, 0);
  other = write_partials (other_dir, real_path ("voc2012-rodm"), NULL, 3);
  other_iou = write_partials (iou_dir, real_path ("coco2014-cocoapi100"), iou, 3);

  /* A missing shard. */
  merge_fails ((const char *[]) { f[0], f[2], NULL },
               (msg = g_strdup_printf ("precis-cli: shard 1/3 is missing: 2 of 3 partials given (first %s)\n", f[0])));
  g_clear_pointer (&msg, g_free);
  /* One shard twice. */
  merge_fails ((const char *[]) { f[0], f[1], f[2], f[1], NULL },
               (msg = g_strdup_printf ("precis-cli: %s: shard 1/3 is given twice (also %s)\n", f[1], f[1])));
  g_clear_pointer (&msg, g_free);
  /* Another project. */
  merge_fails ((const char *[]) { f[0], ((char **)other->pdata)[1], f[2], NULL },
               (msg = g_strdup_printf ("precis-cli: %s: the inputs’ fingerprint (GT, results, model, IoU type) "
                                       "differs from %s’s: the partials are not of one evaluation\n",
                                       (char *)other->pdata[1], f[0])));
  g_clear_pointer (&msg, g_free);
  /* Other options. */
  merge_fails ((const char *[]) { f[0], f[1], ((char **)other_iou->pdata)[2], NULL },
               (msg = g_strdup_printf ("precis-cli: %s: option “iou” differs from %s’s: the partials are "
                                       "not of one evaluation\n", (char *)other_iou->pdata[2], f[0])));
  g_clear_pointer (&msg, g_free);
  /* Another shard count. */
  two = write_partials (dir, real_path ("coco2014-cocoapi100"), bbox, 2);
  merge_fails ((const char *[]) { f[0], ((char **)two->pdata)[1], NULL },
               (msg = g_strdup_printf ("precis-cli: %s: shard 1/2, but %s is of 3 shards\n",
                                       (char *)two->pdata[1], f[0])));
  g_clear_pointer (&msg, g_free);
  /* A truncated file: past the header, and within it. */
  truncated = copy_truncated (dir, f[1], 200);
  merge_fails ((const char *[]) { f[0], truncated, f[2], NULL },
               (msg = g_strdup_printf ("precis-cli: %s: truncated or corrupted: the checksum does not match\n",
                                       truncated)));
  g_clear_pointer (&msg, g_free);
  g_free (copy_truncated (dir, f[1], 20));
  merge_fails ((const char *[]) { f[0], truncated, f[2], NULL },
               (msg = g_strdup_printf ("precis-cli: %s: truncated: the header is incomplete\n", truncated)));
  g_clear_pointer (&msg, g_free);
  /* Not a partial at all. */
  merge_fails ((const char *[]) { real_path ("coco2014-cocoapi100/gt.json"), NULL },
               (msg = g_strdup_printf ("precis-cli: %s: not a Precis partial result (precis-cli eval --partial)\n",
                                       real_path ("coco2014-cocoapi100/gt.json"))));
  g_clear_pointer (&msg, g_free);

  /* eval refuses to replace a partial without --force. */
  g_assert_cmpint (run_cli_v (&out, &err, "eval", real_path ("coco2014-cocoapi100"), "--shard", "0/3",
                              "--partial", f[0], NULL), ==, 1);
  msg = g_strdup_printf ("precis-cli: %s: the file exists (use --force to replace it)\n", f[0]);
  g_assert_cmpstr (err, ==, msg);
  g_assert_cmpint (run_cli_v (&out, &err, "eval", real_path ("coco2014-cocoapi100"), "--shard", "3/3",
                              "--partial", f[0], NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--shard: must be I/N with 0 ≤ I < N"));
  g_assert_cmpint (run_cli_v (&out, &err, "eval", real_path ("coco2014-cocoapi100"), "--shard", "0/3", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--shard and --partial go together"));
  g_assert_cmpint (run_cli_v (&out, &err, "merge", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "missing PARTIAL files"));
  remove_dir (other_dir);
  remove_dir (iou_dir);
  remove_dir (dir);
}

/* Writes a partial with a valid checksum around @body (crafted, not by eval). */
static void
write_crafted (const char *path,
               GVariant   *body,
               guint32     version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize size = g_variant_get_size (body), digest_len = 32;
  g_autofree char *data = g_malloc0 (48 + size);
  guint32 le = GUINT32_TO_LE (version);

  memcpy (data, "PRECISSH", 8);
  memcpy (data + 8, &le, 4);
  data[12] = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 'l' : 'B';
  g_variant_store (body, data + 48);
  g_checksum_update (sum, (const guint8 *)data + 48, size);
  g_checksum_get_digest (sum, (guint8 *)data + 16, &digest_len);
  g_file_set_contents (path, data, 48 + size, &error);
  g_assert_no_error (error);
}

static void
read_fails (const char *path,
            const char *problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PrecisPartial) p = precis_partial_read (path, &error);
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, problem);

  g_assert_null (p);
  g_assert_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Well-formed files (valid checksum) whose contents are wrong: refused, never trusted. */
static void
test_crafted (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "crafted.partial", NULL);
  const guint32 inside[6] = { 2, 0, 0, 1, 0, 1 }, outside[6] = { 1, 0, 0, 1, 0, 1 };
  const double one = 1.0, two[2] = { 1.0, 0.5 };
  struct { const guint32 *row; guint n_rows; const double *values; guint n_values; guint index, count;
           const char *problem; } cases[] = {
    { inside, 1, &one, 1, 0, 2, NULL },
    { outside, 1, &one, 1, 0, 2, "a table of an image outside its shard" },
    { inside, 1, two, 2, 0, 2, "the IoU values do not fill the tables" },
    { inside, 1, &one, 1, 2, 2, "a shard index outside its count" },
    { inside, 1, &one, 1, 0, 0, "a shard index outside its count" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GVariant) body = NULL;
      GVariant *children[6];

      children[0] = g_variant_new_uint32 (cases[k].index);
      children[1] = g_variant_new_uint32 (cases[k].count);
      children[2] = g_variant_new_string ("0");
      children[3] = g_variant_new ("a{sv}", NULL);
      children[4] = g_variant_new_fixed_array (G_VARIANT_TYPE ("(uuuuuu)"), cases[k].row, cases[k].n_rows,
                                               6 * sizeof (guint32));
      children[5] = g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, cases[k].values, cases[k].n_values,
                                               sizeof (double));
      body = g_variant_ref_sink (g_variant_new_tuple (children, 6));
      write_crafted (path, body, PRECIS_PARTIAL_VERSION);
      if (cases[k].problem == NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PrecisPartial) p = precis_partial_read (path, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (precis_partial_get_count (p), ==, 2);
        }
      else
        read_fails (path, cases[k].problem);
    }

  /* A huge shard count: one partial of it is incomplete, found without an
   * array of that size. */
  {
    g_autoptr(GVariant) body = NULL;
    g_autoptr(PrecisPartial) p = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *expected = NULL;
    GVariant *children[6] = {
      g_variant_new_uint32 (0), g_variant_new_uint32 (G_MAXUINT32), g_variant_new_string ("0"),
      g_variant_new ("a{sv}", NULL),
      g_variant_new_fixed_array (G_VARIANT_TYPE ("(uuuuuu)"), NULL, 0, 6 * sizeof (guint32)),
      g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, NULL, 0, sizeof (double)),
    };

    body = g_variant_ref_sink (g_variant_new_tuple (children, 6));
    write_crafted (path, body, PRECIS_PARTIAL_VERSION);
    p = precis_partial_read (path, &error);
    g_assert_no_error (error);
    g_assert_false (precis_partials_check (&p, 1, &error));
    g_assert_error (error, PRECIS_SHARD_ERROR, PRECIS_SHARD_ERROR_INCOMPLETE);
    expected = g_strdup_printf ("shard 1/4294967295 is missing: 1 of 4294967295 partials given (first %s)", path);
    g_assert_cmpstr (error->message, ==, expected);
  }

  /* Another version: refused before its body is read. */
  {
    g_autoptr(GVariant) body = g_variant_ref_sink (g_variant_new_string ("a future body"));

    write_crafted (path, body, PRECIS_PARTIAL_VERSION + 1);
    read_fails (path, "partial format version 2; this precis-cli reads version 1");
    /* The right version with the wrong body type. */
    write_crafted (path, body, PRECIS_PARTIAL_VERSION);
    read_fails (path, "the contents are not a partial result");
  }
  remove_dir (dir);
}

/* A results file that changed after the shards ran: merge refuses. */
static void
test_cli_inputs_changed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *project = g_build_filename (dir, "project", NULL);
  g_autofree char *parts = g_build_filename (dir, "parts", NULL);
  g_autofree char *gt = NULL;
  g_autofree char *pred = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) p = NULL;
  gsize n;

  g_assert_cmpint (g_mkdir (project, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (parts, 0700), ==, 0);
  g_file_get_contents (data_path ("real/voc2012-rodm", "gt.json"), &gt, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (data_path ("real/voc2012-rodm", "predictions.json"), &pred, &n, &error);
  g_assert_no_error (error);
  write_file (project, "gt.json", gt);
  write_file (project, "predictions.json", pred);
  p = write_partials (parts, project, NULL, 2);
  /* The same JSON with one more space: other bytes, other fingerprint. */
  g_free (pred);
  g_file_get_contents (data_path ("real/voc2012-rodm", "predictions.json"), &pred, &n, &error);
  g_assert_no_error (error);
  {
    g_autofree char *changed = g_strconcat (pred, " ", NULL);

    write_file (project, "predictions.json", changed);
  }
  g_assert_cmpint (run_cli_v (&out, &err, "merge", (char *)p->pdata[0], (char *)p->pdata[1], NULL), ==, 1);
  msg = g_strdup_printf ("precis-cli: %s: written from other inputs than the project’s files now hold "
                         "(their fingerprint changed)\n", (char *)p->pdata[0]);
  g_assert_cmpstr (err, ==, msg);
  g_assert_cmpstr (out, ==, "");
  remove_dir (project);
  remove_dir (parts);
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shards/parse", test_shard_parse);
  g_test_add_func ("/shards/core/bbox-segm", test_core_bbox_segm);
  g_test_add_func ("/shards/core/keypoints-polyline-crowd", test_core_keypoints_polyline);
  g_test_add_func ("/shards/cli/active", test_cli_active);
  g_test_add_func ("/shards/cli/coco", test_cli_coco);
  g_test_add_func ("/shards/cli/refusals", test_cli_refusals);
  g_test_add_func ("/shards/crafted", test_crafted);
  g_test_add_func ("/shards/cli/inputs-changed", test_cli_inputs_changed);

  return g_test_run ();
}

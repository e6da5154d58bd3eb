/* test-cli-compare.c: precis-cli compare against precis-cli eval, the bootstrap, exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "precis-test-cli.h"

static const char *
project_path (void)
{
  return g_test_get_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", NULL);
}

static const char *
real_file (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", "real", "coco2014-cocoapi100", name, NULL);
}

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

/* Runs precis-cli with @args (NULL-terminated), expects status 0, parses stdout. */
static JsonNode *
run_json (GPtrArray *args)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (args, NULL);
  g_assert_cmpint (run_cli ((const char * const *) args->pdata, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
add_args (GPtrArray          *args,
          const char * const *extra)
{
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
}

/* Every member of `eval --json --model M` is in compare's entry for M with the
 * same text; the Δs are model − baseline of the entries' own values. */
static void
check_against_eval (const char * const *options,
                    gboolean            coco)
{
  g_autoptr(GPtrArray) cargs = g_ptr_array_new ();
  g_autoptr(JsonNode) croot = NULL;
  const char *models[] = { "bbox", "segm" };
  JsonArray *entries;
  JsonObject *base;
  guint n_members = 0;

  g_ptr_array_add (cargs, (gpointer) "compare");
  g_ptr_array_add (cargs, (gpointer) project_path ());
  g_ptr_array_add (cargs, (gpointer) "--json");
  add_args (cargs, options);
  croot = run_json (cargs);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (croot), "baseline"), ==, "bbox");
  entries = json_object_get_array_member (json_node_get_object (croot), "models");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  base = json_array_get_object_element (entries, 0);

  for (guint m = 0; m < 2; m++)
    {
      g_autoptr(GPtrArray) eargs = g_ptr_array_new ();
      g_autoptr(JsonNode) eroot = NULL;
      JsonObject *eval, *entry = json_array_get_object_element (entries, m);
      JsonObject *delta = json_object_get_object_member (entry, "delta");
      GList *members;

      g_ptr_array_add (eargs, (gpointer) "eval");
      g_ptr_array_add (eargs, (gpointer) project_path ());
      g_ptr_array_add (eargs, (gpointer) "--json");
      g_ptr_array_add (eargs, (gpointer) "--model");
      g_ptr_array_add (eargs, (gpointer) models[m]);
      add_args (eargs, options);
      eroot = run_json (eargs);
      eval = json_node_get_object (eroot);

      members = json_object_get_members (eval);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *a = node_text (json_object_get_member (eval, l->data));
          JsonNode *other = json_object_get_member (entry, l->data);
          g_autofree char *b = NULL;

          g_assert_nonnull (other);
          b = node_text (other);
          g_assert_cmpstr (a, ==, b);
          n_members++;
        }
      g_list_free (members);

      if (coco)
        {
          JsonObject *stats = json_object_get_object_member (entry, "stats");
          JsonObject *base_stats = json_object_get_object_member (base, "stats");

          g_assert_cmpfloat (json_object_get_double_member (delta, "AP"), ==,
                             json_object_get_double_member (stats, "AP") - json_object_get_double_member (base_stats, "AP"));
          g_assert_cmpuint (json_object_get_size (delta), ==, 12);
        }
      else
        {
          const char *names[] = { "mAP", "mAR", "mean_F1" };

          for (guint s = 0; s < G_N_ELEMENTS (names); s++)
            g_assert_cmpfloat (json_object_get_double_member (delta, names[s]), ==,
                               json_object_get_double_member (entry, names[s]) - json_object_get_double_member (base, names[s]));
          g_assert_cmpint (json_object_get_int_member (delta, "TP"), ==,
                           json_object_get_int_member (json_object_get_object_member (entry, "sums"), "TP") -
                           json_object_get_int_member (json_object_get_object_member (base, "sums"), "TP"));
        }
    }
  g_assert_cmpuint (n_members, >, 10);
}

static void
test_json_is_eval (void)
{
  const char *plain[] = { NULL };
  const char *params[] = { "--iou", "0.65", "--confidence", "0.2", "--classes", "person,car,1,dog,62", NULL };
  const char *segm_coco[] = { "--protocol", "coco", "--iou-type", "bbox", NULL };
  const char *coco_classes[] = { "--protocol", "coco", "--classes", "person,car", NULL };

  check_against_eval (plain, FALSE);
  check_against_eval (params, FALSE);
  check_against_eval (segm_coco, TRUE);
  check_against_eval (coco_classes, TRUE);
}

/* The segm results against an identical copy: Δ = 0, the interval [0, 0],
 * no image where they differ. */
static void
test_identical_copy (void)
{
  g_autofree char *a = g_strconcat ("a=", real_file ("predictions_segm.json"), NULL);
  g_autofree char *b = g_strconcat ("b=", real_file ("predictions_segm.json"), NULL);
  g_autofree char *c = g_strconcat ("c=", real_file ("predictions_bbox.json"), NULL);
  const char *opts[] = { "compare", "--gt", real_file ("gt.json"), "--pred", a, "--pred", b, "--pred", c,
                         "--bootstrap", "300", "--differ", "--json", NULL };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *entries;
  JsonObject *copy, *other;
  const char *names[] = { "mAP", "mAR", "mean_F1" };

  add_args (args, opts);
  root = run_json (args);
  entries = json_object_get_array_member (json_node_get_object (root), "models");
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  copy = json_array_get_object_element (entries, 1);
  other = json_array_get_object_element (entries, 2);
  g_assert_cmpstr (json_object_get_string_member (copy, "model"), ==, "b");

  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    {
      JsonArray *ci = json_object_get_array_member (json_object_get_object_member (copy, "ci95"), names[s]);

      g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (copy, "delta"), names[s]), ==, 0);
      g_assert_cmpuint (json_array_get_length (ci), ==, 2);
      g_assert_cmpfloat (json_array_get_double_element (ci, 0), ==, 0);
      g_assert_cmpfloat (json_array_get_double_element (ci, 1), ==, 0);
      g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (copy, "p_better"), names[s]), ==, 0);
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (copy, "differ")), ==, 0);

  /* The bbox results win one GT (image 486: one TP more, one FP fewer;
   * `precis-cli eval --json` gives TP 649 vs 648 at t = 0.5). */
  {
    JsonArray *differ = json_object_get_array_member (other, "differ");
    JsonObject *img;

    g_assert_cmpuint (json_array_get_length (differ), ==, 1);
    img = json_array_get_object_element (differ, 0);
    g_assert_cmpint (json_object_get_int_member (img, "image_id"), ==, 486);
    g_assert_cmpint (json_object_get_int_member (img, "won"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (img, "lost"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (img, "extra_fp"), ==, -1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (other, "delta"), "TP"), ==, 1);
  }
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (root), "bootstrap"),
                                               "resamples"), ==, 300);
}

static char *
run_text (const char * const *args,
          int                 status)
{
  g_autofree char *err = NULL;
  char *out = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, status);
  return out;
}

static void
test_bootstrap_seed (void)
{
  g_autofree char *c = g_strconcat ("c=", real_file ("predictions_segm.json"), NULL);
  g_autofree char *d = g_strconcat ("d=", real_file ("predictions_bbox.json"), NULL);
  const char *five[] = { "compare", "--gt", real_file ("gt.json"), "--pred", c, "--pred", d,
                         "--bootstrap", "400", "--seed", "5", "--json", NULL };
  const char *six[] = { "compare", "--gt", real_file ("gt.json"), "--pred", c, "--pred", d,
                        "--bootstrap", "400", "--seed", "6", "--json", NULL };
  g_autofree char *a = run_text (five, 0);
  g_autofree char *b = run_text (five, 0);
  g_autofree char *other = run_text (six, 0);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, other);
  g_assert_nonnull (strstr (a, "\"ci95\""));
  g_assert_nonnull (strstr (a, "\"p_better\""));
}

static void
test_table (void)
{
  const char *args[] = { "compare", project_path (), "--baseline", "segm", "--bootstrap", "100", NULL };
  const char *coco[] = { "compare", project_path (), "--protocol", "coco", NULL };
  g_autofree char *out = run_text (args, 0);
  g_autofree char *coco_out = run_text (coco, 0);

  g_assert_nonnull (strstr (out, "baseline segm"));
  g_assert_nonnull (strstr (out, "Δbbox"));
  g_assert_nonnull (strstr (out, "mAP "));
  g_assert_nonnull (strstr (out, "bbox − segm: ΔmAP 95 % interval"));
  g_assert_nonnull (strstr (coco_out, "AP50"));
  g_assert_nonnull (strstr (coco_out, "ARl"));
  g_assert_nonnull (strstr (coco_out, "Δsegm"));
}

static void
test_usage (void)
{
  const char *coco_boot[] = { "compare", project_path (), "--protocol", "coco", "--bootstrap", "10", NULL };
  const char *no_model[] = { "compare", project_path (), "--models", "bbox,nope", NULL };
  const char *twice[] = { "compare", project_path (), "--models", "bbox,bbox", NULL };
  const char *bad_base[] = { "compare", project_path (), "--models", "bbox", "--baseline", "segm", NULL };
  const char *no_project[] = { "compare", NULL };
  const char *missing[] = { "compare", "/nonexistent/project", NULL };
  g_autofree char *a = run_text (coco_boot, 2);
  g_autofree char *b = run_text (no_model, 2);
  g_autofree char *c = run_text (twice, 2);
  g_autofree char *d = run_text (bad_base, 2);
  g_autofree char *e = run_text (no_project, 2);
  g_autofree char *f = run_text (missing, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/compare/json-is-eval", test_json_is_eval);
  g_test_add_func ("/cli/compare/identical-copy", test_identical_copy);
  g_test_add_func ("/cli/compare/bootstrap-seed", test_bootstrap_seed);
  g_test_add_func ("/cli/compare/table", test_table);
  g_test_add_func ("/cli/compare/usage", test_usage);

  return g_test_run ();
}

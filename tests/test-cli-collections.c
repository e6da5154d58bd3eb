/* test-cli-collections.c: precis-cli collection, tag and eval --collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real binary on the hand fixture of precis-test-collections.h
 * (expected images from its table) and on tests/data/real/cartucho-map.
 * Every command that fails must leave the project file byte for byte as it
 * was.
 */

#include "config.h"

#include "precis-test-cli.h"
#include "precis-test-collections.h"

static const char damaged_json_cli[] =
  PROJECT_HEAD
  "  \"collections\": {\"version\": 1, \"items\": ["
  "{\"name\": \"good\", \"kind\": \"frozen\", \"images\": [1]},"
  "{\"name\": \"bad kind\", \"kind\": \"smart\"},"
  "{\"name\": \"bad id\", \"kind\": \"frozen\", \"images\": [1, \"two\"]}],"
  " \"tags\": {\"broken\": {\"id\": 1}}}\n}\n";

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Runs a command that must fail with @status and a message holding @needle,
 * and checks the project file did not change. */
#define assert_fails(f, status, needle, ...) G_STMT_START {                    \
    g_autofree char *before_ = read_file ((f)->project_path);                \
    g_autofree char *after_ = NULL;                                          \
    g_autofree char *out_ = NULL, *err_ = NULL;                              \
    g_assert_cmpint (run_cli_v (&out_, &err_, __VA_ARGS__, NULL), ==, status); \
    if (strstr (err_, needle) == NULL)                                       \
      g_error ("stderr lacks “%s”: %s", needle, err_);                       \
    after_ = read_file ((f)->project_path);                                  \
    g_assert_cmpstr (after_, ==, before_);                                   \
  } G_STMT_END

static void
test_create_list_delete (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *p = f->project_path;

  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "dog fp", "--classes", "dog",
                              "--outcome", "fp", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created collection “dog fp” (filter, 1 image)\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "fp at 0.7", "--frozen", "--iou", "0.7",
                              "--outcome", "fp", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created collection “fp at 0.7” (frozen, 3 images)\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "picked", "--images", "5,1", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created collection “picked” (frozen, 2 images)\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "m2 hits", "--model", "m2",
                              "--outcome", "tp", "--confidence", "0.9", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created collection “m2 hits” (filter, 1 image)\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "loc", "--error", "loc", "--iou", "0.7", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created collection “loc” (filter, 1 image)\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "small", "--metric", "area", "--range", "0:80", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created collection “small” (filter, 1 image)\n");

  /* "hand" holds 99, which no image has: a warning, on stderr. */
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "list", p, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "misses\tfilter\t2\nhand\tfrozen\t2\ndog fp\tfilter\t1\n"
                            "fp at 0.7\tfrozen\t3\npicked\tfrozen\t2\nm2 hits\tfilter\t1\nloc\tfilter\t1\n"
                            "small\tfilter\t1\n");
  g_assert_nonnull (strstr (err, "collection “hand”: 1 image id is not in the project: 99"));
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "list", p, "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) root = parse_text (out);
    JsonArray *a = json_node_get_array (root);
    JsonNode *row = json_array_get_element (a, 3);

    g_assert_cmpuint (json_array_get_length (a), ==, 8);
    g_assert_cmpstr (json_node_get_string (member (row, "name")), ==, "fp at 0.7");
    g_assert_cmpstr (json_node_get_string (member (row, "kind")), ==, "frozen");
    g_assert_cmpint (json_node_get_int (member (row, "images")), ==, 3);
  }

  g_assert_cmpint (run_cli_v (&out, &err, "collection", "delete", p, "misses", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Deleted collection “misses”\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "list", p, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "hand\tfrozen\t2\ndog fp\t"));

  /* The file keeps the members Precis does not know. */
  {
    g_autofree char *text = read_file (p);
    g_autoptr(JsonNode) root = parse_text (text);
    g_autoptr(JsonNode) original = parse_text (project_json);

    g_assert_cmpstr (json_node_get_string (member (root, "notes")), ==, "a member Precis does not know");
    g_assert_true (json_node_equal (member (member (root, "collections"), "future"),
                                    member (member (original, "collections"), "future")));
  }
}

static void
test_errors_keep_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = g_strdup (f->dir);
  const char *p = f->project_path;

  assert_fails (f, 1, "a collection “hand” exists", "collection", "create", p, "hand", "--outcome", "tp");
  assert_fails (f, 1, "no class “horse”", "collection", "create", p, "x", "--classes", "horse");
  assert_fails (f, 1, "no model named “nope”", "collection", "create", p, "x", "--model", "nope");
  assert_fails (f, 1, "the project has no image 999", "collection", "create", p, "x", "--images", "1,999");
  assert_fails (f, 2, "--images: must be image ids", "collection", "create", p, "x", "--images", "1,two");
  assert_fails (f, 2, "give no filter options", "collection", "create", p, "x", "--images", "1", "--outcome", "fp");
  assert_fails (f, 2, "--outcome: must be tp, fp or fn", "collection", "create", p, "x", "--outcome", "tn");
  assert_fails (f, 2, "--error: must be cls, loc", "collection", "create", p, "x", "--error", "Cls");
  assert_fails (f, 2, "give --metric and --range together", "collection", "create", p, "x", "--metric", "area");
  assert_fails (f, 2, "--range: must be LO:HI", "collection", "create", p, "x", "--metric", "area", "--range", "9:1");
  assert_fails (f, 1, "no metric named “weight”", "collection", "create", p, "x", "--metric", "weight", "--range", "0:1");
  assert_fails (f, 2, "--iou: must lie between 0 and 1", "collection", "create", p, "x", "--iou", "2");
  assert_fails (f, 1, "a collection name must not be empty", "collection", "create", p, "");
  assert_fails (f, 2, "PROJECT must be a project file", "collection", "create", folder, "x");
  assert_fails (f, 2, "the first argument must be", "collection", "rename", p, "x");
  assert_fails (f, 2, "give PROJECT and NAME", "collection", "delete", p);
  assert_fails (f, 2, "apply to create only", "collection", "delete", p, "hand", "--frozen");
  assert_fails (f, 2, "apply to export only", "collection", "create", p, "x", "--force");
  assert_fails (f, 1, "no collection named “nope”", "collection", "delete", p, "nope");
  assert_fails (f, 1, "the project has no image 42", "tag", p, "night", "--images", "1,42");
  assert_fails (f, 2, "--images: must be image ids", "tag", p, "night");
  assert_fails (f, 1, "no collection named “nope”", "eval", p, "--collection", "nope");
  assert_fails (f, 2, "export needs --format", "collection", "export", p, "hand", "--out", folder);
}

static void
test_tag (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *p = f->project_path;

  g_assert_cmpint (run_cli_v (&out, &err, "tag", p, "night", "--images", "1,2", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Tagged 1 image with “night”\n");
  g_assert_cmpint (run_cli_v (&out, &err, "tag", p, "day", "--images", "4,5", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Tagged 2 images with “day”\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "night fp", "--tag", "night",
                              "--outcome", "fp", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created collection “night fp” (filter, 1 image)\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "night", "--tag", "night", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Created collection “night” (filter, 3 images)\n");
  g_assert_cmpint (run_cli_v (&out, &err, "tag", p, "night", "--images", "1,3,7", "--remove", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Removed tag “night” from 2 images\n");
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "list", p, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nnight\tfilter\t1\n"));
  g_assert_nonnull (strstr (out, "\nnight fp\tfilter\t0\n"));
  fixture_load (f);
  g_assert_cmpuint (precis_collections_get_tag (f->collections, "night")->len, ==, 2);   /* 2 and 99 */
  g_assert_cmpuint (precis_collections_get_tag (f->collections, "day")->len, ==, 2);
}

/* A damaged entry: warned about with its JSON path, kept when writing. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *text = NULL;
  const char *p = f->project_path;

  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", p, "all", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning: project.json: collections.items[1].kind: expected \"filter\" or \"frozen\""));
  g_assert_nonnull (strstr (err, "warning: project.json: collections.tags.broken: expected an array of image ids"));
  text = read_file (p);
  g_assert_nonnull (strstr (text, "\"smart\""));
  g_assert_nonnull (strstr (text, "\"two\""));
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "list", p, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "good\tfrozen\t1\nall\tfilter\t5\n");
}

/* Evaluating a collection prints exactly what evaluating its COCO export
 * prints (byte for byte, JSON at full precision), both protocols. */
static void
check_eval_equals_export (Fixture    *f,
                          const char *name,
                          const char *model)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *out = NULL, *err = NULL, *a = NULL;
  g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *base = g_strdup_printf ("predictions-%s.json", model);
  g_autofree char *pred_path = g_build_filename (dir, base, NULL);
  g_autofree char *pred = g_strdup_printf ("%s=%s", model, pred_path);
  static const char *protocols[] = { "active", "coco" };

  g_assert_cmpint (run_cli_v (&out, &err, "collection", "export", f->project_path, name,
                              "--format", "coco", "--out", dir, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      g_assert_cmpint (run_cli_v (&a, &err, "eval", f->project_path, "--collection", name, "--model", model,
                                  "--protocol", protocols[i], "--json", NULL), ==, 0);
      g_assert_cmpint (run_cli_v (&out, &err, "eval", "--gt", gt, "--pred", pred,
                                  "--protocol", protocols[i], "--json", NULL), ==, 0);
      g_assert_cmpstr (a, ==, out);
    }
  /* And not what the whole project gives (the last run: protocol coco). */
  g_assert_cmpint (run_cli_v (&a, &err, "eval", f->project_path, "--model", model,
                              "--protocol", "coco", "--json", NULL), ==, 0);
  g_assert_cmpstr (a, !=, out);
  remove_dir (dir);
}

/* The same for compare (models m and m2, with a bootstrap over the images). */
static void
check_compare_equals_export (Fixture    *f,
                             const char *name)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *out = NULL, *err = NULL, *a = NULL;
  g_autofree char *gt = g_build_filename (dir, "gt.json", NULL);
  g_autofree char *m_path = g_build_filename (dir, "predictions-m.json", NULL);
  g_autofree char *m2_path = g_build_filename (dir, "predictions-m2.json", NULL);
  g_autofree char *m = g_strdup_printf ("m=%s", m_path);
  g_autofree char *m2 = g_strdup_printf ("m2=%s", m2_path);

  g_assert_cmpint (run_cli_v (&out, &err, "collection", "export", f->project_path, name,
                              "--format", "coco", "--out", dir, NULL), ==, 0);
  g_assert_cmpint (run_cli_v (&a, &err, "compare", f->project_path, "--collection", name,
                              "--bootstrap", "50", "--json", NULL), ==, 0);
  g_assert_cmpint (run_cli_v (&out, &err, "compare", "--gt", gt, "--pred", m, "--pred", m2,
                              "--bootstrap", "50", "--json", NULL), ==, 0);
  g_assert_cmpstr (a, ==, out);
  g_assert_cmpint (run_cli_v (&a, &err, "compare", f->project_path, "--collection", name,
                              "--protocol", "coco", "--json", NULL), ==, 0);
  g_assert_cmpint (run_cli_v (&out, &err, "compare", "--gt", gt, "--pred", m, "--pred", m2,
                              "--protocol", "coco", "--json", NULL), ==, 0);
  g_assert_cmpstr (a, ==, out);
  remove_dir (dir);
}

static void
test_eval_collection (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;

  check_eval_equals_export (f, "misses", "m");
  check_eval_equals_export (f, "hand", "m2");
  check_compare_equals_export (f, "misses");
  check_compare_equals_export (f, "hand");
  g_assert_cmpint (run_cli_v (&out, &err, "eval", f->project_path, "--collection", "hand", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "1 image id is not in the project: 99"));
  g_assert_cmpint (run_cli_v (&out, &err, "eval", "--gt", "gt.json", "--pred", "p.json",
                              "--collection", "hand", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--collection needs a PROJECT"));
}

static void
test_eval_collection_real (void)
{
  g_autofree char *project = cartucho_project ();
  g_autofree char *out = NULL, *err = NULL;
  Fixture f = { 0 };

  fixture_set_up (&f, project);
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "create", f.project_path, "chair misses",
                              "--classes", "chair", "--outcome", "fn", NULL), ==, 0);
  check_eval_equals_export (&f, "chair misses", "yolo");
  fixture_tear_down (&f, NULL);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *list = g_build_filename (dir, "images.txt", NULL);
  g_autofree char *csv = g_build_filename (dir, "objects.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = g_strdup_printf ("Exported collection “hand” (list) to %s\n", dir);
  const char *p = f->project_path;

  g_assert_cmpint (run_cli_v (&out, &err, "collection", "export", p, "hand", "--format", "list", "--out", dir, NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  text = read_file (list);
  g_assert_cmpstr (text, ==, "b.jpg\nd.jpg\n");
  g_clear_pointer (&text, g_free);
  /* Not again without --force: the file stays. */
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "export", p, "misses", "--format", "list", "--out", dir, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "images.txt: the file exists (use --force to replace it)"));
  text = read_file (list);
  g_assert_cmpstr (text, ==, "b.jpg\nd.jpg\n");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (run_cli_v (&out, &err, "collection", "export", p, "misses", "--format", "list", "--out", dir,
                              "--force", NULL), ==, 0);
  text = read_file (list);
  g_assert_cmpstr (text, ==, "c.jpg\nd.jpg\n");
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (run_cli_v (&out, &err, "collection", "export", p, "misses", "--format", "csv", "--out", dir,
                              "--force", NULL), ==, 0);
  /* "misses" = images 3 and 4. TIDE: the dog on image 3 covers the cat GT
   * (IoU 1, other class): a Cls error, which leaves that GT no Miss of its
   * own; nothing overlaps the GT on image 4: a Miss. */
  text = read_file (csv);
  g_assert_cmpstr (text, ==,
                   "kind,id,image_id,category_id,score,outcome,iou,match_id,error,file_name,tags\n"
                   "gt,3,3,1,,FN,0,,,c.jpg,night\n"
                   "gt,4,4,2,,FN,0,,Miss,d.jpg,\n"
                   "pred,3,3,2,0.29999999999999999,FP,0,,Cls,c.jpg,night\n");
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, fn) g_test_add (path, Fixture, data, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli-collections/create-list-delete", NULL, test_create_list_delete);
  ADD ("/cli-collections/errors-keep-file", NULL, test_errors_keep_file);
  ADD ("/cli-collections/tag", NULL, test_tag);
  ADD ("/cli-collections/damaged", damaged_json_cli, test_damaged);
  ADD ("/cli-collections/eval", NULL, test_eval_collection);
  ADD ("/cli-collections/export", NULL, test_export);
#undef ADD
  g_test_add_func ("/cli-collections/eval-real", test_eval_collection_real);
  return g_test_run ();
}

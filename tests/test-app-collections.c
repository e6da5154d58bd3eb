/* test-app-collections.c: the header bar's collection drop-down restricts the evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project file over the bundled sample (data/sample/cartucho-map, 85
 * images) with two collections: "every third" (frozen, image ids 1, 4, …,
 * 85: 29 images) and "misses" (filter: images with an FN at t = 0.5).
 * Choosing one in the real drop-down must show on the cards exactly what the
 * core gives on the same image subset; "All images" the whole project again.
 * The "+" popover stores the explorer's images as a new collection.
 */

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "precis-cards.h"
#include "precis-collection.h"
#include "precis-explorer-page.h"
#include "precis-project.h"
#include "precis-test-app.h"
#include "precis-window.h"

static PrecisApplication *app;
static PrecisWindow *window;
static char *dir;
static char *project_path;

static void
write_project (void)
{
  g_autoptr(GFile) sample = precis_test_sample_project ();
  g_autofree char *base = g_file_get_path (sample);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  for (int id = 1; id <= 85; id += 3)
    g_string_append_printf (ids, "%s%d", ids->len > 0 ? ", " : "", id);
  text = g_strdup_printf ("{\"name\": \"sample\", \"ground_truth\": \"%s/gt.json\","
                          " \"predictions\": [{\"name\": \"yolo\", \"path\": \"%s/predictions.json\"}],"
                          " \"images\": \"%s/images\","
                          " \"collections\": {\"version\": 1, \"items\": ["
                          "{\"name\": \"every third\", \"kind\": \"frozen\", \"images\": [%s]},"
                          "{\"name\": \"misses\", \"kind\": \"filter\", \"filter\": {\"outcome\": \"fn\"}}]}}\n",
                          base, base, base, ids->str);
  dir = g_dir_make_tmp ("precis-test-XXXXXX", &error);
  g_assert_no_error (error);
  project_path = g_build_filename (dir, "project.json", NULL);
  g_file_set_contents (project_path, text, -1, &error);
  g_assert_no_error (error);
}

/* The cards against the core on the images of @mask (NULL: all). */
static void
check_cards (const guint8 *mask)
{
  PrecisCards *cards = PRECIS_CARDS (precis_window_get_part (window, "cards"));
  g_autoptr(PrecisActive) reference = precis_active_new (precis_window_get_matcher (window));
  const PrecisActiveResult *r;
  g_autofree char *map = NULL, *tp = NULL, *fp = NULL, *fn = NULL;

  precis_active_set_images (reference, mask);
  r = precis_active_evaluate (reference);
  map = g_strdup_printf ("%.3f", r->map);
  tp = g_strdup_printf ("%u", r->tp);
  fp = g_strdup_printf ("%u", r->fp);
  fn = g_strdup_printf ("%u", r->fn);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "map"), ==, map);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "tp"), ==, tp);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "fp"), ==, fp);
  g_assert_cmpstr (precis_cards_get_value_text (cards, "fn"), ==, fn);
}

static guint8 *
collection_mask (const char *name)
{
  g_autoptr(GFile) file = g_file_new_for_path (project_path);
  g_autoptr(PrecisProject) project = precis_project_open (file, NULL, NULL);
  g_autoptr(PrecisCollections) collections = precis_collections_load (project, NULL, NULL);
  PrecisDataset *dataset = precis_window_get_dataset (window);
  guint8 *mask = g_malloc0 (precis_dataset_get_n_images (dataset));

  g_assert_cmpint (precis_collection_select (precis_collections_find (collections, name), collections,
                                             dataset, mask, NULL, NULL), >, 0);
  return mask;
}

static void
test_choose_collection (void)
{
  g_autoptr(GFile) file = NULL;
  GtkDropDown *dropdown = GTK_DROP_DOWN (precis_window_get_part (window, "collection-dropdown"));
  GListModel *model;
  g_autofree guint8 *third = NULL;
  g_autofree guint8 *misses = NULL;
  g_autofree char *misses_label = NULL;
  guint n_misses = 0;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  write_project ();
  file = g_file_new_for_path (project_path);
  precis_window_open (window, file);
  precis_test_wait_loaded (window);
  g_assert_null (precis_window_get_error_text (window));

  /* Listed with their counts after "All images". */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  model = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "All images");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "every third (29)");
  misses = collection_mask ("misses");
  for (guint i = 0; i < precis_dataset_get_n_images (precis_window_get_dataset (window)); i++)
    n_misses += misses[i];
  g_assert_cmpuint (n_misses, <, 85);
  misses_label = g_strdup_printf ("misses (%u)", n_misses);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 2), ==, misses_label);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  check_cards (NULL);

  third = collection_mask ("every third");
  gtk_drop_down_set_selected (dropdown, 1);
  precis_test_iterate (3);
  check_cards (third);
  gtk_drop_down_set_selected (dropdown, 2);
  precis_test_iterate (3);
  check_cards (misses);
  gtk_drop_down_set_selected (dropdown, 0);
  precis_test_iterate (3);
  check_cards (NULL);

  /* By name (what --collection does). */
  g_assert_true (precis_window_set_collection (window, "every third"));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  check_cards (third);
  g_assert_false (precis_window_set_collection (window, "nope"));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_true (precis_window_set_collection (window, NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  check_cards (NULL);
}

static char *
read_project (void)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (project_path, &text, NULL, NULL));
  return text;
}

/* "+": the explorer's images (here: the Errors page's kind of image filter,
 * images 0 to 9 of 85, on top of its own filters) become a frozen collection
 * in the project file, chosen at once. A name that is taken changes nothing. */
static void
test_create_collection (void)
{
  GtkWidget *explorer = precis_window_get_part (window, "explorer-page");
  GtkDropDown *dropdown = GTK_DROP_DOWN (precis_window_get_part (window, "collection-dropdown"));
  GtkWidget *create = precis_window_get_part (window, "collection-create");
  GtkWidget *entry = precis_window_get_part (window, "collection-entry");
  PrecisDataset *dataset = precis_window_get_dataset (window);
  g_autoptr(GArray) gallery = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint8 *filter = g_malloc0 (precis_dataset_get_n_images (dataset));
  g_autofree guint8 *mask = NULL;
  g_autofree char *label = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PrecisCollection *c;

  g_assert_true (gtk_widget_get_visible (create));
  memset (filter, 1, 10);
  precis_explorer_page_set_image_filter (PRECIS_EXPLORER_PAGE (explorer), filter, "first ten");
  precis_test_iterate (3);
  g_assert_true (precis_explorer_page_get_gallery_images (PRECIS_EXPLORER_PAGE (explorer), gallery));
  g_assert_cmpuint (gallery->len, >, 0);
  g_assert_cmpuint (gallery->len, <=, 10);

  gtk_editable_set_text (GTK_EDITABLE (entry), "first ten");
  g_signal_emit_by_name (entry, "activate");   /* what Enter in the entry does */
  precis_test_iterate (3);
  g_assert_null (precis_window_get_error_text (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);
  label = g_strdup_printf ("first ten (%u)", gallery->len);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)), 3), ==, label);

  /* In the file: a frozen collection of the gallery's image ids, in order. */
  mask = collection_mask ("first ten");
  {
    g_autoptr(GFile) file = g_file_new_for_path (project_path);
    g_autoptr(PrecisProject) project = precis_project_open (file, NULL, NULL);
    g_autoptr(PrecisCollections) collections = precis_collections_load (project, NULL, NULL);

    c = precis_collections_find (collections, "first ten");
    g_assert_nonnull (c);
    g_assert_cmpint (c->kind, ==, PRECIS_COLLECTION_FROZEN);
    g_assert_cmpuint (c->images->len, ==, gallery->len);
    for (guint i = 0; i < gallery->len; i++)
      g_assert_cmpint (g_array_index (c->images, gint64, i), ==,
                       precis_dataset_get_image (dataset, g_array_index (gallery, guint32, i))->id);
  }
  check_cards (mask);

  before = read_project ();
  g_assert_false (precis_window_create_collection (window, "misses", &error));
  g_assert_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_DUPLICATE);
  after = read_project ();
  g_assert_cmpstr (after, ==, before);
  precis_explorer_page_set_image_filter (PRECIS_EXPLORER_PAGE (explorer), NULL, NULL);
}

/* Export of the chosen collection (what Export ▸ Export Collection writes
 * into the folder chosen): refused with "All images", never replacing files
 * unless told to. */
static void
test_export_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) dir_error = NULL;
  g_autofree char *out = g_dir_make_tmp ("precis-test-XXXXXX", &dir_error);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autofree char *list_path = g_build_filename (out, "images.txt", NULL);
  g_autofree char *meta_path = g_build_filename (out, "precis-export.json", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (dir_error);
  g_assert_true (precis_window_set_collection (window, NULL));
  g_assert_false (precis_window_export_collection (window, "list", folder, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  g_assert_true (precis_window_set_collection (window, "every third"));
  g_assert_true (precis_window_export_collection (window, "list", folder, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (list_path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 30);   /* 29 names and the final newline */
  g_assert_cmpstr (lines[0], ==, precis_dataset_get_image (precis_window_get_dataset (window), 0)->file_name);
  g_assert_false (precis_window_export_collection (window, "list", folder, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (precis_window_export_collection (window, "list", folder, TRUE, NULL));
  g_assert_true (precis_window_set_collection (window, NULL));
  g_remove (list_path);
  g_remove (meta_path);
  g_rmdir (out);
}

/* A folder project has no project file: no drop-down. */
static void
test_folder_has_none (void)
{
  g_autoptr(GFile) sample = precis_test_sample_project ();
  GtkWidget *dropdown = precis_window_get_part (window, "collection-dropdown");
  g_autoptr(GError) error = NULL;

  precis_window_open (window, sample);
  precis_test_wait_loaded (window);
  g_assert_false (gtk_widget_get_visible (dropdown));
  g_assert_false (gtk_widget_get_visible (precis_window_get_part (window, "collection-create")));
  g_assert_false (precis_window_create_collection (window, "x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  check_cards (NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  precis_test_init (&argc, &argv);
  window = precis_test_window_new (&app);
  g_test_add_func ("/app-collections/choose", test_choose_collection);
  g_test_add_func ("/app-collections/create", test_create_collection);
  g_test_add_func ("/app-collections/export", test_export_collection);
  g_test_add_func ("/app-collections/folder-has-none", test_folder_has_none);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (project_path != NULL)
    g_remove (project_path);
  if (dir != NULL)
    g_rmdir (dir);
  g_free (project_path);
  g_free (dir);
  return status;
}

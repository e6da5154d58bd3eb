/* precis-window-collections.c: the header bar's collection drop-down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project file's collections (docs/FORMATS.md "Collections and tags") are
 * listed with their image counts after "All images"; choosing one restricts
 * the evaluation (the cards, the Performance page's charts, protocol coco)
 * to its images through the image subset of SEMANTICS.md §3.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-collection.h"
#include "precis-project.h"
#include "precis-window-private.h"

void
_precis_window_clear_collections (PrecisWindow *self)
{
  g_clear_pointer (&self->collections, precis_collections_free);
  g_clear_pointer (&self->collection_images, g_free);
  self->collection_serial++;
}

/* Sets the chosen collection's images on the current evaluation. */
void
_precis_window_apply_collection (PrecisWindow *self)
{
  if (self->active != NULL)
    precis_active_set_images (self->active, self->collection_images);
}

static void
collection_selected_cb (PrecisWindow *self)
{
  guint index = gtk_drop_down_get_selected (self->collection_dropdown);
  g_autoptr(GError) error = NULL;
  PrecisCollection *c;

  if (self->updating_collections || self->collections == NULL || self->dataset == NULL)
    return;
  g_clear_pointer (&self->collection_images, g_free);
  self->collection_serial++;
  if (index != GTK_INVALID_LIST_POSITION && index > 0 && index <= precis_collections_get_n (self->collections))
    {
      c = precis_collections_get (self->collections, index - 1);
      self->collection_images = g_malloc0 (MAX (precis_dataset_get_n_images (self->dataset), 1));
      if (precis_collection_select (c, self->collections, self->dataset, self->collection_images, NULL, &error) < 0)
        {
          g_clear_pointer (&self->collection_images, g_free);
          _precis_window_show_error (self, _("The collection cannot be evaluated"), error->message);
        }
    }
  /* Protocol coco runs again on the new images. */
  g_clear_object (&self->coco);
  g_clear_pointer (&self->coco_error, g_free);
  _precis_window_apply_collection (self);
  _precis_window_evaluate (self);
}

/* Reads the collections of the project file the dataset came from (none for
 * a folder or loose files) and lists them; the drop-down shows only when
 * there is one. */
void
_precis_window_load_collections (PrecisWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(PrecisProject) project = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GFile *location = self->dataset != NULL ? precis_dataset_get_location (self->dataset) : NULL;

  _precis_window_clear_collections (self);
  if (location != NULL && g_file_query_file_type (location, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    project = precis_project_open (location, NULL, &error);
  if (project != NULL)
    self->collections = precis_collections_load (project, &problems, &error);
  if (error != NULL)
    _precis_window_show_error (self, _("The collections of the project cannot be read"), error->message);
  else if (problems != NULL && problems->len > 0)
    _precis_window_show_error (self, _("A collection of the project is damaged"), g_ptr_array_index (problems, 0));

  gtk_string_list_append (names, _("All images"));
  for (guint i = 0; self->collections != NULL && i < precis_collections_get_n (self->collections); i++)
    {
      PrecisCollection *c = precis_collections_get (self->collections, i);
      g_autofree guint8 *mask = g_malloc0 (MAX (precis_dataset_get_n_images (self->dataset), 1));
      gint64 n = precis_collection_select (c, self->collections, self->dataset, mask, NULL, NULL);
      g_autofree char *label = n >= 0 ? g_strdup_printf (_("%s (%" G_GINT64_FORMAT ")"), c->name, n)
                                      : g_strdup_printf (_("%s (cannot be evaluated)"), c->name);

      gtk_string_list_append (names, label);
    }
  self->updating_collections = TRUE;
  gtk_drop_down_set_model (self->collection_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->collection_dropdown, 0);
  self->updating_collections = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->collection_dropdown),
                          self->collections != NULL && precis_collections_get_n (self->collections) > 0);
}

void
_precis_window_init_collections (PrecisWindow *self)
{
  self->collection_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->collection_dropdown),
                               _("Evaluate only the images of a collection"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->collection_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Collection"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->collection_dropdown), FALSE);
  g_signal_connect_swapped (self->collection_dropdown, "notify::selected",
                            G_CALLBACK (collection_selected_cb), self);
  gtk_header_bar_pack_start (self->header_bar, GTK_WIDGET (self->collection_dropdown));
}

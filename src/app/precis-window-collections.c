/* precis-window-collections.c: the header bar's collection drop-down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project file's collections (docs/FORMATS.md "Collections and tags") are
 * listed with their image counts after "All images"; choosing one restricts
 * the evaluation (the cards, the Performance page's charts, protocol coco)
 * to its images through the image subset of SEMANTICS.md §3. The "+" beside
 * it stores the explorer's current images (its filters) as a new frozen
 * collection in the project file.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-collection.h"
#include "precis-explorer-page.h"
#include "precis-project.h"
#include "precis-window-private.h"

void
_precis_window_clear_collections (PrecisWindow *self)
{
  g_clear_pointer (&self->collections, precis_collections_free);
  g_clear_pointer (&self->collections_project, precis_project_free);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-collection", self->collection_images != NULL);
  /* Protocol coco runs again on the new images. */
  g_clear_object (&self->coco);
  g_clear_pointer (&self->coco_error, g_free);
  _precis_window_apply_collection (self);
  _precis_window_evaluate (self);
}

/* Lists "All images" and each collection with its image count, and selects
 * entry @selected (0: all images) without evaluating. */
static void
fill_list (PrecisWindow *self,
           guint         selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = self->collections != NULL ? precis_collections_get_n (self->collections) : 0;

  gtk_string_list_append (names, _("All images"));
  for (guint i = 0; i < n; i++)
    {
      PrecisCollection *c = precis_collections_get (self->collections, i);
      g_autofree guint8 *mask = g_malloc0 (MAX (precis_dataset_get_n_images (self->dataset), 1));
      gint64 count = precis_collection_select (c, self->collections, self->dataset, mask, NULL, NULL);
      g_autofree char *label = count >= 0 ? g_strdup_printf (_("%s (%u)"), c->name, (guint) count)
                                          : g_strdup_printf (_("%s (cannot be evaluated)"), c->name);

      gtk_string_list_append (names, label);
    }
  self->updating_collections = TRUE;
  gtk_drop_down_set_model (self->collection_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->collection_dropdown, selected);
  self->updating_collections = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->collection_dropdown), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->collection_create), self->collections != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-collection", selected > 0);
}

/* Reads the collections of the project file the dataset came from (none for
 * a folder or loose files) and lists them; the drop-down shows only when
 * there is one, the "+" for any project file. */
void
_precis_window_load_collections (PrecisWindow *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GFile *location = self->dataset != NULL ? precis_dataset_get_location (self->dataset) : NULL;

  _precis_window_clear_collections (self);
  if (location != NULL && g_file_query_file_type (location, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    self->collections_project = precis_project_open (location, NULL, &error);
  if (self->collections_project != NULL)
    self->collections = precis_collections_load (self->collections_project, &problems, &error);
  if (error != NULL)
    _precis_window_show_error (self, _("The collections of the project cannot be read"), error->message);
  else if (problems != NULL && problems->len > 0)
    _precis_window_show_error (self, _("A collection of the project is damaged"), g_ptr_array_index (problems, 0));
  fill_list (self, 0);
}

/**
 * precis_window_create_collection:
 * @self: a #PrecisWindow showing a project file
 * @name: the new collection's name
 * @error: return location for a #GError
 *
 * Stores the images the explorer lists now (its filters applied) as the
 * frozen collection @name in the project file (atomically) and chooses it.
 *
 * Returns: %TRUE when the project file was written
 */
gboolean
precis_window_create_collection (PrecisWindow  *self,
                                 const char    *name,
                                 GError       **error)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(PrecisProject) project = NULL;
  g_autoptr(PrecisCollections) collections = NULL;
  PrecisCollection *c;
  GFile *file;

  g_return_val_if_fail (PRECIS_IS_WINDOW (self), FALSE);
  if (self->collections == NULL || self->dataset == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                   _("Collections are stored in a project file: open one (or write one with “precis-cli import --out”)"));
      return FALSE;
    }
  /* The file as it is now (a model imported or a collection added since it
   * was opened stays). */
  file = precis_project_get_file (self->collections_project);
  project = precis_project_open (file, NULL, error);
  if (project == NULL || (collections = precis_collections_load (project, NULL, error)) == NULL)
    return FALSE;
  precis_explorer_page_get_gallery_images (PRECIS_EXPLORER_PAGE (self->explorer_page), indices);
  c = precis_collection_new (name, PRECIS_COLLECTION_FROZEN);
  for (guint i = 0; i < indices->len; i++)
    g_array_append_val (c->images, precis_dataset_get_image (self->dataset, g_array_index (indices, guint32, i))->id);
  if (!precis_collections_add (collections, c, error))
    return FALSE;
  precis_collections_store (collections, project);
  if (!precis_project_write (project, file, error))
    return FALSE;
  g_clear_pointer (&self->collections, precis_collections_free);
  g_clear_pointer (&self->collections_project, precis_project_free);
  self->collections = g_steal_pointer (&collections);
  self->collections_project = g_steal_pointer (&project);
  fill_list (self, precis_collections_get_n (self->collections));
  collection_selected_cb (self);
  return TRUE;
}

/**
 * precis_window_set_collection:
 * @self: a #PrecisWindow
 * @name: (nullable): a collection of the project file; %NULL for all images
 *
 * Returns: whether there is such a collection (else nothing changes)
 */
gboolean
precis_window_set_collection (PrecisWindow *self,
                              const char   *name)
{
  guint index = 0;

  g_return_val_if_fail (PRECIS_IS_WINDOW (self), FALSE);
  if (name != NULL)
    {
      PrecisCollection *c = self->collections != NULL ? precis_collections_find (self->collections, name) : NULL;

      for (index = 0; c != NULL && precis_collections_get (self->collections, index) != c; index++)
        ;
      if (c == NULL)
        return FALSE;
      index++;
    }
  gtk_drop_down_set_selected (self->collection_dropdown, index);
  return TRUE;
}

/* The chosen collection, or NULL for all images. */
static PrecisCollection *
chosen (PrecisWindow *self)
{
  guint index = gtk_drop_down_get_selected (self->collection_dropdown);

  if (self->collections == NULL || index == 0 || index == GTK_INVALID_LIST_POSITION ||
      index > precis_collections_get_n (self->collections))
    return NULL;
  return precis_collections_get (self->collections, index - 1);
}

gboolean
precis_window_export_collection (PrecisWindow  *self,
                                 const char    *format,
                                 GFile         *folder,
                                 gboolean       overwrite,
                                 GError       **error)
{
  PrecisExportFormat f;

  g_return_val_if_fail (PRECIS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (precis_export_format_from_string (format, &f), FALSE);
  if (chosen (self) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", _("Choose a collection to export first"));
      return FALSE;
    }
  return precis_collection_export (chosen (self), self->collections, self->dataset, f, folder, overwrite, error);
}

static void
export_done (PrecisWindow *self,
             const char   *format,
             GFile        *folder,
             gboolean      overwrite)
{
  g_autoptr(GError) error = NULL;

  if (!precis_window_export_collection (self, format, folder, overwrite, &error))
    _precis_window_show_error (self, _("The collection was not exported"), error->message);
}

static void
confirm_cb (GtkDialog    *dialog,
            int           response,
            PrecisWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    export_done (self, g_object_get_data (G_OBJECT (dialog), "precis-format"),
                 g_object_get_data (G_OBJECT (dialog), "precis-folder"), TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The folder chosen: export, asking first when that would replace files. */
static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    PrecisWindow    *self)
{
  g_autofree char *format = g_strdup (g_object_get_data (G_OBJECT (dialog), "precis-format"));
  g_autoptr(GFile) folder = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *confirm;

  _precis_window_close_chooser (self);
  if (folder == NULL || precis_window_export_collection (self, format, folder, FALSE, &error))
    return;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      _precis_window_show_error (self, _("The collection was not exported"), error->message);
      return;
    }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  confirm = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                    GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                    _("Replace the export in this folder?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (confirm), "%s", error->message);
  gtk_dialog_add_button (GTK_DIALOG (confirm), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (confirm), _("_Replace"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (confirm), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_object_set_data_full (G_OBJECT (confirm), "precis-format", g_steal_pointer (&format), g_free);
  g_object_set_data_full (G_OBJECT (confirm), "precis-folder", g_steal_pointer (&folder), g_object_unref);
  g_signal_connect (confirm, "response", G_CALLBACK (confirm_cb), self);
  gtk_window_present (GTK_WINDOW (confirm));
}

/* win.export-collection("coco" | "csv" | "list") */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PrecisWindow *self = PRECIS_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkFileChooserNative *dialog;
  PrecisExportFormat f;

  if (chosen (self) == NULL || !precis_export_format_from_string (format, &f))
    return;
  dialog = gtk_file_chooser_native_new (_("Export Collection to a Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (dialog), "precis-format", g_strdup (format), g_free);
  _precis_window_show_chooser (self, dialog, G_CALLBACK (export_response_cb));
}

void
_precis_window_class_init_collections (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-collection", "s", export_action);
}

static void
create_activated_cb (PrecisWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->collection_entry));

  if (!precis_window_create_collection (self, name, &error))
    {
      _precis_window_show_error (self, _("The collection was not created"), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->collection_entry), "");
  gtk_menu_button_popdown (self->collection_create);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-collection", FALSE);
  g_signal_connect_swapped (self->collection_dropdown, "notify::selected",
                            G_CALLBACK (collection_selected_cb), self);
  gtk_header_bar_pack_start (self->header_bar, GTK_WIDGET (self->collection_dropdown));

  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Create"));
    GtkWidget *popover = gtk_popover_new ();

    self->collection_entry = GTK_ENTRY (gtk_entry_new ());
    gtk_entry_set_placeholder_text (self->collection_entry, _("Collection name"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->collection_entry),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Collection name"), -1);
    g_signal_connect_swapped (self->collection_entry, "activate", G_CALLBACK (create_activated_cb), self);
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (create_activated_cb), self);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->collection_entry));
    gtk_box_append (GTK_BOX (box), button);
    gtk_popover_set_child (GTK_POPOVER (popover), box);
    gtk_popover_set_default_widget (GTK_POPOVER (popover), button);

    self->collection_create = GTK_MENU_BUTTON (gtk_menu_button_new ());
    gtk_menu_button_set_icon_name (self->collection_create, "list-add-symbolic");
    gtk_menu_button_set_popover (self->collection_create, popover);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->collection_create),
                                 _("Create a collection of the images the explorer lists"));
    gtk_widget_set_visible (GTK_WIDGET (self->collection_create), FALSE);
    gtk_header_bar_pack_start (self->header_bar, GTK_WIDGET (self->collection_create));
  }
}

/* precis-sidebar-classes.c: the sidebar's class list: counts, search, selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "precis-class-item.h"
#include "precis-sidebar-private.h"

void
_precis_sidebar_update_classes_count (PrecisSidebar *self)
{
  g_autofree char *text = NULL;

  /* Translators: the number of selected classes of the project's classes. */
  text = g_strdup_printf (_("%u of %u"), self->n_selected, self->n_categories);
  gtk_label_set_label (self->classes_count, text);
}

static void
emit_classes_changed (PrecisSidebar *self)
{
  _precis_sidebar_update_classes_count (self);

  if (self->freeze > 0)
    {
      self->pending_classes_changed = TRUE;
      return;
    }

  self->pending_classes_changed = FALSE;
  /* By name: the class list reaches the sidebar object only through its signal. */
  g_signal_emit_by_name (self, "classes-changed");
}

static void
item_selected_cb (PrecisSidebar   *self,
                  GParamSpec      *pspec,
                  PrecisClassItem *item)
{
  guint category = precis_class_item_get_category (item);
  guint8 selected = precis_class_item_get_selected (item) ? 1 : 0;

  g_assert (category < self->n_categories);

  if (self->mask[category] == selected)
    return;

  self->mask[category] = selected;
  if (selected)
    self->n_selected++;
  else
    self->n_selected--;

  emit_classes_changed (self);
}

/* Class list rows ------------------------------------------------------------ */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *n_gt = gtk_label_new (NULL);
  GtkWidget *n_pred = gtk_label_new (NULL);
  GtkWidget *n_ignored = gtk_label_new (NULL);

  gtk_label_set_width_chars (GTK_LABEL (n_ignored), 5);
  gtk_label_set_xalign (GTK_LABEL (n_ignored), 1);
  gtk_widget_add_css_class (n_ignored, "numeric");
  gtk_widget_add_css_class (n_ignored, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_width_chars (GTK_LABEL (n_gt), 5);
  gtk_label_set_xalign (GTK_LABEL (n_gt), 1);
  gtk_label_set_width_chars (GTK_LABEL (n_pred), 5);
  gtk_label_set_xalign (GTK_LABEL (n_pred), 1);
  gtk_widget_add_css_class (n_gt, "numeric");
  gtk_widget_add_css_class (n_gt, "dim-label");
  gtk_widget_add_css_class (n_pred, "numeric");
  gtk_widget_add_css_class (n_pred, "dim-label");

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), n_gt);
  gtk_box_append (GTK_BOX (box), n_pred);
  gtk_box_append (GTK_BOX (box), n_ignored);
  gtk_widget_add_css_class (box, "precis-class-row");

  gtk_list_item_set_child (list_item, box);
}

static gboolean
count_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_take_string (to, g_strdup_printf ("%u", g_value_get_uint (from)));
  return TRUE;
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  PrecisClassItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (check);
  GtkWidget *n_gt = gtk_widget_get_next_sibling (name);
  GtkWidget *n_pred = gtk_widget_get_next_sibling (n_gt);
  GtkWidget *n_ignored = gtk_widget_get_next_sibling (n_pred);
  char buf[32];
  g_autofree char *tooltip = NULL;
  GBinding *binding;

  gtk_label_set_label (GTK_LABEL (name), precis_class_item_get_name (item));
  g_snprintf (buf, sizeof buf, "%u", precis_class_item_get_n_gt (item));
  gtk_label_set_label (GTK_LABEL (n_gt), buf);
  g_snprintf (buf, sizeof buf, "%u", precis_class_item_get_n_predictions (item));
  gtk_label_set_label (GTK_LABEL (n_pred), buf);

  /* Translators: tooltip of a class row: class name, GT count, prediction
   * count, then the rule of the ignored column. */
  tooltip = g_strdup_printf (_("%s: %u ground-truth objects, %u predictions.\n%s"),
                             precis_class_item_get_name (item),
                             precis_class_item_get_n_gt (item),
                             precis_class_item_get_n_predictions (item),
                             precis_app_eval_ignored_rule ());
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  precis_class_item_get_name (item),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tooltip,
                                  -1);

  binding = g_object_bind_property (item, "selected", check, "active",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (list_item), "precis-binding", binding);
  binding = g_object_bind_property_full (item, "ignored", n_ignored, "label", G_BINDING_SYNC_CREATE,
                                         count_to_label, NULL, NULL, NULL);
  g_object_set_data (G_OBJECT (list_item), "precis-ignored-binding", binding);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  static const char * const keys[] = { "precis-binding", "precis-ignored-binding" };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      GBinding *binding = g_object_get_data (G_OBJECT (list_item), keys[k]);

      if (binding != NULL)
        g_binding_unbind (binding);
      g_object_set_data (G_OBJECT (list_item), keys[k], NULL);
    }
}

static void
class_activate_cb (PrecisSidebar *self,
                   guint          position)
{
  g_autoptr(PrecisClassItem) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item != NULL)
    precis_class_item_set_selected (item, !precis_class_item_get_selected (item));
}

static void
update_class_stack (PrecisSidebar *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  gtk_stack_set_visible_child_name (self->class_stack, n > 0 ? "list" : "empty");
}

static void
class_search_changed_cb (PrecisSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->class_search));

  gtk_string_filter_set_search (self->filter, text);
  update_class_stack (self);
}

static void
all_clicked_cb (PrecisSidebar *self)
{
  precis_sidebar_select_all (self, TRUE);
}

static void
none_clicked_cb (PrecisSidebar *self)
{
  precis_sidebar_select_all (self, FALSE);
}

static void
count_categories (const PrecisAnnotations *anns,
                  guint                    n_categories,
                  gboolean                 skip_crowd,
                  guint                   *counts)
{
  if (anns == NULL)
    return;

  for (guint i = 0; i < anns->n; i++)
    {
      guint32 c = anns->category[i];

      if (c >= n_categories)
        continue;
      if (skip_crowd && anns->iscrowd != NULL && anns->iscrowd[i])
        continue;
      counts[c]++;
    }
}

/* The class list of @dataset with its GT counts (crowd regions left out) and
 * the prediction counts of @model; every class selected. */
void
_precis_sidebar_fill_classes (PrecisSidebar *self,
                              PrecisDataset *dataset,
                              guint          model)
{
  g_autofree guint *n_gt = NULL;
  g_autofree guint *n_pred = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  n = dataset != NULL ? precis_dataset_get_n_categories (dataset) : 0;
  g_clear_pointer (&self->mask, g_free);
  self->mask = g_malloc (MAX (n, 1));
  memset (self->mask, 1, MAX (n, 1));
  self->n_categories = n;
  self->n_selected = n;

  n_gt = g_new0 (guint, MAX (n, 1));
  n_pred = g_new0 (guint, MAX (n, 1));
  if (dataset != NULL)
    {
      count_categories (precis_dataset_get_ground_truth_annotations (dataset), n, TRUE, n_gt);
      if (model < precis_dataset_get_n_models (dataset))
        count_categories (precis_dataset_get_predictions (dataset, model), n, FALSE, n_pred);
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c < n; c++)
    {
      const PrecisCategory *category = precis_dataset_get_category (dataset, c);
      PrecisClassItem *item = precis_class_item_new (c, category->name, n_gt[c], n_pred[c]);

      g_signal_connect_object (item, "notify::selected", G_CALLBACK (item_selected_cb),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  _precis_sidebar_update_classes_count (self);
  update_class_stack (self);
}

void
_precis_sidebar_class_init_classes (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, class_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, none_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, class_activate_cb);
}

void
_precis_sidebar_init_classes (PrecisSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkExpression *expression;
  GtkNoSelection *selection;

  self->store = g_list_store_new (PRECIS_TYPE_CLASS_ITEM);
  expression = gtk_property_expression_new (PRECIS_TYPE_CLASS_ITEM, NULL, "name");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              GTK_FILTER (self->filter));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->class_list, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->class_list, factory);
  g_object_unref (selection);

  gtk_search_entry_set_key_capture_widget (self->class_search, NULL);
  _precis_sidebar_update_classes_count (self);
  update_class_stack (self);
}

void
precis_sidebar_set_ignored (PrecisSidebar *self,
                            const guint   *ignored,
                            guint          n)
{
  GListModel *model;

  g_return_if_fail (PRECIS_IS_SIDEBAR (self));

  model = G_LIST_MODEL (self->store);
  for (guint c = 0; c < g_list_model_get_n_items (model); c++)
    {
      g_autoptr(PrecisClassItem) item = g_list_model_get_item (model, c);

      precis_class_item_set_ignored (item, ignored != NULL && c < n ? ignored[c] : 0);
    }
}

const guint8 *
precis_sidebar_get_class_mask (PrecisSidebar *self,
                               guint         *n_categories)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), NULL);

  if (n_categories != NULL)
    *n_categories = self->n_categories;
  return self->mask;
}

static void
thaw (PrecisSidebar *self)
{
  g_assert (self->freeze > 0);
  if (--self->freeze == 0 && self->pending_classes_changed)
    emit_classes_changed (self);
}

gboolean
precis_sidebar_select_classes (PrecisSidebar  *self,
                               const char     *spec,
                               GError        **error)
{
  g_auto(GStrv) names = NULL;
  g_autofree guint8 *wanted = NULL;
  GListModel *model;
  guint n;

  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  model = G_LIST_MODEL (self->store);
  n = g_list_model_get_n_items (model);
  wanted = g_malloc0 (MAX (n, 1));
  names = g_strsplit (spec, ",", -1);

  for (guint k = 0; names[k] != NULL; k++)
    {
      const char *name = g_strstrip (names[k]);
      gboolean found = FALSE;
      char *end = NULL;
      gint64 id;

      if (*name == '\0')
        continue;
      id = g_ascii_strtoll (name, &end, 10);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PrecisClassItem) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (precis_class_item_get_name (item), name) == 0)
            {
              wanted[i] = 1;
              found = TRUE;
            }
        }

      /* Not a name: try it as a category id. */
      if (!found && self->dataset != NULL && end != NULL && *end == '\0' && end != name)
        {
          guint32 index = precis_dataset_find_category (self->dataset, id);

          if (index != PRECIS_NO_INDEX && index < n)
            {
              wanted[index] = 1;
              found = TRUE;
            }
        }

      if (!found)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("Unknown class “%s”"), name);
          return FALSE;
        }
    }

  self->freeze++;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrecisClassItem) item = g_list_model_get_item (model, i);
      precis_class_item_set_selected (item, wanted[i]);
    }
  thaw (self);

  return TRUE;
}

void
precis_sidebar_select_all (PrecisSidebar *self,
                           gboolean       selected)
{
  GListModel *model;
  guint n;

  g_return_if_fail (PRECIS_IS_SIDEBAR (self));

  model = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (model);

  self->freeze++;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PrecisClassItem) item = g_list_model_get_item (model, i);
      precis_class_item_set_selected (item, selected);
    }
  thaw (self);
}

void
precis_sidebar_set_class_selected (PrecisSidebar *self,
                                   guint          category,
                                   gboolean       selected)
{
  g_autoptr(PrecisClassItem) item = NULL;

  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  g_return_if_fail (category < self->n_categories);

  item = g_list_model_get_item (G_LIST_MODEL (self->store), category);
  precis_class_item_set_selected (item, selected);
}

void
precis_sidebar_focus_search (PrecisSidebar *self)
{
  g_return_if_fail (PRECIS_IS_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->class_search));
}

GListModel *
precis_sidebar_get_classes (PrecisSidebar *self)
{
  g_return_val_if_fail (PRECIS_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->filtered);
}


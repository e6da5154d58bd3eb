/* precis-explorer-filter.c: the explorer's filter from the Errors page: the
 * images listed, the objects emphasised in every overlay, and the chip that
 * names the filter and removes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-explorer-page-private.h"
#include "precis-gallery-cell.h"

/* Every view on screen draws @self's emphasis (the cells bound later take it in
 * bind_cell). */
static void
apply_emphasis (PrecisExplorerPage *self)
{
  if (self->image_view != NULL)
    precis_image_view_set_emphasis (self->image_view, self->emphasis_gt, self->emphasis_dt);
  for (guint k = 0; self->cells != NULL && k < self->cells->len; k++)
    precis_image_view_set_emphasis (precis_gallery_cell_get_view (g_ptr_array_index (self->cells, k)),
                                    self->emphasis_gt, self->emphasis_dt);
}

void
_precis_explorer_page_clear_emphasis (PrecisExplorerPage *self)
{
  if (self->emphasis_gt == NULL && self->emphasis_dt == NULL)
    return;
  g_clear_pointer (&self->emphasis_gt, g_free);
  g_clear_pointer (&self->emphasis_dt, g_free);
  apply_emphasis (self);
}

static void
update_chip (PrecisExplorerPage *self)
{
  g_autofree char *text = NULL;

  if (self->filter_chip == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->filter_chip), self->image_filter != NULL);
  if (self->image_filter == NULL)
    return;
  /* Translators: the explorer's filter chip: what the Errors page filtered, and its remove mark */
  text = g_strdup_printf (_("%s ×"), self->image_filter_label != NULL ? self->image_filter_label : _("Filter"));
  gtk_button_set_label (self->filter_chip, text);
}

void
precis_explorer_page_set_image_filter (PrecisExplorerPage *self,
                                       const guint8       *images,
                                       const char         *label)
{
  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));

  g_clear_pointer (&self->image_filter, g_free);
  g_clear_pointer (&self->image_filter_label, g_free);
  _precis_explorer_page_clear_emphasis (self);
  if (images != NULL && self->dataset != NULL)
    {
      self->image_filter = g_memdup2 (images, MAX (precis_dataset_get_n_images (self->dataset), 1));
      self->image_filter_label = g_strdup (label);
    }
  update_chip (self);
  if (self->current_image != PRECIS_NO_INDEX)
    precis_explorer_page_show_image (self, PRECIS_NO_INDEX);
  _precis_explorer_page_refresh_gallery (self);
}

void
precis_explorer_page_set_emphasis (PrecisExplorerPage *self,
                                   const guint8       *gt,
                                   const guint8       *dt)
{
  const PrecisAnnotations *gts, *dts;

  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));

  g_clear_pointer (&self->emphasis_gt, g_free);
  g_clear_pointer (&self->emphasis_dt, g_free);
  if (self->dataset != NULL)
    {
      gts = precis_dataset_get_ground_truth_annotations (self->dataset);
      dts = self->matcher != NULL
            ? precis_dataset_get_predictions (self->dataset, precis_matcher_get_model (self->matcher)) : NULL;
      if (gt != NULL)
        self->emphasis_gt = g_memdup2 (gt, MAX (gts->n, 1));
      if (dt != NULL && dts != NULL)
        self->emphasis_dt = g_memdup2 (dt, MAX (dts->n, 1));
    }
  apply_emphasis (self);
}

void
precis_explorer_page_get_emphasis (PrecisExplorerPage  *self,
                                   const guint8       **gt,
                                   const guint8       **dt)
{
  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));

  *gt = self->emphasis_gt;
  *dt = self->emphasis_dt;
}

const char *
precis_explorer_page_get_filter_chip_label (PrecisExplorerPage *self)
{
  g_return_val_if_fail (PRECIS_IS_EXPLORER_PAGE (self), NULL);

  if (self->filter_chip == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->filter_chip)))
    return NULL;
  return gtk_button_get_label (self->filter_chip);
}

/* Object rows' error types ------------------------------------------------------------ */

static void
show_row_types (PrecisExplorerPage *self)
{
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (self->dataset);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->object_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkLabel *label = g_object_get_data (G_OBJECT (row), "precis-error");
      gboolean is_gt = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "precis-is-gt"));
      guint32 index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "precis-index"));
      guint type = PRECIS_TIDE_NONE;

      if (label == NULL)
        continue;
      if (self->types_current && self->types != NULL)
        type = self->types[is_gt ? index : gt->n + index];
      gtk_widget_set_visible (GTK_WIDGET (label), type < PRECIS_TIDE_N_ERRORS);
      if (type < PRECIS_TIDE_N_ERRORS)
        gtk_label_set_text (label, precis_tide_error_to_name (type));
    }
}

static void
types_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PrecisExplorerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint8 *types = self->types_finish (result, &error, self->types_data);

  if (error != NULL || self->types_cancellable == NULL ||
      g_cancellable_is_cancelled (self->types_cancellable) || self->dataset == NULL)
    {
      g_free (types);
      return;
    }
  g_clear_object (&self->types_cancellable);
  g_free (self->types);
  self->types = types;
  self->types_current = TRUE;
  show_row_types (self);
}

void
_precis_explorer_page_update_row_types (PrecisExplorerPage *self)
{
  if (self->dataset == NULL || self->current_image == PRECIS_NO_INDEX)
    return;
  show_row_types (self);
  if (self->types_current || self->types_cancellable != NULL || self->types_func == NULL)
    return;
  self->types_cancellable = g_cancellable_new ();
  self->types_func (self->types_cancellable, types_done_cb, g_object_ref (self), self->types_data);
}

void
precis_explorer_page_set_types_func (PrecisExplorerPage       *self,
                                     PrecisExplorerTypesFunc   func,
                                     PrecisExplorerTypesFinish finish,
                                     gpointer                  user_data)
{
  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));
  g_return_if_fail ((func == NULL) == (finish == NULL));

  self->types_func = func;
  self->types_finish = finish;
  self->types_data = user_data;
  _precis_explorer_page_invalidate_stats (self);
}

gboolean
precis_explorer_page_types_current (PrecisExplorerPage *self)
{
  g_return_val_if_fail (PRECIS_IS_EXPLORER_PAGE (self), FALSE);
  return self->types_current;
}

static void
on_filter_chip_clicked (PrecisExplorerPage *self)
{
  precis_explorer_page_set_image_filter (self, NULL, NULL);
}

void
_precis_explorer_page_class_init_filter (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, filter_chip);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_chip_clicked);
}

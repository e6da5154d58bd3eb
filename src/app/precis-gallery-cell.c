/* precis-gallery-cell.c: one gallery thumbnail with its overlay and badges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-gallery-cell.h"

struct _PrecisGalleryCell
{
  GtkWidget        parent_instance;

  PrecisImageView *view;
  GtkLabel        *name_label;
  GtkLabel        *tp_badge;
  GtkLabel        *fp_badge;
  GtkLabel        *fn_badge;
  GtkLabel        *empty_badge;
  GtkLabel        *error_badge;

  guint32          image;
  GCancellable    *cancellable;
  char            *a11y_label;   /* the accessible label last set */
};

G_DEFINE_FINAL_TYPE (PrecisGalleryCell, precis_gallery_cell, GTK_TYPE_WIDGET)

static gboolean on_name_query_tooltip (GtkWidget         *label,
                                       int                x,
                                       int                y,
                                       gboolean           keyboard,
                                       GtkTooltip        *tooltip,
                                       PrecisGalleryCell *self);

static void
precis_gallery_cell_dispose (GObject *object)
{
  PrecisGalleryCell *self = PRECIS_GALLERY_CELL (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->a11y_label, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRECIS_TYPE_GALLERY_CELL);
  /* The template's unnamed boxes are ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (precis_gallery_cell_parent_class)->dispose (object);
}

static void
precis_gallery_cell_class_init (PrecisGalleryCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_gallery_cell_dispose;

  g_type_ensure (PRECIS_TYPE_IMAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/precis/Precis/ui/precis-gallery-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, PrecisGalleryCell, view);
  gtk_widget_class_bind_template_child (widget_class, PrecisGalleryCell, name_label);
  gtk_widget_class_bind_template_child (widget_class, PrecisGalleryCell, tp_badge);
  gtk_widget_class_bind_template_child (widget_class, PrecisGalleryCell, fp_badge);
  gtk_widget_class_bind_template_child (widget_class, PrecisGalleryCell, fn_badge);
  gtk_widget_class_bind_template_child (widget_class, PrecisGalleryCell, empty_badge);
  gtk_widget_class_bind_template_child (widget_class, PrecisGalleryCell, error_badge);
  gtk_widget_class_set_css_name (widget_class, "precis-gallery-cell");
}

static void
precis_gallery_cell_init (PrecisGalleryCell *self)
{
  self->image = PRECIS_NO_INDEX;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->name_label), TRUE);
  g_signal_connect (self->name_label, "query-tooltip", G_CALLBACK (on_name_query_tooltip), self);
}

GtkWidget *
precis_gallery_cell_new (void)
{
  return g_object_new (PRECIS_TYPE_GALLERY_CELL, NULL);
}

void
precis_gallery_cell_bind (PrecisGalleryCell *self,
                          PrecisDataset     *dataset,
                          PrecisMatcher     *matcher,
                          guint32            image,
                          PrecisThumbnailer *thumbnailer)
{
  const PrecisImage *img;
  g_autoptr(GdkTexture) cached = NULL;

  g_return_if_fail (PRECIS_IS_GALLERY_CELL (self));
  g_return_if_fail (PRECIS_IS_DATASET (dataset));

  precis_gallery_cell_unbind (self);

  self->image = image;
  img = precis_dataset_get_image (dataset, image);
  precis_image_view_show_annotations (self->view, dataset, matcher, image);
  gtk_label_set_text (self->name_label, img->file_name);

  if (img->path == NULL || !img->present)
    {
      precis_image_view_set_note (self->view, _("No image file"));
      return;
    }

  cached = precis_thumbnailer_lookup (thumbnailer, img->path);
  if (cached != NULL)
    {
      precis_image_view_set_texture (self->view, cached);
      return;
    }

  self->cancellable = g_cancellable_new ();
  precis_image_view_load_texture (self->view, thumbnailer, img->path, self->cancellable,
                                  _("Cannot read the image"));
}

void
precis_gallery_cell_unbind (PrecisGalleryCell *self)
{
  g_return_if_fail (PRECIS_IS_GALLERY_CELL (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->image = PRECIS_NO_INDEX;
  precis_image_view_set_overlay (self->view, NULL);
  precis_image_view_set_texture (self->view, NULL);
  precis_image_view_set_note (self->view, NULL);
}

static void
set_badge (GtkLabel   *badge,
           guint       n,
           const char *what)
{
  char text[64];

  gtk_widget_set_visible (GTK_WIDGET (badge), n > 0);
  if (n == 0)
    return;
  /* Translators: a badge such as "3 FP": a count and an outcome */
  g_snprintf (text, sizeof text, C_("badge", "%u %s"), n, what);
  /* A new text means a new layout: skip it when nothing changed. */
  if (g_strcmp0 (gtk_label_get_text (badge), text) != 0)
    gtk_label_set_text (badge, text);
}

/* The full file name, which the label may ellipsize; set only when asked, as
 * setting a tooltip per bind costs a round trip to the display server. */
static gboolean
on_name_query_tooltip (GtkWidget         *label,
                       int                x,
                       int                y,
                       gboolean           keyboard,
                       GtkTooltip        *tooltip,
                       PrecisGalleryCell *self)
{
  const char *text = gtk_label_get_text (self->name_label);

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The cell for a screen reader: the file name and the badges in words. */
static void
update_accessible_label (PrecisGalleryCell *self,
                         gboolean           evaluated,
                         const guint       *counts)
{
  g_autofree char *label = NULL;

  if (!evaluated)
    label = g_strdup (gtk_label_get_text (self->name_label));
  else
    {
      g_autofree char *tp = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u true positive", "%u true positives",
                                                          counts[PRECIS_OVERLAY_TP]), counts[PRECIS_OVERLAY_TP]);
      g_autofree char *fp = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u false positive", "%u false positives",
                                                          counts[PRECIS_OVERLAY_FP]), counts[PRECIS_OVERLAY_FP]);
      g_autofree char *fn = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u false negative", "%u false negatives",
                                                          counts[PRECIS_OVERLAY_FN]), counts[PRECIS_OVERLAY_FN]);

      /* Translators: a gallery cell for screen readers: file name, then the counts. */
      label = g_strdup_printf (_("%s: %s, %s, %s"), gtk_label_get_text (self->name_label), tp, fp, fn);
    }
  /* Unchanged while the slider moves for most cells: skip those. */
  if (g_strcmp0 (label, self->a11y_label) == 0)
    return;
  g_free (self->a11y_label);
  self->a11y_label = g_steal_pointer (&label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->a11y_label, -1);
}

void
precis_gallery_cell_update (PrecisGalleryCell *self,
                            const PrecisOutcomeSource *source,
                            guint              layers)
{
  gboolean evaluated = precis_outcome_source_is_set (source);
  PrecisOverlay *overlay;
  guint counts[PRECIS_OVERLAY_N_OUTCOMES] = { 0, };
  gboolean changed = TRUE;

  g_return_if_fail (PRECIS_IS_GALLERY_CELL (self));

  overlay = precis_image_view_get_overlay (self->view);
  if (overlay == NULL)
    return;

  if (evaluated)
    changed = precis_overlay_update_from_source (overlay, source, counts);
  else
    precis_overlay_count (overlay, PRECIS_OVERLAY_LAYER_ALL, counts);

  set_badge (self->tp_badge, evaluated ? counts[PRECIS_OVERLAY_TP] : 0,
             precis_overlay_outcome_to_string (PRECIS_OVERLAY_TP));
  set_badge (self->fp_badge, evaluated ? counts[PRECIS_OVERLAY_FP] : 0,
             precis_overlay_outcome_to_string (PRECIS_OVERLAY_FP));
  set_badge (self->fn_badge, evaluated ? counts[PRECIS_OVERLAY_FN] : 0,
             precis_overlay_outcome_to_string (PRECIS_OVERLAY_FN));

  gtk_widget_set_visible (GTK_WIDGET (self->empty_badge),
                          evaluated &&
                          counts[PRECIS_OVERLAY_TP] + counts[PRECIS_OVERLAY_FP] + counts[PRECIS_OVERLAY_FN] == 0);

  update_accessible_label (self, evaluated, counts);
  precis_image_view_set_layers (self->view, layers);
  if (changed)
    precis_image_view_overlay_changed (self->view);
}

void
precis_gallery_cell_set_errors (PrecisGalleryCell *self,
                                guint              n,
                                const char        *type)
{
  g_return_if_fail (PRECIS_IS_GALLERY_CELL (self));
  set_badge (self->error_badge, n, type);
}

const char *
precis_gallery_cell_get_errors (PrecisGalleryCell *self)
{
  g_return_val_if_fail (PRECIS_IS_GALLERY_CELL (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_badge)) ? gtk_label_get_text (self->error_badge) : NULL;
}

guint32
precis_gallery_cell_get_image (PrecisGalleryCell *self)
{
  g_return_val_if_fail (PRECIS_IS_GALLERY_CELL (self), PRECIS_NO_INDEX);
  return self->image;
}

PrecisImageView *
precis_gallery_cell_get_view (PrecisGalleryCell *self)
{
  g_return_val_if_fail (PRECIS_IS_GALLERY_CELL (self), NULL);
  return self->view;
}

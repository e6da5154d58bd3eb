/* precis-explorer-detail.c: the explorer's detail view of one image, its
 * object list, and stepping through the gallery's images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-explorer-page-private.h"
#include "precis-overlay.h"

/* ------------------------------------------------------------------------- */
/* Detail view                                                                */

static const char *
outcome_css_class (PrecisOverlayOutcome outcome)
{
  switch (outcome)
    {
    case PRECIS_OVERLAY_TP:
      return "tp";
    case PRECIS_OVERLAY_FP:
      return "fp";
    case PRECIS_OVERLAY_FN:
      return "fn";
    case PRECIS_OVERLAY_GT:
      return "gt";
    case PRECIS_OVERLAY_IGNORED:
    case PRECIS_OVERLAY_HIDDEN:
    case PRECIS_OVERLAY_N_OUTCOMES:
    default:
      return "ignored";
    }
}

/* An object row's tooltip: its TIDE error ("Loc · IoU 0.42 with GT #123"). */
static gboolean
row_query_tooltip (GtkWidget       *row,
                   int              x,
                   int              y,
                   gboolean         keyboard,
                   GtkTooltip      *tooltip,
                   PrecisImageView *view)
{
  g_autofree char *line = NULL;

  line = precis_image_view_describe (view, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "precis-is-gt")),
                                     GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "precis-index")));
  if (line == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, line);
  return TRUE;
}

static GtkWidget *
object_row_new (PrecisExplorerPage      *self,
                const PrecisAnnotations *anns,
                guint32                  index,
                const PrecisOverlayItem *item,
                gboolean                 is_gt)
{
  const PrecisCategory *cat = precis_dataset_get_category (self->dataset, anns->category[index]);
  GtkWidget *row, *box, *swatch, *name, *detail, *outcome, *error;
  g_autofree char *detail_text = NULL;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (box, "object-row");

  swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (swatch, "swatch");
  gtk_widget_add_css_class (swatch, outcome_css_class (item->outcome));
  gtk_box_append (GTK_BOX (box), swatch);

  name = gtk_label_new (cat->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);

  if (is_gt)
    {
      if (item->iou >= 0)
        /* Translators: the best IoU reached on a ground-truth object */
        detail_text = g_strdup_printf (_("best IoU %.2f"), item->iou);
      else
        detail_text = g_strdup (_("no overlap"));
    }
  else if (item->partner != PRECIS_NO_INDEX)
    /* Translators: a prediction's score and IoU, e.g. "0.87 · IoU 0.73" */
    detail_text = g_strdup_printf (_("%.2f · IoU %.2f"), anns->score[index], item->iou);
  else
    detail_text = g_strdup_printf (_("%.2f · no overlap"), anns->score[index]);
  detail = gtk_label_new (detail_text);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "numeric");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), detail);

  outcome = gtk_label_new (precis_overlay_outcome_to_string (item->outcome));
  gtk_widget_add_css_class (outcome, "precis-badge");
  gtk_widget_add_css_class (outcome, outcome_css_class (item->outcome));
  gtk_widget_set_valign (outcome, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), outcome);

  error = gtk_label_new ("");
  gtk_widget_add_css_class (error, "precis-badge");
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_valign (error, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), error);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* The error's line is asked for on hover: it evaluates the Errors page's
   * TIDE on the main thread, which a slider step must not pay for. */
  gtk_widget_set_has_tooltip (row, TRUE);
  g_signal_connect_object (row, "query-tooltip", G_CALLBACK (row_query_tooltip), self->image_view, 0);
  g_object_set_data (G_OBJECT (row), "precis-is-gt", GINT_TO_POINTER (is_gt));
  g_object_set_data (G_OBJECT (row), "precis-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "precis-swatch", swatch);
  g_object_set_data (G_OBJECT (row), "precis-outcome", outcome);
  g_object_set_data (G_OBJECT (row), "precis-error", error);
  return row;
}

static void
set_row_outcome (GtkWidget            *row,
                 PrecisOverlayOutcome  outcome)
{
  static const char * const classes[] = { "tp", "fp", "fn", "gt", "ignored" };
  GtkWidget *swatch = g_object_get_data (G_OBJECT (row), "precis-swatch");
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "precis-outcome");
  const char *css = outcome_css_class (outcome);

  if (gtk_widget_has_css_class (label, css))
    return;
  for (guint k = 0; k < G_N_ELEMENTS (classes); k++)
    {
      gtk_widget_remove_css_class (swatch, classes[k]);
      gtk_widget_remove_css_class (label, classes[k]);
    }
  gtk_widget_add_css_class (swatch, css);
  gtk_widget_add_css_class (label, css);
  gtk_label_set_text (GTK_LABEL (label), precis_overlay_outcome_to_string (outcome));
}

typedef struct {
  guint32 index;
  double  score;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->score != rb->score)
    return ra->score < rb->score ? 1 : -1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/* The object list: predictions by score, then the GTs; hidden items left out.
 * When the same objects stay listed (a new threshold), only their outcomes
 * are updated in place. */
static void
fill_object_list (PrecisExplorerPage *self)
{
  PrecisOverlay *overlay = precis_image_view_get_overlay (self->image_view);
  const PrecisAnnotations *gt;
  const PrecisAnnotations *dt = NULL;
  PrecisOverlayItem *gt_items, *dt_items;
  guint32 gt_start, gt_end, dt_start, dt_end;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GtkWidget *child;
  guint n_shown, k;
  gboolean same = TRUE;
  g_autofree char *heading = NULL;

  if (overlay == NULL || self->dataset == NULL)
    {
      self->filling_list = TRUE;
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->object_list))) != NULL)
        gtk_list_box_remove (self->object_list, child);
      gtk_label_set_text (self->objects_heading, "");
      self->filling_list = FALSE;
      return;
    }

  gt = precis_dataset_get_ground_truth_annotations (self->dataset);
  if (self->matcher != NULL)
    dt = precis_dataset_get_predictions (self->dataset, precis_matcher_get_model (self->matcher));

  /* What to list: Ranked.index with the GTs' scores set to −1 after the
   * predictions, so one array holds the order. */
  dt_items = precis_overlay_get_dt_items (overlay, &dt_start, &dt_end);
  for (guint32 i = dt_start; dt != NULL && i < dt_end; i++)
    if (dt_items[i - dt_start].outcome != PRECIS_OVERLAY_HIDDEN)
      {
        Ranked r = { i, dt->score[i] };
        g_array_append_val (ranked, r);
      }
  g_array_sort (ranked, compare_ranked);
  n_shown = ranked->len;
  gt_items = precis_overlay_get_gt_items (overlay, &gt_start, &gt_end);
  for (guint32 i = gt_start; i < gt_end; i++)
    if (gt_items[i - gt_start].outcome != PRECIS_OVERLAY_HIDDEN)
      {
        Ranked r = { i, -1.0 };
        g_array_append_val (ranked, r);
      }

  /* The same rows as before? */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->object_list));
  for (k = 0; k < ranked->len && child != NULL; k++, child = gtk_widget_get_next_sibling (child))
    {
      gboolean is_gt = k >= n_shown;

      if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "precis-is-gt")) != is_gt ||
          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "precis-index")) != g_array_index (ranked, Ranked, k).index)
        break;
    }
  same = k == ranked->len && child == NULL;

  if (same)
    {
      child = gtk_widget_get_first_child (GTK_WIDGET (self->object_list));
      for (k = 0; k < ranked->len; k++, child = gtk_widget_get_next_sibling (child))
        {
          guint32 i = g_array_index (ranked, Ranked, k).index;

          set_row_outcome (child, k < n_shown ? dt_items[i - dt_start].outcome : gt_items[i - gt_start].outcome);
        }
      return;
    }

  self->filling_list = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->object_list))) != NULL)
    gtk_list_box_remove (self->object_list, child);
  for (k = 0; k < ranked->len; k++)
    {
      guint32 i = g_array_index (ranked, Ranked, k).index;

      if (k < n_shown)
        gtk_list_box_append (self->object_list, object_row_new (self, dt, i, &dt_items[i - dt_start], FALSE));
      else
        gtk_list_box_append (self->object_list, object_row_new (self, gt, i, &gt_items[i - gt_start], TRUE));
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Object", "%u Objects", ranked->len), ranked->len);
  gtk_label_set_text (self->objects_heading, heading);
  self->filling_list = FALSE;
}

/* A click on the picture selects the object in the list, and shows it. */
static void
on_object_clicked (PrecisExplorerPage *self,
                   gboolean            is_gt,
                   guint               index)
{
  GtkWidget *child;

  if (index == PRECIS_NO_INDEX)
    {
      gtk_list_box_unselect_all (self->object_list);
      return;
    }
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->object_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "precis-is-gt")) == is_gt &&
        GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "precis-index")) == index)
      {
        GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->object_list), GTK_TYPE_SCROLLED_WINDOW);
        graphene_rect_t bounds;

        gtk_list_box_select_row (self->object_list, GTK_LIST_BOX_ROW (child));
        /* Keep the keyboard on the picture, but bring the row into view. */
        if (scrolled != NULL &&
            gtk_widget_compute_bounds (child, GTK_WIDGET (self->object_list), &bounds))
          {
            GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
            double value = gtk_adjustment_get_value (adj);
            double page_size = gtk_adjustment_get_page_size (adj);

            if (bounds.origin.y < value)
              gtk_adjustment_set_value (adj, bounds.origin.y);
            else if (bounds.origin.y + bounds.size.height > value + page_size)
              gtk_adjustment_set_value (adj, bounds.origin.y + bounds.size.height - page_size);
          }
        break;
      }
}

static void
on_object_selected (PrecisExplorerPage *self,
                    GtkListBoxRow      *row)
{
  if (self->filling_list)
    return;
  if (row == NULL)
    precis_image_view_set_highlight (self->image_view, FALSE, PRECIS_NO_INDEX);
  else
    precis_image_view_set_highlight (self->image_view,
                                     GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "precis-is-gt")),
                                     GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "precis-index")));
}

/* @force: a new image, whose items are all new. */
void
_precis_explorer_page_update_detail (PrecisExplorerPage *self,
               gboolean            force)
{
  PrecisOverlay *overlay = precis_image_view_get_overlay (self->image_view);
  PrecisOutcomeSource source;
  gboolean changed = TRUE;

  if (overlay == NULL)
    return;
  if (_precis_explorer_page_get_source (self, &source))
    changed = precis_overlay_update_from_source (overlay, &source, NULL);
  precis_image_view_set_layers (self->image_view, self->layers);
  if (changed || force)
    {
      precis_image_view_overlay_changed (self->image_view);
      fill_object_list (self);
    }
  _precis_explorer_page_update_row_types (self);
}

static void
prefetch_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;

  /* Only to fill the cache. */
  texture = precis_thumbnailer_load_finish (PRECIS_THUMBNAILER (source), result, NULL);
}

static guint
current_position (PrecisExplorerPage *self)
{
  if (self->current_image == PRECIS_NO_INDEX)
    return G_MAXUINT;
  return precis_gallery_model_find (self->model, self->current_image);
}

void
_precis_explorer_page_update_nav_actions (PrecisExplorerPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint pos = current_position (self);
  gboolean detail = self->current_image != PRECIS_NO_INDEX;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.previous", detail && pos != G_MAXUINT && pos > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.next", detail && (pos == G_MAXUINT ? n > 0 : pos + 1 < n));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.back", detail);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.zoom-in", detail);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.zoom-out", detail);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.zoom-fit", detail);

  if (detail)
    {
      const PrecisImage *img = precis_dataset_get_image (self->dataset, self->current_image);
      g_autofree char *subtitle = NULL;

      if (pos != G_MAXUINT)
        /* Translators: "Image 3 of 85 · 640 × 480" */
        subtitle = g_strdup_printf (_("Image %u of %u · %u × %u"), pos + 1, n, img->width, img->height);
      else
        subtitle = g_strdup_printf (_("Not in the filtered list · %u × %u"), img->width, img->height);
      gtk_label_set_text (self->detail_subtitle, subtitle);
    }
}

/* Back to the gallery, where we were in the grid. */
static void
show_gallery (PrecisExplorerPage *self)
{
  guint pos = current_position (self);

  self->current_image = PRECIS_NO_INDEX;
  precis_image_view_set_overlay (self->image_view, NULL);
  precis_image_view_set_texture (self->image_view, NULL);
  fill_object_list (self);
  /* The cells stayed bound behind the detail view: bring them up to date. */
  _precis_explorer_page_update_cells (self);
  gtk_stack_set_visible_child_name (self->stack, self->dataset != NULL ? "gallery" : "empty");
  if (self->dataset != NULL && _precis_explorer_page_depends_on_evaluation (self) && self->stats_dirty)
    _precis_explorer_page_refresh_gallery (self);
  _precis_explorer_page_update_nav_actions (self);
  if (pos != G_MAXUINT)
    gtk_widget_activate_action (GTK_WIDGET (self->grid), "list.scroll-to-item", "u", pos);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid));
}

/* The picture of @img: what we have at once (the full picture or its
 * thumbnail), the full picture when it arrives; a note when the file is missing. */
static void
show_picture (PrecisExplorerPage *self,
              const PrecisImage  *img)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (img->path == NULL || !img->present)
    {
      g_autofree char *note = NULL;

      /* Translators: shown on the blank canvas of an image whose file is missing */
      note = g_strdup_printf (_("Image file not found: %s\nThe annotations are drawn on a blank canvas of the ground-truth size, %u × %u."),
                              img->file_name, img->width, img->height);
      precis_image_view_set_texture (self->image_view, NULL);
      precis_image_view_set_note (self->image_view, note);
      return;
    }

  texture = precis_thumbnailer_lookup (self->full_size, img->path);
  if (texture == NULL)
    texture = precis_thumbnailer_lookup (self->thumbnailer, img->path);
  precis_image_view_set_texture (self->image_view, texture);
  if (texture == NULL || gdk_texture_get_width (texture) < (int) img->width)
    {
      self->detail_cancellable = g_cancellable_new ();
      precis_image_view_load_texture (self->image_view, self->full_size, img->path,
                                      self->detail_cancellable, NULL);
    }
}

/* Decodes the picture after the current one meanwhile: stepping through is
 * the common case. */
static void
prefetch_next (PrecisExplorerPage *self)
{
  guint pos = current_position (self);
  guint32 next = pos != G_MAXUINT ? precis_gallery_model_get_image (self->model, pos + 1) : PRECIS_NO_INDEX;
  const PrecisImage *img;
  g_autoptr(GdkTexture) cached = NULL;

  if (next == PRECIS_NO_INDEX)
    return;
  img = precis_dataset_get_image (self->dataset, next);
  if (img->path == NULL || !img->present)
    return;
  cached = precis_thumbnailer_lookup (self->full_size, img->path);
  if (cached == NULL)
    precis_thumbnailer_load_async (self->full_size, img->path, NULL, prefetch_loaded, NULL);
}

void
precis_explorer_page_show_image (PrecisExplorerPage *self,
                                 guint32             image)
{
  const PrecisImage *img;

  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));

  if (self->detail_cancellable != NULL)
    g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);

  if (self->dataset == NULL || image >= precis_dataset_get_n_images (self->dataset))
    {
      show_gallery (self);
      return;
    }

  self->current_image = image;
  img = precis_dataset_get_image (self->dataset, image);
  precis_image_view_show_annotations (self->image_view, self->dataset, self->matcher, image);
  precis_image_view_zoom_fit (self->image_view);
  precis_image_view_set_note (self->image_view, NULL);
  gtk_label_set_text (self->detail_title, img->file_name);
  show_picture (self, img);

  _precis_explorer_page_update_detail (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "detail");
  _precis_explorer_page_update_nav_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->image_view));
  prefetch_next (self);
}

gboolean
precis_explorer_page_is_detail_ready (PrecisExplorerPage *self)
{
  g_return_val_if_fail (PRECIS_IS_EXPLORER_PAGE (self), FALSE);
  return self->current_image != PRECIS_NO_INDEX && !precis_image_view_is_loading (self->image_view);
}

GtkWidget *
precis_explorer_page_get_image_view (PrecisExplorerPage *self)
{
  g_return_val_if_fail (PRECIS_IS_EXPLORER_PAGE (self), NULL);
  return GTK_WIDGET (self->image_view);
}

guint32
precis_explorer_page_get_image (PrecisExplorerPage *self)
{
  g_return_val_if_fail (PRECIS_IS_EXPLORER_PAGE (self), PRECIS_NO_INDEX);
  return self->current_image;
}

static void
on_grid_activate (PrecisExplorerPage *self,
                  guint               position)
{
  precis_explorer_page_show_image (self, precis_gallery_model_get_image (self->model, position));
}

void
_precis_explorer_page_step (PrecisExplorerPage *self,
                            int                 delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint pos;

  if (self->current_image == PRECIS_NO_INDEX || n == 0)
    return;
  /* The list may have changed since the last step: follow it now. */
  if (self->refresh_idle != 0 || (self->stats_dirty && _precis_explorer_page_depends_on_evaluation (self)))
    _precis_explorer_page_refresh_gallery (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  pos = current_position (self);
  if (pos == G_MAXUINT)
    pos = delta > 0 ? 0 : n - 1;
  else if ((delta < 0 && pos == 0) || (delta > 0 && pos + 1 >= n))
    return;
  else
    pos += delta;
  precis_explorer_page_show_image (self, precis_gallery_model_get_image (self->model, pos));
}

void
_precis_explorer_page_class_init_detail (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_grid_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_object_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_object_clicked);
}

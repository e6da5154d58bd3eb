/* precis-explorer-page.c: the image explorer (gallery of thumbnails + detail view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-explorer-page-private.h"
#include "precis-gallery-cell.h"
#include "precis-overlay.h"

#define THUMBNAIL_SIZE    256
#define THUMBNAIL_CACHE   512
#define FULL_SIZE_CACHE   6

G_DEFINE_FINAL_TYPE (PrecisExplorerPage, precis_explorer_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_GT,
  PROP_SHOW_TP,
  PROP_SHOW_FP,
  PROP_SHOW_FN,
  PROP_SHOW_IGNORED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const guint prop_layer[N_PROPS] = {
  [PROP_SHOW_GT] = PRECIS_OVERLAY_LAYER_GT,
  [PROP_SHOW_TP] = PRECIS_OVERLAY_LAYER_TP,
  [PROP_SHOW_FP] = PRECIS_OVERLAY_LAYER_FP,
  [PROP_SHOW_FN] = PRECIS_OVERLAY_LAYER_FN,
  [PROP_SHOW_IGNORED] = PRECIS_OVERLAY_LAYER_IGNORED,
};

static const char * const prop_name[N_PROPS] = {
  [PROP_SHOW_GT] = "show-gt",
  [PROP_SHOW_TP] = "show-tp",
  [PROP_SHOW_FP] = "show-fp",
  [PROP_SHOW_FN] = "show-fn",
  [PROP_SHOW_IGNORED] = "show-ignored",
};

void
precis_explorer_page_set_evaluation (PrecisExplorerPage *self,
                                     PrecisDataset      *dataset,
                                     PrecisMatcher      *matcher,
                                     PrecisActive       *active)
{
  gboolean new_dataset;
  guint32 reopen;

  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));
  g_return_if_fail (dataset == NULL || PRECIS_IS_DATASET (dataset));
  g_return_if_fail (matcher == NULL || PRECIS_IS_MATCHER (matcher));
  g_return_if_fail (active == NULL || PRECIS_IS_ACTIVE (active));

  /* Without a dataset there is nothing to match or evaluate. */
  if (dataset == NULL)
    matcher = NULL;
  if (matcher != NULL && precis_matcher_get_dataset (matcher) != dataset)
    matcher = NULL;
  if (matcher == NULL || (active != NULL && precis_active_get_matcher (active) != matcher))
    active = NULL;

  new_dataset = dataset != self->dataset;
  if (!new_dataset && matcher == self->matcher && active == self->active)
    {
      precis_explorer_page_evaluation_changed (self);
      return;
    }

  /* Another model or shape kind of the same project keeps the open image. */
  reopen = new_dataset ? PRECIS_NO_INDEX : self->current_image;

  /* Detach the cells and the detail view from the old objects first. */
  precis_explorer_page_show_image (self, PRECIS_NO_INDEX);
  precis_gallery_model_set_images (self->model, NULL, 0);
  precis_gallery_model_forget_items (self->model);
  _precis_explorer_page_free_stats (self);

  g_set_object (&self->dataset, dataset);
  g_set_object (&self->matcher, matcher);
  g_set_object (&self->active, active);
  g_clear_object (&self->coco);
  _precis_explorer_metric_reset (self);

  if (new_dataset)
    {
      precis_thumbnailer_clear (self->thumbnailer);
      precis_thumbnailer_clear (self->full_size);
      _precis_explorer_page_fill_class_dropdown (self);
    }

  if (dataset == NULL || precis_dataset_get_n_images (dataset) == 0)
    {
      gtk_label_set_text (self->empty_title, dataset == NULL ? _("No Project") : _("No Images"));
      gtk_label_set_text (self->empty_description,
                          dataset == NULL ? _("Open a project to browse its images with their annotations and predictions.")
                                          : _("The ground truth of this project lists no image."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      _precis_explorer_page_update_nav_actions (self);
      return;
    }

  _precis_explorer_page_refresh_gallery (self);
  gtk_stack_set_visible_child_name (self->stack, "gallery");
  if (reopen != PRECIS_NO_INDEX)
    precis_explorer_page_show_image (self, reopen);
}

gboolean
_precis_explorer_page_get_source (PrecisExplorerPage  *self,
                                  PrecisOutcomeSource *source)
{
  source->active = self->active;
  source->coco = self->coco;
  source->coco_threshold = self->coco_threshold;
  return precis_outcome_source_is_set (source);
}

void
precis_explorer_page_set_coco (PrecisExplorerPage *self,
                               PrecisCocoEval     *coco,
                               guint               threshold)
{
  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));
  g_return_if_fail (coco == NULL || precis_cocoeval_has_objects (coco));

  if (coco != NULL && (self->matcher == NULL || precis_cocoeval_get_matcher (coco) != self->matcher))
    coco = NULL;
  g_set_object (&self->coco, coco);
  self->coco_threshold = coco != NULL ? threshold : 0;
}

void
precis_explorer_page_evaluation_changed (PrecisExplorerPage *self)
{
  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));

  if (self->dataset == NULL)
    return;

  _precis_explorer_page_invalidate_stats (self);
  /* The error type filter's counts follow from a worker (the list stays until then). */
  if (self->error_filter != G_MAXUINT)
    gtk_label_set_text (self->count_label, _("Computing error types…"));

  /* A hidden page only notes it: the slider must not pay for cells nobody sees. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->outcomes_dirty = TRUE;
      return;
    }

  /* What is on screen follows in this frame. */
  if (self->current_image != PRECIS_NO_INDEX)
    _precis_explorer_page_update_detail (self, FALSE);
  else
    _precis_explorer_page_update_cells (self);

  /* The list follows after it, and only when it depends on the outcomes. */
  if (_precis_explorer_page_depends_on_evaluation (self) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    _precis_explorer_page_queue_refresh (self);
}

static void
set_layers (PrecisExplorerPage *self,
            guint               layers)
{
  guint changed = self->layers ^ layers;

  if (changed == 0)
    return;
  self->layers = layers;
  for (guint p = 1; p < N_PROPS; p++)
    if ((changed & prop_layer[p]) != 0)
      g_object_notify_by_pspec (G_OBJECT (self), properties[p]);

  precis_image_view_set_layers (self->image_view, layers);
  for (guint k = 0; k < self->cells->len; k++)
    precis_image_view_set_layers (precis_gallery_cell_get_view (g_ptr_array_index (self->cells, k)), layers);
}

/* ------------------------------------------------------------------------- */
/* GObject                                                                    */

static void
precis_explorer_page_map (GtkWidget *widget)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (widget);

  GTK_WIDGET_CLASS (precis_explorer_page_parent_class)->map (widget);

  /* Catch up with evaluations made while hidden. */
  if (self->dataset != NULL && self->outcomes_dirty)
    {
      self->outcomes_dirty = FALSE;
      if (self->current_image != PRECIS_NO_INDEX)
        _precis_explorer_page_update_detail (self, FALSE);
      else
        _precis_explorer_page_update_cells (self);
    }
  if (self->dataset != NULL && self->stats_dirty && _precis_explorer_page_depends_on_evaluation (self))
    _precis_explorer_page_queue_refresh (self);
}

static void
precis_explorer_page_dispose (GObject *object)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  _precis_explorer_metric_free (self);
  if (self->detail_cancellable != NULL)
    g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  _precis_explorer_page_invalidate_stats (self);

  if (self->grid != NULL)
    gtk_grid_view_set_model (self->grid, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRECIS_TYPE_EXPLORER_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->model);
  g_clear_object (&self->active);
  g_clear_object (&self->coco);
  g_clear_object (&self->matcher);
  g_clear_object (&self->dataset);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->full_size);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (precis_explorer_page_parent_class)->dispose (object);
}

static void
precis_explorer_page_finalize (GObject *object)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (object);

  _precis_explorer_page_free_stats (self);

  G_OBJECT_CLASS (precis_explorer_page_parent_class)->finalize (object);
}

static void
precis_explorer_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (object);

  if (prop_id > 0 && prop_id < N_PROPS)
    g_value_set_boolean (value, (self->layers & prop_layer[prop_id]) != 0);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
precis_explorer_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (object);

  if (prop_id > 0 && prop_id < N_PROPS)
    {
      if (g_value_get_boolean (value))
        set_layers (self, self->layers | prop_layer[prop_id]);
      else
        set_layers (self, self->layers & ~prop_layer[prop_id]);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/precis/Precis/ui/precis-explorer-page.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
precis_explorer_page_class_init (PrecisExplorerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_explorer_page_dispose;
  object_class->finalize = precis_explorer_page_finalize;
  object_class->get_property = precis_explorer_page_get_property;
  object_class->set_property = precis_explorer_page_set_property;

  widget_class->map = precis_explorer_page_map;

  /* show-gt, show-tp, …: one boolean per overlay layer, all on at first. */
  for (guint p = 1; p < N_PROPS; p++)
    properties[p] = g_param_spec_boolean (prop_name[p], NULL, NULL, TRUE,
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PRECIS_TYPE_IMAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/precis/Precis/ui/precis-explorer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, empty_title);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, empty_description);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, filter_tp);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, filter_fp);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, filter_fn);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, error_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, gallery_layers);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, gallery_stack);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, grid);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, detail_layers);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, image_view);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, objects_heading);
  gtk_widget_class_bind_template_child (widget_class, PrecisExplorerPage, object_list);
  _precis_explorer_page_class_init_gallery (widget_class);
  _precis_explorer_page_class_init_detail (widget_class);
  _precis_explorer_page_class_init_actions (widget_class);
  _precis_explorer_page_class_init_filter (widget_class);

  gtk_widget_class_set_css_name (widget_class, "precis-explorer-page");
}

static void
precis_explorer_page_init (PrecisExplorerPage *self)
{
  load_css ();

  self->layers = PRECIS_OVERLAY_LAYER_ALL;
  self->current_image = PRECIS_NO_INDEX;
  self->class_filter = PRECIS_NO_INDEX;
  self->error_filter = G_MAXUINT;
  self->sort_mode = SORT_FILE_NAME;
  self->stats_dirty = TRUE;
  self->names_sorted = -1;
  self->cells = g_ptr_array_new ();
  self->model = precis_gallery_model_new ();
  self->thumbnailer = precis_thumbnailer_new (THUMBNAIL_SIZE, THUMBNAIL_CACHE);
  self->full_size = precis_thumbnailer_new (0, FULL_SIZE_CACHE);

  gtk_widget_init_template (GTK_WIDGET (self));

  _precis_explorer_page_init_actions (self);
  _precis_explorer_page_init_gallery (self);
  _precis_explorer_metric_init (self);

  _precis_explorer_page_fill_class_dropdown (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_label_set_text (self->empty_title, _("No Project"));
  _precis_explorer_page_update_nav_actions (self);
}

GtkWidget *
precis_explorer_page_new (void)
{
  return g_object_new (PRECIS_TYPE_EXPLORER_PAGE, NULL);
}

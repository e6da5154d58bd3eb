/* precis-explorer-gallery.c: the explorer's gallery: per-image statistics,
 * filter, sort and the thumbnail cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "precis-explorer-page-private.h"
#include "precis-gallery-cell.h"

#define REFRESH_DELAY_MS  250

/* ------------------------------------------------------------------------- */
/* Per-image statistics, filter and sort                                       */

void
_precis_explorer_page_free_stats (PrecisExplorerPage *self)
{
  g_clear_pointer (&self->img_tp, g_free);
  g_clear_pointer (&self->img_fp, g_free);
  g_clear_pointer (&self->img_fn, g_free);
  g_clear_pointer (&self->img_conf, g_free);
  g_clear_pointer (&self->img_has_class, g_free);
  g_clear_pointer (&self->img_errors, g_free);
  g_clear_pointer (&self->types, g_free);
  g_clear_pointer (&self->image_filter, g_free);
  g_clear_pointer (&self->image_filter_label, g_free);
  _precis_explorer_page_clear_emphasis (self);
  self->names_sorted = -1;
  _precis_explorer_page_invalidate_stats (self);
}

void
_precis_explorer_page_invalidate_stats (PrecisExplorerPage *self)
{
  self->stats_dirty = TRUE;
  self->outcomes_current = FALSE;
  self->errors_current = FALSE;
  g_cancellable_cancel (self->errors_cancellable);
  g_clear_object (&self->errors_cancellable);
  self->types_current = FALSE;
  g_cancellable_cancel (self->types_cancellable);
  g_clear_object (&self->types_cancellable);
}

static void set_cells_errors (PrecisExplorerPage *self);

static void
errors_counted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PrecisExplorerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *per_image = self->error_finish (result, &error, self->error_data);
  guint n_images;

  /* Cancelled: a newer request is out, or none is needed. */
  if (error != NULL || self->errors_cancellable == NULL ||
      g_cancellable_is_cancelled (self->errors_cancellable) || self->dataset == NULL)
    return;
  g_clear_object (&self->errors_cancellable);
  n_images = precis_dataset_get_n_images (self->dataset);
  if (self->img_errors == NULL)
    self->img_errors = g_new (guint32, MAX (n_images, 1));
  /* Not known yet (the Errors page is still building its table): no image has
   * any; the page asks for a refresh when they are. */
  if (per_image != NULL)
    memcpy (self->img_errors, per_image, sizeof (guint32) * n_images);
  else
    memset (self->img_errors, 0, sizeof (guint32) * n_images);
  self->errors_current = TRUE;
  _precis_explorer_page_refresh_gallery (self);
  set_cells_errors (self);
}

/* The error badge of @cell: the errors of the filter's type in its image, once known. */
static void
set_cell_errors (PrecisExplorerPage *self,
                 PrecisGalleryCell  *cell)
{
  guint32 k = precis_gallery_cell_get_image (cell);
  gboolean known = self->error_filter != G_MAXUINT && self->errors_current && self->img_errors != NULL &&
                   k != PRECIS_NO_INDEX;

  /* Translators: the error badge of a thumbnail counting errors of any TIDE type: "3 errors" */
  precis_gallery_cell_set_errors (cell, known ? self->img_errors[k] : 0,
                                  self->error_filter < PRECIS_TIDE_N_ERRORS
                                  ? precis_tide_error_to_name (self->error_filter) : _("errors"));
}

static void
set_cells_errors (PrecisExplorerPage *self)
{
  for (guint k = 0; k < self->cells->len; k++)
    set_cell_errors (self, g_ptr_array_index (self->cells, k));
}

/* Asks for the error counts of the filter's type in a worker, unless they are
 * current or asked for already: the main thread pays only for the request. */
static void
request_errors (PrecisExplorerPage *self)
{
  if (self->errors_current || self->errors_cancellable != NULL)
    return;
  if (self->error_func == NULL)
    {
      guint n_images = precis_dataset_get_n_images (self->dataset);

      if (self->img_errors == NULL)
        self->img_errors = g_new (guint32, MAX (n_images, 1));
      memset (self->img_errors, 0, sizeof (guint32) * n_images);
      self->errors_current = TRUE;
      return;
    }
  self->errors_cancellable = g_cancellable_new ();
  self->error_func (self->error_filter, self->class_filter, self->errors_cancellable,
                    errors_counted_cb, g_object_ref (self), self->error_data);
}

static gboolean
outcome_filter_active (PrecisExplorerPage *self)
{
  return gtk_toggle_button_get_active (self->filter_tp) ||
         gtk_toggle_button_get_active (self->filter_fp) ||
         gtk_toggle_button_get_active (self->filter_fn);
}

/* Whether the gallery's contents or order depend on the evaluation. */
gboolean
_precis_explorer_page_depends_on_evaluation (PrecisExplorerPage *self)
{
  return outcome_filter_active (self) || self->sort_mode != SORT_FILE_NAME ||
         self->error_filter != G_MAXUINT;
}

/* Whether the list needs the per-image TP, FP, FN counts or scores: an outcome
 * filter, or an order by them (the error type filter's order uses its counts). */
static gboolean
needs_outcomes (PrecisExplorerPage *self,
                gboolean            any_outcome)
{
  return any_outcome || self->sort_mode == SORT_CONFIDENCE ||
         (self->sort_mode == SORT_ERRORS && self->error_filter == G_MAXUINT);
}

/* TP, FP, FN counts and the highest evaluated score per image, restricted to
 * the class filter, when @outcomes: O(#predictions + #GT), no allocation after
 * the first; at 500k predictions that is tens of ms, which the error type filter
 * alone does not pay (its counts come from a worker). */
static void
compute_stats (PrecisExplorerPage *self,
               gboolean            outcomes)
{
  guint n_images = precis_dataset_get_n_images (self->dataset);
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (self->dataset);
  const PrecisAnnotations *dt = NULL;
  PrecisOutcomeSource source;

  if (self->img_tp == NULL)
    {
      self->img_tp = g_new (guint32, MAX (n_images, 1));
      self->img_fp = g_new (guint32, MAX (n_images, 1));
      self->img_fn = g_new (guint32, MAX (n_images, 1));
      self->img_conf = g_new (double, MAX (n_images, 1));
      self->img_has_class = g_new (guint8, MAX (n_images, 1));
    }
  memset (self->img_tp, 0, sizeof (guint32) * n_images);
  memset (self->img_fp, 0, sizeof (guint32) * n_images);
  memset (self->img_fn, 0, sizeof (guint32) * n_images);
  memset (self->img_has_class, 0, n_images);
  for (guint k = 0; k < n_images; k++)
    self->img_conf[k] = -1.0;

  if (self->matcher != NULL)
    dt = precis_dataset_get_predictions (self->dataset, precis_matcher_get_model (self->matcher));

  if (self->class_filter != PRECIS_NO_INDEX)
    {
      for (guint g = 0; g < gt->n_groups; g++)
        if (gt->groups[g].category == self->class_filter)
          self->img_has_class[gt->groups[g].image] = 1;
      for (guint g = 0; dt != NULL && g < dt->n_groups; g++)
        if (dt->groups[g].category == self->class_filter)
          self->img_has_class[dt->groups[g].image] = 1;
    }

  self->stats_dirty = FALSE;
  self->outcomes_current = outcomes;
  if (self->error_filter != G_MAXUINT)
    request_errors (self);
  if (!outcomes || !_precis_explorer_page_get_source (self, &source))
    return;

  for (guint32 i = 0; i < gt->n; i++)
    {
      if (self->class_filter != PRECIS_NO_INDEX && gt->category[i] != self->class_filter)
        continue;
      if (precis_outcome_source_gt (&source, i, NULL) == PRECIS_GT_FN)
        self->img_fn[gt->image[i]]++;
    }

  for (guint32 i = 0; dt != NULL && i < dt->n; i++)
    {
      guint32 image = dt->image[i];

      if (self->class_filter != PRECIS_NO_INDEX && dt->category[i] != self->class_filter)
        continue;
      switch (precis_outcome_source_prediction (&source, i, NULL, NULL))
        {
        case PRECIS_PREDICTION_TP:
          self->img_tp[image]++;
          break;
        case PRECIS_PREDICTION_FP:
          self->img_fp[image]++;
          break;
        case PRECIS_PREDICTION_IGNORED:
          break;
        case PRECIS_PREDICTION_FILTERED:
        default:
          continue;
        }
      if (dt->score[i] > self->img_conf[image])
        self->img_conf[image] = dt->score[i];
    }
}

/* What the evaluation-dependent orders sort by, larger first: the number of
 * errors (those of the error type filter's type, else FP + FN) or the highest
 * score of image @k. */
static double
sort_key (PrecisExplorerPage *self,
          guint32             k)
{
  if (self->sort_mode == SORT_ERRORS && self->error_filter != G_MAXUINT)
    return self->img_errors[k];
  if (self->sort_mode == SORT_ERRORS)
    return (double) self->img_fp[k] + self->img_fn[k];
  return self->img_conf[k];
}

/* File names in natural order: runs of digits compare as numbers, so that
 * img2.png comes before img10.png. No allocation: 100k names sort in tens of
 * milliseconds, and an already sorted dataset is only checked. */
static int
natural_compare (const char *a,
                 const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *ea, *eb;
          gsize la, lb;
          int cmp;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (ea = a; g_ascii_isdigit (*ea); ea++)
            ;
          for (eb = b; g_ascii_isdigit (*eb); eb++)
            ;
          la = ea - a;
          lb = eb - b;
          if (la != lb)
            return la < lb ? -1 : 1;
          cmp = strncmp (a, b, la);
          if (cmp != 0)
            return cmp;
          a = ea;
          b = eb;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return (guchar) *a < (guchar) *b ? -1 : (guchar) *a > (guchar) *b;
}

/* The gallery's order: by file name, or by sort_key(), larger first. Ties
 * keep index order, so that the order is total and stable. */
static int
compare_images (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PrecisExplorerPage *self = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;

  if (self->sort_mode == SORT_FILE_NAME)
    {
      int cmp = natural_compare (precis_dataset_get_image (self->dataset, ia)->file_name,
                                 precis_dataset_get_image (self->dataset, ib)->file_name);

      if (cmp != 0)
        return cmp;
    }
  else
    {
      double ka = sort_key (self, ia), kb = sort_key (self, ib);

      if (ka != kb)
        return ka < kb ? 1 : -1;
    }
  return ia < ib ? -1 : ia > ib;
}

static gboolean
dataset_names_sorted (PrecisExplorerPage *self)
{
  if (self->names_sorted < 0)
    {
      guint n = precis_dataset_get_n_images (self->dataset);

      self->names_sorted = 1;
      for (guint32 k = 1; k < n && self->names_sorted; k++)
        if (natural_compare (precis_dataset_get_image (self->dataset, k - 1)->file_name,
                             precis_dataset_get_image (self->dataset, k)->file_name) > 0)
          self->names_sorted = 0;
    }
  return self->names_sorted == 1;
}

static void
update_count_label (PrecisExplorerPage *self,
                    guint               shown,
                    guint               total)
{
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", total), total);
  else
    /* Translators: "12 of 85 images" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u image", "%u of %u images", total),
                            shown, total);
  /* The filter chip next to it names the Errors page's filter. */
  gtk_label_set_text (self->count_label, text);
}

/* Rebuilds the filtered, sorted image list; the model emits only what changed. */
void
_precis_explorer_page_refresh_gallery (PrecisExplorerPage *self)
{
  g_autofree guint32 *images = NULL;
  guint n_images, n = 0;
  gboolean want_tp, want_fp, want_fn, any_outcome;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);

  if (self->dataset == NULL)
    {
      precis_gallery_model_set_images (self->model, NULL, 0);
      return;
    }

  n_images = precis_dataset_get_n_images (self->dataset);
  want_tp = gtk_toggle_button_get_active (self->filter_tp);
  want_fp = gtk_toggle_button_get_active (self->filter_fp);
  want_fn = gtk_toggle_button_get_active (self->filter_fn);
  any_outcome = want_tp || want_fp || want_fn;

  if ((self->stats_dirty &&
       (any_outcome || self->sort_mode != SORT_FILE_NAME || self->class_filter != PRECIS_NO_INDEX ||
        self->error_filter != G_MAXUINT)) ||
      (needs_outcomes (self, any_outcome) && !self->outcomes_current))
    compute_stats (self, needs_outcomes (self, any_outcome));
  else if (self->error_filter != G_MAXUINT)
    request_errors (self);
  /* The list stays as it is until the counts arrive (errors_counted_cb). */
  if (self->error_filter != G_MAXUINT && !self->errors_current)
    {
      gtk_label_set_text (self->count_label, _("Computing error types…"));
      return;
    }
  if (!_precis_explorer_metric_ready (self))
    return;   /* the metric's worker refreshes again when done */

  images = g_new (guint32, MAX (n_images, 1));
  for (guint32 k = 0; k < n_images; k++)
    {
      if (self->class_filter != PRECIS_NO_INDEX && !self->img_has_class[k])
        continue;
      if (self->image_filter != NULL && !self->image_filter[k])
        continue;
      if (self->error_filter != G_MAXUINT && self->img_errors[k] == 0)
        continue;
      if (!_precis_explorer_metric_accepts (self, k))
        continue;
      if (any_outcome &&
          !((want_tp && self->img_tp[k] > 0) ||
            (want_fp && self->img_fp[k] > 0) ||
            (want_fn && self->img_fn[k] > 0)))
        continue;
      images[n++] = k;
    }

  /* A metric chosen in the Metric popover sorts instead. */
  if (!_precis_explorer_metric_sort (self, images, n))
    {
      switch (self->sort_mode)
        {
        case SORT_ERRORS:
        case SORT_CONFIDENCE:
          g_qsort_with_data (images, n, sizeof (guint32), compare_images, self);
          break;
        case SORT_FILE_NAME:
        default:
          /* The list is in index order: nothing to do when that is name order. */
          if (!dataset_names_sorted (self))
            g_qsort_with_data (images, n, sizeof (guint32), compare_images, self);
          break;
        }
    }

  precis_gallery_model_set_images (self->model, images, n);
  update_count_label (self, n, n_images);
  gtk_stack_set_visible_child_name (self->gallery_stack, n > 0 ? "grid" : "no-results");
  _precis_explorer_page_update_nav_actions (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PrecisExplorerPage *self = user_data;

  self->refresh_idle = 0;
  _precis_explorer_page_refresh_gallery (self);
  return G_SOURCE_REMOVE;
}

/* The overlays and badges on screen follow every evaluation at once. Which
 * images are listed, and in which order, follows once the evaluation has
 * rested for a moment: thumbnails do not jump about under the pointer while
 * the slider is dragged, and a re-sort of 100k images is not paid per step. */
void
_precis_explorer_page_queue_refresh (PrecisExplorerPage *self)
{
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  self->refresh_idle = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REFRESH_DELAY_MS,
                                           refresh_idle_cb, self, NULL);
}

static void
on_filter_toggled (PrecisExplorerPage *self)
{
  _precis_explorer_page_refresh_gallery (self);
}

static void
on_class_selected (PrecisExplorerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->class_dropdown);
  guint32 filter = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? PRECIS_NO_INDEX : selected - 1;

  if (filter == self->class_filter)
    return;
  self->class_filter = filter;
  _precis_explorer_page_invalidate_stats (self);
  _precis_explorer_page_refresh_gallery (self);
}

static void
on_error_selected (PrecisExplorerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->error_dropdown);
  guint filter = G_MAXUINT;

  /* 0 all objects, 1 any error, then TIDE's types in order. */
  if (selected == 1)
    filter = PRECIS_TIDE_N_ERRORS;
  else if (selected >= 2 && selected < 2 + PRECIS_TIDE_N_ERRORS)
    filter = selected - 2;
  if (filter == self->error_filter)
    return;
  self->error_filter = filter;
  _precis_explorer_page_invalidate_stats (self);
  set_cells_errors (self);
  _precis_explorer_page_refresh_gallery (self);
}

static void
on_sort_selected (PrecisExplorerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  self->sort_mode = selected <= SORT_CONFIDENCE ? (SortMode) selected : SORT_FILE_NAME;
  _precis_explorer_page_refresh_gallery (self);
}

/* ------------------------------------------------------------------------- */
/* Gallery cells                                                              */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            PrecisExplorerPage       *self)
{
  gtk_list_item_set_child (item, precis_gallery_cell_new ());
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PrecisExplorerPage       *self)
{
  PrecisGalleryCell *cell = PRECIS_GALLERY_CELL (gtk_list_item_get_child (item));
  PrecisGalleryItem *gallery_item = gtk_list_item_get_item (item);
  PrecisOutcomeSource source;

  if (self->dataset == NULL)
    return;
  precis_gallery_cell_bind (cell, self->dataset, self->matcher,
                            precis_gallery_item_get_image (gallery_item), self->thumbnailer);
  _precis_explorer_page_get_source (self, &source);
  precis_gallery_cell_update (cell, &source, self->layers);
  precis_image_view_set_emphasis (precis_gallery_cell_get_view (cell), self->emphasis_gt, self->emphasis_dt);
  set_cell_errors (self, cell);
  g_ptr_array_add (self->cells, cell);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PrecisExplorerPage       *self)
{
  PrecisGalleryCell *cell = PRECIS_GALLERY_CELL (gtk_list_item_get_child (item));

  precis_gallery_cell_unbind (cell);
  precis_image_view_set_emphasis (precis_gallery_cell_get_view (cell), NULL, NULL);
  g_ptr_array_remove_fast (self->cells, cell);
}

void
_precis_explorer_page_update_cells (PrecisExplorerPage *self)
{
  PrecisOutcomeSource source;

  _precis_explorer_page_get_source (self, &source);
  for (guint k = 0; k < self->cells->len; k++)
    precis_gallery_cell_update (g_ptr_array_index (self->cells, k), &source, self->layers);
  set_cells_errors (self);
}
void
_precis_explorer_page_fill_class_dropdown (PrecisExplorerPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("All classes"));
  if (self->dataset != NULL)
    for (guint c = 0; c < precis_dataset_get_n_categories (self->dataset); c++)
      gtk_string_list_append (list, precis_dataset_get_category (self->dataset, c)->name);

  self->class_filter = PRECIS_NO_INDEX;
  gtk_drop_down_set_model (self->class_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->class_dropdown, 0);
}

void
_precis_explorer_page_init_gallery (PrecisExplorerPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  gtk_grid_view_set_factory (self->grid, factory);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model))));
  gtk_grid_view_set_model (self->grid, selection);
  g_object_unref (selection);
}

void
_precis_explorer_page_class_init_gallery (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_class_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_error_selected);
}

void
precis_explorer_page_set_error_func (PrecisExplorerPage       *self,
                                     PrecisExplorerErrorFunc   func,
                                     PrecisExplorerErrorFinish finish,
                                     gpointer                  user_data)
{
  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));
  g_return_if_fail ((func == NULL) == (finish == NULL));

  self->error_func = func;
  self->error_finish = finish;
  self->error_data = user_data;
  _precis_explorer_page_invalidate_stats (self);
}

gboolean
precis_explorer_page_is_computing (PrecisExplorerPage *self)
{
  g_return_val_if_fail (PRECIS_IS_EXPLORER_PAGE (self), FALSE);
  return self->error_filter != G_MAXUINT && !self->errors_current;
}

void
precis_explorer_page_set_error_filter (PrecisExplorerPage *self,
                                       guint               error)
{
  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));
  g_return_if_fail (error <= PRECIS_TIDE_N_ERRORS || error == G_MAXUINT);

  gtk_drop_down_set_selected (self->error_dropdown,
                              error == G_MAXUINT ? 0 : error == PRECIS_TIDE_N_ERRORS ? 1 : error + 2);
}

gboolean
precis_explorer_page_get_gallery_images (PrecisExplorerPage *self,
                                         GArray             *images)
{
  GListModel *model;

  g_return_val_if_fail (PRECIS_IS_EXPLORER_PAGE (self), FALSE);

  model = G_LIST_MODEL (self->model);
  g_array_set_size (images, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      guint32 k = precis_gallery_model_get_image (self->model, i);

      g_array_append_val (images, k);
    }
  return self->image_filter != NULL;
}

/* precis-explorer-page.c: the image explorer (gallery of thumbnails + detail view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "precis-explorer-page.h"
#include "precis-gallery-cell.h"
#include "precis-gallery-model.h"
#include "precis-image-view.h"
#include "precis-overlay.h"
#include "precis-thumbnailer.h"

#define THUMBNAIL_SIZE    256
#define THUMBNAIL_CACHE   512
#define FULL_SIZE_CACHE   6
#define REFRESH_DELAY_MS  250

typedef enum {
  SORT_FILE_NAME,
  SORT_ERRORS,
  SORT_CONFIDENCE,
} SortMode;

struct _PrecisExplorerPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkLabel           *empty_title;
  GtkLabel           *empty_description;
  GtkToggleButton    *filter_tp;
  GtkToggleButton    *filter_fp;
  GtkToggleButton    *filter_fn;
  GtkDropDown        *class_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkLabel           *count_label;
  GtkBox             *gallery_layers;
  GtkStack           *gallery_stack;
  GtkGridView        *grid;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkBox             *detail_layers;
  PrecisImageView    *image_view;
  GtkLabel           *objects_heading;
  GtkListBox         *object_list;

  /* What is shown */
  PrecisDataset      *dataset;
  PrecisMatcher      *matcher;
  PrecisActive       *active;

  PrecisGalleryModel *model;
  GPtrArray          *cells;          /* bound PrecisGalleryCell, not owned */
  PrecisThumbnailer  *thumbnailer;
  PrecisThumbnailer  *full_size;
  GCancellable       *detail_cancellable;
  guint32             current_image;  /* PRECIS_NO_INDEX in the gallery */
  gboolean            filling_list;

  guint               layers;

  /* Filter and sort */
  gboolean            stats_dirty;
  gboolean            outcomes_dirty;   /* an evaluation arrived while the page was hidden */
  guint32            *img_tp;
  guint32            *img_fp;
  guint32            *img_fn;
  double             *img_conf;
  guint8             *img_has_class;
  int                 names_sorted;   /* −1 unknown, else whether index order is name order */
  guint32             class_filter;   /* category index or PRECIS_NO_INDEX */
  SortMode            sort_mode;
  guint               refresh_idle;
};

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

static void refresh_gallery   (PrecisExplorerPage *self);
static void update_detail     (PrecisExplorerPage *self,
                               gboolean            force);
static void update_nav_actions (PrecisExplorerPage *self);

/* ------------------------------------------------------------------------- */
/* Per-image statistics, filter and sort                                       */

static void
free_stats (PrecisExplorerPage *self)
{
  g_clear_pointer (&self->img_tp, g_free);
  g_clear_pointer (&self->img_fp, g_free);
  g_clear_pointer (&self->img_fn, g_free);
  g_clear_pointer (&self->img_conf, g_free);
  g_clear_pointer (&self->img_has_class, g_free);
  self->names_sorted = -1;
  self->stats_dirty = TRUE;
}

static gboolean
outcome_filter_active (PrecisExplorerPage *self)
{
  return gtk_toggle_button_get_active (self->filter_tp) ||
         gtk_toggle_button_get_active (self->filter_fp) ||
         gtk_toggle_button_get_active (self->filter_fn);
}

/* Whether the gallery's contents or order depend on the evaluation. */
static gboolean
gallery_depends_on_evaluation (PrecisExplorerPage *self)
{
  return outcome_filter_active (self) || self->sort_mode != SORT_FILE_NAME;
}

/* TP, FP, FN counts and the highest evaluated score per image, restricted to
 * the class filter: O(#predictions + #GT), no allocation after the first. */
static void
compute_stats (PrecisExplorerPage *self)
{
  guint n_images = precis_dataset_get_n_images (self->dataset);
  const PrecisAnnotations *gt = precis_dataset_get_ground_truth_annotations (self->dataset);
  const PrecisAnnotations *dt = NULL;

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
  if (self->active == NULL)
    return;

  for (guint32 i = 0; i < gt->n; i++)
    {
      if (self->class_filter != PRECIS_NO_INDEX && gt->category[i] != self->class_filter)
        continue;
      if (precis_active_get_gt_outcome (self->active, i) == PRECIS_GT_FN)
        self->img_fn[gt->image[i]]++;
    }

  for (guint32 i = 0; dt != NULL && i < dt->n; i++)
    {
      guint32 image = dt->image[i];

      if (self->class_filter != PRECIS_NO_INDEX && dt->category[i] != self->class_filter)
        continue;
      switch (precis_active_get_prediction_outcome (self->active, i))
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

static int
compare_errors (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PrecisExplorerPage *self = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;
  guint32 ea = self->img_fp[ia] + self->img_fn[ia];
  guint32 eb = self->img_fp[ib] + self->img_fn[ib];

  if (ea != eb)
    return ea < eb ? 1 : -1;
  return ia < ib ? -1 : ia > ib;
}

static int
compare_confidence (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  PrecisExplorerPage *self = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;

  if (self->img_conf[ia] != self->img_conf[ib])
    return self->img_conf[ia] < self->img_conf[ib] ? 1 : -1;
  return ia < ib ? -1 : ia > ib;
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

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  PrecisExplorerPage *self = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;
  int cmp = natural_compare (precis_dataset_get_image (self->dataset, ia)->file_name,
                             precis_dataset_get_image (self->dataset, ib)->file_name);

  if (cmp != 0)
    return cmp;
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
  gtk_label_set_text (self->count_label, text);
}

/* Rebuilds the filtered, sorted image list; the model emits only what changed. */
static void
refresh_gallery (PrecisExplorerPage *self)
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

  if (self->stats_dirty &&
      (any_outcome || self->sort_mode != SORT_FILE_NAME || self->class_filter != PRECIS_NO_INDEX))
    compute_stats (self);

  images = g_new (guint32, MAX (n_images, 1));
  for (guint32 k = 0; k < n_images; k++)
    {
      if (self->class_filter != PRECIS_NO_INDEX && !self->img_has_class[k])
        continue;
      if (any_outcome &&
          !((want_tp && self->img_tp[k] > 0) ||
            (want_fp && self->img_fp[k] > 0) ||
            (want_fn && self->img_fn[k] > 0)))
        continue;
      images[n++] = k;
    }

  switch (self->sort_mode)
    {
    case SORT_ERRORS:
      g_qsort_with_data (images, n, sizeof (guint32), compare_errors, self);
      break;
    case SORT_CONFIDENCE:
      g_qsort_with_data (images, n, sizeof (guint32), compare_confidence, self);
      break;
    case SORT_FILE_NAME:
    default:
      /* The list is in index order: nothing to do when that is name order. */
      if (!dataset_names_sorted (self))
        g_qsort_with_data (images, n, sizeof (guint32), compare_names, self);
      break;
    }

  precis_gallery_model_set_images (self->model, images, n);
  update_count_label (self, n, n_images);
  gtk_stack_set_visible_child_name (self->gallery_stack, n > 0 ? "grid" : "no-results");
  update_nav_actions (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PrecisExplorerPage *self = user_data;

  self->refresh_idle = 0;
  refresh_gallery (self);
  return G_SOURCE_REMOVE;
}

/* The overlays and badges on screen follow every evaluation at once. Which
 * images are listed, and in which order, follows once the evaluation has
 * rested for a moment: thumbnails do not jump about under the pointer while
 * the slider is dragged, and a re-sort of 100k images is not paid per step. */
static void
queue_refresh (PrecisExplorerPage *self)
{
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  self->refresh_idle = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REFRESH_DELAY_MS,
                                           refresh_idle_cb, self, NULL);
}

static void
on_filter_toggled (PrecisExplorerPage *self)
{
  refresh_gallery (self);
}

static void
on_class_selected (PrecisExplorerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->class_dropdown);
  guint32 filter = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? PRECIS_NO_INDEX : selected - 1;

  if (filter == self->class_filter)
    return;
  self->class_filter = filter;
  self->stats_dirty = TRUE;
  refresh_gallery (self);
}

static void
on_sort_selected (PrecisExplorerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  self->sort_mode = selected <= SORT_CONFIDENCE ? (SortMode) selected : SORT_FILE_NAME;
  refresh_gallery (self);
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

  if (self->dataset == NULL)
    return;
  precis_gallery_cell_bind (cell, self->dataset, self->matcher,
                            precis_gallery_item_get_image (gallery_item), self->thumbnailer);
  precis_gallery_cell_update (cell, self->active, self->layers);
  g_ptr_array_add (self->cells, cell);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PrecisExplorerPage       *self)
{
  PrecisGalleryCell *cell = PRECIS_GALLERY_CELL (gtk_list_item_get_child (item));

  precis_gallery_cell_unbind (cell);
  g_ptr_array_remove_fast (self->cells, cell);
}

static void
update_cells (PrecisExplorerPage *self)
{
  for (guint k = 0; k < self->cells->len; k++)
    precis_gallery_cell_update (g_ptr_array_index (self->cells, k), self->active, self->layers);
}

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

static GtkWidget *
object_row_new (PrecisExplorerPage      *self,
                const PrecisAnnotations *anns,
                guint32                  index,
                const PrecisOverlayItem *item,
                gboolean                 is_gt)
{
  const PrecisCategory *cat = precis_dataset_get_category (self->dataset, anns->category[index]);
  GtkWidget *row, *box, *swatch, *name, *detail, *outcome;
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

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "precis-is-gt", GINT_TO_POINTER (is_gt));
  g_object_set_data (G_OBJECT (row), "precis-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "precis-swatch", swatch);
  g_object_set_data (G_OBJECT (row), "precis-outcome", outcome);
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
static void
update_detail (PrecisExplorerPage *self,
               gboolean            force)
{
  PrecisOverlay *overlay = precis_image_view_get_overlay (self->image_view);
  gboolean changed = TRUE;

  if (overlay == NULL)
    return;
  if (self->active != NULL)
    changed = precis_overlay_update_from_active (overlay, self->active, NULL);
  precis_image_view_set_layers (self->image_view, self->layers);
  if (changed || force)
    {
      precis_image_view_overlay_changed (self->image_view);
      fill_object_list (self);
    }
}

static void
full_size_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PrecisExplorerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = precis_thumbnailer_load_finish (PRECIS_THUMBNAILER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture != NULL)
    precis_image_view_set_texture (self->image_view, texture);
  else if (precis_image_view_get_texture (self->image_view) == NULL)
    precis_image_view_set_note (self->image_view, error != NULL ? error->message : NULL);
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

static void
update_nav_actions (PrecisExplorerPage *self)
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

void
precis_explorer_page_show_image (PrecisExplorerPage *self,
                                 guint32             image)
{
  const PrecisImage *img;
  PrecisOverlay *overlay;
  guint model = G_MAXUINT;
  PrecisIouType type = PRECIS_IOU_BBOX;
  g_autoptr(GdkTexture) texture = NULL;

  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));

  if (self->detail_cancellable != NULL)
    g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);

  if (self->dataset == NULL || image >= precis_dataset_get_n_images (self->dataset))
    image = PRECIS_NO_INDEX;

  if (image == PRECIS_NO_INDEX)
    {
      guint pos = current_position (self);

      self->current_image = PRECIS_NO_INDEX;
      precis_image_view_set_overlay (self->image_view, NULL);
      precis_image_view_set_texture (self->image_view, NULL);
      fill_object_list (self);
      /* The cells stayed bound behind the detail view: bring them up to date. */
      update_cells (self);
      gtk_stack_set_visible_child_name (self->stack, self->dataset != NULL ? "gallery" : "empty");
      if (self->dataset != NULL && gallery_depends_on_evaluation (self) && self->stats_dirty)
        refresh_gallery (self);
      update_nav_actions (self);
      /* Back where we were in the grid. */
      if (pos != G_MAXUINT)
        gtk_widget_activate_action (GTK_WIDGET (self->grid), "list.scroll-to-item", "u", pos);
      gtk_widget_grab_focus (GTK_WIDGET (self->grid));
      return;
    }

  if (self->matcher != NULL)
    {
      model = precis_matcher_get_model (self->matcher);
      type = precis_matcher_get_iou_type (self->matcher);
    }

  self->current_image = image;
  img = precis_dataset_get_image (self->dataset, image);
  overlay = precis_overlay_new (self->dataset, model, type, image);
  precis_image_view_set_overlay (self->image_view, overlay);
  precis_image_view_zoom_fit (self->image_view);
  precis_image_view_set_note (self->image_view, NULL);
  gtk_label_set_text (self->detail_title, img->file_name);

  if (img->path == NULL || !img->present)
    {
      g_autofree char *note = NULL;

      /* Translators: shown on the blank canvas of an image whose file is missing */
      note = g_strdup_printf (_("Image file not found: %s\nThe annotations are drawn on a blank canvas of the ground-truth size, %u × %u."),
                              img->file_name, img->width, img->height);
      precis_image_view_set_texture (self->image_view, NULL);
      precis_image_view_set_note (self->image_view, note);
    }
  else
    {
      /* Show what we have at once: the full picture or its thumbnail. */
      texture = precis_thumbnailer_lookup (self->full_size, img->path);
      if (texture == NULL)
        texture = precis_thumbnailer_lookup (self->thumbnailer, img->path);
      precis_image_view_set_texture (self->image_view, texture);
      if (texture == NULL || gdk_texture_get_width (texture) < (int) img->width)
        {
          self->detail_cancellable = g_cancellable_new ();
          precis_thumbnailer_load_async (self->full_size, img->path, self->detail_cancellable,
                                         full_size_loaded, g_object_ref (self));
        }
    }

  update_detail (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "detail");
  update_nav_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->image_view));

  /* Decode the next picture meanwhile: stepping through is the common case. */
  {
    guint pos = current_position (self);
    guint32 next = pos != G_MAXUINT ? precis_gallery_model_get_image (self->model, pos + 1) : PRECIS_NO_INDEX;

    if (next != PRECIS_NO_INDEX)
      {
        const PrecisImage *next_img = precis_dataset_get_image (self->dataset, next);
        g_autoptr(GdkTexture) cached = NULL;

        if (next_img->path != NULL && next_img->present)
          cached = precis_thumbnailer_lookup (self->full_size, next_img->path);
        if (next_img->path != NULL && next_img->present && cached == NULL)
          precis_thumbnailer_load_async (self->full_size, next_img->path, NULL, prefetch_loaded, NULL);
      }
  }
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

static void
step (PrecisExplorerPage *self,
      int                 delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint pos;

  if (self->current_image == PRECIS_NO_INDEX || n == 0)
    return;
  /* The list may have changed since the last step: follow it now. */
  if (self->refresh_idle != 0 || (self->stats_dirty && gallery_depends_on_evaluation (self)))
    refresh_gallery (self);
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

/* ------------------------------------------------------------------------- */
/* Actions                                                                    */

static void
action_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  precis_explorer_page_show_image (PRECIS_EXPLORER_PAGE (widget), PRECIS_NO_INDEX);
}

static void
action_previous (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step (PRECIS_EXPLORER_PAGE (widget), -1);
}

static void
action_next (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (PRECIS_EXPLORER_PAGE (widget), +1);
}

static void
action_zoom (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (widget);

  if (g_str_equal (action_name, "explorer.zoom-in"))
    precis_image_view_zoom_in (self->image_view);
  else if (g_str_equal (action_name, "explorer.zoom-out"))
    precis_image_view_zoom_out (self->image_view);
  else
    precis_image_view_zoom_fit (self->image_view);
}

/* ------------------------------------------------------------------------- */
/* Public API                                                                 */

static void
fill_class_dropdown (PrecisExplorerPage *self)
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
  free_stats (self);

  g_set_object (&self->dataset, dataset);
  g_set_object (&self->matcher, matcher);
  g_set_object (&self->active, active);

  if (new_dataset)
    {
      precis_thumbnailer_clear (self->thumbnailer);
      precis_thumbnailer_clear (self->full_size);
      fill_class_dropdown (self);
    }

  if (dataset == NULL || precis_dataset_get_n_images (dataset) == 0)
    {
      gtk_label_set_text (self->empty_title, dataset == NULL ? _("No Project") : _("No Images"));
      gtk_label_set_text (self->empty_description,
                          dataset == NULL ? _("Open a project to browse its images with their annotations and predictions.")
                                          : _("The ground truth of this project lists no image."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_nav_actions (self);
      return;
    }

  refresh_gallery (self);
  gtk_stack_set_visible_child_name (self->stack, "gallery");
  if (reopen != PRECIS_NO_INDEX)
    precis_explorer_page_show_image (self, reopen);
}

void
precis_explorer_page_evaluation_changed (PrecisExplorerPage *self)
{
  g_return_if_fail (PRECIS_IS_EXPLORER_PAGE (self));

  if (self->dataset == NULL)
    return;

  self->stats_dirty = TRUE;

  /* A hidden page only notes it: the slider must not pay for cells nobody sees. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->outcomes_dirty = TRUE;
      return;
    }

  /* What is on screen follows in this frame. */
  if (self->current_image != PRECIS_NO_INDEX)
    update_detail (self, FALSE);
  else
    update_cells (self);

  /* The list follows after it, and only when it depends on the outcomes. */
  if (gallery_depends_on_evaluation (self) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_refresh (self);
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
        update_detail (self, FALSE);
      else
        update_cells (self);
    }
  if (self->dataset != NULL && self->stats_dirty && gallery_depends_on_evaluation (self))
    queue_refresh (self);
}

static void
precis_explorer_page_dispose (GObject *object)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->detail_cancellable != NULL)
    g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);

  if (self->grid != NULL)
    gtk_grid_view_set_model (self->grid, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PRECIS_TYPE_EXPLORER_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->model);
  g_clear_object (&self->active);
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

  free_stats (self);

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

  properties[PROP_SHOW_GT] =
    g_param_spec_boolean ("show-gt", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TP] =
    g_param_spec_boolean ("show-tp", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FP] =
    g_param_spec_boolean ("show-fp", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FN] =
    g_param_spec_boolean ("show-fn", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_IGNORED] =
    g_param_spec_boolean ("show-ignored", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_class_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_object_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_object_clicked);

  gtk_widget_class_install_property_action (widget_class, "explorer.show-gt", "show-gt");
  gtk_widget_class_install_property_action (widget_class, "explorer.show-tp", "show-tp");
  gtk_widget_class_install_property_action (widget_class, "explorer.show-fp", "show-fp");
  gtk_widget_class_install_property_action (widget_class, "explorer.show-fn", "show-fn");
  gtk_widget_class_install_property_action (widget_class, "explorer.show-ignored", "show-ignored");
  gtk_widget_class_install_action (widget_class, "explorer.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "explorer.previous", NULL, action_previous);
  gtk_widget_class_install_action (widget_class, "explorer.next", NULL, action_next);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-fit", NULL, action_zoom);

  gtk_widget_class_set_css_name (widget_class, "precis-explorer-page");
}

/* The page's keys work wherever the focus is in the window, as long as the
 * page is on screen and the focused widget does not use the key itself (a
 * search entry keeps its letters, a slider its arrows). */
static gboolean
shortcut_activated (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (widget);
  const char *action = user_data;

  if (!gtk_widget_get_mapped (widget) || self->dataset == NULL)
    return FALSE;
  /* Stepping, zooming and going back belong to the detail view. */
  if (!g_str_has_prefix (action, "explorer.show-") && self->current_image == PRECIS_NO_INDEX)
    return FALSE;
  return gtk_widget_activate_action_variant (widget, action, NULL);
}

static void
add_shortcuts (PrecisExplorerPage *self)
{
  static const struct {
    guint            keyval;
    GdkModifierType  modifiers;
    const char      *action;
  } keys[] = {
    { GDK_KEY_g, 0, "explorer.show-gt" },
    { GDK_KEY_t, 0, "explorer.show-tp" },
    { GDK_KEY_f, 0, "explorer.show-fp" },
    { GDK_KEY_n, 0, "explorer.show-fn" },
    { GDK_KEY_i, 0, "explorer.show-ignored" },
    { GDK_KEY_Escape, 0, "explorer.back" },
    { GDK_KEY_Left, GDK_ALT_MASK, "explorer.back" },
    { GDK_KEY_Left, 0, "explorer.previous" },
    { GDK_KEY_Right, 0, "explorer.next" },
    { GDK_KEY_Page_Up, 0, "explorer.previous" },
    { GDK_KEY_Page_Down, 0, "explorer.next" },
    { GDK_KEY_plus, 0, "explorer.zoom-in" },
    { GDK_KEY_equal, 0, "explorer.zoom-in" },
    { GDK_KEY_KP_Add, 0, "explorer.zoom-in" },
    { GDK_KEY_minus, 0, "explorer.zoom-out" },
    { GDK_KEY_KP_Subtract, 0, "explorer.zoom-out" },
    { GDK_KEY_0, 0, "explorer.zoom-fit" },
    { GDK_KEY_KP_0, 0, "explorer.zoom-fit" },
  };
  /* Local: while the focus is inside the page, before the window's own keys
   * (arrows move the focus there). Global: wherever else the focus is. */
  const GtkShortcutScope scopes[] = { GTK_SHORTCUT_SCOPE_LOCAL, GTK_SHORTCUT_SCOPE_GLOBAL };

  for (guint c = 0; c < G_N_ELEMENTS (scopes); c++)
    {
      GtkEventController *controller = gtk_shortcut_controller_new ();

      gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), scopes[c]);
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                              gtk_shortcut_new (gtk_keyval_trigger_new (keys[k].keyval, keys[k].modifiers),
                                                                gtk_callback_action_new (shortcut_activated,
                                                                                         (gpointer) keys[k].action,
                                                                                         NULL)));
      gtk_widget_add_controller (GTK_WIDGET (self), controller);
    }
}

/* Toggle buttons in the detail view's toolbar, check buttons in the gallery's
 * Layers menu: the same stateful actions, so they stay in step. */
static GtkWidget *
layer_toggle_new (const char *label,
                  const char *css_class,
                  const char *action,
                  const char *tooltip,
                  gboolean    check)
{
  GtkWidget *button;

  if (check)
    {
      button = gtk_check_button_new_with_label (tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      return button;
    }
  button = gtk_toggle_button_new_with_label (label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "layer");
  gtk_widget_add_css_class (button, css_class);
  return button;
}

static void
add_layer_toggles (GtkBox   *box,
                   gboolean  check)
{
  gtk_box_append (box, layer_toggle_new (C_("outcome", "GT"), "gt", "explorer.show-gt",
                                         _("Matched Ground Truth (G)"), check));
  gtk_box_append (box, layer_toggle_new (C_("outcome", "TP"), "tp", "explorer.show-tp",
                                         _("True Positives (T)"), check));
  gtk_box_append (box, layer_toggle_new (C_("outcome", "FP"), "fp", "explorer.show-fp",
                                         _("False Positives (F)"), check));
  gtk_box_append (box, layer_toggle_new (C_("outcome", "FN"), "fn", "explorer.show-fn",
                                         _("False Negatives (N)"), check));
  if (check)
    gtk_box_append (box, layer_toggle_new (NULL, "ignored", "explorer.show-ignored",
                                           _("Ignored: Crowd Regions (I)"), check));
}

static void
precis_explorer_page_init (PrecisExplorerPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkSelectionModel *selection;

  load_css ();

  self->layers = PRECIS_OVERLAY_LAYER_ALL;
  self->current_image = PRECIS_NO_INDEX;
  self->class_filter = PRECIS_NO_INDEX;
  self->sort_mode = SORT_FILE_NAME;
  self->stats_dirty = TRUE;
  self->names_sorted = -1;
  self->cells = g_ptr_array_new ();
  self->model = precis_gallery_model_new ();
  self->thumbnailer = precis_thumbnailer_new (THUMBNAIL_SIZE, THUMBNAIL_CACHE);
  self->full_size = precis_thumbnailer_new (0, FULL_SIZE_CACHE);

  gtk_widget_init_template (GTK_WIDGET (self));

  add_layer_toggles (self->gallery_layers, TRUE);
  add_layer_toggles (self->detail_layers, FALSE);
  add_shortcuts (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  gtk_grid_view_set_factory (self->grid, factory);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model))));
  gtk_grid_view_set_model (self->grid, selection);
  g_object_unref (selection);

  fill_class_dropdown (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_label_set_text (self->empty_title, _("No Project"));
  update_nav_actions (self);
}

GtkWidget *
precis_explorer_page_new (void)
{
  return g_object_new (PRECIS_TYPE_EXPLORER_PAGE, NULL);
}

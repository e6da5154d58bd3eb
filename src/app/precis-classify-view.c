/* precis-classify-view.c: the Performance page of a classification project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cards (accuracy, top-5 accuracy, macro and weighted F1, correct and wrong,
 * coverage, selective accuracy, ECE) over a per-class table and the core's
 * reliability diagram, all read from the core's PrecisClassify (SEMANTICS.md §11). A confidence step re-evaluates
 * (one pass over the images) and sets the labels' text; the table's rows are
 * built again only when the listed classes change.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "precis-classify-chart.h"
#include "precis-classify-view.h"

enum {
  CARD_ACCURACY,
  CARD_TOP5,
  CARD_MACRO_F1,
  CARD_WEIGHTED_F1,
  CARD_CORRECT,
  CARD_WRONG,
  CARD_COVERAGE,
  CARD_SELECTIVE,
  CARD_ECE,
  N_CARDS
};

#define N_COLUMNS 9

struct _PrecisClassifyView
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *card_box[N_CARDS];
  GtkLabel       *card_value[N_CARDS];
  GtkGrid        *table;
  GtkWidget      *reliability;   /* the core's reliability diagram */
  GPtrArray      *cells;       /* GtkLabel, N_COLUMNS per row, header first */
  GArray         *row_classes; /* guint32 category per table row */

  PrecisClassify *classify;
  const PrecisClassifyResult *result;   /* the last evaluation, owned by @classify */
  char           *reliability_text;      /* its accessible description: the strings drawn */
};

G_DEFINE_FINAL_TYPE (PrecisClassifyView, precis_classify_view, GTK_TYPE_WIDGET)

static void
set_text (GtkLabel   *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
set_ratio (GtkLabel *label,
           double    value)
{
  char buf[32];

  if (isnan (value))
    set_text (label, "—");
  else
    {
      g_snprintf (buf, sizeof buf, "%.3f", value);
      set_text (label, buf);
    }
}

static void
set_count (GtkLabel *label,
           guint     value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", value);
  set_text (label, buf);
}

static GtkWidget *
card_new (PrecisClassifyView *self,
          guint               index,
          const char         *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *value = gtk_label_new ("—");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "precis-card");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (value, "precis-card-value");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), value);
  self->card_box[index] = box;
  self->card_value[index] = GTK_LABEL (value);
  return box;
}

static void
add_cell (PrecisClassifyView *self,
          guint               row,
          guint               column,
          const char         *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (column == 0)
    {
      /* Names shrink only past 12 characters, ellipsized at the end. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  gtk_widget_add_css_class (label, row == 0 ? "heading" : "numeric");
  gtk_widget_set_hexpand (label, column == 0);
  gtk_grid_attach (self->table, label, column, row, 1, 1);
  g_ptr_array_add (self->cells, label);
}

/* The header and one empty row per listed class. */
static void
build_table (PrecisClassifyView         *self,
             const PrecisClassifyResult *r)
{
  const char *header[N_COLUMNS] = {
    _("Class"), _("Support"), _("Predicted"), "TP", "FP", "FN", _("Precision"), _("Recall"), "F1",
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  g_ptr_array_set_size (self->cells, 0);
  g_array_set_size (self->row_classes, 0);

  for (guint c = 0; c < N_COLUMNS; c++)
    add_cell (self, 0, c, header[c]);
  for (guint i = 0; r != NULL && i < r->n_classes; i++)
    {
      g_array_append_val (self->row_classes, r->classes[i].category);
      for (guint c = 0; c < N_COLUMNS; c++)
        add_cell (self, i + 1, c, "");
    }
}

static gboolean
same_classes (PrecisClassifyView         *self,
              const PrecisClassifyResult *r)
{
  if (self->row_classes->len != r->n_classes)
    return FALSE;
  for (guint i = 0; i < r->n_classes; i++)
    if (g_array_index (self->row_classes, guint32, i) != r->classes[i].category)
      return FALSE;
  return TRUE;
}

static GtkLabel *
cell (PrecisClassifyView *self,
      guint               row,
      guint               column)
{
  return g_ptr_array_index (self->cells, row * N_COLUMNS + column);
}

static void
fill_table (PrecisClassifyView         *self,
            const PrecisClassifyResult *r)
{
  PrecisDataset *dataset = precis_classify_get_dataset (self->classify);

  if (!same_classes (self, r))
    build_table (self, r);
  for (guint i = 0; i < r->n_classes; i++)
    {
      const PrecisClassifyPerClass *c = &r->classes[i];
      const guint counts[5] = { c->support, c->predicted, c->tp, c->fp, c->fn };
      const double ratios[3] = { c->precision, c->recall, c->f1 };

      set_text (cell (self, i + 1, 0), precis_dataset_get_category (dataset, c->category)->name);
      for (guint k = 0; k < 5; k++)
        set_count (cell (self, i + 1, 1 + k), counts[k]);
      for (guint k = 0; k < 3; k++)
        set_ratio (cell (self, i + 1, 6 + k), ratios[k]);
    }
}

static void
fill_cards (PrecisClassifyView         *self,
            const PrecisClassifyResult *r)
{
  set_ratio (self->card_value[CARD_ACCURACY], r->accuracy);
  set_ratio (self->card_value[CARD_TOP5], r->top5_accuracy);
  gtk_widget_set_visible (self->card_box[CARD_TOP5], r->has_top5);
  set_ratio (self->card_value[CARD_MACRO_F1], r->macro_f1);
  set_ratio (self->card_value[CARD_WEIGHTED_F1], r->weighted_f1);
  set_count (self->card_value[CARD_CORRECT], r->correct);
  set_count (self->card_value[CARD_WRONG], r->n_images - r->correct);
  set_ratio (self->card_value[CARD_COVERAGE], r->coverage);
  set_ratio (self->card_value[CARD_SELECTIVE], r->selective_accuracy);
  set_ratio (self->card_value[CARD_ECE], r->ece);
}

static void
draw_reliability (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  PrecisClassifyView *self = user_data;
  g_autoptr(GPtrArray) texts = NULL;

  if (self->result != NULL)
    texts = precis_classify_chart_draw (self->result, cr, width, height,
                                        gtk_widget_get_scale_factor (GTK_WIDGET (area)));
  /* A screen reader reads what the diagram wrote (title, axes, each bin's
   * label), updated only when it changes. */
  if (texts != NULL)
    {
      GString *joined = g_string_new (NULL);

      for (guint i = 0; i < texts->len; i++)
        g_string_append_printf (joined, "%s%s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (texts, i));
      if (g_strcmp0 (joined->str, self->reliability_text) != 0)
        {
          g_free (self->reliability_text);
          self->reliability_text = g_strdup (joined->str);
          gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          self->reliability_text, -1);
        }
      g_string_free (joined, TRUE);
    }
}

static void
precis_classify_view_dispose (GObject *object)
{
  PrecisClassifyView *self = PRECIS_CLASSIFY_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->row_classes, g_array_unref);
  g_clear_object (&self->classify);
  g_clear_pointer (&self->reliability_text, g_free);

  G_OBJECT_CLASS (precis_classify_view_parent_class)->dispose (object);
}

static void
precis_classify_view_class_init (PrecisClassifyViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = precis_classify_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "precis-classify-view");
}

static void
precis_classify_view_init (PrecisClassifyView *self)
{
  const char *titles[N_CARDS] = {
    _("Accuracy"), _("Top-5 accuracy"), _("Macro F1"), _("Weighted F1"), _("Correct"), _("Wrong"),
    _("Coverage"), _("Selective accuracy"), _("ECE (15 bins)"),
  };
  GtkWidget *rows[2], *heading, *scroller, *lower;

  self->cells = g_ptr_array_new ();
  self->row_classes = g_array_new (FALSE, FALSE, sizeof (guint32));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* Two rows of cards: the headline figures, then the counts and abstention. */
  for (guint i = 0; i < 2; i++)
    {
      rows[i] = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_box_set_homogeneous (GTK_BOX (rows[i]), TRUE);
      gtk_box_append (GTK_BOX (self->box), rows[i]);
    }
  for (guint i = 0; i < N_CARDS; i++)
    gtk_box_append (GTK_BOX (rows[i < CARD_CORRECT ? 0 : 1]), card_new (self, i, titles[i]));

  heading = gtk_label_new (_("Per class (top-1 labels)"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->box), heading);

  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 18);
  gtk_grid_set_row_spacing (self->table, 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self->table), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->table), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->table), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->table), 8);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->table));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "card");

  /* The table beside the reliability diagram. */
  self->reliability = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reliability), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reliability diagram"), -1);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->reliability), 440);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->reliability), 360);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->reliability), draw_reliability, self, NULL);
  gtk_widget_set_valign (self->reliability, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->reliability, "card");
  gtk_widget_set_overflow (self->reliability, GTK_OVERFLOW_HIDDEN);
  lower = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (lower), scroller);
  gtk_box_append (GTK_BOX (lower), self->reliability);
  gtk_widget_set_vexpand (lower, TRUE);
  gtk_box_append (GTK_BOX (self->box), lower);
  build_table (self, NULL);
}

GtkWidget *
precis_classify_view_new (void)
{
  return g_object_new (PRECIS_TYPE_CLASSIFY_VIEW, NULL);
}

void
precis_classify_view_set (PrecisClassifyView *self,
                          PrecisClassify     *classify)
{
  g_return_if_fail (PRECIS_IS_CLASSIFY_VIEW (self));

  self->result = NULL;
  g_set_object (&self->classify, classify);
  build_table (self, NULL);
  gtk_widget_queue_draw (self->reliability);
  if (classify != NULL)
    precis_classify_view_refresh (self, precis_classify_get_confidence (classify));
}

void
precis_classify_view_refresh (PrecisClassifyView *self,
                              double              confidence)
{
  const PrecisClassifyResult *r;

  g_return_if_fail (PRECIS_IS_CLASSIFY_VIEW (self));
  if (self->classify == NULL)
    return;

  precis_classify_set_confidence (self->classify, confidence);
  r = precis_classify_evaluate (self->classify);
  self->result = r;
  fill_cards (self, r);
  fill_table (self, r);
  gtk_widget_queue_draw (self->reliability);
}

const char *
precis_classify_view_get_card_text (PrecisClassifyView *self,
                                    guint               card)
{
  g_return_val_if_fail (PRECIS_IS_CLASSIFY_VIEW (self), NULL);
  g_return_val_if_fail (card < N_CARDS, NULL);
  return gtk_label_get_label (self->card_value[card]);
}

const char *
precis_classify_view_get_cell_text (PrecisClassifyView *self,
                                    guint               row,
                                    guint               column)
{
  g_return_val_if_fail (PRECIS_IS_CLASSIFY_VIEW (self), NULL);
  g_return_val_if_fail (column < N_COLUMNS && (row + 1) * N_COLUMNS <= self->cells->len, NULL);
  return gtk_label_get_label (cell (self, row, column));
}

GtkWidget *
precis_classify_view_get_reliability (PrecisClassifyView *self)
{
  g_return_val_if_fail (PRECIS_IS_CLASSIFY_VIEW (self), NULL);
  return self->reliability;
}

/* precis-cards.c: the summary cards (mAP, mAR, F1, TP, FP, FN, or COCO's 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-cards.h"

enum {
  CARD_MAP,
  CARD_MAR,
  CARD_F1,
  CARD_TP,
  CARD_FP,
  CARD_FN,
  CARD_IGNORED,
  N_CARDS
};

static const char *card_keys[N_CARDS] = { "map", "mar", "f1", "tp", "fp", "fn", "ignored" };

typedef struct {
  GtkWidget *box;
  GtkLabel  *title;
  GtkLabel  *value;
} Card;

struct _PrecisCards
{
  GtkWidget  parent_instance;

  GtkWidget *stack;
  GtkWidget *active_box;
  GtkWidget *coco_grid;
  GtkLabel  *coco_caption;
  Card       cards[N_CARDS];
  Card       coco[PRECIS_APP_N_COCO_STATS];
};

G_DEFINE_FINAL_TYPE (PrecisCards, precis_cards, GTK_TYPE_WIDGET)

static void
set_text (GtkLabel   *label,
          const char *text)
{
  /* Labels relayout on every set; skip identical text (most cards while dragging). */
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static Card
card_new (const char *extra_class)
{
  Card card;

  card.box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (card.box, "card");
  gtk_widget_add_css_class (card.box, "precis-card");
  if (extra_class != NULL)
    gtk_widget_add_css_class (card.box, extra_class);
  gtk_widget_set_hexpand (card.box, TRUE);

  card.title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (card.title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (card.title), "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (card.title), "dim-label");

  card.value = GTK_LABEL (gtk_label_new ("—"));
  gtk_label_set_xalign (card.value, 0);
  gtk_widget_add_css_class (GTK_WIDGET (card.value), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (card.value), "precis-card-value");

  gtk_box_append (GTK_BOX (card.box), GTK_WIDGET (card.title));
  gtk_box_append (GTK_BOX (card.box), GTK_WIDGET (card.value));

  return card;
}

static void
precis_cards_dispose (GObject *object)
{
  PrecisCards *self = PRECIS_CARDS (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (precis_cards_parent_class)->dispose (object);
}

static void
precis_cards_class_init (PrecisCardsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = precis_cards_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "precis-cards");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
precis_cards_init (PrecisCards *self)
{
  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->active_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* Not homogeneous: titles such as “mAP@0.50 · active” keep their natural width. */
  for (guint i = 0; i < N_CARDS; i++)
    {
      self->cards[i] = card_new (i >= CARD_TP ? "precis-count" : "precis-rate");
      gtk_box_append (GTK_BOX (self->active_box), self->cards[i].box);
    }
  gtk_widget_add_css_class (self->cards[CARD_TP].box, "precis-tp");
  gtk_widget_add_css_class (self->cards[CARD_FP].box, "precis-fp");
  gtk_widget_add_css_class (self->cards[CARD_FN].box, "precis-fn");
  gtk_label_set_label (self->cards[CARD_TP].title, _("True positives"));
  gtk_label_set_label (self->cards[CARD_FP].title, _("False positives"));
  gtk_label_set_label (self->cards[CARD_FN].title, _("False negatives"));
  gtk_label_set_label (self->cards[CARD_IGNORED].title, _("Ignored"));
  gtk_widget_add_css_class (self->cards[CARD_IGNORED].box, "precis-ignored");
  gtk_stack_add_named (GTK_STACK (self->stack), self->active_box, "active");

  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    self->coco_caption = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_xalign (self->coco_caption, 0);
    gtk_label_set_wrap (self->coco_caption, TRUE);
    gtk_widget_add_css_class (GTK_WIDGET (self->coco_caption), "dim-label");
    gtk_widget_add_css_class (GTK_WIDGET (self->coco_caption), "caption");

    self->coco_grid = gtk_grid_new ();
    gtk_grid_set_column_spacing (GTK_GRID (self->coco_grid), 8);
    gtk_grid_set_row_spacing (GTK_GRID (self->coco_grid), 8);
    gtk_grid_set_column_homogeneous (GTK_GRID (self->coco_grid), TRUE);
    for (guint i = 0; i < PRECIS_APP_N_COCO_STATS; i++)
      {
        self->coco[i] = card_new ("precis-coco");
        gtk_grid_attach (GTK_GRID (self->coco_grid), self->coco[i].box, i % 6, i / 6, 1, 1);
      }
    gtk_box_append (GTK_BOX (box), self->coco_grid);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->coco_caption));
    gtk_stack_add_named (GTK_STACK (self->stack), box, "coco");
  }
}

GtkWidget *
precis_cards_new (void)
{
  return g_object_new (PRECIS_TYPE_CARDS, NULL);
}

static void
set_rate (Card   *card,
          double  value,
          gboolean valid)
{
  char buf[32];

  if (!valid || value < 0)
    set_text (card->value, "—");
  else
    {
      g_snprintf (buf, sizeof buf, "%.3f", value);
      set_text (card->value, buf);
    }
}

static void
set_count (Card     *card,
           guint     value,
           gboolean  valid)
{
  char buf[32];

  if (!valid)
    set_text (card->value, "—");
  else
    {
      g_snprintf (buf, sizeof buf, "%u", value);
      set_text (card->value, buf);
    }
}

void
precis_cards_set_summary (PrecisCards            *self,
                          const PrecisAppSummary *summary)
{
  char buf[96];

  g_return_if_fail (PRECIS_IS_CARDS (self));
  g_return_if_fail (summary != NULL);

  if (summary->protocol == PRECIS_APP_PROTOCOL_COCO)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "coco");
      for (guint i = 0; i < PRECIS_APP_N_COCO_STATS; i++)
        {
          gboolean shown = i < summary->n_coco;

          gtk_widget_set_visible (self->coco[i].box, shown);
          if (!shown)
            continue;
          set_text (self->coco[i].title, summary->coco_labels[i]);
          set_rate (&self->coco[i], summary->coco[i], TRUE);
        }
      set_text (self->coco_caption,
                _("Protocol coco: IoU 0.50:0.05:0.95, 101 recall points, greedy matching as "
                  "pycocotools, all classes. The IoU slider, the confidence and the class "
                  "selection do not apply to these numbers; the charts below stay on protocol "
                  "active at the slider’s threshold."));
      return;
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "active");

  /* Translators: card title, e.g. “mAP@0.50 · active”. */
  g_snprintf (buf, sizeof buf, _("mAP@%.2f · active"), summary->threshold);
  set_text (self->cards[CARD_MAP].title, buf);
  g_snprintf (buf, sizeof buf, _("mAR@%.2f · active"), summary->threshold);
  set_text (self->cards[CARD_MAR].title, buf);
  g_snprintf (buf, sizeof buf, _("Mean F1@%.2f · active"), summary->threshold);
  set_text (self->cards[CARD_F1].title, buf);

  set_rate (&self->cards[CARD_MAP], summary->map, summary->valid);
  set_rate (&self->cards[CARD_MAR], summary->mar, summary->valid);
  set_rate (&self->cards[CARD_F1], summary->mean_f1, summary->valid);
  set_count (&self->cards[CARD_TP], summary->tp, summary->valid);
  set_count (&self->cards[CARD_FP], summary->fp, summary->valid);
  set_count (&self->cards[CARD_FN], summary->fn, summary->valid);
  set_count (&self->cards[CARD_IGNORED], summary->ignored, summary->valid);

  for (guint i = 0; i < N_CARDS; i++)
    gtk_widget_set_tooltip_text (self->cards[i].box, summary->valid ? NULL : summary->unavailable);
  if (summary->valid)
    gtk_widget_set_tooltip_text (self->cards[CARD_IGNORED].box, precis_app_eval_ignored_rule ());
}

static Card *
find_card (PrecisCards *self,
           const char  *key)
{
  for (guint i = 0; i < N_CARDS; i++)
    if (g_str_equal (key, card_keys[i]))
      return &self->cards[i];

  if (g_str_has_prefix (key, "coco"))
    {
      guint64 i = g_ascii_strtoull (key + 4, NULL, 10);

      if (i < PRECIS_APP_N_COCO_STATS)
        return &self->coco[i];
    }

  return NULL;
}

const char *
precis_cards_get_value_text (PrecisCards *self,
                             const char  *key)
{
  Card *card;

  g_return_val_if_fail (PRECIS_IS_CARDS (self), NULL);

  card = find_card (self, key);
  return card != NULL ? gtk_label_get_label (card->value) : NULL;
}

const char *
precis_cards_get_title_text (PrecisCards *self,
                             const char  *key)
{
  Card *card;

  g_return_val_if_fail (PRECIS_IS_CARDS (self), NULL);

  card = find_card (self, key);
  return card != NULL ? gtk_label_get_label (card->title) : NULL;
}

const char *
precis_cards_get_tooltip_text (PrecisCards *self,
                               const char  *key)
{
  Card *card;

  g_return_val_if_fail (PRECIS_IS_CARDS (self), NULL);

  card = find_card (self, key);
  return card != NULL ? gtk_widget_get_tooltip_text (card->box) : NULL;
}

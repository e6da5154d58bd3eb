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
  char      *a11y_label;   /* the box's accessible label: “title: value” */
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
  GtkWidget *coco_count_box;
  Card       coco_counts[N_CARDS - CARD_TP];   /* TP, FP, FN, ignored at the slider's threshold */
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

  /* A group, so that a screen reader reads the card as one item, by its label. */
  card.box = g_object_new (GTK_TYPE_BOX,
                           "orientation", GTK_ORIENTATION_VERTICAL,
                           "spacing", 2,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                           NULL);
  card.a11y_label = NULL;
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

/* The card's accessible label: its title and value, e.g. “True positives: 216”;
 * the value alone reads “—” when there is none. */
static void
card_update_label (Card *card)
{
  g_autofree char *label = NULL;

  /* Translators: a summary card for screen readers, “title: value”. */
  label = g_strdup_printf (_("%s: %s"), gtk_label_get_label (card->title), gtk_label_get_label (card->value));
  if (g_strcmp0 (label, card->a11y_label) == 0)
    return;
  g_free (card->a11y_label);
  card->a11y_label = g_steal_pointer (&label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, card->a11y_label,
                                  -1);
}

static void
update_labels (Card  *cards,
               guint  n)
{
  for (guint i = 0; i < n; i++)
    card_update_label (&cards[i]);
}

/* TP, FP, FN and ignored: their titles and colours. */
static void
init_count_cards (Card *counts)
{
  static const char *css[] = { "precis-tp", "precis-fp", "precis-fn", "precis-ignored" };
  const char *titles[] = { _("True positives"), _("False positives"), _("False negatives"), _("Ignored") };

  for (guint i = 0; i < G_N_ELEMENTS (css); i++)
    {
      gtk_widget_add_css_class (counts[i].box, css[i]);
      gtk_label_set_label (counts[i].title, titles[i]);
    }
}

static void
precis_cards_dispose (GObject *object)
{
  PrecisCards *self = PRECIS_CARDS (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  for (guint i = 0; i < N_CARDS; i++)
    g_clear_pointer (&self->cards[i].a11y_label, g_free);
  for (guint i = 0; i < PRECIS_APP_N_COCO_STATS; i++)
    g_clear_pointer (&self->coco[i].a11y_label, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->coco_counts); i++)
    g_clear_pointer (&self->coco_counts[i].a11y_label, g_free);

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
  init_count_cards (self->cards + CARD_TP);
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
    self->coco_count_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    for (guint i = 0; i < G_N_ELEMENTS (self->coco_counts); i++)
      {
        self->coco_counts[i] = card_new ("precis-count");
        gtk_box_append (GTK_BOX (self->coco_count_box), self->coco_counts[i].box);
      }
    init_count_cards (self->coco_counts);
    gtk_box_append (GTK_BOX (box), self->coco_grid);
    gtk_box_append (GTK_BOX (box), self->coco_count_box);
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

static void
set_coco_counts (PrecisCards            *self,
                 const PrecisAppSummary *summary)
{
  const guint64 counts[] = { summary->coco_tp, summary->coco_fp, summary->coco_fn, summary->coco_ignored };
  char buf[64];

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      set_count (&self->coco_counts[i], (guint) counts[i], summary->coco_counted);
      gtk_widget_set_tooltip_text (self->coco_counts[i].box, NULL);
    }
  /* Translators: card title, e.g. “True positives@0.55 · coco”. */
  g_snprintf (buf, sizeof buf, _("True positives@%.2f · coco"), summary->threshold);
  set_text (self->coco_counts[0].title, buf);
  g_snprintf (buf, sizeof buf, _("False positives@%.2f · coco"), summary->threshold);
  set_text (self->coco_counts[1].title, buf);
  g_snprintf (buf, sizeof buf, _("False negatives@%.2f · coco"), summary->threshold);
  set_text (self->coco_counts[2].title, buf);
  g_snprintf (buf, sizeof buf, _("Ignored@%.2f · coco"), summary->threshold);
  set_text (self->coco_counts[3].title, buf);
  gtk_widget_set_tooltip_text (self->coco_counts[3].box,
                               _("Predictions matched to a crowd region (or, for keypoints, a "
                                 "person without visible keypoints), and those beyond maxDets in "
                                 "their image: neither TP nor FP, as in pycocotools."));
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
      set_coco_counts (self, summary);
      set_text (self->coco_caption,
                _("Protocol coco: IoU 0.50:0.05:0.95, 101 recall points, greedy matching as "
                  "pycocotools, all classes. The confidence and the class selection do not "
                  "apply. The counts, the charts below and the explorer show pycocotools’ own "
                  "matches at the slider’s threshold (it snaps to 0.50, 0.55, … 0.95), area "
                  "all, the largest maxDets."));
      update_labels (self->coco, summary->n_coco);
      update_labels (self->coco_counts, G_N_ELEMENTS (self->coco_counts));
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
  update_labels (self->cards, N_CARDS);
}

static Card *
find_card (PrecisCards *self,
           const char  *key)
{
  for (guint i = 0; i < N_CARDS; i++)
    if (g_str_equal (key, card_keys[i]))
      return &self->cards[i];

  if (g_str_has_prefix (key, "coco-"))
    {
      for (guint i = CARD_TP; i < N_CARDS; i++)
        if (g_str_equal (key + 5, card_keys[i]))
          return &self->coco_counts[i - CARD_TP];
      return NULL;
    }
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

/* The card @key's box (the accessible group), or NULL. */
GtkWidget *
precis_cards_get_card (PrecisCards *self,
                       const char  *key)
{
  Card *card;

  g_return_val_if_fail (PRECIS_IS_CARDS (self), NULL);

  card = find_card (self, key);
  return card != NULL ? card->box : NULL;
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

/* precis-compare-page-table.c: the Compare page's table, one row per model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkGrid of labels: the model's mAP, mAR, mean F1, TP, FP and FN and their
 * Δ to the baseline, in the formats of `precis-cli compare`'s table (the
 * Bootstrap section's cells live in its own grid, one row per model too).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-compare-page-private.h"

/* The table ------------------------------------------------------------------------------ */

static const char *
column_title (PrecisCompareColumn column)
{
  switch (column)
    {
    case PRECIS_COMPARE_COLUMN_MAP: return _("mAP");
    case PRECIS_COMPARE_COLUMN_MAR: return _("mAR");
    case PRECIS_COMPARE_COLUMN_F1: return _("Mean F1");
    case PRECIS_COMPARE_COLUMN_TP: return _("TP");
    case PRECIS_COMPARE_COLUMN_FP: return _("FP");
    case PRECIS_COMPARE_COLUMN_FN: return _("FN");
    case PRECIS_COMPARE_COLUMN_DMAP: return _("ΔmAP");
    case PRECIS_COMPARE_COLUMN_DMAR: return _("ΔmAR");
    case PRECIS_COMPARE_COLUMN_DF1: return _("ΔF1");
    case PRECIS_COMPARE_COLUMN_DTP: return _("ΔTP");
    case PRECIS_COMPARE_COLUMN_DFP: return _("ΔFP");
    case PRECIS_COMPARE_COLUMN_DFN: return _("ΔFN");
    case PRECIS_COMPARE_COLUMN_CI: return _("95 % interval of ΔmAP");
    case PRECIS_COMPARE_COLUMN_P_BETTER: return _("P(ΔmAP > 0)");
    case PRECIS_COMPARE_COLUMN_VERDICT: return _("Verdict");
    case PRECIS_COMPARE_N_COLUMNS: break;
    }
  g_return_val_if_reached (NULL);
}

static GtkWidget *
header_label (const char *text,
              float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
name_label (const char *name)
{
  GtkWidget *label = gtk_label_new (name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, name);
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

/* One row per model in the table and in the Bootstrap section's grid. */
void
_precis_compare_page_rebuild_table (PrecisComparePage *self)
{
  clear_grid (self->table);
  clear_grid (self->boot_grid);
  g_clear_pointer (&self->cells, g_free);
  if (self->compare == NULL)
    return;

  self->cells = g_new0 (GtkLabel *, (gsize) self->n_models * PRECIS_COMPARE_N_COLUMNS);
  gtk_grid_attach (self->table, header_label (_("Model"), 0), 0, 0, 1, 1);
  gtk_grid_attach (self->boot_grid, header_label (_("Model"), 0), 0, 0, 1, 1);
  for (guint c = 0; c < PRECIS_COMPARE_N_COLUMNS; c++)
    {
      gboolean boot = c >= PRECIS_COMPARE_COLUMN_CI;

      gtk_grid_attach (boot ? self->boot_grid : self->table, header_label (column_title (c), boot ? 0 : 1),
                       boot ? c - PRECIS_COMPARE_COLUMN_CI + 1 : c + 1, 0, 1, 1);
    }
  for (guint row = 0; row < self->n_models; row++)
    {
      const char *name = _precis_compare_page_model_name (self, row);

      gtk_grid_attach (self->table, name_label (name), 0, row + 1, 1, 1);
      gtk_grid_attach (self->boot_grid, name_label (name), 0, row + 1, 1, 1);
      for (guint c = 0; c < PRECIS_COMPARE_N_COLUMNS; c++)
        {
          gboolean boot = c >= PRECIS_COMPARE_COLUMN_CI;
          GtkWidget *label = gtk_label_new ("—");

          gtk_label_set_xalign (GTK_LABEL (label), boot ? 0 : 1);
          gtk_widget_add_css_class (label, "numeric");
          if (c >= PRECIS_COMPARE_COLUMN_DMAP && !boot)
            gtk_widget_add_css_class (label, "precis-compare-delta");
          gtk_grid_attach (boot ? self->boot_grid : self->table, label,
                           boot ? c - PRECIS_COMPARE_COLUMN_CI + 1 : c + 1, row + 1, 1, 1);
          self->cells[row * PRECIS_COMPARE_N_COLUMNS + c] = GTK_LABEL (label);
        }
    }
}

void
_precis_compare_page_show_numbers (PrecisComparePage *self)
{
  guint baseline = precis_compare_get_baseline (self->compare);
  const PrecisActiveResult *base = precis_compare_get_result (self->compare, baseline);
  g_autofree char *status = NULL;

  for (guint row = 0; row < self->n_models; row++)
    {
      const PrecisActiveResult *r = precis_compare_get_result (self->compare, row);
      PrecisCompareDelta d;
      const double values[] = { r->map, r->mar, r->mean_f1 };
      const gint64 counts[] = { r->tp, r->fp, r->fn };
      char text[64];

      precis_compare_get_delta (self->compare, row, &d);
      for (guint s = 0; s < 3; s++)
        {
          g_snprintf (text, sizeof text, "%.4f", values[s]);
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_MAP + s, text);
          g_snprintf (text, sizeof text, "%+.4f", d.stat[s]);
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_DMAP + s,
                                         row == baseline ? NULL : text);
        }
      for (guint s = 0; s < 3; s++)
        {
          const gint64 delta[] = { d.tp, d.fp, d.fn };

          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, counts[s]);
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_TP + s, text);
          g_snprintf (text, sizeof text, "%+" G_GINT64_FORMAT, delta[s]);
          _precis_compare_page_set_cell (self, row, PRECIS_COMPARE_COLUMN_DTP + s,
                                         row == baseline ? NULL : text);
        }
    }

  /* Translators: the Compare page's status line: protocol, IoU threshold, shape, baseline */
  status = g_strdup_printf (_("Protocol active · IoU threshold %.2f · %s · %u models · baseline %s"),
                            base->threshold, precis_iou_type_to_string (self->type), self->n_models,
                            _precis_compare_page_model_name (self, baseline));
  gtk_label_set_text (self->status_label, status);
}

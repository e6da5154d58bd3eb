/* precis-explorer-page-actions.c: the explorer.* actions, the page's keys and
 * the layer toggles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "precis-explorer-page-private.h"
#include "precis-overlay.h"

/* ------------------------------------------------------------------------- */
/* Actions                                                                    */

static void
action_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  precis_explorer_page_show_image (PRECIS_EXPLORER_PAGE (widget), PRECIS_NO_INDEX);
}

/* explorer.previous and explorer.next */
static void
action_step (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _precis_explorer_page_step (PRECIS_EXPLORER_PAGE (widget),
                              g_str_equal (action_name, "explorer.next") ? +1 : -1);
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

void
_precis_explorer_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "explorer.show-gt", "show-gt");
  gtk_widget_class_install_property_action (widget_class, "explorer.show-tp", "show-tp");
  gtk_widget_class_install_property_action (widget_class, "explorer.show-fp", "show-fp");
  gtk_widget_class_install_property_action (widget_class, "explorer.show-fn", "show-fn");
  gtk_widget_class_install_property_action (widget_class, "explorer.show-ignored", "show-ignored");
  gtk_widget_class_install_action (widget_class, "explorer.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "explorer.previous", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "explorer.next", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-fit", NULL, action_zoom);
}

void
_precis_explorer_page_init_actions (PrecisExplorerPage *self)
{
  add_layer_toggles (self->gallery_layers, TRUE);
  add_layer_toggles (self->detail_layers, FALSE);
  add_shortcuts (self);
}

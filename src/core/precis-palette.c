/* precis-palette.c: colours shared by the charts and the image overlays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "precis-palette.h"

#define HEX(v) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) & 0xff) / 255.0, 1.0 }

static const PrecisRgba roles[PRECIS_PALETTE_N_ROLES] = {
  [PRECIS_PALETTE_TP]         = HEX (0x009E73),
  [PRECIS_PALETTE_FP]         = HEX (0xD55E00),
  [PRECIS_PALETTE_FN]         = HEX (0xE69F00),
  [PRECIS_PALETTE_GT]         = HEX (0xFFFFFF),
  [PRECIS_PALETTE_GT_HALO]    = { 0.0, 0.0, 0.0, 0.65 },
  [PRECIS_PALETTE_IGNORED]    = HEX (0x9A9996),
  [PRECIS_PALETTE_TEXT]       = HEX (0x241F31),
  [PRECIS_PALETTE_TEXT_DIM]   = HEX (0x5E5C64),
  [PRECIS_PALETTE_GRID]       = HEX (0xE4E4E7),
  [PRECIS_PALETTE_AXIS]       = HEX (0x77767B),
  [PRECIS_PALETTE_BACKGROUND] = HEX (0xFFFFFF),
  [PRECIS_PALETTE_ACCENT]     = HEX (0x4477AA),
  [PRECIS_PALETTE_MEAN]       = HEX (0x241F31),
};

static const char * const role_hex[PRECIS_PALETTE_N_ROLES] = {
  "#009E73", "#D55E00", "#E69F00", "#FFFFFF", "#000000A6", "#9A9996",
  "#241F31", "#5E5C64", "#E4E4E7", "#77767B", "#FFFFFF", "#4477AA", "#241F31",
};

/* Class colours: Paul Tol's colour-blind-safe “muted” qualitative scheme,
 * the strong colours first (few classes never get the pale ones) and
 * neighbours contrasting; no outcome colour, so a class never reads as one. */
static const PrecisRgba classes[] = {
  HEX (0x332288), /* indigo */
  HEX (0xCC6677), /* rose */
  HEX (0x44AA99), /* teal */
  HEX (0x882255), /* wine */
  HEX (0x117733), /* green */
  HEX (0xAA4499), /* purple */
  HEX (0x999933), /* olive */
  HEX (0x88CCEE), /* cyan */
  HEX (0xDDCC77), /* sand */
};

/**
 * precis_palette_get:
 * @role: a #PrecisPaletteRole
 *
 * Returns: (transfer none): the colour of @role
 */
const PrecisRgba *
precis_palette_get (PrecisPaletteRole role)
{
  g_return_val_if_fail (role < PRECIS_PALETTE_N_ROLES, &roles[PRECIS_PALETTE_TEXT]);

  return &roles[role];
}

/**
 * precis_palette_get_hex:
 * @role: a #PrecisPaletteRole
 *
 * Returns: the colour of @role as `#RRGGBB` (or `#RRGGBBAA` when translucent),
 *   for CSS and documentation
 */
const char *
precis_palette_get_hex (PrecisPaletteRole role)
{
  g_return_val_if_fail (role < PRECIS_PALETTE_N_ROLES, "#000000");

  return role_hex[role];
}

/**
 * precis_palette_n_classes:
 *
 * Returns: the number of distinct class colours; precis_palette_get_class()
 *   cycles through them
 */
guint
precis_palette_n_classes (void)
{
  return G_N_ELEMENTS (classes);
}

/**
 * precis_palette_get_class:
 * @index: any class index
 *
 * Returns: (transfer none): the colour of class @index (cycling)
 */
const PrecisRgba *
precis_palette_get_class (guint index)
{
  return &classes[index % G_N_ELEMENTS (classes)];
}

/**
 * precis_palette_set_source:
 * @cr: a cairo context
 * @color: a colour
 * @alpha: multiplies the colour's own alpha
 *
 * Sets @color as the source of @cr.
 */
void
precis_palette_set_source (cairo_t          *cr,
                           const PrecisRgba *color,
                           double            alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * precis_palette_set_role:
 * @cr: a cairo context
 * @role: a #PrecisPaletteRole
 * @alpha: multiplies the colour's own alpha
 *
 * Sets the colour of @role as the source of @cr.
 */
void
precis_palette_set_role (cairo_t           *cr,
                         PrecisPaletteRole  role,
                         double             alpha)
{
  precis_palette_set_source (cr, precis_palette_get (role), alpha);
}

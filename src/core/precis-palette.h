/* precis-palette.h: colours shared by the charts and the image overlays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

/**
 * PrecisRgba:
 * @red: red, 0–1
 * @green: green, 0–1
 * @blue: blue, 0–1
 * @alpha: opacity, 0–1
 *
 * A colour with straight (not premultiplied) alpha.
 */
typedef struct {
  double red;
  double green;
  double blue;
  double alpha;
} PrecisRgba;

/**
 * PrecisPaletteRole:
 * @PRECIS_PALETTE_TP: true positive, Okabe–Ito bluish green #009E73
 * @PRECIS_PALETTE_FP: false positive, Okabe–Ito vermillion #D55E00
 * @PRECIS_PALETTE_FN: false negative, Okabe–Ito orange #E69F00 (dashed outline on the GT)
 * @PRECIS_PALETTE_GT: ground-truth outline, white
 * @PRECIS_PALETTE_GT_HALO: the dark halo drawn under the GT outline
 * @PRECIS_PALETTE_IGNORED: ignored (crowd) objects, grey
 * @PRECIS_PALETTE_TEXT: primary chart text
 * @PRECIS_PALETTE_TEXT_DIM: secondary chart text (subtitles, tick labels)
 * @PRECIS_PALETTE_GRID: chart grid lines
 * @PRECIS_PALETTE_AXIS: chart axis lines
 * @PRECIS_PALETTE_BACKGROUND: chart background
 * @PRECIS_PALETTE_ACCENT: the single-series colour of bar charts (Paul Tol blue #4477AA)
 * @PRECIS_PALETTE_MEAN: reference lines and mean curves (near black)
 *
 * Named colours. The outcome colours are the same in the overlays, the charts and
 * the PNGs (docs: UI.md, “Outcome colours”).
 */
typedef enum {
  PRECIS_PALETTE_TP,
  PRECIS_PALETTE_FP,
  PRECIS_PALETTE_FN,
  PRECIS_PALETTE_GT,
  PRECIS_PALETTE_GT_HALO,
  PRECIS_PALETTE_IGNORED,
  PRECIS_PALETTE_TEXT,
  PRECIS_PALETTE_TEXT_DIM,
  PRECIS_PALETTE_GRID,
  PRECIS_PALETTE_AXIS,
  PRECIS_PALETTE_BACKGROUND,
  PRECIS_PALETTE_ACCENT,
  PRECIS_PALETTE_MEAN,
  PRECIS_PALETTE_N_ROLES
} PrecisPaletteRole;

const PrecisRgba *precis_palette_get         (PrecisPaletteRole  role);
const char       *precis_palette_get_hex     (PrecisPaletteRole  role);

guint             precis_palette_n_classes   (void);
const PrecisRgba *precis_palette_get_class   (guint              index);

void              precis_palette_set_source  (cairo_t           *cr,
                                              const PrecisRgba  *color,
                                              double             alpha);
void              precis_palette_set_role    (cairo_t           *cr,
                                              PrecisPaletteRole  role,
                                              double             alpha);

/**
 * PrecisCvd:
 * @PRECIS_CVD_NONE: normal colour vision
 * @PRECIS_CVD_PROTANOPIA: no long-wavelength (red) cones
 * @PRECIS_CVD_DEUTERANOPIA: no medium-wavelength (green) cones
 * @PRECIS_CVD_TRITANOPIA: no short-wavelength (blue) cones
 * @PRECIS_CVD_N: the number of values
 *
 * Colour-vision deficiencies precis_palette_simulate_cvd() simulates.
 */
typedef enum {
  PRECIS_CVD_NONE,
  PRECIS_CVD_PROTANOPIA,
  PRECIS_CVD_DEUTERANOPIA,
  PRECIS_CVD_TRITANOPIA,
  PRECIS_CVD_N
} PrecisCvd;

/* precis-palette-cvd.c */
void              precis_palette_simulate_cvd    (const PrecisRgba  *color,
                                                  PrecisCvd          cvd,
                                                  PrecisRgba        *out);
double            precis_palette_delta_e         (const PrecisRgba  *a,
                                                  const PrecisRgba  *b);
double            precis_palette_outcome_delta_e (PrecisCvd          cvd,
                                                  PrecisPaletteRole  a,
                                                  PrecisPaletteRole  b);

G_END_DECLS

/* test-palette.c: the outcome colours under colour-vision deficiencies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference ΔE values are the output of
 * `/usr/bin/python3 tests/data/reference/cvd-delta-e.py` (numpy 1.24, an
 * independent implementation of the same Machado 2009 simulation and CIE 1976
 * ΔE*ab), printed to 6 decimals: they agree to 1e-5. The floor of 15 is the
 * project's rule (docs/ACCESSIBILITY.md): at least six just-noticeable
 * differences between any two outcome colours for every simulated deficiency.
 */
#include <glib.h>

#include "precis-palette.h"

static const struct {
  PrecisCvd         cvd;
  PrecisPaletteRole a, b;
  double            delta_e;
} reference[] = {
  { PRECIS_CVD_NONE, PRECIS_PALETTE_TP, PRECIS_PALETTE_FP, 102.408956 },
  { PRECIS_CVD_NONE, PRECIS_PALETTE_TP, PRECIS_PALETTE_FN, 88.718091 },
  { PRECIS_CVD_NONE, PRECIS_PALETTE_FP, PRECIS_PALETTE_FN, 33.425105 },
  { PRECIS_CVD_PROTANOPIA, PRECIS_PALETTE_TP, PRECIS_PALETTE_FP, 37.180413 },
  { PRECIS_CVD_PROTANOPIA, PRECIS_PALETTE_TP, PRECIS_PALETTE_FN, 51.557018 },
  { PRECIS_CVD_PROTANOPIA, PRECIS_PALETTE_FP, PRECIS_PALETTE_FN, 25.210023 },
  { PRECIS_CVD_DEUTERANOPIA, PRECIS_PALETTE_TP, PRECIS_PALETTE_FP, 53.346717 },
  { PRECIS_CVD_DEUTERANOPIA, PRECIS_PALETTE_TP, PRECIS_PALETTE_FN, 66.179178 },
  { PRECIS_CVD_DEUTERANOPIA, PRECIS_PALETTE_FP, PRECIS_PALETTE_FN, 18.348018 },
  { PRECIS_CVD_TRITANOPIA, PRECIS_PALETTE_TP, PRECIS_PALETTE_FP, 108.182830 },
  { PRECIS_CVD_TRITANOPIA, PRECIS_PALETTE_TP, PRECIS_PALETTE_FN, 83.694684 },
  { PRECIS_CVD_TRITANOPIA, PRECIS_PALETTE_FP, PRECIS_PALETTE_FN, 30.018119 },
};

#define MIN_DELTA_E 15.0

static void
test_outcome_delta_e (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (reference); i++)
    {
      double d = precis_palette_outcome_delta_e (reference[i].cvd, reference[i].a, reference[i].b);

      g_test_message ("cvd %d: %s vs %s: ΔE %.6f", reference[i].cvd,
                      precis_palette_get_hex (reference[i].a), precis_palette_get_hex (reference[i].b), d);
      g_assert_cmpfloat_with_epsilon (d, reference[i].delta_e, 1e-5);
      g_assert_cmpfloat (d, >=, MIN_DELTA_E);
    }
}

/* Hand-checked anchors: black and white are ΔE 100 apart (L* 0 and 100, a*
 * and b* 0 for both); a colour is 0 from itself; grey stays grey under every
 * simulation (each Machado row sums to 1), and pure red loses most of its
 * redness under protanopia. */
static void
test_anchors (void)
{
  const PrecisRgba black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 }, grey = { 0.5, 0.5, 0.5, 1 };
  const PrecisRgba red = { 1, 0, 0, 1 };
  PrecisRgba out;

  g_assert_cmpfloat_with_epsilon (precis_palette_delta_e (&black, &white), 100.0, 1e-3);
  g_assert_cmpfloat (precis_palette_delta_e (&red, &red), ==, 0.0);
  for (PrecisCvd cvd = PRECIS_CVD_NONE; cvd < PRECIS_CVD_N; cvd++)
    {
      precis_palette_simulate_cvd (&grey, cvd, &out);
      g_assert_cmpfloat (precis_palette_delta_e (&grey, &out), <, 0.05);
      g_assert_cmpfloat (out.alpha, ==, 1.0);
    }
  precis_palette_simulate_cvd (&red, PRECIS_CVD_PROTANOPIA, &out);
  g_assert_cmpfloat (out.red, <, 0.5);
  g_assert_cmpfloat (precis_palette_delta_e (&red, &out), >, 50.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/palette/outcome-delta-e", test_outcome_delta_e);
  g_test_add_func ("/palette/anchors", test_anchors);
  return g_test_run ();
}

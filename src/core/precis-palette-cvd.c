/* precis-palette-cvd.c: colour-vision deficiency simulation and colour distance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What checks that the outcome colours stay apart for the common colour-vision
 * deficiencies (docs/ACCESSIBILITY.md): the simulation of Machado, Oliveira and
 * Fernandes (2009, "A Physiologically-based Model for Simulation of Color
 * Vision Deficiency", severity 1.0) applied to linear sRGB, and the CIE 1976
 * colour difference ΔE*ab in CIELAB under D65.
 */
#include "config.h"

#include <math.h>

#include "precis-palette.h"

static const double machado[][3][3] = {
  [PRECIS_CVD_PROTANOPIA] = {
    {  0.152286, 1.052583, -0.204868 },
    {  0.114503, 0.786281,  0.099216 },
    { -0.003882, -0.048116, 1.051998 },
  },
  [PRECIS_CVD_DEUTERANOPIA] = {
    {  0.367322, 0.860646, -0.227968 },
    {  0.280085, 0.672501,  0.047413 },
    { -0.011820, 0.042940,  0.968881 },
  },
  [PRECIS_CVD_TRITANOPIA] = {
    {  1.255528, -0.076749, -0.178779 },
    { -0.078411,  0.930809,  0.147602 },
    {  0.004733,  0.691367,  0.303900 },
  },
};

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
to_srgb (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1.0 / 2.4) - 0.055;
}

/**
 * precis_palette_simulate_cvd:
 * @color: a colour
 * @cvd: the deficiency
 * @out: (out): @color as a person with @cvd sees it (alpha kept)
 *
 * %PRECIS_CVD_NONE copies @color.
 */
void
precis_palette_simulate_cvd (const PrecisRgba *color,
                             PrecisCvd         cvd,
                             PrecisRgba       *out)
{
  double lin[3], sim[3];

  g_return_if_fail (color != NULL && out != NULL);
  g_return_if_fail (cvd < PRECIS_CVD_N);

  if (cvd == PRECIS_CVD_NONE)
    {
      *out = *color;
      return;
    }
  lin[0] = to_linear (color->red);
  lin[1] = to_linear (color->green);
  lin[2] = to_linear (color->blue);
  for (guint i = 0; i < 3; i++)
    sim[i] = machado[cvd][i][0] * lin[0] + machado[cvd][i][1] * lin[1] + machado[cvd][i][2] * lin[2];
  out->red = to_srgb (sim[0]);
  out->green = to_srgb (sim[1]);
  out->blue = to_srgb (sim[2]);
  out->alpha = color->alpha;
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

static void
to_lab (const PrecisRgba *color,
        double            lab[3])
{
  const double white[3] = { 0.95047, 1.0, 1.08883 };
  double r = to_linear (color->red), g = to_linear (color->green), b = to_linear (color->blue);
  double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / white[0];
  double y = (0.2126729 * r + 0.7151522 * g + 0.0721750 * b) / white[1];
  double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / white[2];

  lab[0] = 116.0 * lab_f (y) - 16.0;
  lab[1] = 500.0 * (lab_f (x) - lab_f (y));
  lab[2] = 200.0 * (lab_f (y) - lab_f (z));
}

/**
 * precis_palette_delta_e:
 * @a: a colour
 * @b: another
 *
 * Returns: the CIE 1976 colour difference ΔE*ab of @a and @b (sRGB, D65),
 *   ignoring alpha: about 2.3 is just noticeable, above 10 the colours read
 *   as different at a glance
 */
double
precis_palette_delta_e (const PrecisRgba *a,
                        const PrecisRgba *b)
{
  double la[3], lb[3];

  g_return_val_if_fail (a != NULL && b != NULL, 0.0);

  to_lab (a, la);
  to_lab (b, lb);
  return sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
               (la[2] - lb[2]) * (la[2] - lb[2]));
}

/**
 * precis_palette_outcome_delta_e:
 * @cvd: the deficiency (%PRECIS_CVD_NONE: normal vision)
 * @a: an outcome role (%PRECIS_PALETTE_TP, _FP or _FN)
 * @b: another
 *
 * Returns: ΔE*ab between the two outcome colours as seen with @cvd
 */
double
precis_palette_outcome_delta_e (PrecisCvd          cvd,
                                PrecisPaletteRole  a,
                                PrecisPaletteRole  b)
{
  PrecisRgba sa, sb;

  precis_palette_simulate_cvd (precis_palette_get (a), cvd, &sa);
  precis_palette_simulate_cvd (precis_palette_get (b), cvd, &sb);
  return precis_palette_delta_e (&sa, &sb);
}

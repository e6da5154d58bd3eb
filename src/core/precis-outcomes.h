/* precis-outcomes.h: per-object outcomes with TIDE's error type (SEMANTICS.md §6, §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-active.h"
#include "precis-tide.h"

G_BEGIN_DECLS

/**
 * precis_outcomes_to_csv:
 * @active: the evaluation (protocol `active`, at its current parameters)
 * @tide: (nullable): TIDE's assignment of the same model, for the `error` column
 *
 * One CSV row per evaluated object, with the header
 * `kind,id,image_id,category_id,score,outcome,iou,match_id,error`: the GTs in file
 * order, then the predictions in file order. `kind` is `gt` or `pred`; `id` is the GT's
 * annotation id, or a prediction's file position + 1 (as pycocotools' loadRes);
 * `score` is empty for GTs; `outcome` is `TP`, `FP` or `ignored` for predictions and
 * `TP`, `FN`, `crowd` or `ignored` (outside the area range) for GTs; `iou` is a
 * prediction's stored iou or a GT's τ (0 if none); `match_id` is the TP partner's id
 * (empty otherwise); `error` is TIDE's type (`Cls`, `Loc`, `Both`, `Dupe`, `Bkg`,
 * `Miss`) or empty. Objects the class, image or confidence selection leaves out
 * get no row. Numbers are written with 17 significant digits.
 *
 * Returns: (transfer full): the CSV text
 */
char     *precis_outcomes_to_csv    (PrecisActive  *active,
                                     PrecisTide    *tide);

/* TIDE's assignment at @active's t, confidence and classes (background 0.1,
 * every image), for the `error` column; NULL with @error set when the image
 * order cannot be read. */
PrecisTide *precis_outcomes_new_tide  (PrecisActive  *active,
                                       GError       **error);

/* Writes precis_outcomes_to_csv() to @path atomically (a temporary file renamed
 * into place); refuses to replace an existing file (G_IO_ERROR_EXISTS) unless
 * @overwrite. */
gboolean  precis_outcomes_write_csv (PrecisActive  *active,
                                     PrecisTide    *tide,
                                     const char    *path,
                                     gboolean       overwrite,
                                     GError       **error);

G_END_DECLS

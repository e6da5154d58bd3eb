/* precis-matcher-private.h: the matcher over a subset of images, or over given IoUs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "precis-matcher.h"
#include "precis-iou.h"

G_BEGIN_DECLS

/* Fills the IoU values of every table (`(double *) tables[t].iou`, n_dt × n_gt
 * each); returns FALSE with @error set when it cannot. */
typedef gboolean (*PrecisIouFillFunc) (const PrecisIouTable *tables,
                                       guint                 n_tables,
                                       gpointer              user_data,
                                       GError              **error);

/* precis_matcher_new() with tables only for the images whose @image_mask entry
 * is set (NULL: every image), and the IoU values given by @fill rather than
 * computed from the geometry (NULL: computed). Used by sharded evaluation
 * (precis-shard.c): a shard computes its images' tables, a merge fills the
 * whole project's from the partials. */
PrecisMatcher *_precis_matcher_new_full (PrecisDataset      *dataset,
                                         guint               model,
                                         PrecisIouType       type,
                                         double              band_width,
                                         const guint8       *image_mask,
                                         PrecisIouFillFunc   fill,
                                         gpointer            fill_data,
                                         GCancellable       *cancellable,
                                         PrecisProgressFunc  progress,
                                         gpointer            progress_data,
                                         GError            **error);

/* precis-iou.c: precis_shapes_new() for the annotations of the images whose
 * @image_mask entry is set (NULL: all); the others get an empty mask that no
 * table compares (a shard's matcher). */
PrecisShapes  *_precis_shapes_new_subset (PrecisDataset            *dataset,
                                          const PrecisAnnotations  *anns,
                                          PrecisIouType             type,
                                          double                   band_width,
                                          const guint8             *image_mask,
                                          GCancellable             *cancellable,
                                          GError                  **error);

G_END_DECLS

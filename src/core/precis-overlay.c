/* precis-overlay.c: the annotations of one image drawn onto any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "precis-overlay-private.h"

/* The palette role of each outcome: the same colours as the charts. */
const PrecisPaletteRole _precis_overlay_outcome_role[PRECIS_OVERLAY_N_OUTCOMES] = {
  [PRECIS_OVERLAY_HIDDEN]  = PRECIS_PALETTE_IGNORED,
  [PRECIS_OVERLAY_TP]      = PRECIS_PALETTE_TP,
  [PRECIS_OVERLAY_FP]      = PRECIS_PALETTE_FP,
  [PRECIS_OVERLAY_FN]      = PRECIS_PALETTE_FN,
  [PRECIS_OVERLAY_GT]      = PRECIS_PALETTE_GT,
  [PRECIS_OVERLAY_IGNORED] = PRECIS_PALETTE_IGNORED,
};

guint
precis_overlay_outcome_layer (PrecisOverlayOutcome outcome)
{
  switch (outcome)
    {
    case PRECIS_OVERLAY_TP:
      return PRECIS_OVERLAY_LAYER_TP;
    case PRECIS_OVERLAY_FP:
      return PRECIS_OVERLAY_LAYER_FP;
    case PRECIS_OVERLAY_FN:
      return PRECIS_OVERLAY_LAYER_FN;
    case PRECIS_OVERLAY_GT:
      return PRECIS_OVERLAY_LAYER_GT;
    case PRECIS_OVERLAY_IGNORED:
      return PRECIS_OVERLAY_LAYER_IGNORED;
    case PRECIS_OVERLAY_HIDDEN:
    case PRECIS_OVERLAY_N_OUTCOMES:
    default:
      return 0;
    }
}

const char *
precis_overlay_outcome_to_string (PrecisOverlayOutcome outcome)
{
  switch (outcome)
    {
    case PRECIS_OVERLAY_TP:
      return C_("outcome", "TP");
    case PRECIS_OVERLAY_FP:
      return C_("outcome", "FP");
    case PRECIS_OVERLAY_FN:
      return C_("outcome", "FN");
    case PRECIS_OVERLAY_GT:
      return C_("outcome", "GT");
    case PRECIS_OVERLAY_IGNORED:
      return C_("outcome", "ignored");
    case PRECIS_OVERLAY_HIDDEN:
    case PRECIS_OVERLAY_N_OUTCOMES:
    default:
      return C_("outcome", "hidden");
    }
}

void
precis_overlay_outcome_rgb (PrecisOverlayOutcome  outcome,
                            double               *rgb)
{
  const PrecisRgba *c;

  g_return_if_fail (rgb != NULL);

  if ((guint) outcome >= PRECIS_OVERLAY_N_OUTCOMES)
    outcome = PRECIS_OVERLAY_HIDDEN;
  c = precis_palette_get (_precis_overlay_outcome_role[outcome]);
  rgb[0] = c->red;
  rgb[1] = c->green;
  rgb[2] = c->blue;
}

void
precis_overlay_style_init (PrecisOverlayStyle *style)
{
  g_return_if_fail (style != NULL);

  style->layers = PRECIS_OVERLAY_LAYER_ALL;
  style->scale = 1.0;
  style->offset_x = 0.0;
  style->offset_y = 0.0;
  style->line_width = 2.0;
  style->fill = TRUE;
  style->highlight_gt = PRECIS_NO_INDEX;
  style->highlight_dt = PRECIS_NO_INDEX;
  style->emphasis_gt = NULL;
  style->emphasis_dt = NULL;
  style->antialias = CAIRO_ANTIALIAS_DEFAULT;
}

static void
side_init (PrecisOverlaySide       *side,
           const PrecisAnnotations *anns,
           guint32                  image,
           gboolean                 is_gt)
{
  side->anns = anns;
  side->start = side->end = 0;

  if (anns != NULL && anns->image_group_start != NULL)
    {
      guint32 g0 = anns->image_group_start[image];
      guint32 g1 = anns->image_group_start[image + 1];

      if (g1 > g0)
        {
          side->start = anns->groups[g0].start;
          side->end = anns->groups[g1 - 1].end;
        }
    }

  side->items = g_new (PrecisOverlayItem, MAX (side->end - side->start, 1));
  for (guint32 k = 0; k < side->end - side->start; k++)
    {
      PrecisOverlayItem *item = &side->items[k];
      guint32 i = side->start + k;

      if (is_gt)
        item->outcome = anns->iscrowd[i] ? PRECIS_OVERLAY_IGNORED : PRECIS_OVERLAY_GT;
      else
        item->outcome = PRECIS_OVERLAY_FP;
      item->iou = is_gt ? -1.0 : 0.0;
      item->partner = PRECIS_NO_INDEX;
    }
  side->masks = NULL;
}

static void
side_clear (PrecisOverlaySide *side)
{
  if (side->masks != NULL)
    {
      for (guint32 k = 0; k < side->end - side->start; k++)
        _precis_overlay_mask_clear (&side->masks[k]);
      g_clear_pointer (&side->masks, g_free);
    }
  g_clear_pointer (&side->items, g_free);
}

/**
 * precis_overlay_new:
 * @dataset: a loaded dataset
 * @model: a prediction set of @dataset (ignored when it has none)
 * @type: the geometry to draw
 * @image: an image index of @dataset
 *
 * Returns: (transfer full): a new overlay; free it with precis_overlay_free()
 */
PrecisOverlay *
precis_overlay_new (PrecisDataset *dataset,
                    guint          model,
                    PrecisIouType  type,
                    guint32        image)
{
  PrecisOverlay *self;
  const PrecisImage *img;
  const PrecisAnnotations *dt = NULL;

  g_return_val_if_fail (PRECIS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (image < precis_dataset_get_n_images (dataset), NULL);

  img = precis_dataset_get_image (dataset, image);
  if (model < precis_dataset_get_n_models (dataset))
    dt = precis_dataset_get_predictions (dataset, model);

  self = g_new0 (PrecisOverlay, 1);
  self->dataset = g_object_ref (dataset);
  self->type = type;
  self->image = image;
  self->width = img->width;
  self->height = img->height;
  side_init (&self->gt, precis_dataset_get_ground_truth_annotations (dataset), image, TRUE);
  side_init (&self->dt, dt, image, FALSE);

  return self;
}

void
precis_overlay_free (PrecisOverlay *self)
{
  if (self == NULL)
    return;

  side_clear (&self->gt);
  side_clear (&self->dt);
  g_clear_object (&self->dataset);
  g_free (self);
}

PrecisDataset *
precis_overlay_get_dataset (PrecisOverlay *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

guint32
precis_overlay_get_image (PrecisOverlay *self)
{
  g_return_val_if_fail (self != NULL, PRECIS_NO_INDEX);
  return self->image;
}

PrecisIouType
precis_overlay_get_iou_type (PrecisOverlay *self)
{
  g_return_val_if_fail (self != NULL, PRECIS_IOU_BBOX);
  return self->type;
}

void
precis_overlay_set_band_width (PrecisOverlay *self,
                               double         band_width)
{
  g_return_if_fail (self != NULL);
  self->band_width = band_width > 0 ? band_width : 0;
}

/**
 * precis_overlay_get_gt_items:
 * @self: an overlay
 * @start: (out) (optional): the first GT annotation of the image
 * @end: (out) (optional): one past the last
 *
 * Returns: (transfer none): the writable items of the image's GT annotations
 */
PrecisOverlayItem *
precis_overlay_get_gt_items (PrecisOverlay *self,
                             guint32       *start,
                             guint32       *end)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (start != NULL)
    *start = self->gt.start;
  if (end != NULL)
    *end = self->gt.end;
  return self->gt.items;
}

/**
 * precis_overlay_get_dt_items:
 * @self: an overlay
 * @start: (out) (optional): the first prediction of the image
 * @end: (out) (optional): one past the last
 *
 * Returns: (transfer none): the writable items of the image's predictions
 */
PrecisOverlayItem *
precis_overlay_get_dt_items (PrecisOverlay *self,
                             guint32       *start,
                             guint32       *end)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (start != NULL)
    *start = self->dt.start;
  if (end != NULL)
    *end = self->dt.end;
  return self->dt.items;
}

/* The overlay outcome of each evaluator outcome. */
static const guint8 gt_outcome[] = {
  [PRECIS_GT_MATCHED]  = PRECIS_OVERLAY_GT,
  [PRECIS_GT_FN]       = PRECIS_OVERLAY_FN,
  [PRECIS_GT_IGNORED]  = PRECIS_OVERLAY_IGNORED,
  [PRECIS_GT_FILTERED] = PRECIS_OVERLAY_HIDDEN,
};

static const guint8 dt_outcome[] = {
  [PRECIS_PREDICTION_TP]       = PRECIS_OVERLAY_TP,
  [PRECIS_PREDICTION_FP]       = PRECIS_OVERLAY_FP,
  [PRECIS_PREDICTION_IGNORED]  = PRECIS_OVERLAY_IGNORED,
  [PRECIS_PREDICTION_FILTERED] = PRECIS_OVERLAY_HIDDEN,
};

/* Sets one item and counts it; returns whether its outcome changed. */
static gboolean
item_set (PrecisOverlayItem *item,
          guint8             outcome,
          double             iou,
          guint32            partner,
          guint             *counts)
{
  gboolean changed = item->outcome != outcome;

  item->outcome = outcome;
  item->iou = iou;
  item->partner = partner;
  if (counts != NULL)
    counts[outcome]++;
  return changed;
}

/**
 * precis_overlay_update_from_source:
 * @self: an overlay
 * @source: the evaluator of the protocol shown, evaluated at the current parameters
 * @counts: (out caller-allocates) (optional): items per outcome
 *
 * Copies the outcome, IoU and partner of every annotation of the image from
 * @source: a filtered annotation (class not selected, score below the
 * confidence threshold, image or category not evaluated) becomes
 * %PRECIS_OVERLAY_HIDDEN.
 *
 * Returns: whether an outcome changed
 */
gboolean
precis_overlay_update_from_source (PrecisOverlay             *self,
                                   const PrecisOutcomeSource *source,
                                   guint                      counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  PrecisMatcher *matcher;
  const PrecisMatches *matches;
  gboolean changed = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (precis_outcome_source_is_set (source), FALSE);

  matcher = source->coco != NULL ? precis_cocoeval_get_matcher (source->coco)
                                 : precis_active_get_matcher (source->active);
  g_return_val_if_fail (precis_matcher_get_dataset (matcher) == self->dataset, FALSE);
  matches = precis_matcher_get_matches (matcher);

  if (counts != NULL)
    memset (counts, 0, sizeof (guint) * PRECIS_OVERLAY_N_OUTCOMES);

  for (guint32 i = self->gt.start; i < self->gt.end; i++)
    {
      guint32 partner;
      PrecisGtOutcome o = precis_outcome_source_gt (source, i, &partner);

      changed |= item_set (&self->gt.items[i - self->gt.start],
                           o < G_N_ELEMENTS (gt_outcome) ? gt_outcome[o] : PRECIS_OVERLAY_HIDDEN,
                           matches != NULL ? matches->tau[i] : -1.0, partner, counts);
    }

  for (guint32 i = self->dt.start; i < self->dt.end; i++)
    {
      guint32 partner;
      double iou;
      PrecisPredictionOutcome o = precis_outcome_source_prediction (source, i, &partner, &iou);

      changed |= item_set (&self->dt.items[i - self->dt.start],
                           o < G_N_ELEMENTS (dt_outcome) ? dt_outcome[o] : PRECIS_OVERLAY_HIDDEN,
                           iou, partner, counts);
    }

  return changed;
}

/* precis_overlay_update_from_source() with protocol active. */
gboolean
precis_overlay_update_from_active (PrecisOverlay *self,
                                   PrecisActive  *active,
                                   guint          counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  PrecisOutcomeSource source = { .active = active };

  g_return_val_if_fail (PRECIS_IS_ACTIVE (active), FALSE);
  return precis_overlay_update_from_source (self, &source, counts);
}

void
precis_overlay_count (PrecisOverlay *self,
                      guint          layers,
                      guint          counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  const PrecisOverlaySide *sides[2];

  g_return_if_fail (self != NULL);
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * PRECIS_OVERLAY_N_OUTCOMES);
  sides[0] = &self->gt;
  sides[1] = &self->dt;
  for (guint s = 0; s < 2; s++)
    for (guint32 k = 0; k < sides[s]->end - sides[s]->start; k++)
      {
        guint outcome = sides[s]->items[k].outcome;

        if (outcome < PRECIS_OVERLAY_N_OUTCOMES &&
            (precis_overlay_outcome_layer (outcome) & layers) != 0)
          counts[outcome]++;
      }
}

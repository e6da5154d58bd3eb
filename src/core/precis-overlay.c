/* precis-overlay.c: the annotations of one image drawn onto any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "precis-overlay.h"
#include "precis-palette.h"
#include "precis-polyline.h"

/* Per annotation, built on first use: an RLE mask as an A8 surface of its
 * pixel box plus its pixel outline. */
typedef struct {
  cairo_surface_t *mask;
  cairo_path_t    *outline;
  int              x0;
  int              y0;
} MaskCache;

typedef struct {
  const PrecisAnnotations *anns;
  guint32                  start;
  guint32                  end;
  PrecisOverlayItem       *items;
  MaskCache               *masks;   /* end − start entries, or NULL */
} Side;

struct _PrecisOverlay
{
  PrecisDataset     *dataset;
  PrecisIouType      type;
  guint32            image;
  guint32            width;
  guint32            height;
  double             band_width;
  Side               gt;
  Side               dt;
};

/* The palette role of each outcome: the same colours as the charts. */
static const PrecisPaletteRole outcome_role[PRECIS_OVERLAY_N_OUTCOMES] = {
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
  c = precis_palette_get (outcome_role[outcome]);
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
  style->antialias = CAIRO_ANTIALIAS_DEFAULT;
}

static void
side_init (Side                    *side,
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
side_clear (Side *side)
{
  if (side->masks != NULL)
    {
      for (guint32 k = 0; k < side->end - side->start; k++)
        {
          g_clear_pointer (&side->masks[k].mask, cairo_surface_destroy);
          g_clear_pointer (&side->masks[k].outline, cairo_path_destroy);
        }
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

static double
overlay_band_width (PrecisOverlay *self)
{
  if (self->band_width > 0)
    return self->band_width;
  return precis_polyline_default_width (self->width, self->height);
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

/**
 * precis_overlay_update_from_active:
 * @self: an overlay
 * @active: the evaluator, evaluated at the current parameters
 * @counts: (out caller-allocates) (optional): items per outcome
 *
 * Copies the outcome, IoU and partner of every annotation of the image from
 * @active: a filtered annotation (class not selected, score below the
 * confidence threshold) becomes %PRECIS_OVERLAY_HIDDEN.
 *
 * Returns: whether an outcome changed
 */
gboolean
precis_overlay_update_from_active (PrecisOverlay *self,
                                   PrecisActive  *active,
                                   guint          counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  PrecisMatcher *matcher;
  const PrecisMatches *matches;
  gboolean changed = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (PRECIS_IS_ACTIVE (active), FALSE);

  matcher = precis_active_get_matcher (active);
  g_return_val_if_fail (precis_matcher_get_dataset (matcher) == self->dataset, FALSE);
  matches = precis_matcher_get_matches (matcher);

  if (counts != NULL)
    memset (counts, 0, sizeof (guint) * PRECIS_OVERLAY_N_OUTCOMES);

  for (guint32 i = self->gt.start; i < self->gt.end; i++)
    {
      PrecisOverlayItem *item = &self->gt.items[i - self->gt.start];
      guint8 old = item->outcome;

      switch (precis_active_get_gt_outcome (active, i))
        {
        case PRECIS_GT_MATCHED:
          item->outcome = PRECIS_OVERLAY_GT;
          break;
        case PRECIS_GT_FN:
          item->outcome = PRECIS_OVERLAY_FN;
          break;
        case PRECIS_GT_IGNORED:
          item->outcome = PRECIS_OVERLAY_IGNORED;
          break;
        case PRECIS_GT_FILTERED:
        default:
          item->outcome = PRECIS_OVERLAY_HIDDEN;
          break;
        }
      item->iou = matches != NULL ? matches->tau[i] : -1.0;
      item->partner = precis_active_get_gt_match (active, i);
      changed |= item->outcome != old;
      if (counts != NULL)
        counts[item->outcome]++;
    }

  for (guint32 i = self->dt.start; i < self->dt.end; i++)
    {
      PrecisOverlayItem *item = &self->dt.items[i - self->dt.start];
      guint8 old = item->outcome;

      switch (precis_active_get_prediction_outcome (active, i))
        {
        case PRECIS_PREDICTION_TP:
          item->outcome = PRECIS_OVERLAY_TP;
          break;
        case PRECIS_PREDICTION_FP:
          item->outcome = PRECIS_OVERLAY_FP;
          break;
        case PRECIS_PREDICTION_IGNORED:
          item->outcome = PRECIS_OVERLAY_IGNORED;
          break;
        case PRECIS_PREDICTION_FILTERED:
        default:
          item->outcome = PRECIS_OVERLAY_HIDDEN;
          break;
        }
      item->iou = matches != NULL ? matches->iou[i] : 0.0;
      item->partner = matches != NULL ? matches->candidate[i] : PRECIS_NO_INDEX;
      changed |= item->outcome != old;
      if (counts != NULL)
        counts[item->outcome]++;
    }

  return changed;
}

void
precis_overlay_count (PrecisOverlay *self,
                      guint          layers,
                      guint          counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  const Side *sides[2];

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

/* What geometry an annotation is drawn with. */
typedef enum {
  SHAPE_BOX,
  SHAPE_POLYGON,
  SHAPE_RLE,
  SHAPE_POLYLINE,
  SHAPE_KEYPOINTS,
} Shape;

static Shape
annotation_shape (PrecisOverlay           *self,
                  const PrecisAnnotations *anns,
                  guint32                  i)
{
  guint8 has = anns->has[i];

  switch (self->type)
    {
    case PRECIS_IOU_SEGM:
      if ((has & PRECIS_HAS_SEGM) != 0)
        {
          if (anns->segm_kind[i] == PRECIS_SEGM_POLYGON && anns->segm_len[i] > 0)
            return SHAPE_POLYGON;
          if (anns->segm_kind[i] == PRECIS_SEGM_RLE && anns->segm_len[i] > 0)
            return SHAPE_RLE;
        }
      break;
    case PRECIS_IOU_KEYPOINTS:
      if ((has & PRECIS_HAS_KEYPOINTS) != 0 && anns->kp_start[i] != PRECIS_NO_INDEX)
        return SHAPE_KEYPOINTS;
      break;
    case PRECIS_IOU_POLYLINE:
      if ((has & PRECIS_HAS_POLYLINE) != 0 && anns->line_len[i] > 0)
        return SHAPE_POLYLINE;
      break;
    case PRECIS_IOU_BBOX:
    case PRECIS_N_IOU_TYPES:
    default:
      break;
    }
  return SHAPE_BOX;
}

/* Builds the A8 mask of an RLE annotation over its pixel box, and its outline
 * (pixel edges) in image coordinates, straight from the column-major runs. */
static void
mask_cache_build (MaskCache               *cache,
                  const PrecisAnnotations *anns,
                  guint32                  i,
                  guint32                  h,
                  guint32                  w)
{
  const guint32 *cnts = anns->counts + anns->segm_start[i];
  guint32 m = anns->segm_len[i];
  guint64 total = (guint64) h * w;
  guint64 p = 0;
  guint32 xmin = G_MAXUINT32, xmax = 0, ymin = G_MAXUINT32, ymax = 0;
  g_autoptr(GArray) ivals = NULL;   /* per-column ones intervals: x, y0, y1 */
  cairo_surface_t *scratch;
  cairo_t *cr;
  guint8 *data;
  int stride;

  if (h == 0 || w == 0)
    return;

  ivals = g_array_new (FALSE, FALSE, sizeof (guint32) * 3);
  for (guint32 r = 0; r < m && p < total; r++)
    {
      guint64 q = MIN (p + cnts[r], total);

      if ((r & 1) == 1)
        {
          /* Split the run at column boundaries. */
          while (p < q)
            {
              guint32 x = p / h;
              guint32 y0 = p % h;
              guint64 col_end = (guint64) (x + 1) * h;
              guint32 y1 = (guint32) (MIN (q, col_end) - (guint64) x * h);
              guint32 iv[3] = { x, y0, y1 };

              g_array_append_vals (ivals, iv, 1);
              xmin = MIN (xmin, x);
              xmax = MAX (xmax, x);
              ymin = MIN (ymin, y0);
              ymax = MAX (ymax, y1 - 1);
              p = MIN (q, col_end);
            }
        }
      p = q;
    }

  if (ivals->len == 0)
    return;

  cache->x0 = xmin;
  cache->y0 = ymin;
  cache->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, xmax - xmin + 1, ymax - ymin + 1);
  cairo_surface_flush (cache->mask);
  data = cairo_image_surface_get_data (cache->mask);
  stride = cairo_image_surface_get_stride (cache->mask);
  for (guint k = 0; k < ivals->len; k++)
    {
      const guint32 *iv = &g_array_index (ivals, guint32, 3 * k);

      for (guint32 y = iv[1]; y < iv[2]; y++)
        data[(gsize) (y - ymin) * stride + (iv[0] - xmin)] = 0xff;
    }
  cairo_surface_mark_dirty (cache->mask);

  /* The outline: the top and bottom edge of every interval, and on each column
   * boundary the rows where exactly one side is set (the symmetric difference
   * of the two columns' intervals, from their merged endpoints). */
  scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (scratch);
  {
    guint next = 0;
    guint prev_lo = 0, prev_hi = 0;   /* intervals of column x − 1 */

    for (guint32 x = xmin; x <= xmax + 1; x++)
      {
        guint cur_lo = next, cur_hi = next;   /* intervals of column x */
        guint ia, ib;
        gboolean inside = FALSE;
        guint32 open_y = 0;

        while (cur_hi < ivals->len && g_array_index (ivals, guint32, 3 * cur_hi) == x)
          cur_hi++;
        next = cur_hi;

        for (guint k = cur_lo; k < cur_hi; k++)
          {
            const guint32 *iv = &g_array_index (ivals, guint32, 3 * k);

            cairo_move_to (cr, x, iv[1]);
            cairo_line_to (cr, x + 1, iv[1]);
            cairo_move_to (cr, x, iv[2]);
            cairo_line_to (cr, x + 1, iv[2]);
          }

        /* Merge the endpoints of both columns; equal endpoints cancel. */
        ia = 2 * prev_lo;
        ib = 2 * cur_lo;
        while (ia < 2 * prev_hi || ib < 2 * cur_hi)
          {
            guint32 ya = G_MAXUINT32, yb = G_MAXUINT32, y;

            if (ia < 2 * prev_hi)
              ya = g_array_index (ivals, guint32, 3 * (ia / 2) + 1 + (ia % 2));
            if (ib < 2 * cur_hi)
              yb = g_array_index (ivals, guint32, 3 * (ib / 2) + 1 + (ib % 2));
            if (ya == yb)
              {
                ia++;
                ib++;
                continue;
              }
            if (ya < yb)
              {
                y = ya;
                ia++;
              }
            else
              {
                y = yb;
                ib++;
              }
            if (!inside)
              open_y = y;
            else
              {
                cairo_move_to (cr, x, open_y);
                cairo_line_to (cr, x, y);
              }
            inside = !inside;
          }

        prev_lo = cur_lo;
        prev_hi = cur_hi;
      }
  }
  cache->outline = cairo_copy_path (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}

static MaskCache *
overlay_get_mask (PrecisOverlay *self,
                  Side          *side,
                  guint32        i)
{
  MaskCache *cache;

  if (side->masks == NULL)
    side->masks = g_new0 (MaskCache, MAX (side->end - side->start, 1));
  cache = &side->masks[i - side->start];
  if (cache->mask == NULL && cache->outline == NULL)
    {
      mask_cache_build (cache, side->anns, i, self->height, self->width);
      if (cache->outline == NULL)
        {
          /* An empty mask: remember it with an empty path. */
          cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
          cairo_t *cr = cairo_create (scratch);

          cache->outline = cairo_copy_path (cr);
          cairo_destroy (cr);
          cairo_surface_destroy (scratch);
        }
    }
  return cache;
}

/* Appends the rings @first .. @first + @n of @anns as closed (polygon) or
 * open (polyline) subpaths, in the current user space. */
static void
append_rings (cairo_t                 *cr,
              const PrecisAnnotations *anns,
              guint32                  first,
              guint32                  n,
              gboolean                 closed)
{
  for (guint32 r = first; r < first + n; r++)
    {
      const double *xy = anns->coords + anns->ring_start[r];
      guint32 len = anns->ring_len[r];

      if (len < 2)
        continue;
      cairo_move_to (cr, xy[0], xy[1]);
      for (guint32 c = 2; c + 1 < len; c += 2)
        cairo_line_to (cr, xy[c], xy[c + 1]);
      if (closed)
        cairo_close_path (cr);
    }
}

static void
set_source (cairo_t              *cr,
            PrecisOverlayOutcome  outcome,
            double                alpha)
{
  precis_palette_set_role (cr, outcome_role[outcome], alpha);
}

/* Strokes the current path (device space) in the style of @outcome. */
static void
stroke_outcome (cairo_t              *cr,
                PrecisOverlayOutcome  outcome,
                double                lw,
                gboolean              preserve)
{
  static const double dash[] = { 6.0, 4.0 };

  switch (outcome)
    {
    case PRECIS_OVERLAY_GT:
      /* A thin white line with a dark halo: visible on any picture. */
      precis_palette_set_role (cr, PRECIS_PALETTE_GT_HALO, 0.85);
      cairo_set_line_width (cr, MAX (lw * 0.6, 1.0) + 2.0);
      cairo_stroke_preserve (cr);
      set_source (cr, outcome, 0.95);
      cairo_set_line_width (cr, MAX (lw * 0.6, 1.0));
      break;
    case PRECIS_OVERLAY_FN:
      cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
      cairo_set_line_width (cr, lw + 2.0);
      cairo_stroke_preserve (cr);
      set_source (cr, outcome, 1.0);
      cairo_set_line_width (cr, lw);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      break;
    case PRECIS_OVERLAY_IGNORED:
      set_source (cr, outcome, 0.9);
      cairo_set_line_width (cr, MAX (lw * 0.75, 1.0));
      break;
    case PRECIS_OVERLAY_TP:
    case PRECIS_OVERLAY_FP:
    case PRECIS_OVERLAY_HIDDEN:
    case PRECIS_OVERLAY_N_OUTCOMES:
    default:
      set_source (cr, outcome, 1.0);
      cairo_set_line_width (cr, lw);
      break;
    }

  if (preserve)
    cairo_stroke_preserve (cr);
  else
    cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_keypoints (PrecisOverlay           *self,
                cairo_t                 *cr,
                const PrecisOverlayStyle *style,
                const PrecisAnnotations *anns,
                guint32                  i,
                PrecisOverlayOutcome     outcome,
                double                   lw)
{
  const PrecisCategory *cat = precis_dataset_get_category (self->dataset, anns->category[i]);
  const double *kp = anns->keypoints + anns->kp_start[i];
  guint k = cat->n_keypoints;
  double s = style->scale;
  double radius = MAX (lw * 1.5, 2.5);

  if (k == 0)
    k = anns->num_keypoints[i];

  /* Skeleton: edges between two visible keypoints. */
  for (guint e = 0; e < cat->n_skeleton; e++)
    {
      guint a = cat->skeleton[2 * e];
      guint b = cat->skeleton[2 * e + 1];

      if (a >= k || b >= k || kp[3 * a + 2] <= 0 || kp[3 * b + 2] <= 0)
        continue;
      cairo_move_to (cr, style->offset_x + s * kp[3 * a], style->offset_y + s * kp[3 * a + 1]);
      cairo_line_to (cr, style->offset_x + s * kp[3 * b], style->offset_y + s * kp[3 * b + 1]);
    }
  stroke_outcome (cr, outcome, MAX (lw * 0.75, 1.0), FALSE);

  for (guint j = 0; j < k; j++)
    {
      if (kp[3 * j + 2] <= 0)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, style->offset_x + s * kp[3 * j], style->offset_y + s * kp[3 * j + 1],
                 radius, 0, 2 * G_PI);
    }
  set_source (cr, outcome, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
draw_item (PrecisOverlay            *self,
           cairo_t                  *cr,
           const PrecisOverlayStyle *style,
           Side                     *side,
           guint32                   i,
           PrecisOverlayOutcome      outcome,
           gboolean                  highlight)
{
  const PrecisAnnotations *anns = side->anns;
  double s = style->scale;
  double lw = style->line_width > 0 ? style->line_width : 2.0;
  double fill_alpha = outcome == PRECIS_OVERLAY_GT ? 0.18 : 0.3;
  Shape shape = annotation_shape (self, anns, i);

  if (highlight)
    lw *= 2;

  cairo_new_path (cr);
  switch (shape)
    {
    case SHAPE_BOX:
      {
        const double *b = anns->bbox + 4 * i;

        cairo_rectangle (cr, style->offset_x + s * b[0], style->offset_y + s * b[1],
                         s * b[2], s * b[3]);
        if (highlight && style->fill)
          {
            set_source (cr, outcome, 0.15);
            cairo_fill_preserve (cr);
          }
        stroke_outcome (cr, outcome, lw, FALSE);
      }
      break;

    case SHAPE_POLYGON:
      cairo_save (cr);
      cairo_translate (cr, style->offset_x, style->offset_y);
      cairo_scale (cr, s, s);
      append_rings (cr, anns, anns->segm_start[i], anns->segm_len[i], TRUE);
      cairo_restore (cr);
      if (style->fill)
        {
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
          set_source (cr, outcome, highlight ? fill_alpha + 0.15 : fill_alpha);
          cairo_fill_preserve (cr);
        }
      stroke_outcome (cr, outcome, lw, FALSE);
      break;

    case SHAPE_RLE:
      {
        MaskCache *cache = overlay_get_mask (self, side, i);

        if (cache->mask != NULL && style->fill)
          {
            cairo_pattern_t *pattern = cairo_pattern_create_for_surface (cache->mask);
            cairo_matrix_t matrix;

            cairo_save (cr);
            cairo_translate (cr, style->offset_x, style->offset_y);
            cairo_scale (cr, s, s);
            cairo_matrix_init_translate (&matrix, -cache->x0, -cache->y0);
            cairo_pattern_set_matrix (pattern, &matrix);
            cairo_pattern_set_filter (pattern, s >= 1.0 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
            set_source (cr, outcome, highlight ? fill_alpha + 0.15 : fill_alpha);
            cairo_mask (cr, pattern);
            cairo_pattern_destroy (pattern);
            cairo_restore (cr);
          }
        if (cache->outline != NULL)
          {
            cairo_save (cr);
            cairo_translate (cr, style->offset_x, style->offset_y);
            cairo_scale (cr, s, s);
            cairo_append_path (cr, cache->outline);
            cairo_restore (cr);
            cairo_save (cr);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
            stroke_outcome (cr, outcome, MAX (lw * 0.75, 1.0), FALSE);
            cairo_restore (cr);
          }
      }
      break;

    case SHAPE_POLYLINE:
      cairo_save (cr);
      cairo_translate (cr, style->offset_x, style->offset_y);
      cairo_scale (cr, s, s);
      append_rings (cr, anns, anns->line_start[i], anns->line_len[i], FALSE);
      cairo_restore (cr);
      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (style->fill)
        {
          /* The band that the IoU is computed on. */
          set_source (cr, outcome, highlight ? fill_alpha + 0.15 : fill_alpha);
          cairo_set_line_width (cr, overlay_band_width (self) * s);
          cairo_stroke_preserve (cr);
        }
      stroke_outcome (cr, outcome, lw, FALSE);
      cairo_restore (cr);
      break;

    case SHAPE_KEYPOINTS:
      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      draw_keypoints (self, cr, style, anns, i, outcome, lw);
      cairo_restore (cr);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Everything of one outcome but the highlighted items, with one fill and one
 * stroke per kind of path rather than one per annotation: a thumbnail of a
 * hundred boxes costs a handful of cairo operations. Returns the number drawn. */
static guint
draw_batch (PrecisOverlay            *self,
            cairo_t                  *cr,
            const PrecisOverlayStyle *style,
            Side                    **sides,
            PrecisOverlayOutcome      outcome)
{
  double s = style->scale;
  double lw = style->line_width > 0 ? style->line_width : 2.0;
  double fill_alpha = outcome == PRECIS_OVERLAY_GT ? 0.18 : 0.3;
  double radius = MAX (lw * 1.5, 2.5);
  cairo_path_t *closed = NULL;    /* boxes, polygon rings, mask outlines */
  cairo_path_t *open = NULL;      /* polylines and skeletons */
  gboolean any_polygon = FALSE, any_line = FALSE, any_keypoint = FALSE;
  guint n = 0;

  /* Pass 1: masks (one by one, cached) and the path of polygon fills. */
  cairo_new_path (cr);
  for (guint k = 0; k < 2; k++)
    {
      Side *side = sides[k];
      guint32 highlight = k == 0 ? style->highlight_gt : style->highlight_dt;

      for (guint32 i = side->start; i < side->end; i++)
        {
          if (side->items[i - side->start].outcome != outcome || i == highlight)
            continue;
          n++;
          switch (annotation_shape (self, side->anns, i))
            {
            case SHAPE_POLYGON:
              any_polygon = TRUE;
              if (style->fill)
                {
                  cairo_save (cr);
                  cairo_translate (cr, style->offset_x, style->offset_y);
                  cairo_scale (cr, s, s);
                  append_rings (cr, side->anns, side->anns->segm_start[i], side->anns->segm_len[i], TRUE);
                  cairo_restore (cr);
                }
              break;
            case SHAPE_RLE:
              if (style->fill)
                {
                  MaskCache *cache = overlay_get_mask (self, side, i);

                  if (cache->mask != NULL)
                    {
                      cairo_pattern_t *pattern = cairo_pattern_create_for_surface (cache->mask);
                      cairo_matrix_t matrix;
                      cairo_path_t *pending = cairo_copy_path (cr);

                      cairo_new_path (cr);
                      cairo_save (cr);
                      cairo_translate (cr, style->offset_x, style->offset_y);
                      cairo_scale (cr, s, s);
                      cairo_matrix_init_translate (&matrix, -cache->x0, -cache->y0);
                      cairo_pattern_set_matrix (pattern, &matrix);
                      cairo_pattern_set_filter (pattern, s >= 1.0 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
                      set_source (cr, outcome, fill_alpha);
                      cairo_mask (cr, pattern);
                      cairo_pattern_destroy (pattern);
                      cairo_restore (cr);
                      cairo_append_path (cr, pending);
                      cairo_path_destroy (pending);
                    }
                }
              break;
            case SHAPE_POLYLINE:
              any_line = TRUE;
              break;
            case SHAPE_KEYPOINTS:
              any_keypoint = TRUE;
              break;
            case SHAPE_BOX:
            default:
              break;
            }
        }
    }
  if (n == 0)
    return 0;
  if (any_polygon && style->fill)
    {
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      set_source (cr, outcome, fill_alpha);
      cairo_fill (cr);
    }
  cairo_new_path (cr);

  /* Pass 2: the outlines of closed shapes. */
  for (guint k = 0; k < 2; k++)
    {
      Side *side = sides[k];
      guint32 highlight = k == 0 ? style->highlight_gt : style->highlight_dt;

      for (guint32 i = side->start; i < side->end; i++)
        {
          const double *b;

          if (side->items[i - side->start].outcome != outcome || i == highlight)
            continue;
          switch (annotation_shape (self, side->anns, i))
            {
            case SHAPE_BOX:
              b = side->anns->bbox + 4 * i;
              cairo_rectangle (cr, style->offset_x + s * b[0], style->offset_y + s * b[1],
                               s * b[2], s * b[3]);
              break;
            case SHAPE_POLYGON:
              cairo_save (cr);
              cairo_translate (cr, style->offset_x, style->offset_y);
              cairo_scale (cr, s, s);
              append_rings (cr, side->anns, side->anns->segm_start[i], side->anns->segm_len[i], TRUE);
              cairo_restore (cr);
              break;
            case SHAPE_RLE:
              {
                MaskCache *cache = overlay_get_mask (self, side, i);

                if (cache->outline != NULL)
                  {
                    cairo_save (cr);
                    cairo_translate (cr, style->offset_x, style->offset_y);
                    cairo_scale (cr, s, s);
                    cairo_append_path (cr, cache->outline);
                    cairo_restore (cr);
                  }
              }
              break;
            case SHAPE_POLYLINE:
            case SHAPE_KEYPOINTS:
            default:
              break;
            }
        }
    }
  closed = cairo_copy_path (cr);
  if (closed->num_data > 0)
    {
      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
      stroke_outcome (cr, outcome, lw, FALSE);
      cairo_restore (cr);
    }
  cairo_path_destroy (closed);
  cairo_new_path (cr);

  /* Pass 3: polylines (their bands, then their lines) and skeletons. */
  if (any_line || any_keypoint)
    {
      for (guint k = 0; k < 2; k++)
        {
          Side *side = sides[k];
          guint32 highlight = k == 0 ? style->highlight_gt : style->highlight_dt;

          for (guint32 i = side->start; i < side->end; i++)
            {
              if (side->items[i - side->start].outcome != outcome || i == highlight)
                continue;
              switch (annotation_shape (self, side->anns, i))
                {
                case SHAPE_POLYLINE:
                  cairo_save (cr);
                  cairo_translate (cr, style->offset_x, style->offset_y);
                  cairo_scale (cr, s, s);
                  append_rings (cr, side->anns, side->anns->line_start[i], side->anns->line_len[i], FALSE);
                  cairo_restore (cr);
                  break;
                case SHAPE_KEYPOINTS:
                  {
                    const PrecisAnnotations *anns = side->anns;
                    const PrecisCategory *cat = precis_dataset_get_category (self->dataset, anns->category[i]);
                    const double *kp = anns->keypoints + anns->kp_start[i];
                    guint nk = cat->n_keypoints ? cat->n_keypoints : anns->num_keypoints[i];

                    for (guint e = 0; e < cat->n_skeleton; e++)
                      {
                        guint a = cat->skeleton[2 * e];
                        guint c = cat->skeleton[2 * e + 1];

                        if (a >= nk || c >= nk || kp[3 * a + 2] <= 0 || kp[3 * c + 2] <= 0)
                          continue;
                        cairo_move_to (cr, style->offset_x + s * kp[3 * a], style->offset_y + s * kp[3 * a + 1]);
                        cairo_line_to (cr, style->offset_x + s * kp[3 * c], style->offset_y + s * kp[3 * c + 1]);
                      }
                  }
                  break;
                case SHAPE_BOX:
                case SHAPE_POLYGON:
                case SHAPE_RLE:
                default:
                  break;
                }
            }
        }
      open = cairo_copy_path (cr);
      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (any_line && style->fill)
        {
          /* The band that the IoU is computed on. */
          set_source (cr, outcome, fill_alpha);
          cairo_set_line_width (cr, overlay_band_width (self) * s);
          cairo_stroke_preserve (cr);
        }
      stroke_outcome (cr, outcome, any_line ? lw : MAX (lw * 0.75, 1.0), FALSE);
      cairo_restore (cr);
      cairo_path_destroy (open);
      cairo_new_path (cr);
    }

  /* Pass 4: keypoint dots. */
  if (any_keypoint)
    {
      for (guint k = 0; k < 2; k++)
        {
          Side *side = sides[k];
          guint32 highlight = k == 0 ? style->highlight_gt : style->highlight_dt;

          for (guint32 i = side->start; i < side->end; i++)
            {
              const PrecisAnnotations *anns = side->anns;
              const PrecisCategory *cat;
              const double *kp;
              guint nk;

              if (side->items[i - side->start].outcome != outcome || i == highlight ||
                  annotation_shape (self, anns, i) != SHAPE_KEYPOINTS)
                continue;
              cat = precis_dataset_get_category (self->dataset, anns->category[i]);
              kp = anns->keypoints + anns->kp_start[i];
              nk = cat->n_keypoints ? cat->n_keypoints : anns->num_keypoints[i];
              for (guint j = 0; j < nk; j++)
                {
                  if (kp[3 * j + 2] <= 0)
                    continue;
                  cairo_new_sub_path (cr);
                  cairo_arc (cr, style->offset_x + s * kp[3 * j], style->offset_y + s * kp[3 * j + 1],
                             radius, 0, 2 * G_PI);
                }
            }
        }
      set_source (cr, outcome, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }

  return n;
}

/* Drawing order: the least important first, so that TPs and FPs stay on top. */
static const PrecisOverlayOutcome draw_order[] = {
  PRECIS_OVERLAY_IGNORED,
  PRECIS_OVERLAY_GT,
  PRECIS_OVERLAY_FN,
  PRECIS_OVERLAY_TP,
  PRECIS_OVERLAY_FP,
};

/**
 * precis_overlay_draw:
 * @self: an overlay
 * @cr: where to draw
 * @style: (nullable): the transform and layers; NULL for the defaults
 * @counts: (out caller-allocates) (optional): the number drawn per outcome
 *
 * Returns: the number of annotations drawn
 */
guint
precis_overlay_draw (PrecisOverlay            *self,
                     cairo_t                  *cr,
                     const PrecisOverlayStyle *style,
                     guint                     counts[PRECIS_OVERLAY_N_OUTCOMES])
{
  PrecisOverlayStyle defaults;
  Side *sides[2];
  guint n_drawn = 0, n;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  if (style == NULL)
    {
      precis_overlay_style_init (&defaults);
      style = &defaults;
    }
  if (counts != NULL)
    memset (counts, 0, sizeof (guint) * PRECIS_OVERLAY_N_OUTCOMES);

  sides[0] = &self->gt;
  sides[1] = &self->dt;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_antialias (cr, style->antialias);
  for (guint o = 0; o < G_N_ELEMENTS (draw_order); o++)
    {
      PrecisOverlayOutcome outcome = draw_order[o];

      if ((precis_overlay_outcome_layer (outcome) & style->layers) == 0)
        continue;

      n = draw_batch (self, cr, style, sides, outcome);
      n_drawn += n;
      if (counts != NULL)
        counts[outcome] += n;
    }

  for (guint s = 0; s < 2; s++)
    {
      Side *side = sides[s];
      guint32 i = s == 0 ? style->highlight_gt : style->highlight_dt;
      guint outcome;

      if (i < side->start || i >= side->end)
        continue;
      outcome = side->items[i - side->start].outcome;
      if ((precis_overlay_outcome_layer (outcome) & style->layers) == 0)
        continue;
      draw_item (self, cr, style, side, i, outcome, TRUE);
      n_drawn++;
      if (counts != NULL)
        counts[outcome]++;
    }
  cairo_restore (cr);

  return n_drawn;
}

/* Distance from (px, py) to the segment (ax, ay)–(bx, by). */
static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = 0;

  if (len2 > 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return sqrt (dx * dx + dy * dy);
}

/* Non-zero winding number of the rings around (x, y). */
static gboolean
rings_contain (const PrecisAnnotations *anns,
               guint32                  first,
               guint32                  n,
               double                   x,
               double                   y)
{
  int winding = 0;

  for (guint32 r = first; r < first + n; r++)
    {
      const double *xy = anns->coords + anns->ring_start[r];
      guint32 np = anns->ring_len[r] / 2;

      for (guint32 a = 0; a < np; a++)
        {
          guint32 b = (a + 1) % np;
          double ax = xy[2 * a], ay = xy[2 * a + 1];
          double bx = xy[2 * b], by = xy[2 * b + 1];
          double cross = (bx - ax) * (y - ay) - (x - ax) * (by - ay);

          if (ay <= y)
            {
              if (by > y && cross > 0)
                winding++;
            }
          else if (by <= y && cross < 0)
            winding--;
        }
    }
  return winding != 0;
}

static double
rings_distance (const PrecisAnnotations *anns,
                guint32                  first,
                guint32                  n,
                gboolean                 closed,
                double                   x,
                double                   y)
{
  double best = G_MAXDOUBLE;

  for (guint32 r = first; r < first + n; r++)
    {
      const double *xy = anns->coords + anns->ring_start[r];
      guint32 np = anns->ring_len[r] / 2;

      if (np == 1)
        best = MIN (best, segment_distance (x, y, xy[0], xy[1], xy[0], xy[1]));
      for (guint32 a = 0; a + 1 < np + (closed ? 1 : 0); a++)
        {
          guint32 b = (a + 1) % np;

          best = MIN (best, segment_distance (x, y, xy[2 * a], xy[2 * a + 1],
                                              xy[2 * b], xy[2 * b + 1]));
        }
    }
  return best;
}

static gboolean
rle_contains (const PrecisAnnotations *anns,
              guint32                  i,
              guint32                  h,
              guint32                  w,
              double                   x,
              double                   y)
{
  const guint32 *cnts = anns->counts + anns->segm_start[i];
  guint64 target, p = 0;

  if (x < 0 || y < 0 || x >= w || y >= h)
    return FALSE;
  target = (guint64) floor (x) * h + (guint64) floor (y);
  for (guint32 r = 0; r < anns->segm_len[i]; r++)
    {
      p += cnts[r];
      if (target < p)
        return (r & 1) == 1;
    }
  return FALSE;
}

static gboolean
item_contains (PrecisOverlay           *self,
               const PrecisAnnotations *anns,
               guint32                  i,
               double                   x,
               double                   y,
               double                   tol)
{
  const double *b = anns->bbox + 4 * i;

  switch (annotation_shape (self, anns, i))
    {
    case SHAPE_POLYGON:
      return rings_contain (anns, anns->segm_start[i], anns->segm_len[i], x, y) ||
             rings_distance (anns, anns->segm_start[i], anns->segm_len[i], TRUE, x, y) <= tol;
    case SHAPE_RLE:
      return rle_contains (anns, i, self->height, self->width, x, y);
    case SHAPE_POLYLINE:
      return rings_distance (anns, anns->line_start[i], anns->line_len[i], FALSE, x, y) <=
             MAX (overlay_band_width (self) / 2, tol);
    case SHAPE_KEYPOINTS:
      {
        const PrecisCategory *cat = precis_dataset_get_category (self->dataset, anns->category[i]);
        const double *kp = anns->keypoints + anns->kp_start[i];
        guint k = cat->n_keypoints ? cat->n_keypoints : anns->num_keypoints[i];

        for (guint j = 0; j < k; j++)
          if (kp[3 * j + 2] > 0 && hypot (kp[3 * j] - x, kp[3 * j + 1] - y) <= MAX (tol, 3.0))
            return TRUE;
      }
      G_GNUC_FALLTHROUGH;
    case SHAPE_BOX:
    default:
      return x >= b[0] - tol && x <= b[0] + b[2] + tol &&
             y >= b[1] - tol && y <= b[1] + b[3] + tol;
    }
}

/**
 * precis_overlay_hit_test:
 * @self: an overlay
 * @x: image x (pixels)
 * @y: image y (pixels)
 * @layers: the visible #PrecisOverlayLayers
 * @tolerance: slack in image pixels for lines, points and edges
 * @hit: (out caller-allocates): what was hit
 *
 * Returns: whether a visible annotation lies under the point
 */
gboolean
precis_overlay_hit_test (PrecisOverlay    *self,
                         double            x,
                         double            y,
                         guint             layers,
                         double            tolerance,
                         PrecisOverlayHit *hit)
{
  Side *sides[2];
  double best_area = G_MAXDOUBLE;
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  sides[0] = &self->dt;
  sides[1] = &self->gt;
  for (guint s = 0; s < 2; s++)
    {
      Side *side = sides[s];
      gboolean is_gt = side == &self->gt;

      for (guint32 i = side->start; i < side->end; i++)
        {
          const PrecisOverlayItem *item = &side->items[i - side->start];
          const double *b = side->anns->bbox + 4 * i;
          double area = MAX (b[2], 0) * MAX (b[3], 0);

          if ((precis_overlay_outcome_layer (item->outcome) & layers) == 0)
            continue;
          /* A GT must be clearly smaller to win over a prediction. */
          if (is_gt)
            area *= 1.1;
          if (area >= best_area)
            continue;
          if (!item_contains (self, side->anns, i, x, y, tolerance))
            continue;

          best_area = area;
          found = TRUE;
          hit->is_gt = is_gt;
          hit->index = i;
          hit->category = side->anns->category[i];
          hit->score = side->anns->score[i];
          hit->iou = item->iou;
          hit->outcome = item->outcome;
          hit->partner = item->partner;
        }
    }

  return found;
}

/* precis-confusion.c: the detection confusion matrix (SEMANTICS.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-confusion.h"
#include "precis-csv-private.h"

struct _PrecisConfusion
{
  GObject                   parent_instance;

  PrecisOverlaps           *overlaps;
  const PrecisOverlapsData *o;
  PrecisDataset            *dataset;
  const PrecisAnnotations  *dt;
  const PrecisAnnotations  *gt;

  double                    threshold;
  double                    confidence;
  guint8                   *classes;
  gboolean                  dirty;

  PrecisConfusionResult     result;
  guint                    *matrix;
  guint8                   *prediction_state;
  guint32                  *prediction_match;
  guint32                  *gt_match;
};

G_DEFINE_FINAL_TYPE (PrecisConfusion, precis_confusion, G_TYPE_OBJECT)

static void
precis_confusion_finalize (GObject *object)
{
  PrecisConfusion *self = (PrecisConfusion *)object;

  g_clear_object (&self->overlaps);
  g_free (self->classes);
  g_free (self->matrix);
  g_free (self->prediction_state);
  g_free (self->prediction_match);
  g_free (self->gt_match);

  G_OBJECT_CLASS (precis_confusion_parent_class)->finalize (object);
}

static void
precis_confusion_class_init (PrecisConfusionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = precis_confusion_finalize;
}

static void
precis_confusion_init (PrecisConfusion *self)
{
  self->threshold = 0.5;
  self->dirty = TRUE;
}

PrecisConfusion *
precis_confusion_new (PrecisOverlaps *overlaps)
{
  PrecisConfusion *self;
  PrecisMatcher *matcher;
  guint k;

  g_return_val_if_fail (PRECIS_IS_OVERLAPS (overlaps), NULL);

  self = g_object_new (PRECIS_TYPE_CONFUSION, NULL);
  self->overlaps = g_object_ref (overlaps);
  self->o = precis_overlaps_get_data (overlaps);
  matcher = precis_overlaps_get_matcher (overlaps);
  self->dataset = precis_matcher_get_dataset (matcher);
  self->dt = precis_dataset_get_predictions (self->dataset, precis_matcher_get_model (matcher));
  self->gt = precis_dataset_get_ground_truth_annotations (self->dataset);

  k = self->o->n_categories;
  self->classes = g_malloc (MAX (k, 1));
  memset (self->classes, 1, MAX (k, 1));
  self->matrix = g_new0 (guint, (gsize)(k + 1) * (k + 1));
  self->prediction_state = g_new (guint8, MAX (self->o->n_predictions, 1));
  self->prediction_match = g_new (guint32, MAX (self->o->n_predictions, 1));
  self->gt_match = g_new (guint32, MAX (self->o->n_gt, 1));
  return self;
}

void
precis_confusion_set_threshold (PrecisConfusion *self,
                                double           threshold)
{
  g_return_if_fail (PRECIS_IS_CONFUSION (self));
  g_return_if_fail (threshold >= 0 && threshold <= 1);

  if (self->threshold != threshold)
    self->dirty = TRUE;
  self->threshold = threshold;
}

void
precis_confusion_set_confidence (PrecisConfusion *self,
                                 double           confidence)
{
  g_return_if_fail (PRECIS_IS_CONFUSION (self));
  g_return_if_fail (confidence >= 0);

  if (self->confidence != confidence)
    self->dirty = TRUE;
  self->confidence = confidence;
}

void
precis_confusion_set_classes (PrecisConfusion *self,
                              const guint8    *mask)
{
  g_return_if_fail (PRECIS_IS_CONFUSION (self));

  for (guint c = 0; c < self->o->n_categories; c++)
    self->classes[c] = mask == NULL || mask[c] != 0;
  self->dirty = TRUE;
}

/* The free selected GT of largest IoU (first in GT file order on ties) and the
 * largest crowd-IoU with a selected crowd GT. */
static guint32
best_free_gt (PrecisConfusion *self,
              guint32          d,
              double          *best_iou,
              double          *crowd)
{
  const PrecisOverlapsData *o = self->o;
  guint32 best = PRECIS_NO_INDEX;

  *best_iou = 0;
  *crowd = 0;
  for (guint32 e = o->pair_start[d]; e < o->pair_start[d + 1]; e++)
    {
      guint32 g = o->pair_gt[e];
      double v = o->pair_iou[e];

      if (!self->classes[self->gt->category[g]])
        continue;
      if (o->gt_crowd[g])
        {
          if (v > *crowd)
            *crowd = v;
        }
      else if (self->gt_match[g] == PRECIS_NO_INDEX && v > *best_iou)
        {
          *best_iou = v;
          best = g;
        }
    }
  return best;
}

static void
evaluate_image (PrecisConfusion *self,
                guint            k)
{
  const PrecisOverlapsData *o = self->o;
  const guint32 *dts = o->image_dt + o->image_dt_start[k];
  const guint32 *gts = o->image_gt + o->image_gt_start[k];
  guint n_dts = o->image_dt_start[k + 1] - o->image_dt_start[k];
  guint n_gts = o->image_gt_start[k + 1] - o->image_gt_start[k];
  guint K = o->n_categories, next_free = 0;
  double t = self->threshold;

  for (guint i = 0; i < n_dts; i++)
    {
      guint32 d = dts[i], c = self->dt->category[d], g;
      double iou, crowd;

      self->prediction_match[d] = PRECIS_NO_INDEX;
      if (!self->classes[c] || self->dt->score[d] < self->confidence)
        {
          self->prediction_state[d] = PRECIS_CONFUSION_FILTERED;
          continue;
        }
      g = best_free_gt (self, d, &iou, &crowd);
      if (g == PRECIS_NO_INDEX || iou < t)
        g = PRECIS_NO_INDEX;
      if (g == PRECIS_NO_INDEX && t <= 0)
        {
          /* At t = 0 any free GT qualifies: on equal IoU (0) the first in file order. */
          while (next_free < n_gts &&
                 (self->gt_match[gts[next_free]] != PRECIS_NO_INDEX ||
                  !self->classes[self->gt->category[gts[next_free]]]))
            next_free++;
          if (next_free < n_gts)
            g = gts[next_free];
        }
      if (g != PRECIS_NO_INDEX)
        {
          self->prediction_state[d] = PRECIS_CONFUSION_MATCHED;
          self->prediction_match[d] = g;
          self->gt_match[g] = d;
          self->matrix[(gsize)self->gt->category[g] * (K + 1) + c]++;
        }
      else if (crowd > 0 && crowd >= t)
        {
          self->prediction_state[d] = PRECIS_CONFUSION_IGNORED;
          self->result.n_ignored++;
        }
      else
        {
          self->prediction_state[d] = PRECIS_CONFUSION_UNMATCHED;
          self->matrix[(gsize)K * (K + 1) + c]++;
        }
    }

  for (guint j = 0; j < n_gts; j++)
    {
      guint32 g = gts[j], c = self->gt->category[g];

      if (self->classes[c] && self->gt_match[g] == PRECIS_NO_INDEX)
        self->matrix[(gsize)c * (K + 1) + K]++;
    }
}

const PrecisConfusionResult *
precis_confusion_evaluate (PrecisConfusion *self)
{
  const PrecisOverlapsData *o;
  PrecisConfusionResult *r;
  guint K;

  g_return_val_if_fail (PRECIS_IS_CONFUSION (self), NULL);

  r = &self->result;
  if (!self->dirty)
    return r;

  o = self->o;
  K = o->n_categories;
  memset (r, 0, sizeof *r);
  memset (self->matrix, 0, sizeof (guint) * (K + 1) * (K + 1));
  memset (self->gt_match, 0xff, sizeof (guint32) * o->n_gt);
  for (guint k = 0; k < o->n_images; k++)
    evaluate_image (self, k);

  r->threshold = self->threshold;
  r->confidence = self->confidence;
  r->n_classes = K;
  r->matrix = self->matrix;
  r->prediction_state = self->prediction_state;
  r->prediction_match = self->prediction_match;
  r->gt_match = self->gt_match;
  self->dirty = FALSE;
  return r;
}

GArray *
precis_confusion_get_cell (PrecisConfusion *self,
                           guint            row,
                           guint            col)
{
  const PrecisConfusionResult *r;
  GArray *out;
  guint K;

  g_return_val_if_fail (PRECIS_IS_CONFUSION (self), NULL);

  r = precis_confusion_evaluate (self);
  K = r->n_classes;
  g_return_val_if_fail (row <= K && col <= K, NULL);

  out = g_array_new (FALSE, FALSE, sizeof (PrecisConfusionPair));
  for (guint32 d = 0; d < self->o->n_predictions; d++)
    {
      PrecisConfusionPair pair = { PRECIS_NO_INDEX, d };

      if (self->dt->category[d] != col)
        continue;
      if (r->prediction_state[d] == PRECIS_CONFUSION_MATCHED &&
          self->gt->category[r->prediction_match[d]] == row)
        pair.gt = r->prediction_match[d];
      else if (!(r->prediction_state[d] == PRECIS_CONFUSION_UNMATCHED && row == K))
        continue;
      g_array_append_val (out, pair);
    }
  if (col == K && row < K)
    for (guint32 g = 0; g < self->o->n_gt; g++)
      if (self->gt->category[g] == row && !self->o->gt_crowd[g] && r->gt_match[g] == PRECIS_NO_INDEX)
        {
          PrecisConfusionPair pair = { g, PRECIS_NO_INDEX };

          g_array_append_val (out, pair);
        }
  return out;
}

/* The selected category indices, then K for background. */
static GArray *
selected_labels (PrecisConfusion *self)
{
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (guint));
  guint K = self->o->n_categories;

  for (guint c = 0; c < K; c++)
    if (self->classes[c])
      g_array_append_val (labels, c);
  g_array_append_val (labels, K);
  return labels;
}

JsonNode *
precis_confusion_to_json (PrecisConfusion *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GArray) labels = NULL;
  const PrecisConfusionResult *r;
  guint K;

  g_return_val_if_fail (PRECIS_IS_CONFUSION (self), NULL);

  r = precis_confusion_evaluate (self);
  K = r->n_classes;
  labels = selected_labels (self);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < labels->len; i++)
    {
      guint c = g_array_index (labels, guint, i);

      json_builder_add_string_value (b, c < K ? precis_dataset_get_category (self->dataset, c)->name : "background");
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "category_ids");
  json_builder_begin_array (b);
  for (guint i = 0; i < labels->len; i++)
    {
      guint c = g_array_index (labels, guint, i);

      if (c < K)
        json_builder_add_int_value (b, precis_dataset_get_category (self->dataset, c)->id);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "matrix");
  json_builder_begin_array (b);
  for (guint i = 0; i < labels->len; i++)
    {
      guint row = g_array_index (labels, guint, i);

      json_builder_begin_array (b);
      for (guint j = 0; j < labels->len; j++)
        json_builder_add_int_value (b, r->matrix[(gsize)row * (K + 1) + g_array_index (labels, guint, j)]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
_precis_csv_append_field (GString    *out,
                          const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
precis_confusion_to_csv (PrecisConfusion *self)
{
  g_autoptr(GArray) labels = NULL;
  const PrecisConfusionResult *r;
  GString *out;
  guint K;

  g_return_val_if_fail (PRECIS_IS_CONFUSION (self), NULL);

  r = precis_confusion_evaluate (self);
  K = r->n_classes;
  labels = selected_labels (self);
  out = g_string_new ("gt \\ predicted");
  for (guint i = 0; i < labels->len; i++)
    {
      guint c = g_array_index (labels, guint, i);

      g_string_append_c (out, ',');
      _precis_csv_append_field (out, c < K ? precis_dataset_get_category (self->dataset, c)->name : "background");
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < labels->len; i++)
    {
      guint row = g_array_index (labels, guint, i);

      _precis_csv_append_field (out, row < K ? precis_dataset_get_category (self->dataset, row)->name : "background");
      for (guint j = 0; j < labels->len; j++)
        g_string_append_printf (out, ",%u", r->matrix[(gsize)row * (K + 1) + g_array_index (labels, guint, j)]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  guint class;
  guint mass;
} RankedClass;

static int
compare_ranked_classes (gconstpointer a,
                        gconstpointer b)
{
  const RankedClass *ra = a, *rb = b;

  if (ra->mass != rb->mass)
    return ra->mass < rb->mass ? 1 : -1;
  return ra->class < rb->class ? -1 : ra->class > rb->class;
}

guint
precis_confusion_rank_classes (const guint  *matrix,
                               guint         n_classes,
                               const guint8 *mask,
                               guint        *order)
{
  gsize stride = (gsize) n_classes + 1;
  g_autofree RankedClass *ranked = g_new (RankedClass, MAX (n_classes, 1));
  guint n = 0;

  g_return_val_if_fail (matrix != NULL && order != NULL, 0);

  for (guint c = 0; c < n_classes; c++)
    {
      guint mass = 0;

      if (mask != NULL && !mask[c])
        continue;
      for (guint j = 0; j < n_classes; j++)
        if (j != c)
          mass += matrix[c * stride + j] + matrix[j * stride + c];
      if (mass > 0)
        ranked[n++] = (RankedClass) { c, mass };
    }
  qsort (ranked, n, sizeof *ranked, compare_ranked_classes);
  for (guint k = 0; k < n; k++)
    order[k] = ranked[k].class;
  return n;
}

guint
precis_confusion_choose_classes (const guint  *matrix,
                                 guint         n_classes,
                                 const guint8 *mask,
                                 guint         top,
                                 guint        *shown,
                                 guint        *n_selected,
                                 guint        *n_confused)
{
  guint n = 0, selected = 0, confused;

  g_return_val_if_fail (matrix != NULL && shown != NULL, 0);

  for (guint c = 0; c < n_classes; c++)
    if (mask == NULL || mask[c])
      {
        if (n < top)
          shown[n++] = c;
        selected++;
      }
  confused = precis_confusion_rank_classes (matrix, n_classes, mask, shown);
  /* When the ranking is empty it wrote nothing: the selected classes stay. */
  if (confused > 0)
    n = MIN (confused, top);
  shown[n++] = n_classes;
  if (n_selected != NULL)
    *n_selected = selected;
  if (n_confused != NULL)
    *n_confused = confused;
  return n;
}

char *
precis_confusion_format_cell (guint    count,
                              guint    row_sum,
                              gboolean row_normalised)
{
  if (!row_normalised)
    return g_strdup_printf ("%u", count);
  return g_strdup_printf ("%.2f", row_sum > 0 ? (double) count / row_sum : 0.0);
}

guint
precis_confusion_row_sum (const guint *matrix,
                          guint        n_classes,
                          guint        row)
{
  guint sum = 0;

  g_return_val_if_fail (matrix != NULL && row <= n_classes, 0);
  for (guint j = 0; j <= n_classes; j++)
    sum += matrix[(gsize) row * (n_classes + 1) + j];
  return sum;
}

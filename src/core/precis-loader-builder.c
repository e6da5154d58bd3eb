/* precis-loader-builder.c: the struct-of-arrays builder of annotations and its sort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include "precis-loader-private.h"

/* ------------------------------------------------------------------------- */
/* Annotation builder                                                         */

void
_precis_builder_init (Builder *b,
                      guint    reserve)
{
#define NEW(field, type, k) b->field = g_array_sized_new (FALSE, FALSE, sizeof (type), (reserve) * (k))
  NEW (file_index, guint32, 1);
  NEW (id, gint64, 1);
  NEW (image, guint32, 1);
  NEW (category, guint32, 1);
  NEW (score, double, 1);
  NEW (bbox, double, 4);
  NEW (area, double, 1);
  NEW (iscrowd, guint8, 1);
  NEW (has, guint8, 1);
  NEW (segm_kind, guint8, 1);
  NEW (segm_start, guint32, 1);
  NEW (segm_len, guint32, 1);
  NEW (line_start, guint32, 1);
  NEW (line_len, guint32, 1);
  NEW (kp_start, guint32, 1);
  NEW (num_keypoints, guint32, 1);
#undef NEW
  b->ring_start = g_array_new (FALSE, FALSE, sizeof (guint64));
  b->ring_len = g_array_new (FALSE, FALSE, sizeof (guint32));
  b->coords = g_array_new (FALSE, FALSE, sizeof (double));
  b->counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  b->keypoints = g_array_new (FALSE, FALSE, sizeof (double));
}

void
_precis_builder_clear (Builder *b)
{
  GArray **arrays[] = {
    &b->file_index, &b->id, &b->image, &b->category, &b->score, &b->bbox, &b->area,
    &b->iscrowd, &b->has, &b->segm_kind, &b->segm_start, &b->segm_len, &b->line_start,
    &b->line_len, &b->kp_start, &b->num_keypoints, &b->ring_start, &b->ring_len,
    &b->coords, &b->counts, &b->keypoints,
  };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], g_array_unref);
}

void
_precis_builder_push (Builder   *b,
                      const Ann *a)
{
  guint32 file_index = b->id->len;

  g_array_append_val (b->file_index, file_index);
  g_array_append_val (b->id, a->id);
  g_array_append_val (b->image, a->image);
  g_array_append_val (b->category, a->category);
  g_array_append_val (b->score, a->score);
  g_array_append_vals (b->bbox, a->bbox, 4);
  g_array_append_val (b->area, a->area);
  g_array_append_val (b->iscrowd, a->iscrowd);
  g_array_append_val (b->has, a->has);
  g_array_append_val (b->segm_kind, a->segm_kind);
  g_array_append_val (b->segm_start, a->segm_start);
  g_array_append_val (b->segm_len, a->segm_len);
  g_array_append_val (b->line_start, a->line_start);
  g_array_append_val (b->line_len, a->line_len);
  g_array_append_val (b->kp_start, a->kp_start);
  g_array_append_val (b->num_keypoints, a->num_keypoints);
}

#define PERMUTE(anns, field, type, k, perm)                              \
  G_STMT_START {                                                          \
    type *src_ = (type *) (anns)->field;                                  \
    type *dst_ = g_new (type, (gsize) (anns)->n * (k) + 1);               \
    for (guint j_ = 0; j_ < (anns)->n; j_++)                              \
      memcpy (dst_ + (gsize) j_ * (k), src_ + (gsize) (perm)[j_] * (k),   \
              sizeof (type) * (k));                                       \
    g_free (src_);                                                        \
    (anns)->field = dst_;                                                 \
  } G_STMT_END

/* Sorts by (image, category, file order) with two stable counting passes and
 * builds the group index. */
PrecisAnnotations *
_precis_builder_finish (Builder *b,
                        guint    n_images,
                        guint    n_categories)
{
  PrecisAnnotations *anns = g_new0 (PrecisAnnotations, 1);
  g_autofree guint32 *count = NULL;
  g_autofree guint32 *by_cat = NULL;
  g_autofree guint32 *perm = NULL;
  guint n = b->id->len;
  guint n_groups = 0;

  anns->n = n;
#define STEAL(field, type) anns->field = (type *) g_array_steal (b->field, NULL)
  STEAL (file_index, guint32);
  STEAL (id, gint64);
  STEAL (image, guint32);
  STEAL (category, guint32);
  STEAL (score, double);
  STEAL (bbox, double);
  STEAL (area, double);
  STEAL (iscrowd, guint8);
  STEAL (has, guint8);
  STEAL (segm_kind, guint8);
  STEAL (segm_start, guint32);
  STEAL (segm_len, guint32);
  STEAL (line_start, guint32);
  STEAL (line_len, guint32);
  STEAL (kp_start, guint32);
  STEAL (num_keypoints, guint32);
#undef STEAL
  anns->n_rings = b->ring_len->len;
  anns->ring_start = (guint64 *) g_array_steal (b->ring_start, NULL);
  anns->ring_len = (guint32 *) g_array_steal (b->ring_len, NULL);
  anns->n_coords = b->coords->len;
  anns->coords = (double *) g_array_steal (b->coords, NULL);
  anns->n_counts = b->counts->len;
  anns->counts = (guint32 *) g_array_steal (b->counts, NULL);
  anns->n_keypoint_values = b->keypoints->len;
  anns->keypoints = (double *) g_array_steal (b->keypoints, NULL);
  _precis_builder_clear (b);

  /* Stable counting sort: by category, then by image. */
  count = g_new0 (guint32, MAX (n_images, n_categories) + 1);
  by_cat = g_new (guint32, n + 1);
  perm = g_new (guint32, n + 1);

  for (guint i = 0; i < n; i++)
    count[anns->category[i] + 1]++;
  for (guint c = 0; c < n_categories; c++)
    count[c + 1] += count[c];
  for (guint i = 0; i < n; i++)
    by_cat[count[anns->category[i]]++] = i;

  memset (count, 0, sizeof (guint32) * (MAX (n_images, n_categories) + 1));
  for (guint i = 0; i < n; i++)
    count[anns->image[i] + 1]++;
  for (guint k = 0; k < n_images; k++)
    count[k + 1] += count[k];
  for (guint j = 0; j < n; j++)
    {
      guint32 i = by_cat[j];

      perm[count[anns->image[i]]++] = i;
    }

  PERMUTE (anns, file_index, guint32, 1, perm);
  PERMUTE (anns, id, gint64, 1, perm);
  PERMUTE (anns, image, guint32, 1, perm);
  PERMUTE (anns, category, guint32, 1, perm);
  PERMUTE (anns, score, double, 1, perm);
  PERMUTE (anns, bbox, double, 4, perm);
  PERMUTE (anns, area, double, 1, perm);
  PERMUTE (anns, iscrowd, guint8, 1, perm);
  PERMUTE (anns, has, guint8, 1, perm);
  PERMUTE (anns, segm_kind, guint8, 1, perm);
  PERMUTE (anns, segm_start, guint32, 1, perm);
  PERMUTE (anns, segm_len, guint32, 1, perm);
  PERMUTE (anns, line_start, guint32, 1, perm);
  PERMUTE (anns, line_len, guint32, 1, perm);
  PERMUTE (anns, kp_start, guint32, 1, perm);
  PERMUTE (anns, num_keypoints, guint32, 1, perm);

  /* Groups: runs of equal (image, category). */
  for (guint i = 0; i < n; i++)
    if (i == 0 || anns->image[i] != anns->image[i - 1] || anns->category[i] != anns->category[i - 1])
      n_groups++;

  anns->n_groups = n_groups;
  anns->groups = g_new (PrecisGroup, n_groups + 1);
  anns->image_group_start = g_new (guint32, n_images + 1);

  n_groups = 0;
  for (guint i = 0; i < n; i++)
    {
      if (i == 0 || anns->image[i] != anns->image[i - 1] || anns->category[i] != anns->category[i - 1])
        {
          PrecisGroup *g = &anns->groups[n_groups++];

          g->image = anns->image[i];
          g->category = anns->category[i];
          g->start = i;
        }
      anns->groups[n_groups - 1].end = i + 1;
    }

  for (guint k = 0, g = 0; k <= n_images; k++)
    {
      while (g < n_groups && anns->groups[g].image < k)
        g++;
      anns->image_group_start[k] = g;
    }

  return anns;
}

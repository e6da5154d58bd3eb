/* precis-loader-annotation.c: one annotation read with json-glib, and what loadRes derives from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include "precis-loader-private.h"
#include "precis-rle.h"

static const char *
mode_member (Mode mode)
{
  switch (mode)
    {
    case MODE_BBOX:
      return "bbox";
    case MODE_SEGM:
      return "segmentation";
    case MODE_KEYPOINTS:
      return "keypoints";
    case MODE_POLYLINE:
      return "polyline";
    case MODE_GT:
    default:
      return NULL;
    }
}

static gboolean
read_reference (Loader     *ld,
                guint       index,
                JsonObject *obj,
                const char *member,
                gboolean    is_image,
                guint32    *out)
{
  g_autofree char *where = _precis_loader_ann_path (ld, index, NULL);
  gint64 id;

  if (!_precis_loader_require_int64 (ld->display, where, obj, member, _("an integer id"), &id,
                                     &ld->error))
    return FALSE;

  if (is_image)
    {
      *out = precis_dataset_find_image (ld->dataset, id);
      if (*out == PRECIS_NO_INDEX)
        {
          if (ld->mode == MODE_GT)
            _precis_loader_ann_error (ld, index, member, PRECIS_DATASET_ERROR_REFERENCE,
                                      _("no image has id %" PRId64), id);
          else
            _precis_loader_ann_error (ld, index, member, PRECIS_DATASET_ERROR_REFERENCE,
                                      _("image %" PRId64 " is not in the ground truth"), id);
          return FALSE;
        }
    }
  else
    {
      *out = precis_dataset_find_category (ld->dataset, id);
      if (*out == PRECIS_NO_INDEX)
        {
          _precis_loader_ann_error (ld, index, member, PRECIS_DATASET_ERROR_REFERENCE,
                                    _("no category has id %" PRId64), id);
          return FALSE;
        }
    }

  return TRUE;
}

/* The pixel area and box of the mask of @a (its band for @polyline), where
 * @area and @box ask for them. */
static void
derive_from_mask (Loader            *ld,
                  Ann               *a,
                  const PrecisImage *img,
                  gboolean           polyline,
                  gboolean           area,
                  gboolean           box)
{
  PrecisRle mask = PRECIS_RLE_INIT;

  if (polyline)
    _precis_loader_polyline_band (ld, a, img, &mask);
  else
    _precis_loader_segm_mask (ld, a, img, &mask);
  if (area)
    a->area = (double) precis_rle_area (&mask);
  if (box)
    precis_rle_to_bbox (&mask, a->bbox);
  precis_rle_clear (&mask);
}

const char *
_precis_has_member (guint8 has)
{
  if (has & PRECIS_HAS_BBOX)
    return "bbox";
  if (has & PRECIS_HAS_SEGM)
    return "segmentation";
  if (has & PRECIS_HAS_KEYPOINTS)
    return "keypoints";
  return "polyline";
}

/* A file holds objects with geometry or image labels, not both (SEMANTICS.md
 * §11): the first annotation of the other kind is an error naming the first of
 * the file's kind. */
static gboolean
check_kind (Loader    *ld,
            guint      index,
            const Ann *a)
{
  if (a->has == 0)
    {
      if (ld->first_geometry >= 0)
        {
          _precis_loader_ann_error (ld, index, NULL, PRECIS_DATASET_ERROR_MISSING,
                                    _("no geometry: expected a bbox, segmentation, keypoints or polyline, "
                                      "as %s[%" PRId64 "] has one (a file holds objects with "
                                      "geometry or image labels, not both)"),
                                    ld->array, ld->first_geometry);
          return FALSE;
        }
      if (ld->first_label < 0)
        ld->first_label = index;
    }
  else
    {
      if (ld->first_label >= 0)
        {
          _precis_loader_ann_error (ld, index, _precis_has_member (a->has), PRECIS_DATASET_ERROR_TYPE,
                                    _("has geometry, but %s[%" PRId64 "] is an image label "
                                      "without any (a file holds objects with geometry or image labels, "
                                      "not both)"),
                                    ld->array, ld->first_label);
          return FALSE;
        }
      if (ld->first_geometry < 0)
        ld->first_geometry = index;
    }
  return TRUE;
}

/* Checks the annotation against the file's branch, derives what loadRes derives
 * and stores it. Shared by the json-glib reader and the fast results reader. */
gboolean
_precis_loader_finish_annotation (Loader *ld,
                                  guint   index,
                                  Ann    *a)
{
  const PrecisImage *img = &ld->dataset->images[a->image];

  if (!check_kind (ld, index, a))
    return FALSE;
  if (a->has == 0)
    {
      /* An image label (SEMANTICS.md §11): no shape, no area. */
      a->area = 0;
      _precis_builder_push (&ld->builder, a);
      return TRUE;
    }

  if (!_precis_loader_check_outline (ld, index, a, img))
    return FALSE;

  /* loadRes picks one branch for the whole file from its first result. */
  switch (ld->mode)
    {
    case MODE_BBOX:
      if (!a->file_bbox)
        goto missing_mode_member;
      a->area = a->bbox[2] * a->bbox[3];
      break;

    case MODE_SEGM:
      if (!(a->has & PRECIS_HAS_SEGM))
        goto missing_mode_member;
      derive_from_mask (ld, a, img, FALSE, TRUE, !a->file_bbox);
      a->has |= PRECIS_HAS_BBOX;
      break;

    case MODE_KEYPOINTS:
      if (!(a->has & PRECIS_HAS_KEYPOINTS))
        goto missing_mode_member;
      _precis_loader_keypoint_extent (ld, a);
      a->has |= PRECIS_HAS_BBOX;
      break;

    case MODE_POLYLINE:
      if (!(a->has & PRECIS_HAS_POLYLINE))
        goto missing_mode_member;
      derive_from_mask (ld, a, img, TRUE, TRUE, !a->file_bbox);
      break;

    case MODE_GT:
    default:
      /* GT keeps its own area and box; fill what is missing from the geometry. */
      if (!a->file_bbox || !a->file_area)
        {
          if (a->has & PRECIS_HAS_SEGM)
            {
              derive_from_mask (ld, a, img, FALSE, !a->file_area, !a->file_bbox);
              a->has |= PRECIS_HAS_BBOX;
            }
          else if (a->has & PRECIS_HAS_POLYLINE)
            derive_from_mask (ld, a, img, TRUE, !a->file_area, !a->file_bbox);
          else if (!a->file_bbox && (a->has & PRECIS_HAS_KEYPOINTS))
            {
              double area = a->area;

              _precis_loader_keypoint_extent (ld, a);
              if (a->file_area)
                a->area = area;
              a->has |= PRECIS_HAS_BBOX;
            }
          else if (!a->file_area)
            a->area = a->bbox[2] * a->bbox[3];
        }
      break;
    }

  if (a->has & PRECIS_HAS_KEYPOINTS)
    {
      if (ld->mode != MODE_GT || !a->file_num_keypoints)
        {
          const double *kp = &g_array_index (ld->builder.keypoints, double, a->kp_start);

          a->num_keypoints = 0;
          if (ld->mode == MODE_GT)
            {
              for (guint k = 0; k < a->n_kp; k++)
                if (kp[3 * k + 2] > 0)
                  a->num_keypoints++;
            }
          else
            a->num_keypoints = a->n_kp;
        }
    }

  _precis_builder_push (&ld->builder, a);
  return TRUE;

missing_mode_member:
  _precis_loader_ann_error (ld, index, mode_member (ld->mode), PRECIS_DATASET_ERROR_MISSING,
                            _("required member is missing: the first result has one, so every result needs one"));
  return FALSE;
}

/* The members only a GT annotation has: id, iscrowd, area, num_keypoints. */
static gboolean
read_gt_members (Loader     *ld,
                 const char *where,
                 JsonObject *obj,
                 Ann        *a)
{
  JsonNode *member;
  gint64 value = 0;

  if (!_precis_loader_require_int64 (ld->display, where, obj, "id", _("an integer id"), &a->id,
                                     &ld->error))
    return FALSE;

  /* iscrowd: true is 1 in Python. */
  member = get_member (obj, "iscrowd");
  if (member != NULL && JSON_NODE_TYPE (member) == JSON_NODE_VALUE &&
      json_node_get_value_type (member) == G_TYPE_BOOLEAN)
    value = json_node_get_boolean (member);
  else if (!_precis_loader_optional_int (ld->display, where, obj, "iscrowd", 0, 1, _("0 or 1"),
                                         &value, &ld->error))
    return FALSE;
  a->iscrowd = (guint8) value;

  a->file_area = get_member (obj, "area") != NULL;
  if (!_precis_loader_optional_double (ld->display, where, obj, "area", &a->area, &ld->error))
    return FALSE;
  if (a->area < 0)
    {
      g_autofree char *path = _precis_loader_member_path (where, "area");

      _precis_loader_set_error (&ld->error, ld->display, PRECIS_DATASET_ERROR_VALUE, path,
                                _("area is negative (%g)"), a->area);
      return FALSE;
    }

  a->file_num_keypoints = get_member (obj, "num_keypoints") != NULL;
  value = 0;
  if (!_precis_loader_optional_int (ld->display, where, obj, "num_keypoints", 0, PRECIS_MAX_KEYPOINTS,
                                    _("a keypoint count (an integer from 0 to 1000)"), &value, &ld->error))
    return FALSE;
  a->num_keypoints = (guint32) value;

  return TRUE;
}

/* A result's score, in [0, 1]. */
static gboolean
read_score (Loader     *ld,
            const char *where,
            JsonObject *obj,
            Ann        *a)
{
  if (!_precis_loader_require_double (ld->display, where, obj, "score", &a->score, &ld->error))
    return FALSE;
  if (!(a->score >= 0.0 && a->score <= 1.0))
    {
      g_autofree char *path = _precis_loader_member_path (where, "score");

      _precis_loader_set_error (&ld->error, ld->display, PRECIS_DATASET_ERROR_VALUE, path,
                                _("score %g is outside [0, 1]"), a->score);
      return FALSE;
    }

  return TRUE;
}

gboolean
_precis_loader_read_annotation (Loader   *ld,
                                guint     index,
                                JsonNode *node)
{
  g_autofree char *where = _precis_loader_ann_path (ld, index, NULL);
  JsonObject *obj;
  JsonNode *member;
  Ann a = { 0, };

  a.score = 1.0;
  a.id = (gint64) index + 1;   /* a result's id; a GT annotation's is read */
  a.kp_start = PRECIS_NO_INDEX;

  obj = _precis_loader_require_object (ld->display, where, node, &ld->error);
  if (obj == NULL ||
      !read_reference (ld, index, obj, "image_id", TRUE, &a.image) ||
      !read_reference (ld, index, obj, "category_id", FALSE, &a.category))
    return FALSE;

  if (ld->mode == MODE_GT ? !read_gt_members (ld, where, obj, &a)
                          : !read_score (ld, where, obj, &a))
    return FALSE;

  if ((member = get_member (obj, "bbox")) != NULL && !_precis_loader_read_bbox (ld, index, member, &a))
    return FALSE;
  if ((member = get_member (obj, "segmentation")) != NULL && !_precis_loader_read_segmentation (ld, index, member, &a))
    return FALSE;
  if ((member = get_member (obj, "keypoints")) != NULL && !_precis_loader_read_keypoints (ld, index, member, &a))
    return FALSE;
  if ((member = get_member (obj, "polyline")) != NULL && !_precis_loader_read_polyline (ld, index, member, &a))
    return FALSE;

  return _precis_loader_finish_annotation (ld, index, &a);
}

void
_precis_loader_init (Loader             *ld,
                     PrecisDataset      *dataset,
                     const char         *display,
                     const char         *array,
                     Mode                mode,
                     guint               reserve,
                     PrecisLoadProgress *progress,
                     GCancellable       *cancellable)
{
  memset (ld, 0, sizeof *ld);
  ld->dataset = dataset;
  ld->display = display;
  ld->array = array;
  ld->mode = mode;
  ld->progress = progress;
  ld->cancellable = cancellable;
  ld->lines = g_ptr_array_new ();
  ld->line_lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  ld->first_geometry = -1;
  ld->first_label = -1;
  _precis_builder_init (&ld->builder, reserve);
}

void
_precis_loader_clear (Loader *ld)
{
  _precis_builder_clear (&ld->builder);
  g_clear_error (&ld->error);
  g_clear_pointer (&ld->lines, g_ptr_array_unref);
  g_clear_pointer (&ld->line_lengths, g_array_unref);
}

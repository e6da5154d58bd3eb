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
  JsonNode *node = get_member (obj, member);
  gint64 id;

  if (node == NULL)
    {
      _precis_loader_ann_error (ld, index, member, PRECIS_DATASET_ERROR_MISSING, _("required member is missing"));
      return FALSE;
    }
  if (!get_integer (node, &id) || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      _precis_loader_ann_error (ld, index, member, PRECIS_DATASET_ERROR_TYPE,
                                _("expected an integer id, found %s"), _precis_loader_describe_node (node));
      return FALSE;
    }

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

/* Checks the annotation against the file's branch, derives what loadRes derives
 * and stores it. Shared by the json-glib reader and the fast results reader. */
gboolean
_precis_loader_finish_annotation (Loader *ld,
                                  guint   index,
                                  Ann    *a)
{
  const PrecisImage *img = &ld->dataset->images[a->image];

  if (a->has == 0)
    {
      _precis_loader_ann_error (ld, index, NULL, PRECIS_DATASET_ERROR_MISSING,
                                _("no geometry: expected a bbox, segmentation, keypoints or polyline"));
      return FALSE;
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
      {
        PrecisRle mask = PRECIS_RLE_INIT;

        _precis_loader_segm_mask (ld, a, img, &mask);
        a->area = (double) precis_rle_area (&mask);
        if (!a->file_bbox)
          precis_rle_to_bbox (&mask, a->bbox);
        precis_rle_clear (&mask);
        a->has |= PRECIS_HAS_BBOX;
      }
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
      {
        PrecisRle band = PRECIS_RLE_INIT;

        _precis_loader_polyline_band (ld, a, img, &band);
        a->area = (double) precis_rle_area (&band);
        if (!a->file_bbox)
          precis_rle_to_bbox (&band, a->bbox);
        precis_rle_clear (&band);
      }
      break;

    case MODE_GT:
    default:
      /* GT keeps its own area and box; fill what is missing from the geometry. */
      if (!a->file_bbox || !a->file_area)
        {
          if (a->has & PRECIS_HAS_SEGM)
            {
              PrecisRle mask = PRECIS_RLE_INIT;
              double box[4];

              _precis_loader_segm_mask (ld, a, img, &mask);
              precis_rle_to_bbox (&mask, box);
              if (!a->file_area)
                a->area = (double) precis_rle_area (&mask);
              if (!a->file_bbox)
                {
                  memcpy (a->bbox, box, sizeof box);
                  a->has |= PRECIS_HAS_BBOX;
                }
              precis_rle_clear (&mask);
            }
          else if (a->has & PRECIS_HAS_POLYLINE)
            {
              PrecisRle band = PRECIS_RLE_INIT;
              double box[4];

              _precis_loader_polyline_band (ld, a, img, &band);
              precis_rle_to_bbox (&band, box);
              if (!a->file_area)
                a->area = (double) precis_rle_area (&band);
              if (!a->file_bbox)
                memcpy (a->bbox, box, sizeof box);
              precis_rle_clear (&band);
            }
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

gboolean
_precis_loader_read_annotation (Loader   *ld,
                                guint     index,
                                JsonNode *node)
{
  JsonObject *obj;
  JsonNode *member;
  Ann a = { 0, };

  a.score = 1.0;
  a.kp_start = PRECIS_NO_INDEX;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      _precis_loader_ann_error (ld, index, NULL, PRECIS_DATASET_ERROR_TYPE,
                                _("expected an object, found %s"), _precis_loader_describe_node (node));
      return FALSE;
    }
  obj = json_node_get_object (node);

  if (!read_reference (ld, index, obj, "image_id", TRUE, &a.image) ||
      !read_reference (ld, index, obj, "category_id", FALSE, &a.category))
    return FALSE;

  if (ld->mode == MODE_GT)
    {
      member = get_member (obj, "id");
      if (member == NULL)
        {
          _precis_loader_ann_error (ld, index, "id", PRECIS_DATASET_ERROR_MISSING, _("required member is missing"));
          return FALSE;
        }
      if (!get_integer (member, &a.id) || json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        {
          _precis_loader_ann_error (ld, index, "id", PRECIS_DATASET_ERROR_TYPE,
                                    _("expected an integer id, found %s"), _precis_loader_describe_node (member));
          return FALSE;
        }

      member = get_member (obj, "iscrowd");
      if (member != NULL)
        {
          gint64 crowd;

          if (!get_integer (member, &crowd) || crowd < 0 || crowd > 1)
            {
              _precis_loader_ann_error (ld, index, "iscrowd", PRECIS_DATASET_ERROR_VALUE,
                                        _("expected 0 or 1, found %s"), _precis_loader_describe_node (member));
              return FALSE;
            }
          a.iscrowd = (guint8) crowd;
        }

      member = get_member (obj, "area");
      if (member != NULL)
        {
          NumStatus st = get_number (member, &a.area);

          if (st != NUM_OK)
            {
              _precis_loader_number_error (ld, index, "area", st, member);
              return FALSE;
            }
          if (a.area < 0)
            {
              _precis_loader_ann_error (ld, index, "area", PRECIS_DATASET_ERROR_VALUE,
                                        _("area is negative (%g)"), a.area);
              return FALSE;
            }
          a.file_area = TRUE;
        }

      member = get_member (obj, "num_keypoints");
      if (member != NULL)
        {
          gint64 nk;

          if (!get_integer (member, &nk) || nk < 0 || nk > PRECIS_MAX_KEYPOINTS)
            {
              _precis_loader_ann_error (ld, index, "num_keypoints", PRECIS_DATASET_ERROR_VALUE,
                                        _("expected a keypoint count, found %s"), _precis_loader_describe_node (member));
              return FALSE;
            }
          a.num_keypoints = (guint32) nk;
          a.file_num_keypoints = TRUE;
        }
    }
  else
    {
      NumStatus st;

      a.id = (gint64) index + 1;

      member = get_member (obj, "score");
      if (member == NULL)
        {
          _precis_loader_ann_error (ld, index, "score", PRECIS_DATASET_ERROR_MISSING, _("required member is missing"));
          return FALSE;
        }
      st = get_number (member, &a.score);
      if (st != NUM_OK)
        {
          _precis_loader_number_error (ld, index, "score", st, member);
          return FALSE;
        }
      if (!(a.score >= 0.0 && a.score <= 1.0))
        {
          _precis_loader_ann_error (ld, index, "score", PRECIS_DATASET_ERROR_VALUE,
                                    _("score %g is outside [0, 1]"), a.score);
          return FALSE;
        }
    }

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

/* precis-loader-gt.c: the images and categories of a COCO ground-truth file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include "precis-loader-private.h"

static int
compare_id_index (gconstpointer a,
                  gconstpointer b)
{
  const IdIndex *x = a, *y = b;

  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorts @ids and reports the first id used twice. */
gboolean
_precis_loader_check_duplicates (const char *display,
                                 const char *array,
                                 IdIndex    *ids,
                                 guint       n,
                                 GError    **error)
{
  qsort (ids, n, sizeof *ids, compare_id_index);

  for (guint i = 1; i < n; i++)
    if (ids[i].id == ids[i - 1].id)
      {
        g_autofree char *path = g_strdup_printf ("%s[%u].id", array, ids[i].index);

        _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_DUPLICATE, path,
                                  _("id %" PRId64 " is already used by %s[%u]"),
                                  ids[i].id, array, ids[i - 1].index);
        return FALSE;
      }

  return TRUE;
}

JsonArray *
_precis_loader_get_top_array (JsonObject *top,
                              const char *display,
                              const char *name,
                              gboolean    required,
                              GError    **error)
{
  JsonArray *array = NULL;

  if (required && _precis_loader_require (display, NULL, top, name, error) == NULL)
    return NULL;
  _precis_loader_optional_list (display, NULL, top, name, _("a list"), &array, error);

  return array;
}

static gboolean
read_image_dimension (const char *display,
                      const char *where,
                      JsonObject *obj,
                      const char *member,
                      guint32    *out,
                      GError    **error)
{
  g_autofree char *path = _precis_loader_member_path (where, member);
  gint64 v;

  if (!_precis_loader_require_int64 (display, where, obj, member,
                                     _("an integer number of pixels"), &v, error))
    return FALSE;
  if (v <= 0)
    {
      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_VALUE, path,
                                _("%" PRId64 " is not a positive number of pixels"), v);
      return FALSE;
    }
  if (v > PRECIS_MAX_IMAGE_SIDE)
    {
      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_LIMIT, path,
                                _("%" PRId64 " pixels exceeds the limit of %d"), v, PRECIS_MAX_IMAGE_SIDE);
      return FALSE;
    }

  *out = (guint32) v;
  return TRUE;
}

static gboolean
read_image (const char  *display,
            guint        i,
            JsonNode    *node,
            const char  *dir,
            PrecisImage *img,
            GError     **error)
{
  g_autofree char *where = g_strdup_printf ("images[%u]", i);
  JsonObject *obj = _precis_loader_require_object (display, where, node, error);

  if (obj == NULL ||
      !_precis_loader_require_int64 (display, where, obj, "id", _("an integer id"), &img->id, error) ||
      !read_image_dimension (display, where, obj, "width", &img->width, error) ||
      !read_image_dimension (display, where, obj, "height", &img->height, error))
    return FALSE;

  if ((guint64) img->width * img->height > PRECIS_MAX_IMAGE_PIXELS)
    {
      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_LIMIT, where,
                                _("%u × %u pixels exceeds the limit of 2³¹ pixels"),
                                img->width, img->height);
      return FALSE;
    }

  if (!_precis_loader_optional_string (display, where, obj, "file_name", &img->file_name, error))
    return FALSE;
  if (img->file_name != NULL && dir != NULL && img->file_name[0] != '\0')
    {
      img->path = g_build_filename (dir, img->file_name, NULL);
      img->present = g_file_test (img->path, G_FILE_TEST_IS_REGULAR);
    }

  return TRUE;
}

static int
compare_image_id (gconstpointer a,
                  gconstpointer b)
{
  const PrecisImage *x = a, *y = b;

  return x->id < y->id ? -1 : x->id > y->id;
}

static int
compare_category_id (gconstpointer a,
                     gconstpointer b)
{
  const PrecisCategory *x = a, *y = b;

  return x->id < y->id ? -1 : x->id > y->id;
}

gboolean
_precis_loader_read_images (PrecisDataset *self,
                            const char    *display,
                            JsonArray     *array,
                            GFile         *images_dir,
                            GError       **error)
{
  guint n = json_array_get_length (array);
  g_autofree IdIndex *ids = g_new (IdIndex, n + 1);
  g_autofree char *dir = images_dir ? g_file_get_path (images_dir) : NULL;

  self->images = g_new0 (PrecisImage, n + 1);

  for (guint i = 0; i < n; i++)
    {
      /* Counted first: the dataset frees what a failed image holds. */
      self->n_images = i + 1;
      if (!read_image (display, i, json_array_get_element (array, i), dir, &self->images[i], error))
        return FALSE;
      ids[i].id = self->images[i].id;
      ids[i].index = i;
    }

  if (!_precis_loader_check_duplicates (display, "images", ids, n, error))
    return FALSE;

  qsort (self->images, n, sizeof (PrecisImage), compare_image_id);
  for (guint i = 0; i < n; i++)
    if (!self->images[i].present)
      self->n_images_missing++;

  return TRUE;
}

static gboolean
read_keypoint_names (const char     *display,
                     const char     *where,
                     JsonObject     *obj,
                     PrecisCategory *cat,
                     GError        **error)
{
  JsonArray *names;
  guint k;

  if (!_precis_loader_optional_list (display, where, obj, "keypoints", _("a list of keypoint names"),
                                     &names, error))
    return FALSE;
  if (names == NULL)
    return TRUE;

  k = json_array_get_length (names);
  if (k > PRECIS_MAX_KEYPOINTS)
    {
      g_autofree char *path = _precis_loader_member_path (where, "keypoints");

      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_LIMIT, path,
                                _("more than %d keypoints"), PRECIS_MAX_KEYPOINTS);
      return FALSE;
    }
  cat->n_keypoints = k;
  cat->keypoint_names = g_new0 (char *, k + 1);
  for (guint j = 0; j < k; j++)
    {
      JsonNode *v = json_array_get_element (names, j);

      if (JSON_NODE_TYPE (v) != JSON_NODE_VALUE || json_node_get_value_type (v) != G_TYPE_STRING)
        {
          g_autofree char *path = g_strdup_printf ("%s.keypoints[%u]", where, j);

          _precis_loader_found_error (error, display, PRECIS_DATASET_ERROR_TYPE, path, _("a string"), v);
          return FALSE;
        }
      cat->keypoint_names[j] = g_strdup (json_node_get_string (v));
    }

  return TRUE;
}

static gboolean
read_skeleton (const char     *display,
               const char     *where,
               JsonObject     *obj,
               PrecisCategory *cat,
               GError        **error)
{
  JsonArray *edges;
  guint n;

  if (!_precis_loader_optional_list (display, where, obj, "skeleton",
                                     _("a list of [a, b] keypoint pairs"), &edges, error))
    return FALSE;
  if (edges == NULL)
    return TRUE;

  n = json_array_get_length (edges);
  cat->n_skeleton = n;
  cat->skeleton = g_new0 (guint, 2 * n + 1);
  for (guint j = 0; j < n; j++)
    {
      JsonNode *e = json_array_get_element (edges, j);
      JsonArray *pair;
      gint64 ab[2];

      if (JSON_NODE_TYPE (e) != JSON_NODE_ARRAY ||
          json_array_get_length (pair = json_node_get_array (e)) != 2 ||
          !get_integer (json_array_get_element (pair, 0), &ab[0]) ||
          !get_integer (json_array_get_element (pair, 1), &ab[1]))
        {
          g_autofree char *path = g_strdup_printf ("%s.skeleton[%u]", where, j);

          _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_TYPE, path,
                                    _("expected a pair of 1-based keypoint numbers [a, b]"));
          return FALSE;
        }
      for (guint e2 = 0; e2 < 2; e2++)
        {
          if (ab[e2] < 1 || ab[e2] > cat->n_keypoints)
            {
              g_autofree char *path = g_strdup_printf ("%s.skeleton[%u][%u]", where, j, e2);

              _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_VALUE, path,
                                        _("keypoint %" PRId64 " does not exist (the category has %u, numbered from 1)"),
                                        ab[e2], cat->n_keypoints);
              return FALSE;
            }
          cat->skeleton[2 * j + e2] = (guint) (ab[e2] - 1);
        }
    }

  return TRUE;
}

static gboolean
read_sigmas (const char     *display,
             const char     *where,
             JsonObject     *obj,
             PrecisCategory *cat,
             GError        **error)
{
  JsonArray *sigmas;
  guint n;

  if (!_precis_loader_optional_list (display, where, obj, "sigmas", _("a list of numbers"),
                                     &sigmas, error))
    return FALSE;
  if (sigmas == NULL)
    return TRUE;

  n = json_array_get_length (sigmas);
  if (n != cat->n_keypoints)
    {
      g_autofree char *path = _precis_loader_member_path (where, "sigmas");

      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_VALUE, path,
                                _("%u sigmas for %u keypoints"), n, cat->n_keypoints);
      return FALSE;
    }
  cat->sigmas = g_new (double, n + 1);
  for (guint j = 0; j < n; j++)
    {
      JsonNode *v = json_array_get_element (sigmas, j);
      NumStatus st = get_number (v, &cat->sigmas[j]);

      if (st != NUM_OK || !(cat->sigmas[j] > 0))
        {
          g_autofree char *path = g_strdup_printf ("%s.sigmas[%u]", where, j);

          _precis_loader_set_error (error, display,
                                    st == NUM_TYPE ? PRECIS_DATASET_ERROR_TYPE : PRECIS_DATASET_ERROR_VALUE,
                                    path, _("expected a positive finite number"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_category (const char     *display,
               guint           i,
               JsonNode       *node,
               PrecisCategory *cat,
               GError        **error)
{
  g_autofree char *where = g_strdup_printf ("categories[%u]", i);
  JsonObject *obj = _precis_loader_require_object (display, where, node, error);
  JsonNode *member;

  if (obj == NULL ||
      !_precis_loader_require_int64 (display, where, obj, "id", _("an integer id"), &cat->id, error) ||
      !_precis_loader_optional_string (display, where, obj, "name", &cat->name, error))
    return FALSE;
  if (cat->name == NULL)
    cat->name = g_strdup_printf ("%" PRId64, cat->id);

  member = get_member (obj, "supercategory");
  if (member != NULL && JSON_NODE_TYPE (member) == JSON_NODE_VALUE &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    cat->supercategory = g_strdup (json_node_get_string (member));

  return read_keypoint_names (display, where, obj, cat, error) &&
         read_skeleton (display, where, obj, cat, error) &&
         read_sigmas (display, where, obj, cat, error);
}

gboolean
_precis_loader_read_categories (PrecisDataset *self,
                                const char    *display,
                                JsonArray     *array,
                                GError       **error)
{
  guint n = json_array_get_length (array);
  g_autofree IdIndex *ids = NULL;

  if (n > PRECIS_MAX_CATEGORIES)
    {
      _precis_loader_set_error (error, display, PRECIS_DATASET_ERROR_LIMIT, "categories",
                                _("more than %d categories"), PRECIS_MAX_CATEGORIES);
      return FALSE;
    }

  ids = g_new (IdIndex, n + 1);
  self->categories = g_new0 (PrecisCategory, n + 1);
  for (guint i = 0; i < n; i++)
    {
      self->n_categories = i + 1;
      if (!read_category (display, i, json_array_get_element (array, i), &self->categories[i], error))
        return FALSE;
      ids[i].id = self->categories[i].id;
      ids[i].index = i;
    }

  if (!_precis_loader_check_duplicates (display, "categories", ids, n, error))
    return FALSE;

  qsort (self->categories, n, sizeof (PrecisCategory), compare_category_id);
  return TRUE;
}

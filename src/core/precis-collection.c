/* precis-collection.c: the project file's `collections` member and filter evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-active.h"
#include "precis-collection.h"
#include "precis-tide.h"
#include "precis-project-private.h"

typedef struct {
  char     *name;
  GArray   *ids;   /* gint64, or NULL for a damaged entry */
  JsonNode *raw;   /* damaged entries: the value as read */
} Tag;

struct _PrecisCollections
{
  GPtrArray  *items;     /* PrecisCollection* */
  GPtrArray  *damaged;   /* JsonNode*: entries that could not be read, kept */
  GPtrArray  *tags;      /* Tag* */
  JsonObject *original;  /* the member as read (unknown members kept), or NULL */
};

static const char *outcome_names[] = { "any", "tp", "fp", "fn" };

const char *
precis_collection_outcome_to_string (PrecisCollectionOutcome outcome)
{
  g_return_val_if_fail (outcome <= PRECIS_COLLECTION_OUTCOME_FN, NULL);
  return outcome_names[outcome];
}

gboolean
precis_collection_outcome_from_string (const char              *str,
                                       PrecisCollectionOutcome *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_ascii_strcasecmp (str, outcome_names[i]) == 0)
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
precis_collection_error_is_valid (const char *str)
{
  for (guint e = 0; e < PRECIS_TIDE_N_ERRORS; e++)
    if (g_strcmp0 (str, precis_tide_error_to_key (e)) == 0)
      return TRUE;
  return FALSE;
}

PrecisCollection *
precis_collection_new (const char           *name,
                       PrecisCollectionKind  kind)
{
  PrecisCollection *c = g_new0 (PrecisCollection, 1);

  c->name = g_strdup (name);
  c->kind = kind;
  c->filter.iou = 0.5;
  c->filter.metric_hi = INFINITY;
  c->images = g_array_new (FALSE, FALSE, sizeof (gint64));
  return c;
}

void
precis_collection_free (PrecisCollection *c)
{
  if (c == NULL)
    return;
  g_free (c->name);
  g_free (c->filter.model);
  g_free (c->filter.iou_type);
  g_free (c->filter.classes);
  g_free (c->filter.tag);
  g_free (c->filter.error);
  g_free (c->filter.metric);
  g_array_unref (c->images);
  g_free (c->created);
  g_clear_pointer (&c->raw, json_node_unref);
  g_free (c);
}

static void
tag_free (gpointer data)
{
  Tag *t = data;

  g_free (t->name);
  g_clear_pointer (&t->ids, g_array_unref);
  g_clear_pointer (&t->raw, json_node_unref);
  g_free (t);
}

static PrecisCollections *
collections_alloc (void)
{
  PrecisCollections *self = g_new0 (PrecisCollections, 1);

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) precis_collection_free);
  self->damaged = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->tags = g_ptr_array_new_with_free_func (tag_free);
  return self;
}

void
precis_collections_free (PrecisCollections *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->damaged);
  g_ptr_array_unref (self->tags);
  g_clear_pointer (&self->original, json_object_unref);
  g_free (self);
}

/* Reading ------------------------------------------------------------------ */

typedef struct {
  GFile      *file;
  const char *path;   /* JSON path of the entry */
  GError    **error;
} Reader;

static gboolean
fail (Reader     *r,
      const char *member,
      const char *problem)
{
  g_autofree char *at = member == NULL ? g_strdup (r->path)
                        : g_strdup_printf ("%s%s%s", r->path, member[0] == '[' ? "" : ".", member);

  _precis_project_set_error (r->error, r->file, PRECIS_DATASET_ERROR_VALUE, at, "%s", problem);
  return FALSE;
}

/* An optional string member: absent or null leaves *out NULL. */
static gboolean
read_string (Reader      *r,
             JsonObject  *obj,
             const char  *member,
             gboolean     required,
             char       **out)
{
  JsonNode *n = json_object_get_member (obj, member);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return !required || fail (r, member, _("missing (expected a string)"));
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return fail (r, member, _("expected a string"));
  *out = g_strdup (json_node_get_string (n));
  return TRUE;
}

/* An optional number in [0, @max] (@max INFINITY: any finite number ≥ 0). */
static gboolean
read_number (Reader     *r,
             JsonObject *obj,
             const char *member,
             double      max,
             double     *out)
{
  JsonNode *n = json_object_get_member (obj, member);
  GType t;

  if (n == NULL)
    return TRUE;
  t = JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_INVALID;
  if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
    return fail (r, member, _("expected a number"));
  *out = json_node_get_double (n);
  if (max <= 1 && !(*out >= 0 && *out <= max))
    return fail (r, member, _("expected a number between 0 and 1"));
  if (!(*out >= 0 && isfinite (*out)))
    return fail (r, member, _("expected a number ≥ 0"));
  return TRUE;
}

/* An array of integer ids into @ids. */
static gboolean
read_ids (Reader     *r,
          JsonNode   *n,
          const char *member,
          GArray     *ids)
{
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return fail (r, member, _("expected an array of image ids"));
  a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64)
        {
          g_autofree char *at = g_strdup_printf ("%s[%u]", member != NULL ? member : "", i);

          return fail (r, at, _("expected an integer image id"));
        }
      id = json_node_get_int (e);
      g_array_append_val (ids, id);
    }
  return TRUE;
}

/* `range`: [LO, HI] with LO ≤ HI, HI null for no end; required with `metric`. */
static gboolean
read_range (Reader                 *r,
            JsonObject             *fo,
            PrecisCollectionFilter *f)
{
  JsonNode *n = json_object_get_member (fo, "range");
  JsonArray *a = n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
  JsonNode *lo, *hi;

  if (f->metric == NULL && n == NULL)
    return TRUE;
  if (f->metric == NULL)
    return fail (r, "range", _("a range needs a metric"));
  if (a == NULL || json_array_get_length (a) != 2)
    return fail (r, "range", _("expected [LO, HI]"));
  lo = json_array_get_element (a, 0);
  hi = json_array_get_element (a, 1);
  if (!JSON_NODE_HOLDS_VALUE (lo) || (json_node_get_value_type (lo) != G_TYPE_INT64 &&
                                      json_node_get_value_type (lo) != G_TYPE_DOUBLE))
    return fail (r, "range[0]", _("expected a number"));
  if (!JSON_NODE_HOLDS_NULL (hi) &&
      (!JSON_NODE_HOLDS_VALUE (hi) || (json_node_get_value_type (hi) != G_TYPE_INT64 &&
                                       json_node_get_value_type (hi) != G_TYPE_DOUBLE)))
    return fail (r, "range[1]", _("expected a number or null"));
  f->metric_lo = json_node_get_double (lo);
  f->metric_hi = JSON_NODE_HOLDS_NULL (hi) ? INFINITY : json_node_get_double (hi);
  if (!(f->metric_lo <= f->metric_hi))
    return fail (r, "range", _("the low end is above the high end"));
  return TRUE;
}

static gboolean
read_filter (Reader                 *r,
             JsonObject             *obj,
             PrecisCollectionFilter *f)
{
  JsonNode *n = json_object_get_member (obj, "filter");
  JsonObject *fo;
  g_autofree char *outcome = NULL;
  g_autofree char *sub = g_strdup_printf ("%s.filter", r->path);
  Reader fr = { r->file, sub, r->error };

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return fail (r, "filter", _("expected an object"));
  fo = json_node_get_object (n);
  if (!read_string (&fr, fo, "model", FALSE, &f->model) ||
      !read_string (&fr, fo, "iou_type", FALSE, &f->iou_type) ||
      !read_number (&fr, fo, "iou", 1, &f->iou) ||
      !read_number (&fr, fo, "confidence", INFINITY, &f->confidence) ||
      !read_string (&fr, fo, "classes", FALSE, &f->classes) ||
      !read_string (&fr, fo, "outcome", FALSE, &outcome) ||
      !read_string (&fr, fo, "error", FALSE, &f->error) ||
      !read_string (&fr, fo, "tag", FALSE, &f->tag) ||
      !read_string (&fr, fo, "metric", FALSE, &f->metric) ||
      !read_range (&fr, fo, f))
    return FALSE;
  if (f->iou_type != NULL)
    {
      PrecisIouType type;

      if (!precis_iou_type_from_string (f->iou_type, &type))
        return fail (&fr, "iou_type", _("expected bbox, segm, keypoints or polyline"));
    }
  if (outcome != NULL && !precis_collection_outcome_from_string (outcome, &f->outcome))
    return fail (&fr, "outcome", _("expected any, tp, fp or fn"));
  if (f->error != NULL && !precis_collection_error_is_valid (f->error))
    return fail (&fr, "error", _("expected cls, loc, both, dupe, bkg or miss"));
  return TRUE;
}

static PrecisCollection *
read_entry (Reader            *r,
            JsonNode          *node,
            PrecisCollections *self)
{
  g_autoptr(PrecisCollection) c = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kind = NULL;
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (r, NULL, _("expected an object")), NULL;
  obj = json_node_get_object (node);
  if (!read_string (r, obj, "name", TRUE, &name) || !read_string (r, obj, "kind", TRUE, &kind))
    return NULL;
  if (*name == '\0')
    return fail (r, "name", _("a collection name must not be empty")), NULL;
  if (precis_collections_find (self, name) != NULL)
    return fail (r, "name", _("a second collection of this name")), NULL;
  if (g_str_equal (kind, "filter"))
    c = precis_collection_new (name, PRECIS_COLLECTION_FILTER);
  else if (g_str_equal (kind, "frozen"))
    c = precis_collection_new (name, PRECIS_COLLECTION_FROZEN);
  else
    return fail (r, "kind", _("expected \"filter\" or \"frozen\"")), NULL;

  if (!read_string (r, obj, "created", FALSE, &c->created))
    return NULL;
  if (c->kind == PRECIS_COLLECTION_FILTER && !read_filter (r, obj, &c->filter))
    return NULL;
  if (c->kind == PRECIS_COLLECTION_FROZEN &&
      !read_ids (r, json_object_get_member (obj, "images"), "images", c->images))
    return NULL;
  c->raw = json_node_ref (node);
  return g_steal_pointer (&c);
}

static void
add_problem (GPtrArray **problems,
             GError     *error)
{
  if (problems != NULL)
    g_ptr_array_add (*problems, g_strdup (error->message));
}

static void
read_tags (PrecisCollections *self,
           GFile             *file,
           JsonObject        *tags,
           GPtrArray        **problems)
{
  GList *names = json_object_get_members (tags);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("collections.tags.%s", (const char *) l->data);
      Reader r = { file, path, &error };
      Tag *t = g_new0 (Tag, 1);
      JsonNode *value = json_object_get_member (tags, l->data);

      t->name = g_strdup (l->data);
      t->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!read_ids (&r, value, NULL, t->ids))
        {
          g_clear_pointer (&t->ids, g_array_unref);
          t->raw = json_node_copy (value);
          add_problem (problems, error);
        }
      g_ptr_array_add (self->tags, t);
    }
  g_list_free (names);
}

/**
 * precis_collections_load:
 * @project: a #PrecisProject
 * @problems: (out) (optional) (transfer full): the damaged entries' messages
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the collections, or %NULL when `collections`
 *   is not an object of a known version
 */
PrecisCollections *
precis_collections_load (PrecisProject  *project,
                         GPtrArray     **problems,
                         GError        **error)
{
  g_autoptr(PrecisCollections) self = collections_alloc ();
  GFile *file = precis_project_get_file (project);
  JsonNode *member = precis_project_get_member (project, "collections");
  JsonObject *top;
  JsonNode *n;
  g_autoptr(GFile) fallback = NULL;

  if (problems != NULL)
    *problems = g_ptr_array_new_with_free_func (g_free);
  if (member == NULL)
    return g_steal_pointer (&self);
  if (file == NULL)
    file = fallback = g_file_new_for_path ("project.json");
  if (!JSON_NODE_HOLDS_OBJECT (member))
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_TYPE, "collections", _("expected an object"));
      return NULL;
    }
  top = json_node_get_object (member);
  n = json_object_get_member (top, "version");
  if (n != NULL && (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64 ||
                    json_node_get_int (n) != PRECIS_COLLECTIONS_VERSION))
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_VALUE, "collections.version",
                                 _("unsupported version (this Precis reads version %d)"),
                                 PRECIS_COLLECTIONS_VERSION);
      return NULL;
    }
  n = json_object_get_member (top, "items");
  if (n != NULL && !JSON_NODE_HOLDS_ARRAY (n))
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_TYPE, "collections.items", _("expected an array"));
      return NULL;
    }
  for (guint i = 0; n != NULL && i < json_array_get_length (json_node_get_array (n)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (n), i);
      g_autoptr(GError) local = NULL;
      g_autofree char *path = g_strdup_printf ("collections.items[%u]", i);
      Reader r = { file, path, &local };
      PrecisCollection *c = read_entry (&r, e, self);

      if (c != NULL)
        g_ptr_array_add (self->items, c);
      else
        {
          g_ptr_array_add (self->damaged, json_node_copy (e));
          add_problem (problems, local);
        }
    }
  n = json_object_get_member (top, "tags");
  if (n != NULL && !JSON_NODE_HOLDS_OBJECT (n))
    {
      _precis_project_set_error (error, file, PRECIS_DATASET_ERROR_TYPE, "collections.tags", _("expected an object"));
      return NULL;
    }
  if (n != NULL)
    read_tags (self, file, json_node_get_object (n), problems);
  self->original = json_object_ref (top);
  return g_steal_pointer (&self);
}

/* Writing ------------------------------------------------------------------ */

static JsonArray *
ids_array (const GArray *ids)
{
  JsonArray *a = json_array_sized_new (ids->len);

  for (guint i = 0; i < ids->len; i++)
    json_array_add_int_element (a, g_array_index (ids, gint64, i));
  return a;
}

JsonNode *
precis_collection_to_json (PrecisCollection *c)
{
  JsonObject *o;
  JsonNode *node;

  if (c->raw != NULL)
    return json_node_copy (c->raw);
  o = json_object_new ();
  json_object_set_string_member (o, "name", c->name);
  json_object_set_string_member (o, "kind", c->kind == PRECIS_COLLECTION_FILTER ? "filter" : "frozen");
  if (c->created != NULL)
    json_object_set_string_member (o, "created", c->created);
  if (c->kind == PRECIS_COLLECTION_FILTER)
    {
      JsonObject *f = json_object_new ();

      if (c->filter.model != NULL)
        json_object_set_string_member (f, "model", c->filter.model);
      if (c->filter.iou_type != NULL)
        json_object_set_string_member (f, "iou_type", c->filter.iou_type);
      json_object_set_double_member (f, "iou", c->filter.iou);
      json_object_set_double_member (f, "confidence", c->filter.confidence);
      if (c->filter.classes != NULL)
        json_object_set_string_member (f, "classes", c->filter.classes);
      if (c->filter.outcome != PRECIS_COLLECTION_OUTCOME_ANY)
        json_object_set_string_member (f, "outcome", precis_collection_outcome_to_string (c->filter.outcome));
      if (c->filter.error != NULL)
        json_object_set_string_member (f, "error", c->filter.error);
      if (c->filter.tag != NULL)
        json_object_set_string_member (f, "tag", c->filter.tag);
      if (c->filter.metric != NULL)
        {
          JsonArray *range = json_array_new ();

          json_object_set_string_member (f, "metric", c->filter.metric);
          json_array_add_double_element (range, c->filter.metric_lo);
          if (isfinite (c->filter.metric_hi))
            json_array_add_double_element (range, c->filter.metric_hi);
          else
            json_array_add_null_element (range);
          json_object_set_array_member (f, "range", range);
        }
      json_object_set_object_member (o, "filter", f);
    }
  else
    json_object_set_array_member (o, "images", ids_array (c->images));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

/**
 * precis_collections_store:
 * @collections: the collections
 * @project: the project whose `collections` member to set
 *
 * The member keeps the members it had that Precis does not know, and the
 * damaged entries as they were (after the readable ones).
 */
void
precis_collections_store (PrecisCollections *self,
                          PrecisProject     *project)
{
  JsonObject *top = json_object_new ();
  JsonArray *items = json_array_new ();
  JsonObject *tags = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (top, "version", PRECIS_COLLECTIONS_VERSION);
  if (self->original != NULL)
    {
      GList *members = json_object_get_members (self->original);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "version"))
          json_object_set_member (top, l->data, json_node_copy (json_object_get_member (self->original, l->data)));
      g_list_free (members);
    }
  for (guint i = 0; i < self->items->len; i++)
    json_array_add_element (items, precis_collection_to_json (g_ptr_array_index (self->items, i)));
  for (guint i = 0; i < self->damaged->len; i++)
    json_array_add_element (items, json_node_copy (g_ptr_array_index (self->damaged, i)));
  for (guint i = 0; i < self->tags->len; i++)
    {
      Tag *t = g_ptr_array_index (self->tags, i);

      if (t->ids != NULL)
        json_object_set_array_member (tags, t->name, ids_array (t->ids));
      else
        json_object_set_member (tags, t->name, json_node_copy (t->raw));
    }
  json_object_set_array_member (top, "items", items);
  json_object_set_object_member (top, "tags", tags);
  json_node_take_object (node, top);
  precis_project_set_member (project, "collections", node);
}

/* Editing ------------------------------------------------------------------ */

guint
precis_collections_get_n (PrecisCollections *self)
{
  return self->items->len;
}

PrecisCollection *
precis_collections_get (PrecisCollections *self,
                        guint              index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

PrecisCollection *
precis_collections_find (PrecisCollections *self,
                         const char        *name)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      PrecisCollection *c = g_ptr_array_index (self->items, i);

      if (g_str_equal (c->name, name))
        return c;
    }
  return NULL;
}

gboolean
precis_collections_add (PrecisCollections  *self,
                        PrecisCollection   *collection,
                        GError            **error)
{
  if (collection->name == NULL || *collection->name == '\0')
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_VALUE, "%s",
                   _("a collection name must not be empty"));
      precis_collection_free (collection);
      return FALSE;
    }
  if (precis_collections_find (self, collection->name) != NULL)
    {
      g_set_error (error, PRECIS_DATASET_ERROR, PRECIS_DATASET_ERROR_DUPLICATE,
                   _("a collection “%s” exists: delete it first or choose another name"), collection->name);
      precis_collection_free (collection);
      return FALSE;
    }
  if (collection->created == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      collection->created = g_date_time_format_iso8601 (now);
    }
  g_ptr_array_add (self->items, collection);
  return TRUE;
}

gboolean
precis_collections_remove (PrecisCollections *self,
                           const char        *name)
{
  PrecisCollection *c = precis_collections_find (self, name);

  return c != NULL && g_ptr_array_remove (self->items, c);
}

static Tag *
find_tag (PrecisCollections *self,
          const char        *name)
{
  for (guint i = 0; i < self->tags->len; i++)
    {
      Tag *t = g_ptr_array_index (self->tags, i);

      if (g_str_equal (t->name, name))
        return t;
    }
  return NULL;
}

const GArray *
precis_collections_get_tag (PrecisCollections *self,
                            const char        *tag)
{
  Tag *t = find_tag (self, tag);

  return t != NULL ? t->ids : NULL;
}

const char **
precis_collections_list_tags (PrecisCollections *self)
{
  const char **out = g_new0 (const char *, self->tags->len + 1);
  guint n = 0;

  for (guint i = 0; i < self->tags->len; i++)
    {
      Tag *t = g_ptr_array_index (self->tags, i);

      if (t->ids != NULL)
        out[n++] = t->name;
    }
  return out;
}

static gint
ids_find (const GArray *ids,
          gint64        id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return (gint) i;
  return -1;
}

guint
precis_collections_tag (PrecisCollections *self,
                        const char        *tag,
                        const gint64      *ids,
                        guint              n_ids,
                        gboolean           remove)
{
  Tag *t = find_tag (self, tag);
  guint changed = 0;

  if (t == NULL && remove)
    return 0;
  if (t == NULL)
    {
      t = g_new0 (Tag, 1);
      t->name = g_strdup (tag);
      g_ptr_array_add (self->tags, t);
    }
  if (t->ids == NULL)   /* a damaged entry is replaced */
    {
      t->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_clear_pointer (&t->raw, json_node_unref);
    }
  for (guint i = 0; i < n_ids; i++)
    {
      gint at = ids_find (t->ids, ids[i]);

      if (remove && at >= 0)
        g_array_remove_index (t->ids, at);
      else if (!remove && at < 0)
        g_array_append_val (t->ids, ids[i]);
      else
        continue;
      changed++;
    }
  if (t->ids->len == 0)
    g_ptr_array_remove (self->tags, t);
  return changed;
}

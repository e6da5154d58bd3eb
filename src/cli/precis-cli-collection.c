/* precis-cli-collection.c: precis-cli collection, precis-cli tag and --collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "precis-cli.h"
#include "precis-cli-options.h"
#include "precis-collection.h"
#include "precis-project.h"

/* A project's description, collections and data, as the commands read them. */
typedef struct {
  GFile             *location;
  PrecisProject     *project;
  PrecisCollections *collections;
  PrecisDataset     *dataset;
} Store;

static void
store_clear (Store *s)
{
  g_clear_object (&s->location);
  g_clear_pointer (&s->project, precis_project_free);
  g_clear_pointer (&s->collections, precis_collections_free);
  g_clear_object (&s->dataset);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Store, store_clear)

/* Opens PROJECT @arg: its description and collections (damaged entries are
 * warned about and kept) and, with @load, its data. @writing: PROJECT must
 * be a project file, the one written back. */
static int
store_open (const char *command,
            const char *arg,
            gboolean    writing,
            gboolean    load,
            Store      *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  s->location = g_file_new_for_commandline_arg (arg);
  if (writing && g_file_query_file_type (s->location, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    return precis_cli_usage_error (command, _("PROJECT must be a project file to store collections in "
                                              "(write one with “precis-cli import --out”)"));
  s->project = precis_project_open (s->location, NULL, &error);
  if (s->project != NULL)
    s->collections = precis_collections_load (s->project, &problems, &error);
  if (s->collections == NULL)
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  for (guint i = 0; i < problems->len; i++)
    g_printerr (_("precis-cli: warning: %s (the entry is kept as it is)\n"), (const char *) g_ptr_array_index (problems, i));
  if (load)
    {
      s->dataset = precis_dataset_load_project (s->location, NULL, NULL, NULL, &error);
      if (s->dataset == NULL)
        {
          precis_cli_print_error (error);
          return PRECIS_CLI_BAD_INPUT;
        }
    }
  return PRECIS_CLI_OK;
}

static int
store_write (Store *s)
{
  g_autoptr(GError) error = NULL;
  GFile *file = precis_project_get_file (s->project);

  precis_collections_store (s->collections, s->project);
  if (!precis_project_write (s->project, file != NULL ? file : s->location, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  return PRECIS_CLI_OK;
}

/* The images of @c in a new mask (n_images bytes); warns about a frozen
 * collection's ids that no image has. Returns -1 after printing the error. */
static gint64
select_images (Store            *s,
               PrecisCollection *c,
               guint8          **mask)
{
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 n;

  *mask = g_malloc0 (MAX (precis_dataset_get_n_images (s->dataset), 1));
  n = precis_collection_select (c, s->collections, s->dataset, *mask, missing, &error);
  if (n < 0)
    {
      precis_cli_print_error (error);
      g_clear_pointer (mask, g_free);
      return -1;
    }
  if (missing->len > 0)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < missing->len && i < 10; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "", g_array_index (missing, gint64, i));
      if (missing->len > 10)
        g_string_append (ids, ", …");
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "precis-cli: warning: collection “%s”: %u image id is not in the project: %s\n",
                               "precis-cli: warning: collection “%s”: %u image ids are not in the project: %s\n",
                               missing->len),
                  c->name, missing->len, ids->str);
    }
  return n;
}

int
precis_cli_collection_images (const char     *command,
                              char          **rest,
                              const char     *name,
                              PrecisDataset  *dataset,
                              guint8        **images)
{
  g_auto(Store) s = { 0 };
  PrecisCollection *c;
  int ret;

  *images = NULL;
  if (name == NULL)
    return PRECIS_CLI_OK;
  if (rest == NULL || rest[0] == NULL)
    return precis_cli_usage_error (command, _("--collection needs a PROJECT (not --gt and --pred)"));
  ret = store_open (command, rest[0], FALSE, FALSE, &s);
  if (ret != PRECIS_CLI_OK)
    return ret;
  c = precis_collections_find (s.collections, name);
  if (c == NULL)
    {
      g_printerr (_("precis-cli: no collection named “%s” (see “precis-cli collection list”)\n"), name);
      return PRECIS_CLI_BAD_INPUT;
    }
  s.dataset = g_object_ref (dataset);
  return select_images (&s, c, images) < 0 ? PRECIS_CLI_BAD_INPUT : PRECIS_CLI_OK;
}

/* Whether every id names an image of the project; prints the first that does not. */
static gboolean
check_ids (Store        *s,
           const GArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    if (precis_dataset_find_image (s->dataset, g_array_index (ids, gint64, i)) == PRECIS_NO_INDEX)
      {
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));

        g_printerr (_("precis-cli: --images: the project has no image %s\n"), id);
        return FALSE;
      }
  return TRUE;
}

/* --range LO:HI, HI may be `inf`. */
static gboolean
parse_range (const char *spec,
             double     *lo,
             double     *hi)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", -1);
  char *end = NULL;

  if (g_strv_length (parts) != 2)
    return FALSE;
  *lo = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0' || !isfinite (*lo))
    return FALSE;
  *hi = g_ascii_strtod (parts[1], &end);
  return end != parts[1] && *end == '\0' && *lo <= *hi;
}

/* "12,3,7" into image ids. */
static GArray *
parse_ids (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, G_MININT64, G_MAXINT64, &id, NULL))
        return NULL;
      g_array_append_val (ids, id);
    }
  return ids->len > 0 ? g_steal_pointer (&ids) : NULL;
}

/* collection ----------------------------------------------------------------- */

typedef struct {
  PrecisCliOptions  common;
  gboolean          frozen;
  char             *outcome;
  char             *error;
  char             *tag;
  char             *metric;
  char             *range;
  char             *images;
  char             *format;
  char             *out;
  gboolean          force;
} CollectionOptions;

static void
collection_options_clear (CollectionOptions *o)
{
  precis_cli_options_clear (&o->common);
  g_free (o->outcome);
  g_free (o->error);
  g_free (o->metric);
  g_free (o->range);
  g_free (o->tag);
  g_free (o->images);
  g_free (o->format);
  g_free (o->out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CollectionOptions, collection_options_clear)

static int
usage (const char *message)
{
  return precis_cli_usage_error ("collection", message);
}

static gboolean
has_filter_options (const CollectionOptions *o)
{
  const PrecisCliOptions *c = &o->common;

  return c->model != NULL || c->iou_type != NULL || c->iou_given || c->classes != NULL ||
         c->confidence > 0 || o->outcome != NULL || o->error != NULL || o->tag != NULL ||
         o->metric != NULL || o->range != NULL;
}

static int
collection_create (CollectionOptions *o,
                   Store             *s,
                   const char        *name)
{
  g_autoptr(PrecisCollection) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *mask = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 n;
  int ret;

  if (o->images != NULL && has_filter_options (o))
    return usage (_("--images lists the images of a frozen collection: give no filter options with it"));
  if (o->images != NULL && (ids = parse_ids (o->images)) == NULL)
    return usage (_("--images: must be image ids separated by commas"));
  c = precis_collection_new (name, o->frozen || ids != NULL ? PRECIS_COLLECTION_FROZEN : PRECIS_COLLECTION_FILTER);
  c->filter.model = g_strdup (o->common.model);
  c->filter.iou_type = g_strdup (o->common.iou_type);
  c->filter.iou = o->common.iou;
  c->filter.confidence = o->common.confidence;
  c->filter.classes = g_strdup (o->common.classes);
  c->filter.tag = g_strdup (o->tag);
  if (o->outcome != NULL && !precis_collection_outcome_from_string (o->outcome, &c->filter.outcome))
    return usage (_("--outcome: must be tp, fp or fn"));
  if (o->error != NULL && !precis_collection_error_is_valid (o->error))
    return usage (_("--error: must be cls, loc, both, dupe, bkg or miss"));
  c->filter.error = g_strdup (o->error);
  if ((o->metric == NULL) != (o->range == NULL))
    return usage (_("give --metric and --range together"));
  if (o->range != NULL && !parse_range (o->range, &c->filter.metric_lo, &c->filter.metric_hi))
    return usage (_("--range: must be LO:HI with LO ≤ HI (HI may be inf)"));
  c->filter.metric = g_strdup (o->metric);

  ret = store_open ("collection", o->common.rest[1], TRUE, TRUE, s);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (ids != NULL && !check_ids (s, ids))
    return PRECIS_CLI_BAD_INPUT;
  if (ids != NULL)
    g_array_append_vals (c->images, ids->data, ids->len);
  else if (c->kind == PRECIS_COLLECTION_FROZEN)
    {
      /* A snapshot of the filter: the images it selects now. */
      c->kind = PRECIS_COLLECTION_FILTER;
      if (select_images (s, c, &mask) < 0)
        return PRECIS_CLI_BAD_INPUT;
      for (guint i = 0; i < precis_dataset_get_n_images (s->dataset); i++)
        if (mask[i])
          g_array_append_val (c->images, precis_dataset_get_image (s->dataset, i)->id);
      g_clear_pointer (&mask, g_free);
      c->kind = PRECIS_COLLECTION_FROZEN;
    }
  n = select_images (s, c, &mask);
  if (n < 0)
    return PRECIS_CLI_BAD_INPUT;
  if (!precis_collections_add (s->collections, g_steal_pointer (&c), &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  ret = store_write (s);
  if (ret == PRECIS_CLI_OK)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Created collection “%s” (%s, %u image)\n",
                          "Created collection “%s” (%s, %u images)\n", (gulong) n),
             name, o->frozen || ids != NULL ? "frozen" : "filter", (guint) n);
  return ret;
}

static int
collection_list (CollectionOptions *o,
                 Store             *s)
{
  g_autoptr(JsonArray) array = json_array_new ();
  int status = PRECIS_CLI_OK;
  int ret = store_open ("collection", o->common.rest[1], FALSE, TRUE, s);

  if (ret != PRECIS_CLI_OK)
    return ret;
  for (guint i = 0; i < precis_collections_get_n (s->collections); i++)
    {
      PrecisCollection *c = precis_collections_get (s->collections, i);
      const char *kind = c->kind == PRECIS_COLLECTION_FILTER ? "filter" : "frozen";
      g_autofree guint8 *mask = NULL;
      gint64 n = select_images (s, c, &mask);
      JsonObject *row = json_object_new ();

      if (n < 0)
        status = PRECIS_CLI_BAD_INPUT;
      json_object_set_string_member (row, "name", c->name);
      json_object_set_string_member (row, "kind", kind);
      if (n >= 0)
        json_object_set_int_member (row, "images", n);
      else
        json_object_set_null_member (row, "images");
      json_array_add_object_element (array, row);
      if (!o->common.json && n >= 0)
        g_print ("%s\t%s\t%" G_GINT64_FORMAT "\n", c->name, kind, n);
      else if (!o->common.json)
        g_print ("%s\t%s\t?\n", c->name, kind);
    }
  if (o->common.json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (root, array);
      precis_cli_print_json (root);
    }
  return status;
}

static int
collection_delete (CollectionOptions *o,
                   Store             *s,
                   const char        *name)
{
  int ret = store_open ("collection", o->common.rest[1], TRUE, FALSE, s);

  if (ret != PRECIS_CLI_OK)
    return ret;
  if (!precis_collections_remove (s->collections, name))
    {
      g_printerr (_("precis-cli: no collection named “%s” (see “precis-cli collection list”)\n"), name);
      return PRECIS_CLI_BAD_INPUT;
    }
  ret = store_write (s);
  if (ret == PRECIS_CLI_OK)
    g_print (_("Deleted collection “%s”\n"), name);
  return ret;
}

static int
collection_export (CollectionOptions *o,
                   Store             *s,
                   const char        *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *display = NULL;
  PrecisExportFormat format;
  PrecisCollection *c;
  int ret;

  if (o->format == NULL || !precis_export_format_from_string (o->format, &format))
    return usage (_("export needs --format coco, csv or list"));
  if (o->out == NULL)
    return usage (_("export needs --out DIR"));
  ret = store_open ("collection", o->common.rest[1], FALSE, TRUE, s);
  if (ret != PRECIS_CLI_OK)
    return ret;
  c = precis_collections_find (s->collections, name);
  if (c == NULL)
    {
      g_printerr (_("precis-cli: no collection named “%s” (see “precis-cli collection list”)\n"), name);
      return PRECIS_CLI_BAD_INPUT;
    }
  out = g_file_new_for_commandline_arg (o->out);
  if (!precis_collection_export (c, s->collections, s->dataset, format, out, o->force, &error))
    {
      precis_cli_print_error (error);
      return PRECIS_CLI_BAD_INPUT;
    }
  display = g_file_get_parse_name (out);
  g_print (_("Exported collection “%s” (%s) to %s\n"), name, o->format, display);
  return PRECIS_CLI_OK;
}

int
precis_cli_collection (int    argc,
                       char **argv)
{
  g_auto(CollectionOptions) o = { 0 };
  g_auto(Store) s = { 0 };
  const GOptionEntry entries[] = {
    { "frozen", 0, 0, G_OPTION_ARG_NONE, &o.frozen, N_("create: store the images the filter selects now, not the filter"), NULL },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &o.outcome, N_("create: only objects with this outcome: tp, fp or fn"), N_("OUTCOME") },
    { "error", 0, 0, G_OPTION_ARG_STRING, &o.error, N_("create: only objects with this TIDE error type: cls, loc, both, dupe, bkg or miss"), N_("TYPE") },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &o.metric, N_("create: only objects whose value of this metric lies in --range"), N_("NAME") },
    { "range", 0, 0, G_OPTION_ARG_STRING, &o.range, N_("create: the --metric range, both ends included (HI may be inf)"), N_("LO:HI") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &o.tag, N_("create: only images with this tag"), N_("TAG") },
    { "images", 0, 0, G_OPTION_ARG_STRING, &o.images, N_("create: a frozen collection of these image ids"), N_("ID,…") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format, N_("export: coco, csv or list"), N_("FORMAT") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &o.out, N_("export: the folder to write into"), N_("DIR") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &o.force, N_("export: replace files that exist"), NULL },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = "collection",
    .parameter = N_("create|list|delete|export PROJECT [NAME]"),
    .summary = N_("Named sets of images stored in a project file: a filter, evaluated again on\n"
                  "the current data, or a frozen list of image ids. The filters combine with\n"
                  "AND: an image is in the collection when it holds an object of the classes\n"
                  "with the outcome (and TIDE error type) at (--iou, --confidence), and has --tag."),
    .options = PRECIS_CLI_OPT_MODEL | PRECIS_CLI_OPT_IOU_TYPE | PRECIS_CLI_OPT_IOU | PRECIS_CLI_OPT_CLASSES
               | PRECIS_CLI_OPT_CONFIDENCE | PRECIS_CLI_OPT_JSON,
    .model_help = N_("create: the model whose outcomes filter (default: the first)"),
    .json_help = N_("list: print JSON"),
    .entries = entries,
  };
  const char *sub, *name;
  guint n_args;
  int ret;

  ret = precis_cli_options_parse (&command, &o.common, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;
  n_args = o.common.rest != NULL ? g_strv_length (o.common.rest) : 0;
  if (n_args < 2)
    return usage (_("missing create, list, delete or export, and PROJECT"));
  sub = o.common.rest[0];
  name = o.common.rest[2];
  if (!g_str_equal (sub, "create") && !g_str_equal (sub, "list") &&
      !g_str_equal (sub, "delete") && !g_str_equal (sub, "export"))
    return usage (_("the first argument must be create, list, delete or export"));
  if (g_str_equal (sub, "list") ? n_args != 2 : n_args != 3)
    return usage (g_str_equal (sub, "list") ? _("list takes PROJECT only") : _("give PROJECT and NAME"));
  if (!g_str_equal (sub, "create") && (has_filter_options (&o) || o.frozen || o.images != NULL))
    return usage (_("the filter options, --frozen and --images apply to create only"));
  if (!g_str_equal (sub, "export") && (o.format != NULL || o.out != NULL || o.force))
    return usage (_("--format, --out and --force apply to export only"));
  if (!g_str_equal (sub, "list") && o.common.json)
    return usage (_("--json applies to list only"));

  if (g_str_equal (sub, "create"))
    return collection_create (&o, &s, name);
  if (g_str_equal (sub, "list"))
    return collection_list (&o, &s);
  if (g_str_equal (sub, "delete"))
    return collection_delete (&o, &s, name);
  return collection_export (&o, &s, name);
}

/* tag ------------------------------------------------------------------------ */

int
precis_cli_tag (int    argc,
                char **argv)
{
  g_auto(PrecisCliOptions) o = { 0 };
  g_auto(Store) s = { 0 };
  g_autofree char *images = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean remove = FALSE;
  const GOptionEntry entries[] = {
    { "images", 0, 0, G_OPTION_ARG_STRING, &images, N_("The image ids to tag (or untag)"), N_("ID,…") },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Remove the tag from the images instead"), NULL },
    { NULL }
  };
  const PrecisCliCommand command = {
    .name = "tag",
    .parameter = N_("PROJECT TAG"),
    .summary = N_("Add a tag to images of a project file (or remove it with --remove). A tag\n"
                  "left without images is deleted; collections can filter on tags."),
    .entries = entries,
  };
  const char *tag;
  guint changed;
  int ret;

  ret = precis_cli_options_parse (&command, &o, &argc, &argv);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (o.rest == NULL || g_strv_length (o.rest) != 2)
    return precis_cli_usage_error ("tag", _("give PROJECT and TAG"));
  tag = o.rest[1];
  if (*tag == '\0')
    return precis_cli_usage_error ("tag", _("a tag must not be empty"));
  if (images == NULL || (ids = parse_ids (images)) == NULL)
    return precis_cli_usage_error ("tag", _("--images: must be image ids separated by commas"));
  ret = store_open ("tag", o.rest[0], TRUE, !remove, &s);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (!remove && !check_ids (&s, ids))
    return PRECIS_CLI_BAD_INPUT;
  changed = precis_collections_tag (s.collections, tag, (const gint64 *) (gpointer) ids->data, ids->len, remove);
  ret = store_write (&s);
  if (ret != PRECIS_CLI_OK)
    return ret;
  if (remove)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Removed tag “%s” from %u image\n", "Removed tag “%s” from %u images\n", changed),
             tag, changed);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Tagged %u image with “%s”\n", "Tagged %u images with “%s”\n", changed),
             changed, tag);
  return PRECIS_CLI_OK;
}

/* precis-explorer-metric.c: the gallery's sort by any metric and its metric
 * range filter (issue 14), one value per image from the core
 * (precis_metrics_image_values()), computed in a GTask worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values depend on the metric, the per-image mode and the class filter,
 * not on the IoU or confidence sliders (the `iou` metric is each object's best
 * IoU, whatever the threshold), so the slider never recomputes them. One
 * worker runs at a time, on the page's own PrecisMetrics, which nothing else
 * touches meanwhile; a request made while it runs cancels it and is served
 * when it returns.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "precis-explorer-page-private.h"
#include "precis-metrics.h"

#define OFF 0   /* the drop-downs' first item; metric m is item m + 1 */

typedef struct {
  guint    sort_metric;    /* G_MAXUINT: none */
  guint    filter_metric;  /* G_MAXUINT: none */
  guint    mode;
  guint32  category;
} Key;

struct _PrecisExplorerMetric {
  GtkWidget      *button;
  GtkDropDown    *sort_metric;
  GtkDropDown    *sort_order;
  GtkDropDown    *filter_metric;
  GtkSpinButton  *min;
  GtkSpinButton  *max;
  GtkCheckButton *modes[3];

  PrecisMetrics  *metrics;        /* for the page's PrecisActive, or NULL */
  guint           generation;     /* bumped with every new @metrics */

  /* The values the list uses, and what they were computed for. */
  gboolean        have;
  Key             have_key;
  guint           have_generation;
  double         *sort_values;    /* n_images, or NULL */
  double         *filter_values;  /* n_images, or NULL */
  gboolean        set_range;      /* fit the spin buttons to the next filter values */

  GCancellable   *cancellable;    /* of the running worker, or NULL */
};

typedef struct {
  PrecisMetrics *metrics;
  PrecisDataset *dataset;
  Key            key;
  guint          generation;
  double        *sort_values;
  double        *filter_values;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->metrics);
  g_clear_object (&job->dataset);
  g_free (job->sort_values);
  g_free (job->filter_values);
  g_free (job);
}

static guint
selected_metric (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == OFF || selected == GTK_INVALID_LIST_POSITION ? G_MAXUINT : selected - 1;
}

static Key
current_key (PrecisExplorerPage *self)
{
  PrecisExplorerMetric *em = self->metric;
  Key key = { selected_metric (em->sort_metric), selected_metric (em->filter_metric),
              PRECIS_METRIC_IMAGE_MAX, self->class_filter };

  for (guint k = 0; k < G_N_ELEMENTS (em->modes); k++)
    if (gtk_check_button_get_active (em->modes[k]))
      key.mode = k;
  return key;
}

static gboolean
key_equal (const Key *a,
           const Key *b)
{
  return a->sort_metric == b->sort_metric && a->filter_metric == b->filter_metric &&
         a->mode == b->mode && a->category == b->category;
}

static gboolean
metric_active (PrecisExplorerPage *self)
{
  Key key;

  if (self->metric == NULL || self->metric->metrics == NULL)
    return FALSE;
  key = current_key (self);
  return (key.sort_metric != G_MAXUINT || key.filter_metric != G_MAXUINT);
}

/* In the worker: the image metrics first when a chosen metric needs them
 * (from the on-disk cache when the Metrics page has decoded the images). */
static void
job_run (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  guint metrics[2] = { job->key.sort_metric, job->key.filter_metric };
  double **out[2] = { &job->sort_values, &job->filter_values };
  guint n_images = precis_dataset_get_n_images (job->dataset);

  for (guint k = 0; k < 2; k++)
    {
      if (metrics[k] == G_MAXUINT)
        continue;
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (precis_metrics_is_image_metric (job->metrics, metrics[k]) &&
          precis_metrics_get_image_metrics (job->metrics) == NULL)
        {
          g_autofree char *cache = precis_image_metrics_default_cache_file ();
          g_autoptr(PrecisImageMetrics) images = NULL;

          images = precis_image_metrics_compute (job->dataset, cache, 0, cancellable, NULL, NULL, NULL);
          if (images == NULL)
            break;
          precis_metrics_set_image_metrics (job->metrics, images);
        }
      *out[k] = g_new (double, MAX (n_images, 1));
      precis_metrics_image_values (job->metrics, metrics[k], job->key.mode, job->key.category, *out[k]);
    }
  g_task_return_boolean (task, !g_cancellable_is_cancelled (cancellable));
}

static void fill_metric_dropdown (GtkDropDown   *dropdown,
                                  PrecisMetrics *metrics,
                                  const char    *off);

/* Fits the range to the filter metric's values: min and max over the images. */
static void
fit_range (PrecisExplorerPage *self)
{
  PrecisExplorerMetric *em = self->metric;
  guint n = precis_dataset_get_n_images (self->dataset);
  double lo = INFINITY, hi = -INFINITY;

  for (guint32 k = 0; k < n; k++)
    if (!isnan (em->filter_values[k]))
      {
        lo = MIN (lo, em->filter_values[k]);
        hi = MAX (hi, em->filter_values[k]);
      }
  if (lo > hi)
    lo = hi = 0;
  em->set_range = FALSE;
  /* Rounded outwards to the spin buttons' three digits, so that both ends stay in. */
  gtk_spin_button_set_value (em->min, floor (lo * 1000) / 1000);
  gtk_spin_button_set_value (em->max, ceil (hi * 1000) / 1000);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PrecisExplorerPage *self = PRECIS_EXPLORER_PAGE (source);
  PrecisExplorerMetric *em = self->metric;
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), NULL);

  if (em == NULL)   /* disposed meanwhile */
    return;
  g_clear_object (&em->cancellable);
  if (ok && job->generation == em->generation)
    {
      g_free (em->sort_values);
      g_free (em->filter_values);
      em->sort_values = g_steal_pointer (&job->sort_values);
      em->filter_values = g_steal_pointer (&job->filter_values);
      em->have = TRUE;
      em->have_key = job->key;
      em->have_generation = job->generation;
      if (em->set_range && em->filter_values != NULL)
        fit_range (self);
    }
  /* Serves the request made meanwhile, or shows the values. */
  _precis_explorer_page_refresh_gallery (self);
}

static void
start_job (PrecisExplorerPage *self)
{
  PrecisExplorerMetric *em = self->metric;
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->metrics = g_object_ref (em->metrics);
  job->dataset = g_object_ref (self->dataset);
  job->key = current_key (self);
  job->generation = em->generation;
  em->cancellable = g_cancellable_new ();
  task = g_task_new (self, em->cancellable, job_done, NULL);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_run);
}

/* Whether the metric values the list needs are there; if not, asks for them
 * (the worker's return refreshes the gallery again). */
gboolean
_precis_explorer_metric_ready (PrecisExplorerPage *self)
{
  PrecisExplorerMetric *em = self->metric;
  Key key;

  if (!metric_active (self))
    return TRUE;
  key = current_key (self);
  if (em->have && em->have_generation == em->generation && key_equal (&key, &em->have_key))
    return TRUE;
  if (em->cancellable != NULL)
    g_cancellable_cancel (em->cancellable);  /* job_done() asks again */
  else
    start_job (self);
  gtk_label_set_text (self->count_label, _("Computing metric values…"));
  return FALSE;
}

/* Whether image @k passes the metric range filter. */
gboolean
_precis_explorer_metric_accepts (PrecisExplorerPage *self,
                                 guint32             k)
{
  PrecisExplorerMetric *em = self->metric;
  double v;

  if (!metric_active (self) || em->have_key.filter_metric == G_MAXUINT)
    return TRUE;
  v = em->filter_values[k];
  return !isnan (v) && v >= gtk_spin_button_get_value (em->min) && v <= gtk_spin_button_get_value (em->max);
}

static int
compare_values (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PrecisExplorerPage *self = user_data;
  PrecisExplorerMetric *em = self->metric;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;
  double va = em->sort_values[ia], vb = em->sort_values[ib];
  gboolean descending = gtk_drop_down_get_selected (em->sort_order) == 1;

  /* Undefined values last in either order; ties keep index order. */
  if (isnan (va) != isnan (vb))
    return isnan (va) ? 1 : -1;
  if (!isnan (va) && va != vb)
    return (va < vb) != descending ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* Sorts @images by the sort metric when one is chosen; FALSE when not. */
gboolean
_precis_explorer_metric_sort (PrecisExplorerPage *self,
                              guint32            *images,
                              guint               n)
{
  if (!metric_active (self) || self->metric->have_key.sort_metric == G_MAXUINT)
    return FALSE;
  g_qsort_with_data (images, n, sizeof (guint32), compare_values, self);
  return TRUE;
}

/* A new evaluation: values of the old PrecisMetrics are worth nothing. */
void
_precis_explorer_metric_reset (PrecisExplorerPage *self)
{
  PrecisExplorerMetric *em = self->metric;

  if (em == NULL)
    return;
  if (em->cancellable != NULL)
    g_cancellable_cancel (em->cancellable);
  g_clear_object (&em->metrics);
  em->generation++;
  em->have = FALSE;
  g_clear_pointer (&em->sort_values, g_free);
  g_clear_pointer (&em->filter_values, g_free);
  if (self->active != NULL)
    em->metrics = precis_metrics_new (self->active, NULL);
  if (em->metrics != NULL)
    {
      fill_metric_dropdown (em->sort_metric, em->metrics, _("File name or the order above"));
      fill_metric_dropdown (em->filter_metric, em->metrics, _("No metric filter"));
    }
  gtk_widget_set_sensitive (em->button, em->metrics != NULL);
}

static void
on_metric_changed (PrecisExplorerPage *self)
{
  _precis_explorer_page_refresh_gallery (self);
}

static void
on_filter_metric_changed (PrecisExplorerPage *self)
{
  PrecisExplorerMetric *em = self->metric;
  gboolean on;

  if (em == NULL)
    return;
  on = gtk_drop_down_get_selected (em->filter_metric) != OFF;
  em->set_range = on;
  gtk_widget_set_sensitive (GTK_WIDGET (em->min), on);
  gtk_widget_set_sensitive (GTK_WIDGET (em->max), on);
  _precis_explorer_page_refresh_gallery (self);
}

/* "Off", then @metrics' metrics (SEMANTICS.md §9), named as the Metrics page
 * and precis-cli metrics name them; kept when they are the same. */
static void
fill_metric_dropdown (GtkDropDown   *dropdown,
                      PrecisMetrics *metrics,
                      const char    *off)
{
  GListModel *old = gtk_drop_down_get_model (dropdown);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, off);
  for (guint m = 0; metrics != NULL && m < precis_metrics_get_n_metrics (metrics); m++)
    gtk_string_list_append (list, precis_metrics_get_name (metrics, m));
  if (old != NULL && g_list_model_get_n_items (old) == g_list_model_get_n_items (G_LIST_MODEL (list)))
    return;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, OFF);
}

static GtkDropDown *
metric_dropdown (const char *name,
                 const char *off)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));

  fill_metric_dropdown (dropdown, NULL, off);
  gtk_widget_set_name (GTK_WIDGET (dropdown), name);
  return dropdown;
}

static GtkSpinButton *
range_spin (const char *name,
            const char *tooltip)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (-1e9, 1e9, 0.001));

  gtk_spin_button_set_digits (spin, 3);
  gtk_widget_set_name (GTK_WIDGET (spin), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (spin), tooltip);
  gtk_widget_set_sensitive (GTK_WIDGET (spin), FALSE);
  return spin;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* The "Metric" menu button, after the Sort by drop-down. */
void
_precis_explorer_metric_init (PrecisExplorerPage *self)
{
  PrecisExplorerMetric *em = g_new0 (PrecisExplorerMetric, 1);
  static const char * const mode_names[3] = { N_("Lowest of its objects"), N_("Highest of its objects"),
                                              N_("Mean of its objects") };
  GtkWidget *grid = gtk_grid_new (), *popover = gtk_popover_new (), *range = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sort_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->sort_dropdown));

  self->metric = em;
  em->sort_metric = metric_dropdown ("metric-sort", _("File name or the order above"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (em->sort_metric), _("Sort the images by this metric instead"));
  em->sort_order = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) { _("Ascending"), _("Descending"), NULL }));
  gtk_widget_set_name (GTK_WIDGET (em->sort_order), "metric-sort-order");
  gtk_widget_set_tooltip_text (GTK_WIDGET (em->sort_order), _("Smallest or largest value first; images without a value last"));
  em->filter_metric = metric_dropdown ("metric-filter", _("No metric filter"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (em->filter_metric), _("Only images whose value of this metric is in the range below"));
  em->min = range_spin ("metric-min", _("Lowest value shown"));
  em->max = range_spin ("metric-max", _("Highest value shown"));
  gtk_box_append (GTK_BOX (sort_box), GTK_WIDGET (em->sort_metric));
  gtk_box_append (GTK_BOX (sort_box), GTK_WIDGET (em->sort_order));
  gtk_box_append (GTK_BOX (range), GTK_WIDGET (em->min));
  gtk_box_append (GTK_BOX (range), gtk_label_new ("–"));
  gtk_box_append (GTK_BOX (range), GTK_WIDGET (em->max));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_attach (GTK_GRID (grid), heading (_("Sort by metric")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), sort_box, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), heading (_("Only images with a metric in a range")), 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (em->filter_metric), 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), range, 0, 4, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), heading (_("An image's value (except image metrics)")), 0, 5, 1, 1);
  for (guint k = 0; k < G_N_ELEMENTS (em->modes); k++)
    {
      em->modes[k] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_(mode_names[k])));
      if (k > 0)
        gtk_check_button_set_group (em->modes[k], em->modes[0]);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (em->modes[k]), 0, 6 + k, 1, 1);
      g_signal_connect_swapped (em->modes[k], "toggled", G_CALLBACK (on_metric_changed), self);
    }
  gtk_check_button_set_active (em->modes[PRECIS_METRIC_IMAGE_MAX], TRUE);
  gtk_popover_set_child (GTK_POPOVER (popover), grid);

  em->button = gtk_menu_button_new ();
  gtk_widget_set_name (em->button, "metric-button");
  gtk_menu_button_set_label (GTK_MENU_BUTTON (em->button), _("Metric"));
  gtk_widget_set_tooltip_text (em->button, _("Sort by any metric and show only images in a range of one"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (em->button), popover);
  gtk_widget_set_sensitive (em->button, FALSE);
  gtk_widget_insert_after (em->button, parent, GTK_WIDGET (self->sort_dropdown));

  g_signal_connect_swapped (em->sort_metric, "notify::selected", G_CALLBACK (on_metric_changed), self);
  g_signal_connect_swapped (em->sort_order, "notify::selected", G_CALLBACK (on_metric_changed), self);
  g_signal_connect_swapped (em->filter_metric, "notify::selected", G_CALLBACK (on_filter_metric_changed), self);
  g_signal_connect_swapped (em->min, "value-changed", G_CALLBACK (on_metric_changed), self);
  g_signal_connect_swapped (em->max, "value-changed", G_CALLBACK (on_metric_changed), self);
}

/* In dispose: the worker keeps its own references; its return is ignored. */
void
_precis_explorer_metric_free (PrecisExplorerPage *self)
{
  PrecisExplorerMetric *em = self->metric;

  if (em == NULL)
    return;
  if (em->cancellable != NULL)
    g_cancellable_cancel (em->cancellable);
  g_clear_object (&em->cancellable);
  g_clear_object (&em->metrics);
  g_free (em->sort_values);
  g_free (em->filter_values);
  g_free (em);
  self->metric = NULL;
}

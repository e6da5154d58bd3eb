/* precis-synth-classify.c: a deterministic classification project (SEMANTICS.md §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 100 classes in 50 confusable pairs (2p and 2p + 1), imbalanced GT labels,
 * and two models with the same top-k classes per image: `calibrated`, whose
 * top-1 score is the probability with which its top-1 is right, and
 * `overconfident`, whose top-1 score is that probability to the power 0.3.
 * The generator is a splitmix64 sequence of its own, so the same parameters
 * give byte-identical files on every machine.
 */

#include "config.h"

#include <math.h>
#include <string.h>


#include "precis-synth.h"

#define N_CLASSES 100
#define MAX_K     N_CLASSES

static guint64
next_u64 (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static double
next_unit (guint64 *state)
{
  return (double) (next_u64 (state) >> 11) / 9007199254740992.0;
}

/* A file written through a buffer, replaced atomically when closed. */
typedef struct {
  GFile         *file;
  GOutputStream *stream;
  GString       *text;
  guint64        bytes;
} Out;

static gboolean
out_flush (Out           *o,
           gsize          above,
           GCancellable  *cancellable,
           GError       **error)
{
  gsize written = 0;

  if (o->text->len <= above)
    return TRUE;
  if (!g_output_stream_write_all (o->stream, o->text->str, o->text->len, &written, cancellable, error))
    {
      g_autofree char *path = g_file_get_path (o->file);

      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  o->bytes += written;
  g_string_truncate (o->text, 0);
  return TRUE;
}

static gboolean
out_open (Out           *o,
          GFile         *dir,
          const char    *name,
          GCancellable  *cancellable,
          GError       **error)
{
  o->file = g_file_get_child (dir, name);
  o->stream = G_OUTPUT_STREAM (g_file_replace (o->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                               cancellable, error));
  o->text = g_string_sized_new (1 << 20);
  o->bytes = 0;
  if (o->stream == NULL)
    {
      g_autofree char *path = g_file_get_path (o->file);

      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}

/* Closes @o (@ok: everything was written so far) and frees it; a failed file
 * keeps the old one. Every failure names the file in @error. */
static gboolean
out_close (Out           *o,
           gboolean       ok,
           guint64       *bytes,
           GCancellable  *cancellable,
           GError       **error)
{
  if (ok && !out_flush (o, 0, cancellable, error))
    ok = FALSE;
  else if (ok && !g_output_stream_close (o->stream, cancellable, error))
    {
      g_autofree char *path = g_file_get_path (o->file);

      g_prefix_error (error, "%s: ", path);
      ok = FALSE;
    }
  if (!ok && o->stream != NULL && !g_output_stream_is_closed (o->stream))
    {
      /* Closing after a cancelled replace keeps the old file. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (o->stream, abort, NULL);
    }
  if (bytes != NULL)
    *bytes += o->bytes;
  g_clear_object (&o->stream);
  g_clear_object (&o->file);
  g_string_free (o->text, TRUE);
  return ok;
}

static gboolean
write_gt (GFile                   *dir,
          const PrecisSynthParams *params,
          const guint8            *labels,
          PrecisSynthStats        *stats,
          GCancellable            *cancellable,
          GError                 **error)
{
  Out o;
  gboolean ok;

  if (!out_open (&o, dir, "gt.json", cancellable, error))
    return out_close (&o, FALSE, NULL, cancellable, NULL);
  g_string_append (o.text, "{\"images\":[");
  ok = TRUE;
  for (guint i = 0; ok && i < params->n_images; i++)
    {
      g_string_append_printf (o.text, "%s{\"id\":%u,\"file_name\":\"img%07u.jpg\",\"width\":224,\"height\":224}",
                              i ? "," : "", i + 1, i + 1);
      ok = out_flush (&o, 1 << 20, cancellable, error);
    }
  g_string_append (o.text, "],\"categories\":[");
  for (guint c = 0; c < N_CLASSES; c++)
    g_string_append_printf (o.text, "%s{\"id\":%u,\"name\":\"pair%02u-%c\"}", c ? "," : "", c + 1,
                            c / 2, c % 2 ? 'b' : 'a');
  g_string_append (o.text, "],\"annotations\":[");
  for (guint i = 0; ok && i < params->n_images; i++)
    {
      g_string_append_printf (o.text, "%s{\"id\":%u,\"image_id\":%u,\"category_id\":%u}",
                              i ? "," : "", i + 1, i + 1, labels[i] + 1u);
      ok = out_flush (&o, 1 << 20, cancellable, error);
    }
  g_string_append (o.text, "]}\n");
  stats->n_images = params->n_images;
  stats->n_categories = N_CLASSES;
  stats->n_gt = params->n_images;
  return out_close (&o, ok, &stats->bytes_written, cancellable, error);
}

/* Image @i's k classes (top-1 first) and the probability that the top-1 is right. */
static double
draw_image (guint64 *state,
            guint    gt,
            guint    k,
            guint8  *classes)
{
  double difficulty = next_unit (state);
  double p = 0.95 - 0.6 * difficulty;
  double u = next_unit (state);
  guint8 used[N_CLASSES] = { 0, };
  guint n = 0;

  /* Right with probability p; else the GT's pair partner (60 %) or any other. */
  if (u < p)
    classes[n++] = (guint8) gt;
  else if (next_unit (state) < 0.6)
    classes[n++] = (guint8) (gt ^ 1);
  else
    classes[n++] = (guint8) ((gt + 1 + (guint) (next_unit (state) * (N_CLASSES - 1))) % N_CLASSES);
  used[classes[0]] = 1;
  /* A wrong top-1 puts the GT second half of the time, so top-5 helps. */
  if (n < k && classes[0] != gt && next_unit (state) < 0.5)
    {
      classes[n++] = (guint8) gt;
      used[gt] = 1;
    }
  while (n < k)
    {
      guint c = (guint) (next_unit (state) * N_CLASSES) % N_CLASSES;

      if (!used[c])
        {
          used[c] = 1;
          classes[n++] = (guint8) c;
        }
    }
  return p;
}

/* The k scores: the top-1 @top, the others sharing 1 − @top in decreasing parts. */
static void
append_results (GString      *text,
                gboolean     *first,
                guint         image,
                const guint8 *classes,
                guint         k,
                double        top)
{
  double rest = 1.0 - top;

  for (guint j = 0; j < k; j++)
    {
      double s = j == 0 ? top : (rest *= 0.5);

      g_string_append_printf (text, "%s{\"image_id\":%u,\"category_id\":%u,\"score\":%.6f}",
                              *first ? "" : ",", image + 1, classes[j] + 1u, MIN (s, top));
      *first = FALSE;
    }
}

static gboolean
write_models (GFile                   *dir,
              const PrecisSynthParams *params,
              const guint8            *labels,
              PrecisSynthStats        *stats,
              GCancellable            *cancellable,
              GError                 **error)
{
  guint k = MIN (params->preds_per_image, MAX_K);
  guint64 state = params->seed ^ 0x5eed;
  Out out[2];
  gboolean first[2] = { TRUE, TRUE };
  gboolean ok;

  memset (out, 0, sizeof out);
  ok = out_open (&out[0], dir, "predictions_calibrated.json", cancellable, error);
  ok = ok && out_open (&out[1], dir, "predictions_overconfident.json", cancellable, error);
  for (guint m = 0; ok && m < 2; m++)
    g_string_append_c (out[m].text, '[');
  for (guint i = 0; ok && i < params->n_images && k > 0; i++)
    {
      guint8 classes[MAX_K];
      double p = draw_image (&state, labels[i], k, classes);

      append_results (out[0].text, &first[0], i, classes, k, p);
      append_results (out[1].text, &first[1], i, classes, k, pow (p, 0.3));
      ok = out_flush (&out[0], 1 << 20, cancellable, error) && out_flush (&out[1], 1 << 20, cancellable, error);
    }
  for (guint m = 0; ok && m < 2; m++)
    g_string_append (out[m].text, "]\n");
  stats->n_predictions = ok ? 2 * (guint64) k * params->n_images : 0;
  for (guint m = 0; m < 2; m++)
    {
      if (out[m].text == NULL)
        continue;
      ok = out_close (&out[m], ok, &stats->bytes_written, cancellable, error) && ok;
    }
  return ok;
}

/**
 * precis_synth_classify_write:
 * @params: @n_images, @preds_per_image (k, at most 100) and @seed; @kind is not read
 * @dir: the project folder (created when missing); `gt.json`,
 *   `predictions_calibrated.json` and `predictions_overconfident.json` are replaced
 * @stats: (out) (optional): what was written (no crowd, no sizes)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError naming the file
 *
 * Writes a classification project: 100 classes in 50 confusable pairs, one GT
 * label per image (class c with weight ∝ 1 / (1 + c / 10)), k predictions per
 * image of distinct classes, a calibrated and an over-confident model.
 *
 * Returns: %TRUE on success
 */
gboolean
precis_synth_classify_write (const PrecisSynthParams *params,
                             GFile                   *dir,
                             PrecisSynthStats        *stats,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  PrecisSynthStats local;
  g_autofree guint8 *labels = NULL;
  double cumulative[N_CLASSES], total = 0;
  guint64 state = params->seed;
  g_autoptr(GError) mkdir_error = NULL;

  if (stats == NULL)
    stats = &local;
  memset (stats, 0, sizeof *stats);
  if (!g_file_make_directory_with_parents (dir, cancellable, &mkdir_error) &&
      !g_error_matches (mkdir_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&mkdir_error));
      return FALSE;
    }

  for (guint c = 0; c < N_CLASSES; c++)
    cumulative[c] = (total += 1.0 / (1.0 + c / 10.0));
  labels = g_new (guint8, MAX (params->n_images, 1));
  for (guint i = 0; i < params->n_images; i++)
    {
      double u = next_unit (&state) * total;
      guint c = 0;

      while (c < N_CLASSES - 1 && cumulative[c] <= u)
        c++;
      labels[i] = (guint8) c;
    }

  return write_gt (dir, params, labels, stats, cancellable, error) &&
         write_models (dir, params, labels, stats, cancellable, error);
}

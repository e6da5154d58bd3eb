/* precis-test-bench.h: timing for the bench-* programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <time.h>
#include <glib.h>

/* CPU time of the calling thread, in ms. */
static inline double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Monotonic wall clock, in ms. */
static inline double
wall_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

/* qsort() order of doubles, ascending. */
static inline int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Mutation check: applies small deliberate bugs to src/ one at a time, rebuilds
# incrementally (./build-mutants, ccache), runs the test suites that should
# notice, and counts the mutant as killed when they fail. Prints `killed K/N`
# and the survivors; exits non-zero when any mutant survives or a target string
# is missing (issue 21).
#
#   build-aux/mutants.sh            every mutant
#   build-aux/mutants.sh 3 7        only mutants 3 and 7
#
# Each mutant names its target by a code string that must occur exactly once
# in src/ (searched with grep -rlF, so files may be split or renamed), the
# replacement, and the tests to run. A missing or ambiguous string fails
# loudly ("mutant N: target not found"): update the list after a refactoring.
# The source file is restored after every mutant (and on exit or Ctrl-C).
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"
# shellcheck source=build-aux/common.sh
source build-aux/common.sh

builddir=${PRECIS_MUTANTS_BUILDDIR:-build-mutants}
xvfb=(xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" dbus-run-session --)

# id | what | search string | replacement | tests (meson test names)
# Fields are separated by " @@ "; strings are literal (no regex).
mutants=(
  "1 @@ GUI wiring: the window does not refresh the charts after an evaluation @@   precis_performance_page_evaluation_changed (self->performance_page); @@   (void) 0; @@ wiring"
  "2 @@ GUI wiring: the window does not refresh the explorer after an evaluation @@       precis_explorer_page_evaluation_changed (PRECIS_EXPLORER_PAGE (self->explorer_page)); @@       (void) 0; @@ wiring"
  "3 @@ chart text: +0.01 on every bar label @@ : g_strdup_printf (\"%.2f\", row.value); @@ : g_strdup_printf (\"%.2f\", row.value + 0.01); @@ chart"
  "4 @@ chart text: +0.01 on the headline mAP @@ t, s->map, t, s->mar, s->mean_f1, n); @@ t, s->map + 0.01, t, s->mar, s->mean_f1, n); @@ chart"
  "5 @@ matcher: IoU ties go to the later GT @@           else if (v > best) @@           else if (v >= best) @@ matcher active cocoeval"
  "6 @@ matcher: a crowd region never ignores a prediction @@ if ((crowd > 0 && crowd >= t) || (f & FLAG_OWN_OUT)) @@ if ((f & FLAG_OWN_OUT)) @@ active matcher"
  "7 @@ matcher: IoU = t is not a match (> instead of >=) @@ if (self->r_iou[k] >= t && self->r_d[k] < t) @@ if (self->r_iou[k] > t && self->r_d[k] < t) @@ active matcher"
  "8 @@ matcher: crowd IoU over the union instead of the prediction's area @@ u = gt->iscrowd[gt_start + c] ? da : da + ga - i; @@ u = da + ga - i; @@ box iou matcher cocoeval"
  "9 @@ coco accumulation: a plain sum instead of numpy's pairwise order @@     total += precis_pairwise_sum (a + i, MIN (8192, n - i)); @@     for (gsize j = i; j < MIN (i + 8192, n); j++) total += a[j]; @@ cocoeval active"
  "10 @@ coco accumulation: off by one at the recall thresholds (<= instead of <) @@       while (i < n_tp && rc < v) @@       while (i < n_tp && rc <= v) @@ cocoeval"
  "11 @@ loader validation: a fractional id is accepted @@       if (!isfinite (d) || d != floor (d) || fabs (d) >= PRECIS_MAX_EXACT_DOUBLE) @@       if (!isfinite (d) || fabs (d) >= PRECIS_MAX_EXACT_DOUBLE) @@ validation loader bad-input"
  "12 @@ loader validation: a negative bbox width passes @@   if (a->bbox[2] < 0) @@   if (FALSE && a->bbox[2] < 0) @@ loader bad-input"
  "13 @@ error messages: \"input\" instead of the file name @@ return g_filename_display_name (base != NULL ? base : \"?\"); @@ return g_strdup (\"input\"); @@ bad-input loader cli-info"
  "14 @@ export atomicity: the PNG is written in place, not to a temporary file renamed over it @@ fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666); @@ g_free (tmp); tmp = g_strdup (filename); fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666); @@ export-failures png"
  "15 @@ export metadata: the PNG says another threshold than the window's @@ json_builder_add_double_value (b, s->threshold); @@ json_builder_add_double_value (b, s->threshold + 0.01); @@ wiring chart"
  "16 @@ explorer: an image's FPs are counted as TPs @@           self->img_fp[image]++; @@           self->img_tp[image]++; @@ wiring explorer"
  "17 @@ GUI wiring: the protocol switch does not compute the coco summary @@     fill_coco (self, &self->summary); @@     (void) 0; @@ wiring"
  "18 @@ GUI wiring: the shape drop-down does not match the predictions again @@     _precis_window_rematch (self, self->model, type); @@     (void) 0; @@ wiring"
  "19 @@ shard merge: a partial's IoU table is not copied into the merged matcher @@           memcpy ((double *)tables[t].iou, v, cells * sizeof (double)); @@           (void) 0; @@ shards"
  "20 @@ shard options: a partial forgets --confidence, so merge evaluates at 0 @@   g_variant_dict_insert (&dict, \"confidence\", \"d\", o->confidence); @@   (void) 0; @@ shards"
  "21 @@ errors: the gallery's error counts are always those of Loc @@ precis_tide_count_per_image (tide, job->error, job->category, per_image); @@ precis_tide_count_per_image (tide, PRECIS_TIDE_LOC, job->category, per_image); @@ errors-page-gallery errors-page"
  "22 @@ confusion chart: counts although the app shows row shares @@ precis_confusion_format_cell (v, sum, d->row_normalised); @@ precis_confusion_format_cell (v, sum, FALSE); @@ errors-page-matrix"
  "23 @@ Compare page: the IoU slider does not reach the compared models @@   precis_compare_set_threshold (self->compare, self->threshold); @@   (void) 0; @@ compare-page"
  "24 @@ Compare page: an interval ending at 0 counts as significant @@ significant = boot->ci_low[k] > 0 || boot->ci_high[k] < 0; @@ significant = boot->ci_low[k] > 0 || boot->ci_high[k] <= 0; @@ compare-page"
  "25 @@ Compare page: a re-evaluation with the same parameters drops the bootstrap @@   changed = !self->have_params || self->threshold != params->threshold || @@   changed = TRUE || self->threshold != params->threshold || @@ compare-page"
  "26 @@ Compare page: the ΔAP drop-down's position taken for the row (the baseline not skipped) @@   self->shown = position < baseline ? position : position + 1; @@   self->shown = position; @@ compare-page"
)

selected=("$@")

restore_file=""
restore_copy=""
restore ()
{
  if [[ -n "$restore_file" ]]; then
    cp "$restore_copy" "$restore_file"
    rm -f "$restore_copy"
    restore_file=""
  fi
}
trap restore EXIT INT TERM

precis_log "Configuring $builddir"
precis_configure "$builddir" >/dev/null
ninja -C "$builddir" >/dev/null
# The unmutated tree must pass the tests the mutants use.
all_tests=$(for m in "${mutants[@]}"; do awk -F' @@ ' '{ print $5 }' <<<"$m"; done | tr ' ' '\n' | sort -u | tr '\n' ' ')
precis_log "Baseline: $all_tests"
# shellcheck disable=SC2086
if ! "${xvfb[@]}" meson test -C "$builddir" --no-rebuild --print-errorlogs $all_tests >/dev/null 2>&1; then
  precis_die "the unmutated tree fails its tests: see $builddir/meson-logs/testlog.txt"
fi

killed=0
total=0
survivors=()
missing=()
for m in "${mutants[@]}"; do
  id=$(awk -F' @@ ' '{ print $1 }' <<<"$m")
  if ((${#selected[@]} > 0)) && [[ " ${selected[*]} " != *" $id "* ]]; then
    continue
  fi
  what=$(awk -F' @@ ' '{ print $2 }' <<<"$m")
  tests=$(awk -F' @@ ' '{ print $5 }' <<<"$m")
  total=$((total + 1))

  # Find and apply (python: literal strings; exactly one match in src/).
  if ! file=$(MUTANT="$m" python3 - <<'PY'
import os, subprocess, sys
fields = os.environ["MUTANT"].split(" @@ ")
search, replace = fields[2], fields[3]
files = subprocess.run(["grep", "-rlF", "--", search, "src"], capture_output=True, text=True).stdout.split()
hits = [(f, open(f, encoding="utf-8").read().count(search)) for f in files]
hits = [(f, n) for f, n in hits if n > 0]
if len(hits) != 1 or hits[0][1] != 1:
    sys.exit(1)
print(hits[0][0])
PY
  ); then
    echo "mutant $id: target not found (or not unique) in src/: $what" >&2
    missing+=("$id")
    continue
  fi
  restore_copy=$(mktemp)
  cp "$file" "$restore_copy"
  restore_file=$file
  MUTANT="$m" FILE="$file" python3 -c '
import os
fields = os.environ["MUTANT"].split(" @@ ")
path = os.environ["FILE"]
s = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(s.replace(fields[2], fields[3], 1))'

  start=$SECONDS
  if ! ninja -C "$builddir" >"$builddir/mutant-$id-build.log" 2>&1; then
    outcome="killed (does not build: $builddir/mutant-$id-build.log)"
    killed=$((killed + 1))
  # shellcheck disable=SC2086
  elif "${xvfb[@]}" meson test -C "$builddir" --no-rebuild $tests >"$builddir/mutant-$id-test.log" 2>&1; then
    outcome="SURVIVED"
    survivors+=("$id: $what (tests: $tests)")
  else
    outcome="killed"
    killed=$((killed + 1))
  fi
  restore
  printf 'mutant %-2s %-8s %4ss  %s [%s]\n' "$id" "${outcome%% *}" "$((SECONDS - start))" "$what" "$tests" >&2
done

# Rebuild the restored tree, so that the build directory is clean for the next run.
ninja -C "$builddir" >/dev/null

echo "killed $killed/$total"
for s in "${survivors[@]}"; do
  echo "survived: $s"
done
for id in "${missing[@]}"; do
  echo "mutant $id: target not found"
done
if ((${#survivors[@]} > 0 || ${#missing[@]} > 0 || killed != total)); then
  exit 1
fi

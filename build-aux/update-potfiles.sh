#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Write po/POTFILES.in: every source and UI file with translatable strings,
# plus the desktop file, metainfo and GSettings schema, sorted.
#
#   build-aux/update-potfiles.sh          rewrite po/POTFILES.in
#   build-aux/update-potfiles.sh --check  exit 1 when po/POTFILES.in is not up to date
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"

# The files of the source tree: those git tracks when this is a git checkout
# (so that the list matches a fresh clone), else all of them.
source_files ()
{
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -- src ui data
  else
    find src ui data -type f
  fi
}

list_files ()
{
  local files
  files=$(source_files)
  {
    # C: _(), N_(), C_(), NC_(), Q_(), ngettext() and friends.
    grep -E '\.[ch]$' <<<"$files" | xargs -r -d '\n' \
      grep -lE '(^|[^A-Za-z0-9_])(N?C?_|Q_|g_dngettext|g_dpgettext2?|ngettext)[[:space:]]*\(' || true
    grep -E '\.ui$' <<<"$files" | xargs -r -d '\n' grep -l 'translatable="yes"' || true
    grep -E '^data/[^/]*\.(desktop\.in|metainfo\.xml\.in|gschema\.xml)$' <<<"$files" || true
  } | LC_ALL=C sort -u
}

new=$(list_files)
if [[ "${1:-}" == --check ]]; then
  if ! diff -u po/POTFILES.in <(printf '%s\n' "$new"); then
    echo "po/POTFILES.in is out of date: run build-aux/update-potfiles.sh" >&2
    exit 1
  fi
  exit 0
fi
printf '%s\n' "$new" > po/POTFILES.in

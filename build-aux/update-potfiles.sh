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

list_files ()
{
  {
    # C: _(), N_(), C_(), NC_(), Q_(), ngettext() and friends.
    grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|Q_|g_dngettext|g_dpgettext2?|ngettext)[[:space:]]*\(' \
      --include='*.c' --include='*.h' src || true
    grep -rl 'translatable="yes"' --include='*.ui' ui src 2>/dev/null || true
    ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
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

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Check that a translation is complete: extract every translatable string of
# the files in po/POTFILES.in (as meson's `precis-pot` target does, with the
# glib preset's keywords), merge the translation with them, and fail when a
# string is untranslated, fuzzy or missing, listing the first ones.
#
#   build-aux/check-translation.sh [LANG]     (default: every language in po/LINGUAS)
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The glib preset of meson's i18n module, plus the sources' UTF-8.
xgettext --from-code=UTF-8 --add-comments --package-name=precis \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in -o "$tmp/precis.pot"

if [ $# -gt 0 ]; then
  langs=("$@")
else
  mapfile -t langs < <(grep -v '^#' po/LINGUAS | tr ' ' '\n' | grep .)
fi

status=0
for lang in "${langs[@]}"; do
  msgmerge --quiet --no-fuzzy-matching --no-wrap "po/$lang.po" "$tmp/precis.pot" -o "$tmp/$lang.po"
  msgattrib --untranslated --no-obsolete "$tmp/$lang.po" -o "$tmp/$lang.untranslated.po"
  msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" -o "$tmp/$lang.fuzzy.po"
  untranslated=$(grep -c '^msgid ' "$tmp/$lang.untranslated.po" 2>/dev/null || true)
  fuzzy=$(grep -c '^msgid ' "$tmp/$lang.fuzzy.po" 2>/dev/null || true)
  # The header entry (msgid "") counts once in a non-empty file.
  [ "${untranslated:-0}" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "${fuzzy:-0}" -gt 0 ] && fuzzy=$((fuzzy - 1))
  total=$(grep -c '^msgid ' "$tmp/precis.pot")
  echo "po/$lang.po: $((total - 1)) strings, ${untranslated:-0} untranslated, ${fuzzy:-0} fuzzy"
  msgfmt --check --output-file=/dev/null "$tmp/$lang.po"
  if [ "${untranslated:-0}" -gt 0 ] || [ "${fuzzy:-0}" -gt 0 ]; then
    status=1
    echo "First strings that need a translation in po/$lang.po:"
    cat "$tmp/$lang.untranslated.po" "$tmp/$lang.fuzzy.po" 2>/dev/null | grep '^msgid ' | grep -v '^msgid ""$' | head -20
  fi
done
exit $status

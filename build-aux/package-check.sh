#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build the Debian packages precis and precis-cli from this tree, install them,
# check what they installed, run lintian, and remove them again.
#
#   build-aux/package-check.sh      as root, or as a user with sudo
#
# The packages are built with `DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us
# -uc -b` in a temporary copy of the tree (the files git tracks or would track,
# so a dirty tree is built as it is), without network (in a network namespace
# when run as root). Then, installed with
# `apt-get install ./….deb`:
#   - precis-cli links no GTK (objdump -p, ldd) and its package needs none
#     (gdk-pixbuf, which decodes images for the image metrics, is allowed);
#   - precis-cli --version and precis --version print the tree's version;
#   - precis-cli info and eval of the sample in /usr/share/precis/sample/;
#   - precis --screenshot of the sample under Xvfb writes a PNG;
#   - the installed desktop file, metainfo and schema validate, and GSettings
#     finds the schema; the man pages are installed.
# lintian must report no error and no warning: the warnings left are
# overridden, with the reason, in debian/*.lintian-overrides. Prints the
# package sizes and lintian's output. PRECIS_PACKAGE_KEEP=1 keeps the
# temporary folder (printed at the end).
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"
# shellcheck source=build-aux/common.sh
source build-aux/common.sh

as_root=()
if ((EUID != 0)); then
  as_root=(sudo)
fi

precis_ensure_packages "${precis_build_packages[@]}" "${precis_package_packages[@]}"

start=$SECONDS
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
upstream=${version%-*}
arch=$(dpkg --print-architecture)
sample=/usr/share/precis/sample/cartucho-map

work=$(mktemp -d "${TMPDIR:-/tmp}/precis-package.XXXXXX")
installed=false
cleanup ()
{
  local status=$?
  if $installed; then
    precis_log "Removing the packages"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q precis precis-cli >/dev/null \
      || status=1
  fi
  if [[ "${PRECIS_PACKAGE_KEEP:-}" == 1 ]]; then
    precis_log "Kept $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT

precis_log "Copying the tree to $work/precis-$upstream"
tree=$work/precis-$upstream
mkdir -p "$tree"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
    | xargs -0 cp --parents -t "$tree"
else
  tar -C "$srcdir" --exclude='./build*' --exclude='./_build*' --exclude='./obj-*' -cf - . | tar -C "$tree" -xf -
fi

# Without network: as root, in a network namespace of its own (only a loopback
# that is down), which proves that the build downloads nothing.
offline=()
if ((EUID == 0)) && unshare --net -- true 2>/dev/null; then
  offline=(unshare --net --)
fi
precis_log "Building the packages (dpkg-buildpackage, nocheck${offline:+, no network})"
build_start=$SECONDS
(cd "$tree" && DEB_BUILD_OPTIONS=nocheck "${offline[@]}" dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 \
  || { tail -n 60 "$work/build.log" >&2; precis_die "dpkg-buildpackage failed (log: $work/build.log)"; }
build_seconds=$((SECONDS - build_start))

cd "$work"
app_deb=precis_${version}_${arch}.deb
cli_deb=precis-cli_${version}_${arch}.deb
[[ -f "$app_deb" && -f "$cli_deb" ]] || precis_die "missing $app_deb or $cli_deb"

printf '\n%-36s %10s %16s\n' package "deb bytes" "installed KiB"
for deb in "$app_deb" "$cli_deb"; do
  printf '%-36s %10s %16s\n' "$deb" "$(stat -c %s "$deb")" "$(dpkg-deb -f "$deb" Installed-Size)"
done
printf '\n'

check ()
{
  local what=$1
  shift
  if "$@"; then
    printf '  ok    %s\n' "$what"
  else
    printf '  FAIL  %s\n' "$what" >&2
    failures=$((failures + 1))
  fi
}
failures=0

# gdk-pixbuf (image decoding for the image metrics) is not GTK: it brings no
# toolkit or display server; libgtk, libgdk (GTK 3/4's GDK) are what must not appear.
no_gtk () { ! sed -E 's/gdk[-_]pixbuf//g' <<<"$1" | grep -qiE 'gtk|gdk'; }
contains () { grep -qE -- "$2" <<<"$1"; }
quietly () { local out; out=$("$@" 2>&1) || { printf '%s\n' "$out" >&2; return 1; }; }

precis_log "Checking the packages"
check "precis-cli's package depends on no GTK library" no_gtk "$(dpkg-deb -f "$cli_deb" Depends)"
check "precis depends on GTK 4" contains "$(dpkg-deb -f "$app_deb" Depends)" 'libgtk-4-1'

precis_log "Installing with apt-get install ./$app_deb ./$cli_deb"
installed=true
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "./$app_deb" "./$cli_deb" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; precis_die "apt-get install failed"; }

precis_log "Checking the installed programs"
check "precis-cli links no GTK (objdump -p)" no_gtk "$(objdump -p /usr/bin/precis-cli | grep NEEDED)"
check "precis-cli loads no GTK (ldd)" no_gtk "$(ldd /usr/bin/precis-cli)"
check "precis-cli --version" test "$(precis-cli --version)" = "precis-cli $upstream"
check "precis --version" test "$(precis --version)" = "precis $upstream"

info=$(precis-cli info "$sample") || info=
check "precis-cli info of the sample: 85 images, all on disk" contains "$info" '^Images: 85 \(85 on disk, 0 missing\)$'
eval_out=$(precis-cli eval "$sample") || eval_out=
check "precis-cli eval of the sample: 686 GT, 494 predictions" contains "$eval_out" '^total +686 +494 '
check "precis-cli eval of the sample: mAP@0.50" contains "$eval_out" '^mAP@0\.50 += 0\.[0-9]{4}$'
coco_out=$(precis-cli eval --protocol coco "$sample") || coco_out=
check "precis-cli eval --protocol coco of the sample" contains "$coco_out" 'Average Precision'

shot=$work/screenshot.png
shot_status=true
timeout 180 xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
  dbus-run-session -- env GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
  precis --screenshot "$shot" "$sample" >"$work/screenshot.log" 2>&1 \
  || { shot_status=false; cat "$work/screenshot.log" >&2; }
png_header () { [[ -s "$shot" && "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]]; }
check "precis --screenshot of the sample under Xvfb exits 0" "$shot_status"
check "precis --screenshot of the sample under Xvfb writes a PNG" png_header
if [[ -s "$shot" ]]; then
  printf '        %s: %s bytes, %dx%d\n' "${shot##*/}" "$(stat -c %s "$shot")" \
    "$((16#$(od -An -tx1 -j16 -N4 "$shot" | tr -d ' \n')))" \
    "$((16#$(od -An -tx1 -j20 -N4 "$shot" | tr -d ' \n')))"
fi

check "installed desktop file validates" quietly desktop-file-validate /usr/share/applications/org.precis.Precis.desktop
check "installed metainfo validates (appstreamcli)" \
  quietly appstreamcli validate --no-net /usr/share/metainfo/org.precis.Precis.metainfo.xml
check "installed schema is compiled (gsettings)" \
  contains "$(gsettings list-keys org.precis.Precis 2>&1)" '^iou-threshold$'
check "precis.1 installed" test -f /usr/share/man/man1/precis.1.gz
check "precis-cli.1 installed" test -f /usr/share/man/man1/precis-cli.1.gz
check "icon installed" test -f /usr/share/icons/hicolor/scalable/apps/org.precis.Precis.svg

precis_log "lintian"
# --show-overrides prints the overridden tags (O:) with their reasons, and
# then counts them for --fail-on: the verdict is read from the tags instead.
lintian --display-info --show-overrides "precis_${version}_${arch}.changes" >"$work/lintian.log" 2>&1 \
  || { cat "$work/lintian.log" >&2; precis_die "lintian could not run"; }
grep -v 'running with root privileges' "$work/lintian.log" || true
check "lintian: no error, no warning that is not overridden" \
  test "$(grep -cE '^(E|W): ' "$work/lintian.log")" -eq 0

printf '\nbuild %d s, total %d s\n' "$build_seconds" "$((SECONDS - start))"
((failures == 0)) || precis_die "$failures package check(s) failed"
precis_log "Package checks passed"

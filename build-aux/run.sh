#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build Precis in ./build and open the bundled sample project.
#
#   build-aux/run.sh                    open data/sample/cartucho-map
#   build-aux/run.sh --iou 0.3          the same, with extra arguments for precis
#   build-aux/run.sh path/to/project …  open another project instead
#
# Installs the Debian packages it needs (only those missing) on the first run.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"
# shellcheck source=build-aux/common.sh
source build-aux/common.sh

precis_ensure_packages "${precis_build_packages[@]}"
precis_configure build
ninja -C build

app=build/src/app/precis
[[ -x "$app" ]] || precis_die "$app was not built (is the GUI enabled? meson configure build -Dgui=enabled)"

# The first argument replaces the sample project when it is a path, not an option.
args=(data/sample/cartucho-map)
if (($# > 0)) && [[ "$1" != -* ]]; then
  args=()
fi

# Run uninstalled: the schema compiled into the build directory.
export GSETTINGS_SCHEMA_DIR="$srcdir/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec "$app" "${args[@]}" "$@"

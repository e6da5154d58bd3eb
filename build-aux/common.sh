# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034
#
# Shared by build-aux/run.sh and build-aux/test.sh (sourced, not run).

# What a Debian 12 machine needs to build and run Precis.
precis_build_packages=(
  meson ninja-build gcc pkg-config
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libjson-glib-dev
  libcairo2-dev libpango1.0-dev libpng-dev libgdk-pixbuf-2.0-dev
  gettext desktop-file-utils appstream-util appstream
)

# What the test suite needs on top: a headless X server, a session bus, a
# font for the chart and window tests, valgrind, the locale data for the
# German translation tests (precis_ensure_locales below generates de_DE.UTF-8),
# and Slurm with munge for the slurm-array test (tests/slurm-array.sh).
precis_test_packages=(
  xvfb xauth dbus-daemon fonts-dejavu-core valgrind locales
  slurm-wlm munge
)

# The locales generated for running the programs translated by hand and in tests
# (LANG=de_DE.UTF-8 shows the German translation, po/de.po).
precis_test_locales=(
  de_DE.UTF-8
)

# And the libFuzzer build (meson -Dfuzzing=true), only when asked for.
precis_fuzz_packages=(
  clang libclang-rt-14-dev
)

precis_log ()
{
  if [[ -t 2 ]]; then
    printf '\033[1m==> %s\033[0m\n' "$*" >&2
  else
    printf '==> %s\n' "$*" >&2
  fi
}

precis_die ()
{
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# precis_as_root MESSAGE: sets the caller's (local) as_root array to the prefix
# that runs a command as root: nothing for root, sudo otherwise; dies with
# MESSAGE when neither is possible.
precis_as_root ()
{
  as_root=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || precis_die "$1"
    as_root=(sudo)
  fi
}

# precis_ensure_packages PKG…: install the packages that are not installed yet.
# Runs apt-get (and apt-get update) only when something is missing, as root
# directly or through sudo otherwise.
precis_ensure_packages ()
{
  local missing=() pkg status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != installed ]]; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi

  local as_root=()
  precis_as_root "missing packages (${missing[*]}) and no sudo to install them"
  precis_log "Installing missing packages: ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# precis_ensure_locales LOCALE…: generate the locales (e.g. de_DE.UTF-8) that
# `locale -a` does not list yet: uncomment them in /etc/locale.gen (adding the
# line when it is missing) and run locale-gen, as root or through sudo.
precis_ensure_locales ()
{
  local missing=() loc norm
  for loc in "$@"; do
    # locale -a spells de_DE.UTF-8 as de_DE.utf8.
    norm=$(sed -E 's/\.UTF-8$/.utf8/' <<<"$loc")
    if ! locale -a 2>/dev/null | grep -qxF "$norm"; then
      missing+=("$loc")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi

  local as_root=()
  precis_as_root "missing locales (${missing[*]}) and no sudo to generate them"
  precis_log "Generating locales: ${missing[*]}"
  local re
  for loc in "${missing[@]}"; do
    re=${loc//./[.]}
    if grep -qE "^#? *$re " /etc/locale.gen 2>/dev/null; then
      "${as_root[@]}" sed -i -E "s/^# *($re )/\\1/" /etc/locale.gen
    else
      printf '%s %s\n' "$loc" "${loc##*.}" | "${as_root[@]}" tee -a /etc/locale.gen >/dev/null
    fi
  done
  "${as_root[@]}" locale-gen
}

# precis_configure BUILDDIR [MESON-OPTION…]: set up BUILDDIR, or bring an
# existing one up to date with the given options. Idempotent.
precis_configure ()
{
  local builddir=$1
  shift
  if [[ -f "$builddir/meson-private/coredata.dat" ]]; then
    if [[ ! -f "$builddir/build.ninja" ]]; then
      # The last regeneration failed: start it again.
      meson setup --reconfigure "$builddir" "$@"
    elif (($# > 0)); then
      meson configure "$builddir" "$@" >/dev/null
    fi
  else
    meson setup "$builddir" "$@"
  fi
}

# And build-aux/package-check.sh: build the Debian packages (debian/), install
# them, check the installed programs under Xvfb, and run lintian.
precis_package_packages=(
  debhelper dpkg-dev lintian appstream desktop-file-utils libglib2.0-bin binutils
  xvfb xauth dbus-daemon fonts-dejavu-core
)

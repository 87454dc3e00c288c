#!/usr/bin/env bash
# Install what SealStation needs on Debian/Ubuntu, only what is missing:
# system packages with apt-get, Python packages into .venv (next to this repo).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  softhsm2        # PKCS#11 token for the demo and the tests
  poppler-utils   # pdfsig / pdftoppm: independent checks of stamped PDFs
  qpdf            # an edit after the lock: a file rewritten by another tool (tests/core/test_locking.py)
  postgresql      # the office archive's server: the tests start a throwaway cluster (initdb/pg_ctl)
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0  # Qt runtime
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0  # Qt's xcb plugin:
  libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0                                  # the window on X11
  xvfb x11-utils xdotool  # Xvfb, xwininfo and xdotool: the test that starts the window on a real X server and types
  faketime        # the insider tests set the clock back under a real process
  libnss3-tools   # certutil: an NSS database that makes pdfsig trust the office's seal authority
  cups cups-client libcups2-dev gcc python3-dev  # printing: CUPS, and what pycups (the job lookup) builds against
  cups-ipp-utils avahi-daemon dbus   # the tests' IPP Everywhere printer (ippeveprinter) needs DNS-SD
  binutils        # the package build (installer/build-deb.sh; dpkg-deb and ldd are always there): strip
)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  rm -f .venv/.installed-*; touch "$stamp"
fi

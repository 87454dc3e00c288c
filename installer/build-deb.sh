#!/usr/bin/env bash
# Build the Debian package of SealStation from this checkout: dist/sealstation_<version>_amd64.deb and its SHA-256.
#
#   bash installer/build-deb.sh                  # makes its own build venv in build/installer-venv
#   SEALSTATION_BUILD_VENV=DIR bash installer/build-deb.sh   # reuses a venv that has the project's dependencies
#
# A PyInstaller one-folder bundle (not one-file: that unpacks Qt into a temp folder at every start) of the window
# and the `sealstation` command, installed in the UOS application layout /opt/apps/<appid>/ (files/ the program,
# entries/ the desktop entry and icons, info the UOS manifest), with /usr/bin/sealstation and the menu entry as
# symlinks carried by the package itself: no maintainer script at all. Depends: the Debian packages of the shared
# libraries the bundle loads (installer/debdeps.py). Needs dpkg-deb, dpkg-query and ldd (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
APPID=cn.sealstation.station
PY=${PYTHON:-python3}
started=$(date +%s)

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
CODE_VERSION=$("$PY" -c 'import re; print(re.search(r"__version__ = \"(.+)\"", open("sealstation/__init__.py").read())[1])')
if [ "$VERSION" != "$CODE_VERSION" ]; then
  echo "build-deb: pyproject.toml says $VERSION but sealstation/__init__.py says $CODE_VERSION" >&2; exit 1
fi
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb is missing (Debian/Ubuntu package dpkg)" >&2; exit 1; }

# The build environment: PyInstaller with a bound (6.x: the spec's Analysis/COLLECT API and the PySide6 hooks) and the
# project's dependencies.
VENV=${SEALSTATION_BUILD_VENV:-build/installer-venv}
if [ ! -x "$VENV/bin/python" ]; then
  echo "build-deb: creating the build venv $VENV"
  "$PY" -m venv "$VENV"
fi
WORK=build/installer
rm -rf "$WORK" && mkdir -p "$WORK" dist
# The project's dependencies, not the project: the bundle takes sealstation/ and ui/ from this checkout (the spec's
# pathex), and a venv given to reuse keeps its own (editable) install. Quick when everything is there already.
"$PY" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
  > "$WORK/requirements.txt"
"$VENV/bin/python" -m pip install -q "pyinstaller>=6.10,<7" -r "$WORK/requirements.txt"
echo "build-deb: bundling with PyInstaller"
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN --distpath "$WORK/pyinstaller" \
  --workpath "$WORK/pyinstaller-work" installer/sealstation.spec
BUNDLE=$WORK/pyinstaller/sealstation
QT=$BUNDLE/_internal/PySide6/Qt

# What the product does not use: Qt's catalogues but Chinese and English, and plugins for other platforms
# (Wayland, EGL full-screen, VNC, Linux framebuffer), other input devices and image formats nobody opens here.
# Kept: platforms/libqxcb + offscreen (X11 desktops: UOS, Kylin), the input methods (Chinese input),
# xcbglintegrations, printsupport (CUPS), imageformats for PNG/JPEG/GIF/ICO/SVG, platformthemes.
find "$QT/translations" -type f ! -name 'qt*_zh_CN.qm' ! -name 'qt*_en.qm' -delete 2>/dev/null || true
rm -rf "$QT/plugins/"{wayland-decoration-client,wayland-graphics-integration-client,wayland-shell-integration,egldeviceintegrations,generic,networkinformation,tls,sqldrivers,qmltooling,multimedia,position,sensors,webview,designer,canbus,scenegraph,renderers,texttospeech} 2>/dev/null || true
find "$QT/plugins/platforms" -type f ! -name 'libqxcb.so' ! -name 'libqoffscreen.so' -delete 2>/dev/null || true
find "$QT/plugins/imageformats" -type f ! -name 'libqgif.so' ! -name 'libqico.so' ! -name 'libqjpeg.so' \
  ! -name 'libqsvg.so' -delete 2>/dev/null || true
rm -f "$QT/plugins/platformthemes/libqgtk3.so"  # GTK 3 would come along with it; Qt's own style draws the window
rm -f "$QT/lib/"libQt6{WaylandClient,WlShellIntegration,EglFSDeviceIntegration,EglFsKmsSupport}.so*
# Debug information nobody reads at the station (~40 MB): the Python runtime as pyenv or a source build leaves it,
# and the extension modules some wheels ship unstripped (python-pkcs11, Pillow, aiohttp …). Only the debug
# sections go (--strip-debug), and only from files that have them; the libraries auditwheel vendored into
# *.libs/ folders are left as they are.
find "$BUNDLE/_internal" \( -name 'libpython3*.so*' -o -name '*.cpython-*.so' -o -name '*.abi3.so' \) -type f \
  ! -path '*.libs/*' -print0 | while IFS= read -r -d '' elf; do
  # (no `readelf | grep -q`: under pipefail, grep leaving early fails the pipe at random)
  if [[ $(readelf -S "$elf" 2>/dev/null) == *.debug_info* ]]; then strip --strip-debug "$elf"; fi
done
find "$BUNDLE" -xtype l -delete  # PyInstaller's top-level links to what was just removed
# Nothing of the tests or the demo's secrets may ride along (the demo makes its own at run time).
if find "$BUNDLE" \( -name 'demo-credentials.json' -o -name 'libsofthsm2*' -o -path '*/tests/*' \) | grep -q .; then
  echo "build-deb: the bundle holds test data, demo credentials or SoftHSM2:" >&2
  find "$BUNDLE" \( -name 'demo-credentials.json' -o -name 'libsofthsm2*' -o -path '*/tests/*' \) >&2; exit 1
fi

echo "build-deb: Depends from the bundle's shared libraries"
DEPENDS=$("$PY" installer/debdeps.py "$BUNDLE")

ROOT=$WORK/root
APP=$ROOT/opt/apps/$APPID
mkdir -p "$APP/files" "$APP/entries/applications" "$APP/entries/icons/hicolor/scalable/apps" \
  "$APP/entries/icons/hicolor/256x256/apps" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
  "$ROOT/usr/share/icons/hicolor/scalable/apps" "$ROOT/usr/share/icons/hicolor/256x256/apps" "$ROOT/DEBIAN"
mv "$BUNDLE" "$APP/files/sealstation"
install -m 644 installer/deb/$APPID.desktop "$APP/entries/applications/$APPID.desktop"
install -m 644 resources/icons/sealstation.svg "$APP/entries/icons/hicolor/scalable/apps/$APPID.svg"
install -m 644 resources/icons/sealstation.png "$APP/entries/icons/hicolor/256x256/apps/$APPID.png"
cat > "$APP/info" <<INFO
{
  "appid": "$APPID",
  "name": "SealStation 电子印章签章站",
  "version": "$VERSION",
  "arch": ["amd64"],
  "permissions": {"autostart": false, "notification": false, "trayicon": false, "clipboard": false,
                  "account": false, "bluetooth": false, "camera": false, "audio_record": false,
                  "installed_apps": false}
}
INFO
# The command and the menu entry on a plain Debian desktop: symlinks the package owns (removed with it).
ln -s "/opt/apps/$APPID/files/sealstation/sealstation" "$ROOT/usr/bin/sealstation"
ln -s "/opt/apps/$APPID/entries/applications/$APPID.desktop" "$ROOT/usr/share/applications/$APPID.desktop"
ln -s "/opt/apps/$APPID/entries/icons/hicolor/scalable/apps/$APPID.svg" \
  "$ROOT/usr/share/icons/hicolor/scalable/apps/$APPID.svg"
ln -s "/opt/apps/$APPID/entries/icons/hicolor/256x256/apps/$APPID.png" \
  "$ROOT/usr/share/icons/hicolor/256x256/apps/$APPID.png"
chmod -R u+rwX,go+rX,go-w "$ROOT"

INSTALLED_KB=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: sealstation
Version: $VERSION
Architecture: amd64
Maintainer: SealStation <sealstation@localhost>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Suggests: softhsm2, opensc, poppler-utils
Section: utils
Priority: optional
Homepage: https://localhost/sealstation
Description: electronic seal (电子印章) station
 Places an office's electronic seal on approved PDF documents, signs them with
 the seal's PKCS#11 USB key (PAdES), prints numbered copies and keeps a signed
 journal of every use. The station home (~/.local/share/SealStation or
 --home) is the user's and is never removed with the package. The demo
 ('sealstation demo') needs SoftHSM2 (package softhsm2).
CONTROL

DEB=dist/sealstation_${VERSION}_amd64.deb
echo "build-deb: writing $DEB"
dpkg-deb --root-owner-group -Zxz -z6 --build "$ROOT" "$DEB" >/dev/null
(cd dist && sha256sum "$(basename "$DEB")" > "$(basename "$DEB").sha256")
echo "build-deb: $DEB ($(du -h "$DEB" | cut -f1), installed $((INSTALLED_KB / 1024)) MB) in $(( $(date +%s) - started )) s"
cat "$DEB.sha256"

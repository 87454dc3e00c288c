"""The Debian package, as the stamping computer's IT person gets it: built from this checkout
(``bash installer/build-deb.sh``), installed with ``dpkg -i``, used with the installed program only, removed.

Nothing of the source tree or its .venv is on the path of the installed program: each command runs with
PATH=/usr/bin:/bin, no PYTHONPATH, a HOME of its own and a temporary folder as its working directory. The build is
cached in the temp folder by commit (and by the uncommitted changes, if any), so a second run installs at once.
Needs root (dpkg -i), dpkg-deb, SoftHSM2, poppler-utils, Xvfb and the xcb libraries (scripts/setup.sh).
The upgrade from the previous commit's package (issue 20's second test) is test_deb_upgrade.py; each module
removes the package at its end, so the two never find the other's package installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.deb_package import (APPID, PROGRAM, REPO, VERSION, build_deb, build_key, clean_env, dpkg, make_demo,
                                 run, stamp)
from support.processes import stop_processes

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("dpkg-deb") is None,
                                 reason="dpkg-deb is missing: the .deb is built and installed on Debian/Ubuntu only")]

TITLE = "电子印章签章站"


@pytest.fixture(scope="module")
def deb() -> Path:
    """The package built from this checkout (cached per commit in the temp folder)."""
    return build_deb(REPO, build_key())


@pytest.fixture(scope="module")
def installed(deb):
    proc = dpkg("-i", str(deb))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    yield deb
    dpkg("-r", "sealstation")  # the package is not left installed for the next module (test_deb_upgrade.py)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return clean_env(tmp_path_factory.mktemp("deb-user"))


def test_the_package_holds_the_program_and_nothing_else(deb):
    assert deb.stat().st_size < 120_000_000  # issue 20: the .deb under 120 MB
    assert Path(str(deb) + ".sha256").read_text().split()[0] == hashlib.sha256(deb.read_bytes()).hexdigest()
    info = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True).stdout
    for script in ("preinst", "postinst", "prerm", "postrm"):
        assert f" {script} " not in info, f"the package has a {script}"
    fields = {k: subprocess.run(["dpkg-deb", "-f", str(deb), k], capture_output=True, text=True).stdout.strip()
              for k in ("Version", "Architecture", "Depends", "Installed-Size")}
    assert fields["Version"] == VERSION and fields["Architecture"] == "amd64"
    depends = {d.strip() for d in fields["Depends"].split(",")}
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libcups2"} <= depends, fields["Depends"]
    assert int(fields["Installed-Size"]) * 1024 < 250_000_000, f"installed size {fields['Installed-Size']} KiB"
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True).stdout
    assert f"./opt/apps/{APPID}/files/sealstation/sealstation" in listing
    assert "./usr/bin/sealstation -> " in listing
    for unwanted in ("demo-credentials", "libsofthsm2", "/tests/", "conftest", ".ts\n", "QtWebEngine", "QtQuick",
                     "QtQml", "Qt6Multimedia", "Qt6Pdf", "libqwayland"):
        assert unwanted not in listing, unwanted


def test_the_installed_files_find_their_libraries(installed):
    """Every shared library of the bundle resolves: the Depends name what the bundle leaves to the system."""
    bundle = Path(f"/opt/apps/{APPID}/files/sealstation")
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": str(bundle / "_internal")}  # as the bootloader sets it
    missing = []
    for path in bundle.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
            missing += [f"{path.name}: {line.strip()}" for line in out.splitlines() if "not found" in line]
    assert not missing, "\n".join(missing)
    desktop = Path(f"/usr/share/applications/{APPID}.desktop").read_text(encoding="utf-8")
    assert f"Name[zh_CN]={TITLE}\n" in desktop and "\nExec=sealstation\n" in desktop
    assert Path(f"/usr/share/icons/hicolor/scalable/apps/{APPID}.svg").is_file()


def test_version(installed, clean):
    proc = run(clean, "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"sealstation {VERSION}"


@pytest.fixture(scope="module")
def demo(installed, clean):
    _, root = clean
    return make_demo(clean, root / "station")


def test_stamp_and_print_with_the_installed_program(demo, clean):
    _, root = clean
    out = root / "cwd" / "notice-stamped.pdf"
    stamp(clean, demo, "notice.pdf", "official", out)

    copies = root / "cwd" / "copies.pdf"
    secrets = "\n".join([*demo.journal, demo.creds["users"]["custodian"]]) + "\n"
    proc = run(clean, "print", str(out), "--copies", "1", "--to-pdf", str(copies), "--user", "custodian",
               "--stdin-secrets", "--home", str(demo.home), stdin=secrets)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Printed 1 of 1" in proc.stdout
    pages = subprocess.run(["pdfinfo", str(copies)], capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M), pages


def test_installing_again_keeps_the_station(installed, demo, clean):
    """dpkg replaces the program's files (as an upgrade does) and leaves the station home as it was: the same
    station stamps again. (The upgrade from an earlier commit's package: test_deb_upgrade.py.)"""
    _, root = clean
    before = sorted(p.name for p in demo.home.iterdir())
    proc = dpkg("-i", str(installed))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in demo.home.iterdir()) == before
    stamp(clean, demo, "expenses-rotated.pdf", "finance", root / "cwd" / "expenses-stamped.pdf")


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    assert number, "Xvfb did not say which display it took"
    return xvfb, f":{number}"


def _screenshot(display: str, path: Path) -> None:
    """The X screen as a PNG, taken by a Qt of the test's own on that display (not by the program under test)."""
    code = ("import sys\nfrom PySide6.QtGui import QGuiApplication\napp = QGuiApplication(['shot', '-platform', 'xcb'])\n"
            "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)\n")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    subprocess.run([sys.executable, "-c", code, str(path)], env=env, timeout=60, check=True, capture_output=True)


def _wait_for_window(display: str, title: str, app: subprocess.Popen, log: Path, env: dict, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and app.poll() is None:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title], capture_output=True,
                               text=True, env={**env, "DISPLAY": display}, timeout=20).stdout.split()
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no window named {title!r} (exit {app.poll()}): {log.read_text()}")


def _xdotool(display: str, env: dict, *args: str, stdin: str | None = None) -> None:
    subprocess.run(["xdotool", *args], input=stdin, capture_output=True, text=True, timeout=20, check=True,
                   env={**env, "DISPLAY": display})


def test_the_window_starts_on_x11(demo, clean, artifacts):
    """The installed window on a real X server (Qt's xcb plugin from the bundle, the system's xcb libraries), in
    Chinese (the bundle's catalogue is found): the journal passphrase asked first (no keyring in a clean env), then
    the station's window, screenshotted."""
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.fail("Xvfb and xdotool are missing: run scripts/setup.sh (packages xvfb, xdotool).")
    home, journal = demo.home, demo.journal
    env, root = clean
    xvfb, display = _start_xvfb()
    app = None
    try:
        log = root / "window.log"
        with log.open("w") as out:
            started = time.monotonic()
            app = subprocess.Popen([str(PROGRAM), "--home", str(home)], stdout=out, stderr=out,
                                   stdin=subprocess.DEVNULL, cwd=root / "cwd", start_new_session=True,
                                   env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
        if journal:
            asked = _wait_for_window(display, "签章日志口令", app, log, env, 30)
            print(f"installed program's first window shown {time.monotonic() - started:.2f} s after the start")
            _xdotool(display, env, "windowfocus", "--sync", asked)
            _xdotool(display, env, "type", "--delay", "10", "--file", "-", stdin=journal[0])  # not on a command line
            _xdotool(display, env, "key", "Return")
        _wait_for_window(display, TITLE, app, log, env, 30)
        print(f"installed window shown {time.monotonic() - started:.2f} s after the start")
        assert "Could not load the Qt platform plugin" not in log.read_text()
        shot = artifacts / "deb-window-xvfb.png"
        # Mapped is not yet painted: the screen is taken again until the window has drawn itself (or 10 s pass).
        deadline = time.monotonic() + 10
        _screenshot(display, shot)
        while shot.stat().st_size <= 10_000 and time.monotonic() < deadline:
            time.sleep(0.5)
            _screenshot(display, shot)
        assert shot.stat().st_size > 10_000  # a drawn window, not a black screen
    finally:
        if app is not None:
            stop_processes([app])
        stop_processes([xvfb])


def test_a_computer_without_a_station_opens_the_set_up_assistant(installed, clean, artifacts):
    """The first start from the menu: no station home yet, and the installed window opens its set-up assistant."""
    env, root = clean
    xvfb, display = _start_xvfb()
    app = None
    try:
        log = root / "first-start.log"
        with log.open("w") as out:
            app = subprocess.Popen([str(PROGRAM), "--home", str(root / "new-station")], stdout=out, stderr=out,
                                   stdin=subprocess.DEVNULL, cwd=root / "cwd", start_new_session=True,
                                   env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
        _wait_for_window(display, "设置本签章站", app, log, env, 30)
        _screenshot(display, artifacts / "deb-first-start-xvfb.png")
    finally:
        if app is not None:
            stop_processes([app])
        stop_processes([xvfb])


def test_removing_the_package_keeps_the_station_home(demo):
    home = demo.home
    proc = dpkg("-r", "sealstation")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not PROGRAM.exists() and not Path(f"/opt/apps/{APPID}").exists()
    assert (home / "station.json").is_file() and any(home.iterdir())

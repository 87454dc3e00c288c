"""The window on a real X11 desktop: the ``sealstation`` entry point under Xvfb with Qt's xcb plugin, on the demo
station, logged in with keys typed through X (xdotool), showing the work queue.

The other UI tests draw offscreen; this one needs the xcb runtime libraries and the X tools that
scripts/setup.sh installs (xvfb, x11-utils, xdotool), so a machine missing them fails here, not at the office.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.processes import stop_processes

REPO = Path(__file__).resolve().parents[2]
TITLE = "电子印章签章站"
"""The window's title in its first language, Chinese (a new person's settings)."""
QUEUE_TITLE = "待办队列 — SealStation 电子印章签章站"
"""The title once the work queue is shown after the login."""


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    """Xvfb on a display number it picks itself (-displayfd), so parallel runs do not collide."""
    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        pytest.fail("Xvfb and xwininfo are missing: run scripts/setup.sh (packages xvfb, x11-utils).")
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    assert number, "Xvfb did not say which display it took"
    return xvfb, f":{number}"


def _windows(display: str) -> str:
    proc = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                          env={**os.environ, "DISPLAY": display}, timeout=30)
    return proc.stdout


def _x(display: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["xdotool", *args], input=stdin, capture_output=True, text=True, timeout=20,
                          env={**os.environ, "DISPLAY": display})


def _wait_for_window(display: str, title: str, app: subprocess.Popen, log: Path, seconds: float) -> str:
    """The X window id of the window whose title contains ``title`` (xdotool search), once it is shown."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and app.poll() is None:
        found = _x(display, "search", "--onlyvisible", "--name", title).stdout.split()
        if found:
            return found[0]
        time.sleep(0.2)
    assert app.poll() is None, f"the window exited ({app.returncode}): {log.read_text()}"
    raise AssertionError(f"no window named {title!r} on {display}:\n{_windows(display)}\n{log.read_text()}")


@pytest.mark.slow
def test_log_in_with_keys_on_x11_and_see_the_queue(demo_home, tmp_path):
    if shutil.which("xdotool") is None:
        pytest.fail("xdotool is missing: run scripts/setup.sh (package xdotool).")
    entry = Path(sys.executable).with_name("sealstation")
    assert entry.is_file(), f"the sealstation entry point is not installed next to {sys.executable}"
    password = json.loads((demo_home / "demo-credentials.json").read_text(encoding="utf-8"))["users"]["custodian"]
    xvfb, display = _start_xvfb()
    app = None
    try:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "XDG_CONFIG_HOME": str(tmp_path / "config"),  # a new person's settings: the window starts in Chinese
               # this checkout first, whichever one the entry point was installed from
               "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
        env.pop("SEALSTATION_HOME", None)
        log = tmp_path / "window.log"
        with log.open("w") as out:
            app = subprocess.Popen([str(entry), "--home", str(demo_home)], env=env, stdout=out, stderr=out,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        window = _wait_for_window(display, TITLE, app, log, 20)
        assert "Could not load the Qt platform plugin" not in log.read_text()
        assert _x(display, "windowfocus", "--sync", window).returncode == 0
        # Typed at once, while the station may still be opening behind the login screen: it logs in when open.
        _x(display, "type", "--delay", "20", "custodian")
        _x(display, "key", "Return")  # on to the password
        _x(display, "type", "--delay", "20", "--file", "-", stdin=password)  # not on a command line
        _x(display, "key", "Return")
        _wait_for_window(display, QUEUE_TITLE, app, log, 15)
        assert QUEUE_TITLE in _windows(display)
    finally:
        if app is not None:
            stop_processes([app])
        stop_processes([xvfb])

"""The window on a real X11 desktop: the ``sealstation`` entry point under Xvfb with Qt's xcb plugin.

The other UI tests draw offscreen; this one needs the xcb runtime libraries that
scripts/setup.sh installs, so a machine missing them fails here, not at the office.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.processes import stop_processes

REPO = Path(__file__).resolve().parents[2]
TITLE = "SealStation"


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


@pytest.mark.slow
def test_the_window_opens_on_x11_with_the_xcb_plugin(cli_home, tmp_path):
    entry = Path(sys.executable).with_name("sealstation")
    assert entry.is_file(), f"the sealstation entry point is not installed next to {sys.executable}"
    xvfb, display = _start_xvfb()
    app = None
    try:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               # this checkout first, whichever one the entry point was installed from
               "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
        env.pop("SEALSTATION_HOME", None)
        log = tmp_path / "window.log"
        with log.open("w") as out:
            app = subprocess.Popen([str(entry), "--home", str(cli_home)], env=env, stdout=out, stderr=out,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        deadline, tree = time.monotonic() + 60, ""
        while time.monotonic() < deadline and app.poll() is None:
            tree = _windows(display)
            if f'"{TITLE}' in tree and "电子印章签章站" in tree:
                break
            time.sleep(0.5)
        assert app.poll() is None, f"the window exited ({app.returncode}): {log.read_text()}"
        assert "电子印章签章站" in tree, f"no station window on {display}:\n{tree}\n{log.read_text()}"
        assert "Could not load the Qt platform plugin" not in log.read_text()
    finally:
        if app is not None:
            stop_processes([app])
        stop_processes([xvfb])

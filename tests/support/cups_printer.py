"""A real print path for the tests: CUPS (private instance) and an IPP Everywhere printer on loopback.

Started as the issue describes: the system D-Bus and Avahi (ippeveprinter needs
DNS-SD), ``ippeveprinter -f application/pdf,image/pwg-raster -k`` keeping the
jobs it receives in a folder, a cupsd of our own (its own configuration, spool
and a Unix socket, so that CUPS knows the calling user and shows it its job
titles), and a queue added with ``lpadmin -m everywhere``. Every process
started here is stopped by its pid; daemons already running are left alone.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .processes import stop_processes

QUEUE = "SealTestQ"


@dataclass
class TestPrinter:
    queue: str
    jobs_dir: Path
    """Where ippeveprinter keeps each job it received (``<id>-<title>.pdf``)."""
    env: dict
    """CUPS_SERVER for the processes that print."""
    device: subprocess.Popen | None = None
    """The ippeveprinter process (a test may pause it so that CUPS keeps a job in hand)."""

    def received(self) -> list[Path]:
        return sorted(self.jobs_dir.glob("*.pdf"), key=lambda p: int(p.name.split("-")[0]))

    def run(self, *cmd: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(cmd), env={**os.environ, **self.env}, capture_output=True, text=True, timeout=60)


def missing_tools() -> list[str]:
    return [t for t in ("cupsd", "ippeveprinter", "lpadmin", "avahi-daemon", "dbus-daemon", "cupsdisable")
            if shutil.which(t) is None]


def _socket_alive(path: str) -> bool:
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(path)
        return True
    except OSError:
        return False
    finally:
        s.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up")
        time.sleep(0.1)


def _sudo() -> list[str]:
    return [] if os.geteuid() == 0 else ["sudo", "-n"]


def start_test_printer(root: Path, started: list[subprocess.Popen]) -> TestPrinter:
    """Start what is missing; every process started is appended to ``started`` (the caller stops them)."""
    logs = root / "logs"
    for d in ("conf", "spool/tmp", "cache", "state", "jobs", "logs"):
        (root / d).mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)

    def spawn(*cmd: str) -> subprocess.Popen:
        log = open(logs / f"{Path(cmd[len(_sudo())]).name}.log", "ab")
        proc = subprocess.Popen(list(cmd), stdout=log, stderr=subprocess.STDOUT)
        started.append(proc)
        return proc

    bus = "/run/dbus/system_bus_socket"
    if not _socket_alive(bus):
        Path("/run/dbus").mkdir(parents=True, exist_ok=True)
        Path(bus).unlink(missing_ok=True)
        spawn(*_sudo(), "dbus-daemon", "--system", "--nofork", "--nopidfile")
        _wait(lambda: _socket_alive(bus), "dbus-daemon --system")
    if subprocess.run(["avahi-daemon", "--check"], capture_output=True).returncode != 0:
        spawn(*_sudo(), "avahi-daemon", "--no-drop-root", "--no-chroot", "--no-rlimits")
        _wait(lambda: subprocess.run(["avahi-daemon", "--check"], capture_output=True).returncode == 0, "avahi-daemon")

    port = _free_port()
    device = spawn("ippeveprinter", "-p", str(port), "-f", "application/pdf,image/pwg-raster", "-k",
                   "-d", str(root / "jobs"), "SealStation Test Printer")
    _wait(lambda: _port_open(port), "ippeveprinter")

    sock = str(root / "cups.sock")
    (root / "conf/cupsd.conf").write_text(
        f"Listen {sock}\nLogLevel warn\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  JobPrivateAccess all\n  JobPrivateValues none\n  <Limit All>\n    Order deny,allow\n"
        "  </Limit>\n</Policy>\n")
    (root / "conf/cups-files.conf").write_text(
        f"ServerRoot {root}/conf\nRequestRoot {root}/spool\nCacheDir {root}/cache\nStateDir {root}/state\n"
        f"TempDir {root}/spool/tmp\nErrorLog {logs}/error_log\nAccessLog {logs}/access_log\nPageLog {logs}/page_log\n")
    spawn(*_sudo(), "cupsd", "-f", "-c", f"{root}/conf/cupsd.conf", "-s", f"{root}/conf/cups-files.conf")
    _wait(lambda: _socket_alive(sock), "cupsd")
    printer = TestPrinter(QUEUE, root / "jobs", {"CUPS_SERVER": sock}, device)
    added = printer.run(*_sudo(), "lpadmin", "-p", QUEUE, "-E", "-v", f"ipp://localhost:{port}/ipp/print",
                        "-m", "everywhere")
    if added.returncode != 0:
        raise RuntimeError(f"lpadmin failed: {added.stderr}")
    return printer


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def stop(started: list[subprocess.Popen]) -> None:
    """Stop what was started, last first."""
    stop_processes(reversed(started))


@pytest.fixture
def test_printer(monkeypatch):
    """A started test printer, CUPS_SERVER pointing at it in this process; everything stopped afterwards."""
    import cups

    if missing_tools():
        pytest.fail(f"the real print path needs {', '.join(missing_tools())} (scripts/setup.sh installs them)")
    started: list = []
    # Not under pytest's private (0700) temp folder: CUPS runs its filters as the unprivileged user lp.
    root = Path(tempfile.mkdtemp(prefix="sealstation-cups-"))
    try:
        printer = start_test_printer(root, started)
        for k, v in printer.env.items():
            monkeypatch.setenv(k, v)
        cups.setServer(printer.env["CUPS_SERVER"])  # libcups keeps the first server it read, for the whole process
        yield printer
    finally:
        cups.setServer("")  # back to CUPS_SERVER / the default at the next use
        stop(started)
        shutil.rmtree(root, ignore_errors=True)

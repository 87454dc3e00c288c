"""A restore while a window has the station open: refused under the station-open lock, with two real processes.

Before, the window's process went on with ``station.db``, ``-wal`` and ``-shm`` deleted under it (it held them as
deleted files): its writes went nowhere, or it read a database put back in their place through its stale WAL
index ("database disk image is malformed"). Now every process with the station open holds the station-open lock
(a shared flock on the home folder, sealstation/locks.py) and a restore into that folder is refused at once; a
database removed under an open station is said in words and never used again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sealstation.station import Station
from support.cli import _env, run_cli
from support.pdfs import make_pdf
from support.processes import stop_processes
from support.station_fixtures import password


class Window:
    """The window-like process (support/station_holder.py) holding ``Station.open`` on a home."""

    def __init__(self, home: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "support.station_holder", str(home)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=_env(None), start_new_session=True, cwd=Path(__file__).parents[1])
        assert self.ask_line() == "ready", self.proc.stderr.read()

    def ask_line(self) -> str:
        return self.proc.stdout.readline().strip()

    def ask(self, command: str) -> str:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.ask_line()


@pytest.fixture
def backup_of(cli_home, tmp_path, seal_token):
    """The office's backup identity and a backup of ``cli_home`` made by the CLI."""
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"),
                cli_home / "office" / "seal-authority-key.pem")
    identity, backup = tmp_path / "office-identity.txt", tmp_path / "station.sealbackup"
    proc = run_cli("backup", "office-key", "--out", str(identity), "--by", "admin", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('admin')}\n{seal_token.authority_passphrase}\n")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("backup", "--out", str(backup), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=password("custodian") + "\n")
    assert proc.returncode == 0, proc.stderr
    return identity, backup


def _restore(backup, identity, home, seal_token):
    return run_cli("backup", "restore", str(backup), "--identity", str(identity), "--ca",
                   str(seal_token.authority_cert_path), home=home)


def test_restore_into_a_station_a_window_has_open_is_refused_and_nothing_is_lost(cli_home, tmp_path, backup_of,
                                                                                 seal_token):
    identity, backup = backup_of
    window = Window(cli_home)
    try:
        before = int(window.ask("entries"))
        assert window.ask(f"approve {make_pdf(tmp_path / 'a.pdf')}").startswith("approved")
        written = int(window.ask("entries"))
        assert written > before

        proc = _restore(backup, identity, cli_home, seal_token)
        assert proc.returncode == 1
        assert "open in another process" in proc.stderr and "nothing was written" in proc.stderr, proc.stderr

        # The folder emptied by hand under the window (what the restore needs) is refused all the same: the lock
        # is on the folder itself. The window then says what happened instead of "malformed", and writes nothing.
        saved = tmp_path / "saved-home"
        shutil.copytree(cli_home, saved)
        for child in list(cli_home.iterdir()):
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        proc = _restore(backup, identity, cli_home, seal_token)
        assert proc.returncode == 1 and "open in another process" in proc.stderr, proc.stderr
        assert not any(cli_home.iterdir())
        answer = window.ask(f"approve {make_pdf(tmp_path / 'b.pdf')}")
        assert answer.startswith("error: JournalError") and "removed or replaced" in answer, answer
        assert "malformed" not in answer
        assert "(deleted)" in window.ask("files")  # it held them, and used them no more
        assert window.ask("close") == "closed"
    finally:
        stop_processes([window.proc])

    # Window closed: the restore goes ahead into the empty folder. What the window wrote before the files went is
    # whole in the copy kept (the journal verifies and ends with it); after that it wrote nothing anywhere.
    proc = _restore(backup, identity, cli_home, seal_token)
    assert proc.returncode == 0, proc.stderr
    with Station.open(saved, token=seal_token.session) as kept:
        assert kept.db.query("SELECT COUNT(*) FROM journal")[0][0] == written
        assert kept.audit().verify_journal().ok
        assert [r[0] for r in kept.db.query("SELECT document_name FROM requests")] == ["a.pdf"]


def test_window_open_while_cli_commands_write_stays_whole(cli_home, tmp_path):
    """CLI processes writing and closing while the window holds the station: the window's files are never deleted."""
    window = Window(cli_home)
    try:
        first = int(window.ask("entries"))
        proc = run_cli("approve", str(make_pdf(tmp_path / "c.pdf")), "--seal", "official", "--copies", "1",
                       "--approver", "gm", "--purpose", "合同用印", "--stdin-secrets", home=cli_home,
                       stdin=password("gm") + "\n")
        assert proc.returncode == 0, proc.stderr
        assert window.ask(f"approve {make_pdf(tmp_path / 'e.pdf')}").startswith("approved")
        assert int(window.ask("entries")) > first
        assert "(deleted)" not in window.ask("files")
        assert window.ask("close") == "closed"
    finally:
        stop_processes([window.proc])
    proc = run_cli("journal", "verify", home=cli_home)
    assert proc.returncode == 0 and "Journal intact" in proc.stdout, proc.stdout + proc.stderr


def test_demo_reset_is_refused_while_the_demo_station_is_open(tmp_path):
    """``demo --force`` removes the demo home: not while a process holds the station-open lock on it."""
    from sealstation.config import StationHome
    from sealstation.demo import MARKER, _prepare_home
    from sealstation.errors import ConfigError
    from sealstation.locks import HomeInUse

    home = StationHome(tmp_path / "demo")
    home.root.mkdir()
    (home.root / MARKER).write_text("demo")
    home.config_path.write_text("{}")
    window = HomeInUse(home.root)
    assert window.hold_shared()
    try:
        with pytest.raises(ConfigError, match="open in another process"):
            _prepare_home(home, force=True)
        assert home.config_path.is_file()
    finally:
        window.release()
    _prepare_home(home, force=True)
    assert not home.config_path.exists() and (home.root / MARKER).is_file()

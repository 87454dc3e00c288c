"""An insider points the station's outputs at what it must keep, or reads what it leaves behind.

Each attack is made as a custodian (or anyone with the station's OS account)
would make it: through the ``sealstation`` command with ``--stdin-secrets`` and
nothing on standard input, so that a refusal that came after a password or PIN
prompt would show as "Standard input ended" instead of the refusal. Each
refused attack leaves the disk as it was: the station home, the target and
the output folder (no temp file).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sealstation.errors import OutputExistsError
from sealstation.fsutil import atomic_output
from sealstation.model import Placement
from sealstation.station import StampRequestSpec, Station
from support.cli import approve_cli, run_cli, stamp_cli
from support.pdfs import make_pdf
from support.station_fixtures import approve, password

NO_SECRET_ASKED = "Standard input ended"


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file under the folders with its SHA-256 (SQLite's -shm index is memory, not content)."""
    files = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.endswith("-shm"):
                files[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def stamp_attack(home: Path, src: Path, out: Path | str, *extra: str) -> subprocess.CompletedProcess:
    """``stamp`` with no secret on stdin: it must be refused before anything is asked."""
    return run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "60,50", "--out", str(out),
                   "--user", "custodian", *extra, "--stdin-secrets", home=home)


def assert_refused_before_secrets(proc: subprocess.CompletedProcess, words: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert words in proc.stderr, proc.stderr
    assert NO_SECRET_ASKED not in proc.stderr, "a password or PIN was asked before the refusal"


@pytest.fixture
def approved_src(cli_home, tmp_path) -> Path:
    """A document approved for the official seal, in a folder of its own (the attacks' output folder)."""
    folder = tmp_path / "work"
    folder.mkdir()
    src = make_pdf(folder / "contract.pdf")
    approve_cli(cli_home, src, "official")
    return src


# -- the station home ------------------------------------------------------------


@pytest.mark.parametrize("target", ["station.db", "journal.salt", "station.json", "office/seal-authority.pem",
                                    ".", "seal-images/new.pdf", "via-dotdot", "via-symlink", "via-folder-symlink"])
def test_stamp_into_the_station_home_is_refused(cli_home, approved_src, target):
    outside = approved_src.parent
    if target == "via-dotdot":  # a path that only lands in the home once '..' is folded
        out = outside / ".." / cli_home.name / "station.db"
    elif target == "via-symlink":  # an innocent-looking name outside that is the database
        out = outside / "report.pdf"
        out.symlink_to(cli_home / "station.db")
    elif target == "via-folder-symlink":
        (outside / "shared").symlink_to(cli_home, target_is_directory=True)
        out = outside / "shared" / "station.db"
    else:
        out = cli_home / target
    before = snapshot(cli_home, outside)
    proc = stamp_attack(cli_home, approved_src, out, "--overwrite")  # --overwrite does not open the home
    assert_refused_before_secrets(proc, "inside the station home")
    assert snapshot(cli_home, outside) == before


def test_journal_export_onto_the_database_is_refused_without_a_login(cli_home, tmp_path):
    run_cli("request", "list", home=cli_home)  # the station opened once (schema current)
    before = snapshot(cli_home)
    proc = run_cli("journal", "export", "--out", str(cli_home / "station.db"), "--overwrite", "--user", "admin",
                   "--stdin-secrets", home=cli_home)
    assert_refused_before_secrets(proc, "inside the station home")
    assert snapshot(cli_home) == before


# -- the input and approved documents -----------------------------------------------


@pytest.mark.parametrize("how", ["same-path", "hard-link", "symlink"])
def test_stamp_over_the_input_is_refused(cli_home, approved_src, how):
    out = approved_src
    if how == "hard-link":
        out = approved_src.with_name("copy.pdf")
        os.link(approved_src, out)
    elif how == "symlink":
        out = approved_src.with_name("alias.pdf")
        out.symlink_to(approved_src)
    before = snapshot(approved_src.parent)
    proc = stamp_attack(cli_home, approved_src, out, "--overwrite")
    assert_refused_before_secrets(proc, "is the input document")
    assert snapshot(approved_src.parent) == before


def test_stamp_over_another_approved_document_is_refused_even_with_overwrite(cli_home, approved_src):
    other = make_pdf(approved_src.with_name("other-approved.pdf"), text="Another approved document")
    approve_cli(cli_home, other, "contract")
    before = snapshot(approved_src.parent)
    proc = stamp_attack(cli_home, approved_src, other, "--overwrite")
    assert_refused_before_secrets(proc, "approved document")
    assert snapshot(approved_src.parent) == before


def test_stamp_over_an_earlier_stamped_output_is_refused_even_with_overwrite(cli_home, approved_src, seal_token):
    first = approved_src.with_name("contract-stamped.pdf")
    assert stamp_cli(cli_home, approved_src, first, "official", seal_token.user_pin, at="60,50").returncode == 0
    second = make_pdf(approved_src.with_name("letter.pdf"), text="A second document")
    approve_cli(cli_home, second, "official")
    before = snapshot(approved_src.parent)
    proc = stamp_attack(cli_home, second, first, "--overwrite")
    assert_refused_before_secrets(proc, "output of an earlier stamp")
    assert snapshot(approved_src.parent) == before


# -- existing files and --overwrite ---------------------------------------------------


def test_existing_file_is_not_replaced_unasked_and_is_with_overwrite(cli_home, approved_src, seal_token):
    out = approved_src.with_name("minutes.pdf")
    out.write_bytes(b"someone's unrelated file")
    before = snapshot(approved_src.parent)
    assert_refused_before_secrets(stamp_attack(cli_home, approved_src, out), "the file exists")
    assert snapshot(approved_src.parent) == before

    proc = run_cli("stamp", str(approved_src), "--seal", "official", "--page", "1", "--at", "60,50", "--out", str(out),
                   "--user", "custodian", "--overwrite", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('custodian')}\n{seal_token.user_pin}\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(run_cli("verify", str(out), "--json", home=cli_home).stdout)["valid"] is True
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".part")]


def test_journal_export_refuses_an_existing_file_then_overwrites_when_asked(cli_home, tmp_path):
    out = tmp_path / "journal.csv"
    out.write_text("last month's export\n", encoding="utf-8")
    proc = run_cli("journal", "export", "--out", str(out), "--user", "auditor", "--stdin-secrets", home=cli_home)
    assert_refused_before_secrets(proc, "the file exists")
    assert out.read_text(encoding="utf-8") == "last month's export\n"

    proc = run_cli("journal", "export", "--out", str(out), "--user", "auditor", "--overwrite", "--stdin-secrets",
                   home=cli_home, stdin=password("auditor") + "\n")
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("seq,at,actor,kind")


def test_journal_export_needs_an_office_or_auditor_login(cli_home, tmp_path):
    out = tmp_path / "journal.csv"
    assert run_cli("journal", "export", "--out", str(out), home=cli_home).returncode == 2  # --user is required
    proc = run_cli("journal", "export", "--out", str(out), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=password("custodian") + "\n")
    assert proc.returncode == 1 and "office or auditor role" in proc.stderr
    proc = run_cli("journal", "export", "--out", str(out), "--user", "auditor", "--stdin-secrets", home=cli_home,
                   stdin="not-the-password\n")
    assert proc.returncode == 1
    assert not out.exists()


def test_a_file_that_appears_at_the_pin_prompt_is_not_replaced(station, tmp_path):
    """Checked again just before signing: a wrong PIN proves the token was never reached."""
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    approve(station, src, ["official"])
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), out))
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
    out.write_bytes(b"written meanwhile by someone else")
    with pytest.raises(OutputExistsError, match="the file exists"):
        station.stamping().stamp(auth, out, pin="000000")
    assert out.read_bytes() == b"written meanwhile by someone else"
    assert station.journal.last().kind == "stamp_failed"


def test_the_final_step_never_replaces_a_file_that_appeared(tmp_path):
    """The race after the last check: link() fails on an existing name where rename would replace it."""
    target = tmp_path / "stamped.pdf"
    with pytest.raises(OutputExistsError, match="appeared"):
        with atomic_output(target, overwrite=False) as out:
            out.write(b"the stamped file")
            target.write_bytes(b"appeared during signing")
    assert target.read_bytes() == b"appeared during signing"
    assert [p.name for p in tmp_path.iterdir()] == ["stamped.pdf"], "no temp file is left"
    with atomic_output(target, overwrite=True) as out:  # asked for: replaced, whole
        out.write(b"the stamped file")
    assert target.read_bytes() == b"the stamped file"


def test_the_final_step_without_hard_links_still_never_replaces(tmp_path, monkeypatch):
    """File systems without link() (FAT, some shares): an O_EXCL placeholder claims the name instead."""
    import errno

    import sealstation.fsutil as fsutil

    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(fsutil.os, "link", no_links)
    target = tmp_path / "stamped.pdf"
    with pytest.raises(OutputExistsError):
        with atomic_output(target, overwrite=False) as out:
            out.write(b"the stamped file")
            target.write_bytes(b"appeared during signing")
    assert target.read_bytes() == b"appeared during signing"
    target.unlink()
    with atomic_output(target, overwrite=False) as out:
        out.write(b"the stamped file")
    assert target.read_bytes() == b"the stamped file"
    assert [p.name for p in tmp_path.iterdir()] == ["stamped.pdf"]


# -- files and process ----------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_open_home_is_made_private_and_the_repair_journalled(cli_home, seal_token):
    os.chmod(cli_home, 0o755)
    os.chmod(cli_home / "office", 0o755)
    for name in ("station.db", "station.json", "office/seal-authority.pem"):
        os.chmod(cli_home / name, 0o644)
    with Station.open(cli_home, token=seal_token.session) as st:
        entry = st.journal.last()
    assert entry.kind == "permissions_repaired"
    assert {p["path"]: (p["was"], p["now"]) for p in entry.data["paths"]} == {
        ".": ("0755", "0700"), "office": ("0755", "0700"), "station.db": ("0644", "0600"),
        "station.json": ("0644", "0600"), "office/seal-authority.pem": ("0644", "0600")}
    for path in [cli_home, *cli_home.rglob("*")]:
        if not path.is_symlink():
            assert mode(path) == (0o700 if path.is_dir() else 0o600), path
    with Station.open(cli_home, token=seal_token.session) as st:  # nothing left to repair: nothing journalled
        assert st.journal.last().seq == entry.seq


def test_a_new_station_database_is_private_from_its_first_byte(tmp_path, test_keyring):
    from sealstation.config import StationConfig, StationHome
    from sealstation.station import open_station_db

    home = StationHome(tmp_path / "new-home")
    old = os.umask(0o022)
    try:
        open_station_db(home, StationConfig(station_id="fresh")).close()
    finally:
        os.umask(old)
    assert mode(home.db_path) == 0o600


CORE_LIMIT_SCRIPT = r"""
import resource, sys
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # as generous as this machine allows
raised = resource.getrlimit(resource.RLIMIT_CORE)
ENTRY
print(list(raised), list(resource.getrlimit(resource.RLIMIT_CORE)))
"""

ENTRIES = {
    "function": "from sealstation.process import disable_core_dumps; assert disable_core_dumps()",
    "cli": "from sealstation.cli import main; main(['verify', '/nonexistent.pdf'])",
    "gui-entry": "import ui.__main__ as entry; sys.argv = ['sealstation', 'frobnicate']; entry.main()",
}


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_core_dumps_are_disabled_at_start(entry, tmp_path):
    script = CORE_LIMIT_SCRIPT.replace("ENTRY", ENTRIES[entry])
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, timeout=60,
                          env=dict(os.environ, SEALSTATION_HOME=str(tmp_path)))
    assert proc.returncode == 0, proc.stderr
    raised, after = (json.loads(part) for part in proc.stdout.strip().replace("] [", "]\n[").splitlines()[-2:])
    # 'raised' is the limit the script opened before the entry ran (0 only where the machine's hard
    # limit is 0; the monkeypatch test below still tells there); the entry closed it.
    assert after == [0, 0], f"opened to {raised}, left at {after}"


def test_the_cli_entry_disables_core_dumps_before_parsing(monkeypatch):
    """Where the machine's hard limit is already 0 the subprocess test cannot tell; this can."""
    import sealstation.cli as cli

    calls = []
    monkeypatch.setattr(cli, "disable_core_dumps", lambda: calls.append("disabled") or True)
    assert cli.main(["frobnicate"]) == 2
    assert calls == ["disabled"]

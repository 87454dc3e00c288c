"""Attack: stamp twice on one approval — two processes at once, or kill -9 at each step and stamp again.

Each stamp process here is a real process on the station home. A crash is
made at a chosen point of the stamp, found by what the stamp is doing (the
journal entry it is about to write, the file it is about to rename), never
by a timer. After the crash the station is opened again and recovery run, and the
test asserts exactly one of: the approval is free again and nothing was
written, or the stamp counts, its file is in place and the approval is used.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sealstation.errors import ApprovalError
from sealstation.journal.journal import verify_journal
from support.pdfs import make_pdf
from support.station_fixtures import approve, password

TESTS = str(Path(__file__).resolve().parents[1])

# A stamp process with a tripwire: at the named point it kills itself (SIGKILL, no clean-up).
STAMP_SCRIPT = r"""
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
point, home, src, out, pin = sys.argv[2:7]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

import sealstation.fsutil as fsutil
import sealstation.pdf.signing as signing
import sealstation.desks.stamping as stamping_mod
import sealstation.station as station_mod
from sealstation.journal.journal import Journal
from sealstation.model import Placement
from sealstation.station import StampRequestSpec, Station
from support.station_fixtures import password

if point == "after-reservation":  # stamp_started and the reservation committed; nothing signed
    stamping_mod.StampingDesk._sign = lambda *a, **k: die()
elif point == "after-signing":  # the token has signed; no file written yet
    signing._finish = lambda *a, **k: die()
elif point == "before-stamp-done":  # temp file written and verified; stamp_done not committed
    append = Journal.append
    Journal.append = lambda self, kind, *a, **k: die() if kind == "stamp_done" else append(self, kind, *a, **k)
elif point == "before-rename":  # stamp_done committed; the verified temp file not yet given its name
    link, replace = os.link, os.replace
    fsutil.os.link = lambda a, b, **k: die() if str(b) == out else link(a, b, **k)
    fsutil.os.replace = lambda a, b: die() if str(b) == out else replace(a, b)
elif point == "before-placed":  # renamed into place; the use not yet marked placed
    station_mod.UseStore.placed_lazily = lambda self, attempt: die()
elif point == "wait-for-pin":  # authorised, then waits for a line on stdin before signing
    pass

with Station.open(home) as st:
    plan = st.stamping().plan_stamp(StampRequestSpec(Path(src), "official", Placement(1, (60.0, 50.0)), Path(out)))
    auth = st.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
    if point == "wait-for-pin":
        print("AUTHORISED", flush=True)
        sys.stdin.readline()
    st.stamping().stamp(auth, out, pin=pin)
print("STAMPED", flush=True)
"""


def stamp_process(point: str, home: Path, src: Path, out: Path, pin: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", STAMP_SCRIPT, TESTS, point, str(home), str(src), str(out), pin],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ), **kw)


def kinds_for(st, attempt: int) -> list[str]:
    return [e.kind for e in st.journal.entries() if e.data.get("attempt") == attempt or e.seq == attempt]


@pytest.fixture
def approved(station, tmp_path):
    """An approved document in a station home that the test's processes open themselves."""
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    home = station.home.root
    station.close()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    return home, src, out_dir


FREED = ["after-reservation"]
"""Killed before the token recorded the attempt: undone, and the approval is free again."""
SPENT = ["after-signing", "before-stamp-done"]
"""Killed after the token recorded the attempt (a signed temp file may have been copied away meanwhile): undone,
but the approval stays used; the token refuses it in the next login."""
UNDONE = FREED + SPENT
FINISHED = ["before-rename", "before-placed"]


@pytest.mark.parametrize("point", UNDONE + FINISHED)
def test_kill_9_at_each_step_then_stamp_again(approved, seal_token, point):
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec, Station

    home, src, out_dir = approved
    out = out_dir / "stamped.pdf"
    proc = stamp_process(point, home, src, out, seal_token.user_pin)
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()

    with Station.open(home, token=seal_token.session) as st:
        # Opening only reads: the attempt is still open and its files are untouched until recovery is run.
        assert "stamp_interrupted" not in [e.kind for e in st.journal.entries()] and st.uses.open_uses()
        assert st.recover() == 1
        (started,) = [e for e in st.journal.entries() if e.kind == "stamp_started"]
        ends = [k for k in kinds_for(st, started.seq) if k != "stamp_started"]
        assert not [p for p in out_dir.iterdir() if p.name.endswith(".part")], "no temp file is left"
        if point in UNDONE:
            assert ends == ["stamp_interrupted"] and not out.exists()
            again = out_dir / "again.pdf"
            plan = st.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), again))
            auth = st.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
            if point in FREED:  # the approval is free again: this stamp succeeds, once
                st.stamping().stamp(auth, again, pin=seal_token.user_pin)
                assert st.audit().verify(again).valid
            else:
                with pytest.raises(ApprovalError, match="already used by attempt"):
                    st.stamping().stamp(auth, again, pin=seal_token.user_pin)
                assert not again.exists() and not st.journal.tampered()
        else:
            assert ends == ["stamp_done", "stamp_recovered"] and st.audit().verify(out).valid
            plan = st.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), out_dir / "again.pdf"))
            with pytest.raises(ApprovalError, match="already used up"):
                st.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
        assert verify_journal(st.db).ok
    with Station.open(home, token=seal_token.session) as st:  # recovered once, not at every recovery
        assert st.recover() == 0
        assert [e.kind for e in st.journal.entries()].count("stamp_recovered") == (1 if point in FINISHED else 0)
        assert [e.kind for e in st.journal.entries()].count("stamp_interrupted") == (1 if point in UNDONE else 0)


def test_two_processes_on_one_approval(approved, seal_token):
    """Both wait after authorising: the second cannot even reserve the approval."""
    home, src, out_dir = approved
    first = stamp_process("wait-for-pin", home, src, out_dir / "one.pdf", seal_token.user_pin, stdin=subprocess.PIPE)
    assert first.stdout.readline().strip() == "AUTHORISED", first.stderr.read()
    second = stamp_process("wait-for-pin", home, src, out_dir / "two.pdf", seal_token.user_pin, stdin=subprocess.PIPE)
    _, err = second.communicate("\n", timeout=120)
    assert second.returncode != 0 and "is being used by another stamp" in err
    out, err = first.communicate("\n", timeout=120)
    assert first.returncode == 0 and "STAMPED" in out, err
    assert (out_dir / "one.pdf").is_file() and not (out_dir / "two.pdf").exists()


def test_opening_the_station_during_a_stamp_leaves_it_alone(approved, seal_token):
    from sealstation.station import Station

    home, src, out_dir = approved
    live = stamp_process("wait-for-pin", home, src, out_dir / "one.pdf", seal_token.user_pin, stdin=subprocess.PIPE)
    assert live.stdout.readline().strip() == "AUTHORISED", live.stderr.read()
    with Station.open(home, token=seal_token.session) as st:  # e.g. `request list` or `journal verify`
        assert st.recover() == 0
        assert "stamp_interrupted" not in [e.kind for e in st.journal.entries()]
    out, err = live.communicate("\n", timeout=120)
    assert live.returncode == 0 and "STAMPED" in out, err
    with Station.open(home, token=seal_token.session) as st:
        kinds = [e.kind for e in st.journal.entries()]
        assert kinds.count("stamp_done") == 1 and "stamp_interrupted" not in kinds

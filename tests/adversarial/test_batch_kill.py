"""Attack: kill -9 in the middle of a batch stamp (issue 19): each document is either stamped and recorded or
untouched and reusable, as for a single stamp (tests/adversarial/test_one_use.py).

A real process stamps a batch of five documents under one login and dies (SIGKILL) at a chosen step of the third,
found by what the stamp is doing, never by a timer. The station is opened again and recovery run: the first two
are stamped, verified and used up; the third is finished or undone exactly as a single stamp cut at that step; the
last two were never touched and a second batch stamps them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sealstation.journal.journal import verify_journal
from support.pdfs import make_pdf
from support.station_fixtures import password

TESTS = str(Path(__file__).resolve().parents[1])

BATCH_SCRIPT = r"""
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
point, home, out_dir, pin, *docs = sys.argv[2:]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

import sealstation.fsutil as fsutil
import sealstation.pdf.signing as signing
import sealstation.desks.stamping as stamping_mod
from sealstation.desks.batch import BatchDocument, batch_outputs
from sealstation.model import Placement
from sealstation.station import Station
from support.station_fixtures import password

outputs = batch_outputs(docs, out_dir)
third = str(outputs[2])
calls = {"n": 0}

def on_third(real):
    def wrapped(*a, **k):
        calls["n"] += 1
        return die() if calls["n"] == 3 else real(*a, **k)
    return wrapped

if point == "after-reservation":  # the third's stamp_started and reservation committed; nothing signed
    stamping_mod.StampingDesk._sign = on_third(stamping_mod.StampingDesk._sign)
elif point == "after-signing":  # the token signed the third; no file written yet
    signing._finish = on_third(signing._finish)
elif point == "before-rename":  # the third's stamp_done committed; its verified temp file not yet renamed
    link, replace = os.link, os.replace
    fsutil.os.link = lambda a, b, **k: die() if str(b) == third else link(a, b, **k)
    fsutil.os.replace = lambda a, b: die() if str(b) == third else replace(a, b)

with Station.open(home) as st:
    desk = st.stamping()
    plan = desk.plan_batch([BatchDocument(Path(d), ("official",), o) for d, o in zip(docs, outputs)],
                           placement=Placement(1, (60.0, 50.0)), user="custodian")
    desk.stamp_batch(plan, user="custodian", password=password("custodian"), pin=pin,
                     progress=lambda e: print("DONE", e.index, flush=True) if e.outcome else None)
print("FINISHED", flush=True)
"""

FINISHED = {"before-rename"}
FREED = {"after-reservation"}


@pytest.fixture
def approved_batch(station, tmp_path):
    docs = [make_pdf(tmp_path / f"form-{i}.pdf") for i in range(5)]
    station.approving().approve_batch(docs, seals=["official"], copies=1, approver="gm", password=password("gm"),
                                      purpose="批量空白表格")
    home = station.home.root
    station.close()
    out = tmp_path / "out"
    out.mkdir()
    return home, docs, out


@pytest.mark.parametrize("point", ["after-reservation", "after-signing", "before-rename"])
def test_kill_9_mid_batch_leaves_each_document_stamped_or_untouched(approved_batch, seal_token, point):
    from sealstation.desks.batch import BatchDocument, batch_outputs
    from sealstation.model import Placement
    from sealstation.station import Station

    home, docs, out = approved_batch
    outputs = batch_outputs(docs, out)  # as the process names them (before any exists)
    proc = subprocess.run([sys.executable, "-c", BATCH_SCRIPT, TESTS, point, str(home), str(out),
                           seal_token.user_pin, *map(str, docs)], capture_output=True, text=True,
                          env=dict(os.environ), timeout=180)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.split() == ["DONE", "0", "DONE", "1"]  # two documents done, then the kill in the third

    with Station.open(home, token=seal_token.session) as st:
        assert st.recover() == 1  # the third's attempt, and nothing else, was open
        assert not [p for p in out.iterdir() if p.name.endswith(".part")], "no temp file is left"
        for i in (0, 1):
            assert st.audit().verify(outputs[i]).valid
        kinds = [e.kind for e in st.journal.entries()]
        assert kinds.count("stamp_started") == 3 and kinds.count("stamp_done") == 2 + (point in FINISHED)
        assert outputs[2].exists() == (point in FINISHED)
        assert not outputs[3].exists() and not outputs[4].exists()
        assert verify_journal(st.db).ok

        again = [BatchDocument(d, ("official",), out / f"again-{i}.pdf") for i, d in enumerate(docs)]
        plan = st.stamping().plan_batch(again, placement=Placement(1, (60.0, 50.0)), user="custodian")
        used_up = {o.document.name for o in plan.refused}
        assert used_up == {"form-0.pdf", "form-1.pdf"} | ({"form-2.pdf"} if point in FINISHED else set())
        assert all(o.error.code == "approval_used_up" for o in plan.refused)
        result = st.stamping().stamp_batch(plan, user="custodian", password=password("custodian"),
                                           pin=seal_token.user_pin)
        stamped = {o.document.name for o in result.outcomes if o.ok}
        # Freed before the token recorded the use: stamped now. Signed before the kill: spent (the token says so).
        assert stamped == {"form-3.pdf", "form-4.pdf"} | ({"form-2.pdf"} if point in FREED else set())
        if point == "after-signing":
            [third] = [o for o in result.outcomes if o.document.name == "form-2.pdf"]
            assert third.error.code == "approval_used_up" and not (out / "again-2.pdf").exists()
        assert not st.uses.open_uses() and verify_journal(st.db).ok

"""Attack (or accident): kill -9 right after a stamp counted, while the office's timestamp authority is down.

The stamp's ``stamp_done`` and the timestamp it is owed (``timestamp_owed``) are one transaction (issue 19's
leftover): a process killed before the stamped file is renamed into place still leaves the debt recorded, so the
recovered stamp is listed as owed, the office sees it in the archive, and ``timestamp --owed --add`` finds it. Before,
the debt was written after the rename, and a kill in between left a stamp without its timestamp that nobody owed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from sealstation.journal.journal import verify_journal
from support.pdfs import make_text_pdf
from support.station_fixtures import approve, office_authority, password

TESTS = str(Path(__file__).resolve().parents[1])

STAMP_SCRIPT = r"""
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
home, src, out, pin = sys.argv[2:]

import sealstation.fsutil as fsutil
from sealstation.model import Placement
from sealstation.station import StampRequestSpec, Station
from support.station_fixtures import password

def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)

link, rename = os.link, os.replace  # the stamp_done transaction committed; the verified temp file not yet in place
fsutil.os.link = lambda a, b, **k: die() if str(b) == out else link(a, b, **k)
fsutil.os.replace = lambda a, b: die() if str(b) == out else rename(a, b)

with Station.open(home) as st:
    desk = st.stamping()
    plan = desk.plan_stamp(StampRequestSpec(Path(src), "official", Placement(1, (60.0, 50.0)), Path(out), "测试用印"))
    auth = desk.authorise_stamp(plan, user="custodian", password=password("custodian"))
    desk.stamp(auth, out, pin=pin)
print("FINISHED", flush=True)
"""


def test_a_kill_after_the_stamp_counted_keeps_the_timestamp_it_is_owed(station, seal_token, tmp_path):
    from sealstation.station import Station
    from support.office_tsa import _free_port

    dead = f"http://127.0.0.1:{_free_port()}/tsa"  # the office's authority down: nothing listens there
    station.setup().sign_policy(replace(station.policy, timestamp_url=dead), by="admin", password=password("admin"),
                                authority=office_authority())
    src = make_text_pdf(tmp_path / "notice.pdf", 1)
    approve(station, src, ["official"])
    home, out = station.home.root, tmp_path / "notice-stamped.pdf"
    station.close()

    proc = subprocess.run([sys.executable, "-c", STAMP_SCRIPT, TESTS, str(home), str(src), str(out),
                           seal_token.user_pin], capture_output=True, text=True, env=dict(os.environ), timeout=180)
    assert proc.returncode == -signal.SIGKILL, proc.stdout + proc.stderr
    assert not out.exists()

    with Station.open(home, token=seal_token.session) as st:
        assert st.recover() == 1  # finished: the stamp had counted
        assert out.exists() and st.audit().verify(out).valid
        (owed,) = st.stamping().owed_timestamps()
        assert owed.output == out and "timestamp_unreachable" in owed.what
        kinds = [e.kind for e in st.journal.entries()]
        assert kinds[kinds.index("stamp_done") + 1] == "timestamp_owed"  # written with it, not after the rename
        assert verify_journal(st.db).ok

"""The command line's start-up imports only what a command uses (benchmarks/bench_cli_process.py times it):
the archive, backup, printing and keyring subsystems, the desks a stamp does not use and Pillow stay unloaded
until a command needs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

NEVER_AT_START = ("sealstation.archive.audit", "sealstation.archive.report", "sealstation.archive.registration",
                  "sealstation.backup.file", "sealstation.backup.restore", "sealstation.printing.archive_status",
                  "sealstation.demo", "sealstation.desks.approving", "sealstation.desks.setup",
                  "sealstation.desks.seal_office", "sealstation.desks.audit", "sealstation.desks.people",
                  "keyring", "PIL")


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    return set(json.loads(out.stdout.splitlines()[-1]))


@pytest.mark.parametrize("code", [
    "import sealstation.cli",
    "from sealstation.cli import _parser; _parser()",  # every command's parser built, as main() does
    "import sealstation.station; from sealstation.station import StampRequestSpec, Station",
])
def test_the_command_line_starts_without_the_subsystems_a_stamp_never_calls(code):
    loaded = _loaded_after(code)
    assert sorted(m for m in loaded if m in NEVER_AT_START or m.split(".")[0] in NEVER_AT_START) == []


def test_the_re_exports_still_answer():
    from sealstation import desks, station

    assert station.ApprovalResult.__name__ == "ApprovalResult"
    assert station.UpgradeResult.__name__ == "UpgradeResult"
    assert station.StampAuthorisation.__name__ == "StampAuthorisation"
    assert desks.AuditDesk.__name__ == "AuditDesk"
    with pytest.raises(AttributeError):
        station.NoSuchThing  # noqa: B018

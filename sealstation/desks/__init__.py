"""The station's façade, split by who uses it.

:class:`sealstation.station.Station` is one opened station home (journal, policy, clock, token); each desk
here is the work of one kind of person on it, and the window's views map onto them one to one:

- :class:`~.stamping.StampingDesk` (``station.stamping()``): the custodian's requests, checks and stamps;
- :class:`~.approving.ApprovingDesk` (``station.approving()``): approvals, OA imports, 加印 and 重印;
- the office's three: :class:`~.seal_office.SealOfficeDesk` (``station.seal_office()``): the seal register and
  delegations; :class:`~.people.PeopleDesk` (``station.people()``): users and roles; :class:`~.setup.SetupDesk`
  (``station.setup()``): the policy, the archive and backup set-up;
- :class:`~.audit.AuditDesk` (``station.audit()``): the journal, verifying files and paper copies;
- :class:`~.archive.ArchiveDesk` (``station.archive()``): the office archive, its audit and the monthly report;
- :class:`sealstation.printing.desk.PrintDesk` (``station.printing()``): printing.

A desk holds nothing of its own but the station it works on, so making one is free. The UI and the CLI
call only the station and its desks.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .approving import ApprovingDesk
    from .archive import ArchiveDesk
    from .audit import AuditDesk
    from .people import PeopleDesk
    from .seal_office import SealOfficeDesk
    from .setup import SetupDesk
    from .stamping import StampingDesk

__all__ = ["ApprovingDesk", "ArchiveDesk", "AuditDesk", "PeopleDesk", "SealOfficeDesk", "SetupDesk",
           "StampingDesk"]

_MODULE_OF = {"ApprovingDesk": "approving", "ArchiveDesk": "archive", "AuditDesk": "audit", "PeopleDesk": "people",
              "SealOfficeDesk": "seal_office", "SetupDesk": "setup", "StampingDesk": "stamping"}


def __getattr__(name: str):
    # Each desk is imported when first asked for: a command imports the desk it uses, not all seven
    # (the stamp's start-up is timed, benchmarks/bench_cli_process.py).
    if name in _MODULE_OF:
        return getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""A window-like process: it opens a station and keeps it open, doing what it is told on stdin, one line each.

``python -m support.station_holder HOME`` (with tests/ on the path) prints ``ready`` once ``Station.open`` has
returned, then answers each command with one line: ``approve PDF`` (gm approves PDF for the official seal: journal
entries written), ``entries`` (the journal's entry count), ``files`` (the station files this process holds open,
' (deleted)' marked), ``close``. An error is answered ``error: <type>: <message>``, as a window would show it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _held_files() -> list[str]:
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if "station.db" in target:
            held.append(os.path.basename(target))
    return sorted(held)


def main(home: str) -> None:
    from sealstation.station import Station
    from support.station_fixtures import password

    station = Station.open(Path(home))
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        try:
            if command == "approve":
                request = station.approving().approve(Path(arg), seals=["official"], copies=1, approver="gm",
                                          password=password("gm"), purpose="窗口打开时用印").request
                answer = f"approved {request.id}"
            elif command == "entries":
                answer = str(station.db.query("SELECT COUNT(*) FROM journal")[0][0])
            elif command == "files":
                answer = " ".join(_held_files())
            elif command == "close":
                station.close()
                print("closed", flush=True)
                return
            else:
                answer = f"error: unknown command {command}"
        except Exception as exc:  # noqa: BLE001 - shown as the window shows it
            answer = f"error: {type(exc).__name__}: {exc}".replace("\n", " ")
        print(answer, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])

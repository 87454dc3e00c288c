"""``sealstation timestamp``: the office's timestamps owed to stamped files (issue 19).

A stamp made while the office's timestamp authority could not be reached (or answered nonsense) carries the
station's time only and is recorded as owed (:mod:`sealstation.pdf.timestamps`). ``timestamp --owed`` lists them;
with ``--add`` it adds each a document timestamp in a new revision, as soon as the authority answers again (each
call waits at most :data:`~sealstation.pdf.timestamps.TIMEOUT_SECONDS`).
"""

from __future__ import annotations

from .cli_common import EXIT_FAILED, EXIT_OK, open_station

__all__ = ["add_parsers", "cmd_timestamp"]


def add_parsers(sub, common) -> None:
    ts = sub.add_parser("timestamp", parents=[common],
                        help="the office's timestamps owed to stamped files (the authority was down when they were made)")
    ts.add_argument("--owed", action="store_true", required=True, help="the stamped files owed a timestamp")
    ts.add_argument("--add", action="store_true", help="add each its document timestamp now (needs --user)")
    ts.add_argument("--user", help="the custodian adding them (recorded in the journal)")


def cmd_timestamp(args, secrets) -> int:
    from .pdf.timestamps import TIMEOUT_SECONDS

    with open_station(args, secrets) as station:
        desk = station.stamping()
        owed = desk.owed_timestamps()
        if not args.add:
            for item in owed:
                print(f"owed: {item.output} (stamped {item.at}, seal {item.seal}; missing: {', '.join(item.what)})")
            print(f"{len(owed)} stamped file(s) owed the office's timestamp.")
            return EXIT_OK
        if not args.user:
            print("timestamp --owed --add needs --user (the custodian adding them).")
            return EXIT_FAILED
        if not owed:
            print("No stamped file is owed a timestamp.")
            return EXIT_OK
        print(f"Asking the timestamp authority (at most {TIMEOUT_SECONDS:g} s each)…")
        outcomes = desk.add_owed_timestamps(by=args.user)
        for outcome in outcomes:
            if outcome.added:
                print(f"timestamped: {outcome.owed.output} (SHA-256 {outcome.sha256_after})")
            if outcome.problem is not None:
                print(f"  {'note' if outcome.added else 'not added'}: {outcome.problem.message}")
                if outcome.problem.hint:
                    print(f"  {outcome.problem.hint}")
        left = len(desk.owed_timestamps())
        print(f"{sum(o.added for o in outcomes)} added; {left} still owed.")
        return EXIT_OK if left == 0 else EXIT_FAILED

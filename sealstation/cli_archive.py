"""The office archive's commands: ``sync``, ``archive verify|summary``, ``report monthly``, ``verify --archive``.

Kept apart from :mod:`sealstation.cli`, which only adds their parsers and
calls these. The archive location is the station's configured one unless
``--archive`` names another; PostgreSQL passwords come from the OS keyring.
The office's seal authority certificate (what segments are checked against)
is the station home's, or ``--ca FILE``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .cli_common import (EXIT_FAILED, EXIT_OK, EXIT_USAGE, calendar_argument, count_argument, office_ca_certificate,
                         open_station)
from .config import StationHome, resolve_home
from .errors import ConfigError

__all__ = ["add_parsers", "cmd_sync", "cmd_archive", "print_registrations"]


def add_parsers(sub, common) -> None:
    sync = sub.add_parser("sync", parents=[common], help="send the journal to the office archive now")
    sync.add_argument("--archive", help="archive folder or postgresql://user@host/db (default: station.json)")

    archive = sub.add_parser("archive", parents=[common], help="the office archive: checks and summaries")
    asub = archive.add_subparsers(dest="action", required=True)
    a_init = asub.add_parser("init", parents=[common], help="office: make a folder an archive (once)")
    a_init.add_argument("--archive", required=True, help="the folder (a share, mounted)")
    a_ver = asub.add_parser("verify", parents=[common], help="check every station's segments; exit 1 on findings")
    _archive_options(a_ver)
    a_ver.add_argument("--stale-days", type=count_argument(1, 3660, "a number of days"), default=7,
                       help="flag stations silent this long (default 7)")
    a_ver.add_argument("--json", action="store_true", help="print the findings as JSON")
    a_sum = asub.add_parser("summary", parents=[common],
                            help="the monthly 签盖记录和在线打印情况汇总表 (XLSX, PDF or CSV)")
    _summary_options(a_sum)

    report = sub.add_parser("report", parents=[common], help="reports from the office archive")
    rsub = report.add_subparsers(dest="action", required=True)
    _summary_options(rsub.add_parser("monthly", parents=[common], help="same as 'archive summary'"))


def _archive_options(p) -> None:
    p.add_argument("--archive", help="archive folder or postgresql://user@host/db (default: station.json)")
    p.add_argument("--ca", type=Path, help="the office's seal authority certificate (default: the station home's)")


_month = calendar_argument("%Y-%m", "a month as YYYY-MM", "2026-11")


def _report_path(text: str) -> Path:
    """--out: a file name whose extension names a report format (else a usage error, exit 2)."""
    from .archive.report import report_format

    try:
        report_format(text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    return Path(text)


def _summary_options(p) -> None:
    _archive_options(p)
    p.add_argument("--month", required=True, type=_month, help="YYYY-MM (UTC+8 calendar month)")
    p.add_argument("--out", type=_report_path, required=True,
                   help="FILE.xlsx, FILE.pdf or FILE.csv (by the extension)")
    p.add_argument("--station", action="append", help="only these stations (repeat)")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    p.add_argument("--user", help="at a station: the office user or auditor who exports it (password asked; "
                   "journalled). Not needed on a computer without a station")


def _now() -> dt.datetime:
    # The office's tools run on any computer, with no station and so no station clock to ask.
    return dt.datetime.now(dt.timezone.utc)


def _archive_and_ca(args):
    """The archive named by --archive or the station's configuration, and the CA to check it against."""
    from .station import Station

    return Station.office_archive(getattr(args, "archive", None), args.home), \
        office_ca_certificate(args.ca, resolve_home(args.home))


def cmd_sync(args, secrets) -> int:
    with open_station(args, secrets) as station:
        unnamed = station.archive_warning()
        if unnamed:
            print(f"warning: {unnamed}", file=sys.stderr)
        result = station.archive().sync(args.archive)
    print(f"Synced to {result.archive}: {result.segments} segment(s), {result.entries} entries; the archive holds "
          f"this station's journal through entry {result.through}")
    if result.diverged_at is not None:
        print(f"The archive disagrees with this station from entry {result.diverged_at}: {result.divergence}. "
              "Stamping is stopped until the office reviews the journal.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_archive(args, secrets) -> int:
    from .station import Station

    if args.command == "archive" and args.action == "init":
        archive = Station.init_archive(args.archive)
        print(f"{archive.root} is an office archive; stations send to it with --archive or station.json")
        return EXIT_OK
    if args.command == "report" or args.action == "summary":
        return _summary(args, secrets)
    return _verify(args)


def _verify(args) -> int:
    from .archive.audit import findings_as_json
    from .station import Station

    archive, ca = _archive_and_ca(args)
    if args.ca is None and not Station.authority_pinned():
        print("note: checked against the station home's copy of the office's seal authority (not pinned on this "
              "computer); the office checks with its own copy: --ca FILE", file=sys.stderr)
    audits = Station.audit_archive(archive, ca, now=_now(), stale_days=args.stale_days)
    if args.json:
        print(findings_as_json(audits))
    else:
        for a in audits:
            state = "ok" if not a.findings else f"{len(a.findings)} finding(s)"
            offline = f", {a.offline_copies} cop(ies) printed offline" if a.offline_copies else ""
            print(f"{a.station}: {a.segments} segment(s), entries 1–{a.through}, last report "
                  f"{(a.last_report or '-')[:16]}{offline}: {state}")
            for f in a.findings:
                print(f"  {f.what}: {f.detail}")
        if not audits:
            print(f"No station has reported to {archive.location} yet.")
    return EXIT_FAILED if any(a.findings for a in audits) else EXIT_OK


def _summary(args, secrets) -> int:
    from .station import Station

    if StationHome(resolve_home(args.home)).exists():
        result = _summary_at_station(args, secrets)
        if result is None:
            return EXIT_USAGE
    else:
        archive, ca = _archive_and_ca(args)
        result = Station.write_monthly_report(args.out, archive, ca, month=args.month, now=_now(),
                                              stations=args.station, overwrite=args.overwrite, home_dir=args.home)
    print(f"Monthly summary {args.month}: {result.stamps} stamp(s), {result.prints} document(s) printed, "
          f"{result.findings} finding(s): {result.out}")
    return EXIT_OK


def _summary_at_station(args, secrets):
    """At a station the report is the office's or an auditor's export, journalled like the window's."""
    if not args.user:
        print(f"sealstation {args.command}: at a station the monthly report is exported by the office or an "
              "auditor: give --user NAME (the password is asked).", file=sys.stderr)
        return None
    with open_station(args, secrets) as station:
        station.check_output(args.out, overwrite=args.overwrite)
        password = secrets.ask(f"Password of {args.user}: ")
        return station.archive().monthly_report(args.out, month=args.month, by=args.user, password=password,
                                      location=args.archive, stations=args.station, overwrite=args.overwrite)


def print_registrations(args, json_out: dict | None, result=None) -> bool:
    """The archive's answer for each signature of ``args.file``; True when every signature is registered.

    A NOT REGISTERED signature is also recorded in the archive as a sighting
    (:mod:`.archive.sightings`); when the archive refuses it, verify says so
    and its answer is unchanged.
    """
    from .archive.registration import registrations_json
    from .station import Station

    archive, ca = _archive_and_ca(args)
    found = Station.registrations(args.file, getattr(result, "signatures", ()), archive, ca, now=_now())
    if json_out is not None:
        json_out["archive"] = {"location": found.location, "signatures": registrations_json(list(found.answers)),
                               "sightings_recorded": found.recorded, "sightings_not_recorded": found.not_recorded}
    else:
        print(f"Office archive {found.location}:")
        for a in found.answers:
            print(f"- {a.field}: {a.words()}")
        if found.recorded:
            print(f"The archive recorded {found.recorded} NOT REGISTERED signature(s) seen here, for the office's "
                  "monthly report.")
        if found.not_recorded:
            print(f"Note: the sighting could not be recorded in the archive: {found.not_recorded}", file=sys.stderr)
    return found.all_registered

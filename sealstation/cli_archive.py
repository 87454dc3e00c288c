"""The office archive's commands: ``sync``, ``archive verify|summary``, ``report monthly``, ``verify --archive``.

Kept apart from :mod:`sealstation.cli`, which only adds their parsers and
calls these. The archive location is the station's configured one unless
``--archive`` names another; PostgreSQL passwords come from the OS keyring.
The office's seal authority certificate (what segments are checked against)
is the station home's, or ``--ca FILE``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .archive.audit import findings_as_json, verify_archive
from .archive.backend import FolderArchive, open_backend
from .archive.config import archive_config
from .archive.registration import find_registrations, registrations_json, signature_digests
from .archive.report import report_format, write_report
from .archive.sightings import record_sightings
from .archive.summary import monthly_summary
from .cli_common import EXIT_FAILED, EXIT_OK, calendar_argument, office_ca_certificate
from .config import StationHome, resolve_home
from .errors import ArchiveError
from .outputs import check_output_path

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
    a_ver.add_argument("--stale-days", type=int, default=7, help="flag stations silent this long (default 7)")
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


def _summary_options(p) -> None:
    _archive_options(p)
    p.add_argument("--month", required=True, type=_month, help="YYYY-MM (UTC+8 calendar month)")
    p.add_argument("--out", type=Path, required=True, help="FILE.xlsx, FILE.pdf or FILE.csv (by the extension)")
    p.add_argument("--station", action="append", help="only these stations (repeat)")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")


def _home_and_config(args):
    home = StationHome(resolve_home(args.home))
    return home, (home.load_config() if home.exists() else None)


def open_archive(args):
    """The backend named by --archive or the station's configuration, and the CA to check it against."""
    home, config = _home_and_config(args)
    cfg = archive_config(config, getattr(args, "archive", None))
    if cfg is None:
        raise ArchiveError("No office archive is given.", hint="Give --archive DIR|postgresql://…, or configure one "
                           'in station.json ("archive": {"location": …}).')
    return open_backend(cfg), office_ca_certificate(args.ca, home.root)


def cmd_sync(args, open_station) -> int:
    with open_station() as station:
        result = station.sync(args.archive)
    print(f"Synced to {result.archive}: {result.segments} segment(s), {result.entries} entries; the archive holds "
          f"this station's journal through entry {result.through}")
    if result.diverged_at is not None:
        print(f"The archive disagrees with this station from entry {result.diverged_at}: {result.divergence}. "
              "Stamping is stopped until the office reviews the journal.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_archive(args) -> int:
    if args.command == "archive" and args.action == "init":
        archive = FolderArchive.create(args.archive)
        print(f"{archive.root} is an office archive; stations send to it with --archive or station.json")
        return EXIT_OK
    backend, ca = open_archive(args)
    try:
        if args.command == "report" or args.action == "summary":
            return _summary(args, backend, ca)
        return _verify(args, backend, ca)
    finally:
        backend.close()


def _verify(args, backend, ca) -> int:
    audits = verify_archive(backend, ca, now=dt.datetime.now(dt.timezone.utc), stale_days=args.stale_days)
    if args.json:
        print(findings_as_json(audits))
    else:
        for a in audits:
            state = "ok" if not a.findings else f"{len(a.findings)} finding(s)"
            print(f"{a.station}: {a.segments} segment(s), entries 1–{a.through}, last report "
                  f"{(a.last_report or '-')[:16]}: {state}")
            for f in a.findings:
                print(f"  {f.what}: {f.detail}")
        if not audits:
            print(f"No station has reported to {backend.location} yet.")
    return EXIT_FAILED if any(a.findings for a in audits) else EXIT_OK


def _summary(args, backend, ca) -> int:
    home, _ = _home_and_config(args)
    report_format(args.out)
    out = check_output_path(args.out, home=home.root, overwrite=args.overwrite)
    summary = monthly_summary(backend, ca, args.month, stations=args.station)
    write_report(summary, out, overwrite=args.overwrite)
    print(f"Monthly summary {args.month}: {len(summary.stamps)} stamp(s), {len(summary.prints)} document(s) printed, "
          f"{len(summary.findings)} finding(s): {out}")
    return EXIT_OK


def print_registrations(args, json_out: dict | None, result=None) -> bool:
    """The archive's answer for each signature of ``args.file``; True when every signature is registered.

    A NOT REGISTERED signature is also recorded in the archive as a sighting
    (:mod:`.archive.sightings`); when the archive refuses it, verify says so
    and its answer is unchanged.
    """
    backend, ca = open_archive(args)
    try:
        answers = find_registrations(backend, ca, signature_digests(args.file))
        recorded, not_recorded = _record_sightings(backend, args.file, answers, result)
    finally:
        backend.close()
    if json_out is not None:
        json_out["archive"] = {"location": backend.location, "signatures": registrations_json(answers),
                               "sightings_recorded": recorded, "sightings_not_recorded": not_recorded}
    else:
        print(f"Office archive {backend.location}:")
        for a in answers:
            print(f"- {a.field}: {a.words()}")
        if recorded:
            print(f"The archive recorded {recorded} NOT REGISTERED signature(s) seen here, for the office's monthly "
                  "report.")
        if not_recorded:
            print(f"Note: the sighting could not be recorded in the archive: {not_recorded}", file=sys.stderr)
    return all(a.registered for a in answers)


def _record_sightings(backend, file, answers, result) -> tuple[int, str]:
    if all(a.registered for a in answers):
        return 0, ""
    try:
        done = record_sightings(backend, Path(file).name, answers, getattr(result, "signatures", ()),
                                now=dt.datetime.now(dt.timezone.utc))
    except ArchiveError as exc:
        return 0, str(exc)
    return len(done), ""

"""The monthly 签盖记录和在线打印情况汇总表 (stamping record and printing summary), from the archive.

Read from the segments that check out (station certificate, signature; see
:mod:`.audit`), each entry once even when a station sent it again after a
fork. The month is the office's calendar month (China, UTC+8).

* the stamping record: each ``stamp_done`` with date, seal, document, purpose,
  approver, custodian, station (purpose and approver come from the request's
  ``request_received`` and ``approval_granted`` entries, of any month);
* the printing summary: each stamped request with copies approved, printed,
  extra, voided and recalled, from the printing records (``print_job``,
  ``copy_voided``, ``copy_recalled``, whose vocabulary the printing use case
  defines);
* totals per seal, custodian, station and day;
* findings first: stamps with no print record, prints over the approved
  count, uses of a seal suspended or revoked at the time, the archive's own
  findings (gaps, forks, checkpoints, stations silent, stamps whose
  authority does not verify against the office's certificate: their
  approver column says :data:`UNVERIFIED` instead of a name), and the NOT
  REGISTERED signatures ``verify --archive`` saw and recorded this month
  (:mod:`.sightings`), unless their stamp has reached the archive since
  (verify ran before its station synced).

Documents are named as approved (the request's name, which its approval's
hash covers), never by the file name a custodian stamped or printed from.

Written here as one CSV file with a UTF-8 byte-order mark, so that Excel opens the
Chinese text correctly, in sections with their own header rows, each text cell
guarded against being read as a formula (:mod:`sealstation.cells`); the
workbook and the PDF report are :mod:`.report_xlsx` and :mod:`.report_pdf`
(:func:`.report.write_report` picks one by the file's extension).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ConfigError
from ..fsutil import atomic_output
from ..journal.journal import JournalKind
from .authority_check import AUTHORITY_FINDING, OaApprovals
from .backend import ArchiveBackend
from ..cells import GuardedCsvWriter
from .pool import read_stations
from .sightings import sightings_of

__all__ = ["MonthlySummary", "StampRow", "PrintRow", "StationCheck", "monthly_summary", "write_summary_csv",
           "REPORT_TZ", "PRINT_KINDS", "month_bounds", "NOT_REGISTERED", "UNVERIFIED", "REPORT_FINDINGS",
           "TIMESTAMP_OWED_FINDING"]

REPORT_TZ = dt.timezone(dt.timedelta(hours=8), "UTC+8")
PRINT_KINDS = (JournalKind.PRINT_JOB, JournalKind.COPY_VOIDED, JournalKind.COPY_RECALLED)
"""The printing use case's entry kinds."""
_UNUSABLE = ("suspended", "revoked", "destroyed", "withdrawn")
UNVERIFIED = "未核实 NOT VERIFIED (see findings: authority)"
"""The approver column of a stamp whose approval does not verify against the office's certificate."""
NOT_REGISTERED = "NOT REGISTERED"
"""The findings' ``what`` of a signature verify saw that no station reported."""
TIMESTAMP_OWED_FINDING = "timestamp-owed"
"""A station's stamps made while the office's timestamp authority could not be reached, not timestamped since."""
REPORT_FINDINGS = ("seal", "print", NOT_REGISTERED, TIMESTAMP_OWED_FINDING)
"""The findings' ``what`` the report adds to the archive's own checks (:mod:`.audit`): its verification result
is every other finding."""


@dataclass(frozen=True)
class StampRow:
    date: str
    time: str
    station: str
    seal: str
    document: str
    purpose: str
    approver: str
    custodian: str
    request: str
    copies_approved: int | None
    sha256_after: str
    seal_name: str = ""
    """The seal's name as engraved, from the seal record the office signed (its id when the archive holds none)."""


@dataclass
class PrintRow:
    station: str
    request: str
    document: str
    copies_approved: int | None
    printed: int = 0
    extra: int = 0
    """加印 copies printed under extra-copies approvals."""
    replacement: int = 0
    """补印 copies printed to replace voided ones."""
    voided: int = 0
    recalled: int = 0
    extra_approved: int = 0
    """加印 copies approved (in any month)."""
    replacement_approved: int = 0
    """补印 copies the office allowed (in any month)."""


@dataclass(frozen=True)
class StationCheck:
    """The archive's verification of one station the report covers (:func:`.audit.audit_station`)."""

    station: str
    segments: int
    """Segments read and checked against the office's certificate."""
    through: int
    """The archive holds the station's journal through this entry."""
    last_report: str | None
    findings: int
    """The archive's own findings for this station (the report's findings not counted)."""


@dataclass
class MonthlySummary:
    month: str
    stamps: list[StampRow] = field(default_factory=list)
    prints: list[PrintRow] = field(default_factory=list)
    findings: list[tuple[str, str, str]] = field(default_factory=list)
    """(station, what, detail)"""
    stations: list[str] = field(default_factory=list)
    """The stations the report covers, in the order read (those asked for that never reported included)."""
    checks: list[StationCheck] = field(default_factory=list)
    """The archive's verification of each station read: the report's verification result."""
    seal_names: dict[str, str] = field(default_factory=dict)
    """Seal id → its name as engraved, from the seal records the office signed that the stamps were judged by
    (verified against the office's certificate); a seal missing here is named by its id."""
    read_at: str = ""
    """When the archive was read (ISO 8601, UTC)."""

    def seal_name(self, seal: str) -> str:
        """The seal's name as engraved, or its id when no record the office signed names it."""
        return self.seal_names.get(seal) or seal

    def seal_label(self, seal: str) -> str:
        """The seal as the totals name it: its name with its id in brackets (the id alone when it has no name)."""
        name = self.seal_name(seal)
        return f"{name}（{seal}）" if name != seal else seal

    def labelled_totals(self) -> dict[str, list[tuple[str, int]]]:
        """:meth:`totals`, each sorted, the seals by :meth:`seal_label`: what every format writes."""
        return {key: sorted((self.seal_label(k) if key == "seal" else k, n) for k, n in counts.items())
                for key, counts in self.totals().items()}

    def period(self) -> tuple[str, str]:
        """The first and last day the report covers (YYYY-MM-DD, the office's calendar, UTC+8)."""
        start, end = month_bounds(self.month)
        return start.date().isoformat(), (end - dt.timedelta(days=1)).date().isoformat()

    def verified(self) -> bool:
        """Every station read checks out: no finding of the archive's own checks (the report's are not counted)."""
        return not any(what not in REPORT_FINDINGS for _station, what, _detail in self.findings)

    def print_rows(self) -> dict[tuple[str, str], PrintRow]:
        """The printing summary by (station, request)."""
        return {(p.station, p.request): p for p in self.prints}

    def register(self):
        """The register of every stamp (:func:`register`)."""
        return register(self.stamps, self.prints)

    def prints_without_stamp(self) -> list[PrintRow]:
        """The printing of requests not stamped this month (stamped in an earlier month, printed in this one)."""
        stamped = {(s.station, s.request) for s in self.stamps}
        return [p for p in self.prints if (p.station, p.request) not in stamped]

    def totals(self) -> dict[str, Counter]:
        return {"seal": Counter(s.seal for s in self.stamps), "custodian": Counter(s.custodian for s in self.stamps),
                "station": Counter(s.station for s in self.stamps), "day": Counter(s.date for s in self.stamps)}

    def days(self) -> list[str]:
        """Every day of the month (YYYY-MM-DD), for the chart's axis."""
        start, end = month_bounds(self.month)
        return [(start + dt.timedelta(days=i)).strftime("%Y-%m-%d") for i in range((end - start).days)]

    def uses_per_seal_per_day(self) -> tuple[list[str], dict[str, list[int]]]:
        """(days, {seal: uses on each day}), for the chart."""
        days = self.days()
        index = {d: i for i, d in enumerate(days)}
        table: dict[str, list[int]] = {}
        for s in self.stamps:
            table.setdefault(s.seal, [0] * len(days))[index[s.date]] += 1
        return days, dict(sorted(table.items()))


def register(stamps: list[StampRow], prints: list[PrintRow]):
    """The register of ``stamps``: ``(stamp, printing, first)`` in order, ``printing`` the request's
    :class:`PrintRow` this month among ``prints`` (None: nothing printed) and ``first`` True on the request's first
    stamp of the month (a request stamped with two seals prints once: its copies are counted on its first row).
    A station's rows may come on their own (a request is one station's)."""
    by_request, seen = {(p.station, p.request): p for p in prints}, set()
    for s in stamps:
        key = (s.station, s.request)
        yield s, by_request.get(key), key not in seen
        seen.add(key)


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    try:
        start = dt.datetime.strptime(month, "%Y-%m").replace(tzinfo=REPORT_TZ)
    except ValueError:
        raise ConfigError(f"--month wants YYYY-MM (e.g. 2026-11), not {month!r}.") from None
    if start.year == dt.MAXYEAR and start.month == 12:  # its end would be a year no date can hold
        raise ConfigError(f"--month {month} is past the last month a report can cover.",
                          hint="Give a month of this century, e.g. 2026-11.")
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start, end


_ROW_FACTS = ("request", "seal", "custodian", "sha256_after", "document", "status", "kind", "copies", "serials")
"""What the register and the printing summary read of a stamp's or a printing record's data (:func:`_summarise`):
only these are kept (and, from a worker process, sent back) for each of a month's entries."""


class _StationReader:
    """One station's entries, each once, in seq order of receipt; requests and seal states of any month.

    Fed each segment that checks out (:meth:`take`); once the station is read, :meth:`read_out` makes the month's
    rows and findings from them, in the process that read the station (:mod:`.pool`), which sends back only those.
    """

    def __init__(self, station: str, sought: frozenset[str] = frozenset(), window: tuple | None = None) -> None:
        self.station = station
        self.window = window
        """(start, end) of the month in the report's time zone."""
        self.sought = sought
        """Signature digests of the month's sightings; :attr:`found` are those this station reported a stamp for."""
        self.found: set[str] = set()
        self.seen: set[str] = set()
        self.requests: dict[str, dict] = defaultdict(dict)
        self.seal_status: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.allowed: dict[str, Counter] = defaultdict(Counter)
        """Extra and replacement copies approved, by request and kind."""
        self.entries: list[tuple[dict, dict]] = []
        """(seq, at, kind and actor of the entry, its data) of each stamp and printing record."""
        self.owed: dict[int, dict] = {}
        """Stamps still owed the office's timestamp (``timestamp_owed`` without a ``timestamp_added``), by attempt."""
        self.stamps: list[StampRow] = []
        self.stamp_seqs: list[int] = []
        """The ``stamp_done`` entry of each of :attr:`stamps`, in the same order."""
        self.prints: list[PrintRow] = []
        self.findings: list[tuple[str, str, str]] = []
        """The month's rows and the findings reading them gives (:meth:`read_out`)."""

    def __getstate__(self) -> dict:
        # Sent back from a worker process (.pool) once read: what was seen while reading stays there.
        return self.__dict__ | {"seen": set(), "sought": frozenset()}

    def read_out(self, audit, seal_names: dict[str, str]) -> None:
        """The month's rows and findings, once the station's audit is done; the entries they came from are let go.

        ``seal_names``: the seals' names from the office-signed seal records verified so far by this process. A
        stamp whose authority did not verify against the office's certificate does not name its approver."""
        unverified = {f.seq for f in audit.findings if f.what == AUTHORITY_FINDING}
        _summarise(self, *self.window, unverified, seal_names)
        if self.owed:
            self.findings.append(_owed_finding(self.station, self.owed))
        self.entries, self.requests, self.seal_status, self.allowed, self.owed = [], {}, {}, {}, {}

    def unverify(self, seqs: set[int]) -> None:
        """The stamps at entries ``seqs`` found unbacked after :meth:`read_out` (an OA approval already used at
        another station: judged across the run) no longer name their approver."""
        for i, seq in enumerate(self.stamp_seqs):
            if seq in seqs:
                self.stamps[i] = replace(self.stamps[i], approver=UNVERIFIED)

    def take(self, seg) -> None:
        for e, data in seg.records():
            if e["hash"] in self.seen:
                continue
            self.seen.add(e["hash"])
            kind = e["kind"]
            if kind == JournalKind.REQUEST_RECEIVED:
                self.requests[data.get("request")].update(document=data.get("document"), purpose=data.get("purpose"),
                                                          copies=data.get("copies"))
            elif kind == JournalKind.APPROVAL_GRANTED:
                self.requests[data.get("request")].update(approver=e["actor"], copies=data.get("copies"))
            elif kind == JournalKind.PRINT_ALLOWANCE:
                self.allowed[str(data.get("request"))][str(data.get("kind"))] += int(data.get("copies") or 0)
            elif kind == JournalKind.SEAL_LIFECYCLE:
                self.seal_status[str(data.get("seal"))].append((e["seq"], str(data.get("status"))))
            elif kind == JournalKind.TIMESTAMP_OWED:
                self.owed[data.get("attempt")] = data | {"at": e.get("at")}
            elif kind == JournalKind.TIMESTAMP_ADDED and data.get("added"):
                self.owed.pop(data.get("attempt"), None)
            elif kind == JournalKind.STAMP_DONE or kind in PRINT_KINDS:
                self.entries.append(({"seq": e["seq"], "at": e["at"], "kind": kind, "actor": e["actor"]},
                                     {key: data[key] for key in _ROW_FACTS if key in data}))
                if data.get("signature_digest") in self.sought:
                    self.found.add(data["signature_digest"])

    def status_at(self, seal: str, seq: int) -> str | None:
        before = [status for s, status in self.seal_status.get(seal, ()) if s < seq]
        return before[-1] if before else None


def monthly_summary(backend: ArchiveBackend, ca_cert, month: str, *, stations: list[str] | None = None,
                    now: dt.datetime | None = None, progress=None, rows=None,
                    workers: int | None = None) -> MonthlySummary:
    """The month's summary; ``progress(done, total)`` is called after each station (from this thread), and
    ``rows(stamps, prints)`` with the station's rows (so that a report can be written while the rest is read).
    ``workers``: processes reading stations side by side (default: by the machine's cores; :mod:`.pool`)."""
    start, end = month_bounds(month)
    summary = MonthlySummary(month)
    reported = backend.stations()
    chosen = [s for s in reported if not stations or s in stations]
    sightings = sightings_of(backend, month)
    sought, registered = frozenset(s.digest for s in sightings), set()
    summary.stations = list(chosen) + [s for s in stations or () if s not in reported]
    now = now or dt.datetime.now(dt.timezone.utc)
    summary.read_at = now.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    approvals = OaApprovals()
    # The office's own certificate, never a station's copy; one station's entries in memory at a time (a few
    # ahead when stations are read side by side).
    reads = read_stations(backend, chosen, ca_cert, now=now, window=(start, end),
                          reader=functools.partial(_StationReader, sought=sought, window=(start, end)),
                          workers=workers)
    for done, read in enumerate(reads, 1):
        audit, reader = read.audit, read.reader
        judged = len(audit.findings)
        audit.take_oa_approvals(approvals)
        reader.unverify({f.seq for f in audit.findings[judged:] if f.what == AUTHORITY_FINDING})
        summary.seal_names.update(read.seal_names)
        summary.findings += [(f.station, f.what, f.detail) for f in audit.findings] + reader.findings
        summary.checks.append(StationCheck(read.station, audit.segments, audit.through, audit.last_report,
                                           len(audit.findings)))
        summary.stamps += reader.stamps
        summary.prints += reader.prints
        if rows is not None:
            rows(reader.stamps, reader.prints)
        registered |= reader.found
        if progress is not None:
            progress(done, len(chosen))
    for station in stations or ():
        if station not in reported:
            summary.findings.append((station, "silent", "the station never reported to this archive"))
    summary.findings += [_sighting_finding(s) for s in sightings
                         if not _registered_since(s, registered, backend, ca_cert, stations)]
    return summary


def _owed_finding(station: str, owed: dict[int, dict]) -> tuple[str, str, str]:
    oldest = min(str(d.get("at") or "") for d in owed.values())
    files = ", ".join(sorted(Path(str(d.get("output") or "?")).name for d in owed.values())[:10])
    return (station, TIMESTAMP_OWED_FINDING,
            f"{len(owed)} stamp(s) wait for the office's timestamp (its authority could not be reached when they were "
            f"made; oldest {oldest[:16]}): {files}. The station adds them when the authority answers "
            f"(sealstation timestamp --owed --add).")


def _registered_since(sighting, registered: set[str], backend, ca_cert, stations) -> bool:
    """Whether the stamp a sighting names is in the archive now (its station synced after verify saw it)."""
    if sighting.digest in registered:
        return True
    if not stations:  # every station was read: none reported it
        return False
    from .registration import find_registrations

    return find_registrations(backend, ca_cert, [(sighting.field, sighting.digest)])[0].registered


def _sighting_finding(s) -> tuple[str, str, str]:
    return ("", NOT_REGISTERED, f"{s.seen_at[:16].replace('T', ' ')} UTC: {s.file_name}, signature {s.field} by "
            f"{s.signer}{f' (seal {s.seal})' if s.seal else ''}, digest {s.digest[:16]}…, recorded by {s.seen_by} "
            "through verify --archive: no station of this archive reported this stamp")


def _local(at: str) -> dt.datetime:
    return dt.datetime.fromisoformat(at).astimezone(REPORT_TZ)


def _summarise(reader: _StationReader, start, end, unverified=frozenset(), names: dict[str, str] | None = None) -> None:
    """The reader's rows and findings for [start, end). ``unverified``: the stamps whose authority did not hold
    against the office's certificate: their approver is not named (the records that name one are not the office's),
    it is flagged. ``names``: the seals' names (the seal records verified so far, this station's among them)."""
    names = names or {}
    prints: dict[str, PrintRow] = {}
    stamped: dict[str, StampRow] = {}
    for e, data in reader.entries:
        when = _local(e["at"])
        if not (start <= when < end):
            continue
        request = str(data.get("request"))
        info = reader.requests.get(request, {})
        if e["kind"] == JournalKind.STAMP_DONE:
            row = StampRow(when.date().isoformat(), when.time().isoformat("seconds"), reader.station,
                           str(data.get("seal")), _approved_name(info, data), str(info.get("purpose") or ""),
                           UNVERIFIED if e["seq"] in unverified else str(info.get("approver") or ""),
                           str(data.get("custodian") or e["actor"]), request,
                           info.get("copies"), str(data.get("sha256_after")),
                           names.get(str(data.get("seal"))) or str(data.get("seal")))
            reader.stamps.append(row)
            reader.stamp_seqs.append(e["seq"])
            stamped.setdefault(request, row)
            status = reader.status_at(row.seal, e["seq"])
            if status in _UNUSABLE:
                reader.findings.append((reader.station, "seal", f"entry {e['seq']}: seal '{row.seal}' was {status} "
                                         f"when it stamped {row.document} (request {request})"))
            continue
        allowed = reader.allowed.get(request, {})
        row = prints.setdefault(request, PrintRow(reader.station, request, _approved_name(info, data),
            info.get("copies"), extra_approved=allowed.get("extra", 0),
            replacement_approved=allowed.get("replacement", 0)))
        _count_print(row, e["kind"], data)
    for request, stamp in stamped.items():
        if request not in prints:
            reader.findings.append((reader.station, "print", f"request {request} ({stamp.document}) was stamped but "
                                     "has no print record this month"))
    for row in prints.values():
        for what, printed, approved in (("", row.printed, row.copies_approved),
                                        ("加印 extra ", row.extra, row.extra_approved),
                                        ("补印 replacement ", row.replacement, row.replacement_approved)):
            if approved is not None and printed > approved:
                reader.findings.append((reader.station, "print", f"request {row.request} ({row.document}): "
                                         f"{printed} {what}copies printed, {approved} approved"))
    reader.prints += prints.values()


def _approved_name(request: dict, data: dict) -> str:
    """The document as its request names it (what the approver approved); a station's own name for the file it
    stamped or printed (a path the custodian chose) only when the archive has no request for it, and then marked."""
    if request.get("document"):
        return str(request["document"])
    name = data.get("document") or "?"
    return f"{name} (站点所用文件名，无审批 the station's file name: no request in the archive)"


def _count_print(row: PrintRow, kind: str, data: dict) -> None:
    if kind == JournalKind.PRINT_JOB:
        if data.get("status") != "accepted":
            return
        copies = len(data.get("copies") or ())
        which = data.get("kind", "first")
        if which == "extra":
            row.extra += copies
        elif which == "replacement":
            row.replacement += copies
        else:
            row.printed += copies
    elif kind == JournalKind.COPY_VOIDED:
        row.voided += 1
    elif kind == JournalKind.COPY_RECALLED:
        row.recalled += len(data.get("serials") or ())


def write_summary_csv(summary: MonthlySummary, out: Path, *, overwrite: bool = False) -> None:
    """One CSV (UTF-8 with BOM, for Excel), atomically: findings, stamping record, printing summary, totals."""
    with atomic_output(Path(out), overwrite=overwrite) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        w = GuardedCsvWriter(csv.writer(text))
        w.writerow([f"签盖记录和在线打印情况汇总表 {summary.month}"])
        w.writerow([])
        w.writerow(["发现 Findings", "站点 station", "类别 what", "说明 detail"])
        for station, what, detail in summary.findings or [("", "", "无 none")]:
            w.writerow(["", station, what, detail])
        w.writerow([])
        w.writerow(["签盖记录 Stamping record", "日期 date", "时间 time", "站点 station", "印章 seal",
                    "印章名称 seal name", "文件 document",
                    "用途 purpose", "审批人 approver", "专管人员 custodian", "申请 request", "核准份数 copies approved",
                    "SHA-256"])
        for s in summary.stamps:
            w.writerow(["", s.date, s.time, s.station, s.seal, s.seal_name or s.seal, s.document, s.purpose,
                        s.approver, s.custodian,
                        s.request, s.copies_approved if s.copies_approved is not None else "", s.sha256_after])
        w.writerow([])
        w.writerow(["在线打印情况 Printing summary", "站点 station", "申请 request", "文件 document",
                    "核准 approved", "已打印 printed", "加印核准 extra approved", "加印 extra printed",
                    "补印核准 replacement approved", "补印 replacement printed", "作废 voided", "收回 recalled"])
        for p in summary.prints:
            w.writerow(["", p.station, p.request, p.document, p.copies_approved if p.copies_approved is not None else "",
                        p.printed, p.extra_approved, p.extra, p.replacement_approved, p.replacement, p.voided,
                        p.recalled])
        w.writerow([])
        names = {"seal": "按印章 per seal", "custodian": "按专管人员 per custodian", "station": "按站点 per station",
                 "day": "按日 per day"}
        for key, counts in summary.labelled_totals().items():
            w.writerow([f"合计 Totals {names[key]}", "", "用印次数 uses"])
            for name, n in counts:
                w.writerow(["", name, n])
        text.flush()
        text.detach()

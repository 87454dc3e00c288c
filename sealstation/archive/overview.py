"""The monthly report as the window shows it before it is exported: tables per seal and per station, a chart
of uses per day, the findings, and the archive's verification result.

:func:`overview_of` condenses a :class:`~.summary.MonthlySummary` (read once from the archive) into the
figures a person reads; the summary itself rides along (:attr:`MonthlyOverview.summary`), so that the file
exported is the month that was shown, not a second reading of the archive.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .summary import REPORT_FINDINGS, MonthlySummary

__all__ = ["SealUses", "StationUses", "ReportFinding", "MonthlyOverview", "overview_of"]


@dataclass(frozen=True)
class SealUses:
    """One seal's month."""

    seal: str
    """The seal's id (as the journal names it)."""
    name: str
    """Its name as engraved, from the seal record the office signed (its id when the archive holds none)."""
    uses: int
    """Stamps with it this month."""
    stations: int
    """Stations it stamped at."""
    documents: int
    """Requests it stamped."""


@dataclass(frozen=True)
class StationUses:
    """One station's month."""

    station: str
    uses: int
    """Stamps made there this month."""
    documents_printed: int
    """Documents (requests) printed there this month."""
    copies: int
    """Copies printed there this month (first, extra and replacement copies)."""
    voided: int
    recalled: int
    segments: int
    """Segments of its journal the archive checked against the office's certificate (0: it never reported)."""
    findings: int
    """Findings about it: the archive's checks and the report's."""


@dataclass(frozen=True)
class ReportFinding:
    """Something the office must look at (:class:`.audit.Finding`, or one of the report's own)."""

    station: str
    """The station concerned ("" when none: a stamp no station reported)."""
    what: str
    """Its kind: a :class:`.audit.Finding` ``what`` or one of :data:`.summary.REPORT_FINDINGS`."""
    detail: str
    """The archive's record of it, in English (the entry, the request, the figures)."""
    archive: bool
    """True: found by the archive's own checks (it fails the verification); False: by the report."""


@dataclass(frozen=True)
class MonthlyOverview:
    """A month from the archive, as the office reads it before exporting it."""

    month: str
    """YYYY-MM."""
    period: tuple[str, str]
    """First and last day (YYYY-MM-DD, the office's calendar, UTC+8)."""
    stations: tuple[str, ...]
    """The stations covered."""
    verified: bool
    """Every station's segments check out against the office's certificate (no finding of the archive's own)."""
    segments: int
    """Segments checked."""
    stamps: int
    documents_printed: int
    copies: int
    seals: tuple[SealUses, ...]
    """Per seal, most used first."""
    per_station: tuple[StationUses, ...]
    """Per station, in the order covered."""
    findings: tuple[ReportFinding, ...]
    days: tuple[str, ...]
    """Every day of the month (YYYY-MM-DD)."""
    uses_per_day: tuple[tuple[str, tuple[int, ...]], ...]
    """(seal id, uses on each of :attr:`days`), for the chart; in the order of :attr:`seals`."""
    read_at: str
    """When the archive was read (ISO 8601, UTC)."""
    summary: MonthlySummary = field(repr=False, compare=False)
    """Every row, for the export."""

    def seal_name(self, seal: str) -> str:
        return self.summary.seal_name(seal)


def overview_of(summary: MonthlySummary) -> MonthlyOverview:
    """The figures of ``summary`` a person reads."""
    seal_uses, seal_stations, seal_docs = Counter(), defaultdict(set), defaultdict(set)
    for s in summary.stamps:
        seal_uses[s.seal] += 1
        seal_stations[s.seal].add(s.station)
        seal_docs[s.seal].add((s.station, s.request))
    seals = tuple(SealUses(seal, summary.seal_name(seal), n, len(seal_stations[seal]), len(seal_docs[seal]))
                  for seal, n in sorted(seal_uses.items(), key=lambda item: (-item[1], item[0])))
    findings = tuple(ReportFinding(station, what, detail, what not in REPORT_FINDINGS)
                     for station, what, detail in summary.findings)
    days, table = summary.uses_per_seal_per_day()
    return MonthlyOverview(
        month=summary.month, period=summary.period(), stations=tuple(summary.stations),
        verified=summary.verified(), segments=sum(c.segments for c in summary.checks), stamps=len(summary.stamps),
        documents_printed=sum(1 for p in summary.prints if p.printed + p.extra + p.replacement),
        copies=sum(p.printed + p.extra + p.replacement for p in summary.prints), seals=seals,
        per_station=_per_station(summary, findings), findings=findings, days=tuple(days),
        uses_per_day=tuple((s.seal, tuple(table[s.seal])) for s in seals), read_at=summary.read_at, summary=summary)


def _per_station(summary: MonthlySummary, findings) -> tuple[StationUses, ...]:
    uses = Counter(s.station for s in summary.stamps)
    found = Counter(f.station for f in findings)
    segments = {c.station: c.segments for c in summary.checks}
    printing: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in summary.prints:
        t = printing[p.station]
        copies = p.printed + p.extra + p.replacement
        t[0] += 1 if copies else 0
        t[1] += copies
        t[2] += p.voided
        t[3] += p.recalled
    names = list(summary.stations) or sorted(set(uses) | set(printing))
    return tuple(StationUses(name, uses[name], *printing.get(name, (0, 0, 0, 0)), segments.get(name, 0), found[name])
                 for name in names)

"""NOT REGISTERED signatures seen by ``sealstation verify FILE --archive …``, recorded in the archive.

When verify finds a signature the archive holds no stamp for, it leaves a
:class:`Sighting` there (time, file name, signature field, signer and seal,
digest, and who saw it); the monthly report lists the month's sightings among
its findings.

Who may record: anyone who can reach the archive (the same people who can run
``verify --archive``: write access to the folder, or a database role with
INSERT on ``archive_sightings``). A sighting is evidence that someone saw such
a file, not an authority: it changes no registration (only segments a station
signed do), it is never edited or removed (folder: one new file per
sighting, written atomically, never replacing one; PostgreSQL: an insert-only
table), and it names who recorded it, so the office judges it as a report,
not a proof. At worst a false sighting adds a line the office looks into.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

__all__ = ["Sighting", "sightings_of", "record_sightings", "month_key"]

_REPORT_TZ = dt.timezone(dt.timedelta(hours=8), "UTC+8")


@dataclass(frozen=True)
class Sighting:
    """One NOT REGISTERED signature, as seen by one run of ``verify --archive``."""

    seen_at: str
    """When it was seen (ISO 8601, UTC)."""
    file_name: str
    """The file's name (not its path: paths of other people's folders tell the office nothing)."""
    field: str
    """The signature's field."""
    signer: str
    """The signer named by the signature's certificate."""
    seal: str
    """The seal id its certificate names, or empty."""
    digest: str
    """The digest of the signed bytes (what registration is looked up by)."""
    seen_by: str = ""
    """Who recorded it (OS user, or the database role); filled by the archive where it can."""

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> "Sighting":
        doc = json.loads(data.decode("utf-8"))
        return cls(**{k: str(doc.get(k) or "") for k in cls.__dataclass_fields__})


def month_key(at: str) -> str:
    """The office's calendar month (UTC+8) of an ISO time: where a sighting is filed."""
    return dt.datetime.fromisoformat(at).astimezone(_REPORT_TZ).strftime("%Y-%m")


def record_sightings(backend, file_name: str, answers, signatures, *, now: dt.datetime) -> list[Sighting]:
    """Record each unregistered answer (``answers``: :class:`Registration`; ``signatures``: the verify reports,
    for signer and seal by field); the sightings recorded. Raises ArchiveError when the archive refuses."""
    known = {s.field: s for s in signatures}
    recorded = []
    for answer in answers:
        if answer.registered:
            continue
        report = known.get(answer.field)
        sighting = Sighting(now.astimezone(dt.timezone.utc).isoformat(timespec="seconds"), file_name, answer.field,
                            getattr(report, "signer", "") or "?", getattr(report, "seal", None) or "", answer.digest)
        backend.put_sighting(sighting)
        recorded.append(sighting)
    return recorded


def sightings_of(backend, month: str) -> list[Sighting]:
    """The sightings recorded in ``month`` (YYYY-MM, UTC+8), oldest first; none for a backend without them."""
    reader = getattr(backend, "sightings", None)
    return sorted(reader(month), key=lambda s: s.seen_at) if reader else []

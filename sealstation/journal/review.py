"""The office's review of a tamper stop, signed by its seal authority.

A tamper stop (an altered journal, or a database that disagrees with the
checkpoint on a seal's token) is recorded as a ``journal_tamper_detected``
entry with a random stop id. Only a ``journal_reviewed`` entry carrying an
:class:`OfficeReview` signed by the office's seal authority lifts it: the
custodian holds the database key and can delete the ``journal_tampered`` row
or insert a review row, but cannot make that signature. The review names the
journal entry it covers (seq and hash) and the stops it lifts, so it cannot
be replayed onto a later stop or another history.

Lookups go through the journal's ``(kind, request)`` index: cost O(stops and
reviews), never O(journal).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..errors import JournalError
from ..seals.authority import office_signature_ok

__all__ = ["REVIEW_FORMAT", "OfficeReview", "sign_review", "valid_review", "open_stop", "unreviewed_stops",
           "review_lifting"]

REVIEW_FORMAT = "sealstation-review/1"
_DETECTED, _REVIEWED = "journal_tamper_detected", "journal_reviewed"


@dataclass(frozen=True)
class OfficeReview:
    """What the office signs when it lifts a tamper stop."""

    station: str
    """The station id the review is for."""
    reviewer: str
    """The office user who reviewed."""
    note: str
    """What the office found."""
    covers_seq: int
    """The last journal entry the office reviewed (the head when it signed)."""
    covers_hash: str
    """That entry's hash: the review holds only on this history."""
    stops: tuple[str, ...]
    """The stop ids it lifts (those journalled since the last signed review)."""
    format: str = REVIEW_FORMAT

    def canonical(self) -> bytes:
        data = asdict(self) | {"stops": list(self.stops)}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_dict(cls, data: dict) -> "OfficeReview":
        return cls(**(data | {"stops": tuple(data.get("stops", ()))}))


def sign_review(review: OfficeReview, authority) -> str:
    """The seal authority's ECDSA signature over the review (hex)."""
    if authority is None or authority.private_key is None:
        raise JournalError("A journal review is signed by the office's seal authority; its key is not open here.",
                           hint="Run 'sealstation journal review' as the office, with the seal authority passphrase.")
    return authority.sign(review.canonical())


def _signature_ok(review: OfficeReview, signature: str, ca_cert) -> bool:
    return office_signature_ok(ca_cert, review.canonical(), signature)


def valid_review(db, data: dict, ca_cert, station_id: str) -> OfficeReview | None:
    """The review in a ``journal_reviewed`` entry's data, if signed by the office for this station's history."""
    if ca_cert is None or not isinstance(data.get("review"), dict):
        return None
    try:
        review = OfficeReview.from_dict(data["review"])
    except TypeError:
        return None
    if review.format != REVIEW_FORMAT or review.station != station_id:
        return None
    if not _signature_ok(review, str(data.get("signature", "")), ca_cert):
        return None
    covered = db.query("SELECT hash FROM journal WHERE seq = ?", (review.covers_seq,))
    return review if covered and covered[0][0] == review.covers_hash else None


def _last_valid_review(db, ca_cert, station_id: str, *, after: int = 0) -> tuple[int, OfficeReview] | None:
    for seq, data in db.query(f"SELECT seq, data FROM journal WHERE kind = '{_REVIEWED}' AND seq > ? "
                              "ORDER BY seq DESC", (after,)):
        review = valid_review(db, json.loads(data), ca_cert, station_id)
        if review is not None:
            return seq, review
    return None


def open_stop(db, ca_cert, station_id: str) -> int | None:
    """The seq of the last tamper finding that no later signed review covers; None if there is none."""
    rows = db.query(f"SELECT seq FROM journal WHERE kind = '{_DETECTED}' ORDER BY seq DESC LIMIT 1")
    if not rows:
        return None
    detected = rows[0][0]
    found = _last_valid_review(db, ca_cert, station_id, after=detected)
    return None if found is not None and found[1].covers_seq >= detected else detected


def unreviewed_stops(db, ca_cert, station_id: str) -> tuple[str, ...]:
    """Stop ids journalled since the last signed review: what a new review lifts."""
    last = _last_valid_review(db, ca_cert, station_id)
    after = last[0] if last else 0
    stops = []
    for (data,) in db.query(f"SELECT data FROM journal WHERE kind = '{_DETECTED}' AND seq > ? ORDER BY seq", (after,)):
        stop = json.loads(data).get("stop")
        if stop and stop not in stops:
            stops.append(stop)
    return tuple(stops)


def review_lifting(db, ca_cert, station_id: str, stop: str) -> OfficeReview | None:
    """The latest signed review that lifts ``stop`` (a stop recorded on a seal's token), if any."""
    for _seq, data in db.query(f"SELECT seq, data FROM journal WHERE kind = '{_REVIEWED}' ORDER BY seq DESC"):
        review = valid_review(db, json.loads(data), ca_cert, station_id)
        if review is not None and stop in review.stops:
            return review
    return None

"""The station's time never goes backwards: its clock is one witness of time among several.

The custodian cannot set the computer's clock (that needs root), but can run
the station under ``faketime`` or give it another clock: an approval that
expired would stamp again, the PAdES signing time and the journal would be
backdated. So the station also knows the latest time it has *seen*: the time
of its last journal entry, of the entry the checkpoint on the seal's token
covers, and of the office archive's last receipt (the archive's own clock).
Expiry, seal validity and the sync grace are judged against the later of the
clock and that time (:meth:`sealstation.station.Station.now`), and a clock
more than :data:`CLOCK_TOLERANCE` behind it stops the station (a tamper stop,
journalled, lifted by the office's signed review).

A clock set *ahead* by mistake and then put right looks the same as a clock
set back: the station stops, the custodian is told the latest time seen and
where it came from, and the office, once the clock is right, signs a review
(``sealstation journal review``). The review's entry is the one entry whose
time may be earlier than the one before it: it is the office accepting the
clock, and the times after it count from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["CLOCK_TOLERANCE", "TimeSeen", "later", "set_back_words", "CLOCK_HINT"]

CLOCK_TOLERANCE = dt.timedelta(minutes=2)
"""How far behind the latest time seen the clock may be (a time server's step) before the station stops.
Within it the station's time is the latest time seen, so nothing is ever dated earlier than something before it."""

CLOCK_HINT = ("Nothing was signed. Set the computer's clock right (the custodian cannot set it back to stamp). If the "
              "clock had been set ahead by mistake, the office reviews the journal once the clock is right "
              "('sealstation journal review', signed with the seal authority passphrase); stamping then resumes.")


@dataclass(frozen=True)
class TimeSeen:
    """A time the station has seen, and from where."""

    at: dt.datetime
    """Aware (UTC)."""
    source: str
    """In words: "journal entry 812", "the checkpoint on the seal's USB key", "the office archive's receipt"."""


def parse(text: str | dt.datetime | None) -> dt.datetime | None:
    """A stored time (ISO 8601, or a datetime) as an aware datetime; None for nothing or junk."""
    if text is None or text == "":
        return None
    if isinstance(text, dt.datetime):
        value = text
    else:
        try:
            value = dt.datetime.fromisoformat(str(text))
        except ValueError:
            return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def later(*seen: TimeSeen | None) -> TimeSeen | None:
    """The latest of the times seen (None when there is none)."""
    found = [s for s in seen if s is not None]
    return max(found, key=lambda s: s.at) if found else None


def set_back_words(clock: dt.datetime, seen: TimeSeen) -> str:
    """Why the station stops, in words a custodian can act on."""
    behind = seen.at - clock
    hours = behind.total_seconds() / 3600
    how_far = f"{hours:.1f} hours" if hours < 48 else f"{round(hours / 24)} days"
    return (f"the station's clock says {_utc(clock)}, {how_far} earlier than the latest time the station has seen "
            f"({_utc(seen.at)}, {seen.source}): the clock was set back, or had been set ahead by mistake")


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")

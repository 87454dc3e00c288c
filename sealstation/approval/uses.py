"""One use per approved seal: reserved before signing, settled after, recovered after a crash.

A stamp attempt reserves (request, seal) in the same transaction as its
``stamp_started`` entry; the table's UNIQUE (request, seal) constraint makes a
second reservation fail, whichever process tries. The table is keyed by the
attempt (schema 22), the key every later step of the attempt finds it by.
The row then follows the attempt:

``reserved`` → ``signed`` (the verified temp file exists and ``stamp_done``
is committed) → ``placed`` (the file has its final name). A failed attempt
releases its row with its ``stamp_failed`` entry. After a crash, the open rows
say exactly what to finish or undo (see :meth:`Station.recover`), at a cost of
the open attempts, not of the journal.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlcipher3 import IntegrityError

from ..errors import ApprovalError
from ..model import TextEnum

__all__ = ["UseState", "StampUse", "UseStore"]


class UseState(TextEnum):
    """Where an attempt's use of an approved seal stands (the ``stamp_uses.state`` column)."""

    RESERVED = "reserved"
    """Taken by an attempt that has not signed yet."""
    SIGNED = "signed"
    """The verified temp file exists and ``stamp_done`` is committed."""
    PLACED = "placed"
    """The stamped file has its final name."""


@dataclass(frozen=True)
class StampUse:
    """An approved seal's use by one attempt."""

    request_id: str
    seal_id: str
    attempt: int
    """Journal sequence number of the attempt's ``stamp_started``."""
    state: UseState
    output: str
    """The final path of the stamped file."""
    temp: str | None
    """The verified temp file, once signed."""
    sha256_after: str | None


_PLACED = "UPDATE stamp_uses SET state = ?, temp = NULL WHERE attempt = ?"


class UseStore:
    """The ``stamp_uses`` table; every write joins the caller's transaction."""

    def __init__(self, db) -> None:
        self.db = db

    def reserve(self, conn, *, request_id: str, seal_id: str, attempt: int, output: str) -> None:
        try:
            conn.execute("INSERT INTO stamp_uses (request_id, seal_id, attempt, state, output) "
                         "VALUES (?, ?, ?, ?, ?)", (request_id, seal_id, attempt, UseState.RESERVED.value, output))
        except IntegrityError as exc:
            other = self.db.query("SELECT attempt, state FROM stamp_uses WHERE request_id = ? AND seal_id = ?",
                                  (request_id, seal_id))
            busy = other and other[0][1] == UseState.RESERVED
            what = (f"is being used by another stamp (attempt {other[0][0]})" if busy
                    else "is already used up")
            raise ApprovalError(f"The approval of request {request_id} for seal '{seal_id}' {what}.",
                                hint="One approval allows one stamp with each of its seals.",
                                code="approval_in_use" if busy else "approval_used_up", request=request_id,
                                seal=seal_id) from exc

    def signed(self, conn, attempt: int, *, temp: str, sha256_after: str) -> None:
        conn.execute("UPDATE stamp_uses SET state = ?, temp = ?, sha256_after = ? WHERE attempt = ?",
                     (UseState.SIGNED.value, temp, sha256_after, attempt))

    def placed(self, conn, attempt: int) -> None:
        conn.execute(_PLACED, (UseState.PLACED.value, attempt))

    def placed_lazily(self, attempt: int) -> None:
        """After the rename, without waiting for the disk: if a power cut loses it, recovery
        finds the file in place and marks it then (``stamp_recovered``, "already in place")."""
        self.db.execute_lazily(_PLACED, (UseState.PLACED.value, attempt))

    def release(self, conn, attempt: int) -> None:
        conn.execute("DELETE FROM stamp_uses WHERE attempt = ? AND state = ?", (attempt, UseState.RESERVED.value))

    def open_uses(self) -> list[StampUse]:
        # The literal and the unary + let SQLite read the partial index stamp_uses_open (the open uses only):
        # a bound parameter or ORDER BY on the key made it scan every use the station ever made, at every stamp.
        rows = self.db.query("SELECT request_id, seal_id, attempt, state, output, temp, sha256_after "
                             "FROM stamp_uses WHERE state != 'placed' ORDER BY +attempt")
        return [StampUse(request_id, seal_id, attempt, UseState(state), output, temp, sha256_after)
                for request_id, seal_id, attempt, state, output, temp, sha256_after in rows]

"""One use per approved seal: reserved before signing, settled after, recovered after a crash.

A stamp attempt reserves (request, seal) in the same transaction as its
``stamp_started`` entry; the table's primary key makes a second reservation
fail, whichever process tries. The row then follows the attempt:

``reserved`` → ``signed`` (the verified temp file exists and ``stamp_done``
is committed) → ``placed`` (the file has its final name). A failed attempt
releases its row with its ``stamp_failed`` entry. After a crash, the open rows
say exactly what to finish or undo (see :meth:`Station.recover`), at a cost of
the open attempts, not of the journal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ApprovalError

__all__ = ["StampUse", "UseStore"]


@dataclass(frozen=True)
class StampUse:
    """An approved seal's use by one attempt."""

    request_id: str
    seal_id: str
    attempt: int
    """Journal sequence number of the attempt's ``stamp_started``."""
    state: str
    """``reserved``, ``signed`` or ``placed``."""
    output: str
    """The final path of the stamped file."""
    temp: str | None
    """The verified temp file, once signed."""
    sha256_after: str | None


_PLACED = "UPDATE stamp_uses SET state = 'placed', temp = NULL WHERE attempt = ?"


class UseStore:
    """The ``stamp_uses`` table; every write joins the caller's transaction."""

    def __init__(self, db) -> None:
        self.db = db

    def reserve(self, conn, *, request_id: str, seal_id: str, attempt: int, output: str) -> None:
        from sqlcipher3 import IntegrityError

        try:
            conn.execute("INSERT INTO stamp_uses (request_id, seal_id, attempt, state, output) "
                         "VALUES (?, ?, ?, 'reserved', ?)", (request_id, seal_id, attempt, output))
        except IntegrityError as exc:
            other = self.db.query("SELECT attempt, state FROM stamp_uses WHERE request_id = ? AND seal_id = ?",
                                  (request_id, seal_id))
            what = (f"is being used by another stamp (attempt {other[0][0]})" if other and other[0][1] == "reserved"
                    else "is already used up")
            raise ApprovalError(f"The approval of request {request_id} for seal '{seal_id}' {what}.",
                                hint="One approval allows one stamp with each of its seals.") from exc

    def signed(self, conn, attempt: int, *, temp: str, sha256_after: str) -> None:
        conn.execute("UPDATE stamp_uses SET state = 'signed', temp = ?, sha256_after = ? WHERE attempt = ?",
                     (temp, sha256_after, attempt))

    def placed(self, conn, attempt: int) -> None:
        conn.execute(_PLACED, (attempt,))

    def placed_lazily(self, attempt: int) -> None:
        """After the rename, without waiting for the disk: if a power cut loses it, recovery
        finds the file in place and marks it then (``stamp_recovered``, "already in place")."""
        self.db.execute_lazily(_PLACED, (attempt,))

    def release(self, conn, attempt: int) -> None:
        conn.execute("DELETE FROM stamp_uses WHERE attempt = ? AND state = 'reserved'", (attempt,))

    def open_uses(self) -> list[StampUse]:
        rows = self.db.query("SELECT request_id, seal_id, attempt, state, output, temp, sha256_after "
                             "FROM stamp_uses WHERE state != 'placed' ORDER BY attempt")
        return [StampUse(*row) for row in rows]

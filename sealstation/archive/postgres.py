"""The PostgreSQL archive (an office server for many sites), through psycopg 3.

Each station connects with its own database role, which may only INSERT (and
read) the archive tables, and only the columns it has to fill (the row's id,
who sent it and when are the server's): the grants give it nothing else, and a trigger
refuses UPDATE, DELETE and TRUNCATE for everyone, so even a station's own
credentials cannot rewrite what it sent. A segment is one row, unique by its
digest (``INSERT … ON CONFLICT DO NOTHING``, which needs no UPDATE right):
the same segment sent twice is stored once. Rows are numbered by a sequence:
the order received.

The office's administrator installs the schema once (:data:`SCHEMA_SQL`,
:func:`install_schema`) and makes each station's role
(:func:`grant_station_role`). Passwords come from the OS keyring
(:func:`~sealstation.archive.config.archive_password`); TLS is used when the
server offers it (``sslmode=prefer`` unless the location sets another).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Iterator

from ..errors import ArchiveError, ArchiveUnreachableError
from .backend import SegmentHead, StoredSegment
from .config import archive_password
from .reservations import RESERVATION_COLUMNS, RESERVATIONS_SQL
from .segment import SignedSegment, parse_segment

__all__ = ["PostgresArchive", "SCHEMA_SQL", "install_schema", "grant_station_role"]

_TABLES_SQL = """
CREATE TABLE IF NOT EXISTS archive_segments (
    id BIGSERIAL PRIMARY KEY,
    station TEXT NOT NULL,
    first_seq BIGINT NOT NULL,
    last_seq BIGINT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    sent_by NAME NOT NULL DEFAULT current_user,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS archive_segments_station ON archive_segments (station, id);
CREATE TABLE IF NOT EXISTS archive_documents (
    sha256 TEXT PRIMARY KEY,
    station TEXT NOT NULL,
    data BYTEA NOT NULL,
    sent_by NAME NOT NULL DEFAULT current_user,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS archive_sightings (
    id BIGSERIAL PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL,
    file_name TEXT NOT NULL,
    field TEXT NOT NULL,
    signer TEXT NOT NULL,
    seal TEXT NOT NULL,
    digest TEXT NOT NULL,
    seen_by NAME NOT NULL DEFAULT current_user,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS archive_sightings_seen_at ON archive_sightings (seen_at);
CREATE OR REPLACE FUNCTION archive_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the office archive is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$;
{reservations}{triggers}{revoke}"""

_APPEND_ONLY = ("archive_segments", "archive_documents", "archive_sightings", "copy_reservations")
"""Every archive table: rows are added, never changed or removed (for any role, the owner's included)."""

SCHEMA_SQL = _TABLES_SQL.replace("{reservations}", RESERVATIONS_SQL).replace("{revoke}", f"REVOKE ALL ON {', '.join(_APPEND_ONLY)} FROM PUBLIC;\n").replace(
    "{triggers}", "".join(f"""DROP TRIGGER IF EXISTS {t}_append_only ON {t};
CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t}
    FOR EACH ROW EXECUTE FUNCTION archive_refuse_change();
DROP TRIGGER IF EXISTS {t}_no_truncate ON {t};
CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t}
    FOR EACH STATEMENT EXECUTE FUNCTION archive_refuse_change();
""" for t in _APPEND_ONLY))


def install_schema(admin_conn) -> None:
    """Create the archive tables and their append-only triggers (run by the office's administrator)."""
    with admin_conn.transaction():
        admin_conn.execute(SCHEMA_SQL)


_STATION_COLUMNS = {
    "archive_segments": ("station", "first_seq", "last_seq", "digest", "body"),
    "archive_documents": ("sha256", "station", "data"),
    "archive_sightings": ("seen_at", "file_name", "field", "signer", "seal", "digest"),
}
"""The columns a station may fill: the server's own (row id, ``sent_by``, ``seen_by``, ``received_at``) are left to
their defaults, so a station can neither claim another role's row nor date or order its row as it likes."""


def grant_station_role(admin_conn, role: str, password: str | None) -> None:
    """A station's login role: SELECT on the archive tables and INSERT of :data:`_STATION_COLUMNS`, nothing else."""
    from psycopg import sql

    name = sql.Identifier(role)
    with admin_conn.transaction():
        exists = admin_conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        admin_conn.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(name, sql.Literal(password)))
        for table, columns in {**_STATION_COLUMNS, **RESERVATION_COLUMNS}.items():
            table_id = sql.Identifier(table)
            admin_conn.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(table_id, name))  # an older, wider grant
            admin_conn.execute(sql.SQL("GRANT SELECT, INSERT ({}) ON {} TO {}").format(
                sql.SQL(", ").join(map(sql.Identifier, columns)), table_id, name))
        admin_conn.execute(sql.SQL("GRANT USAGE ON SEQUENCE archive_segments_id_seq, archive_sightings_id_seq, "
                                   "copy_reservations_id_seq TO {}").format(name))


def _wrap(location: str, exc: Exception) -> ArchiveError:
    import psycopg

    if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)):
        return ArchiveUnreachableError(f"The office archive {location} cannot be reached now: {exc}".rstrip(),
                                       hint="Nothing was lost: the records stay queued here and go at the next sync.",
                                       archive=location, reason=str(exc).strip())
    return ArchiveError(f"The office archive {location} refused the request: {exc}".rstrip(),
                        hint="The office checks the station's database role and the archive schema.")


class PostgresArchive:
    """The archive tables on a PostgreSQL server, as one station (or the office) connects to them."""

    numbered = False
    """Row ids are shared by all stations: a gap between a station's segments is another station's."""

    def __init__(self, conn, location: str) -> None:
        self.conn, self.location = conn, location

    @classmethod
    def connect(cls, location: str, *, password: str | None = None) -> "PostgresArchive":
        import psycopg
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        given = conninfo_to_dict(location)
        extra = {"sslmode": "prefer"} if "sslmode" not in given else {}
        if "connect_timeout" not in given:
            extra["connect_timeout"] = 10
        secret = password if password is not None else archive_password(location)
        if secret is not None:
            extra["password"] = secret
        try:
            conn = psycopg.connect(make_conninfo(location, **extra), autocommit=True)
        except psycopg.Error as exc:
            raise _wrap(location, exc) from exc
        return cls(conn, location)

    def reopener(self):
        """A picklable call that connects again (a worker process's own, :mod:`.pool`): the password comes from the
        OS keyring there too, never through the call."""
        return functools.partial(PostgresArchive.connect, self.location)

    def _query(self, sql: str, params=()) -> list:
        import psycopg

        try:
            return self.conn.execute(sql, params).fetchall()
        except psycopg.Error as exc:
            raise _wrap(self.location, exc) from exc

    def put_segment(self, signed: SignedSegment) -> bool:
        seg = signed.segment
        rows = self._query(
            "INSERT INTO archive_segments (station, first_seq, last_seq, digest, body) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (digest) DO NOTHING RETURNING id",
            (seg.station, seg.first, seg.last, signed.digest, signed.to_bytes().decode("utf-8")))
        return bool(rows)

    def put_document(self, station: str, sha256: str, data: bytes) -> None:
        self._query("INSERT INTO archive_documents (sha256, station, data) VALUES (%s, %s, %s) "
                    "ON CONFLICT (sha256) DO NOTHING RETURNING sha256", (sha256, station, data))

    def _stored(self, row) -> StoredSegment:
        rid, first, last, digest, body, received, sent_by = row
        head = SegmentHead(rid, first, last, digest)
        try:
            return StoredSegment(head, parse_segment(body.encode("utf-8")), received_at=received, sent_by=sent_by)
        except (ValueError, KeyError, TypeError) as exc:
            return StoredSegment(head, None, f"it cannot be read as a segment ({exc})", received_at=received,
                                 sent_by=sent_by)

    _COLS = "id, first_seq, last_seq, digest, body, received_at, sent_by"
    """``received_at`` and ``sent_by`` are the server's (column defaults the station role cannot fill)."""

    def receipt_time(self, station: str) -> dt.datetime | None:
        rows = self._query("SELECT received_at FROM archive_segments WHERE station = %s ORDER BY id DESC LIMIT 1",
                           (station,))
        return rows[0][0] if rows else None

    def _own(self, station: str, rows) -> SignedSegment | None:
        """The first row that reads as ``station``'s segment: a row another role filed under its name (junk, or
        another station's) must not move where the station's sync continues; ``archive verify`` names it."""
        for row in rows:
            signed = self._stored(row).signed
            if signed is not None and signed.segment.station == station:
                return signed
        return None

    def latest(self, station: str) -> SignedSegment | None:
        return self._own(station, self._query(f"SELECT {self._COLS} FROM archive_segments WHERE station = %s "
                                              "ORDER BY id DESC LIMIT 20", (station,)))

    def hash_at(self, station: str, seq: int) -> str | None:
        signed = self._own(station, self._query(f"SELECT {self._COLS} FROM archive_segments WHERE station = %s AND "
                                                "first_seq <= %s AND last_seq >= %s ORDER BY id DESC LIMIT 20",
                                                (station, seq, seq)))
        if signed is None:
            return None
        return next((e["hash"] for e in signed.segment.entries if e["seq"] == seq), None)

    def stations(self) -> list[str]:
        return [r[0] for r in self._query("SELECT DISTINCT station FROM archive_segments ORDER BY station")]

    def _stream(self, sql: str, params) -> Iterator[StoredSegment]:
        import psycopg

        try:
            with self.conn.transaction(), self.conn.cursor(name="archive_read") as cur:  # streamed, bounded memory
                cur.itersize = 200
                cur.execute(sql, params)
                for row in cur:
                    yield self._stored(row)
        except psycopg.Error as exc:
            raise _wrap(self.location, exc) from exc

    def segments(self, station: str) -> Iterator[StoredSegment]:
        return self._stream(f"SELECT {self._COLS} FROM archive_segments WHERE station = %s ORDER BY id", (station,))

    def find_text(self, text: str) -> Iterator[StoredSegment]:
        return self._stream(f"SELECT {self._COLS} FROM archive_segments WHERE strpos(body, %s) > 0 ORDER BY id",
                            (text,))

    def put_sighting(self, sighting) -> None:
        # seen_by is the connecting role (the column's default), not what the caller says.
        self._query("INSERT INTO archive_sightings (seen_at, file_name, field, signer, seal, digest) "
                    "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id", (sighting.seen_at, sighting.file_name,
                                                                      sighting.field, sighting.signer, sighting.seal,
                                                                      sighting.digest))

    def sightings(self, month: str) -> list:
        from .sightings import Sighting
        from .summary import month_bounds

        start, end = month_bounds(month)
        rows = self._query("SELECT seen_at, file_name, field, signer, seal, digest, seen_by FROM archive_sightings "
                           "WHERE seen_at >= %s AND seen_at < %s ORDER BY seen_at, id", (start, end))
        return [Sighting(at.astimezone(dt.timezone.utc).isoformat(timespec="seconds"), *rest) for at, *rest in rows]

    def close(self) -> None:
        self.conn.close()

    # -- copy reservations (:mod:`.reservations`) --------------------------------------

    def reserve_copy(self, reservation) -> None:
        """Store a copy's reservation before it is printed; CopyReservationRefused when its serial is there."""
        from .reservations import pg_reserve_copy

        try:
            pg_reserve_copy(self, reservation)
        except OSError as exc:
            raise ArchiveUnreachableError(f"The office archive {self.location} cannot be reached now: {exc}",
                                          hint="The copy waits for the archive (or the office's offline grace).",
                                          code="archive_unreachable_copy", archive=self.location,
                                          reason=str(exc).strip()) from exc
        except ArchiveError:
            raise
        except Exception as exc:  # noqa: BLE001 - psycopg's other errors, said in the station's words
            raise _wrap(self.location, exc) from exc

    def copy_reservations(self, station: str) -> list:
        from .reservations import pg_copy_reservations

        return pg_copy_reservations(self, station)

    def last_copy_reservation(self, station: str):
        """The station's reservation with the highest journal entry, or None."""
        from .reservations import pg_copy_reservations

        found = pg_copy_reservations(self, station, last_only=True)
        return found[0] if found else None

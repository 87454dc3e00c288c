"""Versioned schema migrations: one step a version, each in its own transaction.

The schema version is SQLite's ``user_version``. A database at any earlier
version is brought forward step by step; a database from a newer SealStation
is refused rather than guessed at.

An existing database brought forward (an upgraded SealStation opening an older
station) notes, in the same transaction as each step, the version it started
from (``station_state`` key :data:`MIGRATED_FROM`); :func:`journal_migrations`
journals the steps once (``schema_migrated``) and removes the note in one
transaction, when the station is opened. A crash between the two leaves the note,
so the next open journals it: the steps are journalled once, never lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import JournalError

__all__ = ["Migration", "MIGRATIONS", "migrate", "schema_version", "LATEST", "MIGRATED_FROM", "journal_migrations"]


@dataclass(frozen=True)
class Migration:
    """One schema step."""

    version: int
    """The schema version after this step."""
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "journal: append-only, hash-chained entries", (
        """CREATE TABLE journal (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""",
        "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END",
        "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END",
    )),
    Migration(2, "journal index by kind and time; station state flags", (
        "CREATE INDEX journal_kind_at ON journal(kind, at)",
        "CREATE INDEX journal_at ON journal(at)",
        "CREATE TABLE station_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    )),
    Migration(3, "users and roles", (
        """CREATE TABLE users (
            username TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            roles TEXT NOT NULL,
            approver_level TEXT,
            password_hash TEXT NOT NULL,
            password_set_at TEXT NOT NULL,
            must_change INTEGER NOT NULL DEFAULT 1,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )""",
    )),
    Migration(4, "seal register with versions (history kept)", (
        """CREATE TABLE seals (
            seal_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            record TEXT NOT NULL,
            signature TEXT NOT NULL,
            status TEXT NOT NULL,
            custodian TEXT,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (seal_id, version)
        )""",
        """CREATE TABLE delegations (
            id INTEGER PRIMARY KEY,
            seal_id TEXT NOT NULL,
            delegate TEXT NOT NULL,
            starts TEXT NOT NULL,
            ends TEXT NOT NULL,
            reason TEXT NOT NULL,
            approved_by TEXT NOT NULL,
            ended_logged INTEGER NOT NULL DEFAULT 0
        )""",
    )),
    Migration(5, "stamp requests and approvals", (
        """CREATE TABLE requests (
            id TEXT PRIMARY KEY,
            document_name TEXT NOT NULL,
            document_sha256 TEXT NOT NULL,
            page_count INTEGER NOT NULL,
            seals TEXT NOT NULL,
            purpose TEXT NOT NULL,
            copies INTEGER NOT NULL,
            requester TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL,
            reason TEXT,
            supersedes TEXT
        )""",
        """CREATE TABLE approvals (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests(id),
            approver TEXT NOT NULL,
            decision TEXT NOT NULL,
            document_sha256 TEXT NOT NULL,
            seals TEXT NOT NULL,
            copies INTEGER NOT NULL,
            at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            source TEXT NOT NULL
        )""",
        """CREATE TABLE stamps (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests(id),
            seal_id TEXT NOT NULL,
            output_sha256 TEXT NOT NULL,
            output_name TEXT NOT NULL,
            at TEXT NOT NULL,
            superseded INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE TABLE approver_keys (approver TEXT PRIMARY KEY, public_key_pem TEXT NOT NULL, registered_by TEXT NOT NULL, at TEXT NOT NULL)",
    )),
    Migration(6, "find requests by document and state without scanning them all", (
        "CREATE INDEX requests_document ON requests(document_sha256)",
        "CREATE INDEX requests_state ON requests(state)",
        "CREATE INDEX approvals_request ON approvals(request_id)",
        "CREATE INDEX stamps_request ON stamps(request_id)",
    )),
    Migration(7, "OA approval ids imported, each at most once (UNIQUE)", (
        """CREATE TABLE oa_imports (
            id INTEGER PRIMARY KEY,
            oa_id TEXT NOT NULL UNIQUE,
            request_id TEXT NOT NULL REFERENCES requests(id),
            approver TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            imported_at TEXT NOT NULL
        )""",
        "CREATE TRIGGER oa_imports_no_update BEFORE UPDATE ON oa_imports BEGIN SELECT RAISE(ABORT, 'oa_imports is append-only'); END",
        "CREATE TRIGGER oa_imports_no_delete BEFORE DELETE ON oa_imports BEGIN SELECT RAISE(ABORT, 'oa_imports is append-only'); END",
    )),
    Migration(8, "one use per approved seal, reserved before signing; stamps found by their output", (
        # The primary key is the constraint: a second attempt on the same approved seal
        # cannot be reserved while the first is live or done, whichever process tries.
        """CREATE TABLE stamp_uses (
            request_id TEXT NOT NULL REFERENCES requests(id),
            seal_id TEXT NOT NULL,
            attempt INTEGER NOT NULL UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('reserved', 'signed', 'placed')),
            output TEXT NOT NULL,
            temp TEXT,
            sha256_after TEXT,
            PRIMARY KEY (request_id, seal_id)
        )""",
        "CREATE INDEX stamp_uses_open ON stamp_uses(state) WHERE state != 'placed'",
        "CREATE INDEX stamps_output ON stamps(output_sha256)",
    )),
    Migration(9, "journal entries of one kind by seq: tamper stops, reviews and checkpoints found without a scan", (
        "CREATE INDEX journal_kind_seq ON journal(kind, seq)",
    )),
    Migration(10, "office-signed user records: version, approver key pair (private part under the password), signature", (
        "ALTER TABLE users ADD COLUMN record_version INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE users ADD COLUMN public_key_pem TEXT",
        "ALTER TABLE users ADD COLUMN private_key_enc TEXT",
        "ALTER TABLE users ADD COLUMN record_signature TEXT",
    )),
    Migration(11, "approvals signed by their approver; delegations and approver key registrations signed by the office", (
        "ALTER TABLE approvals ADD COLUMN signed_payload TEXT",
        "ALTER TABLE approvals ADD COLUMN signature TEXT",
        "ALTER TABLE delegations ADD COLUMN signature TEXT",
        "ALTER TABLE approver_keys ADD COLUMN signature TEXT",
    )),
    Migration(12, "delegations carry a version per seal, signed by the office (the token's counter checks it)", (
        "ALTER TABLE delegations ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
    )),
    Migration(13, "the journal's decisive entries about a request found by its id (the gate asks the chain, not rows)", (
        "CREATE INDEX journal_request ON journal(json_extract(data, '$.request')) "
        "WHERE kind IN ('stamp_done', 'request_returned', 'approval_refused')",
    )),
    Migration(14, "the station's own key pair (kept in the encrypted store) and its office-issued certificate", (
        """CREATE TABLE station_key (
            version INTEGER PRIMARY KEY,
            station_id TEXT NOT NULL,
            key_pem TEXT NOT NULL,
            cert_pem TEXT NOT NULL,
            made_at TEXT NOT NULL,
            made_by TEXT NOT NULL
        )""",
        "CREATE TRIGGER station_key_no_update BEFORE UPDATE ON station_key "
        "BEGIN SELECT RAISE(ABORT, 'station keys are replaced, not edited'); END",
    )),
    Migration(15, "office archive: what each archive acknowledged, retries; checkpoints handed to the archive", (
        # Bookkeeping, not evidence: the archive itself says what it holds at every sync.
        """CREATE TABLE archive_sync (
            archive TEXT PRIMARY KEY,
            acked_seq INTEGER NOT NULL DEFAULT 0,
            acked_hash TEXT,
            last_success TEXT,
            last_attempt TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_try TEXT,
            last_error TEXT
        )""",
        """CREATE TABLE archive_checkpoints (
            id INTEGER PRIMARY KEY,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
        "CREATE TRIGGER archive_checkpoints_no_update BEFORE UPDATE ON archive_checkpoints "
        "BEGIN SELECT RAISE(ABORT, 'archive_checkpoints is append-only'); END",
        "CREATE TRIGGER archive_checkpoints_no_delete BEFORE DELETE ON archive_checkpoints "
        "BEGIN SELECT RAISE(ABORT, 'archive_checkpoints is append-only'); END",
    )),
    Migration(16, "printed copies: each copy reserved under UNIQUE (allowance, slot); extra and replacement allowances; "
                  "copy voids and recalls (append-only); print entries found by request", (
        # The UNIQUE pair is the constraint: of two processes taking the last copy, one insert fails.
        # AUTOINCREMENT: a serial handed out once (even to a failed job) is never handed out again.
        """CREATE TABLE print_copies (
            serial_no INTEGER PRIMARY KEY AUTOINCREMENT,
            serial TEXT NOT NULL UNIQUE,
            allowance TEXT NOT NULL,
            slot INTEGER NOT NULL CHECK (slot >= 1),
            request_id TEXT NOT NULL REFERENCES requests(id),
            kind TEXT NOT NULL CHECK (kind IN ('first', 'extra', 'replacement')),
            of_total INTEGER NOT NULL,
            document_name TEXT NOT NULL,
            document_sha256 TEXT NOT NULL,
            destination TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('reserved', 'sending', 'printed')),
            job TEXT,
            payload TEXT NOT NULL,
            custodian TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (allowance, slot)
        )""",
        "CREATE INDEX print_copies_request ON print_copies(request_id)",
        "CREATE INDEX print_copies_open ON print_copies(state) WHERE state != 'printed'",
        """CREATE TABLE print_allowances (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('extra', 'replacement')),
            request_id TEXT NOT NULL REFERENCES requests(id),
            document_sha256 TEXT NOT NULL,
            copies INTEGER NOT NULL CHECK (copies >= 1),
            approved_by TEXT NOT NULL,
            signed_payload TEXT NOT NULL,
            signature TEXT NOT NULL
        )""",
        "CREATE INDEX print_allowances_document ON print_allowances(document_sha256)",
        "CREATE TRIGGER print_allowances_no_update BEFORE UPDATE ON print_allowances "
        "BEGIN SELECT RAISE(ABORT, 'print allowances are append-only'); END",
        """CREATE TABLE copy_events (
            id INTEGER PRIMARY KEY,
            serial TEXT NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('voided', 'recalled')),
            request_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            by TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (serial, event)
        )""",
        "CREATE TRIGGER copy_events_no_update BEFORE UPDATE ON copy_events "
        "BEGIN SELECT RAISE(ABORT, 'copy events are append-only'); END",
        "CREATE TRIGGER copy_events_no_delete BEFORE DELETE ON copy_events "
        "BEGIN SELECT RAISE(ABORT, 'copy events are append-only'); END",
        "CREATE INDEX journal_print ON journal(json_extract(data, '$.request')) "
        "WHERE kind IN ('print_job', 'copy_voided', 'copy_recalled')",
    )),
    Migration(17, "copies counted from the journal: a request's reservations, jobs, voids and recalls found by its id", (
        "CREATE INDEX journal_copies ON journal(json_extract(data, '$.request')) "
        "WHERE kind IN ('copy_reserved', 'print_job', 'copy_voided', 'copy_recalled')",
    )),
    Migration(18, "journal hash binds the kind outside the body digest from the next entry on; the archive's latest "
                  "receipt time and whether the old-format entries were sent in full", (
        # The switch point: entries from here on must use the new formula (journal verify, the checkpoint).
        # Moving the row only raises false alarms; the archive does not rely on it (old-format entries go in full).
        "INSERT OR IGNORE INTO station_state (key, value) "
        "SELECT 'journal_format_2_from', CAST(COALESCE(MAX(seq), 0) + 1 AS TEXT) FROM journal",
        "ALTER TABLE archive_sync ADD COLUMN latest_receipt TEXT",
        "ALTER TABLE archive_sync ADD COLUMN legacy_sent INTEGER NOT NULL DEFAULT 0",
    )),
    Migration(19, "the signed records each stamp was judged by (policy, users, seal, delegation, approval), by SHA-256, "
                  "for the office archive to re-check against the office's own authority", (
        "CREATE TABLE authority_records (sha256 TEXT PRIMARY KEY, record TEXT NOT NULL)",
        "CREATE TRIGGER authority_records_no_update BEFORE UPDATE ON authority_records "
        "BEGIN SELECT RAISE(ABORT, 'authority records are append-only'); END",
    )),
    Migration(20, "each append writes fewer index pages: (kind, at) is served by (kind, seq), and a date range "
                  "(journal export only) reads the journal in order", (
        "DROP INDEX IF EXISTS journal_kind_at",
        "DROP INDEX IF EXISTS journal_at",
    )),
    Migration(21, "where each request's document was when the station received it (the work queue opens it; a hint, "
                  "never evidence: the document's SHA-256 decides); print allowances found by request", (
        "ALTER TABLE requests ADD COLUMN document_path TEXT",
        # The queue sums a stamped request's extra copies by request, for each stamped request it considers.
        "CREATE INDEX print_allowances_request ON print_allowances(request_id)",
    )),
    Migration(22, "fewer pages written a stamp and an entry: stamp_uses keyed by its attempt (one B-tree less per "
                  "reservation) and the journal_print index dropped (no query names its kinds; journal_copies "
                  "covers them)", (
        # authority_records stays a row-id table: WITHOUT ROWID, its ~500-byte records under random SHA-256 keys
        # split pages so often that a stamp wrote 0.7 pages more, not one less (measured, issue 16).
        # The same columns and constraints: (request_id, seal_id) stays UNIQUE, the constraint that stops a second
        # reservation of one approved seal whichever process tries. attempt (the journal seq of stamp_started) was
        # NOT NULL UNIQUE and is now the table's key (an INTEGER PRIMARY KEY: the row id itself).
        """CREATE TABLE stamp_uses_by_attempt (
            attempt INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests(id),
            seal_id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('reserved', 'signed', 'placed')),
            output TEXT NOT NULL,
            temp TEXT,
            sha256_after TEXT,
            UNIQUE (request_id, seal_id)
        )""",
        "INSERT INTO stamp_uses_by_attempt (attempt, request_id, seal_id, state, output, temp, sha256_after) "
        "SELECT attempt, request_id, seal_id, state, output, temp, sha256_after FROM stamp_uses",
        "DROP TABLE stamp_uses",
        "ALTER TABLE stamp_uses_by_attempt RENAME TO stamp_uses",
        "CREATE INDEX stamp_uses_open ON stamp_uses(state) WHERE state != 'placed'",
        "DROP INDEX IF EXISTS journal_print",
    )),
    Migration(23, "a request's whole story found by its id (the auditor's journal view): the kinds about a request "
                  "that journal_request and journal_copies do not cover", (
        # Partial, like those two: an entry of another kind (a login, a copy printed) writes no page of it; the
        # story asks each index with its own literal list of kinds (sealstation/journal/query.py).
        "CREATE INDEX journal_story ON journal(json_extract(data, '$.request')) "
        "WHERE kind IN ('request_received', 'approval_granted', 'stamp_started', 'stamp_interrupted', "
        "'stamp_recovered', 'print_allowance', 'print_refused')",
    )),
    Migration(24, "batch requests (issue 19): the requests one approver approved together under one signature over "
                  "the list of their documents' SHA-256 share a batch id; each document stays a request of its own "
                  "(its own reservation, stamp and journal entries)", (
        "ALTER TABLE requests ADD COLUMN batch_id TEXT",
        "CREATE INDEX requests_batch ON requests(batch_id) WHERE batch_id IS NOT NULL",
    )),
    Migration(25, "one index of the journal, by kind and request: every entry writes one index page, not two (the "
                  "(kind, seq) index and one on data.request); the partial indexes on data.request go", (
        # Each index page a commit writes is encrypted and flushed: an entry about a request wrote three pages
        # where plain SQLite writes one (issue 16). The index ends with the row id (seq), so within a kind and a
        # request, and within a kind whose entries name no request, its entries stand in seq order. The frequent
        # kinds read by kind alone in seq order (stamp_started, stamp_done, copy_reserved) are read by the key from
        # a known seq on (journal.latest_of_kind and journal.kind_term). Not partial: any query naming a kind uses
        # it, with parameters or literals alike.
        "CREATE INDEX journal_kind_request ON journal(kind, json_extract(data, '$.request'))",
        "DROP INDEX IF EXISTS journal_kind_seq",
        "DROP INDEX IF EXISTS journal_request",
        "DROP INDEX IF EXISTS journal_copies",
        "DROP INDEX IF EXISTS journal_story",
    )),
)
LATEST = MIGRATIONS[-1].version
MIGRATED_FROM = "schema_migrated_from"
"""``station_state`` key: the schema version an existing database was brought forward from, until journalled."""


def schema_version(db) -> int:
    return db.query("PRAGMA user_version")[0][0]


def migrate(db, target: int = LATEST) -> int:
    """Apply every missing step up to ``target``; return the version reached."""
    current = schema_version(db)
    if current > LATEST:
        raise JournalError(
            f"The station database {db.path} is at schema version {current}, newer than this SealStation ({LATEST}).",
            hint="Install the SealStation version that wrote it.",
        )
    start = current
    for step in MIGRATIONS:
        if current < step.version <= target:
            with db.transaction() as conn:
                for sql in step.statements:
                    conn.execute(sql)
                if start > 0 and step.version >= 2:  # an existing database (station_state is made by step 2)
                    conn.execute("INSERT OR IGNORE INTO station_state (key, value) VALUES (?, ?)",
                                 (MIGRATED_FROM, str(start)))
                conn.execute(f"PRAGMA user_version = {step.version}")
            current = step.version
    return current


def journal_migrations(db, journal) -> int | None:
    """Journal the steps an existing database was brought forward by, once; return the version it came from.

    One ``schema_migrated`` entry (from, to, each step's version and description) and the note's removal, in one
    transaction; None when nothing was migrated since the last time.
    """
    from .journal import JournalKind

    if schema_version(db) < 2:
        return None
    rows = db.query("SELECT value FROM station_state WHERE key = ?", (MIGRATED_FROM,))
    if not rows:
        return None
    start, now = int(rows[0][0]), schema_version(db)
    with db.transaction() as conn:
        journal.append(JournalKind.SCHEMA_MIGRATED, {
            "from": start, "to": now,
            "steps": [{"version": m.version, "description": m.description} for m in MIGRATIONS
                      if start < m.version <= now]})
        conn.execute("DELETE FROM station_state WHERE key = ?", (MIGRATED_FROM,))
    return start

"""What an insider with the station's OS account can do to its database: open it with the station's own key."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from sealstation.config import StationHome
from sealstation.journal.journal import GENESIS, entry_hash
from sealstation.journal.keystore import keyring_key
from sealstation.journal.store import CIPHER_SETTINGS


def insider_sql(home: Path):
    """The database opened as the custodian can: the station's own key from its keyring."""
    config = StationHome(home).load_config()
    conn = sqlcipher3.connect(str(home / "station.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{keyring_key(config.station_id, create=False).hex()}'\"")
    for statement in CIPHER_SETTINGS:  # the settings are no secret: they are in the program
        conn.execute(statement)
    return conn


def insider_station_identity(home: Path):
    """The station's own signing key and certificate, read from its database as the custodian can."""
    from sealstation.station_key import StationIdentity

    conn = insider_sql(home)
    try:
        key_pem, cert_pem = conn.execute(
            "SELECT key_pem, cert_pem FROM station_key ORDER BY version DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return StationIdentity.from_pem(key_pem.encode("ascii"), cert_pem.encode("ascii"))


def rehash_from(conn, seq: int) -> None:
    """Recompute every entry's link and hash from ``seq`` on, so the chain verifies again."""
    prev = conn.execute("SELECT hash FROM journal WHERE seq = ?", (seq - 1,)).fetchone()
    prev = prev[0] if prev else GENESIS
    for row_seq, at, actor, kind, data in conn.execute(
            "SELECT seq, at, actor, kind, data FROM journal WHERE seq >= ? ORDER BY seq", (seq,)).fetchall():
        digest = entry_hash(row_seq, at, actor, kind, data, prev)
        conn.execute("UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row_seq))
        prev = digest


def backdate_from(home: Path, seq: int, delta) -> None:
    """Date every entry from ``seq`` on ``delta`` earlier and re-hash the chain, as an insider with the key can
    (the station itself never dates an entry before the last one)."""
    import datetime as dt

    conn = insider_sql(home)
    try:
        conn.execute("DROP TRIGGER IF EXISTS journal_no_update")
        for row_seq, at in conn.execute("SELECT seq, at FROM journal WHERE seq >= ?", (seq,)).fetchall():
            earlier = (dt.datetime.fromisoformat(at) - delta).isoformat(timespec="seconds")
            conn.execute("UPDATE journal SET at = ? WHERE seq = ?", (earlier, row_seq))
        rehash_from(conn, seq)
        conn.commit()
    finally:
        conn.close()

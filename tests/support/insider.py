"""What an insider with the station's OS account can do to its database: open it with the station's own key."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from sealstation.config import StationHome
from sealstation.journal.journal import GENESIS, entry_hash
from sealstation.journal.keystore import keyring_key


def insider_sql(home: Path):
    """The database opened as the custodian can: the station's own key from its keyring."""
    config = StationHome(home).load_config()
    conn = sqlcipher3.connect(str(home / "station.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{keyring_key(config.station_id, create=False).hex()}'\"")
    return conn


def rehash_from(conn, seq: int) -> None:
    """Recompute every entry's link and hash from ``seq`` on, so the chain verifies again."""
    prev = conn.execute("SELECT hash FROM journal WHERE seq = ?", (seq - 1,)).fetchone()
    prev = prev[0] if prev else GENESIS
    for row_seq, at, actor, kind, data in conn.execute(
            "SELECT seq, at, actor, kind, data FROM journal WHERE seq >= ? ORDER BY seq", (seq,)).fetchall():
        digest = entry_hash(row_seq, at, actor, kind, data, prev)
        conn.execute("UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row_seq))
        prev = digest

"""What an insider with the station's OS account can do to its database: open it with the station's own key."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from sealstation.config import StationHome
from sealstation.journal.keystore import keyring_key


def insider_sql(home: Path):
    """The database opened as the custodian can: the station's own key from its keyring."""
    config = StationHome(home).load_config()
    conn = sqlcipher3.connect(str(home / "station.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{keyring_key(config.station_id, create=False).hex()}'\"")
    return conn

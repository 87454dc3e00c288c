"""Restoring a station whose journal key comes from a passphrase (no OS keyring): the key is not in the backup."""

from __future__ import annotations

import json

import pytest

from sealstation import demo
from sealstation.backup.keys import read_identity
from sealstation.errors import RestoreRefusedError
from sealstation.seals.authority import SealAuthority
from sealstation.station import Station


@pytest.mark.slow  # builds the demo station on its own SoftHSM2 token
def test_a_mistyped_journal_passphrase_at_restore_is_named_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "_secure_keyring", lambda: False)  # as on a machine without an OS keyring
    info = demo.build_demo_station(tmp_path / "station")
    creds = json.loads(info.credentials_path.read_text())
    identity, backup = tmp_path / "office-identity.txt", tmp_path / "station.sealbackup"
    with Station.open(info.home, journal_passphrase=creds["journal_passphrase"]) as station:
        authority = SealAuthority.load(station.home.ca_cert_path, station.home.ca_key_path,
                                       creds["seal_authority_passphrase"])
        station.set_backup_key(identity, by="admin", password=creds["users"]["admin"], authority=authority)
        station.backup(backup, user="custodian", password=creds["users"]["custodian"])
        ca = station.ca_cert
    target = tmp_path / "restored"
    with pytest.raises(RestoreRefusedError, match="journal passphrase is wrong") as refused:
        Station.restore(backup, identity=read_identity(identity), home=target, ca_cert=ca,
                        journal_passphrase="mistyped")
    assert "nothing was restored" in refused.value.message and "keyring" not in str(refused.value)
    assert not target.exists()
    restored = Station.restore(backup, identity=read_identity(identity), home=target, ca_cert=ca,
                               journal_passphrase=creds["journal_passphrase"])
    assert restored.header.station == "demo-station"

"""Restoring a station whose journal key comes from a passphrase (no OS keyring): the key is not in the backup.

The demo builds such a station on its own SoftHSM2 token, so every step is a process of its own
(one process uses one PKCS#11 module configuration).
"""

from __future__ import annotations

import json

import pytest

from support.cli import run_cli

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # as on a headless machine


@pytest.mark.slow  # the demo, a backup and two restores as processes
def test_a_mistyped_journal_passphrase_at_restore_is_named_and_nothing_is_written(tmp_path):
    home = tmp_path / "station"
    proc = run_cli("demo", "--no-gui", home=home, env_extra=NO_KEYRING)
    assert proc.returncode == 0, proc.stderr
    creds = json.loads((home / "demo-credentials.json").read_text())
    journal = creds["journal_passphrase"] + "\n"
    identity, backup, ca = tmp_path / "office-identity.txt", tmp_path / "station.sealbackup", tmp_path / "ca.pem"
    ca.write_bytes((home / "office" / "seal-authority.pem").read_bytes())
    proc = run_cli("backup", "office-key", "--out", str(identity), "--by", "admin", "--stdin-secrets", home=home,
                   stdin=journal + f"{creds['users']['admin']}\n{creds['seal_authority_passphrase']}\n",
                   env_extra=NO_KEYRING)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("backup", "--out", str(backup), "--user", "custodian", "--stdin-secrets", home=home,
                   stdin=journal + creds["users"]["custodian"] + "\n", env_extra=NO_KEYRING)
    assert proc.returncode == 0, proc.stderr

    target = tmp_path / "restored"
    restore = ("restore", str(backup), "--identity", str(identity), "--ca", str(ca), "--stdin-secrets")
    proc = run_cli(*restore, home=target, stdin="mistyped\n", env_extra=NO_KEYRING)
    assert proc.returncode == 1 and "journal passphrase is wrong" in proc.stderr, proc.stderr
    assert "nothing was restored" in proc.stderr and "keyring" not in proc.stderr
    assert not target.exists()
    proc = run_cli(*restore, home=target, stdin=journal, env_extra=NO_KEYRING)
    assert proc.returncode == 0, proc.stderr
    assert "Restored station demo-station" in proc.stdout

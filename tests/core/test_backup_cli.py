"""The backup commands as real processes: office key, backup, verify, restore on a "new computer" (its own keyring)."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.cli import run_cli
from support.station_fixtures import password


def test_backup_verify_and_restore_on_a_new_computer(cli_home, tmp_path, seal_token):
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"),
                cli_home / "office" / "seal-authority-key.pem")
    identity, backup = tmp_path / "office-identity.txt", tmp_path / "station.sealbackup"
    office = f"{password('admin')}\n{seal_token.authority_passphrase}\n"

    proc = run_cli("backup", "office-key", "--out", str(identity), "--by", "admin", "--stdin-secrets", home=cli_home,
                   stdin=office)
    assert proc.returncode == 0, proc.stderr
    assert "keep it OFFLINE" in proc.stdout and identity.is_file()

    proc = run_cli("backup", "--out", str(cli_home / "inside.sealbackup"), "--user", "custodian", home=cli_home)
    assert proc.returncode == 1 and "inside the station home" in proc.stderr  # refused before any password
    proc = run_cli("backup", "--out", str(backup), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=password("custodian") + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "encrypted to the office backup key age1" in proc.stdout
    assert b"seal-authority-key" not in backup.read_bytes()

    ca = str(seal_token.authority_cert_path)
    proc = run_cli("backup", "verify", str(backup), "--ca", ca, home=None)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("GOOD") and "give --identity" in proc.stdout
    proc = run_cli("backup", "verify", str(backup), "--identity", str(identity), "--ca", ca, home=None)
    assert proc.returncode == 0 and "match the manifest" in proc.stdout, proc.stdout + proc.stderr

    damaged = tmp_path / "damaged.sealbackup"
    data = bytearray(backup.read_bytes())
    data[-10] ^= 0xFF
    damaged.write_bytes(bytes(data))
    proc = run_cli("backup", "verify", str(damaged), "--ca", ca, home=None)
    assert proc.returncode == 1 and "NOT GOOD" in proc.stdout and "DAMAGED" in proc.stdout

    new_keyring = tmp_path / "new-computer-keyring"
    new_keyring.mkdir()
    env = {"SEALSTATION_TEST_KEYRING_DIR": str(new_keyring)}
    restored = tmp_path / "restored-home"
    proc = run_cli("backup", "restore", str(backup), "--identity", str(identity), "--ca", ca, home=restored,
                   env_extra=env)
    assert proc.returncode == 0, proc.stderr
    assert "its journal key is in this computer's keyring" in proc.stdout
    assert "NOT checked against an office archive" in proc.stderr  # the fixture station reports to none
    assert "journal-key:test-station" in (new_keyring / "keyring.json").read_text()
    proc = run_cli("journal", "verify", home=restored, env_extra=env)
    assert proc.returncode == 0 and "Journal intact" in proc.stdout, proc.stdout + proc.stderr
    proc = run_cli("user", "list", home=restored, env_extra=env)
    assert proc.returncode == 0 and "custodian" in proc.stdout

    proc = run_cli("restore", str(backup), "--identity", str(identity), "--ca", ca, home=restored,
                   env_extra=env)  # the name for it
    assert proc.returncode == 1 and "not an empty folder" in proc.stderr

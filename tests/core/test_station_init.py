"""``station init``'s core: a station home made from what the office hands over, whole or not at all."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path

import pytest

from sealstation.errors import SealStationError
from sealstation.journal.keystore import keyring_key_exists
from sealstation.station_init import InitSecrets, StationInitSpec, init_station

from support.station_init import first_stamp, handed_over, leftovers, pdfsig_valid

FIRST_PW = "first-admin-pw"


def _spec(tmp_path: Path, seal_token, **changes) -> StationInitSpec:
    office = handed_over(tmp_path / "office", seal_token)
    spec = StationInitSpec(home=tmp_path / "station", pkcs11_module=seal_token.module_path,
                           token_label=seal_token.token_label, station_id=f"init-{secrets.token_hex(4)}",
                           station_name="总部 办公室", ca_cert_file=office.ca_cert, ca_key_file=office.ca_key,
                           policy_file=office.policy, softhsm2_conf=seal_token.conf_path, office_user="admin")
    return replace(spec, **changes)


def _secrets(seal_token, **changes) -> InitSecrets:
    return replace(InitSecrets(seal_token.user_pin, seal_token.authority_passphrase, FIRST_PW), **changes)


def test_a_station_made_from_the_offices_files_stamps_and_the_stamp_verifies(tmp_path, seal_token):
    archive = tmp_path / "share"
    archive.mkdir()
    spec = _spec(tmp_path, seal_token, archive_location=str(archive), make_archive=True)
    made = init_station(spec, _secrets(seal_token))
    assert made.home == spec.home and set(made.seal_keys) >= {"official", "contract"}
    assert made.station_cert.is_file() and made.archive == str(archive) and any(archive.iterdir())
    assert leftovers(tmp_path, spec.home) == ["station"]
    out = first_stamp(made.home, seal_token, tmp_path, first_password=FIRST_PW)
    assert pdfsig_valid(out)


@pytest.mark.parametrize("case, code", [
    ("module", "init_module_missing"),
    ("blank token", "init_token_no_keys"),
    ("wrong CA", "init_ca_unreadable"),
    ("unreachable archive", "init_archive_missing"),
    ("unreachable PostgreSQL", "init_archive_unreachable"),
    ("other CA's policy", "init_policy_unsigned"),
])
def test_each_wrong_input_is_named_and_leaves_nothing(tmp_path, seal_token, blank_token, case, code):
    spec = _spec(tmp_path, seal_token)
    bad = {
        "module": dict(pkcs11_module=str(tmp_path / "no-such-pkcs11.so")),
        "blank token": dict(token_label=blank_token),
        "wrong CA": dict(ca_cert_file=spec.policy_file),
        "unreachable archive": dict(archive_location=str(tmp_path / "share-not-mounted")),
        "unreachable PostgreSQL": dict(archive_location="postgresql://station@127.0.0.1:1/archive"),
        "other CA's policy": dict(policy_file=_other_policy(tmp_path)),
    }[case]
    with pytest.raises(SealStationError) as caught:
        init_station(replace(spec, **bad), _secrets(seal_token))
    assert caught.value.code == code
    assert leftovers(tmp_path, spec.home) == []
    assert not keyring_key_exists(spec.station_id)


def _other_policy(tmp_path: Path) -> Path:
    from sealstation.policy import PolicyFiles, StationPolicy, write_signed_policy
    from sealstation.seals.authority import SealAuthority

    other = SealAuthority.create(common_name="别的机构", organisation="别的公司", key_path=tmp_path / "o-key.pem",
                                 cert_path=tmp_path / "o.pem", passphrase="other-passphrase")
    write_signed_policy(PolicyFiles(tmp_path / "other"), StationPolicy(), other)
    return PolicyFiles(tmp_path / "other").path


def test_a_failure_during_the_build_leaves_no_home_and_no_journal_key(tmp_path, seal_token, monkeypatch):
    share = tmp_path / "share"
    share.mkdir()
    spec = _spec(tmp_path, seal_token, archive_location=str(share), make_archive=True)

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("sealstation.desks.setup.SetupDesk.issue_first_station_key", broken)
    with pytest.raises(OSError):
        init_station(spec, _secrets(seal_token))
    assert leftovers(tmp_path, spec.home) == []
    assert not keyring_key_exists(spec.station_id)
    assert share.is_dir() and not any(share.iterdir())  # the archive it made is undone; the folder stays


@pytest.mark.slow  # two CLI processes
def test_station_init_on_the_command_line_with_stdin_secrets(tmp_path, seal_token, blank_token):
    """``sealstation station init`` for scripted installs: the secrets one a line on stdin, never on the line."""
    from support.cli import run_cli

    office = handed_over(tmp_path / "office", seal_token)
    home = tmp_path / "station"
    args = ["station", "init", "--module", seal_token.module_path, "--station-id", f"cli-{secrets.token_hex(3)}",
            "--name", "分公司 办公室", "--ca", str(office.ca_cert), "--ca-key", str(office.ca_key),
            "--policy", str(office.policy), "--softhsm2-conf", seal_token.conf_path, "--stdin-secrets"]
    stdin = f"{seal_token.user_pin}\n{seal_token.authority_passphrase}\n{FIRST_PW}\n"
    refused = run_cli(*args, "--token", blank_token, home=home, stdin=stdin)
    assert refused.returncode == 1 and "holds no seal key" in refused.stderr
    assert leftovers(tmp_path, home) == []
    proc = run_cli(*args, "--token", seal_token.token_label, home=home, stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert "official" in proc.stdout and (home / "station.json").is_file()
    assert seal_token.user_pin not in proc.stdout + proc.stderr
    made = (home / "station.json").read_bytes()
    again = run_cli(*args, "--token", seal_token.token_label, home=home, stdin=stdin)
    assert again.returncode == 1 and "holds a station already" in again.stderr
    assert (home / "station.json").read_bytes() == made and leftovers(tmp_path, home) == ["station"]


def test_the_module_is_proposed_from_the_usb_key_plugged_in_then_from_the_usual_paths(seal_token):
    from sealstation.station_init import module_proposals
    from support.usb_fakes import FakeBus

    proposals = module_proposals(FakeBus((0x1050, 0x0407), (0x1D6B, 0x0002)))  # a YubiKey and a root hub
    assert [(p.reason, p.usb_key, p.usb_id) for p in proposals if p.reason == "usb"] == [
        ("usb", "Yubico YubiKey 4/5", "1050:0407")]
    assert "OpenSC" in proposals[0].serves
    assert seal_token.module_path in [p.path for p in proposals if p.reason == "found"]

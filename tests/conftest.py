"""Session fixtures: a real SoftHSM2 token made for this test session, and station homes.

No fake signer: the seal keys are generated on the token, certified by a seal
authority made here, and every signature in the suite goes through them.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

pytest_plugins = ["support.station_fixtures", "support.station_init"]

ARTIFACTS_ENV = "SEALSTATION_ARTIFACTS"
_artifacts_dir: list[Path] = []


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Where a run keeps what people look at (rendered pages, seal images, screenshots).

    $SEALSTATION_ARTIFACTS when set (CI keeps it), else a folder in this run's pytest
    temp folder; never the repository. Its path is printed at the end of the run.
    """
    folder = Path(os.environ.get(ARTIFACTS_ENV) or tmp_path_factory.getbasetemp() / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    _artifacts_dir[:] = [folder]
    return folder


def pytest_terminal_summary(terminalreporter):
    if _artifacts_dir:
        terminalreporter.write_line(f"test artifacts (rendered pages, screenshots): {_artifacts_dir[0]}")


def pytest_collection_modifyitems(items):
    """A test that runs the CLI as a process (it takes a ``cli_home``) is slow: each process pays
    Python's start and the core's imports. ``pytest`` skips slow tests; scripts/test.sh runs all."""
    for item in items:
        if "cli_home" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def own_qt_settings(tmp_path_factory) -> Path:
    """The window's remembered settings (geometry, language) in a folder of this run, never the tester's own.

    XDG_CONFIG_HOME is where Qt keeps a user's settings on Linux, for this process and every window the suite
    starts as a process; QSettings.setPath covers a Qt that read it before this ran. In that folder the language
    is English, the language the UI tests read (tests/ui/conftest.py installs it); a test that wants Chinese
    installs it and puts English back (see tests/ui/test_shell_i18n.py).
    """
    folder = tmp_path_factory.mktemp("qt-config")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    from PySide6.QtCore import QSettings

    for kind in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(kind, QSettings.UserScope, str(folder))
    settings = QSettings("SealStation", "SealStation")
    settings.setValue("ui/language", "en")
    settings.sync()
    return folder


@pytest.fixture(scope="session", autouse=True)
def test_keyring(tmp_path_factory):
    """Every process of the suite keeps keys in a file keyring in a temp folder."""
    folder = tmp_path_factory.mktemp("keyring")
    tests_dir = str(Path(__file__).resolve().parent)
    os.environ["SEALSTATION_TEST_KEYRING_DIR"] = str(folder)
    os.environ["PYTHON_KEYRING_BACKEND"] = "support.keyring_backend.TempFileKeyring"
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [tests_dir, os.environ.get("PYTHONPATH")]))
    import keyring

    from support.keyring_backend import TempFileKeyring

    keyring.set_keyring(TempFileKeyring())
    return folder

TEST_SEALS = (("official", "rsa2048"), ("contract", "ec-p256"), ("finance", "rsa2048"), ("legal-rep", "rsa2048"))


@dataclass(frozen=True)
class SealToken:
    """The session's token and what is needed to use it."""

    module_path: str
    conf_path: str
    token_label: str
    user_pin: str
    so_pin: str
    authority: object
    authority_cert_path: Path
    authority_passphrase: str
    session: object
    """An open TokenSession (one owner thread) shared by the suite."""


@pytest.fixture(scope="session")
def seal_token(tmp_path_factory):
    from sealstation.model import SealKind
    from sealstation.seals.authority import SealAuthority, SealCertSubject
    from sealstation.token.keys import init_token, make_seal_key
    from sealstation.token.module import find_pkcs11_module, load_pkcs11
    from sealstation.token.session import TokenSession

    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    module = find_pkcs11_module(None).path
    user_pin, so_pin, label = f"{secrets.randbelow(10**6):06d}", secrets.token_hex(6), "SealStation Test"
    init_token(load_pkcs11(module, str(conf)), label=label, so_pin=so_pin, user_pin=user_pin)
    ca_passphrase = secrets.token_hex(8)
    authority = SealAuthority.create(
        common_name="测试印章管理机构", organisation="测试科技有限公司",
        key_path=root / "ca-key.pem", cert_path=root / "ca.pem", passphrase=ca_passphrase,
    )
    session = TokenSession(module, token_label=label, softhsm2_conf=str(conf))
    for seal_id, key_type in TEST_SEALS:
        subject = SealCertSubject(seal_id, f"测试科技有限公司{SealKind(seal_id).label_zh}", seal_id, "测试科技有限公司")
        make_seal_key(session, pin=user_pin, label=seal_id, key_type=key_type, authority=authority, subject=subject,
                      now=dt.datetime.now(dt.timezone.utc))
    session.logout()
    yield SealToken(module, str(conf), label, user_pin, so_pin, authority, root / "ca.pem", ca_passphrase, session)
    session.close()

"""Station homes in temp folders whose seals are the keys on the session's SoftHSM2 token.

The template station has the demo's people (admin, custodian, gm, cfo, dept,
auditor, each with password ``pw-<name>-2026``), the four test seals issued to
``custodian`` for this station, and the session's seal authority. Each test
gets its own copy of the home.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sealstation.config import StationConfig, StationHome
from sealstation.fsutil import secure_home
from sealstation.model import Placement, SealKind
from sealstation.policy import PolicyFiles, StationPolicy, write_signed_policy
from sealstation.seals.image import draw_seal
from sealstation.seals.lifecycle import SealAction
from sealstation.seals.making import SealSpec
from sealstation.station import StampRequestSpec, Station, open_station_db

ORG = "测试科技有限公司"
PEOPLE = {
    "admin": (["office"], None),
    "custodian": (["custodian"], None),
    "gm": (["approver"], "general_manager"),
    "cfo": (["approver"], "finance_director"),
    "dept": (["approver"], "department_manager"),
    "auditor": (["auditor"], None),
}


def password(user: str) -> str:
    return f"pw-{user}-2026"


_OFFICE: list = []


def office_authority():
    """The session's seal authority, key open: what the office signs with (set by ``station_template``)."""
    return _OFFICE[0]


@pytest.fixture(scope="session")
def seal_images():
    return {
        "official": draw_seal(SealKind.OFFICIAL, ORG, None, code="1101080099999"),
        "contract": draw_seal(SealKind.CONTRACT, ORG, None),
        "finance": draw_seal(SealKind.FINANCE, ORG, None),
        "legal-rep": draw_seal(SealKind.LEGAL_REP, ORG, "李四"),
    }


TEST_POLICY = StationPolicy(password_policy={"scrypt_n": 1024}, print_to_file=True, print_offline_grace=1000)
"""The defaults, with a cheap scrypt (tests only); copies may go to PDF files, and many may be printed with no
office archive configured (offline)."""


def _add_people(station: Station, authority) -> None:
    """``admin`` first, by the seal authority's key alone; then the others by ``admin``."""
    for user, (roles, level) in PEOPLE.items():
        office = None if user == "admin" else password("admin")
        station.people().add_user(user, user, roles, f"first-{user}-pw", approver_level=level, by="admin", password=office,
                         authority=authority)
        station.change_password(user, f"first-{user}-pw", password(user))


def _register_seals(station: Station, seal_token, images) -> None:
    """The keys were made on the token at the session's key ceremony (``seal_token``): registered, not generated."""
    for seal_id, image in images.items():
        spec = SealSpec(seal_id=seal_id, kind=SealKind(seal_id), organisation=ORG, existing_key=True, image=image,
                        name=f"{ORG}{SealKind(seal_id).label_zh}", valid_days=365)
        station.seal_office().make_seal(spec, by="admin", password=password("admin"), authority=seal_token.authority, pin=None)
        station.seal_office().change_seal(seal_id, SealAction.ISSUE, by="admin", password=password("admin"),
                            authority=seal_token.authority, custodian="custodian")


@pytest.fixture(scope="session")
def station_template(tmp_path_factory, seal_token, seal_images, test_keyring) -> Path:
    _OFFICE[:] = [seal_token.authority]
    root = tmp_path_factory.mktemp("station-template")
    home = StationHome(root)
    home.office_dir.mkdir(parents=True)
    shutil.copy(seal_token.authority_cert_path, home.ca_cert_path)
    config = StationConfig(
        station_id="test-station", location="测试办公室", pkcs11_module=seal_token.module_path,
        softhsm2_conf=seal_token.conf_path,
        token_label=seal_token.token_label,
    )
    home.save_config(config)
    # Made as the office makes a station: the policy and every record signed by the seal authority.
    write_signed_policy(PolicyFiles(home.office_dir), TEST_POLICY, seal_token.authority)
    station = Station(home, config, open_station_db(home, config), token=seal_token.session)
    _add_people(station, seal_token.authority)
    _register_seals(station, seal_token, seal_images)
    station.setup().issue_station_key(by="admin", password=password("admin"), authority=seal_token.authority)
    station.close()
    secure_home(root)  # as a station is made; the tests that open it see no repair unless they make one
    return root


def forget_checkpoints(seal_token) -> None:
    """Remove every station checkpoint from the session's token.

    Each test's home is a copy of one template station: to the shared token
    it looks like the same station rolled back. A new home starts afresh.
    """
    from pkcs11 import Attribute, ObjectClass

    def forget(session):
        for obj in list(session.get_objects({Attribute.CLASS: ObjectClass.DATA})):
            if str(obj[Attribute.LABEL]).startswith("sealstation-checkpoint:"):
                obj.destroy()

    seal_token.session.run(forget, pin=seal_token.user_pin)
    seal_token.session.logout()


@pytest.fixture(scope="session")
def office_pin(tmp_path_factory, seal_token) -> Path | None:
    """The session's seal authority pinned as installing a station pins it (root-owned, out of others' reach), in a
    temp folder; ``None`` when the suite does not run as root: a pin the running account could write is no pin,
    so those runs test unpinned stations (sealstation/anchor.py)."""
    import os

    from sealstation.anchor import install_pin

    if os.geteuid() != 0:
        return None
    folder = tmp_path_factory.mktemp("etc-sealstation")
    folder.chmod(0o755)
    return install_pin(Path(seal_token.authority_cert_path).read_bytes(), folder / "office-ca.pem")


@pytest.fixture
def pinned(office_pin, monkeypatch) -> Path | None:
    """This test's stations (and the CLI processes it starts) are held to the session's pin, when there is one."""
    from sealstation.anchor import PIN_ENV

    if office_pin is not None:
        monkeypatch.setenv(PIN_ENV, str(office_pin))
    return office_pin


@pytest.fixture
def station(tmp_path, station_template, seal_token, pinned):
    """A fresh station home per test, sharing the session's token session (pinned to the session's authority when
    the suite runs as root)."""
    root = tmp_path / "home"
    shutil.copytree(station_template, root)
    forget_checkpoints(seal_token)
    st = Station.open(root, token=seal_token.session)
    yield st
    st.close()  # leaves the session fixture's token session open


@pytest.fixture
def cli_home(tmp_path, station_template, seal_token, pinned):
    """A fresh station home for CLI processes (they open the token themselves), pinned as ``station``."""
    root = tmp_path / "cli-home"
    shutil.copytree(station_template, root)
    forget_checkpoints(seal_token)
    return root


@pytest.fixture
def pin(seal_token) -> str:
    return seal_token.user_pin


def approve(station: Station, src: Path, seals, copies: int = 2, approver: str = "gm", purpose: str = "测试用印"):
    return station.approving().approve(src, seals=list(seals), copies=copies, approver=approver, password=password(approver),
                           purpose=purpose).request


def stamp_approved(station: Station, pin: str, src: Path, out: Path, seal: str = "official", page: int = 1,
                   at=(60.0, 50.0), purpose: str = "测试用印", approver: str | None = None):
    """Approve ``src`` for ``seal`` (by an approver with the authority), then stamp it as the custodian."""
    if approver is None:
        approver = {"finance": "cfo"}.get(seal, "gm")
    approve(station, src, [seal], approver=approver, purpose=purpose)
    plan = station.stamping().plan_stamp(StampRequestSpec(src, seal, Placement(page, at), out, purpose))
    return sign_plan(station, plan, out, pin, approve_first=False)


def sign_plan(station: Station, plan, out: Path, pin: str, approver: str = "gm", approve_first: bool = True):
    """Approve the planned document for its seal (unless done), then stamp the plan as the custodian."""
    if approve_first:
        approve(station, plan.source.path, [plan.art.seal_id], approver={"finance": "cfo"}.get(plan.art.seal_id, approver))
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
    return station.stamping().stamp(auth, out, pin=pin)


# -- the demo station (``sealstation demo``), as a newcomer first sees it -----------------------------------------


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, seal_token, test_keyring) -> Path:
    """One demo station per run, built as ``sealstation demo --no-gui`` builds it (its people, seals, requests, seal
    authority and its own token); tests use copies (``demo_home``).

    A process loads SoftHSM2 with one configuration only: the demo's token is made in the session's token folder
    (beside the session's token, under the demo's own label), so the suite and the window it drives see both.
    """
    from sealstation.demo import build_demo_station

    root = tmp_path_factory.mktemp("demo") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sealstation.demo._softhsm_conf", lambda _home: Path(seal_token.conf_path))
        build_demo_station(root)
    _point_at_session_token(root, seal_token)
    shutil.copytree(root, root.parent / "pristine")
    return root


def _point_at_session_token(root: Path, seal_token) -> None:
    home = StationHome(root)
    home.save_config(home.load_config().with_changes(softhsm2_conf=seal_token.conf_path))


@pytest.fixture
def demo_home(demo_template) -> Path:
    """The demo station as it was made, for this test (its token is the run's one demo token).

    Each test gets it afresh at the same place: the station records its documents' paths (the queue opens them),
    so a copy elsewhere would open, and write its outputs beside, the documents of the one it was copied from.
    """
    shutil.rmtree(demo_template)
    shutil.copytree(demo_template.parent / "pristine", demo_template)
    return demo_template


def demo_credentials(home: Path) -> dict:
    """The demo's PIN and passwords (demo-credentials.json: demo only, a real station never stores them)."""
    import json

    return json.loads((Path(home) / "demo-credentials.json").read_text(encoding="utf-8"))


@pytest.fixture
def demo_station(demo_home):
    """The demo station opened as the window opens it (its own token session on the demo token), with no checkpoint
    left on the demo token by an earlier test's copy."""
    credentials = demo_credentials(demo_home)
    st = Station.open(demo_home, journal_passphrase=credentials.get("journal_passphrase"))
    _forget_on(st.token(), credentials["token_pin"])
    yield st
    st.close()


def _forget_on(session, pin: str) -> None:
    from pkcs11 import Attribute, ObjectClass

    def forget(token_session):
        for obj in list(token_session.get_objects({Attribute.CLASS: ObjectClass.DATA})):
            if str(obj[Attribute.LABEL]).startswith("sealstation-checkpoint:"):
                obj.destroy()

    session.run(forget, pin=pin)
    session.logout()

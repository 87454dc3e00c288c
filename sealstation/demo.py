"""A demo station: SoftHSM2 token, seal authority, four seals, sample documents, an office archive, a backup key.

Everything lives inside the station home (token store, SoftHSM2
configuration and the stand-in for the office's archive share included);
nothing outside it is touched. The demo PIN and passphrases are random and
written to ``demo-credentials.json``, and the office's backup identity to
``demo-backup-identity.txt``, both labelled as demo-only: a real station never
keeps them (the office keeps its backup identity offline).

The demo's people do not change their passwords at first login: the demo
sets each initial password and changes it at once, so that the passwords in
``demo-credentials.json`` work at the first stamp of the README's walkthrough.
On a real station each person chooses their own (``user passwd``, or the
window's login).
"""

from __future__ import annotations

import json
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import keyring

from .archive.config import ArchiveConfig
from .backup.keys import make_identity, write_identity
from .config import StationConfig, StationHome
from .errors import ConfigError, KeyringUnavailableError
from .fsutil import atomic_write_bytes, secure_home
from .journal.keystore import check_secure_backend
from .locks import home_unused
from .model import SealKind
from .policy import PolicyFiles, StationPolicy, write_signed_policy
from .seals.authority import SealAuthority
from .seals.lifecycle import SealAction
from .seals.making import SealSpec
from .station import Station, open_station_db
from .token.keys import init_token
from .token.module import load_pkcs11, softhsm2_module
from .token.session import TokenSession

__all__ = ["DemoInfo", "DemoSeal", "DEMO_SEALS", "DEMO_ARCHIVE", "DEMO_BACKUP_IDENTITY", "build_demo_station",
           "write_sample_documents"]

DEMO_TOKEN_LABEL = "SealStation Demo"
DEMO_ORG = "示例科技有限公司"
MARKER = ".sealstation-demo"
DEMO_ARCHIVE = "office-archive"
"""The demo's office archive, a folder in the station home (on a real station: the office's share, elsewhere)."""
DEMO_BACKUP_IDENTITY = "demo-backup-identity.txt"
"""The office's private backup identity, in the demo's home so that the walkthrough can restore (demo only)."""


@dataclass(frozen=True)
class DemoSeal:
    """A seal the demo makes."""

    seal_id: str
    kind: str
    name: str
    """Full seal name, as in the certificate and the register."""
    key_type: str
    person: str | None = None
    """The name engraved on a name seal (法定代表人章); None for round seals."""
    code: str = ""


DEMO_SEALS = (
    DemoSeal("official", "official", DEMO_ORG, "rsa2048", code="1101080012345"),
    DemoSeal("contract", "contract", f"{DEMO_ORG}合同专用章", "ec-p256", code="1101080012346"),
    DemoSeal("finance", "finance", f"{DEMO_ORG}财务专用章", "rsa2048", code="1101080012347"),
    DemoSeal("legal-rep", "legal-rep", f"{DEMO_ORG}法定代表人章（张三）", "rsa2048", person="张三"),
)


@dataclass(frozen=True)
class DemoInfo:
    """Where the demo station is and what it holds."""

    home: Path
    seal_ids: tuple[str, ...]
    documents_dir: Path
    credentials_path: Path
    archive_dir: Path
    """The office archive the demo station reports to (initialised, named in ``station.json``)."""
    backup_identity_path: Path
    """The office's backup identity (demo only): ``backup verify|restore --identity``."""


def _softhsm_conf(home: StationHome) -> Path:
    tokens = home.root / "softhsm" / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = home.root / "softhsm" / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8",
    )
    return conf


def _prepare_home(home: StationHome, force: bool) -> None:
    unfinished = not home.exists() and (home.root / MARKER).is_file()
    if home.exists() or unfinished:
        if not (force or unfinished):
            return
        if not (home.root / MARKER).is_file():
            raise ConfigError(
                f"{home.root} holds a station that is not a demo; it is left as it is.",
                hint="Choose another --home for the demo.",
            )
        with home_unused(home.root) as unused:  # the station-open lock: no window or command has it open
            if not unused:
                raise ConfigError(f"The demo station in {home.root} is open in another process (a SealStation "
                                  "window or command); it is left as it is.",
                                  hint="Close the SealStation window first, then make the demo station again.")
            shutil.rmtree(home.root)
    home.root.mkdir(parents=True, exist_ok=True)
    (home.root / MARKER).write_text("demo station: test keys only\n", encoding="utf-8")


DEMO_USERS = {
    "admin": ("办公室 王敏", ["office"], None),
    "custodian": ("印章专管员 李静", ["custodian"], None),
    "gm": ("总经理 张三", ["approver"], "general_manager"),
    "cfo": ("财务总监 赵六", ["approver"], "finance_director"),
    "dept": ("部门经理 钱七", ["approver"], "department_manager"),
    "auditor": ("审计 孙八", ["auditor"], None),
}


def _make_seals(station, authority, creds: dict) -> None:
    for seal in DEMO_SEALS:
        spec = SealSpec(seal_id=seal.seal_id, kind=SealKind(seal.kind), organisation=DEMO_ORG, name=seal.name,
                        person=seal.person, code=seal.code, key_type=seal.key_type)
        station.seal_office().make_seal(spec, by="admin", password=creds["users"]["admin"], authority=authority,
                          pin=creds["token_pin"])
        station.seal_office().change_seal(seal.seal_id, SealAction.ISSUE, by="admin", password=creds["users"]["admin"],
                            authority=authority, custodian="custodian")


def _make_people(station, creds: dict, authority) -> None:
    """``admin`` (the office) first, by the seal authority's key alone; then the others by ``admin``."""
    for user, (name, roles, level) in DEMO_USERS.items():
        first = secrets.token_urlsafe(9)
        station.people().add_user(user, name, roles, first, approver_level=level, by="admin",
                         password=creds["users"].get("admin"), authority=authority)
        creds["users"][user] = f"demo-{user}-{secrets.randbelow(10**4):04d}"
        station.change_password(user, first, creds["users"][user])


def _make_backup_key(station, authority, creds: dict, identity_path: Path) -> None:
    """The office's backup key, as ``backup office-key`` makes it, but with the identity kept in the home (demo only:
    ``set_backup_key`` never writes into a station home, and the office keeps its identity offline)."""
    identity = make_identity()
    write_identity(identity, identity_path, made_at=station.now())
    station.setup().set_backup_key(None, by="admin", password=creds["users"]["admin"], authority=authority,
                           recipient=str(identity.to_public()))


def _make_requests(station, creds: dict) -> None:
    docs = station.home.documents_dir
    station.approving().approve(docs / "contract.pdf", seals=["contract", "legal-rep"], copies=2, approver="gm",
                    password=creds["users"]["gm"], purpose="采购合同盖章", requester="dept")
    station.approving().approve(docs / "notice.pdf", seals=["official"], copies=20, approver="gm",
                    password=creds["users"]["gm"], purpose="年度工作会议通知", requester="dept")
    station.approving().approve(docs / "expenses-rotated.pdf", seals=["finance"], copies=1, approver="cfo",
                    password=creds["users"]["cfo"], purpose="费用报销", requester="dept")
    station.approving().receive_request(docs / "notice.pdf", seals=["contract"], copies=1, purpose="（待审批）示例申请",
                            requester="dept")


_TEXT_FONT = "droid"
"""The sample documents' text font: PyMuPDF's Droid Sans Fallback (resources/fonts/LICENSES.md), embedded."""


def write_sample_documents(folder: Path) -> list[Path]:
    """Sample documents: a two-page contract, a landscape table on a rotated page, a letter.

    Their text font is embedded (a subset), so every viewer shows the text; a font
    left to the viewer (MuPDF's built-in "china-s") shows as boxes in poppler.
    """
    import pymupdf  # lazy: it adds a tenth of a second to every command's start, and only the demo writes PDFs here

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    font = pymupdf.Font("china-s").buffer

    def new_page(doc):
        page = doc.new_page()
        page.insert_font(fontname=_TEXT_FONT, fontbuffer=font)
        return page

    def save(doc, name):
        doc.subset_fonts()
        path = folder / name
        atomic_write_bytes(path, doc.tobytes(garbage=3, deflate=True))
        doc.close()
        written.append(path)

    doc = pymupdf.open()
    for n, lines in enumerate(
        (
            ["采购合同", "", "甲方：示例科技有限公司", "乙方：某某贸易有限公司", "",
             "第一条 甲方向乙方采购办公设备一批，总价人民币壹拾万元整。", "第二条 乙方应于合同签订后三十日内交货。"],
            ["第三条 本合同一式两份，双方各执一份，自双方盖章之日起生效。", "", "",
             "甲方（盖章）：", "", "", "乙方（盖章）：", "", "日期：2026年11月24日"],
        )
    ):
        page = new_page(doc)
        y = 90
        for line in lines:
            page.insert_text((72, y), line, fontname=_TEXT_FONT, fontsize=16 if y == 90 and n == 0 else 12)
            y += 26
    save(doc, "contract.pdf")

    doc = pymupdf.open()
    page = new_page(doc)
    page.insert_text((72, 90), "费用明细表（横向页面，/Rotate 90）", fontname=_TEXT_FONT, fontsize=14)
    for i in range(10):
        page.insert_text((72, 130 + 22 * i), f"{i + 1}. 项目 {i + 1} …… 金额 {1000 * (i + 1)} 元", fontname=_TEXT_FONT,
                         fontsize=11)
    page.set_rotation(90)
    save(doc, "expenses-rotated.pdf")

    doc = pymupdf.open()
    page = new_page(doc)
    for i, line in enumerate(["关于召开年度工作会议的通知", "", "各部门：", "兹定于十二月一日召开年度工作会议，请准时参加。", "", "示例科技有限公司", "2026年11月24日"]):
        page.insert_text((72 if i < 5 else 360, 90 + 26 * i), line, fontname=_TEXT_FONT, fontsize=12)
    save(doc, "notice.pdf")
    return written


def build_demo_station(root: Path, *, force: bool = False) -> DemoInfo:
    """Create (or reuse) a demo station in ``root``."""
    home = StationHome(Path(root))
    info = DemoInfo(home.root, tuple(s.seal_id for s in DEMO_SEALS), home.documents_dir, home.credentials_path,
                    home.root / DEMO_ARCHIVE, home.root / DEMO_BACKUP_IDENTITY)
    module = _softhsm_module()  # before anything is made: a missing SoftHSM2 leaves no half-made home
    _prepare_home(home, force)
    if home.exists():
        return info
    conf = _softhsm_conf(home)
    creds = {
        "_warning": "DEMO ONLY. A real station never stores PINs or passwords.",
        "token_label": DEMO_TOKEN_LABEL,
        "token_pin": f"{secrets.randbelow(10**6):06d}",
        "token_so_pin": secrets.token_hex(8),
        "seal_authority_passphrase": secrets.token_urlsafe(12),
        "users": {},
    }
    atomic_write_bytes(home.credentials_path, json.dumps(creds, ensure_ascii=False, indent=2).encode("utf-8"))
    lib = load_pkcs11(module, softhsm2_conf=str(conf))
    init_token(lib, label=DEMO_TOKEN_LABEL, so_pin=creds["token_so_pin"], user_pin=creds["token_pin"])
    authority = SealAuthority.create(
        common_name=f"{DEMO_ORG} 印章管理机构 (DEMO)",
        organisation=DEMO_ORG,
        key_path=home.ca_key_path,
        cert_path=home.ca_cert_path,
        passphrase=creds["seal_authority_passphrase"],
    )
    key_source = "keyring"
    if not _secure_keyring():
        # No OS keyring here (e.g. a headless machine): the demo derives the
        # journal key from a passphrase, asked at each start.
        key_source = "passphrase"
        creds["journal_passphrase"] = secrets.token_urlsafe(12)
    Station.init_archive(info.archive_dir)
    config = StationConfig(station_id="demo-station", location="示例科技有限公司 办公室", pkcs11_module=None,
                           softhsm2_conf="softhsm/softhsm2.conf", token_label=DEMO_TOKEN_LABEL,
                           journal_key_source=key_source, archive=ArchiveConfig(str(info.archive_dir)))
    write_sample_documents(home.documents_dir)
    # The office's policy, signed like every record the demo makes: the station starts already upgraded. Its archive
    # is named in station.json, not in the policy (archive_location: a folder in the home is no root-owned share),
    # and it shows printing to a PDF file: both are the office's choice, off on a real station.
    write_signed_policy(PolicyFiles(home.office_dir), StationPolicy(print_to_file=True, print_offline_grace=500),
                        authority)
    atomic_write_bytes(home.credentials_path, json.dumps(creds, ensure_ascii=False, indent=2).encode("utf-8"))
    with TokenSession(module, token_label=DEMO_TOKEN_LABEL, softhsm2_conf=str(conf)) as token:
        station = Station(home, config, open_station_db(home, config, passphrase=creds.get("journal_passphrase")),
                          token=token)
        try:
            _make_people(station, creds, authority)
            atomic_write_bytes(home.credentials_path, json.dumps(creds, ensure_ascii=False, indent=2).encode("utf-8"))
            _make_seals(station, authority, creds)
            station.setup().issue_station_key(by="admin", password=creds["users"]["admin"], authority=authority)
            _make_backup_key(station, authority, creds, info.backup_identity_path)
            _make_requests(station, creds)
        finally:
            station.close()
    # Written last: a home without station.json is an unfinished demo, rebuilt by --force.
    home.save_config(config)
    secure_home(home.root)  # made private as it is made: the first start has nothing to repair
    return info


def _softhsm_module() -> str:
    """The system's SoftHSM2 module; the demo needs it (the package does not carry it)."""
    path = softhsm2_module()
    if path is None:
        raise ConfigError(
            "The demo station needs SoftHSM2, a token in software, and it is not installed on this computer.",
            hint="Install the package softhsm2 ('sudo apt install softhsm2' on Debian, Ubuntu, UOS or Kylin), then "
            "run 'sealstation demo' again. A real station uses its USB key's own PKCS#11 module instead.",
        )
    return path


def _secure_keyring() -> bool:
    try:
        check_secure_backend(keyring.get_keyring())
    except KeyringUnavailableError:
        return False
    return True

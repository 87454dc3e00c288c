"""Making a station home on a new stamping computer (``sealstation station init``, the window's set-up assistant).

The office's IT person brings what the office hands over (the seal authority's certificate and its
passphrase-protected key, the signed policy, the USB key with the seals' keys) and chooses the rest (the USB key's
PKCS#11 module, the station's name, the office archive, where the journal key lives, the first office user). Every
check runs first, each on its own so the assistant checks a page at a time (:func:`check_module`,
:func:`check_token`, :func:`check_authority`, :func:`check_policy`, :func:`check_archive`,
:func:`check_key_source`, :func:`check_first_user`, :func:`check_home`); then :func:`init_station` builds the home
all-or-nothing: in a hidden folder beside the target, renamed into place only once every step has worked, removed
(with the journal key it put in the keyring) when one fails. A home that is not there is never half there.

Like the demo builder this is a door: it makes the station the façade then serves, and uses the façade to sign its
first records (the first office user, the station key) with the office's key alone.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization

from .archive.backend import FolderArchive, open_backend
from .archive.config import ArchiveConfig, archive_config, require_office_archive, store_archive_password
from .config import JOURNAL_KEY_SOURCES, StationConfig, StationHome
from .desks.setup import ArchiveProbe
from .errors import (ArchiveError, ArchiveUnreachableError, ConfigError, PolicyError, SealAuthorityError, TokenError,
                     TokenKeyMissingError, TokenModuleError, UserError)
from .fsutil import secure_home
from .journal.keystore import check_secure_backend, forget_keyring_key, keyring_key_exists
from .policy import PolicyFiles, StationPolicy, office_signature_ok
from .seals.authority import SealAuthority
from .station import Station, open_station_db
from .token.discovery import ModuleProposal, TokenSlot, list_tokens, proposed_modules
from .token.module import find_pkcs11_module, load_pkcs11
from .token.session import TokenSession
from .users import PasswordPolicy

__all__ = ["StationInitSpec", "InitSecrets", "TokenCheck", "StationMade", "ModuleProposal", "check_home",
           "check_module", "tokens_of", "check_token", "check_authority", "check_policy", "check_archive",
           "check_key_source", "check_first_user", "check_station", "check_all", "init_station", "module_proposals",
           "USERNAME_PATTERN", "STATION_ID_PATTERN"]

USERNAME_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
"""A user name: letters, digits, '.', '_' and '-' (it is typed at every login and named in the journal)."""

STATION_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9.-]{0,63}"
"""A station id: it names the station in the archive, the keyring and the station key's certificate (whose
PrintableString has no '_')."""


@dataclass(frozen=True)
class StationInitSpec:
    """What a new station is made from (no secret: :class:`InitSecrets` carries those)."""

    home: Path
    """The station home to make (must not exist, or be an empty folder)."""
    pkcs11_module: str
    """The USB key's PKCS#11 module (path of the vendor's library)."""
    token_label: str
    """The label of the USB key holding the seals' keys."""
    station_id: str
    """This computer's id in the office archive (:data:`STATION_ID_PATTERN`)."""
    station_name: str
    """Where signatures are made, as people say it (each signature's /Location), e.g. '总部 办公室'."""
    ca_cert_file: Path
    """The office's seal authority certificate (PEM) the office handed over."""
    ca_key_file: Path
    """The office's seal authority key (PEM, passphrase-protected): the office's records at this station are signed
    with it, each time with its passphrase (as every station keeps it, ``office/seal-authority-key.pem``)."""
    policy_file: Path
    """The office-signed policy (``policy.json``)."""
    policy_sig_file: Path | None = None
    """Its signature; None: ``policy.json.sig`` beside it."""
    archive_location: str | None = None
    """The office archive: a folder (the office's share) or ``postgresql://role@host/db``; None: none yet."""
    make_archive: bool = False
    """Make an empty folder an office archive (``archive init``); a folder that is one already is used as it is."""
    journal_key_source: str = "keyring"
    """``keyring`` (the OS keyring keeps the journal key) or ``passphrase`` (typed at each start)."""
    office_user: str = "admin"
    """The first office user's name (they change the initial password at their first login)."""
    office_display_name: str = ""
    softhsm2_conf: str | None = None
    """A SoftHSM2 configuration (test and demo tokens only; a vendor's module needs none)."""

    @property
    def policy_signature(self) -> Path:
        return self.policy_sig_file or self.policy_file.with_name(self.policy_file.name + ".sig")


@dataclass(frozen=True)
class InitSecrets:
    """The secrets making a station needs; never stored (the journal passphrase and the password are hashed or
    derived, the PIN only logs in)."""

    token_pin: str = field(repr=False)
    authority_passphrase: str = field(repr=False)
    """Opens the office's seal authority key."""
    office_password: str = field(repr=False)
    """The first office user's initial password (changed at their first login)."""
    journal_passphrase: str | None = field(default=None, repr=False)
    """With ``journal_key_source='passphrase'`` only."""
    archive_password: str | None = field(default=None, repr=False)
    """A PostgreSQL archive's station-role password (kept in the OS keyring once it works); None: none or kept."""


@dataclass(frozen=True)
class TokenCheck:
    """A USB key checked for a new station."""

    label: str
    keys: tuple[str, ...]
    """The labels of its seal keys whose certificate the office's seal authority issued."""
    other_keys: tuple[str, ...] = ()
    """Keys without a certificate, or certified by another authority (not usable at this station)."""


@dataclass(frozen=True)
class StationMade:
    """A station home made by :func:`init_station`."""

    home: Path
    station_id: str
    office_user: str
    seal_keys: tuple[str, ...]
    """The seal keys on the USB key the office can now register (``seal make --existing-key``)."""
    archive: str | None
    station_cert: Path
    """The station's own certificate, for the office to take to the archive."""


# -- the checks: each says what is wrong, in a typed error with a code and its facts ----------------------------------


def check_home(home: Path) -> Path:
    """The target home: absent, or an empty folder, in a folder this account may write."""
    home = Path(home).expanduser().absolute()
    if StationHome(home).exists():
        raise ConfigError(f"{home} holds a station already; it is left as it is.", code="init_home_exists",
                          hint="Choose another folder for the new station.", home=str(home))
    if home.exists() and (not home.is_dir() or any(home.iterdir())):
        raise ConfigError(f"{home} is not an empty folder; a station is made only in a new or empty folder.",
                          code="init_home_not_empty", hint="Choose a new folder.", home=str(home))
    parent = home.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK):
        raise ConfigError(f"This account cannot write in {parent}.", code="init_home_unwritable",
                          hint="Choose a folder this account may write.", home=str(home), folder=str(parent))
    return home


def module_proposals(usb_backend=None) -> tuple[ModuleProposal, ...]:
    """The modules to propose: for the USB keys plugged in (by vendor and product id), then the usual paths."""
    return proposed_modules(usb_backend)


def check_module(path: str, softhsm2_conf: str | None = None) -> str:
    """The PKCS#11 module loaded (its path); a missing or unloadable file is refused."""
    path = str(Path(path.strip()).expanduser()) if path and path.strip() else ""
    if not path or not Path(path).is_file():
        raise TokenModuleError(f"There is no PKCS#11 module at {path or '(none given)'}.", code="init_module_missing",
                               hint="Install the USB key's driver, or choose its PKCS#11 library (.so/.dll).",
                               module=path or "-")
    find_pkcs11_module(path)
    load_pkcs11(path, softhsm2_conf)  # token_module_unloadable, in its words, when it is not a PKCS#11 library
    return path


def tokens_of(module: str, softhsm2_conf: str | None = None) -> tuple[TokenSlot, ...]:
    """The USB keys (tokens) the module sees now."""
    return list_tokens(check_module(module, softhsm2_conf))


def _issued_by(cert_der: bytes | None, ca: x509.Certificate) -> bool:
    if not cert_der:
        return False
    try:
        x509.load_der_x509_certificate(cert_der).verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):  # another issuer, another key, or not a certificate
        return False
    return True


def check_token(module: str, label: str, pin: str, ca_cert: x509.Certificate | None = None, *,
                softhsm2_conf: str | None = None) -> TokenCheck:
    """Log in to the USB key ``label`` with ``pin`` and list its seal keys; a key without any is refused, and so is
    one whose keys the office's seal authority (``ca_cert``, when known) did not certify."""
    check_module(module, softhsm2_conf)
    if not label:
        raise TokenError("No USB key was chosen.", code="init_token_none", hint="Choose the seals' USB key.")
    with TokenSession(module, token_label=label, softhsm2_conf=softhsm2_conf) as session:
        keys = session.list_keys(pin=pin)
        session.logout()
    ours = tuple(k.label for k in keys if ca_cert is None or _issued_by(k.certificate_der, ca_cert))
    others = tuple(k.label for k in keys if k.label not in ours)
    if not keys:
        raise TokenKeyMissingError(f"The USB key '{label}' holds no seal key.", code="init_token_no_keys",
                                   hint="The office puts the seals' keys on the USB key first; check that it is the "
                                   "right one.", token=label)
    if not ours:
        raise TokenKeyMissingError(f"The seal keys on '{label}' ({', '.join(others)}) are not certified by the "
                                   "office's seal authority.", code="init_token_other_authority",
                                   hint="Use the USB key the office prepared for this station, or the office's own "
                                   "seal authority certificate.", token=label, keys=", ".join(others))
    return TokenCheck(label, ours, others)


def check_authority(cert_file: Path, key_file: Path, passphrase: str) -> SealAuthority:
    """The office's seal authority, its key opened and matching its certificate."""
    cert_file, key_file = Path(cert_file), Path(key_file)
    try:
        cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except (OSError, ValueError, x509.ExtensionNotFound) as exc:
        raise SealAuthorityError(f"{cert_file} is not a seal authority certificate (PEM).", code="init_ca_unreadable",
                                 hint="Choose the seal-authority.pem the office handed over.",
                                 file=str(cert_file)) from exc
    if not is_ca:
        raise SealAuthorityError(f"{cert_file} is a certificate, but not a seal authority's.", code="init_ca_not_ca",
                                 hint="Choose the seal-authority.pem the office handed over.", file=str(cert_file))
    authority = SealAuthority.load(cert_file, key_file, passphrase)  # authority_passphrase when wrong
    mine = authority.private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    theirs = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if mine != theirs:
        raise SealAuthorityError(f"The key {key_file} is not the key of the certificate {cert_file}.",
                                 code="init_ca_key_mismatch", hint="Choose the key and certificate of the same seal "
                                 "authority, as the office handed them over.", file=str(key_file))
    _check_pin(cert)
    return authority


def _check_pin(cert: x509.Certificate) -> None:
    """On a computer where root pinned the office's authority, only that authority makes a station."""
    from .anchor import certificate_sha256, load_anchor

    anchor = load_anchor()
    if anchor.pinned and certificate_sha256(cert) != anchor.sha256:
        raise SealAuthorityError("This computer is pinned to another office's seal authority.",
                                 code="init_ca_not_pinned", hint="Use the office's own certificate (the one root "
                                 "pinned), or have root pin this one.", file=str(anchor.path))


def check_policy(policy_file: Path, ca_cert: x509.Certificate, sig_file: Path | None = None) -> StationPolicy:
    """The office-signed policy: readable, and signed by the office's seal authority as it stands."""
    policy_file = Path(policy_file)
    sig_file = Path(sig_file or policy_file.with_name(policy_file.name + ".sig"))
    try:
        data = policy_file.read_bytes()
        signature = sig_file.read_text(encoding="ascii").strip()
    except (OSError, ValueError) as exc:
        raise PolicyError(f"The signed policy cannot be read ({policy_file}, {sig_file}).", code="init_policy_unreadable",
                          hint="Choose the policy.json the office signed; its policy.json.sig must be beside it.",
                          file=str(policy_file)) from exc
    if not office_signature_ok(ca_cert, data, signature):
        raise PolicyError(f"The policy {policy_file} is not signed by this office's seal authority.",
                          code="init_policy_unsigned", hint="Choose the policy and the certificate the office handed "
                          "over together.", file=str(policy_file))
    try:
        return StationPolicy.from_bytes(data)
    except ValueError as exc:
        raise PolicyError(f"The policy {policy_file} cannot be read: {exc}.", code="init_policy_unreadable",
                          hint="Ask the office for its signed policy again.", file=str(policy_file)) from exc


def check_archive(location: str | None, policy: StationPolicy | None = None, *, make: bool = False,
                  db_password: str | None = None) -> ArchiveProbe | None:
    """Test the office archive (a folder or PostgreSQL) as the station will reach it; nothing written."""
    if not location or not location.strip():
        if policy is not None and policy.archive_location:
            location = policy.archive_location
        else:
            return None
    cfg = archive_config(None, location.strip())
    if policy is not None:
        cfg = require_office_archive(cfg, policy.archive_location, given="given at set-up")
    if not cfg.is_postgres:
        folder = Path(cfg.location)
        if not folder.is_dir():
            raise ArchiveUnreachableError(f"The archive folder {folder} cannot be reached.", code="init_archive_missing",
                                          hint="Check that the office's share is mounted, or choose its folder.",
                                          location=str(folder))
        if not FolderArchive(folder).marker.is_file():
            if make and not any(folder.iterdir()):
                return ArchiveProbe(cfg.location, False, False, True, ())
            raise ArchiveError(f"{folder} is not an office archive.", code="init_archive_not_archive",
                               hint="Choose the office archive's folder, or an empty folder to make one.",
                               location=str(folder))
    try:
        with closing(_connect(cfg, db_password)) as backend:
            stations = tuple(backend.stations())
    except ArchiveUnreachableError as exc:  # at set-up nothing waits to be sent: say what to check instead
        reason = str(exc.facts.get("reason") or exc.message)
        raise ArchiveUnreachableError(f"The office archive {cfg.location} cannot be reached: {reason}",
                                      code="init_archive_unreachable", location=cfg.location, reason=reason,
                                      hint="Check the address, the network and the database password.") from exc
    return ArchiveProbe(cfg.location, cfg.is_postgres, True, True, stations)


def _connect(cfg: ArchiveConfig, db_password: str | None):
    if cfg.is_postgres and db_password:
        from .archive.postgres import PostgresArchive

        return PostgresArchive.connect(cfg.location, password=db_password)
    return open_backend(cfg)


def check_key_source(source: str, passphrase: str | None = None, *, station_id: str | None = None) -> str:
    """``keyring`` needs a secure OS keyring here (:class:`KeyringUnavailableError` says it plainly when there is
    none) that holds no journal key for ``station_id`` yet; ``passphrase`` needs one of at least 12 characters."""
    if source not in JOURNAL_KEY_SOURCES:
        raise ConfigError(f"The journal key is kept in {source!r}?", code="init_key_source",
                          hint="Choose the OS keyring or a passphrase.")
    if source == "keyring":
        import keyring

        check_secure_backend(keyring.get_keyring())
        if station_id and keyring_key_exists(station_id):
            raise ConfigError(f"This computer's keyring already keeps the journal key of a station '{station_id}'.",
                              code="init_station_id_taken", station=station_id,
                              hint="Give this station another id (each station of the office has its own).")
    elif len(passphrase or "") < 12:
        raise ConfigError("The journal passphrase needs at least 12 characters.", code="init_passphrase_short",
                          hint="Choose a longer passphrase; it is typed at each start of the station.")
    return source


def check_first_user(username: str, password: str, policy: StationPolicy | None = None) -> None:
    """The first office user's name and initial password, under the policy's password rules."""
    if not re.fullmatch(USERNAME_PATTERN, username or ""):
        raise UserError(f"{username!r} cannot be a user name.", code="init_user_name", user=username or "",
                        hint="Use letters, digits, '.', '_' or '-' (e.g. admin).")
    rules = PasswordPolicy(**(policy.password_policy if policy else {}))
    if len(password or "") < rules.min_length:
        raise UserError(f"The initial password needs at least {rules.min_length} characters.",
                        code="init_password_short", hint="Choose a longer one; it is changed at the first login.",
                        length=str(rules.min_length))


def check_station(station_id: str, station_name: str) -> None:
    """The station's id (:data:`STATION_ID_PATTERN`) and its name (not empty)."""
    if not re.fullmatch(STATION_ID_PATTERN, station_id or ""):
        raise ConfigError(f"{station_id!r} cannot be a station id.", code="init_station_id", station=station_id or "",
                          hint="Use letters, digits, '.' or '-' (e.g. hq-office-1).")
    if not (station_name or "").strip():
        raise ConfigError("The station needs a name.", code="init_station_name",
                          hint="Name where it stands, e.g. the office and the building.")


@dataclass(frozen=True)
class _Checked:
    authority: SealAuthority
    policy: StationPolicy
    token: TokenCheck
    archive: ArchiveProbe | None


def check_all(spec: StationInitSpec, secrets_: InitSecrets) -> _Checked:
    """Every check, in the assistant's order; the first failure raises."""
    check_home(spec.home)
    check_module(spec.pkcs11_module, spec.softhsm2_conf)
    authority = check_authority(spec.ca_cert_file, spec.ca_key_file, secrets_.authority_passphrase)
    token = check_token(spec.pkcs11_module, spec.token_label, secrets_.token_pin, authority.certificate,
                        softhsm2_conf=spec.softhsm2_conf)
    check_station(spec.station_id, spec.station_name)
    policy = check_policy(spec.policy_file, authority.certificate, spec.policy_signature)
    archive = check_archive(spec.archive_location, policy, make=spec.make_archive,
                            db_password=secrets_.archive_password)
    check_key_source(spec.journal_key_source, secrets_.journal_passphrase, station_id=spec.station_id)
    check_first_user(spec.office_user, secrets_.office_password, policy)
    return _Checked(authority, policy, token, archive)


# -- the build: all or nothing --------------------------------------------------------------------------------------


def init_station(spec: StationInitSpec, secrets_: InitSecrets) -> StationMade:
    """Check everything, then make the station home: complete at ``spec.home``, or not there at all."""
    checked = check_all(spec, secrets_)
    target = Path(spec.home).expanduser().absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.parent / f".{target.name}.init-{secrets.token_hex(4)}"
    work.mkdir(mode=0o700)
    undo: list = []  # what the build made outside the work folder, undone when it fails
    try:
        config = _build(work, spec, secrets_, checked, undo)
        if target.exists():
            target.rmdir()  # an empty folder (check_home); a file put there meanwhile stops the rename below
        os.rename(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        _forget_journal_key(spec)
        for step in reversed(undo):
            step()
        raise
    home = StationHome(target)
    return StationMade(target, spec.station_id, spec.office_user, checked.token.keys,
                       config.archive.location if config.archive else None, home.station_cert_path)


def _build(work: Path, spec: StationInitSpec, secrets_: InitSecrets, checked: _Checked, undo: list) -> StationConfig:
    home = StationHome(work)
    home.office_dir.mkdir()
    shutil.copyfile(spec.ca_cert_file, home.ca_cert_path)
    shutil.copyfile(spec.ca_key_file, home.ca_key_path)
    files = PolicyFiles(home.office_dir)
    shutil.copyfile(spec.policy_file, files.path)
    shutil.copyfile(spec.policy_signature, files.sig_path)
    archive = None
    if checked.archive is not None:
        if not checked.archive.is_archive:
            folder = Path(checked.archive.location)
            undo.append(lambda: _empty(folder))  # it was empty (check_archive): the share itself stays
            Station.init_archive(folder)
        archive = ArchiveConfig(checked.archive.location)
        if archive.is_postgres and secrets_.archive_password:
            store_archive_password(archive.location, secrets_.archive_password)
    config = StationConfig(station_id=spec.station_id, location=spec.station_name.strip(),
                           pkcs11_module=spec.pkcs11_module, softhsm2_conf=spec.softhsm2_conf,
                           token_label=spec.token_label, journal_key_source=spec.journal_key_source, archive=archive)
    db = open_station_db(home, config, passphrase=secrets_.journal_passphrase)
    with TokenSession(spec.pkcs11_module, token_label=spec.token_label, softhsm2_conf=spec.softhsm2_conf) as token:
        station = Station(home, config, db, token=token)
        try:
            user = spec.office_user
            station.people().add_user(user, spec.office_display_name or user, ["office"], secrets_.office_password,
                                      by=user, password=None, authority=checked.authority)
            station.setup().issue_first_station_key(by=user, authority=checked.authority)
        finally:
            station.close()
    home.save_config(config)  # last: a folder without station.json is no station
    secure_home(work)
    return config


def _empty(folder: Path) -> None:
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _forget_journal_key(spec: StationInitSpec) -> None:
    """Remove the journal key a failed attempt put in the keyring (nothing when there is none)."""
    if spec.journal_key_source == "keyring":  # check_key_source saw none for this id: this attempt made it
        forget_keyring_key(spec.station_id)

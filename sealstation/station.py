"""The opened station: the one façade the UI and the CLI call, with its desks.

A :class:`Station` is opened on a station home: its configuration, its
encrypted database (journal, users, seal register, requests), its policy,
its clock and, on first use, its token. The work done on it is split by who
does it into desks (:mod:`sealstation.desks`), each made on demand from the
station: ``station.stamping()`` (the custodian), ``station.approving()`` (the
approvers), ``station.seal_office()``, ``station.people()`` and
``station.setup()`` (the office), ``station.audit()`` (the auditor),
``station.archive()`` (the office archive) and ``station.printing()``
(printing). What stays here is what every desk shares:
opening and closing, the clock and the time seen, the token, the trust roots,
the login, recovery of a cut-short stamp, and the archive and backup settings.

Stamping is split in two so that every check of the document, the page and
the seal happens before anyone is asked for a PIN:
:meth:`~sealstation.desks.stamping.StampingDesk.plan_stamp` reads the
document and checks the placement; :meth:`~sealstation.desks.stamping.StampingDesk.stamp`
is the gate (untampered journal, logged-in custodian, usable seal, approval
for this exact document), then signs with the token. Every attempt is
journalled before it starts and when it ends; an attempt cut short (process
killed) is finished or undone by :meth:`Station.recover`, an explicit step
under the station lock: the gate runs it before each stamp, the window at
start. Opening a station reads; it neither checks files nor removes them.

Authority comes from signatures (docs/trust-model.md): the policy is
read from the office-signed ``office/policy.json`` (:mod:`sealstation.policy`),
user records and delegations are checked against the seal authority's
signature, and approvals against their approver's signature. A station from
before signed records opens, but approves and stamps only after the office's
:meth:`~sealstation.desks.setup.SetupDesk.upgrade`.

In the signing login, before the signature, the database is compared with
the checkpoint on the seal's token (:mod:`sealstation.journal.checkpoint`)
and the next checkpoint is written; a disagreement stops stamping until the
office signs a review (:mod:`sealstation.journal.review`).

The station signs its own statements (copy QR codes, archive segments,
backup headers) with its office-certified key (:mod:`sealstation.station_key`).
Where a stamp or an export may be written is decided by
:mod:`sealstation.outputs`, at planning (before any secret) and again just
before the file is made. Opening a station makes its home private (0700/0600)
and journals any repair.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .anchor import (PIN_COMMAND, anchored_authority, certificate_sha256, install_pin, load_anchor,
                     unpinned_warning)
from .approval.uses import StampUse, UseState, UseStore
from .archive.config import ArchiveConfig, archive_config, check_folder_mount, require_office_archive
from .config import StationConfig, StationHome, resolve_home
from .errors import (ArchiveError, ClockSetBackError, ConfigError, JournalError, JournalPassphraseError,
                     PermissionDeniedError, PolicyError, SealStationError, StationKeyError, TokenError, TrustAnchorError,
                     UpgradeRequiredError)
from .fsutil import HOME_FILE_MODE, ModeRepair, file_sha256, fsync_dir, publish, secure_home
from .journal.clock import CLOCK_HINT, CLOCK_TOLERANCE, TimeSeen, set_back_words
from .journal.journal import Journal, JournalKind, latest_of_kind, utc_now
from .locks import HomeInUse, StationLock
from .outputs import check_output_path
from .permissions import ROLES_FOR, allowed_actions, require
from .pdf.verify import VerifyResult, load_trust_roots, verify_pdf
from .policy import SIGN_COMMAND, PolicyFiles, StationPolicy, load_signed_policy, policy_from_legacy_config
from .seals.authority import SealAuthority
from .seals.partners import trusted_roots
from .station_time import station_time_floor
from .station_key import StationIdentity, check_station_certificate
from .users import PasswordPolicy, Role, User, UserStore

if TYPE_CHECKING:
    from .archive.audit import StationAudit
    from .archive.backend import FolderArchive
    from .archive.sync import SyncResult
    from .desk import Login, TokenInfo
    from .journal.store import StationDB
    from .pdf.signing import SealArt
    from .workqueue import JournalHealth
    from .archive.registration import RegistrationResult
    from .archive.report import MonthlyReportResult
    from .backup.file import BackupCheck
    from .printing.desk import CopyCheckResult, PrintDesk
    from .seals.image_cache import SealImageCache
    from .seals.register import SealRecord
    from .token.watch import TokenStatus
    from .desks.approving import ApprovalResult, DocumentCheckResult
    from .desks.archive import ArchiveDesk
    from .desks.audit import AuditDesk
    from .desks.people import PeopleDesk
    from .desks.seal_office import SealOfficeDesk
    from .desks.setup import SetupDesk, UpgradeResult
    from .desks.stamping import StampAuthorisation, StampRequestSpec, StampingDesk
    from .desks.approving import ApprovingDesk

__all__ = ["Station", "StampRequestSpec", "StampAuthorisation", "DocumentCheckResult", "ApprovalResult",
           "UpgradeResult", "open_station_db", "UPGRADE_COMMAND"]

UPGRADE_COMMAND = "sealstation station upgrade --by ADMIN"

log = logging.getLogger(__name__)

_REEXPORTED = {"ApprovalResult": "approving", "DocumentCheckResult": "approving", "UpgradeResult": "setup",
               "StampAuthorisation": "stamping", "StampRequestSpec": "stamping"}


def __getattr__(name: str):
    # Re-exported from their desks when first asked for: importing the station does not import every desk.
    if name in _REEXPORTED:
        import importlib

        return getattr(importlib.import_module(f".desks.{_REEXPORTED[name]}", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_station_db(home: StationHome, config: StationConfig, *, passphrase: str | None = None) -> StationDB:
    """The station database, its key from the OS keyring (or the office passphrase)."""
    from .journal.keystore import keyring_key, passphrase_key
    from .journal.store import StationDB

    create = not home.db_path.exists()
    if create:
        # Made private before SQLite writes a byte; its -wal and -shm files take the same mode.
        home.root.mkdir(parents=True, exist_ok=True)
        os.close(os.open(home.db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, HOME_FILE_MODE))
    if config.journal_key_source != "passphrase":
        return StationDB.open(home.db_path, keyring_key(config.station_id, create=create))
    try:
        return StationDB.open(home.db_path, passphrase_key(passphrase or "", home.journal_salt_path, create=create))
    except JournalError as exc:
        # On a passphrase station the likeliest cause is a mistyped passphrase, not the keyring.
        raise JournalPassphraseError(f"The journal passphrase is wrong, or {home.db_path} is not this station's database.",
                           hint="Type the office's journal passphrase again; never repair the database by hand.") from exc


class Station:
    """One station home opened for use. The token has its own owner thread."""
    def __init__(self, home: StationHome, config: StationConfig, db: StationDB, *, token=None,
                 clock: Callable[[], dt.datetime] = utc_now, strict_policy: bool = True) -> None:
        """``token``: an already open TokenSession to use (the station will not close it).

        ``strict_policy=False`` opens a station whose policy is refused, only
        so that the office can sign it again (``policy sign``); it cannot stamp.

        ``clock`` is the station's one clock: every store reads the time through
        :meth:`now`, so setting ``station.clock`` moves time for all of them at once.
        """
        self.home, self.config, self.db, self.clock = home, config, db, clock
        self._time_seen: tuple | None = None
        try:
            self.anchor = load_anchor()
            # Every check of this station trusts the pinned authority; a home copy that differs stops here.
            ca = anchored_authority(home.ca_cert_path, self.anchor)
        except BaseException:
            db.close()
            raise
        # The authority's certificate checks the office's signed reviews that lift a tamper stop.
        # The clock as it is: the journal dates entries never earlier than its last one by itself, and the
        # office's signed review (after a clock set ahead by mistake) must be able to take the clock as it is.
        self.journal = Journal(db, ca_cert=ca, station_id=config.station_id, clock=lambda: self.clock())
        self.ca_cert = ca
        self.policy_files = PolicyFiles(home.office_dir)
        self._policy_record: str | None = None
        """``policy`` as the archive receives it (signed bytes and signature), as checked when it was loaded or
        signed here."""
        try:
            self.policy, self.policy_problem = self._load_policy(strict_policy)
        except BaseException:
            db.close()
            raise
        self._set_up_stores()
        self._token = token
        self._owns_token = token is None
        self._trust_roots: list[Any] | None = None
        self.uses = UseStore(db)
        self.lock = StationLock(home.root / "station.lock")
        self.in_use = HomeInUse(home.root)
        """The station-open lock (:mod:`sealstation.locks`): :meth:`open` holds it shared until :meth:`close`."""
        self.usb_watch = None
        """The USB bus listing of :meth:`token_status` (a :class:`~sealstation.token.watch.UsbWatch`; tests give
        it a pyusb backend of fake devices); made on first use."""
        self.witnesses: list = []
        """Where each checkpoint also goes once a stamp is done (:class:`CheckpointWitness`: the office archive)."""
        self._add_archive_witness()
        self._written_checkpoint = None
        self._checkpoints = True
        """Compare with and write the token checkpoint at each stamp; off only in benchmarks/bench_checkpoint.py."""
    def _load_policy(self, strict: bool) -> tuple[StationPolicy, str | None]:
        """(policy, why it is not usable or None); refused at start when ``strict``.

        No policy file: a station from before signed policies (or one being
        built): its old settings are read so that people can log in, but it
        neither approves nor stamps until upgraded.
        """
        from .archive.authority_check import record_text

        if not self.policy_files.exists():
            return policy_from_legacy_config(self.config.legacy_policy), (
                "This station was made before office-signed records and policy: it must be upgraded once by the office.")
        try:
            stray = sorted(self.config.legacy_policy)
            if stray:
                raise PolicyError(
                    f"{self.home.config_path.name} holds authority settings ({', '.join(stray)}); they are accepted only "
                    "from the office-signed policy: the station refuses to start.",
                    hint=f"Remove them from {self.home.config_path}; to change the policy the office edits "
                    f"office/policy.json and signs it: {SIGN_COMMAND}.")
            policy, data, signature = load_signed_policy(self.policy_files, self.ca_cert)
            self._policy_record = record_text("policy", data, signature)
            return policy, None
        except PolicyError as exc:
            if strict:
                raise
            return policy_from_legacy_config({}), exc.message

    def now(self) -> dt.datetime:
        """The station's time: its ``clock``, but never earlier than the latest time the station has seen
        (:meth:`latest_time_seen`); what every store and every check of this station reads, so an approval or
        seal that expired stays expired, and nothing is dated earlier than what came before it."""
        clock = self.clock()
        seen = self.latest_time_seen()
        return seen.at if seen is not None and seen.at > clock else clock

    def latest_time_seen(self) -> TimeSeen | None:
        """The latest time the station has seen from its journal and the office archive's receipts (the token's
        checkpoint is compared in the signing login); :mod:`sealstation.journal.clock`."""
        # Read again only when the database may have changed (a stamp asks about ten times, between two writes).
        mark = (id(self.db), *self.db.change_mark())
        if self._time_seen is None or self._time_seen[0] != mark:
            self._time_seen = (mark, station_time_floor(self.db))
        return self._time_seen[1]

    def check_clock(self) -> None:
        """Stop (a journalled tamper stop, lifted by the office's signed review) when the clock is more than
        :data:`~sealstation.journal.clock.CLOCK_TOLERANCE` behind the latest time the station has seen."""
        clock, seen = self.clock(), self.latest_time_seen()
        if seen is None or clock >= seen.at - CLOCK_TOLERANCE:
            return
        reason = set_back_words(clock, seen)
        if not self.journal.tampered():
            self.journal.record_stop(reason, source="the station's clock")
        raise ClockSetBackError(f"Stamping is stopped: {reason}.", hint=CLOCK_HINT, reason=reason,
                                clock=clock.isoformat(), seen=seen.at.isoformat())

    def _set_up_stores(self) -> None:
        """Users, requests and seals under the current policy."""
        from .approval.requests import RequestStore
        from .approval.rules import AuthorityRules
        from .approval.signed import ApprovalVerifier, approver_keys
        from .seals.register import SealRegister

        db, policy = self.db, self.policy
        self.users = UserStore(db, self.journal, PasswordPolicy(**policy.password_policy), self.now,
                               ca_cert=self.ca_cert)
        rules = AuthorityRules.from_config(policy.authority_rules)
        self.seals = SealRegister(db, self.journal, self.home.seal_images_dir, self.ca_cert, clock=self.now)
        verifier = ApprovalVerifier(self.users, rules, policy.approval_days, lambda seal_id: self.seals.get(seal_id).kind,
                                    lambda: approver_keys(db, self.ca_cert))
        self.requests = RequestStore(db, self.journal, rules, approval_days=policy.approval_days,
                                     allow_same_person=policy.allow_same_person, clock=self.now, verifier=verifier)

    @property
    def upgraded(self) -> bool:
        """The station's policy is office-signed (and so are its records)."""
        return self.policy_problem is None

    def require_upgraded(self) -> None:
        """Refuse to approve or stamp on a station whose records and policy are not office-signed."""
        if self.policy_problem is None:
            return
        if not self.policy_files.exists():
            raise UpgradeRequiredError(self.policy_problem + " Until then it refuses to approve or stamp.",
                                       hint=f"The office runs '{UPGRADE_COMMAND}' (asks the seal authority passphrase).")
        raise PolicyError(self.policy_problem, hint=f"The office signs the policy: {SIGN_COMMAND}.")

    @classmethod
    def open(cls, home_dir: str | Path | None = None, *, journal_passphrase: str | None = None, token=None,
             strict_policy: bool = True) -> "Station":
        """Open the station in ``home_dir``; its permissions are repaired first (and the repair journalled)."""
        home = StationHome(resolve_home(home_dir))
        config = home.load_config()
        # Before the database is read: its key protects it, but a copy readable by others is still a copy.
        repairs = secure_home(home.root)
        in_use = HomeInUse(home.root)  # the station-open lock (sealstation.locks), held until close()
        if not in_use.hold_shared():
            raise ConfigError(f"The station in {home.root} is being restored or reset by another process; "
                              "it was not opened.", hint="Wait until that restore or reset has finished, then open "
                              "the station again.")
        try:
            station = cls(home, config, open_station_db(home, config, passphrase=journal_passphrase), token=token,
                          strict_policy=strict_policy)
        except BaseException:
            in_use.release()
            raise
        station.in_use = in_use
        from .journal.migrations import journal_migrations  # loaded with the database already (store.py)

        journal_migrations(station.db, station.journal)  # the schema steps this open ran, if any: once
        if repairs:
            station._journal_repairs(repairs)
        return station

    def _journal_repairs(self, repairs: list[ModeRepair]) -> None:
        log.warning("Station home %s: made %d path(s) private", self.home.root, len(repairs))
        self.journal.append(JournalKind.PERMISSIONS_REPAIRED, {
            "home": str(self.home.root), "count": len(repairs),
            "paths": [{"path": r.path, "was": r.was, "now": r.now} for r in repairs[:50]]})

    @property
    def needs_journal_passphrase(self) -> bool:
        return self.config.journal_key_source == "passphrase"

    # -- token ---------------------------------------------------------------

    def token(self):
        """The station's token session (one owner thread), started on first use."""
        from .token.module import find_pkcs11_module
        from .token.session import TokenSession

        if self._token is None:

            choice = find_pkcs11_module(self.config.pkcs11_module)
            log.info("PKCS#11 module: %s (%s)", choice.path, choice.origin)
            self._token = TokenSession(
                choice.path, token_label=self.config.token_label,
                softhsm2_conf=self._softhsm2_conf(), idle_timeout_s=self.config.token_idle_timeout_s)
        return self._token

    def token_status(self) -> TokenStatus:
        """The seal's USB key now (present, label, serial, PIN flags, known keys on the USB bus, the problem);
        :mod:`sealstation.token.watch`. Cheap enough to poll every second, but blocking: call it off a GUI thread.
        Pulling the key closes the token session at once; a key put back is found again."""
        from .token.watch import UsbWatch, token_status

        if self.usb_watch is None:
            self.usb_watch = UsbWatch()
        try:
            session = self.token()
        except TokenError as exc:  # no module found or loadable: said in the status
            return token_status(exc, self.usb_watch, module_path=self.config.pkcs11_module or "")
        return token_status(session, self.usb_watch, module_path=session.lib_path)

    def _softhsm2_conf(self) -> str | None:
        conf = self.config.softhsm2_conf
        if conf and not Path(conf).is_absolute():
            conf = str(self.home.root / conf)
        return conf

    def close(self) -> None:
        self.lock.release()
        self.in_use.release()
        if self._token is not None and self._owns_token:
            self._token.close()
        self._token = None
        self.db.close()

    def __enter__(self) -> "Station":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def trust_roots(self) -> list[Any]:
        """The office's seal authority certificate (the chain embedded in each stamp)."""
        if self._trust_roots is None:
            from asn1crypto import x509 as ax509

            # The certificate checked at open (the pin's), not the file as it is now.
            self._trust_roots = [] if self.ca_cert is None else [ax509.Certificate.load(
                self.ca_cert.public_bytes(serialization.Encoding.DER))]
        return self._trust_roots

    def verification_roots(self) -> list[Any]:
        """What ``verify`` trusts: the office's seal authority and the partners' it endorsed."""
        return trusted_roots(self.home)

    # -- attempts cut short --------------------------------------------------

    def recover(self) -> int:
        """Finish or undo the stamp attempts and printed copies a crash left open; the number handled.

        Runs only when no attempt is live (the station lock is free): a
        recovery while another process stamps leaves that stamp alone.
        An attempt that committed ``stamp_done`` has a verified temp file:
        it is renamed into place. One that did not is undone: its temp file
        removed, its reservation of the approval released.
        """
        from .printing.desk import recover_open_copies

        if not self.lock.try_exclusive():
            return 0
        try:
            open_uses = self.uses.open_uses()
            for use in open_uses:
                if use.state == UseState.RESERVED:
                    self._undo_attempt(use)
                else:
                    self._place_signed(use)
            return len(open_uses) + recover_open_copies(self)
        finally:
            self.lock.release()

    def _undo_attempt(self, use: StampUse) -> None:
        output = Path(use.output)
        leftovers = list(output.parent.glob(f".{output.name}.*.part")) if output.parent.is_dir() else []
        for part in leftovers:
            part.unlink(missing_ok=True)
        with self.db.transaction() as conn:
            self.uses.release(conn, use.attempt)
            self.journal.append(JournalKind.STAMP_INTERRUPTED, {
                "attempt": use.attempt, "request": use.request_id, "seal": use.seal_id, "output": use.output,
                "output_written": False, "temp_files_removed": [p.name for p in leftovers],
                "approval": "released"})

    def _place_signed(self, use: StampUse) -> None:
        output, temp = Path(use.output), Path(use.temp) if use.temp else None
        if file_sha256(output) == use.sha256_after:
            action = "already in place"
        elif temp is not None and file_sha256(temp) == use.sha256_after:
            try:
                publish(temp, output, overwrite=False)  # never over a file that took the name meanwhile
                fsync_dir(output.parent)
                action = "renamed into place"
            except SealStationError:
                action = f"not placed: another file has the name {output.name}; the stamped file is kept as {temp.name}"
        else:
            action = "lost: neither the output nor its verified temp file is there"
        with self.db.transaction() as conn:
            self.uses.placed(conn, use.attempt)
            self.journal.append(JournalKind.STAMP_RECOVERED, {
                "attempt": use.attempt, "request": use.request_id, "seal": use.seal_id, "output": use.output,
                "sha256_after": use.sha256_after, "action": action})

    # -- stamping ------------------------------------------------------------

    def seal_art(self, record: SealRecord) -> SealArt:
        from .pdf.signing import SealArt

        png = self.seals.load_image(record)  # the registered image (its digest is in the office-signed record)
        self.seal_images().prime(png)  # its encoding for PDF made once, kept and checked (not in every process)
        return SealArt(seal_id=record.key_label, png=png, size_mm=record.size_mm,
                       ca_chain=tuple(self.trust_roots()), cert_sha256=record.cert_sha256, token_label=record.token_label,
                       name=record.name)

    def seal_images(self) -> SealImageCache:
        """The seals' images encoded for PDF, kept beside the database (:mod:`sealstation.seals.image_cache`)."""
        from .seals.image_cache import SealImageCache

        return SealImageCache(self.db, self.home.seal_image_cache_dir)

    # -- outputs -----------------------------------------------------------------

    def check_output(self, path: str | Path, *, inputs: tuple[Path, ...] = (), overwrite: bool = False) -> Path:
        """Where a stamp or an export may be written (see :mod:`sealstation.outputs`); the resolved path.

        Raises :class:`~sealstation.errors.OutputRefusedError` (or its
        ``OutputExistsError``) naming the file; no secret is needed to ask.
        """
        return check_output_path(path, home=self.home.root, inputs=inputs,
                                 protected_sha256s=_ApprovedDigests(self.db), overwrite=overwrite)

    # The steps of check_stamp_before_login, one concern each: the window's preflight shows each one's answer.

    def _check_authority_unchanged(self) -> None:
        """On a station with no pin: the authority is the one its last stamp was judged by (its journal entry, which
        the token's checkpoint covers), so a home copy replaced since stops stamping here, not only at the archive.
        A pinned station is held to its pin instead (a change of authority is root's: a new pin)."""
        if self.anchor.pinned:
            return
        # The one field, read by SQLite: the entry's whole data (every record's digest) is not parsed here.
        last = latest_of_kind(self.db, JournalKind.STAMP_STARTED, "seq, CASE WHEN json_valid(data) AND "
                              "json_type(data, '$.authority') = 'object' THEN json_extract(data, '$.authority.ca_sha256') END")
        if last is None:
            return
        before = last[1]
        if before and before != self.ca_sha256:
            raise TrustAnchorError(
                f"The seal authority in the station home ({self.home.ca_cert_path}, SHA-256 "
                f"{str(self.ca_sha256)[:16]}…) is not the one this station stamped under until journal entry "
                f"{last[0]} (SHA-256 {str(before)[:16]}…): it was replaced. Stamping stops.",
                hint="Tell the office: it copies its own certificate back to the station home and checks the archive "
                f"(archive verify). If the office really changed its authority, root pins the new one: {PIN_COMMAND}.")

    @property
    def ca_sha256(self) -> str | None:
        """SHA-256 of the authority this station judges by (the pin's, on a pinned station)."""
        if self.ca_cert is None:
            return None
        held = self.__dict__.get("_ca_sha256")
        if held is None or held[0] is not self.ca_cert:  # computed again if ca_cert is ever replaced
            held = self.__dict__["_ca_sha256"] = (self.ca_cert, certificate_sha256(self.ca_cert))
        return held[1]

    @staticmethod
    def authority_pinned() -> bool:
        """Whether this computer pins the office's seal authority (:mod:`sealstation.anchor`)."""
        return load_anchor().pinned

    @staticmethod
    def pin_authority(ca_file: str | Path) -> Path:
        """Pin the office's seal authority on this computer (root, when the station is installed); the pin's path."""
        try:
            data = Path(ca_file).read_bytes()
        except OSError as exc:
            raise ConfigError(f"The office's certificate {ca_file} cannot be read: {exc.strerror or exc}.",
                              hint="Give the office's own seal-authority.pem with --ca.") from exc
        return install_pin(data)

    def anchor_warning(self) -> str | None:
        """What to tell people when the office's authority is not pinned on this computer (None when it is)."""
        return unpinned_warning(self.anchor)

    @staticmethod
    def verify_unopened(path: str | Path, home_dir: str | Path | None = None,
                        ca_path: str | Path | None = None) -> VerifyResult:
        """``verify`` without opening the station (no journal passphrase): any computer may check a file, trusting
        the seal authorities of the station home ``home_dir`` when there is one, or only the office's
        certificate ``ca_path`` when given (the office's own computer has no station home)."""
        if ca_path:
            return verify_pdf(path, trust_roots=load_trust_roots(Path(ca_path)))
        from .pdf.timestamps import home_timestamp_roots

        home = StationHome(resolve_home(home_dir))
        return verify_pdf(path, trust_roots=trusted_roots(home), timestamp_roots=home_timestamp_roots(home))

    # -- the window's questions: who, which request, can it be stamped --------------

    def login(self, user: str, password: str) -> Login:
        """Log a person in at the window (journalled as the CLI's logins are).

        A wrong password or a locked account raises as at the gate (``AccountLockedError`` names until
        when); a password that must be changed is not an error here: ``password_change`` says so, and the
        window asks for a new one (:meth:`change_password`) before anything else.
        """
        from .desk import Login, PasswordChange

        person = self.users.verify_password(user, password)
        self.users.check_record(person)
        self.users.record_login(person)
        person = self.users.get(user)
        change = (PasswordChange.NEW if person.must_change
                  else PasswordChange.EXPIRED if self.users.password_expired(person) else None)
        return Login(person, change, self.policy.idle_lock_minutes, allowed_actions(person))

    def check_password(self, user: str, password: str) -> User:
        """Whether ``password`` is ``user``'s, before a PIN is used: a failure is journalled and counted (and
        locks the account) as at the gate; a success is not a login (the gate records that)."""
        person = self.users.verify_password(user, password)
        self.users.check_record(person)
        return person

    @property
    def password_policy(self) -> PasswordPolicy:
        """The office's password rules (length, expiry, lockout), to show where a password is chosen."""
        return self.users.policy

    # -- approvals -------------------------------------------------------------

    # -- office: signed policy and the upgrade -----------------------------------

    def _office_login(self, user: str, password: str, *, check_record: bool = True):
        person = self.users.authenticate(user, password, check_record=check_record)
        person.require(Role.OFFICE, "sign the station's policy or records")
        return person

    def _last_policy_version(self) -> int:
        """The version of the policy last signed at this station, from the journal (indexed by kind)."""
        rows = self.db.query("SELECT kind, data FROM journal WHERE kind IN (?, ?) ORDER BY seq DESC LIMIT 1",
                             (JournalKind.POLICY_SIGNED, JournalKind.STATION_UPGRADED))
        if not rows:
            return 0
        data = json.loads(rows[0][1])
        return int(((data.get("new") if rows[0][0] == JournalKind.POLICY_SIGNED else data.get("policy"))
                    or {}).get("version") or 0)

    # -- people ------------------------------------------------------------------------

    def change_password(self, username: str, old: str, new: str) -> None:
        """The user changes their own password (and re-encrypts an approver's key under it)."""
        self.users.change_password(username, old, new)

    # -- the custodian's day: queue, status strip, own journal (sealstation/workqueue.py) -----

    def journal_health(self) -> JournalHealth:
        """Whether stamping goes on as far as the journal tells (tamper stop, clock, archive grace, the last token
        checkpoint's copy against the chain since it), or why it is stopped; no full verification."""
        from . import workqueue

        return workqueue.journal_health(self)

    # -- the seal register: the office makes, issues, delegates and destroys seals ----

    def token_info(self) -> TokenInfo:
        """The seal's USB key as it reports itself: label, serial and its PIN flags (no PIN needed)."""
        from .desk import TokenInfo

        found = self.token().probe()  # one look at the token: label, serial and PIN flags together
        return TokenInfo(found.label, found.serial, found.pin.count_low, found.pin.final_try, found.pin.locked)

    def pin_warning(self) -> str | None:
        """What to say before the PIN is asked, when the token says the next wrong PIN locks it."""
        if self.token().pin_status().final_try:
            return "The USB key says the next wrong PIN locks it (只剩最后一次机会)."
        return None

    # -- the station's own key ------------------------------------------------------

    def station_identity(self) -> StationIdentity:
        """The station's current key and certificate; refused when the office has not issued one."""
        rows = self.db.query("SELECT key_pem, cert_pem FROM station_key ORDER BY version DESC LIMIT 1")
        if not rows:
            raise StationKeyError(f"Station {self.config.station_id} has no station key yet.",
                                  hint="The office issues one: 'sealstation station key --user OFFICE' "
                                  "(asks the seal authority passphrase).")
        identity = StationIdentity.from_pem(rows[0][0].encode("ascii"), rows[0][1].encode("ascii"))
        if self.ca_cert is not None:
            check_station_certificate(identity.certificate, self.ca_cert, at=self.now())
        return identity

    # -- the office archive ------------------------------------------------------

    def archive_config(self, location: str | None = None) -> ArchiveConfig | None:
        """The station's archive (``location``: one given for this run); None when it has none.

        When the office's signed policy names its archive, that one (station.json's role and options kept for
        PostgreSQL), and :class:`ArchiveLocationError` for any other, whatever station.json or ``location`` say.
        """
        given = "given with --archive" if location else f"in {self.home.root / 'station.json'}"
        return require_office_archive(archive_config(self.config, location), self.policy.archive_location,
                                      given=given)

    def sending_archive(self, location: str | None = None) -> ArchiveConfig | None:
        """The archive segments and copy reservations go to (:meth:`archive_config`), a folder archive the office
        names also checked to sit where this account cannot put a folder of its own (:func:`check_folder_mount`)."""
        cfg = self.archive_config(location)
        if cfg is not None and self.policy.archive_location:
            check_folder_mount(cfg)
        return cfg

    def counted_archive(self) -> str | None:
        """The archive whose acknowledgements count for the grace: the policy's when it names one (never raises)."""
        if self.policy.archive_location:
            return self.policy.archive_location
        cfg = archive_config(self.config)
        return cfg.location if cfg else None

    def archive_warning(self) -> str | None:
        """What to tell people using an archive when the office's policy names none (None when it names one)."""
        if self.policy.archive_location:
            return None
        return ("The office's policy does not name this station's archive (archive_location): the archive given "
                "here is used as it is, and only the office would notice segments sent elsewhere. "
                "The office names it in the next policy it signs: sealstation policy sign --by ADMIN.")

    def _add_archive_witness(self) -> None:
        from .archive.sync import ArchiveWitness

        self.witnesses.append(ArchiveWitness(self.db))

    def sync_if_due(self) -> SyncResult | None:
        """The background sync (after a stamp or print, and periodically): None when there is no archive, the last
        failure's backoff has not passed, or the archive cannot be reached (recorded for the status strip)."""
        from .archive.sync import due

        try:
            cfg = self.archive_config()
            if cfg is None or not due(self, cfg.location):
                return None
            return self.archive().sync()
        except ArchiveError as exc:
            log.info("Background sync failed (retried later): %s", exc)
            return None

    def check_sync_grace(self) -> None:
        """Refuse when the office's grace limits of stamps or days without a successful sync are passed."""
        from .archive.sync import check_grace

        check_grace(self, self.counted_archive())

    # -- the desks: the façade split by who uses it (sealstation/desks/) ---------------

    def stamping(self) -> StampingDesk:
        """The custodian's desk (:class:`~sealstation.desks.stamping.StampingDesk`)."""
        from .desks.stamping import StampingDesk

        return StampingDesk(self)

    def approving(self) -> ApprovingDesk:
        """The approver's desk (:class:`~sealstation.desks.approving.ApprovingDesk`)."""
        from .desks.approving import ApprovingDesk

        return ApprovingDesk(self)

    def seal_office(self) -> SealOfficeDesk:
        """The office's seal register and delegations (:class:`~sealstation.desks.seal_office.SealOfficeDesk`)."""
        from .desks.seal_office import SealOfficeDesk

        return SealOfficeDesk(self)

    def people(self) -> PeopleDesk:
        """The office's users and roles (:class:`~sealstation.desks.people.PeopleDesk`)."""
        from .desks.people import PeopleDesk

        return PeopleDesk(self)

    def setup(self) -> SetupDesk:
        """The office's policy and station set-up (:class:`~sealstation.desks.setup.SetupDesk`)."""
        from .desks.setup import SetupDesk

        return SetupDesk(self)

    def person_allowed(self, by: str, action: str, words: str) -> User:
        """``by``'s record, signed by the office as it stands, if their roles allow ``action``
        (:mod:`sealstation.permissions`); refused (``role_missing``) otherwise. No password: for queries and for the
        check that comes before a password is tried."""
        person = self.users.get(by)
        if person is None:
            raise PermissionDeniedError(f"{by} is not a user of this station.", code="role_missing", user=by,
                                        role=" or ".join(sorted(r.value for r in ROLES_FOR[action])))
        require(self.users.check_record(person), action, words)
        return person

    def open_authority(self, passphrase: str) -> SealAuthority:
        """The office's seal authority with its key opened by ``passphrase`` (what the CLI asks as "Passphrase of
        the office's seal authority key"): :class:`SealAuthorityError` ``authority_passphrase`` when it is wrong."""
        return SealAuthority.load(self.home.ca_cert_path, self.home.ca_key_path, passphrase)

    def audit(self) -> AuditDesk:
        """The auditor's desk (:class:`~sealstation.desks.audit.AuditDesk`)."""
        from .desks.audit import AuditDesk

        return AuditDesk(self)

    def archive(self) -> ArchiveDesk:
        """The office archive's desk (:class:`~sealstation.desks.archive.ArchiveDesk`)."""
        from .desks.archive import ArchiveDesk

        return ArchiveDesk(self)

    def printing(self) -> PrintDesk:
        """The printing desk of this station (:class:`~sealstation.printing.desk.PrintDesk`)."""
        from .printing.desk import PrintDesk

        return PrintDesk(self)

    def plan_print(self, document: str | Path, *, copies: int, request_id: str | None = None):
        """Check that ``copies`` of this stamped file may be printed (no secret asked); a ``PrintPlan``."""
        return self.printing().plan(document, copies=copies, request_id=request_id)

    def check_print_to_file(self) -> None:
        """Refuse (PrintRefusedError, saying why) unless the office's policy lets copies be printed into files."""
        self.printing().require_print_to_file()

    def print_allowances(self, document: str | Path):
        """Every allowance (approved / printed / left) of this stamped file, also when none is left."""
        return self.printing().allowances_of(document)

    def print_copies(self, plan, *, user: str, password: str, sink, progress=None):
        """Print a plan's copies through ``sink`` (one job each); a ``PrintResult``."""
        return self.printing().print(plan, user=user, password=password, sink=sink, progress=progress)

    def void_copy(self, serial: str, *, reason: str, user: str, password: str):
        return self.printing().void(serial, reason=reason, user=user, password=password)

    def recall_copies(self, request_id: str, *, reason: str, user: str, password: str) -> list[str]:
        return self.printing().recall(request_id, reason=reason, user=user, password=password)

    @staticmethod
    def verify_copy_offline(text: str, ca_cert: x509.Certificate,
                            station_certs: Sequence[x509.Certificate]) -> CopyCheckResult:
        """A copy's QR text checked on any computer: genuine or not, from the office's and the station's
        certificates alone (its current status needs the station or the archive)."""
        from .printing.desk import check_copy_offline

        return check_copy_offline(text, ca_cert, list(station_certs))

    @staticmethod
    def verify_copy_in_archive(text: str, archive: ArchiveConfig, ca_cert: x509.Certificate) -> CopyCheckResult:
        """A copy's QR text checked against the office archive: genuine, and voided or recalled since."""
        from .archive.backend import open_backend
        from .printing.archive_status import check_copy_in_archive

        with closing(open_backend(archive)) as backend:
            return check_copy_in_archive(text, backend, ca_cert)

    # -- backups (sealstation/backup/) ----------------------------------------------

    @staticmethod
    def check_backup(path: str | Path, ca_cert: x509.Certificate, identity=None) -> BackupCheck:
        """A backup checked without restoring it (``backup verify``; no station, no secret): the station's
        signature and the payload's digest, and with the office's ``identity`` every file against the manifest."""
        from .backup.file import check_backup

        return check_backup(path, ca_cert, identity)

    def backup_if_due(self):
        """The office's scheduled backup (station.json ``backup``), from the window's timer: a backup into its
        folder when the last one there is ``every_days`` old; None when none is due or it failed (logged)."""
        cfg = self.config.backup
        if cfg is None:
            return None
        folder = Path(cfg.folder).expanduser()
        last = self._last_backup_in(folder)
        if last is not None and self.now() - last < dt.timedelta(days=cfg.every_days):
            return None
        name = f"{self.config.station_id}-{self.now().astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}.sealbackup"
        try:
            return self.setup().backup(folder / name, user=None, password=None)
        except SealStationError as exc:
            log.warning("The scheduled backup failed (tried again at the next timer): %s", exc)
            return None

    def _last_backup_in(self, folder: Path) -> dt.datetime | None:
        rows = self.db.query("SELECT at, data FROM journal WHERE kind = ? ORDER BY seq DESC LIMIT 200",
                             (JournalKind.BACKUP_MADE,))
        for at, data in rows:
            if Path(json.loads(data).get("file", "")).parent == folder.resolve():
                return dt.datetime.fromisoformat(at)
        return None

    @classmethod
    def restore(cls, backup: str | Path, *, identity, home: str | Path, ca_cert, journal_passphrase: str | None = None,
                archive: str | None = None, accept_rollback: bool = False):
        """Restore ``backup`` into the empty folder ``home`` (:mod:`sealstation.backup.restore`), open the restored
        station and journal the restore there; the restored files' facts.

        Its history is checked against the office archive (``archive``, else the
        restored station's own): a fork is refused, and a rollback of records
        the archive holds unless the office accepts it (``accept_rollback``).
        """
        from .backup.restore import restore_files

        def open_archive(config):
            from .archive.backend import open_backend

            cfg = archive_config(config, archive)
            return open_backend(cfg) if cfg is not None else None

        restored = restore_files(backup, identity, home, ca_cert, journal_passphrase=journal_passphrase,
                                 open_archive=open_archive, accept_rollback=accept_rollback)
        h = restored.header
        with cls.open(restored.home, journal_passphrase=journal_passphrase, strict_policy=False) as station:
            station.journal.append(JournalKind.BACKUP_RESTORED, {
                "file": str(Path(backup).resolve()), "header_sha256": h.digest, "made_at": h.made_at,
                "journal_seq": h.journal_seq, "journal_hash": h.journal_hash, "members": restored.members,
                "archive_entries_rolled_back": restored.rolled_back})
        return restored

    # -- the office's tools on the archive: any computer that reaches it, no station opened ------

    @staticmethod
    def office_archive(location: str | None = None, home_dir: str | Path | None = None) -> ArchiveConfig:
        """The archive at ``location``, else the one in the station home's ``station.json``; ArchiveError if none."""
        home = StationHome(resolve_home(home_dir))
        cfg = archive_config(home.load_config() if home.exists() else None, location)
        if cfg is None:
            raise ArchiveError("No office archive is given.", hint="Give --archive DIR|postgresql://…, or configure "
                               'one in station.json ("archive": {"location": …}).')
        return cfg

    @staticmethod
    def init_archive(folder: str | Path) -> FolderArchive:
        """Make a folder an office archive, once (the office; ``archive init``)."""
        from .archive.backend import FolderArchive

        return FolderArchive.create(folder)

    @staticmethod
    def audit_archive(archive: ArchiveConfig, ca_cert: x509.Certificate, *, now: dt.datetime,
                      stale_days: int = 7) -> list[StationAudit]:
        """Every station's segments checked against the office's CA, per station (``archive verify``)."""
        from .archive.backend import open_backend
        from .archive.audit import verify_archive

        with closing(open_backend(archive)) as backend:
            return verify_archive(backend, ca_cert, now=now, stale_days=stale_days)

    @staticmethod
    def registrations(path: str | Path, signatures, archive: ArchiveConfig, ca_cert: x509.Certificate, *,
                      now: dt.datetime) -> RegistrationResult:
        """Is each signature of ``path`` on record (``verify --archive``)? ``signatures``: verify's reports."""
        from .archive.backend import open_backend
        from .archive.registration import check_registrations

        with closing(open_backend(archive)) as backend:
            return check_registrations(backend, ca_cert, path, signatures, now=now)

    @staticmethod
    def write_monthly_report(out: str | Path, archive: ArchiveConfig, ca_cert: x509.Certificate, *, month: str,
                             now: dt.datetime, stations: Sequence[str] | None = None, overwrite: bool = False,
                             progress=None, home_dir: str | Path | None = None) -> MonthlyReportResult:
        """The month's 签盖记录和在线打印情况汇总表 for the office, on a computer without a station.

        The format is ``out``'s extension (.xlsx, .pdf, .csv; :mod:`sealstation.archive.report`); the output
        rules of the station home ``home_dir`` apply when there is one. A station exports it with
        :meth:`monthly_report`, which also asks who and journals it.
        """
        from .archive.report import report_format

        report_format(out)
        path = check_output_path(out, home=resolve_home(home_dir), overwrite=overwrite)
        return Station._write_report(path, archive, ca_cert, month=month, now=now, stations=stations,
                                     overwrite=overwrite, progress=progress)

    @staticmethod
    def _write_report(path: Path, archive: ArchiveConfig, ca_cert, *, month, now, stations, overwrite,
                      progress) -> MonthlyReportResult:
        from .archive.backend import open_backend
        from .archive.report import MonthlyReportResult, build_report

        with closing(open_backend(archive)) as backend:
            summary = build_report(backend, ca_cert, path, month=month, stations=list(stations or ()) or None,
                                   now=now, progress=progress, overwrite=overwrite)
        kinds = Counter(what for _station, what, _detail in summary.findings)
        return MonthlyReportResult(path, month, len(summary.stamps), len(summary.prints), len(summary.findings),
                                   tuple(kinds.items()))

    # -- the office's monthly report, exported at the station ---------------------------

    # -- journal export ----------------------------------------------------------


class _ApprovedDigests:
    """``sha256 in digests``: is it an approved document, or the recorded output of a stamp? (indexed lookups)"""
    def __init__(self, db: StationDB) -> None:
        self.db = db

    def __contains__(self, sha256: object) -> bool:
        rows = self.db.query(
            "SELECT 1 FROM requests WHERE document_sha256 = ? UNION ALL "
            "SELECT 1 FROM stamps WHERE output_sha256 = ? LIMIT 1", (sha256, sha256))
        return bool(rows)



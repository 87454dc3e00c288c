"""Use cases of the station: the one façade the UI and the CLI call.

A :class:`Station` is opened on a station home: its configuration, its
encrypted database (journal, users, seal register, requests) and, on first
use, its token. Stamping is split in two so that every check of the
document, the page and the seal happens before anyone is asked for a PIN:

* :meth:`Station.plan_stamp` reads the document and checks the placement;
* :meth:`Station.stamp` is the gate — untampered journal, logged-in custodian,
  usable seal, approval for this exact document — then signs with the token.

Every attempt is journalled before it starts and when it ends; an attempt
cut short (process killed) is finished or undone by :meth:`Station.recover`,
an explicit step under the station lock: the gate runs it before each stamp,
the window at start. Opening a station reads; it neither checks files nor
removes them.

Authority comes from signatures (docs/trust-model.md): the policy is
read from the office-signed ``office/policy.json`` (:mod:`sealstation.policy`),
user records and delegations are checked against the seal authority's
signature, and approvals against their approver's signature. A station from
before signed records opens, but approves and stamps only after
:meth:`Station.upgrade`.

In the signing login, before the signature, the database is compared with
the checkpoint on the seal's token (:mod:`sealstation.journal.checkpoint`)
and the next checkpoint is written; a disagreement stops stamping until the
office signs a review (:mod:`sealstation.journal.review`).

Larger use cases live in their own packages behind short methods here:
printing numbered, QR-signed copies (:mod:`sealstation.printing`), the office
archive and its monthly report (:mod:`sealstation.archive`), and encrypted
backups (:mod:`sealstation.backup`). The station signs its own statements
(copy QR codes, archive segments, backup headers) with its office-certified
key (:mod:`sealstation.station_key`).

Where a stamp or an export may be written is decided by
:mod:`sealstation.outputs`, at planning (before any secret) and again just
before the file is made. Opening a station makes its home private (0700/0600)
and journals any repair.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import secrets
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from .anchor import (PIN_COMMAND, anchored_authority, certificate_sha256, install_pin, load_anchor,
                     unpinned_warning)
from .approval.oa_file import OaApproval, format_utc, read_oa_approval, read_oa_file, read_oa_signature
from .approval.requests import RequestState, RequestStore, StampRequest, register_approver_key
from .approval.rules import AuthorityRules
from .approval.signed import ApprovalVerifier, approver_keys, key_registration_bytes, sign_payload
from .approval.uses import StampUse, UseState, UseStore
from .archive.audit import StationAudit, verify_archive
from .archive.authority_check import authority_refs, record_text, store_records
from .archive.backend import FolderArchive, open_backend
from .archive.config import ArchiveConfig, archive_config, check_folder_mount, require_office_archive
from .archive.registration import RegistrationResult, check_registrations
from .archive.report import MonthlyReportResult, build_report, report_format
from .archive.sync import ArchiveWitness, SyncResult, SyncStatus, check_grace, due, sync_station, sync_status
from .backup.file import BackupCheck, check_backup, make_backup
from .backup.keys import install_recipient, make_identity, signed_recipient, write_identity
from .backup.restore import restore_files
from .config import StationConfig, StationHome, resolve_home
from .desks import ApprovingDesk, ArchiveDesk, AuditDesk, OfficeDesk, StampingDesk
from .desk import CHECKS, CoveringRequest, Login, PasswordChange, Preflight, PreflightCheck, TokenInfo
from .errors import (ApprovalError, ArchiveError, BackupKeyError, CheckpointMismatchError, ClockSetBackError,
                     ConfigError, InputChangedError, JournalError, JournalPassphraseError, OutputError,
                     PermissionDeniedError, PinError,
                     PolicyError, SealLifecycleError, SealStationError, StationKeyError, TrustAnchorError,
                     TokenError, UpgradeRequiredError)
from .fsutil import HOME_FILE_MODE, ModeRepair, atomic_write_bytes, file_sha256, fsync_dir, publish, secure_home
from .journal.clock import CLOCK_HINT, CLOCK_TOLERANCE, TimeSeen, set_back_words
from .journal.checkpoint import (CHECKPOINT_HINT, POLICY_COUNTER, CheckpointState, UseOnToken, compare, deputy_counter,
                                 first_checkpoint, read_checkpoint, released, with_use, write_checkpoint)
from .journal.journal import Journal, JournalKind, export_journal, iso_seconds, utc_now, verify_journal
from .journal.keystore import keyring_key, passphrase_key
from .journal.review import OfficeReview, sign_review, unreviewed_stops
from .journal.store import StationDB
from .locks import HomeInUse, StationLock, held_exclusive
from .model import Placement
from .outputs import check_output_path
from .permissions import allowed_actions
from .pdf.active import active_content
from .pdf.document import SourcePdf, frame_of_page, read_source_pdf
from .pdf.signing import SealArt, StampPlan, StampResult, StampSpec, check_stampable, plan_stamp, stamp_pdf
from .pdf.verify import (VerifyResult, check_new_signature, earlier_signature_problems, load_trust_roots,
                         verify_pdf)
from .policy import (SIGN_COMMAND, PolicyFiles, StationPolicy, load_signed_policy, policy_from_legacy_config,
                     write_signed_policy)
from .printing.archive_status import check_copy_in_archive
from .printing.desk import CopyCheckResult, PrintDesk, check_copy_offline, recover_open_copies
from .seals.lifecycle import Delegation, SealAction, SealStatus, next_status
from .seals.making import SealSpec, check_existing_certificate, first_record, seal_image_for
from .seals.partners import add_partner_authority, partner_authorities, trusted_roots
from .seals.register import SealRecord, SealRegister, delegation_bytes
from .station_time import station_time_floor
from .station_key import StationIdentity, check_station_certificate, make_station_identity
from .token.keys import delete_seal_key, make_seal_key
from .token.module import find_pkcs11_module
from .token.session import TokenSession
from .token.signer import seal_signer
from .token.watch import TokenStatus, UsbWatch, token_status
from .users import PasswordPolicy, Role, User, UserStore
from .workqueue import JournalHealth, JournalLine, SealToday, WorkItem
from . import workqueue
from .users import user_record_bytes

__all__ = ["Station", "StampRequestSpec", "StampAuthorisation", "DocumentCheckResult", "ApprovalResult",
           "UpgradeResult", "open_station_db", "UPGRADE_COMMAND"]

UPGRADE_COMMAND = "sealstation station upgrade --by ADMIN"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StampRequestSpec:
    """What the custodian asks for: a seal on a document at a place."""
    document: Path
    """The approved input PDF (never modified)."""
    seal_id: str
    placement: Placement
    """Page and seal centre in mm from the top-left of the page as displayed."""
    output: Path
    """Where to write the stamped PDF; refused in the station home, on the input or an approved document."""
    purpose: str = ""
    """Defaults to the approved request's purpose; becomes the signature's reason."""
    overwrite: bool = False
    """Replace an existing file at ``output`` (only after the person confirmed it); never an approved one."""

@dataclass(frozen=True)
class DocumentCheckResult:
    """A document that can be stamped, and what a person should know about it."""
    source: SourcePdf
    """The facts of the checked file (path, SHA-256, pages); its parse is spent: read it again to stamp."""
    warnings: tuple[str, ...]
    """E.g. an earlier signature in the file that is already broken."""

@dataclass(frozen=True)
class ApprovalResult:
    """An approved request, and the document's warnings the approver was shown."""
    request: StampRequest
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class StampAuthorisation:
    """What the gate let through: this plan, under this request, by this custodian."""
    plan: StampPlan
    request: StampRequest
    user: str
    attempt: int
    """Journal sequence number of the attempt's ``stamp_started`` entry."""
    in_use: dict = field(default_factory=dict)
    """Versions of the signed records the gate judged by (user records, policy, delegations), as checkpoint
    counters: compared with the token's counters in the signing login."""

@dataclass(frozen=True)
class UpgradeResult:
    """What the office signed when it upgraded a station to signed records."""
    users: tuple[str, ...]
    approvers_without_key: tuple[str, ...]
    """Approvers with no approval key yet: they approve only after the office resets them."""
    delegations: int
    approver_keys: tuple[str, ...]
    """OA keys whose registration was signed."""
    policy: StationPolicy


def open_station_db(home: StationHome, config: StationConfig, *, passphrase: str | None = None) -> StationDB:
    """The station database, its key from the OS keyring (or the office passphrase)."""
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

    def add_partner_authority(self, cert_file: str | Path, *, by: str, password: str, authority):
        """The office trusts a partner's seal authority for ``verify`` (endorsed with the office's key)."""
        self._office_login(by, password)
        partner = add_partner_authority(self.home, Path(cert_file), authority)
        self.journal.append(JournalKind.CONFIG_CHANGED, {
            "change": "partner seal authority trusted", "name": partner.name, "sha256": partner.sha256}, actor=by)
        return partner

    def partner_authorities(self):
        """The partners' seal authorities in the station home, each with whether its endorsement holds."""

        if self.ca_cert is None:
            return []
        return partner_authorities(self.home, self.ca_cert)

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
        return SealArt(seal_id=record.key_label, png=self.seals.load_image(record), size_mm=record.size_mm,
                       ca_chain=tuple(self.trust_roots()), cert_sha256=record.cert_sha256, token_label=record.token_label,
                       name=record.name)

    # -- outputs -----------------------------------------------------------------

    def check_output(self, path: str | Path, *, inputs: tuple[Path, ...] = (), overwrite: bool = False) -> Path:
        """Where a stamp or an export may be written (see :mod:`sealstation.outputs`); the resolved path.

        Raises :class:`~sealstation.errors.OutputRefusedError` (or its
        ``OutputExistsError``) naming the file; no secret is needed to ask.
        """
        return check_output_path(path, home=self.home.root, inputs=inputs,
                                 protected_sha256s=_ApprovedDigests(self.db), overwrite=overwrite)

    def plan_stamp(self, request: StampRequestSpec) -> StampPlan:
        """Check the output, the document, the seal and the placement, and prepare the signed revision.

        No token, no login: every fault of the document or the output path
        shows here, before a password or PIN is asked for. The signature's reason is the purpose
        given, else that of the approved request for this document and seal
        (the gate still decides which request, if any, allows the stamp).
        """
        output = self.check_output(request.output, inputs=(Path(request.document),), overwrite=request.overwrite)
        source = read_source_pdf(request.document)
        record = self.seals.get(request.seal_id)
        purpose = request.purpose
        if not purpose:
            approved = self.requests.find_for(source.sha256, request.seal_id)
            purpose = approved.purpose if approved else ""
        spec = StampSpec(placement=request.placement, reason=purpose,
                         location=self.config.location or self.config.station_id)
        return plan_stamp(source, self.seal_art(record), spec, output, overwrite=request.overwrite)

    def check_stamp_before_login(self, plan: StampPlan, *, user: str, request_id: str | None = None) -> StampRequest:
        """Every refusal of the gate that needs no secret, so that it comes before the password and the PIN.

        The journal's stop and the clock, the signed policy and the sync grace,
        the custodian's signed record and role, the seal (issued, valid, registered
        here, held by ``user`` or delegated to them), the approval (signed, unexpired,
        for this document and seal, not used up) and the output folder. Nothing is
        journalled for a refusal here (no one has logged in); :meth:`authorise_stamp`
        checks all of it again under its login, in one transaction. A ``user`` the
        station does not know is refused as one who holds neither the seal nor a
        delegation for it (what the seal's record says anyway: its custodian's name).
        Returns the request that allows the stamp.
        """
        if plan.output is not None:  # again now: minutes may have passed since the plan
            self.check_output(plan.output, inputs=(plan.source.path,), overwrite=plan.overwrite)
        self._check_station_may_stamp()
        self._check_custodian(user)
        self._check_seal_for(plan.art.seal_id, user)
        return self._check_approval(plan.source, plan.art.seal_id, user, request_id)

    # The steps of check_stamp_before_login, one concern each: the window's preflight shows each one's answer.

    def _check_station_may_stamp(self) -> None:
        self.check_clock()
        self.journal.check_not_tampered()
        self.require_upgraded()
        self.check_sync_grace()
        self._check_authority_unchanged()

    def _check_custodian(self, user: str) -> None:
        person = self.users.get(user)
        if person is not None:
            self.users.check_record(person)
            person.require(Role.CUSTODIAN, "stamp")

    def _check_seal_for(self, seal_id: str, user: str) -> None:
        self.seals.check_usable(self.seals.get(seal_id), station_id=self.config.station_id, user=user, now=self.now())

    def _check_approval(self, source: SourcePdf, seal_id: str, user: str, request_id: str | None = None) -> StampRequest:
        request, _approval = self.requests.check_stamp_allowed(
            document_sha256=source.sha256, seal_id=seal_id, custodian=user, request_id=request_id,
            document_name=source.path.name)
        return request

    def authorise_stamp(self, plan: StampPlan, *, user: str, password: str,
                        request_id: str | None = None) -> StampAuthorisation:
        """The gate: journal intact, custodian logged in, seal usable here, approval for this document.

        On success the login and the attempt's ``stamp_started`` entry are
        committed together, before any signing; a refusal is journalled with
        its reason. Failed passwords are journalled as they happen.
        """
        seal_id = plan.art.seal_id
        facts = {"document": plan.source.path.name, "sha256": plan.source.sha256, "seal": seal_id}
        self.recover()  # an attempt a crash left open holds its approval until it is finished or undone
        try:
            self.check_clock()
            self.journal.check_not_tampered()
            person = self.users.verify_password(user, password)
            # A step of the gate, before the refusals below so that they cannot roll it back.
            self.seals.end_expired_delegations(seal_id, self.now())
        except SealStationError as exc:
            self.journal.append(JournalKind.STAMP_REFUSED, facts | {"why": exc.message}, actor=user)
            raise
        self.lock.hold_shared()  # held until the attempt ends: recovery leaves it alone
        try:
            # Not waiting for the disk: stamp_done or stamp_failed, always next, syncs it (journal/store.py).
            with self.db.transaction(sync=False) as conn:
                self.users.record_login(person)
                request, in_use, texts = self._gate(plan, person, request_id)
                # What the office re-checks against its own authority (archive/authority_check.py).
                authority, records = authority_refs(texts, ca_sha256=self.ca_sha256, pinned=self.anchor.pinned)
                store_records(conn, records)
                started = self.journal.append(JournalKind.STAMP_STARTED, facts | {
                    "request": request.id, "page": plan.box.placement.page,
                    "center_mm": list(plan.box.placement.center_mm),
                    "field": plan.field_name, "output": str(plan.output), "authority": authority}, actor=user)
                # The database's constraint, not the check above, is what stops a second process.
                self.uses.reserve(conn, request_id=request.id, seal_id=seal_id, attempt=started.seq,
                                  output=str(plan.output))
        except SealStationError as exc:
            self.lock.release()
            with self.db.transaction():
                self.users.record_login(person)
                self.journal.append(JournalKind.STAMP_REFUSED, facts | {"why": exc.message}, actor=user)
            raise
        except BaseException:
            self.lock.release()
            raise
        return StampAuthorisation(plan, request, user, started.seq, in_use)

    def _gate(self, plan: StampPlan, person, request_id: str | None) -> tuple[StampRequest, dict, dict[str, str]]:
        """The request that allows the stamp, the versions of the signed records it was judged by, and those
        records' texts by role (for the office archive)."""
        self.require_upgraded()
        self.check_sync_grace()
        self._check_authority_unchanged()
        self.users.check_record(person)
        self.users.check_fresh(person)
        person.require(Role.CUSTODIAN, "stamp")
        record = self.seals.get(plan.art.seal_id)
        self.seals.check_usable(record, station_id=self.config.station_id, user=person.username, now=self.now())
        request, approval = self.requests.check_stamp_allowed(
            document_sha256=plan.source.sha256, seal_id=plan.art.seal_id, custodian=person.username, request_id=request_id,
            document_name=plan.source.path.name)
        approver = self.users.get(approval.approver)  # read once for both (the same transaction: the same row)
        return (request, self._records_in_use(person, approval.approver, record, approver),
                self._authority_texts(person, approval, plan.art.seal_id, approver))

    def _authority_texts(self, person, approval, seal_id: str, approver: User | None) -> dict[str, str]:
        """The signed records this stamp is judged by, as the archive receives them (by role).

        The policy is the one this station judged by, as checked when it was loaded or signed (not the file
        read again: the file may have been changed since, and the stamp was judged by what was checked).
        """
        if self._policy_record is None:
            raise PolicyError("The station has no office-signed policy loaded: it cannot stamp.",
                              hint=f"The office signs the policy: {SIGN_COMMAND}.")
        texts = {"policy": self._policy_record,
                 "custodian": self._user_text(person),
                 "approval": record_text("approval", approval.signed_payload or "", approval.signature,
                                         source=approval.source)}
        if approver is not None:
            texts["approver"] = self._user_text(approver)
        for role, (signed, signature) in self.seals.signed_texts(seal_id, person.username, self.now()).items():
            texts[role] = record_text(role, signed, signature)
        if approval.source == "oa-file":
            rows = self.db.query("SELECT public_key_pem, signature FROM approver_keys WHERE approver = ?",
                                 (approval.approver,))
            if rows:
                texts["oa_key"] = record_text("oa_key", key_registration_bytes(approval.approver, rows[0][0]),
                                              rows[0][1])
        return texts

    @staticmethod
    def _user_text(user: User) -> str:
        return record_text("user", user_record_bytes(user), user.signature)

    def _check_authority_unchanged(self) -> None:
        """On a station with no pin: the authority is the one its last stamp was judged by (its journal entry, which
        the token's checkpoint covers), so a home copy replaced since stops stamping here, not only at the archive.
        A pinned station is held to its pin instead (a change of authority is root's: a new pin)."""
        if self.anchor.pinned:
            return
        # The one field, read by SQLite: the entry's whole data (every record's digest) is not parsed here.
        rows = self.db.query("SELECT seq, CASE WHEN json_valid(data) AND json_type(data, '$.authority') = 'object' "
                             "THEN json_extract(data, '$.authority.ca_sha256') END FROM journal WHERE kind = ? "
                             "ORDER BY seq DESC LIMIT 1", (str(JournalKind.STAMP_STARTED),))
        if not rows:
            return
        before = rows[0][1]
        if before and before != self.ca_sha256:
            raise TrustAnchorError(
                f"The seal authority in the station home ({self.home.ca_cert_path}, SHA-256 "
                f"{str(self.ca_sha256)[:16]}…) is not the one this station stamped under until journal entry "
                f"{rows[0][0]} (SHA-256 {str(before)[:16]}…): it was replaced. Stamping stops.",
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

    def _records_in_use(self, person, approver: str, record: SealRecord, approver_record: User | None) -> dict:
        """The signed versions the token's counters check: an older signed version brought back is refused there,
        and a seal record under a version the office never signed here."""
        seal_id = record.seal_id
        users = {person.username: person.record_version}
        if approver_record is not None:
            users[approver] = approver_record.record_version
        in_use = {"users": users, "policy": {POLICY_COUNTER: self.policy.version}, "seals": {seal_id: record.version},
                  "delegations": {seal_id: self.seals.delegation_version(seal_id)}}
        if person.username != record.custodian:  # stamping as a deputy: the delegation they stamp under
            mine = [d.version for d in self.seals.delegations(seal_id, self.now()) if d.delegate == person.username]
            if mine:
                in_use["deputies"] = {deputy_counter(seal_id, person.username): max(mine)}
        return in_use

    def cancel(self, auth: StampAuthorisation, why: str) -> None:
        """An authorised stamp that will not happen (e.g. the PIN prompt was abandoned)."""
        self._end_failed(auth, f"cancelled: {why}")

    def _end_failed(self, auth: StampAuthorisation, why: str, *, pin_failure: str | None = None) -> None:
        """Journal the failure, release the approval's reservation, end the attempt's hold on the lock."""
        try:
            with self.db.transaction() as conn:
                self.uses.release(conn, auth.attempt)
                self.journal.append(JournalKind.STAMP_FAILED, {"attempt": auth.attempt, "why": why}, actor=auth.user)
                if pin_failure:
                    self.journal.append(JournalKind.PIN_FAILED, {"seal": auth.plan.art.seal_id, "why": pin_failure},
                                        actor=auth.user)
        finally:
            self.lock.release()

    def stamp(self, auth: StampAuthorisation, output: str | Path | None = None, *, pin: str | None) -> StampResult:
        """Sign an authorised plan with the seal's token key and record it; the output is verified before it exists."""
        plan, request = auth.plan, auth.request
        try:
            output = Path(output).resolve() if output else plan.output
            if output != plan.output:
                raise OutputError(f"{output} is not the output that was authorised ({plan.output}).")
            if not plan.spec.reason and request.purpose:
                # The gate chose a request other than the one planning found: prepare again with its purpose.
                plan = self._replan_with_reason(plan, request.purpose)
            # Again just before signing: minutes may have passed at the PIN prompt (a file may have appeared).
            self.check_output(output, inputs=(plan.source.path,), overwrite=plan.overwrite)
            result = self._sign(plan, output, pin, commit=lambda tmp, sha: self._commit_done(auth, plan, tmp, sha),
                                attempt=auth.attempt, in_use=auth.in_use,
                                use=UseOnToken(auth.attempt, request.id, plan.art.seal_id))
        except SealStationError as exc:
            self._end_failed(auth, exc.message, pin_failure=exc.message if isinstance(exc, PinError) else None)
            raise
        except BaseException as exc:
            self._end_failed(auth, type(exc).__name__)
            raise
        try:
            self.uses.placed_lazily(auth.attempt)
        finally:
            self.lock.release()
        self._tell_witnesses()
        return result

    def _tell_witnesses(self) -> None:
        """Hand the checkpoint this stamp wrote to the token to the witnesses outside the station."""
        checkpoint, self._written_checkpoint = self._written_checkpoint, None
        for witness in self.witnesses if checkpoint is not None else ():
            try:
                witness.witness(checkpoint)
            except Exception:  # noqa: BLE001 - a witness queues what it cannot take; a stamp never fails for it
                log.warning("A checkpoint witness failed; it must catch up at its next sync.", exc_info=True)

    def _commit_done(self, auth: StampAuthorisation, plan: StampPlan, temp: Path, sha256_after: str) -> None:
        """The stamp counts from here: verified temp file, ``stamp_done`` committed; the rename follows."""
        output, placement = Path(plan.output), plan.box.placement
        with self.db.transaction() as conn:
            self.requests.mark_stamped(conn, auth.request, plan.art.seal_id, output_name=output.name,
                                       output_sha256=sha256_after)
            self.uses.signed(conn, auth.attempt, temp=str(temp), sha256_after=sha256_after)
            self.journal.append(JournalKind.STAMP_DONE, {
                "attempt": auth.attempt, "document": plan.source.path.name, "sha256_before": plan.source.sha256,
                "sha256_after": sha256_after, "seal": plan.art.seal_id, "page": placement.page,
                "center_mm": list(placement.center_mm), "request": auth.request.id, "field": plan.field_name,
                "output": str(output), "temp": temp.name, "custodian": auth.user,
                # What verify --archive matches a signature by: the digest of the bytes it signs.
                "signature_digest": plan.prepared.digest.document_digest.hex() if plan.prepared else None},
                actor=auth.user)

    def _replan_with_reason(self, plan: StampPlan, reason: str) -> StampPlan:
        source = read_source_pdf(plan.source.path)
        if source.sha256 != plan.source.sha256:
            raise InputChangedError(f"{plan.source.path} was replaced or edited while it was being stamped.",
                                    hint="Nothing was stamped. An edited document needs a new approval.",
                                    file=plan.source.path.name, path=str(plan.source.path))
        return plan_stamp(source, plan.art, replace(plan.spec, reason=reason, field_name=plan.field_name),
                          plan.output, overwrite=plan.overwrite)

    def _sign(self, plan: StampPlan, output: Path, pin: str | None, commit=None,
              attempt: int | None = None, in_use: dict | None = None, use: UseOnToken | None = None) -> StampResult:
        """Sign on the token; with ``attempt`` (a gated stamp) the token checkpoint is compared and written first.

        The checkpoint written names the attempt (``use``): from then on the
        approval counts as used whatever the records say later, unless signing
        fails in this same login (no signature exists), which the token records.
        """
        token = self.token()
        signed_from = len(plan.source.data)


        art = plan.art

        def with_signer(fn):
            def in_login(session):
                if attempt is None or not self._checkpoints:
                    return fn(seal_signer(session, label=art.seal_id, token_label=art.token_label,
                                          cert_sha256=art.cert_sha256, ca_chain=art.ca_chain))
                # The checkpoint is compared and rewritten in the same login as the signature, before it.
                self._checkpoint(session, art.seal_id, attempt, art.token_label, in_use or {}, use)
                try:
                    return fn(seal_signer(session, label=art.seal_id, token_label=art.token_label,
                                          cert_sha256=art.cert_sha256, ca_chain=art.ca_chain))
                except BaseException:
                    self._release_on_token(session, attempt)  # no signature was made: the approval is not spent
                    raise

            return token.run(in_login, pin=pin)

        try:
            return stamp_pdf(
                plan, output,
                with_signer=with_signer,
                verify_output=lambda path, field: check_new_signature(
                    path, field, signed_from=signed_from, signer_cert_sha256=plan.art.cert_sha256),
                signing_time=self.now(),
                commit=commit,
            )
        except CheckpointMismatchError as exc:
            self.journal.record_stop(exc.message, stop=exc.stop, source=f"checkpoint on token '{plan.art.token_label}'")
            raise
        finally:
            # Each use of a seal is unlocked by its own PIN entry: log out when done.
            token.logout()

    def _release_on_token(self, session, attempt: int) -> None:
        written = self._written_checkpoint
        if written is None or not any(u[0] == attempt for u in written.uses):
            return
        try:
            with held_exclusive(self.home.root / "checkpoint.lock"):
                current = read_checkpoint(session, self.config.station_id)
                if current is not None and not current.tamper:
                    self._written_checkpoint = write_checkpoint(session, released(current, attempt))
        except Exception:  # noqa: BLE001 - the signing error is what the person must see; the approval stays spent
            log.warning("Could not record on the token that attempt %s signed nothing.", attempt, exc_info=True)

    def _checkpoint(self, session, seal_id: str, attempt: int, token_label: str, in_use: dict,
                    use: UseOnToken | None = None) -> None:
        """On the token's thread, logged in: compare the database with the checkpoint, then write the next one.

        Written before the signature, not after: the token then never holds a
        signature it has no record of (a kill -9 between the two cannot make
        one), and a signature that fails afterwards leaves a checkpoint at the
        attempt's ``stamp_started``, which the database already holds.
        """
        station_id = self.config.station_id
        use = use or UseOnToken(attempt, "", seal_id)
        with held_exclusive(self.home.root / "checkpoint.lock"):  # two stamps of this station: one at a time
            held: list = []
            cp = read_checkpoint(session, station_id, objects=held)
            result = compare(self.db, cp, ca_cert=self.journal.ca_cert, seal_id=seal_id, in_use=in_use, use=use,
                             now=self.clock())
            if result.state == CheckpointState.USED:
                raise ApprovalError(f"Nothing was signed: {result.reason}.",
                                    hint="One approval allows one stamp with each of its seals: ask for a new approval.",
                                    code="approval_used_up", seal=seal_id, reason=result.reason)
            if result.state == CheckpointState.NONE:
                started = write_checkpoint(session, with_use(first_checkpoint(self.db, station_id, attempt, in_use),
                                                             use, {}), replacing=held)
                self._written_checkpoint = started
                self.journal.append(JournalKind.CHECKPOINT_STARTED, {
                    "token": token_label, "station": station_id, "seq": started.seq, "hash": started.hash,
                    "why": "no checkpoint of this station was on the seal's USB key (first stamp, or a new key)"})
                return
            if not result.agrees:
                raise self._stop_on_token(session, cp, result)
            self._written_checkpoint = write_checkpoint(session, with_use(replace(
                cp, seq=result.head[0], hash=result.head[1], counters=result.counters, tamper=None,
                at=result.last_at), use, result.outcomes), replacing=held)

    def _stop_on_token(self, session, cp, result) -> CheckpointMismatchError:
        """Record the stop on the token (a database restored later still meets it) and say why in words."""
        if result.stopped:
            stop = cp.tamper["stop"]
        else:
            stop = secrets.token_hex(8)
            write_checkpoint(session, replace(cp, tamper={"stop": stop, "reason": result.reason,
                                                          "at": iso_seconds(self.now())}))
        return CheckpointMismatchError(f"Stamping is stopped: {result.reason}.", stop=stop, state=result.state,
                                       hint=CHECKPOINT_HINT, reason=result.reason)

    def register_approver_key(self, approver: str, public_key_pem: str, *, by: str, password: str, authority) -> None:
        """The office registers the key an approver signs OA approval files with (signed by the office)."""
        self._office_login(by, password)
        register_approver_key(self.db, self.journal, approver, public_key_pem, by=by, authority=authority)

    def verify_journal(self):
        """Check every entry and link of the journal; a break found sets the tamper stop (journalled)."""
        result = verify_journal(self.db)
        if not result.ok and not self.journal.tampered():
            self.journal.record_tamper(result)
        return result

    def compare_with_token(self, pin: str):
        """``journal verify`` with the PIN: the database against the checkpoint on the station's token.

        Reads the checkpoint only; a disagreement sets the tamper stop in the
        database (the next stamp records it on the token as well).
        """
        token = self.token()
        try:
            cp = token.run(lambda session: read_checkpoint(session, self.config.station_id), pin=pin)
        finally:
            token.logout()
        result = compare(self.db, cp, ca_cert=self.journal.ca_cert, now=self.clock())
        if result.state not in (CheckpointState.AGREES, CheckpointState.NONE) and not self.journal.tampered():
            stop = cp.tamper["stop"] if result.stopped else None
            self.journal.record_stop(result.reason, stop=stop, source=f"journal verify with token '{token.label}'")
        return result

    def review_journal(self, *, by: str, password: str, note: str, authority):
        """The office lifts the tamper stop: a review of the journal as it is now, signed by its seal authority."""
        reviewer = self._office_login(by, password).username
        head = self.journal.last()
        review = OfficeReview(station=self.config.station_id, reviewer=reviewer, note=note, covers_seq=head.seq,
                              covers_hash=head.hash,
                              stops=unreviewed_stops(self.db, self.journal.ca_cert, self.config.station_id))
        return self.journal.acknowledge_tamper(review, sign_review(review, authority))

    def verify(self, path: str | Path) -> VerifyResult:
        return verify_pdf(path, trust_roots=self.verification_roots())

    @staticmethod
    def verify_unopened(path: str | Path, home_dir: str | Path | None = None,
                        ca_path: str | Path | None = None) -> VerifyResult:
        """``verify`` without opening the station (no journal passphrase): any computer may check a file, trusting
        the seal authorities of the station home ``home_dir`` when there is one, or only the office's
        certificate ``ca_path`` when given (the office's own computer has no station home)."""
        roots = load_trust_roots(Path(ca_path)) if ca_path else trusted_roots(StationHome(resolve_home(home_dir)))
        return verify_pdf(path, trust_roots=roots)

    # -- the window's questions: who, which request, can it be stamped --------------

    def login(self, user: str, password: str) -> Login:
        """Log a person in at the window (journalled as the CLI's logins are).

        A wrong password or a locked account raises as at the gate (``AccountLockedError`` names until
        when); a password that must be changed is not an error here: ``password_change`` says so, and the
        window asks for a new one (:meth:`change_password`) before anything else.
        """
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

    def request_for(self, document: str | Path, *, request_id: str | None = None) -> CoveringRequest | None:
        """The request that covers this file (its SHA-256: the approved document or an earlier stamp's output).

        ``request_id`` (a request chosen in the work queue): that request, when it covers this file; else None. Without
        it, the approved request covering the file if there is one, else the most recent (see RequestStore.covering)."""
        sha256 = file_sha256(Path(document))
        if request_id is not None:
            request = self.requests.get(request_id)
            if not self.requests.covers(request, sha256) or request.state == RequestState.SUPERSEDED:
                return None
        else:
            request = self.requests.covering(sha256)
        if request is None:
            return None
        return CoveringRequest(request, self.requests.approval_of(request.id), self.seals_left(request.id))

    def preflight(self, request: StampRequestSpec, *, user: str) -> Preflight:
        """Every check the stamp of ``request`` by ``user`` will run that needs no secret, each with its answer.

        The steps of :meth:`check_stamp_before_login` and :meth:`plan_stamp`, each answered on its own,
        without a login, a reservation or a journal entry: what is refused here would be refused after the
        PIN. A check that needs an earlier one's answer (the approval needs the document read) is reported
        as not checked when that one fails.
        """
        found: dict[str, PreflightCheck] = {}
        source = None

        def run(name: str, fn, *needs: str) -> None:
            if any(not found[n].ok for n in needs):
                found[name] = PreflightCheck(name, None)
                return
            try:
                fn()
            except SealStationError as exc:
                found[name] = PreflightCheck(name, False, exc)
            else:
                found[name] = PreflightCheck(name, True)

        def document():
            nonlocal source
            source = read_source_pdf(request.document)

        def approval():
            self._check_approval(source, request.seal_id, user)

        run("document", document)
        run("station", self._check_station_may_stamp)
        run("custodian", lambda: self._check_custodian(user))
        run("seal", lambda: self._check_seal_for(request.seal_id, user))
        run("approval", approval, "document")
        run("output", lambda: self.check_output(request.output, inputs=(Path(request.document),),
                                                overwrite=request.overwrite))
        run("placement", lambda: self.plan_stamp(request), "document", "seal", "output")
        return Preflight(request.seal_id, tuple(found[name] for name in CHECKS))

    # -- approvals -------------------------------------------------------------

    def seals_left(self, request_id: str) -> tuple[str, ...]:
        """The request's approved seals not stamped yet (each goes on the output of the stamp before it)."""
        done = self.requests.stamped_seals(request_id)
        return tuple(seal for seal in self.requests.get(request_id).seals if seal not in done)

    def check_document(self, document: str | Path, seals: Sequence[str] = ()) -> DocumentCheckResult:
        """Can this document be stamped? The same reading and writing checks as the stamp, no secrets asked.

        Raises a :class:`~sealstation.errors.DocumentError` naming the fault;
        the result's warnings name earlier signatures already broken or not
        trusted, active content, and ``seals`` too large for page 1.
        """
        source = read_source_pdf(document)
        warnings = earlier_signature_problems(source.reader, source.path, self.verification_roots())
        warnings += tuple(f"{source.path.name} contains {what}: viewers may show or do more than its pages."
                          for what in active_content(source.reader, source.data, source.names))
        warnings += self._seals_too_large(source, seals)
        check_stampable(source)  # last: the trial revision leaves its marks in the parsed objects
        return DocumentCheckResult(replace(source, reader=None, pages=None), warnings)

    def _seals_too_large(self, source: SourcePdf, seals: Sequence[str]) -> tuple[str, ...]:
        width, height = frame_of_page(source.pages, 1, source.path).display_size_mm
        found = []
        for seal_id in seals:
            sw, sh = self.seals.get(seal_id).size_mm
            if sw > width or sh > height:
                found.append(f"Page 1 of {source.path.name} ({width:.1f}×{height:.1f} mm) is too small for seal "
                             f"'{seal_id}' ({sw:g}×{sh:g} mm): it will have to go on another page.")
        return tuple(found)

    def approve(self, document: str | Path | DocumentCheckResult, *, seals: list[str], copies: int, approver: str, password: str,
                purpose: str = "", requester: str = "walk-in", supersedes: str | None = None) -> ApprovalResult:
        """An approver at the station approves a use of seals on this exact document.

        The document is checked first, as the stamp will read and write it:
        a document that cannot be stamped is refused here, before the password
        is checked. ``document`` may be the result of :meth:`check_document`
        (the CLI checks before it asks for the password); the approval binds
        the bytes that were checked. ``supersedes``: for a reprint (重印), the
        request whose stamped file the corrected document replaces.
        """
        self.require_upgraded()
        self.check_clock()  # the approval's signed time and its expiry come from the station's time
        checked = document if isinstance(document, DocumentCheckResult) else self.check_document(document, seals)
        source = checked.source
        person = self.users.authenticate(approver, password)
        person.require(Role.APPROVER, "approve stamp requests")
        key = self.users.unlock_key(person, password)  # only the approver's password opens it
        kinds = {seal_id: self.seals.get(seal_id).kind for seal_id in seals}
        with self.db.transaction():  # a refused approval leaves no half-made request
            request = self.requests.create(
                document_name=source.path.name, document_sha256=source.sha256, page_count=source.page_count,
                seals=seals, purpose=purpose, copies=copies, requester=requester, supersedes=supersedes,
                document_path=str(Path(source.path).resolve()))
            self.requests.decide(request.id, person, approve=True, seal_kinds=kinds,
                                 sign=lambda payload: sign_payload(key, payload))
        return ApprovalResult(self.requests.get(request.id), checked.warnings)

    def receive_request(self, document: str | Path, *, seals: list[str], copies: int, purpose: str,
                        requester: str) -> StampRequest:
        """A request for this document received at the station, waiting for an approver (checked as ``approve``
        checks it)."""
        source = self.check_document(document, seals).source
        return self.requests.create(document_name=source.path.name, document_sha256=source.sha256,
                                    page_count=source.page_count, seals=seals, purpose=purpose, copies=copies,
                                    requester=requester, document_path=str(Path(source.path).resolve()))

    def import_oa_approval(self, path: str | Path, *, user: str, password: str) -> StampRequest:
        """Import a signed approval from the OA system, as a logged-in custodian or office user.

        The file must be signed by the approver's registered key, not expired,
        and its id never imported at this station before: the id goes into
        ``oa_imports`` (UNIQUE) in the same transaction that creates the
        request, so of two imports of one file, even in two processes at once,
        only one commits. The approval expires at the earlier of the station's
        ``approval_days`` and the file's ``expires_at``. The login, the import
        (who imported it) and every refusal after the login are journalled.
        """
        person = self.users.authenticate(user, password)
        path = Path(path)
        try:
            self.require_upgraded()
            if not {Role.CUSTODIAN, Role.OFFICE} & set(person.roles):
                raise PermissionDeniedError(
                    f"{user} may not import OA approval files: it needs the custodian or office role.",
                    code="oa_import_role", user=user)
            return self._import_oa(path, person.username)
        except SealStationError as exc:
            if not isinstance(exc, JournalError):  # the database itself failing cannot record it
                self.journal.append(JournalKind.OA_IMPORT_REFUSED, {"file": path.name, "why": exc.message}, actor=user)
            raise

    def describe_oa_approval(self, path: str | Path) -> OaApproval:
        """What an OA approval file approves, checked as :meth:`import_oa_approval` checks it, writing nothing.

        Format, signature by a registered key, expiry, approver and whether its
        id was imported here before; the window shows this before it asks for a
        password. The import checks again (the file may change, another import
        may commit first): this is a preview, never a permission.
        """
        path = Path(path)
        oa = self._checked_oa(path)
        self.requests.check_oa_not_imported(oa.id)
        return oa

    def _checked_oa(self, path: Path) -> OaApproval:
        """The import's checks of the file itself (clock, format, signature, expiry, approver), writing nothing."""
        self.check_clock()  # an expired file is judged against the station's time
        oa = read_oa_approval(path, approver_keys(self.db, self.ca_cert))
        if oa.expires_at <= self.now():
            raise ApprovalError(f"The OA approval {oa.id} in {path.name} expired at {format_utc(oa.expires_at)}.",
                                hint="Ask the approver to approve it again in the OA system.",
                                code="oa_approval_expired", oa=oa.id, file=path.name,
                                until=oa.expires_at.isoformat())
        person = self.users.get(oa.approver)
        if person is None:
            raise ApprovalError(f"Approver {oa.approver} of {path.name} is not a user of this station.",
                                code="oa_approver_unknown", approver=oa.approver, file=path.name)
        self.users.check_record(person)
        return oa

    def _import_oa(self, path: Path, importer: str) -> StampRequest:
        oa = self._checked_oa(path)
        data = read_oa_file(path)  # again, as a file that may have been swapped (for a FIFO, too) since
        if hashlib.sha256(data).hexdigest() != oa.file_sha256:
            raise InputChangedError(f"{path.name} changed while it was being imported; nothing was imported.")
        # Kept with the approval: the gate checks this signature again at every stamp.
        signature = read_oa_signature(path).hex()
        person = self.users.get(oa.approver)
        kinds = {seal_id: self.seals.get(seal_id).kind for seal_id in oa.seals}
        with self.db.transaction() as conn:  # a refused import leaves no half-made request
            request = self.requests.create(
                document_name=oa.document_name, document_sha256=oa.document_sha256, page_count=oa.page_count,
                seals=oa.seals, purpose=oa.purpose, copies=oa.copies, requester=oa.requester,
                document_path=_beside(path, oa.document_name))
            self.requests.record_oa_import(conn, oa_id=oa.id, request_id=request.id, approver=oa.approver,
                                           file_sha256=oa.file_sha256, expires_at=iso_seconds(oa.expires_at),
                                           by=importer)
            self.requests.decide(request.id, person, approve=True, seal_kinds=kinds, source="oa-file",
                                 expires_at=oa.expires_at, signed=(data, signature),
                                 details={"oa_id": oa.id, "file": path.name, "file_sha256": oa.file_sha256,
                                          "file_expires_at": format_utc(oa.expires_at), "imported_by": importer})
        return self.requests.get(request.id)

    # -- office: signed policy and the upgrade -----------------------------------

    def _office_login(self, user: str, password: str, *, check_record: bool = True):
        person = self.users.authenticate(user, password, check_record=check_record)
        person.require(Role.OFFICE, "sign the station's policy or records")
        return person

    def sign_policy(self, policy: StationPolicy, *, by: str, password: str, authority) -> None:
        """The office signs ``policy`` as the station's policy (journalled with the old and new policy)."""
        if not self.policy_files.exists():
            self.require_upgraded()
        self._office_login(by, password)
        old = self.policy
        # Above every version signed before, so that the token refuses an older policy file copied back.
        policy = replace(policy, version=max(old.version, policy.version, self._last_policy_version()) + 1)
        with self.db.transaction():
            self.journal.append(JournalKind.POLICY_SIGNED, {
                "old": json.loads(old.to_bytes()), "new": json.loads(policy.to_bytes())}, actor=by)
            text = write_signed_policy(self.policy_files, policy, authority)  # last: a failure rolls the entry back
        self.policy, self.policy_problem, self._policy_record = policy, None, record_text("policy", *text)
        self._set_up_stores()

    def _last_policy_version(self) -> int:
        """The version of the policy last signed at this station, from the journal (indexed by kind)."""
        rows = self.db.query("SELECT kind, data FROM journal WHERE kind IN (?, ?) ORDER BY seq DESC LIMIT 1",
                             (JournalKind.POLICY_SIGNED, JournalKind.STATION_UPGRADED))
        if not rows:
            return 0
        data = json.loads(rows[0][1])
        return int(((data.get("new") if rows[0][0] == JournalKind.POLICY_SIGNED else data.get("policy"))
                    or {}).get("version") or 0)

    def upgrade(self, *, by: str, password: str, authority) -> UpgradeResult:
        """Once: sign the users, delegations, OA key registrations and policy of a station from before them.

        The office's passphrase (``authority``) is what makes it count; the
        policy is taken from ``station.json`` (or the defaults) and removed
        from it. Journalled with everything that was signed.
        """
        if self.policy_files.exists():
            raise PolicyError("This station was upgraded already: its policy is office-signed.",
                              hint=f"To change the policy, edit office/policy.json and run '{SIGN_COMMAND}'.")
        self._office_login(by, password, check_record=False)  # no record is signed yet: the passphrase decides
        policy = replace(policy_from_legacy_config(self.config.legacy_policy), version=1)
        with self.db.transaction() as conn:
            keyless = self.users.sign_all(authority, by=by)
            delegations = self.db.query(
                "SELECT id, seal_id, delegate, starts, ends, reason, approved_by FROM delegations ORDER BY id")
            versions: dict[str, int] = {}
            for rid, *fields in delegations:
                versions[fields[0]] = versions.get(fields[0], 0) + 1  # numbered per seal, oldest first
                d = Delegation(fields[0], fields[1], dt.datetime.fromisoformat(fields[2]),
                               dt.datetime.fromisoformat(fields[3]), fields[4], fields[5], versions[fields[0]])
                conn.execute("UPDATE delegations SET signature = ?, version = ? WHERE id = ?",
                             (authority.sign(delegation_bytes(d)), d.version, rid))
            keys = self.db.query("SELECT approver, public_key_pem FROM approver_keys")
            for approver, pem in keys:
                conn.execute("UPDATE approver_keys SET signature = ? WHERE approver = ?",
                             (authority.sign(key_registration_bytes(approver, pem)), approver))
            result = UpgradeResult(tuple(u.username for u in self.users.list()), tuple(keyless), len(delegations),
                                   tuple(a for a, _ in keys), policy)
            self.journal.append(JournalKind.STATION_UPGRADED, {
                "users": list(result.users), "approvers_without_key": keyless, "delegations": len(delegations),
                "delegation_versions": versions,
                "approver_keys": list(result.approver_keys), "policy": json.loads(policy.to_bytes())}, actor=by)
            text = write_signed_policy(self.policy_files, policy, authority)  # last: a failure rolls the upgrade back
        self.config = self.config.with_changes(legacy_policy={})
        self.home.save_config(self.config)
        self.policy, self.policy_problem, self._policy_record = policy, None, record_text("policy", *text)
        self._set_up_stores()
        return result

    # -- people ------------------------------------------------------------------------

    def add_user(self, username: str, display_name: str, roles: Sequence[str], initial_password: str, *,
                 approver_level: str | None = None, by: str, password: str | None, authority) -> User:
        """The office adds a user, with a record its seal authority signs; the password is changed at first login.

        ``password`` is the office user's; only the station's first user is
        added without one (the seal authority's key alone then decides).
        """
        if password is None and self.users.list():
            raise PermissionDeniedError("Only the station's first user is added without an office login.",
                                        hint=f"Log in as an office user (--by) to add {username}.")
        if password is not None:
            self._office_login(by, password)
        return self.users.add(username, display_name, roles, initial_password, approver_level=approver_level, by=by,
                              authority=authority)

    def change_password(self, username: str, old: str, new: str) -> None:
        """The user changes their own password (and re-encrypts an approver's key under it)."""
        self.users.change_password(username, old, new)

    def reset_password(self, username: str, initial_password: str, *, by: str, password: str, authority) -> None:
        """The office sets a password the user must change at first login (a new record version)."""
        self._office_login(by, password)
        self.users.reset_password(username, initial_password, by=by, authority=authority)

    def set_locked(self, username: str, locked: bool, *, by: str, password: str, authority) -> None:
        """The office locks or unlocks an account (a new record version)."""
        self._office_login(by, password)
        self.users.set_locked(username, locked, by=by, authority=authority)

    def return_request(self, request_id: str, *, by: str, password: str, reason: str) -> None:
        """退签: the custodian sends a request back, with a reason."""
        person = self.users.authenticate(by, password)
        person.require(Role.CUSTODIAN, "return a request")
        self.requests.return_request(request_id, by=person.username, reason=reason)

    # -- the custodian's day: queue, status strip, own journal (sealstation/workqueue.py) -----

    def work_queue(self, user: str, *, recent_days: int = 30) -> tuple[WorkItem, ...]:
        """The requests ``user`` may act on (their seals, as custodian or deputy; the approval valid as recorded),
        grouped: waiting, partly stamped, to print, returned, recalled or superseded. Reads rows only, O(requests):
        the stamp's and the print's own checks decide when an item is opened."""
        return workqueue.work_queue(self, user, recent_days=recent_days)

    def seals_usable_today(self, user: str) -> tuple[SealToday, ...]:
        """The seals ``user`` keeps or stands in for, each checked as the gate checks it, with why not."""
        return workqueue.seals_usable_today(self, user)

    def journal_health(self) -> JournalHealth:
        """Whether stamping goes on as far as the journal tells (tamper stop, clock, archive grace, the last token
        checkpoint's copy against the chain since it), or why it is stopped; no full verification."""
        return workqueue.journal_health(self)

    def journal_lines(self, user: str, *, since: dt.datetime | str, until: dt.datetime | str,
                      seal: str | None = None, kind: str | Sequence[str] | None = None) -> tuple[JournalLine, ...]:
        """``user``'s own journal entries in [since, until), of ``seal`` and ``kind`` when given (the journal view)."""
        return workqueue.journal_lines(self, user, since=since, until=until, seal=seal, kind=kind)

    # -- the seal register: the office makes, issues, delegates and destroys seals ----

    def make_seal(self, spec: SealSpec, *, by: str, password: str, authority, pin: str | None) -> SealRecord:
        """制作: the key on the token (generated now, or registered if made there before), image, signed record.

        ``pin`` unlocks the token to generate the key; registering an
        existing key reads only its (public) certificate.
        """
        self._office_login(by, password)
        image = seal_image_for(spec)
        token = self.token()
        if spec.existing_key:
            cert = x509.load_der_x509_certificate(token.certificate_der(spec.seal_id))
            check_existing_certificate(spec, cert, self.ca_cert)
        else:
            cert = make_seal_key(token, pin=pin or "", label=spec.seal_id, key_type=spec.key_type,
                                 authority=authority, subject=spec.subject(), now=self.now())
            token.logout()
        file_name, digest = self.seals.save_image(spec.seal_id, image.png)
        record = first_record(spec, image_file=file_name, image=image, image_sha256=digest, cert=cert,
                              token_label=self.config.token_label or token.label or "",
                              station_id=self.config.station_id, now=self.now())
        return self.seals.put(record, authority=authority, by=by)

    def change_seal(self, seal_id: str, action: SealAction, *, by: str, password: str, authority, note: str = "",
                    **changes) -> SealRecord:
        """A lifecycle step (issue, change, suspend, resume, withdraw, revoke, handover) as a new signed version.

        Destroying is :meth:`destroy_seal`: it also deletes the key.
        """
        if action == SealAction.DESTROY:
            raise SealLifecycleError("A seal is destroyed with destroy_seal: the key on its token goes too.")
        self._office_login(by, password)
        return self.seals.apply(seal_id, action, authority=authority, by=by, note=note, **changes)

    def delegate_seal(self, delegation: Delegation, *, by: str, password: str, approver_password: str,
                      authority) -> Delegation:
        """代管: a stand-in custodian for a period, approved in person by an approver with the seal's authority."""
        self._office_login(by, password)
        approver = self.users.authenticate(delegation.approved_by, approver_password)
        approver.require(Role.APPROVER, "approve a delegation")
        record = self.seals.get(delegation.seal_id)
        lack = self.requests.rules.lack(approver.approver_level, record.seal_id, record.kind)
        if lack:
            raise PermissionDeniedError(f"{approver.username} {lack}.",
                                        hint="An approver with that authority must approve the delegation.")
        return self.seals.delegate(delegation, by=by, authority=authority)

    def destroy_seal(self, seal_id: str, *, by: str, password: str, authority, pin: str, note: str = "") -> int:
        """销毁: delete the seal's key from its token, then record it destroyed; the number of token objects deleted.

        The key goes first: a wrong PIN leaves the seal as it was, and a
        record that could not be written after the key went is written by
        running this again (the token then has nothing left to delete).
        """
        self._office_login(by, password)
        record = self.seals.get(seal_id)
        next_status(SealStatus(record.status), SealAction.DESTROY, seal_id)  # refused before the token is touched
        removed = delete_seal_key(self.token(), pin=pin, label=record.key_label)
        self.seals.apply(seal_id, SealAction.DESTROY, authority=authority, by=by,
                         note=f"{note} ({removed} key object(s) deleted from the token)".strip())
        return removed

    def token_info(self) -> TokenInfo:
        """The seal's USB key as it reports itself: label, serial and its PIN flags (no PIN needed)."""
        found = self.token().probe()  # one look at the token: label, serial and PIN flags together
        return TokenInfo(found.label, found.serial, found.pin.count_low, found.pin.final_try, found.pin.locked)

    def pin_warning(self) -> str | None:
        """What to say before the PIN is asked, when the token says the next wrong PIN locks it."""
        if self.token().pin_status().final_try:
            return "The USB key says the next wrong PIN locks it (只剩最后一次机会)."
        return None

    # -- the station's own key ------------------------------------------------------

    def issue_station_key(self, *, by: str, password: str, authority) -> StationIdentity:
        """The office makes the station a new key pair and certifies it (replacing any earlier one).

        Journalled with the certificate's fingerprint; the certificate is also
        written to ``office/station-cert.pem`` for the archive.
        """
        self._office_login(by, password)
        identity = make_station_identity(self.config.station_id, authority, now=self.now())
        fingerprint = identity.certificate.fingerprint(hashes.SHA256()).hex()
        with self.db.transaction() as conn:
            version = (self.db.query("SELECT COALESCE(MAX(version), 0) FROM station_key")[0][0]) + 1
            conn.execute("INSERT INTO station_key (version, station_id, key_pem, cert_pem, made_at, made_by) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         (version, identity.station_id, identity.private_key_pem().decode("ascii"),
                          identity.certificate_pem().decode("ascii"), iso_seconds(self.now()), by))
            self.journal.append(JournalKind.STATION_KEY_ISSUED, {
                "version": version, "certificate_sha256": fingerprint,
                "serial": format(identity.certificate.serial_number, "x")}, actor=by)
        atomic_write_bytes(self.home.station_cert_path, identity.certificate_pem())
        return identity

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
        self.witnesses.append(ArchiveWitness(self.db))

    def sync(self, location: str | None = None, *, fault=None) -> SyncResult:
        """Send the office archive what it does not hold yet (:mod:`sealstation.archive.sync`)."""
        cfg = self.sending_archive(location)
        if cfg is None:
            raise ArchiveError(f"Station {self.config.station_id} has no office archive configured.",
                               hint='Set "archive": {"location": ...} in station.json, or give --archive.',
                               code="archive_not_configured", station=self.config.station_id)
        backend = open_backend(cfg)
        try:
            return sync_station(self, backend, documents=cfg.documents, segment_entries=cfg.segment_entries,
                                fault=fault)
        finally:
            backend.close()

    def sync_if_due(self) -> SyncResult | None:
        """The background sync (after a stamp or print, and periodically): None when there is no archive, the last
        failure's backoff has not passed, or the archive cannot be reached (recorded for the status strip)."""
        try:
            cfg = self.archive_config()
            if cfg is None or not due(self, cfg.location):
                return None
            return self.sync()
        except ArchiveError as exc:
            log.info("Background sync failed (retried later): %s", exc)
            return None

    def sync_status(self) -> SyncStatus:
        """What waits for the office archive (for the window's status strip)."""
        return sync_status(self, self.counted_archive())

    def check_sync_grace(self) -> None:
        """Refuse when the office's grace limits of stamps or days without a successful sync are passed."""
        check_grace(self, self.counted_archive())

    # -- the desks: the façade split by who uses it (sealstation/desks/) ---------------

    def stamping(self) -> StampingDesk:
        """The custodian's desk (:class:`~sealstation.desks.stamping.StampingDesk`)."""
        return StampingDesk(self)

    def approving(self) -> ApprovingDesk:
        """The approver's desk (:class:`~sealstation.desks.approving.ApprovingDesk`)."""
        return ApprovingDesk(self)

    def office(self) -> OfficeDesk:
        """The office's desk (:class:`~sealstation.desks.office.OfficeDesk`)."""
        return OfficeDesk(self)

    def audit(self) -> AuditDesk:
        """The auditor's desk (:class:`~sealstation.desks.audit.AuditDesk`)."""
        return AuditDesk(self)

    def archive(self) -> ArchiveDesk:
        """The office archive's desk (:class:`~sealstation.desks.archive.ArchiveDesk`)."""
        return ArchiveDesk(self)

    def printing(self) -> PrintDesk:
        """The printing desk of this station (:class:`~sealstation.printing.desk.PrintDesk`)."""
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

    def allow_extra_copies(self, document: str | Path, *, copies: int, approver: str, password: str, reason: str = ""):
        return self.printing().allow_extra(document, copies=copies, approver=approver, password=password, reason=reason)

    def allow_replacement_copies(self, request_id: str, *, copies: int, by: str, password: str, authority, reason: str):
        return self.printing().allow_replacement(request_id, copies=copies, by=by, password=password,
                                                 authority=authority, reason=reason)

    def verify_copy(self, text: str):
        """A scanned copy's QR text, or its serial: genuine, which copy, and its status here."""
        return self.printing().check_copy(text)

    @staticmethod
    def verify_copy_offline(text: str, ca_cert: x509.Certificate,
                            station_certs: Sequence[x509.Certificate]) -> CopyCheckResult:
        """A copy's QR text checked on any computer: genuine or not, from the office's and the station's
        certificates alone (its current status needs the station or the archive)."""
        return check_copy_offline(text, ca_cert, list(station_certs))

    @staticmethod
    def verify_copy_in_archive(text: str, archive: ArchiveConfig, ca_cert: x509.Certificate) -> CopyCheckResult:
        """A copy's QR text checked against the office archive: genuine, and voided or recalled since."""
        with closing(open_backend(archive)) as backend:
            return check_copy_in_archive(text, backend, ca_cert)

    # -- backups (sealstation/backup/) ----------------------------------------------

    @staticmethod
    def check_backup(path: str | Path, ca_cert: x509.Certificate, identity=None) -> BackupCheck:
        """A backup checked without restoring it (``backup verify``; no station, no secret): the station's
        signature and the payload's digest, and with the office's ``identity`` every file against the manifest."""
        return check_backup(path, ca_cert, identity)

    def set_backup_key(self, out: str | Path | None, *, by: str, password: str, authority,
                       identity_passphrase: str | None = None, recipient: str | None = None,
                       overwrite: bool = False):
        """The office's backup key: a new age identity written to ``out`` (kept offline by the office), or an
        existing ``recipient`` (``age1…``); its public key installed here, signed by the seal authority."""
        target = self.check_output(out, overwrite=overwrite) if recipient is None else None
        self._office_login(by, password)
        identity = None
        if recipient is None:
            identity = make_identity()
            recipient = str(identity.to_public())
        with self.db.transaction():
            self.journal.append(JournalKind.BACKUP_KEY_SET, {"recipient": recipient, "new_identity": bool(identity),
                                                             "identity_protected": bool(identity_passphrase)}, actor=by)
            if identity is not None:  # the identity is on disk before the entry commits, or neither counts
                write_identity(identity, target, made_at=self.now(), passphrase=identity_passphrase,
                               overwrite=overwrite)
            return install_recipient(self.home, recipient, authority)

    def backup(self, out: str | Path, *, user: str | None, password: str | None, overwrite: bool = False):
        """Write a backup encrypted to the office's backup key (:mod:`sealstation.backup.file`); journalled.

        ``user`` (office or custodian) is who asked; ``None`` only for the
        office's schedule (:meth:`backup_if_due`). Refused when the installed
        backup key is not signed by the office's seal authority.
        """
        target = self.check_output(out, overwrite=overwrite)
        if user is not None:
            person = self.users.authenticate(user, password or "")
            if not {Role.OFFICE, Role.CUSTODIAN} & set(person.roles):
                raise PermissionDeniedError(f"{user} may not back up the station: it needs the office or custodian "
                                            "role.", hint="Ask the office or the custodian to make the backup.",
                                            code="backup_role", user=user)
        try:
            recipient = signed_recipient(self.home, self.ca_cert).recipient
        except BackupKeyError as exc:
            if user is not None:  # a swapped key is an insider's move: on record (the schedule only logs it)
                self.journal.append(JournalKind.BACKUP_REFUSED, {"why": exc.message}, actor=user)
            raise
        key = None if self.needs_journal_passphrase else keyring_key(self.config.station_id, create=False)
        result = make_backup(self, target, recipient=recipient, journal_key=key, overwrite=overwrite)
        h = result.header
        self.journal.append(JournalKind.BACKUP_MADE, {
            "file": str(result.path), "header_sha256": h.digest, "journal_seq": h.journal_seq,
            "journal_hash": h.journal_hash, "payload_bytes": h.payload_bytes, "recipient": h.recipient,
            "members": result.members, "scheduled": user is None}, actor=user)
        return result

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
            return self.backup(folder / name, user=None, password=None)
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
        def open_archive(config):
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
        return FolderArchive.create(folder)

    @staticmethod
    def audit_archive(archive: ArchiveConfig, ca_cert: x509.Certificate, *, now: dt.datetime,
                      stale_days: int = 7) -> list[StationAudit]:
        """Every station's segments checked against the office's CA, per station (``archive verify``)."""
        with closing(open_backend(archive)) as backend:
            return verify_archive(backend, ca_cert, now=now, stale_days=stale_days)

    @staticmethod
    def registrations(path: str | Path, signatures, archive: ArchiveConfig, ca_cert: x509.Certificate, *,
                      now: dt.datetime) -> RegistrationResult:
        """Is each signature of ``path`` on record (``verify --archive``)? ``signatures``: verify's reports."""
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
        report_format(out)
        path = check_output_path(out, home=resolve_home(home_dir), overwrite=overwrite)
        return Station._write_report(path, archive, ca_cert, month=month, now=now, stations=stations,
                                     overwrite=overwrite, progress=progress)

    @staticmethod
    def _write_report(path: Path, archive: ArchiveConfig, ca_cert, *, month, now, stations, overwrite,
                      progress) -> MonthlyReportResult:
        with closing(open_backend(archive)) as backend:
            summary = build_report(backend, ca_cert, path, month=month, stations=list(stations or ()) or None,
                                   now=now, progress=progress, overwrite=overwrite)
        kinds = Counter(what for _station, what, _detail in summary.findings)
        return MonthlyReportResult(path, month, len(summary.stamps), len(summary.prints), len(summary.findings),
                                   tuple(kinds.items()))

    # -- the office's monthly report, exported at the station ---------------------------

    def archive_stations(self, location: str | None = None) -> list[str]:
        """The stations that have reported to the archive (for the report's station picker)."""
        with closing(open_backend(self._report_archive(location))) as backend:
            return backend.stations()

    def _report_archive(self, location: str | None) -> ArchiveConfig:
        cfg = self.archive_config(location)
        if cfg is None:
            raise ArchiveError(f"Station {self.config.station_id} has no office archive to report from.",
                               hint='Set "archive": {"location": ...} in station.json, or give the archive.',
                               code="archive_not_configured", station=self.config.station_id)
        return cfg

    def monthly_report(self, out: str | Path, *, month: str, by: str, password: str, location: str | None = None,
                       stations: Sequence[str] | None = None, overwrite: bool = False,
                       progress=None) -> MonthlyReportResult:
        """The month's 签盖记录和在线打印情况汇总表 from the office archive, for the office or an auditor.

        The format is ``out``'s extension (.xlsx, .pdf, .csv; :mod:`sealstation.archive.report`). The
        output rules are checked before the password; the export is journalled. ``progress(done, total)``
        is called as stations are read (from the calling thread).
        """
        report_format(out)
        path = self.check_output(out, overwrite=overwrite)
        person = self.users.authenticate(by, password)
        if not {Role.OFFICE, Role.AUDITOR} & set(person.roles):
            raise PermissionDeniedError(f"{by} may not export the monthly report: it needs the office or auditor "
                                        "role.", hint="Ask the office (办公室) or an auditor to export it.",
                                        code="report_role", user=by)
        result = self._write_report(path, self._report_archive(location), self.ca_cert, month=month, now=self.now(),
                                    stations=stations, overwrite=overwrite, progress=progress)
        self.journal.append(JournalKind.REPORT_EXPORTED, {
            "month": month, "file": str(path), "format": path.suffix.lower().lstrip("."),
            "stations": list(stations or ()), "stamps": result.stamps, "findings": result.findings}, actor=by)
        return result

    # -- journal export ----------------------------------------------------------

    def export_journal(self, out: str | Path, *, user: str, password: str, since: str | None = None,
                       until: str | None = None, fmt: str = "csv", overwrite: bool = False) -> int:
        """Export journal entries in [since, until) for the office or an auditor; return how many.

        The output rules are checked before the password (the CLI also calls
        :meth:`check_output` before it asks for it); the export is journalled.
        """
        path = self.check_output(out, overwrite=overwrite)
        person = self.users.authenticate(user, password)
        if not {Role.OFFICE, Role.AUDITOR} & set(person.roles):
            raise PermissionDeniedError(f"{user} may not export the journal: it needs the office or auditor role.",
                                        hint="Ask the office or an auditor to export it.", code="journal_export_role",
                                        user=user)
        n = export_journal(self.db, path, since=since, until=until, fmt=fmt, overwrite=overwrite)
        self.journal.append(JournalKind.EXPORT, {"entries": n, "from": since, "to": until, "format": fmt,
                                                 "file": str(path)}, actor=user)
        return n


class _ApprovedDigests:
    """``sha256 in digests``: is it an approved document, or the recorded output of a stamp? (indexed lookups)"""
    def __init__(self, db: StationDB) -> None:
        self.db = db

    def __contains__(self, sha256: object) -> bool:
        rows = self.db.query(
            "SELECT 1 FROM requests WHERE document_sha256 = ? UNION ALL "
            "SELECT 1 FROM stamps WHERE output_sha256 = ? LIMIT 1", (sha256, sha256))
        return bool(rows)


def _beside(oa_file: Path, document_name: str) -> str | None:
    """The OA approval's document when it lies beside the approval file (as the OA system exports them), else None."""
    candidate = oa_file.resolve().parent / Path(document_name).name
    return str(candidate) if candidate.is_file() else None

"""Typed exceptions of the SealStation core.

Every third-party exception is wrapped at the boundary into one of these, with
the facts a person needs (which file, which page, which seal, what to do).
The messages carry no UI wording beyond those facts; the CLI and the logs show
``str(exc)`` (English) and may add their own framing.

``SealStationError.hint`` says what to do about it, when there is something to do.

For a window in another language, every error also carries a stable ``code``
and its ``facts``:

* ``code`` names what happened, independent of wording: each class has one
  (``SealStationError.code``, the class name in snake case without ``Error``,
  e.g. ``pin_incorrect``), and a raise site whose message is one of several
  variants under its class gives its own (``code="approval_used_up"``); the
  variants a class knows are listed in its docstring under ``Codes:``. Codes
  are part of the contract with the UI (``ui/error_words.py`` words each one):
  rename one only together with its words.
* ``facts`` is a read-only mapping of the values the message names (``path``,
  ``page``, ``seal``, ``user``, ``until``, ``tries`` …), given as keyword
  arguments at the raise site, so that the UI can say the same in its own
  language. Values are plain (str, int, float, bool, None); times are ISO 8601
  strings in UTC unless the name says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

__all__ = [
    "SealStationError",
    "TimestampError",
    "ClockSetBackError",
    "ConfigError",
    "DocumentError",
    "NotAPdfError",
    "DamagedPdfError",
    "EncryptedPdfError",
    "PageOutOfRangeError",
    "UnsupportedPdfError",
    "ChangesForbiddenError",
    "PlacementError",
    "PageSetError",
    "AnchorNotFoundError",
    "SignatureFieldError",
    "OutputError",
    "OutputRefusedError",
    "OutputExistsError",
    "InputChangedError",
    "StampError",
    "VerificationError",
    "SealImageError",
    "TokenError",
    "TokenModuleError",
    "TokenAbsentError",
    "TokenKeyMissingError",
    "PinError",
    "PinIncorrectError",
    "PinLockedError",
    "TokenRemovedError",
    "SealAuthorityError",
    "TrustAnchorError",
    "SealNotFoundError",
    "SealLifecycleError",
    "SealUnusableError",
    "JournalError",
    "JournalPassphraseError",
    "KeyringUnavailableError",
    "JournalTamperedError",
    "CheckpointMismatchError",
    "AuthError",
    "AccountLockedError",
    "PasswordChangeRequiredError",
    "SecretUnavailableError",
    "NoTerminalError",
    "PermissionDeniedError",
    "ApprovalError",
    "RequestError",
    "RequestStateError",
    "UserError",
    "UserExistsError",
    "UnknownUserError",
    "ApproverLevelError",
    "ApproverKeyError",
    "PasswordPolicyError",
    "UserRecordError",
    "PolicyError",
    "UpgradeRequiredError",
    "StationKeyError",
    "ArchiveError",
    "ArchiveUnreachableError",
    "ArchiveLocationError",
    "SyncGraceError",
    "PrintError",
    "PrintRefusedError",
    "BackupError",
    "BackupKeyError",
    "BackupDamagedError",
    "RestoreRefusedError",
]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name.removesuffix("Error")).lower()


def _rebuild(cls: type, args: tuple) -> "SealStationError":
    exc = Exception.__new__(cls)
    exc.args = args
    return exc


class SealStationError(Exception):
    """Base of every error the core raises on purpose.

    :param message: what went wrong, naming the file, page or seal concerned (English, for the CLI and logs).
    :param hint: what the person can do about it (optional, English).
    :param code: this raise site's variant of the class's code (see the module docstring); default the class's.
    :param facts: the values the message names, for the UI's own wording (see the module docstring).
    """

    code: ClassVar[str] = "error"
    """What happened, as a stable name the UI words (a raise site may give a variant)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:  # a subclass elsewhere names its own; the UI words it or falls back
            cls.code = _snake(cls.__name__)

    def __init__(self, message: str, *, hint: str | None = None, code: str | None = None, **facts: Any) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code  # the instance's variant shadows the class's
        self.facts: Mapping[str, Any] = MappingProxyType(facts)

    def __reduce__(self):
        # Keyword-only arguments are lost by Exception's pickling; keep every attribute (facts, code variant).
        state = {k: (dict(v) if isinstance(v, MappingProxyType) else v) for k, v in self.__dict__.items()}
        return _rebuild, (type(self), self.args), state

    def __setstate__(self, state: dict) -> None:
        facts = state.pop("facts", {})
        self.__dict__.update(state)
        self.facts = MappingProxyType(dict(facts))

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} — {self.hint}"
        return self.message

    def journal_words(self) -> dict[str, Any]:
        """What a journal entry records of this error: its message (``why``, English), and its ``code`` and
        ``facts`` (as text), so that a window shows it in its own language later."""
        facts = {k: v if isinstance(v, (str, int, float, bool)) or v is None else str(v) for k, v in self.facts.items()}
        return {"why": self.message, "code": self.code, "facts": facts}


class ConfigError(SealStationError):
    """The station home or its configuration is missing or invalid.

    Codes: journal_export_format, init_home_exists, init_home_not_empty, init_home_unwritable, init_station_id, init_station_name, init_key_source, init_passphrase_short, init_station_id_taken.
    """

    code = "config"


class DocumentError(SealStationError):
    """The input document cannot be used.

    Codes: document_missing, document_unreadable.
    """

    code = "document"


class NotAPdfError(DocumentError):
    """The file is not a PDF at all.

    Codes: not_a_file, empty_file.
    """

    code = "not_a_pdf"


class DamagedPdfError(DocumentError):
    """The PDF is truncated or its structure (cross-reference) is broken.

    Codes: damaged_pdf_truncated.
    """

    code = "damaged_pdf"


class EncryptedPdfError(DocumentError):
    """The PDF is encrypted; SealStation stamps only unencrypted documents.

    Codes: encrypted_pdf_password, encrypted_pdf_certificates.
    """

    code = "encrypted_pdf"


class UnsupportedPdfError(DocumentError):
    """The file is a PDF, but uses something SealStation (and most viewers) cannot read."""

    code = "unsupported_pdf"


class ChangesForbiddenError(DocumentError):
    """The document's owner or certifier forbids changes, a seal included.

    Codes: certified_no_changes, document_locked (locked after the last seal of its request).
    """

    code = "changes_forbidden"


class PageOutOfRangeError(DocumentError):
    """The requested page does not exist in the document."""

    code = "page_out_of_range"


class PlacementError(SealStationError):
    """The seal cannot be placed where asked (e.g. its box leaves the page).

    Codes: off_page, page_too_small, placement_not_a_point, repeats_on_signed, cross_page_one_page, cross_page_signed,
    cross_page_off_page, cross_page_seal_small, cross_page_edge, cross_page_not_a_point.
    """

    code = "placement"


class PageSetError(PlacementError):
    """A page set (``1-3,-1``, ``odd``, ``all`` …) that cannot be read, or names pages the document lacks.

    Codes: page_set_invalid, page_set_out_of_range, page_set_empty.
    """

    code = "page_set"


class AnchorNotFoundError(PlacementError):
    """The keyword the seal is to be placed on appears nowhere on the pages searched.

    Codes: anchor_empty.
    """

    code = "anchor_not_found"


class SignatureFieldError(PlacementError):
    """The signature field named as the place for the seal is missing, already signed, or not on a page.

    Codes: field_missing, field_signed, field_off_page, field_too_small.
    """

    code = "signature_field"


class OutputError(SealStationError):
    """The output file cannot be written.

    Codes: output_not_writable (the folder), output_not_written (the file).
    """

    code = "output"


class OutputRefusedError(OutputError):
    """The output path is not allowed: the station home, the input, an approved document, not a file.

    Codes: output_folder_missing, output_folder_read_only, output_in_station_home, output_is_input, output_not_a_file,
    output_is_evidence.
    """

    code = "output_refused"


class OutputExistsError(OutputRefusedError):
    """The output file exists and replacing it was not asked for (the UI may ask, then retry).

    Codes: output_appeared (a file took the name while the output was made).
    """

    code = "output_exists"


class InputChangedError(SealStationError):
    """The input file changed while it was being stamped.

    Codes: input_disappeared.
    """

    code = "input_changed"


class StampError(SealStationError):
    """Signing failed for a reason not covered by a more specific error."""

    code = "stamp"


class VerificationError(SealStationError):
    """A signature could not be checked (not: checked and found invalid)."""

    code = "verification"


class SealImageError(SealStationError):
    """A seal image (印模) cannot be drawn or imported."""

    code = "seal_image"


class TokenError(SealStationError):
    """Base of errors about the PKCS#11 token (USB key).

    Codes: token_busy, init_token_none, token_list_failed.
    """

    code = "token"


class TokenModuleError(TokenError):
    """The PKCS#11 module (driver library) cannot be found or loaded.

    Codes: token_module_missing, token_module_not_found, token_module_unloadable, init_module_missing.
    """

    code = "token_module"


class TokenAbsentError(TokenError):
    """No token (or not the expected one) is present.

    Codes: token_ambiguous (several keys, none named).
    """

    code = "token_absent"


class TokenKeyMissingError(TokenError):
    """The seal's key or certificate is not on the token.

    Codes: token_certificate_missing, init_token_no_keys, init_token_other_authority.
    """

    code = "token_key_missing"


class PinError(TokenError):
    """Base of PIN errors.

    :param final_try: the token says the next wrong PIN locks it.
    :param count_low: the token says a wrong PIN was entered since the last success.
    """

    code = "pin"

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        final_try: bool = False,
        count_low: bool = False,
        code: str | None = None,
        **facts: Any,
    ) -> None:
        super().__init__(message, hint=hint, code=code, final_try=final_try, count_low=count_low, **facts)
        self.final_try = final_try
        self.count_low = count_low


class PinIncorrectError(PinError):
    """The PIN was wrong; the token is not locked (yet).

    Codes: pin_incorrect_final_try, pin_needed, pin_malformed.
    """

    code = "pin_incorrect"


class PinLockedError(PinError):
    """The user PIN is locked; only the office (SO PIN) can unlock it."""

    code = "pin_locked"


class TokenRemovedError(TokenError):
    """The token disappeared while in use (e.g. unplugged mid-signature)."""

    code = "token_removed"


class SealAuthorityError(SealStationError):
    """The office's seal authority (CA) is missing or cannot be used.

    Codes: authority_passphrase (the key does not open with the passphrase typed), authority_key_unreadable, init_ca_unreadable, init_ca_not_ca, init_ca_key_mismatch, init_ca_not_pinned.
    """

    code = "seal_authority"


class TrustAnchorError(SealAuthorityError):
    """The seal authority in the station home is not the one pinned where the station's account cannot write."""

    code = "trust_anchor"


class SealNotFoundError(SealStationError):
    """No seal with that id is registered at this station."""

    code = "seal_not_found"


class SealLifecycleError(SealStationError):
    """A seal lifecycle action is not allowed in the seal's current status, or a new seal's id is not free.

    Codes: seal_id_invalid, seal_id_taken.
    """

    code = "seal_lifecycle"


class SealUnusableError(SealStationError):
    """The seal may not stamp now (status, validity, station, custodian).

    Codes: seal_not_issued, seal_suspended, seal_withdrawn, seal_revoked, seal_destroyed, seal_not_yet_valid,
    seal_expired, seal_other_station, seal_not_custodian, seal_key_mismatch, delegation_not_found.
    """

    code = "seal_unusable"


class JournalError(SealStationError):
    """The station database or journal cannot be opened or written."""

    code = "journal"


class JournalPassphraseError(JournalError):
    """The journal passphrase typed does not open this station's database (or the file is not its database)."""

    code = "journal_passphrase"


class KeyringUnavailableError(JournalError):
    """No secure OS keyring is available to hold the journal key."""

    code = "keyring_unavailable"


class JournalTamperedError(JournalError):
    """The journal failed verification; stamping stops until the office has reviewed it.

    Codes: review_unsigned.
    """

    code = "journal_tampered"


class ClockSetBackError(JournalTamperedError):
    """The station's clock is behind the latest time the station has seen: stopped until the office reviews."""

    code = "clock_set_back"


class CheckpointMismatchError(JournalTamperedError):
    """The database disagrees with the checkpoint on the seal's token (rolled back, cut, rewritten, stopped).

    :param stop: the id of the tamper stop this sets (or the one the token already holds).
    """

    code = "checkpoint_mismatch"

    def __init__(self, message: str, *, stop: str, state: str, hint: str | None = None, code: str | None = None,
                 **facts: Any) -> None:
        super().__init__(message, hint=hint, code=code, stop=stop, state=state, **facts)
        self.stop = stop
        self.state = state


class AuthError(SealStationError):
    """Login failed: unknown user or wrong password (deliberately not saying which)."""

    code = "auth"


class AccountLockedError(AuthError):
    """Too many failed logins: the account is locked for a while.

    Codes: account_disabled (by the office, no time).
    """

    code = "account_locked"


class PasswordChangeRequiredError(AuthError):
    """The password is new, reset or expired and must be changed before use.

    Codes: password_new, password_expired.
    """

    code = "password_change_required"


class SecretUnavailableError(SealStationError):
    """A password, PIN or passphrase could not be asked: standard input ended, or nobody answered."""

    code = "secret_unavailable"


class NoTerminalError(SecretUnavailableError):
    """A secret is needed, but there is no terminal to ask it at and ``--stdin-secrets`` was not given."""

    code = "no_terminal"


class PermissionDeniedError(SealStationError):
    """The user does not hold the role this action needs.

    Codes: approver_may_not_stamp, role_missing, oa_import_role, backup_role, report_role, journal_export_role,
    copies_role, station_key_exists.
    """

    code = "permission_denied"


class ApprovalError(SealStationError):
    """A stamp is refused for want of a valid approval (see the message for which).

    Codes: approval_missing, document_changed, approval_pending, approval_wrong_seal, approval_other_document,
    approval_expired, approval_used_up, approval_in_use, approver_lacks_authority, request_returned,
    request_refused, request_superseded, oa_approval_expired, oa_approval_imported, oa_approver_unknown,
    oa_key_unknown, oa_signature_bad, oa_file_unsigned, oa_file_damaged, request_document_missing,
    request_document_changed.
    """

    code = "approval"


class RequestError(SealStationError):
    """A stamp request cannot be made or changed as asked (e.g. no copies, a return without a reason).

    Codes: batch_duplicate (the same document twice in a batch request).
    """

    code = "request"


class RequestStateError(RequestError):
    """A request cannot move to the asked state from the state it is in."""

    code = "request_state"


class UserError(SealStationError):
    """A user cannot be added or changed as asked.

    Codes: user_without_role, approver_needs_password, own_office_role, own_account_lock, not_a_custodian, init_user_name, init_password_short.
    """

    code = "user"


class UserExistsError(UserError):
    """A user of that name exists already."""

    code = "user_exists"


class UnknownUserError(UserError):
    """No user of that name at this station (for the office's changes; a login never says which part was wrong)."""

    code = "unknown_user"


class ApproverLevelError(UserError):
    """An approver needs an authority level."""

    code = "approver_level"


class ApproverKeyError(UserError):
    """An approver's public key for OA approval files cannot be read."""

    code = "approver_key"


class PasswordPolicyError(UserError):
    """A new password breaks the office's password rules (too short, unchanged)."""

    code = "password_policy"


class UserRecordError(PermissionDeniedError):
    """A user record (roles, level, approval key) is not signed by the office's seal authority as it stands."""

    code = "user_record"


class PolicyError(ConfigError):
    """The station's policy is not signed by the office's seal authority, or settings are where they do not belong.

    Codes: policy_field, policy_value, init_policy_unreadable, init_policy_unsigned.
    """

    code = "policy"


class UpgradeRequiredError(SealStationError):
    """The station predates office-signed records and must be upgraded once by the office before it stamps."""

    code = "upgrade_required"


class StationKeyError(SealStationError):
    """The station's own key (copy QR codes, archive segments) is missing, not the office's, or cannot be used."""

    code = "station_key"


class ArchiveError(SealStationError):
    """The office archive cannot be used as configured, or what it holds cannot be read.

    Codes: archive_not_configured, archive_init_postgres, init_archive_not_archive, archive_workers.
    """

    code = "archive"


class ArchiveUnreachableError(ArchiveError):
    """The archive cannot take or give records now (share unplugged, read-only, full; server down): retry later.

    Codes: archive_absent, archive_full, archive_read_only, archive_denied, archive_busy,
    archive_unreachable_copy, init_archive_missing, init_archive_unreachable.
    """

    code = "archive_unreachable"


class ArchiveLocationError(ArchiveError):
    """The archive given (``station.json``, ``--archive``) is not the one the office's signed policy names, or a
    folder archive sits where the station's own account could put a folder of its own."""

    code = "archive_location"


class SyncGraceError(SealStationError):
    """The station went longer, or stamped more, without a successful sync than the office's policy allows.

    Codes: sync_grace_stamps, sync_grace_days.
    """

    code = "sync_grace"


class PrintError(SealStationError):
    """A copy could not be printed, or a printed copy's record could not be found or changed.

    Codes: copy_code_foreign, copy_code_damaged, copy_serial_unknown, copy_scan_unreadable, copy_scan_no_code.
    """

    code = "print"


class PrintRefusedError(PrintError):
    """Printing is not allowed: not a trusted stamped document, no approved copies left, a reprint not cleared.

    Codes: print_not_stamped, print_changed_after_stamp, print_untrusted, print_not_from_station,
    print_superseded, print_recalled, print_not_finished, print_reprint_not_cleared, print_none_left,
    print_too_many, print_to_file_off, print_offline_grace_used.
    """

    code = "print_refused"


class BackupError(SealStationError):
    """A backup cannot be made, read or restored as asked."""

    code = "backup"


class BackupKeyError(BackupError):
    """The office's backup key is missing, not signed by the office, or not the one a backup was made for.

    Codes: backup_key_missing, backup_key_unsigned.
    """

    code = "backup_key"


class BackupDamagedError(BackupError):
    """A backup file is damaged or forged: its header, signature, payload or a member does not check."""

    code = "backup_damaged"


class RestoreRefusedError(BackupError):
    """A restore would overwrite something (a non-empty folder, another station's journal key): nothing was written.

    Codes: restore_station_open.
    """

    code = "restore_refused"


class TimestampError(SealStationError):
    """The office's timestamp authority, or the CRL its seal authority publishes, could not be used.

    Raised for a stamp only as a notice (the stamp goes on, the timestamp is owed); raised as an error when an owed
    timestamp is being added. Codes: timestamp_unreachable (no answer within the timeout, refused connection),
    timestamp_garbage (an answer that is no valid timestamp for this request), timestamp_too_big (the token did not
    fit the room kept for it), revocation_unreachable (the seal authority's CRL could not be fetched or read),
    timestamp_file_changed (the stamped file is missing or changed since it was stamped), timestamp_no_authority
    (owed timestamps, but the policy names no authority).
    """

    code = "timestamp"

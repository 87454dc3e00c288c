"""Typed exceptions of the SealStation core.

Every third-party exception is wrapped at the boundary into one of these, with
the facts a person needs (which file, which page, which seal, what to do).
The messages carry no UI wording beyond those facts; the UI and the CLI show
``str(exc)`` and may add their own framing.

``SealStationError.hint`` says what to do about it, when there is something to do.
"""

from __future__ import annotations

__all__ = [
    "SealStationError",
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


class SealStationError(Exception):
    """Base of every error the core raises on purpose.

    :param message: what went wrong, naming the file, page or seal concerned.
    :param hint: what the person can do about it (optional).
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} — {self.hint}"
        return self.message


class ConfigError(SealStationError):
    """The station home or its configuration is missing or invalid."""


class DocumentError(SealStationError):
    """The input document cannot be used."""


class NotAPdfError(DocumentError):
    """The file is not a PDF at all."""


class DamagedPdfError(DocumentError):
    """The PDF is truncated or its structure (cross-reference) is broken."""


class EncryptedPdfError(DocumentError):
    """The PDF is encrypted; SealStation stamps only unencrypted documents."""


class UnsupportedPdfError(DocumentError):
    """The file is a PDF, but uses something SealStation (and most viewers) cannot read."""


class ChangesForbiddenError(DocumentError):
    """The document's owner or certifier forbids changes, a seal included."""


class PageOutOfRangeError(DocumentError):
    """The requested page does not exist in the document."""


class PlacementError(SealStationError):
    """The seal cannot be placed where asked (e.g. its box leaves the page)."""


class OutputError(SealStationError):
    """The output file cannot be written."""


class OutputRefusedError(OutputError):
    """The output path is not allowed: the station home, the input, an approved document, not a file."""


class OutputExistsError(OutputRefusedError):
    """The output file exists and replacing it was not asked for (the UI may ask, then retry)."""


class InputChangedError(SealStationError):
    """The input file changed while it was being stamped."""


class StampError(SealStationError):
    """Signing failed for a reason not covered by a more specific error."""


class VerificationError(SealStationError):
    """A signature could not be checked (not: checked and found invalid)."""


class SealImageError(SealStationError):
    """A seal image (印模) cannot be drawn or imported."""


class TokenError(SealStationError):
    """Base of errors about the PKCS#11 token (USB key)."""


class TokenModuleError(TokenError):
    """The PKCS#11 module (driver library) cannot be found or loaded."""


class TokenAbsentError(TokenError):
    """No token (or not the expected one) is present."""


class TokenKeyMissingError(TokenError):
    """The seal's key or certificate is not on the token."""


class PinError(TokenError):
    """Base of PIN errors.

    :param final_try: the token says the next wrong PIN locks it.
    :param count_low: the token says a wrong PIN was entered since the last success.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        final_try: bool = False,
        count_low: bool = False,
    ) -> None:
        super().__init__(message, hint=hint)
        self.final_try = final_try
        self.count_low = count_low


class PinIncorrectError(PinError):
    """The PIN was wrong; the token is not locked (yet)."""


class PinLockedError(PinError):
    """The user PIN is locked; only the office (SO PIN) can unlock it."""


class TokenRemovedError(TokenError):
    """The token disappeared while in use (e.g. unplugged mid-signature)."""


class SealAuthorityError(SealStationError):
    """The office's seal authority (CA) is missing or cannot be used."""


class TrustAnchorError(SealAuthorityError):
    """The seal authority in the station home is not the one pinned where the station's account cannot write."""


class SealNotFoundError(SealStationError):
    """No seal with that id is registered at this station."""


class SealLifecycleError(SealStationError):
    """A seal lifecycle action is not allowed in the seal's current status."""


class SealUnusableError(SealStationError):
    """The seal may not stamp now (status, validity, station, custodian)."""


class JournalError(SealStationError):
    """The station database or journal cannot be opened or written."""


class JournalPassphraseError(JournalError):
    """The journal passphrase typed does not open this station's database (or the file is not its database)."""


class KeyringUnavailableError(JournalError):
    """No secure OS keyring is available to hold the journal key."""


class JournalTamperedError(JournalError):
    """The journal failed verification; stamping stops until the office has reviewed it."""


class ClockSetBackError(JournalTamperedError):
    """The station's clock is behind the latest time the station has seen: stopped until the office reviews."""


class CheckpointMismatchError(JournalTamperedError):
    """The database disagrees with the checkpoint on the seal's token (rolled back, cut, rewritten, stopped).

    :param stop: the id of the tamper stop this sets (or the one the token already holds).
    """

    def __init__(self, message: str, *, stop: str, state: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.stop = stop
        self.state = state


class AuthError(SealStationError):
    """Login failed: unknown user or wrong password (deliberately not saying which)."""


class AccountLockedError(AuthError):
    """Too many failed logins: the account is locked for a while."""


class PasswordChangeRequiredError(AuthError):
    """The password is new, reset or expired and must be changed before use."""


class SecretUnavailableError(SealStationError):
    """A password, PIN or passphrase could not be asked: standard input ended, or nobody answered."""


class NoTerminalError(SecretUnavailableError):
    """A secret is needed, but there is no terminal to ask it at and ``--stdin-secrets`` was not given."""


class PermissionDeniedError(SealStationError):
    """The user does not hold the role this action needs."""


class ApprovalError(SealStationError):
    """A stamp is refused for want of a valid approval (see the message for which)."""


class RequestError(SealStationError):
    """A stamp request cannot be made or changed as asked (e.g. no copies, a return without a reason)."""


class RequestStateError(RequestError):
    """A request cannot move to the asked state from the state it is in."""


class UserError(SealStationError):
    """A user cannot be added or changed as asked."""


class UserExistsError(UserError):
    """A user of that name exists already."""


class UnknownUserError(UserError):
    """No user of that name at this station (for the office's changes; a login never says which part was wrong)."""


class ApproverLevelError(UserError):
    """An approver needs an authority level."""


class ApproverKeyError(UserError):
    """An approver's public key for OA approval files cannot be read."""


class PasswordPolicyError(UserError):
    """A new password breaks the office's password rules (too short, unchanged)."""


class UserRecordError(PermissionDeniedError):
    """A user record (roles, level, approval key) is not signed by the office's seal authority as it stands."""


class PolicyError(ConfigError):
    """The station's policy is not signed by the office's seal authority, or settings are where they do not belong."""


class UpgradeRequiredError(SealStationError):
    """The station predates office-signed records and must be upgraded once by the office before it stamps."""


class StationKeyError(SealStationError):
    """The station's own key (copy QR codes, archive segments) is missing, not the office's, or cannot be used."""


class ArchiveError(SealStationError):
    """The office archive cannot be used as configured, or what it holds cannot be read."""


class ArchiveUnreachableError(ArchiveError):
    """The archive cannot take or give records now (share unplugged, read-only, full; server down): retry later."""


class ArchiveLocationError(ArchiveError):
    """The archive given (``station.json``, ``--archive``) is not the one the office's signed policy names, or a
    folder archive sits where the station's own account could put a folder of its own."""


class SyncGraceError(SealStationError):
    """The station went longer, or stamped more, without a successful sync than the office's policy allows."""


class PrintError(SealStationError):
    """A copy could not be printed, or a printed copy's record could not be found or changed."""


class PrintRefusedError(PrintError):
    """Printing is not allowed: not a trusted stamped document, no approved copies left, a reprint not cleared."""


class BackupError(SealStationError):
    """A backup cannot be made, read or restored as asked."""


class BackupKeyError(BackupError):
    """The office's backup key is missing, not signed by the office, or not the one a backup was made for."""


class BackupDamagedError(BackupError):
    """A backup file is damaged or forged: its header, signature, payload or a member does not check."""


class RestoreRefusedError(BackupError):
    """A restore would overwrite something (a non-empty folder, another station's journal key): nothing was written."""

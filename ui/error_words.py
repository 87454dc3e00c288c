"""The core's errors in the window's language: what happened, and what to do.

The core (:mod:`sealstation.errors`) raises errors with an English message for
the CLI and the logs, a stable ``code`` and the ``facts`` that message names.
Here each code has two translatable sentences with ``{named}`` placeholders
filled from the facts. A code without words here (a new raise site), or a
fact its sentence needs but the error does not carry, falls back to the
words of the error's class (walking up its bases) followed by the English
detail, marked as such, so nothing is ever hidden.

The archive's findings (``Finding.what``, shown by the monthly report) get
their names here too: :func:`finding_words`.
"""

from __future__ import annotations

import datetime as dt
import string

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["words", "text", "finding_words", "GENERIC", "WORDS", "FINDINGS", "CONTEXT"]

CONTEXT = "ErrorWords"
"""The translation context of every sentence here."""


def _w(what: str, todo: str) -> tuple[str, str]:
    return what, todo


# The sentences are marked for lupdate where they are written (QT_TRANSLATE_NOOP) and translated when shown.
GENERIC: dict[str, tuple[str, str]] = {
    "error": _w(QT_TRANSLATE_NOOP("ErrorWords", "Something went wrong."),
                QT_TRANSLATE_NOOP("ErrorWords", "Try again; if it happens again, tell the office what was shown.")),
    "config": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station's configuration is missing or invalid."),
                 QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to check the station's settings.")),
    "policy": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station's policy is not signed by the office, or a setting is "
                                                 "where it does not belong."),
                 QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to sign the station's policy again.")),
    "document": _w(QT_TRANSLATE_NOOP("ErrorWords", "The document cannot be used."),
                   QT_TRANSLATE_NOOP("ErrorWords", "Check the file, or get it again from its author.")),
    "not_a_pdf": _w(QT_TRANSLATE_NOOP("ErrorWords", "The file is not a PDF file."),
                   QT_TRANSLATE_NOOP("ErrorWords", "Open the approved document as a PDF file.")),
    "damaged_pdf": _w(QT_TRANSLATE_NOOP("ErrorWords", "The document is damaged and cannot be read."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Get an undamaged copy from its author, then have it "
                                                      "approved.")),
    "encrypted_pdf": _w(QT_TRANSLATE_NOOP("ErrorWords", "The document is encrypted in a way SealStation cannot open."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Ask the author for an unencrypted copy, then have it "
                                                        "approved.")),
    "unsupported_pdf": _w(QT_TRANSLATE_NOOP("ErrorWords", "The document uses something SealStation cannot read."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Ask for a copy re-exported as a standard PDF, then have "
                                                          "it approved.")),
    "changes_forbidden": _w(QT_TRANSLATE_NOOP("ErrorWords", "The document's owner forbids changes to it, a seal "
                                                            "included."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Ask the author for a copy that allows signing, then "
                                                            "have it approved.")),
    "page_out_of_range": _w(QT_TRANSLATE_NOOP("ErrorWords", "That page does not exist in the document."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Choose a page of the document.")),
    "placement": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal cannot be placed there."),
                    QT_TRANSLATE_NOOP("ErrorWords", "Move the seal so that it lies wholly on the page.")),
    "page_set": _w(QT_TRANSLATE_NOOP("ErrorWords", "The pages to stamp cannot be read."),
                   QT_TRANSLATE_NOOP("ErrorWords", "Write pages and ranges separated by commas, e.g. 1-3,-1.")),
    "anchor_not_found": _w(QT_TRANSLATE_NOOP("ErrorWords", "The keyword for the seal appears nowhere in the "
                                                           "document."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Check the keyword as the document shows it, or choose "
                                                           "one the document contains.")),
    "signature_field": _w(QT_TRANSLATE_NOOP("ErrorWords", "That signature field cannot take the seal."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Choose an empty signature field, or place the seal by "
                                                          "position or keyword.")),
    "output": _w(QT_TRANSLATE_NOOP("ErrorWords", "The output file cannot be written."),
                 QT_TRANSLATE_NOOP("ErrorWords", "Choose a folder you can write to, with free space.")),
    "output_refused": _w(QT_TRANSLATE_NOOP("ErrorWords", "The output file may not be written there."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Choose another name or folder; nothing was written.")),
    "output_exists": _w(QT_TRANSLATE_NOOP("ErrorWords", "A file of that name exists already."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Choose another name, or confirm replacing it.")),
    "input_changed": _w(QT_TRANSLATE_NOOP("ErrorWords", "The document changed on disk while it was being stamped."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Nothing was stamped. Open the document again and check "
                                                        "it.")),
    "stamp": _w(QT_TRANSLATE_NOOP("ErrorWords", "The stamp could not be made."),
                QT_TRANSLATE_NOOP("ErrorWords", "Nothing was stamped. Try again; if it happens again, tell the "
                                                "office.")),
    "verification": _w(QT_TRANSLATE_NOOP("ErrorWords", "A signature could not be checked."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Check the file, or ask the office.")),
    "seal_image": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal's image cannot be drawn."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to check the seal's image.")),
    "token": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal's USB key reported an error."),
                QT_TRANSLATE_NOOP("ErrorWords", "Unplug the USB key, plug it in again and retry.")),
    "token_module": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key's driver cannot be found or loaded."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Ask IT to install the USB key's driver.")),
    "token_absent": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal's USB key is not plugged in."),
                      QT_TRANSLATE_NOOP("ErrorWords", "Plug in the seal's USB key and try again.")),
    "token_key_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal's key is not on its USB key."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to make or restore the seal's key.")),
    "pin": _w(QT_TRANSLATE_NOOP("ErrorWords", "The PIN was not accepted."),
              QT_TRANSLATE_NOOP("ErrorWords", "Check the PIN; do not guess.")),
    "pin_incorrect": _w(QT_TRANSLATE_NOOP("ErrorWords", "Wrong PIN."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Check the PIN and type it again; do not guess.")),
    "pin_locked": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key's PIN is locked."),
                    QT_TRANSLATE_NOOP("ErrorWords", "Only the office can unlock it, with the key's SO PIN.")),
    "token_removed": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key was removed or stopped answering."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Plug the USB key back in and try again; nothing was "
                                                        "signed.")),
    "seal_authority": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office's seal authority is missing or cannot be "
                                                         "used."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to check the station.")),
    "trust_anchor": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal authority in the station's folder is not the one "
                                                       "the office installed."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Stamping is stopped. Ask the office to check the "
                                                       "station.")),
    "seal_not_found": _w(QT_TRANSLATE_NOOP("ErrorWords", "No such seal is registered at this station."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Choose one of the station's seals.")),
    "seal_lifecycle": _w(QT_TRANSLATE_NOOP("ErrorWords", "This is not allowed in the seal's current status."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Check the seal's status with the office.")),
    "seal_unusable": _w(QT_TRANSLATE_NOOP("ErrorWords", "This seal may not stamp now."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Ask the office about the seal.")),
    "journal": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station's journal cannot be opened or written."),
                  QT_TRANSLATE_NOOP("ErrorWords", "Nothing was stamped. Ask the office to check the station.")),
    "journal_passphrase": _w(QT_TRANSLATE_NOOP("ErrorWords", "The journal passphrase does not open this station's "
                                                             "journal."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Type it again; ask the office if it was changed.")),
    "keyring_unavailable": _w(QT_TRANSLATE_NOOP("ErrorWords", "No secure keyring holds the journal's key on this "
                                                              "computer."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Ask IT to set up the system keyring.")),
    "journal_tampered": _w(QT_TRANSLATE_NOOP("ErrorWords", "Stamping is stopped: the journal failed its check."),
                          QT_TRANSLATE_NOOP("ErrorWords", "The office must review the journal before stamping "
                                                           "resumes.")),
    "clock_set_back": _w(QT_TRANSLATE_NOOP("ErrorWords", "Stamping is stopped: this computer's clock is behind the "
                                                         "latest time the station has seen."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Ask IT to set the clock right; the office then reviews "
                                                         "the stop.")),
    "checkpoint_mismatch": _w(QT_TRANSLATE_NOOP("ErrorWords", "Stamping is stopped: the station's records disagree "
                                                              "with the record on the seal's USB key."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Nothing was signed. The office must review the "
                                                              "station before stamping resumes.")),
    "auth": _w(QT_TRANSLATE_NOOP("ErrorWords", "Wrong user name or password."),
               QT_TRANSLATE_NOOP("ErrorWords", "Type them again. Too many wrong tries lock the account for a "
                                               "while.")),
    "account_locked": _w(QT_TRANSLATE_NOOP("ErrorWords", "The account is locked for a while after too many wrong "
                                                         "passwords."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Wait until then, or ask the office to unlock it.")),
    "password_change_required": _w(QT_TRANSLATE_NOOP("ErrorWords", "The password must be changed first."),
                                  QT_TRANSLATE_NOOP("ErrorWords", "Choose a new password.")),
    "secret_unavailable": _w(QT_TRANSLATE_NOOP("ErrorWords", "A password or PIN was needed, but none was given."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Try again and enter it when asked.")),
    "no_terminal": _w(QT_TRANSLATE_NOOP("ErrorWords", "A password or PIN was needed, but there is nowhere to ask "
                                                      "for it."),
                      QT_TRANSLATE_NOOP("ErrorWords", "Run it from the window or a terminal.")),
    "permission_denied": _w(QT_TRANSLATE_NOOP("ErrorWords", "Your role does not allow this."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Ask someone who holds that role.")),
    "user_record": _w(QT_TRANSLATE_NOOP("ErrorWords", "A user's record is not signed by the office as it stands."),
                      QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to set the user again.")),
    "approval": _w(QT_TRANSLATE_NOOP("ErrorWords", "There is no valid approval for this stamp."),
                   QT_TRANSLATE_NOOP("ErrorWords", "The document must be approved before it is stamped.")),
    "request": _w(QT_TRANSLATE_NOOP("ErrorWords", "The stamp request cannot be made or changed like this."),
                  QT_TRANSLATE_NOOP("ErrorWords", "Check what was entered and try again.")),
    "request_state": _w(QT_TRANSLATE_NOOP("ErrorWords", "The request cannot do this in its current state."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Check the request's state in the work queue.")),
    "user": _w(QT_TRANSLATE_NOOP("ErrorWords", "The user cannot be added or changed like this."),
               QT_TRANSLATE_NOOP("ErrorWords", "Check what was entered and try again.")),
    "user_exists": _w(QT_TRANSLATE_NOOP("ErrorWords", "A user of that name exists already."),
                      QT_TRANSLATE_NOOP("ErrorWords", "Choose another user name.")),
    "unknown_user": _w(QT_TRANSLATE_NOOP("ErrorWords", "There is no user of that name at this station."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Check the user name.")),
    "approver_level": _w(QT_TRANSLATE_NOOP("ErrorWords", "An approver needs an authority level."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Give the approver's authority level.")),
    "approver_key": _w(QT_TRANSLATE_NOOP("ErrorWords", "The approver's key for OA approvals cannot be read."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Give the public key file the OA system exported.")),
    "password_policy": _w(QT_TRANSLATE_NOOP("ErrorWords", "The new password breaks the office's password rules."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Choose a longer password, different from the old "
                                                          "one.")),
    "upgrade_required": _w(QT_TRANSLATE_NOOP("ErrorWords", "This station must be upgraded once by the office "
                                                           "before it stamps."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to upgrade the station.")),
    "station_key": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station's own key is missing or cannot be used."),
                      QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to check the station.")),
    "archive": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive cannot be used as set up."),
                  QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to check the archive settings.")),
    "archive_unreachable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive cannot be reached now."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Nothing was lost: the records wait here and are sent "
                                                              "at the next sync.")),
    "archive_location": _w(QT_TRANSLATE_NOOP("ErrorWords", "This archive is not the one the office's policy names."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to check the archive settings.")),
    "sync_grace": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station has gone too long without reaching the office "
                                                     "archive."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Connect to the office network and sync, then try again.")),
    "print": _w(QT_TRANSLATE_NOOP("ErrorWords", "The copy could not be printed."),
                QT_TRANSLATE_NOOP("ErrorWords", "Check the printer and try again.")),
    "print_refused": _w(QT_TRANSLATE_NOOP("ErrorWords", "Printing this document is not allowed."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Only a document stamped here under an approval, with "
                                                        "copies left, is printed.")),
    "backup": _w(QT_TRANSLATE_NOOP("ErrorWords", "The backup cannot be made, read or restored as asked."),
                 QT_TRANSLATE_NOOP("ErrorWords", "Ask the office.")),
    "backup_key": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office's backup key is missing or not the right one."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to set the backup key.")),
    "backup_damaged": _w(QT_TRANSLATE_NOOP("ErrorWords", "The backup file is damaged or forged."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Use another backup, and tell the office.")),
    "restore_refused": _w(QT_TRANSLATE_NOOP("ErrorWords", "The restore would overwrite something; nothing was "
                                                          "written."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Close every SealStation window and restore into an "
                                                          "empty folder.")),
    "timestamp": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office's timestamp authority could not be used."),
                    QT_TRANSLATE_NOOP("ErrorWords", "The seal is valid; the timestamp is added later, when the "
                                                    "authority answers.")),
}
"""Each error class's words (by its class-level code): they name no fact, so they always fit; shown with the
English detail, since several raise sites share a class."""

WORDS: dict[str, tuple[str, str]] = {
    # -- class codes whose raise sites all mean one thing (with its facts) ------------------------------------
    "auth": _w(QT_TRANSLATE_NOOP("ErrorWords", "Wrong user name or password."),
               QT_TRANSLATE_NOOP("ErrorWords", "Type them again. Too many wrong tries lock the account for a "
                                               "while.")),
    "not_a_pdf": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is not a PDF file."),
                    QT_TRANSLATE_NOOP("ErrorWords", "Open the approved document as a PDF file.")),
    "damaged_pdf": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is damaged and cannot be read."),
                      QT_TRANSLATE_NOOP("ErrorWords", "Get an undamaged copy from its author, then have it "
                                                      "approved.")),
    "encrypted_pdf": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is encrypted in a way SealStation cannot open."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Ask the author for an unencrypted copy, then have it "
                                                        "approved.")),
    "changes_forbidden": _w(QT_TRANSLATE_NOOP("ErrorWords", "The owner of {file} forbids changes to it, a seal "
                                                            "included."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Ask the author for a copy that allows signing, then "
                                                            "have it approved.")),
    "page_out_of_range": _w(QT_TRANSLATE_NOOP("ErrorWords", "Page {page} does not exist: the document has {pages} "
                                                            "pages."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Choose a page from 1 to {pages}.")),
    "page_set_invalid": _w(QT_TRANSLATE_NOOP("ErrorWords", "The pages to stamp, '{pages_text}', cannot "
                                                           "be read: '{item}' is not a page or a range."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Write pages and ranges separated by commas, lower page "
                                                           "first, e.g. 1-3,-1 (pages 1 to 3 and the last page).")),
    "page_set_out_of_range": _w(QT_TRANSLATE_NOOP("ErrorWords", "The pages to stamp name page {page}, but the "
                                                                "document has {pages} pages."),
                                QT_TRANSLATE_NOOP("ErrorWords", "Choose pages from 1 to {pages} (-1 is the last "
                                                                "page).")),
    "page_set_empty": _w(QT_TRANSLATE_NOOP("ErrorWords", "The pages to stamp, '{pages_text}', hold no "
                                                         "page of this {pages}-page document."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Choose pages the document has.")),
    "anchor_not_found": _w(QT_TRANSLATE_NOOP("ErrorWords", "The keyword '{text}' appears nowhere in "
                                                           "{file}."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Check the keyword as the document shows it (or choose "
                                                           "one the document contains), or place the seal by "
                                                           "position.")),
    "repeats_on_signed": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} already carries a signature: repeating the "
                                                            "seal on {places} places would break it."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Stamp the page set (or every match) as the request's "
                                                            "first seal, on the unsigned document; on a signed one, "
                                                            "put this seal in one place.")),
    "anchor_empty": _w(QT_TRANSLATE_NOOP("ErrorWords", "No keyword was given for the seal."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Type the words the seal is to be centred on, as the "
                                                       "document shows them.")),
    "field_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} has no signature field named '{field}'."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Choose one of its empty signature fields ({fields}), or "
                                                        "place the seal by position or keyword.")),
    "field_signed": _w(QT_TRANSLATE_NOOP("ErrorWords", "The signature field '{field}' of {file} is "
                                                       "already signed."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Choose an empty signature field, or place the seal by "
                                                       "position or keyword.")),
    "field_too_small": _w(QT_TRANSLATE_NOOP("ErrorWords", "The signature field '{field}' ({field_width_mm} × "
                                                          "{field_height_mm} mm) is smaller than the seal, and the "
                                                          "document already carries a signature."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Place the seal by position or keyword instead, where it "
                                                          "fits at its true size.")),
    "field_off_page": _w(QT_TRANSLATE_NOOP("ErrorWords", "The signature field '{field}' of {file} is on no "
                                                         "page."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Place the seal by position or keyword instead.")),
    "output_exists": _w(QT_TRANSLATE_NOOP("ErrorWords", "A file named {file} exists already."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Choose another name, or confirm replacing it.")),
    "token_absent": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal's USB key ({token}) is not plugged in."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Plug in the seal's USB key and try again.")),
    "token_key_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal's key is not on the USB key {token}."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to make or restore the seal's key.")),
    "pin_incorrect": _w(QT_TRANSLATE_NOOP("ErrorWords", "Wrong PIN for the USB key {token}."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Check the PIN and type it again; do not guess.")),
    "input_changed": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} was replaced or edited while it was being "
                                                        "stamped."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Nothing was stamped. An edited document needs a new "
                                                        "approval.")),
    "seal_not_found": _w(QT_TRANSLATE_NOOP("ErrorWords", "No seal {seal} is registered at this station."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Choose one of the station's seals.")),
    "seal_id_invalid": _w(QT_TRANSLATE_NOOP("ErrorWords", "{seal} cannot be a seal id."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Use up to 32 letters, digits, hyphens or underscores, "
                                                          "beginning with a letter or digit.")),
    "seal_id_taken": _w(QT_TRANSLATE_NOOP("ErrorWords", "A seal {seal} is in the register already."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Choose another seal id; a seal's id is never reused.")),
    "authority_passphrase": _w(QT_TRANSLATE_NOOP("ErrorWords", "The passphrase of the office's seal authority is "
                                                               "wrong."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Type the passphrase again; nothing was changed.")),
    "authority_key_unreadable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office's seal authority key {file} cannot "
                                                                   "be read."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Make the seal register's changes on the "
                                                                   "office's computer, where the key is kept.")),
    "pin_locked": _w(QT_TRANSLATE_NOOP("ErrorWords", "The PIN of the USB key {token} is locked."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Only the office can unlock it, with the key's SO PIN.")),
    "token_removed": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key {token} was removed or stopped answering."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Plug the USB key back in and try again; nothing was "
                                                        "signed.")),
    "journal_tampered": _w(QT_TRANSLATE_NOOP("ErrorWords", "Stamping is stopped: the journal failed its check "
                                                           "({reason})."),
                           QT_TRANSLATE_NOOP("ErrorWords", "The office must review the journal before stamping "
                                                           "resumes.")),
    "checkpoint_mismatch": _w(QT_TRANSLATE_NOOP("ErrorWords", "Stamping is stopped: the station's records disagree "
                                                              "with the record on the seal's USB key ({reason})."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Nothing was signed. The office must review the "
                                                              "station before stamping resumes.")),
    "account_locked": _w(QT_TRANSLATE_NOOP("ErrorWords", "The account {user} is locked until {until}."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Wait until then, or ask the office to unlock it.")),
    "password_change_required": _w(QT_TRANSLATE_NOOP("ErrorWords", "The password of {user} must be changed "
                                                                   "first."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Choose a new password.")),
    "archive_unreachable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive {archive} cannot be reached "
                                                              "now."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Nothing was lost: the records wait here and are sent "
                                                              "at the next sync.")),
    # -- documents ------------------------------------------------------------------------------------------------
    "document_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} does not exist."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Check the file's name and folder.")),
    "document_unreadable": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} cannot be read ({reason})."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Check that the file is there and that you may read "
                                                              "it.")),
    "not_a_file": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is not a file (a folder, device or pipe)."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Open the approved document's PDF file.")),
    "empty_file": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is empty."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Get the document again from its author.")),
    "damaged_pdf_truncated": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is cut short: its end is missing."),
                                QT_TRANSLATE_NOOP("ErrorWords", "Get a whole copy from its author, then have it "
                                                                "approved.")),
    "encrypted_pdf_password": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} needs a password to open."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "Ask the author for a copy without an opening "
                                                                 "password, then have it approved.")),
    "encrypted_pdf_certificates": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is encrypted for particular "
                                                                     "recipients."),
                                     QT_TRANSLATE_NOOP("ErrorWords", "Ask the author for an unencrypted copy, then "
                                                                     "have it approved.")),
    # -- placing ----------------------------------------------------------------------------------------------------
    "off_page": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal would leave page {page}."),
                   QT_TRANSLATE_NOOP("ErrorWords", "Put its centre between {min_x_mm} and {max_x_mm} mm across and "
                                                   "{min_y_mm} and {max_y_mm} mm down.")),
    "page_too_small": _w(QT_TRANSLATE_NOOP("ErrorWords", "Page {page} ({page_width_mm} × {page_height_mm} mm) is "
                                                         "too small for this seal."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Choose a larger page for this seal.")),
    "cross_page_one_page": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} has one page: a cross-page seal joins two "
                                                              "pages or more."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Stamp this document without a cross-page seal.")),
    "cross_page_signed": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} already carries a signature ({fields}): a "
                                                            "cross-page seal drawn into its pages would break it."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Stamp the cross-page seal first, on the unsigned "
                                                            "document, then the other seals.")),
    "cross_page_off_page": _w(QT_TRANSLATE_NOOP("ErrorWords", "The cross-page seal would leave page {page}."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Put its centre between {min_mm} and {max_mm} mm along "
                                                              "the edge.")),
    "cross_page_seal_small": _w(QT_TRANSLATE_NOOP("ErrorWords", "Seal {seal} is too small to be cut into strips for "
                                                                "a cross-page seal."),
                                QT_TRANSLATE_NOOP("ErrorWords", "Use a seal at least {min_mm} mm across.")),
    "cross_page_edge": _w(QT_TRANSLATE_NOOP("ErrorWords", "The cross-page seal's edge is not an edge of the page."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Choose the right, left, top or bottom edge.")),
    "cross_page_not_a_point": _w(QT_TRANSLATE_NOOP("ErrorWords", "The cross-page seal's position along the edge is "
                                                                 "not a number."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "Give it in millimetres along the edge.")),
    "placement_not_a_point": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal's position on page {page} is not a "
                                                                "point."),
                                QT_TRANSLATE_NOOP("ErrorWords", "Give the centre in millimetres from the page's "
                                                                "top-left corner.")),
    # -- the output -------------------------------------------------------------------------------------------------
    "output_folder_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "The output folder {folder} does not exist."),
                                QT_TRANSLATE_NOOP("ErrorWords", "Choose an existing folder; nothing was written.")),
    "output_folder_read_only": _w(QT_TRANSLATE_NOOP("ErrorWords", "The output folder {folder} is read-only for this "
                                                                  "account."),
                                  QT_TRANSLATE_NOOP("ErrorWords", "Choose a folder you can write to; nothing was "
                                                                  "written.")),
    "output_not_writable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The output folder {folder} cannot be written to "
                                                              "({reason})."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Choose a folder you can write to, with free space; "
                                                              "nothing was stamped.")),
    "output_not_written": _w(QT_TRANSLATE_NOOP("ErrorWords", "{path} could not be written ({reason})."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Check free space and permissions; nothing was "
                                                             "written.")),
    "output_in_station_home": _w(QT_TRANSLATE_NOOP("ErrorWords", "{path} is inside the station's own folder, which "
                                                                 "holds its database, keys and journal."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "Write the output somewhere else.")),
    "output_is_input": _w(QT_TRANSLATE_NOOP("ErrorWords", "{path} is the document being stamped."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Choose another name: the approved document is never "
                                                          "overwritten.")),
    "output_not_a_file": _w(QT_TRANSLATE_NOOP("ErrorWords", "{path} is not a file (a folder, device or pipe)."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Give the name of a PDF file to write.")),
    "output_is_evidence": _w(QT_TRANSLATE_NOOP("ErrorWords", "{path} is an approved document or an earlier stamp's "
                                                             "output."),
                             QT_TRANSLATE_NOOP("ErrorWords", "The record of a seal's use is never written over; "
                                                             "choose another name.")),
    "output_appeared": _w(QT_TRANSLATE_NOOP("ErrorWords", "A file named {file} appeared while the output was being "
                                                          "made."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Nothing was replaced. Choose another name, or confirm "
                                                          "replacing it.")),
    "input_disappeared": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} disappeared while it was being stamped."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Nothing was stamped. Put the approved file back and "
                                                            "stamp again.")),
    "certified_no_changes": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is certified by its author with no changes "
                                                               "allowed: a seal would break the certification."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Ask the author for a copy that allows signing, then "
                                                               "have it approved.")),
    # -- setting up a new station (sealstation/station_init.py) ------------------------------------------------------
    "init_home_exists": _w(QT_TRANSLATE_NOOP("ErrorWords", "{home} holds a station already."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Choose another folder for the new station.")),
    "init_home_not_empty": _w(QT_TRANSLATE_NOOP("ErrorWords", "{home} is not an empty folder."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Choose a new or empty folder for the station.")),
    "init_home_unwritable": _w(QT_TRANSLATE_NOOP("ErrorWords", "This account cannot write in {folder}."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Choose a folder this account may write.")),
    "init_module_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "There is no USB key driver (PKCS#11 module) at "
                                                              "{module}."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Install the USB key's driver, or choose its PKCS#11 "
                                                              "library file.")),
    "token_list_failed": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key's driver cannot list the USB keys "
                                                            "({reason})."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Plug the USB key in again, or choose another driver.")),
    "init_token_none": _w(QT_TRANSLATE_NOOP("ErrorWords", "No USB key was chosen."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Plug in the seals' USB key and choose it.")),
    "init_token_no_keys": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key {token} holds no seal key."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Use the USB key the office prepared with the seals' "
                                                             "keys.")),
    "init_token_other_authority": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal keys on {token} ({keys}) are not "
                                                                     "certified by this office's seal authority."),
                                     QT_TRANSLATE_NOOP("ErrorWords", "Use the USB key and the certificate the office "
                                                                     "handed over together.")),
    "init_ca_unreadable": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is not a seal authority certificate."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Choose the seal-authority.pem file the office handed "
                                                             "over.")),
    "init_ca_not_ca": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is a certificate, but not a seal authority's."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Choose the seal-authority.pem file the office handed over.")),
    "init_ca_key_mismatch": _w(QT_TRANSLATE_NOOP("ErrorWords", "The key {file} does not belong to the seal "
                                                               "authority certificate."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Choose the key and the certificate of the same seal "
                                                               "authority.")),
    "init_ca_not_pinned": _w(QT_TRANSLATE_NOOP("ErrorWords", "This computer is pinned to another office's seal "
                                                             "authority ({file})."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Use the office's own certificate, or ask root to pin "
                                                             "this one.")),
    "init_policy_unreadable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The signed policy {file} cannot be read."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "Choose the policy.json the office signed, with its "
                                                                 "policy.json.sig beside it.")),
    "init_policy_unsigned": _w(QT_TRANSLATE_NOOP("ErrorWords", "The policy {file} is not signed by this office's "
                                                               "seal authority."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Choose the policy and the certificate the office "
                                                               "handed over together.")),
    "init_archive_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "The archive folder {location} cannot be reached."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Check that the office's share is mounted, or choose "
                                                               "its folder.")),
    "init_archive_unreachable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive {location} cannot be reached "
                                                                   "({reason})."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Check the address, the network and the database "
                                                                   "password.")),
    "init_archive_not_archive": _w(QT_TRANSLATE_NOOP("ErrorWords", "{location} is not an office archive."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Choose the office archive's folder, or an empty "
                                                                   "folder and tick \"Make this empty folder the office archive\".")),
    "init_key_source": _w(QT_TRANSLATE_NOOP("ErrorWords", "Choose where the journal key is kept."),
                          QT_TRANSLATE_NOOP("ErrorWords", "The OS keyring, or a passphrase typed at each start.")),
    "init_passphrase_short": _w(QT_TRANSLATE_NOOP("ErrorWords", "The journal passphrase is too short."),
                                QT_TRANSLATE_NOOP("ErrorWords", "Choose one of at least 12 characters; it is typed "
                                                                "at each start of the station.")),
    "init_station_id_taken": _w(QT_TRANSLATE_NOOP("ErrorWords", "This computer keeps the journal key of a station "
                                                                "{station} already."),
                                QT_TRANSLATE_NOOP("ErrorWords", "Give this station another id.")),
    "init_station_id": _w(QT_TRANSLATE_NOOP("ErrorWords", "\"{station}\" cannot be a station id."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Use letters, digits, '.' or '-' (e.g. hq-office-1).")),
    "init_station_name": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station needs a name."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Name where it stands, e.g. the office and the "
                                                            "building.")),
    "init_user_name": _w(QT_TRANSLATE_NOOP("ErrorWords", "\"{user}\" cannot be a user name."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Use letters, digits, '.', '_' or '-' (e.g. admin).")),
    "init_password_short": _w(QT_TRANSLATE_NOOP("ErrorWords", "The initial password needs at least {length} "
                                                              "characters."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Choose a longer one; it is changed at the first "
                                                              "login.")),
    "station_key_exists": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station has a key already."),
                             QT_TRANSLATE_NOOP("ErrorWords", "The office issues a new one after logging in.")),
    "document_locked": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} was locked after the last seal of its request: "
                                                          "another seal would break that lock."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Stamp the approved original instead, under a new approval "
                                                          "for all the seals it needs.")),
    # -- the USB key and its PIN -----------------------------------------------------------------------------------
    "token_module_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key's driver set for this station is not "
                                                               "installed: {module}."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Ask IT to install the USB key's driver.")),
    "token_module_not_found": _w(QT_TRANSLATE_NOOP("ErrorWords", "No USB key driver is installed on this computer."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "Ask IT to install the USB key's driver.")),
    "token_module_unloadable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key's driver {module} cannot be loaded "
                                                                  "({reason})."),
                                  QT_TRANSLATE_NOOP("ErrorWords", "Ask IT to reinstall the USB key's driver.")),
    "token_certificate_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "The certificate of the seal {seal} is not on the "
                                                                    "USB key {token}."),
                                    QT_TRANSLATE_NOOP("ErrorWords", "The office must write the seal's certificate "
                                                                    "to the USB key again.")),
    "seal_key_mismatch": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key {token} does not hold the registered key of "
                                                            "the seal {seal}."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Check that this is the seal's USB key; otherwise the "
                                                            "office must check it.")),
    "token_ambiguous": _w(QT_TRANSLATE_NOOP("ErrorWords", "Several USB keys are plugged in, and the station does "
                                                          "not say which is the seal's."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Unplug the other USB keys and try again.")),
    "token_busy": _w(QT_TRANSLATE_NOOP("ErrorWords", "The USB key {token} is in use by another part of the "
                                                     "station."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Close the other window using this USB key, then try again.")),
    "pin_incorrect_final_try": _w(QT_TRANSLATE_NOOP("ErrorWords", "Wrong PIN for the USB key {token}. One try is "
                                                                  "left."),
                                  QT_TRANSLATE_NOOP("ErrorWords", "The next wrong PIN locks the key, and only the "
                                                                  "office can unlock it. Check the PIN first.")),
    "pin_needed": _w(QT_TRANSLATE_NOOP("ErrorWords", "The PIN of the USB key {token} is needed."),
                     QT_TRANSLATE_NOOP("ErrorWords", "Enter the seal's PIN.")),
    "pin_malformed": _w(QT_TRANSLATE_NOOP("ErrorWords", "The PIN for the USB key {token} has the wrong length or "
                                                        "characters."),
                        QT_TRANSLATE_NOOP("ErrorWords", "Check the PIN; this did not count as a try.")),
    # -- seals ------------------------------------------------------------------------------------------------------
    "seal_not_issued": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal {seal} has not been issued to a custodian "
                                                          "yet."),
                          QT_TRANSLATE_NOOP("ErrorWords", "The office must issue it first.")),
    "seal_suspended": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal {seal} is suspended."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to resume it.")),
    "seal_withdrawn": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal {seal} was withdrawn from its custodian."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to issue it again.")),
    "seal_revoked": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal {seal} is revoked and can never stamp again."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Use a valid seal.")),
    "seal_destroyed": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal {seal} is destroyed."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Use a valid seal.")),
    "seal_not_yet_valid": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal {seal} is valid only from {since}."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Stamp from that time on, or ask the office.")),
    "seal_expired": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal {seal} expired on {until}."),
                       QT_TRANSLATE_NOOP("ErrorWords", "The office must renew it before it can stamp.")),
    "seal_other_station": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal {seal} may not be used on this computer "
                                                             "({station})."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Use it at a station it is registered for: "
                                                             "{stations}.")),
    "seal_not_custodian": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} is not the custodian of the seal {seal} and "
                                                             "holds no delegation for it."),
                             QT_TRANSLATE_NOOP("ErrorWords", "The seal's custodian stamps with it, or the office "
                                                             "delegates it.")),
    # -- approvals and requests -------------------------------------------------------------------------------------
    "approval_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "No approved request covers this document for the seal "
                                                           "{seal}."),
                           QT_TRANSLATE_NOOP("ErrorWords", "The document must be approved before it is stamped: an "
                                                           "approver approves it at the station, or the approval is "
                                                           "imported from the OA system.")),
    "document_changed": _w(QT_TRANSLATE_NOOP("ErrorWords", "This file is not the approved document: it was changed "
                                                           "after approval."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Submit the changed document for a new approval.")),
    "approval_pending": _w(QT_TRANSLATE_NOOP("ErrorWords", "Request {request} has not been approved yet."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Wait for the approver's decision.")),
    "approval_wrong_seal": _w(QT_TRANSLATE_NOOP("ErrorWords", "The approval of request {request} is for the seal(s) "
                                                              "{seals}, not {seal}."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Use an approved seal, or ask for an approval for this "
                                                              "one.")),
    "approval_other_document": _w(QT_TRANSLATE_NOOP("ErrorWords", "The approval of request {request} is for another "
                                                                  "document."),
                                  QT_TRANSLATE_NOOP("ErrorWords", "The document must be approved again.")),
    "approval_expired": _w(QT_TRANSLATE_NOOP("ErrorWords", "The approval of request {request} expired on {until}."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Ask the approver to approve it again.")),
    "approval_used_up": _w(QT_TRANSLATE_NOOP("ErrorWords", "The approval for the seal {seal} is already used up."),
                           QT_TRANSLATE_NOOP("ErrorWords", "One approval allows one stamp with each of its seals: a "
                                                           "reprint or another stamp needs a new approval.")),
    "approval_in_use": _w(QT_TRANSLATE_NOOP("ErrorWords", "The approval for the seal {seal} is being used by "
                                                          "another stamp right now."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Wait for that stamp to finish.")),
    "approver_lacks_authority": _w(QT_TRANSLATE_NOOP("ErrorWords", "{approver} does not have the authority to "
                                                                   "approve this seal."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Ask an approver with that authority.")),
    "approver_may_not_stamp": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} approved request {request} and may not "
                                                                 "also stamp it."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "Another custodian stamps it.")),
    "batch_duplicate": _w(QT_TRANSLATE_NOOP("ErrorWords", "The same document is in the batch twice: {files}."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Each document of a batch is a different file; take out "
                                                          "the copy.")),
    "request_document_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "The document of request {request} ({file}) is "
                                                                   "no longer where the station received it."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Have the request received again with its "
                                                                   "document.")),
    "request_document_changed": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} changed after request {request} was "
                                                                   "received: it is not the document asked for."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Have the request received again with the "
                                                                   "document as it is now.")),
    "request_returned": _w(QT_TRANSLATE_NOOP("ErrorWords", "Request {request} was returned: {reason}"),
                           QT_TRANSLATE_NOOP("ErrorWords", "A corrected document needs a new request and "
                                                           "approval.")),
    "request_refused": _w(QT_TRANSLATE_NOOP("ErrorWords", "Request {request} was refused by the approver."),
                          QT_TRANSLATE_NOOP("ErrorWords", "It cannot be stamped.")),
    "request_superseded": _w(QT_TRANSLATE_NOOP("ErrorWords", "Request {request} was replaced by a corrected one."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Stamp the corrected document's request.")),
    "oa_approval_expired": _w(QT_TRANSLATE_NOOP("ErrorWords", "The OA approval {oa} expired on {until}."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Ask the approver to approve it again in the OA "
                                                              "system.")),
    "oa_approval_imported": _w(QT_TRANSLATE_NOOP("ErrorWords", "The OA approval {oa} was already imported (request "
                                                               "{request})."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Each approval is used once: another use needs a new "
                                                               "approval.")),
    "oa_approver_unknown": _w(QT_TRANSLATE_NOOP("ErrorWords", "The approver {approver} of {file} is not a user of "
                                                              "this station."),
                              QT_TRANSLATE_NOOP("ErrorWords", "The office adds the approver first; then import the "
                                                              "file again.")),
    "oa_key_unknown": _w(QT_TRANSLATE_NOOP("ErrorWords", "The key of approver {approver}, who signed {file}, is not "
                                                         "registered at this station."),
                         QT_TRANSLATE_NOOP("ErrorWords", "The office registers the approver's public key first.")),
    "oa_signature_bad": _w(QT_TRANSLATE_NOOP("ErrorWords", "The signature of {file} does not match its content: it "
                                                           "was altered or signed by someone else."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Import the file exactly as the OA system exported it.")),
    "oa_file_unsigned": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is not signed: its .sig file is not beside it."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Export the approval from the OA system with its "
                                                           "signature.")),
    "oa_file_damaged": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is not a valid OA approval file: it is damaged or "
                                                          "of another kind."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Export the approval from the OA system again.")),
    # -- the office's people, delegations and policy -----------------------------------------------------------------
    "user_without_role": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} needs at least one role."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Choose a role, or lock the account instead.")),
    "approver_needs_password": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} becomes an approver and needs an approval "
                                                                  "key, which is made with a new initial password."),
                                  QT_TRANSLATE_NOOP("ErrorWords", "Give a new initial password; they change it at "
                                                                  "their first login.")),
    "own_office_role": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} cannot take the office role from themselves."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Another office user does it, so that someone still "
                                                          "manages the station.")),
    "own_account_lock": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} cannot lock their own account."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Another office user does it.")),
    "not_a_custodian": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} is not a custodian: a seal is handed over only to "
                                                          "a custodian."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Give them the custodian role first.")),
    "delegation_not_found": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} holds no delegation of seal {seal} that is "
                                                               "still to end."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Look at the seal's delegations again: it may have "
                                                               "ended already.")),
    "policy_field": _w(QT_TRANSLATE_NOOP("ErrorWords", "These settings of the policy cannot be changed here: {field}."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Change them in office/policy.json and sign it with "
                                                       "'sealstation policy sign'.")),
    "policy_value": _w(QT_TRANSLATE_NOOP("ErrorWords", "The changed policy cannot be signed: a value is out of "
                                                       "range."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Check the values shown (whole numbers, at least 1 where a "
                                                       "number of days or characters is asked) and sign again.")),
    # -- roles ------------------------------------------------------------------------------------------------------
    "role_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} does not hold the role this needs."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Ask someone who holds that role.")),
    "oa_import_role": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} may not import OA approval files."),
                         QT_TRANSLATE_NOOP("ErrorWords", "A custodian or the office imports them.")),
    "backup_role": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} may not back up the station."),
                      QT_TRANSLATE_NOOP("ErrorWords", "Ask the office or the custodian to make the backup.")),
    "report_role": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} may not export the monthly report."),
                      QT_TRANSLATE_NOOP("ErrorWords", "The office or an auditor exports it.")),
    "journal_export_role": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} may not export the journal."),
                              QT_TRANSLATE_NOOP("ErrorWords", "The office or an auditor exports it.")),
    "journal_export_format": _w(QT_TRANSLATE_NOOP("ErrorWords", "The journal export {file} must be a .csv or "
                                                                "an .xlsx file."),
                                QT_TRANSLATE_NOOP("ErrorWords", "Choose a file name ending in .csv or .xlsx.")),
    "copies_role": _w(QT_TRANSLATE_NOOP("ErrorWords", "{user} may not void or recall copies."),
                      QT_TRANSLATE_NOOP("ErrorWords", "A custodian or the office does it.")),
    # -- login ------------------------------------------------------------------------------------------------------
    "account_disabled": _w(QT_TRANSLATE_NOOP("ErrorWords", "The account {user} is locked by the office."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Ask the office to unlock it.")),
    "password_new": _w(QT_TRANSLATE_NOOP("ErrorWords", "The password of {user} is new or was reset."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Choose your own password now.")),
    "password_expired": _w(QT_TRANSLATE_NOOP("ErrorWords", "The password of {user} has expired."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Choose a new password now.")),
    # -- the journal ------------------------------------------------------------------------------------------------
    "review_unsigned": _w(QT_TRANSLATE_NOOP("ErrorWords", "The review is not signed by the office's seal authority; "
                                                          "stamping stays stopped."),
                          QT_TRANSLATE_NOOP("ErrorWords", "The office signs the review with its seal authority's "
                                                          "passphrase.")),
    # -- the archive ------------------------------------------------------------------------------------------------
    "sync_grace_stamps": _w(QT_TRANSLATE_NOOP("ErrorWords", "Stamping is stopped: {waiting} stamps have not reached "
                                                            "the office archive, and the office allows {allowed}."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Connect to the office network and sync, then stamp "
                                                            "again.")),
    "sync_grace_days": _w(QT_TRANSLATE_NOOP("ErrorWords", "Stamping is stopped: the oldest stamp not yet in the office "
                                                          "archive was made {days} days ago, and the office allows "
                                                          "{allowed}."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Connect to the office network and sync, then stamp again.")),
    "archive_not_configured": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station {station} has no office archive set "
                                                                 "up."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "The office sets it in the window: Office ▸ Station "
                                                                 "set-up.")),
    "archive_absent": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive {archive} is not there (the network "
                                                         "share is not connected?)."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Nothing was lost: the records wait here. Connect the share "
                                                         "and sync again.")),
    "archive_full": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive {archive} is full."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Nothing was lost: the records wait here. Tell the office.")),
    "archive_read_only": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive {archive} is read-only."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Nothing was lost: the records wait here. Tell the "
                                                            "office.")),
    "archive_denied": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station may not write to the office archive "
                                                         "{archive}."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Nothing was lost: the records wait here. Tell the "
                                                         "office.")),
    "archive_busy": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive {archive} is too busy now."),
                       QT_TRANSLATE_NOOP("ErrorWords", "Nothing was lost: the records are sent at the next sync.")),
    "archive_unreachable_copy": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive {archive} cannot be reached "
                                                                   "to count this copy."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Print again once the archive can be reached.")),
    "archive_workers": _w(QT_TRANSLATE_NOOP("ErrorWords", "The archive's stations could not be read: a helper "
                                                          "process of this computer did not start or stopped."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Nothing was written. Close other programs to free memory, "
                                                          "then try again.")),
    "archive_init_postgres": _w(QT_TRANSLATE_NOOP("ErrorWords", "A PostgreSQL archive cannot be made from the "
                                                                "station."),
                                QT_TRANSLATE_NOOP("ErrorWords", "The office's database administrator sets it up on the "
                                                                "server; then test the connection here.")),
    # -- station set-up and backups ---------------------------------------------------------------------------------
    "backup_key_missing": _w(QT_TRANSLATE_NOOP("ErrorWords", "This station has no office backup key yet: no backup "
                                                             "can be made."),
                             QT_TRANSLATE_NOOP("ErrorWords", "The office makes it in the window: Office ▸ Station "
                                                             "set-up ▸ Backup key.")),
    "backup_key_unsigned": _w(QT_TRANSLATE_NOOP("ErrorWords", "The backup key installed here is not signed by the "
                                                              "office's seal authority (replaced?): no backup is made, "
                                                              "so that nobody else can read the station's records."),
                              QT_TRANSLATE_NOOP("ErrorWords", "The office installs its backup key again: Office ▸ "
                                                              "Station set-up ▸ Backup key.")),
    "restore_station_open": _w(QT_TRANSLATE_NOOP("ErrorWords", "A backup cannot be restored into {home}: that station "
                                                               "is open (in this window, or in another SealStation "
                                                               "window or command). Nothing was written."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Restore into a new, empty folder; then quit "
                                                               "SealStation and start it with that folder as the "
                                                               "station home.")),
    # -- printing ---------------------------------------------------------------------------------------------------
    "print_not_stamped": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is not stamped."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Only a stamped document whose seals verify is "
                                                            "printed.")),
    "print_changed_after_stamp": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} was changed after its last seal."),
                                    QT_TRANSLATE_NOOP("ErrorWords", "Print the stamped file the station wrote.")),
    "print_untrusted": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seals of {file} do not verify as trusted."),
                          QT_TRANSLATE_NOOP("ErrorWords", "Only a stamped document whose seals verify is "
                                                          "printed.")),
    "print_not_from_station": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} was not stamped at this station under an "
                                                                 "approved request."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "Print the stamped file this station wrote.")),
    "copy_code_foreign": _w(QT_TRANSLATE_NOOP("ErrorWords", "This is not the QR code of a copy printed by a seal "
                                                            "station."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Scan the code printed beside the seal on the copy, or "
                                                            "type the copy's serial.")),
    "copy_code_damaged": _w(QT_TRANSLATE_NOOP("ErrorWords", "The QR code's text is damaged or incomplete."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Scan it again, or type the copy's serial instead.")),
    "copy_scan_unreadable": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} cannot be read as a scan or a photo of a "
                                                               "copy: it is damaged, or not an image or a PDF."),
                               QT_TRANSLATE_NOOP("ErrorWords", "Scan the page again and save it as PNG, JPEG or PDF, "
                                                               "or type the serial printed under the code.")),
    "copy_scan_no_code": _w(QT_TRANSLATE_NOOP("ErrorWords", "No QR code was found on {file}."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Scan the page again, flat and whole, at 300 dpi or more, "
                                                            "or type the serial printed under the code.")),
    "copy_serial_unknown": _w(QT_TRANSLATE_NOOP("ErrorWords", "This station printed no copy with serial {serial}."),
                              QT_TRANSLATE_NOOP("ErrorWords", "Check the serial (for example C000012), or ask the "
                                                              "station that printed it.")),
    "print_superseded": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} was replaced by a corrected document and is no "
                                                           "longer printed."),
                           QT_TRANSLATE_NOOP("ErrorWords", "Print the corrected document's stamped file.")),
    "print_recalled": _w(QT_TRANSLATE_NOOP("ErrorWords", "The copies of {file} were recalled: it prints no more "
                                                         "copies."),
                         QT_TRANSLATE_NOOP("ErrorWords", "A corrected document needs a new approval.")),
    "print_not_finished": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} is not the finished stamp of request "
                                                             "{request}."),
                             QT_TRANSLATE_NOOP("ErrorWords", "Print the file written by the request's last "
                                                             "stamp.")),
    "print_reprint_not_cleared": _w(QT_TRANSLATE_NOOP("ErrorWords", "The earlier printed copies ({copies}) are not "
                                                                    "yet recorded as recalled."),
                                    QT_TRANSLATE_NOOP("ErrorWords", "Recall them first, then print the reprint.")),
    "print_none_left": _w(QT_TRANSLATE_NOOP("ErrorWords", "No approved copy of {file} is left to print."),
                          QT_TRANSLATE_NOOP("ErrorWords", "More copies need an approval for extra copies by an "
                                                          "approver.")),
    "print_too_many": _w(QT_TRANSLATE_NOOP("ErrorWords", "{asked} copies asked, but only {left} of the {approved} "
                                                         "approved copies are left."),
                         QT_TRANSLATE_NOOP("ErrorWords", "Print at most {left}; more need an approval for extra "
                                                         "copies.")),
    "print_to_file_off": _w(QT_TRANSLATE_NOOP("ErrorWords", "This station does not print copies into files."),
                            QT_TRANSLATE_NOOP("ErrorWords", "Print to a printer: the office's policy allows paper "
                                                            "copies only.")),
    "timestamp_unreachable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office's timestamp authority ({url}) did not "
                                                                "answer within {seconds} seconds: the seal carries "
                                                                "the station's time only."),
                                QT_TRANSLATE_NOOP("ErrorWords", "The seal is valid. The station owes the file its "
                                                                "timestamp and adds it when the authority answers "
                                                                "again (after the next stamp that reaches it).")),
    "timestamp_garbage": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office's timestamp authority ({url}) answered with "
                                                            "something that is not a valid timestamp: the seal "
                                                            "carries the station's time only."),
                            QT_TRANSLATE_NOOP("ErrorWords", "The seal is valid. Tell the office; the timestamp is "
                                                            "added once the authority answers properly.")),
    "timestamp_too_big": _w(QT_TRANSLATE_NOOP("ErrorWords", "The timestamp from {url} did not fit into the seal's "
                                                            "signature: the seal carries the station's time only."),
                            QT_TRANSLATE_NOOP("ErrorWords", "The seal is valid. The timestamp is added to the file "
                                                            "later as a document timestamp.")),
    "revocation_unreachable": _w(QT_TRANSLATE_NOOP("ErrorWords", "The seal authority's revocation list ({url}) "
                                                                 "could not be fetched or read: the seal carries no "
                                                                 "revocation data."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "The seal is valid. The revocation data is added "
                                                                 "with the owed timestamp once the office's server "
                                                                 "answers.")),
    "timestamp_file_changed": _w(QT_TRANSLATE_NOOP("ErrorWords", "{file} was moved or changed since it was "
                                                                 "stamped: its owed timestamp was not added."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "Put the stamped file back where it was written, "
                                                                 "unchanged, and try again.")),
    "timestamp_no_authority": _w(QT_TRANSLATE_NOOP("ErrorWords", "The station's policy names no timestamp "
                                                                 "authority: owed timestamps cannot be added."),
                                 QT_TRANSLATE_NOOP("ErrorWords", "The office names its timestamp authority in the "
                                                                 "policy and signs it.")),
    "print_offline_grace_used": _w(QT_TRANSLATE_NOOP("ErrorWords", "The office archive cannot be reached, and "
                                                                   "{waiting} copies printed offline already wait to "
                                                                   "reach it."),
                                   QT_TRANSLATE_NOOP("ErrorWords", "Print again once the archive can be reached.")),
}

# The archive's findings (Finding.what, and the monthly report's own): a name the office reads beside the count.
FINDINGS: dict[str, str] = {
    "unreadable": QT_TRANSLATE_NOOP("ErrorWords", "unreadable segment"),
    "certificate": QT_TRANSLATE_NOOP("ErrorWords", "station certificate not the office's"),
    "signature": QT_TRANSLATE_NOOP("ErrorWords", "segment signature does not verify"),
    "chain": QT_TRANSLATE_NOOP("ErrorWords", "broken journal chain"),
    "missing": QT_TRANSLATE_NOOP("ErrorWords", "missing records"),
    "diverged": QT_TRANSLATE_NOOP("ErrorWords", "history rewritten or rolled back"),
    "checkpoint": QT_TRANSLATE_NOOP("ErrorWords", "USB key checkpoint disagrees"),
    "silent": QT_TRANSLATE_NOOP("ErrorWords", "station has not reported"),
    "grace": QT_TRANSLATE_NOOP("ErrorWords", "stamped beyond the offline grace"),
    "withheld": QT_TRANSLATE_NOOP("ErrorWords", "content withheld"),
    "undisclosed": QT_TRANSLATE_NOOP("ErrorWords", "entries sent without content"),
    "replayed": QT_TRANSLATE_NOOP("ErrorWords", "segment filed again"),
    "misfiled": QT_TRANSLATE_NOOP("ErrorWords", "segment filed under another station"),
    "stopped": QT_TRANSLATE_NOOP("ErrorWords", "stamping stopped for tampering"),
    "time": QT_TRANSLATE_NOOP("ErrorWords", "station clock out of step"),
    "authority": QT_TRANSLATE_NOOP("ErrorWords", "approval or record not verified by the office"),
    "offline-print": QT_TRANSLATE_NOOP("ErrorWords", "copies printed offline"),
    "seal": QT_TRANSLATE_NOOP("ErrorWords", "seal used while not in force"),
    "print": QT_TRANSLATE_NOOP("ErrorWords", "printing does not match the approval"),
    "NOT REGISTERED": QT_TRANSLATE_NOOP("ErrorWords", "stamp no station reported"),
    "timestamp-owed": QT_TRANSLATE_NOOP("ErrorWords", "stamps owed the office's timestamp"),
}

_TIME_FACTS = frozenset({"until", "since", "at", "clock", "seen"})


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _shown(key: str, value) -> str:
    """A fact as the person reads it: times in the computer's own time zone, numbers without noise."""
    if key in _TIME_FACTS and isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return moment.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _fill(pair: tuple[str, str], facts: dict[str, str]) -> tuple[str, str] | None:
    """The pair translated and filled; None when a fact it names is missing."""
    what, todo = _tr(pair[0]), _tr(pair[1])
    if not (_fields(what) | _fields(todo)) <= facts.keys():
        return None
    return what.format(**facts), todo.format(**facts)


def _detail(exc: BaseException) -> str:
    detail = str(exc) if hasattr(exc, "code") else f"{type(exc).__name__}: {exc}"
    return _tr(QT_TRANSLATE_NOOP("ErrorWords", "Details (in English): {detail}")).format(detail=detail)


def words(exc: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for ``exc`` in the window's language.

    The code's own words (:data:`WORDS`) with the facts filled in; else the
    generic words of the nearest class (:data:`GENERIC`), with the English
    message added as a detail (marked as English): a class's words say what
    kind of thing went wrong, never which. Any exception is accepted: one that
    is not the core's gets the most generic words and its English detail.
    """
    facts = {k: _shown(k, v) for k, v in dict(getattr(exc, "facts", None) or {}).items()}
    code = getattr(exc, "code", None)
    if code in WORDS:
        filled = _fill(WORDS[code], facts)
        if filled is not None:
            return filled
    codes = (cls.__dict__.get("code") for cls in type(exc).__mro__)
    generic = next((GENERIC[c] for c in codes if c in GENERIC), GENERIC["error"])
    what, todo = _fill(generic, {})
    return f"{what}\n{_detail(exc)}", todo


def recorded_words(data: dict) -> str | None:
    """What happened, in the window's language, for an error a journal entry recorded by its ``code`` and ``facts``
    (:meth:`sealstation.errors.SealStationError.journal_words`); None when the entry names none, or a code or a
    fact these words do not know (the entry's English ``why`` is then shown)."""
    code = data.get("code") if isinstance(data, dict) else None
    if code not in WORDS:
        return None
    facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
    filled = _fill(WORDS[code], {k: _shown(k, v) for k, v in facts.items()})
    return filled[0] if filled is not None else None


def text(exc: BaseException) -> str:
    """:func:`words` as one text to show in a label: what happened, then (on its own line) what to do."""
    what, todo = words(exc)
    return f"{what}\n{todo}" if todo else what


def finding_words(what: str) -> str:
    """The name of an archive finding's kind in the window's language (the kind itself when it is new here)."""
    return _tr(FINDINGS[what]) if what in FINDINGS else what

"""``sealstation approve A.pdf B.pdf …`` (a batch request) and ``sealstation stamp --batch …`` (issue 19).

The batch approval is one approver's signature over the list of the documents' SHA-256; the batch stamp asks the
custodian's password and the seal's PIN once (the files given, or a batch id standing for its documents), then stamps each document on its own, printing a line a document as
it goes. Documents refused before any secret (damaged, changed since approval, no approval, output refused) are
listed first; when none is left the command stops there. Exit code 0 when every document was stamped, 1 otherwise.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from .cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, SecretSource, open_station, sync_in_passing
from .desks.batch import BatchDocument, BatchProgress, batch_outputs
from .errors import PinIncorrectError, SealStationError
from .model import Placement

__all__ = ["approve_batch_command", "stamp_batch_command", "BATCH_ID"]

BATCH_ID = re.compile(r"B\d{8}-[0-9a-f]{6}")
"""A batch request's id, as ``sealstation approve A.pdf B.pdf …`` prints it."""


def _fault(name: str, exc: SealStationError) -> str:
    hint = f" {exc.hint}" if getattr(exc, "hint", None) else ""
    return f"  {name}: NOT stamped: {exc.message}{hint}"


def approve_batch_command(args, secrets: SecretSource) -> int:
    if args.supersedes:
        print("sealstation approve: a reprint (--supersedes) is for one corrected document.", file=sys.stderr)
        return EXIT_USAGE
    with open_station(args, secrets) as station:
        desk = station.approving()
        # Every document is checked before the approver's password is asked for.
        checked = [desk.check_document(path, args.seal) for path in args.file]
        for warning in (w for c in checked for w in c.warnings):
            print(f"Warning: {warning}", file=sys.stderr)
        made = desk.approve_batch(checked, seals=args.seal, copies=args.copies, approver=args.approver,
                                  password=secrets.ask(f"Password of {args.approver}: "), purpose=args.purpose,
                                  requester=args.requester)
    print(f"Approved: batch {made.batch}, {len(made.requests)} documents, seals {', '.join(args.seal)}, "
          f"{args.copies} {'copy' if args.copies == 1 else 'copies'} each (one signature over the list)")
    for request in made.requests:
        print(f"  request {request.id}: {request.document_name} (SHA-256 {request.document_sha256[:16]}…)")
    return EXIT_OK


def stamp_batch_command(args, secrets: SecretSource) -> int:
    if args.request:
        print("sealstation stamp --batch: each document's request is found by its SHA-256; --request is for one "
              "document.", file=sys.stderr)
        return EXIT_USAGE
    if not args.out.is_dir():
        print(f"sealstation stamp --batch: --out {args.out} must be an existing folder (each document is written "
              "there as NAME-已签章.pdf).", file=sys.stderr)
        return EXIT_USAGE
    placement = Placement(args.page, args.at)
    with open_station(args, secrets) as station:
        unpinned = station.anchor_warning()
        if unpinned:
            print(f"warning: {unpinned}", file=sys.stderr)
        desk = station.stamping()
        documents = _documents(desk, args)
        plan = desk.plan_batch(documents, placement=placement, user=args.user, purpose=args.purpose,
                               overwrite=args.overwrite)
        for outcome in plan.refused:  # before any secret
            print(_fault(outcome.document.name, outcome.error), file=sys.stderr)
        if not plan.ready:
            print(f"Nothing stamped: none of the {plan.total} documents can be stamped.", file=sys.stderr)
            return EXIT_FAILED
        password = secrets.ask(f"Password of {args.user}: ")
        warning = station.pin_warning()
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
        result = None
        while result is None:  # a mistyped PIN is asked again (nothing was started), while the key allows
            pin = secrets.ask(f"PIN of the USB key of seal '{args.seal}' (once for {len(plan.ready)} documents): ")
            try:
                result = desk.stamp_batch(plan, user=args.user, password=password,
                                          pin=pin, progress=lambda event: _progress(event, len(plan.refused)))
            except PinIncorrectError as exc:  # a locked key raises PinLockedError, which ends the command
                print(f"Wrong PIN: {exc}", file=sys.stderr)
        sync_in_passing(station)
    stamped = [o for o in result.outcomes if o.ok]
    print(f"Stamped {len(stamped)} of {plan.total} documents with seal '{args.seal}' on page {args.page} at "
          f"({args.at[0]:g}, {args.at[1]:g}) mm.")
    return EXIT_OK if len(stamped) == plan.total else EXIT_FAILED


def _documents(desk, args) -> list[BatchDocument]:
    """The files given, each for ``--seal``; a batch id (B…) given instead of a file stands for its documents still
    to stamp, taken where the station received them, each with its request."""
    files, found = [], []
    for given in args.file:
        if not given.exists() and BATCH_ID.fullmatch(str(given)):
            found += [replace(d, seals=(args.seal,)) for d in desk.batch_documents(str(given))
                      if args.seal in d.seals]
        else:
            files.append(given)
    found += [BatchDocument(path, (args.seal,), Path()) for path in files]
    outputs = batch_outputs([d.document for d in found], args.out)
    return [replace(d, output=out) for d, out in zip(found, outputs)]


def _progress(event: BatchProgress, refused: int) -> None:
    outcome = event.outcome
    if outcome is None or event.index < refused:  # the refused ones were listed before the password
        return
    where = f"[{event.index + 1}/{event.total}]"
    if outcome.ok:
        last = outcome.results[-1]
        print(f"{where} {outcome.document.name}: stamped, written and verified: {last.output} "
              f"(SHA-256 {last.sha256_after[:16]}…)", flush=True)
    else:
        print(f"{where}{_fault(outcome.document.name, outcome.error)}", file=sys.stderr, flush=True)

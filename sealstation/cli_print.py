"""``sealstation print …`` and ``sealstation verify-copy``: the printing commands (called from :mod:`.cli`).

The print system is plugged in by the caller, as the window is: the installed
``sealstation`` command passes Qt's (``ui/qt_printing.py``); ``python -m
sealstation`` has none and says so. ``print void|recall|list|extra|replace|printers``
are parsed as their own commands (``print-void`` …), so that ``print FILE.pdf``
keeps its plain form.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .cli_common import (EXIT_FAILED, EXIT_OK, copies_argument, office_authority, office_ca_certificate, open_station,
                         sync_in_passing)
from .config import StationHome, resolve_home
from .errors import PrintError, SealStationError

__all__ = ["add_print_parsers", "PRINT_COMMANDS", "PRINT_ACTIONS", "route_print_action"]

PRINT_ACTIONS = ("void", "recall", "list", "extra", "replace", "printers")


def route_print_action(argv: list[str]) -> list[str]:
    """``print void …`` → ``print-void …`` (the action words are never file names here)."""
    for i, word in enumerate(argv[:-1]):
        if word == "print":
            if argv[i + 1] in PRINT_ACTIONS:
                return argv[:i] + [f"print-{argv[i + 1]}"] + argv[i + 2:]
            break
    return argv


def add_print_parsers(sub, common) -> None:
    p = sub.add_parser("print", parents=[common], help="print approved copies of a stamped PDF "
                       "(also: print void|recall|list|extra|replace|printers)")
    p.add_argument("file", type=Path, help="the stamped PDF (the file written by the request's last stamp)")
    p.add_argument("--copies", type=copies_argument, required=True,
                   help="how many copies to print now (at most those left)")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--printer", help="the printer's name (see 'sealstation print printers')")
    where.add_argument("--to-pdf", type=Path, metavar="OUT.pdf", help="the copies one after another in a PDF file")
    p.add_argument("--user", required=True, help="the custodian printing (password asked)")
    p.add_argument("--request", help="the request or allowance whose copies to use (default: the first with copies left)")
    p.add_argument("--mono", action="store_true", help="print in black and white (the seal is red: warned)")

    void = sub.add_parser("print-void", parents=[common], prog="sealstation print void",
                          description="declare a spoiled printed copy void")
    void.add_argument("serial", help="the copy's serial, e.g. C000012 (see 'sealstation print list')")
    void.add_argument("--reason", required=True, help="why it is void, e.g. 'paper jam'")
    void.add_argument("--user", required=True, help="the custodian (password asked)")
    recall = sub.add_parser("print-recall", parents=[common], prog="sealstation print recall",
                            description="record a request's copies recalled and destroyed")
    recall.add_argument("--request", required=True, help="the request whose copies were recalled")
    recall.add_argument("--reason", required=True, help="why they were recalled")
    recall.add_argument("--user", required=True, help="the custodian (password asked)")
    listing = sub.add_parser("print-list", parents=[common], prog="sealstation print list",
                             description="printed copies")
    listing.add_argument("--request", help="only this request's copies")
    extra = sub.add_parser("print-extra", parents=[common], prog="sealstation print extra",
                           description="加印: an approver allows more copies of a stamped file")
    extra.add_argument("file", type=Path, help="the stamped PDF")
    extra.add_argument("--copies", type=copies_argument, required=True, help="how many more copies are allowed")
    extra.add_argument("--approver", required=True, help="the approver (password asked)")
    extra.add_argument("--reason", default="", help="why more copies are needed")
    replace = sub.add_parser("print-replace", parents=[common], prog="sealstation print replace",
                             description="office: allow replacements for voided copies (seal authority passphrase asked)")
    replace.add_argument("--request", required=True, help="the request whose voided copies are replaced")
    replace.add_argument("--copies", type=copies_argument, required=True, help="how many replacement copies")
    replace.add_argument("--by", required=True, help="the office user (password asked)")
    replace.add_argument("--reason", required=True, help="why, e.g. 'jam'")
    sub.add_parser("print-printers", parents=[common], prog="sealstation print printers",
                   description="the printers the print system offers")

    check = sub.add_parser("verify-copy", parents=[common],
                           help="check a printed copy: the text of its QR code, or its serial")
    check.add_argument("text", help="the text of the copy's QR code (SSCOPY1;…, quoted), or its serial (C000012)")
    check.add_argument("--ca", type=Path, help="the office's seal authority certificate (without a station home)")
    check.add_argument("--station-cert", type=Path, action="append", default=[],
                       help="a station's certificate (without a station home; repeat for several)")
    check.add_argument("--archive", help="the office archive (folder or postgresql://…): the copy's status there, "
                       "without the station (station certificates come from the archive)")


def _backend(args):
    if args.printing is None:
        raise PrintError("This entry point has no print system.",
                         hint="Run the installed 'sealstation' command (or 'python -m ui'), which brings Qt's.")
    return args.printing()


def _cmd_print(args, secrets) -> int:
    with open_station(args, secrets) as station:
        plan = station.printing().plan(args.file, copies=args.copies, request_id=args.request)
        a = plan.allowance
        print(f"{plan.document_name}: request {a.request.id} ({a.kind}), {a.approved} approved, {a.printed} printed, "
              f"{a.left} left; printing {plan.copies}")
        backend = _backend(args)
        if args.to_pdf:
            station.printing().require_print_to_file()  # refused before the password is asked or a file is opened
            station.check_output(args.to_pdf, inputs=(plan.path,))
            sink = backend.open_pdf(args.to_pdf)
        else:
            sink = backend.open_printer(args.printer, colour=not args.mono)
            _warn_colour(backend, args)
        result = station.printing().print(plan, user=args.user, password=secrets.ask(f"Password of {args.user}: "),
                                      sink=sink)
        sync_in_passing(station)
    for copy in result.copies:
        o = copy.outcome
        print(f"  copy {copy.number}/{copy.of} serial {copy.serial}: {o.status}"
              + (f" (job {o.job})" if o.job else "") + (f": {o.reason}" if o.reason else ""))
    for note in result.notes:
        print(f"  note: {note}", file=sys.stderr)
    print(f"Printed {result.printed} of {plan.copies} to {sink.destination}")
    return EXIT_OK if result.printed == plan.copies else EXIT_FAILED


def _warn_colour(backend, args) -> None:
    found = {p.name: p for p in backend.printers()}
    printer = found.get(args.printer)
    if printer is None:
        raise PrintError(f"There is no printer named {args.printer}.",
                         hint="See 'sealstation print printers' for the printers the print system offers.")
    if args.mono or not printer.colour:
        print(f"warning: {args.printer} prints in black and white here: the seal is red and will print grey.",
              file=sys.stderr)


def _cmd_print_action(args, secrets) -> int:
    with open_station(args, secrets) as station:
        action = args.command[len("print-"):]
        if action == "list":
            copies = station.printing().copies(args.request)
            if not copies:
                _say_none_printed(station, args.request)
            for c in copies:
                print(f"{c.serial}  {c.request_id} {c.kind:11s} copy {c.number}/{c.of}  {c.document_name}  "
                      f"{c.state}/{c.status}  {c.destination}  job={c.job or '-'}  {c.custodian} {c.at}"
                      + (f"  ({c.status_reason})" if c.status_reason else ""))
        elif action == "printers":
            for p in _backend(args).printers():
                print(f"{p.name}{' (default)' if p.default else ''}: {'colour' if p.colour else 'black and white'}, "
                      f"{'ready' if p.ready else 'NOT ready: ' + p.state}")
        elif action == "void":
            station.printing().void(args.serial, reason=args.reason, user=args.user,
                              password=secrets.ask(f"Password of {args.user}: "))
            print(f"Copy {args.serial} voided: {args.reason}")
        elif action == "recall":
            serials = station.printing().recall(args.request, reason=args.reason, user=args.user,
                                            password=secrets.ask(f"Password of {args.user}: "))
            print(f"Recorded as recalled and destroyed: {', '.join(serials)}")
        elif action == "extra":
            a = station.approving().allow_extra_copies(args.file, copies=args.copies, approver=args.approver,
                                           password=secrets.ask(f"Password of {args.approver}: "), reason=args.reason)
            print(f"Extra copies (加印) allowed: {a.id}, {a.approved} {'copy' if a.approved == 1 else 'copies'} of "
                  f"{args.file.name}")
        else:
            password = secrets.ask(f"Password of {args.by}: ")
            a = station.seal_office().allow_replacement_copies(args.request, copies=args.copies, by=args.by, password=password,
                                                 authority=office_authority(station, secrets), reason=args.reason)
            print(f"Replacement copies (补印) allowed: {a.id}, {a.approved} for request {args.request}")
    return EXIT_OK


def _say_none_printed(station, request_id: str | None) -> None:
    """An empty list says so, and a mistyped request is named rather than listed as empty."""
    if request_id:
        try:
            station.requests.get(request_id)
        except SealStationError as exc:
            raise PrintError(f"There is no request {request_id} at this station.",
                             hint="See 'sealstation request list' for the requests' ids.") from exc
    print(f"No copy of request {request_id} is printed yet." if request_id else "No copy is printed yet.")


def _cmd_verify_copy(args, secrets) -> int:
    home = StationHome(resolve_home(args.home))
    if args.archive:
        result = _in_archive(args)
    elif home.exists() and not args.ca:
        with open_station(args, secrets) as station:
            result = station.audit().verify_copy(args.text)
    else:
        result = _offline(args)
    _print_check(result)
    return EXIT_OK if result.current else EXIT_FAILED


def _in_archive(args):
    from .station import Station

    return Station.verify_copy_in_archive(args.text, Station.office_archive(args.archive, args.home),
                                          office_ca_certificate(args.ca, resolve_home(args.home)))


def _offline(args):
    from cryptography import x509

    from .station import Station

    if not args.ca:
        raise PrintError("Without a station home, verify-copy needs the office's certificate (--ca) and the "
                         "station's (--station-cert).")
    try:
        ca = x509.load_pem_x509_certificate(args.ca.read_bytes())
        certs = [x509.load_pem_x509_certificate(p.read_bytes()) for p in args.station_cert]
    except (OSError, ValueError) as exc:
        raise PrintError(f"A certificate file cannot be read: {exc}.") from exc
    return Station.verify_copy_offline(args.text, ca, certs)


def _print_check(result) -> None:
    from .printing.states import CopyStatus

    p = result.payload
    print(f"Copy {p.serial}: copy {p.number} of {p.of} of the document with SHA-256 {p.document_sha256}, "
          f"printed {p.date} at station {p.station_id}")
    if not result.genuine:
        print(f"NOT GENUINE: {result.why_not}.")
        return
    print("Genuine: signed by the station's key, certified by the office's seal authority.")
    r = result.record
    if r is not None:
        print(f"  document {r.document_name} (request {r.request_id}, {r.kind}), printed by {r.custodian} at {r.at} "
              f"to {r.destination}")
    if not result.status_known:
        print("  Current status not checked: give the station home (--home) of the station that printed it, "
              "or the office archive (--archive).")
    elif result.why_not:
        print(f"NOT CURRENT: {result.why_not}.")
    elif r.status != CopyStatus.CURRENT:
        print(f"{r.status.upper()}: {r.status_reason}.")
    else:
        print("Current: not voided, not recalled.")


PRINT_COMMANDS = {"print": _cmd_print, "verify-copy": _cmd_verify_copy,
                  **{f"print-{a}": _cmd_print_action for a in PRINT_ACTIONS}}

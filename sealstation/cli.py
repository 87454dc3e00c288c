"""``sealstation`` command line.

Exit codes: 0 ok, 1 refused or failed (clear message on stderr), 2 usage error.
Secrets (PINs, passwords) come from a prompt, or with ``--stdin-secrets`` one a
line from standard input in the order the command would prompt; never from
arguments or the environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from . import __version__, cli_archive, cli_timestamp
from .cli_backup import add_parser as add_backup_parser, cmd_backup, cmd_restore
from .cli_common import (EXIT_FAILED, EXIT_OK, EXIT_USAGE, SecretSource, calendar_argument, copies_argument,
                         count_argument, office_authority, office_ca_certificate, open_station, sync_in_passing)
from .cli_print import PRINT_ACTIONS, PRINT_COMMANDS, add_print_parsers, route_print_action
from .config import resolve_home
from .errors import ConfigError, NoTerminalError, PinIncorrectError, PolicyError, SealStationError
from .fsutil import read_input_bytes
from .model import Placement, SealKind
from .pdf.placing import PlacementRule
from .process import disable_core_dumps, quiet_third_party_warnings
from .seals.lifecycle import Delegation, SealAction

if TYPE_CHECKING:
    from .seals.making import SealSpec

__all__ = ["main", "SecretSource"]

def _parse_at(text: str) -> tuple[float, float]:
    try:
        x, y = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--at wants X_MM,Y_MM (e.g. 150,230), not {text!r}") from None
    if not (math.isfinite(x) and math.isfinite(y)):  # float() takes nan, inf and 1e999
        raise argparse.ArgumentTypeError(f"--at wants two numbers of millimetres X_MM,Y_MM (e.g. 150,230), "
                                         f"not {text!r}")
    return (x, y)


def _parse_offset(text: str) -> tuple[float, float]:
    try:
        return _parse_at(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"--anchor-offset wants DX_MM,DY_MM (e.g. 0,-12), not {text!r}") from None


def _placement_of(args) -> Placement | PlacementRule:
    """The stamp's --page/--at, --pages, --anchor-* or --field as the placement the stamping desk resolves."""
    given = [name for name, value in (("--at", args.at), ("--anchor-text", args.anchor_text), ("--field", args.field))
             if value is not None]
    if len(given) != 1:
        raise _UsageError("sealstation stamp: say where the seal goes with one of --at X_MM,Y_MM, --anchor-text TEXT "
                          "or --field NAME" + (f" (not {' and '.join(given)})" if given else "") + ".")
    if args.field is not None and (args.pages or args.page):
        raise _UsageError("sealstation stamp: --field stamps the field's own page; leave out --page and --pages.")
    if args.at is not None and not args.pages:
        return Placement(args.page or 1, args.at)
    from .pdf.anchors import Anchor
    from .pdf.page_sets import parse_page_set

    pages = parse_page_set(args.pages) if args.pages else None
    anchor = Anchor(args.anchor_text, args.anchor_match, args.anchor_offset) if args.anchor_text is not None else None
    return PlacementRule(at_mm=args.at, page=args.page or 1, pages=pages, anchor=anchor, field=args.field)


def _parse_mm(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"wants a number of millimetres (e.g. 148), not {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"wants a number of millimetres (e.g. 148), not {text!r}")
    return value


def _cross_page_argument(args):
    if args.cross_page is None and args.cross_page_at is None:
        return None
    from .pdf.cross_page import CrossPageSpec

    return CrossPageSpec(args.cross_page or "right", args.cross_page_at)


def _page_list(pages) -> str:
    """1, 2, 3, 5 as "1–3, 5"."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


class _UsageError(Exception):
    """How the command was written is wrong (exit 2), as argparse would say."""


_date = calendar_argument("%Y-%m-%d", "a day as YYYY-MM-DD", "2026-11-27")


def _joined_negative_at(argv: Sequence[str]) -> list[str]:
    """``--at -5,-5`` as ``--at=-5,-5``: argparse takes a value starting with '-' for an option,
    and a placement off the page deserves the placement message, not a usage error. Likewise the pages
    counted from the end (``--pages -2--1``) and an offset left or up (``--anchor-offset -5,0``)."""
    out: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg in ("--at", "--pages", "--anchor-offset"):
            value = next(args, None)
            if value is not None and value.startswith("-") and value[1:2].isdigit():
                out.append(f"{arg}={value}")
                continue
            out.append(arg)
            if value is not None:
                out.append(value)
            continue
        out.append(arg)
    return out


def _unknown_command(argv: Sequence[str]) -> str | None:
    """The usage message for a mistyped command name (``stmap``), with the name it was probably meant to be.

    argparse's own message lists every internal name (``print-void`` …) and suggests nothing."""
    import difflib

    words = iter(argv)
    for word in words:
        if word == "--home":
            next(words, None)
        elif not word.startswith("-"):
            if word == "print":
                return _unknown_print_action(next(words, ""))
            if word in COMMANDS:
                return None
            close = difflib.get_close_matches(word, [c for c in COMMANDS if not c.startswith("print-")], n=1)
            guess = f" Did you mean '{close[0]}'?" if close else ""
            return f"sealstation: unknown command '{word}'.{guess} ('sealstation --help' lists the commands.)"
    return None


def _unknown_print_action(word: str) -> str | None:
    """``print lst`` would be read as printing a file named lst: a word close to an action, that names no
    file, is taken for a mistyped action."""
    import difflib

    if word in PRINT_ACTIONS or word.startswith("-") or Path(word).suffix or Path(word).exists():
        return None
    close = difflib.get_close_matches(word, PRINT_ACTIONS, n=1)
    if not close:
        return None
    return (f"sealstation print: unknown action '{word}'. Did you mean 'print {close[0]}'? "
            "(print FILE.pdf prints a file; 'sealstation print --help' tells more.)")


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name.

    After the name they are parsed with no defaults of their own, so that
    ``sealstation --home H stamp …`` keeps the --home given before it.
    """
    unset = {"default": argparse.SUPPRESS} if suppress else {}
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", help="station home folder (default: $SEALSTATION_HOME or the user data folder)",
                        **unset)
    common.add_argument("--stdin-secrets", action="store_true", help="read PINs/passwords one a line from stdin",
                        **unset)
    common.add_argument("-v", "--verbose", action="store_true", help="log what happens", **unset)
    return common


def _parser() -> argparse.ArgumentParser:
    common = _common_options(suppress=True)
    p = argparse.ArgumentParser(prog="sealstation", description="SealStation electronic seal station",
                                parents=[_common_options(suppress=False)])
    p.add_argument("--version", action="version", version=f"sealstation {__version__}")
    # The print actions are their own parsers (print-void, …) reached as "print void": listed under print only.
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", parents=[common], help="create a demo station and start it")
    demo.add_argument("--no-gui", action="store_true", help="only create the demo station")
    demo.add_argument("--force", action="store_true", help="rebuild the demo station if one exists")
    sub.add_parser("home", parents=[common], help="print the station home (--home, else $SEALSTATION_HOME, "
                   "else the user data folder)")

    stamp = sub.add_parser("stamp", parents=[common], help="stamp an approved PDF with a seal")
    stamp.add_argument("file", type=Path, nargs="+",
                       help="the approved PDF (or the output of the request's earlier stamp); with --batch, several, "
                            "or a batch id (B…) for the documents of that batch request still to stamp")
    stamp.add_argument("--batch", action="store_true",
                       help="stamp every FILE under one password and one PIN entry, each on its own (the same page "
                            "and place on each); --out is then a folder, each written as NAME-已签章.pdf")
    stamp.add_argument("--seal", required=True, help="seal id (see 'sealstation seal list')")
    stamp.add_argument("--page", type=int, default=None, help="1-based page number (default 1)")
    stamp.add_argument("--at", type=_parse_at, metavar="X_MM,Y_MM",
                       help="seal centre in mm from the top-left of the page as displayed")
    stamp.add_argument("--pages", metavar="SET",
                       help="the pages to stamp (with --at) or to search (with --anchor-text): e.g. 1-3,-1, all, "
                            "odd, even, last; one signature covers them all")
    stamp.add_argument("--anchor-text", metavar="TEXT",
                       help="centre the seal on this text as the page shows it (e.g. 盖章, 甲方（盖章）)")
    stamp.add_argument("--anchor-offset", type=_parse_offset, default=(0.0, 0.0), metavar="DX_MM,DY_MM",
                       help="move the seal from the keyword's centre: mm right and down (default 0,0)")
    stamp.add_argument("--anchor-match", choices=("first", "last", "all"), default="first",
                       help="which matches of the keyword get the seal (default first)")
    stamp.add_argument("--field", metavar="NAME", help="sign into the document's empty signature field NAME")
    stamp.add_argument("--out", type=Path, required=True, help="the stamped PDF to write (outside the station home)")
    stamp.add_argument("--user", required=True, help="the custodian stamping")
    stamp.add_argument("--request", help="the approved request (default: found by document and seal)")
    stamp.add_argument("--purpose", default="", help="signature reason (default: the request's purpose)")
    stamp.add_argument("--overwrite", action="store_true",
                       help="replace OUT.pdf if it exists (never an approved document or the station's files)")
    stamp.add_argument("--cross-page", choices=("right", "left", "top", "bottom"), metavar="EDGE",
                       help="also a cross-page seal (骑缝章): the seal cut into strips on this edge of every page "
                       "(right, left, top, bottom; as displayed), in the same signature; the approval must list "
                       "SEAL+cross-page. Strips are at least 5 mm wide: more pages than the seal allows are "
                       "split into groups, each carrying the whole seal")
    stamp.add_argument("--cross-page-at", type=_parse_mm, metavar="MM",
                       help="the strips' centre along the edge: mm from the top (right, left) or from the left "
                       "(top, bottom) of each page as displayed (default: the middle); alone, it means --cross-page right")

    verify = sub.add_parser("verify", parents=[common], help="verify the signatures of a PDF")
    verify.add_argument("file", type=Path, help="the PDF to check")
    verify.add_argument("--json", action="store_true", help="print JSON")
    verify.add_argument("--archive", help="also say whether the office archive holds each signature's stamp")
    verify.add_argument("--ca", type=Path, help="the office's seal authority certificate: the seal certificates it "
                        "issued are trusted, and the archive is checked with it (default: the home's, and its partners)")

    approve = sub.add_parser("approve", parents=[common], help="approve a use of seals on a document, in person")
    approve.add_argument("file", type=Path, nargs="+",
                         help="the document to approve, as it will be stamped; several: one batch request, signed "
                              "once over the list of their SHA-256")
    approve.add_argument("--seal", action="append", required=True,
                         help="seal id (repeat for several); SEAL+cross-page approves the seal with a cross-page seal "
                         "(骑缝章) in one stamp")
    approve.add_argument("--copies", type=copies_argument, required=True, help="how many printed copies are approved")
    approve.add_argument("--approver", required=True, help="the approver (password asked)")
    approve.add_argument("--purpose", default="", help="what the seal is used for (用途)")
    approve.add_argument("--requester", default="walk-in", help="who presented the document")
    approve.add_argument("--supersedes", help="重印: the request whose stamped file this corrected document replaces")
    approve.add_argument("--fillable", action="store_true",
                         help="a blank form (表格类文书) to be filled in after it is stamped: the last seal locks it for "
                         "form filling only (otherwise for no changes at all)")

    request = sub.add_parser("request", parents=[common], help="stamp requests")
    rsub = request.add_subparsers(dest="action", required=True)
    r_import = rsub.add_parser("import", parents=[common], help="import a signed OA approval file")
    r_import.add_argument("file", type=Path, help="the OA system's signed approval file (.json)")
    r_import.add_argument("--user", required=True, help="the custodian or office user importing it (password asked)")
    rsub.add_parser("list", parents=[common])
    r_show = rsub.add_parser("show", parents=[common])
    r_show.add_argument("id", help="the request id (R…, see request list)")
    r_return = rsub.add_parser("return", parents=[common], help="退签: send a request back with a reason")
    r_return.add_argument("id", help="the request id (R…, see request list)")
    r_return.add_argument("--reason", required=True, help="why it goes back (journalled, shown to the requester)")
    r_return.add_argument("--user", required=True, help="the custodian returning it (password asked)")
    r_key = rsub.add_parser("register-key", parents=[common],
                            help="register an approver's OA public key (office; signed with the seal authority)")
    r_key.add_argument("approver", help="the approver's user name")
    r_key.add_argument("pem", type=Path, help="the approver's OA public key (Ed25519, PEM)")
    r_key.add_argument("--by", required=True, help="the office user (password and seal authority passphrase asked)")

    user = sub.add_parser("user", parents=[common], help="users and roles")
    usub = user.add_subparsers(dest="action", required=True)
    u_add = usub.add_parser("add", parents=[common])
    u_add.add_argument("username", help="the login name")
    u_add.add_argument("--name", default=None, help="the person's name as shown (default: the login name)")
    u_add.add_argument("--role", action="append", required=True, choices=["custodian", "approver", "office", "auditor"],
                       help="a role (repeat for several)")
    u_add.add_argument("--level", choices=["department_manager", "finance_director", "general_manager"],
                       help="an approver's authority level (which seals they may approve)")
    u_add.add_argument("--by", required=True, help="the office user doing it (the seal authority passphrase is asked)")
    u_pw = usub.add_parser("passwd", parents=[common])
    u_pw.add_argument("username", help="whose password (the current one is asked, then the new one)")
    for action in ("lock", "unlock", "reset"):
        u = usub.add_parser(action, parents=[common], help={
            "reset": "office: a new initial password (and, for an approver, a new approval key), signed"}.get(action))
        u.add_argument("username", help="the account")
        u.add_argument("--by", required=True, help="the office user doing it (the seal authority passphrase is asked)")
    usub.add_parser("list", parents=[common])

    seal = sub.add_parser("seal", parents=[common], help="the seal register and lifecycle")
    ssub = seal.add_subparsers(dest="action", required=True)
    ssub.add_parser("list", parents=[common])
    s_make = ssub.add_parser("make", parents=[common], help="制作: key on the token, certificate, image, signed record")
    s_make.add_argument("seal_id", help="a short id for the seal (also its key's label on the token)")
    s_make.add_argument("--kind", required=True, choices=["official", "contract", "finance", "legal-rep", "department", "personal"],
                        help="公章, 合同专用章, 财务专用章, 法定代表人章, 部门章 or 个人章")
    s_make.add_argument("--organisation", required=True, help="the organisation's full name, as engraved")
    s_make.add_argument("--name", help="full seal name (default: organisation + kind)")
    s_make.add_argument("--person", help="the name on a legal-rep or personal seal")
    s_make.add_argument("--code", default="", help="seal code from the filing record")
    s_make.add_argument("--key-type", choices=["rsa2048", "ec-p256"], default="rsa2048",
                        help="the key generated on the token (default rsa2048)")
    s_make.add_argument("--image", type=Path, help="scanned imprint (PNG/JPEG) instead of a drawn image")
    s_make.add_argument("--existing-key", action="store_true",
                        help="register the key and certificate already on the token (made at a key ceremony)")
    s_make.add_argument("--valid-days", type=count_argument(1, 100 * 366, "a number of days"), default=3 * 365,
                        help="days it may be used (default 3 years)")
    s_make.add_argument("--station", action="append", help="station ids where it may be used (default: this one)")
    s_make.add_argument("--by", required=True, help="the office user (password, passphrase and the token PIN asked)")
    s_show = ssub.add_parser("show", parents=[common])
    s_show.add_argument("seal_id", help="the seal (see seal list)")
    for action in ("issue", "change", "suspend", "resume", "revoke", "withdraw", "destroy", "handover"):
        a = ssub.add_parser(action, parents=[common])
        a.add_argument("seal_id", help="the seal (see seal list)")
        a.add_argument("--by", required=True, help="the office user doing it")
        a.add_argument("--note", default="", help="why (journalled with the new signed version)")
        if action in ("issue", "handover"):
            a.add_argument("--custodian", required=True, help="the custodian (印章专管人员) who holds it from now on")
        if action == "change":
            a.add_argument("--valid-until", type=_date, help="YYYY-MM-DD: the last day it may be used")
            a.add_argument("--station", action="append", help="a station id where it may be used (repeat)")
    s_del = ssub.add_parser("delegate", parents=[common], help="代管: a stand-in custodian for a period")
    s_del.add_argument("seal_id", help="the seal (see seal list)")
    s_del.add_argument("--to", required=True, help="the stand-in custodian's user name")
    s_del.add_argument("--from", dest="starts", type=_date, required=True, help="YYYY-MM-DD")
    s_del.add_argument("--until", type=_date, required=True, help="YYYY-MM-DD (exclusive)")
    s_del.add_argument("--reason", required=True, help="why (e.g. annual leave)")
    s_del.add_argument("--approver", required=True, help="an approver with the seal's authority (password asked)")
    s_del.add_argument("--by", required=True, help="the office user (password and seal authority passphrase asked)")

    policy = sub.add_parser("policy", parents=[common], help="the station's office-signed policy")
    psub = policy.add_subparsers(dest="action", required=True)
    psub.add_parser("show", parents=[common])
    p_sign = psub.add_parser("sign", parents=[common], help="office: sign office/policy.json as it now stands")
    p_sign.add_argument("--by", required=True, help="the office user (the seal authority passphrase is asked)")

    station = sub.add_parser("station", parents=[common], help="the station itself")
    stsub = station.add_subparsers(dest="action", required=True)
    st_up = stsub.add_parser("upgrade", parents=[common],
                             help="office, once: sign the users, delegations and policy of a station from before signed records")
    st_up.add_argument("--by", required=True, help="the office user (the seal authority passphrase is asked)")
    st_key = stsub.add_parser("key", parents=[common],
                              help="office: issue the station its own key (signs copy QR codes and archive segments)")
    st_key.add_argument("--by", required=True, help="the office user (the seal authority passphrase is asked)")
    st_pin = stsub.add_parser("pin-authority", parents=[common],
                              help="root, when installing: pin the office's seal authority certificate in "
                              "/etc/sealstation, out of the station account's reach")
    st_pin.add_argument("--ca", type=Path, required=True, help="the office's own seal-authority.pem")

    st_init = stsub.add_parser("init", parents=[common],
                               help="make this computer a station (into --home) from what the office hands over; "
                               "secrets asked in order: USB key PIN, seal authority passphrase, the office user's "
                               "initial password, [journal passphrase], [archive password]")
    st_init.add_argument("--module", required=True, help="the USB key's PKCS#11 module (the vendor's library)")
    st_init.add_argument("--token", required=True, help="the label of the USB key holding the seals' keys")
    st_init.add_argument("--station-id", required=True, help="this station's id in the office archive (e.g. hq-1)")
    st_init.add_argument("--name", required=True, help="where the station stands (each signature's location)")
    st_init.add_argument("--ca", type=Path, required=True, help="the office's seal-authority.pem")
    st_init.add_argument("--ca-key", type=Path, required=True, help="the office's seal-authority-key.pem")
    st_init.add_argument("--policy", type=Path, required=True, help="the office-signed policy.json "
                         "(its policy.json.sig beside it)")
    st_init.add_argument("--archive", help="the office archive: a folder or postgresql://ROLE@HOST/DB")
    st_init.add_argument("--make-archive", action="store_true", help="make an empty --archive folder an archive")
    st_init.add_argument("--archive-password", action="store_true",
                         help="ask the PostgreSQL archive's password (kept in the OS keyring)")
    st_init.add_argument("--journal-key", choices=["keyring", "passphrase"], default="keyring",
                         help="where the journal key lives (default: the OS keyring)")
    st_init.add_argument("--office-user", default="admin", help="the first office user (default: admin)")
    st_init.add_argument("--office-name", default="", help="their full name")
    st_init.add_argument("--softhsm2-conf", help="a SoftHSM2 configuration (test tokens only)")

    journal = sub.add_parser("journal", parents=[common], help="the station journal")
    jsub = journal.add_subparsers(dest="action", required=True)
    j_ver = jsub.add_parser("verify", parents=[common])
    j_ver.add_argument("--pin-check", action="store_true",
                       help="also compare with the checkpoint on the seal's USB key (its PIN is asked)")
    j_exp = jsub.add_parser("export", parents=[common], help="write journal entries to a CSV or JSON Lines file",
                            description="Days are UTC days; both ends are included.")
    j_exp.add_argument("--from", dest="since", type=_date, metavar="YYYY-MM-DD", help="first day (included)")
    j_exp.add_argument("--to", dest="until", type=_date, metavar="YYYY-MM-DD", help="last day (included)")
    j_exp.add_argument("--format", choices=["csv", "jsonl"], default="csv", help="csv (default) or jsonl")
    j_exp.add_argument("--out", type=Path, required=True, help="the file to write (outside the station home)")
    j_exp.add_argument("--user", required=True, help="the office user or auditor exporting (password asked)")
    j_exp.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    j_rev = jsub.add_parser("review", parents=[common],
                            help="office: lift the tamper stop, signed with the seal authority passphrase")
    j_rev.add_argument("--by", required=True, help="the office user (password and seal authority passphrase asked)")
    j_rev.add_argument("--note", required=True, help="what the office found and did (signed into the review)")

    trust = sub.add_parser("trust", parents=[common], help="partner seal authorities that verify trusts")
    tsub = trust.add_subparsers(dest="action", required=True)
    t_add = tsub.add_parser("add", parents=[common], help="office: trust a partner's seal authority (CA certificate)")
    t_add.add_argument("cert", type=Path, help="the partner's seal authority certificate (PEM)")
    t_add.add_argument("--by", required=True, help="the office user (password and seal authority passphrase asked)")
    tsub.add_parser("list", parents=[common])
    cli_archive.add_parsers(sub, common)
    cli_timestamp.add_parsers(sub, common)
    add_print_parsers(sub, common)
    add_backup_parser(sub, common)
    return p


def _cmd_demo(args, secrets: SecretSource) -> int:
    from .demo import build_demo_station

    info = build_demo_station(resolve_home(args.home), force=args.force)
    print(f"Demo station ready in {info.home}")
    print(f"  seals: {', '.join(info.seal_ids)}")
    print(f"  sample documents: {info.documents_dir}")
    print(f"  demo PIN and passwords (demo only): {info.credentials_path}")
    print(f"  office archive (a folder standing for the office's share): {info.archive_dir}")
    print(f"  office backup identity (demo only; the office keeps it offline): {info.backup_identity_path}")
    if args.no_gui:
        return EXIT_OK
    return args.start_gui(info.home)


def _cmd_home(args, secrets: SecretSource) -> int:
    """Where this command line finds the station: scripts and the README write ``H=$(sealstation home)``."""
    print(resolve_home(args.home))
    return EXIT_OK


def _cmd_stamp(args, secrets: SecretSource) -> int:
    from .station import StampRequestSpec

    if args.batch:
        from .cli_batch import stamp_batch_command

        return stamp_batch_command(args, secrets)
    if len(args.file) > 1:
        print("sealstation stamp: several files are stamped with --batch (and --out a folder).", file=sys.stderr)
        return EXIT_USAGE
    args.file = args.file[0]
    try:
        placement = _placement_of(args)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    with open_station(args, secrets) as station:
        unpinned = station.anchor_warning()
        if unpinned:
            print(f"warning: {unpinned}", file=sys.stderr)
        plan = station.stamping().plan_stamp(
            StampRequestSpec(args.file, args.seal, placement, args.out, args.purpose,
                             overwrite=args.overwrite, cross_page=_cross_page_argument(args))
        )
        # Every refusal that needs no secret comes before the password and the PIN are asked.
        station.stamping().check_stamp_before_login(plan, user=args.user, request_id=args.request)
        password = secrets.ask(f"Password of {args.user}: ")
        result = None
        while result is None:  # a mistyped PIN is asked again (a new attempt each time), while the key allows
            auth = station.stamping().authorise_stamp(plan, user=args.user, password=password, request_id=args.request)
            try:
                warning = station.pin_warning()
                if warning:
                    print(f"warning: {warning}", file=sys.stderr)
                pin = secrets.ask(f"PIN of the USB key of seal '{args.seal}': ")
            except BaseException as exc:  # the attempt was journalled as started: close it
                station.stamping().cancel(auth, exc.message if isinstance(exc, SealStationError) else type(exc).__name__)
                raise
            try:
                result = station.stamping().stamp(auth, pin=pin)
            except PinIncorrectError as exc:  # a locked key raises PinLockedError, which ends the command
                print(f"Wrong PIN: {exc}", file=sys.stderr)
        left = station.stamping().seals_left(auth.request.id)
        locked = station.stamping().lock_after(auth.request.id)
        sync_in_passing(station)
    placement = result.box.placement
    cx, cy = placement.center_mm
    print(f"Stamped {args.file} with seal '{args.seal}' on page {placement.page} at ({cx:g}, {cy:g}) mm")
    for box in plan.repeats:  # the same signature's further seals (a page set, every match of a keyword)
        (rx, ry), rp = box.placement.center_mm, box.placement.page
        print(f"  and on page {rp} at ({rx:.1f}, {ry:.1f}) mm (the same signature)")
    if plan.cross_page is not None:
        groups = ", ".join(f"{g[0]}–{g[-1]}" for g in plan.cross_page.groups)
        print(f"  cross-page seal on the {plan.cross_page.spec.edge} edge of all {plan.cross_page.page_count} pages "
              f"(each group of pages carries the whole seal: pages {groups})")
    print(f"  written and verified: {result.output}")
    print(f"  SHA-256 {result.sha256_after}")
    for warning in result.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
    for notice in result.notices:  # the office's timestamp or revocation data owed (the stamp is valid)
        print(f"  warning: {notice.message} {notice.hint or ''}".rstrip(), file=sys.stderr)
    if left:
        print(f"  request {auth.request.id} still needs: {', '.join(left)}; stamp it on {result.output.name}, "
              "then print")
    else:
        print(f"  locked: the request's last seal ({_LOCK_WORDS.get(locked, locked)})")
    return EXIT_OK


_AFTER_WORDS = {"none": "nothing", "form filling": "later signatures or form filling only"}


_LOCK_WORDS = {"no changes": "no changes allowed", "form filling": "only form filling allowed"}


def _print_verify(result) -> None:
    print(f"{result.path}: {'VALID' if result.valid else 'NOT VALID'} ({len(result.signatures)} signature(s))")
    for s in result.signatures:
        place = s.placement
        where = f"page {place.page} at ({place.center_mm[0]:g}, {place.center_mm[1]:g}) mm" if place else "invisible"
        kind = "document timestamp" if s.type == "timestamp" else "signature"
        authority = "time-stamping authority" if s.type == "timestamp" else "seal authority"
        print(f"- {s.field} ({kind}): {s.seal_name or s.signer} [{s.seal or '-'}] {where}")
        print(f"    signer {s.signer}; signed {s.signing_time or 'unknown time'}"
              + (f" (time from a timestamp authority{'' if s.timestamp_trusted else ' NOT trusted here'})"
                 if s.timestamp_time else " (the signer's own clock: no timestamp)"))
        print(f"    intact: {'yes' if s.intact else 'NO'}; signature valid: {'yes' if s.valid else 'NO'}; "
              f"issued by a trusted {authority}: {'yes' if s.trusted else 'NO'}")
        print(f"    covers whole file: {'yes' if s.covers_whole_file else 'no'}; "
              f"changed after it: {_AFTER_WORDS.get(s.changed_after, s.changed_after)}")
        if s.also_on_pages:
            pages = "page" if len(s.also_on_pages) == 1 else "pages"
            print(f"    the same seal also on {pages} {_page_list(s.also_on_pages)} (one signature covers them all)")
        if s.cross_page_of:
            print(f"    cross-page seal (骑缝章): strips on {len(s.cross_page_pages)} of the {s.cross_page_of} pages "
                  f"stamped (pages {_page_list(s.cross_page_pages)})")
        if s.problem:
            print(f"    NOT VALID: {s.problem}")
    if result.changed_after_last:
        print("Something was added after the last signature.")
    if result.locked:
        state = "and the lock is BROKEN" if result.lock_broken else "and the lock holds"
        print(f"Locked after the last seal by {result.locked_by} ({_LOCK_WORDS.get(result.locked, result.locked)}), "
              f"{state}.")
    if result.signatures:
        print("Long-term validation data (certificates and revocation data) is embedded." if result.ltv else
              "No long-term validation data is embedded: checking these seals later needs the authorities online.")
    for what in result.active_content:
        print(f"Note: the document contains {what}.")
    if not result.signatures:
        print("The file has no signatures.")


def _cmd_verify(args, secrets: SecretSource) -> int:
    from .station import Station

    try:
        if args.ca:  # a mistyped path is named, not read as "no trusted authority"
            office_ca_certificate(args.ca, resolve_home(args.home))
        result = Station.verify_unopened(args.file, args.home, args.ca)
    except SealStationError as exc:
        if args.json:  # scripts read stdout: they get an answer there too
            print(json.dumps({"file": str(args.file), "valid": False, "error": str(exc), "signatures": []},
                             ensure_ascii=False, indent=2))
        raise
    report = result.to_json_dict() if args.json else None
    if not args.json:
        _print_verify(result)
    registered = True
    if args.archive:
        registered = cli_archive.print_registrations(args, report, result)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return EXIT_OK if result.valid and registered else EXIT_FAILED


def _print_request(station, r) -> None:
    approval = station.requests.approval_of(r.id)
    print(f"{r.id}  {r.state.value:10s} {r.document_name}  seals={','.join(r.seals)} copies={r.copies} "
          f"purpose={r.purpose!r} requester={r.requester}"
          + (f" approved by {approval.approver} until {approval.expires_at}" if approval and approval.decision == "approve" else "")
          + (f" reason={r.reason!r}" if r.reason else "")
          + (f" batch={r.batch}" if r.batch else ""))


def _cmd_approve(args, secrets: SecretSource) -> int:
    if len(args.file) > 1:
        from .cli_batch import approve_batch_command

        return approve_batch_command(args, secrets)
    args.file = args.file[0]
    with open_station(args, secrets) as station:
        # The document is checked before the approver's password is asked for.
        checked = station.approving().check_document(args.file, args.seal)
        for warning in checked.warnings:
            print(f"Warning: {warning}", file=sys.stderr)
        result = station.approving().approve(checked, seals=args.seal, copies=args.copies, approver=args.approver,
                                 password=secrets.ask(f"Password of {args.approver}: "), purpose=args.purpose,
                                 requester=args.requester, supersedes=args.supersedes, fillable=args.fillable)
        request = result.request
        print(f"Approved: request {request.id} for {args.file.name} (SHA-256 {request.document_sha256[:16]}…), "
              f"seals {', '.join(request.seals)}, {request.copies} {'copy' if request.copies == 1 else 'copies'}")
        if args.fillable:
            print("  a fillable form: its last seal locks it for form filling only")
        if request.supersedes:
            print(f"  a reprint (重印) of request {request.supersedes}: that file is no longer printed; copies of it "
                  f"already printed are recalled (sealstation print recall --request {request.supersedes}) before "
                  "this one is printed")
    return EXIT_OK


def _cmd_request(args, secrets: SecretSource) -> int:
    with open_station(args, secrets) as station:
        if args.action == "import":
            r = station.approving().import_oa_approval(args.file, user=args.user, password=secrets.ask(f"Password of {args.user}: "))
            approval = station.requests.approval_of(r.id)
            print(f"Imported approval: request {r.id} ({r.document_name}) approved in the OA system "
                  f"by {approval.approver}, usable until {approval.expires_at}")
        elif args.action == "list":
            for r in station.requests.list():
                _print_request(station, r)
        elif args.action == "show":
            _print_request(station, station.requests.get(args.id))
        elif args.action == "return":
            station.stamping().return_request(args.id, by=args.user, password=secrets.ask(f"Password of {args.user}: "),
                                   reason=args.reason)
            print(f"Request {args.id} returned (退签): {args.reason}")
        elif args.action == "register-key":
            password = secrets.ask(f"Password of {args.by}: ")
            station.people().register_approver_key(args.approver, _read_pem(args.pem), by=args.by, password=password,
                                          authority=office_authority(station, secrets))
            print(f"Registered the public key of approver {args.approver}")
    return EXIT_OK


def _read_pem(path: Path) -> str:
    """A public key file the office gives (a regular file: never a FIFO that blocks, nor a device)."""
    try:
        return read_input_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"The approver's public key {path} cannot be read: {why}.",
                          hint="Give the PEM file the approver's OA key was exported to.") from exc


def _cmd_user(args, secrets: SecretSource) -> int:
    with open_station(args, secrets) as station:
        users = station.users
        if args.action == "add":
            password = secrets.ask(f"Password of {args.by}: ")
            authority = office_authority(station, secrets)
            station.people().add_user(args.username, args.name or args.username, args.role,
                             secrets.ask(f"Initial password for {args.username}: "), approver_level=args.level,
                             by=args.by, password=password, authority=authority)
            print(f"Added {args.username} ({', '.join(args.role)}), record signed by the office; "
                  "the password must be changed at first login")
        elif args.action == "reset":
            password = secrets.ask(f"Password of {args.by}: ")
            authority = office_authority(station, secrets)
            station.people().reset_password(args.username, secrets.ask(f"New initial password for {args.username}: "),
                                   by=args.by, password=password, authority=authority)
            print(f"Password of {args.username} reset (a new approval key for an approver), record signed; "
                  "it must be changed at first login")
        elif args.action == "passwd":
            old = secrets.ask(f"Current password of {args.username}: ")
            station.change_password(args.username, old, secrets.ask(f"New password for {args.username}: "))
            print(f"Password of {args.username} changed")
        elif args.action in ("lock", "unlock"):
            password = secrets.ask(f"Password of {args.by}: ")
            station.people().set_locked(args.username, args.action == "lock", by=args.by, password=password,
                               authority=office_authority(station, secrets))
            print(f"{args.username} {args.action}ed")
        else:
            for u in users.list():
                level = f" ({u.approver_level.value})" if u.approver_level else ""
                print(f"{u.username:12s} {','.join(r.value for r in u.roles)}{level}"
                      + (" [must change password]" if u.must_change else ""))
    return EXIT_OK


def _cmd_seal(args, secrets: SecretSource) -> int:
    with open_station(args, secrets) as station:
        if args.action == "list":
            for r in station.seals.all():
                print(f"{r.seal_id:10s} v{r.version} {r.status:10s} {r.name}  custodian={r.custodian or '-'} "
                      f"valid until {r.valid_until[:10] or '-'}")
            return EXIT_OK
        if args.action == "show":
            for r in station.seals.history(args.seal_id):
                print(json.dumps(json.loads(r.canonical()), ensure_ascii=False))
            return EXIT_OK
        password = secrets.ask(f"Password of {args.by}: ")
        if args.action == "delegate":
            approver_password = secrets.ask(f"Password of {args.approver}: ")
            d = station.seal_office().delegate_seal(_delegation(args), by=args.by, password=password,
                                      approver_password=approver_password, authority=office_authority(station, secrets))
            print(f"{d.delegate} stands in for seal '{d.seal_id}' from {args.starts} until {args.until}")
            return EXIT_OK
        authority = office_authority(station, secrets)
        if args.action == "make":
            pin = None if args.existing_key else secrets.ask(f"PIN of the USB key for seal '{args.seal_id}': ")
            record = station.seal_office().make_seal(_seal_spec(args), by=args.by, password=password, authority=authority, pin=pin)
            print(f"Seal '{record.seal_id}' made: {record.name}, {record.width_mm:g} mm; issue it to its custodian next")
            return EXIT_OK
        if args.action == "destroy":
            pin = secrets.ask(f"PIN of the USB key of seal '{args.seal_id}': ")
            removed = station.seal_office().destroy_seal(args.seal_id, by=args.by, password=password, authority=authority, pin=pin,
                                           note=args.note)
            print(f"Seal '{args.seal_id}' destroyed: {removed} key object(s) deleted from the token; the record stays")
            return EXIT_OK
        record = station.seal_office().change_seal(args.seal_id, SealAction(args.action), by=args.by, password=password,
                                     authority=authority, note=args.note, **_seal_changes(args))
        print(f"Seal '{args.seal_id}' is now {record.status} (version {record.version})")
    return EXIT_OK


def _seal_changes(args) -> dict:
    if args.action in ("issue", "handover"):
        return {"custodian": args.custodian}
    if args.action == "withdraw":
        return {"custodian": None}
    changes: dict = {}
    if args.action == "change":
        if args.valid_until:
            changes["valid_until"] = _utc_date(args.valid_until).isoformat()
        if args.station:
            changes["stations"] = tuple(args.station)
    return changes


def _day_after(text: str) -> str | None:
    """The day after a day ``_date`` checked; None after 9999-12-31, the last day a date can be (no end then)."""
    day = dt.date.fromisoformat(text)
    return None if day == dt.date.max else (day + dt.timedelta(days=1)).isoformat()


def _utc_date(text: str) -> dt.datetime:
    """Midnight UTC of a day that ``_date`` already checked when the arguments were parsed."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)


def _delegation(args) -> Delegation:
    return Delegation(args.seal_id, args.to, _utc_date(args.starts), _utc_date(args.until),
                      args.reason, args.approver)


def _seal_spec(args) -> SealSpec:
    from .seals.making import SealSpec

    return SealSpec(seal_id=args.seal_id, kind=SealKind(args.kind), organisation=args.organisation,
                    name=args.name or "", person=args.person, code=args.code, key_type=args.key_type,
                    existing_key=args.existing_key, scanned_image=args.image, stations=tuple(args.station or ()),
                    valid_days=args.valid_days)


def _cmd_policy(args, secrets: SecretSource) -> int:
    from .policy import StationPolicy

    with open_station(args, secrets, strict_policy=args.action == "show") as station:
        if args.action == "show":
            print(station.policy.to_bytes().decode("utf-8"))
            return EXIT_OK
        path = station.policy_files.path
        try:
            policy = StationPolicy.from_bytes(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise PolicyError(f"{path} cannot be signed: {exc}.",
                              hint="Write the policy there first (see 'sealstation policy show').") from exc
        print(f"Policy to be signed ({path}):")
        print(policy.to_bytes().decode("utf-8"))
        password = secrets.ask(f"Password of {args.by}: ")
        station.setup().sign_policy(policy, by=args.by, password=password, authority=office_authority(station, secrets))
        print("Policy signed by the office's seal authority; the change is journalled")
    return EXIT_OK


def _cmd_station(args, secrets: SecretSource) -> int:
    from .station import Station

    if args.action == "init":
        return _station_init(args, secrets)
    if args.action == "pin-authority":
        where = Station.pin_authority(args.ca)
        print(f"The office's seal authority is pinned at {where}: stations on this computer refuse another one.")
        return EXIT_OK
    if args.action == "key":
        with open_station(args, secrets) as station:
            password = secrets.ask(f"Password of {args.by}: ")
            identity = station.setup().issue_station_key(by=args.by, password=password, authority=office_authority(station, secrets))
            print(f"Station {identity.station_id} has a new key; its certificate is in {station.home.station_cert_path}")
        return EXIT_OK
    with open_station(args, secrets, strict_policy=False) as station:
        password = secrets.ask(f"Password of {args.by}: ")
        result = station.setup().upgrade(by=args.by, password=password, authority=office_authority(station, secrets))
    print(f"Station upgraded: {len(result.users)} user record(s), {result.delegations} delegation(s) and "
          f"{len(result.approver_keys)} OA key registration(s) signed; policy signed into office/policy.json")
    if result.approvers_without_key:
        print("These approvers have no approval key yet and approve only after the office resets them "
              f"('sealstation user reset NAME --by {args.by}'): {', '.join(result.approvers_without_key)}")
    return EXIT_OK


def _station_init(args, secrets: SecretSource) -> int:
    from .station_init import InitSecrets, StationInitSpec, init_station

    spec = StationInitSpec(
        home=resolve_home(args.home), pkcs11_module=args.module, token_label=args.token, station_id=args.station_id,
        station_name=args.name, ca_cert_file=args.ca, ca_key_file=args.ca_key, policy_file=args.policy,
        archive_location=args.archive, make_archive=args.make_archive, journal_key_source=args.journal_key,
        office_user=args.office_user, office_display_name=args.office_name, softhsm2_conf=args.softhsm2_conf)
    pin = secrets.ask(f"PIN of the USB key '{args.token}': ")
    passphrase = secrets.ask("Passphrase of the office's seal authority key: ")
    password = secrets.ask(f"Initial password of {args.office_user}: ")
    journal = secrets.ask("Journal passphrase of this station: ") if args.journal_key == "passphrase" else None
    db_password = secrets.ask("Password of the archive's station role: ") if args.archive_password else None
    made = init_station(spec, InitSecrets(pin, passphrase, password, journal, db_password))
    print(f"Station {made.station_id} made in {made.home}")
    print(f"  office user: {made.office_user} (changes the initial password at the first login)")
    print(f"  seal keys on the USB key, to register ('seal make --existing-key'): {', '.join(made.seal_keys)}")
    print(f"  office archive: {made.archive or 'none yet'}")
    print(f"  the station's certificate, for the office's archive: {made.station_cert}")
    return EXIT_OK


def _cmd_journal(args, secrets: SecretSource) -> int:
    with open_station(args, secrets) as station:
        if args.action == "verify":
            return _journal_verify(station, args, secrets)
        if args.action == "export":
            station.check_output(args.out, overwrite=args.overwrite)  # refused before the password is asked
            # --to names the last day wanted; the station exports [since, until), so until is the day after.
            until = _day_after(args.until) if args.until else None
            n = station.audit().export_journal(args.out, user=args.user, password=secrets.ask(f"Password of {args.user}: "),
                                       since=args.since, until=until, fmt=args.format, overwrite=args.overwrite)
            print(f"Exported {n} entries to {args.out}")
            return EXIT_OK
        password = secrets.ask(f"Password of {args.by}: ")
        entry = station.setup().review_journal(by=args.by, password=password, note=args.note,
                                       authority=office_authority(station, secrets))
        print(f"Review signed by the office's seal authority and recorded (entry {entry.seq}); stamping may resume")
    return EXIT_OK


_CHECKPOINT_WORDS = {
    "agrees": "the journal agrees with the checkpoint on the seal's USB key",
    "behind": "the journal is BEHIND the checkpoint on the seal's USB key (rolled back)",
    "rewritten": "the journal was REWRITTEN since the checkpoint on the seal's USB key",
    "stopped": "the seal's USB key records a tamper stop that no signed office review lifts",
    "older record": "a record is OLDER than a version the seal's USB key has seen",
    "no checkpoint": "the seal's USB key holds no checkpoint of this station",
}


def _journal_verify(station, args, secrets: SecretSource) -> int:
    result = station.audit().verify_journal()
    for p in result.problems:
        print(f"entry {p.seq}: {p.what} — {p.detail}")
    if result.ok:
        print(f"Journal intact: {result.entries_checked} entries, every link checked")
    ok = result.ok
    if args.pin_check:
        pin = secrets.ask(f"PIN of the USB key '{station.token().label}': ")
        compared = station.audit().compare_with_token(pin)
        print(f"Checkpoint: {compared.state}: {_CHECKPOINT_WORDS.get(compared.state, compared.state)}"
              + (f" ({compared.reason})" if compared.reason and not compared.agrees else ""))
        ok = ok and compared.state in ("agrees", "no checkpoint")
    if not ok:
        print("The journal was altered. Stamping is stopped until the office reviews it.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _no_gui(home: Path | str | None) -> int:
    print("sealstation: this entry point has no window; start 'sealstation' (or 'python -m ui'), "
          "or use 'demo --no-gui'.", file=sys.stderr)
    return EXIT_FAILED


def _cmd_trust(args, secrets: SecretSource) -> int:
    with open_station(args, secrets) as station:
        if args.action == "add":
            password = secrets.ask(f"Password of {args.by}: ")
            partner = station.setup().add_partner_authority(args.cert, by=args.by, password=password,
                                                    authority=office_authority(station, secrets))
            print(f"Trusted partner seal authority: {partner.name} (SHA-256 {partner.sha256[:16]}…)")
        else:
            for partner in station.setup().partner_authorities():
                state = "trusted" if partner.endorsed else "NOT trusted: the office's endorsement is missing or wrong"
                print(f"{partner.sha256[:16]}…  {partner.name}  {state}")
    return EXIT_OK


COMMANDS: dict[str, Callable] = {
    "demo": _cmd_demo,
    "home": _cmd_home,
    "stamp": _cmd_stamp,
    "verify": _cmd_verify,
    "approve": _cmd_approve,
    "request": _cmd_request,
    "user": _cmd_user,
    "seal": _cmd_seal,
    "journal": _cmd_journal,
    "trust": _cmd_trust,
    "policy": _cmd_policy,
    "station": _cmd_station,
    "sync": cli_archive.cmd_sync,
    "archive": cli_archive.cmd_archive,
    "report": cli_archive.cmd_archive,
    "backup": cmd_backup,
    "timestamp": cli_timestamp.cmd_timestamp,
    "restore": cmd_restore,
    **PRINT_COMMANDS,
}


def main(argv: Sequence[str] | None = None, *, start_gui: Callable[[Path | str | None], int] | None = None,
         printing: Callable[[], object] | None = None) -> int:
    """Run a command. ``start_gui(home)`` opens the station window and ``printing()`` makes the print
    system's backend; the UI package passes them in (the core never imports the UI)."""
    disable_core_dumps()  # first: nothing secret is in memory yet
    quiet_third_party_warnings()  # the libraries are imported lazily, by the commands
    parser = _parser()
    unknown = _unknown_command(sys.argv[1:] if argv is None else argv)
    if unknown:
        print(unknown, file=sys.stderr)
        return EXIT_USAGE
    try:
        args = parser.parse_args(route_print_action(_joined_negative_at(sys.argv[1:] if argv is None else argv)))
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        # pyHanko logs untrusted chains with tracebacks; the report says it plainly.
        logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
        logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    args.start_gui = start_gui or _no_gui
    args.printing = printing
    if args.command is None:
        return args.start_gui(args.home)
    secrets = SecretSource(args.stdin_secrets)
    said = f"sealstation {args.command.replace('print-', 'print ', 1)}"  # as it was typed: 'print void'
    try:
        return COMMANDS[args.command](args, secrets)
    except NoTerminalError as exc:  # how it was run is wrong, not what it asked for
        print(f"{said}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SealStationError as exc:
        print(f"{said}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"{said}: interrupted; nothing was written.", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # e.g. `sealstation seal list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

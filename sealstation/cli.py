"""``sealstation`` command line.

Exit codes: 0 ok, 1 refused or failed (clear message on stderr), 2 usage error.
Secrets (PINs, passwords) come from a prompt, or with ``--stdin-secrets`` one a
line from standard input in the order the command would prompt; never from
arguments or the environment.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from pathlib import Path
from typing import Callable, Sequence

from .errors import SealStationError

__all__ = ["main", "SecretSource"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class SecretSource:
    """Where secrets come from: the terminal, or standard input one a line."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def ask(self, prompt: str) -> str:
        if not self.from_stdin:
            return getpass.getpass(prompt)
        line = sys.stdin.readline()
        if not line:
            raise SealStationError(
                f"Standard input ended before the secret asked for ({prompt.strip(': ')}).",
                hint="With --stdin-secrets give each secret on its own line, in prompt order.",
            )
        return line.rstrip("\r\n")


def _parse_at(text: str) -> tuple[float, float]:
    try:
        x, y = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--at wants X_MM,Y_MM (e.g. 150,230), not {text!r}") from None
    return (x, y)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", help="station home folder (default: $SEALSTATION_HOME or the user data folder)")
    common.add_argument("--stdin-secrets", action="store_true", help="read PINs/passwords one a line from stdin")
    common.add_argument("-v", "--verbose", action="store_true", help="log what happens")

    p = argparse.ArgumentParser(prog="sealstation", description="SealStation electronic seal station", parents=[common])
    sub = p.add_subparsers(dest="command")

    demo = sub.add_parser("demo", parents=[common], help="create a demo station and start it")
    demo.add_argument("--no-gui", action="store_true", help="only create the demo station")
    demo.add_argument("--force", action="store_true", help="rebuild the demo station if one exists")

    stamp = sub.add_parser("stamp", parents=[common], help="stamp a PDF with a seal")
    stamp.add_argument("file", type=Path)
    stamp.add_argument("--seal", required=True)
    stamp.add_argument("--page", type=int, required=True, help="1-based page number")
    stamp.add_argument("--at", type=_parse_at, required=True, metavar="X_MM,Y_MM",
                       help="seal centre in mm from the top-left of the page as displayed")
    stamp.add_argument("--out", type=Path, required=True)
    stamp.add_argument("--purpose", default="", help="purpose of the use (the signature's reason)")
    stamp.add_argument("--user", help="the custodian stamping")

    verify = sub.add_parser("verify", parents=[common], help="verify the signatures of a PDF")
    verify.add_argument("file", type=Path)
    verify.add_argument("--json", action="store_true", help="print JSON")
    return p


def _cmd_demo(args, secrets: SecretSource) -> int:
    from .demo import build_demo_station
    from .config import resolve_home

    info = build_demo_station(resolve_home(args.home), force=args.force)
    print(f"Demo station ready in {info.home}")
    print(f"  seals: {', '.join(info.seal_ids)}")
    print(f"  sample documents: {info.documents_dir}")
    print(f"  demo PIN and passwords (demo only): {info.credentials_path}")
    if args.no_gui:
        return EXIT_OK
    return _start_gui(info.home)


def _cmd_stamp(args, secrets: SecretSource) -> int:
    from .station import StampRequestSpec, Station

    with Station.open(args.home) as station:
        plan = station.plan_stamp(
            StampRequestSpec(args.file, args.seal, args.page, args.at, args.out, args.purpose)
        )
        pin = secrets.ask(f"PIN of the token for seal '{args.seal}': ")
        result = station.stamp(plan, args.out, pin=pin)
    cx, cy = result.box.center_mm
    print(f"Stamped {args.file} with seal '{args.seal}' on page {result.box.page} at ({cx:g}, {cy:g}) mm")
    print(f"  written and verified: {result.output}")
    print(f"  SHA-256 {result.sha256_after}")
    for warning in result.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _print_verify(result) -> None:
    print(f"{result.path}: {'VALID' if result.valid else 'NOT VALID'} ({len(result.signatures)} signature(s))")
    for s in result.signatures:
        where = f"page {s.page} at ({s.center_mm[0]:g}, {s.center_mm[1]:g}) mm" if s.page else "invisible"
        print(f"- {s.field}: {s.seal_name or s.signer} [{s.seal or '-'}] {where}")
        print(f"    signer {s.signer}; signed {s.signing_time or 'unknown time'}")
        print(f"    intact: {'yes' if s.intact else 'NO'}; signature valid: {'yes' if s.valid else 'NO'}; "
              f"issued by this office's seal authority: {'yes' if s.trusted else 'no'}")
        print(f"    covers whole file: {'yes' if s.covers_whole_file else 'no'}; changed after: {s.changed_after}")
    if result.changed_after_last:
        print("Something was added after the last signature.")
    if not result.signatures:
        print("The file has no signatures.")


def _cmd_verify(args, secrets: SecretSource) -> int:
    from .config import StationHome, resolve_home
    from .pdf.verify import load_trust_roots, verify_pdf

    home = StationHome(resolve_home(args.home))
    result = verify_pdf(args.file, trust_roots=load_trust_roots(home.ca_cert_path))
    if args.json:
        print(json.dumps(result.to_json_dict(), ensure_ascii=False, indent=2))
    else:
        _print_verify(result)
    return EXIT_OK if result.valid else EXIT_FAILED


def _start_gui(home: Path | str | None) -> int:
    try:
        from ui.app import run
    except ImportError as exc:
        print(f"sealstation: the GUI cannot start: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return run(home)


COMMANDS: dict[str, Callable] = {
    "demo": _cmd_demo,
    "stamp": _cmd_stamp,
    "verify": _cmd_verify,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        # pyHanko logs untrusted chains with tracebacks; the report says it plainly.
        logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
        logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    if args.command is None:
        return _start_gui(args.home)
    secrets = SecretSource(args.stdin_secrets)
    try:
        return COMMANDS[args.command](args, secrets)
    except SealStationError as exc:
        print(f"sealstation {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"sealstation {args.command}: interrupted; nothing was written.", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

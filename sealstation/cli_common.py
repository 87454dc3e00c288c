"""What every command-line module shares: exit codes, where secrets come from, opening the station.

The command line is a door to the core (docs/architecture.md): ``cli.py``
parses and dispatches; ``cli_print.py`` and ``cli_archive.py`` hold the
printing and archive commands; all of them open the station through
:func:`open_station` and ask secrets through :class:`SecretSource`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .config import StationHome, resolve_home
from .errors import ConfigError, NoTerminalError, SecretUnavailableError
from .model import MAX_COPIES

if TYPE_CHECKING:  # imported by the functions that need them: every command imports this module
    from cryptography import x509

    from .seals.authority import SealAuthority
    from .station import Station

__all__ = ["EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "SecretSource", "open_station", "office_authority",
           "office_ca_certificate", "sync_in_passing", "calendar_argument", "count_argument", "copies_argument"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class SecretSource:
    """Where secrets come from: the terminal, or standard input one a line."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def ask(self, prompt: str) -> str:
        what = prompt.strip(": ")
        if not self.from_stdin:
            if not _has_terminal():  # getpass would fall back to stdin with a warning and echo the secret
                raise NoTerminalError(f"{what} is needed, but there is no terminal to ask it at; nothing was done.",
                                      hint="Run it at a terminal, or give secrets one a line with --stdin-secrets.")
            try:
                return getpass.getpass(prompt)
            except EOFError:
                raise SecretUnavailableError(
                    f"No answer was given to the prompt ({what}); nothing was done.",
                    hint="Type it at the prompt, or give secrets one a line with --stdin-secrets.",
                ) from None
        line = sys.stdin.readline()
        if not line:
            raise SecretUnavailableError(
                f"Standard input ended before the secret asked for ({what}).",
                hint="With --stdin-secrets give each secret on its own line, in prompt order.",
            )
        return line.rstrip("\r\n")


def _has_terminal() -> bool:
    """Whether getpass can ask at a terminal: stdin is one, or (POSIX) the process has a controlling one."""
    if sys.stdin is not None and sys.stdin.isatty():
        return True
    if os.name == "nt":
        return False
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        return False
    return True


def open_station(args, secrets: SecretSource, *, strict_policy: bool = True):
    """Open the station, asking the journal passphrase first when the station uses one."""
    from .station import Station

    home = StationHome(resolve_home(args.home))
    config = home.load_config()
    passphrase = None
    if config.journal_key_source == "passphrase":
        passphrase = secrets.ask("Journal passphrase of this station: ")
    return Station.open(home.root, journal_passphrase=passphrase, strict_policy=strict_policy)


def office_authority(station, secrets: SecretSource) -> SealAuthority:
    """The office's seal authority with its key open (its passphrase asked)."""
    from .seals.authority import SealAuthority

    return SealAuthority.load(station.home.ca_cert_path, station.home.ca_key_path,
                              secrets.ask("Passphrase of the office's seal authority key: "))


def sync_in_passing(station: Station) -> None:
    """After a stamp or a print: send the office archive what waits, when a sync is due.

    It never fails the command: an archive out of reach waits for its backoff
    and for ``sealstation sync`` (the grace limits say how long it may wait).
    """
    result = station.sync_if_due()
    if result is not None and result.entries:
        print(f"  sent to the office archive: {result.entries} journal entries", file=sys.stderr)


def calendar_argument(fmt: str, what: str, example: str):
    """An argparse type for a day or month written as ``fmt``: checked when parsed, so a mistyped one
    is a usage error (exit 2); the text itself is kept."""
    def parse(text: str) -> str:
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError:
            raise argparse.ArgumentTypeError(f"wants {what} (e.g. {example}), not {text!r}") from None
        return text

    return parse


def count_argument(low: int, high: int, what: str):
    """An argparse type for a whole number from ``low`` to ``high``: outside it (or ``10**30``, ``1e9``) is a
    usage error (exit 2) that says the range, before any number reaches a date, a loop or the database."""
    def parse(text: str) -> int:
        shown = text if len(text) <= 24 else text[:24] + "…"
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"wants {what}: a whole number from {low} to {high}, "
                                             f"not {shown!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"wants {what} from {low} to {high}, not {shown}")
        return value

    return parse


copies_argument = count_argument(1, MAX_COPIES, "a number of copies")
"""``--copies``: 1 to :data:`~sealstation.model.MAX_COPIES` (why that ceiling: its docstring)."""


def office_ca_certificate(path: Path | None, home: Path) -> x509.Certificate:
    """The office's seal authority certificate: ``--ca`` when given, else the one pinned on this computer
    (:mod:`sealstation.anchor`), else, on a station without a pin, the one in the station ``home``."""
    from cryptography import x509

    given = path is not None
    if not given:
        from .anchor import anchored_authority, load_anchor

        # The pin, never a home copy that differs from it (that stops here, with what to do).
        pinned = load_anchor()
        if pinned.pinned:
            return anchored_authority(StationHome(home).ca_cert_path, pinned)
    path = Path(path or StationHome(home).ca_cert_path)
    if not path.is_file():
        where = f"--ca {path} is not a file" if given else f"there is no station home at {home} to take it from"
        raise ConfigError(f"The office's seal authority certificate is needed: {where}.",
                          hint="Give it with --ca FILE (office/seal-authority.pem of a station home), or --home.")
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise ConfigError(f"The office's seal authority certificate {path} cannot be read ({exc}).",
                          hint="Give the PEM file of the office's seal authority with --ca FILE.") from exc

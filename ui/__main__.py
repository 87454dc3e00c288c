"""The ``sealstation`` console script: the core CLI, with the station window plugged in.

``sealstation`` alone (or with ``--home DIR``) starts the window straight away, without importing the CLI,
so that the first screen shows at once; every other command goes through the CLI.
"""

from __future__ import annotations

import sys


def _window_only(argv: list[str]) -> tuple[bool, str | None]:
    """(True, home) when the arguments only start the window: none, ``--home DIR`` or ``--home=DIR``."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--home":
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--home="):
        return True, argv[0].split("=", 1)[1]
    return False, None


def main() -> int:
    from sealstation.process import disable_core_dumps, quiet_third_party_warnings

    disable_core_dumps()  # before the window asks for any password or PIN (the CLI entry does it again)
    quiet_third_party_warnings()  # before Qt, pyHanko and the rest are imported: nothing of theirs in the log
    window, home = _window_only(sys.argv[1:])
    if window:
        from .app import run

        return run(home)
    from sealstation.cli import main as cli_main

    from .app import run

    def printing():
        from .qt_printing import QtPrinterBackend

        return QtPrinterBackend()

    return cli_main(sys.argv[1:], start_gui=run, printing=printing)


if __name__ == "__main__":
    sys.exit(main())

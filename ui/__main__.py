"""The ``sealstation`` console script: the core CLI, with the station window plugged in."""

from __future__ import annotations

import sys


def main() -> int:
    from sealstation.process import disable_core_dumps, quiet_third_party_warnings

    disable_core_dumps()  # before the window asks for any password or PIN (the CLI entry does it again)
    quiet_third_party_warnings()  # before Qt, pyHanko and the rest are imported: nothing of theirs in the log
    from sealstation.cli import main as cli_main

    from .app import run

    def printing():
        from .qt_printing import QtPrinterBackend

        return QtPrinterBackend()

    return cli_main(sys.argv[1:], start_gui=run, printing=printing)


if __name__ == "__main__":
    sys.exit(main())

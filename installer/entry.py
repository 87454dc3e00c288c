"""The frozen program's entry point: the ``sealstation`` command and the window, as one executable.

A PyInstaller bundle has no ``python -m``: the page renderer's server process
(:func:`sealstation.pdf.render_server.server_command`) runs this executable again
with ``--render-server``, and the monthly workbook's ``spawn`` child needs
:func:`multiprocessing.freeze_support` before anything else runs.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()  # a spawned child (the workbook writer) stops here and runs its target
    if sys.argv[1:2] == ["--render-server"]:
        from sealstation.pdf.render_server import main as render_server

        render_server()
        return 0
    from ui.__main__ import main as station

    return station()


if __name__ == "__main__":
    sys.exit(main())

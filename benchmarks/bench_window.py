"""The station window's speed (issue 17): the shell's part; the preview's figures join here when merged.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_window.py [--repeat N] [--pages N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from window_start import main  # noqa: E402 - the benchmark folder is not a package

if __name__ == "__main__":
    sys.exit(main())

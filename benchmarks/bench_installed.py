"""The installed program against the same code run from the virtual environment (issue 20, "Speed and size").

Run (the package installed: ``bash installer/build-deb.sh && sudo dpkg -i dist/sealstation_*_amd64.deb``):
  .venv/bin/python benchmarks/bench_installed.py [--repeat 9]

Targets (issue 20):
- the installed program's first screen within 0.8 s of process start;
- within 1.3x of the same code started from the virtual environment (``python -m ui``), measured in the same run;
- installed size under 250 MB (dpkg's Installed-Size); the ``.deb`` under 120 MB (when ``--deb`` names it).

Both sides open the same demo station, made with the installed program in an environment of its own (no
keyring there: the first screen is the journal passphrase prompt, as on a station without one), with
``SEALSTATION_EXIT_AFTER_FIRST_SCREEN``: each prints the time once its first screen has been shown and exits.
The installed side runs with the system PATH only and no PYTHONPATH; the two alternate, so drift hits both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from window_start import _time_to_first_screen  # noqa: E402

PROGRAM = Path("/usr/bin/sealstation")
FIRST_SCREEN_TARGET_S = 0.8
RATIO_TARGET = 1.3
INSTALLED_MB_TARGET = 250
DEB_MB_TARGET = 120


def clean_env(root: Path) -> dict:
    """The installed program's environment: system PATH only, a HOME of its own, offscreen."""
    (root / "home").mkdir(parents=True, exist_ok=True)
    return {"PATH": "/usr/bin:/bin", "HOME": str(root / "home"), "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": str(root / "home" / ".config"), "XDG_DATA_HOME": str(root / "home" / ".local/share"),
            "QT_QPA_PLATFORM": "offscreen", "SEALSTATION_EXIT_AFTER_FIRST_SCREEN": "1"}


def installed_kib() -> int:
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Installed-Size}", "sealstation"], capture_output=True,
                         text=True, check=True).stdout
    return int(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--deb", type=Path, help="the .deb that was installed, for its size")
    args = ap.parse_args()
    if not PROGRAM.exists():
        print(f"{PROGRAM} is not installed: bash installer/build-deb.sh && sudo dpkg -i dist/sealstation_*_amd64.deb")
        return 2
    root = Path(tempfile.mkdtemp(prefix="sealstation-bench-installed-"))
    env = clean_env(root)
    home = root / "station"
    made = subprocess.run([str(PROGRAM), "demo", "--no-gui", "--home", str(home)], env=env, capture_output=True,
                          text=True, timeout=300, cwd=root)
    if made.returncode != 0:
        print(made.stdout + made.stderr)
        return 2
    venv_env = {**env, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    sides = {"installed": ([str(PROGRAM), "--home", str(home)], env),
             "venv": ([sys.executable, "-m", "ui", "--home", str(home)], venv_env)}
    times: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(args.repeat + 1):
        order = list(sides) if i % 2 else list(reversed(sides))
        for name in order:
            argv, side_env = sides[name]
            seconds = _time_to_first_screen(argv, side_env)
            if i:  # the first round warms the disk cache
                times[name].append(seconds)
    installed, venv = statistics.median(times["installed"]), statistics.median(times["venv"])
    ratio = installed / venv
    ok = installed <= FIRST_SCREEN_TARGET_S and ratio <= RATIO_TARGET
    print(f"first screen: installed {installed:.3f} s (target <= {FIRST_SCREEN_TARGET_S} s), from the venv "
          f"{venv:.3f} s; ratio {ratio:.2f} (target <= {RATIO_TARGET}) {'OK' if ok else 'MISSED'}")
    print(f"  runs: installed {' '.join(f'{t:.3f}' for t in times['installed'])}; "
          f"venv {' '.join(f'{t:.3f}' for t in times['venv'])}")
    size_mb = installed_kib() * 1024 / 1e6
    ok &= size_mb < INSTALLED_MB_TARGET
    print(f"installed size {size_mb:.0f} MB (target < {INSTALLED_MB_TARGET} MB) "
          f"{'OK' if size_mb < INSTALLED_MB_TARGET else 'MISSED'}")
    if args.deb:
        deb_mb = args.deb.stat().st_size / 1e6
        ok &= deb_mb < DEB_MB_TARGET
        print(f".deb {deb_mb:.1f} MB (target < {DEB_MB_TARGET} MB) {'OK' if deb_mb < DEB_MB_TARGET else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

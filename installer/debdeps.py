"""The package's Depends, from the bundle itself: which Debian packages hold the shared libraries it loads.

Run by installer/build-deb.sh on the PyInstaller bundle (``python installer/debdeps.py BUNDLE``):

1. Shared libraries PyInstaller copied from the build machine's system (``_internal/libfoo.so.N`` that a Debian
   package installs at the same name) are taken out of the bundle: the package depends on the system's copy, so that
   a security update of that library (libcups2, OpenSSL, …) reaches the station. Libraries the wheels carry
   (PySide6's Qt, ``*.libs/`` folders) and the Python runtime stay in the bundle.
2. Every ELF file left in the bundle is resolved with ``ldd`` as the installed program will be (the bundle's own
   folder first, as PyInstaller's bootloader sets it); each library found outside the bundle names its package.

Prints the Depends field (comma-separated, sorted). Fails when a library resolves nowhere: the bundle would not start
on this machine either, and a package cannot depend on what is not known.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

KEEP_BUNDLED = re.compile(r"^libpython3")
"""The Python runtime stays in the bundle: the program is built for its own interpreter, not the system's."""
ARCH_DIRS = ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib", "/lib")


def package_of(path: str) -> str | None:
    """The Debian package that installs ``path`` (tried as given, on the other side of merged /usr, and resolved)."""
    tries = [path, path[4:] if path.startswith("/usr/") else "/usr" + path, os.path.realpath(path)]
    for candidate in tries:
        proc = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if proc.returncode == 0 and proc.stdout:
            return proc.stdout.split(":", 1)[0].strip()
    return None


def unbundle_system_libraries(internal: Path) -> list[tuple[str, str]]:
    """Remove from ``internal`` the libraries a Debian package installs under the same name; (name, package)."""
    removed = []
    for lib in sorted(internal.glob("lib*.so*")):
        if KEEP_BUNDLED.match(lib.name) or not lib.is_file():
            continue
        for folder in ARCH_DIRS:
            system = Path(folder) / lib.name
            if system.exists():
                package = package_of(str(system))
                if package:
                    lib.unlink()
                    removed.append((lib.name, package))
                break
    return removed


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def outside_libraries(bundle: Path, internal: Path) -> tuple[set[str], list[str]]:
    """(paths of the system libraries the bundle's ELF files load, 'file: lib => not found' lines)."""
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    found, missing = set(), []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)):
        proc = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in proc.stdout.splitlines():
            line = line.strip()
            if "=> not found" in line:
                missing.append(f"{path.relative_to(bundle)}: {line}")
            elif "=>" in line:
                target = line.split("=>", 1)[1].strip().split(" (", 1)[0]
                if target.startswith("/") and not Path(target).resolve().is_relative_to(bundle.resolve()):
                    found.add(target)
            elif line.startswith("/"):  # the dynamic loader itself
                found.add(line.split(" (", 1)[0])
    return found, missing


def main(argv: list[str]) -> int:
    bundle = Path(argv[0])
    internal = bundle / "_internal"
    removed = unbundle_system_libraries(internal)
    for name, package in removed:
        print(f"debdeps: {name} left to the system ({package})", file=sys.stderr)
    libraries, missing = outside_libraries(bundle, internal)
    if missing:
        print("debdeps: libraries found nowhere:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    packages, unowned = set(), []
    for lib in sorted(libraries):
        package = package_of(lib)
        (packages.add(package) if package else unowned.append(lib))
    if unowned:
        print("debdeps: no Debian package holds: " + ", ".join(unowned), file=sys.stderr)
        return 1
    print(", ".join(sorted(packages)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

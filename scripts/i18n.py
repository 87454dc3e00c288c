#!/usr/bin/env python3
"""The window's translation catalogue: one Qt Linguist source per UI module, one compiled catalogue.

    python scripts/i18n.py update [module ...]   # re-read the sources (pyside6-lupdate), keeping translations
    python scripts/i18n.py fill MODULE FILE.json # set Chinese translations from {"English source": "中文"}
    python scripts/i18n.py missing               # strings without a Chinese translation (exit 1 if any)
    python scripts/i18n.py compile               # resources/i18n/sealstation_zh_CN.qm (pyside6-lrelease)

A module is a file of ``ui/`` named as in Python (``print_dialog``, ``screens.queue``).
Sources live in ``resources/i18n/zh_CN/<module>.ts``; a module without
translatable strings has none.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
LANGUAGE = "zh_CN"
SOURCES = ROOT / "resources" / "i18n" / LANGUAGE
CATALOGUE = ROOT / "resources" / "i18n" / f"sealstation_{LANGUAGE}.qm"


def _tool(name: str) -> str:
    # The venv's PySide6 ships lupdate/lrelease as pyside6-* scripts beside the interpreter.
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found: install PySide6 (bash scripts/setup.sh) and run with its python")
    return found


def modules() -> dict[str, Path]:
    """Module name -> file, for every Python file of ui/."""
    found = {}
    for path in sorted(UI.rglob("*.py")):
        if path.name in {"__init__.py", "__main__.py"}:
            continue
        found[".".join(path.relative_to(UI).with_suffix("").parts)] = path
    return found


def ts_path(module: str, folder: Path = SOURCES) -> Path:
    return folder / f"{module}.ts"


def _messages(ts: Path):
    tree = ET.parse(ts)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield tree, name, message


def update(names: list[str] | None = None, folder: Path = SOURCES) -> list[Path]:
    """Regenerate the sources of ``names`` (all modules by default) into ``folder``; returns those written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    table = modules()
    for name in names or list(table):
        if name not in table:
            sys.exit(f"no module ui/{name.replace('.', '/')}.py")
        target = ts_path(name, folder)
        if folder != SOURCES and ts_path(name).exists():
            shutil.copy(ts_path(name), target)  # keep the translations when updating into another folder
        subprocess.run([_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", "-target-language", LANGUAGE,
                        str(table[name]), "-ts", str(target)], check=True)
        if not any(True for _ in _messages(target)):
            target.unlink()  # a module with nothing to translate has no source
            continue
        written.append(target)
    if names is None:
        for stale in folder.glob("*.ts"):
            if stale.stem not in table:
                stale.unlink()
    return written


def fill(module: str, translations: dict[str, str]) -> int:
    """Set translations for ``module``'s source strings; returns how many were set."""
    ts = ts_path(module)
    if not ts.exists():
        sys.exit(f"{ts} does not exist: run 'update {module}' first")
    tree, count = None, 0
    for tree, _context, message in _messages(ts):
        source = message.findtext("source")
        if source in translations and translations[source].strip():
            node = message.find("translation")
            node.text = translations[source]
            node.attrib.pop("type", None)
            count += 1
    if tree is not None:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return count


def missing(folder: Path = SOURCES) -> list[tuple[str, str, str]]:
    """(module, context, source) of every string with no finished Chinese translation."""
    gaps = []
    for ts in sorted(folder.glob("*.ts")):
        for _tree, context, message in _messages(ts):
            node = message.find("translation")
            if node is None or node.get("type") in {"unfinished", "vanished", "obsolete"} or not (node.text or "").strip():
                gaps.append((ts.stem, context, message.findtext("source")))
    return gaps


def compile_catalogue(out: Path = CATALOGUE) -> Path:
    sources = sorted(str(p) for p in SOURCES.glob("*.ts"))
    if not sources:
        sys.exit(f"no sources in {SOURCES}: run 'update' first")
    subprocess.run([_tool("lrelease"), "-silent", *sources, "-qm", str(out)], check=True)
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "update":
        for path in update(rest or None):
            print(path.relative_to(ROOT))
    elif command == "fill":
        if len(rest) != 2:
            sys.exit("usage: fill MODULE FILE.json")
        print(f"{fill(rest[0], json.loads(Path(rest[1]).read_text(encoding='utf-8')))} translation(s) set")
    elif command == "missing":
        gaps = missing()
        for module, context, source in gaps:
            print(f"{module}\t{context}\t{source}")
        return 1 if gaps else 0
    elif command == "compile":
        print(compile_catalogue().relative_to(ROOT))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

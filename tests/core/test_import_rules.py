"""Who may import whom (docs/architecture.md), read from the source of every module.

The AST is walked whole, so an import inside a function counts as much as one at
the top: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "sealstation"
DOORS = {"sealstation.cli", "sealstation.cli_common", "sealstation.cli_print", "sealstation.cli_archive",
         "sealstation.cli_backup", "sealstation.cli_batch", "sealstation.cli_timestamp", "sealstation.demo",
         "sealstation.station_init", "sealstation.__main__"}
"""The front ends inside the core: they call the Station façade, and nothing calls them."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute (relative imports resolved; ``from x import y`` gives x and x.y)."""
    me = _module_name(path).split(".")
    package = me if path.name == "__init__.py" else me[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""]) if node.level else node.module
            base = base.rstrip(".")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module_name(p): _imports(p) for p in sorted(CORE.rglob("*.py"))}


def _offences(rule) -> list[str]:
    return sorted(f"{module} imports {target}" for module, targets in MODULES.items()
                  for target in sorted(targets) if rule(module, target))


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_walk_sees_the_core():
    assert {"sealstation.station", "sealstation.pdf.signing", "sealstation.token.session"} <= set(MODULES)
    assert "sealstation.errors" in MODULES["sealstation.pdf.signing"]  # a relative import, resolved


@pytest.mark.parametrize("outside", ["PySide6", "shiboken6", "ui"])
def test_the_core_never_imports_the_window(outside):
    assert _offences(lambda module, target: _within(target, outside)) == []


@pytest.mark.parametrize("lower, other", [("sealstation.pdf", "sealstation.token"), ("sealstation.token", "sealstation.pdf")])
def test_pdf_and_token_do_not_know_each_other(lower, other):
    """The station hands the signing step a signer the token layer made; neither package imports the other."""
    assert _offences(lambda module, target: _within(module, lower) and _within(target, other)) == []


def _facade(name: str) -> bool:
    """The façade: the station and its desks (sealstation/desks/, the station's work split by who does it)."""
    return name == "sealstation.station" or _within(name, "sealstation.desks")


def test_only_the_doors_use_the_station_and_nothing_uses_the_doors():
    def offence(module: str, target: str) -> bool:
        if target in DOORS:
            return module not in DOORS and target != module
        return _facade(target) and not (module in DOORS or _facade(module))

    assert _offences(offence) == []


def test_the_whole_core_loads_without_qt():
    """The same rule at run time: every module imported in a fresh interpreter leaves Qt unloaded."""
    code = (
        "import sys, pkgutil, importlib, sealstation\n"
        "for m in pkgutil.walk_packages(sealstation.__path__, 'sealstation.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6', 'ui.')) or n == 'ui')\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


DOOR_INPUTS = {
    "sealstation.seals.lifecycle": {"Delegation", "SealAction"},
    "sealstation.seals.making": {"SealSpec"},
    # The office's key, opened with its passphrase: an input the CLI collects, like a password.
    "sealstation.seals.authority": {"SealAuthority"},
    # The demo builder makes its SoftHSM2 token and checks the keyring before any station exists.
    "sealstation.token.keys": {"init_token"},
    "sealstation.token.module": {"find_pkcs11_module", "load_pkcs11", "softhsm2_module"},
    "sealstation.token.session": {"TokenSession"},
    "sealstation.journal.keystore": {"check_secure_backend", "forget_keyring_key", "keyring_key_exists"},
    # The station's set-up sees what the computer offers before any station exists.
    "sealstation.token.discovery": {"ModuleProposal", "TokenSlot", "list_tokens", "proposed_modules"},
}
"""What the doors may take from ``seals/``, ``approval/``, ``journal/`` and ``token/``: the values a use case is
given, never a step of one (docs/architecture.md, "One door per use case")."""


def test_the_doors_take_only_inputs_from_the_lower_packages():
    lower = ("sealstation.seals", "sealstation.approval", "sealstation.journal", "sealstation.token")
    offences = []
    for door in sorted(DOORS):
        for node in ast.walk(ast.parse((CORE.parent / (door.replace(".", "/") + ".py")).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                module = "sealstation." + (node.module or "")
                if any(_within(module, p) for p in lower):
                    offences += [f"{door}: {module}.{a.name}" for a in node.names
                                 if a.name not in DOOR_INPUTS.get(module, set())]
    assert offences == []

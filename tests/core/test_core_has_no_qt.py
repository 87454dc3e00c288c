"""Imports go one way: ui -> sealstation -> libraries. The core never loads Qt."""

import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys, pkgutil, importlib, sealstation\n"
        "for m in pkgutil.walk_packages(sealstation.__path__, 'sealstation.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6', 'ui.')) or n == 'ui')\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pdf_never_reaches_for_the_token():
    """The station hands the signing step a signer the token layer made; pdf/ imports nothing of token/."""
    import ast
    from pathlib import Path

    import sealstation.pdf

    for path in Path(sealstation.pdf.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = ("." * node.level) + (node.module or "")
                assert not target.startswith("..token") and "sealstation.token" not in target, (path.name, target)
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("sealstation.token") for a in node.names), path.name

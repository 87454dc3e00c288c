"""The real-world PDF corpus in tests/corpus/: its files, and the outcome of each for the closing table."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
OUTCOMES: list[tuple[str, str, str]] = []
"""(file, outcome, reason class) for the closing table."""


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    group: str
    """``real`` (gathered from producers and packages) or ``handmade`` (one per known fault class)."""
    expect: str
    """``stamp``, ``refuse`` (at approval), ``place-refuse`` (at placement), or ``any``."""
    note: str

    @property
    def id(self) -> str:
        return f"{self.group}/{self.path.name}"


def corpus_files() -> list[CorpusFile]:
    files = []
    for group in ("real", "handmade"):
        manifest = CORPUS / group / "MANIFEST.tsv"
        if not manifest.is_file():
            continue
        with open(manifest, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                path = CORPUS / group / row["file"]
                if path.is_file():
                    files.append(CorpusFile(path, group, row.get("expect") or "any",
                                            row.get("class") or row.get("notes") or ""))
    return files


def record(entry: CorpusFile, outcome: str, reason: str) -> None:
    OUTCOMES.append((entry.id, outcome, reason))



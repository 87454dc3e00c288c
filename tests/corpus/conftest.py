"""The real-world corpus: a table of outcomes (stamped / refused, by reason) at the end of the run."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from support.corpus import OUTCOMES


def pytest_terminal_summary(terminalreporter):
    if not OUTCOMES:
        return
    write = terminalreporter.write_line
    write("")
    write(f"Corpus: {len(OUTCOMES)} files")
    by_outcome = collections.Counter(outcome for _, outcome, _ in OUTCOMES)
    for outcome, n in sorted(by_outcome.items()):
        write(f"  {outcome:24s} {n:4d}")
    write("  refused, by reason:")
    reasons = collections.Counter((outcome, reason) for _, outcome, reason in OUTCOMES if outcome != "stamped")
    for (outcome, reason), n in sorted(reasons.items()):
        write(f"    {outcome:22s} {reason:28s} {n:4d}")


@pytest.fixture(scope="session")
def corpus_artifacts(artifacts) -> Path:
    folder = artifacts / "corpus"
    folder.mkdir(exist_ok=True)
    return folder

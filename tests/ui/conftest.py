"""The UI tests start in a known language: English (the source text), whatever the tester chose in their own window.

A test that shows Chinese installs its catalogue (``ui.i18n.install(app, "zh_CN")`` or
``support.i18n_check.chinese()``) and puts English back when it ends.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def english_window(qapp, own_qt_settings):
    from ui import i18n

    assert i18n.current_language() == "en"  # the run's own settings (tests/conftest.py), not the tester's
    i18n.install(qapp, "en")
    return "en"


@pytest.fixture(autouse=True)
def quit_without_asking(monkeypatch):
    """A window a test leaves with work still running is closed at teardown without its modal question (which would
    wait for an answer no one gives, offscreen). Tests of the question set ``win.confirm_quit`` themselves."""
    from ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_confirm_quit_dialog", lambda self: True)

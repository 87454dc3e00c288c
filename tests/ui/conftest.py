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

"""``sealstation demo`` without SoftHSM2: it says what to install, and makes nothing."""

from __future__ import annotations

import pytest

from sealstation import demo
from sealstation.errors import ConfigError
from sealstation.token import module


def test_the_demo_says_to_install_softhsm2_and_makes_nothing(monkeypatch, tmp_path):
    # Only OpenSC "installed": the demo never takes another module for its token (it initialises the token).
    opensc = tmp_path / "opensc-pkcs11.so"
    opensc.write_bytes(b"")
    monkeypatch.setattr(module, "_SOFTHSM", [str(tmp_path / "none.so")])
    monkeypatch.setattr(module, "_OPENSC", [str(opensc)])
    home = tmp_path / "station"
    with pytest.raises(ConfigError) as refused:
        demo.build_demo_station(home)
    assert "SoftHSM2" in refused.value.message and "apt install softhsm2" in refused.value.hint
    assert not home.exists()

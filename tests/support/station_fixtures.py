"""Station homes in temp folders whose seals are the keys on the session's SoftHSM2 token."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from sealstation.config import StationConfig, StationHome
from sealstation.model import SealKind
from sealstation.seals.image import draw_seal
from sealstation.seals.register import SealRecord, SealRegister
from sealstation.station import Station

ORG = "测试科技有限公司"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _seal_images() -> dict[str, object]:
    return {
        "official": draw_seal(SealKind.OFFICIAL, ORG, None, code="1101080099999"),
        "contract": draw_seal(SealKind.CONTRACT, ORG, None),
        "finance": draw_seal(SealKind.FINANCE, ORG, None),
        "legal-rep": draw_seal(SealKind.LEGAL_REP, ORG, "李四"),
    }


@pytest.fixture(scope="session")
def seal_images():
    return _seal_images()


def _register_seals(home: StationHome, seal_token, images) -> None:
    register = SealRegister(home.seals_path, home.seal_images_dir)
    for seal_id, image in images.items():
        der = seal_token.session.certificate_der(seal_id)
        fingerprint = x509.load_der_x509_certificate(der).fingerprint(hashes.SHA256()).hex()
        name, digest = register.save_image(seal_id, image.png)
        register.put(
            SealRecord(
                seal_id=seal_id, kind=seal_id, name=f"{ORG}{SealKind(seal_id).label_zh}", organisation=ORG,
                image_file=name, image_sha256=digest, width_mm=image.width_mm, height_mm=image.height_mm,
                token_label=seal_token.token_label, cert_sha256=fingerprint,
            )
        )


@pytest.fixture(scope="session")
def station_template(tmp_path_factory, seal_token, seal_images) -> Path:
    root = tmp_path_factory.mktemp("station-template")
    home = StationHome(root)
    home.office_dir.mkdir(parents=True)
    shutil.copy(seal_token.authority_cert_path, home.ca_cert_path)
    _register_seals(home, seal_token, seal_images)
    home.save_config(
        StationConfig(
            station_id="test-station",
            location="测试办公室",
            pkcs11_module=seal_token.module_path,
            softhsm2_conf=seal_token.conf_path,
            extra={"token_label": seal_token.token_label},
        )
    )
    return root


@pytest.fixture
def station(tmp_path, station_template, seal_token):
    """A fresh station home per test, sharing the session's token session."""
    root = tmp_path / "home"
    shutil.copytree(station_template, root)
    home = StationHome(root)
    st = Station(home, home.load_config(), token=seal_token.session)
    yield st
    st.close()  # leaves the session fixture's token session open


@pytest.fixture
def pin(seal_token) -> str:
    return seal_token.user_pin


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

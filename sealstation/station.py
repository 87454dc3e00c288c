"""Use cases of the station: the one façade the UI and the CLI call.

A :class:`Station` is opened on a station home. Stamping is split in two so
that every check of the document, the page and the seal happens before the
custodian is asked for the token PIN:

* :meth:`Station.plan_stamp` reads the document and checks the placement;
* :meth:`Station.stamp` signs the plan with the seal's key on the token.

Approvals and the logged-in custodian gate :meth:`Station.stamp` (one place).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import StationConfig, StationHome, resolve_home
from .pdf.document import read_source_pdf
from .pdf.signing import SealArt, StampPlan, StampResult, StampSpec, plan_stamp, stamp_pdf
from .pdf.verify import VerifyResult, check_new_signature, load_trust_roots, verify_pdf
from .seals.register import SealRecord, SealRegister

__all__ = ["Station", "StampRequestSpec"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StampRequestSpec:
    """What the custodian asks for: a seal on a document at a place."""

    document: Path
    """The approved input PDF (never modified)."""
    seal_id: str
    """The seal to apply."""
    page: int
    """1-based page."""
    center_mm: tuple[float, float]
    """Seal centre in mm from the top-left of the page as displayed."""
    output: Path
    """Where the stamped PDF is written."""
    purpose: str = ""
    """The request's purpose; becomes the signature's reason."""


class Station:
    """One station home opened for use. Not thread-safe; the token has its own thread."""

    def __init__(self, home: StationHome, config: StationConfig, *, token=None) -> None:
        """``token``: an already open :class:`~sealstation.token.session.TokenSession` to use
        instead of opening one from the configuration (the station will not close it)."""
        self.home = home
        self.config = config
        self.seals = SealRegister(home.seals_path, home.seal_images_dir)
        self._token = token
        self._owns_token = token is None
        self._trust_roots: list[Any] | None = None

    @classmethod
    def open(cls, home_dir: str | Path | None = None) -> "Station":
        home = StationHome(resolve_home(home_dir))
        return cls(home, home.load_config())

    # -- token ---------------------------------------------------------------

    def token(self):
        """The station's token session (one owner thread), started on first use."""
        if self._token is None:
            from .token.module import find_pkcs11_module
            from .token.session import TokenSession

            choice = find_pkcs11_module(self.config.pkcs11_module)
            log.info("PKCS#11 module: %s (%s)", choice.path, choice.origin)
            self._token = TokenSession(
                choice.path,
                token_label=self.config.extra.get("token_label"),
                softhsm2_conf=self._softhsm2_conf(),
                idle_timeout_s=self.config.token_idle_timeout_s,
            )
        return self._token

    def _softhsm2_conf(self) -> str | None:
        conf = self.config.softhsm2_conf
        if conf and not Path(conf).is_absolute():
            conf = str(self.home.root / conf)
        return conf

    def close(self) -> None:
        if self._token is not None and self._owns_token:
            self._token.close()
        self._token = None

    def __enter__(self) -> "Station":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- trust ---------------------------------------------------------------

    def trust_roots(self) -> list[Any]:
        """The office's seal authority certificate(s) this station trusts."""
        if self._trust_roots is None:
            self._trust_roots = load_trust_roots(self.home.ca_cert_path)
        return self._trust_roots

    # -- stamping ------------------------------------------------------------

    def seal_art(self, record: SealRecord) -> SealArt:
        return SealArt(
            seal_id=record.key_label,
            png=self.seals.load_image(record),
            size_mm=record.size_mm,
            ca_chain=tuple(self.trust_roots()),
            cert_sha256=record.cert_sha256,
            token_label=record.token_label,
        )

    def plan_stamp(self, request: StampRequestSpec) -> StampPlan:
        """Check the document, the seal and the placement; no token involved."""
        source = read_source_pdf(request.document)
        record = self.seals.get(request.seal_id)
        spec = StampSpec(
            page=request.page,
            center_mm=request.center_mm,
            reason=request.purpose,
            location=self.config.location or self.config.station_id,
        )
        return plan_stamp(source, self.seal_art(record), spec)

    def stamp(self, plan: StampPlan, output: str | Path, *, pin: str | None) -> StampResult:
        """Sign a checked plan with the seal's token key; the output is verified before it exists."""
        token = self.token()
        roots = self.trust_roots()
        try:
            return stamp_pdf(
                plan,
                output,
                run_on_token=lambda fn: token.run(fn, pin=pin),
                verify_output=lambda path, field: check_new_signature(path, field, trust_roots=roots),
            )
        finally:
            # Each use of a seal is unlocked by its own PIN entry: log out when done.
            token.logout()

    def verify(self, path: str | Path) -> VerifyResult:
        return verify_pdf(path, trust_roots=self.trust_roots())

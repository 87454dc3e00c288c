"""A real timestamp authority, CRL and OCSP responder on loopback, for the issue-19 timestamp tests.

Certomancer (by pyHanko's author) makes a small test PKI (a root and a TSA certificate issued by it, whose CRL and
OCSP it serves) and answers RFC 3161 timestamp requests with it, through its aiohttp animator. Two more routes on
the same server stand for the office:

* ``/office/seal-authority.crl``: the office's seal authority's CRL, made with the station's own code
  (:func:`sealstation.seals.crl.authority_crl`) and the session's authority key;
* ``/office/garbage-tsa``: a TSA that answers ``application/timestamp-reply`` with bytes that are no timestamp.

:meth:`OfficeTsa.stop` / :meth:`OfficeTsa.start` stop and restart the server on the same port, as an authority
going down between two stamps and coming back.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

__all__ = ["OfficeTsa", "start_office_tsa"]

_CONFIG = """
external-url-prefix: "http://127.0.0.1:{port}"
keysets:
  office-tsa:
    path-prefix: "{keys}"
    keys:
      root: {{path: root.key.pem}}
      tsa: {{path: tsa.key.pem}}
      ocsp: {{path: ocsp.key.pem}}
pki-architectures:
  office-tsa:
    keyset: office-tsa
    entity-defaults:
      country-name: CN
      organization-name: 示例时间戳服务
    entities:
      root: {{common-name: Test Time Root}}
      tsa: {{common-name: Test TSA}}
      ocsp: {{common-name: Test OCSP}}
    certs:
      root:
        subject: root
        issuer: root
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2060-01-01T00:00:00+0000"}}
        extensions:
          - id: basic_constraints
            critical: true
            value: {{ca: true}}
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature, key_cert_sign, crl_sign]}}
      tsa:
        subject: tsa
        issuer: root
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2059-01-01T00:00:00+0000"}}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature]}}
          - id: extended_key_usage
            critical: true
            value: [time_stamping]
          - id: crl_distribution_points
            smart-value: {{schema: crl-dist-url, params: {{crl-repo-names: [root]}}}}
          - id: authority_information_access
            smart-value: {{schema: aia-urls, params: {{ocsp-responder-names: [root-ocsp]}}}}
      ocsp:
        subject: ocsp
        issuer: root
        validity: {{valid-from: "2020-01-01T00:00:00+0000", valid-to: "2059-01-01T00:00:00+0000"}}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {{schema: key-usage, params: [digital_signature]}}
          - id: extended_key_usage
            critical: true
            value: [ocsp_signing]
          - id: ocsp_no_check
    services:
      time-stamping:
        tsa:
          signing-key: tsa
          signing-cert: tsa
      crl-repo:
        root:
          for-issuer: root
          signing-key: root
          simulated-update-schedule: "P30D"
      ocsp:
        root-ocsp:
          for-issuer: root
          responder-cert: ocsp
          signing-key: ocsp
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_key(path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


@dataclass
class OfficeTsa:
    """The running server: its URLs, the TSA's root (to trust), and the office's CRL it serves."""

    folder: Path
    port: int
    crl: bytes = b""
    """What ``/office/seal-authority.crl`` serves (DER); the test sets it."""
    requests: int = 0
    """Timestamp requests the real TSA received."""
    _loop: asyncio.AbstractEventLoop | None = field(default=None, repr=False)
    _runner: object = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _arch: object = field(default=None, repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def tsa_url(self) -> str:
        return f"{self.base}/office-tsa/tsa/tsa"

    @property
    def garbage_url(self) -> str:
        return f"{self.base}/office/garbage-tsa"

    @property
    def crl_url(self) -> str:
        return f"{self.base}/office/seal-authority.crl"

    @property
    def dead_url(self) -> str:
        """A TSA address where nothing listens (connection refused at once)."""
        return f"http://127.0.0.1:{_free_port()}/tsa"

    def tsa_root(self):
        """The TSA's root certificate (asn1crypto): what a verifier trusts for the timestamps."""
        return self._arch.get_cert("root")

    def tsa_root_pem(self) -> str:
        """The TSA's root as the office writes it into the policy (``timestamp_roots``)."""
        from asn1crypto import pem

        return pem.armor("CERTIFICATE", self.tsa_root().dump()).decode("ascii")

    def _app(self):
        from aiohttp import web
        from certomancer.integrations.aiohttp_animator import build_animator_app

        app = build_animator_app({self._arch.arch_label: self._arch}, with_web_ui=False)

        async def crl(_request):
            return web.Response(body=self.crl, content_type="application/pkix-crl")

        async def garbage(request):
            await request.read()
            return web.Response(body=b"\x30\x03\x02\x01\x07 this is not a timestamp",
                                content_type="application/timestamp-reply")

        @web.middleware
        async def count(request, handler):
            if request.path.endswith("/tsa/tsa"):
                self.requests += 1
            return await handler(request)

        app.middlewares.append(count)
        app.router.add_get("/office/seal-authority.crl", crl)
        app.router.add_post("/office/garbage-tsa", garbage)
        return app

    def start(self) -> None:
        from aiohttp import web

        loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def serve():
            runner = web.AppRunner(self._app())
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", self.port).start()
            self._runner = runner
            ready.set()

        def run():
            asyncio.set_event_loop(loop)
            loop.run_until_complete(serve())
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=run, name="office-tsa", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the loopback TSA did not start")

    def stop(self) -> None:
        """The authority goes down: the port is closed (connections are refused) until :meth:`start`."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = None


def start_office_tsa(folder: Path) -> OfficeTsa:
    """Keys, the Certomancer PKI and the server on a free loopback port."""
    from certomancer.registry import CertomancerConfig

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("root", "tsa", "ocsp"):
        _write_key(folder / f"{name}.key.pem")
    port = _free_port()
    config = CertomancerConfig.from_yaml(_CONFIG.format(port=port, keys=folder), key_search_dir=str(folder))
    tsa = OfficeTsa(folder, port)
    tsa._arch = config.get_pki_arch("office-tsa")
    tsa.start()
    return tsa

"""The office's seal authority, pinned where the station's account cannot write.

The station home keeps a copy of the office's seal authority certificate
(``office/seal-authority.pem``), but the home belongs to the station's OS
account, which the custodian uses: a custodian could put an authority of
their own there, re-sign the policy, the user records and the seal records
with it, and stamp on an approval they made themselves. So the authority
every check at the station relies on is the one *pinned* when the station is
installed: a certificate file owned by root, in folders only root may write
(:data:`PIN_PATH`, written by :func:`install_pin` as root). Opening a station
whose home copy differs from the pin stops with :class:`TrustAnchorError`;
a home without a copy uses the pin.

``$SEALSTATION_OFFICE_CA_PIN`` names another pin file (tests, a second
installation). It is honoured only when the file and every folder above it
are owned by root and writable by nobody else, so the custodian's account
cannot make a pin of its own, nor point the station at a file it could
write; a pin it names that is missing or within reach is an error, never
"unpinned". (When the station runs as root every file passes: root is
outside the trust model, see docs/trust-model.md.)

A station with no pin at all (one installed before pins, a demo, a
developer's machine) still opens and stamps, and says so
(:attr:`TrustAnchor.pinned` is False; :func:`unpinned_warning`): refusing
would stop every station installed before pins, and on such a station
nothing else at the station can tell the office's authority from the
custodian's (a policy flag would be re-signed with the replacement). Each
stamp records the SHA-256 of the authority it was judged by in its chained,
checkpointed ``stamp_started`` entry; the gate of an unpinned station stops
when the authority differs from its last stamp's; and the office's ``archive
verify`` re-checks every signature behind each stamp against the office's
own certificate (:mod:`sealstation.archive.authority_check`), so even a
station re-anchored before its first stamp is found at its next sync.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .errors import TrustAnchorError

__all__ = ["PIN_PATH", "PIN_ENV", "PIN_COMMAND", "TrustAnchor", "load_anchor", "pin_location", "reach_problem",
           "anchored_authority", "install_pin", "certificate_sha256", "unpinned_warning"]

PIN_PATH = Path("/etc/sealstation/office-ca.pem")
"""Where installing the station (as root) pins the office's seal authority certificate."""
PIN_ENV = "SEALSTATION_OFFICE_CA_PIN"
"""Names another pin file; honoured only when it is out of the running account's reach."""
PIN_COMMAND = "sudo sealstation station pin-authority --ca OFFICE-CA.pem"


def certificate_sha256(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER: how an authority is named in the journal and in findings."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


@dataclass(frozen=True)
class TrustAnchor:
    """The pin this station is held to."""

    path: Path
    """Where the pin is (or would be)."""
    certificate: x509.Certificate | None
    """The pinned authority; ``None``: there is no pin (an unpinned station)."""

    @property
    def pinned(self) -> bool:
        return self.certificate is not None

    @property
    def sha256(self) -> str | None:
        return certificate_sha256(self.certificate) if self.certificate is not None else None


def pin_location() -> tuple[Path, bool]:
    """(the pin file, whether it was named by :data:`PIN_ENV`)."""
    named = os.environ.get(PIN_ENV)
    return (Path(named), True) if named else (PIN_PATH, False)


def reach_problem(path: Path) -> str | None:
    """Why ``path`` is not out of reach of a non-root account (None: only root can change it).

    The file and every folder above it must be owned by root and writable by
    nobody else; a world-writable folder counts only with its sticky bit (as
    /tmp has), where nobody but root may rename or remove a root-owned entry.
    """
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        return f"it cannot be read ({exc})"
    if resolved.parts[1:2] and resolved.parts[1] in _PSEUDO:
        # /proc/PID/cmdline of a process running as root (su -c TEXT waiting for a password) is root's file with
        # the account's text in it; devices and kernel files are no certificate files either.
        return f"{resolved} is a file of the kernel (/{resolved.parts[1]}), whose content others may choose"
    for p in (resolved, *resolved.parents):
        st = p.stat()
        if st.st_uid != 0:
            return f"{p} is owned by uid {st.st_uid}, not by root"
        if st.st_mode & 0o022 and not (stat.S_ISDIR(st.st_mode) and st.st_mode & stat.S_ISVTX):
            return f"{p} may be written by others than root (mode {stat.S_IMODE(st.st_mode):o})"
    if not stat.S_ISREG(resolved.stat().st_mode):
        return "it is not a regular file"
    return None


_PSEUDO = ("proc", "sys", "dev")
"""Top folders of kernel files: root owns them, but not what they say."""

_BEGIN, _END = b"-----BEGIN CERTIFICATE-----", b"-----END CERTIFICATE-----"


def _one_certificate(data: bytes) -> bool:
    """Whether ``data`` is one PEM certificate with nothing around it but white space (the PEM reader would find a
    certificate inside any text, such as a root-owned file the account wrote a line into)."""
    text = data.strip()
    return text.startswith(_BEGIN) and text.endswith(_END) and text.count(b"-----BEGIN") == 1


def load_anchor() -> TrustAnchor:
    """The pin this machine holds stations to; :class:`TrustAnchorError` when a pin exists but cannot be trusted."""
    path, named = pin_location()
    if not named and not path.exists():
        return TrustAnchor(path, None)
    how = f"named by ${PIN_ENV}" if named else "installed for this station"
    problem = reach_problem(path)
    if problem is not None:
        raise TrustAnchorError(
            f"The pinned seal authority {path} ({how}) cannot be trusted: {problem}. A pin the station's account "
            "could write would pin nothing; the station refuses to open.",
            hint=f"Root installs the office's certificate there: {PIN_COMMAND}"
            + (f"; or unset ${PIN_ENV}." if named else "."))
    try:
        data = path.read_bytes()
        if not _one_certificate(data):
            raise ValueError("it is not one PEM certificate and nothing else (a pin is the certificate file root "
                             "installed, never text around one)")
        cert = x509.load_pem_x509_certificate(data)
    except (OSError, ValueError) as exc:
        raise TrustAnchorError(f"The pinned seal authority {path} ({how}) cannot be read as a certificate: {exc}.",
                               hint=f"Root installs the office's certificate again: {PIN_COMMAND}.") from exc
    return TrustAnchor(path, cert)


def anchored_authority(home_ca_path: Path, anchor: TrustAnchor) -> x509.Certificate | None:
    """The office's authority for a station home: the pin, after checking the home's copy against it.

    Unpinned: the home's copy (or None when there is none). Pinned: the pin;
    a home copy that differs stops with :class:`TrustAnchorError`.
    """
    home_cert = None
    if home_ca_path.is_file():
        try:
            home_cert = x509.load_pem_x509_certificate(home_ca_path.read_bytes())
        except (OSError, ValueError) as exc:
            if not anchor.pinned:
                raise TrustAnchorError(f"The seal authority certificate {home_ca_path} cannot be read: {exc}.",
                                       hint="The office must install its seal authority certificate on this "
                                       "station.") from exc
            home_cert = None
            problem = f"it cannot be read ({exc})"
        else:
            problem = None
        if anchor.pinned and (home_cert is None or certificate_sha256(home_cert) != anchor.sha256):
            found = problem or f"SHA-256 {certificate_sha256(home_cert)[:16]}…"
            raise TrustAnchorError(
                f"The seal authority certificate in the station home ({home_ca_path}: {found}) is not the office's "
                f"pinned at {anchor.path} (SHA-256 {anchor.sha256[:16]}…): it was replaced. Records signed by "
                "another authority would be taken as the office's, so the station refuses to open.",
                hint=f"Stop using this station and tell the office. The office copies its own certificate back to "
                f"{home_ca_path} and reviews the journal; if the office really changed its authority, root pins "
                f"the new one: {PIN_COMMAND}.")
    return anchor.certificate if anchor.pinned else home_cert


def unpinned_warning(anchor: TrustAnchor) -> str | None:
    """What to tell people about a station with no pin (None when pinned)."""
    if anchor.pinned:
        return None
    return (f"The office's seal authority is not pinned on this computer ({anchor.path} is missing): the copy in "
            "the station home is trusted as it is, and only the office's archive verify would find it replaced. "
            f"Root pins it once: {PIN_COMMAND}.")


def install_pin(ca_pem: bytes, path: Path | None = None) -> Path:
    """Pin the office's authority (root only): ``ca_pem`` written to ``path`` (default :data:`PIN_PATH`), 0644 in a
    0755 folder owned by root. Refused for a certificate that is not a CA's."""
    if os.geteuid() != 0:
        raise TrustAnchorError("Pinning the office's seal authority needs root: the station's own account must not "
                               "be able to change the pin.", hint=f"Run it as root: {PIN_COMMAND}.")
    try:
        cert = x509.load_pem_x509_certificate(ca_pem)
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except (ValueError, x509.ExtensionNotFound) as exc:
        raise TrustAnchorError(f"The certificate to pin is not a seal authority's certificate ({exc}).",
                               hint="Give office/seal-authority.pem from the office's own copy.") from exc
    if not is_ca:
        raise TrustAnchorError("The certificate to pin is not a CA certificate.",
                               hint="Give the office's seal authority certificate, not a seal's.")
    path = Path(path or PIN_PATH)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
    os.chmod(path.parent, 0o755)
    temp = path.with_name(f".{path.name}.tmp")
    with open(temp, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
        f.flush()
        os.fsync(f.fileno())
    os.chmod(temp, 0o644)
    os.replace(temp, path)
    return path

"""A throwaway PostgreSQL cluster for the archive tests (Debian's postgresql: initdb and pg_ctl).

The server runs as an unprivileged user (``nobody`` when the suite runs as
root), in a temp folder, on a Unix socket there and a loopback port, and is
stopped by its pid. The office's administrator role connects through the
socket; stations connect over loopback with their own role and a password
kept in the (test) keyring.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class PgCluster:
    folder: Path
    port: int
    admin: str

    def admin_conn(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(host=str(self.folder), port=self.port, user=self.admin, dbname=dbname,
                               autocommit=True)

    def url(self, role: str, dbname: str) -> str:
        return f"postgresql://{role}@127.0.0.1:{self.port}/{dbname}"


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user(cmd: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


@pytest.fixture(scope="session")
def pg_cluster():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL is not installed (scripts/setup.sh installs Debian's postgresql)")
    user = "nobody" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="sealstation-pg-", dir="/tmp"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o700)
    data, port, admin = folder / "data", _free_port(), "archive_admin"
    subprocess.run(_as_user([initdb, "-D", str(data), "-U", admin, "--auth-local=trust",
                             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"], user),
                   check=True, capture_output=True, cwd="/")
    subprocess.run(_as_user([pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
                             f"-k {folder} -p {port} -c listen_addresses=127.0.0.1", "start"], user),
                   check=True, capture_output=True, cwd="/")
    pid = int((data / "postmaster.pid").read_text().split()[0])
    if user:  # the root-run suite reaches the socket through a folder only its owner may enter
        folder.chmod(0o711)
    try:
        yield PgCluster(folder, port, admin)
    finally:
        os.kill(pid, signal.SIGINT)  # fast shutdown, by the pid it wrote
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_archive(pg_cluster, request):
    """A fresh archive database with the schema, an admin connection, and a station role's URL (password in the keyring)."""
    with new_pg_archive(pg_cluster) as archive:
        yield archive


@contextmanager
def new_pg_archive(pg_cluster):
    """What :func:`pg_archive` gives, for a test that needs a second archive database on the same cluster."""
    import secrets

    import keyring

    from sealstation.archive.config import KEYRING_USER_PREFIX
    from sealstation.archive.postgres import grant_station_role, install_schema

    dbname = f"archive_{secrets.token_hex(4)}"
    with pg_cluster.admin_conn() as conn:
        conn.execute(f"CREATE DATABASE {dbname}")
    admin = pg_cluster.admin_conn(dbname)
    install_schema(admin)
    role, password = f"station_{secrets.token_hex(3)}", secrets.token_urlsafe(12)
    grant_station_role(admin, role, password)
    url = pg_cluster.url(role, dbname)
    keyring.set_password("SealStation", KEYRING_USER_PREFIX + url, password)
    try:
        yield PgArchive(url, admin, role, dbname, pg_cluster)
    finally:
        admin.close()


@dataclass(frozen=True)
class PgArchive:
    url: str
    """The station role's location (password in the keyring, not in the URL)."""
    admin: object
    role: str
    dbname: str
    cluster: PgCluster

    def office_url(self) -> str:
        """The office reads over the admin's socket (trust on the local socket of the test cluster)."""
        return f"postgresql://{self.cluster.admin}@/{self.dbname}?host={self.cluster.folder}&port={self.cluster.port}"

"""Stations read side by side: each station's audit in a worker process, the results in the stations' order.

``archive verify`` and the monthly report check every stamp of every station
again (signatures, chains, the records behind each stamp), which is
processor work: 200 stations and 100,000 stamps take some 40 s on one core.
The stations are independent of each other, so on a machine with several
cores each worker process audits whole stations while the caller takes the
results one station at a time, in the stations' order, as it would from a
loop. What stations share stays right:

* the signed records several stations send are verified once per process
  (each worker keeps its own :class:`.authority_check.RecordCache`);
* that an OA approval backs one request at one station is judged by the
  caller across all stations in their order
  (:class:`.authority_check.OaApprovals`), from what each audit reports.

Workers are started with ``spawn`` (never ``fork``: the window's threads and
the token's owner thread must not be copied into a child) and open the
archive themselves (:meth:`reopener`: the folder's path, or the PostgreSQL
location, whose password each reads from the OS keyring as the caller did).
A small archive, or one backend that cannot be opened again, is read in
this process: starting workers costs more than they save there.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import multiprocessing
import os
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterator

from ..errors import ArchiveError

__all__ = ["StationRead", "read_stations", "worker_count", "MIN_STATIONS_SIDE_BY_SIDE", "MAX_WORKERS"]

MIN_STATIONS_SIDE_BY_SIDE = 16
"""Below this many stations the audit runs in this process (a worker's start, about half a second, would outweigh
what it saves)."""
MAX_WORKERS = 4
"""At most this many worker processes: each holds one station's segments at a time (and, for PostgreSQL, a
connection), so memory and connections stay bounded on a large server."""


@dataclass(frozen=True)
class StationRead:
    """One station's audit, as :func:`read_stations` yields it."""

    station: str
    audit: object
    """The :class:`.audit.StationAudit`."""
    reader: object | None
    """What ``reader(station)`` made, fed every segment that checks out, then read out (None without a reader)."""
    seal_names: dict
    """Seal id → name from the office-signed seal records verified so far by the process that read the station
    (with a reader; empty without)."""


def worker_count(stations: int, workers: int | None = None) -> int:
    """How many processes audit ``stations`` stations: ``workers`` when given, else by the cores this process may use."""
    if workers is not None:
        return max(1, min(workers, stations))
    if stations < MIN_STATIONS_SIDE_BY_SIDE:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_WORKERS, stations))


def read_stations(backend, stations: list[str], ca_cert, *, now: dt.datetime, stale_days: int = 7,
                  window: tuple | None = None, reader: Callable | None = None,
                  workers: int | None = None) -> Iterator[StationRead]:
    """Each station's :func:`.audit.audit_station`, in the order of ``stations``.

    ``window``: the :class:`.authority_check.RecordCache`'s (stamps re-checked in that period only).
    ``reader``: a picklable callable making, for a station, an object whose ``take(segment)`` is fed each segment
    that checks out and whose ``read_out(audit, seal_names)`` is called once the station's audit is done, in the
    process that read it (the report's reading of the station: its rows are made there).
    ``workers``: processes to use (default: by the cores).
    """
    count = worker_count(len(stations), workers)
    reopen = getattr(backend, "reopener", None)
    if count <= 1 or reopen is None:
        yield from _in_process(backend, stations, ca_cert, now, stale_days, window, reader)
        return
    yield from _side_by_side(reopen(), stations, ca_cert, now, stale_days, window, reader, count)


def _in_process(backend, stations, ca_cert, now, stale_days, window, reader) -> Iterator[StationRead]:
    from .authority_check import RecordCache

    records = RecordCache(ca_cert, window=window)  # a record several stations sent is verified once
    for station in stations:
        yield _read(backend, station, ca_cert, records, now, stale_days, reader)


def _read(backend, station, ca_cert, records, now, stale_days, reader) -> StationRead:
    from .audit import audit_station

    taken = reader(station) if reader is not None else None
    audit = audit_station(backend, station, ca_cert, now=now, stale_days=stale_days, records=records,
                          on_segment=taken.take if taken is not None else None)
    if taken is None:  # archive verify: the audit alone
        return StationRead(station, audit, None, {})
    names = records.seal_names()
    taken.read_out(audit, names)  # here, in the process that read the station: only what it made is sent back
    return StationRead(station, audit, taken, names)


def _side_by_side(reopen, stations, ca_cert, now, stale_days, window, reader, count) -> Iterator[StationRead]:
    from cryptography.hazmat.primitives.serialization import Encoding

    ca_pem = ca_cert.public_bytes(Encoding.PEM)
    context = multiprocessing.get_context("spawn")
    waiting: deque = deque()
    try:
        with concurrent.futures.ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker,
                                                    initargs=(reopen, ca_pem, window)) as pool:
            try:
                for station in stations:
                    waiting.append(pool.submit(_read_in_worker, station, now, stale_days, reader))
                    if len(waiting) >= 2 * count:  # the next stations queued, not all: results wait for the caller
                        yield waiting.popleft().result()
                while waiting:
                    yield waiting.popleft().result()
            finally:
                for future in waiting:  # the caller stopped early (an error, or it had what it needed)
                    future.cancel()
    except (OSError, concurrent.futures.process.BrokenProcessPool) as exc:
        raise ArchiveError(f"The archive's stations could not be read side by side: a worker process did not start "
                           f"or stopped ({exc or type(exc).__name__}). Nothing was written.",
                           hint="Free memory or processes on this computer and run it again.",
                           code="archive_workers", reason=str(exc) or type(exc).__name__) from exc


_WORKER: dict = {}
"""In a worker process: its archive connection, the office's certificate and its record cache."""


def _start_worker(reopen, ca_pem: bytes, window) -> None:
    from cryptography import x509

    from ..process import quiet_third_party_warnings
    from .authority_check import RecordCache

    quiet_third_party_warnings()
    ca_cert = x509.load_pem_x509_certificate(ca_pem)
    _WORKER.update(backend=reopen(), ca_cert=ca_cert, records=RecordCache(ca_cert, window=window))


def _read_in_worker(station: str, now: dt.datetime, stale_days: int, reader) -> StationRead:
    w = _WORKER
    return _read(w["backend"], station, w["ca_cert"], w["records"], now, stale_days, reader)

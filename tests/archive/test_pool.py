"""Stations read side by side (sealstation.archive.pool): the workers' count, and a worker that cannot run."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import shutil

import pytest

from sealstation.archive import pool
from sealstation.archive.audit import verify_archive
from sealstation.archive.backend import FolderArchive
from sealstation.errors import ArchiveError
from support.archive import stamp_some


def test_a_small_archive_is_read_in_this_process_and_a_large_one_by_the_cores():
    assert pool.worker_count(pool.MIN_STATIONS_SIDE_BY_SIDE - 1) == 1
    assert 1 <= pool.worker_count(200) <= pool.MAX_WORKERS
    assert pool.worker_count(3, workers=8) == 3  # never more processes than stations


class _NoProcesses:
    """A process pool whose worker cannot start, as when the computer has no memory or process to spare."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def submit(self, *args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")


@pytest.mark.parametrize("failure", ["start", "crash"])
def test_a_worker_that_cannot_run_is_said_in_words_and_nothing_is_reported(station, pin, tmp_path, monkeypatch,
                                                                           failure):
    archive = FolderArchive.create(tmp_path / "archive")
    stamp_some(station, pin, tmp_path / "docs", 1)
    station.archive().sync(str(archive.root))
    folder = archive.root / "stations" / station.config.station_id
    shutil.copytree(folder, folder.with_name("station-copy"))  # two stations: two workers
    if failure == "start":
        monkeypatch.setattr(pool.concurrent.futures, "ProcessPoolExecutor", _NoProcesses)
    else:  # the worker dies (the kernel's out-of-memory killer): the pool is broken
        def broken(*args, **kwargs):
            raise concurrent.futures.process.BrokenProcessPool("A process in the process pool was terminated "
                                                               "abruptly")
        monkeypatch.setattr(pool, "_read_in_worker", broken)
        monkeypatch.setattr(pool.concurrent.futures, "ProcessPoolExecutor", _Inline)
    with pytest.raises(ArchiveError) as raised:
        verify_archive(archive, station.ca_cert, now=dt.datetime.now(dt.timezone.utc), workers=2)
    assert raised.value.code == "archive_workers" and "Nothing was written" in raised.value.message


class _Inline(_NoProcesses):
    """A pool that runs each task here, at once (its task raising as a broken pool would)."""

    def submit(self, fn, *args, **kwargs):
        future = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future, as a pool does
            future.set_exception(exc)
        return future

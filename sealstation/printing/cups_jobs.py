"""What CUPS says about a queue and a job (pycups), so that "accepted" means accepted.

Qt's print system hands a finished job to CUPS and reports nothing back: no
job id, no refusal when the queue is stopped (CUPS queues jobs for a stopped
printer and prints them whenever it is started again). So after Qt is done,
the job is looked up in CUPS by its title (which holds the copy's serial):

* found and completed (CUPS delivered it to the printer): accepted, with its
  job id; still printing or pending in an enabled queue after a while: accepted
  too (it will print). Waiting for the delivery keeps one copy's job ahead of
  the next, as a printer takes them;
* found in a stopped (disabled) queue: cancelled in CUPS and reported failed,
  so that it never prints later uncounted;
* cancelled or aborted in CUPS, or not found at all: failed.

On platforms without CUPS (the Windows spooler) :func:`available` is False and
the Qt sink counts a job as accepted when Qt's print engine finished it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .sink import JobOutcome, JobStatus

__all__ = ["available", "queue_state", "find_job", "settle_job", "job_outcome_after_crash", "QueueState"]

_PENDING, _HELD, _PROCESSING, _STOPPED, _CANCELED, _ABORTED, _COMPLETED = 3, 4, 5, 6, 7, 8, 9
_PRINTER_STOPPED = 5


def _connection():
    import cups

    return cups.Connection()


def available() -> bool:
    try:
        _connection()
    except Exception:  # noqa: BLE001 - no binding, or no CUPS server to talk to
        return False
    return True


@dataclass(frozen=True)
class QueueState:
    ready: bool
    why: str | None


def queue_state(printer: str) -> QueueState:
    """Whether ``printer`` is a CUPS queue that is enabled and accepting jobs, and why not."""
    try:
        attrs = _connection().getPrinterAttributes(
            printer, requested_attributes=["printer-state", "printer-is-accepting-jobs", "printer-state-message"])
    except Exception as exc:  # noqa: BLE001 - pycups raises IPPError with a tuple
        return QueueState(False, f"the print system does not know printer {printer} ({exc})")
    if not attrs.get("printer-is-accepting-jobs", True):
        return QueueState(False, f"printer {printer} is not accepting jobs (its queue rejects them)")
    if attrs.get("printer-state") == _PRINTER_STOPPED:
        message = attrs.get("printer-state-message") or "stopped"
        return QueueState(False, f"printer {printer} is stopped (queue disabled: {message})")
    return QueueState(True, None)


def find_job(title: str, *, wait_s: float = 10.0) -> tuple[int, dict] | None:
    """The CUPS job named ``title`` (this user's jobs, finished ones too), waiting a little for it to appear."""
    deadline = time.monotonic() + wait_s
    while True:
        jobs = _connection().getJobs(which_jobs="all", my_jobs=True,
                                     requested_attributes=["job-id", "job-name", "job-state", "job-printer-uri",
                                                           "job-state-reasons"])
        found = [(job_id, a) for job_id, a in jobs.items() if a.get("job-name") == title]
        if found:
            return max(found, key=lambda item: item[0])
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


def settle_job(printer: str, title: str, *, wait_s: float = 60.0) -> JobOutcome:
    """The outcome of the job ``title`` just handed to CUPS for ``printer`` (see the module's rules)."""
    found = find_job(title)
    if found is None:
        return JobOutcome(JobStatus.FAILED, None, "the print system has no job for this copy: it did not accept it",
                          "job_not_found")
    job_id, attrs = found
    deadline = time.monotonic() + wait_s
    while True:
        state = attrs.get("job-state")
        if state == _COMPLETED:
            return JobOutcome(JobStatus.ACCEPTED, str(job_id), None)
        if state == _CANCELED:
            return JobOutcome(JobStatus.CANCELLED, str(job_id), "the job was cancelled in the print system",
                              "job_cancelled_in_print_system")
        if state in (_ABORTED, _STOPPED):
            why = str(attrs.get("job-state-reasons"))
            return JobOutcome(JobStatus.FAILED, str(job_id), f"the print system aborted the job ({why})",
                              "job_aborted", (("reason", why),))
        queue = queue_state(printer)
        if not queue.ready:
            _cancel(job_id)
            return JobOutcome(JobStatus.FAILED, str(job_id), f"{queue.why}; the job was cancelled so that it cannot print "
                                                   "later uncounted", "queue_stopped", (("reason", str(queue.why)),))
        if time.monotonic() >= deadline:  # printing, or queued in an enabled queue: it will print
            return JobOutcome(JobStatus.ACCEPTED, str(job_id), "still printing or queued in an enabled queue",
                              "job_queued")
        time.sleep(0.2)
        attrs = _connection().getJobAttributes(job_id, requested_attributes=["job-state", "job-state-reasons"])


def _cancel(job_id: int) -> None:
    try:
        _connection().cancelJob(job_id, purge_job=False)
    except Exception:  # noqa: BLE001 - already gone is fine
        pass


def job_outcome_after_crash(title: str) -> JobOutcome | None:
    """For recovery: what became of a job handed to CUPS by a process that died; ``None`` if CUPS cannot say."""
    if not available():
        return None
    found = find_job(title, wait_s=0)
    if found is None:
        return JobOutcome(JobStatus.CANCELLED, None, "interrupted: the print system has no job for this copy")
    job_id, attrs = found
    if attrs.get("job-state") in (_CANCELED, _ABORTED):
        return JobOutcome(JobStatus.CANCELLED, str(job_id), "interrupted, and the job was cancelled in the print system")
    return JobOutcome(JobStatus.ACCEPTED, str(job_id), "interrupted after the print system took the job")

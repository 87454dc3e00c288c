"""A station whose custodian has one request in each work-queue group but the last (real stamps and prints)."""

from __future__ import annotations

from pathlib import Path

from sealstation.model import Placement
from sealstation.station import StampRequestSpec

from .pdfs import make_text_pdf
from .station_fixtures import approve, password

_AT = {"contract": (60.0, 60.0), "legal-rep": (150.0, 60.0)}


def stamp(station, pin: str, src: Path, seal: str, out: Path, request_id: str | None = None):
    """Stamp ``src`` with ``seal`` as the custodian (its request approved before)."""
    plan = station.stamping().plan_stamp(StampRequestSpec(src, seal, Placement(1, _AT.get(seal, (60.0, 200.0))), out))
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"), request_id=request_id)
    return station.stamping().stamp(auth, out, pin=pin)


def fill_queue(station, pin: str, folder: Path) -> dict[str, str]:
    """Requests in four groups: waiting, partly stamped, to print (one copy of three printed), returned.

    Returns the request ids by name: ``waiting``, ``partly``, ``to_print``, ``returned``.
    """
    from .printing import print_to_pdf

    ids = {}
    lease = make_text_pdf(folder / "lease.pdf", 1)
    ids["waiting"] = approve(station, lease, ["contract", "legal-rep"], purpose="租赁合同盖章").id
    contract = make_text_pdf(folder / "purchase.pdf", 2)
    ids["partly"] = approve(station, contract, ["contract", "legal-rep"], purpose="采购合同盖章").id
    stamp(station, pin, contract, "contract", folder / "purchase-contract.pdf")
    notice = make_text_pdf(folder / "notice.pdf", 1)
    ids["to_print"] = approve(station, notice, ["official"], copies=3, purpose="年度工作会议通知").id
    stamp(station, pin, notice, "official", folder / "notice-stamped.pdf")
    print_to_pdf(station, folder / "notice-stamped.pdf", folder / "notice-copy.pdf", 1)
    memo = make_text_pdf(folder / "memo.pdf", 1)
    ids["returned"] = approve(station, memo, ["official"], purpose="备忘录").id
    station.stamping().return_request(ids["returned"], by="custodian", password=password("custodian"), reason="缺少附件")
    return ids

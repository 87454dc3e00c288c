"""Seal lifecycle: every allowed transition, every refused one, and why a seal can't stamp."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest

from sealstation.errors import SealLifecycleError, SealUnusableError
from sealstation.seals.lifecycle import TRANSITIONS, Delegation, SealAction, SealStatus, check_usable, next_status

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("status,action", sorted(TRANSITIONS, key=str))
def test_allowed_transitions(status, action):
    assert next_status(status, action, "s") == TRANSITIONS[(status, action)]


REFUSED = [pair for pair in itertools.product(SealStatus, SealAction) if pair not in TRANSITIONS]


@pytest.mark.parametrize("status,action", REFUSED, ids=[f"{s.value}-{a.value}" for s, a in REFUSED])
def test_refused_transitions(status, action):
    with pytest.raises(SealLifecycleError, match=f"is {status.value}") as err:
        next_status(status, action, "contract")
    assert "Allowed now" in err.value.hint


def test_destroyed_is_the_end():
    assert not [a for (s, a) in TRANSITIONS if s == SealStatus.DESTROYED]


def test_a_live_seal_must_be_revoked_before_it_is_destroyed():
    with pytest.raises(SealLifecycleError):
        next_status(SealStatus.ISSUED, SealAction.DESTROY)


def usable(**changes):
    args = dict(
        seal_id="contract", status=SealStatus.ISSUED, valid_from=NOW - timedelta(days=1),
        valid_until=NOW + timedelta(days=365), stations=("station-1",), custodian="custodian",
        station_id="station-1", user="custodian", now=NOW,
    )
    args.update(changes)
    check_usable(**args)


def test_a_good_seal_is_usable():
    usable()


@pytest.mark.parametrize(
    "status,words",
    [(SealStatus.MADE, "not been issued"), (SealStatus.SUSPENDED, "suspended"), (SealStatus.WITHDRAWN, "withdrawn"),
     (SealStatus.REVOKED, "revoked"), (SealStatus.DESTROYED, "destroyed")],
)
def test_unusable_status_says_why(status, words):
    with pytest.raises(SealUnusableError, match=words):
        usable(status=status)


def test_expired_and_not_yet_valid():
    with pytest.raises(SealUnusableError, match="expired"):
        usable(valid_until=NOW - timedelta(seconds=1))
    with pytest.raises(SealUnusableError, match="valid only from"):
        usable(valid_from=NOW + timedelta(hours=1))


def test_another_station_refuses_the_seal():
    with pytest.raises(SealUnusableError, match="may not be used on this computer"):
        usable(station_id="station-2")


def test_only_the_custodian_or_a_current_delegate_may_stamp():
    with pytest.raises(SealUnusableError, match="not the custodian"):
        usable(user="mallory")
    d = Delegation("contract", "deputy", NOW - timedelta(days=1), NOW + timedelta(days=1), "annual leave", "gm")
    usable(user="deputy", delegations=(d,))
    with pytest.raises(SealUnusableError, match="no current delegation"):
        usable(user="deputy", delegations=(d,), now=NOW + timedelta(days=2), valid_until=NOW + timedelta(days=30))


def test_records_read_back_typed_and_signed_as_text(station):
    """Kind, status, request state and approval decision are enums in the model, text in the database."""
    import json

    from sealstation.model import ApprovalDecision, SealKind
    from sealstation.approval.requests import RequestState
    from support.pdfs import make_pdf
    from support.station_fixtures import approve, office_authority

    record = station.seals.get("official")
    assert record.kind is SealKind.OFFICIAL and record.status is SealStatus.ISSUED
    assert json.loads(record.canonical())["status"] == "issued"
    suspended = station.seals.apply("official", SealAction.SUSPEND, authority=office_authority(), by="admin")
    assert suspended.status is SealStatus.SUSPENDED and station.seals.get("official").status is SealStatus.SUSPENDED
    assert f"{suspended.status:10s}|" == "suspended |"
    request = approve(station, make_pdf(station.home.root.parent / "doc.pdf"), ["contract"])
    assert station.requests.get(request.id).state is RequestState.APPROVED
    assert station.requests.approval_of(request.id).decision is ApprovalDecision.APPROVE

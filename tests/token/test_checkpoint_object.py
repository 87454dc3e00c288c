"""The checkpoint data object on a real SoftHSM2 token: private, per station, replaced safely."""

from __future__ import annotations

import pytest

from sealstation.journal.checkpoint import (Checkpoint, CheckpointState, checkpoint_label, read_checkpoint,
                                            write_checkpoint)
from support.station_fixtures import forget_checkpoints


@pytest.fixture
def token(seal_token):
    forget_checkpoints(seal_token)
    yield seal_token
    forget_checkpoints(seal_token)


def run(seal_token, fn):
    try:
        return seal_token.session.run(fn, pin=seal_token.user_pin)
    finally:
        seal_token.session.logout()


def test_round_trip_and_stations_sharing_a_token_keep_their_own(token):
    a = Checkpoint("station-a", 7, "a" * 64, {"seals": {"official": 2}})
    b = Checkpoint("station-b", 3, "b" * 64, {"seals": {"contract": 1}})
    run(token, lambda s: (write_checkpoint(s, a), write_checkpoint(s, b)))
    read_a, read_b = run(token, lambda s: (read_checkpoint(s, "station-a"), read_checkpoint(s, "station-b")))
    assert (read_a.seq, read_a.hash, read_a.counters) == (7, "a" * 64, {"seals": {"official": 2}})
    assert (read_b.seq, read_b.counters) == (3, {"seals": {"contract": 1}})
    assert run(token, lambda s: read_checkpoint(s, "station-c")) is None


def test_the_object_is_private_and_replaced_not_duplicated(token):
    from pkcs11 import Attribute, ObjectClass

    cp = Checkpoint("station-a", 1, "a" * 64)
    run(token, lambda s: write_checkpoint(s, cp))
    later = run(token, lambda s: write_checkpoint(s, Checkpoint("station-a", 9, "b" * 64, written=1)))
    label = checkpoint_label("station-a")
    objects = run(token, lambda s: [(bool(o[Attribute.PRIVATE]), bool(o[Attribute.TOKEN]))
                                    for o in s.get_objects({Attribute.CLASS: ObjectClass.DATA, Attribute.LABEL: label})])
    assert objects == [(True, True)]
    assert run(token, lambda s: read_checkpoint(s, "station-a")).seq == later.seq == 9

    def public_view():  # without a login the checkpoint is invisible
        session = token.session._find_token().open()
        try:
            return list(session.get_objects({Attribute.CLASS: ObjectClass.DATA, Attribute.LABEL: label}))
        finally:
            session.close()

    assert token.session._submit(public_view) == []


def test_after_a_crash_between_create_and_destroy_the_later_one_wins(token):
    from pkcs11 import Attribute, ObjectClass

    def two_objects(session):  # as a kill -9 between the new object and the old one's removal leaves them
        for cp in (Checkpoint("station-a", 5, "a" * 64, written=4), Checkpoint("station-a", 6, "b" * 64, written=5)):
            session.create_object({Attribute.CLASS: ObjectClass.DATA, Attribute.TOKEN: True, Attribute.PRIVATE: True,
                                   Attribute.LABEL: checkpoint_label("station-a"), Attribute.VALUE: cp.to_bytes()})

    run(token, two_objects)
    assert run(token, lambda s: read_checkpoint(s, "station-a")).seq == 6


def test_a_damaged_object_reads_as_a_stop(token, tmp_path):
    from pkcs11 import Attribute, ObjectClass

    from sealstation.journal.checkpoint import compare

    run(token, lambda s: s.create_object({
        Attribute.CLASS: ObjectClass.DATA, Attribute.TOKEN: True, Attribute.PRIVATE: True,
        Attribute.LABEL: checkpoint_label("station-a"), Attribute.VALUE: b"not json"}))
    cp = run(token, lambda s: read_checkpoint(s, "station-a"))
    assert cp.tamper and "damaged" in cp.tamper["reason"]
    assert run(token, lambda s: read_checkpoint(s, "station-a")).tamper["stop"] == cp.tamper["stop"], \
        "the same stop at every read, so a signed review can name it"

    class NoReviews:  # a database with no signed review: the stop stands
        def query(self, sql, params=()):
            return [(0,)] if "MAX(seq)" in sql else []

    assert compare(NoReviews(), cp, ca_cert=None).stopped
    assert compare(NoReviews(), cp, ca_cert=None).state != CheckpointState.AGREES


def _held(seal_token, label: str) -> list[tuple]:
    """(token, private, value) of each data object under ``label``, read in a later login (session objects too)."""
    from pkcs11 import Attribute, ObjectClass

    def read(session):
        return [(bool(o[Attribute.TOKEN]), bool(o[Attribute.PRIVATE]), bytes(o[Attribute.VALUE]))
                for o in session.get_objects({Attribute.CLASS: ObjectClass.DATA, Attribute.LABEL: label})]

    return run(seal_token, read)


def test_the_checkpoint_is_copied_onto_the_token_whole_and_no_session_object_stays(token):
    from pkcs11 import Attribute, ObjectClass

    cp = Checkpoint("station-a", 4, "c" * 64, {"seals": {"official": 3}})
    stray = run(token, lambda s: (write_checkpoint(s, cp),
                                  [o for o in s.get_objects({Attribute.CLASS: ObjectClass.DATA,
                                                             Attribute.LABEL: checkpoint_label("station-a")})
                                   if not o[Attribute.TOKEN]])[1])
    assert stray == [], "the session object it was copied from is gone within the login"
    held = _held(token, checkpoint_label("station-a"))
    assert [(on_token, private) for on_token, private, _ in held] == [(True, True)], "on the token, after a logout"
    assert Checkpoint.from_bytes(held[0][2]).counters == {"seals": {"official": 3}}


@pytest.mark.parametrize("refusal", ["FunctionNotSupported", "AttributeReadOnly", "session copy"])
def test_a_token_that_does_not_copy_objects_gets_the_checkpoint_made_directly(token, monkeypatch, refusal):
    """USB keys differ: one refuses C_CopyObject, one refuses CKA_TOKEN in a copy, one copies but keeps the copy in
    the session. Each still ends with the one checkpoint on the token."""
    import pkcs11.exceptions
    from pkcs11 import Attribute
    from pkcs11.types import Object

    real_copy = Object.copy

    def copy(self, attrs):
        if refusal == "session copy":  # the token ignores CKA_TOKEN in the template
            return real_copy(self, {**attrs, Attribute.TOKEN: False})
        raise getattr(pkcs11.exceptions, refusal)()

    monkeypatch.setattr(Object, "copy", copy)
    run(token, lambda s: write_checkpoint(s, Checkpoint("station-a", 2, "d" * 64)))
    held = _held(token, checkpoint_label("station-a"))
    assert [(on_token, private) for on_token, private, _ in held] == [(True, True)]
    assert run(token, lambda s: read_checkpoint(s, "station-a")).seq == 2

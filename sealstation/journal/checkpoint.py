"""Checkpoints outside the database: the journal head kept on the seal's token.

The custodian holds the database key and can copy an old ``station.db`` back,
cut the journal's tail or rewrite it and hash it again: the database alone
cannot tell. So in each signing login the station also keeps, on the seal's
token, a private PKCS#11 data object (CKO_DATA, CKA_TOKEN, CKA_PRIVATE, label
``sealstation-checkpoint:<station id>``, so several stations can share a
token) holding a small canonical JSON :class:`Checkpoint`: the journal head
(seq and hash), version counters of the records the station has seen, and the
tamper stop. Before signing, :func:`compare` checks the database against it;
the station then writes the next one (see :meth:`sealstation.desks.stamping.StampingDesk._sign`).

The version counters (:data:`COUNTER_KINDS`) are raised from the journal
entries since the checkpoint that record a signed change (a seal's lifecycle,
a user record, the policy, a delegation) and from the records the stamp uses;
a record in use below its counter is an older signed version brought back
(a file copy, or an old row copied back with SQL) and stops stamping.

The comparison costs O(entries since the checkpoint): indexed lookups by seq,
never a scan of the whole journal.

Uses of approvals (:attr:`Checkpoint.uses`): the checkpoint written in a
signing login also names the attempt it signs for (its ``stamp_started`` seq,
request and seal). Everything after the checkpoint's entry can be rewritten
with the database key, so an attempt's outcome (``stamp_done``, or an undo
such as ``stamp_interrupted``) is not evidence until a later checkpoint covers
it. A use stays on the token until a later login sees its ``stamp_done`` (then
the chain holds it for good); an attempt the token recorded is never free
again, unless the token itself recorded that no signature was made (a signing
failure inside the login, :func:`released`). A second attempt on the same
(request, seal) is refused in the login; one whose earlier outcome is missing
from the records (erased) stops the station.

What the token cannot see: entries written after the last checkpoint and
rewritten before the next stamp, or a custodian who rewrites the data object
with the PIN. Only the office archive can.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from typing import Protocol

from ..model import TextEnum
from .journal import GENESIS, JournalKind, entry_format, format2_from
from .clock import CLOCK_TOLERANCE, TimeSeen, set_back_words
from .clock import parse as parse_time
from .review import review_lifting, valid_review

__all__ = ["CheckpointWitness", "CHECKPOINT_FORMAT", "CHECKPOINT_HINT", "COUNTER_KINDS", "POLICY_COUNTER", "Checkpoint", "CheckpointState", "Comparison", "checkpoint_label",
           "deputy_counter", "read_checkpoint", "write_checkpoint", "compare", "first_checkpoint", "damaged_checkpoint", "UseOnToken",
           "with_use", "released", "MAX_USES"]

class CheckpointWitness(Protocol):
    """Somewhere outside the station that keeps its checkpoints too: the office archive (a later issue).

    The station hands each checkpoint it wrote to the seal's token to every
    witness once the stamp is done, outside the token's login. A witness that
    cannot take it now (the archive is unreachable) queues it and says nothing:
    a stamp never fails for a witness.
    """

    def witness(self, checkpoint: "Checkpoint") -> None:
        """Keep ``checkpoint`` (it is the station's latest)."""


CHECKPOINT_FORMAT = "sealstation-checkpoint/1"
_LABEL_PREFIX = "sealstation-checkpoint:"
CHECKPOINT_HINT = ("Nothing was signed. The office must review the station's journal ('sealstation journal review', "
         "signed with the seal authority passphrase) before stamping resumes.")


COUNTER_KINDS = ("seals", "users", "policy", "delegations", "deputies")
"""The checkpoint's counters: seal versions by seal id, user record versions by user name, the policy's
version (under :data:`POLICY_COUNTER`), the highest signed delegation version by seal id, and by
``seal/deputy`` the version of each deputy's latest delegation (so that one deputy's replaced delegation
brought back is refused even while another deputy holds a higher version of the seal)."""
POLICY_COUNTER = "station"
"""The policy is one record: its counter's only name."""


def checkpoint_label(station_id: str) -> str:
    """The data object's label: one checkpoint per station on a shared token."""
    return _LABEL_PREFIX + station_id


@dataclass(frozen=True)
class Checkpoint:
    """What the seal's token remembers of the station's database."""

    station: str
    """The station id (also in the object's label)."""
    seq: int
    """The journal entry last seen when stamping (the attempt's ``stamp_started`` or later)."""
    hash: str
    """That entry's hash."""
    counters: dict = field(default_factory=dict)
    """Highest record versions seen, by record type (:data:`COUNTER_KINDS`):
    ``{"seals": {"official": 3}, "users": {"gm": 2}, "policy": {"station": 4}, "delegations": {"official": 1}}``."""
    tamper: dict | None = None
    """The tamper stop, when set: ``{"stop": id, "reason": words, "at": UTC time}``."""
    written: int = 0
    """Write counter: if a crash leaves two objects, the later one wins."""
    format: str = CHECKPOINT_FORMAT
    at: str = ""
    """The journal time of the entry at ``seq`` (the latest time this token has covered; "" in older checkpoints).
    A station clock far behind it stops the station (:mod:`sealstation.journal.clock`)."""
    uses: list = field(default_factory=list)
    """Attempts this token signed for whose ``stamp_done`` no checkpoint has covered yet, oldest first:
    ``[[attempt seq, request id, seal id], ...]`` (at most :data:`MAX_USES`). Absent in checkpoints
    written before it existed (read as none)."""

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> "Checkpoint":
        """Raises ValueError (or TypeError) on anything but a checkpoint of this format."""
        loaded = json.loads(data.decode("utf-8"))
        if not isinstance(loaded, dict) or loaded.get("format") != CHECKPOINT_FORMAT:
            raise ValueError("not a SealStation checkpoint")
        return cls(**loaded)


MAX_USES = 256
"""Uses kept on the token: each settled one leaves at the next login; only attempts cut short after the
token recorded them stay (their approval counts as used), and a few hundred of those outlive any approval."""


@dataclass(frozen=True)
class UseOnToken:
    """An approval's use as the token recorded it: the attempt that signed under (request, seal)."""

    attempt: int
    """The attempt's ``stamp_started`` seq."""
    request: str
    seal: str
    cut_short: bool = False
    """A login saw an undo (``stamp_failed``/``stamp_interrupted``) as its outcome: a crash after the token recorded
    it, or an undo written with the database key; either way the approval stays used."""

    def to_list(self) -> list:
        return [self.attempt, self.request, self.seal, self.cut_short]


def _uses(cp: Checkpoint) -> list[UseOnToken]:
    return [UseOnToken(int(u[0]), str(u[1]), str(u[2]), bool(u[3]) if len(u) > 3 else False) for u in cp.uses or ()]


def with_use(cp: Checkpoint, use: UseOnToken, outcomes: dict) -> Checkpoint:
    """``cp`` recording ``use``; the uses whose ``stamp_done`` it now covers (``outcomes``) leave, undone ones stay."""
    kept = []
    for u in _uses(cp):
        outcome = outcomes.get(u.attempt)
        if outcome in _USED or u.attempt == use.attempt:
            continue  # the chain up to the new checkpoint holds its stamp_done for good
        kept.append(replace(u, cut_short=u.cut_short or outcome is not None))
    return replace(cp, uses=[u.to_list() for u in (kept + [use])[-MAX_USES:]])


def released(cp: Checkpoint, attempt: int) -> Checkpoint:
    """``cp`` without ``attempt``: written in the same login when signing failed, so no signature exists."""
    return replace(cp, uses=[u.to_list() for u in _uses(cp) if u.attempt != attempt])


def _open_attempt(db, attempt: int) -> bool:
    return bool(db.query("SELECT 1 FROM stamp_uses WHERE attempt = ?", (attempt,)))


def _erased(db, cp: Checkpoint, outcomes: dict) -> Comparison | None:
    """A use the token recorded whose attempt ended with no outcome in the records, and is not open: erased."""
    for u in _uses(cp):
        if not u.cut_short and u.attempt not in outcomes and not _open_attempt(db, u.attempt):
            return Comparison(CheckpointState.REWRITTEN, _erased_words(u))
    return None


def _erased_words(u: UseOnToken) -> str:
    return (f"this seal's USB key recorded attempt {u.attempt} (request {u.request}, seal '{u.seal}') as signing, "
            "but its outcome is missing from the station's records: its stamp_done and what followed were erased")


def _used_before(db, cp: Checkpoint, result: Comparison, use: UseOnToken) -> Comparison | None:
    """The approval (request, seal) of ``use`` already used by an attempt the token recorded."""
    for u in _uses(cp):
        if u.attempt == use.attempt or (u.request, u.seal) != (use.request, use.seal):
            continue
        outcome = result.outcomes.get(u.attempt)
        if not u.cut_short and outcome is None and not _open_attempt(db, u.attempt):
            return Comparison(CheckpointState.REWRITTEN, _erased_words(u))
        how = ("it was cut short after the key recorded it, so a signature may exist"
               if u.cut_short or outcome not in _USED else "it was stamped")
        return Comparison(CheckpointState.USED, f"the approval of request {u.request} for seal '{u.seal}' was already "
                          f"used by attempt {u.attempt}, which this seal's USB key recorded ({how})")
    return None


class CheckpointState(TextEnum):
    """How the database stands against the token's checkpoint."""

    AGREES = "agrees"
    NONE = "no checkpoint"
    BEHIND = "behind"
    """The journal ends before the checkpoint: rolled back."""
    REWRITTEN = "rewritten"
    """The checkpoint's entry is missing or different, or the chain after it is broken."""
    STOPPED = "stopped"
    """The token holds a tamper stop that no signed office review lifts."""
    OLDER_RECORD = "older record"
    """A record in use is older than a version already seen."""
    CLOCK_BEHIND = "clock set back"
    """The station's clock is far behind the time of the entry the checkpoint covers."""
    USED = "used"
    """The approval was already used by an attempt this token recorded (not a stop: the approval is spent)."""


@dataclass(frozen=True)
class Comparison:
    """The outcome of :func:`compare`."""

    state: CheckpointState
    reason: str = ""
    """In words, for the person at the station; empty when it agrees."""
    head: tuple[int, str] | None = None
    """(seq, hash) of the database head verified, when it agrees."""
    counters: dict = field(default_factory=dict)
    """The token's counters raised by what the database showed (never lowered)."""
    stopped: bool = False
    """The token's own tamper stop stands (no signed office review lifts it)."""
    reviewed_since: bool = False
    """A ``journal_reviewed`` entry lies between the checkpoint and the head (its signature not yet checked)."""
    outcomes: dict = field(default_factory=dict)
    """The first outcome entry's kind of each attempt settled between the checkpoint and the head, by attempt seq."""
    last_at: str = ""
    """The time of the head entry verified (the latest journal time the token has covered)."""

    @property
    def agrees(self) -> bool:
        return self.state == CheckpointState.AGREES

    @property
    def settled(self) -> set[int]:
        """Attempts whose ``stamp_done`` (or ``stamp_recovered``) lies between the checkpoint and the head."""
        return {a for a, kind in self.outcomes.items() if kind in _USED}


_USED = (JournalKind.STAMP_DONE.value, JournalKind.STAMP_RECOVERED.value)
_OUTCOMES = _USED + (JournalKind.STAMP_FAILED.value, JournalKind.STAMP_INTERRUPTED.value)
_REVIEWED = JournalKind.TAMPER_REVIEWED.value
"""The outcome given to a use whose records the office reviewed when it lifted a stop."""


# -- on the token (run these on the token's owner thread, logged in) ----------
# pkcs11 is imported inside these functions: it adds ~15 ms to every command's start.

def _objects(session, station_id: str) -> list:
    from pkcs11 import Attribute, ObjectClass

    return list(session.get_objects({Attribute.CLASS: ObjectClass.DATA, Attribute.LABEL: checkpoint_label(station_id)}))


def read_checkpoint(session, station_id: str, *, objects: list | None = None) -> Checkpoint | None:
    """The station's checkpoint on this token; None if it has none. A damaged one is returned stopped.

    ``objects``, if given, receives the token objects read, for :func:`write_checkpoint` to replace in the same login.
    """
    from pkcs11 import Attribute

    found = []
    held = _objects(session, station_id)
    if objects is not None:
        objects.extend(held)
    for obj in held:
        try:
            found.append(Checkpoint.from_bytes(bytes(obj[Attribute.VALUE])))
        except (ValueError, TypeError):
            return damaged_checkpoint(station_id, bytes(obj[Attribute.VALUE]))
    return max(found, key=lambda cp: cp.written) if found else None


def write_checkpoint(session, checkpoint: Checkpoint, *, replacing: list | None = None) -> Checkpoint:
    """Store ``checkpoint`` (its write counter raised): the new object first, then the old ones go.

    Tokens refuse to change a data object's value (SoftHSM2: read-only), so a
    new object replaces it; a crash in between leaves both, and the later wins.
    ``replacing``: the objects :func:`read_checkpoint` found in this same login, under the checkpoint lock (saves
    a second search of the token); an object that appeared since is left, and the later ``written`` wins as ever.
    """
    old = _objects(session, checkpoint.station) if replacing is None else replacing
    checkpoint = replace(checkpoint, written=checkpoint.written + 1)
    _store(session, checkpoint)
    for obj in old:
        obj.destroy()
    return checkpoint


def _store(session, checkpoint: Checkpoint) -> None:
    """The checkpoint as a new private token object, made whole in the session and copied onto the token.

    Every stamp writes one, so its cost is the stamp's. SoftHSM2 makes a token
    object by writing its file once for each of a dozen default attributes and
    then once more with the template (about 4 ms on ext4, where each rewrite
    after a truncate goes to the disk); copying a complete session object with
    ``CKA_TOKEN`` set (``C_CopyObject``, which PKCS#11 allows to change it)
    writes the file whole, in about a quarter of that. A token that cannot copy
    objects, or whose copy is not on the token, gets the object made directly.
    The session object lives in this login only and is destroyed at once.
    """
    from pkcs11 import Attribute, ObjectClass
    from pkcs11.exceptions import PKCS11Error

    template = {Attribute.CLASS: ObjectClass.DATA, Attribute.TOKEN: True, Attribute.PRIVATE: True,
                Attribute.LABEL: checkpoint_label(checkpoint.station), Attribute.APPLICATION: "sealstation",
                Attribute.VALUE: checkpoint.to_bytes()}
    try:
        draft = session.create_object({**template, Attribute.TOKEN: False})
    except PKCS11Error:
        draft = None
    if draft is not None:
        try:
            copy = draft.copy({Attribute.TOKEN: True})
            if bool(copy[Attribute.TOKEN]):
                return
            copy.destroy()
        except PKCS11Error:
            pass  # this token does not copy objects: it makes the object directly, below
        finally:
            try:
                draft.destroy()
            except PKCS11Error:  # a session object ends with the session anyway: the checkpoint is what counts
                pass
    session.create_object(template)


def damaged_checkpoint(station_id: str, value: bytes) -> Checkpoint:
    """A checkpoint that cannot be read counts as a stop the office must review.

    Its stop id comes from the object's bytes, so that it is the same at every
    read and the office's signed review can name it; the next write replaces the object.
    """
    return Checkpoint(station_id, 0, GENESIS, tamper={
        "stop": hashlib.sha256(value).hexdigest()[:16], "reason": "the checkpoint on this seal's USB key is damaged",
        "at": ""})


# -- against the database --------------------------------------------------------

def _register_versions(db) -> dict:
    return {seal: version for seal, version in db.query("SELECT seal_id, MAX(version) FROM seals GROUP BY seal_id")}


def _merge(counters: dict, kind: str, seen: dict) -> dict:
    merged = {k: dict(v) for k, v in counters.items()}
    target = merged.setdefault(kind, {})
    for name, version in seen.items():
        target[name] = max(int(target.get(name, 0)), int(version))
    return merged


def _merge_all(counters: dict, seen_by_kind: dict) -> dict:
    for kind, seen in seen_by_kind.items():
        counters = _merge(counters, kind, seen)
    return counters


def _raise(seen: dict, kind: str, name, version) -> None:
    if name is None or version is None:
        return
    target = seen.setdefault(kind, {})
    target[str(name)] = max(target.get(str(name), 0), int(version))


def _versions_in_entry(kind: str, data: dict, seen: dict) -> None:
    """Raise ``seen`` by the signed versions a journal entry records (the entries that record a signed change)."""
    if kind == JournalKind.SEAL_LIFECYCLE:
        _raise(seen, "seals", data.get("seal"), int(data.get("version") or 0))
    elif kind in (JournalKind.USER_CHANGED, JournalKind.PASSWORD_CHANGED):
        _raise(seen, "users", data.get("user"), data.get("version"))
        for name, version in (data.get("versions") or {}).items():  # the upgrade signs every record at once
            _raise(seen, "users", name, version)
    elif kind in (JournalKind.POLICY_SIGNED, JournalKind.STATION_UPGRADED):
        policy = data.get("new") if kind == JournalKind.POLICY_SIGNED else data.get("policy")
        _raise(seen, "policy", POLICY_COUNTER, (policy or {}).get("version"))
        for seal, version in (data.get("delegation_versions") or {}).items():
            _raise(seen, "delegations", seal, version)
    elif kind in (JournalKind.DELEGATION_STARTED, JournalKind.DELEGATION_ENDED):  # an early end is signed too
        _raise(seen, "delegations", data.get("seal"), data.get("version"))
        if data.get("delegate"):
            _raise(seen, "deputies", deputy_counter(str(data.get("seal")), str(data["delegate"])), data.get("version"))


def first_checkpoint(db, station_id: str, seq: int, in_use: dict | None = None) -> Checkpoint:
    """The checkpoint a token without one starts at entry ``seq`` (the attempt's ``stamp_started``).

    ``in_use``: the versions of the records the stamp uses (see :func:`compare`).
    """
    digest, at = db.query("SELECT hash, at FROM journal WHERE seq = ?", (seq,))[0]
    return Checkpoint(station_id, seq, digest, _merge_all({"seals": _register_versions(db)}, in_use or {}), at=at)


def _anchor(db, cp: Checkpoint, ca_cert) -> tuple[int, str] | Comparison:
    """Where to verify from: the checkpoint's head, or a signed review that lifted its stop."""
    if not cp.tamper:
        return cp.seq, cp.hash
    review = review_lifting(db, ca_cert, cp.station, str(cp.tamper.get("stop")))
    if review is None:
        stopped = (f"this seal's USB key records that stamping was stopped ({cp.tamper.get('reason')}), "
                   "and no review signed by the office lifts it")
        # Still say how the database stands against the head the token holds.
        now = _chain_from(db, cp.seq, cp.hash, cp.counters)
        if now.agrees:
            return Comparison(CheckpointState.STOPPED, stopped, stopped=True)
        return Comparison(now.state, f"{now.reason}; {stopped}", stopped=True)
    return review.covers_seq, review.covers_hash


def _chain_from(db, seq: int, digest: str, counters: dict) -> Comparison:
    """Verify every entry and link from ``seq`` to the head; raise the version counters on the way."""
    rows = db.query("SELECT MAX(seq) FROM journal")
    head = rows[0][0] or 0
    found = db.query("SELECT hash FROM journal WHERE seq = ?", (seq,))
    if not found:
        if head < seq:
            return Comparison(CheckpointState.BEHIND,
                              f"the station's records end at entry {head}, before entry {seq}, the last stamp recorded "
                              "on this seal's USB key: they were rolled back")
        return Comparison(CheckpointState.REWRITTEN,
                          f"entry {seq}, the last stamp recorded on this seal's USB key, is missing from the station's "
                          "records: the journal was cut")
    if found[0][0] != digest:
        return Comparison(CheckpointState.REWRITTEN,
                          f"entry {seq} of the station's records is not the one recorded on this seal's USB key: "
                          "the records were rolled back or rewritten")
    seen: dict = {}
    fates: dict[int, str] = {}
    last_at, reviewed = "", False
    expected, prev, switch = seq, None, format2_from(db) or 1
    rows = db.query("SELECT seq, at, actor, kind, data, prev_hash, hash FROM journal WHERE seq >= ? ORDER BY seq",
                    (seq,))  # by the primary key: only the entries since the checkpoint
    for row_seq, at, actor, kind, data, stored_prev, row_hash in rows:
        problem = None
        if row_seq != expected:
            problem = f"entries {expected}–{row_seq - 1} are missing"
        elif entry_format(row_seq, at, actor, kind, data, stored_prev, row_hash) not in ((2, 1) if row_seq < switch
                                                                                          else (2,)):
            problem = f"entry {row_seq} does not match its hash"
        elif prev is not None and stored_prev != prev:
            problem = f"entry {row_seq} does not link to the entry before it"
        if problem:
            return Comparison(CheckpointState.REWRITTEN,
                              f"the journal after entry {seq}, the last stamp recorded on this seal's USB key, was "
                              f"changed ({problem})")
        loaded = json.loads(data)
        _versions_in_entry(kind, loaded, seen)
        if kind in _OUTCOMES and "attempt" in loaded:
            fates.setdefault(int(loaded["attempt"]), kind)
        reviewed = reviewed or kind == _REVIEWED
        expected, prev, last_at = row_seq + 1, row_hash, at
    return Comparison(CheckpointState.AGREES, head=(expected - 1, prev), counters=_merge_all(counters, seen),
                      outcomes=fates, last_at=last_at, reviewed_since=reviewed)


def _clock_behind(db, cp: Checkpoint, result: Comparison, now: dt.datetime | None, ca_cert) -> Comparison | None:
    """The station's clock far behind the time the token last covered, unless the office reviewed since."""
    seen = parse_time(cp.at)
    if now is None or seen is None or cp.tamper or now >= seen - CLOCK_TOLERANCE:
        return None
    if result.reviewed_since and any(valid_review(db, json.loads(data), ca_cert, cp.station) is not None
                                     for (data,) in db.query("SELECT data FROM journal WHERE kind = ? AND seq > ?",
                                                             (JournalKind.TAMPER_REVIEWED.value, cp.seq))):
        return None  # the office accepted the clock (it had been set ahead by mistake)
    return Comparison(CheckpointState.CLOCK_BEHIND, set_back_words(now, TimeSeen(
        seen, f"journal entry {cp.seq}, the last stamp recorded on this seal's USB key")))


def _older_in_use(in_use: dict, counters: dict) -> Comparison | None:
    """The first record in use whose version is below its counter, said in words; None when all are current."""
    for kind in COUNTER_KINDS:
        for name, version in sorted((in_use.get(kind) or {}).items()):
            seen = int(counters.get(kind, {}).get(name, 0))
            if int(version) < seen:
                return Comparison(CheckpointState.OLDER_RECORD, _older_words(kind, name, int(version), seen))
    return None


def deputy_counter(seal_id: str, deputy: str) -> str:
    """The ``deputies`` counter's name for a deputy's delegations of a seal."""
    return f"{seal_id}/{deputy}"


def _unknown_in_use(in_use: dict, counters: dict) -> Comparison | None:
    """A seal record in use at a version above every version the station journalled the office signing.

    Every seal version is signed at the station and journalled (``seal_lifecycle``), so the counter knows it;
    one above it was never signed here (a record of another station's register, or a forged number).
    """
    for name, version in sorted((in_use.get("seals") or {}).items()):
        seen = int(counters.get("seals", {}).get(name, 0))
        if seen and int(version) > seen:
            return Comparison(CheckpointState.OLDER_RECORD,
                              f"the record of seal '{name}' in use is version {version}, but the office signed no "
                              f"version above {seen} here: it was brought back under a version the office never signed")
    return None


def _older_words(kind: str, name: str, version: int, seen: int) -> str:
    seal, _, deputy = name.partition("/")
    what = {"users": f"the user record of {name}", "policy": "the station policy (office/policy.json)",
            "delegations": f"the latest delegation (代管) of seal '{name}'", "seals": f"the record of seal '{name}'",
            "deputies": f"the delegation (代管) of seal '{seal}' to {deputy}"}[kind]
    return (f"{what} is older than one this seal's USB key has already seen (version {version}, but version {seen} "
            "was recorded): it was brought back from an earlier copy")


def compare(db, cp: Checkpoint | None, *, ca_cert, seal_id: str | None = None,
            in_use: dict | None = None, use: UseOnToken | None = None, now: dt.datetime | None = None) -> Comparison:
    """The database against the token's checkpoint, before signing with ``seal_id``.

    Agrees when: the checkpoint (or the signed review that lifted its stop)
    names an entry the journal holds with exactly that hash, the chain
    verifies from there to the head, and no record in use is older than a
    version already seen (counters, and signed changes journalled since).
    ``in_use``: the versions of the signed records the gate judged this stamp
    by, as counters (``{"users": {"gm": 2}, "policy": {"station": 3}, ...}``).
    ``now``: the station's clock; far behind the checkpoint's time (and no
    signed office review since) it is :attr:`CheckpointState.CLOCK_BEHIND`.
    ``use``: the attempt about to sign; an approval the token saw used is
    :attr:`CheckpointState.USED` (or REWRITTEN when its outcome was erased).
    Without ``seal_id`` (``journal verify --pin-check``), a use the token
    recorded whose outcome is missing is REWRITTEN too.
    """
    if cp is None:
        return Comparison(CheckpointState.NONE, "this seal's USB key holds no checkpoint of this station yet")
    anchor = _anchor(db, cp, ca_cert)
    if isinstance(anchor, Comparison):
        return anchor
    result = _chain_from(db, anchor[0], anchor[1], cp.counters)
    if not result.agrees:
        return result
    if cp.tamper:  # the office's signed review lifted the stop: what it saw missing is reviewed, and stays spent
        result = replace(result, outcomes={u.attempt: _REVIEWED for u in _uses(cp)} | result.outcomes)
    behind = _clock_behind(db, cp, result, now, ca_cert)
    if behind is not None:
        return behind
    if seal_id is None:
        return _erased(db, cp, result.outcomes) or result
    if use is not None:
        used = _used_before(db, cp, result, use)
        if used is not None:
            return used
    erased = _erased(db, cp, result.outcomes)
    if erased is not None:
        return erased
    register = db.query("SELECT MAX(version) FROM seals WHERE seal_id = ?", (seal_id,))[0][0] or 0
    seen = int(result.counters.get("seals", {}).get(seal_id, 0))
    if register < seen:
        return Comparison(CheckpointState.OLDER_RECORD,
                          f"seal '{seal_id}' is at version {register} in the station's register, but version {seen} was "
                          "already recorded: an older record was brought back (a revocation or change undone)")
    older = _older_in_use(in_use or {}, result.counters) or _unknown_in_use(in_use or {}, result.counters)
    if older is not None:
        return older
    # Raised by the signed records in use only: the register's version column is the custodian's to write.
    return replace(result, counters=_merge_all(result.counters, in_use or {}))

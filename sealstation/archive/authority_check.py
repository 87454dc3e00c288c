"""The office re-checks, against its own certificate, the signed records behind every stamp.

At the station the gate judges a stamp by signed records: the approval (by
its approver's key), the approver's and the custodian's user records, the
seal record, a delegation when the custodian is a deputy, the policy (all
signed by the office's seal authority), and for an OA approval the office's
registration of the approver's OA key. A custodian who replaced the
authority in the station home could have signed all of those with an
authority of their own; only a check against the office's own certificate
sees it. So:

* at the station (:func:`authority_refs`), the gate keeps each record it
  judged by, as a small canonical JSON text (:func:`record_text`) named by
  its SHA-256, in the ``authority_records`` table, and names them (with the
  SHA-256 of the authority it trusted) in the attempt's ``stamp_started``
  entry, which the journal chains and the archive receives with its content;
* a segment carries the texts its ``stamp_started`` entries name, each once
  (:func:`records_for_segment`): they are content-addressed, so the station's
  signature over the segment adds nothing to them, and a text that does not
  hash to its name is not taken;
* ``archive verify`` and the monthly report (:class:`AuthorityCheck`, called
  from :func:`.audit.audit_station`) check every ``stamp_done`` against the
  office's certificate they were given, never a station's copy: each record's
  signature, that the records fit the stamp (custodian, seal, request,
  document, delegation) and that the approver's signed level has the
  authority for the seal under the signed policy. A stamp that fails, or
  whose records were not sent, is an ``authority`` finding naming its entry.
  Each record is verified once per run (:class:`RecordCache`, by SHA-256).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from ..approval.oa_file import check_oa_bytes
from ..approval.rules import AuthorityRules
from ..approval.signed import approval_terms
from ..errors import SealStationError
from ..journal.journal import JournalKind
from ..users import ApproverLevel
from ..seals.authority import office_signature_ok
from ..seals.lifecycle import SealStatus

__all__ = ["AUTHORITY_FINDING", "record_text", "record_sha256", "authority_refs", "store_records",
           "records_for_segment", "RecordCache", "AuthorityCheck", "OaApprovals", "refused_words"]

AUTHORITY_FINDING = "authority"
"""The findings' ``what`` of a stamp whose authority does not verify against the office's certificate."""

_OFFICE_SIGNED = ("policy", "user", "seal", "delegation", "oa_key")

_SIGNED_FORMATS = {"policy": "sealstation-policy/1", "user": "sealstation-user/1",
                   "delegation": "sealstation-delegation/1", "oa_key": "sealstation-oa-key/1"}
"""The ``format`` inside what the office signed, by the label a record is sent under (a seal record has none):
the label is outside the signature, so what a record is comes from its signed format, never from the label."""


def record_text(kind: str, signed: str | bytes, signature: str | None, **extra) -> str:
    """One signed record as the archive receives it: what was signed (text), the signature (hex), its kind."""
    if isinstance(signed, bytes):
        signed = signed.decode("utf-8")
    return json.dumps({"type": kind, "signed": signed, "signature": signature or "", **extra},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def authority_refs(texts: dict[str, str], *, ca_sha256: str | None, pinned: bool) -> tuple[dict, dict[str, str]]:
    """(what the ``stamp_started`` entry names, {sha256: text} to keep): ``texts`` by role
    (policy, custodian, approver, seal, approval, delegation, oa_key)."""
    named = {role: record_sha256(text) for role, text in texts.items()}
    return ({"ca_sha256": ca_sha256, "pinned": pinned, "records": named},
            {named[role]: text for role, text in texts.items()})


def store_records(conn, records: dict[str, str]) -> None:
    """Keep the texts (inside the gate's transaction), each once."""
    conn.executemany("INSERT OR IGNORE INTO authority_records (sha256, record) VALUES (?, ?)", list(records.items()))


def records_for_segment(db, entries: list[dict]) -> dict[str, str]:
    """The texts the ``stamp_started`` entries of a segment name (those the station still holds)."""
    wanted: set[str] = set()
    for e in entries:
        if e.get("kind") == JournalKind.STAMP_STARTED and '"authority"' in e.get("data", ""):
            refs = (json.loads(e["data"]).get("authority") or {}).get("records") or {}
            wanted.update(str(h) for h in refs.values())
    if not wanted:
        return {}
    found: dict[str, str] = {}
    names = sorted(wanted)
    for i in range(0, len(names), 500):
        chunk = names[i:i + 500]
        rows = db.query(f"SELECT sha256, record FROM authority_records WHERE sha256 IN ({','.join('?' * len(chunk))})",
                        tuple(chunk))
        found.update((h, text) for h, text in rows)
    return found


def _within(at, starts, ends) -> bool:
    try:
        first, when, end = (_aware(dt.datetime.fromisoformat(str(t))) for t in (starts, at, ends))
    except ValueError:
        return False
    return first <= when < end


def _aware(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)  # the station stores UTC


class _Refused(Exception):
    """A record that does not hold, in words that follow "its"."""


def refused_words(seq: int, done: dict, why: str) -> str:
    """The ``authority`` finding of the stamp at entry ``seq`` (its ``stamp_done`` data), refused for ``why``."""
    return (f"entry {seq}: the stamp of {done.get('document')} (request {done.get('request')}, seal {done.get('seal')}, "
            f"by {done.get('custodian')}) is not backed by the office's seal authority: {why}. Its approval is not to "
            "be taken as genuine.")


class OaApprovals:
    """An OA file approves one request, at one station; a station keeps the ids it imported in a table its journal
    key can empty. So across a run's stations, in their order, the first stamp an OA approval backed stands and
    a later one for another request or station is an ``authority`` finding."""

    def __init__(self) -> None:
        self.first: dict[str, tuple[str, str]] = {}
        """OA approval id → (station, request) of the first stamp it backed in this run."""

    def take(self, station: str, backed, find) -> None:
        """``backed``: the station's :attr:`AuthorityCheck.oa_backed`, in the order its audit read them."""
        for oa_id, request, seq, done in backed:
            first = self.first.setdefault(oa_id, (station, request))
            if first != (station, request):
                find(AUTHORITY_FINDING, refused_words(seq, done, (
                    f"its OA approval {oa_id} already backed request {first[1]} at station {first[0]}: an OA "
                    "approval is imported once (its id was removed from the station's records and the file imported "
                    "again, or imported at a second station)")), seq)


@dataclass
class RecordCache:
    """Office-signed records verified in this run, by SHA-256, and approvers' keys: each is checked once."""

    ca_cert: object
    """The office's own seal authority certificate (never a station's copy)."""
    window: tuple | None = None
    """(start, end) aware datetimes: only stamps done in [start, end) are re-checked (the monthly report reads
    every segment of a station but reports one month); ``None``: every stamp (``archive verify``)."""
    done: dict = field(default_factory=dict)
    ca_sha256: str = ""

    def __post_init__(self) -> None:
        from ..anchor import certificate_sha256

        self.ca_sha256 = certificate_sha256(self.ca_cert) if self.ca_cert is not None else ""

    def office_record(self, name: str, text: str) -> dict:
        """The signed content of an office-signed record, or :class:`_Refused`."""
        if name not in self.done:
            self.done[name] = self._office_record(text)
        result = self.done[name]
        if isinstance(result, str):
            raise _Refused(result)
        return result

    def _office_record(self, text: str) -> dict | str:
        try:
            doc = json.loads(text)
            kind, signed = doc["type"], doc["signed"].encode("utf-8")
        except (ValueError, KeyError, TypeError, AttributeError):
            return "record cannot be read"
        if kind not in _OFFICE_SIGNED:
            return f"record is not an office record ({kind})"
        if not office_signature_ok(self.ca_cert, signed, doc.get("signature")):
            return f"{kind} record is not signed by the office's seal authority"
        try:
            content = json.loads(signed)
        except ValueError:
            return f"{kind} record is signed but cannot be read"
        if not isinstance(content, dict):
            return f"{kind} record is not a JSON object"
        if content.get("format") != _SIGNED_FORMATS.get(kind):
            return (f"record sent as a {kind} record is another record the office signed "
                    f"({content.get('format') or 'a seal record'}), not a {kind} record")
        return {**content, "type": kind}

    def seal_names(self) -> dict[str, str]:
        """The seals' names, by seal id, from the seal records the office signed that this run verified."""
        names = {}
        for content in self.done.values():
            if isinstance(content, dict) and content.get("type") == "seal" and content.get("seal_id"):
                names[str(content["seal_id"])] = str(content.get("name") or content["seal_id"])
        return names

    def approval(self, text: str, approver: dict, oa_key: dict | None) -> dict:
        """The signed approval, checked with the approver's key the office signed, or :class:`_Refused`.

        Not kept: an approval backs the stamps of one request (checked again for its second seal, which is
        rare), and a month holds as many approvals as stamps."""
        result = self._approval(text, approver, oa_key)
        if isinstance(result, str):
            raise _Refused(result)
        return result

    def _public_key(self, pem) -> "_ApproverKey":
        """An approver's public key, parsed once per run."""
        key = ("public key", pem)
        if key not in self.done:
            self.done[key] = _ApproverKey(load_pem_public_key(str(pem).encode("ascii")))
        return self.done[key]

    def _approval(self, text: str, approver: dict, oa_key: dict | None) -> dict | str:
        try:
            doc = json.loads(text)
            payload, signature = doc["signed"].encode("utf-8"), bytes.fromhex(doc["signature"])
            source = doc.get("source")
        except (ValueError, KeyError, TypeError, AttributeError):
            return "approval cannot be read"
        if source == "oa-file":
            if oa_key is None or oa_key.get("type") != "oa_key" or oa_key.get("approver") != approver.get("username"):
                return "OA approval comes without the office's registration of its approver's OA key"
            try:
                key = load_pem_public_key(str(oa_key.get("public_key")).encode("ascii"))
                oa = check_oa_bytes(payload, signature, {oa_key["approver"]: key}, "OA approval")
            except (SealStationError, ValueError):
                return (f"OA approval is not signed by {approver.get('username')}'s OA key as the office "
                        "registered it")
            return {"source": source, "approver": oa.approver, "document_sha256": oa.document_sha256,
                    "seals": list(oa.seals), "oa_id": oa.id}
        try:
            self._public_key(approver.get("public_key")).verify(signature, payload)
            signed = json.loads(payload)
        except (InvalidSignature, ValueError, TypeError):
            return (f"approval is not signed by {approver.get('username')}'s key as the office registered it "
                    "(it was not made by that approver)")
        if not isinstance(signed, dict):
            return "approval cannot be read"
        return {"source": source, **signed}


class _ApproverKey:
    """An approver's Ed25519 key (as the office signed it in the user record), verifying with libsodium.

    The office checks one approval per stamp, 100,000 in a month: libsodium
    (PyNaCl) verifies an Ed25519 signature in about half the time OpenSSL takes
    (62 against 117 µs here). Its checks are the stricter (it also refuses
    small-order keys and points), so what the station's own check
    (cryptography, OpenSSL) refuses is refused here too. A key of another kind
    verifies nothing: approvers' keys are Ed25519.
    """

    def __init__(self, public_key) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
        from nacl.signing import VerifyKey

        self._key = (VerifyKey(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw))
                     if isinstance(public_key, Ed25519PublicKey) else None)

    def verify(self, signature: bytes, payload: bytes) -> None:
        """Raise :class:`InvalidSignature` unless ``signature`` is this key's over ``payload``."""
        from nacl.exceptions import CryptoError

        if self._key is None:
            raise InvalidSignature("not an Ed25519 key")
        try:
            self._key.verify(payload, signature)
        except (CryptoError, ValueError, TypeError) as exc:
            raise InvalidSignature(str(exc)) from exc


class AuthorityCheck:
    """One station's stamps re-checked, segment by segment, in the order the audit reads them."""

    def __init__(self, cache: RecordCache, station: str = "") -> None:
        self.cache = cache
        self.station = station
        self.records: dict[str, str] = {}
        self.started: dict[int, dict | None] = {}
        self.outputs: dict[str, set[str]] = {}
        """Per request, the stamped outputs: a request's later seal goes on its earlier stamp's output."""
        self.judged: set[int] = set()
        """The entries whose content was read here. Not a high-water mark: an entry first sent without its content
        (by hash only, behind later entries sent in full) is judged when its content comes."""
        self.oa_backed: list[tuple[str, str, int, dict]] = []
        """(OA approval id, request, entry, stamp_done data) of each stamp whose authority otherwise held and that an
        OA approval backed: that each id backs one request at one station is judged across the run
        (:class:`OaApprovals`), since the run may read its stations side by side."""

    def check(self, seg, find) -> None:
        for name, text in (getattr(seg, "signed_records", None) or {}).items():
            if isinstance(text, str) and record_sha256(text) == name:
                self.records[name] = text
        for _e, data in seg.records(JournalKind.TIMESTAMP_ADDED):
            # An owed document timestamp added to a stamped file: the file with it is still that stamp's output.
            self.outputs.setdefault(str(data.get("request")), set()).add(str(data.get("sha256_after")))
        for e, data in seg.records(JournalKind.STAMP_STARTED, JournalKind.STAMP_DONE):
            if e["seq"] in self.judged:
                continue  # sent again (after a fork, or in full once more): judged when its content first came
            self.judged.add(e["seq"])
            if e["kind"] == JournalKind.STAMP_STARTED:
                self.started[e["seq"]] = data.get("authority") if isinstance(data.get("authority"), dict) else None
                continue
            attempt = data.get("attempt")
            authority = self.started.pop(attempt, None) if isinstance(attempt, int) else None
            if not self._in_window(e.get("at")):
                self.outputs.setdefault(str(data.get("request")), set()).add(str(data.get("sha256_after")))
                continue
            try:
                oa_id = self._check_stamp(authority, data, e.get("at"))
            except _Refused as why:
                find(AUTHORITY_FINDING, refused_words(e["seq"], data, str(why)), e["seq"])
            else:
                if oa_id:
                    self.oa_backed.append((oa_id, str(data.get("request")), e["seq"], data))
            self.outputs.setdefault(str(data.get("request")), set()).add(str(data.get("sha256_after")))

    def _in_window(self, at) -> bool:
        window = self.cache.window
        if window is None:
            return True
        try:
            return window[0] <= dt.datetime.fromisoformat(str(at)) < window[1]
        except ValueError:
            return True  # a time that cannot be read is no reason to skip the check

    def _check_stamp(self, authority: dict | None, done: dict, at) -> str | None:
        """Raises :class:`_Refused` when the stamp's authority does not hold; its OA approval's id, if it has one."""
        if authority is None:
            raise _Refused("the station sent no signed records for it (a station older than this check, or "
                           "its stamp_started entry was kept back), so its authority cannot be re-checked")
        if authority.get("ca_sha256") != self.cache.ca_sha256:
            raise _Refused(f"the station judged it by another seal authority (SHA-256 "
                           f"{str(authority.get('ca_sha256'))[:16]}…, not the office's {self.cache.ca_sha256[:16]}…)"
                           + ("" if authority.get("pinned") else "; that station has no pinned authority"))
        refs = authority.get("records") or {}
        # What does not change from stamp to stamp (records, roles, level) is judged once per set of records.
        key = ("records", tuple(sorted((r, str(h)) for r, h in refs.items() if r != "approval")),
               done.get("custodian"), done.get("seal"))
        judged = self.cache.done.get(key)
        if judged is None:
            judged = self._check_records(refs, done)
            self.cache.done[key] = judged  # only what held: a record missing here may be sent by the next segment
        approver, oa_key, delegation = judged
        self._check_seal_period(refs, done, at)
        if delegation is not None and not _within(at, delegation.get("starts"), delegation.get("ends")):
            raise _Refused(f"it was made at {str(at)[:16]}, outside the delegation of seal {done.get('seal')} to "
                           f"{done.get('custodian')} ({str(delegation.get('starts'))[:16]} – "
                           f"{str(delegation.get('ends'))[:16]})")
        approval = self.cache.approval(self._text(refs, "approval"), approver, oa_key)
        self._check_approval(approval, approver, done)
        return str(approval["oa_id"]) if approval.get("source") == "oa-file" and approval.get("oa_id") else None

    def _check_records(self, refs: dict, done: dict) -> tuple[dict, dict | None, dict | None]:
        """(approver's record, OA key registration, delegation) once the office-signed records fit the stamp."""
        got = {role: self._record(refs, role) for role in ("policy", "custodian", "approver", "seal")}
        custodian, approver, seal, policy = got["custodian"], got["approver"], got["seal"], got["policy"]
        if custodian.get("type") != "user" or custodian.get("username") != done.get("custodian"):
            raise _Refused(f"the custodian's record is not {done.get('custodian')}'s user record")
        if "custodian" not in custodian.get("roles", ()) or custodian.get("disabled"):
            raise _Refused(f"{done.get('custodian')}'s signed record gives no custodian role (or is locked)")
        if seal.get("type") != "seal" or seal.get("seal_id") != done.get("seal"):
            raise _Refused(f"the seal record is not seal {done.get('seal')}'s")
        if seal.get("status") != SealStatus.ISSUED.value:
            raise _Refused(f"the seal record it was judged by says seal {done.get('seal')} is {seal.get('status')}, "
                           "not issued")
        if seal.get("stations") and self.station not in seal["stations"]:
            raise _Refused(f"seal {done.get('seal')} is registered for {', '.join(map(str, seal['stations']))}, "
                           f"not station {self.station}")
        delegation = None
        if seal.get("custodian") != done.get("custodian"):
            delegation = self._check_delegation(refs, done)
        oa_key = self._record(refs, "oa_key") if "oa_key" in refs else None
        if approver.get("type") != "user" or "approver" not in approver.get("roles", ()) or approver.get("disabled"):
            raise _Refused(f"{approver.get('username')}'s signed record gives no approver role (or is locked)")
        self._check_level(policy, approver, seal)
        return approver, oa_key, delegation

    def _check_seal_period(self, refs: dict, done: dict, at) -> None:
        """The stamp was made while the seal record it was judged by was valid (by the stamp's own time, which
        ``archive verify``'s ``time`` findings hold against the archive's receipt)."""
        seal = self._record(refs, "seal")
        starts = seal.get("valid_from") or dt.datetime.min.replace(tzinfo=dt.timezone.utc).isoformat()
        ends = seal.get("valid_until") or dt.datetime.max.replace(tzinfo=dt.timezone.utc).isoformat()
        if not _within(at, starts, ends):
            raise _Refused(f"it was made at {str(at)[:16]}, outside seal {done.get('seal')}'s validity "
                           f"({str(seal.get('valid_from') or '…')[:10]} – {str(seal.get('valid_until') or '…')[:10]})")

    def _check_delegation(self, refs: dict, done: dict) -> dict:
        if "delegation" not in refs:
            raise _Refused(f"{done.get('custodian')} is not the seal's custodian and no delegation was sent")
        d = self._record(refs, "delegation")
        if d.get("type") != "delegation" or d.get("seal") != done.get("seal") or d.get("delegate") != done.get("custodian"):
            raise _Refused(f"the delegation sent is not one of seal {done.get('seal')} to {done.get('custodian')}")
        return d

    def _check_approval(self, approval: dict, approver: dict, done: dict) -> None:
        request, seal = done.get("request"), done.get("seal")
        if approval.get("source") != "oa-file":  # a batch approval: the line the approver signed for this request
            approval = {"source": approval.get("source"), **approval_terms(approval, request)}
        if approval.get("source") != "oa-file" and approval.get("request") != request:
            raise _Refused(f"the approval signed by {approver.get('username')} is for request {approval.get('request')}")
        if approval.get("approver") != approver.get("username") or seal not in (approval.get("seals") or ()):
            raise _Refused(f"the approval signed by {approver.get('username')} does not cover seal {seal}")
        before = done.get("sha256_before")
        if approval.get("document_sha256") != before and before not in self.outputs.get(str(request), ()):
            raise _Refused(f"the approval signed by {approver.get('username')} is for another document")

    @staticmethod
    def _check_level(policy: dict, approver: dict, seal: dict) -> None:
        if policy.get("type") != "policy":
            raise _Refused("the policy sent is not a policy")
        try:
            level = ApproverLevel(approver["approver_level"]) if approver.get("approver_level") else None
            lack = AuthorityRules.from_config(policy.get("authority_rules")).lack(level, seal["seal_id"], seal["kind"])
        except (ValueError, KeyError, TypeError):
            raise _Refused("the approver's level or the seal's kind cannot be read") from None
        if lack:
            raise _Refused(f"{approver.get('username')} (as the office signed it) {lack}")

    def _text(self, refs: dict, role: str) -> str:
        name = refs.get(role)
        text = self.records.get(name) if isinstance(name, str) else None
        if text is None:
            raise _Refused(f"the station did not send its signed {role} record")
        return text

    def _record(self, refs: dict, role: str) -> dict:
        return self.cache.office_record(refs[role], self._text(refs, role))

"""Locking a document after the last seal of its request (文书一经送电子签章，系统自动设定该文件无法编辑).

PDF has two ways to say "no changes after this signature", and viewers honour
them unequally:

* a **certification signature** (DocMDP in the catalogue's /Perms, PDF 1.5):
  honoured by every viewer that checks modifications (Acrobat, Foxit,
  pyHanko); it must be the document's first signature;
* a **field lock** on an approval signature (/Lock with /P, PDF 2.0): the
  only way for a later signature; honoured by Acrobat and pyHanko, not by
  older readers.

So a request's seals lock as follows (see :func:`lock_for`):

* the last seal of the request on a document without earlier signatures
  (a one-seal request) is a certification signature with "no changes"
  (P=1), or "form filling" (P=2) for a blank form approved as fillable:
  every checking viewer honours it;
* the last seal of a several-seal request (or on a document signed before)
  is an approval signature with the field lock: a certification must be the
  first signature, and certifying the request's first seal (P=2) instead
  does not work: a certification allows later signatures only in signature
  fields that existed when it was made, and pyHanko (like Acrobat) calls a
  new seal's field after it a modification the certification forbids, so
  the second seal would break the first. Viewers that ignore /Lock /P still
  show the edit as a change after the last signature.

The last seal always carries a /Lock dictionary on its field: that is how a
locked document is told from a certified one still open for the request's
other seals (:func:`lock_state`). With "no changes" the lock covers every
field; for a fillable form it covers the seals' own fields, so the form's
fields stay fillable. Poppler's ``pdfsig`` checks neither mechanism: it
reports an edit after the lock only as "not total document signed" for the
last seal; our ``verify`` (pyHanko's difference analysis against the lock's
level) calls the file NOT VALID and says why.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..errors import ChangesForbiddenError
from .objects import elements, entry

__all__ = ["LockLevel", "StampLock", "LockState", "lock_for", "lock_state", "refuse_if_locked", "signing_options",
           "signed_before", "LOCK_WORDS", "NO_LOCK"]


class LockLevel(enum.Enum):
    """What a locked document still allows (the DocMDP permission level)."""

    NO_CHANGES = 1
    """Nothing: any later revision breaks the lock (DSS and document timestamps excepted, as PAdES allows)."""
    FORM_FILLING = 2
    """Filling in the form's fields, nothing else (a blank form approved as fillable)."""


LOCK_WORDS = {LockLevel.NO_CHANGES: "no changes allowed", LockLevel.FORM_FILLING: "only form filling allowed"}
"""How ``verify`` says what a lock allows (English; the window translates)."""


@dataclass(frozen=True)
class StampLock:
    """How one seal's signature locks (or prepares to lock) the document."""

    certify: bool = False
    """A certification signature (DocMDP): only for the document's first signature."""
    level: LockLevel | None = None
    """The permission level of the lock."""
    final: bool = False
    """The request's last seal: its field carries the lock."""


NO_LOCK = StampLock()


def lock_for(*, last: bool, fillable: bool, signed_before: bool) -> StampLock:
    """The lock of a seal: the ``last`` of its request's seals locks, on a document ``signed_before`` or not."""
    if not last:
        return NO_LOCK
    level = LockLevel.FORM_FILLING if fillable else LockLevel.NO_CHANGES
    return StampLock(certify=not signed_before, level=level, final=True)


def signing_options(lock: StampLock | None, field_name: str, seal_fields: tuple[str, ...] = ()) -> tuple[dict, dict]:
    """pyHanko keyword arguments for (PdfSignatureMetadata, SigFieldSpec) that apply ``lock``."""
    if lock is None or not lock.final:
        return {}, {}
    from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm

    perm = MDPPerm(lock.level.value)
    meta = {"certify": lock.certify, "docmdp_permissions": perm}
    if lock.level == LockLevel.NO_CHANGES:
        mdp = FieldMDPSpec(action=FieldMDPAction.ALL)
    else:  # the seals' own fields are locked, the form's stay fillable
        mdp = FieldMDPSpec(action=FieldMDPAction.INCLUDE, fields=[*seal_fields, field_name])
    spec = {"field_mdp_spec": mdp}
    if not lock.certify:  # a certification carries the level itself; an approval signature carries it in /Lock
        spec["doc_mdp_update_value"] = perm
    return meta, spec


@dataclass(frozen=True)
class LockState:
    """Whether, and how, a document was locked after its last seal."""

    field: str
    """The signature field whose lock it is."""
    level: LockLevel


def _certification_level(reader) -> int | None:
    docmdp = entry(entry(reader.root, "/Perms"), "/DocMDP")
    for ref in elements(entry(docmdp, "/Reference")):
        if entry(ref, "/TransformMethod") == "/DocMDP":
            value = entry(entry(ref, "/TransformParams"), "/P")
            return int(value) if value is not None else 2
    return None


def _signature_fields(reader) -> list[tuple[str, object]]:
    """(name, field dictionary) of the form's filled signature fields, in the form's order.

    A walk of /Fields and /Kids of our own: pyHanko's enumeration costs about 20 ms a document, paid by every
    read of a document (the check before approval and planning), where this costs well under one.
    """
    found: list[tuple[str, object]] = []
    seen: set[int] = set()

    def walk(nodes, depth: int, inherited_ft, prefix: str) -> None:
        if depth > 16:  # field trees are shallow; deeper is damage, which pyHanko reports when it signs
            return
        for node in elements(nodes):
            if id(node) in seen or not hasattr(node, "get"):  # the reader hands out one object per reference
                continue
            seen.add(id(node))
            ft = entry(node, "/FT") or inherited_ft
            partial = entry(node, "/T")
            name = str(partial) if partial is not None else prefix
            if prefix and partial is not None:
                name = f"{prefix}.{partial}"
            kids = entry(node, "/Kids")
            if ft == "/Sig" and "/V" in node:  # not resolved: parsing the signature's hex /Contents costs ~10 ms
                found.append((name, node))
            elif kids is not None:
                walk(kids, depth + 1, ft, name)

    walk(entry(entry(reader.root, "/AcroForm"), "/Fields"), 0, None, "")
    return found


def lock_state(reader) -> LockState | None:
    """The lock a seal put on the document (the last filled signature field with a /Lock), or None.

    An author's certification without a field lock is not a seal's lock: the document's own checks name it.
    """
    certified = _certification_level(reader)
    found = None
    for name, field_dict in _signature_fields(reader):
        lock = entry(field_dict, "/Lock")
        if lock is None:
            continue
        p = entry(lock, "/P")
        level = int(p) if p is not None else (certified or 2)
        found = LockState(name, LockLevel.NO_CHANGES if level <= 1 else LockLevel.FORM_FILLING)
    return found


def signed_before(reader) -> bool:
    """The document already carries a filled signature (a certification is then impossible)."""
    return bool(_signature_fields(reader))


def refuse_if_locked(reader, name: str) -> None:
    """A document locked after the last seal of its request takes no further seal: say so before any secret."""
    try:
        state = lock_state(reader)
    except Exception:  # noqa: BLE001 - a form too damaged to read is refused by the signing library in its words
        return
    if state is None:
        return
    raise ChangesForbiddenError(
        f"{name} was locked after its last seal (by '{state.field}', {LOCK_WORDS[state.level]}): another seal "
        "would break that lock.",
        hint="Stamp the document as it was before it was locked (get the approved original), with a new approval.",
        code="document_locked", file=name, field=state.field)

"""The core's errors reach the person in the window's language: every code has words, in Chinese, with its facts.

The refusals a custodian meets first are raised here by the real core (the
station, the output rules, the geometry, the seal's status, the PDF reader),
then worded under the Chinese catalogue: the words must be Chinese, name the
facts (the seal, the file, the page …) and leave no English behind. A source
scan ties the rest together: every code a raise site names has words, and
every fact those words need is given at that raise site.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import string
from pathlib import Path

import pytest

from sealstation import errors
from sealstation.errors import SealStationError
from sealstation.model import Placement
from sealstation.outputs import check_output_path
from sealstation.pdf.document import read_source_pdf
from sealstation.seals.lifecycle import SealStatus, check_usable
from sealstation.station import StampRequestSpec
from support.i18n_check import chinese, english_words
from support.pdfs import make_text_pdf
from support.station_fixtures import password, stamp_approved
from ui.error_words import CONTEXT, FINDINGS, GENERIC, WORDS, finding_words, words

CORE = Path(errors.__file__).resolve().parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _raise_sites() -> list[tuple[str, str, set[str], str]]:
    """(code, class name, keywords given, where) of every raise site that names its code (``code="…"``)."""
    sites = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            code = keywords.get("code")
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if name not in errors.__all__:
                    continue
                sites.append((code.value, name, set(keywords) - {"code", "hint"},
                              f"{path.relative_to(CORE.parent)}:{node.lineno}"))
    return sites


def _documented_codes() -> set[str]:
    """The variants each class's docstring lists under ``Codes:``."""
    found = set()
    for name in errors.__all__:
        doc = getattr(errors, name).__doc__ or ""
        match = re.search(r"Codes: (.*?)\.\s*$", doc, re.S)
        if match:
            found |= {c.strip() for c in re.sub(r"\s*\(.*?\)", "", match.group(1), flags=re.S).split(",")}
    return found


def _check_chinese(exc: BaseException, *, names=()) -> tuple[str, str]:
    """Assert the words of ``exc`` are Chinese, name ``names`` and leave no English; return them."""
    what, todo = words(exc)
    text = f"{what}\n{todo}"
    assert CJK.search(what) and CJK.search(todo), (exc.code, text)
    assert "English" not in text and "英文" not in text, f"{exc.code} fell back: {text}"
    for value in names:
        assert str(value) in text, (exc.code, value, text)
    facts = {w for v in getattr(exc, "facts", {}).values() for w in re.findall(r"[A-Za-z]{2,}", str(v))}
    assert not english_words(text, allow=facts), (exc.code, text)
    return what, todo


# -- every code has words --------------------------------------------------------------------------------------


def test_every_error_class_has_generic_words_that_name_no_fact():
    classes = [getattr(errors, name) for name in errors.__all__]
    assert len({c.code for c in classes}) == len(classes), "two classes share a code"
    missing = [c.__name__ for c in classes if c.code not in GENERIC]
    assert not missing, f"classes without words: {missing}"
    assert not [code for code, pair in GENERIC.items() if _fields(pair[0]) | _fields(pair[1])]


def test_every_code_a_raise_site_names_has_words_and_gets_the_facts_they_need():
    sites = _raise_sites()
    assert len(sites) > 60  # the scan sees the raise sites
    documented = _documented_codes()
    for code, cls, given, where in sites:
        assert code in WORDS, f"{where}: code {code!r} has no words in ui/error_words.py"
        assert code in documented, f"{where}: code {code!r} is not listed under Codes: in its class's docstring"
        need = _fields(WORDS[code][0]) | _fields(WORDS[code][1])
        assert need <= given, f"{where}: {code} needs the facts {sorted(need - given)}"
    assert documented <= set(WORDS), f"documented codes without words: {sorted(documented - set(WORDS))}"


def test_every_sentence_has_a_chinese_translation_with_the_same_placeholders(qapp):
    from PySide6.QtCore import QCoreApplication

    with chinese():
        for code, pair in GENERIC.items():
            what, todo = (QCoreApplication.translate(CONTEXT, text) for text in pair)
            assert CJK.search(what) and CJK.search(todo) and not english_words(what + todo), (code, what, todo)
        classes = {getattr(errors, name).code: getattr(errors, name) for name in errors.__all__}
        for code, pair in WORDS.items():
            facts = {name: f"«{k}»" for k, name in enumerate(sorted(_fields(pair[0]) | _fields(pair[1])))}
            extra = {"stop": "0", "state": "rolled-back"} if code == "checkpoint_mismatch" else {}
            exc = classes.get(code, SealStationError)("English detail", code=code, **facts, **extra)
            what, todo = words(exc)
            assert CJK.search(what) and CJK.search(todo), (code, what, todo)
            assert all(v in what + todo for v in facts.values()), (code, what, todo)
            assert not english_words(what + todo), (code, what, todo)
        for kind in FINDINGS:
            assert CJK.search(finding_words(kind)), kind


def test_a_code_without_words_falls_back_to_its_class_with_the_english_detail_marked(qapp):
    with chinese():
        what, todo = words(errors.ApprovalError("Request R7 was eaten by a dog.", code="approval_dog", request="R7"))
        assert what.startswith("此次签章没有有效的审批。") and "详细信息（英文）：Request R7 was eaten by a dog." in what
        assert todo == "文件须经审批后方可签章。"
        what, _todo = words(errors.SealUnusableError("Seal 'x' is off."))  # a class's words say which kind only
        assert what == "该印章当前不能用于签章。\n详细信息（英文）：Seal 'x' is off."
        assert words(errors.AuthError("Wrong user name or password."))[0] == "用户名或密码错误。"  # all one meaning
        what, _todo = words(errors.DamagedPdfError("a.pdf is damaged: xref."))  # its words need {file}: not given
        assert "详细信息（英文）：a.pdf is damaged: xref." in what
        what, _todo = words(KeyError("boom"))
        assert what.startswith("操作未能完成。") and "KeyError" in what


def test_english_is_the_source(qapp):
    what, todo = words(errors.AccountLockedError("…", user="custodian",
                                                 until=dt.datetime(2026, 12, 6, 15, 30, tzinfo=dt.timezone.utc)
                                                 .isoformat()))
    local = dt.datetime(2026, 12, 6, 15, 30, tzinfo=dt.timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
    assert what == f"The account custodian is locked until {local}."
    assert todo == "Wait until then, or ask the office to unlock it."


def test_the_pickled_error_keeps_its_code_and_facts():
    import pickle

    exc = pickle.loads(pickle.dumps(errors.PinIncorrectError("PIN incorrect", code="pin_incorrect_final_try",
                                                             token="seal-key", final_try=True)))
    assert exc.code == "pin_incorrect_final_try" and exc.facts["token"] == "seal-key" and exc.final_try


# -- the custodian's refusals, raised by the real core ---------------------------------------------------------


def _raised(fn, *args, **kwargs) -> SealStationError:
    with pytest.raises(SealStationError) as caught:
        fn(*args, **kwargs)
    return caught.value


def test_the_output_refusals_in_chinese(qapp, tmp_path):
    home, doc = tmp_path / "home", make_text_pdf(tmp_path / "合同.pdf", 1)
    home.mkdir()
    (tmp_path / "taken.pdf").write_bytes(b"%PDF-1.7\n")
    cases = {
        "output_folder_missing": (tmp_path / "nowhere" / "out.pdf", ["nowhere"]),
        "output_in_station_home": (home / "out.pdf", ["home"]),
        "output_is_input": (doc, ["合同.pdf"]),
        "output_exists": (tmp_path / "taken.pdf", ["taken.pdf"]),
    }
    if os.geteuid() != 0:  # root writes anywhere: os.access says so
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        cases["output_folder_read_only"] = (locked / "out.pdf", ["locked"])
    with chinese():
        for code, (target, names) in cases.items():
            exc = _raised(check_output_path, target, home=home, inputs=(doc,), protected_sha256s=set())
            assert exc.code == code
            _check_chinese(exc, names=names)


def test_the_seals_refusals_in_chinese(qapp):
    now = dt.datetime(2026, 12, 6, 12, tzinfo=dt.timezone.utc)
    usable = dict(seal_id="contract", status=SealStatus.ISSUED, valid_from=now - dt.timedelta(days=30),
                  valid_until=now + dt.timedelta(days=300), stations=("s1",), custodian="custodian",
                  station_id="s1", user="custodian", now=now)
    cases = {
        "seal_suspended": dict(status=SealStatus.SUSPENDED),
        "seal_revoked": dict(status=SealStatus.REVOKED),
        "seal_not_issued": dict(status=SealStatus.MADE),
        "seal_withdrawn": dict(status=SealStatus.WITHDRAWN),
        "seal_expired": dict(valid_until=now - dt.timedelta(days=1)),
        "seal_other_station": dict(station_id="s2"),
        "seal_not_custodian": dict(user="clerk"),
    }
    with chinese():
        for code, change in cases.items():
            exc = _raised(check_usable, **(usable | change))
            assert exc.code == code
            _check_chinese(exc, names=["contract"])
        assert "2026-12-05" in words(_raised(check_usable, **(usable | cases["seal_expired"])))[0]


def test_the_documents_refusals_in_chinese(qapp, tmp_path):
    (tmp_path / "note.pdf").write_text("not a pdf at all")
    (tmp_path / "empty.pdf").write_bytes(b"")
    whole = make_text_pdf(tmp_path / "whole.pdf", 1).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    with chinese():
        for name, code in (("note.pdf", "not_a_pdf"), ("empty.pdf", "empty_file"), ("cut.pdf", None),
                           ("missing.pdf", "document_missing")):
            exc = _raised(read_source_pdf, tmp_path / name)
            assert code is None or exc.code == code, (name, exc.code)
            _check_chinese(exc, names=[name])


def test_the_custodians_day_of_refusals_in_chinese(qapp, station, pin, tmp_path):
    """Unapproved, used up, off the page, a wrong password, more copies than are left: each worded, each named."""
    doc = make_text_pdf(tmp_path / "notice.pdf", 2)
    with chinese():
        exc = _raised(station.stamping().plan_stamp, StampRequestSpec(doc, "official", Placement(1, (900.0, 50.0)),
                                                           tmp_path / "out.pdf"))
        assert exc.code == "off_page"
        what, todo = _check_chinese(exc)
        assert "第 1 页" in what and "mm" in todo

        plan = station.stamping().plan_stamp(StampRequestSpec(doc, "official", Placement(1, (60.0, 50.0)), tmp_path / "out.pdf"))
        for check in (lambda: station.stamping().check_stamp_before_login(plan, user="custodian"),
                      lambda: station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))):
            exc = _raised(check)
            assert exc.code == "approval_missing"
            assert _check_chinese(exc, names=["official"])[0] == "该文件没有使用印章 official 的已审批用印申请。"
        exc = _raised(station.stamping().check_stamp_before_login, plan, user="clerk")
        assert exc.code == "seal_not_custodian"
        _check_chinese(exc, names=["clerk", "official"])

        exc = _raised(station.stamping().authorise_stamp, plan, user="custodian", password="not the password")
        assert exc.code == "auth"
        assert _check_chinese(exc)[0] == "用户名或密码错误。"

        stamped = stamp_approved(station, pin, doc, tmp_path / "stamped.pdf")
        again = station.stamping().plan_stamp(StampRequestSpec(doc, "official", Placement(1, (60.0, 50.0)), tmp_path / "again.pdf"))
        exc = _raised(station.stamping().authorise_stamp, again, user="custodian", password=password("custodian"))
        assert exc.code == "approval_used_up"
        _check_chinese(exc, names=["official"])

        exc = _raised(station.printing().plan, stamped.output, copies=5)
        assert exc.code == "print_too_many"
        assert _check_chinese(exc, names=["5", "2"])[0] == "要求打印 5 份，但批准的 2 份中仅剩 2 份。"

        exc = _raised(station.printing().plan, doc, copies=1)
        assert exc.code == "print_not_stamped"
        _check_chinese(exc, names=["notice.pdf"])

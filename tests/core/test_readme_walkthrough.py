"""The README's walkthrough, run as a newcomer runs it: one terminal, the blocks in order, secrets typed at prompts.

The blocks are the ``sh`` blocks that follow a ``<!-- walkthrough -->`` comment in
README.md, and nothing else. They run in one interactive bash on a pseudo-terminal
(so ``getpass`` asks at the terminal, as it does for a person; the command line never
reads a secret from an argument or the environment), from a folder standing for a fresh
clone: its ``.venv`` is this checkout's virtual environment and the code run is this
checkout's. ``HOME`` and ``SEALSTATION_HOME`` are temporary and ``PATH`` holds only the
system's folders, so a bare ``sealstation`` works only after the walkthrough's own
``export PATH=…``. Each prompt is answered from the demo's ``demo-credentials.json``, as
the README tells the newcomer to do.

A block marked ``<!-- walkthrough: TAG -->`` is part of the walkthrough that this test
cannot run; :data:`NOT_RUN` says which and why (one: the setup, which installs packages
as root and from the network). No block of the walkthrough needs a desktop.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

BLOCK = re.compile(r"<!-- walkthrough(?::\s*(?P<tag>[\w-]+))? -->\s*\n```sh\n(?P<body>.*?)```", re.S)

NOT_RUN = {
    "setup": ("bash scripts/demo.sh --no-gui installs Debian packages with apt-get (root, through sudo) and Python "
              "packages with pip (the network) before it builds the demo; this interpreter's environment already has "
              "them, so the test runs what demo.sh ends with: .venv/bin/sealstation demo --no-gui"),
}
SETUP_STANDS_IN = ".venv/bin/sealstation demo --no-gui"

PROMPT = re.compile(r"(?P<prompt>Journal passphrase of (?:this|the) station|Password of (?P<user>[\w-]+)"
                    r"|PIN of the USB key[^\n]*?): $")
DONE = re.compile(r"@@rc=(\d+)@@\n")


@dataclass
class Ran:
    """One command as it was typed, what it printed (stdout and stderr, as the terminal shows them), its exit status
    and the prompts it asked, in order."""

    command: str
    rc: int
    output: str
    prompts: list[str] = field(default_factory=list)


class Terminal:
    """An interactive bash on a pseudo-terminal, typed into line by line; prompts answered from the demo's file."""

    def __init__(self, cwd: Path, env: dict[str, str]):
        pid, fd = pty.fork()
        if pid == 0:  # the child: its own session, with the pty as its controlling terminal (so /dev/tty works)
            os.chdir(cwd)
            os.execve("/bin/bash", ["bash", "--noprofile", "--norc", "--noediting", "-i"], env)
        self.pid, self.fd = pid, fd
        self.credentials: dict | None = None
        self.credentials_path = Path(env["SEALSTATION_HOME"]) / "demo-credentials.json"
        self._collect(Ran("(bash starts)", -1, ""), 30.0)  # its first prompt
        self.run("stty -echo")  # what is typed is not shown (getpass turns echo off itself anyway)

    def answer(self, match: re.Match) -> str:
        if self.credentials is None:
            self.credentials = json.loads(self.credentials_path.read_text(encoding="utf-8"))
        creds = self.credentials
        if match["user"]:
            return creds["users"][match["user"]]
        if match["prompt"].startswith("PIN"):
            return creds["token_pin"]
        return creds["journal_passphrase"]

    def run(self, command: str, timeout: float = 120.0) -> Ran:
        os.write(self.fd, command.encode() + b"\n")
        return self._collect(Ran(command, -1, ""), timeout)

    def _collect(self, ran: Ran, timeout: float) -> Ran:
        """Read what the command prints until bash's next prompt, answering its secret prompts on the way."""
        command, seen, answered = ran.command, b"", 0
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise AssertionError(f"{command!r} did not finish in {timeout:.0f} s; it printed:\n{_text(seen)}")
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: bash is gone
                chunk = b""
            if not chunk:
                raise AssertionError(f"the terminal closed during {command!r}; it printed:\n{_text(seen)}")
            seen += chunk
            text = _text(seen)
            done = DONE.search(text)
            if done:
                ran.rc, ran.output = int(done[1]), text[:done.start()]
                return ran
            asked = PROMPT.search(text, answered)
            if asked:
                ran.prompts.append(asked["prompt"])
                answered = asked.end()
                os.write(self.fd, self.answer(asked).encode() + b"\n")

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").replace("\r\n", "\n")


def walkthrough_blocks() -> list[tuple[str | None, str]]:
    """The README's walkthrough blocks in order: (tag, body); tag None for the blocks the test runs."""
    return [(m["tag"], m["body"]) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]


def commands(body: str) -> list[str]:
    """A block's commands as a person types them: a line continued with a backslash is typed with its continuation."""
    out, current = [], ""
    for line in body.splitlines():
        current += line + "\n"
        if not line.rstrip().endswith("\\"):
            if current.strip():
                out.append(current.rstrip("\n"))
            current = ""
    assert not current.strip(), f"a block ends inside a continued line: {body!r}"
    return out


def _venv() -> Path:
    """The clone's .venv: this checkout's own when it has one, else the environment running the test (a worktree)."""
    own = ROOT / ".venv"
    return own if (own / "bin" / "sealstation").exists() else Path(sys.prefix)


# -- what each command must print (besides exit status 0) --------------------------------------------------------

def _stamp(ran: Ran, seal: str) -> None:
    assert f"with seal '{seal}' on page 2" in ran.output and "written and verified" in ran.output, ran.output
    asked = [p for p in ran.prompts if not p.startswith("Journal")]
    assert asked == ["Password of custodian", f"PIN of the USB key of seal '{seal}'"], ran.prompts


CHECKS = [
    (r"^H=\$\(sealstation home\)$", lambda ran: None),  # what $H became is checked after the walkthrough
    (r"sealstation stamp \$H/documents/contract\.pdf", lambda ran: _stamp(ran, "contract")),
    (r"sealstation stamp ~/contract-stamped\.pdf", lambda ran: _stamp(ran, "legal-rep")),
    (r"sealstation verify ~/contract-stamped\.pdf",
     lambda ran: (_expect(ran, "contract-stamped.pdf: VALID (1 signature(s))"),
                  _expect(ran, "[contract] page 2 at (42, 58) mm"))),
    (r"pdfsig ~/contract-stamped\.pdf", lambda ran: _expect(ran, "Signature Validation: Signature is Valid.")),
    (r"sealstation print ~/contract-final\.pdf", lambda ran: _expect(ran, "Printed 2 of 2 to pdf:")),
    (r"pdfsig -nssdir", lambda ran: _count(ran, "Certificate Validation: Certificate is Trusted.", 2)),
    (r"sealstation sync$", lambda ran: _expect(ran, "office-archive")),
    (r"sealstation archive verify", lambda ran: _expect(ran, "demo-station: ")),
    (r"sealstation report monthly", lambda ran: _expect(ran, "0 finding(s)")),
    (r"sealstation backup --out", lambda ran: _expect(ran, "Backup of station demo-station written")),
    (r"sealstation backup verify", lambda ran: (_expect(ran, "GOOD: backup of station demo-station"),
                                                _expect(ran, "match the manifest"))),
    (r"sealstation backup restore", lambda ran: _expect(ran, "Restored station demo-station into")),
    (r"sealstation journal verify --home ~/restored-station", lambda ran: _expect(ran, "Journal intact")),
]


def _expect(ran: Ran, words: str) -> None:
    assert words in ran.output, f"{ran.command!r} should print {words!r}; it printed:\n{ran.output}"


def _count(ran: Ran, words: str, n: int) -> None:
    assert ran.output.count(words) == n, f"{ran.command!r} should print {words!r} {n} times:\n{ran.output}"


def _check(ran: Ran, used: set[str]) -> None:
    assert ran.rc == 0, f"{ran.command!r} exited {ran.rc}:\n{ran.output}"
    assert "Traceback" not in ran.output, ran.output
    for pattern, check in CHECKS:
        if re.search(pattern, ran.command.splitlines()[0].split("#")[0].rstrip()):
            check(ran)
            used.add(pattern)


# -- where the ink is ----------------------------------------------------------------------------------------------

def _red_share(image, box_pt: tuple[float, float, float, float], dpi: int) -> float:
    """The share of strongly red pixels in a box given in PDF points (top-left origin, as PyMuPDF's search gives)."""
    k = dpi / 72
    x0, y0, x1, y1 = (round(v * k) for v in box_pt)
    pixels = [image.getpixel((x, y)) for x in range(x0, x1) for y in range(y0, y1)]
    red = sum(1 for r, g, b in pixels if r > 150 and g < 110 and b < 110)
    return red / max(1, len(pixels))


def _check_ink_on_the_seal_line(contract: Path, final: Path, folder: Path) -> None:
    """pdftoppm's rendering: red ink on 盖章 of 甲方（盖章）, and none on 乙方's line (the other party stamps it)."""
    import pymupdf
    from PIL import Image

    with pymupdf.open(contract) as doc:
        page = doc[1]
        line = page.search_for("甲方（盖章）")
        assert len(line) == 1, "the demo contract's 甲方（盖章） line is gone"
        ours = [r for r in page.search_for("盖章") if r.intersects(line[0])]
        theirs = page.search_for("乙方（盖章）")[0]
        name_seal = pymupdf.Rect(65, 48, 85, 68) * (72 / 25.4)  # legal-rep: 20 mm square centred at (75, 58) mm
    dpi = 100
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", str(dpi), "-png", "-singlefile", str(final),
                    str(folder / "readme-contract-final-p2")], check=True)
    with Image.open(folder / "readme-contract-final-p2.png") as im:
        rgb = im.convert("RGB")
        assert _red_share(rgb, tuple(ours[0]), dpi) > 0.05, "no seal ink on 盖章 of the 甲方 line"
        assert _red_share(rgb, tuple(name_seal), dpi) > 0.05, "no ink where the legal representative's seal goes"
        assert _red_share(rgb, tuple(theirs), dpi) == 0, "ink on 乙方's line: the seal is not where the README says"


# -- the test ------------------------------------------------------------------------------------------------------

def test_the_readme_walkthrough_runs_as_written(tmp_path, artifacts):
    blocks = walkthrough_blocks()
    skipped = [tag for tag, _ in blocks if tag]
    assert skipped == list(NOT_RUN), f"walkthrough blocks this test does not run: {skipped}; known: {list(NOT_RUN)}"
    assert blocks and blocks[0][0] == "setup", "the walkthrough starts with its setup block"
    run_blocks = [body for tag, body in blocks if not tag]
    assert len(run_blocks) >= 5, "the README's walkthrough blocks were not found (their <!-- walkthrough --> marks?)"

    home = tmp_path / "home"
    home.mkdir()
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / ".venv").symlink_to(_venv())
    station_home = home / "station"
    env = {"HOME": str(home), "SEALSTATION_HOME": str(station_home), "PATH": "/usr/bin:/bin",
           "LANG": "C.UTF-8", "TERM": "dumb", "PS1": "", "PS2": "",
           "PROMPT_COMMAND": "printf '@@rc=%d@@\\n' $?",
           "PYTHONPATH": str(ROOT),  # the code of this checkout, whatever the .venv's editable install points at
           "PYTHONDONTWRITEBYTECODE": "1"}
    terminal = Terminal(clone, env)
    used: set[str] = set()
    log = []
    try:
        started = time.monotonic()
        built = terminal.run(SETUP_STANDS_IN)
        log.append(built)
        assert built.rc == 0 and "Demo station ready" in built.output, built.output
        for body in run_blocks:
            for command in commands(body):
                ran = terminal.run(command)
                log.append(ran)
                _check(ran, used)
        elapsed = time.monotonic() - started
        where = terminal.run('printf "%s\\n" "$H"')
        assert where.output.strip() == str(station_home), "$H is not the station home the commands used"
    finally:
        terminal.close()
        (artifacts / "readme-walkthrough.log").write_text(
            "\n".join(f"$ {r.command}\n{r.output}[exit {r.rc}; asked: {', '.join(r.prompts) or 'nothing'}]\n"
                      for r in log), encoding="utf-8")
    missing = [pattern for pattern, _ in CHECKS if pattern not in used]
    assert not missing, f"the walkthrough no longer runs these checked commands: {missing}"

    copies = home / "contract-copies.pdf"
    info = subprocess.run(["pdfinfo", str(copies)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+4$", info, re.M), info  # two copies of the two-page contract
    _check_ink_on_the_seal_line(station_home / "documents" / "contract.pdf", home / "contract-final.pdf", artifacts)
    assert (home / "report.xlsx").stat().st_size > 0
    assert elapsed < 90, f"the walkthrough took {elapsed:.0f} s"

"""Mutation fuzzing of clausecheck's loaders, seeded from the fixture corpus.

Every case is a fixture (PDF, DOCX, text) changed by one mutation: truncation, bit flips, garbled or
deleted byte ranges; for DOCX a zip member removed, swapped, renamed or its XML corrupted; for PDF a
broken cross-reference table or trailer, a page-tree or self-referencing object loop, a forged page
count or thousands of pages. Each case runs through :func:`clausecheck.loaders.load` in a worker
process under an address-space cap and a time limit. The only acceptable outcomes are a Document or
one of clausecheck's typed errors (one line); anything else (another exception, a multi-line message,
a crash, a hang, running out of memory) is *unexpected*, and its input is kept as a reproducer in
``bench/out/fuzz/`` with a ``.txt`` saying what happened.

    python bench/fuzz.py --cases 3000 --seed 1            # targeted cases + 3000 random ones
    python bench/fuzz.py --seed 1 --only 1234             # re-run one random case

Cases are reproducible: case ``n`` of seed ``s`` always makes the same bytes.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import select
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "contracts"
BAD = ROOT / "fixtures" / "bad"
OUT = ROOT / "bench" / "out" / "fuzz"
SUFFIXES = (".pdf", ".docx", ".docm", ".txt", ".md")
MiB = 1024 * 1024
PARENT_CAP = 2048 * MiB
MAX_GROWTH = 8 * MiB  # the most a duplicating mutation adds
MAX_REZIP = 16 * MiB  # a zip bomb from fixtures/bad is mutated as bytes, never inflated by the fuzzer
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml", "word/numbering.xml", "word/styles.xml",
              "word/_rels/document.xml.rels", "_rels/.rels")

Mutator = Callable[[random.Random, bytes], tuple[bytes, str]]


@dataclass(frozen=True)
class Case:
    """One input to try: ``name`` identifies it (``r<n>`` for random case n, else the targeted name)."""

    name: str
    source: str
    mutation: str
    suffix: str
    data: bytes


@dataclass
class Result:
    """What one case ended in; ``unexpected`` holds the traceback or crash description, if any."""

    case: Case
    outcome: str
    seconds: float
    unexpected: str = ""


@dataclass
class Summary:
    """Figures of a fuzz run."""

    results: list[Result] = field(default_factory=list)
    peak_rss_kib: int = 0
    seconds: float = 0.0

    @property
    def outcomes(self) -> Counter[str]:
        return Counter(r.outcome for r in self.results)

    @property
    def unexpected(self) -> list[Result]:
        return [r for r in self.results if r.unexpected]

    @property
    def slowest(self) -> Result | None:
        return max(self.results, key=lambda r: r.seconds, default=None)

    def report(self) -> str:
        """The figures as readable lines."""
        lines = [f"cases run: {len(self.results)} in {self.seconds:.0f} s"]
        lines += [f"  {name:<18} {count}" for name, count in sorted(self.outcomes.items())]
        lines.append(f"unexpected: {len(self.unexpected)}")
        lines += [f"  {r.case.name} {r.case.source} [{r.case.mutation}]: {r.outcome}"
                  for r in self.unexpected]
        slowest = self.slowest
        if slowest:
            lines.append(f"slowest case: {slowest.seconds:.2f} s, {slowest.case.name} {slowest.case.source} "
                         f"[{slowest.case.mutation}] -> {slowest.outcome}")
        lines.append(f"peak RSS of a worker: {self.peak_rss_kib / 1024:.0f} MiB")
        return "\n".join(lines)


# --- generic byte mutations -------------------------------------------------------------------------

def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    cut = rng.randrange(len(data))
    return data[:cut], f"truncate at {cut}"


def bit_flips(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    out = bytearray(data)
    count = rng.choice((1, 2, 8, 64))
    for _ in range(count):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out), f"{count} bit flips"


def garble(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    start = rng.randrange(len(data))
    length = rng.randint(1, 4096)
    filler = rng.choice(("random", "zeros", "ff"))
    size = min(length, len(data) - start)
    chunk = {"random": rng.randbytes(size), "zeros": bytes(size), "ff": b"\xff" * size}[filler]
    return data[:start] + chunk + data[start + size:], f"{filler} over {start}+{size}"


def delete_range(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    start = rng.randrange(len(data))
    length = rng.randint(1, 4096)
    return data[:start] + data[start + length:], f"delete {start}+{length}"


def duplicate_range(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    start = rng.randrange(len(data))
    chunk = data[start:start + rng.randint(1, 4096)]
    at = rng.randrange(len(data))
    return data[:at] + chunk * rng.randint(1, 8) + data[at:], f"duplicate {start}+{len(chunk)} at {at}"


GENERIC: list[Mutator] = [truncate, bit_flips, garble, delete_range, duplicate_range]


# --- DOCX: zip members and their XML ---------------------------------------------------------------

def zip_members(data: bytes) -> list[tuple[str, bytes]]:
    """The members of a zip, in order; ValueError for a zip too big to inflate here (a bomb)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_REZIP:
            raise ValueError("too big to re-zip")
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def make_zip(members: Iterable[tuple[str, bytes]], stored: bool = False) -> bytes:
    """A zip of ``members`` (duplicate names allowed, as in a hostile file)."""
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of some mutations
        with zipfile.ZipFile(out, "w", method) as archive:
            for name, body in members:
                archive.writestr(name, body)
    return out.getvalue()


def _xml_names(members: list[tuple[str, bytes]]) -> list[str]:
    return [name for name, _ in members if name.endswith((".xml", ".rels"))]


def drop_member(members: list[tuple[str, bytes]], name: str) -> list[tuple[str, bytes]]:
    return [(n, body) for n, body in members if n != name]


def corrupt_xml(rng: random.Random, xml: bytes) -> tuple[bytes, str]:
    """One way of breaking an XML part, or of making it valid but strange."""
    how = rng.choice(("truncate", "garble", "unclose", "stray-close", "extreme-values", "nest",
                      "bad-namespace", "duplicate-element", "drop-tag", "not-xml", "empty"))
    if how == "truncate":
        return xml[:rng.randrange(len(xml) + 1)], how
    if how == "garble":
        return garble(rng, xml)[0], how
    if how == "unclose":
        tags = [m.start() for m in re.finditer(rb"</", xml)]
        if tags:
            at = rng.choice(tags)
            end = xml.find(b">", at)
            return xml[:at] + xml[end + 1:], how
    if how == "stray-close":
        at = rng.randrange(len(xml) + 1)
        return xml[:at] + b"</w:p></w:body>" + xml[at:], how
    if how == "extreme-values":
        value = rng.choice((b"-1", b"0", b"99999999999999999999", b"abc", b"", b"1e308", b"\xe2\x80\xae"))
        return re.sub(rb'(w:(?:val|ilvl|numId|abstractNumId|start|w|sz|hAnsi))="[^"]*"',
                      lambda m: m.group(1) + b'="' + value + b'"', xml), f"{how} {value!r}"
    if how == "nest":
        depth = rng.choice((50, 255, 300, 5000))
        at = xml.find(b"<w:body>")
        if at >= 0:
            at += len(b"<w:body>")
            return xml[:at] + b"<w:sdt>" * depth + b"</w:sdt>" * depth + xml[at:], f"{how} {depth}"
    if how == "bad-namespace":
        return xml.replace(b"schemas.openxmlformats.org", b"example.invalid", 1), how
    if how == "duplicate-element":
        paragraphs = [m.span() for m in re.finditer(rb"<w:p[ >].*?</w:p>", xml, re.S)]
        if paragraphs:
            start, end = rng.choice(paragraphs)
            copies = min(rng.choice((2, 100, 2000)), max(1, MAX_GROWTH // (end - start)))
            return xml[:end] + xml[start:end] * copies + xml[end:], f"{how} x{copies}"
    if how == "drop-tag":
        tags = [m.span() for m in re.finditer(rb"<[^>]+>", xml)]
        if tags:
            start, end = rng.choice(tags)
            return xml[:start] + xml[end:], how
    if how == "not-xml":
        return b"PK\x03\x04 this is not XML \x00\x01", how
    return b"", "empty"


def docx_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Change the package: a member removed, swapped, renamed, duplicated or its XML corrupted."""
    members = zip_members(data)
    names = [name for name, _ in members]
    how = rng.choice(("drop", "drop", "corrupt", "corrupt", "corrupt", "swap", "rename", "duplicate",
                      "stored", "flip-inside"))
    if how == "drop":
        name = rng.choice([n for n in DOCX_PARTS if n in names] + [rng.choice(names)])
        return make_zip(drop_member(members, name)), f"drop {name}"
    if how == "corrupt":
        name = rng.choice([n for n in DOCX_PARTS if n in names] + _xml_names(members))
        body, detail = corrupt_xml(rng, dict(members)[name])
        return make_zip((n, body if n == name else b) for n, b in members), f"corrupt {name}: {detail}"
    if how == "swap":
        first, second = rng.sample(names, 2)
        bodies = dict(members)
        swapped = {first: bodies[second], second: bodies[first]}
        return make_zip((n, swapped.get(n, b)) for n, b in members), f"swap {first} <> {second}"
    if how == "rename":
        name = rng.choice(names)
        return make_zip(((n + ".old" if n == name else n), b) for n, b in members), f"rename {name}"
    if how == "duplicate":
        name = rng.choice(names)
        other = rng.choice(members)[1]
        return make_zip([*members, (name, other)]), f"duplicate member {name}"
    if how == "stored":
        return make_zip(members, stored=True), "re-zipped without compression"
    name = rng.choice(_xml_names(members))
    body, detail = bit_flips(rng, dict(members)[name])
    return make_zip((n, body if n == name else b) for n, b in members), f"{detail} inside {name}"


def docx_targeted(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Each key part removed, each made not-XML, the two main parts swapped."""
    members = zip_members(data)
    names = [name for name, _ in members]
    for name in DOCX_PARTS:
        if name in names:
            yield f"drop {name}", make_zip(drop_member(members, name))
            yield f"not-XML {name}", make_zip((n, b"<oops" if n == name else b) for n, b in members)
    bodies = dict(members)
    swapped = {"word/document.xml": bodies["word/styles.xml"], "word/styles.xml": bodies["word/document.xml"]}
    yield "swap document.xml <> styles.xml", make_zip((n, swapped.get(n, b)) for n, b in members)


# --- PDF: cross-reference table, trailer, page tree ------------------------------------------------

OBJECT = re.compile(rb"(\d+) 0 obj")
PAGES = re.compile(rb"(\d+) 0 obj\s*<<(?:(?!endobj).)*?/Type\s*/Pages\b", re.S)
PAGE = re.compile(rb"(\d+) 0 obj\s*<<(?:(?!endobj).)*?/Type\s*/Page\b(?!s)", re.S)
KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
COUNT = re.compile(rb"/Count\s+\d+")


def fix_xref(data: bytes) -> bytes:
    """Rewrite a classic cross-reference table so every object's offset is right again (so a
    structural mutation is met by the parser, not hidden by PDFium's repair of a broken table)."""
    start = data.rfind(b"\nxref")
    trailer = data.find(b"trailer", start)
    if start < 0 or trailer < 0:
        return data
    offsets = {int(m.group(1)): m.start() for m in OBJECT.finditer(data, 0, start)}
    size = max(offsets, default=0) + 1
    if size > 10 * len(offsets) + 1000:  # a garbled object number: a table that big would fill memory
        return data
    free = b"0000000000 65535 f \n"
    rows = [free] + [(b"%010d 00000 n \n" % offsets[n]) if n in offsets else free for n in range(1, size)]
    table = b"\nxref\n0 %d\n" % size + b"".join(rows)
    tail = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, data[trailer:])
    tail = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % (start + 1), tail)
    return data[:start] + table + tail


def _replace_object(data: bytes, number: int, body: bytes) -> bytes:
    match = re.search(rb"(?<!\d)%d 0 obj.*?endobj" % number, data, re.S)
    if not match:
        return data
    return data[:match.start()] + b"%d 0 obj\n%s\nendobj" % (number, body) + data[match.end():]


def pdf_structure(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A structural change; half the time the xref table is rebuilt so the parser meets it head on."""
    how = rng.choice(("xref-garble", "xref-shift", "no-trailer", "startxref", "kids-loop", "parent-loop",
                      "self-reference", "count", "many-pages", "type-swap", "length"))
    out = _pdf_change(rng, data, how)
    if how not in ("xref-garble", "xref-shift", "no-trailer", "startxref") and rng.random() < 0.5:
        return fix_xref(out), how + " (xref rebuilt)"
    return out, how


def _pdf_change(rng: random.Random, data: bytes, how: str) -> bytes:
    pages = PAGES.search(data)
    page = PAGE.search(data)
    xref = data.rfind(b"\nxref")
    if how == "xref-garble" and xref >= 0:
        end = data.find(b"trailer", xref)
        return data[:xref] + garble(rng, data[xref:end])[0] + data[end:]
    if how == "xref-shift" and xref >= 0:
        delta = rng.choice((-7, 1, 100, 10**9))
        return re.sub(rb"(\d{10}) (\d{5}) n",
                      lambda m: b"%010d %s n" % (max(0, int(m.group(1)) + delta) % 10**10, m.group(2)), data)
    if how == "no-trailer":
        return re.sub(rb"trailer\s*<<.*?>>\s*(?=startxref)", b"", data, flags=re.S)
    if how == "startxref":
        return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.choice((0, 1, len(data), 2**63)), data)
    if how == "kids-loop" and pages:
        return KIDS.sub(lambda m: b"/Kids [" + pages.group(1) + b" 0 R " + m.group(1) + b"]", data, count=1)
    if how == "parent-loop" and page:
        number = page.group(1)
        return re.sub(rb"/Parent\s+\d+ 0 R", b"/Parent " + number + b" 0 R", data)
    found = pages or page or OBJECT.search(data)
    if how == "self-reference" and found:
        target = int(found.group(1))
        return _replace_object(data, target, b"%d 0 R" % target)
    if how == "count":
        value = rng.choice((b"0", b"-1", b"100000", b"2147483647", b"99999999999"))
        return COUNT.sub(b"/Count " + value, data)
    if how == "many-pages" and pages:
        return many_pages(data, rng.choice((2001, 5000, 20000)))
    if how == "type-swap":
        return data.replace(b"/Type /Pages", b"/Type /Page", 1).replace(b"/Type /Font", b"/Type /Pages", 1)
    if how == "length":
        value = rng.choice((b"0", b"-5", b"99999999", b"1 0 R"))
        return re.sub(rb"/Length\s+\d+", b"/Length " + value, data, count=1)
    return truncate(rng, data)[0]


def many_pages(data: bytes, count: int) -> bytes:
    """The PDF with ``count`` distinct tiny pages added to its page tree (xref rebuilt): thousands of
    pages in a fraction of a second."""
    tree_root = PAGES.search(data)
    assert tree_root is not None
    parent = int(tree_root.group(1))
    first = max(int(m.group(1)) for m in OBJECT.finditer(data)) + 1
    numbers = range(first, first + count)
    objects = b"".join(b"%d 0 obj\n<</Type/Page/Parent %d 0 R/MediaBox[0 0 72 72]>>\nendobj\n" % (n, parent)
                       for n in numbers)
    match = re.search(rb"(?<!\d)%d 0 obj.*?endobj" % parent, data, re.S)
    assert match is not None
    kids = b" ".join(b"%d 0 R" % n for n in numbers)
    tree = KIDS.sub(lambda m: b"/Kids [" + m.group(1) + b" " + kids + b"]", match.group(0), count=1)
    tree = COUNT.sub(lambda m: b"/Count %d" % (count + 1), tree, count=1)
    at = data.rfind(b"\nxref") + 1
    return fix_xref(data[:match.start()] + tree + data[match.end():at] + objects + data[at:])


PDF_TARGETED = ("kids-loop", "parent-loop", "self-reference", "count", "many-pages", "no-trailer",
                "xref-shift", "type-swap")


def pdf_targeted(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Each structural change, with the broken xref as made and with the table rebuilt."""
    for how in PDF_TARGETED:
        changed = _pdf_change(random.Random(how), data, how)
        yield how, changed
        yield how + " (xref rebuilt)", fix_xref(changed)


# --- text -------------------------------------------------------------------------------------------

def text_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Odd encodings and odd characters in a text contract."""
    how = rng.choice(("nul", "bad-utf8", "bom", "long-line", "numbered", "form-feeds", "controls"))
    at = rng.randrange(len(data) + 1)
    if how == "nul":
        return data[:at] + b"\x00" * rng.randint(1, 100) + data[at:], how
    if how == "bad-utf8":
        bad = rng.choice((b"\xc3", b"\xed\xa0\x80", b"\xff\xfe", b"\xf4\x90\x80\x80"))
        return data[:at] + bad + data[at:], how
    if how == "bom":
        return rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00")) + data, how
    if how == "long-line":
        return data[:at] + b"x" * rng.choice((10_000, 1_000_000)) + data[at:], how
    if how == "numbered":
        depth = rng.choice((1, 3, 12))
        label = ".".join(["1"] * depth)
        return data + b"".join(b"\n%s.%d Clause %d.\n" % (label.encode(), n, n) for n in range(3000)), how
    if how == "form-feeds":
        return data[:at] + b"\f" * rng.choice((10, 2500)) + data[at:], how
    return data[:at] + bytes(rng.randrange(32) for _ in range(50)) + data[at:], how


# --- cases ------------------------------------------------------------------------------------------

def corpus(folders: tuple[Path, ...] = (CORPUS, BAD)) -> list[Path]:
    """The fixtures to mutate: the sample contracts, then the broken and hostile files."""
    return [p for folder in folders for p in sorted(folder.iterdir())
            if p.suffix in SUFFIXES and p.is_file() and p.stat().st_size]


def _kind(path: Path) -> str:
    return {".pdf": "pdf", ".docx": "docx", ".docm": "docx"}.get(path.suffix, "text")


SPECIFIC: dict[str, Mutator] = {"pdf": pdf_structure, "docx": docx_mutation, "text": text_mutation}


def random_case(seed: int, index: int, sources: list[Path]) -> Case:
    """Random case ``index`` of ``seed``: a fixture and one mutation (format-specific half the time)."""
    rng = random.Random(f"{seed}:{index}")
    source = rng.choice(sources)
    data = source.read_bytes()
    mutate = SPECIFIC[_kind(source)] if rng.random() < 0.5 else rng.choice(GENERIC)
    try:
        mutated, detail = mutate(rng, data)
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, RuntimeError, AssertionError,
            zlib.error):  # a broken or bomb fixture: mutate its bytes instead
        mutate = garble
        mutated, detail = garble(rng, data)
    return Case(f"r{index}", source.name, f"{mutate.__name__}: {detail}", source.suffix, mutated)


def targeted_cases(sources: list[Path]) -> list[Case]:
    """Deterministic structural cases on the first DOCX and first PDF of the corpus."""
    cases = []
    docx = next(p for p in sources if p.suffix == ".docx")
    pdf = next(p for p in sources if p.suffix == ".pdf")
    for n, (detail, data) in enumerate(docx_targeted(docx.read_bytes())):
        cases.append(Case(f"t-docx{n}", docx.name, detail, ".docx", data))
    for n, (detail, data) in enumerate(pdf_targeted(pdf.read_bytes())):
        cases.append(Case(f"t-pdf{n}", pdf.name, detail, ".pdf", data))
    return cases


# --- running cases in capped worker processes -------------------------------------------------------

class Worker:
    """A ``python bench/fuzz.py --worker`` child: reads file paths, answers one JSON line each."""

    def __init__(self, memory_mib: int, pack: str | None = None) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", "--memory", str(memory_mib),
             *(["--check", pack] if pack else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        self.case: Case | None = None
        self.path: Path | None = None
        self.started = 0.0

    def send(self, case: Case, path: Path) -> None:
        self.case, self.path, self.started = case, path, time.monotonic()
        assert self.process.stdin is not None
        self.process.stdin.write(str(path) + "\n")
        self.process.stdin.flush()

    def receive(self) -> dict | None:
        """The answer, or None when the worker died."""
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        return json.loads(line) if line else None

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            assert self.process.stdin is not None
            self.process.stdin.close()
        self.process.wait()


def worker_main(memory_mib: int, pack: str | None = None) -> None:
    """Child side: load each path under the memory cap (and check it with ``pack``, if given);
    classify the outcome."""
    cap = memory_mib * MiB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from clausecheck.api import check
    from clausecheck.engine import load_rules
    from clausecheck.errors import ClauseCheckError
    from clausecheck.loaders import load
    from clausecheck.memory import peak_rss_kib

    if pack:
        load_rules([pack])  # once, before the clock runs for the first case
    for line in sys.stdin:
        started = time.perf_counter()
        unexpected = ""
        try:
            document = load(line.rstrip("\n"))
            if pack:
                check(document, packs=[pack])
            outcome = "Document" if document.clauses else "Document (empty)"
        except ClauseCheckError as error:
            outcome = type(error).__name__
            if "\n" in str(error) or not str(error):
                unexpected = f"message is not one line: {str(error)!r}"
        except BaseException as error:  # every other exception is a finding
            outcome = type(error).__name__
            unexpected = traceback.format_exc()
        peak = peak_rss_kib()
        answer = {"outcome": outcome, "seconds": time.perf_counter() - started, "unexpected": unexpected,
                  "peak_rss_kib": peak}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def run_cases(cases: Iterable[Case], *, jobs: int = 1, timeout: float = 30.0, memory_mib: int = 512,
              pack: str | None = None,
              keep: Path | None = OUT, progress: Callable[[int], None] | None = None) -> Summary:
    """Run ``cases`` in ``jobs`` workers; a case over ``timeout`` seconds is a hang (worker killed).
    Reproducers of unexpected outcomes go to ``keep`` (None: not kept)."""
    summary = Summary()
    started = time.monotonic()
    pending = iter(cases)
    workers = [Worker(memory_mib, pack) for _ in range(jobs)]
    with tempfile.TemporaryDirectory(prefix="clausecheck-fuzz-") as scratch:
        idle = list(workers)
        busy: list[Worker] = []
        exhausted = False
        while busy or not exhausted:
            while idle and not exhausted:
                case = next(pending, None)
                if case is None:
                    exhausted = True
                    break
                path = Path(scratch) / f"{case.name}{case.suffix}"
                path.write_bytes(case.data)
                worker = idle.pop()
                worker.send(case, path)
                busy.append(worker)
            if not busy:
                break
            now = time.monotonic()
            wait = max(0.0, min(w.started + timeout for w in busy) - now)
            ready, _, _ = select.select([w.process.stdout for w in busy], [], [], wait)
            for worker in list(busy):
                assert worker.case is not None and worker.path is not None
                elapsed = time.monotonic() - worker.started
                if worker.process.stdout in ready:
                    answer = worker.receive()
                    if answer is None:
                        code = worker.process.wait()
                        result = Result(worker.case, "crash", elapsed, f"worker died (exit status {code})")
                    else:
                        summary.peak_rss_kib = max(summary.peak_rss_kib, answer["peak_rss_kib"])
                        result = Result(worker.case, answer["outcome"], answer["seconds"],
                                        answer["unexpected"])
                elif elapsed > timeout:
                    result = Result(worker.case, "hang", elapsed, f"no answer within {timeout:g} s")
                    worker.stop(kill=True)
                else:
                    continue
                busy.remove(worker)
                worker.path.unlink(missing_ok=True)
                if result.outcome in ("crash", "hang"):
                    workers.remove(worker)
                    worker = Worker(memory_mib, pack)
                    workers.append(worker)
                idle.append(worker)
                summary.results.append(result)
                if result.unexpected and keep is not None:
                    _keep(keep, result)
                if progress:
                    progress(len(summary.results))
    for worker in workers:
        worker.stop()
    summary.seconds = time.monotonic() - started
    return summary


def _keep(folder: Path, result: Result) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"fuzz-{result.case.name}-{result.outcome}"
    stem.with_suffix(result.case.suffix).write_bytes(result.case.data)
    stem.with_suffix(".txt").write_text(
        f"source: {result.case.source}\nmutation: {result.case.mutation}\noutcome: {result.outcome}\n"
        f"seconds: {result.seconds:.2f}\n\n{result.unexpected}\n", encoding="utf-8")


def fuzz(cases: int, seed: int, *, targeted: bool = True, **options: object) -> Summary:
    """The targeted cases (if asked) and then ``cases`` random ones of ``seed``."""
    sources = corpus()
    chosen: list[Case] = targeted_cases(sources) if targeted else []

    def generate() -> Iterator[Case]:
        yield from chosen
        for index in range(cases):
            yield random_case(seed, index, sources)

    return run_cases(generate(), **options)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=3000, help="random cases after the targeted ones")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", type=int, default=None, help="run only random case N of the seed")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a case is a hang")
    parser.add_argument("--memory", type=int, default=512, help="address-space cap of a worker, MiB")
    parser.add_argument("--check", metavar="PACK", default=None,
                        help="also run the rule engine with this built-in pack on every Document")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for reproducers")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker_main(args.memory, args.check)
        return 0
    # the case generator runs here, uncapped otherwise: a bug in it must not exhaust the machine
    resource.setrlimit(resource.RLIMIT_AS, (PARENT_CAP, PARENT_CAP))
    options = {"jobs": args.jobs, "timeout": args.timeout, "memory_mib": args.memory, "keep": args.out,
               "pack": args.check}
    if args.only is not None:
        summary = run_cases([random_case(args.seed, args.only, corpus())], **options)  # type: ignore[arg-type]
        for result in summary.results:
            print(result.case.source, result.case.mutation, "->", result.outcome, result.unexpected)
    else:
        def progress(done: int) -> None:
            if done % 500 == 0:
                print(f"... {done} cases", file=sys.stderr, flush=True)

        summary = fuzz(args.cases, args.seed, progress=progress, **options)  # type: ignore[arg-type]
    print(f"seed {args.seed}, {args.jobs} worker(s), {args.memory} MiB address-space cap, "
          f"{args.timeout:g} s per case")
    print(summary.report())
    return 1 if summary.unexpected else 0


if __name__ == "__main__":
    sys.exit(main())

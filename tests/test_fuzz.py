"""Fuzzing: rule matching on arbitrary text, and a short fixed-seed mutation run of the loaders.

The long mutation run is ``python bench/fuzz.py --cases 3000`` (see that module).
"""

from __future__ import annotations

import random
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausecheck.api import check
from clausecheck.engine import load_rules
from clausecheck.errors import ClauseCheckError
from clausecheck.limits import DEFAULT_LIMITS
from clausecheck.model import Block, RawDocument
from clausecheck.reader.findings import PACK as READER
from clausecheck.render import FORMATS, render
from clausecheck.segment import segment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402  (bench/fuzz.py: the mutation engine)

PACKS = ("gig", "wga", "speech")


@cache
def example_sentences() -> list[str]:
    """Sentences the chosen packs' rules are written to flag or to pass: so findings do occur."""
    rules = load_rules(PACKS).rules
    return sorted({e.text for r in rules for e in (*r.examples_match, *r.examples_no_match)})


def clause_texts() -> st.SearchStrategy[str]:
    noise = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    pieces = st.lists(st.sampled_from(example_sentences()) | noise | st.sampled_from(
        ["1.", "(a)", "\n", "not", "shall", "AI", "train", "“", "”", "\u00ad", "\u200b", "ﬁ", "İ", "ß"]),
        min_size=1, max_size=6)
    return pieces.map(" ".join)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(clause_texts(), min_size=1, max_size=5))
def test_check_on_arbitrary_text_keeps_findings_inside_their_clause_and_renders(texts: list[str]) -> None:
    raw = RawDocument(format="text", pages=1, blocks=[Block(text=t) for t in texts])
    try:
        document = segment(raw, path="fuzz.txt", sha256="0" * 64, limits=DEFAULT_LIMITS)
        report = check(document, packs=PACKS)
    except ClauseCheckError:
        return
    for finding in report.findings:
        if finding.clause is None:
            assert not finding.spans
            continue
        text = document.clauses[finding.clause].text
        assert finding.spans or finding.pack == READER  # the reader quotes a whole clause, no words
        for span in finding.spans:
            assert 0 <= span.start < span.end <= len(text)
        assert finding.quote.strip()
    for fmt in FORMATS:  # every report format renders whatever the text holds
        assert render(report, fmt)


def test_findings_do_occur_in_the_generated_texts() -> None:
    """The strategy above is only useful if matching rules fire on it: check one known case."""
    sentence = next(s for s in example_sentences() if "train" in s.lower())
    raw = RawDocument(format="text", pages=1, blocks=[Block(text=sentence)])
    document = segment(raw, path="fuzz.txt", sha256="0" * 64, limits=DEFAULT_LIMITS)
    assert check(document, packs=PACKS).findings


def test_targeted_mutations_end_in_a_document_or_a_typed_error(tmp_path: Path) -> None:
    """Every key DOCX part removed or not XML; PDF loops, self-references, forged counts, 5,000 pages."""
    summary = fuzz.run_cases(fuzz.targeted_cases(fuzz.corpus()), keep=tmp_path)
    assert not summary.unexpected, summary.report()
    outcome = {r.case.mutation: r.outcome for r in summary.results}
    assert outcome["drop word/document.xml"] == "UnsupportedFormat"
    assert outcome["not-XML word/document.xml"] == "CorruptFile"
    assert outcome["many-pages"] == "TooLarge"
    assert outcome["self-reference (xref rebuilt)"] == "CorruptFile"
    assert max(r.seconds for r in summary.results) < 10


def test_short_fixed_seed_random_run(tmp_path: Path) -> None:
    summary = fuzz.fuzz(120, seed=20261122, targeted=False, keep=tmp_path, timeout=60)
    assert len(summary.results) == 120
    assert not summary.unexpected, summary.report()
    assert {"Document", "CorruptFile"} <= set(summary.outcomes)
    assert summary.peak_rss_kib < 512 * 1024


def test_mutated_documents_through_the_rule_engine(tmp_path: Path) -> None:
    """Text from mutated files (odd characters, broken structure) also goes through the rules."""
    # 60 cases, so that enough of them still read as documents whichever fixtures the corpus holds
    # (the random mutations are drawn over the sorted fixture list, which grows with the corpus)
    summary = fuzz.fuzz(60, seed=7, targeted=False, keep=tmp_path, timeout=60, pack="gig")
    assert not summary.unexpected, summary.report()
    assert summary.outcomes["Document"] >= 10


def test_cases_are_reproducible() -> None:
    sources = fuzz.corpus()
    assert fuzz.random_case(5, 17, sources) == fuzz.random_case(5, 17, sources)
    assert fuzz.random_case(5, 17, sources).data != fuzz.random_case(5, 18, sources).data


def test_a_crash_or_a_hang_is_unexpected_and_kept_as_a_reproducer(tmp_path: Path) -> None:
    """The runner itself: a worker that dies (here: too little memory to start) or does not answer
    in time (here: still importing) is an unexpected outcome, and its input is kept."""
    case = fuzz.random_case(1, 0, fuzz.corpus())
    crashed = fuzz.run_cases([case], memory_mib=16, keep=tmp_path)
    assert [r.outcome for r in crashed.unexpected] == ["crash"]
    hung = fuzz.run_cases([case], timeout=0.01, keep=tmp_path)
    assert [r.outcome for r in hung.unexpected] == ["hang"]
    expected = {f"fuzz-r0-{outcome}{suffix}" for outcome in ("crash", "hang")
                for suffix in (case.suffix, ".txt")}
    assert {p.name for p in tmp_path.iterdir()} == expected
    assert (tmp_path / f"fuzz-r0-hang{case.suffix}").read_bytes() == case.data


@pytest.mark.parametrize("how", fuzz.PDF_TARGETED)
def test_pdf_structural_mutations_change_the_file(how: str) -> None:
    data = (ROOT / "fixtures" / "contracts" / "pdf-sections.pdf").read_bytes()
    assert fuzz._pdf_change(random.Random(how), data, how) != data


KEPT = sorted((ROOT / "fixtures" / "bad" / "fuzz-reproducers").iterdir())


def test_kept_reproducers_end_quickly_in_a_document_or_a_typed_error(tmp_path: Path) -> None:
    """Inputs the long fuzz run once got an untyped exception or a slow answer from: zip-version.docx
    (zipfile's NotImplementedError), pdf-text-far-off-page.pdf (a bit flip put text 45 million
    points left of the page; the column finder took 9-18 s), docx-nul-in-numbering.docx (libxml2's
    message carried a newline into the one-line error), docx-garbled-member-name.docx (zipfile's
    UnicodeDecodeError on a local header's name), docx-control-chars-in-member-name.docx (a member
    name with a newline and control characters quoted in the error)."""
    cases = [fuzz.Case(p.stem, p.name, "kept", p.suffix, p.read_bytes()) for p in KEPT]
    summary = fuzz.run_cases(cases, keep=tmp_path)
    assert not summary.unexpected, summary.report()
    assert all(r.seconds < 3 for r in summary.results), summary.report()
    assert {r.case.source: r.outcome for r in summary.results} == {
        "zip-version.docx": "UnsupportedFormat", "pdf-text-far-off-page.pdf": "Document",
        "docx-nul-in-numbering.docx": "CorruptFile", "docx-garbled-member-name.docx": "CorruptFile",
        "docx-control-chars-in-member-name.docx": "HostileFile"}


def _patched_mimetype(flags: int = 0, method: int | None = None) -> bytes:
    """A .docx-like zip whose first member, ``mimetype``, claims encryption or an unknown compression."""
    data = bytearray(fuzz.make_zip([("mimetype", b"application/x-test"), ("word/document.xml", b"<x/>")],
                                   stored=True))
    for header, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.find(header)
        data[at + flag_at] |= flags
        if method is not None:
            data[at + method_at:at + method_at + 2] = method.to_bytes(2, "little")
    return bytes(data)


@pytest.mark.parametrize(("data", "detail"), [
    (_patched_mimetype(flags=1), "encrypted"),
    (_patched_mimetype(method=99), "compression method"),
], ids=["encrypted-member", "unknown-compression"])
def test_zip_members_that_cannot_be_opened_are_a_typed_error(tmp_path: Path, data: bytes,
                                                             detail: str) -> None:
    from clausecheck.loaders import load

    path = tmp_path / "odd.docx"
    path.write_bytes(data)
    with pytest.raises(ClauseCheckError, match=detail):
        load(path)


def test_error_messages_quoting_a_files_bytes_stay_one_printable_line(tmp_path: Path) -> None:
    """A zip member's name (here with a terminal escape and a newline) and a file's own name are
    quoted in errors: they reach the terminal as one line with no control characters."""
    from test_batch_support import run_cli

    escape = "\x1b]0;owned\x07\x1b[2J\n"
    docx = tmp_path / "names.docx"
    docx.write_bytes(fuzz.make_zip([(f"word/{escape}.xml", b"x" * 5000), ("word/document.xml", b"<x/>")]))
    text = tmp_path / f"deal{escape}.txt"
    text.write_text("1. Writer shall write.\n" * 100, encoding="utf-8")
    settings = "[limits]\nmax_docx_member_bytes = 1000\nmax_file_bytes = 1000\n"
    (tmp_path / "clausecheck.toml").write_text(settings, encoding="utf-8")
    for path, detail in ((docx, "inflates to 5,000 bytes"), (text, "over the limit of 1,000")):
        result = run_cli("parse", str(path), cwd=tmp_path, timeout=60)
        assert result.returncode == 2
        assert detail in result.stderr
        assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
        assert not any(not ch.isprintable() for ch in result.stderr[:-1])

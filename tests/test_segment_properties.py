"""Property tests: any input segments without a crash, and the clause tree stays consistent."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausecheck.errors import ClauseCheckError
from clausecheck.limits import Limits
from clausecheck.loaders.text import load_text
from clausecheck.model import Block, Document, RawDocument
from clausecheck.segment import segment

# Fragments that exercise the label, heading, signature and definition rules.
FRAGMENTS = [
    "1.", "1.1", "2.3.4", "1)", "(a)", "a)", "a.", "(i)", "(ii)", "(v)", "(x)", "(h)", "(A)", "(I)", "(1)",
    "A.", "IV.", "Section 5", "SECTION 5.", "Section 5.2", "ARTICLE IV", "Article 4", "Article One",
    "§ 3", "Clause 7", "Exhibit A", "EXHIBIT B-1", "Schedule 1", "Annex", "IN WITNESS WHEREOF",
    "By:", "Name:", "____", "NOW, THEREFORE", "WHEREAS", "COMPENSATION", "Licence Grant.", "Term:",
    '"Materials" means', "“Work Product”", '(the "Work Product")', "(collectively,", '"X" or "Y"',
    "as used herein,", "includes", "Company", "shall", "pay", "the", "fee", ";", ".", ",", "and", "or",
    "\n", " ", "|", "(", ")", "\"", "“", "”", "—", "-", "\t", "\u00a0", "é", "\u2028",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=14).map(" ".join)

blocks = st.builds(
    Block,
    text=fragment_text,
    page=st.integers(1, 4),
    label=st.none() | st.sampled_from(["3.2", "(a)", "(i)", "ARTICLE IV", "•", "Step 4", "", "a."]),
    level=st.none() | st.integers(0, 8),
    heading=st.booleans(),
    bold_prefix=st.integers(0, 40),
    change=st.none() | st.sampled_from(["inserted", "deleted"]),
    kind=st.sampled_from(["paragraph", "paragraph", "table", "signature"]),
)


def check_tree(doc: Document) -> None:
    assert doc.text == "\n\n".join(c.text for c in doc.clauses)
    for index, clause in enumerate(doc.clauses):
        assert doc.text[clause.start:clause.end] == clause.text
        assert clause.page <= clause.last_page
        if clause.parent is None:
            assert clause.level == 0
        else:
            assert 0 <= clause.parent < index
            assert clause.level == doc.clauses[clause.parent].level + 1
    for definition in doc.definitions.values():
        assert definition.clause is not None
        clause = doc.clauses[definition.clause]
        assert clause.change != "deleted"
        assert definition.text in clause.text


@settings(max_examples=150, deadline=None)
@given(st.lists(blocks, max_size=30))
def test_segment_never_crashes_and_keeps_the_offset_invariant(items: list[Block]) -> None:
    raw = RawDocument(format="docx", pages=4, blocks=items)
    try:
        doc = segment(raw, path="p.docx", sha256="0" * 64, limits=Limits(max_clauses=25))
    except ClauseCheckError:
        return
    check_tree(doc)


@settings(max_examples=100, deadline=None)
@given(st.lists(fragment_text, max_size=25))
def test_plain_paragraphs_segment_consistently(paragraphs: list[str]) -> None:
    raw = RawDocument(format="text", pages=1, blocks=[Block(p) for p in paragraphs])
    check_tree(segment(raw, path="p.txt", sha256="0" * 64))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600) | fragment_text.map(lambda s: s.encode("utf-8")),
       markdown=st.booleans())
def test_text_loader_and_segmenter_on_arbitrary_bytes(tmp_path: Path, data: bytes, markdown: bool) -> None:
    path = tmp_path / "any.md"
    path.write_bytes(data)
    try:
        raw = load_text(path, fmt="markdown" if markdown else "text", limits=Limits(max_pages=50))
    except ClauseCheckError:
        return
    assert raw.blocks and raw.pages >= 1
    assert all(1 <= b.page <= raw.pages for b in raw.blocks)
    check_tree(segment(raw, path=str(path), sha256="0" * 64))


HOSTILE = [
    '"a" , ' * 20000,
    '"a"    or   ' * 20000,
    '"a" "b" ' * 20000 + " means",
    "(" * 20000 + '"a")' * 10000,
    "A. " * 100000 + '"X" means y.',
    "1.1 x. " * 20000,
    "(a) x; " * 20000,
    "ARTICLE " * 20000,
    "_" * 200000,
]


def test_hostile_paragraphs_take_linear_time() -> None:
    """Each would take minutes if a pattern backtracked or a scan were quadratic; linear is < 1 s."""
    import time

    for text in HOSTILE:
        started = time.perf_counter()
        raw = RawDocument(format="text", pages=1, blocks=[Block(text), Block(text[:5000], kind="table")])
        check_tree(segment(raw, path="h.txt", sha256="0" * 64, limits=Limits(max_clauses=200_000)))
        assert time.perf_counter() - started < 10, text[:20]

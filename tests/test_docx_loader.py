"""The Word loader on real .docx files (fixtures/generators/make_docx.py): numbering, text, notes, gaps."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from clausecheck.errors import HostileFile
from clausecheck.limits import DEFAULT_LIMITS, Limits
from clausecheck.loaders import load
from clausecheck.loaders.docx import load_docx
from clausecheck.loaders.docx_numbering import format_number
from clausecheck.model import Block, RawDocument

CONTRACTS = Path(__file__).resolve().parent.parent / "fixtures" / "contracts"
AGREEMENT = CONTRACTS / "docx-writer-agreement.docx"
EDGES = CONTRACTS / "docx-numbering-edges.docx"
MACRO = CONTRACTS / "docx-macro.docm"
ODDS = CONTRACTS / "docx-revisions-and-objects.docx"


@pytest.fixture(scope="module")
def agreement() -> RawDocument:
    return load_docx(AGREEMENT, limits=DEFAULT_LIMITS)


@pytest.fixture(scope="module")
def edges() -> RawDocument:
    return load_docx(EDGES, limits=DEFAULT_LIMITS)


def _by_text(raw: RawDocument, start: str) -> Block:
    found = [block for block in raw.blocks if block.text.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def test_labels_as_word_shows_them(agreement: RawDocument) -> None:
    labels = [block.label for block in agreement.blocks if block.label]
    assert labels == [
        "ARTICLE 1", "1.1", "1.2", "ARTICLE 2", "2.1", "2.2", "ARTICLE 3", "3.1", "3.2", "(a)", "(b)", "(i)",
        "(ii)", "(c)", "3.3", "ARTICLE 4", "4.1", "4.2", "4.3",
        "A.", "I.", "II.", "B.", "I.", "C.",  # upperLetter with upperRoman under it
        "1.", "2.", "3.", "1.", "2.",  # the second list restarts through lvlOverride/startOverride
    ]


def test_levels_headings_and_run_in_bold(agreement: RawDocument) -> None:
    article = _by_text(agreement, "COMPENSATION AND ARTIFICIAL INTELLIGENCE")
    assert (article.label, article.level, article.heading) == ("ARTICLE 3", 0, True)
    assert _by_text(agreement, "WRITER AGREEMENT").heading  # Title style
    sub = _by_text(agreement, "Company may use the Materials")
    assert (sub.label, sub.level, sub.heading) == ("(a)", 2, False)
    assert _by_text(agreement, "in a separate signed writing").level == 3
    run_in = _by_text(agreement, "Writing Services.")
    assert run_in.text[:run_in.bold_prefix].strip() == "Writing Services."
    assert _by_text(agreement, '"Materials" means').bold_prefix == 0


def test_bullets_are_not_labels(agreement: RawDocument) -> None:
    bullet = _by_text(agreement, "Bullet about meals")
    assert bullet.label is None
    assert bullet.text == "Bullet about meals"


def test_content_controls_and_fields_read_in_place(agreement: RawDocument) -> None:
    preamble = _by_text(agreement, "This Writer Agreement is made between")
    assert preamble.text == ('This Writer Agreement is made between Blue Harbor Pictures LLC (the "Company") '
                             'and Jordan Avery (the "Writer").')
    assert _by_text(agreement, "Fee.").text == ("Fee. Company shall pay Writer a fixed fee of $85,000 on "
                                                "delivery of the first draft.")
    notices = _by_text(agreement, "Notices under Section")
    assert notices.text == "Notices under Section 3.2(a) go to the addresses on page 1."


def test_tracked_changes_accepted_and_struck_text_kept_apart(agreement: RawDocument) -> None:
    index = agreement.blocks.index(_by_text(agreement, "Company shall obtain"))
    current, struck = agreement.blocks[index], agreement.blocks[index + 1]
    assert current.label == "(b)"
    assert current.change == "inserted"
    assert current.text == "Company shall obtain the express written consent of Writer before any such use."
    assert struck.change == "deleted"
    assert struck.text == ", which consent may be deemed given"
    assert [b for b in agreement.blocks if "deemed given" in b.text] == [struck]
    assert sum(b.change is not None for b in agreement.blocks) == 2
    assert any("tracked changes" in warning for warning in agreement.warnings)


def test_text_box_read_once_in_place(agreement: RawDocument) -> None:
    texts = [block.text for block in agreement.blocks]
    box = [t for t in texts if "TEXT BOX" in t]
    assert box == ["TEXT BOX: Writer retains all rights in the underlying novel."]
    assert texts.index(box[0]) == texts.index("Bullet about travel") + 1


def test_table_rows_in_document_order(agreement: RawDocument) -> None:
    rows = [block for block in agreement.blocks if block.kind == "table"]
    assert [row.text for row in rows] == ["Milestone | Date | Fee", "First draft | March 1 | $50,000",
                                          "Rewrite | May 1 | $35,000"]
    texts = [block.text for block in agreement.blocks]
    assert texts.index("PAYMENT SCHEDULE") + 1 == texts.index(rows[0].text)


def test_notes_never_become_blocks(agreement: RawDocument) -> None:
    notes = {note.kind: note for note in agreement.notes}
    assert notes["header"].text == "HEADER: Writer Agreement - Draft for Discussion"
    assert notes["footer"].text == "FOOTER: Confidential - Page 1"
    assert notes["comment"].text == "COMMENT: Ask for New York instead?"
    assert notes["comment"].author == "Legal Reviewer"
    assert notes["comment"].anchor == "This Agreement is governed by the laws of California."
    assert notes["footnote"].text == "FOOTNOTE: Minimum compensation is set by the applicable guild schedule."
    assert notes["footnote"].anchor == "Minimum Terms. Nothing here reduces guild minimums."
    for block in agreement.blocks:
        assert not any(word in block.text for word in ("HEADER", "FOOTER", "COMMENT", "FOOTNOTE")), block


def test_images_and_objects_are_gaps(agreement: RawDocument) -> None:
    assert [(gap.kind, gap.detail, gap.page) for gap in agreement.gaps] == [
        ("image", "an image (any text in it)", 2), ("embedded-object", "an embedded object (OLE)", 2)]


def test_macro_document_reads_the_same_and_records_the_macros(agreement: RawDocument) -> None:
    macro = load_docx(MACRO, limits=DEFAULT_LIMITS)
    assert macro.blocks == agreement.blocks
    assert [gap.kind for gap in macro.gaps if "vbaProject.bin" in gap.detail] == ["other"]


def test_numbering_edge_cases(edges: RawDocument) -> None:
    labelled = {block.text: block.label for block in edges.blocks}
    assert [labelled[t] for t in ("Roman top", "Legal numbering under Roman", "Zero padded one",
                                  "Zero padded two", "Roman second", "Legal again")] == \
        ["I.", "1.1", "01)", "02)", "II.", "2.1"]  # numStyleLink -> styleLink; isLgl; decimalZero
    assert [labelled[t] for t in ("First part", "Ordinal one", "Cardinal one", "Cardinal two", "Ordinal two",
                                  "Second part", "Ordinal continues", "Override starts at seven")] == \
        ["Part 1", "1st item", "(One)", "(Two)", "2nd item", "Part 2", "3rd item", "Part 7"]  # lvlRestart=0
    assert [labelled[t] for t in ("Shared first", "Shared second", "Restarted first", "Restarted second",
                                  "Original list continues", "Third num continues")] == \
        ["1)", "2)", "1)", "2)", "3)", "4)"]  # counters per abstractNum; startOverride on first use
    assert (labelled["Replaced level first"], labelled["Replaced level second"]) == ("Step A:", "Step B:")
    assert [labelled[t] for t in ("Scope", "Scope detail", "More scope detail", "Unnumbered heading two",
                                  "Term")] == ["1.", "1.1", "1.2", None, "2."]  # basedOn chain; numId 0


def test_heading_hints(edges: RawDocument) -> None:
    outline = _by_text(edges, "Outline level heading")
    assert (outline.heading, outline.level) == (True, 0)
    assert _by_text(edges, "RECITALS").heading  # a wholly bold short paragraph
    assert not _by_text(edges, "Closing paragraph.").heading


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (4, "decimal", "4"), (4, "decimalZero", "04"), (12, "decimalZero", "12"), (3, "lowerLetter", "c"),
    (27, "lowerLetter", "aa"), (28, "upperLetter", "BB"), (9, "lowerRoman", "ix"),
    (1994, "upperRoman", "MCMXCIV"),
    (11, "ordinal", "11th"), (23, "ordinal", "23rd"), (21, "cardinalText", "Twenty-one"),
    (12, "ordinalText", "Twelfth"), (5, "none", ""), (5, "bullet", None),
])
def test_number_formats(value: int, fmt: str, shown: str | None) -> None:
    assert format_number(value, fmt) == shown


# LibreOffice 7.4 ignores isLgl and lvlRestart=0, which Word honours (see the report in docs).
_LIBREOFFICE_7_4_DIFFERS = {"Legal numbering under Roman", "Legal again", "Ordinal continues"}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("path", [AGREEMENT, EDGES], ids=["agreement", "edges"])
def test_labels_match_libreoffice(path: Path, tmp_path: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=120)
    lines = (tmp_path / (path.stem + ".txt")).read_text(encoding="utf-8-sig").splitlines()
    raw = load_docx(path, limits=DEFAULT_LIMITS)
    position = 0
    checked = 0
    for block in raw.blocks:
        if block.kind == "table" or block.change == "deleted" or "TEXT BOX" in block.text:
            continue
        start = block.text[:25]
        while start not in lines[position]:
            position += 1
        shown = lines[position][:lines[position].index(start)].strip()
        if block.text not in _LIBREOFFICE_7_4_DIFFERS:
            assert shown in (block.label or "", "\u2022" if block.label is None else ""), (shown, block)
            checked += 1
        position += 1
    assert checked >= 20


def test_xml_depth_limit_is_configurable() -> None:
    with pytest.raises(HostileFile, match="deeper than the limit of 5"):
        load_docx(AGREEMENT, limits=Limits(max_xml_depth=5))


def test_end_to_end_citation_through_load() -> None:
    document = load(AGREEMENT)
    by_number = {clause.number: clause for clause in document.clauses if clause.change != "deleted"}
    assert by_number["3.2(a)"].label == "(a)"
    assert by_number["3.2(a)"].text.startswith("Company may use the Materials to train")
    assert by_number["3.2(b)(i)"].text == "in a separate signed writing; and"
    assert by_number["3.2(b)"].change == "inserted"
    struck = [clause for clause in document.clauses if clause.change == "deleted"]
    assert [clause.text for clause in struck] == [", which consent may be deemed given"]
    assert "HEADER" not in document.text and "COMMENT" not in document.text


def test_pages_from_hard_breaks(agreement: RawDocument) -> None:
    assert agreement.pages == 2
    assert _by_text(agreement, "IN WITNESS WHEREOF").page == 2
    assert _by_text(agreement, "Credit.").page == 1
    assert {row.page for row in agreement.blocks if row.kind == "table"} == {2}


def test_pages_from_words_rendered_breaks_win_over_hard_breaks(edges: RawDocument) -> None:
    assert edges.pages == 2  # the hard break and Word's rendered mark for it count once
    assert _by_text(edges, "Before the break.").page == 1
    assert _by_text(edges, "Rendered on page two.").page == 2


def test_libreoffice_written_copy_reads_the_same(agreement: RawDocument) -> None:
    """LibreOffice writes its own numbering XML (one abstractNum per list, nine levels, its own styles)."""
    copy = load_docx(CONTRACTS / "docx-writer-agreement-libreoffice.docx", limits=DEFAULT_LIMITS)

    def view(raw: RawDocument) -> list[tuple]:
        # LibreOffice re-evaluates the REF field to its broken-bookmark message: leave that clause out.
        return [(b.label, b.level, b.text, b.change, b.kind) for b in raw.blocks
                if not b.text.startswith("Notices under")]

    assert view(copy) == view(agreement)
    assert [note.kind for note in copy.notes] == [note.kind for note in agreement.notes]
    # LibreOffice saved the OLE object's preview as a second picture: counted per page, in one gap.
    assert [(gap.kind, gap.detail, gap.page) for gap in copy.gaps] == [
        ("image", "2 images (any text in them)", 2)]


def test_contents_moves_tracked_rows_wrappers_math_hidden_text_and_vml_boxes() -> None:
    raw = load_docx(ODDS, limits=DEFAULT_LIMITS)
    # The table of contents ("Contents", "1. Services 1", "2. Payment 2") comes first in the file: dropped.
    assert [(b.text, b.change, b.kind) for b in raw.blocks] == [
        ("Fixed text stays.", None, "paragraph"),
        ("Moved sentence.", "deleted", "paragraph"),  # w:moveFrom: gone from here
        ("Payment is due. Moved sentence.", "inserted", "paragraph"),  # w:moveTo: arrives here
        ("Inside custom XML.", None, "paragraph"),
        ("Day rate | $1,200", None, "table"),  # a table inside a block-level content control
        ("Buyout | $0", "deleted", "table"),  # a row deleted with tracking
        ("Overtime | time and a half", "inserted", "table"),
        ("The fee is 2×scale.", None, "paragraph"),  # Office Math text in place
        ("Visible terms.", None, "paragraph"),  # hidden text (w:vanish) left out, as Word shows it
        ("See the box.", None, "paragraph"),
        ("VML BOX: No AI doubles without consent.", None, "paragraph"),  # w:pict/v:textbox, no mc:Choice
        ("Comment spans", None, "paragraph"),
        ("two paragraphs.", None, "paragraph"),
        ("Item one", None, "paragraph"),
        ("Item struck", "deleted", "paragraph"),
        ("Item three", None, "paragraph"),
        ("Closing line.", None, "paragraph"),
    ]
    assert [block.page for block in raw.blocks][-2:] == [1, 2]  # pageBreakBefore through basedOn
    assert raw.pages == 2
    labels = {block.text: block.label for block in raw.blocks}
    assert (labels["Item one"], labels["Item struck"], labels["Item three"]) == ("1.", None, "2.")
    notes = {note.kind: note for note in raw.notes}
    assert notes["comment"].anchor == "Comment spans two paragraphs."
    assert notes["endnote"].text == "ENDNOTE: Rates are reviewed every year."
    assert notes["endnote"].anchor == "The fee is 2×scale."
    assert [(gap.kind, gap.detail) for gap in raw.gaps] == [
        ("embedded-object", "a chart"), ("other", "hidden text (22 characters Word does not show)")]

"""Real-world numbering schemes, read from text, Word (python-docx) and PDF (reportlab) files."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import write_docx, write_pdf, write_text
from word_numbering import numbered_docx, numbering

from clausecheck.loaders import load
from clausecheck.model import Document

LETTERED_RESTART = [
    "TALENT RELEASE",
    "A. GRANT OF RIGHTS",
    "1. Talent grants Company the right to photograph and record Talent.",
    "2. Company may use the Materials in the Spots:",
    "(a) on television; and",
    "(b) online.",
    "B. USAGE",
    "1. The usage period is one year.",
    "2. Company may extend the usage period by paying the renewal fee.",
]


WRITERS = {"txt": write_text, "docx": write_docx, "pdf": write_pdf}


def outline(doc: Document) -> list[tuple[str | None, str | None]]:
    """(number, parent's number) of every numbered clause."""
    return [(c.number, None if c.parent is None else doc.clauses[c.parent].number)
            for c in doc.clauses if c.number is not None]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_items_restarting_in_lettered_sections_cite_with_the_section(tmp_path: Path, fmt: str) -> None:
    doc = load(WRITERS[fmt](tmp_path, LETTERED_RESTART))
    assert outline(doc) == [
        ("A", None), ("A.1", "A"), ("A.2", "A"), ("A.2(a)", "A.2"), ("A.2(b)", "A.2"),
        ("B", None), ("B.1", "B"), ("B.2", "B"),
    ]
    section = next(c for c in doc.clauses if c.number == "B")
    assert (section.label, section.heading, section.kind) == ("B.", "USAGE", "heading")
    assert next(c for c in doc.clauses if c.number == "B.1").label == "1."


def test_roman_sections_restarting_and_running_on(tmp_path: Path) -> None:
    restart = ["I. DEFINITIONS", '1. "Spots" means the advertisements.', "II. GRANT OF RIGHTS",
               "1. Talent grants Company the right to use the Materials.", "1.1 The grant is worldwide.",
               "2. Company may edit the Materials.", "III. PAYMENT", "1. Company pays the fee."]
    assert outline(load(write_text(tmp_path, restart))) == [
        ("I", None), ("I.1", "I"), ("II", None), ("II.1", "II"), ("II.1.1", "II.1"), ("II.2", "II"),
        ("III", None), ("III.1", "III")]
    running = ["I. DEFINITIONS", '1. "Spots" means the advertisements.', '2. "Term" means one year.',
               "II. GRANT OF RIGHTS", "3. Talent grants Company the right to use the Materials.",
               "(a) The grant is worldwide."]
    assert outline(load(write_text(tmp_path, running))) == [
        ("I", None), ("1", "I"), ("2", "I"), ("II", None), ("3", "II"), ("3(a)", "3")]


def test_lettered_sections_inside_an_exhibit_and_letters_inside_a_clause(tmp_path: Path) -> None:
    doc = load(write_text(tmp_path, [
        "1. Company engages Talent.", "2. Services:", "A. Writing. Talent writes.",
        "B. Editing. Talent edits.", "EXHIBIT A", "A. USAGE", "1. One year.", "B. CONSENT",
        "1. Each use needs consent."]))
    assert outline(doc) == [
        ("1", None), ("2", None), ("2(A)", "2"), ("2(B)", "2"), ("Exhibit A", None),
        ("Exhibit A, A", "Exhibit A"), ("Exhibit A, A.1", "Exhibit A, A"),
        ("Exhibit A, B", "Exhibit A"), ("Exhibit A, B.1", "Exhibit A, B")]


def test_a_misprinted_roman_one_before_decimal_sections_opens_no_section(tmp_path: Path) -> None:
    """A CUAD filing prints "I. DEFINITIONS" for "1. DEFINITIONS" above "1.1", "1.2", "2.": no nesting."""
    doc = load(write_text(tmp_path, ["I. DEFINITIONS", '1.1 "Site" means the website.',
                                     "2. LINKS", "2.1 Company hosts the link."]))
    assert outline(doc) == [("I", None), ("1.1", None), ("2", None), ("2.1", "2")]


CODES = [
    "TALENT RELEASE",
    "A. GRANT OF RIGHTS",
    "A1. Talent grants Company the right to photograph and record Talent.",
    "A2. Company may use the Materials in the Spots:",
    "(a) on television; and",
    "A2.1 Spots may also run online.",
    "B. USAGE",
    "B1. The usage period is one year.",
    "B2. Company may extend the usage period by paying the renewal fee.",
    "4A. Company will not create a digital replica of Talent.",
]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_alphanumeric_codes_are_labels_cited_as_written(tmp_path: Path, fmt: str) -> None:
    doc = load(WRITERS[fmt](tmp_path, CODES))
    assert outline(doc) == [
        ("A", None), ("A1", "A"), ("A2", "A"), ("A2(a)", "A2"), ("A2.1", "A2"),
        ("B", None), ("B1", "B"), ("B2", "B"), ("4A", None)]
    b1 = next(c for c in doc.clauses if c.number == "B1")
    assert (b1.label, b1.text) == ("B1.", "The usage period is one year.")


def test_dotted_and_dashed_codes_and_lettered_paths(tmp_path: Path) -> None:
    doc = load(write_text(tmp_path, [
        "1. Contractor performs the services in Schedule A.", "SCHEDULE A - SCOPE OF WORK",
        "A.1 Tasks. Contractor rates search results.", "A.2 Rate. USD 14.50 per hour.",
        "A-3. Hours. At most twenty hours a week.", "1. Services.", "1.a. Talent shall appear.",
        "1.b. Talent shall provide wardrobe.", "1.b.i. Wardrobe must be clean.",
        "1.b.ii. Wardrobe must be returned.", "2. Payment.", "2.a. Company shall pay the fee."]))
    schedule = "Schedule A"
    assert outline(doc) == [("1", None), (schedule, None)] + [
        (f"{schedule}, {number}", f"{schedule}, {parent}" if parent else schedule) for number, parent in [
            ("A.1", None), ("A.2", None), ("A-3", None), ("1", None), ("1.a", "1"), ("1.b", "1"),
            ("1.b.i", "1.b"), ("1.b.ii", "1.b"), ("2", None), ("2.a", "2")]]
    assert next(c for c in doc.clauses if c.number == "Schedule A, A.1").heading == "Tasks"


def test_codes_start_lines_in_text_without_blank_lines_but_words_like_them_do_not(tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_text("DEAL MEMO\nA1. Talent appears on one day.\nA2. Company pays USD 900.\n"
                    "A1 steak sauce is not a label, nor is\nW-2 forms or Q1 figures.\n"
                    "I-9 Form. Talent brings it.\nQ1 Revenue is reported.\n", encoding="utf-8")
    doc = load(path)
    assert outline(doc) == [("A1", None), ("A2", None)]
    assert doc.clauses[-1].text == (
        "Company pays USD 900. A1 steak sauce is not a label, nor is W-2 forms or Q1 figures. "
        "I-9 Form. Talent brings it. Q1 Revenue is reported.")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_rider_is_a_part_like_an_exhibit(tmp_path: Path, fmt: str) -> None:
    doc = load(WRITERS[fmt](tmp_path, [
        "1. Talent grants Company the rights in Rider A-1.", "2. Company shall pay the fee.",
        "RIDER A-1", "1. Each use of a digital replica needs consent.", "RIDER B: USAGE",
        "1. Usage is limited to one year.", "This Rider is part of the Agreement."]))
    assert outline(doc) == [
        ("1", None), ("2", None), ("Rider A-1", None), ("Rider A-1, 1", "Rider A-1"),
        ("Rider B", None), ("Rider B, 1", "Rider B")]
    rider = next(c for c in doc.clauses if c.number == "Rider B")
    assert (rider.kind, rider.heading) == ("exhibit", "USAGE")
    assert doc.clauses[-1].text.endswith("This Rider is part of the Agreement.")


def test_title_case_section_headings_in_plain_text(tmp_path: Path) -> None:
    """Plain text has no bold: "A. Grant of Rights" is a section only when numbered items follow it."""
    doc = load(write_text(tmp_path, [
        "TALENT RELEASE", "A. Grant of Rights", "1. Talent grants Company the right to record Talent.",
        "B. Usage", "1. The usage period is one year.", "SCHEDULE 1 - DELIVERABLES", "A. Treatment",
        "B. First Draft Screenplay", "C. Polish"]))
    assert outline(doc) == [
        ("A", None), ("A.1", "A"), ("B", None), ("B.1", "B"), ("Schedule 1", None),
        ("Schedule 1, A", "Schedule 1"), ("Schedule 1, B", "Schedule 1"), ("Schedule 1, C", "Schedule 1")]
    assert [(c.heading, c.kind) for c in doc.clauses if c.number in ("B", "Schedule 1, B")] == [
        ("Usage", "heading"), (None, "clause")]


def test_items_restarting_under_articles_cite_with_the_article(tmp_path: Path) -> None:
    doc = load(write_text(tmp_path, [
        "ARTICLE I - SERVICES", "1. Performer records the voice of the character.", "2. Company schedules.",
        "ARTICLE II - DIGITAL REPLICAS", "1. No digital replica without consent.", "(a) Consent is written.",
        "ARTICLE III - PAYMENT", "3.1 Company pays the session fee."]))
    assert outline(doc) == [
        ("Article I", None), ("Article I, 1", "Article I"), ("Article I, 2", "Article I"),
        ("Article II", None), ("Article II, 1", "Article II"), ("Article II, 1(a)", "Article II, 1"),
        ("Article III", None), ("3.1", "Article III")]
    running = load(write_text(tmp_path, ["ARTICLE I", "1. Services.", "ARTICLE II", "2. Payment."]))
    assert outline(running) == [
        ("Article I", None), ("1", "Article I"), ("Article II", None), ("2", "Article II")]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_parts_divide_a_contract_like_articles(tmp_path: Path, fmt: str) -> None:
    doc = load(WRITERS[fmt](tmp_path, [
        "CONTRIBUTOR TERMS", "These terms govern your work on the platform.", "PART A - GENERAL TERMS",
        "1. These terms apply to all projects.",
        "2. You may stop working at any time.", "PART B - VOICE PROJECTS",
        "1. Voice recordings may be used to train speech models.", "Part 2 of the Guidelines applies.",
        "2. You are paid per approved recording."]))
    assert outline(doc) == [
        ("Part A", None), ("Part A, 1", "Part A"), ("Part A, 2", "Part A"), ("Part B", None),
        ("Part B, 1", "Part B"), ("Part B, 2", "Part B")]
    assert next(c for c in doc.clauses if c.number == "Part B").heading == "VOICE PROJECTS"
    assert next(c for c in doc.clauses if c.number == "Part B, 1").text.endswith(
        "Part 2 of the Guidelines applies.")
    decimals = load(write_text(tmp_path, ["Part 1: General", "1.1 These terms apply.", "Part 2: Voice",
                                          "2.1 Recordings train speech models."]))
    assert outline(decimals) == [("Part 1", None), ("1.1", "Part 1"), ("Part 2", None), ("2.1", "Part 2")]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_outline_sections_roman_then_letters_then_numbers(tmp_path: Path, fmt: str) -> None:
    doc = load(WRITERS[fmt](tmp_path, [
        "PLATFORM TERMS", "These terms govern your work on the platform.", "I. GENERAL", "A. ELIGIBILITY",
        "1. You must be 18 or older.", "2. You must pass the qualification test.", "B. PAYMENT",
        "1. Tasks are paid at the posted rate.", "II. CONTENT", "A. OWNERSHIP", "1. Company owns output.",
        "III. RECITALS", "A. Company runs the platform.", "B. You want to work on it."]))
    assert outline(doc) == [
        ("I", None), ("I.A", "I"), ("I.A.1", "I.A"), ("I.A.2", "I.A"), ("I.B", "I"), ("I.B.1", "I.B"),
        ("II", None), ("II.A", "II"), ("II.A.1", "II.A"), ("III", None), ("III(A)", "III"), ("III(B)", "III")]


def test_point_zero_headings_head_their_decimals(tmp_path: Path) -> None:
    """Statements of work number their headings "1.0", "2.0"; "1.1" belongs to "1.0", "2.1" to "2.0"."""
    doc = load(write_text(tmp_path, ["STATEMENT OF WORK", "1.0 SERVICES", "1.1 Contractor labels data.",
                                     "1.2 Contractor reviews output.", "(a) daily;", "2.0 FEES",
                                     "2.1 Company pays USD 20 per hour.", "2.1.1 Overtime is paid double."]))
    assert outline(doc) == [("1.0", None), ("1.1", "1.0"), ("1.2", "1.0"), ("1.2(a)", "1.2"), ("2.0", None),
                            ("2.1", "2.0"), ("2.1.1", "2.1")]


def test_lowercase_items_that_continue_a_sentence_are_clauses_but_references_are_not(tmp_path: Path) -> None:
    """CUAD filings list warranties as "7.1 Party A represents and warrants that" + "7.1.1 it owns ..."."""
    doc = load(write_text(tmp_path, [
        "7. WARRANTIES", "7.1 Party A represents and warrants that", "7.1.1 it owns the Program Content;",
        "7.1.2 it may license it; and", "7.2 Either Party may terminate under Sections",
        "13.2 or 13.3 of the Services Agreement."]))
    assert outline(doc) == [("7", None), ("7.1", "7"), ("7.1.1", "7.1"), ("7.1.2", "7.1"), ("7.2", "7")]
    assert doc.clauses[-1].text.endswith("Sections\n13.2 or 13.3 of the Services Agreement.")


LETTER_THEN_NUMBER_LIST = numbering(7, [("upperLetter", "%1."), ("decimal", "%2."), ("lowerLetter", "(%3)")])


def test_word_numbering_restarting_under_lettered_sections(tmp_path: Path) -> None:
    """Word's own multilevel list "A." / "1." / "(a)", whose numbers restart under each letter."""
    path = numbered_docx(tmp_path / "word-numbered.docx", LETTER_THEN_NUMBER_LIST, 7, "TALENT RELEASE", [
        ("GRANT OF RIGHTS", 0), ("Talent grants Company the right to record Talent.", 1),
        ("Company may use the Materials:", 1), ("on television.", 2), ("USAGE", 0),
        ("The usage period is one year.", 1)])
    doc = load(path)
    assert outline(doc) == [("A", None), ("A.1", "A"), ("A.2", "A"), ("A.2(a)", "A.2"), ("B", None),
                            ("B.1", "B")]
    assert [c.label for c in doc.clauses if c.number in ("B", "B.1")] == ["B.", "1."]


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_a_table_of_contents_stays_text_under_its_heading(tmp_path: Path, fmt: str) -> None:
    doc = load(WRITERS[fmt](tmp_path, [
        "PERFORMER AGREEMENT", "TABLE OF CONTENTS", "1. Definitions .......... 1", "2. Services .......... 2",
        "3. Digital Replicas .......... 2", "TERMS AND CONDITIONS", "1. DEFINITIONS",
        '1.1 "Replica" means a digital copy of the voice of Performer.', "2. SERVICES",
        "2.1 Performer records the role.", "3. DIGITAL REPLICAS", "3.1 No Replica without consent."]))
    assert outline(doc) == [("1", None), ("1.1", "1"), ("2", None), ("2.1", "2"), ("3", None), ("3.1", "3")]
    contents = next(c for c in doc.clauses if (c.heading or "").endswith("TABLE OF CONTENTS"))
    assert contents.number is None and "3. Digital Replicas" in contents.text
    assert next(c for c in doc.clauses if c.number == "1").heading == "DEFINITIONS"
    assert any(c.heading == "TERMS AND CONDITIONS" and c.kind == "heading" for c in doc.clauses)


def test_lettered_sections_named_with_the_word_section(tmp_path: Path) -> None:
    """US government contracts and some talent agreements head lettered parts "SECTION B - ..."."""
    doc = load(write_text(tmp_path, [
        "SECTION A - GRANT OF RIGHTS", "1. Talent grants Company the right to record Talent.",
        "SECTION B - USAGE", "1. The usage period is one year.", "Section A of the Rider also applies.",
        "SECTION C", "CONSENT", "1. Each new use needs written consent."]))
    assert outline(doc) == [("A", None), ("A.1", "A"), ("B", None), ("B.1", "B"), ("C", None), ("C.1", "C")]
    assert [(c.label, c.heading) for c in doc.clauses if c.number in ("B", "C")] == [
        ("SECTION B", "USAGE"), ("SECTION C", "CONSENT")]
    assert next(c for c in doc.clauses if c.number == "B.1").text.endswith(
        "Section A of the Rider also applies.")

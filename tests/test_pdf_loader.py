"""The PDF loader on PDFs made by real tools (reportlab, LibreOffice) and on the CUAD corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import CONTRACTS, SHARED

from clausecheck.loaders import load
from clausecheck.loaders.pdf import load_pdf
from clausecheck.model import Block, RawDocument

CUAD = SHARED / "corpus" / "cuad"


@pytest.fixture(scope="module")
def services() -> RawDocument:
    return load_pdf(CONTRACTS / "pdf-services-agreement.pdf")


@pytest.fixture(scope="module")
def twocol() -> RawDocument:
    return load_pdf(CONTRACTS / "pdf-two-column.pdf")


def starting(raw: RawDocument, prefix: str) -> Block:
    matches = [b for b in raw.blocks if b.text.startswith(prefix)]
    assert len(matches) == 1, [b.text[:40] for b in raw.blocks]
    return matches[0]


def test_headings_and_run_in_bold_headings(services: RawDocument) -> None:
    title = services.blocks[0]
    assert (title.text, title.heading, title.page) == ("WRITER SERVICES AGREEMENT", True, 1)
    article = starting(services, "ARTICLE 3")
    assert article.text == "ARTICLE 3 RIGHTS AND ARTIFICIAL INTELLIGENCE" and article.heading
    grant = starting(services, "3.1 ")
    assert grant.text[: grant.bold_prefix] == "3.1 Grant of Rights." and not grant.heading
    materials = starting(services, "1.1 ")
    assert materials.text.startswith("1.1 Materials. “Materials” means all literary material written")
    assert materials.text.endswith("in any medium now known or hereafter devised.")
    assert materials.text[: materials.bold_prefix] == "1.1 Materials."
    assert starting(services, "1. In this").bold_prefix == 0


def test_nested_numbering_each_its_own_block_in_order(services: RawDocument) -> None:
    labels = [b.text.split(" ")[0] for b in services.blocks if re.match(r"\(?[0-9a-z]+[.)]", b.text)]
    assert labels == ["1.", "1.1", "1.2", "2.1", "2.2", "2.3", "(a)", "(b)", "(c)", "(i)", "(ii)",
                      "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3"]
    assert starting(services, "(b) ").text == (
        "(b) pay any residuals due under the applicable collective bargaining agreement; and")


def test_no_running_header_or_footer(services: RawDocument, twocol: RawDocument) -> None:
    for raw in (services, twocol):
        text = "\n".join(b.text for b in raw.blocks)
        assert "Agreement \u2013 Confidential" not in text and "Standard Conditions (rev." not in text
        assert "Northlight Pictures / Dana Okafor" not in text and "Harbour Lane Audio \u2013" not in text
        assert not re.search(r"Page \d", text)


def test_line_end_hyphens_joined_compounds_kept(services: RawDocument) -> None:
    text = "\n".join(b.text for b in services.blocks)
    for word in ("throughout the universe", "or otherwise develop", "concerning the Picture",
                 "Writer's representative on request"):
        assert word in text
    for compound in ("third-party distributor", "fine-tune", "non-human author", "computer-generated",
                     "pre-approved", "non-exclusive sub-distributor"):
        assert compound in text
    # "time-limited" is broken at its own hyphen at a line end in the PDF: the hyphen stays
    page_two = pdfium.PdfDocument(CONTRACTS / "pdf-services-agreement.pdf")[1].get_textpage().get_text_range()
    assert "time\ufffe\r\nlimited" in page_two or "time\ufffelimited" in page_two
    assert "grant any of them time-limited, non-transferable rights" in text
    assert "\ufffe" not in text and "\x02" not in text and "\r" not in text


def test_paragraph_across_page_break_knows_both_pages(services: RawDocument) -> None:
    grant = starting(services, "3.1 ")
    assert (grant.page, grant.last_page) == (1, 2)
    assert "may license the Materials to any third-party distributor, broadcaster" in grant.text
    assert grant.text.endswith("those concerning credit in Section 3.4.")
    assert (starting(services, "4.2 ").page, starting(services, "1.2 ").page) == (2, 1)


def test_table_rows_kept_as_text(services: RawDocument) -> None:
    rows = [b.text for b in services.blocks if b.kind == "table"]
    assert rows == ["Step | Delivery | Fee (USD)", "First draft screenplay | 1 June 2026 | 45,000",
                    "Revisions | 1 August 2026 | 20,000", "Polish (optional) | 1 October 2026 | 10,000"]


def test_two_columns_read_left_column_first(twocol: RawDocument) -> None:
    assert twocol.blocks[0].text == "STANDARD CONDITIONS OF ENGAGEMENT FOR VOICE PERFORMERS"
    assert twocol.blocks[0].heading
    assert twocol.blocks[1].text.startswith("These standard conditions form part of every booking")
    labels = [(b.page, b.text.split(".")[0]) for b in twocol.blocks[2:]]
    assert [label for _, label in labels] == [str(n) for n in range(1, 21)]
    assert [page for page, _ in labels] == [1] * 15 + [2] * 5
    session = starting(twocol, "2. Session Fees.")
    assert "stated in the booking confirmation for each hour" in session.text
    assert session.text.endswith("within twenty-one (21) days of the session.")
    confidentiality = starting(twocol, "8. Confidentiality.")
    assert confidentiality.text.endswith("until the production is released to the public.")
    law = starting(twocol, "10. Law.")
    assert law.text == ("10. Law. These conditions are governed by the laws of the State of New York, "
                        "and the courts of New York County have exclusive jurisdiction.")
    withdrawal = starting(twocol, "15. Consent Withdrawal (Sequels).")
    assert (withdrawal.page, withdrawal.last_page) == (1, 2)
    assert "shall delete any model trained on the recordings within sixty (60) days." in withdrawal.text


def test_paragraphs_told_apart_without_space_or_bold() -> None:
    """Tight layout: labels, capitals and first-line indents alone separate the paragraphs."""
    raw = load_pdf(CONTRACTS / "pdf-sections.pdf")
    starts = [b.text[:24] for b in raw.blocks]
    assert starts == ["PERFORMER SERVICES TERMS", "ARTICLE I ENGAGEMENT", "Section 1.01 The Studio ",
                      "Section 1.02 The Perform", "(a) a recording session ", "(b) a pick-up session wh",
                      "(c) any publicity appear", "ARTICLE II PAYMENT", "Section 2.01 The Studio ",
                      "The Studio shall not use", "Nothing in these terms t", "Either party may end the",
                      "§ 3 Notices. Notices und"]
    # "2.01" opens the second line of that paragraph, in mid-sentence
    assert "fails to pay a fee due under Section 2.01 within thirty (30) days" in raw.blocks[11].text
    assert [b.heading for b in raw.blocks[:3]] == [True, True, False]
    assert raw.blocks[8].text.endswith("whether or not the episode is released.")
    assert raw.blocks[9].text.endswith("the fee for it.")
    # a one-page document: its small-print running header is still recognised as furniture
    assert not any("Tidewater \u2013" in b.text or "Page 1" in b.text for b in raw.blocks)


def test_watermark_left_out_and_sideways_page_read() -> None:
    raw = load_pdf(CONTRACTS / "pdf-watermark.pdf")
    text = "\n".join(b.text for b in raw.blocks)
    assert "DRAFT" not in text and "Ref. NP-2026-014" not in text
    assert [b.text[:14] for b in raw.blocks if b.page == 1] == [
        "LOCATION RELEA", "1. Permission.", "2. Fees. The C", "3. No Replicas"]
    assert [b.text for b in raw.blocks if b.page == 2] == [
        "Schedule A - Filming Days and Fees", "Day 1 2 June 2026 USD 4,000", "Day 2 3 June 2026 USD 4,000",
        "Day 3 (night) 4 June 2026 USD 6,500"]
    assert raw.warnings == [
        "page(s) 2 were read in file order, without layout analysis (too many separate text pieces, or "
        "text set sideways)",
        "page(s) 1 carry text set at an angle (a watermark or margin note); it was left out"]


def test_libreoffice_pdf() -> None:
    raw = load_pdf(CONTRACTS / "pdf-libreoffice.pdf")
    assert raw.pages == 2
    assert raw.blocks[0].text == "DATA CONTRIBUTOR AGREEMENT" and raw.blocks[0].heading
    tasks = raw.blocks[2]
    assert tasks.text == "1.1 Tasks. Each task brief states the work, the deadline and the fee for the task."
    assert tasks.text[: tasks.bold_prefix] == "1.1 Tasks."
    text = "\n".join(b.text for b in raw.blocks)
    assert "Aurora Data Labs" not in text and "Page" not in text
    assert {b.page for b in raw.blocks} == {1, 2}


def test_scanned_page_is_a_gap_not_silence() -> None:
    raw = load_pdf(CONTRACTS / "pdf-partly-scanned.pdf")
    assert [(g.kind, g.page) for g in raw.gaps] == [("page-without-text", 2)]
    assert {b.page for b in raw.blocks} == {1, 3}


def test_javascript_and_attachment_recorded_not_run() -> None:
    raw = load_pdf(CONTRACTS.parent / "bad" / "pdf-javascript-attachment.pdf")
    kinds = {g.kind: g.detail for g in raw.gaps}
    assert "JavaScript" in kinds["other"] and "attached file" in kinds["attachment"]
    assert starting(raw, "4.2 ").page == 2


def test_end_to_end_clause_numbers_and_pages() -> None:
    document = load(CONTRACTS / "pdf-services-agreement.pdf")
    by_number = {c.number: c for c in document.clauses if c.number}
    assert (by_number["2.3(c)(i)"].page, by_number["2.3(c)(i)"].text) == (1, "the final shooting script; and")
    assert (by_number["3.1"].page, by_number["3.1"].last_page, by_number["3.1"].heading) == (
        1, 2, "Grant of Rights")
    assert by_number["4.2"].page == 2
    assert "Materials" in document.definitions
    columns = load(CONTRACTS / "pdf-two-column.pdf")
    numbered = [(c.number, c.page, c.last_page) for c in columns.clauses if c.number]
    assert [n for n, _, _ in numbered] == [str(n) for n in range(1, 21)]
    assert numbered[14] == ("15", 1, 2)


@pytest.mark.skipif(not CUAD.is_dir(), reason="the shared CUAD corpus is not on this machine")
@pytest.mark.parametrize("path", sorted(CUAD.glob("*.pdf")) if CUAD.is_dir() else [],
                         ids=lambda p: p.name[:40])
def test_cuad_contract_loads_with_text(path: Path) -> None:
    raw = load_pdf(path)
    assert raw.pages >= 1 and len(raw.blocks) >= 10
    assert sum(len(b.text) for b in raw.blocks) > 2000
    assert all(b.text.strip() and not b.text.isdigit() for b in raw.blocks)
    assert all(1 <= b.page <= (b.last_page or 0) <= raw.pages for b in raw.blocks)


@pytest.mark.skipif(not CUAD.is_dir(), reason="the shared CUAD corpus is not on this machine")
def test_long_table_is_not_taken_for_two_columns() -> None:
    """A 40-row, 3-column schedule keeps its rows (a gutter test alone would read it column-wise)."""
    raw = load_pdf(next(CUAD.glob("ArmstrongFlooring*.pdf")))
    rows = [b.text for b in raw.blocks if b.page == 16 and b.kind == "table"]
    assert rows[:3] == ["Domain Name | Expiration date | Owner",
                        "amish-handscraped.com | 13-Apr-2019 | Armstrong Flooring, Inc. (“AFI”)",
                        "amishhandscraped.com | 13-Apr-2019 | AFI"]
    assert len(rows) > 30


@pytest.mark.skipif(not CUAD.is_dir(), reason="the shared CUAD corpus is not on this machine")
def test_scanned_page_behind_a_text_footer_is_a_gap() -> None:
    """Page 5 is a picture inside a form XObject plus the corpus's one-line "Source:" footer."""
    raw = load_pdf(next(CUAD.glob("PrecheckHealth*.pdf")))
    assert [(g.kind, g.page) for g in raw.gaps] == [("page-without-text", 5)]


@pytest.mark.skipif(not CUAD.is_dir(), reason="the shared CUAD corpus is not on this machine")
def test_real_producer_quirks() -> None:
    """A font that maps ";" to U+037E (normalised, so "(b)" still starts a paragraph), a passage in
    capitals that is one paragraph, and a page number in mid-page that does not cut a sentence."""
    fuse = load_pdf(next(CUAD.glob("FuseMedical*.pdf")))
    items = [b.text for b in fuse.blocks if b.page == 7 and b.text.startswith(("(a) coop", "(b) not make"))]
    assert items == ["(a) cooperate with the Supplier in relation to the promotion and advertisement of the "
                     "Products;", "(b) not make any written statement as to the quality or manufacture of "
                     "the Products without the prior written approval of the Supplier; and"]
    armstrong = load_pdf(next(CUAD.glob("ArmstrongFlooring*.pdf")))
    assert any("ARISE UNDER THIS AGREEMENT IS LIKELY TO INVOLVE COMPLICATED AND DIFFICULT ISSUES" in b.text
               for b in armstrong.blocks)
    central = load_pdf(next(CUAD.glob("HealthcentralCom*.pdf")))
    assert any("UNDER ANY CONTRACT, NEGLIGENCE, STRICT LIABILITY, TORT OR OTHER" in b.text
               for b in central.blocks)

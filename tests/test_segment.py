"""The segmenter: labels, hierarchy, citations, headings, changes, offsets and definitions."""

from __future__ import annotations

import pytest

from clausecheck.errors import TooLarge
from clausecheck.limits import Limits
from clausecheck.loaders import load
from clausecheck.model import Block, Document, RawDocument
from clausecheck.segment import segment


def seg(*blocks: Block | str, fmt: str = "text", pages: int = 1, limits: Limits | None = None) -> Document:
    items = [b if isinstance(b, Block) else Block(b) for b in blocks]
    raw = RawDocument(format=fmt, pages=pages, blocks=items)
    return segment(raw, path="x.txt", sha256="0" * 64, **({"limits": limits} if limits else {}))


def numbers(doc: Document) -> list[str | None]:
    return [c.number for c in doc.clauses]


def by_number(doc: Document, number: str):
    matches = [c for c in doc.clauses if c.number == number]
    assert len(matches) == 1, (number, numbers(doc))
    return matches[0]


def assert_offsets(doc: Document) -> None:
    for clause in doc.clauses:
        assert doc.text[clause.start:clause.end] == clause.text
    assert doc.text == "\n\n".join(c.text for c in doc.clauses)


# --- labels and citations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "expected_number", "expected_label"),
    [
        ("1. Company shall pay.", "1", "1."),
        ("1.1 Company shall pay.", "1.1", "1.1"),
        ("1.1.1 Company shall pay.", "1.1.1", "1.1.1"),
        ("1) Company shall pay.", "1", "1)"),
        ("(a) Company shall pay.", "(a)", "(a)"),
        ("a) Company shall pay.", "a", "a)"),
        ("(i) Company shall pay.", "(i)", "(i)"),
        ("(A) Company shall pay.", "(A)", "(A)"),
        ("(1) Company shall pay.", "(1)", "(1)"),
        ("Section 5 Company shall pay.", "5", "Section 5"),
        ("Section 5.2 Company shall pay.", "5.2", "Section 5.2"),
        ("SECTION 5. Company shall pay.", "5", "SECTION 5."),
        ("ARTICLE IV Company shall pay.", "Article IV", "ARTICLE IV"),
        ("Article 4 Company shall pay.", "Article 4", "Article 4"),
        ("§ 3 Company shall pay.", "3", "§ 3"),
        ("Clause 7 Company shall pay.", "7", "Clause 7"),
    ],
)
def test_each_label_style_is_found_and_cited(first: str, expected_number: str, expected_label: str) -> None:
    doc = seg(first)
    clause = doc.clauses[0]
    expected = (expected_number, expected_label, "Company shall pay.")
    assert (clause.number, clause.label, clause.text) == expected


def test_sections_numbered_in_words_cite_as_digits() -> None:
    doc = seg("SECTION ONE. DEFINITIONS", 'A. "Contract Period" shall mean three years.',
              "SECTION TWENTY-ONE. HEADINGS", "Headings are for convenience only.",
              "Section Ten of this Agreement survives.")
    assert numbers(doc) == ["1", "1(A)", "21"]
    assert (doc.clauses[2].label, doc.clauses[2].heading) == ("SECTION TWENTY-ONE.", "HEADINGS")
    assert doc.clauses[2].text.split("\n") == [
        "Headings are for convenience only.", "Section Ten of this Agreement survives."]


def test_two_level_citation_section_5_2_a_i() -> None:
    doc = seg("Section 5. Compensation", "5.1 Company pays.", "5.2 Fees. The fees are:",
              "(a) a fixed fee, made up of:", "(i) a base amount; and", "(ii) a bonus;", "(b) expenses.")
    assert numbers(doc) == ["5", "5.1", "5.2", "5.2(a)", "5.2(a)(i)", "5.2(a)(ii)", "5.2(b)"]
    assert [c.level for c in doc.clauses] == [0, 1, 1, 2, 3, 3, 2]
    assert [c.parent for c in doc.clauses] == [None, 0, 0, 2, 3, 3, 2]
    assert by_number(doc, "5.2(a)(i)").label == "(i)"


def test_roman_or_letter_is_decided_by_the_previous_sibling() -> None:
    letters = [f"({c}) item {c}." for c in "abcdefghij"]
    doc = seg("1. List:", *letters)
    assert numbers(doc)[1:] == [f"1({c})" for c in "abcdefghij"]
    assert all(c.level == 1 for c in doc.clauses[1:])
    romans = ["(i) one.", "(ii) two.", "(iii) three.", "(iv) four.", "(v) five.", "(vi) six."]
    doc = seg("1. List:", *romans)
    assert numbers(doc)[1:] == ["1(i)", "1(ii)", "1(iii)", "1(iv)", "1(v)", "1(vi)"]
    # a lone "(v)" or "(x)" is a letter, a lone "(i)" a numeral nested under a letter
    doc = seg("1. List:", "(a) first, where:", "(i) inner.", "(b) second.")
    assert numbers(doc)[1:] == ["1(a)", "1(a)(i)", "1(b)"]


def test_upper_case_letters_and_numerals() -> None:
    doc = seg("1. Items:", "(A) a;", "(B) b;", "(H) h;", "(I) i.")
    assert numbers(doc)[-1] == "1(I)" and doc.clauses[-1].level == 1
    doc = seg("1. Items:", "(I) one;", "(II) two.")
    assert numbers(doc)[1:] == ["1(I)", "1(II)"]


def test_nested_styles_follow_their_first_appearance() -> None:
    doc = seg("2. Term:", "(a) one:", "(1) deep;", "(2) deeper;", "(b) two:", "(1) again.", "3. Next.")
    assert numbers(doc) == ["2", "2(a)", "2(a)(1)", "2(a)(2)", "2(b)", "2(b)(1)", "3"]
    assert doc.clauses[-1].parent is None


def test_article_with_decimals_and_article_heading_on_next_line() -> None:
    doc = seg("ARTICLE IV", "CONFIDENTIALITY", "4.1 Keep it secret.", "ARTICLE V GRANT OF RIGHTS",
              "5.1 Grant.", "Article Six Miscellaneous")
    article = doc.clauses[0]
    assert (article.number, article.heading, article.kind, article.text) == (
        "Article IV", "CONFIDENTIALITY", "heading", "")
    assert by_number(doc, "4.1").parent == 0
    assert by_number(doc, "Article V").heading == "GRANT OF RIGHTS"
    assert by_number(doc, "5.1").parent == 2
    assert by_number(doc, "Article Six").heading == "Miscellaneous"


def test_exhibits_start_top_level_parts_with_prefixed_citations() -> None:
    doc = seg("1. Services.", "2. Fees.", "EXHIBIT A", "FORM OF CONSENT", "1. Scope. Narrow.",
              "(a) one use.", "Schedule 1 - Rates", "1. Day rate: USD 900.", "Annex", "Text of annex.")
    assert numbers(doc) == ["1", "2", "Exhibit A", "Exhibit A, 1", "Exhibit A, 1(a)", "Schedule 1",
                            "Schedule 1, 1", "Annex"]
    exhibit = by_number(doc, "Exhibit A")
    assert (exhibit.kind, exhibit.heading, exhibit.parent) == ("exhibit", "FORM OF CONSENT", None)
    assert by_number(doc, "Schedule 1").heading == "Rates"
    assert by_number(doc, "Annex").text == "Text of annex."


def test_a_reference_is_not_a_label() -> None:
    doc = seg("1. Company shall pay.", "Section 5 of this Agreement survives termination.",
              "Exhibit A attached hereto is part of this Agreement.")
    assert numbers(doc) == ["1"]
    assert doc.clauses[0].text.split("\n") == [
        "Company shall pay.", "Section 5 of this Agreement survives termination.",
        "Exhibit A attached hereto is part of this Agreement."]


def test_sec_filing_exhibit_caption_is_not_a_part() -> None:
    doc = seg("Exhibit 10.2", "LICENSE AGREEMENT", "1. Grant. Licensor grants a licence.")
    assert numbers(doc) == [None, None, "1"]
    doc = seg("*** Confidential treatment requested.", "EXHIBIT 10.2", "1. Licensor grants a licence.")
    assert numbers(doc) == [None, None, "1"]


def test_nested_list_restarting_at_one_inside_a_clause() -> None:
    doc = seg("3. Payment.", "3.2 Company shall pay:", "1. a fee; and", "2. expenses.", "4. Term.")
    assert numbers(doc) == ["3", "3.2", "3.2(1)", "3.2(2)", "4"]


def test_a_number_carrying_on_a_sentence_is_not_a_clause() -> None:
    doc = seg("4. Payment.", "4.3 If this Agreement ends under Sections 13.1",
              "13.2 or 13.3 before the end of the Term, Company pays a share.", "4.4 Company shall report.",
              "6.5 Guaranteed revenue. If this Agreement ends under Section",
              "7.1 [DEFINITIONS], the Company pays the balance.", "7. Term.", "7.1 One year.")
    assert numbers(doc) == ["4", "4.3", "4.4", "6.5", "7", "7.1"]
    assert by_number(doc, "4.3").text.split("\n") == [
        "If this Agreement ends under Sections 13.1",
        "13.2 or 13.3 before the end of the Term, Company pays a share."]
    assert by_number(doc, "6.5").text.endswith(
        "under Section\n7.1 [DEFINITIONS], the Company pays the balance.")


def test_word_labels_are_used_as_given() -> None:
    doc = seg(Block("Licence Grant. Company may use the work.", label="3.2", level=1),
              Block("within the Series.", label="(a)", level=2),
              Block("Notices go by email.", label="Step 4", level=0))
    assert numbers(doc) == ["3.2", "3.2(a)", "Step 4"]
    assert doc.clauses[0].heading == "Licence Grant"
    assert doc.clauses[0].text == "Company may use the work."


def test_word_list_levels_keep_legal_numbering_under_a_roman_item() -> None:
    doc = seg(Block("Roman top", label="I", level=0), Block("Legal numbering", label="1.1", level=1),
              Block("Zero padded", label="(01)", level=2), Block("Roman second", label="II", level=0),
              Block("Legal again", label="2.1", level=1), Block("First part", label="Part 1", level=0),
              Block("Ordinal one", label="1st item", level=1))
    assert [(c.number, c.parent) for c in doc.clauses] == [
        ("I", None), ("1.1", 0), ("1.1(01)", 1), ("II", None), ("2.1", 3), ("Part 1", None),
        ("Part 1, 1st item", 5)]


def test_word_restarted_list_stays_at_its_level_and_exhibit_items_cite_bare() -> None:
    doc = seg("1. Company pays the fee.", "Schedule A: Deliverables", Block("Treatment", label="A.", level=0),
              Block("Outline", label="I.", level=1), Block("Producer approval", label="1.", level=0),
              Block("Studio approval", label="2.", level=0), Block("Restart one", label="1.", level=0))
    assert numbers(doc) == ["1", "Schedule A", "Schedule A, A", "Schedule A, A(I)", "Schedule A, 1",
                            "Schedule A, 2", "Schedule A, 1"]
    assert [c.parent for c in doc.clauses] == [None, None, 1, 2, 1, 1, 1]


def test_run_on_labels_split_only_when_they_continue_the_numbering() -> None:
    doc = seg(
        '1.1 "CRO" means a research organisation. 1.2 "FDA" means the US agency. '
        '1.3 "Field" means all uses.',
        "1.4 Net Sales are gross sales less: (a) discounts; (b) credits; and (c) taxes. 2. Company pays.",
        "2.1 This applies (i) in the case of a company, or (ii) in the case of a trust.",
        "(d) was disclosed by a third party\u037e (e) was developed independently; and "
        "(f) was required by law.",
    )
    assert numbers(doc) == ["1.1", "1.2", "1.3", "1.4", "1.4(a)", "1.4(b)", "1.4(c)", "2", "2.1", "2.1(d)",
                            "2.1(e)", "2.1(f)"]
    assert by_number(doc, "1.4(b)").text == "credits; and"
    assert by_number(doc, "2.1").text == (
        "This applies (i) in the case of a company, or (ii) in the case of a trust.")
    assert {"CRO", "FDA", "Field"} <= set(doc.definitions)


def test_caps_heading_running_into_a_decimal_clause() -> None:
    doc = seg(Block("ARTICLE FOUR DATA AND PROPERTY 4.1 Program Data.", heading=True, bold_prefix=49),
              "(a) Access. Company gives access.", "SECTION 4.2 Licence. University grants a licence.")
    assert [(c.number, c.heading, c.text) for c in doc.clauses] == [
        ("Article Four", "DATA AND PROPERTY", ""), ("4.1", "Program Data", ""),
        ("4.1(a)", "Access", "Company gives access."), ("4.2", "Licence", "University grants a licence.")]


# --- headings ----------------------------------------------------------------------------------


def test_run_in_headings_from_text_and_from_bold() -> None:
    doc = seg("2.1 Licence Grant. Company may use the Materials.",
              Block("2.2 Payment Terms Company pays monthly.", bold_prefix=17),
              "2.3 COMPENSATION. Company pays.",
              "2.4 The Company shall pay Writer.")
    assert [(c.heading, c.text) for c in doc.clauses] == [
        ("Licence Grant", "Company may use the Materials."),
        ("Payment Terms", "Company pays monthly."),
        ("COMPENSATION", "Company pays."),
        (None, "The Company shall pay Writer."),
    ]


def test_a_long_paragraph_marked_as_heading_stays_text() -> None:
    long = "Company shall pay the fee " * 10
    doc = seg(Block("1. " + long, heading=True), Block(long, heading=True))
    assert doc.clauses[0].heading is None and doc.clauses[0].text == (long.strip() + "\n" + long.strip())
    doc = seg(Block("2. All bold. Company pays. More text.", bold_prefix=36))
    assert (doc.clauses[0].heading, doc.clauses[0].text) == (None, "All bold. Company pays. More text.")


def test_heading_only_clauses_parent_what_follows_and_take_continuations() -> None:
    doc = seg("3. COMPENSATION", "3.1 Company pays.", "4. TERM", "The term is one year.")
    three, four = by_number(doc, "3"), by_number(doc, "4")
    assert (three.kind, three.heading, three.text) == ("heading", "COMPENSATION", "")
    assert by_number(doc, "3.1").parent == 0
    assert (four.kind, four.heading, four.text) == ("clause", "TERM", "The term is one year.")


def test_unnumbered_headings_group_clauses() -> None:
    doc = seg("SERVICES AGREEMENT", "This Agreement is made today.", "1. Writer shall write.",
              Block("Payment", heading=True, level=2), "2. Company pays fees.", "3. Company pays expenses.",
              Block("Term", bold_prefix=4), "4. The term is one year.")
    kinds = [(c.number, c.kind, c.parent) for c in doc.clauses]
    assert kinds == [(None, "heading", None), (None, "preamble", None), ("1", "clause", None),
                     (None, "heading", None), ("2", "clause", 3), ("3", "clause", 3),
                     (None, "heading", None), ("4", "clause", 6)]


def test_markdown_heading_levels_nest_unnumbered_under_numbered() -> None:
    doc = seg(Block("1. Definitions", heading=True, level=2), Block("Interpretation", heading=True, level=3),
              "Words in the singular include the plural.", Block("2. Services", heading=True, level=2),
              "2.1 Writer shall write.")
    assert [(c.number, c.heading, c.parent) for c in doc.clauses] == [
        ("1", "Definitions", None), (None, "Interpretation", 0), ("2", "Services", None), ("2.1", None, 2)]


def test_preamble_and_recitals() -> None:
    doc = seg("CONSULTING AGREEMENT", "This Agreement is made between A and B.", "RECITALS",
              "A. Company makes films.", "B. Consultant writes.", "NOW, THEREFORE, the parties agree:",
              "1. Consultant shall write.")
    assert [(c.number, c.kind, c.parent) for c in doc.clauses] == [
        (None, "heading", None), (None, "preamble", None), (None, "heading", None),
        ("A", "clause", 2), ("B", "clause", 2), (None, "preamble", None), ("1", "clause", None)]


def test_continuation_paragraphs_join_their_clause_with_a_newline_and_extend_pages() -> None:
    doc = seg(Block("1. Grant. Company may use the work.", page=1),
              Block("This grant is worldwide.", page=2),
              Block("2. Term.", page=2))
    assert doc.clauses[0].text == "Company may use the work.\nThis grant is worldwide."
    assert (doc.clauses[0].page, doc.clauses[0].last_page) == (1, 2)
    assert_offsets(doc)


def test_signature_blocks() -> None:
    doc = seg("9. Notices. By email.", "IN WITNESS WHEREOF, the parties sign below.", "ACME INC.",
              "By: ________", "Name: Jo Park", "Title: CEO", "Date: ________", "EXHIBIT A", "Details.")
    signature = doc.clauses[1]
    assert signature.kind == "signature" and signature.number is None
    assert signature.text.split("\n") == ["IN WITNESS WHEREOF, the parties sign below.", "ACME INC.",
                                          "By: ________", "Name: Jo Park", "Title: CEO", "Date: ________"]
    assert doc.clauses[2].number == "Exhibit A"


def test_a_footnote_rule_is_not_a_signature_and_bold_names_do_not_end_one() -> None:
    doc = seg("4. Company pays a donation per unit.*", "_____________", "* The chapter donates 15%.",
              "5. Company runs a call centre.", "IN WITNESS WHEREOF the parties sign.", "By: /s/ Darren Long",
              Block("Darren Long - CEO", heading=True, bold_prefix=17))
    assert [c.kind for c in doc.clauses] == ["clause", "clause", "signature"]
    assert doc.clauses[0].text.endswith("\n_____________\n* The chapter donates 15%.")
    assert doc.clauses[2].text.endswith("By: /s/ Darren Long\nDarren Long - CEO")


def test_blanks_before_the_clauses_are_form_fields_not_signatures() -> None:
    doc = seg(Block("CREATIVE CONSULTANT | ____________ | ____________", kind="table"),
              "Performer name: ____________", "This Statement of Work is issued under the MSA.",
              "1. Role. Consultant writes.")
    assert [c.kind for c in doc.clauses] == ["table", "preamble", "preamble", "clause"]


def test_signature_table_takes_the_party_row_above_it() -> None:
    doc = seg("3.1 This Agreement is governed by Washington law.",
              Block("LUMEN SIGNAL MEDIA INC. | TALENT", kind="table"),
              Block("By: ________ | ________", kind="table"), Block("Name / Title: | Rafael Q", kind="table"))
    assert doc.clauses[0].text == "This Agreement is governed by Washington law."
    assert doc.clauses[1].kind == "signature"
    assert doc.clauses[1].text.split("\n") == [
        "LUMEN SIGNAL MEDIA INC. | TALENT", "By: ________ | ________", "Name / Title: | Rafael Q"]
    doc = seg("8. Law. California law governs.", Block("GREENWAY PICTURES LLC | WRITER", kind="table"),
              Block("__________ | __________", kind="table"))
    assert [c.kind for c in doc.clauses] == ["clause", "signature"]


def test_signature_without_in_witness_takes_the_party_name() -> None:
    doc = seg("1. Writer writes.", "2. Company pays.", "NORTHGATE AUDIO WORKS, INC.", "By: ________",
              "Name: Lee")
    assert [c.kind for c in doc.clauses] == ["clause", "clause", "signature"]
    assert doc.clauses[2].text.startswith("NORTHGATE AUDIO WORKS, INC.\nBy:")


# --- tracked changes -------------------------------------------------------------------------


def test_deleted_blocks_are_kept_apart_and_never_open_a_level() -> None:
    doc = seg("1. Writer grants rights.", Block("1.1 Company owns all AI rights.", change="deleted"),
              Block("1.1 Company owns the episodes.", change="inserted"),
              Block("and nothing else", change="deleted"), "1.2 The term is one year.")
    rows = [(c.number, c.change, c.parent, c.text) for c in doc.clauses]
    assert rows == [
        ("1", None, None, "Writer grants rights."),
        ("1.1", "deleted", 0, "Company owns all AI rights."),
        ("1.1", "inserted", 0, "Company owns the episodes."),
        ("1.1", "deleted", 2, "and nothing else"),
        ("1.2", None, 0, "The term is one year."),
    ]
    assert any("unaccepted tracked changes" in w for w in doc.warnings)
    assert "and nothing else" not in doc.clauses[2].text


def test_inserted_paragraph_inside_an_unchanged_clause_is_its_own_child() -> None:
    doc = seg("4. Fees. Company pays USD 100.", Block("Company also pays for AI reuse.", change="inserted"))
    inserted = doc.clauses[1]
    assert (inserted.number, inserted.label, inserted.parent, inserted.change) == ("4", None, 0, "inserted")


def test_a_loader_warning_about_tracked_changes_is_not_repeated() -> None:
    raw = RawDocument("docx", 1, [Block("1. Company pays.", change="inserted")],
                      warnings=["the document holds tracked changes that were never accepted"])
    assert segment(raw, path="r.docx", sha256="0" * 64).warnings == raw.warnings


def test_skipped_numbers_are_warned_about() -> None:
    doc = seg("5. Company pays.", "5.1 Monthly.", "5.2 The fee covers:", "(a) one;", "(b) two;", "(d) four.",
              "5.4 Taxes.", "6. Term.", "6.01 One year.", "§ 8 Notices.")
    assert doc.warnings == [
        "the clause numbering skips from 5.2(b) to 5.2(d), from 5.2 to 5.4, from 6 to 8: a clause may be "
        "missing from the file or misread; check those places in the original"]


def test_no_tracked_changes_no_warning() -> None:
    assert seg("1. Terms.").warnings == []


# --- limits, tables, gaps --------------------------------------------------------------------


def test_too_many_clauses_is_refused() -> None:
    with pytest.raises(TooLarge, match="more than 3 clauses"):
        seg(*[f"{n}. Clause." for n in range(1, 6)], limits=Limits(max_clauses=3))


def test_table_rows_join_the_clause_they_follow() -> None:
    doc = seg("4. Rates:", Block("Session | USD 950", kind="table"), Block("Day | USD 1,400", kind="table"))
    assert doc.clauses[0].heading == "Rates"
    assert doc.clauses[0].text == "Session | USD 950\nDay | USD 1,400"


def test_notes_gaps_and_warnings_are_kept() -> None:
    from clausecheck.model import Gap, Note

    raw = RawDocument(format="pdf", pages=2, blocks=[Block("1. Terms.")], notes=[Note("footer", "Page 1")],
                      gaps=[Gap("page-without-text", "page 2 is an image", 2)], warnings=["odd font"])
    doc = segment(raw, path="x.pdf", sha256="0" * 64)
    assert (doc.notes, doc.gaps, doc.warnings, doc.pages) == (raw.notes, raw.gaps, ["odd font"], 2)


def test_blank_blocks_are_skipped_and_an_empty_document_has_no_clauses() -> None:
    doc = seg("   ", "\n")
    assert doc.clauses == [] and doc.text == ""


# --- definitions -------------------------------------------------------------------------------


def test_definitions_of_every_shape() -> None:
    doc = seg(
        'This Agreement (the "Agreement") is made by Acme Inc. ("Company") and Jo ("Writer"; together '
        'with Company, the "Parties").',
        '1.1 "Materials" means all literary material. It excludes notes.',
        '1.2 "Services" shall mean the writing services.',
        "1.3 “Work Product” has the meaning given in Section 5.",
        '1.4 "Deliverables" includes drafts and revisions.',
        '1.5 As used herein, "Results and Proceeds" refers to everything Writer makes.',
        '2. Company owns all results (collectively, "Proceeds") and each is a "Unit" for payment.',
        '3. "Affiliate" of a person means any entity it controls.',
        Block('1.6 "Struck" means something deleted.', change="deleted"),
    )
    d = doc.definitions
    assert d["Materials"].text == '"Materials" means all literary material.'
    assert d["Materials"].clause == 1
    assert d["Services"].text.startswith('"Services" shall mean')
    assert d["Work Product"].text == "“Work Product” has the meaning given in Section 5."
    assert d["Deliverables"].text == '"Deliverables" includes drafts and revisions.'
    assert d["Results and Proceeds"].text.startswith("As used herein")
    assert d["Proceeds"].text.startswith("Company owns all results")
    assert d["Affiliate"].text == '"Affiliate" of a person means any entity it controls.'
    for term in ("Agreement", "Company", "Writer", "Parties"):
        assert d[term].clause == 0
    assert "Struck" not in d
    assert "Unit" not in d  # a quoted word in running text is not a definition


def test_unquoted_and_alternative_terms() -> None:
    doc = seg("1.1 Confidential Information means any secret.",
              '1.2 "Licensed Marks" or "Marks" shall mean the logos.',
              "1.3 This Agreement means the whole deal.")
    assert doc.definitions["Confidential Information"].text == "Confidential Information means any secret."
    assert doc.definitions["Marks"].text == doc.definitions["Licensed Marks"].text
    assert "This Agreement" not in doc.definitions


def test_a_means_definition_wins_over_an_earlier_parenthetical() -> None:
    doc = seg('Writer shall deliver the scripts (the "Materials").', '1. "Materials" means every draft.')
    assert doc.definitions["Materials"].text == '"Materials" means every draft.'


def test_sentence_of_a_definition_ignores_abbreviations() -> None:
    doc = seg('1. Acme Inc. and Beta Co. (the "Studios") agree. Another sentence.')
    assert doc.definitions["Studios"].text == 'Acme Inc. and Beta Co. (the "Studios") agree.'


# --- the text fixtures -------------------------------------------------------------------------


def test_voice_services_agreement_fixture(contracts) -> None:
    doc = load(contracts / "text-voice-services-agreement.txt")
    assert doc.format == "text" and doc.pages == 3
    assert_offsets(doc)
    expected = ["Article I", "1.1", "2.2(b)(ii)", "2.3", "3.2(A)", "4.3(h)", "4.3(i)", "4.4(iv)", "4.4(v)",
                "5.2(a)(i)", "Exhibit A", "Exhibit A, 2(a)", "Schedule 1", "Schedule 1, 2"]
    for number in expected:
        by_number(doc, number)
    assert by_number(doc, "4.3(i)").level == by_number(doc, "4.3(h)").level == 2
    assert by_number(doc, "4.4(v)").text == "the fee, which shall be no less than the Session Fee."
    assert by_number(doc, "2.3").text == (
        "Company may reject a take only for the technical reasons listed in this Agreement and in its "
        "Section 4.2 below, and shall tell Performer the reason for each rejected take.")
    assert by_number(doc, "Article III").page == 2
    assert by_number(doc, "Exhibit A").page == 3
    assert by_number(doc, "Exhibit A").heading == "CONSENT TO DIGITAL REPLICA"
    signature = next(c for c in doc.clauses if c.kind == "signature")
    assert signature.page == 2 and "Name: Marcus Lee" in signature.text.split("\n")
    assert set(doc.definitions) >= {"Recordings", "Digital Replica", "Synthetic Performance", "Materials",
                                    "Agreement", "Company", "Performer", "Party", "Parties", "Series",
                                    "Session Fee"}
    assert doc.definitions["Synthetic Performance"].clause == doc.clauses.index(by_number(doc, "1.3"))


def test_story_editor_markdown_fixture(contracts) -> None:
    doc = load(contracts / "text-story-editor-agreement.md")
    assert doc.format == "markdown"
    assert_offsets(doc)
    assert doc.clauses[0].heading == "STORY EDITOR AGREEMENT" and doc.clauses[0].kind == "heading"
    assert by_number(doc, "1").heading == "Definitions"
    assert by_number(doc, "2.1").heading == "Services"
    assert by_number(doc, "2.1").text.startswith("Writer shall render services")
    assert [c.number for c in doc.clauses if c.parent == doc.clauses.index(by_number(doc, "3.1"))] == [
        "3.1(1)", "3.1(2)"]
    clause = by_number(doc, "5.2(a)(ii)")
    assert clause.text == "the Parties agree in writing on additional compensation for it;"
    assert by_number(doc, "5.2").heading == "Work Product"
    assert by_number(doc, "4").heading == "Use of AI Tools"
    assert by_number(doc, "6").heading == "Credit" and by_number(doc, "7").heading == "Governing Law"
    signature = doc.clauses[-1]
    assert signature.kind == "signature"
    assert signature.text.startswith("HARBOR LANE PRODUCTIONS LLC | WRITER\nBy:")
    assert "**" not in doc.text
    assert doc.definitions["Results and Proceeds"].clause == doc.clauses.index(by_number(doc, "5.2"))
    assert {"Literary Material", "Work Product", "Deliverables", "AI Tool", "Producer", "Writer", "Parties",
            "Series"} <= set(doc.definitions)


def test_deal_memo_fixture(contracts) -> None:
    doc = load(contracts / "text-narration-deal-memo.txt")
    assert_offsets(doc)
    preamble = [c.text for c in doc.clauses if c.kind == "preamble"]
    assert preamble[:2] == [
        'Publisher: Quiet Pine Books LLC ("Publisher")', 'Narrator: Dev Anand ("Narrator")']
    payment = next(i for i, c in enumerate(doc.clauses) if c.heading == "PAYMENT")
    assert by_number(doc, "2.1").parent == payment
    assert by_number(doc, "2.1(b)").text == "a completion fee of USD 500, payable within 30 days of delivery."
    assert by_number(doc, "1.1.2").parent == doc.clauses.index(by_number(doc, "1.1"))
    assert by_number(doc, "3.1(2)").text.endswith("paid at no less than the hourly rate.")
    assert by_number(doc, "4").parent is None and by_number(doc, "4").heading == "Termination"
    assert doc.clauses[-1].kind == "signature"


def test_writers_room_nda_fixture(contracts) -> None:
    doc = load(contracts / "text-writers-room-nda.txt")
    assert_offsets(doc)
    assert numbers(doc)[2:13] == ["1", "1(1)", "1(2)", "1(3)", "2", "2(a)", "2(b)", "2(c)", "2(c)(i)",
                                  "2(c)(ii)", "3"]
    assert by_number(doc, "1(3)").text == (
        "the receiving Party develops on its own without use of the other Party's information.")
    assert by_number(doc, "3").heading == "WRITER'S IDEAS AND MACHINE LEARNING"
    assert by_number(doc, "1").label == "SECTION 1."
    assert doc.definitions["Confidential Information"].clause == doc.clauses.index(by_number(doc, "1"))
    signature = doc.clauses[-1]
    assert signature.kind == "signature" and signature.text.startswith("RED KITE MEDIA, INC.\nBy:")

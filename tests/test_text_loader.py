"""The plain-text and Markdown loader: decoding, paragraphs, pages, Markdown hints, limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.errors import EmptyFile, TooLarge
from clausecheck.limits import Limits
from clausecheck.loaders import load
from clausecheck.loaders.text import load_text

CONTRACT = "1. Grant. Writer grants “Company” the rights.\n\n2. Fee. Company pays €500 — promptly.\n"


def write(tmp_path: Path, data: bytes, name: str = "c.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(path: Path, fmt: str = "text") -> list[str]:
    return [b.text for b in load_text(path, fmt=fmt).blocks]


# --- decoding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        CONTRACT.encode("utf-8"),
        b"\xef\xbb\xbf" + CONTRACT.encode("utf-8"),
        CONTRACT.encode("utf-16"),  # with BOM, native order
        b"\xff\xfe" + CONTRACT.encode("utf-16-le"),
        b"\xfe\xff" + CONTRACT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom"],
)
def test_unicode_encodings_read_the_same_without_warnings(tmp_path: Path, encoded: bytes) -> None:
    raw = load_text(write(tmp_path, encoded), fmt="text")
    assert [b.text for b in raw.blocks] == [
        "1. Grant. Writer grants “Company” the rights.", "2. Fee. Company pays €500 — promptly."]
    assert raw.warnings == []
    assert not raw.blocks[0].text.startswith("\ufeff")


def test_windows_1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    raw = load_text(write(tmp_path, CONTRACT.encode("cp1252")), fmt="text")
    assert raw.blocks[1].text == "2. Fee. Company pays €500 — promptly."
    assert raw.blocks[0].text == "1. Grant. Writer grants “Company” the rights."
    assert len(raw.warnings) == 1 and "Windows-1252" in raw.warnings[0]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_are_normalised(tmp_path: Path, newline: str) -> None:
    data = CONTRACT.replace("\n", newline).encode()
    assert texts(write(tmp_path, data)) == [
        "1. Grant. Writer grants “Company” the rights.", "2. Fee. Company pays €500 — promptly."]


def test_control_characters_are_dropped_and_tabs_become_spaces(tmp_path: Path) -> None:
    assert texts(write(tmp_path, b"1.\tGrant\x07 of rights.\x1b\n")) == ["1. Grant of rights."]


# --- paragraphs --------------------------------------------------------------------------------


def test_hard_wrapped_lines_are_joined_and_labels_at_line_start_split(tmp_path: Path) -> None:
    data = (
        "1.1 Company may use the recordings in the series and in its advertising,\n"
        "as described in the schedules to this agreement and in its Section\n"
        "4.2 below, for the whole term.\n"
        "1.2 Company shall pay the fee within thirty days after each session:\n"
        "(a) by bank transfer; and\n"
        "(b) with a statement.\n"
    )
    assert texts(write(tmp_path, data.encode())) == [
        "1.1 Company may use the recordings in the series and in its advertising, as described in the "
        "schedules to this agreement and in its Section 4.2 below, for the whole term.",
        "1.2 Company shall pay the fee within thirty days after each session:",
        "(a) by bank transfer; and",
        "(b) with a statement.",
    ]


def test_caps_headings_short_lines_bullets_and_fields_end_paragraphs(tmp_path: Path) -> None:
    data = (
        "ARTICLE 3 GRANT OF RIGHTS\n"
        "Writer grants Company the rights described in this Article for the full period of\n"
        "copyright everywhere in the world.\n"
        "Licence Grant\n"
        "Company may use the material in any medium now known or later devised, as set out.\n"
        "• in the series;\n"
        "• in trailers.\n\n"
        "Producer: Copperline Films LLC\n"
        "Performer: Nadia Farouk\n"
    )
    assert texts(write(tmp_path, data.encode())) == [
        "ARTICLE 3 GRANT OF RIGHTS",
        "Writer grants Company the rights described in this Article for the full period of copyright "
        "everywhere in the world.",
        "Licence Grant",
        "Company may use the material in any medium now known or later devised, as set out.",
        "• in the series;",
        "• in trailers.",
        "Producer: Copperline Films LLC",
        "Performer: Nadia Farouk",
    ]


def test_a_line_ending_in_a_hyphen_joins_without_a_space(tmp_path: Path) -> None:
    data = (b"1. Company may use the recordings for a time-\nlimited period in the series only - and\n"
            b"nowhere else.\n")
    assert texts(write(tmp_path, data)) == [
        "1. Company may use the recordings for a time-limited period in the series only - and nowhere else."]


def test_first_line_indents_start_paragraphs_in_text_without_blank_lines(tmp_path: Path) -> None:
    data = (
        "Section 2.01 The Studio shall pay the Performer the session fee for each session\n"
        "within fourteen days, whether or not the episode is released in any medium.\n"
        "     The Studio shall not use the recordings, or any synthetic voice derived from them,\n"
        "outside the series without a separate written agreement with the Performer.\n"
    )
    assert texts(write(tmp_path, data.encode())) == [
        "Section 2.01 The Studio shall pay the Performer the session fee for each session within fourteen "
        "days, whether or not the episode is released in any medium.",
        "The Studio shall not use the recordings, or any synthetic voice derived from them, outside the "
        "series without a separate written agreement with the Performer.",
    ]


def test_form_feeds_separate_pages(tmp_path: Path) -> None:
    raw = load_text(write(tmp_path, b"1. One.\n\x0c2. Two.\n\n3. Three.\n\x0c"), fmt="text")
    assert raw.pages == 2
    assert [(b.text, b.page) for b in raw.blocks] == [("1. One.", 1), ("2. Two.", 2), ("3. Three.", 2)]


def test_a_text_file_has_one_page_without_form_feeds(tmp_path: Path) -> None:
    assert load_text(write(tmp_path, CONTRACT.encode()), fmt="text").pages == 1


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_headings_bold_lists_tables_and_links(tmp_path: Path) -> None:
    data = (
        "# WRITER AGREEMENT\n\n"
        "Setext Heading\n==============\n\n"
        "## 2. Engagement ##\n\n"
        "**2.1 Services.** Writer shall *write* the [pilot](https://example.com).\n\n"
        "- first item\n"
        "* second item\n\n"
        "> quoted clause text\n\n"
        "---\n\n"
        "| Role | Fee |\n|---|---|\n| Writer | USD 10 |\n\n"
        "```\n3. Code block line\n```\n"
    )
    raw = load_text(write(tmp_path, data.encode(), "c.md"), fmt="markdown")
    assert raw.format == "markdown"
    rows = [(b.text, b.heading, b.level, b.bold_prefix, b.kind) for b in raw.blocks]
    assert rows == [
        ("WRITER AGREEMENT", True, 1, 0, "paragraph"),
        ("Setext Heading", True, 1, 0, "paragraph"),
        ("2. Engagement", True, 2, 0, "paragraph"),
        ("2.1 Services. Writer shall write the pilot.", False, None, len("2.1 Services."), "paragraph"),
        ("first item", False, None, 0, "paragraph"),
        ("second item", False, None, 0, "paragraph"),
        ("quoted clause text", False, None, 0, "paragraph"),
        ("Role | Fee", False, None, 0, "table"),
        ("Writer | USD 10", False, None, 0, "table"),
        ("3. Code block line", False, None, 0, "paragraph"),
    ]


def test_markdown_is_chosen_by_sniffing_the_suffix_of_a_text_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"## 1. Term\n\nThe term is one year.\n", "deal.markdown")
    doc = load(path)
    assert doc.format == "markdown"
    assert (doc.clauses[0].number, doc.clauses[0].heading, doc.clauses[0].text) == (
        "1", "Term", "The term is one year.")


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"   \n\n\t \r\n", b"\x0c\x0c\n"])
def test_a_file_of_blank_space_is_empty(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    with pytest.raises(EmptyFile, match=r"c\.txt: the file is empty: it holds no text"):
        load_text(path, fmt="text")


def test_size_and_page_limits(tmp_path: Path) -> None:
    path = write(tmp_path, CONTRACT.encode())
    with pytest.raises(TooLarge, match="over the limit of 10"):
        load_text(path, fmt="text", limits=Limits(max_file_bytes=10))
    with pytest.raises(TooLarge, match="over the limit of 10"):
        load(path, limits=Limits(max_file_bytes=10))
    paged = write(tmp_path, b"1. Page.\x0c" * 4, "paged.txt")
    with pytest.raises(TooLarge, match="4 pages, over the limit of 3"):
        load_text(paged, fmt="text", limits=Limits(max_pages=3))


@pytest.mark.parametrize("line", ["*a ", "_a ", "__a ", "**a ", "[a](", "`a ", "# a#"])
def test_markdown_markup_on_a_hostile_line_takes_linear_time(tmp_path: Path, line: str) -> None:
    """A line of 60,000 stray markers: seconds at most (a quadratic search would take minutes)."""
    import time

    path = write(tmp_path, (line * 20000).encode(), "hostile.md")
    started = time.perf_counter()
    raw = load_text(path, fmt="markdown")
    assert time.perf_counter() - started < 10
    assert raw.blocks

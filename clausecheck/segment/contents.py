"""A table of contents in a PDF or text file: its entries stay text under its heading, never clauses.

Word's own tables of contents are dropped by the DOCX loader; in PDFs and text files the entries
("1. Definitions ........ 3") would otherwise become clauses "1", "2" that the body numbers again,
and the body's "1. DEFINITIONS" would be read as an item of the last entry. After a "TABLE OF
CONTENTS" or "CONTENTS" heading, paragraphs are entries while they have dot leaders or end in a
page number, or are labelled and made of short lines that are not sentences; the table ends at the first
paragraph that is none of these, or that repeats the label of the first entry (the body starts).
"""

from __future__ import annotations

import re

from ..labels import Label
from .drafts import State

_TITLE = re.compile(  # a PDF may run the document's title into it: "TALENT AGREEMENT TABLE OF CONTENTS"
    r"(?:(?:[^a-z]*\s)?TABLE OF CONTENTS?|Table of Contents?|CONTENTS|Contents)[.:]?"
)
_LEADERS = re.compile(r"\.{4,}|(?:\. ){3,}|\u2026{2,}|_{4,}")
_PAGE_END = re.compile(r"\s\d{1,4}$")
MAX_ENTRY = 80  # a line longer than this without leaders or a page number is contract text


def is_contents_title(heading: str) -> bool:
    """Is ``heading`` the title of a table of contents?"""
    return _TITLE.fullmatch(heading.strip()) is not None


def is_contents_entry(state: State, text: str, label: Label | None) -> bool:
    """Is ``text`` (labelled ``label``) an entry of the open table of contents? Closes it if not."""
    if label is not None and state.contents_first is not None and (
            label.core, label.styles) == (state.contents_first.core, state.contents_first.styles):
        state.contents = None  # the body's first clause
        return False
    leaders = bool(_LEADERS.search(text) or _PAGE_END.search(text))
    lines = text.split("\n")
    if leaders or (label is not None and all(len(line) <= MAX_ENTRY and not line.endswith((".", ";", ":"))
                                             for line in lines)):
        if label is not None and state.contents_first is None:
            state.contents_first = label
        return True
    state.contents = None
    return False

"""List items read with their lead-in: "Creator authorizes Network, during the Term, to: (i) ...; (ii) ...".

A list item alone lacks what its lead-in says (the grant, the negation, the payment words) and the lead-in
lacks the item's object. A clause whose parent's text ends in a lead-in (a colon or dash, "the following",
"including", "to", "on", ...) is therefore read as the lead-in's last sentence, a line break, and the
item's own text (a :class:`Reading`); a lead-in that is itself a bare list item under a lead-in brings its
own lead-in too. Rules, negation and exceptions see that text as one sentence.

A finding from a reading sits on the clause that holds the rule's anchor match, with the matched spans of
that clause only, so quotes and spans stay exact slices of one clause's text: on the item (the tuning sets
label the item, whose words are operative), or, when the anchor lies in the lead-in ("shall not train any
model on: (a) the Recordings; (b) ..."), once on the lead-in clause, whatever the number of items.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Clause, Document
from .sentences import split_sentences

# the end of a lead-in: a colon or dash, or a word that needs the list to finish the sentence
LEADIN_END = regex.compile(
    r"""(?:[:\u2013\u2014]\s*[-\u2013\u2014]?|\s-
      | \b(?:the\s+following|as\s+follows|including|includes?|namely|to|on|in|of|for|that|which|by|with
            |from|whether|may|shall|will|must|can)
    )$""",
    regex.IGNORECASE | regex.VERBOSE,
)
# a lead-in that names a whole whose items are instances ("reserves all rights, including:"): each item
# stands alone, so a finding whose words reach into the item sits on the item even when its anchor does not
ILLUSTRATIVE = regex.compile(r"\b(?:including|includes?|such\s+as|in\s+particular|namely|for\s+example)\W*$",
                             regex.IGNORECASE)
# an item that defines a term ('"Model" means ...') is complete without its lead-in ("In this Agreement:")
DEFINES = regex.compile(r"^\W*[\"\u201c][^\"\u201c\u201d\n]{1,80}[\"\u201d]\s*(?:\([^()]{0,80}\)\s*)?"
                        r"(?:shall\s+mean|means|mean|shall\s+include|includes?|has\s+the\s+meanings?|refers?\s+to)\b",
                        regex.IGNORECASE)
SEPARATOR = "\n"  # the item starts a line of its own: "(?<=\n)" in a rule finds the item's start
MAX_DEPTH = 3  # lead-ins read above an item (a list inside a list inside a list)
NOTE_CHARS = 160


@dataclass(frozen=True)
class Part:
    """A slice ``clause.text[start:end]`` placed at ``offset`` in a reading's text."""

    clause: int
    start: int
    end: int
    offset: int

    def holds(self, span: tuple[int, int]) -> bool:
        """Does the reading-text ``span`` lie inside this part?"""
        return self.offset <= span[0] and span[1] <= self.offset + self.end - self.start

    def text(self, document: Document) -> str:
        """The part's own text."""
        return document.clauses[self.clause].text[self.start:self.end]

    def shift(self, span: tuple[int, int]) -> tuple[int, int]:
        """``span`` (in the reading's text) as offsets into the part's clause text."""
        delta = self.start - self.offset
        return span[0] + delta, span[1] + delta


@dataclass(frozen=True)
class Placement:
    """Where a finding from a reading goes: a clause, spans in its text and a note naming the other part."""

    clause: int
    spans: list[tuple[int, int]]
    note: str


@dataclass(frozen=True)
class Reading:
    """A list item read after its lead-in(s): ``parts`` in reading order, the item last."""

    text: str
    parts: tuple[Part, ...]
    illustrative: bool = False  # the last lead-in lists instances of a whole ("including:")

    @property
    def item(self) -> Part:
        return self.parts[-1]

    def place(self, document: Document, spans: list[tuple[int, int]],
              anchor: tuple[int, int] | None) -> Placement:
        """The clause holding ``anchor`` (the item when unknown), with the ``spans`` inside it; the note
        quotes the lead-in the item was read with, or the item that completed a lead-in."""
        part = next((p for p in self.parts if anchor is not None and p.holds(anchor)), self.item)
        if self.illustrative and any(self.item.holds(s) for s in spans):
            part = self.item
        own = [part.shift(s) for s in spans if part.holds(s)]
        if part is self.item:
            note = "read with its lead-in in " + "; ".join(
                f"{_name(document, lead.clause)}: \u201c{_excerpt(lead.text(document))}\u201d"
                for lead in self.parts[:-1])
        else:
            item = self.item
            note = (f"completed by its list item {_name(document, item.clause)}: "
                    f"\u201c{_excerpt(item.text(document))}\u201d")
        return Placement(part.clause, own, note)


def is_leadin(clause: Clause) -> bool:
    """Does the clause's text end in a lead-in that a list completes?"""
    return clause.kind not in ("heading", "signature") and LEADIN_END.search(clause.text.rstrip()) is not None


def readings(document: Document, current: list[int]) -> dict[int, Reading]:
    """Clause index -> its reading, for every current labelled clause whose parent is a lead-in."""
    clauses = document.clauses
    leadins: dict[int, bool] = {}
    found: dict[int, Reading] = {}
    for index in current:
        clause = clauses[index]
        if clause.label is None or clause.parent is None or DEFINES.match(clause.text):
            continue
        chain = _chain(clauses, clause.parent, leadins)
        if chain:
            found[index] = _reading(clauses, [*chain, (index, 0, len(clause.text))])
    return found


def _chain(clauses: list[Clause], parent: int | None, leadins: dict[int, bool]) -> list[tuple[int, int, int]]:
    """The lead-ins above an item, outermost first, as ``(clause, start, end)`` of each lead-in sentence.
    A lead-in brings its own lead-in when it is a bare list item (its lead-in sentence is all its text)."""
    chain: list[tuple[int, int, int]] = []
    while parent is not None and len(chain) < MAX_DEPTH:
        clause = clauses[parent]
        if parent not in leadins:
            leadins[parent] = clause.change != "deleted" and is_leadin(clause)
        if not leadins[parent]:
            break
        text = clause.text.rstrip()
        start = split_sentences(text)[-1][0]
        chain.insert(0, (parent, start, len(text)))
        if start > 0 or clause.label is None:
            break
        parent = clause.parent
    return chain


def _reading(clauses: list[Clause], slices: list[tuple[int, int, int]]) -> Reading:
    parts, texts, offset = [], [], 0
    for clause, start, end in slices:
        parts.append(Part(clause, start, end, offset))
        texts.append(clauses[clause].text[start:end])
        offset += end - start + len(SEPARATOR)
    return Reading(SEPARATOR.join(texts), tuple(parts), ILLUSTRATIVE.search(texts[-2]) is not None)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NOTE_CHARS else text[:NOTE_CHARS] + "\u2026"


def _name(document: Document, index: int) -> str:
    number = document.clauses[index].number
    return f"clause {number}" if number else f"paragraph {index + 1}"

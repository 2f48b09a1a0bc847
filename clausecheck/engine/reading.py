"""What the engine reads for one clause when the clause alone is not enough: a :class:`Reading`.

A list item is read after its lead-in ("Performer grants Studio the right to use the Recordings for:" +
"(b) training ...", see :mod:`.leadin`) instead of alone; a clause that speaks of a grant made elsewhere
("The licence in Section 2.1 continues after the Term") is read a second time with the clause it names (see
:mod:`.references`), for the rules that did not fire on it. The reading's text joins exact slices of those
clauses (``Part``), lead-ins with a line break (one sentence with the item), referenced clauses after a
blank line (sentences of their own).

A finding from a reading sits on one clause, with that clause's matched spans only, so quotes and spans stay
exact slices of one clause's text: the clause that holds the rule's anchor match when that is the clause read
or one of its lead-ins (once per lead-in, however many items complete it), the clause read after an
illustrative lead-in ("including:") when its words are matched, and never a referenced clause: a finding
whose anchor lies in a clause referred to belongs to that clause's own reading, and is dropped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Document
from .leadin import ILLUSTRATIVE, lead_ins
from .references import citing, number_keys, referenced

Role = Literal["lead-in", "own", "reference"]
SEPARATORS = {"lead-in": "\n", "own": "\n", "reference": "\n\n"}  # what precedes a part of that role
NOTE_CHARS = 160


@dataclass(frozen=True)
class Part:
    """A slice ``clause.text[start:end]`` placed at ``offset`` in a reading's text."""

    clause: int
    start: int
    end: int
    offset: int
    role: Role

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
    """Where a finding from a reading goes: a clause, spans in its text and a note naming the other parts."""

    clause: int
    spans: list[tuple[int, int]]
    note: str


@dataclass(frozen=True)
class Reading:
    """A clause read with its lead-in(s) before it and the clauses it refers to after it."""

    text: str
    parts: tuple[Part, ...]
    illustrative: bool = False  # the last lead-in lists instances of a whole ("including:")

    @property
    def own(self) -> Part:
        return next(p for p in self.parts if p.role == "own")

    def place(self, document: Document, spans: list[tuple[int, int]],
              anchor: tuple[int, int] | None) -> Placement | None:
        """The clause a finding with these reading-text ``spans`` belongs to (see the module's docstring),
        or None when the clause read holds none of them."""
        own = self.own
        part = next((p for p in self.parts if anchor is not None and p.holds(anchor)), own)
        if part.role == "reference":
            return None  # the operative words are the referenced clause's: its own reading reports them
        if self.illustrative and any(own.holds(s) for s in spans):
            part = own
        kept = [part.shift(s) for s in spans if part.holds(s)]
        if not kept:
            return None
        if part is not own:
            return Placement(part.clause, kept, f"completed by its list item {_quoted(document, own)}")
        notes = []
        leads = [p for p in self.parts if p.role == "lead-in"]
        if leads:
            notes.append("read with its lead-in in " + "; ".join(_quoted(document, p) for p in leads))
        used = [p for p in self.parts if p.role == "reference" and any(p.holds(s) for s in spans)]
        if used:
            notes.append("read with what it refers to, " + "; ".join(_quoted(document, p) for p in used))
        return Placement(own.clause, kept, "; ".join(notes))


def readings(document: Document, current: list[int]) -> dict[int, Reading]:
    """Clause index -> the reading that replaces the clause's own text: its lead-ins, then the clause,
    for the current list items under a lead-in."""
    cache: dict[int, bool] = {}
    found: dict[int, Reading] = {}
    for index in current:
        leads = lead_ins(document.clauses, index, cache)
        if leads:
            found[index] = _reading(document, [*((*s, "lead-in") for s in leads), _own(document, index)])
    return found


def with_references(document: Document, current: list[int],
                    replaced: dict[int, Reading]) -> dict[int, Reading]:
    """Clause index -> a second, wider reading for the current clauses that refer to a grant elsewhere
    ("the licence in Section 2.1 continues after ...", see :mod:`.references`): the clause as
    :func:`readings` reads it, then the clauses it refers to. The engine tries there only the rules that
    did not fire on the first reading, so the wider text adds findings and never removes one."""
    cites = citing(document)
    if not cites:
        return {}
    keys = number_keys(document)
    found: dict[int, Reading] = {}
    for index in current:
        refs = referenced(document, index, cites[index], keys) if index in cites else []
        if refs:
            first = replaced.get(index)
            slices = ([(p.clause, p.start, p.end, p.role) for p in first.parts] if first
                      else [_own(document, index)])
            found[index] = _reading(document, slices + [(*s, "reference") for s in refs])
    return found


def _own(document: Document, index: int) -> tuple[int, int, int, Role]:
    return index, 0, len(document.clauses[index].text), "own"


def _reading(document: Document, slices: list[tuple[int, int, int, Role]]) -> Reading:
    parts, texts, offset = [], [], 0
    for clause, start, end, role in slices:
        if texts:
            offset += len(SEPARATORS[role])
            texts.append(SEPARATORS[role])
        parts.append(Part(clause, start, end, offset, role))
        texts.append(document.clauses[clause].text[start:end])
        offset += end - start
    leads = [p for p in parts if p.role == "lead-in"]
    illustrative = bool(leads) and ILLUSTRATIVE.search(leads[-1].text(document)) is not None
    return Reading("".join(texts), tuple(parts), illustrative)


def _quoted(document: Document, part: Part) -> str:
    number = document.clauses[part.clause].number
    name = f"clause {number}" if number else f"paragraph {part.clause + 1}"
    text = " ".join(part.text(document).split())
    return f"{name}: \u201c{text if len(text) <= NOTE_CHARS else text[:NOTE_CHARS] + chr(0x2026)}\u201d"

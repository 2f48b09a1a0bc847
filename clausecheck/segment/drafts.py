"""The segmenter's working state: clauses being built (drafts) and the stack of open numbering levels."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..labels import EXHIBIT, Label
from ..model import Block, ChangeMark

Key = tuple[str, ...]  # a numbering level: a label style ("lower", "()"), or (DECIMAL,), ("heading",)...


@dataclass
class Draft:
    """A clause being built; texts are joined with "\\n" when the clause is finished."""

    number: str | None
    label: str | None
    heading: str | None
    parts: list[str]
    level: int
    parent: int | None
    page: int
    last_page: int
    change: ChangeMark | None
    kind: str
    style: Key = ()
    source: str = ""  # the block text a heading came from
    value: int | None = None  # the label's place in its list: "(c)" -> 3, "5.2" -> 2
    depth: int = 0  # how many parts a decimal label has: "5.2" -> 2
    section: bool = False  # a lettered or roman section heading ("B. USAGE") that numbered items sit under


@dataclass
class Entry:
    """One open level of the numbering stack."""

    key: Key
    clause: int
    parts: tuple[int, ...] = ()
    heading_level: int = 0
    word_level: int | None = None  # Word's list level, for labels Word computed
    label: Label | None = None
    section: bool = False  # see Draft.section


@dataclass
class State:
    """Everything read so far: the drafts, the open levels and what the next block may join."""

    drafts: list[Draft] = field(default_factory=list)
    stack: list[Entry] = field(default_factory=list)
    seen_label: bool = False
    signature: int | None = None
    last: int | None = None  # last clause that holds current (not deleted) text
    row: int | None = None  # clause whose last part is the table row just read
    contents: int | None = None  # the table of contents being read (see ``contents``)
    contents_first: Label | None = None  # the label of its first entry

    def innermost(self, key: Key) -> Entry | None:
        """The innermost open level with ``key``."""
        for entry in reversed(self.stack):
            if entry.key == key:
                return entry
        return None

    def open_clause(self) -> int | None:
        """The clause of the innermost open level: the parent of a paragraph that opens none."""
        return self.stack[-1].clause if self.stack else None

    def open_exhibit(self) -> int | None:
        """The exhibit (schedule, annex...) being read, if any."""
        entry = self.innermost((EXHIBIT,))
        return None if entry is None else entry.clause

    def new(self, block: Block, kind: str, *, parent: int | None, parts: tuple[str, ...] = (),
            number: str | None = None, label: str | None = None, heading: str | None = None) -> int:
        """Add a draft under ``parent`` with ``block``'s pages and change mark; return its index."""
        level = self.drafts[parent].level + 1 if parent is not None else 0
        self.drafts.append(Draft(
            number=number, label=label, heading=heading, parts=list(parts), level=level, parent=parent,
            page=block.page, last_page=block.last_page or block.page, change=block.change, kind=kind,
        ))
        return len(self.drafts) - 1

    def append(self, index: int, block: Block, text: str) -> None:
        """Add ``text`` to draft ``index`` as a further paragraph (a heading with text is a clause)."""
        draft = self.drafts[index]
        draft.parts.append(text)
        if draft.kind == "heading":
            draft.kind = "clause"
        extend_pages(draft, block)


def extend_pages(draft: Draft, block: Block) -> None:
    """Make ``draft`` run to the last page of ``block``."""
    draft.last_page = max(draft.last_page, block.last_page or block.page)

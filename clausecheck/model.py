"""The plain data that flows one way through clausecheck: load -> segment -> match -> render.

Loaders turn a file into a :class:`RawDocument` (paragraph-like :class:`Block` objects with pages
and typography hints). The segmenter turns that into a :class:`Document` of numbered, nested
:class:`Clause` objects. The rule engine reads a Document and produces a :class:`Report` of
:class:`Finding` objects, which the renderers write out. Nothing flows backwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ChangeMark = Literal["inserted", "deleted"]
FindingKind = Literal["conflict", "missing", "protection"]
Severity = Literal["high", "medium", "low"]

SEVERITIES: tuple[str, ...] = ("high", "medium", "low")
KINDS: tuple[str, ...] = ("conflict", "missing", "protection")


@dataclass
class Block:
    """One paragraph-like unit of a document, as a loader reads it, before segmentation.

    ``label`` is a numbering label the file format computed itself (Word's automatic numbering,
    as Word displays it: "3.2", "(a)", "ARTICLE IV"); PDF and text loaders leave it None and the
    segmenter finds labels in the text. ``bold_prefix`` is the number of leading characters of
    ``text`` set in bold (a run-in heading such as "Licence Grant.").
    """

    text: str
    page: int = 1
    last_page: int | None = None
    label: str | None = None
    level: int | None = None
    heading: bool = False
    bold_prefix: int = 0
    change: ChangeMark | None = None
    kind: Literal["paragraph", "table", "signature"] = "paragraph"

    def __post_init__(self) -> None:
        if self.last_page is None:
            self.last_page = self.page


@dataclass
class Note:
    """Text that belongs to the file but is never contract text: comments, footnotes, headers."""

    kind: Literal["comment", "footnote", "endnote", "header", "footer"]
    text: str
    author: str | None = None
    anchor: str | None = None


@dataclass
class Gap:
    """Something in the file that could not be read, so no report claims to have checked it."""

    kind: Literal[
        "page-without-text", "font-without-unicode", "embedded-object", "image", "attachment", "other"
    ]
    detail: str
    page: int | None = None


@dataclass
class RawDocument:
    """What a loader hands to the segmenter."""

    format: Literal["pdf", "docx", "text", "markdown"]
    pages: int
    blocks: list[Block]
    notes: list[Note] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Clause:
    """A numbered (or headed) unit of the contract, as a lawyer would cite it.

    ``number`` is the full citation ("3.2(a)") or None for unnumbered text; ``label`` is the
    clause's own label ("(a)"). ``text`` is the clause's own text without its label and without
    its children's text; ``document.text[start:end] == text``. ``parent`` is the index of the
    parent clause in ``Document.clauses``. Clauses marked ``deleted`` hold text struck by a
    tracked change and are never read as current terms.
    """

    number: str | None
    label: str | None
    heading: str | None
    text: str
    level: int
    parent: int | None
    page: int
    last_page: int
    start: int
    end: int
    change: ChangeMark | None = None
    kind: Literal["clause", "heading", "preamble", "exhibit", "signature", "table"] = "clause"


@dataclass
class Definition:
    """A defined term: ``"Materials" means ...`` or ``(the "Work Product")``."""

    term: str
    text: str
    clause: int | None


@dataclass
class Document:
    """A contract as clausecheck understands it: clauses with places, definitions and gaps."""

    path: str
    format: str
    sha256: str
    pages: int
    clauses: list[Clause]
    text: str
    definitions: dict[str, Definition] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def children(self, index: int) -> list[int]:
        """Indices of the direct children of clause ``index``."""
        return [i for i, c in enumerate(self.clauses) if c.parent == index]


@dataclass(frozen=True)
class Source:
    """An agreement or law a rule rests on. ``section`` says "section unverified" when it is."""

    name: str
    section: str
    year: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Span:
    """Character offsets into a clause's text."""

    start: int
    end: int


@dataclass
class Finding:
    """One rule's verdict on one clause (or, for ``missing`` rules, on the clause that triggered it)."""

    rule: str
    pack: str
    title: str
    concern: str
    group: str
    kind: FindingKind
    severity: Severity
    clause: int | None
    quote: str
    spans: list[Span]
    explanation: str
    ask: str
    sources: list[Source]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Assumption:
    """A fact that decides whether some rules apply, with where its value came from."""

    name: Literal["state", "represented", "role", "status", "union", "parties"]
    value: str | None
    origin: Literal["user", "contract", "config", "unknown"]
    detail: str = ""


@dataclass(frozen=True)
class PackInfo:
    """A rule pack that was run."""

    name: str
    title: str
    version: str
    rules: int
    path: str


@dataclass
class Report:
    """Everything a renderer needs: the document, the findings, and what the check assumed.

    ``set_aside`` holds rule conflicts the clause reader all but ruled out: reports show them apart,
    and no verdict or count includes them."""

    document: Document
    findings: list[Finding]
    assumptions: list[Assumption]
    packs: list[PackInfo]
    rules_version: str
    tool_version: str
    created: str
    set_aside: list[Finding] = field(default_factory=list)

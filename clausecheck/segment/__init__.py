"""Turn a loader's paragraphs (:class:`Block`) into a clause tree (:class:`Document`).

Each block is first cut where it runs several numbered clauses together (``inline_labels``), then
added to the tree (``blocks``): its label is read (``labels``, ``paragraphs``), placed under its
parent (``hierarchy``) and cited (``citations``, where the citation conventions are listed);
signature blocks and table rows are handled in ``signatures``, a table of contents in
``contents``. Each paragraph is read knowing the next one (a Title-Cased "A. Grant of Rights" is a
section heading when a "1." follows). Once all are read, ``sections`` prefixes items whose numbers
restart in each section or article ("B.1"), and ``assemble`` joins the clause texts into
``Document.text`` and adds the segmenter's warnings.
"""

from __future__ import annotations

from ..definitions import find_definitions
from ..errors import TooLarge
from ..inline_labels import split_block
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Document, RawDocument
from .assemble import finish, numbering_skips_warning, tracked_changes_warning
from .blocks import add_block
from .drafts import State
from .sections import cite_restarted_sections


def segment(raw: RawDocument, *, path: str, sha256: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Build the clause tree of ``raw``: labels, hierarchy, citations, offsets and definitions."""
    state = State()
    pieces = [piece for block in raw.blocks for piece in split_block(block)]
    for index, piece in enumerate(pieces):
        add_block(state, piece, following=pieces[index + 1] if index + 1 < len(pieces) else None)
        if len(state.drafts) > limits.max_clauses:
            raise TooLarge(path, f"more than {limits.max_clauses:,} clauses")
    cite_restarted_sections(state.drafts)
    clauses, text = finish(state.drafts)
    warnings = list(raw.warnings)
    tracked = tracked_changes_warning(raw.blocks)
    if tracked and not any("tracked change" in w for w in warnings):
        warnings.append(tracked)
    skips = numbering_skips_warning(state.drafts)
    if skips:
        warnings.append(skips)
    document = Document(
        path=path, format=raw.format, sha256=sha256, pages=raw.pages, clauses=clauses, text=text,
        notes=list(raw.notes), gaps=list(raw.gaps), warnings=warnings,
    )
    document.definitions = find_definitions(clauses)
    return document

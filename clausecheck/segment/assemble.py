"""Finish the drafts: the Document's clauses with their offsets in its text, and the segmenter's warnings."""

from __future__ import annotations

from ..model import Block, Clause
from .drafts import Draft, Key


def finish(drafts: list[Draft]) -> tuple[list[Clause], str]:
    """The clauses, and ``Document.text``: their texts joined with "\\n\\n" at ``c.start:c.end``."""
    clauses: list[Clause] = []
    offset = 0
    for draft in drafts:
        text = "\n".join(p for p in draft.parts if p)
        if clauses:
            offset += 2
        clauses.append(Clause(
            number=draft.number, label=draft.label, heading=draft.heading, text=text,
            level=draft.level, parent=draft.parent, page=draft.page, last_page=draft.last_page,
            start=offset, end=offset + len(text), change=draft.change,
            kind=draft.kind,  # type: ignore[arg-type]
        ))
        offset += len(text)
    return clauses, "\n\n".join(c.text for c in clauses)


def tracked_changes_warning(blocks: list[Block]) -> str | None:
    """A warning that the file holds unaccepted tracked changes, and how they were read."""
    inserted = sum(1 for b in blocks if b.change == "inserted")
    deleted = sum(1 for b in blocks if b.change == "deleted")
    if not inserted and not deleted:
        return None
    return (
        f"unaccepted tracked changes: {inserted} inserted and {deleted} deleted paragraph(s); "
        "insertions are read as part of the contract, deletions are kept apart as struck text"
    )


def numbering_skips_warning(drafts: list[Draft], shown: int = 5) -> str | None:
    """A warning when sibling numbers jump ("5.2(d)" then "5.2(f)"): a clause may be missing or misread."""
    last: dict[tuple[int | None, Key, int], Draft] = {}
    skips: list[str] = []
    for draft in drafts:
        if draft.value is None or draft.change == "deleted" or draft.number is None:
            continue
        key = (draft.parent, draft.style, draft.depth)
        previous = last.get(key)
        if previous is not None and previous.value is not None and draft.value > previous.value + 1:
            skips.append(f"{previous.number} to {draft.number}")
        last[key] = draft
    if not skips:
        return None
    more = f" (and {len(skips) - shown} more)" if len(skips) > shown else ""
    return (
        f"the clause numbering skips from {', from '.join(skips[:shown])}{more}: a clause may be missing "
        "from the file or misread; check those places in the original"
    )

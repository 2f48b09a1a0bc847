"""Signature blocks and table rows: where the signatures start, and the party names read just before."""

from __future__ import annotations

import re

from ..model import Block
from .drafts import State

_SIGNATURE_START = re.compile(
    r"(?:IN WITNESS WHEREOF|In Witness Whereof|"
    r"(?i:accepted and agreed|agreed and accepted|agreed to and accepted))\b|"
    r"(?:By|BY|Signature|SIGNATURE|Signed|SIGNED)\s*:|_{5,}|[^\n:]{1,60}:\s*_{3,}"
)


def starts_signature(state: State, block: Block, text: str, *, in_table: bool = False) -> bool:
    """A signature block starts: "IN WITNESS WHEREOF", or a short "By: ____" line after the clauses.

    A bare line of underscores is not enough outside a table (footnotes sit under one), and
    blanks to fill in before any numbered clause ("Performer: ______") are a form's fields.
    """
    if block.kind == "signature":
        return True
    m = _SIGNATURE_START.match(text)
    if m is None or not (in_table or text.strip("_ ")):
        return False
    if m.group(0).upper().startswith(("IN WITNESS", "ACCEPTED", "AGREED")):
        return True
    return state.seen_label and len(text) <= 160


def start_signature(state: State, block: Block, text: str) -> None:
    """Open a signature block, taking in a party name ("NORTHGATE INC.") read just before it."""
    lead: list[str] = []
    pages = [block.page]
    last = len(state.drafts) - 1
    previous = state.drafts[last] if state.drafts else None
    if state.row is not None:
        lead.append(state.drafts[state.row].parts.pop())
    elif (previous is not None and previous.kind == "heading" and previous.number is None
          and not previous.parts and state.seen_label):
        state.drafts.pop()
        if state.stack and state.stack[-1].clause == last:
            state.stack.pop()
        lead.append(previous.source)
        pages += [previous.page, previous.last_page]
    index = state.new(block, "signature", parent=state.open_exhibit(), parts=(*lead, text))
    draft = state.drafts[index]
    draft.page, draft.last_page = min(pages), max([*pages, draft.last_page])
    state.signature = state.last = index
    state.row = None


def add_table_row(state: State, block: Block, text: str) -> None:
    """A table row: signatures, part of the clause it follows, or a table of its own."""
    cells = text.split(" | ")
    if state.signature is None and any(starts_signature(state, block, c, in_table=True) for c in cells):
        start_signature(state, block, text)
        return
    target = state.signature if state.signature is not None else state.last
    if target is not None and state.drafts[target].change == block.change and state.seen_label:
        state.append(target, block, text)
        state.row = target if _is_caps_row(text) else None
        return
    state.last = state.new(block, "table", parent=state.open_clause(), parts=(text,))


def _is_caps_row(text: str) -> bool:
    """A table row of names in capitals ("LUMEN SIGNAL MEDIA INC. | TALENT") that may head signatures."""
    letters = [c for c in text if c.isalpha()]
    return len(text) <= 160 and len(letters) >= 3 and not any(c.islower() for c in letters)

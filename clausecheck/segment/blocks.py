"""Add one paragraph to the clause tree being built: labelled, unlabelled, struck, or a table row."""

from __future__ import annotations

import re
from dataclasses import replace

from ..headings import clean_heading, is_heading_only
from ..inline_labels import succeeds
from ..labels import ARTICLE, DECIMAL, EXHIBIT, LIST_OPENERS, Label
from ..model import Block
from .citations import citation
from .contents import is_contents_entry, is_contents_title
from .drafts import Entry, State, extend_pages
from .hierarchy import PART_KEYS, choose_style, list_place, may_open_section, place
from .paragraphs import block_label, clean_text, is_heading_block, split_heading
from .signatures import add_table_row, start_signature, starts_signature

_PREAMBLE_START = re.compile(
    r"(?:NOW,? THEREFORE|Now,? [Tt]herefore|WHEREAS|Whereas|WITNESSETH|Witnesseth)\b"
)
_SENTENCE_END = re.compile(r"(?:[.:;!?\u037e][\"”’)\]]*|\b(?:and|or))$")
_REFERENCE_TAIL = re.compile(r"\s*(?:[a-z]|[,;\[])")
_NUMBERED_KEYS = ((EXHIBIT,), (ARTICLE,), (DECIMAL,))  # a heading paragraph after one (or a section) names it


def add_block(state: State, block: Block, *, following: Block | None = None) -> None:
    """Add ``block`` (one paragraph, after inline splitting) to the tree; ``following`` is the next one."""
    text = clean_text(block.text)
    if not text and not block.label:
        return
    label, rest_start = block_label(block, text)
    if block.change == "deleted":
        _add_deleted(state, block, text, label, rest_start)
        return
    if block.kind == "table":
        add_table_row(state, block, text)
        return
    state.row = None
    if state.signature is not None:
        ends = label is not None and label.likely_style in (EXHIBIT, ARTICLE, DECIMAL)
        if not ends and not (block.heading and block.level is not None):  # a Word or Markdown heading
            state.append(state.signature, block, text)
            return
        state.signature = None
    if state.contents is not None and is_contents_entry(state, text, label):
        state.append(state.contents, block, text)
        return
    if label is None or _reads_as_reference(state, block, text[rest_start:], label):
        _add_unlabelled(state, block, text)
    else:
        _add_labelled(state, block, text, label, rest_start, following)


def _reads_as_reference(state: State, block: Block, rest: str, label: Label) -> bool:
    """A number that carries on the previous sentence ("... under Sections 13.1" + "13.2 or 13.3 ...").

    Only when the previous paragraph stopped mid-sentence, and the number either does not
    continue the numbering in force or is a decimal followed by a lowercase word, a comma or a
    bracketed title ("7.1 [DEFINITIONS], the Company"), unless it is a lowercase item right after
    the previous clause's own number ("7.1 Party A warrants that" + "7.1.1 it owns ..."); a loader
    that starts a paragraph at such a line is corrected here.
    """
    if block.label is not None or block.heading or not state.stack or state.last is None:
        return False
    previous = state.drafts[state.last]
    if not previous.parts or _SENTENCE_END.search(previous.parts[-1]):
        return False
    if label.likely_style == DECIMAL and _REFERENCE_TAIL.match(rest):
        return not (rest.lstrip()[:1].islower() and _next_item(state, label))
    return not _continues_numbering(state, label)


def _next_item(state: State, label: Label) -> bool:
    """Is the decimal ``label`` the first sub-item or the next sibling of the last clause ("7.1.1")?"""
    own = next((e.label for e in reversed(state.stack) if e.clause == state.last), None)
    if own is None or own.likely_style != DECIMAL:
        return False
    parts, previous = label.parts, own.parts
    return parts == (*previous, 1) or (len(parts) == len(previous) > 1 and parts[:-1] == previous[:-1]
                                       and parts[-1] == previous[-1] + 1)


def _continues_numbering(state: State, label: Label) -> bool:
    """Could ``label`` be the next label of an open level (or a part, article or list opener)?"""
    if label.likely_style in (EXHIBIT, ARTICLE) or label.core in LIST_OPENERS:
        return True
    return any(entry.label is not None and succeeds(label, entry.label) for entry in state.stack)


def _add_unlabelled(state: State, block: Block, text: str) -> None:
    """A paragraph without a label: signatures, preamble, a heading, or more text of the last clause."""
    if starts_signature(state, block, text):
        start_signature(state, block, text)
        return
    if _PREAMBLE_START.match(text):
        while state.stack and state.stack[-1].key not in PART_KEYS:
            state.stack.pop()  # "NOW, THEREFORE" closes the recitals
        state.last = state.new(block, "preamble", parent=state.open_exhibit(), parts=(text,))
        return
    if is_heading_block(block, text):
        previous = state.drafts[state.last] if state.last is not None else None
        if (previous is not None and previous.label and previous.heading is None
                and not any(previous.parts) and (previous.style[:1] in _NUMBERED_KEYS or previous.section)):
            previous.heading = clean_heading(text)  # "ARTICLE IV" then "CONFIDENTIALITY"
            extend_pages(previous, block)
            return
        _add_unnumbered_heading(state, block, text)
        return
    target = state.last
    if target is None or not state.seen_label:
        state.last = state.new(block, "preamble", parent=state.open_clause(), parts=(text,))
        return
    if state.drafts[target].change != block.change:
        _add_orphan(state, block, text, target)
        return
    state.append(target, block, text)


def _add_unnumbered_heading(state: State, block: Block, text: str) -> None:
    """A heading with no label: it parents what follows, up to a heading of its rank or higher."""
    heading = clean_heading(text)
    level = block.level if block.heading and block.level else 1
    if is_contents_title(heading):
        state.contents = state.last = state.new(block, "heading", parent=state.open_exhibit(),
                                                heading=heading)
        state.drafts[state.last].source = text
        return
    if not state.drafts or (not state.seen_label and block.heading and level == 1):
        state.last = state.new(block, "heading", parent=None, heading=heading)
        state.drafts[state.last].source = text
        return  # the document's title parents nothing
    while state.stack:
        top = state.stack[-1]
        if top.key in PART_KEYS or (0 < top.heading_level < level):
            break
        state.stack.pop()
    index = state.new(block, "heading", parent=state.open_clause(), heading=heading)
    state.drafts[index].source = text
    state.stack.append(Entry(("heading",), index, heading_level=level))
    state.last = index


def _add_orphan(state: State, block: Block, text: str, target: int) -> None:
    """A paragraph that cannot join ``target`` (its change marker differs): a child of it."""
    index = state.new(block, "clause", parent=target, parts=(text,), number=state.drafts[target].number)
    if block.change != "deleted":
        state.last = index


def _opens_numbered_items(block: Block | None) -> bool:
    """Does ``block`` start with a one-part decimal label ("1.", "Section 3")?"""
    if block is None or block.kind != "paragraph":
        return False
    label, _ = block_label(block, clean_text(block.text))
    return label is not None and label.likely_style == DECIMAL and len(label.parts) == 1


def _add_deleted(state: State, block: Block, text: str, label: Label | None, rest_start: int) -> None:
    """Struck text: its own clause marked "deleted", placed but never opening a level."""
    if label is None:
        if state.last is None:
            state.new(block, "clause", parent=None, parts=(text,))
        else:
            _add_orphan(state, block, text, state.last)
        return
    saved = [replace(e) for e in state.stack]
    seen, last = state.seen_label, state.last
    _add_labelled(state, block, text, label, rest_start)
    state.stack, state.seen_label, state.last = saved, seen, last
    state.drafts[-1].change = "deleted"


def _add_labelled(state: State, block: Block, text: str, label: Label, rest_start: int,
                  following: Block | None = None) -> None:
    """A paragraph with a label: a clause (or part, article, heading) placed, cited and opened as a level.

    "A. Grant of Rights" in plain text is a section heading when a "1." follows (see
    :func:`_opens_numbered_items`); "A. Treatment" in a list of deliverables stays an item.
    """
    style = choose_style(state, label, computed=block.label is not None)
    if style[0] == EXHIBIT and not block.label and (
            not state.drafts or (not state.seen_label and "." in label.core)):
        _add_unlabelled(state, block, text)  # "Exhibit 10.2" atop an SEC filing is a caption
        return
    heading, body = split_heading(block, text, rest_start, style)
    word_level = (block.level or 0) if block.label else None
    parent, key = place(state, label, style, heading_rank=None if body else (block.level or 1),
                        word_level=word_level)
    if (body and heading is None and is_heading_only(body, allow_title=True)
            and may_open_section(state, style) and _opens_numbered_items(following)):
        heading, body = clean_heading(body), ""
    section = not body and may_open_section(state, style)
    if style[0] == EXHIBIT:
        kind = "exhibit"
    elif not body and (heading or style[0] == ARTICLE):
        kind = "heading"
    else:
        kind = "clause"
    index = state.new(block, kind, parent=parent, parts=(body,) if body else (),
                      number=citation(state, label, style, parent, section=section), label=label.text,
                      heading=heading)
    draft = state.drafts[index]
    draft.style = style
    numbers = list_place(label, style)
    draft.value = numbers[-1] if numbers else None
    draft.depth = len(numbers)
    draft.section = section
    rank = block.level if block.heading and block.level else 0  # "## 1. Definitions" ranks 2
    state.stack.append(Entry(key, index, numbers, heading_level=rank, word_level=word_level, label=label,
                             section=draft.section))
    state.seen_label = True
    state.last = index

"""Where a labelled paragraph goes in the tree: which style its label is in and which clause is its parent."""

from __future__ import annotations

from ..labels import ARTICLE, CODE, DECIMAL, EXHIBIT, Label, code_parts, list_value
from .drafts import Entry, Key, State

PART_KEYS = ((EXHIBIT,), (ARTICLE,))  # levels that only a new part or article closes
SECTION_STYLES = (("upper", "."), ("upper-roman", "."))  # "B. USAGE", "II. GRANT OF RIGHTS"


def may_open_section(state: State, style: Key) -> bool:
    """Is a heading labelled in ``style``, just placed, a section that numbered items sit under?

    Only a capital letter or roman numeral with a dot outside any numbered clause ("A. GRANT OF
    RIGHTS" under the title, or "B. USAGE", which closed section A when it was placed), or in a
    section of the other style ("I. GENERAL / A. ELIGIBILITY / 1."). "A. Writing" inside clause 3
    stays a list item of clause 3.
    """
    return style in SECTION_STYLES and all(
        e.key in PART_KEYS or e.key == ("heading",) or (e.section and e.key != style) for e in state.stack)


def choose_style(state: State, label: Label, *, computed: bool) -> Key:
    """Pick among a label's styles: "(i)" after "(h)" is a letter, after "(ii)"... a numeral.

    A "1." found in the text inside a numbered clause opens a nested list; a label Word
    ``computed`` is taken at its word.
    """
    style = label.styles[0]
    if style[0] == DECIMAL and len(label.parts) == 1 and not computed:
        listed = state.innermost(("list-decimal", "."))
        if listed is not None and label.parts[0] == listed.parts[0] + 1:
            return ("list-decimal", ".")
        if label.parts[0] == 1 and state.innermost((DECIMAL,)) is not None:
            return ("list-decimal", ".")  # "1." inside clause 3.2 opens a nested list
    if len(label.styles) == 1:
        return style
    for candidate in label.styles:
        entry = state.innermost(candidate)
        if entry is not None and entry.parts and list_value(candidate[0], label.core) == entry.parts[0] + 1:
            return candidate
    return style


def list_place(label: Label, style: Key) -> tuple[int, ...]:
    """The label's numbers in ``style``: "5.2" -> (5, 2), "(c)" -> (3,), "(iv)" as a numeral -> (4,)."""
    if style[0] == DECIMAL:
        return label.parts
    value = list_value(style[0], label.core)
    if value is None and label.core.isdigit():
        value = int(label.core)
    return () if value is None else (value,)


def place(state: State, label: Label, style: Key, *, heading_rank: int | None,
          word_level: int | None) -> tuple[int | None, Key]:
    """Pop the stack to this label's parent; return the parent index and the label's stack key.

    A decimal that is only a heading ("3. COMPENSATION", ``heading_rank`` its heading level)
    closes unnumbered headings of the same or a lower rank; a decimal with text ("3. Company
    shall pay") may sit under one. A one-part decimal sits under a lettered or roman section
    ("B. USAGE", see :func:`may_open_section`). A decimal Word numbered at a deeper list level
    than an open item ("1.1" at level 1 under "I" at level 0) stays under it. A "1.0" heading
    holds "1.1", "1.2". A code ("A2.1", "1.b") sits under the open label its path starts with
    ("A2", "1."), else under a part or heading.
    """
    stack = state.stack
    kind = style[0]
    if kind == EXHIBIT:
        stack.clear()
        return None, (EXHIBIT,)
    if kind == ARTICLE:
        while stack and stack[-1].key != (EXHIBIT,):
            stack.pop()
        return state.open_clause(), (ARTICLE,)
    if kind == DECIMAL:
        while stack and not _holds_decimal(stack[-1], label.parts, heading_rank, word_level):
            stack.pop()
        return state.open_clause(), (DECIMAL,)
    if kind == CODE:
        while stack and not _holds_code(stack[-1], label):
            stack.pop()
        return state.open_clause(), (CODE,)
    if kind == "word-level":
        level = int(style[1])
        while stack and stack[-1].word_level is not None and stack[-1].word_level >= level:
            stack.pop()
        return state.open_clause(), style
    same = state.innermost(style)
    if same is not None:
        while stack and stack[-1] is not same:
            stack.pop()
        stack.pop()
    return state.open_clause(), style


def _holds_decimal(top: Entry, parts: tuple[int, ...], heading_rank: int | None,
                   word_level: int | None) -> bool:
    """Can the open level ``top`` hold a decimal clause numbered ``parts``? (See :func:`place`.)"""
    if top.key in PART_KEYS:
        return True
    if top.section:
        return len(parts) == 1  # "1." under "B. USAGE"; a "1.1" there shows "I." was a misprinted "1."
    if top.key == ("heading",) and (heading_rank is None or top.heading_level < heading_rank):
        return True
    if top.key == (DECIMAL,) and len(top.parts) < len(parts) and parts[: len(top.parts)] == top.parts:
        return True
    if (top.key == (DECIMAL,) and top.parts[-1:] == (0,) and len(parts) == len(top.parts)
            and parts[:-1] == top.parts[:-1] and parts[-1] > 0):
        return True  # "1.0 SERVICES" heads "1.1", "1.2"
    return word_level is not None and top.word_level is not None and top.word_level < word_level


def _holds_code(top: Entry, label: Label) -> bool:
    """Can the open level ``top`` hold the code ``label``: a part, a heading, or the start of its path?"""
    if top.key in PART_KEYS or top.key == ("heading",):
        return True
    if top.label is None:
        return False
    path, own = code_parts(top.label.core), code_parts(label.core)
    return len(path) < len(own) and own[: len(path)] == path

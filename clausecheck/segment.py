"""Turn a loader's paragraphs (:class:`Block`) into a clause tree (:class:`Document`).

Citation conventions (``Clause.number``), documented for users in docs/parse-json.md:

* decimal labels cite as their digits: "3.", "Section 3", "SECTION THREE.", "§ 3", "Clause 3" -> "3";
  "3.2" and "Section 3.2" -> "3.2" (``label`` keeps the label as written, "Section 3.2");
* letters, roman numerals and bracketed numbers append to their parent's citation:
  "3.2" + "(a)" + "(i)" -> "3.2(a)(i)"; "a.", "a)" and "(a)" all cite as "(a)"; with no numbered
  parent a list item cites as its bare label ("A", "(a)");
* articles cite as "Article IV" / "Article 4" (upper-case "ARTICLE" is title-cased); decimals
  under an article keep their own numbers ("4.1", not "Article IV 4.1");
* exhibits, schedules, annexes and appendices start a new top-level part cited "Exhibit A",
  "Schedule 1"; a clause inside cites as "Exhibit A, 2(a)"; an "Exhibit 10.2" on the first line
  (an SEC filing's caption) is not a part;
* unnumbered headings, preamble paragraphs and signature blocks have ``number`` None;
* an unlabelled paragraph that cannot join its clause (a tracked insertion or deletion inside a
  clause that is not) becomes a child clause with no label and its clause's citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .definitions import find_definitions
from .errors import TooLarge
from .headings import SEPARATORS, clean_heading, is_caps_heading, is_heading_only, split_run_in
from .inline_labels import split_block, succeeds
from .labels import ARTICLE, DECIMAL, EXHIBIT, Label, find_label, letter_value, roman_value, word_number
from .limits import DEFAULT_LIMITS, Limits
from .model import Block, Clause, Document, RawDocument

_SIGNATURE_START = re.compile(
    r"(?:IN WITNESS WHEREOF|In Witness Whereof|"
    r"(?i:accepted and agreed|agreed and accepted|agreed to and accepted))\b|"
    r"(?:By|BY|Signature|SIGNATURE|Signed|SIGNED)\s*:|_{5,}|[^\n:]{1,60}:\s*_{3,}"
)
_PREAMBLE_START = re.compile(
    r"(?:NOW,? THEREFORE|Now,? [Tt]herefore|WHEREAS|Whereas|WITNESSETH|Witnesseth)\b"
)
_SENTENCE_END = re.compile(r"(?:[.:;!?\u037e][\"”’)\]]*|\b(?:and|or))$")
_OPENERS = frozenset(["a", "i", "A", "I", "1"])
_MAX_HEADING = 200  # a longer paragraph marked as a heading is read as text, so nothing is lost
_REFERENCE_TAIL = re.compile(r"\s*(?:[a-z]|[,;\[])")
_LETTER_STYLES = ("lower", "upper")
_ROMAN_STYLES = ("roman", "upper-roman")
_PART_KEYS = (EXHIBIT, ARTICLE)


@dataclass
class _Draft:
    """A clause being built; texts are joined with "\\n" when the clause is finished."""

    number: str | None
    label: str | None
    heading: str | None
    parts: list[str]
    level: int
    parent: int | None
    page: int
    last_page: int
    change: str | None
    kind: str
    style: tuple = ()
    source: str = ""  # the block text a heading came from
    value: int | None = None  # the label's place in its list: "(c)" -> 3, "5.2" -> 2
    depth: int = 0  # how many parts a decimal label has: "5.2" -> 2


@dataclass
class _Entry:
    """One open level of the numbering stack."""

    key: tuple
    clause: int
    core: str = ""
    parts: tuple[int, ...] = ()
    heading_level: int = 0
    word_level: int | None = None  # Word's list level, for labels Word computed
    label: Label | None = None


@dataclass
class _State:
    drafts: list[_Draft] = field(default_factory=list)
    stack: list[_Entry] = field(default_factory=list)
    seen_label: bool = False
    signature: int | None = None
    last: int | None = None  # last clause that holds current (not deleted) text
    row: int | None = None  # clause whose last part is the table row just read


def segment(raw: RawDocument, *, path: str, sha256: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Build the clause tree of ``raw``: labels, hierarchy, citations, offsets and definitions."""
    state = _State()
    for block in raw.blocks:
        for piece in split_block(block):
            _add_block(state, piece)
        if len(state.drafts) > limits.max_clauses:
            raise TooLarge(path, f"more than {limits.max_clauses:,} clauses")
    clauses, text = _finish(state.drafts)
    warnings = list(raw.warnings)
    tracked = _tracked_changes_warning(raw.blocks)
    if tracked and not any("tracked change" in w for w in warnings):
        warnings.append(tracked)
    skips = _numbering_skips(state.drafts)
    if skips:
        warnings.append(skips)
    document = Document(
        path=path, format=raw.format, sha256=sha256, pages=raw.pages, clauses=clauses, text=text,
        notes=list(raw.notes), gaps=list(raw.gaps), warnings=warnings,
    )
    document.definitions = find_definitions(clauses)
    return document


def _tracked_changes_warning(blocks: list[Block]) -> str | None:
    inserted = sum(1 for b in blocks if b.change == "inserted")
    deleted = sum(1 for b in blocks if b.change == "deleted")
    if not inserted and not deleted:
        return None
    return (
        f"unaccepted tracked changes: {inserted} inserted and {deleted} deleted paragraph(s); "
        "insertions are read as part of the contract, deletions are kept apart as struck text"
    )


def _numbering_skips(drafts: list[_Draft], shown: int = 5) -> str | None:
    """A warning when sibling numbers jump ("5.2(d)" then "5.2(f)"): a clause may be missing or misread."""
    last: dict[tuple, _Draft] = {}
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


def _finish(drafts: list[_Draft]) -> tuple[list[Clause], str]:
    clauses: list[Clause] = []
    pieces: list[str] = []
    offset = 0
    for draft in drafts:
        text = "\n".join(p for p in draft.parts if p)
        if clauses:
            offset += 2
        clauses.append(Clause(
            number=draft.number, label=draft.label, heading=draft.heading, text=text,
            level=draft.level, parent=draft.parent, page=draft.page, last_page=draft.last_page,
            start=offset, end=offset + len(text), change=draft.change,  # type: ignore[arg-type]
            kind=draft.kind,  # type: ignore[arg-type]
        ))
        pieces.append(text)
        offset += len(text)
    return clauses, "\n\n".join(pieces)


# --- one block -------------------------------------------------------------------------------


def _add_block(state: _State, block: Block) -> None:
    text = _clean(block.text)
    if not text and not block.label:
        return
    label, rest_start = _block_label(block, text)
    if block.change == "deleted":
        _add_deleted(state, block, text, label, rest_start)
        return
    if block.kind == "table":
        _add_table(state, block, text)
        return
    state.row = None
    if state.signature is not None:
        ends = label is not None and label.styles[0][0] in (EXHIBIT, ARTICLE, DECIMAL)
        if not ends and not (block.heading and block.level is not None):  # a Word or Markdown heading
            _append(state, state.signature, block, text)
            return
        state.signature = None
    if label is None or _reads_as_reference(state, block, text[rest_start:], label):
        _add_unlabelled(state, block, text)
    else:
        _add_labelled(state, block, text, label, rest_start)


def _reads_as_reference(state: _State, block: Block, rest: str, label: Label) -> bool:
    """A number that carries on the previous sentence ("... under Sections 13.1" + "13.2 or 13.3 ...").

    Only when the previous paragraph stopped mid-sentence, and the number either does not
    continue the numbering in force or is a decimal followed by a lowercase word, a comma or a
    bracketed title ("7.1 [DEFINITIONS], the Company"); a loader that starts a paragraph at such a line is
    corrected here.
    """
    if block.label is not None or block.heading or not state.stack or state.last is None:
        return False
    previous = state.drafts[state.last]
    if not previous.parts or _SENTENCE_END.search(previous.parts[-1]):
        return False
    if label.styles[0][0] == DECIMAL and _REFERENCE_TAIL.match(rest):
        return True
    return not _continues_numbering(state, label)


def _continues_numbering(state: _State, label: Label) -> bool:
    style = label.styles[0][0]
    if style in (EXHIBIT, ARTICLE) or label.core in _OPENERS:
        return True
    for entry in state.stack:
        if entry.label is None:
            continue
        if succeeds(label, entry.label):
            return True
        if style == DECIMAL and entry.key[0] == DECIMAL and label.parts == (*entry.parts, 1):
            return True
    return False


def _clean(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def _block_label(block: Block, text: str) -> tuple[Label | None, int]:
    """The block's label and where its text begins after it (0 for labels Word computed)."""
    if block.label is not None:
        given = block.label.strip()
        if not any(c.isalnum() for c in given):
            return None, 0  # a bullet is not a number
        parsed = find_label(given + " X")
        if parsed is None or parsed.end != len(given):
            parsed = Label(given, len(given), given, (("word-level", str(block.level or 0)),))
        return Label(given, 0, parsed.core, parsed.styles, parsed.word), 0
    if block.kind == "table":
        return None, 0
    label = find_label(text)
    if label is None:
        return None, 0
    return label, label.end


def _starts_signature(state: _State, block: Block, text: str, *, in_table: bool = False) -> bool:
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


def _is_heading_block(block: Block, text: str) -> bool:
    if block.heading and len(text) <= _MAX_HEADING:
        return True
    if block.bold_prefix and block.bold_prefix >= len(text) and len(text) <= 120 and "\n" not in text:
        return not re.search(r"[.;]\s+\S", text)
    return is_caps_heading(text)


def _add_unlabelled(state: _State, block: Block, text: str) -> None:
    if _starts_signature(state, block, text):
        _start_signature(state, block, text)
        return
    if _PREAMBLE_START.match(text):
        while state.stack and state.stack[-1].key[0] not in _PART_KEYS:
            state.stack.pop()  # "NOW, THEREFORE" closes the recitals
        state.last = _new(state, block, None, None, None, [text], _exhibit_on_stack(state), "preamble")
        return
    if _is_heading_block(block, text):
        previous = state.drafts[state.last] if state.last is not None else None
        if (previous is not None and previous.label and previous.heading is None
                and not any(previous.parts) and previous.style[:1] in ((EXHIBIT,), (ARTICLE,), (DECIMAL,))):
            previous.heading = clean_heading(text)  # "ARTICLE IV" then "CONFIDENTIALITY"
            _touch(previous, block)
            return
        _add_unnumbered_heading(state, block, text)
        return
    target = state.last
    if target is None or not state.seen_label:
        parent = state.stack[-1].clause if state.stack else None
        state.last = _new(state, block, None, None, None, [text], parent, "preamble")
        return
    if state.drafts[target].change != block.change:
        _add_orphan(state, block, text, target, block.change)
        return
    _append(state, target, block, text)


def _add_unnumbered_heading(state: _State, block: Block, text: str) -> None:
    heading = clean_heading(text)
    level = block.level if block.heading and block.level else 1
    if not state.drafts or (not state.seen_label and block.heading and level == 1):
        state.last = _new(state, block, None, None, heading, [], None, "heading")
        state.drafts[state.last].source = text
        return  # the document's title parents nothing
    while state.stack:
        top = state.stack[-1]
        if top.key[0] in _PART_KEYS or (0 < top.heading_level < level):
            break
        state.stack.pop()
    parent = state.stack[-1].clause if state.stack else None
    index = _new(state, block, None, None, heading, [], parent, "heading")
    state.drafts[index].source = text
    state.stack.append(_Entry(("heading",), index, heading_level=level))
    state.last = index


def _add_orphan(state: _State, block: Block, text: str, target: int, change: str | None) -> int:
    """A paragraph that cannot join ``target`` (its change marker differs): a child of it."""
    owner = state.drafts[target]
    index = _new(state, block, owner.number, None, None, [text], target, "clause")
    state.drafts[index].change = change
    if change != "deleted":
        state.last = index
    return index


def _start_signature(state: _State, block: Block, text: str) -> None:
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
    index = _new(state, block, None, None, None, [*lead, text], _exhibit_on_stack(state), "signature")
    draft = state.drafts[index]
    draft.page, draft.last_page = min(pages), max([*pages, draft.last_page])
    state.signature = state.last = index
    state.row = None


def _add_table(state: _State, block: Block, text: str) -> None:
    cells = text.split(" | ")
    if state.signature is None and any(_starts_signature(state, block, c, in_table=True) for c in cells):
        _start_signature(state, block, text)
        return
    target = state.signature if state.signature is not None else state.last
    if target is not None and state.drafts[target].change == block.change and state.seen_label:
        _append(state, target, block, text)
        state.row = target if _is_caps_row(text) else None
        return
    parent = state.stack[-1].clause if state.stack else None
    state.last = _new(state, block, None, None, None, [text], parent, "table")


def _is_caps_row(text: str) -> bool:
    """A table row of names in capitals ("LUMEN SIGNAL MEDIA INC. | TALENT") that may head signatures."""
    letters = [c for c in text if c.isalpha()]
    return len(text) <= 160 and len(letters) >= 3 and not any(c.islower() for c in letters)


def _add_deleted(state: _State, block: Block, text: str, label: Label | None, rest_start: int) -> None:
    """Struck text: its own clause marked "deleted", placed but never opening a level."""
    if label is None:
        if state.last is None:
            index = _new(state, block, None, None, None, [text], None, "clause")
            state.drafts[index].change = "deleted"
        else:
            _add_orphan(state, block, text, state.last, "deleted")
        return
    saved = [replace(e) for e in state.stack]
    seen, last = state.seen_label, state.last
    _add_labelled(state, block, text, label, rest_start)
    state.stack, state.seen_label, state.last = saved, seen, last
    state.drafts[-1].change = "deleted"


# --- labelled blocks -------------------------------------------------------------------------


def _add_labelled(state: _State, block: Block, text: str, label: Label, rest_start: int) -> None:
    style = _choose_style(state, label, computed=block.label is not None)
    if style[0] == EXHIBIT and not block.label and (
            not state.drafts or (not state.seen_label and "." in label.core)):
        _add_unlabelled(state, block, text)  # "Exhibit 10.2" atop an SEC filing is a caption
        return
    rest = text[rest_start:] if rest_start else text
    heading, body = _split_heading(block, text, rest, rest_start, style)
    rank = (block.level or 1) if not body else None
    word_level = (block.level or 0) if block.label else None
    parent, entry_key = _place(state, label, style, heading_rank=rank, word_level=word_level)
    number = _citation(state, label, style, parent)
    if style[0] == EXHIBIT:
        kind = "exhibit"
    elif not body and (heading or style[0] == ARTICLE):
        kind = "heading"
    else:
        kind = "clause"
    index = _new(state, block, number, label.text, heading, [body] if body else [], parent, kind)
    state.drafts[index].style = style
    parts = _parts(label, style)
    state.drafts[index].value = parts[-1] if parts else None
    state.drafts[index].depth = len(parts)
    rank = block.level if block.heading and block.level else 0  # "## 1. Definitions" ranks 2
    state.stack.append(_Entry(entry_key, index, label.core, _parts(label, style), heading_level=rank,
                              word_level=word_level, label=label))
    state.seen_label = True
    state.last = index


def _parts(label: Label, style: tuple) -> tuple[int, ...]:
    if style[0] == DECIMAL:
        return label.parts
    if style[0] in _ROMAN_STYLES:
        return (roman_value(label.core) or 0,)
    if style[0] in _LETTER_STYLES:
        return (letter_value(label.core),)
    if label.core.isdigit():
        return (int(label.core),)
    return ()


def _choose_style(state: _State, label: Label, *, computed: bool = False) -> tuple:
    """Pick among a label's styles: "(i)" after "(h)" is a letter, after "(ii)"... a numeral.

    A "1." found in the text inside a numbered clause opens a nested list; a label Word
    ``computed`` is taken at its word.
    """
    style = label.styles[0]
    if style[0] == DECIMAL and len(label.parts) == 1 and not computed:
        listed = _find(state, ("list-decimal", "."))
        if listed is not None and label.parts[0] == listed.parts[0] + 1:
            return ("list-decimal", ".")
        if label.parts[0] == 1 and _nearest_decimal(state) is not None:
            return ("list-decimal", ".")  # "1." inside clause 3.2 opens a nested list
    if len(label.styles) == 1:
        return style
    for candidate in label.styles:
        entry = _find(state, candidate)
        if entry is None or not entry.parts:
            continue
        value = roman_value(label.core) if candidate[0] in _ROMAN_STYLES else letter_value(label.core)
        if value == entry.parts[0] + 1:
            return candidate
    return style


def _nearest_decimal(state: _State) -> _Entry | None:
    for entry in reversed(state.stack):
        if entry.key[0] == DECIMAL:
            return entry
    return None


def _find(state: _State, key: tuple) -> _Entry | None:
    for entry in reversed(state.stack):
        if entry.key == key:
            return entry
    return None


def _place(state: _State, label: Label, style: tuple, *, heading_rank: int | None,
           word_level: int | None) -> tuple[int | None, tuple]:
    """Pop the stack to this label's parent; return the parent index and the label's stack key.

    A decimal that is only a heading ("3. COMPENSATION", ``heading_rank`` its heading level)
    closes unnumbered headings of the same or a lower rank; a decimal with text ("3. Company
    shall pay") may sit under one. A decimal Word numbered at a deeper list level than an open
    item ("1.1" at level 1 under "I" at level 0) stays under it.
    """
    stack = state.stack
    kind = style[0]
    if kind == EXHIBIT:
        stack.clear()
        return None, (EXHIBIT,)
    if kind == ARTICLE:
        while stack and stack[-1].key[0] != EXHIBIT:
            stack.pop()
        return (stack[-1].clause if stack else None), (ARTICLE,)
    if kind == DECIMAL:
        parts = label.parts
        while stack:
            top = stack[-1]
            if top.key[0] in _PART_KEYS:
                break
            if top.key[0] == "heading" and (heading_rank is None or top.heading_level < heading_rank):
                break
            if top.key[0] == DECIMAL and len(top.parts) < len(parts) and parts[: len(top.parts)] == top.parts:
                break
            if word_level is not None and top.word_level is not None and top.word_level < word_level:
                break
            stack.pop()
        return (stack[-1].clause if stack else None), (DECIMAL,)
    if kind == "word-level":
        level = int(style[1])
        while stack and stack[-1].word_level is not None and stack[-1].word_level >= level:
            stack.pop()
        return (stack[-1].clause if stack else None), style
    same = _find(state, style)
    if same is not None:
        while stack and stack[-1] is not same:
            stack.pop()
        stack.pop()
    return (stack[-1].clause if stack else None), style


def _exhibit_on_stack(state: _State) -> int | None:
    for entry in state.stack:
        if entry.key[0] == EXHIBIT:
            return entry.clause
    return None


def _citation(state: _State, label: Label, style: tuple, parent: int | None) -> str:
    kind = style[0]
    exhibit = _exhibit_on_stack(state)
    prefix = f"{state.drafts[exhibit].number}, " if exhibit is not None else ""
    if kind == EXHIBIT:
        word = label.word[:1].upper() + label.word[1:].lower()
        return f"{word} {label.core}".strip()
    if kind == ARTICLE:
        core = label.core
        if word_number(core) is not None:
            core = core.capitalize()
        return f"{prefix}Article {core}"
    if kind == DECIMAL:
        return prefix + label.core
    if kind == "word-level":
        base = _numbered_ancestor(state, parent)
        return label.core if base is None else f"{base}, {label.core}"
    component = f"({label.core})"
    base_index = _numbered_ancestor_index(state, parent)
    if base_index is None:
        bare = component if style[1] == "()" else label.core
        return prefix + bare
    base = state.drafts[base_index]
    if base.kind == "exhibit" or base.style[:1] == (ARTICLE,):
        return f"{base.number}, {component if style[1] == '()' else label.core}"
    return f"{base.number}{component}"


def _numbered_ancestor_index(state: _State, index: int | None) -> int | None:
    while index is not None:
        draft = state.drafts[index]
        if draft.number is not None:
            return index
        index = draft.parent
    return None


def _numbered_ancestor(state: _State, index: int | None) -> str | None:
    found = _numbered_ancestor_index(state, index)
    return None if found is None else state.drafts[found].number


def _split_heading(
    block: Block, text: str, rest: str, rest_start: int, style: tuple
) -> tuple[str | None, str]:
    """Split a labelled paragraph's text after the label into (heading, body)."""
    lead = len(rest) - len(rest.lstrip(SEPARATORS))
    body = rest[lead:]
    body_start = rest_start + lead
    if block.bold_prefix > body_start:
        bold = text[body_start:block.bold_prefix]
        heading = clean_heading(bold)
        if heading and len(heading) <= _MAX_HEADING and not re.search(r"[.;]\s+\S", heading):
            return heading, text[block.bold_prefix:].lstrip(SEPARATORS).lstrip()
    if not body:
        return None, ""
    if block.heading and len(body) <= _MAX_HEADING:
        return clean_heading(body), ""
    word_style = style[0] in (ARTICLE, EXHIBIT, DECIMAL)
    if is_heading_only(body, allow_title=word_style):
        return clean_heading(body), ""
    heading, rest_body = split_run_in(body)
    if heading is not None:
        return heading, rest_body
    return None, body


# --- drafts ----------------------------------------------------------------------------------


def _new(state: _State, block: Block, number: str | None, label: str | None, heading: str | None,
         parts: list[str], parent: int | None, kind: str) -> int:
    level = state.drafts[parent].level + 1 if parent is not None else 0
    state.drafts.append(_Draft(
        number=number, label=label, heading=heading, parts=parts, level=level, parent=parent,
        page=block.page, last_page=block.last_page or block.page, change=block.change, kind=kind,
    ))
    return len(state.drafts) - 1


def _append(state: _State, index: int, block: Block, text: str) -> None:
    draft = state.drafts[index]
    draft.parts.append(text)
    if draft.kind == "heading":
        draft.kind = "clause"
    _touch(draft, block)


def _touch(draft: _Draft, block: Block) -> None:
    draft.last_page = max(draft.last_page, block.last_page or block.page)

"""Split paragraphs that run several numbered clauses together: "(d) ...; (e) ...", "1.2 ... 1.3 ...".

PDF text layers and pasted text often join clauses into one paragraph. A label inside a paragraph
starts a new piece only when it follows punctuation and either continues the numbering of a label
already open in the paragraph ("(d)" then "(e)", "1.2" then "1.3" or "2.1", "A1." then "A2."), or
opens a list right after a colon ("... less: (a) discounts"). A heading in capitals that runs into
a decimal clause ("ARTICLE FOUR DATA 4.1 Licence.") is split before the decimal. "(i) in the case
of ..., or (ii)" inside a sentence is left alone: nothing before "(i)" opened a list.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .labels import (
    CODE,
    DECIMAL,
    LIST_OPENERS,
    Label,
    code_parts,
    find_label,
    letter_value,
    list_value,
    roman_value,
)
from .model import Block

_CANDIDATE = re.compile(
    r"(?<=[;:.,\u037e])\s+(?:(?:and|or)\s+)?"  # U+037E: a Greek question mark some PDFs use for ";"
    r"(?=(?:\([A-Za-z]{1,4}\)|\(\d{1,3}\)|\d{1,3}(?:\.\d{1,3}){1,7}\.?|\d{1,3}\."
    r"|[A-Z](?:\d{1,3}|[.-]\d{1,3})(?:\.\d{1,3}){0,5}\.?|\d{1,3}(?:\.\d{1,3}){0,5}\.[a-z]{1,2}"
    r"(?:\.[ivx]{1,5})?\.?)\s+[^\s.,;])"  # codes: "A2.", "B.1", "1.b", "1.b.ii"
)
_CAPS_THEN_DECIMAL = re.compile(r"(?P<head>[^a-z]{3,160}?)\s+(?=\d{1,3}\.\d{1,3}\.?\s+[A-Z\"“])")
_WINDOW = 240  # a label and the words that tell whether it is one fit in this many characters
_LABEL_WORDS = ("SECTION", "ARTICLE", "CLAUSE", "PARAGRAPH", "SEC.", "§")


def split_block(block: Block) -> list[Block]:
    """``block`` as one or more blocks, cut before run-on labels (see the module docstring)."""
    if block.label is not None or block.kind != "paragraph":
        return [block]
    text = block.text
    cuts = _cuts(text)
    if not cuts:
        return [block]
    pieces = []
    bounds = [0, *cuts, len(text)]
    for start, end in itertools.pairwise(bounds):
        piece = text[start:end].strip()
        if not piece:
            continue
        lead = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        bold = max(0, min(block.bold_prefix - lead, len(piece)))
        pieces.append(replace(block, text=piece, bold_prefix=bold, heading=block.heading and start == 0))
    return pieces


def _cuts(text: str) -> list[int]:
    """Offsets in ``text`` where a run-on label starts a new piece."""
    cuts: list[int] = []
    caps = _CAPS_THEN_DECIMAL.match(text)
    if caps and re.search(r"[A-Z]{2}", caps.group("head")) and not caps.group("head").upper().endswith(
            _LABEL_WORDS):
        cuts.append(caps.end())
    start = cuts[0] if cuts else 0
    lead = find_label(text[start:start + _WINDOW])
    chain: list[Label] = [lead] if lead is not None else []
    for m in _CANDIDATE.finditer(text, start):
        position = m.end()
        label = find_label(text[position:position + _WINDOW])
        if label is None:
            continue
        for depth in range(len(chain) - 1, -1, -1):
            if succeeds(label, chain[depth]):
                chain[depth:] = [label]
                cuts.append(position)
                break
        else:
            if text[m.start() - 1] == ":" and _opens(label, chain[-1] if chain else None):
                chain.append(label)
                cuts.append(position)
    return cuts


def _opens(label: Label, parent: Label | None) -> bool:
    """Does ``label`` open a list under ``parent`` ("1.2" -> "1.2.1", or "(a)", "(i)", "(1)"...)?"""
    if label.likely_style == DECIMAL:
        return parent is not None and parent.likely_style == DECIMAL and label.parts == (*parent.parts, 1)
    return label.text.startswith("(") and label.core in LIST_OPENERS


def succeeds(label: Label, previous: Label) -> bool:
    """Does ``label`` come right after ``previous`` in one numbering ("(d)" -> "(e)", "1.9" -> "2.1")?"""
    if CODE in (label.likely_style, previous.likely_style):
        return _code_follows(code_parts(label.core), code_parts(previous.core))
    if label.likely_style == DECIMAL or previous.likely_style == DECIMAL:
        if label.likely_style != previous.likely_style:
            return False
        return _decimal_follows(label.parts, previous.parts)
    if label.core.isupper() != previous.core.isupper():
        return False
    return any(style in previous.styles and _next_in_list(style[0], label.core, previous.core)
               for style in label.styles)


def _next_in_list(style: str, core: str, previous: str) -> bool:
    """Is ``core`` the item after ``previous`` in a list of ``style``?"""
    return list_value(style, core) == (list_value(style, previous) or 0) + 1


def _decimal_follows(parts: tuple[int, ...], previous: tuple[int, ...]) -> bool:
    """Does a decimal numbered ``parts`` come next after ``previous`` ("1.9" -> "1.9.1", "1.10", "2.1")?"""
    if parts == (*previous, 1):
        return True
    for k in range(len(previous)):
        if (len(parts) > k and parts[:k] == previous[:k] and parts[k] == previous[k] + 1
                and all(p == 1 for p in parts[k + 1:])):
            return True
    return False


def _code_follows(path: tuple[str, ...], previous: tuple[str, ...]) -> bool:
    """Does a code come next after ``previous`` ("A" -> "A1", "A2" -> "A3" or "B1", "1.b" -> "1.b.i")?"""
    if path[:-1] == previous and path[-1] in LIST_OPENERS:
        return True
    for k in range(len(previous)):
        if (len(path) > k and path[:k] == previous[:k] and _part_follows(path[k], previous[k])
                and all(p in LIST_OPENERS for p in path[k + 1:])):
            return True
    return False


def _part_follows(part: str, previous: str) -> bool:
    """Is ``part`` the next number, letter or numeral after ``previous`` ("2" -> "3", "ii" -> "iii")?"""
    if part.isdigit() and previous.isdigit():
        return int(part) == int(previous) + 1
    if not (part.isalpha() and previous.isalpha()) or part.isupper() != previous.isupper():
        return False
    value, before = roman_value(part), roman_value(previous)
    if value is not None and before is not None and len(previous) + len(part) > 2:
        return value == before + 1  # "ii" -> "iii"; a lone "c" -> "d" is a letter
    return letter_value(part) == letter_value(previous) + 1

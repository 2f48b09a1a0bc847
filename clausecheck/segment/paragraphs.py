"""Read one paragraph on its own: its text, its label, and whether it is (or opens with) a heading."""

from __future__ import annotations

import re

from ..headings import SEPARATORS, clean_heading, is_caps_heading, is_heading_only, split_run_in
from ..labels import ARTICLE, CODE, DECIMAL, EXHIBIT, Label, find_label
from ..model import Block

MAX_HEADING = 200  # a longer paragraph marked as a heading is read as text, so nothing is lost
_SENTENCES = re.compile(r"[.;]\s+\S")  # more than one sentence: text, not a heading


def clean_text(text: str) -> str:
    """``text`` with unified line ends and no trailing spaces on any line or blank edges."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def block_label(block: Block, text: str) -> tuple[Label | None, int]:
    """The block's label and where its text begins after it (0 for labels Word computed).

    A label Word computed that is a code ("A1.") or a part ("Part 7") keeps Word's list levels.
    """
    if block.label is not None:
        given = block.label.strip()
        if not any(c.isalnum() for c in given):
            return None, 0  # a bullet is not a number
        parsed = find_label(given + " X")
        if (parsed is None or parsed.end != len(given) or parsed.likely_style == CODE
                or parsed.word.upper() == "PART"):
            parsed = Label(given, len(given), given, (("word-level", str(block.level or 0)),))
        return Label(given, 0, parsed.core, parsed.styles, parsed.word), 0
    if block.kind == "table":
        return None, 0
    label = find_label(text)
    if label is None:
        return None, 0
    return label, label.end


def is_heading_block(block: Block, text: str) -> bool:
    """An unlabelled paragraph that is a heading: marked so, wholly bold, or a short line in capitals."""
    if block.heading and len(text) <= MAX_HEADING:
        return True
    if block.bold_prefix and block.bold_prefix >= len(text) and len(text) <= 120 and "\n" not in text:
        return not _SENTENCES.search(text)
    return is_caps_heading(text)


def split_heading(block: Block, text: str, rest_start: int, style: tuple[str, ...]) -> tuple[str | None, str]:
    """Split a labelled paragraph's text after the label (at ``rest_start``) into (heading, body)."""
    rest = text[rest_start:]
    lead = len(rest) - len(rest.lstrip(SEPARATORS))
    body = rest[lead:]
    body_start = rest_start + lead
    if block.bold_prefix > body_start:
        heading = clean_heading(text[body_start:block.bold_prefix])
        if heading and len(heading) <= MAX_HEADING and not _SENTENCES.search(heading):
            return heading, text[block.bold_prefix:].lstrip(SEPARATORS).lstrip()
    if not body:
        return None, ""
    if block.heading and len(body) <= MAX_HEADING:
        return clean_heading(body), ""
    if is_heading_only(body, allow_title=style[0] in (ARTICLE, EXHIBIT, DECIMAL)):
        return clean_heading(body), ""
    return split_run_in(body)

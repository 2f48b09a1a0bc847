"""Plain-text and Markdown contracts: decode, split into paragraphs, read Markdown headings and bold.

Paragraphs end at blank lines, before a line that opens with a numbering label ("2.", "(b)",
"Section 5") or is indented further when the previous line ended a sentence, around ALL-CAPS
heading lines, and after a line much shorter than the paragraph's width (an intended break in
hard-wrapped text).
Hard-wrapped lines are joined with a space. Form feeds separate pages.
"""

from __future__ import annotations

import codecs
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EmptyFile, InputError, TooLarge
from ..headings import is_caps_heading
from ..labels import find_label
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Block, RawDocument

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BULLET = re.compile(r"[•·▪◦‣●○■□–-]\s+|\*\s+")
_MD_BULLET = re.compile(r"[-*+]\s+")
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}")
_MD_SETEXT = re.compile(r"=+|-+")
_MD_TABLE_SEPARATOR = re.compile(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?")
_FIELD = re.compile(r"[A-Z][\w'’ /&-]{0,30}:\s")
_SENTENCE_END = re.compile(r"(?:[.:;!?][\"”’)]?|\b(?:and|or))$")


@dataclass
class _Para:
    """Lines of one paragraph plus the Markdown hints found for it."""

    lines: list[str]
    heading: bool = False
    level: int | None = None
    kind: str = "paragraph"


def load_text(path: str | Path, *, fmt: str = "text", limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read a text (``fmt="text"``) or Markdown (``fmt="markdown"``) file into paragraph blocks."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    if len(data) > limits.max_file_bytes:
        raise TooLarge(str(path), f"{len(data):,} bytes, over the limit of {limits.max_file_bytes:,}")
    warnings: list[str] = []
    text = decode(data, warnings)
    pages = split_pages(text)
    if len(pages) > limits.max_pages:
        raise TooLarge(str(path), f"{len(pages):,} pages, over the limit of {limits.max_pages:,}")
    markdown = fmt == "markdown"
    blocks = [
        block
        for number, page in enumerate(pages, start=1)
        for block in page_blocks(page, number, markdown=markdown)
    ]
    if not blocks:
        raise EmptyFile(str(path), "it holds no text, only blank space")
    return RawDocument(format="markdown" if markdown else "text", pages=len(pages), blocks=blocks,
                       warnings=warnings)


def decode(data: bytes, warnings: list[str]) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 with a warning."""
    if data.startswith(codecs.BOM_UTF8):
        text = _decode_or_warn(data[3:], "utf-8", warnings)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_or_warn(data, "utf-16", warnings)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            warnings.append(
                "the text is not UTF-8; it was read as Windows-1252 (cp1252): "
                "check accented letters and quotes"
            )
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _CONTROL.sub("", text.replace("\t", " "))


def _decode_or_warn(data: bytes, encoding: str, warnings: list[str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        warnings.append(f"some bytes are not valid {encoding.upper()} and were replaced with \ufffd")
        return data.decode(encoding, errors="replace")


def split_pages(text: str) -> list[str]:
    """Pages separated by form feeds; a trailing form feed does not open an empty page."""
    pages = text.split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages


def page_blocks(page: str, number: int, *, markdown: bool) -> list[Block]:
    """The paragraph blocks of one page."""
    paras = _markdown_paras(page) if markdown else _text_paras(page.split("\n"))
    blocks = []
    for para in paras:
        block = _block(para, number, markdown=markdown)
        if block is not None:
            blocks.append(block)
    return blocks


def _block(para: _Para, page: int, *, markdown: bool) -> Block | None:
    text = join_lines(para.lines)
    bold = 0
    if markdown:
        text, bold = strip_markdown(text)
    if not text.strip():
        return None
    return Block(text=text, page=page, heading=para.heading, level=para.level, bold_prefix=bold,
                 kind=para.kind)  # type: ignore[arg-type]


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines with a space; a line ending in a hyphen joins without one
    ("time-\\nlimited" -> "time-limited": the hyphen is kept, as text files rarely split words)."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and out[-2:-1].isalpha() and line[:1].isalpha():
            out += line
        else:
            out = f"{out} {line}"
    return out


# --- plain text ------------------------------------------------------------------------------


def _text_paras(lines: list[str]) -> list[_Para]:
    paras: list[_Para] = []
    for chunk in _chunks(lines):
        paras.extend(_Para(group) for group in split_chunk(chunk))
    return paras


def _chunks(lines: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def split_chunk(chunk: list[str]) -> list[list[str]]:
    """Split lines between blank lines into paragraphs (see the module docstring)."""
    width = max(len(line.strip()) for line in chunk)
    groups: list[list[str]] = [[chunk[0]]]
    for previous, line in itertools.pairwise(chunk):
        if _breaks(previous.strip(), line.strip(), width) or _indented(previous, line):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _indented(previous: str, line: str) -> bool:
    """A first-line indent after a finished sentence starts a paragraph (text without blank lines)."""
    indent = len(line) - len(line.lstrip())
    return indent >= len(previous) - len(previous.lstrip()) + 3 and bool(_SENTENCE_END.search(previous))


def _breaks(previous: str, line: str, width: int) -> bool:
    """Does ``line`` start a new paragraph after ``previous`` (both stripped)?"""
    if _BULLET.match(line):
        return True
    if _FIELD.match(line) and _FIELD.match(previous):
        return True  # "Producer: ...", "Performer: ..." lines of a deal memo
    prev_heading = is_caps_heading(previous)
    if prev_heading != is_caps_heading(line):
        return True
    if find_label(line) is not None and (_SENTENCE_END.search(previous) or prev_heading):
        return True
    first_word = line.split(" ", 1)[0]
    return width >= 40 and len(previous) + 1 + len(first_word) < 0.75 * width


# --- Markdown --------------------------------------------------------------------------------


def _markdown_paras(page: str) -> list[_Para]:
    paras: list[_Para] = []
    pending: list[str] = []
    fenced = False

    def flush() -> None:
        if pending:
            paras.extend(_Para(group) for group in split_chunk(pending))
            pending.clear()

    for raw in page.split("\n"):
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            flush()
            fenced = not fenced
            continue
        if fenced:
            if line:
                paras.append(_Para([line]))
            continue
        if not line:
            flush()
            continue
        line = re.sub(r"^(?:>\s?)+", "", line).strip()
        heading = _MD_HEADING.fullmatch(line)
        if heading:
            flush()
            paras.append(_Para([heading.group(2)], heading=True, level=len(heading.group(1))))
            continue
        if _MD_SETEXT.fullmatch(line) and len(pending) == 1:
            paras.append(_Para(list(pending), heading=True, level=1 if line[0] == "=" else 2))
            pending.clear()
            continue
        if _MD_RULE.fullmatch(line):
            flush()
            continue
        if line.startswith("|"):
            flush()
            if not _MD_TABLE_SEPARATOR.fullmatch(line):
                cells = [cell.strip() for cell in line.strip("|").split("|")]
                paras.append(_Para([" | ".join(c for c in cells if c)], kind="table"))
            continue
        bullet = _MD_BULLET.match(line)
        if bullet:
            flush()
            line = line[bullet.end():]
        pending.append(line)
    flush()
    return paras


# Every span is bounded, so a line full of stray "*" or "[" cannot make the search quadratic.
_BOLD_START = re.compile(r"(\*\*|__)(?P<bold>.{1,300}?)\1")
_INLINE = (
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),
    (re.compile(r"\*\*(.{1,300}?)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(.{1,300}?)__(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.{1,300}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.{1,300}?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"!?\[([^\]]{0,300})\]\([^)]{0,2000}\)"), r"\1"),
    (re.compile(r"`([^`]{0,500})`"), r"\1"),
)


def strip_markdown(text: str) -> tuple[str, int]:
    """Remove inline Markdown; return the text and how many leading characters were bold."""
    bold = 0
    m = _BOLD_START.match(text)
    if m:
        bold = len(_strip_inline(m.group("bold")))
    return _strip_inline(text), bold


def _strip_inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text

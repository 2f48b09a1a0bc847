"""DOCX files numbered the way Word numbers them: by numbering.xml, with no number in the text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import docx
from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def numbering(num_id: int, levels: list[tuple[str, str]]) -> str:
    """numbering.xml with one multilevel list ``num_id``: each level's (format, text), e.g.
    ("decimal", "%1.%2") or ("lowerLetter", "(%3)")."""
    lvls = "".join(f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for n, (fmt, text) in enumerate(levels))
    return (f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="{num_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num></w:numbering>')


def numbered_docx(path: Path, numbering: str, num_id: int, title: str,
                  items: Iterable[tuple[str, int]]) -> Path:
    """Write ``title`` and then each ``(text, level)`` as a paragraph of Word list ``num_id`` (defined
    in the ``numbering`` XML); level-0 items are bold, as headings are."""
    document = docx.Document()
    document.part.numbering_part._element = parse_xml(numbering)
    document.add_paragraph(title)
    for text, level in items:
        paragraph = document.add_paragraph()
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        paragraph.add_run(text).bold = level == 0 or None
    document.save(str(path))
    return path

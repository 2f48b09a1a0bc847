"""Sample contracts written as real files: plain text, typed-label DOCX (python-docx) and PDF (reportlab)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from clausecheck import api
from clausecheck.model import Report


def rules_check(*args, **kwargs) -> Report:
    """``clausecheck.api.check`` with the rules alone, for tests of the engine (the clause reader,
    which adds findings beside the rules', is tested in test_reader.py)."""
    return api.check(*args, reader=False, **kwargs)


def write_text(tmp_path: Path, paragraphs: list[str], name: str = "contract.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def write_docx(tmp_path: Path, paragraphs: list[str]) -> Path:
    """Typed labels (no Word numbering); headings in capitals set in bold, as a drafter would."""
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = text.isupper()
    path = tmp_path / "contract.docx"
    document.save(str(path))
    return path


def write_pdf(tmp_path: Path, paragraphs: list[str], width: int = 40) -> Path:
    """Paragraphs wrapped at ``width`` characters, 12 pt leading, 10 pt more between paragraphs;
    headings (in capitals) bold."""
    path = tmp_path / "contract.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    y = letter[1] - 72
    for text in paragraphs:
        pdf.setFont("Helvetica-Bold" if text.isupper() else "Helvetica", 10)
        for line in textwrap.wrap(text, width):
            pdf.drawString(72, y, line)
            y -= 12
        y -= 10
    pdf.save()
    return path

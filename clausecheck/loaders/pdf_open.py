"""Open a PDF with PDFium, turning every failure into one of clausecheck's typed errors.

The empty password is tried first (PDFium does that by itself), so PDFs with only an owner password
open without one; a user password is needed only when the file really is locked.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFile, EncryptedPDF, InputError
from ..model import Gap


def open_pdf(path: Path, password: str | None) -> pdfium.PdfDocument:
    """The opened document, or :class:`EncryptedPDF` / :class:`CorruptFile` / :class:`InputError`."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code != pdfium_c.FPDF_ERR_PASSWORD:
            raise _error(path, code) from None
    if not password:
        raise EncryptedPDF(str(path), "give its password with --password") from None
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPDF(str(path), "the password given with --password is wrong") from None
        raise _error(path, code) from None


def _error(path: Path, code: int | None) -> InputError:
    if code == pdfium_c.FPDF_ERR_FILE:
        return InputError(str(path), "the file could not be opened")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedPDF(str(path), "it uses an encryption scheme clausecheck cannot open; "
                            "save an unprotected copy")
    return CorruptFile(str(path), "PDFium could not read its structure (truncated, or a broken "
                       "cross-reference table); save or export it again")


def active_content(document: pdfium.PdfDocument) -> list[Gap]:
    """Document JavaScript and attached files: noted as not read, never run or extracted."""
    gaps = []
    scripts = pdfium_c.FPDFDoc_GetJavaScriptActionCount(document)
    if scripts > 0:
        gaps.append(Gap("other", f"the PDF carries {scripts} JavaScript action(s); they were not run"))
    attachments = pdfium_c.FPDFDoc_GetAttachmentCount(document)
    if attachments > 0:
        gaps.append(Gap("attachment", f"the PDF carries {attachments} attached file(s); they were not "
                        "opened or checked"))
    return gaps

"""Tell what a file is from its first bytes, never from its name."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import EmptyFile, UnsupportedFormat

_HEAD = 8192

# (magic prefix, what it is, what to do)
_REFUSED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "a legacy Word .doc (or other old Office) file: open it in Word or LibreOffice and save it as .docx or PDF"),
    (b"{\\rtf", "an RTF file: open it in Word or LibreOffice and save it as .docx or PDF"),
    (b"\x89PNG", "a PNG image: if it is a scanned page, run it through OCR and save it as a PDF with text"),
    (b"\xff\xd8\xff", "a JPEG image: if it is a scanned page, run it through OCR and save it as a PDF with text"),
    (b"II*\x00", "a TIFF image: if it is a scan, run it through OCR and save it as a PDF with text"),
    (b"MM\x00*", "a TIFF image: if it is a scan, run it through OCR and save it as a PDF with text"),
    (b"GIF8", "a GIF image, not a contract document"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive: unpack it first"),
    (b"Rar!", "a RAR archive: unpack it first"),
    (b"\x7fELF", "a program, not a document"),
    (b"MZ", "a Windows program, not a document"),
)


def sniff(path: str | Path) -> str:
    """Return ``"pdf"``, ``"docx"``, ``"markdown"`` or ``"text"``, or raise with what the file is."""
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(_HEAD)
    if not head:
        raise EmptyFile(str(path))
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, what in _REFUSED_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormat(str(path), what)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    return _sniff_text(path, head)


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedFormat(str(path), f"a damaged zip archive ({exc})") from None
    if "word/document.xml" in names:
        return "docx"
    if "opendocument.text" in mimetype:
        return _refuse(path, "an OpenDocument text (.odt): save it as .docx or PDF")
    if any(n.startswith("xl/") for n in names):
        return _refuse(path, "an Excel workbook, not a contract document")
    if any(n.startswith("ppt/") for n in names):
        return _refuse(path, "a PowerPoint presentation, not a contract document")
    return _refuse(path, "a zip archive: unpack it and check the documents inside")


def _sniff_text(path: Path, head: bytes) -> str:
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return _refuse(path, "a web page (HTML): print it to PDF or save it as text")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _text_kind(path)
    if b"\x00" in head:
        return _refuse(path, "a binary file of a kind clausecheck does not read (PDF, .docx and text are read)")
    return _text_kind(path)


def _text_kind(path: Path) -> str:
    return "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"


def _refuse(path: Path, what: str) -> str:
    raise UnsupportedFormat(str(path), what)

"""Tell what a file is from its first bytes, never from its name."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from .errors import EmptyFile, UnsupportedFormat

_HEAD = 8192

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx is an OLE container holding an "EncryptedPackage" stream (named in UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_OLE_SCAN_BYTES = 4 * 1024 * 1024

_RESAVE = "open it in Word or LibreOffice and save it as .docx or PDF"
_OCR = "if it is a scanned page, run it through OCR and save it as a PDF with text"

# (magic prefix, what it is and what to do)
_REFUSED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (_OLE_MAGIC, f"a legacy Word .doc (or other old Office) file: {_RESAVE}"),
    (b"{\\rtf", f"an RTF file: {_RESAVE}"),
    (b"\x89PNG", f"a PNG image: {_OCR}"),
    (b"\xff\xd8\xff", f"a JPEG image: {_OCR}"),
    (b"II*\x00", f"a TIFF image: {_OCR}"),
    (b"MM\x00*", f"a TIFF image: {_OCR}"),
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
    if head.startswith(_OLE_MAGIC) and _is_encrypted_office(path):
        raise UnsupportedFormat(
            str(path),
            "a password-protected Word file: open it in Word, remove the password "
            "(File > Info > Protect Document) and save it again, or save it as PDF",
        )
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
            mimetype = _read_head(archive, "mimetype") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
            zlib.error) as exc:
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


def _read_head(archive: zipfile.ZipFile, name: str, size: int = 100) -> str:
    """The first bytes of a member, read without inflating the rest (a member may be a bomb)."""
    with archive.open(name) as member:
        return member.read(size).decode("ascii", "replace")


def _sniff_text(path: Path, head: bytes) -> str:
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return _refuse(path, "a web page (HTML): print it to PDF or save it as text")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _text_kind(path)
    if b"\x00" in head:
        return _refuse(path, "a binary file of a kind clausecheck does not read (it reads PDF, .docx, text)")
    return _text_kind(path)


def _is_encrypted_office(path: Path) -> bool:
    with path.open("rb") as handle:
        return _ENCRYPTED_PACKAGE in handle.read(_OLE_SCAN_BYTES)


def _text_kind(path: Path) -> str:
    return "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"


def _refuse(path: Path, what: str) -> str:
    raise UnsupportedFormat(str(path), what)

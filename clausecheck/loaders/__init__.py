"""Turn a file into a :class:`~clausecheck.model.Document`: check limits, sniff, load, segment."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError, TooLarge
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Document, RawDocument
from ..sniff import sniff


def load(path: str | Path, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read ``path`` (PDF, DOCX, text or Markdown, told apart by content) into a clause tree."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if not path.is_file():
        raise InputError(str(path), "not a regular file")
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise TooLarge(str(path), f"{size:,} bytes, over the limit of {limits.max_file_bytes:,}")
    fmt = sniff(path)
    raw = load_raw(path, fmt, password=password, limits=limits)
    from ..segment import segment

    return segment(raw, path=str(path), sha256=file_sha256(path), limits=limits)


def load_raw(path: Path, fmt: str, *, password: str | None, limits: Limits) -> RawDocument:
    """Run the loader for ``fmt`` (as returned by :func:`~clausecheck.sniff.sniff`)."""
    if fmt == "pdf":
        from .pdf import load_pdf

        return load_pdf(path, password=password, limits=limits)
    if fmt == "docx":
        from .docx import load_docx

        return load_docx(path, limits=limits)
    from .text import load_text

    return load_text(path, fmt=fmt, limits=limits)


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

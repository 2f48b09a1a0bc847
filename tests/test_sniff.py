"""Files are told apart by content, never by name; sniffing never inflates an archive."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from clausecheck.errors import EmptyFile, UnsupportedFormat
from clausecheck.sniff import sniff


def test_pdf_renamed_docx_is_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "offer.docx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert sniff(path) == "pdf"


def test_text_named_pdf_is_text(tmp_path: Path) -> None:
    path = tmp_path / "offer.pdf"
    path.write_text("1. Services. Writer shall write.\n", encoding="utf-8")
    assert sniff(path) == "text"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile):
        sniff(path)


def test_password_protected_word_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "offer.docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20_000
    path.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    with pytest.raises(UnsupportedFormat, match="password-protected Word file"):
        sniff(path)


def test_legacy_doc_says_save_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "offer.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    with pytest.raises(UnsupportedFormat, match=r"legacy Word \.doc.*save it as \.docx"):
        sniff(path)


def test_zip_bomb_mimetype_is_not_inflated(tmp_path: Path) -> None:
    """A 'mimetype' member that inflates to 400 MiB is sniffed under a 256 MB address-space cap."""
    path = tmp_path / "bomb.zip"
    chunk = b"\x00" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("mimetype", "w", force_zip64=True) as member:
        for _ in range(400):
            member.write(chunk)
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({256 << 20}, {256 << 20}))\n"
        "from clausecheck.sniff import sniff\n"
        "from clausecheck.errors import UnsupportedFormat\n"
        "try:\n"
        f"    sniff({str(path)!r})\n"
        "except UnsupportedFormat as e:\n"
        "    print('refused:', e)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CPU, (30, 30)))
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout and "zip archive" in result.stdout

"""Broken, locked and hostile PDFs end in one of clausecheck's typed errors with a one-line message."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import CONTRACTS, FIXTURES

from clausecheck.errors import (
    ClauseCheckError,
    CorruptFile,
    EmptyFile,
    EncryptedPDF,
    InputError,
    NoTextLayer,
    TooLarge,
    UnreadableText,
)
from clausecheck.limits import DEFAULT_LIMITS
from clausecheck.loaders import load, pdf_lines
from clausecheck.loaders.pdf import load_pdf

BAD = FIXTURES / "bad"


def one_line_error(error: type[InputError], name: str, **kwargs: object) -> str:
    with pytest.raises(error) as caught:
        load_pdf(BAD / name, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(BAD / name) + ": ")
    return message


def test_user_password_needed() -> None:
    message = one_line_error(EncryptedPDF, "pdf-encrypted-user.pdf")
    assert message.endswith("the PDF is password-protected: give its password with --password")


def test_wrong_password_says_so() -> None:
    message = one_line_error(EncryptedPDF, "pdf-encrypted-user.pdf", password="not-it")
    assert "the password given with --password is wrong" in message


def test_right_password_opens() -> None:
    raw = load_pdf(BAD / "pdf-encrypted-user.pdf", password="secret")
    assert raw.blocks[0].text == "WRITER SERVICES AGREEMENT"


def test_owner_password_only_opens_without_asking() -> None:
    raw = load_pdf(BAD / "pdf-encrypted-owner-only.pdf")
    assert any(b.text.startswith("4.2 Notices.") for b in raw.blocks)


@pytest.mark.parametrize("name", ["pdf-truncated.pdf", "pdf-no-xref.pdf", "pdf-garbage.pdf", "pdf-empty.pdf"])
def test_damaged_files(name: str) -> None:
    assert "damaged or truncated" in one_line_error(CorruptFile, name)


def test_empty_file_through_load() -> None:
    with pytest.raises(EmptyFile):
        load(BAD / "pdf-empty.pdf")


def test_scan_without_text_layer_says_what_to_do() -> None:
    message = one_line_error(NoTextLayer, "pdf-scanned.pdf")
    assert "OCR" in message and "PDF with text" in message


def test_fonts_without_unicode_map() -> None:
    assert "Unicode map" in one_line_error(UnreadableText, "pdf-no-unicode.pdf")


def test_page_limit() -> None:
    with pytest.raises(TooLarge, match="2 pages, over the limit of 1"):
        load_pdf(CONTRACTS / "pdf-services-agreement.pdf", limits=DEFAULT_LIMITS.updated({"max_pages": 1}))


def test_page_of_too_many_text_pieces_read_as_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locating each piece costs a scan of the page, so crowded pages fall back to linear reading."""
    monkeypatch.setattr(pdf_lines, "MAX_RECTS", 20)
    raw = load_pdf(CONTRACTS / "pdf-services-agreement.pdf")
    assert raw.warnings == ["page(s) 1, 2 were read in file order, without layout analysis (too many "
                            "separate text pieces, or text set sideways)"]
    text = "\n".join(b.text for b in raw.blocks)
    assert "3.2 Training Data. The Company shall not use the Materials to train, fine-tune or" in text
    assert "Page 1 of" not in text and "Writer Services Agreement \u2013 Confidential" not in text


def test_mutated_pdfs_end_in_a_document_or_a_typed_error(tmp_path: Path) -> None:
    """Fixed-seed mutation run: byte flips, truncation and replaced chunks of real fixtures."""
    rng = random.Random(2026)
    sources = [CONTRACTS / "pdf-services-agreement.pdf", CONTRACTS / "pdf-two-column.pdf",
               CONTRACTS / "pdf-libreoffice.pdf", BAD / "pdf-javascript-attachment.pdf"]
    outcomes: Counter[str] = Counter()
    for n in range(60):
        data = bytearray(rng.choice(sources).read_bytes())
        if n % 3 == 0:
            for _ in range(rng.randint(1, 30)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif n % 3 == 1:
            data = data[: rng.randrange(len(data))]
        else:
            start = rng.randrange(len(data))
            data[start:start + rng.randint(10, 2000)] = rng.randbytes(rng.randint(0, 500))
        path = tmp_path / f"mutant-{n}.pdf"
        path.write_bytes(bytes(data))
        try:
            raw = load_pdf(path)
        except ClauseCheckError as error:
            assert "\n" not in str(error)
            outcomes[type(error).__name__] += 1
        else:
            assert all(b.text.strip() for b in raw.blocks)
            outcomes["loaded"] += 1
    assert outcomes["loaded"] and outcomes["CorruptFile"]


def test_page_tree_loop_ends_quickly_in_a_typed_error() -> None:
    assert "no text layer" in one_line_error(NoTextLayer, "pdf-page-tree-loop.pdf")


def test_thousands_of_pages_refused_by_the_default_limit(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    page = pypdf.PdfReader(CONTRACTS / "pdf-sections.pdf").pages[0]
    for _ in range(DEFAULT_LIMITS.max_pages + 500):
        writer.add_page(page)
    path = tmp_path / "many-pages.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(TooLarge, match="2,500 pages, over the limit of 2,000"):
        load_pdf(path)


MEMORY_CHECK = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
sys.path.insert(0, sys.argv[1])
from clausecheck.errors import ClauseCheckError
from clausecheck.loaders.pdf import load_pdf
for name in sys.argv[2:]:
    try:
        outcome = "loaded" if load_pdf(name).blocks else "empty"
    except ClauseCheckError as error:
        outcome = type(error).__name__
    print(Path(name).name, outcome)
"""


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs POSIX resource limits")
def test_bad_pdfs_under_a_512_mib_memory_limit() -> None:
    """Every hostile PDF gets its answer in a process that may not use more than 512 MiB."""
    import subprocess
    import sys

    names = sorted(str(p) for p in BAD.glob("*.pdf"))
    done = subprocess.run([sys.executable, "-c", MEMORY_CHECK, str(CONTRACTS.parent.parent), *names],
                          capture_output=True, text=True, timeout=120, check=True)
    assert dict(line.split(" ") for line in done.stdout.splitlines()) == {
        "pdf-empty.pdf": "CorruptFile", "pdf-encrypted-owner-only.pdf": "loaded",
        "pdf-encrypted-user.pdf": "EncryptedPDF", "pdf-garbage.pdf": "CorruptFile",
        "pdf-javascript-attachment.pdf": "loaded", "pdf-no-unicode.pdf": "UnreadableText",
        "pdf-no-xref.pdf": "CorruptFile", "pdf-page-tree-loop.pdf": "NoTextLayer",
        "pdf-scanned.pdf": "NoTextLayer", "pdf-truncated.pdf": "CorruptFile",
    }

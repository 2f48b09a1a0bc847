"""Pages per second of clausecheck's PDF loader against bare pdfplumber and bare pypdfium2.

Usage: python bench/parse.py [PDF_DIR_OR_FILE ...]   (default: ../shared/corpus/cuad and the
pdf-* fixtures). Prints, in one run, pages/s for each engine, the ratio clausecheck/pdfplumber,
and the clauses found per file (when clausecheck.segment exists). Timings on a shared machine are
noisy: run it twice before trusting a figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clausecheck.limits import DEFAULT_LIMITS  # noqa: E402
from clausecheck.loaders.pdf import load_pdf  # noqa: E402

try:
    from clausecheck.segment import segment
except ImportError:  # the segmenter is not there yet: time the loader alone
    segment = None

DEFAULT_PATHS = [ROOT.parent / "shared" / "corpus" / "cuad", ROOT / "fixtures" / "contracts"]


def pdfs(paths: list[Path]) -> list[Path]:
    """Every readable PDF under ``paths`` (fixtures: only the pdf-* files)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.pdf") if path.name != "contracts"
                                or p.name.startswith("pdf-")))
        elif path.suffix.lower() == ".pdf":
            found.append(path)
    return found


def clausecheck_pdf(path: Path) -> int:
    """Load (and segment, when possible); returns the number of clauses (or blocks)."""
    raw = load_pdf(path, limits=DEFAULT_LIMITS)
    if segment is None:
        return len(raw.blocks)
    return len(segment(raw, path=str(path), sha256="", limits=DEFAULT_LIMITS).clauses)


def plumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
    return 0


def pdfium_bare(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(document)):
            page = document[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        document.close()
    return 0


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def timed(engine: Callable[[Path], int], files: list[Path]) -> tuple[float, dict[Path, int]]:
    results = {}
    start = time.perf_counter()
    for path in files:
        results[path] = engine(path)
    return time.perf_counter() - start, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="PDF files or folders")
    parser.add_argument("--no-plumber", action="store_true", help="skip pdfplumber (slow)")
    args = parser.parse_args()
    files = pdfs(args.paths or [p for p in DEFAULT_PATHS if p.exists()])
    if not files:
        parser.error("no PDF files found")
    pages = sum(page_count(p) for p in files)
    clausecheck_pdf(files[0])  # warm imports
    pdfium_bare(files[0])
    what = "load_pdf + segment" if segment is not None else "load_pdf alone (no clausecheck.segment yet)"
    print(f"{len(files)} PDFs, {pages} pages")
    cc_time, counts = timed(clausecheck_pdf, files)
    print(f"clausecheck ({what}): {cc_time:7.2f} s  {pages / cc_time:8.1f} pages/s")
    pdfium_time, _ = timed(pdfium_bare, files)
    print(f"pypdfium2 get_text_range:         {pdfium_time:7.2f} s  {pages / pdfium_time:8.1f} pages/s")
    if not args.no_plumber and importlib.util.find_spec("pdfplumber") is None:
        print("pdfplumber is not installed (pip install .[test]): no comparison")
    elif not args.no_plumber:
        plumber(files[0])
        plumber_time, _ = timed(plumber, files)
        print(f"pdfplumber extract_text (+close): {plumber_time:7.2f} s  {pages / plumber_time:8.1f} pages/s")
        print(f"ratio clausecheck / pdfplumber: {plumber_time / cc_time:.1f}x faster")
    label = "clauses" if segment is not None else "blocks"
    print(f"\n{label} per file:")
    for path, count in counts.items():
        print(f"  {count:5d}  {page_count(path):4d} pages  {path.name}")


if __name__ == "__main__":
    main()

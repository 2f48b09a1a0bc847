"""Find the files a batch checks: folders (recursive) and globs, told apart by content."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ClauseCheckError, InputError
from ..sniff import sniff

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Candidate:
    """A file to check. ``rel`` names it in every output; ``error`` is set when sniffing refused it."""

    path: Path
    rel: str
    fmt: str | None
    error: str | None = None


def discover(paths: list[str], outdir: Path) -> list[Candidate]:
    """Every regular, non-hidden file under ``paths``, sorted by ``rel``, outside ``outdir``.

    A folder is walked recursively; a pattern with ``*``, ``?`` or ``[`` is expanded as a glob
    (``**`` recursive). Hidden files and folders (name starting with ".") are skipped, and so is
    any clausecheck output folder (one holding a batch manifest). Each file is sniffed here, so a
    file that is plainly not a contract gets its one-line reason at once, with no worker.
    """
    outdir = outdir.resolve()
    roots: list[Path] = []
    files: list[Path] = []
    for spec in paths:
        matches = sorted(glob.glob(spec, recursive=True)) if glob.has_magic(spec) else [spec]
        if not matches:
            raise InputError(spec, "no file matches this pattern")
        for match in matches:
            path = Path(match)
            if not path.exists():
                raise InputError(match, "no such file or folder")
            absolute = Path(os.path.abspath(path))
            roots.append(absolute if path.is_dir() else absolute.parent)
            files.extend(_walk(path, outdir) if path.is_dir() else [path])
    base = Path(os.path.commonpath(roots)) if roots else Path.cwd()
    seen: dict[str, Path] = {}
    targets: set[Path] = set()
    for path in files:
        resolved = path.resolve()
        if _inside(resolved, outdir) or not resolved.is_file() or resolved in targets:
            continue
        targets.add(resolved)
        seen.setdefault(Path(os.path.abspath(path)).relative_to(base).as_posix(), path)
    return [_classify(path, rel) for rel, path in sorted(seen.items())]


def _walk(folder: Path, outdir: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".")
            and not _inside((here / d).resolve(), outdir)
            and not (here / d / MANIFEST_NAME).is_file()
        )
        found.extend(here / name for name in sorted(filenames) if not name.startswith("."))
    return found


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _classify(path: Path, rel: str) -> Candidate:
    try:
        fmt = sniff(path)
    except ClauseCheckError as error:
        return Candidate(path, rel, None, one_line(error, path))
    except OSError as error:
        return Candidate(path, rel, None, error.strerror or str(error))
    return Candidate(path, rel, fmt)


def one_line(error: BaseException, path: Path | None = None) -> str:
    """An error as one line, without the file name the batch row already shows."""
    text = " ".join(str(error).split())
    if path is not None and text.startswith(f"{path}: "):
        text = text[len(str(path)) + 2:]
    return text or type(error).__name__

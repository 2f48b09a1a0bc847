"""Write files so that a reader never sees half of one: a temporary file, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from .errors import OutputError


def write_atomic(path: str | Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` in one step; on any failure the old file (if any) is untouched."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with _replacing(Path(path), "wb") as handle:
        handle.write(payload)


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, encoding: str = "utf-8", newline: str | None = None
                  ) -> Iterator[TextIO]:
    """Stream text into ``path``: it goes to a temporary file beside it, renamed into place only when
    the block ends without error (for outputs too large to build in memory, such as a batch's CSVs)."""
    with _replacing(Path(path), "w", encoding=encoding, newline=newline) as handle:
        yield handle


@contextlib.contextmanager
def _replacing(path: Path, mode: str, **open_args: Any) -> Iterator[IO[Any]]:
    """A handle on a temporary file beside ``path``, synced and renamed over it when the block ends
    without error and removed otherwise; OS errors become one-line :class:`OutputError`."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(str(path), exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, mode, **open_args) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except OSError as exc:
        _remove_quietly(temp_name)
        raise OutputError(str(path), exc.strerror or str(exc)) from None
    except BaseException:
        _remove_quietly(temp_name)
        raise


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)

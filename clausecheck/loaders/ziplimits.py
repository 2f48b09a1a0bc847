"""A zip reader that refuses zip bombs before anything is inflated.

Opening an Office file means inflating zip members. A 1 MB file can declare (or hide) gigabytes, so
:class:`GuardedZip` checks the central directory against :class:`~clausecheck.limits.Limits` (member
count, declared sizes, compression ratio), then reads only the members asked for, in chunks, never
past the declared size or the limits. A member whose stream inflates past its declared size (a forged
header) is refused as hostile rather than inflated.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from types import TracebackType

from ..errors import CorruptFile, HostileFile
from ..limits import Limits

_CHUNK = 1 << 16
_RATIO_FLOOR = 1 << 20  # small members (< 1 MiB) may compress very well without being bombs
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


class GuardedZip:
    """A zip archive opened under limits; use as a context manager and :meth:`read` members."""

    def __init__(self, path: str | Path, limits: Limits) -> None:
        self.path = str(path)
        self.limits = limits
        self._read_total = 0
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise CorruptFile(self.path, f"not a readable zip archive ({exc})") from None
        try:
            self._infos = {info.filename: info for info in self._check_directory()}
        except BaseException:
            self._zip.close()
            raise

    def __enter__(self) -> GuardedZip:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying file."""
        self._zip.close()

    @property
    def names(self) -> list[str]:
        """Member names in archive order."""
        return list(self._infos)

    def size(self, name: str) -> int:
        """The declared (and enforced) inflated size of member ``name``."""
        return self._infos[name].file_size

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def _check_directory(self) -> list[zipfile.ZipInfo]:
        limits = self.limits
        infos = self._zip.infolist()
        if len(infos) > limits.max_docx_members:
            raise HostileFile(self.path, f"{len(infos):,} zip members, over the limit of "
                                         f"{limits.max_docx_members:,} (a zip bomb?)")
        total = 0
        for info in infos:
            size = info.file_size
            if size > limits.max_docx_member_bytes:
                raise HostileFile(self.path, f"zip member {info.filename} inflates to {size:,} bytes, over "
                                             f"the limit of {limits.max_docx_member_bytes:,} (a zip bomb?)")
            if size > _RATIO_FLOOR and size > limits.max_compression_ratio * max(info.compress_size, 1):
                ratio = size / max(info.compress_size, 1)
                raise HostileFile(self.path, f"zip member {info.filename} has compression ratio "
                                             f"{ratio:,.0f}, over the limit of "
                                             f"{limits.max_compression_ratio:g} (a zip bomb?)")
            total += size
        if total > limits.max_docx_total_bytes:
            raise HostileFile(self.path, f"zip members inflate to {total:,} bytes in all, over the limit of "
                                         f"{limits.max_docx_total_bytes:,} (a zip bomb?)")
        return infos

    def read(self, name: str) -> bytes:
        """The bytes of member ``name``, read in chunks and never past its declared size or the limits."""
        info = self._infos[name]
        cap = min(info.file_size, self.limits.max_docx_member_bytes)
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    got += len(chunk)
                    self._read_total += len(chunk)
                    if got > cap or self._read_total > self.limits.max_docx_total_bytes:
                        raise HostileFile(self.path, f"zip member {name} inflates past its limit "
                                                     "(a zip bomb?)")
                    chunks.append(chunk)
        except zipfile.BadZipFile as exc:
            if self._inflates_past_declared(info):
                raise HostileFile(self.path, f"zip member {name} inflates past its declared size of "
                                             f"{info.file_size:,} bytes (a forged zip header)") from None
            raise CorruptFile(self.path, f"zip member {name} is damaged ({exc})") from None
        except (RuntimeError, NotImplementedError, OSError, EOFError, ValueError, zlib.error) as exc:
            raise CorruptFile(self.path, f"zip member {name} cannot be read ({exc})") from None
        return b"".join(chunks)

    def _inflates_past_declared(self, info: zipfile.ZipInfo) -> bool:
        """True when a deflated member's stream holds more than its declared size (inflates one byte more)."""
        if info.compress_type != zipfile.ZIP_DEFLATED:
            return False
        handle = self._zip.fp
        if handle is None:
            return False
        handle.seek(info.header_offset)
        header = handle.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size:
            return False
        fields = _LOCAL_HEADER.unpack(header)
        handle.seek(fields[-2] + fields[-1], 1)
        inflater = zlib.decompressobj(-15)
        produced = 0
        remaining = info.compress_size
        try:
            while remaining > 0 and produced <= info.file_size:
                data = handle.read(min(_CHUNK, remaining))
                if not data:
                    break
                remaining -= len(data)
                produced += len(inflater.decompress(data, info.file_size + 1 - produced))
                while inflater.unconsumed_tail and produced <= info.file_size:
                    tail = inflater.unconsumed_tail
                    produced += len(inflater.decompress(tail, info.file_size + 1 - produced))
        except zlib.error:
            return False
        return produced > info.file_size

"""Resource limits that keep a hostile or huge file from costing unbounded time or memory."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Every limit clausecheck enforces; set them in clausecheck.toml under ``[limits]``."""

    max_file_bytes: int = 100 * MiB
    max_pages: int = 2000
    max_docx_member_bytes: int = 100 * MiB
    max_docx_total_bytes: int = 200 * MiB
    max_docx_members: int = 2000
    max_compression_ratio: float = 200.0
    max_xml_depth: int = 256
    max_xml_part_bytes: int = 32 * MiB  # one DOCX XML part; lxml trees take up to ~12x their text in RAM
    max_clauses: int = 50_000
    regex_timeout: float = 1.0
    batch_file_timeout: float = 120.0

    def updated(self, values: dict[str, Any]) -> Limits:
        """A copy with ``values`` applied; unknown names raise ``KeyError``."""
        known = {f.name: f.type for f in fields(self)}
        for name in values:
            if name not in known:
                raise KeyError(name)
        return replace(self, **values)


DEFAULT_LIMITS = Limits()

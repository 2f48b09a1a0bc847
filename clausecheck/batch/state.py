"""What a batch has finished, on disk: one record per contract plus a manifest of the whole run.

A worker writes a contract's reports first and its record last, each atomically, so a record on
disk means the reports it lists are whole. ``--resume`` trusts a record only when the file's
content hash, the rules version and the options fingerprint are unchanged and every report it
lists exists; everything else is checked again. ``manifest.json`` (also written atomically, at the
end, every few seconds during the run and on Ctrl-C) lists every file with its status.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from .discovery import MANIFEST_NAME

STATE_DIR = "state"
REPORTS_DIR = "reports"
RECORD_VERSION = 1
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def report_name(rel: str) -> str:
    """``<stem>-<first 10 hex of sha256(rel)>``: readable, and distinct for two ``offer.pdf``."""
    stem = _UNSAFE.sub("_", Path(rel).stem).strip("._") or "contract"
    return f"{stem[:60]}-{hashlib.sha256(rel.encode('utf-8')).hexdigest()[:10]}"


def record_path(outdir: Path, rel: str) -> Path:
    """Where the record of ``rel`` lives in ``outdir``."""
    return outdir / STATE_DIR / f"{report_name(rel)}.json"


def fingerprint(options: dict[str, Any]) -> str:
    """A short hash of the options that change a report (packs, rule folders, context, formats)."""
    text = json.dumps(options, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:16]


def write_record(outdir: Path, record: dict[str, Any]) -> None:
    """Commit one finished contract (after its reports are written)."""
    data = {"record_version": RECORD_VERSION, **record}
    write_atomic(record_path(outdir, record["rel"]), json.dumps(data, ensure_ascii=False, sort_keys=True))


def read_record(outdir: Path, rel: str) -> dict[str, Any] | None:
    """The record of ``rel``, or None when there is none or it cannot be read."""
    try:
        data = json.loads(record_path(outdir, rel).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("record_version") != RECORD_VERSION or data.get("rel") != rel:
        return None
    return data


def reusable(outdir: Path, rel: str, *, sha256: str, rules_version: str,
             options: str) -> dict[str, Any] | None:
    """The record of ``rel`` if ``--resume`` may keep it (see the module docstring), else None."""
    record = read_record(outdir, rel)
    if record is None:
        return None
    if (record.get("sha256"), record.get("rules_version"), record.get("options")) != (
            sha256, rules_version, options):
        return None
    outputs = record.get("outputs", {})
    if not all((outdir / name).is_file() for name in outputs.values()):
        return None
    return record


@dataclass
class ManifestEntry:
    """One file's line in the manifest."""

    rel: str
    status: str = "pending"
    sha256: str | None = None
    error: str | None = None
    outputs: dict[str, str] | None = None


def write_manifest(outdir: Path, entries: list[ManifestEntry], *, header: dict[str, Any]) -> None:
    """Write ``manifest.json`` atomically: the run's settings and every file's status."""
    data = {
        **header,
        "files": [
            {k: v for k, v in vars(e).items() if v is not None}
            for e in sorted(entries, key=lambda e: e.rel)
        ],
    }
    write_atomic(outdir / MANIFEST_NAME, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

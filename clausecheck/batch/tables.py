"""``summary.csv``, ``findings.csv`` and ``findings.jsonl``, one row at a time in relative-path order.

The CSV files are UTF-8 with a byte-order mark (so Excel reads accents and curly quotes right) and
CRLF line ends, as spreadsheet programs expect. A text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with ``'`` so no spreadsheet runs it as a formula
(the contract text is a stranger's). The JSONL file holds one finding per line, in the JSON
report's finding shape plus ``path`` and the report names, and is not altered.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..atomic import write_atomic

SUMMARY_HEAD = ["path", "format", "pages", "verdict", "level", "to_raise", "high", "medium", "low",
                "protections"]
SUMMARY_TAIL = ["other_concerns", "parties", "report_html", "report_json", "error"]
FINDINGS_HEAD = ["path", "rule", "pack", "concern", "group", "kind", "severity", "clause", "heading",
                 "page", "change", "quote", "report_html"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell: numbers as they are, text defused against formula injection."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class Tables:
    """Accumulates the three files' rows (in the order given) and writes them atomically."""

    def __init__(self, concern_ids: list[str]) -> None:
        self.concern_ids = concern_ids
        self._summary = io.StringIO()
        self._findings = io.StringIO()
        self._jsonl = io.StringIO()
        self._summary_csv = csv.writer(self._summary)
        self._findings_csv = csv.writer(self._findings)
        self._summary_csv.writerow(SUMMARY_HEAD + concern_ids + SUMMARY_TAIL)
        self._findings_csv.writerow(FINDINGS_HEAD)

    def add_record(self, record: dict[str, Any]) -> None:
        """One checked contract: its summary row and one row per finding."""
        rel, outputs = record["rel"], record.get("outputs", {})
        counts = {cid: value[0] for cid, value in record["concerns"].items()}
        other = ";".join(f"{cid}:{n}" for cid, n in sorted(counts.items()) if cid not in self.concern_ids)
        severity = record["by_severity"]
        self._summary_csv.writerow([cell(v) for v in [
            rel, record["format"], record["pages"], record["verdict"], record["level"], record["to_raise"],
            severity.get("high", 0), severity.get("medium", 0), severity.get("low", 0), record["protections"],
            *(counts.get(cid, 0) for cid in self.concern_ids),
            other, "; ".join(record.get("parties", [])), outputs.get("html"), outputs.get("json"), None,
        ]])
        for finding in record["findings"]:
            clause = finding.get("clause") or {}
            self._findings_csv.writerow([cell(v) for v in [
                rel, finding["rule"], finding["pack"], finding["concern"], finding["group"], finding["kind"],
                finding["severity"], clause.get("number"), clause.get("heading"), clause.get("page"),
                clause.get("change"), " ".join(finding["quote"].split()), outputs.get("html"),
            ]])
            line = {"path": rel, "report_html": outputs.get("html"), "report_json": outputs.get("json"),
                    **finding}
            self._jsonl.write(json.dumps(line, ensure_ascii=False) + "\n")

    def add_error(self, rel: str, fmt: str | None, error: str) -> None:
        """A file that could not be checked: a summary row with its one-line reason."""
        blanks = [None] * (len(SUMMARY_HEAD) - 2 + len(self.concern_ids) + len(SUMMARY_TAIL) - 1)
        self._summary_csv.writerow([cell(v) for v in [rel, fmt, *blanks, error]])

    def write(self, outdir: Any) -> None:
        """Write summary.csv, findings.csv (UTF-8 with BOM) and findings.jsonl (UTF-8) atomically."""
        write_atomic(outdir / "summary.csv", self._summary.getvalue(), encoding="utf-8-sig")
        write_atomic(outdir / "findings.csv", self._findings.getvalue(), encoding="utf-8-sig")
        write_atomic(outdir / "findings.jsonl", self._jsonl.getvalue())

"""``summary.csv``, ``findings.csv`` and ``findings.jsonl``, one row at a time in relative-path order.

The CSV files are UTF-8 with a byte-order mark (so Excel reads accents and curly quotes right) and
CRLF line ends, as spreadsheet programs expect. A text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with ``'`` so no spreadsheet runs it as a formula
(the contract text is a stranger's). The JSONL file holds one finding per line, in the JSON
report's finding shape plus ``path`` and the report names, and is not altered.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from pathlib import Path
from typing import Any

from ..atomic import atomic_writer

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
    """Writes the three files row by row (in the order given), each renamed into place at the end.

    Use as a context manager: on a clean exit the files replace any earlier ones; on an error no
    file is touched. Nothing is held in memory, however many contracts the batch has.
    """

    def __init__(self, outdir: Path, concern_ids: list[str]) -> None:
        self.outdir = outdir
        self.concern_ids = concern_ids
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Tables:
        stack = self._stack.__enter__()
        try:
            summary = stack.enter_context(atomic_writer(self.outdir / "summary.csv", encoding="utf-8-sig",
                                                        newline=""))
            findings = stack.enter_context(atomic_writer(self.outdir / "findings.csv", encoding="utf-8-sig",
                                                         newline=""))
            self._jsonl = stack.enter_context(atomic_writer(self.outdir / "findings.jsonl"))
        except BaseException:
            stack.__exit__(*sys.exc_info())
            raise
        self._summary_csv = csv.writer(summary)
        self._findings_csv = csv.writer(findings)
        self._summary_csv.writerow(SUMMARY_HEAD + self.concern_ids + SUMMARY_TAIL)
        self._findings_csv.writerow(FINDINGS_HEAD)
        return self

    def __exit__(self, *exc: object) -> bool | None:
        return self._stack.__exit__(*exc)

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

"""The report as JSON, in the shape clausecheck/schema/report.schema.json describes (docs/json.md).

Key names are an interface that scripts rely on: change them only with a new ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import chain
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from ..model import Document, Finding, Report
from ..serialize import document_to_dict, flat_dict
from .summary import Summary, summarize
from .view import file_name, location

SCHEMA_VERSION = "1.1"
SCHEMA_ID = "urn:clausecheck:schema:report:1.1"


def report_to_dict(report: Report, summary: Summary | None = None) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    summary = summary or summarize(report)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {
            "name": "clausecheck",
            "version": report.tool_version,
            "rules_version": report.rules_version,
        },
        "created": report.created,
        "document": document_dict(report.document, name=file_name(report)),
        "packs": [flat_dict(p) for p in report.packs],
        "assumptions": [flat_dict(a) for a in report.assumptions],
        "summary": summary_dict(summary),
        "findings": [finding_dict(report, i, f) for i, f in enumerate(report.findings)],
        "set_aside": [finding_dict(report, i, f)
                      for i, f in enumerate(report.set_aside, len(report.findings))],
    }


def render_json(report: Report, *, compact: bool = False) -> str:
    """The JSON text: indented for a person, or one line (``compact``) for JSON Lines."""
    data = report_to_dict(report)
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return indented(data, end="\n")


class _Unusual(Exception):
    """A value :func:`indented` leaves to the json module (a key that is not a string, a float, a type
    the report never holds)."""


SCALARS = frozenset({str, int, bool, type(None)})
"""The values the json module's C encoder writes as :func:`indented` must (no float: its text is the
json module's to decide)."""
KEYS = frozenset({str})
DICTS = frozenset({dict})


def indented(data: Any, end: str = "") -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, the same text, written in one recursive
    pass (the json module's C encoder does not indent, and its Python one is a chain of generators
    that took most of the JSON report's time).

    A dict or list that holds only scalars, and a list of such dicts (a document's clauses), is
    written by the C encoder in one call, with the line break and indentation as its item separator;
    the brackets' own line breaks are put in after (see :func:`_write`). ``end`` is written after
    the value (a report's final line break, without copying the whole text again to add it).
    """
    out: list[str] = []
    try:
        _write(data, out, "\n")
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2) + end
    out.append(end)
    return "".join(out)


def _flat(value: dict[Any, Any]) -> bool:
    """Whether ``value`` has only string keys and :data:`SCALARS` values."""
    return SCALARS.issuperset(map(type, value.values())) and KEYS.issuperset(map(type, value))


@cache
def _encoder(separator: str) -> Callable[[Any, int], list[str]]:
    """The json module's C encoder with ``separator`` between items and ``": "`` after keys (where the
    interpreter has none, the report is written by ``json.dumps``)."""
    if c_make_encoder is None:
        raise _Unusual
    return c_make_encoder(None, _unreachable, encode_basestring, None, ": ", separator, False, False, True)


def _unreachable(value: Any) -> Any:
    """The C encoder's hook for a type it does not know: never called, only :data:`SCALARS` reach it."""
    raise TypeError(f"{type(value).__name__} is not a JSON scalar")


_string = lru_cache(maxsize=4096)(encode_basestring)
"""A string's JSON, remembered: outside the flat dicts and lists, most strings are keys and a rule's
words (a finding's explanation, ask and title), the same on every finding of the rule."""


def _compact(value: Any, separator: str) -> str:
    return "".join(_encoder(separator)(value, 0))


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append ``value``'s JSON to ``out``; ``newline`` is a line break and the current indentation.

    Strings, integers and None inside a dict or list are written in its loop, not by a call. Flat
    dicts and lists go to the C encoder (:func:`_compact`) with ``"," + newline + indentation`` as
    the item separator: only the line breaks after the opening and before the closing bracket are
    missing, and, in a list of flat dicts, the ones around the braces between two dicts, found as
    ``}`` + separator + ``{`` (no encoded string holds a line break, and inside a flat dict a
    separator is followed by a key's quote).
    """
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        if _flat(value):
            out += ("{" + inner, _compact(value, "," + inner)[1:-1], newline + "}")
            return
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            kind = type(item)
            if kind is str:
                out.append(separator + _string(key) + ": " + _string(item))
            elif kind is int:
                out.append(separator + _string(key) + ": " + int.__repr__(item))
            elif item is None:
                out.append(separator + _string(key) + ": null")
            else:
                out.append(separator + _string(key) + ": ")
                _write(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        if SCALARS.issuperset(map(type, value)):
            out += ("[" + inner, _compact(value, "," + inner)[1:-1], newline + "]")
            return
        if (
            DICTS.issuperset(map(type, value))
            and all(value)
            and SCALARS.issuperset(map(type, chain.from_iterable(map(dict.values, value))))
            and KEYS.issuperset(map(type, chain.from_iterable(value)))
        ):
            deeper = inner + "  "
            body = _compact(value, "," + deeper)[2:-2]
            body = body.replace("}," + deeper + "{", inner + "}," + inner + "{" + deeper)
            out += ("[" + inner + "{" + deeper, body, inner + "}" + newline + "]")
            return
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _write(item, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    elif kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    else:
        raise _Unusual


def document_dict(document: Document, *, name: str) -> dict[str, Any]:
    """The document as ``clausecheck parse --format json`` gives it (clausecheck.serialize), flattened
    under one key, with the file name and each clause's index (what ``finding.clause.index`` means)."""
    parsed = document_to_dict(document, indexed=True)
    return {
        **parsed["document"],
        "name": name,
        "clauses": parsed["clauses"],
        "definitions": parsed["definitions"],
        "gaps": parsed["gaps"],
        "notes": parsed["notes"],
        "warnings": parsed["warnings"],
    }


def finding_dict(report: Report, index: int, finding: Finding) -> dict[str, Any]:
    """One finding with its clause's place in the document."""
    where = location(report, finding)
    clause = None
    if where.clause is not None:
        clause = {
            "index": where.clause,
            "number": where.number,
            "heading": where.heading,
            "page": where.page,
            "last_page": where.last_page,
            "change": where.change,
        }
    return {
        "id": index,
        "rule": finding.rule,
        "pack": finding.pack,
        "title": finding.title,
        "concern": finding.concern,
        "group": finding.group,
        "kind": finding.kind,
        "severity": finding.severity,
        "clause": clause,
        "quote": finding.quote,
        "spans": [{"start": s.start, "end": s.end} for s in finding.spans],
        "explanation": finding.explanation,
        "ask": finding.ask,
        "sources": [flat_dict(s) for s in finding.sources],
        "notes": list(finding.notes),
    }


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The shared verdict and counts (see :mod:`clausecheck.render.summary`)."""
    return {
        "verdict": summary.verdict,
        "level": summary.level,
        "to_raise": summary.to_raise,
        "by_severity": dict(summary.by_severity),
        "conflicts": summary.conflicts,
        "missing": summary.missing,
        "protections": summary.protections,
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "high": g.high,
                "medium": g.medium,
                "low": g.low,
                "protections": g.protections,
            }
            for g in summary.groups
        ],
        "questions": [
            {"text": q.text, "severity": q.severity, "concern": q.concern, "findings": list(q.findings)}
            for q in summary.questions
        ],
        "issues": [list(members) for members in summary.issues],
        "coverage": list(summary.coverage),
        "caveat": summary.caveat,
    }

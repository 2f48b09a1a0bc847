"""A :class:`~clausecheck.model.Document` as plain JSON-ready data (the ``parse --format json`` shape).

The shape is a stable interface, documented in docs/parse-json.md and checked by
clausecheck/schema/parse.schema.json. Bump :data:`SCHEMA_VERSION` on any incompatible change.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .model import Clause, Document

SCHEMA_VERSION = 1

CLAUSE_FIELDS = (
    "number", "label", "heading", "text", "page", "last_page", "level", "parent", "change", "kind",
    "start", "end",
)


def clause_to_dict(clause: Clause) -> dict[str, Any]:
    """One clause, with the fields in :data:`CLAUSE_FIELDS` order."""
    return {name: getattr(clause, name) for name in CLAUSE_FIELDS}


def document_to_dict(document: Document) -> dict[str, Any]:
    """The whole document: metadata, clauses, definitions (term -> defining sentence), gaps, notes."""
    return {
        "schema_version": SCHEMA_VERSION,
        "document": {
            "path": document.path,
            "format": document.format,
            "pages": document.pages,
            "sha256": document.sha256,
        },
        "clauses": [clause_to_dict(c) for c in document.clauses],
        "definitions": {term: d.text for term, d in document.definitions.items()},
        "definition_clauses": {term: d.clause for term, d in document.definitions.items()},
        "gaps": [asdict(g) for g in document.gaps],
        "notes": [asdict(n) for n in document.notes],
        "warnings": list(document.warnings),
    }

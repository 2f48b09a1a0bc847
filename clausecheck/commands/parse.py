"""``clausecheck parse FILE``: print the clause tree as an indented outline or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..config import load_config
from ..loaders import load
from ..model import Clause, Document
from ..serialize import document_to_dict

_FIRST_WORDS = 12


@click.command("parse")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="An indented outline for reading, or JSON for scripts (docs/parse-json.md).")
@click.option("--password", default=None, help="Password of an encrypted PDF.")
def parse(file: Path, fmt: str, password: str | None) -> None:
    """Show how clausecheck reads FILE: its clauses, numbers, pages and defined terms."""
    document = load(file, password=password, limits=load_config().limits)
    if fmt == "json":
        click.echo(json.dumps(document_to_dict(document), ensure_ascii=False, indent=2))
    else:
        click.echo(outline(document))


def pages_label(clause: Clause) -> str:
    """ "p. 3" or "pp. 3-4"."""
    if clause.last_page != clause.page:
        return f"pp. {clause.page}-{clause.last_page}"
    return f"p. {clause.page}"


def first_words(text: str, count: int = _FIRST_WORDS) -> str:
    """The first ``count`` words of ``text`` on one line, with "…" when cut."""
    words = text.split()
    head = " ".join(words[:count])
    return head + " …" if len(words) > count else head


def clause_line(clause: Clause) -> str:
    """One outline line: indent, citation (or kind), heading, first words, pages, change."""
    parts = ["  " * (clause.level + 1) + (clause.number or f"[{clause.kind}]")]
    if clause.heading:
        parts.append(clause.heading)
    if clause.text:
        parts.append(f"“{first_words(clause.text)}”")
    parts.append(f"({pages_label(clause)})")
    if clause.change:
        parts.append(f"[{clause.change}]")
    return "  ".join(parts)


def outline(document: Document) -> str:
    """The whole document as readable text."""
    pages = "1 page" if document.pages == 1 else f"{document.pages} pages"
    lines = [
        f"{document.path}: {document.format}, {pages}, {len(document.clauses)} clauses, "
        f"sha256 {document.sha256[:12]}"
    ]
    lines.extend(clause_line(c) for c in document.clauses)
    if document.definitions:
        lines.append(f"Defined terms ({len(document.definitions)}):")
        for term, definition in document.definitions.items():
            where = document.clauses[definition.clause].number if definition.clause is not None else None
            place = f" ({where})" if where else ""
            lines.append(f"  “{term}”{place}: {first_words(definition.text, 20)}")
    if document.gaps:
        lines.append("Not read (so not checked):")
        lines.extend(
            f"  {g.kind}" + (f" on p. {g.page}" if g.page else "") + f": {g.detail}" for g in document.gaps
        )
    if document.warnings:
        lines.append("Warnings:")
        lines.extend(f"  {w}" for w in document.warnings)
    return "\n".join(lines)

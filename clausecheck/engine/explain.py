"""Explain one rule on one document: per clause, what matched, what was considered, and the verdict."""

from __future__ import annotations

from ..limits import DEFAULT_LIMITS, Limits
from ..model import Document
from .context import Context
from .expr import Branch, Leaf, Result
from .run import Attempt, Engine, applicability
from .schema import Rule

EXCERPT = 60


def explain(document: Document, rule: Rule, context: Context | None = None,
            limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Lines that show how ``rule`` was judged on every clause where any part of it matched."""
    attempts: list[Attempt] = []
    engine = Engine([rule], limits=limits, prefilter=False)
    findings, assumptions = engine.run(document, context, trace=attempts.append)
    lines = [f"Rule {rule.id} ({rule.kind}, {rule.severity}, scope {rule.scope}, polarity {rule.polarity})"
             f" from {rule.mark}", f"  {rule.title}"]
    lines += _applicability(rule, assumptions)
    quiet = 0
    for attempt in attempts:
        if not _anything(attempt.result) and attempt.requires is None:
            quiet += 1
            continue
        lines.append("")
        lines.append(_heading(document, attempt))
        if attempt.clause is not None:
            lines.append(f"  text: \u201c{_excerpt(_text(document, attempt), 200)}\u201d")
        text = _text(document, attempt)
        lines += _tree(attempt.result, text, document, "  ")
        if attempt.requires is not None:
            lines.append("  requires (any polarity):")
            lines += _tree(attempt.requires, _requires_text(document, attempt), document, "    ")
        if attempt.note:
            lines.append(f"  note: {attempt.note}")
    if quiet:
        lines.append("")
        lines.append(f"{quiet} other clause(s): no part of the expression matched.")
    skipped = sum(1 for c in document.clauses if c.change == "deleted")
    if skipped:
        lines.append(f"{skipped} clause(s) deleted by tracked changes were not read.")
    lines.append("")
    fired = [f for f in findings if f.rule == rule.id]
    if fired:
        where = ", ".join(_clause_name(document, f.clause) for f in fired)
        lines.append(f"Verdict: fired {len(fired)} time(s): {where}.")
        for finding in fired:
            lines += [f"  note: {note}" for note in finding.notes]
    else:
        lines.append("Verdict: did not fire.")
    return lines


def _applicability(rule: Rule, assumptions) -> list[str]:
    if not rule.applies:
        return ["  applies: always (no conditions)"]
    facts = {a.name: a for a in assumptions}
    context = Context.given({a.name: a.value for a in assumptions}, "user")
    lines = []
    for name, allowed in rule.applies.items():
        fact = facts[name]
        value = fact.value or "unknown"
        lines.append(f"  applies when {name} is {' or '.join(allowed)}; {name} is {value} ({fact.detail})")
    if applicability(rule, context) is None:
        lines.append("  -> a known fact rules this rule out: it was not run.")
    return lines


def _heading(document: Document, attempt: Attempt) -> str:
    verdict = "FIRED" if attempt.fired else "not fired"
    if attempt.note.startswith("trigger"):
        verdict = "trigger found" if attempt.result.matched else "no trigger"
    if attempt.clause is None:
        return f"Whole document: {verdict}"
    clause = document.clauses[attempt.clause]
    change = f", tracked {clause.change}" if clause.change else ""
    return f"{_clause_name(document, attempt.clause)} (page {clause.page}{change}): {verdict}"


def _clause_name(document: Document, index: int | None) -> str:
    if index is None:
        return "the document"
    number = document.clauses[index].number
    return f"Clause {number}" if number else f"Paragraph {index + 1}"


def _text(document: Document, attempt: Attempt) -> str:
    if attempt.text is not None:  # a list item read with its lead-in
        return attempt.text
    if attempt.clause is not None:
        return document.clauses[attempt.clause].text
    return "\n\n".join(c.text for c in document.clauses if c.change != "deleted" and c.text.strip())


def _requires_text(document: Document, attempt: Attempt) -> str:
    if attempt.rule.scope == "clause" and attempt.clause is not None:
        return _text(document, attempt)
    return _text(document, Attempt(attempt.rule, None, attempt.result, attempt.fired))


def _anything(result: Result) -> bool:
    if isinstance(result.node, Leaf):
        return bool(result.spans or result.verdicts)
    return any(_anything(child) for child in result.children)


def _tree(result: Result, text: str, document: Document, indent: str) -> list[str]:
    node = result.node
    state = "matched" if result.matched else "no match"
    if isinstance(node, Branch):
        extra = ""
        if node.kind == "near":
            extra = f" (within {node.within} words{', same sentence' if node.sentence else ''})"
        lines = [f"{indent}{node.kind}{extra}: {state}"]
        for child in result.children:
            lines += _tree(child, text, document, indent + "  ")
        return lines
    flags = "".join(f" [{f}]" for f, on in (("anchor", node.anchor), ("defined", node.defined)) if on)
    head = f"{indent}{node.kind} {_excerpt(node.source, EXCERPT)}{flags}: {state}"
    lines = [head]
    if node.anchor and result.verdicts:
        for verdict in result.verdicts:
            word = _excerpt(text[verdict.span[0]:verdict.span[1]], EXCERPT)
            lines.append(f"{indent}  \u201c{word}\u201d -> {'counted' if verdict.kept else 'not counted'}: "
                         f"{verdict.reason}")
    elif result.spans:
        words = ", ".join(f"\u201c{_excerpt(text[a:b], EXCERPT)}\u201d" for a, b in result.spans[:6])
        more = f" and {len(result.spans) - 6} more" if len(result.spans) > 6 else ""
        lines.append(f"{indent}  found {words}{more}")
    for term in result.defined:
        definition = document.definitions[term]
        lines.append(f"{indent}  via defined term \u201c{term}\u201d: {_excerpt(definition.text, 120)}")
    return lines


def _excerpt(piece: str, limit: int) -> str:
    piece = " ".join(piece.split())
    return piece if len(piece) <= limit else piece[:limit] + "\u2026"

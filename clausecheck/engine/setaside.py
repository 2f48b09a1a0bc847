"""Protections that a later clause sets aside: "Section 4.1 does not apply to material edited after it was
generated", "Notwithstanding Section 4.4, consent is treated as given after ten days' silence", "No failure
to comply with Section 6.1 shall be a breach of this Agreement".

Such a clause empties, in whole or in part, a protection another clause gives. It rarely repeats the
protection's words, so no rule reads it; but when the clause it names holds a protection finding (and no
conflict), the clause that sets it aside is a conflict on the same concern. :func:`set_asides` adds those
findings after the rules have run, from the protection findings alone: it adds findings, never removes one,
and its quote and spans are an exact slice of the setting-aside clause (the words that set the protection
aside). It is skipped for a protection the setting-aside clause itself gives ("Notwithstanding Section 5,
Company shall pay a reuse fee") and for a concern the clause already has a conflict on. "Notwithstanding
Section N, Company may ..." makes a statement of its own: when the rules find a conflict in it, that is
what it does, and the protection it overrides adds nothing (on the tuning sets, such overrides were labelled
for their own statement: "Notwithstanding 4.2 (no synthetic voice), guide tracks may improve speech models"
is ai-training, not digital-replica). A clause named that holds a conflict as well as a protection is not
followed (setting it aside may free the worker), nor are a section's sub-clauses unless it is a lead-in.

Cost: one RE2 pass over the document's text for a looser pattern; the exact regex runs only on the
clauses it hits (a few per document at most).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import re2
import regex

from ..model import Document, Finding, Span
from .leadin import is_leadin
from .quote import make_quote
from .references import LISTED, MORE, expand_ranges, key, listed, number_keys, subtree

KIND = r"(?:sections?|clauses?|paragraphs?|articles?|\u00a7\u00a7?)"
# "Section 4.1", "Sections 3.05 and 3.06", "Sections 2.03 through 2.05", "Paragraphs 4(a), 4(b) or 4(c)"
CITE = rf"(?P<cite>{KIND}\s+(?P<number>{LISTED}){MORE})"
SET_ASIDE = regex.compile(
    rf"""(?P<override>\bnotwithstanding)\s+(?:anything\s+(?:to\s+the\s+contrary\s+)?in\s+|the\s+(?:provisions?|terms?)\s+of\s+)?
          {CITE}
      | {CITE}\s+(?:(?:does|do|shall|will)\s+not|(?:is|are)\s+not|(?:shall|will)\s+cease\s+to)\s+
          (?:apply|extend|reach|cover|be\s+applicable)\b
      | \bno\s+(?:[\w'\u2019-]+\s+){{0,6}}?(?:failure|omission)\b[^.;]{{0,160}}?{CITE}[^.;]{{0,80}}?
          \b(?:shall|will|is)\s+(?:be|constitute)\s+(?:a\s+|any\s+)?breach
      | \b(?:failure|omission)\b[^.;]{{0,160}}?{CITE}[^.;]{{0,80}}?
          \b(?:shall|will)\s+not\s+(?:be|constitute)\s+(?:a\s+)?breach""",
    regex.IGNORECASE | regex.VERBOSE,
)
# wherever SET_ASIDE matches, this matches too (a superset: any of the structures' fixed words)
SCREEN = re2.compile(r"(?i)notwithstanding|not\W+(?:apply|extend|reach|cover|be\W+applicable)"
                     r"|cease\W+to\W+apply|failure|omission")


@dataclass(frozen=True)
class SetAside:
    """Clause ``clause`` sets aside the clauses ``targets`` by the words ``clause.text[start:end]``;
    ``override``: by "Notwithstanding Section N, <a statement of its own>"."""

    clause: int
    start: int
    end: int
    targets: tuple[int, ...]
    override: bool


def find_set_asides(document: Document, current: list[int]) -> list[SetAside]:
    """Every current clause's setting-aside of other clauses, in document order."""
    starts = [c.start for c in document.clauses]
    hit = {bisect.bisect_right(starts, m.start()) - 1 for m in SCREEN.finditer(document.text)}
    wanted = set(current)
    keys: dict[str, int] | None = None
    found = []
    for index in sorted(i for i in hit if i in wanted):
        text = document.clauses[index].text
        for match in SET_ASIDE.finditer(text):
            keys = keys if keys is not None else number_keys(document)
            targets = tuple(t for t in _cited(document, match, keys) if t != index)
            if targets:
                override = bool(match.group("override"))
                found.append(SetAside(index, match.start(), match.end(), targets, override))
    return found


def set_asides(document: Document, current: list[int], findings: list[Finding]) -> list[Finding]:
    """The conflicts that clauses setting aside a protection add to ``findings`` (see the module)."""
    marks = find_set_asides(document, current)
    if not marks:
        return []
    by_clause: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.clause is not None:
            by_clause.setdefault(finding.clause, []).append(finding)
    added: list[Finding] = []
    for mark in marks:
        own = by_clause.get(mark.clause, [])
        if mark.override and any(f.kind == "conflict" for f in own):
            continue  # the rules already read what its own statement does: that is the finding to report
        taken = {f.concern for f in own + [f for f in added if f.clause == mark.clause]}
        for target in mark.targets:
            there = by_clause.get(target, [])
            if any(f.kind == "conflict" for f in there):
                continue  # it restricts as well as protects: setting it aside may free the worker
            for protection in (f for f in there if f.kind == "protection" and f.concern not in taken):
                taken.add(protection.concern)
                added.append(_conflict(document, mark, target, protection))
    return added


def _cited(document: Document, match: regex.Match[str], keys: dict[str, int]) -> list[int]:
    """The clauses that a citation such as "Sections 2.03 through 2.05" names (a lead-in with its items)."""
    numbers = listed(match.group("number"), match.group("more"))
    cited = expand_ranges(document, [("section", number) for number in numbers], keys)
    targets: list[int] = []
    for _, number in cited:
        index = keys.get(key(number))
        if index is not None:
            targets += subtree(document, index) if is_leadin(document.clauses[index]) else [index]
    return list(dict.fromkeys(targets))


def _conflict(document: Document, mark: SetAside, target: int, protection: Finding) -> Finding:
    clause = document.clauses[mark.clause]
    named = _name(document, target)
    spans = [(mark.start, mark.end)]
    return Finding(
        rule=protection.rule, pack=protection.pack, title=f"Sets aside a protection: {protection.title}",
        concern=protection.concern, group=protection.group, kind="conflict", severity=protection.severity,
        clause=mark.clause, quote=make_quote(clause.text, spans), spans=[Span(a, b) for a, b in spans],
        explanation=(f"This clause takes away, in whole or in part, the protection that {named} gives you "
                     f"({protection.title[0].lower() + protection.title[1:]}). That protection then holds "
                     "only as far as this clause leaves it."),
        ask=f"Ask that {named} apply without this exception, or that the exception be narrowed and stated "
            "precisely.",
        sources=list(protection.sources),
        notes=[f"sets aside {named}: \u201c{' '.join(protection.quote.split())}\u201d"],
    )


def _name(document: Document, index: int) -> str:
    number = document.clauses[index].number
    return f"clause {number}" if number else f"paragraph {index + 1}"

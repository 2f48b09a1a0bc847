"""The reader's findings: clauses it flags for a concern where no rule found that concern.

The rules quote the words that conflict and cite the provision they rest on. The reader (:mod:`.model`)
only says that a clause reads like the clauses a union lawyer marked for a concern in the labelled
sample contracts it learnt from. So its findings are marked as the reader's, quote the whole clause,
cite no provision, and say how sure it is. Where it is all but sure a rule's conflict is a false alarm,
that finding is set aside: kept in the report, shown apart, and not counted in the verdict.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

import numpy as np

from ..engine.catalog import builtin_catalog
from ..engine.definitional import drop_definitions
from ..model import Assumption, Document, Finding, PackInfo
from .model import MODEL_FILE, Reader

PACK = "reader"
SKIPPED_KINDS = ("heading", "signature")  # never a term of the deal
# A rule's conflict on a clause the reader scores below this for its concern is set aside. On the
# fifth session's blind set, which neither the rules nor the reader had learnt from, the rules'
# conflicts scored this low were 16 false alarms and no true finding (below 0.1: 22 and none); on
# sets the rules were tuned on, 7 false and 13 true ones (the rules' hardest-won matches).
SET_ASIDE_BELOW = 0.05


def between_businesses(assumptions: Sequence[Assumption]) -> bool:
    """Is every party a business (read from the contract, or set in the configuration)? The reader
    learnt from agreements with individual workers, and is not used on contracts between businesses."""
    return any(a.name == "parties" and a.value == "business" for a in assumptions)


def read_clauses(document: Document, findings: list[Finding], reader: Reader, concerns: Collection[str],
                 packs: Collection[str]) -> tuple[list[Finding], list[Finding]]:
    """The findings with the reader's judgement: ``(findings, set_aside)``.

    ``findings`` gains the reader's conflicts on the current numbered clauses, for those of ``concerns``
    no rule already found on the same clause, as a conflict or as a protection. A conflict of one of the
    built-in ``packs`` on such a clause that the reader scores below :data:`SET_ASIDE_BELOW` for its
    concern moves to ``set_aside``. Clauses that share a number (a clause split by a table or a page)
    are read together, as the reader was trained; unnumbered text (a title, a preamble, a recital),
    which it never learnt from, is left to the rules."""
    groups: dict[str, list[int]] = {}
    for index, clause in enumerate(document.clauses):
        if clause.number is None or clause.change == "deleted" or clause.kind in SKIPPED_KINDS \
                or not clause.text.strip():
            continue
        groups.setdefault(clause.number, []).append(index)
    if not groups:
        return findings, []
    members = list(groups.values())
    scores = reader.scores(["\n".join(document.clauses[i].text for i in group) for group in members])
    column = {concern: j for j, concern in enumerate(reader.concerns)}
    row_of = {index: row for row, group in enumerate(members) for index in group}
    kept, set_aside = [], []
    for finding in findings:
        row = row_of.get(finding.clause) if finding.clause is not None else None
        doubted = row is not None and finding.kind == "conflict" and finding.pack in packs \
            and finding.concern in concerns and finding.concern in column
        if doubted and (score := float(scores[row, column[finding.concern]])) < SET_ASIDE_BELOW:
            set_aside.append(_set_aside(finding, score))
        else:
            kept.append(finding)
    return kept + _added(document, findings, reader, members, scores, concerns), set_aside


def _added(document: Document, findings: list[Finding], reader: Reader, members: list[list[int]],
           scores: np.ndarray, concerns: Collection[str]) -> list[Finding]:
    """The reader's own conflicts: each clause group (``members``, with their ``scores``) at or above a
    concern's threshold where no rule's finding raised or protected that concern."""
    raised = {(f.clause, f.concern) for f in findings if f.kind in ("conflict", "protection")}
    catalog = builtin_catalog()
    found = []
    for number, column in zip(*np.nonzero(scores >= reader.thresholds), strict=True):  # clause by clause
        group, concern = members[number], reader.concerns[column]
        if concern not in concerns or concern not in catalog.concerns \
                or any((index, concern) in raised for index in group):
            continue
        scored = (float(scores[number, column]), float(reader.thresholds[column]))
        found.append(_finding(document, group[0], concern, scored, catalog.concerns[concern],
                              catalog.questions[concern]))
    return drop_definitions(document, found)


def reader_info(reader: Reader) -> PackInfo:
    """The reader, listed with the rule packs a report says were run."""
    title = (f"Clause reader: a statistical model trained on {reader.meta['clauses']:,} labelled clauses of "
             "sample contracts; its findings cite no provision")
    return PackInfo(PACK, title, reader.meta["data"][:8], len(reader.concerns),
                    f"clausecheck/reader/{MODEL_FILE}")


def _finding(document: Document, index: int, concern: str, scored: tuple[float, float], group: str,
             question: str) -> Finding:
    clause = document.clauses[index]
    score, threshold = scored
    return Finding(
        rule=f"{PACK}:{concern}",
        pack=PACK,
        title=f"The clause reader flags this clause for {concern} (no rule matched its wording)",
        concern=concern,
        group=group,
        kind="conflict",
        severity="medium",
        clause=index,
        quote=clause.text,
        spans=[],
        explanation=(
            f"clausecheck's reader, a statistical model trained on labelled sample contracts, rates this "
            f"clause {score:.0%} likely to be one a union lawyer would mark on this question: {question} "
            "No rule matched its wording, so no provision is cited here and the reader cannot say which "
            "words matter. Read the whole clause, and check it against the provisions that the rules on "
            "this concern cite."),
        ask=("Ask the other side what this clause lets them do on this question, and ask for it in "
             f"writing: {question}"),
        sources=[],
        notes=[f"reader score {score:.2f}; it flags this concern from {threshold:.2f}"],
    )


def _set_aside(finding: Finding, score: float) -> Finding:
    """``finding`` with a note saying why it was set aside."""
    note = (f"Set aside: the clause reader rates this clause {score:.0%} likely to be one a union lawyer "
            f"would mark for {finding.concern}, and rule matches it rated this low were almost always false "
            "alarms on contracts the rules had not been written from. Read the clause: if it does "
            "what the rule says, raise it.")
    return replace(finding, notes=[*finding.notes, note])

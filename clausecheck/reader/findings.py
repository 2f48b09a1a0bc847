"""The reader's findings: clauses it flags for a concern where no rule found that concern.

The rules quote the words that conflict and cite the provision they rest on. The reader (:mod:`.model`)
only says that a clause reads like the clauses a union lawyer marked for a concern in the labelled
sample contracts it learnt from. So its findings are marked as the reader's, quote the whole clause,
cite no provision, and say how sure it is; they never replace or remove a rule's finding.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..engine.catalog import builtin_catalog
from ..engine.definitional import drop_definitions
from ..model import Assumption, Document, Finding, PackInfo
from .model import MODEL_FILE, Reader

PACK = "reader"
SKIPPED_KINDS = ("heading", "signature")  # never a term of the deal


def between_businesses(assumptions: Sequence[Assumption]) -> bool:
    """Is every party a business (read from the contract, or set in the configuration)? The reader
    learnt from agreements with individual workers, and is not used on contracts between businesses."""
    return any(a.name == "parties" and a.value == "business" for a in assumptions)


def reader_findings(document: Document, findings: list[Finding], reader: Reader,
                    concerns: Collection[str]) -> list[Finding]:
    """The reader's conflicts on ``document``'s current numbered clauses, for those of ``concerns`` no
    finding in ``findings`` (the rules') already raises on the same clause. Clauses that share a number (a
    clause split by a table or a page) are read together, as the reader was trained; unnumbered text
    (a title, a preamble, a recital), which it never learnt from, is left to the rules."""
    groups: dict[str, list[int]] = {}
    for index, clause in enumerate(document.clauses):
        if clause.number is None or clause.change == "deleted" or clause.kind in SKIPPED_KINDS \
                or not clause.text.strip():
            continue
        groups.setdefault(clause.number, []).append(index)
    if not groups:
        return []
    members = list(groups.values())
    scores = reader.scores(["\n".join(document.clauses[i].text for i in group) for group in members])
    raised = {(f.clause, f.concern) for f in findings if f.kind == "conflict"}
    catalog = builtin_catalog()
    wanted = {c for c in concerns if c in catalog.concerns}
    found = []
    for group, row in zip(members, scores, strict=True):
        for column, concern in enumerate(reader.concerns):
            score = float(row[column])
            if score < reader.thresholds[column] or concern not in wanted:
                continue
            if any((index, concern) in raised for index in group):
                continue
            found.append(_finding(document, group[0], concern, (score, float(reader.thresholds[column])),
                                  catalog.concerns[concern], catalog.questions[concern]))
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

"""Where a document-wide ``missing`` speech finding sits: on the main clause of the duty it is about.

A missing carve-out is labelled once per document, on the main confidentiality clause ("Performer shall keep
confidential all Confidential Information, which includes ..."), not on the first clause that happens to
restrict speech ("Performer shall not confirm publicly that Performer is the voice of the Character").
:func:`main_trigger` picks, among the clauses that triggered the rule, the first whose own words state a
duty of confidence (keep / hold / treat ... confidential, "in confidence", "Confidential Information"),
else the first trigger. The engine asks it for speech rules only (a missing carve-out, a missing notice).
"""

from __future__ import annotations

import regex

from ..model import Document

CONFIDENCE = regex.compile(
    r"\b(?:keep|kept|hold|held|treat|treated|maintain|maintained|remain|remains)\b[^.;]{0,80}?"
    r"\b(?:confidential|secret)\b|\bin\s+(?:strict\s+)?confidence\b|\bConfidential\s+Information\b",
    regex.IGNORECASE,
)


def main_trigger(document: Document, triggers: list[tuple[int, object]]) -> int:
    """The position in ``triggers`` (``(clause index, result)`` pairs, in document order) of the trigger to
    report on."""
    for position, (index, _) in enumerate(triggers):
        if CONFIDENCE.search(document.clauses[index].text):
            return position
    return 0

"""Definitions are not findings: a clause that only says what a term means ('"Voice Model" means the synthetic
voice that Company builds from the Source Recordings') grants and requires nothing; the clauses that use the
term do. :func:`drop_definitions` removes the conflicts found on such a clause.

A clause counts as a definition when it opens with a quoted term and "means", "includes", "refers to" ...
(:data:`.leadin.DEFINES`) and nothing in it operates on its own: no party that agrees, acknowledges, grants,
waives, consents, or shall / may / will do something ('"Assigned Material" means the material furnished to
Writer, and Writer acknowledges that all Assigned Material is source material' stays a finding). Kept
as they are: protections (a carve-out can work by narrowing a definition: '"Confidential Information" does
not include what you tell a government agency'), ``missing`` findings (they report the whole document), and
confidentiality and speech findings (what "Confidential Information" includes is the reach of the duty that
uses it: the ContractNLI experts mark '"Confidential Information" includes the terms of this Agreement' as
the evidence that the agreement itself is kept secret).
"""

from __future__ import annotations

import regex

from ..model import Document, Finding
from .leadin import DEFINES

# a party doing something: "Writer acknowledges", "Company shall", "the Parties agree", "you hereby grant"
OPERATIVE = regex.compile(
    r"\b(?:(?-i:[A-Z][\w'\u2019-]*)|we|you|they)\s+(?:hereby\s+|irrevocably\s+|expressly\s+){0,2}"
    r"(?:shall|may|will|must|agrees?|acknowledges?|grants?|waives?|consents?|assigns?|authori[sz]es?"
    r"|represents?|warrants?|undertakes?|confirms?|accepts?)\b"
    r"|\bhereby\b",
    regex.IGNORECASE,
)


def drop_definitions(document: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` less the conflicts (other than speech) that sit on a clause that only defines a term."""
    verdicts: dict[int, bool] = {}
    kept = []
    for finding in findings:
        if finding.kind == "conflict" and finding.group != "speech" and finding.clause is not None:
            if finding.clause not in verdicts:
                verdicts[finding.clause] = defines_only(document.clauses[finding.clause].text)
            if verdicts[finding.clause]:
                continue
        kept.append(finding)
    return kept


def defines_only(text: str) -> bool:
    """Does ``text`` open with a definition and hold nothing that operates on its own?"""
    return DEFINES.match(text) is not None and OPERATIVE.search(text) is None

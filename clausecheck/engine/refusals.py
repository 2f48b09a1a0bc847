"""Duties the hiring party is freed from: "Company is not required to suspend use of the Voice Model during a
strike", "Studio shall not be required to pay any reuse fee for the Digital Replica", "Publisher is under no
obligation to delete the Voice Profile", "Nothing here obliges Producer to ...".

"Not required to" is a pseudo-negation for the negation reader (:mod:`.negation` masks it): "Writer shall not
be required to use AI" must not read as a negated use of AI. But when the one who is not required is the
hiring party, the words after the cue are a protection the contract refuses, and a protection rule that
matches them has found the opposite of a protection. :func:`refused` corrects the findings after the rules
have run, clause by clause:

- a protection whose matched words begin after (or run on from) a hiring-party refusal in the same sentence,
  at most :data:`MAX_GAP_WORDS` words on, becomes a conflict on the same concern (the refused protection),
  quoted with the refusal and the protection's words (exact slices of the clause);
- a protection whose only words at the refusal are the refusal cue itself ("not required") read the hiring
  party's freedom as the worker's (a rule written for "Writer is not required to use AI") and is dropped.

The hiring party is a subject named by a company word (Company, Studio, Producer, Licensee, we ...) or a
name the document defines for a business ('Brightleaf Learning, Inc. ("Brightleaf")'); the worker's own
refusals ("Performer is not required to render services during a strike") are left as they are.
"""

from __future__ import annotations

import regex

from ..model import Document, Finding, Span
from .conditions import COMPANY
from .parties import ENTITY
from .quote import make_quote
from .sentences import Sentences, words_between

MAX_GAP_WORDS = 20
PREAMBLE = 20000  # characters searched for a business's defined name
SUBJECT = r"(?P<subject>(?:the\s+)?(?-i:[A-Z][\w'\u2019-]*)(?:\s+(?-i:[A-Z][\w'\u2019-]*)){0,2}|we|they|it)"
REFUSAL = regex.compile(
    rf"""\b{SUBJECT}\s+(?:
          (?:is|are|shall|will|should|would)\s+(?:not|never|in\s+no\s+event)\s+(?:be\s+)?
            (?:required|obliged|obligated|bound)\s+to
        | (?:is|are|shall\s+be|will\s+be)\s+under\s+no\s+(?:obligation|duty)\s+to
        | (?:has|have|shall\s+have|will\s+have|bears?)\s+no\s+(?:obligation|duty)\s+to
        | need\s+not
        | (?:does|do)\s+not\s+need\s+to)\b
      | \bnothing\b[^.;]{{0,80}}?\b(?:requires?|obliges?|obligates?|compels?)\s+{SUBJECT}\s+to\b""",
    regex.VERBOSE | regex.IGNORECASE,
)
# wherever REFUSAL matches, this matches too (its fixed words), and it runs first
CUE = regex.compile(r"\b(?:(?:not|never|no\s+event)\s+(?:be\s+)?(?:required|obliged|obligated|bound)"
                    r"|no\s+(?:obligation|duty)|need\s+not|not\s+need|nothing)\b", regex.IGNORECASE)
HIRING = regex.compile(rf"(?:the\s+)?(?:{COMPANY}|service|licensor|lender|agency|we|they|it)",
                       regex.IGNORECASE)
TERMINATOR = regex.compile(r";|\bbut\b|\bhowever\b|\bexcept\b|\bunless\b|\bprovided\b", regex.IGNORECASE)
ASK = ("Ask that the company commit to this instead of being excused from it: strike the words that free it, "
       "or say when and how it must do it.")


def refused(document: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` with the protections a hiring-party refusal governs turned into conflicts or dropped."""
    out: list[Finding] = []
    refusals: dict[int, list[regex.Match[str]]] = {}
    conflicts = {(f.clause, f.concern) for f in findings if f.kind == "conflict"}
    for finding in findings:
        if finding.kind != "protection" or finding.clause is None:
            out.append(finding)
            continue
        if finding.clause not in refusals:
            refusals[finding.clause] = _refusals(document, document.clauses[finding.clause].text)
        verdict = _verdict(document.clauses[finding.clause].text, finding, refusals[finding.clause])
        if verdict is None:
            out.append(finding)
        elif verdict is not False and (finding.clause, finding.concern) not in conflicts:
            conflicts.add((finding.clause, finding.concern))
            out.append(_conflict(document, finding, verdict))
    return out


def _refusals(document: Document, text: str) -> list[regex.Match[str]]:
    """The hiring party's refusals in a clause's text."""
    if not CUE.search(text):
        return []
    return [m for m in REFUSAL.finditer(text) if _hiring(document, m.group("subject"))]


def _hiring(document: Document, subject: str) -> bool:
    """Is ``subject`` the hiring party: a company word, or a name defined for a business?"""
    if HIRING.fullmatch(subject):
        return True
    name = subject.removeprefix("the ").strip()
    label = r"\((?:the\s+)?[\"\u201c]" + regex.escape(name) + r"[\"\u201d]"
    defined = regex.search(r"(?P<before>[^()]{0,100})" + label, document.text[:PREAMBLE])
    return bool(defined and ENTITY.search(defined.group("before")))


def _verdict(text: str, finding: Finding, refusals: list[regex.Match[str]]) -> regex.Match[str] | bool | None:
    """The refusal that governs the protection (turn it into a conflict), False (drop it: the rule read only
    the refusal), or None (leave it)."""
    if not refusals:
        return None
    sentences = Sentences(text)
    for refusal in refusals:
        bounds = sentences.around(refusal.start())
        spans = [s for s in finding.spans if bounds[0] <= s.start < bounds[1]]
        if any(refusal.start("subject") <= s.start and s.end <= refusal.end() for s in spans):
            return False
        for span in spans:
            if span.end > refusal.end() and span.start >= refusal.start() and \
                    words_between(text, refusal.end(), span.start) <= MAX_GAP_WORDS and \
                    not TERMINATOR.search(text, refusal.end(), max(refusal.end(), span.start)):
                return refusal
    return None


def _conflict(document: Document, protection: Finding, refusal: regex.Match[str]) -> Finding:
    clause = document.clauses[protection.clause]
    spans = sorted({(refusal.start(), refusal.end())} | {(s.start, s.end) for s in protection.spans})
    title = protection.title[0].lower() + protection.title[1:]
    return Finding(
        rule=protection.rule, pack=protection.pack, title=f"Refuses a protection: {protection.title}",
        concern=protection.concern, group=protection.group, kind="conflict", severity=protection.severity,
        clause=protection.clause, quote=make_quote(clause.text, spans), spans=[Span(a, b) for a, b in spans],
        explanation=(f"This clause says the company does not have to do what would protect you here "
                     f"({title}): it keeps the choice for itself."),
        ask=ASK, sources=list(protection.sources),
        notes=[f"refused by \u201c{' '.join(refusal.group().split())}\u201d", *protection.notes],
    )

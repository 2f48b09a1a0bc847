"""Built-in exception kinds: a grant conditioned on the worker's consent or on extra payment.

An exception is a connective ("except", "unless", "provided that", "subject to", "only with",
"conditioned on", ...) followed within :data:`WINDOW` words by a consent or payment phrase, in the
anchor's sentence. "with/without (the Writer's) prior written consent" counts too. Phrases that widen a
grant ("without further consent", "no additional compensation", "Writer hereby consents") never count,
nor does the hiring party's own approval ("approved by Company's standards team"), nor a payment carve-out
put before the sentence's main clause ("Except for residuals the MBA requires, the fee is full
consideration for all uses"): it names payments the main clause leaves aside, it does not make the uses
the main clause covers paid (unless it pays per use: "Except for a reuse fee for each new production, ...").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

WINDOW = 12
REACH = 400  # characters before a phrase searched for its connective (WINDOW words fit easily)
FLAGS = regex.IGNORECASE | regex.VERBOSE

CONNECTIVE = regex.compile(
    r"""\b(?:except|excepting|unless|provided|subject\s+to|save\s+with
      | only\s+(?:with|upon|after|if|on|following|where|when)
      | (?:conditioned|conditional|contingent|dependent)\s+(?:up)?on
      | upon\s+(?:receipt\s+of|obtaining) | after\s+obtaining | until)\b""",
    FLAGS,
)
QUALIFIED = regex.compile(
    r"""\b(?:with|after|upon|following)\s+(?:[\w'\u2019]+\s+){0,4}?
        (?:prior|express|expressed|written|separate|specific|informed|advance)\s+(?:[\w-]+\s+){0,2}?
        (?P<noun>consent|approval|authori[sz]ation|permission)\b""",
    FLAGS,
)
WIDENING = r"(?:without|no|not|hereby|irrevocably|need\s+not)\s+(?:[\w'\u2019]+\s+){0,3}?"
PHRASES = {
    "consent": regex.compile(
        r"\b(?:consent(?:s|ed|ing)?|approv(?:al|als|e|es|ed)|authori[sz]ation|permission)\b",
        regex.IGNORECASE,
    ),
    "payment": regex.compile(
        r"""\b(?:(?:additional|separate|further|new|reuse|re-use|session|applicable|agreed|negotiated|
                 reasonable|fair|specific|appropriate)\s+(?:[\w-]+\s+)?
                 (?:compensation|payments?|fees?|remuneration|consideration)
              | royalt(?:y|ies) | residuals? | pays? | paid | paying)\b""",
        FLAGS,
    ),
}
WIDENED = regex.compile(WIDENING + r"$", regex.IGNORECASE)
# the hiring party's own sign-off is not the worker's consent: "approved by Company's standards team",
# "with Producer's prior written approval", "subject to Brand approval"
COMPANY = (r"(?:company|producer|studio|brand|client|platform|network|publisher|employer|licensee|distributor"
           r"|broadcaster|purchaser|buyer|sponsor)s?")
COMPANY_BEFORE = regex.compile(
    r"\b(?:" + COMPANY + r"(?:['\u2019]s?)?|our)\s+(?:(?:prior|written|express|expressed|separate|specific"
    r"|advance|final|sole|own|internal|editorial|creative|legal|standards|reasonable|and|or),?\s+){0,3}$",
    regex.IGNORECASE,
)
COMPANY_AFTER = regex.compile(
    r"\s+(?:(?:only|solely|exclusively|first|in\s+advance)\s+)?(?:by|from)\s+"
    r"(?:(?:the|an?|any|its|our)\s+)?(?:[\w-]+\s+)?" + COMPANY + r"\b",
    regex.IGNORECASE,
)
# "Except for X, ...": a fronted carve-out of things, not a condition
CARVE_OUT = regex.compile(r"except(?:ing)?\s+for\b", regex.IGNORECASE)
PER_USE = regex.compile(r"\b(?:each|every|per)\b", regex.IGNORECASE)
LEADING = regex.compile(r"[\W\d]*(?:[A-Z][\w'\u2019-]*(?:\s+[\w'\u2019-]+){0,5}\.\s+)?$")
NEW_CLAUSE = regex.compile(r",\s*(?:[\w'\u2019]+\s+){0,3}?(?:shall|may|will|must)\b", regex.IGNORECASE)


@dataclass(frozen=True)
class Exception_:
    """An exception found in a sentence: its kind and the words that make it."""

    kind: str
    text: str


def find_builtin(kind: str, text: str, sentence: tuple[int, int]) -> Exception_ | None:
    """The first ``kind`` exception ("consent" or "payment") in ``text[sentence]``, or None."""
    return _find(kind, text[sentence[0]:sentence[1]])


@functools.lru_cache(maxsize=256)
def _find(kind: str, chunk: str) -> Exception_ | None:
    """Cached: every anchor match in a sentence asks about the same sentence."""
    if kind == "consent":
        for qualified in QUALIFIED.finditer(chunk):
            if not _company_own(chunk, qualified.start("noun"), qualified.end()):
                return Exception_(kind, qualified.group())
    for phrase in PHRASES[kind].finditer(chunk):
        lead = chunk[max(0, phrase.start() - 60): phrase.start()]
        if WIDENED.search(lead) or (kind == "consent" and _company_own(chunk, phrase.start(), phrase.end())):
            continue
        for connective in CONNECTIVE.finditer(chunk, max(0, phrase.start() - REACH), phrase.start()):
            between = chunk[connective.end(): phrase.start()]
            if len(between.split()) > WINDOW or ";" in between:
                continue
            if kind == "payment" and _carve_out(chunk, connective):
                continue
            if connective.group().lower() == "provided" or not NEW_CLAUSE.search(between):
                return Exception_(kind, chunk[connective.start(): phrase.end()])
    return None


def _carve_out(chunk: str, connective: regex.Match) -> bool:
    """Is ``connective`` an "except for" that opens the sentence (after at most a run-in heading such as
    "Full consideration. ") and carves out payments that are not paid per use?"""
    if not (CARVE_OUT.match(chunk, connective.start()) and LEADING.fullmatch(chunk, 0, connective.start())):
        return False
    comma = chunk.find(",", connective.end())
    return not PER_USE.search(chunk, connective.end(), comma if comma >= 0 else len(chunk))


def _company_own(chunk: str, start: int, end: int) -> bool:
    """Is the consent word at ``chunk[start:end]`` the hiring party's own ("Company's approval",
    "approved by Company's standards team") rather than the worker's?"""
    return bool(COMPANY_BEFORE.search(chunk, max(0, start - 80), start) or COMPANY_AFTER.match(chunk, end))

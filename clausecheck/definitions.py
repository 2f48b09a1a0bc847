"""Collect defined terms: ``"Materials" means ...``, ``(the "Work Product")``, ``as used herein, "X"``.

Each :class:`~clausecheck.model.Definition` keeps the term as written, the sentence that defines
it and the index of its clause. A definition stated with "means"/"includes"/"has the meaning"
wins over a parenthetical label ``(the "Work Product")``; otherwise the first one wins. Struck
(deleted) clauses are never read.
"""

from __future__ import annotations

import bisect
import re

from .model import Clause, Definition

_TERM = r"[\"“](?P<term>[^\"“”\n]{1,80}?)[\"”]"
_VERBS = (
    r"shall\s+mean|will\s+mean|shall\s+have\s+the\s+meanings?|has\s+the\s+meanings?|"
    r"have\s+the\s+meanings?|is\s+defined\s+as|means|mean|shall\s+include|includes?|"
    r"shall\s+refer\s+to|refers?\s+to"
)
_MEANS = re.compile(_TERM + r"(?P<gap>[^.\"“”;\n]{0,60}?)(?<!\bby)\s*,?\s+(?:" + _VERBS + r")\b")
_AS_USED = re.compile(
    r"\b(?:as|when)\s+used\s+(?:herein|in\s+this\s+[A-Z][a-z]+)\s*,?\s+"
    r"(?:the\s+(?:terms?|words?)\s+)?" + _TERM
)
_EACH = re.compile(
    r"\b(?:each|individually|collectively|together|jointly|hereinafter)\s*,?\s+"
    r"(?:(?:referred\s+to\s+)?as\s+)?(?:an?|the)?\s*" + _TERM
)
_WITH = re.compile(r"\s*(?:together|collectively|jointly)\s+with\s+[^,;\"“”]{1,40},?\s*(?:the|an?)?\s*")
_PAREN = re.compile(r"\((?P<inner>[^()]{0,240})\)")
_QUOTED = re.compile(_TERM)
_PAREN_FILLER = frozenset(
    [
        "the", "a", "an", "each", "collectively", "individually", "together", "jointly", "hereinafter",
        "herein", "referred", "to", "as", "called", "this", "and", "or", "such", "any", "all", "being",
        "respectively", "also", "known", "severally", "its", "their", "hereafter", "below"
    ]
)
_ABBREVIATIONS = frozenset(
    [
        "inc", "ltd", "co", "corp", "no", "nos", "mr", "mrs", "ms", "dr", "st", "sec", "art", "para",
        "e.g", "i.e", "etc", "vs", "u.s", "u.k", "l.l.c", "n.a", "p.c", "l.p", "llc", "jr", "sr", "cf",
        "viz", "approx", "dept"
    ]
)


def find_definitions(clauses: list[Clause]) -> dict[str, Definition]:
    """The document's defined terms, keyed by the term as written."""
    strong: dict[str, Definition] = {}
    weak: dict[str, Definition] = {}
    for index, clause in enumerate(clauses):
        if clause.change == "deleted" or not clause.text:
            continue
        text = clause.text
        sentence = Sentences(text).around  # boundaries are found on first use
        for m in _MEANS.finditer(text):
            if _inside_parenthesis(text, m.start()):
                continue
            _keep(strong, m.group("term"), sentence(m.start(), m.end()), index)
        for m in _AS_USED.finditer(text):
            _keep(strong, m.group("term"), sentence(m.start(), m.end()), index)
        for m in _PAREN.finditer(text):
            terms = _parenthetical_terms(m.group("inner"))
            for term in terms:
                _keep(weak, term, sentence(m.start(), m.end()), index)
        for m in _EACH.finditer(text):
            if not _inside_parenthesis(text, m.start()):
                _keep(weak, m.group("term"), sentence(m.start(), m.end()), index)
    for term, definition in weak.items():
        strong.setdefault(term, definition)
    return strong


def _keep(table: dict[str, Definition], term: str, sentence: str, clause: int) -> None:
    term = " ".join(term.split())
    if term and term not in table and any(c.isalpha() for c in term):
        table[term] = Definition(term=term, text=sentence, clause=clause)


def _inside_parenthesis(text: str, position: int) -> bool:
    before = text[max(0, position - 240):position]
    return before.rfind("(") > before.rfind(")")


def _parenthetical_terms(inner: str) -> list[str]:
    """Quoted terms of ``(collectively, the "Results and Proceeds")``; [] for any other parenthesis."""
    terms = []
    previous_end = 0
    for m in _QUOTED.finditer(inner):
        lead = inner[previous_end:m.start()]
        previous_end = m.end()
        lead = lead.rsplit(";", 1)[-1]
        if _WITH.fullmatch(lead):
            terms.append(m.group("term"))
            continue
        words = re.findall(r"[^\s,:\-–—]+", lead)
        if all(w.lower() in _PAREN_FILLER for w in words):
            terms.append(m.group("term"))
    return terms


_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(A-Z0-9])|\n")


class Sentences:
    """Sentence boundaries of one text, found once (abbreviations such as "Inc." end none)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.found = False

    def _find(self) -> None:
        for m in _BOUNDARY.finditer(self.text):
            if not _ends_with_abbreviation(self.text, m.start()):
                self.starts.append(m.start())
                self.ends.append(m.end())
        self.found = True

    def around(self, start: int, end: int) -> str:
        """The sentence that contains ``text[start:end]``."""
        if not self.found:
            self._find()
        before = bisect.bisect_right(self.ends, start)
        begin = self.ends[before - 1] if before else 0
        after = bisect.bisect_left(self.starts, end)
        finish = self.starts[after] if after < len(self.starts) else len(self.text)
        return self.text[begin:finish].strip()


def _ends_with_abbreviation(text: str, position: int) -> bool:
    """True if the "." before ``position`` closes an abbreviation ("Inc.", "U.S.", "A.")."""
    if position < 2 or text[position - 1] != ".":
        return False
    space = max(text.rfind(" ", max(0, position - 20), position - 1), text.rfind("\n", max(0, position - 20),
                                                                               position - 1))
    token = text[space + 1:position - 1].lstrip("(\"“").lower()
    return token in _ABBREVIATIONS or len(token) == 1

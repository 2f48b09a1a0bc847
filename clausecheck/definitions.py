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

_TERM = r"[\"“](?P<term>[^\"“”\n]{1,80})[\"”]"
_VERBS = (
    r"shall\s+mean|will\s+mean|shall\s+have\s+the\s+meanings?|has\s+the\s+meanings?|"
    r"have\s+the\s+meanings?|is\s+defined\s+as|means|mean|shall\s+include|includes?|"
    r"shall\s+refer\s+to|refers?\s+to"
)
# "A" or "B" means; atomic, so a long run of quoted words cannot make the search backtrack
_MORE = r"(?P<more>(?>(?:\s*(?:,\s*)?(?:(?:or|and)\s+)?[\"“][^\"“”\n]{1,80}[\"”]){0,5}))"
_MEANS = re.compile(_TERM + _MORE + r"(?P<gap>[^.\"“”;\n]{0,60}?)(?<!\bby)\s*,?\s+(?:" + _VERBS + r")\b")
# a clause that opens with an unquoted (often bold) term: "Confidential Information means ..."
_BARE = re.compile(
    r"(?P<term>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|or|the|for|to|in|on)){0,5})"
    r"\s+(?:shall\s+mean|means|shall\s+have\s+the\s+meaning|has\s+the\s+meaning)\b"
)
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
_NOT_TERMS = frozenset(["This", "That", "It", "Such", "Which", "What", "Each", "Any", "The"])
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
        sentence = Sentences(clause.text).around  # boundaries are found on first use
        for term, start, end in _stated(clause.text):
            _keep(strong, term, sentence(start, end), index)
        for term, start, end in _labelled(clause.text):
            _keep(weak, term, sentence(start, end), index)
    for term, definition in weak.items():
        strong.setdefault(term, definition)
    return strong


def _stated(text: str) -> list[tuple[str, int, int]]:
    """Terms defined with a verb: ``"X" means``, ``Confidential Information means``, ``as used herein``."""
    found = []
    for m in _MEANS.finditer(text):
        if not _inside_parenthesis(text, m.start()):
            terms = [m.group("term"), *(q.group("term") for q in _QUOTED.finditer(m.group("more")))]
            found.extend((term, m.start(), m.end()) for term in terms)
    bare = _BARE.match(text)
    if bare and bare.group("term").split()[0] not in _NOT_TERMS:
        found.append((bare.group("term"), bare.start(), bare.end()))
    found.extend((m.group("term"), m.start(), m.end()) for m in _AS_USED.finditer(text))
    return found


def _labelled(text: str) -> list[tuple[str, int, int]]:
    """Terms given as labels: ``(the "Work Product")``, ``each a "Party"``."""
    found = [(term, m.start(), m.end()) for m in _PAREN.finditer(text)
             for term in _parenthetical_terms(m.group("inner"))]
    found.extend((m.group("term"), m.start(), m.end()) for m in _EACH.finditer(text)
                 if not _inside_parenthesis(text, m.start()))
    return found


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

"""Collect defined terms: ``"Materials" means ...``, ``(the "Work Product")``, ``as used herein, "X"``.

Each :class:`~clausecheck.model.Definition` keeps the term as written, the sentence that defines
it and the index of its clause. A definition stated with "means"/"includes"/"has the meaning"
wins over a parenthetical label ``(the "Work Product")``; otherwise the first one wins. Struck
(deleted) clauses are never read.

A capitalised name introduced in passing by a descriptive noun phrase counts too, last of all:
"StoryForge, Emberline's in-house text generator, ...", "the Engine (our proprietary drafting model)",
"the Company's writing platform, StoryForge, ...", '"Inkstone Notes", an automated service that gives
students feedback'. Its definition text is the phrase alone
("Emberline's in-house text generator"). Guards keep lists and parties out: the phrase opens with
the/our/your/a/an or a possessive name, holds one to six lower-case words and no function word
("its licensees and assigns", "the terms of this Agreement" are not descriptions), and an appositive
is not followed by ", and"/", or" (a list).
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
# a descriptive noun phrase: a determiner or possessive name, then 1-6 lower-case words
_POSSESSIVE = r"(?-i:[A-Z][\w-]*)['\u2019]s\s+"
_DESCRIPTION = (r"(?P<desc>(?:(?:the|our|your|an?)\s+(?:" + _POSSESSIVE + r")?|" + _POSSESSIVE + r")"
                r"(?-i:[a-z][a-z-]*)(?:\s+(?-i:[a-z][a-z-]*)){0,5})")
_NAME = r"(?P<name>(?-i:[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2}))"
# an aside ends at a comma or a stop; a list goes on: ", and Writer", ", your contract", ", or the studio"
_CLOSED = (r"(?=\s*(?:,(?!\s*(?:(?:and|or)\s+)?(?:(?:the|an?|its|their|his|her|your|our)\b|(?-i:[A-Z])))"
           r"|[.;:]|$))")
_NOT_AFTER = r"(?<![\w'\u2019])(?<!,\s)"  # a name starts a word and is not the next item of a list
_INTRODUCED = [
    re.compile(_NOT_AFTER + _NAME + r",\s+" + _DESCRIPTION + _CLOSED),  # StoryForge, our text generator,
    re.compile(_NOT_AFTER + _NAME + r"\s+\(" + _DESCRIPTION + r"\)"),  # the Engine (our drafting model)
    re.compile(r"\b" + _DESCRIPTION + r",\s+" + _NAME + _CLOSED),  # our writing platform, StoryForge,
    # "Inkstone Notes", an automated service that gives ... (a quoted name; the phrase may end at "that")
    re.compile(r"[\"\u201c]" + _NAME + r"[\"\u201d],\s+" + _DESCRIPTION + r"(?:" + _CLOSED
               + r"|(?=\s+(?:that|which|who)\b))"),
]
_FUNCTION_WORDS = frozenset(
    [
        "of", "or", "and", "to", "for", "with", "that", "which", "who", "whom", "whose", "in", "on", "by",
        "from", "as", "at", "into", "under", "any", "all", "each", "every", "such", "this", "these", "those",
        "not", "no", "is", "are", "was", "were", "be", "been", "shall", "will", "may", "must", "can", "has",
        "have", "had", "other", "its", "their", "his", "her", "if", "than", "then", "so", "but", "also",
        "including", "without", "only", "same", "said", "following", "above", "below", "own"
    ]
)
_NOT_NAMES = frozenset(
    [
        "The", "This", "That", "These", "Those", "Each", "Any", "All", "Such", "However", "Moreover",
        "Further", "Furthermore", "Thereafter", "Accordingly", "Additionally", "Otherwise", "Therefore",
        "Notwithstanding", "If", "When", "Where", "Unless", "Upon", "In", "On", "For", "By", "With",
        "Without", "Except", "Subject", "Nothing", "No", "Neither", "Either", "Both", "Whereas", "Now",
        "Witness", "Section", "Article", "Clause", "Schedule", "Exhibit", "Annex", "Appendix", "Part",
        "Paragraph", "Thereof", "Also", "Then", "Finally", "First", "Second", "Third", "Here", "There",
        "It", "We", "You", "They", "He", "She", "I"
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
    passing: dict[str, Definition] = {}
    for index, clause in enumerate(clauses):
        if clause.change == "deleted" or not clause.text:
            continue
        sentence = Sentences(clause.text).around  # boundaries are found on first use
        for term, start, end in _stated(clause.text):
            _keep(strong, term, sentence(start, end), index)
        for term, start, end in _labelled(clause.text):
            _keep(weak, term, sentence(start, end), index)
        for term, description in _introduced(clause.text):
            _keep(passing, term, description, index)
    for table in (weak, passing):
        for term, definition in table.items():
            strong.setdefault(term, definition)
    return strong


def _introduced(text: str) -> list[tuple[str, str]]:
    """Names introduced in passing, each with its descriptive phrase: ``StoryForge, our text generator,``."""
    found = []
    for pattern in _INTRODUCED:
        for m in pattern.finditer(text):
            name, description = m.group("name"), m.group("desc")
            words = description.split()
            if (name.split()[0] not in _NOT_NAMES and not name.isupper()
                    and not any(w.lower() in _FUNCTION_WORDS for w in words[1:])):
                found.append((name, description))
    return found


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

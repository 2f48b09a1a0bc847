"""Every keyword of a text in one RE2 search: which occur, and which also start a word there.

The prefilter needs, for each of its few thousand keywords, whether a case-folded text holds it, and
for those rules want at the start of a word ("^train" does not hit "constraint"), whether one of its
occurrences starts a word. An RE2 set search reports every pattern of the set that matches somewhere
in one pass over the UTF-8 bytes, with no Python work per occurrence: each keyword is a pattern, and
each keyword wanted at a word's start is a second one, preceded by the text's start or an ASCII
character that is not a word character. RE2's ``\\w`` is ASCII: a keyword that follows a non-ASCII
character not in Python's ``\\w`` (a curly quote) starts a word too, so in a text that is not all
ASCII such a keyword is looked for again in Python (:func:`starts_word`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import re2
import regex

from ..errors import RuleError
from .screen import _char

ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")  # \w in a case-folded ASCII text
WORD_CHAR = regex.compile(r"\w")  # the same notion of a word character as the rules' (?<!\w)
AFTER_NON_WORD = r"(?:^|[^\w\x{80}-\x{10FFFF}])"  # the text's start or an ASCII non-word character
# RE2's budget for the set's program and its DFA's cache of states (bytes). The DFA is built lazily, a
# state at a time, as texts need them; the built-in packs' set needs between 16 and 32 MB of states for
# ordinary contract wording. With 8 MB the cache filled and was thrown away again and again: the first
# scan of a new kind of contract cost six times the next one (0.39 s against 0.06 s for 16 documents).
MAX_MEMORY = 32 << 20


class KeywordSet:
    """Keywords (case-folded) and which of them are also wanted at the start of a word, searched
    for together. Each is a pattern number: :meth:`hits` gives those of a text."""

    def __init__(self, keywords: Iterable[str], at_word_start: Iterable[str]) -> None:
        """``at_word_start``: the keywords also looked for as starting a word."""
        options = re2.Options()
        options.case_sensitive = True  # texts and keywords are case-folded already
        options.log_errors = False
        options.max_mem = MAX_MEMORY
        self._set = re2.Set.SearchSet(options)
        self.keywords: list[str] = []  # pattern number -> its keyword
        self.word_start: list[bool] = []  # pattern number -> is it the keyword starting a word?
        self.rechecked: list[tuple[int, int, str]] = []  # (keyword's number, word start's, keyword)
        wanted = frozenset(at_word_start)
        for keyword in sorted(keywords):
            literal = "".join(_char(ord(char)) for char in keyword)
            number = self._add(literal, keyword, False)
            if keyword in wanted:
                self.rechecked.append((number, self._add(AFTER_NON_WORD + literal, keyword, True), keyword))
        try:
            self._set.Compile()
        except re2.error:
            raise self._too_many() from None
        self._check()

    def _add(self, pattern: str, keyword: str, word_start: bool) -> int:
        number = self._set.Add(pattern.encode())
        self.keywords.append(keyword)
        self.word_start.append(word_start)
        return number

    def _check(self) -> None:
        """A set search reports no match when RE2 runs out of memory: a text holding every keyword,
        each starting a word, must find every pattern, or the set is unusable."""
        if len(self.hits("\n".join(self.keywords))) != len(self.keywords):
            raise self._too_many()

    def _too_many(self) -> RuleError:
        return RuleError("rule packs", f"their {len(self.keywords)} keyword patterns do not fit the "
                         f"keyword scan's {MAX_MEMORY >> 10} KB: run fewer packs, or use fewer terms")

    def hits(self, folded: str) -> list[int]:
        """The numbers of the patterns found in the case-folded text ``folded``, each once."""
        found = self._set.Match(folded.encode()) or []
        if not folded.isascii():
            have = set(found)
            found += [marked for number, marked, keyword in self.rechecked
                      if number in have and marked not in have and starts_word(folded, keyword)]
        return found


def starts_word(text: str, keyword: str) -> bool:
    """Does ``keyword`` occur in ``text`` at the start of a word (not after a word character)?"""
    at = text.find(keyword)
    while at >= 0:
        if at == 0 or not is_word_char(text[at - 1]):
            return True
        at = text.find(keyword, at + 1)
    return False


def is_word_char(char: str) -> bool:
    """Is ``char`` (case-folded) a word character, as the rules' ``\\w`` reads it?"""
    return char in ASCII_WORD or (char > "\x7f" and _word_char(char))


@functools.lru_cache(maxsize=4096)
def _word_char(char: str) -> bool:
    return WORD_CHAR.match(char) is not None

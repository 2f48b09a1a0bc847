"""Literal keywords a regular expression cannot match without (for the prefilter).

:func:`required` returns a set of case-folded strings such that every match of the pattern contains at
least one of them, or None when no such set is known. It reads the pattern with the standard library's
parser; syntax only the ``regex`` module knows (fuzzy ``{e<=1}``, POSIX classes, ``\\p{..}``) makes it
give up (None), which is always safe: the rule is then tried on every clause.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # clausecheck needs Python 3.11+ (tomllib)
from re._constants import AT, BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
from typing import Any

import regex

REPEATS = {MAX_REPEAT, MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", MAX_REPEAT)}
GROUPS = {SUBPATTERN, getattr(sre_parse, "ATOMIC_GROUP", SUBPATTERN)}
REGEX_ONLY = regex.compile(r"\{\s*[eisd]\s*[<=]|\[:\w+:\]|\\[pPLNXmMGK]|\(\?[Vr|(]")

Keywords = frozenset[str]


def required(pattern: str) -> Keywords | None:
    """Case-folded substrings one of which every match of ``pattern`` contains, or None."""
    if REGEX_ONLY.search(pattern):
        return None
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    return _sequence(list(parsed))


def _sequence(items: list[tuple[Any, Any]]) -> Keywords | None:
    candidates: list[Keywords] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append(frozenset(["".join(run).casefold()]))
            run.clear()

    for op, arg in items:
        if op is LITERAL:
            run.append(chr(arg))
            continue
        if op is AT:
            continue
        flush()
        found: Keywords | None = None
        if op in GROUPS:
            found = _sequence(list(arg[-1]))
        elif op in REPEATS and arg[0] >= 1:
            found = _sequence(list(arg[2]))
        elif op is BRANCH:
            found = _branch(arg[1])
        if found:
            candidates.append(found)
    flush()
    candidates = [c for c in candidates if c and all(c)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(k) for k in c), -len(c)))


def _branch(alternatives: list[Any]) -> Keywords | None:
    union: set[str] = set()
    for alternative in alternatives:
        found = _sequence(list(alternative))
        if found is None:
            return None
        union |= found
    return frozenset(union)

"""Turn literal phrases into tolerant regular expressions: inflected words, flexible spacing/hyphens.

``train`` becomes train|trains|trained|training; words are joined by any run of spaces, line breaks
or hyphens; a hyphen inside a term may also be missing ("fine-tune" ~ "finetuning").
"""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    [
        "a", "an", "and", "any", "all", "as", "at", "by", "for", "from", "in", "into", "its", "of",
        "on", "or", "per", "the", "their", "to", "with"
    ]
)
IRREGULAR: dict[str, tuple[str, ...]] = {
    "make": ("made",),
    "sell": ("sold",),
    "build": ("built",),
    "write": ("wrote", "written"),
    "teach": ("taught",),
    "give": ("gave", "given"),
    "take": ("took", "taken"),
    "feed": ("fed",),
    "hold": ("held",),
    "pay": ("paid",),
    "buy": ("bought",),
    "bring": ("brought",),
    "draw": ("drew", "drawn"),
    "show": ("shown",),
    "speak": ("spoke", "spoken"),
    "sing": ("sang", "sung"),
}
VOWELS = "aeiou"
SPACE = r"[\s\-\u2010\u2011\u2013]+"
HYPHEN = r"(?:[\s\-\u2010\u2011\u2013]+|)"
APOSTROPHE = "['\u2019]"
HYPHENS = re.compile("[\\-\u2010\u2011\u2013]")
APOSTROPHES = re.compile("['\u2019]")
WORD_CHAR = re.compile(r"\w")


def inflections(word: str) -> list[str]:
    """The forms of ``word`` a term should match (lower case, longest first)."""
    lower = word.lower()
    if not lower.isalpha():
        return [lower]
    if len(lower) < 3 or lower in STOPWORDS:
        return [lower, lower + "s"] if word.isupper() and len(word) > 1 else [lower]
    forms = {lower, *IRREGULAR.get(lower, ())}
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {lower + "es", lower + "ed", lower + "ing"}
    elif lower.endswith("y") and lower[-2] not in VOWELS:
        forms |= {lower[:-1] + "ies", lower[:-1] + "ied", lower + "ing"}
    elif lower.endswith("ee"):
        forms |= {lower + "s", lower + "d", lower + "ing"}
    elif lower.endswith("ie"):
        forms |= {lower + "s", lower + "d", lower[:-2] + "ying"}
    elif lower.endswith("e"):
        forms |= {lower + "s", lower + "d", lower[:-1] + "ing"}
    else:
        forms |= {lower + "s", lower + "ed", lower + "ing"}
        if lower[-1] not in VOWELS + "wxy" and lower[-2] in VOWELS and lower[-3] not in VOWELS:
            forms |= {lower + lower[-1] + "ed", lower + lower[-1] + "ing"}
    return sorted(forms, key=lambda form: (-len(form), form))


def _token_regex(token: str) -> str:
    """One whitespace-free token: hyphenated parts, the last one inflected (common prefix factored
    out, which keeps patterns small and quick: ``us(?:ing|es|ed|e)``)."""
    parts = [part for part in HYPHENS.split(token) if part]
    pieces = [_literal(part) for part in parts[:-1]]
    forms = inflections(parts[-1] if parts else token)
    if len(forms) == 1:
        pieces.append(_literal(forms[0]))
    else:
        stem = _common_start(forms)
        endings = sorted((f[len(stem):] for f in forms), key=lambda e: (-len(e), e))
        pieces.append(_literal(stem) + "(?:" + "|".join(map(_literal, endings)) + ")")
    return HYPHEN.join(pieces)


def _common_start(words: list[str]) -> str:
    """The longest start all ``words`` share."""
    first, last = min(words), max(words)
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


def _literal(text: str) -> str:
    return APOSTROPHES.sub(lambda _: APOSTROPHE, re.escape(text))


def term_regex(phrase: str) -> str:
    """The regex source (no boundaries) for one phrase."""
    return SPACE.join(_token_regex(token) for token in phrase.split())


def terms_regex(phrases: list[str]) -> str:
    """A whole-word regex source matching any of ``phrases``, longest phrase first."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    # \b is quicker than the lookarounds and the same where every phrase starts/ends with a word char
    start = r"\b" if all(WORD_CHAR.match(p[0]) for p in ordered) else r"(?<!\w)"
    end = r"\b" if all(WORD_CHAR.match(p[-1]) for p in ordered) else r"(?!\w)"
    return start + "(?:" + "|".join(term_regex(p) for p in ordered) + ")" + end


WORD_START = "^"  # prefix of a keyword that must start a word (see prefilter.py)


def term_keywords(phrase: str) -> frozenset[str]:
    """Keywords one of which every match of ``phrase`` contains (for the prefilter): the most
    selective of :func:`term_keyword_sets`."""
    return max(term_keyword_sets(phrase), key=_strength, default=frozenset())


def term_keyword_sets(phrase: str) -> list[frozenset[str]]:
    """Keyword sets every match of ``phrase`` holds one keyword of, one set per piece of the phrase.

    A word's inflected forms count, minus those that begin with a shorter form ("feed", "fed" for
    feed/feeds/fed/feeding). Keywords marked :data:`WORD_START` must start a word; pieces after a
    hyphen (which may be missing: "co-author" ~ "coauthor") or an apostrophe need not.
    """
    sets: list[frozenset[str]] = []
    for token in phrase.split():
        parts = [part for part in HYPHENS.split(token) if part]
        for number, part in enumerate(parts):
            forms = inflections(part) if number == len(parts) - 1 else [part.lower()]
            for piece_number, pieces in enumerate(zip(*(APOSTROPHES.split(f) for f in forms), strict=False)):
                if not all(pieces):
                    continue
                mark = WORD_START if number == 0 and piece_number == 0 else ""
                ordered = sorted({p.casefold() for p in pieces}, key=len)
                minimal = [f for i, f in enumerate(ordered) if not any(f.startswith(g) for g in ordered[:i])]
                sets.append(frozenset(mark + f for f in minimal))
    return sets


def _strength(keywords: frozenset[str]) -> tuple[int, int]:
    """Longer shortest keyword first, then word-start keywords, which hit less text."""
    shortest = min(len(k.removeprefix(WORD_START)) for k in keywords)
    return shortest, sum(k.startswith(WORD_START) for k in keywords)

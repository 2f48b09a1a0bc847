"""Defined-term expansion: a ``defined: true`` leaf also matches terms the contract defines with it.

If the contract says ``"Deliverables" means all literary material written by Writer``, a leaf that
matches "literary material" in that definition also matches the word "Deliverables" (as the contract
capitalises it, singular or plural) anywhere in the contract.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from ..errors import RuleTimeout
from ..model import Definition, Document
from .expr import Leaf, iter_leaves
from .generative import generative_terms
from .schema import Rule
from .screen import first_start

Expansions = dict[int, tuple[regex.Pattern, list[str]]]
# a leaf that reads any of these whole is an AI leaf: it also reaches the names the contract shows to be
# generative systems (:mod:`.generative`)
AI_PROBES = ("artificial intelligence", "generative AI", "AI tool", "text generator")


@lru_cache(maxsize=4096)
def defined_leaves(rule: Rule) -> tuple[Leaf, ...]:
    """The ``defined: true`` leaves of a rule (match, trigger, requires); found once per rule, not once
    per document."""
    exprs = [e for e in (rule.match, rule.trigger, rule.requires) if e is not None]
    return tuple(leaf for e in exprs for leaf in iter_leaves(e, inside_not=True) if leaf.defined)


def expansions(rules: Iterable[Rule], document: Document, timeout: float) -> Expansions:
    """Leaf id -> (pattern of the defined terms it reaches, those terms), for leaves that reach any."""
    result: Expansions = {}
    if not document.definitions:
        return result
    scopes = [(d, scope, names_title(d.term, scope), scope.encode())  # once, not per leaf
              for d in document.definitions.values() for scope in [definition_scope(d)]]
    seen: set[int] = set()
    generative: list[str] | None = None
    for rule in rules:
        for leaf in defined_leaves(rule):
            if id(leaf) in seen:
                continue
            seen.add(id(leaf))
            search = None if leaf.screen is None else first_start(leaf.screen)
            terms = [d.term for d, scope, title, encoded in scopes
                     if (search is None or search(encoded, 0, len(encoded)) >= 0)  # else: no match
                     and _reaches(leaf, d, scope, title, rule.id, timeout)]
            if _ai_leaf(leaf, rule.id, timeout):
                if generative is None:
                    generative = generative_terms(document, {d.term: scope for d, scope, _, _ in scopes})
                terms += [term for term in generative if term not in terms]
            if terms:
                result[id(leaf)] = (term_pattern(tuple(terms)), terms)
    return result


def _reaches(leaf: Leaf, definition: Definition, scope: str, title: bool, rule: str, timeout: float) -> bool:
    """Does the leaf match what the term is? In a title ("Digital Twin Agreement" for "Agreement") only
    a match that takes in the head noun counts: an agreement about digital twins is not a digital twin."""
    try:
        if leaf.pattern.fullmatch(definition.term, timeout=timeout) is not None:
            return False
        if not title:
            return leaf.pattern.search(scope, timeout=timeout) is not None
        return any(m.end() == len(scope) for m in leaf.pattern.finditer(scope, timeout=timeout))
    except TimeoutError:
        raise RuleTimeout(rule, timeout) from None


def _ai_leaf(leaf: Leaf, rule: str, timeout: float) -> bool:
    """Does the leaf read AI by its common names (one of :data:`AI_PROBES`, whole)?"""
    try:
        return _reads_ai(leaf.pattern, timeout)
    except TimeoutError:
        raise RuleTimeout(rule, timeout) from None


@lru_cache(maxsize=4096)
def _reads_ai(pattern: regex.Pattern, timeout: float) -> bool:
    """:func:`_ai_leaf` for a leaf's pattern, asked once per pattern, not once per document."""
    return any(pattern.fullmatch(probe, timeout=timeout) is not None for probe in AI_PROBES)


MEANS = regex.compile(
    r"[\"\u201c](?P<term>[^\"\u201d]+)[\"\u201d][^.;\"\u201c]{0,60}?\s(?:shall\s+mean|means|mean|shall\s+include|"
    r"includes?|is\s+defined\s+as|refers?\s+to|shall\s+refer\s+to)\b",
    regex.IGNORECASE,
)
# where a label's phrase starts: after "between" or "entered into / made ... by" of a party list; any
# other "by" stays in the phrase ('variations produced by X's platform ("Joke Drafts")')
LABEL_BREAK = (r"(?:[;:)]|\bbetween\b"
               r"|\b(?:entered\s+into|made|executed|signed|concluded)\b[^;:()]{0,60}?\bby\b)")
LABEL_START = regex.compile(r"(?:^|" + LABEL_BREAK + r")(?![\s\S]*" + LABEL_BREAK + r")", regex.IGNORECASE)
LABEL_WORDS = 12
# a label: in a parenthesis, or after "hereinafter" / "collectively" ... without one
LABEL_OPEN = (r"(?:\([^()]*?|,?\s*\b(?:hereinafter|collectively|together|jointly|each|individually)\b"
              r"[^()\"\u201c]{0,40}?)[\"\u201c]")
# "Acme Studios and Jane Doe ("Writer")": after the last "and", a proper name is what the label names
LAST_AND = regex.compile(r"\band\b(?![\s\S]*\band\b)", regex.IGNORECASE)
# a long label phrase keeps its head noun too, when the phrase opens with it and a list follows
HEAD = regex.compile(r"\s*((?:all|any|each|every|the)\b[^,;]{1,120}?),?\s+(?:including|such\s+as|whether)\b",
                     regex.IGNORECASE)
COLLECTIVE = regex.compile(r"\b(?:collectively|together|jointly)\b", regex.IGNORECASE)  # names the whole list
PROPER_NAME = regex.compile(r"(?:[A-Z][\w.'\u2019&-]*,?\s*){1,6}")


def definition_scope(definition: Definition) -> str:
    """The words that say what a term is: after "X means", or the phrase before ``(the "X")``."""
    text = definition.text
    for means in MEANS.finditer(text):
        if means.group("term") == definition.term:
            return text[means.end():]
    quoted = _label_of(definition.term).search(text)
    if quoted is None:
        return text
    before = text[:quoted.start()]
    start = LABEL_START.search(before)
    phrase = before[start.end() if start else 0:]
    last_and = None if COLLECTIVE.search(quoted.group()) else LAST_AND.search(phrase)
    if last_and and PROPER_NAME.fullmatch(phrase[last_and.end():].strip(" ,")):
        phrase = phrase[last_and.end():]  # a party's name, not the last item of a list
    words = phrase.split()
    if len(words) <= LABEL_WORDS:
        return " ".join(words)
    tail = " ".join(words[-LABEL_WORDS:])
    head = HEAD.match(phrase)  # "All material written by Writer, including ideas, ... (the "Work")"
    if head is None:
        return tail
    if len(words) <= 2 * LABEL_WORDS:
        return " ".join(words)
    return " ".join(head.group(1).split()[:LABEL_WORDS]) + "; " + tail


@lru_cache(maxsize=4096)
def _label_of(term: str) -> regex.Pattern:
    """The label that names ``term`` (``("Term")``, ``hereinafter "Term"``), compiled once per term."""
    return regex.compile(LABEL_OPEN + regex.escape(term) + r"[\"\u201d]")


TITLE_WORD = regex.compile(r"(?:[A-Z][\w.'\u2019&-]*|and|of|the|for|to|in|on|&)")


def names_title(term: str, scope: str) -> bool:
    """Is ``scope`` a capitalised title whose last word is the term's ("This Voice Services Agreement"
    for "Agreement", "the Digital Replica" for "Replica")?"""
    words, head = scope.split(), term.split()[-1].casefold().rstrip("s")
    return (len(words) > len(term.split()) and words[-1].casefold().rstrip("s") == head
            and all(TITLE_WORD.fullmatch(w.strip(",")) for w in words if w.casefold() != "this"))


@lru_cache(maxsize=1024)
def term_pattern(terms: tuple[str, ...]) -> regex.Pattern:
    """Whole-word, case-sensitive pattern for the terms, singular or plural (compiled once per set)."""
    forms: set[str] = set()
    for term in terms:
        forms.add(term)
        forms.add(term[:-1] if term.endswith("s") and len(term) > 3 else term + "s")
    alternatives = sorted(forms, key=len, reverse=True)
    return regex.compile(r"(?<!\w)(?:" + "|".join(map(regex.escape, alternatives)) + r")(?!\w)")


def term_forms(terms: list[str]) -> list[str]:
    """Case-folded keywords for the prefilter: the shortest form of each term."""
    return sorted({(t[:-1] if t.endswith("s") and len(t) > 3 else t).casefold() for t in terms})

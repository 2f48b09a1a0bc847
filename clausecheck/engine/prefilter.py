"""Index rules by literal keywords so a rule is tried only on text that contains what it needs.

Each rule's expression is reduced to a conjunction of keyword sets (every set must have one keyword
present in the text). One Aho-Corasick pass over the case-folded text finds the keywords it holds (keywords
from terms must start a word: "^train" does not hit "constraint");
a rule is a candidate when every one of its sets is hit. A set is always a safe over-approximation:
skipping a rule never loses a finding (tests/test_engine_prefilter.py checks this with hypothesis).
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick
import regex

from .defined import Expansions, term_forms
from .expr import Expr, Leaf, iter_leaves
from .schema import Rule
from .terms import WORD_START

Requirement = list[frozenset[str]]
WORD_CHAR = regex.compile(r"\w")  # the same notion of a word character as the rules' (?<!\w)


def requirement(expr: Expr, expansions: Expansions | None = None) -> Requirement:
    """Keyword sets that must all be hit for ``expr`` to match (``[]``: no constraint)."""
    if isinstance(expr, Leaf):
        if expr.keywords is None:
            return []
        extra = expansions.get(id(expr)) if expansions else None
        return [expr.keywords | frozenset(term_forms(extra[1]))] if extra else [expr.keywords]
    if expr.kind == "not":
        return []
    children = [requirement(child, expansions) for child in expr.children]
    if expr.kind in ("all", "near"):
        return [group for child in children for group in child]
    if any(not child for child in children):
        return []
    return [frozenset().union(*(best(child) for child in children))]


def best(req: Requirement) -> frozenset[str]:
    """The most selective set of a requirement (longest shortest keyword)."""
    return max(req, key=lambda group: (min(map(len, group)), -len(group)))


class Prefilter:
    """The keyword index over a list of rules (by their ``main`` expression)."""

    def __init__(self, rules: Iterable[Rule], others: Iterable[Rule] = ()) -> None:
        """Index ``rules`` by their main expression; the keyword scan also covers every leaf of
        ``rules`` and ``others`` (``requires``, document-scope rules), which :func:`evaluate` uses to
        skip leaves whose keywords are absent."""
        self.rules = list(rules)
        self.by_id = {id(rule): rule for rule in self.rules}
        self.position = {id(rule): number for number, rule in enumerate(self.rules)}
        self.requirements = {id(rule): requirement(rule.main) for rule in self.rules}
        self.always: list[Rule] = []
        index: dict[str, list[Rule]] = {}
        for rule in self.rules:
            req = self.requirements[id(rule)]
            if not req:
                self.always.append(rule)
                continue
            for keyword in best(req):
                index.setdefault(keyword, []).append(rule)
        self.index = index
        self.automaton = ahocorasick.Automaton()
        exprs = [e for rule in (*self.rules, *others) for e in (rule.match, rule.trigger, rule.requires)]
        leaves = [leaf for e in exprs if e is not None for leaf in iter_leaves(e, inside_not=True)]
        keywords = {k.removeprefix(WORD_START) for leaf in leaves for k in leaf.keywords or ()}
        for keyword in keywords:
            self.automaton.add_word(keyword, keyword)
        if keywords:
            self.automaton.make_automaton()
        self.empty = not keywords

    def scan(self, text: str) -> set[str]:
        """The keywords found in ``text`` (case-folded): each one as found anywhere, and marked with
        :data:`WORD_START` when it also occurs at the start of a word."""
        if self.empty:
            return set()
        folded = text.casefold()
        found = set()
        for end, keyword in self.automaton.iter(folded):
            found.add(keyword)
            start = end - len(keyword) + 1
            if start == 0 or not WORD_CHAR.match(folded, start - 1):
                found.add(WORD_START + keyword)
        return found

    def expanded(self, expansions: Expansions) -> dict[int, Requirement]:
        """Rule id -> requirement, for the rules whose requirement grows with a document's definitions."""
        if not expansions:
            return {}
        result = {}
        for rule in self.rules:
            req = requirement(rule.main, expansions)
            if req and req != self.requirements[id(rule)]:
                result[id(rule)] = req
        return result

    def candidates(self, found: set[str], text: str, expanded: dict[int, Requirement]) -> list[Rule]:
        """The rules, in their original order, that can match ``text`` whose keywords are ``found``.

        ``expanded`` (from :meth:`expanded`) holds requirements that include defined terms, which are
        looked up in the text directly.
        """
        chosen: set[int] = {id(rule) for rule in self.always}
        seen: set[int] = set()
        for keyword in found:
            for rule in self.index.get(keyword, ()):
                if id(rule) not in seen:
                    seen.add(id(rule))
                    if all(group & found for group in self.requirements[id(rule)]):
                        chosen.add(id(rule))
        if expanded:
            folded = text.casefold()
            for rule_id, req in expanded.items():
                if rule_id not in chosen and all(
                        group & found or any(k in folded for k in group) for group in req):
                    chosen.add(rule_id)
        return sorted((self.by_id[rule_id] for rule_id in chosen), key=lambda r: self.position[id(r)])

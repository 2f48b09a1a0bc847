"""Index rules by literal keywords so a rule is tried only on text that contains what it needs.

Each rule's expression is reduced to a conjunction of keyword sets (every set must have one keyword
present in the text), which indexes the rules, and to its exact :class:`~.need.Need` (literals joined by
all/any, through every leaf), which is tested last. One Aho-Corasick pass over the case-folded text finds
the keywords it holds (keywords from terms must start a word: "^train" does not hit "constraint") as a
bit mask; a rule is a candidate when its sets are hit and its need is met, and a leaf's regex runs only
where its own need is met. Both are safe over-approximations: skipping never loses a finding
(tests/test_engine_prefilter.py checks this with hypothesis).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick
import regex

from .defined import Expansions, term_forms
from .expr import Expr, Gate, Leaf, iter_leaves
from .gate import gate
from .need import Check, Need, all_of, any_of, checker, plain, texts
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
        self.requirements = [requirement(rule.main) for rule in self.rules]
        self.automaton = ahocorasick.Automaton()
        exprs = [e for rule in (*self.rules, *others) for e in (rule.match, rule.trigger, rule.requires)]
        leaves = [leaf for e in exprs if e is not None for leaf in iter_leaves(e, inside_not=True)]
        forms = [k for leaf in leaves for k in (*(leaf.keywords or ()), *texts(leaf.need))]
        keywords = {plain(k) for k in forms}
        # each keyword has a bit of a scan's mask, and a second one for "found starting a word" when a
        # rule asks for that; keywords that rules' needs use most get the low bits (their tests on the
        # mask then handle small numbers)
        uses = Counter(k for rule in self.rules for k in texts(rule_need(rule.main)))
        ordered = sorted(set(forms) | keywords, key=lambda form: (-uses[form], form))
        self.bits = {form: 1 << n for n, form in enumerate(ordered)}
        for keyword in keywords:
            marked = WORD_START + keyword
            if marked not in self.bits:
                marked = None
            both = self.bits[keyword] | self.bits.get(marked, 0)
            self.automaton.add_word(keyword, (keyword, len(keyword), marked, both, self.bits[keyword]))
        if keywords:
            self.automaton.make_automaton()
        self.index = Index()
        self.others: dict[int, list[int]] = {}  # rule -> masks of its other keyword sets
        for number, req in enumerate(self.requirements):
            if not req:
                self.index.always.add(number)
                continue
            chosen = best(req)
            rest = [self._mask(group) for group in req if group is not chosen]
            if rest:
                self.others[number] = rest
            for keyword in chosen:
                (self.index.more if rest else self.index.direct).setdefault(keyword, []).append(number)
        self.keywords = frozenset(keywords)
        self.checks: dict[int, Check] = {id(leaf): checker(leaf.need, self.bits)
                                         for leaf in leaves if leaf.need is not None}
        self.rule_checks = [None if need is None else checker(need, self.bits)
                            for need in (rule_need(rule.main) for rule in self.rules)]
        self.rule_leaves = [frozenset(id(leaf) for leaf in iter_leaves(rule.main)) for rule in self.rules]
        self.gates = {id(rule.main): gate(rule.main, self.checks) for rule in self.rules}
        self.empty = not keywords
        # a keyword with a line break could span the blank line between two clauses
        self.joinable = not any("\n" in k for k in keywords)

    def _mask(self, keywords: Iterable[str]) -> int:
        """The bits of ``keywords`` (a keyword the scan cannot report has none)."""
        mask = 0
        for keyword in keywords:
            mask |= self.bits.get(keyword, 0)
        return mask

    def scan(self, text: str) -> set[str]:
        """The keywords found in ``text`` (case-folded): each one as found anywhere, and marked with
        :data:`WORD_START` when it also occurs at the start of a word."""
        return self.scan_bits(text)[0]

    def scan_bits(self, text: str) -> tuple[set[str], int]:
        """:meth:`scan`, and the same keywords as a mask of :attr:`bits` (for :meth:`candidates`)."""
        if self.empty:
            return set(), 0
        folded = text.casefold()
        found: set[str] = set()
        mask = 0
        for end, (keyword, size, marked, both, alone) in self.automaton.iter(folded):
            if marked is None:  # no rule needs it to start a word
                found.add(keyword)
                mask |= alone
                continue
            if marked in found:
                continue
            before = end - size  # the character before the keyword (-1: none)
            if before < 0 or not _word_char(folded[before]):
                found.add(marked)
                mask |= both
            else:
                mask |= alone
            found.add(keyword)
        return found, mask

    def scan_joined(self, texts: list[str], masks: list[int]) -> int:
        """:meth:`scan_bits`'s mask of ``"\\n\\n".join(texts)``, from each text's own ``masks`` where no
        keyword can span the blank line (a keyword then starts a word at a text's start either way)."""
        if not self.joinable:
            return self.scan_bits("\n\n".join(texts))[1]
        joined = 0
        for mask in masks:
            joined |= mask
        return joined

    def usable_gates(self, expansions: Expansions) -> dict[int, Gate]:
        """:attr:`gates` less those of rules with a leaf that reaches a document's defined terms."""
        if not expansions:
            return self.gates
        return {id(rule.main): self.gates[id(rule.main)] for number, rule in enumerate(self.rules)
                if self.rule_leaves[number].isdisjoint(expansions)}

    def expanded(self, expansions: Expansions) -> dict[int, list[tuple[frozenset[str], tuple[str, ...]]]]:
        """Rule position -> requirement, for the rules with a leaf that reaches a document's defined
        terms (their :attr:`rule_checks` do not hold there): each keyword set with the keywords the
        scan cannot report (defined terms), which are looked up in the text directly. A keyword marked
        to start a word ("^train") is never looked up: written literally in a text, its word follows
        "^", a non-word character, so the scan reports it marked."""
        if not expansions:
            return {}
        result = {}
        for number, rule in enumerate(self.rules):
            if self.rule_leaves[number].isdisjoint(expansions):
                continue
            req = requirement(rule.main, expansions)
            result[number] = [(group, tuple(k for k in group if k not in self.keywords
                                            and not k.startswith(WORD_START))) for group in req]
        return result

    def for_document(self, mask: int, expanded: Iterable[int]) -> Index:
        """The index without the rules that cannot match anywhere in a document whose keyword scan
        is ``mask`` (about a third to a half of them), so its clauses never try them; rules that
        reach its defined terms (``expanded``) are kept."""
        checks = self.rule_checks
        alive = {n for n, check in enumerate(checks) if check is None or check(mask)} | set(expanded)
        return self.index.within(alive)

    def candidates(self, found: set[str], text: str,
                   expanded: dict[int, list[tuple[frozenset[str], tuple[str, ...]]]],
                   mask: int | None = None, index: Index | None = None) -> list[Rule]:
        """The rules, in their original order, that can match ``text`` whose keywords are ``found``
        (``mask``: the same as :meth:`scan_bits` gives them; worked out when not given; ``index``:
        the document's, from :meth:`for_document`).

        ``expanded`` (from :meth:`expanded`) holds requirements that include defined terms, which are
        looked up in the text directly.
        """
        if mask is None:
            mask = self._mask(found)
        index = index or self.index
        chosen = set(index.always)
        seen: set[int] = set()
        more, direct, others = index.more, index.direct, self.others
        for keyword in found:
            numbers = direct.get(keyword)
            if numbers:
                chosen.update(numbers)
            for number in more.get(keyword, ()):
                if number not in seen:
                    seen.add(number)
                    if all(mask & group for group in others[number]):
                        chosen.add(number)
        checks = self.rule_checks
        chosen = {number for number in chosen if (check := checks[number]) is None or check(mask)}
        folded = text.casefold() if expanded else ""
        for number, req in expanded.items():  # their checks do not hold: they reach defined terms
            if all(not group.isdisjoint(found) or any(k in folded for k in rest) for group, rest in req):
                chosen.add(number)
            else:
                chosen.discard(number)
        return [self.rules[number] for number in sorted(chosen)]


@dataclass
class Index:
    """Rules by the keywords of their most selective keyword set."""

    always: set[int] = field(default_factory=set)  # rules with no keyword set
    direct: dict[str, list[int]] = field(default_factory=dict)  # keyword -> rules that need no other set
    more: dict[str, list[int]] = field(default_factory=dict)  # keyword -> rules with other sets too

    def within(self, alive: set[int]) -> Index:
        """The same index for the rules in ``alive`` only."""
        def keep(table: dict[str, list[int]]) -> dict[str, list[int]]:
            return {k: kept for k, numbers in table.items() if (kept := [n for n in numbers if n in alive])}
        return Index(self.always & alive, keep(self.direct), keep(self.more))


def rule_need(expr: Expr) -> Need | None:
    """What ``expr`` needs, from its leaves' needs (whatever sits under ``not`` needs nothing)."""
    if isinstance(expr, Leaf):
        return expr.need
    if expr.kind == "not":
        return None
    parts = [rule_need(child) for child in expr.children]
    return any_of(parts) if expr.kind == "any" else all_of(parts)


@functools.lru_cache(maxsize=4096)
def _word_char(char: str) -> bool:
    return WORD_CHAR.match(char) is not None

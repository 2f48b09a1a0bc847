"""Test rules on literal keywords so a rule is tried only on text that contains what it needs.

Each rule's expression is reduced to its exact :class:`~.need.Need` (literals joined by all/any, through
every leaf). One RE2 set search of the case-folded text finds the keywords it holds (keywords from
terms must start a word: "^train" does not hit "constraint"; see keywordset.py) as a bit mask, for a
document's clauses at once (:class:`ClauseScan`); a rule is a candidate when a
test of its need generated for that mask holds, and a leaf's regex runs only where its own need is met. A
rule with a leaf that reaches a document's defined terms is chosen by keyword sets instead
(:func:`requirement`), the defined terms looked up in the text. All are safe over-approximations:
skipping never loses a finding (tests/test_engine_prefilter.py checks this with hypothesis).
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from .defined import Expansions, term_forms
from .expr import Expr, Gate, Leaf, iter_leaves
from .gate import gate
from .keywordset import KeywordSet
from .need import Check, Need, all_of, any_of, checker, clause_checker, plain, texts
from .schema import Rule
from .terms import WORD_START

Requirement = list[frozenset[str]]
# rule position -> its keyword sets, each as the mask of those the scan reports, with the keywords it
# cannot report (defined terms)
Expanded = dict[int, list[tuple[int, tuple[str, ...]]]]
Scan = tuple[set[str], int]  # a text's keywords found (each marked too when it starts a word), as a mask


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
    """The keyword tests of a list of rules (by their ``main`` expression)."""

    def __init__(self, rules: Iterable[Rule], others: Iterable[Rule] = ()) -> None:
        """Test ``rules`` by their main expression; the keyword scan also covers every leaf of
        ``rules`` and ``others`` (``requires``, document-scope rules), which :func:`evaluate` uses to
        skip leaves whose keywords are absent."""
        self.rules = list(rules)
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
        self.positions = {form: bit.bit_length() - 1 for form, bit in self.bits.items()}
        self.keywords = frozenset(keywords)
        self.keyword_set = KeywordSet(keywords, [k for k in keywords if WORD_START + k in self.bits])
        # each pattern of the set as the form it finds, that form's bit and its position
        self.forms = [WORD_START + keyword if marked else keyword for keyword, marked
                      in zip(self.keyword_set.keywords, self.keyword_set.word_start, strict=True)]
        self.form_bits = [self.bits[form] for form in self.forms]
        self.form_positions = np.array([self.positions[form] for form in self.forms], dtype=np.intp)
        # each distinct need compiled once (leaves that share a pattern share its need)
        needs = {leaf.need: None for leaf in leaves if leaf.need is not None}
        compiled = {need: checker(need, self.bits) for need in needs}
        self.checks: dict[int, Check] = {id(leaf): compiled[leaf.need]
                                         for leaf in leaves if leaf.need is not None}
        # a rule is a candidate where its need is met and each of its keyword sets is hit: tested on
        # one text's mask, or on all of a document's clauses at once
        on_clauses = {need: clause_checker(need, self.positions) for need in needs}
        self.leaf_sets = {id(leaf): on_clauses[leaf.need] for leaf in leaves if leaf.need is not None}
        self._check_sets = {id(compiled[need]): on_clauses[need] for need in needs}  # by the test on a mask
        self._tests = [(rule_need(rule.main), requirement(rule.main)) for rule in self.rules]
        self.clause_checks = [clause_checker(need, self.positions, req) for need, req in self._tests]
        self.rule_leaves = [frozenset(id(leaf) for leaf in iter_leaves(rule.main)) for rule in self.rules]
        self.gates = {id(rule.main): gate(rule.main, self.checks) for rule in self.rules}
        self.empty = not keywords
        # a keyword with a line break could span the blank line between two clauses
        self.joinable = not any("\n" in k for k in keywords)

    @functools.cached_property
    def rule_checks(self) -> list[Check | None]:
        """Each rule's test on one text's mask (:meth:`candidates`), compiled when first asked for: a
        document's clauses are tested all at once (:attr:`clause_checks`); only a clause read again
        with the grant it cites needs these."""
        return [checker(need, self.bits, map(self._mask, req)) for need, req in self._tests]

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

    def scan_bits(self, text: str) -> Scan:
        """:meth:`scan`, and the same keywords as a mask of :attr:`bits` (for :meth:`candidates`)."""
        if self.empty:
            return set(), 0
        hits = self.keyword_set.hits(text.casefold())
        return set(map(self.forms.__getitem__, hits)), sum(map(self.form_bits.__getitem__, hits))

    def scan_clauses(self, texts: list[str]) -> ClauseScan:
        """:meth:`scan_bits` of each of a document's clauses, with :meth:`holding` of them."""
        hits = [[] if self.empty else self.keyword_set.hits(text.casefold()) for text in texts]
        return ClauseScan(hits, self.forms, self.form_positions, len(self.positions))

    def scan_joined(self, texts: list[str], masks: list[int]) -> int:
        """:meth:`scan_bits`'s mask of ``"\\n\\n".join(texts)``, from each text's own ``masks`` where no
        keyword can span the blank line (a keyword then starts a word at a text's start either way)."""
        if not self.joinable:
            return self.scan_bits("\n\n".join(texts))[1]
        joined = 0
        for mask in masks:
            joined |= mask
        return joined

    def part_sets(self, holding: list[int]) -> Callable[[Check], int]:
        """For a document's clauses (``holding`` from :meth:`holding`), a leaf's test of its need on a
        mask (from :attr:`checks`) -> the clauses meeting that need, a bit each: one test on all the
        clauses at once (:func:`~.need.clause_checker`), each need's once, instead of one per clause."""

        @functools.cache
        def meeting(check: Check) -> int:
            return self._check_sets[id(check)](holding)

        return meeting

    def usable_gates(self, expansions: Expansions) -> dict[int, Gate]:
        """:attr:`gates` less those of rules with a leaf that reaches a document's defined terms."""
        if not expansions:
            return self.gates
        return {id(rule.main): self.gates[id(rule.main)] for number, rule in enumerate(self.rules)
                if self.rule_leaves[number].isdisjoint(expansions)}

    def expanded(self, expansions: Expansions) -> Expanded:
        """Rule position -> requirement, for the rules with a leaf that reaches a document's defined
        terms (their :attr:`rule_checks` do not hold there): each keyword set as the mask of its
        keywords the scan reports (a text's scan hits the set where it shares a bit with it), with
        the keywords the scan cannot report (defined terms), which are looked up in the text
        directly. A keyword marked
        to start a word ("^train") is never looked up: written literally in a text, its word follows
        "^", a non-word character, so the scan reports it marked."""
        if not expansions:
            return {}
        result = {}
        for number, rule in enumerate(self.rules):
            if self.rule_leaves[number].isdisjoint(expansions):
                continue
            req = requirement(rule.main, expansions)
            result[number] = [(self._mask(group), tuple(k for k in group if k not in self.keywords
                                                        and not k.startswith(WORD_START))) for group in req]
        return result

    def candidates(self, found: set[str], text: str, expanded: Expanded,
                   mask: int | None = None) -> list[Rule]:
        """The rules, in their original order, that can match ``text`` whose keywords are ``found``
        (``mask``: the same as :meth:`scan_bits` gives them; worked out when not given).

        ``expanded`` (from :meth:`expanded`) holds requirements that include defined terms, which are
        looked up in the text directly.
        """
        if mask is None:
            mask = self._mask(found)
        chosen = [number for number, check in enumerate(self.rule_checks)
                  if number not in expanded and (check is None or check(mask))]
        return self._with_expanded(chosen, mask, text, expanded)

    def rule_clauses(self, holding: list[int], count: int, expanded: Expanded) -> dict[int, int]:
        """Rule position -> the set of a document's ``count`` clauses (with ``holding`` from
        :attr:`ClauseScan.holding`) where its need is met and each of its keyword sets is hit, for the
        rules not in ``expanded`` (:func:`~.need.clause_checker`: one test for all clauses, not one per
        clause)."""
        every = (1 << count) - 1
        return {rule: every if check is None else check(holding)
                for rule, check in enumerate(self.clause_checks) if rule not in expanded}

    def clause_candidates(self, masks: list[int], texts: list[str], expanded: Expanded,
                          sets: dict[int, int]) -> list[list[Rule]]:
        """:meth:`candidates` for each of a document's clauses (``texts``, with their scans' ``masks``),
        worked out for all clauses at once from each rule's clause set (``sets``, from
        :meth:`rule_clauses`)."""
        chosen: list[list[int]] = [[] for _ in range(len(masks))]
        for rule, clauses in sets.items():
            while clauses:  # each clause (bit) in the set, lowest first
                lowest = clauses & -clauses
                chosen[lowest.bit_length() - 1].append(rule)
                clauses ^= lowest
        return [self._with_expanded(rules, mask, text, expanded)
                for rules, mask, text in zip(chosen, masks, texts, strict=True)]

    def _with_expanded(self, chosen: list[int], mask: int, text: str, expanded: Expanded) -> list[Rule]:
        """The rules at positions ``chosen``, and those of ``expanded`` whose keyword sets the scan's
        ``mask`` or ``text`` (for defined terms) meet, in their original order."""
        if expanded:  # their needs do not hold: they reach defined terms
            folded = text.casefold()
            chosen = sorted(chosen + [number for number, req in expanded.items()
                                      if all(mask & group or any(k in folded for k in rest)
                                             for group, rest in req)])
        return [self.rules[number] for number in chosen]


def rule_need(expr: Expr) -> Need | None:
    """What ``expr`` needs, from its leaves' needs (whatever sits under ``not`` needs nothing)."""
    if isinstance(expr, Leaf):
        return expr.need
    if expr.kind == "not":
        return None
    parts = [rule_need(child) for child in expr.children]
    return any_of(parts) if expr.kind == "any" else all_of(parts)


class ClauseScan(Sequence[Scan]):
    """A document's clauses' scans (each clause's :meth:`Prefilter.scan_bits`), and for each literal
    position the clauses that hold it (:attr:`holding`): the masks of both made at once
    from the set patterns each clause hit, in numpy rather than a keyword at a time, and a clause's
    keywords found made only when asked for (the engine asks only for the masks)."""

    def __init__(self, hits: list[list[int]], forms: list[str], positions: np.ndarray, size: int) -> None:
        """``hits``: each clause's pattern numbers; ``forms`` and ``positions``: each pattern's form and
        that form's position (of ``size``)."""
        self._hits = hits
        self._forms = forms
        counts = np.fromiter(map(len, hits), dtype=np.intp, count=len(hits))
        literal = positions[np.fromiter(itertools.chain.from_iterable(hits), dtype=np.intp,
                                        count=int(counts.sum()))]
        clause = np.repeat(np.arange(len(hits)), counts)
        self.masks = _bit_sets(clause, literal, len(hits), size)
        self.holding = _bit_sets(literal, clause, size, len(hits))

    def __len__(self) -> int:
        return len(self._hits)

    def __getitem__(self, number: int) -> Scan:  # type: ignore[override]
        return set(map(self._forms.__getitem__, self._hits[number])), self.masks[number]


def _bit_sets(owner: np.ndarray, member: np.ndarray, owners: int, members: int) -> list[int]:
    """For each of ``owners``, the set (an integer, a bit each) of the ``members`` paired with it
    (``owner[i]`` holds ``member[i]``; no pair twice, so adding a member's bit to its byte sets it:
    ``np.add.at`` on a flat array runs in about a third of the time of ``np.bitwise_or.at``)."""
    step = (members + 7) // 8
    packed = np.zeros(owners * step, dtype=np.uint8)
    np.add.at(packed, owner * step + (member >> 3), (1 << (member & 7)).astype(np.uint8))
    packed = packed.reshape(owners, step)
    data = packed.tobytes()
    sets = [0] * owners
    for number in np.flatnonzero(packed.any(axis=1)).tolist():
        sets[number] = int.from_bytes(data[number * step:(number + 1) * step], "little")
    return sets

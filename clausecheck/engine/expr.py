"""Match expressions: compile the YAML form into a tree of nodes and evaluate it on a text.

Leaves (``pattern``, ``terms``, ``ref``) are regular expressions; ``any`` / ``all`` / ``not`` / ``near``
combine them. Evaluation returns a :class:`Result` tree that keeps every match, the verdict on each
anchor match (negation, exceptions) and the defined terms used, so ``explain`` can show its work.
"""

from __future__ import annotations

import bisect
import difflib
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import regex

from ..errors import RuleTimeout
from . import literals
from .lazy import LazyPattern
from .need import Check, Need, phrases_need
from .parts import PartSentences, part_ends, runs, word_positions
from .screen import first_start
from .screen import screen as re2_screen
from .sentences import Sentences
from .terms import term_keywords, terms_regex
from .yamlnodes import Mark, YList, YMap

FLAGS = regex.IGNORECASE | regex.V0
LEAF_KEYS = ("pattern", "terms", "ref")
BRANCH_KEYS = ("any", "all", "not", "near")
OPTION_KEYS = {"pattern": ("anchor", "defined"), "terms": ("anchor", "defined"),
               "ref": ("anchor", "defined"), "near": ("within", "sentence")}
DEFAULT_WITHIN = 12


@dataclass(eq=False)
class Leaf:
    """A ``pattern``, ``terms`` or ``ref`` leaf."""

    kind: str
    source: str
    pattern: LazyPattern
    keywords: frozenset[str] | None
    mark: Mark
    anchor: bool = False
    defined: bool = False
    need: Need | None = None  # literals every match needs (finer than ``keywords``); None: unknown
    screen_pattern: str | None = None  # what its RE2 screen is made from (see screen.py)

    @functools.cached_property
    def screen(self) -> Any:
        """The RE2 regex that matches wherever ``pattern`` can (None: none), built on first use: a
        contract asks for the screens of only the leaves whose keywords it holds."""
        return None if self.screen_pattern is None else re2_screen(self.screen_pattern)


@dataclass(eq=False)
class Branch:
    """``any``, ``all``, ``not`` (one child) or ``near`` (two children)."""

    kind: str
    children: list[Expr]
    mark: Mark
    within: int = DEFAULT_WITHIN
    sentence: bool = False


Expr = Leaf | Branch


@dataclass(frozen=True)
class Verdict:
    """What was decided about one anchor match."""

    span: tuple[int, int]
    kept: bool
    reason: str


@dataclass
class Result:
    """The outcome of one node on one text."""

    node: Expr
    matched: bool
    spans: list[tuple[int, int]]
    children: list[Result] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    defined: list[str] = field(default_factory=list)


AnchorJudge = Callable[[int, int], tuple[bool, str]]
Gate = Callable[[int, Callable[["Leaf"], bool]], bool]  # (scan mask, Target.ruled_out) -> can it match?


@dataclass
class Target:
    """A text to evaluate, with what evaluation needs besides the rule."""

    text: str
    rule: str
    timeout: float
    expansions: dict[int, tuple[regex.Pattern, list[str]]] = field(default_factory=dict)
    mask: int | None = None  # the prefilter's scan of the text: leaves whose need it lacks are skipped
    checks: dict[int, Check] = field(default_factory=dict)  # id(leaf) -> test of its need on ``mask``
    full: bool = False  # evaluate every child (for explain) instead of stopping at a failed ``all``
    matches: dict[tuple[int, str], tuple[tuple[int, int], ...]] | None = None  # shared by a document's rules
    parts: tuple[int, ...] | None = None  # where each part starts: a text of parts joined by blank lines
    part_masks: tuple[int, ...] | None = None  # each part's keyword scan, when ``parts`` are given
    part_sets: Callable[[Check], int] | None = None  # a need's test -> the parts meeting it (a bit each)
    gates: Mapping[int, Gate] = field(default_factory=dict)  # id(rule.main) -> its compiled gate.gate
    _sentences: Sentences | PartSentences | None = None
    _encoded: bytes | None = None
    _ends: list[int] | None = None
    _ascii: bool = True
    _passed: dict[int, int] = field(default_factory=dict)  # pattern -> where its screen's first match starts
    _byte_parts: list[tuple[int, int]] | None = None  # each part's span in ``_encoded``
    screened: Callable[[int], bool] | None = None  # id(pattern) -> did a screen find nothing here already?

    @property
    def sentences(self) -> Sentences | PartSentences:
        """The text's sentences (a whole document's: split part by part, as matches ask)."""
        if self._sentences is None:
            parts = self.parts
            self._sentences = Sentences(self.text) if parts is None else PartSentences(self.text, parts)
        return self._sentences

    def find(self, pattern: regex.Pattern, check: Check | None = None) -> list[tuple[int, int]]:
        """Every match span of ``pattern``, under the time limit; remembered in ``matches`` (when
        given) so rules that share a leaf run its regex once per text. ``check``: the leaf's need,
        which passes over the parts of a whole document that lack it."""
        key = (id(pattern), self.text)
        if self.matches is not None and key in self.matches:
            return list(self.matches[key])
        try:
            spans = [m.span() for start, end in self._regions(check, self._passed.get(id(pattern), 0))
                     for m in pattern.finditer(self.text, start, end, timeout=self.timeout)]
        except TimeoutError:
            raise RuleTimeout(self.rule, self.timeout) from None
        if self.matches is not None:
            self.matches[key] = tuple(spans)
        return spans

    def _regions(self, check: Check | None, first: int = 0) -> list[tuple[int, int]]:
        """Where a match can lie: the whole text, or for a whole document each clause (whose scan
        meets ``check``, when given): a match never runs from one clause into the next. None starts
        before ``first`` (where the pattern's RE2 screen, which matches wherever it can, first did)."""
        if self.parts is None:
            return [(first, len(self.text))]
        if self._ends is None:  # none at all for a document with no clause left (every one struck)
            self._ends = part_ends(self.parts, len(self.text))
        if check is None or self.part_masks is None:
            return [(max(start, first), end) for start, end in zip(self.parts, self._ends, strict=True)
                    if end > first]
        meeting = self._meeting(check)
        return [(max(start, first), end)
                for number, (start, end) in enumerate(zip(self.parts, self._ends, strict=True))
                if end > first and meeting >> number & 1]

    def _meeting(self, check: Check) -> int:
        """The parts (a bit each) whose keyword scan meets ``check``: from :attr:`part_sets` when
        given, else tested part by part."""
        if self.part_sets is not None:
            return self.part_sets(check)
        return sum(1 << number for number, mask in enumerate(self.part_masks or ()) if check(mask))

    def ruled_out(self, leaf: Leaf) -> bool:
        """Does the leaf's RE2 screen prove that its pattern matches nowhere in the text? Remembered
        (in ``matches``, when given) as no spans, so the regex never runs here."""
        if leaf.screen is None or id(leaf.pattern) in self._passed:
            return False
        if self.screened is not None and self.screened(id(leaf.pattern)):
            return True
        key = (id(leaf.pattern), self.text)
        if self.matches is not None and key in self.matches:
            return False  # already known, either way
        if self._encoded is None:
            self._encoded = self.text.encode()
            self._ascii = len(self._encoded) == len(self.text)  # then a byte offset is a character's
        start = self._screen_start(leaf)
        if start is not None:  # the regex need not try where no match can start (a search keeps its
            # context before that: lookbehinds and \b see it)
            self._passed[id(leaf.pattern)] = start if self._ascii else len(self._encoded[:start].decode())
            return False
        if self.matches is not None:
            self.matches[key] = ()
        return True

    def screened_already(self, starts: dict[int, int], ruled_out: Callable[[int], bool]) -> None:
        """Take what screens run on this text elsewhere found: where each passing pattern's screen
        first matched (id(pattern) -> offset), and which found nothing."""
        self._passed = starts
        self.screened = ruled_out

    def _screen_start(self, leaf: Leaf) -> int | None:
        """Where (in bytes) the leaf's screen first matches the text, or None. In a whole document
        only the clauses whose scan meets the leaf's need are searched (a run of adjacent ones at
        once): its pattern matches nowhere else, so the screen need not look there either."""
        search = first_start(leaf.screen)
        check = self.checks.get(id(leaf))
        if self.parts is None or self.part_masks is None or check is None:
            at = search(self._encoded, 0, len(self._encoded))
            return at if at >= 0 else None
        if self._byte_parts is None:
            self._byte_parts = _byte_spans(self.text, self.parts, self._ascii)
        spans = self._byte_parts
        meeting = self._meeting(check)
        for first, last in runs(meeting):
            at = search(self._encoded, spans[first][0], spans[last][1])
            if at >= 0:
                return at
        return None

    def has_match(self, pattern: regex.Pattern, check: Check | None = None) -> bool:
        """Does ``pattern`` match anywhere in the text? All its spans are found and remembered (in
        ``matches``, when given) for the evaluation that may follow."""
        if self.matches is not None:
            known = self.matches.get((id(pattern), self.text))
            if known is not None:
                return bool(known)
        return bool(self.find(pattern, check))

    def exists(self, pattern: regex.Pattern, check: Check | None = None) -> bool:
        """Does ``pattern`` match anywhere in the text? The spans already found when known; else one
        search that stops at the first match (a whole document's text need not be scanned to its end)."""
        key = (id(pattern), self.text)
        if self.matches is not None and key in self.matches:
            return bool(self.matches[key])
        try:
            return any(pattern.search(self.text, start, end, timeout=self.timeout) is not None
                       for start, end in self._regions(check, self._passed.get(id(pattern), 0)))
        except TimeoutError:
            raise RuleTimeout(self.rule, self.timeout) from None


def _byte_spans(text: str, starts: tuple[int, ...], ascii_only: bool) -> list[tuple[int, int]]:
    """Each part's (start, end) in ``text.encode()``, for a text whose parts start at ``starts``."""
    ends = part_ends(starts, len(text))
    if ascii_only:
        return list(zip(starts, ends, strict=True))
    spans = []
    offset = done = 0  # bytes up to character ``done``
    for start, end in zip(starts, ends, strict=True):
        offset += len(text[done:start].encode())
        length = len(text[start:end].encode())
        spans.append((offset, offset + length))
        offset, done = offset + length, end
    return spans


# --- compiling -------------------------------------------------------------------------------------


@dataclass
class Compiler:
    """Compiles the expressions of one rule; knows the vocabulary and where errors go."""

    rule: str
    vocabulary: dict[str, object]  # list name -> terms (a list), or a catalog.NamedPattern
    eager: bool = True  # compile each leaf's regex now (False: on first use, see lazy.py)

    def compile(self, node: object, mark: Mark) -> Expr:
        """Compile one rule's top-level expression and settle its anchors.

        Each alternative of an ``any`` has its own anchor; an ``all`` or ``near`` has one. Where the
        author marked none, the first leaf (of each alternative) is the anchor.
        """
        expr = self.expression(node, mark)
        for leaf in iter_leaves(expr, inside_not=True):
            if leaf.anchor and leaf not in list(iter_leaves(expr)):
                raise leaf.mark.error(f"rule '{self.rule}': an anchor cannot sit under 'not'", self.rule)
        if not list(iter_leaves(expr)):
            raise mark.error(f"rule '{self.rule}': the expression needs a leaf outside 'not'", self.rule)
        if _anchor_count(expr) > 1:
            second = [leaf for leaf in iter_leaves(expr) if leaf.anchor][1]
            raise second.mark.error(f"rule '{self.rule}' has more than one anchor in the same "
                                    "'all' or 'near' (mark one; use 'any' for alternatives)", self.rule)
        _settle(expr)
        return expr

    def expression(self, node: object, mark: Mark) -> Expr:
        if not isinstance(node, YMap):
            raise mark.error(f"rule '{self.rule}': an expression must be a mapping "
                             "(pattern, terms, ref, any, all, not or near)", self.rule)
        operators = [key for key in node if key in LEAF_KEYS + BRANCH_KEYS]
        if len(operators) != 1:
            what = "no operator" if not operators else "more than one operator (" + ", ".join(operators) + ")"
            raise node.mark.error(f"rule '{self.rule}': expression has {what}; use one of "
                                  "pattern, terms, ref, any, all, not, near", self.rule)
        kind = operators[0]
        allowed = (kind, *OPTION_KEYS.get(kind, ()))
        for key in node:
            if key not in allowed:
                raise node.key_mark(key).error(unknown_key(key, allowed, f"a '{kind}' expression"), self.rule)
        if kind in LEAF_KEYS:
            return self.leaf(kind, node)
        return self.branch(kind, node)

    def leaf(self, kind: str, node: YMap) -> Leaf:
        value, where = node[kind], node.value_mark(kind)
        try:
            named = self.vocabulary.get(value) if kind == "ref" and isinstance(value, str) else None
            source = None
            if kind == "pattern":
                if not isinstance(value, str) or not value:
                    raise where.error(f"rule '{self.rule}': 'pattern' must be a non-empty text", self.rule)
                source = value
            elif named is not None and not isinstance(named, list):
                source = named.text
            if source is not None:
                compiled = compile_pattern(source, self.eager)
                shown = value
            else:
                phrases = self.phrases(kind, value, where)
                compiled = compile_terms(tuple(phrases), self.eager)
                shown = value if kind == "ref" else ", ".join(phrases)
        except regex.error as error:
            raise where.error(bad_regex(self.rule, error), self.rule) from None
        leaf = Leaf(kind, shown, compiled.pattern, compiled.keywords, node.key_mark(kind), need=compiled.need,
                    screen_pattern=compiled.screen_pattern)
        for option in ("anchor", "defined"):
            if option in node:
                if not isinstance(node[option], bool):
                    raise node.value_mark(option).error(f"'{option}' must be true or false", self.rule)
                setattr(leaf, option, node[option])
        return leaf

    def phrases(self, kind: str, value: object, where: Mark) -> list[str]:
        if kind == "ref":
            if not isinstance(value, str) or value not in self.vocabulary:
                message = unknown_value("named list", value, self.vocabulary)
                raise where.error(message + " (lists are in rules/vocabulary.yaml)", self.rule)
            return self.vocabulary[value]
        if isinstance(value, str):
            value = [value]
        if not (isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)):
            raise where.error(f"rule '{self.rule}': 'terms' must be a list of phrases", self.rule)
        return [v.strip() for v in value]

    def branch(self, kind: str, node: YMap) -> Branch:
        value, where = node[kind], node.value_mark(kind)
        if kind == "not":
            return Branch(kind, [self.expression(value, where)], node.key_mark(kind))
        if not isinstance(value, YList) or not value:
            raise where.error(f"rule '{self.rule}': '{kind}' takes a list of expressions", self.rule)
        children = [self.expression(item, m) for item, m in zip(value, value.item_marks, strict=True)]
        branch = Branch(kind, children, node.key_mark(kind))
        if kind == "near":
            if len(children) != 2:
                raise where.error(f"rule '{self.rule}': 'near' takes exactly two expressions", self.rule)
            within = node.get("within", DEFAULT_WITHIN)
            if not isinstance(within, int) or isinstance(within, bool) or within < 0:
                raise node.value_mark("within").error("'within' must be a whole number of words", self.rule)
            sentence = node.get("sentence", False)
            if not isinstance(sentence, bool):
                raise node.value_mark("sentence").error("'sentence' must be true or false", self.rule)
            branch.within, branch.sentence = within, sentence
        return branch


class Compiled(NamedTuple):
    """A leaf's regex and what the prefilter and the RE2 screen know of it."""

    pattern: LazyPattern
    keywords: frozenset[str] | None
    need: Need | None
    screen_pattern: str  # what the RE2 screen is made from


@functools.lru_cache(maxsize=4096)
def compile_pattern(value: str, eager: bool = True) -> Compiled:
    """A ``pattern`` leaf's whole-word regex, prefilter keywords, need and screen (shared by identical
    leaves). ``eager``: compile the regex now, raising ``regex.error``; else on first use."""
    start = r"\b" if literals.starts_with_word(value) else r"(?<!\w)"  # \b is quicker where it is the same
    pattern = _pattern(start + r"(?:" + value + r")(?!\w)", eager, written=value)
    return Compiled(pattern, literals.required(value), literals.need(value), value)


@functools.lru_cache(maxsize=4096)
def compile_terms(phrases: tuple[str, ...], eager: bool = True) -> Compiled:
    """A ``terms`` / ``ref`` leaf's regex, prefilter keywords, need and screen (shared by identical
    leaves); ``eager`` as for :func:`compile_pattern`."""
    per_phrase = [term_keywords(p) for p in phrases]
    keywords = frozenset().union(*per_phrase) if all(per_phrase) else None
    source = terms_regex(list(phrases))
    return Compiled(_pattern(source, eager), keywords, phrases_need(phrases), source)


def _pattern(source: str, eager: bool, written: str | None = None) -> LazyPattern:
    """A leaf's regex, compiled now when ``eager`` (raising ``regex.error``), else on first use."""
    pattern = LazyPattern(source, FLAGS, written)
    if eager:
        pattern.compile()
    return pattern


def bad_regex(rule: str, error: regex.error) -> str:
    """The message for a leaf whose regex does not compile."""
    return f"bad regular expression in rule '{rule}': {error}"


def unknown_key(key: str, allowed: tuple[str, ...] | list[str], where: str) -> str:
    """``unknown key 'x' in ... (did you mean 'y'?)``."""
    return f"unknown key '{key}' in {where}" + did_you_mean(key, allowed)


def unknown_value(what: str, value: object, allowed: object) -> str:
    """``unknown concern 'x' (did you mean 'y'?)``."""
    return f"unknown {what} '{value}'" + did_you_mean(str(value), list(allowed))


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _positive(expr: Branch) -> list[Expr]:
    return [c for c in expr.children if not (isinstance(c, Branch) and c.kind == "not")]


def _has_anchor(expr: Expr) -> bool:
    return any(leaf.anchor for leaf in iter_leaves(expr))


def _anchor_count(expr: Expr) -> int:
    """How many anchors must match together (an ``any`` counts its largest alternative)."""
    if isinstance(expr, Leaf):
        return int(expr.anchor)
    counts = [_anchor_count(c) for c in _positive(expr)]
    if not counts:
        return 0
    return max(counts) if expr.kind == "any" else sum(counts)


def _settle(expr: Expr) -> None:
    """Give every alternative an anchor: keep marked ones, else the first leaf (a lone leaf is its own)."""
    if isinstance(expr, Leaf):
        expr.anchor = True
        return
    if expr.kind == "not":
        return
    children = _positive(expr)
    if expr.kind == "any" or any(_has_anchor(c) for c in children):
        for child in children:
            if _has_anchor(child):
                _settle(child)
            elif expr.kind == "any":
                _force(child)
    elif children:
        _force(children[0])


def _force(expr: Expr) -> None:
    if isinstance(expr, Leaf):
        expr.anchor = True
    elif expr.kind == "any":
        for child in _positive(expr):
            _force(child)
    elif expr.kind != "not" and _positive(expr):
        _force(_positive(expr)[0])


def iter_leaves(expr: Expr, inside_not: bool = False):
    """Leaves of ``expr`` depth-first; those under ``not`` only if ``inside_not``."""
    if isinstance(expr, Leaf):
        yield expr
        return
    if expr.kind == "not" and not inside_not:
        return
    for child in expr.children:
        yield from iter_leaves(child, inside_not)


# --- evaluating ------------------------------------------------------------------------------------


def evaluate(expr: Expr, target: Target, judge: AnchorJudge | None = None) -> Result:
    """Evaluate ``expr`` on ``target``; ``judge`` decides which anchor matches count."""
    if isinstance(expr, Leaf):
        return _leaf(expr, target, judge)
    children = []
    for child in expr.children:
        children.append(evaluate(child, target, judge))
        if expr.kind in ("all", "near") and not children[-1].matched and not target.full:
            return Result(expr, False, [], children)
    if expr.kind == "not":
        return Result(expr, not children[0].matched, [], children)
    if expr.kind == "any":
        spans = sorted({s for c in children if c.matched for s in c.spans})
        return Result(expr, any(c.matched for c in children), spans, children)
    if expr.kind == "all":
        spans = sorted({s for c in children if c.node.kind != "not" for s in c.spans})
        return Result(expr, all(c.matched for c in children), spans, children)
    return _near(expr, target, children)


def holds(expr: Expr, target: Target) -> bool:
    """``evaluate(expr, target).matched`` with every anchor match counted, stopping as soon as the
    answer is known (no spans or verdicts kept)."""
    if isinstance(expr, Leaf):
        return _leaf_matches(expr, target, target.exists)
    if expr.kind == "any":
        return any(holds(child, target) for child in expr.children)
    if expr.kind == "all":
        return all(holds(child, target) for child in expr.children)
    if expr.kind == "not":
        return not holds(expr.children[0], target)
    # a pair needs both sides: when one side has no match, its spans need not all be found
    return all(holds(child, target) for child in expr.children) and evaluate(expr, target).matched


def possible(expr: Expr, target: Target, gated: bool = False) -> bool:
    """False when ``evaluate(expr, target)`` cannot match: a leaf it needs lacks a keyword or has no
    regex match (anchor verdicts only ever remove matches; whatever sits under ``not`` may match or
    not). Builds no Result; the spans it finds are remembered in ``target.matches`` for evaluate.
    Every leaf's need and RE2 screen are asked first, so no regex runs for a rule that one of its
    other leaves already rules out. ``gated``: the rule's gate is known to hold (see gateset.py)."""
    if gated:
        return _possible(expr, target, _found)
    gate = target.gates.get(id(expr))
    if gate is not None and target.mask is not None:
        screened = gate(target.mask, target.ruled_out)
    else:
        screened = _possible(expr, target, _screened)
    return screened and _possible(expr, target, _found)


def _possible(expr: Expr, target: Target, leaf_test: Callable[[Leaf, Target], bool]) -> bool:
    if isinstance(expr, Leaf):
        return leaf_test(expr, target)
    kind = expr.kind
    if kind == "not":
        return True
    wanted = kind == "any"  # any: one child is enough; all, near: every side is needed
    for child in expr.children:  # a loop, not any()/all() over a generator: this runs ~10^5 times
        if _possible(child, target, leaf_test) == wanted:
            return wanted
    return not wanted


def _screened(leaf: Leaf, target: Target) -> bool:
    """Can the leaf match, as far as its need and its RE2 screen tell (no regex runs)?"""
    if id(leaf) in target.expansions:
        return True  # its defined terms are looked for by regex
    return not _skipped(leaf, target, None) and not target.ruled_out(leaf)


def _found(leaf: Leaf, target: Target) -> bool:
    return _leaf_matches(leaf, target, target.has_match)


def _skipped(leaf: Leaf, target: Target, expansion: object) -> bool:
    """Can the leaf be passed over without running its regex (the text lacks what it needs)?"""
    if target.mask is None or expansion is not None:
        return False
    check = target.checks.get(id(leaf))
    return check is not None and not check(target.mask)


def _leaf_matches(leaf: Leaf, target: Target, probe: Callable[[regex.Pattern, Check | None], bool]) -> bool:
    """``_leaf(leaf, target, None).matched``: ``probe`` (``Target.exists`` or ``Target.has_match``,
    which also keeps the spans) finds the leaf's pattern or its defined terms."""
    expansion = target.expansions.get(id(leaf))
    if _skipped(leaf, target, expansion):
        return False
    check = target.checks.get(id(leaf))
    return (not target.ruled_out(leaf) and probe(leaf.pattern, check)) or (expansion is not None
                                                                            and probe(expansion[0], None))


def _leaf(leaf: Leaf, target: Target, judge: AnchorJudge | None) -> Result:
    expansion = target.expansions.get(id(leaf))
    if _skipped(leaf, target, expansion):
        return Result(leaf, False, [])
    spans = [] if target.ruled_out(leaf) else target.find(leaf.pattern, target.checks.get(id(leaf)))
    used: list[str] = []
    if expansion is not None:
        known = set(spans)
        extra = [s for s in target.find(expansion[0]) if s not in known]
        if extra:
            used = sorted({t for t in expansion[1] for s in extra if _is_term(target.text[s[0]:s[1]], t)})
            spans = sorted(spans + extra)
    verdicts: list[Verdict] = []
    if leaf.anchor and judge is not None:
        for span in spans:
            kept, reason = judge(*span)
            verdicts.append(Verdict(span, kept, reason))
        spans = [v.span for v in verdicts if v.kept]
    return Result(leaf, bool(spans), spans, verdicts=verdicts, defined=used)


def _is_term(found: str, term: str) -> bool:
    return found == term or found.rstrip("s") == term.rstrip("s")


def _near(expr: Branch, target: Target, children: list[Result]) -> Result:
    """Pairs of matches at most ``within`` words apart, found by word index (no all-pairs scan)."""
    first, second = children
    used: set[tuple[int, int]] = set()
    if first.matched and second.matched:
        offsets = [offset for span in (*first.spans, *second.spans) for offset in span]
        word = word_positions(target.text, offsets, expr.within + 1)
        seconds = sorted((word(b[0]), word(b[1]), b) for b in second.spans)
        starts = [item[0] for item in seconds]
        longest = max(end - start for start, end, _ in seconds)
        for a in first.spans:
            a_first, a_last = word(a[0]), word(a[1])
            lo = bisect.bisect_left(starts, a_first - expr.within - longest)
            hi = bisect.bisect_right(starts, a_last + expr.within)
            for b_first, b_last, b in seconds[lo:hi]:
                gap = b_first - a_last if b[0] >= a[0] else a_first - b_last
                if gap <= expr.within and (not expr.sentence or _same_sentence(target, a, b)):
                    used.update((a, b))
    return Result(expr, bool(used), sorted(used), children)


def _same_sentence(target: Target, a: tuple[int, int], b: tuple[int, int]) -> bool:
    left, right = (a, b) if a[0] <= b[0] else (b, a)
    return target.sentences.index(left[0]) == target.sentences.index(right[1] - 1)


def highlights(result: Result) -> list[tuple[int, int]]:
    """The spans that made ``result`` match (nothing under ``not``; only used pairs of ``near``)."""
    node = result.node
    if not result.matched or (isinstance(node, Branch) and node.kind == "not"):
        return []
    if isinstance(node, Leaf) or node.kind == "near":
        return list(result.spans)
    chosen = [c for c in result.children if c.matched]
    return sorted({s for c in chosen for s in highlights(c)})


def anchor_result(result: Result) -> Result | None:
    """The first matched anchor leaf result inside a matched ``result`` (outside ``not``)."""
    if not result.matched:
        return None
    node = result.node
    if isinstance(node, Leaf):
        return result if node.anchor else None
    if node.kind == "not":
        return None
    for child in result.children:
        found = anchor_result(child)
        if found is not None:
            return found
    return None

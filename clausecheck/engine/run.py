"""Run rules over a Document's current clauses and produce findings (and, on request, a trace)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import RuleTimeout
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Assumption, Document, Finding, Span
from .anchors import anchor_judge
from .context import Context, how_to_set, resolve
from .defined import Expansions, expansions
from .definitional import drop_definitions
from .expr import Branch, Gate, Result, Target, anchor_result, evaluate, highlights, holds, possible
from .gateset import ClauseScreens
from .mainclause import main_trigger
from .parts import joined
from .prefilter import Expanded, Prefilter
from .quote import make_quote
from .reading import Reading, readings, with_references
from .refusals import refused
from .schema import Rule
from .setaside import set_asides

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
INSERTED_NOTE = "this clause is a tracked insertion, not yet accepted"


def finding_order(finding: Finding) -> tuple[int, int, str]:
    """A report's order of findings: by clause (the whole document's first), severity, rule."""
    return (finding.clause if finding.clause is not None else -1, SEVERITY_ORDER[finding.severity],
            finding.rule)


@dataclass
class Attempt:
    """One rule tried on one clause (``clause`` None: on the whole document), for ``explain``."""

    rule: Rule
    clause: int | None
    result: Result
    fired: bool
    requires: Result | None = None
    note: str = ""
    text: str | None = None  # the text read, when not the clause's own (a list item with its lead-in)


Trace = Callable[[Attempt], None]


@dataclass
class DocText:
    """The current clauses joined with blank lines, with a map back to clause indices."""

    clauses: list[int]
    starts: list[int]
    text: str

    @classmethod
    def of(cls, document: Document, current: list[int]) -> DocText:
        text, starts = joined([document.clauses[index].text for index in current])
        return cls(current, list(starts), text)

    def locate(self, offset: int) -> tuple[int, int]:
        """``(clause index, clause start offset)`` for a document-text offset."""
        position = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.clauses[position], self.starts[position]


@dataclass
class Run:
    """The state of one document's check."""

    document: Document
    context: Context
    limits: Limits
    expansions: Expansions
    trace: Trace | None
    findings: list[Finding] = field(default_factory=list)
    mask: int | None = None  # the prefilter's scan of the whole document
    matches: dict[tuple[int, str], tuple[tuple[int, int], ...]] = field(default_factory=dict)
    readings: dict[int, Reading] = field(default_factory=dict)  # list items read with their lead-ins
    wider: dict[int, Reading] = field(default_factory=dict)  # clauses read again with the grant they cite
    gates: dict[int, Gate] = field(default_factory=dict)  # the rules' gates this document can use


class Engine:
    """Compiled rules plus their keyword index; reusable across documents."""

    def __init__(self, rules: list[Rule], *, limits: Limits = DEFAULT_LIMITS, prefilter: bool = True) -> None:
        self.rules = rules
        self.limits = limits
        self.per_clause = [r for r in rules if r.scope == "clause" or r.kind == "missing"]
        self.whole = [r for r in rules if r.scope == "document" and r.kind != "missing"]
        self.prefilter = Prefilter(self.per_clause, self.whole) if prefilter else None

    def run(self, document: Document, context: Context | None = None,
            trace: Trace | None = None) -> tuple[list[Finding], list[Assumption]]:
        """Findings (sorted: clause order, severity, rule id) and the assumptions made; a
        :class:`RuleTimeout` names where the rule is written."""
        try:
            return self._run(document, context, trace)
        except RuleTimeout as error:
            rule = next((r for r in self.rules if r.id == error.rule), None)
            if error.where or rule is None:
                raise
            raise RuleTimeout(error.rule, error.seconds, str(rule.mark)) from None

    def _run(self, document: Document, context: Context | None,
             trace: Trace | None) -> tuple[list[Finding], list[Assumption]]:
        context, assumptions = resolve(context or Context(), document)
        applicable = {id(r): notes for r in self.rules if (notes := applicability(r, context)) is not None}
        state = Run(document, context, self.limits,
                    expansions(self.rules, document, self.limits.regex_timeout), trace)
        current = [i for i, c in enumerate(document.clauses) if c.change != "deleted" and c.text.strip()]
        state.readings = readings(document, current)
        state.wider = with_references(document, current, state.readings)
        triggers: dict[int, list[tuple[int, Result]]] = {}
        expanded = self.prefilter.expanded(state.expansions) if self.prefilter else {}
        state.gates = self.prefilter.usable_gates(state.expansions) if self.prefilter else {}
        texts = [state.readings[i].text if i in state.readings else document.clauses[i].text for i in current]
        scans = self.prefilter.scan_clauses(texts) if self.prefilter else None
        masks = scans.masks if scans is not None else []
        screens = None
        passing: dict[int, int] = {}  # id(rule) -> the clauses its gate lets through
        if self.prefilter:
            state.mask = self.prefilter.scan_joined([document.clauses[i].text for i in current], masks)
            holding = scans.holding
            sets = self.prefilter.rule_clauses(holding, len(scans), expanded)
            chosen = self.prefilter.clause_candidates(masks, texts, expanded, sets)
            if state.trace is None:  # explain sees every attempt
                screens = ClauseScreens(texts, holding, self.prefilter.leaf_sets)
                rules = self.prefilter.rules
                passing = {id(rules[n]): screens.gate(rules[n].main, clauses)
                           for n, clauses in sets.items() if id(rules[n]) in applicable}
        for number, index in enumerate(current):
            reading = state.readings.get(index)
            text = texts[number]
            emitted = len(state.findings)
            mask = masks[number] if self.prefilter else None
            candidates = chosen[number] if self.prefilter else self.per_clause
            target = self._target(text, state, mask)  # one per clause: its sentences are shared
            if screens is not None:
                screens.attach(target, number)
            for rule in candidates:
                if id(rule) not in applicable:
                    continue
                gated = passing.get(id(rule))
                if gated is not None and not gated >> number & 1:
                    continue  # its gate, tested on every clause at once, rules this one out
                target.rule = rule.id
                if rule.kind == "missing" and rule.scope == "document":
                    result = self._trigger(rule, index, target, state, gated is not None)
                    if result is not None:
                        triggers.setdefault(id(rule), []).append((index, result))
                else:
                    self._clause(rule, index, target, state, applicable[id(rule)], reading, gated is not None)
            if index in state.wider:
                self._wider(index, state, applicable, expanded, {f.rule for f in state.findings[emitted:]})
        doc = DocText.of(document, current)
        whole = self._target(doc.text, state, state.mask, tuple(doc.starts))  # one for all rules
        if self.prefilter:
            whole.part_masks = tuple(masks)
            whole.part_sets = self.prefilter.part_sets(holding)
        for rule in self.per_clause:
            if rule.kind == "missing" and rule.scope == "document" and id(rule) in triggers:
                whole.rule = rule.id
                self._missing_document(rule, triggers[id(rule)], doc, whole, state, applicable[id(rule)])
        for rule in self.whole:
            if id(rule) in applicable:
                whole.rule = rule.id
                self._document(rule, doc, whole, state, applicable[id(rule)])
        state.findings = drop_definitions(document, state.findings)  # definitions are not findings
        state.findings = refused(document, state.findings)  # protections the hiring party is excused from
        state.findings += set_asides(document, current, state.findings)  # protections a clause sets aside
        state.findings.sort(key=finding_order)
        return state.findings, assumptions

    # --- one rule ----------------------------------------------------------------------------------

    def _target(self, text: str, state: Run, mask: int | None,
                parts: tuple[int, ...] | None = None) -> Target:
        """A text to evaluate rules on, shared by the rules tried on it (each names itself in turn);
        ``parts``: where each clause starts in a whole document's text."""
        checks = self.prefilter.checks if self.prefilter else {}
        return Target(text, "", state.limits.regex_timeout, state.expansions, mask,
                      checks, full=state.trace is not None, matches=state.matches, parts=parts,
                      gates=state.gates)

    def _wider(self, index: int, state: Run, applicable: dict[int, list[str]], expanded: Expanded,
               fired: set[str]) -> None:
        """The clause read again with the grant it cites, for the clause rules that did not fire on it: the
        wider text adds findings, never removes one (a referenced clause's words cannot undo a match)."""
        reading = state.wider[index]
        mask = None
        if self.prefilter is None:
            candidates = self.per_clause
        else:
            found, mask = self.prefilter.scan_bits(reading.text)
            candidates = self.prefilter.candidates(found, reading.text, expanded, mask)
        target = self._target(reading.text, state, mask)
        for rule in candidates:
            if id(rule) in applicable and rule.id not in fired and rule.scope == "clause":
                target.rule = rule.id
                self._clause(rule, index, target, state, applicable[id(rule)], reading)

    def _clause(self, rule: Rule, index: int, target: Target, state: Run, notes: list[str],
                reading: Reading | None = None, gated: bool = False) -> None:
        """Try ``rule`` on one clause (``gated``: its gate already holds there)."""
        if state.trace is None and not possible(rule.main, target, gated):
            return  # it cannot match: nothing to report (explain still sees every attempt)
        result = evaluate(rule.main, target, anchor_judge(rule, target))
        requires = None
        fired = result.matched
        if fired and rule.kind == "missing":
            protected, requires = self._protected(rule, target, state)
            fired = not protected
        if state.trace:
            state.trace(Attempt(rule, index, result, fired, requires, text=reading.text if reading else None))
        if fired:
            self._emit(rule, index, highlights(result), result, state, notes, reading)

    @staticmethod
    def _protected(rule: Rule, target: Target, state: Run) -> tuple[bool, Result | None]:
        """Is the rule's required protection in ``target`` (every match counts, whatever its
        polarity)? The full Result only when tracing: otherwise the answer stops at the first match."""
        if state.trace:
            requires = evaluate(rule.requires, target, anchor_judge(rule, target, "any"))
            return requires.matched, requires
        return holds(rule.requires, target), None

    def _trigger(self, rule: Rule, index: int, target: Target, state: Run, gated: bool) -> Result | None:
        if state.trace is None and not possible(rule.main, target, gated):
            return None
        result = evaluate(rule.main, target, anchor_judge(rule, target))
        if state.trace:
            state.trace(Attempt(rule, index, result, False, note="trigger (the protection is looked for "
                                "in the whole document below)" if result.matched else "trigger",
                                text=_read(state, index)))
        return result if result.matched else None

    def _missing_document(self, rule: Rule, triggers: list[tuple[int, Result]], doc: DocText,
                          target: Target, state: Run, notes: list[str]) -> None:
        protected, requires = self._protected(rule, target, state)
        first = main_trigger(state.document, triggers) if rule.group == "speech" else 0
        index, result = triggers[first]
        fired = not protected
        extra = []
        if len(triggers) > 1:
            others = ", ".join(_name(state.document, i) for n, (i, _) in enumerate(triggers) if n != first)
            extra.append(f"also triggered by {others}")
        if state.trace and requires is not None:
            where = ""
            if requires.matched and requires.spans:
                where = f" (in {_name(state.document, doc.locate(requires.spans[0][0])[0])})"
            state.trace(Attempt(rule, None, result, fired, requires,
                                note=f"protection {'found' if requires.matched else 'found nowhere'}{where}"))
        if fired:
            self._emit(rule, index, highlights(result), result, state, notes + extra,
                       state.readings.get(index))

    def _document(self, rule: Rule, doc: DocText, target: Target, state: Run, notes: list[str]) -> None:
        result = evaluate(rule.main, target, anchor_judge(rule, target))
        if state.trace:
            state.trace(Attempt(rule, None, result, result.matched))
        anchor = anchor_result(result)
        if not result.matched or anchor is None or not anchor.spans:
            return
        used = highlights(result)
        # the anchor match that made the rule hold (a near pair's), not merely its first match
        first = next((span for span in used if span in set(anchor.spans)), anchor.spans[0])
        index, start = doc.locate(first[0])
        length = len(state.document.clauses[index].text)
        spans = [(a - start, b - start) for a, b in used if start <= a and b <= start + length]
        self._emit(rule, index, spans, result, state, notes)

    def _emit(self, rule: Rule, index: int, spans: list[tuple[int, int]], result: Result, state: Run,
              notes: list[str], reading: Reading | None = None) -> None:
        extra = list(notes)
        if reading is not None:  # spans are in the reading's text: the finding goes where its anchor is
            anchor = anchor_result(result)
            anchors = set(anchor.spans) if anchor is not None else set()
            first = next((s for s in spans if s in anchors), None)
            placed = reading.place(state.document, spans, first)
            if placed is None:
                return  # its matched words all lie in the clauses it refers to: theirs to report
            if placed.clause != index and any(f.rule == rule.id and f.clause == placed.clause
                                              for f in state.findings):
                return  # the lead-in already carries it (its own reading, or an earlier item's)
            index, spans = placed.clause, placed.spans
            extra.append(placed.note)
        clause = state.document.clauses[index]
        if clause.change == "inserted":
            extra.insert(0, INSERTED_NOTE)
        extra += defined_notes(result, state.document)
        state.findings.append(Finding(
            rule=rule.id, pack=rule.pack, title=rule.title, concern=rule.concern, group=rule.group,
            kind=rule.kind, severity=rule.severity, clause=index, quote=make_quote(clause.text, spans),
            spans=[Span(a, b) for a, b in spans], explanation=rule.explanation, ask=rule.ask,
            sources=list(rule.sources), notes=extra,
        ))


def applicability(rule: Rule, context: Context) -> list[str] | None:
    """None if a known fact rules the rule out; else notes on the facts it assumes."""
    notes = []
    for name, allowed in rule.applies.items():
        value = getattr(context, name)
        if value is None:
            notes.append(f"assumes {name} is {' or '.join(allowed)} (not known; {how_to_set(name)})")
        elif value not in allowed:
            return None
    return notes


def defined_notes(result: Result, document: Document) -> list[str]:
    """One note per defined term the match relied on: used by a matched node outside ``not`` (an
    alternative that did not match relied on nothing, and the quick path may not have tried it)."""
    terms: list[str] = []
    stack = [result]
    while stack:
        current = stack.pop()
        if not current.matched or (isinstance(current.node, Branch) and current.node.kind == "not"):
            continue
        terms += [t for t in current.defined if t not in terms]
        stack += current.children
    notes = []
    for term in terms:
        definition = document.definitions[term]
        where = f" ({_name(document, definition.clause)})" if definition.clause is not None else ""
        text = " ".join(definition.text.split())
        text = text if len(text) <= 160 else text[:160] + "\u2026"
        notes.append(f"\u201c{term}\u201d is a defined term{where}: {text}")
    return notes


def _read(state: Run, index: int) -> str | None:
    """The text read for clause ``index`` when it is not the clause's own (for explain)."""
    reading = state.readings.get(index)
    return reading.text if reading else None


def _name(document: Document, index: int | None) -> str:
    if index is None:
        return "the document"
    number = document.clauses[index].number
    return f"clause {number}" if number else f"paragraph {index + 1}"

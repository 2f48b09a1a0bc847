"""Run every rule's examples (``clausecheck rules test``): match texts must fire, no_match must not."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from ..errors import RuleTimeout
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Clause, Definition, Document
from .run import Engine
from .schema import Example, Rule

PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n")


@dataclass
class RuleTest:
    """The outcome of one rule's examples."""

    rule: Rule
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def example_document(example: Example) -> Document:
    """A Document made from an example: one clause per blank-line-separated paragraph."""
    clauses, parts, offset = [], [], 0
    for paragraph in PARAGRAPH_BREAK.split(example.text.strip()):
        text = paragraph.strip()
        clauses.append(Clause(number=None, label=None, heading=None, text=text, level=1, parent=None,
                              page=1, last_page=1, start=offset, end=offset + len(text)))
        parts.append(text)
        offset += len(text) + 2
    definitions = {term: Definition(term, text, None) for term, text in example.definitions.items()}
    return Document(path=f"<example at line {example.mark.line}>", format="text", sha256="", pages=1,
                    clauses=clauses, text="\n\n".join(parts), definitions=definitions)


def check_examples(rule: Rule, limits: Limits = DEFAULT_LIMITS) -> RuleTest:
    """Run ``rule``'s examples alone (applicability ignored: every fact unknown)."""
    engine = Engine([replace(rule, applies={})], limits=limits)
    outcome = RuleTest(rule)
    for expected, examples in ((True, rule.examples_match), (False, rule.examples_no_match)):
        for example in examples:
            try:
                findings, _ = engine.run(example_document(example))
            except RuleTimeout as error:
                outcome.failures.append(f"{example.mark}: {error}")
                continue
            fired = any(f.rule == rule.id for f in findings)
            if fired != expected:
                what = "did not fire on match" if expected else "fired on no_match"
                outcome.failures.append(f"{example.mark}: {what} example: {_short(example.text)}")
    return outcome


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 90 else text[:90] + "\u2026"

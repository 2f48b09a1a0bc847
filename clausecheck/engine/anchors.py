"""Decide which anchor matches count for a rule: polarity (negation) and exceptions."""

from __future__ import annotations

from .conditions import find_builtin
from .expr import AnchorJudge, Target, evaluate
from .negation import judge as judge_negation
from .schema import Rule


def anchor_judge(rule: Rule, target: Target, polarity: str | None = None) -> AnchorJudge:
    """A judge for ``rule``'s anchor matches in ``target`` (``polarity`` overrides the rule's)."""
    polarity = polarity or rule.polarity
    excepted: dict[tuple[int, int], str | None] = {}  # per sentence: anchors often share one

    def judge(start: int, end: int) -> tuple[bool, str]:
        sentence = target.sentences.around(start)
        negation = judge_negation(target.text, sentence, start, end)
        if polarity == "any":
            return True, f"counted whatever its polarity ({negation.reason})"
        if polarity == "negated":
            return negation.negated, ("negated: " if negation.negated else "not negated: ") + negation.reason
        if negation.negated:
            return False, f"negated: {negation.reason}"
        if sentence not in excepted:
            excepted[sentence] = find_exception(rule, target, sentence)
        exception = excepted[sentence]
        if exception:
            return False, exception
        return True, f"affirmed ({negation.reason})"

    return judge


def find_exception(rule: Rule, target: Target, sentence: tuple[int, int]) -> str | None:
    """Why the anchor's sentence is excepted by one of the rule's exceptions, or None."""
    for exception in rule.exceptions:
        if isinstance(exception, str):
            found = find_builtin(exception, target.text, sentence)
            if found:
                return f"excepted ({exception}): \u201c{' '.join(found.text.split())}\u201d"
            continue
        part = Target(target.text[sentence[0]:sentence[1]], target.rule, target.timeout, target.expansions)
        result = evaluate(exception, part)
        if result.matched:
            start, end = result.spans[0] if result.spans else (0, 0)
            return f"excepted (rule exception): \u201c{part.text[start:end]}\u201d"
    return None

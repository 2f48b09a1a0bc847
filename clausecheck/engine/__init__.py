"""The rule engine: load YAML rule packs, match them against a Document's clauses, explain verdicts.

Entry points: :func:`load_rules` (packs and user rule paths -> :class:`RuleSet`), :class:`Engine`
(run rules over a Document) and :class:`Context` (the facts that decide applicability). Most callers
want :func:`clausecheck.api.check` instead.
"""

from .context import Context
from .loader import RuleSet, load_rules
from .run import Engine

__all__ = ["Context", "Engine", "RuleSet", "load_rules"]

"""A rule's first test on a text, compiled: its leaves' needs and RE2 screens in its any/all structure.

Most rules tried on a clause cannot match it, and most are ruled out before any regex runs: a leaf's
need is missing from the keyword scan, or its screen finds nothing. :func:`gate` generates that test
for one expression as a single Python function (as :func:`~.need.checker` does for a need), which
spares the tree walk and its dispatch on every node for every rule and clause. A gate holds only where
the leaves read the text as written: a rule with a leaf that also looks for a document's defined terms
is tested by the tree walk instead (a document's targets carry only the gates it can use).
"""

from __future__ import annotations

from collections.abc import Mapping

from .expr import Expr, Gate, Leaf
from .need import Check


def gate(expr: Expr, checks: Mapping[int, Check]) -> Gate:
    """The test of ``expr``'s needs and screens (False: it cannot match the text)."""
    names: dict[str, object] = {}
    body = _code(expr, checks, names)
    return eval("lambda m, r: " + body, names)  # only the names bound above, m and r


def _code(expr: Expr, checks: Mapping[int, Check], names: dict[str, object]) -> str:
    if isinstance(expr, Leaf):
        parts = []
        check = checks.get(id(expr))
        if check is not None:
            names[f"c{len(names)}"] = check
            parts.append(f"c{len(names) - 1}(m)")
        if expr.screen_pattern is not None:  # built or not, r() asks it (None: never rules out)
            names[f"l{len(names)}"] = expr
            parts.append(f"not r(l{len(names) - 1})")
        return "(" + " and ".join(parts) + ")" if parts else "True"
    if expr.kind == "not":
        return "True"  # whatever sits under not may match or not
    joiner = " or " if expr.kind == "any" else " and "  # all, near: every side is needed
    return "(" + joiner.join(_code(child, checks, names) for child in expr.children) + ")"

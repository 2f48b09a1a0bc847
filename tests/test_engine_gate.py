"""A rule's compiled gate (engine/gate.py): its leaves' needs and screens in its any/all structure."""

from __future__ import annotations

import itertools

from clausecheck.engine.expr import Branch, Leaf, compile_pattern
from clausecheck.engine.gate import gate
from clausecheck.engine.need import checker, texts


def leaf(pattern: str) -> Leaf:
    compiled = compile_pattern(pattern)
    return Leaf("pattern", pattern, compiled.pattern, compiled.keywords, None, need=compiled.need,
                screen_pattern=compiled.screen_pattern)


GRANT, TRAIN, WAIVE = leaf(r"licen[cs]es?\s+the\s+recordings"), leaf(r"train\w*\s+models?"), leaf(r"waives?")
# every literal a leaf needs gets that leaf's bit: a mask then says which leaves' needs are met
BITS = {text: bit for item, bit in ((GRANT, 1), (TRAIN, 2), (WAIVE, 4)) for text in texts(item.need)}
CHECKS = {id(GRANT): checker(GRANT.need, BITS), id(TRAIN): checker(TRAIN.need, BITS),
          id(WAIVE): checker(WAIVE.need, BITS)}


def test_the_gate_is_the_tree_of_needs_and_screens() -> None:
    expr = Branch("any", [Branch("all", [GRANT, TRAIN], None),
                          Branch("near", [WAIVE, Branch("not", [TRAIN], None)], None)], None)
    test = gate(expr, CHECKS)
    for mask, out in itertools.product(range(8), itertools.product([False, True], repeat=3)):
        ruled_out = dict(zip((GRANT, TRAIN, WAIVE), out, strict=True))

        def can(item: Leaf, bit: int, mask: int = mask, ruled_out: dict = ruled_out) -> bool:
            return bool(mask & bit) and not ruled_out[item]

        expected = (can(GRANT, 1) and can(TRAIN, 2)) or can(WAIVE, 4)  # under not: no condition
        assert bool(test(mask, ruled_out.__getitem__)) == expected, (mask, out)


def test_a_leaf_with_neither_need_nor_screen_always_passes() -> None:
    plain = Leaf("pattern", "x", compile_pattern("x").pattern, None, None)
    assert gate(Branch("all", [plain, plain], None), {})(0, lambda _: True)

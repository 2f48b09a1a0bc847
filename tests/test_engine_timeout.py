"""A catastrophic pattern in a user's rule ends in a RuleTimeout naming the rule, within seconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from clausecheck.api import check
from clausecheck.engine.examples import example_document
from clausecheck.engine.schema import Example
from clausecheck.engine.yamlnodes import Mark
from clausecheck.errors import RuleTimeout
from clausecheck.limits import DEFAULT_LIMITS

BASE = (Path(__file__).resolve().parent / "data" / "rules" / "broken" / "unknown_concern.yaml").read_text()
EVIL = BASE.replace("ai-trainng", "ai-training").replace("name: unknown-concern", "name: evil").replace(
    "pattern: 'train'", "pattern: '(a|aa)+$'").replace("unknown-concern-rule", "evil-backtracking")


def test_catastrophic_regex_is_stopped_and_named(tmp_path):
    pack = tmp_path / "evil.yaml"
    pack.write_text(EVIL, encoding="utf-8")
    document = example_document(Example("AI " + "a" * 60 + "!", {}, Mark("t", 1, 1)))
    limits = DEFAULT_LIMITS.updated({"regex_timeout": 0.5})
    started = time.monotonic()
    with pytest.raises(RuleTimeout) as caught:
        check(document, packs=[], rules=[pack], limits=limits)
    assert time.monotonic() - started < 5
    assert caught.value.rule == "evil-backtracking"
    assert str(caught.value).startswith("rule evil-backtracking: its pattern ran longer than 0.5 s")


def test_huge_unpunctuated_clause_stays_fast():
    # one 237,000-character sentence with 3,000 anchor matches: near, negation and exceptions must not
    # go quadratic (they did: 20 s and more before windowing and word indices)
    text = "Company may use the Materials to train AI models without consent of Writer and " * 3000
    document = example_document(Example(text, {}, Mark("t", 1, 1)))
    started = time.process_time()
    report = check(document)
    assert time.process_time() - started < 15
    assert any(f.concern == "ai-training" and f.kind == "conflict" for f in report.findings)

"""Named patterns: a vocabulary entry ``{pattern: ...}`` is shared by rules through ``ref: NAME``."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.engine.catalog import NamedPattern, builtin_catalog
from clausecheck.engine.examples import example_document
from clausecheck.engine.loader import load_files, pack_paths
from clausecheck.engine.schema import Example
from clausecheck.engine.yamlnodes import Mark
from clausecheck.errors import RuleError

RULE = """\
  - id: np-gag
    title: Gag
    concern: confidentiality-gag
    kind: conflict
    severity: low
    polarity: any
    sources: [{name: Test, section: section unverified}]
    explanation: Test rule.
    ask: Test ask.
    match:
      all:
        - ref: BAN
          anchor: true
        - terms: [terms of this agreement]
    examples:
      match:
        - "Writer shall not disclose the terms of this Agreement."
        - "You agree not to reveal the terms of this Agreement."
      no_match: ["Writer may disclose the terms of this Agreement.", "Nothing here."]
"""


def pack(tmp_path: Path, vocabulary: str, ban: str = "quiet-ban") -> Path:
    path = tmp_path / "np.yaml"
    path.write_text('pack: {name: np, title: Named patterns, version: "1", description: Test.}\n'
                    f"vocabulary:\n{vocabulary}rules:\n{RULE.replace('BAN', ban)}", encoding="utf-8")
    return path


LOCAL = """\
  quiet-ban:
    description: a ban on telling
    pattern: '(?:shall|will|agrees?)\\s+not\\s+(?:to\\s+)?(?:disclose|reveal)'
"""


def fired(rules: Path, text: str) -> bool:
    document = example_document(Example(text, {}, Mark("test", 1, 1)))
    return any(f.rule == "np-gag" for f in check(document, packs=[], rules=[rules]).findings)


def test_pack_named_pattern_is_used_by_ref(tmp_path: Path) -> None:
    rules = pack(tmp_path, LOCAL)
    assert fired(rules, "Contractor shall not disclose the terms of this Agreement to anyone.")
    assert not fired(rules, "Contractor may disclose the terms of this Agreement to anyone.")


def test_shared_named_pattern_from_the_builtin_vocabulary(tmp_path: Path) -> None:
    assert isinstance(builtin_catalog().vocabulary["disclosure-ban"], NamedPattern)
    rules = pack(tmp_path, "  unused: [nothing]\n", ban="disclosure-ban")
    assert fired(rules, "Neither party will publicly announce the terms of this Agreement.")
    assert not fired(rules, "Either party may announce the terms of this Agreement.")


@pytest.mark.parametrize(("vocabulary", "message"), [
    (LOCAL + "  words:\n    include: [quiet-ban]\n", "cannot include the named pattern 'quiet-ban'"),
    ("  quiet-ban:\n    pattern: '(?:open'\n", "bad regular expression in named pattern 'quiet-ban'"),
    ("  quiet-ban:\n    pattern: 'x'\n    terms: [y]\n", "unknown key 'terms' in named pattern 'quiet-ban'"),
])
def test_named_pattern_errors_point_at_the_file(tmp_path: Path, vocabulary: str, message: str) -> None:
    rules = pack(tmp_path, vocabulary)
    with pytest.raises(RuleError) as error:
        load_files(pack_paths([], [str(rules)]))
    assert message in str(error.value)
    assert "np.yaml:" in str(error.value)

"""Rule files are validated before use; every error names file:line:column and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.engine.loader import load_files, load_rules, pack_paths
from clausecheck.errors import RuleError

ROOT = Path(__file__).resolve().parent.parent
BROKEN = "tests/data/rules/broken"


def load(*names: str):
    return load_files(pack_paths([], [f"{BROKEN}/{name}.yaml" for name in names]))


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["unknown_concern"],
         f"{BROKEN}/unknown_concern.yaml:8:5: unknown concern 'ai-trainng' (did you mean 'ai-training'?)"),
        (["unknown_key"],
         f"{BROKEN}/unknown_key.yaml:10:5: unknown key 'severty' in rule 'unknown-key-rule' "
         "(did you mean 'severity'?)"),
        (["bad_kind"], f"{BROKEN}/bad_kind.yaml:9:5: unknown kind 'conflit' (did you mean 'conflict'?)"),
        (["bad_regex"],
         f"{BROKEN}/bad_regex.yaml:19:20: bad regular expression in rule 'bad-regex-rule': "
         "missing ) at position 9"),
        (["few_examples"],
         f"{BROKEN}/few_examples.yaml:26:7: rule 'few-examples-rule' needs at least 2 'no_match' "
         "examples (has 1)"),
        (["python_object"],
         f"{BROKEN}/python_object.yaml:16:10: tag '!!python/object/apply:os.system' is not allowed "
         "in rule files"),
        (["unknown_ref"],
         f"{BROKEN}/unknown_ref.yaml:21:16: unknown named list 'artificial' (lists are in "
         "rules/vocabulary.yaml)"),
        (["dup_a", "dup_b"],
         f"{BROKEN}/dup_b.yaml:6:5: duplicate rule id 'dup-shared' (first defined at "
         f"{BROKEN}/dup_a.yaml:6:5)"),
    ],
)
def test_broken_file_error_is_located(names, message):
    with pytest.raises(RuleError) as caught:
        load(*names)
    assert str(caught.value) == message


def test_python_object_tag_never_runs(tmp_path):
    marker = Path("/tmp/clausecheck-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(RuleError):
        load("python_object")
    assert not marker.exists()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


VALID = (ROOT / BROKEN / "unknown_concern.yaml").read_text().replace("ai-trainng", "ai-training")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ([("    severity: high\n", "    severity: hihg\n")],
         ":10:5: unknown severity 'hihg' (did you mean 'high'?)"),
        ([("    kind: conflict\n", "    kind: conflict\n    scope: clauses\n")],
         ":10:5: unknown scope 'clauses' (did you mean 'clause'?)"),
        ([("  name: unknown-concern\n", "  name: Bad Name\n")],
         ":2:9: pack name 'Bad Name' must be lowercase letters, digits and dashes"),
        ([("        - ref: ai\n", "        - ref: ai\n          anchor: true\n")],
         ":21:11: rule 'unknown-concern-rule' has more than one anchor in the same 'all' or 'near' "
         "(mark one; use 'any' for alternatives)"),
        ([("        - ref: ai\n", "        - not:\n            ref: ai\n            anchor: true\n")],
         ":22:13: rule 'unknown-concern-rule': an anchor cannot sit under 'not'"),
        ([("    match:\n", "    trigger:\n")], ":6:5: rule 'unknown-concern-rule' needs 'match'"),
        ([("  version: \"1\"\n", "  version: &v \"1\"\n  description: *v\n")],
         ":4:12: YAML anchors and aliases are not allowed"),
        ([("    ask: Ask for a ban on training.\n", "    ask: Ask for a ban.\n    ask: Twice.\n")],
         ":17:5: duplicate key 'ask' (first at line 16)"),
        ([("        - ref: ai\n", "        - ref: ai\n        - ref: replica\n"),
          ("      all:\n", "      near:\n")],
         ":19:9: rule 'unknown-concern-rule': 'near' takes exactly two expressions"),
    ],
)
def test_schema_errors(tmp_path, changes, message):
    text = VALID
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        load_files([(str(path), path)])
    assert str(caught.value).startswith(str(path) + message)


def test_valid_pack_loads_and_hash_follows_content(tmp_path):
    path = write(tmp_path, VALID)
    first = load_files([(str(path), path)])
    assert [r.id for r in first.rules] == ["unknown-concern-rule"]
    path.write_text(VALID.replace("Training grant", "Training grant (edited)"), encoding="utf-8")
    second = load_files([(str(path), path)])
    assert second.version != first.version


def test_unknown_pack_name_suggests():
    with pytest.raises(RuleError) as caught:
        load_rules(["wgaa"])
    assert "unknown built-in pack 'wgaa' (did you mean 'wga'?)" in str(caught.value)


def test_builtin_packs_load_with_unique_ids():
    ruleset = load_rules()
    assert {p.name for p in ruleset.packs} >= {"wga", "speech", "gig"}
    assert len(ruleset.by_id) == len(ruleset.rules)

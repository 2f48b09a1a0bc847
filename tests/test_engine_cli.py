"""The rules and explain commands, run as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "tests" / "data" / "rules"
CORE = RULES / "core.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clausecheck", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_rules_test_passes_on_the_test_pack():
    result = run("rules", "test", str(CORE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS  core-training-grant" in result.stdout
    assert result.stdout.rstrip().endswith("7 passed, 0 failed")


def test_rules_test_fails_with_exit_1_and_says_which_example(tmp_path):
    text = CORE.read_text(encoding="utf-8").replace(
        '        - "In no event shall Company use the Materials to train any AI system."\n',
        '        - "In no event shall Company use the Materials to train any AI system."\n'
        '        - "Company may use the Materials to train AI models."\n', 1)
    pack = tmp_path / "failing.yaml"
    pack.write_text(text, encoding="utf-8")
    result = run("rules", "test", "-q", str(pack))
    assert result.returncode == 1
    assert "PASS" not in result.stdout
    assert "FAIL  core-training-grant" in result.stdout
    assert "fired on no_match example: Company may use the Materials to train AI models." in result.stdout
    assert result.stdout.rstrip().endswith("6 passed, 1 failed")


def test_broken_file_exits_2_with_location():
    for command in ("test", "validate"):
        result = run("rules", command, "tests/data/rules/broken/unknown_concern.yaml")
        assert result.returncode == 2
        assert result.stderr.strip() == (
            "clausecheck: error: tests/data/rules/broken/unknown_concern.yaml:8:5: unknown concern "
            "'ai-trainng' (did you mean 'ai-training'?)")


def test_builtin_packs_pass_their_own_examples():
    result = run("rules", "test")
    assert result.returncode == 0, result.stdout
    assert ", 0 failed" in result.stdout


def test_list_and_show():
    listing = run("rules", "list", "--pack", "wga", "--rules", str(CORE))
    assert listing.returncode == 0
    header, *rows = listing.stdout.splitlines()
    assert header.split() == ["ID", "CONCERN", "KIND", "SEVERITY", "PACK"]
    expected = ["core-training-ban", "ai-training", "protection", "low", "core"]
    assert any(row.split() == expected for row in rows)
    assert any(row.split()[-1] == "wga" for row in rows)
    shown = run("rules", "show", "core-voice-clone-near", "--pack", "wga", "--rules", str(CORE))
    assert shown.returncode == 0
    assert "within: 4" in shown.stdout and "concern: digital-replica" in shown.stdout
    missing = run("rules", "show", "core-voice-clone", "--rules", str(CORE))
    assert missing.returncode == 2 and "did you mean 'core-voice-clone-near'?" in missing.stderr


def test_explain_shows_negation_definitions_and_verdict(tmp_path):
    contract = tmp_path / "deal.txt"
    contract.write_text(
        'AGREEMENT\n\n1. "Property" means all literary material written by Writer.\n\n'
        "2. Company may use the Property to train AI models. Company shall not use the Property to train "
        "any voice model.\n\n3. Writer shall be paid weekly.\n", encoding="utf-8")
    result = run("explain", str(contract), "--rule", "core-training-grant", "--pack", "wga",
                 "--rules", str(CORE))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Clause 2 (page 1): FIRED" in out
    assert "\u201ctrain\u201d -> counted: affirmed (no negation cue before it in its sentence)" in out
    assert "\u201ctrain\u201d -> not counted: negated: governed by 'shall not'" in out
    assert "via defined term \u201cProperty\u201d" in out
    assert "Verdict: fired 1 time(s): Clause 2." in out

"""Applicability: facts from the user, config or contract decide which rules run; unknowns are noted."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.config import load_config
from clausecheck.engine.context import Context
from clausecheck.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "tests" / "data" / "rules" / "core.yaml"

BUYOUT = """WRITER AGREEMENT

1. Engagement. Writer is an independent contractor and not an employee of Company.
2. Rights. Company may exploit the Results without further compensation.
3. Law. This Agreement shall be governed by and construed in accordance with the laws of the State of {state}.
"""


def contract(tmp_path: Path, state: str = "California") -> Path:
    path = tmp_path / "deal.txt"
    path.write_text(BUYOUT.format(state=state), encoding="utf-8")
    return path


def facts(report):
    return {a.name: (a.value, a.origin) for a in report.assumptions}


def buyouts(report):
    return [f for f in report.findings if f.rule == "core-ca-buyout"]


def test_state_and_status_read_from_the_contract(tmp_path):
    report = check(contract(tmp_path), packs=[], rules=[CORE])
    assert facts(report)["state"] == ("CA", "contract")
    assert facts(report)["status"] == ("contractor", "contract")
    assert facts(report)["represented"] == (None, "unknown")
    [finding] = buyouts(report)
    assert finding.notes == []
    state = next(a for a in report.assumptions if a.name == "state")
    assert "governed by and construed in accordance with the laws of the State of California" in state.detail


def test_known_false_condition_skips_the_rule(tmp_path):
    report = check(contract(tmp_path, "New York"), packs=[], rules=[CORE])
    assert facts(report)["state"] == ("NY", "contract")
    assert buyouts(report) == []


def test_user_fact_wins_over_the_contract(tmp_path):
    report = check(contract(tmp_path, "New York"), packs=[], rules=[CORE], context={"state": "ca"})
    assert facts(report)["state"] == ("CA", "user")
    assert len(buyouts(report)) == 1


def test_unknown_condition_runs_the_rule_and_notes_the_assumption(tmp_path):
    path = tmp_path / "deal.txt"
    path.write_text(BUYOUT.split("3. Law.")[0], encoding="utf-8")
    report = check(path, packs=[], rules=[CORE])
    assert facts(report)["state"] == (None, "unknown")
    [finding] = buyouts(report)
    assert finding.notes == ["assumes state is CA (not known; set --state)"]


def test_config_file_supplies_facts_and_limits(tmp_path, monkeypatch):
    (tmp_path / "clausecheck.toml").write_text(
        'packs = ["wga"]\nrules = ["my-rules"]\nfail_on = "medium"\nstate = "ny"\nrole = "writer"\n'
        "[limits]\nregex_timeout = 2.5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert config.packs == ("wga",) and config.rules == (tmp_path / "my-rules",)
    assert config.fail_on == "medium" and config.limits.regex_timeout == 2.5
    assert config.rule_sources(("speech",), ("extra",)) == (("speech",), (tmp_path / "my-rules", "extra"))
    context = config.context_with({"role": "performer", "state": None})
    assert (context.state, context.origin("state")) == ("NY", "config")
    assert (context.role, context.origin("role")) == ("performer", "user")
    report = check(contract(tmp_path), packs=[], rules=[CORE], context=context)
    assert facts(report)["state"] == ("NY", "config")
    assert buyouts(report) == []


def test_pyproject_tool_table_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.clausecheck]\nunion = "wga"\n', encoding="utf-8")
    assert load_config(tmp_path).context == Context.given({"union": "wga"}, "config")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('stat = "CA"\n', "unknown setting 'stat' (did you mean 'state'?)"),
        ('state = "XX"\n', "state must be one of"),
        ("[limits]\nregex_timout = 1\n", "unknown limit 'regex_timout' (did you mean 'regex_timeout'?)"),
        ("[limits]\nregex_timeout = -1\n", "limits.regex_timeout must be a positive number, not -1"),
        ("state = \n", "not valid TOML"),
    ],
)
def test_bad_config_is_a_typed_error(tmp_path, text, message):
    (tmp_path / "clausecheck.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith(str(tmp_path / "clausecheck.toml") + ": ")
    assert message in str(caught.value)

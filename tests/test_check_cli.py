"""``clausecheck check`` end to end with the real loaders and rule engine: output, files, exit status."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from clausecheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
TEST_RULES = ROOT / "tests" / "data" / "check-rules"
SCHEMA = json.loads((resources.files("clausecheck") / "schema" / "report.schema.json").read_text())
# three made-up words matched by tests/data/check-rules (high, medium, low); no built-in rule knows them
CLAUSES = {
    "high": "Company may zorblax the Materials.",
    "medium": "Writer shall quintorp weekly.",
    "low": "Disputes go to flimmet.",
}
# one small built-in pack beside the test rules, so these tests do not hang on every pack's wording
RULES = ("--pack", "gig", "--rules", str(TEST_RULES))


def run(*args: str):
    return CliRunner().invoke(cli, ["check", *map(str, args)], catch_exceptions=False)


def contract(tmp_path: Path, *severities: str, name: str = "deal.txt") -> Path:
    lines = [f"{n}. {CLAUSES[s]}" for n, s in enumerate(severities, start=1)]
    lines = lines or ["1. Writer shall write a script."]
    path = tmp_path / name
    path.write_text("SERVICES AGREEMENT\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bundled_contract_prints_verdict_clause_numbers_and_pages():
    result = run(CONTRACTS / "writer-pilot-ai-grant.docx")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "clausecheck: writer-pilot-ai-grant.docx"
    assert "conflicts to raise before you sign" in lines[1]
    assert "clause 4.2, p. 1" in result.output  # the AI-training grant
    assert max(map(len, lines)) <= 80
    assert "\x1b[" not in result.output  # not a terminal: no colour


@pytest.mark.parametrize(
    ("found", "fail_on", "status"),
    [
        (("high", "medium", "low"), "low", 1),
        (("high", "medium", "low"), "high", 1),
        (("high", "medium", "low"), "never", 0),
        (("medium",), "high", 0),
        (("medium",), "medium", 1),
        (("low",), "medium", 0),
        (("low",), "low", 1),
        ((), "low", 0),
    ],
)
def test_exit_status_follows_fail_on(tmp_path, found, fail_on, status):
    result = run(contract(tmp_path, *found), *RULES, "--fail-on", fail_on, "-q")
    assert result.exit_code == status, result.output
    expected = f"{len(found)} conflict" if found else "No conflicts found in the text clausecheck could read"
    assert result.output.startswith(expected)


def test_default_fail_on_is_low_so_any_conflict_exits_1(tmp_path):
    assert run(contract(tmp_path, "low"), *RULES).exit_code == 1


def test_only_and_ignore_choose_concerns(tmp_path):
    path = contract(tmp_path, "high", "medium")
    only = run(path, *RULES, "--only", "unilateral-changes", "-q")
    assert only.output.startswith("1 conflict to raise before you sign (1 medium)")
    ignored = run(path, *RULES, "--ignore", "non-compete", "--ignore", "unilateral-changes", "-q")
    assert ignored.exit_code == 0


def test_html_report_written_atomically_with_format_from_suffix(tmp_path):
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    result = run(contract(tmp_path, "high"), *RULES, "-o", out)
    assert result.exit_code == 1
    assert result.output == f"{out}: 1 conflict to raise before you sign (1 high)\n"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "zorblax" in html
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.html"]  # no temporary file left


def test_json_output_validates_and_records_the_users_assumptions(tmp_path):
    result = run(
        CONTRACTS / "writer-pilot-ai-grant.docx",
        "--format",
        "json",
        "--state",
        "ca",
        "--union",
        "wga",
        "--role",
        "writer",
    )
    data = json.loads(result.output)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    given = {a["name"]: (a["value"], a["origin"]) for a in data["assumptions"]}
    assert given["state"] == ("CA", "user") and given["union"] == ("wga", "user")
    raised = sorted(i for issue in data["summary"]["issues"] for i in issue)
    assert raised == [f["id"] for f in data["findings"] if f["kind"] != "protection"]
    assert data["summary"]["to_raise"] == len(data["summary"]["issues"])
    assert result.exit_code == (1 if data["summary"]["to_raise"] else 0)


def test_markdown_output(tmp_path):
    result = run(contract(tmp_path, "medium"), *RULES, "--format", "md")
    assert result.output.startswith("# clausecheck report: deal.txt\n")
    assert "**quintorp**" in result.output


def test_never_writes_over_an_input_file(tmp_path):
    path = contract(tmp_path, "high")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(path), *RULES, "-o", str(path), "--format", "json"])
    assert result.exit_code != 0
    assert "one of the input files" in str(result.exception)
    assert path.read_bytes() == before


def test_several_files_into_a_folder_with_a_bad_file_reported_and_skipped(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = contract(tmp_path / "a", "high")
    second = contract(tmp_path / "b", "low")  # same name: the reports must not overwrite each other
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    out = tmp_path / "reports"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "clausecheck",
            "check",
            str(first),
            str(empty),
            str(second),
            *RULES,
            "--format",
            "json",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"clausecheck: error: {empty}: the file is empty"]
    assert sorted(p.name for p in out.iterdir()) == ["deal-2.json", "deal.json"]
    verdicts = {json.loads((out / n).read_text())["summary"]["verdict"] for n in ("deal.json", "deal-2.json")}
    assert verdicts == {
        "1 conflict to raise before you sign (1 high)",
        "1 conflict to raise before you sign (1 low)",
    }


def test_several_files_to_stdout(tmp_path):
    first, second = contract(tmp_path, "high", name="one.txt"), contract(tmp_path, name="two.txt")
    lines = run(first, second, *RULES, "--format", "json").output.splitlines()
    assert [json.loads(line)["document"]["name"] for line in lines] == ["one.txt", "two.txt"]
    text = run(first, second, *RULES, "-q").output
    assert text.splitlines() == [
        f"{first}: 1 conflict to raise before you sign (1 high)",
        f"{second}: No conflicts found in the text clausecheck could read",
    ]
    html = run(first, second, "--format", "html")
    assert html.exit_code == 2 and "add -o FOLDER" in html.output


def test_open_writes_html_and_opens_it(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    out = tmp_path / "r.html"
    result = run(contract(tmp_path, "low"), *RULES, "-o", out, "--open")
    assert result.exit_code == 1
    assert opened == [out.resolve().as_uri()]
    assert run(contract(tmp_path), "--open", "--format", "json").exit_code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.pdf"], "missing.pdf: cannot be read: no such file"),
        (["deal.txt", "--rules", "bad-rules"], "bad-rules/bad.yaml:"),
        (["deal.txt", "--pack", "nosuchpack"], "unknown built-in pack 'nosuchpack'"),
    ],
)
def test_unusable_file_or_rules_exit_2_with_one_line(tmp_path, args, message):
    contract(tmp_path)
    (tmp_path / "bad-rules").mkdir()
    (tmp_path / "bad-rules" / "bad.yaml").write_text(
        "pack: {name: bad}\nrules:\n  - id: x\n    severty: high\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "clausecheck", "check", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("clausecheck: error: ") and message in line
    assert "Traceback" not in result.stderr


def _tty_output(tmp_path: Path, env: dict[str, str]) -> bytes:
    """Run check with stdout on a pseudo-terminal and return what it printed."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "clausecheck", "check", str(contract(tmp_path, "high")), *RULES],
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(primary)
    return b"".join(chunks)


def test_colour_on_a_terminal_unless_no_color(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert b"\x1b[31mHIGH\x1b[0m" in _tty_output(tmp_path, env)
    assert b"\x1b[" not in _tty_output(tmp_path, {**env, "NO_COLOR": "1"})


def test_defaults_come_from_clausecheck_toml_and_options_override_them(tmp_path, monkeypatch):
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "severities.yaml").write_bytes((TEST_RULES / "severities.yaml").read_bytes())
    (tmp_path / "clausecheck.toml").write_text(
        'packs = ["gig"]\nrules = ["my-rules"]\nfail_on = "high"\nstate = "NY"\n', encoding="utf-8"
    )
    path = contract(tmp_path, "medium")
    monkeypatch.chdir(tmp_path)
    configured = run(path, "--format", "json")
    assert configured.exit_code == 0  # a medium conflict, and the config fails only on high
    data = json.loads(configured.output)
    assert data["summary"]["verdict"] == "1 conflict to raise before you sign (1 medium)"
    assert [p["name"] for p in data["packs"]] == ["gig", "checktest", "reader"]
    state = next(a for a in data["assumptions"] if a["name"] == "state")
    assert (state["value"], state["origin"]) == ("NY", "config")
    overridden = run(path, "--fail-on", "medium", "--state", "CA", "--format", "json")
    assert overridden.exit_code == 1
    state = next(a for a in json.loads(overridden.output)["assumptions"] if a["name"] == "state")
    assert (state["value"], state["origin"]) == ("CA", "user")


def test_a_report_folder_holding_the_inputs_never_overwrites_them(tmp_path):
    path = contract(tmp_path, "high")  # deal.txt; its text report would also be deal.txt
    before = path.read_bytes()
    result = run(path, *RULES, "-o", tmp_path)
    assert result.exit_code == 1
    assert path.read_bytes() == before
    assert (tmp_path / "deal-2.txt").read_text(encoding="utf-8").startswith("clausecheck: deal.txt\n")


def test_password_opens_an_encrypted_pdf(tmp_path):
    encrypted = ROOT / "fixtures" / "bad" / "pdf-encrypted-user.pdf"  # user password "secret"
    refused = subprocess.run(
        [sys.executable, "-m", "clausecheck", "check", str(encrypted), "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert refused.returncode == 2 and "password-protected" in refused.stderr
    opened = run(encrypted, "--password", "secret", "-q")
    assert opened.exit_code in (0, 1)
    assert re.match(r"(\d+ conflicts? to raise before you sign|No conflicts found)", opened.output)


def test_open_without_output_writes_a_private_temporary_report(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = run(contract(tmp_path, "medium"), *RULES, "--open")
    assert result.exit_code == 1
    (url,) = opened
    written = Path(url.removeprefix("file://"))
    assert written.suffix == ".html" and written.parent != tmp_path
    assert result.output == f"{written}: 1 conflict to raise before you sign (1 medium)\n"
    assert "quintorp" in written.read_text(encoding="utf-8")
    written.unlink()
    written.parent.rmdir()
